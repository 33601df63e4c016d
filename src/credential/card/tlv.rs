//! BER-TLV, as used by the card's files and answers (FCP templates, EF.DIR, PKCS#15 DER).
//!
//! Card data are untrusted input: every function here returns an error on malformed bytes and
//! never panics or reads out of bounds. Tags are kept as their raw bytes packed in a `u32`
//! (`0x5F2D`, `0xBF8101`, ...), which is how the specifications write them.

use std::fmt;

/// Why bytes are not valid BER-TLV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlvError {
    Truncated,
    TagTooLong,
    IndefiniteLength,
    LengthTooLong,
    Unexpected { expected: u32, found: u32 },
    Missing(u32),
    BadValue(&'static str),
}

impl fmt::Display for TlvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            TlvError::Truncated => crate::tr!("card-tlv-truncated"),
            TlvError::TagTooLong => crate::tr!("card-tlv-tag-too-long"),
            TlvError::IndefiniteLength => crate::tr!("card-tlv-indefinite-length"),
            TlvError::LengthTooLong => crate::tr!("card-tlv-length-too-long"),
            TlvError::Unexpected { expected, found } => crate::tr!(
                "card-tlv-unexpected-tag",
                expected = format!("{expected:02X}"),
                found = format!("{found:02X}")
            ),
            TlvError::Missing(tag) => {
                crate::tr!("card-tlv-missing-tag", tag = format!("{tag:02X}"))
            }
            TlvError::BadValue(what) => crate::tr!("card-tlv-bad-value", what = *what),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TlvError {}

pub type TlvResult<T> = std::result::Result<T, TlvError>;

/// One parsed TLV object borrowing the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// The tag bytes, big-endian in a u32 (`0x30`, `0xA1`, `0xBF8101`).
    pub tag: u32,
    pub value: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// Whether the tag says the value holds more TLV objects.
    pub fn is_constructed(&self) -> bool {
        first_tag_byte(self.tag) & 0x20 != 0
    }

    /// The TLV objects inside a constructed value.
    pub fn children(&self) -> TlvResult<Vec<Tlv<'a>>> {
        parse_all(self.value)
    }

    /// The first child with `tag`.
    pub fn child(&self, tag: u32) -> TlvResult<Option<Tlv<'a>>> {
        Ok(self.children()?.into_iter().find(|t| t.tag == tag))
    }

    /// Fails unless this object has `tag`.
    pub fn expect_tag(self, tag: u32) -> TlvResult<Self> {
        if self.tag == tag {
            Ok(self)
        } else {
            Err(TlvError::Unexpected {
                expected: tag,
                found: self.tag,
            })
        }
    }

    /// The value as an unsigned big-endian integer (DER INTEGER, non-negative, ≤ 8 bytes
    /// once leading zeros are removed).
    pub fn as_uint(&self) -> TlvResult<u64> {
        let v = self.value;
        if v.is_empty() {
            return Err(TlvError::BadValue("empty integer"));
        }
        if v[0] & 0x80 != 0 {
            return Err(TlvError::BadValue("negative integer"));
        }
        let trimmed: &[u8] = {
            let start = v.iter().position(|&b| b != 0).unwrap_or(v.len());
            &v[start..]
        };
        if trimmed.len() > 8 {
            return Err(TlvError::BadValue("integer too large"));
        }
        Ok(trimmed.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64))
    }

    /// The value as a DER BOOLEAN.
    pub fn as_bool(&self) -> TlvResult<bool> {
        match self.value {
            [b] => Ok(*b != 0),
            _ => Err(TlvError::BadValue("boolean")),
        }
    }

    /// The value as a DER BIT STRING: is named bit `n` (0 = most significant bit of the first
    /// byte) set? Missing bits are clear.
    pub fn bit(&self, n: usize) -> TlvResult<bool> {
        let (unused, bytes) = self
            .value
            .split_first()
            .ok_or(TlvError::BadValue("empty bit string"))?;
        if *unused > 7 {
            return Err(TlvError::BadValue("bit string"));
        }
        Ok(bytes
            .get(n / 8)
            .is_some_and(|byte| byte & (0x80 >> (n % 8)) != 0))
    }

    /// The value as text (UTF-8, falling back to Latin-1 for odd cards).
    pub fn as_text(&self) -> String {
        match std::str::from_utf8(self.value) {
            Ok(s) => s.to_string(),
            Err(_) => self.value.iter().map(|&b| b as char).collect(),
        }
    }
}

fn first_tag_byte(tag: u32) -> u8 {
    let bytes = tag.to_be_bytes();
    bytes.iter().copied().find(|&b| b != 0).unwrap_or(0)
}

/// Parses the object at the start of `input` and returns it with the bytes after it.
pub fn parse_one(input: &[u8]) -> TlvResult<(Tlv<'_>, &[u8])> {
    let (&first, mut rest) = input.split_first().ok_or(TlvError::Truncated)?;
    let mut tag = first as u32;
    if first & 0x1F == 0x1F {
        let mut n = 0;
        loop {
            let (&b, r) = rest.split_first().ok_or(TlvError::Truncated)?;
            rest = r;
            n += 1;
            if n > 3 {
                return Err(TlvError::TagTooLong);
            }
            tag = (tag << 8) | b as u32;
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let (&len0, r) = rest.split_first().ok_or(TlvError::Truncated)?;
    rest = r;
    let len = match len0 {
        0x00..=0x7F => len0 as usize,
        0x80 => return Err(TlvError::IndefiniteLength),
        0x81..=0x84 => {
            let n = (len0 & 0x7F) as usize;
            if rest.len() < n {
                return Err(TlvError::Truncated);
            }
            let (len_bytes, r) = rest.split_at(n);
            rest = r;
            len_bytes
                .iter()
                .fold(0usize, |acc, &b| (acc << 8) | b as usize)
        }
        _ => return Err(TlvError::LengthTooLong),
    };
    if rest.len() < len {
        return Err(TlvError::Truncated);
    }
    let (value, after) = rest.split_at(len);
    Ok((Tlv { tag, value }, after))
}

/// Parses a sequence of objects filling `input` exactly.
pub fn parse_all(mut input: &[u8]) -> TlvResult<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (tlv, rest) = parse_one(input)?;
        out.push(tlv);
        input = rest;
    }
    Ok(out)
}

/// Parses the objects of a card file, which may end with padding (`00` or `FF` bytes where a
/// tag would start): parsing stops there.
pub fn parse_file(mut input: &[u8]) -> TlvResult<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while let Some(&first) = input.first() {
        if first == 0x00 || first == 0xFF {
            break;
        }
        let (tlv, rest) = parse_one(input)?;
        out.push(tlv);
        input = rest;
    }
    Ok(out)
}

/// The total length (header + value) of the object at the start of `input`: used to cut a
/// certificate out of a file padded after it.
pub fn object_len(input: &[u8]) -> TlvResult<usize> {
    let (_, rest) = parse_one(input)?;
    Ok(input.len() - rest.len())
}

/// Encodes one object (short and long lengths; the tag as given).
pub fn encode(tag: u32, value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len() + 6);
    let tag_bytes = tag.to_be_bytes();
    let start = tag_bytes.iter().position(|&b| b != 0).unwrap_or(3);
    out.extend_from_slice(&tag_bytes[start..]);
    let len = value.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let len_bytes = (len as u32).to_be_bytes();
        let s = len_bytes.iter().position(|&b| b != 0).unwrap_or(3);
        out.push(0x80 | (4 - s) as u8);
        out.extend_from_slice(&len_bytes[s..]);
    }
    out.extend_from_slice(value);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_forms() {
        let (t, rest) = parse_one(&[0x80, 0x02, 0x00, 0x0C, 0xAA]).unwrap();
        assert_eq!(t.tag, 0x80);
        assert_eq!(t.value, &[0x00, 0x0C]);
        assert_eq!(rest, &[0xAA]);

        let mut long = vec![0x30, 0x82, 0x01, 0x00];
        long.extend(std::iter::repeat_n(7u8, 256));
        let (t, rest) = parse_one(&long).unwrap();
        assert_eq!(t.value.len(), 256);
        assert!(rest.is_empty());

        let (t, _) = parse_one(&[0xBF, 0x81, 0x01, 0x01, 0x05]).unwrap();
        assert_eq!(t.tag, 0xBF8101);
        assert!(t.is_constructed());
        let (t, _) = parse_one(&[0x5F, 0x2D, 0x00]).unwrap();
        assert_eq!(t.tag, 0x5F2D);
        assert!(!t.is_constructed());
    }

    #[test]
    fn rejects_bad_input_without_panicking() {
        assert_eq!(parse_one(&[]), Err(TlvError::Truncated));
        assert_eq!(parse_one(&[0x30]), Err(TlvError::Truncated));
        assert_eq!(parse_one(&[0x30, 0x05, 1]), Err(TlvError::Truncated));
        assert_eq!(parse_one(&[0x30, 0x80]), Err(TlvError::IndefiniteLength));
        assert_eq!(
            parse_one(&[0x30, 0x85, 1, 1, 1, 1, 1]),
            Err(TlvError::LengthTooLong)
        );
        assert_eq!(parse_one(&[0x30, 0x82, 0x01]), Err(TlvError::Truncated));
        assert_eq!(
            parse_one(&[0x1F, 0x81, 0x81, 0x81, 0x81, 0x01]),
            Err(TlvError::TagTooLong)
        );
        assert_eq!(parse_one(&[0x1F, 0x81]), Err(TlvError::Truncated));
        // A crude fuzz: no input of a few bytes panics.
        for a in 0..=255u8 {
            for b in [0u8, 1, 0x7F, 0x80, 0x81, 0x82, 0x84, 0xFF] {
                let _ = parse_all(&[a, b, 0x01, 0x02]);
                let _ = parse_file(&[a, b]);
            }
        }
    }

    #[test]
    fn files_stop_at_padding() {
        let file = [0x61, 0x01, 0x00, 0x00, 0x00, 0xFF];
        let objs = parse_file(&file).unwrap();
        assert_eq!(objs.len(), 1);
        assert_eq!(object_len(&[0x30, 0x01, 0x05, 0xFF, 0xFF]).unwrap(), 3);
    }

    #[test]
    fn values_decode() {
        let int = Tlv {
            tag: 0x02,
            value: &[0x08, 0x00],
        };
        assert_eq!(int.as_uint().unwrap(), 2048);
        let big = Tlv {
            tag: 0x02,
            value: &[0x00, 0x82],
        };
        assert_eq!(big.as_uint().unwrap(), 0x82);
        assert!(Tlv {
            tag: 0x02,
            value: &[0x80]
        }
        .as_uint()
        .is_err());
        assert!(Tlv {
            tag: 0x02,
            value: &[]
        }
        .as_uint()
        .is_err());
        // KeyUsageFlags { decrypt, sign } = bits 1 and 2: 03 02 05 60.
        let usage = Tlv {
            tag: 0x03,
            value: &[0x05, 0x60],
        };
        assert!(!usage.bit(0).unwrap());
        assert!(usage.bit(1).unwrap());
        assert!(usage.bit(2).unwrap());
        assert!(!usage.bit(9).unwrap());
        // nonRepudiation = bit 9: 03 03 06 00 40.
        let nr = Tlv {
            tag: 0x03,
            value: &[0x06, 0x00, 0x40],
        };
        assert!(nr.bit(9).unwrap());
        assert!(Tlv {
            tag: 0x03,
            value: &[]
        }
        .bit(0)
        .is_err());
    }

    #[test]
    fn encode_round_trips() {
        for len in [0usize, 1, 127, 128, 255, 256, 1000] {
            let value = vec![0x42; len];
            let enc = encode(0x04, &value);
            let (t, rest) = parse_one(&enc).unwrap();
            assert_eq!(t.value, &value[..]);
            assert!(rest.is_empty());
        }
        assert_eq!(encode(0xBF8101, &[]), vec![0xBF, 0x81, 0x01, 0x00]);
    }
}
