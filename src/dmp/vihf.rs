//! The VIHF: the SAML 2.0 assertion that identifies the user, the structure, the patient and
//! the access mode of each request (reference §4; samples in
//! `reference/dmp-official/vihf/`). One assertion per patient context.
//!
//! Shape, in the samples' order: `Issuer` (subject DN of the signing certificate), optional
//! enveloped `Signature`, `Subject/NameID` (idNat_PS), `AuthnStatement`, then the attributes
//! `Identifiant_Structure`, `Secteur_Activite` (`code^1.2.250.1.71.4.2.4`),
//! `…xspa…:subject:subject-id` (indirect modes), `…xacml…:subject:role` (one HL7 CE `Role` per
//! value: profession then specialty), `VIHF_Version` (3.0), `Authentification_mode`,
//! `…xacml…:resource:resource-id` (the INS as HL7 CX), `Ressource_URN` (`urn:dmp`),
//! `…xspa…:subject:purposeofuse` (TRE_R248 code), `LPS_ID`, `LPS_Nom`, `LPS_Version`,
//! `LPS_ID_HOMOLOGATION_DMP`.
//!
//! Assumptions, written down:
//! - Without a patient (TD0.4), `resource-id` is left out; the official TD0.4 example carries
//!   one, so the DMP may accept both (to check on the test platform).
//! - A "secret connection" (minors) adds
//!   `urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code` =
//!   `INVISIBLE_REPRESENTANTS_LEGAUX^1.2.250.1.213.1.1.4.13`, right after purposeofuse.
//! - The break-the-glass reason is not sent: the public material does not name its attribute
//!   (reference §4.2); the caller keeps it in the local audit log.
//! - `AuthnContextClassRef` defaults to SmartcardPKI in every mode (as all samples); the AIR
//!   mode also writes `AuthnContextDecl` with the same value, as its sample does.
//! - `displayName` of roles and purposeofuse are written in correct UTF-8 (the samples carry
//!   mis-encoded copies).

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::dmp::xml::{ns, XmlWriter};
use crate::dmp::xmldsig::{self, XmlSigner};
use crate::error::{Error, Result};
use crate::model::codes::{oid, AccessMode, AuthMode, Coded, Visibility};
use crate::model::ins::Ins;

pub const VIHF_VERSION: &str = "3.0";
pub const AUTHN_SMARTCARD: &str = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";
pub const NAMEID_X509: &str = "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName";
pub const ATTR_ROLE: &str = "urn:oasis:names:tc:xacml:2.0:subject:role";
pub const ATTR_SUBJECT_ID: &str = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
pub const ATTR_RESOURCE_ID: &str = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
pub const ATTR_PURPOSE: &str = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
pub const ATTR_CONFIDENTIALITY: &str =
    "urn:oasis:names:tc:xspa:1.0:resource:patient:hl7:confidentiality-code";
/// codeSystemName of the PurposeOfUse, as in the samples.
pub const PURPOSE_CODE_SYSTEM_NAME: &str = "mode acces VIHF 2.0";

/// Who is calling, from where, with which software: fixed for a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VihfConfig {
    /// Subject DN of the certificate that signs (or would sign) the assertion.
    pub issuer_dn: String,
    /// The user's identifier: idNat_PS (e.g. `899900063480`).
    pub practitioner_id: String,
    pub auth_mode: AuthMode,
    /// Struct_IdNat of the structure (from the card's activity, or the profile).
    pub structure_id: String,
    /// Activity sector code of TRE_R02 (e.g. `SA07`).
    pub activity_sector: String,
    /// "Prénom Nom" of the user; required in the indirect modes.
    pub subject_name: Option<String>,
    /// Role values: profession (TRE_G15) first, then specialty (TRE_R01) for doctors and
    /// pharmacists.
    pub roles: Vec<Coded>,
    pub lps_id: Option<String>,
    pub lps_name: String,
    pub lps_version: String,
    /// CNDA homologation number.
    pub lps_homologation_id: String,
    /// AuthnContextClassRef; SmartcardPKI when `None`.
    pub authn_context: Option<String>,
}

/// The per-request part: patient and access mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VihfContext<'a> {
    pub patient: Option<&'a Ins>,
    pub access_mode: AccessMode,
    /// Secret connection for a minor (adds the INVISIBLE_REPRESENTANTS_LEGAUX restriction).
    pub secret_connection: bool,
}

impl<'a> VihfContext<'a> {
    pub fn normal(patient: &'a Ins) -> Self {
        VihfContext {
            patient: Some(patient),
            access_mode: AccessMode::Normal,
            secret_connection: false,
        }
    }
    /// A context without a patient (TD0.4).
    pub fn without_patient() -> Self {
        VihfContext {
            patient: None,
            access_mode: AccessMode::Normal,
            secret_connection: false,
        }
    }
}

/// A built assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vihf {
    /// The assertion's `ID`.
    pub id: String,
    /// The serialised `saml2:Assertion`, ready to go into `wsse:Security`.
    pub xml: String,
    pub signed: bool,
}

/// Checks the configuration and context against the rules the DMP enforces, before any call.
pub fn validate(cfg: &VihfConfig, ctx: &VihfContext<'_>, signed: bool) -> Result<()> {
    if cfg.practitioner_id.trim().is_empty() {
        return Err(Error::config(crate::tr!("dmp-vihf-no-practitioner-id")));
    }
    if cfg.structure_id.trim().is_empty() {
        return Err(Error::config(crate::tr!("dmp-vihf-no-structure-id"))
            .with_hint(crate::tr!("dmp-vihf-hint-structure-id")));
    }
    let profession = cfg
        .roles
        .iter()
        .find(|r| r.code_system == oid::PROFESSION)
        .ok_or_else(|| Error::config(crate::tr!("dmp-vihf-no-profession")))?;
    if matches!(profession.code.as_str(), "10" | "21") && cfg.roles.len() < 2 {
        return Err(Error::config(crate::tr!("dmp-vihf-no-specialty"))
            .with_hint(crate::tr!("dmp-vihf-hint-specialty")));
    }
    if cfg.auth_mode != AuthMode::Directe {
        if !signed {
            return Err(Error::config(crate::tr!(
                "dmp-vihf-unsigned",
                mode = cfg.auth_mode.to_string()
            )));
        }
        if cfg.subject_name.as_deref().unwrap_or("").trim().is_empty() {
            return Err(Error::config(crate::tr!("dmp-vihf-no-subject-name")));
        }
        if ctx.access_mode == AccessMode::BrisDeGlace {
            return Err(Error::usage(crate::tr!("dmp-vihf-break-glass-needs-card")));
        }
    }
    Ok(())
}

fn instant(t: OffsetDateTime) -> Result<String> {
    let t = t.to_offset(time::UtcOffset::UTC);
    let t = t
        .replace_nanosecond(t.millisecond() as u32 * 1_000_000)
        .map_err(|e| Error::internal(e.to_string()))?;
    let s = t
        .format(&Rfc3339)
        .map_err(|e| Error::internal(e.to_string()))?;
    // Rfc3339 drops zero fractions; always write milliseconds like the samples.
    if s.contains('.') {
        Ok(s)
    } else {
        Ok(s.replace('Z', ".000Z"))
    }
}

fn string_attr(w: &mut XmlWriter, name: &str, value: &str) {
    w.start("saml2:Attribute", &[("Name", name)]);
    w.leaf(
        "saml2:AttributeValue",
        &[("xmlns:xs", ns::XSD), ("xsi:type", "xs:string")],
        value,
    );
    w.end("saml2:Attribute");
}

fn ce_value(w: &mut XmlWriter, element: &str, c: &Coded) {
    let mut attrs: Vec<(&str, &str)> = vec![
        ("xmlns", ns::HL7),
        ("code", &c.code),
        ("codeSystem", &c.code_system),
    ];
    if let Some(n) = &c.code_system_name {
        attrs.push(("codeSystemName", n));
    }
    if let Some(d) = &c.display {
        attrs.push(("displayName", d));
    }
    attrs.push(("xsi:type", "CE"));
    w.start("saml2:AttributeValue", &[]);
    w.empty(element, &attrs);
    w.end("saml2:AttributeValue");
}

/// The unsigned assertion (no checks; see [`build`]).
pub fn build_unsigned(
    cfg: &VihfConfig,
    ctx: &VihfContext<'_>,
    id: &str,
    now: OffsetDateTime,
) -> Result<String> {
    let now = instant(now)?;
    let mut w = XmlWriter::new();
    w.start(
        "saml2:Assertion",
        &[
            ("xmlns:saml2", ns::SAML2),
            ("xmlns:xsi", ns::XSI),
            ("ID", id),
            ("IssueInstant", &now),
            ("Version", "2.0"),
        ],
    );
    w.leaf("saml2:Issuer", &[("Format", NAMEID_X509)], &cfg.issuer_dn);
    w.start("saml2:Subject", &[])
        .leaf("saml2:NameID", &[], &cfg.practitioner_id)
        .end("saml2:Subject");
    let authn = cfg.authn_context.as_deref().unwrap_or(AUTHN_SMARTCARD);
    w.start("saml2:AuthnStatement", &[("AuthnInstant", &now)])
        .start("saml2:AuthnContext", &[])
        .leaf("saml2:AuthnContextClassRef", &[], authn);
    if cfg.auth_mode == AuthMode::IndirecteRenforcee {
        w.leaf("saml2:AuthnContextDecl", &[], authn);
    }
    w.end("saml2:AuthnContext").end("saml2:AuthnStatement");

    w.start("saml2:AttributeStatement", &[]);
    string_attr(&mut w, "Identifiant_Structure", &cfg.structure_id);
    string_attr(
        &mut w,
        "Secteur_Activite",
        &format!("{}^{}", cfg.activity_sector, oid::ACTIVITY_SECTOR),
    );
    if let Some(name) = cfg
        .subject_name
        .as_deref()
        .filter(|_| cfg.auth_mode != AuthMode::Directe)
    {
        string_attr(&mut w, ATTR_SUBJECT_ID, name);
    }
    w.start("saml2:Attribute", &[("Name", ATTR_ROLE)]);
    for role in &cfg.roles {
        ce_value(&mut w, "Role", role);
    }
    w.end("saml2:Attribute");
    string_attr(&mut w, "VIHF_Version", VIHF_VERSION);
    string_attr(&mut w, "Authentification_mode", cfg.auth_mode.code());
    if let Some(ins) = ctx.patient {
        string_attr(&mut w, ATTR_RESOURCE_ID, &ins.to_cx());
    }
    string_attr(&mut w, "Ressource_URN", "urn:dmp");
    w.start("saml2:Attribute", &[("Name", ATTR_PURPOSE)]);
    let purpose = Coded {
        code: ctx.access_mode.code().into(),
        code_system: oid::ACCESS_MODE.into(),
        display: Some(ctx.access_mode.display().into()),
        code_system_name: Some(PURPOSE_CODE_SYSTEM_NAME.into()),
    };
    ce_value(&mut w, "PurposeOfUse", &purpose);
    w.end("saml2:Attribute");
    if ctx.secret_connection {
        let v = Visibility::InvisibleRepresentantsLegaux;
        string_attr(
            &mut w,
            ATTR_CONFIDENTIALITY,
            &format!("{}^{}", v.code(), oid::VISIBILITY),
        );
    }
    if let Some(lps_id) = &cfg.lps_id {
        string_attr(&mut w, "LPS_ID", lps_id);
    }
    string_attr(&mut w, "LPS_Nom", &cfg.lps_name);
    string_attr(&mut w, "LPS_Version", &cfg.lps_version);
    string_attr(&mut w, "LPS_ID_HOMOLOGATION_DMP", &cfg.lps_homologation_id);
    w.end("saml2:AttributeStatement");
    w.end("saml2:Assertion");
    Ok(w.into_string())
}

/// Builds the VIHF for one request: checked, then signed when a signer is given (mandatory in
/// the indirect modes, optional in direct mode where the card's signature key is used).
pub fn build(
    cfg: &VihfConfig,
    ctx: &VihfContext<'_>,
    signer: Option<&dyn XmlSigner>,
    now: OffsetDateTime,
) -> Result<Vihf> {
    validate(cfg, ctx, signer.is_some())?;
    let id = format!("_{}", Uuid::new_v4());
    let unsigned = build_unsigned(cfg, ctx, &id, now)?;
    let Some(signer) = signer else {
        return Ok(Vihf {
            id,
            xml: unsigned,
            signed: false,
        });
    };
    let at = unsigned
        .find("</saml2:Issuer>")
        .map(|i| i + "</saml2:Issuer>".len())
        .ok_or_else(|| Error::internal(crate::tr!("dmp-vihf-no-issuer")))?;
    let xml = xmldsig::sign_enveloped(&unsigned, &id, at, signer)?;
    Ok(Vihf {
        id,
        xml,
        signed: true,
    })
}
