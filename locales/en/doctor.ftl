# dmp doctor: the checks' titles, their results and their fixes.

doctor-title-config = configuration file valid
doctor-title-pcscd = smart-card service (pcscd) reachable
doctor-title-readers = card reader found
doctor-title-card = card present
doctor-title-atr = card known by its ATR
doctor-title-app = CPS application selectable
doctor-title-certs = certificates readable
doctor-title-dates = certificates in date
doctor-title-chain = certificates chain to a trust anchor
doctor-title-pin-blocked = PIN not blocked
doctor-title-pin-tries = PIN tries left
doctor-title-pkcs11-module = PKCS#11 module loaded
doctor-title-pkcs11-slots = PKCS#11 slots and tokens
doctor-title-pkcs11-token = PKCS#11 token with the practitioner's certificates
doctor-title-structure = structure certificate readable and in date
doctor-title-endpoint = DMP endpoint configured
doctor-title-software = software identifiers configured (lps_oid, lps_homologation, structure_id)
doctor-title-tls = TLS handshake with the DMP
doctor-title-clock = clock in step with the DMP
doctor-title-cps-card = CPS card
doctor-title-cps-card-pcsc = CPS card over PC/SC

doctor-not-checked = not checked: { $because }
doctor-skip-indirect = indirect mode uses the structure certificate, not a card
doctor-skip-no-endpoint = no DMP endpoint is configured
doctor-skip-no-endpoint-hint = no DMP endpoint is configured (set `endpoint` in the profile, or --endpoint)
doctor-skip-no-endpoint-short = no endpoint
doctor-skip-no-credential = no usable credential (see above)
doctor-skip-no-tls = no TLS session
doctor-skip-token-pin = the token must sign the handshake, which needs the PIN: run dmp doctor at a terminal, or give --pin-file/--pin-stdin/--pin-env
doctor-skip-card-pin = the card must sign the handshake, which needs the PIN: run dmp doctor at a terminal, or give --pin-file/--pin-stdin/--pin-env
doctor-skip-no-reader = no reader
doctor-skip-no-pcscd = pcscd is not reachable
doctor-skip-no-card = no card
doctor-skip-unknown-card = unknown card
doctor-skip-no-app = the CPS application is not readable
doctor-skip-no-certs = the certificates are not readable
doctor-skip-pin-state = the PIN state is not readable
doctor-skip-pkcs11 = the card is reached through the PKCS#11 module
doctor-skip-no-pkcs11-module = no PKCS#11 module
doctor-skip-no-token = no token
doctor-software = OID { $oid }, homologation { $homologation }, structure { $structure }
doctor-software-test = OID { $oid }, homologation { $homologation }, structure { $structure } (test profile)
doctor-structure = { $subject } (structure { $structure }), valid until { $until }
doctor-tls = { $version }, { $cipher }, server { $server }
doctor-clock-no-date = the server sent no Date header
doctor-clock-no-date-fix = nothing to do; the clock could not be compared
doctor-clock-behind = { $seconds } s behind the DMP
doctor-clock-ahead = { $seconds } s ahead of the DMP
doctor-clock-warn-fix = synchronise the clock (NTP): the DMP checks the VIHF and document times
doctor-clock-off = the clock is { $detail }
doctor-clock-off-fix = synchronise the clock with a time server (NTP), at least daily: the DMP refuses assertions out of time
doctor-pcscd-answers = pcscd answers
doctor-no-reader = no card reader is connected
doctor-no-reader-fix = plug the reader in; if it is plugged, check that its driver (e.g. libccid) is installed and restart pcscd
doctor-card-in-pad = in "{ $reader }" (PIN pad: yes, the PIN is typed on the reader (unless --no-pinpad))
doctor-card-in = in "{ $reader }" (PIN pad: no)
doctor-atr-unknown = ATR { $atr } is not one of a CPS card
doctor-atr-unknown-fix = insert a CPS3 practitioner card; if this is a CPS card, report its ATR
doctor-card-serial = card serial { $serial }
doctor-no-profession = no profession
doctor-holder = { $name } { $id }, { $profession }{ $cached ->
    [yes] {" "}(cached)
   *[no] {""}
}
doctor-cert-valid-from-to = { $usage ->
    [authentication] authentication
   *[signature] signature
} certificate valid { $from } to { $to }
doctor-valid-until-days = valid until { $until } ({ $days } days left)
doctor-valid-until-days-fix = order a renewed card (ANS) before the certificates expire
doctor-valid-until = valid until { $until }
doctor-out-of-date = out of date: { $certificates }
doctor-out-of-date-fix = check the computer's clock; if it is right, the card must be renewed (ANS)
doctor-no-trust-anchor = no trust anchor is configured
doctor-no-trust-anchor-fix = set trust_anchors in the profile (PEM files of the IGC-Santé chain) or pass --ca-file
doctor-cert-error = { $usage ->
    [authentication] authentication
   *[signature] signature
} certificate: { $message }
doctor-chain-up-to = up to "{ $root }"
doctor-no-pin-try = no PIN try left
doctor-no-pin-try-fix = unblock the PIN with the card's PUK first
doctor-pin-verified = the PIN is verified in this card session
doctor-pin-verified-tries = not told while the PIN is verified
doctor-pin-not-blocked = not blocked
doctor-pin-tries-left = { $tries ->
    [one] { $tries } try left (checked without spending one)
   *[other] { $tries } tries left (checked without spending one)
}
doctor-pin-last-try-fix = one more wrong PIN blocks the card: make sure of the PIN before the next use; a right PIN resets the counter
doctor-pin-wrong-fix = a wrong PIN was entered since the last right one; a right PIN resets the counter
doctor-pkcs11-module = { $path }: { $description } { $version } by { $manufacturer } (Cryptoki { $cryptoki })
doctor-pkcs11-slot = slot { $id } "{ $description }": token "{ $label }" ({ $manufacturer } { $model }, serial { $serial }, PIN { $pin })
doctor-pkcs11-slot-empty = slot { $id } "{ $description }": no token
doctor-pkcs11-no-slot = no slot
doctor-pkcs11-token = "{ $label }" in "{ $slot }": { $name } { $id }, { $profession }{ $signature ->
    [no] , no signature certificate
   *[yes] {""}
}
doctor-token-final-try = the token says one try is left (CKF_USER_PIN_FINAL_TRY)
doctor-token-final-try-fix = a wrong PIN now blocks the card: find the right PIN first
