//! `dmp audit verify` and `dmp report access`: the local audit journal for people (tables, a
//! per-day chart, emergency, regulation and refused accesses flagged, coloured on a terminal
//! only), for scripts (JSON, CSV) and for a data-protection officer (a printable HTML page,
//! [`super::report_html`]).

use std::io::IsTerminal;

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, Color, Table};

use super::args::{
    AuditVerifyArgs, OutputFormat, ReportAccessArgs, ReportModeArg, ReportResultArg, SummaryArg,
};
use super::output::{fit, keep_words_whole, Output};
use crate::commands::access::neutralize_controls;
use crate::commands::audit::{self, AccessReport, Counts, DayRow, Filters, SummaryBy, SummaryRow};
use crate::commands::audit_forward;
use crate::config::Profile;
use crate::dmp::catalogue::{Tx, CATALOGUE};
use crate::error::{Error, ErrorKind, Result};
use crate::journal::{Outcome, Record};
use crate::model::ins::{Ins, InsAuthority};

fn io_err(e: std::io::Error) -> Error {
    Error::output(&crate::tr!("output-the-output"), e)
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
        Some(last) => o.line(crate::tr!(
            "render-forward-sent",
            count = f.sent,
            repository = &f.repository,
            last = last
        ))?,
        None => o.line(crate::tr!(
            "render-forward-nothing",
            repository = &f.repository
        ))?,
    }
    if f.queued > 0 {
        o.line(crate::tr!("render-forward-queued", count = f.queued))?;
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
        o.line(crate::tr!("render-verify-no-journal", journal = &r.journal))?;
    } else if let Some(v) = &r.verification {
        match &v.broken {
            None => {
                o.line(crate::tr!(
                    "render-verify-intact",
                    journal = &r.journal,
                    records = v.records,
                    entries = v.entries
                ))?;
                if let (Some(n), Some(t), Some(h)) = (v.last_entry, &v.last_time, &v.last_hash) {
                    o.line(crate::tr!(
                        "render-verify-last-entry",
                        entry = n,
                        time = show_time(t),
                        hash = h
                    ))?;
                    o.line(crate::tr!("render-verify-note-hash"))?;
                }
            }
            Some(b) => {
                o.line(crate::tr!(
                    "render-verify-broken",
                    journal = &r.journal,
                    entry = b.entry,
                    time = b
                        .time
                        .as_deref()
                        .map(show_time)
                        .unwrap_or_else(|| crate::tr!("render-time-unknown")),
                    detail = &b.detail
                ))?;
            }
        }
    }
    match r.verification.as_ref().and_then(|v| v.broken.as_ref()) {
        None => Ok(()),
        Some(b) => Err(Error::new(
            ErrorKind::CheckFailed,
            crate::tr!(
                "render-verify-broken-error",
                entry = b.entry,
                kind = b.kind.word(),
                detail = &b.detail
            ),
        )
        .with_hint(crate::tr!("render-verify-broken-hint"))),
    }
}

fn csv_not_here(what: &str) -> Error {
    Error::usage(crate::tr!("render-csv-not-here", command = what))
        .with_hint(crate::tr!("render-csv-not-here-hint"))
}

/// A stored time for people, to the second: `2025-06-30 14:03:27` (UTC) in English (see
/// [`crate::model::timestamp::display_stored`]).
fn show_time(t: &str) -> String {
    crate::model::timestamp::display_stored(t)
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
                Error::usage(crate::tr!("render-no-such-transaction", transaction = t))
                    .with_hint(crate::tr!("render-one-of", values = known.join(", "))),
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
            return Err(Error::usage(crate::tr!("render-until-before-since"))
                .with_hint(crate::tr!("render-until-before-since-hint")));
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
        o.notice(crate::tr!(
            "render-html-written",
            count = report.records.len(),
            path = path
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
        o.warn(crate::tr!(
            "render-chain-broken-warning",
            problem = p.to_string()
        ));
    }
    Ok(())
}

/// A flag of [`flags`] for people, in the run's language (CSV keeps the flags as they are).
pub fn flag_word(flag: &str) -> String {
    match flag {
        "EMERGENCY" => crate::tr!("render-flag-emergency"),
        "REGULATION" => crate::tr!("render-flag-regulation"),
        "REFUSED" => crate::tr!("render-flag-refused"),
        "FAILED" => crate::tr!("render-flag-failed"),
        "UNKNOWN" => crate::tr!("render-flag-unknown"),
        other => other.to_string(),
    }
}

/// [`flags`] for people, separated by spaces.
pub fn flag_words(r: &Record) -> String {
    flags(r)
        .into_iter()
        .map(flag_word)
        .collect::<Vec<_>>()
        .join(" ")
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
pub fn mode_word(m: Option<&str>) -> String {
    match m {
        Some("bris_de_glace") => crate::tr!("render-mode-emergency"),
        Some("centre_15") => crate::tr!("render-mode-regulation"),
        Some("normal") => crate::tr!("render-mode-normal"),
        _ => "-".to_string(),
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
        parts.push(crate::tr!("render-what-rule", rule = rule));
    }
    if let Some(c) = &r.dmp_code {
        parts.push(crate::tr!("render-what-dmp-code", code = c));
    }
    if let Some(m) = &r.message {
        parts.push(m.clone());
    }
    if !r.documents.is_empty() {
        parts.push(crate::tr!(
            "render-what-documents",
            documents = r.documents.join(" ")
        ));
    }
    if let Some(reason) = &r.reason {
        parts.push(crate::tr!("render-what-reason", reason = reason));
    }
    if let Some(c) = &r.consent {
        parts.push(crate::tr!("render-what-consent", consent = c));
    }
    parts.join("; ")
}

/// A table fitted to the terminal, the columns at the indexes `ids` never wrapped.
fn table(header: &[String], ids: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_header(header.to_vec());
    // The width is fixed before styling: `force_no_tty` would hide the terminal's.
    fit(&mut t, header.len(), ids);
    if colour() {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn records_text(o: &mut Output, report: &AccessReport) -> Result<()> {
    if report.records.is_empty() {
        return o.line(crate::tr!(
            "render-no-access-in",
            journal = &report.journal,
            filters = report.filters.describe()
        ));
    }
    let header = [
        "#".to_string(),
        crate::tr!("render-h-time"),
        crate::tr!("render-h-flag"),
        crate::tr!("render-h-practitioner"),
        crate::tr!("render-h-patient"),
        crate::tr!("render-h-tx"),
        crate::tr!("render-h-mode"),
        crate::tr!("render-h-result"),
        crate::tr!("render-h-what"),
    ];
    let mut t = table(&header, &[4]);
    let paint = colour();
    for r in &report.records {
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
            flag_words(r),
            audit::who(r),
            r.patient.clone().unwrap_or_else(|| "-".into()),
            r.transaction.clone().unwrap_or_default(),
            mode_word(r.mode.as_deref()),
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
    keep_words_whole(&mut t);
    writeln!(o.out, "{t}").map_err(io_err)?;
    let mut c = Counts::default();
    for r in &report.records {
        c.add(r);
    }
    o.line(crate::tr!(
        "render-records-summary",
        records = c.records,
        done = c.done,
        refused = c.refused(),
        failed = c.failed,
        unknown = c.unknown,
        emergency = c.emergency,
        regulation = c.regulation,
        filters = report.filters.describe()
    ))
}

fn summary_text(o: &mut Output, by: SummaryBy, rows: &[SummaryRow]) -> Result<()> {
    if rows.is_empty() {
        return o.line(crate::tr!("render-no-access"));
    }
    let (key, others) = match by {
        SummaryBy::Patient => (
            crate::tr!("render-f-patient-ins"),
            crate::tr!("render-h-practitioners"),
        ),
        SummaryBy::Practitioner => (
            crate::tr!("render-h-practitioner"),
            crate::tr!("render-h-patients"),
        ),
    };
    let header = [
        key,
        crate::tr!("render-h-records"),
        crate::tr!("render-h-done"),
        crate::tr!("render-h-refused"),
        crate::tr!("render-h-failed"),
        crate::tr!("render-h-unknown"),
        crate::tr!("render-h-emergency"),
        crate::tr!("render-h-regulation"),
        others,
        crate::tr!("render-h-first"),
        crate::tr!("render-h-last"),
    ];
    let mut t = table(
        &header,
        // An INS is copied into other commands; a practitioner's line is a name.
        match by {
            SummaryBy::Patient => &[0],
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
    keep_words_whole(&mut t);
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
        return o.line(crate::tr!("render-no-access"));
    }
    o.line(crate::tr!(
        "render-chart-legend",
        done = GLYPH_DONE.to_string(),
        urgent = GLYPH_URGENT.to_string(),
        refused = GLYPH_REFUSED.to_string(),
        other = GLYPH_OTHER.to_string()
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
            notes.push(crate::tr!(
                "render-chart-emergency",
                count = d.counts.emergency
            ));
        }
        if d.counts.regulation > 0 {
            notes.push(crate::tr!(
                "render-chart-regulation",
                count = d.counts.regulation
            ));
        }
        if d.counts.refused() > 0 {
            notes.push(crate::tr!(
                "render-chart-refused",
                count = d.counts.refused()
            ));
        }
        if d.counts.failed + d.counts.unknown > 0 {
            notes.push(crate::tr!(
                "render-chart-failed",
                count = d.counts.failed + d.counts.unknown
            ));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!("  ({})", notes.join(", "))
        };
        o.line(format!(
            "{} │{bar} {}{notes}",
            crate::model::timestamp::display_day(&d.date),
            d.counts.records
        ))?;
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
        other => Error::internal(crate::tr!("output-csv-write", error = format!("{other:?}"))),
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
        // The English form (the language of unit tests unless one sets another).
        assert_eq!(
            crate::i18n::format_in(crate::i18n::Lang::En, "render-h-time", &[]),
            "Time (UTC)"
        );
        let t = time::OffsetDateTime::parse(
            "2025-06-30T14:03:27.123456Z",
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert_eq!(
            crate::model::timestamp::display_seconds_in(
                t,
                crate::i18n::Lang::En,
                Some(time::UtcOffset::UTC)
            ),
            "2025-06-30 14:03:27"
        );
    }
}
