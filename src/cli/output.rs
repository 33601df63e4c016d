//! Rendering: text for people (tables with comfy-table), JSON for scripts. Every JSON document
//! starts with `"version": JSON_VERSION`; bump it when a document's shape changes.

use std::io::Write;

use comfy_table::{presets::UTF8_FULL_CONDENSED, ColumnConstraint, ContentArrangement, Table};
use serde::Serialize;

use super::args::OutputFormat;
use crate::error::{Error, ErrorKind, Result};

/// Version of the JSON documents' shape. 2: dates in RFC 3339, coded values as
/// `{"code", "label", "system"}`, `docs list` with `complete`, `warnings`, `visit_recorded`
/// and `replaces`/`replaced_by` as objects, `docs get` warnings as objects.
pub const JSON_VERSION: u32 = 2;

/// Where and how a command prints.
pub struct Output<'a> {
    pub format: OutputFormat,
    pub out: &'a mut dyn Write,
    /// `-q`: warnings and banners that are not the result are not printed.
    pub quiet: bool,
}

impl Output<'_> {
    pub fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    pub fn is_csv(&self) -> bool {
        self.format == OutputFormat::Csv
    }

    /// Prints a header line and the rows as CSV (RFC 4180: quoted where needed, CRLF-free
    /// lines end with `\n`). A cell a spreadsheet would run as a formula (starting with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, so opening the file
    /// runs nothing.
    pub fn csv(&mut self, header: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
        let mut w = csv::Writer::from_writer(&mut *self.out);
        w.write_record(header).map_err(csv_err)?;
        for r in rows {
            w.write_record(r.iter().map(|c| inert_cell(c)))
                .map_err(csv_err)?;
        }
        w.flush().map_err(io_err)
    }

    /// Prints `value` as one JSON document with the version field first.
    pub fn json<T: Serialize>(&mut self, value: &T) -> Result<()> {
        let doc = versioned(value)?;
        serde_json::to_writer_pretty(&mut *self.out, &doc).map_err(|e| {
            match e.io_error_kind() {
                Some(kind) => io_err(std::io::Error::new(kind, e)),
                None => Error::internal(crate::tr!("output-json-write", error = e.to_string())),
            }
        })?;
        writeln!(self.out).map_err(io_err)
    }

    /// A warning for a person, on stderr (`warning: …`); silenced by `-q`. In JSON mode the
    /// command carries its warnings in the document instead, so nothing is printed here.
    pub fn warn(&self, s: impl AsRef<str>) {
        if !self.quiet && !self.is_json() {
            eprintln!("{}", crate::tr!("output-warning", text = s.as_ref()));
        }
    }

    /// A warning no option silences, on stderr, in text and JSON alike: for what the user must
    /// not miss even in a script (health data written to disk by `--trace-wire`).
    pub fn warn_always(&self, s: impl AsRef<str>) {
        eprintln!("{}", crate::tr!("output-warning", text = s.as_ref()));
    }

    /// A notice that is not the result (a banner, a progress line), on stderr; silenced by
    /// `-q` and in JSON mode.
    pub fn notice(&self, s: impl AsRef<str>) {
        if !self.quiet && !self.is_json() {
            eprintln!("{}", s.as_ref());
        }
    }

    pub fn line(&mut self, s: impl AsRef<str>) -> Result<()> {
        writeln!(self.out, "{}", s.as_ref()).map_err(io_err)
    }

    /// A table fitted to [`table_width`]: long cells wrap. The header is in the run's language
    /// (from the catalogue).
    pub fn table(&mut self, header: &[String], rows: Vec<Vec<String>>) -> Result<()> {
        self.table_with_ids(header, rows, &[])
    }

    /// A table fitted to [`table_width`] whose columns at the indexes `ids` never wrap: what is
    /// copied into another command (a unique id, an INS, a national id) must stay whole on one
    /// line, so those columns keep their full width and the others share the rest. Columns are
    /// named by index, not by header, since the header depends on the language.
    pub fn table_with_ids(
        &mut self,
        header: &[String],
        rows: Vec<Vec<String>>,
        ids: &[usize],
    ) -> Result<()> {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_header(header.to_vec());
        fit(&mut t, header.len(), ids);
        for r in rows {
            t.add_row(r);
        }
        keep_words_whole(&mut t);
        writeln!(self.out, "{t}").map_err(io_err)
    }

    /// Two columns, label and value, without borders: for one object. The labels are in the
    /// run's language; they are aligned by characters (French labels have accents).
    pub fn fields(&mut self, rows: &[(String, String)]) -> Result<()> {
        let width = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in rows {
            writeln!(self.out, "{k:<width$}  {v}").map_err(io_err)?;
        }
        Ok(())
    }
}

/// Width of a terminal whose size is unknown (output to a pipe or a file, a terminal that
/// reports no size): wide enough for a document list, narrow enough to read.
pub const DEFAULT_TABLE_WIDTH: u16 = 100;

/// Narrowest layout: below it every column would be squeezed to a letter or two.
const MIN_TABLE_WIDTH: u16 = 40;

/// The width text tables are laid out to: `COLUMNS` when it holds a positive number (as
/// `ls` and most tools read it), else the terminal's when stdout is one that reports its size,
/// else [`DEFAULT_TABLE_WIDTH`]; never under 40 columns.
pub fn table_width() -> u16 {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c > 0);
    // comfy-table asks the terminal only when stdout is one.
    let terminal = || Table::new().width().filter(|&w| w > 0);
    columns
        .or_else(terminal)
        .unwrap_or(DEFAULT_TABLE_WIDTH)
        .max(MIN_TABLE_WIDTH)
}

/// Lays `t` (of `columns` columns) out to [`table_width`], dynamically, the columns at the
/// indexes `ids` at their content's full width (never wrapped).
pub fn fit(t: &mut Table, columns: usize, ids: &[usize]) {
    t.set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(table_width());
    for &i in ids {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    debug_assert!(
        ids.iter().all(|&i| i < columns),
        "id column {ids:?} not among {columns} columns"
    );
}

/// Lays the columns out so that no word is cut when the width allows it: each column gets at
/// least its longest word (a count, a date, a national id, a one-word header never breaks as
/// "Record/s" or "899700000/039"), then the space left goes to the columns whose text still
/// wraps, the most wrapped first. comfy-table's own dynamic layout splits words of narrow columns
/// and honours a lower bound only above the average width, hence this. A table that fits as it
/// is, or whose longest words cannot all fit, is left to comfy-table. Call it once the rows
/// are in; id columns (already at their content's width) are kept.
pub fn keep_words_whole(t: &mut Table) {
    let columns = t.column_count();
    let mut longest = vec![0usize; columns];
    let mut widest = vec![0usize; columns];
    for row in t.header().into_iter().chain(t.row_iter()) {
        for (i, cell) in row.cell_iter().enumerate().take(columns) {
            for line in cell.content().lines() {
                widest[i] = widest[i].max(line.chars().count());
                for word in line.split_whitespace() {
                    longest[i] = longest[i].max(word.chars().count());
                }
            }
        }
    }
    let width = usize::from(t.width().unwrap_or_else(table_width));
    // Borders: one per column and one more; padding: one space each side.
    let mut available = width.saturating_sub(columns + 1 + 2 * columns);
    let mut free = Vec::new();
    for (i, column) in t.column_iter().enumerate() {
        match column.constraint() {
            None => free.push(i),
            Some(_) => available = available.saturating_sub(widest[i]),
        }
    }
    let need: usize = free.iter().map(|&i| widest[i]).sum();
    if need <= available {
        return;
    }
    let least: usize = free.iter().map(|&i| longest[i]).sum();
    if least > available {
        // Some words must be cut whatever the layout: comfy-table's, which gives each column
        // at least an equal share, is as good as any.
        return;
    }
    // Every word fits: what is left goes to the columns that still wrap, the most first.
    let mut w: Vec<usize> = longest.clone();
    let mut budget = available - least;
    while budget > 0 {
        let Some(&i) = free
            .iter()
            .filter(|&&i| w[i] < widest[i])
            .max_by_key(|&&i| widest[i] - w[i])
        else {
            break;
        };
        w[i] += 1;
        budget -= 1;
    }
    for i in free {
        if let Some(c) = t.column_mut(i) {
            // An absolute width counts the padding, one space each side.
            let fixed = u16::try_from(w[i].max(1) + 2).unwrap_or(u16::MAX);
            c.set_constraint(ColumnConstraint::Absolute(comfy_table::Width::Fixed(fixed)));
        }
    }
}

/// `{"version": N, ...value}`; a value that is not an object goes under `"data"`.
pub fn versioned<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    let v = serde_json::to_value(value)
        .map_err(|e| Error::internal(crate::tr!("output-json-encode", error = e.to_string())))?;
    let mut doc = serde_json::Map::new();
    doc.insert("version".into(), JSON_VERSION.into());
    match v {
        serde_json::Value::Object(m) => doc.extend(m),
        other => {
            doc.insert("data".into(), other);
        }
    }
    Ok(serde_json::Value::Object(doc))
}

/// The JSON form of an error (printed on stderr in JSON mode).
pub fn error_json(e: &Error) -> serde_json::Value {
    serde_json::json!({
        "version": JSON_VERSION,
        "error": {
            "kind": e.kind().as_str(),
            "exit_code": e.kind().exit_code(),
            "message": e.message(),
            "hint": e.hint(),
        }
    })
}

/// Prints an error on stderr: `error:` and `hint:` lines (the causes at `-v`), or the JSON
/// document. A closed output pipe prints nothing: whoever closed it wants no more.
pub fn print_error(e: &Error, format: OutputFormat) {
    if e.kind() == ErrorKind::BrokenPipe {
        return;
    }
    // stderr may be gone too: never panic over it.
    let mut err = std::io::stderr().lock();
    match format {
        OutputFormat::Json => {
            let _ = writeln!(err, "{}", error_json(e));
        }
        // The result was printed with its warnings: one line says why the exit code is not 0,
        // whatever -q says.
        OutputFormat::Text | OutputFormat::Csv if e.kind() == ErrorKind::Partial => {
            let _ = writeln!(
                err,
                "{}",
                crate::tr!("output-partial", text = e.to_string())
            );
        }
        OutputFormat::Text | OutputFormat::Csv => {
            let _ = writeln!(err, "{}", crate::tr!("output-error", text = e.to_string()));
            if let Some(h) = e.hint() {
                let _ = writeln!(err, "{}", crate::tr!("output-hint", text = h));
            }
            drop(err);
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                tracing::debug!("caused by: {s}");
                src = s.source();
            }
        }
    }
}

fn io_err(e: std::io::Error) -> Error {
    Error::output(&crate::tr!("output-the-output"), e)
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io_err(e),
        other => Error::internal(crate::tr!("output-csv-write", error = format!("{other:?}"))),
    }
}

/// A CSV cell that no spreadsheet evaluates (OWASP "CSV injection").
fn inert_cell(c: &str) -> String {
    if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{c}")
    } else {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let mut buf = Vec::new();
        let mut o = Output {
            format: OutputFormat::Csv,
            out: &mut buf,
            quiet: false,
        };
        o.csv(
            &["a", "b"],
            vec![
                vec!["x, \"y\"".into(), "=1+1".into()],
                vec!["-2".into(), "2025-01-02T10:00:00Z".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "a,b\n\"x, \"\"y\"\"\",'=1+1\n'-2,2025-01-02T10:00:00Z\n"
        );
    }

    #[test]
    fn version_comes_first() {
        #[derive(Serialize)]
        struct S {
            a: u8,
        }
        let v = versioned(&S { a: 1 }).unwrap();
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(text, format!(r#"{{"version":{JSON_VERSION},"a":1}}"#));
    }
}

#[cfg(test)]
mod keep_words_tests {
    use super::*;

    fn table(width: u16, header: &[&str], row: &[&str], ids: &[usize]) -> String {
        let mut t = Table::new();
        t.load_preset(UTF8_FULL_CONDENSED)
            .set_header(header.to_vec())
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
        for &i in ids {
            if let Some(c) = t.column_mut(i) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        t.add_row(row.to_vec());
        keep_words_whole(&mut t);
        t.to_string()
    }

    #[test]
    fn no_word_is_cut_when_the_longest_words_fit() {
        // The document list of the French snapshot, at 120 columns.
        let header = ["Date", "Type", "Title", "Author", "State", "Unique id"];
        let row = [
            "15/08/2025 10:15",
            "CR d'hospitalisation",
            "CR d'hospitalisation (PDF)",
            "EMILIE TESTINF0000003",
            "remplace 1.2.250.1.999.9.1.1.4",
            "1.2.250.1.999.9.1.1.6",
        ];
        let shown = table(120, &header, &row, &[5]);
        for l in shown.lines() {
            assert!(l.chars().count() <= 120, "{shown}");
        }
        // Each word is whole on a line (comfy-table alone cuts "d'hospitalisa/tion" here).
        let words: Vec<&str> = shown
            .lines()
            .flat_map(|l| l.split(|c: char| c == '│' || c == '┆' || c.is_whitespace()))
            .filter(|w| !w.is_empty())
            .collect();
        for w in row.iter().flat_map(|c| c.split_whitespace()) {
            assert!(words.contains(&w), "{w:?} was cut:\n{shown}");
        }
    }

    #[test]
    fn a_table_that_fits_or_cannot_is_left_alone() {
        let header = ["A", "B"];
        let fits = table(80, &header, &["short", "text"], &[]);
        assert!(fits.contains("short") && fits.contains("text"));
        // Longest words wider than the table: no constraint is added, comfy-table cuts.
        let mut t = Table::new();
        t.set_header(vec!["x".repeat(60), "y".repeat(60)])
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(80);
        keep_words_whole(&mut t);
        assert!(t.column_iter().all(|c| c.constraint().is_none()));
    }
}
