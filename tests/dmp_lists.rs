//! A list is complete, or says it is not: `dmp docs list` / `docs get` end to end in direct
//! mode (the virtual CPS3 card, the sandbox DMP of this binary, seeded as `sandbox/SEED.md`
//! says). Partial answers (LOUIS, whose registry has a silent part), what a replacement
//! replaces (ALICE's prescription v2 replaces v1), the last-visit marker, and the JSON shape
//! of version 2 (RFC 3339 dates, codes with their labels). Every test holds the card slot, so
//! they run one after the other and may change the sandbox's state if they restore it.

mod support;

use dmp_sandbox::server::store::{self, RegistryOutage};
use support::*;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const ALICE: &str = "280057505600117"; // attending physician; v2 replaces v1 (Deprecated)
const DENIS: &str = "168113306300423"; // blocked DOCTOR2
const LOUIS: &str = "190077505610191"; // a part of the registry holding document 3 is silent
const DOCTOR: &str = "899700000017";

const PARTIAL_EXIT: i32 = 12;
const OUTAGE_CODE: &str = "XDSUnavailableCommunity";
const OUTAGE_LOCATION: &str = "1.2.250.1.999.9.3";

fn entry_uuid(patient: usize, n: usize) -> String {
    format!("urn:uuid:5a4d0b00-0001-4000-8000-{patient:06}{n:06}")
}

/// `dmp` with the card, its state directory (the last-visit markers) inside the home.
fn dmp(home: &Home) -> assert_cmd::Command {
    let mut c = home.dmp_card();
    c.env("XDG_STATE_HOME", home.path("state"));
    c
}

fn marker_file(home: &Home) -> std::path::PathBuf {
    home.path("state/dmp/last-visits.json")
}

/// The marker of the card holder for `ins`, as the file holds it.
fn marker(home: &Home, ins: &str) -> Option<String> {
    let text = match std::fs::read_to_string(marker_file(home)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("{e}"),
    };
    let v: serde_json::Value = serde_json::from_str(&text).expect("marker file is JSON");
    assert_eq!(v["version"], 1, "{v}");
    v["visits"][DOCTOR][ins].as_str().map(str::to_string)
}

fn rfc3339(s: &serde_json::Value) -> OffsetDateTime {
    OffsetDateTime::parse(
        s.as_str().unwrap_or_else(|| panic!("not a string: {s}")),
        &Rfc3339,
    )
    .unwrap_or_else(|e| panic!("{s} is not RFC 3339: {e}"))
}

fn list_json(home: &Home, ins: &str, extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = dmp(home)
        .args(["docs", "list", "--ins", ins, "--output", "json"])
        .args(extra)
        .output()
        .unwrap();
    (out.status.code(), json(&out))
}

fn list_ok(home: &Home, ins: &str, extra: &[&str]) -> serde_json::Value {
    let (code, v) = list_json(home, ins, extra);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["complete"], true, "{v}");
    v
}

/// Makes the silent part of LOUIS's registry answer again while it lives (the seed's outage is
/// put back on drop, even after a panic).
struct OutageLifted(Vec<RegistryOutage>);

fn lift_outage() -> OutageLifted {
    let conn = sandbox().server.state.store.conn();
    let lifted = store::delete_registry_outages(&conn, LOUIS).expect("outage lifted");
    assert!(!lifted.is_empty(), "the seed has an outage for LOUIS");
    OutageLifted(lifted)
}

impl Drop for OutageLifted {
    fn drop(&mut self) {
        let conn = sandbox().server.state.store.conn();
        for o in &self.0 {
            store::insert_registry_outage(&conn, o).expect("outage restored");
        }
    }
}

fn assert_outage_warning(w: &serde_json::Value, query: &str) {
    assert_eq!(w["source"], "registry", "{w}");
    assert_eq!(w["code"], OUTAGE_CODE, "{w}");
    assert_eq!(w["severity"], "error", "{w}");
    assert_eq!(w["location"], OUTAGE_LOCATION, "{w}");
    assert!(
        w["context"]
            .as_str()
            .is_some_and(|c| c.contains("ne répond pas")),
        "{w}"
    );
    assert_eq!(w["query"], query, "{w}");
}

// ---------------------------------------------------------------------------------------------
// PartialSuccess

#[test]
fn a_partial_answer_is_printed_with_every_registry_error_and_exits_with_its_own_code() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();

    // JSON: exactly one document on stdout, complete: false, the RegistryError as a warning;
    // the error document on stderr.
    let out = dmp(&home)
        .args(["docs", "list", "--ins", LOUIS, "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(PARTIAL_EXIT), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["version"], 2);
    assert_eq!(v["complete"], false);
    assert_eq!(unique_ids(&v), [uid(20, 1), uid(20, 2)]);
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{v}");
    assert_outage_warning(&warnings[0], "FindDocuments");
    assert!(v["visit_recorded"].is_null(), "{v}");
    let err: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("stderr is not one JSON document ({e}): {}", stderr(&out)));
    assert_eq!(err["error"]["kind"], "partial");
    assert_eq!(err["error"]["exit_code"], PARTIAL_EXIT);
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("partial"));

    // The DMP did answer PartialSuccess, and the journal says so.
    let traces = sb.traces_since(before);
    let find = traces
        .iter()
        .find(|t| t.action.starts_with("FindDocuments"))
        .unwrap();
    assert_eq!(find.outcome, "PartialSuccess");
    let rec = home
        .journal()
        .into_iter()
        .find(|r| r["detail"] == "FindDocuments")
        .unwrap();
    assert_eq!(rec["result"], "done", "the DMP answered");
    let outcome = rec["message"].as_str().unwrap();
    assert!(outcome.contains("PartialSuccess"), "{outcome}");
    assert!(outcome.contains(OUTAGE_CODE), "{outcome}");

    // Text: the table of what came, one warning per RegistryError, then one line that says
    // the list is partial.
    let out = dmp(&home)
        .args(["docs", "list", "--ins", LOUIS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(PARTIAL_EXIT), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&uid(20, 1)) && text.contains(&uid(20, 2)),
        "{text}"
    );
    assert!(!text.contains(&uid(20, 3)), "{text}");
    let err = stderr(&out);
    let warning_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warning_lines.len(), 1, "{err}");
    assert!(warning_lines[0].contains(OUTAGE_CODE), "{err}");
    assert!(warning_lines[0].contains(OUTAGE_LOCATION), "{err}");
    assert!(err.lines().last().unwrap().starts_with("partial:"), "{err}");

    // -q silences the warnings, not the line that explains the exit code.
    let out = dmp(&home)
        .args(["-q", "docs", "list", "--ins", LOUIS])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(PARTIAL_EXIT));
    let err = stderr(&out);
    assert!(!err.contains("warning:"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("partial:"), "{err}");

    // A partial listing is no visit.
    assert_eq!(marker(&home, LOUIS), None);

    // The document of the silent part cannot be opened: said so, nothing written.
    let file = home.path("silent.xml");
    let out = dmp(&home)
        .args(["docs", "get", "--ins", LOUIS, &uid(20, 3), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(PARTIAL_EXIT), "{}", stderr(&out));
    assert!(stderr(&out).contains(OUTAGE_CODE), "{}", stderr(&out));
    assert!(!file.exists());
}

#[test]
fn with_the_silent_part_answering_again_the_same_list_is_complete() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let _lifted = lift_outage();
    let v = list_ok(&home, LOUIS, &[]);
    assert_eq!(unique_ids(&v), [uid(20, 1), uid(20, 2), uid(20, 3)]);
    assert_eq!(v["warnings"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------------------------
// Replacements

#[test]
fn a_replacement_shows_what_it_replaces_and_the_old_version_says_it_was_replaced() {
    let _card = insert_default();
    let home = Home::with_sandbox();

    // SEED.md: ALICE's prescription v2 (1.5) replaces v1 (1.4, Deprecated).
    let v = list_ok(&home, ALICE, &[]);
    let v2 = doc(&v, &uid(1, 5));
    assert_eq!(v2["replaces"]["unique_id"], uid(1, 4), "{v2}");
    assert_eq!(v2["replaces"]["entry_uuid"], entry_uuid(1, 4), "{v2}");
    assert!(v2["replaced_by"].is_null());
    for other in [uid(1, 1), uid(1, 2), uid(1, 3), uid(1, 6)] {
        assert!(doc(&v, &other)["replaces"].is_null(), "{other}");
    }
    let v = list_ok(&home, ALICE, &["--status", "deprecated"]);
    let v1 = doc(&v, &uid(1, 4));
    assert_eq!(v1["status"]["code"], "deprecated");
    assert_eq!(v1["replaced_by"]["unique_id"], uid(1, 5), "{v1}");

    // The "new since last visit" sequence shows it too (a first visit, in another home).
    let v = list_ok(&Home::with_sandbox(), ALICE, &["--new-since-last-visit"]);
    assert_eq!(doc(&v, &uid(1, 5))["replaces"]["unique_id"], uid(1, 4));

    // Text: in the state column of v2.
    let out = dmp(&home)
        .env("COLUMNS", "200")
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains(&uid(1, 5))).unwrap();
    assert!(line.contains(&format!("replaces {}", uid(1, 4))), "{text}");

    // Opening v1 warns that it was replaced, and by which document.
    let file = home.path("v1.xml");
    let out = dmp(&home)
        .args(["docs", "get", "--ins", ALICE, &uid(1, 4), "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    let err = stderr(&out);
    let w = err
        .lines()
        .find(|l| l.starts_with("warning:") && l.contains("obsolete"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(w.contains(&format!("replaced by {}", uid(1, 5))), "{err}");
    assert!(file.exists());
    let out = dmp(&home)
        .args([
            "docs",
            "get",
            "--ins",
            ALICE,
            &uid(1, 4),
            "--force",
            "--output",
            "json",
            "-o",
        ])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["status"]["code"], "deprecated");
    assert_eq!(v["replaced_by"]["unique_id"], uid(1, 5));
    let w = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "document_deprecated")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(w["source"], "client");
    assert!(w["context"].as_str().unwrap().contains(&uid(1, 5)), "{w}");

    // Opening the archived report says it is archived; a current document says nothing.
    let out = dmp(&home)
        .args(["docs", "get", "--ins", ALICE, &uid(1, 7), "-o"])
        .arg(home.path("archived.xml"))
        .output()
        .unwrap();
    ok(&out);
    assert!(
        stderr(&out)
            .lines()
            .any(|l| l.starts_with("warning:") && l.contains("archived")),
        "{}",
        stderr(&out)
    );
    let out = dmp(&home)
        .args(["docs", "get", "--ins", ALICE, &uid(1, 5), "-o"])
        .arg(home.path("v2.xml"))
        .output()
        .unwrap();
    ok(&out);
    assert!(!stderr(&out).contains("warning:"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// The last-visit marker

#[test]
fn the_marker_moves_only_after_a_complete_unfiltered_listing() {
    let _card = insert_default();
    let home = Home::with_sandbox();

    // A filtered listing and opening a document are no visit.
    list_ok(&home, ALICE, &["--class", "10"]);
    let v = list_ok(
        &home,
        ALICE,
        &["--status", "approved", "--status", "archived"],
    );
    assert!(v["visit_recorded"].is_null(), "{v}");
    let out = dmp(&home)
        .args(["docs", "get", "--ins", ALICE, &uid(1, 1), "-o"])
        .arg(home.path("bio.xml"))
        .output()
        .unwrap();
    ok(&out);
    assert!(!marker_file(&home).exists(), "no marker may be written yet");

    // The first --new-since-last-visit shows everything current and records the visit at the
    // time it asked.
    let before = OffsetDateTime::now_utc();
    let first = list_ok(&home, ALICE, &["--new-since-last-visit"]);
    let after = OffsetDateTime::now_utc();
    assert!(first["since"].is_null(), "{first}");
    let ids = unique_ids(&first);
    assert!(!ids.contains(&uid(1, 4)), "Deprecated v1 listed: {ids:?}");
    for current in [uid(1, 1), uid(1, 2), uid(1, 3), uid(1, 5), uid(1, 6)] {
        assert!(ids.contains(&current), "{current} missing: {ids:?}");
    }
    let t1 = marker(&home, ALICE).expect("marker written");
    assert_eq!(first["visit_recorded"], t1.as_str());
    let t1_time = rfc3339(&first["visit_recorded"]);
    // The sandbox's Date has a one-second resolution: the marker may be up to a second early,
    // never late.
    assert!(
        t1_time >= before - time::Duration::seconds(2) && t1_time <= after,
        "{t1} not within [{before}, {after}]"
    );

    // The next one starts from it and finds nothing new.
    let second = list_ok(&home, ALICE, &["--new-since-last-visit"]);
    assert_eq!(second["since"], t1.as_str());
    assert_eq!(unique_ids(&second), Vec::<String>::new());
    let t2 = marker(&home, ALICE).unwrap();
    assert!(rfc3339(&serde_json::json!(t2)) >= t1_time);

    // Filters and a single document leave it where it was.
    list_ok(&home, ALICE, &["--type", "11502-2"]);
    list_ok(&home, ALICE, &["--from", "2025-01-01"]);
    list_ok(&home, ALICE, &["--author", DOCTOR]);
    let out = dmp(&home)
        .args(["docs", "get", "--ins", ALICE, &uid(1, 1), "--force", "-o"])
        .arg(home.path("bio.xml"))
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(marker(&home, ALICE).as_deref(), Some(t2.as_str()));

    // A plain listing is a visit.
    // The markers have a one-second resolution.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let plain = list_ok(&home, ALICE, &[]);
    let t3 = marker(&home, ALICE).unwrap();
    assert_eq!(plain["visit_recorded"], t3.as_str());
    assert!(rfc3339(&serde_json::json!(t3)) > rfc3339(&serde_json::json!(t2)));

    // Text says where the search started.
    let out = dmp(&home)
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

#[test]
fn a_partial_run_leaves_the_marker_where_it_was_and_the_next_run_starts_from_it() {
    let _card = insert_default();
    let home = Home::with_sandbox();

    // While the whole registry answers, a plain listing records the visit.
    let t1 = {
        let _lifted = lift_outage();
        let v = list_ok(&home, LOUIS, &[]);
        assert_eq!(unique_ids(&v), [uid(20, 1), uid(20, 2), uid(20, 3)]);
        marker(&home, LOUIS).expect("marker written")
    };
    let file_before = std::fs::read(marker_file(&home)).unwrap();

    // The silent part is back: the sub-query FindSubmissionSets is answered in part. The run
    // prints what came and exits "partial"; the marker does not move.
    let (code, v) = list_json(&home, LOUIS, &["--new-since-last-visit"]);
    assert_eq!(code, Some(PARTIAL_EXIT), "{v}");
    assert_eq!(v["since"], t1.as_str());
    assert_eq!(v["complete"], false);
    assert!(v["visit_recorded"].is_null(), "{v}");
    let warnings = v["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty(), "{v}");
    assert_outage_warning(&warnings[0], "FindSubmissionSets");
    assert_eq!(std::fs::read(marker_file(&home)).unwrap(), file_before);

    // A plain listing answered in part is no visit either.
    let (code, _) = list_json(&home, LOUIS, &[]);
    assert_eq!(code, Some(PARTIAL_EXIT));
    assert_eq!(std::fs::read(marker_file(&home)).unwrap(), file_before);

    // The next run still starts from the last complete one.
    let (code, v) = list_json(&home, LOUIS, &["--new-since-last-visit"]);
    assert_eq!(code, Some(PARTIAL_EXIT));
    assert_eq!(v["since"], t1.as_str());

    // Complete again: a filtered listing still does not move it; the full sequence does.
    let _lifted = lift_outage();
    list_ok(&home, LOUIS, &["--type", "11502-2"]);
    assert_eq!(std::fs::read(marker_file(&home)).unwrap(), file_before);
    // The markers have a one-second resolution.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let v = list_ok(&home, LOUIS, &["--new-since-last-visit"]);
    assert_eq!(v["since"], t1.as_str());
    let t2 = marker(&home, LOUIS).unwrap();
    assert_eq!(v["visit_recorded"], t2.as_str());
    assert!(rfc3339(&serde_json::json!(t2)) > rfc3339(&serde_json::json!(t1)));
    // The markers of other patients are untouched by LOUIS's.
    assert_eq!(marker(&home, ALICE), None);
}

#[test]
fn a_damaged_marker_file_is_reported_with_what_to_do() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    std::fs::create_dir_all(marker_file(&home).parent().unwrap()).unwrap();
    std::fs::write(marker_file(&home), "{not json").unwrap();
    let out = dmp(&home)
        .args(["docs", "list", "--ins", ALICE, "--new-since-last-visit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("damaged"), "{err}");
    assert!(err.contains("delete it"), "{err}");
    assert!(home.journal().is_empty(), "nothing may reach the DMP");
}

// ---------------------------------------------------------------------------------------------
// JSON version 2: RFC 3339 dates, codes with their labels

#[test]
fn json_dates_are_rfc3339_and_coded_values_carry_code_and_label() {
    let _card = insert_default();
    let home = Home::with_sandbox();

    // SEED.md: ALICE's imaging report of 2025-04-20 (created 10:15:00, care 08:00–09:00 UTC).
    let v = list_ok(&home, ALICE, &[]);
    assert_eq!(v["version"], 2);
    let d = doc(&v, &uid(1, 2));
    assert_eq!(d["creation_time"], "2025-04-20T10:15:00Z");
    assert_eq!(d["service_start"], "2025-04-20T08:00:00Z");
    assert_eq!(d["service_stop"], "2025-04-20T09:00:00Z");
    assert_eq!(
        d["type"],
        serde_json::json!({"code": "18748-4", "label": "CR d'imagerie médicale", "system": "2.16.840.1.113883.6.1"})
    );
    assert_eq!(d["class"]["code"], "10");
    assert_eq!(d["class"]["label"], "Compte rendu");
    assert_eq!(d["status"]["code"], "approved");
    assert!(d["status"]["label"].is_string());
    assert_eq!(d["author_specialty"]["code"], "G15_10/SM26");
    assert!(d["author_specialty"]["label"].is_string());
    assert!(d["format"]["code"].is_string() && d["format"]["label"].is_string());
    for doc in v["documents"].as_array().unwrap() {
        for field in ["creation_time", "service_start", "service_stop"] {
            rfc3339(&doc[field]);
        }
    }

    // Professionals: the mode and the specialty as codes with labels, dates in RFC 3339.
    let out = dmp(&home)
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
    let me = v["professionals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["national_id"] == DOCTOR)
        .unwrap();
    assert_eq!(me["mode"]["code"], "ACTIVE");
    assert_eq!(me["mode"]["label"], "authorized");
    assert_eq!(me["specialty"]["code"], "G15_10/SM26");
    assert!(me["specialty"]["label"]
        .as_str()
        .unwrap()
        .contains("Médecine Générale"));
    assert_eq!(me["since"], "2025-05-12T11:00:00Z");
    rfc3339(&me["last_action"]);

    // Authorized patients: a birth date is a full-date, an access a date-time.
    let out = dmp(&home)
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
    let alice = v["patients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["ins"] == ALICE)
        .unwrap();
    assert_eq!(alice["date_of_birth"], "1980-05-15");
    // The last access is the DMP's record of the listing above: a date-time of this test.
    let last_access = rfc3339(&alice["last_access"]);
    assert!(
        OffsetDateTime::now_utc() - last_access < time::Duration::minutes(10),
        "{alice}"
    );

    // Text stays readable: date and minutes.
    let out = dmp(&home)
        .env("COLUMNS", "200")
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains(&uid(1, 2))).unwrap();
    assert!(line.contains("2025-04-20 10:15"), "{text}");
}
