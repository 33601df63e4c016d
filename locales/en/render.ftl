# Rendering of the commands' results (src/cli/render*.rs, browser.rs, interrupt.rs).

render-yes = yes
render-no = no
render-wire-trace = wire traces of this run go to { $dir }: they hold health data (the patient's INS, document metadata; document content is left out); keep them to yourself, hand them only to who must see them, delete them when done
render-wire-trace-bodies = wire traces of this run go to { $dir }: they hold health data (the patient's INS, document metadata, the documents themselves); keep them to yourself, hand them only to who must see them, delete them when done
render-banner-emergency = *** EMERGENCY ACCESS (bris de glace) — reason: { $reason } (kept in the local audit journal) — the DMP records this access, and the patient and their attending physician are informed ***
render-banner-regulation = *** REGULATION ACCESS (centre 15) — the DMP records this access ***
render-f-patient-ins = Patient (INS)
render-f-dmp = DMP
render-dmp-none = none
render-dmp-closed = CLOSED
render-dmp-open = open
render-f-authorization = Authorization
render-f-attending = Attending physician
render-f-reason = Reason
render-f-closed = Closed
render-not-stated = not stated by the DMP
render-f-opposes-emergency = Opposes emergency access
render-f-opposes-regulation = Opposes regulation access
render-f-meaning = Meaning
render-authorize-normal-only = an authorization is declared in normal mode only
render-authorize-normal-only-hint = leave out --mode
render-consent-prompt = Has the patient (INS { $ins }) consented to your access to their DMP?
render-consent-prompt-error = cannot ask for the patient's consent
render-authorize-done =
    { $removed ->
        [yes] Authorization removed
       *[no] Authorization declared
    } { $attending ->
        [yes] (attending physician)
       *[no] {""}
    } on the DMP of { $ins }: { $status }{ $context }
render-no-professional = No professional is authorized on or blocked from this DMP.
render-access-blocked = BLOCKED
render-access-authorized = authorized
render-h-national-id = National id
render-h-name = Name
render-h-specialty = Specialty
render-h-access = Access
render-h-attending = Attending
render-h-since = Since (UTC)
render-not-a-date = { $option } "{ $value }" is not a date
render-not-a-date-hint = write it YYYY-MM-DD
render-no-authorized-dmp = No DMP you were authorized on since { $since }.
render-h-ins = INS
render-h-born = Born
render-h-last-access = Last access (UTC)
render-new-since = New since your last complete listing ({ $since } UTC):
render-new-since-none = No earlier complete listing of this DMP: every document is new.
render-no-document = No document.
render-no-document-partial = No document in the part of the DMP that answered.
render-state-masked = masked to professionals
render-state-invisible-patient = invisible to patient
render-state-invisible-legal = invisible to legal repr.
render-state-replaces = replaces { $id }
render-state-replaced-by = replaced by { $id }
render-h-date = Date (UTC)
render-h-type = Type
render-h-title = Title
render-h-author = Author
render-h-state = State
render-h-unique-id = Unique id
render-list-partial =
    the DMP's answer is partial ({ $errors } registry { $errors ->
        [one] error
       *[other] errors
    }): documents may be missing from this list
render-list-partial-hint = the warnings name the part of the DMP that did not answer; list again later
render-get-terminal = the document would be written to the terminal
render-get-terminal-hint = write it to a file with -o FILE (or redirect the output, or -o - to write it here anyway)
render-get-json-needs-file = --output json needs -o FILE: standard output carries the JSON report
render-get-json-needs-file-hint = add -o FILE
render-get-written = { $title } ({ $size } bytes, SHA-1 { $sha1 }) written to { $file }
render-delete-needs-yes = deleting document { $id } needs a confirmation
render-delete-needs-yes-hint = add --yes to delete without a question (scripts), or run it at a terminal
render-delete-confirm = Delete document { $id } from the DMP of patient { $ins }? This cannot be undone from dmp
render-confirm-error = cannot ask for the confirmation
render-delete-cancelled = deletion cancelled: nothing was sent
render-delete-cancelled-hint = the document is unchanged
render-op-masked = masked to professionals
render-op-unmasked = unmasked to professionals
render-op-shown = made visible to the patient
render-op-archived = archived
render-op-unarchived = unarchived
render-op-deleted = deleted
render-update-done = { $title } ({ $id }): { $done } ({ $transaction }); now { $state }
render-update-unchanged = { $title } ({ $id }): unchanged, already { $state }

render-no-reader = No card reader.
render-card-in-use = yes (in use by another program)
render-h-reader = Reader
render-h-card = Card
render-h-generation = Generation
render-h-atr = ATR
render-h-pin-pad = PIN pad
render-pin-verified-session = verified in this card session
render-pin-blocked = BLOCKED (unblock it with the PUK)
render-pin-tries-left =
    { $tries } { $tries ->
        [one] try
       *[other] tries
    } left
render-unknown = unknown
render-f-holder = Holder
render-f-national-id = National id
render-f-profession = Profession
render-f-card = Card
render-card-serial = { $generation } serial { $serial }
render-f-reader = Reader
render-f-atr = ATR
render-f-pin = PIN
render-f-specialty = Specialty
render-f-activities = Activities
render-activities-none = none
render-activities-count = { $count } (--activities lists them; asks for the PIN)
render-activities-after-pin = known after the PIN (--activities lists them; asks for the PIN)
render-cert-validity = { $from } to { $to }
render-cert-not-in-date = NO
render-h-certificate = Certificate
render-h-subject = Subject
render-h-issuer = Issuer
render-h-valid = Valid
render-h-key = Key
render-h-in-date = In date
render-certs-from-cache = (certificates from the local cache for this card serial)
render-h-activity = Activity
render-h-structure = Structure
render-h-sector = Sector
render-h-organisation = Organisation
render-pin-verified-tries =
    PIN verified. { $tries } { $tries ->
        [one] try
       *[other] tries
    } left.
render-pin-verified = PIN verified.
# The marks of `dmp doctor`, padded to the longest.
render-doctor-ok = ok
render-doctor-warn = warn
render-doctor-fail = FAIL
render-doctor-skip = skip
render-doctor-check = { $mark } { $title }: { $detail }
render-doctor-fix = fix: { $fix }
render-doctor-failed = { $count } check(s) failed
render-doctor-failed-hint = apply the fixes shown above, then run dmp doctor again

render-forward-sent =     Sent { $count } record(s) to the audit repository { $repository }, up to record { $last }.
render-forward-nothing = Nothing to send to the audit repository { $repository }: every complete record was already sent.
render-forward-queued = { $count } record(s) stay queued behind a transaction that may still be under way; they go once it completes (or, if its process is gone, as "outcome unknown").
render-verify-no-journal = No audit journal yet at { $journal }: nothing to verify.
render-verify-intact = The audit journal { $journal } is intact: { $records } records in { $entries } entries, every link of the chain holds.
render-verify-last-entry = Last entry: { $entry } ({ $time }), hash { $hash }
render-verify-note-hash = Note this hash elsewhere: a later verify that still reaches it proves nothing before it changed.
render-verify-broken = The audit journal { $journal } is BROKEN at entry { $entry } ({ $time }): { $detail }.
render-time-unknown = time unknown
render-verify-broken-error = the audit journal's chain is broken at entry { $entry }: { $kind } ({ $detail })
render-verify-broken-hint = the journal was changed outside dmp: keep this file as evidence (copy it with its -wal file), tell whoever is in charge of data protection, and compare with a backup or the audit repository
render-csv-not-here = --output csv is for reports, not for `dmp { $command }`
render-csv-not-here-hint = use --output text or json
render-no-such-transaction = --transaction { $transaction }: no such transaction
render-one-of = one of { $values }
render-until-before-since = --until is not after --since
render-until-before-since-hint = give the period's first day with --since and its last with --until
render-html-written = { $count } records written to { $path } (readable by you alone: it names patients)
render-chain-broken-warning = the audit journal's chain is broken ({ $problem }): run `dmp audit verify`; this report may not show what happened
render-flag-emergency = EMERGENCY
render-flag-regulation = REGULATION
render-flag-refused = REFUSED
render-flag-failed = FAILED
render-flag-unknown = UNKNOWN
render-mode-emergency = emergency
render-mode-regulation = regulation
render-mode-normal = normal
render-what-rule = rule { $rule }
render-what-dmp-code = DMP code { $code }
render-what-documents = documents: { $documents }
render-what-reason = reason: { $reason }
render-what-consent = consent: { $consent }
render-no-access-in = No access recorded in { $journal } (filters: { $filters }).
render-h-time = Time (UTC)
render-h-flag = Flag
render-h-practitioner = Practitioner
render-h-patient = Patient
render-h-tx = Tx
render-h-mode = Mode
render-h-result = Result
render-h-what = What
render-records-summary = { $records } records: { $done } done, { $refused } refused, { $failed } failed, { $unknown } unknown; { $emergency } emergency, { $regulation } regulation. Filters: { $filters }.
render-no-access = No access recorded.
render-h-practitioners = Practitioners
render-h-patients = Patients
render-h-records = Records
render-h-done = Done
render-h-refused = Refused
render-h-failed = Failed
render-h-unknown = Unknown
render-h-emergency = Emergency
render-h-regulation = Regulation
render-h-first = First (UTC)
render-h-last = Last (UTC)
render-chart-legend = Accesses per day (UTC): { $done } done  { $urgent } emergency or regulation (done)  { $refused } refused  { $other } failed or unknown
render-chart-emergency = { $count } emergency
render-chart-regulation = { $count } regulation
render-chart-refused = { $count } refused
render-chart-failed = { $count } failed or unknown

render-batch-complete = The batch { $batch } is already complete: nothing to send (its state: { $state }).
render-batch-tempdir = cannot create a temporary directory: { $error }
# The word after "12/40" in the progress bar.
render-batch-bar-documents = documents
render-batch-progress = ({ $sent } sent, { $present } already there, { $refused } refused, { $failed } failed, { $invalid } invalid)
render-batch-retry = retrying patient { $ins } (try { $attempt }) in { $delay } ms: { $reason }
render-batch-panic = the batch stopped on a bug (a panic)
render-batch-not-sent = not sent
render-batch-outcome-unknown = outcome unknown
render-batch-sent = sent
render-batch-already-present = already present
render-batch-refused = refused
render-batch-failed = failed
render-batch-invalid = invalid
render-batch-stopped = not sent (stopped)
render-batch-file-status = { $file }: { $status }
render-batch-with-reason = { $text }: { $reason }
render-batch-title = Batch { $batch }: { $documents } documents
render-batch-h-outcome = outcome
render-batch-h-documents = documents
render-batch-this-run = This run: { $submissions } submissions, { $lookups } registry lookups.
render-batch-stopped-early = The batch stopped early: { $why }
render-batch-h-file = file
render-batch-h-patient = patient
render-batch-h-why = why

render-push-problem =   { $file }: { $field }: { $message }
render-push-problems =
    { $count } { $count ->
        [one] problem
       *[other] problems
    } found, nothing was sent:
render-push-problems-hint = fix each one and run the command again (--dry-run checks without sending)
render-push-workdir = cannot make a working directory: { $error }
render-push-other-patient = this document is for { $ins }, { $first } for { $first_ins }: one command pushes one patient's documents
render-push-h-file = File
render-push-h-confidentiality = Confidentiality
render-push-h-bytes = Bytes
render-push-added =
    { $count } { $count ->
        [one] document
       *[other] documents
    } added to the DMP of { $ins } (submission set { $set })
render-push-dry-run =
    dry run: { $count } { $count ->
        [one] document
       *[other] documents
    } checked for the DMP of { $ins }; nothing was sent
render-push-nothing = no document to push
render-push-nothing-hint = name the files: dmp push FILE... --ins INS

render-attending-physician = attending physician
render-report-professionals = Professionals on the DMP of { $ins } as the DMP lists them (TD1.6), { $time } UTC:
render-h-authorized-since = Authorized since (UTC)
render-h-last-action = Last action (UTC)
render-report-professionals-summary = { $authorized } authorized ({ $attending } as attending physician), { $blocked } blocked.
render-report-no-patient =
    No DMP you are authorized on with { $by ->
        [authorization] authorization added
        [document] documents added or changed
       *[either] authorization added or documents changed
    } since { $since } (TD0.4).
render-report-patients =
    DMPs you are authorized on with { $by ->
        [authorization] authorization added
        [document] documents added or changed
       *[either] authorization added or documents changed
    } since { $since } (TD0.4):
render-listed-authorization = authorization
render-listed-documents = documents
render-h-last-update = Last update (UTC)
render-h-authorization-added = Authorization added (UTC)
render-h-listed-for = Listed for
render-history-opened = Opened with { $program }.
render-history-note = The browser must authenticate with your CPS card (or e-CPS). The DMP shows the patient's attending physician every access, any other professional their own.

render-batch-no-batch = push_batch without --batch
render-batch-bar-template = progress bar template: { $error }
render-browser-failed = { $program } could not open { $url } ({ $status })
render-browser-cannot-run = cannot run { $program } to open { $url }: { $error }
render-browser-hint = open the address in a browser yourself, or set BROWSER to your browser's command
render-browser-none-of-browser = no web browser to open { $url }: no command of $BROWSER exists and { $opener } is not installed
render-browser-unset = no web browser to open { $url }: $BROWSER is not set and { $opener } is not installed
render-browser-none-hint = set BROWSER to your browser's command (e.g. BROWSER=firefox) or install { $opener }; or open the address yourself
render-terminated = terminated (SIGTERM)
render-interrupted = interrupted (Ctrl-C)
render-interrupted-card-busy = the card was busy and could not be reset: remove it from the reader so that its PIN is no longer verified
# The two certificates of a CPS card (card info).
render-cert-authentication = authentication
render-cert-signature = signature
