//! The command line itself: help, exit codes, flags that must not exist, generated files.

use assert_cmd::Command;

use dmp::i18n::Lang;

/// dmp in English, whatever the locale of the machine running the tests.
fn dmp() -> Command {
    let mut c = Command::cargo_bin("dmp").unwrap();
    c.env_remove("DMP_PROFILE")
        .env_remove("DMP_CONFIG")
        .env_remove("DMP_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    c
}

/// dmp in `lang`, chosen by the locale as on a workstation.
fn dmp_in(lang: Lang) -> Command {
    let mut c = dmp();
    c.env(
        "LANG",
        match lang {
            Lang::En => "en_GB.UTF-8",
            Lang::Fr => "fr_FR.UTF-8",
        },
    );
    c
}

/// Every command and every argument has its help in every language (a new option without its
/// `cli-arg-…` message in one of them fails here).
#[test]
fn every_command_and_argument_has_help_in_every_language() {
    for lang in Lang::ALL {
        let missing = dmp::cli::localise::missing_help(lang);
        assert!(
            missing.is_empty(),
            "locales/{}/cli.ftl lacks {missing:?}",
            lang.code()
        );
    }
}

#[test]
fn help_documents_every_exit_code() {
    let out = dmp().arg("--help").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for (code, words) in [
        ("0", "success"),
        ("4", "pcscd"),
        ("5", "card"),
        ("6", "PIN"),
        ("11", "doctor"),
        ("12", "partial"),
    ] {
        assert!(
            s.lines()
                .any(|l| l.trim_start().starts_with(code) && l.contains(words)),
            "exit code {code} ({words}) missing from --help:\n{s}"
        );
    }
}

#[test]
fn a_pin_cannot_be_given_on_the_command_line() {
    let out = dmp()
        .args(["card", "verify-pin", "--pin", "1234"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn pin_sources_are_exclusive() {
    let out = dmp()
        .args(["card", "verify-pin", "--pin-stdin", "--pin-env", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unknown_profile_is_a_config_error_with_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "[profiles.work]\nreader = \"x\"\n").unwrap();
    let out = dmp()
        .args(["--config"])
        .arg(&cfg)
        .args(["--profile", "home", "readers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no profile named 'home'"), "{err}");
    assert!(err.contains("known profiles: work"), "{err}");
}

#[test]
fn errors_are_json_on_stderr_in_json_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dmp()
        .args(["--output", "json", "--config"])
        .arg(dir.path().join("absent.toml"))
        .args(["card", "info"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["version"], 2);
    assert_eq!(v["error"]["kind"], "config");
    assert_eq!(v["error"]["exit_code"], 3);
    assert!(v["error"]["hint"].is_string());
}

/// The committed man pages, completions and help snapshots must match the CLI definition.
/// Regenerate with `cargo run --example gen_docs` (or run this test with UPDATE_SNAPSHOTS=1).
#[test]
fn generated_files_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        dmp::cli::generate::write_all(root).unwrap();
    }
    let generated = dmp::cli::generate::generated_files(root);
    let mut stale = Vec::new();
    for (rel, content) in &generated {
        match std::fs::read(root.join(rel)) {
            Ok(on_disk) if &on_disk == content => {}
            _ => stale.push(rel.clone()),
        }
    }
    // A file left from a command that no longer exists is stale too.
    let mut dirs = vec!["completions".to_string()];
    for lang in Lang::ALL {
        dirs.push(dmp::cli::generate::man_dir(lang));
        dirs.push(dmp::cli::generate::snapshot_dir(lang));
    }
    for dir in dirs {
        for entry in std::fs::read_dir(root.join(&dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                continue;
            }
            let rel = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !generated.iter().any(|(g, _)| *g == rel) {
                stale.push(format!("{rel} (generated from nothing: remove it)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing generated files: {stale:?}; run `cargo run --example gen_docs` \
         (or UPDATE_SNAPSHOTS=1 cargo test --test cli), review the diff and commit"
    );
}

/// Each help snapshot is what `dmp … --help` prints (for every command, found by walking the
/// definition, so a new command has one), in every language, and nothing is left over from a
/// removed command.
#[test]
fn help_snapshots_are_what_the_binary_prints() {
    for lang in Lang::ALL {
        help_snapshots_are_what_the_binary_prints_in(lang);
    }
}

fn help_snapshots_are_what_the_binary_prints_in(lang: Lang) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(dmp::cli::generate::snapshot_dir(lang));
    let mut expected = Vec::new();
    for path in dmp::cli::generate::command_paths() {
        let file = format!("{}.txt", path.join("-"));
        let snapshot = std::fs::read_to_string(dir.join(&file)).unwrap_or_else(|_| {
            panic!("no help snapshot {file}: run `cargo run --example gen_docs`")
        });
        let out = dmp_in(lang)
            .env_remove("COLUMNS")
            .args(&path[1..])
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success(), "{path:?} --help failed");
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            snapshot,
            "`{} --help` differs from {}/{file}: run `cargo run --example gen_docs`",
            path.join(" "),
            dir.display()
        );
        expected.push(file);
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            expected.contains(&name),
            "{}/{name} is the help of no command: remove it",
            dir.display()
        );
    }
}

/// The line of `--help` that documents `arg` (its flags, or its `<NAME>` when positional).
fn help_line_of(help: &[&str], arg: &clap::Arg) -> Option<usize> {
    let starts: Vec<String> = match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => vec![format!("-{s}, --{l}")],
        (None, Some(l)) => vec![format!("--{l}")],
        (Some(s), None) => vec![format!("-{s}")],
        (None, None) => arg
            .get_value_names()
            .map(|v| {
                v.iter()
                    .flat_map(|n| [format!("<{n}>"), format!("[{n}]")])
                    .collect()
            })
            .unwrap_or_default(),
    };
    help.iter().position(|line| {
        let t = line.trim_start();
        // Option lines are indented; the usage line and headings are not.
        t.len() < line.len()
            && starts.iter().any(|s| {
                t.strip_prefix(s.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with([' ', '.', '=']))
            })
    })
}

/// A command's help shows its own options first and the global ones after them, under their
/// heading, so that its own few are not lost among the two dozen every command accepts.
#[test]
fn each_help_shows_the_commands_own_options_before_the_global_ones() {
    for lang in Lang::ALL {
        own_options_before_the_global_ones_in(lang);
    }
}

fn own_options_before_the_global_ones_in(lang: Lang) {
    let root = dmp::cli::command_in(lang);
    for path in dmp::cli::generate::command_paths() {
        let mut cmd = &root;
        for word in &path[1..] {
            cmd = cmd.find_subcommand(word).unwrap();
        }
        let out = dmp_in(lang)
            .env_remove("COLUMNS")
            .args(&path[1..])
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success(), "{path:?} --help failed");
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let line = |a: &clap::Arg| {
            help_line_of(&lines, a)
                .unwrap_or_else(|| panic!("{path:?}: --{} not in the help:\n{text}", a.get_id()))
        };
        let visible = || cmd.get_arguments().filter(|a| !a.is_hide_set());
        let last_own = visible()
            .filter(|a| !a.is_global_set())
            .map(line)
            .max()
            .unwrap_or_else(|| panic!("{path:?}: no own option (not even --help)"));
        let heading = lines
            .iter()
            .position(|l| *l == format!("{}:", dmp::cli::localise::global_heading(lang)))
            .unwrap_or_else(|| panic!("{path:?}: no global options heading:\n{text}"));
        assert!(
            last_own < heading,
            "{path:?}: own option after the heading:\n{text}"
        );
        let mut globals = 0;
        for g in visible().filter(|a| a.is_global_set()) {
            assert!(
                line(g) > heading,
                "{path:?}: global --{} before the command's own options end:\n{text}",
                g.get_id()
            );
            globals += 1;
        }
        assert!(globals >= 20, "{path:?}: only {globals} global options");
    }
}

/// A typo in a dropped-in profile is reported with its file, its line and the key meant.
#[test]
fn a_mistyped_profile_key_is_named_with_its_line_and_the_key_meant() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "default_profile = \"work\"\n").unwrap();
    std::fs::create_dir(dir.path().join("profiles.d")).unwrap();
    let profile = dir.path().join("profiles.d/work.toml");
    std::fs::write(
        &profile,
        "[profiles.work]\nendpoint = \"https://dmp.example\"\n# the structure\nstructur_id = \"499700000017001\"\n",
    )
    .unwrap();
    let out = dmp()
        .arg("--config")
        .arg(&cfg)
        .args(["patient", "history-url", "--ins", "279035121518989"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}, line 4: unknown key `structur_id`",
            profile.display()
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `structure_id`?"), "{err}");
}
