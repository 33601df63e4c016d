//! Patient-level use cases: DMP status (TD0.2), authorization after consent (TD0.3), the DMPs I
//! am authorized on (TD0.4), the professionals authorized or blocked on a DMP (TD1.6). Also the
//! gate every patient command passes first, in every access mode: TD0.2, then the consent and
//! rights rules of [`super::consent`] (a missing or closed DMP and a patient's block stop
//! everything; an opposition stops its mode; normal access needs a valid authorization).

use serde::Serialize;
use time::OffsetDateTime;

use super::access::{DmpAccess, Tx};
use super::consent::{self, Action};
use crate::dmp::habilitations;
use crate::dmp::hl7v3::{self, DmpStatus};
use crate::dmp::patients;
use crate::error::Result;
use crate::model::codes::{
    self, AccessMode, AuthorizationAction, AuthorizationListMode, CodeLabel, PatientListDateType,
};
use crate::model::ins::Ins;
use crate::model::timestamp::{from_hl7, Timestamp};

/// Where the patient's consent to the authorization was confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// A person answered yes at the terminal.
    Prompt,
    /// A script passed `--patient-consent`.
    Flag,
}

impl Consent {
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Prompt => "confirmed at the prompt",
            Consent::Flag => "--patient-consent",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct StatusReport {
    pub ins: String,
    pub ins_oid: String,
    pub access_mode: String,
    pub reason: Option<String>,
    pub dmp_exists: bool,
    /// VALIDE, EXPIRE, INTERDIT or NON_EXISTE.
    pub authorization: Option<String>,
    pub authorization_text: Option<String>,
    pub attending_physician: bool,
    pub closed: bool,
    /// When the DMP was closed, RFC 3339.
    pub closing_date: Option<Timestamp>,
    /// Why: the DMP's reason code and its text.
    pub closing_reason: Option<CodeLabel>,
    pub attached_to_mon_espace_sante: Option<bool>,
    /// The patient objects to emergency access (OPPOSITION_BRIS_DE_GLACE).
    pub opposes_emergency_access: Option<bool>,
    /// The patient objects to regulation access, centre 15 (OPPOSITION_ACCES_URGENCE).
    pub opposes_regulation_access: Option<bool>,
    /// What this means for the practitioner, in plain words.
    pub meaning: String,
}

/// TD0.2 for `ins`, in the run's mode.
pub fn td02(access: &DmpAccess, ins: &Ins, mode: AccessMode) -> Result<DmpStatus> {
    let sender = access.hl7_sender();
    access.transact(
        Tx::Td02,
        Some(ins),
        mode,
        Some("TEST_EXST".into()),
        None,
        |vihf| {
            Ok(hl7v3::build_td02_request(
                vihf,
                &sender,
                ins,
                OffsetDateTime::now_utc(),
            ))
        },
        |reply| hl7v3::parse_td02_response(&reply.body),
        |s: &DmpStatus| {
            (
                Some(
                    s.authorization
                        .map(|a| a.code().to_string())
                        .unwrap_or_else(|| {
                            if s.exists {
                                "?".into()
                            } else {
                                "NO_DMP".into()
                            }
                        }),
                ),
                vec![],
            )
        },
    )
}

/// What the status means for this user in this mode: what would stop a consultation, else
/// how it is allowed.
fn meaning(access: &DmpAccess, s: &DmpStatus, mode: AccessMode) -> String {
    if let Err(r) = consent::check(access.user(), mode, Action::SearchMetadata, s) {
        return match r.rule.as_str() {
            "C3/C5: authorization EXPIRE" => crate::tr!("commands-patient-expired"),
            "C3/C5: authorization NON_EXISTE" => crate::tr!("commands-patient-not-authorized"),
            "C4: INTERDIT" => crate::tr!("commands-patient-blocked"),
            _ => r.message,
        };
    }
    match mode {
        AccessMode::Centre15 => crate::tr!("commands-patient-regulation-possible"),
        AccessMode::BrisDeGlace => crate::tr!("commands-patient-emergency-possible"),
        AccessMode::Normal if s.attending_physician => {
            crate::tr!("commands-patient-authorized-attending")
        }
        AccessMode::Normal => crate::tr!("commands-patient-authorized"),
    }
}

fn report(access: &DmpAccess, ins: &Ins, s: &DmpStatus, mode: AccessMode) -> StatusReport {
    StatusReport {
        ins: ins.number().to_string(),
        ins_oid: ins.oid().to_string(),
        access_mode: mode.code().to_string(),
        reason: access
            .mode()
            .reason
            .clone()
            .filter(|_| mode == AccessMode::BrisDeGlace),
        dmp_exists: s.exists,
        authorization: s.authorization.map(|a| a.code().to_string()),
        authorization_text: s.authorization_text.clone(),
        attending_physician: s.attending_physician,
        closed: s.closed,
        closing_date: from_hl7(s.closing.as_ref().and_then(|c| c.date.as_deref())),
        closing_reason: s.closing.as_ref().and_then(|c| {
            let code = c.reason_code.as_deref().or(c.reason_text.as_deref())?;
            Some(CodeLabel::new(code, c.reason_text.as_deref()))
        }),
        attached_to_mon_espace_sante: s.attached_to_mes,
        opposes_emergency_access: s.opposition_break_glass,
        opposes_regulation_access: s.opposition_regulation,
        meaning: meaning(access, s, mode),
    }
}

/// `dmp patient status`.
pub fn status(access: &DmpAccess, ins: &Ins) -> Result<StatusReport> {
    let mode = access.mode().mode;
    let s = td02(access, ins, mode)?;
    Ok(report(access, ins, &s, mode))
}

/// The gate before any patient transaction, in every mode: TD0.2 first, then the consent and
/// rights rules for each transaction of the run. Returns the status.
pub fn check_access(access: &DmpAccess, ins: &Ins) -> Result<DmpStatus> {
    let mode = access.mode().mode;
    let s = td02(access, ins, mode)?;
    for a in access.actions() {
        if let Err(r) = consent::check(access.user(), mode, *a, &s) {
            return Err(access.refuse(*a, Some(ins), mode, r));
        }
    }
    Ok(s)
}

#[derive(Debug, Serialize)]
pub struct AuthorizeReport {
    pub ins: String,
    /// "AJOUT" or "SUPPRESSION".
    pub action: String,
    pub attending_physician: bool,
    /// The DMP's answer: DMPOk and its context text.
    pub status: String,
    pub context: Option<String>,
    /// How the patient's consent was confirmed (AJOUT).
    pub consent: Option<String>,
}

/// The TD0.3 transaction for these flags.
pub fn authorize_action(remove: bool, attending: bool) -> Action {
    match (remove, attending) {
        (false, false) => Action::Authorize,
        (false, true) => Action::AuthorizeAttending,
        (true, false) => Action::RemoveAuthorization,
        (true, true) => Action::RemoveAttending,
    }
}

/// `dmp patient authorize`: adding needs the patient's consent, checked before anything is
/// sent; then TD0.2 and the rules, then TD0.3.
pub fn authorize(
    access: &DmpAccess,
    ins: &Ins,
    remove: bool,
    attending: bool,
    consent: Option<Consent>,
) -> Result<AuthorizeReport> {
    let wanted = authorize_action(remove, attending);
    if !remove && consent.is_none() {
        return Err(access.refuse(
            wanted,
            Some(ins),
            AccessMode::Normal,
            consent::consent_missing(),
        ));
    }
    let s = td02(access, ins, AccessMode::Normal)?;
    if let Err(r) = consent::check(access.user(), AccessMode::Normal, wanted, &s) {
        return Err(access.refuse(wanted, Some(ins), AccessMode::Normal, r));
    }
    let action = if remove {
        AuthorizationAction::Suppression
    } else {
        AuthorizationAction::Ajout
    };
    let consent_text = if remove {
        None
    } else {
        consent.map(|c| c.as_str().to_string())
    };
    let st = access.transact(
        Tx::Td03,
        Some(ins),
        AccessMode::Normal,
        Some(format!(
            "{}{}",
            action.code(),
            if attending { " MEDECIN_TRAITANT" } else { "" }
        )),
        consent_text.clone(),
        |vihf| {
            Ok(habilitations::build_set_authorization_request(
                vihf, action, attending,
            ))
        },
        |reply| habilitations::parse_set_authorization_response(&reply.body),
        |st| (Some(st.status.clone()), vec![]),
    )?;
    Ok(AuthorizeReport {
        ins: ins.number().to_string(),
        action: action.code().to_string(),
        attending_physician: attending,
        status: st.status,
        context: st.context,
        consent: consent_text,
    })
}

#[derive(Debug, Serialize)]
pub struct AuthorizedPatients {
    /// A full-date.
    pub since: Timestamp,
    pub patients: Vec<AuthorizedPatientRow>,
}

#[derive(Debug, Serialize)]
pub struct AuthorizedPatientRow {
    pub ins: Option<String>,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub date_of_birth: Option<Timestamp>,
    pub attending_physician: bool,
    pub last_access: Option<Timestamp>,
    pub last_update: Option<Timestamp>,
}

/// `dmp patients authorized`: TD0.4.
pub fn authorized(access: &DmpAccess, since: OffsetDateTime) -> Result<AuthorizedPatients> {
    let list = access.transact(
        Tx::Td04,
        None,
        AccessMode::Normal,
        Some(format!("since {}", since.date())),
        None,
        |vihf| {
            Ok(patients::build_patient_list_request(
                vihf,
                since,
                PatientListDateType::LastAuthorization,
            ))
        },
        |reply| patients::parse_patient_list_response(&reply.body),
        |l| (Some(format!("{} patients", l.patients.len())), vec![]),
    )?;
    Ok(AuthorizedPatients {
        since: Timestamp::Date(since.date()),
        patients: list
            .patients
            .into_iter()
            .map(|p| AuthorizedPatientRow {
                ins: p.identifiers.iter().find_map(|i| i.national_id.clone()),
                last_name: p.last_name,
                first_name: p.first_name,
                date_of_birth: from_hl7(p.date_of_birth.as_deref()),
                attending_physician: p.attending_physician,
                last_access: from_hl7(p.last_access_date.as_deref()),
                last_update: from_hl7(p.last_update_date.as_deref()),
            })
            .collect(),
    })
}

#[derive(Debug, Serialize)]
pub struct ProfessionalRow {
    pub national_id: Option<String>,
    /// Whose id it is: a professional (`1.2.250.1.71.4.2.1`) or a structure
    /// (`1.2.250.1.71.4.2.2`).
    pub holder_type: Option<CodeLabel>,
    pub name: String,
    pub specialty: Option<CodeLabel>,
    /// ACTIVE (authorized) or INTERDITE (blocked by the patient).
    pub mode: Option<CodeLabel>,
    pub attending_physician: bool,
    pub since: Option<Timestamp>,
    pub last_action: Option<Timestamp>,
}

fn authorization_mode(m: AuthorizationListMode) -> CodeLabel {
    let label = match m {
        AuthorizationListMode::Active => crate::tr!("commands-patient-list-authorized"),
        AuthorizationListMode::Interdite => crate::tr!("commands-patient-list-blocked"),
        AuthorizationListMode::Toute => crate::tr!("commands-patient-list-all"),
    };
    CodeLabel::new(m.code(), Some(&label))
}

fn holder_type(oid: &str) -> CodeLabel {
    let label = match oid {
        codes::oid::IDNAT_PS => Some("professional"),
        codes::oid::IDNAT_STRUCT => Some("structure"),
        _ => None,
    };
    CodeLabel::new(oid, label)
}

#[derive(Debug, Serialize)]
pub struct ProfessionalsReport {
    pub ins: String,
    pub access_mode: String,
    pub professionals: Vec<ProfessionalRow>,
}

/// `dmp patient professionals`: the gate, then TD1.6 (authorized and blocked).
pub fn professionals(access: &DmpAccess, ins: &Ins) -> Result<ProfessionalsReport> {
    check_access(access, ins)?;
    let mode = access.mode().mode;
    let list = access.transact(
        Tx::Td16,
        Some(ins),
        mode,
        Some("TOUTE".into()),
        None,
        |vihf| {
            Ok(habilitations::build_list_authorizations_request(
                vihf,
                AuthorizationListMode::Toute,
            ))
        },
        |reply| habilitations::parse_list_authorizations_response(&reply.body),
        |l| (Some(format!("{} professionals", l.entries.len())), vec![]),
    )?;
    Ok(ProfessionalsReport {
        ins: ins.number().to_string(),
        access_mode: mode.code().to_string(),
        professionals: list
            .entries
            .iter()
            .map(|e| ProfessionalRow {
                national_id: e.national_id.clone(),
                holder_type: e.national_id_type.as_deref().map(holder_type),
                name: [e.first_name.as_deref(), e.last_name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                specialty: match (e.specialty_codes.first(), e.specialty_labels.first()) {
                    (Some(c), l) => Some(CodeLabel::new(c, l.map(String::as_str))),
                    (None, Some(l)) => Some(CodeLabel::new("", Some(l))),
                    (None, None) => None,
                },
                mode: e.mode.map(authorization_mode),
                attending_physician: e.is_attending_physician(),
                since: from_hl7(e.start_of_authorization.as_deref()),
                last_action: from_hl7(e.last_action_date.as_deref()),
            })
            .collect(),
    })
}
