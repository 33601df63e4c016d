//! Runs each command and renders its result: text for people, JSON for scripts.

use std::time::Duration;

use zeroize::Zeroizing;

use super::args::{CardInfoArgs, GlobalArgs, ReadersArgs, WaitArgs};
use super::output::Output;
use super::pin::{self, PinSource};
use crate::commands::{self, doctor::CheckStatus, Context, PinEntry};
use crate::error::{Error, ErrorKind, Result};
use crate::model::timestamp::display_date;

/// The PIN comes from the source chosen on the command line, resolved only when needed.
struct CliPinEntry {
    global: GlobalArgs,
}

impl PinEntry for CliPinEntry {
    fn pin(&self, tries_left: u8) -> Result<Zeroizing<String>> {
        PinSource::from_args(&self.global)?.read(tries_left)
    }
    fn confirm_last_try(&self) -> Result<()> {
        pin::confirm_last_try()
    }
    fn pad_allowed(&self) -> bool {
        !self.global.no_pinpad
    }
    fn pad_prompt(&self, tries_left: u8) -> Result<()> {
        pin::pad_prompt(&self.global, tries_left)
    }
}

/// Builds the command context from the command line and the profile.
pub fn context(global: &GlobalArgs, profile: &crate::config::Profile) -> Context {
    let mut settings = commands::Settings::from_profile(profile);
    if let Some(r) = &global.reader {
        settings.reader = Some(r.clone());
    }
    if let Some(ca) = &global.ca_file {
        settings.trust_anchors = vec![ca.clone()];
    }
    let pkcs11 = match global.credential {
        Some(c) => c == super::args::CredentialArg::Pkcs11,
        None => profile.credential == Some(crate::config::CredentialKind::Pkcs11),
    };
    if pkcs11 {
        settings.pkcs11 = Some(crate::credential::pkcs11::Pkcs11Settings {
            module: global
                .pkcs11_module
                .clone()
                .or_else(|| profile.pkcs11_module.clone()),
            slot: settings.reader.clone(),
        });
    }
    Context {
        settings,
        pin: Box::new(CliPinEntry {
            global: global.clone(),
        }),
    }
}

fn wait(w: Option<u64>) -> Option<Duration> {
    w.map(Duration::from_secs)
}

pub fn readers(_ctx: &Context, a: &ReadersArgs, o: &mut Output) -> Result<()> {
    let report = commands::readers::list(wait(a.wait))?;
    if o.is_json() {
        return o.json(&report);
    }
    if report.readers.is_empty() {
        return o.line(crate::tr!("render-no-reader"));
    }
    let rows = report
        .readers
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                if r.in_use_by_another_program {
                    crate::tr!("render-card-in-use")
                } else {
                    super::render_dmp::yes_no(r.card_present)
                },
                r.generation.clone().unwrap_or_else(|| "-".into()),
                r.atr.clone().unwrap_or_else(|| "-".into()),
                match r.pin_pad {
                    Some(b) => super::render_dmp::yes_no(b),
                    None => "?".into(),
                },
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-h-reader"),
        crate::tr!("render-h-card"),
        crate::tr!("render-h-generation"),
        crate::tr!("render-h-atr"),
        crate::tr!("render-h-pin-pad"),
    ];
    o.table_with_ids(&header, rows, &[0])
}

pub fn card_info(ctx: &Context, a: &CardInfoArgs, o: &mut Output) -> Result<()> {
    let mut settings = ctx.settings.clone();
    settings.wait = wait(a.wait.wait);
    settings.no_cache = a.no_cache;
    let _waiting = crate::progress::start(crate::tr!("progress-card"));
    let info = commands::card::info(&settings, a.activities.then_some(ctx.pin.as_ref()))?;
    if o.is_json() {
        return o.json(&info);
    }
    let pin = match (info.pin_status, info.pin_tries_left) {
        ("verified", _) => crate::tr!("render-pin-verified-session"),
        ("blocked", _) => crate::tr!("render-pin-blocked"),
        (_, Some(n)) => crate::tr!("render-pin-tries-left", tries = n),
        _ => crate::tr!("render-unknown"),
    };
    let name = match (&info.given_name, &info.surname) {
        (Some(g), Some(s)) => format!("{g} {s}"),
        (g, s) => g.clone().or(s.clone()).unwrap_or_else(|| "-".into()),
    };
    let fields = [
        (crate::tr!("render-f-holder"), name),
        (
            crate::tr!("render-f-national-id"),
            format!("{} ({})", info.national_id, info.national_id_type),
        ),
        (
            crate::tr!("render-f-profession"),
            info.profession.clone().unwrap_or_else(|| "-".into()),
        ),
        (
            crate::tr!("render-f-card"),
            crate::tr!(
                "render-card-serial",
                generation = &info.generation,
                serial = &info.serial
            ),
        ),
        (crate::tr!("render-f-reader"), info.reader.clone()),
        (
            crate::tr!("render-f-atr"),
            if info.atr.is_empty() {
                "-".to_string()
            } else {
                info.atr.clone()
            },
        ),
        (crate::tr!("render-f-pin"), pin),
        (
            crate::tr!("render-f-specialty"),
            info.specialty.clone().unwrap_or_else(|| "-".into()),
        ),
        (
            crate::tr!("render-f-activities"),
            match (info.activity_count, &info.activities) {
                (Some(0), _) => crate::tr!("render-activities-none"),
                (Some(n), Some(_)) => n.to_string(),
                (Some(n), None) => crate::tr!("render-activities-count", count = n),
                (None, _) => crate::tr!("render-activities-after-pin"),
            },
        ),
    ];
    o.fields(&fields)?;
    o.line("")?;
    let rows = info
        .certificates
        .iter()
        .map(|c| {
            vec![
                match c.usage {
                    "authentication" => crate::tr!("render-cert-authentication"),
                    "signature" => crate::tr!("render-cert-signature"),
                    other => other.to_string(),
                },
                c.subject.clone(),
                c.issuer.clone(),
                crate::tr!(
                    "render-cert-validity",
                    from = display_date(c.not_before.date()),
                    to = display_date(c.not_after.date())
                ),
                c.key_bits
                    .map(|b| format!("RSA {b}"))
                    .unwrap_or_else(|| "-".into()),
                if c.in_date {
                    crate::tr!("render-yes")
                } else {
                    crate::tr!("render-cert-not-in-date")
                },
            ]
        })
        .collect();
    let header = [
        crate::tr!("render-h-certificate"),
        crate::tr!("render-h-subject"),
        crate::tr!("render-h-issuer"),
        crate::tr!("render-h-valid"),
        crate::tr!("render-h-key"),
        crate::tr!("render-h-in-date"),
    ];
    o.table(&header, rows)?;
    if info.certificates_from_cache {
        o.line(crate::tr!("render-certs-from-cache"))?;
    }
    if let Some(activities) = info.activities.as_ref().filter(|a| !a.is_empty()) {
        o.line("")?;
        let rows = activities
            .iter()
            .map(|a| {
                vec![
                    a.number.to_string(),
                    a.structure_id.clone(),
                    a.sector.clone(),
                    a.organisation.clone(),
                ]
            })
            .collect();
        let header = [
            crate::tr!("render-h-activity"),
            crate::tr!("render-h-structure"),
            crate::tr!("render-h-sector"),
            crate::tr!("render-h-organisation"),
        ];
        o.table_with_ids(&header, rows, &[1])?;
    }
    Ok(())
}

pub fn verify_pin(ctx: &Context, a: &WaitArgs, o: &mut Output) -> Result<()> {
    let mut settings = ctx.settings.clone();
    settings.wait = wait(a.wait);
    let report = commands::card::verify_pin(&settings, ctx.pin.as_ref())?;
    if o.is_json() {
        return o.json(&report);
    }
    match report.pin_tries_left {
        Some(n) => o.line(crate::tr!("render-pin-verified-tries", tries = n)),
        None => o.line(crate::tr!("render-pin-verified")),
    }
}

pub fn doctor(
    ctx: &Context,
    g: &GlobalArgs,
    profile: &crate::config::Profile,
    config: Result<String>,
    o: &mut Output,
) -> Result<()> {
    let settings = super::render_dmp::settings(ctx, g, profile);
    let pin_available =
        g.pin_file.is_some() || g.pin_stdin || g.pin_env.is_some() || pin::interactive();
    let report = commands::doctor::run(&settings, config, ctx.pin.as_ref(), pin_available);
    if o.is_json() {
        o.json(&report)?;
    } else {
        let marks = [
            crate::tr!("render-doctor-ok"),
            crate::tr!("render-doctor-warn"),
            crate::tr!("render-doctor-fail"),
            crate::tr!("render-doctor-skip"),
        ];
        // The marks are padded to the longest one, the fixes indented under the titles.
        let width = marks.iter().map(|m| m.chars().count()).max().unwrap_or(0);
        for c in &report.checks {
            let mark = &marks[match c.status {
                CheckStatus::Ok => 0,
                CheckStatus::Warn => 1,
                CheckStatus::Fail => 2,
                CheckStatus::Skip => 3,
            }];
            o.line(crate::tr!(
                "render-doctor-check",
                mark = format!("[{mark:<width$}]"),
                title = c.title.to_string(),
                detail = &c.detail
            ))?;
            if let Some(fix) = &c.fix {
                if c.status != CheckStatus::Ok {
                    o.line(format!(
                        "{:indent$}{}",
                        "",
                        crate::tr!("render-doctor-fix", fix = fix),
                        indent = width + 3
                    ))?;
                }
            }
        }
    }
    if report.passed {
        Ok(())
    } else {
        let failed = report
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Fail)
            .count();
        Err(Error::new(
            ErrorKind::CheckFailed,
            crate::tr!("render-doctor-failed", count = failed),
        )
        .with_hint(crate::tr!("render-doctor-failed-hint")))
    }
}
