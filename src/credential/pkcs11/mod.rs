//! The CPS card through a PKCS#11 module (`--credential pkcs11`): the ANS Cryptolib CPS that
//! practices already run, OpenSC's `opensc-pkcs11.so`, or any module holding a card-like key
//! pair. It gives what the APDU path gives: the two certificates, the PIN's state, one login,
//! the authentication key's TLS signature and the signature key's VIHF signature.
//!
//! Keys and certificates are found by the labels the Cryptolib gives them (reference
//! cps-card.md §3: `Certificat d'Authentification CPS` / `CPS_PRIV_AUT`, `Certificat de
//! Signature CPS` / `CPS_PRIV_SIG`), else by the certificates' key usage (digitalSignature
//! without nonRepudiation: authentication; nonRepudiation: signature). A key is the private key
//! with its certificate's CKA_ID.
//!
//! The PIN rules are the APDU path's: the tries come from the token flags (a CPS PIN has 3
//! tries, reference §5; CKF_USER_PIN_COUNT_LOW means fewer, CKF_USER_PIN_FINAL_TRY one,
//! CKF_USER_PIN_LOCKED none), C_Login is called once and never again after a wrong PIN, and
//! the last try needs a person's confirmation (the caller's [`crate::commands::PinEntry`]).
//!
//! The card's data objects (`data_objects`) are CKO_DATA objects: the specialty is public, the
//! activities show only after login.

mod data_objects;
pub mod tls;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::RvError;
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, SessionState, UserType};
use cryptoki::slot::{Slot, TokenInfo};
use cryptoki::types::AuthPin;
use serde::Serialize;
use x509_parser::prelude::*;
use zeroize::Zeroizing;

use super::card::pin::{blocked_error, wrong_pin_error};
use super::card::{Activity, CardCertificates, HashAlg, PinStatus};
use crate::error::{Error, Result};

/// Where the ANS installers put the Cryptolib CPS on Linux (reference source S14), in the order
/// they are tried when no module is named.
pub const CRYPTOLIB_PATHS: [&str; 2] = [
    "/usr/lib/libcps3_pkcs11.so",
    "/usr/local/lib/libcps3_pkcs11.so",
];

/// The labels the ANS Cryptolib gives the card's objects (reference cps-card.md §3).
pub const AUTH_CERT_LABEL: &str = "Certificat d'Authentification CPS";
pub const SIGN_CERT_LABEL: &str = "Certificat de Signature CPS";
pub const AUTH_KEY_LABEL: &str = "CPS_PRIV_AUT";
pub const SIGN_KEY_LABEL: &str = "CPS_PRIV_SIG";

/// Part of the error message of a mechanism the module refuses for a key (in the run's
/// language, as the message is).
fn mechanism_refused() -> String {
    crate::tr!("pkcs11-mechanism-refused")
}

/// "sign with the authentication key", "sign with the signature key".
fn sign_operation(sign: bool) -> String {
    if sign {
        crate::tr!("pkcs11-op-sign-sign")
    } else {
        crate::tr!("pkcs11-op-sign-auth")
    }
}

/// A CPS PIN's tries (reference cps-card.md §5: GET DATA tag 9A = 3).
const CPS_MAX_TRIES: u8 = 3;

/// How to reach the token: the module (else the Cryptolib's paths) and the slot (`--reader`:
/// a unique part of the slot description or of the token label; else the first slot holding a
/// token).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pkcs11Settings {
    pub module: Option<PathBuf>,
    pub slot: Option<String>,
}

/// The module to load: the one named, else the first Cryptolib path that exists.
pub fn module_path(named: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = named {
        if !p.exists() {
            return Err(Error::config(crate::tr!("pkcs11-module-missing", path = p))
                .with_hint(crate::tr!("pkcs11-module-missing-hint")));
        }
        return Ok(p.to_path_buf());
    }
    CRYPTOLIB_PATHS
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .ok_or_else(|| {
            Error::config(crate::tr!(
                "pkcs11-no-cryptolib",
                paths = CRYPTOLIB_PATHS.join(", ")
            ))
            .with_hint(crate::tr!("pkcs11-no-cryptolib-hint"))
        })
}

fn p11_error(what: &str, e: cryptoki::error::Error) -> Error {
    Error::card(crate::tr!(
        "pkcs11-failed",
        operation = what,
        error = e.to_string()
    ))
    .with_hint(crate::tr!("pkcs11-failed-hint"))
}

/// A loaded and initialised module.
#[derive(Clone)]
pub struct Module {
    ctx: Pkcs11,
    path: PathBuf,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module").field("path", &self.path).finish()
    }
}

/// What the module says of itself (C_GetInfo).
#[derive(Debug, Clone, Serialize)]
pub struct LibraryInfo {
    pub path: String,
    pub cryptoki_version: String,
    pub manufacturer: String,
    pub description: String,
    pub version: String,
}

/// One slot and its token, as `dmp doctor` shows them.
#[derive(Debug, Clone, Serialize)]
pub struct SlotReport {
    pub id: u64,
    pub description: String,
    pub token: Option<TokenReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TokenReport {
    pub label: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    /// The PIN's state from the token flags.
    pub pin: String,
}

impl Module {
    /// Loads the module named (else the Cryptolib) and calls C_Initialize.
    pub fn load(named: Option<&Path>) -> Result<Module> {
        let path = module_path(named)?;
        let ctx = Pkcs11::new(&path).map_err(|e| {
            Error::config(crate::tr!(
                "pkcs11-load-failed",
                path = &path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("pkcs11-load-failed-hint"))
        })?;
        ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-initialise"), e))?;
        tracing::debug!(module = %path.display(), "PKCS#11 module loaded");
        Ok(Module { ctx, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn info(&self) -> Result<LibraryInfo> {
        let i = self
            .ctx
            .get_library_info()
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-itself"), e))?;
        Ok(LibraryInfo {
            path: self.path.display().to_string(),
            cryptoki_version: i.cryptoki_version().to_string(),
            manufacturer: i.manufacturer_id().trim().to_string(),
            description: i.library_description().trim().to_string(),
            version: i.library_version().to_string(),
        })
    }

    /// Every slot, with its token when one is present.
    pub fn slots(&self) -> Result<Vec<SlotReport>> {
        let slots = self
            .ctx
            .get_all_slots()
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-list-slots"), e))?;
        slots
            .into_iter()
            .map(|slot| {
                let info = self
                    .ctx
                    .get_slot_info(slot)
                    .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-slot"), e))?;
                let token = if info.token_present() {
                    let t = self
                        .ctx
                        .get_token_info(slot)
                        .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-token"), e))?;
                    Some(TokenReport {
                        label: t.label().trim().to_string(),
                        manufacturer: t.manufacturer_id().trim().to_string(),
                        model: t.model().trim().to_string(),
                        serial: t.serial_number().trim().to_string(),
                        pin: pin_status_from_flags(&t).to_string(),
                    })
                } else {
                    None
                };
                Ok(SlotReport {
                    id: slot.id(),
                    description: info.slot_description().trim().to_string(),
                    token,
                })
            })
            .collect()
    }

    /// The slot holding the token: the one whose slot description or token label contains
    /// `wanted` (only one may), else the first slot with an initialised token.
    fn find_slot(&self, wanted: Option<&str>) -> Result<(Slot, String, TokenInfo)> {
        let slots = self
            .ctx
            .get_slots_with_token()
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-list-slots"), e))?;
        let mut found = Vec::new();
        for slot in slots {
            let desc = self
                .ctx
                .get_slot_info(slot)
                .map(|i| i.slot_description().trim().to_string())
                .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-slot"), e))?;
            let token = self
                .ctx
                .get_token_info(slot)
                .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-token"), e))?;
            // An empty token (SoftHSM's free slot) cannot be a card.
            if !token.token_initialized() {
                continue;
            }
            let matches = match wanted {
                None => true,
                Some(w) => desc.contains(w) || token.label().trim().contains(w),
            };
            if matches {
                found.push((slot, desc, token));
            }
        }
        let module = &self.path;
        match (found.len(), wanted) {
            (0, None) => Err(
                Error::reader(crate::tr!("pkcs11-no-token", module = module))
                    .with_hint(crate::tr!("pkcs11-no-token-hint")),
            ),
            (0, Some(w)) => Err(Error::reader(crate::tr!(
                "pkcs11-no-matching-slot",
                module = module,
                wanted = w
            ))
            .with_hint(crate::tr!("pkcs11-no-matching-slot-hint"))),
            (1, _) | (_, None) => Ok(found.remove(0)),
            (n, Some(w)) => {
                Err(
                    Error::usage(crate::tr!("pkcs11-ambiguous-token", count = n, wanted = w))
                        .with_hint(crate::tr!("pkcs11-ambiguous-token-hint")),
                )
            }
        }
    }
}

/// The PIN's state as the token flags tell it (see the module documentation).
pub fn pin_status_from_flags(t: &TokenInfo) -> PinStatus {
    if t.user_pin_locked() {
        PinStatus::Blocked
    } else if t.user_pin_final_try() {
        PinStatus::TriesLeft(1)
    } else if t.user_pin_count_low() {
        PinStatus::TriesLeft(CPS_MAX_TRIES - 1)
    } else {
        PinStatus::TriesLeft(CPS_MAX_TRIES)
    }
}

/// One of the practitioner's key pairs on the token.
#[derive(Debug, Clone)]
struct KeyPair {
    cert_der: Vec<u8>,
    id: Vec<u8>,
    /// The private key, once found (a private object shows only after login on some tokens).
    key: Option<ObjectHandle>,
}

struct State {
    session: Session,
    auth: KeyPair,
    sign: Option<KeyPair>,
    /// This process logged in: it logs out when done.
    logged_in_here: bool,
}

impl Drop for State {
    fn drop(&mut self) {
        if self.logged_in_here {
            tracing::debug!("PKCS#11 logout");
            let _ = self.session.logout();
        }
    }
}

struct Inner {
    module: Module,
    slot: Slot,
    slot_description: String,
    token_label: String,
    token_serial: String,
    pss: bool,
    state: Mutex<State>,
}

/// The practitioner's token: an open session on the slot, the certificates read. Clones share
/// the session (the TLS signer holds one).
#[derive(Clone)]
pub struct Pkcs11Token {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Pkcs11Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Token")
            .field("module", &self.inner.module.path)
            .field("slot", &self.inner.slot_description)
            .field("token", &self.inner.token_label)
            .finish_non_exhaustive()
    }
}

fn attr_bytes(session: &Session, h: ObjectHandle, t: AttributeType) -> Option<Vec<u8>> {
    session
        .get_attributes(h, &[t])
        .ok()?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Id(v) | Attribute::Value(v) => Some(v),
            Attribute::Label(v) => Some(v),
            _ => None,
        })
}

/// What a certificate's key usage says it is for.
fn usage_of(der: &[u8]) -> (bool, bool) {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return (false, false);
    };
    match cert.key_usage() {
        Ok(Some(ku)) => (ku.value.digital_signature(), ku.value.non_repudiation()),
        _ => (false, false),
    }
}

/// One X.509 certificate object of the token.
struct CertObject {
    label: String,
    id: Vec<u8>,
    der: Vec<u8>,
}

/// The token's X.509 certificates.
fn certificates(session: &Session) -> Result<Vec<CertObject>> {
    let handles = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
        ])
        .map_err(|e| p11_error(&crate::tr!("pkcs11-op-list-certificates"), e))?;
    let mut out = Vec::new();
    for h in handles {
        let Some(der) = attr_bytes(session, h, AttributeType::Value) else {
            continue;
        };
        let label = attr_bytes(session, h, AttributeType::Label)
            .map(|l| String::from_utf8_lossy(&l).trim().to_string())
            .unwrap_or_default();
        let id = attr_bytes(session, h, AttributeType::Id).unwrap_or_default();
        out.push(CertObject { label, id, der });
    }
    Ok(out)
}

/// The authentication and signature certificates: by the Cryptolib's labels, else by key usage.
fn pick_certificates(certs: &[CertObject]) -> (Option<KeyPair>, Option<KeyPair>) {
    let pair = |c: &CertObject| KeyPair {
        cert_der: c.der.clone(),
        id: c.id.clone(),
        key: None,
    };
    let by_label = |l: &str| certs.iter().find(|c| c.label == l).map(pair);
    let auth = by_label(AUTH_CERT_LABEL).or_else(|| {
        certs
            .iter()
            .find(|c| matches!(usage_of(&c.der), (true, false)))
            .map(pair)
    });
    let sign = by_label(SIGN_CERT_LABEL).or_else(|| {
        certs
            .iter()
            .find(|c| usage_of(&c.der).1 && Some(&c.id) != auth.as_ref().map(|a| &a.id))
            .map(pair)
    });
    (auth, sign)
}

/// The private key of `pair`: the one with its certificate's CKA_ID, else the Cryptolib's label.
fn find_key(session: &Session, pair: &KeyPair, label: &str) -> Result<Option<ObjectHandle>> {
    let mut templates = Vec::new();
    if !pair.id.is_empty() {
        templates.push(vec![
            Attribute::Class(ObjectClass::PRIVATE_KEY),
            Attribute::Id(pair.id.clone()),
        ]);
    }
    templates.push(vec![
        Attribute::Class(ObjectClass::PRIVATE_KEY),
        Attribute::Label(label.as_bytes().to_vec()),
    ]);
    for t in templates {
        let found = session
            .find_objects(&t)
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-find-key"), e))?;
        if let Some(h) = found.first() {
            return Ok(Some(*h));
        }
    }
    Ok(None)
}

fn hash_mechanism(alg: HashAlg) -> MechanismType {
    match alg {
        HashAlg::Sha256 => MechanismType::SHA256,
        HashAlg::Sha384 => MechanismType::SHA384,
        HashAlg::Sha512 => MechanismType::SHA512,
    }
}

fn mgf(alg: HashAlg) -> PkcsMgfType {
    match alg {
        HashAlg::Sha256 => PkcsMgfType::MGF1_SHA256,
        HashAlg::Sha384 => PkcsMgfType::MGF1_SHA384,
        HashAlg::Sha512 => PkcsMgfType::MGF1_SHA512,
    }
}

impl Pkcs11Token {
    /// Loads the module, finds the token's slot, opens a session and reads the certificates
    /// (no PIN needed: certificates are public objects).
    pub fn open(settings: &Pkcs11Settings) -> Result<Pkcs11Token> {
        let module = Module::load(settings.module.as_deref())?;
        let (slot, slot_description, token) = module.find_slot(settings.slot.as_deref())?;
        let session = module
            .ctx
            .open_ro_session(slot)
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-open-session"), e))?;
        let certs = certificates(&session)?;
        let (auth, sign) = pick_certificates(&certs);
        let auth = auth.ok_or_else(|| {
            Error::card(crate::tr!(
                "pkcs11-no-auth-certificate",
                token = token.label().trim(),
                label = AUTH_CERT_LABEL
            ))
            .with_hint(crate::tr!("pkcs11-no-auth-certificate-hint"))
        })?;
        // Asked for the one mechanism: listing them all makes cryptoki log every vendor one.
        let pss = module
            .ctx
            .get_mechanism_info(slot, MechanismType::RSA_PKCS_PSS)
            .is_ok_and(|m| m.sign());
        tracing::debug!(slot = %slot_description, token = token.label().trim(), pss, "PKCS#11 token opened");
        let mut state = State {
            session,
            auth,
            sign,
            logged_in_here: false,
        };
        // Tokens whose keys are public objects show them now; others after login.
        state.auth.key = find_key(&state.session, &state.auth, AUTH_KEY_LABEL)?;
        if let Some(sign) = &mut state.sign {
            sign.key = find_key(&state.session, sign, SIGN_KEY_LABEL)?;
        }
        Ok(Pkcs11Token {
            inner: Arc::new(Inner {
                slot,
                slot_description,
                token_label: token.label().trim().to_string(),
                token_serial: token.serial_number().trim().to_string(),
                pss,
                module,
                state: Mutex::new(state),
            }),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn module(&self) -> &Module {
        &self.inner.module
    }

    pub fn slot_description(&self) -> &str {
        &self.inner.slot_description
    }

    pub fn token_label(&self) -> &str {
        &self.inner.token_label
    }

    /// The token's serial number (the card serial with the Cryptolib).
    pub fn serial(&self) -> &str {
        &self.inner.token_serial
    }

    /// Both certificates (the signature one empty when the token holds none).
    pub fn certificates(&self) -> CardCertificates {
        let s = self.lock();
        CardCertificates {
            auth_der: s.auth.cert_der.clone(),
            sign_der: s
                .sign
                .as_ref()
                .map(|k| k.cert_der.clone())
                .unwrap_or_default(),
            from_cache: false,
        }
    }

    /// The signature certificate, or an error saying the token has none.
    pub fn signature_certificate(&self) -> Result<Vec<u8>> {
        self.lock()
            .sign
            .as_ref()
            .map(|k| k.cert_der.clone())
            .ok_or_else(|| {
                Error::card(crate::tr!(
                    "pkcs11-no-sign-certificate",
                    token = &self.inner.token_label,
                    label = SIGN_CERT_LABEL
                ))
                .with_hint(crate::tr!("pkcs11-no-sign-certificate-hint"))
            })
    }

    /// The PIN's state: verified when this session is logged in, else from the token flags.
    /// Spends no try.
    pub fn pin_status(&self) -> Result<PinStatus> {
        let s = self.lock();
        self.status_locked(&s)
    }

    fn status_locked(&self, s: &State) -> Result<PinStatus> {
        let info = s
            .session
            .get_session_info()
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-session"), e))?;
        if matches!(
            info.session_state(),
            SessionState::RoUser | SessionState::RwUser
        ) {
            return Ok(PinStatus::Verified);
        }
        let token = self
            .inner
            .module
            .ctx
            .get_token_info(self.inner.slot)
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-describe-the-token"), e))?;
        Ok(pin_status_from_flags(&token))
    }

    /// C_Login once with `pin` (digits, already checked by the caller). A wrong PIN is never
    /// retried: its error tells the tries left from the token flags read afterwards.
    pub fn login(&self, pin: &Zeroizing<String>) -> Result<()> {
        let mut s = self.lock();
        let secret = AuthPin::from(pin.as_str());
        match s.session.login(UserType::User, Some(&secret)) {
            Ok(()) | Err(cryptoki::error::Error::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(cryptoki::error::Error::Pkcs11(RvError::PinIncorrect, _)) => {
                return Err(match self.status_locked(&s)? {
                    PinStatus::Blocked | PinStatus::TriesLeft(0) => blocked_error(),
                    PinStatus::TriesLeft(n) => wrong_pin_error(n),
                    PinStatus::Verified => wrong_pin_error(CPS_MAX_TRIES - 1),
                });
            }
            Err(cryptoki::error::Error::Pkcs11(RvError::PinLocked, _)) => {
                return Err(blocked_error())
            }
            Err(cryptoki::error::Error::Pkcs11(RvError::PinLenRange | RvError::PinInvalid, _)) => {
                return Err(Error::pin(crate::tr!("pkcs11-pin-format-rejected"))
                    .with_hint(crate::tr!("pkcs11-pin-format-rejected-hint")))
            }
            Err(e) => return Err(p11_error(&crate::tr!("pkcs11-op-log-in"), e)),
        }
        s.logged_in_here = true;
        let State {
            session,
            auth,
            sign,
            ..
        } = &mut *s;
        if auth.key.is_none() {
            auth.key = find_key(session, auth, AUTH_KEY_LABEL)?;
        }
        if let Some(sign) = sign {
            if sign.key.is_none() {
                sign.key = find_key(session, sign, SIGN_KEY_LABEL)?;
            }
        }
        Ok(())
    }

    /// The holder's specialty, from the card's `CPS_INFO_PS` (a public object).
    pub fn specialty(&self) -> Result<Option<String>> {
        data_objects::specialty(&self.lock().session)
    }

    /// The numbers of the activity objects the token shows now: none before login on a CPS,
    /// whose activities are private (so an empty list says nothing before login).
    pub fn visible_activity_numbers(&self) -> Result<Vec<u8>> {
        data_objects::activity_numbers(&self.lock().session)
    }

    /// The card's activities (`CPS_ACTIVITY_nn_PS`), in order: call it after [`Self::login`].
    pub fn activities(&self) -> Result<Vec<Activity>> {
        data_objects::activities(&self.lock().session)
    }

    /// Whether the token signs RSA-PSS (CKM_RSA_PKCS_PSS in its mechanism list).
    pub fn supports_pss(&self) -> bool {
        self.inner.pss
    }

    fn sign_with(&self, sign: bool, mech: &Mechanism, data: &[u8]) -> Result<Vec<u8>> {
        let s = self.lock();
        let key = if sign {
            s.sign.as_ref().and_then(|k| k.key)
        } else {
            s.auth.key
        };
        let key = key.ok_or_else(|| {
            let token = &self.inner.token_label;
            let message = if sign {
                crate::tr!("pkcs11-no-sign-key", token = token)
            } else {
                crate::tr!("pkcs11-no-auth-key", token = token)
            };
            Error::card(message).with_hint(crate::tr!(
                "pkcs11-no-key-hint",
                label = if sign { SIGN_KEY_LABEL } else { AUTH_KEY_LABEL },
                module = &self.inner.module.path
            ))
        })?;
        s.session.sign(mech, key, data).map_err(|e| match e {
            cryptoki::error::Error::Pkcs11(RvError::UserNotLoggedIn, _) => {
                Error::pin(crate::tr!("pkcs11-pin-asked-again"))
                    .with_hint(crate::tr!("pkcs11-pin-asked-again-hint"))
            }
            cryptoki::error::Error::Pkcs11(
                RvError::TokenNotPresent | RvError::DeviceRemoved | RvError::SessionHandleInvalid,
                _,
            ) => Error::reader(crate::tr!("pkcs11-card-removed"))
                .with_hint(crate::tr!("pkcs11-card-removed-hint")),
            cryptoki::error::Error::Pkcs11(
                RvError::MechanismInvalid | RvError::KeyFunctionNotPermitted,
                f,
            ) => Error::card(crate::tr!(
                "pkcs11-failed",
                operation = sign_operation(sign),
                error = format!("{} ({f:?})", mechanism_refused())
            ))
            .with_hint(crate::tr!("pkcs11-mechanism-refused-hint")),
            e => p11_error(&sign_operation(sign), e),
        })
    }

    /// PKCS#1 v1.5 with the authentication key over `digest` (made with `alg`): the DigestInfo
    /// is built here, CKM_RSA_PKCS pads it (what TLS 1.2 needs).
    pub fn sign_authentication(&self, alg: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        let info = alg.digest_info(digest)?;
        self.sign_with(false, &Mechanism::RsaPkcs, &info)
    }

    /// RSA-PSS with the authentication key over `digest`, salt the hash's length (TLS's rule).
    pub fn sign_authentication_pss(&self, alg: HashAlg, digest: &[u8]) -> Result<Vec<u8>> {
        let params = PkcsPssParams {
            hash_alg: hash_mechanism(alg),
            mgf: mgf(alg),
            s_len: (alg.digest_len() as u64).into(),
        };
        self.sign_with(false, &Mechanism::RsaPkcsPss(params), digest)
    }

    /// RSA SHA-256 PKCS#1 v1.5 with the signature key over `message`: hashed here
    /// (CKM_RSA_PKCS over the DigestInfo, what the Cryptolib takes), or by the module
    /// (CKM_SHA256_RSA_PKCS) when it refuses the first mechanism for this key, as OpenSC does
    /// for a key whose card hashes the last block itself. A refused mechanism spends nothing.
    pub fn sign_non_repudiation(&self, message: &[u8]) -> Result<Vec<u8>> {
        let digest = super::card::digest::sha256(message);
        let info = HashAlg::Sha256.digest_info(&digest)?;
        match self.sign_with(true, &Mechanism::RsaPkcs, &info) {
            Err(e) if e.message().contains(&mechanism_refused()) => {
                tracing::debug!("CKM_RSA_PKCS refused for the signature key: the module hashes");
                self.sign_with(true, &Mechanism::Sha256RsaPkcs, message)
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_module_must_exist() {
        let e = module_path(Some(Path::new("/nonexistent/libx.so"))).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
        assert!(e.message().contains("/nonexistent/libx.so"), "{e}");
    }

    #[test]
    fn without_a_module_the_cryptolib_paths_are_tried() {
        match module_path(None) {
            Ok(p) => assert!(CRYPTOLIB_PATHS.contains(&p.to_str().unwrap())),
            Err(e) => {
                for p in CRYPTOLIB_PATHS {
                    assert!(!Path::new(p).exists());
                    assert!(e.message().contains(p), "{e}");
                }
            }
        }
    }
}
