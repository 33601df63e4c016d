use std::io::{IsTerminal, Write};
use std::time::Duration;

use clap::Parser;
use dmp::cli::{self, args::OutputFormat, output::print_error, Cli};
use dmp::Error;

fn main() {
    // A shell asking for completions gets them and nothing else happens.
    cli::complete::run_if_requested();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => usage_error(e),
    };
    init_logging(cli.global.verbose, cli.global.quiet);
    let format = cli.global.output;
    cli::interrupt::install(format);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut result = cli::run(cli, &mut out);
    if let Err(e) = out.flush() {
        if result.is_ok() {
            result = Err(Error::output("the output", e));
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

/// A command line clap refused. `--help` and `--version` print as usual; with `--output json`
/// the error is the JSON error document (kind "usage", exit code 2), like every other error.
fn usage_error(e: clap::Error) -> ! {
    use clap::error::ErrorKind as K;
    if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) || !json_requested() {
        e.exit();
    }
    let err = if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
        Error::usage("a command is required").with_hint("run `dmp --help` for the commands")
    } else {
        // clap's text: "error: …" (its first paragraph), then tips, the usage line and where
        // to find help, each a paragraph.
        let text = e.render().to_string();
        let mut paragraphs = text
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty());
        let message = paragraphs
            .next()
            .map(|p| p.strip_prefix("error: ").unwrap_or(&p).to_string())
            .unwrap_or_else(|| "bad command line".to_string());
        let rest: Vec<String> = paragraphs.collect();
        let err = Error::usage(message);
        if rest.is_empty() {
            err
        } else {
            err.with_hint(rest.join("; "))
        }
    };
    print_error(&err, OutputFormat::Json);
    std::process::exit(err.kind().exit_code());
}

/// `--output json` (or `--output=json`) before any `--`.
fn json_requested() -> bool {
    let mut args = std::env::args_os().skip(1);
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
