//! TD0.4 `patientList` (service "PatientSpecific", namespace `urn:si-dmp-patients`): the DMPs the
//! user (or the structure) is authorized on, since a date, by last authorization or last
//! document. Built like `TD0.4-authorized-dmp-list.request.xml`; the response follows the WSDL
//! (`patientListResponse/output{patientlistData*,status,context}`).
//!
//! Assumptions: `startDate` is written `YYYYMMDDhhmmss` in UTC; `psOwnerId` (optional in the
//! WSDL, absent from the example) is not sent.

use time::OffsetDateTime;

use crate::dmp::habilitations::{service_status, ServiceStatus};
use crate::dmp::hl7v3::hl7_ts;
use crate::dmp::soap::{self, ENVELOPE_NS_DEFAULT};
use crate::dmp::vihf::Vihf;
use crate::dmp::xml::{ns, XmlWriter};
use crate::dmp::SoapRequest;
use crate::error::{Error, Result};
use crate::model::codes::PatientListDateType;

/// TD0.4 request. The VIHF may be built without a patient.
pub fn build_patient_list_request(
    vihf: &Vihf,
    since: OffsetDateTime,
    date_type: PatientListDateType,
) -> SoapRequest {
    let mut w = XmlWriter::new();
    w.start("patientList", &[("xmlns", ns::PATIENTS)]);
    w.leaf("startDate", &[], &hl7_ts(since));
    w.leaf("dateType", &[], date_type.code());
    w.end("patientList");
    soap::request(
        crate::dmp::catalogue::Tx::Td04.action(),
        &vihf.xml,
        &w.into_string(),
        ENVELOPE_NS_DEFAULT,
    )
}

/// A patient identifier of the list (national id and its type/OID).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatientIdentifier {
    pub national_id: Option<String>,
    pub national_id_type: Option<String>,
}

/// One DMP of the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuthorizedPatient {
    pub identifiers: Vec<PatientIdentifier>,
    pub last_name: Option<String>,
    pub birth_name: Option<String>,
    pub first_name: Option<String>,
    pub civility: Option<String>,
    pub date_of_birth: Option<String>,
    /// The caller is "médecin traitant DMP" of this patient.
    pub attending_physician: bool,
    /// The WSDL's `message` flag.
    pub message: bool,
    pub last_access_date: Option<String>,
    pub last_update_date: Option<String>,
    pub last_add_date: Option<String>,
}

/// TD0.4 result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatientList {
    pub patients: Vec<AuthorizedPatient>,
    pub status: ServiceStatus,
}

fn flag(v: Option<String>) -> bool {
    matches!(v.as_deref(), Some("true") | Some("1"))
}

/// TD0.4 response.
pub fn parse_patient_list_response(bytes: &[u8]) -> Result<PatientList> {
    let root = soap::parse_response(bytes)?;
    soap::expect_root(&root, ns::PATIENTS, "patientListResponse")?;
    let output = root.child("output").ok_or_else(|| {
        Error::server(crate::tr!(
            "dmp-answer-without-output",
            operation = "patientList"
        ))
    })?;
    let status = service_status(output, &crate::tr!("dmp-what-patient-list"))?;
    let patients = output
        .children_named("patientlistData")
        .map(|p| AuthorizedPatient {
            identifiers: p
                .children_named("patientIdentifier")
                .map(|i| PatientIdentifier {
                    national_id: i.child_text("nationalId"),
                    national_id_type: i.child_text("nationalIdType"),
                })
                .collect(),
            last_name: p.child_text("lastName"),
            birth_name: p.child_text("patronymicalName"),
            first_name: p.child_text("firstName"),
            civility: p.child_text("civility"),
            date_of_birth: p.child_text("dateOfBirth"),
            attending_physician: flag(p.child_text("MT")),
            message: flag(p.child_text("message")),
            last_access_date: p.child_text("lastAccessDate"),
            last_update_date: p.child_text("lastUpdateDate"),
            last_add_date: p.child_text("lastAddDate"),
        })
        .collect();
    Ok(PatientList { patients, status })
}
