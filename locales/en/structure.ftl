# The structure certificate (PKCS#12) of indirect mode.

structure-password-file-unreadable = cannot read the structure certificate's password file { $path }: { $error }
structure-password-file-unreadable-hint = check the profile's password file path and its permissions
structure-password-file-not-utf8 = the password file { $path } is not UTF-8 text
structure-password-env-unset = the environment variable { $var } holding the structure certificate's password is not set
structure-password-env-unset-hint = export { $var }=… before running dmp, or use a password file
structure-wrong-password = wrong password for the structure certificate { $origin }
structure-wrong-password-hint = check the password file (first line) or the password environment variable
structure-unsupported-encryption = the structure certificate { $origin } uses an encryption dmp does not support
structure-unsupported-encryption-hint = re-export it with `openssl pkcs12 -export` (AES-256 and HMAC-SHA256, the OpenSSL 3 default)
structure-not-pkcs12 = { $origin } is not a readable PKCS#12 file ({ $error })
structure-not-pkcs12-hint = the structure certificate must be a PKCS#12 (.p12/.pfx) file with its private key
structure-unreadable = cannot read the structure certificate { $path }: { $error }
structure-unreadable-hint = check the profile's structure certificate path
structure-no-key = { $origin } holds no private key
structure-export-together-hint = export the certificate together with its key: openssl pkcs12 -export -inkey key.pem -in cert.pem
structure-no-certificate = { $origin } holds a private key but no certificate for it
structure-key-not-rsa = the private key in { $origin } is not a usable RSA key ({ $error })
structure-key-not-rsa-hint = a structure certificate of the IGC-Santé carries an RSA key
structure-certificate-unreadable = the certificate in { $origin } cannot be read: { $error }
structure-key-mismatch = the private key in { $origin } does not match its certificate ({ $subject })
structure-key-mismatch-hint = export the key and the certificate issued for it into the same PKCS#12 file
structure-expired = the structure certificate { $origin } ({ $subject }) expired on { $date }
structure-expired-hint = ask the ANS for a new structure certificate and update the profile
structure-not-yet-valid = the structure certificate { $origin } ({ $subject }) is not valid before { $date }
structure-not-yet-valid-hint = check this computer's clock
structure-sign-failed = RSA signature with the structure key failed
structure-tls-sign-failed = RSA signing failed
structure-tls-unsupported-scheme = unsupported { $scheme }
