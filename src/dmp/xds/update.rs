//! TD3.3 a/b/c/d, IHE ITI-57 Update Document Set: a `lcm:SubmitObjectsRequest` holding a
//! submission set and what changes.
//!
//! - Status (TD3.3c delete, TD3.3d archive / unarchive): built like
//!   `TD3.3c-delete-document.request.xml` and `TD3.3d-archive-document.request.xml`: the
//!   submission set, then an `UpdateAvailabilityStatus` association from it to the entryUUID,
//!   with the `OriginalStatus` and `NewStatus` slots. The entry keeps its entryUUID.
//! - Visibility (TD3.3a mask / unmask, TD3.3b show to the patient): no official example exists
//!   (reference §3, "[I] for exact shape"), so it follows ITI-57's metadata update: the
//!   DocumentEntry as the registry returned it, under a symbolic id and the same `lid`
//!   (logicalId), its confidentiality codes replaced, and a `HasMember` association from the
//!   submission set with `SubmissionSetStatus` Original and `PreviousVersion` (the version it
//!   updates). The registry gives the new version a new entryUUID (reference §5.3).
//!
//! One deviation from the TD3.3c/d examples: the submission set's author classification
//! carries `classifiedObject` and its external identifiers `registryObject`, which the ebRIM
//! schema requires and the examples leave out (the official TD2.1 request has them).
//!
//! The DocumentEntry is copied from the registry's own answer rather than rebuilt from parsed
//! fields, so that no slot the client does not model (sourcePatientInfo, legalAuthenticator…)
//! is lost in the new version.

use crate::dmp::catalogue::Tx;
use crate::dmp::soap::{self, ENVELOPE_NS_DEFAULT};
use crate::dmp::vihf::Vihf;
use crate::dmp::xds::metadata::{check_status, registry_errors, RegistryError};
use crate::dmp::xds::{association, uuid};
use crate::dmp::xml::{ns, Element, XmlWriter};
use crate::dmp::SoapRequest;
use crate::error::{Error, Result};
use crate::model::codes::{oid, AvailabilityStatus, Coded, Visibility};
use crate::model::ins::Ins;

/// `associationType` of a status change (ITI-57).
pub const UPDATE_AVAILABILITY_STATUS: &str =
    "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";
const OT_ASSOCIATION: &str =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The symbolic ids of the objects of the request.
pub const SUBMISSION_SET_ID: &str = "SubmissionSet01";
pub const DOCUMENT_ID: &str = "Document01";

/// The submission set's contentTypeCode (JDV_J59, codeSystem 1.2.250.1.213.2.2). XDS requires
/// one; the reference's only examples of an update (TD3.3c, TD3.3d) carry `04` "Hospitalisation
/// de jour", so that is what an update sends (assumption: the DMP does not read it here).
pub const CONTENT_TYPE: (&str, &str) = ("04", "Hospitalisation de jour");
pub const CONTENT_TYPE_SYSTEM: &str = "1.2.250.1.213.2.2";

/// Who submits the update, as the submission set's author classification says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionAuthor {
    /// XCN: `idNat^Family^Given^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS`.
    pub person: Option<String>,
    /// CE: `G15_10/SM26^label^1.2.250.1.213.1.1.4.5`.
    pub specialty: Option<String>,
    /// XON: `Name^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^Struct_IdNat`.
    pub institution: Option<String>,
}

/// The submission set of an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSubmission {
    pub patient: Ins,
    /// The submission set's uniqueId (an OID under the software's root).
    pub unique_id: String,
    /// The software's OID.
    pub source_id: String,
    /// XDS DTM, UTC (`YYYYMMDDhhmmss`).
    pub submission_time: String,
    pub title: String,
    pub author: SubmissionAuthor,
}

/// What an update changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// TD3.3c / TD3.3d: the entry's availability status.
    Status {
        entry_uuid: String,
        from: AvailabilityStatus,
        to: AvailabilityStatus,
    },
    /// TD3.3a / TD3.3b: a new version of the entry with these confidentiality codes.
    Confidentiality {
        /// The `rim:ExtrinsicObject` as the registry returned it.
        current: Element,
        codes: Vec<Coded>,
    },
}

/// The confidentiality codes after adding `add` and removing `remove`: the HL7 code `N` always
/// first (reference §5.3: always `N`, plus the visibility codes), the others kept in order.
pub fn new_confidentiality(
    current: &[Coded],
    add: &[Visibility],
    remove: &[Visibility],
) -> Vec<Coded> {
    let mut out: Vec<Coded> = current
        .iter()
        .filter(|c| {
            !(c.code_system == oid::VISIBILITY && remove.iter().any(|v| v.code() == c.code))
        })
        .cloned()
        .collect();
    if !out
        .iter()
        .any(|c| c.code_system == oid::HL7_CONFIDENTIALITY)
    {
        out.insert(0, crate::model::codes::confidentiality_normal());
    }
    for v in add {
        if !out
            .iter()
            .any(|c| c.code == v.code() && c.code_system == oid::VISIBILITY)
        {
            out.push(v.coded());
        }
    }
    out
}

fn slot(w: &mut XmlWriter, name: &str, value: &str) {
    w.start("Slot", &[("name", name)]);
    w.start("ValueList", &[]);
    w.leaf("Value", &[], value);
    w.end("ValueList");
    w.end("Slot");
}

fn name(w: &mut XmlWriter, value: &str) {
    w.start("Name", &[]);
    w.empty(
        "LocalizedString",
        &[("charset", "UTF8"), ("value", value), ("xml:lang", "FR")],
    );
    w.end("Name");
}

fn external_id(w: &mut XmlWriter, id: &str, scheme: &str, value: &str, label: &str) {
    w.start(
        "ExternalIdentifier",
        &[
            ("id", id),
            ("identificationScheme", scheme),
            ("registryObject", SUBMISSION_SET_ID),
            ("value", value),
        ],
    );
    name(w, label);
    w.end("ExternalIdentifier");
}

/// The submission set, shaped like the official TD3.3c/d examples.
fn submission_set(w: &mut XmlWriter, s: &UpdateSubmission) {
    w.start("RegistryPackage", &[("id", SUBMISSION_SET_ID)]);
    slot(w, "submissionTime", &s.submission_time);
    name(w, &s.title);
    w.start(
        "Classification",
        &[
            ("classificationScheme", uuid::SUBMISSION_SET_AUTHOR),
            ("classifiedObject", SUBMISSION_SET_ID),
            ("id", "cla01"),
            ("nodeRepresentation", ""),
        ],
    );
    let a = &s.author;
    for (n, v) in [
        ("authorPerson", &a.person),
        ("authorSpecialty", &a.specialty),
        ("authorInstitution", &a.institution),
    ] {
        if let Some(v) = v {
            slot(w, n, v);
        }
    }
    w.end("Classification");
    w.start(
        "Classification",
        &[
            ("classificationScheme", uuid::SUBMISSION_SET_CONTENT_TYPE),
            ("classifiedObject", SUBMISSION_SET_ID),
            ("id", "cla02"),
            ("nodeRepresentation", CONTENT_TYPE.0),
        ],
    );
    slot(w, "codingScheme", CONTENT_TYPE_SYSTEM);
    name(w, CONTENT_TYPE.1);
    w.end("Classification");
    w.empty(
        "Classification",
        &[
            ("classificationNode", uuid::SUBMISSION_SET_NODE),
            ("classifiedObject", SUBMISSION_SET_ID),
            ("id", "cla03"),
        ],
    );
    // The official examples give the patient id an effective date (CX.7): the submission time.
    let patient = format!("{}^^{}", s.patient.to_cx(), s.submission_time);
    external_id(
        w,
        "ei01",
        uuid::SUBMISSION_SET_PATIENT_ID,
        &patient,
        "XDSSubmissionSet.patientId",
    );
    external_id(
        w,
        "ei02",
        uuid::SUBMISSION_SET_SOURCE_ID,
        &s.source_id,
        "XDSSubmissionSet.sourceId",
    );
    external_id(
        w,
        "ei03",
        uuid::SUBMISSION_SET_UNIQUE_ID,
        &s.unique_id,
        "XDSSubmissionSet.uniqueId",
    );
    w.end("RegistryPackage");
}

/// Writes an ebRIM element as it was received, with the rim namespace as the default one and
/// the attributes `rewrite` leaves (returning `None` drops one).
fn copy(w: &mut XmlWriter, e: &Element, rewrite: &dyn Fn(&Element, &str, &str) -> Option<String>) {
    let mut attrs: Vec<(String, String)> = Vec::new();
    for a in &e.attrs {
        let key = if a.ns.is_empty() {
            a.name.clone()
        } else if a.ns == XML_NS {
            format!("xml:{}", a.name)
        } else {
            // No other namespaced attribute belongs to ebRIM metadata.
            continue;
        };
        if let Some(v) = rewrite(e, &key, &a.value) {
            attrs.push((key, v));
        }
    }
    let attrs: Vec<(&str, &str)> = attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    if e.children.is_empty() && e.text.trim().is_empty() {
        w.empty(&e.name, &attrs);
        return;
    }
    w.start(&e.name, &attrs);
    if e.children.is_empty() {
        w.text(&e.text);
    }
    for c in &e.children {
        copy(w, c, rewrite);
    }
    w.end(&e.name);
}

fn confidentiality_classification(w: &mut XmlWriter, id: &str, c: &Coded) {
    w.start(
        "Classification",
        &[
            ("classificationScheme", uuid::DOC_ENTRY_CONFIDENTIALITY),
            ("classifiedObject", DOCUMENT_ID),
            ("id", id),
            ("nodeRepresentation", &c.code),
        ],
    );
    slot(w, "codingScheme", &c.code_system);
    if let Some(d) = &c.display {
        name(w, d);
    }
    w.end("Classification");
}

/// The new version of a DocumentEntry: the registry's copy under [`DOCUMENT_ID`], the same
/// logicalId, no status or version (the registry sets them), its classifications and
/// identifiers renumbered, the confidentiality codes replaced by `codes`.
fn new_version(w: &mut XmlWriter, current: &Element, codes: &[Coded]) -> Result<()> {
    if current.ns != ns::RIM || current.name != "ExtrinsicObject" {
        return Err(Error::internal(crate::tr!(
            "xds-update-needs-extrinsic-object"
        )));
    }
    let entry_uuid = current.attr("id").unwrap_or("").to_owned();
    // Without a metadata update yet, an entry's logicalId is its entryUUID (ITI-57).
    let lid = current.attr("lid").unwrap_or(&entry_uuid).to_owned();
    let mut attrs: Vec<(String, String)> = Vec::new();
    for a in current.attrs.iter().filter(|a| a.ns.is_empty()) {
        match a.name.as_str() {
            "id" => attrs.push(("id".into(), DOCUMENT_ID.into())),
            "lid" | "status" => {}
            other => attrs.push((other.to_owned(), a.value.clone())),
        }
    }
    attrs.push(("lid".into(), lid));
    let attrs: Vec<(&str, &str)> = attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    w.start("ExtrinsicObject", &attrs);
    let (mut cl, mut ei) = (0, 0);
    let mut codes_written = false;
    let write_codes = |w: &mut XmlWriter, cl: &mut usize| {
        for c in codes {
            *cl += 1;
            confidentiality_classification(w, &format!("cl{:02}", cl), c);
        }
    };
    for c in &current.children {
        let is_conf = c.name == "Classification"
            && c.attr("classificationScheme") == Some(uuid::DOC_ENTRY_CONFIDENTIALITY);
        if c.name == "VersionInfo" {
            continue;
        }
        if is_conf || (!codes_written && c.name == "ExternalIdentifier") {
            if !codes_written {
                write_codes(w, &mut cl);
                codes_written = true;
            }
            if is_conf {
                continue;
            }
        }
        let id = match c.name.as_str() {
            "Classification" => {
                cl += 1;
                Some(format!("cl{cl:02}"))
            }
            "ExternalIdentifier" => {
                ei += 1;
                Some(format!("ei{ei:02}"))
            }
            _ => None,
        };
        copy(w, c, &|el: &Element, key: &str, v: &str| {
            // Only the direct children are renamed; below them nothing names the entry.
            let top = std::ptr::eq(el, c);
            match key {
                "id" if top => id.clone(),
                "classifiedObject" | "registryObject" if v == entry_uuid => {
                    Some(DOCUMENT_ID.to_owned())
                }
                _ => Some(v.to_owned()),
            }
        });
    }
    if !codes_written {
        write_codes(w, &mut cl);
    }
    w.end("ExtrinsicObject");
    Ok(())
}

/// The `lcm:SubmitObjectsRequest` body.
pub fn update_body(s: &UpdateSubmission, u: &Update) -> Result<String> {
    let mut w = XmlWriter::new();
    w.start(
        "ns4:SubmitObjectsRequest",
        &[
            ("xmlns", ns::RIM),
            ("xmlns:ns2", ns::RS),
            ("xmlns:ns3", ns::QUERY),
            ("xmlns:ns4", ns::LCM),
        ],
    );
    w.start("RegistryObjectList", &[]);
    submission_set(&mut w, s);
    match u {
        Update::Status {
            entry_uuid,
            from,
            to,
        } => {
            if from == to {
                return Err(Error::internal(crate::tr!("xds-status-update-no-change")));
            }
            w.start(
                "Association",
                &[
                    ("associationType", UPDATE_AVAILABILITY_STATUS),
                    ("id", "association1"),
                    ("objectType", OT_ASSOCIATION),
                    ("sourceObject", SUBMISSION_SET_ID),
                    ("targetObject", entry_uuid),
                ],
            );
            slot(&mut w, "OriginalStatus", from.code());
            slot(&mut w, "NewStatus", to.code());
            w.end("Association");
        }
        Update::Confidentiality { current, codes } => {
            let previous = current
                .child_ns(ns::RIM, "VersionInfo")
                .and_then(|v| v.attr("versionName"))
                .unwrap_or("1")
                .to_owned();
            new_version(&mut w, current, codes)?;
            w.start(
                "Association",
                &[
                    ("associationType", association::HAS_MEMBER),
                    ("id", "association1"),
                    ("objectType", OT_ASSOCIATION),
                    ("sourceObject", SUBMISSION_SET_ID),
                    ("targetObject", DOCUMENT_ID),
                ],
            );
            slot(&mut w, "SubmissionSetStatus", "Original");
            slot(&mut w, "PreviousVersion", &previous);
            w.end("Association");
        }
    }
    w.end("RegistryObjectList");
    w.end("ns4:SubmitObjectsRequest");
    Ok(w.into_string())
}

/// The TD3.3 request (`tx` is one of TD3.3a/b/c/d: they share ITI-57's action).
pub fn build_update_request(
    tx: Tx,
    vihf: &Vihf,
    s: &UpdateSubmission,
    u: &Update,
) -> Result<SoapRequest> {
    if tx.action() != Tx::Td33a.action() {
        return Err(Error::internal(crate::tr!(
            "xds-not-iti57",
            code = tx.code()
        )));
    }
    Ok(soap::request(
        tx.action(),
        &vihf.xml,
        &update_body(s, u)?,
        ENVELOPE_NS_DEFAULT,
    ))
}

/// What the registry answered to an update it accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateResult {
    pub status: String,
    /// Warnings (and errors of a PartialSuccess), if any.
    pub errors: Vec<RegistryError>,
}

/// Parses the `rs:RegistryResponse` of an update; a `Failure` is the error of its first
/// RegistryError (a refusal by the DMP's rights is a Denied error with the DMP's code).
pub fn parse_update_response(bytes: &[u8]) -> Result<UpdateResult> {
    let root = soap::parse_response(bytes)?;
    soap::expect_root(&root, ns::RS, "RegistryResponse")?;
    let r = UpdateResult {
        status: root.attr("status").unwrap_or("").to_owned(),
        errors: registry_errors(&root),
    };
    check_status(&r.status, &r.errors)?;
    Ok(r)
}

/// The ExtrinsicObject `entry_uuid` of a TD3.1 answer, as it was received.
pub fn extrinsic_object(response: &[u8], entry_uuid: &str) -> Result<Option<Element>> {
    let root = soap::parse_response(response)?;
    let Some(list) = root.child_ns(ns::RIM, "RegistryObjectList") else {
        return Ok(None);
    };
    Ok(list
        .children
        .iter()
        .filter(|o| o.ns == ns::RIM && o.name == "ExtrinsicObject")
        .find(|o| o.attr("id") == Some(entry_uuid))
        .cloned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codes::confidentiality_normal;

    fn coded(code: &str, system: &str) -> Coded {
        Coded::new(code, system, None)
    }

    #[test]
    fn masking_adds_masque_ps_and_keeps_n_first() {
        let cur = vec![coded("N", oid::HL7_CONFIDENTIALITY)];
        let new = new_confidentiality(&cur, &[Visibility::MasquePs], &[]);
        let codes: Vec<&str> = new.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["N", "MASQUE_PS"]);
        // Adding what is there changes nothing.
        assert_eq!(new_confidentiality(&new, &[Visibility::MasquePs], &[]), new);
    }

    #[test]
    fn showing_to_the_patient_removes_both_invisibility_codes_only() {
        let cur = vec![
            coded("N", oid::HL7_CONFIDENTIALITY),
            coded("MASQUE_PS", oid::VISIBILITY),
            coded("INVISIBLE_PATIENT", oid::VISIBILITY),
            coded("INVISIBLE_REPRESENTANTS_LEGAUX", oid::VISIBILITY),
        ];
        let new = new_confidentiality(
            &cur,
            &[],
            &[
                Visibility::InvisiblePatient,
                Visibility::InvisibleRepresentantsLegaux,
            ],
        );
        let codes: Vec<&str> = new.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["N", "MASQUE_PS"]);
    }

    #[test]
    fn a_missing_n_is_restored() {
        let new = new_confidentiality(&[], &[], &[Visibility::MasquePs]);
        assert_eq!(new, vec![confidentiality_normal()]);
    }
}
