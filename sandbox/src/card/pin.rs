//! The cardholder PIN (CHV 1): tries counter and verified state.
//!
//! The counter lives as long as the card object (a real card keeps it in EEPROM); the
//! verified state is volatile and goes away on power off, power on and reset.

use super::apdu::sw;

/// PIN state; the methods answer with the status word of VERIFY.
pub struct Pin {
    value: Vec<u8>,
    max_tries: u8,
    tries_left: u8,
    verified: bool,
}

impl Pin {
    /// `value` must already be validated (4..8 ASCII digits); `max_tries` 1..=15.
    pub fn new(value: &str, max_tries: u8) -> Pin {
        Pin {
            value: value.as_bytes().to_vec(),
            max_tries,
            tries_left: max_tries,
            verified: false,
        }
    }

    /// `00 20 00 01` without data: the state, spending nothing.
    pub fn status(&self) -> u16 {
        if self.tries_left == 0 {
            sw::AUTH_BLOCKED
        } else if self.verified {
            sw::OK
        } else {
            sw::tries_left(self.tries_left)
        }
    }

    /// `00 20 00 01 Lc PIN`.
    pub fn verify(&mut self, candidate: &[u8]) -> u16 {
        if self.tries_left == 0 {
            return sw::AUTH_BLOCKED;
        }
        // Compare every byte whatever the outcome, like a card should.
        let same_len = candidate.len() == self.value.len();
        let diff = candidate
            .iter()
            .zip(self.value.iter().cycle())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        if same_len && diff == 0 {
            self.tries_left = self.max_tries;
            self.verified = true;
            sw::OK
        } else {
            self.tries_left -= 1;
            self.verified = false;
            sw::tries_left(self.tries_left)
        }
    }

    pub fn is_verified(&self) -> bool {
        self.verified && self.tries_left > 0
    }

    pub fn tries_left(&self) -> u8 {
        self.tries_left
    }

    pub fn max_tries(&self) -> u8 {
        self.max_tries
    }

    /// Power off / on / reset.
    pub fn forget(&mut self) {
        self.verified = false;
    }
}

impl std::fmt::Debug for Pin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pin")
            .field("value", &"****")
            .field("max_tries", &self.max_tries)
            .field("tries_left", &self.tries_left)
            .field("verified", &self.verified)
            .finish()
    }
}

impl Drop for Pin {
    fn drop(&mut self) {
        self.value.iter_mut().for_each(|b| *b = 0);
    }
}
