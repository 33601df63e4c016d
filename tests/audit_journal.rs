//! The audit journal end to end: one record per transaction and per refusal, with the right
//! result, against what the sandbox DMP traced; the intent written before the request leaves
//! (a `dmp` killed after it leaves an "unknown" record, a journal that cannot be written sends
//! nothing); the DMP's own refusals with their code; the chain (`dmp audit verify` finds an
//! edited, deleted or reordered entry); several processes writing at once; the import of the
//! JSON Lines journal. The journal is read with the tests' own SQL (`support::read_journal`).

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use support::relay::Relay;
use support::*;

const ALICE: &str = "280057505600117";
const BERNARD: &str = "175016912300248";
const DENIS: &str = "168113306300423";
const ELISE: &str = "255079205000521";
const FRANCK: &str = "188043417200694";
const INES: &str = "201100608800913";
const DOCTOR: &str = "899700000017";

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

fn pin_verifications(events: &[dmp_sandbox::card::CardEvent]) -> usize {
    use dmp_sandbox::card::CardEvent;
    events
        .iter()
        .filter(|e| matches!(e, CardEvent::Apdu { header, lc, .. } if header[1] == 0x20 && *lc > 0))
        .count()
}

fn apdus(events: &[dmp_sandbox::card::CardEvent]) -> usize {
    events
        .iter()
        .filter(|e| matches!(e, dmp_sandbox::card::CardEvent::Apdu { .. }))
        .count()
}

// ---------------------------------------------------------------------------------------------
// One record per transaction and per refusal

#[test]
fn each_transaction_and_each_refusal_leaves_exactly_one_record_with_its_result() {
    let card = insert_default();
    let _server = server_exclusive();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let file = home.path("bio.xml");
    let uid_alice_1 = uid(1, 1);
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (vec!["patient", "status", "--ins", ALICE], 0),
        // C4: refused after TD0.2.
        (vec!["docs", "list", "--ins", ELISE], 9),
        (
            vec![
                "--mode",
                "emergency",
                "--reason",
                "coma, <urgences> \"box 3\"",
                "docs",
                "list",
                "--ins",
                INES,
            ],
            0,
        ),
        // L6: the patient opposed regulation access.
        (
            vec!["--mode", "regulation", "docs", "list", "--ins", FRANCK],
            9,
        ),
        (vec!["patient", "professionals", "--ins", DENIS], 0),
        (vec!["docs", "get", "--ins", ALICE, &uid_alice_1, "-o"], 0),
        (vec!["patients", "authorized", "--since", "2000-01-01"], 0),
        // No consent and no terminal: refused before anything is sent.
        (vec!["patient", "authorize", "--ins", INES], 9),
    ];
    for (args, want) in &runs {
        let mut c = home.dmp_card();
        c.args(args);
        if args.last() == Some(&"-o") {
            c.arg(&file);
        }
        let out = c.output().unwrap();
        assert_eq!(code(&out), Some(*want), "{args:?}: {}", stderr(&out));
    }
    let journal = home.journal();
    let results: Vec<(&str, &str, &str)> = journal
        .iter()
        .map(|r| {
            (
                r["transaction"].as_str().unwrap(),
                r["patient"].as_str().unwrap_or(""),
                r["result"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            ("TD0.2", ALICE, "done"),
            ("TD0.2", ELISE, "done"),
            ("TD3.1", ELISE, "refused_by_client"),
            ("TD0.2", INES, "done"),
            ("TD3.1", INES, "done"),
            ("TD3.1", INES, "done"),
            ("TD0.2", FRANCK, "done"),
            ("TD3.1", FRANCK, "refused_by_client"),
            ("TD0.2", DENIS, "done"),
            ("TD1.6", DENIS, "done"),
            ("TD0.2", ALICE, "done"),
            ("TD3.1", ALICE, "done"),
            ("TD3.2", ALICE, "done"),
            ("TD0.4", "", "done"),
            ("TD0.3", INES, "refused_by_client"),
        ]
    );
    // Refusals name their rule and were never sent.
    let rules: Vec<&str> = journal
        .iter()
        .filter(|r| r["result"] == "refused_by_client")
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "C4: INTERDIT",
            "L6: OPPOSITION_ACCES_URGENCE",
            "C3 (EX_0.3-1010): patient's consent"
        ]
    );
    // What was sent is what the DMP traced, one by one, in order.
    let sent: Vec<&serde_json::Value> = journal
        .iter()
        .filter(|r| r["result"] != "refused_by_client")
        .collect();
    let traces = sb.traces_since(before);
    assert_eq!(sent.len(), traces.len(), "{traces:#?}");
    for (r, t) in sent.iter().zip(&traces) {
        assert_eq!(r["transaction"], t.transaction.as_str(), "{r} vs {t:?}");
        assert_eq!(r["patient"].as_str().unwrap_or(""), t.ins, "{r} vs {t:?}");
        assert_eq!(r["mode"], t.access_mode.as_str(), "{r} vs {t:?}");
        assert_eq!(t.outcome, "OK", "{t:?}");
        assert_eq!(r["practitioner"], t.national_id.as_str());
        let mut docs: Vec<String> = serde_json::from_value(r["documents"].clone()).unwrap();
        let mut traced = t.documents.clone();
        docs.sort();
        traced.sort();
        if r["transaction"] != "TD0.4" {
            assert_eq!(docs, traced, "documents of {r}");
        }
        assert!(r["message_id"].is_string(), "{r}");
        assert!(r["completed"].as_str().unwrap() >= r["time"].as_str().unwrap());
    }
    // Every record names the card that signed, and its run.
    for r in &journal {
        assert_eq!(r["practitioner"], DOCTOR);
        assert_eq!(r["card_serial"], card.card_number());
        assert_eq!(r["auth_mode"], "direct");
    }
    let runs_seen: std::collections::BTreeSet<&str> =
        journal.iter().map(|r| r["run"].as_str().unwrap()).collect();
    assert_eq!(runs_seen.len(), runs.len(), "one run id per dmp run");
    // The emergency reason is kept as given (it had no control characters).
    let emergency: Vec<&serde_json::Value> = journal
        .iter()
        .filter(|r| r["mode"] == "bris_de_glace")
        .collect();
    assert_eq!(emergency.len(), 3);
    assert!(emergency
        .iter()
        .all(|r| r["reason"] == "coma, <urgences> \"box 3\""));
    assert_eq!(journal[12]["documents"], serde_json::json!([uid(1, 1)]));

    // The chain holds.
    let out = home
        .dmp()
        .args(["audit", "verify", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["intact"], true);
    assert_eq!(v["records"], 15);
}

#[test]
fn a_refusal_by_the_dmp_is_recorded_with_its_code() {
    let _card = insert_default();
    // A sandbox of our own: its authorizations change here.
    let sb = own_sandbox(|_| {});
    let home = Home::new();
    home.install_profile(&sb);
    assert!(sb.authorization(BERNARD, DOCTOR).is_some(), "seeded VALIDE");
    // TD0.2 answers VALIDE; its answer is held while the patient's authorization goes away,
    // so the client lets the search through and the DMP refuses it.
    let relay = Relay::spawn(sb.server.addr, 1);
    let child = home
        .dmp_process()
        .args([
            "--profile",
            "sandbox",
            "--credential",
            "card",
            "--pin-env",
            "DMP_TEST_PIN",
        ])
        .arg("--endpoint")
        .arg(relay.endpoint(&sb.server.endpoint()))
        .args(["docs", "list", "--ins", BERNARD])
        .env("DMP_TEST_PIN", PIN)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the sandbox traced TD0.2", || sb.trace_count() == 1);
    sb.delete_authorization(BERNARD, DOCTOR);
    relay.release();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), Some(9), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("DMPAccessDeniedByRightsService"),
        "{}",
        stderr(&out)
    );
    let journal = home.journal();
    assert_eq!(
        home.journal_results(),
        [
            ("TD0.2".into(), "done".into()),
            ("TD3.1".into(), "refused_by_dmp".into())
        ],
        "{journal:#?}"
    );
    assert_eq!(journal[1]["dmp_code"], "DMPAccessDeniedByRightsService");
    assert!(journal[1]["rule"].is_null(), "not a rule of ours");
    let traces = sb.traces();
    assert_eq!(traces.len(), 2);
    assert_ne!(traces[1].outcome, "OK", "the DMP refused: {:?}", traces[1]);
}

// ---------------------------------------------------------------------------------------------
// Write-ahead

#[test]
fn a_dmp_killed_after_its_request_left_leaves_an_unknown_record() {
    let _card = insert_default();
    let sb = own_sandbox(|_| {});
    let home = Home::new();
    home.install_profile(&sb);
    // The TD0.2 goes through; the TD0.3 reaches the DMP, which records the authorization, and
    // its answer is held: dmp is killed while it waits.
    let relay = Relay::spawn(sb.server.addr, 2);
    let mut child = home
        .dmp_process()
        .args([
            "--profile",
            "sandbox",
            "--credential",
            "card",
            "--pin-env",
            "DMP_TEST_PIN",
        ])
        .arg("--endpoint")
        .arg(relay.endpoint(&sb.server.endpoint()))
        .args(["patient", "authorize", "--ins", INES, "--patient-consent"])
        .env("DMP_TEST_PIN", PIN)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the sandbox traced TD0.3", || {
        sb.traces().iter().any(|t| t.transaction == "TD0.3")
    });
    assert!(sb.authorization(INES, DOCTOR).is_some(), "the DMP acted");
    child.kill().unwrap(); // SIGKILL: no handler runs
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9)
    );
    drop(relay);

    let journal = home.journal();
    assert_eq!(
        home.journal_results(),
        [
            ("TD0.2".into(), "done".into()),
            ("TD0.3".into(), "unknown".into())
        ],
        "{journal:#?}"
    );
    let td03 = &journal[1];
    assert_eq!(td03["detail"], "AJOUT");
    assert_eq!(td03["consent"], "--patient-consent");
    assert_eq!(td03["patient"], INES);
    assert!(
        td03["message_id"].is_string(),
        "the intent names its request"
    );
    assert!(td03["completed"].is_null());

    // The chain is whole after a kill, and the report shows the unknown outcome.
    ok(&home.dmp().args(["audit", "verify"]).output().unwrap());
    let out = home
        .dmp()
        .args([
            "report", "access", "--result", "unknown", "--output", "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["records"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["records"][0]["transaction"], "TD0.3");
}

#[test]
fn a_journal_that_cannot_be_written_sends_nothing_and_spends_no_pin() {
    let card = insert_default();
    let sb = own_sandbox(|_| {});
    let home = Home::new();
    home.install_profile(&sb);
    // The data directory's parent is a regular file: no directory can be made there (root
    // included, unlike a chmod).
    let blocker = home.path("not-a-directory");
    std::fs::write(&blocker, b"").unwrap();
    let events = card.events().len();
    for args in [
        vec!["patient", "status", "--ins", ALICE],
        vec!["docs", "list", "--ins", ALICE],
        vec!["patient", "authorize", "--ins", INES, "--patient-consent"],
    ] {
        let out = home
            .dmp_card()
            .env("XDG_DATA_HOME", &blocker)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(code(&out), Some(3), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("audit journal"), "{err}");
        assert!(err.contains("nothing was sent"), "{err}");
        assert!(err.contains("hint:"), "{err}");
    }
    assert!(sb.traces().is_empty(), "nothing reached the DMP");
    let during = &card.events()[events..];
    assert_eq!(apdus(during), 0, "the card was not even read: {during:?}");
    assert_eq!(pin_verifications(during), 0);
    assert_eq!(card.signature_count(), 0, "no TLS handshake");
    assert!(sb.authorization(INES, DOCTOR).is_none());

    // Indirect mode too, with JSON: the error document says it is a configuration problem.
    let out = home
        .dmp_sandbox()
        .env("XDG_DATA_HOME", &blocker)
        .args(["patient", "status", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["kind"], "config");
    assert!(sb.traces().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The chain

/// A journal of real runs (indirect mode): 3 records, 6 entries (intent and outcome each).
fn journal_of_runs() -> (Home, std::sync::RwLockReadGuard<'static, ()>) {
    let guard = server_shared();
    let home = Home::with_sandbox();
    for ins in [ALICE, BERNARD, DENIS] {
        ok(&home
            .dmp_sandbox()
            .args(["patient", "status", "--ins", ins])
            .output()
            .unwrap());
    }
    assert_eq!(home.journal().len(), 3);
    (home, guard)
}

/// Copies the journal (and its WAL, if any) to `name` in the home and changes it with `sql`.
fn tampered(home: &Home, name: &str, sql: &str) -> std::path::PathBuf {
    let copy = home.path(name);
    let src = home.journal_path();
    // Read it through SQLite into a single file, so no WAL is left behind.
    let c = rusqlite::Connection::open(&src).unwrap();
    c.execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    let t = rusqlite::Connection::open(&copy).unwrap();
    t.execute_batch(sql).unwrap();
    copy
}

fn verify(home: &Home, journal: &std::path::Path) -> (Option<i32>, serde_json::Value, String) {
    let out = home
        .dmp()
        .args(["audit", "verify", "--output", "json", "--journal"])
        .arg(journal)
        .output()
        .unwrap();
    let text = home
        .dmp()
        .args(["audit", "verify", "--journal"])
        .arg(journal)
        .output()
        .unwrap();
    assert_eq!(code(&text), code(&out));
    (
        code(&out),
        json(&out),
        format!("{}{}", stdout(&text), stderr(&text)),
    )
}

#[test]
fn verify_finds_an_edited_a_deleted_and_a_reordered_entry_and_says_where() {
    let (home, _guard) = journal_of_runs();
    let times: Vec<String> = {
        let c = rusqlite::Connection::open(home.journal_path()).unwrap();
        let mut s = c.prepare("SELECT time FROM entries ORDER BY seq").unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .map(|t| t.unwrap())
            .collect()
    };
    assert_eq!(times.len(), 6);

    // Intact: exit 0, the head named.
    let (c, v, text) = verify(&home, &home.journal_path());
    assert_eq!(c, Some(0), "{text}");
    assert_eq!(
        (v["intact"].clone(), v["entries"].clone()),
        (true.into(), 6.into())
    );
    assert!(text.contains("intact"), "{text}");
    let head: String = rusqlite::Connection::open(home.journal_path())
        .unwrap()
        .query_row("SELECT hash FROM entries WHERE seq = 6", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v["last_hash"], head.as_str());
    assert!(text.contains(&head), "{text}");

    // Edited: the second record's patient changed.
    let j = tampered(
        &home,
        "edited.sqlite3",
        &format!("UPDATE entries SET patient = '{HUGO}' WHERE seq = 3"),
    );
    let (c, v, text) = verify(&home, &j);
    assert_eq!(c, Some(11), "{text}");
    assert_eq!(v["broken"]["kind"], "edited");
    assert_eq!(v["broken"]["entry"], 3);
    assert_eq!(v["broken"]["time"], times[2].as_str());
    assert!(text.contains("BROKEN at entry 3"), "{text}");
    assert!(
        text.contains(&times[2][..19].replace('T', " ")),
        "the time, for people: {text}"
    );

    // Deleted: the second record's outcome.
    let j = tampered(
        &home,
        "deleted.sqlite3",
        "DELETE FROM entries WHERE seq = 4",
    );
    let (c, v, text) = verify(&home, &j);
    assert_eq!(c, Some(11), "{text}");
    assert_eq!(v["broken"]["kind"], "deleted");
    assert_eq!(v["broken"]["entry"], 5);
    assert!(text.contains("entry 4 is missing"), "{text}");

    // Reordered: the second and third records swapped.
    let j = tampered(
        &home,
        "reordered.sqlite3",
        "UPDATE entries SET seq = seq + 100 WHERE seq IN (3, 4);
         UPDATE entries SET seq = seq - 2 WHERE seq IN (5, 6);
         UPDATE entries SET seq = seq - 98 WHERE seq IN (103, 104);",
    );
    let (c, v, text) = verify(&home, &j);
    assert_eq!(c, Some(11), "{text}");
    assert_eq!(v["broken"]["kind"], "reordered");
    assert_eq!(v["broken"]["entry"], 3);
    assert!(text.contains("reordered"), "{text}");

    // Deleted at the end: the last record, intent and outcome.
    let j = tampered(
        &home,
        "truncated.sqlite3",
        "DELETE FROM entries WHERE seq >= 5",
    );
    let (c, v, _) = verify(&home, &j);
    assert_eq!(c, Some(11));
    assert_eq!(v["broken"]["kind"], "deleted");
    assert_eq!(v["broken"]["entry"], 4);

    // A report drawn from a broken journal says so.
    let out = home
        .dmp()
        .args(["report", "access", "--journal"])
        .arg(home.path("edited.sqlite3"))
        .output()
        .unwrap();
    ok(&out);
    assert!(stderr(&out).contains("chain is broken"), "{}", stderr(&out));
}

const HUGO: &str = "199027815000860";

// ---------------------------------------------------------------------------------------------
// Several processes

/// Set in the two child processes of the test below: the journal to write, and who they are.
const WRITER_ENV: &str = "DMP_TEST_JOURNAL_WRITER";
const WRITES: usize = 500;

/// One child: opens the journal, says it is ready, waits for the go, writes 500 records (each
/// an intent and its outcome) as fast as it can.
fn writer(spec: &str) {
    use dmp::journal::{Actor, Completion, Journal, Outcome, Request};
    let (dir, id) = spec.split_once('|').unwrap();
    let dir = std::path::Path::new(dir);
    let j = Journal::open(dir.join("audit.sqlite3")).unwrap();
    std::fs::write(dir.join(format!("ready-{id}")), b"").unwrap();
    let deadline = Instant::now() + PATIENCE;
    while !dir.join("go").exists() {
        assert!(Instant::now() < deadline, "no go");
        std::thread::sleep(Duration::from_millis(2));
    }
    let actor = Actor {
        practitioner: Some(format!("writer-{id}")),
        auth_mode: "direct".into(),
        ..Actor::default()
    };
    for i in 0..WRITES {
        let p = j
            .begin(
                &actor,
                &Request {
                    time: time::OffsetDateTime::now_utc(),
                    patient: Some(ALICE.into()),
                    transaction: "TD3.1".into(),
                    detail: Some(format!("{id}:{i}")),
                    mode: "normal".into(),
                    reason: None,
                    consent: None,
                    message_id: Some(format!("urn:uuid:{id}-{i}")),
                    patient_authority: None,
                    endpoint: None,
                },
            )
            .unwrap();
        j.complete(p, &Completion::new(Outcome::Done)).unwrap();
        // A dmp run writes between network exchanges, not in a tight loop: a pause lets the
        // other writer's busy handler find the lock free, so the two really interleave.
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn two_processes_writing_500_records_each_leave_1000_valid_chained_records() {
    if let Ok(spec) = std::env::var(WRITER_ENV) {
        return writer(&spec);
    }
    let dir = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let children: Vec<std::process::Child> = ["a", "b"]
        .iter()
        .map(|id| {
            std::process::Command::new(&me)
                .args([
                    "two_processes_writing_500_records_each_leave_1000_valid_chained_records",
                    "--exact",
                    "--test-threads=1",
                ])
                .env(WRITER_ENV, format!("{}|{id}", dir.path().display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    wait_until("both writers ready", || {
        dir.path().join("ready-a").exists() && dir.path().join("ready-b").exists()
    });
    std::fs::write(dir.path().join("go"), b"").unwrap();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "a writer failed");
    }

    let journal = read_journal(&dir.path().join("audit.sqlite3"));
    assert_eq!(journal.len(), 2 * WRITES);
    let mut per_writer: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for r in &journal {
        assert_eq!(r["result"], "done", "{r}");
        let (id, i) = r["detail"].as_str().unwrap().split_once(':').unwrap();
        assert_eq!(r["practitioner"], format!("writer-{id}"));
        assert_eq!(r["message_id"], format!("urn:uuid:{id}-{i}"), "not mixed");
        per_writer
            .entry(id.to_string())
            .or_default()
            .push(i.parse().unwrap());
    }
    // Each writer's records are all there, once, in the order it wrote them.
    for (id, seq) in &per_writer {
        assert_eq!(*seq, (0..WRITES).collect::<Vec<_>>(), "writer {id}");
    }
    // They wrote at the same time: their records interleave.
    let order: Vec<&str> = journal
        .iter()
        .map(|r| &r["detail"].as_str().unwrap()[..1])
        .collect();
    let switches = order.windows(2).filter(|w| w[0] != w[1]).count();
    assert!(
        switches > 1,
        "the writers never overlapped: {switches} switch"
    );

    // One unbroken chain of 2,000 entries.
    let home = Home::new();
    let out = home
        .dmp()
        .args(["audit", "verify", "--output", "json", "--journal"])
        .arg(dir.path().join("audit.sqlite3"))
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["intact"], true);
    assert_eq!(v["entries"], 4 * WRITES);
    assert_eq!(v["records"], 2 * WRITES);
}

// ---------------------------------------------------------------------------------------------
// The JSON Lines journal

#[test]
fn the_json_lines_journal_is_imported_on_first_use_and_chained_before_new_records() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let data = home.path("data/dmp");
    std::fs::create_dir_all(&data).unwrap();
    // Two lines as the previous dmp wrote them.
    let old = concat!(
        r#"{"time":"2025-05-01T08:00:00Z","practitioner":"899700000017","auth_mode":"direct","patient":"280057505600117","transaction":"TD0.2","detail":"TEST_EXST","mode":"normal","reason":null,"consent":null,"result":"ok","outcome":"VALIDE","message_id":"urn:uuid:0001"}"#,
        "\n",
        r#"{"time":"2025-05-01T08:00:02Z","practitioner":"899700000017","auth_mode":"direct","patient":"280057505600117","transaction":"TD3.2","detail":"1.2.250.1.999.9.1.1.1","mode":"bris_de_glace","reason":"coma","consent":null,"result":"error","outcome":"cannot reach host","message_id":"urn:uuid:0002"}"#,
        "\n"
    );
    std::fs::write(data.join("audit.jsonl"), old).unwrap();
    ok(&home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap());
    assert!(!data.join("audit.jsonl").exists());
    assert_eq!(
        std::fs::read_to_string(data.join("audit.jsonl.migrated")).unwrap(),
        old
    );
    let journal = home.journal();
    let summary: Vec<(&str, &str, &str)> = journal
        .iter()
        .map(|r| {
            (
                r["transaction"].as_str().unwrap(),
                r["result"].as_str().unwrap(),
                r["time"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(summary.len(), 3);
    assert_eq!(summary[0], ("TD0.2", "done", "2025-05-01T08:00:00.000000Z"));
    assert_eq!(
        summary[1],
        ("TD3.2", "failed", "2025-05-01T08:00:02.000000Z")
    );
    assert_eq!((summary[2].0, summary[2].1), ("TD0.2", "done"));
    assert_eq!(journal[1]["reason"], "coma");
    assert_eq!(journal[1]["message"], "cannot reach host");
    // A second run imports nothing more.
    ok(&home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap());
    assert_eq!(home.journal().len(), 4);
    ok(&home.dmp().args(["audit", "verify"]).output().unwrap());
}

#[cfg(unix)]
#[test]
fn the_journal_is_readable_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let _server = server_shared();
    let home = Home::with_sandbox();
    ok(&home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&home.journal_path()), 0o600);
    assert_eq!(mode(home.journal_path().parent().unwrap()), 0o700);
}
