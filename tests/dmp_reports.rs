//! The DMP-side reports end to end: `dmp report authorizations` (TD1.6) and `dmp report
//! patients` (TD0.4) in text, JSON and CSV against the sandbox's seed (sandbox/SEED.md), with
//! the virtual CPS3 card; `dmp patient history-url` (TD0.9); and the sandbox's Web PS history
//! page, fetched over mutual TLS with the test PKI's certificates as a browser would, listing
//! the accesses this test made with their modes, refused without a client certificate, and
//! showing the attending physician every access and anyone else their own.
//!
//! Every test holds the card slot, so the tests of this binary run one after the other and
//! the sandbox (one per test binary, fresh from the seed) sees one test at a time.

mod support;

use std::sync::Arc;
use std::time::Duration;

use dmp_sandbox::card::CardOptions;
use dmp_sandbox::pki::HolderIdentity;
use dmp_sandbox::server::store;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use support::*;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The seeded patients (SEED.md), as seen by the default card holder 899700000017.
const ALICE: &str = "280057505600117"; // VALIDE, attending physician
const BERNARD: &str = "175016912300248"; // VALIDE, not attending
const CLAIRE: &str = "292031305500332"; // EXPIRE
const DENIS: &str = "168113306300423"; // blocked 899700000021
const ELISE: &str = "255079205000521"; // blocked the card holder
const GISELE: &str = "245065935000747"; // closed DMP
const INES: &str = "201100608800913"; // no authorization, emergency and regulation allowed
const LOUIS: &str = "190077505610191"; // VALIDE since 2025-03-01, touched by no other test here

const DOCTOR: &str = "899700000017";
const DOCTOR2: &str = "899700000021";
const STRUCTURE: &str = "1999000017";

const IDNAT_PS: &str = "1.2.250.1.71.4.2.1";
const IDNAT_STRUCT: &str = "1.2.250.1.71.4.2.2";

fn doctor2() -> HolderIdentity {
    HolderIdentity {
        national_id: DOCTOR2.into(),
        surname: "TESTDOC0000002".into(),
        given_name: "DOMINIQUE".into(),
        profession: "Médecin".into(),
    }
}

fn run_json(home: &Home, args: &[&str]) -> serde_json::Value {
    let out = home
        .dmp_card()
        .args(args)
        .args(["--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(
        v.as_object().unwrap().keys().next().map(String::as_str),
        Some("version"),
        "\"version\" comes first: {v}"
    );
    assert_eq!(v["version"], 2);
    v
}

fn run_text(home: &Home, args: &[&str], format: &str) -> String {
    // Wide enough that a text row is one line.
    let out = home
        .dmp_card()
        .env("COLUMNS", "250")
        .args(args)
        .args(["--output", format])
        .output()
        .unwrap();
    ok(&out);
    stdout(&out)
}

/// CSV text as records of (header → cell), parsed by the csv crate.
fn csv_records(text: &str) -> (Vec<String>, Vec<std::collections::HashMap<String, String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect();
    (header, rows)
}

fn rfc3339(v: &serde_json::Value) -> OffsetDateTime {
    OffsetDateTime::parse(
        v.as_str().unwrap_or_else(|| panic!("not a string: {v}")),
        &Rfc3339,
    )
    .unwrap_or_else(|e| panic!("{v} is not RFC 3339: {e}"))
}

/// A sandbox time (`YYYYMMDDhhmmss`, UTC) in RFC 3339.
fn hl7_to_rfc3339(t: &str) -> String {
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &t[0..4],
        &t[4..6],
        &t[6..8],
        &t[8..10],
        &t[10..12],
        &t[12..14]
    )
}

// ---------------------------------------------------------------------------------------------
// report authorizations (TD1.6)

#[test]
fn report_authorizations_in_text_json_and_csv() {
    let _card = insert_default();
    let home = Home::with_sandbox();

    // DENIS: the card holder authorized, 899700000021 blocked by the patient (SEED.md).
    let v = run_json(&home, &["report", "authorizations", "--ins", DENIS]);
    assert_eq!(v["ins"], DENIS);
    rfc3339(&v["generated_at"]);
    assert_eq!(
        v["summary"],
        serde_json::json!({"authorized": 1, "attending_physicians": 0, "blocked": 1})
    );
    let pros = v["professionals"].as_array().unwrap();
    assert_eq!(pros.len(), 2, "{v}");
    let find = |list: &[serde_json::Value], id: &str| {
        list.iter()
            .find(|p| p["national_id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let me = find(pros, DOCTOR);
    assert_eq!(
        me["mode"],
        serde_json::json!({"code": "ACTIVE", "label": "authorized"})
    );
    assert_eq!(me["attending_physician"], false);
    assert_eq!(me["holder_type"]["code"], IDNAT_PS);
    assert_eq!(me["holder_type"]["label"], "professional");
    assert_eq!(me["since"], "2025-05-12T11:00:00Z");
    assert_eq!(me["last_action"], "2025-05-12T11:00:00Z");
    let blocked = find(pros, DOCTOR2);
    assert_eq!(blocked["mode"]["code"], "INTERDITE");
    assert_eq!(blocked["mode"]["label"], "blocked by the patient");
    assert_eq!(blocked["name"], "DOMINIQUE TESTDOC0000002");
    // Authorized in November, blocked in April: two dates, each in its place.
    assert_eq!(blocked["since"], "2024-11-05T10:00:00Z");
    assert_eq!(blocked["last_action"], "2025-04-01T09:00:00Z");

    // ALICE: the card holder is her attending physician; the structure is authorized too.
    let v = run_json(&home, &["report", "authorizations", "--ins", ALICE]);
    assert_eq!(
        v["summary"],
        serde_json::json!({"authorized": 3, "attending_physicians": 1, "blocked": 0})
    );
    let pros = v["professionals"].as_array().unwrap();
    let me = find(pros, DOCTOR);
    assert_eq!(me["attending_physician"], true);
    assert_eq!(me["since"], "2024-01-10T09:00:00Z");
    assert_eq!(me["last_action"], "2024-06-12T14:30:00Z");
    let structure = find(pros, STRUCTURE);
    assert_eq!(structure["holder_type"]["code"], IDNAT_STRUCT);
    assert_eq!(structure["holder_type"]["label"], "structure");
    assert_eq!(structure["name"], "CLINIQUE SANDBOX DMP");

    // CSV: one header line, one record per professional, dates in RFC 3339.
    let text = run_text(&home, &["report", "authorizations", "--ins", DENIS], "csv");
    let (header, rows) = csv_records(&text);
    assert_eq!(
        header,
        [
            "ins",
            "national_id",
            "holder_type",
            "name",
            "specialty_code",
            "specialty_label",
            "mode",
            "mode_label",
            "attending_physician",
            "authorized_since",
            "last_action"
        ]
    );
    assert_eq!(rows.len(), 2, "{text}");
    let row = |id: &str| rows.iter().find(|r| r["national_id"] == id).unwrap();
    assert_eq!(row(DOCTOR2)["ins"], DENIS);
    assert_eq!(row(DOCTOR2)["mode"], "INTERDITE");
    assert_eq!(row(DOCTOR2)["mode_label"], "BLOCKED");
    assert_eq!(row(DOCTOR2)["authorized_since"], "2024-11-05T10:00:00Z");
    assert_eq!(row(DOCTOR2)["last_action"], "2025-04-01T09:00:00Z");
    assert_eq!(row(DOCTOR)["mode_label"], "authorized");
    assert_eq!(row(DOCTOR)["specialty_code"], "G15_10/SM26");
    assert_eq!(row(DOCTOR)["attending_physician"], "false");

    // Text: the mode in words, both dates, the summary.
    let text = run_text(&home, &["report", "authorizations", "--ins", ALICE], "text");
    let line = text.lines().find(|l| l.contains(DOCTOR)).unwrap();
    assert!(line.contains("attending physician"), "{text}");
    assert!(line.contains("2024-01-10 09:00"), "{text}");
    assert!(line.contains("2024-06-12 14:30"), "{text}");
    assert!(
        text.contains("3 authorized (1 as attending physician), 0 blocked."),
        "{text}"
    );
    let text = run_text(&home, &["report", "authorizations", "--ins", DENIS], "text");
    let line = text.lines().find(|l| l.contains(DOCTOR2)).unwrap();
    assert!(line.contains("BLOCKED"), "{text}");

    // The patient gate applies: a patient who blocked the card holder is refused.
    let out = home
        .dmp_card()
        .args(["report", "authorizations", "--ins", ELISE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// report patients (TD0.4)

fn patient<'a>(v: &'a serde_json::Value, ins: &str) -> Option<&'a serde_json::Value> {
    v["patients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["ins"] == ins)
}

fn listed_by(p: &serde_json::Value) -> Vec<String> {
    p["listed_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

fn inses(v: &serde_json::Value) -> Vec<String> {
    let mut i: Vec<String> = v["patients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["ins"].as_str().unwrap().to_string())
        .collect();
    i.sort();
    i
}

#[test]
fn report_patients_in_text_json_and_csv() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let start = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    // An access now: the report's last access of BERNARD is this one.
    ok(&home
        .dmp_card()
        .args(["docs", "list", "--ins", BERNARD])
        .output()
        .unwrap());
    let journal_before = home.journal_transactions().len();

    let v = run_json(&home, &["report", "patients", "--since", "2000-01-01"]);
    assert_eq!(v["since"], "2000-01-01");
    rfc3339(&v["generated_at"]);
    let types: Vec<&str> = v["date_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["LASTAUTORIZATION", "LASTDOC"]);
    // One TD0.4 per date type.
    assert_eq!(
        home.journal_transactions()[journal_before..],
        ["TD0.4", "TD0.4"]
    );
    for seeded in [ALICE, BERNARD, DENIS, LOUIS] {
        assert!(patient(&v, seeded).is_some(), "{seeded} missing: {v}");
    }
    for never in [CLAIRE, ELISE, GISELE, INES] {
        assert!(patient(&v, never).is_none(), "{never} listed: {v}");
    }

    let bernard = patient(&v, BERNARD).unwrap();
    let last_access = rfc3339(&bernard["last_access"]);
    assert!(
        last_access >= start && last_access <= OffsetDateTime::now_utc(),
        "BERNARD's last access is the listing of this test: {bernard}"
    );
    assert_eq!(bernard["attending_physician"], false);
    assert_eq!(bernard["ins_oid"], "1.2.250.1.213.1.4.10");
    assert_eq!(listed_by(bernard), ["LASTAUTORIZATION", "LASTDOC"]);

    let alice = patient(&v, ALICE).unwrap();
    assert_eq!(alice["attending_physician"], true);
    assert_eq!(alice["last_name"], "TESTPATIENT-MT");
    assert_eq!(alice["date_of_birth"], "1980-05-15");
    // Authorization added on 2024-01-10 (SEED.md); last update: her newest document.
    assert_eq!(alice["last_add"], "2024-01-10T09:00:00Z");
    let newest = store::all_documents(&sandbox().server.state.store.conn())
        .unwrap()
        .into_iter()
        .filter(|d| d.ins == ALICE)
        .map(|d| d.submission_time)
        .max()
        .unwrap();
    assert_eq!(alice["last_update"], hl7_to_rfc3339(&newest).as_str());

    // LOUIS, accessed by no test of this binary: his last access is the last action on the
    // authorization, as the DMP has no access of his on record.
    let louis = patient(&v, LOUIS).unwrap();
    let auth = sandbox().authorization(LOUIS, DOCTOR).unwrap();
    assert_eq!(
        louis["last_access"],
        hl7_to_rfc3339(&auth.last_action_date).as_str()
    );
    assert_eq!(louis["last_add"], "2025-03-01T09:00:00Z");

    // Newest access first.
    let accesses: Vec<OffsetDateTime> = v["patients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| rfc3339(&p["last_access"]))
        .collect();
    assert!(accesses.windows(2).all(|w| w[0] >= w[1]), "{v}");

    // --by: one request, and the default is the union of both.
    let since = "2025-05-01";
    let by_auth = run_json(
        &home,
        &[
            "report",
            "patients",
            "--since",
            since,
            "--by",
            "authorization",
        ],
    );
    assert_eq!(inses(&by_auth), [DENIS], "authorized since 2025-05-12 only");
    assert_eq!(
        listed_by(patient(&by_auth, DENIS).unwrap()),
        ["LASTAUTORIZATION"]
    );
    let by_doc = run_json(
        &home,
        &["report", "patients", "--since", since, "--by", "document"],
    );
    for p in by_doc["patients"].as_array().unwrap() {
        assert_eq!(listed_by(p), ["LASTDOC"]);
        assert!(
            p["last_update"].as_str().unwrap() >= "2025-05-01",
            "{p} has no document since {since}"
        );
    }
    let either = run_json(&home, &["report", "patients", "--since", since]);
    let mut union = inses(&by_auth);
    union.extend(inses(&by_doc));
    union.sort();
    union.dedup();
    assert_eq!(inses(&either), union);

    // CSV.
    let text = run_text(
        &home,
        &["report", "patients", "--since", "2000-01-01"],
        "csv",
    );
    let (header, rows) = csv_records(&text);
    assert_eq!(
        header,
        [
            "ins",
            "ins_oid",
            "last_name",
            "first_name",
            "date_of_birth",
            "attending_physician",
            "last_access",
            "last_update",
            "last_add",
            "listed_by"
        ]
    );
    let alice_row = rows.iter().find(|r| r["ins"] == ALICE).unwrap();
    assert_eq!(alice_row["attending_physician"], "true");
    assert_eq!(alice_row["last_add"], "2024-01-10T09:00:00Z");
    assert_eq!(alice_row["date_of_birth"], "1980-05-15");
    assert_eq!(alice_row["listed_by"], "LASTAUTORIZATION LASTDOC");
    assert_eq!(rows.len(), v["patients"].as_array().unwrap().len());

    // Text.
    let text = run_text(
        &home,
        &["report", "patients", "--since", "2000-01-01"],
        "text",
    );
    let line = text.lines().find(|l| l.contains(ALICE)).unwrap();
    assert!(line.contains("2024-01-10 09:00"), "{text}");
    assert!(line.contains("authorization, documents"), "{text}");
    let text = run_text(
        &home,
        &["report", "patients", "--since", "2999-01-01"],
        "text",
    );
    assert!(text.starts_with("No DMP"), "{text}");

    // A date that is not one is refused before anything is sent.
    let before = home.journal_transactions().len();
    let out = home
        .dmp_card()
        .args(["report", "patients", "--since", "2025-13-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert_eq!(home.journal_transactions().len(), before);
}

#[test]
fn report_patients_in_indirect_mode_lists_the_structures_dmps() {
    let _slot = lock_slot();
    let home = Home::with_sandbox();
    let start = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    // The structure's own access (indirect mode, no card).
    ok(&home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", BERNARD])
        .output()
        .unwrap());
    let out = home
        .dmp_sandbox()
        .args([
            "report",
            "patients",
            "--since",
            "2000-01-01",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    // SEED.md: the structure is authorized on ALICE (2024-03-01 08:00) and BERNARD.
    assert_eq!(inses(&v), [BERNARD, ALICE]);
    let bernard = patient(&v, BERNARD).unwrap();
    assert!(rfc3339(&bernard["last_access"]) >= start, "{bernard}");
    let alice = patient(&v, ALICE).unwrap();
    assert_eq!(alice["last_add"], "2024-03-01T08:00:00Z");
    assert_eq!(alice["attending_physician"], false);
}

#[test]
fn csv_is_for_reports_only() {
    let _slot = lock_slot();
    let home = Home::with_sandbox();
    let out = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE, "--output", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--output csv"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// patient history-url (TD0.9)

fn history_url(ins: &str) -> String {
    format!(
        "https://{}/AccesDirect/HistoriqueAcces/{ins}",
        sandbox().server.addr
    )
}

#[test]
fn history_url_prints_the_web_ps_address_and_sends_nothing() {
    let _slot = lock_slot();
    let home = Home::with_sandbox();
    let traces = sandbox().trace_count();

    let out = home
        .dmp_sandbox()
        .args(["patient", "history-url", "--ins", INES])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(stdout(&out), format!("{}\n", history_url(INES)));
    assert!(stderr(&out).contains("CPS card"), "{}", stderr(&out));

    let out = home
        .dmp_sandbox()
        .args(["patient", "history-url", "--ins", INES, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(
        v.as_object().unwrap().keys().next().map(String::as_str),
        Some("version")
    );
    assert_eq!(v["url"], history_url(INES).as_str());
    assert_eq!(v["ins"], INES);
    assert_eq!(v["page"]["code"], "TD0.9");
    assert_eq!(v["opened"], false);

    // Another Web PS address on the command line.
    let out = home
        .dmp_sandbox()
        .args([
            "patient",
            "history-url",
            "--ins",
            ALICE,
            "--web-ps-url",
            "https://webps.example/",
        ])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        stdout(&out),
        format!("https://webps.example/AccesDirect/HistoriqueAcces/{ALICE}\n")
    );

    // A wrong check key is malformed input.
    let out = home
        .dmp_sandbox()
        .args(["patient", "history-url", "--ins", "201100608800914"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));

    // Nothing went to the DMP: a browser will.
    assert_eq!(sandbox().trace_count(), traces);
    assert!(home.journal().is_empty());

    // A profile without the Web PS address: a configuration error naming the key.
    let bare = Home::new();
    bare.install_edited_profile(sandbox(), |p| {
        p.remove("web_ps_url");
    });
    let out = bare
        .dmp_sandbox()
        .args(["patient", "history-url", "--ins", INES])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("web_ps_url"), "{}", stderr(&out));
    // Not https: refused.
    let out = home
        .dmp_sandbox()
        .args([
            "patient",
            "history-url",
            "--ins",
            INES,
            "--web-ps-url",
            "http://webps.example",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("https"), "{}", stderr(&out));
}

#[test]
fn history_url_open_runs_the_browser_or_says_there_is_none() {
    let _slot = lock_slot();
    let home = Home::with_sandbox();
    let bin = home.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let got = home.path("browser-got");
    let script = bin.join("fake-browser");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", got.display()),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();

    let out = home
        .dmp_sandbox()
        .env("BROWSER", &script)
        .args(["patient", "history-url", "--ins", INES, "--open"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(std::fs::read_to_string(&got).unwrap(), history_url(INES));
    assert_eq!(stdout(&out), format!("{}\n", history_url(INES)));
    assert!(stderr(&out).contains("fake-browser"), "{}", stderr(&out));

    let out = home
        .dmp_sandbox()
        .env("BROWSER", &script)
        .args([
            "patient",
            "history-url",
            "--ins",
            INES,
            "--open",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(json(&out)["opened"], true);

    // No $BROWSER and no xdg-open on the PATH: a clear error, the address still printed.
    let empty = home.path("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let out = home
        .dmp_sandbox()
        .env("PATH", &empty)
        .args(["patient", "history-url", "--ins", INES, "--open"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no web browser"), "{err}");
    assert!(err.contains("BROWSER"), "{err}");
    assert!(err.contains("xdg-open"), "{err}");
    assert_eq!(stdout(&out), format!("{}\n", history_url(INES)));
}

// ---------------------------------------------------------------------------------------------
// The sandbox's Web PS history page

/// What a browser holds: a client certificate chain and its key, or nothing.
type ClientCert = Option<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)>;

fn card_holder_cert(identity: &HolderIdentity) -> ClientCert {
    let keys = pki().holder(identity).unwrap();
    Some((
        vec![
            CertificateDer::from(keys.auth_cert_der),
            CertificateDer::from(pki().personnes_cert_der().to_vec()),
        ],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(keys.auth_key_pkcs8_der)),
    ))
}

/// GET `url` over TLS trusting the test PKI, as a browser would; the answer's status and body,
/// or why the connection failed.
fn fetch(url: &str, client: ClientCert) -> Result<(u16, String), String> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for c in CertificateDer::pem_file_iter(pki().ca_bundle_path()).unwrap() {
        roots.add(c.unwrap()).unwrap();
    }
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots);
    let mut config = match client {
        Some((chain, key)) => builder.with_client_auth_cert(chain, key).unwrap(),
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let client = reqwest::blocking::Client::builder()
        .tls_backend_preconfigured(config)
        .http1_only()
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| format!("{e:?}"))?;
    let resp = client.get(url).send().map_err(|e| format!("{e:?}"))?;
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("text/html"), "content type {ct}");
    Ok((status, resp.text().map_err(|e| format!("{e:?}"))?))
}

/// One row of the history table, as the page writes it.
#[derive(Debug)]
struct Row {
    who: String,
    mode: String,
    transaction: String,
    outcome: String,
    cells: Vec<String>,
}

fn attr(line: &str, name: &str) -> String {
    let start = line
        .find(&format!("{name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {line}"))
        + name.len()
        + 2;
    line[start..start + line[start..].find('"').unwrap()].to_string()
}

/// The rows of the page's table, newest first.
fn rows(html: &str) -> Vec<Row> {
    html.lines()
        .filter(|l| l.starts_with("<tr class="))
        .map(|l| Row {
            who: attr(l, "data-who"),
            mode: attr(l, "data-mode"),
            transaction: attr(l, "data-transaction"),
            outcome: attr(l, "data-outcome"),
            cells: l
                .split("<td>")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap().to_string())
                .collect(),
        })
        .collect()
}

/// Splits rows (oldest first) into runs of the same mode: (mode, transactions).
fn runs(rows: &[Row]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some((m, txs)) if *m == r.mode => txs.push(r.transaction.clone()),
            _ => out.push((r.mode.clone(), vec![r.transaction.clone()])),
        }
    }
    out
}

#[test]
fn history_page_lists_the_accesses_of_the_test_with_their_modes() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    // INES: no authorization; emergency and regulation access allowed. No other test of this
    // binary touches her, so her page holds this test's accesses and nothing else.
    ok(&home
        .dmp_card()
        .args([
            "--mode",
            "emergency",
            "--reason",
            "unconscious patient in the surgery",
            "docs",
            "list",
            "--ins",
            INES,
        ])
        .output()
        .unwrap());
    ok(&home
        .dmp_card()
        .args(["--mode", "regulation", "docs", "list", "--ins", INES])
        .output()
        .unwrap());
    ok(&home
        .dmp_card()
        .args(["patient", "status", "--ins", INES])
        .output()
        .unwrap());

    // The address the client prints is the page the sandbox serves.
    let out = home
        .dmp_card()
        .args(["patient", "history-url", "--ins", INES])
        .output()
        .unwrap();
    ok(&out);
    let url = stdout(&out).trim().to_string();

    let (status, html) = fetch(&url, card_holder_cert(&HolderIdentity::default())).unwrap();
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(INES), "{html}");
    let mut page = rows(&html);
    page.reverse();
    let on_record = sandbox()
        .traces()
        .into_iter()
        .filter(|t| t.ins == INES)
        .count();
    assert_eq!(page.len(), on_record, "every access, once: {html}");
    assert!(
        page.iter().all(|r| r.who == DOCTOR && r.outcome == "OK"),
        "{page:?}"
    );
    // Emergency, then regulation, then normal: each run starts with the TD0.2 gate, and the
    // listings searched the registry (TD3.1).
    let runs = runs(&page);
    let modes: Vec<&str> = runs.iter().map(|(m, _)| m.as_str()).collect();
    assert_eq!(modes, ["bris_de_glace", "centre_15", "normal"], "{page:?}");
    for (mode, txs) in &runs[..2] {
        assert_eq!(txs[0], "TD0.2", "{mode}: {txs:?}");
        assert!(txs.iter().any(|t| t == "TD3.1"), "{mode}: {txs:?}");
    }
    assert_eq!(runs[2].1, ["TD0.2"]);
    // The mode in words, for people.
    for r in &page {
        let label = match r.mode.as_str() {
            "bris_de_glace" => "Bris de glace",
            "centre_15" => "Centre 15 (régulation)",
            _ => "Normal",
        };
        assert_eq!(r.cells[3], label, "{r:?}");
        assert!(r.cells[1].contains("CAMILLE TESTDOC0000001"), "{r:?}");
        assert_eq!(r.cells[2], "Médecin", "{r:?}");
    }

    // No client certificate: no page (the TLS handshake is refused).
    let refused = fetch(&url, None);
    let why = refused.expect_err("served without a certificate");
    assert!(why.contains("CertificateRequired"), "{why}");
    // A structure certificate is not a card: TD0.9 is for direct authentication only.
    let s = &sandbox().server.structure;
    let chain = vec![
        CertificateDer::from_pem_file(&s.cert_pem).unwrap(),
        CertificateDer::from(pki().organisations_cert_der().to_vec()),
    ];
    let key = PrivateKeyDer::from_pem_file(&s.key_pem).unwrap();
    let (status, html) = fetch(&url, Some((chain, key))).unwrap();
    assert_eq!(status, 403, "{html}");
    assert!(rows(&html).is_empty());
}

#[test]
fn history_page_shows_the_attending_physician_every_access_and_others_their_own() {
    // ALICE: the card holder is her attending physician; 899700000021 is authorized, not
    // attending.
    {
        let _card = insert_default();
        let home = Home::with_sandbox();
        ok(&home
            .dmp_card()
            .args(["patient", "status", "--ins", ALICE])
            .output()
            .unwrap());
    }
    let _card = insert(CardOptions {
        holder: doctor2(),
        ..CardOptions::default()
    });
    let home = Home::with_sandbox();
    ok(&home
        .dmp_card()
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap());

    let traces: Vec<_> = sandbox()
        .traces()
        .into_iter()
        .filter(|t| t.ins == ALICE)
        .collect();
    let theirs = traces.iter().filter(|t| t.national_id == DOCTOR2).count();
    assert!(theirs >= 2, "TD0.2 and TD3.1 by {DOCTOR2}");
    assert!(traces.iter().any(|t| t.national_id == DOCTOR));

    // 899700000021 sees their own accesses only.
    let (status, html) = fetch(&history_url(ALICE), card_holder_cert(&doctor2())).unwrap();
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-scope=\"own\""), "{html}");
    let page = rows(&html);
    assert_eq!(page.len(), theirs, "{html}");
    assert!(page.iter().all(|r| r.who == DOCTOR2), "{page:?}");

    // The attending physician sees every access, theirs and 899700000021's.
    let (status, html) = fetch(
        &history_url(ALICE),
        card_holder_cert(&HolderIdentity::default()),
    )
    .unwrap();
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("data-scope=\"all\""), "{html}");
    let page = rows(&html);
    assert_eq!(page.len(), traces.len(), "{html}");
    assert!(page.iter().any(|r| r.who == DOCTOR2));
    assert!(page.iter().any(|r| r.who == DOCTOR));
}

#[test]
fn history_page_escapes_what_it_shows() {
    let _card = insert_default();
    let home = Home::new();
    let lps = "<script>alert(\"dmp\")</script>";
    home.install_edited_profile(sandbox(), |p| {
        p.insert("lps_name".into(), lps.into());
    });
    ok(&home
        .dmp_card()
        .args(["patient", "status", "--ins", DENIS])
        .output()
        .unwrap());
    let (status, html) = fetch(
        &history_url(DENIS),
        card_holder_cert(&HolderIdentity::default()),
    )
    .unwrap();
    assert_eq!(status, 200, "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&quot;dmp&quot;)&lt;/script&gt;"),
        "{html}"
    );
}
