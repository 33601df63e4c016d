//! Forwarding the audit journal to the practice's audit record repository (IHE ATNA): the use
//! case behind a command such as `dmp audit forward`, and what turns a journal record into an
//! [`AtnaEvent`] needs from the catalogue.
//!
//! The journal's store is the queue ([`AuditQueue`]); this takes the forwarding lock beside it,
//! so two `dmp` processes never send the same pending records, and sends everything pending
//! (`journal::forward`).

use std::path::Path;

use serde::Serialize;

use crate::config::Profile;
use crate::dmp::catalogue::{Effect, Tx};
use crate::error::{Error, Result};
use crate::journal::atna::Transaction;
use crate::journal::forward::{forward_pending, AuditQueue, ForwardLock, BATCH};
use crate::journal::syslog::Forwarder;

/// What a forwarding run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forwarded {
    /// `host:port` of the repository.
    pub repository: String,
    /// Records sent and marked in this run.
    pub sent: usize,
    /// Sequence number of the last record marked in this run.
    pub last: Option<u64>,
}

/// Sends every record of `queue` not yet forwarded to the profile's audit repository, in
/// order, holding the lock file `lock` meanwhile.
pub fn forward(profile: &Profile, queue: &dyn AuditQueue, lock: &Path) -> Result<Forwarded> {
    let settings = profile.audit_repository_settings()?.ok_or_else(|| {
        Error::config("no audit repository is configured").with_hint(
            "set audit_repository = \"host:port\", audit_repository_ca, audit_repository_cert and audit_repository_key in the profile (see the README, \"Audit repository\")",
        )
    })?;
    let forwarder = Forwarder::new(&settings)?;
    let _lock = ForwardLock::acquire(lock)?;
    let report = forward_pending(queue, &forwarder, BATCH)?;
    Ok(Forwarded {
        repository: forwarder.address(),
        sent: report.sent,
        last: report.last,
    })
}

/// The transaction of a journal record, as the catalogue declares it (an unknown code keeps
/// its code alone and is audited as a read).
pub fn transaction(code: &str) -> Transaction {
    match Tx::from_code(code) {
        Some(tx) => {
            let d = tx.declaration();
            Transaction {
                code: d.code.to_string(),
                name: Some(d.name.to_string()),
                soap_action: Some(d.action.to_string()),
                writes: d.effect == Effect::Write,
            }
        }
        None => Transaction {
            code: code.to_string(),
            name: None,
            soap_action: None,
            writes: false,
        },
    }
}
