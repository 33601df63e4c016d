//! Trust anchors (IGC-Santé roots and intermediates, from PEM files) and the check that a
//! certificate chains up to one of them. Used by `dmp doctor` for the card's certificates; the
//! TLS layer builds its root store from the same files.

use std::path::{Path, PathBuf};

use ::time::OffsetDateTime;
use x509_parser::prelude::*;

use crate::error::{Error, Result};

/// A CA certificate loaded from a trust-anchor file.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub der: Vec<u8>,
    pub subject: String,
    pub file: PathBuf,
}

/// Loads every certificate of the given PEM files.
pub fn load(files: &[PathBuf]) -> Result<Vec<Anchor>> {
    let mut out = Vec::new();
    for f in files {
        out.extend(load_file(f)?);
    }
    Ok(out)
}

fn load_file(path: &Path) -> Result<Vec<Anchor>> {
    let data = std::fs::read(path).map_err(|e| {
        Error::config(format!(
            "cannot read the trust-anchor file {}: {e}",
            path.display()
        ))
        .with_hint("check the profile's trust_anchors or the --ca-file path")
    })?;
    let mut out = Vec::new();
    for pem in Pem::iter_from_buffer(&data) {
        let pem = pem.map_err(|e| {
            Error::config(format!("{} is not a valid PEM file: {e}", path.display()))
                .with_hint("trust anchors are PEM certificates (-----BEGIN CERTIFICATE-----)")
        })?;
        if pem.label != "CERTIFICATE" {
            continue;
        }
        let (_, cert) = X509Certificate::from_der(&pem.contents).map_err(|e| {
            Error::config(format!(
                "{} holds a certificate that cannot be read: {e}",
                path.display()
            ))
        })?;
        out.push(Anchor {
            subject: cert.subject().to_string(),
            der: pem.contents.clone(),
            file: path.to_path_buf(),
        });
    }
    if out.is_empty() {
        return Err(
            Error::config(format!("{} holds no certificate", path.display()))
                .with_hint("trust anchors are PEM certificates (-----BEGIN CERTIFICATE-----)"),
        );
    }
    Ok(out)
}

/// The path from a certificate to a self-signed anchor: subjects, leaf first.
#[derive(Debug, Clone)]
pub struct ChainReport {
    pub path: Vec<String>,
}

/// Checks that `leaf` chains, through the anchors, up to a self-signed anchor: each signature
/// verified with the issuer's key, each CA within its dates at `now`.
pub fn verify_chain(leaf: &[u8], anchors: &[Anchor], now: OffsetDateTime) -> Result<ChainReport> {
    let (_, cert) = X509Certificate::from_der(leaf)
        .map_err(|e| Error::card(format!("the certificate cannot be read: {e}")))?;
    let mut path = vec![cert.subject().to_string()];
    let mut current = cert;
    for _ in 0..8 {
        let issuer_name = current.issuer().to_string();
        let mut found = None;
        for a in anchors {
            let (_, ca) = match X509Certificate::from_der(&a.der) {
                Ok(c) => c,
                Err(_) => continue,
            };
            if ca.subject().as_raw() == current.issuer().as_raw()
                && current.verify_signature(Some(ca.public_key())).is_ok()
            {
                found = Some(ca);
                break;
            }
        }
        let Some(ca) = found else {
            return Err(Error::config(format!(
                "no trust anchor issued \"{issuer_name}\" (or its signature does not verify)"
            ))
            .with_hint("add the IGC-Santé chain (root and intermediate CAs) to the profile's trust_anchors, or pass --ca-file"));
        };
        let t = ASN1Time::from(now);
        if !ca.validity().is_valid_at(t) {
            return Err(Error::config(format!(
                "the CA certificate \"{}\" is out of date (valid {} to {})",
                ca.subject(),
                ca.validity().not_before,
                ca.validity().not_after
            ))
            .with_hint("update the trust-anchor files with the current IGC-Santé chain"));
        }
        path.push(ca.subject().to_string());
        if ca.subject().as_raw() == ca.issuer().as_raw() {
            return Ok(ChainReport { path });
        }
        current = ca;
    }
    Err(Error::config("the certificate chain is too long or loops")
        .with_hint("check the trust-anchor files"))
}
