//! The command-line layer: clap definitions, PIN sources, rendering. It turns arguments into
//! calls of `commands` and their results into text or JSON; it holds no protocol knowledge.

pub mod args;
mod browser;
pub mod complete;
pub mod generate;
pub mod interrupt;
pub mod localise;
pub mod output;
pub mod pin;
mod render;
mod render_audit;
mod render_batch;
mod render_dmp;
mod render_push;
mod render_report;
mod report_html;
pub mod usage;

use std::io::Write;

pub use args::Cli;
pub use localise::{command, command_in, parse_from};

use crate::commands::docs_update::Operation;
use crate::config::{Config, Profile};
use crate::error::{Error, Result};
use args::{Command, OutputFormat};
use output::Output;

/// Runs the parsed command line, writing the result on `out`. Returns the exit code of a run
/// that did not fail outright (`dmp doctor` with a failing check returns an error instead).
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    if cli.global.output == OutputFormat::Csv && !matches!(cli.command, Command::Report(_)) {
        return Err(Error::usage(crate::tr!("cli-run-csv-for-reports"))
            .with_hint(crate::tr!("cli-run-csv-for-reports-hint")));
    }
    let o = Output {
        format: cli.global.output,
        out,
        quiet: cli.global.quiet,
    };
    // `readers` needs nothing from the configuration, and `doctor` reports a broken one as a
    // failed check: both run whatever state the file is in.
    let wanted = cli.global.profile.as_deref();
    let (profile, config_check) = match Config::load(cli.global.config.as_deref()) {
        Ok(config) => match config.profile(wanted) {
            Ok(profile) => {
                let detail = config_detail(cli.global.config.as_deref(), &config, wanted);
                (profile, Ok(detail))
            }
            Err(e) if matches!(cli.command, Command::Doctor(_)) => (Profile::default(), Err(e)),
            Err(e) => return Err(e),
        },
        Err(e) => match cli.command {
            Command::Readers(_)
            | Command::Audit(args::AuditCommand::Verify(_))
            | Command::Report(args::ReportCommand::Access(_)) => {
                o.warn(crate::tr!("cli-run-config-ignored", error = e.message()));
                (Profile::default(), Ok(String::new()))
            }
            Command::Doctor(_) => (Profile::default(), Err(e)),
            _ => return Err(e),
        },
    };
    let ctx = render::context(&cli.global, &profile);
    let mut o = o;
    let result = dispatch(cli, &ctx, &profile, config_check, &mut o);
    // Every run that journaled something hands its records to the practice's audit
    // repository when one is configured: best effort, bounded by the syslog timeout; a failure
    // leaves them queued and never changes the command's outcome.
    for w in crate::commands::audit_forward::forward_after_run(&profile) {
        o.warn(w);
    }
    result
}

fn dispatch(
    cli: Cli,
    ctx: &crate::commands::Context,
    profile: &Profile,
    config_check: Result<String>,
    o: &mut Output,
) -> Result<()> {
    match cli.command {
        Command::Readers(a) => render::readers(ctx, &a, o),
        Command::Card(args::CardCommand::Info(a)) => render::card_info(ctx, &a, o),
        Command::Card(args::CardCommand::VerifyPin(a)) => render::verify_pin(ctx, &a, o),
        Command::Doctor(_) => render::doctor(ctx, &cli.global, profile, config_check, o),
        Command::Patient(args::PatientCommand::Status(a)) => {
            render_dmp::patient_status(ctx, &cli.global, profile, &a, o)
        }
        Command::Patient(args::PatientCommand::Authorize(a)) => {
            render_dmp::patient_authorize(ctx, &cli.global, profile, &a, o)
        }
        Command::Patient(args::PatientCommand::Professionals(a)) => {
            render_dmp::patient_professionals(ctx, &cli.global, profile, &a, o)
        }
        Command::Patient(args::PatientCommand::HistoryUrl(a)) => {
            render_report::patient_history_url(profile, &a, o)
        }
        Command::Report(args::ReportCommand::Authorizations(a)) => {
            render_report::report_authorizations(ctx, &cli.global, profile, &a, o)
        }
        Command::Report(args::ReportCommand::Patients(a)) => {
            render_report::report_patients(ctx, &cli.global, profile, &a, o)
        }
        Command::Patients(args::PatientsCommand::Authorized(a)) => {
            render_dmp::patients_authorized(ctx, &cli.global, profile, &a, o)
        }
        Command::Docs(args::DocsCommand::List(a)) => {
            render_dmp::docs_list(ctx, &cli.global, profile, &a, o)
        }
        Command::Docs(args::DocsCommand::Get(a)) => {
            render_dmp::docs_get(ctx, &cli.global, profile, &a, o)
        }
        Command::Docs(args::DocsCommand::Replace(a)) => {
            render_push::docs_replace(ctx, &cli.global, profile, &a, o)
        }
        Command::Push(a) if a.batch.is_some() => {
            render_batch::push_batch(ctx, &cli.global, profile, &a, o)
        }
        Command::Push(a) => render_push::push(ctx, &cli.global, profile, &a, o),
        Command::Docs(args::DocsCommand::Mask(a)) => {
            render_dmp::docs_update(ctx, &cli.global, profile, &a, Operation::Mask, false, o)
        }
        Command::Docs(args::DocsCommand::Unmask(a)) => {
            render_dmp::docs_update(ctx, &cli.global, profile, &a, Operation::Unmask, false, o)
        }
        Command::Docs(args::DocsCommand::ShowToPatient(a)) => render_dmp::docs_update(
            ctx,
            &cli.global,
            profile,
            &a,
            Operation::ShowToPatient,
            false,
            o,
        ),
        Command::Docs(args::DocsCommand::Archive(a)) => {
            render_dmp::docs_update(ctx, &cli.global, profile, &a, Operation::Archive, false, o)
        }
        Command::Docs(args::DocsCommand::Unarchive(a)) => render_dmp::docs_update(
            ctx,
            &cli.global,
            profile,
            &a,
            Operation::Unarchive,
            false,
            o,
        ),
        Command::Docs(args::DocsCommand::Delete(a)) => render_dmp::docs_update(
            ctx,
            &cli.global,
            profile,
            &a.update,
            Operation::Delete,
            a.yes,
            o,
        ),
        Command::Audit(args::AuditCommand::Verify(a)) => render_audit::audit_verify(&a, o),
        Command::Audit(args::AuditCommand::Forward) => render_audit::audit_forward(profile, o),
        Command::Report(args::ReportCommand::Access(a)) => render_audit::report_access(&a, o),
    }
}

/// Which configuration file and profile a run uses, for `dmp doctor`.
fn config_detail(path: Option<&std::path::Path>, config: &Config, wanted: Option<&str>) -> String {
    let file = path
        .map(std::path::Path::to_path_buf)
        .or_else(Config::default_path);
    let file = match file {
        Some(f) if f.exists() => f.display().to_string(),
        Some(f) => crate::tr!("cli-run-no-config-file", path = &f),
        None => crate::tr!("cli-run-no-config-dir"),
    };
    match wanted.or(config.default_profile.as_deref()) {
        Some(p) => crate::tr!("cli-run-config-profile", file = file, profile = p),
        None => crate::tr!("cli-run-config-no-profile", file = file),
    }
}
