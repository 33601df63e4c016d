//! A document's XDS metadata derived from its CDA header and what the user chose (reference
//! §5.3-5.4), every problem listed rather than the first one: the value sets of
//! `model::valuesets`, the INS and its check key, the dates, the visibility combinations.

use time::OffsetDateTime;

use super::{xcn, xds_time, Author, DocumentMetadata};
use crate::dmp::cda::{Body, CdaHeader};
use crate::model::codes::{oid, Coded};
use crate::model::ins::{Ins, InsAuthority};
use crate::model::timestamp::Timestamp;
use crate::model::valuesets::{self, ValueSet};

/// What the user chose for a document (command line or manifest).
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub ins: Option<Ins>,
    pub title: Option<String>,
    pub type_code: Option<String>,
    pub masked: bool,
    pub invisible_to_patient: bool,
    pub invisible_to_legal_reps: bool,
    pub service_start: Option<String>,
    /// The document was wrapped by us: `--type` and `--title` made its header.
    pub wrapped: bool,
}

/// Values used when the CDA header has none: the profile's activity sector (facility type)
/// and practice setting.
#[derive(Debug, Clone)]
pub struct Defaults {
    pub facility_type: String,
    pub practice_setting: String,
}

/// One problem: the field at fault and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// The XDS uniqueId is at most 64 characters (ITI TF-3 §4.2.3.2.26).
pub const MAX_UNIQUE_ID: usize = 64;

/// LOINC/ASTM type code → the typeCode with its system and label.
fn in_set(set: &ValueSet, code: &str) -> Option<Coded> {
    set.get(code)
        .map(|c| Coded::new(c.code, c.code_system, Some(c.display)))
}

/// The format code of a CDA body: a PDF or a text in a level 1, else the XD-LAB content
/// model for a lab report (its IHE template), else JDV_J60's code for a structured document of
/// no listed model (the published set has no generic CI-SIS code).
pub fn format_of(h: &CdaHeader) -> Result<&'static str, String> {
    match &h.body {
        Body::NonXml { media_type } => match media_type.as_deref() {
            Some("application/pdf") => Ok("urn:ihe:iti:xds-sd:pdf:2008"),
            Some("text/plain") => Ok("urn:ihe:iti:xds-sd:text:2008"),
            Some(other) => Err(crate::tr!("xds-body-type-no-format", media_type = other)),
            None => Err(crate::tr!("xds-body-no-type-no-format")),
        },
        Body::Structured
            if h.template_ids
                .iter()
                .any(|t| t == "1.3.6.1.4.1.19376.1.3.3") =>
        {
            Ok("urn:ihe:lab:xd-lab:2008")
        }
        Body::Structured => Ok("urn:asipSante:modelesHorsProfils:2011"),
        Body::Missing => Err(crate::tr!("xds-no-body")),
    }
}

/// Derives the metadata; `hash` and `size` are those of the bytes sent.
#[allow(clippy::too_many_arguments)]
pub fn derive(
    h: &CdaHeader,
    c: &Choices,
    author: &Author,
    defaults: &Defaults,
    hash: String,
    size: u64,
    now: OffsetDateTime,
) -> Result<(DocumentMetadata, Ins), Vec<FieldProblem>> {
    let mut p: Vec<FieldProblem> = Vec::new();
    let mut problem = |field: &str, message: String| {
        p.push(FieldProblem {
            field: field.into(),
            message,
        })
    };

    // uniqueId = id@root (an OID; with an extension XDS writes root^extension).
    let unique_id = match &h.id {
        Some(id) => {
            let v = match &id.extension {
                Some(ext) => format!("{}^{ext}", id.root),
                None => id.root.clone(),
            };
            if !oid::is_well_formed(&id.root) {
                problem("id/@root", crate::tr!("xds-not-an-oid", value = &id.root));
            } else if v.len() > MAX_UNIQUE_ID {
                problem(
                    "id/@root",
                    crate::tr!(
                        "xds-unique-id-too-long",
                        value = &v,
                        max = MAX_UNIQUE_ID.to_string()
                    ),
                );
            }
            v
        }
        None => {
            problem("id", crate::tr!("xds-cda-no-id"));
            String::new()
        }
    };

    // typeCode and classCode (ASS_X16: ASS_X04 for the DMP).
    let cda_type = h.code.as_ref().map(|c| c.code.clone());
    if let (Some(t), Some(cda), false) = (&c.type_code, &cda_type, c.wrapped) {
        if t != cda {
            problem(
                "--type",
                crate::tr!("xds-type-differs", given = t, cda = cda),
            );
        }
    }
    let type_code = c.type_code.clone().or(cda_type);
    let (type_coded, class_coded) = match type_code.as_deref() {
        None => {
            problem("code", crate::tr!("xds-no-type"));
            (Coded::default(), Coded::default())
        }
        Some(t) => match in_set(valuesets::type_codes(), t) {
            None => {
                problem(
                    "code",
                    crate::tr!(
                        "xds-type-not-in-set",
                        code = t,
                        set = valuesets::type_codes().name.to_string()
                    ),
                );
                (Coded::default(), Coded::default())
            }
            Some(tc) => {
                let class = valuesets::class_of_type(t)
                    .map(|c| Coded::new(c.code, c.code_system, Some(c.display)));
                if class.is_none() {
                    problem(
                        "code",
                        crate::tr!(
                            "xds-type-no-class",
                            code = t,
                            set = valuesets::type_class_map().name.to_string()
                        ),
                    );
                }
                (tc, class.unwrap_or_default())
            }
        },
    };

    let format = match format_of(h) {
        Ok(f) => in_set(valuesets::format_codes(), f).unwrap_or_default(),
        Err(m) => {
            problem("component", m);
            Coded::default()
        }
    };

    let title = c
        .title
        .clone()
        .or_else(|| h.title.clone())
        .filter(|t| !t.trim().is_empty());
    if title.is_none() {
        problem("title", crate::tr!("xds-no-title"));
    }

    // Confidentiality: N, then the visibility the user chose.
    let mut confidentiality = Vec::new();
    let cda_conf = h
        .confidentiality
        .as_ref()
        .map(|c| c.code.as_str())
        .unwrap_or("N");
    match in_set(valuesets::confidentiality_codes(), cda_conf) {
        Some(cc) if cc.code_system == oid::HL7_CONFIDENTIALITY => confidentiality.push(cc),
        _ => problem(
            "confidentialityCode",
            crate::tr!("xds-bad-confidentiality", code = cda_conf),
        ),
    }
    for (on, code) in [
        (c.masked, "MASQUE_PS"),
        (c.invisible_to_patient, "INVISIBLE_PATIENT"),
        (c.invisible_to_legal_reps, "INVISIBLE_REPRESENTANTS_LEGAUX"),
    ] {
        if on {
            confidentiality.extend(in_set(valuesets::confidentiality_codes(), code));
        }
    }
    // EX_2.1-1050: not both invisible to the patient and masked to professionals while the
    // DMP's `cumul-invisible_patient-masque_ps` is false (reference §7.4 C9).
    if c.masked && c.invisible_to_patient {
        problem("--masked", crate::tr!("xds-masked-and-invisible"));
    }

    let facility_code = h
        .facility
        .as_ref()
        .map(|c| c.code.clone())
        .unwrap_or_else(|| defaults.facility_type.clone());
    let facility = in_set(valuesets::facility_types(), &facility_code).unwrap_or_else(|| {
        problem(
            "healthCareFacility/code",
            crate::tr!(
                "xds-code-not-in-set",
                code = &facility_code,
                set = valuesets::facility_types().name.to_string()
            ),
        );
        Coded::default()
    });
    let setting_code = h
        .practice_setting
        .as_ref()
        .map(|c| c.code.clone())
        .unwrap_or_else(|| defaults.practice_setting.clone());
    let practice_setting =
        in_set(valuesets::practice_settings(), &setting_code).unwrap_or_else(|| {
            problem(
                "standardIndustryClassCode",
                crate::tr!(
                    "xds-code-not-in-set",
                    code = &setting_code,
                    set = valuesets::practice_settings().name.to_string()
                ),
            );
            Coded::default()
        });
    // The specialty is the card's (CPS_INFO_PS), issued by the ANS; the committed JDV_J01 is
    // a transcribed subset, so only a profession-only code outside it (which dmp makes itself
    // from the profession) is a problem: a `G15_xx/…` code is sent as the card says.
    if let Some(s) = &author.specialty {
        if !s.code.contains('/') && !valuesets::author_specialties().contains(&s.code) {
            problem(
                "authorSpecialty",
                crate::tr!(
                    "xds-code-not-in-set",
                    code = &s.code,
                    set = valuesets::author_specialties().name.to_string()
                ),
            );
        }
    }

    // The patient: the INS of the CDA and the one given must agree.
    let mut cda_ins = None;
    for id in &h.patient_ids {
        if let Some(auth) = InsAuthority::from_oid(&id.root) {
            match Ins::new(id.extension.as_deref().unwrap_or(""), auth) {
                Ok(i) => cda_ins = Some(i),
                Err(e) => problem("recordTarget/patientRole/id", e.message().to_string()),
            }
        }
    }
    let ins = match (&c.ins, cda_ins) {
        (Some(given), Some(cda)) if given != &cda => {
            problem(
                "--ins",
                crate::tr!(
                    "xds-ins-differs",
                    given = given.number().to_string(),
                    cda = cda.number().to_string(),
                    oid = cda.oid().to_string()
                ),
            );
            None
        }
        (Some(given), _) => Some(given.clone()),
        (None, Some(cda)) => Some(cda),
        (None, None) => {
            problem("recordTarget/patientRole/id", crate::tr!("xds-no-ins"));
            None
        }
    };

    // Dates.
    let creation = match h.effective_time.as_deref() {
        None => {
            problem("effectiveTime", crate::tr!("xds-no-effective-time"));
            String::new()
        }
        Some(t) => check_time("effectiveTime", t, now, &mut problem),
    };
    if let (Some(given), Some(cda), false) = (&c.service_start, &h.service_start, c.wrapped) {
        if given != cda {
            problem(
                "--service-start",
                crate::tr!("xds-service-start-differs", given = given, cda = cda),
            );
        }
    }
    let start_src = c.service_start.clone().or_else(|| h.service_start.clone());
    let start_field = if c.service_start.is_some() {
        "--service-start"
    } else {
        "serviceEvent/effectiveTime/low"
    };
    let service_start = match start_src.as_deref() {
        None => {
            problem(start_field, crate::tr!("xds-no-service-start"));
            String::new()
        }
        Some(t) => check_time(start_field, t, now, &mut problem),
    };
    let service_stop = h
        .service_stop
        .as_deref()
        .map(|t| check_time("serviceEvent/effectiveTime/high", t, now, &mut problem));
    if let (Some(a), Some(b)) = (
        start_src.as_deref().and_then(Timestamp::parse_hl7),
        h.service_stop.as_deref().and_then(Timestamp::parse_hl7),
    ) {
        if rfc_cmp(&b, &a) {
            problem(
                "serviceEvent/effectiveTime/high",
                crate::tr!("xds-service-ends-before-start"),
            );
        }
    }

    let legal_authenticator = h.legal_authenticator.as_ref().and_then(|l| {
        let id = l.id.as_ref()?;
        (id.root == oid::IDNAT_PS).then(|| {
            xcn(
                id.extension.as_deref().unwrap_or(""),
                l.family.as_deref().unwrap_or(""),
                l.given.as_deref().unwrap_or(""),
            )
        })
    });
    let mut info = Vec::new();
    if let Some(f) = &h.patient_family {
        info.push(format!(
            "PID-5|{}^{}^^^^^L",
            f,
            h.patient_given.as_deref().unwrap_or("")
        ));
    }
    if let Some(b) = &h.patient_birth {
        info.push(format!("PID-7|{b}"));
    }
    if let Some(g) = h
        .patient_gender
        .as_deref()
        .filter(|g| matches!(*g, "F" | "M" | "U"))
    {
        info.push(format!("PID-8|{g}"));
    }

    if !p.is_empty() {
        return Err(p);
    }
    let ins = ins.expect("no problem means an INS");
    let cx = ins.to_cx();
    Ok((
        DocumentMetadata {
            unique_id,
            title: title.unwrap_or_default(),
            class_code: class_coded,
            type_code: type_coded,
            format_code: format,
            confidentiality,
            facility_type: facility,
            practice_setting,
            author: author.clone(),
            legal_authenticator,
            patient_id: cx.clone(),
            source_patient_id: cx,
            source_patient_info: info,
            creation_time: creation,
            service_start,
            service_stop,
            language: h.language.clone().unwrap_or_else(|| "fr-FR".into()),
            mime_type: "text/xml".into(),
            hash,
            size,
        },
        ins,
    ))
}

/// `b` later than `a` (for a stop and a start: the stop comes first), compared on their RFC
/// 3339 forms cut to the same precision (lexical order).
fn rfc_cmp(a: &Timestamp, b: &Timestamp) -> bool {
    let (a, b) = (a.rfc3339(), b.rfc3339());
    let n = a.len().min(b.len());
    b[..n] > a[..n]
}

fn check_time(
    field: &str,
    t: &str,
    now: OffsetDateTime,
    problem: &mut impl FnMut(&str, String),
) -> String {
    match (Timestamp::parse_hl7(t), xds_time(t)) {
        (Some(ts), Some(x)) => {
            let later = match ts {
                Timestamp::DateTime(d) => d > now + time::Duration::minutes(5),
                Timestamp::Date(d) => d > now.date(),
                _ => false,
            };
            if later {
                problem(field, crate::tr!("xds-time-in-future", time = t));
            }
            x
        }
        _ => {
            problem(field, crate::tr!("xds-not-hl7-time", value = t));
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dmp::cda::{CdaCode, CdaId};

    fn header() -> CdaHeader {
        CdaHeader {
            id: Some(CdaId {
                root: "1.2.250.1.999.1.3.1".into(),
                extension: None,
            }),
            code: Some(CdaCode {
                code: "11502-2".into(),
                code_system: "2.16.840.1.113883.6.1".into(),
                display: None,
            }),
            title: Some("Bilan".into()),
            effective_time: Some("20240102101500+0100".into()),
            patient_ids: vec![CdaId {
                root: "1.2.250.1.213.1.4.10".into(),
                extension: Some("280057505600117".into()),
            }],
            service_start: Some("20240101".into()),
            body: Body::Structured,
            ..CdaHeader::default()
        }
    }

    fn run(h: &CdaHeader, c: &Choices) -> Result<(DocumentMetadata, Ins), Vec<FieldProblem>> {
        derive(
            h,
            c,
            &Author::default(),
            &Defaults {
                facility_type: "SA07".into(),
                practice_setting: "AMBULATOIRE".into(),
            },
            "00".into(),
            1,
            OffsetDateTime::now_utc(),
        )
    }

    fn fields(r: Result<(DocumentMetadata, Ins), Vec<FieldProblem>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_good_header_gives_the_metadata_in_utc_with_n_first() {
        let (m, ins) = run(&header(), &Choices::default()).unwrap();
        assert_eq!(ins.number(), "280057505600117");
        assert_eq!(m.creation_time, "20240102091500");
        assert_eq!(m.service_start, "20240101");
        assert_eq!(m.class_code.code, "10");
        assert_eq!(m.format_code.code, "urn:asipSante:modelesHorsProfils:2011");
        assert_eq!(m.confidentiality[0].code, "N");
        assert_eq!(
            m.patient_id,
            "280057505600117^^^&1.2.250.1.213.1.4.10&ISO^NH"
        );
    }

    #[test]
    fn each_problem_is_reported_with_its_field_all_at_once() {
        let mut h = header();
        h.code.as_mut().unwrap().code = "00000-0".into();
        h.effective_time = Some("2024-01-02".into());
        h.service_stop = Some("20231231".into());
        h.facility = Some(CdaCode {
            code: "SA99".into(),
            ..CdaCode::default()
        });
        let other = Ins::new("175016912300248", InsAuthority::TestNir).unwrap();
        let f = fields(run(
            &h,
            &Choices {
                ins: Some(other),
                service_start: Some("20240105".into()),
                masked: true,
                invisible_to_patient: true,
                ..Choices::default()
            },
        ));
        for want in [
            "code",
            "effectiveTime",
            "serviceEvent/effectiveTime/high",
            "healthCareFacility/code",
            "--ins",
            "--masked",
            "--service-start",
        ] {
            assert!(f.iter().any(|x| x == want), "{want} missing from {f:?}");
        }
    }

    #[test]
    fn masked_and_invisible_to_legal_representatives_may_go_together() {
        let (m, _) = run(
            &header(),
            &Choices {
                masked: true,
                invisible_to_legal_reps: true,
                ..Choices::default()
            },
        )
        .unwrap();
        let codes: Vec<&str> = m.confidentiality.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["N", "MASQUE_PS", "INVISIBLE_REPRESENTANTS_LEGAUX"]);
    }
}
