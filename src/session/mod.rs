//! The HTTPS session with the DMP: one reqwest blocking client per run over a rustls
//! configuration built from the credential (the CPS card or the structure certificate).
//!
//! - TLS 1.2 only, the DMP's ECDHE-RSA AEAD suites, the configured trust anchors only.
//! - One client and one connection pool for the whole run, keep-alive and TLS session
//!   resumption: the card signs once per run, not once per request.
//! - [`Session::post`] is never retried (a request that may have been processed is never sent
//!   twice). [`Session::post_idempotent`] is for read requests and retries only plain connection
//!   failures before anything was sent, following [`READ_RETRY`].
//! - An HTTP error status is not an error here: a SOAP fault comes with HTTP 500 and the SOAP
//!   layer reads the body (`dmp::soap::check_http_status`).
//! - An answer is read into memory up to a size limit ([`DEFAULT_MAX_REPLY`], or the caller's).
//! - Timeouts: each attempt may take [`SessionConfig::timeout`] in all, of which connecting (TCP
//!   and the TLS handshake) at most the half, and never more than 15 s. Error messages state
//!   these numbers and the attempts made.
//! - A failed handshake is explained in plain words (see `explain`).
//! - A [`WireTap`] given to [`Session::post_traced`] sees each request and answer as they go
//!   over the wire (`--trace-wire`): bytes and headers only, what they mean is for the caller.

mod explain;
mod http_date;
pub mod tls_config;

use std::io::{Read, Write};
use std::net::{IpAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use ::time::OffsetDateTime;
use reqwest::Url;
use rustls::client::ResolvesClientCert;
use rustls::pki_types::ServerName;
use rustls::ClientConfig;

use crate::credential::anchors;
use crate::credential::card::CardSession;
use crate::credential::pkcs11::{self, Pkcs11Token};
use crate::credential::structure::StructureCredential;
use crate::credential::tls::{subject_of, FixedClientCert, HandshakeNotes};
use crate::error::{Error, Result};

pub use http_date::parse_http_date;

/// What authenticates the TLS client.
// One per run: its size does not matter, boxing would only add noise at every use.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Credential {
    /// The CPS card's authentication key (direct mode). Verify the PIN before the first
    /// request: the handshake never prompts. Read the certificates first with the cache
    /// (`certificates(Some(cache))`): the session then reuses them instead of reading the card.
    Card(CardSession),
    /// The structure certificate (indirect mode).
    Structure(StructureCredential),
    /// The CPS card's authentication key through a PKCS#11 module (direct mode). Log in
    /// before the first request, as with `Card`.
    Pkcs11(Pkcs11Token),
}

/// How to open a session.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// The services' base URL, e.g. `https://127.0.0.1:8443/si-dmp-server/v2/services`.
    pub endpoint: String,
    /// PEM files of the CAs the server certificate must chain to.
    pub trust_anchors: Vec<PathBuf>,
    pub credential: Credential,
    /// Whole-request timeout (the connection timeout is the smaller of its half and 15 s).
    pub timeout: Duration,
}

/// The largest answer read into memory when the caller does not say: 64 MiB. A SOAP answer of
/// the DMP (a query's metadata, a status) is kilobytes to a few megabytes.
pub const DEFAULT_MAX_REPLY: u64 = 64 * 1024 * 1024;

/// The connection timeout for a whole-request `timeout`.
pub fn connect_timeout(timeout: Duration) -> Duration {
    (timeout / 2).min(Duration::from_secs(15))
}

/// An HTTP answer, whatever its status.
#[derive(Debug, Clone)]
pub struct HttpReply {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The server's `Date` header.
    pub date: Option<OffsetDateTime>,
}

/// The start line and the headers of an HTTP message, as they went over the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireHead {
    /// `POST /path HTTP/1.1`, or `HTTP/1.1 200 OK`.
    pub start_line: String,
    /// In the order sent or received; names in lower case, as HTTP/1.1 writes them here.
    pub headers: Vec<(String, String)>,
}

impl WireHead {
    /// The value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sees one request and its answer as they go over the wire. The session hands over bytes; a
/// tap that needs to know what they hold (a document) asks the layer above.
pub trait WireTap {
    /// The request, once, before its first attempt. An error stops it: nothing is sent.
    fn request(&self, head: &WireHead, body: &[u8]) -> Result<()>;
    /// The answer as received, whatever its status.
    fn response(&self, head: &WireHead, body: &[u8]);
    /// No complete answer: `why` says what happened; `head` and `received` are what came
    /// before the answer was cut short or refused as too large (nothing when none came).
    fn failed(&self, why: &str, head: Option<&WireHead>, received: &[u8]);
}

/// What `dmp doctor` shows about the TLS connection to the endpoint.
#[derive(Debug, Clone)]
pub struct HandshakeReport {
    /// "TLS 1.2".
    pub tls_version: String,
    /// e.g. "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384".
    pub cipher_suite: String,
    pub server_subject: String,
    pub server_not_after: Option<OffsetDateTime>,
    /// A TLS session resumed from an earlier handshake of this run (no new client signature).
    pub resumed: bool,
    /// The status of the HEAD request on the base URL (any status is fine).
    pub http_status: Option<u16>,
    /// The server's `Date` header.
    pub date: Option<OffsetDateTime>,
    /// Server date minus local date, at one-second resolution.
    pub clock_skew: Option<::time::Duration>,
}

/// The retry policy of idempotent read requests: how many attempts in all, and the pause
/// before each retry. Only plain connection failures (refused, unreachable, DNS, TCP timeout)
/// are retried; never a TLS failure (it would cost a card signature and will not heal), never a
/// failure after the request may have been sent.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub pauses: &'static [Duration],
}

/// Three attempts, 0.3 s then 1 s apart.
pub const READ_RETRY: RetryPolicy = RetryPolicy {
    attempts: 3,
    pauses: &[Duration::from_millis(300), Duration::from_secs(1)],
};

/// One attempt.
pub const NO_RETRY: RetryPolicy = RetryPolicy {
    attempts: 1,
    pauses: &[],
};

/// The User-Agent of every request.
const USER_AGENT: &str = concat!("dmp/", env!("CARGO_PKG_VERSION"));

/// A request's start line and headers as HTTP/1.1 sends them: the request's own headers, with
/// the Host and Content-Length the HTTP layer adds.
fn request_head(r: &reqwest::blocking::Request, body_len: usize) -> WireHead {
    let url = r.url();
    let target = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_string(),
    };
    let mut headers = vec![("host".to_string(), host)];
    headers.extend(header_list(r.headers()));
    headers.push(("content-length".to_string(), body_len.to_string()));
    WireHead {
        start_line: format!("{} {target} HTTP/1.1", r.method()),
        headers,
    }
}

/// An answer's status line and headers as received (the reason phrase is the standard one).
fn response_head(resp: &reqwest::blocking::Response) -> WireHead {
    let status = resp.status();
    WireHead {
        start_line: format!(
            "{:?} {} {}",
            resp.version(),
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .trim_end()
        .to_string(),
        headers: header_list(resp.headers()),
    }
}

fn header_list(h: &reqwest::header::HeaderMap) -> Vec<(String, String)> {
    h.iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// One HTTPS client for the run.
pub struct Session {
    base: Url,
    endpoint_label: String,
    client: reqwest::blocking::Client,
    tls: Arc<ClientConfig>,
    notes: Arc<HandshakeNotes>,
    anchor_files: Vec<PathBuf>,
    is_card: bool,
    timeout: Duration,
    connect_timeout: Duration,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("base", &self.base.as_str())
            .field("is_card", &self.is_card)
            .finish_non_exhaustive()
    }
}

fn parse_endpoint(endpoint: &str) -> Result<Url> {
    let url = Url::parse(endpoint).map_err(|e| {
        Error::config(crate::tr!(
            "session-endpoint-not-url",
            endpoint = endpoint,
            reason = e.to_string()
        ))
        .with_hint(crate::tr!("session-hint-endpoint-form"))
    })?;
    if url.scheme() != "https" {
        return Err(Error::config(crate::tr!(
            "session-endpoint-not-https",
            endpoint = endpoint
        ))
        .with_hint(crate::tr!("session-hint-https-only")));
    }
    if url.host().is_none() {
        return Err(Error::config(crate::tr!(
            "session-endpoint-no-host",
            endpoint = endpoint
        )));
    }
    Ok(url)
}

impl Session {
    /// Builds the TLS configuration and the HTTP client. Nothing is sent yet; the card is only
    /// asked for its authentication certificate (usually already read).
    pub fn new(config: SessionConfig) -> Result<Session> {
        let base = parse_endpoint(&config.endpoint)?;
        let anchors = anchors::load(&config.trust_anchors)?;
        let notes = HandshakeNotes::new();
        let (resolver, is_card): (Arc<dyn ResolvesClientCert>, bool) = match &config.credential {
            Credential::Card(card) => {
                let certs = card.certificates(None)?;
                (
                    Arc::new(FixedClientCert::for_card(
                        card.clone(),
                        &certs.auth_der,
                        notes.clone(),
                    )),
                    true,
                )
            }
            Credential::Structure(s) => (Arc::new(FixedClientCert::new(s.certified_key())), false),
            Credential::Pkcs11(token) => (
                Arc::new(FixedClientCert::new(pkcs11::tls::certified_key(
                    token,
                    notes.clone(),
                ))),
                true,
            ),
        };
        let tls = tls_config::client_config(&anchors, resolver, notes.clone())?;
        let connect_timeout = connect_timeout(config.timeout);
        // reqwest gets a clone; the session cache inside is shared (an Arc), so a handshake
        // made by `handshake_check` is resumed by the client and the reverse.
        let client = reqwest::blocking::Client::builder()
            .tls_backend_preconfigured(tls.clone())
            .http1_only()
            .timeout(config.timeout)
            .connect_timeout(connect_timeout)
            .pool_max_idle_per_host(2)
            .user_agent(USER_AGENT)
            .build()
            .map_err(|e| {
                Error::internal(crate::tr!(
                    "session-client-failed",
                    reason = explain::chain_text(&e)
                ))
            })?;
        let endpoint_label = format!(
            "{}:{}",
            base.host_str().unwrap_or_default(),
            base.port_or_known_default().unwrap_or(443)
        );
        Ok(Session {
            base,
            endpoint_label,
            client,
            tls: Arc::new(tls),
            notes,
            anchor_files: config.trust_anchors,
            is_card,
            timeout: config.timeout,
            connect_timeout,
        })
    }

    /// Whether the client key is the card's (else the structure certificate's).
    pub fn uses_card(&self) -> bool {
        self.is_card
    }

    /// The base URL of the services.
    pub fn endpoint(&self) -> &Url {
        &self.base
    }

    /// The URL of `service` (one of [`services`]).
    pub fn service_url(&self, service: &str) -> Result<Url> {
        if service.is_empty()
            || !service
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(Error::internal(crate::tr!(
                "session-bad-service",
                service = service
            )));
        }
        let s = format!("{}/{service}", self.base.as_str().trim_end_matches('/'));
        Url::parse(&s).map_err(|e| {
            Error::internal(crate::tr!(
                "session-bad-service-url",
                url = &s,
                reason = e.to_string()
            ))
        })
    }

    /// POSTs `body` to `service`. Never retried. Any HTTP status is returned as a reply.
    pub fn post(&self, service: &str, content_type: &str, body: Vec<u8>) -> Result<HttpReply> {
        self.post_with(service, content_type, body, NO_RETRY)
    }

    /// POSTs a read request (a query, a retrieve, a status check): retried on plain connection
    /// failures by [`READ_RETRY`].
    pub fn post_idempotent(
        &self,
        service: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<HttpReply> {
        self.post_with(service, content_type, body, READ_RETRY)
    }

    /// POSTs with an explicit retry policy. Give more than one attempt only for requests that
    /// change nothing on the server.
    pub fn post_with(
        &self,
        service: &str,
        content_type: &str,
        body: Vec<u8>,
        policy: RetryPolicy,
    ) -> Result<HttpReply> {
        self.post_limited(service, content_type, body, policy, DEFAULT_MAX_REPLY)
    }

    /// [`Session::post_with`], reading at most `max_reply` bytes of answer (a larger one is an
    /// error, and is not read).
    pub fn post_limited(
        &self,
        service: &str,
        content_type: &str,
        body: Vec<u8>,
        policy: RetryPolicy,
        max_reply: u64,
    ) -> Result<HttpReply> {
        self.post_traced(service, content_type, body, policy, max_reply, None)
    }

    /// [`Session::post_limited`], showing the request and its answer to `tap` as they go over
    /// the wire.
    pub fn post_traced(
        &self,
        service: &str,
        content_type: &str,
        body: Vec<u8>,
        policy: RetryPolicy,
        max_reply: u64,
        tap: Option<&dyn WireTap>,
    ) -> Result<HttpReply> {
        let url = self.service_url(service)?;
        // Every header set here rather than by the client's defaults, so that what a tap is
        // shown is what is sent (the HTTP layer adds only Host and Content-Length).
        let mut request = Some(
            self.client
                .post(url.clone())
                .header(reqwest::header::USER_AGENT, USER_AGENT)
                .header(reqwest::header::ACCEPT, "*/*")
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body)
                .build()
                .map_err(|e| {
                    Error::internal(crate::tr!(
                        "session-request-failed",
                        url = url.to_string(),
                        reason = explain::chain_text(&e)
                    ))
                })?,
        );
        if let (Some(tap), Some(r)) = (tap, request.as_ref()) {
            let body = r.body().and_then(|b| b.as_bytes()).unwrap_or_default();
            tap.request(&request_head(r, body.len()), body)?;
        }
        let attempts = policy.attempts.max(1);
        let mut attempt = 1;
        loop {
            self.notes.clear_failures();
            let last = attempt >= attempts;
            let this = if last {
                request.take()
            } else {
                request.as_ref().and_then(|r| r.try_clone())
            }
            .ok_or_else(|| Error::internal(crate::tr!("session-body-not-resendable")))?;
            tracing::debug!(
                %url,
                attempt,
                bytes = this.body().and_then(|b| b.as_bytes()).map_or(0, <[u8]>::len),
                "POST"
            );
            match self.client.execute(this) {
                Ok(resp) => return self.read_reply(resp, max_reply, tap),
                Err(e) => {
                    if !last && explain::is_retryable_connect(&e, &self.notes) {
                        let pause = policy
                            .pauses
                            .get(attempt as usize - 1)
                            .or(policy.pauses.last())
                            .copied()
                            .unwrap_or_default();
                        tracing::info!(
                            "cannot connect to {} ({}); retrying in {} ms",
                            self.endpoint_label,
                            explain::chain_text(&e),
                            pause.as_millis()
                        );
                        std::thread::sleep(pause);
                        attempt += 1;
                        continue;
                    }
                    let err = self.explain_reqwest(&e, attempt);
                    if let Some(tap) = tap {
                        tap.failed(err.message(), None, &[]);
                    }
                    return Err(err);
                }
            }
        }
    }

    /// POSTs a body read from `body` as it is sent (`len` bytes exactly: an MTOM request
    /// whose documents come from their files). Sent once, never retried: it is a write, and a
    /// reader cannot be read twice. `preview` is what `tap` is shown of the body (the
    /// documents left out by the caller).
    #[allow(clippy::too_many_arguments)]
    pub fn post_stream(
        &self,
        service: &str,
        content_type: &str,
        body: Box<dyn Read + Send>,
        len: u64,
        preview: &[u8],
        max_reply: u64,
        tap: Option<&dyn WireTap>,
    ) -> Result<HttpReply> {
        let url = self.service_url(service)?;
        let request = self
            .client
            .post(url.clone())
            .header(reqwest::header::USER_AGENT, USER_AGENT)
            .header(reqwest::header::ACCEPT, "*/*")
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(reqwest::blocking::Body::sized(body, len))
            .build()
            .map_err(|e| {
                Error::internal(crate::tr!(
                    "session-request-failed",
                    url = url.to_string(),
                    reason = explain::chain_text(&e)
                ))
            })?;
        if let Some(tap) = tap {
            let mut head = request_head(&request, 0);
            if let Some(h) = head.headers.iter_mut().find(|(k, _)| k == "content-length") {
                h.1 = len.to_string();
            }
            tap.request(&head, preview)?;
        }
        self.notes.clear_failures();
        tracing::debug!(%url, bytes = len, "POST (streamed)");
        match self.client.execute(request) {
            Ok(resp) => self.read_reply(resp, max_reply, tap),
            Err(e) => {
                let err = self.explain_reqwest(&e, 1);
                if let Some(tap) = tap {
                    tap.failed(err.message(), None, &[]);
                }
                Err(err)
            }
        }
    }

    fn context(&self, attempts: u32) -> explain::Context<'_> {
        explain::Context {
            endpoint: &self.endpoint_label,
            anchor_files: &self.anchor_files,
            is_card: self.is_card,
            timeout: self.timeout,
            connect_timeout: self.connect_timeout,
            attempts,
            notes: &self.notes,
        }
    }

    fn explain_reqwest(&self, e: &reqwest::Error, attempts: u32) -> Error {
        explain::explain(e, e.is_timeout(), e.is_connect(), &self.context(attempts))
    }

    fn read_reply(
        &self,
        mut resp: reqwest::blocking::Response,
        max: u64,
        tap: Option<&dyn WireTap>,
    ) -> Result<HttpReply> {
        let status = resp.status().as_u16();
        let head = tap.map(|_| response_head(&resp));
        let failed = |why: &str, received: &[u8]| {
            if let Some(tap) = tap {
                tap.failed(why, head.as_ref(), received);
            }
        };
        let header = |name: reqwest::header::HeaderName| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let date = header(reqwest::header::DATE).and_then(|d| parse_http_date(&d));
        let too_large = |size: Option<u64>| {
            let mib = (max / (1024 * 1024)).to_string();
            match size {
                Some(s) => Error::server(crate::tr!(
                    "session-answer-too-large-size",
                    ep = &self.endpoint_label,
                    mib = mib,
                    size = s.to_string()
                )),
                None => Error::server(crate::tr!(
                    "session-answer-too-large",
                    ep = &self.endpoint_label,
                    mib = mib
                )),
            }
            .with_hint(crate::tr!("session-hint-narrow-request"))
        };
        if let Some(len) = resp.content_length().filter(|l| *l > max) {
            let e = too_large(Some(len));
            failed(e.message(), &[]);
            return Err(e);
        }
        let mut body = Vec::new();
        let read = (&mut resp).take(max + 1).read_to_end(&mut body);
        if let Err(e) = read {
            let is_timeout = explain::is_timeout_io(&e);
            let inner = explain::explain(&e, is_timeout, false, &self.context(1));
            let e = Error::network(crate::tr!(
                "session-answer-cut-short",
                ep = &self.endpoint_label,
                reason = inner.message()
            ))
            .with_hint(crate::tr!("session-hint-check-before-resending"));
            failed(e.message(), &body);
            return Err(e);
        }
        if body.len() as u64 > max {
            let e = too_large(None);
            failed(e.message(), &body);
            return Err(e);
        }
        tracing::debug!(status, bytes = body.len(), "reply");
        if let (Some(tap), Some(head)) = (tap, &head) {
            tap.response(head, &body);
        }
        Ok(HttpReply {
            status,
            content_type,
            body,
            date,
        })
    }

    /// A TLS handshake to the endpoint with the session's credential (a card signature unless
    /// the session is resumed), then `HEAD` on the base URL for the server's clock. For
    /// `dmp doctor`.
    pub fn handshake_check(&self) -> Result<HandshakeReport> {
        self.notes.clear_failures();
        let ctx = self.context(1);
        let io_err =
            |e: std::io::Error| explain::explain(&e, explain::is_timeout_io(&e), false, &ctx);
        // The handshake is part of connecting, and waits no longer than connecting does.
        let handshake_err =
            |e: std::io::Error| explain::explain(&e, explain::is_timeout_io(&e), true, &ctx);
        let host = self.base.host_str().unwrap_or_default();
        let port = self.base.port_or_known_default().unwrap_or(443);
        let server_name: ServerName<'static> = match self.base.host() {
            Some(url::Host::Ipv4(ip)) => ServerName::IpAddress(IpAddr::V4(ip).into()),
            Some(url::Host::Ipv6(ip)) => ServerName::IpAddress(IpAddr::V6(ip).into()),
            _ => ServerName::try_from(host.to_string()).map_err(|e| {
                Error::config(crate::tr!(
                    "session-endpoint-bad-host",
                    host = host,
                    reason = e.to_string()
                ))
            })?,
        };
        let lookup_host = host.trim_start_matches('[').trim_end_matches(']');
        let addrs: Vec<_> = (lookup_host, port)
            .to_socket_addrs()
            .map_err(|e| {
                Error::network(crate::tr!(
                    "session-cannot-reach",
                    ep = &self.endpoint_label,
                    reason = e.to_string()
                ))
                .with_hint(crate::tr!("session-hint-check-endpoint-dns"))
            })?
            .collect();
        let mut sock = None;
        let mut last_err = None;
        for a in &addrs {
            match TcpStream::connect_timeout(a, self.connect_timeout) {
                Ok(s) => {
                    sock = Some(s);
                    break;
                }
                Err(e) => last_err = Some(e),
            }
        }
        let mut sock = match sock {
            Some(s) => s,
            None => {
                let e = last_err.unwrap_or_else(|| {
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        crate::tr!("session-no-address"),
                    )
                });
                let is_timeout = e.kind() == std::io::ErrorKind::TimedOut;
                return Err(explain::explain(&e, is_timeout, true, &ctx));
            }
        };
        sock.set_read_timeout(Some(self.connect_timeout)).ok();
        sock.set_write_timeout(Some(self.connect_timeout)).ok();
        let mut conn =
            rustls::ClientConnection::new(self.tls.clone(), server_name).map_err(|e| {
                Error::internal(crate::tr!("session-tls-client", reason = e.to_string()))
            })?;
        while conn.is_handshaking() {
            conn.complete_io(&mut sock).map_err(handshake_err)?;
        }
        sock.set_read_timeout(Some(self.timeout)).ok();
        sock.set_write_timeout(Some(self.timeout)).ok();
        let tls_version = match conn.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_2) => "TLS 1.2".to_string(),
            Some(rustls::ProtocolVersion::TLSv1_3) => "TLS 1.3".to_string(),
            Some(v) => format!("{v:?}"),
            None => "unknown".to_string(),
        };
        let cipher_suite = conn
            .negotiated_cipher_suite()
            .map(|s| format!("{:?}", s.suite()))
            .unwrap_or_default();
        let resumed = conn.handshake_kind() == Some(rustls::HandshakeKind::Resumed);
        let (server_subject, server_not_after) =
            match conn.peer_certificates().and_then(|c| c.first()) {
                Some(der) => {
                    let not_after = x509_parser::parse_x509_certificate(der.as_ref())
                        .ok()
                        .map(|(_, c)| c.validity().not_after.to_datetime());
                    (subject_of(der.as_ref()), not_after)
                }
                None => ("(none)".to_string(), None),
            };
        // HEAD on the base URL, only for the Date header.
        let host_header = match self.base.port() {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        };
        let request = format!(
            "HEAD {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: dmp/{}\r\nConnection: close\r\n\r\n",
            self.base.path(),
            env!("CARGO_PKG_VERSION")
        );
        let local_at_request = OffsetDateTime::now_utc();
        let mut head = Vec::new();
        {
            let mut stream = rustls::Stream::new(&mut conn, &mut sock);
            stream.write_all(request.as_bytes()).map_err(io_err)?;
            let mut buf = [0u8; 4096];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
                match stream.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
                    Err(e) => return Err(io_err(e)),
                }
            }
        }
        conn.send_close_notify();
        let _ = conn.complete_io(&mut sock);
        let text = String::from_utf8_lossy(&head);
        let http_status = text
            .lines()
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok());
        let date = text.lines().find_map(|l| {
            let (name, value) = l.split_once(':')?;
            if name.trim().eq_ignore_ascii_case("date") {
                parse_http_date(value.trim())
            } else {
                None
            }
        });
        let local_now = OffsetDateTime::now_utc();
        // The server stamped its Date between our request and the answer: compare with the
        // middle of that interval.
        let half: ::time::Duration = (local_now - local_at_request) / 2i32;
        let local_mid: OffsetDateTime = local_at_request + half;
        let clock_skew = date.map(|d| d - local_mid.replace_nanosecond(0).unwrap_or(local_mid));
        Ok(HandshakeReport {
            tls_version,
            cipher_suite,
            server_subject,
            server_not_after,
            resumed,
            http_status,
            date,
            clock_skew,
        })
    }
}
