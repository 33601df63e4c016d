//! `dmp-sandbox`: the test PKI, the virtual CPS3 card and the local DMP server from the
//! command line.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{ArgAction, Args, Parser, Subcommand};
use dmp_sandbox::card::{self, CardOptions, DEFAULT_VPCD_PORT};
use dmp_sandbox::{HolderIdentity, Pki};

#[derive(Debug, Parser)]
#[command(
    name = "dmp-sandbox",
    version,
    about = "Local sandbox for dmp: test PKI, virtual CPS3 card and local DMP server"
)]
struct Cli {
    /// Log each APDU to stderr (-v: headers and status words; -vv: data too, never the PIN)
    #[arg(short, long, action = ArgAction::Count, global = true)]
    verbose: u8,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create (or reuse) the test PKI shaped like IGC-Santé and list its files
    Pki {
        /// PKI directory [default: $XDG_DATA_HOME/dmp-sandbox/pki]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Insert a virtual CPS3 card in pcscd's vpcd reader; runs until killed or removed
    Card(Box<CardArgs>),
    /// Run the local DMP server (mutual TLS 1.2, real endpoint paths, seeded data)
    #[command(long_about = dmp_sandbox::server::SERVE_LONG_HELP)]
    Serve(dmp_sandbox::server::cli::ServeArgs),
    /// Show the server-side access traces
    Traces(dmp_sandbox::server::cli::TracesArgs),
    /// Count the registry entries of some uniqueIds (tab-separated: uniqueId, count, statuses)
    Documents(dmp_sandbox::server::cli::DocumentsArgs),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum GenerationArg {
    Cps3,
    Cps4,
}

#[derive(Debug, Args)]
struct CardArgs {
    /// vpcd host
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// vpcd port (35963 = "Virtual PCD 00 00", 35964 = "Virtual PCD 00 01")
    #[arg(long, default_value_t = DEFAULT_VPCD_PORT)]
    port: u16,
    /// PKI directory [default: $XDG_DATA_HOME/dmp-sandbox/pki]
    #[arg(long, value_name = "DIR")]
    pki: Option<PathBuf>,
    /// Cardholder PIN (4 to 8 digits)
    #[arg(long, default_value = "1234")]
    pin: String,
    /// Card generation: cps3 (IAS-ECC, T=0) or cps4 (ChipDoc, logical channel 1)
    #[arg(long, value_enum, default_value_t = GenerationArg::Cps3)]
    generation: GenerationArg,
    /// PIN tries before blocking
    #[arg(long, default_value_t = 3)]
    tries: u8,
    /// Holder's national id (certificate CN)
    #[arg(long, default_value_t = HolderIdentity::default().national_id)]
    national_id: String,
    /// Holder's surname (SN)
    #[arg(long, default_value_t = HolderIdentity::default().surname)]
    surname: String,
    /// Holder's given name (GN)
    #[arg(long, default_value_t = HolderIdentity::default().given_name)]
    given_name: String,
    /// Holder's profession (title)
    #[arg(long, default_value_t = HolderIdentity::default().profession)]
    profession: String,
    /// Specialty (TRE_R01 code) in the card's CPS_INFO_PS
    #[arg(long, default_value = "SM26", conflicts_with = "no_specialty")]
    specialty: String,
    /// The card's CPS_INFO_PS carries no specialty
    #[arg(long)]
    no_specialty: bool,
    /// An activity the card holds, STRUCT_ID:SECTOR:ORGANISATION (repeat for several, up to 16)
    /// [default: the holder's cabinet, 4<RPPS>001:SA07:CABINET <surname>]
    #[arg(long = "activity", value_name = "STRUCT_ID:SECTOR:ORGANISATION", value_parser = parse_activity)]
    activities: Vec<card::CardActivity>,
    /// The card holds no activity
    #[arg(long, conflicts_with = "activities")]
    no_activities: bool,
    /// 8-digit card number in EF.SN.ICC [default: last 8 digits of the national id]
    #[arg(long)]
    card_number: Option<String>,
    /// Delay added to every APDU, in milliseconds
    #[arg(long, value_name = "N", default_value_t = 0)]
    apdu_latency_ms: u64,
    /// Delay added to every RSA signature, in milliseconds (a real card: 150-400)
    #[arg(long, value_name = "N", default_value_t = 0)]
    rsa_latency_ms: u64,
    /// Pull the card out after this many seconds
    #[arg(long, value_name = "SECS")]
    remove_after: Option<f64>,
}

fn parse_activity(s: &str) -> Result<card::CardActivity, String> {
    card::CardActivity::parse(s)
        .ok_or_else(|| format!("{s:?}: expected STRUCT_ID:SECTOR:ORGANISATION"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(cli.verbose);
    let result: Result<(), String> = match cli.command {
        Command::Pki { out } => run_pki(out).map_err(|e| e.to_string()),
        Command::Card(args) => run_card(*args).map_err(|e| e.to_string()),
        Command::Serve(a) => a.run().map_err(|e| e.to_string()),
        Command::Traces(a) => a.run().map_err(|e| e.to_string()),
        Command::Documents(a) => a.run().map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dmp-sandbox: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "warn,dmp_sandbox=debug",
        _ => "warn,dmp_sandbox=trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

fn open_pki(dir: Option<PathBuf>) -> dmp_sandbox::Result<Pki> {
    match dir {
        Some(dir) => Pki::load_or_create(dir),
        None => Pki::load_or_create_default(),
    }
}

fn run_pki(out: Option<PathBuf>) -> dmp_sandbox::Result<()> {
    let pki = open_pki(out)?;
    println!("{}", pki.dir().display());
    for file in pki.files() {
        println!("  {}", file.display());
    }
    Ok(())
}

fn run_card(args: CardArgs) -> dmp_sandbox::Result<()> {
    let remove_after = match args.remove_after {
        None => None,
        Some(s) if s.is_finite() && s >= 0.0 => Some(Duration::from_secs_f64(s)),
        Some(s) => {
            return Err(dmp_sandbox::Error::InvalidOption(format!(
                "--remove-after {s}: expected a number of seconds"
            )))
        }
    };
    let options = CardOptions {
        host: args.host,
        port: args.port,
        pin: args.pin,
        max_tries: args.tries,
        holder: HolderIdentity {
            national_id: args.national_id,
            surname: args.surname,
            given_name: args.given_name,
            profession: args.profession,
        },
        specialty: (!args.no_specialty).then_some(args.specialty),
        activities: if args.no_activities {
            Some(Vec::new())
        } else if args.activities.is_empty() {
            None
        } else {
            Some(args.activities)
        },
        card_number: args.card_number,
        apdu_latency: Duration::from_millis(args.apdu_latency_ms),
        rsa_latency: Duration::from_millis(args.rsa_latency_ms),
        remove_after,
        generation: match args.generation {
            GenerationArg::Cps3 => card::Generation::Cps3,
            GenerationArg::Cps4 => card::Generation::Cps4,
        },
        ..CardOptions::default()
    };
    options.validate()?;

    // Registered before attaching so a signal never kills the process with the card in.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| dmp_sandbox::Error::InvalidOption(format!("signal handler: {e}")))?;
    }

    let pki = open_pki(args.pki)?;
    let handle = card::spawn(options, &pki)?;
    let holder = handle.holder();
    println!(
        "virtual {} card attached to vpcd {} (holder {} {} {}, card {})",
        handle.generation().name(),
        handle.vpcd_addr(),
        holder.national_id,
        holder.given_name,
        holder.surname,
        handle.card_number()
    );
    loop {
        if stop.load(Ordering::SeqCst) {
            handle.remove();
            eprintln!("card removed (signal)");
            return Ok(());
        }
        if handle.wait_until_removed(Duration::from_millis(100)) {
            break;
        }
    }
    match handle.error() {
        Some(e) => Err(dmp_sandbox::Error::Vpcd(std::io::Error::other(e))),
        None => {
            eprintln!("card removed");
            Ok(())
        }
    }
}
