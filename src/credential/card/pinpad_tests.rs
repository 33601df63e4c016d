//! PIN-pad readers over the scripted transport (vpcd has no pad): the feature request, the
//! exact PIN_VERIFY_STRUCTURE a CPS3 gets, and `enter_pin`'s rules when the pad takes the PIN.
//! The expected structures are written field by field from PC/SC part 10 §2.5.2, not from the
//! builder.

use std::cell::Cell;

use zeroize::Zeroizing;

use super::*;
use crate::commands::card::enter_pin;
use crate::commands::PinEntry;

/// `SCARD_CTL_CODE(3400)` on pcsc-lite: 0x42000000 + 3400.
const GET_FEATURES: u32 = 0x4200_0D48;
/// The control code this reader gives FEATURE_VERIFY_PIN_DIRECT.
const VERIFY_DIRECT: u32 = 0x4233_0006;
/// Its feature list: VERIFY_PIN_DIRECT (06) and MODIFY_PIN_DIRECT (07), 4-byte big-endian codes.
const PAD_FEATURES: &str = "06 04 42330006 07 04 42330007";

/// PIN_VERIFY_STRUCTURE for `00 20 00 01`, a variable-length ASCII PIN of 4 to 8 digits.
const CPS3_UNPADDED: &str = concat!(
    "1E",         // bTimerOut: 30 s
    "1E",         // bTimerOut2: 30 s
    "82",         // bmFormatString: byte units, PIN at offset 0, left-justified, ASCII
    "00",         // bmPINBlockString: no length field, block size 0 (variable length)
    "00",         // bmPINLengthFormat
    "0804",       // wPINMaxExtraDigit 0x0408 (min 4, max 8), little-endian
    "02",         // bEntryValidationCondition: validation key
    "01",         // bNumberMessage
    "0C04",       // wLangId 0x040C, little-endian
    "00",         // bMsgIndex
    "000000",     // bTeoPrologue
    "05000000",   // ulDataLength: 5
    "0020000100", // VERIFY, Lc completed by the reader
);

/// The same with the AODF's needs-padding: an 8-byte block of FF the reader writes over.
const CPS3_PADDED: &str = concat!(
    "1E1E82",
    "08", // bmPINBlockString: block of 8 bytes
    "00",
    "0804",
    "02",
    "01",
    "0C04",
    "00",
    "000000",
    "0D000000", // ulDataLength: 13
    "0020000108",
    "FFFFFFFFFFFFFFFF",
);

/// A PIN entry that records what it was asked; `keyboard` is what it would type.
struct Entry {
    pad_allowed: bool,
    keyboard: Option<&'static str>,
    confirm: bool,
    pad_prompts: Cell<u32>,
    keyboard_reads: Cell<u32>,
    confirmations: Cell<u32>,
}

impl Entry {
    fn new() -> Self {
        Entry {
            pad_allowed: true,
            keyboard: None,
            confirm: true,
            pad_prompts: Cell::new(0),
            keyboard_reads: Cell::new(0),
            confirmations: Cell::new(0),
        }
    }
}

impl PinEntry for Entry {
    fn pin(&self, _tries_left: u8) -> crate::error::Result<Zeroizing<String>> {
        self.keyboard_reads.set(self.keyboard_reads.get() + 1);
        match self.keyboard {
            Some(p) => Ok(Zeroizing::new(p.to_string())),
            None => Err(Error::internal("the keyboard was asked for the PIN")),
        }
    }
    fn confirm_last_try(&self) -> crate::error::Result<()> {
        self.confirmations.set(self.confirmations.get() + 1);
        if self.confirm {
            Ok(())
        } else {
            Err(Error::pin("not confirmed"))
        }
    }
    fn pad_allowed(&self) -> bool {
        self.pad_allowed
    }
    fn pad_prompt(&self, _tries_left: u8) -> crate::error::Result<()> {
        self.pad_prompts.set(self.pad_prompts.get() + 1);
        Ok(())
    }
}

/// The PIN state read without spending a try.
fn status(t: ScriptedTransport, sw: &str) -> ScriptedTransport {
    t.expect("00A4090C023F00", "9000").expect("00200001", sw)
}

/// The feature request and the verification on the pad, answered `answer`.
fn pad(t: ScriptedTransport, structure: &str, answer: &str) -> ScriptedTransport {
    t.expect_control(GET_FEATURES, "", PAD_FEATURES)
        .expect("00A4090C023F00", "9000")
        .expect_control(VERIFY_DIRECT, structure, answer)
}

#[test]
fn the_pin_is_typed_on_the_pad_with_the_cps3_structure() {
    let (s, t) = ready(false, |t| pad(status(t, "63C3"), CPS3_UNPADDED, "9000"));
    let entry = Entry::new();
    assert_eq!(enter_pin(&s, &entry, false).unwrap(), 3);
    assert_eq!(entry.pad_prompts.get(), 1);
    assert_eq!(entry.keyboard_reads.get(), 0, "nothing is read on the host");
    assert_eq!(t.remaining(), 0);
    // The session verified the PIN: the card is reset when it ends.
    drop(s);
    assert_eq!(t.resets(), 1);
}

#[test]
fn a_padded_pin_gets_a_block_of_pad_characters() {
    let (s, t) = ready(true, |t| pad(status(t, "63C3"), CPS3_PADDED, "9000"));
    enter_pin(&s, &Entry::new(), false).unwrap();
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_wrong_pin_on_the_pad_costs_one_try_and_is_not_retried() {
    let (s, t) = ready(false, |t| pad(status(t, "63C3"), CPS3_UNPADDED, "63C2"));
    let entry = Entry::new();
    let err = enter_pin(&s, &entry, false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Pin);
    assert_eq!(err.message(), "wrong PIN: 2 tries left");
    // One verification only, and no fallback to the keyboard.
    assert_eq!(t.remaining(), 0);
    assert_eq!(entry.pad_prompts.get(), 1);
    assert_eq!(entry.keyboard_reads.get(), 0);
    drop(s);
    assert_eq!(
        t.resets(),
        0,
        "a wrong PIN leaves nothing verified to reset"
    );
}

#[test]
fn a_blocked_card_answered_on_the_pad_is_reported() {
    let (s, t) = ready(false, |t| pad(status(t, "63C1"), CPS3_UNPADDED, "6983"));
    let entry = Entry::new();
    let err = enter_pin(&s, &entry, false).unwrap_err();
    assert_eq!(err.message(), "the card's PIN is blocked");
    // The last try was confirmed by the person before the pad was used.
    assert_eq!(entry.confirmations.get(), 1);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn timeout_and_cancel_on_the_pad_are_clear_errors() {
    for (answer, words) in [("6400", "in time"), ("6401", "cancelled")] {
        let (s, t) = ready(false, |t| pad(status(t, "63C3"), CPS3_UNPADDED, answer));
        let entry = Entry::new();
        let err = enter_pin(&s, &entry, false).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Pin, "{answer}");
        assert!(err.message().contains(words), "{}", err.message());
        assert!(err.hint().unwrap().contains("did not change"), "{answer}");
        assert_eq!(entry.keyboard_reads.get(), 0);
        assert_eq!(t.remaining(), 0);
    }
}

#[test]
fn the_last_try_is_not_spent_on_the_pad_without_confirmation() {
    // After the refusal nothing else reaches the reader or the card.
    let (s, t) = ready(false, |t| status(t, "63C1"));
    let entry = Entry {
        confirm: false,
        ..Entry::new()
    };
    assert!(enter_pin(&s, &entry, false).is_err());
    assert_eq!(entry.pad_prompts.get(), 0);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_reader_without_the_feature_falls_back_to_the_keyboard() {
    // The reader lists only VERIFY_PIN_START/FINISH: dmp does not use them.
    for features in ["", "01 04 42000D01 02 04 42000D02"] {
        let (s, t) = ready(false, |t| {
            status(t, "63C3")
                .expect_control(GET_FEATURES, "", features)
                .expect("00A4090C023F00", "9000")
                .expect("002000010431323334", "9000")
        });
        let entry = Entry {
            keyboard: Some("1234"),
            ..Entry::new()
        };
        enter_pin(&s, &entry, false).unwrap();
        assert_eq!(entry.keyboard_reads.get(), 1);
        assert_eq!(entry.pad_prompts.get(), 0);
        assert_eq!(t.remaining(), 0);
    }
}

#[test]
fn no_pinpad_takes_the_keyboard_without_asking_the_reader() {
    let (s, t) = ready(false, |t| {
        status(t, "63C3")
            .expect("00A4090C023F00", "9000")
            .expect("002000010431323334", "9000")
    });
    let entry = Entry {
        pad_allowed: false,
        keyboard: Some("1234"),
        ..Entry::new()
    };
    enter_pin(&s, &entry, false).unwrap();
    assert_eq!(entry.pad_prompts.get(), 0);
    assert_eq!(t.remaining(), 0);
}

#[test]
fn the_features_are_asked_once_per_session() {
    let (s, t) = ready(false, |t| t.expect_control(GET_FEATURES, "", PAD_FEATURES));
    assert!(s.pin_pad().has_pin_pad());
    assert!(s.pin_pad().has_pin_pad());
    assert_eq!(s.pin_pad().verify_pin_direct, Some(VERIFY_DIRECT));
    assert_eq!(t.remaining(), 0);
}
