//! The DMP-side reports (`dmp report authorizations`, `dmp report patients`) in text, JSON or
//! CSV, and `dmp patient history-url`.

use time::{OffsetDateTime, Time};

use super::args::{GlobalArgs, HistoryUrlArgs, InsArg, ReportPatientsArgs, SinceByArg};
use super::browser;
use super::output::Output;
use super::render_dmp::{ins, open, parse_date, when, yes_no};
use crate::commands::consent::Action;
use crate::commands::patient::ProfessionalRow;
use crate::commands::report::{self, SinceBy};
use crate::commands::Context;
use crate::config::Profile;
use crate::error::Result;
use crate::i18n::Lang;
use crate::model::timestamp::Timestamp;

fn rfc3339(t: &Option<Timestamp>) -> String {
    t.as_ref().map(Timestamp::rfc3339).unwrap_or_default()
}

/// The mode of a TD1.6 row in words: blocked, attending physician or authorized; in `lang`
/// (the CSV's `mode_label` stays English, as scripts read it).
fn mode_text(p: &ProfessionalRow, lang: Lang) -> String {
    let word = |key: &str| crate::i18n::format_in(lang, key, &[]);
    match p.mode.as_ref().map(|m| m.code.as_str()) {
        Some("INTERDITE") => word("render-access-blocked"),
        Some("ACTIVE") if p.attending_physician => word("render-attending-physician"),
        Some("ACTIVE") => word("render-access-authorized"),
        Some(other) => other.into(),
        None => "-".into(),
    }
}

pub fn report_authorizations(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &InsArg,
    o: &mut Output,
) -> Result<()> {
    let ins = ins(p, a)?;
    let access = open(ctx, g, p, Some(&ins), &[Action::Professionals], o)?;
    let r = {
        let _waiting = crate::progress::start(crate::tr!("progress-dmp"));
        report::authorizations(&access, &ins)?
    };
    if o.is_json() {
        return o.json(&r);
    }
    if o.is_csv() {
        let rows = r
            .professionals
            .iter()
            .map(|x| {
                vec![
                    r.ins.clone(),
                    x.national_id.clone().unwrap_or_default(),
                    x.holder_type
                        .as_ref()
                        .map(|t| t.text().to_string())
                        .unwrap_or_default(),
                    x.name.clone(),
                    x.specialty
                        .as_ref()
                        .map(|s| s.code.clone())
                        .unwrap_or_default(),
                    x.specialty
                        .as_ref()
                        .and_then(|s| s.label.clone())
                        .unwrap_or_default(),
                    x.mode.as_ref().map(|m| m.code.clone()).unwrap_or_default(),
                    mode_text(x, Lang::En),
                    x.attending_physician.to_string(),
                    rfc3339(&x.since),
                    rfc3339(&x.last_action),
                ]
            })
            .collect();
        return o.csv(
            &[
                "ins",
                "national_id",
                "holder_type",
                "name",
                "specialty_code",
                "specialty_label",
                "mode",
                "mode_label",
                "attending_physician",
                "authorized_since",
                "last_action",
            ],
            rows,
        );
    }
    o.line(crate::tr!(
        "render-report-professionals",
        ins = &r.ins,
        time = r.generated_at.display()
    ))?;
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
                mode_text(x, crate::i18n::lang()),
                when(&x.since),
                when(&x.last_action),
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-h-national-id"),
        crate::tr!("render-h-name"),
        crate::tr!("render-h-specialty"),
        crate::tr!("render-h-mode"),
        crate::tr!("render-h-authorized-since"),
        crate::tr!("render-h-last-action"),
    ];
    o.table_with_ids(&header, rows, &[0])?;
    let s = &r.summary;
    o.line(crate::tr!(
        "render-report-professionals-summary",
        authorized = s.authorized,
        attending = s.attending_physicians,
        blocked = s.blocked
    ))
}

pub fn report_patients(
    ctx: &Context,
    g: &GlobalArgs,
    p: &Profile,
    a: &ReportPatientsArgs,
    o: &mut Output,
) -> Result<()> {
    let since = match &a.since {
        Some(s) => parse_date(s, "--since")?
            .with_time(Time::MIDNIGHT)
            .assume_utc(),
        None => OffsetDateTime::now_utc() - time::Duration::days(365),
    };
    let by = match a.by {
        SinceByArg::Authorization => SinceBy::Authorization,
        SinceByArg::Document => SinceBy::Document,
        SinceByArg::Either => SinceBy::Either,
    };
    let access = open(ctx, g, p, None, &[Action::AuthorizedList], o)?;
    let r = {
        let _waiting = crate::progress::start(crate::tr!("progress-dmp"));
        report::patients(&access, since, by)?
    };
    if o.is_json() {
        return o.json(&r);
    }
    let listed_by = |x: &report::PatientReportRow| {
        x.listed_by
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if o.is_csv() {
        let rows = r
            .patients
            .iter()
            .map(|x| {
                vec![
                    x.ins.clone().unwrap_or_default(),
                    x.ins_oid.clone().unwrap_or_default(),
                    x.last_name.clone().unwrap_or_default(),
                    x.first_name.clone().unwrap_or_default(),
                    rfc3339(&x.date_of_birth),
                    x.attending_physician.to_string(),
                    rfc3339(&x.last_access),
                    rfc3339(&x.last_update),
                    rfc3339(&x.last_add),
                    listed_by(x),
                ]
            })
            .collect();
        return o.csv(
            &[
                "ins",
                "ins_oid",
                "last_name",
                "first_name",
                "date_of_birth",
                "attending_physician",
                "last_access",
                "last_update",
                "last_add",
                "listed_by",
            ],
            rows,
        );
    }
    let what = match by {
        SinceBy::Authorization => "authorization",
        SinceBy::Document => "document",
        SinceBy::Either => "either",
    };
    if r.patients.is_empty() {
        return o.line(crate::tr!(
            "render-report-no-patient",
            by = what,
            since = r.since.display()
        ));
    }
    o.line(crate::tr!(
        "render-report-patients",
        by = what,
        since = r.since.display()
    ))?;
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
                when(&x.last_update),
                when(&x.last_add),
                x.listed_by
                    .iter()
                    .map(|c| match c.code.as_str() {
                        "LASTAUTORIZATION" => crate::tr!("render-listed-authorization"),
                        "LASTDOC" => crate::tr!("render-listed-documents"),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-h-ins"),
        crate::tr!("render-h-name"),
        crate::tr!("render-h-born"),
        crate::tr!("render-h-attending"),
        crate::tr!("render-h-last-access"),
        crate::tr!("render-h-last-update"),
        crate::tr!("render-h-authorization-added"),
        crate::tr!("render-h-listed-for"),
    ];
    o.table_with_ids(&header, rows, &[0])
}

pub fn patient_history_url(p: &Profile, a: &HistoryUrlArgs, o: &mut Output) -> Result<()> {
    let ins = ins(p, &a.ins)?;
    let base = a.web_ps_url.as_deref().or(p.web_ps_url.as_deref());
    let mut r = report::history_url(base, &ins)?;
    if !o.is_json() {
        // Printed first: the address stays at hand if no browser opens it.
        o.line(&r.url)?;
    }
    if a.open {
        let program = browser::open(&r.url)?;
        r.opened = true;
        o.notice(crate::tr!("render-history-opened", program = program));
    }
    o.notice(crate::tr!("render-history-note"));
    if o.is_json() {
        return o.json(&r);
    }
    Ok(())
}
