//! The PKCS#11 authentication key as a rustls signing key: PKCS#1 v1.5 (CKM_RSA_PKCS over a
//! DigestInfo built here) first, as the DMP's TLS 1.2 needs, then RSA-PSS (CKM_RSA_PKCS_PSS)
//! when the token offers it and the server accepts nothing else.

use std::fmt;
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, SubjectPublicKeyInfoDer};
use rustls::sign::{CertifiedKey, Signer, SigningKey};
use rustls::{SignatureAlgorithm, SignatureScheme};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_parser::prelude::*;

use super::Pkcs11Token;
use crate::credential::card::HashAlg;
use crate::credential::tls::{HandshakeNotes, CARD_PKCS1_SCHEMES};

const PSS_SCHEMES: [SignatureScheme; 3] = [
    SignatureScheme::RSA_PSS_SHA256,
    SignatureScheme::RSA_PSS_SHA384,
    SignatureScheme::RSA_PSS_SHA512,
];

/// The hash of a scheme, and whether it is PSS.
fn scheme_hash(scheme: SignatureScheme) -> Option<(HashAlg, bool)> {
    Some(match scheme {
        SignatureScheme::RSA_PKCS1_SHA256 => (HashAlg::Sha256, false),
        SignatureScheme::RSA_PKCS1_SHA384 => (HashAlg::Sha384, false),
        SignatureScheme::RSA_PKCS1_SHA512 => (HashAlg::Sha512, false),
        SignatureScheme::RSA_PSS_SHA256 => (HashAlg::Sha256, true),
        SignatureScheme::RSA_PSS_SHA384 => (HashAlg::Sha384, true),
        SignatureScheme::RSA_PSS_SHA512 => (HashAlg::Sha512, true),
        _ => return None,
    })
}

/// The schemes a token offers, best first.
pub fn schemes(pss: bool) -> Vec<SignatureScheme> {
    let mut s = CARD_PKCS1_SCHEMES.to_vec();
    if pss {
        s.extend(PSS_SCHEMES);
    }
    s
}

struct Pkcs11SigningKey {
    token: Pkcs11Token,
    schemes: Vec<SignatureScheme>,
    spki: Option<Vec<u8>>,
    notes: Arc<HandshakeNotes>,
}

impl fmt::Debug for Pkcs11SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs11SigningKey")
            .field("token", &self.token)
            .field("schemes", &self.schemes)
            .finish_non_exhaustive()
    }
}

impl SigningKey for Pkcs11SigningKey {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        match self.schemes.iter().find(|s| offered.contains(s)) {
            Some(scheme) => {
                tracing::debug!(?scheme, "PKCS#11 key: signature scheme chosen");
                Some(Box::new(Pkcs11Signer {
                    token: self.token.clone(),
                    scheme: *scheme,
                    notes: self.notes.clone(),
                }))
            }
            None => {
                self.notes.record_unusable_offer(offered);
                None
            }
        }
    }

    fn public_key(&self) -> Option<SubjectPublicKeyInfoDer<'_>> {
        self.spki
            .as_deref()
            .map(|d| SubjectPublicKeyInfoDer::from(d.to_vec()))
    }

    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::RSA
    }
}

struct Pkcs11Signer {
    token: Pkcs11Token,
    scheme: SignatureScheme,
    notes: Arc<HandshakeNotes>,
}

impl fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field("scheme", &self.scheme)
            .finish_non_exhaustive()
    }
}

impl Signer for Pkcs11Signer {
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, rustls::Error> {
        let (alg, pss) = scheme_hash(self.scheme).ok_or_else(|| {
            rustls::Error::General(crate::tr!(
                "pkcs11-tls-cannot-sign-with",
                scheme = format!("{:?}", self.scheme)
            ))
        })?;
        let digest = match alg {
            HashAlg::Sha256 => Sha256::digest(message).to_vec(),
            HashAlg::Sha384 => Sha384::digest(message).to_vec(),
            HashAlg::Sha512 => Sha512::digest(message).to_vec(),
        };
        tracing::debug!(scheme = ?self.scheme, "TLS client signature through PKCS#11");
        let signed = if pss {
            self.token.sign_authentication_pss(alg, &digest)
        } else {
            self.token.sign_authentication(alg, &digest)
        };
        signed.map_err(|e| {
            self.notes.record_sign_failure(&e);
            rustls::Error::General(crate::tr!("pkcs11-tls-did-not-sign", error = e.to_string()))
        })
    }

    fn scheme(&self) -> SignatureScheme {
        self.scheme
    }
}

/// The token's authentication certificate with its PKCS#11 signing key, for rustls.
pub fn certified_key(token: &Pkcs11Token, notes: Arc<HandshakeNotes>) -> Arc<CertifiedKey> {
    let cert = token.certificates().auth_der;
    let spki = X509Certificate::from_der(&cert)
        .ok()
        .map(|(_, c)| c.tbs_certificate.subject_pki.raw.to_vec());
    let key = Pkcs11SigningKey {
        token: token.clone(),
        schemes: schemes(token.supports_pss()),
        spki,
        notes,
    };
    Arc::new(CertifiedKey::new(
        vec![CertificateDer::from(cert)],
        Arc::new(key),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs1_first_and_pss_only_when_the_token_offers_it() {
        assert_eq!(schemes(false), CARD_PKCS1_SCHEMES.to_vec());
        let with_pss = schemes(true);
        assert_eq!(with_pss[0], SignatureScheme::RSA_PKCS1_SHA256);
        assert!(with_pss.contains(&SignatureScheme::RSA_PSS_SHA256));
        assert_eq!(
            scheme_hash(SignatureScheme::RSA_PSS_SHA384),
            Some((HashAlg::Sha384, true))
        );
        assert_eq!(scheme_hash(SignatureScheme::ED25519), None);
    }
}
