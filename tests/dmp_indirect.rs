//! `dmp` in indirect mode (the structure certificate, no card, no reader) end to end against
//! the sandbox DMP server (one per test binary, seeded as `sandbox/SEED.md` describes).
//! Tests that compare the server's traces over a window hold the server exclusively.

mod support;

use std::collections::BTreeMap;

use support::*;

const ALICE: &str = "280057505600117";
const BERNARD: &str = "175016912300248";
const DENIS: &str = "168113306300423";
const HUGO: &str = "199027815000860";
const STRUCTURE: &str = "1999000017";
/// The professional acting through the structure in the sandbox profile (the nurse).
const NURSE: &str = dmp_sandbox::server::profile::INDIRECT_PRACTITIONER_ID;

#[test]
fn status_is_the_structures_authorization() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let out = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["ins"], ALICE);
    assert_eq!(v["dmp_exists"], true);
    assert_eq!(v["authorization"], "VALIDE");
    // The card holder is ALICE's attending physician; the structure is not.
    assert_eq!(v["attending_physician"], false);
    assert_eq!(v["closed"], false);

    let out = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", DENIS, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["dmp_exists"], true);
    assert_eq!(
        v["authorization"], "NON_EXISTE",
        "the card holder is authorized on DENIS, the structure is not"
    );

    let journal = home.journal();
    assert_eq!(journal.len(), 2);
    for r in &journal {
        assert_eq!(r["transaction"], "TD0.2");
        assert_eq!(r["auth_mode"], "indirect");
        assert_eq!(r["practitioner"], NURSE);
        assert_eq!(r["structure_id"], STRUCTURE);
        assert!(r["card_serial"].is_null());
        // The structure certificate, by subject and serial number.
        let cert = r["structure_certificate"].as_str().unwrap();
        assert!(cert.contains("CN=CLINIQUE SANDBOX DMP"), "{cert}");
        assert!(cert.contains("(serial "), "{cert}");
        assert_eq!(r["result"], "done");
    }
    assert_eq!(journal[0]["message"], "VALIDE");
    assert_eq!(journal[1]["message"], "NON_EXISTE");
}

#[test]
fn listing_documents_is_refused_by_the_rights_matrix_before_anything_is_sent() {
    let _server = server_exclusive();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_sandbox()
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    let err = stderr(&out);
    // PDT-INF-526: column F1 (structure certificate, normal mode) has no metadata search.
    assert!(
        err.contains("rule PDT-INF-526 column F1, TD3.1 (metadata search)"),
        "{err}"
    );
    assert!(
        err.contains("--credential card"),
        "the hint says what to do: {err}"
    );
    assert_eq!(sb.trace_count(), before, "nothing reached the DMP");
    // The refusal is journaled, with its rule, against the search the user asked for.
    let journal = home.journal();
    assert_eq!(journal.len(), 1, "{journal:#?}");
    let r = &journal[0];
    assert_eq!(r["transaction"], "TD3.1");
    assert_eq!(r["result"], "refused_by_client");
    assert_eq!(r["rule"], "PDT-INF-526 column F1, TD3.1 (metadata search)");
    assert_eq!(r["patient"], ALICE);
    assert_eq!(r["practitioner"], NURSE);
    assert!(r["message_id"].is_null(), "no request was built");

    let out = home
        .dmp_sandbox()
        .args(["docs", "list", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9));
    // In JSON mode the error is a JSON document on standard error.
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["exit_code"], 9);
    assert_eq!(v["error"]["kind"], "denied");
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("PDT-INF-526 column F1"));
    assert_eq!(sb.trace_count(), before, "nothing reached the DMP");
}

#[test]
fn a_wrong_structure_certificate_password_exits_3_and_sends_nothing() {
    let _server = server_exclusive();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let out = home
        .dmp_sandbox()
        .args([
            "--structure-cert-password-env",
            "STRUCTURE_PASSWORD",
            "patient",
            "status",
            "--ins",
            ALICE,
        ])
        .env("STRUCTURE_PASSWORD", "not-the-password")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("wrong password for the structure certificate"),
        "{err}"
    );
    assert!(!err.contains("not-the-password"), "{err}");
    // Who would have acted is unknown: nothing was recorded, nothing sent.
    assert!(home.journal().is_empty(), "nothing journaled");
    assert_eq!(sb.trace_count(), before, "nothing reached the DMP");

    // The right password from the same variable works.
    let password = std::fs::read_to_string(&sb.server.structure.password_file).unwrap();
    let out = home
        .dmp_sandbox()
        .args([
            "--structure-cert-password-env",
            "STRUCTURE_PASSWORD",
            "patient",
            "status",
            "--ins",
            ALICE,
        ])
        .env("STRUCTURE_PASSWORD", password.trim_end())
        .output()
        .unwrap();
    ok(&out);
}

#[test]
fn an_ins_with_a_wrong_check_key_is_refused_before_any_network_call() {
    let _server = server_exclusive();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    for args in [
        vec!["patient", "status", "--ins", "280057505600118"],
        vec!["docs", "list", "--ins", "280057505600118"],
        vec![
            "patient",
            "authorize",
            "--ins",
            "280057505600118",
            "--patient-consent",
        ],
    ] {
        let out = home.dmp_sandbox().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(10), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("check key"), "{}", stderr(&out));
    }
    assert!(home.journal().is_empty(), "nothing journaled");
    assert_eq!(sb.trace_count(), before, "nothing reached the DMP");
}

#[test]
fn a_server_outside_the_trust_anchors_is_refused_with_the_reason() {
    let _server = server_exclusive();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let other = tempfile::tempdir().unwrap();
    let other_pki = dmp_sandbox::pki::Pki::load_or_create(other.path().join("pki")).unwrap();
    let before = sb.trace_count();
    let out = home
        .dmp_sandbox()
        .arg("--ca-file")
        .arg(other_pki.ca_bundle_path())
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let err = stderr(&out).to_lowercase();
    assert!(
        err.contains("does not chain to the configured trust anchors"),
        "{err}"
    );
    assert!(
        err.contains("trust_anchors"),
        "the hint names the setting: {err}"
    );
    assert_eq!(sb.trace_count(), before, "no request may reach a service");
    // The TD0.2 that could not be sent is journaled as a failure.
    let journal = home.journal();
    assert_eq!(journal.len(), 1, "{journal:#?}");
    assert_eq!(journal[0]["transaction"], "TD0.2");
    assert_eq!(journal[0]["result"], "failed");
    assert!(
        journal[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not chain to the configured trust anchors"),
        "{journal:#?}"
    );
}

#[test]
fn every_transaction_leaves_exactly_one_audit_record() {
    let _server = server_exclusive();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let runs: Vec<Vec<&str>> = vec![
        vec!["patient", "status", "--ins", ALICE],
        vec!["patient", "status", "--ins", DENIS],
        vec!["patient", "status", "--ins", HUGO],
        vec!["docs", "list", "--ins", ALICE],
        vec!["docs", "list", "--ins", DENIS],
        vec!["patients", "authorized", "--since", "2000-01-01"],
        vec!["patient", "professionals", "--ins", BERNARD],
        vec![
            "docs",
            "get",
            "--ins",
            BERNARD,
            "1.2.250.1.999.9.1.2.1",
            "-o",
        ],
    ];
    let file = home.path("doc.xml");
    for args in &runs {
        let mut cmd = home.dmp_sandbox();
        cmd.args(["--output", "json"]).args(args);
        if args.last() == Some(&"-o") {
            cmd.arg(&file);
        }
        let out = cmd.output().unwrap();
        // Success or refusal alike: what matters is what was sent and journaled.
        assert!(
            matches!(out.status.code(), Some(0) | Some(9)),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // Three TD0.2 (status) and one TD0.4 sent and done; the lists, the retrieval and TD1.6
    // refused by the rights matrix (column F1) before anything is sent: one record each,
    // with the rule, for the transaction the user asked for.
    let all = home.journal();
    let (refused, journal): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|r| r["result"] == "refused_by_client");
    let txs: Vec<&str> = journal
        .iter()
        .map(|r| r["transaction"].as_str().unwrap())
        .collect();
    assert_eq!(txs, ["TD0.2", "TD0.2", "TD0.2", "TD0.4"], "{journal:#?}");
    let refusals: Vec<(&str, &str, &str)> = refused
        .iter()
        .map(|r| {
            (
                r["transaction"].as_str().unwrap(),
                r["patient"].as_str().unwrap(),
                r["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        refusals,
        [
            (
                "TD3.1",
                ALICE,
                "PDT-INF-526 column F1, TD3.1 (metadata search)"
            ),
            (
                "TD3.1",
                DENIS,
                "PDT-INF-526 column F1, TD3.1 (metadata search)"
            ),
            ("TD1.6", BERNARD, "PDT-INF-526 column F1, TD1.6"),
            ("TD3.2", BERNARD, "PDT-INF-526 column F1, TD3.2"),
        ]
    );
    let traces = sb.traces_since(before);
    assert!(!traces.is_empty());

    let count = |it: &mut dyn Iterator<Item = (String, String)>| {
        let mut m: BTreeMap<(String, String), usize> = BTreeMap::new();
        for k in it {
            *m.entry(k).or_default() += 1;
        }
        m
    };
    let sent = count(
        &mut traces
            .iter()
            .map(|t| (t.transaction.clone(), t.ins.clone())),
    );
    let journaled = count(&mut journal.iter().map(|r| {
        (
            r["transaction"].as_str().unwrap().to_string(),
            r["patient"].as_str().unwrap_or("").to_string(),
        )
    }));
    assert_eq!(
        journaled, sent,
        "journal:\n{journal:#?}\ntraces:\n{traces:#?}"
    );

    // Outcomes agree one by one (same order: one connection at a time).
    assert_eq!(journal.len(), traces.len());
    for (r, t) in journal.iter().zip(&traces) {
        assert_eq!(r["transaction"], t.transaction.as_str());
        assert_eq!(
            r["result"] == "done",
            t.outcome == "OK",
            "journal {r} vs trace {t:?}"
        );
        assert_eq!(r["auth_mode"], "indirect");
        assert_eq!(r["structure_id"], STRUCTURE);
        assert_eq!(r["practitioner"], NURSE);
        assert_eq!(t.auth_mode, "INDIRECTE");
    }
    // Every record names its own SOAP message.
    let mut ids: Vec<&str> = journal
        .iter()
        .map(|r| r["message_id"].as_str().expect("message id"))
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), journal.len());
}

fn check<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {v}"))
}

#[test]
fn doctor_checks_the_structure_certificate_the_tls_handshake_and_the_clock() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let out = home
        .dmp_sandbox()
        .args(["doctor", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["passed"], true);
    assert_eq!(check(&v, "card")["status"], "skip");
    let s = check(&v, "structure_certificate");
    assert_eq!(s["status"], "ok");
    assert!(s["detail"].as_str().unwrap().contains(STRUCTURE), "{s}");
    let tls = check(&v, "tls_handshake");
    assert_eq!(tls["status"], "ok", "{tls}");
    assert!(tls["detail"].as_str().unwrap().contains("TLS 1.2"), "{tls}");
    let clock = check(&v, "clock_skew");
    assert_eq!(clock["status"], "ok", "{clock}");
    // The handshake check is not a DMP transaction: nothing journaled.
    assert!(home.journal().is_empty());
}

#[test]
fn doctor_fails_the_handshake_with_a_server_outside_the_anchors() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let other = Home::new();
    let other_pki = dmp_sandbox::pki::Pki::load_or_create(other.path("pki")).unwrap();
    let out = home
        .dmp_sandbox()
        .args(["doctor", "--output", "json", "--ca-file"])
        .arg(other_pki.ca_bundle_path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stdout(&out));
    let v = json(&out);
    let tls = check(&v, "tls_handshake");
    assert_eq!(tls["status"], "fail");
    assert!(
        tls["detail"].as_str().unwrap().contains("does not chain"),
        "{tls}"
    );
    assert!(tls["fix"].is_string());
    assert_eq!(check(&v, "clock_skew")["status"], "skip");
}

#[test]
fn doctor_without_an_endpoint_skips_the_network_checks() {
    let home = Home::new();
    let out = home
        .dmp()
        .args(["doctor", "--output", "json", "--credential", "structure"])
        .output()
        .unwrap();
    let v = json(&out);
    assert_eq!(check(&v, "endpoint")["status"], "skip");
    assert_eq!(check(&v, "tls_handshake")["status"], "skip");
    // No structure certificate configured: that check fails with its fix.
    let s = check(&v, "structure_certificate");
    assert_eq!(s["status"], "fail");
    assert!(s["fix"].as_str().unwrap().contains("structure_cert"), "{s}");
    assert_eq!(out.status.code(), Some(11));
}

#[test]
fn an_empty_list_of_authorized_dmps_says_so() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let out = home
        .dmp_sandbox()
        .args(["patients", "authorized", "--since", "2099-01-01"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        stdout(&out).trim(),
        "No DMP you were authorized on since 2099-01-01."
    );
}
