//! A run's side of the audit journal: who acts (set once the credential is read), and how a
//! transaction, a refusal or a failure becomes a record. [`super::access`] writes the intent
//! of each request before it is sent and its outcome after; the rules' refusals and the
//! failures before the first request are recorded through [`RunJournal::refused`] and
//! [`RunJournal::failed`].

use time::OffsetDateTime;

use super::access::ModeChoice;
use super::consent::{Action, Refusal};
use crate::dmp::catalogue::Tx;
use crate::error::{Error, ErrorKind, Result};
use crate::journal::{Actor, Completion, Journal, Outcome, Pending, Request};
use crate::model::codes::AccessMode;
use crate::model::ins::Ins;

/// The transaction an action of the rights matrix stands for.
pub fn action_tx(a: Action) -> Tx {
    match a {
        Action::Status => Tx::Td02,
        Action::Authorize
        | Action::AuthorizeAttending
        | Action::RemoveAuthorization
        | Action::RemoveAttending => Tx::Td03,
        Action::AuthorizedList => Tx::Td04,
        Action::Professionals => Tx::Td16,
        Action::SearchMetadata | Action::FindReference => Tx::Td31,
        Action::Retrieve => Tx::Td32,
        Action::Push => Tx::Td21,
        Action::MaskDocument | Action::UnmaskDocument => Tx::Td33a,
        Action::ShowToPatient => Tx::Td33b,
        Action::DeleteDocument => Tx::Td33c,
        Action::ArchiveDocument => Tx::Td33d,
    }
}

/// How an error ends a record: a refusal by the DMP's access rules when the DMP said so with
/// its code, else a failure (with the DMP's code when it gave one).
pub fn completion_of(e: &Error) -> Completion {
    let mut c = Completion::new(match (e.kind(), e.dmp_code()) {
        (ErrorKind::Denied, Some(_)) => Outcome::RefusedByDmp,
        _ => Outcome::Failed,
    });
    c.dmp_code = e.dmp_code().map(str::to_string);
    c.message = Some(e.message().to_string());
    c
}

/// The journal of one run and who writes in it.
#[derive(Debug)]
pub struct RunJournal {
    journal: Journal,
    actor: Actor,
    mode: ModeChoice,
}

impl RunJournal {
    pub fn new(journal: Journal, mode: ModeChoice) -> RunJournal {
        RunJournal {
            journal,
            actor: Actor::default(),
            mode,
        }
    }

    /// Who acts, once the credential says it.
    pub fn set_actor(&mut self, actor: Actor) {
        self.actor = actor;
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// A request for `tx` (the reason only in emergency mode, where it was given).
    pub fn request(
        &self,
        tx: Tx,
        patient: Option<&Ins>,
        mode: AccessMode,
        detail: Option<String>,
        consent: Option<String>,
    ) -> Request {
        Request {
            time: OffsetDateTime::now_utc(),
            patient: patient.map(|i| i.number().to_string()),
            transaction: tx.code().to_string(),
            detail,
            mode: mode.code().to_string(),
            reason: if mode == AccessMode::BrisDeGlace {
                self.mode.reason.clone()
            } else {
                None
            },
            consent,
            message_id: None,
            patient_authority: patient.map(|i| i.oid().to_string()),
            endpoint: None,
        }
    }

    /// The request of `action` refused by a rule: what the journal records of it.
    pub fn action_request(
        &self,
        action: Action,
        patient: Option<&Ins>,
        mode: AccessMode,
    ) -> Request {
        self.request(
            action_tx(action),
            patient,
            mode,
            Some(action.row().to_string()),
            None,
        )
    }

    /// Writes the intent: an error means the request must not be sent.
    pub fn begin(&self, request: &Request) -> Result<Pending> {
        self.journal.begin(&self.actor, request)
    }

    pub fn complete(&self, pending: Pending, completion: &Completion) -> Result<()> {
        self.journal.complete(pending, completion)
    }

    /// Records a refusal by a client rule and returns the error to show (the journal's own
    /// error if it cannot be written: nothing is sent either way, and that must be fixed
    /// first).
    pub fn refused(&self, mut request: Request, r: Refusal) -> Error {
        request.time = OffsetDateTime::now_utc();
        let mut c = Completion::new(Outcome::RefusedByClient);
        c.rule = Some(r.rule.clone());
        c.message = Some(r.message.clone());
        match self.journal.record(&self.actor, &request, &c) {
            Ok(_) => r.into(),
            Err(e) => e,
        }
    }

    /// Records a failure before `request` could be sent (the PIN, the session, building the
    /// request) and returns the error.
    pub fn failed(&self, mut request: Request, e: Error) -> Error {
        request.time = OffsetDateTime::now_utc();
        match self
            .journal
            .record(&self.actor, &request, &completion_of(&e))
        {
            Ok(_) => e,
            Err(je) => je,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dmp_refusal_needs_the_dmp_code() {
        let e = crate::dmp::faults::error_for(
            "DMPAccessDeniedByRightsService",
            "Accès refusé",
            "the DMP refused the request".into(),
        );
        let c = completion_of(&e);
        assert_eq!(c.result, Outcome::RefusedByDmp);
        assert_eq!(
            c.dmp_code.as_deref(),
            Some("DMPAccessDeniedByRightsService")
        );
        // An error code that is not a refusal is a failure that keeps the code.
        let e = crate::dmp::faults::error_for(
            "XDSRegistryError",
            "erreur",
            "the DMP registry answered an error".into(),
        );
        let c = completion_of(&e);
        assert_eq!(c.result, Outcome::Failed);
        assert_eq!(c.dmp_code.as_deref(), Some("XDSRegistryError"));
        // A refusal of ours carries no DMP code: it is not the DMP's.
        let c = completion_of(&Error::denied(
            "no document 1.2.3 in this DMP that you may see",
        ));
        assert_eq!((c.result, c.dmp_code), (Outcome::Failed, None));
        let c = completion_of(&Error::network("cannot reach host"));
        assert_eq!(c.result, Outcome::Failed);
    }

    #[test]
    fn every_action_names_a_catalogued_transaction() {
        use Action::*;
        for (a, code) in [
            (Status, "TD0.2"),
            (Authorize, "TD0.3"),
            (AuthorizeAttending, "TD0.3"),
            (RemoveAuthorization, "TD0.3"),
            (RemoveAttending, "TD0.3"),
            (AuthorizedList, "TD0.4"),
            (Professionals, "TD1.6"),
            (SearchMetadata, "TD3.1"),
            (FindReference, "TD3.1"),
            (Retrieve, "TD3.2"),
        ] {
            assert_eq!(action_tx(a).code(), code, "{a:?}");
        }
    }
}
