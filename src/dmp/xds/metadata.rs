//! Reading an ITI-18 `AdhocQueryResponse`: DocumentEntries (ExtrinsicObjects with their slots,
//! classifications and external identifiers) into [`DocumentEntry`], SubmissionSets,
//! Associations (HasMember, RPLC…), ObjectRefs, and `RegistryError`s. Elements are matched by
//! namespace URI and local name, never by prefix.
//!
//! Also the "new since last visit" helpers of the ANS consultation pattern (reference §5.5):
//! drop Deprecated entries, follow RPLC chains, de-duplicate by uniqueId.
//!
//! Assumptions: a response whose status is `Failure` is an error carrying the first
//! RegistryError's code and text (`DMPAccessDenied…` codes map to a denial, like faults);
//! `PartialSuccess` returns the objects with the errors in [`QueryResult::errors`]
//! (ebRS 3.0 §2.1.4 and ITI TF-3 §4.2.4: some results are missing, each RegistryError says
//! what failed). A `Success` may also carry RegistryErrors of severity Warning; they are kept
//! in the same list, so that the caller shows every one.

use std::collections::{HashMap, HashSet};

use crate::dmp::faults;
use crate::dmp::soap;
use crate::dmp::xds::{association, uuid};
use crate::dmp::xml::{ns, Element};
use crate::error::{Error, Result};
use crate::model::codes::{AvailabilityStatus, Coded};
use crate::model::document::{Author, DocumentEntry};

pub const STATUS_SUCCESS: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
pub const STATUS_FAILURE: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
pub const STATUS_PARTIAL: &str = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";

/// A registry error of the response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegistryError {
    pub code: String,
    pub context: String,
    pub severity: Option<String>,
    pub location: Option<String>,
}

pub const SEVERITY_ERROR: &str = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
pub const SEVERITY_WARNING: &str = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning";

impl RegistryError {
    /// "error", "warning", or the severity as sent when it is neither (none: "error", the
    /// ebRS default).
    pub fn severity_short(&self) -> String {
        match self.severity.as_deref() {
            None | Some(SEVERITY_ERROR) | Some("") => "error".into(),
            Some(SEVERITY_WARNING) => "warning".into(),
            Some(other) => other.rsplit(':').next().unwrap_or(other).to_lowercase(),
        }
    }

    pub fn to_error(&self) -> Error {
        let message = crate::tr!(
            "xds-registry-error",
            code = &self.code,
            text = &self.context
        );
        faults::error_for(&self.code, &self.context, message)
    }
}

/// A submission set (RegistryPackage classified as SubmissionSet).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubmissionSet {
    pub entry_uuid: String,
    pub unique_id: Option<String>,
    pub source_id: Option<String>,
    pub patient_id: Option<String>,
    pub status: String,
    pub submission_time: Option<String>,
    pub title: Option<String>,
    pub content_type_code: Option<Coded>,
    pub authors: Vec<Author>,
}

/// An association between two registry objects.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Association {
    pub id: String,
    pub association_type: String,
    pub source: String,
    pub target: String,
    pub status: Option<String>,
    /// Slot SubmissionSetStatus (Original / Reference) of HasMember.
    pub submission_set_status: Option<String>,
}

/// Everything an ITI-18 response carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryResult {
    pub status: String,
    pub documents: Vec<DocumentEntry>,
    pub submission_sets: Vec<SubmissionSet>,
    pub associations: Vec<Association>,
    /// ObjectRef ids (returnType ObjectRef).
    pub object_refs: Vec<String>,
    /// Errors of a partial success (warnings included).
    pub errors: Vec<RegistryError>,
}

impl QueryResult {
    /// The registry answered only part of the query (`PartialSuccess`).
    pub fn is_partial(&self) -> bool {
        self.status == STATUS_PARTIAL
    }
}

fn slot_values<'a>(e: &'a Element, name: &str) -> Vec<&'a str> {
    e.children
        .iter()
        .filter(|s| s.is(ns::RIM, "Slot") && s.attr("name") == Some(name))
        .flat_map(|s| s.descendants("Value"))
        .map(|v| v.text())
        .collect()
}

fn slot_value(e: &Element, name: &str) -> Option<String> {
    slot_values(e, name).first().map(|s| (*s).to_owned())
}

fn localized(e: &Element, name: &str) -> Option<String> {
    e.child_ns(ns::RIM, name)
        .and_then(|n| n.find("LocalizedString"))
        .and_then(|l| l.attr("value"))
        .map(str::to_owned)
}

fn classifications<'a>(e: &'a Element, scheme: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
    e.children.iter().filter(move |c| {
        c.is(ns::RIM, "Classification") && c.attr("classificationScheme") == Some(scheme)
    })
}

fn coded(c: &Element) -> Coded {
    Coded {
        code: c.attr("nodeRepresentation").unwrap_or("").to_owned(),
        code_system: slot_value(c, "codingScheme").unwrap_or_default(),
        display: localized(c, "Name"),
        code_system_name: None,
    }
}

fn first_coded(e: &Element, scheme: &str) -> Option<Coded> {
    classifications(e, scheme).next().map(coded)
}

fn external_id(e: &Element, scheme: &str) -> Option<String> {
    e.children
        .iter()
        .find(|c| {
            c.is(ns::RIM, "ExternalIdentifier") && c.attr("identificationScheme") == Some(scheme)
        })
        .and_then(|c| c.attr("value"))
        .map(str::to_owned)
}

fn authors(e: &Element, scheme: &str) -> Vec<Author> {
    classifications(e, scheme)
        .map(|c| {
            let mut a = slot_value(c, "authorPerson")
                .map(|p| Author::from_xcn(&p))
                .unwrap_or_default();
            let owned = |v: Vec<&str>| v.into_iter().map(str::to_owned).collect::<Vec<_>>();
            a.institutions = owned(slot_values(c, "authorInstitution"));
            a.roles = owned(slot_values(c, "authorRole"));
            a.specialties = owned(slot_values(c, "authorSpecialty"));
            a
        })
        .collect()
}

/// One ExtrinsicObject as a [`DocumentEntry`].
pub fn document_entry(e: &Element) -> DocumentEntry {
    DocumentEntry {
        entry_uuid: e.attr("id").unwrap_or("").to_owned(),
        unique_id: external_id(e, uuid::DOC_ENTRY_UNIQUE_ID).unwrap_or_default(),
        repository_unique_id: slot_value(e, "repositoryUniqueId"),
        logical_id: e.attr("lid").map(str::to_owned),
        version: e
            .child_ns(ns::RIM, "VersionInfo")
            .and_then(|v| v.attr("versionName"))
            .map(str::to_owned),
        status: e.attr("status").unwrap_or("").to_owned(),
        title: localized(e, "Name"),
        comments: localized(e, "Description"),
        mime_type: e.attr("mimeType").map(str::to_owned),
        type_code: first_coded(e, uuid::DOC_ENTRY_TYPE_CODE),
        class_code: first_coded(e, uuid::DOC_ENTRY_CLASS_CODE),
        format_code: first_coded(e, uuid::DOC_ENTRY_FORMAT_CODE),
        practice_setting_code: first_coded(e, uuid::DOC_ENTRY_PRACTICE_SETTING),
        healthcare_facility_type_code: first_coded(e, uuid::DOC_ENTRY_FACILITY_TYPE),
        event_codes: classifications(e, uuid::DOC_ENTRY_EVENT_CODE)
            .map(coded)
            .collect(),
        confidentiality: classifications(e, uuid::DOC_ENTRY_CONFIDENTIALITY)
            .map(coded)
            .collect(),
        creation_time: slot_value(e, "creationTime"),
        service_start_time: slot_value(e, "serviceStartTime"),
        service_stop_time: slot_value(e, "serviceStopTime"),
        submission_time: slot_value(e, "submissionTime"),
        language_code: slot_value(e, "languageCode"),
        authors: authors(e, uuid::DOC_ENTRY_AUTHOR),
        legal_authenticator: slot_value(e, "legalAuthenticator"),
        size: slot_value(e, "size").and_then(|s| s.parse().ok()),
        hash: slot_value(e, "hash").map(|h| h.to_ascii_lowercase()),
        patient_id: external_id(e, uuid::DOC_ENTRY_PATIENT_ID),
        source_patient_id: slot_value(e, "sourcePatientId"),
        replaces: None,
        replaced_by: None,
    }
}

fn is_submission_set(e: &Element) -> bool {
    external_id(e, uuid::SUBMISSION_SET_UNIQUE_ID).is_some()
        || e.children.iter().any(|c| {
            c.is(ns::RIM, "Classification")
                && c.attr("classificationNode") == Some(uuid::SUBMISSION_SET_NODE)
        })
}

fn submission_set(e: &Element) -> SubmissionSet {
    SubmissionSet {
        entry_uuid: e.attr("id").unwrap_or("").to_owned(),
        unique_id: external_id(e, uuid::SUBMISSION_SET_UNIQUE_ID),
        source_id: external_id(e, uuid::SUBMISSION_SET_SOURCE_ID),
        patient_id: external_id(e, uuid::SUBMISSION_SET_PATIENT_ID),
        status: e.attr("status").unwrap_or("").to_owned(),
        submission_time: slot_value(e, "submissionTime"),
        title: localized(e, "Name"),
        content_type_code: first_coded(e, uuid::SUBMISSION_SET_CONTENT_TYPE),
        authors: authors(e, uuid::SUBMISSION_SET_AUTHOR),
    }
}

/// Reads the RegistryErrorList under `e` (RegistryResponse or AdhocQueryResponse).
pub fn registry_errors(e: &Element) -> Vec<RegistryError> {
    e.descendants("RegistryError")
        .into_iter()
        .filter(|r| r.ns == ns::RS)
        .map(|r| RegistryError {
            code: r.attr("errorCode").unwrap_or("").to_owned(),
            context: r
                .attr("codeContext")
                .map(str::to_owned)
                .unwrap_or_else(|| r.text().to_owned()),
            severity: r.attr("severity").map(str::to_owned),
            location: r.attr("location").map(str::to_owned),
        })
        .collect()
}

/// Fails on a `Failure` status, with the first error.
pub fn check_status(status: &str, errors: &[RegistryError]) -> Result<()> {
    if status == STATUS_FAILURE {
        return Err(match errors.first() {
            Some(e) => e.to_error(),
            None => Error::server(crate::tr!("xds-registry-failure-without-error")),
        });
    }
    if status != STATUS_SUCCESS && status != STATUS_PARTIAL {
        return Err(Error::server(crate::tr!(
            "xds-registry-unknown-status",
            status = status
        )));
    }
    Ok(())
}

/// Parses a TD3.1 response (the whole SOAP envelope).
pub fn parse_query_response(bytes: &[u8]) -> Result<QueryResult> {
    let root = soap::parse_response(bytes)?;
    soap::expect_root(&root, ns::QUERY, "AdhocQueryResponse")?;
    let mut r = QueryResult {
        status: root.attr("status").unwrap_or("").to_owned(),
        errors: registry_errors(&root),
        ..QueryResult::default()
    };
    check_status(&r.status, &r.errors)?;
    if let Some(list) = root.child_ns(ns::RIM, "RegistryObjectList") {
        for o in &list.children {
            if o.ns != ns::RIM {
                continue;
            }
            match o.name.as_str() {
                "ExtrinsicObject" => r.documents.push(document_entry(o)),
                "RegistryPackage" if is_submission_set(o) => {
                    r.submission_sets.push(submission_set(o))
                }
                "Association" => r.associations.push(Association {
                    id: o.attr("id").unwrap_or("").to_owned(),
                    association_type: o.attr("associationType").unwrap_or("").to_owned(),
                    source: o.attr("sourceObject").unwrap_or("").to_owned(),
                    target: o.attr("targetObject").unwrap_or("").to_owned(),
                    status: o.attr("status").map(str::to_owned),
                    submission_set_status: slot_value(o, "SubmissionSetStatus"),
                }),
                "ObjectRef" => r.object_refs.push(o.attr("id").unwrap_or("").to_owned()),
                _ => {}
            }
        }
    }
    link_replacements(&mut r.documents, &r.associations);
    Ok(r)
}

/// Fills `replaces` / `replaced_by` from the RPLC associations (source replaces target).
pub fn link_replacements(docs: &mut [DocumentEntry], assocs: &[Association]) {
    for a in assocs
        .iter()
        .filter(|a| a.association_type == association::RPLC)
    {
        for d in docs.iter_mut() {
            if d.entry_uuid == a.source {
                d.replaces = Some(a.target.clone());
            }
            if d.entry_uuid == a.target {
                d.replaced_by = Some(a.source.clone());
            }
        }
    }
}

/// The entryUUIDs that these submission sets contain (HasMember targets).
pub fn members_of(assocs: &[Association], submission_set_ids: &[String]) -> Vec<String> {
    let ids: HashSet<&str> = submission_set_ids.iter().map(String::as_str).collect();
    let mut seen = HashSet::new();
    assocs
        .iter()
        .filter(|a| {
            a.association_type == association::HAS_MEMBER && ids.contains(a.source.as_str())
        })
        .filter(|a| seen.insert(a.target.clone()))
        .map(|a| a.target.clone())
        .collect()
}

/// Follows the RPLC chain from `entry_uuid` to the newest known version.
pub fn latest_version<'a>(entry_uuid: &'a str, assocs: &'a [Association]) -> &'a str {
    let next: HashMap<&str, &str> = assocs
        .iter()
        .filter(|a| a.association_type == association::RPLC)
        .map(|a| (a.target.as_str(), a.source.as_str()))
        .collect();
    let mut cur = entry_uuid;
    let mut steps = 0;
    while let Some(n) = next.get(cur) {
        cur = n;
        steps += 1;
        if steps > assocs.len() {
            break; // a cycle: stop
        }
    }
    cur
}

/// The documents to show after a "new since last visit" query: Deprecated entries and entries
/// replaced by another document of the result are dropped, and one entry per uniqueId is kept
/// (the newest by version, then by entryUUID order of the response).
pub fn current_documents(docs: &[DocumentEntry], assocs: &[Association]) -> Vec<DocumentEntry> {
    let mut docs = docs.to_vec();
    link_replacements(&mut docs, assocs);
    let present: HashSet<String> = docs.iter().map(|d| d.entry_uuid.clone()).collect();
    let mut out: Vec<DocumentEntry> = Vec::new();
    for d in docs {
        if d.availability() == Some(AvailabilityStatus::Deprecated) {
            continue;
        }
        if d.replaced_by.as_ref().is_some_and(|n| present.contains(n)) {
            continue;
        }
        let version = |x: &DocumentEntry| {
            x.version
                .as_deref()
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        if let Some(prev) = out
            .iter_mut()
            .find(|o| !d.unique_id.is_empty() && o.unique_id == d.unique_id)
        {
            if version(&d) > version(prev) {
                *prev = d;
            }
            continue;
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ITI-18 answer written from ebRS 3.0 and ITI TF-3 §4.2.4 (not produced by our sandbox):
    /// PartialSuccess, one document returned, one RegistryError of severity Error and one of
    /// severity Warning, prefixes other than the usual ones.
    const PARTIAL: &str = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>
<q:AdhocQueryResponse xmlns:q="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:r="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:x="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess">
 <x:RegistryErrorList highestSeverity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error">
  <x:RegistryError errorCode="XDSUnavailableCommunity" codeContext="Community 1.2.3 unavailable" location="urn:oid:1.2.3" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/>
  <x:RegistryError errorCode="XDSRegistryBusy" location="" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning">busy, try later</x:RegistryError>
 </x:RegistryErrorList>
 <r:RegistryObjectList>
  <r:ExtrinsicObject id="urn:uuid:aaaaaaaa-0000-4000-8000-000000000001" status="urn:oasis:names:tc:ebxml-regrep:StatusType:Approved" objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1" mimeType="text/xml">
   <r:Slot name="creationTime"><r:ValueList><r:Value>20250301101500</r:Value></r:ValueList></r:Slot>
   <r:ExternalIdentifier id="urn:uuid:aaaaaaaa-0000-4000-8000-0000000000e1" registryObject="urn:uuid:aaaaaaaa-0000-4000-8000-000000000001" identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" value="1.2.3.4.1"/>
  </r:ExtrinsicObject>
 </r:RegistryObjectList>
</q:AdhocQueryResponse></e:Body></e:Envelope>"#;

    #[test]
    fn partial_success_keeps_the_objects_and_every_error() {
        let r = parse_query_response(PARTIAL.as_bytes()).unwrap();
        assert!(r.is_partial());
        assert_eq!(r.documents.len(), 1);
        assert_eq!(r.documents[0].unique_id, "1.2.3.4.1");
        assert_eq!(r.errors.len(), 2);
        let e = &r.errors[0];
        assert_eq!(e.code, "XDSUnavailableCommunity");
        assert_eq!(e.context, "Community 1.2.3 unavailable");
        assert_eq!(e.location.as_deref(), Some("urn:oid:1.2.3"));
        assert_eq!(e.severity_short(), "error");
        // codeContext absent: the element's text is the context.
        assert_eq!(r.errors[1].context, "busy, try later");
        assert_eq!(r.errors[1].severity_short(), "warning");
    }

    #[test]
    fn success_with_a_warning_is_complete_but_keeps_the_warning() {
        let xml = PARTIAL
            .replace(
                "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess",
                STATUS_SUCCESS,
            )
            .replace(
                "ErrorSeverityType:Error\"/>",
                "ErrorSeverityType:Warning\"/>",
            );
        let r = parse_query_response(xml.as_bytes()).unwrap();
        assert!(!r.is_partial());
        assert_eq!(r.errors.len(), 2);
        assert!(r.errors.iter().all(|e| e.severity_short() == "warning"));
    }

    #[test]
    fn failure_is_an_error_and_an_unknown_status_too() {
        let xml = PARTIAL.replace(
            "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess",
            STATUS_FAILURE,
        );
        let e = parse_query_response(xml.as_bytes()).unwrap_err();
        assert!(e.message().contains("XDSUnavailableCommunity"), "{e}");
        let xml = PARTIAL.replace(
            "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess",
            "Partly",
        );
        assert!(parse_query_response(xml.as_bytes()).is_err());
    }

    #[test]
    fn replacements_are_linked_both_ways() {
        let mut docs = vec![
            DocumentEntry {
                entry_uuid: "urn:uuid:new".into(),
                ..DocumentEntry::default()
            },
            DocumentEntry {
                entry_uuid: "urn:uuid:other".into(),
                ..DocumentEntry::default()
            },
        ];
        let assocs = vec![
            Association {
                association_type: association::RPLC.into(),
                source: "urn:uuid:new".into(),
                target: "urn:uuid:old".into(),
                ..Association::default()
            },
            Association {
                association_type: association::HAS_MEMBER.into(),
                source: "urn:uuid:set".into(),
                target: "urn:uuid:other".into(),
                ..Association::default()
            },
        ];
        link_replacements(&mut docs, &assocs);
        assert_eq!(docs[0].replaces.as_deref(), Some("urn:uuid:old"));
        assert_eq!(docs[0].replaced_by, None);
        assert_eq!(docs[1].replaces, None);
    }
}
