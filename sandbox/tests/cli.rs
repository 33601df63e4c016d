//! The `serve` and `traces` commands as a user runs them.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use dmp_sandbox::server::certs::TestPki;

struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_prints_its_address_and_writes_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    TestPki::generate(&dir.path().join("pki"), "CLI").unwrap();
    let profile = dir.path().join("config/profile.toml");
    let child = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .arg("serve")
        .arg("--listen")
        .arg("127.0.0.1:0")
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--pki")
        .arg(dir.path().join("pki"))
        .arg("--write-profile")
        .arg(&profile)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = Kill(child);
    let mut out = BufReader::new(child.0.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..4 {
        let mut l = String::new();
        out.read_line(&mut l).unwrap();
        lines.push(l.trim().to_string());
    }
    let port: u16 = lines[0].rsplit(':').next().unwrap().parse().unwrap();
    assert_ne!(port, 0);
    assert_eq!(
        lines[1],
        format!("endpoint: https://127.0.0.1:{port}/si-dmp-server/v2/services")
    );
    assert_eq!(lines[3], format!("client profile: {}", profile.display()));
    let t: toml::Table = std::fs::read_to_string(&profile).unwrap().parse().unwrap();
    assert_eq!(
        t["profiles"]["sandbox"]["endpoint"].as_str().unwrap(),
        format!("https://127.0.0.1:{port}/si-dmp-server/v2/services")
    );
    drop(child);

    let traces = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .arg("traces")
        .arg("--data")
        .arg(dir.path().join("data"))
        .output()
        .unwrap();
    assert!(traces.status.success());
    let text = String::from_utf8(traces.stdout).unwrap();
    assert!(text.starts_with("WHEN"), "{text}");
    assert!(text.contains("no access recorded yet"));
}

#[test]
fn serve_help_lists_the_seeded_patients() {
    let out = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for ins in [
        "280057505600117",
        "175016912300248",
        "292031305500332",
        "168113306300423",
        "255079205000521",
        "188043417200694",
        "245065935000747",
        "199027815000860",
        "201100608800913",
    ] {
        assert!(text.contains(ins), "{ins} missing from serve --help");
    }
}

#[test]
fn serve_without_pki_explains_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .arg("serve")
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--pki")
        .arg(dir.path().join("nope"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("organisations-ca.pem"), "{err}");
}

#[test]
fn serve_takes_latency_and_fault_flags_and_documents_counts_entries() {
    let dir = tempfile::tempdir().unwrap();
    TestPki::generate(&dir.path().join("pki"), "CLI").unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .args(["serve", "--listen", "127.0.0.1:0", "--delay-ms", "200"])
        .args(["--submit-fault", "503:2", "--submit-fault", "reset"])
        .args(["--hang-ms", "1000"])
        .arg("--data")
        .arg(dir.path().join("data"))
        .arg("--pki")
        .arg(dir.path().join("pki"))
        .arg("--write-profile")
        .arg(dir.path().join("profile.toml"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = Kill(child);
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.contains("listening on"), "{line}");
    drop(child);

    // Seeded document 1 of patient 1 (sandbox/SEED.md) is there once; an unknown one is not.
    let out = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .args(["documents", "1.2.250.1.999.9.1.1.1", "1.2.250.1.999.0.0"])
        .arg("--data")
        .arg(dir.path().join("data"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1.2.250.1.999.9.1.1.1\t1\tApproved\n1.2.250.1.999.0.0\t0\t\n"
    );

    let bad = Command::new(env!("CARGO_BIN_EXE_dmp-sandbox"))
        .args(["serve", "--submit-fault", "boom:1"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(
        err.contains("expected 503, reset, hang-before or hang-after"),
        "{err}"
    );
}
