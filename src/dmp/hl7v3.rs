//! TD0.2, "test d'existence d'un DMP et vérification de l'autorisation": HL7 v3
//! `PRPA_IN201307UV02` with reason `TEST_EXST`; the response `PRPA_IN201308UV02` gives the DMP's
//! state and the caller's authorization.
//!
//! The request is built like `TD0.2-existence-test.request.xml`. The response is read from the
//! reference (§3.1): `attentionLine`s `AUTORISATION` (VALIDE/EXPIRE/INTERDIT/NON_EXISTE) and
//! `STATUT_MT` (boolean), `patient/statusCode` (`active` / `terminated`),
//! `administrativeObservation`s (`RATTACHEMENT_ENS`, `COMPTE_INTERNET_OUVERT`,
//! `OPPOSITION_BRIS_DE_GLACE`, `OPPOSITION_ACCES_URGENCE`…), the patient's identity traits
//! (`patientPerson`), and the closing reason.
//!
//! The two oppositions: `OPPOSITION_BRIS_DE_GLACE` is the patient's objection to emergency
//! access by a professional, `OPPOSITION_ACCES_URGENCE` ("opposition à l'accès au mode
//! urgence") their objection to access by the medical regulation centre (centre 15). The
//! reference lists both codes without saying which mode each one governs; practice software
//! that sets them (Mediboard's HL7 v3 DMP messages) fills the second from the patient's
//! "centre 15" choice [S].
//!
//! Assumptions, written down:
//! - The ids of the request are derived from the LPS OID as in the example
//!   ([`Hl7Sender::from_lps_oid`]: message ids under `OID.1.1`, query ids under `OID.2`).
//! - `creationTime` is written in UTC (`YYYYMMDDhhmmss`).
//! - The response is read by element names anywhere under the interaction, not by fixed
//!   paths: `attentionLine` = `keyWordText` (its `code` attribute or its text) + `value` (its
//!   `code` or `value` attribute); `administrativeObservation` = `code@code` + `value@value`
//!   (or `@code`). The closing reason is the `detectedIssueEvent` code and text (as in the TD1.4
//!   request), else a `reasonCode` of codeSystem `1.2.250.1.213.4.1.2.4` (code and
//!   `displayName`); its date is the first `effectiveTime` (`@value`, or `high@value`) found
//!   in that event or, failing that, in the registration event.
//! - `queryResponseCode` `NF` (or a patient element absent) means no DMP for this INS; an
//!   acknowledgement `AE`/`AR` is an error carrying the `acknowledgementDetail` text.

use time::OffsetDateTime;
use uuid::Uuid;

use crate::dmp::soap::{self, ENVELOPE_NS_HL7};
use crate::dmp::vihf::Vihf;
use crate::dmp::xml::{ns, Element, XmlWriter};
use crate::dmp::SoapRequest;
use crate::error::{Error, Result};
use crate::model::codes::{admin_observation as obs, oid, AuthorizationStatus};
use crate::model::ins::Ins;

pub const HL7_INTERACTION_ROOT: &str = "2.16.840.1.113883.1.6";

/// The sending software as HL7 v3 names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hl7Sender {
    /// Root OID of the LPS (sender device id).
    pub device_oid: String,
    pub software_name: String,
    /// Root of message ids.
    pub message_id_root: String,
    /// Root of query ids.
    pub query_id_root: String,
}

impl Hl7Sender {
    /// Derives the id roots from the LPS OID as the official example does.
    pub fn from_lps_oid(lps_oid: &str, software_name: &str) -> Hl7Sender {
        Hl7Sender {
            device_oid: lps_oid.to_owned(),
            software_name: software_name.to_owned(),
            message_id_root: format!("{lps_oid}.1.1"),
            query_id_root: format!("{lps_oid}.2"),
        }
    }
}

/// An HL7 TS in UTC, to the second.
pub fn hl7_ts(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn device(w: &mut XmlWriter, wrapper: &str, type_code: &str, root: &str, name: &str) {
    w.start(wrapper, &[("typeCode", type_code)]);
    w.start(
        "device",
        &[("classCode", "DEV"), ("determinerCode", "INSTANCE")],
    );
    w.empty("id", &[("root", root)]);
    w.leaf("softwareName", &[], name);
    w.end("device");
    w.end(wrapper);
}

/// The TD0.2 body (`urn:PRPA_IN201307UV02`).
pub fn td02_body(sender: &Hl7Sender, ins: &Ins, now: OffsetDateTime) -> String {
    let mut w = XmlWriter::new();
    w.start(
        "urn:PRPA_IN201307UV02",
        &[("ITSVersion", "XML_1.0"), ("xmlns", ns::HL7)],
    );
    let msg_id = Uuid::new_v4().to_string();
    w.empty(
        "id",
        &[("root", &sender.message_id_root), ("extension", &msg_id)],
    );
    w.empty("creationTime", &[("value", &hl7_ts(now))]);
    w.empty(
        "interactionId",
        &[
            ("root", HL7_INTERACTION_ROOT),
            ("extension", "PRPA_IN201307UV02"),
        ],
    );
    w.empty("processingCode", &[("code", "D")]);
    w.empty("processingModeCode", &[("code", "T")]);
    w.empty("acceptAckCode", &[("code", "AL")]);
    device(&mut w, "receiver", "RCV", oid::DMP_DEVICE, "DMP");
    device(
        &mut w,
        "sender",
        "SND",
        &sender.device_oid,
        &sender.software_name,
    );
    w.empty(
        "attentionLine",
        &[("xsi:nil", "true"), ("xmlns:xsi", ns::XSI)],
    );
    w.start(
        "urn:controlActProcess",
        &[("classCode", "CACT"), ("moodCode", "EVN")],
    );
    w.empty(
        "reasonCode",
        &[
            ("code", "TEST_EXST"),
            ("codeSystem", oid::DMP_REASON),
            ("displayName", "Test d'existence de dossier"),
        ],
    );
    w.start("queryByParameter", &[]);
    let query_id = Uuid::new_v4().to_string();
    w.empty(
        "queryId",
        &[("root", &sender.query_id_root), ("extension", &query_id)],
    );
    w.empty("statusCode", &[("code", "new")]);
    w.start("parameterList", &[]);
    w.empty("dataSource", &[("xsi:nil", "true"), ("xmlns:xsi", ns::XSI)]);
    w.start("patientIdentifier", &[]);
    w.empty("value", &[("root", ins.oid()), ("extension", ins.number())]);
    w.leaf("semanticsText", &[], "Patient.id");
    w.end("patientIdentifier");
    w.end("parameterList");
    w.end("queryByParameter");
    w.end("urn:controlActProcess");
    w.end("urn:PRPA_IN201307UV02");
    w.into_string()
}

/// TD0.2 request. `vihf` must name the same patient.
pub fn build_td02_request(
    vihf: &Vihf,
    sender: &Hl7Sender,
    ins: &Ins,
    now: OffsetDateTime,
) -> SoapRequest {
    soap::request(
        crate::dmp::catalogue::Tx::Td02.action(),
        &vihf.xml,
        &td02_body(sender, ins, now),
        ENVELOPE_NS_HL7,
    )
}

/// Why and when a DMP was closed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DmpClosing {
    pub date: Option<String>,
    pub reason_code: Option<String>,
    pub reason_text: Option<String>,
}

/// The patient's identity traits in the TD0.2 answer. DMPi RG_0320 (reference §3.1): the LPS
/// must not display them; they are kept for checks, not shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatientPerson {
    pub given: Vec<String>,
    /// Birth name (`family` with qualifier `BR`, or without qualifier).
    pub birth_name: Option<String>,
    /// Name in use (`family` with qualifier `SP`).
    pub usual_name: Option<String>,
    /// `administrativeGenderCode` (F, M, U).
    pub gender: Option<String>,
    /// `birthTime`, as sent (YYYYMMDD).
    pub birth_date: Option<String>,
}

fn person(p: &Element) -> Option<PatientPerson> {
    let pp = p.child("patientPerson")?;
    let mut out = PatientPerson::default();
    if let Some(name) = pp.child("name") {
        out.given = name
            .children_named("given")
            .map(|g| g.text().trim().to_owned())
            .filter(|g| !g.is_empty())
            .collect();
        for f in name.children_named("family") {
            let text = f.text().trim().to_owned();
            if text.is_empty() {
                continue;
            }
            match f.attr("qualifier") {
                Some("SP") => out.usual_name = Some(text),
                _ => {
                    out.birth_name.get_or_insert(text);
                }
            }
        }
    }
    out.gender = pp
        .child("administrativeGenderCode")
        .and_then(|g| g.attr("code"))
        .map(str::to_owned);
    out.birth_date = pp
        .child("birthTime")
        .and_then(|b| b.attr("value"))
        .map(str::to_owned);
    Some(out)
}

/// What TD0.2 tells about the patient's DMP and the caller's rights on it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DmpStatus {
    /// A DMP exists for this INS.
    pub exists: bool,
    /// The caller's authorization; `None` when the DMP did not say.
    pub authorization: Option<AuthorizationStatus>,
    /// The display text that came with the authorization value (the reason for INTERDIT).
    pub authorization_text: Option<String>,
    /// The caller is "médecin traitant DMP" (STATUT_MT).
    pub attending_physician: bool,
    /// The DMP is closed (patient statusCode `terminated`).
    pub closed: bool,
    pub closing: Option<DmpClosing>,
    /// Attached to Mon espace santé (RATTACHEMENT_ENS).
    pub attached_to_mes: Option<bool>,
    pub internet_account_open: Option<bool>,
    /// The patient objects to emergency access by a professional ("bris de glace",
    /// `OPPOSITION_BRIS_DE_GLACE`).
    pub opposition_break_glass: Option<bool>,
    /// The patient objects to access by a medical regulation centre ("centre 15",
    /// `OPPOSITION_ACCES_URGENCE`, "opposition à l'accès au mode urgence").
    pub opposition_regulation: Option<bool>,
    /// The patient's identity traits as the DMP holds them (`patientPerson`).
    pub person: Option<PatientPerson>,
    /// Patient ids returned (root, extension): the INS, possibly an old INS-C.
    pub patient_ids: Vec<(String, String)>,
    /// Every administrative observation, raw (code, value).
    pub observations: Vec<(String, String)>,
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

fn first_time(e: &Element) -> Option<String> {
    let t = e.find("effectiveTime")?;
    t.attr("value")
        .or_else(|| t.child("high").and_then(|h| h.attr("value")))
        .or_else(|| t.child("low").and_then(|h| h.attr("value")))
        .map(str::to_owned)
}

/// Parses the TD0.2 response (the whole SOAP envelope).
pub fn parse_td02_response(bytes: &[u8]) -> Result<DmpStatus> {
    let root = soap::parse_response(bytes)?;
    soap::expect_root(&root, ns::HL7, "PRPA_IN201308UV02")?;
    if let Some(ack) = root.child("acknowledgement") {
        let code = ack
            .child("typeCode")
            .and_then(|t| t.attr("code"))
            .unwrap_or("");
        if code == "AE" || code == "AR" {
            let text: Vec<String> = ack
                .descendants("acknowledgementDetail")
                .iter()
                .map(|d| {
                    let c = d.child("code").and_then(|c| c.attr("code")).unwrap_or("");
                    let t = d.child_text("text").unwrap_or_default();
                    format!("{c} {t}").trim().to_owned()
                })
                .collect();
            let e = Error::server(crate::tr!(
                "dmp-existence-test-refused",
                code = code,
                text = text.join("; ")
            ));
            let detail_code = ack
                .descendants("acknowledgementDetail")
                .iter()
                .find_map(|d| d.child("code").and_then(|c| c.attr("code")))
                .filter(|c| !c.is_empty())
                .map(str::to_owned);
            return Err(e.with_dmp_code(detail_code.unwrap_or_else(|| code.to_owned())));
        }
    }
    let mut st = DmpStatus::default();
    for line in root.descendants("attentionLine") {
        let Some(kw) = line.child("keyWordText") else {
            continue;
        };
        let keyword = kw.attr("code").unwrap_or(kw.text()).trim().to_owned();
        let value = line.child("value");
        let v = value
            .and_then(|v| v.attr("code").or(v.attr("value")))
            .unwrap_or_else(|| value.map(|v| v.text()).unwrap_or(""));
        match keyword.as_str() {
            "AUTORISATION" => {
                st.authorization = Some(AuthorizationStatus::from_code(v).ok_or_else(|| {
                    Error::server(crate::tr!("dmp-unknown-authorization-status", status = v))
                })?);
                st.authorization_text = value
                    .and_then(|v| v.attr("displayName"))
                    .map(str::to_owned)
                    .or_else(|| value.map(|v| v.text().to_owned()).filter(|t| !t.is_empty()));
            }
            "STATUT_MT" => st.attending_physician = parse_bool(v).unwrap_or(false),
            _ => {}
        }
    }
    let query_code = root
        .find("queryResponseCode")
        .and_then(|q| q.attr("code"))
        .map(str::to_owned);
    let patient = root.find("patient");
    st.exists = patient.is_some() && query_code.as_deref() != Some("NF");
    if let Some(p) = patient {
        for id in p.children_named("id") {
            if let (Some(r), Some(e)) = (id.attr("root"), id.attr("extension")) {
                st.patient_ids.push((r.to_owned(), e.to_owned()));
            }
        }
        st.person = person(p);
        st.closed = p
            .child("statusCode")
            .and_then(|s| s.attr("code"))
            .map(|c| c == "terminated")
            .unwrap_or(false);
    }
    for o in root.descendants("administrativeObservation") {
        let Some(code) = o.child("code").and_then(|c| c.attr("code")) else {
            continue;
        };
        let value = o
            .child("value")
            .and_then(|v| v.attr("value").or(v.attr("code")))
            .unwrap_or("")
            .to_owned();
        let b = parse_bool(&value);
        match code {
            obs::RATTACHEMENT_ENS => st.attached_to_mes = b,
            obs::COMPTE_INTERNET_OUVERT => st.internet_account_open = b,
            obs::OPPOSITION_BRIS_DE_GLACE => st.opposition_break_glass = b,
            obs::OPPOSITION_ACCES_URGENCE => st.opposition_regulation = b,
            _ => {}
        }
        st.observations.push((code.to_owned(), value));
    }
    if st.closed {
        let event = root.find("detectedIssueEvent");
        // Failing a detectedIssueEvent, a reasonCode in the closing-reason code system (the
        // one TD1.4 uses), its displayName as the text.
        let coded = root
            .descendants("reasonCode")
            .into_iter()
            .find(|r| r.attr("codeSystem") == Some(oid::DMP_CLOSING_REASON));
        st.closing = Some(DmpClosing {
            date: event
                .and_then(first_time)
                .or_else(|| root.find("registrationEvent").and_then(first_time)),
            reason_code: event
                .and_then(|e| e.child("code"))
                .and_then(|c| c.attr("code"))
                .or_else(|| coded.and_then(|c| c.attr("code")))
                .map(str::to_owned),
            reason_text: event.and_then(|e| e.child_text("text")).or_else(|| {
                coded
                    .and_then(|c| c.attr("displayName"))
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
            }),
        });
    }
    Ok(st)
}
