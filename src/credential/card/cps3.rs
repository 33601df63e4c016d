//! The operations of a CPS3 (IAS-ECC, contact interface): selecting files, reading the serial
//! number and the PKCS#15 directory, the certificates, the PIN, and the two kinds of signature.
//!
//! Only the well-known identifiers are written here (MF, EF.DIR, EF.SN.ICC, the IAS AID, and the
//! ODF inside the application DF); everything else is found by walking PKCS#15, because the
//! ids of the other files are chosen by each card. The APDUs follow the ANS middleware's: select
//! by path from the MF with P1=09, key use through MSE SET then INTERNAL AUTHENTICATE (the card
//! pads) or PSO HASH + PSO COMPUTE DIGITAL SIGNATURE (the card finishes the hash).

use super::apdu::{Command, Response, StatusWord};
use super::atr;
use super::digest::{self, HashAlg};
use super::operations::{
    AppLocation, CardOperations, CardProfile, Discovery, KeyInfo, PinCounters,
};
use super::pin::{self, Pin, PinPolicy, PinStatus};
use super::pinpad;
use super::pkcs15::{self, FilePath, ObjectPath, MF};
use super::tlv::{self, TlvError};
use super::transport::{self, Transport};
use crate::error::{Error, Result};

/// CLA of the CPS3 (basic channel).
pub const CLA: u8 = 0x00;
/// AID of the IAS application, contact interface (EF.DIR label "CPX IAS").
pub const IAS_AID: [u8; 13] = [
    0xE8, 0x28, 0xBD, 0x08, 0x0F, 0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x10,
];
const EF_DIR: [u8; 4] = [0x3F, 0x00, 0x2F, 0x00];
const EF_SN_ICC: [u8; 4] = [0x3F, 0x00, 0xD0, 0x03];
const ODF: [u8; 2] = [0x50, 0x31];

/// "3F00/0001/5031".
pub(super) fn show_path(path: &[u8]) -> String {
    path.chunks(2)
        .map(hex::encode_upper)
        .collect::<Vec<_>>()
        .join("/")
}

pub(super) fn layout_error(what: &str, e: TlvError) -> Error {
    Error::card(crate::tr!(
        "card-malformed",
        what = what,
        error = e.to_string()
    ))
    .with_hint(crate::tr!("card-malformed-hint"))
}

pub(super) fn missing(what: &str) -> Error {
    Error::card(crate::tr!("card-pkcs15-missing", what = what))
        .with_hint(crate::tr!("card-pkcs15-missing-hint"))
}

/// SELECT by path from the MF (P1=09, `3F00` included), whatever the card answers.
fn select_raw(t: &mut dyn Transport, path: &[u8], fcp: bool) -> Result<Response> {
    let cmd = Command::new(CLA, 0xA4, 0x09, if fcp { 0x04 } else { 0x0C }).with_data(path.to_vec());
    transport::transmit(t, &cmd)
}

/// SELECT by path from the MF (P1=09, `3F00` included). With `fcp`, asks the FCP (P2=04) and
/// returns the file size it gives.
pub fn select_path(t: &mut dyn Transport, path: &[u8], fcp: bool) -> Result<Option<usize>> {
    let resp = select_raw(t, path, fcp)?;
    if resp.sw == StatusWord::FILE_NOT_FOUND {
        return Err(
            Error::card(crate::tr!("card-no-file", path = show_path(path)))
                .with_hint(crate::tr!("card-no-file-hint")),
        );
    }
    if !resp.sw.is_ok() {
        return Err(resp
            .sw
            .to_error(&crate::tr!("card-op-select-file", path = show_path(path))));
    }
    if !fcp {
        return Ok(None);
    }
    Ok(fcp_size(&resp.data))
}

/// The size in an FCP template (`62 { 80 size ... }`), if present.
pub(super) fn fcp_size(fcp: &[u8]) -> Option<usize> {
    let (t, _) = tlv::parse_one(fcp).ok()?;
    if t.tag != 0x62 {
        return None;
    }
    let size = t.child(0x80).ok()??;
    size.as_uint().ok().map(|s| s as usize)
}

/// SELECT the application by AID (P2=0C: the CPS3 answers `6A 86` to other P2).
pub fn select_aid(t: &mut dyn Transport, aid: &[u8]) -> Result<()> {
    let cmd = Command::new(CLA, 0xA4, 0x04, 0x0C).with_data(aid.to_vec());
    let resp = transport::transmit(t, &cmd)?;
    if resp.sw == StatusWord::FILE_NOT_FOUND {
        return Err(Error::card(crate::tr!("card-no-cps-app-ias"))
            .with_hint(crate::tr!("card-insert-cps-hint")));
    }
    resp.ok_or(&crate::tr!("card-op-select-app")).map(|_| ())
}

/// Selects a file given in the directory files, absolute or relative to the application.
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
            select_aid(t, aid)?;
            select_path(t, p, fcp)
        }
    }
}

/// The CPS3's way to its files.
pub(super) const FILES: Files = Files {
    cla: CLA,
    select: select_file,
};

/// How a card generation selects a file of its application (absolute, or relative to the
/// application) and the class byte of its READ BINARY; with them, the PKCS#15 reads every
/// generation shares.
pub(super) struct Files {
    pub cla: u8,
    /// Selects the file; with `fcp`, returns its size from the FCP when the card gives it.
    pub select: fn(&mut dyn Transport, &AppLocation, &FilePath, bool) -> Result<Option<usize>>,
}

impl Files {
    /// Selects and reads a whole transparent EF.
    fn read(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
        path: &FilePath,
        what: &str,
    ) -> Result<Vec<u8>> {
        let size = (self.select)(t, app, path, true)?;
        transport::read_file(t, self.cla, size, what)
    }

    /// The PKCS#15 walk once the application is found: ODF, then the PrKDF, CDF and AODF it
    /// lists; the keys, certificates and PIN of the practitioner.
    pub(super) fn discover(&self, t: &mut dyn Transport, app: AppLocation) -> Result<Discovery> {
        let odf = self.odf(t, &app)?;
        let mut keys = Vec::new();
        for p in &odf.private_keys {
            let data = self.read(t, &app, &p.path, &crate::tr!("card-part-prkdf"))?;
            keys.extend(
                pkcs15::parse_prkdf(&data)
                    .map_err(|e| layout_error(&crate::tr!("card-part-prkdf"), e))?,
            );
        }
        let mut certs = Vec::new();
        for p in &odf.certificates {
            let data = self.read(t, &app, &p.path, &crate::tr!("card-part-cdf"))?;
            certs.extend(
                pkcs15::parse_cdf(&data)
                    .map_err(|e| layout_error(&crate::tr!("card-part-cdf"), e))?,
            );
        }
        let mut pins = Vec::new();
        for p in &odf.auth_objects {
            let data = self.read(t, &app, &p.path, &crate::tr!("card-part-aodf"))?;
            pins.extend(
                pkcs15::parse_aodf(&data)
                    .map_err(|e| layout_error(&crate::tr!("card-part-aodf"), e))?,
            );
        }

        let auth_key = pkcs15::find_auth_key(&keys)
            .ok_or_else(|| missing(&crate::tr!("card-part-auth-key")))?;
        let sign_key = pkcs15::find_sign_key(&keys)
            .ok_or_else(|| missing(&crate::tr!("card-part-sign-key")))?;
        let auth_cert = pkcs15::find_certificate(&certs, Some(auth_key), "authentification")
            .ok_or_else(|| missing(&crate::tr!("card-part-auth-cert")))?;
        let sign_cert = pkcs15::find_certificate(&certs, Some(sign_key), "signature")
            .ok_or_else(|| missing(&crate::tr!("card-part-sign-cert")))?;
        let pin_object = pkcs15::find_pin(&pins, Some(auth_key))
            .ok_or_else(|| missing(&crate::tr!("card-part-pin")))?;

        Ok(Discovery {
            profile: CardProfile {
                app,
                auth_key: key_info(auth_key, &crate::tr!("card-part-auth-key-reference"))?,
                sign_key: key_info(sign_key, &crate::tr!("card-part-sign-key-reference"))?,
                pin: PinPolicy::from_object(pin_object),
                pin_df: pin_object.path.clone(),
            },
            auth_certificate: auth_cert.path.clone(),
            sign_certificate: sign_cert.path.clone(),
        })
    }

    fn odf(&self, t: &mut dyn Transport, app: &AppLocation) -> Result<pkcs15::Odf> {
        let data = self.read(
            t,
            app,
            &FilePath::Relative(ODF.to_vec()),
            &crate::tr!("card-part-odf"),
        )?;
        pkcs15::parse_odf(&data).map_err(|e| layout_error(&crate::tr!("card-part-odf"), e))
    }

    /// Both certificates of a discovered card, cut to their DER length.
    pub(super) fn certificates(
        &self,
        t: &mut dyn Transport,
        d: &Discovery,
    ) -> Result<(Vec<u8>, Vec<u8>)> {
        let app = &d.profile.app;
        let auth = self.read(
            t,
            app,
            &d.auth_certificate.path,
            &crate::tr!("card-part-auth-cert"),
        )?;
        let sign = self.read(
            t,
            app,
            &d.sign_certificate.path,
            &crate::tr!("card-part-sign-cert"),
        )?;
        Ok((
            cut_certificate(
                &auth,
                &d.auth_certificate,
                &crate::tr!("card-part-auth-cert"),
            )?,
            cut_certificate(
                &sign,
                &d.sign_certificate,
                &crate::tr!("card-part-sign-cert"),
            )?,
        ))
    }

    /// The data objects the DODFs listed in the ODF describe; none without a DODF.
    pub(super) fn data_objects(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
    ) -> Result<Vec<pkcs15::DataObject>> {
        let odf = self.odf(t, app)?;
        let mut objects = Vec::new();
        for p in &odf.data_objects {
            let data = self.read(t, app, &p.path, &crate::tr!("card-part-dodf"))?;
            objects.extend(
                pkcs15::parse_dodf(&data)
                    .map_err(|e| layout_error(&crate::tr!("card-part-dodf"), e))?,
            );
        }
        Ok(objects)
    }

    /// The first `len` bytes of the certificate at `cert` (to check a cached copy).
    pub(super) fn certificate_start(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
        cert: &ObjectPath,
        len: usize,
    ) -> Result<Vec<u8>> {
        // No FCP asked (P2=0C): on T=0 that saves the GET RESPONSE.
        (self.select)(t, app, &cert.path, false)?;
        let resp = transport::read_binary(t, self.cla, cert.index.unwrap_or(0), len)?;
        if resp.sw.is_ok() || resp.sw == StatusWord::END_OF_FILE {
            Ok(resp.data)
        } else {
            Err(resp.sw.to_error(&crate::tr!("card-op-read-cert-start")))
        }
    }

    /// One data object's bytes, within the file that holds it (its path's index and length). A
    /// private object before the PIN: the card answers 69 82, an error saying so.
    pub(super) fn data_object(
        &self,
        t: &mut dyn Transport,
        app: &AppLocation,
        object: &pkcs15::DataObject,
    ) -> Result<Vec<u8>> {
        let label = object
            .label
            .clone()
            .unwrap_or_else(|| crate::tr!("card-part-data-object"));
        let data = self.read(t, app, &object.path.path, &label)?;
        let start = object.path.index.unwrap_or(0).min(data.len());
        let end = object
            .path
            .length
            .map_or(data.len(), |l| (start + l).min(data.len()));
        Ok(data[start..end].to_vec())
    }
}

pub(super) fn key_info(key: &pkcs15::PrivateKeyObject, what: &str) -> Result<KeyInfo> {
    Ok(KeyInfo {
        label: key.label.clone(),
        id: key.id.clone(),
        reference: key.key_reference.ok_or_else(|| missing(what))?,
        df: key.path.clone(),
        modulus_bits: key.modulus_bits,
    })
}

/// The whole certificate DER in a certificate EF (files may be padded after it).
pub(super) fn cut_certificate(file: &[u8], path: &ObjectPath, what: &str) -> Result<Vec<u8>> {
    let start = path.index.unwrap_or(0);
    let mut data = file.get(start..).unwrap_or_default();
    if let Some(len) = path.length {
        data = data.get(..len).unwrap_or(data);
    }
    let bad = |e: TlvError| layout_error(what, e);
    if data.first() != Some(&0x30) {
        return Err(bad(TlvError::Unexpected {
            expected: 0x30,
            found: data.first().copied().unwrap_or(0) as u32,
        }));
    }
    let len = tlv::object_len(data).map_err(bad)?;
    Ok(data[..len].to_vec())
}

/// Errors of the signing commands, where 6982 means the PIN was lost or never verified.
pub(super) fn signing_error(sw: StatusWord, operation: &str) -> Error {
    match sw {
        StatusWord::SECURITY_NOT_SATISFIED => Error::pin(crate::tr!("card-pin-not-verified"))
            .with_hint(crate::tr!("card-pin-not-verified-hint")),
        StatusWord::AUTH_BLOCKED => pin::blocked_error(),
        sw => sw.to_error(operation),
    }
}

fn expect_ok(t: &mut dyn Transport, cmd: &Command, operation: &str) -> Result<Vec<u8>> {
    let resp = transport::transmit(t, cmd)?;
    if resp.sw.is_ok() {
        Ok(resp.data)
    } else {
        Err(signing_error(resp.sw, operation))
    }
}

fn select_key_df(t: &mut dyn Transport, p: &CardProfile, key: &KeyInfo) -> Result<()> {
    match &key.df {
        Some(df) => select_file(t, &p.app, df, false).map(|_| ()),
        None => match &p.app {
            AppLocation::Path(df) => select_path(t, df, false).map(|_| ()),
            AppLocation::Aid(aid) => select_aid(t, aid),
        },
    }
}

pub(super) fn check_signature(sig: Vec<u8>, key: &KeyInfo) -> Result<Vec<u8>> {
    let expected = key.modulus_bits.map(|b| b.div_ceil(8) as usize);
    if sig.is_empty() || expected.is_some_and(|n| n != sig.len()) {
        return Err(Error::card(crate::tr!(
            "card-signature-length",
            bytes = sig.len(),
            expected = expected.unwrap_or(0)
        ))
        .with_hint(crate::tr!("card-reinsert-or-report-hint")));
    }
    Ok(sig)
}

/// Finds the first object with `tag` in `data`, looking inside constructed objects.
fn find_tag(data: &[u8], tag: u32, depth: usize) -> Option<Vec<u8>> {
    let objects = tlv::parse_all(data).ok()?;
    for o in &objects {
        if o.tag == tag {
            return Some(o.value.to_vec());
        }
    }
    if depth == 0 {
        return None;
    }
    objects
        .iter()
        .filter(|o| o.is_constructed())
        .find_map(|o| find_tag(o.value, tag, depth - 1))
}

/// The try counters in a CHV SDO (`70 { BF81xx { A0 { 9A max, 9B left } } }`).
fn parse_chv_counters(data: &[u8]) -> Option<PinCounters> {
    let max = *find_tag(data, 0x9A, 4)?.first()?;
    let left = *find_tag(data, 0x9B, 4)?.first()?;
    Some(PinCounters { max, left })
}

/// A CPS3 on its contact interface.
pub struct Cps3;

impl CardOperations for Cps3 {
    fn read_serial(&self, t: &mut dyn Transport) -> Result<String> {
        let resp = select_raw(t, &EF_SN_ICC, true)?;
        if !resp.sw.is_ok() {
            // No EF.SN.ICC: not an ANS card. Any other refusal: say what.
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
        // EF.DIR names the application DF.
        // EF.DIR may be absent: then the application is selected by its AID.
        let resp = select_raw(t, &EF_DIR, true)?;
        let dir = match resp.sw {
            StatusWord::OK => transport::read_file(
                t,
                CLA,
                fcp_size(&resp.data),
                &crate::tr!("card-part-ef-dir"),
            )?,
            StatusWord::FILE_NOT_FOUND => Vec::new(),
            sw => return Err(sw.to_error(&crate::tr!("card-op-select-ef-dir"))),
        };
        let apps = pkcs15::parse_dir(&dir)
            .map_err(|e| layout_error(&crate::tr!("card-part-ef-dir"), e))?;
        let app = match apps
            .iter()
            .find(|a| a.aid == IAS_AID)
            .and_then(|a| a.path.clone())
        {
            Some(FilePath::Absolute(p)) => AppLocation::Path(p),
            Some(FilePath::Relative(p)) => AppLocation::Path([&MF[..], &p].concat()),
            None => AppLocation::Aid(IAS_AID.to_vec()),
        };
        tracing::debug!(?app, "CPS application");

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
        if let Some(df) = &p.pin_df {
            select_file(t, &p.app, df, false)?;
        }
        // VERIFY without data: the card tells the state and spends no try.
        let resp = transport::transmit(t, &Command::new(CLA, 0x20, 0x00, p.pin.reference))?;
        PinStatus::from_status_word(resp.sw)
            .ok_or_else(|| resp.sw.to_error(&crate::tr!("card-op-pin-state")))
    }

    fn pin_counters(&self, t: &mut dyn Transport, p: &CardProfile) -> Result<Option<PinCounters>> {
        // The CHV SDO lives in the MF: GET DATA for its DOCP (tries max 9A, left 9B).
        select_path(t, &MF, false)?;
        let chv = p.pin.reference & 0x7F;
        let cmd = Command::new(CLA, 0xCB, 0x3F, 0xFF).with_data(vec![
            0x4D, 0x08, 0x70, 0x06, 0xBF, 0x81, chv, 0x02, 0xA0, 0x80,
        ]);
        let resp = transport::transmit(t, &cmd)?;
        if !resp.sw.is_ok() {
            tracing::debug!(sw = %resp.sw, "the card does not tell its PIN counters");
            return Ok(None);
        }
        Ok(parse_chv_counters(&resp.data))
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
        let resp = transport::transmit(t, &cmd)?;
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
        let digest_info = alg.digest_info(digest)?;
        // The card refuses inputs over 40 % of the modulus.
        if let Some(bits) = key.modulus_bits {
            if digest_info.len() * 100 > (bits as usize / 8) * 40 {
                return Err(Error::card(crate::tr!(
                    "card-key-too-small",
                    bits = bits,
                    algorithm = alg.name()
                ))
                .with_hint(crate::tr!("card-key-too-small-hint")));
            }
        }
        select_key_df(t, p, key)?;
        let mse = Command::new(CLA, 0x22, 0x41, 0xA4).with_data(vec![
            0x80,
            0x01,
            0x02,
            0x84,
            0x01,
            key.reference,
        ]);
        expect_ok(t, &mse, &crate::tr!("card-op-prepare-auth-key"))?;
        let auth = Command::new(CLA, 0x88, 0x00, 0x00)
            .with_data(digest_info)
            .with_le(256);
        let sig = expect_ok(t, &auth, &crate::tr!("card-op-sign-auth"))?;
        check_signature(sig, key)
    }

    fn sign_non_repudiation(
        &self,
        t: &mut dyn Transport,
        p: &CardProfile,
        message: &[u8],
    ) -> Result<Vec<u8>> {
        let key = &p.sign_key;
        select_key_df(t, p, key)?;
        let ht = Command::new(CLA, 0x22, 0x41, 0xAA).with_data(vec![0x80, 0x01, 0x40]);
        expect_ok(t, &ht, &crate::tr!("card-op-prepare-hash"))?;
        let hash = Command::new(CLA, 0x2A, 0x90, 0xA0).with_data(digest::pso_hash_input(message));
        expect_ok(t, &hash, &crate::tr!("card-op-hash"))?;
        let dst = Command::new(CLA, 0x22, 0x41, 0xB6).with_data(vec![
            0x80,
            0x01,
            0x42,
            0x84,
            0x01,
            key.reference,
        ]);
        expect_ok(t, &dst, &crate::tr!("card-op-prepare-sign-key"))?;
        let cds = Command::new(CLA, 0x2A, 0x9E, 0x9A).with_le(256);
        let sig = expect_ok(t, &cds, &crate::tr!("card-op-sign-sign"))?;
        check_signature(sig, key)
    }
}
