//! `dmp push --batch`: the batch's events as JSON Lines (`--output json`, one versioned object
//! per line on stdout) or progress bars (indicatif, on stderr when it is a terminal and `-q`
//! is not given), and the summary table at the end (text).
//!
//! In two steps so that a batch with nothing left to do needs no card, PIN or network:
//! [`begin`] opens the batch and settles a complete one; [`run`] runs it over the pusher the
//! caller opened.

use std::io::{IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::{GlobalArgs, PushArgs};
use super::output::{versioned, Output};
use super::render_dmp::prepare;
use crate::commands::access;
use crate::commands::consent::Action;
use crate::commands::push::batch::{self, Batch, DocReport, Event, Options, Status, Summary};
use crate::commands::push::{PushService, Pusher};
use crate::commands::Context;
use crate::config::Profile;
use crate::error::{Error, Result};

/// `dmp push --batch DIR|MANIFEST.csv [--jobs N]`: one run's access (one PIN, one HTTPS
/// session) opened only when the batch has something left to do.
pub fn push_batch(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &PushArgs,
    o: &mut Output,
) -> Result<()> {
    let path = a
        .batch
        .as_deref()
        .ok_or_else(|| Error::internal(crate::tr!("render-batch-no-batch")))?;
    let Some(batch) = begin(o, path)? else {
        return Ok(());
    };
    let authority = access::ins_authority(p)?;
    // The patients are in the batch: the rules that depend on the user alone are checked
    // here, each patient's at its first submission.
    let prepared = prepare(ctx, g, p, None, &[Action::Push], o)?;
    let opened = prepared.open(ctx.pin.as_ref())?;
    let service = PushService::new(&opened, authority);
    run(o, &batch, &service, usize::from(a.jobs))
}

/// Opens the batch at `path`. `None`: it was already complete; its summary is printed (text)
/// or its `started` and `finished` events (JSON), and the verdict returned as for a run.
pub fn begin(o: &mut Output, path: &Path) -> Result<Option<Batch>> {
    let batch = Batch::open(path, &batch::default_dir()?)?;
    if !batch.is_complete()? {
        return Ok(Some(batch));
    }
    let summary = batch.summary()?;
    if o.is_json() {
        line(
            o,
            &Event::Started {
                batch: batch.path().to_path_buf(),
                state: batch.state_path(),
                documents: summary.documents,
                to_do: 0,
                done_before: summary.documents,
                jobs: 0,
            },
        )?;
        line(o, &Event::Finished(summary.clone()))?;
    } else {
        o.notice(crate::tr!(
            "render-batch-complete",
            batch = batch.path(),
            state = &batch.state_path()
        ));
        table(o, &summary)?;
    }
    summary.verdict()?;
    Ok(None)
}

/// Runs an open batch over `pusher` with `jobs` concurrent submissions.
pub fn run(o: &mut Output, batch: &Batch, pusher: &dyn Pusher, jobs: usize) -> Result<()> {
    let work = tempfile::Builder::new()
        .prefix("dmp-batch-")
        .tempdir()
        .map_err(|e| Error::config(crate::tr!("render-batch-tempdir", error = e.to_string())))?;
    let options = Options {
        jobs,
        ..Options::default()
    };
    let show_bars = !o.quiet && std::io::stderr().is_terminal();
    let bar = ProgressBar::with_draw_target(
        None,
        if show_bars {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} {} {{msg}}",
            crate::tr!("render-batch-bar-documents")
        ))
        .map_err(|e| {
            Error::internal(crate::tr!(
                "render-batch-bar-template",
                error = e.to_string()
            ))
        })?,
    );
    let json = o.is_json();
    let quiet = o.quiet;
    // The workers send their events here; this thread writes them and draws the bars.
    let (tx, rx) = std::sync::mpsc::channel::<Event>();
    let work_path = work.path();
    let options = &options;
    let (summary, write_error) = std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            let sink = |e: &Event| {
                let _ = tx.send(e.clone());
            };
            batch.run(pusher, options, work_path, &sink)
        });
        let mut write_error = None;
        let mut c = Summary::default();
        for e in rx {
            if json && write_error.is_none() {
                write_error = write_line(&mut *o.out, &e).err();
            }
            match &e {
                Event::Started { to_do, .. } => bar.set_length(*to_do as u64),
                Event::Document(d) => {
                    match d.status {
                        Status::Sent => c.sent += 1,
                        Status::AlreadyPresent => c.already_present += 1,
                        Status::Refused => c.refused += 1,
                        Status::Failed => c.failed += 1,
                        Status::Invalid => c.invalid += 1,
                        Status::Pending | Status::Sending => {}
                    }
                    if !d.status.went_through() && !json {
                        bar.suspend(|| eprintln!("{}", one_line(d)));
                    }
                    bar.inc(1);
                    bar.set_message(crate::tr!(
                        "render-batch-progress",
                        sent = c.sent,
                        present = c.already_present,
                        refused = c.refused,
                        failed = c.failed,
                        invalid = c.invalid
                    ));
                }
                Event::Retry {
                    ins,
                    attempt,
                    delay_ms,
                    reason,
                    ..
                } => {
                    if !json && !quiet {
                        bar.suspend(|| {
                            eprintln!(
                                "{}",
                                crate::tr!(
                                    "render-batch-retry",
                                    ins = ins,
                                    attempt = *attempt,
                                    delay = *delay_ms,
                                    reason = reason
                                )
                            )
                        });
                    }
                }
                Event::Finished(_) => bar.finish_and_clear(),
            }
        }
        let summary = worker
            .join()
            .unwrap_or_else(|_| Err(Error::internal(crate::tr!("render-batch-panic"))));
        (summary, write_error)
    });
    bar.finish_and_clear();
    let summary = summary?;
    if let Some(e) = write_error {
        return Err(e);
    }
    if !json {
        table(o, &summary)?;
    }
    summary.verdict()
}

fn write_line(out: &mut dyn Write, e: &Event) -> Result<()> {
    let doc = versioned(e)?;
    serde_json::to_writer(&mut *out, &doc)
        .map_err(|e| Error::internal(crate::tr!("output-json-write", error = e.to_string())))?;
    writeln!(out)
        .and_then(|_| out.flush())
        .map_err(|e| Error::output(&crate::tr!("output-the-output"), e))
}

fn line(o: &mut Output, e: &Event) -> Result<()> {
    write_line(&mut *o.out, e)
}

fn status_text(s: Status) -> String {
    match s {
        Status::Pending => crate::tr!("render-batch-not-sent"),
        Status::Sending => crate::tr!("render-batch-outcome-unknown"),
        Status::Sent => crate::tr!("render-batch-sent"),
        Status::AlreadyPresent => crate::tr!("render-batch-already-present"),
        Status::Refused => crate::tr!("render-batch-refused"),
        Status::Failed => crate::tr!("render-batch-failed"),
        Status::Invalid => crate::tr!("render-batch-invalid"),
    }
}

fn one_line(d: &DocReport) -> String {
    let mut s = crate::tr!(
        "render-batch-file-status",
        file = &d.file,
        status = status_text(d.status)
    );
    if let Some(code) = &d.code {
        s.push_str(&format!(" [{code}]"));
    }
    if let Some(r) = &d.reason {
        s = crate::tr!("render-batch-with-reason", text = s, reason = r);
    }
    s
}

/// The summary table, then one row per document that did not go through.
fn table(o: &mut Output, s: &Summary) -> Result<()> {
    o.line(crate::tr!(
        "render-batch-title",
        batch = &s.batch,
        documents = s.documents
    ))?;
    // (label, count, shown even when 0)
    let rows = [
        (crate::tr!("render-batch-sent"), s.sent, true),
        (
            crate::tr!("render-batch-already-present"),
            s.already_present,
            true,
        ),
        (crate::tr!("render-batch-refused"), s.refused, false),
        (crate::tr!("render-batch-failed"), s.failed, false),
        (crate::tr!("render-batch-invalid"), s.invalid, false),
        (crate::tr!("render-batch-stopped"), s.not_done, false),
    ];
    let header = [
        crate::tr!("render-batch-h-outcome"),
        crate::tr!("render-batch-h-documents"),
    ];
    o.table(
        &header,
        rows.iter()
            .filter(|(_, n, always)| *n > 0 || *always)
            .map(|(name, n, _)| vec![name.clone(), n.to_string()])
            .collect(),
    )?;
    if s.submissions + s.lookups > 0 {
        o.line(crate::tr!(
            "render-batch-this-run",
            submissions = s.submissions,
            lookups = s.lookups
        ))?;
    }
    if let Some(why) = &s.stopped {
        o.line(crate::tr!("render-batch-stopped-early", why = why))?;
    }
    if !s.problems.is_empty() {
        let header = [
            crate::tr!("render-batch-h-file"),
            crate::tr!("render-batch-h-patient"),
            crate::tr!("render-batch-h-outcome"),
            crate::tr!("render-batch-h-why"),
        ];
        o.table_with_ids(
            &header,
            s.problems
                .iter()
                .map(|d| {
                    let mut why = d.reason.clone().unwrap_or_default();
                    if let Some(code) = &d.code {
                        why = format!("[{code}] {why}");
                    }
                    vec![
                        d.file.display().to_string(),
                        d.ins.clone().unwrap_or_default(),
                        status_text(d.status),
                        why,
                    ]
                })
                .collect(),
            &[1],
        )?;
    }
    Ok(())
}
