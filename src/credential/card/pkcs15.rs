//! PKCS#15 (ISO 7816-15) directory files: EF.DIR, ODF, CDF, PrKDF and AODF.
//!
//! The CPS3's PKCS#15 file ids are not public, so dmp finds everything the way the standard
//! intends: EF.DIR names the application DF, its ODF lists the directory files, and those list
//! the keys, certificates and PIN with their paths. Only the structure is parsed here (pure
//! functions over bytes, easy to test); reading the files is `cps3`'s job.

use super::tlv::{self, Tlv, TlvError, TlvResult};

/// The path of the MF, which starts every absolute path.
pub const MF: [u8; 2] = [0x3F, 0x00];

/// A file path as written in the card's directory files.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FilePath {
    /// From the MF, `3F00` included.
    Absolute(Vec<u8>),
    /// From the application DF (usually one bare file id).
    Relative(Vec<u8>),
}

impl FilePath {
    /// Classifies raw path bytes (a whole number of 2-byte file ids).
    pub fn from_bytes(bytes: &[u8]) -> TlvResult<FilePath> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(2) {
            return Err(TlvError::BadValue("path"));
        }
        if bytes.starts_with(&MF) {
            Ok(FilePath::Absolute(bytes.to_vec()))
        } else {
            Ok(FilePath::Relative(bytes.to_vec()))
        }
    }

    /// The absolute path, given the application DF's absolute path.
    pub fn resolve(&self, app_df: &[u8]) -> Vec<u8> {
        match self {
            FilePath::Absolute(p) => p.clone(),
            FilePath::Relative(p) => [app_df, p].concat(),
        }
    }
}

/// A PKCS#15 `Path`: the file, and optionally a slice of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ObjectPath {
    pub path: FilePath,
    pub index: Option<usize>,
    pub length: Option<usize>,
}

fn parse_path_seq(t: &Tlv<'_>) -> TlvResult<ObjectPath> {
    // Path ::= SEQUENCE { efidOrPath OCTET STRING, index INTEGER OPTIONAL, length [0] INTEGER OPTIONAL }
    // Tolerate a bare OCTET STRING as well.
    if t.tag == 0x04 {
        return Ok(ObjectPath {
            path: FilePath::from_bytes(t.value)?,
            index: None,
            length: None,
        });
    }
    let t = t.expect_tag(0x30)?;
    let mut path = None;
    let mut index = None;
    let mut length = None;
    for c in t.children()? {
        match c.tag {
            0x04 => path = Some(FilePath::from_bytes(c.value)?),
            0x02 => index = Some(c.as_uint()? as usize),
            0x80 => length = Some(c.as_uint()? as usize),
            _ => {}
        }
    }
    Ok(ObjectPath {
        path: path.ok_or(TlvError::Missing(0x04))?,
        index,
        length,
    })
}

/// One application template of EF.DIR (`61 { 4F AID, 50 label, 51 path }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirApplication {
    pub aid: Vec<u8>,
    pub label: Option<String>,
    pub path: Option<FilePath>,
}

/// Parses EF.DIR (application templates; padding after them is ignored).
pub fn parse_dir(data: &[u8]) -> TlvResult<Vec<DirApplication>> {
    let mut apps = Vec::new();
    for t in tlv::parse_file(data)? {
        if t.tag != 0x61 {
            continue;
        }
        let mut aid = None;
        let mut label = None;
        let mut path = None;
        for c in t.children()? {
            match c.tag {
                0x4F => aid = Some(c.value.to_vec()),
                0x50 => label = Some(c.as_text()),
                0x51 => path = Some(FilePath::from_bytes(c.value)?),
                _ => {}
            }
        }
        apps.push(DirApplication {
            aid: aid.ok_or(TlvError::Missing(0x4F))?,
            label,
            path,
        });
    }
    Ok(apps)
}

/// The object directory: where the other directory files are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Odf {
    pub private_keys: Vec<ObjectPath>,
    pub certificates: Vec<ObjectPath>,
    pub trusted_certificates: Vec<ObjectPath>,
    pub useful_certificates: Vec<ObjectPath>,
    pub data_objects: Vec<ObjectPath>,
    pub auth_objects: Vec<ObjectPath>,
}

/// Parses the ODF: `[n] { Path }` entries, n = 0 private keys, 4 certificates, 5 trusted
/// certificates, 6 useful certificates, 7 data objects, 8 authentication objects.
pub fn parse_odf(data: &[u8]) -> TlvResult<Odf> {
    let mut odf = Odf::default();
    for t in tlv::parse_file(data)? {
        let Some(first) = t.children()?.into_iter().next() else {
            continue;
        };
        // Only the `path` choice is used by cards; `objects [0]` inline lists are skipped.
        if first.tag != 0x30 && first.tag != 0x04 {
            continue;
        }
        let path = parse_path_seq(&first)?;
        match t.tag {
            0xA0 => odf.private_keys.push(path),
            0xA4 => odf.certificates.push(path),
            0xA5 => odf.trusted_certificates.push(path),
            0xA6 => odf.useful_certificates.push(path),
            0xA7 => odf.data_objects.push(path),
            0xA8 => odf.auth_objects.push(path),
            _ => {}
        }
    }
    Ok(odf)
}

/// The common header of every PKCS#15 object: `30 { 0C label, 03 flags, 04 authId, ... }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommonAttributes {
    pub label: Option<String>,
    pub private: bool,
    pub auth_id: Option<Vec<u8>>,
}

fn parse_common(t: &Tlv<'_>) -> TlvResult<CommonAttributes> {
    let t = t.expect_tag(0x30)?;
    let mut out = CommonAttributes::default();
    for c in t.children()? {
        match c.tag {
            0x0C => out.label = Some(c.as_text()),
            0x03 => out.private = c.bit(0)?,
            0x04 => out.auth_id = Some(c.value.to_vec()),
            _ => {}
        }
    }
    Ok(out)
}

/// A key or PIN reference: one byte, written either as proper DER (`00 82`) or, as some cards
/// do, as the bare byte (`82`, which strict DER would read as negative).
fn reference_byte(t: &Tlv<'_>) -> TlvResult<u8> {
    match t.value {
        [b] | [0x00, b] => Ok(*b),
        _ => Err(TlvError::BadValue("key or PIN reference")),
    }
}

/// The `[1]` type attributes of an object, unwrapped to their inner SEQUENCE.
fn type_attributes<'a>(children: &[Tlv<'a>]) -> TlvResult<Tlv<'a>> {
    let a1 = children
        .iter()
        .skip(2)
        .find(|c| c.tag == 0xA1)
        .ok_or(TlvError::Missing(0xA1))?;
    a1.children()?
        .into_iter()
        .next()
        .ok_or(TlvError::Missing(0x30))
}

/// An X.509 certificate object of the CDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateObject {
    pub label: Option<String>,
    pub id: Vec<u8>,
    pub authority: bool,
    pub path: ObjectPath,
}

/// Parses a CDF; objects other than `x509Certificate` are skipped.
pub fn parse_cdf(data: &[u8]) -> TlvResult<Vec<CertificateObject>> {
    let mut out = Vec::new();
    for obj in tlv::parse_file(data)? {
        if obj.tag != 0x30 {
            continue;
        }
        let children = obj.children()?;
        let (Some(common), Some(class)) = (children.first(), children.get(1)) else {
            return Err(TlvError::Missing(0x30));
        };
        let common = parse_common(common)?;
        let mut id = None;
        let mut authority = false;
        for c in class.expect_tag(0x30)?.children()? {
            match c.tag {
                0x04 => id = Some(c.value.to_vec()),
                0x01 => authority = c.as_bool()?,
                _ => {}
            }
        }
        let attrs = type_attributes(&children)?.expect_tag(0x30)?;
        let value = attrs
            .children()?
            .into_iter()
            .next()
            .ok_or(TlvError::Missing(0x30))?;
        if value.tag != 0x30 && value.tag != 0x04 {
            // A certificate stored inline or by URL: not used by CPS cards.
            continue;
        }
        out.push(CertificateObject {
            label: common.label,
            id: id.ok_or(TlvError::Missing(0x04))?,
            authority,
            path: parse_path_seq(&value)?,
        });
    }
    Ok(out)
}

/// A data object of the DODF (`opaqueDO`), found by its label; its content is in the file at
/// `path`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DataObject {
    pub label: Option<String>,
    pub application: Option<String>,
    /// Read only after the PIN (the `private` flag of its common attributes).
    pub private: bool,
    pub path: ObjectPath,
}

/// Parses a DODF: `opaqueDO` objects `30 { common, 30 { [0C applicationName], [06 OID] },
/// A1 { Path } }`; the other choices (`externalIDO`, `oidDO`) and values stored inline are
/// skipped.
pub fn parse_dodf(data: &[u8]) -> TlvResult<Vec<DataObject>> {
    let mut out = Vec::new();
    for obj in tlv::parse_file(data)? {
        if obj.tag != 0x30 {
            continue;
        }
        let children = obj.children()?;
        let (Some(common), Some(class)) = (children.first(), children.get(1)) else {
            return Err(TlvError::Missing(0x30));
        };
        let common = parse_common(common)?;
        let application = class
            .expect_tag(0x30)?
            .children()?
            .into_iter()
            .find(|c| c.tag == 0x0C)
            .map(|c| c.as_text());
        let value = type_attributes(&children)?;
        if value.tag != 0x30 && value.tag != 0x04 {
            continue;
        }
        out.push(DataObject {
            label: common.label,
            application,
            private: common.private,
            path: parse_path_seq(&value)?,
        });
    }
    Ok(out)
}

/// PKCS#15 KeyUsageFlags (a BIT STRING), as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyUsage(pub u16);

impl KeyUsage {
    pub const ENCRYPT: u16 = 1 << 0;
    pub const DECRYPT: u16 = 1 << 1;
    pub const SIGN: u16 = 1 << 2;
    pub const SIGN_RECOVER: u16 = 1 << 3;
    pub const WRAP: u16 = 1 << 4;
    pub const UNWRAP: u16 = 1 << 5;
    pub const VERIFY: u16 = 1 << 6;
    pub const VERIFY_RECOVER: u16 = 1 << 7;
    pub const DERIVE: u16 = 1 << 8;
    pub const NON_REPUDIATION: u16 = 1 << 9;

    fn from_bits(t: &Tlv<'_>) -> TlvResult<KeyUsage> {
        let mut v = 0u16;
        for n in 0..10 {
            if t.bit(n)? {
                v |= 1 << n;
            }
        }
        Ok(KeyUsage(v))
    }
    pub fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }
}

/// A private RSA key object of the PrKDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateKeyObject {
    pub label: Option<String>,
    pub auth_id: Option<Vec<u8>>,
    pub id: Vec<u8>,
    pub usage: KeyUsage,
    pub native: bool,
    pub key_reference: Option<u8>,
    /// The DF holding the key, to select before using it.
    pub path: Option<FilePath>,
    pub modulus_bits: Option<u32>,
}

/// Parses a PrKDF; objects other than `privateRSAKey` are skipped.
pub fn parse_prkdf(data: &[u8]) -> TlvResult<Vec<PrivateKeyObject>> {
    let mut out = Vec::new();
    for obj in tlv::parse_file(data)? {
        if obj.tag != 0x30 {
            continue;
        }
        let children = obj.children()?;
        let (Some(common), Some(class)) = (children.first(), children.get(1)) else {
            return Err(TlvError::Missing(0x30));
        };
        let common = parse_common(common)?;
        let mut id = None;
        let mut usage = KeyUsage::default();
        let mut native = true;
        let mut key_reference = None;
        for c in class.expect_tag(0x30)?.children()? {
            match c.tag {
                0x04 => id = Some(c.value.to_vec()),
                0x03 => usage = KeyUsage::from_bits(&c)?,
                0x01 => native = c.as_bool()?,
                0x02 => key_reference = Some(reference_byte(&c)?),
                _ => {}
            }
        }
        let attrs = type_attributes(&children)?.expect_tag(0x30)?;
        let mut path = None;
        let mut modulus_bits = None;
        for c in attrs.children()? {
            match c.tag {
                0x30 | 0x04 if path.is_none() => path = Some(parse_path_seq(&c)?.path),
                0x02 => {
                    modulus_bits = Some(
                        u32::try_from(c.as_uint()?)
                            .map_err(|_| TlvError::BadValue("modulus length"))?,
                    )
                }
                _ => {}
            }
        }
        out.push(PrivateKeyObject {
            label: common.label,
            auth_id: common.auth_id,
            id: id.ok_or(TlvError::Missing(0x04))?,
            usage,
            native,
            key_reference,
            path,
            modulus_bits,
        });
    }
    Ok(out)
}

/// PKCS#15 PasswordFlags, as a bit set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PasswordFlags(pub u16);

impl PasswordFlags {
    pub const CASE_SENSITIVE: u16 = 1 << 0;
    pub const LOCAL: u16 = 1 << 1;
    pub const CHANGE_DISABLED: u16 = 1 << 2;
    pub const UNBLOCK_DISABLED: u16 = 1 << 3;
    pub const INITIALIZED: u16 = 1 << 4;
    pub const NEEDS_PADDING: u16 = 1 << 5;
    pub const UNBLOCKING_PASSWORD: u16 = 1 << 6;
    pub const SO_PASSWORD: u16 = 1 << 7;

    pub fn has(self, flag: u16) -> bool {
        self.0 & flag != 0
    }
}

/// PKCS#15 PasswordType.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PasswordType {
    Bcd,
    AsciiNumeric,
    Utf8,
    HalfNibbleBcd,
    Iso9564_1,
    Other(u8),
}

impl PasswordType {
    fn from_u8(v: u8) -> Self {
        match v {
            0 => PasswordType::Bcd,
            1 => PasswordType::AsciiNumeric,
            2 => PasswordType::Utf8,
            3 => PasswordType::HalfNibbleBcd,
            4 => PasswordType::Iso9564_1,
            n => PasswordType::Other(n),
        }
    }
}

/// A password (PIN) object of the AODF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinObject {
    pub label: Option<String>,
    pub auth_id: Vec<u8>,
    pub flags: PasswordFlags,
    pub pwd_type: PasswordType,
    pub min_length: usize,
    pub stored_length: usize,
    pub max_length: Option<usize>,
    pub reference: Option<u8>,
    pub pad_char: Option<u8>,
    pub path: Option<FilePath>,
}

/// Parses an AODF; authentication objects other than `pwd` are skipped.
pub fn parse_aodf(data: &[u8]) -> TlvResult<Vec<PinObject>> {
    let mut out = Vec::new();
    for obj in tlv::parse_file(data)? {
        if obj.tag != 0x30 {
            continue;
        }
        let children = obj.children()?;
        let (Some(common), Some(class)) = (children.first(), children.get(1)) else {
            return Err(TlvError::Missing(0x30));
        };
        let common = parse_common(common)?;
        let auth_id = class
            .expect_tag(0x30)?
            .child(0x04)?
            .ok_or(TlvError::Missing(0x04))?
            .value
            .to_vec();
        let attrs = type_attributes(&children)?.expect_tag(0x30)?;
        let mut flags = PasswordFlags::default();
        let mut pwd_type = None;
        let mut min_length = None;
        let mut stored_length = None;
        let mut max_length = None;
        let mut reference = None;
        let mut pad_char = None;
        let mut path = None;
        let mut integers = 0;
        for c in attrs.children()? {
            match c.tag {
                0x03 => {
                    let mut v = 0u16;
                    for n in 0..12 {
                        if c.bit(n)? {
                            v |= 1 << n;
                        }
                    }
                    flags = PasswordFlags(v);
                }
                0x0A => pwd_type = Some(PasswordType::from_u8(c.as_uint()? as u8)),
                0x02 => {
                    let v = c.as_uint()? as usize;
                    match integers {
                        0 => min_length = Some(v),
                        1 => stored_length = Some(v),
                        2 => max_length = Some(v),
                        _ => {}
                    }
                    integers += 1;
                }
                0x80 => reference = Some(reference_byte(&c)?),
                0x04 => pad_char = c.value.first().copied(),
                0x30 => path = Some(parse_path_seq(&c)?.path),
                _ => {}
            }
        }
        out.push(PinObject {
            label: common.label,
            auth_id,
            flags,
            pwd_type: pwd_type.ok_or(TlvError::Missing(0x0A))?,
            min_length: min_length.ok_or(TlvError::Missing(0x02))?,
            stored_length: stored_length.ok_or(TlvError::Missing(0x02))?,
            max_length,
            reference,
            pad_char,
            path,
        });
    }
    Ok(out)
}

/// The PrKDF key used for authentication (TLS client signature): key reference 0x82, else a
/// signing key without non-repudiation.
pub fn find_auth_key(keys: &[PrivateKeyObject]) -> Option<&PrivateKeyObject> {
    keys.iter()
        .find(|k| k.key_reference == Some(0x82))
        .or_else(|| {
            keys.iter()
                .find(|k| k.usage.has(KeyUsage::SIGN) && !k.usage.has(KeyUsage::NON_REPUDIATION))
        })
}

/// The PrKDF key used for qualified signatures: non-repudiation usage, else key reference 0x81.
pub fn find_sign_key(keys: &[PrivateKeyObject]) -> Option<&PrivateKeyObject> {
    keys.iter()
        .find(|k| k.usage.has(KeyUsage::NON_REPUDIATION))
        .or_else(|| keys.iter().find(|k| k.key_reference == Some(0x81)))
}

/// The certificate of a key: same iD, else a label containing `label_hint`.
pub fn find_certificate<'a>(
    certs: &'a [CertificateObject],
    key: Option<&PrivateKeyObject>,
    label_hint: &str,
) -> Option<&'a CertificateObject> {
    key.and_then(|k| certs.iter().find(|c| c.id == k.id))
        .or_else(|| {
            let hint = label_hint.to_lowercase();
            certs.iter().find(|c| {
                !c.authority
                    && c.label
                        .as_deref()
                        .is_some_and(|l| l.to_lowercase().contains(&hint))
            })
        })
}

/// The PIN protecting `key` (same authId), else the first PIN that is not an unblocking code.
pub fn find_pin<'a>(
    pins: &'a [PinObject],
    key: Option<&PrivateKeyObject>,
) -> Option<&'a PinObject> {
    key.and_then(|k| k.auth_id.as_ref())
        .and_then(|id| pins.iter().find(|p| &p.auth_id == id))
        .or_else(|| {
            pins.iter()
                .find(|p| !p.flags.has(PasswordFlags::UNBLOCKING_PASSWORD))
        })
}

/// DER builders for tests (here and in `cps3`): the card's PKCS#15 layout of CARD.md.
#[cfg(test)]
pub(crate) mod testdata {
    use super::super::tlv::encode;

    pub const AID: &[u8] = &[
        0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10,
    ];
    pub const AID_CL: &[u8] = &[
        0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x20,
    ];

    fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
        encode(0x30, &parts.concat())
    }
    fn path(p: &[u8]) -> Vec<u8> {
        seq(&[encode(0x04, p)])
    }
    fn id(suffix: u8) -> Vec<u8> {
        [AID, &[suffix]].concat()
    }

    pub fn ef_dir() -> Vec<u8> {
        let mut out = Vec::new();
        for (aid, label, p) in [
            (AID, "CPS3 IAS", [0x3F, 0x00, 0x00, 0x01]),
            (AID_CL, "CPS3 IAS CL", [0x3F, 0x00, 0x00, 0x02]),
        ] {
            out.extend(encode(
                0x61,
                &[
                    encode(0x4F, aid),
                    encode(0x50, label.as_bytes()),
                    encode(0x51, &p),
                ]
                .concat(),
            ));
        }
        out.extend([0x00, 0x00]);
        out
    }

    /// ODF with the given (relative) file ids of PrKDF, CDF and AODF.
    pub fn odf(prkdf: &[u8], cdf: &[u8], aodf: &[u8]) -> Vec<u8> {
        [
            encode(0xA0, &path(prkdf)),
            encode(0xA4, &path(cdf)),
            encode(0xA8, &path(aodf)),
        ]
        .concat()
    }

    pub fn cdf(auth_path: &[u8], sign_path: &[u8]) -> Vec<u8> {
        let cert = |label: &str, suffix: u8, p: &[u8]| {
            seq(&[
                seq(&[encode(0x0C, label.as_bytes())]),
                seq(&[encode(0x04, &id(suffix))]),
                encode(0xA1, &seq(&[path(p)])),
            ])
        };
        [
            cert("Certificat d'Authentification CPS", 2, auth_path),
            cert("Certificat de Signature CPS", 1, sign_path),
        ]
        .concat()
    }

    pub fn prkdf() -> Vec<u8> {
        let key = |label: &str, suffix: u8, usage: &[u8], keyref: &[u8]| {
            seq(&[
                seq(&[
                    encode(0x0C, label.as_bytes()),
                    encode(0x03, &[0x07, 0x80]),
                    encode(0x04, &[0x01]),
                ]),
                seq(&[
                    encode(0x04, &id(suffix)),
                    encode(0x03, usage),
                    encode(0x01, &[0xFF]),
                    encode(0x02, keyref),
                ]),
                encode(
                    0xA1,
                    &seq(&[path(&[0x3F, 0x00, 0x00, 0x01]), encode(0x02, &[0x08, 0x00])]),
                ),
            ])
        };
        [
            // Proper DER (leading zero) for one, the bare byte some cards write for the other.
            key("CPS_PRIV_AUT", 2, &[0x05, 0x60], &[0x00, 0x82]),
            key("CPS_PRIV_SIG", 1, &[0x06, 0x00, 0x40], &[0x81]),
        ]
        .concat()
    }

    /// AODF with one PIN; `needs_padding` sets the flag (and a pad char FF).
    pub fn aodf(needs_padding: bool) -> Vec<u8> {
        // initialized = bit 4; needs-padding = bit 5.
        let flags: &[u8] = if needs_padding {
            &[0x02, 0x0C]
        } else {
            &[0x03, 0x08]
        };
        let mut attrs = vec![
            encode(0x03, flags),
            encode(0x0A, &[0x01]),
            encode(0x02, &[0x04]),
            encode(0x02, &[0x08]),
            encode(0x02, &[0x08]),
            encode(0x80, &[0x01]),
        ];
        if needs_padding {
            attrs.push(encode(0x04, &[0xFF]));
        }
        attrs.push(path(&[0x3F, 0x00]));
        seq(&[
            seq(&[encode(0x0C, b"PIN"), encode(0x03, &[0x06, 0x40])]),
            seq(&[encode(0x04, &[0x01])]),
            encode(0xA1, &seq(&attrs)),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::testdata::*;
    use super::*;

    #[test]
    fn dodf_gives_labels_private_flags_and_paths() {
        // Two opaqueDO objects, written by hand after ISO 7816-15: a public one with an
        // application name, a private one (flags bit 0, authId 01), and an oidDO (`A2`) to skip.
        use super::super::tlv::encode;
        let seq = |parts: &[Vec<u8>]| encode(0x30, &parts.concat());
        let path = |p: &[u8]| seq(&[encode(0x04, p)]);
        let public = seq(&[
            seq(&[encode(0x0C, b"CPS_INFO_PS"), vec![0x03, 0x01, 0x00]]),
            seq(&[encode(0x0C, b"CPS")]),
            encode(0xA1, &path(&[0x3F, 0x00, 0x00, 0x01, 0xD1, 0x10])),
        ]);
        let private = seq(&[
            seq(&[
                encode(0x0C, b"CPS_ACTIVITY_01_PS"),
                vec![0x03, 0x02, 0x07, 0x80],
                encode(0x04, &[0x01]),
            ]),
            seq(&[]),
            encode(0xA1, &path(&[0xD1, 0x20])),
        ]);
        let other = encode(0xA2, &seq(&[]));
        let objects = parse_dodf(&[public, private, other, vec![0, 0]].concat()).unwrap();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0].label.as_deref(), Some("CPS_INFO_PS"));
        assert_eq!(objects[0].application.as_deref(), Some("CPS"));
        assert!(!objects[0].private);
        assert_eq!(
            objects[0].path.path,
            FilePath::Absolute(vec![0x3F, 0x00, 0x00, 0x01, 0xD1, 0x10])
        );
        assert!(objects[1].private);
        assert_eq!(objects[1].application, None);
        assert_eq!(objects[1].path.path, FilePath::Relative(vec![0xD1, 0x20]));
    }

    #[test]
    fn ef_dir_lists_both_applications() {
        let apps = parse_dir(&ef_dir()).unwrap();
        assert_eq!(apps.len(), 2);
        assert_eq!(apps[0].aid, AID);
        assert_eq!(apps[0].label.as_deref(), Some("CPS3 IAS"));
        assert_eq!(
            apps[0].path,
            Some(FilePath::Absolute(vec![0x3F, 0x00, 0x00, 0x01]))
        );
        assert_eq!(apps[1].aid, AID_CL);
    }

    #[test]
    fn odf_gives_the_directory_paths() {
        let odf = parse_odf(&odf(
            &[0x40, 0x01],
            &[0x3F, 0x00, 0x00, 0x01, 0x40, 0x02],
            &[0x40, 0x03],
        ))
        .unwrap();
        assert_eq!(
            odf.private_keys[0].path,
            FilePath::Relative(vec![0x40, 0x01])
        );
        assert_eq!(
            odf.certificates[0].path.resolve(&[0x3F, 0x00, 0x00, 0x01]),
            vec![0x3F, 0x00, 0x00, 0x01, 0x40, 0x02]
        );
        assert_eq!(
            odf.auth_objects[0].path.resolve(&[0x3F, 0x00, 0x00, 0x01]),
            vec![0x3F, 0x00, 0x00, 0x01, 0x40, 0x03]
        );
    }

    #[test]
    fn cdf_prkdf_aodf_parse_and_match() {
        let certs = parse_cdf(&cdf(&[0xC0, 0x01], &[0x3F, 0x00, 0x00, 0x01, 0xC0, 0x02])).unwrap();
        assert_eq!(certs.len(), 2);
        assert_eq!(
            certs[0].label.as_deref(),
            Some("Certificat d'Authentification CPS")
        );
        assert_eq!(certs[0].id, [AID, &[2]].concat());
        assert_eq!(certs[0].path.path, FilePath::Relative(vec![0xC0, 0x01]));

        let keys = parse_prkdf(&prkdf()).unwrap();
        assert_eq!(keys.len(), 2);
        let auth = find_auth_key(&keys).unwrap();
        assert_eq!(auth.label.as_deref(), Some("CPS_PRIV_AUT"));
        assert_eq!(auth.key_reference, Some(0x82));
        assert!(auth.usage.has(KeyUsage::SIGN) && auth.usage.has(KeyUsage::DECRYPT));
        assert!(!auth.usage.has(KeyUsage::NON_REPUDIATION));
        assert_eq!(auth.modulus_bits, Some(2048));
        assert_eq!(
            auth.path,
            Some(FilePath::Absolute(vec![0x3F, 0x00, 0x00, 0x01]))
        );
        assert_eq!(auth.auth_id.as_deref(), Some(&[0x01][..]));
        let sign = find_sign_key(&keys).unwrap();
        assert_eq!(sign.key_reference, Some(0x81));
        assert!(sign.usage.has(KeyUsage::NON_REPUDIATION));

        let auth_cert = find_certificate(&certs, Some(auth), "authentification").unwrap();
        assert_eq!(auth_cert.id, auth.id);
        let sign_cert = find_certificate(&certs, Some(sign), "signature").unwrap();
        assert_eq!(
            sign_cert.label.as_deref(),
            Some("Certificat de Signature CPS")
        );
        // Without keys, labels still find them.
        assert_eq!(
            find_certificate(&certs, None, "Authentification"),
            Some(&certs[0])
        );

        let pins = parse_aodf(&aodf(false)).unwrap();
        assert_eq!(pins.len(), 1);
        let pin = find_pin(&pins, Some(auth)).unwrap();
        assert_eq!(pin.reference, Some(0x01));
        assert_eq!(
            (pin.min_length, pin.stored_length, pin.max_length),
            (4, 8, Some(8))
        );
        assert_eq!(pin.pwd_type, PasswordType::AsciiNumeric);
        assert!(pin.flags.has(PasswordFlags::INITIALIZED));
        assert!(!pin.flags.has(PasswordFlags::NEEDS_PADDING));
        assert!(!pin.flags.has(PasswordFlags::LOCAL));
        assert_eq!(pin.path, Some(FilePath::Absolute(vec![0x3F, 0x00])));

        let padded = parse_aodf(&aodf(true)).unwrap();
        assert!(padded[0].flags.has(PasswordFlags::NEEDS_PADDING));
        assert_eq!(padded[0].pad_char, Some(0xFF));
    }

    #[test]
    fn malformed_directories_are_errors_not_panics() {
        assert!(parse_cdf(&[0x30, 0x03, 0x30, 0x01, 0x0C]).is_err());
        assert!(parse_prkdf(&[0x30, 0x02, 0x30, 0x00]).is_err());
        assert!(parse_aodf(&[0x30, 0x04, 0x30, 0x00, 0x30, 0x00]).is_err());
        assert!(parse_dir(&[0x61, 0x02, 0x50, 0x00]).is_err());
        assert!(FilePath::from_bytes(&[0x3F]).is_err());
        let full = prkdf();
        for cut in 0..full.len() {
            let _ = parse_prkdf(&full[..cut]);
        }
        let full = aodf(true);
        for cut in 0..full.len() {
            let _ = parse_aodf(&full[..cut]);
        }
    }
}
