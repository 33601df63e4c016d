# Les règles de consentement et de droits du DMP (PDT-INF-526) : refus et conseils.

consent-refused = { $message } (règle { $rule })

consent-what-status = consulter l'état du DMP du patient
consent-what-authorize = déclarer une autorisation
consent-what-authorize-attending = devenir médecin traitant du patient
consent-what-remove-authorization = retirer son autorisation
consent-what-remove-attending = renoncer au rôle de médecin traitant
consent-what-authorized-list = lister les DMP sur lesquels il est autorisé
consent-what-professionals = lister les professionnels autorisés sur un DMP
consent-what-search-metadata = rechercher les documents
consent-what-find-reference = retrouver un document
consent-what-retrieve = récupérer le contenu d'un document
consent-what-push = ajouter un document au DMP
consent-what-mask = masquer un document aux professionnels
consent-what-unmask = démasquer un document aux professionnels
consent-what-show-to-patient = rendre un document visible au patient
consent-what-archive = archiver ou désarchiver un document
consent-what-delete = supprimer un document

consent-who-non-physician = un professionnel de santé non médecin
consent-who-physician = un médecin
consent-who-occupational = un médecin du travail
consent-who-attending = le médecin traitant du patient
consent-who-cpe = un porteur de CPE (non professionnel de santé)
consent-who-structure = un certificat de structure (mode indirect)

consent-patient-posted-archive = seul le médecin traitant du patient (ou le patient) peut archiver ou désarchiver un document déposé par le patient
consent-patient-posted-delete = seul le médecin traitant du patient (ou le patient) peut supprimer un document déposé par le patient
consent-patient-posted-hint = adressez-vous au médecin traitant du patient (médecin traitant DMP), ou au patient dans Mon espace santé
consent-own-only = { $who } ne peut { $what } que pour les documents dont il est l'auteur, et celui-ci a un autre auteur
consent-own-only-delete-hint = seul l'auteur peut supprimer un document (C8) : adressez-vous à son auteur
consent-own-only-hint = adressez-vous à l'auteur du document, ou au médecin traitant du patient
consent-structure-only = une structure ne supprime que ses propres documents, et celui-ci provient d'une autre structure
consent-structure-only-hint = adressez-vous à l'auteur du document ou à sa structure

consent-mode-emergency = bris de glace
consent-mode-regulation = régulation (centre 15)
consent-normal-only = l'accès en mode { $mode } n'est pas ouvert à { $who }
consent-normal-only-hint = retirez --mode : la matrice des droits du DMP ne donne à cet utilisateur que l'accès normal
consent-emergency-structure = l'accès en mode bris de glace est impossible avec un certificat de structure
consent-emergency-structure-hint = le DMP n'autorise l'accès en mode bris de glace qu'avec la carte CPS du professionnel (mode direct) : insérez la carte et utilisez --credential card

consent-matrix = selon la matrice des droits du DMP, { $who } ne peut pas { $what }
consent-matrix-hint-occupational-retrieve = le DMP permet à un médecin du travail de voir les métadonnées des documents, mais de n'en récupérer aucun contenu, pas même celui de ses propres documents ; demandez le document au patient ou à son médecin traitant
consent-matrix-hint-structure-change = un certificat de structure ou une CPE ne peut que supprimer les documents de la structure ; pour changer la visibilité d'un document ou l'archiver, utilisez la carte CPS du professionnel (--credential card)
consent-matrix-hint-structure = un certificat de structure ou une CPE ne consulte pas le DMP : la matrice lui donne le test d'existence, la liste des DMP autorisés et les documents de la structure ; consultez avec la carte CPS du professionnel (--credential card)
consent-matrix-hint-mode = le DMP n'autorise pas cette action en mode bris de glace ou régulation : faites-la en mode normal
consent-matrix-hint-remove-attending = seul le médecin traitant du patient (médecin traitant DMP) peut renoncer à ce rôle : `dmp patient status` indique si vous l'êtes
consent-matrix-hint = la matrice des droits du DMP ne donne pas ce droit à cet utilisateur : réessayer n'y changera rien

consent-closed-on-utc = le { $date } UTC
consent-closed-on = le { $date }
consent-closed = le DMP du patient a été fermé{ $when }{ $why } : rien ne peut y être lu ni ajouté
consent-closed-hint = un DMP fermé ne peut être ni consulté ni alimenté ; le patient peut le rouvrir dans Mon espace santé
consent-no-dmp = le patient n'a pas de DMP
consent-no-dmp-hint = vérifiez l'INS ; le patient peut ouvrir son DMP dans Mon espace santé
consent-blocked = le patient a bloqué votre accès à son DMP{ $why }
consent-blocked-hint = le blocage par le patient s'applique dans tous les modes, bris de glace et régulation compris, avec ou sans autorisation ; seul le patient peut le lever
consent-opposed-emergency = le patient s'est opposé à l'accès en mode bris de glace à son DMP
consent-opposed-emergency-hint = le DMP ne peut pas être ouvert en mode bris de glace ; en mode normal, il faut l'autorisation du patient
consent-opposed-regulation = le patient s'est opposé à l'accès par la régulation (centre 15) à son DMP
consent-opposed-regulation-hint = le DMP ne peut pas être ouvert par un centre de régulation médicale ; en mode normal, il faut l'autorisation du patient
consent-authorization-expired = votre autorisation sur ce DMP a expiré
consent-authorization-expired-hint = une fois que le patient a donné son consentement, renouvelez-la : dmp patient authorize --ins …
consent-not-authorized = vous n'êtes pas autorisé sur ce DMP
consent-not-authorized-hint = une fois que le patient a donné son consentement, déclarez l'autorisation : dmp patient authorize --ins … (en urgence : --mode emergency --reason "…")
consent-missing = le consentement du patient à votre accès doit être confirmé avant de déclarer l'autorisation
consent-missing-hint = demandez-le au patient, puis confirmez à l'invite, ou passez --patient-consent dans un script

# Les mots de la règle d'un refus, affichés dans la langue de l'exécution (la règle elle-même,
# telle que le journal l'enregistre, reste écrite comme dans la référence).
consent-rule-normal-only = accès normal uniquement
consent-rule-card-only = bris de glace avec une carte CPS uniquement
consent-rule-expired = autorisation EXPIRE
consent-rule-none = autorisation NON_EXISTE
consent-rule-consent = consentement du patient
consent-rule-declare = (déclarer une autorisation)
consent-rule-become-attending = (devenir médecin traitant)
consent-rule-remove = (retirer son autorisation)
consent-rule-stop-attending = (ne plus être médecin traitant)
consent-rule-metadata = (recherche de métadonnées)
consent-rule-reference = (référence d'un document)
consent-rule-mask = (masquer aux professionnels)
consent-rule-unmask = (démasquer aux professionnels)
consent-rule-show = (rendre visible au patient)
consent-rule-archive = (archiver ou désarchiver)
consent-rule-delete = (supprimer)
consent-rule-column = colonne
consent-rule-colon = {"\u00A0"}:
