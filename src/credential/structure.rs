//! The structure certificate ("personne morale" authentication certificate, IGC-Santé ORG) for
//! the unattended indirect mode: a PKCS#12 file holding the RSA key and its chain.
//!
//! It authenticates the TLS client (PKCS#1 v1.5 or PSS) and signs the VIHF
//! ([`StructureCredential::sign_rsa_sha256`]). The password is read from a file (first line) or
//! an environment variable, never from the command line, and is wiped from memory after use.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ::time::OffsetDateTime;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self as lc, KeyPair, RsaEncoding, RsaKeyPair};
use p12_keystore::{KeyStore, Pkcs12ImportPolicy};
use rustls::pki_types::{CertificateDer, SubjectPublicKeyInfoDer};
use rustls::sign::{CertifiedKey, Signer, SigningKey};
use rustls::{SignatureAlgorithm, SignatureScheme};
use x509_parser::prelude::*;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Where the PKCS#12 password comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    /// The first line of this file.
    File(PathBuf),
    /// This environment variable.
    Env(String),
}

impl PasswordSource {
    /// Reads the password (trailing CR/LF removed). The returned string is wiped when dropped.
    pub fn read(&self) -> Result<Zeroizing<String>> {
        match self {
            PasswordSource::File(path) => {
                let data = Zeroizing::new(std::fs::read(path).map_err(|e| {
                    Error::config(crate::tr!(
                        "structure-password-file-unreadable",
                        path = path,
                        error = e.to_string()
                    ))
                    .with_hint(crate::tr!("structure-password-file-unreadable-hint"))
                })?);
                let text = std::str::from_utf8(&data).map_err(|_| {
                    Error::config(crate::tr!("structure-password-file-not-utf8", path = path))
                })?;
                let line = text.lines().next().unwrap_or("");
                Ok(Zeroizing::new(line.trim_end_matches('\r').to_string()))
            }
            PasswordSource::Env(var) => match std::env::var(var) {
                Ok(v) => Ok(Zeroizing::new(v)),
                Err(_) => Err(
                    Error::config(crate::tr!("structure-password-env-unset", var = var))
                        .with_hint(crate::tr!("structure-password-env-unset-hint", var = var)),
                ),
            },
        }
    }
}

/// Who the structure certificate names (from its subject).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureIdentity {
    /// CN: the certificate's name (often the service or software name).
    pub common_name: Option<String>,
    /// OU: the structure identifier (e.g. a FINESS or SIRET prefixed number).
    pub structure_id: Option<String>,
    /// O: the organisation's name.
    pub organisation: Option<String>,
    /// The whole subject, for display.
    pub subject: String,
    /// The subject DN as RFC 4514 writes it (the VIHF `Issuer`).
    pub subject_rfc4514: String,
    /// The certificate's serial number, hex (the audit journal names the certificate by it).
    pub serial_number: String,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

/// A loaded structure certificate: chain (leaf first) and RSA private key.
#[derive(Clone)]
pub struct StructureCredential {
    chain: Vec<CertificateDer<'static>>,
    key: Arc<RsaKeyPair>,
    spki: Vec<u8>,
    identity: StructureIdentity,
    origin: String,
}

impl fmt::Debug for StructureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StructureCredential")
            .field("origin", &self.origin)
            .field("subject", &self.identity.subject)
            .finish_non_exhaustive()
    }
}

fn p12_error(origin: &str, e: p12_keystore::error::Error) -> Error {
    use p12_keystore::error::Error as P;
    match e {
        P::MacError(_) | P::UnpadError | P::Pkcs5Error(_) => {
            Error::config(crate::tr!("structure-wrong-password", origin = origin))
                .with_hint(crate::tr!("structure-wrong-password-hint"))
        }
        P::UnsupportedEncryptionScheme | P::UnsupportedMacAlgorithm => Error::config(crate::tr!(
            "structure-unsupported-encryption",
            origin = origin
        ))
        .with_hint(crate::tr!("structure-unsupported-encryption-hint")),
        other => Error::config(crate::tr!(
            "structure-not-pkcs12",
            origin = origin,
            error = other.to_string()
        ))
        .with_hint(crate::tr!("structure-not-pkcs12-hint")),
    }
}

fn first<'a>(mut attrs: impl Iterator<Item = &'a AttributeTypeAndValue<'a>>) -> Option<String> {
    attrs
        .next()
        .and_then(|a| a.as_str().ok())
        .map(str::to_string)
}

impl StructureCredential {
    /// Loads `path` with the password from `password`.
    pub fn load(path: &Path, password: &PasswordSource) -> Result<StructureCredential> {
        let data = std::fs::read(path).map_err(|e| {
            Error::config(crate::tr!(
                "structure-unreadable",
                path = path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("structure-unreadable-hint"))
        })?;
        let pw = password.read()?;
        Self::from_pkcs12(
            &data,
            &pw,
            &path.display().to_string(),
            OffsetDateTime::now_utc(),
        )
    }

    /// Parses PKCS#12 `data` (`origin` names it in errors) and checks it at `now`: a key, a
    /// certificate that matches it, within its dates.
    pub fn from_pkcs12(
        data: &[u8],
        password: &str,
        origin: &str,
        now: OffsetDateTime,
    ) -> Result<StructureCredential> {
        let store = KeyStore::from_pkcs12(data, password, Pkcs12ImportPolicy::Relaxed)
            .map_err(|e| p12_error(origin, e))?;
        let (_, entry) = store.private_key_chain().ok_or_else(|| {
            Error::config(crate::tr!("structure-no-key", origin = origin))
                .with_hint(crate::tr!("structure-export-together-hint"))
        })?;
        let certs = entry.certs();
        if certs.is_empty() {
            return Err(
                Error::config(crate::tr!("structure-no-certificate", origin = origin))
                    .with_hint(crate::tr!("structure-export-together-hint")),
            );
        }
        let key_der = Zeroizing::new(entry.key().as_der().to_vec());
        let key = RsaKeyPair::from_pkcs8(&key_der).map_err(|e| {
            Error::config(crate::tr!(
                "structure-key-not-rsa",
                origin = origin,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("structure-key-not-rsa-hint"))
        })?;
        let chain: Vec<CertificateDer<'static>> = certs
            .iter()
            .map(|c| CertificateDer::from(c.as_der().to_vec()))
            .collect();
        let (_, leaf) = X509Certificate::from_der(&chain[0]).map_err(|e| {
            Error::config(crate::tr!(
                "structure-certificate-unreadable",
                origin = origin,
                error = e.to_string()
            ))
        })?;
        if leaf.public_key().subject_public_key.data.as_ref() != key.public_key().as_ref() {
            return Err(Error::config(crate::tr!(
                "structure-key-mismatch",
                origin = origin,
                subject = leaf.subject().to_string()
            ))
            .with_hint(crate::tr!("structure-key-mismatch-hint")));
        }
        let subject = leaf.subject();
        let not_before = leaf.validity().not_before.to_datetime();
        let not_after = leaf.validity().not_after.to_datetime();
        let identity = StructureIdentity {
            common_name: first(subject.iter_common_name()),
            structure_id: first(subject.iter_organizational_unit()),
            organisation: first(subject.iter_organization()),
            subject: subject.to_string(),
            subject_rfc4514: super::dn::rfc4514(subject),
            serial_number: hex::encode_upper(leaf.raw_serial()),
            not_before,
            not_after,
        };
        if now > not_after {
            return Err(Error::config(crate::tr!(
                "structure-expired",
                origin = origin,
                subject = &identity.subject,
                date = not_after.date().to_string()
            ))
            .with_hint(crate::tr!("structure-expired-hint")));
        }
        if now < not_before {
            return Err(Error::config(crate::tr!(
                "structure-not-yet-valid",
                origin = origin,
                subject = &identity.subject,
                date = not_before.to_string()
            ))
            .with_hint(crate::tr!("structure-not-yet-valid-hint")));
        }
        let spki = leaf.tbs_certificate.subject_pki.raw.to_vec();
        Ok(StructureCredential {
            chain,
            key: Arc::new(key),
            spki,
            identity,
            origin: origin.to_string(),
        })
    }

    /// The chain, leaf first.
    pub fn chain(&self) -> &[CertificateDer<'static>] {
        &self.chain
    }

    /// The structure's certificate (DER).
    pub fn certificate_der(&self) -> &[u8] {
        self.chain[0].as_ref()
    }

    pub fn identity(&self) -> &StructureIdentity {
        &self.identity
    }

    /// The rustls key (PKCS#1 v1.5 and PSS schemes).
    pub fn signing_key(&self) -> Arc<dyn SigningKey> {
        Arc::new(StructureSigningKey {
            key: self.key.clone(),
            spki: self.spki.clone(),
        })
    }

    /// The chain and the key, for a rustls client-certificate resolver.
    pub fn certified_key(&self) -> Arc<CertifiedKey> {
        Arc::new(CertifiedKey::new(self.chain.clone(), self.signing_key()))
    }

    /// RSA PKCS#1 v1.5 with SHA-256 over `data` (XML signatures: the VIHF in indirect mode).
    pub fn sign_rsa_sha256(&self, data: &[u8]) -> Result<Vec<u8>> {
        rsa_sign(&self.key, &lc::RSA_PKCS1_SHA256, data)
            .map_err(|_| Error::internal(crate::tr!("structure-sign-failed")))
    }
}

fn rsa_sign(
    key: &RsaKeyPair,
    padding: &'static dyn RsaEncoding,
    data: &[u8],
) -> std::result::Result<Vec<u8>, aws_lc_rs::error::Unspecified> {
    let mut sig = vec![0u8; key.public_modulus_len()];
    key.sign(padding, &SystemRandom::new(), data, &mut sig)?;
    Ok(sig)
}

/// PKCS#1 v1.5 first, as the card signs (what the DMP is known to accept under TLS 1.2); under
/// TLS 1.3 rustls removes the PKCS#1 schemes from the offer, so PSS is chosen there.
const STRUCTURE_SCHEMES: [SignatureScheme; 6] = [
    SignatureScheme::RSA_PKCS1_SHA256,
    SignatureScheme::RSA_PKCS1_SHA384,
    SignatureScheme::RSA_PKCS1_SHA512,
    SignatureScheme::RSA_PSS_SHA256,
    SignatureScheme::RSA_PSS_SHA384,
    SignatureScheme::RSA_PSS_SHA512,
];

fn encoding(scheme: SignatureScheme) -> Option<&'static dyn RsaEncoding> {
    Some(match scheme {
        SignatureScheme::RSA_PSS_SHA256 => &lc::RSA_PSS_SHA256,
        SignatureScheme::RSA_PSS_SHA384 => &lc::RSA_PSS_SHA384,
        SignatureScheme::RSA_PSS_SHA512 => &lc::RSA_PSS_SHA512,
        SignatureScheme::RSA_PKCS1_SHA256 => &lc::RSA_PKCS1_SHA256,
        SignatureScheme::RSA_PKCS1_SHA384 => &lc::RSA_PKCS1_SHA384,
        SignatureScheme::RSA_PKCS1_SHA512 => &lc::RSA_PKCS1_SHA512,
        _ => return None,
    })
}

struct StructureSigningKey {
    key: Arc<RsaKeyPair>,
    spki: Vec<u8>,
}

impl fmt::Debug for StructureSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StructureSigningKey")
    }
}

impl SigningKey for StructureSigningKey {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        let scheme = STRUCTURE_SCHEMES
            .iter()
            .find(|s| offered.contains(s))
            .copied()?;
        Some(Box::new(StructureSigner {
            key: self.key.clone(),
            scheme,
        }))
    }

    fn public_key(&self) -> Option<SubjectPublicKeyInfoDer<'_>> {
        Some(SubjectPublicKeyInfoDer::from(self.spki.as_slice()))
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RSA
    }
}

struct StructureSigner {
    key: Arc<RsaKeyPair>,
    scheme: SignatureScheme,
}

impl fmt::Debug for StructureSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StructureSigner")
            .field("scheme", &self.scheme)
            .finish()
    }
}

impl Signer for StructureSigner {
    fn sign(&self, message: &[u8]) -> std::result::Result<Vec<u8>, rustls::Error> {
        let padding = encoding(self.scheme).ok_or_else(|| {
            rustls::Error::General(crate::tr!(
                "structure-tls-unsupported-scheme",
                scheme = format!("{:?}", self.scheme)
            ))
        })?;
        tracing::debug!(scheme = ?self.scheme, "TLS client signature with the structure key");
        rsa_sign(&self.key, padding, message)
            .map_err(|_| rustls::Error::General(crate::tr!("structure-tls-sign-failed")))
    }

    fn scheme(&self) -> SignatureScheme {
        self.scheme
    }
}
