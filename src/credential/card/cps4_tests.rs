//! The CPS4 APDU sequences, byte for byte, over the scripted transport. The expected APDUs are
//! those the ANS Cryptolib's ChipDoc driver sends (cps-card.md §8): CLA 01, MSE 41 B8 / 81 B6,
//! PSO DECIPHER chained with CLA 11.

use sha2::{Digest, Sha256};

use super::super::pkcs15::testdata;
use super::super::tlv::encode;
use super::super::transport::ScriptedTransport;
use super::super::{CardSession, Generation, HashAlg, Pin, PinStatus};
use crate::credential::identity::testcert;
use crate::ErrorKind;

/// The CPS4 contact ATR (cps-card.md §1).
const CPS4_ATR: &[u8] = &[
    0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x04, 0x01, 0x00, 0x00, 0x90,
    0x44,
];
const EF_SN: &[u8] = &[
    0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x17, 0x4F,
];
const OPEN: &str = "01A4040C08 8025000001FF0100";
const SELECT_APP: &str = "01A4040C0D E828BD080F8025000001FF0010";

fn h(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

/// SELECT `fid` with `p1` asking the FCP (answered through 61xx), then READ BINARY of
/// `content` in 0xE7 chunks, all on channel 1.
fn file(t: ScriptedTransport, p1: u8, fid: &[u8], content: &[u8]) -> ScriptedTransport {
    let fcp = encode(
        0x62,
        &[
            encode(0x80, &(content.len() as u16).to_be_bytes()),
            encode(0x82, &[0x01]),
            encode(0x83, fid),
        ]
        .concat(),
    );
    let mut t = t
        .expect(
            &format!("01A4{p1:02X}0402{}00", h(fid)),
            &format!("61{:02X}", fcp.len()),
        )
        .expect(
            &format!("01C00000{:02X}", fcp.len()),
            &format!("{}9000", h(&fcp)),
        );
    let mut off = 0;
    while off < content.len() {
        let n = (content.len() - off).min(0xE7);
        t = t.expect(
            &format!("01B0{off:04X}{n:02X}"),
            &format!("{}9000", h(&content[off..off + n])),
        );
        off += n;
    }
    t
}

/// The PrKDF of a CPS4: the Cryptolib's key ids 0x20 (authentication) and 0x10 (signature)
/// instead of the CPS3's 0x82 / 0x81 (same encoding lengths).
fn cps4_prkdf() -> Vec<u8> {
    let data = testdata::prkdf();
    let hex = h(&data)
        .replace("02020082", "02020020")
        .replace("020181", "020110");
    hex::decode(hex).unwrap()
}

fn auth_cert() -> Vec<u8> {
    testcert::cps_certificate("899700000017", "TESTDOC0000001", "CAMILLE", 1)
}
fn sign_cert() -> Vec<u8> {
    testcert::cps_certificate("899700000017", "TESTDOC0000001", "CAMILLE", 2)
}

fn serial_script(t: ScriptedTransport) -> ScriptedTransport {
    file(t.expect(OPEN, "9000"), 0x00, &[0xD0, 0x03], EF_SN)
}

fn discover_script(t: ScriptedTransport) -> ScriptedTransport {
    let t = t.expect(OPEN, "9000").expect(SELECT_APP, "9000");
    let t = file(
        t,
        0x09,
        &[0x50, 0x31],
        &testdata::odf(
            &[0x40, 0x01],
            &[0x3F, 0x00, 0x00, 0x01, 0x40, 0x02],
            &[0x40, 0x03],
        ),
    );
    // Relative paths: the application again, then the file id; absolute: its last file id.
    let t = file(
        t.expect(SELECT_APP, "9000"),
        0x09,
        &[0x40, 0x01],
        &cps4_prkdf(),
    );
    let t = file(
        t,
        0x09,
        &[0x40, 0x02],
        &testdata::cdf(&[0xC0, 0x01], &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x02]),
    );
    file(
        t.expect(SELECT_APP, "9000"),
        0x09,
        &[0x40, 0x03],
        &testdata::aodf(false),
    )
}

fn session(t: &ScriptedTransport) -> CardSession {
    CardSession::with_device(Box::new(t.clone()), "Virtual PCD 00 00", CPS4_ATR.to_vec())
}

fn ready(
    then: impl FnOnce(ScriptedTransport) -> ScriptedTransport,
) -> (CardSession, ScriptedTransport) {
    let t = then(discover_script(ScriptedTransport::new()));
    let s = session(&t);
    s.profile().unwrap();
    (s, t)
}

/// VERIFY of "1234" after selecting the AODF's PIN path (3F00, by file id).
fn verify_script(t: ScriptedTransport) -> ScriptedTransport {
    t.expect("01A4000C023F00", "9000")
        .expect("012000010431323334", "9000")
}

#[test]
fn reads_the_serial_directory_and_certificates_on_channel_1() {
    let mut t = discover_script(serial_script(ScriptedTransport::new()));
    t = file(
        t.expect(SELECT_APP, "9000"),
        0x09,
        &[0xC0, 0x01],
        &auth_cert(),
    );
    t = file(t, 0x09, &[0xC0, 0x02], &sign_cert());
    let s = session(&t);
    assert_eq!(s.generation(), Generation::Cps4);
    assert!(s.supports_pss());
    assert_eq!(s.serial().unwrap(), "00000017");
    let certs = s.certificates(None).unwrap();
    assert_eq!(certs.auth_der, auth_cert());
    assert_eq!(certs.sign_der, sign_cert());
    let profile = s.profile().unwrap();
    assert_eq!(profile.auth_key.reference, 0x20);
    assert_eq!(profile.sign_key.reference, 0x10);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn the_reselect_sequence_runs_when_chipdoc_is_not_selected() {
    // GP ISD on channel 1, the CPS2ter AID on channel 0, then ChipDoc again.
    let t = ScriptedTransport::new()
        .expect(OPEN, "6A82")
        .expect("01A4040C07A0000001510000", "9000")
        .expect("00A4040C088025000001FF0002", "9000")
        .expect(OPEN, "9000");
    let t = file(t, 0x00, &[0xD0, 0x03], EF_SN);
    assert_eq!(session(&t).serial().unwrap(), "00000017");
    assert_eq!(t.remaining(), 0);

    let t = ScriptedTransport::new()
        .expect(OPEN, "6A82")
        .expect("01A4040C07A0000001510000", "6A82")
        .expect("00A4040C088025000001FF0002", "6A82")
        .expect(OPEN, "6A82");
    let err = session(&t).serial().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Card);
    assert!(err.message().contains("ChipDoc"), "{}", err.message());
}

#[test]
fn pin_state_comes_from_verify_without_data_and_a_closed_channel_is_reopened() {
    let (s, t) = ready(|t| {
        t.expect("01200001", "63C2")
            // After a reset the channel is closed: ChipDoc is selected again, once.
            .expect("01200001", "6881")
            .expect(OPEN, "9000")
            .expect("01200001", "6983")
            .expect("01200001", "9000")
    });
    assert_eq!(s.pin_status().unwrap(), PinStatus::TriesLeft(2));
    assert_eq!(s.pin_status().unwrap(), PinStatus::Blocked);
    let counters = s.pin_counters().unwrap().unwrap();
    assert_eq!((counters.max, counters.left), (3, 3));
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_wrong_pin_costs_one_try_and_is_not_retried() {
    let (s, t) = ready(|t| {
        t.expect("01A4000C023F00", "9000")
            .expect("012000010431323335", "63C1")
    });
    let err = s.verify_pin(&Pin::new("1235").unwrap()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert!(err.message().contains("1 try left"), "{}", err.message());
    assert_eq!(t.remaining(), 0);
}

/// RFC 8017 §9.2 EMSA-PKCS1-v1_5 for a 2048-bit key, written out: 00 01, 202 FF, 00, the
/// 51-byte SHA-256 DigestInfo.
fn rfc8017_block(hash: &[u8]) -> Vec<u8> {
    let digest_info_prefix = hex::decode("3031300d060960864801650304020105000420").unwrap();
    let mut block = vec![0x00, 0x01];
    block.extend(std::iter::repeat_n(0xFF, 256 - 3 - 51));
    block.push(0x00);
    block.extend(digest_info_prefix);
    block.extend(hash);
    assert_eq!(block.len(), 256);
    block
}

#[test]
fn authentication_is_a_raw_rsa_decipher_of_a_host_padded_block_chained() {
    let hash = Sha256::digest(b"handshake transcript").to_vec();
    let block = rfc8017_block(&hash);
    let sig = vec![0x5A; 256];
    let (s, t) = ready(|t| {
        verify_script(t)
            .expect("01224 1B8 03 830120", "9000")
            .expect(&format!("112A8086FF{}", h(&block[..255])), "9000")
            .expect(&format!("012A808601{}00", h(&block[255..])), "6100")
            .expect("01C00000E7", &format!("{}6119", h(&sig[..0xE7])))
            .expect("01C0000019", &format!("{}9000", h(&sig[0xE7..])))
    });
    s.verify_pin(&Pin::new("1234").unwrap()).unwrap();
    assert_eq!(s.sign_authentication(HashAlg::Sha256, &hash).unwrap(), sig);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn pss_and_the_signature_key_go_through_mse_dst_and_pso_cds_with_the_hash() {
    let hash = Sha256::digest(b"transcript").to_vec();
    let message = b"<SignedInfo/>";
    let message_hash = Sha256::digest(message).to_vec();
    let sig = vec![0x33; 256];
    let answer = format!("{}9000", h(&sig));
    let (s, t) = ready(|t| {
        verify_script(t)
            // PSS SHA-256 (alg 2C) with the authentication key 0x20 | 0x80.
            .expect("01228 1B6 04 91022CA0", "9000")
            .expect(&format!("012A9E9A20{}00", h(&hash)), &answer)
            // SHA-256 PKCS#1 v1.5 (alg 28) with the signature key 0x10 | 0x80.
            .expect("01228 1B6 04 910228 90", "9000")
            .expect(&format!("012A9E9A20{}00", h(&message_hash)), &answer)
            // The PIN lost in between: a PIN error, not a card fault.
            .expect("01228 1B6 04 910228 90", "9000")
            .expect(&format!("012A9E9A20{}00", h(&message_hash)), "6982")
    });
    s.verify_pin(&Pin::new("1234").unwrap()).unwrap();
    assert_eq!(
        s.sign_authentication_pss(HashAlg::Sha256, &hash).unwrap(),
        sig
    );
    assert_eq!(s.sign_non_repudiation(message).unwrap(), sig);
    let err = s.sign_non_repudiation(message).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert_eq!(t.remaining(), 0);
    // PSS with another hash is refused before anything is sent.
    let err = s
        .sign_authentication_pss(HashAlg::Sha384, &[0u8; 48])
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Card);
}

#[test]
fn the_pin_pad_gets_the_verify_command_with_cla_01() {
    // PC/SC part 10 §2.5.2, field by field: timers 30 s, 30 s; bytes, offset 0, ASCII;
    // variable-length block; min 4 max 8; validation key; one message; French; no T=1
    // prologue; 5 bytes of command: 01 20 00 01, Lc completed by the reader.
    let structure = "1E 1E 82 00 00 0804 02 01 0C04 00 000000 05000000 0120000100";
    let (s, t) = ready(|t| {
        t.expect("01200001", "63C3")
            .expect_control(0x4200_0D48, "", "06 04 42330006")
            .expect("01A4000C023F00", "9000")
            .expect_control(0x4233_0006, structure, "63C2")
    });
    assert_eq!(s.pin_status().unwrap(), PinStatus::TriesLeft(3));
    assert!(s.pin_pad().has_pin_pad());
    let err = s.verify_pin_on_pad().unwrap_err();
    assert_eq!(err.message(), "wrong PIN: 2 tries left");
    assert_eq!(t.remaining(), 0);
}
