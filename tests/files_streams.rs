//! Files and streams, end to end with the `dmp` binary: how a retrieved document is written,
//! a closed output pipe, usage errors in JSON, log colours and `-q`, a broken configuration,
//! HTTP errors that are not SOAP, timeouts, and the card left as it was found (at the end of a
//! run, on SIGTERM and Ctrl-C).

mod support;

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use dmp_sandbox::card::CardOptions;
use support::*;

const ALICE: &str = "280057505600117"; // VALIDE, the card holder is the attending physician

fn stderr_json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("stderr is not JSON ({e}):\n{}", stderr(out)))
}

// ---------------------------------------------------------------------------------------------
// A retrieved document

#[cfg(unix)]
#[test]
fn a_document_is_written_0600_through_an_exclusive_temporary_file_following_no_symlink() {
    use std::os::unix::fs::{symlink, PermissionsExt};

    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let id = uid(1, 1);
    let stored = sb.document(&id).content;
    let dir = home.path("out");
    std::fs::create_dir(&dir).unwrap();
    // Another user's trap: the name a predictable temporary file would have, pointing at a
    // file of ours. Writing through it would overwrite that file.
    let victim = home.path("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    let file = dir.join("report.xml");
    symlink(&victim, dir.join(".report.xml.part")).unwrap();

    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &id, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        b"precious",
        "a symlink was followed"
    );
    assert_eq!(std::fs::read(&file).unwrap(), stored);
    let meta = std::fs::symlink_metadata(&file).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(
        meta.permissions().mode() & 0o777,
        0o600,
        "a medical document is for its user alone"
    );
    // Nothing is left beside it but the trap.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".report.xml.part", "report.xml"]);

    // A symbolic link at the target: refused without --force (even dangling), replaced, not
    // followed, with it.
    let linked = dir.join("linked.xml");
    symlink(&victim, &linked).unwrap();
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &id, "-o"])
        .arg(&linked)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &id, "--force", "-o"])
        .arg(&linked)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        b"precious",
        "a symlink was followed"
    );
    let meta = std::fs::symlink_metadata(&linked).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(std::fs::read(&linked).unwrap(), stored);
}

#[test]
fn dash_writes_the_document_to_standard_output() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let id = uid(1, 1);
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &id, "-o", "-"])
        .current_dir(home.dir.path())
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(out.stdout, sb.document(&id).content);
    assert!(!home.path("-").exists(), "`-` is not a file name");
    // JSON mode keeps standard output for the report.
    let out = home
        .dmp_card()
        .args([
            "docs", "get", "--ins", ALICE, &id, "-o", "-", "--output", "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// A closed pipe

/// Runs `cmd` with its standard output a pipe whose reading end is closed at once, as
/// `dmp … | head` does once head has its lines. Returns the exit code and stderr.
fn with_closed_stdout(mut cmd: std::process::Command) -> (Option<i32>, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code(), err)
}

#[test]
fn a_closed_pipe_ends_quietly_with_141() {
    let home = Home::with_sandbox();
    // A table (no card needed: every reader is listed, empty or not).
    let mut c = home.dmp_process();
    c.arg("readers");
    let (code, err) = with_closed_stdout(c);
    assert_eq!(code, Some(141), "stderr: {err}");
    assert_eq!(err, "", "a closed pipe is not an error to report");

    // A JSON document, after a DMP transaction (indirect mode).
    let _server = server_shared();
    let mut c = home.dmp_process();
    c.args([
        "--profile",
        "sandbox",
        "patient",
        "status",
        "--ins",
        ALICE,
        "--output",
        "json",
    ]);
    let (code, err) = with_closed_stdout(c);
    assert_eq!(code, Some(141), "stderr: {err}");
    assert!(!err.contains("internal error"), "{err}");
    assert_eq!(err, "");
    // The transaction itself went through and was journaled.
    let journal = home.journal();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0]["result"], "done");
}

// ---------------------------------------------------------------------------------------------
// Usage errors

#[test]
fn usage_errors_are_json_with_output_json() {
    let home = Home::new();
    for args in [
        &["--output", "json", "docs", "list", "--bogus"][..],
        &["docs", "list", "--output=json"],
        &["docs", "get", "--ins", ALICE, "--output", "json"],
        &[
            "card",
            "verify-pin",
            "--pin-stdin",
            "--pin-env",
            "X",
            "--output",
            "json",
        ],
        &["--output", "json"],
    ] {
        let out = home.dmp().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
        let v = stderr_json(&out);
        assert_eq!(v["version"], dmp::cli::output::JSON_VERSION, "{args:?}");
        assert_eq!(v["error"]["kind"], "usage", "{args:?}");
        assert_eq!(v["error"]["exit_code"], 2, "{args:?}");
        let message = v["error"]["message"].as_str().unwrap();
        assert!(
            !message.is_empty() && !message.starts_with("error:"),
            "{args:?}: {message}"
        );
    }
    let out = home
        .dmp()
        .args(["--output", "json", "docs", "list", "--bogus"])
        .output()
        .unwrap();
    let v = stderr_json(&out);
    assert_eq!(v["error"]["message"], "unexpected argument '--bogus' found");
    assert!(v["error"]["hint"]
        .as_str()
        .unwrap()
        .contains("Usage: dmp docs list"));

    // Text mode is dmp's own error text (from clap's error); --help and --version print as usual.
    let out = home
        .dmp()
        .args(["docs", "list", "--bogus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: unexpected argument '--bogus'"),
        "{}",
        stderr(&out)
    );
    let out = home
        .dmp()
        .args(["--output", "json", "--help"])
        .output()
        .unwrap();
    ok(&out);
    assert!(stdout(&out).contains("Usage: dmp"));
    let out = home
        .dmp()
        .args(["--output", "json", "--version"])
        .output()
        .unwrap();
    ok(&out);
    assert!(stdout(&out).starts_with("dmp "));
}

// ---------------------------------------------------------------------------------------------
// Logs and -q

#[test]
fn logs_carry_no_colour_codes_when_stderr_is_not_a_terminal() {
    let _server = server_shared();
    let home = Home::with_sandbox();
    let out = home
        .dmp_sandbox()
        .args(["-v", "patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    ok(&out);
    let err = stderr(&out);
    assert!(err.contains("DEBUG"), "-v shows dmp's steps: {err}");
    assert!(
        !err.contains('\u{1b}'),
        "escape codes in a non-terminal stderr: {err:?}"
    );
}

#[test]
fn quiet_silences_warnings_and_notices_but_not_the_result() {
    let _card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    // A document not visible to the patient: a warning, and a "written to" notice.
    let id = uid(1, 3);
    let file = home.path("synthese.xml");
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &id, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert!(stderr(&out).contains("warning:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("written to"), "{}", stderr(&out));

    let file = home.path("synthese-quiet.xml");
    let out = home
        .dmp_card()
        .args(["-q", "docs", "get", "--ins", ALICE, &id, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(stderr(&out), "", "-q: only errors on stderr");
    assert_eq!(std::fs::read(&file).unwrap(), sb.document(&id).content);
}

// ---------------------------------------------------------------------------------------------
// A broken configuration

#[test]
fn readers_and_doctor_run_with_a_broken_configuration_and_doctor_reports_it() {
    let home = Home::new();
    let config = home.write_config("[profiles.office]\nreader = \"x\"\nendpiont = \"https://x\"\n");

    let out = home
        .dmp()
        .args(["readers", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert!(v["readers"].is_array(), "{v}");
    // The warning is a warning: not in JSON mode's stderr, which is for the error document.
    let out = home.dmp().args(["readers"]).output().unwrap();
    ok(&out);
    assert!(stderr(&out).contains("warning:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&config.display().to_string()),
        "{}",
        stderr(&out)
    );

    let out = home
        .dmp()
        .args(["doctor", "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stderr(&out));
    let v = json(&out);
    let check = &v["checks"][0];
    assert_eq!(check["id"], "configuration", "{v}");
    assert_eq!(check["status"], "fail");
    let detail = check["detail"].as_str().unwrap();
    assert!(detail.contains(&config.display().to_string()), "{detail}");
    assert!(detail.contains("line 3"), "{detail}");
    assert!(detail.contains("endpiont"), "{detail}");
    // The other checks still ran.
    let pcscd = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "pcscd")
        .unwrap();
    assert_eq!(pcscd["status"], "ok", "{v}");

    // Any other command stops at the broken file.
    let out = home.dmp().args(["card", "info"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// HTTP errors that are not SOAP

#[test]
fn an_html_404_or_502_is_explained_with_the_endpoint() {
    let sb = own_sandbox(|o| {
        o.http_errors = vec![
            ("patient".to_string(), 404),
            ("PatientSpecific".to_string(), 502),
        ];
    });
    let home = Home::new();
    home.install_profile(&sb);

    let out = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let v = stderr_json(&out);
    assert_eq!(v["error"]["kind"], "server");
    assert_eq!(
        v["error"]["message"],
        "the endpoint answered HTTP 404 (Not Found), an HTML page, not a SOAP answer"
    );
    let hint = v["error"]["hint"].as_str().unwrap();
    assert!(hint.contains(&sb.server.service_url("patient")), "{hint}");

    let out = home
        .dmp_sandbox()
        .args(["patients", "authorized"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: the endpoint answered HTTP 502 (Bad Gateway), an HTML page"),
        "{err}"
    );
    assert!(
        err.contains(&sb.server.service_url("PatientSpecific")),
        "{err}"
    );
    assert!(err.contains("proxy"), "{err}");

    // Both attempts are in the journal, as failures with the same words.
    let journal = home.journal();
    assert_eq!(journal.len(), 2);
    assert!(
        journal.iter().all(|r| r["result"] == "failed"),
        "{journal:#?}"
    );
    assert!(
        journal.iter().all(|r| r["dmp_code"].is_null()),
        "no DMP code in an HTML page"
    );
    assert!(journal[0]["message"].as_str().unwrap().contains("HTTP 404"));
    assert!(journal[1]["message"].as_str().unwrap().contains("HTTP 502"));
}

// ---------------------------------------------------------------------------------------------
// Timeouts

#[test]
fn a_silent_server_is_reported_with_the_real_timeouts_and_attempts() {
    // Accepts connections (the kernel does, from the backlog) and never answers a byte.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let sb = sandbox();
    let home = Home::new();
    home.install_edited_profile(sb, |p| {
        p.insert(
            "endpoint".into(),
            format!("https://{addr}/si-dmp-server/v2/services").into(),
        );
        p.insert("timeout_secs".into(), 2.into());
    });
    let started = std::time::Instant::now();
    let out = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let err = stderr(&out);
    // timeout_secs = 2: connecting may take 1 s; a read request is tried 3 times.
    assert!(
        err.contains(&format!(
            "error: cannot reach {addr}: no answer to 3 connection attempts of 1 s each"
        )),
        "{err}"
    );
    // 3 × 1 s, plus the pauses between attempts (0.3 s and 1 s).
    assert!(took >= Duration::from_millis(4300), "took {took:?}");
    assert!(took < Duration::from_secs(15), "took {took:?}");
    drop(silent);
}

// ---------------------------------------------------------------------------------------------
// The card is left as it was found

#[test]
fn after_a_run_that_verified_the_pin_the_next_process_finds_it_not_verified() {
    let card = insert_default();
    let home = Home::with_sandbox();
    let out = home
        .dmp()
        .args(["card", "verify-pin", "--pin-env", "DMP_TEST_PIN"])
        .env("DMP_TEST_PIN", PIN)
        .output()
        .unwrap();
    ok(&out);
    assert!(
        eventually(Duration::from_secs(2), || !card.pin_verified()),
        "the card is still verified after `dmp card verify-pin`"
    );
    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let v = json(&out);
    assert_eq!(v["pin_status"], "not_verified", "{v}");
    assert_eq!(v["pin_tries_left"], 3);

    // The same after a DMP command (PIN, TLS handshake signed by the card, transactions).
    let out = home
        .dmp_card()
        .args(["docs", "list", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert!(
        eventually(Duration::from_secs(2), || !card.pin_verified()),
        "the card is still verified after `dmp docs list`"
    );
    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(json(&out)["pin_status"], "not_verified");
}

#[test]
fn a_pin_verified_by_another_program_is_left_verified() {
    let card = insert_default();
    let home = Home::with_sandbox();
    // Another program (this test) holds the card with the PIN verified.
    let other = dmp::credential::card::CardSession::connect(Some(READER), None).unwrap();
    other
        .verify_pin(&dmp::credential::card::Pin::new(PIN).unwrap())
        .unwrap();
    assert!(card.pin_verified());

    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(json(&out)["pin_status"], "verified");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        card.pin_verified(),
        "`dmp card info` reset a card another program had verified"
    );
    // A DMP command uses the verified card (no PIN asked) and leaves it so.
    let out = home
        .dmp_sandbox()
        .args([
            "--credential",
            "card",
            "docs",
            "list",
            "--ins",
            ALICE,
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    ok(&out);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        card.pin_verified(),
        "dmp reset a card another program had verified"
    );
    assert_eq!(
        other.pin_status().unwrap(),
        dmp::credential::card::PinStatus::Verified
    );
    // The other program's session ends: it verified the PIN, so the card is reset.
    drop(other);
    assert!(eventually(Duration::from_secs(2), || !card.pin_verified()));
}

/// Starts `dmp docs list` on a slow card, waits until it has verified the PIN, sends `signal`
/// while the card is signing the TLS handshake, and returns the exit code and stderr.
#[cfg(unix)]
fn signal_while_the_card_is_verified(signal: i32) -> (Option<i32>, String) {
    let card = insert(CardOptions {
        rsa_latency: Duration::from_millis(1500),
        ..CardOptions::default()
    });
    let home = Home::with_sandbox();
    let mut child = home
        .dmp_process()
        .args([
            "--profile",
            "sandbox",
            "--credential",
            "card",
            "--pin-env",
            "DMP_TEST_PIN",
            "docs",
            "list",
            "--ins",
            ALICE,
        ])
        .env("DMP_TEST_PIN", PIN)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let verified = eventually(Duration::from_secs(20), || card.pin_verified());
    if !verified {
        let _ = child.kill();
    }
    assert!(verified, "dmp never verified the PIN");
    // SAFETY: kill(2) on the pid of our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(
        eventually(Duration::from_secs(2), || !card.pin_verified()),
        "the card is still verified after the signal; stderr: {err}"
    );
    assert_eq!(card.pin_tries_left(), 3);
    (status.code(), err)
}

#[cfg(unix)]
#[test]
fn sigterm_while_the_card_is_verified_resets_it_and_exits_143() {
    let (code, err) = signal_while_the_card_is_verified(libc::SIGTERM);
    assert_eq!(code, Some(143), "stderr: {err}");
    assert!(err.contains("error: terminated (SIGTERM)"), "{err}");
    assert!(!err.contains("internal error"), "{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_the_card_is_verified_resets_it_and_exits_130() {
    let (code, err) = signal_while_the_card_is_verified(libc::SIGINT);
    assert_eq!(code, Some(130), "stderr: {err}");
    assert!(err.contains("error: interrupted (Ctrl-C)"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// The terminal is left as it was found

/// `dmp card verify-pin` with its standard input, output and error on a pseudo-terminal, so
/// that it prompts as it would for a person; `signal` is sent once `prompt` shows. Returns the
/// exit code, whether the terminal echoed input at the prompt and after the exit, and what dmp
/// wrote to the terminal after the signal.
#[cfg(unix)]
fn signal_at_a_prompt(home: &Home, prompt: &str, signal: i32) -> (Option<i32>, bool, bool, String) {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::sync::{Arc, Mutex};

    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty fills two descriptors, which we then own.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty");
    let master = unsafe { OwnedFd::from_raw_fd(master) };
    let slave = unsafe { OwnedFd::from_raw_fd(slave) };
    let echo = |fd: &OwnedFd| {
        let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills `t` when it returns 0.
        assert_eq!(
            unsafe { libc::tcgetattr(fd.as_raw_fd(), t.as_mut_ptr()) },
            0
        );
        unsafe { t.assume_init() }.c_lflag & libc::ECHO != 0
    };
    let child = {
        let mut c = home.dmp_process();
        c.args(["card", "verify-pin"])
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave.try_clone().unwrap()));
        c.spawn().unwrap()
    };
    let seen = Arc::new(Mutex::new(Vec::new()));
    let reader = {
        let seen = seen.clone();
        let mut file = std::fs::File::from(master.try_clone().unwrap());
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            // Ends with EIO once no process holds the terminal's other side.
            while let Ok(n) = file.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        })
    };
    let text = || String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    let prompted = eventually(Duration::from_secs(20), || text().contains(prompt));
    let mut child = child;
    if !prompted {
        let _ = child.kill();
    }
    assert!(prompted, "no prompt \"{prompt}\": {:?}", text());
    std::thread::sleep(Duration::from_millis(300));
    let echo_at_prompt = echo(&slave);
    let before = seen.lock().unwrap().len();
    // SAFETY: kill(2) on the pid of our own child.
    assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
    let status = child.wait().unwrap();
    let echo_after = echo(&slave);
    drop(slave);
    reader.join().unwrap();
    let after = String::from_utf8_lossy(&seen.lock().unwrap()[before..]).into_owned();
    (status.code(), echo_at_prompt, echo_after, after)
}

#[cfg(unix)]
#[test]
fn a_signal_at_the_pin_prompt_restores_the_echo() {
    let card = insert_default();
    let home = Home::new();
    let (code, echo_at_prompt, echo_after, after) =
        signal_at_a_prompt(&home, "PIN of the CPS card", libc::SIGINT);
    assert!(!echo_at_prompt, "the PIN prompt does not echo");
    assert_eq!(code, Some(130), "{after:?}");
    assert!(echo_after, "the terminal was left without echo: {after:?}");
    assert!(after.contains("error: interrupted (Ctrl-C)"), "{after:?}");
    assert_eq!(card.pin_tries_left(), 3);
}

#[cfg(unix)]
#[test]
fn a_signal_at_the_last_try_confirmation_shows_the_cursor_again() {
    let card = insert(CardOptions {
        max_tries: 1,
        ..CardOptions::default()
    });
    let home = Home::new();
    let (code, _, echo_after, after) =
        signal_at_a_prompt(&home, "Only ONE PIN try is left", libc::SIGTERM);
    assert_eq!(code, Some(143), "{after:?}");
    assert!(
        after.contains("\u{1b}[?25h"),
        "the cursor stays hidden: {after:?}"
    );
    assert!(echo_after);
    assert!(after.contains("error: terminated (SIGTERM)"), "{after:?}");
    assert_eq!(card.pin_tries_left(), 1, "no try was spent");
}

#[test]
fn a_target_in_a_missing_directory_is_refused_before_the_card_or_the_dmp() {
    let card = insert_default();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let before = sb.trace_count();
    let events = card.events().len();
    let target = home.path("no-such-dir/cr.xml");
    let out = home
        .dmp_card()
        .args(["docs", "get", "--ins", ALICE, &uid(1, 1), "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        !err.contains(".part"),
        "the temporary file's name leaks: {err}"
    );
    assert_eq!(sb.trace_count(), before, "nothing reached the DMP");
    // VERIFY (INS 20) with a PIN in its data: none.
    let verifies = card.events()[events..]
        .iter()
        .filter(|e| {
            matches!(e, dmp_sandbox::card::CardEvent::Apdu { header, lc, .. }
                if header[1] == 0x20 && *lc > 0)
        })
        .count();
    assert_eq!(verifies, 0, "no PIN verified");
    assert_eq!(card.pin_tries_left(), 3);
}
