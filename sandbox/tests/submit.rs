//! TD2.1 / TD2.1b (IHE ITI-41) against `dmp-sandbox serve`, through the real TLS server on
//! loopback. The requests carry the official example's metadata (our fixture
//! `TD2.1-provide-and-register.request.xml`), the patient, ids, hashes and sizes redone, the
//! XAdES signature of the submission set made by `xmlsec1 --sign` with keys of the test PKI:
//! no code of the sandbox builds them, and none of the client's.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use base64::Engine;
use dmp_sandbox::server::certs::{PersonUsage, TestPki};
use dmp_sandbox::server::faults::SubmitFault;
use dmp_sandbox::server::{self, ServeOptions, ServerHandle};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use sha1::{Digest, Sha1};

const DOCTOR: &str = "899700000017";
const DOCTOR2: &str = "899700000021";
const ALICE_MT: &str = "280057505600117";
const FRANCK_NO_AUTHORIZATION: &str = "188043417200694";
const ELISE_BLOCKS_DOCTOR: &str = "255079205000521";
const GISELE_CLOSED: &str = "245065935000747";
/// A valid test NIR (its key checks out) that the seed does not hold.
const UNKNOWN_INS: &str = "190017512345655";
const STRUCTURE: &str = "1999000017";

const DEPRECATED: &str = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
const APPROVED: &str = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
const SUCCESS: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
const FAILURE: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

struct Pki {
    pki: TestPki,
    doctor_auth: (String, String),
    doctor_sign: (String, String),
    doctor2_sign: (String, String),
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("submit-test-pki");
        let _ = std::fs::remove_dir_all(&dir);
        let pki = TestPki::generate(&dir, "TEST").unwrap();
        let person = |id, family, given, usage| {
            pki.issue_person(id, family, given, "Médecin", usage)
                .unwrap()
        };
        Pki {
            doctor_auth: person(DOCTOR, "TESTDOC0000001", "CAMILLE", PersonUsage::Auth),
            doctor_sign: person(DOCTOR, "TESTDOC0000001", "CAMILLE", PersonUsage::Sign),
            doctor2_sign: person(DOCTOR2, "TESTDOC0000002", "DOMINIQUE", PersonUsage::Sign),
            pki,
        }
    })
}

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

fn start_with(configure: impl FnOnce(&mut ServeOptions)) -> TestServer {
    let data = tempfile::tempdir().unwrap();
    let mut opts = ServeOptions::new(data.path(), pki().pki.dir.clone());
    configure(&mut opts);
    TestServer {
        handle: server::spawn(opts).unwrap(),
        _data: data,
    }
}

fn shared() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| start_with(|_| {}))
}

/// A number of its own for each submission of this test binary, so that uniqueIds differ.
fn next_n() -> usize {
    static N: AtomicUsize = AtomicUsize::new(1);
    N.fetch_add(1, Ordering::SeqCst)
}

fn client_config(cert: &(String, String), ca_pem: &str) -> rustls::ClientConfig {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(pki().pki.root.cert_pem.as_bytes()).unwrap())
        .unwrap();
    let chain = vec![
        CertificateDer::from_pem_slice(cert.0.as_bytes()).unwrap(),
        CertificateDer::from_pem_slice(ca_pem.as_bytes()).unwrap(),
    ];
    let key = PrivateKeyDer::from_pem_slice(cert.1.as_bytes()).unwrap();
    rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_protocol_versions(&[&rustls::version::TLS12])
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
    body: Vec<u8>,
}

impl Resp {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

impl Client {
    fn connect(h: &ServerHandle, cfg: rustls::ClientConfig) -> Client {
        let tcp = TcpStream::connect(h.addr).unwrap();
        tcp.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let conn = rustls::ClientConnection::new(
            Arc::new(cfg),
            ServerName::try_from("127.0.0.1").unwrap(),
        )
        .unwrap();
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock).unwrap();
        }
        Client {
            io: BufReader::new(tls),
        }
    }

    fn doctor(h: &ServerHandle) -> Client {
        Client::connect(
            h,
            client_config(&pki().doctor_auth, &pki().pki.personnes.cert_pem),
        )
    }

    fn structure(h: &ServerHandle) -> Client {
        let cert = std::fs::read_to_string(&h.structure.cert_pem).unwrap();
        let key = std::fs::read_to_string(&h.structure.key_pem).unwrap();
        Client::connect(
            h,
            client_config(&(cert, key), &pki().pki.organisations.cert_pem),
        )
    }

    fn post(&mut self, service: &str, content_type: &str, body: &[u8]) -> std::io::Result<Resp> {
        let head = format!(
            "POST /si-dmp-server/v2/services/{service} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let w = self.io.get_mut();
        w.write_all(head.as_bytes())?;
        w.write_all(body)?;
        w.flush()?;
        let mut line = String::new();
        if self.io.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "closed before any answer",
            ));
        }
        let status: u16 = line.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        let mut len = 0;
        loop {
            let mut l = String::new();
            self.io.read_line(&mut l)?;
            let l = l.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap();
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; len];
        self.io.read_exact(&mut body)?;
        Ok(Resp { status, body })
    }

    fn soap(&mut self, service: &str, envelope: &str) -> Resp {
        self.post(
            service,
            "application/soap+xml; charset=UTF-8",
            envelope.as_bytes(),
        )
        .unwrap()
    }

    fn submit(&mut self, s: &Submission) -> Resp {
        let (ct, body) = s.mtom();
        self.post("DocumentRepository_Service", &ct, &body).unwrap()
    }
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const UID_ROOT: &str = "1.2.250.1.999.9.7.";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// One submission: the envelope, the CDA document and its XAdES signature.
#[derive(Clone)]
struct Submission {
    n: usize,
    set_uid: String,
    envelope: String,
    document: Vec<u8>,
    signature: Vec<u8>,
}

impl Submission {
    /// The fixture for `ins`, with uniqueIds of its own, hash and size filled in, signed by
    /// the doctor's signature certificate.
    fn new(ins: &str) -> Submission {
        let n = next_n();
        let uids = |s: String| s.replace(UID_ROOT, &format!("{UID_ROOT}{n}."));
        let document = uids(fixture("TD2.1-cda-document.xml")).replace(ALICE_MT, ins);
        let mut s = Submission {
            n,
            set_uid: format!("{UID_ROOT}{n}.1.1"),
            envelope: uids(fixture("TD2.1-provide-and-register.request.xml"))
                .replace(ALICE_MT, ins),
            document: document.into_bytes(),
            signature: Vec::new(),
        };
        s.fill_hash_and_size();
        s.sign(&pki().doctor_sign);
        s
    }

    fn doc_uid(&self) -> String {
        format!("{UID_ROOT}{}.3.1", self.n)
    }

    fn fill_hash_and_size(&mut self) {
        let hash = hex::encode(Sha1::digest(&self.document));
        self.envelope = self
            .envelope
            .replace("{{HASH}}", &hash)
            .replace("{{SIZE}}", &self.document.len().to_string());
    }

    /// The XAdES signature of the submission set (IHE DSG shape of the official example:
    /// Manifest of the documents' SHA-1 digests, SignedProperties), signed by xmlsec1.
    fn sign(&mut self, signer: &(String, String)) {
        self.signature = xades(&[(&self.doc_uid(), &self.document)], &self.set_uid, signer);
    }

    fn mtom(&self) -> (String, Vec<u8>) {
        let boundary = "MIMEBoundary_sandbox_submit_test";
        let mut body = Vec::new();
        let mut part = |headers: &str, bytes: &[u8]| {
            body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        };
        part(
            "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"; action=\"DocumentRepository_ProvideAndRegisterDocumentSet-b\"\r\nContent-Transfer-Encoding: 8bit\r\nContent-ID: <rootpart@sandbox.test>",
            self.envelope.as_bytes(),
        );
        part(
            "Content-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <WS_DMP_TD2.1-DocumentME2.xml>",
            &self.document,
        );
        part(
            "Content-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <WS_DMP_TD2.1-SignatureXades.xml>",
            &self.signature,
        );
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        (
            format!("multipart/related; type=\"application/xop+xml\"; boundary=\"{boundary}\"; start=\"<rootpart@sandbox.test>\"; start-info=\"application/soap+xml\""),
            body,
        )
    }

    /// The same request with the documents inline in base64 (no MTOM).
    fn inline(&self) -> String {
        self.envelope
            .replace(
                "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:WS_DMP_TD2.1-DocumentME2.xml\"/>",
                &b64(&self.document),
            )
            .replace(
                "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:WS_DMP_TD2.1-SignatureXades.xml\"/>",
                &b64(&self.signature),
            )
    }

    fn edit(mut self, from: &str, to: &str) -> Submission {
        assert!(self.envelope.contains(from), "{from} not in the request");
        self.envelope = self.envelope.replacen(from, to, 1);
        self
    }
}

const XADES_TEMPLATE: &str = r##"<Signature xmlns="http://www.w3.org/2000/09/xmldsig#" Id="sig-submission"><SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/><SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/><Reference Type="http://www.w3.org/2000/09/xmldsig#Manifest" URI="#IHEManifest"><DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><DigestValue/></Reference><Reference Type="http://uri.etsi.org/01903/v1.1.1#SignedProperties" URI="#S0-SignedProperties"><DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/><DigestValue/></Reference></SignedInfo><SignatureValue/><KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo><Object><Manifest Id="IHEManifest">{{REFERENCES}}</Manifest></Object><Object><SignatureProperties xmlns=""><SignatureProperty Id="purposeOfSignature" Target="#sig-submission">1.2.840.10065.1.12.1.14</SignatureProperty></SignatureProperties></Object><Object><QualifyingProperties xmlns="http://uri.etsi.org/01903/v1.1.1#" Target="#sig-submission"><SignedProperties Id="S0-SignedProperties"><SignedSignatureProperties><SigningTime>2025-09-15T10:00:00.000+02:00</SigningTime><SignaturePolicyIdentifier><SignaturePolicyImplied/></SignaturePolicyIdentifier></SignedSignatureProperties><SignedDataObjectProperties/></SignedProperties></QualifyingProperties></Object></Signature>"##;

fn manifest_reference(uri: &str, content: &[u8]) -> String {
    format!(
        "<Reference URI=\"urn:oid:{uri}\"><DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/><DigestValue>{}</DigestValue></Reference>",
        b64(&Sha1::digest(content))
    )
}

fn xades(docs: &[(&str, &[u8])], set_uid: &str, signer: &(String, String)) -> Vec<u8> {
    // The submission set's own reference, as in the official example (no content to digest).
    let mut refs = format!(
        "<Reference URI=\"urn:oid:{set_uid}\"><DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/><DigestValue>AA==</DigestValue></Reference>"
    );
    for (uid, content) in docs {
        refs.push_str(&manifest_reference(uid, content));
    }
    xmlsec_sign(&XADES_TEMPLATE.replace("{{REFERENCES}}", &refs), signer)
}

fn xmlsec_sign(template: &str, signer: &(String, String)) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.xml"), dir.path().join("out.xml"));
    std::fs::write(&input, template).unwrap();
    std::fs::write(dir.path().join("key.pem"), &signer.1).unwrap();
    std::fs::write(dir.path().join("cert.pem"), &signer.0).unwrap();
    let out = std::process::Command::new("xmlsec1")
        .arg("--sign")
        .arg("--privkey-pem")
        .arg(format!(
            "{},{}",
            dir.path().join("key.pem").display(),
            dir.path().join("cert.pem").display()
        ))
        .arg("--ignore-manifests")
        .args([
            "--id-attr:Id",
            "http://www.w3.org/2000/09/xmldsig#:Manifest",
        ])
        .args([
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.1.1#:SignedProperties",
        ])
        .arg("--output")
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "xmlsec1 --sign: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(output).unwrap()
}

fn parse(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("bad XML {e}: {text}"))
}

/// The root part of an MTOM answer.
fn root_part(r: &Resp) -> String {
    let text = r.text();
    let start = text
        .find("<?xml")
        .or_else(|| text.find("<soap:Envelope"))
        .unwrap();
    let end = text.rfind("</soap:Envelope>").unwrap() + "</soap:Envelope>".len();
    text[start..end].to_string()
}

/// (status, error codes) of a RegistryResponse.
fn outcome(r: &Resp) -> (String, Vec<String>) {
    let xml = root_part(r);
    let doc = parse(&xml);
    let rr = doc
        .descendants()
        .find(|n| n.tag_name().name() == "RegistryResponse")
        .unwrap_or_else(|| panic!("no RegistryResponse: {xml}"));
    let codes = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "RegistryError")
        .map(|e| e.attribute("errorCode").unwrap().to_string())
        .collect();
    (rr.attribute("status").unwrap().to_string(), codes)
}

fn assert_refused(r: &Resp, code: &str) {
    let (status, codes) = outcome(r);
    assert_eq!(status, FAILURE, "{}", root_part(r));
    assert!(
        codes.iter().any(|c| c == code),
        "{code} expected, got {codes:?}: {}",
        root_part(r)
    );
}

fn assert_accepted(r: &Resp) {
    assert_eq!(r.status, 200, "{}", r.text());
    let (status, codes) = outcome(r);
    assert_eq!(status, SUCCESS, "{codes:?}: {}", root_part(r));
}

/// A stored query from the doctor about `ins`, answered LeafClass.
fn query(ins: &str, query_id: &str, slots: &str) -> String {
    let base = fixture("TD3.1-find-documents.request.xml").replace(ALICE_MT, ins);
    let start = base.find("<query:ResponseOption").unwrap();
    let end = base.find("</query:AdhocQueryRequest>").unwrap();
    format!(
        "{}<query:ResponseOption returnComposedObjects=\"true\" returnType=\"LeafClass\"/><rim:AdhocQuery id=\"{query_id}\">{slots}</rim:AdhocQuery>{}",
        &base[..start],
        &base[end..]
    )
}

fn slot(name: &str, value: &str) -> String {
    format!("<rim:Slot name=\"{name}\"><rim:ValueList><rim:Value>{value}</rim:Value></rim:ValueList></rim:Slot>")
}

const GET_DOCUMENTS: &str = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
const FIND_DOCUMENTS: &str = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";

/// GetDocuments by uniqueId: (entryUUID, status) of each entry returned.
fn get_documents(c: &mut Client, ins: &str, uids: &[String]) -> Vec<(String, String)> {
    let list = uids
        .iter()
        .map(|u| format!("'{u}'"))
        .collect::<Vec<_>>()
        .join(",");
    let r = c.soap(
        "DocumentRegistry_Service",
        &query(
            ins,
            GET_DOCUMENTS,
            &slot("$XDSDocumentEntryUniqueId", &format!("({list})")),
        ),
    );
    entries(&r.text())
}

fn entries(xml: &str) -> Vec<(String, String)> {
    let doc = parse(xml);
    let list = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "ExtrinsicObject")
        .map(|e| {
            (
                e.attribute("id").unwrap().to_string(),
                e.attribute("status").unwrap().to_string(),
            )
        })
        .collect();
    list
}

fn entry_slot(xml: &str, name: &str) -> Vec<String> {
    let doc = parse(xml);
    let values = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "Slot" && n.attribute("name") == Some(name))
        .flat_map(|s| s.descendants().filter(|v| v.tag_name().name() == "Value"))
        .map(|v| v.text().unwrap_or("").to_string())
        .collect();
    values
}

// ---------------------------------------------------------------- accepted

#[test]
fn a_signed_submission_is_stored_and_can_be_found_and_retrieved() {
    let h = shared();
    let mut c = Client::doctor(h);
    let s = Submission::new(ALICE_MT);
    let r = c.submit(&s);
    assert_accepted(&r);
    assert_eq!(h.state.count_documents(&s.doc_uid()), 1);

    // GetDocuments by uniqueId: one Approved entry, with the hash and size of the bytes sent
    // (computed here with the sha1 crate, not by the sandbox).
    let q = query(
        ALICE_MT,
        GET_DOCUMENTS,
        &slot("$XDSDocumentEntryUniqueId", &format!("('{}')", s.doc_uid())),
    );
    let t = c.soap("DocumentRegistry_Service", &q).text();
    let found = entries(&t);
    assert_eq!(found.len(), 1, "{t}");
    assert_eq!(found[0].1, APPROVED);
    assert!(
        found[0].0.starts_with("urn:uuid:"),
        "registry-assigned entryUUID"
    );
    assert_eq!(
        entry_slot(&t, "hash"),
        vec![hex::encode(Sha1::digest(&s.document))]
    );
    assert_eq!(entry_slot(&t, "size"), vec![s.document.len().to_string()]);

    // FindDocuments lists it among the patient's documents.
    let q = query(
        ALICE_MT,
        FIND_DOCUMENTS,
        &(slot(
            "$XDSDocumentEntryPatientId",
            &format!("'{ALICE_MT}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH'"),
        ) + &slot("$XDSDocumentEntryStatus", &format!("('{APPROVED}')"))),
    );
    let t = c.soap("DocumentRegistry_Service", &q).text();
    assert!(t.contains(&s.doc_uid()), "{t}");

    // ITI-43 returns the very bytes sent.
    let retrieve = fixture("TD3.2-retrieve-document.request.xml")
        .replace(">1.2.250.1.999.9.1.1.1<", &format!(">{}<", s.doc_uid()));
    let r = c.soap("DocumentRepository_Service", &retrieve);
    assert_eq!(r.status, 200);
    let body = r.body;
    assert!(
        body.windows(s.document.len())
            .any(|w| w == s.document.as_slice()),
        "retrieved document differs from the one sent"
    );

    // The server-side trace names the transaction and the document.
    let traces = server::traces::list(&h.state.store.conn()).unwrap();
    let t = traces
        .iter()
        .rfind(|t| t.transaction == "TD2.1" && t.documents.contains(&s.doc_uid()))
        .expect("a TD2.1 trace");
    assert_eq!(t.outcome, "OK");
    assert_eq!(t.ins, ALICE_MT);
    assert_eq!(t.national_id, DOCTOR);
}

#[test]
fn documents_inline_in_base64_are_accepted() {
    let h = shared();
    let mut c = Client::doctor(h);
    let s = Submission::new(ALICE_MT);
    let r = c.soap("DocumentRepository_Service", &s.inline());
    assert_accepted(&r);
    assert_eq!(
        h.state.documents_with_unique_id(&s.doc_uid())[0].content,
        s.document
    );
}

#[test]
fn feeding_needs_no_authorization_but_an_open_record_and_no_block() {
    let h = shared();
    let mut c = Client::doctor(h);
    // C5: feeding works without an authorization.
    assert_accepted(&c.submit(&Submission::new(FRANCK_NO_AUTHORIZATION)));
    // The patient blocked this doctor: refused.
    let r = c.submit(&Submission::new(ELISE_BLOCKS_DOCTOR));
    assert_refused(&r, "DMPAccessDeniedByRightsService");
    // Closed record.
    assert_refused(&c.submit(&Submission::new(GISELE_CLOSED)), "DMPClosed");
    // Unknown patient.
    let s = Submission::new(UNKNOWN_INS);
    assert_refused(&c.submit(&s), "XDSUnknownPatientId");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 0);
}

#[test]
fn a_cpe_holder_cannot_use_td21() {
    let mut c = Client::doctor(shared());
    // No TRE_G15 profession in the VIHF: a CPE holder (column E, TD2.2 only).
    let s = Submission::new(ALICE_MT)
        .edit(
            "code=\"10\" codeSystem=\"1.2.250.1.71.1.2.7\" displayName=\"Médecin\"",
            "code=\"SECRETAIRE\" codeSystem=\"1.2.250.1.213.1.1.4.6\" displayName=\"Secrétaire\"",
        )
        .edit(
            "code=\"SM26\" codeSystem=\"1.2.250.1.71.4.2.5\"",
            "code=\"SECRETAIRE\" codeSystem=\"1.2.250.1.213.1.1.4.6\"",
        );
    assert_refused(&c.submit(&s), "DMPAccessDeniedByRightsService");
}

// ---------------------------------------------------------------- refused

#[test]
fn a_registered_unique_id_is_refused_and_the_store_keeps_one() {
    let h = shared();
    let mut c = Client::doctor(h);
    let s = Submission::new(ALICE_MT);
    assert_accepted(&c.submit(&s));
    let r = c.submit(&s);
    assert_refused(&r, "XDSDuplicateUniqueIdInRegistry");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 1);
    // A new submission set reusing only the document's uniqueId is refused too.
    let mut again = s.clone().edit(
        &format!("value=\"{}\"", s.set_uid),
        "value=\"1.2.250.1.999.9.7.999999.1\"",
    );
    again.set_uid = "1.2.250.1.999.9.7.999999.1".into();
    again.sign(&pki().doctor_sign);
    assert_refused(&c.submit(&again), "XDSDuplicateUniqueIdInRegistry");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 1);
}

#[test]
fn hash_and_size_are_recomputed() {
    let h = shared();
    let mut c = Client::doctor(h);
    let s = Submission::new(ALICE_MT);
    let hash = hex::encode(Sha1::digest(&s.document));
    let bad = s.clone().edit(&hash, &"0".repeat(40));
    assert_refused(&c.submit(&bad), "XDSNonIdenticalHash");
    let size = format!("<rim:Value>{}</rim:Value>", s.document.len());
    let bad = s.clone().edit(
        &size,
        &format!("<rim:Value>{}</rim:Value>", s.document.len() + 1),
    );
    assert_refused(&c.submit(&bad), "XDSNonIdenticalSize");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 0);
}

#[test]
fn a_document_without_metadata_or_metadata_without_document_is_refused() {
    let mut c = Client::doctor(shared());
    let s = Submission::new(ALICE_MT);
    // The document's Document element is gone.
    let missing = s.clone().edit(
        "<xdsb:Document id=\"DocumentME2\"><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:WS_DMP_TD2.1-DocumentME2.xml\"/></xdsb:Document>",
        "",
    );
    assert_refused(&c.submit(&missing), "XDSMissingDocument");
    // It points at a MIME part that is not there.
    let dangling = s.clone().edit(
        "cid:WS_DMP_TD2.1-DocumentME2.xml",
        "cid:nowhere@sandbox.test",
    );
    assert_refused(&c.submit(&dangling), "XDSMissingDocument");
    // A Document element no ExtrinsicObject describes.
    let extra = s.clone().edit(
        "</xdsb:ProvideAndRegisterDocumentSetRequest>",
        "<xdsb:Document id=\"Orphan\">SGVsbG8=</xdsb:Document></xdsb:ProvideAndRegisterDocumentSetRequest>",
    );
    assert_refused(&c.submit(&extra), "XDSMissingDocumentMetadata");
}

#[test]
fn codes_outside_the_dmp_value_sets_are_refused() {
    let mut c = Client::doctor(shared());
    let cases = [
        ("nodeRepresentation=\"10\"", "nodeRepresentation=\"77\""),
        (
            "nodeRepresentation=\"70004-7\"",
            "nodeRepresentation=\"00000-0\"",
        ),
        (
            "nodeRepresentation=\"urn:ihe:iti:xds-sd:text:2008\"",
            "nodeRepresentation=\"urn:example:format\"",
        ),
        ("nodeRepresentation=\"SA01\"", "nodeRepresentation=\"SA99\""),
        (
            "nodeRepresentation=\"ETABLISSEMENT\"",
            "nodeRepresentation=\"PARTOUT\"",
        ),
        (
            "id=\"cla7\" nodeRepresentation=\"N\"",
            "id=\"cla7\" nodeRepresentation=\"X\"",
        ),
        ("nodeRepresentation=\"04\"", "nodeRepresentation=\"4\""),
    ];
    for (from, to) in cases {
        let r = c.submit(&Submission::new(ALICE_MT).edit(from, to));
        assert_refused(&r, "XDSRegistryMetadataError");
        let (_, codes) = outcome(&r);
        assert_eq!(codes.len(), 1, "{to}: {codes:?}");
    }
    // A document both masked to professionals and invisible to the patient.
    let both = Submission::new(ALICE_MT).edit(
        "<rim:ExternalIdentifier id=\"ei4\"",
        "<rim:Classification classificationScheme=\"urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f\" classifiedObject=\"DocumentME2\" id=\"clax1\" nodeRepresentation=\"MASQUE_PS\"><rim:Slot name=\"codingScheme\"><rim:ValueList><rim:Value>1.2.250.1.213.1.1.4.13</rim:Value></rim:ValueList></rim:Slot></rim:Classification><rim:Classification classificationScheme=\"urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f\" classifiedObject=\"DocumentME2\" id=\"clax2\" nodeRepresentation=\"INVISIBLE_PATIENT\"><rim:Slot name=\"codingScheme\"><rim:ValueList><rim:Value>1.2.250.1.213.1.1.4.13</rim:Value></rim:ValueList></rim:Slot></rim:Classification><rim:ExternalIdentifier id=\"ei4\"",
    );
    assert_refused(&c.submit(&both), "XDSRegistryMetadataError");
}

#[test]
fn patient_ids_must_agree() {
    let mut c = Client::doctor(shared());
    let other = format!("{FRANCK_NO_AUTHORIZATION}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH");
    let alice = format!("{ALICE_MT}^^^&amp;1.2.250.1.213.1.4.10&amp;ISO^NH");
    // The document entry names another patient than the submission set.
    let s = Submission::new(ALICE_MT).edit(
        &format!("registryObject=\"DocumentME2\" value=\"{alice}\""),
        &format!("registryObject=\"DocumentME2\" value=\"{other}\""),
    );
    assert_refused(&c.submit(&s), "XDSPatientIdDoesNotMatch");
    // The submission set names another patient than the VIHF.
    let s = Submission::new(ALICE_MT).edit(
        &format!("registryObject=\"SubmissionSet01\" value=\"{alice}\""),
        &format!("registryObject=\"SubmissionSet01\" value=\"{other}\""),
    );
    assert_refused(&c.submit(&s), "XDSPatientIdDoesNotMatch");
}

// ---------------------------------------------------------------- signature

#[test]
fn the_signature_must_verify_and_cover_the_documents() {
    let h = shared();
    let mut c = Client::doctor(h);
    // Unsigned: no signature document at all.
    let mut unsigned = Submission::new(ALICE_MT);
    let start = unsigned
        .envelope
        .find("<rim:ExtrinsicObject id=\"Signature01\"")
        .unwrap();
    let end =
        unsigned.envelope.rfind("</rim:ExtrinsicObject>").unwrap() + "</rim:ExtrinsicObject>".len();
    unsigned.envelope.replace_range(start..end, "");
    let unsigned = unsigned
        .edit("<rim:Association associationType=\"urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember\" id=\"assoc2\"", "<rim:Association associationType=\"urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember\" id=\"assoc2-gone\"");
    let unsigned = {
        let mut u = unsigned;
        let a = u.envelope.find("<rim:Association associationType=\"urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember\" id=\"assoc2-gone\"").unwrap();
        let b = u.envelope.find("</rim:RegistryObjectList>").unwrap();
        u.envelope.replace_range(a..b, "");
        u.edit(
            "<xdsb:Document id=\"Signature01\"><xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:WS_DMP_TD2.1-SignatureXades.xml\"/></xdsb:Document>",
            "",
        )
    };
    assert_refused(&c.submit(&unsigned), "XDSRegistryMetadataError");

    // The signed properties changed after signing.
    let mut s = Submission::new(ALICE_MT);
    s.signature = String::from_utf8(s.signature)
        .unwrap()
        .replace("2025-09-15T10:00:00", "2025-09-16T10:00:00")
        .into_bytes();
    assert_refused(&c.submit(&s), "DMPInvalidSignature");

    // The document changed after signing (hash and size in the metadata follow it): the
    // manifest's digest no longer matches.
    let mut s = Submission::new(ALICE_MT);
    let old_hash = hex::encode(Sha1::digest(&s.document));
    let old_size = s.document.len();
    s.document = String::from_utf8(s.document)
        .unwrap()
        .replace("Compte rendu de test", "Compte rendu modifié")
        .into_bytes();
    s.envelope = s
        .envelope
        .replace(&old_hash, &hex::encode(Sha1::digest(&s.document)))
        .replace(
            &format!("<rim:Value>{old_size}</rim:Value>"),
            &format!("<rim:Value>{}</rim:Value>", s.document.len()),
        );
    assert_refused(&c.submit(&s), "DMPInvalidSignature");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 0);

    // Signed by the doctor's authentication key: not a signature certificate.
    let mut s = Submission::new(ALICE_MT);
    s.sign(&pki().doctor_auth);
    assert_refused(&c.submit(&s), "DMPInvalidCertificate");
    // Signed by another practitioner than the one authenticated.
    let mut s = Submission::new(ALICE_MT);
    s.sign(&pki().doctor2_sign);
    assert_refused(&c.submit(&s), "DMPInvalidCertificate");
    // Signed by a key of another PKI (a self-made certificate): the chain does not verify.
    let foreign = TestPki::generate(
        &PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("submit-test-foreign-pki"),
        "OTHER",
    )
    .unwrap();
    let foreign_sign = foreign
        .issue_person(
            DOCTOR,
            "TESTDOC0000001",
            "CAMILLE",
            "Médecin",
            PersonUsage::Sign,
        )
        .unwrap();
    let mut s = Submission::new(ALICE_MT);
    s.sign(&foreign_sign);
    assert_refused(&c.submit(&s), "DMPInvalidSignature");
}

#[test]
fn the_signature_is_verified_by_xmlsec1_too() {
    // What the test signs is a valid XAdES for xmlsec1 itself, independently of the sandbox.
    let s = Submission::new(ALICE_MT);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sig.xml"), &s.signature).unwrap();
    std::fs::write(dir.path().join("root.pem"), &pki().pki.root.cert_pem).unwrap();
    std::fs::write(dir.path().join("ca.pem"), &pki().pki.personnes.cert_pem).unwrap();
    let out = std::process::Command::new("xmlsec1")
        .arg("--verify")
        .arg("--ignore-manifests")
        .args([
            "--id-attr:Id",
            "http://www.w3.org/2000/09/xmldsig#:Manifest",
        ])
        .args([
            "--id-attr:Id",
            "http://uri.etsi.org/01903/v1.1.1#:SignedProperties",
        ])
        .arg("--trusted-pem")
        .arg(dir.path().join("root.pem"))
        .arg("--untrusted-pem")
        .arg(dir.path().join("ca.pem"))
        .arg(dir.path().join("sig.xml"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------- replacement

#[test]
fn a_replacement_deprecates_the_old_entry_and_both_stay_queryable() {
    let h = shared();
    let mut c = Client::doctor(h);
    let first = Submission::new(ALICE_MT);
    assert_accepted(&c.submit(&first));
    let old = get_documents(&mut c, ALICE_MT, &[first.doc_uid()]);
    assert_eq!(old.len(), 1);
    let old_uuid = old[0].0.clone();

    let rplc = format!(
        "<rim:Association associationType=\"urn:ihe:iti:2007:AssociationType:RPLC\" id=\"assoc4\" sourceObject=\"DocumentME2\" targetObject=\"{old_uuid}\"/></rim:RegistryObjectList>"
    );
    let second = Submission::new(ALICE_MT).edit("</rim:RegistryObjectList>", &rplc);
    assert_accepted(&c.submit(&second));

    let both = get_documents(&mut c, ALICE_MT, &[first.doc_uid(), second.doc_uid()]);
    let status = |uuid: &str| both.iter().find(|(u, _)| u == uuid).map(|(_, s)| s.clone());
    assert_eq!(status(&old_uuid).as_deref(), Some(DEPRECATED), "{both:?}");
    let new_uuid = both.iter().find(|(u, _)| *u != old_uuid).unwrap().0.clone();
    assert_eq!(status(&new_uuid).as_deref(), Some(APPROVED));

    // The RPLC association is in the registry (GetAssociations on the new entry).
    let q = query(
        ALICE_MT,
        "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155",
        &slot("$uuid", &format!("('{new_uuid}')")),
    );
    let t = c.soap("DocumentRegistry_Service", &q).text();
    let doc = parse(&t);
    assert!(
        doc.descendants().any(|a| a.attribute("associationType")
            == Some("urn:ihe:iti:2007:AssociationType:RPLC")
            && a.attribute("sourceObject") == Some(new_uuid.as_str())
            && a.attribute("targetObject") == Some(old_uuid.as_str())),
        "{t}"
    );

    // A deprecated entry cannot be replaced again.
    let again = Submission::new(ALICE_MT).edit(
        "</rim:RegistryObjectList>",
        &rplc.replace("assoc4", "assoc5"),
    );
    assert_refused(&c.submit(&again), "XDSRegistryMetadataError");
    // Nor a document of another author (seeded document 1 of ALICE, by 899700000021).
    let seeded = get_documents(&mut c, ALICE_MT, &["1.2.250.1.999.9.1.1.1".into()]);
    let other = Submission::new(ALICE_MT).edit(
        "</rim:RegistryObjectList>",
        &format!(
            "<rim:Association associationType=\"urn:ihe:iti:2007:AssociationType:RPLC\" id=\"assoc6\" sourceObject=\"DocumentME2\" targetObject=\"{}\"/></rim:RegistryObjectList>",
            seeded[0].0
        ),
    );
    assert_refused(&c.submit(&other), "DMPAccessDeniedByRightsService");
}

// ---------------------------------------------------------------- indirect mode

fn sign_vihf(envelope: &str, cert_pem: &str, key_pem: &str) -> String {
    const SIG: &str = "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/><ds:Reference URI=\"#ID\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data><ds:X509Certificate/></ds:X509Data></ds:KeyInfo></ds:Signature>";
    let id_start = envelope.find("ID=\"").unwrap() + 4;
    let id = &envelope[id_start..id_start + envelope[id_start..].find('"').unwrap()];
    let issuer_end = envelope.find("</saml2:Issuer>").unwrap() + "</saml2:Issuer>".len();
    let templated = format!(
        "{}{}{}",
        &envelope[..issuer_end],
        SIG.replace("#ID", &format!("#{id}")),
        &envelope[issuer_end..]
    );
    let dir = tempfile::tempdir().unwrap();
    let (input, output) = (dir.path().join("in.xml"), dir.path().join("out.xml"));
    std::fs::write(&input, templated).unwrap();
    std::fs::write(dir.path().join("key.pem"), key_pem).unwrap();
    std::fs::write(dir.path().join("cert.pem"), cert_pem).unwrap();
    let out = std::process::Command::new("xmlsec1")
        .arg("--sign")
        .arg("--privkey-pem")
        .arg(format!(
            "{},{}",
            dir.path().join("key.pem").display(),
            dir.path().join("cert.pem").display()
        ))
        .args([
            "--id-attr:ID",
            "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
        ])
        .arg("--output")
        .arg(&output)
        .arg(&input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(output).unwrap()
}

/// The submission in indirect mode: VIHF and XAdES signed by the structure, the documents
/// ascribed to it.
fn indirect(h: &ServerHandle, s: Submission) -> Submission {
    let cert = std::fs::read_to_string(&h.structure.cert_pem).unwrap();
    let key = std::fs::read_to_string(&h.structure.key_pem).unwrap();
    let mut s = s;
    s.envelope = s
        .envelope
        .replace(">DIRECTE<", ">INDIRECTE<")
        .replace(">499700000017001<", &format!(">{STRUCTURE}<"))
        .replace("<saml2:NameID>899700000017</saml2:NameID>", "<saml2:NameID>899700000039</saml2:NameID>")
        .replace(
            "<saml2:Attribute Name=\"VIHF_Version\">",
            "<saml2:Attribute Name=\"urn:oasis:names:tc:xspa:1.0:subject:subject-id\"><saml2:AttributeValue>EMILIE TESTINF0000003</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name=\"VIHF_Version\">",
        )
        .replace(
            "CABINET TESTDOC0000001^^^^^&amp;1.2.250.1.71.4.2.2&amp;ISO^IDNST^^^499700000017001",
            &format!("CLINIQUE SANDBOX DMP^^^^^&amp;1.2.250.1.71.4.2.2&amp;ISO^IDNST^^^{STRUCTURE}"),
        );
    s.envelope = sign_vihf(&s.envelope, &cert, &key);
    s.sign(&(cert, key));
    s
}

#[test]
fn indirect_mode_signed_by_the_structure_and_found_again_by_unique_id() {
    let h = shared();
    let mut c = Client::structure(h);
    let s = indirect(h, Submission::new(ALICE_MT));
    assert_accepted(&c.submit(&s));
    // The batch's look-up: GetDocuments by uniqueId, in indirect mode (reference search, F1).
    let q = query(
        ALICE_MT,
        GET_DOCUMENTS,
        &slot("$XDSDocumentEntryUniqueId", &format!("('{}')", s.doc_uid())),
    );
    let cert = std::fs::read_to_string(&h.structure.cert_pem).unwrap();
    let key = std::fs::read_to_string(&h.structure.key_pem).unwrap();
    let q = q
        .replace(">DIRECTE<", ">INDIRECTE<")
        .replace(">499700000017001<", &format!(">{STRUCTURE}<"))
        .replace("<saml2:NameID>899700000017</saml2:NameID>", "<saml2:NameID>899700000039</saml2:NameID>")
        .replace(
            "<saml2:Attribute Name=\"VIHF_Version\">",
            "<saml2:Attribute Name=\"urn:oasis:names:tc:xspa:1.0:subject:subject-id\"><saml2:AttributeValue>EMILIE TESTINF0000003</saml2:AttributeValue></saml2:Attribute><saml2:Attribute Name=\"VIHF_Version\">",
        );
    let t = c
        .soap("DocumentRegistry_Service", &sign_vihf(&q, &cert, &key))
        .text();
    assert_eq!(entries(&t).len(), 1, "{t}");

    // A submission signed by a practitioner does not stand for the structure.
    let mut s = indirect(h, Submission::new(ALICE_MT));
    s.sign(&pki().doctor_sign);
    assert_refused(&c.submit(&s), "DMPInvalidCertificate");
}

// ---------------------------------------------------------------- latency and faults

#[test]
fn unavailable_then_reset_after_commit_then_normal() {
    let h = start_with(|o| {
        o.submit_faults = vec![
            (SubmitFault::Unavailable, 2),
            (SubmitFault::ResetAfterCommit, 1),
        ]
    });
    let s = Submission::new(ALICE_MT);
    let mut c = Client::doctor(&h);
    // Two 503s, nothing stored.
    for _ in 0..2 {
        let r = c.submit(&s);
        assert_eq!(r.status, 503);
        assert_eq!(h.state.count_documents(&s.doc_uid()), 0);
    }
    // The next one is committed, then the connection dies before any answer.
    let (ct, body) = s.mtom();
    let r = c.post("DocumentRepository_Service", &ct, &body);
    assert!(r.is_err(), "no answer expected");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 1);
    // A resend (what a client must not do blindly) is refused as a duplicate.
    let mut c = Client::doctor(&h);
    assert_refused(&c.submit(&s), "XDSDuplicateUniqueIdInRegistry");
    assert_eq!(h.state.count_documents(&s.doc_uid()), 1);
    // Other requests are not affected by faults.
    assert_eq!(h.state.faults.pending(), 0);
}

#[test]
fn hangs_before_or_after_the_commit_and_answers_are_delayed() {
    let h = start_with(|o| {
        o.hang = Duration::from_millis(300);
        o.delay = Duration::from_millis(150);
    });
    h.state.faults.push(SubmitFault::HangBeforeCommit, 1);
    h.state.faults.push(SubmitFault::HangAfterCommit, 1);
    let before = Submission::new(ALICE_MT);
    let t = Instant::now();
    let (ct, body) = before.mtom();
    assert!(Client::doctor(&h)
        .post("DocumentRepository_Service", &ct, &body)
        .is_err());
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(h.state.count_documents(&before.doc_uid()), 0);

    let after = Submission::new(ALICE_MT);
    let (ct, body) = after.mtom();
    assert!(Client::doctor(&h)
        .post("DocumentRepository_Service", &ct, &body)
        .is_err());
    assert_eq!(h.state.count_documents(&after.doc_uid()), 1);

    // No fault left: answered, after the delay.
    let mut c = Client::doctor(&h);
    let t = Instant::now();
    assert_accepted(&c.submit(&before));
    assert!(t.elapsed() >= Duration::from_millis(150));
    h.state.faults.set_delay(Duration::ZERO);
}
