//! The INS (Identifiant National de Santé): the patient identifier the DMP requires.
//!
//! An INS is a 15-character matricule (the NIR or the NIA: 13 characters plus a 2-digit check
//! key) qualified by the OID of its assigning authority. The check key is
//! `97 - (N mod 97)` where `N` is the 13 first characters read as a number, after replacing the
//! Corsican department codes `2A` by `19` and `2B` by `18`.
//!
//! Everything here runs before any network call, so a typo in an INS is reported with the
//! expected key instead of a DMP error.
//!
//! Assumptions (reference §8):
//! - the NIA (`1.2.250.1.213.1.4.9`) uses the same key algorithm as the NIR;
//! - an INS typed without an OID gets the default authority chosen by the caller
//!   ([`Ins::parse_with_default`]); [`Ins::parse`] defaults to the real INS-NIR.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// OID of the real INS-NIR authority.
pub const OID_INS_NIR: &str = "1.2.250.1.213.1.4.8";
/// OID of the INS-NIA authority (temporary identifiers).
pub const OID_INS_NIA: &str = "1.2.250.1.213.1.4.9";
/// OID of test INS-NIR (test platforms only).
pub const OID_INS_NIR_TEST: &str = "1.2.250.1.213.1.4.10";
/// OID of demonstration INS-NIR.
pub const OID_INS_NIR_DEMO: &str = "1.2.250.1.213.1.4.11";
/// Obsolete INS-C (22 digits), seen in TD0.2 responses beside the INS: never accepted as input.
pub const OID_INS_C: &str = "1.2.250.1.213.1.4.2";

/// The assigning authority of an INS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InsAuthority {
    /// Real INS-NIR (production).
    Nir,
    /// INS-NIA (identifier waiting for a NIR).
    Nia,
    /// Test INS-NIR (DMP test platforms).
    TestNir,
    /// Demonstration INS-NIR.
    DemoNir,
}

impl InsAuthority {
    pub const ALL: [InsAuthority; 4] = [
        InsAuthority::Nir,
        InsAuthority::Nia,
        InsAuthority::TestNir,
        InsAuthority::DemoNir,
    ];

    pub fn oid(self) -> &'static str {
        match self {
            InsAuthority::Nir => OID_INS_NIR,
            InsAuthority::Nia => OID_INS_NIA,
            InsAuthority::TestNir => OID_INS_NIR_TEST,
            InsAuthority::DemoNir => OID_INS_NIR_DEMO,
        }
    }

    pub fn from_oid(oid: &str) -> Option<Self> {
        let oid = oid.strip_prefix("urn:oid:").unwrap_or(oid);
        Self::ALL.into_iter().find(|a| a.oid() == oid)
    }

    /// Short label for display.
    pub fn label(self) -> &'static str {
        match self {
            InsAuthority::Nir => "INS-NIR",
            InsAuthority::Nia => "INS-NIA",
            InsAuthority::TestNir => "INS-NIR (test)",
            InsAuthority::DemoNir => "INS-NIR (demo)",
        }
    }

    /// True for the authorities that only exist on test or demonstration platforms.
    pub fn is_test(self) -> bool {
        matches!(self, InsAuthority::TestNir | InsAuthority::DemoNir)
    }
}

/// A checked INS: 15 characters (13 + 2-digit key) and its authority.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ins {
    number: String,
    authority: InsAuthority,
}

impl Ins {
    /// Checks `number` (spaces are ignored) and builds the INS.
    pub fn new(number: &str, authority: InsAuthority) -> Result<Ins> {
        let number: String = number.chars().filter(|c| !c.is_whitespace()).collect();
        let number = number.to_ascii_uppercase();
        let len = number.chars().count();
        if len != 15 {
            return Err(
                Error::input(crate::tr!("model-ins-length", number = &number, len = len))
                    .with_hint(crate::tr!("model-ins-length-hint")),
            );
        }
        let (body, key) = number.split_at(13);
        let expected = check_key(body)?;
        if !key.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::input(crate::tr!(
                "model-ins-key-not-numeric",
                number = &number,
                key = key,
                expected = format!("{expected:02}")
            )));
        }
        let given: u32 = key.parse().unwrap_or(u32::MAX);
        if given != expected {
            return Err(Error::input(crate::tr!(
                "model-ins-key-mismatch",
                number = &number,
                key = key,
                expected = format!("{expected:02}")
            ))
            .with_hint(crate::tr!("model-ins-key-mismatch-hint")));
        }
        Ok(Ins { number, authority })
    }

    /// Parses `INS`, `INS@OID`, `INS^^^&OID&ISO^NH` (HL7 CX) or `urn:oid:OID|INS`-less forms.
    /// Without an OID, the real INS-NIR authority is assumed.
    pub fn parse(input: &str) -> Result<Ins> {
        Self::parse_with_default(input, InsAuthority::Nir)
    }

    /// Like [`Ins::parse`], with the authority to use when the input carries no OID (a test
    /// configuration passes [`InsAuthority::TestNir`]).
    pub fn parse_with_default(input: &str, default: InsAuthority) -> Result<Ins> {
        let input = input.trim();
        let (number, oid) = if let Some((n, rest)) = input.split_once("^^^") {
            // HL7 CX: NUMBER^^^&OID&ISO^NH
            let oid = rest
                .trim_start_matches('&')
                .split('&')
                .next()
                .unwrap_or_default();
            (n, Some(oid))
        } else if let Some((n, oid)) = input.split_once('@') {
            (n, Some(oid))
        } else {
            (input, None)
        };
        let authority = match oid.map(str::trim) {
            None => default,
            Some(oid) => InsAuthority::from_oid(oid).ok_or_else(|| {
                Error::input(crate::tr!("model-ins-not-authority", oid = oid)).with_hint(
                    crate::tr!(
                        "model-ins-authorities",
                        nir = OID_INS_NIR,
                        nia = OID_INS_NIA,
                        test = OID_INS_NIR_TEST,
                        demo = OID_INS_NIR_DEMO
                    ),
                )
            })?,
        };
        Ins::new(number, authority)
    }

    /// The 15-character matricule.
    pub fn number(&self) -> &str {
        &self.number
    }

    pub fn authority(&self) -> InsAuthority {
        self.authority
    }

    pub fn oid(&self) -> &'static str {
        self.authority.oid()
    }

    /// The HL7 v2 CX form used by the VIHF resource-id and the XDS patientId:
    /// `NUMBER^^^&OID&ISO^NH`.
    pub fn to_cx(&self) -> String {
        format!("{}^^^&{}&ISO^NH", self.number, self.oid())
    }
}

impl fmt::Display for Ins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.number, self.oid())
    }
}

impl FromStr for Ins {
    type Err = Error;
    fn from_str(s: &str) -> Result<Ins> {
        Ins::parse(s)
    }
}

/// The 2-digit key of the 13 first characters of a NIR (Corsica `2A`/`2B` handled).
pub fn check_key(first13: &str) -> Result<u32> {
    let s = first13.to_ascii_uppercase();
    if s.len() != 13 || !s.is_ascii() {
        return Err(Error::input(crate::tr!(
            "model-ins-not-body",
            text = first13
        )));
    }
    let digits = match &s[5..7] {
        "2A" => format!("{}19{}", &s[..5], &s[7..]),
        "2B" => format!("{}18{}", &s[..5], &s[7..]),
        _ => s.clone(),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::input(crate::tr!(
            "model-ins-not-digits",
            text = first13
        )));
    }
    let n: u64 = digits
        .parse()
        .map_err(|_| Error::input(crate::tr!("model-ins-not-number", text = first13)))?;
    Ok((97 - (n % 97)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn official_test_ins_is_valid() {
        let ins = Ins::parse("207058575627097@1.2.250.1.213.1.4.10").unwrap();
        assert_eq!(ins.number(), "207058575627097");
        assert_eq!(ins.authority(), InsAuthority::TestNir);
        assert_eq!(
            ins.to_cx(),
            "207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH"
        );
    }

    #[test]
    fn key_computation() {
        // 1 84 12 76 451 089 -> N mod 97 computed by hand: key 46
        assert_eq!(check_key("1841276451089").unwrap(), 46);
        assert_eq!(check_key("2070585756270").unwrap(), 97);
    }

    #[test]
    fn corsica() {
        // 2A -> 19, 2B -> 18
        let n19: u64 = 1_851_019_123_456;
        let key19 = 97 - (n19 % 97) as u32;
        assert_eq!(check_key("185102A123456").unwrap(), key19);
        let n18: u64 = 1_851_018_123_456;
        let key18 = 97 - (n18 % 97) as u32;
        assert_eq!(check_key("185102B123456").unwrap(), key18);
        let ins = Ins::new(&format!("185102a123456{key19:02}"), InsAuthority::Nir).unwrap();
        assert_eq!(ins.number(), format!("185102A123456{key19:02}"));
        assert!(Ins::new(&format!("185102B123456{key19:02}"), InsAuthority::Nir).is_err());
    }

    #[test]
    fn wrong_key_names_expected_key() {
        let e = Ins::parse("207058575627096").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Input);
        assert!(e.message().contains("97"), "{}", e.message());
        assert!(e.message().contains("96"), "{}", e.message());
    }

    #[test]
    fn wrong_length() {
        let e = Ins::parse("20705857562709").unwrap_err();
        assert!(e.message().contains("14 characters"), "{}", e.message());
    }

    #[test]
    fn bad_oid() {
        let e = Ins::parse("207058575627097@1.2.3").unwrap_err();
        assert!(e.message().contains("1.2.3"));
        assert!(e.hint().unwrap().contains(OID_INS_NIR));
    }

    #[test]
    fn cx_and_spaces_and_default() {
        let ins = Ins::parse("207058575627097^^^&1.2.250.1.213.1.4.8&ISO^NH").unwrap();
        assert_eq!(ins.authority(), InsAuthority::Nir);
        let ins = Ins::parse_with_default("2 07 05 85 756 270 97", InsAuthority::TestNir).unwrap();
        assert_eq!(ins.oid(), OID_INS_NIR_TEST);
        assert_eq!(ins.to_string(), "207058575627097@1.2.250.1.213.1.4.10");
        assert!(Ins::parse("20705857562709X").is_err());
        assert!(Ins::parse("2070585756270AB").is_err());
    }
}
