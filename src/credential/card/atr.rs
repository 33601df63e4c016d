//! Which card is in the reader: the card generation from its ATR, then the ANS serial number
//! from EF.SN.ICC.
//!
//! The ATRs are those the ANS middleware itself recognises (exact CPS3 contact ATR, masked
//! CPS3 contactless pseudo-ATR, the CPS4 ATRs). Anything else is reported as unknown and never
//! driven as if it were a CPS: guessing could make dmp spend a PIN try on a foreign card.

use std::fmt;

use crate::error::{Error, Result};

/// The generation of a CPS card, as far as the ATR tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Generation {
    /// CPS3 (IAS-ECC), contact interface, T=0.
    Cps3,
    /// CPS3 read through a contactless reader: no PIN, no signature.
    Cps3Contactless,
    /// CPS4 (NXP ChipDoc).
    Cps4,
    /// Not a CPS card dmp knows.
    Unknown,
}

impl Generation {
    pub fn name(self) -> &'static str {
        match self {
            Generation::Cps3 => "CPS3",
            Generation::Cps3Contactless => "CPS3 contactless",
            Generation::Cps4 => "CPS4",
            Generation::Unknown => "unknown",
        }
    }

    /// Whether this is a CPS card of any generation.
    pub fn is_cps(self) -> bool {
        self != Generation::Unknown
    }
}

impl fmt::Display for Generation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Generation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

const CPS3_CONTACT: [u8; 17] = [
    0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90,
    0x00,
];

const CPS3_CONTACTLESS: [u8; 20] = [
    0x3B, 0x8F, 0x80, 0x01, 0x00, 0x31, 0xB8, 0x64, 0x04, 0xB0, 0xEC, 0xC1, 0x73, 0x94, 0x01, 0x80,
    0x82, 0x90, 0x00, 0x0E,
];
const CPS3_CONTACTLESS_MASK: [u8; 20] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0xFF, 0xC0, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF,
];

const CPS4: [[u8; 17]; 3] = [
    [
        0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x04, 0x01, 0x00, 0x00,
        0x90, 0x44,
    ],
    // Release candidate.
    [
        0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00,
        0x90, 0x44,
    ],
    // Release candidate, T=0 only.
    [
        0x3B, 0xDC, 0x18, 0xFF, 0x00, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x04, 0x01, 0x00,
        0x90, 0x00,
    ],
];

/// The generation of the card whose ATR is `atr`.
pub fn detect(atr: &[u8]) -> Generation {
    if atr == CPS3_CONTACT {
        return Generation::Cps3;
    }
    if atr.len() == CPS3_CONTACTLESS.len()
        && atr
            .iter()
            .zip(CPS3_CONTACTLESS.iter().zip(CPS3_CONTACTLESS_MASK))
            .all(|(a, (r, m))| a & m == r & m)
    {
        return Generation::Cps3Contactless;
    }
    if CPS4.iter().any(|c| atr == c) {
        return Generation::Cps4;
    }
    Generation::Unknown
}

/// ATR as spaced hex, the way readers and references print it.
pub fn format_atr(atr: &[u8]) -> String {
    atr.iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "the card is not a CPS card issued by the ANS".
pub fn not_an_ans_card() -> Error {
    Error::card(crate::tr!("card-not-ans")).with_hint(crate::tr!("card-insert-cps-hint"))
}

/// EF.SN.ICC's tag, length and the ANS issuer prefix of the PAN.
const EF_SN_PREFIX: [u8; 7] = [0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01];

/// Checks EF.SN.ICC (12 bytes, `5A 0A 80 25 00 00 01` then the card number) and returns the
/// card serial: the 8 digits after the issuer prefix.
pub fn parse_serial(ef_sn: &[u8]) -> Result<String> {
    let not_cps = not_an_ans_card;
    if ef_sn.len() != 12 || !ef_sn.starts_with(&EF_SN_PREFIX) {
        return Err(not_cps());
    }
    let digits = hex::encode(&ef_sn[7..11]);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(not_cps());
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_generations() {
        assert_eq!(detect(&CPS3_CONTACT), Generation::Cps3);
        let mut cl = CPS3_CONTACTLESS;
        assert_eq!(detect(&cl), Generation::Cps3Contactless);
        cl[8] = 0x11;
        cl[9] = 0x22;
        cl[11] = 0xC5;
        assert_eq!(detect(&cl), Generation::Cps3Contactless);
        cl[11] = 0x01;
        assert_eq!(detect(&cl), Generation::Unknown);
        for c in CPS4 {
            assert_eq!(detect(&c), Generation::Cps4);
        }
        // A CPS3 ATR with another version byte is not guessed.
        let mut other = CPS3_CONTACT;
        other[12] = 0x04;
        assert_eq!(detect(&other), Generation::Unknown);
        assert_eq!(detect(&[]), Generation::Unknown);
        assert_eq!(detect(&[0x3B, 0x00]), Generation::Unknown);
    }

    #[test]
    fn names() {
        assert_eq!(Generation::Cps3.to_string(), "CPS3");
        assert_eq!(Generation::Cps3Contactless.to_string(), "CPS3 contactless");
        assert_eq!(Generation::Cps4.to_string(), "CPS4");
        assert_eq!(Generation::Unknown.to_string(), "unknown");
        assert_eq!(format_atr(&[0x3B, 0xAC, 0x00]), "3B AC 00");
    }

    #[test]
    fn serial_from_ef_sn() {
        let sn = [
            0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78, 0x9F,
        ];
        assert_eq!(parse_serial(&sn).unwrap(), "12345678");
        assert!(parse_serial(&sn[..11]).is_err());
        let mut other_issuer = sn;
        other_issuer[4] = 0x01;
        let err = parse_serial(&other_issuer).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Card);
        let mut not_bcd = sn;
        not_bcd[8] = 0x3A;
        assert!(parse_serial(&not_bcd).is_err());
    }
}
