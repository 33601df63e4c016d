//! The sandbox registry's value sets of the DMP metadata, checked on the code and its code
//! system (reference §5.3, §9). The data are the ANS's published sets the project commits in
//! `data/terminologies/` (each file says its URL, version and source); the sandbox reads them
//! with its own loader here and shares no code with the client.

use std::sync::LazyLock;

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

/// The entries of a data file: `code|display|system` lines, `#` lines being its header.
fn load(text: &'static str) -> Vec<Code> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut f = l.splitn(3, '|').map(str::trim);
            let (code, label, system) = (f.next(), f.next(), f.next());
            (
                code.unwrap_or_default(),
                system.unwrap_or_default(),
                label.unwrap_or_default(),
            )
        })
        .collect()
}

macro_rules! data {
    ($file:literal) => {
        include_str!(concat!("../../../data/terminologies/", $file))
    };
}

/// JDV_J57 ClassCode-DMP (TRE_A03, and the DSG signature's class).
pub static CLASS: LazyLock<Vec<Code>> = LazyLock::new(|| load(data!("JDV_J57-ClassCode-DMP.txt")));
/// JDV_J66 TypeCode-DMP (LOINC, TRE_A05, and the DSG signature's type).
pub static TYPE: LazyLock<Vec<Code>> = LazyLock::new(|| load(data!("JDV_J66-TypeCode-DMP.txt")));
/// JDV_J60 FormatCode-DMP.
pub static FORMAT: LazyLock<Vec<Code>> =
    LazyLock::new(|| load(data!("JDV_J60-FormatCode-DMP.txt")));
/// JDV_J61 HealthcareFacilityTypeCode-DMP (TRE_R02, TRE_A00).
pub static FACILITY: LazyLock<Vec<Code>> =
    LazyLock::new(|| load(data!("JDV_J61-HealthcareFacilityTypeCode-DMP.txt")));
/// JDV_J62 PracticeSettingCode-DMP (TRE_A01, TRE_A00).
pub static PRACTICE: LazyLock<Vec<Code>> =
    LazyLock::new(|| load(data!("JDV_J62-PracticeSettingCode-DMP.txt")));
/// JDV_J58 ConfidentialityCode-DMP.
pub static CONFIDENTIALITY: LazyLock<Vec<Code>> =
    LazyLock::new(|| load(data!("JDV_J58-ConfidentialityCode-DMP.txt")));
/// JDV_J59 ContentTypeCode-DMP.
pub static CONTENT_TYPE: LazyLock<Vec<Code>> =
    LazyLock::new(|| load(data!("JDV_J59-ContentTypeCode-DMP.txt")));
/// JDV_J01 author specialties: the committed file is a subset (it says so).
pub static SPECIALTY: LazyLock<Vec<Code>> =
    LazyLock::new(|| load(data!("JDV_J01-XdsAuthorSpecialty-CISIS.txt")));

/// A code found in a value set (code and code system), its label; or None.
pub fn lookup(set: &[Code], code: &str, system: &str) -> Option<&'static str> {
    set.iter()
        .find(|(c, s, _)| *c == code && *s == system)
        .map(|(_, _, label)| *label)
}

/// JDV_J61.
pub fn facility_ok(code: &str, system: &str) -> bool {
    lookup(&FACILITY, code, system).is_some()
}

/// JDV_J59.
pub fn content_type_ok(code: &str, system: &str) -> bool {
    lookup(&CONTENT_TYPE, code, system).is_some()
}

/// JDV_J60.
pub fn format_ok(code: &str, system: &str) -> bool {
    lookup(&FORMAT, code, system).is_some()
}

/// JDV_J01 / JDV_J56 author specialty.
pub fn specialty_ok(code: &str, system: &str) -> bool {
    lookup(&SPECIALTY, code, system).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_the_official_example_are_known() {
        assert_eq!(lookup(&CLASS, "10", SYS_CLASS), Some("Compte rendu"));
        // The official example's 27899-4 left JDV_J66 for 70004-7 (same label).
        assert_eq!(
            lookup(&TYPE, "70004-7", SYS_LOINC),
            Some("CR d'acte diagnostique (autre)")
        );
        assert!(format_ok("urn:ihe:iti:xds-sd:text:2008", SYS_FORMAT_IHE));
        assert!(format_ok("urn:asip:ci-sis:vsm:2012", SYS_FORMAT_ANS));
        assert!(facility_ok("SA01", SYS_FACILITY));
        assert!(lookup(&PRACTICE, "ETABLISSEMENT", SYS_PRACTICE).is_some());
        assert!(content_type_ok("04", SYS_CONTENT_TYPE));
        assert!(specialty_ok("G15_10/SM26", SYS_SPECIALTY));
        assert!(lookup(&TYPE, SIGNATURE_TYPE, "ASTM").is_some());
        assert!(lookup(&CLASS, SIGNATURE_CLASS, "URN").is_some());
        assert!(format_ok(SIGNATURE_FORMAT, "URN"));
    }

    #[test]
    fn codes_outside_the_published_lists_are_refused_whatever_their_form() {
        assert_eq!(lookup(&CLASS, "99", SYS_CLASS), None);
        assert_eq!(lookup(&CLASS, "10", SYS_LOINC), None);
        assert_eq!(lookup(&TYPE, "11502-2", SYS_CLASS), None);
        assert_eq!(lookup(&TYPE, "27899-4", SYS_LOINC), None);
        // Well formed but not in TRE_R02 / JDV_J61 (the list has gaps).
        assert!(!facility_ok("SA62", SYS_FACILITY));
        assert!(!facility_ok("SA99", SYS_FACILITY));
        assert!(!facility_ok("SA01", SYS_CLASS));
        assert!(facility_ok("SA69", SYS_FACILITY));
        assert!(!format_ok("urn:ihe:iti:xds-sd:pdf:2008", SYS_LOINC));
        assert!(!format_ok("urn:asip:ci-sis:2010", SYS_FORMAT_ANS));
        // Two digits, but not a JDV_J59 code of TRE_R209.
        assert!(!content_type_ok("05", SYS_CONTENT_TYPE));
        assert!(!content_type_ok("4", SYS_CONTENT_TYPE));
        assert!(!specialty_ok("G15_99", SYS_SPECIALTY));
        assert!(!specialty_ok("SM26", SYS_SPECIALTY));
    }

    /// Each data file holds the number of entries its header declares.
    #[test]
    fn every_file_holds_its_declared_count() {
        for (text, set) in [
            (data!("JDV_J57-ClassCode-DMP.txt"), &CLASS),
            (data!("JDV_J66-TypeCode-DMP.txt"), &TYPE),
            (data!("JDV_J60-FormatCode-DMP.txt"), &FORMAT),
            (
                data!("JDV_J61-HealthcareFacilityTypeCode-DMP.txt"),
                &FACILITY,
            ),
            (data!("JDV_J62-PracticeSettingCode-DMP.txt"), &PRACTICE),
            (
                data!("JDV_J58-ConfidentialityCode-DMP.txt"),
                &CONFIDENTIALITY,
            ),
            (data!("JDV_J59-ContentTypeCode-DMP.txt"), &CONTENT_TYPE),
            (data!("JDV_J01-XdsAuthorSpecialty-CISIS.txt"), &SPECIALTY),
        ] {
            let declared = text
                .lines()
                .find_map(|l| l.strip_prefix("# count: "))
                .and_then(|n| n.trim().parse::<usize>().ok());
            assert_eq!(declared, Some(set.len()));
            assert!(set
                .iter()
                .all(|(c, s, l)| !c.is_empty() && !s.is_empty() && !l.is_empty()));
        }
    }
}
