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
    pub title: &'static str,
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
    fn warn(
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
            format!("not checked: {because}"),
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
            title,
            status,
            detail,
            fix,
        });
    }
}

const CONFIG: &str = "configuration file valid";
const PCSCD: &str = "smart-card service (pcscd) reachable";
const READERS: &str = "card reader found";
const CARD: &str = "card present";
const ATR: &str = "card known by its ATR";
const APP: &str = "CPS application selectable";
const CERTS: &str = "certificates readable";
const DATES: &str = "certificates in date";
const CHAIN: &str = "certificates chain to a trust anchor";
const PIN_BLOCKED: &str = "PIN not blocked";
const PIN_TRIES: &str = "PIN tries left";

const PKCS11_MODULE: &str = "PKCS#11 module loaded";
const PKCS11_SLOTS: &str = "PKCS#11 slots and tokens";
const PKCS11_TOKEN: &str = "PKCS#11 token with the practitioner's certificates";
const STRUCTURE: &str = "structure certificate readable and in date";
const ENDPOINT: &str = "DMP endpoint configured";
const SOFTWARE: &str = "software identifiers configured (lps_oid, lps_homologation, structure_id)";
const TLS: &str = "TLS handshake with the DMP";
const CLOCK: &str = "clock in step with the DMP";

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
                "CPS card",
                "indirect mode uses the structure certificate, not a card",
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
            "no DMP endpoint is configured",
        ),
        Ok(id) => c.ok(
            "software_identity",
            SOFTWARE,
            format!(
                "OID {}, homologation {}, structure {}{}",
                id.lps_oid,
                id.lps_homologation,
                id.structure_id,
                if id.test_profile {
                    " (test profile)"
                } else {
                    ""
                }
            ),
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
                format!(
                    "{} (structure {}), valid until {}",
                    id.subject,
                    id.structure_id.as_deref().unwrap_or("?"),
                    id.not_after.date()
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
            "no DMP endpoint is configured (set `endpoint` in the profile, or --endpoint)",
        );
        c.skip("tls_handshake", TLS, "no endpoint");
        c.skip("clock_skew", CLOCK, "no endpoint");
        return;
    };
    c.ok("endpoint", ENDPOINT, endpoint.clone());
    let Some(credential) = credential else {
        c.skip("tls_handshake", TLS, "no usable credential (see above)");
        c.skip("clock_skew", CLOCK, "no TLS session");
        return;
    };
    if let Credential::Pkcs11(token) = &credential {
        if !pin_available {
            c.skip(
                "tls_handshake",
                TLS,
                "the token must sign the handshake, which needs the PIN: run dmp doctor at a terminal, or give --pin-file/--pin-stdin/--pin-env",
            );
            c.skip("clock_skew", CLOCK, "no TLS session");
            return;
        }
        if let Err(e) = super::card::enter_pin_pkcs11(token, pin) {
            c.fail("tls_handshake", TLS, &e);
            c.skip("clock_skew", CLOCK, "no TLS session");
            return;
        }
    }
    if let Credential::Card(card) = &credential {
        if !pin_available {
            c.skip(
                "tls_handshake",
                TLS,
                "the card must sign the handshake, which needs the PIN: run dmp doctor at a terminal, or give --pin-file/--pin-stdin/--pin-env",
            );
            c.skip("clock_skew", CLOCK, "no TLS session");
            return;
        }
        if let Err(e) = super::card::enter_pin(card, pin, false).map(|_| ()) {
            c.fail("tls_handshake", TLS, &e);
            c.skip("clock_skew", CLOCK, "no TLS session");
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
            c.skip("clock_skew", CLOCK, "no TLS session");
        }
        Ok(r) => {
            c.ok(
                "tls_handshake",
                TLS,
                format!(
                    "{}, {}, server {}",
                    r.tls_version, r.cipher_suite, r.server_subject
                ),
            );
            match r.clock_skew {
                None => c.warn(
                    "clock_skew",
                    CLOCK,
                    "the server sent no Date header",
                    "nothing to do; the clock could not be compared",
                ),
                Some(skew) => {
                    let secs = skew.whole_seconds().abs();
                    let detail = format!(
                        "{} s {} the DMP",
                        secs,
                        if skew.is_positive() {
                            "behind"
                        } else {
                            "ahead of"
                        }
                    );
                    if secs <= 60 {
                        c.ok("clock_skew", CLOCK, detail);
                    } else if secs <= 300 {
                        c.warn(
                            "clock_skew",
                            CLOCK,
                            detail,
                            "synchronise the clock (NTP): the DMP checks the VIHF and document times",
                        );
                    } else {
                        c.fail(
                            "clock_skew",
                            CLOCK,
                            &Error::config(format!("the clock is {detail}")).with_hint(
                                "synchronise the clock with a time server (NTP), at least daily: the DMP refuses assertions out of time",
                            ),
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
            c.ok("pcscd", PCSCD, "pcscd answers");
            c.fail("readers", READERS, &e);
            {
                skip_rest(c, 2, "no reader");
                return None;
            }
        }
        Err(e) => {
            c.fail("pcscd", PCSCD, &e);
            {
                skip_rest(c, 1, "pcscd is not reachable");
                return None;
            }
        }
    };
    c.ok("pcscd", PCSCD, "pcscd answers");
    if readers.is_empty() {
        c.fail(
            "readers",
            READERS,
            &Error::reader("no card reader is connected")
                .with_hint("plug the reader in; if it is plugged, check that its driver (e.g. libccid) is installed and restart pcscd"),
        );
        {
            skip_rest(c, 2, "no reader");
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
                skip_rest(c, 3, "no card");
                return None;
            }
        }
    };
    // Where the PIN will be typed is worth knowing before the first command asks for it.
    let pad = if card.pin_pad().has_pin_pad() {
        "PIN pad: yes, the PIN is typed on the reader (unless --no-pinpad)"
    } else {
        "PIN pad: no"
    };
    c.ok(
        "card_present",
        CARD,
        format!("in \"{}\" ({pad})", card.reader_name()),
    );

    let generation = card.generation();
    let atr = crate::credential::card::atr::format_atr(card.atr());
    if !generation.is_cps() {
        c.fail(
            "atr",
            ATR,
            &Error::card(format!("ATR {atr} is not one of a CPS card")).with_hint(
                "insert a CPS3 practitioner card; if this is a CPS card, report its ATR",
            ),
        );
        {
            skip_rest(c, 4, "unknown card");
            return None;
        }
    }
    c.ok("atr", ATR, format!("{generation} ({atr})"));

    let serial = match card.serial() {
        Ok(s) => s,
        Err(e) => {
            c.fail("application", APP, &e);
            {
                skip_rest(c, 5, "the CPS application is not readable");
                return None;
            }
        }
    };
    c.ok("application", APP, format!("card serial {serial}"));

    let certs = match card.certificates(cache(settings).as_ref()) {
        Ok(x) => x,
        Err(e) => {
            c.fail("certificates", CERTS, &e);
            {
                skip_rest(c, 6, "the certificates are not readable");
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
                    skip_rest(c, 6, "the certificates are not readable");
                    return None;
                }
            }
        }
    }
    let holder = &parsed[0].1;
    c.ok(
        "certificates",
        CERTS,
        format!(
            "{} {}, {}{}",
            holder.display_name(),
            holder.national_id,
            holder.profession.as_deref().unwrap_or("no profession"),
            if certs.from_cache { " (cached)" } else { "" }
        ),
    );

    let now = OffsetDateTime::now_utc();
    let mut bad = Vec::new();
    for (usage, id) in &parsed {
        if !id.is_valid_at(now) {
            bad.push(format!(
                "{usage} certificate valid {} to {}",
                id.not_before.date(),
                id.not_after.date()
            ));
        }
    }
    if bad.is_empty() {
        let until = parsed.iter().map(|(_, i)| i.not_after).min().unwrap_or(now);
        let days = (until - now).whole_days();
        if days < 30 {
            c.warn(
                "certificate_dates",
                DATES,
                format!("valid until {} ({days} days left)", until.date()),
                "order a renewed card (ANS) before the certificates expire",
            );
        } else {
            c.ok(
                "certificate_dates",
                DATES,
                format!("valid until {}", until.date()),
            );
        }
    } else {
        c.fail(
            "certificate_dates",
            DATES,
            &Error::card(format!("out of date: {}", bad.join("; "))).with_hint(
                "check the computer's clock; if it is right, the card must be renewed (ANS)",
            ),
        );
    }

    if settings.trust_anchors.is_empty() {
        c.fail(
            "certificate_chain",
            CHAIN,
            &Error::config("no trust anchor is configured").with_hint(
                "set trust_anchors in the profile (PEM files of the IGC-Santé chain) or pass --ca-file",
            ),
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
                                format!("{usage} certificate: {}", e.message()),
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
                        c.ok("certificate_chain", CHAIN, format!("up to \"{root}\""));
                    }
                    Err(e) => c.fail("certificate_chain", CHAIN, &e),
                }
            }
        }
    }

    match card.pin_status() {
        Err(e) => {
            c.fail("pin_not_blocked", PIN_BLOCKED, &e);
            c.skip("pin_tries", PIN_TRIES, "the PIN state is not readable");
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
                    &Error::pin("no PIN try left")
                        .with_hint("unblock the PIN with the card's PUK first"),
                );
            }
            PinStatus::Verified => {
                c.ok(
                    "pin_not_blocked",
                    PIN_BLOCKED,
                    "the PIN is verified in this card session",
                );
                c.ok("pin_tries", PIN_TRIES, "not told while the PIN is verified");
            }
            PinStatus::TriesLeft(n) => {
                c.ok("pin_not_blocked", PIN_BLOCKED, "not blocked");
                let detail = format!(
                    "{n} {} left (checked without spending one)",
                    if n == 1 { "try" } else { "tries" }
                );
                let max = card.pin_tries_max().unwrap_or(3);
                if n < max {
                    c.warn(
                            "pin_tries",
                            PIN_TRIES,
                            detail,
                            if n == 1 {
                                "one more wrong PIN blocks the card: make sure of the PIN before the next use; a right PIN resets the counter".to_string()
                            } else {
                                "a wrong PIN was entered since the last right one; a right PIN resets the counter".to_string()
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
        "CPS card over PC/SC",
        "the card is reached through the PKCS#11 module",
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
            skip_after_module(c, "no PKCS#11 module");
            return None;
        }
    };
    let (module, info) = module;
    c.ok(
        "pkcs11_module",
        PKCS11_MODULE,
        format!(
            "{}: {} {} by {} (Cryptoki {})",
            info.path, info.description, info.version, info.manufacturer, info.cryptoki_version
        ),
    );
    match module.slots() {
        Ok(slots) => {
            let list: Vec<String> = slots
                .iter()
                .map(|s| match &s.token {
                    Some(t) => format!(
                        "slot {} \"{}\": token \"{}\" ({} {}, serial {}, PIN {})",
                        s.id, s.description, t.label, t.manufacturer, t.model, t.serial, t.pin
                    ),
                    None => format!("slot {} \"{}\": no token", s.id, s.description),
                })
                .collect();
            c.ok(
                "pkcs11_slots",
                PKCS11_SLOTS,
                if list.is_empty() {
                    "no slot".to_string()
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
            c.skip("certificate_chain", CHAIN, "no token");
            c.skip("pin_not_blocked", PIN_BLOCKED, "no token");
            return None;
        }
    };
    let certs = token.certificates();
    match certs.identity() {
        Ok(holder) => c.ok(
            "pkcs11_token",
            PKCS11_TOKEN,
            format!(
                "\"{}\" in \"{}\": {} {}, {}{}",
                token.token_label(),
                token.slot_description(),
                holder.display_name(),
                holder.national_id,
                holder.profession.as_deref().unwrap_or("no profession"),
                if certs.sign_der.is_empty() {
                    ", no signature certificate"
                } else {
                    ""
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
                c.ok("certificate_chain", CHAIN, format!("up to \"{root}\""));
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
        Ok(PinStatus::TriesLeft(1)) => c.warn(
            "pin_not_blocked",
            PIN_BLOCKED,
            "the token says one try is left (CKF_USER_PIN_FINAL_TRY)",
            "a wrong PIN now blocks the card: find the right PIN first",
        ),
        Ok(st) => c.ok("pin_not_blocked", PIN_BLOCKED, st.to_string()),
        Err(e) => c.fail("pin_not_blocked", PIN_BLOCKED, &e),
    }
    Some(token)
}
