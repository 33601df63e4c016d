//! TD3.1, ITI-18 Registry Stored Query: FindDocuments, FindSubmissionSets, GetAssociations,
//! GetDocumentsAndAssociations, GetDocuments (by uniqueId or entryUUID). Built like
//! `TD3.1-find-documents.request.xml` (`query:AdhocQueryRequest` with the rim namespace as
//! default, `returnComposedObjects="true"`, `returnType="LeafClass"`).
//!
//! Slot values follow ITI-18: strings quoted with `'` (a quote inside is doubled), multiple
//! values as `('a','b')` lists (split over several `Value`s of at most 256 characters), codes as `'code^^scheme'`, times unquoted (`YYYYMMDDhhmmss`).
//!
//! Assumption: queries by entryUUID carry at most [`MAX_UUIDS_PER_QUERY`] ids (the ANS
//! consultation pattern batches GetDocumentsAndAssociations by 20); the caller splits larger
//! sets, and a larger set is refused here.

use crate::dmp::soap::{self, ENVELOPE_NS_DEFAULT};
use crate::dmp::vihf::Vihf;
use crate::dmp::xml::{ns, XmlWriter};
use crate::dmp::SoapRequest;
use crate::error::{Error, Result};
use crate::model::codes::{AvailabilityStatus, Coded};
use crate::model::ins::Ins;

pub const MAX_UUIDS_PER_QUERY: usize = 20;

/// Stored query ids.
pub mod id {
    pub const FIND_DOCUMENTS: &str = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    pub const FIND_SUBMISSION_SETS: &str = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9";
    pub const GET_ASSOCIATIONS: &str = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155";
    pub const GET_DOCUMENTS_AND_ASSOCIATIONS: &str =
        "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a";
    pub const GET_DOCUMENTS: &str = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
}

/// FindDocuments filters. Times are XDS DTM strings (UTC, `YYYYMMDD[hhmmss]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindDocuments {
    pub patient: Ins,
    /// Approved when empty.
    pub statuses: Vec<AvailabilityStatus>,
    pub type_codes: Vec<Coded>,
    pub class_codes: Vec<Coded>,
    pub creation_time_from: Option<String>,
    pub creation_time_to: Option<String>,
    pub service_start_from: Option<String>,
    pub service_start_to: Option<String>,
    pub service_stop_from: Option<String>,
    pub service_stop_to: Option<String>,
    /// authorPerson patterns (XCN, `%` and `_` wildcards allowed by ITI-18).
    pub author_persons: Vec<String>,
}

impl FindDocuments {
    /// Approved documents of this patient, no other filter.
    pub fn new(patient: Ins) -> FindDocuments {
        FindDocuments {
            patient,
            statuses: vec![AvailabilityStatus::Approved],
            type_codes: vec![],
            class_codes: vec![],
            creation_time_from: None,
            creation_time_to: None,
            service_start_from: None,
            service_start_to: None,
            service_stop_from: None,
            service_stop_to: None,
            author_persons: vec![],
        }
    }
}

/// One ITI-18 stored query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoredQuery {
    FindDocuments(FindDocuments),
    FindSubmissionSets {
        patient: Ins,
        statuses: Vec<AvailabilityStatus>,
        submission_time_from: Option<String>,
        submission_time_to: Option<String>,
    },
    /// Associations of these entryUUIDs (at most 20).
    GetAssociations {
        uuids: Vec<String>,
    },
    /// Documents and their associations by entryUUID (at most 20).
    GetDocumentsAndAssociations {
        uuids: Vec<String>,
    },
    /// Documents by uniqueId (TD3.1b: find the entryUUID of a document).
    GetDocumentsByUniqueId {
        unique_ids: Vec<String>,
    },
    /// Documents by entryUUID (at most 20): the other end of an RPLC association.
    GetDocumentsByUuid {
        uuids: Vec<String>,
    },
}

/// `'value'` with inner quotes doubled.
pub fn quote(v: &str) -> String {
    format!("'{}'", v.replace('\'', "''"))
}

/// `('a','b')`.
pub fn quoted_list<S: AsRef<str>>(values: &[S]) -> String {
    let items: Vec<String> = values.iter().map(|v| quote(v.as_ref())).collect();
    format!("({})", items.join(","))
}

fn code_items(codes: &[Coded]) -> Vec<String> {
    codes
        .iter()
        .map(|c| format!("{}^^{}", c.code, c.code_system))
        .collect()
}

fn check_dtm(v: &str) -> Result<()> {
    if v.is_empty() || v.len() > 14 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::input(crate::tr!("xds-not-a-time", value = v)));
    }
    Ok(())
}

/// ebRIM limits a slot `Value` to 256 characters.
pub const MAX_VALUE_LEN: usize = 256;

fn slot(w: &mut XmlWriter, name: &str, value: &str) {
    slot_values(w, name, &[value.to_owned()]);
}

fn slot_values(w: &mut XmlWriter, name: &str, values: &[String]) {
    w.start("Slot", &[("name", name)]);
    w.start("ValueList", &[]);
    for v in values {
        w.leaf("Value", &[], v);
    }
    w.end("ValueList");
    w.end("Slot");
}

/// A multi-valued parameter: `('a','b')` lists, split over several `Value`s so that none
/// exceeds [`MAX_VALUE_LEN`] (ITI-18 ORs the values of all the `Value` elements).
fn list_slot<S: AsRef<str>>(w: &mut XmlWriter, name: &str, items: &[S]) {
    let mut values: Vec<String> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut len = 2;
    for it in items {
        let q = quote(it.as_ref());
        if !cur.is_empty() && len + 1 + q.len() > MAX_VALUE_LEN {
            values.push(format!("({})", cur.join(",")));
            cur.clear();
            len = 2;
        }
        len += q.len() + usize::from(!cur.is_empty());
        cur.push(q);
    }
    if !cur.is_empty() {
        values.push(format!("({})", cur.join(",")));
    }
    slot_values(w, name, &values);
}

fn opt_time(w: &mut XmlWriter, name: &str, v: &Option<String>) -> Result<()> {
    if let Some(v) = v {
        check_dtm(v)?;
        slot(w, name, v);
    }
    Ok(())
}

fn statuses(s: &[AvailabilityStatus]) -> Vec<&'static str> {
    if s.is_empty() {
        vec![AvailabilityStatus::Approved.code()]
    } else {
        s.iter().map(|s| s.code()).collect()
    }
}

fn check_batch(ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Err(Error::internal(crate::tr!("xds-query-no-id")));
    }
    if ids.len() > MAX_UUIDS_PER_QUERY {
        return Err(Error::internal(crate::tr!(
            "xds-query-too-many-ids",
            max = MAX_UUIDS_PER_QUERY.to_string(),
            given = ids.len().to_string()
        )));
    }
    Ok(())
}

/// The `AdhocQueryRequest` body.
pub fn query_body(q: &StoredQuery) -> Result<String> {
    let mut w = XmlWriter::new();
    w.start(
        "ns3:AdhocQueryRequest",
        &[
            ("xmlns", ns::RIM),
            ("xmlns:ns2", ns::RS),
            ("xmlns:ns3", ns::QUERY),
            ("xmlns:ns4", ns::LCM),
        ],
    );
    w.empty(
        "ns3:ResponseOption",
        &[
            ("returnComposedObjects", "true"),
            ("returnType", "LeafClass"),
        ],
    );
    let query_id = match q {
        StoredQuery::FindDocuments(_) => id::FIND_DOCUMENTS,
        StoredQuery::FindSubmissionSets { .. } => id::FIND_SUBMISSION_SETS,
        StoredQuery::GetAssociations { .. } => id::GET_ASSOCIATIONS,
        StoredQuery::GetDocumentsAndAssociations { .. } => id::GET_DOCUMENTS_AND_ASSOCIATIONS,
        StoredQuery::GetDocumentsByUniqueId { .. } | StoredQuery::GetDocumentsByUuid { .. } => {
            id::GET_DOCUMENTS
        }
    };
    w.start("AdhocQuery", &[("id", query_id)]);
    match q {
        StoredQuery::FindDocuments(f) => {
            slot(
                &mut w,
                "$XDSDocumentEntryPatientId",
                &quote(&f.patient.to_cx()),
            );
            list_slot(&mut w, "$XDSDocumentEntryStatus", &statuses(&f.statuses));
            if !f.class_codes.is_empty() {
                list_slot(
                    &mut w,
                    "$XDSDocumentEntryClassCode",
                    &code_items(&f.class_codes),
                );
            }
            if !f.type_codes.is_empty() {
                list_slot(
                    &mut w,
                    "$XDSDocumentEntryTypeCode",
                    &code_items(&f.type_codes),
                );
            }
            opt_time(
                &mut w,
                "$XDSDocumentEntryCreationTimeFrom",
                &f.creation_time_from,
            )?;
            opt_time(
                &mut w,
                "$XDSDocumentEntryCreationTimeTo",
                &f.creation_time_to,
            )?;
            opt_time(
                &mut w,
                "$XDSDocumentEntryServiceStartTimeFrom",
                &f.service_start_from,
            )?;
            opt_time(
                &mut w,
                "$XDSDocumentEntryServiceStartTimeTo",
                &f.service_start_to,
            )?;
            opt_time(
                &mut w,
                "$XDSDocumentEntryServiceStopTimeFrom",
                &f.service_stop_from,
            )?;
            opt_time(
                &mut w,
                "$XDSDocumentEntryServiceStopTimeTo",
                &f.service_stop_to,
            )?;
            if !f.author_persons.is_empty() {
                list_slot(&mut w, "$XDSDocumentEntryAuthorPerson", &f.author_persons);
            }
        }
        StoredQuery::FindSubmissionSets {
            patient,
            statuses: st,
            submission_time_from,
            submission_time_to,
        } => {
            slot(
                &mut w,
                "$XDSSubmissionSetPatientId",
                &quote(&patient.to_cx()),
            );
            list_slot(&mut w, "$XDSSubmissionSetStatus", &statuses(st));
            opt_time(
                &mut w,
                "$XDSSubmissionSetSubmissionTimeFrom",
                submission_time_from,
            )?;
            opt_time(
                &mut w,
                "$XDSSubmissionSetSubmissionTimeTo",
                submission_time_to,
            )?;
        }
        StoredQuery::GetAssociations { uuids } => {
            check_batch(uuids)?;
            list_slot(&mut w, "$uuid", uuids);
        }
        // ITI-18: GetDocumentsAndAssociations names its documents by entryUUID (or
        // uniqueId), not with GetAssociations' `$uuid`.
        StoredQuery::GetDocumentsAndAssociations { uuids } => {
            check_batch(uuids)?;
            list_slot(&mut w, "$XDSDocumentEntryEntryUUID", uuids);
        }
        StoredQuery::GetDocumentsByUniqueId { unique_ids } => {
            check_batch(unique_ids)?;
            list_slot(&mut w, "$XDSDocumentEntryUniqueId", unique_ids);
        }
        StoredQuery::GetDocumentsByUuid { uuids } => {
            check_batch(uuids)?;
            list_slot(&mut w, "$XDSDocumentEntryEntryUUID", uuids);
        }
    }
    w.end("AdhocQuery");
    w.end("ns3:AdhocQueryRequest");
    Ok(w.into_string())
}

/// TD3.1 request.
pub fn build_query_request(vihf: &Vihf, q: &StoredQuery) -> Result<SoapRequest> {
    Ok(soap::request(
        crate::dmp::catalogue::Tx::Td31.action(),
        &vihf.xml,
        &query_body(q)?,
        ENVELOPE_NS_DEFAULT,
    ))
}
