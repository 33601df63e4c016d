# Le certificat de structure (PKCS#12) du mode indirect.

structure-password-file-unreadable = impossible de lire le fichier du mot de passe du certificat de structure { $path } : { $error }
structure-password-file-unreadable-hint = vérifiez le chemin du fichier de mot de passe dans le profil et ses droits d'accès
structure-password-file-not-utf8 = le fichier de mot de passe { $path } n'est pas un texte UTF-8
structure-password-env-unset = la variable d'environnement { $var }, qui contient le mot de passe du certificat de structure, n'est pas définie
structure-password-env-unset-hint = exportez { $var }=… avant de lancer dmp, ou utilisez un fichier de mot de passe
structure-wrong-password = mot de passe erroné pour le certificat de structure { $origin }
structure-wrong-password-hint = vérifiez le fichier de mot de passe (première ligne) ou la variable d'environnement du mot de passe
structure-unsupported-encryption = le certificat de structure { $origin } utilise un chiffrement que dmp ne prend pas en charge
structure-unsupported-encryption-hint = exportez-le à nouveau avec `openssl pkcs12 -export` (AES-256 et HMAC-SHA256, le choix par défaut d'OpenSSL 3)
structure-not-pkcs12 = { $origin } n'est pas un fichier PKCS#12 lisible ({ $error })
structure-not-pkcs12-hint = le certificat de structure doit être un fichier PKCS#12 (.p12/.pfx) contenant sa clé privée
structure-unreadable = impossible de lire le certificat de structure { $path } : { $error }
structure-unreadable-hint = vérifiez le chemin du certificat de structure dans le profil
structure-no-key = { $origin } ne contient aucune clé privée
structure-export-together-hint = exportez le certificat avec sa clé : openssl pkcs12 -export -inkey key.pem -in cert.pem
structure-no-certificate = { $origin } contient une clé privée mais aucun certificat pour elle
structure-key-not-rsa = la clé privée de { $origin } n'est pas une clé RSA utilisable ({ $error })
structure-key-not-rsa-hint = un certificat de structure de l'IGC-Santé porte une clé RSA
structure-certificate-unreadable = le certificat de { $origin } est illisible : { $error }
structure-key-mismatch = la clé privée de { $origin } ne correspond pas à son certificat ({ $subject })
structure-key-mismatch-hint = exportez la clé et le certificat émis pour elle dans le même fichier PKCS#12
structure-expired = le certificat de structure { $origin } ({ $subject }) a expiré le { $date }
structure-expired-hint = demandez un nouveau certificat de structure à l'ANS et mettez à jour le profil
structure-not-yet-valid = le certificat de structure { $origin } ({ $subject }) n'est pas valide avant le { $date }
structure-not-yet-valid-hint = vérifiez l'horloge de cet ordinateur
structure-sign-failed = la signature RSA avec la clé de structure a échoué
structure-tls-sign-failed = la signature RSA a échoué
structure-tls-unsupported-scheme = { $scheme } non pris en charge
