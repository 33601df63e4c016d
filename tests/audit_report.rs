//! `dmp report access` over a journal of known records (written through the journal's library
//! API, on chosen days): each filter, each format (table, JSON, CSV, the per-day chart, the
//! summaries, the HTML page checked with `xmllint`), what stands out, what is escaped. No card,
//! no DMP.

mod support;

use dmp::journal::{Actor, Completion, Journal, Outcome, Request};
use support::*;

const ALICE: &str = "280057505600117";
const BERNARD: &str = "175016912300248";
const ELISE: &str = "255079205000521";
const P1: &str = "899700000017";
const P2: &str = "899700000021";
const NURSE: &str = "899700000039";
const STRUCTURE: &str = "1999000017";
/// How reports name the nurse acting through the structure's certificate.
const NURSE_VIA: &str = "899700000039 via structure 1999000017";
/// Markup, quotes and commas: escaped in HTML, quoted in CSV, shown as is in JSON.
const REASON: &str = r#"<script>alert("x")</script> & "box 3", bed 2"#;
/// What a spreadsheet would run as a formula.
const FORMULA: &str = "=HYPERLINK(\"http://x\")";

fn at(day: u8, h: u8, m: u8, s: u8) -> time::OffsetDateTime {
    time::Date::from_calendar_date(2025, time::Month::June, day)
        .unwrap()
        .with_hms(h, m, s)
        .unwrap()
        .assume_utc()
}

fn card(who: &str) -> Actor {
    Actor {
        practitioner: Some(who.into()),
        auth_mode: "direct".into(),
        structure_id: Some("499700000017001".into()),
        card_serial: Some("80000001".into()),
        structure_certificate: None,
        practitioner_name: None,
    }
}

fn request(
    time: time::OffsetDateTime,
    patient: &str,
    tx: &str,
    mode: &str,
    reason: Option<&str>,
) -> Request {
    Request {
        time,
        patient: Some(patient.into()),
        transaction: tx.into(),
        detail: None,
        mode: mode.into(),
        reason: reason.map(str::to_string),
        consent: None,
        message_id: Some(format!("urn:uuid:{}", uuid::Uuid::new_v4())),
        patient_authority: None,
        endpoint: None,
    }
}

fn done(docs: &[&str]) -> Completion {
    Completion {
        documents: docs.iter().map(|d| d.to_string()).collect(),
        ..Completion::new(Outcome::Done)
    }
}

/// Nine records over June 1–5 2025 (none on June 2), numbered 1–9 here (their entry numbers
/// differ: an intent and its outcome are two entries).
fn seeded() -> Home {
    let home = Home::new();
    let j = Journal::open(home.journal_path()).unwrap();
    let one = |a: &Actor, r: Request, c: Completion| {
        j.record(a, &r, &c).unwrap();
    };
    // 1, 2: P1 reads ALICE.
    one(
        &card(P1),
        request(at(1, 8, 0, 0), ALICE, "TD0.2", "normal", None),
        done(&[]),
    );
    one(
        &card(P1),
        request(at(1, 8, 0, 1), ALICE, "TD3.1", "normal", None),
        done(&["1.2.3.1", "1.2.3.2"]),
    );
    // 3, 4: P2, emergency access to BERNARD.
    one(
        &card(P2),
        request(
            at(1, 9, 0, 0),
            BERNARD,
            "TD0.2",
            "bris_de_glace",
            Some(REASON),
        ),
        done(&[]),
    );
    one(
        &card(P2),
        request(
            at(1, 9, 0, 1),
            BERNARD,
            "TD3.2",
            "bris_de_glace",
            Some(REASON),
        ),
        done(&["1.2.3.9"]),
    );
    // 5: P1 refused by a rule of ours.
    let mut c = Completion::new(Outcome::RefusedByClient);
    c.rule = Some("C4: INTERDIT".into());
    one(
        &card(P1),
        request(at(3, 10, 0, 0), ELISE, "TD3.1", "normal", None),
        c,
    );
    // 6: the structure's nurse, regulation.
    let structure = Actor {
        practitioner: Some(NURSE.into()),
        auth_mode: "indirect".into(),
        structure_id: Some(STRUCTURE.into()),
        card_serial: None,
        structure_certificate: Some("CN=CLINIQUE SANDBOX DMP (serial 0A)".into()),
        practitioner_name: None,
    };
    one(
        &structure,
        request(at(3, 11, 0, 0), ALICE, "TD0.2", "centre_15", None),
        done(&[]),
    );
    // 7: refused by the DMP.
    let mut c = Completion::new(Outcome::RefusedByDmp);
    c.dmp_code = Some("DMPAccessDeniedByRightsService".into());
    one(
        &card(P1),
        request(at(4, 12, 0, 0), BERNARD, "TD3.1", "normal", None),
        c,
    );
    // 8: failed, with a message a spreadsheet would take for a formula.
    let mut c = Completion::new(Outcome::Failed);
    c.message = Some(FORMULA.into());
    one(
        &card(P1),
        request(at(4, 12, 30, 0), ALICE, "TD0.3", "normal", None),
        c,
    );
    // 9: the intent alone (dmp stopped): unknown.
    let _ = j
        .begin(
            &card(P1),
            &request(at(5, 7, 0, 0), ALICE, "TD0.3", "normal", None),
        )
        .unwrap();
    home
}

/// The record numbers the report lists, as 1–9 above (by order of time).
fn listed(home: &Home, args: &[&str]) -> Vec<usize> {
    let out = home
        .dmp()
        .args(["report", "access", "--output", "json"])
        .args(args)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let all = all_times(home);
    v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            all.iter()
                .position(|t| t == r["time"].as_str().unwrap())
                .unwrap()
                + 1
        })
        .collect()
}

fn all_times(home: &Home) -> Vec<String> {
    home.journal()
        .iter()
        .map(|r| r["time"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_filter_selects_its_records() {
    let home = seeded();
    assert_eq!(all_times(&home).len(), 9);
    assert_eq!(listed(&home, &[]), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(listed(&home, &["--ins", BERNARD]), [3, 4, 7]);
    assert_eq!(listed(&home, &["--practitioner", P2]), [3, 4]);
    // A structure id selects its structure's records (and P1's card names a structure too).
    assert_eq!(listed(&home, &["--practitioner", STRUCTURE]), [6]);
    assert_eq!(listed(&home, &["--access-mode", "emergency"]), [3, 4]);
    assert_eq!(
        listed(
            &home,
            &["--access-mode", "emergency", "--access-mode", "regulation"]
        ),
        [3, 4, 6]
    );
    assert_eq!(listed(&home, &["--transaction", "TD3.2"]), [4]);
    assert_eq!(listed(&home, &["--transaction", "td3.1"]), [2, 5, 7]);
    assert_eq!(listed(&home, &["--result", "refused"]), [5, 7]);
    assert_eq!(listed(&home, &["--result", "refused-by-dmp"]), [7]);
    assert_eq!(listed(&home, &["--result", "unknown"]), [9]);
    assert_eq!(
        listed(&home, &["--result", "failed", "--result", "unknown"]),
        [8, 9]
    );
    // Days are UTC and --until includes its day.
    assert_eq!(
        listed(&home, &["--since", "2025-06-03", "--until", "2025-06-04"]),
        [5, 6, 7, 8]
    );
    assert_eq!(
        listed(&home, &["--since", "2025-06-03T10:30:00Z"]),
        [6, 7, 8, 9]
    );
    assert_eq!(
        listed(&home, &["--until", "2025-06-01T09:00:00+00:00"]),
        [1, 2]
    );
    assert_eq!(
        listed(&home, &["--ins", ALICE, "--result", "done"]),
        [1, 2, 6]
    );
    assert!(listed(&home, &["--ins", ELISE, "--access-mode", "emergency"]).is_empty());
}

#[test]
fn bad_filters_are_refused_with_what_to_do() {
    let home = seeded();
    let run = |args: &[&str]| {
        home.dmp()
            .args(["report", "access"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--transaction", "TD9.9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("TD3.2"),
        "the hint lists them: {}",
        stderr(&out)
    );
    let out = run(&["--ins", "280057505600118"]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("check key"), "{}", stderr(&out));
    let out = run(&["--since", "2025-06-05", "--until", "2025-06-01"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run(&["--since", "1/6/2025"]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    // CSV is for reports only.
    let out = home
        .dmp()
        .args(["readers", "--output", "csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--output csv is for the reports"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_carries_every_field_and_the_chain() {
    let home = seeded();
    let out = home
        .dmp()
        .args(["report", "access", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["version"], 2);
    assert_eq!(v["chain"]["intact"], true);
    assert_eq!(v["journal"], home.journal_path().display().to_string());
    let r = &v["records"].as_array().unwrap();
    assert_eq!(r.len(), 9);
    assert_eq!(r[2]["reason"], REASON);
    assert_eq!(r[2]["mode"], "bris_de_glace");
    assert_eq!(r[3]["documents"], serde_json::json!(["1.2.3.9"]));
    assert_eq!(r[4]["result"], "refused_by_client");
    assert_eq!(r[4]["rule"], "C4: INTERDIT");
    assert_eq!(r[5]["structure_id"], STRUCTURE);
    assert_eq!(r[5]["auth_mode"], "indirect");
    assert_eq!(r[6]["dmp_code"], "DMPAccessDeniedByRightsService");
    assert_eq!(r[7]["message"], FORMULA);
    assert_eq!(r[8]["result"], "unknown");
    assert_eq!(r[0]["card_serial"], "80000001");
}

#[test]
fn the_table_flags_emergency_regulation_and_refused_rows_without_colour_off_a_terminal() {
    let home = seeded();
    // Wide enough that a record is one line.
    let out = home
        .dmp()
        .env("COLUMNS", "300")
        .args(["report", "access"])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour off a terminal: {text}");
    let row = |needle: &str| -> Vec<&str> { text.lines().filter(|l| l.contains(needle)).collect() };
    // Table rows are "│ … ┆ … ┆ … │"; the flag column is the third.
    let flags_of = |line: &str| {
        line.split(['│', '┆'])
            .nth(3)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let bernard = row(BERNARD);
    assert_eq!(bernard.len(), 3, "{text}");
    assert_eq!(flags_of(bernard[0]), "EMERGENCY");
    assert_eq!(flags_of(bernard[1]), "EMERGENCY");
    assert_eq!(flags_of(bernard[2]), "REFUSED");
    assert_eq!(flags_of(row(ELISE)[0]), "REFUSED");
    assert_eq!(flags_of(row(NURSE)[0]), "REGULATION");
    assert!(text.contains("UNKNOWN"), "{text}");
    assert!(text.contains("rule C4: INTERDIT"), "{text}");
    assert!(
        text.contains("DMP code DMPAccessDeniedByRightsService"),
        "{text}"
    );
    assert!(
        text.contains(
            "9 records: 5 done, 2 refused, 1 failed, 1 unknown; 2 emergency, 1 regulation"
        ),
        "{text}"
    );
    // Done plain rows have no flag.
    assert_eq!(flags_of(row("1.2.3.1")[0]), "");
}

/// Runs `dmp report access ARGS` in a pseudo-terminal (script(1)), returns what it showed.
fn at_a_terminal(home: &Home, args: &str, no_color: bool, cols: Option<u16>) -> String {
    let dmp = assert_cmd::cargo::cargo_bin("dmp");
    let mut c = std::process::Command::new("script");
    let size = cols
        .map(|c| format!("stty cols {c} rows 50; "))
        .unwrap_or_default();
    let cmd = format!("{size}{} report access {args}", dmp.display());
    c.args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.dir.path())
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env("XDG_DATA_HOME", home.path("data"))
        .env("TERM", "xterm");
    if no_color {
        c.env("NO_COLOR", "1");
    }
    let out = c.output().expect("script(1) runs dmp in a pseudo-terminal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn at_a_terminal_the_flagged_rows_are_coloured_unless_no_color() {
    let home = seeded();
    // A terminal as wide as the table.
    let shown = at_a_terminal(&home, "", false, Some(250));
    // Red (31) for the emergency rows, yellow (33) for the refusals.
    assert!(
        shown.contains("\u{1b}[38;5;9m")
            || shown.contains("\u{1b}[31m")
            || shown.contains("\u{1b}[91m"),
        "{shown:?}"
    );
    let emergency = shown.lines().find(|l| l.contains("TD3.2")).unwrap();
    assert!(emergency.contains('\u{1b}'), "{emergency:?}");
    let plain = shown.lines().find(|l| l.contains("1.2.3.1")).unwrap();
    assert!(
        !plain.contains('\u{1b}'),
        "a done normal row is plain: {plain:?}"
    );
    let shown = at_a_terminal(&home, "", true, Some(250));
    assert!(!shown.contains('\u{1b}'), "NO_COLOR: {shown:?}");
    // A terminal that tells no width still gets whole rows.
    let shown = at_a_terminal(&home, "", true, None);
    assert!(
        shown
            .lines()
            .any(|l| l.contains("TD3.2") && l.contains(BERNARD)),
        "{shown}"
    );
}

#[test]
fn csv_is_one_quoted_row_per_record_with_formulas_defused() {
    let home = seeded();
    let out = home
        .dmp()
        .args(["report", "access", "--output", "csv"])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    for col in [
        "number",
        "time",
        "flags",
        "practitioner",
        "patient",
        "transaction",
        "mode",
        "reason",
        "result",
        "rule",
        "dmp_code",
        "message",
        "documents",
    ] {
        assert!(header.iter().any(|h| h == col), "{col} in {header:?}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 9);
    assert_eq!(&rows[2][col("reason")], REASON, "quotes and commas survive");
    assert_eq!(&rows[2][col("flags")], "EMERGENCY");
    assert_eq!(&rows[3][col("documents")], "1.2.3.9");
    assert_eq!(&rows[4][col("rule")], "C4: INTERDIT");
    assert_eq!(&rows[7][col("message")], format!("'{FORMULA}"));
    assert_eq!(&rows[8][col("result")], "unknown");

    // Summaries and days in CSV too.
    let out = home
        .dmp()
        .args([
            "report",
            "access",
            "--output",
            "csv",
            "--summary",
            "patient",
        ])
        .output()
        .unwrap();
    ok(&out);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(&r.headers().unwrap()[0], "patient");
    assert_eq!(r.records().count(), 3);
    let out = home
        .dmp()
        .args(["report", "access", "--output", "csv", "--chart"])
        .output()
        .unwrap();
    ok(&out);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let days: Vec<String> = r.records().map(|x| x.unwrap()[0].to_string()).collect();
    assert_eq!(
        days,
        [
            "2025-06-01",
            "2025-06-02",
            "2025-06-03",
            "2025-06-04",
            "2025-06-05"
        ]
    );
}

#[test]
fn summaries_per_patient_and_per_practitioner() {
    let home = seeded();
    let summary = |by: &str| {
        let out = home
            .dmp()
            .args(["report", "access", "--output", "json", "--summary", by])
            .output()
            .unwrap();
        ok(&out);
        json(&out)
    };
    let v = summary("patient");
    assert_eq!(v["summary"], "patient");
    let rows = v["rows"].as_array().unwrap();
    let find = |k: &str| rows.iter().find(|r| r["key"] == k).unwrap().clone();
    let alice = find(ALICE);
    assert_eq!(alice["records"], 5);
    assert_eq!(alice["done"], 3);
    assert_eq!(alice["failed"], 1);
    assert_eq!(alice["unknown"], 1);
    assert_eq!(alice["regulation"], 1);
    assert_eq!(alice["others"], serde_json::json!([P1, NURSE_VIA]));
    assert_eq!(alice["first"], "2025-06-01T08:00:00.000000Z");
    assert_eq!(alice["last"], "2025-06-05T07:00:00.000000Z");
    let bernard = find(BERNARD);
    assert_eq!(
        (bernard["records"].clone(), bernard["emergency"].clone()),
        (3.into(), 2.into())
    );
    assert_eq!(bernard["refused_by_dmp"], 1);
    assert_eq!(find(ELISE)["refused_by_client"], 1);

    let v = summary("practitioner");
    let rows = v["rows"].as_array().unwrap();
    let find = |k: &str| rows.iter().find(|r| r["key"] == k).unwrap().clone();
    assert_eq!(find(P1)["records"], 6);
    // Sorted.
    assert_eq!(
        find(P1)["others"],
        serde_json::json!([BERNARD, ELISE, ALICE])
    );
    assert_eq!(find(P2)["emergency"], 2);
    assert_eq!(find(NURSE_VIA)["regulation"], 1);
    assert_eq!(rows.len(), 3);

    // Text: one line per patient, the counts in columns.
    let out = home
        .dmp()
        .args(["report", "access", "--summary", "patient", "--ins", BERNARD])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let line = text.lines().find(|l| l.contains(BERNARD)).unwrap();
    let cells: Vec<&str> = line.split(['│', '┆']).map(str::trim).collect();
    // │ key │ records │ done │ refused │ failed │ unknown │ emergency │ regulation │ others …
    assert_eq!(
        &cells[1..9],
        [BERNARD, "3", "2", "1", "0", "0", "2", "0"],
        "{text}"
    );
}

#[test]
fn the_chart_draws_a_bar_per_day_gaps_included() {
    let home = seeded();
    let out = home
        .dmp()
        .args(["report", "access", "--chart"])
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    let day = |d: &str| {
        text.lines()
            .find(|l| l.starts_with(d))
            .unwrap_or_else(|| panic!("{d}: {text}"))
    };
    // June 1: 2 done normally (█), 2 done in emergency (▓), the busiest day: full width.
    let d1 = day("2025-06-01");
    assert_eq!(d1.matches('█').count(), 25, "{d1}");
    assert_eq!(d1.matches('▓').count(), 25, "{d1}");
    assert!(d1.contains(" 4  (2 emergency)"), "{d1}");
    let d2 = day("2025-06-02");
    assert!(!d2.contains(['█', '▓', '░', '·']), "an empty day: {d2}");
    assert!(d2.ends_with(" 0"), "{d2}");
    // June 3: one refusal (░) and one regulation access (▓).
    let d3 = day("2025-06-03");
    assert!(d3.contains('░') && d3.contains('▓'), "{d3}");
    assert!(d3.contains("1 regulation, 1 refused"), "{d3}");
    // June 4: a refusal by the DMP and a failure (·).
    assert!(day("2025-06-04").contains('·'));
    assert!(
        text.lines().next().unwrap().contains("per day"),
        "a legend first: {text}"
    );

    let out = home
        .dmp()
        .args(["report", "access", "--chart", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let days = v["days"].as_array().unwrap();
    assert_eq!(days.len(), 5);
    assert_eq!(days[1]["date"], "2025-06-02");
    assert_eq!(days[1]["records"], 0);
    assert_eq!(days[0]["emergency"], 2);
}

fn xmllint(args: &[&str], file: &std::path::Path) -> std::process::Output {
    std::process::Command::new("xmllint")
        .args(args)
        .arg(file)
        .output()
        .expect("xmllint (libxml2-utils)")
}

fn xpath(file: &std::path::Path, expr: &str) -> String {
    let out = xmllint(&["--xpath", expr], file);
    assert!(
        out.status.success(),
        "{expr}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn the_html_page_is_well_formed_escaped_private_and_printable() {
    let home = seeded();
    let file = home.path("report.html");
    let out = home
        .dmp()
        .args(["report", "access", "--html"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert!(
        stderr(&out).contains("9 records written to"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "it names patients");
    }
    let page = std::fs::read_to_string(&file).unwrap();
    // Well-formed (as XML) and clean for the HTML parser.
    let out = xmllint(&["--noout"], &file);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = xmllint(&["--html", "--noout"], &file);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Self-contained and printable.
    assert!(page.contains("@media print"));
    for external in ["<script", "<link", "src=", "@import", "url("] {
        assert!(!page.contains(external), "{external}");
    }
    // The reason is text, not markup.
    assert!(
        page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;box 3&quot;")
    );
    let rows = "//table[@id='records-table']/tbody/tr";
    assert_eq!(xpath(&file, &format!("count({rows})")), "9");
    let what = xpath(&file, &format!("string({rows}[3]/td[10])"));
    assert!(what.contains(&format!("reason: {REASON}")), "{what}");
    // Emergency, regulation and refused rows stand out: a word and a class.
    assert_eq!(
        xpath(
            &file,
            &format!("count({rows}[contains(@class,'emergency')])")
        ),
        "2"
    );
    assert_eq!(
        xpath(
            &file,
            &format!("count({rows}[contains(@class,'regulation')])")
        ),
        "1"
    );
    assert_eq!(
        xpath(&file, &format!("count({rows}[contains(@class,'refused')])")),
        "2"
    );
    assert_eq!(xpath(&file, &format!("string({rows}[5]/td[3])")), "REFUSED");
    // Summaries, the chart, the chain.
    assert_eq!(
        xpath(&file, "count(//div[@id='per-patient']//tbody/tr)"),
        "3"
    );
    assert_eq!(
        xpath(&file, "count(//div[@id='per-practitioner']//tbody/tr)"),
        "3"
    );
    assert_eq!(xpath(&file, "count(//div[@id='per-day']//tbody/tr)"), "5");
    assert!(xpath(&file, "string(//dl)").contains("intact"));

    // Filters apply to the page as well.
    let out = home
        .dmp()
        .args(["report", "access", "--ins", ELISE, "--html"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(xpath(&file, &format!("count({rows})")), "1");
}

#[test]
fn without_a_journal_there_is_nothing_to_report_and_nothing_is_created() {
    let home = Home::new();
    let out = home.dmp().args(["report", "access"]).output().unwrap();
    ok(&out);
    assert!(
        stdout(&out).contains("No access recorded"),
        "{}",
        stdout(&out)
    );
    let out = home.dmp().args(["audit", "verify"]).output().unwrap();
    ok(&out);
    assert!(
        stdout(&out).contains("No audit journal yet"),
        "{}",
        stdout(&out)
    );
    assert!(!home.journal_path().exists());
    // A journal named on the command line must exist.
    let out = home
        .dmp()
        .args(["audit", "verify", "--journal"])
        .arg(home.path("nope.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
}
