//! Contents of the card's files: EF.ATR (real bytes), EF.DIR, EF.SN.ICC, and the PKCS#15
//! (ISO 7816-15) directory files of the IAS application, DER-encoded.
//!
//! A client must find the certificates and keys by walking EF.DIR → ODF → CDF / PrKDF /
//! AODF, as it has to on a real card whose file ids are not public; so the ids here are
//! invented and the structures follow CARD.md. The ODF uses paths relative to the
//! application DF, the other files absolute paths, so both forms get exercised.

use super::data_objects::CardActivity;
use super::fs::{fid, sfi, FileSystem, MF};
use crate::der;
use crate::pki::HolderIdentity;

/// AID of the contact IAS application (PKCS#15 "ASIP CPS").
pub const AID_IAS: [u8; 13] = [
    0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10,
];
/// "ECC root" AID, the one EF.ATR names (`4F 08 …`): the IAS-ECC root, i.e. the MF.
pub const AID_ECC_ROOT: [u8; 8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00];
/// AID of the contactless application.
pub const AID_IAS_CL: [u8; 13] = [
    0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x20,
];

/// ANS issuer number, the first bytes of the PAN in EF.SN.ICC.
pub const ANS_ISSUER: [u8; 5] = [0x80, 0x25, 0x00, 0x00, 0x01];

/// The real 0x39 bytes of a CPS3's EF.ATR (including the leading `80` OpenSC skips).
pub const EF_ATR: [u8; 0x39] = [
    0x80, 0x43, 0x01, 0xB8, 0x46, 0x04, 0x04, 0xB0, 0xEC, 0xC1, 0x47, 0x03, 0x94, 0x01, 0x80, 0x4F,
    0x08, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00, 0xE0, 0x10, 0x02, 0x02, 0x01, 0x04, 0x02,
    0x02, 0x01, 0x04, 0x02, 0x02, 0x01, 0x00, 0x02, 0x02, 0x01, 0x00, 0x78, 0x08, 0x06, 0x06, 0x2B,
    0x81, 0x22, 0xF8, 0x78, 0x02, 0x82, 0x02, 0x90, 0x00,
];

/// Key references of the two private keys.
pub const KEY_REF_SIGN: u8 = 0x81;
pub const KEY_REF_AUTH: u8 = 0x82;

/// PIN reference (global CHV 1) and its PKCS#15 authId.
pub const PIN_REF: u8 = 0x01;
pub(super) const PIN_AUTH_ID: u8 = 0x01;

/// The PKCS#15 label of the authentication certificate.
pub const LABEL_CERT_AUTH: &str = "Certificat d'Authentification CPS";
/// The PKCS#15 label of the signature certificate.
pub const LABEL_CERT_SIGN: &str = "Certificat de Signature CPS";

/// PKCS#15 iD of an object: AID ‖ suffix (01 signature, 02 authentication).
pub fn object_id(suffix: u8) -> Vec<u8> {
    let mut id = AID_IAS.to_vec();
    id.push(suffix);
    id
}

/// Luhn check digit of a digit string.
pub fn luhn_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let dd = d * 2;
                dd / 10 + dd % 10
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// EF.SN.ICC: `5A 0A 80 25 00 00 01 <card number, 4 BCD bytes> <Luhn digit> F`. The Luhn
/// digit is computed over the 18 PAN digits that precede it. `card_number` must be 8 digits.
pub fn ef_sn_icc(card_number: &str) -> Vec<u8> {
    let mut digits: Vec<u8> = ANS_ISSUER.iter().flat_map(|b| [b >> 4, b & 0x0F]).collect();
    digits.extend(card_number.bytes().map(|b| b.wrapping_sub(b'0')));
    let check = luhn_digit(&digits);
    let mut pan = ANS_ISSUER.to_vec();
    pan.extend(bcd(card_number));
    pan.push((check << 4) | 0x0F);
    der::tlv(0x5A, &pan)
}

fn bcd(digits: &str) -> Vec<u8> {
    digits
        .as_bytes()
        .chunks(2)
        .map(|pair| {
            let hi = pair[0].wrapping_sub(b'0') & 0x0F;
            let lo = pair.get(1).map_or(0x0F, |b| b.wrapping_sub(b'0') & 0x0F);
            (hi << 4) | lo
        })
        .collect()
}

/// EF.DIR: one application template per application, `61 { 4F AID, 50 label, 51 path,
/// 73 { 4F AID of the contact application } }`. Layout of the real card as OpenSC's
/// `iasecc-tool --list-applications` shows it (labels "CPX IAS" and "CPX IAS CL", both DDOs
/// naming the contact application, 0x65 bytes in all), contactless record first: OpenSC sorts
/// known applications to the head of its list and, with two known ones, that swaps them, so
/// the tool listed the contact application first.
pub fn ef_dir() -> Vec<u8> {
    let app = |aid: &[u8], label: &str, df: u16| {
        let path = [fid::MF.to_be_bytes(), df.to_be_bytes()].concat();
        der::cons(
            0x61,
            &[
                &der::tlv(0x4F, aid),
                &der::tlv(0x50, label.as_bytes()),
                &der::tlv(0x51, &path),
                &der::tlv(0x73, &der::tlv(0x4F, &AID_IAS)),
            ],
        )
    };
    [
        app(&AID_IAS_CL, "CPX IAS CL", fid::DF_IAS_CL),
        app(&AID_IAS, "CPX IAS", fid::DF_IAS),
    ]
    .concat()
}

fn path(p: &[u16]) -> Vec<u8> {
    let bytes: Vec<u8> = p.iter().flat_map(|f| f.to_be_bytes()).collect();
    der::seq(&[&der::tlv(0x04, &bytes)])
}

/// ODF: `A0` PrKDF, `A4` CDF, `A7` DODF, `A8` AODF, each `[n] { Path }` with a bare file id.
pub fn odf() -> Vec<u8> {
    [
        der::cons(0xA0, &[&path(&[fid::PRKDF])]),
        der::cons(0xA4, &[&path(&[fid::CDF])]),
        der::cons(0xA7, &[&path(&[fid::DODF])]),
        der::cons(0xA8, &[&path(&[fid::AODF])]),
    ]
    .concat()
}

/// TokenInfo: version, serial number (the card number in BCD), manufacturer, label, flags
/// (readonly, loginRequired) and supportedAlgorithms (references 2, 4, 5 with the IAS
/// algorithm references 0x40, 0x42, 0x02, the numbering OpenSC expects of IAS-ECC cards).
pub fn token_info(card_number: &str) -> Vec<u8> {
    struct AlgorithmInfo {
        reference: u64,
        /// PKCS#11 mechanism.
        mechanism: u64,
        /// supportedOperations bit number.
        operation: usize,
        oid: Option<&'static [u64]>,
        /// IAS algorithm reference.
        alg_ref: u64,
    }
    let algorithms = [
        // CKM_SHA256, hash
        AlgorithmInfo {
            reference: 2,
            mechanism: 0x250,
            operation: 6,
            oid: Some(&[2, 16, 840, 1, 101, 3, 4, 2, 1]),
            alg_ref: 0x40,
        },
        // CKM_SHA256_RSA_PKCS, compute-signature
        AlgorithmInfo {
            reference: 4,
            mechanism: 0x40,
            operation: 1,
            oid: None,
            alg_ref: 0x42,
        },
        // CKM_RSA_PKCS, compute-signature
        AlgorithmInfo {
            reference: 5,
            mechanism: 0x01,
            operation: 1,
            oid: None,
            alg_ref: 0x02,
        },
    ];
    let infos: Vec<u8> = algorithms
        .iter()
        .flat_map(|a| {
            der::seq(&[
                &der::uint(a.reference),
                &der::uint(a.mechanism),
                &[0x05, 0x00],
                &der::named_bits(&[a.operation]),
                &a.oid.map(der::oid).unwrap_or_default(),
                &der::uint(a.alg_ref),
            ])
        })
        .collect();
    der::seq(&[
        &der::uint(0),
        &der::tlv(0x04, &bcd(card_number)),
        &der::tlv(0x0C, b"dmp-sandbox"),
        &der::tlv(0x80, b"CPS3 IAS"),
        &der::named_bits(&[0, 1]),
        &der::tlv(0xA2, &infos),
    ])
}

/// CDF: the two x509Certificate objects.
pub fn cdf() -> Vec<u8> {
    let cert = |label: &str, id: u8, file: u16| {
        der::seq(&[
            &der::seq(&[&der::tlv(0x0C, label.as_bytes())]),
            &der::seq(&[&der::tlv(0x04, &object_id(id))]),
            &der::cons(0xA1, &[&der::seq(&[&path(&[fid::MF, fid::DF_IAS, file])])]),
        ])
    };
    [
        cert(LABEL_CERT_AUTH, 0x02, fid::CERT_AUTH),
        cert(LABEL_CERT_SIGN, 0x01, fid::CERT_SIGN),
    ]
    .concat()
}

/// PrKDF: the two privateRSAKey objects (flags private, authId 01, native, key reference,
/// path of the key's DF, modulus length).
pub fn prkdf(modulus_bits: u64) -> Vec<u8> {
    prkdf_with_refs(modulus_bits, KEY_REF_AUTH, KEY_REF_SIGN)
}

/// The PrKDF with other key references (a CPS4's are 0x20 and 0x10).
pub fn prkdf_with_refs(modulus_bits: u64, auth_ref: u8, sign_ref: u8) -> Vec<u8> {
    // KeyUsageFlags bit numbers: decrypt 1, sign 2, nonRepudiation 9.
    let key = |label: &str, id: u8, usage: &[usize], key_ref: u8| {
        der::seq(&[
            &der::seq(&[
                &der::tlv(0x0C, label.as_bytes()),
                &der::named_bits(&[0]),
                &der::tlv(0x04, &[PIN_AUTH_ID]),
            ]),
            &der::seq(&[
                &der::tlv(0x04, &object_id(id)),
                &der::named_bits(usage),
                &[0x01, 0x01, 0xFF],
                &der::uint(u64::from(key_ref)),
            ]),
            &der::cons(
                0xA1,
                &[&der::seq(&[
                    &path(&[fid::MF, fid::DF_IAS]),
                    &der::uint(modulus_bits),
                ])],
            ),
        ])
    };
    [
        key("CPS_PRIV_AUT", 0x02, &[1, 2], auth_ref),
        key("CPS_PRIV_SIG", 0x01, &[9], sign_ref),
    ]
    .concat()
}

/// AODF: the global PIN (initialized, not local, no padding, ASCII digits, 4 to 8 long,
/// reference 01, path 3F00).
pub fn aodf() -> Vec<u8> {
    der::seq(&[
        // flags: private, modifiable
        &der::seq(&[&der::tlv(0x0C, b"PIN"), &der::named_bits(&[0, 1])]),
        &der::seq(&[&der::tlv(0x04, &[PIN_AUTH_ID])]),
        &der::cons(
            0xA1,
            &[&der::seq(&[
                &der::named_bits(&[4]), // initialized
                &[0x0A, 0x01, 0x01],    // ascii-numeric
                &der::uint(4),
                &der::uint(8),
                &der::uint(8),
                &[0x80, 0x01, PIN_REF],
                &path(&[fid::MF]),
            ])],
        ),
    ])
}

/// What the card's data objects hold.
pub struct CardData<'a> {
    pub holder: &'a HolderIdentity,
    pub specialty: Option<&'a str>,
    pub activities: &'a [CardActivity],
}

/// The whole CPS3 file system for one card.
pub fn cps3_file_system(
    card_number: &str,
    auth_cert: &[u8],
    sign_cert: &[u8],
    modulus_bits: u64,
    data: &CardData<'_>,
) -> FileSystem {
    let mut fs = FileSystem::new();
    fs.add_ef(MF, fid::EF_ATR, Some(sfi::EF_ATR), EF_ATR.to_vec());
    fs.add_ef(MF, fid::EF_DIR, Some(sfi::EF_DIR), ef_dir());
    fs.add_ef(
        MF,
        fid::EF_SN_ICC,
        Some(sfi::EF_SN_ICC),
        ef_sn_icc(card_number),
    );
    let app = fs.add_df(MF, fid::DF_IAS, Some(&AID_IAS));
    fs.add_ef(app, fid::ODF, None, odf());
    fs.add_ef(app, fid::TOKEN_INFO, None, token_info(card_number));
    fs.add_ef(app, fid::PROBE, None, vec![0x00, 0x01, 0x02, 0x03]);
    fs.add_ef(app, fid::PRKDF, None, prkdf(modulus_bits));
    fs.add_ef(app, fid::CDF, None, cdf());
    fs.add_ef(app, fid::AODF, None, aodf());
    fs.add_ef(app, fid::CERT_AUTH, None, auth_cert.to_vec());
    fs.add_ef(app, fid::CERT_SIGN, None, sign_cert.to_vec());
    super::data_objects::add_to(&mut fs, app, data.holder, data.specialty, data.activities);
    fs.add_df(MF, fid::DF_IAS_CL, Some(&AID_IAS_CL));
    fs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::der::{parse_all, Tlv};

    fn all(data: &[u8]) -> Vec<Tlv<'_>> {
        parse_all(data).expect("clean TLV list")
    }

    /// Recursively checks that every constructed TLV parses into children filling it.
    fn check_tree(t: &Tlv<'_>) {
        if t.tag[0] & 0x20 != 0 {
            for c in t.children().expect("constructed content") {
                check_tree(&c);
            }
        }
    }

    #[test]
    fn luhn_and_serial() {
        // 7992739871 -> check 3 (the textbook example)
        assert_eq!(luhn_digit(&[7, 9, 9, 2, 7, 3, 9, 8, 7, 1]), 3);
        let sn = ef_sn_icc("00000017");
        assert_eq!(sn.len(), 12);
        assert_eq!(&sn[..7], &[0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01]);
        assert_eq!(&sn[7..11], &[0x00, 0x00, 0x00, 0x17]);
        assert_eq!(sn[11] & 0x0F, 0x0F);
        let mut digits: Vec<u8> = "80250000010000001".bytes().map(|b| b - b'0').collect();
        digits.push(7);
        digits.push(sn[11] >> 4);
        // The full PAN passes the Luhn check: appending its check digit over it gives 0.
        let (payload, check) = digits.split_at(digits.len() - 1);
        assert_eq!(luhn_digit(payload), check[0]);
    }

    #[test]
    fn directory_files_are_der() {
        assert_eq!(EF_ATR.len(), 0x39);
        for file in [
            ef_dir(),
            odf(),
            token_info("00000017"),
            cdf(),
            prkdf(2048),
            aodf(),
        ] {
            for t in all(&file) {
                check_tree(&t);
            }
        }
        let dir_bytes = ef_dir();
        let dir = all(&dir_bytes);
        assert_eq!(dir.len(), 2);
        assert!(dir.iter().all(|t| t.is(0x61)));
        let odf_bytes = odf();
        let odf = all(&odf_bytes);
        let tags: Vec<u8> = odf.iter().map(|t| t.tag[0]).collect();
        assert_eq!(tags, [0xA0, 0xA4, 0xA7, 0xA8]);
        let cdf_bytes = cdf();
        let cdf = all(&cdf_bytes);
        assert_eq!(cdf.len(), 2);
        let first = cdf[0].children().unwrap();
        let label = first[0].children().unwrap()[0];
        assert_eq!(label.value, LABEL_CERT_AUTH.as_bytes());
        assert_eq!(first[1].children().unwrap()[0].value, object_id(2));
        let prkdf_bytes = prkdf(2048);
        let keys = all(&prkdf_bytes);
        let sig_attrs = keys[1].children().unwrap()[1].children().unwrap();
        assert_eq!(sig_attrs[3].raw, [0x02, 0x02, 0x00, 0x81]);
    }
}
