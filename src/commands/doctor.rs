//! `dmp doctor`: a checklist of the set-up, one line per check with its status and, when it
//! fails, the fix. Spends no PIN try. Later checks are skipped when an earlier one they depend
//! on failed, and say so.

use serde::Serialize;
use time::OffsetDateTime;

use super::access::{self, DmpSettings};
use super::card::cache;
use super::{PinEntry, Settings};
use crate::config::CredentialKind;
use crate::credential::anchors;
use crate::credential::card::{list_readers, CardSession, PinStatus};
use crate::credential::identity::Identity;
use crate::credential::pkcs11::{self, Pkcs11Token};
use crate::error::Error;
use crate::session::{Credential, Session, SessionConfig};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Ok,
    Warn,
    Fail,
    Skip,
}

#[derive(Debug, Serialize)]
pub struct Check {
    /// Stable identifier for scripts.
    pub id: &'static str,
    pub title: String,
    pub status: CheckStatus,
    pub detail: String,
    /// What to do, when the check does not pass.
    pub fix: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DoctorReport {
    /// No check failed.
    pub passed: bool,
    pub checks: Vec<Check>,
}

struct Checklist {
    checks: Vec<Check>,
}

impl Checklist {
    fn ok(&mut self, id: &'static str, title: &'static str, detail: impl Into<String>) {
        self.push(id, title, CheckStatus::Ok, detail.into(), None);
    }
    fn warning(
        &mut self,
        id: &'static str,
        title: &'static str,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.push(
            id,
            title,
            CheckStatus::Warn,
            detail.into(),
            Some(fix.into()),
        );
    }
    fn fail(&mut self, id: &'static str, title: &'static str, e: &Error) {
        self.push(
            id,
            title,
            CheckStatus::Fail,
            e.message().to_string(),
            e.hint().map(str::to_string),
        );
    }
    fn skip(&mut self, id: &'static str, title: &'static str, because: &str) {
        self.push(
            id,
            title,
            CheckStatus::Skip,
            crate::tr!("doctor-not-checked", because = because),
            None,
        );
    }
    fn push(
        &mut self,
        id: &'static str,
        title: &'static str,
        status: CheckStatus,
        detail: String,
        fix: Option<String>,
    ) {
        self.checks.push(Check {
            id,
            // The titles below are the catalogue's keys.
            title: crate::i18n::tr_args(title, &[]),
            status,
            detail,
            fix,
        });
    }
}

const CONFIG: &str = "doctor-title-config";
const PCSCD: &str = "doctor-title-pcscd";
const READERS: &str = "doctor-title-readers";
const CARD: &str = "doctor-title-card";
const ATR: &str = "doctor-title-atr";
const APP: &str = "doctor-title-app";
const CERTS: &str = "doctor-title-certs";
const DATES: &str = "doctor-title-dates";
const CHAIN: &str = "doctor-title-chain";
const PIN_BLOCKED: &str = "doctor-title-pin-blocked";
const PIN_TRIES: &str = "doctor-title-pin-tries";

const PKCS11_MODULE: &str = "doctor-title-pkcs11-module";
const PKCS11_SLOTS: &str = "doctor-title-pkcs11-slots";
const PKCS11_TOKEN: &str = "doctor-title-pkcs11-token";
const STRUCTURE: &str = "doctor-title-structure";
const ENDPOINT: &str = "doctor-title-endpoint";
const SOFTWARE: &str = "doctor-title-software";
const TLS: &str = "doctor-title-tls";
const CLOCK: &str = "doctor-title-clock";

/// Runs every check. `config`: the configuration file and profile in use, or why they could
/// not be read (the other checks then run on built-in defaults). `pin_available`: a PIN source
/// was given or a person is at the terminal; only then is the card used for the TLS handshake
/// check (a right PIN spends no try).
pub fn run(
    s: &DmpSettings,
    config: Result<String, Error>,
    pin: &dyn PinEntry,
    pin_available: bool,
) -> DoctorReport {
    let mut c = Checklist { checks: Vec::new() };
    match config {
        Ok(detail) => c.ok("configuration", CONFIG, detail),
        Err(e) => c.fail("configuration", CONFIG, &e),
    }
    let kind = s.credential_kind();
    let credential = match kind {
        CredentialKind::Card => card_checks(&s.base, &mut c).map(Credential::Card),
        CredentialKind::Structure => {
            c.skip(
                "card",
                "doctor-title-cps-card",
                &crate::tr!("doctor-skip-indirect"),
            );
            structure_checks(s, &mut c).map(Credential::Structure)
        }
        CredentialKind::Pkcs11 => pkcs11_checks(s, &mut c).map(Credential::Pkcs11),
    };
    // Only a profile that talks to a DMP needs the software's identifiers.
    match access::SoftwareIdentity::from_profile(&s.profile) {
        _ if s.endpoint().is_none() => c.skip(
            "software_identity",
            SOFTWARE,
            &crate::tr!("doctor-skip-no-endpoint"),
        ),
        Ok(id) => c.ok(
            "software_identity",
            SOFTWARE,
            if id.test_profile {
                crate::tr!(
                    "doctor-software-test",
                    oid = &id.lps_oid,
                    homologation = &id.lps_homologation,
                    structure = &id.structure_id
                )
            } else {
                crate::tr!(
                    "doctor-software",
                    oid = &id.lps_oid,
                    homologation = &id.lps_homologation,
                    structure = &id.structure_id
                )
            },
        ),
        Err(e) => c.fail("software_identity", SOFTWARE, &e),
    }
    endpoint_checks(s, credential, pin, pin_available, &mut c);
    let passed = c.checks.iter().all(|k| k.status != CheckStatus::Fail);
    DoctorReport {
        passed,
        checks: c.checks,
    }
}

fn skip_rest(c: &mut Checklist, from: usize, because: &str) {
    let all: [(&'static str, &'static str); 10] = [
        ("pcscd", PCSCD),
        ("readers", READERS),
        ("card_present", CARD),
        ("atr", ATR),
        ("application", APP),
        ("certificates", CERTS),
        ("certificate_dates", DATES),
        ("certificate_chain", CHAIN),
        ("pin_not_blocked", PIN_BLOCKED),
        ("pin_tries", PIN_TRIES),
    ];
    for (id, title) in &all[from..] {
        c.skip(id, title, because);
    }
}

fn structure_checks(
    s: &DmpSettings,
    c: &mut Checklist,
) -> Option<crate::credential::structure::StructureCredential> {
    match access::load_structure(s) {
        Err(e) => {
            c.fail("structure_certificate", STRUCTURE, &e);
            None
        }
        Ok(sc) => {
            let id = sc.identity();
            c.ok(
                "structure_certificate",
                STRUCTURE,
                crate::tr!(
                    "doctor-structure",
                    subject = &id.subject,
                    structure = id.structure_id.as_deref().unwrap_or("?"),
                    until = crate::model::timestamp::display_date(id.not_after.date())
                ),
            );
            Some(sc)
        }
    }
}

fn endpoint_checks(
    s: &DmpSettings,
    credential: Option<Credential>,
    pin: &dyn PinEntry,
    pin_available: bool,
    c: &mut Checklist,
) {
    let Some(endpoint) = s.endpoint() else {
        c.skip(
            "endpoint",
            ENDPOINT,
            &crate::tr!("doctor-skip-no-endpoint-hint"),
        );
        c.skip(
            "tls_handshake",
            TLS,
            &crate::tr!("doctor-skip-no-endpoint-short"),
        );
        c.skip(
            "clock_skew",
            CLOCK,
            &crate::tr!("doctor-skip-no-endpoint-short"),
        );
        return;
    };
    c.ok("endpoint", ENDPOINT, endpoint.clone());
    let Some(credential) = credential else {
        c.skip(
            "tls_handshake",
            TLS,
            &crate::tr!("doctor-skip-no-credential"),
        );
        c.skip("clock_skew", CLOCK, &crate::tr!("doctor-skip-no-tls"));
        return;
    };
    if let Credential::Pkcs11(token) = &credential {
        if !pin_available {
            c.skip("tls_handshake", TLS, &crate::tr!("doctor-skip-token-pin"));
            c.skip("clock_skew", CLOCK, &crate::tr!("doctor-skip-no-tls"));
            return;
        }
        if let Err(e) = super::card::enter_pin_pkcs11(token, pin) {
            c.fail("tls_handshake", TLS, &e);
            c.skip("clock_skew", CLOCK, &crate::tr!("doctor-skip-no-tls"));
            return;
        }
    }
    if let Credential::Card(card) = &credential {
        if !pin_available {
            c.skip("tls_handshake", TLS, &crate::tr!("doctor-skip-card-pin"));
            c.skip("clock_skew", CLOCK, &crate::tr!("doctor-skip-no-tls"));
            return;
        }
        if let Err(e) = super::card::enter_pin(card, pin, false).map(|_| ()) {
            c.fail("tls_handshake", TLS, &e);
            c.skip("clock_skew", CLOCK, &crate::tr!("doctor-skip-no-tls"));
            return;
        }
    }
    let session = Session::new(SessionConfig {
        endpoint,
        trust_anchors: s.base.trust_anchors.clone(),
        credential,
        timeout: s.timeout(30),
    });
    let report = session.and_then(|s| s.handshake_check());
    match report {
        Err(e) => {
            c.fail("tls_handshake", TLS, &e);
            c.skip("clock_skew", CLOCK, &crate::tr!("doctor-skip-no-tls"));
        }
        Ok(r) => {
            c.ok(
                "tls_handshake",
                TLS,
                crate::tr!(
                    "doctor-tls",
                    version = &r.tls_version,
                    cipher = &r.cipher_suite,
                    server = &r.server_subject
                ),
            );
            match r.clock_skew {
                None => c.warning(
                    "clock_skew",
                    CLOCK,
                    crate::tr!("doctor-clock-no-date"),
                    crate::tr!("doctor-clock-no-date-fix"),
                ),
                Some(skew) => {
                    let secs = skew.whole_seconds().abs();
                    let detail = if skew.is_positive() {
                        crate::tr!("doctor-clock-behind", seconds = secs)
                    } else {
                        crate::tr!("doctor-clock-ahead", seconds = secs)
                    };
                    if secs <= 60 {
                        c.ok("clock_skew", CLOCK, detail);
                    } else if secs <= 300 {
                        c.warning(
                            "clock_skew",
                            CLOCK,
                            detail,
                            crate::tr!("doctor-clock-warn-fix"),
                        );
                    } else {
                        c.fail(
                            "clock_skew",
                            CLOCK,
                            &Error::config(crate::tr!("doctor-clock-off", detail = detail))
                                .with_hint(crate::tr!("doctor-clock-off-fix")),
                        );
                    }
                }
            }
        }
    }
}

fn card_checks(settings: &Settings, c: &mut Checklist) -> Option<CardSession> {
    let readers = match list_readers() {
        Ok(r) => r,
        Err(e) if e.message().contains("no card reader") || e.message().contains("no reader") => {
            c.ok("pcscd", PCSCD, crate::tr!("doctor-pcscd-answers"));
            c.fail("readers", READERS, &e);
            {
                skip_rest(c, 2, &crate::tr!("doctor-skip-no-reader"));
                return None;
            }
        }
        Err(e) => {
            c.fail("pcscd", PCSCD, &e);
            {
                skip_rest(c, 1, &crate::tr!("doctor-skip-no-pcscd"));
                return None;
            }
        }
    };
    c.ok("pcscd", PCSCD, crate::tr!("doctor-pcscd-answers"));
    if readers.is_empty() {
        c.fail(
            "readers",
            READERS,
            &Error::reader(crate::tr!("doctor-no-reader"))
                .with_hint(crate::tr!("doctor-no-reader-fix")),
        );
        {
            skip_rest(c, 2, &crate::tr!("doctor-skip-no-reader"));
            return None;
        }
    }
    let names: Vec<&str> = readers.iter().map(|r| r.name.as_str()).collect();
    c.ok("readers", READERS, names.join(", "));

    let card = match CardSession::connect(settings.reader.as_deref(), settings.wait) {
        Ok(card) => card,
        Err(e) => {
            c.fail("card_present", CARD, &e);
            {
                skip_rest(c, 3, &crate::tr!("doctor-skip-no-card"));
                return None;
            }
        }
    };
    // Where the PIN will be typed is worth knowing before the first command asks for it.
    let detail = if card.pin_pad().has_pin_pad() {
        crate::tr!("doctor-card-in-pad", reader = card.reader_name())
    } else {
        crate::tr!("doctor-card-in", reader = card.reader_name())
    };
    c.ok("card_present", CARD, detail);

    let generation = card.generation();
    let atr = crate::credential::card::atr::format_atr(card.atr());
    if !generation.is_cps() {
        c.fail(
            "atr",
            ATR,
            &Error::card(crate::tr!("doctor-atr-unknown", atr = &atr))
                .with_hint(crate::tr!("doctor-atr-unknown-fix")),
        );
        {
            skip_rest(c, 4, &crate::tr!("doctor-skip-unknown-card"));
            return None;
        }
    }
    c.ok("atr", ATR, format!("{generation} ({atr})"));

    let serial = match card.serial() {
        Ok(s) => s,
        Err(e) => {
            c.fail("application", APP, &e);
            {
                skip_rest(c, 5, &crate::tr!("doctor-skip-no-app"));
                return None;
            }
        }
    };
    c.ok(
        "application",
        APP,
        crate::tr!("doctor-card-serial", serial = &serial),
    );

    let certs = match card.certificates(cache(settings).as_ref()) {
        Ok(x) => x,
        Err(e) => {
            c.fail("certificates", CERTS, &e);
            {
                skip_rest(c, 6, &crate::tr!("doctor-skip-no-certs"));
                return None;
            }
        }
    };
    let ids = [
        (
            "authentication",
            Identity::from_certificate(&certs.auth_der),
        ),
        ("signature", Identity::from_certificate(&certs.sign_der)),
    ];
    let mut parsed = Vec::new();
    for (usage, id) in ids {
        match id {
            Ok(i) => parsed.push((usage, i)),
            Err(e) => {
                c.fail("certificates", CERTS, &e);
                {
                    skip_rest(c, 6, &crate::tr!("doctor-skip-no-certs"));
                    return None;
                }
            }
        }
    }
    let holder = &parsed[0].1;
    c.ok(
        "certificates",
        CERTS,
        crate::tr!(
            "doctor-holder",
            name = holder.display_name(),
            id = holder.national_id.to_string(),
            profession = holder
                .profession
                .clone()
                .unwrap_or_else(|| crate::tr!("doctor-no-profession")),
            cached = if certs.from_cache { "yes" } else { "no" }
        ),
    );

    let now = OffsetDateTime::now_utc();
    let mut bad = Vec::new();
    for (usage, id) in &parsed {
        if !id.is_valid_at(now) {
            bad.push(crate::tr!(
                "doctor-cert-valid-from-to",
                usage = *usage,
                from = crate::model::timestamp::display_date(id.not_before.date()),
                to = crate::model::timestamp::display_date(id.not_after.date())
            ));
        }
    }
    if bad.is_empty() {
        let until = parsed.iter().map(|(_, i)| i.not_after).min().unwrap_or(now);
        let days = (until - now).whole_days();
        if days < 30 {
            c.warning(
                "certificate_dates",
                DATES,
                crate::tr!(
                    "doctor-valid-until-days",
                    until = crate::model::timestamp::display_date(until.date()),
                    days = days
                ),
                crate::tr!("doctor-valid-until-days-fix"),
            );
        } else {
            c.ok(
                "certificate_dates",
                DATES,
                crate::tr!(
                    "doctor-valid-until",
                    until = crate::model::timestamp::display_date(until.date())
                ),
            );
        }
    } else {
        c.fail(
            "certificate_dates",
            DATES,
            &Error::card(crate::tr!(
                "doctor-out-of-date",
                certificates = bad.join("; ")
            ))
            .with_hint(crate::tr!("doctor-out-of-date-fix")),
        );
    }

    if settings.trust_anchors.is_empty() {
        c.fail(
            "certificate_chain",
            CHAIN,
            &Error::config(crate::tr!("doctor-no-trust-anchor"))
                .with_hint(crate::tr!("doctor-no-trust-anchor-fix")),
        );
    } else {
        match anchors::load(&settings.trust_anchors) {
            Err(e) => c.fail("certificate_chain", CHAIN, &e),
            Ok(list) => {
                let mut result = Ok(Vec::new());
                for (usage, der) in [
                    ("authentication", &certs.auth_der),
                    ("signature", &certs.sign_der),
                ] {
                    match anchors::verify_chain(der, &list, now) {
                        Ok(r) => {
                            if let Ok(v) = &mut result {
                                v.push(r);
                            }
                        }
                        Err(e) => {
                            result = Err(Error::new(
                                e.kind(),
                                crate::tr!(
                                    "doctor-cert-error",
                                    usage = usage,
                                    message = e.message()
                                ),
                            )
                            .with_hint(e.hint().unwrap_or_default().to_string()));
                            break;
                        }
                    }
                }
                match result {
                    Ok(reports) => {
                        let root = reports
                            .first()
                            .and_then(|r| r.path.last().cloned())
                            .unwrap_or_default();
                        c.ok(
                            "certificate_chain",
                            CHAIN,
                            crate::tr!("doctor-chain-up-to", root = root),
                        );
                    }
                    Err(e) => c.fail("certificate_chain", CHAIN, &e),
                }
            }
        }
    }

    match card.pin_status() {
        Err(e) => {
            c.fail("pin_not_blocked", PIN_BLOCKED, &e);
            c.skip("pin_tries", PIN_TRIES, &crate::tr!("doctor-skip-pin-state"));
        }
        Ok(status) => match status {
            PinStatus::Blocked | PinStatus::TriesLeft(0) => {
                c.fail(
                    "pin_not_blocked",
                    PIN_BLOCKED,
                    &crate::credential::card::pin::blocked_error(),
                );
                c.fail(
                    "pin_tries",
                    PIN_TRIES,
                    &Error::pin(crate::tr!("doctor-no-pin-try"))
                        .with_hint(crate::tr!("doctor-no-pin-try-fix")),
                );
            }
            PinStatus::Verified => {
                c.ok(
                    "pin_not_blocked",
                    PIN_BLOCKED,
                    crate::tr!("doctor-pin-verified"),
                );
                c.ok(
                    "pin_tries",
                    PIN_TRIES,
                    crate::tr!("doctor-pin-verified-tries"),
                );
            }
            PinStatus::TriesLeft(n) => {
                c.ok(
                    "pin_not_blocked",
                    PIN_BLOCKED,
                    crate::tr!("doctor-pin-not-blocked"),
                );
                let detail = crate::tr!("doctor-pin-tries-left", tries = n);
                let max = card.pin_tries_max().unwrap_or(3);
                if n < max {
                    c.warning(
                        "pin_tries",
                        PIN_TRIES,
                        detail,
                        if n == 1 {
                            crate::tr!("doctor-pin-last-try-fix")
                        } else {
                            crate::tr!("doctor-pin-wrong-fix")
                        },
                    );
                } else {
                    c.ok("pin_tries", PIN_TRIES, detail);
                }
            }
        },
    }
    Some(card)
}

/// `--credential pkcs11`: the module (path and what it says of itself), its slots and tokens,
/// the token chosen with its certificates (dates and chain) and its PIN's state. Spends no try.
fn pkcs11_checks(s: &DmpSettings, c: &mut Checklist) -> Option<Pkcs11Token> {
    c.skip(
        "card",
        "doctor-title-cps-card-pcsc",
        &crate::tr!("doctor-skip-pkcs11"),
    );
    let settings = s.pkcs11_settings();
    let skip_after_module = |c: &mut Checklist, because: &str| {
        c.skip("pkcs11_slots", PKCS11_SLOTS, because);
        c.skip("pkcs11_token", PKCS11_TOKEN, because);
        c.skip("certificate_chain", CHAIN, because);
        c.skip("pin_not_blocked", PIN_BLOCKED, because);
    };
    let module = match pkcs11::Module::load(settings.module.as_deref()).and_then(|m| {
        let info = m.info()?;
        Ok((m, info))
    }) {
        Ok(m) => m,
        Err(e) => {
            c.fail("pkcs11_module", PKCS11_MODULE, &e);
            skip_after_module(c, &crate::tr!("doctor-skip-no-pkcs11-module"));
            return None;
        }
    };
    let (module, info) = module;
    c.ok(
        "pkcs11_module",
        PKCS11_MODULE,
        crate::tr!(
            "doctor-pkcs11-module",
            path = info.path.to_string(),
            description = info.description.to_string(),
            version = info.version.to_string(),
            manufacturer = info.manufacturer.to_string(),
            cryptoki = info.cryptoki_version.to_string()
        ),
    );
    match module.slots() {
        Ok(slots) => {
            let list: Vec<String> = slots
                .iter()
                .map(|s| match &s.token {
                    Some(t) => crate::tr!(
                        "doctor-pkcs11-slot",
                        id = s.id.to_string(),
                        description = s.description.to_string(),
                        label = t.label.to_string(),
                        manufacturer = t.manufacturer.to_string(),
                        model = t.model.to_string(),
                        serial = t.serial.to_string(),
                        pin = t.pin.to_string()
                    ),
                    None => crate::tr!(
                        "doctor-pkcs11-slot-empty",
                        id = s.id.to_string(),
                        description = s.description.to_string()
                    ),
                })
                .collect();
            c.ok(
                "pkcs11_slots",
                PKCS11_SLOTS,
                if list.is_empty() {
                    crate::tr!("doctor-pkcs11-no-slot")
                } else {
                    list.join("; ")
                },
            );
        }
        Err(e) => c.fail("pkcs11_slots", PKCS11_SLOTS, &e),
    }
    // The token below loads the module again: keep one C_Initialize at a time.
    drop(module);
    let token = match Pkcs11Token::open(&settings) {
        Ok(t) => t,
        Err(e) => {
            c.fail("pkcs11_token", PKCS11_TOKEN, &e);
            c.skip(
                "certificate_chain",
                CHAIN,
                &crate::tr!("doctor-skip-no-token"),
            );
            c.skip(
                "pin_not_blocked",
                PIN_BLOCKED,
                &crate::tr!("doctor-skip-no-token"),
            );
            return None;
        }
    };
    let certs = token.certificates();
    match certs.identity() {
        Ok(holder) => c.ok(
            "pkcs11_token",
            PKCS11_TOKEN,
            crate::tr!(
                "doctor-pkcs11-token",
                label = token.token_label(),
                slot = token.slot_description(),
                name = holder.display_name(),
                id = holder.national_id.to_string(),
                profession = holder
                    .profession
                    .clone()
                    .unwrap_or_else(|| crate::tr!("doctor-no-profession")),
                signature = if certs.sign_der.is_empty() {
                    "no"
                } else {
                    "yes"
                }
            ),
        ),
        Err(e) => c.fail("pkcs11_token", PKCS11_TOKEN, &e),
    }
    let mut chain = vec![certs.auth_der.clone()];
    if !certs.sign_der.is_empty() {
        chain.push(certs.sign_der.clone());
    }
    let now = OffsetDateTime::now_utc();
    match anchors::load(&s.base.trust_anchors) {
        Ok(a) => match chain
            .iter()
            .map(|der| anchors::verify_chain(der, &a, now))
            .collect::<Result<Vec<_>, Error>>()
        {
            Ok(reports) => {
                let root = reports
                    .first()
                    .and_then(|r| r.path.last().cloned())
                    .unwrap_or_default();
                c.ok(
                    "certificate_chain",
                    CHAIN,
                    crate::tr!("doctor-chain-up-to", root = root),
                );
            }
            Err(e) => c.fail("certificate_chain", CHAIN, &e),
        },
        Err(e) => c.fail("certificate_chain", CHAIN, &e),
    }
    match token.pin_status() {
        Ok(PinStatus::Blocked | PinStatus::TriesLeft(0)) => c.fail(
            "pin_not_blocked",
            PIN_BLOCKED,
            &crate::credential::card::pin::blocked_error(),
        ),
        Ok(PinStatus::TriesLeft(1)) => c.warning(
            "pin_not_blocked",
            PIN_BLOCKED,
            crate::tr!("doctor-token-final-try"),
            crate::tr!("doctor-token-final-try-fix"),
        ),
        Ok(st) => c.ok("pin_not_blocked", PIN_BLOCKED, st.to_string()),
        Err(e) => c.fail("pin_not_blocked", PIN_BLOCKED, &e),
    }
    Some(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{has, Lang};

    #[test]
    fn every_check_title_is_in_both_catalogues() {
        let titles = [
            CONFIG,
            PCSCD,
            READERS,
            CARD,
            ATR,
            APP,
            CERTS,
            DATES,
            CHAIN,
            PIN_BLOCKED,
            PIN_TRIES,
            PKCS11_MODULE,
            PKCS11_SLOTS,
            PKCS11_TOKEN,
            STRUCTURE,
            ENDPOINT,
            SOFTWARE,
            TLS,
            CLOCK,
            "doctor-title-cps-card",
            "doctor-title-cps-card-pcsc",
        ];
        for t in titles {
            assert!(has(Lang::En, t) && has(Lang::Fr, t), "{t}");
        }
    }
}
