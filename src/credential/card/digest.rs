//! Hash algorithms, PKCS#1 v1.5 DigestInfo encodings, and the host half of the CPS3's split
//! SHA-256 (PSO HASH).
//!
//! The CPS3 pads and signs a DigestInfo the host builds (INTERNAL AUTHENTICATE), and for its
//! non-repudiation key it insists on hashing the last block itself: the host hashes every full
//! block but the last and sends the intermediate SHA-256 state. Both encodings live here as
//! pure functions so they can be checked against a plain SHA-256.

use sha2::digest::generic_array::GenericArray;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A hash whose DigestInfo the card can sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    /// Digest size in bytes.
    pub fn digest_len(self) -> usize {
        match self {
            HashAlg::Sha256 => 32,
            HashAlg::Sha384 => 48,
            HashAlg::Sha512 => 64,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "SHA-256",
            HashAlg::Sha384 => "SHA-384",
            HashAlg::Sha512 => "SHA-512",
        }
    }

    /// The DER prefix of `DigestInfo { AlgorithmIdentifier(hash, NULL), OCTET STRING }`.
    fn prefix(self) -> &'static [u8] {
        match self {
            HashAlg::Sha256 => &[
                0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x01, 0x05, 0x00, 0x04, 0x20,
            ],
            HashAlg::Sha384 => &[
                0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x02, 0x05, 0x00, 0x04, 0x30,
            ],
            HashAlg::Sha512 => &[
                0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
                0x03, 0x05, 0x00, 0x04, 0x40,
            ],
        }
    }

    /// The DER DigestInfo of `digest` (PKCS#1 v1.5 signature input before padding).
    pub fn digest_info(self, digest: &[u8]) -> Result<Vec<u8>> {
        if digest.len() != self.digest_len() {
            return Err(Error::internal(crate::tr!(
                "card-digest-length",
                algorithm = self.name(),
                expected = self.digest_len(),
                bytes = digest.len()
            )));
        }
        Ok([self.prefix(), digest].concat())
    }
}

/// SHA-256's initial state.
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// The PSO HASH data field for `message`: `90 28 <state (32) ‖ bits hashed so far (8, BE)>
/// 80 L <last block>`. The host hashes all full blocks except the last 1..64 bytes (none for an
/// empty message); the card hashes those and finishes.
pub fn pso_hash_input(message: &[u8]) -> Vec<u8> {
    let last_len = if message.is_empty() {
        0
    } else {
        (message.len() - 1) % 64 + 1
    };
    let (head, last) = message.split_at(message.len() - last_len);
    let mut state = SHA256_IV;
    for block in head.chunks_exact(64) {
        sha2::compress256(&mut state, &[*GenericArray::from_slice(block)]);
    }
    let bits = (head.len() as u64) * 8;
    let mut out = Vec::with_capacity(44 + last.len());
    out.extend_from_slice(&[0x90, 0x28]);
    for word in state {
        out.extend_from_slice(&word.to_be_bytes());
    }
    out.extend_from_slice(&bits.to_be_bytes());
    out.extend_from_slice(&[0x80, last.len() as u8]);
    out.extend_from_slice(last);
    out
}

/// SHA-256 of `message` (for callers that hash on the host).
pub fn sha256(message: &[u8]) -> [u8; 32] {
    Sha256::digest(message).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Does what the card does with a PSO HASH input: continue from the state, pad, finish.
    fn finish_like_the_card(input: &[u8]) -> [u8; 32] {
        assert_eq!(&input[..2], &[0x90, 0x28]);
        let mut state = [0u32; 8];
        for (i, w) in state.iter_mut().enumerate() {
            *w = u32::from_be_bytes(input[2 + 4 * i..6 + 4 * i].try_into().unwrap());
        }
        let bits_before = u64::from_be_bytes(input[34..42].try_into().unwrap());
        assert_eq!(input[42], 0x80);
        let len = input[43] as usize;
        let last = &input[44..];
        assert_eq!(last.len(), len);
        assert!(len <= 64);
        let total_bits = bits_before + 8 * len as u64;
        let mut tail = last.to_vec();
        tail.push(0x80);
        while tail.len() % 64 != 56 {
            tail.push(0);
        }
        tail.extend_from_slice(&total_bits.to_be_bytes());
        for block in tail.chunks_exact(64) {
            sha2::compress256(&mut state, &[*GenericArray::from_slice(block)]);
        }
        let mut out = [0u8; 32];
        for (i, w) in state.iter().enumerate() {
            out[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
        }
        out
    }

    #[test]
    fn pso_hash_input_finishes_to_sha256() {
        for (len, expected_last) in [
            (0usize, 0usize),
            (63, 63),
            (64, 64),
            (65, 1),
            (200, 8),
            (128, 64),
        ] {
            let message: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let input = pso_hash_input(&message);
            assert_eq!(input[43] as usize, expected_last, "len {len}");
            assert_eq!(input.len(), 44 + expected_last);
            let bits = u64::from_be_bytes(input[34..42].try_into().unwrap());
            assert_eq!(bits as usize, (len - expected_last) * 8);
            assert_eq!(finish_like_the_card(&input), sha256(&message), "len {len}");
        }
        // Empty message: the state is the IV.
        let input = pso_hash_input(&[]);
        assert_eq!(&input[2..6], &[0x6a, 0x09, 0xe6, 0x67]);
    }

    #[test]
    fn digest_infos() {
        let d = [0x11; 32];
        let di = HashAlg::Sha256.digest_info(&d).unwrap();
        assert_eq!(di.len(), 51);
        assert_eq!(&di[..2], &[0x30, 0x31]);
        assert_eq!(HashAlg::Sha384.digest_info(&[0; 48]).unwrap().len(), 67);
        assert_eq!(HashAlg::Sha512.digest_info(&[0; 64]).unwrap().len(), 83);
        assert!(HashAlg::Sha256.digest_info(&[0; 48]).is_err());
    }
}
