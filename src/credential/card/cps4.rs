//! The operations of a CPS4 (NXP ChipDoc), after the ANS Cryptolib CPS 5.2's ChipDoc driver
//! (the only public description of the card; cps-card.md §8).
//!
//! What differs from a CPS3:
//! - every APDU goes on logical channel 1 (CLA `01`, `11` when chained); the Cryptolib opens no
//!   channel with MANAGE CHANNEL: its first SELECT on CLA `01` does. When the card answers
//!   `68 81` (channel closed, e.g. after a reset) the ChipDoc application is selected again
//!   and the command resent once, as the Cryptolib does for the PIN counter;
//! - the application is selected by the ChipDoc AID, falling back to the Cryptolib's
//!   "reselect" sequence (GlobalPlatform ISD on channel 1, CPS2ter AID on channel 0, ChipDoc);
//! - files are selected the Cryptolib's way: the MF stripped from the path, a lone file id by
//!   P1=00, a longer path by its last file id from the current DF (P1=09), and on `6A 82` the
//!   first DF then the rest;
//! - the PIN's state and counters come from VERIFY without data (no GET DATA of the CHV SDO);
//! - the authentication key has no INTERNAL AUTHENTICATE: PKCS#1 v1.5 is a raw RSA operation,
//!   MSE `01 22 41 B8 03 83 01 <key>` then PSO DECIPHER `01 2A 80 86` of the block the host
//!   padded (type 01, modulus length, no `81` indicator byte, chained); RSA-PSS SHA-256 is
//!   MSE `01 22 81 B6 04 91 02 2C <key|80>` then PSO CDS with the hash;
//! - the signature key signs the hash sent in PSO CDS after MSE `91 02 <alg> <key|80>` with alg
//!   `28` (SHA-256 PKCS#1 v1.5): no card-side hashing.
//!
//! The PKCS#15 directory (ODF, PrKDF, CDF, AODF) is walked as on a CPS3, from the PKCS#15
//! application the Cryptolib names (same AID as the CPS3's IAS application).

use super::apdu::{Command, Response, StatusWord};
use super::atr;
use super::cps3::{check_signature, fcp_size, show_path, signing_error, Files, IAS_AID};
use super::digest::{self, HashAlg};
use super::operations::{
    AppLocation, CardOperations, CardProfile, Discovery, KeyInfo, PinCounters,
};
use super::pin::{self, Pin, PinStatus};
use super::pinpad;
use super::pkcs15::{self, FilePath, ObjectPath, MF};
use super::transport::{self, Transport};
use crate::error::{Error, Result};

/// CLA of the ChipDoc application: logical channel 1.
pub const CLA: u8 = 0x01;
/// The ChipDoc application (the CPS3's "ECC root" AID).
pub const CHIPDOC_AID: [u8; 8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x01, 0x00];
/// GlobalPlatform issuer security domain, first step of the Cryptolib's reselect sequence.
const ISD_AID: [u8; 7] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00];
/// The CPS2ter-compatible application, selected on channel 0 in that sequence.
const CPS2TER_AID: [u8; 8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x02];
const EF_SN_ICC: [u8; 4] = [0x3F, 0x00, 0xD0, 0x03];
/// "Logical channel not supported": the channel is not open.
const CHANNEL_CLOSED: StatusWord = StatusWord(0x6881);
/// The maximum PIN tries the Cryptolib assumes (the card tells only the tries left).
const PIN_TRIES_MAX: u8 = 3;

/// ChipDoc algorithm references for MSE SET DST (`91 02 <alg> <key>`).
pub mod alg {
    pub const SHA1_PKCS1: u8 = 0x0A;
    pub const SHA256_PKCS1: u8 = 0x28;
    pub const SHA1_PSS: u8 = 0x15;
    pub const SHA256_PSS: u8 = 0x2C;
}

fn select_aid_on(t: &mut dyn Transport, cla: u8, aid: &[u8]) -> Result<Response> {
    transport::transmit(
        t,
        &Command::new(cla, 0xA4, 0x04, 0x0C).with_data(aid.to_vec()),
    )
}

/// Selects the ChipDoc application on channel 1 (which opens the channel), with the
/// Cryptolib's reselect sequence when the plain SELECT fails.
fn open_chipdoc(t: &mut dyn Transport) -> Result<()> {
    let first = select_aid_on(t, CLA, &CHIPDOC_AID)?;
    if first.sw.is_ok() {
        return Ok(());
    }
    tracing::debug!(sw = %first.sw, "ChipDoc not selected: the reselect sequence");
    let isd = select_aid_on(t, CLA, &ISD_AID)?;
    let cps2ter = select_aid_on(t, 0x00, &CPS2TER_AID)?;
    let again = select_aid_on(t, CLA, &CHIPDOC_AID)?;
    if again.sw.is_ok() {
        return Ok(());
    }
    tracing::debug!(isd = %isd.sw, cps2ter = %cps2ter.sw, chipdoc = %again.sw, "ChipDoc still not selected");
    Err(Error::card(crate::tr!("card-cps4-no-chipdoc"))
        .with_hint(crate::tr!("card-cps4-no-chipdoc-hint")))
}

/// Sends `cmd`; if the card says channel 1 is closed, opens it and resends once.
fn on_channel(t: &mut dyn Transport, cmd: &Command) -> Result<Response> {
    let resp = transport::transmit(t, cmd)?;
    if resp.sw != CHANNEL_CLOSED {
        return Ok(resp);
    }
    open_chipdoc(t)?;
    transport::transmit(t, cmd)
}

fn select_raw(t: &mut dyn Transport, p1: u8, data: &[u8], fcp: bool) -> Result<Response> {
    let mut cmd = Command::new(CLA, 0xA4, p1, if fcp { 0x04 } else { 0x0C }).with_data(data);
    if fcp {
        cmd = cmd.with_le(256);
    }
    on_channel(t, &cmd)
}

fn not_found(path: &[u8]) -> Error {
    Error::card(crate::tr!("card-no-file", path = show_path(path)))
        .with_hint(crate::tr!("card-no-file-hint"))
}

fn select_result(resp: Response, path: &[u8], fcp: bool) -> Result<Option<usize>> {
    if resp.sw == StatusWord::FILE_NOT_FOUND {
        return Err(not_found(path));
    }
    if !resp.sw.is_ok() {
        return Err(resp
            .sw
            .to_error(&crate::tr!("card-op-select-file", path = show_path(path))));
    }
    Ok(if fcp { fcp_size(&resp.data) } else { None })
}

/// Selects an absolute path the Cryptolib's ChipDoc way (see the module doc). With `fcp`,
/// returns the size the FCP gives.
pub fn select_path(t: &mut dyn Transport, path: &[u8], fcp: bool) -> Result<Option<usize>> {
    let rest = path.strip_prefix(&MF[..]).unwrap_or(path);
    if rest.is_empty() {
        let resp = select_raw(t, 0x00, &MF, fcp)?;
        return select_result(resp, path, fcp);
    }
    if rest.len() == 2 {
        let resp = select_raw(t, 0x00, rest, fcp)?;
        return select_result(resp, path, fcp);
    }
    // The last file id from the current DF first: usually the right DF is already selected.
    let resp = select_raw(t, 0x09, &rest[rest.len() - 2..], fcp)?;
    if resp.sw != StatusWord::FILE_NOT_FOUND {
        return select_result(resp, path, fcp);
    }
    let df = select_raw(t, 0x00, &rest[..2], false)?;
    select_result(df, &path[..path.len() - rest.len() + 2], false)?;
    let resp = select_raw(t, 0x09, &rest[2..], fcp)?;
    select_result(resp, path, fcp)
}

/// Selects the PKCS#15 application by its AID.
fn select_app(t: &mut dyn Transport, aid: &[u8]) -> Result<()> {
    let resp = on_channel(t, &Command::new(CLA, 0xA4, 0x04, 0x0C).with_data(aid))?;
    if resp.sw == StatusWord::FILE_NOT_FOUND {
        return Err(Error::card(crate::tr!("card-no-cps-app-pkcs15"))
            .with_hint(crate::tr!("card-insert-cps-hint")));
    }
    resp.ok_or(&crate::tr!("card-op-select-app")).map(|_| ())
}

fn select_file(
    t: &mut dyn Transport,
    app: &AppLocation,
    path: &FilePath,
    fcp: bool,
) -> Result<Option<usize>> {
    match (path, app) {
        (FilePath::Absolute(p), _) => select_path(t, p, fcp),
        (FilePath::Relative(p), AppLocation::Path(df)) => {
            select_path(t, &[df.as_slice(), p].concat(), fcp)
        }
        (FilePath::Relative(p), AppLocation::Aid(aid)) => {
            select_app(t, aid)?;
            let resp = select_raw(t, 0x09, p, fcp)?;
            select_result(resp, p, fcp)
        }
    }
}

/// The CPS4's way to its files: on logical channel 1 (CLA 01).
const FILES: Files = Files {
    cla: CLA,
    select: select_file,
};

fn expect_ok(t: &mut dyn Transport, cmd: &Command, operation: &str) -> Result<Vec<u8>> {
    let resp = on_channel(t, cmd)?;
    if resp.sw.is_ok() {
        Ok(resp.data)
    } else {
        Err(signing_error(resp.sw, operation))
    }
}

fn modulus_len(key: &KeyInfo) -> usize {
    key.modulus_bits.map_or(256, |b| b.div_ceil(8) as usize)
}

/// EMSA-PKCS1-v1_5 type 01 block of `modulus_len` bytes around `digest_info` (RFC 8017 §9.2):
/// `00 01 FF…FF 00 DigestInfo`, at least eight `FF`.
pub fn pkcs1_type1_block(digest_info: &[u8], modulus_len: usize) -> Result<Vec<u8>> {
    if digest_info.len() + 11 > modulus_len {
        return Err(Error::internal(crate::tr!(
            "card-digest-info-too-long",
            bytes = digest_info.len(),
            block = modulus_len
        )));
    }
    let mut block = Vec::with_capacity(modulus_len);
    block.extend_from_slice(&[0x00, 0x01]);
    block.resize(modulus_len - digest_info.len() - 1, 0xFF);
    block.push(0x00);
    block.extend_from_slice(digest_info);
    Ok(block)
}

/// Which of the card's two keys signs.
#[derive(Clone, Copy)]
enum KeyKind {
    Authentication,
    Signature,
}

/// MSE SET DST for PSO CDS with `key` and ChipDoc algorithm `alg`, then PSO CDS of `hash`.
fn sign_hash(
    t: &mut dyn Transport,
    key: &KeyInfo,
    alg: u8,
    hash: &[u8],
    kind: KeyKind,
) -> Result<Vec<u8>> {
    let (prepare, sign) = match kind {
        KeyKind::Authentication => (
            crate::tr!("card-op-prepare-auth-key"),
            crate::tr!("card-op-sign-auth"),
        ),
        KeyKind::Signature => (
            crate::tr!("card-op-prepare-sign-key"),
            crate::tr!("card-op-sign-sign"),
        ),
    };
    let mse =
        Command::new(CLA, 0x22, 0x81, 0xB6).with_data(vec![0x91, 0x02, alg, key.reference | 0x80]);
    expect_ok(t, &mse, &prepare)?;
    let cds = Command::new(CLA, 0x2A, 0x9E, 0x9A)
        .with_data(hash.to_vec())
        .with_le(256);
    let sig = expect_ok(t, &cds, &sign)?;
    check_signature(sig, key)
}

fn pin_status_of(t: &mut dyn Transport, p: &CardProfile) -> Result<(PinStatus, StatusWord)> {
    let resp = on_channel(t, &Command::new(CLA, 0x20, 0x00, p.pin.reference))?;
    let status = PinStatus::from_status_word(resp.sw)
        .ok_or_else(|| resp.sw.to_error(&crate::tr!("card-op-pin-state")))?;
    Ok((status, resp.sw))
}

/// A CPS4 (ChipDoc) on its contact interface.
pub struct Cps4;

impl CardOperations for Cps4 {
    fn read_serial(&self, t: &mut dyn Transport) -> Result<String> {
        open_chipdoc(t)?;
        let resp = select_raw(t, 0x00, &EF_SN_ICC[2..], true)?;
        if !resp.sw.is_ok() {
            return Err(if resp.sw == StatusWord::FILE_NOT_FOUND {
                atr::not_an_ans_card()
            } else {
                resp.sw.to_error(&crate::tr!("card-op-select-ef-sn"))
            });
        }
        let size = fcp_size(&resp.data);
        let data = transport::read_file(t, CLA, size.or(Some(12)), &crate::tr!("card-part-ef-sn"))?;
        atr::parse_serial(&data)
    }

    fn discover(&self, t: &mut dyn Transport) -> Result<Discovery> {
        open_chipdoc(t)?;
        // The Cryptolib takes the PKCS#15 application by its AID (no EF.DIR on the ChipDoc side).
        let app = AppLocation::Aid(IAS_AID.to_vec());
        FILES.discover(t, app)
    }

    fn read_certificates(
        &self,
        t: &mut dyn Transport,
        d: &Discovery,
    ) -> Result<(Vec<u8>, Vec<u8>)> {
        FILES.certificates(t, d)
    }

    fn read_certificate_start(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
        cert: &ObjectPath,
        len: usize,
    ) -> Result<Vec<u8>> {
        FILES.certificate_start(t, app, cert, len)
    }

    // The data objects (CPS_INFO_PS, the activities): the same PKCS#15 walk, on channel 1.
    fn read_data_objects(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
    ) -> Result<Vec<pkcs15::DataObject>> {
        FILES.data_objects(t, app)
    }

    fn read_data_object(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
        object: &pkcs15::DataObject,
    ) -> Result<Vec<u8>> {
        FILES.data_object(t, app, object)
    }

    fn pin_status(&self, t: &mut dyn Transport, p: &CardProfile) -> Result<PinStatus> {
        Ok(pin_status_of(t, p)?.0)
    }

    fn pin_counters(&self, t: &mut dyn Transport, p: &CardProfile) -> Result<Option<PinCounters>> {
        // VERIFY without data tells the tries left; a verified PIN has all its tries back.
        let left = match pin_status_of(t, p)?.0 {
            PinStatus::Verified => PIN_TRIES_MAX,
            PinStatus::TriesLeft(n) => n,
            PinStatus::Blocked => 0,
        };
        Ok(Some(PinCounters {
            max: PIN_TRIES_MAX,
            left,
        }))
    }

    fn verify_pin(&self, t: &mut dyn Transport, p: &CardProfile, pin: &Pin) -> Result<()> {
        let data = pin.verify_data(&p.pin)?;
        if let Some(df) = &p.pin_df {
            select_file(t, &p.app, df, false)?;
        }
        let cmd = Command::new(CLA, 0x20, 0x00, p.pin.reference)
            .with_data(data.to_vec())
            .sensitive();
        drop(data);
        let resp = on_channel(t, &cmd)?;
        pin::verify_outcome(resp.sw)
    }

    fn verify_pin_on_pad(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        control: u32,
    ) -> Result<()> {
        let block = pinpad::verify_structure(CLA, &p.pin)?;
        if let Some(df) = &p.pin_df {
            select_file(t, &p.app, df, false)?;
        }
        let answer = t.control(control, &block)?;
        pinpad::verify_outcome(&answer, &p.pin)
    }

    fn sign_authentication(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        alg: HashAlg,
        digest: &[u8],
    ) -> Result<Vec<u8>> {
        let key = &p.auth_key;
        let block = pkcs1_type1_block(&alg.digest_info(digest)?, modulus_len(key))?;
        let mse = Command::new(CLA, 0x22, 0x41, 0xB8).with_data(vec![0x83, 0x01, key.reference]);
        expect_ok(t, &mse, &crate::tr!("card-op-prepare-auth-key"))?;
        // Raw RSA on the padded block; 256 bytes do not fit one short APDU: chained.
        let decipher = Command::new(CLA, 0x2A, 0x80, 0x86)
            .with_data(block)
            .with_le(256)
            .sensitive();
        let sig = expect_ok(t, &decipher, &crate::tr!("card-op-sign-auth"))?;
        check_signature(sig, key)
    }

    fn sign_authentication_pss(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        alg: HashAlg,
        digest: &[u8],
    ) -> Result<Vec<u8>> {
        if alg != HashAlg::Sha256 || digest.len() != alg.digest_len() {
            return Err(Error::card(crate::tr!(
                "card-cps4-pss-sha256-only",
                algorithm = alg.name()
            ))
            .with_hint(crate::tr!("card-cps4-pss-sha256-only-hint")));
        }
        sign_hash(
            t,
            &p.auth_key,
            alg::SHA256_PSS,
            digest,
            KeyKind::Authentication,
        )
    }

    fn sign_non_repudiation(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        message: &[u8],
    ) -> Result<Vec<u8>> {
        let hash = digest::sha256(message);
        sign_hash(t, &p.sign_key, alg::SHA256_PKCS1, &hash, KeyKind::Signature)
    }

    fn supports_pss(&self) -> bool {
        true
    }
}

#[cfg(test)]
#[path = "cps4_tests.rs"]
mod tests;
