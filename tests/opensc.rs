//! OpenSC, an implementation that is not ours, talks to the virtual card through pcscd: the
//! ATR and the APDUs of the public CPS3 traces get the documented answers, and OpenSC's own
//! tools (its CPx driver was written against real cards) read the card as a real one:
//! `pkcs15-tool` lists the certificates and keys, `pkcs11-tool` logs in and signs.

mod support;

use support::*;

fn opensc(args: &[&str]) -> String {
    let out = std::process::Command::new("opensc-tool")
        .args(args)
        .output()
        .expect("opensc-tool (Debian package opensc) must be installed: run scripts/test.sh");
    assert!(
        out.status.success(),
        "opensc-tool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_lowercase()
}

fn reader_index() -> String {
    let list = opensc(&["--list-readers"]);
    let line = list
        .lines()
        .find(|l| l.contains(&READER.to_lowercase()))
        .unwrap_or_else(|| panic!("{READER} not listed by opensc-tool:\n{list}"));
    line.split_whitespace().next().unwrap().to_string()
}

#[test]
fn opensc_reads_the_cps3_contact_atr() {
    let _card = insert_cps3_for_opensc();
    let idx = reader_index();
    let out = opensc(&["--reader", &idx, "--atr"]);
    assert!(
        out.contains("3b:ac:00:40:2a:00:12:25:00:64:80:00:03:10:00:90:00"),
        "{out}"
    );
}

#[test]
fn opensc_apdus_of_the_public_traces_get_the_documented_answers() {
    let card = insert_cps3_for_opensc();
    let idx = reader_index();
    let out = opensc(&[
        "--reader",
        &idx,
        "-c",
        "default",
        "-s",
        "00:A4:09:04:04:3F:00:D0:03",
        "-s",
        "00:C0:00:00:27",
        "-s",
        "00:B0:00:00:0C",
        "-s",
        "00:A4:04:0C:0D:E8:28:BD:08:0F:80:25:00:00:01:FF:00:10",
        "-s",
        "00:A4:00:0C:02:3F:00",
        "-s",
        "00:20:00:01",
        "-s",
        "00:CB:3F:FF:0A:4D:08:70:06:BF:81:01:02:A0:80",
        "-s",
        "00:C0:00:00:18",
    ]);
    let answers: Vec<&str> = out.lines().filter(|l| l.starts_with("received")).collect();
    // Response data lines: up to 16 hex bytes, then an ASCII column.
    let data: Vec<String> = out
        .lines()
        .filter(|l| !l.starts_with("received") && !l.starts_with("sending"))
        .flat_map(|l| {
            l.chars()
                .take(48)
                .collect::<String>()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let data = data.join(" ");
    assert_eq!(answers.len(), 8, "{out}");
    // SELECT EF.SN.ICC with FCP answers 61 27 (libopensc shows a 61xx without Le as 90 00),
    // then GET RESPONSE 27 returns exactly the FCP of the real card's trace.
    assert!(
        data.contains("62 25 80 02 00 0c 82 01 01 83 02 d0 03 88 01 e0 a1 12 8c 07 7b ff ff ff ff ff 00 9c 07 7b ff ff ff ff ff 00 8a 01 05"),
        "{out}"
    );
    // EF.SN.ICC starts with the ANS issuer prefix.
    assert!(data.contains("5a 0a 80 25 00 00 01"), "{out}");
    assert!(answers[3].contains("sw1=0x90, sw2=0x00"), "{}", answers[3]);
    // PIN status spends no try: 63 C3.
    assert!(answers[5].contains("sw1=0x63, sw2=0xc3"), "{}", answers[5]);
    // The CHV SDO of the trace, with its counters (9A max 3, 9B left 3), comes with
    // GET RESPONSE 18.
    assert!(
        data.contains("70 16 bf 81 01 12 a0 10 9a 01 03 9b 01 03 a1 08 8c 06 f3 00 00 13 ff 00"),
        "{out}"
    );
    assert_eq!(card.pin_tries_left(), 3);
}

/// An OpenSC tool run against the virtual card's reader; stdout, or a panic with stderr.
fn tool(program: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} (Debian package opensc) must be installed: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The blocks `pkcs15-tool` prints, one per object: its header line, then `Field : value`.
fn objects(
    listing: &str,
    header: &str,
) -> Vec<(String, std::collections::HashMap<String, String>)> {
    let mut objects = Vec::new();
    for block in listing.split("\n\n") {
        let mut lines = block.lines().skip_while(|l| !l.starts_with(header));
        let Some(first) = lines.next() else { continue };
        let label = first[header.len()..]
            .trim()
            .trim_matches(['[', ']'])
            .to_string();
        let fields = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        objects.push((label, fields));
    }
    objects
}

// Labels and iDs from the reference notes on the CPS3 (PKCS#15 objects of a real card): iD =
// the IAS AID E828BD080F8025000001FF0010 followed by 01 (signature) or 02 (authentication).
const ID_SIGN: &str = "e828bd080f8025000001ff001001";
const ID_AUTH: &str = "e828bd080f8025000001ff001002";

#[test]
fn pkcs15_tool_lists_both_certificates_with_the_real_labels_and_ids() {
    let _card = insert_cps3_for_opensc();
    let idx = reader_index();
    let out = tool("pkcs15-tool", &["--reader", &idx, "--list-certificates"]);
    let certs = objects(&out, "X.509 Certificate");
    let found: Vec<(&str, &str)> = certs
        .iter()
        .map(|(label, f)| (label.as_str(), f["ID"].as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("Certificat d'Authentification CPS", ID_AUTH),
            ("Certificat de Signature CPS", ID_SIGN)
        ],
        "{out}"
    );
}

#[test]
fn pkcs15_tool_lists_both_keys_with_the_real_labels_ids_and_references() {
    let _card = insert_cps3_for_opensc();
    let idx = reader_index();
    let out = tool("pkcs15-tool", &["--reader", &idx, "--list-keys"]);
    let keys = objects(&out, "Private RSA Key");
    let found: Vec<(&str, &str, &str, &str, &str)> = keys
        .iter()
        .map(|(label, f)| {
            (
                label.as_str(),
                f["ID"].as_str(),
                f["Key ref"].as_str(),
                f["Usage"].as_str(),
                f["ModLength"].as_str(),
            )
        })
        .collect();
    // The real card's listing (OpenSC commit 137286858): the authentication key 0x82 signs
    // and decrypts, the signature key 0x81 is for non-repudiation; both RSA-2048.
    assert_eq!(
        found,
        [
            (
                "CPS_PRIV_AUT",
                ID_AUTH,
                "130 (0x82)",
                "[0x06], decrypt, sign",
                "2048"
            ),
            (
                "CPS_PRIV_SIG",
                ID_SIGN,
                "129 (0x81)",
                "[0x200], nonRepudiation",
                "2048"
            ),
        ],
        "{out}"
    );
    assert!(keys.iter().all(|(_, f)| f["Auth ID"] == "01"), "{out}");
}

#[test]
fn pkcs15_tool_reads_the_data_objects_through_the_dodf_the_activities_after_the_pin() {
    let _card = insert_cps3_for_opensc();
    let idx = reader_index();
    // OpenSC walks the ODF to the DODF by itself: the labels the ANS Cryptolib expects, the
    // activity behind the PIN (authId 01), the specialty at the end of CPS_INFO_PS.
    let out = tool("pkcs15-tool", &["--reader", &idx, "--list-data-objects"]);
    let objects = objects(&out, "Data object");
    let labels: Vec<&str> = objects.iter().map(|(l, _)| l.trim_matches('\'')).collect();
    assert_eq!(labels, ["CPS_INFO_PS", "CPS_ACTIVITY_01_PS"], "{out}");
    assert_eq!(
        objects[1].1.get("Auth ID").map(String::as_str),
        Some("01"),
        "{out}"
    );
    assert!(!objects[0].1.contains_key("Auth ID"), "{out}");
    let info = tool(
        "pkcs15-tool",
        &["--reader", &idx, "--read-data-object", "CPS_INFO_PS"],
    );
    // ... 84 04 "SM26" >
    assert!(info.trim_end().ends_with("84 04 53 4D 32 36 >"), "{info}");
    let activity = tool(
        "pkcs15-tool",
        &[
            "--reader",
            &idx,
            "--read-data-object",
            "CPS_ACTIVITY_01_PS",
            "--verify-pin",
            "--auth-id",
            "01",
            "--pin",
            PIN,
        ],
    );
    // EE { 84 "CABINET TESTDOC0000001", 85 "499700000017001", 86 "SA07" }
    let hex: String = "499700000017001"
        .bytes()
        .map(|b| format!("{b:02X} "))
        .collect();
    assert!(
        activity.contains(&format!("85 0F {hex}86 04 53 41 30 37 >")),
        "{activity}"
    );
}

const OPENSC_PKCS11: &str = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

/// The slot of the virtual reader as `pkcs11-tool -L` numbers it.
fn pkcs11_slot_index() -> String {
    let list = tool("pkcs11-tool", &["--module", OPENSC_PKCS11, "-L"]);
    let slots: Vec<&str> = list.lines().filter(|l| l.starts_with("Slot ")).collect();
    let idx = slots
        .iter()
        .position(|l| l.contains(READER))
        .unwrap_or_else(|| panic!("{READER} not among the PKCS#11 slots:\n{list}"));
    idx.to_string()
}

// The sandbox card's test PIN goes on pkcs11-tool's command line: the tool has no other
// non-interactive way to take it, and it protects nothing outside the test.
#[test]
fn pkcs11_tool_signs_with_the_authentication_key_and_openssl_verifies() {
    let card = insert_cps3_for_opensc();
    let slot = pkcs11_slot_index();
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let message = b"TLS 1.2 client certificate verify stand-in";
    std::fs::write(p("msg"), message).unwrap();
    // CKM_RSA_PKCS signs what it is given: DigestInfo(SHA-256) of the message, the way TLS
    // 1.2 uses the authentication key.
    let digest_info = [
        &[
            0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ][..],
        &<sha2::Sha256 as sha2::Digest>::digest(message),
    ]
    .concat();
    std::fs::write(p("msg.di"), digest_info).unwrap();
    let base = ["--module", OPENSC_PKCS11, "--slot-index", &slot];
    let sign = [
        "--login", "--pin", PIN, "--sign", "-m", "RSA-PKCS", "--id", ID_AUTH, "-i",
    ];
    let signed_before = card.signature_count();
    tool(
        "pkcs11-tool",
        &[&base[..], &sign, &[&p("msg.di"), "-o", &p("sig")]].concat(),
    );
    assert_eq!(card.signature_count(), signed_before + 1);
    tool(
        "pkcs11-tool",
        &[
            &base[..],
            &[
                "--read-object",
                "--type",
                "cert",
                "--id",
                ID_AUTH,
                "-o",
                &p("cert.der"),
            ],
        ]
        .concat(),
    );
    let openssl = |args: &[&str]| {
        std::process::Command::new("openssl")
            .args(args)
            .output()
            .expect("openssl")
    };
    let out = openssl(&[
        "x509",
        "-inform",
        "DER",
        "-in",
        &p("cert.der"),
        "-pubkey",
        "-noout",
        "-out",
        &p("pub.pem"),
    ]);
    assert!(out.status.success(), "{out:?}");
    let verify = |msg: &str| {
        openssl(&[
            "dgst",
            "-sha256",
            "-verify",
            &p("pub.pem"),
            "-signature",
            &p("sig"),
            msg,
        ])
        .status
        .success()
    };
    assert!(verify(&p("msg")));
    std::fs::write(p("other"), b"another message").unwrap();
    assert!(!verify(&p("other")));
    assert_eq!(card.pin_tries_left(), 3);
}

#[test]
fn a_wrong_pin_through_opensc_costs_exactly_one_try() {
    let card = insert_cps3_for_opensc();
    let slot = pkcs11_slot_index();
    let out = std::process::Command::new("pkcs11-tool")
        .args(["--module", OPENSC_PKCS11, "--slot-index", &slot])
        .args(["--login", "--pin", "9999", "-O"])
        .output()
        .expect("pkcs11-tool");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("CKR_PIN_INCORRECT"),
        "{out:?}"
    );
    assert_eq!(card.pin_tries_left(), 2);
}
