//! The queue of records waiting for the audit repository, and the loop that empties it.
//!
//! The journal is the queue: every record has a sequence number, in the order records were
//! made, and a mark "forwarded up to N". [`AuditQueue`] is what the journal's store offers;
//! [`forward_pending`] sends what is pending, oldest first, in batches over one connection each
//! (`journal::syslog`), and moves the mark after each confirmed batch.
//!
//! Never dropped: a record is marked only after the repository confirmed the batch that holds
//! it; a failure leaves it (and everything after it) pending, and the next run starts again
//! from the first unmarked record, so records arrive in order.
//!
//! Never twice, as far as syslog allows: a confirmed batch is marked at once, so it is resent
//! only if the process dies between the confirmation and the mark; an unconfirmed batch may
//! have been partly read by the repository before the connection failed, and is resent whole.
//! Those are the only duplicates, and they are recognisable: every message carries the
//! record's sequence number and chain hash with the machine's AuditSourceID (`journal::atna`),
//! so the repository can keep the first copy of each (AuditSourceID, sequence, hash). Two
//! processes must not forward at once (each would send the same pending records): a caller
//! holds [`ForwardLock`] around [`forward_pending`].

use std::fs::{File, OpenOptions};
use std::path::Path;
use std::sync::Mutex;

use super::atna::AtnaEvent;
use super::syslog::Forwarder;
use crate::error::{Error, Result};

/// What the journal's store offers the forwarder.
pub trait AuditQueue {
    /// The oldest records not yet forwarded, at most `limit`, by increasing sequence number.
    fn pending(&self, limit: usize) -> Result<Vec<(u64, AtnaEvent)>>;
    /// Marks every record up to `up_to` (included) as forwarded, durably.
    fn mark_forwarded(&self, up_to: u64) -> Result<()>;
}

/// How many records go over one connection.
pub const BATCH: usize = 100;

/// What a forwarding run did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ForwardReport {
    /// Records confirmed and marked.
    pub sent: usize,
    /// The last record marked.
    pub last: Option<u64>,
}

/// Sends every pending record, in order, `batch` per connection, marking each confirmed
/// batch. On a failure, what was confirmed before stays marked and the error says how many
/// records went.
pub fn forward_pending(
    queue: &dyn AuditQueue,
    forwarder: &Forwarder,
    batch: usize,
) -> Result<ForwardReport> {
    let mut report = ForwardReport::default();
    loop {
        let records = queue.pending(batch.max(1))?;
        if records.is_empty() {
            return Ok(report);
        }
        if let Some(w) = records.windows(2).find(|w| w[0].0 >= w[1].0) {
            return Err(Error::internal(crate::tr!(
                "journal-out-of-order",
                first = w[0].0,
                second = w[1].0
            )));
        }
        let outcome = forwarder.send(&records);
        if let Some(last) = outcome.confirmed {
            queue.mark_forwarded(last)?;
            report.sent += records.len();
            report.last = Some(last);
        }
        if let Some(e) = outcome.error {
            let first = records[0].0;
            let message = crate::tr!(
                "journal-forward-stopped",
                error = e.message(),
                sent = report.sent,
                first = first
            );

            let hint = e.hint().map(str::to_string);
            let e = Error::new(e.kind(), message);
            return Err(match hint {
                Some(h) => e.with_hint(h),
                None => e,
            });
        }
    }
}

/// An exclusive lock on a file beside the journal, held while forwarding.
pub struct ForwardLock {
    _file: File,
}

impl ForwardLock {
    /// Waits for the lock on `path` (created if needed).
    pub fn acquire(path: &Path) -> Result<ForwardLock> {
        let io = |e: std::io::Error| {
            Error::config(crate::tr!(
                "journal-cannot-lock",
                path = path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("journal-cannot-lock-hint"))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io)?;
        file.lock().map_err(io)?;
        Ok(ForwardLock { _file: file })
    }

    /// Takes the lock on `path` if no other process holds it (`None` if one does).
    pub fn try_acquire(path: &Path) -> Result<Option<ForwardLock>> {
        let io = |e: std::io::Error| {
            Error::config(crate::tr!(
                "journal-cannot-lock",
                path = path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("journal-cannot-lock-hint"))
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(ForwardLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
        }
    }
}

/// A queue in memory: the records and the mark. For tests and for a journal read whole.
#[derive(Debug, Default)]
pub struct MemoryQueue {
    inner: Mutex<Records>,
}

/// The records and the mark.
type Records = (Vec<(u64, AtnaEvent)>, Option<u64>);

impl MemoryQueue {
    pub fn new() -> MemoryQueue {
        MemoryQueue::default()
    }

    /// Appends a record; sequence numbers must grow.
    pub fn push(&self, seq: u64, event: AtnaEvent) {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        assert!(
            g.0.last().is_none_or(|(last, _)| *last < seq),
            "sequence numbers grow"
        );
        g.0.push((seq, event));
    }

    /// The mark: the last record forwarded.
    pub fn forwarded_up_to(&self) -> Option<u64> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).1
    }
}

impl AuditQueue for MemoryQueue {
    fn pending(&self, limit: usize) -> Result<Vec<(u64, AtnaEvent)>> {
        let g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        Ok(g.0
            .iter()
            .filter(|(seq, _)| g.1.is_none_or(|m| *seq > m))
            .take(limit)
            .cloned()
            .collect())
    }

    fn mark_forwarded(&self, up_to: u64) -> Result<()> {
        let mut g = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        // The mark never moves back.
        if g.1.is_none_or(|m| up_to > m) {
            g.1 = Some(up_to);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::atna::tests_support::event;

    #[test]
    fn the_memory_queue_gives_what_follows_the_mark_in_order() {
        let q = MemoryQueue::new();
        for seq in [1, 2, 5, 9] {
            q.push(seq, event());
        }
        let seqs = |v: Vec<(u64, AtnaEvent)>| v.into_iter().map(|(s, _)| s).collect::<Vec<_>>();
        assert_eq!(seqs(q.pending(3).unwrap()), [1, 2, 5]);
        q.mark_forwarded(2).unwrap();
        assert_eq!(seqs(q.pending(10).unwrap()), [5, 9]);
        q.mark_forwarded(1).unwrap();
        assert_eq!(q.forwarded_up_to(), Some(2));
        q.mark_forwarded(9).unwrap();
        assert!(q.pending(10).unwrap().is_empty());
    }

    #[test]
    fn the_forward_lock_is_exclusive() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/forward.lock");
        let held = ForwardLock::acquire(&path).unwrap();
        let other = File::options().write(true).open(&path).unwrap();
        assert!(other.try_lock().is_err());
        drop(held);
        assert!(other.try_lock().is_ok());
    }
}
