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
        Error::config(crate::tr!(
            "anchors-unreadable",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("anchors-unreadable-hint"))
    })?;
    let mut out = Vec::new();
    for pem in Pem::iter_from_buffer(&data) {
        let pem = pem.map_err(|e| {
            Error::config(crate::tr!(
                "anchors-not-pem",
                path = path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("anchors-pem-hint"))
        })?;
        if pem.label != "CERTIFICATE" {
            continue;
        }
        let (_, cert) = X509Certificate::from_der(&pem.contents).map_err(|e| {
            Error::config(crate::tr!(
                "anchors-bad-certificate",
                path = path,
                error = e.to_string()
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
            Error::config(crate::tr!("anchors-no-certificate", path = path))
                .with_hint(crate::tr!("anchors-pem-hint")),
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
        .map_err(|e| Error::card(crate::tr!("anchors-leaf-unreadable", error = e.to_string())))?;
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
            return Err(
                Error::config(crate::tr!("anchors-no-issuer", issuer = &issuer_name))
                    .with_hint(crate::tr!("anchors-no-issuer-hint")),
            );
        };
        let t = ASN1Time::from(now);
        if !ca.validity().is_valid_at(t) {
            return Err(Error::config(crate::tr!(
                "anchors-ca-out-of-date",
                subject = ca.subject().to_string(),
                from = ca.validity().not_before.to_string(),
                to = ca.validity().not_after.to_string()
            ))
            .with_hint(crate::tr!("anchors-ca-out-of-date-hint")));
        }
        path.push(ca.subject().to_string());
        if ca.subject().as_raw() == ca.issuer().as_raw() {
            return Ok(ChainReport { path });
        }
        current = ca;
    }
    Err(Error::config(crate::tr!("anchors-chain-too-long"))
        .with_hint(crate::tr!("anchors-chain-too-long-hint")))
}
