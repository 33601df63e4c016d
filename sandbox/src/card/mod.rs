//! The virtual CPS3 card (see `sandbox/CARD.md`, the contract with the client).
//!
//! [`VirtualCard`] is the socket-free state machine; [`spawn`] runs one on a thread against
//! pcscd's vpcd reader and returns a [`CardHandle`] to pull it out and observe it, which is
//! what the client's end-to-end tests and the `dmp-sandbox card` command use.

mod apdu;
mod crypto;
mod data_objects;
mod fs;
mod machine;
mod pin;
mod pkcs15;
mod vpcd;

#[cfg(test)]
mod tests;

use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tracing::warn;

pub use data_objects::{default_activities, CardActivity, MAX_ACTIVITIES};
pub use fs::fid as file_ids;
pub use machine::{VirtualCard, ATR};
pub use pkcs15::{
    AID_IAS, AID_IAS_CL, ANS_ISSUER, KEY_REF_AUTH, KEY_REF_SIGN, LABEL_CERT_AUTH, LABEL_CERT_SIGN,
};

use crate::error::{Error, Result};
use crate::pki::{HolderIdentity, HolderKeys, Pki};

/// Default vpcd port (reader `Virtual PCD 00 00`; 35964 is `Virtual PCD 00 01`).
pub const DEFAULT_VPCD_PORT: u16 = 35963;

/// Which card the virtual card is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Generation {
    /// CPS3 (IAS-ECC, T=0): `machine.rs`.
    #[default]
    Cps3,
    /// CPS4 (NXP ChipDoc, logical channel 1): `machine/cps4.rs`.
    Cps4,
}

impl Generation {
    pub fn name(self) -> &'static str {
        match self {
            Generation::Cps3 => "CPS3",
            Generation::Cps4 => "CPS4",
        }
    }
}

/// How the virtual card behaves and where it plugs in.
#[derive(Debug, Clone)]
pub struct CardOptions {
    /// vpcd host (pcscd's machine).
    pub host: String,
    /// vpcd port: 35963 for slot 0, 35964 for slot 1.
    pub port: u16,
    /// Cardholder PIN, 4 to 8 ASCII digits.
    pub pin: String,
    /// PIN tries before blocking, 1 to 15.
    pub max_tries: u8,
    /// Whose certificates the card carries.
    pub holder: HolderIdentity,
    /// TRE_R01 specialty in `CPS_INFO_PS` (`None`: no specialty on the card).
    pub specialty: Option<String>,
    /// The activities (`CPS_ACTIVITY_xx_PS`); `None`: [`default_activities`] of the holder.
    pub activities: Option<Vec<CardActivity>>,
    /// 8-digit card number for EF.SN.ICC; `None` derives it from the national id's last
    /// 8 digits (`00000017` for the default holder), or uses `00000017`.
    pub card_number: Option<String>,
    /// Sleep before answering each APDU.
    pub apdu_latency: Duration,
    /// Sleep added to each RSA signature (a real card needs ~150-400 ms).
    pub rsa_latency: Duration,
    /// Pull the card out (close the socket) after this delay.
    pub remove_after: Option<Duration>,
    /// How long to retry connecting while vpcd is not listening yet.
    pub connect_timeout: Duration,
    /// CPS3 or CPS4.
    pub generation: Generation,
}

impl Default for CardOptions {
    fn default() -> Self {
        CardOptions {
            host: "127.0.0.1".into(),
            port: DEFAULT_VPCD_PORT,
            pin: "1234".into(),
            max_tries: 3,
            holder: HolderIdentity::default(),
            specialty: Some("SM26".into()),
            activities: None,
            card_number: None,
            apdu_latency: Duration::ZERO,
            rsa_latency: Duration::ZERO,
            remove_after: None,
            connect_timeout: Duration::from_secs(5),
            generation: Generation::Cps3,
        }
    }
}

impl CardOptions {
    /// Checks the PIN, tries and card number.
    pub fn validate(&self) -> Result<()> {
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(4..=8).contains(&self.pin.len()) || !digits(&self.pin) {
            return Err(Error::InvalidOption("the PIN must be 4 to 8 digits".into()));
        }
        if !(1..=15).contains(&self.max_tries) {
            return Err(Error::InvalidOption(
                "the PIN tries must be between 1 and 15".into(),
            ));
        }
        if self
            .activities
            .as_ref()
            .is_some_and(|a| a.len() > MAX_ACTIVITIES)
        {
            return Err(Error::InvalidOption(format!(
                "a card holds at most {MAX_ACTIVITIES} activities"
            )));
        }
        if let Some(n) = &self.card_number {
            if n.len() != 8 || !digits(n) {
                return Err(Error::InvalidOption(format!(
                    "the card number must be 8 digits, not {n:?}"
                )));
            }
        }
        Ok(())
    }

    /// The activities the card carries.
    pub fn effective_activities(&self) -> Vec<CardActivity> {
        self.activities
            .clone()
            .unwrap_or_else(|| default_activities(&self.holder))
    }

    /// The card number EF.SN.ICC will hold.
    pub fn effective_card_number(&self) -> String {
        if let Some(n) = &self.card_number {
            return n.clone();
        }
        let id = self.holder.national_id.as_bytes();
        match id.get(id.len().saturating_sub(8)..) {
            Some(tail) if tail.len() == 8 && tail.iter().all(u8::is_ascii_digit) => {
                String::from_utf8_lossy(tail).into_owned()
            }
            _ => "00000017".into(),
        }
    }

    /// `host:port`.
    pub fn vpcd_addr(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// Something vpcd asked of the card, as recorded by the [`CardHandle`]. VERIFY data are
/// never recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardEvent {
    /// vpcd `00`.
    PowerOff,
    /// vpcd `01`.
    PowerOn,
    /// vpcd `02`.
    Reset,
    /// One APDU.
    Apdu {
        /// CLA INS P1 P2.
        header: [u8; 4],
        /// Command data length.
        lc: usize,
        /// Response data length.
        response_len: usize,
        /// SW1 SW2.
        sw: u16,
    },
}

#[derive(Debug, Default)]
struct Shared {
    signatures: AtomicU64,
    tries_left: AtomicU8,
    pin_verified: AtomicBool,
    events: Mutex<Vec<CardEvent>>,
    removed: Mutex<bool>,
    removed_cv: Condvar,
    error: Mutex<Option<String>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// At most this many events are kept (the oldest are dropped).
const MAX_EVENTS: usize = 100_000;

/// A virtual card inserted in the vpcd reader, served by a thread. Dropping the handle
/// pulls the card out.
#[derive(Debug)]
pub struct CardHandle {
    shared: Arc<Shared>,
    socket: TcpStream,
    thread: Mutex<Option<JoinHandle<()>>>,
    addr: String,
    card_number: String,
    holder: HolderIdentity,
    generation: Generation,
}

/// Inserts a virtual card for `options.holder`, whose keys come from `pki` (created on
/// first use). Returns once connected to vpcd; pcscd notices the card on its next poll
/// (up to ~0.4 s later).
pub fn spawn(options: CardOptions, pki: &Pki) -> Result<CardHandle> {
    options.validate()?;
    let keys = pki.holder(&options.holder)?;
    spawn_with_keys(options, &keys)
}

/// [`spawn`] with keys already at hand.
pub fn spawn_with_keys(options: CardOptions, keys: &HolderKeys) -> Result<CardHandle> {
    let mut card = VirtualCard::new(&options, keys)?;
    let mut stream = vpcd::connect(&options.host, options.port, options.connect_timeout)?;
    let socket = stream.try_clone().map_err(Error::Vpcd)?;
    let shared = Arc::new(Shared::default());
    shared
        .tries_left
        .store(card.pin_tries_left(), Ordering::SeqCst);

    let thread_shared = Arc::clone(&shared);
    let apdu_latency = options.apdu_latency;
    let thread = std::thread::Builder::new()
        .name("virtual-cps3".into())
        .spawn(move || {
            let s = &thread_shared;
            let result = vpcd::serve(&mut stream, &mut card, apdu_latency, |card, event| {
                s.signatures.store(card.signature_count(), Ordering::SeqCst);
                s.tries_left.store(card.pin_tries_left(), Ordering::SeqCst);
                s.pin_verified.store(card.pin_verified(), Ordering::SeqCst);
                let event = match event {
                    vpcd::Event::PowerOff => CardEvent::PowerOff,
                    vpcd::Event::PowerOn => CardEvent::PowerOn,
                    vpcd::Event::Reset => CardEvent::Reset,
                    vpcd::Event::Apdu(apdu, response) => CardEvent::Apdu {
                        header: header_of(apdu),
                        lc: apdu::Command::parse(apdu).map_or(0, |c| c.data.len()),
                        response_len: response.len().saturating_sub(2),
                        sw: response
                            .get(response.len().saturating_sub(2)..)
                            .and_then(|b| b.try_into().ok())
                            .map_or(0, u16::from_be_bytes),
                    },
                };
                let mut events = lock(&s.events);
                if events.len() >= MAX_EVENTS {
                    events.remove(0);
                }
                events.push(event);
            });
            if let Err(e) = result {
                if !*lock(&s.removed) {
                    warn!("virtual card stopped: {e}");
                    *lock(&s.error) = Some(e.to_string());
                }
            }
            *lock(&s.removed) = true;
            s.removed_cv.notify_all();
        })
        .map_err(Error::Vpcd)?;

    if let Some(delay) = options.remove_after {
        let timer_shared = Arc::clone(&shared);
        let timer_socket = socket.try_clone().map_err(Error::Vpcd)?;
        std::thread::Builder::new()
            .name("virtual-cps3-timer".into())
            .spawn(move || {
                let guard = lock(&timer_shared.removed);
                let (guard, _) = timer_shared
                    .removed_cv
                    .wait_timeout_while(guard, delay, |removed| !*removed)
                    .unwrap_or_else(|e| e.into_inner());
                if !*guard {
                    drop(guard);
                    let _ = timer_socket.shutdown(Shutdown::Both);
                }
            })
            .map_err(Error::Vpcd)?;
    }

    Ok(CardHandle {
        shared,
        socket,
        thread: Mutex::new(Some(thread)),
        addr: options.vpcd_addr(),
        card_number: options.effective_card_number(),
        holder: options.holder,
        generation: options.generation,
    })
}

/// CLA INS P1 P2 of an APDU (zeros where a malformed one is too short).
fn header_of(apdu: &[u8]) -> [u8; 4] {
    let mut header = [0u8; 4];
    for (h, b) in header.iter_mut().zip(apdu) {
        *h = *b;
    }
    header
}

impl CardHandle {
    /// Pulls the card out: closes the vpcd connection and waits for the serving thread.
    pub fn remove(&self) {
        let _ = self.socket.shutdown(Shutdown::Both);
        let thread = lock(&self.thread).take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
        *lock(&self.shared.removed) = true;
        self.shared.removed_cv.notify_all();
    }

    /// True once the card is out (removed, `remove_after` elapsed, or vpcd closed).
    pub fn is_removed(&self) -> bool {
        *lock(&self.shared.removed)
    }

    /// Waits until the card is out; false if `timeout` elapsed first.
    pub fn wait_until_removed(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut removed = lock(&self.shared.removed);
        while !*removed {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            removed = self
                .shared
                .removed_cv
                .wait_timeout(removed, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }

    /// Signatures computed so far (INTERNAL AUTHENTICATE + PSO CDS).
    pub fn signature_count(&self) -> u64 {
        self.shared.signatures.load(Ordering::SeqCst)
    }

    /// PIN tries left (0 = blocked). The counter survives power cycles, not the handle.
    pub fn pin_tries_left(&self) -> u8 {
        self.shared.tries_left.load(Ordering::SeqCst)
    }

    /// Whether the PIN is verified in the card's current session.
    pub fn pin_verified(&self) -> bool {
        self.shared.pin_verified.load(Ordering::SeqCst)
    }

    /// Everything vpcd asked so far (power events and APDU headers with their SW).
    pub fn events(&self) -> Vec<CardEvent> {
        lock(&self.shared.events).clone()
    }

    /// The APDUs seen so far, as `(header, sw)`.
    pub fn apdus(&self) -> Vec<([u8; 4], u16)> {
        lock(&self.shared.events)
            .iter()
            .filter_map(|e| match e {
                CardEvent::Apdu { header, sw, .. } => Some((*header, *sw)),
                _ => None,
            })
            .collect()
    }

    /// The I/O error that stopped the card, if it stopped by itself.
    pub fn error(&self) -> Option<String> {
        lock(&self.shared.error).clone()
    }

    /// `host:port` of vpcd.
    pub fn vpcd_addr(&self) -> &str {
        &self.addr
    }

    /// The card number in EF.SN.ICC.
    pub fn card_number(&self) -> &str {
        &self.card_number
    }

    /// CPS3 or CPS4.
    pub fn generation(&self) -> Generation {
        self.generation
    }

    /// Whose card this is.
    pub fn holder(&self) -> &HolderIdentity {
        &self.holder
    }
}

impl Drop for CardHandle {
    fn drop(&mut self) {
        self.remove();
    }
}
