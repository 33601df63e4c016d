//! The command-line definition. This one clap definition drives `--help`, the man pages in
//! `man/` and the completions in `completions/` (see `dmp::cli::generate`). It holds no text a
//! person reads: every about, help and value description comes from the catalogue
//! (`locales/<lang>/cli.ftl`), set by [`super::command()`](crate::cli::command), which is the
//! only way to get the clap `Command`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use super::localise::Values;
use crate::i18n::Lang;

// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    #[default]
    Text,
    Json,
    Csv,
}

// The whole command line. Its about, its examples and the exit codes (after the long help) are
// set by `super::command()`.
#[derive(Debug, Parser)]
#[command(name = "dmp", version)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

// Options accepted by every command. Under their own heading (set by `super::command()`), so
// that a command's help shows its own options first and these after.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    #[arg(long, global = true, value_parser = Values::<OutputFormat>::new("output"), default_value = "text")]
    pub output: OutputFormat,

    // Read before clap parses the command line (`crate::i18n::select`), so that the help and
    // the errors clap reports are already in that language; here so that it is documented,
    // completed and checked (an unknown language is a usage error).
    #[arg(long, global = true, value_parser = Values::<Lang>::new("lang"), value_name = "LANG", env = "DMP_LANG")]
    pub lang: Option<Lang>,

    #[arg(short, long, action = clap::ArgAction::Count, global = true, conflicts_with = "quiet")]
    pub verbose: u8,

    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[arg(long, global = true, value_name = "NAME", env = "DMP_PROFILE",
          add = ArgValueCandidates::new(super::complete::profiles))]
    pub profile: Option<String>,

    #[arg(long, global = true, value_name = "FILE", env = "DMP_CONFIG")]
    pub config: Option<PathBuf>,

    #[arg(long, global = true, value_name = "NAME",
          add = ArgValueCandidates::new(super::complete::readers))]
    pub reader: Option<String>,

    #[arg(long, global = true, value_name = "FILE", group = "pin_source")]
    pub pin_file: Option<PathBuf>,

    #[arg(long, global = true, group = "pin_source")]
    pub pin_stdin: bool,

    #[arg(long, global = true, value_name = "VAR", group = "pin_source")]
    pub pin_env: Option<String>,

    #[arg(long, global = true)]
    pub no_pinpad: bool,

    #[arg(long, global = true, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,

    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    #[arg(long, global = true, value_name = "N|STRUCT_ID|SECTOR")]
    pub activity: Option<String>,

    #[arg(long, global = true, value_enum)]
    pub credential: Option<CredentialArg>,

    #[arg(long, global = true, value_name = "PATH")]
    pub pkcs11_module: Option<PathBuf>,

    #[arg(long, global = true, value_name = "FILE.p12")]
    pub structure_cert: Option<PathBuf>,

    #[arg(long, global = true, value_name = "FILE", group = "structure_password")]
    pub structure_cert_password_file: Option<PathBuf>,

    #[arg(long, global = true, value_name = "VAR", group = "structure_password")]
    pub structure_cert_password_env: Option<String>,

    #[arg(long, global = true, value_parser = Values::<ModeArg>::new("mode"), default_value = "normal")]
    pub mode: ModeArg,

    #[arg(long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,

    #[arg(long, global = true, value_name = "DIR")]
    pub trace_wire: Option<PathBuf>,

    #[arg(long, global = true)]
    pub trace_wire_bodies: bool,
}

// `--credential`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CredentialArg {
    Card,
    Structure,
    Pkcs11,
}

// `--mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ModeArg {
    #[default]
    Normal,
    Emergency,
    Regulation,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Readers(ReadersArgs),
    #[command(subcommand)]
    Card(CardCommand),
    Doctor(DoctorArgs),
    #[command(subcommand)]
    Patient(PatientCommand),
    #[command(subcommand)]
    Patients(PatientsCommand),
    #[command(subcommand)]
    Docs(DocsCommand),
    Push(PushArgs),
    #[command(subcommand)]
    Audit(AuditCommand),
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Debug, Args, Clone)]
pub struct InsArg {
    #[arg(long, value_name = "INS")]
    pub ins: String,
}

#[derive(Debug, Subcommand)]
pub enum PatientCommand {
    Status(InsArg),
    Authorize(AuthorizeArgs),
    Professionals(InsArg),
    HistoryUrl(HistoryUrlArgs),
}

#[derive(Debug, Args)]
pub struct HistoryUrlArgs {
    #[command(flatten)]
    pub ins: InsArg,
    #[arg(long)]
    pub open: bool,
    #[arg(long, value_name = "URL")]
    pub web_ps_url: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    Access(ReportAccessArgs),
    Authorizations(InsArg),
    Patients(ReportPatientsArgs),
}

#[derive(Debug, Args)]
pub struct ReportPatientsArgs {
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_parser = Values::<SinceByArg>::new("by"), value_name = "WHAT", default_value = "either")]
    pub by: SinceByArg,
}

// `report patients --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SinceByArg {
    Authorization,
    Document,
    Either,
}

#[derive(Debug, Args)]
pub struct AuthorizeArgs {
    #[command(flatten)]
    pub ins: InsArg,
    #[arg(long)]
    pub remove: bool,
    #[arg(long, conflicts_with = "remove")]
    pub attending: bool,
    #[arg(long, conflicts_with = "remove")]
    pub patient_consent: bool,
}

#[derive(Debug, Subcommand)]
pub enum PatientsCommand {
    Authorized(AuthorizedArgs),
}

#[derive(Debug, Args)]
pub struct AuthorizedArgs {
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    List(DocsListArgs),
    Get(DocsGetArgs),
    Replace(DocsReplaceArgs),
    Mask(DocsUpdateArgs),
    Unmask(DocsUpdateArgs),
    ShowToPatient(DocsUpdateArgs),
    Archive(DocsUpdateArgs),
    Unarchive(DocsUpdateArgs),
    Delete(DocsDeleteArgs),
}

// What the user says about the documents pushed (`dmp push`, `dmp docs replace`).
#[derive(Debug, Args, Clone, Default)]
pub struct DocumentArgs {
    #[arg(long, value_name = "INS")]
    pub ins: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[arg(long = "type", value_name = "CODE")]
    pub type_code: Option<String>,
    #[arg(long)]
    pub masked: bool,
    #[arg(long)]
    pub invisible_to_patient: bool,
    #[arg(long)]
    pub invisible_to_legal_reps: bool,
    #[arg(long, value_name = "DATE")]
    pub service_start: Option<String>,
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub document: DocumentArgs,
    #[arg(
        long,
        value_name = "DIR|MANIFEST.csv",
        conflicts_with_all = ["files", "ins", "title", "type_code", "masked", "invisible_to_patient", "invisible_to_legal_reps", "service_start", "dry_run"]
    )]
    pub batch: Option<PathBuf>,
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
    pub old_unique_id: String,
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub document: DocumentArgs,
}

// The positional argument first: the "Arguments" heading then comes before "Options".
#[derive(Debug, Args)]
pub struct DocsUpdateArgs {
    pub unique_id: String,
    #[command(flatten)]
    pub ins: InsArg,
}

#[derive(Debug, Args)]
pub struct DocsDeleteArgs {
    #[command(flatten)]
    pub update: DocsUpdateArgs,
    #[arg(long, short = 'y')]
    pub yes: bool,
}

// `--status`.
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
    #[arg(long, value_enum, value_name = "STATUS")]
    pub status: Vec<StatusArg>,
    #[arg(long = "type", value_name = "CODE")]
    pub type_code: Vec<String>,
    #[arg(long = "class", value_name = "CODE")]
    pub class_code: Vec<String>,
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[arg(long, value_name = "ID")]
    pub author: Option<String>,
    #[arg(long, conflicts_with_all = ["status", "type_code", "class_code", "from", "to", "author"])]
    pub new_since_last_visit: bool,
}

// The positional argument first: the "Arguments" heading then comes before "Options".
#[derive(Debug, Args)]
pub struct DocsGetArgs {
    pub unique_id: String,
    #[command(flatten)]
    pub ins: InsArg,
    // `--save-as`, not `--output-file`: a name so close to the global `--output` was mistaken
    // for it. The old name stays as a hidden alias for the scripts that use it.
    #[arg(
        short = 'o',
        long = "save-as",
        alias = "output-file",
        value_name = "FILE"
    )]
    pub output_file: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ReadersArgs {
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "60")]
    pub wait: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    Info(CardInfoArgs),
    VerifyPin(WaitArgs),
}

#[derive(Debug, Args)]
pub struct CardInfoArgs {
    #[command(flatten)]
    pub wait: WaitArgs,
    #[arg(long)]
    pub activities: bool,
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct WaitArgs {
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = "60")]
    pub wait: Option<u64>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    Verify(AuditVerifyArgs),
    Forward,
}

#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
}

// `--mode` of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportModeArg {
    Normal,
    Emergency,
    Regulation,
}

// `--result` of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportResultArg {
    Done,
    Refused,
    RefusedByClient,
    RefusedByDmp,
    Failed,
    Unknown,
}

// `--summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryArg {
    Patient,
    Practitioner,
}

#[derive(Debug, Args)]
pub struct ReportAccessArgs {
    #[arg(long, value_name = "INS")]
    pub ins: Option<String>,
    #[arg(long, value_name = "ID")]
    pub practitioner: Option<String>,
    #[arg(long, value_parser = Values::<ReportModeArg>::new("access-mode"), value_name = "MODE")]
    pub access_mode: Vec<ReportModeArg>,
    #[arg(long, value_name = "CODE")]
    pub transaction: Vec<String>,
    #[arg(long, value_parser = Values::<ReportResultArg>::new("result"), value_name = "RESULT")]
    pub result: Vec<ReportResultArg>,
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long, value_parser = Values::<SummaryArg>::new("summary"), value_name = "BY", conflicts_with = "chart")]
    pub summary: Option<SummaryArg>,
    #[arg(long)]
    pub chart: bool,
    #[arg(long, value_name = "FILE", conflicts_with_all = ["summary", "chart"])]
    pub html: Option<PathBuf>,
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
}
