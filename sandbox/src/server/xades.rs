//! The XAdES signature of a submission set (IHE DSG, reference §5.2): its XML-DSig signature
//! verified by the `xmlsec1` command (SignedInfo over the Manifest and the SignedProperties, the
//! signer's certificate chaining to the test PKI), then each Manifest reference checked here
//! against the documents of the submission, which xmlsec1 cannot resolve (`urn:oid:` URIs).

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha1::Digest;

use super::soap::{child, children, text, DSIG};

const XADES_111: &str = "http://uri.etsi.org/01903/v1.1.1#";
const XADES_132: &str = "http://uri.etsi.org/01903/v1.3.2#";
pub const SHA1: &str = "http://www.w3.org/2000/09/xmldsig#sha1";
pub const SHA256: &str = "http://www.w3.org/2001/04/xmlenc#sha256";
/// The transform of the official example's document reference: inclusive c14n with comments.
pub const C14N_WITH_COMMENTS: &str = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";

/// One `Reference` of the `Manifest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestRef {
    pub uri: String,
    pub transforms: Vec<String>,
    pub digest_method: String,
    pub digest: Vec<u8>,
}

/// What the sandbox reads from the signature before verifying it.
#[derive(Debug, Clone)]
pub struct XadesSignature {
    pub cert_der: Vec<u8>,
    pub manifest: Vec<ManifestRef>,
}

/// Read the signer's certificate and the manifest references.
pub fn parse(xml: &str) -> Result<XadesSignature, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("XML mal formé : {e}"))?;
    let sig = doc.root_element();
    if sig.tag_name().name() != "Signature" || sig.tag_name().namespace() != Some(DSIG) {
        return Err("l'élément racine n'est pas une ds:Signature".into());
    }
    let cert_b64: String = child(sig, DSIG, "KeyInfo")
        .and_then(|k| child(k, DSIG, "X509Data"))
        .and_then(|x| child(x, DSIG, "X509Certificate"))
        .map(text)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let cert_der = base64::engine::general_purpose::STANDARD
        .decode(cert_b64.as_bytes())
        .ok()
        .filter(|d| !d.is_empty())
        .ok_or("certificat du signataire absent ou illisible dans KeyInfo")?;
    let has_signed_properties = sig.descendants().any(|n| {
        n.tag_name().name() == "SignedProperties"
            && matches!(n.tag_name().namespace(), Some(XADES_111 | XADES_132))
    });
    if !has_signed_properties {
        return Err(
            "signature XAdES attendue : QualifyingProperties/SignedProperties absent".into(),
        );
    }
    let manifest = children(sig)
        .filter(|n| n.tag_name().name() == "Object" && n.tag_name().namespace() == Some(DSIG))
        .flat_map(children)
        .find(|n| n.tag_name().name() == "Manifest" && n.tag_name().namespace() == Some(DSIG))
        .ok_or("Manifest (IHEManifest) absent de la signature")?;
    let signed_info_covers_manifest = child(sig, DSIG, "SignedInfo").is_some_and(|si| {
        let id = manifest.attribute("Id").unwrap_or_default();
        children(si).any(|r| {
            r.tag_name().name() == "Reference"
                && !id.is_empty()
                && r.attribute("URI") == Some(format!("#{id}").as_str())
        })
    });
    if !signed_info_covers_manifest {
        return Err("SignedInfo ne référence pas le Manifest".into());
    }
    let mut refs = Vec::new();
    for r in children(manifest).filter(|n| n.tag_name().name() == "Reference") {
        let transforms = child(r, DSIG, "Transforms")
            .map(|t| {
                children(t)
                    .filter_map(|x| x.attribute("Algorithm").map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let digest_b64: String = child(r, DSIG, "DigestValue")
            .map(text)
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        refs.push(ManifestRef {
            uri: r.attribute("URI").unwrap_or_default().to_string(),
            transforms,
            digest_method: child(r, DSIG, "DigestMethod")
                .and_then(|m| m.attribute("Algorithm"))
                .unwrap_or_default()
                .to_string(),
            digest: base64::engine::general_purpose::STANDARD
                .decode(digest_b64.as_bytes())
                .map_err(|_| {
                    format!(
                        "DigestValue illisible pour {}",
                        r.attribute("URI").unwrap_or("?")
                    )
                })?,
        });
    }
    Ok(XadesSignature {
        cert_der,
        manifest: refs,
    })
}

/// Verify the XML signature with `xmlsec1`: SignedInfo's references (the Manifest element and
/// the SignedProperties) and the signature value, the certificate chaining to `trusted`.
/// Manifests are left to [`check_reference`].
pub fn verify(
    xmlsec1: &Path,
    xml: &[u8],
    trusted: &[PathBuf],
    tmp_dir: &Path,
) -> Result<(), String> {
    let file = tmp_dir.join(format!("xades-{}.xml", super::soap::new_uuid()));
    std::fs::write(&file, xml).map_err(|e| format!("écriture temporaire impossible : {e}"))?;
    let mut cmd = Command::new(xmlsec1);
    cmd.arg("--verify")
        .arg("--enabled-key-data")
        .arg("x509")
        .arg("--ignore-manifests")
        .arg("--id-attr:Id")
        .arg(format!("{DSIG}:Manifest"))
        .arg("--id-attr:Id")
        .arg(format!("{XADES_111}:SignedProperties"))
        .arg("--id-attr:Id")
        .arg(format!("{XADES_132}:SignedProperties"));
    for t in trusted {
        cmd.arg("--trusted-pem").arg(t);
    }
    cmd.arg(&file);
    let out = cmd.output();
    let _ = std::fs::remove_file(&file);
    let out = out.map_err(|e| format!("xmlsec1 introuvable ({}) : {e}", xmlsec1.display()))?;
    if out.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(err
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or("verification failed")
        .trim()
        .to_string())
}

/// Check one Manifest reference against the document it names.
pub fn check_reference(r: &ManifestRef, content: &[u8], tmp_dir: &Path) -> Result<(), String> {
    let input: Vec<u8> = match r.transforms.as_slice() {
        [] => content.to_vec(),
        [t] if t == C14N_WITH_COMMENTS => canonicalize(content, tmp_dir)?,
        other => {
            return Err(format!(
                "transformation non prise en charge pour {} : {}",
                r.uri,
                other.join(", ")
            ))
        }
    };
    let digest = match r.digest_method.as_str() {
        SHA1 => sha1::Sha1::digest(&input).to_vec(),
        SHA256 => sha2::Sha256::digest(&input).to_vec(),
        other => {
            return Err(format!(
                "algorithme d'empreinte non pris en charge pour {} : {other}",
                r.uri
            ))
        }
    };
    if digest != r.digest {
        return Err(format!(
            "l'empreinte du document {} ne correspond pas à celle de la signature",
            r.uri
        ));
    }
    Ok(())
}

/// Inclusive XML c14n 1.0 with comments, by `xmllint --c14n`.
fn canonicalize(content: &[u8], tmp_dir: &Path) -> Result<Vec<u8>, String> {
    let file = tmp_dir.join(format!("c14n-{}.xml", super::soap::new_uuid()));
    std::fs::write(&file, content).map_err(|e| format!("écriture temporaire impossible : {e}"))?;
    let out = Command::new("xmllint").arg("--c14n").arg(&file).output();
    let _ = std::fs::remove_file(&file);
    let out = out.map_err(|e| format!("xmllint introuvable : {e}"))?;
    if !out.status.success() {
        return Err("document XML non canonisable (c14n)".into());
    }
    Ok(out.stdout)
}
