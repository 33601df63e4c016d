//! The engine: prepares every open document (fixing its uniqueId in the state before anything
//! is sent), groups them by patient, and runs one submission per patient on `jobs` threads
//! over one `Pusher`.
//!
//! The rules that make a kill at any point safe:
//! - a document is marked `sending` (durably) before its submission, and `sent_once` stays;
//! - a document that was ever sent is looked up by uniqueId (`Pusher::registered`) before it
//!   is sent again: at start-up for one left `sending` or `failed`, and after a transient fault
//!   before the retry. A write is never resent blindly;
//! - transient faults (errors without a DMP code, of kind network or server: HTTP 503, a reset,
//!   a timeout) are retried with exponential backoff, at most `Retry::attempts` tries (a
//!   failed lookup counts as one); then the documents are `failed` and a re-run takes them up again.
//!
//! A refused submission of several documents (the DMP refuses a submission as a whole, so none
//! of them was registered) is retried one document per submission, so the one at fault is
//! refused alone and the others go through; that costs one more signature per document of a
//! refused patient, only when something was refused. A refusal by the access rules without a
//! DMP code (the patient's consent, checked before sending) concerns the patient, so it is not
//! split. A refusal of a uniqueId the registry already holds (the same CDA pushed before the
//! batch) is looked up: the documents found are already present, the others sent again. A
//! card, PIN, reader or configuration error stops the batch: later submissions would
//! fail the same way; the documents not tried stay pending for the next run.

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use super::super::{DocumentInput, PreparedDocument, Pusher};
use super::events::{DocReport, Event, Summary};
use super::kill_point;
use super::manifest::{self, Source};
use super::state::{Doc, Outcome, State, Status};
use crate::error::{Error, ErrorKind, Result};
use crate::model::ins::Ins;

/// How transient faults are retried.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    /// Tries of one patient's submission at most (at least 1); a lookup that fails counts as
    /// one.
    pub attempts: u32,
    /// Delay before the second try; doubled each time, up to `max_delay`.
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            attempts: 5,
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
        }
    }
}

impl Retry {
    fn delay(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(16));
        self.first_delay.saturating_mul(factor).min(self.max_delay)
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// Concurrent submissions (patients in flight), at least 1.
    pub jobs: usize,
    pub retry: Retry,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            jobs: 1,
            retry: Retry::default(),
        }
    }
}

/// An open batch: its source read and its state locked.
pub struct Batch {
    source: Source,
    state: Mutex<State>,
}

/// The sink of a run's events (`Sync`: workers call it).
pub type Sink<'a> = &'a (dyn Fn(&Event) + Sync);

impl Batch {
    /// Reads `path` (a manifest or a directory) and opens its state in `state_dir`.
    pub fn open(path: &Path, state_dir: &Path) -> Result<Batch> {
        let source = manifest::read(path)?;
        let state = State::open(state_dir, &source)?;
        Ok(Batch {
            source,
            state: Mutex::new(state),
        })
    }

    pub fn path(&self) -> &Path {
        &self.source.path
    }

    pub fn state_path(&self) -> PathBuf {
        self.state().path().to_path_buf()
    }

    pub(super) fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A worker that panicked leaves the data as committed in SQLite: still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Where the batch stands, from its state.
    pub fn summary(&self) -> Result<Summary> {
        Ok(Summary::of(self.source.path.clone(), &self.state().docs()?))
    }

    /// Whether a run has anything to do (otherwise it needs no card, no PIN, no network).
    pub fn is_complete(&self) -> Result<bool> {
        Ok(self.state().docs()?.iter().all(|d| !d.status.is_open()))
    }

    /// Runs the batch to the end of what can be done now; the result is the whole batch's
    /// summary (also sent as the `finished` event). `work_dir` receives generated files.
    pub fn run<P: Pusher + ?Sized>(
        &self,
        pusher: &P,
        options: &Options,
        work_dir: &Path,
        sink: Sink,
    ) -> Result<Summary> {
        let jobs = options.jobs.max(1);
        let (docs, created) = {
            let s = self.state();
            (s.docs()?, s.created)
        };
        let open: Vec<Doc> = docs
            .iter()
            .filter(|d| d.status.is_open())
            .cloned()
            .collect();
        // The first run also reports the rows found invalid when the batch was read.
        let reported_invalid = if created { invalid(&docs) } else { 0 };
        sink(&Event::Started {
            batch: self.source.path.clone(),
            state: self.state_path(),
            documents: docs.len(),
            to_do: open.len() + reported_invalid,
            done_before: docs.len() - open.len() - reported_invalid,
            jobs,
        });
        if created {
            for d in docs.iter().filter(|d| d.status == Status::Invalid) {
                sink(&Event::Document(DocReport::of(d)));
            }
        }
        let counters = Counters::default();
        let prepared = self.prepare_all(pusher, &open, jobs, work_dir, sink)?;
        let groups = group_by_patient(prepared);
        let queue = Mutex::new(groups.into_iter().collect::<VecDeque<_>>());
        let stop: Mutex<Option<Error>> = Mutex::new(None);
        let stopping = AtomicBool::new(false);
        let worker = || -> Result<()> {
            loop {
                if stopping.load(Ordering::SeqCst) {
                    return Ok(());
                }
                let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
                let Some(group) = next else { return Ok(()) };
                let run = GroupRun {
                    batch: self,
                    pusher,
                    retry: &options.retry,
                    sink,
                    counters: &counters,
                    stop: &stop,
                    stopping: &stopping,
                };
                run.push(group)?;
            }
        };
        let results: Vec<Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..jobs).map(|_| scope.spawn(worker)).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(Error::internal(crate::tr!("batch-worker-panicked")))
                    })
                })
                .collect()
        });
        // A state that cannot be written is the one error that ends a run without a summary:
        // the outcome of what was sent is not recorded.
        results.into_iter().collect::<Result<Vec<()>>>()?;
        let mut summary = self.summary()?;
        summary.submissions = counters.submissions.load(Ordering::SeqCst);
        summary.lookups = counters.lookups.load(Ordering::SeqCst);
        if let Some(e) = stop.into_inner().unwrap_or_else(|e| e.into_inner()) {
            summary.stopped = Some(e.message().to_string());
            summary.stop_kind = Some(e.kind());
        }
        sink(&Event::Finished(summary.clone()));
        Ok(summary)
    }

    /// Prepares the open documents (`jobs` at a time), records the invalid ones, and fixes
    /// the uniqueIds of the others in the state in one transaction before anything is sent.
    fn prepare_all<P: Pusher + ?Sized>(
        &self,
        pusher: &P,
        open: &[Doc],
        jobs: usize,
        work_dir: &Path,
        sink: Sink,
    ) -> Result<Vec<Ready>> {
        let next = AtomicUsize::new(0);
        let results: Mutex<Vec<(usize, std::result::Result<PreparedDocument, _>)>> =
            Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(open.len()) {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(doc) = open.get(i) else { return };
                    let input = doc.input.clone().unwrap_or_else(|| DocumentInput {
                        path: doc.file.clone(),
                        ..DocumentInput::default()
                    });
                    let r = pusher.prepare(&input, work_dir);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((i, r));
                });
            }
        });
        let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results.sort_by_key(|(i, _)| *i);
        let mut ready = Vec::new();
        let mut to_save = Vec::new();
        for (i, r) in results {
            let doc = &open[i];
            match r {
                Ok(p) => {
                    if doc.input.as_ref() != Some(&p.input)
                        || doc.ins.as_deref() != Some(p.ins.number())
                    {
                        to_save.push(i);
                    }
                    ready.push(Ready {
                        seq: doc.seq,
                        doc: p,
                        sent_once: doc.sent_once,
                    });
                }
                Err(problems) => {
                    let outcome = Outcome {
                        reason: Some(
                            problems
                                .iter()
                                .map(|p| {
                                    crate::tr!(
                                        "batch-problem",
                                        field = &p.field,
                                        message = &p.message
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join("; "),
                        ),
                        kind: Some(ErrorKind::Input),
                        problems,
                        ..Outcome::default()
                    };
                    self.settle(&[doc.seq], Status::Invalid, &outcome, sink)?;
                }
            }
        }
        kill_point::reached("before-save");
        let saves: Vec<(i64, &DocumentInput, String)> = ready
            .iter()
            .filter(|r| to_save.iter().any(|&i| open[i].seq == r.seq))
            .map(|r| (r.seq, &r.doc.input, r.doc.ins.number().to_string()))
            .collect();
        if !saves.is_empty() {
            self.state().save_inputs(&saves)?;
        }
        Ok(ready)
    }

    /// Records an outcome and tells it.
    fn settle(&self, seqs: &[i64], status: Status, outcome: &Outcome, sink: Sink) -> Result<()> {
        let docs = {
            let mut s = self.state();
            s.set(seqs, status, outcome)?;
            s.docs_in(seqs)?
        };
        for d in &docs {
            sink(&Event::Document(DocReport::of(d)));
        }
        Ok(())
    }
}

fn invalid(docs: &[Doc]) -> usize {
    docs.iter().filter(|d| d.status == Status::Invalid).count()
}

/// A document prepared and fixed in the state.
struct Ready {
    seq: i64,
    doc: PreparedDocument,
    sent_once: bool,
}

/// Patients in the order of their first document.
fn group_by_patient(ready: Vec<Ready>) -> Vec<(Ins, Vec<Ready>)> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, (Ins, Vec<Ready>)> = BTreeMap::new();
    for r in ready {
        let key = r.doc.ins.to_string();
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups
            .entry(key)
            .or_insert_with(|| (r.doc.ins.clone(), Vec::new()))
            .1
            .push(r);
    }
    order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .collect()
}

#[derive(Default)]
struct Counters {
    submissions: AtomicUsize,
    lookups: AtomicUsize,
}

/// What a worker needs for one patient's documents.
struct GroupRun<'a, P: Pusher + ?Sized> {
    batch: &'a Batch,
    pusher: &'a P,
    retry: &'a Retry,
    sink: Sink<'a>,
    counters: &'a Counters,
    stop: &'a Mutex<Option<Error>>,
    stopping: &'a AtomicBool,
}

/// The registry's refusal of a uniqueId it already holds (IHE ITI TF-3 4.2.4).
const DUPLICATE_UNIQUE_ID: &str = "XDSDuplicateUniqueIdInRegistry";

/// An error worth trying again: no DMP code (the DMP did not refuse) and a kind that a later
/// try can cure (network, or the server's own fault such as HTTP 503).
fn is_transient(e: &Error) -> bool {
    e.dmp_code().is_none() && matches!(e.kind(), ErrorKind::Network | ErrorKind::Server)
}

fn is_refusal(e: &Error) -> bool {
    e.dmp_code().is_some() || e.kind() == ErrorKind::Denied
}

/// Errors after which every other submission would fail the same way.
fn stops_the_batch(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Card
            | ErrorKind::Pin
            | ErrorKind::Reader
            | ErrorKind::Config
            | ErrorKind::Interrupted
            | ErrorKind::Terminated
    )
}

impl<P: Pusher + ?Sized> GroupRun<'_, P> {
    fn push(&self, (ins, docs): (Ins, Vec<Ready>)) -> Result<()> {
        // Documents that went on the wire in an earlier run: their outcome is unknown, so the
        // registry says whether to send them.
        let (uncertain, mut fresh): (Vec<Ready>, Vec<Ready>) =
            docs.into_iter().partition(|r| r.sent_once);
        if !uncertain.is_empty() {
            if let Some(unsent) = self.lookup_until_known(&ins, uncertain)? {
                fresh.extend(unsent);
                fresh.sort_by_key(|r| r.seq);
            } else {
                return Ok(());
            }
        }
        if fresh.is_empty() {
            return Ok(());
        }
        self.send(&ins, fresh)
    }

    /// Looks `docs` up (retrying transient faults); settles those found as already present and
    /// returns the others. `None`: the lookup failed, the documents are settled as failed.
    fn lookup_until_known(&self, ins: &Ins, docs: Vec<Ready>) -> Result<Option<Vec<Ready>>> {
        let mut attempt = 0;
        loop {
            match self.lookup(ins, docs.iter().map(|r| &r.doc)) {
                Ok(found) => return self.split_found(docs, &found).map(Some),
                Err(e) if is_transient(&e) && attempt + 1 < self.retry.attempts => {
                    self.wait(ins, docs.len(), attempt, &e);
                    attempt += 1;
                }
                Err(e) => {
                    self.fail_unknown(&docs, &e)?;
                    return Ok(None);
                }
            }
        }
    }

    fn lookup<'d>(
        &self,
        ins: &Ins,
        docs: impl Iterator<Item = &'d PreparedDocument>,
    ) -> Result<Vec<String>> {
        let ids: Vec<String> = docs.map(|d| d.unique_id.clone()).collect();
        self.counters.lookups.fetch_add(1, Ordering::SeqCst);
        self.pusher.registered(ins, &ids)
    }

    /// Settles the documents the registry holds; returns the others.
    fn split_found(&self, docs: Vec<Ready>, found: &[String]) -> Result<Vec<Ready>> {
        let (present, rest): (Vec<Ready>, Vec<Ready>) = docs
            .into_iter()
            .partition(|r| found.contains(&r.doc.unique_id));
        if !present.is_empty() {
            let seqs: Vec<i64> = present.iter().map(|r| r.seq).collect();
            self.batch.settle(
                &seqs,
                Status::AlreadyPresent,
                &Outcome {
                    reason: Some(crate::tr!("batch-already-present")),
                    ..Outcome::default()
                },
                self.sink,
            )?;
        }
        Ok(rest)
    }

    fn fail_unknown(&self, docs: &[Ready], e: &Error) -> Result<()> {
        let mut outcome = Outcome::from_error(e);
        outcome.reason = Some(crate::tr!(
            "batch-unknown-outcome",
            reason = outcome.reason.unwrap_or_default()
        ));

        let seqs: Vec<i64> = docs.iter().map(|r| r.seq).collect();
        self.batch
            .settle(&seqs, Status::Failed, &outcome, self.sink)?;
        self.maybe_stop(e);
        Ok(())
    }

    fn wait(&self, ins: &Ins, documents: usize, attempt: u32, e: &Error) {
        let delay = self.retry.delay(attempt);
        (self.sink)(&Event::Retry {
            ins: ins.number().to_string(),
            documents,
            attempt: attempt + 2,
            delay_ms: delay.as_millis() as u64,
            reason: e.message().to_string(),
        });
        std::thread::sleep(delay);
    }

    fn maybe_stop(&self, e: &Error) {
        if stops_the_batch(e) {
            self.stopping.store(true, Ordering::SeqCst);
            let mut stop = self.stop.lock().unwrap_or_else(|e| e.into_inner());
            if stop.is_none() {
                *stop = Some(Error::new(e.kind(), e.message().to_string()));
            }
        }
    }

    /// One submission of `docs` (one patient), retried on transient faults after a lookup;
    /// a refused submission of several documents is split into one per document.
    fn send(&self, ins: &Ins, mut docs: Vec<Ready>) -> Result<()> {
        let mut attempt: u32 = 0;
        let mut look_first = false;
        loop {
            if look_first {
                match self.lookup(ins, docs.iter().map(|r| &r.doc)) {
                    Ok(found) => {
                        docs = self.split_found(docs, &found)?;
                        if docs.is_empty() {
                            return Ok(());
                        }
                    }
                    Err(e) if is_transient(&e) && attempt + 1 < self.retry.attempts => {
                        self.wait(ins, docs.len(), attempt, &e);
                        attempt += 1;
                        continue;
                    }
                    Err(e) => return self.fail_unknown(&docs, &e),
                }
            }
            let seqs: Vec<i64> = docs.iter().map(|r| r.seq).collect();
            self.batch
                .state()
                .set(&seqs, Status::Sending, &Outcome::default())?;
            kill_point::reached("before-send");
            let prepared: Vec<PreparedDocument> = docs.iter().map(|r| r.doc.clone()).collect();
            self.counters.submissions.fetch_add(1, Ordering::SeqCst);
            let answer = self.pusher.submit(&prepared);
            kill_point::reached("after-answer");
            match answer {
                Ok(receipt) => {
                    let outcome = Outcome {
                        reason: (!receipt.warnings.is_empty()).then(|| receipt.warnings.join("; ")),
                        ..Outcome::default()
                    };
                    self.batch
                        .settle(&seqs, Status::Sent, &outcome, self.sink)?;
                    kill_point::reached("after-save");
                    return Ok(());
                }
                Err(e) if e.dmp_code() == Some(DUPLICATE_UNIQUE_ID) => {
                    // The registry holds some of them already (the same CDA pushed before this
                    // batch, or a state lost): those it finds are present; the submission was
                    // refused as a whole, so the others are sent again.
                    let found = self
                        .lookup(ins, docs.iter().map(|r| &r.doc))
                        .unwrap_or_default();
                    if found.is_empty() {
                        return self.refused(ins, docs, &e);
                    }
                    docs = self.split_found(docs, &found)?;
                    if docs.is_empty() {
                        return Ok(());
                    }
                }
                Err(e) if is_refusal(&e) => return self.refused(ins, docs, &e),
                Err(e) if is_transient(&e) && attempt + 1 < self.retry.attempts => {
                    self.wait(ins, docs.len(), attempt, &e);
                    attempt += 1;
                    look_first = true;
                }
                Err(e) => {
                    self.batch.settle(
                        &seqs,
                        Status::Failed,
                        &Outcome::from_error(&e),
                        self.sink,
                    )?;
                    self.maybe_stop(&e);
                    return Ok(());
                }
            }
        }
    }

    /// A refused submission: split when the DMP refused several documents at once (nothing
    /// of it was registered), so the one at fault is found; otherwise each is refused.
    fn refused(&self, ins: &Ins, docs: Vec<Ready>, e: &Error) -> Result<()> {
        let seqs: Vec<i64> = docs.iter().map(|r| r.seq).collect();
        if e.dmp_code().is_none() || docs.len() == 1 {
            return self
                .batch
                .settle(&seqs, Status::Refused, &Outcome::from_error(e), self.sink);
        }
        self.batch
            .state()
            .set(&seqs, Status::Pending, &Outcome::default())?;
        for r in docs {
            if self.stopping.load(Ordering::SeqCst) {
                return Ok(());
            }
            self.send(ins, vec![r])?;
        }
        Ok(())
    }
}
