//! The card itself: APDU in, response out, no I/O. Keeping it socket-free lets the unit
//! tests drive every edge of CARD.md directly, and vpcd.rs only moves bytes.

use std::time::Duration;

mod cps4;

use tracing::{debug, trace};

use super::apdu::{sw, Command, Response};
use super::crypto::{sha256_finish, CardKey, SHA256_DIGEST_INFO_PREFIX};
use super::fs::{fid, FileSystem, NodeId, MF};
use super::pin::Pin;
use super::pkcs15::{self, KEY_REF_AUTH, KEY_REF_SIGN, PIN_REF};
use super::{CardOptions, Generation};
use crate::error::Result;
use crate::pki::HolderKeys;

/// ATR of a CPS3 (contact, T=0 only).
pub const ATR: [u8; 17] = [
    0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00, 0x90,
    0x00,
];

/// IAS algorithm references accepted by MSE SET.
const ALG_RSA_PKCS: u8 = 0x02;
const ALG_SHA256: u8 = 0x40;
const ALG_SHA256_RSA_PKCS: u8 = 0x42;

mod ins {
    pub const SELECT: u8 = 0xA4;
    pub const READ_BINARY: u8 = 0xB0;
    pub const VERIFY: u8 = 0x20;
    pub const GET_DATA: u8 = 0xCB;
    pub const MSE: u8 = 0x22;
    pub const INTERNAL_AUTHENTICATE: u8 = 0x88;
    pub const PSO: u8 = 0x2A;
    pub const GET_RESPONSE: u8 = 0xC0;
}

/// A virtual CPS3: file system, PIN, keys and the volatile state a power cycle forgets.
#[derive(Debug)]
pub struct VirtualCard {
    fs: FileSystem,
    pin: Pin,
    auth_key: CardKey,
    sign_key: CardKey,
    rsa_latency: Duration,
    /// The application DF, where the private key SDOs are.
    key_df: NodeId,
    card_number: String,
    signatures: u64,
    // Volatile state.
    current_df: NodeId,
    current_ef: Option<NodeId>,
    /// Key reference set by MSE SET AT.
    se_at: Option<u8>,
    /// SHA-256 set by MSE SET HT.
    se_ht: bool,
    /// Key reference set by MSE SET DST.
    se_dst: Option<u8>,
    /// Result of the last PSO HASH.
    hash: Option<[u8; 32]>,
    /// Data waiting for GET RESPONSE.
    pending: Vec<u8>,
    /// CPS3, or a CPS4 whose commands go through `cps4.rs` first.
    generation: Generation,
    /// The CPS4's channel and security state (unused on a CPS3).
    chipdoc: cps4::ChipDoc,
}

impl VirtualCard {
    /// A card for `keys`, configured by `options` (PIN, tries, card number, RSA latency).
    pub fn new(options: &CardOptions, keys: &HolderKeys) -> Result<VirtualCard> {
        options.validate()?;
        let auth_key = CardKey::from_pkcs8_der(&keys.auth_key_pkcs8_der)?;
        let sign_key = CardKey::from_pkcs8_der(&keys.sign_key_pkcs8_der)?;
        let card_number = options.effective_card_number();
        let mut fs = pkcs15::cps3_file_system(
            &card_number,
            &keys.auth_cert_der,
            &keys.sign_cert_der,
            8 * auth_key.modulus_len() as u64,
            &pkcs15::CardData {
                holder: &options.holder,
                specialty: options.specialty.as_deref(),
                activities: &options.effective_activities(),
            },
        );
        let key_df = fs
            .by_aid(&pkcs15::AID_IAS)
            .expect("the file system holds the IAS application");
        if options.generation == Generation::Cps4 {
            cps4::adapt_file_system(&mut fs, 8 * auth_key.modulus_len() as u64);
        }
        Ok(VirtualCard {
            fs,
            pin: Pin::new(&options.pin, options.max_tries),
            auth_key,
            sign_key,
            rsa_latency: options.rsa_latency,
            key_df,
            card_number,
            signatures: 0,
            current_df: MF,
            current_ef: None,
            se_at: None,
            se_ht: false,
            se_dst: None,
            hash: None,
            pending: Vec::new(),
            generation: options.generation,
            chipdoc: cps4::ChipDoc::default(),
        })
    }

    /// The ATR (answered to vpcd's `04`).
    pub fn atr(&self) -> &'static [u8] {
        match self.generation {
            Generation::Cps3 => &ATR,
            Generation::Cps4 => &cps4::ATR,
        }
    }

    /// The 8-digit card number in EF.SN.ICC.
    pub fn card_number(&self) -> &str {
        &self.card_number
    }

    /// INTERNAL AUTHENTICATE and PSO CDS computed so far.
    pub fn signature_count(&self) -> u64 {
        self.signatures
    }

    /// PIN tries left (0 = blocked).
    pub fn pin_tries_left(&self) -> u8 {
        self.pin.tries_left()
    }

    /// Whether the PIN is verified in the current session.
    pub fn pin_verified(&self) -> bool {
        self.pin.is_verified()
    }

    /// vpcd `00`.
    pub fn power_off(&mut self) {
        self.forget();
    }

    /// vpcd `01`.
    pub fn power_on(&mut self) {
        self.forget();
    }

    /// vpcd `02`.
    pub fn reset(&mut self) {
        self.forget();
    }

    fn forget(&mut self) {
        self.current_df = MF;
        self.current_ef = None;
        self.pin.forget();
        self.se_at = None;
        self.se_ht = false;
        self.se_dst = None;
        self.hash = None;
        self.pending.clear();
        self.chipdoc = cps4::ChipDoc::default();
    }

    /// Processes one command APDU and returns data ‖ SW1 SW2.
    pub fn transmit(&mut self, apdu: &[u8]) -> Vec<u8> {
        let response = match Command::parse(apdu) {
            Some(cmd) => {
                let r = self.dispatch(&cmd);
                log_apdu(&cmd, &r);
                r
            }
            None => {
                self.pending.clear();
                debug!(len = apdu.len(), "malformed APDU -> 6700");
                Response::sw(sw::WRONG_LENGTH)
            }
        };
        response.to_bytes()
    }

    fn dispatch(&mut self, cmd: &Command<'_>) -> Response {
        if self.generation == Generation::Cps4 {
            return self.dispatch_cps4(cmd);
        }
        if cmd.cla != 0x00 {
            self.pending.clear();
            return Response::sw(sw::CLA_NOT_SUPPORTED);
        }
        if cmd.ins == ins::GET_RESPONSE {
            return self.get_response(cmd);
        }
        // T=0: any other command drops what GET RESPONSE had not fetched.
        self.pending.clear();
        match cmd.ins {
            ins::SELECT => self.select(cmd),
            ins::READ_BINARY => self.read_binary(cmd),
            ins::VERIFY => self.verify(cmd),
            ins::GET_DATA => self.get_data(cmd),
            ins::MSE => self.mse(cmd),
            ins::INTERNAL_AUTHENTICATE => self.internal_authenticate(cmd),
            ins::PSO => self.pso(cmd),
            _ => Response::sw(sw::INS_NOT_SUPPORTED),
        }
    }

    /// Data returned the T=0 way: kept for GET RESPONSE, announced with `61 xx`.
    fn deferred(&mut self, data: Vec<u8>) -> Response {
        let sw = sw::bytes_available(data.len());
        self.pending = data;
        Response::sw(sw)
    }

    fn get_response(&mut self, cmd: &Command<'_>) -> Response {
        if cmd.p1 != 0 || cmd.p2 != 0 {
            return Response::sw(sw::WRONG_P1P2);
        }
        if !cmd.data.is_empty() {
            return Response::sw(sw::WRONG_LENGTH);
        }
        if self.pending.is_empty() {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        }
        let le = cmd.le.unwrap_or(256);
        if le > self.pending.len() {
            return Response::sw(sw::wrong_le(self.pending.len()));
        }
        let rest = self.pending.split_off(le);
        let data = std::mem::replace(&mut self.pending, rest);
        let sw = if self.pending.is_empty() {
            sw::OK
        } else {
            sw::bytes_available(self.pending.len())
        };
        Response::with_data(data, sw)
    }

    fn select(&mut self, cmd: &Command<'_>) -> Response {
        let want_fcp = match cmd.p2 {
            0x0C => false,
            0x04 => true,
            // P2=00 (FCI) is only known for SELECT by AID, handled there.
            0x00 if cmd.p1 == 0x04 => true,
            _ => return Response::sw(sw::WRONG_P1P2),
        };
        let fids = || -> Option<Vec<u16>> {
            if cmd.data.is_empty() || !cmd.data.len().is_multiple_of(2) {
                return None;
            }
            Some(
                cmd.data
                    .chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect(),
            )
        };
        let target = match cmd.p1 {
            0x00 | 0x02 => {
                let fid = match fids().as_deref() {
                    Some(&[fid]) => fid,
                    _ => return Response::sw(sw::WRONG_LENGTH),
                };
                // 3F00 names the MF whatever P1: OpenSC and the ANS Cryptolib both turn the
                // AODF's two-byte PIN path 3F00 into `00 A4 02 xx 02 3F 00` before VERIFY.
                if fid == fid::MF {
                    Some(MF)
                } else if cmd.p1 == 0x02 {
                    self.fs
                        .child(self.current_df, fid)
                        .filter(|&n| !self.fs.is_df(n))
                } else {
                    self.fs.child(self.current_df, fid)
                }
            }
            0x04 => {
                if cmd.data.is_empty() || cmd.data.len() > 16 {
                    return Response::sw(sw::WRONG_LENGTH);
                }
                // The ECC root (EF.ATR's AID) is the MF; a real card answers `90 00` without
                // FCI to P2=00, and OpenSC's CPx driver sends P2=04 and needs a success.
                if cmd.data == pkcs15::AID_ECC_ROOT {
                    self.current_df = MF;
                    self.current_ef = None;
                    return Response::sw(sw::OK);
                }
                // Applications: P2=00 is refused (real trace), P2=04 gives the FCP.
                if cmd.p2 == 0x00 {
                    return Response::sw(sw::WRONG_P1P2);
                }
                self.fs.by_aid(cmd.data)
            }
            0x08 | 0x09 => {
                let Some(path) = fids() else {
                    return Response::sw(sw::WRONG_LENGTH);
                };
                match path.split_first() {
                    Some((&fid::MF, rest)) => self.fs.walk(MF, rest),
                    _ if cmd.p1 == 0x08 => self.fs.walk(MF, &path),
                    _ => self.fs.walk(self.current_df, &path),
                }
            }
            _ => return Response::sw(sw::WRONG_P1P2),
        };
        let Some(node) = target else {
            return Response::sw(sw::NOT_FOUND);
        };
        if self.fs.is_df(node) {
            self.current_df = node;
            self.current_ef = None;
        } else {
            self.current_df = self.fs.df_of(node);
            self.current_ef = Some(node);
        }
        if want_fcp {
            let fcp = self.fs.fcp(node);
            self.deferred(fcp)
        } else {
            Response::sw(sw::OK)
        }
    }

    fn read_binary(&mut self, cmd: &Command<'_>) -> Response {
        if !cmd.data.is_empty() {
            return Response::sw(sw::WRONG_LENGTH);
        }
        let (node, offset) = if cmd.p1 & 0x80 != 0 {
            let sfi = cmd.p1 & 0x1F;
            if cmd.p1 & 0x60 != 0 || sfi == 0 {
                return Response::sw(sw::WRONG_P1P2);
            }
            let Some(node) = self.fs.by_sfi(self.current_df, sfi) else {
                return Response::sw(sw::NOT_FOUND);
            };
            self.current_ef = Some(node);
            (node, usize::from(cmd.p2))
        } else {
            let Some(node) = self.current_ef else {
                return Response::sw(sw::NO_CURRENT_EF);
            };
            (node, usize::from(cmd.p1) << 8 | usize::from(cmd.p2))
        };
        let Some(data) = self.fs.data(node) else {
            return Response::sw(sw::NO_CURRENT_EF);
        };
        if self.fs.is_private(node) && !self.pin.is_verified() {
            return Response::sw(sw::SECURITY_NOT_SATISFIED);
        }
        if offset >= data.len() {
            return Response::sw(sw::OFFSET_OUT_OF_FILE);
        }
        let wanted = cmd.le.unwrap_or(256);
        let end = (offset + wanted).min(data.len());
        let sw = if offset + wanted > data.len() {
            sw::END_OF_FILE
        } else {
            sw::OK
        };
        Response::with_data(data[offset..end].to_vec(), sw)
    }

    fn verify(&mut self, cmd: &Command<'_>) -> Response {
        if cmd.p1 != 0x00 || cmd.p2 != PIN_REF {
            return Response::sw(sw::WRONG_P1P2);
        }
        if cmd.data.is_empty() {
            return Response::sw(self.pin.status());
        }
        if self.pin.tries_left() == 0 {
            return Response::sw(sw::AUTH_BLOCKED);
        }
        if cmd.data.len() > 8 {
            return Response::sw(sw::WRONG_LENGTH);
        }
        Response::sw(self.pin.verify(cmd.data))
    }

    /// GET DATA of an SDO: `4D { 70 { <SDO tag> <requested tags> } }`. The CHV SDO
    /// (`BF 81 01`, from any DF) and the RSA private key SDOs (`BF 90 01`, `BF 90 02`, from the
    /// application DF, as OpenSC's CPx driver reads them) answer their DOCP (`A0 80`) through
    /// `61 xx`; a request for their public part (`7F 41`, `7F 48`) answers `6A 86`, IAS-ECC's
    /// "no public data", after which OpenSC asks for the DOCP.
    fn get_data(&mut self, cmd: &Command<'_>) -> Response {
        use crate::der::{tlv, tlv_tag};
        if cmd.p1 != 0x3F || cmd.p2 != 0xFF {
            return Response::sw(sw::WRONG_P1P2);
        }
        let sdo = crate::der::parse_all(cmd.data)
            .and_then(|outer| match outer.as_slice() {
                [t] if t.is(0x4D) => t.children(),
                _ => None,
            })
            .and_then(|inner| match inner.as_slice() {
                [t] if t.is(0x70) => crate::der::parse_one(t.value).map(|(sdo, _)| sdo),
                _ => None,
            });
        let Some(sdo) = sdo else {
            return Response::sw(sw::WRONG_DATA);
        };
        // The requested tags, written as empty TLVs with the BER "indefinite" length 80.
        let wants_docp = match sdo.value {
            [0xA0, 0x80] => true,
            [0x7F, _, 0x80] => false,
            _ => return Response::sw(sw::WRONG_DATA),
        };
        let docp = match sdo.tag {
            [0xBF, 0x81, 0x01] => {
                let acl = tlv(0x8C, &[0xF3, 0x00, 0x00, 0x13, 0xFF, 0x00]);
                [
                    tlv(0x9A, &[self.pin.max_tries()]),
                    tlv(0x9B, &[self.pin.tries_left()]),
                    tlv(0xA1, &acl),
                ]
                .concat()
            }
            [0xBF, 0x90, r @ (0x01 | 0x02)] if self.current_df == self.key_df => {
                let key = if 0x80 | r == KEY_REF_AUTH {
                    &self.auth_key
                } else {
                    &self.sign_key
                };
                // In bytes: OpenSC takes it as the signature length (Le of PSO CDS).
                let size = u16::try_from(key.modulus_len()).unwrap_or(u16::MAX);
                // SCBs for PSO CDS, INTERNAL AUTHENTICATE, PSO DECIPHER, GENERATE, PUT DATA,
                // GET DATA: `11` = after user authentication (SE 1), `FF` = never,
                // `00` = always; the operations the PrKDF's access rules allow.
                let scbs: [u8; 6] = if 0x80 | r == KEY_REF_AUTH {
                    [0xFF, 0x11, 0x11, 0xFF, 0xFF, 0x00]
                } else {
                    [0x11, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
                };
                let acl = tlv(0x8C, &[&[0x7B][..], &scbs].concat());
                [tlv(0x80, &size.to_be_bytes()), tlv(0xA1, &acl)].concat()
            }
            _ => return Response::sw(sw::DATA_NOT_FOUND),
        };
        if !wants_docp {
            return Response::sw(sw::WRONG_P1P2);
        }
        let sdo = tlv_tag(sdo.tag, &tlv(0xA0, &docp));
        let data = tlv(0x70, &sdo);
        self.deferred(data)
    }

    fn mse(&mut self, cmd: &Command<'_>) -> Response {
        if cmd.p1 != 0x41 {
            return Response::sw(sw::WRONG_P1P2);
        }
        let Some(dos) = crate::der::parse_all(cmd.data) else {
            return Response::sw(sw::WRONG_DATA);
        };
        let (mut alg, mut key) = (None, None);
        for d in &dos {
            match (d.tag, d.value) {
                ([0x80], [v]) if alg.is_none() => alg = Some(*v),
                ([0x84], [v]) if key.is_none() => key = Some(*v),
                _ => return Response::sw(sw::WRONG_DATA),
            }
        }
        match cmd.p2 {
            // Authentication template: the authentication key for INTERNAL AUTHENTICATE.
            0xA4 => match (alg, key) {
                (Some(ALG_RSA_PKCS), Some(KEY_REF_AUTH)) => {
                    self.se_at = Some(KEY_REF_AUTH);
                    Response::sw(sw::OK)
                }
                (Some(ALG_RSA_PKCS), Some(_)) => Response::sw(sw::DATA_NOT_FOUND),
                _ => Response::sw(sw::WRONG_DATA),
            },
            // Hash template: SHA-256 only.
            0xAA => match (alg, key) {
                (Some(ALG_SHA256), None) => {
                    self.se_ht = true;
                    Response::sw(sw::OK)
                }
                _ => Response::sw(sw::WRONG_DATA),
            },
            // Digital signature template: the non-repudiation key.
            0xB6 => match (alg, key) {
                (Some(ALG_SHA256_RSA_PKCS), Some(KEY_REF_SIGN)) => {
                    self.se_dst = Some(KEY_REF_SIGN);
                    Response::sw(sw::OK)
                }
                (Some(ALG_SHA256_RSA_PKCS), Some(_)) => Response::sw(sw::DATA_NOT_FOUND),
                _ => Response::sw(sw::WRONG_DATA),
            },
            _ => Response::sw(sw::WRONG_P1P2),
        }
    }

    fn internal_authenticate(&mut self, cmd: &Command<'_>) -> Response {
        if cmd.p1 != 0 || cmd.p2 != 0 {
            return Response::sw(sw::WRONG_P1P2);
        }
        if self.se_at.is_none() {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        }
        if !self.pin.is_verified() {
            return Response::sw(sw::SECURITY_NOT_SATISFIED);
        }
        // The card refuses inputs over 40 % of the modulus (102 bytes for RSA-2048).
        let limit = self.auth_key.modulus_len() * 2 / 5;
        if cmd.data.is_empty() || cmd.data.len() > limit {
            return Response::sw(sw::WRONG_LENGTH);
        }
        let Some(signature) = self.auth_key.sign_pkcs1(cmd.data) else {
            return Response::sw(sw::WRONG_DATA);
        };
        self.signed();
        self.deferred(signature)
    }

    fn pso(&mut self, cmd: &Command<'_>) -> Response {
        match (cmd.p1, cmd.p2) {
            (0x90, 0xA0) => self.pso_hash(cmd),
            (0x9E, 0x9A) => self.pso_cds(cmd),
            _ => Response::sw(sw::WRONG_P1P2),
        }
    }

    /// `90 28 <state ‖ bit count>` then `80 L <last block>`: the card finishes SHA-256.
    fn pso_hash(&mut self, cmd: &Command<'_>) -> Response {
        self.hash = None;
        if !self.se_ht {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        }
        let parts = crate::der::parse_all(cmd.data);
        let (state, last) = match parts.as_deref() {
            Some([state, last]) if state.is(0x90) && last.is(0x80) => (state.value, last.value),
            _ => return Response::sw(sw::WRONG_DATA),
        };
        // `90 00`: no intermediate state, the card hashes the whole (one-block) message; OpenSC
        // sends this for messages under 64 bytes (iasecc_qsign_data_sha256).
        if state.is_empty() {
            if last.len() > 64 {
                return Response::sw(sw::WRONG_DATA);
            }
            self.hash = Some(<sha2::Sha256 as sha2::Digest>::digest(last).into());
            return Response::sw(sw::OK);
        }
        let (Ok(h), Ok(count)) = (
            <[u8; 32]>::try_from(state.get(..32).unwrap_or_default()),
            <[u8; 8]>::try_from(state.get(32..).unwrap_or_default()),
        ) else {
            return Response::sw(sw::WRONG_DATA);
        };
        match sha256_finish(&h, u64::from_be_bytes(count), last) {
            Some(hash) => {
                self.hash = Some(hash);
                Response::sw(sw::OK)
            }
            None => Response::sw(sw::WRONG_DATA),
        }
    }

    /// `00 2A 9E 9A 00` signs the last PSO HASH result; `00 2A 9E 9A 20 <hash> 00` signs a
    /// SHA-256 the host computed (the ANS Cryptolib's card-cps3.c sends case 4 with the hash
    /// when it hashed the message itself).
    fn pso_cds(&mut self, cmd: &Command<'_>) -> Response {
        if !cmd.data.is_empty() && cmd.data.len() != 32 {
            return Response::sw(sw::WRONG_LENGTH);
        }
        if self.se_dst.is_none() {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        }
        if !self.pin.is_verified() {
            return Response::sw(sw::SECURITY_NOT_SATISFIED);
        }
        let given = <[u8; 32]>::try_from(cmd.data).ok();
        let Some(hash) = given.or_else(|| self.hash.take()) else {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        };
        self.hash = None;
        let digest_info = [&SHA256_DIGEST_INFO_PREFIX[..], &hash].concat();
        let Some(signature) = self.sign_key.sign_pkcs1(&digest_info) else {
            return Response::sw(sw::WRONG_DATA);
        };
        self.signed();
        self.deferred(signature)
    }

    fn signed(&mut self) {
        self.signatures += 1;
        if !self.rsa_latency.is_zero() {
            std::thread::sleep(self.rsa_latency);
        }
    }
}

/// One debug line per APDU: header, lengths and SW. VERIFY data never appear.
fn log_apdu(cmd: &Command<'_>, r: &Response) {
    let le = cmd.le.map(|l| l.to_string()).unwrap_or_else(|| "-".into());
    debug!(
        "apdu {} lc={} le={} -> {:04X} ({} bytes)",
        cmd.header(),
        cmd.data.len(),
        le,
        r.sw,
        r.data.len()
    );
    if cmd.ins == ins::VERIFY {
        trace!("  data: <masked>");
    } else {
        trace!(
            "  data: {}  response: {}",
            hex::encode_upper(cmd.data),
            hex::encode_upper(&r.data)
        );
    }
}
