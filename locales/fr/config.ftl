# Le fichier de configuration (src/config.rs).

config-repository-key-without-address = { $key } est défini, mais audit_repository ne l'est pas
config-repository-key-without-address-hint = définissez audit_repository = "hôte:port" (le dépôt d'audit du cabinet, syslog sur TLS), ou retirez les clés audit_repository_*
config-and = {" "}et{" "}
config-repository-files-missing = audit_repository est défini, mais { $keys } { $count ->
        [one] ne l'est pas
       *[other] ne le sont pas
    }
config-repository-files-missing-hint = le dépôt d'audit est joint en TLS avec certificats client et serveur : indiquez l'autorité de certification du dépôt (audit_repository_ca) ainsi que notre certificat et sa clé (audit_repository_cert, audit_repository_key), fichiers PEM
config-file-missing = le fichier de configuration { $path } n'existe pas
config-file-missing-hint = vérifiez le chemin de --config, ou omettez-le pour utiliser le fichier par défaut
config-cannot-read = impossible de lire { $path } : { $error }
config-cannot-read-hint = vérifiez que le fichier existe et qu'il est lisible
config-file-line = { $path }, ligne { $line }
config-did-you-mean = vouliez-vous dire `{ $key }` ?
config-known-keys = les clés acceptées ici : { $keys }
config-unknown-key = { $place } : clé inconnue `{ $key }`
config-invalid-file = { $path } n'est pas un fichier de configuration valide : { $error }
config-invalid-file-line = { $path } n'est pas un fichier de configuration valide, ligne { $line } : { $error }
config-invalid-file-hint = corrigez-le ou retirez-le ; la section configuration du README donne les clés qu'un profil accepte
config-no-such-profile = aucun profil nommé '{ $name }' dans la configuration
config-no-profile-yet = aucun profil n'est encore défini : ajoutez une table [profiles.NAME] au fichier de configuration (ou lancez `dmp-sandbox serve`, qui écrit le profil `sandbox`)
config-known-profiles = profils connus : { $names }
config-bad-lang = langue inconnue `{ $value }` : `lang` vaut "en" ou "fr"
