//! The cardholder PIN: a type that cannot leak it, the card's PIN policy (from the AODF), the
//! PIN's state on the card, and the errors a user sees about it.
//!
//! The card is precious: a blocked CPS needs its PUK and a card-management tool. So a PIN is
//! checked for shape before it is ever sent, it is never retried, it never appears in `Debug`
//! output or error messages, and its bytes are wiped from memory when dropped.

use std::fmt;

use zeroize::{Zeroize, Zeroizing};

use super::apdu::StatusWord;
use super::pkcs15::{PasswordFlags, PasswordType, PinObject};
use crate::error::{Error, Result};

/// Bounds used before the card's own policy is known.
const ABSOLUTE_MIN: usize = 4;
const ABSOLUTE_MAX: usize = 16;

/// A cardholder PIN (digits only). Wiped on drop; `Debug` shows nothing of it.
#[derive(Clone)]
pub struct Pin {
    digits: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

impl Pin {
    /// Checks the shape of a PIN typed or read from a file: digits only, 4 to 16 of them
    /// (the card's own bounds are checked again before VERIFY). The error never repeats it.
    pub fn new(text: &str) -> Result<Pin> {
        if text.is_empty() {
            return Err(Error::input(crate::tr!("card-pin-empty"))
                .with_hint(crate::tr!("card-pin-empty-hint")));
        }
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::input(crate::tr!("card-pin-not-digits"))
                .with_hint(crate::tr!("card-pin-not-digits-hint")));
        }
        let pin = Pin {
            digits: Zeroizing::new(text.as_bytes().to_vec()),
        };
        pin.check_length(ABSOLUTE_MIN, ABSOLUTE_MAX)?;
        Ok(pin)
    }

    /// Like [`Pin::new`], consuming and wiping `text`. One trailing newline (`\n` or `\r\n`),
    /// as a PIN file usually ends, is ignored.
    pub fn from_string(mut text: String) -> Result<Pin> {
        let trimmed_len = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .map_or(text.len(), str::len);
        let result = Pin::new(&text[..trimmed_len]);
        text.zeroize();
        result
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.digits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.digits.is_empty()
    }

    fn check_length(&self, min: usize, max: usize) -> Result<()> {
        let n = self.digits.len();
        if n < min || n > max {
            let message = if min == max {
                crate::tr!("card-pin-length-exact", digits = n, expected = min)
            } else {
                crate::tr!("card-pin-length-range", digits = n, min = min, max = max)
            };
            return Err(Error::input(message).with_hint(crate::tr!("card-pin-length-hint")));
        }
        Ok(())
    }

    /// Checks the PIN against the card's policy (lengths from the AODF).
    pub fn check_policy(&self, policy: &PinPolicy) -> Result<()> {
        self.check_length(policy.min_length, policy.max_length)
    }

    /// The VERIFY data field: the digits, padded to the stored length only if the AODF says
    /// needs-padding.
    pub fn verify_data(&self, policy: &PinPolicy) -> Result<Zeroizing<Vec<u8>>> {
        self.check_policy(policy)?;
        match policy.pwd_type {
            PasswordType::AsciiNumeric | PasswordType::Utf8 => {}
            other => {
                return Err(Error::card(crate::tr!(
                    "card-pin-encoding-unsupported",
                    encoding = format!("{other:?}")
                ))
                .with_hint(crate::tr!("card-pin-encoding-unsupported-hint")))
            }
        }
        let mut data = Zeroizing::new(self.digits.to_vec());
        if policy.needs_padding && data.len() < policy.stored_length {
            data.resize(policy.stored_length, policy.pad_char);
        }
        Ok(data)
    }
}

/// What the card's AODF says about its PIN.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PinPolicy {
    /// VERIFY's P2 (the PIN reference; local PINs have bit 8 set).
    pub reference: u8,
    pub min_length: usize,
    pub max_length: usize,
    pub stored_length: usize,
    pub needs_padding: bool,
    pub pad_char: u8,
    pub pwd_type: PasswordType,
}

impl PinPolicy {
    /// The policy of an AODF PIN object.
    pub fn from_object(pin: &PinObject) -> PinPolicy {
        let mut reference = pin.reference.unwrap_or(0x01);
        if pin.flags.has(PasswordFlags::LOCAL) {
            reference |= 0x80;
        }
        let stored_length = pin.stored_length.max(pin.min_length);
        PinPolicy {
            reference,
            min_length: pin.min_length.max(1),
            max_length: pin.max_length.unwrap_or(stored_length).max(pin.min_length),
            stored_length,
            needs_padding: pin.flags.has(PasswordFlags::NEEDS_PADDING),
            pad_char: pin.pad_char.unwrap_or(0xFF),
            pwd_type: pin.pwd_type,
        }
    }
}

/// The PIN's state on the card, read without spending a try.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PinStatus {
    /// Already verified in this card session.
    Verified,
    /// Not verified; so many tries left before the card blocks.
    TriesLeft(u8),
    /// No try left: the PUK is needed.
    Blocked,
}

impl fmt::Display for PinStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PinStatus::Verified => f.write_str(&crate::tr!("card-pin-status-verified")),
            PinStatus::TriesLeft(n) => f.write_str(&crate::tr!("card-pin-tries-left", tries = *n)),
            PinStatus::Blocked => f.write_str(&crate::tr!("card-pin-status-blocked")),
        }
    }
}

impl PinStatus {
    /// The status told by the answer to VERIFY without data (`00 20 00 <ref>`), if it is one.
    pub fn from_status_word(sw: StatusWord) -> Option<PinStatus> {
        if sw.is_ok() {
            return Some(PinStatus::Verified);
        }
        if sw == StatusWord::AUTH_BLOCKED {
            return Some(PinStatus::Blocked);
        }
        match sw.tries_left() {
            Some(0) => Some(PinStatus::Blocked),
            Some(n) => Some(PinStatus::TriesLeft(n)),
            None => None,
        }
    }
}

/// "wrong PIN: N tries left".
pub fn wrong_pin_error(tries_left: u8) -> Error {
    Error::pin(crate::tr!("card-pin-wrong", tries = tries_left))
        .with_hint(crate::tr!("card-pin-wrong-hint", tries = tries_left))
}

/// "the card's PIN is blocked".
pub fn blocked_error() -> Error {
    Error::pin(crate::tr!("card-pin-blocked")).with_hint(crate::tr!("card-pin-blocked-hint"))
}

/// The result of VERIFY with the PIN: `Ok` when accepted, else the user-facing error.
pub fn verify_outcome(sw: StatusWord) -> Result<()> {
    match PinStatus::from_status_word(sw) {
        Some(PinStatus::Verified) => Ok(()),
        Some(PinStatus::TriesLeft(n)) => Err(wrong_pin_error(n)),
        Some(PinStatus::Blocked) => Err(blocked_error()),
        None if sw == StatusWord::WRONG_LENGTH || sw == StatusWord::INCORRECT_DATA => {
            Err(Error::pin(crate::tr!(
                "card-pin-format-rejected",
                meaning = sw.meaning(),
                status = sw.to_string()
            ))
            .with_hint(crate::tr!("card-pin-format-rejected-hint")))
        }
        None => Err(sw.to_error(&crate::tr!("card-op-verify-pin"))),
    }
}

/// The caller's guard before VERIFY: a blocked PIN is never tried, and the last remaining try is
/// refused unless a person at a terminal confirmed it.
pub fn check_tries_before_verify(status: PinStatus, confirmed_by_person: bool) -> Result<()> {
    match status {
        PinStatus::Verified => Ok(()),
        PinStatus::Blocked | PinStatus::TriesLeft(0) => Err(blocked_error()),
        PinStatus::TriesLeft(1) if !confirmed_by_person => {
            Err(Error::pin(crate::tr!("card-pin-last-try"))
                .with_hint(crate::tr!("card-pin-last-try-hint")))
        }
        PinStatus::TriesLeft(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn policy(needs_padding: bool) -> PinPolicy {
        PinPolicy {
            reference: 0x01,
            min_length: 4,
            max_length: 8,
            stored_length: 8,
            needs_padding,
            pad_char: 0xFF,
            pwd_type: PasswordType::AsciiNumeric,
        }
    }

    #[test]
    fn pins_are_validated_without_echo() {
        assert!(Pin::new("1234").is_ok());
        for bad in ["", "12a4", "12 34", "123", "12345678901234567"] {
            let err = Pin::new(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Input, "{bad}");
            if !bad.is_empty() {
                assert!(!err.message().contains(bad), "{}", err.message());
            }
        }
        let pin = Pin::from_string("4321\n".to_string()).unwrap();
        assert_eq!(pin.len(), 4);
        assert!(Pin::from_string("4321\r\n".to_string()).is_ok());
        assert_eq!(format!("{pin:?}"), "Pin(<redacted>)");
        let long = Pin::new("123456789").unwrap();
        let err = long.check_policy(&policy(false)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Input);
        assert_eq!(
            err.message(),
            "the PIN has 9 digits, the card expects 4 to 8 digits"
        );
    }

    #[test]
    fn padding_follows_the_aodf() {
        let pin = Pin::new("1234").unwrap();
        assert_eq!(&pin.verify_data(&policy(false)).unwrap()[..], b"1234");
        assert_eq!(
            &pin.verify_data(&policy(true)).unwrap()[..],
            &[0x31, 0x32, 0x33, 0x34, 0xFF, 0xFF, 0xFF, 0xFF]
        );
        let mut bcd = policy(false);
        bcd.pwd_type = PasswordType::Bcd;
        assert_eq!(pin.verify_data(&bcd).unwrap_err().kind(), ErrorKind::Card);
    }

    #[test]
    fn policy_from_aodf() {
        use super::super::pkcs15::{parse_aodf, testdata};
        let pins = parse_aodf(&testdata::aodf(false)).unwrap();
        let p = PinPolicy::from_object(&pins[0]);
        assert_eq!(p, policy(false));
        let mut local = pins[0].clone();
        local.flags = PasswordFlags(local.flags.0 | PasswordFlags::LOCAL);
        assert_eq!(PinPolicy::from_object(&local).reference, 0x81);
    }

    #[test]
    fn status_words_to_pin_status_and_errors() {
        assert_eq!(
            PinStatus::from_status_word(StatusWord(0x9000)),
            Some(PinStatus::Verified)
        );
        assert_eq!(
            PinStatus::from_status_word(StatusWord(0x63C2)),
            Some(PinStatus::TriesLeft(2))
        );
        assert_eq!(
            PinStatus::from_status_word(StatusWord(0x63C0)),
            Some(PinStatus::Blocked)
        );
        assert_eq!(
            PinStatus::from_status_word(StatusWord(0x6983)),
            Some(PinStatus::Blocked)
        );
        assert_eq!(PinStatus::from_status_word(StatusWord(0x6A88)), None);

        let err = verify_outcome(StatusWord(0x63C2)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Pin);
        assert_eq!(err.message(), "wrong PIN: 2 tries left");
        assert!(err.hint().is_some());
        assert_eq!(
            verify_outcome(StatusWord(0x63C1)).unwrap_err().message(),
            "wrong PIN: 1 try left"
        );
        let err = verify_outcome(StatusWord(0x6983)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Pin);
        assert_eq!(err.message(), "the card's PIN is blocked");
        assert!(err.hint().unwrap().contains("PUK"));
        assert!(verify_outcome(StatusWord(0x9000)).is_ok());
        assert_eq!(
            verify_outcome(StatusWord(0x6700)).unwrap_err().kind(),
            ErrorKind::Pin
        );
        assert_eq!(
            verify_outcome(StatusWord(0x6D00)).unwrap_err().kind(),
            ErrorKind::Card
        );
    }

    #[test]
    fn last_try_needs_a_person() {
        assert!(check_tries_before_verify(PinStatus::TriesLeft(3), false).is_ok());
        assert!(check_tries_before_verify(PinStatus::TriesLeft(2), false).is_ok());
        assert!(check_tries_before_verify(PinStatus::Verified, false).is_ok());
        let err = check_tries_before_verify(PinStatus::TriesLeft(1), false).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Pin);
        assert!(check_tries_before_verify(PinStatus::TriesLeft(1), true).is_ok());
        assert!(check_tries_before_verify(PinStatus::Blocked, true).is_err());
        assert_eq!(PinStatus::TriesLeft(3).to_string(), "3 tries left");
        assert_eq!(PinStatus::TriesLeft(1).to_string(), "1 try left");
    }
    #[test]
    fn card_errors_read_in_french() {
        // `format_in` rather than `set_lang`: the language is process-wide and the other tests
        // read the English texts in parallel.
        use crate::i18n::{format_in, Arg, Lang};
        let tries = |n: u8| [("tries", Arg::from(n))];
        // The English texts are the ones the errors carry.
        assert_eq!(
            format_in(Lang::En, "card-pin-wrong", &tries(2)),
            wrong_pin_error(2).message()
        );
        assert_eq!(
            format_in(Lang::En, "card-pin-blocked", &[]),
            blocked_error().message()
        );
        let removed = super::super::reader::map_pcsc_error(
            pcsc::Error::RemovedCard,
            super::super::reader::PcscStage::Command,
        );
        assert_eq!(
            format_in(Lang::En, "card-removed-during-command", &[]),
            removed.message()
        );
        // And in French, with the plural of the tries left.
        assert_eq!(
            format_in(Lang::Fr, "card-pin-wrong", &tries(1)),
            "code PIN erroné\u{a0}: 1 essai restant"
        );
        assert_eq!(
            format_in(Lang::Fr, "card-pin-wrong", &tries(2)),
            "code PIN erroné\u{a0}: 2 essais restants"
        );
        assert_eq!(
            format_in(Lang::Fr, "card-pin-tries-left", &tries(3)),
            "3 essais restants"
        );
        assert_eq!(
            format_in(Lang::Fr, "card-pin-blocked", &[]),
            "le code PIN de la carte est bloqué"
        );
        assert!(format_in(Lang::Fr, "card-pin-blocked-hint", &[]).contains("PUK"));
        assert_eq!(
            format_in(Lang::Fr, "card-removed-during-command", &[]),
            "la carte a été retirée pendant la commande\u{a0}; rien n'a été signé ni envoyé"
        );
        assert_eq!(
            format_in(
                Lang::Fr,
                "card-absent-in-reader",
                &[("reader", Arg::from("Gemalto PC Twin Reader 00 00"))]
            ),
            "aucune carte dans le lecteur «\u{a0}Gemalto PC Twin Reader 00 00\u{a0}»"
        );
        // The status word stays as the card sent it.
        assert_eq!(
            format_in(
                Lang::Fr,
                "card-refused",
                &[
                    ("operation", Arg::from(format_in(Lang::Fr, "card-op-verify-pin", &[]))),
                    ("meaning", Arg::from(format_in(Lang::Fr, "card-sw-6a82", &[]))),
                    ("status", Arg::from("6A 82")),
                ]
            ),
            "la carte a refusé de vérifier le code PIN\u{a0}: fichier ou application introuvable (statut 6A 82)"
        );
    }
}
