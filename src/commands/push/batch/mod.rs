//! `dmp push --batch DIR|MANIFEST.csv`: many documents for many patients, unattended, safe to
//! kill at any point and re-run with every document present exactly once.
//!
//! `manifest` reads the batch, `state` keeps where each document stands (SQLite in the state
//! directory, keyed by the batch), `run` is the engine over a [`Pusher`](super::Pusher),
//! `events` what a run tells and its summary, `kill_point` the test hook that stops a run at
//! an exact step.

pub mod events;
pub mod kill_point;
pub mod manifest;
mod run;
pub mod state;

pub use events::{DocReport, Event, Summary};
pub use run::{Batch, Options, Retry, Sink};
pub use state::{default_dir, Status};

#[cfg(test)]
mod tests;
