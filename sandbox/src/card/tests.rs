//! The card's behaviour, APDU by APDU, without any socket.

use std::sync::OnceLock;

use rsa::pkcs8::DecodePublicKey;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256};

use super::crypto::tests::host_side;
use super::crypto::SHA256_DIGEST_INFO_PREFIX;
use super::*;
use crate::der;

pub(super) fn keys() -> &'static HolderKeys {
    static KEYS: OnceLock<(tempfile::TempDir, HolderKeys)> = OnceLock::new();
    &KEYS
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let pki = Pki::load_or_create(dir.path()).unwrap();
            let keys = pki.holder(&HolderIdentity::default()).unwrap();
            (dir, keys)
        })
        .1
}

fn card() -> VirtualCard {
    VirtualCard::new(&CardOptions::default(), keys()).unwrap()
}

fn h(s: &str) -> Vec<u8> {
    hex::decode(s.replace([' ', ':'], "")).unwrap()
}

/// Sends an APDU given in hex and splits the answer.
fn tx(card: &mut VirtualCard, apdu: &str) -> (Vec<u8>, u16) {
    tx_bytes(card, &h(apdu))
}

fn tx_bytes(card: &mut VirtualCard, apdu: &[u8]) -> (Vec<u8>, u16) {
    let r = card.transmit(apdu);
    let (data, sw) = r.split_at(r.len() - 2);
    (data.to_vec(), u16::from_be_bytes([sw[0], sw[1]]))
}

/// Fetches `61 xx` data in 0xE7 chunks, as the CPS3 drivers do.
fn fetch(card: &mut VirtualCard, mut sw: u16) -> Vec<u8> {
    let mut out = Vec::new();
    while sw & 0xFF00 == 0x6100 {
        let pending = match sw & 0xFF {
            0 => 256,
            n => n as usize,
        };
        let le = pending.min(0xE7);
        let (data, next) = tx_bytes(card, &[0x00, 0xC0, 0x00, 0x00, le as u8]);
        assert_eq!(data.len(), le);
        out.extend(data);
        sw = next;
    }
    assert_eq!(sw, 0x9000);
    out
}

/// Reads a whole EF by path from the MF (P1=09 with 3F00, as the CPS3 driver does).
fn read_file(card: &mut VirtualCard, path: &[u8]) -> Vec<u8> {
    let mut apdu = vec![0x00, 0xA4, 0x09, 0x0C, path.len() as u8];
    apdu.extend_from_slice(path);
    assert_eq!(
        tx_bytes(card, &apdu).1,
        0x9000,
        "select {}",
        hex::encode(path)
    );
    let mut out = Vec::new();
    loop {
        let off = out.len();
        let (data, sw) = tx_bytes(card, &[0x00, 0xB0, (off >> 8) as u8, off as u8, 0xE7]);
        out.extend(data);
        match sw {
            0x9000 => continue,
            0x6282 | 0x6B00 => return out,
            other => panic!("READ BINARY: {other:04X}"),
        }
    }
}

fn public_key(cert: &[u8]) -> RsaPublicKey {
    let spki = crate::pki::cert_spki(cert).unwrap();
    RsaPublicKey::from_public_key_der(spki).unwrap()
}

fn login(card: &mut VirtualCard) {
    assert_eq!(tx(card, "00 20 00 01 04 31 32 33 34").1, 0x9000);
}

#[test]
fn atr_and_serial_number() {
    let mut c = card();
    assert_eq!(
        hex::encode_upper(c.atr()),
        "3BAC00402A001225006480000310009000"
    );
    let (data, sw) = tx(&mut c, "00 A4 09 04 04 3F 00 D0 03");
    assert_eq!((data.len(), sw), (0, 0x6127));
    let (fcp, sw) = tx(&mut c, "00 C0 00 00 27");
    assert_eq!(sw, 0x9000);
    assert_eq!(
        hex::encode_upper(fcp),
        "62258002000C8201018302D0038801E0A1128C077BFFFFFFFFFF009C077BFFFFFFFFFF008A0105"
    );
    let (sn, sw) = tx(&mut c, "00 B0 00 00 0C");
    assert_eq!(sw, 0x9000);
    assert_eq!(hex::encode_upper(&sn[..11]), "5A0A802500000100000017");
    assert_eq!(c.card_number(), "00000017");
    assert_eq!(tx(&mut c, "00 A4 09 04 04 3F 00 D0 10").1, 0x6A82);
    // By SFI from the MF, as OpenSC reads it.
    let (sn2, sw) = tx(&mut c, "00 B0 9C 00 0C");
    assert_eq!((sn2, sw), (sn, 0x9000));
}

#[test]
fn card_number_option_and_derivation() {
    let keys = keys();
    let options = CardOptions {
        card_number: Some("12345678".into()),
        ..CardOptions::default()
    };
    let mut c = VirtualCard::new(&options, keys).unwrap();
    let (sn, _) = tx(&mut c, "00 B0 9C 00 0C");
    assert_eq!(&sn[7..11], &[0x12, 0x34, 0x56, 0x78]);
    let mut other = CardOptions::default();
    other.holder.national_id = "899700123456".into();
    assert_eq!(other.effective_card_number(), "00123456");
    other.holder.national_id = "3760021832/000000018".into();
    assert_eq!(other.effective_card_number(), "00000018");
    other.holder.national_id = "00B7010446".into();
    assert_eq!(other.effective_card_number(), "00000017");
    for bad in [
        CardOptions {
            pin: "123".into(),
            ..CardOptions::default()
        },
        CardOptions {
            pin: "12a4".into(),
            ..CardOptions::default()
        },
        CardOptions {
            max_tries: 0,
            ..CardOptions::default()
        },
        CardOptions {
            card_number: Some("1234".into()),
            ..CardOptions::default()
        },
    ] {
        assert!(VirtualCard::new(&bad, keys).is_err());
    }
}

#[test]
fn select_variants() {
    let mut c = card();
    // By AID: the application refuses P2=00 (real trace), gives its FCP to P2=04 (what
    // OpenSC's CPx driver sends) and nothing to P2=0C.
    assert_eq!(
        tx(
            &mut c,
            "00 A4 04 00 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10"
        )
        .1,
        0x6A86
    );
    let (_, sw) = tx(
        &mut c,
        "00 A4 04 04 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10",
    );
    let fcp = fetch(&mut c, sw);
    let (t, _) = der::parse_one(&fcp).unwrap();
    let children = t.children().unwrap();
    assert!(children.iter().any(|c| c.is(0x84) && c.value == AID_IAS));
    // OpenSC's iasecc driver refuses a DF FCP without access rules.
    assert!(children.iter().any(|c| c.is(0xA1)));
    // The ECC root AID of EF.ATR is the MF: `90 00`, no data, whatever P2.
    for p2 in ["00", "04", "0C"] {
        assert_eq!(
            tx(&mut c, &format!("00 A4 04 {p2} 08 80 25 00 00 01 FF 01 00")),
            (vec![], 0x9000)
        );
        assert_eq!(tx(&mut c, "00 A4 02 0C 02 D0 03").1, 0x9000, "MF selected");
    }
    // 3F00 names the MF even with P1=02 (the AODF's PIN path, as middlewares send it).
    assert_eq!(tx(&mut c, "00 A4 09 0C 04 3F 00 00 01").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 02 0C 02 3F 00").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 02 0C 02 D0 03").1, 0x9000, "MF selected");
    assert_eq!(
        tx(
            &mut c,
            "00 A4 04 0C 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10"
        )
        .1,
        0x9000
    );
    // Relative file id from the application DF (P1=02 for an EF, P1=09 path).
    assert_eq!(tx(&mut c, "00 A4 02 0C 02 50 31").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 09 0C 02 50 32").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 02 0C 02 00 01").1, 0x6A82);
    // P1=00: 3F00 is the MF wherever we are, then a child of the current DF.
    assert_eq!(tx(&mut c, "00 A4 00 0C 02 3F 00").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 00 0C 02 50 31").1, 0x6A82);
    assert_eq!(tx(&mut c, "00 A4 00 0C 02 00 01").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 00 0C 02 70 01").1, 0x9000);
    // P1=08: from the MF, 3F00 excluded but tolerated.
    assert_eq!(tx(&mut c, "00 A4 08 0C 04 00 01 50 31").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 08 0C 06 3F 00 00 01 50 32").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 08 0C 02 D0 03").1, 0x9000);
    // FCP of a DF through 61xx.
    let (_, sw) = tx(&mut c, "00 A4 09 04 04 3F 00 00 01");
    assert_eq!(sw & 0xFF00, 0x6100);
    let fcp = fetch(&mut c, sw);
    let (t, _) = der::parse_one(&fcp).unwrap();
    assert!(t.is(0x62));
    let children = t.children().unwrap();
    assert!(children
        .iter()
        .any(|c| c.is(0x84) && c.value == AID_IAS.as_slice()));
    // Contactless DF exists and is empty.
    assert_eq!(tx(&mut c, "00 A4 09 0C 04 3F 00 00 02").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 09 0C 02 50 31").1, 0x6A82);
    // Wrong P1/P2, wrong lengths.
    assert_eq!(tx(&mut c, "00 A4 03 0C 02 3F 00").1, 0x6A86);
    assert_eq!(tx(&mut c, "00 A4 00 00 02 3F 00").1, 0x6A86);
    assert_eq!(tx(&mut c, "00 A4 00 0C 03 3F 00 01").1, 0x6700);
    assert_eq!(tx(&mut c, "00 A4 00 0C").1, 0x6700);
    // A failed SELECT keeps the current file.
    assert_eq!(tx(&mut c, "00 A4 09 0C 04 3F 00 2F 01").1, 0x9000);
    assert_eq!(tx(&mut c, "00 A4 09 0C 04 3F 00 99 99").1, 0x6A82);
    let (atr, sw) = tx(&mut c, "00 B0 00 00 00");
    assert_eq!((atr.len(), sw), (0x39, 0x6282));
}

#[test]
fn read_binary_edges() {
    let mut c = card();
    // Nothing selected after power on.
    assert_eq!(tx(&mut c, "00 B0 00 00 10").1, 0x6986);
    // Real EF.ATR by SFI 1D.
    let (data, sw) = tx(&mut c, "00 B0 9D 00 00");
    assert_eq!((data.as_slice(), sw), (&pkcs15::EF_ATR[..], 0x6282));
    // Past the end, at the end, beyond.
    let (data, sw) = tx(&mut c, "00 B0 00 30 20");
    assert_eq!((data.len(), sw), (0x39 - 0x30, 0x6282));
    assert_eq!(tx(&mut c, "00 B0 00 39 01").1, 0x6B00);
    assert_eq!(tx(&mut c, "00 B0 01 00 01").1, 0x6B00);
    let (data, sw) = tx(&mut c, "00 B0 00 38 01");
    assert_eq!((data, sw), (vec![0x00], 0x9000));
    // Unknown SFI, bad P1.
    assert_eq!(tx(&mut c, "00 B0 85 00 01").1, 0x6A82);
    assert_eq!(tx(&mut c, "00 B0 E0 00 01").1, 0x6A86);
    // Le = 00 reads 256 bytes of a certificate.
    let cert_path = [0x3F, 0x00, 0x00, 0x01, 0xC0, 0x02];
    let mut apdu = h("00 A4 09 0C 06");
    apdu.extend(cert_path);
    assert_eq!(tx_bytes(&mut c, &apdu).1, 0x9000);
    let (data, sw) = tx(&mut c, "00 B0 00 00 00");
    assert_eq!((data.len(), sw), (256, 0x9000));
    assert_eq!(data, keys().auth_cert_der[..256]);
    // READ BINARY by SFI looks in the current DF only.
    assert_eq!(tx(&mut c, "00 B0 9C 00 0C").1, 0x6A82);
}

#[test]
fn pkcs15_walk_finds_everything() {
    let mut c = card();
    let dir = read_file(&mut c, &h("3F00 2F00"));
    // The real card's 0x65 bytes: contactless record first, both DDOs naming the contact
    // application.
    assert_eq!(dir.len(), 0x65);
    let apps = der::parse_all(&dir).unwrap();
    let cl = apps[0].children().unwrap();
    assert_eq!(cl[0].value, AID_IAS_CL);
    assert_eq!(cl[1].value, b"CPX IAS CL");
    assert_eq!(cl[2].value, h("3F00 0002"));
    let ias = apps[1].children().unwrap();
    assert_eq!(ias[0].value, AID_IAS);
    assert_eq!(ias[1].value, b"CPX IAS");
    assert_eq!(ias[2].value, h("3F00 0001"));
    for app in [&cl, &ias] {
        assert!(app[3].is(0x73));
        assert_eq!(app[3].children().unwrap()[0].value, AID_IAS);
    }

    // The ODF gives bare file ids, relative to the application DF.
    let odf = read_file(&mut c, &h("3F00 0001 5031"));
    let mut by_tag = std::collections::HashMap::new();
    for entry in der::parse_all(&odf).unwrap() {
        let path = entry.children().unwrap()[0].children().unwrap()[0]
            .value
            .to_vec();
        assert_eq!(path.len(), 2);
        by_tag.insert(entry.tag[0], [h("3F00 0001"), path].concat());
    }
    let cdf = read_file(&mut c, &by_tag[&0xA4]);
    let prkdf = read_file(&mut c, &by_tag[&0xA0]);
    let aodf = read_file(&mut c, &by_tag[&0xA8]);
    let token_info = read_file(&mut c, &h("3F00 0001 5032"));
    assert!(der::parse_all(&token_info).unwrap()[0].is(0x30));
    assert_eq!(read_file(&mut c, &h("3F00 0001 7001")).len(), 4);

    // Certificates by the CDF's absolute paths.
    let mut certs = Vec::new();
    for obj in der::parse_all(&cdf).unwrap() {
        let parts = obj.children().unwrap();
        let label = String::from_utf8(parts[0].children().unwrap()[0].value.to_vec()).unwrap();
        let id = parts[1].children().unwrap()[0].value.to_vec();
        let path = parts[2].children().unwrap()[0].children().unwrap()[0]
            .children()
            .unwrap()[0]
            .value
            .to_vec();
        assert_eq!(&path[..2], &[0x3F, 0x00]);
        certs.push((label, id, read_file(&mut c, &path)));
    }
    assert_eq!(certs[0].0, LABEL_CERT_AUTH);
    assert_eq!(certs[0].1, [&AID_IAS[..], &[0x02]].concat());
    assert_eq!(certs[0].2, keys().auth_cert_der);
    assert_eq!(certs[1].0, LABEL_CERT_SIGN);
    assert_eq!(certs[1].1, [&AID_IAS[..], &[0x01]].concat());
    assert_eq!(certs[1].2, keys().sign_cert_der);

    // PrKDF: labels, key references, modulus length.
    let keys_found: Vec<(String, Vec<u8>)> = der::parse_all(&prkdf)
        .unwrap()
        .iter()
        .map(|obj| {
            let parts = obj.children().unwrap();
            let common = parts[0].children().unwrap();
            let class = parts[1].children().unwrap();
            let rsa = parts[2].children().unwrap()[0].children().unwrap();
            assert_eq!(common[2].value, [0x01]); // authId
            assert_eq!(rsa[1].raw, [0x02, 0x02, 0x08, 0x00]); // 2048
            (
                String::from_utf8(common[0].value.to_vec()).unwrap(),
                class[3].value.to_vec(),
            )
        })
        .collect();
    assert_eq!(
        keys_found,
        [
            ("CPS_PRIV_AUT".to_string(), vec![0x00, 0x82]),
            ("CPS_PRIV_SIG".to_string(), vec![0x00, 0x81]),
        ]
    );

    // AODF: one PIN, reference 01, ascii-numeric, 4..8.
    let pin = der::parse_all(&aodf).unwrap();
    assert_eq!(pin.len(), 1);
    let attrs = pin[0].children().unwrap()[2].children().unwrap()[0]
        .children()
        .unwrap();
    assert_eq!(attrs[0].raw, [0x03, 0x02, 0x03, 0x08]); // initialized only
    assert_eq!(attrs[1].raw, [0x0A, 0x01, 0x01]);
    assert_eq!(attrs[2].raw, [0x02, 0x01, 0x04]);
    assert_eq!(attrs[5].raw, [0x80, 0x01, 0x01]);
}

#[test]
fn pin_state_machine() {
    let mut c = card();
    // Status costs nothing.
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C3);
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C3);
    assert_eq!(tx(&mut c, "00 20 00 01 04 30 30 30 30").1, 0x63C2);
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C2);
    assert_eq!(tx(&mut c, "00 20 00 01 05 31 32 33 34 35").1, 0x63C1);
    // Success gives the tries back.
    login(&mut c);
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x9000);
    assert_eq!(c.pin_tries_left(), 3);
    // A failure after success un-verifies.
    assert_eq!(tx(&mut c, "00 20 00 01 04 39 39 39 39").1, 0x63C2);
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C2);
    assert_eq!(tx(&mut c, "00 20 00 01 04 39 39 39 39").1, 0x63C1);
    assert_eq!(tx(&mut c, "00 20 00 01 04 39 39 39 39").1, 0x63C0);
    // Blocked: even the right PIN.
    assert_eq!(tx(&mut c, "00 20 00 01 04 31 32 33 34").1, 0x6983);
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x6983);
    assert_eq!(c.pin_tries_left(), 0);
    // A reset does not unblock.
    c.reset();
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x6983);
    // Wrong reference, too long.
    let mut c = card();
    assert_eq!(tx(&mut c, "00 20 00 81").1, 0x6A86);
    assert_eq!(
        tx(&mut c, "00 20 00 01 09 31 32 33 34 35 36 37 38 39").1,
        0x6700
    );
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C3);
}

#[test]
fn pin_configurable_and_verified_state_is_volatile() {
    let options = CardOptions {
        pin: "87654321".into(),
        max_tries: 5,
        ..CardOptions::default()
    };
    let mut c = VirtualCard::new(&options, keys()).unwrap();
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C5);
    assert_eq!(tx(&mut c, "00 20 00 01 04 31 32 33 34").1, 0x63C4);
    assert_eq!(
        tx(&mut c, "00 20 00 01 08 38 37 36 35 34 33 32 31").1,
        0x9000
    );
    assert!(c.pin_verified());
    c.reset();
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C5);
    assert_eq!(
        tx(&mut c, "00 20 00 01 08 38 37 36 35 34 33 32 31").1,
        0x9000
    );
    c.power_off();
    c.power_on();
    assert!(!c.pin_verified());
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x63C5);
}

#[test]
fn get_data_chv() {
    let mut c = card();
    assert_eq!(tx(&mut c, "00 A4 00 0C 02 3F 00").1, 0x9000);
    let (_, sw) = tx(&mut c, "00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80");
    assert_eq!(sw, 0x6118);
    let (data, sw) = tx(&mut c, "00 C0 00 00 18");
    assert_eq!(sw, 0x9000);
    assert_eq!(
        hex::encode_upper(data),
        "7016BF810112A0109A01039B0103A1088C06F3000013FF00"
    );
    tx(&mut c, "00 20 00 01 04 30 30 30 30");
    let (_, sw) = tx(&mut c, "00 CB 3F FF 0A 4D 08 70 06 BF 81 01 02 A0 80");
    let data = fetch(&mut c, sw);
    assert_eq!(&data[8..14], &[0x9A, 0x01, 0x03, 0x9B, 0x01, 0x02]);
    // Other SDOs, bad query, bad P1-P2.
    assert_eq!(
        tx(&mut c, "00 CB 3F FF 0A 4D 08 70 06 BF 90 02 02 A0 80").1,
        0x6A88
    );
    assert_eq!(tx(&mut c, "00 CB 3F FF 02 4D 00").1, 0x6A80);
    assert_eq!(
        tx(&mut c, "00 CB 00 00 0A 4D 08 70 06 BF 81 01 02 A0 80").1,
        0x6A86
    );
    // No public part: 6A86, IAS-ECC's answer that makes OpenSC ask for the DOCP.
    assert_eq!(
        tx(&mut c, "00 CB 3F FF 0B 4D 09 70 07 BF 81 01 03 7F 41 80").1,
        0x6A86
    );
}

#[test]
fn get_data_private_key_docp_from_the_application_df() {
    let mut c = card();
    assert_eq!(tx(&mut c, "00 A4 09 0C 04 3F 00 00 01").1, 0x9000);
    // The private key's components are never readable.
    assert_eq!(
        tx(&mut c, "00 CB 3F FF 0B 4D 09 70 07 BF 90 02 03 7F 48 80").1,
        0x6A86
    );
    // Authentication key (0x82): 256 bytes (RSA-2048); INTERNAL AUTHENTICATE and PSO DECIPHER after the
    // PIN, PSO CDS never.
    let (_, sw) = tx(&mut c, "00 CB 3F FF 0A 4D 08 70 06 BF 90 02 02 A0 80");
    assert_eq!(
        hex::encode_upper(fetch(&mut c, sw)),
        "7015BF900211A00F80020100A1098C077BFF1111FFFF00"
    );
    // Signature key (0x81): PSO CDS only.
    let (_, sw) = tx(&mut c, "00 CB 3F FF 0A 4D 08 70 06 BF 90 01 02 A0 80");
    assert_eq!(
        hex::encode_upper(fetch(&mut c, sw)),
        "7015BF900111A00F80020100A1098C077B11FFFFFFFF00"
    );
}

#[test]
fn internal_authenticate_t0_chunks_and_verifies() {
    let mut c = card();
    assert_eq!(
        tx(
            &mut c,
            "00 A4 04 0C 0D E8 28 BD 08 0F 80 25 00 00 01 FF 00 10"
        )
        .1,
        0x9000
    );
    login(&mut c);
    assert_eq!(tx(&mut c, "00 22 41 A4 06 80 01 02 84 01 82").1, 0x9000);
    let hash = Sha256::digest(b"TLS 1.2 handshake transcript");
    let digest_info = [&SHA256_DIGEST_INFO_PREFIX[..], &hash].concat();
    let mut apdu = vec![0x00, 0x88, 0x00, 0x00, digest_info.len() as u8];
    apdu.extend(&digest_info);
    apdu.push(0x00);
    let (data, sw) = tx_bytes(&mut c, &apdu);
    assert_eq!((data.len(), sw), (0, 0x6100));
    // E7 then 19, with 6C on a too-long Le.
    let (first, sw) = tx(&mut c, "00 C0 00 00 E7");
    assert_eq!((first.len(), sw), (0xE7, 0x6119));
    assert_eq!(tx(&mut c, "00 C0 00 00 20").1, 0x6C19);
    let (second, sw) = tx(&mut c, "00 C0 00 00 19");
    assert_eq!((second.len(), sw), (0x19, 0x9000));
    assert_eq!(tx(&mut c, "00 C0 00 00 19").1, 0x6985);
    let signature = [first, second].concat();
    public_key(&keys().auth_cert_der)
        .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info, &signature)
        .unwrap();
    assert_eq!(c.signature_count(), 1);

    // Le = 00 on GET RESPONSE takes all 256 at once; 6C00 when less is pending is not
    // possible, but asking 256 with 25 pending gives 6C19.
    let (_, sw) = tx_bytes(&mut c, &apdu);
    assert_eq!(sw, 0x6100);
    let (all, sw) = tx(&mut c, "00 C0 00 00 00");
    assert_eq!((all.len(), sw), (256, 0x9000));
    // Another command drops pending data.
    let (_, sw) = tx_bytes(&mut c, &apdu);
    assert_eq!(sw, 0x6100);
    assert_eq!(tx(&mut c, "00 20 00 01").1, 0x9000);
    assert_eq!(tx(&mut c, "00 C0 00 00 00").1, 0x6985);
    assert_eq!(c.signature_count(), 3);
}

#[test]
fn internal_authenticate_conditions() {
    let mut c = card();
    let apdu = |len: usize| {
        let mut a = vec![0x00, 0x88, 0x00, 0x00, len as u8];
        a.extend(std::iter::repeat_n(0x5A, len));
        a.push(0x00);
        a
    };
    // No SE.
    assert_eq!(tx_bytes(&mut c, &apdu(51)).1, 0x6985);
    // Both DO orders.
    assert_eq!(tx(&mut c, "00 22 41 A4 06 84 01 82 80 01 02").1, 0x9000);
    // PIN not verified.
    assert_eq!(tx_bytes(&mut c, &apdu(51)).1, 0x6982);
    login(&mut c);
    // 40 % of 256 = 102 bytes.
    assert_eq!(tx_bytes(&mut c, &apdu(102)).1, 0x6100);
    assert_eq!(tx_bytes(&mut c, &apdu(103)).1, 0x6700);
    // Reset forgets the SE and the PIN.
    c.reset();
    assert_eq!(tx_bytes(&mut c, &apdu(51)).1, 0x6985);
    assert_eq!(tx(&mut c, "00 22 41 A4 06 80 01 02 84 01 82").1, 0x9000);
    assert_eq!(tx_bytes(&mut c, &apdu(51)).1, 0x6982);
    // MSE errors.
    assert_eq!(tx(&mut c, "00 22 41 A4 06 80 01 02 84 01 81").1, 0x6A88);
    assert_eq!(tx(&mut c, "00 22 41 A4 06 80 01 12 84 01 82").1, 0x6A80);
    assert_eq!(tx(&mut c, "00 22 41 A4 05 80 01 02 84 01").1, 0x6A80);
    assert_eq!(tx(&mut c, "00 22 F1 A4 06 80 01 02 84 01 82").1, 0x6A86);
    assert_eq!(tx(&mut c, "00 22 41 A5 06 80 01 02 84 01 82").1, 0x6A86);
    assert_eq!(tx_bytes(&mut c, &apdu(51)).1, 0x6982);
    assert_eq!(c.signature_count(), 1);
}

fn pso_hash_apdu(msg: &[u8]) -> Vec<u8> {
    let (state, bits, last) = host_side(msg);
    let mut data = vec![0x90, 0x28];
    data.extend(state);
    data.extend(bits.to_be_bytes());
    data.push(0x80);
    data.push(last.len() as u8);
    data.extend(&last);
    let mut apdu = vec![0x00, 0x2A, 0x90, 0xA0, data.len() as u8];
    apdu.extend(data);
    apdu
}

#[test]
fn pso_hash_and_cds() {
    let mut c = card();
    let sign_key = public_key(&keys().sign_cert_der);
    login(&mut c);
    assert_eq!(tx(&mut c, "00 22 41 AA 03 80 01 40").1, 0x9000);
    assert_eq!(tx(&mut c, "00 22 41 B6 06 80 01 42 84 01 81").1, 0x9000);
    for len in [0usize, 1, 63, 64, 65, 127, 128, 200, 1000] {
        let msg: Vec<u8> = (0..len).map(|i| (i * 31 + 7) as u8).collect();
        assert_eq!(
            tx_bytes(&mut c, &pso_hash_apdu(&msg)).1,
            0x9000,
            "len {len}"
        );
        let (_, sw) = tx(&mut c, "00 2A 9E 9A 00");
        assert_eq!(sw, 0x6100, "len {len}");
        let signature = fetch(&mut c, sw);
        assert_eq!(signature.len(), 256);
        let digest_info = [&SHA256_DIGEST_INFO_PREFIX[..], &Sha256::digest(&msg)].concat();
        sign_key
            .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info, &signature)
            .unwrap_or_else(|e| panic!("len {len}: {e}"));
    }
    assert_eq!(c.signature_count(), 9);
    // The hash is used once.
    assert_eq!(tx(&mut c, "00 2A 9E 9A 00").1, 0x6985);
}

#[test]
fn pso_hash_without_intermediate_state_hashes_the_one_block_message() {
    let mut c = card();
    let sign_key = public_key(&keys().sign_cert_der);
    login(&mut c);
    assert_eq!(tx(&mut c, "00 22 41 AA 03 80 01 40").1, 0x9000);
    assert_eq!(tx(&mut c, "00 22 41 B6 06 80 01 42 84 01 81").1, 0x9000);
    for len in [0usize, 9, 16, 64] {
        let msg: Vec<u8> = (0..len).map(|i| (i * 13 + 1) as u8).collect();
        // `90 00 80 L <message>`, as the ANS Cryptolib and OpenSC send a short message.
        let mut apdu = vec![0x00, 0x2A, 0x90, 0xA0, (len + 4) as u8, 0x90, 0x00, 0x80];
        apdu.push(len as u8);
        apdu.extend(&msg);
        assert_eq!(tx_bytes(&mut c, &apdu).1, 0x9000, "len {len}");
        let (_, sw) = tx(&mut c, "00 2A 9E 9A 00");
        let signature = fetch(&mut c, sw);
        let digest_info = [&SHA256_DIGEST_INFO_PREFIX[..], &Sha256::digest(&msg)].concat();
        sign_key
            .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info, &signature)
            .unwrap_or_else(|e| panic!("len {len}: {e}"));
    }
    // More than one block needs the intermediate state.
    let mut apdu = vec![0x00, 0x2A, 0x90, 0xA0, 69, 0x90, 0x00, 0x80, 65];
    apdu.extend([0u8; 65]);
    assert_eq!(tx_bytes(&mut c, &apdu).1, 0x6A80);
}

#[test]
fn pso_conditions() {
    let mut c = card();
    let hash = pso_hash_apdu(b"abc");
    // No HT: 6985.
    assert_eq!(tx_bytes(&mut c, &hash).1, 0x6985);
    assert_eq!(tx(&mut c, "00 22 41 AA 03 80 01 10").1, 0x6A80);
    assert_eq!(tx(&mut c, "00 22 41 AA 03 80 01 40").1, 0x9000);
    assert_eq!(tx_bytes(&mut c, &hash).1, 0x9000);
    // No DST: 6985; wrong key in DST: 6A88.
    assert_eq!(tx(&mut c, "00 2A 9E 9A 00").1, 0x6985);
    assert_eq!(tx(&mut c, "00 22 41 B6 06 80 01 42 84 01 82").1, 0x6A88);
    assert_eq!(tx(&mut c, "00 22 41 B6 06 84 01 81 80 01 42").1, 0x9000);
    // PIN not verified: 6982, and the hash stays.
    assert_eq!(tx(&mut c, "00 2A 9E 9A 00").1, 0x6982);
    login(&mut c);
    assert_eq!(tx(&mut c, "00 2A 9E 9A 00").1, 0x6100);
    // Malformed PSO HASH.
    assert_eq!(tx(&mut c, "00 2A 90 A0 04 90 02 00 00").1, 0x6A80);
    let mut bad_count = pso_hash_apdu(b"abc");
    bad_count[5 + 2 + 39] = 0x08; // bit count not a multiple of 512
    assert_eq!(tx_bytes(&mut c, &bad_count).1, 0x6A80);
    assert_eq!(tx(&mut c, "00 2A 9E 9A 00").1, 0x6985);
    assert_eq!(tx(&mut c, "00 2A 80 86 02 00 00").1, 0x6A86);
}

#[test]
fn unknown_commands() {
    let mut c = card();
    assert_eq!(tx(&mut c, "00 84 00 00 08").1, 0x6D00);
    assert_eq!(tx(&mut c, "80 A4 00 0C 02 3F 00").1, 0x6E00);
    assert_eq!(tx(&mut c, "10 A4 00 0C 02 3F 00").1, 0x6E00);
    assert_eq!(tx(&mut c, "00 A4").1, 0x6700);
    assert_eq!(tx(&mut c, "00 C0 00 00 10").1, 0x6985);
    assert_eq!(tx(&mut c, "00 C0 01 00 10").1, 0x6A86);
}

#[test]
fn pso_cds_signs_a_hash_given_in_the_data_field() {
    let mut c = card();
    let sign_key = public_key(&keys().sign_cert_der);
    assert_eq!(tx(&mut c, "00 22 41 B6 06 80 01 42 84 01 81").1, 0x9000);
    let hash = Sha256::digest(b"hashed by the host");
    let mut apdu = vec![0x00, 0x2A, 0x9E, 0x9A, 0x20];
    apdu.extend(hash.as_slice());
    apdu.push(0x00);
    // Behind the PIN, like the card-side hash.
    assert_eq!(tx_bytes(&mut c, &apdu).1, 0x6982);
    login(&mut c);
    // `00 2A 9E 9A 20 <hash> 00`, as the ANS Cryptolib sends it after hashing on the host.
    let (_, sw) = tx_bytes(&mut c, &apdu);
    assert_eq!(sw, 0x6100);
    let signature = fetch(&mut c, sw);
    let digest_info = [&SHA256_DIGEST_INFO_PREFIX[..], hash.as_slice()].concat();
    sign_key
        .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info, &signature)
        .expect("the signature of the host's hash");
    // Only a SHA-256 fits.
    let mut short = vec![0x00, 0x2A, 0x9E, 0x9A, 0x14];
    short.extend([0u8; 20]);
    assert_eq!(tx_bytes(&mut c, &short).1, 0x6700);
}

/// Reads a whole EF by path from the MF with P1=09 (what the ANS Cryptolib sends).
fn read_by_path(c: &mut VirtualCard, path: &[u8]) -> (Vec<u8>, u16) {
    let mut select = vec![0x00, 0xA4, 0x09, 0x0C, path.len() as u8];
    select.extend(path);
    assert_eq!(tx_bytes(c, &select).1, 0x9000, "{}", hex::encode(path));
    tx(c, "00 B0 00 00 00")
}

#[test]
fn data_objects_follow_the_dodf_and_activities_need_the_pin() {
    let mut c = card();
    // The ODF names the DODF (`A7`).
    let (odf, _) = read_by_path(&mut c, &h("3F00 0001 5031"));
    let odf = der::parse_all(&odf).unwrap();
    let dodf_path = odf
        .iter()
        .find(|t| t.is(0xA7))
        .and_then(|t| {
            t.children()?
                .first()?
                .children()?
                .first()
                .map(|p| p.value.to_vec())
        })
        .expect("a DODF in the ODF");
    let (dodf, _) = read_by_path(&mut c, &[&h("3F00 0001")[..], &dodf_path].concat());
    let objects = der::parse_all(&dodf).unwrap();
    let labels: Vec<String> = objects
        .iter()
        .map(|o| {
            let common = o.children().unwrap()[0].children().unwrap();
            String::from_utf8(common[0].value.to_vec()).unwrap()
        })
        .collect();
    assert_eq!(labels, ["CPS_INFO_PS", "CPS_ACTIVITY_01_PS"]);
    // CPS_INFO_PS is public and ends with the specialty.
    let (info, sw) = read_by_path(&mut c, &h("3F00 0001 D110"));
    assert_eq!(sw, 0x6282);
    assert!(info.ends_with(b"SM26"));
    // The activity (D120) is read after the PIN only.
    let (_, sw) = read_by_path(&mut c, &h("3F00 0001 D120"));
    assert_eq!(sw, 0x6982);
    login(&mut c);
    let (activity, _) = read_by_path(&mut c, &h("3F00 0001 D120"));
    let ee = der::parse_all(&activity).unwrap();
    assert!(ee[0].is(0xEE));
    let fields = ee[0].children().unwrap();
    assert_eq!(fields[1].value, b"499700000017001");
    assert_eq!(fields[2].value, b"SA07");
}
