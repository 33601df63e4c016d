//! The sandbox side of `dmp`: a virtual CPS3 card on pcscd's vpcd reader, a test PKI shaped
//! like IGC-Santé, and a local DMP server, so the client can be tested end to end without a
//! real card or the real DMP.
//!
//! - [`pki::Pki`]: the CAs and the card holders' keys and certificates, on disk;
//! - [`card::spawn`]: a virtual card on a thread, behaving as `sandbox/CARD.md` says;
//! - [`card::VirtualCard`]: the same card without a socket, for unit tests;
//! - [`server::spawn`]: the local DMP (TLS 1.2 with client certificates, SOAP, XDS), seeded as
//!   `sandbox/SEED.md` says.

pub mod card;
mod der;
pub mod error;
pub mod pki;
pub mod server;

pub use card::{spawn, CardEvent, CardHandle, CardOptions, VirtualCard};
pub use error::{Error, Result};
pub use pki::{HolderIdentity, HolderKeys, Pki};
