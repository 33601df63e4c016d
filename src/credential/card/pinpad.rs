//! PIN-pad readers (PC/SC part 10): finding the pad, and the verification the reader runs with
//! the PIN typed on it, so the PIN never reaches the host.
//!
//! The reader lists its features when asked with `CM_IOCTL_GET_FEATURE_REQUEST`: TLVs of a
//! one-byte tag, a length of 4 and the feature's control code, big-endian. dmp uses
//! `FEATURE_VERIFY_PIN_DIRECT`: one control call carrying a `PIN_VERIFY_STRUCTURE` (part 10
//! §2.5.2) whose `abData` is the card's VERIFY command with room for the PIN; the reader reads
//! the digits on its pad, writes them into the command, sends it and hands back the card's
//! status word, or its own (`64 00` timeout, `64 01` cancelled, `64 03` wrong length).
//!
//! The PIN block follows the card's PIN policy (the AODF), as keyboard entry does (`pin.rs`):
//! ASCII digits, left-justified; padded to the stored length with the pad character when the
//! AODF says needs-padding (the template carries the pad bytes, the reader overwrites the first
//! ones); otherwise the block has no fixed size, the template ends at Lc = 00 and the reader
//! sets Lc to the number of digits typed (a PIN block size of 0: a variable-length PIN).

use super::apdu::StatusWord;
use super::pin::{self, PinPolicy};
use super::pkcs15::PasswordType;
use crate::error::{Error, Result};

/// `CM_IOCTL_GET_FEATURE_REQUEST` before `SCARD_CTL_CODE` (part 10 §2.2).
const GET_FEATURE_REQUEST: u32 = 3400;
/// Verify the PIN in one call, the reader running the whole entry.
pub const FEATURE_VERIFY_PIN_DIRECT: u8 = 0x06;
/// The two-step verification (start, then finish); listed, not used.
pub const FEATURE_VERIFY_PIN_START: u8 = 0x01;
pub const FEATURE_VERIFY_PIN_FINISH: u8 = 0x02;

/// Seconds the reader waits for the PIN (and between keys once typing started): time enough
/// for a person to find the pad, short enough that an unattended run does not hang.
pub const ENTRY_TIMEOUT_SECONDS: u8 = 30;
/// French (0x040C): the language of the reader's messages, for readers with a display.
const LANG_FRENCH: u16 = 0x040C;

/// The control code of `CM_IOCTL_GET_FEATURE_REQUEST` on this platform (`SCARD_CTL_CODE(3400)`:
/// 0x42000D48 on pcsc-lite).
pub fn get_feature_request_code() -> u32 {
    pcsc::ctl_code(GET_FEATURE_REQUEST as _) as u32
}

/// What the reader offers for PIN entry (control codes from its feature list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PinPadFeatures {
    pub verify_pin_direct: Option<u32>,
    pub verify_pin_start: Option<u32>,
    pub verify_pin_finish: Option<u32>,
}

impl PinPadFeatures {
    /// The reader can verify a PIN typed on its pad (the feature dmp uses).
    pub fn has_pin_pad(&self) -> bool {
        self.verify_pin_direct.is_some()
    }
}

/// Parses the answer to `CM_IOCTL_GET_FEATURE_REQUEST`. Features of other tags are skipped; a
/// truncated list or a code of another length than 4 is an error (the reader is then treated
/// as having no pad).
pub fn parse_features(tlv: &[u8]) -> Result<PinPadFeatures> {
    let malformed = || {
        Error::reader(crate::tr!(
            "card-pinpad-features-malformed",
            bytes = hex::encode_upper(tlv)
        ))
        .with_hint(crate::tr!("card-pinpad-features-malformed-hint"))
    };
    let mut features = PinPadFeatures::default();
    let mut rest = tlv;
    while !rest.is_empty() {
        let [tag, len, tail @ ..] = rest else {
            return Err(malformed());
        };
        let len = *len as usize;
        if len != 4 || tail.len() < len {
            return Err(malformed());
        }
        let code = u32::from_be_bytes([tail[0], tail[1], tail[2], tail[3]]);
        match *tag {
            FEATURE_VERIFY_PIN_DIRECT => features.verify_pin_direct = Some(code),
            FEATURE_VERIFY_PIN_START => features.verify_pin_start = Some(code),
            FEATURE_VERIFY_PIN_FINISH => features.verify_pin_finish = Some(code),
            _ => {}
        }
        rest = &tail[len..];
    }
    Ok(features)
}

/// The `PIN_VERIFY_STRUCTURE` for VERIFY (`cla 20 00 <reference>`) of the PIN `policy`
/// describes. Nothing secret is in it: the reader adds the digits.
pub fn verify_structure(cla: u8, policy: &PinPolicy) -> Result<Vec<u8>> {
    match policy.pwd_type {
        PasswordType::AsciiNumeric | PasswordType::Utf8 => {}
        other => {
            return Err(Error::card(crate::tr!(
                "card-pinpad-encoding-unsupported",
                encoding = format!("{other:?}")
            ))
            .with_hint(crate::tr!("card-use-no-pinpad-hint")))
        }
    }
    let min = policy.min_length.min(0xFF) as u8;
    let max = policy.max_length.min(0xFF) as u8;
    let (block_size, template): (u8, Vec<u8>) = if policy.needs_padding {
        // The block size is four bits wide.
        if policy.stored_length == 0 || policy.stored_length > 0x0F {
            return Err(Error::card(crate::tr!(
                "card-pinpad-block-too-long",
                bytes = policy.stored_length
            ))
            .with_hint(crate::tr!("card-use-no-pinpad-hint")));
        }
        let n = policy.stored_length as u8;
        (n, vec![policy.pad_char; policy.stored_length])
    } else {
        (0, Vec::new())
    };
    let mut apdu = vec![cla, 0x20, 0x00, policy.reference, template.len() as u8];
    apdu.extend_from_slice(&template);

    let mut s = Vec::with_capacity(19 + apdu.len());
    s.push(ENTRY_TIMEOUT_SECONDS); // bTimerOut
    s.push(ENTRY_TIMEOUT_SECONDS); // bTimerOut2
                                   // bmFormatString: units are bytes (bit 7), the PIN at offset 0 after Lc (bits 6-3),
                                   // left-justified (bit 2 = 0), ASCII (bits 1-0 = 10).
    s.push(0x80 | 0x02);
    // bmPINBlockString: no PIN length field in the command (bits 7-4), block size (bits 3-0).
    s.push(block_size);
    s.push(0x00); // bmPINLengthFormat: no length field
    s.extend_from_slice(&(u16::from(min) << 8 | u16::from(max)).to_le_bytes()); // wPINMaxExtraDigit
    s.push(0x02); // bEntryValidationCondition: the validation key
    s.push(0x01); // bNumberMessage: one message ("enter PIN")
    s.extend_from_slice(&LANG_FRENCH.to_le_bytes()); // wLangId
    s.push(0x00); // bMsgIndex
    s.extend_from_slice(&[0x00, 0x00, 0x00]); // bTeoPrologue (T=1 only)
    s.extend_from_slice(&(apdu.len() as u32).to_le_bytes()); // ulDataLength
    s.extend_from_slice(&apdu);
    Ok(s)
}

/// The outcome of a verification on the pad: the card's status word (`90 00` accepted,
/// `63 Cx` wrong, `69 83` blocked) or the reader's own.
pub fn verify_outcome(answer: &[u8], policy: &PinPolicy) -> Result<()> {
    let [.., sw1, sw2] = answer else {
        return Err(Error::reader(crate::tr!(
            "card-pinpad-answer-unknown",
            bytes = hex::encode_upper(answer)
        ))
        .with_hint(crate::tr!("card-pinpad-answer-unknown-hint")));
    };
    match StatusWord(u16::from_be_bytes([*sw1, *sw2])) {
        StatusWord(0x6400) => Err(Error::pin(crate::tr!("card-pinpad-timeout")).with_hint(
            crate::tr!("card-pinpad-timeout-hint", seconds = ENTRY_TIMEOUT_SECONDS),
        )),
        StatusWord(0x6401) => Err(Error::pin(crate::tr!("card-pinpad-cancelled"))
            .with_hint(crate::tr!("card-pinpad-cancelled-hint"))),
        StatusWord(0x6403) => Err(Error::pin(if policy.min_length == policy.max_length {
            crate::tr!(
                "card-pinpad-wrong-length-exact",
                expected = policy.min_length
            )
        } else {
            crate::tr!(
                "card-pinpad-wrong-length-range",
                min = policy.min_length,
                max = policy.max_length
            )
        })
        .with_hint(crate::tr!("card-pinpad-wrong-length-hint"))),
        StatusWord(0x6B80) => Err(Error::reader(crate::tr!("card-pinpad-refused"))
            .with_hint(crate::tr!("card-pinpad-refused-hint"))),
        sw => pin::verify_outcome(sw),
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
    fn the_ioctl_is_scard_ctl_code_3400() {
        // pcsc-lite's SCARD_CTL_CODE(code) is 0x42000000 + code.
        if cfg!(target_os = "linux") {
            assert_eq!(get_feature_request_code(), 0x4200_0000 + 3400);
        }
    }

    #[test]
    fn feature_list_parsing() {
        // A CCID pinpad reader: VERIFY_PIN_DIRECT (06), MODIFY_PIN_DIRECT (07), IFD_PIN_PROPERTIES
        // (0A), GET_TLV_PROPERTIES (12), each with its control code big-endian.
        let tlv =
            hex::decode("060442330006 070442330007 0A044233000A 120442330012".replace(' ', ""))
                .unwrap();
        let f = parse_features(&tlv).unwrap();
        assert_eq!(f.verify_pin_direct, Some(0x4233_0006));
        assert_eq!(f.verify_pin_start, None);
        assert!(f.has_pin_pad());

        let f = parse_features(&hex::decode("010442000D01020442000D02").unwrap()).unwrap();
        assert_eq!(f.verify_pin_start, Some(0x4200_0D01));
        assert_eq!(f.verify_pin_finish, Some(0x4200_0D02));
        assert!(!f.has_pin_pad());

        // A reader without features answers nothing.
        assert_eq!(parse_features(&[]).unwrap(), PinPadFeatures::default());
        // Truncated, or a length other than 4.
        for bad in ["0604423300", "06", "06024233", "0605423300060A"] {
            let e = parse_features(&hex::decode(bad).unwrap()).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Reader, "{bad}");
        }
    }

    #[test]
    fn pad_status_words_become_clear_errors() {
        let p = policy(false);
        assert!(verify_outcome(&[0x90, 0x00], &p).is_ok());
        let e = verify_outcome(&[0x63, 0xC2], &p).unwrap_err();
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Pin, "wrong PIN: 2 tries left")
        );
        let e = verify_outcome(&[0x69, 0x83], &p).unwrap_err();
        assert_eq!(e.message(), "the card's PIN is blocked");
        let e = verify_outcome(&[0x64, 0x00], &p).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Pin);
        assert!(e.message().contains("in time"), "{}", e.message());
        assert!(e.hint().unwrap().contains("did not change"));
        let e = verify_outcome(&[0x64, 0x01], &p).unwrap_err();
        assert!(e.message().contains("cancelled"), "{}", e.message());
        let e = verify_outcome(&[0x64, 0x03], &p).unwrap_err();
        assert!(e.message().contains("4 to 8 digits"), "{}", e.message());
        let e = verify_outcome(&[0x6B, 0x80], &p).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Reader);
        assert!(e.hint().unwrap().contains("--no-pinpad"));
        assert_eq!(
            verify_outcome(&[0x90], &p).unwrap_err().kind(),
            ErrorKind::Reader
        );
    }
}
