//! The card's cryptography: PKCS#1 v1.5 signatures with card-side padding, and the end of a
//! SHA-256 computation started by the host (PSO HASH).

use rsa::pkcs8::DecodePrivateKey;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::digest::generic_array::GenericArray;

use crate::error::{Error, Result};

/// DER prefix of `DigestInfo { sha256, NULL, OCTET STRING(32) }`.
pub const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// A private key on the card.
pub struct CardKey {
    key: RsaPrivateKey,
}

impl std::fmt::Debug for CardKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardKey(RSA-{})", self.modulus_len() * 8)
    }
}

impl CardKey {
    pub fn from_pkcs8_der(der: &[u8]) -> Result<CardKey> {
        let key = RsaPrivateKey::from_pkcs8_der(der)
            .map_err(|e| Error::Key(format!("not an RSA PKCS#8 key: {e}")))?;
        Ok(CardKey { key })
    }

    /// Modulus length in bytes.
    pub fn modulus_len(&self) -> usize {
        self.key.size()
    }

    /// Pads `input` with PKCS#1 v1.5 type 01 and applies the private key: what INTERNAL
    /// AUTHENTICATE and PSO CDS compute. `None` if the input cannot be padded.
    pub fn sign_pkcs1(&self, input: &[u8]) -> Option<Vec<u8>> {
        self.key.sign(Pkcs1v15Sign::new_unprefixed(), input).ok()
    }

    /// The bare private-key operation on a block as long as the modulus (what a CPS4's PSO
    /// DECIPHER computes: no padding added or checked). `None` if the block is not below the
    /// modulus.
    pub fn raw(&self, block: &[u8]) -> Option<Vec<u8>> {
        let k = self.modulus_len();
        if block.len() != k {
            return None;
        }
        let c = rsa::BigUint::from_bytes_be(block);
        let m = rsa::hazmat::rsa_decrypt_and_check(&self.key, Some(&mut rand::thread_rng()), &c)
            .ok()?;
        let bytes = m.to_bytes_be();
        let mut out = vec![0u8; k - bytes.len()];
        out.extend_from_slice(&bytes);
        Some(out)
    }

    /// RSA-PSS of a SHA-256 hash, MGF1-SHA-256, salt as long as the hash (a CPS4's PSO CDS
    /// with algorithm 2C).
    pub fn sign_pss_sha256(&self, hash: &[u8]) -> Option<Vec<u8>> {
        self.key
            .sign_with_rng(
                &mut rand::thread_rng(),
                rsa::Pss::new::<sha2::Sha256>(),
                hash,
            )
            .ok()
    }
}

/// Finishes SHA-256 from an intermediate state (eight big-endian words), the number of bits
/// already hashed (a multiple of 512) and the remaining 0..=64 bytes. `None` if the inputs
/// are inconsistent.
pub fn sha256_finish(state: &[u8; 32], bits_done: u64, last: &[u8]) -> Option<[u8; 32]> {
    if !bits_done.is_multiple_of(512) || last.len() > 64 {
        return None;
    }
    let mut h = [0u32; 8];
    for (word, chunk) in h.iter_mut().zip(state.chunks_exact(4)) {
        *word = u32::from_be_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
    }
    let total_bits = bits_done.checked_add(8 * last.len() as u64)?;
    let mut tail = last.to_vec();
    tail.push(0x80);
    while tail.len() % 64 != 56 {
        tail.push(0);
    }
    tail.extend_from_slice(&total_bits.to_be_bytes());
    let blocks: Vec<_> = tail
        .chunks_exact(64)
        .map(|c| *GenericArray::from_slice(c))
        .collect();
    sha2::compress256(&mut h, &blocks);
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// SHA-256 initial state.
    pub const H0: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];

    /// What a host sends in PSO HASH: the state after all full blocks but the last 0..=64
    /// bytes (a multiple of 64 keeps one full block for the card, as the IAS drivers do).
    pub fn host_side(msg: &[u8]) -> ([u8; 32], u64, Vec<u8>) {
        let keep = if msg.is_empty() {
            0
        } else {
            (msg.len() - 1) % 64 + 1
        };
        let (full, last) = msg.split_at(msg.len() - keep);
        let mut h = H0;
        let blocks: Vec<_> = full
            .chunks_exact(64)
            .map(|c| *GenericArray::from_slice(c))
            .collect();
        sha2::compress256(&mut h, &blocks);
        let mut state = [0u8; 32];
        for (chunk, word) in state.chunks_exact_mut(4).zip(h) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        (state, 8 * full.len() as u64, last.to_vec())
    }

    #[test]
    fn finish_matches_sha256() {
        for len in [0usize, 1, 55, 56, 63, 64, 65, 119, 128, 200, 1000] {
            let msg: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let (state, bits, last) = host_side(&msg);
            let got = sha256_finish(&state, bits, &last).unwrap();
            assert_eq!(got.as_slice(), Sha256::digest(&msg).as_slice(), "len {len}");
        }
        assert!(sha256_finish(&[0; 32], 8, &[]).is_none());
        assert!(sha256_finish(&[0; 32], 0, &[0; 65]).is_none());
    }
}
