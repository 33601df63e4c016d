//! Enveloped XML-DSig signatures (the VIHF assertion): exclusive canonicalisation
//! (`http://www.w3.org/2001/10/xml-exc-c14n#`), RSA-SHA256, SHA-256 digest, the signing
//! certificate in `KeyInfo/X509Data`, one reference to the signed element's `ID`.
//!
//! Canonicalisation is done by the `bergshamra-c14n` crate (pure Rust, all W3C C14N variants).
//! Signing goes through [`XmlSigner`], which the credential layer implements for the card's
//! non-repudiation key and for a structure certificate.
//!
//! How the digest is computed: the element to sign is serialised as a standalone document
//! that declares every namespace it uses, so its exclusive canonical form is the same as that of
//! the element inside the SOAP envelope (exclusive C14N does not import unused ancestor
//! namespaces). The enveloped-signature transform removes the `Signature`, so the digest is
//! taken over the element before the signature is inserted. `SignedInfo` is canonicalised the
//! same way: standalone, with the xmldsig default namespace it inherits from `Signature`.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::dmp::xml::{ns, XmlWriter};
use crate::error::{Error, Result};

pub const ALG_EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub const ALG_RSA_SHA256: &str = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
pub const ALG_SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
pub const ALG_ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// A key that signs XML: the card's signature key or a structure certificate's key.
/// `Send + Sync`: a batch signs its submissions from several threads.
pub trait XmlSigner: Send + Sync {
    /// The DER certificate of the signing key (goes into KeyInfo).
    fn certificate_der(&self) -> Vec<u8>;
    /// RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the signer hashes, on card or in software).
    fn sign_rsa_sha256(&self, data: &[u8]) -> Result<Vec<u8>>;
}

/// Exclusive XML canonicalisation (without comments) of a whole document.
pub fn exc_c14n(xml: &str) -> Result<Vec<u8>> {
    bergshamra_c14n::canonicalize::<&str>(xml, bergshamra_c14n::C14nMode::Exclusive, None, &[])
        .map_err(|e| Error::internal(crate::tr!("dmp-xml-c14n-failed", reason = e.to_string())))
}

fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// The `SignedInfo` element for one reference; `with_ns` adds the xmldsig default namespace
/// (for the standalone form that is canonicalised).
fn signed_info(reference_id: &str, digest_b64: &str, with_ns: bool) -> String {
    let mut w = XmlWriter::new();
    if with_ns {
        w.start("SignedInfo", &[("xmlns", ns::DSIG)]);
    } else {
        w.start("SignedInfo", &[]);
    }
    w.empty("CanonicalizationMethod", &[("Algorithm", ALG_EXC_C14N)]);
    w.empty("SignatureMethod", &[("Algorithm", ALG_RSA_SHA256)]);
    let uri = format!("#{reference_id}");
    w.start("Reference", &[("URI", &uri)]);
    w.start("Transforms", &[]);
    w.empty("Transform", &[("Algorithm", ALG_ENVELOPED)]);
    w.empty("Transform", &[("Algorithm", ALG_EXC_C14N)]);
    w.end("Transforms");
    w.empty("DigestMethod", &[("Algorithm", ALG_SHA256)]);
    w.leaf("DigestValue", &[], digest_b64);
    w.end("Reference");
    w.end("SignedInfo");
    w.into_string()
}

/// Signs `element_xml` (a standalone document whose root element has `ID="reference_id"`)
/// with an enveloped signature inserted at byte offset `insert_at` (for SAML: right after
/// `Issuer`). Returns the signed document.
pub fn sign_enveloped(
    element_xml: &str,
    reference_id: &str,
    insert_at: usize,
    signer: &dyn XmlSigner,
) -> Result<String> {
    if !element_xml.is_char_boundary(insert_at) || insert_at > element_xml.len() {
        return Err(Error::internal(crate::tr!("dmp-xml-bad-signature-point")));
    }
    let canonical = exc_c14n(element_xml)?;
    let digest = b64(&Sha256::digest(&canonical));
    let si_standalone = signed_info(reference_id, &digest, true);
    let si_canonical = exc_c14n(&si_standalone)?;
    let signature_value = signer.sign_rsa_sha256(&si_canonical)?;
    let cert = signer.certificate_der();

    let mut w = XmlWriter::new();
    w.start("Signature", &[("xmlns", ns::DSIG)]);
    w.raw(&signed_info(reference_id, &digest, false));
    w.leaf("SignatureValue", &[], &b64(&signature_value));
    w.start("KeyInfo", &[]).start("X509Data", &[]);
    w.leaf("X509Certificate", &[], &b64(&cert));
    w.end("X509Data").end("KeyInfo");
    w.end("Signature");
    let signature = w.into_string();

    let mut out = String::with_capacity(element_xml.len() + signature.len());
    out.push_str(&element_xml[..insert_at]);
    out.push_str(&signature);
    out.push_str(&element_xml[insert_at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_c14n_drops_unused_namespaces_and_sorts() {
        let c = exc_c14n(r#"<a:r xmlns:a="urn:a" xmlns:b="urn:b" z="1" y="2"><c/></a:r>"#).unwrap();
        assert_eq!(
            String::from_utf8(c).unwrap(),
            r#"<a:r xmlns:a="urn:a" y="2" z="1"><c></c></a:r>"#
        );
    }
}
