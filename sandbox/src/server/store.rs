//! SQLite storage of the sandbox DMP: patients, professionals, authorizations, documents,
//! submission sets, associations and access traces. Created and seeded on first start.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension, Row};

pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS patients (
    ins TEXT PRIMARY KEY,
    ins_oid TEXT NOT NULL,
    given TEXT NOT NULL,
    family TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    gender TEXT NOT NULL,
    dmp_state TEXT NOT NULL,            -- active | closed | none
    closed_date TEXT,
    closed_reason TEXT,
    closed_reason_text TEXT,
    opposes_bris_de_glace INTEGER NOT NULL DEFAULT 0,
    opposes_centre_15 INTEGER NOT NULL DEFAULT 0,
    masked_visible_in_emergency INTEGER NOT NULL DEFAULT 0,
    attached_mes INTEGER NOT NULL DEFAULT 1,
    internet_account INTEGER NOT NULL DEFAULT 1,
    demonstrates TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS professionals (
    national_id TEXT PRIMARY KEY,
    given TEXT NOT NULL,
    family TEXT NOT NULL,
    profession TEXT NOT NULL,
    profession_label TEXT NOT NULL,
    specialty TEXT,
    specialty_label TEXT,
    structure_id TEXT NOT NULL,
    structure_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS authorizations (
    ins TEXT NOT NULL,
    holder_id TEXT NOT NULL,             -- idNat_PS or Struct_IdNat
    holder_type TEXT NOT NULL,           -- PS | STRUCTURE
    status TEXT NOT NULL,                -- VALIDE | EXPIRE | INTERDIT
    is_mt INTEGER NOT NULL DEFAULT 0,
    start_date TEXT NOT NULL,
    last_action_date TEXT NOT NULL,
    PRIMARY KEY (ins, holder_id)
);
CREATE TABLE IF NOT EXISTS documents (
    entry_uuid TEXT PRIMARY KEY,
    unique_id TEXT NOT NULL,
    logical_id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    ins TEXT NOT NULL,
    status TEXT NOT NULL,                -- full ebRS / ASIP status URN
    title TEXT NOT NULL,
    comments TEXT,
    class_code TEXT NOT NULL,
    class_display TEXT NOT NULL,
    type_code TEXT NOT NULL,
    type_display TEXT NOT NULL,
    format_code TEXT NOT NULL,
    format_display TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    confidentiality TEXT NOT NULL,       -- space separated: N MASQUE_PS INVISIBLE_PATIENT …
    creation_time TEXT NOT NULL,
    service_start TEXT NOT NULL,
    service_stop TEXT,
    submission_time TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_given TEXT NOT NULL,
    author_family TEXT NOT NULL,
    author_role TEXT NOT NULL,            -- G15 profession code, or PATIENT
    author_specialty TEXT NOT NULL,       -- e.g. G15_10/SM26
    author_specialty_display TEXT NOT NULL,
    author_structure_id TEXT NOT NULL,
    author_structure_name TEXT NOT NULL,
    facility_code TEXT NOT NULL,
    facility_display TEXT NOT NULL,
    practice_code TEXT NOT NULL,
    practice_display TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_unique_id ON documents(unique_id);
CREATE INDEX IF NOT EXISTS documents_ins ON documents(ins);
CREATE TABLE IF NOT EXISTS submission_sets (
    entry_uuid TEXT PRIMARY KEY,
    unique_id TEXT NOT NULL,
    source_id TEXT NOT NULL,
    ins TEXT NOT NULL,
    submission_time TEXT NOT NULL,
    title TEXT NOT NULL,
    content_type_code TEXT NOT NULL,
    content_type_display TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_given TEXT NOT NULL,
    author_family TEXT NOT NULL,
    author_structure_id TEXT NOT NULL,
    author_structure_name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS associations (
    entry_uuid TEXT PRIMARY KEY,
    assoc_type TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    submission_set_status TEXT
);
-- Parts of the registry that do not answer: each row hides one document from every answer,
-- and makes the patient's searches PartialSuccess with this RegistryError.
CREATE TABLE IF NOT EXISTS registry_outages (
    entry_uuid TEXT PRIMARY KEY,         -- the document held by the unavailable part
    ins TEXT NOT NULL,
    error_code TEXT NOT NULL,
    code_context TEXT NOT NULL,
    location TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS traces (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,                     -- RFC 3339 UTC
    national_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    profession TEXT NOT NULL,
    structure_id TEXT NOT NULL,
    auth_mode TEXT NOT NULL,
    access_mode TEXT NOT NULL,
    transaction_code TEXT NOT NULL,
    action TEXT NOT NULL,
    ins TEXT NOT NULL,
    outcome TEXT NOT NULL,
    documents TEXT NOT NULL,              -- space separated uniqueIds returned
    lps TEXT NOT NULL
);
"#;

/// Shared handle on the database.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Open (creating and seeding if needed) the database at `path`.
    pub fn open(path: &Path) -> rusqlite::Result<Store> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;")?;
        conn.execute_batch(SCHEMA)?;
        let seeded: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key='seed'", [], |r| r.get(0))
            .optional()?;
        if seeded.is_none() {
            let tx = conn.unchecked_transaction()?;
            super::seed::seed(&tx)?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('seed', ?1)",
                [super::seed::SEED_VERSION],
            )?;
            tx.commit()?;
        }
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Debug, Clone)]
pub struct Patient {
    pub ins: String,
    pub ins_oid: String,
    pub given: String,
    pub family: String,
    pub birth_date: String,
    pub gender: String,
    pub dmp_state: String,
    pub closed_date: Option<String>,
    pub closed_reason: Option<String>,
    pub closed_reason_text: Option<String>,
    pub opposes_bris_de_glace: bool,
    pub opposes_centre_15: bool,
    pub masked_visible_in_emergency: bool,
    pub attached_mes: bool,
    pub internet_account: bool,
    pub demonstrates: String,
}

impl Patient {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Patient> {
        Ok(Patient {
            ins: r.get("ins")?,
            ins_oid: r.get("ins_oid")?,
            given: r.get("given")?,
            family: r.get("family")?,
            birth_date: r.get("birth_date")?,
            gender: r.get("gender")?,
            dmp_state: r.get("dmp_state")?,
            closed_date: r.get("closed_date")?,
            closed_reason: r.get("closed_reason")?,
            closed_reason_text: r.get("closed_reason_text")?,
            opposes_bris_de_glace: r.get("opposes_bris_de_glace")?,
            opposes_centre_15: r.get("opposes_centre_15")?,
            masked_visible_in_emergency: r.get("masked_visible_in_emergency")?,
            attached_mes: r.get("attached_mes")?,
            internet_account: r.get("internet_account")?,
            demonstrates: r.get("demonstrates")?,
        })
    }
}

pub fn patient(conn: &Connection, ins: &str) -> rusqlite::Result<Option<Patient>> {
    conn.query_row(
        "SELECT * FROM patients WHERE ins = ?1",
        [ins],
        Patient::from_row,
    )
    .optional()
}

pub fn patients(conn: &Connection) -> rusqlite::Result<Vec<Patient>> {
    let mut st = conn.prepare("SELECT * FROM patients ORDER BY rowid")?;
    let rows = st.query_map([], Patient::from_row)?;
    rows.collect()
}

#[derive(Debug, Clone)]
pub struct Professional {
    pub national_id: String,
    pub given: String,
    pub family: String,
    pub profession: String,
    pub profession_label: String,
    pub specialty: Option<String>,
    pub specialty_label: Option<String>,
    pub structure_id: String,
    pub structure_name: String,
}

pub fn professional(conn: &Connection, id: &str) -> rusqlite::Result<Option<Professional>> {
    conn.query_row(
        "SELECT national_id, given, family, profession, profession_label, specialty, specialty_label, structure_id, structure_name FROM professionals WHERE national_id = ?1",
        [id],
        |r| {
            Ok(Professional {
                national_id: r.get(0)?,
                given: r.get(1)?,
                family: r.get(2)?,
                profession: r.get(3)?,
                profession_label: r.get(4)?,
                specialty: r.get(5)?,
                specialty_label: r.get(6)?,
                structure_id: r.get(7)?,
                structure_name: r.get(8)?,
            })
        },
    )
    .optional()
}

#[derive(Debug, Clone)]
pub struct AuthorizationRow {
    pub ins: String,
    pub holder_id: String,
    pub holder_type: String,
    pub status: String,
    pub is_mt: bool,
    pub start_date: String,
    pub last_action_date: String,
}

fn authorization_from_row(r: &Row<'_>) -> rusqlite::Result<AuthorizationRow> {
    Ok(AuthorizationRow {
        ins: r.get("ins")?,
        holder_id: r.get("holder_id")?,
        holder_type: r.get("holder_type")?,
        status: r.get("status")?,
        is_mt: r.get("is_mt")?,
        start_date: r.get("start_date")?,
        last_action_date: r.get("last_action_date")?,
    })
}

pub fn authorization(
    conn: &Connection,
    ins: &str,
    holder: &str,
) -> rusqlite::Result<Option<AuthorizationRow>> {
    conn.query_row(
        "SELECT * FROM authorizations WHERE ins = ?1 AND holder_id = ?2",
        [ins, holder],
        authorization_from_row,
    )
    .optional()
}

pub fn authorizations_of_patient(
    conn: &Connection,
    ins: &str,
) -> rusqlite::Result<Vec<AuthorizationRow>> {
    let mut st =
        conn.prepare("SELECT * FROM authorizations WHERE ins = ?1 ORDER BY start_date, holder_id")?;
    let rows = st.query_map([ins], authorization_from_row)?;
    rows.collect()
}

pub fn authorizations_of_holder(
    conn: &Connection,
    holder: &str,
) -> rusqlite::Result<Vec<AuthorizationRow>> {
    let mut st =
        conn.prepare("SELECT * FROM authorizations WHERE holder_id = ?1 ORDER BY start_date, ins")?;
    let rows = st.query_map([holder], authorization_from_row)?;
    rows.collect()
}

pub fn upsert_authorization(conn: &Connection, a: &AuthorizationRow) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO authorizations(ins, holder_id, holder_type, status, is_mt, start_date, last_action_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(ins, holder_id) DO UPDATE SET status = excluded.status, is_mt = excluded.is_mt,
           start_date = excluded.start_date, last_action_date = excluded.last_action_date",
        params![
            a.ins,
            a.holder_id,
            a.holder_type,
            a.status,
            a.is_mt,
            a.start_date,
            a.last_action_date
        ],
    )?;
    Ok(())
}

pub fn delete_authorization(conn: &Connection, ins: &str, holder: &str) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM authorizations WHERE ins = ?1 AND holder_id = ?2",
        [ins, holder],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub entry_uuid: String,
    pub unique_id: String,
    pub logical_id: String,
    pub version: i64,
    pub ins: String,
    pub status: String,
    pub title: String,
    pub comments: Option<String>,
    pub class_code: String,
    pub class_display: String,
    pub type_code: String,
    pub type_display: String,
    pub format_code: String,
    pub format_display: String,
    pub mime_type: String,
    pub confidentiality: String,
    pub creation_time: String,
    pub service_start: String,
    pub service_stop: Option<String>,
    pub submission_time: String,
    pub author_id: String,
    pub author_given: String,
    pub author_family: String,
    pub author_role: String,
    pub author_specialty: String,
    pub author_specialty_display: String,
    pub author_structure_id: String,
    pub author_structure_name: String,
    pub facility_code: String,
    pub facility_display: String,
    pub practice_code: String,
    pub practice_display: String,
    pub hash: String,
    pub size: i64,
    pub content: Vec<u8>,
}

impl Document {
    pub fn masked(&self) -> bool {
        self.confidentiality.split(' ').any(|c| c == "MASQUE_PS")
    }
    pub fn invisible_patient(&self) -> bool {
        self.confidentiality
            .split(' ')
            .any(|c| c == "INVISIBLE_PATIENT")
    }

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Document> {
        Ok(Document {
            entry_uuid: r.get("entry_uuid")?,
            unique_id: r.get("unique_id")?,
            logical_id: r.get("logical_id")?,
            version: r.get("version")?,
            ins: r.get("ins")?,
            status: r.get("status")?,
            title: r.get("title")?,
            comments: r.get("comments")?,
            class_code: r.get("class_code")?,
            class_display: r.get("class_display")?,
            type_code: r.get("type_code")?,
            type_display: r.get("type_display")?,
            format_code: r.get("format_code")?,
            format_display: r.get("format_display")?,
            mime_type: r.get("mime_type")?,
            confidentiality: r.get("confidentiality")?,
            creation_time: r.get("creation_time")?,
            service_start: r.get("service_start")?,
            service_stop: r.get("service_stop")?,
            submission_time: r.get("submission_time")?,
            author_id: r.get("author_id")?,
            author_given: r.get("author_given")?,
            author_family: r.get("author_family")?,
            author_role: r.get("author_role")?,
            author_specialty: r.get("author_specialty")?,
            author_specialty_display: r.get("author_specialty_display")?,
            author_structure_id: r.get("author_structure_id")?,
            author_structure_name: r.get("author_structure_name")?,
            facility_code: r.get("facility_code")?,
            facility_display: r.get("facility_display")?,
            practice_code: r.get("practice_code")?,
            practice_display: r.get("practice_display")?,
            hash: r.get("hash")?,
            size: r.get("size")?,
            content: r.get("content")?,
        })
    }
}

pub fn insert_document(conn: &Connection, d: &Document) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO documents(entry_uuid, unique_id, logical_id, version, ins, status, title, comments,
          class_code, class_display, type_code, type_display, format_code, format_display, mime_type,
          confidentiality, creation_time, service_start, service_stop, submission_time, author_id,
          author_given, author_family, author_role, author_specialty, author_specialty_display,
          author_structure_id, author_structure_name, facility_code, facility_display, practice_code,
          practice_display, hash, size, content)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,
          ?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35)",
        params![
            d.entry_uuid,
            d.unique_id,
            d.logical_id,
            d.version,
            d.ins,
            d.status,
            d.title,
            d.comments,
            d.class_code,
            d.class_display,
            d.type_code,
            d.type_display,
            d.format_code,
            d.format_display,
            d.mime_type,
            d.confidentiality,
            d.creation_time,
            d.service_start,
            d.service_stop,
            d.submission_time,
            d.author_id,
            d.author_given,
            d.author_family,
            d.author_role,
            d.author_specialty,
            d.author_specialty_display,
            d.author_structure_id,
            d.author_structure_name,
            d.facility_code,
            d.facility_display,
            d.practice_code,
            d.practice_display,
            d.hash,
            d.size,
            d.content
        ],
    )?;
    Ok(())
}

pub fn documents_of_patient(conn: &Connection, ins: &str) -> rusqlite::Result<Vec<Document>> {
    let mut st =
        conn.prepare("SELECT * FROM documents WHERE ins = ?1 ORDER BY creation_time, entry_uuid")?;
    let rows = st.query_map([ins], Document::from_row)?;
    rows.collect()
}

pub fn all_documents(conn: &Connection) -> rusqlite::Result<Vec<Document>> {
    let mut st = conn.prepare("SELECT * FROM documents ORDER BY ins, creation_time, entry_uuid")?;
    let rows = st.query_map([], Document::from_row)?;
    rows.collect()
}

#[derive(Debug, Clone)]
pub struct SubmissionSet {
    pub entry_uuid: String,
    pub unique_id: String,
    pub source_id: String,
    pub ins: String,
    pub submission_time: String,
    pub title: String,
    pub content_type_code: String,
    pub content_type_display: String,
    pub author_id: String,
    pub author_given: String,
    pub author_family: String,
    pub author_structure_id: String,
    pub author_structure_name: String,
}

pub fn insert_submission_set(conn: &Connection, s: &SubmissionSet) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO submission_sets VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
        params![
            s.entry_uuid,
            s.unique_id,
            s.source_id,
            s.ins,
            s.submission_time,
            s.title,
            s.content_type_code,
            s.content_type_display,
            s.author_id,
            s.author_given,
            s.author_family,
            s.author_structure_id,
            s.author_structure_name
        ],
    )?;
    Ok(())
}

pub fn submission_sets_of_patient(
    conn: &Connection,
    ins: &str,
) -> rusqlite::Result<Vec<SubmissionSet>> {
    let mut st = conn.prepare(
        "SELECT * FROM submission_sets WHERE ins = ?1 ORDER BY submission_time, entry_uuid",
    )?;
    let rows = st.query_map([ins], |r| {
        Ok(SubmissionSet {
            entry_uuid: r.get(0)?,
            unique_id: r.get(1)?,
            source_id: r.get(2)?,
            ins: r.get(3)?,
            submission_time: r.get(4)?,
            title: r.get(5)?,
            content_type_code: r.get(6)?,
            content_type_display: r.get(7)?,
            author_id: r.get(8)?,
            author_given: r.get(9)?,
            author_family: r.get(10)?,
            author_structure_id: r.get(11)?,
            author_structure_name: r.get(12)?,
        })
    })?;
    rows.collect()
}

#[derive(Debug, Clone)]
pub struct Association {
    pub entry_uuid: String,
    pub assoc_type: String,
    pub source: String,
    pub target: String,
    pub submission_set_status: Option<String>,
}

pub fn insert_association(conn: &Connection, a: &Association) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO associations VALUES (?1,?2,?3,?4,?5)",
        params![
            a.entry_uuid,
            a.assoc_type,
            a.source,
            a.target,
            a.submission_set_status
        ],
    )?;
    Ok(())
}

pub fn all_associations(conn: &Connection) -> rusqlite::Result<Vec<Association>> {
    let mut st = conn.prepare("SELECT * FROM associations ORDER BY entry_uuid")?;
    let rows = st.query_map([], |r| {
        Ok(Association {
            entry_uuid: r.get(0)?,
            assoc_type: r.get(1)?,
            source: r.get(2)?,
            target: r.get(3)?,
            submission_set_status: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// A part of the registry that does not answer, and the document it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryOutage {
    pub entry_uuid: String,
    pub ins: String,
    pub error_code: String,
    pub code_context: String,
    pub location: String,
}

pub fn insert_registry_outage(conn: &Connection, o: &RegistryOutage) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO registry_outages VALUES (?1,?2,?3,?4,?5)",
        params![
            o.entry_uuid,
            o.ins,
            o.error_code,
            o.code_context,
            o.location
        ],
    )?;
    Ok(())
}

pub fn registry_outages_of_patient(
    conn: &Connection,
    ins: &str,
) -> rusqlite::Result<Vec<RegistryOutage>> {
    let mut st = conn.prepare(
        "SELECT entry_uuid, ins, error_code, code_context, location FROM registry_outages
         WHERE ins = ?1 ORDER BY entry_uuid",
    )?;
    let rows = st.query_map([ins], |r| {
        Ok(RegistryOutage {
            entry_uuid: r.get(0)?,
            ins: r.get(1)?,
            error_code: r.get(2)?,
            code_context: r.get(3)?,
            location: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// Ends the outages of a patient (the part answers again); returns them, to restore later.
pub fn delete_registry_outages(
    conn: &Connection,
    ins: &str,
) -> rusqlite::Result<Vec<RegistryOutage>> {
    let all = registry_outages_of_patient(conn, ins)?;
    conn.execute("DELETE FROM registry_outages WHERE ins = ?1", [ins])?;
    Ok(all)
}

/// Is `unique_id` already the uniqueId of a document or a submission set?
pub fn unique_id_registered(conn: &Connection, unique_id: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM documents WHERE unique_id = ?1)
             OR EXISTS(SELECT 1 FROM submission_sets WHERE unique_id = ?1)",
        [unique_id],
        |r| r.get(0),
    )
}

/// How many registry entries carry this uniqueId, whatever their status (a store holding a
/// document exactly once has one).
pub fn count_documents_with_unique_id(conn: &Connection, unique_id: &str) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT COUNT(*) FROM documents WHERE unique_id = ?1",
        [unique_id],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n.max(0) as u64)
}

pub fn document_by_entry_uuid(
    conn: &Connection,
    entry_uuid: &str,
) -> rusqlite::Result<Option<Document>> {
    conn.query_row(
        "SELECT * FROM documents WHERE entry_uuid = ?1",
        [entry_uuid],
        Document::from_row,
    )
    .optional()
}

pub fn documents_with_unique_id(
    conn: &Connection,
    unique_id: &str,
) -> rusqlite::Result<Vec<Document>> {
    let mut st = conn.prepare("SELECT * FROM documents WHERE unique_id = ?1 ORDER BY rowid")?;
    let rows = st.query_map([unique_id], Document::from_row)?;
    rows.collect()
}

/// Change the status of a registry entry (a replaced document becomes Deprecated).
pub fn set_document_status(
    conn: &Connection,
    entry_uuid: &str,
    status: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE documents SET status = ?2 WHERE entry_uuid = ?1",
        [entry_uuid, status],
    )?;
    Ok(())
}
