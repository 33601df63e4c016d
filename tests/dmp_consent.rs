//! The consent and rights rules end to end: the real binary, the virtual CPS3 card in pcscd's
//! vpcd reader and the sandbox DMP (seeded as `sandbox/SEED.md` describes). What each test
//! proves is what reached the DMP (the sandbox's own traces), what the card did (PIN
//! verifications, signatures) and what the journal holds. Every test holds the card slot, so
//! the tests of this binary run one after the other and the traces between two points belong to
//! one test.

mod support;

use dmp_sandbox::card::CardEvent;
use support::*;

/// Seeded patients (SEED.md), as seen by the default card holder 899700000017.
const BERNARD: &str = "175016912300248"; // VALIDE, not attending
const ELISE: &str = "255079205000521"; // blocked the card holder (INTERDIT)
const GISELE: &str = "245065935000747"; // closed DMP
const HUGO: &str = "199027815000860"; // no DMP
const INES: &str = "201100608800913"; // no authorization, no opposition
const JULES: &str = "177037505612360"; // opposed regulation access only
const KARINE: &str = "283116912304514"; // opposed break-the-glass only

fn refused(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(9),
        "stdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
    stderr(out)
}

/// The transactions the sandbox traced since `before`, with their access mode.
fn sent_since(before: usize) -> Vec<(String, String)> {
    sandbox()
        .traces_since(before)
        .into_iter()
        .map(|t| (t.transaction, t.access_mode))
        .collect()
}

fn pin_verifications(events: &[CardEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, CardEvent::Apdu { header, lc, .. } if header[1] == 0x20 && *lc > 0))
        .count()
}

fn apdus(events: &[CardEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, CardEvent::Apdu { .. }))
        .count()
}

/// The default holder's card naming the occupational-medicine specialty (TRE_R38 SM25) in its
/// CPS_INFO_PS: an occupational doctor (direct mode takes the specialty from the card).
fn occupational_card() -> Inserted {
    insert(dmp_sandbox::card::CardOptions {
        specialty: Some("SM25".into()),
        ..Default::default()
    })
}

// ---------------------------------------------------------------------------------------------
// Regulation mode: TD0.2 first, its refusals on the client

#[test]
fn regulation_mode_refuses_block_opposition_closed_and_missing_dmp_after_td02_alone() {
    let card = insert_default();
    let before_signatures = card.signature_count();
    for (ins, rule, words) in [
        (ELISE, "rule C4: INTERDIT", "blocked your access"),
        (
            JULES,
            "rule L6: OPPOSITION_ACCES_URGENCE",
            "opposed regulation access",
        ),
        (
            GISELE,
            "rule TD0.2: closed DMP",
            "closed on 2025-06-30 10:00 UTC (Fermeture à la demande du patient, FERMETURE_DEMANDE_PATIENT)",
        ),
        (HUGO, "rule TD0.2: no DMP", "the patient has no DMP"),
    ] {
        let home = Home::with_sandbox();
        let before = sandbox().trace_count();
        let out = home
            .dmp_card()
            .args(["--mode", "regulation", "docs", "list", "--ins", ins])
            .output()
            .unwrap();
        let err = refused(&out);
        assert!(err.contains(rule), "{ins}: {err}");
        assert!(err.contains(words), "{ins}: {err}");
        // The regulation banner comes before the refusal.
        let banner = err.find("REGULATION ACCESS (centre 15)").expect(&err);
        assert!(banner < err.find("error:").unwrap(), "{err}");
        assert_eq!(
            sent_since(before),
            [("TD0.2".to_string(), "centre_15".to_string())],
            "{ins}: the DMP saw the existence test and nothing else"
        );
        // The TD0.2 done, then the search refused with its rule: one record each.
        let journal = home.journal();
        assert_eq!(
            home.journal_results(),
            [
                ("TD0.2".into(), "done".into()),
                ("TD3.1".into(), "refused_by_client".into())
            ],
            "{ins}"
        );
        assert_eq!(
            format!("rule {}", journal[1]["rule"].as_str().unwrap()),
            rule,
            "{ins}"
        );
        assert!(journal.iter().all(|r| r["mode"] == "centre_15"), "{ins}");
        assert!(stdout(&out).is_empty(), "{ins}: {}", stdout(&out));
    }
    // One session per run: one signature each.
    assert_eq!(card.signature_count() - before_signatures, 4);
}

#[test]
fn the_two_oppositions_are_told_apart() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let run = |mode: &str, ins: &str| {
        let mut c = home.dmp_card();
        c.args(["--mode", mode]);
        if mode == "emergency" {
            c.args(["--reason", "unconscious patient"]);
        }
        let before = sandbox().trace_count();
        let out = c.args(["docs", "list", "--ins", ins]).output().unwrap();
        let sent: Vec<String> = sent_since(before).into_iter().map(|t| t.0).collect();
        (out, sent)
    };
    // JULES opposed regulation access only.
    let (out, sent) = run("regulation", JULES);
    assert!(refused(&out).contains("OPPOSITION_ACCES_URGENCE"));
    assert_eq!(sent, ["TD0.2"]);
    let (out, sent) = run("emergency", JULES);
    ok(&out);
    assert_eq!(sent, ["TD0.2", "TD3.1"]);
    // KARINE opposed break-the-glass only.
    let (out, sent) = run("emergency", KARINE);
    assert!(refused(&out).contains("rule L5/C7: OPPOSITION_BRIS_DE_GLACE"));
    assert_eq!(sent, ["TD0.2"]);
    let (out, sent) = run("regulation", KARINE);
    ok(&out);
    assert_eq!(sent, ["TD0.2", "TD3.1"]);
}

#[test]
fn status_states_the_oppositions_in_text_and_not_the_dmps_identity_traits() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let text = |ins: &str| {
        let out = home
            .dmp_card()
            .args(["patient", "status", "--ins", ins])
            .output()
            .unwrap();
        ok(&out);
        stdout(&out)
    };
    let field = |text: &str, label: &str| -> String {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} in:\n{text}"))[label.len()..]
            .trim()
            .to_string()
    };
    let jules = text(JULES);
    assert_eq!(field(&jules, "Opposes emergency access"), "no");
    assert_eq!(field(&jules, "Opposes regulation access"), "yes");
    let karine = text(KARINE);
    assert_eq!(field(&karine, "Opposes emergency access"), "yes");
    assert_eq!(field(&karine, "Opposes regulation access"), "no");
    // DMPi RG_0320: the identity traits that come from the DMP are not displayed.
    for shown in [&jules, &karine] {
        for trait_ in ["JULES", "TESTPATIENT", "KARINE", "1977", "1983"] {
            assert!(!shown.contains(trait_), "{trait_} shown:\n{shown}");
        }
    }
    let out = home
        .dmp_card()
        .args(["patient", "status", "--ins", JULES, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["opposes_emergency_access"], false);
    assert_eq!(v["opposes_regulation_access"], true);
    assert!(!stdout(&out).contains("TESTPATIENT"), "{v}");

    let closed = text(GISELE);
    assert_eq!(
        field(&closed, "Closed"),
        "2025-06-30 10:00 Fermeture à la demande du patient"
    );
}

#[test]
fn a_closed_dmp_is_refused_with_its_closing_date_and_reason_in_every_mode() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    for mode in [
        &["--mode", "normal"][..],
        &["--mode", "emergency", "--reason", "coma"][..],
    ] {
        let out = home
            .dmp_card()
            .args(mode)
            .args(["docs", "get", "--ins", GISELE, &uid(7, 1), "-o"])
            .arg(home.path("never.xml"))
            .output()
            .unwrap();
        let err = refused(&out);
        assert!(
            err.contains("the patient's DMP was closed on 2025-06-30 10:00 UTC (Fermeture à la demande du patient, FERMETURE_DEMANDE_PATIENT)"),
            "{mode:?}: {err}"
        );
        assert!(!home.path("never.xml").exists());
    }
    // Per run: TD0.2, then the document lookup refused (a closed DMP has nothing to read).
    assert_eq!(
        home.journal_transactions(),
        ["TD0.2", "TD3.1", "TD0.2", "TD3.1"]
    );
    let journal = home.journal();
    assert_eq!(journal[1]["rule"], "TD0.2: closed DMP");
    assert_eq!(journal[3]["result"], "refused_by_client");
}

// ---------------------------------------------------------------------------------------------
// patient authorize: the consent comes before anything

#[test]
fn authorize_without_consent_sends_nothing_at_all() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let events = card.events().len();
    let signatures = card.signature_count();
    // No --patient-consent and no terminal: nobody can confirm the consent.
    let out = home
        .dmp_card()
        .args(["patient", "authorize", "--ins", INES])
        .output()
        .unwrap();
    let err = refused(&out);
    assert!(err.contains("rule C3 (EX_0.3-1010)"), "{err}");
    assert!(err.contains("--patient-consent"), "{err}");
    assert_eq!(
        sb.trace_count(),
        before,
        "no TD0.2, nothing reached the DMP"
    );
    // One record: the refused TD0.3, naming who asked (the card's certificates were read,
    // without the PIN) and the rule.
    let journal = home.journal();
    assert_eq!(journal.len(), 1, "{journal:#?}");
    assert_eq!(journal[0]["transaction"], "TD0.3");
    assert_eq!(journal[0]["result"], "refused_by_client");
    assert_eq!(journal[0]["rule"], "C3 (EX_0.3-1010): patient's consent");
    assert_eq!(journal[0]["practitioner"], "899700000017");
    assert_eq!(journal[0]["card_serial"], card.card_number());
    assert_eq!(journal[0]["patient"], INES);
    let during = &card.events()[events..];
    assert_eq!(pin_verifications(during), 0, "no PIN: {during:?}");
    assert_eq!(card.signature_count(), signatures, "no TLS handshake");
    assert!(!card.pin_verified());
    assert_eq!(card.pin_tries_left(), 3);
    assert!(sb.authorization(INES, "899700000017").is_none());
}

#[test]
fn authorize_answered_no_at_the_prompt_sends_nothing_and_spends_no_pin() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let events = card.events().len();
    let signatures = card.signature_count();
    // A terminal (script(1) gives the command a pseudo-terminal) where the person answers "n".
    let dmp = assert_cmd::cargo::cargo_bin("dmp");
    let cmd = format!(
        "{} --reader '{READER}' --profile sandbox --credential card --pin-env DMP_TEST_PIN patient authorize --ins {INES}",
        dmp.display()
    );
    let mut child = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env("XDG_DATA_HOME", home.path("data"))
        .env("DMP_TEST_PIN", PIN)
        .env("TERM", "dumb")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) runs dmp in a pseudo-terminal");
    // Answer "n" once the question is on the terminal.
    let mut terminal = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        use std::io::Read;
        let mut all = Vec::new();
        let mut buf = [0u8; 256];
        while let Ok(n) = terminal.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
            let _ = tx.send(String::from_utf8_lossy(&all).into_owned());
        }
        String::from_utf8_lossy(&all).into_owned()
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let seen = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("the question appears on the terminal");
        if seen.contains("Has the patient") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no question: {seen}");
    }
    {
        use std::io::Write;
        child.stdin.as_mut().unwrap().write_all(b"n").unwrap();
    }
    let status = child.wait().unwrap();
    let shown = reader.join().unwrap();
    assert!(shown.contains("rule C3 (EX_0.3-1010)"), "{shown}");
    assert_eq!(status.code(), Some(9), "{shown}");
    assert_eq!(
        sb.trace_count(),
        before,
        "no TD0.2, nothing reached the DMP"
    );
    assert_eq!(
        home.journal_results(),
        [("TD0.3".into(), "refused_by_client".into())],
        "the refusal, journaled"
    );
    let during = &card.events()[events..];
    assert_eq!(pin_verifications(during), 0, "no PIN: {during:?}");
    assert_eq!(card.signature_count(), signatures, "no TLS handshake");
    assert_eq!(card.pin_tries_left(), 3);
}

// ---------------------------------------------------------------------------------------------
// Rules that depend on who the user is

#[test]
fn an_occupational_doctor_lists_but_is_refused_a_retrieval_before_anything_is_sent() {
    let card = occupational_card();
    let sb = sandbox();
    let home = Home::with_sandbox();
    // Column C may search the metadata: the sandbox lists the non-masked documents and the
    // doctor's own masked one.
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", BERNARD, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let mut ids: Vec<String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["unique_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    assert_eq!(ids, [uid(2, 1), uid(2, 3), uid(2, 4), uid(2, 5)]);
    // TD0.2, FindDocuments, then GetAssociations (what the documents replace).
    let listed = home.journal_transactions();
    assert_eq!(listed, ["TD0.2", "TD3.1", "TD3.1"]);

    // Retrieving a document just listed, their own included: refused on the client.
    let before = sb.trace_count();
    let events = card.events().len();
    let signatures = card.signature_count();
    for id in [uid(2, 1), uid(2, 3)] {
        let file = home.path("doc.xml");
        let out = home
            .dmp_card()
            .args(["docs", "get", "--ins", BERNARD, &id, "-o"])
            .arg(&file)
            .output()
            .unwrap();
        let err = refused(&out);
        assert!(err.contains("rule PDT-INF-526 column C, TD3.2"), "{err}");
        assert!(err.contains("occupational doctor"), "{err}");
        assert!(err.contains("not even their own documents"), "{err}");
        assert!(!err.contains("not found"), "{err}");
        assert!(!file.exists());
    }
    assert_eq!(sb.trace_count(), before, "not even a TD0.2 reached the DMP");
    // One refusal record each, for the retrieval, with the rule.
    let journal = home.journal();
    assert_eq!(journal.len(), listed.len() + 2, "{journal:#?}");
    for r in &journal[listed.len()..] {
        assert_eq!(r["transaction"], "TD3.2");
        assert_eq!(r["result"], "refused_by_client");
        assert_eq!(r["rule"], "PDT-INF-526 column C, TD3.2");
        assert!(r["message_id"].is_null());
    }
    let during = &card.events()[events..];
    assert_eq!(pin_verifications(during), 0, "no PIN: {during:?}");
    assert_eq!(card.signature_count(), signatures, "no TLS handshake");

    // Column C has normal access only.
    let out = home
        .dmp_card()
        .args([
            "--mode",
            "emergency",
            "--reason",
            "malaise",
            "docs",
            "list",
            "--ins",
            BERNARD,
        ])
        .output()
        .unwrap();
    let err = refused(&out);
    assert!(
        err.contains("rule PDT-INF-526 column C: normal access only"),
        "{err}"
    );
    assert_eq!(sb.trace_count(), before);
    let journal = home.journal();
    let last = journal.last().unwrap();
    assert_eq!(
        last["transaction"], "TD3.1",
        "the search the user asked for"
    );
    assert_eq!(last["result"], "refused_by_client");
    assert_eq!(last["mode"], "bris_de_glace");
    assert_eq!(last["reason"], "malaise");
}

// ---------------------------------------------------------------------------------------------
// --reason and the emergency banner

#[test]
fn a_reason_outside_emergency_mode_is_an_error_before_the_card() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let events = card.events().len();
    for mode in ["normal", "regulation"] {
        let out = home
            .dmp_card()
            .args([
                "--mode", mode, "--reason", "why not", "docs", "list", "--ins", INES,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("--reason is for emergency access only"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(sb.trace_count(), before);
    assert_eq!(apdus(&card.events()[events..]), 0);
    assert!(!home.journal_path().exists());
}

#[test]
fn the_emergency_banner_shows_on_refusals_with_the_reason_neutralised() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let reason = "chute\u{1b}[2J\nsalle 3";
    let out = home
        .dmp_card()
        .args(["--mode", "emergency", "--reason", reason])
        .args(["docs", "list", "--ins", ELISE])
        .output()
        .unwrap();
    let err = refused(&out);
    let banner = err
        .lines()
        .find(|l| l.contains("EMERGENCY ACCESS (bris de glace)"))
        .unwrap_or_else(|| panic!("no banner: {err}"));
    assert!(
        banner.contains(r"reason: chute\u{1b}[2J\nsalle 3"),
        "{banner}"
    );
    assert!(!err.contains('\u{1b}'), "raw escape printed: {err:?}");
    assert!(err.contains("rule C4: INTERDIT"), "{err}");
    assert!(
        err.find("EMERGENCY ACCESS").unwrap() < err.find("error:").unwrap(),
        "{err}"
    );
    // The journal keeps the same neutralised text, in the TD0.2 and the refusal.
    let journal = home.journal();
    assert_eq!(journal.len(), 2);
    for r in &journal {
        assert_eq!(r["reason"], r"chute\u{1b}[2J\nsalle 3");
    }

    // -q silences the banner, not the refusal.
    let out = home
        .dmp_card()
        .args(["-q", "--mode", "emergency", "--reason", "coma"])
        .args(["docs", "list", "--ins", ELISE])
        .output()
        .unwrap();
    let err = refused(&out);
    assert!(!err.contains("EMERGENCY ACCESS"), "{err}");
    assert!(err.contains("rule C4: INTERDIT"), "{err}");
}
