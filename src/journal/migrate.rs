//! The import of the previous journal, `audit.jsonl` (one JSON object per line, written after
//! each transaction), into the store on first use.
//!
//! Every line becomes one whole-record entry, in file order, chained like any other, marked
//! with where it came from ("audit.jsonl line 3"). The import runs in one write transaction
//! that also notes it in `meta`, so two first runs cannot both import, and a crash imports all
//! or nothing. Only then is the file renamed `audit.jsonl.migrated`; a run that finds the note
//! and the file still there (a crash between the two) just renames it. A damaged line stops
//! the import with an error naming it: records are not dropped silently.
//!
//! The old fields map as follows: `practitioner` is the practitioner's national id in direct
//! mode and the structure id in indirect mode; `result` "ok" is done and "error" failed (the
//! old journal did not tell refusals apart); `outcome` is the message.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, TransactionBehavior};
use serde::Deserialize;
use time::OffsetDateTime;

use super::record::{stamp, Entry, Kind, Outcome};
use super::store::{append_in, StoreError};
use super::{Journal, JSONL_NAME};
use crate::error::{Error, Result};

const META_KEY: &str = "jsonl_import";

/// A line of the JSON Lines journal.
#[derive(Debug, Deserialize)]
struct OldRecord {
    #[serde(with = "time::serde::rfc3339")]
    time: OffsetDateTime,
    practitioner: String,
    auth_mode: String,
    patient: Option<String>,
    transaction: String,
    detail: Option<String>,
    mode: String,
    reason: Option<String>,
    consent: Option<String>,
    result: String,
    outcome: Option<String>,
    message_id: Option<String>,
    #[serde(default)]
    documents: Vec<String>,
}

fn entry(old: OldRecord, line: usize) -> Entry {
    let direct = old.auth_mode == "direct";
    let result = if old.result == "ok" {
        Outcome::Done
    } else {
        Outcome::Failed
    };
    Entry {
        kind: Kind::Record.code().into(),
        time: stamp(old.time),
        practitioner: direct.then(|| old.practitioner.clone()),
        auth_mode: Some(old.auth_mode),
        structure_id: (!direct).then_some(old.practitioner),
        patient: old.patient,
        transaction: Some(old.transaction),
        detail: old.detail,
        mode: Some(old.mode),
        reason: old.reason,
        consent: old.consent,
        message_id: old.message_id,
        result: Some(result.code().into()),
        message: old.outcome,
        documents: (!old.documents.is_empty())
            .then(|| serde_json::to_string(&old.documents).unwrap_or_default()),
        migrated_from: Some(format!("{JSONL_NAME} line {line}")),
        ..Entry::default()
    }
}

/// `audit.jsonl.migrated`, or `audit.jsonl.migrated.2`… when that exists: an earlier copy is
/// never replaced.
fn migrated_name(path: &Path) -> PathBuf {
    let base = path.file_name().unwrap_or_default().to_string_lossy();
    (1..)
        .map(|n| match n {
            1 => path.with_file_name(format!("{base}.migrated")),
            n => path.with_file_name(format!("{base}.migrated.{n}")),
        })
        .find(|p| !p.exists())
        .expect("an unused name")
}

/// Imports the `audit.jsonl` beside the journal, once.
pub fn import_jsonl_beside(j: &Journal) -> Result<()> {
    let Some(dir) = j.path.parent() else {
        return Ok(());
    };
    let old = dir.join(JSONL_NAME);
    if !old.exists() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&old).map_err(|e| {
        Error::config(crate::tr!(
            "journal-old-unreadable",
            path = &old,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("journal-old-unreadable-hint"))
    })?;
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec: OldRecord = serde_json::from_str(line).map_err(|e| {
            Error::config(crate::tr!(
                "journal-old-damaged-line",
                line = i + 1,
                path = &old,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("journal-old-damaged-line-hint"))
        })?;
        entries.push(entry(rec, i + 1));
    }
    let imported = {
        let mut conn = j.conn();
        let r: std::result::Result<bool, StoreError> = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let done: Option<String> = tx
                .query_row("SELECT value FROM meta WHERE key = ?1", [META_KEY], |r| {
                    r.get(0)
                })
                .optional()?;
            if done.is_some() {
                return Ok(false);
            }
            for e in &entries {
                append_in(&tx, e)?;
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                [
                    META_KEY,
                    &format!(
                        "{} records from {} on {}",
                        entries.len(),
                        old.display(),
                        stamp(OffsetDateTime::now_utc())
                    ),
                ],
            )?;
            tx.commit()?;
            Ok(true)
        })();
        r.map_err(|e| j.error(e))?
    };
    if imported {
        tracing::info!(
            records = entries.len(),
            "imported the JSON Lines audit journal"
        );
    }
    match std::fs::rename(&old, migrated_name(&old)) {
        Ok(()) => Ok(()),
        // Another run renamed it first.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::config(crate::tr!(
            "journal-old-not-renamed",
            path = &old,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("journal-old-not-renamed-hint"))),
    }
}
