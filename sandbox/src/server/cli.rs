//! clap arguments of `serve` and `traces` (kept here so main.rs only dispatches).

use std::net::SocketAddr;
use std::path::PathBuf;

/// `dmp-sandbox serve`
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (printed on start).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:0")]
    pub listen: SocketAddr,
    /// Data directory [default: $XDG_DATA_HOME/dmp-sandbox/dmp].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Test PKI directory [default: $XDG_DATA_HOME/dmp-sandbox/pki].
    #[arg(long, value_name = "DIR")]
    pub pki: Option<PathBuf>,
    /// Write the client profile here [default: $XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml,
    /// where `dmp --profile sandbox` finds it].
    #[arg(long, value_name = "FILE")]
    pub write_profile: Option<PathBuf>,
    /// The xmlsec1 command used to verify signed VIHFs.
    #[arg(long, value_name = "PATH", default_value = "xmlsec1")]
    pub xmlsec1: PathBuf,
    /// Answer every request to SERVICE with HTTP STATUS (400 to 599) and an HTML page, as a
    /// proxy or a wrong path would (repeatable; e.g. patient=502, DocumentRegistry_Service=404).
    #[arg(long, value_name = "SERVICE=STATUS", value_parser = parse_http_error)]
    pub http_error: Vec<(String, u16)>,
}

fn parse_http_error(s: &str) -> Result<(String, u16), String> {
    super::http::parse_http_error(s, &super::SERVICES)
}

impl ServeArgs {
    pub fn run(self) -> Result<(), super::ServeError> {
        let mut opts = super::ServeOptions::new(
            self.data.unwrap_or_else(super::default_data_dir),
            self.pki.unwrap_or_else(super::default_pki_dir),
        );
        opts.listen = self.listen;
        opts.profile_path = self
            .write_profile
            .or_else(super::profile::default_client_profile_path);
        opts.xmlsec1 = self.xmlsec1;
        opts.http_errors = self.http_error;
        super::run_cli(opts)
    }
}

/// `dmp-sandbox traces`
#[derive(Debug, Clone, clap::Args)]
pub struct TracesArgs {
    /// Data directory [default: $XDG_DATA_HOME/dmp-sandbox/dmp].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

impl TracesArgs {
    pub fn run(self) -> Result<(), super::ServeError> {
        super::traces::run_cli(&self.data.unwrap_or_else(super::default_data_dir))
    }
}
