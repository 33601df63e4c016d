//! The DMP commands: resolve the settings, check the input (INS, dates) before any network
//! call, open the run's access once, run the use case and render it. In emergency mode every
//! output starts with a banner (and JSON carries the mode and the reason).

use std::io::IsTerminal;
use std::path::Path;

use time::{Date, OffsetDateTime, Time};

use super::args::{
    AuthorizeArgs, AuthorizedArgs, CredentialArg, DocsGetArgs, DocsListArgs, GlobalArgs, InsArg,
    ModeArg, StatusArg,
};
use super::output::Output;
use crate::commands::access::{self, DmpAccess, DmpSettings, ModeChoice};
use crate::commands::{docs, patient, Context};
use crate::config::{CredentialKind, Profile};
use crate::error::{Error, Result};
use crate::model::codes::{AccessMode, AvailabilityStatus};
use crate::model::ins::Ins;

pub(super) fn settings(ctx: &Context, g: &GlobalArgs, profile: &Profile) -> DmpSettings {
    DmpSettings {
        base: ctx.settings.clone(),
        profile: profile.clone(),
        endpoint: g.endpoint.clone(),
        credential: g.credential.map(|c| match c {
            CredentialArg::Card => CredentialKind::Card,
            CredentialArg::Structure => CredentialKind::Structure,
        }),
        structure_cert: g.structure_cert.clone(),
        structure_password_file: g.structure_cert_password_file.clone(),
        structure_password_env: g.structure_cert_password_env.clone(),
        mode: ModeChoice {
            mode: match g.mode {
                ModeArg::Normal => AccessMode::Normal,
                ModeArg::Emergency => AccessMode::BrisDeGlace,
                ModeArg::Regulation => AccessMode::Centre15,
            },
            reason: g.reason.clone(),
        },
        journal: None,
    }
}

/// Checks everything that can be checked offline, then opens the DMP access.
fn open(ctx: &Context, g: &GlobalArgs, profile: &Profile) -> Result<DmpAccess> {
    let s = settings(ctx, g, profile);
    s.mode.validate()?;
    DmpAccess::open(&s, ctx.pin.as_ref())
}

fn ins(profile: &Profile, a: &InsArg) -> Result<Ins> {
    Ins::parse_with_default(&a.ins, access::ins_authority(profile)?)
}

fn banner(access: &DmpAccess, o: &mut Output) -> Result<()> {
    if o.is_json() {
        return Ok(());
    }
    match access.mode().mode {
        AccessMode::BrisDeGlace => o.line(format!(
            "*** EMERGENCY ACCESS (bris de glace) — reason: {} — recorded by the DMP and shown to the patient ***",
            access.mode().reason.as_deref().unwrap_or("")
        )),
        AccessMode::Centre15 => o.line("*** REGULATION ACCESS (centre 15) — recorded by the DMP ***"),
        AccessMode::Normal => Ok(()),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

pub fn patient_status(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &InsArg,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, a)?;
    let access = open(ctx, g, p)?;
    let r = patient::status(&access, &ins)?;
    if o.is_json() {
        return o.json(&r);
    }
    banner(&access, o)?;
    let mut rows = vec![
        ("Patient (INS)", format!("{} ({})", r.ins, r.ins_oid)),
        (
            "DMP",
            if !r.dmp_exists {
                "none".into()
            } else if r.closed {
                "CLOSED".into()
            } else {
                "open".into()
            },
        ),
        (
            "Authorization",
            r.authorization.clone().unwrap_or_else(|| "-".into()),
        ),
        ("Attending physician", yes_no(r.attending_physician)),
    ];
    if let Some(t) = &r.authorization_text {
        rows.push(("Reason", t.clone()));
    }
    if r.closed {
        rows.push((
            "Closed",
            format!(
                "{} {}",
                r.closing_date.clone().unwrap_or_default(),
                r.closing_reason.clone().unwrap_or_default()
            ),
        ));
    }
    rows.push(("Meaning", r.meaning.clone()));
    o.fields(&rows)
}

pub fn patient_authorize(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &AuthorizeArgs,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, &a.ins)?;
    if g.mode != ModeArg::Normal {
        return Err(
            Error::usage("an authorization is declared in normal mode only")
                .with_hint("leave out --mode"),
        );
    }
    let access = open(ctx, g, p)?;
    let consent = if a.remove {
        None
    } else if a.patient_consent {
        Some(patient::Consent::Flag)
    } else if super::pin::interactive() {
        let ok = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Has the patient (INS {}) consented to your access to their DMP?",
                ins.number()
            ))
            .default(false)
            .interact()
            .map_err(|e| {
                super::pin::prompt_error(e, Error::usage("cannot ask for the patient's consent"))
            })?;
        ok.then_some(patient::Consent::Prompt)
    } else {
        None
    };
    let r = patient::authorize(&access, &ins, a.remove, a.attending, consent)?;
    if o.is_json() {
        return o.json(&r);
    }
    o.line(format!(
        "{} {} on the DMP of {}: {}{}",
        if a.remove {
            "Authorization removed"
        } else {
            "Authorization declared"
        },
        if r.attending_physician {
            "(attending physician)"
        } else {
            ""
        },
        r.ins,
        r.status,
        r.context
            .as_deref()
            .map(|c| format!(" — {c}"))
            .unwrap_or_default()
    ))
}

pub fn patient_professionals(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &InsArg,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, a)?;
    let access = open(ctx, g, p)?;
    let r = patient::professionals(&access, &ins)?;
    if o.is_json() {
        return o.json(&r);
    }
    banner(&access, o)?;
    let rows = r
        .professionals
        .iter()
        .map(|x| {
            vec![
                x.national_id.clone().unwrap_or_default(),
                x.name.clone(),
                x.specialty.clone().unwrap_or_default(),
                match x.mode.as_deref() {
                    Some("INTERDITE") => "BLOCKED".to_string(),
                    Some("ACTIVE") => "authorized".to_string(),
                    m => m.unwrap_or("-").to_string(),
                },
                yes_no(x.attending_physician),
                x.since.clone().unwrap_or_default(),
            ]
        })
        .collect();
    o.table(
        &[
            "National id",
            "Name",
            "Specialty",
            "Access",
            "Attending",
            "Since",
        ],
        rows,
    )
}

fn parse_date(s: &str, what: &str) -> Result<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &fmt).map_err(|_| {
        Error::input(format!("{what} \"{s}\" is not a date")).with_hint("write it YYYY-MM-DD")
    })
}

fn dtm(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

pub fn patients_authorized(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &AuthorizedArgs,
    o: &mut Output,
) -> Result<()> {
    let since = match &a.since {
        Some(s) => parse_date(s, "--since")?
            .with_time(Time::MIDNIGHT)
            .assume_utc(),
        None => OffsetDateTime::now_utc() - time::Duration::days(365),
    };
    let access = open(ctx, g, p)?;
    let r = patient::authorized(&access, since)?;
    if o.is_json() {
        return o.json(&r);
    }
    let rows = r
        .patients
        .iter()
        .map(|x| {
            vec![
                x.ins.clone().unwrap_or_default(),
                format!(
                    "{} {}",
                    x.first_name.clone().unwrap_or_default(),
                    x.last_name.clone().unwrap_or_default()
                ),
                x.date_of_birth.clone().unwrap_or_default(),
                yes_no(x.attending_physician),
                x.last_access.clone().unwrap_or_default(),
            ]
        })
        .collect();
    o.table(&["INS", "Name", "Born", "Attending", "Last access"], rows)
}

pub fn docs_list(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &DocsListArgs,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, &a.ins)?;
    let filters = docs::ListFilters {
        statuses: a
            .status
            .iter()
            .map(|s| match s {
                StatusArg::Approved => AvailabilityStatus::Approved,
                StatusArg::Archived => AvailabilityStatus::Archived,
                StatusArg::Deprecated => AvailabilityStatus::Deprecated,
            })
            .collect(),
        type_codes: a.type_code.clone(),
        class_codes: a.class_code.clone(),
        service_from: a
            .from
            .as_deref()
            .map(|s| parse_date(s, "--from").map(dtm))
            .transpose()?,
        service_to: a
            .to
            .as_deref()
            .map(|s| parse_date(s, "--to").map(|d| format!("{}235959", dtm(d))))
            .transpose()?,
        author: a.author.clone(),
        new_since_last_visit: a.new_since_last_visit,
    };
    let access = open(ctx, g, p)?;
    let r = docs::list(&access, &ins, &filters)?;
    if o.is_json() {
        return o.json(&r);
    }
    banner(&access, o)?;
    if a.new_since_last_visit {
        o.line(match &r.since {
            Some(s) => format!("New since your last consultation ({s}):"),
            None => "No earlier consultation in the journal: every document is new.".to_string(),
        })?;
    }
    if r.documents.is_empty() {
        return o.line("No document.");
    }
    let rows = r
        .documents
        .iter()
        .map(|d| {
            let mut flags = Vec::new();
            if d.masked {
                flags.push("masked to professionals");
            }
            if d.invisible_to_patient {
                flags.push("invisible to patient");
            }
            if d.invisible_to_legal_representatives {
                flags.push("invisible to legal repr.");
            }
            if d.status.as_deref() != Some("approved") {
                if let Some(s) = d.status.as_deref() {
                    flags.push(s);
                }
            }
            vec![
                d.creation_time
                    .as_deref()
                    .map(short_date)
                    .unwrap_or_default(),
                d.type_display
                    .clone()
                    .or(d.type_code.clone())
                    .unwrap_or_default(),
                d.title.clone().unwrap_or_default(),
                d.author.clone().unwrap_or_default(),
                flags.join(", "),
                d.unique_id.clone(),
            ]
        })
        .collect();
    o.table(
        &["Date", "Type", "Title", "Author", "Visibility", "Unique id"],
        rows,
    )
}

fn short_date(ts: &str) -> String {
    if ts.len() >= 8 {
        format!("{}-{}-{}", &ts[0..4], &ts[4..6], &ts[6..8])
    } else {
        ts.to_string()
    }
}

pub fn docs_get(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &DocsGetArgs,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, &a.ins)?;
    // `-o -` is standard output, asked for explicitly (so even at a terminal).
    let file = a.output_file.as_deref().filter(|f| *f != Path::new("-"));
    if a.output_file.is_none() && std::io::stdout().is_terminal() {
        return Err(
            Error::usage("the document would be written to the terminal")
                .with_hint("write it to a file with -o FILE (or redirect the output, or -o - to write it here anyway)"),
        );
    }
    if file.is_none() && o.is_json() {
        return Err(Error::usage(
            "--output json needs -o FILE: standard output carries the JSON report",
        )
        .with_hint("add -o FILE"));
    }
    let access = open(ctx, g, p)?;
    let r = docs::get(&access, &ins, &a.unique_id, file, a.force, o.out)?;
    for w in &r.warnings {
        o.warn(w);
    }
    if o.is_json() {
        return o.json(&r);
    }
    if access.mode().mode != AccessMode::Normal {
        eprintln!(
            "*** {} ACCESS — reason: {} ***",
            if access.mode().mode == AccessMode::BrisDeGlace {
                "EMERGENCY"
            } else {
                "REGULATION"
            },
            access.mode().reason.as_deref().unwrap_or("-")
        );
    }
    if let Some(f) = &r.file {
        o.notice(format!(
            "{} ({} bytes, SHA-1 {}) written to {}",
            r.title.as_deref().unwrap_or(&r.unique_id),
            r.size,
            r.sha1,
            f.display()
        ));
    }
    Ok(())
}
