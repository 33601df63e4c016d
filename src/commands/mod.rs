//! The use cases. Each function takes plain settings and returns plain data (serializable); it
//! knows nothing of terminals or clap — the `cli` layer asks for PINs and renders results.

pub mod access;
pub mod audit;
pub mod audit_forward;
pub mod card;
pub mod consent;
pub mod docs;
pub mod docs_update;
pub mod doctor;
pub mod patient;
pub mod push;
pub mod readers;
pub mod report;
pub mod run_journal;
pub mod wire_trace;

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;
use zeroize::Zeroizing;

use crate::config::Profile;
use crate::dmp::xds::metadata::RegistryError;
use crate::error::Result;

/// Settings every command may need, resolved from the command line and the profile.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Reader name or part of it; `None`: the first reader holding a card.
    pub reader: Option<String>,
    /// How long to wait for a card; `None`: do not wait.
    pub wait: Option<Duration>,
    /// PEM files of trust anchors.
    pub trust_anchors: Vec<PathBuf>,
    /// Read certificates from the card even when cached.
    pub no_cache: bool,
    /// Reach the card through a PKCS#11 module (`--credential pkcs11`) instead of APDUs.
    pub pkcs11: Option<crate::credential::pkcs11::Pkcs11Settings>,
}

impl Settings {
    pub fn from_profile(profile: &Profile) -> Settings {
        Settings {
            reader: profile.reader.clone(),
            trust_anchors: profile.trust_anchors.clone(),
            ..Settings::default()
        }
    }
}

/// How a command obtains the PIN from a person or a script (implemented by the CLI).
pub trait PinEntry {
    /// The PIN; `tries_left` is what the card says before this attempt.
    fn pin(&self, tries_left: u8) -> Result<Zeroizing<String>>;
    /// Called before the last remaining try is spent: `Ok` only if a person confirmed.
    fn confirm_last_try(&self) -> Result<()>;
    /// Whether a reader's PIN pad may take the PIN (false: the PIN comes from [`PinEntry::pin`]
    /// even on a pad reader, `--no-pinpad`).
    fn pad_allowed(&self) -> bool {
        true
    }
    /// Tells the person to type the PIN on the reader's pad, just before the reader waits for
    /// it; nothing is read on the host.
    fn pad_prompt(&self, _tries_left: u8) -> Result<()> {
        Ok(())
    }
}

/// Everything a command run needs besides its own arguments.
pub struct Context {
    pub settings: Settings,
    pub pin: Box<dyn PinEntry>,
}

/// Something the user must know about a result: a RegistryError of the DMP's answer, or a note
/// of ours about a document. In JSON, one object of the document's `warnings`; in text, one
/// `warning:` line on stderr.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// "registry": reported by the DMP in its answer; "client": a note of dmp's own.
    pub source: &'static str,
    /// The DMP's `errorCode`, or dmp's own code (`document_deprecated`, …).
    pub code: String,
    /// "error" (a part of the answer is missing) or "warning".
    pub severity: String,
    /// The DMP's `codeContext`, or dmp's sentence.
    pub context: String,
    /// The DMP's `location`, when it gave one.
    pub location: Option<String>,
    /// The stored query that was answered so (FindDocuments, GetAssociations…).
    pub query: Option<String>,
}

impl Warning {
    pub fn from_registry(e: &RegistryError, query: &str) -> Warning {
        Warning {
            source: "registry",
            code: e.code.clone(),
            severity: e.severity_short(),
            context: e.context.clone(),
            location: e.location.clone().filter(|l| !l.trim().is_empty()),
            query: Some(query.to_string()),
        }
    }

    /// A note of dmp's own about the result.
    pub fn note(code: &str, text: impl Into<String>) -> Warning {
        Warning {
            source: "client",
            code: code.into(),
            severity: "warning".into(),
            context: text.into(),
            location: None,
            query: None,
        }
    }

    /// One line for people.
    pub fn text(&self) -> String {
        if self.source != "registry" {
            return self.context.clone();
        }
        let at = match &self.location {
            Some(l) => crate::tr!("commands-warning-at", location = l),
            None => String::new(),
        };
        let answering = match &self.query {
            Some(q) => crate::tr!("commands-warning-answering", query = q),
            None => String::new(),
        };
        let context = if self.context.is_empty() {
            String::new()
        } else {
            crate::tr!("commands-warning-context", context = &self.context)
        };
        crate::tr!(
            "commands-warning-reported",
            code = &self.code,
            severity = &self.severity,
            at = at,
            answering = answering,
            context = context
        )
    }
}
