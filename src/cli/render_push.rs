//! `dmp push` and `dmp docs replace`: the documents checked and prepared before any PIN or
//! network call (`--dry-run` stops there and shows what would be sent), then one submission.

use std::path::PathBuf;

use serde::Serialize;

use super::args::{DocsReplaceArgs, DocumentArgs, GlobalArgs, PushArgs};
use super::output::Output;
use super::render_dmp::{parse_date, prepare};
use crate::commands::access;
use crate::commands::consent::Action;
use crate::commands::push::service::prepare_document;
use crate::commands::push::{DocumentInput, PreparedDocument, Problem, PushService, Pusher};
use crate::commands::Context;
use crate::config::Profile;
use crate::error::{Error, Result};
use crate::model::codes::CodeLabel;
use crate::model::ins::Ins;
use crate::model::timestamp::hl7_to_rfc3339;

/// One document as the report shows it.
#[derive(Debug, Serialize)]
struct DocumentRow {
    file: PathBuf,
    unique_id: String,
    title: String,
    #[serde(rename = "type")]
    type_code: CodeLabel,
    class: CodeLabel,
    format: String,
    /// N and the visibility codes.
    confidentiality: Vec<String>,
    service_start: Option<String>,
    size: u64,
    sha1: String,
    /// The uniqueId of the document it replaces.
    replaces: Option<String>,
}

#[derive(Debug, Serialize)]
struct PushReport {
    /// True: checked only, nothing was sent.
    dry_run: bool,
    ins: String,
    /// The submission set's uniqueId (none in a dry run).
    submission_set: Option<String>,
    documents: Vec<DocumentRow>,
    /// The DMP's warnings, if any.
    warnings: Vec<String>,
}

fn row(d: &PreparedDocument) -> DocumentRow {
    let m = &d.metadata;
    DocumentRow {
        file: d.input.path.clone(),
        unique_id: d.unique_id.clone(),
        title: m.title.clone(),
        type_code: CodeLabel::from_coded(&m.type_code),
        class: CodeLabel::from_coded(&m.class_code),
        format: m.format_code.code.clone(),
        confidentiality: m.confidentiality.iter().map(|c| c.code.clone()).collect(),
        service_start: hl7_to_rfc3339(&m.service_start),
        size: d.size,
        sha1: d.sha1.clone(),
        replaces: d.input.replaces.clone(),
    }
}

/// `--service-start` as an HL7 time: `YYYY-MM-DD` becomes `YYYYMMDD`, HL7 stays as it is.
fn service_start(a: &DocumentArgs) -> Result<Option<String>> {
    match a.service_start.as_deref() {
        None => Ok(None),
        Some(s) if s.contains('-') && s.len() == 10 => {
            let d = parse_date(s, "--service-start")?;
            Ok(Some(format!(
                "{:04}{:02}{:02}",
                d.year(),
                u8::from(d.month()),
                d.day()
            )))
        }
        Some(s) => Ok(Some(s.to_string())),
    }
}

fn input(a: &DocumentArgs, path: PathBuf, start: &Option<String>) -> DocumentInput {
    DocumentInput {
        path,
        ins: a.ins.clone(),
        title: a.title.clone(),
        type_code: a.type_code.clone(),
        masked: a.masked,
        invisible_to_patient: a.invisible_to_patient,
        invisible_to_legal_reps: a.invisible_to_legal_reps,
        service_start: start.clone(),
        ..DocumentInput::default()
    }
}

/// Every problem of every document, one per line, as one error.
pub fn problems_error(problems: &[Problem]) -> Error {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| {
            crate::tr!(
                "render-push-problem",
                file = &p.file,
                field = &p.field,
                message = &p.message
            )
        })
        .collect();
    Error::input(format!(
        "{}\n{}",
        crate::tr!("render-push-problems", count = problems.len()),
        lines.join("\n")
    ))
    .with_hint(crate::tr!("render-push-problems-hint"))
}

/// Checks, prepares and (unless `--dry-run`) sends `inputs` as one submission.
fn run(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &DocumentArgs,
    inputs: Vec<DocumentInput>,
    o: &mut Output,
) -> Result<()> {
    let authority = access::ins_authority(p)?;
    let patient = a
        .ins
        .as_deref()
        .and_then(|i| Ins::parse_with_default(i, authority).ok());
    let prepared = prepare(ctx, g, p, patient.as_ref(), &[Action::Push], o)?;
    let work = tempfile::Builder::new()
        .prefix("dmp-push-")
        .tempdir()
        .map_err(|e| Error::internal(crate::tr!("render-push-workdir", error = e.to_string())))?;
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for i in &inputs {
        match prepare_document(prepared.submitter(), authority, i, work.path()) {
            Ok(d) => docs.push(d),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if let Some(first) = docs.first() {
        for d in &docs[1..] {
            if d.ins != first.ins {
                problems.push(Problem {
                    file: d.input.path.clone(),
                    field: "recordTarget/patientRole/id".into(),
                    message: crate::tr!(
                        "render-push-other-patient",
                        ins = d.ins.number(),
                        first = &first.input.path,
                        first_ins = first.ins.number()
                    ),
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems_error(&problems));
    }
    let ins = docs[0].ins.clone();
    let mut report = PushReport {
        dry_run: a.dry_run,
        ins: ins.number().to_string(),
        submission_set: None,
        documents: docs.iter().map(row).collect(),
        warnings: Vec::new(),
    };
    if !a.dry_run {
        let access = prepared.open(ctx.pin.as_ref())?;
        let service = PushService::new(&access, authority);
        let receipt = service.submit(&docs)?;
        report.submission_set = Some(receipt.submission_set);
        report.warnings = receipt.warnings;
    }
    render(&report, o)
}

fn render(r: &PushReport, o: &mut Output) -> Result<()> {
    if o.is_json() {
        return o.json(r);
    }
    for w in &r.warnings {
        o.warn(w);
    }
    let rows = r
        .documents
        .iter()
        .map(|d| {
            vec![
                d.file.display().to_string(),
                d.unique_id.clone(),
                d.title.clone(),
                d.type_code.text().to_string(),
                d.confidentiality.join(" "),
                d.size.to_string(),
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-push-h-file"),
        crate::tr!("render-h-unique-id"),
        crate::tr!("render-h-title"),
        crate::tr!("render-h-type"),
        crate::tr!("render-push-h-confidentiality"),
        crate::tr!("render-push-h-bytes"),
    ];
    o.table_with_ids(&header, rows, &[1])?;
    match &r.submission_set {
        Some(s) => o.line(crate::tr!(
            "render-push-added",
            count = r.documents.len(),
            ins = &r.ins,
            set = s
        )),
        None => o.line(crate::tr!(
            "render-push-dry-run",
            count = r.documents.len(),
            ins = &r.ins
        )),
    }
}

/// `dmp push FILE...`.
pub fn push(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &PushArgs,
    o: &mut Output,
) -> Result<()> {
    if a.files.is_empty() {
        return Err(Error::usage(crate::tr!("render-push-nothing"))
            .with_hint(crate::tr!("render-push-nothing-hint")));
    }
    let start = service_start(&a.document)?;
    let inputs = a
        .files
        .iter()
        .map(|f| input(&a.document, f.clone(), &start))
        .collect();
    run(ctx, g, p, &a.document, inputs, o)
}

/// `dmp docs replace OLD_UNIQUE_ID FILE`.
pub fn docs_replace(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &DocsReplaceArgs,
    o: &mut Output,
) -> Result<()> {
    let start = service_start(&a.document)?;
    let mut i = input(&a.document, a.file.clone(), &start);
    i.replaces = Some(a.old_unique_id.clone());
    run(ctx, g, p, &a.document, vec![i], o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_in_the_error_with_its_file_and_field() {
        let e = problems_error(&[
            Problem {
                file: "a.pdf".into(),
                field: "--type".into(),
                message: "give the document type".into(),
            },
            Problem {
                file: "b.xml".into(),
                field: "effectiveTime".into(),
                message: "is in the future".into(),
            },
        ]);
        assert_eq!(e.kind(), crate::error::ErrorKind::Input);
        assert!(e
            .message()
            .starts_with("2 problems found, nothing was sent"));
        assert!(e
            .message()
            .contains("a.pdf: --type: give the document type"));
        assert!(e
            .message()
            .contains("b.xml: effectiveTime: is in the future"));
    }
}
