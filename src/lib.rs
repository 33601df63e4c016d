//! `dmp`: a command-line client of the French Shared Medical Record (DMP) for health
//! professionals. See ARCHITECTURE.md for the map of the code.

pub mod error;

pub use error::{Error, ErrorKind, Result};
