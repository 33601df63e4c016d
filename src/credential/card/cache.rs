//! The on-disk cache of a card's certificates and PKCS#15 profile, keyed by card serial.
//!
//! Reading two certificates over T=0 takes a few dozen APDUs; the cache lets a second command
//! read only the serial number and a few bytes of one certificate. An entry is found by the
//! card serial (a renewed or different card has another serial, hence another entry), and an
//! entry that does not check out (bad JSON, hashes that do not match, unparsable certificate)
//! is ignored and rewritten from the card.
//!
//! The serial alone is not enough to trust an entry: two cards can carry the same card number
//! (test cards from two test PKIs, or a cache directory shared between machines), and the
//! cache would then give the other card's certificates. So before the entry is used, the first
//! [`CHECK_LEN`] bytes of the authentication certificate are read from the card (a SELECT
//! without FCP and one READ BINARY: two APDUs, against the twenty-odd of a full read) and
//! compared with the cached certificate. Those bytes hold the certificate's and the
//! `tbsCertificate`'s lengths, its version and its whole `serialNumber` (at most 20 octets,
//! RFC 5280 §4.1.2.2, ending by byte 37): an issuer never gives two certificates the same serial,
//! and the IGC-Santé CAs (like the sandbox PKI) draw them at random, so another card's
//! certificate differs there. Both certificates are written on the card together when it is
//! made, so checking the authentication one vouches for the pair. A mismatch, or a card that
//! cannot answer, means the certificates are read from the card again and the entry replaced.
//!
//! An entry also names the card generation it was read from: its profile (key references,
//! application path) is that generation's, so a card of another generation with the same
//! serial and certificates (the sandbox's virtual CPS3 and CPS4 of one holder) does not use it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::operations::CardProfile;
use super::pkcs15::ObjectPath;
use crate::error::{Error, Result};

// 2: the authentication certificate's path, for the check against the card.
// 3: the card generation the profile belongs to.
const VERSION: u32 = 3;
/// How many bytes of the authentication certificate are compared with the card's.
pub const CHECK_LEN: usize = 64;
const META: &str = "card.json";
const AUTH: &str = "auth.der";
const SIGN: &str = "sign.der";

/// What one cache entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheEntry {
    /// The generation of the card the entry was read from (`Generation::name`).
    pub generation: String,
    pub profile: CardProfile,
    /// Where the authentication certificate is on the card (read to check the entry).
    pub auth_certificate: ObjectPath,
    pub auth_der: Vec<u8>,
    pub sign_der: Vec<u8>,
}

impl CacheEntry {
    /// How many bytes of the authentication certificate the check reads.
    pub fn check_len(&self) -> usize {
        self.auth_der.len().min(CHECK_LEN)
    }

    /// Whether `card_start`, the start of the card's authentication certificate file, is the
    /// start of the cached certificate.
    pub fn matches_card(&self, card_start: &[u8]) -> bool {
        card_start == &self.auth_der[..self.check_len()]
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    version: u32,
    serial: String,
    auth_sha256: String,
    sign_sha256: String,
    generation: String,
    profile: CardProfile,
    auth_certificate: ObjectPath,
}

/// A directory of card entries, `<dir>/<serial>/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertCache {
    dir: PathBuf,
}

impl CertCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        CertCache { dir: dir.into() }
    }

    /// `<user cache dir>/dmp/cards` (e.g. `~/.cache/dmp/cards`), if the system has one.
    pub fn default_dir() -> Option<PathBuf> {
        dirs::cache_dir().map(|d| d.join("dmp").join("cards"))
    }

    /// The cache in [`CertCache::default_dir`].
    pub fn open_default() -> Option<CertCache> {
        Self::default_dir().map(CertCache::new)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_dir(&self, serial: &str) -> Option<PathBuf> {
        // The serial names a directory: digits only, so it cannot escape the cache.
        (!serial.is_empty() && serial.len() <= 32 && serial.bytes().all(|b| b.is_ascii_digit()))
            .then(|| self.dir.join(serial))
    }

    /// The entry for `serial`, if present and sound. Anything wrong reads as "no entry".
    pub fn load(&self, serial: &str) -> Option<CacheEntry> {
        let dir = self.entry_dir(serial)?;
        match load_entry(&dir, serial) {
            Ok(entry) => Some(entry),
            Err(why) => {
                if dir.exists() {
                    tracing::debug!(dir = %dir.display(), why, "ignoring the card cache entry");
                }
                None
            }
        }
    }

    /// Writes (or rewrites) the entry for `serial`.
    pub fn store(&self, serial: &str, entry: &CacheEntry) -> Result<()> {
        let dir = self.entry_dir(serial).ok_or_else(|| {
            Error::internal(crate::tr!(
                "card-cache-bad-serial",
                serial = format!("{serial:?}")
            ))
        })?;
        let io = |e: std::io::Error| {
            Error::config(crate::tr!(
                "card-cache-write",
                dir = &dir,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("card-cache-write-hint"))
        };
        fs::create_dir_all(&dir).map_err(io)?;
        write_atomic(&dir.join(AUTH), &entry.auth_der).map_err(io)?;
        write_atomic(&dir.join(SIGN), &entry.sign_der).map_err(io)?;
        let meta = Meta {
            version: VERSION,
            serial: serial.to_string(),
            auth_sha256: hex::encode(super::digest::sha256(&entry.auth_der)),
            sign_sha256: hex::encode(super::digest::sha256(&entry.sign_der)),
            generation: entry.generation.clone(),
            profile: entry.profile.clone(),
            auth_certificate: entry.auth_certificate.clone(),
        };
        let json = serde_json::to_vec_pretty(&meta)
            .map_err(|e| Error::internal(crate::tr!("card-cache-encode", error = e.to_string())))?;
        write_atomic(&dir.join(META), &json).map_err(io)?;
        Ok(())
    }

    /// Removes the entry for `serial` (no error if there is none).
    pub fn remove(&self, serial: &str) -> Result<()> {
        let Some(dir) = self.entry_dir(serial) else {
            return Ok(());
        };
        match fs::remove_dir_all(&dir) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::config(crate::tr!(
                "card-cache-remove",
                dir = &dir,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("card-cache-remove-hint"))),
        }
    }
}

fn load_entry(dir: &Path, serial: &str) -> std::result::Result<CacheEntry, &'static str> {
    let meta = fs::read(dir.join(META)).map_err(|_| "no metadata")?;
    let meta: Meta = serde_json::from_slice(&meta).map_err(|_| "bad metadata")?;
    if meta.version != VERSION {
        return Err("other version");
    }
    if meta.serial != serial {
        return Err("other serial");
    }
    let auth_der = fs::read(dir.join(AUTH)).map_err(|_| "no authentication certificate")?;
    let sign_der = fs::read(dir.join(SIGN)).map_err(|_| "no signature certificate")?;
    if hex::encode(super::digest::sha256(&auth_der)) != meta.auth_sha256
        || hex::encode(super::digest::sha256(&sign_der)) != meta.sign_sha256
    {
        return Err("certificate hashes do not match");
    }
    for der in [&auth_der, &sign_der] {
        match x509_parser::parse_x509_certificate(der) {
            Ok((&[], _)) => {}
            _ => return Err("unparsable certificate"),
        }
    }
    Ok(CacheEntry {
        generation: meta.generation,
        profile: meta.profile,
        auth_certificate: meta.auth_certificate,
        auth_der,
        sign_der,
    })
}

fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)
}
