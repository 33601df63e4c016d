# The CPS card over PC/SC: readers, the card, its PIN, its files and keys.

## Readers and the smart-card service

card-service-hint-macos = the macOS smart-card service starts on demand: unplug and plug the reader back in, and check it in System Information > USB
card-service-hint-windows = start the Windows "Smart Card" service (services.msc, service SCardSvr) and plug the reader in
card-service-hint-linux = install it (Debian/Ubuntu: sudo apt install pcscd) and start it (sudo systemctl start pcscd.socket, or pcscd --foreground)
card-service-not-running = the smart-card service pcscd is not running
card-no-reader = no smart-card reader found
card-no-reader-hint = plug in a PC/SC card reader (check that the system sees it with `pcsc_scan`), then retry
card-reader-unavailable = the card reader is no longer available (unplugged?)
card-reader-unavailable-hint = plug the reader back in and retry; `dmp readers` lists the readers
card-absent = no card in the reader
card-absent-in-reader = no card in the reader "{ $reader }"
card-insert-or-wait-hint = insert the CPS card (chip first), or use --wait to wait for it
card-wait-timeout = no card was inserted in time
card-wait-timeout-hint = insert the CPS card (chip first) and run the command again, or give --wait a longer time
card-removed-during-command = the card was removed during the command; nothing was signed or sent
card-reinsert-hint = reinsert the card and retry
card-removed = the card was removed
card-reinsert-or-wait-hint = reinsert the card and retry (or use --wait)
card-reset-by-other = the card was reset by another program during the command; nothing was signed or sent, and the PIN must be entered again
card-reset-by-other-hint = retry; if it happens again, close the other programs that use the card (browser, CPS tools)
card-sharing-violation = another program is holding the card
card-sharing-violation-hint = close the program that uses the card (a browser, the CPS card manager, another dmp) and retry
card-unresponsive = the card does not answer (inserted the wrong way, dirty, or damaged)
card-unresponsive-hint = remove the card, insert it chip first, and retry; try another reader if it persists
card-unsupported = the reader cannot talk to this card
card-unsupported-hint = check the card is a CPS practitioner card inserted chip first; try another reader
card-protocol-mismatch = the card and the reader could not agree on a protocol
card-protocol-mismatch-hint = remove the card, insert it again and retry; try another reader if it persists
card-cancelled = the card operation was cancelled
card-communication-failed = the communication with the card failed
card-communication-failed-hint = remove the card, insert it again and retry; if it persists, restart pcscd (sudo systemctl restart pcscd) and run `dmp doctor`
card-service-error = the smart-card service reported an error: { $error }
card-service-error-hint = retry; if it persists, restart pcscd (sudo systemctl restart pcscd) and run `dmp doctor`
card-no-reader-named = no reader named "{ $name }"
card-no-reader-named-hint = the readers are: { $readers }; give one of these names (or part of it)
card-reader-ambiguous = "{ $name }" matches several readers: { $readers }
card-reader-ambiguous-hint = give more of the reader's name, or its full name
card-reader-name-nul = a reader name contains a NUL byte

## The PIN

card-pin-empty = the PIN is empty
card-pin-empty-hint = type the card's PIN code (4 digits on a CPS card)
card-pin-not-digits = the PIN must contain only digits
card-pin-not-digits-hint = type the card's PIN code (4 digits on a CPS card); if it comes from a file, the file must hold only the digits
card-pin-length-exact = the PIN has { $digits } digits, the card expects { $expected } digits
card-pin-length-range = the PIN has { $digits } digits, the card expects { $min } to { $max } digits
card-pin-length-hint = type the card's PIN code again; nothing was sent to the card
card-pin-encoding-unsupported = the card's PIN uses an encoding dmp does not support ({ $encoding })
card-pin-encoding-unsupported-hint = this card's layout is not supported by dmp: report it (no PIN was sent)
card-pin-status-verified = verified
card-pin-status-blocked = blocked
card-pin-tries-left = { $tries ->
    [one] 1 try left
   *[other] { $tries } tries left
}
card-pin-wrong = wrong PIN: { $tries ->
    [one] 1 try left
   *[other] { $tries } tries left
}
card-pin-wrong-hint = { $tries ->
    [one] one more wrong PIN blocks the card: find the right PIN before trying again (dmp does not retry by itself)
   *[other] check the PIN before trying again: { $tries } more wrong PINs block the card (dmp does not retry by itself)
}
card-pin-blocked = the card's PIN is blocked
card-pin-blocked-hint = unblock it with the card's PUK (code de déblocage) in a CPS card-management tool, or ask the ANS (Agence du Numérique en Santé) for help; dmp never tries a PIN on a blocked card
card-pin-format-rejected = the card rejected the PIN's format ({ $meaning }, status { $status })
card-pin-format-rejected-hint = check the number of digits of the PIN; the card's try counter should not have changed (see `dmp card info`)
card-pin-last-try = only one PIN try is left on the card; dmp will not use it without confirmation
card-pin-last-try-hint = a wrong PIN now would block the card: run the command at a terminal and confirm when asked, or unblock/reset the PIN with the PUK in a card-management tool first

## Status words and refusals (the codes stay as the card sends them)

card-sw-9000 = success
card-sw-6281 = part of the returned data may be corrupted
card-sw-6282 = end of file reached before the expected length
card-sw-6283 = the selected file is deactivated
card-sw-6400 = the card's state did not change (execution error)
card-sw-6581 = memory failure
card-sw-6700 = wrong length
card-sw-6881 = logical channel not supported
card-sw-6882 = secure messaging not supported
card-sw-6884 = command chaining not supported
card-sw-6981 = command incompatible with the file structure
card-sw-6982 = security status not satisfied (PIN not verified)
card-sw-6983 = authentication method blocked (PIN blocked)
card-sw-6984 = reference data not usable
card-sw-6985 = conditions of use not satisfied
card-sw-6986 = command not allowed (no current file)
card-sw-6987 = expected secure-messaging data objects missing
card-sw-6988 = incorrect secure-messaging data objects
card-sw-6a80 = incorrect data in the command
card-sw-6a81 = function not supported
card-sw-6a82 = file or application not found
card-sw-6a83 = record not found
card-sw-6a84 = not enough memory space in the file
card-sw-6a86 = incorrect parameters P1-P2
card-sw-6a88 = referenced data (key, PIN or security environment) not found
card-sw-6b00 = wrong parameters (offset outside the file)
card-sw-6d00 = instruction not supported
card-sw-6e00 = class not supported
card-sw-6f00 = unknown error inside the card
card-sw-unknown = unknown status
card-sw-more-data = { $bytes } more bytes are waiting to be read
card-sw-wrong-le = wrong expected length, the card has { $bytes } bytes
card-sw-verify-failed = verification failed, { $tries } tries left
card-refused = the card refused to { $operation }: { $meaning } (status { $status })
card-refused-pin-not-verified-hint = verify the PIN first: dmp asks for it before any signature; if it was already entered, the card was reset meanwhile, so run the command again
card-refused-pin-blocked-hint = the PIN is blocked: unblock it with the PUK (code de déblocage) in a card-management tool, or ask the ANS for help
card-refused-not-understood-hint = this card does not understand dmp's commands: check it is a CPS3 practitioner card (`dmp card info`)
card-refused-hint = remove the card, insert it again and retry; if it persists, run `dmp doctor` and report the status shown
card-apdu-too-long = command { $command } carries { $bytes } bytes, more than a short APDU holds; it must be chained
card-truncated-answer = the card sent a truncated answer ({ $bytes } bytes, without a status word)
card-truncated-answer-hint = remove the card, insert it again and retry; if it persists, try another reader

## Talking to the card (transport, TLV)

card-no-control = this reader takes no control commands
card-transaction-twice = card transaction body called twice
card-transaction-not-run = card transaction body was not run
card-empty-chain = empty command chain
card-endless-response = the card keeps announcing more response data
card-reinsert-retry-hint = remove the card, insert it again and retry
card-file-beyond-read-binary = a file on the card is larger than READ BINARY can address
card-layout-unsupported-hint = this card's layout is not supported by dmp: report it
card-file-claims-too-much = the card's { $what } file claims { $bytes } bytes, more than dmp expects
card-file-too-large = the card's { $what } file is larger than dmp expects
card-connection-closed = the connection to the card was closed
card-run-again-hint = run the command again
card-scripted-mismatch = scripted card: expected { $expected } but got { $got }
card-scripted-unexpected = scripted card: unexpected { $got }
card-tlv-truncated = data end in the middle of an object
card-tlv-tag-too-long = a tag is longer than 4 bytes
card-tlv-indefinite-length = an indefinite length is not allowed
card-tlv-length-too-long = a length does not fit
card-tlv-unexpected-tag = expected tag { $expected }, found { $found }
card-tlv-missing-tag = tag { $tag } is missing
card-tlv-bad-value = bad value: { $what }

## Parts of the card, named in the messages below

card-part-prkdf = private-key directory (PrKDF)
card-part-cdf = certificate directory (CDF)
card-part-aodf = PIN directory (AODF)
card-part-odf = object directory (ODF)
card-part-dodf = data object directory (DODF)
card-part-ef-dir = application directory (EF.DIR)
card-part-ef-sn = serial-number (EF.SN.ICC)
card-part-auth-cert = authentication certificate
card-part-sign-cert = signature certificate
card-part-auth-key = authentication key
card-part-sign-key = signature key
card-part-auth-key-reference = key reference for the authentication key
card-part-sign-key-reference = key reference for the signature key
card-part-pin = PIN
card-part-data-object = data object

## What dmp asked the card: "the card refused to …"

card-op-verify-pin = verify the PIN
card-op-select-file = select the file { $path }
card-op-select-app = select the CPS application
card-op-select-ef-sn = select the serial-number file EF.SN.ICC
card-op-select-ef-dir = select the application directory EF.DIR
card-op-read-cert-start = read the start of the authentication certificate
card-op-read-file = read the { $what } file
card-op-pin-state = tell the PIN's state
card-op-prepare-auth-key = prepare the authentication key (MSE SET)
card-op-sign-auth = sign with the authentication key
card-op-prepare-hash = prepare the SHA-256 hash (MSE SET)
card-op-hash = hash the document (PSO HASH)
card-op-prepare-sign-key = prepare the signature key (MSE SET)
card-op-sign-sign = sign with the signature key

## The card's layout and its keys (CPS3, CPS4)

card-malformed = the card's { $what } is malformed ({ $error })
card-malformed-hint = this card's PKCS#15 layout is not what dmp expects: report it, with the output of `dmp doctor -v`
card-pkcs15-missing = the card's PKCS#15 directory has no { $what }
card-pkcs15-missing-hint = this card's PKCS#15 layout is not what dmp expects: check it is a CPS practitioner card, and report it with `dmp doctor -v`
card-no-file = the card has no file { $path }
card-no-file-hint = this card's layout is not what dmp expects: check it is a CPS practitioner card, and report it with `dmp doctor -v`
card-no-cps-app-ias = the card has no CPS application (IAS)
card-no-cps-app-pkcs15 = the CPS4 card has no CPS application (PKCS#15)
card-insert-cps-hint = insert a CPS practitioner card; `dmp readers` shows what each reader holds
card-pin-not-verified = the PIN is not verified on the card
card-pin-not-verified-hint = run the command again and enter the PIN: the card forgets it when it is reset, removed or left idle
card-signature-length = the card returned a signature of { $bytes } bytes, expected { $expected }
card-reinsert-or-report-hint = remove the card, insert it again and retry; if it persists, report it
card-key-too-small = the card's { $bits }-bit authentication key cannot sign a { $algorithm } digest
card-key-too-small-hint = use SHA-256 (dmp chooses it by default)
card-cps4-no-chipdoc = the CPS4 card does not open its ChipDoc application
card-cps4-no-chipdoc-hint = remove the card, insert it again and retry; if it persists, report it with `dmp doctor -v`
card-digest-info-too-long = a { $bytes }-byte DigestInfo does not fit a { $block }-byte RSA block
card-cps4-pss-sha256-only = the CPS4 signs RSA-PSS with SHA-256 only, not { $algorithm }
card-cps4-pss-sha256-only-hint = nothing to do: dmp offers the server PKCS#1 v1.5 or PSS with SHA-256

## The card session, its generation and its cache

card-contactless = the CPS card is read through its contactless interface, which allows no PIN and no signature
card-contactless-hint = insert the card into a contact reader (chip first) instead of laying it on a contactless pad
card-unknown-card = the card in the reader "{ $reader }" is not a CPS card dmp knows (ATR { $atr })
card-unknown-card-hint = insert a CPS3 practitioner card; if this is a CPS card, report its ATR
card-not-ans = the card is not a CPS card issued by the ANS (its serial-number file is missing or not in the ANS format)
card-directory-not-read = card directory not read
card-data-objects-not-read = card data objects not read
card-profile-not-read = card profile not read
card-no-try-counter = the card does not tell its PIN try counter
card-no-try-counter-hint = nothing to do: the number of tries left is still shown by `dmp card info`
card-no-pinpad = the reader has no PIN pad
card-no-pinpad-hint = type the PIN on the keyboard
card-generation-no-cache-check = this card generation cannot check a cached certificate
card-generation-no-data-objects = this card generation cannot read its data objects
card-no-pad-entry = this card cannot take its PIN from a reader's pad
card-use-no-pinpad-hint = use --no-pinpad to type the PIN on the keyboard
card-no-pss = this card cannot sign RSA-PSS
card-no-pss-hint = nothing to do: dmp signs PKCS#1 v1.5 with this card
card-digest-length = a { $algorithm } digest must be { $expected } bytes, got { $bytes }
card-cache-bad-serial = invalid card serial for the cache: { $serial }
card-cache-write = cannot write the certificate cache in { $dir }: { $error }
card-cache-write-hint = check the permissions of that directory, or remove it
card-cache-encode = cannot encode the card cache entry: { $error }
card-cache-remove = cannot remove { $dir }: { $error }
card-cache-remove-hint = check the permissions of the cache directory

## PIN-pad readers

card-pinpad-features-malformed = the reader's PC/SC feature list is malformed ({ $bytes })
card-pinpad-features-malformed-hint = dmp will ask for the PIN on the keyboard; report the reader's model
card-pinpad-encoding-unsupported = the card's PIN uses an encoding dmp does not support on a PIN pad ({ $encoding })
card-pinpad-block-too-long = the card's PIN block ({ $bytes } bytes) is longer than a PIN pad can fill
card-pinpad-answer-unknown = the PIN pad gave an answer dmp does not understand ({ $bytes })
card-pinpad-answer-unknown-hint = check the card's state with `dmp card info` before trying again; use --no-pinpad to type the PIN on the keyboard
card-pinpad-timeout = no PIN was typed on the reader's pad in time
card-pinpad-timeout-hint = run the command again and type the PIN on the reader's pad within { $seconds } s, then press its OK key (the card's try counter did not change); for an unattended run use --no-pinpad with --pin-file, --pin-stdin or --pin-env
card-pinpad-cancelled = the PIN entry was cancelled on the reader's pad
card-pinpad-cancelled-hint = run the command again to enter the PIN (the card's try counter did not change)
card-pinpad-wrong-length-exact = the PIN typed on the pad has the wrong number of digits (the card expects { $expected } digits)
card-pinpad-wrong-length-range = the PIN typed on the pad has the wrong number of digits (the card expects { $min } to { $max } digits)
card-pinpad-wrong-length-hint = run the command again and type the card's PIN (the card's try counter did not change)
card-pinpad-refused = the PIN pad refused dmp's verification request
card-pinpad-refused-hint = use --no-pinpad to type the PIN on the keyboard (the card's try counter did not change), and report the reader's model

## The card's activities (situations d'exercice)

card-activity-malformed = the card's activity { $number } is malformed
card-activity-malformed-hint = this card's data objects are not what dmp expects: report it, with the output of `dmp doctor -v`
card-activity-empty = the activity is empty
card-activity-empty-hint = give its number on the card (1, 2…), its structure id or its sector (e.g. SA07): `dmp card info --activities` lists them
card-activity-out-of-range = there is no activity { $choice }: a card numbers them 1 to 16
card-activity-out-of-range-hint = `dmp card info --activities` lists the card's activities
card-activity-list-hint = `dmp card info --activities` lists the card's activities; choose one with `--activity N|STRUCT_ID|SECTOR` or the profile's `activity` key
card-activity-none = the card holds no activity (situation d'exercice): direct mode needs the structure the card names
card-activity-none-hint = a CPS without activity cannot be used in direct mode: use indirect mode (a structure certificate), or have the card's activities updated
card-activity-choose = the card holds { $count } activities: choose the one to work in
card-activity-not-held = the card holds no activity { $choice } (it holds { $held })
card-activity-ambiguous = several of the card's activities match { $choice } ({ $matches })
card-activity-ambiguous-hint = choose it by number or structure id instead

## The card as the TLS client key

card-tls-cannot-sign-with = the card cannot sign with { $scheme }
card-tls-did-not-sign = the card did not sign: { $error }
