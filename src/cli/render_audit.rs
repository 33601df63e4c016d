//! `dmp audit verify` and `dmp report access`: the local audit journal for people (tables, a
//! per-day chart, emergency, regulation and refused accesses flagged, coloured on a terminal
//! only), for scripts (JSON, CSV) and for a data-protection officer (a printable HTML page,
//! [`super::report_html`]).

use std::io::IsTerminal;

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Color, Table};

use super::args::{
    AuditVerifyArgs, OutputFormat, ReportAccessArgs, ReportModeArg, ReportResultArg, SummaryArg,
};
use super::output::{fit, Output};
use crate::commands::access::neutralize_controls;
use crate::commands::audit::{self, AccessReport, Counts, DayRow, Filters, SummaryBy, SummaryRow};
use crate::commands::audit_forward;
use crate::config::Profile;
use crate::dmp::catalogue::{Tx, CATALOGUE};
use crate::error::{Error, ErrorKind, Result};
use crate::journal::{Outcome, Record};
use crate::model::ins::{Ins, InsAuthority};

fn io_err(e: std::io::Error) -> Error {
    Error::output("the output", e)
}

/// Colours for a person at a terminal who did not ask for none (https://no-color.org).
fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn audit_forward(profile: &Profile, o: &mut Output) -> Result<()> {
    if o.format == OutputFormat::Csv {
        return Err(csv_not_here("audit forward"));
    }
    let f = audit_forward::forward_journal(profile, None)?;
    if o.is_json() {
        return o.json(&f);
    }
    match f.last {
        Some(last) => o.line(format!(
            "Sent {} record(s) to the audit repository {}, up to record {last}.",
            f.sent, f.repository
        ))?,
        None => o.line(format!(
            "Nothing to send to the audit repository {}: every complete record was already sent.",
            f.repository
        ))?,
    }
    if f.queued > 0 {
        o.line(format!(
            "{} record(s) stay queued behind a transaction that may still be under way; they go once it completes (or, if its process is gone, as \"outcome unknown\").",
            f.queued
        ))?;
    }
    Ok(())
}

pub fn audit_verify(a: &AuditVerifyArgs, o: &mut Output) -> Result<()> {
    if o.format == OutputFormat::Csv {
        return Err(csv_not_here("audit verify"));
    }
    let r = audit::verify(a.journal.as_deref())?;
    if o.is_json() {
        o.json(&r)?;
    } else if !r.exists {
        o.line(format!(
            "No audit journal yet at {}: nothing to verify.",
            r.journal
        ))?;
    } else if let Some(v) = &r.verification {
        match &v.broken {
            None => {
                o.line(format!(
                    "The audit journal {} is intact: {} records in {} entries, every link of the chain holds.",
                    r.journal, v.records, v.entries
                ))?;
                if let (Some(n), Some(t), Some(h)) = (v.last_entry, &v.last_time, &v.last_hash) {
                    o.line(format!("Last entry: {n} ({}), hash {h}", show_time(t)))?;
                    o.line("Note this hash elsewhere: a later verify that still reaches it proves nothing before it changed.")?;
                }
            }
            Some(b) => {
                o.line(format!(
                    "The audit journal {} is BROKEN at entry {} ({}): {}.",
                    r.journal,
                    b.entry,
                    b.time
                        .as_deref()
                        .map(show_time)
                        .unwrap_or_else(|| "time unknown".into()),
                    b.detail
                ))?;
            }
        }
    }
    match r.verification.as_ref().and_then(|v| v.broken.as_ref()) {
        None => Ok(()),
        Some(b) => Err(Error::new(
            ErrorKind::CheckFailed,
            format!(
                "the audit journal's chain is broken at entry {}: {} ({})",
                b.entry,
                b.kind.word(),
                b.detail
            ),
        )
        .with_hint("the journal was changed outside dmp: keep this file as evidence (copy it with its -wal file), tell whoever is in charge of data protection, and compare with a backup or the audit repository")),
    }
}

fn csv_not_here(what: &str) -> Error {
    Error::usage(format!("--output csv is for reports, not for `dmp {what}`"))
        .with_hint("use --output text or json")
}

/// A stored time for people: `2025-06-30 14:03:27` (UTC).
fn show_time(t: &str) -> String {
    let t = t.trim_end_matches('Z');
    let t = t.split('.').next().unwrap_or(t);
    t.replacen('T', " ", 1)
}

fn filters(a: &ReportAccessArgs) -> Result<Filters> {
    let patient = a
        .ins
        .as_deref()
        .map(|s| Ins::parse_with_default(s, InsAuthority::Nir).map(|i| i.number().to_string()))
        .transpose()?;
    let mut transactions = Vec::new();
    for t in &a.transaction {
        let code = t.trim().to_uppercase();
        if Tx::from_code(&code).is_none() {
            let known: Vec<&str> = CATALOGUE.iter().map(|d| d.code).collect();
            return Err(
                Error::usage(format!("--transaction {t}: no such transaction"))
                    .with_hint(format!("one of {}", known.join(", "))),
            );
        }
        transactions.push(code);
    }
    let mut results = Vec::new();
    for r in &a.result {
        match r {
            ReportResultArg::Done => results.push(Outcome::Done),
            ReportResultArg::Refused => {
                results.extend([Outcome::RefusedByClient, Outcome::RefusedByDmp])
            }
            ReportResultArg::RefusedByClient => results.push(Outcome::RefusedByClient),
            ReportResultArg::RefusedByDmp => results.push(Outcome::RefusedByDmp),
            ReportResultArg::Failed => results.push(Outcome::Failed),
            ReportResultArg::Unknown => results.push(Outcome::Unknown),
        }
    }
    results.sort();
    results.dedup();
    let since = a
        .since
        .as_deref()
        .map(|s| audit::parse_time(s, "--since", false))
        .transpose()?;
    let until = a
        .until
        .as_deref()
        .map(|s| audit::parse_time(s, "--until", true))
        .transpose()?;
    if let (Some(s), Some(u)) = (since, until) {
        if u <= s {
            return Err(Error::usage("--until is not after --since")
                .with_hint("give the period's first day with --since and its last with --until"));
        }
    }
    Ok(Filters {
        patient,
        practitioner: a.practitioner.clone(),
        modes: a
            .access_mode
            .iter()
            .map(|m| {
                match m {
                    ReportModeArg::Normal => "normal",
                    ReportModeArg::Emergency => "bris_de_glace",
                    ReportModeArg::Regulation => "centre_15",
                }
                .to_string()
            })
            .collect(),
        transactions,
        results,
        since: since.map(Filters::since_time),
        until: until.map(Filters::since_time),
    })
}

pub fn report_access(a: &ReportAccessArgs, o: &mut Output) -> Result<()> {
    let report = audit::access(a.journal.as_deref(), filters(a)?)?;
    if let Some(path) = &a.html {
        super::report_html::write(path, &report)?;
        if o.is_json() {
            return o.json(&serde_json::json!({
                "html": path.display().to_string(),
                "records": report.records.len(),
                "chain": report.chain,
            }));
        }
        o.notice(format!(
            "{} records written to {} (readable by you alone: it names patients)",
            report.records.len(),
            path.display()
        ));
        return chain_warning(&report, o);
    }
    match (a.summary, a.chart) {
        (Some(by), _) => {
            let by = match by {
                SummaryArg::Patient => SummaryBy::Patient,
                SummaryArg::Practitioner => SummaryBy::Practitioner,
            };
            let rows = audit::summarize(&report.records, by);
            match o.format {
                OutputFormat::Json => o.json(&serde_json::json!({
                    "journal": report.journal,
                    "filters": report.filters,
                    "chain": report.chain,
                    "summary": by,
                    "rows": rows,
                }))?,
                OutputFormat::Csv => summary_csv(o, by, &rows)?,
                OutputFormat::Text => summary_text(o, by, &rows)?,
            }
        }
        (None, true) => {
            let days = audit::per_day(&report.records);
            match o.format {
                OutputFormat::Json => o.json(&serde_json::json!({
                    "journal": report.journal,
                    "filters": report.filters,
                    "chain": report.chain,
                    "days": days,
                }))?,
                OutputFormat::Csv => days_csv(o, &days)?,
                OutputFormat::Text => chart_text(o, &days)?,
            }
        }
        (None, false) => match o.format {
            OutputFormat::Json => o.json(&report)?,
            OutputFormat::Csv => records_csv(o, &report.records)?,
            OutputFormat::Text => records_text(o, &report)?,
        },
    }
    chain_warning(&report, o)
}

/// A report drawn from a damaged journal says so on stderr (the JSON carries `chain`).
fn chain_warning(report: &AccessReport, o: &Output) -> Result<()> {
    if let Some(p) = &report.chain.problem {
        o.warn(format!(
            "the audit journal's chain is broken ({p}): run `dmp audit verify`; this report may not show what happened"
        ));
    }
    Ok(())
}

/// The flags of a record: what must stand out.
pub fn flags(r: &Record) -> Vec<&'static str> {
    let mut f = Vec::new();
    if r.is_emergency() {
        f.push("EMERGENCY");
    }
    if r.is_regulation() {
        f.push("REGULATION");
    }
    match r.result {
        Outcome::RefusedByClient | Outcome::RefusedByDmp => f.push("REFUSED"),
        Outcome::Failed => f.push("FAILED"),
        Outcome::Unknown => f.push("UNKNOWN"),
        Outcome::Done => {}
    }
    f
}

/// The mode for people.
pub fn mode_word(m: Option<&str>) -> &'static str {
    match m {
        Some("bris_de_glace") => "emergency",
        Some("centre_15") => "regulation",
        Some("normal") => "normal",
        _ => "-",
    }
}

/// Detail, rule, DMP code and message in one cell.
pub fn what(r: &Record) -> String {
    let mut parts = Vec::new();
    // A refusal's detail is the matrix row its rule already names.
    if let Some(d) = r.detail.as_ref().filter(|d| {
        !r.rule
            .as_deref()
            .is_some_and(|rule| rule.contains(d.as_str()))
    }) {
        parts.push(d.clone());
    }
    if let Some(rule) = &r.rule {
        parts.push(format!("rule {rule}"));
    }
    if let Some(c) = &r.dmp_code {
        parts.push(format!("DMP code {c}"));
    }
    if let Some(m) = &r.message {
        parts.push(m.clone());
    }
    if !r.documents.is_empty() {
        parts.push(format!("documents: {}", r.documents.join(" ")));
    }
    if let Some(reason) = &r.reason {
        parts.push(format!("reason: {reason}"));
    }
    if let Some(c) = &r.consent {
        parts.push(format!("consent: {c}"));
    }
    parts.join("; ")
}

/// A table fitted to the terminal, the columns named in `ids` never wrapped.
fn table(header: &[&str], ids: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_header(header.to_vec());
    // The width is fixed before styling: `force_no_tty` would hide the terminal's.
    fit(&mut t, header, ids);
    if colour() {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn records_text(o: &mut Output, report: &AccessReport) -> Result<()> {
    if report.records.is_empty() {
        return o.line(format!(
            "No access recorded in {} (filters: {}).",
            report.journal,
            report.filters.describe()
        ));
    }
    let mut t = table(
        &[
            "#",
            "Time (UTC)",
            "Flag",
            "Practitioner",
            "Patient",
            "Tx",
            "Mode",
            "Result",
            "What",
        ],
        &["Patient"],
    );
    let paint = colour();
    for r in &report.records {
        let flags = flags(r);
        let colour_of = if r.result.is_refusal() {
            Some(Color::Yellow)
        } else if r.is_emergency() {
            Some(Color::Red)
        } else if r.is_regulation() {
            Some(Color::Magenta)
        } else if matches!(r.result, Outcome::Failed | Outcome::Unknown) {
            Some(Color::DarkGrey)
        } else {
            None
        };
        let cells = [
            r.number.to_string(),
            show_time(&r.time),
            flags.join(" "),
            audit::who(r),
            r.patient.clone().unwrap_or_else(|| "-".into()),
            r.transaction.clone().unwrap_or_default(),
            mode_word(r.mode.as_deref()).to_string(),
            r.result.code().to_string(),
            what(r),
        ];
        t.add_row(cells.into_iter().map(|c| {
            let cell = Cell::new(neutralize_controls(&c));
            match colour_of {
                Some(col) if paint => cell.fg(col),
                _ => cell,
            }
        }));
    }
    writeln!(o.out, "{t}").map_err(io_err)?;
    let mut c = Counts::default();
    for r in &report.records {
        c.add(r);
    }
    o.line(format!(
        "{} records: {} done, {} refused, {} failed, {} unknown; {} emergency, {} regulation. Filters: {}.",
        c.records,
        c.done,
        c.refused(),
        c.failed,
        c.unknown,
        c.emergency,
        c.regulation,
        report.filters.describe()
    ))
}

fn summary_text(o: &mut Output, by: SummaryBy, rows: &[SummaryRow]) -> Result<()> {
    if rows.is_empty() {
        return o.line("No access recorded.");
    }
    let (key, others) = match by {
        SummaryBy::Patient => ("Patient (INS)", "Practitioners"),
        SummaryBy::Practitioner => ("Practitioner", "Patients"),
    };
    let mut t = table(
        &[
            key,
            "Records",
            "Done",
            "Refused",
            "Failed",
            "Unknown",
            "Emergency",
            "Regulation",
            others,
            "First (UTC)",
            "Last (UTC)",
        ],
        // An INS is copied into other commands; a practitioner's line is a name.
        match by {
            SummaryBy::Patient => &["Patient (INS)"],
            SummaryBy::Practitioner => &[],
        },
    );
    let paint = colour();
    for r in rows {
        let c = &r.counts;
        let mut cells: Vec<Cell> = [
            r.key.clone(),
            c.records.to_string(),
            c.done.to_string(),
            c.refused().to_string(),
            c.failed.to_string(),
            c.unknown.to_string(),
            c.emergency.to_string(),
            c.regulation.to_string(),
            r.others.join(" "),
            show_time(&r.first),
            show_time(&r.last),
        ]
        .into_iter()
        .map(|s| Cell::new(neutralize_controls(&s)))
        .collect();
        if paint {
            for (i, n, col) in [
                (3, c.refused(), Color::Yellow),
                (6, c.emergency, Color::Red),
                (7, c.regulation, Color::Magenta),
            ] {
                if n > 0 {
                    cells[i] = cells[i].clone().fg(col);
                }
            }
        }
        t.add_row(cells);
    }
    writeln!(o.out, "{t}").map_err(io_err)
}

/// Bar glyphs, one per category, so the chart reads without colour.
const GLYPH_DONE: char = '█';
const GLYPH_URGENT: char = '▓';
const GLYPH_REFUSED: char = '░';
const GLYPH_OTHER: char = '·';
const BAR_WIDTH: u64 = 50;

/// A day's records by category, each once: done in normal mode, done in emergency or
/// regulation mode, refused, failed or unknown.
pub fn categories(c: &Counts) -> [u64; 4] {
    [
        c.done.saturating_sub(c.urgent_done),
        c.urgent_done,
        c.refused(),
        c.failed + c.unknown,
    ]
}

fn chart_text(o: &mut Output, days: &[DayRow]) -> Result<()> {
    if days.is_empty() {
        return o.line("No access recorded.");
    }
    o.line(format!(
        "Accesses per day (UTC): {GLYPH_DONE} done  {GLYPH_URGENT} emergency or regulation (done)  {GLYPH_REFUSED} refused  {GLYPH_OTHER} failed or unknown"
    ))?;
    let max = days
        .iter()
        .map(|d| d.counts.records)
        .max()
        .unwrap_or(0)
        .max(1);
    for d in days {
        let cats = categories(&d.counts);
        let mut bar = String::new();
        for (n, glyph) in cats
            .iter()
            .zip([GLYPH_DONE, GLYPH_URGENT, GLYPH_REFUSED, GLYPH_OTHER])
        {
            let len = if *n == 0 {
                0
            } else {
                // At least one glyph, so that a single refusal on a busy day still shows.
                ((n * BAR_WIDTH + max / 2) / max).max(1)
            };
            bar.extend(std::iter::repeat_n(glyph, len as usize));
        }
        let mut notes = Vec::new();
        if d.counts.emergency > 0 {
            notes.push(format!("{} emergency", d.counts.emergency));
        }
        if d.counts.regulation > 0 {
            notes.push(format!("{} regulation", d.counts.regulation));
        }
        if d.counts.refused() > 0 {
            notes.push(format!("{} refused", d.counts.refused()));
        }
        if d.counts.failed + d.counts.unknown > 0 {
            notes.push(format!(
                "{} failed or unknown",
                d.counts.failed + d.counts.unknown
            ));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  ({})", notes.join(", "))
        };
        o.line(format!("{} │{bar} {}{notes}", d.date, d.counts.records))?;
    }
    Ok(())
}

/// A cell a spreadsheet would take for a formula is written as text (OWASP "CSV injection").
fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_err(io),
        other => Error::internal(format!("cannot write CSV: {other:?}")),
    }
}

fn write_rows(o: &mut Output, header: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut *o.out);
    w.write_record(header).map_err(csv_err)?;
    for r in rows {
        w.write_record(r.iter().map(|c| csv_cell(c)))
            .map_err(csv_err)?;
    }
    w.flush().map_err(io_err)
}

fn records_csv(o: &mut Output, records: &[Record]) -> Result<()> {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let rows = records
        .iter()
        .map(|r| {
            vec![
                r.number.to_string(),
                r.time.clone(),
                opt(&r.completed),
                flags(r).join(" "),
                opt(&r.practitioner),
                opt(&r.auth_mode),
                opt(&r.structure_id),
                opt(&r.card_serial),
                opt(&r.structure_certificate),
                opt(&r.os_user),
                opt(&r.host),
                opt(&r.run),
                opt(&r.patient),
                opt(&r.transaction),
                opt(&r.detail),
                opt(&r.mode),
                opt(&r.reason),
                opt(&r.consent),
                r.result.code().to_string(),
                opt(&r.rule),
                opt(&r.dmp_code),
                opt(&r.message),
                opt(&r.message_id),
                r.documents.join(" "),
            ]
        })
        .collect();
    write_rows(
        o,
        &[
            "number",
            "time",
            "completed",
            "flags",
            "practitioner",
            "auth_mode",
            "structure_id",
            "card_serial",
            "structure_certificate",
            "os_user",
            "host",
            "run",
            "patient",
            "transaction",
            "detail",
            "mode",
            "reason",
            "consent",
            "result",
            "rule",
            "dmp_code",
            "message",
            "message_id",
            "documents",
        ],
        rows,
    )
}

fn counts_cells(c: &Counts) -> Vec<String> {
    [
        c.records,
        c.done,
        c.refused_by_client,
        c.refused_by_dmp,
        c.failed,
        c.unknown,
        c.emergency,
        c.regulation,
    ]
    .iter()
    .map(u64::to_string)
    .collect()
}

const COUNT_COLUMNS: [&str; 8] = [
    "records",
    "done",
    "refused_by_client",
    "refused_by_dmp",
    "failed",
    "unknown",
    "emergency",
    "regulation",
];

fn summary_csv(o: &mut Output, by: SummaryBy, rows: &[SummaryRow]) -> Result<()> {
    let (key, others) = match by {
        SummaryBy::Patient => ("patient", "practitioners"),
        SummaryBy::Practitioner => ("practitioner", "patients"),
    };
    let mut header = vec![key];
    header.extend(COUNT_COLUMNS);
    header.extend([others, "first", "last"]);
    let rows = rows
        .iter()
        .map(|r| {
            let mut v = vec![r.key.clone()];
            v.extend(counts_cells(&r.counts));
            v.extend([r.others.join(" "), r.first.clone(), r.last.clone()]);
            v
        })
        .collect();
    write_rows(o, &header, rows)
}

fn days_csv(o: &mut Output, days: &[DayRow]) -> Result<()> {
    let mut header = vec!["date"];
    header.extend(COUNT_COLUMNS);
    let rows = days
        .iter()
        .map(|d| {
            let mut v = vec![d.date.clone()];
            v.extend(counts_cells(&d.counts));
            v
        })
        .collect();
    write_rows(o, &header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_looks_like_a_formula_is_text() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+33"), "'+33");
        assert_eq!(csv_cell("chute"), "chute");
    }

    #[test]
    fn stored_times_are_shown_to_the_second() {
        assert_eq!(
            show_time("2025-06-30T14:03:27.123456Z"),
            "2025-06-30 14:03:27"
        );
    }
}
