# La carte CPS par un module PKCS#11 (--credential pkcs11).

pkcs11-module-missing = le module PKCS#11 { $path } n'existe pas
pkcs11-module-missing-hint = donnez le chemin du fichier .so du module avec --pkcs11-module ou la clé `pkcs11_module` du profil
pkcs11-no-cryptolib = aucun module PKCS#11 n'est indiqué et la Cryptolib CPS de l'ANS n'est pas installée ({ $paths })
pkcs11-no-cryptolib-hint = installez la Cryptolib CPS de l'ANS (esante.gouv.fr), ou indiquez un autre module avec --pkcs11-module CHEMIN (par ex. /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so) ou la clé `pkcs11_module` du profil
pkcs11-failed = le module PKCS#11 n'a pas pu { $operation } : { $error }
pkcs11-failed-hint = lancez `dmp doctor --credential pkcs11` pour voir le module, ses emplacements (slots) et le jeton
pkcs11-load-failed = impossible de charger le module PKCS#11 { $path } : { $error }
pkcs11-load-failed-hint = vérifiez que le fichier est un module PKCS#11 (.so) pour l'architecture de cette machine
pkcs11-no-token = le module PKCS#11 { $module } ne montre aucun jeton : aucune carte n'est insérée
pkcs11-no-token-hint = insérez la carte CPS dans le lecteur (puce en premier), puis relancez la commande
pkcs11-no-matching-slot = aucun emplacement du module PKCS#11 { $module } contenant un jeton ne correspond à « { $wanted } »
pkcs11-no-matching-slot-hint = `dmp doctor --credential pkcs11` liste les emplacements et les jetons du module ; donnez à --reader une partie de l'un de leurs noms
pkcs11-ambiguous-token = { $count } jetons du module PKCS#11 correspondent à « { $wanted } »
pkcs11-ambiguous-token-hint = donnez à --reader une plus grande partie du nom de l'emplacement ou du jeton
pkcs11-no-auth-certificate = le jeton « { $token } » ne contient aucun certificat d'authentification (libellé « { $label } », ou usage de clé digitalSignature sans nonRepudiation)
pkcs11-no-auth-certificate-hint = vérifiez que le jeton est la carte CPS du professionnel de santé (`dmp doctor --credential pkcs11` liste les emplacements), ou utilisez --credential card
pkcs11-no-sign-certificate = le jeton « { $token } » ne contient aucun certificat de signature (libellé « { $label } », ou usage de clé nonRepudiation)
pkcs11-no-sign-certificate-hint = laissez `sign_vihf` non défini dans le profil, ou utilisez un jeton portant la clé de signature de la carte
pkcs11-pin-format-rejected = le jeton a refusé le format du code PIN
pkcs11-pin-format-rejected-hint = vérifiez le nombre de chiffres du code PIN ; le compteur d'essais du jeton ne devrait pas avoir changé
pkcs11-no-auth-key = le jeton « { $token } » ne montre aucune clé privée pour son certificat d'authentification
pkcs11-no-sign-key = le jeton « { $token } » ne montre aucune clé privée pour son certificat de signature
pkcs11-no-key-hint = la clé doit porter le CKA_ID du certificat ou le libellé { $label } ; examinez le jeton avec `pkcs11-tool --module { $module } -O --login`
pkcs11-pin-asked-again = le jeton redemande le code PIN avant de signer
pkcs11-pin-asked-again-hint = relancez la commande ; dmp ne signe qu'après une seule connexion
pkcs11-card-removed = la carte a été retirée pendant la signature
pkcs11-card-removed-hint = réinsérez la carte et relancez la commande
pkcs11-mechanism-refused = le mécanisme est refusé pour cette clé
pkcs11-mechanism-refused-hint = le module ne propose aucune signature PKCS#1 v1.5 avec cette clé : signalez le module et sa version
pkcs11-data-object-hidden = le jeton ne donne pas la valeur de { $label }
pkcs11-data-object-hidden-hint = le module masque le contenu de cet objet de données : signalez le module et sa version
pkcs11-tls-cannot-sign-with = le jeton ne sait pas signer avec { $scheme }
pkcs11-tls-did-not-sign = le jeton n'a pas signé : { $error }

## Ce que dmp a demandé au module : « le module PKCS#11 n'a pas pu … »

pkcs11-op-initialise = s'initialiser
pkcs11-op-describe-itself = se décrire
pkcs11-op-list-slots = lister ses emplacements
pkcs11-op-describe-slot = décrire un emplacement
pkcs11-op-describe-token = décrire un jeton
pkcs11-op-describe-the-token = décrire le jeton
pkcs11-op-list-certificates = lister les certificats
pkcs11-op-find-key = chercher une clé privée
pkcs11-op-open-session = ouvrir une session
pkcs11-op-describe-session = décrire la session
pkcs11-op-log-in = se connecter
pkcs11-op-sign-auth = signer avec la clé d'authentification
pkcs11-op-sign-sign = signer avec la clé de signature
pkcs11-op-read-data-object = lire l'objet de données { $label }
pkcs11-op-list-data-objects = lister ses objets de données
pkcs11-op-read-data-object-label = lire le libellé d'un objet de données
