//! `dmp audit verify`: walks the chain in entry order and names the first broken link.
//!
//! Each entry is checked twice: its content against its own hash (a mismatch: the entry was
//! edited), then its `prev_hash` against the hash of the entry before it. A link that does not
//! hold is told apart by what it points to: another entry still in the journal (the order was
//! changed), or no entry at all (entries were deleted: a gap in the numbers says which; without
//! a gap, the entry before was rewritten and rehashed, or deleted and the numbers closed up).
//! Finally the last entry must be the one `chain_head` recorded (entries deleted at the end).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::record::{Entry, GENESIS};
use super::store::{entry_from_row, StoreError, ENTRY_COLUMNS};

/// What kind of damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// An entry's content no longer matches its hash (or the entry before it was rewritten
    /// with a recomputed hash).
    Edited,
    /// Entries are missing.
    Deleted,
    /// Entries are not in the order they were written.
    Reordered,
}

impl BreakKind {
    pub fn word(self) -> &'static str {
        match self {
            BreakKind::Edited => "edited",
            BreakKind::Deleted => "deleted",
            BreakKind::Reordered => "reordered",
        }
    }
}

/// The first broken link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    pub kind: BreakKind,
    /// The number of the entry where the chain breaks.
    pub entry: i64,
    /// That entry's time, as stored.
    pub time: Option<String>,
    /// What is wrong, in plain words.
    pub detail: String,
}

/// The result of a walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// Entries walked (intents, outcomes, whole records).
    pub entries: u64,
    /// Records (intents and whole records).
    pub records: u64,
    /// The last entry's number, time and hash (what to note elsewhere to prove later that
    /// nothing before it changed).
    pub last_entry: Option<i64>,
    pub last_time: Option<String>,
    pub last_hash: Option<String>,
    /// `None`: every link holds.
    pub broken: Option<Break>,
}

struct Prev {
    seq: i64,
    hash: String,
    time: String,
}

pub fn verify(conn: &Connection) -> Result<Verification, StoreError> {
    let mut v = Verification {
        entries: 0,
        records: 0,
        last_entry: None,
        last_time: None,
        last_hash: None,
        broken: None,
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, {ENTRY_COLUMNS}, prev_hash, hash FROM entries ORDER BY seq"
    ))?;
    let mut rows = stmt.query([])?;
    let mut prev: Option<Prev> = None;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let entry: Entry = entry_from_row(r, 1)?;
        let prev_hash: String = r.get(25)?;
        let hash: String = r.get(26)?;
        v.entries += 1;
        if entry.kind != "outcome" {
            v.records += 1;
        }
        if let Some(b) = check_link(conn, seq, &entry, &prev_hash, &hash, prev.as_ref())? {
            v.broken = Some(b);
            return Ok(v);
        }
        v.last_entry = Some(seq);
        v.last_time = Some(entry.time.clone());
        v.last_hash = Some(hash.clone());
        prev = Some(Prev {
            seq,
            hash,
            time: entry.time,
        });
    }
    drop(rows);
    let head: Option<(i64, String, i64)> = conn
        .query_row(
            "SELECT seq, hash, count FROM chain_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match (head, &prev) {
        (None, None) => {}
        (None, Some(p)) => {
            v.broken = Some(Break {
                kind: BreakKind::Deleted,
                entry: p.seq,
                time: Some(p.time.clone()),
                detail: crate::tr!("journal-verify-head-deleted"),
            })
        }
        (Some((seq, _, _)), None) => {
            v.broken = Some(Break {
                kind: BreakKind::Deleted,
                entry: seq,
                time: None,
                detail: crate::tr!("journal-verify-all-missing", count = seq),
            })
        }
        (Some((seq, hash, count)), Some(p)) => {
            if seq > p.seq || (seq == p.seq && hash != p.hash) || count > v.entries as i64 {
                v.broken = Some(Break {
                    kind: BreakKind::Deleted,
                    entry: p.seq,
                    time: Some(p.time.clone()),
                    detail: crate::tr!(
                        "journal-verify-end-deleted",
                        end = p.seq,
                        last = seq,
                        written = count,
                        left = v.entries
                    ),
                });
            } else if seq < p.seq || hash != p.hash {
                v.broken = Some(Break {
                    kind: BreakKind::Edited,
                    entry: p.seq,
                    time: Some(p.time.clone()),
                    detail: crate::tr!("journal-verify-added", last = seq),
                });
            }
        }
    }
    Ok(v)
}

fn check_link(
    conn: &Connection,
    seq: i64,
    entry: &Entry,
    prev_hash: &str,
    hash: &str,
    prev: Option<&Prev>,
) -> Result<Option<Break>, StoreError> {
    let brk = |kind, detail: String| {
        Some(Break {
            kind,
            entry: seq,
            time: Some(entry.time.clone()),
            detail,
        })
    };
    if entry.hash(prev_hash) != hash {
        return Ok(brk(
            BreakKind::Edited,
            crate::tr!("journal-verify-edited", entry = seq),
        ));
    }
    let expected = prev.map_or(GENESIS, |p| p.hash.as_str());
    if prev_hash == expected {
        return Ok(None);
    }
    if prev_hash == GENESIS {
        return Ok(brk(
            BreakKind::Reordered,
            crate::tr!(
                "journal-verify-first-moved",
                entry = seq,
                previous = prev.map_or(0, |p| p.seq)
            ),
        ));
    }
    let chained_to: Option<i64> = conn
        .query_row(
            "SELECT seq FROM entries WHERE hash = ?1 ORDER BY seq LIMIT 1",
            [prev_hash],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = chained_to {
        return Ok(brk(
            BreakKind::Reordered,
            match prev {
                Some(p) => crate::tr!(
                    "journal-verify-moved",
                    entry = seq,
                    other = other,
                    previous = p.seq
                ),
                None => crate::tr!("journal-verify-moved-first", entry = seq, other = other),
            },
        ));
    }
    Ok(match prev {
        None => brk(
            BreakKind::Deleted,
            crate::tr!("journal-verify-start-missing", entry = seq),
        ),
        Some(p) if seq > p.seq + 1 => brk(
            BreakKind::Deleted,
            if seq == p.seq + 2 {
                crate::tr!(
                    "journal-verify-one-missing",
                    missing = p.seq + 1,
                    previous = p.seq,
                    time = &p.time,
                    entry = seq
                )
            } else {
                crate::tr!(
                    "journal-verify-some-missing",
                    from = p.seq + 1,
                    to = seq - 1,
                    previous = p.seq,
                    time = &p.time,
                    entry = seq
                )
            },
        ),
        Some(p) => Some(Break {
            kind: BreakKind::Edited,
            entry: p.seq,
            time: Some(p.time.clone()),
            detail: crate::tr!("journal-verify-rewritten", previous = p.seq, entry = seq),
        }),
    })
}
