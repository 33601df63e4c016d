# Messages des commandes qui n'ont pas de fichier de catalogue propre.

commands-no-card-inserted = aucune carte n'a été insérée dans les { $seconds } s
commands-no-card-inserted-hint = insérez la carte CPS, puce en premier, dans un lecteur à contact
commands-report-date-type-authorization = autorisation ajoutée depuis la date
commands-report-date-type-document = document ajouté ou modifié depuis la date
commands-report-no-web-ps = aucune adresse pour le site web du DMP destiné aux professionnels (Web PS)
commands-report-no-web-ps-hint = ajoutez `web_ps_url = "https://…"` au profil (l'adresse Web PS de votre plateforme DMP), ou passez --web-ps-url URL
commands-report-bad-web-ps-hint = indiquez l'adresse de base du Web PS, schéma et hôte seulement, p. ex. `https://host` (dmp ajoute /AccesDirect/HistoriqueAcces/<INS>)
commands-report-web-ps-not-address = web_ps_url « { $url } » n'est pas une adresse ({ $error })
commands-report-web-ps-not-https = web_ps_url « { $url } » n'est pas une adresse https (le Web PS n'est servi qu'en HTTPS)
commands-report-web-ps-no-host = web_ps_url « { $url } » ne nomme aucun hôte
commands-report-web-ps-query = web_ps_url « { $url } » contient une requête ou un fragment
