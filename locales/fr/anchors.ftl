# Ancres de confiance (les certificats des autorités de l'IGC-Santé) et vérification des chaînes.

anchors-unreadable = impossible de lire le fichier d'ancres de confiance { $path } : { $error }
anchors-unreadable-hint = vérifiez la clé trust_anchors du profil ou le chemin donné à --ca-file
anchors-not-pem = { $path } n'est pas un fichier PEM valide : { $error }
anchors-pem-hint = les ancres de confiance sont des certificats PEM (-----BEGIN CERTIFICATE-----)
anchors-bad-certificate = { $path } contient un certificat illisible : { $error }
anchors-no-certificate = { $path } ne contient aucun certificat
anchors-leaf-unreadable = le certificat est illisible : { $error }
anchors-no-issuer = aucune ancre de confiance n'a émis « { $issuer } » (ou sa signature ne se vérifie pas)
anchors-no-issuer-hint = ajoutez la chaîne de l'IGC-Santé (autorités racine et intermédiaires) à la clé trust_anchors du profil, ou passez --ca-file
anchors-ca-out-of-date = le certificat d'autorité « { $subject } » n'est plus valide (valable du { $from } au { $to })
anchors-ca-out-of-date-hint = mettez à jour les fichiers d'ancres de confiance avec la chaîne actuelle de l'IGC-Santé
anchors-chain-too-long = la chaîne de certificats est trop longue ou boucle
anchors-chain-too-long-hint = vérifiez les fichiers d'ancres de confiance
