//! Errors that reach the user: a kind (which fixes the exit code), a plain message and a hint
//! that says what to do. Lower layers build them with the constructors below; `main` prints
//! them and exits with `kind.exit_code()`.

use std::fmt;

/// What went wrong, from the user's point of view. Each kind has a fixed exit code, documented
/// in the README and in `dmp --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A bug or an unexpected state in dmp itself.
    Internal,
    /// Bad flags or arguments.
    Usage,
    /// The configuration file or a profile is wrong or missing.
    Config,
    /// The smart-card service (pcscd) or the reader.
    Reader,
    /// The card: absent, removed, unknown, held by another program, or it answered an error.
    Card,
    /// The PIN: wrong, blocked, refused, or no way to read it.
    Pin,
    /// Network or TLS.
    Network,
    /// The DMP server answered with an error.
    Server,
    /// The DMP's access rules (consent, authorization) refuse the operation.
    Denied,
    /// A file or value given by the user is malformed.
    Input,
    /// `dmp doctor` found at least one failing check, or `dmp audit verify` a broken link in
    /// the audit journal's chain.
    CheckFailed,
    /// The result was printed, but the DMP's answer is partial (PartialSuccess): some results
    /// are missing. The warnings say which part failed. For a batch: some documents went
    /// through, others did not (the summary says which and why).
    Partial,
    /// Interrupted by the user (Ctrl-C, SIGINT).
    Interrupted,
    /// The reader of dmp's output went away (`dmp … | head`): nothing more is printed.
    BrokenPipe,
    /// Stopped by SIGTERM.
    Terminated,
}

impl ErrorKind {
    /// The process exit code for this kind. These numbers are a public interface: never
    /// renumber them.
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Internal => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Config => 3,
            ErrorKind::Reader => 4,
            ErrorKind::Card => 5,
            ErrorKind::Pin => 6,
            ErrorKind::Network => 7,
            ErrorKind::Server => 8,
            ErrorKind::Denied => 9,
            ErrorKind::Input => 10,
            ErrorKind::CheckFailed => 11,
            ErrorKind::Partial => 12,
            ErrorKind::Interrupted => 130,
            // 128 + the signal number, as a shell reports a process killed by that signal.
            ErrorKind::BrokenPipe => 141,
            ErrorKind::Terminated => 143,
        }
    }

    /// Stable name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Internal => "internal",
            ErrorKind::Usage => "usage",
            ErrorKind::Config => "config",
            ErrorKind::Reader => "reader",
            ErrorKind::Card => "card",
            ErrorKind::Pin => "pin",
            ErrorKind::Network => "network",
            ErrorKind::Server => "server",
            ErrorKind::Denied => "denied",
            ErrorKind::Input => "input",
            ErrorKind::CheckFailed => "check_failed",
            ErrorKind::Partial => "partial",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::BrokenPipe => "broken_pipe",
            ErrorKind::Terminated => "terminated",
        }
    }

    /// Every kind, in exit-code order (for the documentation).
    pub const ALL: [ErrorKind; 15] = [
        ErrorKind::Internal,
        ErrorKind::Usage,
        ErrorKind::Config,
        ErrorKind::Reader,
        ErrorKind::Card,
        ErrorKind::Pin,
        ErrorKind::Network,
        ErrorKind::Server,
        ErrorKind::Denied,
        ErrorKind::Input,
        ErrorKind::CheckFailed,
        ErrorKind::Partial,
        ErrorKind::Interrupted,
        ErrorKind::BrokenPipe,
        ErrorKind::Terminated,
    ];

    /// One line for the exit-code table, in the language of this run.
    pub fn describe(self) -> String {
        self.describe_in(crate::i18n::lang())
    }

    /// One line for the exit-code table, in `lang` (the man pages of both languages are
    /// written by one process).
    pub fn describe_in(self, lang: crate::i18n::Lang) -> String {
        let key = match self {
            ErrorKind::Internal => "error-kind-internal",
            ErrorKind::Usage => "error-kind-usage",
            ErrorKind::Config => "error-kind-config",
            ErrorKind::Reader => "error-kind-reader",
            ErrorKind::Card => "error-kind-card",
            ErrorKind::Pin => "error-kind-pin",
            ErrorKind::Network => "error-kind-network",
            ErrorKind::Server => "error-kind-server",
            ErrorKind::Denied => "error-kind-denied",
            ErrorKind::Input => "error-kind-input",
            ErrorKind::CheckFailed => "error-kind-check-failed",
            ErrorKind::Partial => "error-kind-partial",
            ErrorKind::Interrupted => "error-kind-interrupted",
            ErrorKind::BrokenPipe => "error-kind-broken-pipe",
            ErrorKind::Terminated => "error-kind-terminated",
        };
        crate::i18n::format_in(lang, key, &[])
    }
}

/// An error for the user: kind, message, optional hint (what to do), optional cause.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    hint: Option<String>,
    /// The DMP's own error code, when the DMP answered one (the audit journal records it).
    dmp_code: Option<String>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hint: None,
            dmp_code: None,
            source: None,
        }
    }

    /// Notes the DMP's error code (a SOAP fault subcode, a RegistryError's errorCode).
    pub fn with_dmp_code(mut self, code: impl Into<String>) -> Self {
        self.dmp_code = Some(code.into());
        self
    }

    /// The DMP's error code, when the DMP answered one.
    pub fn dmp_code(&self) -> Option<&str> {
        self.dmp_code.as_deref()
    }

    /// Adds (or replaces) the hint: what the user should do about it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the underlying cause (shown with `-v`).
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
    pub fn message(&self) -> &str {
        &self.message
    }
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    pub fn internal(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, m)
    }
    pub fn usage(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, m)
    }
    pub fn config(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, m)
    }
    pub fn reader(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Reader, m)
    }
    pub fn card(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Card, m)
    }
    pub fn pin(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Pin, m)
    }
    pub fn network(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Network, m)
    }
    pub fn server(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Server, m)
    }
    pub fn denied(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Denied, m)
    }
    pub fn input(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Input, m)
    }
    pub fn partial(m: impl Into<String>) -> Self {
        Self::new(ErrorKind::Partial, m)
    }

    /// A failed write of dmp's own output (`what`, in the language of this run:
    /// [`Error::the_output`], [`Error::the_document`]). A closed pipe is the reader's choice,
    /// not a bug: it gets its own quiet kind.
    pub fn output(what: &str, e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Self::new(
                ErrorKind::BrokenPipe,
                crate::tr!("error-cannot-write-closed", what = what),
            )
        } else {
            Self::internal(crate::tr!(
                "error-cannot-write",
                what = what,
                reason = e.to_string()
            ))
        }
        .with_source(e)
    }

    /// "the output", for [`Error::output`].
    pub fn the_output() -> String {
        crate::tr!("error-the-output")
    }

    /// "the document", for [`Error::output`].
    pub fn the_document() -> String {
        crate::tr!("error-the-document")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}
