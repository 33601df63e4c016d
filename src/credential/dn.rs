//! A certificate's distinguished name written as RFC 4514 says, which is how the VIHF's
//! `Issuer` carries the subject of the signing certificate in the official samples (written by
//! Java's `X500Principal.getName()`):
//!
//! - RDNs from the last one encoded to the first (`…,C=FR`);
//! - the values of a multi-valued RDN joined by `+`, in their encoded order;
//! - the types RFC 4514 names (CN, L, ST, O, OU, C, STREET, DC, UID) by that name, any other
//!   (SN, GN, title…) by its dotted OID with the value as `#` and the hex of its DER encoding
//!   (`2.5.4.4=#0c054c49425245`);
//! - in a named value, `"`, `+`, `,`, `;`, `<`, `>`, `\` and a leading `#` or space or a
//!   trailing space escaped with a backslash, NUL as `\00`.
//!
//! x509-parser's `Display` writes the RDNs in encoded order with other separators, and no
//! crate at hand writes RFC 4514, so this is done here.

use x509_parser::der_parser::asn1_rs::{Header, Length, ToDer};
use x509_parser::prelude::{AttributeTypeAndValue, X509Name};

/// The RFC 4514 string of `name`.
pub fn rfc4514(name: &X509Name<'_>) -> String {
    let rdns: Vec<String> = name
        .iter_rdn()
        .map(|rdn| rdn.iter().map(attribute).collect::<Vec<_>>().join("+"))
        .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(",")
}

/// The short names of RFC 4514 §3, by OID.
fn short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.6" => "C",
        "2.5.4.9" => "STREET",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        _ => return None,
    })
}

fn attribute(atv: &AttributeTypeAndValue<'_>) -> String {
    let oid = atv.attr_type().to_id_string();
    match (short_name(&oid), text_of(atv)) {
        (Some(name), Some(text)) => format!("{name}={}", escape(&text)),
        (name, _) => format!(
            "{}=#{}",
            name.map(str::to_string).unwrap_or(oid),
            hex::encode(der_of(atv))
        ),
    }
}

/// The value of a directory string as text: UTF8String, PrintableString, IA5String,
/// TeletexString (read as Latin-1, as IGC-Santé's older certificates and Java do), BMPString
/// (UTF-16) and UniversalString (UTF-32). Any other type has no text form.
fn text_of(atv: &AttributeTypeAndValue<'_>) -> Option<String> {
    let v = atv.attr_value();
    let data = v.data;
    match v.header.tag().0 {
        12 | 19 | 22 => std::str::from_utf8(data).ok().map(str::to_string),
        20 => Some(data.iter().map(|&b| b as char).collect()),
        30 => {
            let units: Vec<u16> = data
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        28 => data
            .chunks_exact(4)
            .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
            .collect(),
        _ => None,
    }
}

/// The DER encoding (tag, length, content) of an attribute's value.
fn der_of(atv: &AttributeTypeAndValue<'_>) -> Vec<u8> {
    let value = atv.attr_value();
    let content = value.data;
    let header = Header::new(
        value.header.class(),
        value.header.is_constructed(),
        value.header.tag(),
        Length::Definite(content.len()),
    );
    let mut out = header.to_der_vec().unwrap_or_default();
    out.extend_from_slice(content);
    out
}

fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '\0' => out.push_str("\\00"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::prelude::FromDer;

    fn der(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut v = vec![tag];
        if content.len() < 128 {
            v.push(content.len() as u8);
        } else {
            v.push(0x81);
            v.push(content.len() as u8);
        }
        v.extend_from_slice(content);
        v
    }

    /// An AttributeTypeAndValue: OID 2.5.4.`last` and a string of type `tag`.
    fn atv(last: u8, tag: u8, value: &str) -> Vec<u8> {
        let mut body = der(0x06, &[0x55, 0x04, last]);
        body.extend(der(tag, value.as_bytes()));
        der(0x30, &body)
    }

    fn name(rdns: &[Vec<Vec<u8>>]) -> Vec<u8> {
        let mut seq = Vec::new();
        for rdn in rdns {
            seq.extend(der(0x31, &rdn.concat()));
        }
        der(0x30, &seq)
    }

    #[test]
    fn reverse_order_multi_valued_and_unknown_types_in_hex() {
        // C=FR / title=Médecin / {GN=MAX + SN=LIBRE + CN=899900063480}: the shape of a CPS
        // certificate subject. Expected string written by hand from RFC 4514's rules.
        let der = name(&[
            vec![atv(6, 0x13, "FR")],
            vec![atv(12, 0x0C, "Médecin")],
            vec![
                atv(42, 0x0C, "MAX"),
                atv(4, 0x0C, "LIBRE"),
                atv(3, 0x13, "899900063480"),
            ],
        ]);
        let (_, n) = X509Name::from_der(&der).unwrap();
        assert_eq!(
            rfc4514(&n),
            "2.5.4.42=#0c034d4158+2.5.4.4=#0c054c49425245+CN=899900063480,\
             2.5.4.12=#0c084dc3a9646563696e,C=FR"
        );
    }

    #[test]
    fn teletex_is_read_as_latin1() {
        // OU=Médecin as a TeletexString in Latin-1 (0xE9 = é), as older CPS certificates have.
        let mut body = der(0x06, &[0x55, 0x04, 11]);
        body.extend(der(0x14, b"M\xe9decin"));
        let ou = der(0x30, &body);
        let der = name(&[vec![atv(6, 0x13, "FR")], vec![ou]]);
        let (_, n) = X509Name::from_der(&der).unwrap();
        assert_eq!(rfc4514(&n), "OU=Médecin,C=FR");
    }

    #[test]
    fn special_characters_are_escaped() {
        let der = name(&[
            vec![atv(6, 0x13, "FR")],
            vec![atv(10, 0x0C, "A, B + C; \"D\" <E> \\F")],
            vec![atv(3, 0x0C, "#lead and trail ")],
            vec![atv(8, 0x0C, "Rhône (69)")],
        ]);
        let (_, n) = X509Name::from_der(&der).unwrap();
        assert_eq!(
            rfc4514(&n),
            "ST=Rhône (69),CN=\\#lead and trail\\ ,O=A\\, B \\+ C\\; \\\"D\\\" \\<E\\> \\\\F,C=FR"
        );
    }
}
