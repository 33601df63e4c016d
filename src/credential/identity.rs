//! Who holds the card: the practitioner's identity read from the authentication certificate.
//!
//! IGC-Santé personal certificates put the person in one multi-valued RDN
//! `{CN=<national id>, SN=<surname>, GN=<given name>}` next to `title=<profession>` and `C=FR`;
//! older cards put CN, SN and GN in separate RDNs. Attributes are therefore looked up by type
//! across every RDN, never by position.

use time::OffsetDateTime;
use x509_parser::oid_registry::{
    Oid, OID_X509_COMMON_NAME, OID_X509_GIVEN_NAME, OID_X509_SURNAME, OID_X509_TITLE,
};
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};

use crate::error::{Error, Result};
use crate::model::practitioner::NationalId;

/// The card holder, as the authentication certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// From the CN: type prefix + RPPS/ADELI number.
    pub national_id: NationalId,
    /// SN.
    pub surname: Option<String>,
    /// GN.
    pub given_name: Option<String>,
    /// title (2.5.4.12), e.g. "Médecin".
    pub profession: Option<String>,
    /// The subject DN as text.
    pub subject: String,
    /// The subject DN as RFC 4514 writes it (the VIHF `Issuer`).
    pub subject_rfc4514: String,
    /// The issuer DN as text.
    pub issuer: String,
    /// The certificate's serial number, hex.
    pub serial_number: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// The public key's size in bits (2048 on current cards), when it is RSA or EC.
    pub key_bits: Option<usize>,
}

impl Identity {
    /// Reads the identity from a DER certificate.
    pub fn from_certificate(der: &[u8]) -> Result<Identity> {
        let (_, cert) = X509Certificate::from_der(der).map_err(|e| {
            Error::card(crate::tr!("identity-unreadable", error = e.to_string()))
                .with_hint(crate::tr!("identity-unreadable-hint"))
        })?;
        let subject = cert.subject();
        let cn = attribute(subject, &OID_X509_COMMON_NAME).ok_or_else(|| {
            Error::card(crate::tr!("identity-no-cn")).with_hint(crate::tr!("identity-not-cps-hint"))
        })?;
        let national_id = NationalId::parse(&cn).map_err(|_| {
            Error::card(crate::tr!("identity-cn-not-national-id", cn = &cn))
                .with_hint(crate::tr!("identity-not-cps-hint"))
        })?;
        let key_bits = cert
            .public_key()
            .parsed()
            .ok()
            .map(|k| k.key_size())
            .filter(|&n| n > 0);
        Ok(Identity {
            national_id,
            surname: attribute(subject, &OID_X509_SURNAME),
            given_name: attribute(subject, &OID_X509_GIVEN_NAME),
            profession: attribute(subject, &OID_X509_TITLE),
            subject: subject.to_string(),
            subject_rfc4514: super::dn::rfc4514(subject),
            issuer: cert.issuer().to_string(),
            serial_number: hex::encode_upper(cert.raw_serial()),
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
            key_bits,
        })
    }

    /// "CAMILLE TESTDOC0000001", or the national id when the names are absent.
    pub fn display_name(&self) -> String {
        match (&self.given_name, &self.surname) {
            (Some(g), Some(s)) => format!("{g} {s}"),
            (None, Some(s)) => s.clone(),
            (Some(g), None) => g.clone(),
            (None, None) => self.national_id.to_string(),
        }
    }

    /// Whether `now` is within the certificate's validity.
    pub fn is_valid_at(&self, now: OffsetDateTime) -> bool {
        self.not_before <= now && now <= self.not_after
    }
}

/// The first value of attribute `oid` in any RDN (multi-valued RDNs included), as text.
fn attribute(name: &X509Name<'_>, oid: &Oid<'_>) -> Option<String> {
    name.iter_rdn()
        .flat_map(|rdn| rdn.iter())
        .find(|atv| atv.attr_type() == oid)
        .map(|atv| match atv.as_str() {
            Ok(s) => s.to_string(),
            Err(_) => decode_other_string(atv.attr_value().tag().0, atv.as_slice()),
        })
}

/// BMPString (UTF-16BE) and the Latin-1 string types that `as_str` leaves out.
fn decode_other_string(tag: u32, data: &[u8]) -> String {
    if tag == 30 {
        let units: Vec<u16> = data
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    data.iter().map(|&b| b as char).collect()
}

/// A hand-written DER certificate shaped like a CPS authentication certificate, for tests.
#[cfg(test)]
pub(crate) mod testcert {
    use crate::credential::card::tlv::encode;

    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        encode(0x30, &parts.concat())
    }
    fn atv(oid: &[u8], tag: u32, value: &str) -> Vec<u8> {
        seq(&[encode(0x06, oid), encode(tag, value.as_bytes())])
    }
    const C: &[u8] = &[0x55, 0x04, 0x06];
    const CN: &[u8] = &[0x55, 0x04, 0x03];
    const SN: &[u8] = &[0x55, 0x04, 0x04];
    const GN: &[u8] = &[0x55, 0x04, 0x2A];
    const TITLE: &[u8] = &[0x55, 0x04, 0x0C];
    const O: &[u8] = &[0x55, 0x04, 0x0A];
    const OU: &[u8] = &[0x55, 0x04, 0x0B];

    /// `C=FR, title=Médecin, {CN=<cn>, SN=<sn>, GN=<gn>}` issued by the test FORT CA,
    /// RSA-2048 (a made-up modulus), signature bytes not valid.
    pub fn cps_certificate(cn: &str, sn: &str, gn: &str, serial: u8) -> Vec<u8> {
        let subject = seq(&[
            encode(0x31, &atv(C, 0x13, "FR")),
            encode(0x31, &atv(TITLE, 0x0C, "Médecin")),
            encode(
                0x31,
                &[atv(CN, 0x0C, cn), atv(SN, 0x0C, sn), atv(GN, 0x0C, gn)].concat(),
            ),
        ]);
        let issuer = seq(&[
            encode(0x31, &atv(C, 0x13, "FR")),
            encode(0x31, &atv(O, 0x0C, "ASIP-SANTE")),
            encode(0x31, &atv(OU, 0x0C, "0002 187512751")),
            encode(0x31, &atv(OU, 0x0C, "IGC-SANTE TEST")),
            encode(0x31, &atv(CN, 0x0C, "TEST AC IGC-SANTE FORT PERSONNES")),
        ]);
        let sha256_rsa = seq(&[
            encode(
                0x06,
                &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B],
            ),
            vec![0x05, 0x00],
        ]);
        let rsa = seq(&[
            encode(
                0x06,
                &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01],
            ),
            vec![0x05, 0x00],
        ]);
        let mut modulus = vec![0x00, 0xC3];
        modulus.extend((0..255u32).map(|i| (i * 31 + 7) as u8));
        let rsa_key = seq(&[encode(0x02, &modulus), encode(0x02, &[0x01, 0x00, 0x01])]);
        let spki = seq(&[rsa, encode(0x03, &[&[0x00], rsa_key.as_slice()].concat())]);
        let validity = seq(&[
            encode(0x17, b"240101000000Z"),
            encode(0x17, b"270101000000Z"),
        ]);
        let tbs = seq(&[
            encode(0xA0, &encode(0x02, &[0x02])),
            encode(0x02, &[0x12, serial]),
            sha256_rsa.clone(),
            issuer,
            validity,
            subject,
            spki,
        ]);
        seq(&[
            tbs,
            sha256_rsa,
            encode(0x03, &[vec![0x00], vec![0x5A; 256]].concat()),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::practitioner::NationalIdKind;

    #[test]
    fn reads_the_multi_valued_rdn() {
        let der = testcert::cps_certificate("899700000017", "TESTDOC0000001", "CAMILLE", 1);
        let id = Identity::from_certificate(&der).unwrap();
        assert_eq!(id.national_id.as_str(), "899700000017");
        assert_eq!(id.national_id.kind(), NationalIdKind::Rpps);
        assert!(id.national_id.is_test());
        assert_eq!(id.surname.as_deref(), Some("TESTDOC0000001"));
        assert_eq!(id.given_name.as_deref(), Some("CAMILLE"));
        assert_eq!(id.profession.as_deref(), Some("Médecin"));
        assert_eq!(id.key_bits, Some(2048));
        assert_eq!(id.display_name(), "CAMILLE TESTDOC0000001");
        assert!(
            id.issuer.contains("TEST AC IGC-SANTE FORT PERSONNES"),
            "{}",
            id.issuer
        );
        assert!(id.subject.contains("899700000017"), "{}", id.subject);
        assert_eq!(id.not_before.year(), 2024);
        assert_eq!(id.not_after.year(), 2027);
        assert!(id.is_valid_at(time::macros::datetime!(2025-06-01 0:00 UTC)));
        assert!(!id.is_valid_at(time::macros::datetime!(2028-06-01 0:00 UTC)));
        assert_eq!(id.serial_number, "1201");
    }

    #[test]
    fn adeli_and_bad_input() {
        let der = testcert::cps_certificate("00B7010446", "KINE", "JEAN", 2);
        let id = Identity::from_certificate(&der).unwrap();
        assert_eq!(id.national_id.kind(), NationalIdKind::Adeli);
        let err = Identity::from_certificate(&der[..100]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Card);
        let err = Identity::from_certificate(&[]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Card);
    }
}
