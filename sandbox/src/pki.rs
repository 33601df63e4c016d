//! A test PKI shaped like IGC-Santé (ANS), so the client can be tested end to end with
//! certificates whose names, chain and extensions look like the real CPS ones.
//!
//! Layout: `TEST AC RACINE IGC-SANTE FORT` signs `TEST AC IGC-SANTE FORT PERSONNES` (card
//! holders) and `TEST AC IGC-SANTE FORT ORGANISATIONS` (servers and structures, later). Every
//! file lives under one directory and is reused: a CA is never regenerated once it exists, and
//! a holder is created the first time it is asked for.
//!
//! rcgen keeps one value per attribute type and one attribute per RDN, so two details are
//! handled here: the CA names carry two `OU`s (the second one is written through rcgen's
//! custom-OID type with the `OU` OID), and the holder subject's multi-valued RDN
//! `{CN, SN, GN}` is written by replacing the subject of the rcgen-built TBSCertificate and
//! signing it again with the issuing CA's key.

use std::fs;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use rand::RngCore;
use rcgen::string::PrintableString;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, PublicKeyData, SerialNumber,
    SigningKey, PKCS_RSA_SHA256,
};

use crate::der;
use crate::error::{Error, Result};

/// OID arcs of the X.520 attributes used in the names.
const OID_CN: &[u64] = &[2, 5, 4, 3];
const OID_SN: &[u64] = &[2, 5, 4, 4];
const OID_C: &[u64] = &[2, 5, 4, 6];
const OID_OU: &[u64] = &[2, 5, 4, 11];
const OID_TITLE: &[u64] = &[2, 5, 4, 12];
const OID_GN: &[u64] = &[2, 5, 4, 42];

/// The identity printed in a CPS: national id (CN), surname (SN), given name (GN) and the
/// profession label (title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderIdentity {
    /// Identifiant national, e.g. `899700000017` (`8` + RPPS of an ANS test card).
    pub national_id: String,
    /// Surname (SN).
    pub surname: String,
    /// Given name (GN).
    pub given_name: String,
    /// Profession label (title), e.g. `Médecin`.
    pub profession: String,
}

impl Default for HolderIdentity {
    fn default() -> Self {
        HolderIdentity {
            national_id: "899700000017".into(),
            surname: "TESTDOC0000001".into(),
            given_name: "CAMILLE".into(),
            profession: "Médecin".into(),
        }
    }
}

impl HolderIdentity {
    /// The DER subject Name: `C=FR`, `title=…`, then one RDN `{CN, SN, GN}` (DER-sorted).
    pub fn subject_der(&self) -> Vec<u8> {
        let atv = |oid: &[u64], value: &str| der::seq(&[&der::oid(oid), &directory_string(value)]);
        der::seq(&[
            &der::set_of(vec![atv(OID_C, "FR")]),
            &der::set_of(vec![atv(OID_TITLE, &self.profession)]),
            &der::set_of(vec![
                atv(OID_CN, &self.national_id),
                atv(OID_SN, &self.surname),
                atv(OID_GN, &self.given_name),
            ]),
        ])
    }

    /// Directory name under `holders/` (the national id, with anything but letters, digits
    /// and `-` replaced by `_`: CPE ids contain a `/`).
    pub fn dir_name(&self) -> String {
        self.national_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    }

    fn validate(&self) -> Result<()> {
        for (what, value) in [
            ("national id", &self.national_id),
            ("surname", &self.surname),
            ("given name", &self.given_name),
            ("profession", &self.profession),
        ] {
            if value.trim().is_empty() {
                return Err(Error::InvalidOption(format!(
                    "the holder's {what} is empty"
                )));
            }
        }
        Ok(())
    }
}

/// PrintableString when the value allows it (as CAs usually encode ASCII names), UTF8String
/// otherwise (e.g. `Médecin`).
fn directory_string(value: &str) -> Vec<u8> {
    let printable = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c));
    der::tlv(if printable { 0x13 } else { 0x0C }, value.as_bytes())
}

/// The certificates and private keys of one card holder, as the card needs them.
#[derive(Debug, Clone)]
pub struct HolderKeys {
    /// Who the certificates are for.
    pub identity: HolderIdentity,
    /// Authentication certificate (DER), key reference 0x82 on the card.
    pub auth_cert_der: Vec<u8>,
    /// Authentication private key (PKCS#8 DER).
    pub auth_key_pkcs8_der: Vec<u8>,
    /// Signature certificate (DER), key reference 0x81 on the card.
    pub sign_cert_der: Vec<u8>,
    /// Signature private key (PKCS#8 DER).
    pub sign_key_pkcs8_der: Vec<u8>,
    /// `holders/<national_id>` directory holding the PEM files.
    pub dir: PathBuf,
}

/// The three CAs of the test PKI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaKind {
    Root,
    Personnes,
    Organisations,
}

impl CaKind {
    fn common_name(self) -> &'static str {
        match self {
            CaKind::Root => "TEST AC RACINE IGC-SANTE FORT",
            CaKind::Personnes => "TEST AC IGC-SANTE FORT PERSONNES",
            CaKind::Organisations => "TEST AC IGC-SANTE FORT ORGANISATIONS",
        }
    }

    fn stem(self) -> &'static str {
        match self {
            CaKind::Root => "root-ca",
            CaKind::Personnes => "personnes-ca",
            CaKind::Organisations => "organisations-ca",
        }
    }

    /// CertificateParams of the CA. Deterministic apart from validity and serial, so the
    /// same function rebuilds the issuer of a CA loaded from disk.
    fn params(self) -> Result<CertificateParams> {
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, printable("FR")?);
        dn.push(DnType::OrganizationName, printable("ASIP-SANTE")?);
        dn.push(DnType::OrganizationalUnitName, printable("0002 187512751")?);
        // A second OU: rcgen keys its names by attribute type, the custom type with the same
        // OID is a distinct key and is written as a plain `OU`.
        dn.push(
            DnType::CustomDnType(OID_OU.to_vec()),
            printable("IGC-SANTE TEST")?,
        );
        dn.push(DnType::CommonName, printable(self.common_name())?);

        let mut params = CertificateParams::default();
        params.distinguished_name = dn;
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(1);
        match self {
            CaKind::Root => {
                params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
                params.not_after = now + time::Duration::days(20 * 365);
            }
            CaKind::Personnes | CaKind::Organisations => {
                params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
                params.not_after = now + time::Duration::days(10 * 365);
                params.use_authority_key_identifier_extension = true;
            }
        }
        params.serial_number = Some(random_serial());
        Ok(params)
    }
}

fn printable(s: &str) -> Result<DnValue> {
    Ok(DnValue::PrintableString(PrintableString::try_from(s)?))
}

fn random_serial() -> SerialNumber {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    // Positive and exactly 16 bytes long.
    bytes[0] = (bytes[0] & 0x7F) | 0x40;
    SerialNumber::from(bytes.to_vec())
}

/// One CA: its certificate and key as stored on disk.
#[derive(Debug, Clone)]
struct Ca {
    kind: CaKind,
    cert_der: Vec<u8>,
    cert_pem: String,
    key_pem: String,
}

impl Ca {
    fn issuer(&self) -> Result<Issuer<'static, KeyPair>> {
        let key = KeyPair::from_pkcs8_pem_and_sign_algo(&self.key_pem, &PKCS_RSA_SHA256)?;
        Ok(Issuer::new(self.kind.params()?, key))
    }
}

/// An rcgen issuer for one of this PKI's CAs, from its PEM certificate and PKCS#8 key.
/// rcgen cannot rebuild our CA names from a certificate (it drops the second OU), so a CA of
/// ours is recognised by its common name and its issuer name rebuilt from the same parameters;
/// any other CA falls back to rcgen's reading of the certificate.
pub fn issuer_from_pem(cert_pem: &str, key_pem: &str) -> Result<Issuer<'static, KeyPair>> {
    let key = KeyPair::from_pkcs8_pem_and_sign_algo(key_pem, &PKCS_RSA_SHA256)?;
    let der = pem_decode(cert_pem, Path::new("CA certificate"))?;
    let kind = [CaKind::Root, CaKind::Personnes, CaKind::Organisations]
        .into_iter()
        .find(|k| {
            x509_parser::parse_x509_certificate(&der)
                .ok()
                .and_then(|(_, c)| {
                    c.subject()
                        .iter_common_name()
                        .next()
                        .and_then(|cn| cn.as_str().ok().map(|s| s == k.common_name()))
                })
                .unwrap_or(false)
        });
    match kind {
        Some(k) => Ok(Issuer::new(k.params()?, key)),
        None => Ok(Issuer::from_ca_cert_pem(cert_pem, key)?),
    }
}

/// The test PKI on disk.
#[derive(Debug, Clone)]
pub struct Pki {
    dir: PathBuf,
    root: Ca,
    personnes: Ca,
    organisations: Ca,
}

impl Pki {
    /// `$XDG_DATA_HOME/dmp-sandbox/pki` (or the platform's data directory).
    pub fn default_dir() -> Result<PathBuf> {
        dirs::data_dir()
            .map(|d| d.join("dmp-sandbox").join("pki"))
            .ok_or_else(|| Error::Pki("no data directory (set XDG_DATA_HOME or HOME)".into()))
    }

    /// Opens the PKI in [`Pki::default_dir`], creating what is missing.
    pub fn load_or_create_default() -> Result<Pki> {
        Pki::load_or_create(Pki::default_dir()?)
    }

    /// Opens the PKI in `dir`, creating the directory and any missing CA. Existing CAs are
    /// never regenerated; `ca-bundle.pem` is rewritten to match them.
    pub fn load_or_create(dir: impl AsRef<Path>) -> Result<Pki> {
        let dir = dir.as_ref().to_path_buf();
        fs::create_dir_all(&dir).map_err(|e| Error::file(&dir, e))?;
        let _lock = DirLock::acquire(&dir)?;

        let root = match load_ca(&dir, CaKind::Root)? {
            Some(ca) => ca,
            None => {
                for kind in [CaKind::Personnes, CaKind::Organisations] {
                    if dir.join(format!("{}.pem", kind.stem())).exists() {
                        return Err(Error::Pki(format!(
                            "{} has {}.pem but no root CA: remove the directory to start over",
                            dir.display(),
                            kind.stem()
                        )));
                    }
                }
                let key = KeyPair::generate_for(&PKCS_RSA_SHA256)?;
                let cert = CaKind::Root.params()?.self_signed(&key)?;
                store_ca(&dir, CaKind::Root, cert.der(), &key)?
            }
        };
        let subordinate = |kind: CaKind| -> Result<Ca> {
            if let Some(ca) = load_ca(&dir, kind)? {
                return Ok(ca);
            }
            let key = KeyPair::generate_for(&PKCS_RSA_SHA256)?;
            let cert = kind.params()?.signed_by(&key, &root.issuer()?)?;
            store_ca(&dir, kind, cert.der(), &key)
        };
        let personnes = subordinate(CaKind::Personnes)?;
        let organisations = subordinate(CaKind::Organisations)?;

        let bundle = [&root, &personnes, &organisations]
            .iter()
            .map(|ca| ca.cert_pem.as_str())
            .collect::<String>();
        let bundle_path = dir.join("ca-bundle.pem");
        if fs::read_to_string(&bundle_path).ok().as_deref() != Some(bundle.as_str()) {
            write_file(&bundle_path, bundle.as_bytes(), false)?;
        }
        Ok(Pki {
            dir,
            root,
            personnes,
            organisations,
        })
    }

    /// The PKI directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `root-ca.pem`: the trust anchor to give the client.
    pub fn root_ca_path(&self) -> PathBuf {
        self.dir.join("root-ca.pem")
    }

    /// `ca-bundle.pem`: root + both intermediates.
    pub fn ca_bundle_path(&self) -> PathBuf {
        self.dir.join("ca-bundle.pem")
    }

    /// Root CA certificate (DER).
    pub fn root_cert_der(&self) -> &[u8] {
        &self.root.cert_der
    }

    /// `TEST AC IGC-SANTE FORT PERSONNES` certificate (DER), the issuer of card certificates.
    pub fn personnes_cert_der(&self) -> &[u8] {
        &self.personnes.cert_der
    }

    /// `TEST AC IGC-SANTE FORT ORGANISATIONS` certificate (DER).
    pub fn organisations_cert_der(&self) -> &[u8] {
        &self.organisations.cert_der
    }

    /// `holders/<national_id>` for this identity (it may not exist yet).
    pub fn holder_dir(&self, identity: &HolderIdentity) -> PathBuf {
        self.dir.join("holders").join(identity.dir_name())
    }

    /// The holder's keys and certificates, created on first use. Existing keys are kept;
    /// their certificates are reissued if the identity or the issuing CA changed.
    pub fn holder(&self, identity: &HolderIdentity) -> Result<HolderKeys> {
        identity.validate()?;
        let dir = self.holder_dir(identity);
        fs::create_dir_all(&dir).map_err(|e| Error::file(&dir, e))?;
        let _lock = DirLock::acquire(&self.dir)?;

        let subject = identity.subject_der();
        let issuer_name = cert_name(&self.personnes.cert_der, NAME_SUBJECT)
            .ok_or_else(|| Error::Pki("unparsable PERSONNES CA certificate".into()))?
            .to_vec();
        let mut out = HolderKeys {
            identity: identity.clone(),
            auth_cert_der: Vec::new(),
            auth_key_pkcs8_der: Vec::new(),
            sign_cert_der: Vec::new(),
            sign_key_pkcs8_der: Vec::new(),
            dir: dir.clone(),
        };
        for usage in [HolderUsage::Auth, HolderUsage::Sign] {
            let key_path = dir.join(format!("{}-key.pem", usage.stem()));
            let cert_path = dir.join(format!("{}-cert.pem", usage.stem()));
            let key = match read_optional(&key_path)? {
                Some(pem) => KeyPair::from_pkcs8_pem_and_sign_algo(&pem, &PKCS_RSA_SHA256)?,
                None => {
                    let key = KeyPair::generate_for(&PKCS_RSA_SHA256)?;
                    write_file(&key_path, key.serialize_pem().as_bytes(), true)?;
                    let _ = fs::remove_file(&cert_path);
                    key
                }
            };
            let existing = match read_optional(&cert_path)? {
                Some(pem) => Some(pem_decode(&pem, &cert_path)?),
                None => None,
            };
            let reusable = existing.filter(|der| {
                cert_name(der, NAME_SUBJECT) == Some(subject.as_slice())
                    && cert_name(der, NAME_ISSUER) == Some(issuer_name.as_slice())
                    && cert_spki(der) == Some(key.subject_public_key_info().as_slice())
            });
            let cert_der = match reusable {
                Some(der) => der,
                None => {
                    let der = self.issue_holder_cert(identity, usage, &key)?;
                    write_file(
                        &cert_path,
                        pem_encode("CERTIFICATE", &der).as_bytes(),
                        false,
                    )?;
                    der
                }
            };
            match usage {
                HolderUsage::Auth => {
                    out.auth_cert_der = cert_der;
                    out.auth_key_pkcs8_der = key.serialize_der();
                }
                HolderUsage::Sign => {
                    out.sign_cert_der = cert_der;
                    out.sign_key_pkcs8_der = key.serialize_der();
                }
            }
        }
        Ok(out)
    }

    /// The files of the PKI (CAs and holders), for display.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut walk = vec![self.dir.clone()];
        while let Some(d) = walk.pop() {
            let Ok(entries) = fs::read_dir(&d) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk.push(path);
                } else if !entry.file_name().to_string_lossy().starts_with('.') {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    }

    fn issue_holder_cert(
        &self,
        identity: &HolderIdentity,
        usage: HolderUsage,
        key: &KeyPair,
    ) -> Result<Vec<u8>> {
        let mut params = CertificateParams::default();
        // Placeholder, replaced by the multi-valued RDN below.
        params
            .distinguished_name
            .push(DnType::CommonName, identity.national_id.as_str());
        params.is_ca = IsCa::ExplicitNoCa;
        params.use_authority_key_identifier_extension = true;
        params.serial_number = Some(random_serial());
        let now = time::OffsetDateTime::now_utc();
        params.not_before = now - time::Duration::days(1);
        params.not_after = now + time::Duration::days(3 * 365);
        match usage {
            HolderUsage::Auth => {
                params.key_usages = vec![
                    KeyUsagePurpose::DigitalSignature,
                    KeyUsagePurpose::KeyEncipherment,
                ];
                params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
            }
            HolderUsage::Sign => {
                params.key_usages = vec![KeyUsagePurpose::ContentCommitment];
            }
        }
        let issuer = self.personnes.issuer()?;
        let cert = params.signed_by(key, &issuer)?;
        let issuer_key =
            KeyPair::from_pkcs8_pem_and_sign_algo(&self.personnes.key_pem, &PKCS_RSA_SHA256)?;
        replace_subject(cert.der(), &identity.subject_der(), &issuer_key)
    }
}

#[derive(Debug, Clone, Copy)]
enum HolderUsage {
    Auth,
    Sign,
}

impl HolderUsage {
    fn stem(self) -> &'static str {
        match self {
            HolderUsage::Auth => "auth",
            HolderUsage::Sign => "sign",
        }
    }
}

/// Index of the issuer and subject Names among the TBSCertificate fields (after the
/// explicit version, serial and signature algorithm).
const NAME_ISSUER: usize = 3;
const NAME_SUBJECT: usize = 5;
const TBS_SPKI: usize = 6;

fn tbs_fields(cert: &[u8]) -> Option<Vec<der::Tlv<'_>>> {
    let (outer, _) = der::parse_one(cert)?;
    let parts = outer.children()?;
    let tbs = parts.first()?;
    let fields = tbs.children()?;
    (fields.len() >= 7 && fields[0].is(0xA0)).then_some(fields)
}

/// The encoded issuer or subject Name of a certificate.
fn cert_name(cert: &[u8], index: usize) -> Option<&[u8]> {
    tbs_fields(cert).map(|f| f[index].raw)
}

/// The encoded SubjectPublicKeyInfo of a certificate.
pub(crate) fn cert_spki(cert: &[u8]) -> Option<&[u8]> {
    tbs_fields(cert).map(|f| f[TBS_SPKI].raw)
}

/// Rebuilds `cert` with another subject Name and signs it again with `issuer_key` (same
/// algorithm: sha256WithRSAEncryption).
fn replace_subject(cert: &[u8], subject: &[u8], issuer_key: &KeyPair) -> Result<Vec<u8>> {
    let bad = || Error::Pki("rcgen produced a certificate this crate cannot parse".into());
    let (outer, _) = der::parse_one(cert).ok_or_else(bad)?;
    let parts = outer.children().ok_or_else(bad)?;
    let alg = parts.get(1).ok_or_else(bad)?;
    let fields = tbs_fields(cert).ok_or_else(bad)?;
    let mut tbs_content = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        tbs_content.extend_from_slice(if i == NAME_SUBJECT {
            subject
        } else {
            field.raw
        });
    }
    let tbs = der::tlv(0x30, &tbs_content);
    let signature = issuer_key.sign(&tbs)?;
    let mut bits = vec![0u8];
    bits.extend_from_slice(&signature);
    Ok(der::seq(&[&tbs, alg.raw, &der::tlv(0x03, &bits)]))
}

fn load_ca(dir: &Path, kind: CaKind) -> Result<Option<Ca>> {
    let cert_path = dir.join(format!("{}.pem", kind.stem()));
    let key_path = dir.join(format!("{}-key.pem", kind.stem()));
    let cert_pem = read_optional(&cert_path)?;
    let key_pem = read_optional(&key_path)?;
    match (cert_pem, key_pem) {
        (None, None) => Ok(None),
        (Some(cert_pem), Some(key_pem)) => {
            let cert_der = pem_decode(&cert_pem, &cert_path)?;
            KeyPair::from_pkcs8_pem_and_sign_algo(&key_pem, &PKCS_RSA_SHA256).map_err(|e| {
                Error::Pki(format!(
                    "{}: not an RSA PKCS#8 key: {e}",
                    key_path.display()
                ))
            })?;
            Ok(Some(Ca {
                kind,
                cert_der,
                cert_pem,
                key_pem,
            }))
        }
        (Some(_), None) => Err(Error::Pki(format!(
            "{} exists but {} is missing",
            cert_path.display(),
            key_path.display()
        ))),
        (None, Some(_)) => Err(Error::Pki(format!(
            "{} exists but {} is missing",
            key_path.display(),
            cert_path.display()
        ))),
    }
}

fn store_ca(dir: &Path, kind: CaKind, cert_der: &[u8], key: &KeyPair) -> Result<Ca> {
    let cert_pem = pem_encode("CERTIFICATE", cert_der);
    let key_pem = key.serialize_pem();
    write_file(
        &dir.join(format!("{}-key.pem", kind.stem())),
        key_pem.as_bytes(),
        true,
    )?;
    write_file(
        &dir.join(format!("{}.pem", kind.stem())),
        cert_pem.as_bytes(),
        false,
    )?;
    Ok(Ca {
        kind,
        cert_der: cert_der.to_vec(),
        cert_pem,
        key_pem,
    })
}

fn pem_encode(tag: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(tag, der),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

fn pem_decode(text: &str, path: &Path) -> Result<Vec<u8>> {
    pem::parse(text)
        .map(pem::Pem::into_contents)
        .map_err(|e| Error::Pki(format!("{}: {e}", path.display())))
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::file(path, e)),
    }
}

/// Writes through a temporary file and a rename, so a reader never sees half a file.
/// Private files are created with mode 0600.
fn write_file(path: &Path, contents: &[u8], private: bool) -> Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options
        .write(true)
        .create(true)
        .truncate(true)
        .mode(if private { 0o600 } else { 0o644 });
    let mut file = options.open(&tmp).map_err(|e| Error::file(&tmp, e))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::file(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| Error::file(path, e))
}

/// Serialises PKI creation between threads (a mutex) and between processes (an exclusive
/// `.lock` file; one older than two minutes is considered left behind by a crash).
struct DirLock {
    path: PathBuf,
    _guard: MutexGuard<'static, ()>,
}

impl DirLock {
    fn acquire(dir: &Path) -> Result<DirLock> {
        static IN_PROCESS: Mutex<()> = Mutex::new(());
        let guard = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
        let path = dir.join(".lock");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(DirLock {
                        path,
                        _guard: guard,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let stale = fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| SystemTime::now().duration_since(t).ok())
                        .is_some_and(|age| age > Duration::from_secs(120));
                    if stale {
                        let _ = fs::remove_file(&path);
                        continue;
                    }
                    if Instant::now() > deadline {
                        return Err(Error::Pki(format!(
                            "{} is held by another process (remove it if none is running)",
                            path.display()
                        )));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(Error::file(&path, e)),
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;
    use x509_parser::prelude::*;

    fn rfc2253(cert_pem_path: &Path, what: &str) -> String {
        let out = Command::new("openssl")
            .args([
                "x509",
                "-noout",
                what,
                "-nameopt",
                "RFC2253,-esc_msb",
                "-in",
            ])
            .arg(cert_pem_path)
            .output()
            .expect("openssl");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    #[test]
    fn pki_shape_chain_and_reuse() {
        let tmp = tempfile::tempdir().unwrap();
        let pki = Pki::load_or_create(tmp.path()).unwrap();
        let holder = pki.holder(&HolderIdentity::default()).unwrap();

        // Subject shape, in DER order: C, title, {CN, SN, GN}.
        let (_, cert) = X509Certificate::from_der(&holder.auth_cert_der).unwrap();
        let rdns: Vec<_> = cert.subject().iter().collect();
        assert_eq!(rdns.len(), 3);
        assert_eq!(rdns[0].iter().next().unwrap().as_str().unwrap(), "FR");
        let title = rdns[1].iter().next().unwrap();
        assert_eq!(title.attr_type().to_id_string(), "2.5.4.12");
        assert_eq!(title.as_str().unwrap(), "Médecin");
        let mut multi: Vec<_> = rdns[2]
            .iter()
            .map(|a| {
                (
                    a.attr_type().to_id_string(),
                    a.as_str().unwrap().to_string(),
                )
            })
            .collect();
        multi.sort();
        assert_eq!(
            multi,
            [
                ("2.5.4.3".into(), "899700000017".into()),
                ("2.5.4.4".into(), "TESTDOC0000001".into()),
                ("2.5.4.42".into(), "CAMILLE".into()),
            ]
        );
        assert_eq!(
            cert.issuer().to_string(),
            "C=FR, O=ASIP-SANTE, OU=0002 187512751, OU=IGC-SANTE TEST, \
             CN=TEST AC IGC-SANTE FORT PERSONNES"
        );
        let ku = cert.key_usage().unwrap().unwrap().value;
        assert!(ku.digital_signature() && ku.key_encipherment() && !ku.non_repudiation());
        assert!(
            cert.extended_key_usage()
                .unwrap()
                .unwrap()
                .value
                .client_auth
        );
        let (_, sign) = X509Certificate::from_der(&holder.sign_cert_der).unwrap();
        assert!(sign.key_usage().unwrap().unwrap().value.non_repudiation());
        assert_eq!(sign.subject(), cert.subject());

        // Chain signatures.
        let (_, personnes) = X509Certificate::from_der(pki.personnes_cert_der()).unwrap();
        let (_, root) = X509Certificate::from_der(pki.root_cert_der()).unwrap();
        cert.verify_signature(Some(personnes.public_key())).unwrap();
        sign.verify_signature(Some(personnes.public_key())).unwrap();
        personnes.verify_signature(Some(root.public_key())).unwrap();
        root.verify_signature(None).unwrap();
        assert_eq!(
            personnes
                .basic_constraints()
                .unwrap()
                .unwrap()
                .value
                .path_len_constraint,
            Some(0)
        );

        // openssl agrees on the text form and on the chain.
        let auth_pem = holder.dir.join("auth-cert.pem");
        assert_eq!(
            rfc2253(&auth_pem, "-subject"),
            // openssl prints a multi-valued RDN backwards; the DER order is the sorted one
            // (GN, CN, SN here).
            "subject=SN=TESTDOC0000001+CN=899700000017+GN=CAMILLE,title=Médecin,C=FR"
        );
        assert_eq!(
            rfc2253(&pki.root_ca_path(), "-subject"),
            "subject=CN=TEST AC RACINE IGC-SANTE FORT,OU=IGC-SANTE TEST,OU=0002 187512751,\
             O=ASIP-SANTE,C=FR"
        );
        let verify = Command::new("openssl")
            .arg("verify")
            .arg("-CAfile")
            .arg(pki.root_ca_path())
            .arg("-untrusted")
            .arg(pki.ca_bundle_path())
            .arg(&auth_pem)
            .arg(holder.dir.join("sign-cert.pem"))
            .output()
            .unwrap();
        assert!(verify.status.success(), "{verify:?}");

        // Files and modes.
        for name in [
            "root-ca-key.pem",
            "personnes-ca-key.pem",
            "organisations-ca-key.pem",
        ] {
            let mode = fs::metadata(tmp.path().join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
        for name in ["auth-key.pem", "sign-key.pem"] {
            let mode = fs::metadata(holder.dir.join(name))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
        let bundle = fs::read_to_string(pki.ca_bundle_path()).unwrap();
        assert_eq!(::pem::parse_many(bundle).unwrap().len(), 3);

        // Reuse: same CAs, same holder certificates.
        let again = Pki::load_or_create(tmp.path()).unwrap();
        assert_eq!(again.root_cert_der(), pki.root_cert_der());
        assert_eq!(again.organisations_cert_der(), pki.organisations_cert_der());
        let holder2 = again.holder(&HolderIdentity::default()).unwrap();
        assert_eq!(holder2.auth_cert_der, holder.auth_cert_der);
        assert_eq!(holder2.sign_key_pkcs8_der, holder.sign_key_pkcs8_der);

        // Another identity under the same id: same keys, certificates reissued.
        let renamed = HolderIdentity {
            surname: "AUTRE".into(),
            ..HolderIdentity::default()
        };
        let holder3 = again.holder(&renamed).unwrap();
        assert_eq!(holder3.auth_key_pkcs8_der, holder.auth_key_pkcs8_der);
        assert_ne!(holder3.auth_cert_der, holder.auth_cert_der);
        assert!(!tmp.path().join(".lock").exists());
    }
}
