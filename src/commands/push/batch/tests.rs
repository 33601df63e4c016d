//! The engine against a fake `Pusher` whose registry refuses a uniqueId already registered (as
//! the real one does), so a duplicate shows as an error and the registry's content is what the
//! tests count. A kill is simulated by a panic inside `submit` (before or after registering):
//! the run ends there with the state as a killed process leaves it.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use super::*;
use crate::commands::push::{DocumentInput, PreparedDocument, Problem, Pusher, SubmitReceipt};
use crate::error::{Error, ErrorKind, Result};
use crate::model::ins::Ins;

const P1: &str = "280057505600117";
const P2: &str = "180037505600128";
const P3: &str = "295017512345699";

fn ins(n: &str) -> Ins {
    Ins::parse(&fix_key(n)).unwrap()
}

/// The test INS above with their real check keys.
fn fix_key(n: &str) -> String {
    let key = crate::model::ins::check_key(&n[..13]).unwrap();
    format!("{}{key:02}", &n[..13])
}

/// What the fake does at its next submission calls (in order), then `Ok`.
#[derive(Debug, Clone, Copy)]
enum Fault {
    /// HTTP 503 before anything is registered.
    Unavailable,
    /// Registered, then the connection drops before the answer.
    LostAnswer,
    /// The process dies before the request leaves.
    KillBeforeSend,
    /// The process dies after the DMP registered, before the state is saved.
    KillAfterAnswer,
    /// The card was pulled out.
    Card,
}

#[derive(Default)]
struct Fake {
    registry: Mutex<HashMap<String, Vec<String>>>,
    faults: Mutex<VecDeque<Fault>>,
    lookup_faults: Mutex<VecDeque<Fault>>,
    /// A patient whose submissions the DMP refuses (consent).
    refused_patient: Option<String>,
    /// A document (file name) the DMP refuses: the whole submission holding it is refused.
    refused_file: Option<String>,
    /// A patient refused by the access rules before sending (no DMP code).
    denied_patient: Option<String>,
    submissions: AtomicUsize,
    lookups: AtomicUsize,
    next_id: AtomicUsize,
    /// Documents per submission, in order.
    sizes: Mutex<Vec<usize>>,
}

impl Fake {
    fn with_faults(faults: &[Fault]) -> Fake {
        Fake {
            faults: Mutex::new(faults.iter().cloned().collect()),
            ..Fake::default()
        }
    }
    fn count(&self, uid: &str) -> usize {
        self.registry
            .lock()
            .unwrap()
            .values()
            .flatten()
            .filter(|u| *u == uid)
            .count()
    }
    fn total(&self) -> usize {
        self.registry.lock().unwrap().values().map(Vec::len).sum()
    }
    fn share_registry(&self) -> Fake {
        Fake {
            registry: Mutex::new(self.registry.lock().unwrap().clone()),
            // A fresh process numbers from elsewhere: ids are not a counter's luck.
            next_id: AtomicUsize::new(1000),
            ..Fake::default()
        }
    }
}

impl Pusher for Fake {
    fn prepare(
        &self,
        input: &DocumentInput,
        _work_dir: &Path,
    ) -> std::result::Result<PreparedDocument, Vec<Problem>> {
        let problem = |m: &str| {
            vec![Problem {
                file: input.path.clone(),
                field: "file".into(),
                message: m.into(),
            }]
        };
        let text = std::fs::read_to_string(&input.path).map_err(|e| problem(&e.to_string()))?;
        if text.contains("BAD") {
            return Err(problem("not a CDA document"));
        }
        // A "CDA" here is its patient's INS, as a header would carry it.
        let number = input.ins.clone().unwrap_or_else(|| text.trim().to_string());
        let ins = Ins::parse(&number).map_err(|e| problem(e.message()))?;
        let mut input = input.clone();
        let uid = input.unique_id.clone().unwrap_or_else(|| {
            format!(
                "1.2.250.1.999.7.{}",
                self.next_id.fetch_add(1, Ordering::SeqCst)
            )
        });
        input.unique_id = Some(uid.clone());
        Ok(PreparedDocument {
            input,
            ins,
            unique_id: uid,
            content: PathBuf::new(),
            size: text.len() as u64,
            sha1: String::new(),
            metadata: Default::default(),
        })
    }

    fn submit(&self, documents: &[PreparedDocument]) -> Result<SubmitReceipt> {
        self.submissions.fetch_add(1, Ordering::SeqCst);
        self.sizes.lock().unwrap().push(documents.len());
        let patient = documents[0].ins.number().to_string();
        if self.denied_patient.as_deref() == Some(&patient) {
            return Err(Error::denied("the patient opposed access to professionals"));
        }
        if self.refused_patient.as_deref() == Some(&patient) {
            return Err(
                Error::server("no DMP for this patient").with_dmp_code("DMPPatientNotFound")
            );
        }
        if let Some(bad) = &self.refused_file {
            if documents
                .iter()
                .any(|d| d.input.path.file_name().unwrap().to_string_lossy() == *bad)
            {
                return Err(
                    Error::server("bad classCode").with_dmp_code("XDSRegistryMetadataError")
                );
            }
        }
        let fault = self.faults.lock().unwrap().pop_front();
        if let Some(Fault::Unavailable) = fault {
            return Err(Error::server("HTTP 503 Service Unavailable"));
        }
        if let Some(Fault::KillBeforeSend) = fault {
            panic!("killed before the request left");
        }
        if let Some(Fault::Card) = fault {
            return Err(Error::card("the card was removed"));
        }
        {
            let mut reg = self.registry.lock().unwrap();
            let held: Vec<String> = reg.values().flatten().cloned().collect();
            if let Some(d) = documents.iter().find(|d| held.contains(&d.unique_id)) {
                return Err(
                    Error::server(format!("{} is already registered", d.unique_id))
                        .with_dmp_code("XDSDuplicateUniqueIdInRegistry"),
                );
            }
            reg.entry(patient)
                .or_default()
                .extend(documents.iter().map(|d| d.unique_id.clone()));
        }
        match fault {
            Some(Fault::LostAnswer) => Err(Error::network("connection reset by peer")),
            Some(Fault::KillAfterAnswer) => panic!("killed after the answer"),
            _ => Ok(SubmitReceipt {
                submission_set: "1.2.3".into(),
                documents: documents.iter().map(|d| d.unique_id.clone()).collect(),
                warnings: vec![],
            }),
        }
    }

    fn registered(&self, ins: &Ins, unique_ids: &[String]) -> Result<Vec<String>> {
        self.lookups.fetch_add(1, Ordering::SeqCst);
        if let Some(Fault::Unavailable) = self.lookup_faults.lock().unwrap().pop_front() {
            return Err(Error::network("timed out"));
        }
        let reg = self.registry.lock().unwrap();
        let held = reg.get(ins.number()).cloned().unwrap_or_default();
        Ok(unique_ids
            .iter()
            .filter(|u| held.contains(u))
            .cloned()
            .collect())
    }
}

struct Setup {
    dir: tempfile::TempDir,
    manifest: PathBuf,
}

impl Setup {
    /// Files `name` holding their patient, and a manifest listing them with `ins` when given.
    fn new(rows: &[(&str, Option<&str>)]) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let mut m = String::from("file,ins\n");
        for (name, patient) in rows {
            let content = patient.map(fix_key).unwrap_or_else(|| "BAD".into());
            std::fs::write(dir.path().join(name), content).unwrap();
            m.push_str(&format!(
                "{name},{}\n",
                patient.map(fix_key).unwrap_or_default()
            ));
        }
        let manifest = dir.path().join("manifest.csv");
        std::fs::write(&manifest, m).unwrap();
        Setup { dir, manifest }
    }
    fn states(&self) -> PathBuf {
        self.dir.path().join("state")
    }
    fn open(&self) -> Batch {
        Batch::open(&self.manifest, &self.states()).unwrap()
    }
    /// One run; returns its summary and events (a simulated kill: `Err`, events so far).
    fn run(&self, fake: &Fake, jobs: usize) -> (Result<Summary>, Vec<Event>) {
        let batch = self.open();
        let events = Mutex::new(Vec::new());
        let sink = |e: &Event| events.lock().unwrap().push(e.clone());
        let options = Options {
            jobs,
            retry: Retry {
                attempts: 4,
                first_delay: Duration::from_millis(1),
                max_delay: Duration::from_millis(4),
            },
        };
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            batch.run(fake, &options, self.dir.path(), &sink)
        }))
        .unwrap_or_else(|_| Err(Error::internal("killed")));
        (r, events.into_inner().unwrap())
    }
    fn statuses(&self) -> Vec<Status> {
        self.open()
            .state()
            .docs()
            .unwrap()
            .iter()
            .map(|d| d.status)
            .collect()
    }
    fn ids(&self) -> Vec<String> {
        self.open()
            .state()
            .docs()
            .unwrap()
            .iter()
            .filter_map(|d| d.input.as_ref()?.unique_id.clone())
            .collect()
    }
}

fn five_for_two() -> Setup {
    Setup::new(&[
        ("a1.xml", Some(P1)),
        ("b1.xml", Some(P2)),
        ("a2.xml", Some(P1)),
        ("b2.xml", Some(P2)),
        ("a3.xml", Some(P1)),
    ])
}

#[test]
fn one_submission_per_patient_and_a_complete_batch_reruns_as_a_no_op() {
    let s = five_for_two();
    let fake = Fake::default();
    let (r, events) = s.run(&fake, 2);
    let summary = r.unwrap();
    assert_eq!(fake.submissions.load(Ordering::SeqCst), 2);
    let mut sizes = fake.sizes.lock().unwrap().clone();
    sizes.sort();
    assert_eq!(sizes, [2, 3]);
    assert_eq!((summary.sent, summary.documents), (5, 5));
    assert!(summary.complete);
    summary.verdict().unwrap();
    assert_eq!(fake.total(), 5);
    let sent = events
        .iter()
        .filter(|e| matches!(e, Event::Document(d) if d.status == Status::Sent))
        .count();
    assert_eq!(sent, 5);
    assert!(matches!(
        events.first(),
        Some(Event::Started { to_do: 5, .. })
    ));
    assert!(matches!(events.last(), Some(Event::Finished(_))));
    assert!(s.open().is_complete().unwrap());

    // The second run touches nothing and says so.
    let idle = Fake::default();
    let (r, events) = s.run(&idle, 2);
    let again = r.unwrap();
    assert_eq!(idle.submissions.load(Ordering::SeqCst), 0);
    assert_eq!(idle.lookups.load(Ordering::SeqCst), 0);
    assert!(matches!(
        events.first(),
        Some(Event::Started {
            to_do: 0,
            done_before: 5,
            ..
        })
    ));
    assert_eq!(again.sent, 5);
    again.verdict().unwrap();
}

#[test]
fn killed_after_the_dmp_registered_the_rerun_finds_them_and_sends_nothing_twice() {
    let s = five_for_two();
    let fake = Fake::with_faults(&[Fault::KillAfterAnswer]);
    let (r, _) = s.run(&fake, 1);
    assert!(r.is_err(), "the run was killed");
    let registered_before = fake.total();
    assert!(registered_before > 0);
    assert!(s.statuses().contains(&Status::Sending));

    let rerun = fake.share_registry();
    let summary = s.run(&rerun, 1).0.unwrap();
    summary.verdict().unwrap();
    assert_eq!(summary.already_present, registered_before);
    assert_eq!(summary.sent + summary.already_present, 5);
    assert_eq!(rerun.total(), 5, "every document once");
    for id in s.ids() {
        assert_eq!(rerun.count(&id), 1, "{id}");
    }
    assert_eq!(
        rerun.lookups.load(Ordering::SeqCst),
        1,
        "one lookup for the unknown outcome"
    );
    assert_eq!(
        rerun.submissions.load(Ordering::SeqCst),
        1,
        "only the other patient"
    );
}

#[test]
fn killed_before_the_request_left_the_rerun_looks_up_then_sends() {
    let s = five_for_two();
    let fake = Fake::with_faults(&[Fault::KillBeforeSend]);
    assert!(s.run(&fake, 1).0.is_err());
    assert_eq!(fake.total(), 0);
    let ids_before = s.ids();
    assert_eq!(ids_before.len(), 5, "uniqueIds fixed before the first send");

    let rerun = fake.share_registry();
    let summary = s.run(&rerun, 1).0.unwrap();
    assert_eq!(summary.sent, 5);
    assert_eq!(rerun.lookups.load(Ordering::SeqCst), 1);
    assert_eq!(s.ids(), ids_before, "the same documents, not new ones");
    for id in ids_before {
        assert_eq!(rerun.count(&id), 1);
    }
}

#[test]
fn a_lost_answer_is_looked_up_before_any_resend() {
    let s = five_for_two();
    let fake = Fake::with_faults(&[Fault::LostAnswer]);
    let (r, events) = s.run(&fake, 1);
    let summary = r.unwrap();
    summary.verdict().unwrap();
    assert_eq!(fake.total(), 5);
    // The first patient's 3 documents were registered despite the reset: found, not resent.
    assert_eq!(summary.already_present, 3);
    assert_eq!(summary.sent, 2);
    assert_eq!(fake.submissions.load(Ordering::SeqCst), 2);
    assert_eq!(fake.lookups.load(Ordering::SeqCst), 1);
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::Retry { attempt: 2, .. })));
}

#[test]
fn transient_faults_are_retried_with_a_bound_then_failed_and_retried_by_the_next_run() {
    let s = Setup::new(&[("a1.xml", Some(P1))]);
    let fake = Fake::with_faults(&[Fault::Unavailable; 10]);
    let (r, events) = s.run(&fake, 1);
    let summary = r.unwrap();
    // 4 tries: a send, then (lookup, send) three times, up to the bound.
    assert_eq!(fake.submissions.load(Ordering::SeqCst), 4);
    assert_eq!(fake.lookups.load(Ordering::SeqCst), 3);
    let delays: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            Event::Retry { delay_ms, .. } => Some(*delay_ms),
            _ => None,
        })
        .collect();
    assert_eq!(delays, [1, 2, 4], "exponential backoff, capped");
    assert_eq!(summary.failed, 1);
    assert!(!summary.complete);
    assert_eq!(summary.verdict().unwrap_err().kind(), ErrorKind::Server);
    assert_eq!(fake.total(), 0);

    let rerun = fake.share_registry();
    let summary = s.run(&rerun, 1).0.unwrap();
    assert_eq!(summary.sent, 1);
    assert_eq!(
        rerun.lookups.load(Ordering::SeqCst),
        1,
        "looked up before the resend"
    );
    summary.verdict().unwrap();
}

#[test]
fn a_failed_lookup_never_leads_to_a_blind_resend() {
    let s = Setup::new(&[("a1.xml", Some(P1))]);
    let fake = Fake::with_faults(&[Fault::KillAfterAnswer]);
    assert!(s.run(&fake, 1).0.is_err());
    let rerun = fake.share_registry();
    *rerun.lookup_faults.lock().unwrap() = vec![Fault::Unavailable; 10].into();
    let summary = s.run(&rerun, 1).0.unwrap();
    assert_eq!(rerun.submissions.load(Ordering::SeqCst), 0);
    assert_eq!(rerun.lookups.load(Ordering::SeqCst), 4);
    assert_eq!(summary.failed, 1);
    assert!(summary.problems[0]
        .reason
        .as_deref()
        .unwrap()
        .contains("unknown outcome"));
    assert_eq!(rerun.total(), 1);
}

#[test]
fn a_refused_document_is_isolated_and_the_others_of_its_patient_go_through() {
    let s = Setup::new(&[
        ("a1.xml", Some(P1)),
        ("a2.xml", Some(P1)),
        ("a3.xml", Some(P1)),
    ]);
    let fake = Fake {
        refused_file: Some("a2.xml".into()),
        ..Fake::default()
    };
    let summary = s.run(&fake, 1).0.unwrap();
    assert_eq!(*fake.sizes.lock().unwrap(), [3, 1, 1, 1]);
    assert_eq!((summary.sent, summary.refused), (2, 1));
    let p = &summary.problems[0];
    assert!(p.file.ends_with("a2.xml"));
    assert_eq!(p.code.as_deref(), Some("XDSRegistryMetadataError"));
    let e = summary.verdict().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Partial);
    assert_eq!(e.kind().exit_code(), 12);
    assert!(summary.complete, "a refusal is final for this batch");
}

#[test]
fn a_bad_file_and_refused_patients_do_not_stop_the_others() {
    let s = Setup::new(&[
        ("a1.xml", Some(P1)),
        ("bad.xml", None),
        ("b1.xml", Some(P2)),
        ("c1.xml", Some(P3)),
        ("c2.xml", Some(P3)),
    ]);
    let fake = Fake {
        refused_patient: Some(fix_key(P2)),
        denied_patient: Some(fix_key(P3)),
        ..Fake::default()
    };
    let (r, events) = s.run(&fake, 2);
    let summary = r.unwrap();
    assert_eq!(summary.sent, 1);
    assert_eq!(summary.invalid, 1);
    assert_eq!(summary.refused, 3);
    // The access rules' refusal concerns the patient: not split into one try per document.
    assert_eq!(fake.submissions.load(Ordering::SeqCst), 3);
    assert!(events.iter().any(
        |e| matches!(e, Event::Document(d) if d.status == Status::Invalid && d.problems.len() == 1)
    ));
    assert_eq!(summary.verdict().unwrap_err().kind(), ErrorKind::Partial);
}

#[test]
fn nothing_through_exits_with_the_kind_of_what_stopped_it() {
    let s = Setup::new(&[("b1.xml", Some(P2))]);
    let fake = Fake {
        refused_patient: Some(fix_key(P2)),
        ..Fake::default()
    };
    let summary = s.run(&fake, 1).0.unwrap();
    assert_eq!(summary.verdict().unwrap_err().kind(), ErrorKind::Denied);

    let s = Setup::new(&[("bad.xml", None)]);
    let summary = s.run(&Fake::default(), 1).0.unwrap();
    assert_eq!(summary.verdict().unwrap_err().kind(), ErrorKind::Input);
}

#[test]
fn a_card_pulled_out_stops_the_batch_and_the_rest_waits_for_the_next_run() {
    let s = five_for_two();
    let fake = Fake::with_faults(&[Fault::Card]);
    let summary = s.run(&fake, 1).0.unwrap();
    assert_eq!(fake.submissions.load(Ordering::SeqCst), 1);
    assert_eq!(summary.failed, 3);
    assert_eq!(summary.not_done, 2);
    assert!(summary.stopped.is_some());
    assert_eq!(summary.verdict().unwrap_err().kind(), ErrorKind::Card);

    let rerun = fake.share_registry();
    let summary = s.run(&rerun, 1).0.unwrap();
    summary.verdict().unwrap();
    assert_eq!(rerun.total(), 5);
}

#[test]
fn a_directory_batch_takes_each_patient_from_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("cda");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("1.xml"), fix_key(P1)).unwrap();
    std::fs::write(docs.join("2.xml"), fix_key(P2)).unwrap();
    std::fs::write(docs.join("3.xml"), fix_key(P1)).unwrap();
    let batch = Batch::open(&docs, &dir.path().join("state")).unwrap();
    let fake = Fake::default();
    let summary = batch
        .run(&fake, &Options::default(), dir.path(), &|_: &Event| {})
        .unwrap();
    summary.verdict().unwrap();
    assert_eq!(fake.submissions.load(Ordering::SeqCst), 2);
    let reg = fake.registry.lock().unwrap();
    assert_eq!(reg[&fix_key(P1)].len(), 2);
    assert_eq!(reg[&fix_key(P2)].len(), 1);
    let states = batch.state().docs().unwrap();
    assert_eq!(states[1].ins.as_deref(), Some(ins(P2).number()));
}

#[test]
fn a_document_the_registry_held_before_the_batch_is_present_and_the_others_are_sent() {
    let s = Setup::new(&[
        ("a1.xml", Some(P1)),
        ("a2.xml", Some(P1)),
        ("a3.xml", Some(P1)),
    ]);
    // The first document's uniqueId (the fake numbers from 0) was pushed some other way.
    let fake = Fake::default();
    fake.registry
        .lock()
        .unwrap()
        .insert(fix_key(P1), vec!["1.2.250.1.999.7.0".into()]);
    let summary = s.run(&fake, 1).0.unwrap();
    summary.verdict().unwrap();
    assert_eq!((summary.already_present, summary.sent), (1, 2));
    assert_eq!(*fake.sizes.lock().unwrap(), [3, 2]);
    assert_eq!(fake.lookups.load(Ordering::SeqCst), 1);
    assert_eq!(fake.total(), 3);
}
