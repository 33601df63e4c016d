//! TD0.2: our request against the official example, and response parsing.

mod protocol_support;

use dmp::dmp::hl7v3::{self, Hl7Sender};
use dmp::dmp::vihf::{self, VihfContext};
use dmp::model::codes::AuthorizationStatus;
use protocol_support::*;
use time::OffsetDateTime;

fn response(name: &str) -> Vec<u8> {
    std::fs::read(fixture(&format!("responses/{name}"))).unwrap()
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn request_matches_official_example() {
    let patient = official_patient();
    let now = OffsetDateTime::now_utc();
    let v = vihf::build(
        &official_config(),
        &VihfContext::normal(&patient),
        None,
        now,
    )
    .unwrap();
    let sender = Hl7Sender::from_lps_oid("1.3.6.1.4.1.48364", "LPS GIE-SV");
    let req = hl7v3::build_td02_request(&v, &sender, &patient, now);
    assert_eq!(req.action, "urn:hl7-org:v3:PRPA_IN201307UV02");
    assert_eq!(
        req.content_type,
        "application/soap+xml; charset=UTF-8; action=\"urn:hl7-org:v3:PRPA_IN201307UV02\""
    );
    let mut rules = ENVELOPE_RULES.to_vec();
    rules.extend([
        ("id", "extension"),
        ("creationTime", "value"),
        ("queryId", "extension"),
    ]);
    assert_same_xml(
        &req.body,
        &official("TD0.2-existence-test.request.xml"),
        &rules,
    );
}

#[test]
fn parses_valid_authorization_and_flags() {
    let st = hl7v3::parse_td02_response(&response("TD0.2-valide.response.xml")).unwrap();
    assert!(st.exists);
    assert_eq!(st.authorization, Some(AuthorizationStatus::Valide));
    assert!(st.attending_physician);
    assert!(!st.closed);
    assert_eq!(st.attached_to_mes, Some(true));
    assert_eq!(st.opposition_break_glass, Some(true));
    assert_eq!(st.opposition_regulation, Some(false));
    assert_eq!(st.patient_ids.len(), 2);
    assert_eq!(st.patient_ids[0].1, "207058575627097");
    let person = st.person.expect("patientPerson");
    assert_eq!(person.given, ["LAURENCE"]);
    assert_eq!(person.usual_name.as_deref(), Some("PATB-QUATRE"));
    assert_eq!(person.birth_name, None);
    assert_eq!(person.gender.as_deref(), Some("F"));
    assert_eq!(person.birth_date.as_deref(), Some("19790328"));
}

#[test]
fn parses_closed_dmp_and_blocked_professional() {
    let st = hl7v3::parse_td02_response(&response("TD0.2-closed.response.xml")).unwrap();
    assert!(st.exists);
    assert!(st.closed);
    assert_eq!(st.authorization, Some(AuthorizationStatus::Interdit));
    assert!(st.authorization_text.unwrap().contains("bloqué"));
    assert!(!st.attending_physician);
    let c = st.closing.unwrap();
    assert_eq!(c.reason_code.as_deref(), Some("FERMETURE_DEMANDE_PATIENT"));
    assert_eq!(
        c.reason_text.as_deref(),
        Some("Fermeture à la demande du patient")
    );
    assert_eq!(c.date.as_deref(), Some("20240105093000"));
}

#[test]
fn parses_no_dmp() {
    let st = hl7v3::parse_td02_response(&response("TD0.2-not-found.response.xml")).unwrap();
    assert!(!st.exists);
    assert_eq!(st.authorization, Some(AuthorizationStatus::NonExiste));
}

#[test]
fn fault_becomes_denied_error() {
    let fault = r#"<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value xmlns:ns1="urn:dmp:erreurs">ns1:DMPAccessDeniedByRightsService</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang="fr">Accès refusé</soap:Text></soap:Reason><soap:Detail><erreur>Le professionnel n'a pas les droits pour cette transaction</erreur></soap:Detail></soap:Fault></soap:Body></soap:Envelope>"#;
    let e = hl7v3::parse_td02_response(fault.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), dmp::ErrorKind::Denied);
    assert!(e.message().contains("DMPAccessDeniedByRightsService"));
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
#[should_panic(expected = "differs from the official example")]
fn comparer_detects_a_difference() {
    let patient = official_patient();
    let now = OffsetDateTime::now_utc();
    let v = vihf::build(
        &official_config(),
        &VihfContext::normal(&patient),
        None,
        now,
    )
    .unwrap();
    let sender = Hl7Sender::from_lps_oid("1.3.6.1.4.1.48364", "LPS GIE-SV");
    let req = hl7v3::build_td02_request(&v, &sender, &patient, now);
    let changed = String::from_utf8(req.body)
        .unwrap()
        .replace("TEST_EXST", "TEST_EXIST");
    assert_same_xml(
        changed.as_bytes(),
        &official("TD0.2-existence-test.request.xml"),
        &[
            ("MessageID", "#text"),
            ("Assertion", "ID"),
            ("Assertion", "IssueInstant"),
            ("AuthnStatement", "AuthnInstant"),
            ("PurposeOfUse", "displayName"),
            ("id", "extension"),
            ("creationTime", "value"),
            ("queryId", "extension"),
        ],
    );
}
