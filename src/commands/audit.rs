//! What the local audit journal says: `dmp audit verify` (the chain walked) and
//! `dmp report access` (who accessed which patient's DMP, when, in which mode, why, with what
//! result; the records filtered, summed up per patient or per practitioner, or counted per
//! day). Reads the journal only: nothing here talks to a card or the DMP.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::{Date, OffsetDateTime, Time};

use crate::error::{Error, Result};
use crate::journal::record::stamp;
use crate::journal::{Filter, Journal, Outcome, Record, Verification, FILE_NAME, JSONL_NAME};

/// The journal to read: `path` (an existing file, opened as it is), else the default one
/// (created and the JSON Lines journal imported on first use). `None`: there is no journal
/// yet, so nothing to report.
pub fn open_journal(path: Option<&Path>) -> Result<Option<Journal>> {
    if let Some(p) = path {
        return Journal::open_existing(p).map(Some);
    }
    let Some(default) = Journal::default_path() else {
        return Err(Error::config(crate::tr!("audit-no-data-dir"))
            .with_hint(crate::tr!("audit-no-data-dir-hint")));
    };
    let dir = default.parent().map(Path::to_path_buf).unwrap_or_default();
    if !default.exists() && !dir.join(JSONL_NAME).exists() {
        return Ok(None);
    }
    Journal::open(default).map(Some)
}

/// The default journal's path, for messages.
pub fn default_journal_path() -> PathBuf {
    Journal::default_path().unwrap_or_else(|| PathBuf::from(FILE_NAME))
}

/// A date (`YYYY-MM-DD`, a UTC day) or an RFC 3339 time. `end`: a date stands for the end of
/// its day (so `--until 2025-06-30` includes June 30).
pub fn parse_time(s: &str, what: &str, end: bool) -> Result<OffsetDateTime> {
    let date_fmt = time::macros::format_description!("[year]-[month]-[day]");
    if let Ok(d) = Date::parse(s, &date_fmt) {
        let start = d.with_time(Time::MIDNIGHT).assume_utc();
        return Ok(if end {
            start + time::Duration::days(1)
        } else {
            start
        });
    }
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).map_err(|_| {
        Error::input(crate::tr!("audit-bad-time", flag = what, value = s))
            .with_hint(crate::tr!("audit-bad-time-hint"))
    })
}

/// The filters as the report shows them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    pub patient: Option<String>,
    pub practitioner: Option<String>,
    pub modes: Vec<String>,
    pub transactions: Vec<String>,
    pub results: Vec<Outcome>,
    pub since: Option<String>,
    pub until: Option<String>,
}

impl Filters {
    pub fn to_filter(&self) -> Filter {
        Filter {
            patient: self.patient.clone(),
            practitioner: self.practitioner.clone(),
            modes: self.modes.clone(),
            transactions: self.transactions.clone(),
            results: self.results.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
        }
    }

    /// For people: "patient 2800…, mode bris_de_glace" or "none".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.patient {
            parts.push(crate::tr!("audit-filter-patient", patient = p));
        }
        if let Some(p) = &self.practitioner {
            parts.push(crate::tr!("audit-filter-practitioner", practitioner = p));
        }
        let or = crate::tr!("audit-filter-or");
        if !self.modes.is_empty() {
            parts.push(crate::tr!(
                "audit-filter-mode",
                modes = self.modes.join(&or)
            ));
        }
        if !self.transactions.is_empty() {
            parts.push(crate::tr!(
                "audit-filter-transaction",
                transactions = self.transactions.join(&or)
            ));
        }
        if !self.results.is_empty() {
            let r: Vec<&str> = self.results.iter().map(|r| r.code()).collect();
            parts.push(crate::tr!("audit-filter-result", results = r.join(&or)));
        }
        if let Some(t) = &self.since {
            parts.push(crate::tr!("audit-filter-since", time = t));
        }
        if let Some(t) = &self.until {
            parts.push(crate::tr!("audit-filter-until", time = t));
        }
        if parts.is_empty() {
            crate::tr!("audit-filter-none")
        } else {
            parts.join(", ")
        }
    }

    pub fn since_time(t: OffsetDateTime) -> String {
        stamp(t)
    }
}

/// `dmp report access`: the records that pass the filters, oldest first.
#[derive(Debug, Serialize)]
pub struct AccessReport {
    /// The journal read (none yet: no record).
    pub journal: String,
    pub filters: Filters,
    pub records: Vec<Record>,
    /// The chain's state when the report was made: a report drawn from a damaged journal
    /// says so.
    pub chain: ChainState,
}

/// The chain, in a report.
#[derive(Debug, Clone, Serialize)]
pub struct ChainState {
    pub intact: bool,
    pub last_entry: Option<i64>,
    pub last_hash: Option<String>,
    /// What is broken, where.
    pub problem: Option<String>,
}

impl ChainState {
    fn of(v: &Verification) -> ChainState {
        ChainState {
            intact: v.broken.is_none(),
            last_entry: v.last_entry,
            last_hash: v.last_hash.clone(),
            problem: v.broken.as_ref().map(|b| {
                crate::tr!(
                    "audit-chain-problem",
                    kind = b.kind.word(),
                    entry = b.entry,
                    detail = &b.detail
                )
            }),
        }
    }
}

pub fn access(journal: Option<&Path>, filters: Filters) -> Result<AccessReport> {
    let Some(j) = open_journal(journal)? else {
        return Ok(AccessReport {
            journal: default_journal_path().display().to_string(),
            filters,
            records: Vec::new(),
            chain: ChainState {
                intact: true,
                last_entry: None,
                last_hash: None,
                problem: None,
            },
        });
    };
    let records = j.records(&filters.to_filter())?;
    let chain = ChainState::of(&j.verify()?);
    Ok(AccessReport {
        journal: j.path().display().to_string(),
        filters,
        records,
        chain,
    })
}

/// What a summary row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SummaryBy {
    Patient,
    Practitioner,
}

/// Counts of results and modes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub records: u64,
    pub done: u64,
    pub refused_by_client: u64,
    pub refused_by_dmp: u64,
    pub failed: u64,
    pub unknown: u64,
    pub emergency: u64,
    pub regulation: u64,
    /// Emergency or regulation accesses done (for the chart).
    #[serde(skip)]
    pub urgent_done: u64,
}

impl Counts {
    pub fn add(&mut self, r: &Record) {
        self.records += 1;
        match r.result {
            Outcome::Done => self.done += 1,
            Outcome::RefusedByClient => self.refused_by_client += 1,
            Outcome::RefusedByDmp => self.refused_by_dmp += 1,
            Outcome::Failed => self.failed += 1,
            Outcome::Unknown => self.unknown += 1,
        }
        if r.is_emergency() {
            self.emergency += 1;
        }
        if r.is_regulation() {
            self.regulation += 1;
        }
        if r.result == Outcome::Done && (r.is_emergency() || r.is_regulation()) {
            self.urgent_done += 1;
        }
    }

    pub fn refused(&self) -> u64 {
        self.refused_by_client + self.refused_by_dmp
    }
}

/// One patient (with the practitioners who accessed their DMP) or one practitioner (with the
/// patients whose DMP they accessed).
#[derive(Debug, Clone, Serialize)]
pub struct SummaryRow {
    /// The patient's INS, or the practitioner's national id (else the structure's id).
    pub key: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// The practitioners (patient summary) or the patients (practitioner summary).
    pub others: Vec<String>,
    pub first: String,
    pub last: String,
}

/// Who acted: the practitioner, and the structure when they acted through its certificate
/// (indirect mode).
pub fn who(r: &Record) -> String {
    let indirect = r.auth_mode.as_deref() == Some("indirect");
    match (&r.practitioner, &r.structure_id) {
        (Some(p), Some(s)) if indirect => format!("{p} via structure {s}"),
        (Some(p), _) => p.clone(),
        (None, Some(s)) => format!("structure {s}"),
        (None, None) => "unknown".into(),
    }
}

pub fn summarize(records: &[Record], by: SummaryBy) -> Vec<SummaryRow> {
    let mut rows: BTreeMap<String, (Counts, BTreeSet<String>, String, String)> = BTreeMap::new();
    for r in records {
        let (key, other) = match by {
            SummaryBy::Patient => (
                r.patient.clone().unwrap_or_else(|| "(no patient)".into()),
                Some(who(r)),
            ),
            SummaryBy::Practitioner => (who(r), r.patient.clone()),
        };
        let e = rows.entry(key).or_insert_with(|| {
            (
                Counts::default(),
                BTreeSet::new(),
                r.time.clone(),
                r.time.clone(),
            )
        });
        e.0.add(r);
        e.1.extend(other);
        if r.time < e.2 {
            e.2 = r.time.clone();
        }
        if r.time > e.3 {
            e.3 = r.time.clone();
        }
    }
    rows.into_iter()
        .map(|(key, (counts, others, first, last))| SummaryRow {
            key,
            counts,
            others: others.into_iter().collect(),
            first,
            last,
        })
        .collect()
}

/// One day of the chart.
#[derive(Debug, Clone, Serialize)]
pub struct DayRow {
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// The records counted per UTC day, every day from the first to the last (days without a
/// record included, so the chart's gaps show).
pub fn per_day(records: &[Record]) -> Vec<DayRow> {
    let mut days: BTreeMap<Date, Counts> = BTreeMap::new();
    for r in records {
        if let Some(t) = r.when() {
            days.entry(t.date()).or_default().add(r);
        }
    }
    let (Some(first), Some(last)) = (
        days.keys().next().copied(),
        days.keys().next_back().copied(),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut d = first;
    while d <= last {
        out.push(DayRow {
            date: d.to_string(),
            counts: days.remove(&d).unwrap_or_default(),
        });
        match d.next_day() {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// `dmp audit verify`.
#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub journal: String,
    /// False when there is no journal yet.
    pub exists: bool,
    pub intact: bool,
    #[serde(flatten)]
    pub verification: Option<Verification>,
}

pub fn verify(journal: Option<&Path>) -> Result<VerifyReport> {
    let Some(j) = open_journal(journal)? else {
        return Ok(VerifyReport {
            journal: default_journal_path().display().to_string(),
            exists: false,
            intact: true,
            verification: None,
        });
    };
    let v = j.verify()?;
    Ok(VerifyReport {
        journal: j.path().display().to_string(),
        exists: true,
        intact: v.broken.is_none(),
        verification: Some(v),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(n: i64, time: &str, patient: &str, who: &str, mode: &str, result: Outcome) -> Record {
        Record {
            number: n,
            time: time.into(),
            completed: None,
            run: None,
            os_user: None,
            host: None,
            practitioner: Some(who.into()),
            auth_mode: Some("direct".into()),
            structure_id: None,
            card_serial: None,
            structure_certificate: None,
            patient: Some(patient.into()),
            transaction: Some("TD3.1".into()),
            detail: None,
            mode: Some(mode.into()),
            reason: None,
            consent: None,
            message_id: None,
            result,
            rule: None,
            dmp_code: None,
            message: None,
            documents: vec![],
            migrated_from: None,
        }
    }

    fn sample() -> Vec<Record> {
        vec![
            rec(
                1,
                "2025-06-01T08:00:00.000000Z",
                "A",
                "P1",
                "normal",
                Outcome::Done,
            ),
            rec(
                2,
                "2025-06-01T09:00:00.000000Z",
                "A",
                "P2",
                "bris_de_glace",
                Outcome::Done,
            ),
            rec(
                3,
                "2025-06-03T09:00:00.000000Z",
                "B",
                "P1",
                "centre_15",
                Outcome::RefusedByClient,
            ),
            rec(
                4,
                "2025-06-03T10:00:00.000000Z",
                "A",
                "P1",
                "normal",
                Outcome::Unknown,
            ),
        ]
    }

    #[test]
    fn summaries_count_per_patient_and_per_practitioner() {
        let by_patient = summarize(&sample(), SummaryBy::Patient);
        assert_eq!(by_patient.len(), 2);
        let a = &by_patient[0];
        assert_eq!(a.key, "A");
        assert_eq!(
            (a.counts.records, a.counts.done, a.counts.unknown),
            (3, 2, 1)
        );
        assert_eq!(a.counts.emergency, 1);
        assert_eq!(a.others, ["P1", "P2"]);
        assert_eq!(a.first, "2025-06-01T08:00:00.000000Z");
        assert_eq!(a.last, "2025-06-03T10:00:00.000000Z");
        let by_pract = summarize(&sample(), SummaryBy::Practitioner);
        let p1 = &by_pract[0];
        assert_eq!(p1.key, "P1");
        assert_eq!((p1.counts.records, p1.counts.refused()), (3, 1));
        assert_eq!(p1.counts.regulation, 1);
        assert_eq!(p1.others, ["A", "B"]);
    }

    #[test]
    fn the_chart_has_every_day_from_first_to_last() {
        let days = per_day(&sample());
        let dates: Vec<&str> = days.iter().map(|d| d.date.as_str()).collect();
        assert_eq!(dates, ["2025-06-01", "2025-06-02", "2025-06-03"]);
        assert_eq!(days[0].counts.records, 2);
        assert_eq!(days[1].counts.records, 0);
        assert_eq!(days[2].counts.refused_by_client, 1);
        assert!(per_day(&[]).is_empty());
    }

    #[test]
    fn a_date_until_includes_its_day() {
        let since = parse_time("2025-06-30", "--since", false).unwrap();
        let until = parse_time("2025-06-30", "--until", true).unwrap();
        assert_eq!(stamp(since), "2025-06-30T00:00:00.000000Z");
        assert_eq!(stamp(until), "2025-07-01T00:00:00.000000Z");
        let t = parse_time("2025-06-30T14:00:00+02:00", "--since", false).unwrap();
        assert_eq!(stamp(t), "2025-06-30T12:00:00.000000Z");
        assert!(parse_time("30/06/2025", "--since", false).is_err());
    }
}
