use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use dmp::cli::{self, args::OutputFormat, output::print_error};
use dmp::Error;

fn main() {
    let args: Vec<OsString> = std::env::args_os().collect();
    // The language first: clap's help and errors are written in it. The profile's `lang` is
    // read leniently here (a broken configuration is reported by the command that loads it).
    let env = |k: &str| std::env::var_os(k);
    dmp::i18n::select(&args, env, || dmp::config::profile_lang(&args, env));
    // A shell asking for completions gets them and nothing else happens.
    cli::complete::run_if_requested();
    let cli = match cli::parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => usage_error(e, &args),
    };
    init_logging(cli.global.verbose, cli.global.quiet);
    // A spinner while dmp waits, for a person: at a terminal, without -q.
    dmp::progress::enable(!cli.global.quiet && std::io::stderr().is_terminal());
    let format = cli.global.output;
    cli::interrupt::install(format);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut result = cli::run(cli, &mut out);
    if let Err(e) = out.flush() {
        if result.is_ok() {
            result = Err(Error::output(&Error::the_output(), e));
        }
    }
    // The sessions reset their card when they end; this catches any still held.
    dmp::credential::card::release_verified_cards(Duration::from_secs(10));
    if cli::interrupt::stopping() {
        // The signal thread prints its error and exits with its code.
        loop {
            std::thread::park();
        }
    }
    if let Err(e) = result {
        print_error(&e, format);
        std::process::exit(e.kind().exit_code());
    }
}

/// A command line clap refused, said by dmp in the run's language: `error:` and `hint:` lines,
/// or with `--output json` the JSON error document (kind "usage", exit code 2), like every
/// other error. `--help` and `--version` print as usual, and so does the help clap shows when
/// a command is missing (but for JSON).
fn usage_error(e: clap::Error, args: &[OsString]) -> ! {
    let json = json_requested(args);
    let err = match cli::usage::usage_error(&e) {
        Some(err)
            if json
                || e.kind() != clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            err
        }
        _ => e.exit(),
    };
    print_error(
        &err,
        if json {
            OutputFormat::Json
        } else {
            OutputFormat::Text
        },
    );
    std::process::exit(err.kind().exit_code());
}

/// `--output json` (or `--output=json`) before any `--`.
fn json_requested(args: &[OsString]) -> bool {
    let mut args = args.iter().skip(1);
    while let Some(a) = args.next() {
        if a == "--" {
            break;
        }
        if a == "--output" {
            if args.next().is_some_and(|v| v == "json") {
                return true;
            }
        } else if a == "--output=json" {
            return true;
        }
    }
    false
}

fn init_logging(verbose: u8, quiet: bool) {
    // -v is about dmp itself; the libraries (TLS, HTTP) only speak up from -vv on.
    let directives = match (quiet, verbose) {
        (true, _) => "error",
        (_, 0) => "warn",
        (_, 1) => "dmp=debug,warn",
        (_, 2) => "dmp=trace,info",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("DMP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(directives));
    // Colours only for a person at a terminal who did not ask for none (https://no-color.org).
    let ansi = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(ansi)
        .without_time()
        .with_target(false)
        .init();
}
