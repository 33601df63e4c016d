//! A minimal BER-TLV / DER toolkit.
//!
//! The card speaks TLV everywhere (FCPs, PKCS#15 directory files, SDO queries) and the PKI has
//! to rewrite one field of a certificate that rcgen cannot express. Both only need definite
//! lengths, multi-byte tags and a flat reader, so a few functions are enough and keep the card
//! free of a schema-driven ASN.1 dependency.

/// Encodes a definite length (short form below 128, long form above).
pub fn encode_len(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
        return;
    }
    let bytes = len.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    let significant = &bytes[skip..];
    out.push(0x80 | significant.len() as u8);
    out.extend_from_slice(significant);
}

/// One TLV with a single-byte tag.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    tlv_tag(&[tag], content)
}

/// One TLV with a (possibly multi-byte) tag given as its encoded bytes.
pub fn tlv_tag(tag: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tag.len() + 4 + content.len());
    out.extend_from_slice(tag);
    encode_len(content.len(), &mut out);
    out.extend_from_slice(content);
    out
}

/// A constructed TLV whose content is the concatenation of `parts`.
pub fn cons(tag: u8, parts: &[&[u8]]) -> Vec<u8> {
    tlv(tag, &parts.concat())
}

/// SEQUENCE of the given encoded elements.
pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    cons(0x30, parts)
}

/// DER SET OF: elements sorted by their encodings (X.690 §11.6).
pub fn set_of(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    tlv(0x31, &parts.concat())
}

/// DER INTEGER of a non-negative value.
pub fn uint(value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let skip = bytes.iter().take(7).take_while(|b| **b == 0).count();
    let mut content = Vec::with_capacity(9);
    if bytes[skip] & 0x80 != 0 {
        content.push(0);
    }
    content.extend_from_slice(&bytes[skip..]);
    tlv(0x02, &content)
}

/// DER BIT STRING holding the named bits `bits` (bit 0 = most significant bit of the first
/// byte), trailing zero bits removed as DER requires for named bit lists.
pub fn named_bits(bits: &[usize]) -> Vec<u8> {
    let Some(&highest) = bits.iter().max() else {
        return vec![0x03, 0x01, 0x00];
    };
    let mut bytes = vec![0u8; highest / 8 + 1];
    for &bit in bits {
        bytes[bit / 8] |= 0x80 >> (bit % 8);
    }
    let unused = 7 - (highest % 8) as u8;
    let mut content = vec![unused];
    content.extend_from_slice(&bytes);
    tlv(0x03, &content)
}

/// DER OBJECT IDENTIFIER from its arcs (the first two arcs must be valid, which holds for
/// the constants used in this crate).
pub fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut content = Vec::new();
    let mut push_arc = |mut v: u64| {
        let mut tmp = vec![(v & 0x7F) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7F) as u8);
            v >>= 7;
        }
        tmp.reverse();
        content.extend_from_slice(&tmp);
    };
    push_arc(arcs[0] * 40 + arcs[1]);
    for &arc in &arcs[2..] {
        push_arc(arc);
    }
    tlv(0x06, &content)
}

/// A parsed TLV borrowing from its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// Encoded tag bytes (one or more).
    pub tag: &'a [u8],
    /// Content octets.
    pub value: &'a [u8],
    /// The whole encoding, tag and length included.
    pub raw: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// True when the tag is the single byte `tag`.
    pub fn is(&self, tag: u8) -> bool {
        self.tag == [tag]
    }

    /// The children of a constructed TLV, or `None` if the content is not a clean TLV list.
    pub fn children(&self) -> Option<Vec<Tlv<'a>>> {
        parse_all(self.value)
    }
}

/// Parses the first TLV of `input` and returns it with the remaining bytes. Indefinite
/// lengths, truncated input and lengths over 16 MiB give `None`.
pub fn parse_one(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let first = *input.first()?;
    let mut pos = 1;
    if first & 0x1F == 0x1F {
        loop {
            let b = *input.get(pos)?;
            pos += 1;
            if b & 0x80 == 0 {
                break;
            }
            if pos > 4 {
                return None;
            }
        }
    }
    let tag_end = pos;
    let l0 = *input.get(pos)?;
    pos += 1;
    let len = if l0 < 0x80 {
        l0 as usize
    } else {
        let n = (l0 & 0x7F) as usize;
        if n == 0 || n > 3 {
            return None;
        }
        let mut len = 0usize;
        for _ in 0..n {
            len = (len << 8) | *input.get(pos)? as usize;
            pos += 1;
        }
        len
    };
    let end = pos.checked_add(len)?;
    if end > input.len() {
        return None;
    }
    Some((
        Tlv {
            tag: &input[..tag_end],
            value: &input[pos..end],
            raw: &input[..end],
        },
        &input[end..],
    ))
}

/// Parses a concatenation of TLVs that must fill `input` exactly.
pub fn parse_all(mut input: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (t, rest) = parse_one(input)?;
        out.push(t);
        input = rest;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        let mut v = Vec::new();
        encode_len(0x7F, &mut v);
        encode_len(0x80, &mut v);
        encode_len(0x1234, &mut v);
        assert_eq!(v, [0x7F, 0x81, 0x80, 0x82, 0x12, 0x34]);
    }

    #[test]
    fn integers_and_bits() {
        assert_eq!(uint(0), [0x02, 0x01, 0x00]);
        assert_eq!(uint(0x82), [0x02, 0x02, 0x00, 0x82]);
        assert_eq!(uint(2048), [0x02, 0x02, 0x08, 0x00]);
        // decrypt + sign
        assert_eq!(named_bits(&[1, 2]), [0x03, 0x02, 0x05, 0x60]);
        // nonRepudiation (bit 9)
        assert_eq!(named_bits(&[9]), [0x03, 0x03, 0x06, 0x00, 0x40]);
        assert_eq!(oid(&[2, 5, 4, 42]), [0x06, 0x03, 0x55, 0x04, 0x2A]);
        assert_eq!(
            oid(&[1, 2, 840, 113549, 1, 1, 11]),
            [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]
        );
    }

    #[test]
    fn parse_multibyte_tag() {
        let data = [0xBF, 0x81, 0x01, 0x02, 0xA0, 0x80, 0x01];
        let (t, rest) = parse_one(&data).unwrap();
        assert_eq!(t.tag, [0xBF, 0x81, 0x01]);
        assert_eq!(t.value, [0xA0, 0x80]);
        assert_eq!(rest, [0x01]);
        assert!(parse_one(&[0x30, 0x05, 0x00]).is_none());
        assert!(parse_all(&[0x30, 0x00, 0x04]).is_none());
    }
}
