//! The health professional's national identifier ("identifiant national", idNat), as found in
//! the CN of the CPS authentication certificate and sent to the DMP in the VIHF assertion.
//!
//! The first character says which directory the number comes from: `8` + RPPS (11 digits),
//! `0` + ADELI, `3` + structure id + `/` + number for employee cards. ANS test cards carry RPPS
//! numbers starting with `99700` (so `899700…`). Anything else is kept as given and typed
//! `Other`, never rejected, so that a new kind of card does not stop dmp.

use std::fmt;

use crate::error::{Error, Result};

/// The directory a national identifier comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalIdKind {
    /// `8` + RPPS number (11 digits).
    Rpps,
    /// `0` + ADELI number.
    Adeli,
    /// Anything else (employee cards `3…/…`, unknown prefixes).
    Other,
}

impl NationalIdKind {
    pub fn name(self) -> &'static str {
        match self {
            NationalIdKind::Rpps => "RPPS",
            NationalIdKind::Adeli => "ADELI",
            NationalIdKind::Other => "other",
        }
    }
}

impl fmt::Display for NationalIdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A practitioner's national identifier, prefix included (e.g. `899700000017`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct NationalId {
    value: String,
    kind: NationalIdKind,
}

/// The OID under which RPPS-based identifiers are published (FHIR identifier system).
pub const RPPS_OID: &str = "1.2.250.1.71.4.2.1";

impl NationalId {
    /// Parses and classifies an identifier: letters, digits and `/` only, 2 to 40 characters.
    pub fn parse(text: &str) -> Result<NationalId> {
        let value = text.trim();
        if value.len() < 2
            || value.len() > 40
            || !value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'/')
        {
            return Err(
                Error::input(crate::tr!("model-not-a-national-id", text = text))
                    .with_hint(crate::tr!("model-not-a-national-id-hint")),
            );
        }
        let digits_after = |n: usize| value.len() == n && value.bytes().all(|b| b.is_ascii_digit());
        let kind = match value.as_bytes()[0] {
            b'8' if digits_after(12) => NationalIdKind::Rpps,
            b'0' if value.len() == 10 && value.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                NationalIdKind::Adeli
            }
            _ => NationalIdKind::Other,
        };
        Ok(NationalId {
            value: value.to_string(),
            kind,
        })
    }

    /// The whole identifier, prefix included (what the VIHF carries).
    pub fn as_str(&self) -> &str {
        &self.value
    }

    pub fn kind(&self) -> NationalIdKind {
        self.kind
    }

    /// The number without its type prefix (the RPPS or ADELI number), for RPPS and ADELI.
    pub fn number(&self) -> Option<&str> {
        match self.kind {
            NationalIdKind::Rpps | NationalIdKind::Adeli => Some(&self.value[1..]),
            NationalIdKind::Other => None,
        }
    }

    /// An ANS test card (RPPS numbers starting with 99700).
    pub fn is_test(&self) -> bool {
        self.kind == NationalIdKind::Rpps && self.value.starts_with("899700")
    }
}

impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_identifiers() {
        let id = NationalId::parse("899700000017").unwrap();
        assert_eq!(id.kind(), NationalIdKind::Rpps);
        assert_eq!(id.number(), Some("99700000017"));
        assert!(id.is_test());
        assert_eq!(id.to_string(), "899700000017");

        let id = NationalId::parse("810001234567").unwrap();
        assert_eq!(id.kind(), NationalIdKind::Rpps);
        assert!(!id.is_test());

        let id = NationalId::parse("00B7010446").unwrap();
        assert_eq!(id.kind(), NationalIdKind::Adeli);
        assert_eq!(id.number(), Some("0B7010446"));

        let id = NationalId::parse("3760021832/000000018").unwrap();
        assert_eq!(id.kind(), NationalIdKind::Other);
        assert_eq!(id.number(), None);

        // 8 but not 11 digits after: not an RPPS id.
        assert_eq!(
            NationalId::parse("81234").unwrap().kind(),
            NationalIdKind::Other
        );
        assert_eq!(
            NationalId::parse("8123456789AB").unwrap().kind(),
            NationalIdKind::Other
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "8", "8997 00000017", "89970000001é", "a;b"] {
            let err = NationalId::parse(bad).unwrap_err();
            assert_eq!(err.kind(), crate::ErrorKind::Input, "{bad}");
        }
        assert_eq!(NationalIdKind::Rpps.to_string(), "RPPS");
    }
}
