//! `dmp docs mask|unmask|show-to-patient|archive|unarchive|delete` (TD3.3, ITI-57) end to end:
//! the real binary against the sandbox DMP (seeded as `sandbox/SEED.md` says), in direct mode
//! with the virtual card and in indirect mode. Each operation allowed is checked in the
//! sandbox's store and traces and through `docs list` / `docs get`; each refusal the client can
//! know is refused before anything is sent (no TD3.3 in the traces, a refusal in the journal).
//! The sandbox's own refusals, for requests that skip the client's checks, are in
//! `sandbox/tests/server.rs`.

mod support;

use dmp_sandbox::server::store;
use support::*;

const ALICE: &str = "280057505600117"; // 899700000017 is attending physician
const BERNARD: &str = "175016912300248"; // 899700000017 authorized, not attending
const ALICE_N: usize = 1;
const BERNARD_N: usize = 2;

/// Every stored version of a document (a metadata update adds one).
fn versions(unique_id: &str) -> Vec<store::Document> {
    let mut v: Vec<store::Document> = store::all_documents(&sandbox().server.state.store.conn())
        .unwrap()
        .into_iter()
        .filter(|d| d.unique_id == unique_id)
        .collect();
    v.sort_by_key(|d| d.version);
    v
}

fn current(unique_id: &str) -> store::Document {
    versions(unique_id)
        .into_iter()
        .rfind(|d| !d.status.ends_with(":Deprecated"))
        .expect("a current version")
}

fn list(home: &Home, card: bool, ins: &str, extra: &[&str]) -> serde_json::Value {
    let mut c = if card {
        home.dmp_card()
    } else {
        home.dmp_sandbox()
    };
    let out = c
        .args(["docs", "list", "--ins", ins, "--output", "json"])
        .args(extra)
        .output()
        .unwrap();
    ok(&out);
    json(&out)
}

fn listed(list: &serde_json::Value, unique_id: &str) -> bool {
    unique_ids(list).iter().any(|u| u == unique_id)
}

/// `dmp docs OP UNIQUE_ID --ins INS --output json` (`--yes` for a deletion).
fn run(home: &Home, card: bool, op: &str, ins: &str, unique_id: &str) -> std::process::Output {
    let mut c = if card {
        home.dmp_card()
    } else {
        home.dmp_sandbox()
    };
    c.args(["docs", op, unique_id, "--ins", ins, "--output", "json"]);
    if op == "delete" {
        c.arg("--yes");
    }
    c.output().unwrap()
}

/// The TD3.3 transactions the sandbox traced since `before`.
fn td33_traces(before: usize) -> Vec<dmp_sandbox::server::traces::TraceRecord> {
    sandbox()
        .traces_since(before)
        .into_iter()
        .filter(|t| t.transaction.starts_with("TD3.3"))
        .collect()
}

/// A refusal by the client: exit code 9, the rule named, nothing but TD0.2 and the lookup
/// sent, the refusal journaled.
fn assert_refused_before_sending(
    home: &Home,
    out: &std::process::Output,
    before: usize,
    rule: &str,
) {
    assert_eq!(out.status.code(), Some(9), "{}", stderr(out));
    let err = stderr(out);
    assert!(err.contains(rule), "rule {rule} not in: {err}");
    assert!(td33_traces(before).is_empty(), "the update was sent");
    let results = home.journal_results();
    assert!(
        results.iter().any(|(_, r)| r.contains("refused")),
        "no refusal journaled: {results:?}"
    );
}

#[test]
fn unmask_then_mask_an_own_document_makes_new_versions_of_the_same_entry() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    // BERNARD doc 3: masked, written by the card holder (B1 unmasks own documents only).
    let u = uid(BERNARD_N, 3);
    let before_versions = versions(&u);
    assert_eq!(before_versions.len(), 1);
    let first = before_versions[0].clone();
    assert!(first.masked());

    let before = sandbox().trace_count();
    let out = run(&home, true, "unmask", BERNARD, &u);
    ok(&out);
    let r = json(&out);
    assert_eq!(r["changed"], true, "{r}");
    assert_eq!(r["transaction"], "TD3.3a");
    assert_eq!(r["masked"], false);
    assert_eq!(r["entry_uuid"], first.entry_uuid.as_str());

    // The store: a new entryUUID, the same logicalId, the old version Deprecated.
    let all = versions(&u);
    assert_eq!(all.len(), 2);
    assert!(all[0].status.ends_with(":Deprecated"), "{}", all[0].status);
    assert_eq!(all[1].version, 2);
    assert_ne!(all[1].entry_uuid, first.entry_uuid);
    assert_eq!(all[1].logical_id, first.logical_id);
    assert_eq!(all[1].confidentiality, "N");
    assert_eq!(all[1].hash, first.hash);
    let traces = td33_traces(before);
    assert_eq!(traces.len(), 1, "{traces:?}");
    assert_eq!(traces[0].transaction, "TD3.3a");
    assert_eq!(traces[0].outcome, "OK");
    assert_eq!(traces[0].documents, vec![u.clone()]);
    assert!(
        traces[0].action.contains("MASQUE_PS -> N"),
        "{}",
        traces[0].action
    );

    // `docs list` shows the new version, unmasked; `docs get` opens it.
    let l = list(&home, true, BERNARD, &[]);
    let d = doc(&l, &u);
    assert_eq!(d["masked"], false);
    assert_eq!(d["entry_uuid"], all[1].entry_uuid.as_str());
    let file = home.path("doc3");
    let out = home
        .dmp_card()
        .args(["docs", "get", &u, "--ins", BERNARD, "-o"])
        .arg(&file)
        .args(["--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(std::fs::read(&file).unwrap(), first.content);

    // Masked again: a third version.
    let out = run(&home, true, "mask", BERNARD, &u);
    ok(&out);
    assert_eq!(json(&out)["masked"], true);
    let all = versions(&u);
    assert_eq!(all.len(), 3);
    assert_eq!(current(&u).confidentiality, "N MASQUE_PS");
    assert_eq!(current(&u).logical_id, first.logical_id);
    // Masking what is masked sends nothing.
    let before = sandbox().trace_count();
    let out = run(&home, true, "mask", BERNARD, &u);
    ok(&out);
    assert_eq!(json(&out)["changed"], false);
    assert!(td33_traces(before).is_empty());
    // The journal holds each TD3.3a sent.
    let tx = home.journal_transactions();
    assert_eq!(tx.iter().filter(|t| *t == "TD3.3a").count(), 2, "{tx:?}");
}

#[test]
fn archive_unarchive_and_delete_an_own_document() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    // ALICE doc 5: prescription v2, by the card holder.
    let u = uid(ALICE_N, 5);
    let entry = current(&u).entry_uuid;

    let out = run(&home, true, "archive", ALICE, &u);
    ok(&out);
    let r = json(&out);
    assert_eq!(r["status_before"], "approved");
    assert_eq!(r["status_after"], "archived");
    // A status change keeps the entry.
    assert_eq!(current(&u).entry_uuid, entry);
    assert!(current(&u).status.ends_with(":Archived"));
    assert!(!listed(&list(&home, true, ALICE, &[]), &u));
    assert!(listed(
        &list(&home, true, ALICE, &["--status", "archived"]),
        &u
    ));

    ok(&run(&home, true, "unarchive", ALICE, &u));
    assert!(current(&u).status.ends_with(":Approved"));
    assert!(listed(&list(&home, true, ALICE, &[]), &u));

    // Text output for a person.
    let out = home
        .dmp_card()
        .args(["docs", "delete", &u, "--ins", ALICE, "--yes"])
        .output()
        .unwrap();
    ok(&out);
    assert!(
        stdout(&out).contains("deleted (TD3.3c)"),
        "{}",
        stdout(&out)
    );
    assert!(current(&u).status.ends_with(":Deleted"));
    assert_eq!(current(&u).entry_uuid, entry);
    let l = list(
        &home,
        true,
        ALICE,
        &["--status", "approved", "--status", "archived"],
    );
    assert!(!listed(&l, &u));
    let tx = home.journal_transactions();
    for t in ["TD3.3d", "TD3.3c"] {
        assert!(tx.iter().any(|x| x == t), "{t} not journaled: {tx:?}");
    }
}

#[test]
fn show_to_the_patient() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    // ALICE doc 3: synthesis invisible to the patient, by the card holder.
    let u = uid(ALICE_N, 3);
    assert!(current(&u).invisible_patient());
    let out = run(&home, true, "show-to-patient", ALICE, &u);
    ok(&out);
    let r = json(&out);
    assert_eq!(r["transaction"], "TD3.3b");
    assert_eq!(r["invisible_to_patient"], false);
    assert!(!current(&u).invisible_patient());
    assert_eq!(
        doc(&list(&home, true, ALICE, &[]), &u)["invisible_to_patient"],
        false
    );
}

#[test]
fn another_authors_document_is_refused_before_sending() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    // BERNARD doc 1, by 899700000021: the card holder (B1) masks it but neither archives nor
    // deletes it (note 8).
    let u = uid(BERNARD_N, 1);
    for op in ["delete", "archive"] {
        let before = sandbox().trace_count();
        let out = run(&home, true, op, BERNARD, &u);
        assert_refused_before_sending(&home, &out, before, "note 8");
        assert!(current(&u).status.ends_with(":Approved"));
    }
    // Even the attending physician deletes only their own documents: ALICE doc 1.
    let before = sandbox().trace_count();
    let out = run(&home, true, "delete", ALICE, &uid(ALICE_N, 1));
    assert_refused_before_sending(&home, &out, before, "note 8");
    // …but archives any document.
    let a = uid(ALICE_N, 1);
    ok(&run(&home, true, "archive", ALICE, &a));
    ok(&run(&home, true, "unarchive", ALICE, &a));
    assert!(current(&a).status.ends_with(":Approved"));
}

#[test]
fn a_document_posted_by_the_patient_is_archived_by_the_attending_physician_only() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    let conn = || sandbox().server.state.store.conn();
    // One document the patient posted in each DMP (class 90, author role PATIENT).
    for (n, ins) in [(BERNARD_N, BERNARD), (ALICE_N, ALICE)] {
        let mut d = current(&uid(n, 1));
        d.unique_id = uid(n, 90);
        d.entry_uuid = format!("urn:uuid:5a4d0b00-0009-4000-8000-{:06}000090", n);
        d.logical_id = d.entry_uuid.clone();
        d.title = "Document déposé par le patient".into();
        d.class_code = "90".into();
        d.class_display = "Autres documents déposés par le patient".into();
        d.author_id = ins.into();
        d.author_role = "PATIENT".into();
        d.author_structure_id = String::new();
        store::insert_document(&conn(), &d).unwrap();
    }
    let before = sandbox().trace_count();
    let out = run(&home, true, "archive", BERNARD, &uid(BERNARD_N, 90));
    assert_refused_before_sending(&home, &out, before, "note *");
    // The attending physician may.
    ok(&run(&home, true, "archive", ALICE, &uid(ALICE_N, 90)));
    assert!(current(&uid(ALICE_N, 90)).status.ends_with(":Archived"));
}

#[test]
fn the_structure_deletes_its_own_documents_only_and_changes_no_visibility() {
    let _server = server_exclusive();
    let home = Home::with_sandbox();
    // Indirect mode: visibility changes are refused before any request (column F1).
    let before = sandbox().trace_count();
    let out = run(&home, false, "mask", ALICE, &uid(ALICE_N, 6));
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(stderr(&out).contains("column F1"), "{}", stderr(&out));
    assert_eq!(sandbox().trace_count(), before, "nothing is sent");
    // Another structure's document: note 9.
    let before = sandbox().trace_count();
    let out = run(&home, false, "delete", ALICE, &uid(ALICE_N, 1));
    // The structure does not even see it by reference: unknown to it.
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(td33_traces(before).is_empty());
    // ALICE doc 6 was written by the structure's nurse: the structure deletes it.
    let u = uid(ALICE_N, 6);
    ok(&run(&home, false, "delete", ALICE, &u));
    assert!(current(&u).status.ends_with(":Deleted"));
    let t = td33_traces(before);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].auth_mode, "INDIRECTE");
}

#[test]
fn no_visibility_change_in_emergency_mode_and_no_deletion_without_confirmation() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    let before = sandbox().trace_count();
    let out = home
        .dmp_card()
        .args(["--mode", "emergency", "--reason", "inconscient"])
        .args(["docs", "mask", &uid(ALICE_N, 1), "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(stderr(&out).contains("TD3.3a"), "{}", stderr(&out));
    assert_eq!(sandbox().trace_count(), before);
    // Not at a terminal, a deletion needs --yes: a usage error, no PIN, nothing sent.
    let out = home
        .dmp_card()
        .args(["docs", "delete", &uid(ALICE_N, 1), "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(sandbox().trace_count(), before);
}

/// `dmp docs delete` at a terminal (a pseudo-terminal): the question shows, `answer` is typed,
/// and the run ends. Returns the exit code and what the terminal showed.
#[cfg(unix)]
fn delete_at_a_terminal(home: &Home, unique_id: &str, answer: &str) -> (Option<i32>, String) {
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::process::Stdio;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills two descriptors, which we then own.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    let master = unsafe { OwnedFd::from_raw_fd(master) };
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    let mut child = home
        .dmp_process()
        .args(["--profile", "sandbox", "--credential", "card"])
        .args(["--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .args(["docs", "delete", unique_id, "--ins", ALICE])
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave.try_clone().unwrap()))
        .spawn()
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        let mut file = std::fs::File::from(master.try_clone().unwrap());
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = file.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let text = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    let asked = eventually(Duration::from_secs(20), || {
        text().contains("Delete document")
    });
    if !asked {
        let _ = child.kill();
    }
    assert!(asked, "no question: {:?}", text());
    std::fs::File::from(master.try_clone().unwrap())
        .write_all(answer.as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    drop(slave);
    reader.join().unwrap();
    let shown = text();
    (status.code(), shown)
}

#[cfg(unix)]
#[test]
fn a_deletion_at_a_terminal_is_confirmed_first() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    // A document of the card holder's of its own, so that no other test depends on it.
    let mut d = current(&uid(ALICE_N, 5));
    d.unique_id = uid(ALICE_N, 91);
    d.entry_uuid = "urn:uuid:5a4d0b00-0009-4000-8000-000001000091".into();
    d.logical_id = d.entry_uuid.clone();
    d.status = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved".into();
    store::insert_document(&sandbox().server.state.store.conn(), &d).unwrap();
    let u = d.unique_id.clone();

    let before = sandbox().trace_count();
    let (code, shown) = delete_at_a_terminal(&home, &u, "n");
    assert_eq!(code, Some(2), "{shown}");
    assert!(shown.contains("deletion cancelled"), "{shown}");
    assert_eq!(sandbox().trace_count(), before, "nothing is sent");
    assert!(current(&u).status.ends_with(":Approved"));

    let (code, shown) = delete_at_a_terminal(&home, &u, "y");
    assert_eq!(code, Some(0), "{shown}");
    assert!(current(&u).status.ends_with(":Deleted"), "{shown}");
}

#[test]
fn masking_a_document_invisible_to_the_patient_is_refused_and_so_is_the_seeded_patient_document() {
    let _server = server_exclusive();
    let _card = insert_default();
    let home = Home::with_sandbox();
    // BERNARD doc 4: invisible to the patient (by the clinic's nurse). Masking it would make it
    // both (C9).
    let u = uid(BERNARD_N, 4);
    assert!(current(&u).invisible_patient());
    let before = sandbox().trace_count();
    let out = run(&home, true, "mask", BERNARD, &u);
    assert_refused_before_sending(&home, &out, before, "C9");
    assert_eq!(versions(&u).len(), 1);
    // BERNARD doc 5 is of class 90 (posted by the patient): not for the card holder to
    // archive (note *).
    let before = sandbox().trace_count();
    let out = run(&home, true, "archive", BERNARD, &uid(BERNARD_N, 5));
    assert_refused_before_sending(&home, &out, before, "note *");
}
