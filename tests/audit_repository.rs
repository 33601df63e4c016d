//! The practice's audit record repository (IHE ATNA): audit messages validated against the
//! DICOM audit message schema with xmllint, and forwarded over syslog/TLS to a real rsyslog
//! started here (imtcp with the gtls driver, client certificates required, every message
//! written raw to a file), on a free loopback port, with a PKI made for the test.

mod support;

use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use dmp::commands::audit_forward::transaction;
use dmp::dmp::catalogue::CATALOGUE;
use dmp::dmp::xml::Element;
use dmp::journal::atna::{
    audit_message, AccessMode, AtnaEvent, Credential, Outcome, PatientId, Transaction,
};
use dmp::journal::forward::{forward_pending, AuditQueue, MemoryQueue};
use dmp::journal::syslog::{Forwarder, RepositorySettings};
use dmp::ErrorKind;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/atna/dicom-audit-message.rng"
);
/// Test INS of the sandbox's seed (check key valid), under the test NIR authority.
const OID_TEST_NIR: &str = "1.2.250.1.213.1.4.10";

fn event(n: u64, outcome: Outcome) -> AtnaEvent {
    AtnaEvent {
        time: time::OffsetDateTime::now_utc(),
        user_id: format!("89970000{n:04}"),
        user_name: Some("Dr Test".into()),
        credential: Some(Credential::Card {
            serial: "8025000001".into(),
        }),
        structure_id: Some("10B0000001".into()),
        patient: Some(PatientId {
            id: format!("2800575056{n:05}"),
            authority_oid: OID_TEST_NIR.into(),
        }),
        transaction: transaction("TD3.1"),
        detail: Some("FindDocuments".into()),
        mode: AccessMode::Normal,
        reason: None,
        documents: vec![],
        submission_set: None,
        outcome,
        outcome_text: None,
        message_id: Some(format!("urn:uuid:00000000-0000-0000-0000-{n:012}")),
        local_host: "poste-1.cabinet.test".into(),
        process_id: Some(4242),
        endpoint: Some(
            "https://dmp.test:8443/si-dmp-server/v2/services/DocumentRegistry_Service".into(),
        ),
        chain_hash: Some(format!("{n:064x}")),
    }
}

/// xmllint validates every document against the DICOM schema (one process for all).
fn validate(docs: &[String]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = dir.path().join(format!("m{i}.xml"));
            std::fs::write(&p, d).unwrap();
            p
        })
        .collect();
    let out = Command::new("xmllint")
        .args(["--noout", "--relaxng", SCHEMA])
        .args(&files)
        .output()
        .expect("xmllint (Debian package libxml2-utils)");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn attr<'a>(e: &'a Element, name: &str) -> &'a str {
    e.attr(name)
        .unwrap_or_else(|| panic!("{} has no {name}", e.name))
}

/// The decoded ParticipantObjectDetail `kind` of the journal record object.
fn journal_detail(msg: &Element, kind: &str) -> Option<String> {
    let record = msg
        .children_named("ParticipantObjectIdentification")
        .find(|o| {
            attr(o.child("ParticipantObjectIDTypeCode").unwrap(), "csd-code") == "journal-record"
        })
        .expect("the journal record object");
    record
        .children_named("ParticipantObjectDetail")
        .find(|d| attr(d, "type") == kind)
        .map(|d| {
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(attr(d, "value"))
                    .unwrap(),
            )
            .unwrap()
        })
}

#[test]
fn every_transaction_and_outcome_gives_a_valid_dicom_audit_message() {
    let outcomes = [
        Outcome::Done,
        Outcome::RefusedByClient {
            rule: "PDT-INF-526 column C".into(),
        },
        Outcome::RefusedByDmp {
            code: "DMPAccessDeniedByExcluded".into(),
        },
        Outcome::Failed {
            dmp_code: Some("XDSRegistryError".into()),
        },
        Outcome::Failed { dmp_code: None },
        Outcome::Unknown,
    ];
    // The catalogue, and the IHE transactions a push or an update will add to it.
    let mut txs: Vec<Transaction> = CATALOGUE.iter().map(|d| transaction(d.code)).collect();
    for (code, action) in [
        ("TD2.1", "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b"),
        ("TD3.3", "urn:ihe:iti:2010:UpdateDocumentSet"),
    ] {
        txs.push(Transaction {
            code: code.into(),
            name: None,
            soap_action: Some(action.into()),
            writes: true,
        });
    }
    let mut docs = Vec::new();
    for (i, tx) in txs.iter().enumerate() {
        for (j, outcome) in outcomes.iter().enumerate() {
            let mut e = event(i as u64, outcome.clone());
            e.transaction = tx.clone();
            e.documents = vec!["1.2.250.1.999.1.1".into(), "1.2.250.1.999.1.2".into()];
            e.submission_set = Some("1.2.250.1.999.2.1".into());
            if j % 2 == 1 {
                e.mode = AccessMode::BrisDeGlace;
                e.reason = Some("patient inconscient aux urgences & \"sans\" <proche>".into());
                e.patient = None;
                e.credential = Some(Credential::StructureCertificate {
                    id: "CN=Cabinet, O=Test".into(),
                });
                e.user_name = None;
                e.chain_hash = None;
            }
            let xml = audit_message((i * 10 + j) as u64 + 1, &e);
            let msg = Element::parse(xml.as_bytes()).expect("well-formed");
            // The event each transaction is audited as (IHE ITI TF-2 audit tables, DICOM
            // PS3.15 A.5.3 for the DMP's own transactions).
            let ev = msg.child("EventIdentification").unwrap();
            let (id, action, ihe) = match tx.code.as_str() {
                "TD3.1" => ("110112", "E", Some("ITI-18")),
                "TD3.2" => ("110107", "C", Some("ITI-43")),
                "TD2.1" | "TD2.1b" => ("110106", "R", Some("ITI-41")),
                // TD3.3a/b/c/d: one ITI-57 action.
                c if c.starts_with("TD3.3") => ("110106", "R", Some("ITI-57")),
                "TD0.3" => ("110110", "U", None),
                _ => ("110112", "E", None),
            };
            assert_eq!(
                attr(ev.child("EventID").unwrap(), "csd-code"),
                id,
                "{}",
                tx.code
            );
            assert_eq!(attr(ev, "EventActionCode"), action, "{}", tx.code);
            let types: Vec<&str> = ev
                .children_named("EventTypeCode")
                .map(|t| attr(t, "csd-code"))
                .collect();
            // The access mode, in the VIHF's PurposeOfUse code system (TRE_R248).
            let mode = ev.children_named("EventTypeCode").last().unwrap();
            assert_eq!(attr(mode, "codeSystemName"), "1.2.250.1.213.1.1.4.248");
            match ihe {
                Some(ihe) => assert_eq!(types, [ihe, tx.code.as_str(), e.mode.code()]),
                None => assert_eq!(types, [tx.code.as_str(), e.mode.code()]),
            }
            let expected_indicator = match outcome {
                Outcome::Done | Outcome::Unknown => "0",
                Outcome::RefusedByClient { .. } | Outcome::RefusedByDmp { .. } => "4",
                Outcome::Failed { .. } => "8",
            };
            assert_eq!(attr(ev, "EventOutcomeIndicator"), expected_indicator);
            assert_eq!(
                journal_detail(&msg, "access-mode").as_deref(),
                Some(e.mode.code())
            );
            assert_eq!(journal_detail(&msg, "access-reason"), e.reason);
            docs.push(xml);
        }
    }
    validate(&docs).unwrap();
    // The validator does reject what the standard does not allow.
    let broken = docs[0].replace("<AuditSourceIdentification", "<AuditSource");
    assert!(validate(&[broken]).is_err());
    let broken = docs[0].replacen("<ParticipantObjectName>", "<ParticipantObjectName/><X>", 1);
    assert!(validate(&[broken]).is_err());
}

// --- rsyslog ---------------------------------------------------------------------------

/// The test PKI: the repository's CA and server certificate, our client certificate, and a
/// second, unrelated CA.
struct Pki {
    dir: tempfile::TempDir,
}

struct Ca {
    params: CertificateParams,
    key: KeyPair,
}

impl Ca {
    fn new(name: &str) -> (Ca, String) {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().unwrap();
        let pem = params.self_signed(&key).unwrap().pem();
        (Ca { params, key }, pem)
    }

    /// A leaf certificate and its PKCS#8 key, in PEM.
    fn issue(&self, cn: &str, sans: &[&str], usage: ExtendedKeyUsagePurpose) -> (String, String) {
        let mut params =
            CertificateParams::new(sans.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name.push(DnType::CommonName, cn);
        params.extended_key_usages = vec![usage];
        let key = KeyPair::generate().unwrap();
        let issuer = Issuer::new(self.params.clone(), &self.key);
        let cert = params.signed_by(&key, &issuer).unwrap();
        (cert.pem(), key.serialize_pem())
    }
}

impl Pki {
    fn new() -> Pki {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        let (ca, ca_pem) = Ca::new("ARR Test CA");
        write("ca.pem", &ca_pem);
        let (c, k) = ca.issue(
            "127.0.0.1",
            &["127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        write("server.pem", &c);
        write("server.key", &k);
        let (c, k) = ca.issue(
            "other.example",
            &["other.example"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        write("server-other-name.pem", &c);
        write("server-other-name.key", &k);
        let (c, k) = ca.issue("poste-1", &[], ExtendedKeyUsagePurpose::ClientAuth);
        write("client.pem", &c);
        write("client.key", &k);
        let (other, other_pem) = Ca::new("Unrelated CA");
        write("other-ca.pem", &other_pem);
        let (c, k) = other.issue(
            "127.0.0.1",
            &["127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        write("server-other-ca.pem", &c);
        write("server-other-ca.key", &k);
        let (c, k) = other.issue("intruder", &[], ExtendedKeyUsagePurpose::ClientAuth);
        write("client-other-ca.pem", &c);
        write("client-other-ca.key", &k);
        Pki { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Our settings for a repository on `port`, with the client certificate `client`.
    fn settings(&self, port: u16, client: &str) -> RepositorySettings {
        RepositorySettings {
            address: format!("127.0.0.1:{port}"),
            ca_file: self.path("ca.pem"),
            cert_file: self.path(&format!("{client}.pem")),
            key_file: self.path(&format!("{client}.key")),
            timeout: Duration::from_secs(10),
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_until(what: &str, within: Duration, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A foreground rsyslogd with its own configuration: imtcp on 127.0.0.1:`port` with TLS
/// (gtls), client certificates checked against `ca`, each message as received (`%rawmsg%`)
/// appended to `out` as one line. Nothing else is loaded: no system socket, no kernel log.
struct Rsyslog {
    child: Child,
    dir: tempfile::TempDir,
}

impl Rsyslog {
    fn start(port: u16, ca: &Path, cert: &Path, key: &Path, out: &Path) -> Rsyslog {
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("rsyslog.conf");
        let d = dir.path().display();
        let mut f = std::fs::File::create(&conf).unwrap();
        write!(
            f,
            r#"global(
  workDirectory="{d}"
  maxMessageSize="64k"
  defaultNetstreamDriver="gtls"
  defaultNetstreamDriverCAFile="{ca}"
  defaultNetstreamDriverCertFile="{cert}"
  defaultNetstreamDriverKeyFile="{key}"
)
module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")
template(name="raw" type="string" string="%rawmsg%\n")
ruleset(name="atna") {{
  action(type="omfile" file="{out}" template="raw" asyncWriting="off" flushOnTXEnd="on")
}}
input(type="imtcp" address="127.0.0.1" port="{port}" ruleset="atna")
"#,
            ca = ca.display(),
            cert = cert.display(),
            key = key.display(),
            out = out.display(),
        )
        .unwrap();
        let log = std::fs::File::create(dir.path().join("rsyslogd.log")).unwrap();
        let child = Command::new("rsyslogd")
            .arg("-n")
            .arg("-f")
            .arg(&conf)
            .arg("-i")
            .arg(dir.path().join("rsyslogd.pid"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("rsyslogd (Debian packages rsyslog and rsyslog-gnutls)");
        let mut r = Rsyslog { child, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = r.child.try_wait() {
                panic!("rsyslogd exited ({status}): {}", r.log());
            }
            assert!(
                Instant::now() < deadline,
                "rsyslogd does not listen: {}",
                r.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        r
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("rsyslogd.log")).unwrap_or_default()
    }

    /// SIGTERM, and wait until it has exited (it flushes its output first).
    fn stop(mut self) {
        // SAFETY: a plain kill(2) of our own child.
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "rsyslogd does not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Rsyslog {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// One received message: its syslog header fields and its XML.
struct Received {
    pri: String,
    app: String,
    msgid: String,
    host: String,
    xml: String,
    msg: Element,
}

fn received(out: &Path) -> Vec<Received> {
    let text = std::fs::read_to_string(out).unwrap_or_default();
    text.lines()
        .map(|line| {
            let (head, rest) = line
                .split_once(" - <?xml")
                .unwrap_or_else(|| panic!("not an audit message: {line}"));
            let f: Vec<&str> = head.split(' ').collect();
            assert_eq!(f.len(), 6, "{head}");
            let xml = format!("<?xml{rest}");
            let msg = Element::parse(xml.as_bytes()).expect("well-formed XML");
            Received {
                pri: f[0].to_string(),
                host: f[2].to_string(),
                app: f[3].to_string(),
                msgid: f[5].to_string(),
                xml,
                msg,
            }
        })
        .collect()
}

/// Waits until `out` holds `n` lines (rsyslog writes in its own time), then returns them.
fn wait_for_messages(out: &Path, n: usize) -> Vec<Received> {
    wait_until(
        &format!("{n} messages in {}", out.display()),
        Duration::from_secs(10),
        || {
            std::fs::read_to_string(out)
                .unwrap_or_default()
                .lines()
                .count()
                >= n
        },
    );
    let r = received(out);
    assert_eq!(r.len(), n, "more messages than expected");
    r
}

fn seqs(r: &[Received]) -> Vec<u64> {
    r.iter()
        .map(|m| journal_detail(&m.msg, "sequence").unwrap().parse().unwrap())
        .collect()
}

#[test]
fn forwarded_records_arrive_once_each_as_valid_atna_messages() {
    let started = Instant::now();
    let pki = Pki::new();
    let port = free_port();
    let out = pki.path("received.log");
    let rsyslog = Rsyslog::start(
        port,
        &pki.path("ca.pem"),
        &pki.path("server.pem"),
        &pki.path("server.key"),
        &out,
    );
    let queue = MemoryQueue::new();
    let outcomes = [
        Outcome::Done,
        Outcome::RefusedByClient {
            rule: "RG_0100".into(),
        },
        Outcome::RefusedByDmp {
            code: "DMPAccessDenied".into(),
        },
        Outcome::Failed { dmp_code: None },
        Outcome::Unknown,
    ];
    for (i, o) in outcomes.iter().enumerate() {
        queue.push(i as u64 + 1, event(i as u64 + 1, o.clone()));
    }
    let forwarder = Forwarder::new(&pki.settings(port, "client")).unwrap();
    // Two per connection: three connections.
    let report = forward_pending(&queue, &forwarder, 2).unwrap();
    assert_eq!(report.sent, 5);
    assert_eq!(queue.forwarded_up_to(), Some(5));

    let got = wait_for_messages(&out, 5);
    assert_eq!(seqs(&got), [1, 2, 3, 4, 5]);
    for (i, m) in got.iter().enumerate() {
        let n = i as u64 + 1;
        assert_eq!(m.app, "dmp");
        assert_eq!(m.msgid, "IHE+RFC-3881");
        assert_eq!(m.host, "poste-1.cabinet.test");
        // Facility 10; severity 5, or 4 for a refusal or a failure.
        let expected_pri = if outcomes[i].is_failure() {
            "<84>1"
        } else {
            "<85>1"
        };
        assert_eq!(m.pri, expected_pri);
        let ev = m.msg.child("EventIdentification").unwrap();
        assert_eq!(attr(ev, "EventOutcomeIndicator"), outcomes[i].indicator());
        let user = m
            .msg
            .children_named("ActiveParticipant")
            .next()
            .expect("the practitioner");
        assert_eq!(attr(user, "UserID"), format!("89970000{n:04}"));
        assert_eq!(attr(user, "UserIsRequestor"), "true");
        let patient = m
            .msg
            .children_named("ParticipantObjectIdentification")
            .find(|o| o.attr("ParticipantObjectTypeCodeRole") == Some("1"))
            .expect("the patient");
        assert_eq!(
            attr(patient, "ParticipantObjectID"),
            format!("2800575056{n:05}^^^&{OID_TEST_NIR}&ISO")
        );
        assert_eq!(
            journal_detail(&m.msg, "chain-hash").unwrap(),
            format!("{n:064x}")
        );
    }
    validate(&got.iter().map(|m| m.xml.clone()).collect::<Vec<_>>()).unwrap();

    // Nothing is pending any more: nothing is sent again.
    let again = forward_pending(&queue, &forwarder, 2).unwrap();
    assert_eq!(again.sent, 0);
    rsyslog.stop();
    assert_eq!(received(&out).len(), 5);
    eprintln!(
        "forwarded_records_arrive_once_each: {:?}",
        started.elapsed()
    );
}

#[test]
fn records_queued_while_the_repository_is_down_arrive_once_it_is_back_once_each() {
    let started = Instant::now();
    let pki = Pki::new();
    let port = free_port();
    let out = pki.path("received.log");
    let start = || {
        Rsyslog::start(
            port,
            &pki.path("ca.pem"),
            &pki.path("server.pem"),
            &pki.path("server.key"),
            &out,
        )
    };
    let queue = MemoryQueue::new();
    let forwarder = Forwarder::new(&pki.settings(port, "client")).unwrap();
    for n in 1..=3 {
        queue.push(n, event(n, Outcome::Done));
    }

    // Not started yet: a clean failure, nothing marked.
    let e = forward_pending(&queue, &forwarder, 2).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(
        e.message().contains("cannot reach the audit repository"),
        "{}",
        e.message()
    );
    assert!(
        e.message().contains("from 1 on stay queued"),
        "{}",
        e.message()
    );
    assert_eq!(queue.forwarded_up_to(), None);

    // Up: the queue is sent, with what came meanwhile, in order.
    let rsyslog = start();
    queue.push(4, event(4, Outcome::Done));
    assert_eq!(forward_pending(&queue, &forwarder, 2).unwrap().sent, 4);
    assert_eq!(seqs(&wait_for_messages(&out, 4)), [1, 2, 3, 4]);

    // Stopped: the next records wait.
    rsyslog.stop();
    queue.push(5, event(5, Outcome::Unknown));
    queue.push(6, event(6, Outcome::Done));
    let e = forward_pending(&queue, &forwarder, 2).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(
        e.message().contains("from 5 on stay queued"),
        "{}",
        e.message()
    );
    assert_eq!(queue.forwarded_up_to(), Some(4));

    // Back: they arrive, once each, after the others; this time through the profile's keys,
    // as a command forwards.
    let rsyslog = start();
    let profile: dmp::config::Profile = toml::from_str(&format!(
        "audit_repository = \"127.0.0.1:{port}\"\naudit_repository_ca = {:?}\naudit_repository_cert = {:?}\naudit_repository_key = {:?}\n",
        pki.path("ca.pem").display().to_string(),
        pki.path("client.pem").display().to_string(),
        pki.path("client.key").display().to_string(),
    ))
    .unwrap();
    let done =
        dmp::commands::audit_forward::forward(&profile, &queue, &pki.path("forward.lock")).unwrap();
    assert_eq!(done.repository, format!("127.0.0.1:{port}"));
    assert_eq!((done.sent, done.last), (2, Some(6)));
    assert_eq!(queue.forwarded_up_to(), Some(6));
    let got = wait_for_messages(&out, 6);
    assert_eq!(seqs(&got), [1, 2, 3, 4, 5, 6]);
    validate(&got.iter().map(|m| m.xml.clone()).collect::<Vec<_>>()).unwrap();
    rsyslog.stop();
    assert_eq!(received(&out).len(), 6);
    eprintln!("queued_while_down: {:?}", started.elapsed());
}

#[test]
fn a_repository_we_cannot_trust_or_that_refuses_us_gets_nothing_marked() {
    let started = Instant::now();
    let pki = Pki::new();
    for (server, client, expect) in [
        // A server certificate from another CA.
        ("server-other-ca", "client", "UnknownIssuer"),
        // Our CA, for another name.
        ("server-other-name", "client", "not valid for name"),
        // The repository does not trust our client certificate.
        // (rsyslog checks it after the handshake and closes: our write, our close or the
        // wait for its close fails, depending on timing).
        ("server", "client-other-ca", "127.0.0.1"),
    ] {
        let port = free_port();
        let out = pki.path(&format!("received-{server}-{client}.log"));
        let rsyslog = Rsyslog::start(
            port,
            &pki.path("ca.pem"),
            &pki.path(&format!("{server}.pem")),
            &pki.path(&format!("{server}.key")),
            &out,
        );
        let queue = MemoryQueue::new();
        queue.push(1, event(1, Outcome::Done));
        let forwarder = Forwarder::new(&pki.settings(port, client)).unwrap();
        let e = forward_pending(&queue, &forwarder, 10).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Network, "{server}/{client}");
        assert!(
            e.message().contains(expect),
            "{server}/{client}: {}",
            e.message()
        );
        assert!(
            e.hint().unwrap_or_default().contains("audit_repository_c"),
            "{server}/{client}: the hint names the keys to check: {:?}",
            e.hint()
        );
        assert_eq!(queue.forwarded_up_to(), None, "{server}/{client}");
        assert_eq!(queue.pending(10).unwrap().len(), 1);
        rsyslog.stop();
        assert!(received(&out).is_empty(), "{server}/{client}");
    }
    eprintln!("untrusted: {:?}", started.elapsed());
}

/// A TLS server that completes the handshake, waits until every message has come, and closes
/// without reading them: the kernel answers with a reset, as for a repository that dies with
/// messages unread. Every write succeeded, yet nothing may be marked.
#[test]
fn a_repository_that_drops_the_connection_unread_confirms_nothing() {
    use dmp::journal::syslog::{frame, rfc5424_message};
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    use std::sync::Arc;

    let pki = Pki::new();
    let certs = CertificateDer::pem_file_iter(pki.path("server.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(pki.path("server.key")).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::aws_lc_rs::default_provider(),
        ))
        // TLS 1.2: the client sends nothing after its Finished before ours, so every
        // message stays in the kernel's buffer, unread (with 1.3 the handshake's last read
        // could take some).
        .with_protocol_versions(&[&rustls::version::TLS12])
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap(),
    );
    let events: Vec<(u64, AtnaEvent)> = (1..=3).map(|n| (n, event(n, Outcome::Done))).collect();
    // The encrypted stream is longer than the messages.
    let plain: usize = events
        .iter()
        .map(|(n, e)| frame(&rfc5424_message(*n, e)).len())
        .sum();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut sock, _) = listener.accept().unwrap();
        let mut conn = rustls::ServerConnection::new(config).unwrap();
        while conn.is_handshaking() {
            conn.complete_io(&mut sock).unwrap();
        }
        sock.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let mut b = vec![0u8; 1 << 20];
        wait_until("the messages", Duration::from_secs(10), || {
            sock.peek(&mut b).unwrap() >= plain
        });
        drop(sock);
    });
    let queue = MemoryQueue::new();
    for (n, e) in events {
        queue.push(n, e);
    }
    let forwarder = Forwarder::new(&pki.settings(port, "client")).unwrap();
    let e = forward_pending(&queue, &forwarder, 10).unwrap_err();
    server.join().unwrap();
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(
        e.message().contains("from 1 on stay queued"),
        "{}",
        e.message()
    );
    assert_eq!(queue.forwarded_up_to(), None, "{}", e.message());
    assert_eq!(queue.pending(10).unwrap().len(), 3);
}

/// The journal layer sits below `model` and `dmp`, so it keeps its own copies of a few codes:
/// they must stay the ones the rest of the client sends.
#[test]
fn the_journal_copies_of_shared_codes_match_the_client() {
    use dmp::dmp::xds::query::id;
    use dmp::journal::atna::{STORED_QUERIES, TRE_R248_ACCESS_MODE};
    use dmp::model::codes::{oid, AccessMode as Mode};
    assert_eq!(TRE_R248_ACCESS_MODE, oid::ACCESS_MODE);
    for m in Mode::ALL {
        let ours = AccessMode::from_code(m.code()).expect("every mode");
        assert_eq!(ours.label(), m.display());
    }
    let stored: Vec<(&str, &str)> = STORED_QUERIES.to_vec();
    assert_eq!(
        stored,
        [
            ("FindDocuments", id::FIND_DOCUMENTS),
            ("FindSubmissionSets", id::FIND_SUBMISSION_SETS),
            ("GetAssociations", id::GET_ASSOCIATIONS),
            (
                "GetDocumentsAndAssociations",
                id::GET_DOCUMENTS_AND_ASSOCIATIONS
            ),
            ("GetDocuments", id::GET_DOCUMENTS),
        ]
    );
}

// --- dmp commands against the sandbox DMP, forwarding their journal --------------------

/// The sandbox's ALICE and BERNARD (test INS under the test NIR authority).
const ALICE: &str = "280057505600117";
const BERNARD: &str = "175016912300248";

/// A home with the sandbox profile naming the repository on `port`.
fn home_with_repository(pki: &Pki, port: u16) -> support::Home {
    let home = support::Home::new();
    home.install_edited_profile(support::sandbox(), |p| {
        let path = |n: &str| toml::Value::String(pki.path(n).display().to_string());
        p.insert(
            "audit_repository".into(),
            toml::Value::String(format!("127.0.0.1:{port}")),
        );
        p.insert("audit_repository_ca".into(), path("ca.pem"));
        p.insert("audit_repository_cert".into(), path("client.pem"));
        p.insert("audit_repository_key".into(), path("client.key"));
    });
    home
}

/// The ParticipantObjectID of the patient, the DMP code and the outcome indicator of a
/// message.
fn summary(m: &Received) -> (String, String, String) {
    let ev = m.msg.child("EventIdentification").unwrap();
    let dmp_code = ev
        .children_named("EventTypeCode")
        .find(|t| attr(t, "codeSystemName") == "DMP transactions")
        .map(|t| attr(t, "csd-code").to_string())
        .unwrap();
    let patient = m
        .msg
        .children_named("ParticipantObjectIdentification")
        .find(|o| o.attr("ParticipantObjectTypeCodeRole") == Some("1"))
        .map(|o| attr(o, "ParticipantObjectID").to_string())
        .unwrap_or_default();
    (
        patient,
        dmp_code,
        attr(ev, "EventOutcomeIndicator").to_string(),
    )
}

#[test]
fn dmp_commands_forward_their_records_and_queue_them_while_the_repository_is_down() {
    let _server = support::server_shared();
    let pki = Pki::new();
    let port = free_port();
    let out = pki.path("received.log");
    let start = || {
        Rsyslog::start(
            port,
            &pki.path("ca.pem"),
            &pki.path("server.pem"),
            &pki.path("server.key"),
            &out,
        )
    };
    let home = home_with_repository(&pki, port);
    let rsyslog = start();

    // A transaction done, then one refused by the rights matrix (structure certificate, no
    // metadata search): each run forwards its record as it ends.
    let status = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    support::ok(&status);
    assert!(
        !support::stderr(&status).contains("warning"),
        "{}",
        support::stderr(&status)
    );
    let refused = home
        .dmp_sandbox()
        .args(["docs", "list", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(9),
        "{}",
        support::stderr(&refused)
    );
    let journal = home.journal();
    assert_eq!(journal.len(), 2, "{journal:#?}");
    let got = wait_for_messages(&out, 2);
    let oid = "1.2.250.1.213.1.4.10";
    assert_eq!(
        got.iter().map(summary).collect::<Vec<_>>(),
        [
            (format!("{ALICE}^^^&{oid}&ISO"), "TD0.2".into(), "0".into()),
            (format!("{ALICE}^^^&{oid}&ISO"), "TD3.1".into(), "4".into()),
        ]
    );
    assert_eq!(
        journal_detail(&got[1].msg, "rule").as_deref(),
        journal[1]["rule"].as_str()
    );
    assert_eq!(
        journal_detail(&got[0].msg, "message-id").as_deref(),
        journal[0]["message_id"].as_str()
    );
    let first = seqs(&got);
    assert!(first[0] < first[1]);

    // The repository down: the command still succeeds, with a warning, and its record waits.
    rsyslog.stop();
    let status = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", BERNARD])
        .output()
        .unwrap();
    support::ok(&status);
    let err = support::stderr(&status);
    assert!(
        err.contains("warning: the audit journal was not forwarded") && err.contains("stay queued"),
        "{err}"
    );
    // So does `dmp audit forward`, with a network error (exit 7).
    let fwd = home
        .dmp_sandbox()
        .args(["audit", "forward"])
        .output()
        .unwrap();
    assert_eq!(fwd.status.code(), Some(7), "{}", support::stderr(&fwd));
    assert_eq!(received(&out).len(), 2);

    // Back: `dmp audit forward` sends what waited, once, in order.
    let rsyslog = start();
    let fwd = home
        .dmp_sandbox()
        .args(["audit", "forward", "--output", "json"])
        .output()
        .unwrap();
    support::ok(&fwd);
    let v = support::json(&fwd);
    assert_eq!(v["sent"], 1, "{v}");
    let got = wait_for_messages(&out, 3);
    let all = seqs(&got);
    assert_eq!(v["last"], all[2]);
    assert!(all.windows(2).all(|w| w[0] < w[1]), "{all:?}");
    assert_eq!(
        summary(&got[2]),
        (
            format!("{BERNARD}^^^&{oid}&ISO"),
            "TD0.2".into(),
            "0".into()
        )
    );
    // Nothing left: a second run sends nothing.
    let fwd = home
        .dmp_sandbox()
        .args(["audit", "forward"])
        .output()
        .unwrap();
    support::ok(&fwd);
    assert!(
        support::stdout(&fwd).contains("Nothing to send"),
        "{}",
        support::stdout(&fwd)
    );
    // One message per journal record, and the chain still verifies.
    assert_eq!(home.journal().len(), 3);
    let verify = home
        .dmp_sandbox()
        .args(["audit", "verify"])
        .output()
        .unwrap();
    support::ok(&verify);
    validate(&got.iter().map(|m| m.xml.clone()).collect::<Vec<_>>()).unwrap();
    rsyslog.stop();
    assert_eq!(received(&out).len(), 3);
}

#[test]
fn audit_forward_without_a_repository_names_the_key() {
    let home = support::Home::with_sandbox();
    let out = home
        .dmp_sandbox()
        .args(["audit", "forward"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", support::stderr(&out));
    assert!(
        support::stderr(&out).contains("audit_repository"),
        "{}",
        support::stderr(&out)
    );
}
