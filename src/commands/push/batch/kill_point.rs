//! A test hook: `DMP_TEST_KILL_AT=<point>:<n>` makes the process kill itself with SIGKILL the
//! n-th time (from 1) a batch reaches `<point>`, so the end-to-end tests can stop a batch at an
//! exact step and check that a re-run ends with every document present exactly once. It is in
//! every build because the tests run the real binary; unset, it costs one environment read.
//!
//! Points: `before-save` (uniqueIds fixed in memory, not yet in the state), `before-send`
//! (state says `sending`, nothing on the wire), `after-answer` (the DMP answered, the state
//! not yet updated), `after-save` (the outcome saved).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

pub const VARIABLE: &str = "DMP_TEST_KILL_AT";

fn target() -> Option<&'static (String, usize)> {
    static TARGET: OnceLock<Option<(String, usize)>> = OnceLock::new();
    TARGET
        .get_or_init(|| {
            let v = std::env::var(VARIABLE).ok()?;
            let (point, n) = v.split_once(':').unwrap_or((&v, "1"));
            Some((point.to_string(), n.parse().ok()?))
        })
        .as_ref()
}

/// Called by the engine at each point.
pub fn reached(point: &str) {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let Some((wanted, n)) = target() else { return };
    if wanted != point {
        return;
    }
    if COUNT.fetch_add(1, Ordering::SeqCst) + 1 == *n {
        kill_self();
    }
}

fn kill_self() -> ! {
    #[cfg(unix)]
    // SAFETY: kill(2) on our own pid; SIGKILL cannot be caught, so nothing runs after it.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    std::process::abort()
}
