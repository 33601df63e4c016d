//! The command-line definition. This one clap definition drives `--help`, the man pages in
//! `man/` and the completions in `completions/` (see `dmp::cli::generate`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use crate::error::ErrorKind;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Tables and sentences for people.
    #[default]
    Text,
    /// One JSON document on stdout, with a "version" field (scripts rely on its shape).
    Json,
    /// Comma-separated values for spreadsheets, one header line (the `report` commands).
    Csv,
}

fn exit_codes_help() -> String {
    let mut s = String::from("Exit codes:\n  0    success\n");
    for k in ErrorKind::ALL {
        s.push_str(&format!("  {:<5}{}\n", k.exit_code(), k.describe()));
    }
    s.push_str(
        "\nThe PIN is never read from the command line: it comes from a prompt at a terminal,\n\
         --pin-file, --pin-stdin or --pin-env.",
    );
    s
}

/// Client of the French Shared Medical Record (DMP) for health professionals, with the CPS card.
#[derive(Debug, Parser)]
#[command(name = "dmp", version, about, long_about = None, after_long_help = exit_codes_help())]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// The help heading of the options every command accepts.
pub const GLOBAL_OPTIONS: &str = "Global options";

/// Options accepted by every command. Under their own heading, so that a command's help shows
/// its own options first and these after.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = GLOBAL_OPTIONS)]
pub struct GlobalArgs {
    /// Output format: text for people, json for scripts, csv for spreadsheets (reports).
    #[arg(long, value_enum, global = true, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,

    /// More detail on stderr (-v: dmp's steps, -vv: also TLS and HTTP). Never shows a PIN.
    #[arg(short, long, action = clap::ArgAction::Count, global = true, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Only errors on stderr (and the warning that --trace-wire writes health data).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Profile to use from the configuration file (default: the file's `default_profile`).
    #[arg(long, global = true, value_name = "NAME", env = "DMP_PROFILE",
          add = ArgValueCandidates::new(super::complete::profiles))]
    pub profile: Option<String>,

    /// Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml).
    #[arg(long, global = true, value_name = "FILE", env = "DMP_CONFIG")]
    pub config: Option<PathBuf>,

    /// Card reader to use: its full name or a unique part of it (default: the first reader
    /// holding a card).
    #[arg(long, global = true, value_name = "NAME",
          add = ArgValueCandidates::new(super::complete::readers))]
    pub reader: Option<String>,

    /// Read the PIN from the first line of FILE (it should be readable by you alone).
    #[arg(long, global = true, value_name = "FILE", group = "pin_source")]
    pub pin_file: Option<PathBuf>,

    /// Read the PIN from the first line of standard input.
    #[arg(long, global = true, group = "pin_source")]
    pub pin_stdin: bool,

    /// Read the PIN from the environment variable VAR.
    #[arg(long, global = true, value_name = "VAR", group = "pin_source")]
    pub pin_env: Option<String>,

    /// Do not use the reader's PIN pad: take the PIN from the keyboard, --pin-file, --pin-stdin
    /// or --pin-env even on a reader that has one (by default the PIN is typed on the pad).
    #[arg(long, global = true)]
    pub no_pinpad: bool,

    /// PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile's.
    #[arg(long, global = true, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    /// Base URL of the DMP services, instead of the profile's
    /// (e.g. https://host/si-dmp-server/v2/services).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Direct mode: the card's activity (situation d'exercice) to work in, by its number on the
    /// card, its structure id or its sector (e.g. 2, 499700000017001, SA07); instead of the
    /// profile's `activity`. Needed when the card holds several.
    #[arg(long, global = true, value_name = "N|STRUCT_ID|SECTOR")]
    pub activity: Option<String>,

    /// What signs the TLS session: the CPS card (direct mode), a structure certificate
    /// (indirect mode, unattended), or the CPS card through a PKCS#11 module (pkcs11: the ANS
    /// Cryptolib CPS, OpenSC…; --reader then picks the slot or token by a part of its name).
    #[arg(long, global = true, value_enum)]
    pub credential: Option<CredentialArg>,

    /// The PKCS#11 module of --credential pkcs11 (default: the ANS Cryptolib CPS,
    /// /usr/lib/libcps3_pkcs11.so then /usr/local/lib/libcps3_pkcs11.so).
    #[arg(long, global = true, value_name = "PATH")]
    pub pkcs11_module: Option<PathBuf>,

    /// PKCS#12 file of the structure certificate (indirect mode).
    #[arg(long, global = true, value_name = "FILE.p12")]
    pub structure_cert: Option<PathBuf>,

    /// File holding the structure certificate's password (first line).
    #[arg(long, global = true, value_name = "FILE", group = "structure_password")]
    pub structure_cert_password_file: Option<PathBuf>,

    /// Environment variable holding the structure certificate's password.
    #[arg(long, global = true, value_name = "VAR", group = "structure_password")]
    pub structure_cert_password_env: Option<String>,

    /// Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run)
    /// or regulation (centre 15: no authorization needed). The patient's block and
    /// oppositions apply in every mode.
    #[arg(long, global = true, value_enum, default_value_t = ModeArg::Normal)]
    pub mode: ModeArg,

    /// Why the emergency access is needed (emergency mode only). Kept in the local audit journal;
    /// not sent to the DMP, whose interface names no field for it.
    #[arg(long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,

    /// Write each DMP request and answer of the run in DIR, as sent and received, for support:
    /// one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data.
    /// Document content is left out (size and SHA-1 only) unless --trace-wire-bodies.
    #[arg(long, global = true, value_name = "DIR")]
    pub trace_wire: Option<PathBuf>,

    /// Keep document content in the wire traces.
    #[arg(long, global = true)]
    pub trace_wire_bodies: bool,
}

/// `--credential`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CredentialArg {
    Card,
    Structure,
    Pkcs11,
}

/// `--mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ModeArg {
    #[default]
    Normal,
    /// Emergency access ("bris de glace").
    Emergency,
    /// Medical regulation ("centre 15").
    Regulation,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the card readers, whether a card is present, its ATR and its generation.
    Readers(ReadersArgs),
    /// Read the CPS card: holder, certificates, PIN.
    #[command(subcommand)]
    Card(CardCommand),
    /// Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP,
    /// clock) and say how to fix what fails.
    Doctor(DoctorArgs),
    /// One patient's DMP: status, authorization, professionals.
    #[command(subcommand)]
    Patient(PatientCommand),
    /// The patients whose DMP you are authorized on.
    #[command(subcommand)]
    Patients(PatientsCommand),
    /// A patient's documents: list and open them.
    #[command(subcommand)]
    Docs(DocsCommand),
    /// Add documents to a patient's DMP (TD2.1): CDA R2 documents as they are, PDF and plain
    /// text wrapped in a CDA level 1. The files of one command are one submission, for one
    /// patient, signed once.
    Push(PushArgs),
    /// The local audit journal: check that no record was edited, deleted or reordered, and
    /// send its records to the practice's audit repository.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Reports: the accesses recorded in the local audit journal, and what the DMP says of
    /// authorizations and authorized DMPs (text, JSON or CSV).
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Debug, Args, Clone)]
pub struct InsArg {
    /// The patient's INS (15 characters: NIR + check key), optionally `INS@OID`.
    #[arg(long, value_name = "INS")]
    pub ins: String,
}

#[derive(Debug, Subcommand)]
pub enum PatientCommand {
    /// Does the patient have a DMP, and may you access it (TD0.2)?
    Status(InsArg),
    /// Declare yourself authorized on the patient's DMP once they consent, or remove it (TD0.3).
    Authorize(AuthorizeArgs),
    /// The professionals authorized on, or blocked from, the patient's DMP (TD1.6).
    Professionals(InsArg),
    /// The address of the patient's DMP access history on the DMP's web site for
    /// professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the
    /// attending physician sees every access, any other professional their own. Sends nothing.
    HistoryUrl(HistoryUrlArgs),
}

#[derive(Debug, Args)]
pub struct HistoryUrlArgs {
    #[command(flatten)]
    pub ins: InsArg,
    /// Open the address in your web browser ($BROWSER, else xdg-open).
    #[arg(long)]
    pub open: bool,
    /// Base address of the Web PS (e.g. https://host), instead of the profile's web_ps_url.
    #[arg(long, value_name = "URL")]
    pub web_ps_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Who accessed which patient's DMP from this machine, when, in which mode, why, and what
    /// was refused, from the local audit journal. Emergency, regulation and refused accesses
    /// are flagged. Table, --output json or csv, --summary, --chart, --html.
    Access(ReportAccessArgs),
    /// The professionals authorized on, or blocked from, a patient's DMP as the DMP lists them
    /// (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action.
    Authorizations(InsArg),
    /// The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the
    /// last update of their documents and when your authorization was added.
    Patients(ReportPatientsArgs),
}

#[derive(Debug, Args)]
pub struct ReportPatientsArgs {
    /// Since this date (YYYY-MM-DD, UTC; default: one year ago).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// What --since applies to: the authorization (added since), the documents (added or
    /// changed since), or either (both lists, merged).
    #[arg(long, value_enum, value_name = "WHAT", default_value_t = SinceByArg::Either)]
    pub by: SinceByArg,
}

/// `report patients --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SinceByArg {
    /// The authorization was added since the date (TD0.4 LASTAUTORIZATION).
    Authorization,
    /// A document was added or changed since the date (TD0.4 LASTDOC).
    Document,
    /// Either (two requests, merged).
    Either,
}

#[derive(Debug, Args)]
pub struct AuthorizeArgs {
    #[command(flatten)]
    pub ins: InsArg,
    /// Remove your authorization instead of adding it.
    #[arg(long)]
    pub remove: bool,
    /// Declare yourself the patient's attending physician (médecin traitant DMP).
    #[arg(long, conflicts_with = "remove")]
    pub attending: bool,
    /// The patient has consented (for scripts; at a terminal dmp asks). Recorded in the
    /// audit journal.
    #[arg(long, conflicts_with = "remove")]
    pub patient_consent: bool,
}

#[derive(Debug, Subcommand)]
pub enum PatientsCommand {
    /// DMPs you (or your structure) were authorized on since a date (TD0.4).
    Authorized(AuthorizedArgs),
}

#[derive(Debug, Args)]
pub struct AuthorizedArgs {
    /// Since this date (YYYY-MM-DD; default: one year ago).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// List the patient's documents with type, date, author and visibility (TD3.1).
    List(DocsListArgs),
    /// Retrieve one document by its unique id (TD3.2), checked against its hash and size.
    Get(DocsGetArgs),
    /// Replace a document by a new version (TD2.1b): the old one is deprecated, the new one
    /// takes its place.
    Replace(DocsReplaceArgs),
    /// Mask a document to other professionals (TD3.3a, MASQUE_PS): only its author and the
    /// patient's attending physician still see it.
    Mask(DocsUpdateArgs),
    /// Unmask a document to professionals (TD3.3a): your own documents, or any as the
    /// patient's attending physician.
    Unmask(DocsUpdateArgs),
    /// Make a document visible to the patient and their legal representatives (TD3.3b), once
    /// it has been announced to the patient in a consultation.
    ShowToPatient(DocsUpdateArgs),
    /// Archive a document (TD3.3d): it leaves the default listing (`docs list --status
    /// archived` shows it). Your own documents, or any as the attending physician.
    Archive(DocsUpdateArgs),
    /// Unarchive an archived document (TD3.3d).
    Unarchive(DocsUpdateArgs),
    /// Delete a document from the DMP (TD3.3c): only its author (or, for the structure's
    /// documents, the structure) may. Asks for confirmation at a terminal; --yes in scripts.
    Delete(DocsDeleteArgs),
}

/// What the user says about the documents pushed (`dmp push`, `dmp docs replace`).
#[derive(Debug, Args, Clone, Default)]
pub struct DocumentArgs {
    /// The patient's INS (15 characters: NIR + check key), optionally `INS@OID`. Required for
    /// a PDF or a text; a CDA carries its own, which must agree.
    #[arg(long, value_name = "INS")]
    pub ins: Option<String>,
    /// Title (default: the CDA's own; for a PDF or a text, the file name).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Document type code (JDV_J66, mostly LOINC), e.g. 11502-2; required for a PDF or a text.
    #[arg(long = "type", value_name = "CODE")]
    pub type_code: Option<String>,
    /// Mask the documents to other professionals (MASQUE_PS).
    #[arg(long)]
    pub masked: bool,
    /// Make the documents invisible to the patient (INVISIBLE_PATIENT), until a professional
    /// shows them (e.g. after an announcement consultation).
    #[arg(long)]
    pub invisible_to_patient: bool,
    /// Make the documents invisible to the patient's legal representatives
    /// (INVISIBLE_REPRESENTANTS_LEGAUX).
    #[arg(long)]
    pub invisible_to_legal_reps: bool,
    /// When the act the document reports began (YYYY-MM-DD, or HL7 YYYYMMDD[hhmm]); a CDA's
    /// own serviceEvent by default, for a PDF or a text the day it is pushed.
    #[arg(long, value_name = "DATE")]
    pub service_start: Option<String>,
    /// Check the documents and show what would be sent, without sending anything (no PIN, no
    /// network).
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The documents: CDA R2 (XML), PDF or plain text.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub document: DocumentArgs,
    /// Push a batch for many patients, unattended: a MANIFEST.csv (columns file, ins, title,
    /// type, masked, invisible_to_patient, invisible_to_legal_reps, service_start; paths
    /// relative to its folder) or a directory of CDA files (each names its patient). One
    /// submission per patient. Its state is kept in $XDG_STATE_HOME/dmp/batches/: run the
    /// same batch again after any interruption and it ends with every document in the DMP
    /// once (a document whose outcome is unknown is looked up before it is sent again).
    /// Exit code 0: every document is in the DMP; 12: some are; otherwise nothing went
    /// through.
    #[arg(
        long,
        value_name = "DIR|MANIFEST.csv",
        conflicts_with_all = ["files", "ins", "title", "type_code", "masked", "invisible_to_patient", "invisible_to_legal_reps", "service_start", "dry_run"]
    )]
    pub batch: Option<PathBuf>,
    /// How many patients' submissions a batch sends at once.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        requires = "batch",
        value_parser = clap::value_parser!(u16).range(1..=64)
    )]
    pub jobs: u16,
}

#[derive(Debug, Args)]
pub struct DocsReplaceArgs {
    /// The unique id (OID) of the document to replace, as `dmp docs list` shows it.
    pub old_unique_id: String,
    /// The new version: CDA R2 (XML), PDF or plain text.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Args)]
pub struct DocsUpdateArgs {
    #[command(flatten)]
    pub ins: InsArg,
    /// The document's unique id (OID), as `dmp docs list` shows it.
    pub unique_id: String,
}

#[derive(Debug, Args)]
pub struct DocsDeleteArgs {
    #[command(flatten)]
    pub update: DocsUpdateArgs,
    /// Delete without asking (required when not at a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `--status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Approved,
    Archived,
    Deprecated,
}

#[derive(Debug, Args)]
pub struct DocsListArgs {
    #[command(flatten)]
    pub ins: InsArg,
    /// Availability status (repeatable; default: approved).
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Vec<StatusArg>,
    /// Document type code (LOINC, repeatable), e.g. 11488-4.
    #[arg(long = "type", value_name = "CODE")]
    pub type_code: Vec<String>,
    /// Document class code (repeatable), e.g. 10.
    #[arg(long = "class", value_name = "CODE")]
    pub class_code: Vec<String>,
    /// Care (service) date from (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Care (service) date to (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Author's national id.
    #[arg(long, value_name = "ID")]
    pub author: Option<String>,
    /// Only what was added since your last complete listing of this DMP: a plain `docs list`
    /// or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json).
    #[arg(long, conflicts_with_all = ["status", "type_code", "class_code", "from", "to", "author"])]
    pub new_since_last_visit: bool,
}

#[derive(Debug, Args)]
pub struct DocsGetArgs {
    #[command(flatten)]
    pub ins: InsArg,
    /// The document's unique id (OID), as `dmp docs list` shows it.
    pub unique_id: String,
    /// Write the document to FILE, created readable by you alone (mode 0600) and complete or
    /// not at all; `-` or nothing: standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output_file: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ReadersArgs {
    /// Wait until a card is inserted (at most SECONDS, default 60).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "60")]
    pub wait: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Holder identity, card serial and generation, certificates and PIN tries left (spends no
    /// PIN try).
    Info(CardInfoArgs),
    /// Verify the PIN once and report the tries left. A wrong PIN is never retried.
    VerifyPin(WaitArgs),
}

#[derive(Debug, Args)]
pub struct CardInfoArgs {
    #[command(flatten)]
    pub wait: WaitArgs,
    /// Also list the card's activities (situations d'exercice: structure, sector,
    /// organisation), which the card shows only after the PIN: asks for it.
    #[arg(long)]
    pub activities: bool,
    /// Read the certificates from the card even if they are cached.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct WaitArgs {
    /// Wait for a card to be inserted (at most SECONDS, default 60).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "60")]
    pub wait: Option<u64>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the audit journal's hash chain and report the first edited, deleted or reordered
    /// record, with its number and time (exit code 11 when the chain is broken).
    Verify(AuditVerifyArgs),
    /// Send the journal's records not yet sent to the practice's audit repository
    /// (`audit_repository` in the profile), in order, as IHE ATNA messages over syslog/TLS.
    /// A run of a DMP command already tries this when it ends; this sends what stayed queued.
    /// An intent whose outcome may still come waits, and so do the records after it.
    Forward,
}

#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    /// An audit journal file to check (a copy, a backup) instead of
    /// $XDG_DATA_HOME/dmp/audit.sqlite3.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
}

/// `--mode` of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportModeArg {
    Normal,
    /// Emergency access ("bris de glace").
    Emergency,
    /// Medical regulation ("centre 15").
    Regulation,
}

/// `--result` of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportResultArg {
    /// The DMP answered.
    Done,
    /// Refused, by dmp's rules or by the DMP.
    Refused,
    /// Refused by dmp's rules before anything was sent.
    RefusedByClient,
    /// Refused by the DMP's access rules.
    RefusedByDmp,
    /// Failed (network, an error answer, a wrong PIN…).
    Failed,
    /// The request may have reached the DMP, but dmp stopped before its answer.
    Unknown,
}

/// `--summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryArg {
    /// One row per patient, with the practitioners who accessed their DMP.
    Patient,
    /// One row per practitioner, with the patients whose DMP they accessed.
    Practitioner,
}

#[derive(Debug, Args)]
pub struct ReportAccessArgs {
    /// Only this patient (INS, 15 characters).
    #[arg(long, value_name = "INS")]
    pub ins: Option<String>,
    /// Only this practitioner (national id) or structure (structure id).
    #[arg(long, value_name = "ID")]
    pub practitioner: Option<String>,
    /// Only this access mode (repeatable).
    #[arg(long, value_enum, value_name = "MODE")]
    pub access_mode: Vec<ReportModeArg>,
    /// Only this transaction, by its catalogue code (repeatable), e.g. TD3.2.
    #[arg(long, value_name = "CODE")]
    pub transaction: Vec<String>,
    /// Only this result (repeatable).
    #[arg(long, value_enum, value_name = "RESULT")]
    pub result: Vec<ReportResultArg>,
    /// From this day (YYYY-MM-DD, UTC) or time (RFC 3339) on.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this day included (YYYY-MM-DD, UTC), or before this time (RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Instead of the records, one row per patient or per practitioner.
    #[arg(long, value_enum, value_name = "BY", conflicts_with = "chart")]
    pub summary: Option<SummaryArg>,
    /// Instead of the records, the accesses per day as bars.
    #[arg(long)]
    pub chart: bool,
    /// Write the whole report (summaries, chart, records, the journal's chain) as one HTML
    /// page to FILE (mode 0600: it names patients), for a data-protection officer to open and
    /// print.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["summary", "chart"])]
    pub html: Option<PathBuf>,
    /// An audit journal file to read (a copy, a backup) instead of
    /// $XDG_DATA_HOME/dmp/audit.sqlite3.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
}
