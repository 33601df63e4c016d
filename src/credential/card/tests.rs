//! Session-level tests over the scripted mock: the APDU sequences of CARD.md's virtual CPS3,
//! byte for byte, below the transport.

use super::pkcs15::testdata;
use super::tlv::encode;
use super::transport::ScriptedTransport;
use super::*;
use crate::credential::identity::testcert;
use crate::ErrorKind;

const CPS3_ATR: &[u8] = &[
    0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90,
    0x00,
];
const EF_SN: &[u8] = &[
    0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x17, 0x4F,
];

fn h(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

/// Adds SELECT (P1=09, P2=04, FCP through 61xx) and the chunked READ BINARY of `content`.
fn file(t: ScriptedTransport, path: &[u8], content: &[u8]) -> ScriptedTransport {
    let fid = &path[path.len() - 2..];
    let fcp = encode(
        0x62,
        &[
            encode(0x80, &(content.len() as u16).to_be_bytes()),
            encode(0x82, &[0x01]),
            encode(0x83, fid),
            encode(0x8A, &[0x05]),
        ]
        .concat(),
    );
    let mut t = t
        .expect(
            &format!("00A40904{:02X}{}", path.len(), h(path)),
            &format!("61{:02X}", fcp.len()),
        )
        .expect(
            &format!("00C00000{:02X}", fcp.len()),
            &format!("{}9000", h(&fcp)),
        );
    let mut off = 0;
    while off < content.len() {
        let n = (content.len() - off).min(0xE7);
        t = t.expect(
            &format!("00B0{:04X}{:02X}", off, n),
            &format!("{}9000", h(&content[off..off + n])),
        );
        off += n;
    }
    t
}

fn auth_cert() -> Vec<u8> {
    testcert::cps_certificate("899700000017", "TESTDOC0000001", "CAMILLE", 1)
}
fn sign_cert() -> Vec<u8> {
    testcert::cps_certificate("899700000017", "TESTDOC0000001", "CAMILLE", 2)
}

fn serial_script(t: ScriptedTransport) -> ScriptedTransport {
    file(t, &[0x3F, 0x00, 0xD0, 0x03], EF_SN)
}

fn discover_script(t: ScriptedTransport, needs_padding: bool) -> ScriptedTransport {
    let t = file(t, &[0x3F, 0x00, 0x2F, 0x00], &testdata::ef_dir());
    let t = file(
        t,
        &[0x3F, 0x00, 0x00, 0x01, 0x50, 0x31],
        &testdata::odf(
            &[0x40, 0x01],
            &[0x3F, 0x00, 0x00, 0x01, 0x40, 0x02],
            &[0x40, 0x03],
        ),
    );
    let t = file(t, &[0x3F, 0x00, 0x00, 0x01, 0x40, 0x01], &testdata::prkdf());
    let t = file(
        t,
        &[0x3F, 0x00, 0x00, 0x01, 0x40, 0x02],
        &testdata::cdf(&[0xC0, 0x01], &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x02]),
    );
    file(
        t,
        &[0x3F, 0x00, 0x00, 0x01, 0x40, 0x03],
        &testdata::aodf(needs_padding),
    )
}

fn certs_script(t: ScriptedTransport) -> ScriptedTransport {
    // The first certificate file is padded after the DER.
    let mut padded = auth_cert();
    padded.extend([0xFF; 40]);
    let t = file(t, &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x01], &padded);
    file(t, &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x02], &sign_cert())
}

fn session(t: &ScriptedTransport) -> CardSession {
    CardSession::with_device(Box::new(t.clone()), "Virtual PCD 00 00", CPS3_ATR.to_vec())
}

/// A session whose profile is already read (serial + PKCS#15 walk).
fn ready(
    needs_padding: bool,
    then: impl FnOnce(ScriptedTransport) -> ScriptedTransport,
) -> (CardSession, ScriptedTransport) {
    let t = then(discover_script(ScriptedTransport::new(), needs_padding));
    let s = session(&t);
    s.profile().unwrap();
    (s, t)
}

#[test]
fn reads_certificates_then_uses_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CertCache::new(dir.path());

    let t = certs_script(discover_script(
        serial_script(ScriptedTransport::new()),
        false,
    ));
    let s = session(&t);
    assert_eq!(s.generation(), Generation::Cps3);
    assert_eq!(s.reader_name(), "Virtual PCD 00 00");
    let certs = s.certificates(Some(&cache)).unwrap();
    assert!(!certs.from_cache);
    assert_eq!(certs.auth_der, auth_cert());
    assert_eq!(certs.sign_der, sign_cert());
    assert_eq!(s.serial().unwrap(), "00000017");
    assert_eq!(t.remaining(), 0);
    let id = certs.identity().unwrap();
    assert_eq!(id.national_id.as_str(), "899700000017");
    assert_eq!(id.profession.as_deref(), Some("Médecin"));
    let profile = s.profile().unwrap();
    assert_eq!(profile.auth_key.reference, 0x82);
    assert_eq!(profile.sign_key.reference, 0x81);
    assert_eq!(profile.pin.reference, 0x01);
    assert!(dir.path().join("00000017").join("card.json").exists());

    // A second command: only the serial and the start of the authentication certificate are
    // read, and the PIN status uses the cached profile.
    let t = check_script(serial_script(ScriptedTransport::new()), &auth_cert())
        .expect("00A4090C023F00", "9000")
        .expect("00200001", "63C3");
    let s = session(&t);
    let certs = s.certificates(Some(&cache)).unwrap();
    assert!(certs.from_cache);
    assert_eq!(certs.auth_der, auth_cert());
    assert_eq!(s.pin_status().unwrap(), PinStatus::TriesLeft(3));
    assert_eq!(t.remaining(), 0);
}

/// The check of a cache entry: SELECT of the authentication certificate's EF without FCP,
/// then one READ BINARY of 64 bytes, answered with the start of `card_cert`.
fn check_script(t: ScriptedTransport, card_cert: &[u8]) -> ScriptedTransport {
    t.expect("00A4090C063F000001C001", "9000")
        .expect("00B0000040", &format!("{}9000", h(&card_cert[..64])))
}

#[test]
fn a_cache_entry_of_another_card_with_the_same_serial_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CertCache::new(dir.path());
    let t = certs_script(discover_script(
        serial_script(ScriptedTransport::new()),
        false,
    ));
    session(&t).certificates(Some(&cache)).unwrap();

    // Another card with the same serial: its authentication certificate (another serial
    // number) differs in the first 64 bytes, so the directory and both certificates are read.
    let other_auth = testcert::cps_certificate("899700000017", "TESTDOC0000001", "CAMILLE", 7);
    assert_ne!(other_auth[..64], auth_cert()[..64]);
    let mut t = check_script(serial_script(ScriptedTransport::new()), &other_auth);
    t = discover_script(t, false);
    t = file(t, &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x01], &other_auth);
    t = file(t, &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x02], &sign_cert());
    let certs = session(&t).certificates(Some(&cache)).unwrap();
    assert!(!certs.from_cache);
    assert_eq!(certs.auth_der, other_auth);
    assert_eq!(t.remaining(), 0);
    // The entry now holds that card's certificate.
    assert_eq!(cache.load("00000017").unwrap().auth_der, other_auth);

    // A card that refuses the check read is not trusted either.
    let mut t = serial_script(ScriptedTransport::new()).expect("00A4090C063F000001C001", "6A82");
    t = certs_script(discover_script(t, false));
    let certs = session(&t).certificates(Some(&cache)).unwrap();
    assert!(!certs.from_cache);
    assert_eq!(certs.auth_der, auth_cert());
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_corrupt_or_foreign_cache_entry_is_ignored_and_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let cache = CertCache::new(dir.path());
    let entry_dir = dir.path().join("00000017");
    std::fs::create_dir_all(&entry_dir).unwrap();
    std::fs::write(entry_dir.join("card.json"), b"{not json").unwrap();

    let t = certs_script(discover_script(
        serial_script(ScriptedTransport::new()),
        false,
    ));
    let certs = session(&t).certificates(Some(&cache)).unwrap();
    assert!(!certs.from_cache);
    assert_eq!(t.remaining(), 0);
    assert!(cache.load("00000017").is_some());

    // Tampered certificate: hash mismatch, ignored.
    std::fs::write(entry_dir.join("auth.der"), sign_cert()).unwrap();
    assert!(cache.load("00000017").is_none());

    // Another card's serial never gets this entry.
    assert!(cache.load("00000018").is_none());
    assert!(cache.load("../x").is_none());
}

#[test]
fn pin_status_spends_no_try() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00200001", "63C2")
            .expect("00A4090C023F00", "9000")
            .expect("00200001", "6983")
            .expect("00A4090C023F00", "9000")
            .expect("00200001", "9000")
    });
    assert_eq!(s.pin_status().unwrap(), PinStatus::TriesLeft(2));
    assert_eq!(s.pin_status().unwrap(), PinStatus::Blocked);
    assert_eq!(s.pin_status().unwrap(), PinStatus::Verified);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn pin_counters_by_get_data() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00CB3FFF0A4D087006BF8101 02A080", "6118")
            .expect(
                "00C0000018",
                "7016BF810112A0109A01039B0102A1088C06F30000 13FF00 9000",
            )
            .expect("00A4090C023F00", "9000")
            .expect("00CB3FFF0A4D087006BF8101 02A080", "6A88")
    });
    assert_eq!(
        s.pin_counters().unwrap(),
        Some(PinCounters { max: 3, left: 2 })
    );
    assert_eq!(s.pin_tries().unwrap(), None);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_wrong_pin_is_reported_and_not_retried() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("002000010431323334", "63C2")
    });
    let err = s.verify_pin(&Pin::new("1234").unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert_eq!(err.message(), "wrong PIN: 2 tries left");
    assert!(!err.message().contains("1234"));
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_blocked_pin_is_reported() {
    let (s, _t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("002000010431323334", "6983")
    });
    let err = s.verify_pin(&Pin::new("1234").unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert_eq!(err.message(), "the card's PIN is blocked");
}

#[test]
fn the_pin_is_padded_only_when_the_aodf_says_so() {
    let (s, t) = ready(true, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00200001083132333435FFFFFF", "9000")
    });
    s.verify_pin(&Pin::new("12345").unwrap()).unwrap();
    assert_eq!(t.remaining(), 0);

    // The card's lengths are checked before anything is sent.
    let (s, t) = ready(false, |t| t);
    let err = s.verify_pin(&Pin::new("123456789").unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Input);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn the_last_try_needs_a_person() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00200001", "63C1")
    });
    let err = s
        .verify_pin_checked(&Pin::new("1234").unwrap(), false)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert_eq!(t.remaining(), 0, "no VERIFY with data was sent");

    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00200001", "63C1")
            .expect("00A4090C023F00", "9000")
            .expect("002000010431323334", "9000")
    });
    s.verify_pin_checked(&Pin::new("1234").unwrap(), true)
        .unwrap();
    assert_eq!(t.remaining(), 0);
}

#[test]
fn authentication_signature() {
    let digest = digest::sha256(b"handshake transcript");
    let di = HashAlg::Sha256.digest_info(&digest).unwrap();
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C043F000001", "9000")
            .expect("002241A406800102840182", "9000")
            .expect(&format!("00880000{:02X}{}00", di.len(), h(&di)), "6100")
            .expect("00C00000E7", &format!("{}6119", "AB".repeat(0xE7)))
            .expect("00C0000019", &format!("{}9000", "CD".repeat(0x19)))
    });
    let sig = s.sign_authentication(HashAlg::Sha256, &digest).unwrap();
    assert_eq!(sig.len(), 256);
    assert_eq!(t.remaining(), 0);
    assert!(!s.supports_pss());
}

#[test]
fn signing_without_the_pin_says_so() {
    let digest = [0u8; 48];
    let (s, _t) = ready(false, |t| {
        t.expect("00A4090C043F000001", "9000")
            .expect("002241A406800102840182", "9000")
            .expect(
                &format!(
                    "0088000043{}00",
                    h(&HashAlg::Sha384.digest_info(&digest).unwrap())
                ),
                "6982",
            )
    });
    let err = s.sign_authentication(HashAlg::Sha384, &digest).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert_eq!(err.message(), "the PIN is not verified on the card");
    assert!(s.sign_authentication(HashAlg::Sha256, &[0; 10]).is_err());
}

#[test]
fn non_repudiation_signature() {
    let message: Vec<u8> = (0..200u32).map(|i| i as u8).collect();
    let hash_input = digest::pso_hash_input(&message);
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C043F000001", "9000")
            .expect("002241AA03800140", "9000")
            .expect(
                &format!("002A90A0{:02X}{}", hash_input.len(), h(&hash_input)),
                "9000",
            )
            .expect("002241B606800142840181", "9000")
            .expect("002A9E9A00", "6100")
            .expect("00C00000E7", &format!("{}6119", "11".repeat(0xE7)))
            .expect("00C0000019", &format!("{}9000", "22".repeat(0x19)))
    });
    let sig = s.sign_non_repudiation(&message).unwrap();
    assert_eq!(sig.len(), 256);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn other_generations_fail_clearly_without_talking_to_the_card() {
    // A CPS3 on a contactless reader: its pseudo-ATR (cps-card.md §1, the Cryptolib's masked
    // entry). Nothing is sent: the contactless interface has no PIN and no signature.
    let contactless = vec![
        0x3B, 0x8F, 0x80, 0x01, 0x00, 0x31, 0xB8, 0x64, 0x04, 0xB0, 0xEC, 0xC1, 0x73, 0x94, 0x01,
        0x80, 0x82, 0x90, 0x00, 0x0E,
    ];
    let t = ScriptedTransport::new();
    let s = CardSession::with_device(Box::new(t.clone()), "R", contactless);
    assert_eq!(s.generation(), Generation::Cps3Contactless);
    for err in [
        s.certificates(None).unwrap_err(),
        s.pin_status().unwrap_err(),
        s.sign_authentication(HashAlg::Sha256, &[0; 32])
            .unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Card);
        assert!(err.message().contains("contactless"), "{}", err.message());
        assert!(
            err.hint().unwrap_or_default().contains("contact reader"),
            "{:?}",
            err.hint()
        );
    }

    let s = CardSession::with_device(Box::new(t.clone()), "R", vec![0x3B, 0x02, 0x14, 0x50]);
    assert_eq!(s.generation(), Generation::Unknown);
    let err = s.serial().unwrap_err();
    assert!(
        err.message().contains("not a CPS card"),
        "{}",
        err.message()
    );
    assert!(err.message().contains("3B 02 14 50"));
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_card_without_ans_serial_is_refused() {
    let t = ScriptedTransport::new().expect("00A4090404 3F00D003", "6A82");
    let s = session(&t);
    let err = s.serial().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Card);
    assert!(err.message().contains("not a CPS card issued by the ANS"));
}

#[test]
fn status_words_become_plain_errors() {
    let t = ScriptedTransport::new()
        .expect("00A4090404 3F002F00", "6A82")
        .expect("00A4040C0D E828BD080F8025000001FF0010", "9000")
        .expect("00A4090402 5031", "6A82");
    let err = session(&t).profile().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Card);
    assert_eq!(err.message(), "the card has no file 5031");
    assert!(err.hint().is_some());
    assert_eq!(t.remaining(), 0);
}

#[test]
fn session_is_send_and_sync() {
    fn check<T: Send + Sync + Clone>() {}
    check::<CardSession>();
}

#[test]
fn a_session_that_verified_the_pin_resets_the_card_when_it_ends() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("002000010431323334", "9000")
    });
    s.verify_pin(&Pin::new("1234").unwrap()).unwrap();
    let clone = s.clone();
    drop(s);
    assert_eq!(t.resets(), 0, "a clone still holds the session");
    drop(clone);
    assert_eq!(t.resets(), 1);
}

#[test]
fn a_pin_found_verified_is_left_verified() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00200001", "9000")
    });
    assert_eq!(s.pin_status().unwrap(), PinStatus::Verified);
    drop(s);
    assert_eq!(
        t.resets(),
        0,
        "another program's verified PIN is not ours to clear"
    );
}

#[test]
fn release_resets_a_live_session_once() {
    let (s, t) = ready(false, |t| {
        t.expect("00A4090C023F00", "9000")
            .expect("00200001", "63C3")
            .expect("00A4090C023F00", "9000")
            .expect("002000010431323334", "9000")
    });
    s.verify_pin_checked(&Pin::new("1234").unwrap(), false)
        .unwrap();
    assert!(release_verified_cards(Duration::from_secs(1)));
    assert_eq!(t.resets(), 1);
    drop(s);
    assert_eq!(t.resets(), 1, "released already");
}

#[path = "pinpad_tests.rs"]
mod pinpad_tests;
