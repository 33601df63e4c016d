//! `dmp card info` and `dmp card verify-pin`.

use serde::Serialize;
use time::OffsetDateTime;

use super::{PinEntry, Settings};
use crate::credential::card::{
    atr::format_atr, practice, Activity, CardSession, CertCache, Pin, PinStatus,
};
use crate::credential::identity::Identity;
use crate::credential::pkcs11::Pkcs11Token;
use crate::error::Result;

/// One certificate of the card, as shown to people and scripts.
#[derive(Debug, Serialize)]
pub struct CertificateInfo {
    /// "authentication" or "signature".
    pub usage: &'static str,
    pub subject: String,
    pub issuer: String,
    pub serial_number: String,
    #[serde(with = "time::serde::rfc3339")]
    pub not_before: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub not_after: OffsetDateTime,
    pub key_bits: Option<usize>,
    /// Valid now.
    pub in_date: bool,
}

impl CertificateInfo {
    fn new(usage: &'static str, id: &Identity) -> Self {
        CertificateInfo {
            usage,
            subject: id.subject.clone(),
            issuer: id.issuer.clone(),
            serial_number: id.serial_number.clone(),
            not_before: id.not_before,
            not_after: id.not_after,
            key_bits: id.key_bits,
            in_date: id.is_valid_at(OffsetDateTime::now_utc()),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CardInfo {
    pub reader: String,
    /// Empty through PKCS#11 (a module does not give it).
    pub atr: String,
    pub generation: String,
    pub serial: String,
    pub national_id: String,
    pub national_id_type: String,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub profession: Option<String>,
    /// "not_verified", "verified" or "blocked".
    pub pin_status: &'static str,
    /// Tries left before the PIN blocks; null when the PIN is already verified in this card
    /// session (the card then does not tell).
    pub pin_tries_left: Option<u8>,
    pub certificates: Vec<CertificateInfo>,
    /// The certificates came from the local cache (same card serial), not from the card.
    pub certificates_from_cache: bool,
    /// The holder's specialty (TRE_R01) from the card's `CPS_INFO_PS`, public.
    pub specialty: Option<String>,
    /// How many activities (situations d'exercice) the card holds: public on the card's DODF;
    /// null through PKCS#11 until the PIN (a module shows private objects only after login).
    pub activity_count: Option<usize>,
    /// The activities, read after the PIN: only when asked (`--activities`), else null.
    pub activities: Option<Vec<Activity>>,
}

/// Opens the card named by the settings.
pub fn open(settings: &Settings) -> Result<CardSession> {
    CardSession::connect(settings.reader.as_deref(), settings.wait)
}

/// The certificate cache, unless disabled.
pub fn cache(settings: &Settings) -> Option<CertCache> {
    if settings.no_cache {
        None
    } else {
        CertCache::open_default()
    }
}

pub(crate) fn pin_fields(status: PinStatus) -> (&'static str, Option<u8>) {
    match status {
        PinStatus::Verified => ("verified", None),
        PinStatus::TriesLeft(0) | PinStatus::Blocked => ("blocked", Some(0)),
        PinStatus::TriesLeft(n) => ("not_verified", Some(n)),
    }
}

/// Everything about the card, spending no PIN try; with `activities`, also the card's
/// activities, which the card shows only after the PIN (asked once through that entry, with
/// the last-try rule; the PIN state reported is the one before).
pub fn info(settings: &Settings, activities: Option<&dyn PinEntry>) -> Result<CardInfo> {
    if let Some(p) = &settings.pkcs11 {
        return pkcs11_info(&Pkcs11Token::open(p)?, activities);
    }
    let card = open(settings)?;
    let serial = card.serial()?;
    let certs = card.certificates(cache(settings).as_ref())?;
    let auth = certs.identity()?;
    let sign = Identity::from_certificate(&certs.sign_der)?;
    let (pin_status, pin_tries_left) = pin_fields(card.pin_status()?);
    let objects = card.data_objects()?;
    let activity_count = practice::activity_objects(&objects).len();
    let specialty = card.specialty()?;
    let activities = match activities {
        Some(entry) if activity_count > 0 => {
            enter_pin(&card, entry, false)?;
            Some(card.activities()?)
        }
        Some(_) => Some(Vec::new()),
        None => None,
    };
    Ok(CardInfo {
        reader: card.reader_name().to_string(),
        atr: format_atr(card.atr()),
        generation: card.generation().name().to_string(),
        serial,
        national_id: auth.national_id.to_string(),
        national_id_type: auth.national_id.kind().name().to_string(),
        surname: auth.surname.clone(),
        given_name: auth.given_name.clone(),
        profession: auth.profession.clone(),
        pin_status,
        pin_tries_left,
        certificates: vec![
            CertificateInfo::new("authentication", &auth),
            CertificateInfo::new("signature", &sign),
        ],
        certificates_from_cache: certs.from_cache,
        specialty,
        activity_count: Some(activity_count),
        activities,
    })
}

#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub reader: String,
    pub serial: String,
    /// "verified" on success (failures are errors).
    pub pin_status: &'static str,
    /// Tries left before this verification.
    pub pin_tries_left_before: u8,
    /// Tries left now: the card resets the counter to its maximum on a right PIN.
    pub pin_tries_left: Option<u8>,
}

/// Verifies the PIN once (never retried), refusing the last try unless a person confirms.
pub fn verify_pin(settings: &Settings, entry: &dyn PinEntry) -> Result<VerifyReport> {
    if let Some(p) = &settings.pkcs11 {
        let token = Pkcs11Token::open(p)?;
        let tries = enter_pin_pkcs11(&token, entry)?;
        return Ok(VerifyReport {
            reader: token.slot_description().to_string(),
            serial: token.serial().to_string(),
            pin_status: "verified",
            pin_tries_left_before: tries,
            // A token logged in tells no counter; after a right PIN a CPS has all its tries.
            pin_tries_left: None,
        });
    }
    let card = open(settings)?;
    let serial = card.serial()?;
    let tries = enter_pin(&card, entry, true)?;
    let after = card.pin_tries().ok().flatten();
    Ok(VerifyReport {
        reader: card.reader_name().to_string(),
        serial,
        pin_status: "verified",
        pin_tries_left_before: tries,
        pin_tries_left: after,
    })
}

/// Asks for the PIN and verifies it once, never retried: a blocked PIN is never tried and the
/// last remaining try needs a person's confirmation. On a reader with a PIN pad (unless the
/// entry forbids it) the PIN is typed on the pad and nothing is read from the entry. `even_if_verified`: check the PIN given
/// even when the card session already has it (what `card verify-pin` is asked to do).
/// Returns the tries left before this verification (0 when already verified and skipped).
pub fn enter_pin(card: &CardSession, entry: &dyn PinEntry, even_if_verified: bool) -> Result<u8> {
    let tries = match card.pin_status()? {
        PinStatus::Verified if !even_if_verified => return Ok(0),
        // The counter then comes from the card's PIN object.
        PinStatus::Verified => card.pin_tries().ok().flatten().unwrap_or(0),
        PinStatus::Blocked | PinStatus::TriesLeft(0) => {
            return Err(crate::credential::card::pin::blocked_error())
        }
        PinStatus::TriesLeft(n) => n,
    };
    if tries == 1 {
        entry.confirm_last_try()?;
    }
    // A reader with a PIN pad takes the PIN itself: the host never sees it.
    if entry.pad_allowed() && card.pin_pad().has_pin_pad() {
        entry.pad_prompt(tries)?;
        card.verify_pin_on_pad()?;
        return Ok(tries);
    }
    let text = entry.pin(tries)?;
    let pin = Pin::new(&text)?;
    drop(text);
    card.verify_pin(&pin)?;
    Ok(tries)
}

/// `card info` through PKCS#11: the token stands for the reader and the card (no ATR: a
/// module does not give it), the PIN's state from the token flags. The activities are private
/// objects, invisible before login: their count is unknown unless `activities` asks for the
/// PIN (asked even when the card holds none, which only the login can tell).
fn pkcs11_info(token: &Pkcs11Token, activities: Option<&dyn PinEntry>) -> Result<CardInfo> {
    let certs = token.certificates();
    let auth = certs.identity()?;
    let mut certificates = vec![CertificateInfo::new("authentication", &auth)];
    if !certs.sign_der.is_empty() {
        let sign = Identity::from_certificate(&certs.sign_der)?;
        certificates.push(CertificateInfo::new("signature", &sign));
    }
    let (pin_status, pin_tries_left) = pin_fields(token.pin_status()?);
    let specialty = token.specialty()?;
    let activities = match activities {
        Some(entry) => {
            enter_pin_pkcs11(token, entry)?;
            Some(token.activities()?)
        }
        None => None,
    };
    Ok(CardInfo {
        reader: token.slot_description().to_string(),
        atr: String::new(),
        generation: crate::tr!("commands-card-pkcs11-token", label = token.token_label()),

        serial: token.serial().to_string(),
        national_id: auth.national_id.to_string(),
        national_id_type: auth.national_id.kind().name().to_string(),
        surname: auth.surname.clone(),
        given_name: auth.given_name.clone(),
        profession: auth.profession.clone(),
        pin_status,
        pin_tries_left,
        certificates,
        certificates_from_cache: false,
        specialty,
        activity_count: activities.as_ref().map(Vec::len),
        activities,
    })
}

/// [`enter_pin`] for a PKCS#11 token: the tries from the token flags, a locked PIN never
/// tried, the last try only with a person's confirmation, one C_Login never retried.
/// Returns the tries left before the login (0 when already logged in).
pub fn enter_pin_pkcs11(token: &Pkcs11Token, entry: &dyn PinEntry) -> Result<u8> {
    let tries = match token.pin_status()? {
        PinStatus::Verified => return Ok(0),
        PinStatus::Blocked | PinStatus::TriesLeft(0) => {
            return Err(crate::credential::card::pin::blocked_error())
        }
        PinStatus::TriesLeft(n) => n,
    };
    if tries == 1 {
        entry.confirm_last_try()?;
    }
    let text = entry.pin(tries)?;
    // The shape is checked before anything reaches the token.
    Pin::new(&text)?;
    token.login(&text)?;
    Ok(tries)
}
