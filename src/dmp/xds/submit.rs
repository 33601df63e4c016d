//! ITI-41 Provide and Register Document Set-b (TD2.1, TD2.1b): the DocumentEntry metadata of
//! a document, the submission set and its XAdES signature (`xades.rs`), the MTOM request.
//!
//! The request has the shape of the official TD2.1 example (reference §5.1): one
//! RegistryPackage `SubmissionSet01`, one ExtrinsicObject per document (`Document01`…), one
//! ExtrinsicObject `Signature01` holding the XAdES signature of the submission set, the
//! HasMember associations (and `signs`, and RPLC for a replacement), then one `Document` per
//! ExtrinsicObject whose content is an `xop:Include` of a MIME part: the documents are streamed
//! from their files, never held in memory.

use std::path::PathBuf;

use crate::dmp::mtom::{self, MtomBody, OutPart};
use crate::dmp::soap;
use crate::dmp::vihf::Vihf;
use crate::dmp::xds::metadata::{check_status, registry_errors, RegistryError};
use crate::dmp::xds::{association, uuid};
use crate::dmp::xml::{ns, XmlWriter};
use crate::error::{Error, Result};
use crate::model::codes::Coded;
use crate::model::timestamp::Timestamp;

pub mod derive;
pub mod xades;

/// Who submits: the author of the documents and of the submission set (XDS `author`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Author {
    /// The practitioner's national id (idNat_PS), family and given names.
    pub person_id: String,
    pub family: String,
    pub given: String,
    /// JDV_J01 `G15_10/SM26` and its label.
    pub specialty: Option<Coded>,
    /// The structure's name and national id (Struct_IdNat).
    pub institution_name: String,
    pub institution_id: String,
}

impl Author {
    /// XCN: `<idNat_PS>^<Nom>^<Prénom>^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS`.
    pub fn xcn(&self) -> String {
        xcn(&self.person_id, &self.family, &self.given)
    }
    /// XON: `<Raison sociale>^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^<Struct_IdNat>`.
    pub fn xon(&self) -> String {
        format!(
            "{}^^^^^&{}&ISO^IDNST^^^{}",
            hl7_escape(&self.institution_name),
            crate::model::codes::oid::IDNAT_STRUCT,
            self.institution_id
        )
    }
    /// `code^label^codeSystem`.
    pub fn specialty_value(&self) -> Option<String> {
        self.specialty.as_ref().map(|c| {
            format!(
                "{}^{}^{}",
                c.code,
                hl7_escape(c.display.as_deref().unwrap_or("")),
                c.code_system
            )
        })
    }
}

/// An XCN person value.
pub fn xcn(id: &str, family: &str, given: &str) -> String {
    format!(
        "{}^{}^{}^^^^^^&{}&ISO^D^^^IDNPS",
        id,
        hl7_escape(family),
        hl7_escape(given),
        crate::model::codes::oid::IDNAT_PS
    )
}

/// HL7 v2 delimiters in a name would cut the value: they are escaped.
fn hl7_escape(s: &str) -> String {
    s.replace('\\', "\\E\\")
        .replace('^', "\\S\\")
        .replace('&', "\\T\\")
        .replace('|', "\\F\\")
        .replace('~', "\\R\\")
}

/// An HL7 `TS` as XDS metadata wants it: UTC `YYYYMMDDhhmmss` for a time, the date (or less)
/// as it was given otherwise. `None`: not a timestamp.
pub fn xds_time(ts: &str) -> Option<String> {
    Some(match Timestamp::parse_hl7(ts)? {
        Timestamp::DateTime(t) => format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        Timestamp::Date(d) => format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day()),
        Timestamp::YearMonth(y, m) => format!("{y:04}{:02}", u8::from(m)),
        Timestamp::Year(y) => format!("{y:04}"),
    })
}

/// The XDS DocumentEntry metadata of one document, derived from its CDA header and the
/// command's options (reference §5.3-5.4).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMetadata {
    pub unique_id: String,
    pub title: String,
    pub class_code: Coded,
    pub type_code: Coded,
    pub format_code: Coded,
    /// `N` first, then the visibility codes (MASQUE_PS, INVISIBLE_PATIENT…).
    pub confidentiality: Vec<Coded>,
    pub facility_type: Coded,
    pub practice_setting: Coded,
    pub author: Author,
    /// XCN of the legal authenticator, when the CDA names one.
    pub legal_authenticator: Option<String>,
    /// `<INS>^^^&<OID>&ISO^NH`.
    pub patient_id: String,
    pub source_patient_id: String,
    /// `PID-5|…`, `PID-7|…`, `PID-8|…` when the CDA gives them.
    pub source_patient_info: Vec<String>,
    pub creation_time: String,
    pub service_start: String,
    pub service_stop: Option<String>,
    pub language: String,
    pub mime_type: String,
    /// SHA-1, lowercase hex, and size in bytes of the document sent.
    pub hash: String,
    pub size: u64,
}

/// One document of a submission: its metadata, its file, and for a replacement the entryUUID
/// of the entry it replaces.
#[derive(Debug, Clone)]
pub struct SubmittedDocument {
    pub metadata: DocumentMetadata,
    pub content: PathBuf,
    pub replaces_entry_uuid: Option<String>,
}

/// A submission set: one patient, one or more documents.
#[derive(Debug, Clone)]
pub struct Submission {
    pub unique_id: String,
    /// The software's OID (`lps_oid`).
    pub source_id: String,
    /// UTC `YYYYMMDDhhmmss`.
    pub submission_time: String,
    pub author: Author,
    pub content_type: Coded,
    pub patient_id: String,
    pub documents: Vec<SubmittedDocument>,
}

/// The DSG codes of the signature's ExtrinsicObject (reference §5.1).
pub mod dsg {
    pub const CLASS: &str = "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1";
    pub const TYPE: &str = "E1762";
    pub const FORMAT: &str = "http://www.w3.org/2000/09/xmldsig#";
    pub const EVENT: &str = "1.2.840.10065.1.12.1.14";
    pub const EVENT_SYSTEM: &str = "1.2.840.10065.1.12";
}

const SS_ID: &str = "SubmissionSet01";
const SIG_ID: &str = "Signature01";

fn document_id(i: usize) -> String {
    format!("Document{:02}", i + 1)
}

/// Writes the XML of one submission's objects; ids are counted from `next`.
struct Objects {
    w: XmlWriter,
    next: usize,
}

impl Objects {
    fn id(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }
    fn slot(&mut self, name: &str, values: &[&str]) {
        self.w
            .start("Slot", &[("name", name)])
            .start("ValueList", &[]);
        for v in values {
            self.w.leaf("Value", &[], v);
        }
        self.w.end("ValueList").end("Slot");
    }
    fn localized(&mut self, element: &str, value: &str) {
        self.w.start(element, &[]);
        self.w.empty(
            "LocalizedString",
            &[("charset", "UTF8"), ("value", value), ("xml:lang", "FR")],
        );
        self.w.end(element);
    }
    fn coded(&mut self, scheme: &str, object: &str, c: &Coded) {
        let id = self.id("cl");
        self.w.start(
            "Classification",
            &[
                ("classificationScheme", scheme),
                ("classifiedObject", object),
                ("id", &id),
                ("nodeRepresentation", &c.code),
            ],
        );
        self.slot("codingScheme", &[&c.code_system]);
        self.localized("Name", c.display.as_deref().unwrap_or(&c.code));
        self.w.end("Classification");
    }
    fn author(&mut self, scheme: &str, object: &str, a: &Author) {
        let id = self.id("cl");
        self.w.start(
            "Classification",
            &[
                ("classificationScheme", scheme),
                ("classifiedObject", object),
                ("id", &id),
                ("nodeRepresentation", ""),
            ],
        );
        self.slot("authorPerson", &[&a.xcn()]);
        if let Some(s) = a.specialty_value() {
            self.slot("authorSpecialty", &[&s]);
        }
        self.slot("authorInstitution", &[&a.xon()]);
        self.w.end("Classification");
    }
    fn external_id(&mut self, scheme: &str, object: &str, value: &str, name: &str) {
        let id = self.id("ei");
        self.w.start(
            "ExternalIdentifier",
            &[
                ("id", &id),
                ("identificationScheme", scheme),
                ("registryObject", object),
                ("value", value),
            ],
        );
        self.localized("Name", name);
        self.w.end("ExternalIdentifier");
    }
    fn association(&mut self, kind: &str, source: &str, target: &str, original: bool) {
        let id = self.id("as");
        self.w.start(
            "Association",
            &[
                ("associationType", kind),
                ("id", &id),
                ("sourceObject", source),
                ("targetObject", target),
            ],
        );
        if original {
            self.slot("SubmissionSetStatus", &["Original"]);
        }
        self.w.end("Association");
    }

    fn document_entry(&mut self, id: &str, m: &DocumentMetadata, event: Option<&Coded>) {
        self.w.start(
            "ExtrinsicObject",
            &[
                ("id", id),
                ("mimeType", &m.mime_type),
                ("objectType", uuid::DOC_ENTRY_OBJECT_TYPE),
            ],
        );
        self.slot("creationTime", &[&m.creation_time]);
        self.slot("hash", &[&m.hash]);
        self.slot("languageCode", &[&m.language]);
        if let Some(l) = &m.legal_authenticator {
            self.slot("legalAuthenticator", &[l]);
        }
        self.slot("serviceStartTime", &[&m.service_start]);
        if let Some(s) = &m.service_stop {
            self.slot("serviceStopTime", &[s]);
        }
        self.slot("size", &[&m.size.to_string()]);
        self.slot("sourcePatientId", &[&m.source_patient_id]);
        if !m.source_patient_info.is_empty() {
            let v: Vec<&str> = m.source_patient_info.iter().map(String::as_str).collect();
            self.slot("sourcePatientInfo", &v);
        }
        self.localized("Name", &m.title);
        self.author(uuid::DOC_ENTRY_AUTHOR, id, &m.author);
        self.coded(uuid::DOC_ENTRY_CLASS_CODE, id, &m.class_code);
        self.coded(uuid::DOC_ENTRY_TYPE_CODE, id, &m.type_code);
        for c in &m.confidentiality {
            self.coded(uuid::DOC_ENTRY_CONFIDENTIALITY, id, c);
        }
        self.coded(uuid::DOC_ENTRY_FORMAT_CODE, id, &m.format_code);
        self.coded(uuid::DOC_ENTRY_FACILITY_TYPE, id, &m.facility_type);
        self.coded(uuid::DOC_ENTRY_PRACTICE_SETTING, id, &m.practice_setting);
        if let Some(e) = event {
            self.coded(uuid::DOC_ENTRY_EVENT_CODE, id, e);
        }
        self.external_id(
            uuid::DOC_ENTRY_PATIENT_ID,
            id,
            &m.patient_id,
            "XDSDocumentEntry.patientId",
        );
        self.external_id(
            uuid::DOC_ENTRY_UNIQUE_ID,
            id,
            &m.unique_id,
            "XDSDocumentEntry.uniqueId",
        );
        self.w.end("ExtrinsicObject");
    }
}

/// The RegistryPackage of the submission set, with its namespace declared: what the XAdES
/// manifest's submission-set reference digests (exclusive c14n), and what goes in the request.
pub fn submission_set_xml(s: &Submission, standalone: bool) -> String {
    let mut o = Objects {
        w: XmlWriter::new(),
        next: 0,
    };
    let mut attrs = vec![("id", SS_ID)];
    if standalone {
        attrs.push(("xmlns", ns::RIM));
    }
    o.w.start("RegistryPackage", &attrs);
    o.slot("submissionTime", &[&s.submission_time]);
    o.author(uuid::SUBMISSION_SET_AUTHOR, SS_ID, &s.author);
    o.coded(uuid::SUBMISSION_SET_CONTENT_TYPE, SS_ID, &s.content_type);
    let id = o.id("cl");
    o.w.empty(
        "Classification",
        &[
            ("classificationNode", uuid::SUBMISSION_SET_NODE),
            ("classifiedObject", SS_ID),
            ("id", &id),
        ],
    );
    o.external_id(
        uuid::SUBMISSION_SET_PATIENT_ID,
        SS_ID,
        &s.patient_id,
        "XDSSubmissionSet.patientId",
    );
    o.external_id(
        uuid::SUBMISSION_SET_SOURCE_ID,
        SS_ID,
        &s.source_id,
        "XDSSubmissionSet.sourceId",
    );
    o.external_id(
        uuid::SUBMISSION_SET_UNIQUE_ID,
        SS_ID,
        &s.unique_id,
        "XDSSubmissionSet.uniqueId",
    );
    o.w.end("RegistryPackage");
    o.w.into_string()
}

/// The metadata of the signature document (reference §5.1: DSG codes, `art`, masked).
pub fn signature_metadata(
    s: &Submission,
    unique_id: &str,
    hash: &str,
    size: u64,
) -> DocumentMetadata {
    let first = s.documents.first().map(|d| &d.metadata);
    let vis = crate::model::codes::oid::VISIBILITY;
    DocumentMetadata {
        unique_id: unique_id.to_string(),
        title: "Source".into(),
        class_code: Coded::new(dsg::CLASS, "URN", Some("Digital Signature")),
        type_code: Coded::new(dsg::TYPE, "ASTM", Some("Full Document")),
        format_code: Coded::new(dsg::FORMAT, "URN", Some("Default Signature Style")),
        confidentiality: vec![
            crate::model::codes::confidentiality_normal(),
            Coded::new("MASQUE_PS", vis, Some("Masqué aux professionnels de santé")),
            Coded::new("INVISIBLE_PATIENT", vis, Some("Non visible par le patient")),
        ],
        facility_type: first.map(|m| m.facility_type.clone()).unwrap_or_default(),
        practice_setting: first
            .map(|m| m.practice_setting.clone())
            .unwrap_or_default(),
        author: s.author.clone(),
        legal_authenticator: Some(s.author.xcn()),
        patient_id: s.patient_id.clone(),
        source_patient_id: s.patient_id.clone(),
        source_patient_info: vec![],
        creation_time: s.submission_time.clone(),
        service_start: s.submission_time.clone(),
        service_stop: Some(s.submission_time.clone()),
        language: "art".into(),
        mime_type: "text/xml".into(),
        hash: hash.to_string(),
        size,
    }
}

/// The content id of the MIME part of document `i` (the signature: `None`).
fn part_cid(i: Option<usize>) -> String {
    match i {
        Some(i) => format!("document{:02}@dmp", i + 1),
        None => "signature@dmp".into(),
    }
}

/// The body of the request: `ProvideAndRegisterDocumentSetRequest`, documents as XOP includes.
pub fn request_body(s: &Submission, signature: &DocumentMetadata) -> String {
    let mut o = Objects {
        w: XmlWriter::new(),
        next: 0,
    };
    o.w.start(
        "xdsb:ProvideAndRegisterDocumentSetRequest",
        &[
            ("xmlns", ns::RIM),
            ("xmlns:rs", ns::RS),
            ("xmlns:lcm", ns::LCM),
            ("xmlns:xdsb", ns::XDSB),
        ],
    );
    o.w.start("lcm:SubmitObjectsRequest", &[]);
    o.w.start("RegistryObjectList", &[]);
    o.w.raw(&submission_set_xml(s, false));
    // Ids of the submission set's objects were counted apart; go on after them.
    o.next = 100;
    for (i, d) in s.documents.iter().enumerate() {
        o.document_entry(&document_id(i), &d.metadata, None);
    }
    let event = Coded::new(dsg::EVENT, dsg::EVENT_SYSTEM, Some("Source"));
    o.document_entry(SIG_ID, signature, Some(&event));
    for i in 0..s.documents.len() {
        o.association(association::HAS_MEMBER, SS_ID, &document_id(i), true);
    }
    o.association(association::HAS_MEMBER, SS_ID, SIG_ID, true);
    o.association(association::SIGNS, SIG_ID, SS_ID, true);
    for (i, d) in s.documents.iter().enumerate() {
        if let Some(old) = &d.replaces_entry_uuid {
            o.association(association::RPLC, &document_id(i), old, false);
        }
    }
    o.w.end("RegistryObjectList");
    o.w.end("lcm:SubmitObjectsRequest");
    for i in (0..s.documents.len()).map(Some).chain([None]) {
        let id = i.map(document_id).unwrap_or_else(|| SIG_ID.to_string());
        o.w.start("xdsb:Document", &[("id", &id)]);
        o.w.empty(
            "xop:Include",
            &[
                ("xmlns:xop", ns::XOP),
                ("href", &format!("cid:{}", part_cid(i))),
            ],
        );
        o.w.end("xdsb:Document");
    }
    o.w.end("xdsb:ProvideAndRegisterDocumentSetRequest");
    o.w.into_string()
}

/// The whole TD2.1 request: the SOAP envelope with the VIHF, then one MIME part per document
/// streamed from its file, then the signature. `signature_xml` is the signed XAdES document.
pub fn build_request(
    vihf: &Vihf,
    s: &Submission,
    signature_xml: &str,
    signature_unique_id: &str,
) -> Result<MtomBody> {
    let sig_bytes = signature_xml.as_bytes().to_vec();
    let sig_meta = signature_metadata(
        s,
        signature_unique_id,
        &crate::dmp::xds::retrieve::sha1_hex(&sig_bytes),
        sig_bytes.len() as u64,
    );
    let action = crate::dmp::catalogue::Tx::Td21.action();
    let message_id = soap::new_message_id();
    let envelope = soap::build_envelope(
        action,
        &message_id,
        &vihf.xml,
        &request_body(s, &sig_meta),
        soap::ENVELOPE_NS_DEFAULT,
    );
    let mut parts = Vec::new();
    for (i, d) in s.documents.iter().enumerate() {
        parts.push(OutPart::file(
            &part_cid(Some(i)),
            &d.metadata.mime_type,
            d.content.clone(),
            d.metadata.size,
            &d.metadata.hash,
        ));
    }
    parts.push(OutPart::bytes(&part_cid(None), "text/xml", sig_bytes));
    mtom::write_request(action, message_id, envelope.into_bytes(), parts)
}

/// What the DMP answered to a submission it accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmitResponse {
    pub status: String,
    /// Warnings (a PartialSuccess, or a Success with warnings).
    pub errors: Vec<RegistryError>,
}

/// Parses the `RegistryResponse` of TD2.1: a Failure is the error of its first RegistryError
/// (with the DMP's code); a SOAP fault is its error.
pub fn parse_response(content_type: &str, body: &[u8]) -> Result<SubmitResponse> {
    let msg = mtom::parse(content_type, body)?;
    let root = soap::parse_response(&msg.root)?;
    soap::expect_root(&root, ns::RS, "RegistryResponse")?;
    let status = root.attr("status").unwrap_or("").to_owned();
    let errors = registry_errors(&root);
    check_status(&status, &errors)?;
    Ok(SubmitResponse { status, errors })
}

/// A new OID under `root` for a uniqueId: `root.<UTC seconds>.<random>`, unique without
/// keeping any state (a batch keeps the one it drew, so a re-run sends the same).
pub fn new_unique_id(root: &str) -> Result<String> {
    if !crate::model::codes::oid::is_well_formed(root) {
        return Err(Error::config(crate::tr!("xds-bad-oid-root", root = root)));
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let r = ::uuid::Uuid::new_v4().as_u128() % 1_000_000_000;
    Ok(format!("{root}.{now}.{r}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: &str, errors: &str) -> Vec<u8> {
        format!(
            r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="{status}">{errors}</rs:RegistryResponse></s:Body></s:Envelope>"#
        )
        .into_bytes()
    }

    #[test]
    fn a_failure_is_an_error_with_the_dmp_code_and_a_success_may_carry_warnings() {
        let ok = parse_response(
            "application/soap+xml",
            &answer(
                "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success",
                "",
            ),
        )
        .unwrap();
        assert!(ok.errors.is_empty());
        let e = parse_response(
            "application/soap+xml",
            &answer(
                "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure",
                r#"<rs:RegistryErrorList><rs:RegistryError errorCode="XDSDuplicateUniqueIdInRegistry" codeContext="uniqueId 1.2.3 already registered" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/></rs:RegistryErrorList>"#,
            ),
        )
        .unwrap_err();
        assert_eq!(e.dmp_code(), Some("XDSDuplicateUniqueIdInRegistry"));
        assert!(e.message().contains("already registered"), "{e}");
        let partial = parse_response(
            "application/soap+xml",
            &answer(
                "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess",
                r#"<rs:RegistryErrorList><rs:RegistryError errorCode="W1" codeContext="note" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"/></rs:RegistryErrorList>"#,
            ),
        )
        .unwrap();
        assert_eq!(partial.errors[0].code, "W1");
        // Not a RegistryResponse: refused.
        assert!(parse_response("application/soap+xml", b"<a/>").is_err());
    }

    #[test]
    fn times_go_to_utc_and_names_keep_their_delimiters_out() {
        assert_eq!(
            xds_time("20240102101500+0100").as_deref(),
            Some("20240102091500")
        );
        assert_eq!(xds_time("20240102").as_deref(), Some("20240102"));
        assert_eq!(xds_time("2024-01-02"), None);
        assert_eq!(
            xcn("899700000017", "DUPONT^X", "A&B"),
            "899700000017^DUPONT\\S\\X^A\\T\\B^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
        );
        let id = new_unique_id("1.2.250.1.999.1.3").unwrap();
        assert!(id.starts_with("1.2.250.1.999.1.3."));
        assert!(crate::model::codes::oid::is_well_formed(&id), "{id}");
        assert!(id.len() <= derive::MAX_UNIQUE_ID);
        assert!(new_unique_id("1.x").is_err());
    }
}
