//! The sandbox's error type: one enum so the CLI can print a clear sentence and tests can
//! match on what went wrong.

use std::path::PathBuf;

/// Everything that can go wrong in the sandbox.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// vpcd (inside pcscd) could not be reached.
    #[error(
        "vpcd is not listening on {addr}: start pcscd with the vsmartcard-vpcd driver \
         (e.g. `pcscd --foreground &`) ({source})"
    )]
    VpcdUnavailable {
        /// host:port tried.
        addr: String,
        /// Last connection error.
        source: std::io::Error,
    },
    /// Socket error while talking to vpcd.
    #[error("vpcd connection: {0}")]
    Vpcd(#[source] std::io::Error),
    /// File system error on a PKI file.
    #[error("{}: {source}", path.display())]
    File {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Certificate or key generation failed.
    #[error("certificate generation: {0}")]
    Rcgen(#[from] rcgen::Error),
    /// A PKI directory whose content cannot be used.
    #[error("PKI: {0}")]
    Pki(String),
    /// Bad card option (PIN, tries, card number…).
    #[error("invalid card option: {0}")]
    InvalidOption(String),
    /// A key the card cannot use.
    #[error("card key: {0}")]
    Key(String),
}

/// Result with the sandbox [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn file(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::File {
            path: path.into(),
            source,
        }
    }
}
