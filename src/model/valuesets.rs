//! The value sets of a document's XDS metadata (class, type, format, facility, practice
//! setting, author specialty, confidentiality, content type) and the ASS_X16 type→class
//! correspondence (ASS_X04 restricted to the DMP), from the ANS terminologies committed in
//! `data/terminologies/` (each file says its URL, version and source). A code outside them is
//! refused before anything is sent.

use std::sync::OnceLock;

/// One code of a value set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub code: &'static str,
    pub display: &'static str,
    pub code_system: &'static str,
}

/// The `# key: value` header of a data file: where the resource comes from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    /// The canonical URL of the published resource.
    pub url: Option<&'static str>,
    pub oid: Option<&'static str>,
    /// The resource's version (`20240927120000`), or a sentence when it is a transcription.
    pub version: Option<&'static str>,
    pub date: Option<&'static str>,
    /// Repository, path and commit the data was taken from.
    pub source: Option<&'static str>,
    /// How many entries the file declares it holds.
    pub count: Option<usize>,
}

impl Header {
    fn parse(text: &'static str) -> Header {
        let mut h = Header::default();
        for l in text.lines() {
            let Some((k, v)) = l.strip_prefix("# ").and_then(|l| l.split_once(": ")) else {
                continue;
            };
            let v = v.trim();
            match k {
                "url" => h.url = Some(v),
                "oid" => h.oid = Some(v),
                "version" => h.version = Some(v),
                "date" => h.date = Some(v),
                "source" => h.source = Some(v),
                "count" => h.count = v.parse().ok(),
                _ => {}
            }
        }
        h
    }
}

/// A value set parsed from its data file.
#[derive(Debug)]
pub struct ValueSet {
    pub name: &'static str,
    header: Header,
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
        ValueSet {
            name,
            header: Header::parse(text),
            concepts,
        }
    }
    /// The first concept of that code (a code can recur in another code system: use
    /// [`ValueSet::get_in`] where the system is known).
    pub fn get(&self, code: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.code == code)
    }
    /// The concept of that code in that code system.
    pub fn get_in(&self, code: &str, code_system: &str) -> Option<&Concept> {
        self.concepts
            .iter()
            .find(|c| c.code == code && c.code_system == code_system)
    }
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }
    /// Where the data comes from (URL, version, source), as its file says.
    pub fn header(&self) -> &Header {
        &self.header
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

/// ASS_X16 (ASS_X04 restricted to the DMP's codes): typeCode → classCode.
pub struct TypeClassMap {
    pub name: &'static str,
    header: Header,
    pairs: Vec<(&'static str, &'static str)>,
}

impl TypeClassMap {
    pub fn header(&self) -> &Header {
        &self.header
    }
    /// (typeCode, classCode), in the file's order.
    pub fn pairs(&self) -> &[(&'static str, &'static str)] {
        &self.pairs
    }
}

/// The ASS_X16 correspondence (`data/terminologies/ASS_X16-CorrespondanceType-Classe-DMP.txt`).
pub fn type_class_map() -> &'static TypeClassMap {
    static MAP: OnceLock<TypeClassMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let text = include_str!(concat!(
            "../../data/terminologies/",
            "ASS_X16-CorrespondanceType-Classe-DMP.txt"
        ));
        TypeClassMap {
            name: "ASS_X16-CorrespondanceType-Classe-DMP",
            header: Header::parse(text),
            pairs: data_lines(text)
                .filter_map(|l| {
                    let mut f = l.split('|');
                    Some((f.next()?.trim(), f.next()?.trim()))
                })
                .collect(),
        }
    })
}

/// ASS_X16: the classCode of a typeCode.
pub fn class_of_type(type_code: &str) -> Option<&'static Concept> {
    let class = type_class_map()
        .pairs()
        .iter()
        .find(|(t, _)| *t == type_code)?
        .1;
    class_codes().get(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> [&'static ValueSet; 8] {
        [
            class_codes(),
            type_codes(),
            format_codes(),
            facility_types(),
            practice_settings(),
            author_specialties(),
            confidentiality_codes(),
            content_types(),
        ]
    }

    #[test]
    fn every_set_loads_with_a_system_and_a_label_per_code_each_once() {
        for set in all() {
            assert!(!set.concepts().is_empty(), "{}", set.name);
            let mut seen = std::collections::HashSet::new();
            for c in set.concepts() {
                assert!(
                    !c.code.is_empty() && !c.display.is_empty() && !c.code_system.is_empty(),
                    "{}: {c:?}",
                    set.name
                );
                assert!(
                    seen.insert((c.code, c.code_system)),
                    "{}: {} twice",
                    set.name,
                    c.code
                );
            }
        }
    }

    /// Each file holds the number of entries its header declares, and the version read from
    /// the published resource (expected values: the ANS's ValueSet/ConceptMap `version`).
    #[test]
    fn each_set_matches_its_declared_count_and_published_version() {
        let expected = [
            (class_codes(), "20230922120000", 12),
            (type_codes(), "20240927120000", 108),
            (format_codes(), "20240927120000", 62),
            (facility_types(), "20240927120000", 68),
            (practice_settings(), "20230922120000", 11),
            (confidentiality_codes(), "20200424120000", 6),
            (content_types(), "20240927120000", 100),
        ];
        for (set, version, count) in expected {
            let h = set.header();
            assert_eq!(h.version, Some(version), "{}", set.name);
            assert_eq!(h.count, Some(set.concepts().len()), "{}", set.name);
            assert_eq!(set.concepts().len(), count, "{}", set.name);
            let url = h.url.unwrap_or_default();
            assert!(
                url.starts_with("https://mos.esante.gouv.fr/NOS/") && url.contains(set.name),
                "{}: {url}",
                set.name
            );
            assert!(h.source.is_some_and(|s| s.contains(" @ ")), "{}", set.name);
        }
        // The one set still transcribed says so rather than claiming a version.
        let j01 = author_specialties().header();
        assert!(j01.version.is_some_and(|v| v.contains("SUBSET")));
        assert_eq!(j01.count, Some(author_specialties().concepts().len()));
        let x16 = type_class_map().header();
        assert_eq!(x16.version, Some("20240223120000"));
        assert_eq!(x16.count, Some(type_class_map().pairs().len()));
        assert_eq!(type_class_map().pairs().len(), 103);
    }

    #[test]
    fn x16_maps_j66_types_to_j57_classes() {
        let map = type_class_map();
        for (t, c) in map.pairs() {
            assert!(class_codes().contains(c), "{t} -> {c}: not in J57");
            // 11526-1 left J66 after this version of the map.
            assert!(
                type_codes().contains(t) || *t == "11526-1",
                "{t}: not in J66"
            );
        }
        let mut classless: Vec<_> = type_codes()
            .concepts()
            .iter()
            .filter(|t| class_of_type(t.code).is_none())
            .map(|t| t.code)
            .collect();
        classless.sort_unstable();
        assert_eq!(
            classless,
            ["101881-1", "28617-9", "34120-6", "60280-5", "78341-5", "89233-1"]
        );
        assert_eq!(class_of_type("11502-2").map(|c| c.code), Some("10"));
        assert_eq!(class_of_type("18748-4").map(|c| c.code), Some("31"));
        assert_eq!(class_of_type("REMB").map(|c| c.code), Some("60"));
        assert_eq!(
            class_of_type("E1762").map(|c| c.code),
            Some("urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1")
        );
        assert_eq!(class_of_type("00000-0"), None);
    }

    #[test]
    fn a_code_is_found_in_its_own_code_system() {
        // 11 is both a TRE_R276 and a TRE_R209 code of J59.
        let j59 = content_types();
        assert_eq!(
            j59.get_in("11", "1.2.250.1.213.1.6.1.128")
                .map(|c| c.display),
            Some("Centre postcure")
        );
        assert!(j59
            .get_in("11", "1.2.250.1.213.2.2")
            .is_some_and(|c| c.display.starts_with("Hébergement complet")));
        assert_eq!(j59.get_in("11", "2.16.840.1.113883.6.1"), None);
        assert_eq!(
            type_codes().get("70004-7").map(|c| c.display),
            Some("CR d'acte diagnostique (autre)")
        );
        // Superseded by 70004-7: not in the published J66.
        assert!(!type_codes().contains("27899-4"));
    }

    #[test]
    fn the_class_codes_the_listing_shows_are_j57() {
        for (code, label) in crate::model::codes::CLASS_CODES {
            assert_eq!(class_codes().get(code).map(|c| c.display), Some(*label));
        }
    }
}
