//! `dmp push --batch` end to end, in indirect mode, against a sandbox of its own per test (its
//! store is what the tests count): a batch killed with SIGKILL at each step and re-run ends
//! with every document in the store exactly once; transient faults are retried; a bad row or
//! a refused patient is reported without stopping the others.
//!
//! Each row of a test batch has its own title, so "exactly once" is checked on the server's
//! store by title, independently of what the client's state says.

mod support;

use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use dmp_sandbox::server::faults::SubmitFault;
use dmp_sandbox::server::store;
use support::*;

const ALICE: &str = "280057505600117";
const BERNARD: &str = "175016912300248";
const DENIS: &str = "168113306300423";
/// No DMP: the registry refuses his documents.
const HUGO: &str = "199027815000860";

struct Run {
    home: Home,
    sb: Sandbox,
    manifest: PathBuf,
    titles: Vec<String>,
}

/// A sandbox, a home on it, and a manifest of `per_patient` PDFs for each patient (plus
/// `extra` rows as they are).
fn setup(patients: &[&str], per_patient: usize, extra: &[&str]) -> Run {
    let sb = own_sandbox(|_| {});
    let home = Home::new();
    home.install_profile(&sb);
    let dir = home.path("lab");
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/lab-batch/alice-glycemie.pdf"),
    )
    .unwrap();
    let mut manifest = String::from("file,ins,title,type,service_start\n");
    let mut titles = Vec::new();
    for p in patients {
        for n in 0..per_patient {
            let name = format!("{p}-{n}.pdf");
            std::fs::write(dir.join(&name), &pdf).unwrap();
            let title = format!("Résultat {p} n°{n}");
            manifest.push_str(&format!("{name},{p},{title},11502-2,20251120\n"));
            titles.push(title);
        }
    }
    for row in extra {
        manifest.push_str(row);
        manifest.push('\n');
    }
    let path = dir.join("manifest.csv");
    std::fs::write(&path, manifest).unwrap();
    Run {
        home,
        sb,
        manifest: path,
        titles,
    }
}

impl Run {
    fn command(&self, jobs: usize) -> std::process::Command {
        let mut c = self.home.dmp_process();
        c.args([
            "--profile",
            "sandbox",
            "--output",
            "json",
            "push",
            "--batch",
        ])
        .arg(&self.manifest)
        .args(["--jobs", &jobs.to_string()]);
        c
    }

    fn push(&self, jobs: usize, kill_at: Option<&str>) -> Output {
        let mut c = self.command(jobs);
        if let Some(k) = kill_at {
            c.env("DMP_TEST_KILL_AT", k);
        }
        c.output().unwrap()
    }

    /// The store's documents, without the submission sets' signatures (each submission
    /// registers its XAdES signature as a document of format xmldsig).
    fn store(&self) -> Vec<store::Document> {
        store::all_documents(&self.sb.server.state.store.conn())
            .unwrap()
            .into_iter()
            .filter(|d| !d.format_code.contains("xmldsig"))
            .collect()
    }

    /// How many documents of the store carry each title of the batch.
    fn counts(&self) -> Vec<(String, usize)> {
        let docs = self.store();
        self.titles
            .iter()
            .map(|t| (t.clone(), docs.iter().filter(|d| &d.title == t).count()))
            .collect()
    }

    fn assert_each_once(&self) {
        for (title, n) in self.counts() {
            assert_eq!(n, 1, "{title} is in the store {n} times");
        }
    }
}

/// The JSON Lines events of a run.
fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn finished(out: &Output) -> serde_json::Value {
    let ev = events(out);
    let last = ev.last().cloned().unwrap_or_default();
    assert_eq!(last["event"], "finished", "{ev:?}\n{}", stderr(out));
    last
}

fn killed(out: &Output) {
    assert_eq!(
        out.status.signal(),
        Some(9),
        "killed by SIGKILL: {:?}\n{}",
        out.status,
        stderr(out)
    );
}

#[test]
fn killed_at_each_step_and_rerun_every_document_is_there_exactly_once() {
    // (point:n, what the store holds of the 6 documents when the process dies)
    for (point, registered) in [
        ("before-save:1", 0),
        ("before-send:1", 0),
        ("after-answer:1", 2),
        ("after-save:1", 2),
        ("before-send:3", 4),
        ("after-answer:3", 6),
    ] {
        let run = setup(&[ALICE, BERNARD, DENIS], 2, &[]);
        let seed: Vec<String> = run.store().into_iter().map(|d| d.entry_uuid).collect();
        let before = seed.len();
        let out = run.push(1, Some(point));
        killed(&out);
        assert_eq!(
            run.store().len() - before,
            registered,
            "{point}: the store when the process died"
        );

        let out = run.push(1, None);
        assert_eq!(out.status.code(), Some(0), "{point}: {}", stderr(&out));
        let f = finished(&out);
        assert_eq!(f["complete"], true);
        assert_eq!(
            f["sent"].as_u64().unwrap() + f["already_present"].as_u64().unwrap(),
            6
        );
        // One submission per patient not yet registered: what the registry holds is found by
        // the lookup, never sent again (the registry would refuse it as a duplicate).
        assert_eq!(
            f["submissions"].as_u64(),
            Some(3 - registered as u64 / 2),
            "{point}: {f}"
        );
        if point.starts_with("after-answer") {
            assert!(f["already_present"].as_u64().unwrap() >= 2, "{point}: {f}");
            assert!(f["lookups"].as_u64().unwrap() >= 1, "{point}: {f}");
        }
        run.assert_each_once();
        let new: Vec<(String, String, String)> = run
            .store()
            .into_iter()
            .filter(|d| !seed.contains(&d.entry_uuid))
            .map(|d| (d.title, d.unique_id, d.status))
            .collect();
        assert_eq!(new.len(), 6, "{point}: nothing more: {new:#?}");

        // Complete: the third run sends nothing.
        let n = run.store().len();
        let out = run.push(1, None);
        assert_eq!(out.status.code(), Some(0));
        let f = finished(&out);
        assert_eq!(
            (f["submissions"].as_u64(), f["lookups"].as_u64()),
            (Some(0), Some(0))
        );
        assert_eq!(run.store().len(), n);
    }
}

/// Spawns the batch, waits until the server took the fault of the first submission and the
/// store holds `committed` more documents, and kills the client with SIGKILL while the server
/// holds the answer.
fn kill_during_send(fault: SubmitFault, committed: usize) {
    let run = setup(&[ALICE, BERNARD], 2, &[]);
    run.sb.server.state.faults.push(fault, 1);
    let before = run.store().len();
    let mut child = run
        .command(1)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    // The server takes the fault at the first submission; wait until it is in it.
    while run.sb.server.state.faults.pending() > 0 || run.store().len() - before < committed {
        assert!(Instant::now() < deadline, "the submission never arrived");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(run.store().len() - before, committed);

    let out = run.push(1, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let f = finished(&out);
    assert_eq!(f["already_present"].as_u64(), Some(committed as u64), "{f}");
    // Only the patients the registry does not hold yet are submitted.
    assert_eq!(
        f["submissions"].as_u64(),
        Some(2 - committed as u64 / 2),
        "{f}"
    );
    run.assert_each_once();
}

#[test]
fn killed_while_the_server_holds_the_answer_of_a_registered_submission() {
    kill_during_send(SubmitFault::HangAfterCommit, 2);
}

#[test]
fn killed_while_the_server_holds_a_submission_it_did_not_register() {
    kill_during_send(SubmitFault::HangBeforeCommit, 0);
}

#[test]
fn transient_faults_are_retried_after_a_lookup_and_nothing_is_doubled() {
    let run = setup(&[ALICE, BERNARD], 2, &[]);
    let faults = &run.sb.server.state.faults;
    faults.push(SubmitFault::Unavailable, 2);
    faults.push(SubmitFault::ResetAfterCommit, 1);
    let out = run.push(1, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ev = events(&out);
    let retries: Vec<_> = ev.iter().filter(|e| e["event"] == "retry").collect();
    assert_eq!(retries.len(), 3, "{ev:?}");
    let delays: Vec<u64> = retries
        .iter()
        .map(|e| e["delay_ms"].as_u64().unwrap())
        .collect();
    assert!(
        delays.windows(2).all(|w| w[1] > w[0]),
        "backoff grows: {delays:?}"
    );
    let f = finished(&out);
    // The reset came after the commit: those two were found by the lookup, not resent.
    assert_eq!(f["already_present"], 2, "{f}");
    assert_eq!(f["sent"], 2, "{f}");
    // 503, 503, reset (registered), then BERNARD's: the registered two are not resent.
    assert_eq!(f["submissions"], 4, "{f}");
    run.assert_each_once();
    assert_eq!(faults.pending(), 0);
}

#[test]
fn a_bad_row_and_a_refused_patient_are_reported_and_the_others_go_through() {
    let run = setup(
        &[ALICE, BERNARD],
        1,
        &[
            "missing.pdf,280057505600117,Absent,11502-2,20251120",
            &format!("{ALICE}-0.pdf,{HUGO},Sans DMP,11502-2,20251120"),
            "x.pdf,280057505600118,Clé fausse,11502-2,20251120",
        ],
    );
    let out = run.push(2, None);
    assert_eq!(out.status.code(), Some(12), "{}", stderr(&out));
    let f = finished(&out);
    assert_eq!(f["sent"], 2, "{f}");
    assert_eq!(f["refused"], 1, "{f}");
    assert_eq!(f["invalid"], 2, "{f}");
    let problems = f["problems"].as_array().unwrap();
    let why = |file: &str| {
        problems
            .iter()
            .find(|p| p["file"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file} not in {problems:?}"))
            .clone()
    };
    assert_eq!(why("missing.pdf")["status"], "invalid");
    assert_eq!(why("x.pdf")["status"], "invalid");
    let hugo = problems
        .iter()
        .find(|p| p["ins"] == HUGO)
        .expect("HUGO's refusal");
    assert_eq!(hugo["status"], "refused");
    assert!(!hugo["reason"].as_str().unwrap().is_empty());
    run.assert_each_once();

    // The error document on stderr says partial (12).
    let err: serde_json::Value =
        serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["kind"], "partial");

    // Text: the summary table names each one with its reason.
    let out = run
        .home
        .dmp_process()
        .args(["--profile", "sandbox", "push", "--batch"])
        .arg(&run.manifest)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(12));
    let text = stdout(&out);
    for needle in [
        "already complete",
        "missing.pdf",
        "x.pdf",
        "refused",
        "invalid",
    ] {
        assert!(
            text.contains(needle) || stderr(&out).contains(needle),
            "{needle} not in\n{text}\n{}",
            stderr(&out)
        );
    }
}
