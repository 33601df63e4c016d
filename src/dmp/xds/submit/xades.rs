//! The XAdES signature of a submission set, shaped like the official
//! `TD2.1-xades-signature.xml` (reference §5.2): an XML-DSig `Signature` whose `SignedInfo`
//! signs an `Object/Manifest Id="IHEManifest"` (one `Reference URI="urn:oid:<uniqueId>"` per
//! document, SHA-1 of its bytes as the XDS `hash` has it, and one for the submission set), a
//! `SignatureProperty Id="purposeOfSignature"` and the XAdES 1.1.1 `SignedProperties`
//! (`SigningTime`, `SigningCertificate`, `SignaturePolicyImplied`).
//!
//! Where it differs from the example, on purpose: exclusive c14n and RSA-SHA256 for
//! `SignedInfo` (what [`XmlSigner`] does, the VIHF's algorithms; the example's RSA-SHA1 is
//! deprecated), and `SigningCertificate` names the signing certificate alone (the signer
//! holds no chain). The submission set's reference digests the exclusive canonical form of
//! the `RegistryPackage` as sent (the example's `AA==` says nothing of what it digests).
//!
//! Each element that a reference digests is serialised standalone with the namespaces it uses
//! declared on itself, then inserted as the same bytes: under exclusive c14n its canonical form
//! is the same alone as inside the signature (see `dmp::xmldsig`).

use base64::Engine;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use super::{submission_set_xml, Submission};
use crate::dmp::xml::{ns, XmlWriter};
use crate::dmp::xmldsig::{exc_c14n, XmlSigner, ALG_EXC_C14N, ALG_RSA_SHA256, ALG_SHA256};
use crate::error::{Error, Result};

pub const ALG_SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
pub const XADES_111: &str = "http://uri.etsi.org/01903/v1.1.1#";
pub const TYPE_MANIFEST: &str = "http://www.w3.org/2000/09/xmldsig#Manifest";
pub const TYPE_SIGNED_PROPERTIES: &str = "http://uri.etsi.org/01903/v1.1.1#SignedProperties";
/// purposeOfSignature: "Source" (ASTM E1762, the author's signature).
pub const PURPOSE_SOURCE: &str = "1.2.840.10065.1.12.1.14";
pub const MANIFEST_ID: &str = "IHEManifest";
pub const SIGNED_PROPERTIES_ID: &str = "S0-SignedProperties";

fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// One `Reference` of the manifest: a `urn:oid:` URI and a SHA-1 digest.
fn manifest(refs: &[(String, Vec<u8>)]) -> String {
    let mut w = XmlWriter::new();
    w.start("Manifest", &[("xmlns", ns::DSIG), ("Id", MANIFEST_ID)]);
    for (uri, digest) in refs {
        w.start("Reference", &[("URI", uri)]);
        w.empty("DigestMethod", &[("Algorithm", ALG_SHA1)]);
        w.leaf("DigestValue", &[], &b64(digest));
        w.end("Reference");
    }
    w.end("Manifest");
    w.into_string()
}

fn signed_properties(signing_time: &str, cert_der: &[u8]) -> Result<String> {
    let (_, cert) = x509_parser::parse_x509_certificate(cert_der).map_err(|e| {
        Error::internal(crate::tr!(
            "xds-signing-cert-unreadable",
            reason = e.to_string()
        ))
    })?;
    let mut w = XmlWriter::new();
    w.start(
        "SignedProperties",
        &[("xmlns", XADES_111), ("Id", SIGNED_PROPERTIES_ID)],
    );
    w.start("SignedSignatureProperties", &[]);
    w.leaf("SigningTime", &[], signing_time);
    w.start("SigningCertificate", &[]).start("Cert", &[]);
    w.start("CertDigest", &[]);
    w.empty(
        "DigestMethod",
        &[("xmlns", ns::DSIG), ("Algorithm", ALG_SHA1)],
    );
    w.leaf(
        "DigestValue",
        &[("xmlns", ns::DSIG)],
        &b64(&Sha1::digest(cert_der)),
    );
    w.end("CertDigest");
    w.start("IssuerSerial", &[]);
    w.leaf(
        "X509IssuerName",
        &[("xmlns", ns::DSIG)],
        &cert.issuer().to_string(),
    );
    w.leaf(
        "X509SerialNumber",
        &[("xmlns", ns::DSIG)],
        &cert.tbs_certificate.serial.to_string(),
    );
    w.end("IssuerSerial");
    w.end("Cert").end("SigningCertificate");
    w.start("SignaturePolicyIdentifier", &[])
        .empty("SignaturePolicyImplied", &[])
        .end("SignaturePolicyIdentifier");
    w.end("SignedSignatureProperties");
    w.empty("SignedDataObjectProperties", &[]);
    w.end("SignedProperties");
    Ok(w.into_string())
}

fn signed_info(manifest_digest: &str, props_digest: &str, with_ns: bool) -> String {
    let mut w = XmlWriter::new();
    if with_ns {
        w.start("SignedInfo", &[("xmlns", ns::DSIG)]);
    } else {
        w.start("SignedInfo", &[]);
    }
    w.empty("CanonicalizationMethod", &[("Algorithm", ALG_EXC_C14N)]);
    w.empty("SignatureMethod", &[("Algorithm", ALG_RSA_SHA256)]);
    for (kind, id, digest) in [
        (TYPE_MANIFEST, MANIFEST_ID, manifest_digest),
        (TYPE_SIGNED_PROPERTIES, SIGNED_PROPERTIES_ID, props_digest),
    ] {
        let uri = format!("#{id}");
        w.start("Reference", &[("Type", kind), ("URI", &uri)]);
        w.start("Transforms", &[])
            .empty("Transform", &[("Algorithm", ALG_EXC_C14N)])
            .end("Transforms");
        w.empty("DigestMethod", &[("Algorithm", ALG_SHA256)]);
        w.leaf("DigestValue", &[], digest);
        w.end("Reference");
    }
    w.end("SignedInfo");
    w.into_string()
}

/// Signs the submission set `s` with `signer` at `signing_time`; returns the signature
/// document (the `Signature01` part of the request). One signer call.
pub fn sign_submission(
    s: &Submission,
    signer: &dyn XmlSigner,
    signing_time: OffsetDateTime,
) -> Result<String> {
    let mut refs = Vec::new();
    for d in &s.documents {
        let digest = hex::decode(&d.metadata.hash).map_err(|_| {
            Error::internal(crate::tr!(
                "xds-bad-document-sha1",
                document = &d.metadata.unique_id
            ))
        })?;
        refs.push((format!("urn:oid:{}", d.metadata.unique_id), digest));
    }
    let ss = exc_c14n(&submission_set_xml(s, true))?;
    refs.push((
        format!("urn:oid:{}", s.unique_id),
        Sha1::digest(&ss).to_vec(),
    ));
    let manifest = manifest(&refs);
    let time = signing_time
        .to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| Error::internal(crate::tr!("xds-signing-time", reason = e.to_string())))?;
    let cert = signer.certificate_der();
    let props = signed_properties(&time, &cert)?;
    let manifest_digest = b64(&Sha256::digest(exc_c14n(&manifest)?));
    let props_digest = b64(&Sha256::digest(exc_c14n(&props)?));
    let si_canonical = exc_c14n(&signed_info(&manifest_digest, &props_digest, true))?;
    let value = signer.sign_rsa_sha256(&si_canonical)?;

    let sig_id = format!("_{}", ::uuid::Uuid::new_v4());
    let target = format!("#{sig_id}");
    let mut w = XmlWriter::new();
    w.start("Signature", &[("xmlns", ns::DSIG), ("Id", &sig_id)]);
    w.raw(&signed_info(&manifest_digest, &props_digest, false));
    w.leaf("SignatureValue", &[], &b64(&value));
    w.start("KeyInfo", &[]).start("X509Data", &[]);
    w.leaf("X509Certificate", &[], &b64(&cert));
    w.end("X509Data").end("KeyInfo");
    w.start("Object", &[]).raw(&manifest).end("Object");
    w.start("Object", &[]);
    w.start("SignatureProperties", &[]);
    w.leaf(
        "SignatureProperty",
        &[("Id", "purposeOfSignature"), ("Target", &target)],
        PURPOSE_SOURCE,
    );
    w.end("SignatureProperties");
    w.end("Object");
    w.start("Object", &[]);
    w.start(
        "QualifyingProperties",
        &[("xmlns", XADES_111), ("Target", &target)],
    );
    w.raw(&props);
    w.end("QualifyingProperties");
    w.end("Object");
    w.end("Signature");
    Ok(w.into_string())
}
