# Affichage des résultats des commandes (src/cli/render*.rs, browser.rs, interrupt.rs).

render-yes = oui
render-no = non
render-wire-trace = les traces réseau de cette exécution vont dans { $dir } : elles contiennent des données de santé (l'INS du patient, les métadonnées des documents ; le contenu des documents en est exclu) ; gardez-les pour vous, ne les remettez qu'à qui doit les voir, supprimez-les une fois terminé
render-wire-trace-bodies = les traces réseau de cette exécution vont dans { $dir } : elles contiennent des données de santé (l'INS du patient, les métadonnées des documents, les documents eux-mêmes) ; gardez-les pour vous, ne les remettez qu'à qui doit les voir, supprimez-les une fois terminé
render-banner-emergency = *** ACCÈS EN MODE BRIS DE GLACE — motif : { $reason } (conservé dans le journal d'audit local) — le DMP enregistre cet accès, le patient et son médecin traitant en sont informés ***
render-banner-regulation = *** ACCÈS EN MODE RÉGULATION (centre 15) — le DMP enregistre cet accès ***
render-f-patient-ins = Patient (INS)
render-f-dmp = DMP
render-dmp-none = aucun
render-dmp-closed = FERMÉ
render-dmp-open = ouvert
render-f-authorization = Autorisation
render-f-attending = Médecin traitant
render-f-reason = Motif
render-f-closed = Fermé
render-not-stated = non indiqué par le DMP
render-f-opposes-emergency = Opposition au bris de glace
render-f-opposes-regulation = Opposition à l'accès en régulation
render-f-meaning = Signification
render-authorize-normal-only = une autorisation ne se déclare qu'en mode normal
render-authorize-normal-only-hint = retirez --mode
render-consent-prompt = Le patient (INS { $ins }) a-t-il consenti à votre accès à son DMP ?
render-consent-prompt-error = impossible de demander le consentement du patient
render-authorize-done =
    { $removed ->
        [yes] Autorisation retirée
       *[no] Autorisation déclarée
    }{ $attending ->
        [yes] {" "}(médecin traitant)
       *[no] {""}
    } sur le DMP de { $ins } : { $status }{ $context }
render-no-professional = Aucun professionnel n'est autorisé ni bloqué sur ce DMP.
render-access-blocked = BLOQUÉ
render-access-authorized = autorisé
render-h-national-id = Identifiant national
render-h-name = Nom
render-h-specialty = Spécialité
render-h-access = Accès
render-h-attending = Médecin traitant
render-h-since = Depuis
render-not-a-date = { $option } « { $value } » n'est pas une date
render-not-a-date-hint = écrivez-la AAAA-MM-JJ
render-no-authorized-dmp = Aucun DMP sur lequel vous avez été autorisé depuis le { $since }.
render-h-ins = INS
render-h-born = Né(e) le
render-h-last-access = Dernier accès
render-new-since = Nouveaux depuis votre dernière liste complète ({ $since }) :
render-new-since-none = Aucune liste complète antérieure de ce DMP : tous les documents sont nouveaux.
render-no-document = Aucun document.
render-no-document-partial = Aucun document dans la partie du DMP qui a répondu.
render-state-masked = masqué aux professionnels
render-state-invisible-patient = invisible au patient
render-state-invisible-legal = invisible aux représentants légaux
render-state-replaces = remplace { $id }
render-state-replaced-by = remplacé par { $id }
render-h-date = Date
render-h-type = Type
render-h-title = Titre
render-h-author = Auteur
render-h-state = État
render-h-unique-id = Identifiant unique
render-list-partial =
    la réponse du DMP est partielle ({ $errors ->
        [one] { $errors } erreur du registre
       *[other] { $errors } erreurs du registre
    }) : des documents peuvent manquer dans cette liste
render-list-partial-hint = les avertissements nomment la partie du DMP qui n'a pas répondu ; relancez la liste plus tard
render-get-terminal = le document serait écrit dans le terminal
render-get-terminal-hint = écrivez-le dans un fichier avec -o FICHIER (ou redirigez la sortie, ou -o - pour l'écrire ici malgré tout)
render-get-json-needs-file = --output json demande -o FICHIER : la sortie standard porte le rapport JSON
render-get-json-needs-file-hint = ajoutez -o FICHIER
render-get-written = { $title } ({ $size } octets, SHA-1 { $sha1 }) écrit dans { $file }
render-delete-needs-yes = la suppression du document { $id } demande une confirmation
render-delete-needs-yes-hint = ajoutez --yes pour supprimer sans question (scripts), ou lancez-la dans un terminal
render-delete-confirm = Supprimer le document { $id } du DMP du patient { $ins } ? Cela ne peut pas être annulé depuis dmp
render-confirm-error = impossible de demander la confirmation
render-delete-cancelled = suppression annulée : rien n'a été envoyé
render-delete-cancelled-hint = le document n'a pas changé
render-op-masked = masqué aux professionnels
render-op-unmasked = démasqué aux professionnels
render-op-shown = rendu visible au patient
render-op-archived = archivé
render-op-unarchived = désarchivé
render-op-deleted = supprimé
render-update-done = { $title } ({ $id }) : { $done } ({ $transaction }) ; désormais { $state }
render-update-unchanged = { $title } ({ $id }) : inchangé, déjà { $state }

render-no-reader = Aucun lecteur de carte.
render-card-in-use = oui (utilisée par un autre programme)
render-h-reader = Lecteur
render-h-card = Carte
render-h-generation = Génération
render-h-atr = ATR
render-h-pin-pad = Clavier PIN
render-pin-verified-session = vérifié dans cette session de la carte
render-pin-blocked = BLOQUÉ (débloquez-le avec le code PUK)
render-pin-tries-left =
    { $tries ->
        [one] { $tries } essai restant
       *[other] { $tries } essais restants
    }
render-unknown = inconnu
render-f-holder = Titulaire
render-f-national-id = Identifiant national
render-f-profession = Profession
render-f-card = Carte
render-card-serial = { $generation } numéro de série { $serial }
render-f-reader = Lecteur
render-f-atr = ATR
render-f-pin = Code PIN
render-f-specialty = Spécialité
render-f-activities = Situations d'exercice
render-activities-none = aucune
render-activities-count = { $count } (--activities les liste ; demande le code PIN)
render-activities-after-pin = connues après le code PIN (--activities les liste ; demande le code PIN)
render-cert-validity = du { $from } au { $to }
render-cert-not-in-date = NON
render-h-certificate = Certificat
render-h-subject = Sujet
render-h-issuer = Émetteur
render-h-valid = Validité
render-h-key = Clé
render-h-in-date = En cours de validité
render-certs-from-cache = (certificats du cache local pour ce numéro de série de carte)
render-h-activity = Situation d'exercice
render-h-structure = Structure
render-h-sector = Secteur
render-h-organisation = Organisme
render-pin-verified-tries =
    Code PIN vérifié. { $tries ->
        [one] { $tries } essai restant.
       *[other] { $tries } essais restants.
    }
render-pin-verified = Code PIN vérifié.
# The marks of `dmp doctor`, padded to the longest.
render-doctor-ok = ok
render-doctor-warn = attention
render-doctor-fail = ÉCHEC
render-doctor-skip = ignoré
render-doctor-check = { $mark } { $title } : { $detail }
render-doctor-fix = correction : { $fix }
render-doctor-failed = { $count ->
        [one] { $count } vérification a échoué
       *[other] { $count } vérifications ont échoué
    }
render-doctor-failed-hint = appliquez les corrections ci-dessus, puis relancez dmp doctor

render-forward-sent =
    { $count ->
        [one] { $count } enregistrement envoyé
       *[other] { $count } enregistrements envoyés
    } au dépôt d'audit { $repository }, jusqu'à l'enregistrement { $last }.
render-forward-nothing = Rien à envoyer au dépôt d'audit { $repository } : chaque enregistrement complet a déjà été envoyé.
render-forward-queued = { $count ->
        [one] { $count } enregistrement reste
       *[other] { $count } enregistrements restent
    } en attente derrière une transaction peut-être encore en cours ; ils partiront quand elle sera terminée (ou, si son processus a disparu, comme « issue inconnue »).
render-verify-no-journal = Pas encore de journal d'audit dans { $journal } : rien à vérifier.
render-verify-intact = Le journal d'audit { $journal } est intact : { $records } enregistrements en { $entries } entrées, chaque maillon de la chaîne tient.
render-verify-last-entry = Dernière entrée : { $entry } ({ $time }), empreinte { $hash }
render-verify-note-hash = Notez cette empreinte ailleurs : une vérification ultérieure qui l'atteint encore prouve que rien n'a changé avant elle.
render-verify-broken = Le journal d'audit { $journal } est ROMPU à l'entrée { $entry } ({ $time }) : { $detail }.
render-time-unknown = heure inconnue
render-verify-broken-error = la chaîne du journal d'audit est rompue à l'entrée { $entry } : { $kind } ({ $detail })
render-verify-broken-hint = le journal a été modifié en dehors de dmp : conservez ce fichier comme preuve (copiez-le avec son fichier -wal), prévenez la personne chargée de la protection des données, et comparez avec une sauvegarde ou le dépôt d'audit
render-csv-not-here = --output csv est réservé aux rapports, pas à `dmp { $command }`
render-csv-not-here-hint = utilisez --output text ou json
render-no-such-transaction = --transaction { $transaction } : transaction inconnue
render-one-of = une valeur parmi { $values }
render-until-before-since = --until n'est pas après --since
render-until-before-since-hint = donnez le premier jour de la période avec --since et le dernier avec --until
render-html-written = { $count } enregistrements écrits dans { $path } (lisible par vous seul : il nomme des patients)
render-chain-broken-warning = la chaîne du journal d'audit est rompue ({ $problem }) : lancez `dmp audit verify` ; ce rapport peut ne pas montrer ce qui s'est passé
render-flag-emergency = BRIS DE GLACE
render-flag-regulation = RÉGULATION
render-flag-refused = REFUSÉ
render-flag-failed = ÉCHEC
render-flag-unknown = INCONNU
render-mode-emergency = bris de glace
render-mode-regulation = régulation
render-mode-normal = normal
render-what-rule = règle { $rule }
render-what-dmp-code = code DMP { $code }
render-what-documents = documents : { $documents }
render-what-reason = motif : { $reason }
render-what-consent = consentement : { $consent }
render-no-access-in = Aucun accès enregistré dans { $journal } (filtres : { $filters }).
render-h-time = Heure
render-h-flag = Signal
render-h-practitioner = Professionnel
render-h-patient = Patient
render-h-tx = Tx
render-h-mode = Mode
render-h-result = Résultat
render-h-what = Quoi
render-records-summary = { $records } enregistrements : { $done } aboutis, { $refused } refusés, { $failed } en échec, { $unknown } inconnus ; { $emergency } en bris de glace, { $regulation } en régulation. Filtres : { $filters }.
render-no-access = Aucun accès enregistré.
render-h-practitioners = Professionnels
render-h-patients = Patients
render-h-records = Enregistrements
render-h-done = Aboutis
render-h-refused = Refusés
render-h-failed = Échecs
render-h-unknown = Inconnus
render-h-emergency = Bris de glace
render-h-regulation = Régulation
render-h-first = Premier
render-h-last = Dernier
render-chart-legend = Accès par jour (UTC) : { $done } aboutis  { $urgent } bris de glace ou régulation (aboutis)  { $refused } refusés  { $other } en échec ou inconnus
render-chart-emergency = { $count } bris de glace
render-chart-regulation = { $count } régulation
render-chart-refused = { $count ->
        [one] { $count } refusé
       *[other] { $count } refusés
    }
render-chart-failed = { $count ->
        [one] { $count } en échec ou inconnu
       *[other] { $count } en échec ou inconnus
    }

render-batch-complete = Le lot { $batch } est déjà terminé : rien à envoyer (son état : { $state }).
render-batch-tempdir = impossible de créer un répertoire temporaire : { $error }
# The word after "12/40" in the progress bar.
render-batch-bar-documents = documents
render-batch-progress = ({ $sent } envoyés, { $present } déjà présents, { $refused } refusés, { $failed } en échec, { $invalid } invalides)
render-batch-retry = nouvelle tentative pour le patient { $ins } (essai { $attempt }) dans { $delay } ms : { $reason }
render-batch-panic = le lot s'est arrêté sur un bogue (une panique)
render-batch-not-sent = non envoyé
render-batch-outcome-unknown = issue inconnue
render-batch-sent = envoyés
render-batch-already-present = déjà présents
render-batch-refused = refusés
render-batch-failed = en échec
render-batch-invalid = invalides
render-batch-stopped = non envoyés (arrêt)
render-batch-file-status = { $file } : { $status }
render-batch-with-reason = { $text } : { $reason }
render-batch-title = Lot { $batch } : { $documents } documents
render-batch-h-outcome = issue
render-batch-h-documents = documents
render-batch-this-run = Cette exécution : { $submissions } soumissions, { $lookups } consultations du registre.
render-batch-stopped-early = Le lot s'est arrêté avant la fin : { $why }
render-batch-h-file = fichier
render-batch-h-patient = patient
render-batch-h-why = motif

render-push-problem =   { $file } : { $field } : { $message }
render-push-problems =
    { $count ->
        [one] { $count } problème trouvé
       *[other] { $count } problèmes trouvés
    }, rien n'a été envoyé :
render-push-problems-hint = corrigez chacun et relancez la commande (--dry-run vérifie sans envoyer)
render-push-workdir = impossible de créer un répertoire de travail : { $error }
render-push-other-patient = ce document concerne { $ins }, { $first } concerne { $first_ins } : une commande envoie les documents d'un seul patient
render-push-h-file = Fichier
render-push-h-confidentiality = Confidentialité
render-push-h-bytes = Octets
render-push-added =
    { $count ->
        [one] { $count } document ajouté
       *[other] { $count } documents ajoutés
    } au DMP de { $ins } (lot de soumission { $set })
render-push-dry-run =
    essai à blanc : { $count ->
        [one] { $count } document vérifié
       *[other] { $count } documents vérifiés
    } pour le DMP de { $ins } ; rien n'a été envoyé
render-push-nothing = aucun document à envoyer
render-push-nothing-hint = nommez les fichiers : dmp push FICHIER... --ins INS

render-attending-physician = médecin traitant
render-report-professionals = Professionnels sur le DMP de { $ins } tels que le DMP les liste (TD1.6), { $time } :
render-h-authorized-since = Autorisé depuis
render-h-last-action = Dernière action
render-report-professionals-summary = { $authorized } autorisés (dont { $attending } comme médecin traitant), { $blocked } bloqués.
render-report-no-patient =
    Aucun DMP sur lequel vous êtes autorisé avec { $by ->
        [authorization] une autorisation ajoutée
        [document] des documents ajoutés ou modifiés
       *[either] une autorisation ajoutée ou des documents modifiés
    } depuis le { $since } (TD0.4).
render-report-patients =
    DMP sur lesquels vous êtes autorisé avec { $by ->
        [authorization] une autorisation ajoutée
        [document] des documents ajoutés ou modifiés
       *[either] une autorisation ajoutée ou des documents modifiés
    } depuis le { $since } (TD0.4) :
render-listed-authorization = autorisation
render-listed-documents = documents
render-h-last-update = Dernière mise à jour
render-h-authorization-added = Autorisation ajoutée
render-h-listed-for = Listé pour
render-history-opened = Ouvert avec { $program }.
render-history-note = Le navigateur doit s'authentifier avec votre carte CPS (ou e-CPS). Le DMP montre au médecin traitant du patient tous les accès, à tout autre professionnel les siens.

render-batch-no-batch = push_batch sans --batch
render-batch-bar-template = modèle de la barre de progression : { $error }
render-browser-failed = { $program } n'a pas pu ouvrir { $url } ({ $status })
render-browser-cannot-run = impossible de lancer { $program } pour ouvrir { $url } : { $error }
render-browser-hint = ouvrez l'adresse vous-même dans un navigateur, ou donnez à BROWSER la commande de votre navigateur
render-browser-none-of-browser = aucun navigateur web pour ouvrir { $url } : aucune commande de $BROWSER n'existe et { $opener } n'est pas installé
render-browser-unset = aucun navigateur web pour ouvrir { $url } : $BROWSER n'est pas défini et { $opener } n'est pas installé
render-browser-none-hint = donnez à BROWSER la commande de votre navigateur (par exemple BROWSER=firefox) ou installez { $opener } ; ou ouvrez l'adresse vous-même
render-terminated = arrêté (SIGTERM)
render-interrupted = interrompu (Ctrl-C)
render-interrupted-card-busy = la carte était occupée et n'a pas pu être réinitialisée : retirez-la du lecteur de carte pour que son code PIN ne soit plus vérifié
# Les deux certificats d’une carte CPS (card info).
render-cert-authentication = authentification
render-cert-signature = signature
