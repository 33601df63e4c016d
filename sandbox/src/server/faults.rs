//! Latency and fault injection, for the client's batch tests and benchmark: every answer
//! delayed (the real DMP is not instant), and faults on the next submissions (ITI-41), each
//! used once, in order. Settable on the running [`super::State`] and by `serve` flags.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// What happens to one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitFault {
    /// HTTP 503 and an HTML page, as an overloaded front end: nothing is processed.
    Unavailable,
    /// Processed and committed, then the connection is reset (TCP RST) before any answer:
    /// the client cannot know the outcome.
    ResetAfterCommit,
    /// Nothing processed; the connection stays silent for the hang time, then is reset.
    HangBeforeCommit,
    /// Processed and committed, then silent for the hang time, then reset.
    HangAfterCommit,
}

impl SubmitFault {
    pub const NAMES: [(&'static str, SubmitFault); 4] = [
        ("503", SubmitFault::Unavailable),
        ("reset", SubmitFault::ResetAfterCommit),
        ("hang-before", SubmitFault::HangBeforeCommit),
        ("hang-after", SubmitFault::HangAfterCommit),
    ];

    pub fn commits(self) -> bool {
        matches!(
            self,
            SubmitFault::ResetAfterCommit | SubmitFault::HangAfterCommit
        )
    }
}

/// `KIND[:COUNT]` of `serve --submit-fault` (KIND: 503, reset, hang-before, hang-after).
pub fn parse_submit_fault(s: &str) -> Result<(SubmitFault, usize), String> {
    let (kind, count) = s.split_once(':').unwrap_or((s, "1"));
    let fault = SubmitFault::NAMES
        .iter()
        .find(|(n, _)| *n == kind)
        .map(|(_, f)| *f)
        .ok_or_else(|| {
            format!("unknown fault {kind:?}: expected 503, reset, hang-before or hang-after")
        })?;
    let count = count
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("bad count {count:?} in {s:?}: a positive number"))?;
    Ok((fault, count))
}

/// The injection settings of a running server.
#[derive(Debug, Default)]
pub struct Faults {
    delay_ms: AtomicU64,
    hang_ms: AtomicU64,
    queue: Mutex<VecDeque<SubmitFault>>,
}

/// How long a hang lasts unless told: past any sensible client timeout.
pub const DEFAULT_HANG: Duration = Duration::from_secs(120);

impl Faults {
    pub fn new(delay: Duration, hang: Duration, queued: &[(SubmitFault, usize)]) -> Faults {
        let f = Faults::default();
        f.set_delay(delay);
        f.set_hang(hang);
        for (fault, n) in queued {
            f.push(*fault, *n);
        }
        f
    }

    /// Delay every answer by `d`.
    pub fn set_delay(&self, d: Duration) {
        self.delay_ms.store(d.as_millis() as u64, Ordering::SeqCst);
    }

    pub fn delay(&self) -> Duration {
        Duration::from_millis(self.delay_ms.load(Ordering::SeqCst))
    }

    pub fn set_hang(&self, d: Duration) {
        self.hang_ms.store(d.as_millis() as u64, Ordering::SeqCst);
    }

    pub fn hang(&self) -> Duration {
        Duration::from_millis(self.hang_ms.load(Ordering::SeqCst))
    }

    /// Apply `fault` to the next `count` submissions (after those already queued).
    pub fn push(&self, fault: SubmitFault, count: usize) {
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        q.extend(std::iter::repeat_n(fault, count));
    }

    /// Forget the queued faults.
    pub fn clear(&self) {
        self.queue.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// How many faults are still queued.
    pub fn pending(&self) -> usize {
        self.queue.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The fault of this submission, if any (used up).
    pub fn take(&self) -> Option<SubmitFault> {
        self.queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front()
    }
}

/// Does this request look like a submission? The root part (which holds the body's first
/// element) comes first in the message, so its start is enough.
pub fn is_submission(body: &[u8]) -> bool {
    let head = &body[..body.len().min(256 * 1024)];
    let needle = super::submit::BODY_NAME.as_bytes();
    head.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_flags() {
        assert_eq!(
            parse_submit_fault("503:3").unwrap(),
            (SubmitFault::Unavailable, 3)
        );
        assert_eq!(
            parse_submit_fault("reset").unwrap(),
            (SubmitFault::ResetAfterCommit, 1)
        );
        assert!(parse_submit_fault("boom").is_err());
        assert!(parse_submit_fault("503:0").is_err());
    }

    #[test]
    fn faults_are_used_in_order_once() {
        let f = Faults::new(
            Duration::ZERO,
            DEFAULT_HANG,
            &[
                (SubmitFault::Unavailable, 2),
                (SubmitFault::ResetAfterCommit, 1),
            ],
        );
        assert_eq!(f.pending(), 3);
        assert_eq!(f.take(), Some(SubmitFault::Unavailable));
        assert_eq!(f.take(), Some(SubmitFault::Unavailable));
        assert_eq!(f.take(), Some(SubmitFault::ResetAfterCommit));
        assert_eq!(f.take(), None);
    }
}
