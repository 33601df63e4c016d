//! TLS 1.2 with client-certificate verification, restricted to the DMP's cipher suites
//! (PDT-INF-579v4; rustls has no CBC suites, so TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 is absent).

use std::sync::Arc;

use rustls::crypto::{aws_lc_rs, CryptoProvider};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig};
use x509_parser::prelude::*;

/// The aws-lc-rs provider limited to the three ECDHE-RSA AEAD suites the DMP allows.
pub fn provider() -> Arc<CryptoProvider> {
    let mut p = aws_lc_rs::default_provider();
    p.cipher_suites = vec![
        aws_lc_rs::cipher_suite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        aws_lc_rs::cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        aws_lc_rs::cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    ];
    Arc::new(p)
}

/// Build the server configuration: TLS 1.2 only, client certificate required and verified
/// against `trust_anchors` (the test PKI's root and intermediates).
pub fn server_config(
    trust_anchors: &[CertificateDer<'static>],
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
) -> Result<ServerConfig, rustls::Error> {
    let provider = provider();
    let mut roots = RootCertStore::empty();
    for c in trust_anchors {
        roots.add(c.clone())?;
    }
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| rustls::Error::General(e.to_string()))?;
    let mut cfg = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS12])?
        .with_client_cert_verifier(verifier)
        .with_single_cert(chain, key)?;
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(cfg)
}

/// What the server knows of the peer from its (verified) certificate.
#[derive(Debug, Clone, Default)]
pub struct CertIdentity {
    pub subject: String,
    pub issuer: String,
    /// First CN value (for CPS certificates: the national id of the holder).
    pub cn: String,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub title: Option<String>,
    /// First OU value (for structure certificates: the structure id).
    pub ou: Option<String>,
    pub org: Option<String>,
    pub digital_signature: bool,
    pub non_repudiation: bool,
    pub client_auth: bool,
}

impl CertIdentity {
    /// A personal (CPS-like) certificate carries SN/GN; a structure certificate does not.
    pub fn is_personal(&self) -> bool {
        self.surname.is_some() || self.given_name.is_some()
    }
}

fn attr_str(attr: &AttributeTypeAndValue<'_>) -> Option<String> {
    attr.as_str().ok().map(str::to_string)
}

/// Parse a DER certificate into the identity the checks need.
pub fn identity(der: &[u8]) -> Result<CertIdentity, String> {
    let (_, cert) =
        X509Certificate::from_der(der).map_err(|e| format!("certificat illisible : {e}"))?;
    let mut id = CertIdentity {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        ..Default::default()
    };
    for rdn in cert.subject().iter() {
        for attr in rdn.iter() {
            let oid = attr.attr_type();
            if *oid == x509_parser::oid_registry::OID_X509_COMMON_NAME && id.cn.is_empty() {
                id.cn = attr_str(attr).unwrap_or_default();
            } else if *oid == x509_parser::oid_registry::OID_X509_SURNAME {
                id.surname = attr_str(attr);
            } else if *oid == x509_parser::oid_registry::OID_X509_GIVEN_NAME {
                id.given_name = attr_str(attr);
            } else if *oid == x509_parser::oid_registry::OID_X509_TITLE {
                id.title = attr_str(attr);
            } else if *oid == x509_parser::oid_registry::OID_X509_ORGANIZATIONAL_UNIT
                && id.ou.is_none()
            {
                id.ou = attr_str(attr);
            } else if *oid == x509_parser::oid_registry::OID_X509_ORGANIZATION_NAME {
                id.org = attr_str(attr);
            }
        }
    }
    if let Ok(Some(ku)) = cert.key_usage() {
        id.digital_signature = ku.value.digital_signature();
        id.non_repudiation = ku.value.non_repudiation();
    }
    if let Ok(Some(eku)) = cert.extended_key_usage() {
        id.client_auth = eku.value.client_auth;
    }
    Ok(id)
}
