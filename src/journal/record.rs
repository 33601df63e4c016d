//! What the audit journal holds: who acts ([`Actor`]), what they asked ([`Request`]), how it
//! ended ([`Completion`], [`Outcome`]), the rows that store them ([`Entry`]) and a record as a
//! report reads it ([`Record`]). Also the chain: the canonical encoding of an entry and its
//! hash.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// How an action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The DMP answered and the answer was used.
    Done,
    /// dmp refused it before anything was sent, by a rule it names.
    RefusedByClient,
    /// The DMP refused it by its access rules, with its code.
    RefusedByDmp,
    /// It failed: the network, the DMP's answer (an error code, an HTTP error, a malformed
    /// answer), or what had to happen before the request (PIN, card, session).
    Failed,
    /// The request may have reached the DMP but its outcome was never written: dmp was killed
    /// or the machine stopped while it was under way (or it is still under way).
    Unknown,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Done,
        Outcome::RefusedByClient,
        Outcome::RefusedByDmp,
        Outcome::Failed,
        Outcome::Unknown,
    ];

    /// The stored and JSON name.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::RefusedByClient => "refused_by_client",
            Outcome::RefusedByDmp => "refused_by_dmp",
            Outcome::Failed => "failed",
            Outcome::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == s)
    }

    pub fn is_refusal(self) -> bool {
        matches!(self, Outcome::RefusedByClient | Outcome::RefusedByDmp)
    }
}

/// Who acts, the same for every record of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// The practitioner's national id, as the VIHF names them: the card holder (direct mode)
    /// or the professional acting through the structure (indirect mode).
    pub practitioner: Option<String>,
    /// "direct" (CPS card) or "indirect" (structure certificate).
    pub auth_mode: String,
    /// The structure's id (the VIHF's Identifiant_Structure).
    pub structure_id: Option<String>,
    /// The CPS card's serial (direct mode).
    pub card_serial: Option<String>,
    /// The structure certificate: its subject and serial number (indirect mode).
    pub structure_certificate: Option<String>,
    /// The practitioner's name as the VIHF gives it: for the audit repository's message, kept
    /// beside the chain (`entry_context`), not in it.
    #[serde(skip)]
    pub practitioner_name: Option<String>,
}

/// One transaction about to be sent, or refused before it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub time: OffsetDateTime,
    /// The patient's INS (the 15 characters), when the transaction concerns one.
    pub patient: Option<String>,
    /// The catalogue code: "TD0.2", "TD3.1"…
    pub transaction: String,
    /// What was asked, in a few words ("FindDocuments", "AJOUT", a document's uniqueId…).
    pub detail: Option<String>,
    /// "normal", "bris_de_glace" or "centre_15".
    pub mode: String,
    /// The emergency access's reason, control characters neutralised.
    pub reason: Option<String>,
    /// How the patient's consent was confirmed (an authorization).
    pub consent: Option<String>,
    /// The SOAP MessageID (known once the request is built).
    pub message_id: Option<String>,
    /// The OID of the INS's assigning authority. Like `endpoint`, kept beside the chain
    /// (`entry_context`) for the audit repository's message.
    pub patient_authority: Option<String>,
    /// The DMP service URL the request goes to (known once the request is built).
    pub endpoint: Option<String>,
}

/// How a transaction ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub time: OffsetDateTime,
    pub result: Outcome,
    /// The client rule that refused it ("PDT-INF-526 column C, TD3.2", "C4: INTERDIT").
    pub rule: Option<String>,
    /// The DMP's error code ("DMPAccessDeniedByRightsService", "XDSRegistryError"…).
    pub dmp_code: Option<String>,
    /// The error's message, or a short summary of the answer ("3 documents", "VALIDE").
    pub message: Option<String>,
    /// The uniqueIds of the documents returned or retrieved (never their content).
    pub documents: Vec<String>,
}

impl Completion {
    pub fn new(result: Outcome) -> Completion {
        Completion {
            time: OffsetDateTime::now_utc(),
            result,
            rule: None,
            dmp_code: None,
            message: None,
            documents: Vec::new(),
        }
    }
}

/// The process that writes: a run id grouping the records of one `dmp` run, the operating
/// system's user and the machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Writer {
    pub run: String,
    pub os_user: Option<String>,
    pub host: Option<String>,
}

impl Writer {
    /// This process: a fresh run id, the user (by uid, so not what `$USER` claims) and the
    /// host name.
    pub fn this_process() -> Writer {
        Writer {
            run: uuid::Uuid::new_v4().to_string(),
            os_user: os_user(),
            host: host_name(),
        }
    }
}

#[cfg(unix)]
fn os_user() -> Option<String> {
    // SAFETY: getuid cannot fail; getpwuid_r writes into the buffers we own and returns a
    // pointer into them (or null).
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found);
        if rc == 0 && !found.is_null() && !pwd.pw_name.is_null() {
            let name = std::ffi::CStr::from_ptr(pwd.pw_name).to_string_lossy();
            return Some(format!("{name} (uid {uid})"));
        }
        Some(format!("uid {uid}"))
    }
}

#[cfg(not(unix))]
fn os_user() -> Option<String> {
    std::env::var("USERNAME").ok()
}

#[cfg(unix)]
fn host_name() -> Option<String> {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: the buffer is ours and its length is passed; the result is NUL-terminated when
    // it fits (we keep one byte spare).
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len() - 1) };
    if rc != 0 {
        return None;
    }
    let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
    Some(name.to_string_lossy().into_owned()).filter(|s| !s.is_empty())
}

#[cfg(not(unix))]
fn host_name() -> Option<String> {
    std::env::var("COMPUTERNAME").ok()
}

/// The kind of a row of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Written before a request leaves: who, what, for whom. Its outcome comes in a later row.
    Intent,
    /// Completes the intent it names.
    Outcome,
    /// A whole record in one row: a refusal by the client, a failure before any request, or
    /// a record imported from the JSON Lines journal.
    Record,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Intent => "intent",
            Kind::Outcome => "outcome",
            Kind::Record => "record",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Intent, Kind::Outcome, Kind::Record]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// One row of the chain, every column but its number and the hashes. Columns a kind does not
/// use are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// "intent", "outcome" or "record" (a string, so that a row written with an unknown kind
    /// is still hashed as it is).
    pub kind: String,
    /// An outcome: the number of the intent it completes.
    pub intent: Option<i64>,
    /// RFC 3339, UTC, microseconds ([`stamp`]).
    pub time: String,
    pub run: Option<String>,
    pub os_user: Option<String>,
    pub host: Option<String>,
    pub practitioner: Option<String>,
    pub auth_mode: Option<String>,
    pub structure_id: Option<String>,
    pub card_serial: Option<String>,
    pub structure_certificate: Option<String>,
    pub patient: Option<String>,
    pub transaction: Option<String>,
    pub detail: Option<String>,
    pub mode: Option<String>,
    pub reason: Option<String>,
    pub consent: Option<String>,
    pub message_id: Option<String>,
    pub result: Option<String>,
    pub rule: Option<String>,
    pub dmp_code: Option<String>,
    pub message: Option<String>,
    /// A JSON array of uniqueIds, as stored.
    pub documents: Option<String>,
    /// An imported record: where it came from ("audit.jsonl line 3").
    pub migrated_from: Option<String>,
}

/// The hash a first entry names as the one before it.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Tells this encoding from any later one.
const DOMAIN: &[u8] = b"dmp-audit-entry-v1\n";

/// A time as the journal stores it: RFC 3339 in UTC with exactly six fractional digits, so
/// that text order is time order.
pub fn stamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    t.format(&fmt).unwrap_or_else(|_| t.to_string())
}

/// Reads a stored time back.
pub fn parse_stamp(s: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

impl Entry {
    pub fn intent(w: &Writer, a: &Actor, r: &Request) -> Entry {
        Entry {
            kind: Kind::Intent.code().into(),
            time: stamp(r.time),
            run: Some(w.run.clone()),
            os_user: w.os_user.clone(),
            host: w.host.clone(),
            practitioner: a.practitioner.clone(),
            auth_mode: Some(a.auth_mode.clone()),
            structure_id: a.structure_id.clone(),
            card_serial: a.card_serial.clone(),
            structure_certificate: a.structure_certificate.clone(),
            patient: r.patient.clone(),
            transaction: Some(r.transaction.clone()),
            detail: r.detail.clone(),
            mode: Some(r.mode.clone()),
            reason: r.reason.clone(),
            consent: r.consent.clone(),
            message_id: r.message_id.clone(),
            ..Entry::default()
        }
    }

    pub fn outcome(w: &Writer, intent: i64, c: &Completion) -> Entry {
        let mut e = Entry {
            kind: Kind::Outcome.code().into(),
            intent: Some(intent),
            time: stamp(c.time),
            run: Some(w.run.clone()),
            ..Entry::default()
        };
        e.set_completion(c);
        e
    }

    /// A whole record in one row.
    pub fn record(w: &Writer, a: &Actor, r: &Request, c: &Completion) -> Entry {
        let mut e = Entry::intent(w, a, r);
        e.kind = Kind::Record.code().into();
        e.set_completion(c);
        e
    }

    fn set_completion(&mut self, c: &Completion) {
        self.result = Some(c.result.code().into());
        self.rule = c.rule.clone();
        self.dmp_code = c.dmp_code.clone();
        self.message = c.message.clone();
        self.documents = (!c.documents.is_empty())
            .then(|| serde_json::to_string(&c.documents).unwrap_or_else(|_| "[]".into()));
    }

    /// The canonical encoding: the columns in schema order as one JSON array, as serde_json
    /// writes it (no whitespace; a missing value is `null`). The number of the entry is not
    /// part of it: the chain, not the numbering, fixes the order.
    pub fn canonical(&self) -> Vec<u8> {
        let s = |v: &Option<String>| match v {
            Some(s) => serde_json::Value::String(s.clone()),
            None => serde_json::Value::Null,
        };
        let values = vec![
            serde_json::Value::String(self.kind.clone()),
            self.intent.map_or(serde_json::Value::Null, |i| i.into()),
            serde_json::Value::String(self.time.clone()),
            s(&self.run),
            s(&self.os_user),
            s(&self.host),
            s(&self.practitioner),
            s(&self.auth_mode),
            s(&self.structure_id),
            s(&self.card_serial),
            s(&self.structure_certificate),
            s(&self.patient),
            s(&self.transaction),
            s(&self.detail),
            s(&self.mode),
            s(&self.reason),
            s(&self.consent),
            s(&self.message_id),
            s(&self.result),
            s(&self.rule),
            s(&self.dmp_code),
            s(&self.message),
            s(&self.documents),
            s(&self.migrated_from),
        ];
        serde_json::to_vec(&serde_json::Value::Array(values)).unwrap_or_default()
    }

    /// SHA-256 (hex) of the domain tag, the hash of the entry before, a newline and the
    /// canonical encoding.
    pub fn hash(&self, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        h.update(DOMAIN);
        h.update(prev_hash.as_bytes());
        h.update(b"\n");
        h.update(self.canonical());
        hex::encode(h.finalize())
    }
}

/// One record as reports read it: an intent with its outcome, or a whole-record row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The number of its first entry (the intent), as `dmp audit verify` numbers entries.
    pub number: i64,
    /// When it was written (before the request left), RFC 3339 UTC.
    pub time: String,
    /// When its outcome was written.
    pub completed: Option<String>,
    pub run: Option<String>,
    pub os_user: Option<String>,
    pub host: Option<String>,
    pub practitioner: Option<String>,
    pub auth_mode: Option<String>,
    pub structure_id: Option<String>,
    pub card_serial: Option<String>,
    pub structure_certificate: Option<String>,
    pub patient: Option<String>,
    pub transaction: Option<String>,
    pub detail: Option<String>,
    pub mode: Option<String>,
    pub reason: Option<String>,
    pub consent: Option<String>,
    pub message_id: Option<String>,
    pub result: Outcome,
    pub rule: Option<String>,
    pub dmp_code: Option<String>,
    pub message: Option<String>,
    pub documents: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migrated_from: Option<String>,
}

impl Record {
    /// The record's time, parsed.
    pub fn when(&self) -> Option<OffsetDateTime> {
        parse_stamp(&self.time)
    }

    pub fn is_emergency(&self) -> bool {
        self.mode.as_deref() == Some("bris_de_glace")
    }

    pub fn is_regulation(&self) -> bool {
        self.mode.as_deref() == Some("centre_15")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_has_a_fixed_width_so_text_order_is_time_order() {
        let t = OffsetDateTime::from_unix_timestamp_nanos(1_750_000_000_123_456_789).unwrap();
        assert_eq!(stamp(t), "2025-06-15T15:06:40.123456Z");
        let whole = OffsetDateTime::from_unix_timestamp(1_750_000_000).unwrap();
        assert_eq!(stamp(whole), "2025-06-15T15:06:40.000000Z");
        assert_eq!(parse_stamp(&stamp(whole)), Some(whole));
    }

    #[test]
    fn the_hash_is_sha256_of_the_documented_encoding() {
        let e = Entry {
            kind: "record".into(),
            time: "2025-06-15T15:06:40.000000Z".into(),
            patient: Some("280057505600117".into()),
            ..Entry::default()
        };
        let canonical = String::from_utf8(e.canonical()).unwrap();
        assert_eq!(
            canonical,
            r#"["record",null,"2025-06-15T15:06:40.000000Z",null,null,null,null,null,null,null,null,"280057505600117",null,null,null,null,null,null,null,null,null,null,null,null]"#
        );
        // The same bytes through an independent SHA-256 (the `sha256sum` command).
        let input = format!("dmp-audit-entry-v1\n{GENESIS}\n{canonical}");
        let out = std::process::Command::new("sha256sum")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(input.as_bytes())?;
                c.wait_with_output()
            })
            .expect("sha256sum (coreutils)");
        let expected = String::from_utf8(out.stdout).unwrap();
        assert_eq!(e.hash(GENESIS), expected.split_whitespace().next().unwrap());
        // Any change of content or of the link changes it.
        let mut other = e.clone();
        other.patient = Some("280057505600118".into());
        assert_ne!(other.hash(GENESIS), e.hash(GENESIS));
        assert_ne!(e.hash(&"1".repeat(64)), e.hash(GENESIS));
    }

    #[test]
    fn outcomes_round_trip_their_codes() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.code()), Some(o));
            assert_eq!(
                serde_json::to_value(o).unwrap(),
                serde_json::json!(o.code())
            );
        }
        assert_eq!(Outcome::parse("ok"), None);
    }
}
