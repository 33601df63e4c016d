//! A batch's state on disk: one SQLite file per batch, `<state dir>/<key>.sqlite3`, in WAL
//! mode with `synchronous=FULL` (a status is on disk when the call returns), and a lock file
//! beside it so two processes never run the same batch at once.
//!
//! One row per document, in the batch's order: its input (with the `unique_id` and `created`
//! fixed before anything is sent), its patient once known, its status, and `sent_once`, set
//! with the first `sending` and never cleared: a document that ever went on the wire is looked
//! up in the registry before it is sent again.

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::super::{DocumentInput, Problem};
use super::manifest::{Entry, Source};
use crate::error::{Error, ErrorKind, Result};

/// Where a document stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not sent yet.
    Pending,
    /// Its submission was (perhaps) on the wire: outcome unknown until looked up.
    Sending,
    /// Registered by a submission of this batch.
    Sent,
    /// Found in the registry by its uniqueId: registered before (an earlier run whose answer
    /// was lost), not sent again.
    AlreadyPresent,
    /// Refused by the DMP (with its code) or by the access rules.
    Refused,
    /// Failed for another reason (network, card…); re-running the batch retries it.
    Failed,
    /// Its row, file or metadata is wrong: nothing was sent.
    Invalid,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::AlreadyPresent => "already_present",
            Status::Refused => "refused",
            Status::Failed => "failed",
            Status::Invalid => "invalid",
        }
    }

    fn parse(s: &str) -> Result<Status> {
        Ok(match s {
            "pending" => Status::Pending,
            "sending" => Status::Sending,
            "sent" => Status::Sent,
            "already_present" => Status::AlreadyPresent,
            "refused" => Status::Refused,
            "failed" => Status::Failed,
            "invalid" => Status::Invalid,
            other => {
                return Err(Error::internal(crate::tr!(
                    "batch-state-unknown-status",
                    status = other
                )))
            }
        })
    }

    /// Whether a run still has something to do for a document in this status.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Pending | Status::Sending | Status::Failed)
    }

    /// Whether the document is in the DMP.
    pub fn went_through(self) -> bool {
        matches!(self, Status::Sent | Status::AlreadyPresent)
    }
}

/// One document's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub seq: i64,
    pub file: PathBuf,
    /// `None` for a row that never made an input (a bad manifest row).
    pub input: Option<DocumentInput>,
    /// The patient, once known (from the row, or from the CDA header at preparation).
    pub ins: Option<String>,
    pub status: Status,
    pub reason: Option<String>,
    /// The DMP's error code of a refusal.
    pub code: Option<String>,
    /// The kind of the error that failed or refused it (`ErrorKind::as_str`).
    pub kind: Option<String>,
    pub problems: Vec<Problem>,
    pub sent_once: bool,
}

impl Doc {
    pub fn error_kind(&self) -> Option<ErrorKind> {
        let k = self.kind.as_deref()?;
        ErrorKind::ALL.into_iter().find(|e| e.as_str() == k)
    }
}

/// The outcome to record for a document.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub reason: Option<String>,
    pub code: Option<String>,
    pub kind: Option<ErrorKind>,
    pub problems: Vec<Problem>,
}

impl Outcome {
    pub fn from_error(e: &Error) -> Outcome {
        let mut reason = e.message().to_string();
        if let Some(h) = e.hint() {
            reason.push_str(&format!(" ({h})"));
        }
        Outcome {
            reason: Some(reason),
            code: e.dmp_code().map(str::to_string),
            kind: Some(e.kind()),
            problems: Vec::new(),
        }
    }
}

pub struct State {
    conn: Connection,
    path: PathBuf,
    /// Whether this run created the state (the batch's first run).
    pub created: bool,
    _lock: File,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents(
    seq INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    input TEXT,
    ins TEXT,
    status TEXT NOT NULL,
    reason TEXT,
    code TEXT,
    kind TEXT,
    problems TEXT,
    sent_once INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
";

fn db_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| {
        Error::config(crate::tr!(
            "batch-state-unusable",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("batch-state-unusable-hint"))
    }
}

/// The state directory of batches: `$XDG_STATE_HOME/dmp/batches` (the data directory where
/// there is no state directory, as for the last-visit markers).
pub fn default_dir() -> Result<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_dir)
        .map(|d| d.join("dmp").join("batches"))
        .ok_or_else(|| {
            Error::config(crate::tr!("batch-state-no-dir"))
                .with_hint(crate::tr!("batch-state-no-dir-hint"))
        })
}

impl State {
    /// Opens (or creates, filled from `source`) the state of `source` in `dir`. Fails at once
    /// when another process holds the batch.
    pub fn open(dir: &Path, source: &Source) -> Result<State> {
        let io = |e: std::io::Error| {
            Error::config(crate::tr!(
                "batch-state-dir-unusable",
                path = dir,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("batch-state-dir-unusable-hint"))
        };
        create_private_dir(dir).map_err(io)?;
        let lock_path = dir.join(format!("{}.lock", source.key));
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(
                    Error::usage(crate::tr!("batch-state-locked", path = &source.path))
                        .with_hint(crate::tr!("batch-state-locked-hint")),
                )
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let path = dir.join(format!("{}.sqlite3", source.key));
        let err = db_err(&path);
        let mut conn = Connection::open(&path).map_err(&err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(&err)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(&err)?;
        conn.execute_batch(SCHEMA).map_err(&err)?;
        let loaded: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'source'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(&err)?;
        let created = loaded.is_none();
        if created {
            // The rows and the mark that they are complete commit together: a kill while
            // loading leaves an empty state, loaded again on the next run.
            let tx = conn.transaction().map_err(&err)?;
            tx.execute("DELETE FROM documents", []).map_err(&err)?;
            for (i, entry) in source.entries.iter().enumerate() {
                let (file, input, status, problems) = match entry {
                    Entry::Input(input) => (&input.path, Some(json(input)?), Status::Pending, None),
                    Entry::Invalid { file, problems } => {
                        (file, None, Status::Invalid, Some(json(problems)?))
                    }
                };
                let ins = match entry {
                    Entry::Input(i) => i.ins.clone(),
                    Entry::Invalid { .. } => None,
                };
                tx.execute(
                    "INSERT INTO documents(seq, file, input, ins, status, problems) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![i as i64, file.to_string_lossy(), input, ins, status.as_str(), problems],
                )
                .map_err(&err)?;
            }
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('source', ?1)",
                params![source.path.to_string_lossy()],
            )
            .map_err(&err)?;
            tx.commit().map_err(&err)?;
        }
        drop(err);
        Ok(State {
            conn,
            path,
            created,
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn docs(&self) -> Result<Vec<Doc>> {
        self.select("", &[])
    }

    /// The rows of `seqs`, in order.
    pub fn docs_in(&self, seqs: &[i64]) -> Result<Vec<Doc>> {
        let mut docs = Vec::new();
        for seq in seqs {
            docs.extend(self.select("WHERE seq = ?1", &[seq])?);
        }
        Ok(docs)
    }

    fn select(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Doc>> {
        let err = db_err(&self.path);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT seq, file, input, ins, status, reason, code, kind, problems, sent_once
                 FROM documents {filter} ORDER BY seq"
            ))
            .map_err(&err)?;
        let rows = stmt
            .query_map(args, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, bool>(9)?,
                ))
            })
            .map_err(&err)?;
        let mut docs = Vec::new();
        for row in rows {
            let (seq, file, input, ins, status, reason, code, kind, problems, sent_once) =
                row.map_err(&err)?;
            docs.push(Doc {
                seq,
                file: PathBuf::from(file),
                input: input.map(|s| unjson(&s, &self.path)).transpose()?,
                ins,
                status: Status::parse(&status)?,
                reason,
                code,
                kind,
                problems: problems
                    .map(|s| unjson(&s, &self.path))
                    .transpose()?
                    .unwrap_or_default(),
                sent_once,
            });
        }
        Ok(docs)
    }

    /// Fixes documents' inputs (their uniqueIds) and patients, in one durable transaction,
    /// before any of them is sent.
    pub fn save_inputs(&mut self, docs: &[(i64, &DocumentInput, String)]) -> Result<()> {
        let err = db_err(&self.path);
        let tx = self.conn.transaction().map_err(&err)?;
        for (seq, input, ins) in docs {
            tx.execute(
                "UPDATE documents SET input = ?2, ins = ?3 WHERE seq = ?1",
                params![seq, json(input)?, ins],
            )
            .map_err(&err)?;
        }
        tx.commit().map_err(&err)
    }

    /// Sets the status of documents, in one durable transaction. `Sending` also sets
    /// `sent_once`, which nothing clears.
    pub fn set(&mut self, seqs: &[i64], status: Status, outcome: &Outcome) -> Result<()> {
        let err = db_err(&self.path);
        let tx = self.conn.transaction().map_err(&err)?;
        let problems = if outcome.problems.is_empty() {
            None
        } else {
            Some(json(&outcome.problems)?)
        };
        for seq in seqs {
            tx.execute(
                "UPDATE documents SET status = ?2, reason = ?3, code = ?4, kind = ?5, problems = ?6,
                     sent_once = sent_once OR ?7,
                     updated = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE seq = ?1",
                params![
                    seq,
                    status.as_str(),
                    outcome.reason,
                    outcome.code,
                    outcome.kind.map(|k| k.as_str()),
                    problems,
                    status == Status::Sending
                ],
            )
            .map_err(&err)?;
        }
        tx.commit().map_err(&err)
    }
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        // The state names patients and files: the user's eyes only.
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v)
        .map_err(|e| Error::internal(crate::tr!("batch-state-encode", error = e.to_string())))
}

fn unjson<T: for<'de> Deserialize<'de>>(s: &str, path: &Path) -> Result<T> {
    serde_json::from_str(s).map_err(|e| {
        Error::config(crate::tr!(
            "batch-state-damaged",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("batch-state-damaged-hint"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(dir: &Path) -> Source {
        let m = dir.join("manifest.csv");
        std::fs::write(
            &m,
            "file,ins,masked\na.xml,280057505600117,\nb.xml,,maybe\n",
        )
        .unwrap();
        super::super::manifest::read(&m).unwrap()
    }

    #[test]
    fn rows_are_loaded_once_and_statuses_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path());
        let states = dir.path().join("state");
        {
            let mut s = State::open(&states, &src).unwrap();
            assert!(s.created);
            let docs = s.docs().unwrap();
            assert_eq!(docs.len(), 2);
            assert_eq!(docs[0].status, Status::Pending);
            assert_eq!(docs[0].ins.as_deref(), Some("280057505600117"));
            assert_eq!(docs[1].status, Status::Invalid);
            assert_eq!(docs[1].problems[0].field, "masked");
            let mut input = docs[0].input.clone().unwrap();
            input.unique_id = Some("1.2.3.4".into());
            s.save_inputs(&[(0, &input, "X".into())]).unwrap();
            s.set(&[0], Status::Sending, &Outcome::default()).unwrap();
            s.set(
                &[0],
                Status::Failed,
                &Outcome::from_error(&Error::network("reset")),
            )
            .unwrap();
        }
        let s = State::open(&states, &src).unwrap();
        assert!(!s.created);
        let d = &s.docs().unwrap()[0];
        assert_eq!(d.status, Status::Failed);
        assert!(d.sent_once, "sending is remembered after a failure");
        assert_eq!(d.error_kind(), Some(ErrorKind::Network));
        assert_eq!(
            d.input.as_ref().unwrap().unique_id.as_deref(),
            Some("1.2.3.4")
        );
        assert_eq!(d.ins.as_deref(), Some("X"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&states).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[test]
    fn a_second_process_on_the_same_batch_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path());
        let states = dir.path().join("state");
        let _first = State::open(&states, &src).unwrap();
        let e = State::open(&states, &src).err().unwrap();
        assert!(e.message().contains("another dmp"), "{e}");
    }
}
