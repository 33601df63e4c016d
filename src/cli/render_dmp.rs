//! The DMP commands: resolve the settings, check the input (INS, dates, the mode and its
//! reason) and the rules that depend on the user alone before any PIN or network call, open
//! the run's access once, run the use case and render it. An emergency or regulation access is
//! announced on standard error before anything else, so refusals carry it too (`-q` silences
//! it; JSON carries the mode and the reason instead).

use std::io::IsTerminal;
use std::path::Path;

use time::{Date, OffsetDateTime, Time};

use super::args::{
    AuthorizeArgs, AuthorizedArgs, CredentialArg, DocsGetArgs, DocsListArgs, DocsUpdateArgs,
    GlobalArgs, InsArg, ModeArg, StatusArg,
};
use super::output::Output;
use crate::commands::access::{self, DmpAccess, DmpSettings, ModeChoice, Prepared};
use crate::commands::consent::{self, Action};
use crate::commands::docs_update::{self, Operation};
use crate::commands::{docs, patient, Context};
use crate::config::{CredentialKind, Profile};
use crate::error::{Error, Result};
use crate::model::codes::{AccessMode, AvailabilityStatus};
use crate::model::ins::Ins;
use crate::model::timestamp::Timestamp;

pub(super) fn settings(ctx: &Context, g: &GlobalArgs, profile: &Profile) -> DmpSettings {
    let mut profile = profile.clone();
    // `--activity` wins over the profile's `activity`.
    if let Some(a) = &g.activity {
        profile.activity = Some(a.clone());
    }
    DmpSettings {
        base: ctx.settings.clone(),
        profile,
        endpoint: g.endpoint.clone(),
        credential: g.credential.map(|c| match c {
            CredentialArg::Card => CredentialKind::Card,
            CredentialArg::Structure => CredentialKind::Structure,
            CredentialArg::Pkcs11 => CredentialKind::Pkcs11,
        }),
        structure_cert: g.structure_cert.clone(),
        structure_password_file: g.structure_cert_password_file.clone(),
        structure_password_env: g.structure_cert_password_env.clone(),
        mode: ModeChoice::new(
            match g.mode {
                ModeArg::Normal => AccessMode::Normal,
                ModeArg::Emergency => AccessMode::BrisDeGlace,
                ModeArg::Regulation => AccessMode::Centre15,
            },
            g.reason.as_deref(),
        ),
        journal: None,
        patient: None,
        actions: Vec::new(),
        trace_wire: g.trace_wire.clone(),
        trace_wire_bodies: g.trace_wire_bodies,
    }
}

/// Checks the mode and its reason, announces an emergency or regulation access, reads the
/// credential and applies the rules that depend on the user alone: all before any PIN or
/// network call.
pub(super) fn prepare(
    ctx: &Context,
    g: &GlobalArgs,
    profile: &Profile,
    patient: Option<&Ins>,
    actions: &[Action],
    o: &Output,
) -> Result<Prepared> {
    let mut s = settings(ctx, g, profile);
    s.patient = patient.cloned();
    s.actions = actions.to_vec();
    s.mode.validate()?;
    banner(&s.mode, o);
    let prepared = DmpAccess::prepare(&s)?;
    if let Some(t) = prepared.wire_trace() {
        o.warn_always(wire_trace_warning(t.dir(), t.keeps_bodies()));
    }
    Ok(prepared)
}

/// What the user must know before wire traces are written.
fn wire_trace_warning(dir: &Path, bodies: bool) -> String {
    if bodies {
        crate::tr!("render-wire-trace-bodies", dir = dir)
    } else {
        crate::tr!("render-wire-trace", dir = dir)
    }
}

/// [`prepare`], then the PIN and the run's session.
pub(super) fn open(
    ctx: &Context,
    g: &GlobalArgs,
    profile: &Profile,
    patient: Option<&Ins>,
    actions: &[Action],
    o: &Output,
) -> Result<DmpAccess> {
    prepare(ctx, g, profile, patient, actions, o)?.open(ctx.pin.as_ref())
}

pub(super) fn ins(profile: &Profile, a: &InsArg) -> Result<Ins> {
    Ins::parse_with_default(&a.ins, access::ins_authority(profile)?)
}

/// The emergency or regulation banner, on standard error (the reason is already neutralised,
/// see [`ModeChoice::new`]).
fn banner(mode: &ModeChoice, o: &Output) {
    match mode.mode {
        AccessMode::BrisDeGlace => o.notice(crate::tr!(
            "render-banner-emergency",
            reason = mode.reason.as_deref().unwrap_or("")
        )),
        AccessMode::Centre15 => o.notice(crate::tr!("render-banner-regulation")),
        AccessMode::Normal => {}
    }
}

pub(super) fn yes_no(b: bool) -> String {
    if b {
        crate::tr!("render-yes")
    } else {
        crate::tr!("render-no")
    }
}

pub fn patient_status(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &InsArg,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, a)?;
    let access = open(ctx, g, p, Some(&ins), &[Action::Status], o)?;
    let r = patient::status(&access, &ins)?;
    if o.is_json() {
        return o.json(&r);
    }
    let mut rows = vec![
        (
            crate::tr!("render-f-patient-ins"),
            format!("{} ({})", r.ins, r.ins_oid),
        ),
        (
            crate::tr!("render-f-dmp"),
            if !r.dmp_exists {
                crate::tr!("render-dmp-none")
            } else if r.closed {
                crate::tr!("render-dmp-closed")
            } else {
                crate::tr!("render-dmp-open")
            },
        ),
        (
            crate::tr!("render-f-authorization"),
            r.authorization.clone().unwrap_or_else(|| "-".into()),
        ),
        (
            crate::tr!("render-f-attending"),
            yes_no(r.attending_physician),
        ),
    ];
    if let Some(t) = &r.authorization_text {
        rows.push((crate::tr!("render-f-reason"), t.clone()));
    }
    if r.closed {
        rows.push((
            crate::tr!("render-f-closed"),
            format!(
                "{} {}",
                r.closing_date
                    .as_ref()
                    .map(|t| t.display())
                    .unwrap_or_default(),
                r.closing_reason
                    .as_ref()
                    .map(|c| c.label.clone().unwrap_or_else(|| c.code.clone()))
                    .unwrap_or_default()
            ),
        ));
    }
    let opposes = |o: Option<bool>| match o {
        Some(b) => yes_no(b),
        None => crate::tr!("render-not-stated"),
    };
    if r.dmp_exists {
        rows.push((
            crate::tr!("render-f-opposes-emergency"),
            opposes(r.opposes_emergency_access),
        ));
        rows.push((
            crate::tr!("render-f-opposes-regulation"),
            opposes(r.opposes_regulation_access),
        ));
    }
    rows.push((crate::tr!("render-f-meaning"), r.meaning.clone()));
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
        return Err(Error::usage(crate::tr!("render-authorize-normal-only"))
            .with_hint(crate::tr!("render-authorize-normal-only-hint")));
    }
    let action = patient::authorize_action(a.remove, a.attending);
    // The card's certificates are read (no PIN) so that a refusal is journaled with who asked.
    let prepared = prepare(ctx, g, p, Some(&ins), &[action], o)?;
    // Without a way to confirm the patient's consent, nothing is sent and no PIN is asked
    // (C3, EX_0.3-1010).
    if !a.remove && !a.patient_consent && !super::pin::interactive() {
        return Err(prepared.refuse(action, consent::consent_missing()));
    }
    let consent = if a.remove {
        None
    } else if a.patient_consent {
        Some(patient::Consent::Flag)
    } else {
        let ok = dialoguer::Confirm::with_theme(&super::pin::PinTheme)
            .with_prompt(crate::tr!("render-consent-prompt", ins = ins.number()))
            .default(false)
            .interact()
            .map_err(|e| {
                super::pin::prompt_error(e, Error::usage(crate::tr!("render-consent-prompt-error")))
            })?;
        if !ok {
            return Err(prepared.refuse(action, consent::consent_missing()));
        }
        Some(patient::Consent::Prompt)
    };
    let access = prepared.open(ctx.pin.as_ref())?;
    let r = patient::authorize(&access, &ins, a.remove, a.attending, consent)?;
    if o.is_json() {
        return o.json(&r);
    }
    o.line(crate::tr!(
        "render-authorize-done",
        removed = if a.remove { "yes" } else { "no" },
        attending = if r.attending_physician { "yes" } else { "no" },
        ins = &r.ins,
        status = &r.status,
        context = r
            .context
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
    let access = open(ctx, g, p, Some(&ins), &[Action::Professionals], o)?;
    let r = patient::professionals(&access, &ins)?;
    if o.is_json() {
        return o.json(&r);
    }
    if r.professionals.is_empty() {
        return o.line(crate::tr!("render-no-professional"));
    }
    let rows = r
        .professionals
        .iter()
        .map(|x| {
            vec![
                x.national_id.clone().unwrap_or_default(),
                x.name.clone(),
                x.specialty
                    .as_ref()
                    .map(|s| s.text().to_string())
                    .unwrap_or_default(),
                match x.mode.as_ref().map(|m| m.code.as_str()) {
                    Some("INTERDITE") => crate::tr!("render-access-blocked"),
                    Some("ACTIVE") => crate::tr!("render-access-authorized"),
                    m => m.unwrap_or("-").to_string(),
                },
                yes_no(x.attending_physician),
                when(&x.since),
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-h-national-id"),
        crate::tr!("render-h-name"),
        crate::tr!("render-h-specialty"),
        crate::tr!("render-h-access"),
        crate::tr!("render-h-attending"),
        crate::tr!("render-h-since"),
    ];
    o.table_with_ids(&header, rows, &[0])
}

/// A time of the DMP for people ([`Timestamp::display`]), empty when unknown.
pub(super) fn when(t: &Option<Timestamp>) -> String {
    t.as_ref().map(Timestamp::display).unwrap_or_default()
}

pub(super) fn parse_date(s: &str, what: &str) -> Result<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &fmt).map_err(|_| {
        Error::input(crate::tr!("render-not-a-date", option = what, value = s))
            .with_hint(crate::tr!("render-not-a-date-hint"))
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
    let access = open(ctx, g, p, None, &[Action::AuthorizedList], o)?;
    let r = {
        let _waiting = crate::progress::start(crate::tr!("progress-dmp"));
        patient::authorized(&access, since)?
    };
    if o.is_json() {
        return o.json(&r);
    }
    if r.patients.is_empty() {
        return o.line(crate::tr!(
            "render-no-authorized-dmp",
            since = r.since.display()
        ));
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
                when(&x.date_of_birth),
                yes_no(x.attending_physician),
                when(&x.last_access),
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-h-ins"),
        crate::tr!("render-h-name"),
        crate::tr!("render-h-born"),
        crate::tr!("render-h-attending"),
        crate::tr!("render-h-last-access"),
    ];
    o.table_with_ids(&header, rows, &[0])
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
    let access = open(ctx, g, p, Some(&ins), &[Action::SearchMetadata], o)?;
    let r = {
        let _waiting = crate::progress::start(crate::tr!("progress-dmp"));
        docs::list(&access, &ins, &filters)?
    };
    if o.is_json() {
        o.json(&r)?;
        return partial(&r);
    }
    if a.new_since_last_visit {
        o.line(match &r.since {
            Some(s) => crate::tr!("render-new-since", since = s.display()),
            None => crate::tr!("render-new-since-none"),
        })?;
    }
    if r.documents.is_empty() {
        o.line(if r.complete {
            crate::tr!("render-no-document")
        } else {
            crate::tr!("render-no-document-partial")
        })?;
    } else {
        let rows = r
            .documents
            .iter()
            .map(|d| {
                let mut state = Vec::new();
                if d.masked {
                    state.push(crate::tr!("render-state-masked"));
                }
                if d.invisible_to_patient {
                    state.push(crate::tr!("render-state-invisible-patient"));
                }
                if d.invisible_to_legal_representatives {
                    state.push(crate::tr!("render-state-invisible-legal"));
                }
                if let Some(s) = d.status.as_ref().filter(|s| s.code != "approved") {
                    state.push(s.code.clone());
                }
                let other = |r: &docs::DocumentRef| {
                    r.unique_id.clone().unwrap_or_else(|| r.entry_uuid.clone())
                };
                if let Some(r) = &d.replaces {
                    state.push(crate::tr!("render-state-replaces", id = other(r)));
                }
                if let Some(r) = &d.replaced_by {
                    state.push(crate::tr!("render-state-replaced-by", id = other(r)));
                }
                vec![
                    when(&d.creation_time),
                    d.type_
                        .as_ref()
                        .map(|t| t.text().to_string())
                        .unwrap_or_default(),
                    d.title.clone().unwrap_or_default(),
                    d.author.clone().unwrap_or_default(),
                    state.join(", "),
                    d.unique_id.clone(),
                ]
            })
            .collect();
        let header = [
            crate::tr!("render-h-date"),
            crate::tr!("render-h-type"),
            crate::tr!("render-h-title"),
            crate::tr!("render-h-author"),
            crate::tr!("render-h-state"),
            crate::tr!("render-h-unique-id"),
        ];
        o.table_with_ids(&header, rows, &[5])?;
    }
    for w in &r.warnings {
        o.warn(w.text());
    }
    partial(&r)
}

/// A list printed in full is a success; an incomplete one exits with the "partial" code (the
/// result and its warnings are already printed: `main` adds one line, or the JSON error
/// document on stderr).
fn partial(r: &docs::DocumentList) -> Result<()> {
    if r.complete {
        return Ok(());
    }
    let errors = r.warnings.iter().filter(|w| w.source == "registry").count();
    Err(
        Error::partial(crate::tr!("render-list-partial", errors = errors))
            .with_hint(crate::tr!("render-list-partial-hint")),
    )
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
        return Err(Error::usage(crate::tr!("render-get-terminal"))
            .with_hint(crate::tr!("render-get-terminal-hint")));
    }
    if file.is_none() && o.is_json() {
        return Err(Error::usage(crate::tr!("render-get-json-needs-file"))
            .with_hint(crate::tr!("render-get-json-needs-file-hint")));
    }
    // A target that cannot be written is known before the card or the DMP are asked anything.
    if let Some(f) = file {
        docs::check_target(f, a.force)?;
    }
    let access = open(
        ctx,
        g,
        p,
        Some(&ins),
        &[Action::FindReference, Action::Retrieve],
        o,
    )?;
    let r = docs::get(&access, &ins, &a.unique_id, file, a.force, o.out)?;
    if o.is_json() {
        return o.json(&r);
    }
    for w in &r.warnings {
        o.warn(w.text());
    }
    if let Some(f) = &r.file {
        o.notice(crate::tr!(
            "render-get-written",
            title = r.title.as_deref().unwrap_or(&r.unique_id),
            size = r.size,
            sha1 = &r.sha1,
            file = f
        ));
    }
    Ok(())
}

/// `dmp docs mask|unmask|show-to-patient|archive|unarchive|delete`: a deletion is confirmed at
/// a terminal, or asked for with --yes, before any PIN or network call.
pub fn docs_update(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &DocsUpdateArgs,
    op: Operation,
    yes: bool,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, &a.ins)?;
    if op == Operation::Delete && !yes {
        if !super::pin::interactive() {
            return Err(
                Error::usage(crate::tr!("render-delete-needs-yes", id = &a.unique_id))
                    .with_hint(crate::tr!("render-delete-needs-yes-hint")),
            );
        }
        let ok = dialoguer::Confirm::with_theme(&super::pin::PinTheme)
            .with_prompt(crate::tr!(
                "render-delete-confirm",
                id = &a.unique_id,
                ins = ins.number()
            ))
            .default(false)
            .interact()
            .map_err(|e| {
                super::pin::prompt_error(e, Error::usage(crate::tr!("render-confirm-error")))
            })?;
        if !ok {
            return Err(Error::usage(crate::tr!("render-delete-cancelled"))
                .with_hint(crate::tr!("render-delete-cancelled-hint")));
        }
    }
    let access = open(
        ctx,
        g,
        p,
        Some(&ins),
        &[Action::FindReference, op.action()],
        o,
    )?;
    let r = docs_update::update(&access, &ins, &a.unique_id, op)?;
    if o.is_json() {
        return o.json(&r);
    }
    for w in &r.warnings {
        o.warn(w.text());
    }
    let what = r.title.as_deref().unwrap_or(&r.unique_id);
    let state = {
        let mut v = vec![r.status_after.clone()];
        if r.masked {
            v.push(crate::tr!("render-state-masked"));
        }
        if r.invisible_to_patient {
            v.push(crate::tr!("render-state-invisible-patient"));
        }
        if r.invisible_to_legal_representatives {
            v.push(crate::tr!("render-state-invisible-legal"));
        }
        v.join(", ")
    };
    if r.changed {
        o.line(crate::tr!(
            "render-update-done",
            title = what,
            id = &r.unique_id,
            done = match op {
                Operation::Mask => crate::tr!("render-op-masked"),
                Operation::Unmask => crate::tr!("render-op-unmasked"),
                Operation::ShowToPatient => crate::tr!("render-op-shown"),
                Operation::Archive => crate::tr!("render-op-archived"),
                Operation::Unarchive => crate::tr!("render-op-unarchived"),
                Operation::Delete => crate::tr!("render-op-deleted"),
            },
            transaction = &r.transaction,
            state = state
        ))
    } else {
        o.line(crate::tr!(
            "render-update-unchanged",
            title = what,
            id = &r.unique_id,
            state = state
        ))
    }
}
