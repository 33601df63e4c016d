# dmp push : vérification des documents avant leur envoi, et la soumission.

push-test-ins = l'INS { $ins } relève d'une autorité de test, et ce profil n'est pas un profil de test
push-replaces-not-oid = « { $id } » n'est pas un identifiant unique de document (un OID)
push-unknown-kind = ni un document CDA R2 (XML), ni un PDF, ni un fichier texte
push-unreadable = illisible : { $error }
push-id-mismatch = l'identifiant { $id } du CDA n'est pas l'identifiant unique { $given } enregistré pour lui
push-test-unique-id = l'identifiant unique { $id } relève d'un OID de test, et ce profil n'est pas un profil de test
push-no-patient = un PDF ou un texte ne désigne aucun patient : indiquez --ins
push-no-type = indiquez le type de document (p. ex. --type 11502-2)
push-unknown-type = le type { $code } n'appartient pas à { $valueset }
push-replaced-missing = le document { $id } à remplacer n'est pas dans le DMP de ce patient
push-replaced-not-current = le document { $id } à remplacer n'est plus la version courante (il a été remplacé ou supprimé)
push-replaced-hint = vérifiez son identifiant unique avec dmp docs list --ins …
push-no-documents = une soumission sans document
push-several-patients = { $other } concerne un autre patient ({ $other_ins }) que { $first } ({ $first_ins }) : une soumission ne concerne qu'un patient
push-several-patients-hint = envoyez les documents de chaque patient dans une commande distincte
push-no-content-type = le type de contenu n'appartient pas à JDV_J59
