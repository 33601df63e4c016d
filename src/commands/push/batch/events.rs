//! What a batch tells as it runs (rendered by the CLI as JSON Lines or progress bars), and
//! its summary at the end, with the exit status a script reads.

use std::path::PathBuf;

use serde::Serialize;

use super::super::Problem;
use super::state::{Doc, Status};
use crate::error::{Error, ErrorKind, Result};

/// One event of a run, in the order it happened (documents of different patients interleave
/// with `--jobs` above 1).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The batch is open: how many documents it holds, how many this run reports on (its
    /// open documents, and on the first run the rows found invalid).
    Started {
        batch: PathBuf,
        state: PathBuf,
        documents: usize,
        to_do: usize,
        /// Documents settled by an earlier run.
        done_before: usize,
        jobs: usize,
    },
    /// A document's outcome in this run.
    Document(DocReport),
    /// A transient fault: the submission (or lookup) of a patient's documents is tried again
    /// after `delay_ms`, after looking up which of them the registry already holds.
    Retry {
        ins: String,
        documents: usize,
        attempt: u32,
        delay_ms: u64,
        reason: String,
    },
    /// The run ended.
    Finished(Summary),
}

/// One document and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocReport {
    pub file: PathBuf,
    pub ins: Option<String>,
    pub unique_id: Option<String>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The DMP's error code, when it refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

impl DocReport {
    pub fn of(d: &Doc) -> DocReport {
        DocReport {
            file: d.file.clone(),
            ins: d.ins.clone(),
            unique_id: d.input.as_ref().and_then(|i| i.unique_id.clone()),
            status: d.status,
            reason: d.reason.clone(),
            code: d.code.clone(),
            problems: d.problems.clone(),
        }
    }
}

/// Where the whole batch stands after a run (its state, not only this run's work).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub batch: PathBuf,
    pub documents: usize,
    pub sent: usize,
    pub already_present: usize,
    pub refused: usize,
    pub failed: usize,
    pub invalid: usize,
    /// Not tried in this run (the batch stopped early: card, PIN, configuration).
    pub not_done: usize,
    /// Every document settled: a re-run has nothing to do.
    pub complete: bool,
    /// Submissions (one card signature each in direct mode) and registry lookups this run.
    pub submissions: usize,
    pub lookups: usize,
    /// Why the run stopped before the end, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    /// Every document that did not go through, with its reason.
    pub problems: Vec<DocReport>,
    #[serde(skip)]
    pub(super) stop_kind: Option<ErrorKind>,
    #[serde(skip)]
    pub(super) first_failure: Option<ErrorKind>,
}

impl Summary {
    pub fn of(batch: PathBuf, docs: &[Doc]) -> Summary {
        let mut s = Summary {
            batch,
            documents: docs.len(),
            ..Summary::default()
        };
        for d in docs {
            match d.status {
                Status::Sent => s.sent += 1,
                Status::AlreadyPresent => s.already_present += 1,
                Status::Refused => s.refused += 1,
                Status::Failed => s.failed += 1,
                Status::Invalid => s.invalid += 1,
                Status::Pending | Status::Sending => s.not_done += 1,
            }
            if !d.status.went_through() {
                if d.status == Status::Failed && s.first_failure.is_none() {
                    s.first_failure = d.error_kind();
                }
                s.problems.push(DocReport::of(d));
            }
        }
        s.complete = docs.iter().all(|d| !d.status.is_open());
        s
    }

    /// The run's verdict for a script: `Ok` when every document is in the DMP; `Partial`
    /// (exit 12) when some are; otherwise the kind of what stopped them (a failure's kind,
    /// `Denied` when all were refused, `Input` when all were invalid).
    pub fn verdict(&self) -> Result<()> {
        let through = self.sent + self.already_present;
        if through == self.documents {
            return Ok(());
        }
        let missing = self.documents - through;
        let hint = crate::tr!("batch-verdict-hint");
        if through > 0 {
            return Err(Error::partial(crate::tr!(
                "batch-verdict-partial",
                through = through,
                documents = self.documents,
                missing = missing
            ))
            .with_hint(hint));
        }
        let kind = self
            .stop_kind
            .or(self.first_failure)
            .or((self.failed + self.not_done > 0).then_some(ErrorKind::Network))
            .unwrap_or(if self.refused > 0 {
                ErrorKind::Denied
            } else {
                ErrorKind::Input
            });
        Err(Error::new(
            kind,
            crate::tr!("batch-verdict-none", documents = self.documents),
        )
        .with_hint(hint))
    }
}
