# La ligne de commande : `--help`, les pages de manuel, les descriptions des complétions.
# Clés (voir src/cli/localise.rs) : cli-cmd-<mots> (description de `dmp <mots>`, cli-cmd-dmp pour
# dmp lui-même), cli-arg-<id> (aide d'une option), cli-cmd-<mots>-arg-<id> (aide de cette option
# dans cette commande seulement), cli-value-<arg>-<valeur>, cli-example-<mots>-<n>.

## Les mots de clap

cli-heading-usage = Utilisation :
cli-heading-commands = Commandes{"\u00A0"}
cli-heading-arguments = Arguments{"\u00A0"}
cli-heading-options = Options{"\u00A0"}
cli-heading-global-options = Options globales{"\u00A0"}
cli-heading-examples = Exemples :
cli-heading-exit-codes = Codes de sortie :
cli-spec-default = [par défaut : { $value }]
cli-spec-env = [variable : { $name }={ $value }]
cli-spec-possible-values = [valeurs possibles : { $values }]
cli-spec-values-heading = Valeurs possibles :
cli-arg-help = Afficher l'aide
cli-arg-help-long = Afficher l'aide (un résumé avec '-h')
cli-arg-version = Afficher la version
cli-cmd-help = Afficher ce message ou l'aide des sous-commandes indiquées

## Codes de sortie

cli-exit-success = succès
cli-exit-internal = erreur interne (un bogue : merci de le signaler)
cli-exit-usage = ligne de commande incorrecte
cli-exit-config = problème de configuration ou de profil
cli-exit-reader = problème du service de cartes à puce (pcscd) ou du lecteur de carte
cli-exit-card = carte absente, retirée, inconnue, occupée ou en erreur
cli-exit-pin = code PIN faux, bloqué, refusé ou indisponible
cli-exit-network = échec réseau ou TLS
cli-exit-server = le DMP a répondu par une erreur
cli-exit-denied = refusé par les règles d'accès du DMP
cli-exit-input = entrée mal formée (fichier, identifiant, valeur)
cli-exit-check-failed = une vérification a échoué : dmp doctor (au moins une vérification) ou dmp audit verify (la chaîne du journal d'audit est rompue)
cli-exit-partial = la réponse est partielle : des résultats manquent (affichés malgré tout) ; pour push --batch, une partie des documents est passée et l'autre non
cli-exit-interrupted = interrompu (Ctrl-C)
cli-exit-broken-pipe = la sortie a été fermée avant la fin (`dmp … | head`) ; rien n'est affiché
cli-exit-terminated = arrêté (SIGTERM)
cli-pin-note =
    Le code PIN n'est jamais lu sur la ligne de commande : il vient d'une saisie au terminal,
    de --pin-file, --pin-stdin ou --pin-env.

## Commandes

cli-cmd-dmp = Client en ligne de commande du Dossier Médical Partagé (DMP) pour les professionnels de santé, signé par la carte CPS
cli-cmd-readers = Lister les lecteurs de carte : carte présente ou non, son ATR et sa génération
cli-cmd-card = Lire la carte CPS : porteur, certificats, code PIN
cli-cmd-card-info = Identité du porteur, numéro de série et génération de la carte, certificats et essais restants du code PIN (sans consommer d'essai)
cli-cmd-card-verify-pin = Vérifier le code PIN une fois et donner les essais restants. Un code PIN faux n'est jamais réessayé
cli-cmd-doctor = Vérifier l'installation (service de cartes à puce, lecteur, carte, certificats, code PIN, TLS vers le DMP, horloge) et dire comment réparer ce qui échoue
cli-cmd-patient = Le DMP d'un patient : statut, autorisation, professionnels
cli-cmd-patient-status = Le patient a-t-il un DMP, et pouvez-vous y accéder (TD0.2) ?
cli-cmd-patient-authorize = Vous déclarer autorisé sur le DMP du patient, avec son consentement, ou retirer cette autorisation (TD0.3)
cli-cmd-patient-professionals = Les professionnels autorisés sur le DMP du patient, ou bloqués (TD1.6)
cli-cmd-patient-history-url = L'adresse de l'historique des accès au DMP du patient sur le site web du DMP pour les professionnels (Web PS, TD0.9), à ouvrir dans un navigateur qui a accès à votre carte CPS : le médecin traitant voit tous les accès, tout autre professionnel les siens. N'envoie rien
cli-cmd-patients = Les patients sur le DMP desquels vous êtes autorisé
cli-cmd-patients-authorized = Les DMP sur lesquels vous (ou votre structure) avez été autorisé depuis une date (TD0.4)
cli-cmd-docs = Les documents d'un patient : les lister et les ouvrir
cli-cmd-docs-list = Lister les documents du patient avec type, date, auteur et visibilité (TD3.1)
cli-cmd-docs-get = Récupérer un document par son identifiant unique (TD3.2), contrôlé par son empreinte et sa taille
cli-cmd-docs-replace = Remplacer un document par une nouvelle version (TD2.1b) : l'ancienne devient obsolète, la nouvelle prend sa place
cli-cmd-docs-mask = Masquer un document aux autres professionnels (TD3.3a, MASQUE_PS) : seuls son auteur et le médecin traitant du patient le voient encore
cli-cmd-docs-unmask = Rendre un document visible aux professionnels (TD3.3a) : vos propres documents, ou tout document en tant que médecin traitant du patient
cli-cmd-docs-show-to-patient = Rendre un document visible au patient et à ses représentants légaux (TD3.3b), une fois qu'il lui a été annoncé en consultation
cli-cmd-docs-archive = Archiver un document (TD3.3d) : il quitte la liste par défaut (`docs list --status archived` le montre). Vos propres documents, ou tout document en tant que médecin traitant
cli-cmd-docs-unarchive = Désarchiver un document archivé (TD3.3d)
cli-cmd-docs-delete = Supprimer un document du DMP (TD3.3c) : seul son auteur le peut (ou, pour les documents de la structure, la structure). Demande confirmation au terminal ; --yes dans les scripts
cli-cmd-push = Ajouter des documents au DMP d'un patient (TD2.1) : les documents CDA R2 tels quels, les PDF et textes simples enveloppés dans un CDA de niveau 1. Les fichiers d'une commande forment une seule soumission, pour un seul patient, signée une fois
cli-cmd-audit = Le journal d'audit local : vérifier qu'aucun enregistrement n'a été modifié, supprimé ou réordonné, et envoyer ses enregistrements au dépôt d'audit du cabinet
cli-cmd-audit-verify = Parcourir la chaîne d'empreintes du journal d'audit et signaler le premier enregistrement modifié, supprimé ou réordonné, avec son numéro et son heure (code de sortie 11 quand la chaîne est rompue)
cli-cmd-audit-forward = Envoyer au dépôt d'audit du cabinet (`audit_repository` dans le profil) les enregistrements du journal pas encore envoyés, dans l'ordre, en messages IHE ATNA sur syslog/TLS. Chaque commande DMP le tente déjà à sa fin ; celle-ci envoie ce qui est resté en attente. Une intention dont le résultat peut encore venir attend, et les enregistrements suivants avec elle
cli-cmd-report = Rapports : les accès enregistrés dans le journal d'audit local, et ce que dit le DMP des autorisations et des DMP autorisés (texte, JSON ou CSV)
cli-cmd-report-access = Qui a accédé au DMP de quel patient depuis cette machine, quand, dans quel mode, pourquoi, et ce qui a été refusé, d'après le journal d'audit local. Les accès en mode bris de glace, en régulation et refusés sont signalés. Tableau, --output json ou csv, --summary, --chart, --html
cli-cmd-report-authorizations = Les professionnels autorisés sur le DMP d'un patient, ou bloqués, tels que le DMP les liste (TD1.6) : mode (autorisé, médecin traitant, bloqué), autorisé depuis, dernière action
cli-cmd-report-patients = Les DMP sur lesquels vous (ou votre structure) êtes autorisé (TD0.4), avec votre dernier accès, la dernière mise à jour de leurs documents et la date de votre autorisation

## Options et arguments

cli-arg-access-mode = Seulement ce mode d'accès (répétable)
cli-arg-activities = Lister aussi les situations d'exercice de la carte (structure, secteur, organisation), que la carte ne montre qu'après le code PIN : le demande
cli-arg-activity = Mode direct : la situation d'exercice de la carte dans laquelle travailler, par son numéro sur la carte, son identifiant de structure ou son secteur (p. ex. 2, 499700000017001, SA07) ; au lieu de `activity` du profil. Nécessaire quand la carte en porte plusieurs
cli-arg-attending = Vous déclarer médecin traitant du patient (médecin traitant DMP)
cli-arg-author = Identifiant national de l'auteur
cli-arg-batch = Envoyer un lot pour de nombreux patients, sans surveillance : un MANIFEST.csv (colonnes file, ins, title, type, masked, invisible_to_patient, invisible_to_legal_reps, service_start ; chemins relatifs à son dossier) ou un dossier de fichiers CDA (chacun nomme son patient). Une soumission par patient. Son état est gardé dans $XDG_STATE_HOME/dmp/batches/ : relancez le même lot après toute interruption et il se termine avec chaque document une seule fois dans le DMP (un document dont le résultat est inconnu est recherché avant d'être renvoyé). Code de sortie 0 : tous les documents sont dans le DMP ; 12 : une partie ; sinon rien n'est passé
cli-arg-by = Ce à quoi --since s'applique : l'autorisation (ajoutée depuis), les documents (ajoutés ou modifiés depuis), ou l'un ou l'autre (les deux listes, fusionnées)
cli-arg-ca-file = Fichier PEM des ancres de confiance (racines et intermédiaires IGC-Santé), au lieu de celles du profil
cli-arg-chart = Au lieu des enregistrements, les accès par jour en barres
cli-arg-class-code = Code de classe de document (répétable), p. ex. 10
cli-arg-config = Fichier de configuration (par défaut : $XDG_CONFIG_HOME/dmp/config.toml)
cli-arg-credential = Ce qui signe la session TLS : la carte CPS (mode direct), un certificat de structure (mode indirect, sans surveillance), ou la carte CPS par un module PKCS#11 (pkcs11 : la Cryptolib CPS de l'ANS, OpenSC… ; --reader choisit alors l'emplacement ou le jeton par une partie de son nom)
cli-arg-dry-run = Vérifier les documents et montrer ce qui serait envoyé, sans rien envoyer (ni code PIN, ni réseau)
cli-arg-endpoint = URL de base des services du DMP, au lieu de celle du profil (p. ex. https://host/si-dmp-server/v2/services)
cli-arg-file = La nouvelle version : CDA R2 (XML), PDF ou texte simple
cli-arg-files = Les documents : CDA R2 (XML), PDF ou texte simple
cli-arg-force = Remplacer FILE s'il existe
cli-arg-from = Date des soins à partir de (AAAA-MM-JJ)
cli-arg-html = Écrire le rapport complet (synthèses, graphique, enregistrements, la chaîne du journal) en une page HTML dans FILE (mode 0600 : elle nomme des patients), à ouvrir et imprimer par un délégué à la protection des données
cli-arg-ins = L'INS du patient (15 caractères : NIR + clé), éventuellement `INS@OID`
cli-cmd-docs-replace-arg-ins = L'INS du patient (15 caractères : NIR + clé), éventuellement `INS@OID`. Requis pour un PDF ou un texte ; un CDA porte le sien, qui doit concorder
cli-cmd-push-arg-ins = L'INS du patient (15 caractères : NIR + clé), éventuellement `INS@OID`. Requis pour un PDF ou un texte ; un CDA porte le sien, qui doit concorder
cli-cmd-report-access-arg-ins = Seulement ce patient (INS, 15 caractères)
cli-arg-invisible-to-legal-reps = Rendre les documents invisibles aux représentants légaux du patient (INVISIBLE_REPRESENTANTS_LEGAUX)
cli-arg-invisible-to-patient = Rendre les documents invisibles au patient (INVISIBLE_PATIENT), jusqu'à ce qu'un professionnel les lui montre (p. ex. après une consultation d'annonce)
cli-arg-jobs = Combien de soumissions de patients un lot envoie à la fois
cli-arg-journal = Un fichier de journal d'audit à lire (une copie, une sauvegarde) au lieu de $XDG_DATA_HOME/dmp/audit.sqlite3
cli-cmd-audit-verify-arg-journal = Un fichier de journal d'audit à vérifier (une copie, une sauvegarde) au lieu de $XDG_DATA_HOME/dmp/audit.sqlite3
cli-arg-masked = Masquer les documents aux autres professionnels (MASQUE_PS)
cli-arg-mode = Mode d'accès : normal, emergency (accès en mode bris de glace : demande --reason, annoncé à chaque exécution) ou regulation (régulation (centre 15) : sans autorisation). Le blocage et les oppositions du patient s'appliquent dans tous les modes
cli-arg-new-since-last-visit = Seulement ce qui a été ajouté depuis votre dernière liste complète de ce DMP : un `docs list` simple ou `--new-since-last-visit` obtenu en entier (gardé dans $XDG_STATE_HOME/dmp/last-visits.json)
cli-arg-no-cache = Lire les certificats sur la carte même s'ils sont en cache
cli-arg-no-pinpad = Ne pas utiliser le clavier du lecteur de carte : prendre le code PIN du clavier de l'ordinateur, de --pin-file, --pin-stdin ou --pin-env même sur un lecteur qui en a un (par défaut, le code PIN est saisi sur le clavier du lecteur)
cli-arg-old-unique-id = L'identifiant unique (OID) du document à remplacer, tel que `dmp docs list` le montre
cli-arg-open = Ouvrir l'adresse dans votre navigateur web ($BROWSER, sinon xdg-open)
cli-arg-output = Format de sortie : text pour les personnes, json pour les scripts, csv pour les tableurs (rapports)
cli-arg-lang = Langue des messages, de l'aide et des erreurs (par défaut : DMP_LANG, `lang` du profil, sinon la locale : LC_ALL, LC_MESSAGES, LANG)
cli-arg-output-file = Écrire le document dans FILE, créé lisible par vous seul (mode 0600), complet ou pas du tout ; `-` ou rien : la sortie standard
cli-arg-patient-consent = Le patient a donné son consentement (pour les scripts ; au terminal, dmp le demande). Enregistré dans le journal d'audit
cli-arg-pin-env = Lire le code PIN dans la variable d'environnement VAR
cli-arg-pin-file = Lire le code PIN sur la première ligne de FILE (qui ne devrait être lisible que par vous)
cli-arg-pin-stdin = Lire le code PIN sur la première ligne de l'entrée standard
cli-arg-pkcs11-module = Le module PKCS#11 de --credential pkcs11 (par défaut : la Cryptolib CPS de l'ANS, /usr/lib/libcps3_pkcs11.so puis /usr/local/lib/libcps3_pkcs11.so)
cli-arg-practitioner = Seulement ce professionnel de santé (identifiant national) ou cette structure (identifiant de structure)
cli-arg-profile = Profil du fichier de configuration à utiliser (par défaut : `default_profile` du fichier)
cli-arg-quiet = Seulement les erreurs sur stderr (et l'avertissement que --trace-wire écrit des données de santé)
cli-arg-reader = Lecteur de carte à utiliser : son nom complet ou une partie unique de celui-ci (par défaut : le premier lecteur qui contient une carte)
cli-arg-reason = Pourquoi l'accès en mode bris de glace est nécessaire (mode emergency seulement). Gardé dans le journal d'audit local ; pas envoyé au DMP, dont l'interface n'a pas de champ pour cela
cli-arg-remove = Retirer votre autorisation au lieu de l'ajouter
cli-arg-result = Seulement ce résultat (répétable)
cli-arg-service-start = Début de l'acte que le document rapporte (AAAA-MM-JJ, ou HL7 AAAAMMJJ[hhmm]) ; par défaut le serviceEvent du CDA, pour un PDF ou un texte le jour de l'envoi
cli-arg-since = Depuis cette date (AAAA-MM-JJ ; par défaut : il y a un an)
cli-cmd-report-access-arg-since = À partir de ce jour (AAAA-MM-JJ, UTC) ou de cet instant (RFC 3339)
cli-cmd-report-patients-arg-since = Depuis cette date (AAAA-MM-JJ, UTC ; par défaut : il y a un an)
cli-arg-status = Statut de disponibilité (répétable ; par défaut : approved)
cli-arg-structure-cert = Fichier PKCS#12 du certificat de structure (mode indirect)
cli-arg-structure-cert-password-env = Variable d'environnement qui contient le mot de passe du certificat de structure
cli-arg-structure-cert-password-file = Fichier qui contient le mot de passe du certificat de structure (première ligne)
cli-arg-summary = Au lieu des enregistrements, une ligne par patient ou par professionnel de santé
cli-arg-title = Titre (par défaut : celui du CDA ; pour un PDF ou un texte, le nom du fichier)
cli-arg-to = Date des soins jusqu'à (AAAA-MM-JJ)
cli-arg-trace-wire = Écrire chaque requête au DMP et sa réponse dans DIR, telles qu'envoyées et reçues, pour le support : une paire de fichiers par transaction, mode 0600 dans un dossier 0700. Elles contiennent des données de santé. Le contenu des documents est omis (taille et SHA-1 seulement) sauf avec --trace-wire-bodies
cli-arg-trace-wire-bodies = Garder le contenu des documents dans les traces
cli-arg-transaction = Seulement cette transaction, par son code du catalogue (répétable), p. ex. TD3.2
cli-arg-type-code = Code de type de document (JDV_J66, surtout LOINC), p. ex. 11502-2 ; requis pour un PDF ou un texte
cli-cmd-docs-list-arg-type-code = Code de type de document (LOINC, répétable), p. ex. 11488-4
cli-arg-unique-id = L'identifiant unique du document (OID), tel que `dmp docs list` le montre
cli-arg-until = Jusqu'à ce jour inclus (AAAA-MM-JJ, UTC), ou avant cet instant (RFC 3339)
cli-arg-verbose = Plus de détails sur stderr (-v : les étapes de dmp, -vv : aussi TLS et HTTP). Ne montre jamais de code PIN
cli-arg-wait = Attendre l'insertion d'une carte (au plus SECONDS, 60 par défaut)
cli-cmd-readers-arg-wait = Attendre qu'une carte soit insérée (au plus SECONDS, 60 par défaut)
cli-arg-web-ps-url = Adresse de base du Web PS (p. ex. https://host), au lieu de web_ps_url du profil
cli-arg-yes = Supprimer sans demander (requis hors d'un terminal)

## Valeurs

cli-value-access-mode-emergency = Accès en mode bris de glace
cli-value-access-mode-regulation = Régulation médicale (centre 15)
cli-value-by-authorization = L'autorisation a été ajoutée depuis la date (TD0.4 LASTAUTORIZATION)
cli-value-by-document = Un document a été ajouté ou modifié depuis la date (TD0.4 LASTDOC)
cli-value-by-either = L'un ou l'autre (deux requêtes, fusionnées)
cli-value-mode-emergency = Accès en mode bris de glace
cli-value-mode-regulation = Régulation médicale (centre 15)
cli-value-output-csv = Valeurs séparées par des virgules pour les tableurs, une ligne d'en-tête (les commandes `report`)
cli-value-output-json = Un document JSON sur stdout, avec un champ "version" (les scripts s'appuient sur sa forme)
cli-value-output-text = Tableaux et phrases pour les personnes
cli-value-result-done = Le DMP a répondu
cli-value-result-failed = Échec (réseau, réponse d'erreur, code PIN faux…)
cli-value-result-refused = Refusé, par les règles de dmp ou par le DMP
cli-value-result-refused-by-client = Refusé par les règles de dmp avant tout envoi
cli-value-result-refused-by-dmp = Refusé par les règles d'accès du DMP
cli-value-result-unknown = La requête a pu atteindre le DMP, mais dmp s'est arrêté avant sa réponse
cli-value-summary-patient = Une ligne par patient, avec les professionnels de santé qui ont accédé à son DMP
cli-value-summary-practitioner = Une ligne par professionnel de santé, avec les patients dont il a consulté le DMP
cli-value-lang-en = Anglais
cli-value-lang-fr = Français

## Exemples (leurs lignes de commande sont dans src/cli/localise.rs, EXAMPLES)

cli-example-reason = patient inconscient
cli-example-dmp-1 = Vérifier l'installation (lecteur de carte, carte, certificats, TLS vers le DMP) et dire comment réparer ce qui échoue :
cli-example-dmp-2 = Utiliser le profil du bac à sable pour savoir si un patient a un DMP que vous pouvez ouvrir :
cli-example-dmp-3 = Lister ce qui a été ajouté au DMP d'un patient depuis votre dernière visite, en JSON :
cli-example-dmp-4 = Ouvrir un DMP en accès en mode bris de glace ; la raison est gardée dans le journal d'audit :
cli-example-dmp-5 = Travailler sans surveillance en mode indirect, avec le certificat de structure :
cli-example-dmp-readers-1 = Attendre une carte jusqu'à 30 secondes, puis lister les lecteurs :
cli-example-dmp-card-1 = Le porteur de la carte, ses certificats et les essais restants du code PIN :
cli-example-dmp-card-info-1 = Relire les certificats sur la carte au lieu du cache :
cli-example-dmp-card-verify-pin-1 = Vérifier le code PIN contenu dans une variable d'environnement (jamais sur la ligne de commande) :
cli-example-dmp-doctor-1 = Vérifier l'installation du profil office, en JSON pour un script de supervision :
cli-example-dmp-patient-1 = Le patient a-t-il un DMP, et pouvez-vous l'ouvrir ?
cli-example-dmp-patient-status-1 = Le patient a-t-il un DMP, et pouvez-vous l'ouvrir ?
cli-example-dmp-patient-authorize-1 = Vous déclarer autorisé, depuis un script qui a recueilli le consentement du patient :
cli-example-dmp-patient-authorize-2 = Retirer votre autorisation :
cli-example-dmp-patient-professionals-1 = Les professionnels autorisés sur le DMP, ou bloqués :
cli-example-dmp-patient-history-url-1 = Ouvrir l'historique des accès au DMP du patient dans votre navigateur web :
cli-example-dmp-patients-1 = Les DMP sur lesquels vous avez été autorisé cette année :
cli-example-dmp-patients-authorized-1 = Les DMP sur lesquels vous avez été autorisé cette année :
cli-example-dmp-docs-1 = Tous les documents en cours d'un patient :
cli-example-dmp-docs-list-1 = Tous les documents en cours :
cli-example-dmp-docs-list-2 = Les comptes rendus de biologie (LOINC 11502-2) de 2025, versions obsolètes comprises :
cli-example-dmp-docs-get-1 = Enregistrer un document, lisible par vous seul :
cli-example-dmp-docs-get-2 = L'envoyer à un autre programme :
cli-example-dmp-docs-replace-1 = Remplacer un compte rendu par sa version corrigée (un CDA porte son propre patient) :
cli-example-dmp-docs-mask-1 = Masquer l'un de vos documents aux autres professionnels :
cli-example-dmp-docs-unmask-1 = Rendre un document de nouveau visible aux autres professionnels :
cli-example-dmp-docs-show-to-patient-1 = Rendre un document visible au patient une fois qu'il lui a été annoncé :
cli-example-dmp-docs-archive-1 = Archiver un ancien document (dmp docs list --status archived le montre encore) :
cli-example-dmp-docs-unarchive-1 = Remettre un document archivé dans la liste par défaut :
cli-example-dmp-docs-delete-1 = Supprimer l'un de vos documents depuis un script, sans question :
cli-example-dmp-push-1 = Ajouter un compte rendu de consultation en PDF, masqué aux autres professionnels :
cli-example-dmp-push-2 = Vérifier deux comptes rendus de laboratoire CDA et montrer ce qui serait envoyé, sans rien envoyer :
cli-example-dmp-push-3 = Envoyer le lot de nuit d'un laboratoire, deux patients à la fois, en événements JSON Lines :
cli-example-dmp-audit-1 = Vérifier qu'aucun enregistrement du journal d'audit n'a été modifié, supprimé ou réordonné :
cli-example-dmp-audit-verify-1 = Vérifier le journal d'audit de cette machine :
cli-example-dmp-audit-verify-2 = Vérifier une copie de sauvegarde du journal :
cli-example-dmp-audit-forward-1 = Envoyer au dépôt d'audit du cabinet les enregistrements encore en attente :
cli-example-dmp-report-1 = Les accès en mode bris de glace depuis janvier, en CSV pour un tableur :
cli-example-dmp-report-access-1 = Qui a accédé au DMP d'un patient, une ligne par professionnel de santé :
cli-example-dmp-report-access-2 = Le rapport complet en une page HTML à imprimer :
cli-example-dmp-report-authorizations-1 = Qui est autorisé sur le DMP du patient, en CSV :
cli-example-dmp-report-patients-1 = Les DMP dont des documents ont été ajoutés ou modifiés depuis janvier :

## Pages de manuel (src/cli/generate/man.rs)

cli-man-file-1 = La configuration : des profils nommés (point d'accès, ancres de confiance, lecteur de carte, moyen d'authentification, identité du logiciel). Par défaut ~/.config/dmp/config.toml ; --config ou DMP_CONFIG désigne un autre fichier. Les clés inconnues sont des erreurs. Le README liste toutes les clés.
cli-man-file-2 = D'autres profils, à côté du fichier de configuration, lus dans l'ordre des noms ; un profil du fichier de configuration l'emporte sur un profil du même nom ici. dmp-sandbox serve écrit profiles.d/sandbox.toml.
cli-man-file-3 = Le journal d'audit : un enregistrement par action demandée, quel qu'en soit le résultat (qui, quel patient, quelle transaction, mode et raison, résultat). Par défaut ~/.local/share/dmp/audit.sqlite3. Il nomme des patients : gardez-le privé.
cli-man-file-4 = Les certificats lus sur chaque carte, par numéro de série de carte, pour qu'une commande n'ait pas à les relire. Par défaut ~/.cache/dmp/cards/ ; peut être supprimé sans risque.
cli-man-file-5 = Le module PKCS#11 de la Cryptolib CPS de l'ANS, là où ses installeurs le placent : le module de --credential pkcs11 quand ni --pkcs11-module ni pkcs11_module n'en indiquent un (le premier qui existe).
cli-man-file-6 = L'état de chaque push --batch, un fichier SQLite par lot (nommé d'après le SHA-256 du chemin canonique et du contenu du manifeste ou du dossier) et son verrou : l'identifiant unique de chaque document, fixé avant son premier envoi, et où il en est. Un lot arrêté à tout moment peut ainsi être relancé sans qu'aucun document soit envoyé deux fois ni oublié ; un manifeste modifié est un nouveau lot. Par défaut ~/.local/state/dmp/batches/, mode 0700. Il nomme des patients : gardez-le privé ; ne supprimez les fichiers d'un lot qu'une fois celui-ci terminé.
cli-man-file-7 = Les marques de dernière visite de docs list --new-since-last-visit, par professionnel de santé et par patient, mode 0600. Par défaut ~/.local/state/dmp/last-visits.json (le dossier de données là où il n'y a pas de dossier d'état). Supprimez-le pour tout revoir comme nouveau.
cli-man-env-1 = Où se trouvent les fichiers ci-dessus (voir FICHIERS).
cli-man-env-2 = La langue de dmp quand ni --lang, ni DMP_LANG, ni le lang du profil n'en choisissent une : la première de ces variables qui est définie et non vide ; le français pour fr et fr_*, l'anglais pour toute autre valeur.
cli-man-env-3 = Filtre des journaux sur stderr, dans la syntaxe EnvFilter de tracing (par exemple dmp=debug) ; il remplace ce que choisissent -v et -q. Un code PIN n'est jamais journalisé.
cli-man-env-4 = Définie et non vide : les journaux ne sont pas colorés (ils ne le sont que lorsque stderr est un terminal).
cli-man-env-5 = Un nombre : la largeur à laquelle les tableaux de texte sont ajustés (et l'aide mise en forme) ; sinon la largeur du terminal, ou 100 colonnes quand la sortie standard n'est pas un terminal. Les colonnes d'identifiants (identifiants uniques, INS, identifiants nationaux et de structure) ne sont jamais coupées ; un tableau n'a jamais moins de 40 colonnes.
cli-man-env-6 = Le code PIN de la carte, pour un usage sans surveillance ; ne donnez jamais un code PIN sur la ligne de commande.
cli-man-env-6-name = la variable nommée par --pin-env VAR
cli-man-env-7 = Le mot de passe du certificat de structure (mode indirect).
cli-man-env-7-name = la variable nommée par --structure-cert-password-env VAR
cli-man-env-8 = Un point d'accroche pour les tests du projet seulement : POINT:N fait que push --batch se tue par SIGKILL la N-ième fois qu'il atteint POINT (before-save, before-send, after-answer, after-save).
cli-man-env-9 = Le navigateur que lance dmp patient history-url --open (la première commande existante de cette liste séparée par des deux-points), avant xdg-open.
cli-man-env-10 = Sous Windows seulement : les noms d'utilisateur et de machine enregistrés dans chaque entrée du journal d'audit (sous Unix, le compte du processus et le nom d'hôte).
cli-man-env-11 = Lue par la bibliothèque PC/SC : la socket de pcscd, quand ce n'est pas /run/pcscd/pcscd.comm par défaut.
cli-man-env-12 = Définie par les scripts de complétion des shells : dmp affiche alors les complétions des mots qui suivent -- et ne fait rien d'autre. DMP_COMPLETE=bash dmp (ou zsh, fish, powershell, elvish) affiche le script à charger.
cli-man-manual = Commandes utilisateur
cli-man-name = NOM
cli-man-synopsis = SYNOPSIS
cli-man-description = DESCRIPTION
cli-man-options = OPTIONS
cli-man-global-options = OPTIONS GLOBALES
cli-man-commands = COMMANDES
cli-man-examples = EXEMPLES
cli-man-files = FICHIERS
cli-man-environment = ENVIRONNEMENT
cli-man-exit-status = CODES DE SORTIE
cli-man-see-also = VOIR AUSSI
cli-man-synopsis-options = OPTIONS
cli-man-synopsis-global-options = OPTIONS GLOBALES
cli-man-synopsis-command = COMMANDE
cli-man-description-dmp = dmp lit la carte CPS du professionnel de santé par un lecteur PC/SC (pcscd), ouvre une session TLS mutuelle signée par la carte (ou, en mode indirect, par un certificat de structure), et parle l'interface du DMP pour les logiciels de professionnels de santé : SOAP 1.2, IHE XDS.b et l'assertion VIHF. Les règles de consentement et de droits sont appliquées avant tout envoi, et chaque action laisse un enregistrement dans le journal d'audit.
cli-man-global-options-intro = Chaque commande accepte aussi les options de { $page } :{"\u00A0"}
cli-man-see = Voir { $page }.
cli-man-values = Valeurs : { $values }.
cli-man-default = Par défaut : { $value }.
cli-man-env-note = Variable d'environnement : { $var }.
cli-man-env-default-of = La valeur par défaut de { $option }.

## Complétions et exécution d'une commande (src/cli/complete.rs, src/cli/mod.rs)

cli-complete-default-profile = le profil par défaut
cli-complete-card-present = carte présente
cli-complete-no-card = pas de carte
cli-run-csv-for-reports = --output csv est réservé aux rapports (`dmp report …`)
cli-run-csv-for-reports-hint = utilisez --output text ou --output json avec cette commande
cli-run-config-ignored = { $error } (ignoré : cette commande n'a pas besoin de la configuration)
cli-run-no-config-file = pas de fichier { $path } (valeurs par défaut intégrées)
cli-run-no-config-dir = pas de dossier de configuration (valeurs par défaut intégrées)
cli-run-config-profile = { $file }, profil { $profile }
cli-run-config-no-profile = { $file }, aucun profil
