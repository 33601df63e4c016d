//! Document use cases: list a patient's documents (TD3.1 FindDocuments, or the "new since my
//! last visit" sequence), and open one (TD3.1 by uniqueId for its metadata, then TD3.2, hash
//! and size checked against the metadata). Both pass the patient gate first.
//!
//! A list is complete or says it is not: every RegistryError of every answer becomes a
//! [`Warning`], and a `PartialSuccess` makes the list incomplete (`complete: false`).
//!
//! What a document replaces: FindDocuments returns DocumentEntries only, never associations
//! (ITI-18 §3.18.4.1.2.3.7.1), so a listing asks GetAssociations for the entries it got (by 20)
//! to find their RPLC associations, then GetDocuments (by entryUUID, by 20) for the other ends
//! it does not hold, to show their uniqueIds. Two small extra queries per 20 documents at most.
//!
//! The last-visit marker ([`LastVisits`]) moves only after a complete listing that shows every
//! current document: a plain `docs list` (no filter; `--status approved` alone is no filter) or
//! `--new-since-last-visit`, with every query answered in full. A filtered or partial listing,
//! a failed query, or `docs get` leaves it where it was.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;

use super::access::{DmpAccess, Tx};
use super::patient::check_access;
use super::Warning;
use crate::dmp::hl7v3::hl7_ts;
use crate::dmp::xds::association;
use crate::dmp::xds::metadata::{self, Association, QueryResult};
use crate::dmp::xds::query::{self, FindDocuments, StoredQuery, MAX_UUIDS_PER_QUERY};
use crate::dmp::xds::retrieve::{self, DocumentRequest};
use crate::error::{Error, Result};
use crate::journal::last_visits::LastVisits;
use crate::model::codes::{self, AvailabilityStatus, CodeLabel, Coded};
use crate::model::document::DocumentEntry;
use crate::model::ins::Ins;
use crate::model::timestamp::{from_hl7, Timestamp};

/// Filters of `dmp docs list`.
#[derive(Debug, Clone, Default)]
pub struct ListFilters {
    /// Availability statuses (default: Approved).
    pub statuses: Vec<AvailabilityStatus>,
    /// Type codes (LOINC), e.g. 11488-4.
    pub type_codes: Vec<String>,
    /// Class codes, e.g. 10.
    pub class_codes: Vec<String>,
    /// Service start from / to (YYYYMMDD or YYYYMMDDhhmmss).
    pub service_from: Option<String>,
    pub service_to: Option<String>,
    /// Author's national id.
    pub author: Option<String>,
    /// Only what was added since my last complete listing of this patient's DMP (from the
    /// last-visit marker).
    pub new_since_last_visit: bool,
}

impl ListFilters {
    /// Every current (Approved) document, nothing filtered out: such a listing, answered in
    /// full, is a visit.
    pub fn is_unfiltered(&self) -> bool {
        self.statuses
            .iter()
            .all(|s| *s == AvailabilityStatus::Approved)
            && self.type_codes.is_empty()
            && self.class_codes.is_empty()
            && self.service_from.is_none()
            && self.service_to.is_none()
            && self.author.is_none()
    }
}

/// Another version of a document, named by its entryUUID and, when the DMP told us, its
/// uniqueId.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    pub entry_uuid: String,
    pub unique_id: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DocumentRow {
    pub unique_id: String,
    pub entry_uuid: String,
    pub title: Option<String>,
    #[serde(rename = "type")]
    pub type_: Option<CodeLabel>,
    pub class: Option<CodeLabel>,
    pub format: Option<CodeLabel>,
    pub practice_setting: Option<CodeLabel>,
    pub facility_type: Option<CodeLabel>,
    pub creation_time: Option<Timestamp>,
    pub service_start: Option<Timestamp>,
    pub service_stop: Option<Timestamp>,
    pub submission_time: Option<Timestamp>,
    pub author: Option<String>,
    pub author_id: Option<String>,
    pub author_specialty: Option<CodeLabel>,
    pub status: Option<CodeLabel>,
    pub mime_type: Option<String>,
    pub size: Option<u64>,
    /// Masked to professionals (MASQUE_PS).
    pub masked: bool,
    /// Invisible to the patient.
    pub invisible_to_patient: bool,
    /// Invisible to the patient's legal representatives.
    pub invisible_to_legal_representatives: bool,
    /// The version this one replaces (RPLC).
    pub replaces: Option<DocumentRef>,
    /// The version that replaces this one (RPLC).
    pub replaced_by: Option<DocumentRef>,
}

/// A coded value of an XDS `CE` slot value (`code^label^system`), e.g. authorSpecialty.
fn ce(value: &str) -> CodeLabel {
    let mut parts = value.split('^');
    let code = parts.next().unwrap_or("").trim();
    let label = parts.next().map(str::trim).filter(|s| !s.is_empty());
    let system = parts.next().map(str::trim).filter(|s| !s.is_empty());
    CodeLabel {
        code: code.to_string(),
        label: label.map(str::to_string),
        system: system.map(str::to_string),
    }
}

fn status_of(d: &DocumentEntry) -> Option<CodeLabel> {
    match d.availability() {
        Some(s) => Some(s.code_label()),
        None if d.status.is_empty() => None,
        None => Some(CodeLabel::new(&d.status, None)),
    }
}

impl DocumentRow {
    /// The row of `d`; `unique_ids` names the other versions (entryUUID → uniqueId).
    fn new(d: &DocumentEntry, unique_ids: &HashMap<String, String>) -> DocumentRow {
        let reference = |uuid: &Option<String>| {
            uuid.as_ref().map(|u| DocumentRef {
                entry_uuid: u.clone(),
                unique_id: unique_ids.get(u).cloned(),
            })
        };
        let coded = |c: &Option<Coded>| c.as_ref().map(CodeLabel::from_coded);
        DocumentRow {
            unique_id: d.unique_id.clone(),
            entry_uuid: d.entry_uuid.clone(),
            title: d.title.clone(),
            type_: coded(&d.type_code),
            class: coded(&d.class_code),
            format: coded(&d.format_code),
            practice_setting: coded(&d.practice_setting_code),
            facility_type: coded(&d.healthcare_facility_type_code),
            creation_time: from_hl7(d.creation_time.as_deref()),
            service_start: from_hl7(d.service_start_time.as_deref()),
            service_stop: from_hl7(d.service_stop_time.as_deref()),
            submission_time: from_hl7(d.submission_time.as_deref()),
            author: d.author().map(|a| a.display_name()),
            author_id: d.author().and_then(|a| a.id.clone()),
            author_specialty: d
                .author()
                .and_then(|a| a.specialties.first())
                .map(|s| ce(s)),
            status: status_of(d),
            mime_type: d.mime_type.clone(),
            size: d.size,
            masked: d.masked_to_professionals(),
            invisible_to_patient: d.invisible_to_patient(),
            invisible_to_legal_representatives: d.invisible_to_legal_representatives(),
            replaces: reference(&d.replaces),
            replaced_by: reference(&d.replaced_by),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DocumentList {
    pub ins: String,
    pub access_mode: String,
    pub reason: Option<String>,
    /// For `--new-since-last-visit`: the last-visit marker the search started from (none:
    /// no earlier complete listing, everything is new).
    pub since: Option<Timestamp>,
    /// Every answer of the DMP was complete. When false, documents may be missing: the
    /// warnings say which part failed, and dmp exits with the "partial" code.
    pub complete: bool,
    /// Every RegistryError of every answer, and dmp's own notes.
    pub warnings: Vec<Warning>,
    /// This listing moved the last-visit marker of this patient, to this time (none: it did
    /// not, being filtered, partial, or the marker could not be written).
    pub visit_recorded: Option<Timestamp>,
    pub documents: Vec<DocumentRow>,
}

/// What the answers of a run said beyond their objects.
#[derive(Debug)]
struct Completeness {
    complete: bool,
    warnings: Vec<Warning>,
}

impl Completeness {
    fn new() -> Completeness {
        Completeness {
            complete: true,
            warnings: Vec::new(),
        }
    }

    fn absorb(&mut self, r: &QueryResult, query: &str) {
        if r.is_partial() {
            self.complete = false;
        }
        self.warnings
            .extend(r.errors.iter().map(|e| Warning::from_registry(e, query)));
    }
}

/// One answered query, and the DMP's time when it was asked.
struct Answer {
    result: QueryResult,
    asked_at: OffsetDateTime,
}

/// The DMP's clock when the request was sent. The HTTP `Date` of the answer gives the DMP's
/// clock; `sent + (date − received)` never exceeds the DMP's time at sending (the Date is
/// truncated to the second and was stamped before we received it), so a marker set from it
/// cannot skip a document the DMP registered while our query ran. Without a Date, our clock.
/// Truncated (down) to the second, the precision of the XDS times it is compared with.
fn dmp_time_at(
    sent: OffsetDateTime,
    received: OffsetDateTime,
    dmp_date: Option<OffsetDateTime>,
) -> OffsetDateTime {
    let t = match dmp_date {
        Some(d) => sent + (d - received),
        None => sent,
    };
    t.replace_nanosecond(0).unwrap_or(t)
}

/// Runs the query `make` builds for each batch of at most [`MAX_UUIDS_PER_QUERY`] of `uuids`
/// (the DMP's limit per stored query), each answer counted for completeness; returns each batch
/// with its answer.
fn run_batched(
    access: &DmpAccess,
    ins: &Ins,
    uuids: &[String],
    what: &str,
    c: &mut Completeness,
    make: impl Fn(Vec<String>) -> StoredQuery,
) -> Result<Vec<(Vec<String>, QueryResult)>> {
    let mut answers = Vec::new();
    for chunk in uuids.chunks(MAX_UUIDS_PER_QUERY) {
        let a = run_query(access, ins, make(chunk.to_vec()), what)?;
        c.absorb(&a.result, what);
        answers.push((chunk.to_vec(), a.result));
    }
    Ok(answers)
}

fn run_query(access: &DmpAccess, ins: &Ins, q: StoredQuery, what: &str) -> Result<Answer> {
    let sent = Cell::new(OffsetDateTime::now_utc());
    let (result, asked_at) = access.transact(
        Tx::Td31,
        Some(ins),
        access.mode().mode,
        Some(what.to_string()),
        None,
        |vihf| {
            let req = query::build_query_request(vihf, &q);
            sent.set(OffsetDateTime::now_utc());
            req
        },
        |reply| {
            let received = OffsetDateTime::now_utc();
            let r = metadata::parse_query_response(&reply.body)?;
            Ok((r, dmp_time_at(sent.get(), received, reply.date)))
        },
        |(r, _): &(QueryResult, OffsetDateTime)| {
            let mut outcome = format!("{} documents", r.documents.len());
            if r.is_partial() {
                outcome.push_str(" (PartialSuccess)");
            }
            if !r.errors.is_empty() {
                let codes: Vec<&str> = r.errors.iter().map(|e| e.code.as_str()).collect();
                outcome.push_str(&format!(", registry errors: {}", codes.join(" ")));
            }
            (
                Some(outcome),
                r.documents.iter().map(|d| d.unique_id.clone()).collect(),
            )
        },
    )?;
    Ok(Answer { result, asked_at })
}

/// Documents found, with what is known of the other versions.
struct Found {
    documents: Vec<DocumentEntry>,
    /// Associations already fetched with the documents (none: ask for them).
    associations: Option<Vec<Association>>,
    /// entryUUID → uniqueId of every DocumentEntry seen.
    unique_ids: HashMap<String, String>,
    /// The DMP's time when the first query of the listing was asked.
    asked_at: OffsetDateTime,
}

/// `dmp docs list`.
pub fn list(access: &DmpAccess, ins: &Ins, f: &ListFilters) -> Result<DocumentList> {
    let visits = LastVisits::open_default()?;
    let since = if f.new_since_last_visit {
        visits.get(access.practitioner_id(), ins.number())?
    } else {
        None
    };
    check_access(access, ins)?;
    let mut c = Completeness::new();
    let mut found = if f.new_since_last_visit {
        new_since(access, ins, since, &mut c)?
    } else {
        find(access, ins, f, &mut c)?
    };
    link_versions(access, ins, &mut found, &mut c)?;
    let visit_recorded = if c.complete && (f.new_since_last_visit || f.is_unfiltered()) {
        match visits.record(access.practitioner_id(), ins.number(), found.asked_at) {
            Ok(t) => Some(Timestamp::from_utc(t)),
            Err(e) => {
                c.warnings.push(Warning::note(
                    "visit_not_recorded",
                    crate::tr!("docs-visit-not-recorded", error = e.message()),
                ));
                None
            }
        }
    } else {
        None
    };
    Ok(DocumentList {
        ins: ins.number().to_string(),
        access_mode: access.mode().mode.code().to_string(),
        reason: access.mode().reason.clone(),
        since: since.map(Timestamp::from_utc),
        complete: c.complete,
        warnings: c.warnings,
        visit_recorded,
        documents: found
            .documents
            .iter()
            .map(|d| DocumentRow::new(d, &found.unique_ids))
            .collect(),
    })
}

fn unique_ids_of(docs: &[DocumentEntry]) -> HashMap<String, String> {
    docs.iter()
        .filter(|d| !d.unique_id.is_empty())
        .map(|d| (d.entry_uuid.clone(), d.unique_id.clone()))
        .collect()
}

/// FindDocuments with the filters.
fn find(access: &DmpAccess, ins: &Ins, f: &ListFilters, c: &mut Completeness) -> Result<Found> {
    let mut q = FindDocuments::new(ins.clone());
    q.statuses = if f.statuses.is_empty() {
        vec![AvailabilityStatus::Approved]
    } else {
        f.statuses.clone()
    };
    q.type_codes = f
        .type_codes
        .iter()
        .map(|c| Coded::new(c, codes::oid::LOINC, None))
        .collect();
    q.class_codes = f
        .class_codes
        .iter()
        .map(|c| Coded::new(c, codes::oid::CLASS_CODE, None))
        .collect();
    q.service_start_from = f.service_from.clone();
    q.service_start_to = f.service_to.clone();
    q.author_persons = f.author.iter().map(|a| format!("{a}%")).collect();
    let a = run_query(access, ins, StoredQuery::FindDocuments(q), "FindDocuments")?;
    c.absorb(&a.result, "FindDocuments");
    Ok(Found {
        unique_ids: unique_ids_of(&a.result.documents),
        documents: a.result.documents,
        associations: None,
        asked_at: a.asked_at,
    })
}

/// Fills `replaces` / `replaced_by` of the found documents from their RPLC associations
/// (asked for when the listing did not bring them), and learns the uniqueIds of the other
/// ends.
fn link_versions(
    access: &DmpAccess,
    ins: &Ins,
    found: &mut Found,
    c: &mut Completeness,
) -> Result<()> {
    if found.documents.is_empty() {
        return Ok(());
    }
    let assocs = match found.associations.take() {
        Some(a) => a,
        None => {
            let uuids: Vec<String> = found
                .documents
                .iter()
                .map(|d| d.entry_uuid.clone())
                .collect();
            run_batched(access, ins, &uuids, "GetAssociations", c, |uuids| {
                StoredQuery::GetAssociations { uuids }
            })?
            .into_iter()
            .flat_map(|(_, r)| r.associations)
            .collect()
        }
    };
    let rplc: Vec<Association> = assocs
        .into_iter()
        .filter(|a| a.association_type == association::RPLC)
        .collect();
    metadata::link_replacements(&mut found.documents, &rplc);
    let mut missing: Vec<String> = found
        .documents
        .iter()
        .flat_map(|d| [d.replaces.clone(), d.replaced_by.clone()])
        .flatten()
        .filter(|u| !found.unique_ids.contains_key(u))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    missing.sort();
    for (_, r) in run_batched(access, ins, &missing, "GetDocuments", c, |uuids| {
        StoredQuery::GetDocumentsByUuid { uuids }
    })? {
        found.unique_ids.extend(unique_ids_of(&r.documents));
    }
    Ok(())
}

/// The "new since last visit" sequence: the submission sets since then, their members, the
/// documents and their associations in batches of 20; Deprecated entries dropped, replacement
/// chains followed to the current version.
fn new_since(
    access: &DmpAccess,
    ins: &Ins,
    since: Option<OffsetDateTime>,
    c: &mut Completeness,
) -> Result<Found> {
    let sets = run_query(
        access,
        ins,
        StoredQuery::FindSubmissionSets {
            patient: ins.clone(),
            statuses: vec![AvailabilityStatus::Approved],
            submission_time_from: since.map(hl7_ts),
            submission_time_to: None,
        },
        "FindSubmissionSets",
    )?;
    c.absorb(&sets.result, "FindSubmissionSets");
    let set_ids: Vec<String> = sets
        .result
        .submission_sets
        .iter()
        .map(|s| s.entry_uuid.clone())
        .collect();
    let mut members = Vec::new();
    for (chunk, r) in run_batched(access, ins, &set_ids, "GetAssociations", c, |uuids| {
        StoredQuery::GetAssociations { uuids }
    })? {
        members.extend(metadata::members_of(&r.associations, &chunk));
    }
    members.sort();
    members.dedup();
    let mut docs = Vec::new();
    let mut assocs = Vec::new();
    for (_, r) in run_batched(
        access,
        ins,
        &members,
        "GetDocumentsAndAssociations",
        c,
        |uuids| StoredQuery::GetDocumentsAndAssociations { uuids },
    )? {
        docs.extend(r.documents);
        assocs.extend(r.associations);
    }
    Ok(Found {
        unique_ids: unique_ids_of(&docs),
        documents: metadata::current_documents(&docs, &assocs),
        associations: Some(assocs),
        asked_at: sets.asked_at,
    })
}

#[derive(Debug, Serialize)]
pub struct GetReport {
    pub ins: String,
    pub access_mode: String,
    pub reason: Option<String>,
    pub unique_id: String,
    pub title: Option<String>,
    pub mime_type: Option<String>,
    /// The document's availability: approved, deprecated (replaced), archived…
    pub status: Option<CodeLabel>,
    /// For a replaced (deprecated) version: the version that replaces it, when found.
    pub replaced_by: Option<DocumentRef>,
    pub size: usize,
    pub sha1: String,
    /// Where the bytes were written (none: standard output).
    pub file: Option<PathBuf>,
    /// Things the practitioner must know about this document, and every RegistryError of the
    /// DMP's answers.
    pub warnings: Vec<Warning>,
}

/// The version that replaces `meta` (a Deprecated entry): GetAssociations for its RPLC
/// association, then GetDocuments for the replacement's uniqueId.
fn replacement_of(
    access: &DmpAccess,
    ins: &Ins,
    meta: &DocumentEntry,
    c: &mut Completeness,
) -> Result<Option<DocumentRef>> {
    let a = run_query(
        access,
        ins,
        StoredQuery::GetAssociations {
            uuids: vec![meta.entry_uuid.clone()],
        },
        "GetAssociations",
    )?;
    c.absorb(&a.result, "GetAssociations");
    let Some(newer) = a
        .result
        .associations
        .iter()
        .find(|x| x.association_type == association::RPLC && x.target == meta.entry_uuid)
        .map(|x| x.source.clone())
    else {
        return Ok(None);
    };
    let d = run_query(
        access,
        ins,
        StoredQuery::GetDocumentsByUuid {
            uuids: vec![newer.clone()],
        },
        "GetDocuments",
    )?;
    c.absorb(&d.result, "GetDocuments");
    let unique_id = d
        .result
        .documents
        .iter()
        .find(|x| x.entry_uuid == newer)
        .map(|x| x.unique_id.clone());
    Ok(Some(DocumentRef {
        entry_uuid: newer,
        unique_id,
    }))
}

/// `dmp docs get`: the gate, the metadata (TD3.1 by uniqueId), the content (TD3.2), checked
/// against the metadata, then written to `out` (atomically, readable by the user alone) or to
/// `stdout`. An existing `out` is replaced only with `force`. Never moves the last-visit
/// marker: opening one document is not a look at the whole record.
pub fn get(
    access: &DmpAccess,
    ins: &Ins,
    unique_id: &str,
    out: Option<&Path>,
    force: bool,
    stdout: &mut dyn Write,
) -> Result<GetReport> {
    if let Some(p) = out {
        check_target(p, force)?;
    }
    check_access(access, ins)?;
    let mut c = Completeness::new();
    let r = run_query(
        access,
        ins,
        StoredQuery::GetDocumentsByUniqueId {
            unique_ids: vec![unique_id.to_string()],
        },
        "GetDocuments",
    )?
    .result;
    c.absorb(&r, "GetDocuments");
    // After a metadata update (TD3.3a/b) the DMP may list older versions under the same
    // uniqueId: the current one is opened.
    let Some(meta) = super::docs_update::current_version(&r.documents, unique_id).cloned() else {
        if r.is_partial() {
            let why: Vec<String> = c.warnings.iter().map(Warning::text).collect();
            return Err(Error::partial(crate::tr!(
                "docs-partial-without-document-why",
                id = unique_id,
                why = why.join("; ")
            ))
            .with_hint(crate::tr!("docs-partial-hint")));
        }
        return Err(
            Error::denied(crate::tr!("docs-no-such-document", id = unique_id))
                .with_hint(crate::tr!("docs-no-such-document-hint")),
        );
    };
    let req = DocumentRequest::for_entry(&meta)?;
    let (result, retrieve_errors) = access.transact(
        Tx::Td32,
        Some(ins),
        access.mode().mode,
        Some(unique_id.to_string()),
        None,
        |vihf| retrieve::build_retrieve_request(vihf, std::slice::from_ref(&req)),
        |reply| {
            let r = retrieve::parse_retrieve_response(
                reply.content_type.as_deref().unwrap_or(""),
                &reply.body,
            )?;
            let Some(doc) = r
                .documents
                .into_iter()
                .find(|d| d.document_unique_id == unique_id)
            else {
                // A partial answer without our document: its RegistryError says why.
                return Err(match r.errors.first() {
                    Some(e) => e.to_error(),
                    None => Error::server(crate::tr!("docs-no-content", id = unique_id)),
                });
            };
            retrieve::verify_document(&doc, &meta)?;
            Ok((doc, r.errors))
        },
        |(d, _)| {
            (
                Some(format!("{} bytes", d.content.len())),
                vec![d.document_unique_id.clone()],
            )
        },
    )?;
    c.warnings.extend(
        retrieve_errors
            .iter()
            .map(|e| Warning::from_registry(e, "RetrieveDocumentSet")),
    );
    let mut replaced_by = None;
    match meta.availability() {
        Some(AvailabilityStatus::Deprecated) => {
            replaced_by = replacement_of(access, ins, &meta, &mut c)?;
            let by = match &replaced_by {
                Some(DocumentRef {
                    unique_id: Some(u), ..
                }) => crate::tr!("docs-deprecated-by", id = u),
                Some(r) => crate::tr!("docs-deprecated-by-entry", entry = &r.entry_uuid),
                None => crate::tr!("docs-deprecated-by-newer"),
            };
            c.warnings.push(Warning::note("document_deprecated", by));
        }
        Some(AvailabilityStatus::Archived) => c.warnings.push(Warning::note(
            "document_archived",
            crate::tr!("docs-archived-note"),
        )),
        Some(AvailabilityStatus::Deleted) => c.warnings.push(Warning::note(
            "document_deleted",
            crate::tr!("docs-deleted-note"),
        )),
        _ => {}
    }
    if meta.invisible_to_patient() {
        c.warnings.push(Warning::note(
            "invisible_to_patient",
            crate::tr!("docs-invisible-to-patient-note"),
        ));
    }
    if meta.invisible_to_legal_representatives() {
        c.warnings.push(Warning::note(
            "invisible_to_legal_representatives",
            crate::tr!("docs-invisible-to-representatives-note"),
        ));
    }
    if meta.masked_to_professionals() {
        c.warnings.push(Warning::note(
            "masked_to_professionals",
            crate::tr!("docs-masked-note"),
        ));
    }
    match out {
        Some(p) => write_atomically(p, &result.content, force)?,
        None => stdout
            .write_all(&result.content)
            .and_then(|_| stdout.flush())
            .map_err(|e| Error::output(&crate::tr!("docs-the-document"), e))?,
    }
    Ok(GetReport {
        ins: ins.number().to_string(),
        access_mode: access.mode().mode.code().to_string(),
        reason: access.mode().reason.clone(),
        unique_id: unique_id.to_string(),
        title: meta.title.clone(),
        mime_type: result.mime_type.clone().or(meta.mime_type.clone()),
        status: status_of(&meta),
        replaced_by,
        size: result.content.len(),
        sha1: retrieve::sha1_hex(&result.content),
        file: out.map(Path::to_path_buf),
        warnings: c.warnings,
    })
}

/// Writes to a new temporary file beside `path`, flushes it to disk, then renames it: the file
/// is either absent or complete, never half-written. The temporary file is created exclusively
/// (O_EXCL, under a random name: nothing already there, a symbolic link included, is opened or
/// followed) with mode 0600, since a medical document is for the user alone; the rename
/// replaces the name `path` itself, so a symbolic link there is replaced, not followed. Without
/// `replace`, a file that appeared at `path` meanwhile is kept and reported.
/// What can be checked of a document's target file before anything is asked of the card or
/// the DMP: its directory exists, and the file does not unless it may be replaced.
pub fn check_target(path: &Path, force: bool) -> Result<()> {
    // symlink_metadata: a symbolic link there counts as existing, dangling or not.
    if std::fs::symlink_metadata(path).is_ok() && !force {
        return Err(Error::input(crate::tr!("docs-file-exists", path = path))
            .with_hint(crate::tr!("docs-file-exists-hint")));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::input(crate::tr!(
            "docs-no-directory",
            path = path,
            directory = dir
        ))
        .with_hint(crate::tr!("docs-no-directory-hint")));
    }
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::input(crate::tr!("docs-not-a-file-name", path = path)))?;
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::input(crate::tr!("docs-file-exists", path = path))
                .with_hint(crate::tr!("docs-file-exists-hint"))
        } else {
            // The error's own text names the temporary file: say what it means for the target.
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => crate::tr!("docs-why-no-directory"),
                std::io::ErrorKind::PermissionDenied => crate::tr!("docs-why-not-writable"),
                _ => std::io::Error::from(e.kind()).to_string(),
            };
            Error::input(crate::tr!("docs-cannot-write", path = path, why = why))
                .with_hint(crate::tr!("docs-cannot-write-hint"))
        }
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    // On any error below the temporary file is removed when dropped.
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if replace {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
    }
    // The new name is durable once the directory is on disk too.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_marker_is_the_dmp_time_at_sending_never_later() {
        let sent = datetime!(2025-07-02 10:00:00.400 UTC);
        let received = datetime!(2025-07-02 10:00:01.300 UTC);
        // Our clock is 5 minutes behind the DMP's; the DMP stamped its Date at 10:05:00.900.
        let dmp_date = Some(datetime!(2025-07-02 10:05:00 UTC));
        let t = dmp_time_at(sent, received, dmp_date);
        assert!(t <= datetime!(2025-07-02 10:05:00.400 UTC), "{t}");
        assert!(t >= datetime!(2025-07-02 10:04:58 UTC), "{t}");
        assert_eq!(
            dmp_time_at(sent, received, None),
            datetime!(2025-07-02 10:00:00 UTC)
        );
    }

    #[test]
    fn only_a_listing_of_every_current_document_is_unfiltered() {
        assert!(ListFilters::default().is_unfiltered());
        let approved = ListFilters {
            statuses: vec![AvailabilityStatus::Approved],
            ..ListFilters::default()
        };
        assert!(approved.is_unfiltered());
        for f in [
            ListFilters {
                statuses: vec![AvailabilityStatus::Archived],
                ..ListFilters::default()
            },
            ListFilters {
                type_codes: vec!["11502-2".into()],
                ..ListFilters::default()
            },
            ListFilters {
                class_codes: vec!["10".into()],
                ..ListFilters::default()
            },
            ListFilters {
                service_from: Some("20250101".into()),
                ..ListFilters::default()
            },
            ListFilters {
                service_to: Some("20250101".into()),
                ..ListFilters::default()
            },
            ListFilters {
                author: Some("899700000017".into()),
                ..ListFilters::default()
            },
        ] {
            assert!(!f.is_unfiltered(), "{f:?}");
        }
    }

    #[test]
    fn author_specialty_is_split_into_code_and_label() {
        let c =
            ce("G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5");
        assert_eq!(c.code, "G15_10/SM26");
        assert_eq!(
            c.label.as_deref(),
            Some("Médecin - Qualifié en Médecine Générale (SM)")
        );
        assert_eq!(c.system.as_deref(), Some("1.2.250.1.213.1.1.4.5"));
        assert_eq!(ce("SM26").label, None);
    }

    #[cfg(unix)]
    #[test]
    fn written_for_the_user_alone_and_complete() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cr.pdf");
        write_atomically(&p, b"%PDF-1.4", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1.4");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
        // Nothing else is left in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cr.pdf");
        std::fs::write(&p, b"old").unwrap();
        let e = write_atomically(&p, b"new", false).unwrap_err();
        assert!(e.message().contains("already exists"), "{}", e.message());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&p, b"new", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_at_the_target_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let p = dir.path().join("cr.pdf");
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        write_atomically(&p, b"document", true).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&p)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&p).unwrap(), b"document");
    }
}
