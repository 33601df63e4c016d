//! The HTTPS session with the CPS card as the TLS client key: the virtual CPS3 on pcscd's vpcd
//! reader, against a local rustls TLS 1.2 server that trusts the sandbox PKI.

mod session_support;
mod support;

use std::time::Duration;

use dmp::credential::card::{CardSession, Pin};
use dmp::dmp::catalogue::services;
use dmp::session::{Credential, Session, SessionConfig};
use dmp::ErrorKind;
use dmp_sandbox::card::{CardOptions, Generation};
use rustls::pki_types::CertificateDer;
use session_support::{start, write, Ca, ServerOptions, TestServer};
use support::{card_generation, insert, insert_default, pki, PIN, READER};

struct World {
    _dir: tempfile::TempDir,
    ca: Ca,
    anchors: std::path::PathBuf,
}

fn world() -> World {
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::new("TEST AC SERVEURS DMP");
    let anchors = write(dir.path(), "anchors.pem", &ca.pem());
    World {
        _dir: dir,
        ca,
        anchors,
    }
}

/// A TLS 1.2 server whose client verifier trusts the sandbox PKI (root + PERSONNES CA).
fn server(w: &World, pss_only: bool) -> TestServer {
    let leaf = w.ca.server();
    let client_roots = dmp::credential::anchors::load(&[pki().ca_bundle_path()])
        .unwrap()
        .into_iter()
        .map(|a| CertificateDer::from(a.der))
        .collect();
    start(ServerOptions {
        versions: vec![&rustls::version::TLS12],
        client_roots,
        chain: vec![CertificateDer::from(leaf.cert_der.clone())],
        key_der: leaf.key_der.clone(),
        status: 200,
        body: b"<ok/>".to_vec(),
        pss_only,
    })
}

fn card_session(w: &World, endpoint: String, card: &CardSession) -> dmp::Result<Session> {
    Session::new(SessionConfig {
        endpoint,
        trust_anchors: vec![w.anchors.clone()],
        credential: Credential::Card(card.clone()),
        timeout: Duration::from_secs(30),
    })
}

fn connect_and_verify() -> CardSession {
    let card = CardSession::connect(Some(READER), Some(Duration::from_secs(5))).unwrap();
    card.verify_pin(&Pin::new(PIN).unwrap()).unwrap();
    card
}

#[test]
fn the_card_signs_once_for_three_requests() {
    let inserted = insert_default();
    let w = world();
    let srv = server(&w, false);
    let card = connect_and_verify();
    let auth = card.certificates(None).unwrap().auth_der;
    let before = inserted.signature_count();

    let s = card_session(&w, srv.endpoint(), &card).unwrap();
    for (i, service) in [
        services::PATIENT,
        services::DOCUMENT_REGISTRY,
        services::HABILITATION,
    ]
    .iter()
    .enumerate()
    {
        let r = s
            .post(
                service,
                "application/soap+xml",
                format!("<r{i}/>").into_bytes(),
            )
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"<ok/>");
    }

    assert_eq!(
        inserted.signature_count() - before,
        1,
        "one card signature for the whole run"
    );
    assert_eq!(srv.handshakes(), 1);
    let seen = srv.seen.client_certs.lock().unwrap().clone();
    assert_eq!(seen, vec![auth], "the server saw the card's certificate");
    assert_eq!(
        srv.seen.versions.lock().unwrap()[0],
        rustls::ProtocolVersion::TLSv1_2
    );
}

/// The card's APDU headers seen so far.
fn headers(inserted: &support::Inserted) -> Vec<[u8; 4]> {
    inserted.apdus().into_iter().map(|(h, _)| h).collect()
}

#[test]
fn a_cps4_session_signs_with_the_raw_rsa_path() {
    let inserted = insert(CardOptions {
        generation: Generation::Cps4,
        ..CardOptions::default()
    });
    let w = world();
    let srv = server(&w, false);
    let card = connect_and_verify();
    assert_eq!(card.generation(), dmp::credential::card::Generation::Cps4);
    let before = inserted.apdus().len();
    let s = card_session(&w, srv.endpoint(), &card).unwrap();
    for i in 0..2 {
        let r = s
            .post(
                services::PATIENT,
                "application/soap+xml",
                format!("<r{i}/>").into_bytes(),
            )
            .unwrap();
        assert_eq!(r.status, 200);
    }
    assert_eq!(srv.handshakes(), 1);
    // MSE for decipher with key 0x20, then PSO DECIPHER in two chained blocks: no INTERNAL
    // AUTHENTICATE, everything on channel 1.
    let during: Vec<[u8; 4]> = headers(&inserted)[before..].to_vec();
    let signing: Vec<&[u8; 4]> = during
        .iter()
        .filter(|h| h[1] == 0x22 || h[1] == 0x2A)
        .collect();
    assert_eq!(
        signing,
        vec![
            &[0x01, 0x22, 0x41, 0xB8],
            &[0x11, 0x2A, 0x80, 0x86],
            &[0x01, 0x2A, 0x80, 0x86],
        ],
        "the handshake's card APDUs: {during:02X?}"
    );
    assert!(
        headers(&inserted)
            .iter()
            .all(|h| h[1] != 0x88 && h[0] & 0x03 == 1),
        "{:02X?}",
        headers(&inserted)
    );
    assert_eq!(inserted.signature_count(), 1);
}

#[test]
fn a_server_wanting_rsa_pss_is_explained_and_the_card_is_not_asked() {
    let inserted = insert_default();
    let w = world();
    let srv = server(&w, true);
    let card = connect_and_verify();
    let before = inserted.signature_count();
    let s = card_session(&w, srv.endpoint(), &card).unwrap();
    if card_generation() == Generation::Cps4 {
        // A CPS4 signs PSS SHA-256 itself: MSE SET DST (alg 2C) and PSO CDS of the hash.
        let apdus_before = inserted.apdus().len();
        let r = s
            .post(services::PATIENT, "application/soap+xml", b"<a/>".to_vec())
            .unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(
            headers(&inserted)[apdus_before..].to_vec(),
            vec![[0x01, 0x22, 0x81, 0xB6], [0x01, 0x2A, 0x9E, 0x9A]]
        );
        assert_eq!(inserted.signature_count(), before + 1);
        return;
    }
    let e = s
        .post(services::PATIENT, "application/soap+xml", b"<a/>".to_vec())
        .unwrap_err();
    eprintln!("{}\nhint: {:?}", e.message(), e.hint());
    assert_eq!(e.kind(), ErrorKind::Network);
    assert!(
        e.message()
            .contains("the server asks for RSA-PSS/TLS 1.3, which a CPS3 cannot produce"),
        "{}",
        e.message()
    );
    assert!(e.hint().is_some());
    assert_eq!(inserted.signature_count(), before);
}

#[test]
fn a_card_pulled_out_before_the_handshake_gives_the_cards_error() {
    let inserted = insert_default();
    let w = world();
    let srv = server(&w, false);
    let card = connect_and_verify();
    card.certificates(None).unwrap();
    let s = card_session(&w, srv.endpoint(), &card).unwrap();
    inserted.remove();
    support::wait_for_presence(false);
    let e = s
        .post(services::PATIENT, "application/soap+xml", b"<a/>".to_vec())
        .unwrap_err();
    eprintln!("{}\nhint: {:?}", e.message(), e.hint());
    assert!(
        matches!(e.kind(), ErrorKind::Card | ErrorKind::Reader),
        "{:?}: {}",
        e.kind(),
        e.message()
    );
    assert!(
        e.message().contains("the card did not sign"),
        "{}",
        e.message()
    );
    assert!(e.hint().is_some());
    assert_eq!(srv.handshakes(), 0);
}
