//! Command APDUs (ISO 7816-4 short form) and card responses with their status words.
//!
//! The CPS3 speaks T=0, which has no extended lengths: every command here is short (Lc ≤ 255,
//! Le ≤ 256), and longer data go through command chaining. Status words carry a plain meaning
//! so that an error shown to the user says what the card refused, not only a hex code.

use std::fmt;

use zeroize::Zeroize;

use crate::error::{Error, Result};

/// Largest data field of one short command.
pub const MAX_SHORT_DATA: usize = 255;

/// The class byte of a card generation: CPS3 talks on the basic channel (`00`), CPS4's ChipDoc
/// application on logical channel 1 (`01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Basic,
    Channel1,
}

impl Class {
    pub fn byte(self) -> u8 {
        match self {
            Class::Basic => 0x00,
            Class::Channel1 => 0x01,
        }
    }
}

/// One command APDU. Its data are wiped from memory when it is dropped (it may carry a PIN).
#[derive(Clone, PartialEq, Eq)]
pub struct Command {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    data: Vec<u8>,
    /// Expected response length, 1..=256 (256 is encoded `00`); `None` for cases 1 and 3.
    le: Option<usize>,
    /// The data must not appear in logs (VERIFY).
    sensitive: bool,
}

impl Drop for Command {
    fn drop(&mut self) {
        self.data.zeroize();
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02X} {:02X} {:02X} {:02X}",
            self.cla, self.ins, self.p1, self.p2
        )?;
        if !self.data.is_empty() {
            if self.sensitive {
                // A developer's trace (-vv), not a text for the user: the PIN's digits never show.
                write!(f, " Lc={} ", self.data.len())?;
                f.write_str("<redacted>")?;
            } else {
                write!(
                    f,
                    " Lc={} {}",
                    self.data.len(),
                    hex::encode_upper(&self.data)
                )?;
            }
        }
        if let Some(le) = self.le {
            write!(f, " Le={le}")?;
        }
        Ok(())
    }
}

impl Command {
    /// Case 1: header only.
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        Command {
            cla,
            ins,
            p1,
            p2,
            data: Vec::new(),
            le: None,
            sensitive: false,
        }
    }

    /// Adds the data field (case 3, or case 4 with [`Command::with_le`]).
    pub fn with_data(mut self, data: impl Into<Vec<u8>>) -> Self {
        self.data.zeroize();
        self.data = data.into();
        self
    }

    /// Sets Le, the number of bytes expected (1..=256; 256 is sent as `00`).
    pub fn with_le(mut self, le: usize) -> Self {
        self.le = Some(le.clamp(1, 256));
        self
    }

    /// Marks the data as secret: they are never logged.
    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    pub fn data(&self) -> &[u8] {
        &self.data
    }
    pub fn le(&self) -> Option<usize> {
        self.le
    }
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The ISO 7816-4 case (1 to 4).
    pub fn case(&self) -> u8 {
        match (self.data.is_empty(), self.le.is_some()) {
            (true, false) => 1,
            (true, true) => 2,
            (false, false) => 3,
            (false, true) => 4,
        }
    }

    /// Encodes the short APDU. Fails if the data do not fit one short command (use
    /// [`Command::chain`] first). The caller wipes the returned bytes if the command is
    /// sensitive ([`zeroize::Zeroizing`] does it).
    pub fn encode(&self) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        if self.data.len() > MAX_SHORT_DATA {
            return Err(Error::internal(crate::tr!(
                "card-apdu-too-long",
                command = format!("{:02X} {:02X}", self.cla, self.ins),
                bytes = self.data.len()
            )));
        }
        let mut out = zeroize::Zeroizing::new(Vec::with_capacity(6 + self.data.len()));
        out.extend_from_slice(&[self.cla, self.ins, self.p1, self.p2]);
        if !self.data.is_empty() {
            out.push(self.data.len() as u8);
            out.extend_from_slice(&self.data);
        }
        if let Some(le) = self.le {
            out.push(if le >= 256 { 0 } else { le as u8 });
        }
        Ok(out)
    }

    /// Splits a command whose data exceed 255 bytes into a chain: every block but the last has
    /// the chaining bit (CLA | 0x10) and no Le; the last keeps the original CLA and Le. A command
    /// that fits is returned alone.
    pub fn chain(&self) -> Vec<Command> {
        if self.data.len() <= MAX_SHORT_DATA {
            return vec![self.clone()];
        }
        let blocks: Vec<&[u8]> = self.data.chunks(MAX_SHORT_DATA).collect();
        let last = blocks.len() - 1;
        blocks
            .into_iter()
            .enumerate()
            .map(|(i, block)| Command {
                cla: if i < last { self.cla | 0x10 } else { self.cla },
                ins: self.ins,
                p1: self.p1,
                p2: self.p2,
                data: block.to_vec(),
                le: if i < last { None } else { self.le },
                sensitive: self.sensitive,
            })
            .collect()
    }
}

/// The two status bytes that end every card response.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusWord(pub u16);

impl fmt::Debug for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.0)
    }
}

impl fmt::Display for StatusWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02X} {:02X}", self.sw1(), self.sw2())
    }
}

impl StatusWord {
    pub const OK: StatusWord = StatusWord(0x9000);
    pub const END_OF_FILE: StatusWord = StatusWord(0x6282);
    pub const WRONG_LENGTH: StatusWord = StatusWord(0x6700);
    pub const SECURITY_NOT_SATISFIED: StatusWord = StatusWord(0x6982);
    pub const AUTH_BLOCKED: StatusWord = StatusWord(0x6983);
    pub const REF_DATA_NOT_USABLE: StatusWord = StatusWord(0x6984);
    pub const CONDITIONS_NOT_SATISFIED: StatusWord = StatusWord(0x6985);
    pub const NO_CURRENT_EF: StatusWord = StatusWord(0x6986);
    pub const INCORRECT_DATA: StatusWord = StatusWord(0x6A80);
    pub const FILE_NOT_FOUND: StatusWord = StatusWord(0x6A82);
    pub const INCORRECT_P1P2: StatusWord = StatusWord(0x6A86);
    pub const REF_DATA_NOT_FOUND: StatusWord = StatusWord(0x6A88);
    pub const WRONG_OFFSET: StatusWord = StatusWord(0x6B00);
    pub const INS_NOT_SUPPORTED: StatusWord = StatusWord(0x6D00);
    pub const CLA_NOT_SUPPORTED: StatusWord = StatusWord(0x6E00);

    pub fn from_bytes(sw1: u8, sw2: u8) -> Self {
        StatusWord(u16::from_be_bytes([sw1, sw2]))
    }
    pub fn sw1(self) -> u8 {
        (self.0 >> 8) as u8
    }
    pub fn sw2(self) -> u8 {
        self.0 as u8
    }

    /// 9000.
    pub fn is_ok(self) -> bool {
        self == Self::OK
    }

    /// `61xx`: xx more bytes wait for GET RESPONSE (00 means 256).
    pub fn bytes_available(self) -> Option<usize> {
        (self.sw1() == 0x61).then(|| {
            if self.sw2() == 0 {
                256
            } else {
                self.sw2() as usize
            }
        })
    }

    /// `6Cxx`: wrong Le, resend with Le = xx (00 means 256).
    pub fn correct_le(self) -> Option<usize> {
        (self.sw1() == 0x6C).then(|| {
            if self.sw2() == 0 {
                256
            } else {
                self.sw2() as usize
            }
        })
    }

    /// `63Cx`: verification failed, x tries left.
    pub fn tries_left(self) -> Option<u8> {
        (self.sw1() == 0x63 && self.sw2() & 0xF0 == 0xC0).then(|| self.sw2() & 0x0F)
    }

    /// What the status word means, in plain words (ISO 7816-4 and IAS-ECC).
    pub fn meaning(self) -> String {
        if let Some(n) = self.bytes_available() {
            return crate::tr!("card-sw-more-data", bytes = n);
        }
        if let Some(n) = self.correct_le() {
            return crate::tr!("card-sw-wrong-le", bytes = n);
        }
        if let Some(n) = self.tries_left() {
            return crate::tr!("card-sw-verify-failed", tries = n);
        }
        let key = match self.0 {
            0x9000 => "card-sw-9000",
            0x6281 => "card-sw-6281",
            0x6282 => "card-sw-6282",
            0x6283 => "card-sw-6283",
            0x6400 => "card-sw-6400",
            0x6581 => "card-sw-6581",
            0x6700 => "card-sw-6700",
            0x6881 => "card-sw-6881",
            0x6882 => "card-sw-6882",
            0x6884 => "card-sw-6884",
            0x6981 => "card-sw-6981",
            0x6982 => "card-sw-6982",
            0x6983 => "card-sw-6983",
            0x6984 => "card-sw-6984",
            0x6985 => "card-sw-6985",
            0x6986 => "card-sw-6986",
            0x6987 => "card-sw-6987",
            0x6988 => "card-sw-6988",
            0x6A80 => "card-sw-6a80",
            0x6A81 => "card-sw-6a81",
            0x6A82 => "card-sw-6a82",
            0x6A83 => "card-sw-6a83",
            0x6A84 => "card-sw-6a84",
            0x6A86 => "card-sw-6a86",
            0x6A88 => "card-sw-6a88",
            0x6B00 => "card-sw-6b00",
            0x6D00 => "card-sw-6d00",
            0x6E00 => "card-sw-6e00",
            0x6F00 => "card-sw-6f00",
            _ => "card-sw-unknown",
        };
        crate::i18n::tr_args(key, &[])
    }

    /// A user-facing error for a status word the caller has no special handling for.
    /// `operation` says what dmp asked, e.g. "read the certificate file".
    pub fn to_error(self, operation: &str) -> Error {
        let message = crate::tr!(
            "card-refused",
            operation = operation,
            meaning = self.meaning(),
            status = self.to_string()
        );
        let hint = match self.0 {
            0x6982 => crate::tr!("card-refused-pin-not-verified-hint"),
            0x6983 => crate::tr!("card-refused-pin-blocked-hint"),
            0x6D00 | 0x6E00 | 0x6A81 => crate::tr!("card-refused-not-understood-hint"),
            _ => crate::tr!("card-refused-hint"),
        };
        Error::card(message).with_hint(hint)
    }
}

/// A card's answer: data and status word.
#[derive(Clone, PartialEq, Eq)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw: StatusWord,
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}B SW={:?}", self.data.len(), self.sw)
    }
}

impl Response {
    /// Splits raw response bytes (data ‖ SW1 SW2).
    pub fn from_raw(mut raw: Vec<u8>) -> Result<Response> {
        if raw.len() < 2 {
            return Err(
                Error::card(crate::tr!("card-truncated-answer", bytes = raw.len()))
                    .with_hint(crate::tr!("card-truncated-answer-hint")),
            );
        }
        let sw2 = raw.pop().unwrap_or(0);
        let sw1 = raw.pop().unwrap_or(0);
        Ok(Response {
            data: raw,
            sw: StatusWord::from_bytes(sw1, sw2),
        })
    }

    /// The data if the status is 9000, else an error saying what `operation` was refused.
    pub fn ok_or(self, operation: &str) -> Result<Vec<u8>> {
        if self.sw.is_ok() {
            Ok(self.data)
        } else {
            Err(self.sw.to_error(operation))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_four_cases() {
        let c1 = Command::new(0x00, 0x20, 0x00, 0x01);
        assert_eq!(c1.case(), 1);
        assert_eq!(&c1.encode().unwrap()[..], &[0x00, 0x20, 0x00, 0x01]);

        let c2 = Command::new(0x00, 0xB0, 0x00, 0x10).with_le(0xE7);
        assert_eq!(c2.case(), 2);
        assert_eq!(&c2.encode().unwrap()[..], &[0x00, 0xB0, 0x00, 0x10, 0xE7]);

        let c2_256 = Command::new(0x00, 0xC0, 0, 0).with_le(256);
        assert_eq!(&c2_256.encode().unwrap()[..], &[0x00, 0xC0, 0, 0, 0x00]);

        let c3 = Command::new(0x00, 0xA4, 0x09, 0x0C).with_data(vec![0x3F, 0x00]);
        assert_eq!(c3.case(), 3);
        assert_eq!(
            &c3.encode().unwrap()[..],
            &[0x00, 0xA4, 0x09, 0x0C, 0x02, 0x3F, 0x00]
        );

        let c4 = Command::new(0x00, 0x88, 0, 0)
            .with_data(vec![1, 2, 3])
            .with_le(256);
        assert_eq!(c4.case(), 4);
        assert_eq!(&c4.encode().unwrap()[..], &[0, 0x88, 0, 0, 3, 1, 2, 3, 0]);

        let cps4 = Command::new(Class::Channel1.byte(), 0x20, 0, 1);
        assert_eq!(&cps4.encode().unwrap()[..], &[0x01, 0x20, 0x00, 0x01]);
    }

    #[test]
    fn too_long_data_must_be_chained() {
        let data: Vec<u8> = (0..300u32).map(|i| i as u8).collect();
        let cmd = Command::new(0x00, 0x2A, 0x80, 0x86)
            .with_data(data.clone())
            .with_le(256);
        assert!(cmd.encode().is_err());
        let chain = cmd.chain();
        assert_eq!(chain.len(), 2);
        assert_eq!(chain[0].cla, 0x10);
        assert_eq!(chain[0].data().len(), 255);
        assert_eq!(chain[0].le(), None);
        assert_eq!(chain[1].cla, 0x00);
        assert_eq!(chain[1].data().len(), 45);
        assert_eq!(chain[1].le(), Some(256));
        let joined: Vec<u8> = chain.iter().flat_map(|c| c.data().to_vec()).collect();
        assert_eq!(joined, data);

        let cps4 = Command::new(0x01, 0x2A, 0x80, 0x86).with_data(vec![0; 256]);
        let chain = cps4.chain();
        assert_eq!(
            chain.iter().map(|c| c.cla).collect::<Vec<_>>(),
            vec![0x11, 0x01]
        );
        assert_eq!(
            Command::new(0, 0xA4, 0, 0)
                .with_data(vec![0; 255])
                .chain()
                .len(),
            1
        );
    }

    #[test]
    fn sensitive_data_are_not_in_debug_output() {
        let cmd = Command::new(0, 0x20, 0, 1)
            .with_data(b"1234".to_vec())
            .sensitive();
        let text = format!("{cmd:?}");
        assert!(!text.contains("31323334"), "{text}");
        assert!(text.contains("redacted"));
    }

    #[test]
    fn status_words_have_meanings() {
        assert!(StatusWord(0x9000).is_ok());
        assert_eq!(StatusWord(0x6100).bytes_available(), Some(256));
        assert_eq!(StatusWord(0x6119).bytes_available(), Some(0x19));
        assert_eq!(StatusWord(0x6C10).correct_le(), Some(0x10));
        assert_eq!(StatusWord(0x63C2).tries_left(), Some(2));
        assert_eq!(StatusWord(0x6300).tries_left(), None);
        for (sw, word) in [
            (0x6282, "end of file"),
            (0x6700, "wrong length"),
            (0x6982, "PIN not verified"),
            (0x6983, "blocked"),
            (0x6984, "not usable"),
            (0x6985, "conditions"),
            (0x6A80, "incorrect data"),
            (0x6A82, "not found"),
            (0x6A86, "P1-P2"),
            (0x6A88, "referenced data"),
            (0x6B00, "offset"),
            (0x6D00, "instruction"),
            (0x6E00, "class"),
        ] {
            assert!(
                StatusWord(sw).meaning().contains(word),
                "{sw:04X}: {}",
                StatusWord(sw).meaning()
            );
        }
        let err = StatusWord(0x6A82).to_error("select the certificate file");
        assert_eq!(err.kind(), crate::ErrorKind::Card);
        assert_eq!(
            err.message(),
            "the card refused to select the certificate file: file or application not found (status 6A 82)"
        );
        assert!(err.hint().is_some());
    }

    #[test]
    fn responses_split_the_status_word() {
        let r = Response::from_raw(vec![1, 2, 0x90, 0x00]).unwrap();
        assert_eq!(r.data, vec![1, 2]);
        assert!(r.sw.is_ok());
        assert!(Response::from_raw(vec![0x90]).is_err());
        assert!(Response::from_raw(vec![0x6A, 0x82])
            .unwrap()
            .ok_or("x")
            .is_err());
    }
}
