//! The CPS card: find it, read its serial and certificates, check and verify its PIN, and sign
//! with it. [`CardSession`] is the one entry point for the commands.
//!
//! A session keeps one PC/SC connection open from the PIN to the last signature (pcscd powers an
//! unused card off after a few seconds, and the card then forgets the PIN), and runs each
//! operation inside a PC/SC transaction so no other program interleaves its APDUs. It is cheap
//! to clone and `Send + Sync`, so a TLS signer can hold it too.
//!
//! The card is left as it was found: a session that verified the PIN resets the card when it
//! ends (or when [`release_verified_cards`] is called, e.g. on Ctrl-C), so the next program
//! does not find it verified; a PIN found already verified (by another program that holds the
//! card) is left so.
//!
//! Layout, bottom up: `apdu` (commands, status words), `transport` (T=0 rules, PC/SC, mock),
//! `tlv`, `pkcs15`, `atr` (which card), `digest`, `pin`, `pinpad` (PIN-pad readers), `operations` (what a generation must
//! do), `cps3` / `cps4` (how), `reader` (PC/SC service and readers), `cache` (certificates on
//! disk).

pub mod apdu;
pub mod atr;
pub mod cache;
pub mod cps3;
pub mod cps4;
pub mod digest;
pub mod operations;
pub mod pin;
pub mod pinpad;
pub mod pkcs15;
pub mod practice;
pub mod reader;
pub mod tlv;
pub mod transport;

use std::sync::{Arc, Mutex, MutexGuard, TryLockError, Weak};
use std::time::{Duration, Instant};

pub use atr::Generation;
pub use cache::CertCache;
pub use digest::HashAlg;
pub use operations::{CardProfile, PinCounters};
pub use pin::{check_tries_before_verify, Pin, PinPolicy, PinStatus};
pub use practice::{Activity, ActivityChoice};
pub use reader::{list_readers, ReaderStatus};

use cache::CacheEntry;
use operations::{CardOperations, Discovery, Unsupported};
use transport::{exclusive, Device, PcscDevice};

use super::identity::Identity;
use crate::error::{Error, Result};

/// The card's two certificates (DER).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardCertificates {
    /// The authentication certificate (TLS client certificate, holder identity).
    pub auth_der: Vec<u8>,
    /// The non-repudiation signature certificate.
    pub sign_der: Vec<u8>,
    /// Read from the on-disk cache rather than from the card.
    pub from_cache: bool,
}

impl CardCertificates {
    /// The holder's identity, from the authentication certificate.
    pub fn identity(&self) -> Result<Identity> {
        Identity::from_certificate(&self.auth_der)
    }
}

struct State {
    device: Box<dyn Device>,
    ops: Box<dyn CardOperations>,
    serial: Option<String>,
    profile: Option<CardProfile>,
    discovery: Option<Discovery>,
    certificates: Option<CardCertificates>,
    /// The DODF's objects.
    data_objects: Option<Vec<pkcs15::DataObject>>,
    /// The reader's PIN-entry features, asked once.
    pin_pad: Option<pinpad::PinPadFeatures>,
    /// This session verified the PIN: the card is reset when the session ends.
    verified_here: bool,
    /// The PIN was already verified when this session first looked: not ours to clear.
    found_verified: bool,
}

impl State {
    /// Ends the connection, resetting the card if this session verified the PIN.
    fn release(&mut self) {
        if self.verified_here {
            tracing::debug!("resetting the card: the PIN will no longer be verified");
        }
        self.device.release(self.verified_here);
        self.verified_here = false;
    }

    fn saw_status(&mut self, status: PinStatus) {
        if status == PinStatus::Verified && !self.verified_here {
            self.found_verified = true;
        }
    }

    fn verified(&mut self) {
        if !self.found_verified {
            self.verified_here = true;
        }
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.release();
    }
}

/// Every card session of this process, for [`release_verified_cards`].
static SESSIONS: Mutex<Vec<Weak<Shared>>> = Mutex::new(Vec::new());

/// Resets every card whose PIN a session of this process verified (see the module doc), and
/// ends those sessions. A session in the middle of a card operation is waited for, at most
/// `wait`; returns false when one could not be reached in time.
pub fn release_verified_cards(wait: Duration) -> bool {
    let sessions: Vec<Arc<Shared>> = {
        let mut list = SESSIONS.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.iter().filter_map(Weak::upgrade).collect()
    };
    let deadline = Instant::now() + wait;
    let mut all = true;
    for shared in sessions {
        loop {
            match shared.state.try_lock() {
                Ok(mut state) => {
                    if state.verified_here {
                        state.release();
                    }
                    break;
                }
                Err(TryLockError::Poisoned(p)) => {
                    let mut state = p.into_inner();
                    if state.verified_here {
                        state.release();
                    }
                    break;
                }
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    all = false;
                    break;
                }
            }
        }
    }
    all
}

struct Shared {
    reader: String,
    atr: Vec<u8>,
    generation: Generation,
    state: Mutex<State>,
}

/// An open connection to a CPS card. Clones share the connection.
#[derive(Clone)]
pub struct CardSession {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for CardSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardSession")
            .field("reader", &self.shared.reader)
            .field("generation", &self.shared.generation)
            .finish_non_exhaustive()
    }
}

fn operations_for(generation: Generation, reader: &str, atr: &[u8]) -> Box<dyn CardOperations> {
    match generation {
        Generation::Cps3 => Box::new(cps3::Cps3),
        Generation::Cps4 => Box::new(cps4::Cps4),
        Generation::Cps3Contactless => Box::new(Unsupported(
            Error::card(crate::tr!("card-contactless"))
                .with_hint(crate::tr!("card-contactless-hint")),
        )),
        Generation::Unknown => Box::new(Unsupported(
            Error::card(crate::tr!(
                "card-unknown-card",
                reader = reader,
                atr = atr::format_atr(atr)
            ))
            .with_hint(crate::tr!("card-unknown-card-hint")),
        )),
    }
}

impl CardSession {
    /// Connects to the card in `reader` (exact name or a unique part of it; by default the first
    /// reader holding a CPS card), waiting up to `wait` for a reader and a card. Any card
    /// connects; operations on a card that is not a supported CPS fail with a clear error.
    pub fn connect(reader: Option<&str>, wait: Option<Duration>) -> Result<CardSession> {
        let connected = reader::connect(reader, wait)?;
        tracing::debug!(reader = %connected.reader, atr = %atr::format_atr(&connected.atr), "card connected");
        Ok(Self::with_device(
            Box::new(PcscDevice::new(connected.card)),
            connected.reader,
            connected.atr,
        ))
    }

    /// A session over any [`Device`] (the scripted mock in tests).
    pub fn with_device(
        device: Box<dyn Device>,
        reader: impl Into<String>,
        atr: Vec<u8>,
    ) -> CardSession {
        let reader = reader.into();
        let generation = atr::detect(&atr);
        let ops = operations_for(generation, &reader, &atr);
        let shared = Arc::new(Shared {
            reader,
            atr,
            generation,
            state: Mutex::new(State {
                device,
                ops,
                serial: None,
                profile: None,
                discovery: None,
                certificates: None,
                data_objects: None,
                pin_pad: None,
                verified_here: false,
                found_verified: false,
            }),
        });
        let mut list = SESSIONS.lock().unwrap_or_else(|p| p.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.push(Arc::downgrade(&shared));
        CardSession { shared }
    }

    pub fn reader_name(&self) -> &str {
        &self.shared.reader
    }

    pub fn atr(&self) -> &[u8] {
        &self.shared.atr
    }

    pub fn generation(&self) -> Generation {
        self.shared.generation
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.shared.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The card serial (8 digits from EF.SN.ICC), read once per session.
    pub fn serial(&self) -> Result<String> {
        let mut state = self.lock();
        ensure_serial(&mut state)
    }

    /// What the card's PKCS#15 directory says (keys, PIN policy), read once per session.
    pub fn profile(&self) -> Result<CardProfile> {
        let mut state = self.lock();
        ensure_profile(&mut state).cloned()
    }

    /// The PIN's length rules and reference, from the card's AODF.
    pub fn pin_policy(&self) -> Result<PinPolicy> {
        Ok(self.profile()?.pin)
    }

    /// Both certificates: from `cache` when it holds this card's serial and the start of the
    /// card's authentication certificate matches it (see [`cache`]), else from the card (and
    /// then written to `cache`; a cache that cannot be written is only logged).
    pub fn certificates(&self, cache: Option<&CertCache>) -> Result<CardCertificates> {
        let mut state = self.lock();
        if let Some(c) = &state.certificates {
            return Ok(c.clone());
        }
        let serial = ensure_serial(&mut state)?;
        let entry = cache.and_then(|c| c.load(&serial));
        let generation = self.shared.generation.name();
        let entry = match entry {
            Some(entry) if entry.generation != generation => {
                tracing::debug!(%serial, cached = entry.generation, "the cached profile is another card generation's: reading the card");
                None
            }
            Some(entry) => {
                let State { device, ops, .. } = &mut *state;
                let app = &entry.profile.app;
                let start = exclusive(device.as_mut(), |t| {
                    ops.read_certificate_start(t, app, &entry.auth_certificate, entry.check_len())
                });
                match start {
                    Ok(start) if entry.matches_card(&start) => Some(entry),
                    Ok(_) => {
                        tracing::debug!(%serial, "the cached certificates are another card's with the same serial: reading them from the card");
                        None
                    }
                    Err(e) => {
                        tracing::debug!(%serial, error = e.message(), "cannot check the cached certificates against the card: reading them from the card");
                        None
                    }
                }
            }
            None => None,
        };
        if let Some(entry) = entry {
            tracing::debug!(%serial, "certificates from the cache (checked against the card)");
            if state.profile.is_none() {
                state.profile = Some(entry.profile);
            }
            let certs = CardCertificates {
                auth_der: entry.auth_der,
                sign_der: entry.sign_der,
                from_cache: true,
            };
            state.certificates = Some(certs.clone());
            return Ok(certs);
        }
        ensure_profile(&mut state)?;
        if state.discovery.is_none() {
            // The profile came from elsewhere; the certificate paths need the directory walk.
            let State { device, ops, .. } = &mut *state;
            let d = exclusive(device.as_mut(), |t| ops.discover(t))?;
            state.discovery = Some(d);
        }
        let State {
            device,
            ops,
            discovery,
            ..
        } = &mut *state;
        let d = discovery
            .as_ref()
            .ok_or_else(|| Error::internal(crate::tr!("card-directory-not-read")))?;
        let (auth_der, sign_der) = exclusive(device.as_mut(), |t| ops.read_certificates(t, d))?;
        let profile = d.profile.clone();
        if let Some(cache) = cache {
            let entry = CacheEntry {
                generation: self.shared.generation.name().to_string(),
                profile,
                auth_certificate: d.auth_certificate.clone(),
                auth_der: auth_der.clone(),
                sign_der: sign_der.clone(),
            };
            if let Err(e) = cache.store(&serial, &entry) {
                tracing::warn!("{}", e.message());
            }
        }
        let certs = CardCertificates {
            auth_der,
            sign_der,
            from_cache: false,
        };
        state.certificates = Some(certs.clone());
        Ok(certs)
    }

    /// The PIN's state (verified, tries left, blocked), spending no try.
    pub fn pin_status(&self) -> Result<PinStatus> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        let State { device, ops, .. } = &mut *state;
        let status = exclusive(device.as_mut(), |t| ops.pin_status(t, &profile))?;
        state.saw_status(status);
        Ok(status)
    }

    /// The PIN's try counters (maximum and left), read with GET DATA; `None` when the card
    /// does not tell them. Spends no try, and works after the PIN is verified.
    pub fn pin_counters(&self) -> Result<Option<PinCounters>> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| ops.pin_counters(t, &profile))
    }

    /// Tries left now (see [`CardSession::pin_counters`]).
    pub fn pin_tries(&self) -> Result<Option<u8>> {
        Ok(self.pin_counters()?.map(|c| c.left))
    }

    /// The maximum number of tries (3 on a CPS3); an error when the card does not tell it.
    pub fn pin_tries_max(&self) -> Result<u8> {
        self.pin_counters()?.map(|c| c.max).ok_or_else(|| {
            Error::card(crate::tr!("card-no-try-counter"))
                .with_hint(crate::tr!("card-no-try-counter-hint"))
        })
    }

    /// Sends the PIN once. A wrong PIN gives `wrong PIN: N tries left` (kind Pin) and is never
    /// retried; a blocked PIN gives `the card's PIN is blocked`. The caller applies the
    /// last-try policy first ([`check_tries_before_verify`], or use
    /// [`CardSession::verify_pin_checked`]).
    pub fn verify_pin(&self, pin: &Pin) -> Result<()> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        pin.check_policy(&profile.pin)?;
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| ops.verify_pin(t, &profile, pin))?;
        state.verified();
        Ok(())
    }

    /// What the reader offers for PIN entry (PC/SC part 10), asked once per session. A reader
    /// that does not answer the feature request has no pad.
    pub fn pin_pad(&self) -> pinpad::PinPadFeatures {
        let mut state = self.lock();
        if let Some(f) = state.pin_pad {
            return f;
        }
        let code = pinpad::get_feature_request_code();
        let features = exclusive(state.device.as_mut(), |t| {
            pinpad::parse_features(&t.control(code, &[])?)
        })
        .unwrap_or_else(|e| {
            tracing::debug!(
                error = e.message(),
                "the reader tells no PIN-entry features"
            );
            pinpad::PinPadFeatures::default()
        });
        tracing::debug!(pin_pad = features.has_pin_pad(), "reader features");
        state.pin_pad = Some(features);
        features
    }

    /// Verifies the PIN typed on the reader's pad, once: like [`CardSession::verify_pin`]
    /// (never retried, the caller applies the last-try rule first), without the PIN ever
    /// reaching the host. An error when the reader has no pad.
    pub fn verify_pin_on_pad(&self) -> Result<()> {
        let Some(control) = self.pin_pad().verify_pin_direct else {
            return Err(Error::reader(crate::tr!("card-no-pinpad"))
                .with_hint(crate::tr!("card-no-pinpad-hint")));
        };
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| {
            ops.verify_pin_on_pad(t, &profile, control)
        })?;
        state.verified();
        Ok(())
    }

    /// Reads the PIN state, applies [`check_tries_before_verify`] and verifies, in one
    /// transaction. Already verified: nothing is sent.
    pub fn verify_pin_checked(&self, pin: &Pin, confirmed_by_person: bool) -> Result<()> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        pin.check_policy(&profile.pin)?;
        let State { device, ops, .. } = &mut *state;
        let status = exclusive(device.as_mut(), |t| {
            let status = ops.pin_status(t, &profile)?;
            check_tries_before_verify(status, confirmed_by_person)?;
            if status != PinStatus::Verified {
                ops.verify_pin(t, &profile, pin)?;
            }
            Ok(status)
        })?;
        if status == PinStatus::Verified {
            state.saw_status(status);
        } else {
            state.verified();
        }
        Ok(())
    }

    /// Signs `digest` (a hash made with `alg`) with the authentication key: PKCS#1 v1.5, the
    /// card builds the padding. The PIN must have been verified in this session.
    pub fn sign_authentication(&self, alg: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| {
            ops.sign_authentication(t, &profile, alg, digest)
        })
    }

    /// Signs `message` with the non-repudiation key (SHA-256, PKCS#1 v1.5; the card hashes the
    /// last block). The PIN must have been verified in this session.
    pub fn sign_non_repudiation(&self, message: &[u8]) -> Result<Vec<u8>> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| {
            ops.sign_non_repudiation(t, &profile, message)
        })
    }

    /// The data objects the card's DODF lists (labels, paths), read once per session; no PIN.
    pub fn data_objects(&self) -> Result<Vec<pkcs15::DataObject>> {
        let mut state = self.lock();
        ensure_data_objects(&mut state).cloned()
    }

    /// The holder's specialty (TRE_R01) from `CPS_INFO_PS`, public; `None` when the card has no
    /// such object or it names no specialty.
    pub fn specialty(&self) -> Result<Option<String>> {
        let mut state = self.lock();
        let objects = ensure_data_objects(&mut state)?.clone();
        let Some(info) = practice::info_object(&objects) else {
            return Ok(None);
        };
        let app = ensure_profile(&mut state)?.app.clone();
        let State { device, ops, .. } = &mut *state;
        let data = exclusive(device.as_mut(), |t| ops.read_data_object(t, &app, info))?;
        Ok(practice::specialty(&data))
    }

    /// How many activities the card holds (the DODF's activity objects); no PIN.
    pub fn activity_count(&self) -> Result<usize> {
        let mut state = self.lock();
        Ok(practice::activity_objects(ensure_data_objects(&mut state)?).len())
    }

    /// The card's activities, in their numbers' order. They are private: the PIN must have
    /// been verified in this session (else the card's refusal, as an error saying so).
    pub fn activities(&self) -> Result<Vec<Activity>> {
        let mut state = self.lock();
        let objects = ensure_data_objects(&mut state)?.clone();
        let app = ensure_profile(&mut state)?.app.clone();
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| {
            practice::activity_objects(&objects)
                .into_iter()
                .map(|(n, o)| practice::parse_activity(n, &ops.read_data_object(t, &app, o)?))
                .collect()
        })
    }

    /// RSA-PSS signature of `digest` (made with `alg`) with the authentication key (CPS4 only,
    /// see [`CardSession::supports_pss`]). The PIN must have been verified in this session.
    pub fn sign_authentication_pss(&self, alg: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        let mut state = self.lock();
        let profile = ensure_profile(&mut state)?.clone();
        let State { device, ops, .. } = &mut *state;
        exclusive(device.as_mut(), |t| {
            ops.sign_authentication_pss(t, &profile, alg, digest)
        })
    }

    /// Whether the authentication key can sign RSA-PSS (TLS 1.3); false on a CPS3.
    pub fn supports_pss(&self) -> bool {
        self.lock().ops.supports_pss()
    }
}

fn ensure_serial(state: &mut State) -> Result<String> {
    if let Some(s) = &state.serial {
        return Ok(s.clone());
    }
    let State { device, ops, .. } = state;
    let serial = exclusive(device.as_mut(), |t| ops.read_serial(t))?;
    state.serial = Some(serial.clone());
    Ok(serial)
}

fn ensure_data_objects(state: &mut State) -> Result<&Vec<pkcs15::DataObject>> {
    if state.data_objects.is_none() {
        let app = ensure_profile(state)?.app.clone();
        let State { device, ops, .. } = &mut *state;
        let objects = exclusive(device.as_mut(), |t| ops.read_data_objects(t, &app))?;
        state.data_objects = Some(objects);
    }
    state
        .data_objects
        .as_ref()
        .ok_or_else(|| Error::internal(crate::tr!("card-data-objects-not-read")))
}

fn ensure_profile(state: &mut State) -> Result<&CardProfile> {
    if state.profile.is_none() {
        let State { device, ops, .. } = &mut *state;
        let d = exclusive(device.as_mut(), |t| ops.discover(t))?;
        state.profile = Some(d.profile.clone());
        state.discovery = Some(d);
    }
    state
        .profile
        .as_ref()
        .ok_or_else(|| Error::internal(crate::tr!("card-profile-not-read")))
}

#[cfg(test)]
mod tests;
