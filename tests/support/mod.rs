//! Test harness: a private home (config, cache, data), the test PKI, and virtual CPS3 cards
//! inserted into the real pcscd's vpcd reader. The vpcd slot is shared by every test of a
//! binary, so tests that insert a card hold the slot lock for their whole run.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use dmp_sandbox::card::{self, CardHandle, CardOptions};
use dmp_sandbox::pki::Pki;

/// The reader of vpcd's first slot (TCP 35963).
pub const READER: &str = "Virtual PCD 00 00";
pub const PIN: &str = "1234";

static SLOT: Mutex<()> = Mutex::new(());

/// The test PKI, made once per test binary in a temporary directory.
pub fn pki() -> &'static Pki {
    static PKI: OnceLock<(tempfile::TempDir, Pki)> = OnceLock::new();
    &PKI.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let pki = Pki::load_or_create(dir.path().join("pki")).expect("test PKI");
        (dir, pki)
    })
    .1
}

/// A private home for one test: dmp's config, cache and data go there.
pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `dmp` with this home, the vpcd reader and no inherited PIN or profile settings.
    pub fn dmp(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("dmp").expect("dmp binary");
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("XDG_DATA_HOME", self.path("data"))
            .arg("--reader")
            .arg(READER)
            .timeout(Duration::from_secs(60));
        c
    }
}

/// A virtual card in the slot; the slot stays locked while it lives.
pub struct Inserted {
    pub card: CardHandle,
    _slot: MutexGuard<'static, ()>,
}

impl std::ops::Deref for Inserted {
    type Target = CardHandle;
    fn deref(&self) -> &CardHandle {
        &self.card
    }
}

/// Inserts a card with these options (port forced to slot 0) and waits until pcscd sees it.
pub fn insert(mut options: CardOptions) -> Inserted {
    let slot = SLOT.lock().unwrap_or_else(|e| e.into_inner());
    options.port = card::DEFAULT_VPCD_PORT;
    wait_for_presence(false);
    let card = card::spawn(options, pki()).expect("virtual card attached to vpcd");
    wait_for_presence(true);
    Inserted { card, _slot: slot }
}

/// The default card: PIN 1234, 3 tries, the default holder.
pub fn insert_default() -> Inserted {
    insert(CardOptions::default())
}

/// Polls pcscd until the reader shows (or no longer shows) a card.
pub fn wait_for_presence(present: bool) {
    let start = Instant::now();
    loop {
        let now = dmp::credential::card::list_readers()
            .ok()
            .and_then(|rs| rs.into_iter().find(|r| r.name == READER))
            .map(|r| r.card_present)
            .unwrap_or(false);
        if now == present {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "pcscd did not see the card {} within 10 s (is pcscd running with vsmartcard-vpcd? run scripts/test.sh)",
            if present { "inserted" } else { "removed" }
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Parses a command's stdout as JSON.
pub fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
