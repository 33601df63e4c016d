//! Changing a document already in the DMP (TD3.3): mask or unmask it to professionals, make it
//! visible to the patient, archive or unarchive it, delete it.
//!
//! The patient gate first (TD0.2 and the rules, as for `docs list`), then the entry looked up
//! by its uniqueId (TD3.1 GetDocuments) for its entryUUID, logicalId, version, status,
//! confidentiality and author; then the rights the client can know (the matrix column, and the
//! notes on own documents, the structure's documents and the patient's documents:
//! [`consent::check_document`]) and the document's state; then the ITI-57 update through
//! [`DmpAccess::transact`], journaled. A change that is already in place (masking a masked
//! document) sends nothing and says so.
//!
//! Where the reference is silent:
//! - A document "posted by the patient" is one of class `90` ("Autres documents déposés par
//!   le patient") or whose author's role is `PATIENT`.
//! - A document's structure is the last component (the id) of its authorInstitution XON.
//! - Visibility changes apply to the current version (Approved) only: an archived document is
//!   unarchived first.
//! - When the DMP lists several versions under one uniqueId (its metadata was updated), the
//!   current one is the one not Deprecated with the highest version.

use serde::Serialize;

use super::access::{DmpAccess, Tx};
use super::consent::{self, Action, DocumentFacts, Refusal};
use super::patient::check_access;
use super::Warning;
use crate::dmp::xds::metadata::{self, QueryResult};
use crate::dmp::xds::query::{self, StoredQuery};
use crate::dmp::xds::update::{self, Update, UpdateSubmission};
use crate::dmp::xml::Element;
use crate::error::{Error, Result};
use crate::model::codes::{AvailabilityStatus, Coded, Visibility};
use crate::model::document::DocumentEntry;
use crate::model::ins::Ins;

/// What the user asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Operation {
    Mask,
    Unmask,
    ShowToPatient,
    Archive,
    Unarchive,
    Delete,
}

impl Operation {
    /// The matrix row.
    pub fn action(self) -> Action {
        match self {
            Operation::Mask => Action::MaskDocument,
            Operation::Unmask => Action::UnmaskDocument,
            Operation::ShowToPatient => Action::ShowToPatient,
            Operation::Archive | Operation::Unarchive => Action::ArchiveDocument,
            Operation::Delete => Action::DeleteDocument,
        }
    }

    pub fn tx(self) -> Tx {
        match self {
            Operation::Mask | Operation::Unmask => Tx::Td33a,
            Operation::ShowToPatient => Tx::Td33b,
            Operation::Delete => Tx::Td33c,
            Operation::Archive | Operation::Unarchive => Tx::Td33d,
        }
    }

    /// The command's name ("show-to-patient").
    pub fn name(self) -> &'static str {
        match self {
            Operation::Mask => "mask",
            Operation::Unmask => "unmask",
            Operation::ShowToPatient => "show-to-patient",
            Operation::Archive => "archive",
            Operation::Unarchive => "unarchive",
            Operation::Delete => "delete",
        }
    }

    /// The submission set's title, in the DMP's language.
    fn title(self) -> &'static str {
        match self {
            Operation::Mask => "Masquage du document aux professionnels",
            Operation::Unmask => "Démasquage du document aux professionnels",
            Operation::ShowToPatient => "Document rendu visible au patient",
            Operation::Archive => "Archivage du document",
            Operation::Unarchive => "Désarchivage du document",
            Operation::Delete => "Suppression du document",
        }
    }
}

/// The outcome of `dmp docs mask|unmask|show-to-patient|archive|unarchive|delete`.
#[derive(Debug, Serialize)]
pub struct UpdateReport {
    pub ins: String,
    pub access_mode: String,
    pub reason: Option<String>,
    pub operation: Operation,
    /// "TD3.3a"…
    pub transaction: String,
    pub unique_id: String,
    pub title: Option<String>,
    /// The entry changed (entryUUID before the change).
    pub entry_uuid: String,
    pub logical_id: Option<String>,
    /// False when the document was already in the state asked for: nothing was sent.
    pub changed: bool,
    pub status_before: String,
    pub status_after: String,
    pub masked: bool,
    pub invisible_to_patient: bool,
    pub invisible_to_legal_representatives: bool,
    /// The submission set sent (none when nothing was sent).
    pub submission_set: Option<String>,
    pub warnings: Vec<Warning>,
}

/// The current version among the entries the DMP returned for one uniqueId.
pub fn current_version<'a>(
    docs: &'a [DocumentEntry],
    unique_id: &str,
) -> Option<&'a DocumentEntry> {
    let version = |d: &DocumentEntry| {
        d.version
            .as_deref()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(1)
    };
    let mine = docs.iter().filter(|d| d.unique_id == unique_id);
    mine.clone()
        .filter(|d| d.availability() != Some(AvailabilityStatus::Deprecated))
        .max_by_key(|d| version(d))
        .or_else(|| mine.max_by_key(|d| version(d)))
}

/// What the rules need to know of the document, from its metadata and the user.
pub fn document_facts(
    d: &DocumentEntry,
    practitioner_id: &str,
    structure_id: &str,
) -> DocumentFacts {
    let own = d
        .authors
        .iter()
        .any(|a| a.id.as_deref() == Some(practitioner_id));
    let structure_own = d.authors.iter().any(|a| {
        a.institutions
            .iter()
            .any(|x| x.rsplit('^').next().map(str::trim) == Some(structure_id))
    });
    let posted_by_patient = d.class_code.as_ref().is_some_and(|c| c.code == "90")
        || d.authors.iter().any(|a| {
            a.roles.iter().any(|r| {
                r.split('^')
                    .next()
                    .unwrap_or("")
                    .eq_ignore_ascii_case("PATIENT")
            })
        });
    DocumentFacts {
        own,
        structure_own,
        posted_by_patient,
    }
}

/// The change asked for, on this entry: `None` when it is already in place.
enum Plan {
    Status(AvailabilityStatus, AvailabilityStatus),
    Confidentiality(Vec<Coded>),
}

fn plan(op: Operation, d: &DocumentEntry) -> std::result::Result<Option<Plan>, Error> {
    use AvailabilityStatus::*;
    let status = d.availability();
    let gone =
        |message: String| Error::input(message).with_hint(crate::tr!("docs-unchangeable-hint"));
    match status {
        Some(Deleted) => {
            return if op == Operation::Delete {
                Ok(None)
            } else {
                Err(gone(crate::tr!(
                    "docs-unchangeable-deleted",
                    id = &d.unique_id
                )))
            }
        }
        Some(Deprecated) => {
            return Err(gone(crate::tr!(
                "docs-unchangeable-deprecated",
                id = &d.unique_id
            )))
        }
        Some(Approved) | Some(Archived) => {}
        _ => {
            return Err(gone(crate::tr!(
                "docs-unchangeable-status",
                id = &d.unique_id,
                status = &d.status
            )))
        }
    }
    let status = status.unwrap_or(Approved);
    let visibility = |add: &[Visibility], remove: &[Visibility]| {
        if status == Archived {
            return Err(
                Error::input(crate::tr!("docs-archived-visibility", id = &d.unique_id))
                    .with_hint(crate::tr!("docs-archived-visibility-hint")),
            );
        }
        let new = update::new_confidentiality(&d.confidentiality, add, remove);
        let same = |a: &[Coded], b: &[Coded]| {
            let key = |c: &[Coded]| {
                let mut v: Vec<(String, String)> = c
                    .iter()
                    .map(|x| (x.code.clone(), x.code_system.clone()))
                    .collect();
                v.sort();
                v
            };
            key(a) == key(b)
        };
        Ok(if same(&new, &d.confidentiality) {
            None
        } else {
            Some(Plan::Confidentiality(new))
        })
    };
    match op {
        Operation::Mask => visibility(&[Visibility::MasquePs], &[]),
        Operation::Unmask => visibility(&[], &[Visibility::MasquePs]),
        Operation::ShowToPatient => visibility(
            &[],
            &[
                Visibility::InvisiblePatient,
                Visibility::InvisibleRepresentantsLegaux,
            ],
        ),
        Operation::Archive => Ok((status == Approved).then_some(Plan::Status(Approved, Archived))),
        Operation::Unarchive => {
            Ok((status == Archived).then_some(Plan::Status(Archived, Approved)))
        }
        Operation::Delete => Ok(Some(Plan::Status(status, Deleted))),
    }
}

/// C9: a document cannot be both masked to professionals and invisible to the patient.
fn cumulation_refusal() -> Refusal {
    Refusal {
        rule: "C9: MASQUE_PS with INVISIBLE_PATIENT".into(),
        message: crate::tr!("docs-masked-and-invisible"),
        hint: crate::tr!("docs-masked-and-invisible-hint"),
    }
}

/// A submission set uniqueId under the software's OID: `<lps_oid>.3.<seconds><random>`.
fn submission_set_id(lps_oid: &str) -> String {
    let now = time::OffsetDateTime::now_utc();
    let r = uuid::Uuid::new_v4().as_u128() % 1_000_000;
    format!("{lps_oid}.3.{}{r:06}", now.unix_timestamp())
}

/// The lookup: the entry and the registry's copy of it.
fn lookup(
    access: &DmpAccess,
    ins: &Ins,
    unique_id: &str,
    warnings: &mut Vec<Warning>,
) -> Result<(DocumentEntry, Element)> {
    let q = StoredQuery::GetDocumentsByUniqueId {
        unique_ids: vec![unique_id.to_string()],
    };
    let (r, bytes): (QueryResult, Vec<u8>) = access.transact(
        Tx::Td31,
        Some(ins),
        access.mode().mode,
        Some("GetDocuments".into()),
        None,
        |vihf| query::build_query_request(vihf, &q),
        |reply| {
            Ok((
                metadata::parse_query_response(&reply.body)?,
                reply.body.clone(),
            ))
        },
        |(r, _)| {
            (
                Some(format!("{} documents", r.documents.len())),
                r.documents.iter().map(|d| d.unique_id.clone()).collect(),
            )
        },
    )?;
    warnings.extend(
        r.errors
            .iter()
            .map(|e| Warning::from_registry(e, "GetDocuments")),
    );
    let Some(entry) = current_version(&r.documents, unique_id).cloned() else {
        if r.is_partial() {
            return Err(Error::partial(crate::tr!(
                "docs-partial-without-document",
                id = unique_id
            ))
            .with_hint(crate::tr!("docs-partial-hint")));
        }
        return Err(
            Error::denied(crate::tr!("docs-no-such-document", id = unique_id))
                .with_hint(crate::tr!("docs-no-such-document-archived-hint")),
        );
    };
    let element = update::extrinsic_object(&bytes, &entry.entry_uuid)?
        .ok_or_else(|| Error::internal(crate::tr!("docs-entry-vanished")))?;
    Ok((entry, element))
}

/// `dmp docs mask|unmask|show-to-patient|archive|unarchive|delete`.
pub fn update(
    access: &DmpAccess,
    ins: &Ins,
    unique_id: &str,
    op: Operation,
) -> Result<UpdateReport> {
    let mode = access.mode().mode;
    let s = check_access(access, ins)?;
    let col = consent::check(access.user(), mode, op.action(), &s)
        .map_err(|r| access.refuse(op.action(), Some(ins), mode, r))?;
    let mut warnings = Vec::new();
    let (d, element) = lookup(access, ins, unique_id, &mut warnings)?;
    let facts = document_facts(&d, access.practitioner_id(), access.structure_id());
    if let Err(r) = consent::check_document(op.action(), col, facts) {
        return Err(access.refuse(op.action(), Some(ins), mode, r));
    }
    let planned = plan(op, &d)?;
    if let Some(Plan::Confidentiality(codes)) = &planned {
        let has = |v: Visibility| codes.iter().any(|c| c.code == v.code());
        if has(Visibility::MasquePs) && has(Visibility::InvisiblePatient) {
            return Err(access.refuse(op.action(), Some(ins), mode, cumulation_refusal()));
        }
    }
    let status_before = d
        .availability()
        .map(|s| s.short().to_string())
        .unwrap_or_else(|| d.status.clone());
    let mut report = UpdateReport {
        ins: ins.number().to_string(),
        access_mode: mode.code().to_string(),
        reason: access.mode().reason.clone(),
        operation: op,
        transaction: op.tx().code().to_string(),
        unique_id: unique_id.to_string(),
        title: d.title.clone(),
        entry_uuid: d.entry_uuid.clone(),
        logical_id: d.logical_id.clone(),
        changed: false,
        status_after: status_before.clone(),
        status_before,
        masked: d.masked_to_professionals(),
        invisible_to_patient: d.invisible_to_patient(),
        invisible_to_legal_representatives: d.invisible_to_legal_representatives(),
        submission_set: None,
        warnings,
    };
    let Some(planned) = planned else {
        report.warnings.push(Warning::note(
            "nothing_to_change",
            crate::tr!("docs-nothing-to-change", id = unique_id),
        ));
        return Ok(report);
    };
    let submission = UpdateSubmission {
        patient: ins.clone(),
        unique_id: submission_set_id(access.lps_oid()),
        source_id: access.lps_oid().to_string(),
        submission_time: crate::dmp::hl7v3::hl7_ts(time::OffsetDateTime::now_utc()),
        title: op.title().to_string(),
        author: access.submission_author(),
    };
    let change = match &planned {
        Plan::Status(from, to) => Update::Status {
            entry_uuid: d.entry_uuid.clone(),
            from: *from,
            to: *to,
        },
        Plan::Confidentiality(codes) => Update::Confidentiality {
            current: element,
            codes: codes.clone(),
        },
    };
    let detail = match &planned {
        Plan::Status(from, to) => format!("{unique_id}: {} -> {}", from.short(), to.short()),
        Plan::Confidentiality(codes) => format!(
            "{unique_id}: confidentiality {}",
            codes
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    };
    let result = access.transact(
        op.tx(),
        Some(ins),
        mode,
        Some(detail.clone()),
        None,
        |vihf| update::build_update_request(op.tx(), vihf, &submission, &change),
        |reply| update::parse_update_response(&reply.body),
        |_| (Some(detail.clone()), vec![unique_id.to_string()]),
    )?;
    report.warnings.extend(
        result
            .errors
            .iter()
            .map(|e| Warning::from_registry(e, "UpdateDocumentSet")),
    );
    report.changed = true;
    report.submission_set = Some(submission.unique_id.clone());
    match planned {
        Plan::Status(_, to) => report.status_after = to.short().to_string(),
        Plan::Confidentiality(codes) => {
            let has = |v: Visibility| codes.iter().any(|c| c.code == v.code());
            report.masked = has(Visibility::MasquePs);
            report.invisible_to_patient = has(Visibility::InvisiblePatient);
            report.invisible_to_legal_representatives =
                has(Visibility::InvisibleRepresentantsLegaux);
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::Author;

    fn entry(status: AvailabilityStatus, version: &str, uuid: &str) -> DocumentEntry {
        DocumentEntry {
            entry_uuid: uuid.into(),
            unique_id: "1.2.3".into(),
            version: Some(version.into()),
            status: status.code().into(),
            ..DocumentEntry::default()
        }
    }

    #[test]
    fn the_current_version_is_the_newest_not_deprecated() {
        let docs = [
            entry(AvailabilityStatus::Deprecated, "1", "a"),
            entry(AvailabilityStatus::Approved, "2", "b"),
            entry(AvailabilityStatus::Deprecated, "3", "c"),
        ];
        assert_eq!(current_version(&docs, "1.2.3").unwrap().entry_uuid, "b");
        assert_eq!(
            current_version(&docs[..1], "1.2.3").unwrap().entry_uuid,
            "a"
        );
        assert!(current_version(&docs, "9.9").is_none());
    }

    #[test]
    fn facts_from_the_metadata() {
        let d = DocumentEntry {
            authors: vec![Author {
                id: Some("899700000039".into()),
                institutions: vec!["CLINIQUE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1999000017".into()],
                roles: vec!["60^^^&1.2.250.1.71.1.2.7&ISO".into()],
                ..Author::default()
            }],
            ..DocumentEntry::default()
        };
        let f = document_facts(&d, "899700000039", "1999000017");
        assert!(f.own && f.structure_own && !f.posted_by_patient);
        let f = document_facts(&d, "899700000017", "499700000017001");
        assert!(!f.own && !f.structure_own);
        let mut p = d.clone();
        p.authors[0].roles = vec!["PATIENT^^^&1.2.250.1.71.1.2.7&ISO".into()];
        assert!(document_facts(&p, "x", "y").posted_by_patient);
    }

    #[test]
    fn what_each_operation_changes_and_what_is_already_done() {
        let mut d = entry(AvailabilityStatus::Approved, "1", "a");
        d.confidentiality = vec![crate::model::codes::confidentiality_normal()];
        assert!(matches!(
            plan(Operation::Mask, &d),
            Ok(Some(Plan::Confidentiality(_)))
        ));
        assert!(matches!(plan(Operation::Unmask, &d), Ok(None)));
        assert!(matches!(plan(Operation::ShowToPatient, &d), Ok(None)));
        assert!(matches!(
            plan(Operation::Archive, &d),
            Ok(Some(Plan::Status(
                AvailabilityStatus::Approved,
                AvailabilityStatus::Archived
            )))
        ));
        assert!(matches!(plan(Operation::Unarchive, &d), Ok(None)));
        d.status = AvailabilityStatus::Archived.code().into();
        assert!(plan(Operation::Mask, &d).is_err());
        assert!(matches!(
            plan(Operation::Delete, &d),
            Ok(Some(Plan::Status(
                AvailabilityStatus::Archived,
                AvailabilityStatus::Deleted
            )))
        ));
        d.status = AvailabilityStatus::Deprecated.code().into();
        assert!(plan(Operation::Delete, &d).is_err());
    }
}
