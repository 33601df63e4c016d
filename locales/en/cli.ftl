# The command line: `--help`, the man pages, the completions' descriptions.
# Keys (see src/cli/localise.rs): cli-cmd-<words> (about of `dmp <words>`, cli-cmd-dmp for dmp
# itself), cli-arg-<id> (an option's help), cli-cmd-<words>-arg-<id> (the help of that option
# in that command only), cli-value-<arg>-<value>, cli-example-<words>-<n>.

## clap's own words

cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-heading-global-options = Global options
cli-heading-examples = Examples:
cli-heading-exit-codes = Exit codes:
cli-spec-default = [default: { $value }]
cli-spec-env = [env: { $name }={ $value }]
cli-spec-possible-values = [possible values: { $values }]
cli-spec-values-heading = Possible values:
cli-arg-help = Print help
cli-arg-help-long = Print help (see a summary with '-h')
cli-arg-version = Print version
cli-cmd-help = Print this message or the help of the given subcommand(s)

## Exit codes

cli-exit-success = success
cli-exit-internal = internal error (a bug: please report it)
cli-exit-usage = bad command-line usage
cli-exit-config = configuration or profile problem
cli-exit-reader = smart-card service (pcscd) or reader problem
cli-exit-card = card absent, removed, unknown, busy or in error
cli-exit-pin = PIN wrong, blocked, refused or unavailable
cli-exit-network = network or TLS failure
cli-exit-server = the DMP answered an error
cli-exit-denied = refused by the DMP access rules
cli-exit-input = malformed input (file, identifier, value)
cli-exit-check-failed = a check failed: dmp doctor (at least one check) or dmp audit verify (the audit journal's chain is broken)
cli-exit-partial = the answer is partial: some results are missing (printed anyway); for push --batch, some documents went through and others did not
cli-exit-interrupted = interrupted (Ctrl-C)
cli-exit-broken-pipe = the output was closed early (`dmp … | head`); nothing is printed
cli-exit-terminated = terminated (SIGTERM)
cli-pin-note =
    The PIN is never read from the command line: it comes from a prompt at a terminal,
    --pin-file, --pin-stdin or --pin-env.

## Commands

cli-cmd-dmp = Command-line client of the French Shared Medical Record (DMP) for health professionals, signed by the CPS card
cli-cmd-readers = List the card readers, whether a card is present, its ATR and its generation
cli-cmd-card = Read the CPS card: holder, certificates, PIN
cli-cmd-card-info = Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)
cli-cmd-card-verify-pin = Verify the PIN once and report the tries left. A wrong PIN is never retried
cli-cmd-doctor = Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails
cli-cmd-patient = One patient's DMP: status, authorization, professionals
cli-cmd-patient-status = Does the patient have a DMP, and may you access it (TD0.2)?
cli-cmd-patient-authorize = Declare yourself authorized on the patient's DMP once they consent, or remove it (TD0.3)
cli-cmd-patient-professionals = The professionals authorized on, or blocked from, the patient's DMP (TD1.6)
cli-cmd-patient-history-url = The address of the patient's DMP access history on the DMP's web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing
cli-cmd-patients = The patients whose DMP you are authorized on
cli-cmd-patients-authorized = DMPs you (or your structure) were authorized on since a date (TD0.4)
cli-cmd-docs = A patient's documents: list and open them
cli-cmd-docs-list = List the patient's documents with type, date, author and visibility (TD3.1)
cli-cmd-docs-get = Retrieve one document by its unique id (TD3.2), checked against its hash and size
cli-cmd-docs-replace = Replace a document by a new version (TD2.1b): the old one is deprecated, the new one takes its place
cli-cmd-docs-mask = Mask a document to other professionals (TD3.3a, MASQUE_PS): only its author and the patient's attending physician still see it
cli-cmd-docs-unmask = Unmask a document to professionals (TD3.3a): your own documents, or any as the patient's attending physician
cli-cmd-docs-show-to-patient = Make a document visible to the patient and their legal representatives (TD3.3b), once it has been announced to the patient in a consultation
cli-cmd-docs-archive = Archive a document (TD3.3d): it leaves the default listing (`docs list --status archived` shows it). Your own documents, or any as the attending physician
cli-cmd-docs-unarchive = Unarchive an archived document (TD3.3d)
cli-cmd-docs-delete = Delete a document from the DMP (TD3.3c): only its author (or, for the structure's documents, the structure) may. Asks for confirmation at a terminal; --yes in scripts
cli-cmd-push = Add documents to a patient's DMP (TD2.1): CDA R2 documents as they are, PDF and plain text wrapped in a CDA level 1. The files of one command are one submission, for one patient, signed once
cli-cmd-audit = The local audit journal: check that no record was edited, deleted or reordered, and send its records to the practice's audit repository
cli-cmd-audit-verify = Walk the audit journal's hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)
cli-cmd-audit-forward = Send the journal's records not yet sent to the practice's audit repository (`audit_repository` in the profile), in order, as IHE ATNA messages over syslog/TLS. A run of a DMP command already tries this when it ends; this sends what stayed queued. An intent whose outcome may still come waits, and so do the records after it
cli-cmd-report = Reports: the accesses recorded in the local audit journal, and what the DMP says of authorizations and authorized DMPs (text, JSON or CSV)
cli-cmd-report-access = Who accessed which patient's DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html
cli-cmd-report-authorizations = The professionals authorized on, or blocked from, a patient's DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action
cli-cmd-report-patients = The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added

## Options and arguments

cli-arg-access-mode = Only this access mode (repeatable)
cli-arg-activities = Also list the card's activities (situations d'exercice: structure, sector, organisation), which the card shows only after the PIN: asks for it
cli-arg-activity = Direct mode: the card's activity (situation d'exercice) to work in, by its number on the card, its structure id or its sector (e.g. 2, 499700000017001, SA07); instead of the profile's `activity`. Needed when the card holds several
cli-arg-attending = Declare yourself the patient's attending physician (médecin traitant DMP)
cli-arg-author = Author's national id
cli-arg-batch = Push a batch for many patients, unattended: a MANIFEST.csv (columns file, ins, title, type, masked, invisible_to_patient, invisible_to_legal_reps, service_start; paths relative to its folder) or a directory of CDA files (each names its patient). One submission per patient. Its state is kept in $XDG_STATE_HOME/dmp/batches/: run the same batch again after any interruption and it ends with every document in the DMP once (a document whose outcome is unknown is looked up before it is sent again). Exit code 0: every document is in the DMP; 12: some are; otherwise nothing went through
cli-arg-by = What --since applies to: the authorization (added since), the documents (added or changed since), or either (both lists, merged)
cli-arg-ca-file = PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile's
cli-arg-chart = Instead of the records, the accesses per day as bars
cli-arg-class-code = Document class code (repeatable), e.g. 10
cli-arg-config = Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)
cli-arg-credential = What signs the TLS session: the CPS card (direct mode), a structure certificate (indirect mode, unattended), or the CPS card through a PKCS#11 module (pkcs11: the ANS Cryptolib CPS, OpenSC…; --reader then picks the slot or token by a part of its name)
cli-arg-dry-run = Check the documents and show what would be sent, without sending anything (no PIN, no network)
cli-arg-endpoint = Base URL of the DMP services, instead of the profile's (e.g. https://host/si-dmp-server/v2/services)
cli-arg-file = The new version: CDA R2 (XML), PDF or plain text
cli-arg-files = The documents: CDA R2 (XML), PDF or plain text
cli-arg-force = Replace FILE if it exists
cli-arg-from = Care (service) date from (YYYY-MM-DD)
cli-arg-html = Write the whole report (summaries, chart, records, the journal's chain) as one HTML page to FILE (mode 0600: it names patients), for a data-protection officer to open and print
cli-arg-ins = The patient's INS (15 characters: NIR + check key), optionally `INS@OID`
cli-cmd-docs-replace-arg-ins = The patient's INS (15 characters: NIR + check key), optionally `INS@OID`. Required for a PDF or a text; a CDA carries its own, which must agree
cli-cmd-push-arg-ins = The patient's INS (15 characters: NIR + check key), optionally `INS@OID`. Required for a PDF or a text; a CDA carries its own, which must agree
cli-cmd-report-access-arg-ins = Only this patient (INS, 15 characters)
cli-arg-invisible-to-legal-reps = Make the documents invisible to the patient's legal representatives (INVISIBLE_REPRESENTANTS_LEGAUX)
cli-arg-invisible-to-patient = Make the documents invisible to the patient (INVISIBLE_PATIENT), until a professional shows them (e.g. after an announcement consultation)
cli-arg-jobs = How many patients' submissions a batch sends at once
cli-arg-journal = An audit journal file to read (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3
cli-cmd-audit-verify-arg-journal = An audit journal file to check (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3
cli-arg-masked = Mask the documents to other professionals (MASQUE_PS)
cli-arg-mode = Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient's block and oppositions apply in every mode
cli-arg-new-since-last-visit = Only what was added since your last complete listing of this DMP: a plain `docs list` or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json)
cli-arg-no-cache = Read the certificates from the card even if they are cached
cli-arg-no-pinpad = Do not use the reader's PIN pad: take the PIN from the keyboard, --pin-file, --pin-stdin or --pin-env even on a reader that has one (by default the PIN is typed on the pad)
cli-arg-old-unique-id = The unique id (OID) of the document to replace, as `dmp docs list` shows it
cli-arg-open = Open the address in your web browser ($BROWSER, else xdg-open)
cli-arg-output = Output format: text for people, json for scripts, csv for spreadsheets (reports)
cli-arg-lang = Language of the messages, the help and the errors (default: DMP_LANG, the profile's `lang`, else the locale: LC_ALL, LC_MESSAGES, LANG)
cli-arg-output-file = Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output
cli-arg-patient-consent = The patient has consented (for scripts; at a terminal dmp asks). Recorded in the audit journal
cli-arg-pin-env = Read the PIN from the environment variable VAR
cli-arg-pin-file = Read the PIN from the first line of FILE (it should be readable by you alone)
cli-arg-pin-stdin = Read the PIN from the first line of standard input
cli-arg-pkcs11-module = The PKCS#11 module of --credential pkcs11 (default: the ANS Cryptolib CPS, /usr/lib/libcps3_pkcs11.so then /usr/local/lib/libcps3_pkcs11.so)
cli-arg-practitioner = Only this practitioner (national id) or structure (structure id)
cli-arg-profile = Profile to use from the configuration file (default: the file's `default_profile`)
cli-arg-quiet = Only errors on stderr (and the warning that --trace-wire writes health data)
cli-arg-reader = Card reader to use: its full name or a unique part of it (default: the first reader holding a card)
cli-arg-reason = Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it
cli-arg-remove = Remove your authorization instead of adding it
cli-arg-result = Only this result (repeatable)
cli-arg-service-start = When the act the document reports began (YYYY-MM-DD, or HL7 YYYYMMDD[hhmm]); a CDA's own serviceEvent by default, for a PDF or a text the day it is pushed
cli-arg-since = Since this date (YYYY-MM-DD; default: one year ago)
cli-cmd-report-access-arg-since = From this day (YYYY-MM-DD, UTC) or time (RFC 3339) on
cli-cmd-report-patients-arg-since = Since this date (YYYY-MM-DD, UTC; default: one year ago)
cli-arg-status = Availability status (repeatable; default: approved)
cli-arg-structure-cert = PKCS#12 file of the structure certificate (indirect mode)
cli-arg-structure-cert-password-env = Environment variable holding the structure certificate's password
cli-arg-structure-cert-password-file = File holding the structure certificate's password (first line)
cli-arg-summary = Instead of the records, one row per patient or per practitioner
cli-arg-title = Title (default: the CDA's own; for a PDF or a text, the file name)
cli-arg-to = Care (service) date to (YYYY-MM-DD)
cli-arg-trace-wire = Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies
cli-arg-trace-wire-bodies = Keep document content in the wire traces
cli-arg-transaction = Only this transaction, by its catalogue code (repeatable), e.g. TD3.2
cli-arg-type-code = Document type code (JDV_J66, mostly LOINC), e.g. 11502-2; required for a PDF or a text
cli-cmd-docs-list-arg-type-code = Document type code (LOINC, repeatable), e.g. 11488-4
cli-arg-unique-id = The document's unique id (OID), as `dmp docs list` shows it
cli-arg-until = Up to this day included (YYYY-MM-DD, UTC), or before this time (RFC 3339)
cli-arg-verbose = More detail on stderr (-v: dmp's steps, -vv: also TLS and HTTP). Never shows a PIN
cli-arg-wait = Wait for a card to be inserted (at most SECONDS, default 60)
cli-cmd-readers-arg-wait = Wait until a card is inserted (at most SECONDS, default 60)
cli-arg-web-ps-url = Base address of the Web PS (e.g. https://host), instead of the profile's web_ps_url
cli-arg-yes = Delete without asking (required when not at a terminal)

## Values

cli-value-access-mode-emergency = Emergency access ("bris de glace")
cli-value-access-mode-regulation = Medical regulation ("centre 15")
cli-value-by-authorization = The authorization was added since the date (TD0.4 LASTAUTORIZATION)
cli-value-by-document = A document was added or changed since the date (TD0.4 LASTDOC)
cli-value-by-either = Either (two requests, merged)
cli-value-mode-emergency = Emergency access ("bris de glace")
cli-value-mode-regulation = Medical regulation ("centre 15")
cli-value-output-csv = Comma-separated values for spreadsheets, one header line (the `report` commands)
cli-value-output-json = One JSON document on stdout, with a "version" field (scripts rely on its shape)
cli-value-output-text = Tables and sentences for people
cli-value-result-done = The DMP answered
cli-value-result-failed = Failed (network, an error answer, a wrong PIN…)
cli-value-result-refused = Refused, by dmp's rules or by the DMP
cli-value-result-refused-by-client = Refused by dmp's rules before anything was sent
cli-value-result-refused-by-dmp = Refused by the DMP's access rules
cli-value-result-unknown = The request may have reached the DMP, but dmp stopped before its answer
cli-value-summary-patient = One row per patient, with the practitioners who accessed their DMP
cli-value-summary-practitioner = One row per practitioner, with the patients whose DMP they accessed
cli-value-lang-en = English
cli-value-lang-fr = French

## Examples (their command lines are in src/cli/localise.rs, EXAMPLES)

cli-example-reason = unconscious patient
cli-example-dmp-1 = Check the set-up (card reader, card, certificates, TLS to the DMP) and say how to fix what fails:
cli-example-dmp-2 = Use the sandbox's profile to see whether a patient has a DMP you may open:
cli-example-dmp-3 = List what was added to a patient's DMP since your last visit, as JSON:
cli-example-dmp-4 = Open a DMP in an emergency ("bris de glace"); the reason is kept in the audit journal:
cli-example-dmp-5 = Work unattended in indirect mode, with the structure certificate:
cli-example-dmp-readers-1 = Wait up to 30 seconds for a card, then list the readers:
cli-example-dmp-card-1 = The card's holder, certificates and PIN tries left:
cli-example-dmp-card-info-1 = Read the certificates from the card again instead of the cache:
cli-example-dmp-card-verify-pin-1 = Verify the PIN held in an environment variable (never on the command line):
cli-example-dmp-doctor-1 = Check the set-up of the office profile, as JSON for a monitoring script:
cli-example-dmp-patient-1 = Does the patient have a DMP, and may you open it?
cli-example-dmp-patient-status-1 = Does the patient have a DMP, and may you open it?
cli-example-dmp-patient-authorize-1 = Declare yourself authorized, from a script that obtained the patient's consent:
cli-example-dmp-patient-authorize-2 = Remove your authorization:
cli-example-dmp-patient-professionals-1 = The professionals authorized on, or blocked from, the DMP:
cli-example-dmp-patient-history-url-1 = Open the patient's DMP access history in your web browser:
cli-example-dmp-patients-1 = The DMPs you were authorized on this year:
cli-example-dmp-patients-authorized-1 = The DMPs you were authorized on this year:
cli-example-dmp-docs-1 = Every current document of a patient:
cli-example-dmp-docs-list-1 = Every current document:
cli-example-dmp-docs-list-2 = Biology reports (LOINC 11502-2) of 2025, obsolete versions included:
cli-example-dmp-docs-get-1 = Save a document, readable by you alone:
cli-example-dmp-docs-get-2 = Send it to another program:
cli-example-dmp-docs-replace-1 = Replace a report by its corrected version (a CDA carries its own patient):
cli-example-dmp-docs-mask-1 = Mask one of your documents to the other professionals:
cli-example-dmp-docs-unmask-1 = Unmask a document to the other professionals:
cli-example-dmp-docs-show-to-patient-1 = Make a document visible to the patient once it was announced to them:
cli-example-dmp-docs-archive-1 = Archive an old document (dmp docs list --status archived still shows it):
cli-example-dmp-docs-unarchive-1 = Bring an archived document back into the default listing:
cli-example-dmp-docs-delete-1 = Delete one of your documents from a script, without a question:
cli-example-dmp-push-1 = Add a consultation report in PDF, masked to other professionals:
cli-example-dmp-push-2 = Check two CDA lab reports and show what would be sent, sending nothing:
cli-example-dmp-push-3 = Push a laboratory's night batch, two patients at a time, as JSON Lines events:
cli-example-dmp-audit-1 = Check that no record of the audit journal was edited, deleted or reordered:
cli-example-dmp-audit-verify-1 = Check the audit journal of this machine:
cli-example-dmp-audit-verify-2 = Check a backup copy of the journal:
cli-example-dmp-audit-forward-1 = Send the records still queued to the practice's audit repository:
cli-example-dmp-report-1 = The emergency accesses since January, as CSV for a spreadsheet:
cli-example-dmp-report-access-1 = Who accessed one patient's DMP, one row per practitioner:
cli-example-dmp-report-access-2 = The whole report as one HTML page to print:
cli-example-dmp-report-authorizations-1 = Who is authorized on the patient's DMP, as CSV:
cli-example-dmp-report-patients-1 = The DMPs whose documents were added or changed since January:

## Man pages (src/cli/generate/man.rs)

cli-man-file-1 = The configuration: named profiles (endpoint, trust anchors, reader, credential, the software's identity). Default ~/.config/dmp/config.toml; --config or DMP_CONFIG names another file. Unknown keys are errors. The README lists every key.
cli-man-file-2 = More profiles, beside the configuration file, read in name order; a profile of the configuration file wins over one of the same name here. dmp-sandbox serve writes profiles.d/sandbox.toml.
cli-man-file-3 = The audit journal: one record per action asked for, whatever its outcome (who, which patient, which transaction, mode and reason, result). Default ~/.local/share/dmp/audit.sqlite3. It names patients: keep it private.
cli-man-file-4 = The certificates read from each card, by card serial, so that a command need not read them again. Default ~/.cache/dmp/cards/; safe to delete.
cli-man-file-5 = The ANS Cryptolib CPS PKCS#11 module, where its installers put it: the module of --credential pkcs11 when neither --pkcs11-module nor pkcs11_module names one (the first that exists).
cli-man-file-6 = The state of each push --batch, one SQLite file per batch (named after the SHA-256 of the manifest's or directory's canonical path and content) and its lock: each document's uniqueId, fixed before it is first sent, and where it stands. It lets a batch stopped at any point run again with no document sent twice and none forgotten; an edited manifest is a new batch. Default ~/.local/state/dmp/batches/, mode 0700. It names patients: keep it private; delete a batch's files only once it is complete.
cli-man-file-7 = The last-visit markers of docs list --new-since-last-visit, per practitioner and patient, mode 0600. Default ~/.local/state/dmp/last-visits.json (the data directory where there is no state directory). Delete it to see everything as new.
cli-man-env-1 = Where the files above live (see FILES).
cli-man-env-2 = The language of dmp when neither --lang, DMP_LANG nor the profile's lang chooses one: the first of them that is set and not empty; French for fr and fr_*, English for anything else.
cli-man-env-3 = Log filter for stderr, in the tracing EnvFilter syntax (for example dmp=debug); it replaces what -v and -q choose. A PIN is never logged.
cli-man-env-4 = When set and not empty, logs are not coloured (they are coloured only when stderr is a terminal).
cli-man-env-5 = When set to a number, the width text tables are fitted to (and help is wrapped to); otherwise the terminal's width, or 100 columns when standard output is not a terminal. Identifier columns (unique ids, INS, national and structure ids) never wrap; tables are never narrower than 40 columns.
cli-man-env-6 = The card PIN, for unattended use; never give a PIN on the command line.
cli-man-env-6-name = the variable named by --pin-env VAR
cli-man-env-7 = The password of the structure certificate (indirect mode).
cli-man-env-7-name = the variable named by --structure-cert-password-env VAR
cli-man-env-8 = A test hook, for the project's tests only: POINT:N makes push --batch kill itself with SIGKILL the N-th time it reaches POINT (before-save, before-send, after-answer, after-save).
cli-man-env-9 = The browser dmp patient history-url --open starts (the first command of this colon-separated list that exists), before xdg-open.
cli-man-env-10 = On Windows only: the user and machine names recorded in each audit journal entry (on Unix, the account of the process and the host name).
cli-man-env-11 = Read by the PC/SC library: the socket of pcscd, when it is not the default /run/pcscd/pcscd.comm.
cli-man-env-12 = Set by the shell completion scripts: dmp then prints completions for the words after -- and does nothing else. DMP_COMPLETE=bash dmp (or zsh, fish, powershell, elvish) prints the script to load.
cli-man-manual = User Commands
cli-man-name = NAME
cli-man-synopsis = SYNOPSIS
cli-man-description = DESCRIPTION
cli-man-options = OPTIONS
cli-man-global-options = GLOBAL OPTIONS
cli-man-commands = COMMANDS
cli-man-examples = EXAMPLES
cli-man-files = FILES
cli-man-environment = ENVIRONMENT
cli-man-exit-status = EXIT STATUS
cli-man-see-also = SEE ALSO
cli-man-synopsis-options = OPTIONS
cli-man-synopsis-global-options = GLOBAL OPTIONS
cli-man-synopsis-command = COMMAND
cli-man-description-dmp = dmp reads the practitioner's CPS card through a PC/SC reader (pcscd), opens a mutual-TLS session signed by the card (or, in indirect mode, by a structure certificate), and speaks the DMP interface for practice software: SOAP 1.2, IHE XDS.b and the VIHF assertion. The consent and rights rules are applied before anything is sent, and every action leaves a record in the audit journal.
cli-man-global-options-intro = Every command also accepts the options of { $page }:{" "}
cli-man-see = See { $page }.
cli-man-values = Values: { $values }.
cli-man-default = Default: { $value }.
cli-man-env-note = Environment: { $var }.
cli-man-env-default-of = The default of { $option }.

## Completions and the run of a command (src/cli/complete.rs, src/cli/mod.rs)

cli-complete-default-profile = the default profile
cli-complete-card-present = card present
cli-complete-no-card = no card
cli-run-csv-for-reports = --output csv is for the reports (`dmp report …`)
cli-run-csv-for-reports-hint = use --output text or --output json with this command
cli-run-config-ignored = { $error } (ignored: this command does not need the configuration)
cli-run-no-config-file = no file at { $path } (built-in defaults)
cli-run-no-config-dir = no configuration directory (built-in defaults)
cli-run-config-profile = { $file }, profile { $profile }
cli-run-config-no-profile = { $file }, no profile
