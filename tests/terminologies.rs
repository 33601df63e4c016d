//! Conformance of the committed value sets (`data/terminologies/`) with the official TD2.1
//! example request: every coded metadata value of the example (class, type, format, facility,
//! practice setting, confidentiality, content type, author specialty) is looked up in the set
//! of its metadata, on its code and its code system. The example is read from
//! `DMP_REFERENCE_DIR` (the project does not hold it); the test is ignored without it, and one
//! run without it fails rather than passing.

use std::path::PathBuf;

use dmp::model::valuesets::{self, ValueSet};
use quick_xml::events::Event;
use quick_xml::Reader;

fn official_td21() -> String {
    let base = std::env::var_os("DMP_REFERENCE_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
                "conformance test without the reference material: set DMP_REFERENCE_DIR to the \
                 directory holding dmp-official/ (scripts/test.sh then runs these tests)"
            )
        });
    let p = base.join("dmp-official/requests/TD2.1-provide-and-register.request.mime");
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A coded value of the example: its classification scheme (or slot), code, code system.
#[derive(Debug)]
struct Coded {
    scheme: String,
    code: String,
    system: String,
}

/// The classifications of the SOAP part (with their `codingScheme` slot) and the
/// `authorSpecialty` slot values (`code^label^system`).
fn coded_values(mime: &str) -> Vec<Coded> {
    let start = mime.find("<soap:Envelope").expect("SOAP part");
    let end = mime.find("</soap:Envelope>").expect("end of SOAP part") + "</soap:Envelope>".len();
    let mut r = Reader::from_str(&mime[start..end]);
    let mut out = Vec::new();
    let mut current: Option<Coded> = None;
    let mut slot = String::new();
    let mut in_value = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("attribute");
                        let v = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("attribute value");
                        (a.key.local_name().as_ref().to_owned(), v.into_owned())
                    })
                    .collect();
                let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
                let name = e.local_name().as_ref().to_owned();
                match name.as_str() {
                    "Classification" => {
                        if let (Some(scheme), Some(code)) =
                            (attr("classificationScheme"), attr("nodeRepresentation"))
                        {
                            current = Some(Coded {
                                scheme,
                                code,
                                system: String::new(),
                            });
                        }
                    }
                    "Slot" => slot = attr("name").unwrap_or_default(),
                    "Value" => in_value = true,
                    _ => {}
                }
            }
            Event::Text(t) if in_value => {
                let v = t.xml10_content().into_owned();
                if slot == "codingScheme" {
                    if let Some(c) = current.as_mut() {
                        c.system = v;
                    }
                } else if slot == "authorSpecialty" {
                    let f: Vec<&str> = v.split('^').collect();
                    out.push(Coded {
                        scheme: "authorSpecialty".into(),
                        code: f[0].into(),
                        system: f.get(2).copied().unwrap_or_default().into(),
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "Value" => in_value = false,
                "Classification" => out.extend(current.take()),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// The value set of a classification scheme (ITI TF-3 §4.2.5) or slot.
fn set_of(scheme: &str) -> Option<&'static ValueSet> {
    Some(match scheme {
        "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a" => valuesets::class_codes(),
        "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983" => valuesets::type_codes(),
        "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d" => valuesets::format_codes(),
        "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1" => valuesets::facility_types(),
        "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead" => valuesets::practice_settings(),
        "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f" => valuesets::confidentiality_codes(),
        "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500" => valuesets::content_types(),
        "authorSpecialty" => valuesets::author_specialties(),
        _ => return None,
    })
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn the_official_td21_codes_are_in_the_committed_value_sets() {
    let values = coded_values(&official_td21());
    let mut checked = std::collections::BTreeSet::new();
    for v in &values {
        let Some(set) = set_of(&v.scheme) else {
            continue;
        };
        checked.insert(set.name);
        if v.code == "27899-4" {
            // The example predates JDV_J66 20240927, where 70004-7 (same label, same system)
            // replaced it: the client sends 70004-7.
            assert!(!set.contains("27899-4"));
            let now = set.get_in("70004-7", &v.system).expect("70004-7 in J66");
            assert_eq!(now.display, "CR d'acte diagnostique (autre)");
            continue;
        }
        assert!(
            set.get_in(&v.code, &v.system).is_some(),
            "{} ({}) of the official example is not in {}",
            v.code,
            v.system,
            set.name
        );
    }
    // Every set the example uses was checked, and the spot checks hold.
    assert_eq!(checked.len(), 8, "{checked:?}");
    let j59 = valuesets::content_types().get_in("04", "1.2.250.1.213.2.2");
    assert_eq!(j59.map(|c| c.display), Some("Hospitalisation de jour"));
    let j61 = valuesets::facility_types().get_in("SA01", "1.2.250.1.71.4.2.4");
    assert_eq!(
        j61.map(|c| c.display),
        Some("Etablissement public de santé")
    );
    let j57 = valuesets::class_codes().get_in("10", "1.2.250.1.213.1.1.4.1");
    assert_eq!(j57.map(|c| c.display), Some("Compte rendu"));
}
