//! End-to-end tests of `dmp-sandbox serve`: requests posted through the real TLS server on
//! loopback. The requests are the project's own (tests/fixtures/requests, practitioner and
//! patient substituted to seeded values); the conformance tests at the end post the official
//! example requests, read from `DMP_REFERENCE_DIR`, and are ignored (not run) without it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use dmp_sandbox::server::certs::{PersonUsage, TestPki};
use dmp_sandbox::server::{self, ServeOptions, ServerHandle};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};

/// The official example requests, for the conformance tests only: under the reference
/// directory `DMP_REFERENCE_DIR` names (the project does not hold them). Those tests are
/// `#[ignore]`d; one run without the reference fails here rather than passing.
fn official_dir() -> PathBuf {
    let base = std::env::var_os("DMP_REFERENCE_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
                "conformance test without the reference material: set DMP_REFERENCE_DIR to the \
                 directory holding dmp-official/ (scripts/test.sh then runs these tests)"
            )
        });
    let dir = base.join("dmp-official/requests");
    assert!(
        dir.is_dir(),
        "official DMP example requests not found in {}: DMP_REFERENCE_DIR must name the \
         directory holding dmp-official/",
        dir.display()
    );
    dir
}
const OFFICIAL_INS: &str = "207058575627097";
const OFFICIAL_PS: &str = "899900063480";
const OFFICIAL_STRUCTURE: &str = "499900063480001";

const DOCTOR: &str = "899700000017";
const DOCTOR2: &str = "899700000021";
const ALICE_MT: &str = "280057505600117";
const BERNARD_AUTH: &str = "175016912300248";
const CLAIRE_EXPIRE: &str = "292031305500332";
const DENIS_BLOCKS_2: &str = "168113306300423";
const ELISE_BLOCKS_1: &str = "255079205000521";
const FRANCK_OPPOSED: &str = "188043417200694";
const GISELE_CLOSED: &str = "245065935000747";
const HUGO_NO_DMP: &str = "199027815000860";
const INES_EMERGENCY: &str = "201100608800913";

struct Pki {
    dir: PathBuf,
    pki: TestPki,
    doctor_auth: (String, String),
    doctor_sign: (String, String),
    doctor2_auth: (String, String),
    foreign_auth: (String, String),
    foreign_root: String,
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        // Regenerated on every run, under the target directory cargo gives to tests.
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("server-test-pki");
        let _ = std::fs::remove_dir_all(&dir);
        let pki = TestPki::generate(&dir.join("pki"), "TEST").unwrap();
        let doctor_auth = pki
            .issue_person(
                DOCTOR,
                "TESTDOC0000001",
                "CAMILLE",
                "Médecin",
                PersonUsage::Auth,
            )
            .unwrap();
        let doctor_sign = pki
            .issue_person(
                DOCTOR,
                "TESTDOC0000001",
                "CAMILLE",
                "Médecin",
                PersonUsage::Sign,
            )
            .unwrap();
        let doctor2_auth = pki
            .issue_person(
                DOCTOR2,
                "TESTDOC0000002",
                "DOMINIQUE",
                "Médecin",
                PersonUsage::Auth,
            )
            .unwrap();
        let foreign = TestPki::generate(&dir.join("foreign"), "OTHER").unwrap();
        let foreign_auth = foreign
            .issue_person(
                DOCTOR,
                "TESTDOC0000001",
                "CAMILLE",
                "Médecin",
                PersonUsage::Auth,
            )
            .unwrap();
        Pki {
            dir,
            doctor_auth,
            doctor_sign,
            doctor2_auth,
            foreign_auth,
            foreign_root: foreign.root.cert_pem.clone(),
            pki,
        }
    })
}

/// A server with its own data directory (removed when dropped).
struct TestServer {
    handle: ServerHandle,
    _data: tempfile::TempDir,
}

impl std::ops::Deref for TestServer {
    type Target = ServerHandle;
    fn deref(&self) -> &ServerHandle {
        &self.handle
    }
}

/// A fresh server (own data directory) on the shared PKI.
fn start() -> TestServer {
    let data = tempfile::tempdir().unwrap();
    let handle = server::spawn(ServeOptions::new(data.path(), pki().pki.dir.clone())).unwrap();
    TestServer {
        handle,
        _data: data,
    }
}

fn shared() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(start)
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

fn client_config(
    cert: &(String, String),
    chain_extra: Option<&str>,
    versions: &[&'static rustls::SupportedProtocolVersion],
    provider: Arc<rustls::crypto::CryptoProvider>,
) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(pki().pki.root.cert_pem.as_bytes()).unwrap())
        .unwrap();
    let mut chain = vec![CertificateDer::from_pem_slice(cert.0.as_bytes()).unwrap()];
    if let Some(extra) = chain_extra {
        chain.push(CertificateDer::from_pem_slice(extra.as_bytes()).unwrap());
    }
    let key = PrivateKeyDer::from_pem_slice(cert.1.as_bytes()).unwrap();
    rustls::ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots)
        .with_client_auth_cert(chain, key)
        .unwrap()
}

struct Client {
    io: BufReader<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>,
}

struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, n: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

impl Client {
    fn connect_with(h: &ServerHandle, cfg: rustls::ClientConfig) -> std::io::Result<Client> {
        let tcp = TcpStream::connect(h.addr)?;
        let conn = rustls::ClientConnection::new(
            Arc::new(cfg),
            ServerName::try_from("127.0.0.1").unwrap(),
        )
        .unwrap();
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock)?;
        }
        Ok(Client {
            io: BufReader::new(tls),
        })
    }

    fn doctor(h: &ServerHandle) -> Client {
        let cfg = client_config(
            &pki().doctor_auth,
            Some(&pki().pki.personnes.cert_pem),
            &[&rustls::version::TLS12],
            provider(),
        );
        Client::connect_with(h, cfg).unwrap()
    }

    fn post(&mut self, service: &str, content_type: &str, body: &[u8]) -> std::io::Result<Resp> {
        self.post_with(service, content_type, "", body)
    }

    fn post_with(
        &mut self,
        service: &str,
        content_type: &str,
        extra_headers: &str,
        body: &[u8],
    ) -> std::io::Result<Resp> {
        let head = format!(
            "POST /si-dmp-server/v2/services/{service} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n{extra_headers}Content-Length: {}\r\n\r\n",
            body.len()
        );
        let w = self.io.get_mut();
        w.write_all(head.as_bytes())?;
        if extra_headers.contains("100-continue") {
            w.flush()?;
            let mut l = String::new();
            self.io.read_line(&mut l)?;
            assert!(l.starts_with("HTTP/1.1 100"), "{l}");
            self.io.read_line(&mut l)?;
        }
        let w = self.io.get_mut();
        w.write_all(body)?;
        w.flush()?;
        let mut line = String::new();
        self.io.read_line(&mut line)?;
        let status: u16 = line.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        let mut headers = Vec::new();
        loop {
            let mut l = String::new();
            self.io.read_line(&mut l)?;
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap();
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        let mut body = vec![0; len];
        self.io.read_exact(&mut body)?;
        Ok(Resp {
            status,
            headers,
            body,
        })
    }

    fn soap(&mut self, service: &str, envelope: &str) -> Resp {
        self.post(
            service,
            "application/soap+xml; charset=UTF-8",
            envelope.as_bytes(),
        )
        .unwrap()
    }
}

/// One of our requests (tests/fixtures/requests: from DOCTOR, about ALICE_MT) with the
/// practitioner and the patient substituted.
fn request(file: &str, ps: &str, ins: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests")
        .join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace("499700000017001", &format!("4{}001", &ps[1..]))
        .replace(DOCTOR, ps)
        .replace(ALICE_MT, ins)
}

/// An official request with the practitioner and the patient substituted.
fn official(file: &str, ps: &str, ins: &str) -> String {
    // The example's structure is its practitioner's: substituted by the one the seed links to
    // `ps` (a direct-mode VIHF must name one of the holder's activities).
    let cabinet = format!("4{}001", &ps[1..]);
    std::fs::read_to_string(official_dir().join(file))
        .unwrap()
        .replace(OFFICIAL_PS, ps)
        .replace(OFFICIAL_STRUCTURE, &cabinet)
        .replace(OFFICIAL_INS, ins)
}

fn td02(ins: &str) -> String {
    request("TD0.2-existence-test.request.xml", DOCTOR, ins)
}

fn purpose(req: &str, code: &str) -> String {
    req.replace(
        "code=\"normal\" codeSystem=\"1.2.250.1.213.1.1.4.248\"",
        &format!("code=\"{code}\" codeSystem=\"1.2.250.1.213.1.1.4.248\""),
    )
}

fn find_docs(ins: &str) -> String {
    request("TD3.1-find-documents.request.xml", DOCTOR, ins)
}

fn with_query(ins: &str, query_id: &str, slots: &str, return_type: &str) -> String {
    let base = find_docs(ins);
    let start = base.find("<query:ResponseOption").unwrap();
    let end = base.find("</query:AdhocQueryRequest>").unwrap();
    format!(
        "{}<query:ResponseOption returnComposedObjects=\"true\" returnType=\"{return_type}\"/><rim:AdhocQuery id=\"{query_id}\">{slots}</rim:AdhocQuery>{}",
        &base[..start],
        &base[end..]
    )
}

fn slot(name: &str, value: &str) -> String {
    format!("<rim:Slot name=\"{name}\"><rim:ValueList><rim:Value>{value}</rim:Value></rim:ValueList></rim:Slot>")
}

/// The uniqueId our TD3.2 request asks for.
const FIXTURE_DOCUMENT: &str = "1.2.250.1.999.9.1.1.1";

fn retrieve(ins: &str, uid: &str) -> String {
    request("TD3.2-retrieve-document.request.xml", DOCTOR, ins)
        .replace(&format!(">{FIXTURE_DOCUMENT}<"), &format!(">{uid}<"))
}

fn xml(r: &Resp) -> String {
    r.text()
}

fn parse(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("bad XML {e}: {text}"))
}

fn elements<'a>(doc: &'a roxmltree::Document<'a>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

fn first_text(text: &str, name: &str) -> Option<String> {
    let doc = parse(text);
    let found = elements(&doc, name)
        .first()
        .map(|n| n.text().unwrap_or("").to_string());
    found
}

/// (subcode, reason) of a SOAP 1.2 fault.
fn fault(text: &str) -> (String, String) {
    let doc = parse(text);
    let sub = elements(&doc, "Subcode")
        .first()
        .and_then(|s| s.children().find(|c| c.tag_name().name() == "Value"))
        .and_then(|v| v.text())
        .unwrap_or("")
        .to_string();
    let reason = elements(&doc, "Text")
        .first()
        .and_then(|t| t.text())
        .unwrap_or("")
        .to_string();
    (sub, reason)
}

fn attention(text: &str, keyword: &str) -> String {
    let doc = parse(text);
    for line in elements(&doc, "attentionLine") {
        let kw = line
            .children()
            .find(|c| c.tag_name().name() == "keyWordText")
            .and_then(|k| k.attribute("code"));
        if kw == Some(keyword) {
            let v = line
                .children()
                .find(|c| c.tag_name().name() == "value")
                .unwrap();
            return v
                .attribute("code")
                .or(v.attribute("value"))
                .unwrap()
                .to_string();
        }
    }
    panic!("no attentionLine {keyword}: {text}")
}

fn doc_unique_ids(text: &str) -> Vec<String> {
    let doc = parse(text);
    elements(&doc, "ExternalIdentifier")
        .into_iter()
        .filter(|e| {
            e.attribute("identificationScheme")
                == Some("urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab")
        })
        .map(|e| e.attribute("value").unwrap().to_string())
        .collect()
}

fn registry_errors(text: &str) -> Vec<String> {
    let doc = parse(text);
    elements(&doc, "RegistryError")
        .into_iter()
        .map(|e| e.attribute("errorCode").unwrap().to_string())
        .collect()
}

fn uid(patient: usize, n: usize) -> String {
    format!("1.2.250.1.999.9.1.{patient}.{n}")
}

// ---------------------------------------------------------------- TLS

#[test]
fn tls_refuses_foreign_ca_client_certificate() {
    let h = shared();
    let cfg = client_config(
        &pki().foreign_auth,
        None,
        &[&rustls::version::TLS12],
        provider(),
    );
    let r = Client::connect_with(h, cfg)
        .and_then(|mut c| c.post("patient", "application/soap+xml", b"<x/>"));
    assert!(r.is_err(), "a certificate from another CA must be refused");
    let _ = &pki().foreign_root;
}

#[test]
fn tls_refuses_tls13_only_client() {
    let h = shared();
    let cfg = client_config(
        &pki().doctor_auth,
        None,
        &[&rustls::version::TLS13],
        provider(),
    );
    assert!(Client::connect_with(h, cfg).is_err());
}

#[test]
fn tls_refuses_unlisted_cipher_suites() {
    let h = shared();
    let mut p = rustls::crypto::aws_lc_rs::default_provider();
    p.cipher_suites =
        vec![rustls::crypto::aws_lc_rs::cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];
    let cfg = client_config(
        &pki().doctor_auth,
        None,
        &[&rustls::version::TLS12],
        Arc::new(p),
    );
    assert!(Client::connect_with(h, cfg).is_err());
}

#[test]
fn tls_requires_a_client_certificate() {
    let h = shared();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(pki().pki.root.cert_pem.as_bytes()).unwrap())
        .unwrap();
    let cfg = rustls::ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS12])
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let r = Client::connect_with(h, cfg)
        .and_then(|mut c| c.post("patient", "application/soap+xml", b"<x/>"));
    assert!(r.is_err());
}

#[test]
fn tls_accepts_each_dmp_suite_and_sends_date() {
    let h = shared();
    for suite in [
        rustls::crypto::aws_lc_rs::cipher_suite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        rustls::crypto::aws_lc_rs::cipher_suite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        rustls::crypto::aws_lc_rs::cipher_suite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    ] {
        let mut p = rustls::crypto::aws_lc_rs::default_provider();
        p.cipher_suites = vec![suite];
        let cfg = client_config(
            &pki().doctor_auth,
            Some(&pki().pki.personnes.cert_pem),
            &[&rustls::version::TLS12],
            Arc::new(p),
        );
        let mut c = Client::connect_with(h, cfg).unwrap();
        let r = c.soap("patient", &td02(ALICE_MT));
        assert_eq!(r.status, 200, "{}", r.text());
        let date = r.header("date").expect("Date header");
        httpdate::parse_http_date(date).unwrap();
    }
}

#[test]
fn unknown_path_is_404() {
    let mut c = Client::doctor(shared());
    let r = c.soap("registry", &td02(ALICE_MT));
    assert_eq!(r.status, 404);
}

// ---------------------------------------------------------------- TD0.2

#[test]
fn td02_statuses_over_one_connection() {
    let mut c = Client::doctor(shared());
    let r = c.soap("patient", &td02(ALICE_MT));
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/soap+xml"));
    let t = xml(&r);
    assert_eq!(attention(&t, "AUTORISATION"), "VALIDE");
    assert_eq!(attention(&t, "STATUT_MT"), "true");
    let doc = parse(&t);
    let patient = elements(&doc, "patient")[0];
    let status = patient
        .children()
        .find(|n| n.tag_name().name() == "statusCode")
        .unwrap();
    assert_eq!(status.attribute("code"), Some("active"));
    let action = first_text(&t, "Action").unwrap();
    assert_eq!(action, "urn:hl7-org:v3:PRPA_IN201308UV02");
    assert_eq!(
        first_text(&t, "RelatesTo").unwrap(),
        "urn:uuid:0b7d2a14-f2c3-4e51-9d60-3a8c5e71b902"
    );

    for (ins, auth, mt) in [
        (BERNARD_AUTH, "VALIDE", "false"),
        (CLAIRE_EXPIRE, "EXPIRE", "false"),
        (ELISE_BLOCKS_1, "INTERDIT", "false"),
        (INES_EMERGENCY, "NON_EXISTE", "false"),
        (HUGO_NO_DMP, "NON_EXISTE", "false"),
    ] {
        let t = xml(&c.soap("patient", &td02(ins)));
        assert_eq!(attention(&t, "AUTORISATION"), auth, "{ins}");
        assert_eq!(attention(&t, "STATUT_MT"), mt, "{ins}");
    }
    let t = xml(&c.soap("patient", &td02(HUGO_NO_DMP)));
    let doc = parse(&t);
    assert!(elements(&doc, "patient").is_empty());
    assert_eq!(
        elements(&doc, "queryResponseCode")[0].attribute("code"),
        Some("NF")
    );

    let t = xml(&c.soap("patient", &td02(GISELE_CLOSED)));
    let doc = parse(&t);
    let patient = elements(&doc, "patient")[0];
    let status = patient
        .children()
        .find(|n| n.tag_name().name() == "statusCode")
        .unwrap();
    assert_eq!(status.attribute("code"), Some("terminated"));
    assert_eq!(
        elements(&doc, "reasonCode")[0].attribute("code"),
        Some("FERMETURE_DEMANDE_PATIENT")
    );
}

// ---------------------------------------------------------------- SOAP/VIHF checks

#[test]
fn bad_ins_key_is_refused() {
    let mut c = Client::doctor(shared());
    let r = c.soap("patient", &td02("280057505600118"));
    assert_eq!(r.status, 500);
    let (sub, reason) = fault(&r.text());
    assert_eq!(sub, "DMPInvalidINS");
    assert!(reason.contains("clé"), "{reason}");
}

#[test]
fn missing_specialty_is_refused() {
    let mut c = Client::doctor(shared());
    let req = td02(ALICE_MT);
    // Drop the AttributeValue holding the specialty role.
    let sm26 = req.find("code=\"SM26\"").unwrap();
    let start = req[..sm26].rfind("<saml2:AttributeValue>").unwrap();
    let end = sm26
        + req[sm26..].find("</saml2:AttributeValue>").unwrap()
        + "</saml2:AttributeValue>".len();
    let req = format!("{}{}", &req[..start], &req[end..]);
    let (sub, reason) = fault(&c.soap("patient", &req).text());
    assert_eq!(sub, "DMPInvalidVIHF");
    assert!(
        reason.starts_with("Aucune spécialité dans le vihf"),
        "{reason}"
    );
}

#[test]
fn unknown_purpose_of_use_is_refused() {
    let mut c = Client::doctor(shared());
    let (sub, reason) = fault(
        &c.soap("patient", &purpose(&td02(ALICE_MT), "urgence"))
            .text(),
    );
    assert_eq!(sub, "DMPInvalidVIHF");
    assert!(reason.contains("urgence"));
}

#[test]
fn action_must_match_the_endpoint() {
    let mut c = Client::doctor(shared());
    let (sub, _) = fault(&c.soap("Habilitation", &td02(ALICE_MT)).text());
    assert_eq!(sub, "wsa:ActionNotSupported");
    let req = td02(ALICE_MT).replace(
        "urn:hl7-org:v3:PRPA_IN201307UV02</wsa:Action>",
        "urn:ihe:iti:2007:RegistryStoredQuery</wsa:Action>",
    );
    let (sub, _) = fault(&c.soap("patient", &req).text());
    assert_eq!(sub, "wsa:ActionNotSupported");
}

#[test]
fn soap11_is_refused() {
    let mut c = Client::doctor(shared());
    let req = td02(ALICE_MT).replace(
        "http://www.w3.org/2003/05/soap-envelope",
        "http://schemas.xmlsoap.org/soap/envelope/",
    );
    let r = c.soap("patient", &req);
    assert_eq!(r.status, 500);
    assert!(r.text().contains("VersionMismatch"));
}

#[test]
fn vihf_practitioner_must_match_tls_certificate() {
    let mut c = Client::doctor(shared());
    let req = request("TD0.2-existence-test.request.xml", DOCTOR2, ALICE_MT);
    let (sub, reason) = fault(&c.soap("patient", &req).text());
    assert_eq!(sub, "DMPInvalidCertificate");
    assert!(reason.contains(DOCTOR2), "{reason}");
}

const SIG_TEMPLATE: &str = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><ds:Reference URI=\"#ID\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>";

/// Sign the VIHF of `envelope` (enveloped XML-DSig, exc-c14n, RSA-SHA256) with xmlsec1.
fn sign(envelope: &str, cert_pem: &str, key_pem: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let id_start = envelope.find("ID=\"").unwrap() + 4;
    let id = &envelope[id_start..id_start + envelope[id_start..].find('"').unwrap()];
    let issuer_end = envelope.find("</saml2:Issuer>").unwrap() + "</saml2:Issuer>".len();
    let templated = format!(
        "{}{}{}",
        &envelope[..issuer_end],
        SIG_TEMPLATE.replace("#ID", &format!("#{id}")),
        &envelope[issuer_end..]
    );
    let input = dir.path().join("in.xml");
    let output = dir.path().join("out.xml");
    std::fs::write(&input, templated).unwrap();
    std::fs::write(dir.path().join("key.pem"), key_pem).unwrap();
    std::fs::write(dir.path().join("cert.pem"), cert_pem).unwrap();
    let st = std::process::Command::new("xmlsec1")
        .arg("--sign")
        .arg("--privkey-pem")
        .arg(format!(
            "{},{}",
            dir.path().join("key.pem").display(),
            dir.path().join("cert.pem").display()
        ))
        .arg("--id-attr:ID")
        .arg("urn:oasis:names:tc:SAML:2.0:assertion:Assertion")
        .arg("--output")
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "xmlsec1 --sign: {}",
        String::from_utf8_lossy(&st.stderr)
    );
    std::fs::read_to_string(output).unwrap()
}

#[test]
fn vihf_signed_with_signature_certificate_is_accepted() {
    let mut c = Client::doctor(shared());
    let p = pki();
    let req = sign(&td02(ALICE_MT), &p.doctor_sign.0, &p.doctor_sign.1);
    let r = c.soap("patient", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(attention(&r.text(), "AUTORISATION"), "VALIDE");
}

#[test]
fn vihf_signed_with_authentication_certificate_is_refused() {
    let mut c = Client::doctor(shared());
    let p = pki();
    let req = sign(&td02(ALICE_MT), &p.doctor_auth.0, &p.doctor_auth.1);
    let (sub, reason) = fault(&c.soap("patient", &req).text());
    assert_eq!(sub, "DMPInvalidCertificate");
    assert_eq!(
        reason,
        "Le certificat ayant signé le VIHF est invalide : Not a valid signature certificate"
    );
}

#[test]
fn tampered_signed_vihf_is_refused() {
    let mut c = Client::doctor(shared());
    let p = pki();
    let req = sign(&td02(ALICE_MT), &p.doctor_sign.0, &p.doctor_sign.1)
        .replace(">SA07^1.2.250.1.71.4.2.4<", ">SA01^1.2.250.1.71.4.2.4<");
    let (sub, _) = fault(&c.soap("patient", &req).text());
    assert_eq!(sub, "DMPInvalidSignature");
}

fn indirect(req: &str, user: &str) -> String {
    req.replace(">DIRECTE<", ">INDIRECTE<")
        .replace(">499700000017001<", ">1999000017<")
        .replace(&format!("<saml2:NameID>{DOCTOR}</saml2:NameID>"), &format!("<saml2:NameID>{user}</saml2:NameID>"))
        .replace(
            "<saml2:Attribute Name=\"VIHF_Version\">",
            "<saml2:Attribute Name=\"urn:oasis:names:tc:xspa:1.0:subject:subject-id\"><saml2:AttributeValue xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xsi:type=\"xs:string\">EMILIE TESTINF0000003</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name=\"VIHF_Version\">",
        )
}

fn structure_client(h: &ServerHandle) -> (Client, String, String) {
    let cert = std::fs::read_to_string(&h.structure.cert_pem).unwrap();
    let key = std::fs::read_to_string(&h.structure.key_pem).unwrap();
    let cfg = client_config(
        &(cert.clone(), key.clone()),
        Some(&pki().pki.organisations.cert_pem),
        &[&rustls::version::TLS12],
        provider(),
    );
    (Client::connect_with(h, cfg).unwrap(), cert, key)
}

#[test]
fn indirect_mode_with_structure_certificate() {
    let h = shared();
    let (mut c, cert, key) = structure_client(h);
    // Unsigned VIHF: refused in indirect mode.
    let unsigned = indirect(&td02(ALICE_MT), "899700000039");
    let (sub, _) = fault(&c.soap("patient", &unsigned).text());
    assert_eq!(sub, "DMPInvalidVIHF");
    // Signed by the structure: accepted, the structure is authorized on ALICE.
    let r = c.soap("patient", &sign(&unsigned, &cert, &key));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(attention(&r.text(), "AUTORISATION"), "VALIDE");
    // A doctor's signature does not stand for the structure.
    let p = pki();
    let (sub, _) = fault(
        &c.soap(
            "patient",
            &sign(&unsigned, &p.doctor_sign.0, &p.doctor_sign.1),
        )
        .text(),
    );
    assert_eq!(sub, "DMPInvalidCertificate");
    // Metadata search is not open to structures (F1), reference search is, on its own documents.
    let fd = sign(&indirect(&find_docs(ALICE_MT), "899700000039"), &cert, &key);
    let t = c.soap("DocumentRegistry_Service", &fd).text();
    assert_eq!(registry_errors(&t), vec!["DMPAccessDeniedByRightsService"]);
    let q = with_query(
        ALICE_MT,
        "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4",
        &slot(
            "$XDSDocumentEntryUniqueId",
            &format!("('{}','{}')", uid(1, 6), uid(1, 1)),
        ),
        "ObjectRef",
    );
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &sign(&indirect(&q, "899700000039"), &cert, &key),
        )
        .text();
    let doc = parse(&t);
    let refs: Vec<_> = elements(&doc, "ObjectRef")
        .iter()
        .map(|r| r.attribute("id").unwrap().to_string())
        .collect();
    assert_eq!(
        refs,
        vec!["urn:uuid:5a4d0b00-0001-4000-8000-000001000006"],
        "{t}"
    );
    // A structure certificate cannot pretend to be a card holder.
    let (sub, _) = fault(&c.soap("patient", &td02(ALICE_MT)).text());
    assert_eq!(sub, "DMPInvalidCertificate");
}

// ---------------------------------------------------------------- TD0.3 / TD1.6 / TD0.4

fn set_auth(ins: &str, action: &str, role: Option<&str>) -> String {
    let req = request("TD0.3-set-authorization.request.xml", DOCTOR, ins);
    let role = role
        .map(|r| format!("<role>{r}</role>"))
        .unwrap_or_default();
    req.replace(
        "<action>AJOUT</action>",
        &format!("<action>{action}</action>{role}"),
    )
}

#[test]
fn td03_add_remove_and_mt_role() {
    let h = start();
    let mut c = Client::doctor(&h);
    let r = c.soap("Habilitation", &set_auth(INES_EMERGENCY, "AJOUT", None));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(first_text(&r.text(), "status").unwrap(), "DMPOk");
    assert_eq!(
        first_text(&r.text(), "context").unwrap(),
        "Autorisation ajoutée"
    );
    assert_eq!(
        attention(
            &c.soap("patient", &td02(INES_EMERGENCY)).text(),
            "AUTORISATION"
        ),
        "VALIDE"
    );
    let t = c
        .soap("Habilitation", &set_auth(INES_EMERGENCY, "AJOUT", None))
        .text();
    assert_eq!(
        first_text(&t, "context").unwrap(),
        "Autorisation déjà présente aucune action effectuée"
    );
    let t = c
        .soap(
            "Habilitation",
            &set_auth(INES_EMERGENCY, "AJOUT", Some("MEDECIN_TRAITANT")),
        )
        .text();
    assert_eq!(first_text(&t, "status").unwrap(), "DMPOk");
    assert_eq!(
        attention(
            &c.soap("patient", &td02(INES_EMERGENCY)).text(),
            "STATUT_MT"
        ),
        "true"
    );
    let t = c
        .soap(
            "Habilitation",
            &set_auth(INES_EMERGENCY, "SUPPRESSION", Some("MEDECIN_TRAITANT")),
        )
        .text();
    assert_eq!(
        first_text(&t, "context").unwrap(),
        "Rôle de médecin traitant supprimé"
    );
    let t = c
        .soap(
            "Habilitation",
            &set_auth(INES_EMERGENCY, "SUPPRESSION", None),
        )
        .text();
    assert_eq!(first_text(&t, "context").unwrap(), "Autorisation supprimée");
    assert_eq!(
        attention(
            &c.soap("patient", &td02(INES_EMERGENCY)).text(),
            "AUTORISATION"
        ),
        "NON_EXISTE"
    );
    // Expired → renewed.
    let t = c
        .soap("Habilitation", &set_auth(CLAIRE_EXPIRE, "AJOUT", None))
        .text();
    assert_eq!(
        first_text(&t, "context").unwrap(),
        "Autorisation renouvelée"
    );
    // Blocked: refused.
    let (sub, reason) = fault(
        &c.soap("Habilitation", &set_auth(ELISE_BLOCKS_1, "AJOUT", None))
            .text(),
    );
    assert_eq!(sub, "DMPAccessDeniedByRightsService");
    assert!(reason.contains("interdit"));
    // Not in emergency mode.
    let (sub, _) = fault(
        &c.soap(
            "Habilitation",
            &purpose(&set_auth(INES_EMERGENCY, "AJOUT", None), "bris_de_glace"),
        )
        .text(),
    );
    assert_eq!(sub, "DMPAccessDeniedByRightsService");
    // Closed DMP.
    let (sub, _) = fault(
        &c.soap("Habilitation", &set_auth(GISELE_CLOSED, "AJOUT", None))
            .text(),
    );
    assert_eq!(sub, "DMPClosed");
}

#[test]
fn td16_lists_active_and_blocked() {
    let mut c = Client::doctor(shared());
    let req = request(
        "TD1.6-authorized-or-blocked-professionals.request.xml",
        DOCTOR,
        DENIS_BLOCKS_2,
    );
    let r = c.soap("Habilitation", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    let t = r.text();
    let doc = parse(&t);
    let items: Vec<(String, String)> = elements(&doc, "listOfAuthorizationByPatient")
        .iter()
        .map(|i| {
            let get = |n: &str| {
                i.children()
                    .find(|c| c.tag_name().name() == n)
                    .and_then(|c| c.text())
                    .unwrap_or("")
                    .to_string()
            };
            (get("nationalId"), get("mode"))
        })
        .collect();
    assert!(
        items.contains(&(DOCTOR.into(), "ACTIVE".into())),
        "{items:?}"
    );
    assert!(
        items.contains(&(DOCTOR2.into(), "INTERDITE".into())),
        "{items:?}"
    );
    let only_blocked = req.replace("<mode>TOUTE</mode>", "<mode>INTERDITE</mode>");
    let t = c.soap("Habilitation", &only_blocked).text();
    assert_eq!(
        parse(&t)
            .descendants()
            .filter(|n| n.tag_name().name() == "listOfAuthorizationByPatient")
            .count(),
        1
    );
    // MT flag on ALICE.
    let t = c
        .soap(
            "Habilitation",
            &request(
                "TD1.6-authorized-or-blocked-professionals.request.xml",
                DOCTOR,
                ALICE_MT,
            ),
        )
        .text();
    assert!(t.contains("<specificRight>MEDECIN_TRAITANT</specificRight>"));
    // No authorization: refused.
    let (sub, _) = fault(
        &c.soap(
            "Habilitation",
            &request(
                "TD1.6-authorized-or-blocked-professionals.request.xml",
                DOCTOR,
                INES_EMERGENCY,
            ),
        )
        .text(),
    );
    assert_eq!(sub, "DMPAccessDeniedByRightsService");
}

#[test]
fn td04_lists_authorized_dmps() {
    let mut c = Client::doctor(shared());
    let req = request("TD0.4-authorized-dmp-list.request.xml", DOCTOR, ALICE_MT);
    let r = c.soap("PatientSpecific", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    let t = r.text();
    let doc = parse(&t);
    let ids: Vec<String> = elements(&doc, "nationalId")
        .iter()
        .map(|n| n.text().unwrap().to_string())
        .collect();
    for ins in [ALICE_MT, BERNARD_AUTH, DENIS_BLOCKS_2] {
        assert!(ids.contains(&ins.to_string()), "{ins} in {ids:?}");
    }
    for ins in [CLAIRE_EXPIRE, ELISE_BLOCKS_1, GISELE_CLOSED, INES_EMERGENCY] {
        assert!(!ids.contains(&ins.to_string()), "{ins} in {ids:?}");
    }
    assert_eq!(first_text(&t, "status").unwrap(), "DMPOk");
    // Since a recent date: only the newest authorization.
    let recent = req.replace(
        "<startDate>20200101000000</startDate>",
        "<startDate>20250501000000</startDate>",
    );
    let t = c.soap("PatientSpecific", &recent).text();
    let doc = parse(&t);
    let ids: Vec<String> = elements(&doc, "nationalId")
        .iter()
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec![DENIS_BLOCKS_2.to_string()]);
}

// ---------------------------------------------------------------- TD3.1

#[test]
fn td31_find_documents_rights() {
    let mut c = Client::doctor(shared());
    // Attending physician: masked documents visible; Deprecated not in an Approved query.
    let r = c.soap("DocumentRegistry_Service", &find_docs(ALICE_MT));
    assert_eq!(r.status, 200, "{}", r.text());
    let ids = doc_unique_ids(&r.text());
    assert!(ids.contains(&uid(1, 2)), "masked visible to MT: {ids:?}");
    assert!(ids.contains(&uid(1, 5)));
    assert!(!ids.contains(&uid(1, 4)), "deprecated excluded");
    assert!(!ids.contains(&uid(1, 7)), "archived excluded");
    // Authorized, not MT: masked by another author hidden; own masked and patient-invisible visible.
    let ids = doc_unique_ids(
        &c.soap("DocumentRegistry_Service", &find_docs(BERNARD_AUTH))
            .text(),
    );
    assert!(!ids.contains(&uid(2, 2)), "{ids:?}");
    assert!(ids.contains(&uid(2, 3)));
    assert!(ids.contains(&uid(2, 4)));
    assert_eq!(ids.len(), 4);
    // Refusals as RegistryErrors.
    for (ins, code) in [
        (INES_EMERGENCY, "DMPAccessDeniedByRightsService"),
        (CLAIRE_EXPIRE, "DMPAccessDeniedByRightsService"),
        (ELISE_BLOCKS_1, "DMPAccessDeniedByRightsService"),
        (GISELE_CLOSED, "DMPClosed"),
    ] {
        let t = c.soap("DocumentRegistry_Service", &find_docs(ins)).text();
        assert_eq!(registry_errors(&t), vec![code], "{ins}: {t}");
        assert!(t.contains("ResponseStatusType:Failure"));
    }
    // Emergency: allowed without authorization, masked visible since INES allowed it.
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &purpose(&find_docs(INES_EMERGENCY), "bris_de_glace"),
        )
        .text();
    let ids = doc_unique_ids(&t);
    assert_eq!(ids, vec![uid(9, 1), uid(9, 2)], "{t}");
    // Regulation: allowed.
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &purpose(&find_docs(INES_EMERGENCY), "centre_15"),
        )
        .text();
    assert_eq!(doc_unique_ids(&t).len(), 2);
    // Opposed emergency.
    for mode in ["bris_de_glace", "centre_15"] {
        let t = c
            .soap(
                "DocumentRegistry_Service",
                &purpose(&find_docs(FRANCK_OPPOSED), mode),
            )
            .text();
        assert_eq!(
            registry_errors(&t),
            vec!["DMPAccessDeniedByRightsService"],
            "{mode}"
        );
    }
    // Blocked professional even in emergency.
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &purpose(&find_docs(ELISE_BLOCKS_1), "bris_de_glace"),
        )
        .text();
    assert_eq!(registry_errors(&t), vec!["DMPAccessDeniedByRightsService"]);
}

#[test]
fn td31_blocked_second_practitioner() {
    let h = shared();
    let cfg = client_config(
        &pki().doctor2_auth,
        Some(&pki().pki.personnes.cert_pem),
        &[&rustls::version::TLS12],
        provider(),
    );
    let mut c = Client::connect_with(h, cfg).unwrap();
    let req = request("TD3.1-find-documents.request.xml", DOCTOR2, DENIS_BLOCKS_2);
    let t = c.soap("DocumentRegistry_Service", &req).text();
    assert_eq!(registry_errors(&t), vec!["DMPAccessDeniedByRightsService"]);
    let t = c
        .soap(
            "patient",
            &request("TD0.2-existence-test.request.xml", DOCTOR2, DENIS_BLOCKS_2),
        )
        .text();
    assert_eq!(attention(&t, "AUTORISATION"), "INTERDIT");
}

/// LOUIS (SEED.md): a part of the registry holding his document 3 does not answer.
const LOUIS_PARTIAL: &str = "190077505610191";

#[test]
fn td31_a_silent_part_of_the_registry_makes_the_answer_partial() {
    let mut c = Client::doctor(shared());
    let partial = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    let status = |t: &str| {
        parse(t)
            .root_element()
            .descendants()
            .find(|n| n.tag_name().name() == "AdhocQueryResponse")
            .and_then(|n| n.attribute("status"))
            .unwrap()
            .to_string()
    };
    // A search: what the other parts hold, and the RegistryError of the silent one.
    let t = c
        .soap("DocumentRegistry_Service", &find_docs(LOUIS_PARTIAL))
        .text();
    assert_eq!(status(&t), partial, "{t}");
    assert_eq!(doc_unique_ids(&t), vec![uid(20, 1), uid(20, 2)]);
    assert_eq!(registry_errors(&t), vec!["XDSUnavailableCommunity"]);
    let doc = parse(&t);
    let e = elements(&doc, "RegistryError")[0];
    assert_eq!(e.attribute("location"), Some("1.2.250.1.999.9.3"));
    assert!(e.attribute("severity").unwrap().ends_with(":Error"));
    assert!(!e.attribute("codeContext").unwrap().is_empty());
    // By id: partial only when the silent document is named.
    let get = |c: &mut Client, unique_id: &str| {
        c.soap(
            "DocumentRegistry_Service",
            &with_query(
                LOUIS_PARTIAL,
                "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4",
                &slot("$XDSDocumentEntryUniqueId", &format!("('{unique_id}')")),
                "LeafClass",
            ),
        )
        .text()
    };
    let t = get(&mut c, &uid(20, 1));
    assert!(t.contains("ResponseStatusType:Success"), "{t}");
    assert_eq!(doc_unique_ids(&t), vec![uid(20, 1)]);
    let t = get(&mut c, &uid(20, 3));
    assert_eq!(status(&t), partial, "{t}");
    assert!(doc_unique_ids(&t).is_empty());
    assert_eq!(registry_errors(&t), vec!["XDSUnavailableCommunity"]);
}

#[test]
fn td31_filters_and_other_queries() {
    let mut c = Client::doctor(shared());
    let pid = format!("'{ALICE_MT}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH'");
    let approved = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')";
    let fd = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    let run = |c: &mut Client, extra: &str, rt: &str| {
        let slots = format!(
            "{}{}{extra}",
            slot("$XDSDocumentEntryPatientId", &pid),
            slot("$XDSDocumentEntryStatus", approved)
        );
        c.soap(
            "DocumentRegistry_Service",
            &with_query(ALICE_MT, fd, &slots, rt),
        )
        .text()
    };
    // classCode
    let ids = doc_unique_ids(&run(
        &mut c,
        &slot(
            "$XDSDocumentEntryClassCode",
            "('42^^1.2.250.1.213.1.1.4.1')",
        ),
        "LeafClass",
    ));
    assert_eq!(ids, vec![uid(1, 5)]);
    // typeCode
    let ids = doc_unique_ids(&run(
        &mut c,
        &slot(
            "$XDSDocumentEntryTypeCode",
            "('11502-2^^2.16.840.1.113883.6.1')",
        ),
        "LeafClass",
    ));
    assert_eq!(ids, vec![uid(1, 1)]);
    // creation time window
    let ids = doc_unique_ids(&run(
        &mut c,
        &format!(
            "{}{}",
            slot("$XDSDocumentEntryCreationTimeFrom", "20250601"),
            slot("$XDSDocumentEntryCreationTimeTo", "20250801")
        ),
        "LeafClass",
    ));
    assert_eq!(ids, vec![uid(1, 3), uid(1, 5)]);
    // author
    let ids = doc_unique_ids(&run(
        &mut c,
        &slot("$XDSDocumentEntryAuthorPerson", "('899700000039%')"),
        "LeafClass",
    ));
    assert_eq!(ids, vec![uid(1, 6)]);
    // Deprecated and Archived statuses
    let slots = format!(
        "{}{}",
        slot("$XDSDocumentEntryPatientId", &pid),
        slot("$XDSDocumentEntryStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated','urn:asip:ci-sis:2010:StatusType:Archived')")
    );
    let ids = doc_unique_ids(
        &c.soap(
            "DocumentRegistry_Service",
            &with_query(ALICE_MT, fd, &slots, "LeafClass"),
        )
        .text(),
    );
    assert_eq!(ids, vec![uid(1, 7), uid(1, 4)]);
    // ObjectRef
    let t = run(&mut c, "", "ObjectRef");
    assert_eq!(
        parse(&t)
            .descendants()
            .filter(|n| n.tag_name().name() == "ObjectRef")
            .count(),
        5
    );
    // FindSubmissionSets since a date
    let slots = format!(
        "{}{}{}",
        slot("$XDSSubmissionSetPatientId", &pid),
        slot("$XDSSubmissionSetStatus", approved),
        slot("$XDSSubmissionSetSubmissionTimeFrom", "20250701000000")
    );
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &with_query(
                ALICE_MT,
                "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9",
                &slots,
                "LeafClass",
            ),
        )
        .text();
    let doc = parse(&t);
    let sets: Vec<String> = elements(&doc, "RegistryPackage")
        .iter()
        .map(|p| p.attribute("id").unwrap().to_string())
        .collect();
    assert_eq!(sets.len(), 3, "{t}");
    // GetAssociations on the replacing document: HasMember + RPLC.
    let new_uuid = "urn:uuid:5a4d0b00-0001-4000-8000-000001000005";
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &with_query(
                ALICE_MT,
                "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155",
                &slot("$uuid", &format!("('{new_uuid}')")),
                "LeafClass",
            ),
        )
        .text();
    let doc = parse(&t);
    let types: Vec<String> = elements(&doc, "Association")
        .iter()
        .map(|a| a.attribute("associationType").unwrap().to_string())
        .collect();
    assert!(
        types.contains(&"urn:ihe:iti:2007:AssociationType:RPLC".to_string()),
        "{types:?}"
    );
    assert!(
        types.contains(&"urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember".to_string())
    );
    let rplc = elements(&doc, "Association")
        .into_iter()
        .find(|a| a.attribute("associationType") == Some("urn:ihe:iti:2007:AssociationType:RPLC"))
        .unwrap();
    assert_eq!(
        rplc.attribute("targetObject"),
        Some("urn:uuid:5a4d0b00-0001-4000-8000-000001000004")
    );
    // GetDocumentsAndAssociations
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &with_query(
                ALICE_MT,
                "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a",
                &slot("$XDSDocumentEntryEntryUUID", &format!("('{new_uuid}')")),
                "LeafClass",
            ),
        )
        .text();
    assert_eq!(doc_unique_ids(&t), vec![uid(1, 5)]);
    assert_eq!(
        parse(&t)
            .descendants()
            .filter(|n| n.tag_name().name() == "Association")
            .count(),
        2
    );
    // GetDocuments by uniqueId, including the deprecated version.
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &with_query(
                ALICE_MT,
                "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4",
                &slot("$XDSDocumentEntryUniqueId", &format!("('{}')", uid(1, 4))),
                "LeafClass",
            ),
        )
        .text();
    assert_eq!(doc_unique_ids(&t), vec![uid(1, 4)]);
    assert!(t.contains("StatusType:Deprecated"));
    // Masked document of another author through GetDocuments: hidden for BERNARD.
    let q = with_query(
        BERNARD_AUTH,
        "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4",
        &slot("$XDSDocumentEntryUniqueId", &format!("('{}')", uid(2, 2))),
        "LeafClass",
    );
    assert!(doc_unique_ids(&c.soap("DocumentRegistry_Service", &q).text()).is_empty());
    // Unknown stored query.
    let t = c
        .soap(
            "DocumentRegistry_Service",
            &with_query(
                ALICE_MT,
                "urn:uuid:00000000-0000-0000-0000-000000000000",
                "",
                "LeafClass",
            ),
        )
        .text();
    assert_eq!(registry_errors(&t), vec!["XDSUnknownStoredQuery"]);
}

// ---------------------------------------------------------------- TD3.2

/// Minimal multipart/related reader (independent of the server's).
type MimePart = (Vec<(String, String)>, Vec<u8>);

fn mtom_parts(r: &Resp) -> Vec<MimePart> {
    let ct = r.header("content-type").unwrap();
    assert!(ct.starts_with("multipart/related"), "{ct}");
    assert!(ct.contains("application/xop+xml"));
    let b = ct
        .split("boundary=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let delim = format!("--{b}");
    let body = &r.body;
    let mut parts = Vec::new();
    let positions: Vec<usize> = (0..body.len().saturating_sub(delim.len()))
        .filter(|&i| body[i..].starts_with(delim.as_bytes()))
        .collect();
    for w in positions.windows(2) {
        let part = &body[w[0] + delim.len() + 2..w[1] - 2];
        let split = (0..part.len())
            .find(|&i| part[i..].starts_with(b"\r\n\r\n"))
            .unwrap();
        let headers = String::from_utf8_lossy(&part[..split])
            .lines()
            .filter_map(|l| {
                l.split_once(':')
                    .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
            })
            .collect();
        parts.push((headers, part[split + 4..].to_vec()));
    }
    parts
}

fn stored_content(h: &ServerHandle, unique_id: &str) -> Vec<u8> {
    let conn = h.state.store.conn();
    dmp_sandbox::server::store::all_documents(&conn)
        .unwrap()
        .into_iter()
        .find(|d| d.unique_id == unique_id)
        .unwrap()
        .content
}

#[test]
fn td32_retrieves_stored_bytes_as_mtom() {
    let h = shared();
    let mut c = Client::doctor(h);
    for (ins, id, mime) in [
        (ALICE_MT, uid(1, 1), "text/xml"),
        (ALICE_MT, uid(1, 2), "text/xml"),
        (BERNARD_AUTH, uid(2, 5), "application/pdf"),
    ] {
        let r = c.soap("DocumentRepository_Service", &retrieve(ins, &id));
        assert_eq!(r.status, 200, "{}", r.text());
        let parts = mtom_parts(&r);
        assert_eq!(parts.len(), 2);
        let root = String::from_utf8(parts[0].1.clone()).unwrap();
        assert!(root.contains("ResponseStatusType:Success"), "{root}");
        assert_eq!(first_text(&root, "mimeType").unwrap(), mime);
        let href = root
            .split("href=\"cid:")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let cid = parts[1]
            .0
            .iter()
            .find(|(k, _)| k == "content-id")
            .unwrap()
            .1
            .clone();
        assert_eq!(cid.trim_matches(|c| c == '<' || c == '>'), href);
        assert_eq!(parts[1].1, stored_content(h, &id), "{id}");
        if mime == "application/pdf" {
            assert!(parts[1].1.starts_with(b"%PDF-"));
        }
    }
}

#[test]
fn td32_masked_document_hidden_and_faults_in_mtom() {
    let h = shared();
    let mut c = Client::doctor(h);
    let r = c.soap(
        "DocumentRepository_Service",
        &retrieve(BERNARD_AUTH, &uid(2, 2)),
    );
    let parts = mtom_parts(&r);
    let root = String::from_utf8(parts[0].1.clone()).unwrap();
    assert_eq!(registry_errors(&root), vec!["XDSDocumentUniqueIdError"]);
    assert_eq!(parts.len(), 1);
    // No authorization.
    let r = c.soap(
        "DocumentRepository_Service",
        &retrieve(INES_EMERGENCY, &uid(9, 1)),
    );
    let root = String::from_utf8(mtom_parts(&r)[0].1.clone()).unwrap();
    assert_eq!(
        registry_errors(&root),
        vec!["DMPAccessDeniedByRightsService"]
    );
    // Emergency on INES: allowed, masked included (patient allowed it).
    let r = c.soap(
        "DocumentRepository_Service",
        &purpose(&retrieve(INES_EMERGENCY, &uid(9, 2)), "bris_de_glace"),
    );
    assert_eq!(mtom_parts(&r)[1].1, stored_content(h, &uid(9, 2)));
    // SOAP fault, MTOM-packaged.
    let r = c.soap(
        "DocumentRepository_Service",
        &retrieve(ALICE_MT, &uid(1, 1)).replace(
            "urn:ihe:iti:2007:RetrieveDocumentSet</wsa:Action>",
            "urn:ihe:iti:2007:Nope</wsa:Action>",
        ),
    );
    assert_eq!(r.status, 500);
    let parts = mtom_parts(&r);
    let (sub, _) = fault(&String::from_utf8(parts[0].1.clone()).unwrap());
    assert_eq!(sub, "wsa:ActionNotSupported");
}

// ---------------------------------------------------------------- traces, profile, CLI data

#[test]
fn traces_record_every_access() {
    let h = start();
    let mut c = Client::doctor(&h);
    c.soap("DocumentRegistry_Service", &find_docs(BERNARD_AUTH));
    c.soap("DocumentRegistry_Service", &find_docs(INES_EMERGENCY));
    c.soap(
        "DocumentRepository_Service",
        &purpose(&retrieve(INES_EMERGENCY, &uid(9, 1)), "bris_de_glace"),
    );
    let traces = {
        let conn = h.state.store.conn();
        dmp_sandbox::server::traces::list(&conn).unwrap()
    };
    assert_eq!(traces.len(), 3);
    assert_eq!(traces[0].national_id, DOCTOR);
    assert_eq!(traces[0].transaction, "TD3.1");
    assert_eq!(traces[0].outcome, "OK");
    assert_eq!(traces[0].ins, BERNARD_AUTH);
    assert_eq!(traces[0].documents.len(), 4);
    assert_eq!(traces[1].outcome, "DMPAccessDeniedByRightsService");
    assert_eq!(traces[2].access_mode, "bris_de_glace");
    assert_eq!(traces[2].documents, vec![uid(9, 1)]);
    let mut out = Vec::new();
    dmp_sandbox::server::traces::print_table(&mut out, &traces).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("bris_de_glace") && out.contains("TD3.2"),
        "{out}"
    );
}

#[test]
fn client_profile_is_written() {
    let h = shared();
    let t: toml::Table = std::fs::read_to_string(&h.profile_path)
        .unwrap()
        .parse()
        .unwrap();
    let p = &t["profiles"]["sandbox"];
    assert_eq!(p["endpoint"].as_str().unwrap(), h.endpoint());
    assert_eq!(
        p["trust_anchors"][0].as_str().unwrap(),
        pki().pki.dir.join("ca-bundle.pem").display().to_string()
    );
    assert_eq!(p["structure_id"].as_str(), Some("1999000017"));
    assert!(Path::new(p["structure_cert"].as_str().unwrap()).exists());
    assert!(Path::new(p["structure_cert_password_file"].as_str().unwrap()).exists());
    for k in ["lps_name", "lps_version", "lps_homologation"] {
        assert!(p[k].as_str().is_some(), "{k}");
    }
    let _ = &pki().dir;
}

#[test]
fn data_is_reused_after_restart() {
    let data = tempfile::tempdir().unwrap();
    let opts = ServeOptions::new(data.path(), pki().pki.dir.clone());
    let first = server::spawn(opts.clone()).unwrap();
    {
        let mut c = Client::doctor(&first);
        let t = c
            .soap("Habilitation", &set_auth(INES_EMERGENCY, "AJOUT", None))
            .text();
        assert_eq!(first_text(&t, "status").unwrap(), "DMPOk");
    }
    drop(first);
    let p12_before = std::fs::read(data.path().join("structure/structure.p12")).unwrap();
    let second = server::spawn(opts).unwrap();
    let mut c = Client::doctor(&second);
    assert_eq!(
        attention(
            &c.soap("patient", &td02(INES_EMERGENCY)).text(),
            "AUTORISATION"
        ),
        "VALIDE"
    );
    assert_eq!(
        std::fs::read(data.path().join("structure/structure.p12")).unwrap(),
        p12_before
    );
}

#[test]
fn td32_request_may_be_mtom_and_expect_continue_is_honoured() {
    let h = shared();
    let mut c = Client::doctor(h);
    let env = retrieve(ALICE_MT, &uid(1, 3));
    let boundary = "MIMEBoundary_test";
    let body = format!(
        "--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root@test>\r\n\r\n{env}\r\n--{boundary}--\r\n"
    );
    let ct = format!(
        "multipart/related; boundary=\"{boundary}\"; type=\"application/xop+xml\"; start=\"<root@test>\"; start-info=\"application/soap+xml\""
    );
    let r = c
        .post_with(
            "DocumentRepository_Service",
            &ct,
            "Expect: 100-continue\r\n",
            body.as_bytes(),
        )
        .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(mtom_parts(&r)[1].1, stored_content(h, &uid(1, 3)));
}

#[test]
fn signature_algorithms_are_checked() {
    let mut c = Client::doctor(shared());
    let p = pki();
    let signed = sign(&td02(ALICE_MT), &p.doctor_sign.0, &p.doctor_sign.1);
    let weak = signed.replace(
        "http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod",
        "http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/><ds:SignatureMethod",
    );
    let (sub, reason) = fault(&c.soap("patient", &weak).text());
    assert_eq!(sub, "DMPInvalidSignature");
    assert!(reason.contains("algorithmes"), "{reason}");
}

// ---------------------------------------------------------------- conformance: the official requests

// The official example requests, practitioner and patient substituted, are answered as ours are.

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td02_request_is_answered_signed_or_not() {
    let mut c = Client::doctor(shared());
    let req = official("TD0.2-existence-test.request.xml", DOCTOR, ALICE_MT);
    let r = c.soap("patient", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(attention(&r.text(), "AUTORISATION"), "VALIDE");
    assert_eq!(attention(&r.text(), "STATUT_MT"), "true");
    let p = pki();
    let r = c.soap("patient", &sign(&req, &p.doctor_sign.0, &p.doctor_sign.1));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(attention(&r.text(), "AUTORISATION"), "VALIDE");
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td03_request_is_answered() {
    let h = start();
    let mut c = Client::doctor(&h);
    let req = official(
        "TD0.3-set-authorization.request.xml",
        DOCTOR,
        INES_EMERGENCY,
    );
    let r = c.soap("Habilitation", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(first_text(&r.text(), "status").unwrap(), "DMPOk");
    assert_eq!(
        first_text(&r.text(), "context").unwrap(),
        "Autorisation ajoutée"
    );
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td16_request_is_answered() {
    let mut c = Client::doctor(shared());
    let req = official(
        "TD1.6-authorized-or-blocked-professionals.request.xml",
        DOCTOR,
        DENIS_BLOCKS_2,
    );
    let r = c.soap("Habilitation", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    let t = r.text();
    let ids: Vec<String> = elements(&parse(&t), "nationalId")
        .iter()
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(ids.contains(&DOCTOR.to_string()), "{ids:?}");
    assert!(ids.contains(&DOCTOR2.to_string()), "{ids:?}");
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td04_request_is_answered() {
    let mut c = Client::doctor(shared());
    let req = official("TD0.4-authorized-dmp-list.request.xml", DOCTOR, ALICE_MT).replace(
        "<dateType>LASTDOC</dateType>",
        "<dateType>LASTAUTORIZATION</dateType>",
    );
    let r = c.soap("PatientSpecific", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    let t = r.text();
    assert_eq!(first_text(&t, "status").unwrap(), "DMPOk");
    let ids: Vec<String> = elements(&parse(&t), "nationalId")
        .iter()
        .map(|n| n.text().unwrap().to_string())
        .collect();
    for ins in [ALICE_MT, BERNARD_AUTH, DENIS_BLOCKS_2] {
        assert!(ids.contains(&ins.to_string()), "{ins} in {ids:?}");
    }
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td31_request_is_answered() {
    let mut c = Client::doctor(shared());
    let req = official("TD3.1-find-documents.request.xml", DOCTOR, ALICE_MT);
    let r = c.soap("DocumentRegistry_Service", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    let ids = doc_unique_ids(&r.text());
    assert!(ids.contains(&uid(1, 2)), "{ids:?}");
    assert!(ids.contains(&uid(1, 5)), "{ids:?}");
    assert!(!ids.contains(&uid(1, 4)), "deprecated excluded: {ids:?}");
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td32_request_is_answered() {
    let h = shared();
    let mut c = Client::doctor(h);
    let req = official("TD3.2-retrieve-document.request.xml", DOCTOR, ALICE_MT)
        .replace("1.2.250.1.999.1.1.7898.1.995657292", &uid(1, 1));
    let r = c.soap("DocumentRepository_Service", &req);
    assert_eq!(r.status, 200, "{}", r.text());
    let parts = mtom_parts(&r);
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[1].1, stored_content(h, &uid(1, 1)));
}

/// Direct mode: the VIHF's structure must be one of the card holder's activities (the
/// sandbox's seed links DOCTOR to his cabinet and a group practice, nothing else).
#[test]
fn direct_structure_must_be_an_activity_of_the_holder() {
    let mut c = Client::doctor(shared());
    let with = |structure: &str| td02(ALICE_MT).replace("499700000017001", structure);
    // The group practice is one of DOCTOR's activities.
    let t = c.soap("patient", &with("499700000017002")).text();
    assert_eq!(attention(&t, "AUTORISATION"), "VALIDE", "{t}");
    // The clinic exists, but DOCTOR does not work there.
    let (sub, reason) = fault(&c.soap("patient", &with("1999000017")).text());
    assert_eq!(sub, "DMPInvalidVIHF");
    assert!(reason.starts_with("PS et Structure non liés"), "{reason}");
    // A structure nobody knows.
    let (sub, reason) = fault(&c.soap("patient", &with("499999999999001")).text());
    assert_eq!(sub, "DMPInvalidVIHF");
    assert!(
        reason.starts_with("Structure introuvable ou Inactive"),
        "{reason}"
    );
}
// ---------------------------------------------------------------- TD3.3 (ITI-57)

const ITI57: &str = "urn:ihe:iti:2010:UpdateDocumentSet";
const APPROVED_ST: &str = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
const ARCHIVED_ST: &str = "urn:asip:ci-sis:2010:StatusType:Archived";
const DELETED_ST: &str = "urn:asip:ci-sis:2010:StatusType:Deleted";

/// Our TD3.1 request's envelope (VIHF of `ps` about `ins`) around an ITI-57 body.
fn update_request(ps: &str, ins: &str, objects: &str) -> String {
    let base = request("TD3.1-find-documents.request.xml", ps, ins)
        .replace("urn:ihe:iti:2007:RegistryStoredQuery", ITI57);
    let start = base.find("<query:AdhocQueryRequest").unwrap();
    let end = base.find("</query:AdhocQueryRequest>").unwrap() + "</query:AdhocQueryRequest>".len();
    let set = format!(
        r#"<rim:RegistryPackage id="SubmissionSet01"><rim:Slot name="submissionTime"><rim:ValueList><rim:Value>20250101120000</rim:Value></rim:ValueList></rim:Slot><rim:Classification classificationNode="urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd" classifiedObject="SubmissionSet01" id="c1"/><rim:ExternalIdentifier id="e1" identificationScheme="urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446" registryObject="SubmissionSet01" value="{ins}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH"/><rim:ExternalIdentifier id="e2" identificationScheme="urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8" registryObject="SubmissionSet01" value="1.2.250.1.999.7.1"/></rim:RegistryPackage>"#
    );
    format!(
        r#"{}<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><rim:RegistryObjectList>{set}{objects}</rim:RegistryObjectList></lcm:SubmitObjectsRequest>{}"#,
        &base[..start],
        &base[end..]
    )
}

fn status_change(entry: &str, from: &str, to: &str) -> String {
    format!(
        r#"<rim:Association associationType="urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus" id="a1" sourceObject="SubmissionSet01" targetObject="{entry}">{}{}</rim:Association>"#,
        slot("OriginalStatus", from),
        slot("NewStatus", to)
    )
}

/// A metadata update of `d` with these confidentiality codes.
fn visibility_change(d: &dmp_sandbox::server::store::Document, codes: &[&str]) -> String {
    let conf: String = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                r#"<rim:Classification classificationScheme="urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f" classifiedObject="Document01" id="cc{i}" nodeRepresentation="{c}"/>"#
            )
        })
        .collect();
    format!(
        r#"<rim:ExtrinsicObject id="Document01" lid="{}" mimeType="{}" objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1">{conf}<rim:ExternalIdentifier id="ed1" identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" registryObject="Document01" value="{}"/></rim:ExtrinsicObject><rim:Association associationType="urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember" id="a1" sourceObject="SubmissionSet01" targetObject="Document01">{}{}</rim:Association>"#,
        d.logical_id,
        d.mime_type,
        d.unique_id,
        slot("SubmissionSetStatus", "Original"),
        slot("PreviousVersion", &d.version.to_string())
    )
}

fn stored(h: &ServerHandle, unique_id: &str) -> Vec<dmp_sandbox::server::store::Document> {
    let mut v: Vec<_> = dmp_sandbox::server::store::all_documents(&h.state.store.conn())
        .unwrap()
        .into_iter()
        .filter(|d| d.unique_id == unique_id)
        .collect();
    v.sort_by_key(|d| d.version);
    v
}

/// The registry's answer: its status and the first error code.
fn registry_answer(r: &Resp) -> (String, Option<String>) {
    assert_eq!(r.status, 200, "{}", r.text());
    let text = r.text();
    let doc = parse(&text);
    let root = elements(&doc, "RegistryResponse");
    assert_eq!(root.len(), 1, "{}", r.text());
    let status = root[0]
        .attribute("status")
        .unwrap()
        .rsplit(':')
        .next()
        .unwrap()
        .to_string();
    let code = elements(&doc, "RegistryError")
        .first()
        .and_then(|e| e.attribute("errorCode"))
        .map(str::to_string);
    (status, code)
}

#[test]
fn td33_the_sandbox_refuses_what_the_rights_forbid_even_when_the_client_sends_it() {
    let h = start();
    let mut c = Client::doctor(&h.handle);
    // BERNARD doc 1 was written by DOCTOR2: DOCTOR (B1) may not delete or archive it (note 8).
    let other = stored(&h.handle, &uid(2, 1)).remove(0);
    for to in [DELETED_ST, ARCHIVED_ST] {
        let req = update_request(
            DOCTOR,
            BERNARD_AUTH,
            &status_change(&other.entry_uuid, APPROVED_ST, to),
        );
        let (status, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
        assert_eq!(status, "Failure");
        assert_eq!(code.as_deref(), Some("DMPAccessDeniedByRightsService"));
    }
    assert_eq!(stored(&h.handle, &uid(2, 1))[0].status, APPROVED_ST);
    // BERNARD doc 2 is masked by DOCTOR2: DOCTOR cannot even see it, so it is unknown.
    let hidden = stored(&h.handle, &uid(2, 2)).remove(0);
    let req = update_request(DOCTOR, BERNARD_AUTH, &visibility_change(&hidden, &["N"]));
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("XDSMetadataUpdateError"));
    assert!(stored(&h.handle, &uid(2, 2))[0].masked());
    // Emergency mode: no visibility change (B3).
    let own = stored(&h.handle, &uid(2, 3)).remove(0);
    let req = purpose(
        &update_request(DOCTOR, BERNARD_AUTH, &visibility_change(&own, &["N"])),
        "bris_de_glace",
    );
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("DMPAccessDeniedByRightsService"));
    // A document made invisible to the patient after the fact, or masked while invisible.
    let req = update_request(
        DOCTOR,
        BERNARD_AUTH,
        &visibility_change(&own, &["N", "MASQUE_PS", "INVISIBLE_PATIENT"]),
    );
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("XDSMetadataUpdateError"));
    let invisible = stored(&h.handle, &uid(1, 3)).remove(0);
    let req = update_request(
        DOCTOR,
        ALICE_MT,
        &visibility_change(&invisible, &["N", "MASQUE_PS", "INVISIBLE_PATIENT"]),
    );
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("XDSMetadataUpdateError"));
    assert_eq!(stored(&h.handle, &uid(1, 3)).len(), 1, "no new version");
    // The patient named by the submission set must be the VIHF's.
    let req = update_request(
        DOCTOR,
        BERNARD_AUTH,
        &status_change(&own.entry_uuid, APPROVED_ST, ARCHIVED_ST),
    )
    .replace(
        &format!("value=\"{BERNARD_AUTH}^^^"),
        &format!("value=\"{ALICE_MT}^^^"),
    );
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("XDSPatientIdDoesNotMatch"));
    // Every refusal is traced.
    let traces = dmp_sandbox::server::traces::list(&h.handle.state.store.conn()).unwrap();
    let td33: Vec<_> = traces
        .iter()
        .filter(|t| t.transaction.starts_with("TD3.3"))
        .collect();
    assert_eq!(td33.len(), 7, "{td33:?}");
    assert!(td33.iter().all(|t| t.outcome != "OK"), "{td33:?}");
}

#[test]
fn td33_status_and_visibility_changes_are_applied_and_traced() {
    let h = start();
    let mut c = Client::doctor(&h.handle);
    // ALICE doc 5 is DOCTOR's: archive it, then a stale OriginalStatus is refused.
    let d = stored(&h.handle, &uid(1, 5)).remove(0);
    let req = update_request(
        DOCTOR,
        ALICE_MT,
        &status_change(&d.entry_uuid, APPROVED_ST, ARCHIVED_ST),
    );
    assert_eq!(
        registry_answer(&c.soap("DocumentRegistry_Service", &req)),
        ("Success".into(), None)
    );
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("XDSMetadataVersionError"));
    let now = stored(&h.handle, &uid(1, 5));
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].status, ARCHIVED_ST);
    assert_eq!(now[0].entry_uuid, d.entry_uuid);
    // Approved → Deleted straight from Archived is allowed; Deleted → Approved is not.
    let req = update_request(
        DOCTOR,
        ALICE_MT,
        &status_change(&d.entry_uuid, ARCHIVED_ST, DELETED_ST),
    );
    assert_eq!(
        registry_answer(&c.soap("DocumentRegistry_Service", &req)).0,
        "Success"
    );
    let req = update_request(
        DOCTOR,
        ALICE_MT,
        &status_change(&d.entry_uuid, DELETED_ST, APPROVED_ST),
    );
    assert_eq!(
        registry_answer(&c.soap("DocumentRegistry_Service", &req))
            .1
            .as_deref(),
        Some("XDSMetadataUpdateError")
    );
    // The attending physician masks DOCTOR2's ALICE doc 1: a new version, same logicalId.
    let d1 = stored(&h.handle, &uid(1, 1)).remove(0);
    let req = update_request(
        DOCTOR,
        ALICE_MT,
        &visibility_change(&d1, &["N", "MASQUE_PS"]),
    );
    assert_eq!(
        registry_answer(&c.soap("DocumentRegistry_Service", &req)).0,
        "Success"
    );
    let v = stored(&h.handle, &uid(1, 1));
    assert_eq!(v.len(), 2);
    assert!(v[0].status.ends_with(":Deprecated"));
    assert_eq!(v[1].status, APPROVED_ST);
    assert_eq!(v[1].logical_id, d1.logical_id);
    assert_ne!(v[1].entry_uuid, d1.entry_uuid);
    assert_eq!(v[1].confidentiality, "N MASQUE_PS");
    // The old PreviousVersion is now stale.
    let (_, code) = registry_answer(&c.soap("DocumentRegistry_Service", &req));
    assert_eq!(code.as_deref(), Some("XDSMetadataVersionError"));
    let traces = dmp_sandbox::server::traces::list(&h.handle.state.store.conn()).unwrap();
    let ok: Vec<_> = traces
        .iter()
        .filter(|t| t.transaction.starts_with("TD3.3") && t.outcome == "OK")
        .map(|t| (t.transaction.as_str(), t.documents.join(" ")))
        .collect();
    assert_eq!(
        ok,
        [
            ("TD3.3d", uid(1, 5)),
            ("TD3.3c", uid(1, 5)),
            ("TD3.3a", uid(1, 1))
        ]
        .iter()
        .map(|(t, u)| (*t, u.clone()))
        .collect::<Vec<_>>()
    );
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn official_td33d_then_td33c_requests_are_applied() {
    let h = start();
    let mut c = Client::doctor(&h.handle);
    let d = stored(&h.handle, &uid(1, 5)).remove(0);
    let official_entry = "urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e";
    let archive = official("TD3.3d-archive-document.request.xml", DOCTOR, ALICE_MT)
        .replace(official_entry, &d.entry_uuid);
    assert_eq!(
        registry_answer(&c.soap("DocumentRegistry_Service", &archive)).0,
        "Success"
    );
    assert_eq!(stored(&h.handle, &uid(1, 5))[0].status, ARCHIVED_ST);
    let delete = official("TD3.3c-delete-document.request.xml", DOCTOR, ALICE_MT)
        .replace(official_entry, &d.entry_uuid);
    assert_eq!(
        registry_answer(&c.soap("DocumentRegistry_Service", &delete)).0,
        "Success"
    );
    assert_eq!(stored(&h.handle, &uid(1, 5))[0].status, DELETED_ST);
}
