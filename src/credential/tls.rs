//! rustls glue: the card's authentication key as a rustls [`SigningKey`], a client-certificate
//! resolver, and a server-certificate verifier that remembers what the server presented.
//!
//! All the rustls-specific trait code lives here (rustls 0.24 renames these traits), so the
//! session layer only builds a `ClientConfig` from the pieces.
//!
//! A CPS3 can only produce RSA PKCS#1 v1.5 signatures (the card pads a DigestInfo itself), so
//! the card key offers `RSA_PKCS1_SHA256/384/512` and nothing else: this is why the session
//! pins TLS 1.2. When the server accepts none of them, the key records the server's offer in a
//! [`HandshakeNotes`] shared with the session, which then explains the failed handshake instead
//! of showing a bare `CertificateRequired` alert.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::ResolvesClientCert;
use rustls::pki_types::{CertificateDer, ServerName, SubjectPublicKeyInfoDer, UnixTime};
use rustls::sign::{CertifiedKey, Signer, SigningKey};
use rustls::{DigitallySignedStruct, SignatureAlgorithm, SignatureScheme};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_parser::prelude::*;

use super::card::{CardSession, HashAlg};
use crate::error::{Error, ErrorKind};

/// The PKCS#1 v1.5 schemes a CPS3 can produce, in order of preference.
pub const CARD_PKCS1_SCHEMES: [SignatureScheme; 3] = [
    SignatureScheme::RSA_PKCS1_SHA256,
    SignatureScheme::RSA_PKCS1_SHA384,
    SignatureScheme::RSA_PKCS1_SHA512,
];

/// A failure the card reported while signing, kept so the session can show the card's own error
/// (e.g. "card removed") rather than rustls' generic one.
#[derive(Debug, Clone)]
pub struct SignFailure {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl SignFailure {
    pub fn to_error(&self) -> Error {
        let e = Error::new(self.kind, self.message.clone());
        match &self.hint {
            Some(h) => e.with_hint(h.clone()),
            None => e,
        }
    }
}

#[derive(Debug, Default)]
struct Notes {
    /// The schemes the server accepted for the client certificate, when none fitted our key.
    unusable_offer: Option<Vec<SignatureScheme>>,
    /// The last signing failure.
    sign_failure: Option<SignFailure>,
    /// The end-entity certificate the server presented last (DER).
    server_cert: Option<Vec<u8>>,
}

/// What the TLS glue saw during handshakes, shared between the rustls callbacks (which run on
/// reqwest's background thread) and the session that explains failures.
#[derive(Debug, Default)]
pub struct HandshakeNotes {
    inner: Mutex<Notes>,
}

impl HandshakeNotes {
    pub fn new() -> Arc<HandshakeNotes> {
        Arc::new(HandshakeNotes::default())
    }

    fn lock(&self) -> MutexGuard<'_, Notes> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets the failures of a previous attempt (the server certificate is kept).
    pub fn clear_failures(&self) {
        let mut n = self.lock();
        n.unusable_offer = None;
        n.sign_failure = None;
    }

    /// The server's accepted schemes, when our key could produce none of them.
    pub fn unusable_offer(&self) -> Option<Vec<SignatureScheme>> {
        self.lock().unusable_offer.clone()
    }

    pub fn sign_failure(&self) -> Option<SignFailure> {
        self.lock().sign_failure.clone()
    }

    /// The last end-entity certificate the server presented (DER), verified or not.
    pub fn server_certificate(&self) -> Option<Vec<u8>> {
        self.lock().server_cert.clone()
    }

    pub(crate) fn record_unusable_offer(&self, offered: &[SignatureScheme]) {
        self.lock().unusable_offer = Some(offered.to_vec());
    }

    pub(crate) fn record_sign_failure(&self, e: &Error) {
        self.lock().sign_failure = Some(SignFailure {
            kind: e.kind(),
            message: e.message().to_string(),
            hint: e.hint().map(str::to_string),
        });
    }

    fn record_server_cert(&self, der: &[u8]) {
        self.lock().server_cert = Some(der.to_vec());
    }
}

/// What the card's authentication key can sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardCapability {
    /// PKCS#1 v1.5 over a DigestInfo the host builds (CPS3): TLS 1.2 only.
    Pkcs1Only,
    /// Also RSA-PSS with SHA-256 (CPS4, reported by `supports_pss()`): PKCS#1 v1.5 stays
    /// first (the DMP's TLS 1.2), PSS is there for a peer that accepts nothing else.
    Pkcs1AndPss,
}

impl CardCapability {
    pub fn of(card: &CardSession) -> CardCapability {
        if card.supports_pss() {
            CardCapability::Pkcs1AndPss
        } else {
            CardCapability::Pkcs1Only
        }
    }

    /// The schemes this key offers, best first.
    pub fn schemes(self) -> &'static [SignatureScheme] {
        match self {
            CardCapability::Pkcs1Only => &CARD_PKCS1_SCHEMES,
            CardCapability::Pkcs1AndPss => &CARD_PKCS1_AND_PSS_SCHEMES,
        }
    }
}

/// What a CPS4 signs: PKCS#1 v1.5 first, then PSS with SHA-256 (the one PSS hash the
/// ChipDoc's MSE offers besides SHA-1).
pub const CARD_PKCS1_AND_PSS_SCHEMES: [SignatureScheme; 4] = [
    SignatureScheme::RSA_PKCS1_SHA256,
    SignatureScheme::RSA_PKCS1_SHA384,
    SignatureScheme::RSA_PKCS1_SHA512,
    SignatureScheme::RSA_PSS_SHA256,
];

fn hash_of(scheme: SignatureScheme) -> Option<HashAlg> {
    match scheme {
        SignatureScheme::RSA_PKCS1_SHA256 | SignatureScheme::RSA_PSS_SHA256 => {
            Some(HashAlg::Sha256)
        }
        SignatureScheme::RSA_PKCS1_SHA384 => Some(HashAlg::Sha384),
        SignatureScheme::RSA_PKCS1_SHA512 => Some(HashAlg::Sha512),
        _ => None,
    }
}

fn digest(alg: HashAlg, message: &[u8]) -> Vec<u8> {
    match alg {
        HashAlg::Sha256 => Sha256::digest(message).to_vec(),
        HashAlg::Sha384 => Sha384::digest(message).to_vec(),
        HashAlg::Sha512 => Sha512::digest(message).to_vec(),
    }
}

/// The card's authentication key as a rustls signing key. The PIN must be verified before the
/// handshake: `sign` never prompts.
pub struct CardSigningKey {
    card: CardSession,
    capability: CardCapability,
    spki: Option<Vec<u8>>,
    notes: Arc<HandshakeNotes>,
}

impl fmt::Debug for CardSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardSigningKey")
            .field("card", &self.card)
            .field("capability", &self.capability)
            .finish_non_exhaustive()
    }
}

impl CardSigningKey {
    /// `auth_cert_der` is the card's authentication certificate (its public key is given to
    /// rustls so it can check the key and the certificate match).
    pub fn new(
        card: CardSession,
        auth_cert_der: &[u8],
        notes: Arc<HandshakeNotes>,
    ) -> CardSigningKey {
        let capability = CardCapability::of(&card);
        let spki = X509Certificate::from_der(auth_cert_der)
            .ok()
            .map(|(_, c)| c.tbs_certificate.subject_pki.raw.to_vec());
        CardSigningKey {
            card,
            capability,
            spki,
            notes,
        }
    }

    pub fn capability(&self) -> CardCapability {
        self.capability
    }
}

impl SigningKey for CardSigningKey {
    fn choose_scheme(&self, offered: &[SignatureScheme]) -> Option<Box<dyn Signer>> {
        let chosen = self
            .capability
            .schemes()
            .iter()
            .find(|s| offered.contains(s))
            .copied();
        match chosen {
            Some(scheme) => {
                tracing::debug!(?scheme, "card key: signature scheme chosen");
                Some(Box::new(CardSigner {
                    card: self.card.clone(),
                    scheme,
                    notes: self.notes.clone(),
                }))
            }
            None => {
                tracing::debug!(
                    ?offered,
                    "card key: the server accepts no scheme the card can produce"
                );
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

/// One signature with the card for one handshake.
struct CardSigner {
    card: CardSession,
    scheme: SignatureScheme,
    notes: Arc<HandshakeNotes>,
}

impl fmt::Debug for CardSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardSigner")
            .field("scheme", &self.scheme)
            .finish_non_exhaustive()
    }
}

impl Signer for CardSigner {
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, rustls::Error> {
        let alg = hash_of(self.scheme).ok_or_else(|| {
            rustls::Error::General(crate::tr!(
                "card-tls-cannot-sign-with",
                scheme = format!("{:?}", self.scheme)
            ))
        })?;
        let hash = digest(alg, message);
        tracing::debug!(scheme = ?self.scheme, "TLS client signature with the card");
        let signed = if self.scheme == SignatureScheme::RSA_PSS_SHA256 {
            self.card.sign_authentication_pss(alg, &hash)
        } else {
            self.card.sign_authentication(alg, &hash)
        };
        signed.map_err(|e| {
            tracing::debug!(error = %e, "the card did not sign");
            self.notes.record_sign_failure(&e);
            rustls::Error::General(crate::tr!("card-tls-did-not-sign", error = e.to_string()))
        })
    }

    fn scheme(&self) -> SignatureScheme {
        self.scheme
    }
}

/// Gives rustls one fixed client certificate chain and key (the card's or the structure's).
#[derive(Debug)]
pub struct FixedClientCert {
    key: Arc<CertifiedKey>,
}

impl FixedClientCert {
    pub fn new(key: Arc<CertifiedKey>) -> FixedClientCert {
        FixedClientCert { key }
    }

    /// The card's authentication certificate with its signing key.
    pub fn for_card(
        card: CardSession,
        auth_cert_der: &[u8],
        notes: Arc<HandshakeNotes>,
    ) -> FixedClientCert {
        let key = CardSigningKey::new(card, auth_cert_der, notes);
        FixedClientCert::new(Arc::new(CertifiedKey::new(
            vec![CertificateDer::from(auth_cert_der.to_vec())],
            Arc::new(key),
        )))
    }
}

impl ResolvesClientCert for FixedClientCert {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        tracing::debug!(
            ca_hints = root_hint_subjects.len(),
            ?sigschemes,
            "the server asks for a client certificate"
        );
        Some(self.key.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// Wraps the WebPKI verifier (it still decides everything) and records the certificate the
/// server presented, for `dmp doctor` and for error messages.
#[derive(Debug)]
pub struct RecordingServerVerifier {
    inner: Arc<dyn ServerCertVerifier>,
    notes: Arc<HandshakeNotes>,
}

impl RecordingServerVerifier {
    pub fn new(inner: Arc<dyn ServerCertVerifier>, notes: Arc<HandshakeNotes>) -> Self {
        RecordingServerVerifier { inner, notes }
    }
}

impl ServerCertVerifier for RecordingServerVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.notes.record_server_cert(end_entity.as_ref());
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// A certificate's subject as a readable string ("CN=…, O=…"), or a placeholder.
pub fn subject_of(der: &[u8]) -> String {
    match X509Certificate::from_der(der) {
        Ok((_, c)) => c.subject().to_string(),
        Err(_) => "(unreadable certificate)".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_follow_the_scheme() {
        assert_eq!(
            hash_of(SignatureScheme::RSA_PKCS1_SHA384),
            Some(HashAlg::Sha384)
        );
        assert_eq!(
            hash_of(SignatureScheme::RSA_PSS_SHA256),
            Some(HashAlg::Sha256)
        );
        assert_eq!(hash_of(SignatureScheme::RSA_PSS_SHA384), None);
        assert_eq!(digest(HashAlg::Sha512, b"abc").len(), 64);
    }

    fn cps3_key(notes: &Arc<HandshakeNotes>) -> CardSigningKey {
        use crate::credential::card::{atr, transport::ScriptedTransport, Generation};
        // The CPS3 contact ATR (reference cps-card.md §1).
        let cps3 = vec![
            0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10,
            0x00, 0x90, 0x00,
        ];
        assert_eq!(atr::detect(&cps3), Generation::Cps3);
        // No APDU is expected: choosing a scheme never talks to the card.
        let card = CardSession::with_device(Box::new(ScriptedTransport::new()), "R", cps3);
        CardSigningKey::new(card, &[], notes.clone())
    }

    #[test]
    fn card_prefers_sha256_and_refuses_pss() {
        let notes = HandshakeNotes::new();
        let key = cps3_key(&notes);
        assert_eq!(key.capability(), CardCapability::Pkcs1Only);
        let offered = [
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::RSA_PKCS1_SHA512,
            SignatureScheme::RSA_PKCS1_SHA256,
            SignatureScheme::RSA_PKCS1_SHA384,
        ];
        let signer = key.choose_scheme(&offered).unwrap();
        assert_eq!(signer.scheme(), SignatureScheme::RSA_PKCS1_SHA256);
        let signer = key
            .choose_scheme(&[SignatureScheme::RSA_PKCS1_SHA384, SignatureScheme::ED25519])
            .unwrap();
        assert_eq!(signer.scheme(), SignatureScheme::RSA_PKCS1_SHA384);
        assert!(notes.unusable_offer().is_none());

        let pss_only = [
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::ECDSA_NISTP256_SHA256,
        ];
        assert!(key.choose_scheme(&pss_only).is_none());
        assert_eq!(notes.unusable_offer().unwrap(), pss_only.to_vec());
        notes.clear_failures();
        assert!(notes.unusable_offer().is_none());
    }

    #[test]
    fn a_cps4_prefers_pkcs1_and_signs_pss_when_that_is_all_the_peer_takes() {
        use crate::credential::card::transport::ScriptedTransport;
        // The CPS4 contact ATR (reference cps-card.md §1).
        let cps4 = vec![
            0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x04, 0x01, 0x00,
            0x00, 0x90, 0x44,
        ];
        let notes = HandshakeNotes::new();
        let card = CardSession::with_device(Box::new(ScriptedTransport::new()), "R", cps4);
        let key = CardSigningKey::new(card, &[], notes.clone());
        assert_eq!(key.capability(), CardCapability::Pkcs1AndPss);
        let both = [
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::RSA_PKCS1_SHA256,
        ];
        let signer = key.choose_scheme(&both).unwrap();
        assert_eq!(signer.scheme(), SignatureScheme::RSA_PKCS1_SHA256);
        let signer = key
            .choose_scheme(&[
                SignatureScheme::RSA_PSS_SHA384,
                SignatureScheme::RSA_PSS_SHA256,
            ])
            .unwrap();
        assert_eq!(signer.scheme(), SignatureScheme::RSA_PSS_SHA256);
        assert!(key
            .choose_scheme(&[SignatureScheme::RSA_PSS_SHA512])
            .is_none());
    }
}
