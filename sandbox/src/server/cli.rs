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
    /// Delay every answer by N milliseconds, as the real DMP is not instant.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub delay_ms: u64,
    /// Fault on the next COUNT submissions (TD2.1), in the order given (repeatable): 503 (HTTP
    /// 503, nothing stored), reset (stored, then the connection reset before any answer),
    /// hang-before (nothing stored, silent for --hang-ms, then reset), hang-after (stored, then
    /// silent, then reset).
    #[arg(long, value_name = "KIND[:COUNT]", value_parser = super::faults::parse_submit_fault)]
    pub submit_fault: Vec<(super::faults::SubmitFault, usize)>,
    /// How long a hanging submission stays silent, in milliseconds.
    #[arg(long, value_name = "N", default_value_t = 120_000)]
    pub hang_ms: u64,
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
        opts.delay = std::time::Duration::from_millis(self.delay_ms);
        opts.submit_faults = self.submit_fault;
        opts.hang = std::time::Duration::from_millis(self.hang_ms);
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

/// `dmp-sandbox documents`
#[derive(Debug, Clone, clap::Args)]
pub struct DocumentsArgs {
    /// Data directory [default: $XDG_DATA_HOME/dmp-sandbox/dmp].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The uniqueIds to count.
    #[arg(value_name = "UNIQUE_ID", required = true)]
    pub unique_ids: Vec<String>,
}

impl DocumentsArgs {
    /// Print, for each uniqueId, how many registry entries hold it and their statuses: a
    /// document stored exactly once shows 1 (for scripts and other processes than the server).
    pub fn run(self) -> Result<(), super::ServeError> {
        let data = self.data.unwrap_or_else(super::default_data_dir);
        let db = data.join("dmp.sqlite");
        if !db.exists() {
            return Err(super::ServeError::Setup(format!(
                "no sandbox database at {} (start `dmp-sandbox serve` first)",
                db.display()
            )));
        }
        let store = super::store::Store::open(&db)?;
        let conn = store.conn();
        for uid in &self.unique_ids {
            let docs = super::store::documents_with_unique_id(&conn, uid)?;
            let statuses: Vec<&str> = docs
                .iter()
                .map(|d| d.status.rsplit(':').next().unwrap_or(""))
                .collect();
            println!("{uid}\t{}\t{}", docs.len(), statuses.join(","));
        }
        Ok(())
    }
}
