//! Certificates the server needs, issued by the test PKI's ORGANISATIONS CA: the TLS server
//! certificate (127.0.0.1 / localhost) and the structure certificate used in indirect mode
//! (PKCS#12 with a generated password). Also a throwaway PKI generator for tests, laid out like
//! `dmp-sandbox pki` does (root, PERSONNES and ORGANISATIONS intermediates, `ca-bundle.pem`).

use std::path::{Path, PathBuf};

use base64::Engine;
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, DnValue,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, RsaKeySize, PKCS_RSA_SHA256,
};
use sha2::{Digest, Sha256};

use super::ServeError;

pub const STRUCTURE_ID: &str = super::seed::STRUCTURE_ID;
pub const STRUCTURE_NAME: &str = super::seed::STRUCTURE_NAME;

/// A CA certificate and its PKCS#8 key, both PEM.
#[derive(Debug, Clone)]
pub struct CaMaterial {
    pub cert_pem: String,
    pub key_pem: String,
}

/// PEM armour of DER bytes.
pub fn pem(label: &str, der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

fn setup(e: impl std::fmt::Display) -> ServeError {
    ServeError::Setup(e.to_string())
}

fn rsa_key() -> Result<KeyPair, ServeError> {
    KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, RsaKeySize::_2048).map_err(setup)
}

fn validity(params: &mut CertificateParams, days: i64) {
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(1);
    params.not_after = now + time::Duration::days(days);
}

fn issuer(ca: &CaMaterial) -> Result<Issuer<'static, KeyPair>, ServeError> {
    crate::pki::issuer_from_pem(&ca.cert_pem, &ca.key_pem).map_err(setup)
}

fn fingerprint(ca: &CaMaterial) -> String {
    hex::encode(Sha256::digest(ca.cert_pem.as_bytes()))
}

/// Issue the TLS server certificate for 127.0.0.1 / localhost / ::1.
/// Returns (certificate PEM, key PEM).
pub fn issue_server_cert(ca: &CaMaterial) -> Result<(String, String), ServeError> {
    let mut params = CertificateParams::new(vec![
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "::1".to_string(),
    ])
    .map_err(setup)?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "FR");
    dn.push(DnType::OrganizationName, "DMP SANDBOX");
    dn.push(DnType::CommonName, "localhost");
    params.distinguished_name = dn;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    validity(&mut params, 825);
    let key = rsa_key()?;
    let cert = params.signed_by(&key, &issuer(ca)?).map_err(setup)?;
    Ok((cert.pem(), key.serialize_pem()))
}

/// Issue a structure certificate: `CN=<name>, OU=<structure id>, O=<name>, C=FR`,
/// clientAuth + digitalSignature (AUTH and SIGN in one, for the sandbox).
pub fn issue_structure_cert(
    ca: &CaMaterial,
    structure_id: &str,
    name: &str,
) -> Result<(String, String), ServeError> {
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(setup)?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "FR");
    dn.push(DnType::OrganizationName, name);
    dn.push(DnType::OrganizationalUnitName, structure_id);
    dn.push(DnType::CommonName, name);
    params.distinguished_name = dn;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    validity(&mut params, 825);
    let key = rsa_key()?;
    let cert = params.signed_by(&key, &issuer(ca)?).map_err(setup)?;
    Ok((cert.pem(), key.serialize_pem()))
}

/// Package a key and its chain (leaf first) as PKCS#12 (PBES2/AES-256, HMAC-SHA256).
pub fn pkcs12(
    key_pem: &str,
    chain_pems: &[&str],
    alias: &str,
    password: &str,
) -> Result<Vec<u8>, ServeError> {
    use rustls::pki_types::pem::PemObject;
    let key_der =
        rustls::pki_types::PrivatePkcs8KeyDer::from_pem_slice(key_pem.as_bytes()).map_err(setup)?;
    let key = p12_keystore::PrivateKey::from_der(key_der.secret_pkcs8_der()).map_err(setup)?;
    let mut certs = Vec::new();
    for p in chain_pems {
        let der = rustls::pki_types::CertificateDer::from_pem_slice(p.as_bytes()).map_err(setup)?;
        certs.push(p12_keystore::Certificate::from_der(der.as_ref()).map_err(setup)?);
    }
    let local_id = Sha256::digest(certs.first().map(|c| c.as_der()).unwrap_or_default()).to_vec();
    let chain = p12_keystore::PrivateKeyChain::new(local_id, key, certs);
    let mut ks = p12_keystore::KeyStore::new();
    ks.add_entry(alias, p12_keystore::KeyStoreEntry::PrivateKeyChain(chain));
    ks.writer(password).write().map_err(setup)
}

fn random_password() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..24)
        .map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char)
        .collect()
}

/// Write a file readable by its owner only.
pub fn write_private(path: &Path, data: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::remove_file(path);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    opts.mode(0o600);
    let mut f = opts.open(path)?;
    f.write_all(data)
}

/// The server certificate chain and key (PEM).
pub struct ServerCert {
    pub chain_pem: String,
    pub key_pem: String,
}

fn up_to_date(dir: &Path, ca: &CaMaterial, files: &[&str]) -> bool {
    let stamp = std::fs::read_to_string(dir.join("issuer.sha256")).unwrap_or_default();
    stamp.trim() == fingerprint(ca) && files.iter().all(|f| dir.join(f).exists())
}

/// Reuse or (re)issue the TLS server certificate in `dir`.
pub fn ensure_server_cert(dir: &Path, ca: &CaMaterial) -> Result<ServerCert, ServeError> {
    std::fs::create_dir_all(dir)?;
    if !up_to_date(dir, ca, &["server.pem", "server-key.pem"]) {
        let (cert, key) = issue_server_cert(ca)?;
        std::fs::write(dir.join("server.pem"), format!("{cert}{}", ca.cert_pem))?;
        write_private(&dir.join("server-key.pem"), key.as_bytes())?;
        std::fs::write(dir.join("issuer.sha256"), fingerprint(ca))?;
    }
    Ok(ServerCert {
        chain_pem: std::fs::read_to_string(dir.join("server.pem"))?,
        key_pem: std::fs::read_to_string(dir.join("server-key.pem"))?,
    })
}

/// Files of the structure certificate for indirect mode.
#[derive(Debug, Clone)]
pub struct StructureFiles {
    pub structure_id: String,
    pub structure_name: String,
    pub p12: PathBuf,
    pub password_file: PathBuf,
    pub cert_pem: PathBuf,
    pub key_pem: PathBuf,
}

/// Reuse or (re)issue the structure certificate in `dir`.
pub fn ensure_structure_cert(dir: &Path, ca: &CaMaterial) -> Result<StructureFiles, ServeError> {
    std::fs::create_dir_all(dir)?;
    let files = StructureFiles {
        structure_id: STRUCTURE_ID.into(),
        structure_name: STRUCTURE_NAME.into(),
        p12: dir.join("structure.p12"),
        password_file: dir.join("structure.p12.password"),
        cert_pem: dir.join("structure.pem"),
        key_pem: dir.join("structure-key.pem"),
    };
    if !up_to_date(
        dir,
        ca,
        &[
            "structure.p12",
            "structure.p12.password",
            "structure.pem",
            "structure-key.pem",
        ],
    ) {
        let (cert, key) = issue_structure_cert(ca, STRUCTURE_ID, STRUCTURE_NAME)?;
        let password = random_password();
        let p12 = pkcs12(&key, &[&cert, &ca.cert_pem], "structure", &password)?;
        std::fs::write(&files.p12, p12)?;
        write_private(&files.password_file, password.as_bytes())?;
        std::fs::write(&files.cert_pem, &cert)?;
        write_private(&files.key_pem, key.as_bytes())?;
        std::fs::write(dir.join("issuer.sha256"), fingerprint(ca))?;
    }
    Ok(files)
}

/// Key usage of a test personal certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonUsage {
    /// Authentication: digitalSignature + clientAuth.
    Auth,
    /// Signature: nonRepudiation.
    Sign,
}

/// A throwaway PKI (for tests), laid out like `dmp-sandbox pki`.
pub struct TestPki {
    pub dir: PathBuf,
    pub root: CaMaterial,
    pub personnes: CaMaterial,
    pub organisations: CaMaterial,
}

fn issue_ca(cn: &str, parent: Option<&CaMaterial>) -> Result<CaMaterial, ServeError> {
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(setup)?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CountryName, "FR");
    dn.push(DnType::OrganizationName, "DMP SANDBOX");
    dn.push(DnType::CommonName, cn);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    validity(&mut params, 3650);
    let key = rsa_key()?;
    let cert = match parent {
        None => params.self_signed(&key).map_err(setup)?,
        Some(p) => params.signed_by(&key, &issuer(p)?).map_err(setup)?,
    };
    Ok(CaMaterial {
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    })
}

impl TestPki {
    /// Generate root + PERSONNES + ORGANISATIONS CAs into `dir`.
    pub fn generate(dir: &Path, name: &str) -> Result<TestPki, ServeError> {
        std::fs::create_dir_all(dir)?;
        let root = issue_ca(&format!("{name} ROOT CA"), None)?;
        let personnes = issue_ca(&format!("{name} AC PERSONNES"), Some(&root))?;
        let organisations = issue_ca(&format!("{name} AC ORGANISATIONS"), Some(&root))?;
        for (file, m) in [
            ("root-ca", &root),
            ("personnes-ca", &personnes),
            ("organisations-ca", &organisations),
        ] {
            std::fs::write(dir.join(format!("{file}.pem")), &m.cert_pem)?;
            write_private(&dir.join(format!("{file}-key.pem")), m.key_pem.as_bytes())?;
        }
        std::fs::write(
            dir.join("ca-bundle.pem"),
            format!(
                "{}{}{}",
                root.cert_pem, personnes.cert_pem, organisations.cert_pem
            ),
        )?;
        Ok(TestPki {
            dir: dir.to_path_buf(),
            root,
            personnes,
            organisations,
        })
    }

    /// Issue a card-holder certificate:
    /// `C=FR, title=<profession>, CN=<national id>, SN=<surname>, GN=<given name>`.
    /// Returns (certificate PEM, key PEM).
    pub fn issue_person(
        &self,
        national_id: &str,
        surname: &str,
        given: &str,
        profession: &str,
        usage: PersonUsage,
    ) -> Result<(String, String), ServeError> {
        let mut params = CertificateParams::new(Vec::<String>::new()).map_err(setup)?;
        let mut dn = DistinguishedName::new();
        dn.push(DnType::CountryName, "FR");
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 12]),
            DnValue::Utf8String(profession.into()),
        );
        dn.push(DnType::CommonName, national_id);
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 4]),
            DnValue::Utf8String(surname.into()),
        );
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 42]),
            DnValue::Utf8String(given.into()),
        );
        params.distinguished_name = dn;
        match usage {
            PersonUsage::Auth => {
                params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
                params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
            }
            PersonUsage::Sign => {
                params.key_usages = vec![KeyUsagePurpose::ContentCommitment];
            }
        }
        validity(&mut params, 365);
        let key = rsa_key()?;
        let cert = params
            .signed_by(&key, &issuer(&self.personnes)?)
            .map_err(setup)?;
        Ok((cert.pem(), key.serialize_pem()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_p12_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let pki = TestPki::generate(dir.path(), "T").unwrap();
        let files = ensure_structure_cert(&dir.path().join("s"), &pki.organisations).unwrap();
        let password = std::fs::read_to_string(&files.password_file).unwrap();
        let ks = p12_keystore::KeyStore::from_pkcs12(
            &std::fs::read(&files.p12).unwrap(),
            &password,
            p12_keystore::Pkcs12ImportPolicy::Relaxed,
        )
        .unwrap();
        let (_, chain) = ks.private_key_chain().unwrap();
        assert!(chain.certs()[0].subject().contains(STRUCTURE_ID));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&files.password_file)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let id = super::super::tls::identity(
            rustls::pki_types::pem::PemObject::from_pem_slice(
                std::fs::read(&files.cert_pem).unwrap().as_slice(),
            )
            .map(|c: rustls::pki_types::CertificateDer<'static>| c.as_ref().to_vec())
            .unwrap()
            .as_slice(),
        )
        .unwrap();
        assert_eq!(id.ou.as_deref(), Some(STRUCTURE_ID));
        assert!(!id.is_personal());
    }
}
