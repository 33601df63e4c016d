//! The command-line definition. This one clap definition drives `--help`, the man pages in
//! `man/` and the completions in `completions/` (see `dmp::cli::generate`).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::ErrorKind;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Tables and sentences for people.
    #[default]
    Text,
    /// One JSON document on stdout, with a "version" field (scripts rely on its shape).
    Json,
}

fn exit_codes_help() -> String {
    let mut s = String::from("Exit codes:\n  0  success\n");
    for k in ErrorKind::ALL {
        s.push_str(&format!("  {:<3}{}\n", k.exit_code(), k.describe()));
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

/// Options accepted by every command.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Output format: text for people, json for scripts.
    #[arg(long, value_enum, global = true, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,

    /// More detail on stderr (-v: debug, -vv: trace). Never shows a PIN.
    #[arg(short, long, action = clap::ArgAction::Count, global = true, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Profile to use from the configuration file (default: the file's `default_profile`).
    #[arg(long, global = true, value_name = "NAME", env = "DMP_PROFILE")]
    pub profile: Option<String>,

    /// Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml).
    #[arg(long, global = true, value_name = "FILE", env = "DMP_CONFIG")]
    pub config: Option<PathBuf>,

    /// Card reader to use: its full name or a unique part of it (default: the first reader
    /// holding a card).
    #[arg(long, global = true, value_name = "NAME")]
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

    /// PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile's.
    #[arg(long, global = true, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the card readers, whether a card is present, its ATR and its generation.
    Readers(ReadersArgs),
    /// Read the CPS card: holder, certificates, PIN.
    #[command(subcommand)]
    Card(CardCommand),
    /// Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix
    /// what fails.
    Doctor(DoctorArgs),
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
