//! The sandbox registry's own copy of the DMP metadata value sets it checks a submission
//! against (reference §5.3, §9). Written for the sandbox from the public material, apart from
//! the client's terminology data, so that a wrong code on one side is not accepted by a
//! mistake shared with the other.
//!
//! Where the public material gives the value set's rule rather than its list (facility types
//! SA01 to SA52, the JDV_J59 content types, the author specialties), the sandbox checks the
//! code's form and its code system; SEED.md says so.

/// A code of a value set: code, code system, label.
pub type Code = (&'static str, &'static str, &'static str);

pub const SYS_CLASS: &str = "1.2.250.1.213.1.1.4.1";
pub const SYS_LOINC: &str = "2.16.840.1.113883.6.1";
pub const SYS_TYPE_ANS: &str = "1.2.250.1.213.1.1.4.12";
pub const SYS_FORMAT_IHE: &str = "1.3.6.1.4.1.19376.1.2.3";
pub const SYS_FORMAT_ANS: &str = "1.2.250.1.213.1.1.4.2.282";
pub const SYS_FACILITY: &str = "1.2.250.1.71.4.2.4";
pub const SYS_PRACTICE: &str = "1.2.250.1.213.1.1.4.9";
pub const SYS_CONF_HL7: &str = "2.16.840.1.113883.5.25";
pub const SYS_VISIBILITY: &str = "1.2.250.1.213.1.1.4.13";
pub const SYS_CONTENT_TYPE: &str = "1.2.250.1.213.2.2";
pub const SYS_SPECIALTY: &str = "1.2.250.1.213.1.1.4.5";

/// IHE DSG: the classCode, typeCode and formatCode of a submission-set signature.
pub const SIGNATURE_CLASS: &str = "urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1";
pub const SIGNATURE_TYPE: &str = "E1762";
pub const SIGNATURE_FORMAT: &str = "http://www.w3.org/2000/09/xmldsig#";

/// JDV_J57 ClassCode-DMP (TRE_A03).
pub const CLASS: &[Code] = &[
    ("10", SYS_CLASS, "Compte rendu"),
    ("11", SYS_CLASS, "Synthèse"),
    ("31", SYS_CLASS, "Imagerie médicale"),
    ("42", SYS_CLASS, "Prescription"),
    ("43", SYS_CLASS, "Dispensation"),
    ("44", SYS_CLASS, "Plan / protocole de soins"),
    ("45", SYS_CLASS, "Traitement administré"),
    ("52", SYS_CLASS, "Certificat, déclaration"),
    ("60", SYS_CLASS, "Données de remboursement"),
    ("90", SYS_CLASS, "Autres documents déposés par le patient"),
    ("95", SYS_CLASS, "Document de gestion"),
];

/// JDV_J66 TypeCode-DMP: the LOINC codes and the ANS codes the sandbox knows.
pub const TYPE: &[Code] = &[
    ("11369-6", SYS_LOINC, "Historique des vaccinations"),
    ("11488-4", SYS_LOINC, "CR de consultation"),
    ("11490-0", SYS_LOINC, "Lettre de sortie"),
    ("11502-2", SYS_LOINC, "CR d'examens biologiques"),
    ("11505-5", SYS_LOINC, "CR d'acte thérapeutique"),
    ("11506-3", SYS_LOINC, "Note d'évolution"),
    ("11524-6", SYS_LOINC, "CR d'électrocardiogramme"),
    (
        "11526-1",
        SYS_LOINC,
        "CR d'anatomie et de cytologie pathologiques",
    ),
    ("15507-7", SYS_LOINC, "CR de passage aux urgences"),
    ("15508-5", SYS_LOINC, "CR d'accouchement"),
    ("18748-4", SYS_LOINC, "CR d'imagerie médicale"),
    ("18761-7", SYS_LOINC, "Synthèse de transfert"),
    ("18776-5", SYS_LOINC, "Plan de soins"),
    ("18841-7", SYS_LOINC, "CR de consultation hospitalière"),
    ("18842-5", SYS_LOINC, "Lettre de liaison à la sortie"),
    ("27899-4", SYS_LOINC, "CR d'acte diagnostique (autre)"),
    ("28616-1", SYS_LOINC, "Transfert"),
    ("34112-3", SYS_LOINC, "CR d'hospitalisation"),
    ("34117-2", SYS_LOINC, "Observation médicale"),
    ("34133-9", SYS_LOINC, "Synthèse d'épisode de soins"),
    ("34749-2", SYS_LOINC, "CR d'anesthésie"),
    (
        "34794-8",
        SYS_LOINC,
        "CR de réunion de concertation pluridisciplinaire",
    ),
    ("47420-5", SYS_LOINC, "Bilan fonctionnel"),
    ("51969-4", SYS_LOINC, "CR d'analyse génétique"),
    ("56445-0", SYS_LOINC, "Bilan médicamenteux"),
    ("57828-6", SYS_LOINC, "Prescription"),
    ("57829-4", SYS_LOINC, "Prescription de dispositifs médicaux"),
    ("57832-8", SYS_LOINC, "Prescription d'examens de biologie"),
    ("57833-6", SYS_LOINC, "Prescription de médicaments"),
    ("60591-5", SYS_LOINC, "Synthèse médicale"),
    ("60593-1", SYS_LOINC, "Dispensation médicamenteuse"),
    ("87273-9", SYS_LOINC, "Note de vaccination"),
    ("SYNTH", SYS_TYPE_ANS, "Synthèse médicale"),
    ("DOCPAT01", SYS_TYPE_ANS, "Document déposé par le patient"),
];

/// JDV_J60 FormatCode-DMP: IHE profiles and CI-SIS content models.
pub const FORMAT: &[&str] = &[
    "urn:ihe:iti:xds-sd:pdf:2008",
    "urn:ihe:iti:xds-sd:text:2008",
    "urn:asip:ci-sis:2010",
    "urn:asip:ci-sis:vsm:2012",
    "urn:ihe:lab:xd-lab:2008",
    "urn:ihe:pharm:pre:2010",
    "urn:ihe:pharm:dis:2010",
    "urn:ihe:pcc:xds-ms:2007",
    "urn:ihe:pcc:ic:2009",
    "urn:ihe:rad:CDA:ImagingReportStructuredHeadings:2013",
    "urn:ihe:pat:apsr:all:2010",
];

/// JDV_J62 practiceSettingCode (TRE_A01 CadreExercice).
pub const PRACTICE: &[Code] = &[
    ("AMBULATOIRE", SYS_PRACTICE, "Ambulatoire"),
    ("ETABLISSEMENT", SYS_PRACTICE, "Etablissement de santé"),
];

/// JDV_J58 confidentialityCode.
pub const CONFIDENTIALITY: &[Code] = &[
    ("N", SYS_CONF_HL7, "Normal"),
    ("R", SYS_CONF_HL7, "Restreint"),
    ("V", SYS_CONF_HL7, "Très restreint"),
    (
        "MASQUE_PS",
        SYS_VISIBILITY,
        "Masqué aux professionnels de santé",
    ),
    (
        "INVISIBLE_PATIENT",
        SYS_VISIBILITY,
        "Non visible par le patient",
    ),
    (
        "INVISIBLE_REPRESENTANTS_LEGAUX",
        SYS_VISIBILITY,
        "Non visible par les représentants légaux",
    ),
];

/// A code found in a value set, or None.
pub fn lookup(set: &[Code], code: &str, system: &str) -> Option<&'static str> {
    set.iter()
        .find(|(c, s, _)| *c == code && *s == system)
        .map(|(_, _, label)| *label)
}

/// TRE_R02 SecteurActivite: SA01 to SA52.
pub fn facility_ok(code: &str, system: &str) -> bool {
    system == SYS_FACILITY
        && code.len() == 4
        && code.starts_with("SA")
        && code[2..].parse::<u8>().is_ok_and(|n| (1..=52).contains(&n))
}

/// JDV_J59 ContentTypeCode-DMP: two digits.
pub fn content_type_ok(code: &str, system: &str) -> bool {
    system == SYS_CONTENT_TYPE && code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit())
}

/// A format code: its list and one of the two format code systems.
pub fn format_ok(code: &str, system: &str) -> bool {
    FORMAT.contains(&code) && (system == SYS_FORMAT_IHE || system == SYS_FORMAT_ANS)
}

/// JDV_J01 / JDV_J56 author specialty: `G15_<profession>` or `G15_<profession>/<specialty>`.
pub fn specialty_ok(code: &str, system: &str) -> bool {
    let Some(rest) = code.strip_prefix("G15_") else {
        return false;
    };
    let (profession, specialty) = rest.split_once('/').unwrap_or((rest, ""));
    system == SYS_SPECIALTY
        && !profession.is_empty()
        && profession.bytes().all(|b| b.is_ascii_digit())
        && (specialty.is_empty() || specialty.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_the_official_example_are_known() {
        assert_eq!(lookup(CLASS, "10", SYS_CLASS), Some("Compte rendu"));
        assert!(lookup(TYPE, "27899-4", SYS_LOINC).is_some());
        assert!(format_ok("urn:ihe:iti:xds-sd:text:2008", SYS_FORMAT_IHE));
        assert!(facility_ok("SA01", SYS_FACILITY));
        assert!(lookup(PRACTICE, "ETABLISSEMENT", SYS_PRACTICE).is_some());
        assert!(content_type_ok("04", SYS_CONTENT_TYPE));
        assert!(specialty_ok("G15_10/SM26", SYS_SPECIALTY));
    }

    #[test]
    fn wrong_codes_and_systems_are_refused() {
        assert_eq!(lookup(CLASS, "99", SYS_CLASS), None);
        assert_eq!(lookup(CLASS, "10", SYS_LOINC), None);
        assert_eq!(lookup(TYPE, "11502-2", SYS_CLASS), None);
        assert!(!facility_ok("SA99", SYS_FACILITY));
        assert!(!facility_ok("SA01", SYS_CLASS));
        assert!(!format_ok("urn:ihe:iti:xds-sd:pdf:2008", SYS_LOINC));
        assert!(!content_type_ok("4", SYS_CONTENT_TYPE));
        assert!(!specialty_ok("SM26", SYS_SPECIALTY));
    }
}
