//! The command-line layer: clap definitions, PIN sources, rendering. It turns arguments into
//! calls of `commands` and their results into text or JSON; it holds no protocol knowledge.

pub mod args;
pub mod generate;
pub mod output;
pub mod pin;
mod render;
mod render_dmp;

use std::io::Write;

pub use args::Cli;

use crate::config::Config;
use crate::error::Result;
use args::Command;
use output::Output;

/// Runs the parsed command line, writing the result on `out`. Returns the exit code of a run
/// that did not fail outright (`dmp doctor` with a failing check returns an error instead).
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let config = Config::load(cli.global.config.as_deref())?;
    let profile = config.profile(cli.global.profile.as_deref())?;
    let ctx = render::context(&cli.global, &profile);
    let mut o = Output {
        format: cli.global.output,
        out,
        quiet: cli.global.quiet,
    };
    match cli.command {
        Command::Readers(a) => render::readers(&ctx, &a, &mut o),
        Command::Card(args::CardCommand::Info(a)) => render::card_info(&ctx, &a, &mut o),
        Command::Card(args::CardCommand::VerifyPin(a)) => render::verify_pin(&ctx, &a, &mut o),
        Command::Doctor(_) => render::doctor(&ctx, &cli.global, &profile, &mut o),
        Command::Patient(args::PatientCommand::Status(a)) => {
            render_dmp::patient_status(&ctx, &cli.global, &profile, &a, &mut o)
        }
        Command::Patient(args::PatientCommand::Authorize(a)) => {
            render_dmp::patient_authorize(&ctx, &cli.global, &profile, &a, &mut o)
        }
        Command::Patient(args::PatientCommand::Professionals(a)) => {
            render_dmp::patient_professionals(&ctx, &cli.global, &profile, &a, &mut o)
        }
        Command::Patients(args::PatientsCommand::Authorized(a)) => {
            render_dmp::patients_authorized(&ctx, &cli.global, &profile, &a, &mut o)
        }
        Command::Docs(args::DocsCommand::List(a)) => {
            render_dmp::docs_list(&ctx, &cli.global, &profile, &a, &mut o)
        }
        Command::Docs(args::DocsCommand::Get(a)) => {
            render_dmp::docs_get(&ctx, &cli.global, &profile, &a, &mut o)
        }
    }
}
