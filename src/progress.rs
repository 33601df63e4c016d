//! What a person at a terminal sees while dmp waits: a spinner on stderr with what it waits
//! for (a card being read, the DMP answering the queries of a listing). Any layer may start
//! one; only `main` decides whether it shows: never with `-q`, never when stderr is not a
//! terminal (a script, a pipe, a log), so output read by programs holds no spinner.
//! A prompt (the PIN, a confirmation) runs inside [`suspend`] so the spinner never draws over
//! what the person types.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

static ENABLED: AtomicBool = AtomicBool::new(false);
static CURRENT: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Lets spinners show (main: not `-q`, stderr a terminal).
pub fn enable(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// A spinner that lasts as long as this value. Starting one while another runs changes the
/// running one's message; the outer one clears it.
#[must_use = "the spinner stops when this is dropped"]
pub struct Activity {
    owner: bool,
}

/// Starts a spinner saying `message` (nothing when spinners are off).
pub fn start(message: impl Into<String>) -> Activity {
    let message = message.into();
    let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(bar) = current.as_ref() {
        bar.set_message(message);
        return Activity { owner: false };
    }
    if !ENABLED.load(Ordering::Relaxed) {
        return Activity { owner: false };
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
        bar.set_style(style);
    }
    bar.set_message(message);
    bar.enable_steady_tick(Duration::from_millis(100));
    *current = Some(bar);
    Activity { owner: true }
}

/// Changes the running spinner's message.
pub fn set_message(message: impl Into<String>) {
    if let Some(bar) = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        bar.set_message(message.into());
    }
}

/// Runs `f` with the spinner hidden (a prompt, a question).
pub fn suspend<R>(f: impl FnOnce() -> R) -> R {
    let bar = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).clone();
    match bar {
        Some(bar) => bar.suspend(f),
        None => f(),
    }
}

/// Whether a spinner is drawing (tests).
pub fn is_running() -> bool {
    CURRENT.lock().unwrap_or_else(|e| e.into_inner()).is_some()
}

impl Drop for Activity {
    fn drop(&mut self) {
        if self.owner {
            if let Some(bar) = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take() {
                bar.finish_and_clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_unless_enabled_and_nested_activities_share_one_spinner() {
        enable(false);
        {
            let _a = start("reading the card");
            assert!(!is_running());
        }
        enable(true);
        {
            let _outer = start("listing");
            assert!(is_running());
            {
                let _inner = start("query 2");
                assert!(is_running());
            }
            // The inner one does not stop the outer one's spinner.
            assert!(is_running());
            assert_eq!(suspend(|| 7), 7);
        }
        assert!(!is_running());
        enable(false);
    }
}
