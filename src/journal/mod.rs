//! The local audit journal: a write-ahead, tamper-evident record of every action asked of the
//! DMP, in SQLite (`$XDG_DATA_HOME/dmp/audit.sqlite3`, mode 0600 in a 0700 directory).
//!
//! **Write-ahead.** Before a request leaves, its *intent* (who, for which patient, which
//! transaction, mode and reason, the SOAP MessageID) is appended and committed with
//! `synchronous=FULL`, so it is on disk before the DMP can see anything; if it cannot be
//! written, the request is not sent. When the answer (or the failure) comes, an *outcome* row
//! naming the intent completes it. A run killed in between leaves the intent alone: the record
//! reads "unknown" (the DMP may or may not have acted). A refusal by the client, or a failure
//! before any request was sent, is one *record* row holding both halves.
//!
//! **One record per transaction.** A command is often several transactions (TD0.2, then
//! TD3.1…): each has its own record, and the records of one run share its `run` id. A
//! transaction refused by a client rule has one record too, with the rule. So does a run that
//! failed between reading the credential and its first request (a wrong PIN), for the
//! transaction it was about to send. Nothing is recorded before dmp knows who acts (a bad
//! command line, a malformed INS, a configuration, card or structure certificate that cannot
//! be read): nothing was sent, and nobody can be named.
//!
//! **The chain.** Every row (intent, outcome or record) is immutable and carries the SHA-256
//! of the row before it and its own hash over a canonical encoding of its columns
//! ([`record::Entry::hash`]); `chain_head` keeps the number and hash of the last row. An
//! outcome is a row of its own rather than an update of its intent, so nothing is ever
//! rewritten and both halves are covered. [`Journal::verify`] walks the rows in order and
//! names the first broken link: a row whose content no longer matches its hash (edited), a
//! row chained to one that is missing (deleted), a row chained to another row than the one
//! before it (reordered), or rows missing at the end (deleted, from `chain_head`). Someone who
//! can rewrite the file can recompute every hash: the chain makes changes evident, an outside
//! copy (the head hash printed by `dmp audit verify`, an audit repository) makes them
//! provable.
//!
//! **Several processes.** Each append is one `BEGIN IMMEDIATE` transaction (read the head,
//! insert, move the head), under SQLite's write lock with a busy timeout, so concurrent `dmp`
//! runs on one machine never lose or interleave half-written rows and the chain stays one line.
//!
//! **Migration.** A JSON Lines journal (`audit.jsonl`, the previous format) beside the store is
//! imported on first use, in order and chained, in the same transaction that marks it done;
//! the file is then renamed `audit.jsonl.migrated`.
//!
//! The last-visit markers of `docs list --new-since-last-visit` are a different, small file
//! ([`last_visits`]).

pub mod atna;
pub mod forward;
pub mod last_visits;
mod migrate;
pub mod record;
mod store;
pub mod syslog;
mod verify;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::Connection;

pub use record::{Actor, Completion, Outcome, Record, Request, Writer};
pub use store::{Context, Filter, Unforwarded};
pub use verify::{Break, BreakKind, Verification};

use crate::error::{Error, Result};

/// The journal's file name in `$XDG_DATA_HOME/dmp/`.
pub const FILE_NAME: &str = "audit.sqlite3";
/// The previous journal's file name, imported on first use.
pub const JSONL_NAME: &str = "audit.jsonl";

/// How long an append waits for another process holding the journal's write lock.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// An open journal.
pub struct Journal {
    path: PathBuf,
    conn: Mutex<Connection>,
    writer: Writer,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path)
            .field("run", &self.writer.run)
            .finish_non_exhaustive()
    }
}

/// An intent written, its outcome still to come.
#[derive(Debug)]
#[must_use = "an intent is completed by Journal::complete"]
pub struct Pending {
    seq: i64,
}

impl Pending {
    /// The intent's entry number.
    pub fn number(&self) -> i64 {
        self.seq
    }
}

impl Journal {
    /// `$XDG_DATA_HOME/dmp/audit.sqlite3`.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("dmp").join(FILE_NAME))
    }

    /// The default journal, created (and the JSON Lines journal beside it imported) if needed.
    pub fn open_default() -> Result<Journal> {
        let path = Self::default_path().ok_or_else(|| {
            Error::config(crate::tr!("journal-no-data-dir"))
                .with_hint(crate::tr!("journal-no-data-dir-hint"))
        })?;
        Journal::open(path)
    }

    /// Opens the journal at `path` for writing: its directory (0700) and file (0600) created
    /// when missing, the schema set up, and an `audit.jsonl` beside it imported.
    pub fn open(path: impl Into<PathBuf>) -> Result<Journal> {
        let path = path.into();
        let conn = store::open(&path, true).map_err(|e| open_error(&path, e))?;
        let j = Journal {
            path,
            conn: Mutex::new(conn),
            writer: Writer::this_process(),
        };
        migrate::import_jsonl_beside(&j)?;
        Ok(j)
    }

    /// Opens an existing journal file (a copy, for `verify` or a report), never creating it
    /// and importing nothing.
    pub fn open_existing(path: impl Into<PathBuf>) -> Result<Journal> {
        let path = path.into();
        if !path.is_file() {
            return Err(Error::input(crate::tr!("journal-not-found", path = &path))
                .with_hint(crate::tr!("journal-not-found-hint")));
        }
        let conn = store::open(&path, false).map_err(|e| open_error(&path, e))?;
        Ok(Journal {
            path,
            conn: Mutex::new(conn),
            writer: Writer::this_process(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The process writing (run id, user, host).
    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes and syncs the intent of a request about to be sent. An error means nothing may
    /// be sent.
    pub fn begin(&self, actor: &Actor, request: &Request) -> Result<Pending> {
        let entry = record::Entry::intent(&self.writer, actor, request);
        let seq = store::append(&mut self.conn(), &entry, Some(&context(actor, request)))
            .map_err(|e| self.error(e))?;
        self.note_written();
        Ok(Pending { seq })
    }

    /// Completes an intent with its outcome.
    pub fn complete(&self, pending: Pending, completion: &Completion) -> Result<()> {
        let entry = record::Entry::outcome(&self.writer, pending.seq, completion);
        store::append(&mut self.conn(), &entry, None).map_err(|e| self.error(e))?;
        Ok(())
    }

    /// A whole record at once: a refusal by the client, or a failure before any request.
    pub fn record(&self, actor: &Actor, request: &Request, completion: &Completion) -> Result<i64> {
        let entry = record::Entry::record(&self.writer, actor, request, completion);
        let seq = store::append(&mut self.conn(), &entry, Some(&context(actor, request)))
            .map_err(|e| self.error(e))?;
        self.note_written();
        Ok(seq)
    }

    /// Remembers that this process wrote in this journal, for [`written_this_run`].
    fn note_written(&self) {
        let mut w = WRITTEN.lock().unwrap_or_else(|e| e.into_inner());
        if !w.contains(&self.path) {
            w.push(self.path.clone());
        }
    }

    /// The records the audit repository has not confirmed, oldest first, at most `limit`,
    /// with what their messages need (which of them may be sent is the forwarder's choice).
    pub fn unforwarded(&self, limit: usize) -> Result<Vec<Unforwarded>> {
        store::unforwarded(&self.conn(), limit).map_err(|e| self.read_error(e))
    }

    /// Marks every record up to `up_to` (a record number) as confirmed by the audit
    /// repository, durably (the mark never moves back).
    pub fn mark_forwarded(&self, up_to: i64) -> Result<()> {
        let now = record::stamp(time::OffsetDateTime::now_utc());
        store::mark_forwarded(&mut self.conn(), up_to, &now).map_err(|e| self.error(e))
    }

    /// The number of the last record the audit repository confirmed (0: none).
    pub fn forwarded_up_to(&self) -> Result<i64> {
        store::forwarded_up_to(&self.conn()).map_err(|e| self.read_error(e))
    }

    /// The records that pass `filter`, oldest first.
    pub fn records(&self, filter: &Filter) -> Result<Vec<Record>> {
        store::records(&self.conn(), filter).map_err(|e| self.read_error(e))
    }

    /// Walks the chain.
    pub fn verify(&self) -> Result<Verification> {
        verify::verify(&self.conn()).map_err(|e| self.read_error(e))
    }

    fn error(&self, e: store::StoreError) -> Error {
        let message = match &e {
            store::StoreError::Busy => crate::tr!(
                "journal-busy",
                path = &self.path,
                seconds = BUSY_TIMEOUT.as_secs()
            ),
            other => crate::tr!(
                "journal-cannot-write",
                path = &self.path,
                error = other.to_string()
            ),
        };
        Error::config(message).with_hint(crate::tr!("journal-nothing-sent-hint"))
    }

    fn read_error(&self, e: store::StoreError) -> Error {
        Error::config(crate::tr!(
            "journal-cannot-read",
            path = &self.path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("journal-cannot-read-hint"))
    }
}

/// The journals this process wrote in (normally one).
static WRITTEN: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The journals this process appended a record to, so a run ending forwards them.
pub fn written_this_run() -> Vec<PathBuf> {
    WRITTEN.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// What the audit repository's message of a record needs and the chain does not hold.
fn context(actor: &Actor, request: &Request) -> store::Context {
    store::Context {
        pid: Some(std::process::id()),
        patient_oid: request.patient_authority.clone(),
        practitioner_name: actor.practitioner_name.clone(),
        endpoint: request.endpoint.clone(),
    }
}

fn open_error(path: &Path, e: store::StoreError) -> Error {
    Error::config(crate::tr!(
        "journal-cannot-open",
        path = path,
        error = e.to_string()
    ))
    .with_hint(crate::tr!("journal-nothing-sent-hint"))
}

#[cfg(test)]
mod tests;
