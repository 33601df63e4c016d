//! Test harness: a private home (config, cache, data), the test PKI, and virtual CPS3 cards
//! inserted into the real pcscd's vpcd reader. The vpcd slot is shared by every test of a
//! binary, so tests that insert a card hold the slot lock for their whole run.

#![allow(dead_code)]

pub mod relay;
pub mod terminal;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use dmp_sandbox::card::{self, CardHandle, CardOptions};
use dmp_sandbox::pki::Pki;
use dmp_sandbox::server::{self, store, traces::TraceRecord, ServeOptions, ServerHandle};

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

    /// A home whose configuration holds the sandbox server's profile, as
    /// `config/dmp/profiles.d/sandbox.toml`.
    pub fn with_sandbox() -> Home {
        let home = Home::new();
        home.install_profile(sandbox());
        home
    }

    /// Copies the profile the sandbox server wrote into this home's `profiles.d`.
    pub fn install_profile(&self, sb: &Sandbox) {
        let dir = self.path("config/dmp/profiles.d");
        std::fs::create_dir_all(&dir).expect("profiles.d");
        std::fs::copy(&sb.server.profile_path, dir.join("sandbox.toml")).expect("profile copied");
    }

    /// `dmp --profile sandbox` with this home (the profile's credential: the structure).
    pub fn dmp_sandbox(&self) -> assert_cmd::Command {
        let mut c = self.dmp();
        c.args(["--profile", "sandbox"]);
        c
    }

    /// `dmp --profile sandbox --credential card`, the PIN from the environment (direct mode).
    pub fn dmp_card(&self) -> assert_cmd::Command {
        let mut c = self.dmp_sandbox();
        c.args(["--credential", "card", "--pin-env", "DMP_TEST_PIN"])
            .env("DMP_TEST_PIN", PIN);
        c
    }

    /// The local audit journal, `<home>/data/dmp/audit.sqlite3`.
    pub fn journal_path(&self) -> PathBuf {
        self.path("data/dmp/audit.sqlite3")
    }

    /// Every record of the audit journal, oldest first (none when the file does not exist),
    /// read with SQL of our own from its `entries` table: an intent joined with the outcome
    /// that names it ("unknown" without one), or a whole-record row. Each record is a JSON
    /// object with the columns' names (`documents` as an array, `number` its entry number).
    /// Panics if an intent has more than one outcome.
    pub fn journal(&self) -> Vec<serde_json::Value> {
        read_journal(&self.journal_path())
    }

    /// The transactions of the journal, in order ("TD0.2", "TD3.1"…).
    pub fn journal_transactions(&self) -> Vec<String> {
        self.journal()
            .iter()
            .map(|r| r["transaction"].as_str().unwrap_or("").to_string())
            .collect()
    }

    /// (transaction, result) of every record, in order.
    pub fn journal_results(&self) -> Vec<(String, String)> {
        self.journal()
            .iter()
            .map(|r| {
                (
                    r["transaction"].as_str().unwrap_or("").to_string(),
                    r["result"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
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

/// The vpcd slot, held: no other test (of this binary or another process) plugs a card in
/// while it lives.
pub struct Slot {
    _in_process: MutexGuard<'static, ()>,
    _across_processes: std::fs::File,
}

/// Takes the slot, waiting for the test that holds it.
pub fn lock_slot() -> Slot {
    let in_process = SLOT.lock().unwrap_or_else(|e| e.into_inner());
    Slot {
        _in_process: in_process,
        _across_processes: lock_slot_across_processes(card::DEFAULT_VPCD_PORT),
    }
}

impl Slot {
    /// Inserts a card with these options (port forced to slot 0) and waits until pcscd sees
    /// it; the slot stays held while the card lives.
    pub fn insert(self, options: CardOptions) -> Inserted {
        self.insert_from(options, pki())
    }

    /// [`Slot::insert`], the card's certificates issued by `pki` rather than the test PKI.
    pub fn insert_from(self, mut options: CardOptions, pki: &Pki) -> Inserted {
        if options.generation == card::Generation::Cps3 {
            options.generation = card_generation();
        }
        self.insert_exactly(options, pki)
    }

    /// [`Slot::insert_from`] with the generation the options give, whatever `DMP_TEST_CARD`
    /// says.
    pub fn insert_exactly(self, mut options: CardOptions, pki: &Pki) -> Inserted {
        options.port = card::DEFAULT_VPCD_PORT;
        wait_for_presence(false);
        let card = card::spawn(options, pki).expect("virtual card attached to vpcd");
        wait_for_presence(true);
        Inserted { card, _slot: self }
    }
}

/// The generation of the virtual cards the card tests insert: CPS3, or CPS4 when
/// `DMP_TEST_CARD=cps4` (the same suites then run against the ChipDoc card; scripts/test.sh
/// runs the card suites that way after the main pass). A test that needs one generation sets
/// it in its options; the OpenSC tests use [`insert_cps3_for_opensc`].
pub fn card_generation() -> card::Generation {
    match std::env::var("DMP_TEST_CARD").as_deref() {
        Ok("cps4") => card::Generation::Cps4,
        Ok("cps3") | Err(_) => card::Generation::Cps3,
        Ok(other) => panic!("DMP_TEST_CARD={other}: expected cps3 or cps4"),
    }
}

/// A virtual card in the slot; the slot stays locked while it lives.
pub struct Inserted {
    pub card: CardHandle,
    _slot: Slot,
}

/// Locks a vpcd slot against other test processes too (an OS file lock, released when the
/// returned file is dropped or the process dies): two test binaries run side by side (nextest,
/// or a second checkout) must not plug two cards into one slot.
pub fn lock_slot_across_processes(port: u16) -> std::fs::File {
    let path = std::env::temp_dir().join(format!("dmp-tests-vpcd-{port}.lock"));
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .expect("vpcd slot lock file");
    f.lock().expect("vpcd slot lock");
    f
}

impl std::ops::Deref for Inserted {
    type Target = CardHandle;
    fn deref(&self) -> &CardHandle {
        &self.card
    }
}

/// Takes the slot, inserts a card with these options and waits until pcscd sees it.
pub fn insert(options: CardOptions) -> Inserted {
    lock_slot().insert(options)
}

/// The default card: PIN 1234, 3 tries, the default holder.
pub fn insert_default() -> Inserted {
    insert(CardOptions::default())
}

/// The default card as a CPS3 even when `DMP_TEST_CARD=cps4`: for the tests of OpenSC, whose
/// drivers know no CPS4 (ChipDoc) card. Against the virtual CPS4, `pkcs15-tool` answers "Card is
/// invalid or cannot be handled" and its PKCS#11 module CKR_TOKEN_NOT_RECOGNIZED; those tests
/// judge the virtual CPS3, so the CPS4 pass runs them against it rather than skip them.
pub fn insert_cps3_for_opensc() -> Inserted {
    lock_slot().insert_exactly(CardOptions::default(), pki())
}

/// How long a test waits for an event before it fails: far longer than any of them takes,
/// even on a loaded machine; it only bounds a failure.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// Polls `condition` until it holds; panics with `what` after [`PATIENCE`].
pub fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let start = Instant::now();
    while !condition() {
        assert!(
            start.elapsed() < PATIENCE,
            "{what}: not within {} s",
            PATIENCE.as_secs()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Polls pcscd until the reader shows (or no longer shows) a card.
pub fn wait_for_presence(present: bool) {
    wait_until(
        &format!(
            "pcscd did not see the card {} (is pcscd running with vsmartcard-vpcd? run scripts/test.sh)",
            if present { "inserted" } else { "removed" }
        ),
        || {
            dmp::credential::card::list_readers()
                .ok()
                .and_then(|rs| rs.into_iter().find(|r| r.name == READER))
                .is_some_and(|r| r.card_present)
                == present
        },
    );
}

/// Reads a child's output line by line in a thread: each line goes to the channel as it
/// comes, and the thread returns the whole text.
pub fn read_lines(
    stream: impl std::io::Read + Send + 'static,
) -> (
    std::sync::mpsc::Receiver<String>,
    std::thread::JoinHandle<String>,
) {
    use std::io::BufRead;
    let (tx, rx) = std::sync::mpsc::channel();
    let thread = std::thread::spawn(move || {
        let mut all = String::new();
        for line in std::io::BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            all.push_str(&line);
            all.push('\n');
            let _ = tx.send(line);
        }
        all
    });
    (rx, thread)
}

/// Waits for a line containing `needle` on `lines` (see [`read_lines`]); panics after
/// [`PATIENCE`] or when the stream ends without it.
pub fn wait_for_line(lines: &std::sync::mpsc::Receiver<String>, needle: &str) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return,
            Ok(_) => {}
            Err(e) => panic!("no line with {needle:?} ({e})"),
        }
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

/// The sandbox DMP server of this test binary: started once, on the test PKI, with its own
/// temporary data directory (its state is shared by every test of the binary).
pub struct Sandbox {
    pub server: ServerHandle,
    _dir: tempfile::TempDir,
}

pub fn sandbox() -> &'static Sandbox {
    static SANDBOX: OnceLock<Sandbox> = OnceLock::new();
    SANDBOX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut opts = ServeOptions::new(dir.path().join("data"), pki().dir());
        opts.profile_path = Some(dir.path().join("client-profile.toml"));
        let server = server::spawn(opts).expect("sandbox DMP server");
        Sandbox { server, _dir: dir }
    })
}

impl Sandbox {
    /// Every request the server traced, oldest first.
    pub fn traces(&self) -> Vec<TraceRecord> {
        server::traces::list(&self.server.state.store.conn()).expect("traces")
    }

    /// How many requests the server traced so far.
    pub fn trace_count(&self) -> usize {
        self.traces().len()
    }

    /// The traces recorded since `before` (a [`Sandbox::trace_count`]).
    pub fn traces_since(&self, before: usize) -> Vec<TraceRecord> {
        self.traces().split_off(before)
    }

    /// A stored document, bytes included.
    pub fn document(&self, unique_id: &str) -> store::Document {
        store::all_documents(&self.server.state.store.conn())
            .expect("documents")
            .into_iter()
            .find(|d| d.unique_id == unique_id)
            .unwrap_or_else(|| panic!("no document {unique_id} in the sandbox store"))
    }

    /// The authorization row of `holder` on `ins`, as the server stores it.
    pub fn authorization(&self, ins: &str, holder: &str) -> Option<store::AuthorizationRow> {
        store::authorization(&self.server.state.store.conn(), ins, holder).expect("authorization")
    }

    /// Deletes the authorization of `holder` on `ins` (to restore the seed).
    pub fn delete_authorization(&self, ins: &str, holder: &str) {
        store::delete_authorization(&self.server.state.store.conn(), ins, holder)
            .expect("authorization deleted");
    }
}

/// Tests that compare the server's traces over a window hold the server exclusively; the
/// others share it (only needed where tests of a binary run concurrently without a card).
static SERVER_USE: RwLock<()> = RwLock::new(());

pub fn server_shared() -> RwLockReadGuard<'static, ()> {
    SERVER_USE.read().unwrap_or_else(|e| e.into_inner())
}

pub fn server_exclusive() -> RwLockWriteGuard<'static, ()> {
    SERVER_USE.write().unwrap_or_else(|e| e.into_inner())
}

/// A sandbox DMP server of its own (not the shared one), started with `configure` applied to
/// its options: e.g. services answering HTTP errors.
pub fn own_sandbox(configure: impl FnOnce(&mut ServeOptions)) -> Sandbox {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opts = ServeOptions::new(dir.path().join("data"), pki().dir());
    opts.profile_path = Some(dir.path().join("client-profile.toml"));
    configure(&mut opts);
    let server = server::spawn(opts).expect("sandbox DMP server");
    Sandbox { server, _dir: dir }
}

impl Home {
    /// Writes the user's configuration file (`config/dmp/config.toml`).
    pub fn write_config(&self, text: &str) -> PathBuf {
        let dir = self.path("config/dmp");
        std::fs::create_dir_all(&dir).expect("config dir");
        let path = dir.join("config.toml");
        std::fs::write(&path, text).expect("config written");
        path
    }

    /// The `sandbox` profile of `sb`, changed by `edit`, as the user's own configuration file
    /// (which wins over `profiles.d`).
    pub fn install_edited_profile(&self, sb: &Sandbox, edit: impl FnOnce(&mut toml::Table)) {
        let text = std::fs::read_to_string(&sb.server.profile_path).expect("sandbox profile");
        let mut doc: toml::Table = text.parse().expect("sandbox profile is TOML");
        let profile = doc
            .get_mut("profiles")
            .and_then(|p| p.get_mut("sandbox"))
            .and_then(toml::Value::as_table_mut)
            .expect("[profiles.sandbox]");
        edit(profile);
        self.write_config(&toml::to_string(&doc).expect("TOML"));
    }

    /// `dmp` with this home, as a std `Command` (to spawn it and act while it runs).
    pub fn dmp_process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dmp"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("XDG_DATA_HOME", self.path("data"))
            .arg("--reader")
            .arg(READER);
        c
    }
}

/// The records of the audit journal at `path` (see [`Home::journal`]).
pub fn read_journal(path: &std::path::Path) -> Vec<serde_json::Value> {
    if !path.exists() {
        return Vec::new();
    }
    let conn = rusqlite::Connection::open(path).expect("the journal opens with SQLite");
    let mut outcomes: std::collections::HashMap<i64, serde_json::Value> = Default::default();
    let mut records: Vec<serde_json::Value> = Vec::new();
    let mut intents: std::collections::HashSet<i64> = Default::default();
    let cols = [
        "time",
        "run",
        "os_user",
        "host",
        "practitioner",
        "auth_mode",
        "structure_id",
        "card_serial",
        "structure_certificate",
        "patient",
        "transaction",
        "detail",
        "mode",
        "reason",
        "consent",
        "message_id",
        "result",
        "rule",
        "dmp_code",
        "message",
        "documents",
    ];
    let sql = format!(
        "SELECT seq, kind, intent, {} FROM entries ORDER BY seq",
        cols.iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut stmt = conn.prepare(&sql).expect("the entries table");
    let mut rows = stmt.query([]).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let seq: i64 = r.get(0).unwrap();
        let kind: String = r.get(1).unwrap();
        let intent: Option<i64> = r.get(2).unwrap();
        let mut obj = serde_json::Map::new();
        obj.insert("number".into(), seq.into());
        for (i, c) in cols.iter().enumerate() {
            let v: Option<String> = r.get(3 + i).unwrap();
            let v = match (c, v) {
                (&"documents", Some(d)) => serde_json::from_str(&d).expect("documents array"),
                (&"documents", None) => serde_json::json!([]),
                (_, Some(s)) => serde_json::Value::String(s),
                (_, None) => serde_json::Value::Null,
            };
            obj.insert(c.to_string(), v);
        }
        match kind.as_str() {
            "outcome" => {
                let of = intent.expect("an outcome names its intent");
                let prev = outcomes.insert(of, serde_json::Value::Object(obj));
                assert!(prev.is_none(), "intent {of} has two outcomes");
            }
            "intent" => {
                intents.insert(seq);
                records.push(serde_json::Value::Object(obj))
            }
            "record" => records.push(serde_json::Value::Object(obj)),
            other => panic!("unknown entry kind {other}"),
        }
    }
    for r in &mut records {
        let number = r["number"].as_i64().unwrap();
        if !intents.contains(&number) {
            continue;
        }
        match outcomes.remove(&number) {
            Some(o) => {
                for k in ["result", "rule", "dmp_code", "message", "documents"] {
                    r[k] = o[k].clone();
                }
                r["completed"] = o["time"].clone();
            }
            None => r["result"] = "unknown".into(),
        }
    }
    assert!(
        outcomes.is_empty(),
        "outcomes without their intent: {outcomes:?}"
    );
    records
}

/// Polls `cond` every 20 ms for at most `within`.
pub fn eventually(within: Duration, mut cond: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if cond() {
            return true;
        }
        if start.elapsed() > within {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Asserts that a command succeeded, showing its output when it did not.
pub fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

/// The uniqueId of seeded document `n` of seeded patient `patient` (sandbox/SEED.md).
pub fn uid(patient: usize, n: usize) -> String {
    format!("1.2.250.1.999.9.1.{patient}.{n}")
}

/// The uniqueIds of a `docs list --output json` document, sorted.
pub fn unique_ids(list: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = list["documents"]
        .as_array()
        .unwrap_or_else(|| panic!("no documents array: {list}"))
        .iter()
        .map(|d| d["unique_id"].as_str().unwrap_or_default().to_string())
        .collect();
    ids.sort();
    ids
}

/// The entry of `unique_id` in a `docs list --output json` document.
pub fn doc<'a>(list: &'a serde_json::Value, unique_id: &str) -> &'a serde_json::Value {
    list["documents"]
        .as_array()
        .and_then(|docs| docs.iter().find(|d| d["unique_id"] == unique_id))
        .unwrap_or_else(|| panic!("no document {unique_id} in {list}"))
}
