//! The VIHF (SAML 2.0 assertion in wsse:Security): parsing, required attributes, and the
//! XML-DSig verification (delegated to the `xmlsec1` command: exclusive c14n, RSA-SHA256/SHA1).

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;

use super::ins::Ins;
use super::rights::{Actor, AuthMode, Purpose};
use super::soap::{child, children, text, Fault, DSIG, SAML2};

/// Fault subcode for a malformed or incomplete VIHF (sandbox naming; the public material does
/// not give the real one).
pub const INVALID_VIHF: &str = "DMPInvalidVIHF";
/// Fault subcode of a VIHF signed with the wrong certificate (seen in the field).
pub const INVALID_CERTIFICATE: &str = "DMPInvalidCertificate";
/// Fault subcode for a VIHF whose XML signature does not verify.
pub const INVALID_SIGNATURE: &str = "DMPInvalidSignature";
/// Fault subcode for an invalid patient identifier.
pub const INVALID_INS: &str = "DMPInvalidINS";

pub const OID_PROFESSION: &str = "1.2.250.1.71.1.2.7";
pub const OID_SPECIALTY: &str = "1.2.250.1.71.4.2.5";
pub const OID_PURPOSE: &str = "1.2.250.1.213.1.1.4.248";
/// Occupational medicine specialty: TRE_R38 `SM25` "Médecine du travail (SM)" (ANS
/// terminologies, value set JDV_J107 EnsembleSavoirFaire).
pub const OCCUPATIONAL_SPECIALTY: &str = "SM25";

pub const ATTR_ROLE: &str = "urn:oasis:names:tc:xacml:2.0:subject:role";
pub const ATTR_RESOURCE: &str = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
pub const ATTR_PURPOSE: &str = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
pub const ATTR_SUBJECT_ID: &str = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub code: String,
    pub code_system: String,
    pub display: String,
}

#[derive(Debug, Clone)]
pub struct Signature {
    pub reference_uri: String,
    pub cert_der: Vec<u8>,
}

#[derive(Debug, Clone)]
pub struct Vihf {
    pub id: String,
    pub issuer: String,
    pub name_id: String,
    pub auth_mode: AuthMode,
    pub structure_id: String,
    pub secteur: String,
    pub roles: Vec<Role>,
    pub resource: Option<Ins>,
    pub purpose: Purpose,
    pub subject_id: Option<String>,
    pub lps_id: Option<String>,
    pub lps_nom: String,
    pub lps_version: String,
    pub lps_homologation: String,
    pub signature: Option<Signature>,
}

impl Vihf {
    pub fn profession(&self) -> Option<&Role> {
        self.roles.iter().find(|r| r.code_system == OID_PROFESSION)
    }

    pub fn specialty(&self) -> Option<&Role> {
        self.roles.iter().find(|r| r.code_system == OID_SPECIALTY)
    }

    pub fn actor(&self) -> Actor {
        match self.profession().map(|r| r.code.as_str()) {
            Some("10")
                if self.specialty().map(|s| s.code.as_str()) == Some(OCCUPATIONAL_SPECIALTY) =>
            {
                Actor::MedecinDuTravail
            }
            Some("10") => Actor::Medecin,
            Some(_) => Actor::PsNonMedecin,
            None => Actor::NonPs,
        }
    }

    /// "Médecin", "Infirmier"… for traces.
    pub fn profession_label(&self) -> String {
        match self.profession() {
            Some(r) if !r.display.is_empty() => r.display.clone(),
            Some(r) => r.code.clone(),
            None => self
                .roles
                .first()
                .map(|r| r.code.clone())
                .unwrap_or_default(),
        }
    }
}

fn invalid(msg: impl Into<String>) -> Fault {
    Fault::sender(INVALID_VIHF, msg)
}

/// Find the assertion in the SOAP header and parse it. `resource_required`: the transaction is
/// about one patient.
pub fn parse(header: roxmltree::Node<'_, '_>, resource_required: bool) -> Result<Vihf, Fault> {
    let security = child(header, super::soap::WSSE, "Security")
        .ok_or_else(|| invalid("VIHF absent : en-tête wsse:Security manquant"))?;
    let assertion = child(security, SAML2, "Assertion")
        .ok_or_else(|| invalid("VIHF absent : saml2:Assertion manquante dans wsse:Security"))?;
    let id = assertion
        .attribute("ID")
        .ok_or_else(|| invalid("VIHF invalide : attribut ID absent"))?
        .to_string();
    if assertion.attribute("Version") != Some("2.0") {
        return Err(invalid("VIHF invalide : Version SAML différente de 2.0"));
    }
    if assertion.attribute("IssueInstant").is_none() {
        return Err(invalid("VIHF invalide : IssueInstant absent"));
    }
    let issuer = child(assertion, SAML2, "Issuer")
        .map(text)
        .ok_or_else(|| invalid("VIHF invalide : Issuer absent"))?;
    let name_id = child(assertion, SAML2, "Subject")
        .and_then(|s| child(s, SAML2, "NameID"))
        .map(text)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid("VIHF invalide : Subject/NameID absent"))?;
    let statement = child(assertion, SAML2, "AttributeStatement")
        .ok_or_else(|| invalid("VIHF invalide : AttributeStatement absent"))?;

    let attributes: Vec<(String, roxmltree::Node<'_, '_>)> = children(statement)
        .filter(|n| n.tag_name().name() == "Attribute")
        .filter_map(|n| n.attribute("Name").map(|name| (name.to_string(), n)))
        .collect();
    let values = |name: &str| -> Vec<roxmltree::Node<'_, '_>> {
        attributes
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, a)| children(*a).filter(|v| v.tag_name().name() == "AttributeValue"))
            .collect()
    };
    let string = |name: &str| -> Result<String, Fault> {
        values(name)
            .first()
            .map(|v| text(*v))
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                invalid(format!(
                    "VIHF invalide : attribut obligatoire {name} absent"
                ))
            })
    };

    let version = string("VIHF_Version")?;
    if version != "3.0" {
        return Err(invalid(format!(
            "VIHF invalide : VIHF_Version {version} non supportée (3.0 attendue)"
        )));
    }
    let auth_mode = match string("Authentification_mode")?.as_str() {
        "DIRECTE" => AuthMode::Direct,
        "INDIRECTE" => AuthMode::Indirect,
        "INDIRECTE_RENFORCEE" => AuthMode::IndirectReinforced,
        other => {
            return Err(invalid(format!(
                "VIHF invalide : Authentification_mode inconnu : {other}"
            )))
        }
    };
    let structure_id = string("Identifiant_Structure")?;
    let secteur = string("Secteur_Activite")?;
    if !secteur.contains("^1.2.250.1.71.4.2.4") {
        return Err(invalid(format!(
            "VIHF invalide : Secteur_Activite mal formé : {secteur} (attendu code^1.2.250.1.71.4.2.4)"
        )));
    }
    let urn = string("Ressource_URN")?;
    if urn != "urn:dmp" {
        return Err(invalid(format!(
            "VIHF invalide : Ressource_URN {urn} (urn:dmp attendu)"
        )));
    }
    let lps_nom = string("LPS_Nom")?;
    let lps_version = string("LPS_Version")?;
    let lps_homologation = string("LPS_ID_HOMOLOGATION_DMP")?;
    let lps_id = string("LPS_ID").ok();
    let subject_id = string(ATTR_SUBJECT_ID).ok();
    if auth_mode != AuthMode::Direct && subject_id.is_none() {
        return Err(invalid(format!(
            "VIHF invalide : attribut obligatoire {ATTR_SUBJECT_ID} absent en authentification indirecte"
        )));
    }

    let roles: Vec<Role> = values(ATTR_ROLE)
        .into_iter()
        .filter_map(|v| children(v).find(|n| n.tag_name().name() == "Role"))
        .map(|r| Role {
            code: r.attribute("code").unwrap_or_default().to_string(),
            code_system: r.attribute("codeSystem").unwrap_or_default().to_string(),
            display: r.attribute("displayName").unwrap_or_default().to_string(),
        })
        .collect();
    if roles.is_empty() {
        return Err(invalid(format!(
            "VIHF invalide : attribut obligatoire {ATTR_ROLE} absent"
        )));
    }
    let profession = roles
        .iter()
        .find(|r| r.code_system == OID_PROFESSION)
        .map(|r| r.code.clone());
    match profession.as_deref() {
        Some("10") if !roles.iter().any(|r| r.code_system == OID_SPECIALTY) => {
            return Err(invalid(
                "Aucune spécialité dans le vihf. Spécialité obligatoire pour les Médecins et les Pharmaciens",
            ));
        }
        Some("21") if !roles.iter().any(|r| r.code_system != OID_PROFESSION) => {
            return Err(invalid(
                "Aucune spécialité dans le vihf. Spécialité obligatoire pour les Médecins et les Pharmaciens",
            ));
        }
        _ => {}
    }

    let purpose_node = values(ATTR_PURPOSE)
        .into_iter()
        .find_map(|v| children(v).find(|n| n.tag_name().name() == "PurposeOfUse"))
        .ok_or_else(|| {
            invalid(format!(
                "VIHF invalide : attribut obligatoire {ATTR_PURPOSE} absent"
            ))
        })?;
    if purpose_node.attribute("codeSystem") != Some(OID_PURPOSE) {
        return Err(invalid(format!(
            "VIHF invalide : PurposeOfUse doit utiliser le système de codes {OID_PURPOSE}"
        )));
    }
    let purpose = match purpose_node.attribute("code").unwrap_or_default() {
        "normal" => Purpose::Normal,
        "bris_de_glace" => Purpose::BrisDeGlace,
        "centre_15" => Purpose::Centre15,
        other => {
            return Err(invalid(format!(
                "VIHF invalide : mode d'accès (PurposeOfUse) inconnu : {other}"
            )))
        }
    };

    let resource = match string(ATTR_RESOURCE) {
        Ok(cx) => Some(Ins::parse_cx(&cx).map_err(|e| {
            Fault::sender(
                INVALID_INS,
                format!("Identifiant patient du VIHF invalide : {e}"),
            )
        })?),
        Err(e) if resource_required => return Err(e),
        Err(_) => None,
    };

    let signature = match child(assertion, DSIG, "Signature") {
        None => None,
        Some(sig) => {
            let signed_info = child(sig, DSIG, "SignedInfo");
            let c14n = signed_info
                .and_then(|si| child(si, DSIG, "CanonicalizationMethod"))
                .and_then(|m| m.attribute("Algorithm"))
                .unwrap_or_default();
            let method = signed_info
                .and_then(|si| child(si, DSIG, "SignatureMethod"))
                .and_then(|m| m.attribute("Algorithm"))
                .unwrap_or_default();
            if c14n != C14N_EXCLUSIVE || !SIGNATURE_METHODS.contains(&method) {
                return Err(Fault::sender(
                    INVALID_SIGNATURE,
                    format!(
                        "La signature du VIHF est invalide : algorithmes non acceptés ({c14n}, {method}) ; c14n exclusive et RSA-SHA256 attendus"
                    ),
                ));
            }
            let reference_uri = signed_info
                .and_then(|si| child(si, DSIG, "Reference"))
                .and_then(|r| r.attribute("URI"))
                .unwrap_or_default()
                .to_string();
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
                .map_err(|_| {
                    Fault::sender(
                        INVALID_CERTIFICATE,
                        "Le certificat ayant signé le VIHF est invalide : certificat absent ou illisible dans KeyInfo",
                    )
                })?;
            if cert_der.is_empty() {
                return Err(Fault::sender(
                    INVALID_CERTIFICATE,
                    "Le certificat ayant signé le VIHF est invalide : certificat absent de KeyInfo",
                ));
            }
            Some(Signature {
                reference_uri,
                cert_der,
            })
        }
    };

    Ok(Vihf {
        id,
        issuer,
        name_id,
        auth_mode,
        structure_id,
        secteur,
        roles,
        resource,
        purpose,
        subject_id,
        lps_id,
        lps_nom,
        lps_version,
        lps_homologation,
        signature,
    })
}

const SIGNATURE_XPATH: &str = "/*[local-name()='Envelope']/*[local-name()='Header']/*[local-name()='Security']/*[local-name()='Assertion']/*[local-name()='Signature' and namespace-uri()='http://www.w3.org/2000/09/xmldsig#']";

/// Accepted XML-DSig algorithms: exclusive c14n, RSA-SHA256 (RSA-SHA1 as in the official samples).
pub const C14N_EXCLUSIVE: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
pub const SIGNATURE_METHODS: [&str; 2] = [
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
];

/// Verify the enveloped XML signature of the assertion in `xml` (the whole SOAP envelope) with
/// `xmlsec1`, its certificate chaining to one of `trusted` (PEM files).
pub fn verify_signature(
    xmlsec1: &Path,
    xml: &str,
    trusted: &[PathBuf],
    tmp_dir: &Path,
) -> Result<(), String> {
    let file = tmp_dir.join(format!("vihf-{}.xml", super::soap::new_uuid()));
    std::fs::write(&file, xml).map_err(|e| format!("écriture temporaire impossible : {e}"))?;
    let mut cmd = Command::new(xmlsec1);
    cmd.arg("--verify")
        .arg("--id-attr:ID")
        .arg("urn:oasis:names:tc:SAML:2.0:assertion:Assertion")
        .arg("--enabled-key-data")
        .arg("x509")
        // Verify the signature of the assertion itself, not any other Signature element.
        .arg("--node-xpath")
        .arg(SIGNATURE_XPATH);
    for t in trusted {
        cmd.arg("--trusted-pem").arg(t);
    }
    cmd.arg(&file);
    let out = cmd.output();
    let _ = std::fs::remove_file(&file);
    let out = out.map_err(|e| format!("xmlsec1 introuvable ({}) : {e}", xmlsec1.display()))?;
    if out.status.success() {
        Ok(())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("verification failed");
        Err(last.trim().to_string())
    }
}
