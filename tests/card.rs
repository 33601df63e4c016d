//! The card commands through the real pcscd, the vpcd reader and the virtual CPS3 card.

mod support;

use std::time::Duration;

use dmp_sandbox::card::{CardEvent, CardOptions, Generation};
use support::*;

fn apdus_with_ins(events: &[CardEvent], ins: u8) -> Vec<(usize, u16)> {
    events
        .iter()
        .filter_map(|e| match e {
            CardEvent::Apdu { header, lc, sw, .. } if header[1] == ins => Some((*lc, *sw)),
            _ => None,
        })
        .collect()
}

/// What `card info` reads of the public data objects each time (ODF, DODF, CPS_INFO_PS: one
/// READ BINARY each), at most: far less than one certificate (about 1.3 kB).
const DATA_OBJECT_READS: usize = 3;
const DATA_OBJECT_BYTES: usize = 400;

/// The bytes the card sent back to READ BINARY commands.
fn bytes_read(events: &[CardEvent]) -> usize {
    events
        .iter()
        .map(|e| match e {
            CardEvent::Apdu {
                header,
                response_len,
                ..
            } if header[1] == 0xB0 => *response_len,
            _ => 0,
        })
        .sum()
}

#[test]
fn card_info_shows_holder_generation_and_tries_then_reads_no_certificate_again() {
    let card = insert_default();
    let home = Home::new();

    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["version"], 2);
    assert_eq!(v["generation"], card_generation().name());
    assert_eq!(v["national_id"], "899700000017");
    assert_eq!(v["surname"], "TESTDOC0000001");
    assert_eq!(v["given_name"], "CAMILLE");
    assert_eq!(v["profession"], "Médecin");
    assert_eq!(v["serial"], card.card_number());
    assert_eq!(v["pin_tries_left"], 3);
    assert_eq!(v["certificates_from_cache"], false);
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2);
    assert!(certs[0]["issuer"]
        .as_str()
        .unwrap()
        .contains("TEST AC IGC-SANTE FORT PERSONNES"));
    assert_eq!(certs[0]["key_bits"], 2048);
    assert_eq!(certs[0]["in_date"], true);

    let first_reads = apdus_with_ins(&card.events(), 0xB0).len();
    let before = card.events().len();
    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v2 = json(&out);
    assert_eq!(v2["certificates_from_cache"], true);
    assert_eq!(v2["national_id"], "899700000017");
    let second: Vec<CardEvent> = card.events()[before..].to_vec();
    let second_reads = apdus_with_ins(&second, 0xB0).len();
    // Only EF.SN.ICC, the first 64 bytes of the authentication certificate (to check the
    // cache is this card's) and the public data objects (ODF, DODF, CPS_INFO_PS: a card's
    // practice data can be updated, so they are not cached) are read: the certificates (about
    // ten 231-byte reads each) come from the cache.
    assert!(
        second_reads <= 2 + DATA_OBJECT_READS,
        "second run read {second_reads} times (first: {first_reads})"
    );
    assert!(
        bytes_read(&second) <= 12 + 64 + DATA_OBJECT_BYTES,
        "second run read {} bytes",
        bytes_read(&second)
    );
    assert!(first_reads > 8, "first run read only {first_reads} times");
    assert_eq!(
        card.pin_tries_left(),
        3,
        "card info must not spend a PIN try"
    );
}

#[test]
fn card_info_text_is_readable() {
    let _card = insert_default();
    let home = Home::new();
    let out = home.dmp().args(["card", "info"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("CAMILLE TESTDOC0000001"), "{s}");
    assert!(s.contains("899700000017"), "{s}");
    assert!(s.contains("3 tries left"), "{s}");
    assert!(s.contains(card_generation().name()), "{s}");
}

#[test]
fn a_different_card_gets_its_own_cache_entry() {
    let home = Home::new();
    {
        let _card = insert_default();
        let out = home
            .dmp()
            .args(["card", "info", "--output", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let other = CardOptions {
        holder: dmp_sandbox::pki::HolderIdentity {
            national_id: "899700000025".into(),
            surname: "TESTPHARMA".into(),
            given_name: "ALEX".into(),
            profession: "Pharmacien".into(),
        },
        ..CardOptions::default()
    };
    let _card = insert(other);
    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["national_id"], "899700000025");
    assert_eq!(v["surname"], "TESTPHARMA");
    assert_eq!(v["certificates_from_cache"], false);
}

/// Hex of the certificate's serial number, as `card info` shows it.
fn cert_serial(der: &[u8]) -> String {
    let (_, cert) = x509_parser::parse_x509_certificate(der).unwrap();
    hex::encode_upper(cert.raw_serial())
}

#[test]
fn a_card_with_the_same_number_from_another_pki_is_not_given_the_cached_certificates() {
    let home = Home::new();
    let card_info = || {
        let out = home
            .dmp()
            .args(["card", "info", "--output", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        json(&out)
    };
    let serials = |v: &serde_json::Value| {
        [0, 1].map(|i| {
            v["certificates"][i]["serial_number"]
                .as_str()
                .unwrap()
                .to_string()
        })
    };
    let number_a;
    {
        let card = insert_default();
        number_a = card.card_number().to_string();
        let v = card_info();
        assert_eq!(v["certificates_from_cache"], false);
        let a = pki().holder(&Default::default()).unwrap();
        assert_eq!(
            serials(&v),
            [cert_serial(&a.auth_cert_der), cert_serial(&a.sign_cert_der)]
        );
    }

    // Card B: same holder, same card number, certificates from another PKI.
    let other_dir = tempfile::tempdir().unwrap();
    let other = dmp_sandbox::pki::Pki::load_or_create(other_dir.path().join("pki")).unwrap();
    let b = other.holder(&Default::default()).unwrap();
    let want = [cert_serial(&b.auth_cert_der), cert_serial(&b.sign_cert_der)];
    let card = lock_slot().insert_from(CardOptions::default(), &other);
    assert_eq!(card.card_number(), number_a);
    let v = card_info();
    assert_eq!(serials(&v), want, "card B was given card A's certificates");
    assert_eq!(v["certificates_from_cache"], false);
    assert_eq!(v["serial"], number_a.as_str());

    // B's certificates replaced A's in the cache: the next run reads none of them.
    let before = card.events().len();
    let v = card_info();
    assert_eq!(v["certificates_from_cache"], true);
    assert_eq!(serials(&v), want);
    let run: Vec<CardEvent> = card.events()[before..].to_vec();
    assert!(apdus_with_ins(&run, 0xB0).len() <= 2 + DATA_OBJECT_READS);
    assert!(
        bytes_read(&run) <= 12 + 64 + DATA_OBJECT_BYTES,
        "read {} bytes",
        bytes_read(&run)
    );
}

#[test]
fn a_cps4_with_a_cps3s_number_and_certificates_does_not_use_its_cached_profile() {
    // The sandbox's CPS3 and CPS4 of one holder share the card number and certificates but
    // not the key references: the CPS3's cached profile would make the CPS4 refuse its MSE.
    let home = Home::with_sandbox();
    let run = |args: &[&str]| {
        let out = home.dmp_card().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        json(&out)
    };
    let info = ["card", "info", "--output", "json"];
    let cps3 = CardOptions {
        generation: Generation::Cps3,
        ..CardOptions::default()
    };
    let number = {
        let card = lock_slot().insert_exactly(cps3, pki());
        assert_eq!(run(&info)["certificates_from_cache"], false);
        card.card_number().to_string()
    };
    let cps4 = CardOptions {
        generation: Generation::Cps4,
        ..CardOptions::default()
    };
    let card = lock_slot().insert_exactly(cps4, pki());
    assert_eq!(card.card_number(), number);
    let v = run(&info);
    assert_eq!(v["generation"], "CPS4");
    assert_eq!(v["certificates_from_cache"], false, "{v}");
    // The entry is now the CPS4's: the next run uses it, and the card signs with its own keys.
    assert_eq!(run(&info)["certificates_from_cache"], true);
    let before = card.signature_count();
    let alice = "280057505600117";
    run(&["patient", "status", "--ins", alice, "--output", "json"]);
    assert!(card.signature_count() > before);
}

#[test]
fn right_pin_verifies_and_reports_tries() {
    let card = insert_default();
    let home = Home::new();
    let out = home
        .dmp()
        .args([
            "card",
            "verify-pin",
            "--pin-env",
            "TEST_PIN",
            "--output",
            "json",
        ])
        .env("TEST_PIN", PIN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["pin_status"], "verified");
    assert_eq!(v["pin_tries_left"], 3);
    assert_eq!(card.pin_tries_left(), 3);
    assert!(!stderr(&out).contains(PIN) && !stdout(&out).contains(PIN));
}

#[test]
fn wrong_pin_spends_exactly_one_try_is_never_retried_and_doctor_reports_it() {
    let card = insert_default();
    let home = Home::new();
    let pin_file = home.path("pin");
    std::fs::write(&pin_file, "9999\n").unwrap();
    let before = card.events().len();
    let out = home
        .dmp()
        .args(["card", "verify-pin", "--pin-file"])
        .arg(&pin_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("wrong PIN: 2 tries left"), "{err}");
    assert!(!err.contains("9999"), "the PIN must not be echoed: {err}");
    assert_eq!(card.pin_tries_left(), 2);
    let verifies_with_data: Vec<_> = apdus_with_ins(&card.events()[before..], 0x20)
        .into_iter()
        .filter(|(lc, _)| *lc > 0)
        .collect();
    assert_eq!(verifies_with_data.len(), 1, "exactly one VERIFY with a PIN");

    // card info and doctor read the counter without spending a try.
    let out = home
        .dmp()
        .args(["card", "info", "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(json(&out)["pin_tries_left"], 2);
    let out = home
        .dmp()
        .args(["doctor", "--output", "json", "--ca-file"])
        .arg(pki().ca_bundle_path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    let v = json(&out);
    let tries = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "pin_tries")
        .unwrap();
    assert_eq!(tries["status"], "warn");
    assert!(
        tries["detail"]
            .as_str()
            .unwrap()
            .starts_with("2 tries left"),
        "{tries}"
    );
    assert_eq!(card.pin_tries_left(), 2);

    // A right PIN resets the counter.
    let out = home
        .dmp()
        .args(["card", "verify-pin", "--pin-stdin"])
        .write_stdin(format!("{PIN}\n"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(card.pin_tries_left(), 3);
}

#[test]
fn last_try_is_refused_without_a_person_at_a_terminal() {
    let card = insert(CardOptions {
        max_tries: 2,
        ..CardOptions::default()
    });
    let home = Home::new();
    let out = home
        .dmp()
        .args(["card", "verify-pin", "--pin-env", "P"])
        .env("P", "0000")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(card.pin_tries_left(), 1);

    let before = card.events().len();
    let out = home
        .dmp()
        .args(["card", "verify-pin", "--pin-env", "P"])
        .env("P", PIN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("only one PIN try is left"),
        "{}",
        stderr(&out)
    );
    assert_eq!(card.pin_tries_left(), 1, "the last try must not be spent");
    assert!(
        apdus_with_ins(&card.events()[before..], 0x20)
            .iter()
            .all(|(lc, _)| *lc == 0),
        "no VERIFY with a PIN may be sent"
    );
}

#[test]
fn blocked_pin_is_reported_and_never_tried() {
    let card = insert(CardOptions {
        max_tries: 1,
        ..CardOptions::default()
    });
    // One wrong PIN at the card level (as another program would do) blocks it.
    let session = dmp::credential::card::CardSession::connect(Some(READER), None).unwrap();
    let wrong = dmp::credential::card::Pin::new("0000").unwrap();
    let e = session.verify_pin(&wrong).unwrap_err();
    assert_eq!(e.kind(), dmp::ErrorKind::Pin);
    drop(session);
    assert_eq!(card.pin_tries_left(), 0);

    let home = Home::new();
    let before = card.events().len();
    let out = home
        .dmp()
        .args(["card", "verify-pin", "--pin-env", "P"])
        .env("P", PIN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).contains("blocked"), "{}", stderr(&out));
    assert!(apdus_with_ins(&card.events()[before..], 0x20)
        .iter()
        .all(|(lc, _)| *lc == 0));

    let out = home
        .dmp()
        .args(["doctor", "--ca-file"])
        .arg(pki().ca_bundle_path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("[FAIL] PIN not blocked"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn doctor_passes_every_check_with_the_virtual_card() {
    let card = insert_default();
    let home = Home::new();
    let out = home
        .dmp()
        .args(["doctor", "--ca-file"])
        .arg(pki().ca_bundle_path())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}\n{}", stderr(&out));
    let known = format!("card known by its ATR: {}", card_generation().name());
    for title in [
        "smart-card service (pcscd) reachable",
        "card reader found",
        "card present",
        known.as_str(),
        "CPS application selectable",
        "certificates readable",
        "certificates in date",
        "certificates chain to a trust anchor",
        "PIN not blocked",
        "PIN tries left: 3 tries left",
    ] {
        assert!(
            text.contains(&format!("[ok  ] {title}")),
            "missing ok {title}:\n{text}"
        );
    }
    assert_eq!(card.pin_tries_left(), 3);
}

#[test]
fn doctor_without_trust_anchor_fails_with_the_fix() {
    let _card = insert_default();
    let home = Home::new();
    let out = home
        .dmp()
        .args(["doctor", "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11));
    let v = json(&out);
    assert_eq!(v["passed"], false);
    let chain = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "certificate_chain")
        .unwrap();
    assert_eq!(chain["status"], "fail");
    assert!(chain["fix"].as_str().unwrap().contains("--ca-file"));
}

#[test]
fn doctor_rejects_a_chain_to_another_root() {
    let _card = insert_default();
    let home = Home::new();
    let other = Home::new();
    let other_pki = dmp_sandbox::pki::Pki::load_or_create(other.path("pki")).unwrap();
    let out = home
        .dmp()
        .args(["doctor", "--output", "json", "--ca-file"])
        .arg(other_pki.ca_bundle_path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11));
    let v = json(&out);
    let chain = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "certificate_chain")
        .unwrap();
    assert_eq!(chain["status"], "fail", "{chain}");
}

#[test]
fn readers_lists_the_virtual_reader_with_the_cps3_atr() {
    let _card = insert_default();
    let home = Home::new();
    let out = home
        .dmp()
        .args(["readers", "--output", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let r = v["readers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == READER)
        .unwrap()
        .clone();
    assert_eq!(r["card_present"], true);
    // The ATRs of cps-card.md §1.
    let (generation, atr) = match card_generation() {
        Generation::Cps3 => ("CPS3", "3B AC 00 40 2A 00 12 25 00 64 80 00 03 10 00 90 00"),
        Generation::Cps4 => ("CPS4", "3B 9B 18 80 01 00 12 25 00 64 80 04 01 00 00 90 44"),
    };
    assert_eq!(r["generation"], generation);
    assert_eq!(r["atr"], atr);
    // The reader is asked for its PC/SC part 10 features: vpcd has no PIN pad (and says so,
    // rather than "could not ask").
    assert_eq!(r["pin_pad"], false);
}

#[test]
fn a_card_pulled_out_during_a_command_gives_a_clear_error() {
    let card = insert(CardOptions {
        apdu_latency: Duration::from_millis(100),
        ..CardOptions::default()
    });
    let home = Home::new();
    let before = card.events().len();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dmp"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env("XDG_CONFIG_HOME", home.path("config"))
        .args(["--reader", READER, "card", "info", "--no-cache"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Reading both certificates takes about twenty READ BINARYs at 100 ms each: pull the card
    // out once the second one is answered, in the middle.
    wait_until("the command reads the certificates", || {
        apdus_with_ins(&card.events()[before..], 0xB0).len() >= 2
    });
    card.remove();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("removed"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn no_pcscd_gives_the_install_hint() {
    let home = Home::new();
    let out = home
        .dmp()
        .env("PCSCLITE_CSOCK_NAME", home.path("no-pcscd.comm"))
        .args(["readers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("pcscd"), "{err}");
    assert!(err.contains("apt install pcscd"), "{err}");
}

#[test]
fn both_card_signatures_verify_with_openssl() {
    let _card = insert_default();
    let session = dmp::credential::card::CardSession::connect(Some(READER), None).unwrap();
    let certs = session.certificates(None).unwrap();
    session
        .verify_pin(&dmp::credential::card::Pin::new(PIN).unwrap())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let write_pem = |name: &str, der: &[u8]| {
        let der_path = dir.path().join(format!("{name}.der"));
        std::fs::write(&der_path, der).unwrap();
        let pem = dir.path().join(format!("{name}.pem"));
        let st = std::process::Command::new("openssl")
            .args(["x509", "-inform", "DER", "-in"])
            .arg(&der_path)
            .arg("-out")
            .arg(&pem)
            .status()
            .unwrap();
        assert!(st.success());
        let key = dir.path().join(format!("{name}-pub.pem"));
        let st = std::process::Command::new("openssl")
            .args(["x509", "-pubkey", "-noout", "-in"])
            .arg(&pem)
            .arg("-out")
            .arg(&key)
            .status()
            .unwrap();
        assert!(st.success());
        key
    };
    let auth_key = write_pem("auth", &certs.auth_der);
    let sign_key = write_pem("sign", &certs.sign_der);

    let message = b"TLS 1.2 handshake transcript stand-in, any length at all".repeat(5);
    let verify_msg =
        |message: &[u8], key: &std::path::Path, sig: &[u8], digest: &str, tamper: bool| {
            let msg_path = dir.path().join("msg");
            let mut m = message.to_vec();
            if tamper && m.is_empty() {
                m.push(0);
            }
            if tamper {
                m[0] ^= 1;
            }
            std::fs::write(&msg_path, &m).unwrap();
            let sig_path = dir.path().join("sig");
            std::fs::write(&sig_path, sig).unwrap();
            std::process::Command::new("openssl")
                .args(["dgst", digest, "-verify"])
                .arg(key)
                .arg("-signature")
                .arg(&sig_path)
                .arg(&msg_path)
                .output()
                .unwrap()
                .status
                .success()
        };
    let verify = |key: &std::path::Path, sig: &[u8], digest: &str, tamper: bool| {
        verify_msg(&message, key, sig, digest, tamper)
    };

    use sha2::Digest;
    for (alg, name) in [
        (dmp::credential::card::HashAlg::Sha256, "-sha256"),
        (dmp::credential::card::HashAlg::Sha384, "-sha384"),
        (dmp::credential::card::HashAlg::Sha512, "-sha512"),
    ] {
        let digest = match alg {
            dmp::credential::card::HashAlg::Sha256 => sha2::Sha256::digest(&message).to_vec(),
            dmp::credential::card::HashAlg::Sha384 => sha2::Sha384::digest(&message).to_vec(),
            _ => sha2::Sha512::digest(&message).to_vec(),
        };
        let sig = session.sign_authentication(alg, &digest).unwrap();
        assert_eq!(sig.len(), 256);
        assert!(
            verify(&auth_key, &sig, name, false),
            "auth signature {name} must verify"
        );
        assert!(
            !verify(&auth_key, &sig, name, true),
            "a tampered message must not verify"
        );
        assert!(
            !verify(&sign_key, &sig, name, false),
            "not with the other key"
        );
    }
    // The host hashes whole blocks and the card the last one: every boundary case.
    for len in [0usize, 63, 64, 65, 200] {
        let m: Vec<u8> = (0..len).map(|i| i as u8).collect();
        let sig = session.sign_non_repudiation(&m).unwrap();
        assert!(
            verify_msg(&m, &sign_key, &sig, "-sha256", false),
            "length {len} must verify"
        );
        assert!(
            !verify_msg(&m, &sign_key, &sig, "-sha256", true),
            "length {len} tampered"
        );
    }
    let sig = session.sign_non_repudiation(&message).unwrap();
    assert!(
        verify(&sign_key, &sig, "-sha256", false),
        "non-repudiation signature must verify"
    );
    assert!(!verify(&sign_key, &sig, "-sha256", true));
    assert!(!verify(&auth_key, &sig, "-sha256", false));
}

#[test]
fn no_card_is_a_clear_error_and_wait_waits_for_one() {
    // The slot is held, empty, for the whole test: another test's card must not show up.
    let slot = lock_slot();
    wait_for_presence(false);
    let home = Home::new();
    let out = home.dmp().args(["card", "info"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("no card"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--wait"), "{}", stderr(&out));

    // `--wait`: the card goes in once the command says (-v) it is waiting for one.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dmp"))
        .env("XDG_CACHE_HOME", home.path("cache"))
        .env("XDG_CONFIG_HOME", home.path("config"))
        .env_remove("DMP_LOG")
        .args([
            "-v", "--reader", READER, "--output", "json", "card", "info", "--wait", "120",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (lines, err) = read_lines(child.stderr.take().unwrap());
    wait_for_line(&lines, "waiting for a card");
    let _card = slot.insert(CardOptions::default());
    let out = child.wait_with_output().unwrap();
    let err = err.join().unwrap();
    assert!(out.status.success(), "{err}");
    assert_eq!(json(&out)["generation"], card_generation().name());
}
