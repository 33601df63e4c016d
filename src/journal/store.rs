//! The SQLite side of the journal: the schema, opening (WAL, `synchronous=FULL`, busy
//! timeout), appending one chained row under the write lock, and reading records.
//!
//! Schema (version 2, `PRAGMA user_version`):
//! - `entries`: one row per intent, outcome or whole record, numbered by `seq`, with
//!   `prev_hash` and `hash` (see [`super::record::Entry`] for the columns);
//! - `chain_head`: one row, the number, hash and count of the last entry written;
//! - `meta`: key/value notes (`journal_id`, a UUID naming this journal; the JSON Lines import);
//! - the view `records`: each record with its outcome, what reports read (also from the
//!   `sqlite3` command).
//!
//! - `entry_context` (version 2): what the audit repository's message needs and the chain does
//!   not hold, written with the row in the same transaction: the writing process's id (which
//!   also tells whether an intent without outcome may still complete), the patient's INS
//!   authority OID, the practitioner's name and the DMP endpoint;
//! - `forwarding` (version 2): one row, the number of the last record the audit repository
//!   confirmed. Both are kept out of the chained rows, so forwarding never rewrites them and
//!   `dmp audit verify` is unaffected.
//!
//! A version 1 file is migrated on open ([`migrate_schema`]): the two tables are added, no
//! row of the chain is touched.

use std::path::Path;

use rusqlite::{params_from_iter, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use super::record::{Entry, Outcome, Record, GENESIS};

pub const SCHEMA_VERSION: i64 = 2;

/// What can go wrong with the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Sqlite(rusqlite::Error),
    /// Another process held the write lock for the whole busy timeout.
    #[error("the journal is locked by another process")]
    Busy,
    #[error("{0}")]
    Format(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

const SCHEMA: &str = r#"
CREATE TABLE entries (
    seq INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    intent INTEGER,
    time TEXT NOT NULL,
    run TEXT,
    os_user TEXT,
    host TEXT,
    practitioner TEXT,
    auth_mode TEXT,
    structure_id TEXT,
    card_serial TEXT,
    structure_certificate TEXT,
    patient TEXT,
    "transaction" TEXT,
    detail TEXT,
    mode TEXT,
    reason TEXT,
    consent TEXT,
    message_id TEXT,
    result TEXT,
    rule TEXT,
    dmp_code TEXT,
    message TEXT,
    documents TEXT,
    migrated_from TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX entries_outcome ON entries (intent) WHERE kind = 'outcome';
CREATE INDEX entries_time ON entries (time);
CREATE TABLE chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIEW records AS
SELECT i.seq AS number, i.time AS time, o.time AS completed, i.run AS run,
       i.os_user AS os_user, i.host AS host, i.practitioner AS practitioner,
       i.auth_mode AS auth_mode, i.structure_id AS structure_id, i.card_serial AS card_serial,
       i.structure_certificate AS structure_certificate, i.patient AS patient,
       i."transaction" AS "transaction", i.detail AS detail, i.mode AS mode,
       i.reason AS reason, i.consent AS consent, i.message_id AS message_id,
       CASE WHEN i.kind = 'intent' THEN coalesce(o.result, 'unknown') ELSE i.result END
           AS result,
       coalesce(o.rule, i.rule) AS rule, coalesce(o.dmp_code, i.dmp_code) AS dmp_code,
       coalesce(o.message, i.message) AS message,
       coalesce(o.documents, i.documents) AS documents, i.migrated_from AS migrated_from
FROM entries i
LEFT JOIN entries o ON o.seq = (
    SELECT min(x.seq) FROM entries x WHERE x.kind = 'outcome' AND x.intent = i.seq)
WHERE i.kind IN ('intent', 'record');
"#;

/// What version 2 adds (see the module documentation).
const SCHEMA_V2: &str = r#"
CREATE TABLE entry_context (
    seq INTEGER PRIMARY KEY,
    pid INTEGER,
    patient_oid TEXT,
    practitioner_name TEXT,
    endpoint TEXT
);
CREATE TABLE forwarding (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    up_to INTEGER NOT NULL,
    time TEXT NOT NULL
);
"#;

/// The entry columns, in schema (and canonical) order.
pub const ENTRY_COLUMNS: &str = r#"kind, intent, time, run, os_user, host, practitioner, auth_mode, structure_id, card_serial, structure_certificate, patient, "transaction", detail, mode, reason, consent, message_id, result, rule, dmp_code, message, documents, migrated_from"#;

/// Opens the file (creating it, mode 0600 in a 0700 directory, when `create`), sets WAL,
/// `synchronous=FULL` and the busy timeout, and makes sure the schema is there.
pub fn open(path: &Path, create: bool) -> Result<Connection, StoreError> {
    if create {
        create_file(path)?;
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    // WAL: readers never block the writer; each commit is one append to the WAL file.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Format(crate::tr!(
            "journal-store-not-wal",
            mode = &mode
        )));
    }
    // FULL: a commit is synced to disk before it returns, in WAL mode too, so an intent
    // survives a crash or a power cut that follows it.
    conn.pragma_update(None, "synchronous", "FULL")?;
    migrate_schema(&conn, create)?;
    Ok(conn)
}

#[cfg(unix)]
fn create_file(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    // SQLite gives its -wal and -shm files the database file's mode.
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(path)?;
    Ok(())
}

#[cfg(not(unix))]
fn create_file(path: &Path) -> Result<(), StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    Ok(())
}

/// Creates the schema of an empty file (under the write lock, so two first runs do not both
/// create it) and refuses a file of another kind or from a newer dmp.
fn migrate_schema(conn: &Connection, create: bool) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::Format(crate::tr!(
            "journal-store-newer",
            version = version,
            known = SCHEMA_VERSION
        )));
    }
    if !create {
        // A copy opened for verify or a report is not changed: version 1 holds the whole
        // chain, only forwarding needs version 2.
        if version == 1 {
            return Ok(());
        }
        return Err(StoreError::Format(crate::tr!("journal-store-not-journal")));
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version == 0 {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                return Err(StoreError::Format(crate::tr!("journal-store-other-sqlite")));
            }
            conn.execute_batch(SCHEMA)?;
            // Names this journal among others (an audit repository receives many).
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('journal_id', ?1)",
                [uuid::Uuid::new_v4().to_string()],
            )?;
            conn.execute_batch(SCHEMA_V2)?;
        } else if version == 1 {
            conn.execute_batch(SCHEMA_V2)?;
        }
        if version < SCHEMA_VERSION {
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT")?,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(e);
        }
    }
    Ok(())
}

/// Appends `entry` at the end of the chain, in one immediate transaction; returns its number.
pub fn append(
    conn: &mut Connection,
    entry: &Entry,
    context: Option<&Context>,
) -> Result<i64, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let seq = append_in(&tx, entry)?;
    if let Some(c) = context {
        tx.execute(
            "INSERT INTO entry_context (seq, pid, patient_oid, practitioner_name, endpoint)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![seq, c.pid, c.patient_oid, c.practitioner_name, c.endpoint],
        )?;
    }
    tx.commit()?;
    Ok(seq)
}

/// What an intent or a record's audit message needs besides its chained columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub pid: Option<u32>,
    pub patient_oid: Option<String>,
    pub practitioner_name: Option<String>,
    pub endpoint: Option<String>,
}

/// A record the audit repository has not confirmed yet, with what its message needs.
#[derive(Debug, Clone)]
pub struct Unforwarded {
    pub record: Record,
    pub context: Context,
    /// The hash of the record's last entry (its outcome, else the intent or whole record).
    pub chain_hash: String,
}

/// The number of the last record forwarded, 0 when none was.
pub fn forwarded_up_to(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn
        .query_row("SELECT up_to FROM forwarding WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0))
}

/// The records after the forwarding mark, oldest first, at most `limit`.
pub fn unforwarded(conn: &Connection, limit: usize) -> Result<Vec<Unforwarded>, StoreError> {
    let mark = forwarded_up_to(conn)?;
    let all = records_after(conn, mark, limit)?;
    let mut out = Vec::with_capacity(all.len());
    for record in all {
        let context = conn
            .query_row(
                "SELECT pid, patient_oid, practitioner_name, endpoint FROM entry_context WHERE seq = ?1",
                [record.number],
                |r| {
                    Ok(Context {
                        pid: r.get(0)?,
                        patient_oid: r.get(1)?,
                        practitioner_name: r.get(2)?,
                        endpoint: r.get(3)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default();
        let chain_hash: String = conn.query_row(
            "SELECT hash FROM entries WHERE seq = coalesce(
                (SELECT min(seq) FROM entries WHERE kind = 'outcome' AND intent = ?1), ?1)",
            [record.number],
            |r| r.get(0),
        )?;
        out.push(Unforwarded {
            record,
            context,
            chain_hash,
        });
    }
    Ok(out)
}

/// Moves the forwarding mark to `up_to` (never back), durably.
pub fn mark_forwarded(conn: &mut Connection, up_to: i64, time: &str) -> Result<(), StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO forwarding (id, up_to, time) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET up_to = max(up_to, excluded.up_to), time = excluded.time",
        rusqlite::params![up_to, time],
    )?;
    tx.commit()?;
    Ok(())
}

/// Appends within a transaction the caller holds (the import of a JSON Lines journal).
pub fn append_in(conn: &Connection, entry: &Entry) -> Result<i64, StoreError> {
    let head: Option<(i64, String, i64)> = conn
        .query_row(
            "SELECT seq, hash, count FROM chain_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (last, prev_hash, count) = head.unwrap_or((0, GENESIS.to_string(), 0));
    let seq = last + 1;
    let hash = entry.hash(&prev_hash);
    conn.execute(
        &format!(
            "INSERT INTO entries (seq, {ENTRY_COLUMNS}, prev_hash, hash) VALUES ({})",
            (1..=27)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        rusqlite::params![
            seq,
            entry.kind,
            entry.intent,
            entry.time,
            entry.run,
            entry.os_user,
            entry.host,
            entry.practitioner,
            entry.auth_mode,
            entry.structure_id,
            entry.card_serial,
            entry.structure_certificate,
            entry.patient,
            entry.transaction,
            entry.detail,
            entry.mode,
            entry.reason,
            entry.consent,
            entry.message_id,
            entry.result,
            entry.rule,
            entry.dmp_code,
            entry.message,
            entry.documents,
            entry.migrated_from,
            prev_hash,
            hash,
        ],
    )?;
    conn.execute(
        "INSERT INTO chain_head (id, seq, hash, count) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, count = excluded.count",
        rusqlite::params![seq, hash, count + 1],
    )?;
    Ok(seq)
}

/// Reads an entry's columns from a row whose first columns are [`ENTRY_COLUMNS`] from
/// `offset` on.
pub fn entry_from_row(r: &rusqlite::Row<'_>, offset: usize) -> rusqlite::Result<Entry> {
    let s = |i: usize| r.get::<_, Option<String>>(offset + i);
    Ok(Entry {
        kind: r.get::<_, Option<String>>(offset)?.unwrap_or_default(),
        intent: r.get(offset + 1)?,
        time: r.get::<_, Option<String>>(offset + 2)?.unwrap_or_default(),
        run: s(3)?,
        os_user: s(4)?,
        host: s(5)?,
        practitioner: s(6)?,
        auth_mode: s(7)?,
        structure_id: s(8)?,
        card_serial: s(9)?,
        structure_certificate: s(10)?,
        patient: s(11)?,
        transaction: s(12)?,
        detail: s(13)?,
        mode: s(14)?,
        reason: s(15)?,
        consent: s(16)?,
        message_id: s(17)?,
        result: s(18)?,
        rule: s(19)?,
        dmp_code: s(20)?,
        message: s(21)?,
        documents: s(22)?,
        migrated_from: s(23)?,
    })
}

/// Which records a report wants. Empty lists and `None` filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The patient's INS.
    pub patient: Option<String>,
    /// A practitioner's national id, or a structure id.
    pub practitioner: Option<String>,
    /// Access modes ("normal", "bris_de_glace", "centre_15"): any of them.
    pub modes: Vec<String>,
    /// Catalogue codes ("TD3.1"): any of them.
    pub transactions: Vec<String>,
    /// Results: any of them.
    pub results: Vec<Outcome>,
    /// From this time on (a stored stamp, inclusive).
    pub since: Option<String>,
    /// Before this time (a stored stamp, exclusive).
    pub until: Option<String>,
}

/// The records that pass `f`, oldest first.
pub fn records(conn: &Connection, f: &Filter) -> Result<Vec<Record>, StoreError> {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<String> = Vec::new();
    let param = |v: &str, params: &mut Vec<String>| {
        params.push(v.to_string());
        format!("?{}", params.len())
    };
    if let Some(p) = &f.patient {
        let ph = param(p, &mut params);
        clauses.push(format!("patient = {ph}"));
    }
    if let Some(p) = &f.practitioner {
        let ph = param(p, &mut params);
        clauses.push(format!("(practitioner = {ph} OR structure_id = {ph})"));
    }
    let mut any_of = |column: &str, values: &[String], params: &mut Vec<String>| {
        if !values.is_empty() {
            let phs: Vec<String> = values.iter().map(|v| param(v, params)).collect();
            clauses.push(format!("{column} IN ({})", phs.join(", ")));
        }
    };
    any_of("mode", &f.modes, &mut params);
    any_of("\"transaction\"", &f.transactions, &mut params);
    let results: Vec<String> = f.results.iter().map(|r| r.code().to_string()).collect();
    any_of("result", &results, &mut params);
    if let Some(t) = &f.since {
        let ph = param(t, &mut params);
        clauses.push(format!("time >= {ph}"));
    }
    if let Some(t) = &f.until {
        let ph = param(t, &mut params);
        clauses.push(format!("time < {ph}"));
    }
    select_records(conn, &clauses, &params, None)
}

/// The records numbered after `after`, oldest first, at most `limit`.
fn records_after(conn: &Connection, after: i64, limit: usize) -> Result<Vec<Record>, StoreError> {
    select_records(
        conn,
        &["number > CAST(?1 AS INTEGER)".to_string()],
        &[after.to_string()],
        Some(limit),
    )
}

fn select_records(
    conn: &Connection,
    clauses: &[String],
    params: &[String],
    limit: Option<usize>,
) -> Result<Vec<Record>, StoreError> {
    let sql = format!(
        "SELECT number, time, completed, run, os_user, host, practitioner, auth_mode, structure_id, card_serial, structure_certificate, patient, \"transaction\", detail, mode, reason, consent, message_id, result, rule, dmp_code, message, documents, migrated_from FROM records{} ORDER BY number{}",
        if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        },
        limit
            .map(|l| format!(" LIMIT {}", l.min(i64::MAX as usize)))
            .unwrap_or_default()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
        let result: String = r.get(18)?;
        let documents: Option<String> = r.get(22)?;
        Ok((
            Record {
                number: r.get(0)?,
                time: r.get(1)?,
                completed: r.get(2)?,
                run: r.get(3)?,
                os_user: r.get(4)?,
                host: r.get(5)?,
                practitioner: r.get(6)?,
                auth_mode: r.get(7)?,
                structure_id: r.get(8)?,
                card_serial: r.get(9)?,
                structure_certificate: r.get(10)?,
                patient: r.get(11)?,
                transaction: r.get(12)?,
                detail: r.get(13)?,
                mode: r.get(14)?,
                reason: r.get(15)?,
                consent: r.get(16)?,
                message_id: r.get(17)?,
                result: Outcome::Unknown,
                rule: r.get(19)?,
                dmp_code: r.get(20)?,
                message: r.get(21)?,
                documents: Vec::new(),
                migrated_from: r.get(23)?,
            },
            result,
            documents,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (mut rec, result, documents) = row?;
        rec.result = Outcome::parse(&result).ok_or_else(|| {
            StoreError::Format(crate::tr!(
                "journal-store-unknown-result",
                record = rec.number,
                result = &result
            ))
        })?;
        if let Some(d) = documents {
            rec.documents = serde_json::from_str(&d).map_err(|e| {
                StoreError::Format(crate::tr!(
                    "journal-store-damaged-documents",
                    record = rec.number,
                    error = e.to_string()
                ))
            })?;
        }
        out.push(rec);
    }
    Ok(out)
}
