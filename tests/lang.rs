//! The language of a run: `--lang`, `DMP_LANG`, the profile's `lang`, the locale; the help,
//! and the command-line errors (text and JSON) in it.

use assert_cmd::Command;

/// dmp with no language chosen by the environment of the machine running the tests.
fn dmp() -> Command {
    let mut c = Command::cargo_bin("dmp").unwrap();
    for var in [
        "DMP_PROFILE",
        "DMP_CONFIG",
        "DMP_LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "COLUMNS",
    ] {
        c.env_remove(var);
    }
    c
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

const FRENCH_HELP: &str = "Lister les documents du patient";
const ENGLISH_HELP: &str = "List the patient's documents";

fn help(cmd: &mut Command) -> String {
    let out = cmd.args(["docs", "list", "--help"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn lang_fr_gives_french_help() {
    let text = help(dmp().args(["--lang", "fr"]));
    assert!(text.contains(FRENCH_HELP), "{text}");
    assert!(text.contains("Utilisation\u{a0}: dmp docs list"), "{text}");
    assert!(text.contains("Options globales\u{a0}:"), "{text}");
    assert!(text.contains("Exemples\u{a0}:"), "{text}");
    // -h is the summary: no examples.
    let out = dmp()
        .args(["--lang=fr", "docs", "list", "-h"])
        .output()
        .unwrap();
    assert!(
        !stdout(&out).contains("Exemples\u{a0}:"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("[par défaut\u{a0}: text]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_locale_chooses_french_and_c_english() {
    let text = help(dmp().env("LANG", "fr_FR.UTF-8"));
    assert!(text.contains(FRENCH_HELP), "{text}");
    let text = help(dmp().env("LANG", "fr_FR.UTF-8").env("LC_ALL", "C"));
    assert!(text.contains(ENGLISH_HELP), "{text}");
    let text = help(&mut dmp());
    assert!(text.contains(ENGLISH_HELP), "{text}");
    // --lang wins over the locale.
    let text = help(dmp().env("LC_ALL", "fr_FR.UTF-8").args(["--lang", "en"]));
    assert!(text.contains(ENGLISH_HELP), "{text}");
}

#[test]
fn dmp_lang_and_the_profile_choose_the_language() {
    let text = help(dmp().env("DMP_LANG", "fr"));
    assert!(text.contains(FRENCH_HELP), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "default_profile = \"cabinet\"\n[profiles.cabinet]\nlang = \"fr\"\n[profiles.other]\nlang = \"en\"\n",
    )
    .unwrap();
    let text = help(dmp().arg("--config").arg(&cfg));
    assert!(text.contains(FRENCH_HELP), "{text}");
    let text = help(dmp().env("DMP_CONFIG", &cfg));
    assert!(text.contains(FRENCH_HELP), "{text}");
    // The profile named on the command line, not the default one.
    let text = help(dmp().arg("--config").arg(&cfg).args(["--profile", "other"]));
    assert!(text.contains(ENGLISH_HELP), "{text}");
    // DMP_LANG wins over the profile.
    let text = help(dmp().arg("--config").arg(&cfg).env("DMP_LANG", "en"));
    assert!(text.contains(ENGLISH_HELP), "{text}");
}

#[test]
fn a_bad_lang_in_the_profile_is_a_config_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[profiles.a]\nreader = \"x\"\nlang = \"de\"\n").unwrap();
    let out = dmp()
        .arg("--config")
        .arg(&cfg)
        .args([
            "--profile",
            "a",
            "patient",
            "history-url",
            "--ins",
            "279035121518989",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("unknown language `de`"), "{err}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    for cmd in [
        dmp().args(["--lang", "de", "readers"]).output().unwrap(),
        dmp().env("DMP_LANG", "de").arg("readers").output().unwrap(),
    ] {
        assert_eq!(cmd.status.code(), Some(2), "{}", stderr(&cmd));
        let err = stderr(&cmd);
        assert!(
            err.starts_with("error: invalid value 'de' for '--lang <LANG>'"),
            "{err}"
        );
        assert!(err.contains("[possible values: en, fr]"), "{err}");
    }
}

#[test]
fn an_unknown_flag_in_french_is_a_french_error_with_exit_code_2() {
    let out = dmp()
        .args(["--lang", "fr", "docs", "list", "--forse"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: argument inattendu «\u{a0}--forse\u{a0}»")
            || err.starts_with("erreur\u{a0}: argument inattendu «\u{a0}--forse\u{a0}»"),
        "{err}"
    );
    assert!(err.contains("Utilisation\u{a0}: dmp docs list"), "{err}");

    // clap's "did you mean", in French.
    let out = dmp()
        .env("LANG", "fr_FR.UTF-8")
        .args(["docs", "get", "--ins", "279035121518989", "1.2.3", "--forc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("un argument proche existe\u{a0}: «\u{a0}--force\u{a0}»"),
        "{}",
        stderr(&out)
    );
    let out = dmp()
        .args(["--lang", "fr", "doc", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("sous-commande inconnue «\u{a0}doc\u{a0}»")
            && stderr(&out).contains("«\u{a0}docs\u{a0}»"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn json_usage_errors_keep_their_keys_and_kind_in_french() {
    for args in [
        &[
            "--output", "json", "--lang", "fr", "docs", "list", "--bogus",
        ][..],
        &["--output", "json", "--lang", "fr", "docs", "list"][..],
        &[
            "--output", "json", "--lang", "fr", "--mode", "urgence", "readers",
        ][..],
        &["--output", "json", "--lang", "fr"][..],
    ] {
        let out = dmp().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stderr)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", stderr(&out)));
        assert_eq!(v["version"], dmp::cli::output::JSON_VERSION, "{args:?}");
        assert_eq!(v["error"]["kind"], "usage", "{args:?}");
        assert_eq!(v["error"]["exit_code"], 2, "{args:?}");
        assert!(v["error"]["message"].is_string(), "{args:?}");
        assert!(v["error"]["hint"].is_string(), "{args:?}");
    }
    let out = dmp()
        .args(["--output", "json", "--lang", "fr", "docs", "list"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(
        v["error"]["message"],
        "arguments requis absents\u{a0}: --ins <INS>"
    );
}

#[test]
fn the_old_output_file_name_still_works() {
    // `--output-file` is a hidden alias of `--save-as`: it parses, and is not shown.
    let cli = dmp::cli::parse_from([
        "dmp",
        "docs",
        "get",
        "--ins",
        "279035121518989",
        "1.2.3",
        "--output-file",
        "x.xml",
    ])
    .unwrap();
    match cli.command {
        dmp::cli::args::Command::Docs(dmp::cli::args::DocsCommand::Get(a)) => {
            assert_eq!(
                a.output_file.as_deref(),
                Some(std::path::Path::new("x.xml"))
            );
        }
        other => panic!("{other:?}"),
    }
    let text = String::from_utf8(
        dmp()
            .args(["docs", "get", "--help"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.contains("-o, --save-as <FILE>"), "{text}");
    assert!(!text.contains("--output-file"), "{text}");
}
