//! The command line itself: help, exit codes, flags that must not exist, generated files.

use assert_cmd::Command;

fn dmp() -> Command {
    let mut c = Command::cargo_bin("dmp").unwrap();
    c.env_remove("DMP_PROFILE").env_remove("DMP_CONFIG");
    c
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

/// The committed man pages and completions must match the CLI definition. Regenerate with
/// `cargo run --example gen_docs`.
#[test]
fn generated_man_pages_and_completions_are_up_to_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for (rel, content) in dmp::cli::generate::generated_files() {
        match std::fs::read(root.join(&rel)) {
            Ok(on_disk) if on_disk == content => {}
            _ => stale.push(rel),
        }
    }
    assert!(
        stale.is_empty(),
        "stale or missing generated files: {stale:?}; run `cargo run --example gen_docs` and commit"
    );
}
