//! Text tables fit the width they are given (`COLUMNS` here, as a user's shell or a terminal
//! would give it) and never wrap an identifier that is copied into another command: the real
//! binary, the virtual CPS3 card in pcscd's vpcd reader and the sandbox DMP server.

mod support;

use dmp_sandbox::card::{CardActivity, CardOptions};
use support::terminal::Terminal;
use support::*;

const ALICE: &str = "280057505600117"; // VALIDE, attending physician: five documents

/// Display columns of a line: one per char (the box-drawing characters and the accented
/// letters of the seed are one column each), not bytes.
fn columns(line: &str) -> usize {
    line.chars().count()
}

fn assert_within(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            columns(line) <= width,
            "a line of {} columns is wider than {width}: {line:?}\n{text}",
            columns(line)
        );
    }
}

/// The lines of the table's body and header (those that start with a vertical border).
fn table_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with('│')).collect()
}

fn docs_list_text(home: &Home, columns: &str) -> String {
    let out = home
        .dmp_card()
        .env("COLUMNS", columns)
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    ok(&out);
    stdout(&out)
}

#[test]
fn docs_list_fits_80_columns_with_whole_ids_and_wraps_nothing_at_200() {
    let _card = insert_default();
    let home = Home::with_sandbox();
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let ids = unique_ids(&v);
    assert_eq!(ids.len(), 5, "the seed's five current documents: {v}");
    let titles: Vec<String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap_or_default().to_string())
        .collect();

    let narrow = docs_list_text(&home, "80");
    assert_within(&narrow, 80);
    for id in &ids {
        assert!(
            narrow.lines().any(|l| l.contains(id.as_str())),
            "unique id {id} is not whole on one line at 80 columns:\n{narrow}"
        );
    }
    // Something had to give: the rows take more lines than at full width.
    assert!(
        table_lines(&narrow).len() > ids.len() + 1,
        "nothing wrapped at 80 columns, so the test proves nothing:\n{narrow}"
    );

    let wide = docs_list_text(&home, "200");
    assert_within(&wide, 200);
    // One line for the header, one per document: no cell wrapped.
    assert_eq!(table_lines(&wide).len(), ids.len() + 1, "{wide}");
    for (id, title) in ids.iter().zip(&titles) {
        assert!(
            wide.lines()
                .any(|l| l.contains(id.as_str()) && l.contains(title.as_str())),
            "{id} and its title {title:?} are not on one line at 200 columns:\n{wide}"
        );
    }
}

/// Two activities with long organisation names, so the activity table has to wrap at 80.
fn long_activities() -> CardOptions {
    let activity = |structure_id: &str, organisation: &str| CardActivity {
        organisation: organisation.into(),
        structure_id: structure_id.into(),
        sector: "SA07".into(),
    };
    CardOptions {
        activities: Some(vec![
            activity(
                "499700000017001",
                "CABINET TESTDOC0000001 MAISON DE SANTE PLURIPROFESSIONNELLE DU SANDBOX",
            ),
            activity(
                "499700000017002",
                "CABINET DE GROUPE SANDBOX CENTRE DE CONSULTATIONS AVANCEES DE CARDIOLOGIE",
            ),
        ]),
        ..CardOptions::default()
    }
}

fn card_info_text(home: &Home, columns: &str) -> String {
    let out = home
        .dmp()
        .env("COLUMNS", columns)
        .args(["card", "info", "--activities", "--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .output()
        .unwrap();
    ok(&out);
    stdout(&out)
}

#[test]
fn card_info_fits_80_columns_with_whole_structure_ids_and_wraps_nothing_at_300() {
    let _card = insert(long_activities());
    let home = Home::new();
    let out = home
        .dmp()
        .args(["card", "info", "--activities", "--output", "json"])
        .args(["--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    let activities = v["activities"].as_array().expect("activities read").clone();
    assert_eq!(activities.len(), 2, "{v}");
    let subjects: Vec<String> = v["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["subject"].as_str().unwrap().to_string())
        .collect();
    assert!(!subjects.is_empty(), "{v}");

    let narrow = card_info_text(&home, "80");
    assert_within(&narrow, 80);
    for a in &activities {
        let id = a["structure_id"].as_str().unwrap();
        assert!(
            narrow.lines().any(|l| l.contains(id)),
            "structure id {id} is not whole on one line at 80 columns:\n{narrow}"
        );
    }
    // Subjects and organisations are long: they wrap rather than widen the table.
    assert!(
        subjects
            .iter()
            .any(|s| !narrow.lines().any(|l| l.contains(s.as_str()))),
        "no certificate subject wrapped at 80 columns, so the test proves nothing:\n{narrow}"
    );

    // At the narrowest layout (40 columns) the structure ids are still whole, whatever it
    // costs the other columns.
    let narrowest = card_info_text(&home, "40");
    for a in &activities {
        let id = a["structure_id"].as_str().unwrap();
        assert!(
            narrowest.lines().any(|l| l.contains(id)),
            "structure id {id} is not whole on one line at 40 columns:\n{narrowest}"
        );
    }

    // At 200 the activities fit whole; the certificate table (about 240 columns of
    // distinguished names) still wraps its subjects and issuers, and only those.
    let wide = card_info_text(&home, "200");
    assert_within(&wide, 200);
    let full = card_info_text(&home, "300");
    assert_within(&full, 300);
    for s in &subjects {
        assert!(
            full.lines().any(|l| l.contains(s.as_str())),
            "subject {s:?} wrapped at 300 columns:\n{full}"
        );
    }
    for a in &activities {
        let id = a["structure_id"].as_str().unwrap();
        let organisation = a["organisation"].as_str().unwrap();
        assert!(
            wide.lines()
                .any(|l| l.contains(id) && l.contains(organisation)),
            "activity {id} {organisation:?} is not on one line at 200 columns:\n{wide}"
        );
    }
}

/// Without `COLUMNS` and with stdout a pipe (the width is unknown), tables are laid out to
/// the default 100 columns.
#[test]
fn a_pipe_without_columns_gets_100_columns() {
    let _card = insert(long_activities());
    let home = Home::new();
    let out = home
        .dmp()
        .args(["card", "info", "--activities", "--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .output()
        .unwrap();
    ok(&out);
    let text = stdout(&out);
    assert_within(&text, 100);
    // The certificate table is wider than 100 when laid out unconstrained: it was fitted.
    assert!(
        text.lines().any(|l| columns(l) > 90),
        "the table does not use the width it has:\n{text}"
    );
}

/// At a terminal (a pseudo-terminal from script(1), 80 columns wide, no `COLUMNS`), tables are
/// fitted to the terminal's width.
#[test]
fn at_an_80_column_terminal_card_info_fits_it() {
    let _card = insert(long_activities());
    let home = Home::new();
    let dmp = assert_cmd::cargo::cargo_bin("dmp");
    let dmp = dmp.display().to_string();
    let env = |k: &str, v: &std::path::Path| format!("{k}={}", v.display());
    let (h, c, ca, d) = (
        env("HOME", home.dir.path()),
        env("XDG_CONFIG_HOME", &home.path("config")),
        env("XDG_CACHE_HOME", &home.path("cache")),
        env("XDG_DATA_HOME", &home.path("data")),
    );
    let path = format!("PATH={}", std::env::var("PATH").unwrap_or_default());
    let pin = format!("DMP_TEST_PIN={PIN}");
    // A real 80-column terminal (tmux), tall enough for the whole output; its screen is what
    // a person sees, the spinner drawn and cleared in place.
    let term = Terminal::sized(
        80,
        60,
        &[
            "env",
            "-i",
            &path,
            &h,
            &c,
            &ca,
            &d,
            "TERM=xterm",
            &pin,
            &dmp,
            "--reader",
            READER,
            "card",
            "info",
            "--activities",
            "--pin-env",
            "DMP_TEST_PIN",
        ],
    );
    support::wait_until("card info's end", || term.dead());
    let shown = term.screen();
    assert_eq!(term.exit_status(), Some(0), "{shown}");
    assert!(shown.contains("┌"), "a table was shown: {shown}");
    assert_within(&shown, 80);
    for id in ["499700000017001", "499700000017002"] {
        assert!(shown.contains(id), "{id} whole at 80 columns: {shown}");
    }
}

/// The headers and labels come from the catalogue in the run's language, and the identifier
/// columns are chosen by index, so they stay whole in French too. (No card: the library
/// itself. The language is process-wide: every French assertion of this binary is here, and
/// English is restored at the end.)
#[test]
fn headers_labels_and_dates_follow_the_language() {
    use dmp::cli::args::OutputFormat;
    use dmp::cli::output::Output;
    use dmp::i18n::{set_lang, Lang};
    use dmp::model::timestamp::Timestamp;

    set_lang(Lang::Fr);
    let id = "1.2.250.1.213.1.1.9.42.1234567890123456789012345678901234567890";
    let mut buf = Vec::new();
    let mut o = Output {
        format: OutputFormat::Text,
        out: &mut buf,
        quiet: false,
    };
    let header = [
        dmp::tr!("render-h-date"),
        dmp::tr!("render-h-type"),
        dmp::tr!("render-h-title"),
        dmp::tr!("render-h-unique-id"),
    ];
    let date = Timestamp::parse_hl7("20250312").unwrap().display();
    o.table_with_ids(
        &header,
        vec![vec![
            date.clone(),
            "Compte rendu".into(),
            "Compte rendu d'hospitalisation ".repeat(4),
            id.into(),
        ]],
        &[3],
    )
    .unwrap();
    let fields = [
        (dmp::tr!("render-f-holder"), "Alice Martin".to_string()),
        (dmp::tr!("render-f-activities"), "2".to_string()),
    ];
    o.fields(&fields).unwrap();
    let text = String::from_utf8(buf).unwrap();
    set_lang(Lang::En);

    assert_eq!(date, "12/03/2025");
    assert!(text.contains("Identifiant unique"), "{text}");
    assert!(text.contains("Titre"), "{text}");
    assert!(text.contains(id), "the id is whole on one line:\n{text}");
    // Labels aligned by characters, accents included.
    assert!(
        text.contains("Titulaire              Alice Martin"),
        "{text}"
    );
    assert!(text.contains("Situations d'exercice  2"), "{text}");
    assert_eq!(
        dmp::i18n::format_in(Lang::En, "render-h-unique-id", &[]),
        "Unique id"
    );
}
