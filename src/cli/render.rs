//! Runs each command and renders its result: text for people, JSON for scripts.

use std::time::Duration;

use zeroize::Zeroizing;

use super::args::{CardInfoArgs, GlobalArgs, ReadersArgs, WaitArgs};
use super::output::Output;
use super::pin::{self, PinSource};
use crate::commands::{self, doctor::CheckStatus, Context, PinEntry};
use crate::error::{Error, ErrorKind, Result};

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
        return o.line("No card reader.");
    }
    let rows = report
        .readers
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                if r.in_use_by_another_program {
                    "yes (in use by another program)".into()
                } else if r.card_present {
                    "yes".into()
                } else {
                    "no".into()
                },
                r.generation.clone().unwrap_or_else(|| "-".into()),
                r.atr.clone().unwrap_or_else(|| "-".into()),
                match r.pin_pad {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => "?".into(),
                },
            ]
        })
        .collect();
    o.table_with_ids(
        &["Reader", "Card", "Generation", "ATR", "PIN pad"],
        rows,
        &["Reader"],
    )
}

pub fn card_info(ctx: &Context, a: &CardInfoArgs, o: &mut Output) -> Result<()> {
    let mut settings = ctx.settings.clone();
    settings.wait = wait(a.wait.wait);
    settings.no_cache = a.no_cache;
    let info = commands::card::info(&settings, a.activities.then_some(ctx.pin.as_ref()))?;
    if o.is_json() {
        return o.json(&info);
    }
    let pin = match (info.pin_status, info.pin_tries_left) {
        ("verified", _) => "verified in this card session".to_string(),
        ("blocked", _) => "BLOCKED (unblock it with the PUK)".to_string(),
        (_, Some(n)) => format!("{n} {} left", if n == 1 { "try" } else { "tries" }),
        _ => "unknown".to_string(),
    };
    let name = match (&info.given_name, &info.surname) {
        (Some(g), Some(s)) => format!("{g} {s}"),
        (g, s) => g.clone().or(s.clone()).unwrap_or_else(|| "-".into()),
    };
    o.fields(&[
        ("Holder", name),
        (
            "National id",
            format!("{} ({})", info.national_id, info.national_id_type),
        ),
        (
            "Profession",
            info.profession.clone().unwrap_or_else(|| "-".into()),
        ),
        (
            "Card",
            format!("{} serial {}", info.generation, info.serial),
        ),
        ("Reader", info.reader.clone()),
        (
            "ATR",
            if info.atr.is_empty() {
                "-".to_string()
            } else {
                info.atr.clone()
            },
        ),
        ("PIN", pin),
        (
            "Specialty",
            info.specialty.clone().unwrap_or_else(|| "-".into()),
        ),
        (
            "Activities",
            match (info.activity_count, &info.activities) {
                (Some(0), _) => "none".to_string(),
                (Some(n), Some(_)) => n.to_string(),
                (Some(n), None) => format!("{n} (--activities lists them; asks for the PIN)"),
                (None, _) => {
                    "known after the PIN (--activities lists them; asks for the PIN)".to_string()
                }
            },
        ),
    ])?;
    o.line("")?;
    let rows = info
        .certificates
        .iter()
        .map(|c| {
            vec![
                c.usage.to_string(),
                c.subject.clone(),
                c.issuer.clone(),
                format!("{} to {}", c.not_before.date(), c.not_after.date()),
                c.key_bits
                    .map(|b| format!("RSA {b}"))
                    .unwrap_or_else(|| "-".into()),
                if c.in_date { "yes" } else { "NO" }.to_string(),
            ]
        })
        .collect();
    o.table(
        &[
            "Certificate",
            "Subject",
            "Issuer",
            "Valid",
            "Key",
            "In date",
        ],
        rows,
    )?;
    if info.certificates_from_cache {
        o.line("(certificates from the local cache for this card serial)")?;
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
        o.table_with_ids(
            &["Activity", "Structure", "Sector", "Organisation"],
            rows,
            &["Structure"],
        )?;
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
        Some(n) => o.line(format!(
            "PIN verified. {n} {} left.",
            if n == 1 { "try" } else { "tries" }
        )),
        None => o.line("PIN verified."),
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
        for c in &report.checks {
            let mark = match c.status {
                CheckStatus::Ok => "ok  ",
                CheckStatus::Warn => "warn",
                CheckStatus::Fail => "FAIL",
                CheckStatus::Skip => "skip",
            };
            o.line(format!("[{mark}] {}: {}", c.title, c.detail))?;
            if let Some(fix) = &c.fix {
                if c.status != CheckStatus::Ok {
                    o.line(format!("       fix: {fix}"))?;
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
        Err(
            Error::new(ErrorKind::CheckFailed, format!("{failed} check(s) failed"))
                .with_hint("apply the fixes shown above, then run dmp doctor again"),
        )
    }
}
