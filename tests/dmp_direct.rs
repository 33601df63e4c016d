//! `dmp` in direct mode (CPS card) end to end: the real binary, the virtual CPS3 card in
//! pcscd's vpcd reader, and the sandbox DMP server (one per test binary, seeded as
//! `sandbox/SEED.md` describes). Every test holds the card slot, so the tests of this binary
//! run one after the other and the server's traces between two points belong to one test.

mod support;

use dmp_sandbox::card::CardEvent;
use sha1::{Digest, Sha1};
use support::*;

/// The seeded patients (SEED.md), as seen by the default card holder 899700000017.
const ALICE: &str = "280057505600117"; // VALIDE, attending physician
const BERNARD: &str = "175016912300248"; // VALIDE, not attending
const CLAIRE: &str = "292031305500332"; // EXPIRE
const DENIS: &str = "168113306300423"; // blocked 899700000021
const ELISE: &str = "255079205000521"; // blocked the card holder (INTERDIT)
const FRANCK: &str = "188043417200694"; // opposed emergency and regulation access
const GISELE: &str = "245065935000747"; // closed DMP
const HUGO: &str = "199027815000860"; // no DMP
const INES: &str = "201100608800913"; // no authorization, emergency allowed

const DOCTOR: &str = "899700000017";
const DOCTOR2: &str = "899700000021";

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

fn docs_list(home: &Home, ins: &str, extra: &[&str]) -> serde_json::Value {
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", ins, "--output", "json"])
        .args(extra)
        .output()
        .unwrap();
    ok(&out);
    json(&out)
}

fn verifies_with_pin(events: &[CardEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, CardEvent::Apdu { header, lc, .. } if header[1] == 0x20 && *lc > 0))
        .count()
}

/// Restores a patient's authorization of the card holder when a test that changed it ends,
/// even by a panic.
struct RestoreAuthorization(&'static str);

impl Drop for RestoreAuthorization {
    fn drop(&mut self) {
        sandbox().delete_authorization(self.0, DOCTOR);
    }
}

// ---------------------------------------------------------------------------------------------
// TD0.2

#[test]
fn td02_status_reports_every_seeded_situation() {
    let card = insert_default();
    let home = Home::with_sandbox();
    let status = |ins: &str| {
        let out = home
            .dmp_card()
            .args(["patient", "status", "--ins", ins, "--output", "json"])
            .output()
            .unwrap();
        ok(&out);
        json(&out)
    };

    let v = status(ALICE);
    assert_eq!(v["ins"], ALICE);
    assert_eq!(v["dmp_exists"], true);
    assert_eq!(v["authorization"], "VALIDE");
    assert_eq!(v["attending_physician"], true);
    assert_eq!(v["closed"], false);
    assert!(
        v["meaning"]
            .as_str()
            .unwrap()
            .contains("attending physician"),
        "{v}"
    );

    let v = status(BERNARD);
    assert_eq!(v["authorization"], "VALIDE");
    assert_eq!(v["attending_physician"], false);
    assert_eq!(v["meaning"], "you are authorized");

    let v = status(CLAIRE);
    assert_eq!(v["authorization"], "EXPIRE");
    assert_eq!(v["attending_physician"], false);
    assert!(v["meaning"].as_str().unwrap().contains("expired"), "{v}");

    let v = status(ELISE);
    assert_eq!(v["dmp_exists"], true);
    assert_eq!(v["authorization"], "INTERDIT");
    assert!(v["meaning"].as_str().unwrap().contains("blocked"), "{v}");

    let v = status(HUGO);
    assert_eq!(v["dmp_exists"], false);
    assert_eq!(v["authorization"], "NON_EXISTE");
    assert_eq!(v["meaning"], "the patient has no DMP");

    let v = status(GISELE);
    assert_eq!(v["dmp_exists"], true);
    assert_eq!(v["closed"], true);
    assert_eq!(v["closing_date"], "2025-06-30T10:00:00Z");
    assert_eq!(v["closing_reason"]["code"], "FERMETURE_DEMANDE_PATIENT");
    assert_eq!(
        v["closing_reason"]["label"],
        "Fermeture à la demande du patient"
    );
    assert!(v["meaning"].as_str().unwrap().contains("closed"), "{v}");

    let v = status(FRANCK);
    assert_eq!(v["authorization"], "NON_EXISTE");
    assert_eq!(v["opposes_emergency_access"], true);
    assert_eq!(v["opposes_regulation_access"], true);

    // One TD0.2 each, journaled as direct-mode accesses of the card holder.
    let journal = home.journal();
    assert_eq!(journal.len(), 7);
    let runs: std::collections::HashSet<&str> =
        journal.iter().map(|r| r["run"].as_str().unwrap()).collect();
    assert_eq!(runs.len(), 7, "one run each");
    for r in &journal {
        assert_eq!(r["transaction"], "TD0.2");
        assert_eq!(r["auth_mode"], "direct");
        assert_eq!(r["practitioner"], DOCTOR);
        assert_eq!(r["card_serial"], card.card_number(), "the card that signed");
        assert!(r["structure_certificate"].is_null());
        assert_eq!(r["result"], "done");
    }
}

// ---------------------------------------------------------------------------------------------
// Consent rules

#[test]
fn expired_authorization_refuses_the_list_after_td02_alone() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", CLAIRE])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("expired"), "{err}");
    assert!(err.contains("dmp patient authorize"), "{err}");
    // TD0.2 done, then the search refused by the client with its rule.
    let journal = home.journal();
    assert_eq!(
        home.journal_results(),
        [
            ("TD0.2".into(), "done".into()),
            ("TD3.1".into(), "refused_by_client".into())
        ]
    );
    assert_eq!(journal[1]["rule"], "C3/C5: authorization EXPIRE");
    assert_eq!(journal[1]["patient"], CLAIRE);
    assert_eq!(journal[0]["run"], journal[1]["run"], "one run");
    let sent: Vec<String> = sb
        .traces_since(before)
        .into_iter()
        .map(|t| t.transaction)
        .collect();
    assert_eq!(sent, ["TD0.2"], "no TD3.1 may reach the DMP");
}

#[test]
fn a_patient_who_blocked_the_practitioner_is_refused_in_normal_and_emergency_mode() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", ELISE])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    assert!(stderr(&out).contains("blocked"), "{}", stderr(&out));

    let out = home
        .dmp_card()
        .args([
            "--mode",
            "emergency",
            "--reason",
            "patient unconscious",
            "docs",
            "list",
            "--ins",
            ELISE,
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("blocked"), "{err}");
    assert!(err.contains("emergency and regulation included"), "{err}");

    assert_eq!(
        home.journal_results(),
        [
            ("TD0.2".into(), "done".into()),
            ("TD3.1".into(), "refused_by_client".into()),
            ("TD0.2".into(), "done".into()),
            ("TD3.1".into(), "refused_by_client".into())
        ]
    );
    let journal = home.journal();
    let modes: Vec<&str> = journal
        .iter()
        .map(|r| r["mode"].as_str().unwrap())
        .collect();
    assert_eq!(
        modes,
        ["normal", "normal", "bris_de_glace", "bris_de_glace"]
    );
    assert!(journal
        .iter()
        .filter(|r| r["result"] == "refused_by_client")
        .all(|r| r["rule"] == "C4: INTERDIT"));
    assert_eq!(journal[3]["reason"], "patient unconscious");
    let sent: Vec<String> = sb
        .traces_since(before)
        .into_iter()
        .map(|t| t.transaction)
        .collect();
    assert_eq!(sent, ["TD0.2", "TD0.2"]);
}

#[test]
fn a_patient_who_opposed_emergency_access_is_refused_in_emergency_mode() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let out = home
        .dmp_card()
        .args([
            "--mode",
            "emergency",
            "--reason",
            "chest pain",
            "docs",
            "list",
            "--ins",
            FRANCK,
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("opposed emergency access"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        home.journal_results(),
        [
            ("TD0.2".into(), "done".into()),
            ("TD3.1".into(), "refused_by_client".into())
        ]
    );
    assert_eq!(home.journal()[1]["rule"], "L5/C7: OPPOSITION_BRIS_DE_GLACE");
}

#[test]
fn without_authorization_normal_access_is_refused_with_the_way_out() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", INES])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("not authorized"), "{err}");
    assert!(err.contains("dmp patient authorize"), "{err}");
    assert!(err.contains("--mode emergency"), "{err}");
    assert_eq!(home.journal_transactions(), ["TD0.2", "TD3.1"]);
    assert_eq!(home.journal()[1]["rule"], "C3/C5: authorization NON_EXISTE");
}

#[test]
fn emergency_access_with_a_reason_lists_the_masked_document_shows_a_banner_and_is_journaled() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let reason = "unconscious patient, emergency room";
    let before = sb.trace_count();

    let out = home
        .dmp_card()
        .args([
            "--mode",
            "emergency",
            "--reason",
            reason,
            "docs",
            "list",
            "--ins",
            INES,
        ])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let banner = stderr(&out);
    assert!(banner.contains("EMERGENCY ACCESS"), "{banner}");
    assert!(banner.contains(reason), "{banner}");
    assert!(text.contains(&uid(9, 1)), "{text}");
    assert!(text.contains(&uid(9, 2)), "{text}");

    let out = home
        .dmp_card()
        .args([
            "--mode",
            "emergency",
            "--reason",
            reason,
            "docs",
            "list",
            "--ins",
            INES,
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["access_mode"], "bris_de_glace");
    assert_eq!(v["reason"], reason);
    assert_eq!(unique_ids(&v), [uid(9, 1), uid(9, 2)]);
    // The patient allowed masked documents to be seen in an emergency.
    assert_eq!(doc(&v, &uid(9, 2))["masked"], true);

    let journal = home.journal();
    // Each list: TD0.2, FindDocuments, GetAssociations (what the documents replace).
    assert_eq!(
        home.journal_transactions(),
        ["TD0.2", "TD3.1", "TD3.1", "TD0.2", "TD3.1", "TD3.1"]
    );
    for r in &journal {
        assert_eq!(r["mode"], "bris_de_glace", "{r}");
        assert_eq!(r["reason"], reason, "{r}");
        assert_eq!(r["result"], "done", "{r}");
    }
    // The DMP saw emergency accesses too.
    let traces = sb.traces_since(before);
    assert_eq!(traces.len(), 6);
    assert!(traces.iter().all(|t| t.access_mode == "bris_de_glace"));
}

#[test]
fn emergency_without_a_reason_is_refused_before_the_card_or_the_network() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let events_before = card.events().len();
    let out = home
        .dmp_card()
        .args(["--mode", "emergency", "docs", "list", "--ins", INES])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--reason"), "{}", stderr(&out));
    assert!(!home.journal_path().exists(), "nothing may be journaled");
    assert_eq!(sb.trace_count(), before, "nothing may reach the DMP");
    assert_eq!(verifies_with_pin(&card.events()[events_before..]), 0);
    assert_eq!(card.signature_count(), 0);
}

#[test]
fn regulation_mode_runs_td02_first_and_lists() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_card()
        .args([
            "--mode",
            "regulation",
            "docs",
            "list",
            "--ins",
            INES,
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["access_mode"], "centre_15");
    assert!(unique_ids(&v).contains(&uid(9, 1)), "{v}");
    // TD0.2, FindDocuments, then GetAssociations (what the documents replace).
    assert_eq!(home.journal_transactions(), ["TD0.2", "TD3.1", "TD3.1"]);
    assert!(home.journal().iter().all(|r| r["mode"] == "centre_15"));
    let traces = sb.traces_since(before);
    let sent: Vec<&str> = traces.iter().map(|t| t.transaction.as_str()).collect();
    assert_eq!(sent, ["TD0.2", "TD3.1", "TD3.1"]);
    assert!(traces.iter().all(|t| t.access_mode == "centre_15"));
}

// ---------------------------------------------------------------------------------------------
// TD0.3

#[test]
fn authorize_with_consent_makes_the_status_valide_and_remove_takes_it_back() {
    let _card = insert_default();
    let sb = sandbox();
    let _restore = RestoreAuthorization(INES);
    let home = Home::with_sandbox();

    let out = home
        .dmp_card()
        .args([
            "patient",
            "authorize",
            "--ins",
            INES,
            "--patient-consent",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["action"], "AJOUT");
    assert_eq!(v["status"], "DMPOk");
    assert_eq!(v["context"], "Autorisation ajoutée");
    assert_eq!(v["consent"], "--patient-consent");
    let row = sb
        .authorization(INES, DOCTOR)
        .expect("authorization stored");
    assert_eq!(row.status, "VALIDE");
    assert!(!row.is_mt);

    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", INES, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["authorization"], "VALIDE");
    assert_eq!(v["attending_physician"], false);

    let out = home
        .dmp_card()
        .args([
            "patient",
            "authorize",
            "--ins",
            INES,
            "--remove",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["action"], "SUPPRESSION");
    assert_eq!(v["status"], "DMPOk");
    assert_eq!(v["context"], "Autorisation supprimée");
    assert!(sb.authorization(INES, DOCTOR).is_none());

    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", INES, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(json(&out)["authorization"], "NON_EXISTE");

    let journal = home.journal();
    let td03: Vec<&serde_json::Value> = journal
        .iter()
        .filter(|r| r["transaction"] == "TD0.3")
        .collect();
    assert_eq!(td03.len(), 2);
    assert_eq!(td03[0]["detail"], "AJOUT");
    assert_eq!(td03[0]["consent"], "--patient-consent");
    assert_eq!(td03[0]["result"], "done");
    assert_eq!(td03[1]["result"], "done");
    assert_eq!(td03[1]["detail"], "SUPPRESSION");
    assert!(td03[1]["consent"].is_null());
}

#[test]
fn authorize_with_expired_authorization_renews_it() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let seeded = sb.authorization(CLAIRE, DOCTOR).expect("seeded EXPIRE row");
    assert_eq!(seeded.status, "EXPIRE");
    // Put the seed back whatever happens.
    struct Back(dmp_sandbox::server::store::AuthorizationRow);
    impl Drop for Back {
        fn drop(&mut self) {
            dmp_sandbox::server::store::upsert_authorization(
                &sandbox().server.state.store.conn(),
                &self.0,
            )
            .expect("seed restored");
        }
    }
    let _back = Back(seeded);

    let out = home
        .dmp_card()
        .args([
            "patient",
            "authorize",
            "--ins",
            CLAIRE,
            "--patient-consent",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["status"], "DMPOk");
    assert_eq!(v["context"], "Autorisation renouvelée");
    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", CLAIRE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(json(&out)["authorization"], "VALIDE");
}

#[test]
fn authorize_without_consent_and_without_a_terminal_sends_no_td03() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_card()
        .args(["patient", "authorize", "--ins", CLAIRE])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    assert!(stderr(&out).contains("consent"), "{}", stderr(&out));
    // The refusal is the only record: no TD0.2 either.
    assert_eq!(
        home.journal_results(),
        [("TD0.3".into(), "refused_by_client".into())]
    );
    assert_eq!(
        home.journal()[0]["rule"],
        "C3 (EX_0.3-1010): patient's consent"
    );
    assert!(
        !sb.traces_since(before)
            .iter()
            .any(|t| t.transaction == "TD0.3"),
        "no TD0.3 may reach the DMP"
    );
    assert_eq!(
        sb.authorization(CLAIRE, DOCTOR).unwrap().status,
        "EXPIRE",
        "the authorization must be unchanged"
    );
}

#[test]
fn authorize_attending_sets_the_attending_physician_flag() {
    let _card = insert_default();
    let sb = sandbox();
    let _restore = RestoreAuthorization(INES);
    let home = Home::with_sandbox();
    let out = home
        .dmp_card()
        .args([
            "patient",
            "authorize",
            "--ins",
            INES,
            "--attending",
            "--patient-consent",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["attending_physician"], true);
    assert_eq!(
        v["context"],
        "Autorisation ajoutée avec le rôle de médecin traitant"
    );
    assert!(sb.authorization(INES, DOCTOR).unwrap().is_mt);

    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", INES, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["authorization"], "VALIDE");
    assert_eq!(v["attending_physician"], true);
    let td03 = home
        .journal()
        .into_iter()
        .find(|r| r["transaction"] == "TD0.3")
        .unwrap();
    assert_eq!(td03["detail"], "AJOUT MEDECIN_TRAITANT");
    assert_eq!(td03["consent"], "--patient-consent");
}

// ---------------------------------------------------------------------------------------------
// TD1.6, TD0.4

#[test]
fn professionals_lists_the_authorized_and_the_blocked() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let out = home
        .dmp_card()
        .args([
            "patient",
            "professionals",
            "--ins",
            DENIS,
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let pros = v["professionals"].as_array().unwrap();
    let find = |id: &str| {
        pros.iter()
            .find(|p| p["national_id"] == id)
            .unwrap_or_else(|| panic!("{id} missing: {v}"))
    };
    assert_eq!(find(DOCTOR)["mode"]["code"], "ACTIVE");
    assert_eq!(find(DOCTOR)["name"], "CAMILLE TESTDOC0000001");
    assert_eq!(find(DOCTOR2)["mode"]["code"], "INTERDITE");
    assert_eq!(pros.len(), 2, "{v}");

    let out = home
        .dmp_card()
        .args(["patient", "professionals", "--ins", DENIS])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let blocked_line = text.lines().find(|l| l.contains(DOCTOR2)).unwrap();
    assert!(blocked_line.contains("BLOCKED"), "{text}");
    let own_line = text.lines().find(|l| l.contains(DOCTOR)).unwrap();
    assert!(own_line.contains("authorized"), "{text}");
    assert_eq!(
        home.journal_transactions(),
        ["TD0.2", "TD1.6", "TD0.2", "TD1.6"]
    );
}

#[test]
fn patients_authorized_lists_the_seeded_authorizations() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let out = home
        .dmp_card()
        .args([
            "patients",
            "authorized",
            "--since",
            "2000-01-01",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["since"], "2000-01-01");
    let rows = v["patients"].as_array().unwrap();
    let ins: Vec<&str> = rows.iter().map(|p| p["ins"].as_str().unwrap()).collect();
    for seeded in [ALICE, BERNARD, DENIS] {
        assert!(ins.contains(&seeded), "{seeded} missing: {ins:?}");
    }
    for never in [ELISE, FRANCK, HUGO] {
        assert!(!ins.contains(&never), "{never} listed: {ins:?}");
    }
    let alice = rows.iter().find(|p| p["ins"] == ALICE).unwrap();
    assert_eq!(alice["attending_physician"], true);
    assert_eq!(alice["last_name"], "TESTPATIENT-MT");
    let bernard = rows.iter().find(|p| p["ins"] == BERNARD).unwrap();
    assert_eq!(bernard["attending_physician"], false);
    assert_eq!(home.journal_transactions(), ["TD0.4"]);
    assert!(home.journal()[0]["patient"].is_null());
}

// ---------------------------------------------------------------------------------------------
// TD3.1

#[test]
fn list_as_attending_physician_shows_masked_and_invisible_documents_but_not_deprecated() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let v = docs_list(&home, ALICE, &[]);
    assert_eq!(
        unique_ids(&v),
        [uid(1, 1), uid(1, 2), uid(1, 3), uid(1, 5), uid(1, 6)],
        "approved documents only: no Deprecated v1, no archived report"
    );
    let masked = doc(&v, &uid(1, 2));
    assert_eq!(masked["masked"], true);
    assert_eq!(masked["invisible_to_patient"], false);
    assert_eq!(masked["author_id"], DOCTOR2);
    assert_eq!(masked["author"], "DOMINIQUE TESTDOC0000002");
    assert_eq!(masked["type"]["code"], "18748-4");
    assert_eq!(masked["type"]["label"], "CR d'imagerie médicale");
    assert_eq!(masked["creation_time"], "2025-04-20T10:15:00Z");
    assert_eq!(masked["status"]["code"], "approved");
    let synth = doc(&v, &uid(1, 3));
    assert_eq!(synth["invisible_to_patient"], true);
    assert_eq!(synth["masked"], false);
    assert_eq!(synth["author_id"], DOCTOR);
    let bio = doc(&v, &uid(1, 1));
    assert_eq!(bio["masked"], false);
    assert_eq!(bio["invisible_to_patient"], false);
    assert_eq!(bio["class"]["code"], "10");
    let pdf = doc(&v, &uid(1, 6));
    assert_eq!(pdf["author"], "EMILIE TESTINF0000003");

    // The text table carries the flags (wide enough that no cell wraps).
    let out = home
        .dmp_card()
        .env("COLUMNS", "200")
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let line = |id: &str| text.lines().find(|l| l.contains(id)).unwrap().to_string();
    assert!(
        line(&uid(1, 2)).contains("masked to professionals"),
        "{text}"
    );
    assert!(line(&uid(1, 3)).contains("invisible to patient"), "{text}");
    assert!(line(&uid(1, 2)).contains("2025-04-20"), "{text}");
    // v1 has no row: it is only named as what v2 replaces.
    assert_eq!(line(&uid(1, 4)), line(&uid(1, 5)), "{text}");

    let v = docs_list(&home, ALICE, &["--status", "deprecated"]);
    assert_eq!(unique_ids(&v), [uid(1, 4)]);
    assert_eq!(doc(&v, &uid(1, 4))["status"]["code"], "deprecated");
    let v = docs_list(&home, ALICE, &["--status", "archived"]);
    assert_eq!(unique_ids(&v), [uid(1, 7)]);
}

#[test]
fn list_when_not_attending_hides_the_document_masked_by_another_author() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let v = docs_list(&home, BERNARD, &[]);
    let ids = unique_ids(&v);
    assert!(
        !ids.contains(&uid(2, 2)),
        "masked by another author: {ids:?}"
    );
    assert_eq!(ids, [uid(2, 1), uid(2, 3), uid(2, 4), uid(2, 5)]);
    assert_eq!(doc(&v, &uid(2, 3))["masked"], true, "own masked document");
    assert_eq!(doc(&v, &uid(2, 3))["author_id"], DOCTOR);
    assert_eq!(doc(&v, &uid(2, 4))["invisible_to_patient"], true);
    assert_eq!(doc(&v, &uid(2, 5))["mime_type"], "application/pdf");
    // What the DMP returned is what the journal records.
    let traces = sb.traces_since(before);
    let mut returned = traces
        .iter()
        .find(|t| t.transaction == "TD3.1")
        .unwrap()
        .documents
        .clone();
    returned.sort();
    assert_eq!(returned, ids);
    let rec = home
        .journal()
        .into_iter()
        .find(|r| r["transaction"] == "TD3.1")
        .unwrap();
    let mut journaled: Vec<String> = serde_json::from_value(rec["documents"].clone()).unwrap();
    journaled.sort();
    assert_eq!(journaled, ids);
}

#[test]
fn list_filters_narrow_the_result_as_the_seed_predicts() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--class", "11"])),
        [uid(1, 3)]
    );
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--class", "10"])),
        [uid(1, 1), uid(1, 2), uid(1, 6)]
    );
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--type", "11502-2"])),
        [uid(1, 1)]
    );
    assert_eq!(
        unique_ids(&docs_list(
            &home,
            ALICE,
            &["--type", "11502-2", "--status", "approved", "--status", "archived"]
        )),
        [uid(1, 1), uid(1, 7)]
    );
    assert_eq!(
        unique_ids(&docs_list(
            &home,
            ALICE,
            &["--from", "2025-06-01", "--to", "2025-07-31"]
        )),
        [uid(1, 3), uid(1, 5)]
    );
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--from", "2025-08-01"])),
        [uid(1, 6)]
    );
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--to", "2025-04-20"])),
        [uid(1, 1), uid(1, 2)]
    );
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--author", DOCTOR])),
        [uid(1, 3), uid(1, 5)]
    );
    assert_eq!(
        unique_ids(&docs_list(&home, ALICE, &["--author", DOCTOR2])),
        [uid(1, 1), uid(1, 2)]
    );
}

#[test]
fn new_since_last_visit_lists_everything_current_then_nothing() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let first = docs_list(&home, ALICE, &["--new-since-last-visit"]);
    assert!(first["since"].is_null(), "{first}");
    let ids = unique_ids(&first);
    assert!(!ids.contains(&uid(1, 4)), "Deprecated v1 listed: {ids:?}");
    for current in [uid(1, 1), uid(1, 2), uid(1, 3), uid(1, 5), uid(1, 6)] {
        assert!(ids.contains(&current), "{current} missing: {ids:?}");
    }

    let second = docs_list(&home, ALICE, &["--new-since-last-visit"]);
    assert!(second["since"].is_string(), "{second}");
    assert_eq!(unique_ids(&second), Vec::<String>::new());

    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", ALICE, "--new-since-last-visit"])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    assert!(
        text.contains("New since your last complete listing"),
        "{text}"
    );
    assert!(text.contains("No document."), "{text}");
}

// ---------------------------------------------------------------------------------------------
// TD3.2

fn get_to_file(
    home: &Home,
    ins: &str,
    unique_id: &str,
    file: &std::path::Path,
) -> serde_json::Value {
    let out = home
        .dmp_card()
        .args([
            "docs", "get", "--ins", ins, unique_id, "--output", "json", "-o",
        ])
        .arg(file)
        .output()
        .unwrap();
    ok(&out);
    json(&out)
}

#[test]
fn get_writes_exactly_the_stored_bytes_for_the_cda_and_the_pdf() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    for (ins, id, mime) in [
        (ALICE, uid(1, 1), "text/xml"),
        (ALICE, uid(1, 6), "text/xml"),
        (BERNARD, uid(2, 5), "application/pdf"),
    ] {
        let stored = sb.document(&id);
        let file = home.path(&format!("{id}.bin"));
        let v = get_to_file(&home, ins, &id, &file);
        let got = std::fs::read(&file).unwrap();
        assert_eq!(got, stored.content, "{id}: bytes differ from the store");
        assert_eq!(hex::encode(Sha1::digest(&got)), stored.hash);
        assert_eq!(v["sha1"], stored.hash);
        assert_eq!(v["size"], stored.content.len());
        assert_eq!(v["mime_type"], mime);
        assert_eq!(v["unique_id"], id.as_str());
        assert_eq!(v["file"], file.display().to_string());
    }
    assert!(sb.document(&uid(2, 5)).content.starts_with(b"%PDF-"));

    // Without -o the bytes go to standard output, unchanged.
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", BERNARD, &uid(2, 5)])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(out.stdout, sb.document(&uid(2, 5)).content);
}

#[test]
fn get_warns_about_a_document_invisible_to_the_patient() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let file = home.path("synthese.xml");
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &uid(1, 3), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    let err = stderr(&out);
    assert!(err.contains("warning:"), "{err}");
    assert!(err.contains("NOT visible to the patient"), "{err}");
    assert!(file.exists());

    // A document with no such flag gets no warning.
    let file = home.path("bio.xml");
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &uid(1, 1), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
}

#[test]
fn get_of_a_document_masked_by_another_author_is_refused_and_writes_nothing() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let file = home.path("masked.xml");
    let before = sb.trace_count();
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", BERNARD, &uid(2, 2), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    assert!(!file.exists(), "no file may be created");
    let leftovers: Vec<_> = std::fs::read_dir(home.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("masked"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The DMP never handed the content over.
    assert!(!sb
        .traces_since(before)
        .iter()
        .any(|t| t.transaction == "TD3.2" && t.outcome == "OK"));
}

#[test]
fn get_never_replaces_an_existing_file_without_force() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let file = home.path("existing.xml");
    std::fs::write(&file, b"keep me").unwrap();
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &uid(1, 1), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");

    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &uid(1, 1), "--force", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        sb.document(&uid(1, 1)).content
    );
}

// ---------------------------------------------------------------------------------------------
// The card: one signature and one PIN per run; a wrong PIN sends nothing.

#[test]
fn one_run_signs_once_and_asks_for_the_pin_once() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let signatures = card.signature_count();
    let events = card.events().len();
    let before = sb.trace_count();
    let file = home.path("doc.xml");
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &uid(1, 5), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    let sent: Vec<String> = sb
        .traces_since(before)
        .into_iter()
        .map(|t| t.transaction)
        .collect();
    assert_eq!(sent, ["TD0.2", "TD3.1", "TD3.2"]);
    assert_eq!(
        card.signature_count() - signatures,
        1,
        "three transactions over one TLS session: one signature"
    );
    assert_eq!(verifies_with_pin(&card.events()[events..]), 1);
    assert_eq!(card.pin_tries_left(), 3);
    assert_eq!(home.journal_transactions(), ["TD0.2", "TD3.1", "TD3.2"]);
}

#[test]
fn a_wrong_pin_exits_6_and_sends_nothing() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_card()
        .env("DMP_TEST_PIN", "9999")
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("wrong PIN"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("9999"));
    assert_eq!(card.pin_tries_left(), 2);
    assert_eq!(card.signature_count(), 0, "no TLS handshake signed");
    assert_eq!(sb.trace_count(), before, "nothing reached the DMP");
    // The attempt is journaled as a failure of the TD0.2 it was to send.
    let journal = home.journal();
    assert_eq!(home.journal_results(), [("TD0.2".into(), "failed".into())]);
    assert_eq!(journal[0]["patient"], ALICE);
    assert!(
        journal[0]["message"]
            .as_str()
            .unwrap()
            .contains("wrong PIN"),
        "{journal:#?}"
    );
    assert!(!serde_json::to_string(&journal).unwrap().contains("9999"));
}

#[test]
fn an_ins_with_a_wrong_check_key_is_refused_before_the_card_and_the_network() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let events = card.events().len();
    // ALICE with the last digit changed.
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", "280057505600118"])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("check key"), "{}", stderr(&out));
    assert!(!home.journal_path().exists());
    assert_eq!(sb.trace_count(), before);
    assert_eq!(verifies_with_pin(&card.events()[events..]), 0);
    assert_eq!(card.signature_count(), 0);
}

#[test]
fn doctor_with_the_card_does_the_handshake_only_when_a_pin_is_available() {
    let card = insert_default();
    let home = Home::with_sandbox();
    let check = |v: &serde_json::Value, id: &str| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no check {id}"))
    };
    // No PIN source and no terminal: the card checks run, the handshake is skipped (the card
    // would have to sign), and no signature is made.
    let before = card.signature_count();
    let out = home
        .dmp_sandbox()
        .args(["--credential", "card", "doctor", "--output", "json"])
        .output()
        .unwrap();
    let v = json(&out);
    assert!(out.status.success(), "{v}");
    assert_eq!(check(&v, "pin_tries")["status"], "ok");
    assert_eq!(check(&v, "tls_handshake")["status"], "skip");
    assert_eq!(card.signature_count(), before);

    // With a PIN source: one card signature for the handshake, the clock compared.
    let out = home
        .dmp_card()
        .args(["doctor", "--output", "json"])
        .output()
        .unwrap();
    let v = json(&out);
    assert!(out.status.success(), "{v}");
    assert_eq!(check(&v, "tls_handshake")["status"], "ok", "{v}");
    assert_eq!(check(&v, "clock_skew")["status"], "ok", "{v}");
    assert_eq!(card.signature_count(), before + 1);
    assert_eq!(card.pin_tries_left(), 3);
}

#[test]
fn another_program_holding_the_card_is_named_as_the_cause() {
    let _card = insert_default();
    let ctx = pcsc::Context::establish(pcsc::Scope::User).unwrap();
    let name = std::ffi::CString::new(READER).unwrap();
    let held = ctx
        .connect(&name, pcsc::ShareMode::Exclusive, pcsc::Protocols::ANY)
        .expect("exclusive connection");
    let home = Home::new();
    let out = home.dmp().args(["card", "info"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("another program is holding the card"),
        "{}",
        stderr(&out)
    );
    drop(held);
    let out = home.dmp().args(["card", "info"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}
