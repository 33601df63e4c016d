//! `dmp`: a command-line client of the French Shared Medical Record (DMP) for health
//! professionals. See ARCHITECTURE.md for the map of the code.

pub mod cli;
pub mod commands;
pub mod config;
pub mod credential;
pub mod dmp;
pub mod error;
pub mod i18n;
pub mod model;
pub mod progress;
pub mod session;

pub use error::{Error, ErrorKind, Result};
pub mod journal;
