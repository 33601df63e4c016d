//! Server-side access traces: one row per request that reached a service, success or refusal,
//! as the real DMP records them (who, when, how, which transaction, which patient, which
//! documents were returned).

use std::io::Write;

use rusqlite::{params, Connection, OptionalExtension};

use super::tls::CertIdentity;
use super::vihf::Vihf;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TraceRecord {
    pub at: String,
    pub national_id: String,
    pub user_name: String,
    pub profession: String,
    pub structure_id: String,
    pub auth_mode: String,
    pub access_mode: String,
    pub transaction: String,
    pub action: String,
    pub ins: String,
    pub outcome: String,
    pub documents: Vec<String>,
    pub lps: String,
}

impl TraceRecord {
    /// Start a trace from the TLS identity (before the VIHF is read).
    pub fn from_peer(peer: &CertIdentity, service: &str) -> TraceRecord {
        let now = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        TraceRecord {
            at: now,
            national_id: if peer.is_personal() {
                peer.cn.clone()
            } else {
                peer.ou.clone().unwrap_or_default()
            },
            user_name: match (&peer.given_name, &peer.surname) {
                (Some(g), Some(s)) => format!("{g} {s}"),
                _ => peer.cn.clone(),
            },
            transaction: service.to_string(),
            ..Default::default()
        }
    }

    pub fn fill_from_vihf(&mut self, v: &Vihf) {
        self.national_id = v.name_id.clone();
        if let Some(s) = &v.subject_id {
            self.user_name = s.clone();
        }
        self.profession = v.profession_label();
        self.structure_id = v.structure_id.clone();
        self.auth_mode = match v.auth_mode {
            super::rights::AuthMode::Direct => "DIRECTE",
            super::rights::AuthMode::Indirect => "INDIRECTE",
            super::rights::AuthMode::IndirectReinforced => "INDIRECTE_RENFORCEE",
        }
        .into();
        self.access_mode = v.purpose.code().into();
        if let Some(ins) = &v.resource {
            self.ins = ins.value.clone();
        }
        self.lps = format!("{} {}", v.lps_nom, v.lps_version);
    }
}

pub fn insert(conn: &Connection, t: &TraceRecord) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO traces(at, national_id, user_name, profession, structure_id, auth_mode, access_mode,
          transaction_code, action, ins, outcome, documents, lps)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
        params![
            t.at,
            t.national_id,
            t.user_name,
            t.profession,
            t.structure_id,
            t.auth_mode,
            t.access_mode,
            t.transaction,
            t.action,
            t.ins,
            t.outcome,
            t.documents.join(" "),
            t.lps
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "at, national_id, user_name, profession, structure_id, auth_mode, \
     access_mode, transaction_code, action, ins, outcome, documents, lps";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TraceRecord> {
    let docs: String = r.get(11)?;
    Ok(TraceRecord {
        at: r.get(0)?,
        national_id: r.get(1)?,
        user_name: r.get(2)?,
        profession: r.get(3)?,
        structure_id: r.get(4)?,
        auth_mode: r.get(5)?,
        access_mode: r.get(6)?,
        transaction: r.get(7)?,
        action: r.get(8)?,
        ins: r.get(9)?,
        outcome: r.get(10)?,
        documents: docs.split_whitespace().map(str::to_string).collect(),
        lps: r.get(12)?,
    })
}

/// All traces, oldest first.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<TraceRecord>> {
    let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM traces ORDER BY id"))?;
    let rows = st.query_map([], from_row)?;
    rows.collect()
}

/// The traces of the accesses to one patient's DMP, newest first.
pub fn of_patient(conn: &Connection, ins: &str) -> rusqlite::Result<Vec<TraceRecord>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM traces WHERE ins = ?1 ORDER BY id DESC"
    ))?;
    let rows = st.query_map([ins], from_row)?;
    rows.collect()
}

/// The time of the last access to `ins` the DMP answered (OK or PartialSuccess) by `holder`:
/// a professional's national id (direct mode), or a structure's id (its indirect accesses).
pub fn last_access(conn: &Connection, ins: &str, holder: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT at FROM traces WHERE ins = ?1 AND outcome IN ('OK', 'PartialSuccess')
           AND ((auth_mode = 'DIRECTE' AND national_id = ?2)
             OR (auth_mode <> 'DIRECTE' AND structure_id = ?2))
         ORDER BY id DESC LIMIT 1",
        [ins, holder],
        |r| r.get(0),
    )
    .optional()
}

/// Print the traces as a plain table.
pub fn print_table(out: &mut dyn Write, traces: &[TraceRecord]) -> std::io::Result<()> {
    let header = [
        "WHEN",
        "WHO",
        "NAME",
        "MODE",
        "ACCESS",
        "TD",
        "PATIENT",
        "OUTCOME",
        "DOCUMENTS",
    ];
    let rows: Vec<[String; 9]> = traces
        .iter()
        .map(|t| {
            [
                t.at.clone(),
                t.national_id.clone(),
                t.user_name.clone(),
                t.auth_mode.clone(),
                t.access_mode.clone(),
                t.transaction.clone(),
                t.ins.clone(),
                t.outcome.clone(),
                if t.documents.is_empty() {
                    "-".into()
                } else {
                    t.documents.join(",")
                },
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        s
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
    }
    if rows.is_empty() {
        writeln!(out, "(no access recorded yet)")?;
    }
    Ok(())
}

/// `dmp-sandbox traces [--data DIR]`.
pub fn run_cli(data_dir: &std::path::Path) -> Result<(), super::ServeError> {
    let db = data_dir.join("dmp.sqlite");
    if !db.exists() {
        return Err(super::ServeError::Setup(format!(
            "no sandbox database at {} (start `dmp-sandbox serve` first)",
            db.display()
        )));
    }
    let store = super::store::Store::open(&db)?;
    let traces = list(&store.conn())?;
    print_table(&mut std::io::stdout().lock(), &traces)?;
    Ok(())
}
