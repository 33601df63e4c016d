# Messages des commandes qui n'ont pas de fichier de catalogue propre.

commands-no-card-inserted = aucune carte n'a été insérée dans les { $seconds } s
commands-no-card-inserted-hint = insérez la carte CPS, puce en premier, dans un lecteur à contact
commands-report-date-type-authorization = autorisation ajoutée depuis la date
commands-report-date-type-document = document ajouté ou modifié depuis la date
commands-report-no-web-ps = aucune adresse pour le site web du DMP destiné aux professionnels (Web PS)
commands-report-no-web-ps-hint = ajoutez `web_ps_url = "https://…"` au profil (l'adresse Web PS de votre plateforme DMP), ou passez --web-ps-url URL
commands-report-bad-web-ps-hint = indiquez l'adresse de base du Web PS, schéma et hôte seulement, p. ex. `https://host` (dmp ajoute /AccesDirect/HistoriqueAcces/<INS>)
commands-report-web-ps-not-address = web_ps_url « { $url } » n'est pas une adresse ({ $error })
commands-report-web-ps-not-https = web_ps_url « { $url } » n'est pas une adresse https (le Web PS n'est servi qu'en HTTPS)
commands-report-web-ps-no-host = web_ps_url « { $url } » ne nomme aucun hôte
commands-report-web-ps-query = web_ps_url « { $url } » contient une requête ou un fragment

# Traces réseau (--trace-wire).
commands-trace-not-directory = l'emplacement des traces réseau { $path } n'est pas un répertoire
commands-trace-not-directory-hint = indiquez un répertoire pour --trace-wire (ou `trace_wire`) ; dmp le crée s'il n'existe pas
commands-trace-unusable = impossible d'utiliser le répertoire des traces réseau { $path } : { $error }
commands-trace-unusable-hint = vérifiez le chemin donné à --trace-wire (ou `trace_wire`)
commands-trace-cannot-create = impossible de créer le répertoire des traces réseau { $path } : { $error }
commands-trace-cannot-create-hint = vérifiez le chemin donné à --trace-wire (ou `trace_wire`) et les droits de son répertoire parent
commands-trace-foreign = le répertoire des traces réseau { $path } appartient à un autre utilisateur (uid { $uid })
commands-trace-foreign-hint = les traces réseau contiennent des données de santé : indiquez un répertoire qui vous appartient, ou un nouveau (dmp le crée, mode 0700)
commands-trace-open = le répertoire des traces réseau { $path } est accessible à d'autres (mode { $mode })
commands-trace-open-hint = les traces réseau contiennent des données de santé : `chmod 700 { $path }`, ou indiquez un nouveau répertoire (dmp le crée, mode 0700)
commands-trace-cannot-write = impossible d'écrire la trace réseau { $path } : { $error }
commands-trace-cannot-write-hint = vérifiez l'espace libre et les droits du répertoire de --trace-wire (ou `trace_wire`)
commands-trace-response-lost = { $error } ; la transaction elle-même a abouti

# dmp patient status et listes.
commands-patient-expired = votre autorisation a expiré : une fois que le patient a donné son consentement, renouvelez-la avec `dmp patient authorize`
commands-patient-not-authorized = vous n'êtes pas encore autorisé : une fois que le patient a donné son consentement, déclarez l'autorisation avec `dmp patient authorize`
commands-patient-blocked = le patient vous a bloqué : aucun accès à ce DMP, dans aucun mode
commands-patient-regulation-possible = l'accès en mode régulation (centre 15) est possible
commands-patient-emergency-possible = l'accès en mode bris de glace est possible
commands-patient-authorized-attending = vous êtes autorisé, en tant que médecin traitant du patient (médecin traitant DMP)
commands-patient-authorized = vous êtes autorisé
commands-patient-list-authorized = autorisé
commands-patient-list-blocked = bloqué par le patient
commands-patient-list-all = autorisé ou bloqué

# Un avertissement du registre du DMP, sur une ligne.
commands-warning-reported = le DMP a signalé { $code } ({ $severity }{ $at }){ $answering }{ $context }
commands-warning-at = , à { $location }
commands-warning-answering = {" "}en réponse à { $query }
commands-warning-context = {" "}: { $context }

# dmp card avec --credential pkcs11.
commands-card-pkcs11-token = jeton PKCS#11 « { $label } »
