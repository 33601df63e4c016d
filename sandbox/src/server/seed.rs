//! Deterministic seed data. `sandbox/SEED.md` documents every patient; keep both in step.

use base64::Engine;
use rusqlite::{params, Connection};
use sha1::{Digest, Sha1};

use super::store::{self, Association, AuthorizationRow, Document, SubmissionSet};

/// Patients for the completeness of lists (partial answers), seeded after the others.
pub mod lists;

pub const SEED_VERSION: &str = "4";

/// The default card holder of the virtual card.
pub const DOCTOR_ID: &str = "899700000017";
/// The second doctor (blocked by patient DENIS, author of most documents).
pub const DOCTOR2_ID: &str = "899700000021";
/// A nurse of the sandbox structure.
pub const NURSE_ID: &str = "899700000039";
/// Structure of the indirect-mode certificate.
pub const STRUCTURE_ID: &str = "1999000017";
pub const STRUCTURE_NAME: &str = "CLINIQUE SANDBOX DMP";
/// Cabinet of the default card holder.
pub const DOCTOR_STRUCTURE_ID: &str = "499700000017001";
/// A group practice where the default card holder also works (a card with two activities).
pub const DOCTOR_GROUP_STRUCTURE_ID: &str = "499700000017002";

/// The structures a card holder may name as `Identifiant_Structure` in direct mode, as the
/// real DMP knows a practitioner's activities from the directories: every holder's own
/// cabinet, `4` + the RPPS part of the national id + `001` (what the virtual card carries by
/// default), and the group practice of the default holder.
pub fn linked_structures(national_id: &str) -> Vec<String> {
    let mut linked = vec![format!("4{}001", national_id.get(1..).unwrap_or_default())];
    if national_id == DOCTOR_ID {
        linked.push(DOCTOR_GROUP_STRUCTURE_ID.into());
    }
    linked
}

/// Whether the sandbox knows a structure at all (else "Structure introuvable ou Inactive").
pub fn known_structure(structure_id: &str) -> bool {
    structure_id == STRUCTURE_ID
        || [DOCTOR_ID, DOCTOR2_ID, NURSE_ID]
            .iter()
            .any(|id| linked_structures(id).iter().any(|s| s == structure_id))
}

/// Seeded patients: INS (test NIR, OID 1.2.250.1.213.1.4.10) and what each one demonstrates.
pub mod patients {
    pub const MT: &str = "280057505600117";
    pub const AUTHORIZED: &str = "175016912300248";
    pub const EXPIRED: &str = "292031305500332";
    pub const BLOCKS_DOCTOR2: &str = "168113306300423";
    pub const BLOCKS_DOCTOR: &str = "255079205000521";
    pub const OPPOSED_EMERGENCY: &str = "188043417200694";
    pub const CLOSED: &str = "245065935000747";
    pub const NO_DMP: &str = "199027815000860";
    pub const EMERGENCY_ONLY: &str = "201100608800913";
}

pub const REPOSITORY_ID: &str = "1.2.250.1.213.4.1.1.1.2";
const UID_ROOT: &str = "1.2.250.1.999.9.1";
const SOURCE_ID: &str = "1.2.250.1.999.9.0";

pub const APPROVED: &str = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
pub const DEPRECATED: &str = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
pub const ARCHIVED: &str = "urn:asip:ci-sis:2010:StatusType:Archived";
pub const DELETED: &str = "urn:asip:ci-sis:2010:StatusType:Deleted";

pub const HAS_MEMBER: &str = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
pub const RPLC: &str = "urn:ihe:iti:2007:AssociationType:RPLC";

struct Author {
    id: &'static str,
    given: &'static str,
    family: &'static str,
    role: &'static str,
    specialty: &'static str,
    specialty_display: &'static str,
    structure_id: &'static str,
    structure_name: &'static str,
}

const DOCTOR: Author = Author {
    id: DOCTOR_ID,
    given: "CAMILLE",
    family: "TESTDOC0000001",
    role: "10",
    specialty: "G15_10/SM26",
    specialty_display: "Médecin - Qualifié en Médecine Générale (SM)",
    structure_id: DOCTOR_STRUCTURE_ID,
    structure_name: "CABINET TESTDOC0000001",
};
const DOCTOR2: Author = Author {
    id: DOCTOR2_ID,
    given: "DOMINIQUE",
    family: "TESTDOC0000002",
    role: "10",
    specialty: "G15_10/SM26",
    specialty_display: "Médecin - Qualifié en Médecine Générale (SM)",
    structure_id: "499700000021001",
    structure_name: "CABINET TESTDOC0000002",
};
const NURSE: Author = Author {
    id: NURSE_ID,
    given: "EMILIE",
    family: "TESTINF0000003",
    role: "60",
    specialty: "G15_60",
    specialty_display: "Infirmier",
    structure_id: STRUCTURE_ID,
    structure_name: STRUCTURE_NAME,
};

/// A deterministic entryUUID.
pub fn uuid(kind: u32, patient: usize, n: usize) -> String {
    format!("urn:uuid:5a4d0b00-{kind:04x}-4000-8000-{patient:06}{n:06}")
}

struct DocSpec {
    n: usize,
    title: &'static str,
    class: (&'static str, &'static str),
    type_: (&'static str, &'static str),
    pdf: bool,
    raw_pdf: bool,
    author: &'static Author,
    confidentiality: &'static str,
    status: &'static str,
    date: &'static str,
    /// The seed number of the document this one replaces (RPLC).
    replaces: Option<usize>,
}

const fn spec(
    n: usize,
    title: &'static str,
    class: (&'static str, &'static str),
    type_: (&'static str, &'static str),
    author: &'static Author,
    date: &'static str,
) -> DocSpec {
    DocSpec {
        n,
        title,
        class,
        type_,
        pdf: false,
        raw_pdf: false,
        author,
        confidentiality: "N",
        status: APPROVED,
        date,
        replaces: None,
    }
}

const CR: (&str, &str) = ("10", "Compte rendu");
const SYNTHESE: (&str, &str) = ("11", "Synthèse");
const PRESCRIPTION: (&str, &str) = ("42", "Prescription");
const PATIENT_DOC: (&str, &str) = ("90", "Autres documents déposés par le patient");
const BIO: (&str, &str) = ("11502-2", "CR d'examens biologiques");
const IMG: (&str, &str) = ("18748-4", "CR d'imagerie médicale");
const VSM: (&str, &str) = ("SYNTH", "Synthèse médicale");
const ORD: (&str, &str) = ("57833-6", "Prescription de médicaments");
const HOSPI: (&str, &str) = ("34112-3", "CR d'hospitalisation");
const PATIENT_TYPE: (&str, &str) = ("DOCPAT01", "Document déposé par le patient");

struct PatientSpec {
    ins: &'static str,
    given: &'static str,
    family: &'static str,
    birth: &'static str,
    gender: &'static str,
    state: &'static str,
    opposes_bdg: bool,
    opposes_c15: bool,
    masked_in_emergency: bool,
    demonstrates: &'static str,
}

const PATIENTS: [PatientSpec; 9] = [
    PatientSpec {
        ins: patients::MT,
        given: "ALICE",
        family: "TESTPATIENT-MT",
        birth: "19800515",
        gender: "F",
        state: "active",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "899700000017 is attending physician (médecin traitant DMP, VALIDE + MEDECIN_TRAITANT); the structure 1999000017 is authorized; masked, patient-invisible, archived, replaced (RPLC, Deprecated) and PDF documents",
    },
    PatientSpec {
        ins: patients::AUTHORIZED,
        given: "BERNARD",
        family: "TESTPATIENT-AUTORISE",
        birth: "19750101",
        gender: "M",
        state: "active",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "899700000017 authorized (VALIDE), not attending physician: a document masked by another author is hidden, their own masked document is visible, a patient-invisible document is visible, a raw PDF deposited by the patient",
    },
    PatientSpec {
        ins: patients::EXPIRED,
        given: "CLAIRE",
        family: "TESTPATIENT-EXPIRE",
        birth: "19920315",
        gender: "F",
        state: "active",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "899700000017's authorization has expired (EXPIRE): consultation refused until TD0.3 AJOUT",
    },
    PatientSpec {
        ins: patients::BLOCKS_DOCTOR2,
        given: "DENIS",
        family: "TESTPATIENT-BLOQUE",
        birth: "19681130",
        gender: "M",
        state: "active",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "the patient blocked 899700000021 (INTERDIT); 899700000017 is authorized: TD1.6 lists one ACTIVE and one INTERDITE",
    },
    PatientSpec {
        ins: patients::BLOCKS_DOCTOR,
        given: "ELISE",
        family: "TESTPATIENT-INTERDIT",
        birth: "19550720",
        gender: "F",
        state: "active",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "the patient blocked the default card holder 899700000017 (INTERDIT): every access refused, even in emergency",
    },
    PatientSpec {
        ins: patients::OPPOSED_EMERGENCY,
        given: "FRANCK",
        family: "TESTPATIENT-OPPOSITION",
        birth: "19880404",
        gender: "M",
        state: "active",
        opposes_bdg: true,
        opposes_c15: true,
        masked_in_emergency: false,
        demonstrates: "no authorization; the patient opposed break-the-glass (OPPOSITION_BRIS_DE_GLACE) and regulation access (OPPOSITION_ACCES_URGENCE): bris_de_glace and centre_15 refused",
    },
    PatientSpec {
        ins: patients::CLOSED,
        given: "GISELE",
        family: "TESTPATIENT-FERME",
        birth: "19450612",
        gender: "F",
        state: "closed",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "closed DMP (statusCode terminated, FERMETURE_DEMANDE_PATIENT on 2025-06-30); every transaction but TD0.2 refused",
    },
    PatientSpec {
        ins: patients::NO_DMP,
        given: "HUGO",
        family: "TESTPATIENT-SANSDMP",
        birth: "19990215",
        gender: "M",
        state: "none",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "valid INS but no DMP: TD0.2 answers NF with AUTORISATION NON_EXISTE and no patient",
    },
    PatientSpec {
        ins: patients::EMERGENCY_ONLY,
        given: "INES",
        family: "TESTPATIENT-URGENCE",
        birth: "20011006",
        gender: "F",
        state: "active",
        opposes_bdg: false,
        opposes_c15: false,
        masked_in_emergency: true,
        demonstrates: "no authorization (NON_EXISTE): normal access refused, bris_de_glace and centre_15 allowed; the patient allowed masked documents in emergency",
    },
];

/// Seed everything inside the given transaction.
pub fn seed(conn: &Connection) -> rusqlite::Result<()> {
    for (i, p) in PATIENTS.iter().enumerate() {
        insert_patient(conn, p, i != 6, i % 2 == 0)?;
    }
    for a in [&DOCTOR, &DOCTOR2, &NURSE] {
        let (profession_label, specialty, specialty_label) = match a.role {
            "10" => (
                "Médecin",
                Some("SM26"),
                Some("Qualifié en Médecine Générale"),
            ),
            _ => ("Infirmier", None, None),
        };
        conn.execute(
            "INSERT INTO professionals VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
            params![
                a.id,
                a.given,
                a.family,
                a.role,
                profession_label,
                specialty,
                specialty_label,
                a.structure_id,
                a.structure_name
            ],
        )?;
    }
    let auth = |ins: &str, holder: &str, status: &str, mt: bool, start: &str| AuthorizationRow {
        ins: ins.into(),
        holder_id: holder.into(),
        holder_type: if holder.starts_with('8') {
            "PS"
        } else {
            "STRUCTURE"
        }
        .into(),
        status: status.into(),
        is_mt: mt,
        start_date: start.into(),
        last_action_date: start.into(),
    };
    // The last action on an authorization, when it is not its start.
    let acted = |mut a: AuthorizationRow, last_action: &str| {
        a.last_action_date = last_action.into();
        a
    };
    use patients as p;
    for a in [
        // Authorized in January, attending physician since June.
        acted(
            auth(p::MT, DOCTOR_ID, "VALIDE", true, "20240110090000"),
            "20240612143000",
        ),
        auth(p::MT, STRUCTURE_ID, "VALIDE", false, "20240301080000"),
        auth(p::MT, DOCTOR2_ID, "VALIDE", false, "20230915141500"),
        auth(p::AUTHORIZED, DOCTOR_ID, "VALIDE", false, "20250204103000"),
        auth(p::AUTHORIZED, DOCTOR2_ID, "VALIDE", false, "20240620160000"),
        auth(
            p::AUTHORIZED,
            STRUCTURE_ID,
            "VALIDE",
            false,
            "20250110080000",
        ),
        auth(p::EXPIRED, DOCTOR_ID, "EXPIRE", false, "20200302090000"),
        auth(
            p::BLOCKS_DOCTOR2,
            DOCTOR_ID,
            "VALIDE",
            false,
            "20250512110000",
        ),
        // Authorized in November, blocked by the patient in April.
        acted(
            auth(
                p::BLOCKS_DOCTOR2,
                DOCTOR2_ID,
                "INTERDIT",
                false,
                "20241105100000",
            ),
            "20250401090000",
        ),
        auth(
            p::BLOCKS_DOCTOR,
            DOCTOR_ID,
            "INTERDIT",
            false,
            "20250801090000",
        ),
        auth(p::CLOSED, DOCTOR_ID, "VALIDE", false, "20220101090000"),
    ] {
        store::upsert_authorization(conn, &a)?;
    }

    let docs: Vec<(usize, Vec<DocSpec>)> = vec![
        (
            0,
            vec![
                spec(
                    1,
                    "CR de biologie — bilan lipidique",
                    CR,
                    BIO,
                    &DOCTOR2,
                    "20250312",
                ),
                DocSpec {
                    confidentiality: "N MASQUE_PS",
                    ..spec(
                        2,
                        "CR d'imagerie — IRM lombaire (masqué aux PS)",
                        CR,
                        IMG,
                        &DOCTOR2,
                        "20250420",
                    )
                },
                DocSpec {
                    confidentiality: "N INVISIBLE_PATIENT",
                    ..spec(
                        3,
                        "Synthèse médicale (non visible du patient)",
                        SYNTHESE,
                        VSM,
                        &DOCTOR,
                        "20250602",
                    )
                },
                DocSpec {
                    status: DEPRECATED,
                    ..spec(
                        4,
                        "Prescription — version 1",
                        PRESCRIPTION,
                        ORD,
                        &DOCTOR,
                        "20250701",
                    )
                },
                DocSpec {
                    replaces: Some(4),
                    ..spec(
                        5,
                        "Prescription — version 2 (remplace la version 1)",
                        PRESCRIPTION,
                        ORD,
                        &DOCTOR,
                        "20250702",
                    )
                },
                DocSpec {
                    pdf: true,
                    ..spec(
                        6,
                        "CR d'hospitalisation (PDF)",
                        CR,
                        HOSPI,
                        &NURSE,
                        "20250815",
                    )
                },
                DocSpec {
                    status: ARCHIVED,
                    ..spec(
                        7,
                        "CR de biologie 2023 (archivé)",
                        CR,
                        BIO,
                        &DOCTOR2,
                        "20230110",
                    )
                },
            ],
        ),
        (
            1,
            vec![
                spec(1, "CR de biologie — NFS", CR, BIO, &DOCTOR2, "20250905"),
                DocSpec {
                    confidentiality: "N MASQUE_PS",
                    ..spec(
                        2,
                        "CR d'imagerie (masqué aux PS par un autre auteur)",
                        CR,
                        IMG,
                        &DOCTOR2,
                        "20250910",
                    )
                },
                DocSpec {
                    confidentiality: "N MASQUE_PS",
                    ..spec(
                        3,
                        "Synthèse (masquée aux PS, rédigée par 899700000017)",
                        SYNTHESE,
                        VSM,
                        &DOCTOR,
                        "20250915",
                    )
                },
                DocSpec {
                    confidentiality: "N INVISIBLE_PATIENT",
                    ..spec(
                        4,
                        "CR d'hospitalisation (non visible du patient)",
                        CR,
                        HOSPI,
                        &NURSE,
                        "20250920",
                    )
                },
                DocSpec {
                    raw_pdf: true,
                    ..spec(
                        5,
                        "Document déposé par le patient (PDF)",
                        PATIENT_DOC,
                        PATIENT_TYPE,
                        &DOCTOR2,
                        "20251001",
                    )
                },
            ],
        ),
        (
            2,
            vec![spec(1, "CR de biologie", CR, BIO, &DOCTOR2, "20240203")],
        ),
        (
            3,
            vec![spec(
                1,
                "CR d'imagerie — radio thorax",
                CR,
                IMG,
                &DOCTOR,
                "20250610",
            )],
        ),
        (
            4,
            vec![spec(1, "CR de biologie", CR, BIO, &DOCTOR2, "20250115")],
        ),
        (
            5,
            vec![spec(
                1,
                "Synthèse médicale",
                SYNTHESE,
                VSM,
                &DOCTOR2,
                "20240818",
            )],
        ),
        (
            6,
            vec![spec(
                1,
                "CR d'hospitalisation",
                CR,
                HOSPI,
                &NURSE,
                "20210505",
            )],
        ),
        (
            8,
            vec![
                spec(1, "Synthèse médicale", SYNTHESE, VSM, &DOCTOR2, "20250301"),
                DocSpec {
                    confidentiality: "N MASQUE_PS",
                    ..spec(
                        2,
                        "CR d'imagerie (masqué aux PS)",
                        CR,
                        IMG,
                        &DOCTOR2,
                        "20250302",
                    )
                },
            ],
        ),
    ];
    for (pi, specs) in docs {
        let p = &PATIENTS[pi];
        for s in specs {
            insert_doc(conn, pi, p, &s)?;
        }
    }
    for p in &CONSENT_PATIENTS {
        insert_patient(conn, p, true, false)?;
    }
    lists::seed(conn)?;
    Ok(())
}

fn insert_patient(
    conn: &Connection,
    p: &PatientSpec,
    attached_mes: bool,
    internet_account: bool,
) -> rusqlite::Result<()> {
    let (closed_date, reason, reason_text) = if p.state == "closed" {
        (
            Some("20250630100000"),
            Some("FERMETURE_DEMANDE_PATIENT"),
            Some("Fermeture à la demande du patient"),
        )
    } else {
        (None, None, None)
    };
    conn.execute(
        "INSERT INTO patients(ins, ins_oid, given, family, birth_date, gender, dmp_state, closed_date,
          closed_reason, closed_reason_text, opposes_bris_de_glace, opposes_centre_15,
          masked_visible_in_emergency, attached_mes, internet_account, demonstrates)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
        params![
            p.ins,
            super::ins::OID_TEST_NIR,
            p.given,
            p.family,
            p.birth,
            p.gender,
            p.state,
            closed_date,
            reason,
            reason_text,
            p.opposes_bdg,
            p.opposes_c15,
            p.masked_in_emergency,
            attached_mes,
            internet_account,
            p.demonstrates
        ],
    )?;
    Ok(())
}

/// Patients that tell the two oppositions apart (SEED.md, "Consent patients"): no
/// authorization of the default card holder, no documents.
pub mod consent_patients {
    pub const OPPOSES_REGULATION_ONLY: &str = "177037505612360";
    pub const OPPOSES_EMERGENCY_ONLY: &str = "283116912304514";
}

const CONSENT_PATIENTS: [PatientSpec; 2] = [
    PatientSpec {
        ins: consent_patients::OPPOSES_REGULATION_ONLY,
        given: "JULES",
        family: "TESTPATIENT-OPPOSE-REGULATION",
        birth: "19770312",
        gender: "M",
        state: "active",
        opposes_bdg: false,
        opposes_c15: true,
        masked_in_emergency: false,
        demonstrates: "no authorization; the patient opposed regulation access only (OPPOSITION_ACCES_URGENCE true, OPPOSITION_BRIS_DE_GLACE false): centre_15 refused, bris_de_glace allowed",
    },
    PatientSpec {
        ins: consent_patients::OPPOSES_EMERGENCY_ONLY,
        given: "KARINE",
        family: "TESTPATIENT-OPPOSE-BDG",
        birth: "19831108",
        gender: "F",
        state: "active",
        opposes_bdg: true,
        opposes_c15: false,
        masked_in_emergency: false,
        demonstrates: "no authorization; the patient opposed break-the-glass only (OPPOSITION_BRIS_DE_GLACE true, OPPOSITION_ACCES_URGENCE false): bris_de_glace refused, centre_15 allowed",
    },
];

fn insert_doc(conn: &Connection, pi: usize, p: &PatientSpec, s: &DocSpec) -> rusqlite::Result<()> {
    let unique_id = format!("{UID_ROOT}.{}.{}", pi + 1, s.n);
    let entry_uuid = uuid(1, pi + 1, s.n);
    // logicalId is stable across metadata updates and changes on replacement (RPLC).
    let logical_id = entry_uuid.clone();
    let time = format!("{}101500", s.date);
    let (content, mime, format) = if s.raw_pdf {
        (
            pdf(s.title),
            "application/pdf",
            (
                "urn:ihe:iti:xds-sd:pdf:2008",
                "Document à corps non structuré en Pdf/A-1",
            ),
        )
    } else if s.pdf {
        (
            cda(p, s, &unique_id, &time, Some(&pdf(s.title))),
            "text/xml",
            (
                "urn:ihe:iti:xds-sd:pdf:2008",
                "Document à corps non structuré en Pdf/A-1",
            ),
        )
    } else {
        (
            cda(p, s, &unique_id, &time, None),
            "text/xml",
            ("urn:asip:ci-sis:vsm:2012", "CI-SIS structuré"),
        )
    };
    let hash = hex::encode(Sha1::digest(&content));
    let a = s.author;
    let submission_time = format!("{}180000", s.date);
    let d = Document {
        entry_uuid: entry_uuid.clone(),
        unique_id: unique_id.clone(),
        logical_id,
        version: 1,
        ins: p.ins.into(),
        status: s.status.into(),
        title: s.title.into(),
        comments: None,
        class_code: s.class.0.into(),
        class_display: s.class.1.into(),
        type_code: s.type_.0.into(),
        type_display: s.type_.1.into(),
        format_code: format.0.into(),
        format_display: format.1.into(),
        mime_type: mime.into(),
        confidentiality: s.confidentiality.into(),
        creation_time: time.clone(),
        service_start: format!("{}080000", s.date),
        service_stop: Some(format!("{}090000", s.date)),
        submission_time: submission_time.clone(),
        author_id: a.id.into(),
        author_given: a.given.into(),
        author_family: a.family.into(),
        author_role: a.role.into(),
        author_specialty: a.specialty.into(),
        author_specialty_display: a.specialty_display.into(),
        author_structure_id: a.structure_id.into(),
        author_structure_name: a.structure_name.into(),
        facility_code: if a.structure_id == STRUCTURE_ID {
            "SA01"
        } else {
            "SA07"
        }
        .into(),
        facility_display: if a.structure_id == STRUCTURE_ID {
            "Etablissement public de santé"
        } else {
            "Cabinet individuel"
        }
        .into(),
        practice_code: if a.structure_id == STRUCTURE_ID {
            "ETABLISSEMENT"
        } else {
            "AMBULATOIRE"
        }
        .into(),
        practice_display: if a.structure_id == STRUCTURE_ID {
            "Etablissement de santé"
        } else {
            "Ambulatoire"
        }
        .into(),
        hash,
        size: content.len() as i64,
        content,
    };
    store::insert_document(conn, &d)?;
    let set = SubmissionSet {
        entry_uuid: uuid(2, pi + 1, s.n),
        unique_id: format!("{UID_ROOT}.{}.{}.0", pi + 1, s.n),
        source_id: SOURCE_ID.into(),
        ins: p.ins.into(),
        submission_time,
        title: format!("Lot {}", s.title),
        content_type_code: "04".into(),
        content_type_display: "Hospitalisation de jour".into(),
        author_id: a.id.into(),
        author_given: a.given.into(),
        author_family: a.family.into(),
        author_structure_id: a.structure_id.into(),
        author_structure_name: a.structure_name.into(),
    };
    store::insert_submission_set(conn, &set)?;
    store::insert_association(
        conn,
        &Association {
            entry_uuid: uuid(3, pi + 1, s.n),
            assoc_type: HAS_MEMBER.into(),
            source: set.entry_uuid.clone(),
            target: entry_uuid.clone(),
            submission_set_status: Some("Original".into()),
        },
    )?;
    if let Some(old) = s.replaces {
        store::insert_association(
            conn,
            &Association {
                entry_uuid: uuid(5, pi + 1, s.n),
                assoc_type: RPLC.into(),
                source: entry_uuid,
                target: uuid(1, pi + 1, old),
                submission_set_status: None,
            },
        )?;
    }
    Ok(())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CDA R2 document (level 3-like structured body, or level 1 with an embedded PDF).
fn cda(p: &PatientSpec, s: &DocSpec, unique_id: &str, time: &str, pdf: Option<&[u8]>) -> Vec<u8> {
    let a = s.author;
    let body = match pdf {
        Some(bytes) => format!(
            "<nonXMLBody><text mediaType=\"application/pdf\" representation=\"B64\">{}</text></nonXMLBody>",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
        None => format!(
            "<structuredBody><component><section><title>{}</title><text>Document de test du bac à sable DMP pour {} {}. Aucune donnée réelle.</text></section></component></structuredBody>",
            esc(s.title),
            p.given,
            p.family
        ),
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <realmCode code="FR"/>
  <typeId root="2.16.840.1.113883.1.3" extension="POCD_HD000040"/>
  <templateId root="1.2.250.1.213.1.1.1.1"/>
  <id root="{unique_id}"/>
  <code code="{tc}" displayName="{td}" codeSystem="2.16.840.1.113883.6.1"/>
  <title>{title}</title>
  <effectiveTime value="{time}+0000"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="fr-FR"/>
  <recordTarget><patientRole><id root="1.2.250.1.213.1.4.10" extension="{ins}"/><patient><name><given>{given}</given><family>{family}</family></name><administrativeGenderCode code="{gender}" codeSystem="2.16.840.1.113883.5.1"/><birthTime value="{birth}"/></patient></patientRole></recordTarget>
  <author><time value="{time}+0000"/><assignedAuthor><id root="1.2.250.1.71.4.2.1" extension="{aid}"/><code code="{arole}" codeSystem="1.2.250.1.71.1.2.7"/><assignedPerson><name><given>{agiven}</given><family>{afamily}</family></name></assignedPerson><representedOrganization><id root="1.2.250.1.71.4.2.2" extension="{asid}"/><name>{asname}</name></representedOrganization></assignedAuthor></author>
  <custodian><assignedCustodian><representedCustodianOrganization><id root="1.2.250.1.213.4.1" extension="DMP"/><name>DMP</name></representedCustodianOrganization></assignedCustodian></custodian>
  <component>{body}</component>
</ClinicalDocument>
"#,
        tc = s.type_.0,
        td = esc(s.type_.1),
        title = esc(s.title),
        ins = p.ins,
        given = p.given,
        family = p.family,
        gender = p.gender,
        birth = p.birth,
        aid = a.id,
        arole = a.role,
        agiven = a.given,
        afamily = a.family,
        asid = a.structure_id,
        asname = esc(a.structure_name),
    )
    .into_bytes()
}

/// A small, valid, deterministic one-page PDF showing `text` (ASCII only kept).
pub fn pdf(text: &str) -> Vec<u8> {
    let line: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '(' && c != ')' && c != '\\' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stream = format!("BT /F1 14 Tf 50 780 Td (DMP sandbox - {line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_ins_have_valid_keys() {
        for p in PATIENTS.iter().chain(&CONSENT_PATIENTS) {
            crate::server::ins::check_ins(p.ins).unwrap();
        }
    }

    #[test]
    fn seed_is_deterministic() {
        let a = Connection::open_in_memory().unwrap();
        let b = Connection::open_in_memory().unwrap();
        for c in [&a, &b] {
            c.execute_batch(store::SCHEMA).unwrap();
            seed(c).unwrap();
        }
        let da = store::all_documents(&a).unwrap();
        let db = store::all_documents(&b).unwrap();
        assert_eq!(da.len(), db.len());
        for (x, y) in da.iter().zip(&db) {
            assert_eq!(x.entry_uuid, y.entry_uuid);
            assert_eq!(x.content, y.content);
        }
    }
}
