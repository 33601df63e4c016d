//! What dmp asks of a card, independent of its generation: the [`CardOperations`] trait, and the
//! facts found in the card's PKCS#15 directory ([`CardProfile`]) that every operation needs.
//!
//! CPS3 and CPS4 reach the same keys through different APDUs (INTERNAL AUTHENTICATE on a CPS3,
//! raw RSA through PSO DECIPHER with host padding on CLA 01 for a CPS4). The session talks to
//! this trait; each generation implements it in its own module (`cps3`, `cps4`).

use super::digest::HashAlg;
use super::pin::{Pin, PinPolicy, PinStatus};
use super::pkcs15::{DataObject, FilePath, ObjectPath};
use super::transport::Transport;
use crate::error::{Error, Result};

/// Where the PKCS#15 application lives.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AppLocation {
    /// Its DF's absolute path (from EF.DIR), e.g. `3F00 0001`.
    Path(Vec<u8>),
    /// Only its AID is known (EF.DIR lacked a path): select it, then use relative paths.
    Aid(Vec<u8>),
}

/// A private key found in the PrKDF.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyInfo {
    pub label: Option<String>,
    /// The PKCS#15 iD (the certificate has the same).
    pub id: Vec<u8>,
    /// The key reference for MSE SET (0x82 authentication, 0x81 signature on a CPS3).
    pub reference: u8,
    /// The DF to select before using the key.
    pub df: Option<FilePath>,
    pub modulus_bits: Option<u32>,
}

/// What the card's PKCS#15 directory says, all dmp needs to use the card (and what the
/// certificate cache keeps so that a second command does not walk the directory again).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CardProfile {
    pub app: AppLocation,
    pub auth_key: KeyInfo,
    pub sign_key: KeyInfo,
    pub pin: PinPolicy,
    /// The DF holding the PIN (the MF for the CPS3's global PIN).
    pub pin_df: Option<FilePath>,
}

/// The profile plus where the certificates are (needed only when they are read from the card).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
    pub profile: CardProfile,
    pub auth_certificate: ObjectPath,
    pub sign_certificate: ObjectPath,
}

/// The operations of one card generation. `t` is already inside a PC/SC transaction.
pub trait CardOperations: Send + Sync {
    /// The card serial (8 digits) from EF.SN.ICC, after checking it is an ANS card.
    fn read_serial(&self, t: &mut dyn Transport) -> Result<String>;
    /// Walks PKCS#15 from EF.DIR.
    fn discover(&self, t: &mut dyn Transport) -> Result<Discovery>;
    /// The DER of the authentication and signature certificates.
    fn read_certificates(&self, t: &mut dyn Transport, d: &Discovery)
        -> Result<(Vec<u8>, Vec<u8>)>;
    /// The first `len` bytes of the certificate at `cert` (one short read, to check a cached
    /// copy against the inserted card). A generation that cannot do it gives an error, and the
    /// cache is then not trusted.
    fn read_certificate_start(
        &self,
        _t: &mut dyn Transport,
        _app: &AppLocation,
        _cert: &ObjectPath,
        _len: usize,
    ) -> Result<Vec<u8>> {
        Err(Error::internal(crate::tr!(
            "card-generation-no-cache-check"
        )))
    }
    /// The data objects the card's DODF lists (found through the ODF); none when the card
    /// has no DODF.
    fn read_data_objects(
        &self,
        _t: &mut dyn Transport,
        _app: &AppLocation,
    ) -> Result<Vec<DataObject>> {
        Err(Error::internal(crate::tr!(
            "card-generation-no-data-objects"
        )))
    }
    /// The content of one data object (a private one needs the PIN verified).
    fn read_data_object(
        &self,
        _t: &mut dyn Transport,
        _app: &AppLocation,
        _object: &DataObject,
    ) -> Result<Vec<u8>> {
        Err(Error::internal(crate::tr!(
            "card-generation-no-data-objects"
        )))
    }
    /// The PIN's state, spending no try.
    fn pin_status(&self, t: &mut dyn Transport, p: &CardProfile) -> Result<PinStatus>;
    /// VERIFY, once. A wrong PIN is an error and is never retried.
    fn verify_pin(&self, t: &mut dyn Transport, p: &CardProfile, pin: &Pin) -> Result<()>;
    /// VERIFY, once, with the PIN typed on the reader's pad: the control call `control`
    /// (FEATURE_VERIFY_PIN_DIRECT) carries the command without the PIN (see `pinpad`).
    fn verify_pin_on_pad(
        &self,
        _t: &mut dyn Transport,
        _p: &CardProfile,
        _control: u32,
    ) -> Result<()> {
        Err(Error::card(crate::tr!("card-no-pad-entry"))
            .with_hint(crate::tr!("card-use-no-pinpad-hint")))
    }
    /// PKCS#1 v1.5 signature of `digest` (already hashed with `alg`) by the authentication key.
    fn sign_authentication(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        alg: HashAlg,
        digest: &[u8],
    ) -> Result<Vec<u8>>;
    /// RSA-PSS signature of `digest` (hashed with `alg`, salt as long as the hash) by the
    /// authentication key; only a generation whose [`CardOperations::supports_pss`] is true
    /// has it.
    fn sign_authentication_pss(
        &self,
        _t: &mut dyn Transport,
        _p: &CardProfile,
        _alg: HashAlg,
        _digest: &[u8],
    ) -> Result<Vec<u8>> {
        Err(Error::card(crate::tr!("card-no-pss")).with_hint(crate::tr!("card-no-pss-hint")))
    }
    /// Non-repudiation signature (SHA-256, PKCS#1 v1.5) of `message` by the signature key.
    fn sign_non_repudiation(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        message: &[u8],
    ) -> Result<Vec<u8>>;
    /// The PIN's try counters (maximum, left), when the card tells them. Unlike
    /// [`CardOperations::pin_status`] this also works once the PIN is verified.
    fn pin_counters(
        &self,
        _t: &mut dyn Transport,
        _p: &CardProfile,
    ) -> Result<Option<PinCounters>> {
        Ok(None)
    }
    /// Whether the authentication key can make RSA-PSS signatures (needed for TLS 1.3).
    fn supports_pss(&self) -> bool {
        false
    }
}

/// The PIN's try counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PinCounters {
    pub max: u8,
    pub left: u8,
}

/// The operations of a card dmp cannot drive: every call gives the same clear error.
pub struct Unsupported(pub Error);

impl Unsupported {
    fn fail<T>(&self) -> Result<T> {
        let mut e = Error::new(self.0.kind(), self.0.message());
        if let Some(h) = self.0.hint() {
            e = e.with_hint(h);
        }
        Err(e)
    }
}

impl CardOperations for Unsupported {
    fn read_serial(&self, _: &mut dyn Transport) -> Result<String> {
        self.fail()
    }
    fn discover(&self, _: &mut dyn Transport) -> Result<Discovery> {
        self.fail()
    }
    fn read_certificates(
        &self,
        _: &mut dyn Transport,
        _: &Discovery,
    ) -> Result<(Vec<u8>, Vec<u8>)> {
        self.fail()
    }
    fn read_data_objects(&self, _: &mut dyn Transport, _: &AppLocation) -> Result<Vec<DataObject>> {
        self.fail()
    }
    fn read_data_object(
        &self,
        _: &mut dyn Transport,
        _: &AppLocation,
        _: &DataObject,
    ) -> Result<Vec<u8>> {
        self.fail()
    }
    fn pin_status(&self, _: &mut dyn Transport, _: &CardProfile) -> Result<PinStatus> {
        self.fail()
    }
    fn verify_pin(&self, _: &mut dyn Transport, _: &CardProfile, _: &Pin) -> Result<()> {
        self.fail()
    }
    fn verify_pin_on_pad(&self, _: &mut dyn Transport, _: &CardProfile, _: u32) -> Result<()> {
        self.fail()
    }
    fn sign_authentication(
        &self,
        _: &mut dyn Transport,
        _: &CardProfile,
        _: HashAlg,
        _: &[u8],
    ) -> Result<Vec<u8>> {
        self.fail()
    }
    fn sign_non_repudiation(
        &self,
        _: &mut dyn Transport,
        _: &CardProfile,
        _: &[u8],
    ) -> Result<Vec<u8>> {
        self.fail()
    }
    fn pin_counters(&self, _: &mut dyn Transport, _: &CardProfile) -> Result<Option<PinCounters>> {
        self.fail()
    }
}
