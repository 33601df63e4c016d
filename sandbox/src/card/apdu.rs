//! Command APDU parsing and status words.
//!
//! vpcd hands the card the APDU exactly as the application gave it to `SCardTransmit`
//! (no T=0 TPDU conversion), so the four ISO cases must be told apart from the length alone.
//! Only short APDUs exist on a T=0 card.

/// Status words used by the card.
pub mod sw {
    pub const OK: u16 = 0x9000;
    pub const END_OF_FILE: u16 = 0x6282;
    pub const WRONG_LENGTH: u16 = 0x6700;
    pub const SECURITY_NOT_SATISFIED: u16 = 0x6982;
    pub const AUTH_BLOCKED: u16 = 0x6983;
    pub const CONDITIONS_NOT_SATISFIED: u16 = 0x6985;
    pub const NO_CURRENT_EF: u16 = 0x6986;
    pub const WRONG_DATA: u16 = 0x6A80;
    pub const NOT_FOUND: u16 = 0x6A82;
    pub const WRONG_P1P2: u16 = 0x6A86;
    pub const DATA_NOT_FOUND: u16 = 0x6A88;
    pub const OFFSET_OUT_OF_FILE: u16 = 0x6B00;
    pub const INS_NOT_SUPPORTED: u16 = 0x6D00;
    pub const CLA_NOT_SUPPORTED: u16 = 0x6E00;

    /// `61 xx`: xx bytes (00 = 256) waiting for GET RESPONSE.
    pub fn bytes_available(n: usize) -> u16 {
        0x6100 | (n & 0xFF) as u16
    }

    /// `6C xx`: wrong Le, xx (00 = 256) is the right one.
    pub fn wrong_le(n: usize) -> u16 {
        0x6C00 | (n & 0xFF) as u16
    }

    /// `63 Cx`: verification failed, x tries left.
    pub fn tries_left(n: u8) -> u16 {
        0x63C0 | u16::from(n.min(15))
    }
}

/// A parsed short command APDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command<'a> {
    pub cla: u8,
    pub ins: u8,
    pub p1: u8,
    pub p2: u8,
    /// Command data (empty for cases 1 and 2).
    pub data: &'a [u8],
    /// Expected length, 1..=256 (a Le byte of 00 means 256), if the APDU carries one.
    pub le: Option<usize>,
}

impl<'a> Command<'a> {
    /// Parses a short APDU. `None` means a malformed length (answer `67 00`).
    pub fn parse(apdu: &'a [u8]) -> Option<Command<'a>> {
        if apdu.len() < 4 {
            return None;
        }
        let (cla, ins, p1, p2) = (apdu[0], apdu[1], apdu[2], apdu[3]);
        let body = &apdu[4..];
        let le_of = |b: u8| if b == 0 { 256 } else { usize::from(b) };
        let (data, le) = match body {
            [] => (&body[..0], None),
            [le] => (&body[..0], Some(le_of(*le))),
            [lc, rest @ ..] => {
                let lc = usize::from(*lc);
                // Lc = 00 would start an extended APDU, which T=0 cannot carry.
                if lc == 0 {
                    return None;
                }
                match rest.len().checked_sub(lc)? {
                    0 => (rest, None),
                    1 => (&rest[..lc], Some(le_of(rest[lc]))),
                    _ => return None,
                }
            }
        };
        Some(Command {
            cla,
            ins,
            p1,
            p2,
            data,
            le,
        })
    }

    /// `CLA INS P1 P2` for logs.
    pub fn header(&self) -> String {
        format!(
            "{:02X} {:02X} {:02X} {:02X}",
            self.cla, self.ins, self.p1, self.p2
        )
    }
}

/// A response: data followed by SW1 SW2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub data: Vec<u8>,
    pub sw: u16,
}

impl Response {
    pub fn sw(sw: u16) -> Response {
        Response {
            data: Vec::new(),
            sw,
        }
    }

    pub fn with_data(data: Vec<u8>, sw: u16) -> Response {
        Response { data, sw }
    }

    /// The bytes sent back to vpcd.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.data.clone();
        out.extend_from_slice(&self.sw.to_be_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let c = Command::parse(&[0x00, 0x20, 0x00, 0x01]).unwrap();
        assert_eq!((c.data.len(), c.le), (0, None));
        let c = Command::parse(&[0x00, 0xB0, 0x00, 0x00, 0x00]).unwrap();
        assert_eq!((c.data.len(), c.le), (0, Some(256)));
        let c = Command::parse(&[0x00, 0xA4, 0x00, 0x0C, 0x02, 0x3F, 0x00]).unwrap();
        assert_eq!((c.data, c.le), (&[0x3F, 0x00][..], None));
        let c = Command::parse(&[0x00, 0x88, 0x00, 0x00, 0x01, 0xAA, 0x00]).unwrap();
        assert_eq!((c.data, c.le), (&[0xAA][..], Some(256)));
        assert!(Command::parse(&[0x00, 0xA4, 0x00]).is_none());
        assert!(Command::parse(&[0x00, 0xA4, 0x00, 0x0C, 0x03, 0x3F, 0x00]).is_none());
        assert!(Command::parse(&[0x00, 0xA4, 0x00, 0x0C, 0x01, 0x3F, 0x00, 0x00]).is_none());
        assert!(Command::parse(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x01, 0x00]).is_none());
    }
}
