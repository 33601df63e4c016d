//! The virtual CPS4 (NXP ChipDoc): the same card data as the CPS3 (file system, PKCS#15,
//! keys, PIN), reached the way the ANS Cryptolib's ChipDoc driver reaches a real CPS4.
//! CARD.md ("The virtual CPS4") says which rule comes from where.
//!
//! - Logical channel 1 (CLA `01`; `11` for a chained block). Channel 1 is opened by MANAGE
//!   CHANNEL on the basic channel or, as the Cryptolib relies on, by the first SELECT sent on
//!   it; any other command on a closed channel answers `68 81`. A power cycle closes it.
//! - The basic channel only knows the CPS2ter AID SELECT and MANAGE CHANNEL.
//! - No INTERNAL AUTHENTICATE and no GET DATA; the PIN state comes from VERIFY without data.
//! - The authentication key (id 0x20) decrypts raw: MSE `41 B8 { 83 01 20 }`, then PSO
//!   DECIPHER `2A 80 86` of exactly one modulus-long block, chained; nothing is padded or
//!   checked. MSE `81 B6 { 91 02 <alg> <id|80> }` then PSO CDS `2A 9E 9A` of a SHA-256 hash
//!   signs PKCS#1 v1.5 (alg 28, signature key) or PSS (alg 2C, either key).
//! - Answers carry their data directly (the ATR offers T=1); `61 xx` only when Le is short.

use super::super::apdu::{sw, Command, Response};
use super::super::crypto::SHA256_DIGEST_INFO_PREFIX;
use super::super::fs::{fid, FileSystem, MF};
use super::super::pkcs15;
use super::{ins, VirtualCard};

/// ATR of a CPS4 (the production one the ANS Cryptolib matches, cps-card.md §1).
pub const ATR: [u8; 17] = [
    0x3B, 0x9B, 0x18, 0x80, 0x01, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x04, 0x01, 0x00, 0x00, 0x90,
    0x44,
];

/// Key ids of the ChipDoc keys (the Cryptolib's CPS4_AUTH_PRIV_KEY_ID and its test program's
/// signature key id).
pub const KEY_AUTH: u8 = 0x20;
pub const KEY_SIGN: u8 = 0x10;

/// ChipDoc algorithm references modelled (SHA-1 ones, 0A and 15, are refused).
const ALG_SHA256_PKCS1: u8 = 0x28;
const ALG_SHA256_PSS: u8 = 0x2C;

const AID_ISD: [u8; 7] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00];
const AID_CPS2TER: [u8; 8] = [0x80, 0x25, 0x00, 0x00, 0x01, 0xFF, 0x00, 0x02];

const MANAGE_CHANNEL: u8 = 0x70;
const CHANNEL_CLOSED: u16 = 0x6881;
const CHAINING_NOT_SUPPORTED: u16 = 0x6884;
const LAST_COMMAND_EXPECTED: u16 = 0x6883;

/// The volatile ChipDoc state a power cycle forgets.
#[derive(Debug, Default)]
pub struct ChipDoc {
    channel_open: bool,
    /// MSE SET for PSO DECIPHER with the authentication key.
    se_decipher: bool,
    /// MSE SET DST: (algorithm, key id).
    se_dst: Option<(u8, u8)>,
    /// Data of the chained blocks so far, with their INS P1 P2.
    chain: Option<([u8; 3], Vec<u8>)>,
}

/// A CPS4 carries the CPS3's files; only the PrKDF's key references differ.
pub fn adapt_file_system(fs: &mut FileSystem, modulus_bits: u64) {
    if let Some(prkdf) = fs.walk(MF, &[fid::DF_IAS, fid::PRKDF]) {
        fs.set_data(
            prkdf,
            pkcs15::prkdf_with_refs(modulus_bits, KEY_AUTH, KEY_SIGN),
        );
    }
}

impl VirtualCard {
    pub(super) fn dispatch_cps4(&mut self, cmd: &Command<'_>) -> Response {
        if cmd.cla & !0x13 != 0 {
            return Response::sw(sw::CLA_NOT_SUPPORTED);
        }
        let channel = cmd.cla & 0x03;
        let chained = cmd.cla & 0x10 != 0;
        if channel == 1 && self.chipdoc.channel_open && cmd.ins == ins::GET_RESPONSE && !chained {
            return self.get_response(cmd);
        }
        self.pending.clear();
        match channel {
            0 if !chained => return self.basic_channel(cmd),
            1 => {}
            _ => return Response::sw(CHANNEL_CLOSED),
        }
        if !self.chipdoc.channel_open {
            if cmd.ins != ins::SELECT || chained {
                return Response::sw(CHANNEL_CLOSED);
            }
            self.chipdoc.channel_open = true;
        }
        let header = [cmd.ins, cmd.p1, cmd.p2];
        if chained {
            if header != [ins::PSO, 0x80, 0x86] {
                self.chipdoc.chain = None;
                return Response::sw(CHAINING_NOT_SUPPORTED);
            }
            let (_, data) = self
                .chipdoc
                .chain
                .get_or_insert_with(|| (header, Vec::new()));
            data.extend_from_slice(cmd.data);
            return Response::sw(sw::OK);
        }
        let data = match self.chipdoc.chain.take() {
            Some((h, _)) if h != header => return Response::sw(LAST_COMMAND_EXPECTED),
            Some((_, mut data)) => {
                data.extend_from_slice(cmd.data);
                data
            }
            None => cmd.data.to_vec(),
        };
        let whole = Command {
            cla: 0x01,
            ins: cmd.ins,
            p1: cmd.p1,
            p2: cmd.p2,
            data: &data,
            le: cmd.le,
        };
        let r = match cmd.ins {
            ins::SELECT if whole.p1 == 0x04 && whole.data == AID_ISD => Response::sw(sw::OK),
            ins::SELECT if whole.p1 != 0x04 && whole.p2 == 0x00 => self.select_fci(&whole),
            ins::SELECT => self.select(&whole),
            ins::READ_BINARY => self.read_binary(&whole),
            ins::VERIFY => self.verify(&whole),
            ins::MSE => self.mse_cps4(&whole),
            ins::PSO => self.pso_cps4(&whole),
            _ => Response::sw(sw::INS_NOT_SUPPORTED),
        };
        self.direct(r, cmd.le)
    }

    /// SELECT of a file with P2=00: the Cryptolib's card match reads EF.SN.ICC through the
    /// ISO select (`01 A4 08 00 02 D0 03 00`) and takes the file size from an FCI template
    /// (tag 6F); the CPS3 code answers P2=04 with the same fields under FCP (tag 62).
    fn select_fci(&mut self, cmd: &Command<'_>) -> Response {
        let r = self.select(&Command { p2: 0x04, ..*cmd });
        if r.sw >> 8 == 0x61 && self.pending.first() == Some(&0x62) {
            self.pending[0] = 0x6F;
        }
        r
    }

    /// T=1: the data the CPS3 code keeps for GET RESPONSE go out at once, up to Le.
    fn direct(&mut self, r: Response, le: Option<usize>) -> Response {
        if r.sw >> 8 != 0x61 || self.pending.is_empty() {
            return r;
        }
        let Some(le) = le else {
            return r;
        };
        let rest = self.pending.split_off(le.min(self.pending.len()));
        let data = std::mem::replace(&mut self.pending, rest);
        let sw = if self.pending.is_empty() {
            sw::OK
        } else {
            sw::bytes_available(self.pending.len())
        };
        Response::with_data(data, sw)
    }

    fn basic_channel(&mut self, cmd: &Command<'_>) -> Response {
        match (cmd.ins, cmd.p1, cmd.p2) {
            (ins::SELECT, 0x04, 0x0C) if cmd.data == AID_CPS2TER => Response::sw(sw::OK),
            (ins::SELECT, 0x04, _) => Response::sw(sw::NOT_FOUND),
            // Open channel 1 by number, or let the card assign it.
            (MANAGE_CHANNEL, 0x00, 0x01) => {
                self.chipdoc.channel_open = true;
                Response::sw(sw::OK)
            }
            (MANAGE_CHANNEL, 0x00, 0x00) if !self.chipdoc.channel_open => {
                self.chipdoc.channel_open = true;
                Response::with_data(vec![0x01], sw::OK)
            }
            (MANAGE_CHANNEL, 0x80, 0x01) => {
                self.chipdoc = ChipDoc::default();
                Response::sw(sw::OK)
            }
            (MANAGE_CHANNEL, _, _) => Response::sw(sw::WRONG_P1P2),
            _ => Response::sw(sw::INS_NOT_SUPPORTED),
        }
    }

    fn mse_cps4(&mut self, cmd: &Command<'_>) -> Response {
        match (cmd.p1, cmd.p2, cmd.data) {
            (0x41, 0xB8, [0x83, 0x01, KEY_AUTH]) => {
                self.chipdoc.se_decipher = true;
                Response::sw(sw::OK)
            }
            (0x41, 0xB8, [0x83, 0x01, _]) => Response::sw(sw::DATA_NOT_FOUND),
            (0x81, 0xB6, [0x91, 0x02, alg, key]) if key & 0x80 != 0 => {
                let id = key & 0x7F;
                let allowed = match id {
                    KEY_SIGN => [ALG_SHA256_PKCS1, ALG_SHA256_PSS].contains(alg),
                    KEY_AUTH => *alg == ALG_SHA256_PSS,
                    _ => return Response::sw(sw::DATA_NOT_FOUND),
                };
                if !allowed {
                    return Response::sw(sw::WRONG_DATA);
                }
                self.chipdoc.se_dst = Some((*alg, id));
                Response::sw(sw::OK)
            }
            (0x41, 0xB8, _) | (0x81, 0xB6, _) => Response::sw(sw::WRONG_DATA),
            _ => Response::sw(sw::WRONG_P1P2),
        }
    }

    fn pso_cps4(&mut self, cmd: &Command<'_>) -> Response {
        match (cmd.p1, cmd.p2) {
            (0x80, 0x86) => self.decipher(cmd),
            (0x9E, 0x9A) => self.cds_cps4(cmd),
            _ => Response::sw(sw::WRONG_P1P2),
        }
    }

    /// Raw RSA with the authentication key: the host did the padding.
    fn decipher(&mut self, cmd: &Command<'_>) -> Response {
        if !self.chipdoc.se_decipher {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        }
        if !self.pin.is_verified() {
            return Response::sw(sw::SECURITY_NOT_SATISFIED);
        }
        if cmd.data.len() != self.auth_key.modulus_len() {
            return Response::sw(sw::WRONG_LENGTH);
        }
        let Some(out) = self.auth_key.raw(cmd.data) else {
            return Response::sw(sw::WRONG_DATA);
        };
        self.signed();
        self.deferred(out)
    }

    /// PSO CDS of a hash the host computed.
    fn cds_cps4(&mut self, cmd: &Command<'_>) -> Response {
        let Some((alg, id)) = self.chipdoc.se_dst else {
            return Response::sw(sw::CONDITIONS_NOT_SATISFIED);
        };
        if !self.pin.is_verified() {
            return Response::sw(sw::SECURITY_NOT_SATISFIED);
        }
        if cmd.data.len() != 32 {
            return Response::sw(sw::WRONG_LENGTH);
        }
        let key = if id == KEY_AUTH {
            &self.auth_key
        } else {
            &self.sign_key
        };
        let signature = if alg == ALG_SHA256_PSS {
            key.sign_pss_sha256(cmd.data)
        } else {
            key.sign_pkcs1(&[&SHA256_DIGEST_INFO_PREFIX[..], cmd.data].concat())
        };
        let Some(signature) = signature else {
            return Response::sw(sw::WRONG_DATA);
        };
        self.signed();
        self.deferred(signature)
    }
}

#[cfg(test)]
mod tests {
    use rsa::pkcs8::DecodePublicKey;
    use rsa::{Pkcs1v15Sign, Pss, RsaPublicKey};
    use sha2::{Digest, Sha256};

    use super::super::super::{tests::keys, CardOptions, Generation, VirtualCard};

    fn card() -> VirtualCard {
        let options = CardOptions {
            generation: Generation::Cps4,
            ..CardOptions::default()
        };
        VirtualCard::new(&options, keys()).unwrap()
    }

    fn tx(card: &mut VirtualCard, apdu: &str) -> (Vec<u8>, u16) {
        tx_bytes(card, &hex::decode(apdu.replace(' ', "")).unwrap())
    }

    fn tx_bytes(card: &mut VirtualCard, apdu: &[u8]) -> (Vec<u8>, u16) {
        let r = card.transmit(apdu);
        let (data, sw) = r.split_at(r.len() - 2);
        (data.to_vec(), u16::from_be_bytes([sw[0], sw[1]]))
    }

    fn public_key(cert: &[u8]) -> RsaPublicKey {
        RsaPublicKey::from_public_key_der(crate::pki::cert_spki(cert).unwrap()).unwrap()
    }

    const OPEN: &str = "01 A4 04 0C 08 80 25 00 00 01 FF 01 00";
    const LOGIN: &str = "01 20 00 01 04 31 32 33 34";

    fn digest_info(hash: &[u8]) -> Vec<u8> {
        [
            hex::decode("3031300d060960864801650304020105000420").unwrap(),
            hash.to_vec(),
        ]
        .concat()
    }

    /// The RFC 8017 §9.2 block for a SHA-256 hash and a 2048-bit key.
    fn pkcs1_block(hash: &[u8]) -> Vec<u8> {
        let mut block = vec![0x00, 0x01];
        block.resize(256 - 52, 0xFF);
        block.push(0x00);
        block.extend(hex::decode("3031300d060960864801650304020105000420").unwrap());
        block.extend(hash);
        block
    }

    /// PSO DECIPHER of `block` in two chained blocks (CLA 11, then 01).
    fn decipher(card: &mut VirtualCard, block: &[u8]) -> (Vec<u8>, u16) {
        let first = [&[0x11, 0x2A, 0x80, 0x86, 0xFF][..], &block[..255]].concat();
        assert_eq!(tx_bytes(card, &first).1, 0x9000);
        let last = [&[0x01, 0x2A, 0x80, 0x86, 0x01][..], &block[255..], &[0x00]].concat();
        tx_bytes(card, &last)
    }

    #[test]
    fn channel_1_opens_with_its_first_select_and_closes_with_a_power_cycle() {
        let mut c = card();
        assert_eq!(c.atr()[..3], [0x3B, 0x9B, 0x18]);
        assert_eq!(tx(&mut c, "01 20 00 01").1, 0x6881);
        assert_eq!(tx(&mut c, "00 B0 00 00 0C").1, 0x6D00);
        assert_eq!(
            tx(&mut c, "02 A4 04 0C 08 80 25 00 00 01 FF 01 00").1,
            0x6881
        );
        assert_eq!(tx(&mut c, OPEN).1, 0x9000);
        assert_eq!(tx(&mut c, "01 20 00 01").1, 0x63C3);
        // EF.SN.ICC by file id, answered at once (T=1), then read.
        let (fcp, sw) = tx(&mut c, "01 A4 00 04 02 D0 03 00");
        assert_eq!((fcp[0], sw), (0x62, 0x9000));
        let (sn, sw) = tx(&mut c, "01 B0 00 00 0C");
        assert_eq!(sw, 0x9000);
        assert_eq!(sn[..7], [0x5A, 0x0A, 0x80, 0x25, 0x00, 0x00, 0x01]);
        // No CPS3 commands on the ChipDoc application.
        assert_eq!(tx(&mut c, "01 88 00 00 02 01 02 00").1, 0x6D00);
        c.power_off();
        c.power_on();
        assert_eq!(tx(&mut c, "01 20 00 01").1, 0x6881);
        // MANAGE CHANNEL on the basic channel opens it too.
        assert_eq!(tx(&mut c, "00 70 00 01").1, 0x9000);
        assert_eq!(tx(&mut c, "01 20 00 01").1, 0x63C3);
    }

    #[test]
    fn ef_sn_icc_selected_by_path_with_p2_00_answers_an_fci_with_its_size() {
        let mut c = card();
        tx(&mut c, OPEN);
        // The ANS Cryptolib's card match: the ISO select of 3F00/D003 (MF stripped, P1=08,
        // P2=00), whose FCI (tag 6F) must give the 12-byte size before it reads the file.
        let (fci, sw) = tx(&mut c, "01 A4 08 00 02 D0 03 00");
        assert_eq!(sw, 0x9000);
        assert_eq!(fci[0], 0x6F);
        assert_eq!(usize::from(fci[1]) + 2, fci.len());
        assert!(
            fci.windows(4).any(|w| w == [0x80, 0x02, 0x00, 0x0C]),
            "{fci:02X?}"
        );
        assert_eq!(tx(&mut c, "01 B0 00 00 0C").0.len(), 12);
        // P2=04 still gives the FCP, P2=0C nothing.
        assert_eq!(tx(&mut c, "01 A4 08 04 02 D0 03 00").0[0], 0x62);
        assert_eq!(tx(&mut c, "01 A4 08 0C 02 D0 03"), (vec![], 0x9000));
    }

    #[test]
    fn the_authentication_key_decrypts_raw_what_the_host_padded() {
        let mut c = card();
        tx(&mut c, OPEN);
        let hash = Sha256::digest(b"transcript").to_vec();
        let block = pkcs1_block(&hash);
        // Not before MSE, not before the PIN.
        assert_eq!(decipher(&mut c, &block).1, 0x6985);
        assert_eq!(tx(&mut c, "01 22 41 B8 03 83 01 10").1, 0x6A88);
        assert_eq!(tx(&mut c, "01 22 41 B8 03 83 01 20").1, 0x9000);
        assert_eq!(decipher(&mut c, &block).1, 0x6982);
        assert_eq!(tx(&mut c, LOGIN).1, 0x9000);
        let (sig, sw) = decipher(&mut c, &block);
        assert_eq!(sw, 0x9000);
        public_key(&keys().auth_cert_der)
            .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info(&hash), &sig)
            .unwrap();
        assert_eq!(c.signature_count(), 1);
        // Only PSO DECIPHER chains; a short block is refused.
        assert_eq!(tx(&mut c, "11 B0 00 00 0C").1, 0x6884);
        assert_eq!(tx(&mut c, "01 2A 80 86 02 00 01 00").1, 0x6700);
    }

    #[test]
    fn pso_cds_signs_a_host_hash_pkcs1_or_pss() {
        let mut c = card();
        tx(&mut c, OPEN);
        tx(&mut c, LOGIN);
        let hash = Sha256::digest(b"<SignedInfo/>").to_vec();
        let cds = [&[0x01, 0x2A, 0x9E, 0x9A, 0x20][..], &hash, &[0x00]].concat();
        // Signature key 0x10, SHA-256 PKCS#1 v1.5.
        assert_eq!(tx(&mut c, "01 22 81 B6 04 91 02 28 90").1, 0x9000);
        let (sig, sw) = tx_bytes(&mut c, &cds);
        assert_eq!(sw, 0x9000);
        public_key(&keys().sign_cert_der)
            .verify(Pkcs1v15Sign::new_unprefixed(), &digest_info(&hash), &sig)
            .unwrap();
        // Authentication key 0x20, SHA-256 PSS; PKCS#1 through CDS is not for that key.
        assert_eq!(tx(&mut c, "01 22 81 B6 04 91 02 28 A0").1, 0x6A80);
        assert_eq!(tx(&mut c, "01 22 81 B6 04 91 02 2C 20").1, 0x6A80);
        assert_eq!(tx(&mut c, "01 22 81 B6 04 91 02 2C A0").1, 0x9000);
        let (sig, sw) = tx_bytes(&mut c, &cds);
        assert_eq!(sw, 0x9000);
        public_key(&keys().auth_cert_der)
            .verify(Pss::new::<Sha256>(), &hash, &sig)
            .unwrap();
        assert_eq!(c.signature_count(), 2);
    }
}
