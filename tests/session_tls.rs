//! The HTTPS session against a local rustls server on 127.0.0.1 that requires a client
//! certificate, with a structure certificate (PKCS#12 made by the openssl command) as the
//! credential.

mod session_support;

use std::path::PathBuf;
use std::time::Duration;

use dmp::credential::structure::{PasswordSource, StructureCredential};
use dmp::dmp::catalogue::services;
use dmp::session::{Credential, Session, SessionConfig};
use dmp::ErrorKind;
use rustls::pki_types::CertificateDer;
use session_support::{openssl_pkcs12, start, write, Ca, Leaf, ServerOptions, TestServer};

const PASSWORD: &str = "mot de passe structure";

struct World {
    dir: tempfile::TempDir,
    ca: Ca,
    server_leaf: Leaf,
    structure: Leaf,
    anchors: PathBuf,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::new("TEST AC IGC-SANTE");
    let server_leaf = ca.server();
    let structure = ca.structure(365);
    let anchors = write(dir.path(), "anchors.pem", &ca.pem());
    World {
        dir,
        ca,
        server_leaf,
        structure,
        anchors,
    }
}

fn server(w: &World, versions: Vec<&'static rustls::SupportedProtocolVersion>) -> TestServer {
    start(ServerOptions {
        versions,
        client_roots: vec![w.ca.der()],
        chain: vec![
            CertificateDer::from(w.server_leaf.cert_der.clone()),
            w.ca.der(),
        ],
        key_der: w.server_leaf.key_der.clone(),
        status: 200,
        body: b"<ok/>".to_vec(),
        pss_only: false,
    })
}

fn password_file(w: &World) -> PasswordSource {
    PasswordSource::File(write(
        w.dir.path(),
        "password.txt",
        &format!("{PASSWORD}\n"),
    ))
}

fn structure_credential(w: &World, extra: &[&str], name: &str) -> Option<StructureCredential> {
    let p12 = openssl_pkcs12(
        w.dir.path(),
        name,
        &w.structure,
        &w.ca.pem(),
        PASSWORD,
        extra,
    )?;
    Some(StructureCredential::load(&p12, &password_file(w)).expect("structure certificate loads"))
}

fn session(w: &World, endpoint: String, cred: StructureCredential) -> dmp::Result<Session> {
    Session::new(SessionConfig {
        endpoint,
        trust_anchors: vec![w.anchors.clone()],
        credential: Credential::Structure(cred),
        timeout: Duration::from_secs(20),
    })
}

#[test]
fn structure_certificate_mtls_reuses_one_connection_for_two_requests() {
    let w = world();
    let srv = server(&w, vec![&rustls::version::TLS12]);
    let cred = structure_credential(&w, &[], "modern").unwrap();
    assert_eq!(cred.identity().structure_id.as_deref(), Some("10B0123456"));
    assert_eq!(
        cred.identity().organisation.as_deref(),
        Some("CLINIQUE DES TESTS")
    );
    assert_eq!(
        cred.identity().common_name.as_deref(),
        Some("LOGICIEL TEST DMP")
    );
    assert_eq!(cred.chain().len(), 2, "leaf and CA from the PKCS#12");
    let s = session(&w, srv.endpoint(), cred).unwrap();

    let r1 = s
        .post(
            services::PATIENT,
            "application/soap+xml",
            b"<one/>".to_vec(),
        )
        .unwrap();
    let r2 = s
        .post_idempotent(
            services::DOCUMENT_REGISTRY,
            "application/soap+xml",
            b"<two/>".to_vec(),
        )
        .unwrap();
    assert_eq!(r1.status, 200);
    assert_eq!(r2.body, b"<ok/>");
    assert!(r1.content_type.unwrap().starts_with("application/soap+xml"));
    assert!(r1.date.is_some());

    assert_eq!(
        srv.handshakes(),
        1,
        "both requests went over one TLS connection"
    );
    let seen = srv.seen.bodies.lock().unwrap().clone();
    assert_eq!(
        seen[0].0,
        "POST /si-dmp-server/v2/services/patient HTTP/1.1"
    );
    assert_eq!(seen[0].1, b"<one/>");
    assert_eq!(
        seen[1].0,
        "POST /si-dmp-server/v2/services/DocumentRegistry_Service HTTP/1.1"
    );
    assert_eq!(
        srv.seen.client_certs.lock().unwrap()[0],
        w.structure.cert_der,
        "the server saw the structure certificate"
    );
    assert_eq!(
        srv.seen.versions.lock().unwrap()[0],
        rustls::ProtocolVersion::TLSv1_2
    );
}

#[test]
fn legacy_pkcs12_files_load_and_authenticate() {
    let w = world();
    let srv = server(&w, vec![&rustls::version::TLS12]);
    // 3DES + SHA-1 MAC, which needs no legacy provider.
    let tdes = structure_credential(
        &w,
        &[
            "-certpbe",
            "PBE-SHA1-3DES",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
        "3des",
    )
    .expect("openssl writes a 3DES PKCS#12");
    let s = session(&w, srv.endpoint(), tdes).unwrap();
    assert_eq!(
        s.post("patient", "application/soap+xml", b"<a/>".to_vec())
            .unwrap()
            .status,
        200
    );
    // `-legacy` (RC2-40 certificates) needs OpenSSL's legacy provider; skip when absent.
    match structure_credential(&w, &["-legacy"], "legacy") {
        Some(cred) => {
            let s = session(&w, srv.endpoint(), cred).unwrap();
            assert_eq!(
                s.post("patient", "application/soap+xml", b"<b/>".to_vec())
                    .unwrap()
                    .status,
                200
            );
        }
        None => eprintln!("openssl -legacy is not available here: that case is skipped"),
    }
}

#[test]
fn http_500_soap_fault_is_a_reply_not_an_error() {
    let w = world();
    let srv = start(ServerOptions {
        versions: vec![&rustls::version::TLS12],
        client_roots: vec![w.ca.der()],
        chain: vec![CertificateDer::from(w.server_leaf.cert_der.clone())],
        key_der: w.server_leaf.key_der.clone(),
        status: 500,
        body: b"<soap:Fault/>".to_vec(),
        pss_only: false,
    });
    let cred = structure_credential(&w, &[], "fault").unwrap();
    let s = session(&w, srv.endpoint(), cred).unwrap();
    let r = s
        .post("Habilitation", "application/soap+xml", b"<x/>".to_vec())
        .unwrap();
    assert_eq!(r.status, 500);
    assert_eq!(r.body, b"<soap:Fault/>");
}

#[test]
fn handshake_check_reports_version_suite_server_and_clock() {
    let w = world();
    let srv = server(&w, vec![&rustls::version::TLS12]);
    let cred = structure_credential(&w, &[], "doctor").unwrap();
    let s = session(&w, srv.endpoint(), cred).unwrap();
    let report = s.handshake_check().unwrap();
    assert_eq!(report.tls_version, "TLS 1.2");
    assert!(
        report.cipher_suite.starts_with("TLS_ECDHE_RSA_WITH_"),
        "{}",
        report.cipher_suite
    );
    assert!(report.server_subject.contains("test DMP server"));
    assert!(report.date.is_some());
    assert!(report.clock_skew.unwrap().whole_seconds().abs() <= 2);
    assert!(!report.resumed);
    // The HTTP client resumes the TLS session of the check: one full handshake in all.
    s.post("patient", "application/soap+xml", b"<a/>".to_vec())
        .unwrap();
    assert_eq!(srv.handshakes(), 2);
    assert_eq!(
        srv.seen
            .full_handshakes
            .load(std::sync::atomic::Ordering::SeqCst),
        1
    );
}

#[test]
fn a_server_certificate_from_another_ca_is_explained_with_the_anchor_file() {
    let w = world();
    let other = Ca::new("AUTRE AC");
    let other_server = other.server();
    let srv = start(ServerOptions {
        versions: vec![&rustls::version::TLS12],
        client_roots: vec![w.ca.der()],
        chain: vec![CertificateDer::from(other_server.cert_der.clone())],
        key_der: other_server.key_der.clone(),
        status: 200,
        body: vec![],
        pss_only: false,
    });
    let cred = structure_credential(&w, &[], "otherca").unwrap();
    let s = session(&w, srv.endpoint(), cred).unwrap();
    let e = s
        .post_idempotent("patient", "application/soap+xml", b"<a/>".to_vec())
        .unwrap_err();
    eprintln!("{}\nhint: {:?}", e.message(), e.hint());
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(e.message().contains("does not chain"), "{}", e.message());
    assert!(
        e.message().contains(&w.anchors.display().to_string()),
        "{}",
        e.message()
    );
    assert!(e.message().contains("test DMP server"), "{}", e.message());
    assert!(e.hint().unwrap().contains("trust_anchors"));
    assert_eq!(srv.handshakes(), 0);
    // Not retried, though a read request: a TLS failure does not heal. The server answered
    // every connection the client made before it gave up, so the count is final here.
    assert_eq!(
        srv.seen
            .connections
            .load(std::sync::atomic::Ordering::SeqCst),
        1
    );

    let e = s.handshake_check().unwrap_err();
    assert!(e.message().contains("does not chain"), "{}", e.message());
}

#[test]
fn a_tls13_only_server_is_explained() {
    let w = world();
    let srv = server(&w, vec![&rustls::version::TLS13]);
    let cred = structure_credential(&w, &[], "tls13").unwrap();
    let s = session(&w, srv.endpoint(), cred).unwrap();
    let e = s
        .post("patient", "application/soap+xml", b"<a/>".to_vec())
        .unwrap_err();
    eprintln!("{}\nhint: {:?}", e.message(), e.hint());
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(e.message().contains("TLS 1.2"), "{}", e.message());
    assert!(e.message().contains("TLS 1.3"), "{}", e.message());
}

#[test]
fn a_closed_port_says_cannot_reach_with_the_endpoint_hint() {
    let w = world();
    let cred = structure_credential(&w, &[], "closed").unwrap();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let s = session(
        &w,
        format!("https://127.0.0.1:{port}/si-dmp-server/v2/services"),
        cred,
    )
    .unwrap();
    let started = std::time::Instant::now();
    let e = s
        .post_idempotent("patient", "application/soap+xml", b"<a/>".to_vec())
        .unwrap_err();
    assert!(
        e.message()
            .starts_with(&format!("cannot reach 127.0.0.1:{port}")),
        "{}",
        e.message()
    );
    assert!(e.hint().unwrap().contains("--endpoint"));
    // Read requests are retried twice (0.3 s, then 1 s).
    assert!(started.elapsed() >= Duration::from_millis(1300));
    let e = s.handshake_check().unwrap_err();
    assert!(
        e.message().contains("connection refused"),
        "{}",
        e.message()
    );
}

#[test]
fn pkcs12_errors_are_clear() {
    let w = world();
    let p12 = openssl_pkcs12(
        w.dir.path(),
        "errors",
        &w.structure,
        &w.ca.pem(),
        PASSWORD,
        &[],
    )
    .unwrap();
    // Wrong password.
    let wrong = PasswordSource::File(write(w.dir.path(), "wrong.txt", "pas le bon\n"));
    let e = StructureCredential::load(&p12, &wrong).unwrap_err();
    assert!(e.message().starts_with("wrong password"), "{}", e.message());
    assert_eq!(e.kind(), ErrorKind::Config);
    // Not a PKCS#12.
    let pem = write(w.dir.path(), "not.p12", &w.structure.cert_pem);
    let e = StructureCredential::load(&pem, &password_file(&w)).unwrap_err();
    assert!(
        e.message().contains("not a readable PKCS#12"),
        "{}",
        e.message()
    );
    // Password from an unset environment variable.
    let e = StructureCredential::load(
        &p12,
        &PasswordSource::Env("DMP_TEST_SURELY_UNSET_VARIABLE".into()),
    )
    .unwrap_err();
    assert!(e.message().contains("DMP_TEST_SURELY_UNSET_VARIABLE"));
    // Expired certificate.
    let expired = w.ca.structure(-1);
    let p12 = openssl_pkcs12(
        w.dir.path(),
        "expired",
        &expired,
        &w.ca.pem(),
        PASSWORD,
        &[],
    )
    .unwrap();
    let e = StructureCredential::load(&p12, &password_file(&w)).unwrap_err();
    assert!(e.message().contains("expired"), "{}", e.message());
    // A certificate without its key.
    let out = w.dir.path().join("nokey.p12");
    let cert = write(w.dir.path(), "nokey.pem", &w.structure.cert_pem);
    let st = std::process::Command::new("openssl")
        .args(["pkcs12", "-export", "-nokeys", "-in"])
        .arg(&cert)
        .arg("-out")
        .arg(&out)
        .arg("-passout")
        .arg(format!("pass:{PASSWORD}"))
        .status()
        .unwrap();
    assert!(st.success());
    let e = StructureCredential::load(&out, &password_file(&w)).unwrap_err();
    assert!(e.message().contains("no private key"), "{}", e.message());
    // A key with somebody else's certificate (openssl refuses to pair them: write the file
    // with p12-keystore).
    let other = w.ca.structure(30);
    let mut store = p12_keystore::KeyStore::new();
    store.add_entry(
        "mismatch",
        p12_keystore::KeyStoreEntry::PrivateKeyChain(p12_keystore::PrivateKeyChain::new(
            vec![1u8, 2, 3, 4],
            p12_keystore::PrivateKey::from_der(&w.structure.key_der).unwrap(),
            [p12_keystore::Certificate::from_der(&other.cert_der).unwrap()],
        )),
    );
    let data = store.writer(PASSWORD).write().unwrap();
    let p12 = w.dir.path().join("mismatch.p12");
    std::fs::write(&p12, data).unwrap();
    let e = StructureCredential::load(&p12, &password_file(&w)).unwrap_err();
    assert!(e.message().contains("does not match"), "{}", e.message());
}

#[test]
fn sign_rsa_sha256_verifies_with_the_certificate_key() {
    let w = world();
    let cred = structure_credential(&w, &[], "xmlsig").unwrap();
    let sig = cred.sign_rsa_sha256(b"<SignedInfo/>").unwrap();
    assert_eq!(sig.len(), 256);
    let (_, cert) = x509_parser::parse_x509_certificate(cred.certificate_der()).unwrap();
    let spki = cert.public_key().subject_public_key.data.to_vec();
    let pk = aws_lc_rs::signature::UnparsedPublicKey::new(
        &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        spki,
    );
    pk.verify(b"<SignedInfo/>", &sig).unwrap();
}

#[test]
fn an_answer_over_the_size_limit_is_refused_unread() {
    let w = world();
    let body = vec![b'x'; 3 * 1024 * 1024];
    let srv = start(ServerOptions {
        versions: vec![&rustls::version::TLS12],
        client_roots: vec![w.ca.der()],
        chain: vec![CertificateDer::from(w.server_leaf.cert_der.clone())],
        key_der: w.server_leaf.key_der.clone(),
        status: 200,
        body: body.clone(),
        pss_only: false,
    });
    let cred = structure_credential(&w, &[], "large").unwrap();
    let s = session(&w, srv.endpoint(), cred).unwrap();
    let e = s
        .post_limited(
            "patient",
            "application/soap+xml",
            b"<a/>".to_vec(),
            dmp::session::NO_RETRY,
            1024 * 1024,
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Server);
    assert_eq!(
        e.message(),
        format!(
            "the answer from 127.0.0.1:{} is larger than the 1 MiB dmp reads (3145728 bytes)",
            srv.port
        )
    );
    // Within the limit (the default, 64 MiB), the same answer is read whole.
    let r = s
        .post("patient", "application/soap+xml", b"<a/>".to_vec())
        .unwrap();
    assert_eq!(r.body, body);
}
