//! The value sets of a document's XDS metadata (class, type, format, facility, practice
//! setting, author specialty, confidentiality, content type) and the ASS_X04 type→class
//! correspondence, from the ANS terminologies committed in `data/terminologies/` (each file
//! says its version and source). A code outside them is refused before anything is sent.

use std::sync::OnceLock;

/// One code of a value set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub code: &'static str,
    pub display: &'static str,
    pub code_system: &'static str,
}

/// A value set parsed from its data file.
#[derive(Debug)]
pub struct ValueSet {
    pub name: &'static str,
    concepts: Vec<Concept>,
}

impl ValueSet {
    fn parse(name: &'static str, text: &'static str) -> ValueSet {
        let concepts = data_lines(text)
            .map(|l| {
                let mut f = l.splitn(3, '|');
                let (code, display, system) = (f.next(), f.next(), f.next());
                Concept {
                    code: code.unwrap_or_default().trim(),
                    display: display.unwrap_or_default().trim(),
                    code_system: system.unwrap_or_default().trim(),
                }
            })
            .collect();
        ValueSet { name, concepts }
    }
    pub fn get(&self, code: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.code == code)
    }
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

macro_rules! value_set {
    ($fn:ident, $name:literal, $file:literal) => {
        #[doc = concat!("`", $name, "` (`data/terminologies/", $file, "`).")]
        pub fn $fn() -> &'static ValueSet {
            static SET: OnceLock<ValueSet> = OnceLock::new();
            SET.get_or_init(|| {
                ValueSet::parse(
                    $name,
                    include_str!(concat!("../../data/terminologies/", $file)),
                )
            })
        }
    };
}

value_set!(
    class_codes,
    "JDV_J57-ClassCode-DMP",
    "JDV_J57-ClassCode-DMP.txt"
);
value_set!(
    type_codes,
    "JDV_J66-TypeCode-DMP",
    "JDV_J66-TypeCode-DMP.txt"
);
value_set!(
    format_codes,
    "JDV_J60-FormatCode-DMP",
    "JDV_J60-FormatCode-DMP.txt"
);
value_set!(
    facility_types,
    "JDV_J61-HealthcareFacilityTypeCode-DMP",
    "JDV_J61-HealthcareFacilityTypeCode-DMP.txt"
);
value_set!(
    practice_settings,
    "JDV_J62-PracticeSettingCode-DMP",
    "JDV_J62-PracticeSettingCode-DMP.txt"
);
value_set!(
    author_specialties,
    "JDV_J01-XdsAuthorSpecialty-CISIS",
    "JDV_J01-XdsAuthorSpecialty-CISIS.txt"
);
value_set!(
    confidentiality_codes,
    "JDV_J58-ConfidentialityCode-DMP",
    "JDV_J58-ConfidentialityCode-DMP.txt"
);
value_set!(
    content_types,
    "JDV_J59-ContentTypeCode-DMP",
    "JDV_J59-ContentTypeCode-DMP.txt"
);

/// ASS_X04: the classCode of a typeCode.
pub fn class_of_type(type_code: &str) -> Option<&'static Concept> {
    static MAP: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        data_lines(include_str!(
            "../../data/terminologies/ASS_X04-CorrespondanceType-Classe.txt"
        ))
        .filter_map(|l| {
            let mut f = l.split('|');
            Some((f.next()?.trim(), f.next()?.trim()))
        })
        .collect()
    });
    let class = map.iter().find(|(t, _)| *t == type_code)?.1;
    class_codes().get(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_loads_with_a_system_and_a_label_per_code() {
        for set in [
            class_codes(),
            type_codes(),
            format_codes(),
            facility_types(),
            practice_settings(),
            author_specialties(),
            confidentiality_codes(),
            content_types(),
        ] {
            assert!(!set.concepts().is_empty(), "{}", set.name);
            for c in set.concepts() {
                assert!(
                    !c.code.is_empty() && !c.display.is_empty() && !c.code_system.is_empty(),
                    "{}: {c:?}",
                    set.name
                );
            }
        }
    }

    #[test]
    fn every_type_has_a_class_and_every_class_is_in_j57() {
        for t in type_codes().concepts() {
            assert!(
                class_of_type(t.code).is_some(),
                "typeCode {} has no class",
                t.code
            );
        }
        // The official TD2.1 request: 27899-4 → 10.
        assert_eq!(class_of_type("27899-4").map(|c| c.code), Some("10"));
        assert_eq!(class_of_type("00000-0"), None);
    }

    #[test]
    fn the_class_codes_the_listing_shows_are_j57() {
        for (code, label) in crate::model::codes::CLASS_CODES {
            assert_eq!(class_codes().get(code).map(|c| c.display), Some(*label));
        }
    }
}
