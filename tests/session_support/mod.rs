//! Test harness for the session layer: a CA made with rcgen, and a tiny HTTPS server on
//! 127.0.0.1 (rustls over std threads) that requires a client certificate, answers every
//! request with a fixed reply, and counts handshakes.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, SupportedProtocolVersion};

/// A test CA.
pub struct Ca {
    pub issuer: CertifiedIssuer<'static, KeyPair>,
}

/// A certificate and its key.
pub struct Leaf {
    pub cert_pem: String,
    pub cert_der: Vec<u8>,
    pub key_pem: String,
    pub key_der: Vec<u8>,
}

impl Ca {
    pub fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params
            .distinguished_name
            .push(DnType::OrganizationName, "dmp tests");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let key = KeyPair::generate().unwrap();
        Ca {
            issuer: CertifiedIssuer::self_signed(params, key).unwrap(),
        }
    }

    pub fn pem(&self) -> String {
        self.issuer.pem()
    }

    pub fn der(&self) -> CertificateDer<'static> {
        self.issuer.der().clone()
    }

    /// The server certificate for 127.0.0.1 and localhost (RSA: the DMP suites are ECDHE-RSA).
    pub fn server(&self) -> Leaf {
        let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        params
            .subject_alt_names
            .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        params
            .distinguished_name
            .push(DnType::CommonName, "test DMP server");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        self.leaf(params)
    }

    /// A structure (organisation) client certificate, valid for `days` more days (negative:
    /// expired).
    pub fn structure(&self, days: i64) -> Leaf {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, "LOGICIEL TEST DMP");
        params
            .distinguished_name
            .push(DnType::OrganizationalUnitName, "10B0123456");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "CLINIQUE DES TESTS");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let now = time::OffsetDateTime::now_utc();
        if days < 0 {
            params.not_before = now - time::Duration::days(400);
        } else {
            params.not_before = now - time::Duration::days(1);
        }
        params.not_after = now + time::Duration::days(days);
        self.leaf(params)
    }

    fn leaf(&self, mut params: CertificateParams) -> Leaf {
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        let key = KeyPair::generate_for(&rcgen::PKCS_RSA_SHA256).unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        Leaf {
            cert_pem: cert.pem(),
            cert_der: cert.der().to_vec(),
            key_pem: key.serialize_pem(),
            key_der: key.serialize_der(),
        }
    }
}

pub fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

/// Makes a PKCS#12 file with the `openssl` command; `extra` selects the encryption (none: the
/// OpenSSL 3 default, AES-256-CBC + HMAC-SHA256). `None` when openssl refuses the options.
pub fn openssl_pkcs12(
    dir: &Path,
    name: &str,
    leaf: &Leaf,
    ca_pem: &str,
    password: &str,
    extra: &[&str],
) -> Option<PathBuf> {
    let key = write(dir, &format!("{name}.key.pem"), &leaf.key_pem);
    let cert = write(dir, &format!("{name}.cert.pem"), &leaf.cert_pem);
    let ca = write(dir, &format!("{name}.ca.pem"), ca_pem);
    let out = dir.join(format!("{name}.p12"));
    let status = std::process::Command::new("openssl")
        .args(["pkcs12", "-export", "-inkey"])
        .arg(&key)
        .arg("-in")
        .arg(&cert)
        .arg("-certfile")
        .arg(&ca)
        .arg("-out")
        .arg(&out)
        .arg("-passout")
        .arg(format!("pass:{password}"))
        .args(extra)
        .output()
        .expect("the openssl command");
    if !status.status.success() {
        eprintln!(
            "openssl pkcs12 {extra:?} failed: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        return None;
    }
    Some(out)
}

/// How the test server behaves.
pub struct ServerOptions {
    pub versions: Vec<&'static SupportedProtocolVersion>,
    /// CAs a client certificate must chain to.
    pub client_roots: Vec<CertificateDer<'static>>,
    pub chain: Vec<CertificateDer<'static>>,
    pub key_der: Vec<u8>,
    pub status: u16,
    pub body: Vec<u8>,
    /// Accept only RSA-PSS client signatures (what a TLS 1.3 server effectively asks).
    pub pss_only: bool,
}

/// What the server saw.
#[derive(Default)]
pub struct Seen {
    /// Connections accepted (counted before the handshake starts).
    pub connections: AtomicUsize,
    /// Completed handshakes (full or resumed).
    pub handshakes: AtomicUsize,
    /// Completed full handshakes.
    pub full_handshakes: AtomicUsize,
    pub requests: AtomicUsize,
    /// The client certificate's DER, one per completed handshake.
    pub client_certs: Mutex<Vec<Vec<u8>>>,
    pub versions: Mutex<Vec<rustls::ProtocolVersion>>,
    /// Handshake errors, as the server saw them.
    pub errors: Mutex<Vec<String>>,
    /// Request lines and bodies.
    pub bodies: Mutex<Vec<(String, Vec<u8>)>>,
}

pub struct TestServer {
    pub port: u16,
    pub seen: Arc<Seen>,
}

impl TestServer {
    /// The services base URL on this server.
    pub fn endpoint(&self) -> String {
        format!("https://127.0.0.1:{}/si-dmp-server/v2/services", self.port)
    }

    pub fn handshakes(&self) -> usize {
        self.seen.handshakes.load(Ordering::SeqCst)
    }
}

/// Starts the server on 127.0.0.1 (a free port) in background threads that live as long as
/// the test process.
pub fn start(opts: ServerOptions) -> TestServer {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut roots = RootCertStore::empty();
    for r in &opts.client_roots {
        roots.add(r.clone()).unwrap();
    }
    let verifier_provider = if opts.pss_only {
        let mut p = (*provider).clone();
        let mapping: Vec<_> = p
            .signature_verification_algorithms
            .mapping
            .iter()
            .filter(|(s, _)| {
                matches!(
                    s,
                    rustls::SignatureScheme::RSA_PSS_SHA256
                        | rustls::SignatureScheme::RSA_PSS_SHA384
                        | rustls::SignatureScheme::RSA_PSS_SHA512
                )
            })
            .copied()
            .collect();
        p.signature_verification_algorithms.mapping = Box::leak(mapping.into_boxed_slice());
        Arc::new(p)
    } else {
        provider.clone()
    };
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), verifier_provider)
        .build()
        .unwrap();
    let config = ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&opts.versions)
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(
            opts.chain.clone(),
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(opts.key_der.clone())),
        )
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Seen::default());
    let reply = Arc::new((opts.status, opts.body));
    {
        let seen = seen.clone();
        std::thread::spawn(move || {
            for sock in listener.incoming() {
                let Ok(sock) = sock else { continue };
                seen.connections.fetch_add(1, Ordering::SeqCst);
                let config = config.clone();
                let seen = seen.clone();
                let reply = reply.clone();
                std::thread::spawn(move || serve(sock, config, seen, reply));
            }
        });
    }
    TestServer { port, seen }
}

fn serve(
    mut sock: TcpStream,
    config: Arc<ServerConfig>,
    seen: Arc<Seen>,
    reply: Arc<(u16, Vec<u8>)>,
) {
    sock.set_read_timeout(Some(Duration::from_secs(30))).ok();
    let mut conn = rustls::ServerConnection::new(config).unwrap();
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut sock) {
            seen.errors.lock().unwrap().push(e.to_string());
            return;
        }
    }
    seen.handshakes.fetch_add(1, Ordering::SeqCst);
    if conn.handshake_kind() == Some(rustls::HandshakeKind::Full) {
        seen.full_handshakes.fetch_add(1, Ordering::SeqCst);
    }
    if let Some(v) = conn.protocol_version() {
        seen.versions.lock().unwrap().push(v);
    }
    if let Some(c) = conn.peer_certificates().and_then(|c| c.first()) {
        seen.client_certs.lock().unwrap().push(c.to_vec());
    }
    let mut stream = rustls::StreamOwned::new(conn, sock);
    let mut buf: Vec<u8> = Vec::new();
    loop {
        // Read one request head.
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let request_line = head.lines().next().unwrap_or_default().to_string();
        let length: usize = head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.trim().eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(0);
        while buf.len() < head_end + length {
            let mut chunk = [0u8; 8192];
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buf[head_end..head_end + length].to_vec();
        buf.drain(..head_end + length);
        seen.requests.fetch_add(1, Ordering::SeqCst);
        let is_head = request_line.starts_with("HEAD ");
        seen.bodies.lock().unwrap().push((request_line, body));
        let date = time::OffsetDateTime::now_utc()
            .format(time::macros::format_description!(
                "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
            ))
            .unwrap();
        let (status, ref body) = *reply;
        let mut out = format!(
            "HTTP/1.1 {status} X\r\nDate: {date}\r\nContent-Type: application/soap+xml; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        if !is_head {
            out.extend_from_slice(body);
        }
        if stream.write_all(&out).and_then(|_| stream.flush()).is_err() {
            return;
        }
    }
}
