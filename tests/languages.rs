//! What a person reads, in both languages, compared with the committed snapshots in
//! `tests/snapshots/lang/<lang>/`: a refusal, a document table, the PIN prompt at a terminal
//! and what follows it. `DMP_UPDATE_SNAPSHOTS=1 cargo test --test languages` rewrites them
//! (then read the diff: it is the review).

mod support;

use std::path::Path;

use dmp_sandbox::server::seed::patients;
use support::terminal::Terminal;
use support::{own_sandbox, wait_until, Home, Sandbox, READER};

const LANGS: [&str; 2] = ["en", "fr"];

fn snapshot(lang: &str, name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/lang")
        .join(lang)
        .join(name);
    if std::env::var_os("DMP_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run with DMP_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert_eq!(
        actual,
        expected,
        "differs from {} (DMP_UPDATE_SNAPSHOTS=1 rewrites it)",
        path.display()
    );
}

/// A sandbox of this binary alone: no other test adds documents to it.
fn sandbox() -> &'static Sandbox {
    static SB: std::sync::OnceLock<Sandbox> = std::sync::OnceLock::new();
    SB.get_or_init(|| own_sandbox(|_| {}))
}

fn home() -> Home {
    let home = Home::new();
    home.install_profile(sandbox());
    home
}

/// `dmp --profile sandbox` (structure credential) in `lang`, chosen by the locale as a
/// workstation sets it.
fn dmp(home: &Home, lang: &str) -> assert_cmd::Command {
    with_lang(home.dmp_sandbox(), lang)
}

fn with_lang(mut c: assert_cmd::Command, lang: &str) -> assert_cmd::Command {
    c.env(
        "LANG",
        if lang == "fr" {
            "fr_FR.UTF-8"
        } else {
            "en_GB.UTF-8"
        },
    )
    .env("TZ", "UTC")
    .env("COLUMNS", "120");
    c
}

#[test]
fn a_refusal_in_both_languages() {
    let home = home();
    for lang in LANGS {
        let out = dmp(&home, lang)
            .args(["--mode", "emergency", "--reason", "chest pain, unconscious"])
            .args(["docs", "list", "--ins", patients::OPPOSED_EMERGENCY])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(9), "{}", support::stderr(&out));
        snapshot(lang, "refusal.txt", &support::stderr(&out));
    }
}

#[test]
fn a_document_table_in_both_languages() {
    // Direct mode: a structure certificate may not search documents.
    let _card = support::insert_default();
    let home = home();
    for lang in LANGS {
        let out = with_lang(home.dmp_card(), lang)
            .args(["docs", "list", "--ins", patients::MT])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", support::stderr(&out));
        let table = support::stdout(&out);
        assert!(
            table.lines().all(|l| l.chars().count() <= 120),
            "wider than COLUMNS:\n{table}"
        );
        snapshot(lang, "docs-list.txt", &table);
    }
}

#[test]
fn the_pin_prompt_in_both_languages() {
    let _card = support::insert_default();
    for (lang, locale) in [("en", "C.UTF-8"), ("fr", "fr_FR.UTF-8")] {
        let home = Home::new();
        let path = std::env::var("PATH").unwrap_or_default();
        let env_home = format!("HOME={}", home.dir.path().display());
        let env_config = format!("XDG_CONFIG_HOME={}", home.path("config").display());
        let env_cache = format!("XDG_CACHE_HOME={}", home.path("cache").display());
        let env_data = format!("XDG_DATA_HOME={}", home.path("data").display());
        let env_path = format!("PATH={path}");
        let env_lang = format!("LANG={locale}");
        let term = Terminal::start(&[
            "env",
            "-i",
            &env_path,
            &env_home,
            &env_config,
            &env_cache,
            &env_data,
            &env_lang,
            "TERM=xterm",
            env!("CARGO_BIN_EXE_dmp"),
            "--reader",
            READER,
            "card",
            "verify-pin",
        ]);
        wait_until("the PIN prompt", || term.screen().contains("PIN"));
        // Give the prompt its last characters before reading the screen.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let prompt = term.screen();
        snapshot(lang, "pin-prompt.txt", &prompt);
        let prompt = prompt.trim_end();
        term.keys(&[support::PIN, "Enter"]);
        wait_until("dmp's answer after the PIN", || term.dead());
        let screen = term.screen();
        assert!(
            !screen.contains(support::PIN),
            "the PIN is echoed:\n{screen}"
        );
        // Whether the answered prompt stays on screen (as `prompt: [hidden]`) depends on when
        // the terminal echoes the Enter key: that line is checked, not kept in the snapshot.
        for l in screen.lines().filter(|l| l.starts_with(prompt)) {
            let hidden = if lang == "fr" {
                "[masqué]"
            } else {
                "[hidden]"
            };
            assert_eq!(l.trim_end(), format!("{prompt} {hidden}"));
        }
        let answer = screen
            .lines()
            .filter(|l| !l.starts_with(prompt))
            .collect::<Vec<_>>()
            .join("\n")
            .trim_end()
            .to_string()
            + "\n";
        snapshot(lang, "pin-verified.txt", &answer);
    }
}

/// `dmp` with `home` at a terminal, in English.
fn dmp_in_terminal(home: &Home, sandbox_args: &[&str], extra: &[&str]) -> Terminal {
    let path = format!("PATH={}", std::env::var("PATH").unwrap_or_default());
    let env_home = format!("HOME={}", home.dir.path().display());
    let env_config = format!("XDG_CONFIG_HOME={}", home.path("config").display());
    let env_data = format!("XDG_DATA_HOME={}", home.path("data").display());
    let env_cache = format!("XDG_CACHE_HOME={}", home.path("cache").display());
    let mut command = vec![
        "env",
        "-i",
        &path,
        &env_home,
        &env_config,
        &env_data,
        &env_cache,
        "LANG=C.UTF-8",
        "TERM=xterm",
        env!("CARGO_BIN_EXE_dmp"),
    ];
    command.extend_from_slice(sandbox_args);
    command.extend_from_slice(extra);
    Terminal::start(&command)
}

#[test]
fn a_spinner_while_the_dmp_answers_at_a_terminal_only() {
    // A slow DMP: each answer takes 1.5 s.
    let slow = own_sandbox(|o| o.delay = std::time::Duration::from_millis(1500));
    let home = Home::new();
    home.install_profile(&slow);
    let listing = ["--profile", "sandbox", "patients", "authorized"];
    let spinner = "Asking the DMP";

    let term = dmp_in_terminal(&home, &listing, &[]);
    wait_until("the spinner", || term.screen().contains(spinner));
    let ended = support::eventually(std::time::Duration::from_secs(60), || term.dead());
    assert!(ended, "dmp did not end:\n{}", term.screen());
    let screen = term.screen();
    assert!(
        !screen.contains(spinner),
        "the spinner is cleared:\n{screen}"
    );
    drop(term);

    // -q: never drawn.
    let term = dmp_in_terminal(&home, &listing, &["-q"]);
    let mut seen = false;
    let ended = support::eventually(std::time::Duration::from_secs(60), || {
        let s = term.screen();
        seen |= s.contains(spinner);
        term.dead()
    });
    assert!(ended, "dmp -q did not end:\n{}", term.screen());
    assert!(!seen, "a spinner with -q");
    drop(term);

    // Not a terminal: never drawn.
    let out = home
        .dmp_sandbox()
        .args(["patients", "authorized"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", support::stderr(&out));
    assert!(!support::stderr(&out).contains(spinner));
}
