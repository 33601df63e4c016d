//! Value sets of the DMP interface (reference §4, §5.3, §9): codes, their code systems (OIDs)
//! and French display names, as they go on the wire.

use std::fmt;

/// A coded value: code, code system (OID or scheme) and display name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Coded {
    pub code: String,
    pub code_system: String,
    pub display: Option<String>,
    /// Written as `codeSystemName` where the wire format has it (VIHF roles, optional).
    pub code_system_name: Option<String>,
}

impl Coded {
    pub fn new(code: &str, code_system: &str, display: Option<&str>) -> Coded {
        Coded {
            code: code.into(),
            code_system: code_system.into(),
            display: display.map(Into::into),
            code_system_name: None,
        }
    }
}

/// A coded value as `dmp` prints it in JSON: the code, its label (the DMP's display name, else
/// the one of our value-set tables, else none) and its code system when known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CodeLabel {
    pub code: String,
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
}

impl CodeLabel {
    pub fn new(code: &str, label: Option<&str>) -> CodeLabel {
        CodeLabel {
            code: code.into(),
            label: label.map(Into::into),
            system: None,
        }
    }

    /// From a coded value of the DMP; the label falls back on our tables.
    pub fn from_coded(c: &Coded) -> CodeLabel {
        let label = c
            .display
            .clone()
            .filter(|d| !d.trim().is_empty())
            .or_else(|| known_display(&c.code_system, &c.code).map(Into::into));
        CodeLabel {
            code: c.code.clone(),
            label,
            system: Some(c.code_system.clone()).filter(|s| !s.is_empty()),
        }
    }

    /// The label, else the code (for text output).
    pub fn text(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.code)
    }
}

/// The display name of a code from the tables below, when we have one.
fn known_display(system: &str, code: &str) -> Option<&'static str> {
    match system {
        oid::CLASS_CODE => class_code_display(code),
        oid::PROFESSION => PROFESSIONS
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, d)| *d),
        oid::VISIBILITY => Visibility::from_code(code).map(Visibility::display),
        _ => None,
    }
}

/// OIDs of the code systems and identifier authorities used by the DMP.
pub mod oid {
    /// TRE_G15 ProfessionSante (VIHF role #1).
    pub const PROFESSION: &str = "1.2.250.1.71.1.2.7";
    /// TRE_R01 EnsembleSavoirFaire, RPPS specialties (VIHF role #2).
    pub const SPECIALTY_RPPS: &str = "1.2.250.1.71.4.2.5";
    /// TRE_R02 SecteurActivite.
    pub const ACTIVITY_SECTOR: &str = "1.2.250.1.71.4.2.4";
    /// TRE_R248 ModeAcces (VIHF PurposeOfUse).
    pub const ACCESS_MODE: &str = "1.2.250.1.213.1.1.4.248";
    /// TRE_A03 ClasseDocument (XDS classCode).
    pub const CLASS_CODE: &str = "1.2.250.1.213.1.1.4.1";
    /// TRE_A07 StatutVisibiliteDocument (MASQUE_PS, INVISIBLE_PATIENT…).
    pub const VISIBILITY: &str = "1.2.250.1.213.1.1.4.13";
    /// HL7 Confidentiality (N/R/V).
    pub const HL7_CONFIDENTIALITY: &str = "2.16.840.1.113883.5.25";
    /// TRE_A01 CadreExercice (practiceSettingCode).
    pub const PRACTICE_SETTING: &str = "1.2.250.1.213.1.1.4.9";
    /// Author specialty (G15_xx/SMxx).
    pub const AUTHOR_SPECIALTY: &str = "1.2.250.1.213.1.1.4.5";
    /// TRE_A00 (role AUTOMATE).
    pub const AUTOMATE_ROLE: &str = "1.2.250.1.213.1.1.4.6";
    /// LOINC (typeCode).
    pub const LOINC: &str = "2.16.840.1.113883.6.1";
    /// DMP reason codes (TEST_EXST, FERM…).
    pub const DMP_REASON: &str = "1.2.250.1.213.1.1.4.11";
    /// DMP administrative observations (RATTACHEMENT_ENS, OPPOSITION_…).
    pub const DMP_ADMIN_OBSERVATION: &str = "1.2.250.1.213.4.1.2.3";
    /// DMP closing reasons (FERMETURE_DEMANDE_PATIENT…).
    pub const DMP_CLOSING_REASON: &str = "1.2.250.1.213.4.1.2.4";
    /// Keyword AUTORISATION of the TD0.2 attentionLine.
    pub const DMP_AUTHORIZATION_KEYWORD: &str = "1.2.250.1.213.4.1.2.6.1";
    /// Values VALIDE/EXPIRE/INTERDIT/NON_EXISTE.
    pub const DMP_AUTHORIZATION_VALUE: &str = "1.2.250.1.213.4.1.2.6.2";
    /// Keyword STATUT_MT.
    pub const DMP_STATUT_MT: &str = "1.2.250.1.213.4.1.2.6.3";
    /// idNat_PS authority.
    pub const IDNAT_PS: &str = "1.2.250.1.71.4.2.1";
    /// Struct_IdNat authority.
    pub const IDNAT_STRUCT: &str = "1.2.250.1.71.4.2.2";
    /// The DMP device (HL7 v3 receiver).
    pub const DMP_DEVICE: &str = "1.2.250.1.213.4.1.1.1";
    /// The DMP repository on the test platforms (documents name their own repository: the
    /// client never sends this one on its own).
    pub const DMP_REPOSITORY_TEST: &str = "1.2.250.1.213.4.1.1.1.2";

    /// Arcs that only test systems use: the arc this project's sandbox invents OIDs under, and
    /// the test and demo NIR authorities. Nothing under them is sent with a production profile.
    pub const TEST_ARCS: &[&str] = &[
        "1.2.250.1.999",
        "1.2.250.1.213.1.4.10",
        "1.2.250.1.213.1.4.11",
    ];

    /// Whether `oid` is one of [`TEST_ARCS`] or under one.
    pub fn is_test(oid: &str) -> bool {
        TEST_ARCS
            .iter()
            .any(|arc| oid == *arc || oid.strip_prefix(arc).is_some_and(|r| r.starts_with('.')))
    }

    /// An OID as ISO/IEC 8824 writes it: numbers separated by dots, no leading zero.
    pub fn is_well_formed(oid: &str) -> bool {
        let arcs: Vec<&str> = oid.split('.').collect();
        arcs.len() >= 2
            && arcs.iter().all(|a| {
                !a.is_empty()
                    && a.bytes().all(|b| b.is_ascii_digit())
                    && (a.len() == 1 || !a.starts_with('0'))
            })
    }
}

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident => $code:expr),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The code as it goes on the wire.
            pub fn code(self) -> &'static str { match self { $($name::$var => $code),+ } }
            /// The value for a wire code (exact match).
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$var),)+ _ => None }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.code()) }
        }
    };
}

str_enum!(
    /// The practitioner's authorization on a DMP, as TD0.2 returns it.
    AuthorizationStatus {
        /// Authorized.
        Valide => "VALIDE",
        /// The authorization has expired.
        Expire => "EXPIRE",
        /// The patient blocked this professional: no access at all.
        Interdit => "INTERDIT",
        /// No authorization recorded.
        NonExiste => "NON_EXISTE",
    }
);

str_enum!(
    /// The access mode of the VIHF PurposeOfUse (TRE_R248).
    AccessMode {
        Normal => "normal",
        /// Emergency access ("bris de glace").
        BrisDeGlace => "bris_de_glace",
        /// Medical regulation (SAMU, "centre 15").
        Centre15 => "centre_15",
    }
);

impl AccessMode {
    pub fn display(self) -> &'static str {
        match self {
            AccessMode::Normal => "Accès normal",
            AccessMode::BrisDeGlace => "Accès en bris de glace",
            AccessMode::Centre15 => "Accès par un centre de régulation médicale",
        }
    }
}

str_enum!(
    /// The VIHF `Authentification_mode`.
    AuthMode {
        /// CPx card in the reader.
        Directe => "DIRECTE",
        /// Structure certificates, user authenticated locally.
        Indirecte => "INDIRECTE",
        /// Structure certificate plus Pro Santé Connect.
        IndirecteRenforcee => "INDIRECTE_RENFORCEE",
    }
);

str_enum!(
    /// Availability status of a registry entry.
    AvailabilityStatus {
        Approved => "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved",
        /// An older version, replaced.
        Deprecated => "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated",
        Archived => "urn:asip:ci-sis:2010:StatusType:Archived",
        Deleted => "urn:asip:ci-sis:2010:StatusType:Deleted",
        Submitted => "urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted",
    }
);

impl AvailabilityStatus {
    /// Short name for display and flags ("approved", "deprecated", …).
    pub fn short(self) -> &'static str {
        match self {
            AvailabilityStatus::Approved => "approved",
            AvailabilityStatus::Deprecated => "deprecated",
            AvailabilityStatus::Archived => "archived",
            AvailabilityStatus::Deleted => "deleted",
            AvailabilityStatus::Submitted => "submitted",
        }
    }
    pub fn from_short(s: &str) -> Option<AvailabilityStatus> {
        Self::ALL.iter().copied().find(|v| v.short() == s)
    }
    /// What the status means, for people.
    pub fn label(self) -> &'static str {
        match self {
            AvailabilityStatus::Approved => "current version",
            AvailabilityStatus::Deprecated => "obsolete version, replaced by a newer one",
            AvailabilityStatus::Archived => "archived",
            AvailabilityStatus::Deleted => "deleted",
            AvailabilityStatus::Submitted => "submitted, not yet approved",
        }
    }
    /// For JSON: the short name as the code (what `--status` takes) and the label.
    pub fn code_label(self) -> CodeLabel {
        CodeLabel::new(self.short(), Some(self.label()))
    }
}

str_enum!(
    /// Visibility codes of TRE_A07, carried as confidentialityCode beside the HL7 `N`.
    Visibility {
        /// Masked to professionals.
        MasquePs => "MASQUE_PS",
        /// Invisible to the patient.
        InvisiblePatient => "INVISIBLE_PATIENT",
        /// Invisible to the patient's legal representatives (minors).
        InvisibleRepresentantsLegaux => "INVISIBLE_REPRESENTANTS_LEGAUX",
    }
);

impl Visibility {
    pub fn display(self) -> &'static str {
        match self {
            Visibility::MasquePs => "Document masqué aux professionnels de santé",
            Visibility::InvisiblePatient => "Document non visible par le patient",
            Visibility::InvisibleRepresentantsLegaux => {
                "Document non visible par les représentants légaux du patient"
            }
        }
    }
    pub fn coded(self) -> Coded {
        Coded::new(self.code(), oid::VISIBILITY, Some(self.display()))
    }
}

/// The HL7 confidentiality code every DMP document carries.
pub fn confidentiality_normal() -> Coded {
    Coded::new("N", oid::HL7_CONFIDENTIALITY, Some("Normal"))
}

str_enum!(
    /// TD0.3 action.
    AuthorizationAction {
        Ajout => "AJOUT",
        Suppression => "SUPPRESSION",
    }
);

str_enum!(
    /// TD1.6 list mode, and the mode of each returned authorization.
    AuthorizationListMode {
        /// Authorized professionals.
        Active => "ACTIVE",
        /// Blocked professionals.
        Interdite => "INTERDITE",
        /// Both.
        Toute => "TOUTE",
    }
);

str_enum!(
    /// TD0.4 date criterion (the spelling LASTAUTORIZATION is the DMP's).
    PatientListDateType {
        LastAuthorization => "LASTAUTORIZATION",
        LastDocument => "LASTDOC",
    }
);

/// TD0.3 optional role, and TD1.6 specificRight.
pub const ROLE_MEDECIN_TRAITANT: &str = "MEDECIN_TRAITANT";

/// DMP administrative observation codes (TD0.2 responses, HL7 v3 updates).
pub mod admin_observation {
    pub const RATTACHEMENT_ENS: &str = "RATTACHEMENT_ENS";
    pub const OPPOSITION_BRIS_DE_GLACE: &str = "OPPOSITION_BRIS_DE_GLACE";
    pub const OPPOSITION_ACCES_URGENCE: &str = "OPPOSITION_ACCES_URGENCE";
    pub const CONSENTEMENT_OUVERTURE_DMP: &str = "CONSENTEMENT_OUVERTURE_DMP";
    pub const COMPTE_INTERNET_OUVERT: &str = "COMPTE_INTERNET_OUVERT";
}

/// Health professions of TRE_G15 (VIHF role #1). Partial table: the codes the reference knows.
pub const PROFESSIONS: &[(&str, &str)] = &[
    ("10", "Médecin"),
    ("21", "Pharmacien"),
    ("40", "Chirurgien-dentiste"),
    ("50", "Sage-femme"),
    ("60", "Infirmier"),
    ("69", "Infirmier psychiatrique"),
];

/// A VIHF role value: profession (TRE_G15).
pub fn profession(code: &str) -> Coded {
    let display = PROFESSIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, d)| *d);
    Coded {
        code_system_name: Some(CODE_SYSTEM_NAME_PROFESSION.into()),
        ..Coded::new(code, oid::PROFESSION, display)
    }
}

/// The `codeSystemName` of the VIHF role values. One official sample writes "professions" and
/// "specialites RPPS", the others none; a client that worked against the DMP's test platform
/// reports that it rejects roles without `G15` / `R01` (reference §4.2, source S14): the real
/// system wins.
pub const CODE_SYSTEM_NAME_PROFESSION: &str = "G15";
pub const CODE_SYSTEM_NAME_SPECIALTY: &str = "R01";

/// A VIHF role value: RPPS specialty / savoir-faire (TRE_R01), e.g. `SM26`.
pub fn specialty(code: &str, display: Option<&str>) -> Coded {
    let display = display.or(match code {
        "SM26" => Some("Qualifié en Médecine Générale (SM)"),
        _ => None,
    });
    Coded {
        code_system_name: Some(CODE_SYSTEM_NAME_SPECIALTY.into()),
        ..Coded::new(code, oid::SPECIALTY_RPPS, display)
    }
}

/// JDV_J57 class codes (TRE_A03).
pub const CLASS_CODES: &[(&str, &str)] = &[
    ("10", "Compte rendu"),
    ("11", "Synthèse"),
    ("31", "Imagerie médicale"),
    ("42", "Prescription"),
    ("43", "Dispensation"),
    ("44", "Plan de soins, protocole de soins"),
    ("45", "Traitement administré"),
    ("52", "Certificat, déclaration"),
    ("60", "Données de remboursement"),
    ("90", "Autres documents déposés par le patient"),
    ("95", "Document de gestion"),
];

pub fn class_code_display(code: &str) -> Option<&'static str> {
    CLASS_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in AuthorizationStatus::ALL {
            assert_eq!(AuthorizationStatus::from_code(s.code()), Some(*s));
        }
        assert_eq!(
            AccessMode::from_code("bris_de_glace"),
            Some(AccessMode::BrisDeGlace)
        );
        assert_eq!(
            AvailabilityStatus::from_short("archived"),
            Some(AvailabilityStatus::Archived)
        );
        assert_eq!(
            PatientListDateType::LastAuthorization.code(),
            "LASTAUTORIZATION"
        );
        assert_eq!(profession("10").display.as_deref(), Some("Médecin"));
        assert_eq!(profession("10").code_system_name.as_deref(), Some("G15"));
        assert_eq!(
            specialty("SM26", None).code_system_name.as_deref(),
            Some("R01")
        );
    }
}
