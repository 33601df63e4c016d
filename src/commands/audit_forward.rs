//! Forwarding the audit journal to the practice's audit record repository (IHE ATNA): the use
//! case behind a command such as `dmp audit forward`, and what turns a journal record into an
//! [`AtnaEvent`] needs from the catalogue.
//!
//! The journal's store is the queue ([`AuditQueue`]); this takes the forwarding lock beside it,
//! so two `dmp` processes never send the same pending records, and sends everything pending
//! (`journal::forward`).

use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;

use crate::config::Profile;
use crate::dmp::catalogue::{Effect, Tx};
use crate::error::{Error, Result};
use crate::journal::atna::{
    AccessMode, AtnaEvent, Credential, Outcome as AtnaOutcome, PatientId, Transaction,
};
use crate::journal::forward::{forward_pending, AuditQueue, ForwardLock, BATCH};
use crate::journal::syslog::Forwarder;
use crate::journal::{Journal, Outcome as JournalOutcome, Unforwarded};

/// What a forwarding run did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forwarded {
    /// `host:port` of the repository.
    pub repository: String,
    /// Records sent and marked in this run.
    pub sent: usize,
    /// Sequence number of the last record marked in this run.
    pub last: Option<u64>,
    /// Records still queued after the run: intents whose outcome may still come, and the
    /// records after them.
    pub queued: usize,
}

/// Sends every record of `queue` not yet forwarded to the profile's audit repository, in
/// order, holding the lock file `lock` meanwhile.
pub fn forward(profile: &Profile, queue: &dyn AuditQueue, lock: &Path) -> Result<Forwarded> {
    let settings = profile
        .audit_repository_settings()?
        .ok_or_else(no_repository)?;
    let forwarder = Forwarder::new(&settings)?;
    let _lock = ForwardLock::acquire(lock)?;
    let report = forward_pending(queue, &forwarder, BATCH)?;
    Ok(Forwarded {
        repository: forwarder.address(),
        sent: report.sent,
        last: report.last,
        queued: 0,
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

/// How long an intent without outcome may still be under way. Past this, or once its process
/// is gone, it can no longer complete and is sent as "outcome unknown". A request is bounded by
/// its timeout (a minute or two with retries); an hour leaves a wide margin for a process that
/// hangs or whose pid was reused, and an intent is never sent as unknown while its process
/// still runs on this machine.
pub const IN_FLIGHT_LIMIT: time::Duration = time::Duration::hours(1);

/// The journal as the forwarder's queue.
///
/// A record goes once it is complete: its outcome written (or a whole record), or an intent
/// that can no longer complete (see [`IN_FLIGHT_LIMIT`]), sent as "outcome unknown". The
/// queue stops at the first intent still in flight, since records go in order behind one
/// mark: what follows it waits for the next run.
pub struct JournalQueue<'a> {
    journal: &'a Journal,
    now: OffsetDateTime,
}

impl<'a> JournalQueue<'a> {
    pub fn new(journal: &'a Journal) -> JournalQueue<'a> {
        JournalQueue {
            journal,
            now: OffsetDateTime::now_utc(),
        }
    }

    /// True when `u` is an intent whose outcome may still be written.
    fn in_flight(&self, u: &Unforwarded) -> bool {
        let r = &u.record;
        if r.result != JournalOutcome::Unknown {
            return false;
        }
        match r.when() {
            Some(t) if self.now - t > IN_FLIGHT_LIMIT => return false,
            None => return false,
            _ => {}
        }
        // On this machine, a process that is gone cannot complete it; elsewhere (a journal
        // copied from another host) only the delay tells.
        match (u.context.pid, &r.host) {
            (Some(pid), Some(host)) if Some(host) == self.journal.writer().host.as_ref() => {
                process_alive(pid)
            }
            _ => true,
        }
    }

    /// The record as the audit repository's message describes it.
    fn event(&self, u: Unforwarded) -> Result<AtnaEvent> {
        let r = u.record;
        let time = r.when().ok_or_else(|| {
            Error::internal(crate::tr!(
                "audit-unreadable-time",
                number = r.number,
                time = &r.time
            ))
        })?;
        let credential = match (&r.card_serial, &r.structure_certificate) {
            (Some(serial), _) => Some(Credential::Card {
                serial: serial.clone(),
            }),
            (None, Some(id)) => Some(Credential::StructureCertificate { id: id.clone() }),
            (None, None) => None,
        };
        let outcome = match r.result {
            JournalOutcome::Done => AtnaOutcome::Done,
            JournalOutcome::RefusedByClient => AtnaOutcome::RefusedByClient {
                rule: r.rule.clone().unwrap_or_default(),
            },
            JournalOutcome::RefusedByDmp => AtnaOutcome::RefusedByDmp {
                code: r.dmp_code.clone().unwrap_or_default(),
            },
            JournalOutcome::Failed => AtnaOutcome::Failed {
                dmp_code: r.dmp_code.clone(),
            },
            JournalOutcome::Unknown => AtnaOutcome::Unknown,
        };
        // A record imported from the JSON Lines journal has no authority OID: the INS is
        // then sent under the authority its number says nothing about, so none is invented;
        // an empty OID tells the repository it is not known.
        let patient = r.patient.clone().map(|id| PatientId {
            id,
            authority_oid: u.context.patient_oid.clone().unwrap_or_default(),
        });
        Ok(AtnaEvent {
            time,
            // Indirect mode without a practitioner id: the structure acted.
            user_id: r
                .practitioner
                .clone()
                .or_else(|| r.structure_id.clone())
                .unwrap_or_default(),
            user_name: u.context.practitioner_name,
            credential,
            structure_id: r.structure_id.clone(),
            patient,
            transaction: transaction(r.transaction.as_deref().unwrap_or("")),
            detail: r.detail.clone(),
            mode: r
                .mode
                .as_deref()
                .and_then(AccessMode::from_code)
                .unwrap_or(AccessMode::Normal),
            reason: r.reason.clone(),
            documents: r.documents.clone(),
            // The journal does not keep the submission set's uniqueId of a push.
            submission_set: None,
            outcome,
            outcome_text: r.message.clone(),
            message_id: r.message_id.clone(),
            local_host: r
                .host
                .clone()
                .or_else(|| self.journal.writer().host.clone())
                .unwrap_or_default(),
            process_id: u.context.pid,
            endpoint: u.context.endpoint,
            chain_hash: Some(u.chain_hash),
        })
    }
}

impl AuditQueue for JournalQueue<'_> {
    fn pending(&self, limit: usize) -> Result<Vec<(u64, AtnaEvent)>> {
        let mut out = Vec::new();
        for u in self.journal.unforwarded(limit)? {
            if self.in_flight(&u) {
                break;
            }
            let seq = u64::try_from(u.record.number).unwrap_or_default();
            out.push((seq, self.event(u)?));
        }
        Ok(out)
    }

    fn mark_forwarded(&self, up_to: u64) -> Result<()> {
        self.journal
            .mark_forwarded(i64::try_from(up_to).unwrap_or(i64::MAX))
    }
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// The lock file beside `journal` that forwarding runs hold.
pub fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".forward-lock");
    journal.with_file_name(name)
}

/// `dmp audit forward`: sends what the journal at `path` (else the default one) holds for the
/// profile's audit repository.
pub fn forward_journal(profile: &Profile, path: Option<&Path>) -> Result<Forwarded> {
    // The configuration first: without a repository the journal is not even opened.
    profile
        .audit_repository_settings()?
        .ok_or_else(no_repository)?;
    let journal = match path {
        Some(p) => Journal::open(p.to_path_buf())?,
        None => Journal::open_default()?,
    };
    let queue = JournalQueue::new(&journal);
    let mut f = forward(profile, &queue, &lock_path(journal.path()))?;
    f.queued = journal.unforwarded(usize::MAX)?.len();
    Ok(f)
}

/// At the end of a run that journaled something: forwards the journals it wrote in when the
/// profile names a repository. Best effort: the records stay queued on any failure, and a
/// run never waits for another process that is forwarding. Returns what to warn about.
pub fn forward_after_run(profile: &Profile) -> Vec<String> {
    if profile.audit_repository.is_none() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    for path in crate::journal::written_this_run() {
        let run = || -> Result<Option<Forwarded>> {
            let settings = profile
                .audit_repository_settings()?
                .ok_or_else(no_repository)?;
            let forwarder = Forwarder::new(&settings)?;
            let Some(_lock) = ForwardLock::try_acquire(&lock_path(&path))? else {
                return Ok(None);
            };
            let journal = Journal::open(path.clone())?;
            let report = forward_pending(&JournalQueue::new(&journal), &forwarder, BATCH)?;
            Ok(Some(Forwarded {
                repository: forwarder.address(),
                sent: report.sent,
                last: report.last,
                queued: 0,
            }))
        };
        if let Err(e) = run() {
            warnings.push(crate::tr!("audit-not-forwarded", error = e.message()));
        }
    }
    warnings
}

fn no_repository() -> Error {
    Error::config(crate::tr!("audit-no-repository"))
        .with_hint(crate::tr!("audit-no-repository-hint"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{Actor, Completion, Request};

    fn actor() -> Actor {
        Actor {
            practitioner: Some("899700000017".into()),
            auth_mode: "direct".into(),
            structure_id: Some("10B0000001".into()),
            card_serial: Some("8025000001".into()),
            structure_certificate: None,
            practitioner_name: Some("Dr Test".into()),
        }
    }

    fn request(patient: &str) -> Request {
        Request {
            time: OffsetDateTime::now_utc(),
            patient: Some(patient.into()),
            transaction: "TD3.1".into(),
            detail: Some("FindDocuments".into()),
            mode: "normal".into(),
            reason: None,
            consent: None,
            message_id: Some("urn:uuid:1".into()),
            patient_authority: Some("1.2.250.1.213.1.4.10".into()),
            endpoint: Some("https://dmp.test/DocumentRegistry_Service".into()),
        }
    }

    /// The pid of a process that has exited and been reaped.
    fn dead_pid() -> u32 {
        let mut c = std::process::Command::new("true").spawn().unwrap();
        let pid = c.id();
        c.wait().unwrap();
        pid
    }

    #[test]
    fn an_intent_in_flight_holds_the_queue_until_its_process_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.sqlite3");
        let j = Journal::open(&path).unwrap();
        let first = j.begin(&actor(), &request("280057505600117")).unwrap();
        let mut c = Completion::new(JournalOutcome::Done);
        c.documents = vec!["1.2.3".into()];
        j.complete(first, &c).unwrap();
        // An intent of this (running) process, then a complete record after it.
        let in_flight = j.begin(&actor(), &request("175016912300248")).unwrap();
        let mut refused = Completion::new(JournalOutcome::RefusedByClient);
        refused.rule = Some("PDT-INF-526".into());
        j.record(&actor(), &request("168113306300423"), &refused)
            .unwrap();

        let q = JournalQueue::new(&j);
        let p = q.pending(10).unwrap();
        assert_eq!(p.len(), 1, "the queue stops at the intent in flight");
        let e = &p[0].1;
        assert_eq!(e.outcome, AtnaOutcome::Done);
        assert_eq!(e.user_id, "899700000017");
        assert_eq!(e.user_name.as_deref(), Some("Dr Test"));
        assert_eq!(
            e.patient.as_ref().unwrap().cx(),
            "280057505600117^^^&1.2.250.1.213.1.4.10&ISO"
        );
        assert_eq!(e.transaction.code, "TD3.1");
        assert_eq!(e.documents, ["1.2.3"]);
        assert_eq!(e.process_id, Some(std::process::id()));
        assert_eq!(e.chain_hash.as_ref().map(String::len), Some(64));
        q.mark_forwarded(p[0].0).unwrap();
        assert!(q.pending(10).unwrap().is_empty());

        // Its process gone (as after a kill): it goes as "outcome unknown", then what follows.
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute(
            "UPDATE entry_context SET pid = ?1 WHERE seq = ?2",
            rusqlite::params![dead_pid(), in_flight.number()],
        )
        .unwrap();
        let p = JournalQueue::new(&j).pending(10).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].0, in_flight.number() as u64);
        assert_eq!(p[0].1.outcome, AtnaOutcome::Unknown);
        assert_eq!(
            p[1].1.outcome,
            AtnaOutcome::RefusedByClient {
                rule: "PDT-INF-526".into()
            }
        );
        // The intent was never completed: the chain is whole all the same.
        assert!(j.verify().unwrap().broken.is_none());
    }
}
