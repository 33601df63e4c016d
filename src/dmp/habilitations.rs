//! The "Habilitations" service (namespace `urn:si-dmp-habilitations`):
//! TD0.3 `setAuthorization` (declare or remove one's authorization, optionally as "médecin
//! traitant DMP") and TD1.6 `listAuthorizationByPatient` (professionals authorized or blocked on
//! the DMP). The patient is named by the VIHF `resource-id`, not in the body.
//!
//! Requests are built like `TD0.3-set-authorization.request.xml` and
//! `TD1.6-authorized-or-blocked-professionals.request.xml`; responses follow the WSDL
//! (`setAuthorizationResponse/output{status,context}`,
//! `listAuthorizationByPatientResponse/output{listOfAuthorizationByPatient*,status,context}`).
//!
//! Assumption: any `status` other than `DMPOk` is a refusal; it becomes a server error carrying
//! the status and the context text.

use crate::dmp::soap::{self, ENVELOPE_NS_DEFAULT};
use crate::dmp::vihf::Vihf;
use crate::dmp::xml::{ns, Element, XmlWriter};
use crate::dmp::SoapRequest;
use crate::error::{Error, Result};
use crate::model::codes::{AuthorizationAction, AuthorizationListMode, ROLE_MEDECIN_TRAITANT};

/// The `status` of a successful proprietary-service response.
pub const STATUS_OK: &str = "DMPOk";

/// `status` and `context` of a proprietary-service response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceStatus {
    pub status: String,
    /// Free text, e.g. "Autorisation déjà présente aucune action effectuée".
    pub context: Option<String>,
}

/// Reads `status`/`context` of an `output` element and fails unless the status is `DMPOk`.
pub(crate) fn service_status(output: &Element, what: &str) -> Result<ServiceStatus> {
    let st = ServiceStatus {
        status: output.child_text("status").unwrap_or_default(),
        context: output.child_text("context"),
    };
    if st.status != STATUS_OK {
        let status = if st.status.is_empty() {
            crate::tr!("dmp-no-status")
        } else {
            st.status.clone()
        };
        let e = Error::server(crate::tr!(
            "dmp-service-refused",
            what = what,
            status = status,
            context = st.context.as_deref().unwrap_or("")
        ));
        return Err(if st.status.is_empty() {
            e
        } else {
            e.with_dmp_code(&st.status)
        });
    }
    Ok(st)
}

/// TD0.3 request: `AJOUT` or `SUPPRESSION`, with `role=MEDECIN_TRAITANT` when
/// `attending_physician` is true.
pub fn build_set_authorization_request(
    vihf: &Vihf,
    action: AuthorizationAction,
    attending_physician: bool,
) -> SoapRequest {
    let mut w = XmlWriter::new();
    w.start("setAuthorization", &[("xmlns", ns::HABILITATIONS)]);
    w.leaf("action", &[], action.code());
    if attending_physician {
        w.leaf("role", &[], ROLE_MEDECIN_TRAITANT);
    }
    w.end("setAuthorization");
    soap::request(
        crate::dmp::catalogue::Tx::Td03.action(),
        &vihf.xml,
        &w.into_string(),
        ENVELOPE_NS_DEFAULT,
    )
}

/// TD0.3 response.
pub fn parse_set_authorization_response(bytes: &[u8]) -> Result<ServiceStatus> {
    let root = soap::parse_response(bytes)?;
    soap::expect_root(&root, ns::HABILITATIONS, "setAuthorizationResponse")?;
    let output = root.child("output").ok_or_else(|| {
        Error::server(crate::tr!(
            "dmp-answer-without-output",
            operation = "setAuthorization"
        ))
    })?;
    service_status(output, &crate::tr!("dmp-what-authorization-update"))
}

/// TD1.6 request.
pub fn build_list_authorizations_request(vihf: &Vihf, mode: AuthorizationListMode) -> SoapRequest {
    let mut w = XmlWriter::new();
    w.start(
        "listAuthorizationByPatient",
        &[("xmlns", ns::HABILITATIONS)],
    );
    w.leaf("mode", &[], mode.code());
    w.end("listAuthorizationByPatient");
    soap::request(
        crate::dmp::catalogue::Tx::Td16.action(),
        &vihf.xml,
        &w.into_string(),
        ENVELOPE_NS_DEFAULT,
    )
}

/// One professional authorized on, or blocked from, the DMP.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProfessionalAuthorization {
    pub national_id: Option<String>,
    /// `1.2.250.1.71.4.2.1` (professional) or `1.2.250.1.71.4.2.2` (structure).
    pub national_id_type: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// e.g. `G15_10/SM26`.
    pub specialty_codes: Vec<String>,
    pub specialty_labels: Vec<String>,
    pub start_of_authorization: Option<String>,
    pub last_action_date: Option<String>,
    /// ACTIVE or INTERDITE.
    pub mode: Option<AuthorizationListMode>,
    /// e.g. MEDECIN_TRAITANT.
    pub specific_rights: Vec<String>,
}

impl ProfessionalAuthorization {
    pub fn is_attending_physician(&self) -> bool {
        self.specific_rights
            .iter()
            .any(|r| r == ROLE_MEDECIN_TRAITANT)
    }
}

/// TD1.6 result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuthorizationList {
    pub entries: Vec<ProfessionalAuthorization>,
    pub status: ServiceStatus,
}

fn texts(e: &Element, name: &str) -> Vec<String> {
    e.children_named(name)
        .map(|c| c.text().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// TD1.6 response.
pub fn parse_list_authorizations_response(bytes: &[u8]) -> Result<AuthorizationList> {
    let root = soap::parse_response(bytes)?;
    soap::expect_root(
        &root,
        ns::HABILITATIONS,
        "listAuthorizationByPatientResponse",
    )?;
    let output = root.child("output").ok_or_else(|| {
        Error::server(crate::tr!(
            "dmp-answer-without-output",
            operation = "listAuthorizationByPatient"
        ))
    })?;
    let status = service_status(output, &crate::tr!("dmp-what-authorization-list"))?;
    let mut entries = Vec::new();
    for a in output.children_named("listOfAuthorizationByPatient") {
        let mode = match a.child_text("mode") {
            None => None,
            Some(m) => Some(AuthorizationListMode::from_code(&m).ok_or_else(|| {
                Error::server(crate::tr!("dmp-unknown-authorization-mode", mode = &m))
            })?),
        };
        entries.push(ProfessionalAuthorization {
            national_id: a.child_text("nationalId"),
            national_id_type: a.child_text("nationalIdType"),
            first_name: a.child_text("firstName"),
            last_name: a.child_text("lastName"),
            specialty_codes: texts(a, "codeSpeciality"),
            specialty_labels: texts(a, "libSpeciality"),
            start_of_authorization: a.child_text("startOfAuthorization"),
            last_action_date: a.child_text("lastActionDate"),
            mode,
            specific_rights: texts(a, "specificRight"),
        });
    }
    Ok(AuthorizationList { entries, status })
}
