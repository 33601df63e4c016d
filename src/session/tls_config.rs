//! The rustls client configuration of a DMP session: TLS 1.2 only, the DMP's ECDHE-RSA AEAD
//! cipher suites, the configured trust anchors (never the system roots, never switched off),
//! the credential's client certificate, HTTP/1.1 by ALPN, session resumption on.

use std::sync::Arc;

use rustls::client::{ResolvesClientCert, WebPkiServerVerifier};
use rustls::crypto::{aws_lc_rs, CryptoProvider};
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};

use crate::credential::anchors::Anchor;
use crate::credential::tls::{HandshakeNotes, RecordingServerVerifier};
use crate::error::{Error, Result};

/// The cipher suites the DMP allows that rustls implements (PDT-INF-579: the fourth,
/// ECDHE-RSA-AES256-CBC-SHA384, is not in rustls).
pub fn dmp_provider() -> CryptoProvider {
    use aws_lc_rs::cipher_suite as cs;
    CryptoProvider {
        cipher_suites: vec![
            cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            cs::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            cs::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        ],
        ..aws_lc_rs::default_provider()
    }
}

/// A root store holding exactly the anchors.
pub fn root_store(anchors: &[Anchor]) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for a in anchors {
        roots
            .add(CertificateDer::from(a.der.clone()))
            .map_err(|e| {
                Error::config(crate::tr!(
                    "session-anchor-unusable",
                    subject = &a.subject,
                    file = a.file.display().to_string(),
                    reason = e.to_string()
                ))
                .with_hint(crate::tr!("session-hint-anchors-pem"))
            })?;
    }
    if roots.is_empty() {
        return Err(Error::config(crate::tr!("session-no-anchor"))
            .with_hint(crate::tr!("session-hint-set-anchors")));
    }
    Ok(roots)
}

/// The client configuration for `resolver`'s certificate, verifying the server against
/// `anchors`. `notes` records what the server presented and why the client key gave up.
pub fn client_config(
    anchors: &[Anchor],
    resolver: Arc<dyn ResolvesClientCert>,
    notes: Arc<HandshakeNotes>,
) -> Result<ClientConfig> {
    let provider = Arc::new(dmp_provider());
    let roots = Arc::new(root_store(anchors)?);
    let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
        .build()
        .map_err(|e| {
            Error::internal(crate::tr!(
                "session-verifier-failed",
                reason = e.to_string()
            ))
        })?;
    let verifier = Arc::new(RecordingServerVerifier::new(webpki, notes));
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS12])
        .map_err(|e| {
            Error::internal(crate::tr!(
                "session-tls-config-failed",
                reason = e.to_string()
            ))
        })?
        // The verifier is the standard WebPKI one, wrapped only to remember the server's
        // certificate for messages: nothing is disabled.
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_client_cert_resolver(resolver);
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
