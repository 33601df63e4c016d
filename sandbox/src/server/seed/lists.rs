//! Seeded data for the completeness of lists: a patient whose registry answers are partial.
//! Kept apart from the other patients (numbered from 20, so that their uniqueIds and
//! entryUUIDs never meet those of the main seed); `sandbox/SEED.md` documents it.

use rusqlite::{params, Connection};

use super::super::ins::OID_TEST_NIR;
use super::super::store::{self, AuthorizationRow, RegistryOutage};
use super::{
    insert_doc, spec, uuid, DocSpec, PatientSpec, BIO, CR, DOCTOR2, DOCTOR_ID, HOSPI, IMG,
};

/// LOUIS TESTPATIENT-PARTIEL: authorized (VALIDE, not attending) for the default card holder;
/// one of his three documents is held by a part of the registry that does not answer.
pub const PARTIAL: &str = "190077505610191";
/// Patient number of PARTIAL in uniqueIds (`1.2.250.1.999.9.1.20.<n>`) and entryUUIDs.
pub const PARTIAL_NUMBER: usize = 20;
/// The RegistryError of the silent part.
pub const OUTAGE_CODE: &str = "XDSUnavailableCommunity";
pub const OUTAGE_LOCATION: &str = "1.2.250.1.999.9.3";
pub const OUTAGE_CONTEXT: &str = "Une partie du registre du DMP ne répond pas : les documents qu'elle détient ne sont pas renvoyés";

const LOUIS: PatientSpec = PatientSpec {
    ins: PARTIAL,
    given: "LOUIS",
    family: "TESTPATIENT-PARTIEL",
    birth: "19900712",
    gender: "M",
    state: "active",
    opposes_bdg: false,
    opposes_c15: false,
    masked_in_emergency: false,
    demonstrates: "partial answers: a part of the registry holding one of his documents does not answer, so every search of his documents is PartialSuccess with an XDSUnavailableCommunity RegistryError (the other documents are returned)",
};

pub fn seed(conn: &Connection) -> rusqlite::Result<()> {
    let p = &LOUIS;
    conn.execute(
        "INSERT INTO patients(ins, ins_oid, given, family, birth_date, gender, dmp_state,
          opposes_bris_de_glace, opposes_centre_15, masked_visible_in_emergency, attached_mes,
          internet_account, demonstrates)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
        params![
            p.ins,
            OID_TEST_NIR,
            p.given,
            p.family,
            p.birth,
            p.gender,
            p.state,
            p.opposes_bdg,
            p.opposes_c15,
            p.masked_in_emergency,
            true,
            true,
            p.demonstrates
        ],
    )?;
    store::upsert_authorization(
        conn,
        &AuthorizationRow {
            ins: p.ins.into(),
            holder_id: DOCTOR_ID.into(),
            holder_type: "PS".into(),
            status: "VALIDE".into(),
            is_mt: false,
            start_date: "20250301090000".into(),
            last_action_date: "20250301090000".into(),
        },
    )?;
    let docs: [DocSpec; 3] = [
        spec(
            1,
            "CR de biologie — ionogramme",
            CR,
            BIO,
            &DOCTOR2,
            "20250610",
        ),
        spec(
            2,
            "CR d'imagerie — échographie abdominale",
            CR,
            IMG,
            &DOCTOR2,
            "20250715",
        ),
        spec(
            3,
            "CR d'hospitalisation (dans la partie du registre qui ne répond pas)",
            CR,
            HOSPI,
            &DOCTOR2,
            "20250820",
        ),
    ];
    for d in &docs {
        insert_doc(conn, PARTIAL_NUMBER - 1, p, d)?;
    }
    store::insert_registry_outage(conn, &outage())
}

/// The outage of the seed: document 3 of LOUIS.
pub fn outage() -> RegistryOutage {
    RegistryOutage {
        entry_uuid: uuid(1, PARTIAL_NUMBER, 3),
        ins: PARTIAL.into(),
        error_code: OUTAGE_CODE.into(),
        code_context: OUTAGE_CONTEXT.into(),
        location: OUTAGE_LOCATION.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_partial_patient_is_seeded_with_its_outage() {
        crate::server::ins::check_ins(PARTIAL).unwrap();
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(store::SCHEMA).unwrap();
        super::super::seed(&c).unwrap();
        let docs = store::documents_of_patient(&c, PARTIAL).unwrap();
        assert_eq!(docs.len(), 3);
        assert!(docs
            .iter()
            .all(|d| d.unique_id.starts_with("1.2.250.1.999.9.1.20.")));
        assert_eq!(
            store::registry_outages_of_patient(&c, PARTIAL).unwrap(),
            [outage()]
        );
        assert!(docs.iter().any(|d| d.entry_uuid == outage().entry_uuid));
    }
}
