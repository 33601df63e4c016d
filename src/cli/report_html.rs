//! `dmp report access --html FILE`: the access report as one self-contained page (no script,
//! no external style or font) that a data-protection officer opens in a browser and prints.
//! Every value from the journal is escaped; the page is also well-formed XML. Emergency,
//! regulation and refused accesses stand out by a word in the Flag column and a coloured bar,
//! so they show on a black-and-white print too.

use std::path::Path;

use time::OffsetDateTime;

use super::render_audit::{categories, flag_words, mode_word, what};
use crate::commands::audit::{self, AccessReport, Counts, SummaryBy};
use crate::error::{Error, Result};
use crate::journal::record::stamp;

/// Text safe inside an element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no place in the page (and most are not XML).
            c if c.is_control() && c != '\n' && c != '\t' => {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 1.5em; }
h1 { font-size: 15pt; margin: 0 0 .4em 0; }
h2 { font-size: 12pt; margin: 1.4em 0 .4em 0; border-bottom: 1px solid #999; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .15em 1em; margin: 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.broken { color: #a00; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .2em .35em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; }
td.what { word-break: break-word; }
tr.emergency td:first-child, tr.regulation td:first-child, tr.refused td:first-child { border-left: 5px solid #888; }
tr.emergency { background: #fde2e2; }
tr.emergency td:first-child { border-left-color: #c00; }
tr.regulation { background: #f1e4f7; }
tr.regulation td:first-child { border-left-color: #80a; }
tr.refused { background: #fff3cd; }
tr.refused td:first-child { border-left-color: #b80; }
.flag { font-weight: bold; }
.bar { display: flex; height: .9em; min-width: 1px; }
.bar span { display: block; height: 100%; }
.seg-done { background: #4a7; }
.seg-urgent { background: #c00; }
.seg-refused { background: #e0a000; }
.seg-other { background: #999; }
.legend span.key { display: inline-block; width: 1em; height: .8em; margin: 0 .3em 0 1em; vertical-align: middle; }
p.foot { margin-top: 2em; font-size: 8pt; color: #555; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 8pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"#;

/// Writes the page to `path` (mode 0600, through a temporary file beside it).
pub fn write(path: &Path, report: &AccessReport) -> Result<()> {
    let page = render(report, OffsetDateTime::now_utc());
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| {
        Error::input(crate::tr!(
            "report-cannot-write",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("report-cannot-write-hint"))
    };
    if path.is_dir() {
        return Err(fail(std::io::Error::other(crate::tr!(
            "report-is-a-directory"
        ))));
    }
    // NamedTempFile is created 0600.
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    std::io::Write::write_all(&mut tmp, page.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A stored time, to the second (see [`crate::model::timestamp::display_stored`]).
fn show(t: &str) -> String {
    crate::model::timestamp::display_stored(t)
}

/// A message of the catalogue, escaped for the page.
fn text(key: &str) -> String {
    escape(&crate::i18n::tr_args(key, &[]))
}

fn counts_line(c: &Counts) -> String {
    crate::tr!(
        "report-counts",
        records = c.records,
        done = c.done,
        by_client = c.refused_by_client,
        by_dmp = c.refused_by_dmp,
        failed = c.failed,
        unknown = c.unknown,
        emergency = c.emergency,
        regulation = c.regulation
    )
}

/// The page.
pub fn render(report: &AccessReport, now: OffsetDateTime) -> String {
    let mut h = String::new();
    let mut total = Counts::default();
    for r in &report.records {
        total.add(r);
    }
    let host = report
        .records
        .iter()
        .rev()
        .find_map(|r| r.host.clone())
        .unwrap_or_default();
    h.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>{}{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        crate::i18n::lang().code(),
        text("report-title"),
        if host.is_empty() {
            String::new()
        } else {
            format!(" — {}", escape(&host))
        }
    ));
    h.push_str(&format!(
        "<div id=\"head\">\n<h1>{}</h1>\n<dl class=\"meta\">\n",
        text("report-heading")
    ));
    let mut meta = |k: String, v: String, class: Option<&str>| {
        h.push_str(&format!(
            "<dt>{}</dt><dd{}>{}</dd>\n",
            k,
            class.map(|c| format!(" class=\"{c}\"")).unwrap_or_default(),
            v
        ));
    };
    meta(
        text("report-generated"),
        escape(&crate::tr!(
            "report-generated-by",
            time = show(&stamp(now)),
            version = env!("CARGO_PKG_VERSION")
        )),
        None,
    );
    if !host.is_empty() {
        meta(text("report-workstation"), escape(&host), None);
    }
    meta(text("report-journal"), escape(&report.journal), None);
    meta(
        text("report-filters"),
        escape(&report.filters.describe()),
        None,
    );
    match (&report.chain.problem, report.chain.last_entry) {
        (Some(p), _) => meta(
            text("report-chain"),
            escape(&crate::tr!("report-chain-broken", problem = p.to_string())),
            Some("broken"),
        ),
        (None, Some(n)) => meta(
            text("report-chain"),
            escape(&crate::tr!(
                "report-chain-intact",
                entry = n,
                hash = report.chain.last_hash.as_deref().unwrap_or("")
            )),
            None,
        ),
        (None, None) => meta(text("report-chain"), text("report-chain-empty"), None),
    }
    meta(text("report-records"), escape(&counts_line(&total)), None);
    h.push_str("</dl>\n");
    h.push_str(&format!(
        "<p class=\"legend\">{}</p>\n</div>\n",
        crate::tr!(
            "report-flags-legend",
            emergency = format!(
                "<span class=\"flag\">{}</span>",
                text("render-flag-emergency")
            ),
            regulation = format!(
                "<span class=\"flag\">{}</span>",
                text("render-flag-regulation")
            ),
            refused = format!(
                "<span class=\"flag\">{}</span>",
                text("render-flag-refused")
            ),
            failed = format!("<span class=\"flag\">{}</span>", text("render-flag-failed")),
            unknown = format!(
                "<span class=\"flag\">{}</span>",
                text("render-flag-unknown")
            )
        )
    ));

    // Per day.
    let days = audit::per_day(&report.records);
    let no_access = format!("<p>{}</p>\n", text("render-no-access"));
    h.push_str(&format!(
        "<div class=\"section\" id=\"per-day\">\n<h2>{}</h2>\n",
        text("report-per-day")
    ));
    if days.is_empty() {
        h.push_str(&no_access);
    } else {
        h.push_str(&format!(
            "<p class=\"legend\"><span class=\"key seg-done\"></span>{}<span class=\"key seg-urgent\"></span>{}<span class=\"key seg-refused\"></span>{}<span class=\"key seg-other\"></span>{}</p>\n",
            text("report-legend-done"),
            text("report-legend-urgent"),
            text("report-legend-refused"),
            text("report-legend-other")
        ));
        h.push_str(&format!(
            "<table class=\"chart\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th style=\"width:50%\">{}</th></tr></thead>\n<tbody>\n",
            text("report-h-day"),
            text("render-h-records"),
            text("render-h-emergency"),
            text("render-h-regulation"),
            text("render-h-refused"),
            text("report-h-chart")
        ));
        let max = days
            .iter()
            .map(|d| d.counts.records)
            .max()
            .unwrap_or(1)
            .max(1);
        for d in &days {
            let c = &d.counts;
            let mut bar = String::new();
            for (n, class) in
                categories(c)
                    .iter()
                    .zip(["seg-done", "seg-urgent", "seg-refused", "seg-other"])
            {
                if *n > 0 {
                    let pct = (*n as f64) * 100.0 / (max as f64);
                    bar.push_str(&format!(
                        "<span class=\"{class}\" style=\"width:{pct:.1}%\" title=\"{n}\"></span>"
                    ));
                }
            }
            h.push_str(&format!(
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td><div class=\"bar\">{bar}</div></td></tr>\n",
                escape(&crate::model::timestamp::display_day(&d.date)),
                c.records,
                c.emergency,
                c.regulation,
                c.refused()
            ));
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</div>\n");

    // Summaries.
    for (by, id, title, key, others) in [
        (
            SummaryBy::Patient,
            "per-patient",
            text("report-per-patient"),
            text("render-f-patient-ins"),
            text("render-h-practitioners"),
        ),
        (
            SummaryBy::Practitioner,
            "per-practitioner",
            text("report-per-practitioner"),
            text("render-h-practitioner"),
            text("render-h-patients"),
        ),
    ] {
        let rows = audit::summarize(&report.records, by);
        h.push_str(&format!(
            "<div class=\"section\" id=\"{id}\">\n<h2>{title}</h2>\n"
        ));
        if rows.is_empty() {
            h.push_str(&no_access);
            h.push_str("</div>\n");
            continue;
        }
        h.push_str(&format!(
            "<table>\n<thead><tr><th>{key}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{others}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            text("render-h-records"),
            text("render-h-done"),
            text("render-h-refused"),
            text("render-h-failed"),
            text("render-h-unknown"),
            text("render-h-emergency"),
            text("render-h-regulation"),
            text("report-h-first"),
            text("report-h-last")
        ));
        for r in rows {
            let c = &r.counts;
            let class = if c.emergency > 0 {
                " class=\"emergency\""
            } else if c.regulation > 0 {
                " class=\"regulation\""
            } else if c.refused() > 0 {
                " class=\"refused\""
            } else {
                ""
            };
            h.push_str(&format!(
                "<tr{class}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&r.key),
                c.records,
                c.done,
                c.refused(),
                c.failed,
                c.unknown,
                c.emergency,
                c.regulation,
                escape(&r.others.join(", ")),
                escape(&show(&r.first)),
                escape(&show(&r.last))
            ));
        }
        h.push_str("</tbody>\n</table>\n</div>\n");
    }

    // Records.
    h.push_str(&format!(
        "<div class=\"section\" id=\"records\">\n<h2>{}</h2>\n",
        text("report-records")
    ));
    if report.records.is_empty() {
        h.push_str(&no_access);
    } else {
        h.push_str(&format!(
            "<table id=\"records-table\">\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            text("report-h-time"),
            text("render-h-flag"),
            text("render-h-practitioner"),
            text("report-h-credential"),
            text("render-f-patient-ins"),
            text("report-h-transaction"),
            text("render-h-mode"),
            text("render-h-result"),
            text("render-h-what")
        ));
        for r in &report.records {
            let mut classes = Vec::new();
            if r.is_emergency() {
                classes.push("emergency");
            }
            if r.is_regulation() {
                classes.push("regulation");
            }
            if r.result.is_refusal() {
                classes.push("refused");
            }
            let class = if classes.is_empty() {
                String::new()
            } else {
                format!(" class=\"{}\"", classes.join(" "))
            };
            let credential = match (&r.card_serial, &r.structure_certificate) {
                (Some(s), _) => crate::tr!("report-credential-card", serial = s),
                (None, Some(c)) => crate::tr!("report-credential-structure", certificate = c),
                (None, None) => String::new(),
            };
            let who = match (&r.os_user, &r.host) {
                (Some(u), Some(hst)) => format!(
                    "{}<br />{}",
                    escape(&audit::who(r)),
                    escape(&crate::tr!("report-user-on-host", user = u, host = hst))
                ),
                _ => escape(&audit::who(r)),
            };
            h.push_str(&format!(
                "<tr{class}><td class=\"num\">{}</td><td>{}</td><td class=\"flag\">{}</td><td>{who}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"what\">{}</td></tr>\n",
                r.number,
                escape(&show(&r.time)),
                escape(&flag_words(r)),
                escape(&credential),
                escape(r.patient.as_deref().unwrap_or("-")),
                escape(r.transaction.as_deref().unwrap_or("")),
                escape(&mode_word(r.mode.as_deref())),
                escape(r.result.code()),
                escape(&what(r))
            ));
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str(&format!(
        "</div>\n<p class=\"foot\">{}</p>\n</body>\n</html>\n",
        text("report-foot")
    ));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_values_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("a\u{1b}b"), "a\\u{1b}b");
    }
}
