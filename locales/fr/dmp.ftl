# Le protocole du DMP : fautes SOAP, VIHF, réponses MIME, documents CDA, réponses du DMP.
# Les textes propres au DMP (déjà en français) sont affichés tels quels, dans ces messages.

dmp-fault-refused = le DMP a refusé la requête : { $code } : { $text }
dmp-fault-with-rule = { $message } (règle : { $rule })
dmp-fault-rule-rights-matrix = la matrice des droits fonctionnels du DMP, PDT-INF-526
dmp-fault-hint-rights-service = le service de droits du DMP refuse cette transaction à votre profession, à votre carte ou à votre mode d'accès, ou sur le DMP de ce patient (le texte du DMP ci-dessus précise lequel) ; réessayer n'y changera rien
dmp-fault-rule-consent = les règles de consentement du DMP
dmp-fault-hint-consent = vérifiez le DMP du patient et votre autorisation avec `dmp patient status --ins …` : si l'autorisation manque ou a expiré et que le patient y consent, déclarez-la ; si le patient vous a bloqué (INTERDIT), aucun accès n'est possible
dmp-fault-rule-unknown-document = document inconnu, ou que la matrice des droits fonctionnels (PDT-INF-526, TD3.2) ne vous ouvre pas
dmp-fault-hint-unknown-document = le DMP fait cette réponse aussi bien pour un document qui n'existe pas que pour un document que vous n'avez pas le droit de récupérer : un document masqué aux professionnels n'est accessible qu'à son auteur et au médecin traitant (en mode bris de glace ou régulation, seulement si le patient l'a permis) ; vérifiez l'identifiant unique du document avec `dmp docs list --ins …`
dmp-fault-hint-invalid-certificate = le DMP a rejeté le certificat qui a signé le VIHF : ce doit être le certificat de signature (non-répudiation) de la carte ou le certificat SIGN de la structure, valide et émis par l'IGC-Santé
dmp-fault-hint-no-specialty = les médecins et les pharmaciens doivent transmettre leur spécialité dans le rôle du VIHF : en mode direct, dmp la lit sur la carte (`dmp card info` l'affiche) ; en mode indirect, renseignez `practitioner_specialty` dans le profil
dmp-fault-hint-structure-unknown = l'identifiant de structure (Identifiant_Structure) du VIHF est inconnu ou inactif au DMP : vérifiez la situation d'exercice choisie sur la carte (`dmp card info --activities`) ou, en mode indirect, l'identifiant de structure du profil
dmp-fault-hint-structure-not-linked = le DMP ne vous rattache pas à la structure nommée dans le VIHF : choisissez une autre situation d'exercice de la carte (`--activity`, `dmp card info --activities`), ou faites mettre à jour vos situations d'exercice dans l'annuaire des professionnels de santé
dmp-soap-not-envelope = le DMP a répondu par un document qui n'est pas une enveloppe SOAP (élément racine « { $root } »)
dmp-soap-no-body = le DMP a répondu par une enveloppe SOAP sans Body
dmp-soap-empty-body = le DMP a répondu par un Body SOAP vide
dmp-soap-unexpected-root = le DMP a répondu « { $found } » au lieu de « { $expected } »
dmp-http-status-html = le point d'accès a répondu HTTP { $status } avec une page HTML, et non une réponse SOAP
dmp-http-status-media = le point d'accès a répondu HTTP { $status } ({ $media }), et non une réponse SOAP
dmp-http-status-empty = le point d'accès a répondu HTTP { $status }, sans contenu
dmp-http-status-not-soap = le point d'accès a répondu HTTP { $status }, et non une réponse SOAP
dmp-http-hint-nothing-at-url = vérifiez le point d'accès : rien à { $url } ne reçoit de requêtes DMP (le paramètre `endpoint` du profil, ou --endpoint, se termine par /si-dmp-server/v2/services)
dmp-http-hint-access-refused = le serveur, ou un proxy sur le chemin, a refusé l'accès à { $url } : vérifiez le point d'accès et les réglages du proxy
dmp-http-hint-gateway = un proxy ou une passerelle sur le chemin de { $url } n'a pas pu joindre le DMP, ou le DMP est indisponible : réessayez plus tard ; si cela persiste, vérifiez le point d'accès et le proxy
dmp-http-hint-check-endpoint = vérifiez le point d'accès { $url } (le paramètre `endpoint` du profil, ou --endpoint) ; réessayez plus tard si le DMP est indisponible
dmp-vihf-no-practitioner-id = le VIHF doit contenir l'identifiant national de l'utilisateur (idNat_PS)
dmp-vihf-no-structure-id = le VIHF doit contenir l'identifiant national de la structure (Identifiant_Structure)
dmp-vihf-hint-structure-id = mode direct : la situation d'exercice de la carte le donne (`dmp card info --activities`) ; mode indirect : renseignez `structure_id` dans le profil
dmp-vihf-no-profession = le VIHF doit contenir la profession de l'utilisateur (rôle TRE_G15)
dmp-vihf-no-specialty = les médecins et les pharmaciens doivent transmettre leur spécialité dans un second rôle du VIHF
dmp-vihf-hint-specialty = le DMP rejette la requête sans elle : en mode direct elle vient de la carte (CPS_INFO_PS), qui n'en indique aucune ; en mode indirect, renseignez `practitioner_specialty` (par exemple SM26) dans le profil
dmp-vihf-no-subject-name = les modes indirects exigent le nom de l'utilisateur dans le VIHF (subject-id)
dmp-vihf-break-glass-needs-card = l'accès en mode bris de glace n'est possible qu'avec une carte CPS dans le lecteur (mode direct)
dmp-vihf-no-issuer = VIHF sans Issuer
dmp-vihf-unsigned = le mode { $mode } exige un VIHF signé avec le certificat de signature de la structure
