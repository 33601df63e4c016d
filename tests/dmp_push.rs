//! `dmp push` and `dmp docs replace` end to end against the sandbox DMP: each kind of document
//! (CDA level 3, PDF and text wrapped in a CDA level 1), each validation error listed before
//! anything is sent, indirect mode (the structure signs) and direct mode (the card's signature
//! key signs), a replacement. What the sandbox stored is read back from its store, and the
//! signature was verified there (by xmlsec1, code that is not the client's).

mod support;

use support::*;

const ALICE: &str = "280057505600117";
const BERNARD: &str = "175016912300248";
/// The structure of the sandbox profile, and the professional acting through it (the nurse).
const STRUCTURE: &str = "1999000017";
const NURSE: &str = dmp_sandbox::server::profile::INDIRECT_PRACTITIONER_ID;

fn pdf(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((0..50_000u32).map(|i| (i * 13 % 256) as u8));
    std::fs::write(&p, bytes).unwrap();
    p
}

fn lab_cda(dir: &std::path::Path, name: &str, unique_id: &str, ins: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(
        &p,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <templateId root="1.3.6.1.4.1.19376.1.3.3"/>
  <id root="{unique_id}"/>
  <code code="11502-2" codeSystem="2.16.840.1.113883.6.1" displayName="CR d'examens biologiques"/>
  <title>Bilan sanguin</title>
  <effectiveTime value="20240102101500+0100"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="fr-FR"/>
  <recordTarget><patientRole><id root="1.2.250.1.213.1.4.10" extension="{ins}"/>
    <patient><name><given>ALICE</given><family>TEST</family></name></patient></patientRole></recordTarget>
  <author><assignedAuthor><id root="1.2.250.1.71.4.2.1" extension="899700000039"/></assignedAuthor></author>
  <documentationOf><serviceEvent><effectiveTime><low value="20240101"/></effectiveTime></serviceEvent></documentationOf>
  <component><structuredBody><component><section/></component></structuredBody></component>
</ClinicalDocument>
"#
        ),
    )
    .unwrap();
    p
}

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

/// A uniqueId of this test run, under the sandbox profile's test arc.
fn fresh_uid(tag: u32) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("1.2.250.1.999.1.77.{}.{tag}.{nanos}", std::process::id())
}

/// The base64 text of a wrapper CDA's nonXMLBody, decoded.
fn unwrap_body(cda: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let s = String::from_utf8(cda.to_vec()).unwrap();
    let start = s.find("representation=\"B64\">").unwrap() + "representation=\"B64\">".len();
    let end = s.find("</text>").unwrap();
    let b64: String = s[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

#[test]
fn a_pdf_a_text_and_a_cda_in_one_submission_in_indirect_mode() {
    let _server = server_shared();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let report = pdf(dir.path(), "report.pdf");
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "Patient vu ce jour.\nRAS.\n").unwrap();
    let uid = fresh_uid(1);
    let lab = lab_cda(dir.path(), "lab.xml", &uid, ALICE);
    let out = home
        .dmp_sandbox()
        .args([
            "--output", "json", "push", "--ins", ALICE, "--type", "11488-4",
        ])
        .args(["--title", "Consultation", "--invisible-to-legal-reps"])
        .arg(&report)
        .arg(&note)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["dry_run"], false);
    assert!(v["submission_set"]
        .as_str()
        .unwrap()
        .starts_with("1.2.250.1.999.1.1."));
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    // Stored once each, bytes and metadata as sent; the wrapper carries the file itself.
    for (d, original) in docs.iter().zip([&report, &note]) {
        let uid = d["unique_id"].as_str().unwrap();
        assert_eq!(sb.server.state.count_documents(uid), 1);
        let stored = sb.document(uid);
        assert_eq!(stored.ins, ALICE);
        assert_eq!(
            stored.status,
            "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"
        );
        assert_eq!(stored.type_code, "11488-4");
        assert_eq!(stored.class_code, "10");
        assert_eq!(stored.title, "Consultation");
        assert!(stored
            .confidentiality
            .contains("INVISIBLE_REPRESENTANTS_LEGAUX"));
        assert_eq!(stored.size as u64, d["size"].as_u64().unwrap());
        assert_eq!(stored.hash, d["sha1"].as_str().unwrap());
        assert_eq!(
            unwrap_body(&stored.content),
            std::fs::read(original).unwrap()
        );
        // Indirect mode: the nurse acting through the structure is the author.
        assert_eq!(stored.author_id, NURSE);
        assert_eq!(stored.author_structure_id, STRUCTURE);
    }
    assert_eq!(
        sb.document(docs[0]["unique_id"].as_str().unwrap())
            .format_code,
        "urn:ihe:iti:xds-sd:pdf:2008"
    );
    assert_eq!(
        sb.document(docs[1]["unique_id"].as_str().unwrap())
            .format_code,
        "urn:ihe:iti:xds-sd:text:2008"
    );
    assert_eq!(
        home.journal_results(),
        [
            ("TD0.2".into(), "done".into()),
            ("TD2.1".into(), "done".into())
        ]
    );

    // A CDA level 3 is sent as it is, byte for byte, its INS taken from its header.
    let out = home
        .dmp_sandbox()
        .args(["push"])
        .arg(&lab)
        .output()
        .unwrap();
    ok(&out);
    assert!(
        stdout(&out).contains("1 document added"),
        "{}",
        stdout(&out)
    );
    let stored = sb.document(&uid);
    assert_eq!(stored.content, std::fs::read(&lab).unwrap());
    assert_eq!(stored.format_code, "urn:ihe:lab:xd-lab:2008");
    assert_eq!(stored.creation_time, "20240102091500", "sent in UTC");

    // The same document again: the registry refuses a uniqueId it holds, and says so.
    let out = home
        .dmp_sandbox()
        .args(["push"])
        .arg(&lab)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(8), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("XDSDuplicateUniqueIdInRegistry"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sb.server.state.count_documents(&uid), 1);
}

#[test]
fn every_problem_of_every_file_is_listed_and_nothing_is_sent() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let report = pdf(dir.path(), "report.pdf");
    let other_patient = lab_cda(dir.path(), "bernard.xml", &fresh_uid(2), BERNARD);
    let future = dir.path().join("future.xml");
    std::fs::write(
        &future,
        std::fs::read_to_string(lab_cda(dir.path(), "f.xml", &fresh_uid(3), ALICE))
            .unwrap()
            .replace("20240102101500+0100", "29990101101500+0100")
            .replace("11502-2", "99999-9"),
    )
    .unwrap();
    let binary = dir.path().join("image.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 255, 254]).unwrap();
    let out = home
        .dmp_sandbox()
        .args(["push", "--ins", ALICE, "--masked", "--invisible-to-patient"])
        .arg(&report)
        .arg(&other_patient)
        .arg(&future)
        .arg(&binary)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(10), "{}", stderr(&out));
    let err = stderr(&out);
    for (file, field) in [
        ("report.pdf", "--type"),
        ("bernard.xml", "--ins"),
        ("future.xml", "effectiveTime"),
        ("future.xml", "code"),
        ("future.xml", "--masked"),
        ("image.bin", "file"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(file) && l.contains(&format!(": {field}: "))),
            "no problem for {file} {field}:\n{err}"
        );
    }
    assert!(err.contains("nothing was sent"), "{err}");
    assert!(
        home.journal().is_empty(),
        "no transaction before the documents are right"
    );

    // A bad INS check key.
    let out = home
        .dmp_sandbox()
        .args(["push", "--ins", "280057505600118", "--type", "11488-4"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("check key"), "{}", stderr(&out));
}

#[test]
fn a_dry_run_shows_what_would_be_sent_and_sends_nothing() {
    let _server = server_shared();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let uid = fresh_uid(4);
    let lab = lab_cda(dir.path(), "lab.xml", &uid, ALICE);
    let out = home
        .dmp_sandbox()
        .args(["--output", "json", "push", "--dry-run", "--masked"])
        .arg(&lab)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["dry_run"], true);
    assert!(v["submission_set"].is_null());
    assert_eq!(v["documents"][0]["unique_id"], uid.as_str());
    assert_eq!(v["documents"][0]["class"]["code"], "10");
    assert_eq!(
        v["documents"][0]["confidentiality"],
        serde_json::json!(["N", "MASQUE_PS"])
    );
    // Other tests share the sandbox: what this run would have sent names its uniqueId, and a
    // request of any kind would have left its intent in the journal first.
    let uid_bytes = uid.as_bytes();
    assert!(
        !sb.server
            .state
            .received()
            .iter()
            .any(|r| r.body.windows(uid_bytes.len()).any(|w| w == uid_bytes)),
        "nothing reached the DMP"
    );
    assert_eq!(sb.server.state.count_documents(&uid), 0);
    assert!(home.journal().is_empty());
}

#[test]
fn a_replacement_deprecates_the_old_version() {
    let _server = server_shared();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let v1 = fresh_uid(5);
    let old = lab_cda(dir.path(), "v1.xml", &v1, ALICE);
    ok(&home
        .dmp_sandbox()
        .args(["push"])
        .arg(&old)
        .output()
        .unwrap());
    let v2 = fresh_uid(6);
    let new = lab_cda(dir.path(), "v2.xml", &v2, ALICE);
    let out = home
        .dmp_sandbox()
        .args(["docs", "replace", &v1])
        .arg(&new)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        sb.document(&v1).status,
        "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"
    );
    let current = sb.document(&v2);
    assert_eq!(
        current.status,
        "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"
    );
    let results = home.journal_results();
    assert_eq!(
        results[results.len() - 2..],
        [
            ("TD3.1".into(), "done".into()),
            ("TD2.1b".into(), "done".into())
        ],
        "the old entry looked up by uniqueId, then the replacement"
    );

    // The old version again: it is no longer current, nothing is sent.
    let v3 = fresh_uid(7);
    let newer = lab_cda(dir.path(), "v3.xml", &v3, ALICE);
    let out = home
        .dmp_sandbox()
        .args(["docs", "replace", &v1])
        .arg(&newer)
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(10), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no longer the current version"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sb.server.state.count_documents(&v3), 0);
}

#[test]
fn in_direct_mode_the_card_signs_the_submission_once() {
    let _server = server_shared();
    let inserted = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let report = pdf(dir.path(), "report.pdf");
    let before = inserted.card.signature_count();
    let out = home
        .dmp_card()
        .args([
            "--output", "json", "push", "--ins", BERNARD, "--type", "11502-2",
        ])
        .args(["--service-start", "2024-03-01"])
        .arg(&report)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let uid = v["documents"][0]["unique_id"].as_str().unwrap();
    let stored = sb.document(uid);
    assert_eq!(stored.author_id, "899700000017", "the card holder");
    assert_eq!(stored.author_specialty, "G15_10/SM26");
    assert_eq!(stored.service_start, "20240301");
    // The TLS handshake, then the submission set's signature: two card signatures.
    assert_eq!(inserted.card.signature_count() - before, 2);
}

/// No PIN in indirect mode.
struct NoPin;

impl dmp::commands::PinEntry for NoPin {
    fn pin(&self, _: u8) -> dmp::Result<zeroize::Zeroizing<String>> {
        panic!("indirect mode asks for no PIN")
    }
    fn confirm_last_try(&self) -> dmp::Result<()> {
        panic!("indirect mode asks for no PIN")
    }
}

#[test]
fn the_pusher_serves_two_threads_and_finds_what_it_sent_by_unique_id() {
    use dmp::commands::access::{DmpAccess, DmpSettings, ModeChoice};
    use dmp::commands::consent::Action;
    use dmp::commands::push::{DocumentInput, PushService, Pusher};
    use dmp::model::ins::InsAuthority;

    let _server = server_shared();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let config = dmp::config::Config::load(Some(&sb.server.profile_path)).unwrap();
    let profile = config.profile(Some("sandbox")).unwrap();
    let settings = DmpSettings {
        base: dmp::commands::Settings::from_profile(&profile),
        profile,
        endpoint: None,
        credential: None,
        structure_cert: None,
        structure_password_file: None,
        structure_password_env: None,
        mode: ModeChoice::default(),
        journal: Some(home.journal_path()),
        patient: None,
        actions: vec![Action::Push],
        trace_wire: None,
        trace_wire_bodies: false,
    };
    let access = DmpAccess::open(&settings, &NoPin).unwrap();
    let pusher = PushService::new(&access, InsAuthority::TestNir);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (fresh_uid(10), fresh_uid(11));
    let docs: Vec<_> = [(&a, ALICE), (&b, BERNARD)]
        .into_iter()
        .map(|(uid, ins)| {
            let path = lab_cda(dir.path(), &format!("{ins}.xml"), uid, ins);
            pusher
                .prepare(
                    &DocumentInput {
                        path,
                        ..DocumentInput::default()
                    },
                    dir.path(),
                )
                .unwrap()
        })
        .collect();
    // Two patients: two submissions, not one.
    let e = pusher.submit(&docs).unwrap_err();
    assert!(
        e.message().contains("one submission is for one patient"),
        "{e}"
    );
    assert!(pusher
        .registered(&docs[0].ins, std::slice::from_ref(&a))
        .unwrap()
        .is_empty());
    // One run's access, two threads at once.
    let receipts: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = docs
            .iter()
            .map(|d| s.spawn(|| pusher.submit(std::slice::from_ref(d))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (r, uid) in receipts.into_iter().zip([&a, &b]) {
        assert_eq!(r.unwrap().documents, std::slice::from_ref(uid));
        assert_eq!(sb.server.state.count_documents(uid), 1);
    }
    let unknown = fresh_uid(12);
    assert_eq!(
        pusher
            .registered(&docs[0].ins, &[a.clone(), unknown])
            .unwrap(),
        std::slice::from_ref(&a)
    );
    // The patient gate ran once per patient: TD0.2 twice in the journal.
    let tx = home.journal_transactions();
    assert_eq!(tx.iter().filter(|t| *t == "TD0.2").count(), 2, "{tx:?}");
    assert_eq!(tx.iter().filter(|t| *t == "TD2.1").count(), 2, "{tx:?}");
}

#[test]
fn a_wire_trace_of_a_push_leaves_the_documents_out() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    let report = pdf(dir.path(), "report.pdf");
    let traces = dir.path().join("traces");
    let out = home
        .dmp_sandbox()
        .arg("--trace-wire")
        .arg(&traces)
        .args(["push", "--ins", ALICE, "--type", "11488-4"])
        .arg(&report)
        .output()
        .unwrap();
    ok(&out);
    let mut files: Vec<_> = std::fs::read_dir(&traces)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let push: Vec<_> = files
        .iter()
        .filter(|f| f.to_string_lossy().contains("TD2.1"))
        .collect();
    assert_eq!(push.len(), 2, "a request and its answer: {files:?}");
    let request = std::fs::read(
        push.iter()
            .find(|f| f.to_string_lossy().contains("request"))
            .unwrap(),
    )
    .unwrap();
    let text = String::from_utf8_lossy(&request);
    assert!(
        text.contains("ProvideAndRegisterDocumentSetRequest"),
        "{text}"
    );
    assert!(
        text.contains("X-Dmp-Trace: document content not traced (streamed from its file)"),
        "each part says what was left out: {text}"
    );
    // Neither the PDF nor its base64 went into the trace.
    let pdf_bytes = std::fs::read(&report).unwrap();
    assert!(!request.windows(64).any(|w| w == &pdf_bytes[100..164]));
    assert!(!text.contains("representation=\"B64\""));
}

/// The largest resident set of `dmp` run with `args`, in KiB (GNU time's `%M`).
fn peak_rss_kib(home: &Home, args: &[std::ffi::OsString]) -> (std::process::Output, u64) {
    let dmp = assert_cmd::cargo::cargo_bin("dmp");
    let report = home.path("rss.txt");
    let mut cmd = std::process::Command::new("/usr/bin/time");
    cmd.arg("-f").arg("%M").arg("-o").arg(&report).arg(dmp);
    cmd.env("XDG_CONFIG_HOME", home.path("config"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env("XDG_DATA_HOME", home.path("data"))
        .env("XDG_STATE_HOME", home.path("state"))
        .args(["--profile", "sandbox"])
        .args(args);
    let out = cmd
        .output()
        .expect("/usr/bin/time (GNU time) must be installed");
    let kib = std::fs::read_to_string(&report)
        .unwrap()
        .trim()
        .lines()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    (out, kib)
}

#[test]
fn a_large_pdf_is_wrapped_hashed_and_sent_without_being_held_in_memory() {
    let _server = server_shared();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = tempfile::tempdir().unwrap();
    // 40 MiB of PDF: 54 MiB once wrapped in base64, under the sandbox's 64 MiB request limit.
    let big = dir.path().join("big.pdf");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
        f.write_all(b"%PDF-1.4\n").unwrap();
        let block: Vec<u8> = (0..1024 * 1024u32).map(|i| (i * 31 % 251) as u8).collect();
        for _ in 0..40 {
            f.write_all(&block).unwrap();
        }
    }
    let small = pdf(dir.path(), "small.pdf");
    let args = |f: &std::path::Path| -> Vec<std::ffi::OsString> {
        [
            "--output", "json", "push", "--ins", ALICE, "--type", "11502-2",
        ]
        .iter()
        .map(std::ffi::OsString::from)
        .chain([f.as_os_str().to_owned()])
        .collect()
    };
    let small_args = args(&small);
    let (out, baseline) = peak_rss_kib(&home, &small_args);
    ok(&out);
    let big_args = args(&big);
    let (out, peak) = peak_rss_kib(&home, &big_args);
    ok(&out);
    let v = json(&out);
    let uid = v["documents"][0]["unique_id"].as_str().unwrap();
    let stored = sb.document(uid);
    assert_eq!(
        stored.size as u64,
        v["documents"][0]["size"].as_u64().unwrap()
    );
    assert!(stored.size > 54 * 1024 * 1024);
    eprintln!("peak resident memory: {peak} KiB (40 MiB PDF), {baseline} KiB (small PDF)");
    // Holding the PDF (40 MiB) or its wrapper (54 MiB) would show; reading, hashing and
    // sending them in chunks costs a few MiB over the small document's run.
    assert!(
        peak < baseline + 16 * 1024,
        "peak {peak} KiB for a 40 MiB PDF, {baseline} KiB for a small one"
    );
}
