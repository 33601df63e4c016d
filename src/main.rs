use std::io::Write;

use clap::Parser;
use dmp::cli::{self, args::OutputFormat, Cli};
use dmp::ErrorKind;

fn main() {
    let cli = Cli::parse();
    init_logging(cli.global.verbose, cli.global.quiet);
    let format = cli.global.output;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = cli::run(cli, &mut out);
    let _ = out.flush();
    if let Err(e) = result {
        match format {
            OutputFormat::Json => {
                eprintln!("{}", cli::output::error_json(&e));
            }
            // The result was printed with its warnings: one line says why the exit code is
            // not 0, whatever -q says.
            OutputFormat::Text if e.kind() == ErrorKind::Partial => {
                eprintln!("partial: {e}");
            }
            OutputFormat::Text => {
                eprintln!("error: {e}");
                if let Some(h) = e.hint() {
                    eprintln!("hint: {h}");
                }
                let mut src = std::error::Error::source(&e);
                while let Some(s) = src {
                    tracing::debug!("caused by: {s}");
                    src = s.source();
                }
            }
        }
        std::process::exit(e.kind().exit_code());
    }
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
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .init();
}
