//! `--trace-wire`: the requests and answers of a run against the sandbox DMP, written as HTTP
//! messages for support, one pair of private files per transaction, document content left out
//! unless `--trace-wire-bodies`, and no PIN or password in them. The bytes traced are compared
//! with what the sandbox received; the TD3.1 request is validated with xmllint against the XDS
//! schemas (a conformance test: the schemas are reference material).
//!
//! Every test holds the vpcd slot (with a card or not), so they run one after the other and
//! the sandbox's received requests between two points belong to one test.

mod protocol_support;
mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use base64::Engine;
use dmp_sandbox::card::CardOptions;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use sha1::{Digest, Sha1};
use support::*;

const ALICE: &str = "280057505600117";
/// A PIN that no id, time, length or base64 signature in a trace is likely to contain by
/// chance: eight digits (four digits can turn up in the random ids and base64 values).
const TRACE_PIN: &str = "97315824";

const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
const QUERY: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

fn insert_trace_card() -> Inserted {
    insert(CardOptions {
        pin: TRACE_PIN.into(),
        ..CardOptions::default()
    })
}

/// `dmp` in direct mode with the trace card's PIN.
fn dmp_card(home: &Home) -> assert_cmd::Command {
    let mut c = home.dmp_card();
    c.env("DMP_TEST_PIN", TRACE_PIN);
    c
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The files of a trace directory, sorted by name.
fn trace_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// `(transaction, "request"|"response")` of each file name `TIME-TX-KIND.http`.
fn kinds(files: &[PathBuf]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let rest = name
                .strip_suffix(".http")
                .unwrap_or_else(|| panic!("{name}: not .http"));
            let (time, rest) = rest.split_once('-').unwrap();
            assert!(
                time.len() == "20261127T101502.123456Z".len()
                    && time.ends_with('Z')
                    && time.as_bytes()[8] == b'T',
                "{name}: time {time}"
            );
            let (tx, kind) = rest.rsplit_once('-').unwrap();
            (tx.to_string(), kind.to_string())
        })
        .collect()
}

fn pairs(txs: &[&str]) -> Vec<(String, String)> {
    txs.iter()
        .flat_map(|t| {
            [
                (t.to_string(), "request".to_string()),
                (t.to_string(), "response".to_string()),
            ]
        })
        .collect()
}

/// An HTTP message: start line, headers (lower-cased names), body.
struct Message {
    start: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Message {
    fn read(path: &Path) -> Message {
        let bytes = std::fs::read(path).unwrap();
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("{}: no blank line after the headers", path.display()));
        let head = std::str::from_utf8(&bytes[..split]).expect("headers are text");
        let mut lines = head.split("\r\n");
        let start = lines.next().unwrap().to_string();
        let headers = lines
            .map(|l| {
                let (k, v) = l
                    .split_once(": ")
                    .unwrap_or_else(|| panic!("{}: bad header line {l:?}", path.display()));
                (k.to_ascii_lowercase(), v.to_string())
            })
            .collect();
        Message {
            start,
            headers,
            body: bytes[split + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header in {:?}", self.headers))
    }
}

/// The root element and the first element of the SOAP Body, as (namespace, local name), read
/// with quick-xml (the XML must be well-formed to the end).
fn envelope_shape(xml: &[u8]) -> ((String, String), (String, String)) {
    let mut r = NsReader::from_reader(xml);
    let mut path: Vec<(String, String)> = Vec::new();
    let mut root = None;
    let mut body_child = None;
    loop {
        let (res, ev) = r.read_resolved_event().expect("well-formed XML");
        let name = |res: &ResolveResult, local: &str| {
            let ns = match res {
                ResolveResult::Bound(n) => n.0.to_string(),
                _ => String::new(),
            };
            (ns, local.to_string())
        };
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let n = name(&res, e.local_name().as_ref());
                if root.is_none() {
                    root = Some(n.clone());
                }
                if body_child.is_none()
                    && path.len() == 2
                    && path[1] == (SOAP12.to_string(), "Body".to_string())
                {
                    body_child = Some(n.clone());
                }
                if !empty {
                    path.push(n);
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "unclosed elements: {path:?}");
    (root.expect("a root"), body_child.expect("a Body child"))
}

/// The `AdhocQueryRequest` element of a request, bytes as sent.
fn adhoc_query_request(envelope: &[u8]) -> String {
    let mut r = NsReader::from_reader(envelope);
    let mut start = None;
    loop {
        let before = r.buffer_position() as usize;
        let (res, ev) = r.read_resolved_event().expect("well-formed XML");
        let is_it = |res: &ResolveResult, local: &str| {
            local == "AdhocQueryRequest" && matches!(res, ResolveResult::Bound(n) if n.0 == QUERY)
        };
        match ev {
            Event::Start(e) if start.is_none() && is_it(&res, e.local_name().as_ref()) => {
                start = Some(before)
            }
            Event::End(e) if start.is_some() && is_it(&res, e.local_name().as_ref()) => {
                let end = r.buffer_position() as usize;
                return String::from_utf8(envelope[start.unwrap()..end].to_vec()).unwrap();
            }
            Event::Eof => panic!("no AdhocQueryRequest in the request"),
            _ => {}
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Asserts that no trace file holds the card's PIN or the structure certificate's password.
fn assert_no_secret(files: &[PathBuf]) {
    let sb = sandbox();
    let password_file = std::fs::read_to_string(&sb.server.profile_path)
        .unwrap()
        .parse::<toml::Table>()
        .unwrap()["profiles"]["sandbox"]["structure_cert_password_file"]
        .as_str()
        .unwrap()
        .to_string();
    let password = std::fs::read_to_string(password_file).unwrap();
    let password = password.lines().next().unwrap().trim();
    assert!(password.len() >= 6, "a password worth searching for");
    for f in files {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            !contains(&bytes, TRACE_PIN.as_bytes()),
            "{} holds the PIN",
            f.display()
        );
        assert!(
            !contains(&bytes, password.as_bytes()),
            "{} holds the structure password",
            f.display()
        );
    }
}

/// `docs list` with `--trace-wire`: the files, and what the sandbox received meanwhile.
fn traced_docs_list(home: &Home, dir: &Path) -> (Vec<PathBuf>, Vec<dmp_sandbox::server::Received>) {
    let sb = sandbox();
    let before = sb.server.state.received().len();
    let out = dmp_card(home)
        .arg("--trace-wire")
        .arg(dir)
        .args(["-q", "docs", "list", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    // The health-data warning is not one -q silences.
    let err = stderr(&out);
    assert!(
        err.contains("warning:")
            && err.contains("health data")
            && err.contains(&dir.display().to_string()),
        "{err}"
    );
    let received = sb.server.state.received().split_off(before);
    (trace_files(dir), received)
}

#[test]
fn docs_list_traces_td02_and_td31_as_sent_and_received() {
    let _card = insert_trace_card();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = home.path("support/traces");
    let (files, received) = traced_docs_list(&home, &dir);

    assert_eq!(mode(&dir), 0o700);
    // TD0.2, then the registry queries of the listing (FindDocuments and what follows).
    let k = kinds(&files);
    assert_eq!(
        k.len(),
        2 * received.len(),
        "one pair per request sent: {files:?}"
    );
    assert!(received.len() >= 2);
    let txs: Vec<&str> = std::iter::once("TD0.2")
        .chain(std::iter::repeat_n("TD3.1", received.len() - 1))
        .collect();
    assert_eq!(k, pairs(&txs), "{files:?}");
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }

    // The requests are what the server received, byte for byte, to the services the
    // profile's endpoint names.
    let endpoint: url::Url = std::fs::read_to_string(&sb.server.profile_path)
        .unwrap()
        .parse::<toml::Table>()
        .unwrap()["profiles"]["sandbox"]["endpoint"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    for (i, tx) in txs.iter().enumerate() {
        let (service, body_child) = match *tx {
            "TD0.2" => ("patient", "PRPA_IN201307UV02"),
            _ => ("DocumentRegistry_Service", "AdhocQueryRequest"),
        };
        let req = Message::read(&files[2 * i]);
        assert_eq!(
            req.start,
            format!("POST {}/{service} HTTP/1.1", endpoint.path()),
            "{}",
            files[2 * i].display()
        );
        assert_eq!(
            req.header("host"),
            format!(
                "{}:{}",
                endpoint.host_str().unwrap(),
                endpoint.port().unwrap()
            )
        );
        assert_eq!(req.header("content-length"), req.body.len().to_string());
        assert!(req.header("user-agent").starts_with("dmp/"));
        assert_eq!(received[i].service, service);
        assert_eq!(req.header("content-type"), received[i].content_type);
        assert_eq!(req.body, received[i].body, "{service}: not the bytes sent");
        let (root, child) = envelope_shape(&req.body);
        assert_eq!(root, (SOAP12.to_string(), "Envelope".to_string()));
        assert_eq!(child.1, body_child);

        let resp = Message::read(&files[2 * i + 1]);
        assert_eq!(resp.start, "HTTP/1.1 200 OK");
        assert!(
            resp.header("content-type")
                .starts_with("application/soap+xml"),
            "{:?}",
            resp.headers
        );
        assert_eq!(resp.header("content-length"), resp.body.len().to_string());
        let (root, child) = envelope_shape(&resp.body);
        assert_eq!(root, (SOAP12.to_string(), "Envelope".to_string()));
        if *tx == "TD3.1" {
            assert_eq!(child, (QUERY.to_string(), "AdhocQueryResponse".to_string()));
        }
    }
    // The answer lists ALICE's documents.
    assert!(contains(
        &Message::read(&files[3]).body,
        uid(1, 1).as_bytes()
    ));

    assert_no_secret(&files);
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn a_traced_td31_request_validates_against_the_xds_schemas() {
    let _card = insert_trace_card();
    let home = Home::with_sandbox();
    let dir = home.path("traces");
    let (files, _) = traced_docs_list(&home, &dir);
    let k = kinds(&files);
    let i = k
        .iter()
        .position(|(tx, kind)| tx == "TD3.1" && kind == "request")
        .expect("a TD3.1 request");
    assert_eq!(mode(&files[i]), 0o600);
    assert_eq!(mode(&files[i + 1]), 0o600);
    let query = adhoc_query_request(&Message::read(&files[i]).body);
    protocol_support::xmllint_validate(&query, "ebRS30/query.xsd")
        .unwrap_or_else(|e| panic!("{e}\n{query}"));
    // The check can fail: the same request, broken, does not validate.
    let broken = query.replacen("ResponseOption", "ResponseOptions", 2);
    assert!(protocol_support::xmllint_validate(&broken, "ebRS30/query.xsd").is_err());
}

#[test]
fn docs_get_traces_leave_the_document_out_unless_asked() {
    let _card = insert_trace_card();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let id = uid(1, 1);
    let stored = sb.document(&id);
    // A stretch from the middle of the document, and its base64.
    let mid = stored.content.len() / 2;
    let stretch = &stored.content[mid - 20..mid + 20];
    let b64 = base64::engine::general_purpose::STANDARD.encode(&stored.content);

    let get = |dir: &Path, bodies: bool| {
        let file = dir.with_extension("xml");
        let mut c = dmp_card(&home);
        c.arg("--trace-wire").arg(dir);
        if bodies {
            c.arg("--trace-wire-bodies");
        }
        let out = c
            .args(["docs", "get", "--ins", ALICE, &id, "-o"])
            .arg(&file)
            .output()
            .unwrap();
        ok(&out);
        assert_eq!(std::fs::read(&file).unwrap(), stored.content);
        let err = stderr(&out);
        assert!(err.contains("health data"), "{err}");
        assert_eq!(err.contains("the documents themselves"), bodies, "{err}");
        let files = trace_files(dir);
        assert_eq!(
            kinds(&files),
            pairs(&["TD0.2", "TD3.1", "TD3.2"]),
            "{files:?}"
        );
        assert_no_secret(&files);
        files
    };

    let files = get(&home.path("without"), false);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            !contains(&bytes, stretch),
            "{} holds the document",
            f.display()
        );
        assert!(
            !contains(&bytes, &b64.as_bytes()[..40]),
            "{} holds its base64",
            f.display()
        );
    }
    let answer = Message::read(&files[5]);
    assert_eq!(answer.start, "HTTP/1.1 200 OK");
    let text = String::from_utf8_lossy(&answer.body);
    assert!(
        text.contains(&format!(
            "document content left out: {} bytes, SHA-1 {}",
            stored.content.len(),
            stored.hash
        )),
        "{text}"
    );
    // The MTOM message around it is kept: it still splits into its SOAP root and one part.
    let parts = dmp::dmp::mtom::split_multipart(answer.header("content-type"), &answer.body)
        .expect("the traced answer is still a MIME message");
    assert_eq!(parts.len(), 2);
    assert!(contains(&parts[0].body, id.as_bytes()));
    assert_eq!(hex::encode(Sha1::digest(&stored.content)), stored.hash);

    let files = get(&home.path("with"), true);
    let answer = std::fs::read(&files[5]).unwrap();
    assert!(
        contains(&answer, &stored.content),
        "the whole document is kept"
    );
    assert!(!String::from_utf8_lossy(&answer).contains("left out"));
}

#[test]
fn a_directory_open_to_others_is_refused_before_anything_is_sent() {
    let _slot = lock_slot();
    let sb = sandbox();
    let home = Home::with_sandbox();
    let dir = home.path("shared");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = sb.server.state.received().len();
    let out = home
        .dmp_sandbox()
        .arg("--trace-wire")
        .arg(&dir)
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("open to others (mode 0755)"), "{err}");
    assert!(err.contains("chmod 700"), "{err}");
    assert_eq!(
        mode(&dir),
        0o755,
        "dmp leaves the user's directory as it is"
    );
    assert!(trace_files(&dir).is_empty());
    assert_eq!(sb.server.state.received().len(), before, "nothing sent");

    // Bodies without traces is a usage error.
    let out = home
        .dmp_sandbox()
        .args(["--trace-wire-bodies", "patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--trace-wire DIR"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sb.server.state.received().len(), before, "nothing sent");
}

#[test]
fn the_profile_key_traces_an_indirect_run_too() {
    let _slot = lock_slot();
    let sb = sandbox();
    let home = Home::new();
    let dir = home.path("profile-traces");
    home.install_edited_profile(sb, |p| {
        p.insert("trace_wire".into(), dir.display().to_string().into());
    });
    let out = home
        .dmp_sandbox()
        .args(["patient", "status", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    assert!(json(&out)["authorization"].is_string());
    assert!(stderr(&out).contains("health data"), "{}", stderr(&out));
    let files = trace_files(&dir);
    assert_eq!(kinds(&files), pairs(&["TD0.2"]));
    assert_eq!(mode(&dir), 0o700);
    for f in &files {
        assert_eq!(mode(f), 0o600);
    }
    let req = Message::read(&files[0]);
    assert!(req.start.ends_with("/patient HTTP/1.1"), "{}", req.start);
    assert_no_secret(&files);
}

#[test]
fn an_error_page_is_kept_and_a_missing_answer_is_said() {
    let _slot = lock_slot();
    // A proxy's HTML page instead of the DMP: kept as it came, status included.
    let sb = own_sandbox(|o| o.http_errors = vec![("patient".to_string(), 502)]);
    let home = Home::new();
    home.install_profile(&sb);
    let dir = home.path("traces");
    let out = home
        .dmp_sandbox()
        .arg("--trace-wire")
        .arg(&dir)
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    let files = trace_files(&dir);
    assert_eq!(kinds(&files), pairs(&["TD0.2"]));
    let answer = Message::read(&files[1]);
    assert_eq!(answer.start, "HTTP/1.1 502 Bad Gateway");
    assert!(answer.header("content-type").starts_with("text/html"));
    assert!(
        String::from_utf8_lossy(&answer.body).contains("502"),
        "{}",
        String::from_utf8_lossy(&answer.body)
    );

    // Nobody listening: the request is traced, and the answer file says none came.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let dir = home.path("nobody");
    let out = home
        .dmp_sandbox()
        .arg("--trace-wire")
        .arg(&dir)
        .arg("--endpoint")
        .arg(format!(
            "https://127.0.0.1:{port}/si-dmp-server/v2/services"
        ))
        .args(["patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let files = trace_files(&dir);
    assert_eq!(kinds(&files), pairs(&["TD0.2"]));
    let request = Message::read(&files[0]);
    assert_eq!(request.header("host"), format!("127.0.0.1:{port}"));
    let answer = std::fs::read_to_string(&files[1]).unwrap();
    assert!(
        answer.starts_with("dmp: no complete answer: cannot reach 127.0.0.1:"),
        "{answer}"
    );
    assert_eq!(answer.lines().count(), 1, "{answer}");
}
