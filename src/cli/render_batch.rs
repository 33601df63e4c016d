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
        .ok_or_else(|| Error::internal("push_batch without --batch"))?;
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
        o.notice(format!(
            "The batch {} is already complete: nothing to send (its state: {}).",
            batch.path().display(),
            batch.state_path().display()
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
        .map_err(|e| Error::config(format!("cannot create a temporary directory: {e}")))?;
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
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} documents {msg}",
        )
        .map_err(|e| Error::internal(format!("progress bar template: {e}")))?,
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
                    bar.set_message(format!(
                        "({} sent, {} already there, {} refused, {} failed, {} invalid)",
                        c.sent, c.already_present, c.refused, c.failed, c.invalid
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
                                "retrying patient {ins} (try {attempt}) in {delay_ms} ms: {reason}"
                            )
                        });
                    }
                }
                Event::Finished(_) => bar.finish_and_clear(),
            }
        }
        let summary = worker
            .join()
            .unwrap_or_else(|_| Err(Error::internal("the batch stopped on a bug (a panic)")));
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
        .map_err(|e| Error::internal(format!("cannot write JSON: {e}")))?;
    writeln!(out)
        .and_then(|_| out.flush())
        .map_err(|e| Error::output("the output", e))
}

fn line(o: &mut Output, e: &Event) -> Result<()> {
    write_line(&mut *o.out, e)
}

fn status_text(s: Status) -> &'static str {
    match s {
        Status::Pending => "not sent",
        Status::Sending => "outcome unknown",
        Status::Sent => "sent",
        Status::AlreadyPresent => "already present",
        Status::Refused => "refused",
        Status::Failed => "failed",
        Status::Invalid => "invalid",
    }
}

fn one_line(d: &DocReport) -> String {
    let mut s = format!("{}: {}", d.file.display(), status_text(d.status));
    if let Some(code) = &d.code {
        s.push_str(&format!(" [{code}]"));
    }
    if let Some(r) = &d.reason {
        s.push_str(&format!(": {r}"));
    }
    s
}

/// The summary table, then one row per document that did not go through.
fn table(o: &mut Output, s: &Summary) -> Result<()> {
    o.line(format!(
        "Batch {}: {} documents",
        s.batch.display(),
        s.documents
    ))?;
    let rows = [
        ("sent", s.sent),
        ("already present", s.already_present),
        ("refused", s.refused),
        ("failed", s.failed),
        ("invalid", s.invalid),
        ("not sent (stopped)", s.not_done),
    ];
    o.table(
        &["outcome", "documents"],
        rows.iter()
            .filter(|(name, n)| *n > 0 || matches!(*name, "sent" | "already present"))
            .map(|(name, n)| vec![name.to_string(), n.to_string()])
            .collect(),
    )?;
    if s.submissions + s.lookups > 0 {
        o.line(format!(
            "This run: {} submissions, {} registry lookups.",
            s.submissions, s.lookups
        ))?;
    }
    if let Some(why) = &s.stopped {
        o.line(format!("The batch stopped early: {why}"))?;
    }
    if !s.problems.is_empty() {
        o.table_with_ids(
            &["file", "patient", "outcome", "why"],
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
                        status_text(d.status).to_string(),
                        why,
                    ]
                })
                .collect(),
            &["patient"],
        )?;
    }
    Ok(())
}
