//! Ctrl-C and SIGTERM. Left to the default action, a signal kills dmp wherever it is: the card
//! keeps the PIN verified for the next program, and a prompt leaves the cursor hidden or the
//! echo off. Here a thread of our own receives them, resets the card if this process verified
//! the PIN, restores the terminal, prints the error and exits with 130 (Ctrl-C) or 143
//! (SIGTERM).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use super::args::OutputFormat;

/// Set by the signal handler itself, so it is true before any system call the signal
/// interrupted returns in the main thread.
static STOPPING: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// A signal is being handled: the process is about to exit with the signal's code, so the
/// main thread must not print or exit on its own.
pub fn stopping() -> bool {
    STOPPING.get().is_some_and(|f| f.load(Ordering::SeqCst))
}

/// How long a card operation under way (a signature) is waited for before the card is reset.
#[cfg(unix)]
const CARD_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Starts the signal thread. Errors are printed in `format`.
#[cfg(unix)]
pub fn install(format: OutputFormat) {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    use crate::error::{Error, ErrorKind};

    let terminal = terminal::save();
    let flag = STOPPING
        .get_or_init(|| Arc::new(AtomicBool::new(false)))
        .clone();
    for signal in [SIGINT, SIGTERM] {
        if let Err(e) = signal_hook::flag::register(signal, flag.clone()) {
            tracing::debug!("signal flag not registered: {e}");
        }
    }
    let mut signals = match Signals::new([SIGINT, SIGTERM]) {
        Ok(s) => s,
        Err(e) => {
            tracing::debug!("signal handlers not installed: {e}");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            // A SIGTERM interrupting a prompt makes the prompt raise SIGINT (it takes the
            // interrupted read for a Ctrl-C): when both are pending, SIGTERM came first.
            let pending: Vec<i32> = loop {
                let batch: Vec<i32> = signals.wait().collect();
                if !batch.is_empty() {
                    break batch;
                }
            };
            let signal = if pending.contains(&SIGTERM) {
                SIGTERM
            } else {
                SIGINT
            };
            flag.store(true, Ordering::SeqCst);
            terminal::restore(terminal.as_ref());
            let released = crate::credential::card::release_verified_cards(CARD_WAIT);
            let (kind, what) = if signal == SIGTERM {
                (ErrorKind::Terminated, crate::tr!("render-terminated"))
            } else {
                (ErrorKind::Interrupted, crate::tr!("render-interrupted"))
            };
            let mut e = Error::new(kind, what);
            if !released {
                e = e.with_hint(crate::tr!("render-interrupted-card-busy"));
            }
            super::output::print_error(&e, format);
            std::process::exit(kind.exit_code());
        });
    if let Err(e) = spawned {
        tracing::debug!("signal thread not started: {e}");
    }
}

#[cfg(not(unix))]
pub fn install(_format: OutputFormat) {}

#[cfg(unix)]
mod terminal {
    use std::io::IsTerminal;

    /// The terminal modes of standard input when dmp started (a PIN prompt turns the echo off
    /// while it reads).
    pub fn save() -> Option<libc::termios> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct when it returns 0; fd 0 is a terminal.
        if unsafe { libc::tcgetattr(0, t.as_mut_ptr()) } == 0 {
            Some(unsafe { t.assume_init() })
        } else {
            None
        }
    }

    /// Puts back the saved modes and shows the cursor a prompt may have hidden.
    pub fn restore(saved: Option<&libc::termios>) {
        if let Some(t) = saved {
            // SAFETY: `t` is a termios filled by tcgetattr on the same descriptor.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, t);
            }
        }
        if std::io::stderr().is_terminal() {
            let term = dialoguer::console::Term::stderr();
            let _ = term.show_cursor();
            // The prompt's line is left unfinished (^C is echoed without a newline).
            let _ = term.write_line("");
        }
    }
}
