# The practitioner, as the card's authentication certificate names them.

identity-unreadable = the card's authentication certificate cannot be read ({ $error })
identity-unreadable-hint = remove the card, insert it again and retry; if the cached copy is damaged, dmp reads it again from the card
identity-no-cn = the card's authentication certificate has no common name (CN)
identity-not-cps-hint = this is not a CPS personal certificate: check the card is a practitioner's CPS
identity-cn-not-national-id = the card's certificate CN "{ $cn }" is not a national identifier
