# The CPS card through a PKCS#11 module (--credential pkcs11).

pkcs11-module-missing = the PKCS#11 module { $path } does not exist
pkcs11-module-missing-hint = give the path of the module's .so file with --pkcs11-module or `pkcs11_module` in the profile
pkcs11-no-cryptolib = no PKCS#11 module is named and the ANS Cryptolib CPS is not installed ({ $paths })
pkcs11-no-cryptolib-hint = install the Cryptolib CPS from the ANS (esante.gouv.fr), or name another module with --pkcs11-module PATH (e.g. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so) or `pkcs11_module` in the profile
pkcs11-failed = the PKCS#11 module failed to { $operation }: { $error }
pkcs11-failed-hint = run `dmp doctor --credential pkcs11` to see the module, its slots and the token
pkcs11-load-failed = cannot load the PKCS#11 module { $path }: { $error }
pkcs11-load-failed-hint = check that the file is a PKCS#11 module (.so) for this machine's architecture
pkcs11-no-token = the PKCS#11 module { $module } shows no token: no card is inserted
pkcs11-no-token-hint = insert the CPS card into the reader (chip first), then run the command again
pkcs11-no-matching-slot = no slot of the PKCS#11 module { $module } holding a token matches "{ $wanted }"
pkcs11-no-matching-slot-hint = `dmp doctor --credential pkcs11` lists the module's slots and tokens; give --reader a part of one of their names
pkcs11-ambiguous-token = { $count } tokens of the PKCS#11 module match "{ $wanted }"
pkcs11-ambiguous-token-hint = give --reader a longer part of the slot or token name
pkcs11-no-auth-certificate = the token "{ $token }" holds no authentication certificate (label "{ $label }", or key usage digitalSignature without nonRepudiation)
pkcs11-no-auth-certificate-hint = check that the token is the practitioner's CPS card (`dmp doctor --credential pkcs11` lists the slots), or use --credential card
pkcs11-no-sign-certificate = the token "{ $token }" holds no signature certificate (label "{ $label }", or key usage nonRepudiation)
pkcs11-no-sign-certificate-hint = leave `sign_vihf` unset in the profile, or use a token with the card's signature key
pkcs11-pin-format-rejected = the token rejected the PIN's format
pkcs11-pin-format-rejected-hint = check the number of digits of the PIN; the token's try counter should not have changed
pkcs11-no-auth-key = the token "{ $token }" shows no private key for its authentication certificate
pkcs11-no-sign-key = the token "{ $token }" shows no private key for its signature certificate
pkcs11-no-key-hint = the key needs the certificate's CKA_ID or the label { $label }; check the token with `pkcs11-tool --module { $module } -O --login`
pkcs11-pin-asked-again = the token asks for the PIN again before signing
pkcs11-pin-asked-again-hint = run the command again; dmp signs only after one login
pkcs11-card-removed = the card was removed while signing
pkcs11-card-removed-hint = insert the card again and run the command again
pkcs11-mechanism-refused = the mechanism is refused for this key
pkcs11-mechanism-refused-hint = the module offers no PKCS#1 v1.5 signature with this key: report the module and its version
pkcs11-data-object-hidden = the token does not give the value of { $label }
pkcs11-data-object-hidden-hint = the module hides this data object's content: report the module and its version
pkcs11-tls-cannot-sign-with = the token cannot sign with { $scheme }
pkcs11-tls-did-not-sign = the token did not sign: { $error }

## What dmp asked the module: "the PKCS#11 module failed to …"

pkcs11-op-initialise = initialise
pkcs11-op-describe-itself = describe itself
pkcs11-op-list-slots = list its slots
pkcs11-op-describe-slot = describe a slot
pkcs11-op-describe-token = describe a token
pkcs11-op-describe-the-token = describe the token
pkcs11-op-list-certificates = list the certificates
pkcs11-op-find-key = look for a private key
pkcs11-op-open-session = open a session
pkcs11-op-describe-session = describe the session
pkcs11-op-log-in = log in
pkcs11-op-sign-auth = sign with the authentication key
pkcs11-op-sign-sign = sign with the signature key
pkcs11-op-read-data-object = read the data object { $label }
pkcs11-op-list-data-objects = list its data objects
pkcs11-op-read-data-object-label = read a data object's label
