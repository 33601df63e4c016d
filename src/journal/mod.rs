//! The local audit journal: one record per DMP transaction, success or failure, appended to a
//! JSON Lines file (`$XDG_DATA_HOME/dmp/audit.jsonl`). Append-only: the file is opened with
//! O_APPEND and each record is written with a single `write` and flushed to disk, so records
//! never interleave or get half-written, and a killed run loses at most the record of the
//! transaction that was in flight.

pub mod atna;
pub mod forward;
pub mod last_visits;
pub mod syslog;

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{Error, Result};

/// One DMP transaction as the journal keeps it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AuditRecord {
    #[serde(with = "time::serde::rfc3339")]
    pub time: OffsetDateTime,
    /// National id of the practitioner (direct mode) or the structure id (indirect mode).
    pub practitioner: String,
    /// "direct" (card) or "indirect" (structure certificate).
    pub auth_mode: String,
    /// INS of the patient, when the transaction concerns one.
    pub patient: Option<String>,
    /// "TD0.2", "TD0.3", "TD3.1"…
    pub transaction: String,
    /// What was asked, in a few words ("AJOUT", "FindDocuments"…).
    pub detail: Option<String>,
    /// "normal", "bris_de_glace" or "centre_15".
    pub mode: String,
    /// The reason given for an emergency access.
    pub reason: Option<String>,
    /// The patient's consent was confirmed, and how ("prompt" or "--patient-consent").
    pub consent: Option<String>,
    /// "ok" or "error".
    pub result: String,
    /// The error's message, or a short summary of the answer.
    pub outcome: Option<String>,
    /// The SOAP MessageID of the request, to match the DMP's own traces.
    pub message_id: Option<String>,
    /// Document unique ids involved (returned or retrieved).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
}

/// The journal file.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    pub fn new(path: impl Into<PathBuf>) -> Journal {
        Journal { path: path.into() }
    }

    /// `$XDG_DATA_HOME/dmp/audit.jsonl`.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("dmp").join("audit.jsonl"))
    }

    pub fn open_default() -> Result<Journal> {
        Self::default_path().map(Journal::new).ok_or_else(|| {
            Error::config("cannot find a data directory for the audit journal")
                .with_hint("set XDG_DATA_HOME (or HOME)")
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one record, durably.
    pub fn append(&self, record: &AuditRecord) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| self.io_error(e))?;
        }
        let mut line = serde_json::to_vec(record)
            .map_err(|e| Error::internal(format!("cannot encode the audit record: {e}")))?;
        line.push(b'\n');
        let mut opts = OpenOptions::new();
        opts.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&self.path).map_err(|e| self.io_error(e))?;
        f.write_all(&line).map_err(|e| self.io_error(e))?;
        f.sync_data().map_err(|e| self.io_error(e))?;
        Ok(())
    }

    /// Every record, oldest first. A damaged line is an error naming its number.
    pub fn read_all(&self) -> Result<Vec<AuditRecord>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io_error(e)),
        };
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                serde_json::from_str(l).map_err(|e| {
                    Error::input(format!(
                        "line {} of the audit journal {} is damaged: {e}",
                        i + 1,
                        self.path.display()
                    ))
                    .with_hint("the journal is append-only: restore it from a backup")
                })
            })
            .collect()
    }

    fn io_error(&self, e: std::io::Error) -> Error {
        Error::config(format!(
            "cannot write the audit journal {}: {e}",
            self.path.display()
        ))
        .with_hint("every DMP transaction must be journaled: check the disk and the permissions of that file")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(tx: &str) -> AuditRecord {
        AuditRecord {
            time: OffsetDateTime::UNIX_EPOCH,
            practitioner: "899700000017".into(),
            auth_mode: "direct".into(),
            patient: Some("280057505600117".into()),
            transaction: tx.into(),
            detail: None,
            mode: "normal".into(),
            reason: None,
            consent: None,
            result: "ok".into(),
            outcome: None,
            message_id: None,
            documents: vec![],
        }
    }

    #[test]
    fn appends_and_reads_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path().join("sub/audit.jsonl"));
        j.append(&record("TD0.2")).unwrap();
        j.append(&record("TD3.1")).unwrap();
        let all = j.read_all().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].transaction, "TD0.2");
        assert_eq!(all[1].transaction, "TD3.1");
        let text = std::fs::read_to_string(j.path()).unwrap();
        assert_eq!(text.lines().count(), 2);
    }

    #[test]
    fn a_damaged_line_is_reported_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path().join("audit.jsonl"));
        j.append(&record("TD0.2")).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(j.path())
            .unwrap()
            .write_all(b"{not json\n")
            .unwrap();
        let e = j.read_all().unwrap_err();
        assert!(e.message().contains("line 2"), "{}", e.message());
    }
}
