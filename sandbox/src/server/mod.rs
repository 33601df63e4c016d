//! `dmp-sandbox serve`: a local DMP server speaking the real wire format (SOAP 1.2 +
//! WS-Addressing + VIHF over mutual TLS 1.2) on the real endpoint paths.
//!
//! Start it from Rust with [`spawn`]; the CLI wraps [`run_cli`].

pub mod certs;
pub mod cli;
pub mod faults;
pub mod habilitations;
pub mod hl7;
pub mod http;
pub mod ins;
pub mod patients;
pub mod profile;
pub mod registry;
pub mod repository;
pub mod rights;
pub mod seed;
pub mod soap;
pub mod store;
pub mod submit;
pub mod tls;
pub mod traces;
pub mod update;
pub mod value_sets;
pub mod vihf;
pub mod web_ps;
pub mod xades;

use std::io::{BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

use rights::{AuthMode, Caller};
use soap::{Fault, SOAP12, WSA};
use store::Store;
use tls::CertIdentity;
use vihf::Vihf;

/// Base path of every service.
pub const BASE_PATH: &str = "/si-dmp-server/v2/services";
/// The five services and their path segment (reference §2.2).
pub const SERVICES: [&str; 5] = [
    "patient",
    "Habilitation",
    "PatientSpecific",
    "DocumentRegistry_Service",
    "DocumentRepository_Service",
];

/// Errors while setting the server up.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Setup(String),
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("TLS: {0}")]
    Tls(#[from] rustls::Error),
}

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind; port 0 picks a free one.
    pub listen: SocketAddr,
    /// Data directory (SQLite database, server and structure certificates, client profile).
    pub data_dir: PathBuf,
    /// Test PKI directory (`organisations-ca.pem`, `organisations-ca-key.pem`, `ca-bundle.pem`).
    pub pki_dir: PathBuf,
    /// Where to write the client profile (default `<data dir>/client-profile.toml`).
    pub profile_path: Option<PathBuf>,
    /// The `xmlsec1` command used to verify signed VIHFs.
    pub xmlsec1: PathBuf,
    /// Services answered with an HTTP error status and an HTML page, as a proxy in front of
    /// the DMP or a wrong path would (`--http-error SERVICE=STATUS`), to exercise the client's
    /// handling of answers that are not SOAP.
    pub http_errors: Vec<(String, u16)>,
    /// Every answer is delayed this long (`--delay-ms`): the real DMP is not instant.
    pub delay: Duration,
    /// Faults for the next submissions, in order (`--submit-fault KIND[:COUNT]`).
    pub submit_faults: Vec<(faults::SubmitFault, usize)>,
    /// How long a hanging submission stays silent (`--hang-ms`).
    pub hang: Duration,
}

impl ServeOptions {
    pub fn new(data_dir: impl Into<PathBuf>, pki_dir: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.into(),
            pki_dir: pki_dir.into(),
            profile_path: None,
            xmlsec1: PathBuf::from("xmlsec1"),
            http_errors: Vec::new(),
            delay: Duration::ZERO,
            submit_faults: Vec::new(),
            hang: faults::DEFAULT_HANG,
        }
    }
}

/// Default data directory: `$XDG_DATA_HOME/dmp-sandbox/dmp`.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("dmp-sandbox")
        .join("dmp")
}

/// Default PKI directory: `$XDG_DATA_HOME/dmp-sandbox/pki`.
pub fn default_pki_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("dmp-sandbox")
        .join("pki")
}

/// Shared server state.
pub struct State {
    pub store: Store,
    pub data_dir: PathBuf,
    pub trusted_pems: Vec<PathBuf>,
    pub xmlsec1: PathBuf,
    pub tmp_dir: PathBuf,
    /// The last requests received, as they came (for tests that check what a client sends).
    pub received: std::sync::Mutex<std::collections::VecDeque<Received>>,
    /// See [`ServeOptions::http_errors`].
    pub http_errors: Vec<(String, u16)>,
    /// Latency and faults injected (see [`faults`]).
    pub faults: faults::Faults,
}

/// One request as received: the service it was sent to and its body, bytes for bytes.
#[derive(Debug, Clone)]
pub struct Received {
    pub service: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// How many received requests are kept.
const RECEIVED_KEPT: usize = 1000;

impl State {
    /// The requests received so far (at most the last 1000), oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    fn keep_received(&self, r: Received) {
        let mut q = self.received.lock().unwrap_or_else(|e| e.into_inner());
        if q.len() == RECEIVED_KEPT {
            q.pop_front();
        }
        q.push_back(r);
    }

    /// How many registry entries hold this uniqueId, whatever their status: 1 for a document
    /// stored exactly once.
    pub fn count_documents(&self, unique_id: &str) -> u64 {
        store::count_documents_with_unique_id(&self.store.conn(), unique_id).unwrap_or(0)
    }

    /// The registry entries holding this uniqueId, oldest first.
    pub fn documents_with_unique_id(&self, unique_id: &str) -> Vec<store::Document> {
        store::documents_with_unique_id(&self.store.conn(), unique_id).unwrap_or_default()
    }
}

/// A running server. Dropping it stops accepting connections.
pub struct ServerHandle {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub profile_path: PathBuf,
    pub structure: certs::StructureFiles,
    pub state: Arc<State>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ServerHandle {
    /// `https://127.0.0.1:PORT/si-dmp-server/v2/services`
    pub fn endpoint(&self) -> String {
        format!("https://{}{BASE_PATH}", self.addr)
    }

    /// Full URL of one service.
    pub fn service_url(&self, service: &str) -> String {
        format!("{}/{service}", self.endpoint())
    }

    /// Block until the server stops (never, unless another handle stops it).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    /// Stop accepting connections.
    pub fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn read_pem(path: &Path) -> Result<String, ServeError> {
    std::fs::read_to_string(path).map_err(|e| {
        ServeError::Setup(format!(
            "cannot read {}: {e} (create the test PKI first: `dmp-sandbox pki`)",
            path.display()
        ))
    })
}

/// Create or open the data directory, certificates and database, bind, write the client
/// profile, and serve in background threads.
pub fn spawn(opts: ServeOptions) -> Result<ServerHandle, ServeError> {
    let ca_cert = read_pem(&opts.pki_dir.join("organisations-ca.pem"))?;
    let ca_key = read_pem(&opts.pki_dir.join("organisations-ca-key.pem"))?;
    let bundle_path = opts.pki_dir.join("ca-bundle.pem");
    let bundle = read_pem(&bundle_path)?;
    std::fs::create_dir_all(&opts.data_dir)?;
    let store = Store::open(&opts.data_dir.join("dmp.sqlite"))?;
    let ca = certs::CaMaterial {
        cert_pem: ca_cert,
        key_pem: ca_key,
    };
    let tls_dir = opts.data_dir.join("tls");
    let server = certs::ensure_server_cert(&tls_dir, &ca)?;
    let structure = certs::ensure_structure_cert(&opts.data_dir.join("structure"), &ca)?;

    let anchors: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(bundle.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| ServeError::Setup(format!("{}: {e}", bundle_path.display())))?;
    if anchors.is_empty() {
        return Err(ServeError::Setup(format!(
            "{}: no certificate",
            bundle_path.display()
        )));
    }
    // One PEM file per trust anchor for xmlsec1.
    let mut trusted_pems = Vec::new();
    for (i, a) in anchors.iter().enumerate() {
        let p = tls_dir.join(format!("trust-{i}.pem"));
        std::fs::write(&p, certs::pem("CERTIFICATE", a.as_ref()))?;
        trusted_pems.push(p);
    }
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(server.chain_pem.as_bytes())
            .collect::<Result<_, _>>()
            .map_err(|e| ServeError::Setup(format!("server certificate: {e}")))?;
    let key = PrivateKeyDer::from_pem_slice(server.key_pem.as_bytes())
        .map_err(|e| ServeError::Setup(format!("server key: {e}")))?;
    let config = Arc::new(tls::server_config(&anchors, chain, key)?);

    let listener = TcpListener::bind(opts.listen)?;
    let addr = listener.local_addr()?;
    let tmp_dir = opts.data_dir.join("tmp");
    std::fs::create_dir_all(&tmp_dir)?;

    let profile_path = opts
        .profile_path
        .clone()
        .unwrap_or_else(|| opts.data_dir.join("client-profile.toml"));
    profile::write_profile(
        &profile_path,
        &profile::SandboxProfile {
            endpoint: format!("https://{addr}{BASE_PATH}"),
            web_ps_url: format!("https://{addr}"),
            trust_anchors: vec![bundle_path.clone()],
            structure_cert: structure.p12.clone(),
            structure_cert_password_file: structure.password_file.clone(),
            structure_id: structure.structure_id.clone(),
        },
    )
    .map_err(ServeError::Setup)?;

    let state = Arc::new(State {
        store,
        data_dir: opts.data_dir.clone(),
        trusted_pems,
        xmlsec1: opts.xmlsec1.clone(),
        tmp_dir,
        received: Default::default(),
        http_errors: opts.http_errors.clone(),
        faults: faults::Faults::new(opts.delay, opts.hang, &opts.submit_faults),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let thread = {
        let state = state.clone();
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("dmp-sandbox-accept".into())
            .spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(tcp) = conn else { continue };
                    let state = state.clone();
                    let config = config.clone();
                    let _ = std::thread::Builder::new()
                        .name("dmp-sandbox-conn".into())
                        .spawn(move || serve_connection(&state, config, tcp));
                }
            })?
    };
    Ok(ServerHandle {
        addr,
        data_dir: opts.data_dir,
        profile_path,
        structure,
        state,
        stop,
        thread: Some(thread),
    })
}

/// Serve one TLS connection: handshake, then HTTP/1.1 requests with keep-alive.
fn serve_connection(state: &State, config: Arc<ServerConfig>, tcp: TcpStream) {
    let _ = tcp.set_read_timeout(Some(Duration::from_secs(120)));
    let _ = tcp.set_nodelay(true);
    let Ok(conn) = ServerConnection::new(config) else {
        return;
    };
    let mut tls = StreamOwned::new(conn, tcp);
    while tls.conn.is_handshaking() {
        match tls.conn.complete_io(&mut tls.sock) {
            Ok((0, 0)) | Err(_) => return,
            Ok(_) => {}
        }
    }
    let peer = tls
        .conn
        .peer_certificates()
        .and_then(|c| c.first())
        .and_then(|c| tls::identity(c.as_ref()).ok());
    let Some(peer) = peer else {
        return;
    };
    let mut reader = BufReader::new(tls);
    loop {
        let next = http::read_head(&mut reader).and_then(|head| match head {
            Some(mut req) => {
                if http::expects_continue(&req) {
                    let w = reader.get_mut();
                    w.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
                    w.flush()?;
                }
                http::read_body(&mut reader, &mut req)?;
                Ok(Some(req))
            }
            None => Ok(None),
        });
        match next {
            Ok(Some(req)) => {
                let keep = req.keep_alive();
                let fault = if faults::is_submission(&req.body) {
                    state.faults.take()
                } else {
                    None
                };
                let resp = match fault {
                    Some(faults::SubmitFault::Unavailable) => http::error_page(503),
                    Some(f) => {
                        if f.commits() {
                            let _ = handle(state, &peer, &req);
                        }
                        if matches!(
                            f,
                            faults::SubmitFault::HangBeforeCommit
                                | faults::SubmitFault::HangAfterCommit
                        ) {
                            std::thread::sleep(state.faults.hang());
                        }
                        // A reset, not a close: SO_LINGER 0, no close_notify, no answer.
                        let sock = &reader.get_ref().sock;
                        let _ = socket2::SockRef::from(sock).set_linger(Some(Duration::ZERO));
                        return;
                    }
                    None => handle(state, &peer, &req),
                };
                let delay = state.faults.delay();
                if !delay.is_zero() {
                    std::thread::sleep(delay);
                }
                if http::write_response(reader.get_mut(), &resp, keep).is_err() || !keep {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                let resp = http::Response::new(400, "text/plain; charset=UTF-8", e.to_string());
                let _ = http::write_response(reader.get_mut(), &resp, false);
                break;
            }
            Err(_) => break,
        }
    }
    let tls = reader.get_mut();
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

/// What a handler returns.
pub struct Reply {
    pub body_xml: String,
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

impl Reply {
    pub fn xml(body_xml: String) -> Reply {
        Reply {
            body_xml,
            attachments: Vec::new(),
        }
    }
}

/// Per-request context handed to the transaction handlers.
pub struct Ctx<'a> {
    pub state: &'a State,
    pub vihf: Vihf,
    pub caller: Caller,
    pub peer: &'a CertIdentity,
    pub trace: traces::TraceRecord,
    /// The request as received (a submission reads its MIME parts from it).
    pub request: &'a http::Request,
}

type Handler = fn(&mut Ctx<'_>, roxmltree::Node<'_, '_>) -> Result<Reply, Fault>;

struct Operation {
    service: &'static str,
    actions: &'static [&'static str],
    body_ns: &'static str,
    body_name: &'static str,
    response_action: &'static str,
    transaction: &'static str,
    patient_required: bool,
    handler: Handler,
}

const OPERATIONS: &[Operation] = &[
    Operation {
        service: "patient",
        actions: &["urn:hl7-org:v3:PRPA_IN201307UV02"],
        body_ns: "urn:hl7-org:v3",
        body_name: "PRPA_IN201307UV02",
        response_action: "urn:hl7-org:v3:PRPA_IN201308UV02",
        transaction: "TD0.2",
        patient_required: true,
        handler: hl7::td02,
    },
    Operation {
        service: "Habilitation",
        actions: &[
            "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization",
            "urn:hl7-org:v3:setAuthorization",
        ],
        body_ns: habilitations::NS,
        body_name: "setAuthorization",
        response_action: "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorizationResponse",
        transaction: "TD0.3",
        patient_required: true,
        handler: habilitations::set_authorization,
    },
    Operation {
        service: "Habilitation",
        actions: &[
            "urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient",
            "urn:hl7-org:v3:listAuthorizationByPatient",
        ],
        body_ns: habilitations::NS,
        body_name: "listAuthorizationByPatient",
        response_action:
            "urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatientResponse",
        transaction: "TD1.6",
        patient_required: true,
        handler: habilitations::list_by_patient,
    },
    Operation {
        service: "PatientSpecific",
        actions: &["urn:si-dmp-patients:PatientSpecificEndPoint:patientList"],
        body_ns: patients::NS,
        body_name: "patientList",
        response_action: "urn:si-dmp-patients:PatientSpecificEndPoint:patientListResponse",
        transaction: "TD0.4",
        patient_required: false,
        handler: patients::patient_list,
    },
    Operation {
        service: "DocumentRegistry_Service",
        actions: &["urn:ihe:iti:2007:RegistryStoredQuery"],
        body_ns: registry::NS_QUERY,
        body_name: "AdhocQueryRequest",
        response_action: "urn:ihe:iti:2007:RegistryStoredQueryResponse",
        transaction: "TD3.1",
        patient_required: true,
        handler: registry::stored_query,
    },
    Operation {
        service: "DocumentRegistry_Service",
        actions: &[update::ACTION],
        body_ns: update::NS_LCM,
        body_name: "SubmitObjectsRequest",
        response_action: update::RESPONSE_ACTION,
        transaction: "TD3.3",
        patient_required: true,
        handler: update::update_document_set,
    },
    Operation {
        service: "DocumentRepository_Service",
        actions: &["urn:ihe:iti:2007:RetrieveDocumentSet"],
        body_ns: repository::NS_XDSB,
        body_name: "RetrieveDocumentSetRequest",
        response_action: "urn:ihe:iti:2007:RetrieveDocumentSetResponse",
        transaction: "TD3.2",
        patient_required: true,
        handler: repository::retrieve,
    },
    Operation {
        service: "DocumentRepository_Service",
        actions: &[submit::ACTION],
        body_ns: submit::NS_XDSB,
        body_name: submit::BODY_NAME,
        response_action: submit::RESPONSE_ACTION,
        transaction: "TD2.1",
        patient_required: true,
        handler: submit::provide_and_register,
    },
];

/// Turn a fault into an HTTP response (MTOM on the repository, as the real DMP does).
fn fault_response(service: &str, f: &Fault, relates_to: Option<&str>) -> http::Response {
    let env = soap::fault_envelope(f, relates_to);
    if service == "DocumentRepository_Service" {
        let (ct, body) = soap::mtom(&env, soap::FAULT_ACTION, &[]);
        http::Response::new(500, ct, body)
    } else {
        http::Response::new(500, soap::SOAP_CONTENT_TYPE, env)
    }
}

/// Handle one HTTP request.
pub fn handle(state: &State, peer: &CertIdentity, req: &http::Request) -> http::Response {
    let path = req.path.split('?').next().unwrap_or("");
    if let Some(page) = path.strip_prefix(web_ps::PREFIX) {
        return web_ps::handle(state, peer, req, page);
    }
    let service = match path
        .strip_prefix(BASE_PATH)
        .and_then(|s| s.strip_prefix('/'))
    {
        Some(s) if SERVICES.contains(&s) => s,
        _ => {
            return http::Response::new(
                404,
                "text/plain; charset=UTF-8",
                format!("No service was found at {path}\n"),
            )
        }
    };
    if let Some((_, status)) = state.http_errors.iter().find(|(s, _)| s == service) {
        return http::error_page(*status);
    }
    if req.method != "POST" {
        return http::Response::new(405, "text/plain; charset=UTF-8", "Only POST is supported\n");
    }
    state.keep_received(Received {
        service: service.to_string(),
        content_type: req.header("content-type").unwrap_or("").to_string(),
        body: req.body.clone(),
    });
    let mut trace = traces::TraceRecord::from_peer(peer, service);
    let (resp, trace) = match process(state, peer, service, req, &mut trace) {
        Ok(resp) => (resp, trace),
        Err((f, relates)) => {
            trace.outcome = f.subcode.clone();
            (fault_response(service, &f, relates.as_deref()), trace)
        }
    };
    let conn = state.store.conn();
    if let Err(e) = traces::insert(&conn, &trace) {
        eprintln!("dmp-sandbox: trace not recorded: {e}");
    }
    resp
}

type Failure = (Fault, Option<String>);

fn process(
    state: &State,
    peer: &CertIdentity,
    service: &str,
    req: &http::Request,
    trace: &mut traces::TraceRecord,
) -> Result<http::Response, Failure> {
    let ct = req.header("content-type").unwrap_or("");
    let text = soap::envelope_text(ct, &req.body).map_err(|f| (f, None))?;
    let doc = roxmltree::Document::parse(&text).map_err(|e| {
        (
            Fault::sender("InvalidMessage", format!("XML mal formé : {e}")),
            None,
        )
    })?;
    let env = doc.root_element();
    if env.tag_name().name() != "Envelope" || env.tag_name().namespace() != Some(SOAP12) {
        return Err((
            Fault {
                code: soap::FaultCode::VersionMismatch,
                subcode: "VersionMismatch".into(),
                reason: "Enveloppe SOAP 1.2 attendue (http://www.w3.org/2003/05/soap-envelope)"
                    .into(),
            },
            None,
        ));
    }
    let header = soap::child(env, SOAP12, "Header").ok_or_else(|| {
        (
            Fault::sender("wsa:MessageAddressingHeaderRequired", "En-tête SOAP absent"),
            None,
        )
    })?;
    let message_id = soap::child(header, WSA, "MessageID").map(soap::text);
    let relates = message_id.clone();
    let fail = |f: Fault| (f, relates.clone());
    let action = soap::child(header, WSA, "Action")
        .map(soap::text)
        .ok_or_else(|| {
            fail(Fault::sender(
                "wsa:MessageAddressingHeaderRequired",
                "A required header representing a Message Addressing Property is not present: Action",
            ))
        })?;
    trace.action = action.clone();
    let body = soap::child(env, SOAP12, "Body")
        .and_then(|b| soap::children(b).next())
        .ok_or_else(|| fail(Fault::sender("InvalidMessage", "Corps SOAP vide")))?;
    let op = OPERATIONS
        .iter()
        .find(|o| o.service == service && o.actions.contains(&action.as_str()))
        .ok_or_else(|| {
            fail(Fault::sender(
                "wsa:ActionNotSupported",
                format!("The [action] cannot be processed at the receiver: {action} (service {service})"),
            ))
        })?;
    trace.transaction = op.transaction.to_string();
    if body.tag_name().name() != op.body_name || body.tag_name().namespace() != Some(op.body_ns) {
        return Err(fail(Fault::sender(
            "InvalidMessage",
            format!(
                "Le corps du message ({}) ne correspond pas à l'action {action}",
                body.tag_name().name()
            ),
        )));
    }
    if let Some(ct_action) = soap::content_type_param(ct, "action") {
        // The official TD2.1 example names its action this way in the root part.
        let dmp_alias = action == submit::ACTION && ct_action == submit::DMP_CT_ACTION;
        if !ct_action.is_empty() && ct_action != action && !dmp_alias {
            return Err(fail(Fault::sender(
                "wsa:ActionMismatch",
                format!("L'action du Content-Type ({ct_action}) diffère de wsa:Action ({action})"),
            )));
        }
    }
    let vihf = vihf::parse(header, op.patient_required).map_err(&fail)?;
    trace.fill_from_vihf(&vihf);
    authenticate(state, peer, &vihf, &text).map_err(&fail)?;
    let caller = Caller {
        mode: vihf.auth_mode,
        purpose: vihf.purpose,
        actor: vihf.actor(),
        national_id: vihf.name_id.clone(),
        structure_id: vihf.structure_id.clone(),
    };
    let mut ctx = Ctx {
        state,
        vihf,
        caller,
        peer,
        trace: std::mem::take(trace),
        request: req,
    };
    let result = (op.handler)(&mut ctx, body);
    *trace = ctx.trace;
    let reply = result.map_err(&fail)?;
    if trace.outcome.is_empty() {
        trace.outcome = "OK".into();
    }
    let env = soap::envelope(op.response_action, message_id.as_deref(), &reply.body_xml);
    if service == "DocumentRepository_Service" {
        let (ct, body) = soap::mtom(&env, op.response_action, &reply.attachments);
        Ok(http::Response::new(200, ct, body))
    } else {
        Ok(http::Response::new(200, soap::SOAP_CONTENT_TYPE, env))
    }
}

const NOT_SIGNATURE_CERT: &str =
    "Le certificat ayant signé le VIHF est invalide : Not a valid signature certificate";

/// Tie the VIHF to the TLS client certificate and check its signature.
fn authenticate(state: &State, peer: &CertIdentity, v: &Vihf, xml: &str) -> Result<(), Fault> {
    let cert_fault = |m: String| Fault::sender(vihf::INVALID_CERTIFICATE, m);
    let signer = match &v.signature {
        None => None,
        Some(sig) => {
            if sig.reference_uri != format!("#{}", v.id) {
                return Err(Fault::sender(
                    vihf::INVALID_SIGNATURE,
                    "La signature du VIHF ne porte pas sur l'assertion (Reference URI)",
                ));
            }
            let signer = tls::identity(&sig.cert_der).map_err(|e| {
                cert_fault(format!(
                    "Le certificat ayant signé le VIHF est invalide : {e}"
                ))
            })?;
            vihf::verify_signature(&state.xmlsec1, xml, &state.trusted_pems, &state.tmp_dir)
                .map_err(|e| {
                    Fault::sender(
                        vihf::INVALID_SIGNATURE,
                        format!("La signature du VIHF est invalide : {e}"),
                    )
                })?;
            Some(signer)
        }
    };
    match v.auth_mode {
        AuthMode::Direct => {
            if !peer.is_personal() {
                return Err(cert_fault(
                    "Authentification directe : le certificat TLS n'est pas un certificat de professionnel (carte CPx)".into(),
                ));
            }
            if v.name_id != peer.cn {
                return Err(cert_fault(format!(
                    "L'identifiant du VIHF ({}) ne correspond pas au certificat d'authentification ({})",
                    v.name_id, peer.cn
                )));
            }
            // The structure must be one of the holder's activities (what the card carries).
            if !seed::linked_structures(&peer.cn).contains(&v.structure_id) {
                let text = if seed::known_structure(&v.structure_id) {
                    "PS et Structure non liés"
                } else {
                    "Structure introuvable ou Inactive"
                };
                return Err(Fault::sender(
                    vihf::INVALID_VIHF,
                    format!(
                        "{text} : Identifiant_Structure {} n'est pas une activité de {}",
                        v.structure_id, peer.cn
                    ),
                ));
            }
            if let Some(s) = signer {
                if !s.is_personal() || !s.non_repudiation {
                    return Err(cert_fault(NOT_SIGNATURE_CERT.into()));
                }
                if s.cn != peer.cn {
                    return Err(cert_fault(format!(
                        "Le certificat ayant signé le VIHF est invalide : porteur {} différent du certificat d'authentification {}",
                        s.cn, peer.cn
                    )));
                }
            }
        }
        AuthMode::Indirect | AuthMode::IndirectReinforced => {
            let structure = match (&peer.ou, peer.is_personal()) {
                (Some(ou), false) => ou.clone(),
                _ => {
                    return Err(cert_fault(
                        "Authentification indirecte : le certificat TLS n'est pas un certificat de structure".into(),
                    ))
                }
            };
            let s = signer.ok_or_else(|| {
                Fault::sender(
                    vihf::INVALID_VIHF,
                    "VIHF non signé : la signature est obligatoire en authentification indirecte",
                )
            })?;
            if s.is_personal() || s.ou.as_deref() != Some(structure.as_str()) {
                return Err(cert_fault(format!(
                    "Le certificat ayant signé le VIHF est invalide : il n'appartient pas à la structure {structure}"
                )));
            }
            if !s.digital_signature && !s.non_repudiation {
                return Err(cert_fault(NOT_SIGNATURE_CERT.into()));
            }
            if v.structure_id != structure {
                return Err(Fault::sender(
                    vihf::INVALID_VIHF,
                    format!(
                        "Structure introuvable ou Inactive : Identifiant_Structure {} différent du certificat ({structure})",
                        v.structure_id
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Look up the patient and the caller's standing on the record.
pub fn patient_ctx(
    conn: &rusqlite::Connection,
    caller: &Caller,
    ins: &str,
) -> rusqlite::Result<(Option<store::Patient>, rights::PatientCtx)> {
    let patient = store::patient(conn, ins)?;
    let holder = match caller.mode {
        AuthMode::Direct => caller.national_id.as_str(),
        _ => caller.structure_id.as_str(),
    };
    let row = store::authorization(conn, ins, holder)?;
    let user_row = store::authorization(conn, ins, &caller.national_id)?;
    let blocked = user_row.as_ref().is_some_and(|r| r.status == "INTERDIT");
    let authorization = if blocked {
        rights::Authorization::Interdit
    } else {
        match row.as_ref().map(|r| r.status.as_str()) {
            Some("VALIDE") => rights::Authorization::Valide,
            Some("EXPIRE") => rights::Authorization::Expire,
            Some("INTERDIT") => rights::Authorization::Interdit,
            _ => rights::Authorization::NonExiste,
        }
    };
    let is_mt = caller.mode == AuthMode::Direct
        && row
            .as_ref()
            .is_some_and(|r| r.is_mt && r.status == "VALIDE");
    let ctx = rights::PatientCtx {
        dmp: match patient.as_ref().map(|p| p.dmp_state.as_str()) {
            Some("active") => rights::DmpState::Active,
            Some("closed") => rights::DmpState::Closed,
            _ => rights::DmpState::None,
        },
        authorization,
        is_mt,
        opposes_bris_de_glace: patient.as_ref().is_some_and(|p| p.opposes_bris_de_glace),
        opposes_centre_15: patient.as_ref().is_some_and(|p| p.opposes_centre_15),
        masked_visible_in_emergency: patient
            .as_ref()
            .is_some_and(|p| p.masked_visible_in_emergency),
    };
    Ok((patient, ctx))
}

/// A database error as a Receiver fault.
pub fn db_fault(e: rusqlite::Error) -> Fault {
    Fault::receiver(
        "InternalError",
        format!("Erreur interne du bac à sable : {e}"),
    )
}

/// A rights refusal as a Sender fault.
pub fn denial_fault(d: rights::Denial) -> Fault {
    Fault::sender(d.code, d.message)
}

/// Current UTC time as `YYYYMMDDhhmmss`.
pub fn now_ts() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Options of the `serve` subcommand, documented for `--help`.
pub const SERVE_LONG_HELP: &str = include_str!("serve_help.txt");

/// Run `dmp-sandbox serve`: start, print where, and serve until killed.
pub fn run_cli(opts: ServeOptions) -> Result<(), ServeError> {
    let handle = spawn(opts)?;
    println!("dmp-sandbox: DMP sandbox listening on {}", handle.addr);
    println!("endpoint: {}", handle.endpoint());
    println!("data: {}", handle.data_dir.display());
    println!("client profile: {}", handle.profile_path.display());
    let _ = std::io::stdout().flush();
    handle.wait();
    Ok(())
}
