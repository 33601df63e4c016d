//! The card's data objects end to end: `dmp card info` shows the specialty and the activities
//! the virtual CPS3 holds (read through its DODF, the activities after the PIN), and a
//! direct-mode VIHF names the structure, sector and specialty of the card's activity, never
//! the profile's; the sandbox DMP refuses a structure the holder is not linked to. Every test
//! holds the card slot, so the sandbox's received requests between two points belong to one
//! test.

mod support;

use dmp_sandbox::card::{CardActivity, CardEvent, CardOptions};
use support::*;

const ALICE: &str = "280057505600117";
const CABINET: &str = "499700000017001";
const GROUP: &str = "499700000017002";

fn activity(structure_id: &str, sector: &str, organisation: &str) -> CardActivity {
    CardActivity {
        organisation: organisation.into(),
        structure_id: structure_id.into(),
        sector: sector.into(),
    }
}

/// The default holder's two activities: the cabinet (the card's default) and the group
/// practice the sandbox also links to him.
fn two_activities() -> CardOptions {
    CardOptions {
        activities: Some(vec![
            activity(CABINET, "SA07", "CABINET TESTDOC0000001"),
            activity(GROUP, "SA08", "CABINET DE GROUPE SANDBOX"),
        ]),
        ..CardOptions::default()
    }
}

/// VERIFY commands carrying a PIN.
fn pin_verifications(events: &[CardEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, CardEvent::Apdu { header, lc, .. } if header[1] == 0x20 && *lc > 0))
        .count()
}

/// The text values of the VIHF attribute `name` in a request body.
fn attribute_values(body: &str, name: &str) -> Vec<String> {
    let Some(start) = body.find(&format!("Name=\"{name}\"")) else {
        return Vec::new();
    };
    let rest = &body[start..];
    let end = rest.find("</saml2:Attribute>").expect("attribute closed");
    rest[..end]
        .split("<saml2:AttributeValue")
        .skip(1)
        .map(|v| {
            let content = &v[v.find('>').expect("start tag closed") + 1..];
            content
                .split("</saml2:AttributeValue>")
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The bodies of the requests the sandbox received since `before`.
fn received_since(before: usize) -> Vec<String> {
    sandbox()
        .server
        .state
        .received()
        .split_off(before)
        .into_iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect()
}

fn received_count() -> usize {
    sandbox().server.state.received().len()
}

#[test]
fn card_info_shows_the_specialty_and_lists_the_activities_after_the_pin() {
    let card = insert(two_activities());
    let home = Home::new();

    // Without --activities: the public data, no PIN asked or sent.
    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["specialty"], "SM26");
    assert_eq!(v["activity_count"], 2);
    assert!(v["activities"].is_null());
    assert_eq!(pin_verifications(&card.events()), 0);

    // With --activities: one PIN verification, then the card's activities in order.
    let out = home
        .dmp()
        .args(["card", "info", "--activities", "--output", "json"])
        .args(["--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(pin_verifications(&card.events()), 1);
    assert_eq!(
        v["activities"],
        serde_json::json!([
            {"number": 1, "organisation": "CABINET TESTDOC0000001", "structure_id": CABINET, "sector": "SA07"},
            {"number": 2, "organisation": "CABINET DE GROUPE SANDBOX", "structure_id": GROUP, "sector": "SA08"},
        ])
    );
    assert_eq!(card.pin_tries_left(), 3);

    // The text output: a table of the activities.
    let out = home
        .dmp()
        .args(["card", "info", "--activities", "--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    assert!(text.contains("SM26"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains(GROUP))
        .unwrap_or_else(|| panic!("no row for the group practice: {text}"));
    assert!(
        row.contains("SA08") && row.contains("CABINET DE GROUPE SANDBOX"),
        "{row}"
    );
}

#[test]
fn card_info_of_a_card_without_activity_or_specialty() {
    let _card = insert(CardOptions {
        activities: Some(Vec::new()),
        specialty: None,
        ..CardOptions::default()
    });
    let home = Home::new();
    let out = home
        .dmp()
        .args(["card", "info", "--activities", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert!(v["specialty"].is_null());
    assert_eq!(v["activity_count"], 0);
    // Nothing to read behind the PIN: no PIN is asked (none is given here).
    assert_eq!(v["activities"], serde_json::json!([]));
}

#[test]
fn the_direct_vihf_names_the_card_activity_sector_and_specialty_not_the_profile() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    // Profile values that direct mode must not use.
    home.install_edited_profile(sandbox(), |p| {
        p.insert("specialty".into(), "SM01".into());
        p.insert("activity_sector".into(), "SA33".into());
    });
    let before = received_count();
    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let bodies = received_since(before);
    assert_eq!(bodies.len(), 1, "one TD0.2");
    let body = &bodies[0];
    assert_eq!(attribute_values(body, "Identifiant_Structure"), [CABINET]);
    assert_eq!(
        attribute_values(body, "Secteur_Activite"),
        ["SA07^1.2.250.1.71.4.2.4"]
    );
    let roles = attribute_values(body, "urn:oasis:names:tc:xacml:2.0:subject:role");
    assert_eq!(roles.len(), 2, "{roles:?}");
    assert!(
        roles[1].contains("code=\"SM26\"") && roles[1].contains("1.2.250.1.71.4.2.5"),
        "{roles:?}"
    );
    // The journal records the structure of the card's activity.
    let records = home.journal();
    assert_eq!(records.last().unwrap()["structure_id"], CABINET);
}

#[test]
fn two_activities_need_a_choice_made_before_the_pin() {
    let card = insert(two_activities());
    let home = Home::with_sandbox();
    let status = |extra: &[&str]| {
        home.dmp_card()
            .args(["patient", "status", "--ins", ALICE, "--output", "json"])
            .args(extra)
            .output()
            .unwrap()
    };

    // No choice: refused before any PIN or request.
    let before = received_count();
    let out = status(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the card holds 2 activities"), "{err}");
    assert!(err.contains("--activity"), "{err}");
    assert_eq!(pin_verifications(&card.events()), 0);
    assert_eq!(received_count(), before);

    // By number, by sector (the profile's key), by structure id.
    for (extra, profile) in [
        (&["--activity", "2"][..], None),
        (&[][..], Some("SA08")),
        (&["--activity", GROUP][..], Some("1")),
    ] {
        home.install_edited_profile(sandbox(), |p| {
            if let Some(a) = profile {
                p.insert("activity".into(), a.into());
            }
        });
        let before = received_count();
        let out = status(extra);
        ok(&out);
        let bodies = received_since(before);
        assert_eq!(
            attribute_values(&bodies[0], "Identifiant_Structure"),
            [GROUP],
            "{extra:?} {profile:?}"
        );
        assert_eq!(
            attribute_values(&bodies[0], "Secteur_Activite"),
            ["SA08^1.2.250.1.71.4.2.4"]
        );
    }

    // A number the card does not hold: refused before the PIN.
    let verifications = pin_verifications(&card.events());
    let out = status(&["--activity", "3"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no activity 3"), "{}", stderr(&out));
    assert_eq!(pin_verifications(&card.events()), verifications);

    // A structure the card does not hold: found out after the PIN, nothing sent.
    let before = received_count();
    let out = status(&["--activity", "1999000017"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no activity 1999000017"), "{err}");
    assert!(err.contains(CABINET) && err.contains(GROUP), "{err}");
    assert_eq!(received_count(), before);
}

#[test]
fn the_sandbox_refuses_a_card_activity_it_does_not_link_to_the_holder() {
    // A card naming the clinic: the client builds the VIHF the card dictates, the DMP refuses.
    let _card = insert(CardOptions {
        activities: Some(vec![activity("1999000017", "SA01", "CLINIQUE SANDBOX DMP")]),
        ..CardOptions::default()
    });
    let home = Home::with_sandbox();
    let before = received_count();
    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("PS et Structure non liés"), "{err}");
    assert!(
        err.contains("choose another of the card's activities"),
        "{err}"
    );
    let bodies = received_since(before);
    assert_eq!(
        attribute_values(&bodies[0], "Identifiant_Structure"),
        ["1999000017"]
    );
}

#[test]
fn a_doctor_card_without_specialty_sends_nothing() {
    let _card = insert(CardOptions {
        specialty: None,
        ..CardOptions::default()
    });
    let home = Home::with_sandbox();
    let before = received_count();
    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("specialty"), "{err}");
    assert!(err.contains("CPS_INFO_PS"), "{err}");
    assert_eq!(received_count(), before);
}

#[test]
fn a_card_without_activity_is_refused_in_direct_mode_before_the_pin() {
    let card = insert(CardOptions {
        activities: Some(Vec::new()),
        ..CardOptions::default()
    });
    let home = Home::with_sandbox();
    let before = received_count();
    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the card holds no activity"),
        "{}",
        stderr(&out)
    );
    assert_eq!(pin_verifications(&card.events()), 0);
    assert_eq!(received_count(), before);
}
