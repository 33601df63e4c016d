# Réglages et règles vérifiés avant une transaction DMP : mode, profil, moyen d'authentification.

access-reason-not-regulation = --reason ne sert qu'à l'accès en mode bris de glace, pas à l'accès en mode régulation
access-reason-not-normal = --reason ne sert qu'à l'accès en mode bris de glace, pas à l'accès normal
access-reason-not-emergency-hint = pour un accès en mode bris de glace, ajoutez --mode emergency ; sinon, retirez --reason
access-emergency-needs-reason = l'accès en mode bris de glace exige un motif
access-emergency-needs-reason-hint = indiquez-le avec --reason "…" : il est conservé dans le journal d'audit local (le DMP enregistre lui-même l'accès en mode bris de glace, et le patient et son médecin traitant en sont informés)
access-not-configured = valeur non configurée : { $what }
access-not-configured-hint = renseignez `{ $key }` dans le profil
access-no-endpoint = aucune adresse du DMP n'est configurée
access-no-endpoint-hint = renseignez `endpoint` dans le profil, ou passez --endpoint https://…/si-dmp-server/v2/services
access-no-trust-anchor = aucune autorité de confiance n'est configurée
access-no-trust-anchor-hint = renseignez `trust_anchors` dans le profil (fichiers PEM de la chaîne IGC-Santé) ou passez --ca-file ; dmp ne se connecte jamais sans vérifier le serveur
access-unknown-profession = la profession de la carte « { $profession } » n'a pas de code G15 connu
access-unknown-profession-hint = renseignez `profession` (code TRE_G15, p. ex. 10 pour Médecin) dans le profil
access-what-practitioner-profession = profession (code TRE_G15) du professionnel
access-what-practitioner-id = professionnel (identifiant national du professionnel de santé agissant via la structure)
access-what-practitioner-name = nom du professionnel
access-what-lps-oid = OID du logiciel
access-what-lps-homologation = numéro d'homologation du LPS
access-what-structure-id = identifiant de la structure
access-no-lps-oid-hint = renseignez `lps_oid` dans le profil avec l'OID de votre logiciel (ses messages HL7 et identifiants de requête sont numérotés sous cet OID)
access-lps-oid-not-oid = lps_oid « { $oid } » n'est pas un OID
access-lps-oid-not-oid-hint = écrivez-le sous forme de nombres séparés par des points, p. ex. 1.2.250.1.…
access-lps-oid-test = lps_oid { $oid } est un OID de test, et ce profil n'est pas un profil de test
access-lps-oid-test-hint = renseignez dans `lps_oid` l'OID enregistré de votre logiciel, ou `test_profile = true` pour une plateforme de test
access-ins-authority-test = ins_authority « { $authority } » est réservé aux plateformes de test, et ce profil n'est pas un profil de test
access-ins-authority-test-hint = retirez `ins_authority` (les vrais INS sont des NIR), ou indiquez `test_profile = true` pour une plateforme de test
access-test-ins = l'INS { $ins } relève de l'autorité de test { $authority }, et ce profil n'est pas un profil de test
access-test-ins-hint = indiquez le vrai INS du patient (NIR), ou utilisez un profil de test (`test_profile = true`) sur une plateforme de test
access-bodies-need-traces = --trace-wire-bodies exige des traces réseau où conserver les documents
access-bodies-need-traces-hint = ajoutez --trace-wire DIR (ou renseignez `trace_wire` dans le profil)
access-no-structure-cert = aucun certificat de structure n'est configuré
access-no-structure-cert-hint = renseignez `structure_cert` dans le profil ou passez --structure-cert FILE.p12
access-ins-authority-unknown = ins_authority « { $authority } » n'est pas l'une des valeurs nir, test, demo
access-ins-authority-unknown-hint = corrigez `ins_authority` dans le profil
access-no-structure-password = aucun mot de passe pour le certificat de structure
access-no-structure-password-hint = renseignez `structure_cert_password_file` dans le profil, ou passez --structure-cert-password-file FILE ou --structure-cert-password-env VAR
