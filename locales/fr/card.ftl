# La carte CPS par PC/SC : lecteurs, carte, code PIN, fichiers et clés.

## Lecteurs et service de cartes à puce

card-service-hint-macos = le service de cartes à puce de macOS démarre à la demande : débranchez puis rebranchez le lecteur, et vérifiez qu'il apparaît dans Informations système > USB
card-service-hint-windows = démarrez le service Windows « Carte à puce » (services.msc, service SCardSvr) et branchez le lecteur
card-service-hint-linux = installez-le (Debian/Ubuntu : sudo apt install pcscd) et démarrez-le (sudo systemctl start pcscd.socket, ou pcscd --foreground)
card-service-not-running = le service de cartes à puce (pcscd) n'est pas démarré
card-no-reader = aucun lecteur de carte trouvé
card-no-reader-hint = branchez un lecteur de carte PC/SC (vérifiez que le système le voit avec `pcsc_scan`), puis réessayez
card-reader-unavailable = le lecteur de carte n'est plus disponible (débranché ?)
card-reader-unavailable-hint = rebranchez le lecteur et réessayez ; `dmp readers` liste les lecteurs
card-absent = aucune carte dans le lecteur
card-absent-in-reader = aucune carte dans le lecteur « { $reader } »
card-insert-or-wait-hint = insérez la carte CPS (puce en premier), ou utilisez --wait pour l'attendre
card-wait-timeout = aucune carte n'a été insérée à temps
card-wait-timeout-hint = insérez la carte CPS (puce en premier) et relancez la commande, ou donnez à --wait un délai plus long
card-removed-during-command = la carte a été retirée pendant la commande ; rien n'a été signé ni envoyé
card-reinsert-hint = réinsérez la carte et réessayez
card-removed = la carte a été retirée
card-reinsert-or-wait-hint = réinsérez la carte et réessayez (ou utilisez --wait)
card-reset-by-other = la carte a été réinitialisée par un autre programme pendant la commande ; rien n'a été signé ni envoyé, et le code PIN doit être saisi à nouveau
card-reset-by-other-hint = réessayez ; si cela se reproduit, fermez les autres programmes qui utilisent la carte (navigateur, outils CPS)
card-sharing-violation = un autre programme utilise la carte
card-sharing-violation-hint = fermez le programme qui utilise la carte (un navigateur, le gestionnaire de carte CPS, un autre dmp) et réessayez
card-unresponsive = la carte ne répond pas (insérée à l'envers, sale ou endommagée)
card-unresponsive-hint = retirez la carte, insérez-la puce en premier et réessayez ; essayez un autre lecteur si le problème persiste
card-unsupported = le lecteur ne sait pas dialoguer avec cette carte
card-unsupported-hint = vérifiez qu'il s'agit d'une carte CPS de professionnel de santé insérée puce en premier ; essayez un autre lecteur
card-protocol-mismatch = la carte et le lecteur n'ont pas pu s'accorder sur un protocole
card-protocol-mismatch-hint = retirez la carte, réinsérez-la et réessayez ; essayez un autre lecteur si le problème persiste
card-cancelled = l'opération sur la carte a été annulée
card-communication-failed = la communication avec la carte a échoué
card-communication-failed-hint = retirez la carte, réinsérez-la et réessayez ; si le problème persiste, redémarrez pcscd (sudo systemctl restart pcscd) et lancez `dmp doctor`
card-service-error = le service de cartes à puce a signalé une erreur : { $error }
card-service-error-hint = réessayez ; si le problème persiste, redémarrez pcscd (sudo systemctl restart pcscd) et lancez `dmp doctor`
card-no-reader-named = aucun lecteur nommé « { $name } »
card-no-reader-named-hint = les lecteurs sont : { $readers } ; donnez l'un de ces noms (ou une partie)
card-reader-ambiguous = « { $name } » correspond à plusieurs lecteurs : { $readers }
card-reader-ambiguous-hint = donnez une plus grande partie du nom du lecteur, ou son nom complet
card-reader-name-nul = un nom de lecteur contient un octet NUL

## Le code PIN

card-pin-empty = le code PIN est vide
card-pin-empty-hint = saisissez le code PIN de la carte (4 chiffres sur une carte CPS)
card-pin-not-digits = le code PIN ne doit contenir que des chiffres
card-pin-not-digits-hint = saisissez le code PIN de la carte (4 chiffres sur une carte CPS) ; s'il provient d'un fichier, celui-ci ne doit contenir que les chiffres
card-pin-length-exact = le code PIN a { $digits } chiffres, la carte en attend { $expected }
card-pin-length-range = le code PIN a { $digits } chiffres, la carte en attend de { $min } à { $max }
card-pin-length-hint = saisissez à nouveau le code PIN de la carte ; rien n'a été envoyé à la carte
card-pin-encoding-unsupported = le code PIN de la carte utilise un encodage que dmp ne prend pas en charge ({ $encoding })
card-pin-encoding-unsupported-hint = dmp ne prend pas en charge l'organisation de cette carte : signalez-le (aucun code PIN n'a été envoyé)
card-pin-status-verified = vérifié
card-pin-status-blocked = bloqué
card-pin-tries-left = { $tries ->
    [one] { $tries } essai restant
   *[other] { $tries } essais restants
}
card-pin-wrong = code PIN erroné : { $tries ->
    [one] { $tries } essai restant
   *[other] { $tries } essais restants
}
card-pin-wrong-hint = { $tries ->
    [one] un code PIN erroné de plus bloquera la carte : retrouvez le bon code PIN avant de réessayer (dmp ne réessaie jamais de lui-même)
   *[other] vérifiez le code PIN avant de réessayer : { $tries } codes PIN erronés de plus bloqueront la carte (dmp ne réessaie jamais de lui-même)
}
card-pin-blocked = le code PIN de la carte est bloqué
card-pin-blocked-hint = débloquez-le avec le code de déblocage (PUK) de la carte dans un outil de gestion de carte CPS, ou demandez de l'aide à l'ANS (Agence du Numérique en Santé) ; dmp n'essaie jamais de code PIN sur une carte bloquée
card-pin-format-rejected = la carte a refusé le format du code PIN ({ $meaning }, statut { $status })
card-pin-format-rejected-hint = vérifiez le nombre de chiffres du code PIN ; le compteur d'essais de la carte ne devrait pas avoir changé (voir `dmp card info`)
card-pin-last-try = il ne reste qu'un seul essai de code PIN sur la carte ; dmp ne l'utilisera pas sans confirmation
card-pin-last-try-hint = un code PIN erroné maintenant bloquerait la carte : lancez la commande dans un terminal et confirmez quand on vous le demande, ou débloquez/réinitialisez d'abord le code PIN avec le PUK dans un outil de gestion de carte

## Mots d'état et refus (les codes restent tels que la carte les envoie)

card-sw-9000 = succès
card-sw-6281 = une partie des données renvoyées est peut-être corrompue
card-sw-6282 = fin de fichier atteinte avant la longueur attendue
card-sw-6283 = le fichier sélectionné est désactivé
card-sw-6400 = l'état de la carte n'a pas changé (erreur d'exécution)
card-sw-6581 = défaillance de la mémoire
card-sw-6700 = longueur incorrecte
card-sw-6881 = canal logique non pris en charge
card-sw-6882 = messagerie sécurisée non prise en charge
card-sw-6884 = chaînage de commandes non pris en charge
card-sw-6981 = commande incompatible avec la structure du fichier
card-sw-6982 = conditions de sécurité non remplies (code PIN non vérifié)
card-sw-6983 = méthode d'authentification bloquée (code PIN bloqué)
card-sw-6984 = données de référence inutilisables
card-sw-6985 = conditions d'utilisation non remplies
card-sw-6986 = commande non autorisée (aucun fichier courant)
card-sw-6987 = objets de données de messagerie sécurisée attendus absents
card-sw-6988 = objets de données de messagerie sécurisée incorrects
card-sw-6a80 = données incorrectes dans la commande
card-sw-6a81 = fonction non prise en charge
card-sw-6a82 = fichier ou application introuvable
card-sw-6a83 = enregistrement introuvable
card-sw-6a84 = espace mémoire insuffisant dans le fichier
card-sw-6a86 = paramètres P1-P2 incorrects
card-sw-6a88 = données référencées (clé, code PIN ou environnement de sécurité) introuvables
card-sw-6b00 = paramètres incorrects (position hors du fichier)
card-sw-6d00 = instruction non prise en charge
card-sw-6e00 = classe non prise en charge
card-sw-6f00 = erreur inconnue dans la carte
card-sw-unknown = statut inconnu
card-sw-more-data = { $bytes ->
    [one] { $bytes } octet de plus attend d'être lu
   *[other] { $bytes } octets de plus attendent d'être lus
}
card-sw-wrong-le = longueur attendue incorrecte, la carte a { $bytes } octets
card-sw-verify-failed = échec de la vérification, { $tries ->
    [one] { $tries } essai restant
   *[other] { $tries } essais restants
}
card-refused = la carte a refusé de { $operation } : { $meaning } (statut { $status })
card-refused-pin-not-verified-hint = vérifiez d'abord le code PIN : dmp le demande avant toute signature ; s'il a déjà été saisi, la carte a été réinitialisée entre-temps, relancez donc la commande
card-refused-pin-blocked-hint = le code PIN est bloqué : débloquez-le avec le code de déblocage (PUK) dans un outil de gestion de carte, ou demandez de l'aide à l'ANS
card-refused-not-understood-hint = cette carte ne comprend pas les commandes de dmp : vérifiez qu'il s'agit d'une carte CPS3 de professionnel de santé (`dmp card info`)
card-refused-hint = retirez la carte, réinsérez-la et réessayez ; si le problème persiste, lancez `dmp doctor` et signalez le statut affiché
card-apdu-too-long = la commande { $command } transporte { $bytes } octets, plus que n'en contient une APDU courte ; elle doit être chaînée
card-truncated-answer = la carte a envoyé une réponse tronquée ({ $bytes } octets, sans mot d'état)
card-truncated-answer-hint = retirez la carte, réinsérez-la et réessayez ; si le problème persiste, essayez un autre lecteur

## Dialogue avec la carte (transport, TLV)

card-no-control = ce lecteur n'accepte aucune commande de contrôle
card-transaction-twice = le corps de la transaction avec la carte a été appelé deux fois
card-transaction-not-run = le corps de la transaction avec la carte n'a pas été exécuté
card-empty-chain = chaîne de commandes vide
card-endless-response = la carte annonce sans fin d'autres données de réponse
card-reinsert-retry-hint = retirez la carte, réinsérez-la et réessayez
card-file-beyond-read-binary = un fichier de la carte dépasse ce que READ BINARY peut adresser
card-layout-unsupported-hint = dmp ne prend pas en charge l'organisation de cette carte : signalez-le
card-file-claims-too-much = le fichier « { $what } » de la carte annonce { $bytes } octets, plus que dmp n'en attend
card-file-too-large = le fichier « { $what } » de la carte est plus grand que dmp ne l'attend
card-connection-closed = la connexion à la carte a été fermée
card-run-again-hint = relancez la commande
card-scripted-mismatch = carte simulée : { $expected } attendu, mais { $got } reçu
card-scripted-unexpected = carte simulée : { $got } inattendu
card-tlv-truncated = les données s'arrêtent au milieu d'un objet
card-tlv-tag-too-long = une étiquette (tag) dépasse 4 octets
card-tlv-indefinite-length = une longueur indéfinie n'est pas autorisée
card-tlv-length-too-long = une longueur est trop grande
card-tlv-unexpected-tag = étiquette { $expected } attendue, { $found } trouvée
card-tlv-missing-tag = l'étiquette { $tag } est absente
card-tlv-bad-value = valeur incorrecte : { $what }

## Parties de la carte, nommées dans les messages ci-dessous

card-part-prkdf = répertoire des clés privées (PrKDF)
card-part-cdf = répertoire des certificats (CDF)
card-part-aodf = répertoire des codes PIN (AODF)
card-part-odf = répertoire des objets (ODF)
card-part-dodf = répertoire des objets de données (DODF)
card-part-ef-dir = répertoire des applications (EF.DIR)
card-part-ef-sn = numéro de série (EF.SN.ICC)
card-part-auth-cert = certificat d'authentification
card-part-sign-cert = certificat de signature
card-part-auth-key = clé d'authentification
card-part-sign-key = clé de signature
card-part-auth-key-reference = référence de la clé d'authentification
card-part-sign-key-reference = référence de la clé de signature
card-part-pin = code PIN
card-part-data-object = objet de données

## Ce que dmp a demandé à la carte : « la carte a refusé de … »

card-op-verify-pin = vérifier le code PIN
card-op-select-file = sélectionner le fichier { $path }
card-op-select-app = sélectionner l'application CPS
card-op-select-ef-sn = sélectionner le fichier du numéro de série EF.SN.ICC
card-op-select-ef-dir = sélectionner le répertoire des applications EF.DIR
card-op-read-cert-start = lire le début du certificat d'authentification
card-op-read-file = lire le fichier « { $what } »
card-op-pin-state = indiquer l'état du code PIN
card-op-prepare-auth-key = préparer la clé d'authentification (MSE SET)
card-op-sign-auth = signer avec la clé d'authentification
card-op-prepare-hash = préparer le condensé SHA-256 (MSE SET)
card-op-hash = calculer le condensé du document (PSO HASH)
card-op-prepare-sign-key = préparer la clé de signature (MSE SET)
card-op-sign-sign = signer avec la clé de signature

## L'organisation de la carte et ses clés (CPS3, CPS4)

card-malformed = élément mal formé sur la carte : { $what } ({ $error })
card-malformed-hint = l'organisation PKCS#15 de cette carte n'est pas celle qu'attend dmp : signalez-le, avec la sortie de `dmp doctor -v`
card-pkcs15-missing = élément absent du répertoire PKCS#15 de la carte : { $what }
card-pkcs15-missing-hint = l'organisation PKCS#15 de cette carte n'est pas celle qu'attend dmp : vérifiez qu'il s'agit d'une carte CPS de professionnel de santé, et signalez-le avec `dmp doctor -v`
card-no-file = la carte n'a pas de fichier { $path }
card-no-file-hint = l'organisation de cette carte n'est pas celle qu'attend dmp : vérifiez qu'il s'agit d'une carte CPS de professionnel de santé, et signalez-le avec `dmp doctor -v`
card-no-cps-app-ias = la carte n'a pas d'application CPS (IAS)
card-no-cps-app-pkcs15 = la carte CPS4 n'a pas d'application CPS (PKCS#15)
card-insert-cps-hint = insérez une carte CPS de professionnel de santé ; `dmp readers` indique ce que contient chaque lecteur
card-pin-not-verified = le code PIN n'est pas vérifié sur la carte
card-pin-not-verified-hint = relancez la commande et saisissez le code PIN : la carte l'oublie quand elle est réinitialisée, retirée ou laissée inactive
card-signature-length = la carte a renvoyé une signature de { $bytes } octets, { $expected } attendus
card-reinsert-or-report-hint = retirez la carte, réinsérez-la et réessayez ; si le problème persiste, signalez-le
card-key-too-small = la clé d'authentification de { $bits } bits de la carte ne peut pas signer un condensé { $algorithm }
card-key-too-small-hint = utilisez SHA-256 (dmp le choisit par défaut)
card-cps4-no-chipdoc = la carte CPS4 n'ouvre pas son application ChipDoc
card-cps4-no-chipdoc-hint = retirez la carte, réinsérez-la et réessayez ; si le problème persiste, signalez-le avec `dmp doctor -v`
card-digest-info-too-long = un DigestInfo de { $bytes } octets ne tient pas dans un bloc RSA de { $block } octets
card-cps4-pss-sha256-only = la CPS4 ne signe en RSA-PSS qu'avec SHA-256, pas avec { $algorithm }
card-cps4-pss-sha256-only-hint = rien à faire : dmp propose au serveur PKCS#1 v1.5 ou PSS avec SHA-256

## La session avec la carte, sa génération et son cache

card-contactless = la carte CPS est lue par son interface sans contact, qui ne permet ni code PIN ni signature
card-contactless-hint = insérez la carte dans un lecteur à contact (puce en premier) au lieu de la poser sur un lecteur sans contact
card-unknown-card = la carte du lecteur « { $reader } » n'est pas une carte CPS connue de dmp (ATR { $atr })
card-unknown-card-hint = insérez une carte CPS3 de professionnel de santé ; s'il s'agit bien d'une carte CPS, signalez son ATR
card-not-ans = la carte n'est pas une carte CPS émise par l'ANS (son fichier de numéro de série est absent ou n'est pas au format de l'ANS)
card-directory-not-read = répertoire de la carte non lu
card-data-objects-not-read = objets de données de la carte non lus
card-profile-not-read = profil de la carte non lu
card-no-try-counter = la carte n'indique pas son compteur d'essais du code PIN
card-no-try-counter-hint = rien à faire : le nombre d'essais restants reste affiché par `dmp card info`
card-no-pinpad = le lecteur n'a pas de clavier de saisie du code PIN
card-no-pinpad-hint = saisissez le code PIN au clavier de l'ordinateur
card-generation-no-cache-check = cette génération de carte ne peut pas vérifier un certificat en cache
card-generation-no-data-objects = cette génération de carte ne peut pas lire ses objets de données
card-no-pad-entry = cette carte ne peut pas recevoir son code PIN depuis le clavier d'un lecteur
card-use-no-pinpad-hint = utilisez --no-pinpad pour saisir le code PIN au clavier de l'ordinateur
card-no-pss = cette carte ne sait pas signer en RSA-PSS
card-no-pss-hint = rien à faire : dmp signe en PKCS#1 v1.5 avec cette carte
card-digest-length = un condensé { $algorithm } doit faire { $expected } octets, et non { $bytes }
card-cache-bad-serial = numéro de série de carte invalide pour le cache : { $serial }
card-cache-write = impossible d'écrire le cache des certificats dans { $dir } : { $error }
card-cache-write-hint = vérifiez les droits de ce répertoire, ou supprimez-le
card-cache-encode = impossible d'encoder l'entrée du cache de la carte : { $error }
card-cache-remove = impossible de supprimer { $dir } : { $error }
card-cache-remove-hint = vérifiez les droits du répertoire de cache

## Lecteurs à clavier de saisie du code PIN

card-pinpad-features-malformed = la liste des fonctions PC/SC du lecteur est mal formée ({ $bytes })
card-pinpad-features-malformed-hint = dmp demandera le code PIN au clavier de l'ordinateur ; signalez le modèle du lecteur
card-pinpad-encoding-unsupported = le code PIN de la carte utilise un encodage que dmp ne prend pas en charge sur un clavier de lecteur ({ $encoding })
card-pinpad-block-too-long = le bloc du code PIN de la carte ({ $bytes } octets) est plus long que ce qu'un clavier de lecteur peut remplir
card-pinpad-answer-unknown = le clavier du lecteur a donné une réponse que dmp ne comprend pas ({ $bytes })
card-pinpad-answer-unknown-hint = vérifiez l'état de la carte avec `dmp card info` avant de réessayer ; utilisez --no-pinpad pour saisir le code PIN au clavier de l'ordinateur
card-pinpad-timeout = aucun code PIN n'a été saisi à temps sur le clavier du lecteur
card-pinpad-timeout-hint = relancez la commande et saisissez le code PIN sur le clavier du lecteur dans les { $seconds } s, puis appuyez sur sa touche OK (le compteur d'essais de la carte n'a pas changé) ; pour une exécution sans surveillance, utilisez --no-pinpad avec --pin-file, --pin-stdin ou --pin-env
card-pinpad-cancelled = la saisie du code PIN a été annulée sur le clavier du lecteur
card-pinpad-cancelled-hint = relancez la commande pour saisir le code PIN (le compteur d'essais de la carte n'a pas changé)
card-pinpad-wrong-length-exact = le code PIN saisi sur le clavier n'a pas le bon nombre de chiffres (la carte en attend { $expected })
card-pinpad-wrong-length-range = le code PIN saisi sur le clavier n'a pas le bon nombre de chiffres (la carte en attend de { $min } à { $max })
card-pinpad-wrong-length-hint = relancez la commande et saisissez le code PIN de la carte (le compteur d'essais de la carte n'a pas changé)
card-pinpad-refused = le clavier du lecteur a refusé la demande de vérification de dmp
card-pinpad-refused-hint = utilisez --no-pinpad pour saisir le code PIN au clavier de l'ordinateur (le compteur d'essais de la carte n'a pas changé), et signalez le modèle du lecteur

## Les situations d'exercice de la carte

card-activity-malformed = la situation d'exercice { $number } de la carte est mal formée
card-activity-malformed-hint = les objets de données de cette carte ne sont pas ceux qu'attend dmp : signalez-le, avec la sortie de `dmp doctor -v`
card-activity-empty = la situation d'exercice est vide
card-activity-empty-hint = donnez son numéro sur la carte (1, 2…), l'identifiant de sa structure ou son secteur (par ex. SA07) : `dmp card info --activities` les liste
card-activity-out-of-range = il n'y a pas de situation d'exercice { $choice } : une carte les numérote de 1 à 16
card-activity-out-of-range-hint = `dmp card info --activities` liste les situations d'exercice de la carte
card-activity-list-hint = `dmp card info --activities` liste les situations d'exercice de la carte ; choisissez-en une avec `--activity N|STRUCT_ID|SECTOR` ou la clé `activity` du profil
card-activity-none = la carte ne contient aucune situation d'exercice : le mode direct a besoin de la structure que nomme la carte
card-activity-none-hint = une carte CPS sans situation d'exercice ne peut pas servir en mode direct : utilisez le mode indirect (un certificat de structure), ou faites mettre à jour les situations d'exercice de la carte
card-activity-choose = la carte contient { $count } situations d'exercice : choisissez celle dans laquelle vous travaillez
card-activity-not-held = la carte ne contient pas de situation d'exercice { $choice } (elle contient { $held })
card-activity-ambiguous = plusieurs situations d'exercice de la carte correspondent à { $choice } ({ $matches })
card-activity-ambiguous-hint = choisissez-la plutôt par son numéro ou l'identifiant de sa structure

## La carte comme clé du client TLS

card-tls-cannot-sign-with = la carte ne sait pas signer avec { $scheme }
card-tls-did-not-sign = la carte n'a pas signé : { $error }
