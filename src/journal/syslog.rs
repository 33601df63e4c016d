//! Sending audit messages to the practice's Audit Record Repository: IHE ITI-20 over syslog,
//! RFC 5424 messages over TLS (RFC 5425), with our client certificate and the repository's
//! certificate checked against the configured CA.
//!
//! A message is `<PRI>1 TIMESTAMP HOSTNAME dmp PROCID IHE+RFC-3881 - XML`: facility 10
//! (security/authorization), severity 5 (notice) or 4 (warning) for a refusal or a failure
//! (DICOM PS3.15 A.7: "<85>" for most messages, 4 where it fits), version 1, the record's time
//! (UTC, microseconds), the machine that made the record, APP-NAME `dmp`, the sending process,
//! MSGID `IHE+RFC-3881` (ITI-20's value for the XML audit message), no structured data, and
//! the DICOM audit message (`journal::atna`) as MSG, UTF-8 without a byte-order mark (RFC 5424
//! MSG-ANY; the XML declaration says UTF-8). On the TLS stream each message is framed by octet
//! counting (RFC 5425 §4.3): its length in bytes, a space, the message.
//!
//! TLS 1.2 or 1.3 (rustls' safe defaults), the repository's certificate checked against
//! `audit_repository_ca` only (never the system roots) and the name or address of
//! `audit_repository`; our certificate and key from PEM files (`audit_repository_cert`,
//! `audit_repository_key`), the usual form for a syslog PKI, which is the practice's and not
//! IGC-Santé's.
//!
//! # When a record counts as sent
//!
//! Syslog has no acknowledgement, and a message written to a socket is not yet read: a
//! repository that dies then loses it. So a batch goes over one connection, in order; then we
//! close TLS (close_notify) and our half of TCP, and read until the repository closes its
//! side. The repository reads the stream in order, so once it has reached our close it has
//! read every message before it; a repository that closed with messages still unread would
//! have reset the connection instead (TCP RST), which is an error here. Only then is the batch
//! confirmed ([`BatchOutcome`]). A write error, a timeout or a reset confirms nothing of the
//! connection: `journal::forward` sends those records again. (A repository that never closes
//! after our close would get every batch again after the timeout: rsyslog and syslog servers
//! in general close on end of stream.) What the repository does with a message it has read
//! (its own queues, its disk) is its business.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::crypto::aws_lc_rs;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use super::atna::{audit_message, utc_micros, AtnaEvent};
use crate::error::{Error, Result};

/// APP-NAME of our messages.
pub const APP_NAME: &str = "dmp";
/// MSGID of an IHE audit message (ITI-20).
pub const MSGID: &str = "IHE+RFC-3881";
/// Facility 10, security/authorization messages.
const FACILITY: u8 = 10;

/// One RFC 5424 message carrying record `seq` (without the RFC 5425 length prefix).
pub fn rfc5424_message(seq: u64, event: &AtnaEvent) -> Vec<u8> {
    let severity = if event.outcome.is_failure() { 4 } else { 5 };
    let host = header_field(&event.local_host, 255);
    let mut msg = format!(
        "<{}>1 {} {host} {APP_NAME} {} {MSGID} - ",
        FACILITY * 8 + severity,
        utc_micros(event.time),
        std::process::id()
    )
    .into_bytes();
    msg.extend_from_slice(audit_message(seq, event).as_bytes());
    msg
}

/// RFC 5425 octet-counting frame: `MSG-LEN SP SYSLOG-MSG`.
pub fn frame(message: &[u8]) -> Vec<u8> {
    let mut out = format!("{} ", message.len()).into_bytes();
    out.extend_from_slice(message);
    out
}

/// A header field: printable US-ASCII only (RFC 5424 PRINTUSASCII), at most `max` characters,
/// `-` (NILVALUE) when nothing is left.
fn header_field(s: &str, max: usize) -> String {
    let v: String = s
        .chars()
        .filter(|c| c.is_ascii_graphic())
        .take(max)
        .collect();
    if v.is_empty() {
        "-".into()
    } else {
        v
    }
}

/// This machine's name, for the records' `local_host` (`localhost` when it has none).
pub fn local_host_name() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname NUL-terminates within it or
        // we stop at its end.
        let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if rc == 0 {
            let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
            if let Ok(name) = std::str::from_utf8(&buf[..end]) {
                if !name.is_empty() {
                    return name.to_string();
                }
            }
        }
    }
    "localhost".into()
}

/// Where and how to reach the repository, from the profile's `audit_repository*` keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepositorySettings {
    /// `host:port` (`[v6]:port` for an IPv6 address).
    pub address: String,
    /// PEM file of the CA certificate(s) the repository's certificate must chain to.
    pub ca_file: PathBuf,
    /// PEM file of our client certificate (and its intermediates).
    pub cert_file: PathBuf,
    /// PEM file of our client key.
    pub key_file: PathBuf,
    /// How long connecting, one write or the closing exchange may take.
    pub timeout: Duration,
}

/// The default time limit of each network step.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// What a batch became.
#[derive(Debug)]
pub struct BatchOutcome {
    /// The sequence number of the last record the repository is known to have read (the whole
    /// batch, or none of it).
    pub confirmed: Option<u64>,
    /// Messages written before the batch ended (confirmed or not).
    pub written: usize,
    /// Why the batch was not confirmed.
    pub error: Option<Error>,
}

/// A syslog-over-TLS client of one repository.
pub struct Forwarder {
    host: String,
    port: u16,
    server_name: ServerName<'static>,
    config: Arc<ClientConfig>,
    timeout: Duration,
}

impl Forwarder {
    /// Reads the certificates and key and builds the TLS configuration: a configuration error
    /// names the key and file at fault.
    pub fn new(s: &RepositorySettings) -> Result<Forwarder> {
        let (host, port) = split_address(&s.address)?;
        let server_name = ServerName::try_from(host.clone()).map_err(|_| {
            Error::config(crate::tr!(
                "journal-repository-bad-host",
                address = &s.address,
                host = &host
            ))
            .with_hint(crate::tr!("journal-repository-bad-host-hint"))
        })?;
        let mut roots = RootCertStore::empty();
        for cert in read_certs(&s.ca_file, "audit_repository_ca")? {
            roots.add(cert).map_err(|e| {
                Error::config(crate::tr!(
                    "journal-repository-bad-anchor",
                    path = &s.ca_file,
                    error = e.to_string()
                ))
            })?;
        }
        let chain = read_certs(&s.cert_file, "audit_repository_cert")?;
        let key = PrivateKeyDer::from_pem_file(&s.key_file).map_err(|e| {
            Error::config(crate::tr!(
                "journal-repository-bad-key",
                path = &s.key_file,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("journal-repository-bad-key-hint"))
        })?;
        let config = ClientConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| {
                Error::internal(crate::tr!(
                    "journal-repository-tls-config",
                    error = e.to_string()
                ))
            })?
            .with_root_certificates(roots)
            .with_client_auth_cert(chain, key)
            .map_err(|e| {
                Error::config(crate::tr!(
                    "journal-repository-key-mismatch",
                    error = e.to_string()
                ))
                .with_hint(crate::tr!("journal-repository-key-mismatch-hint"))
            })?;
        Ok(Forwarder {
            host,
            port,
            server_name,
            config: Arc::new(config),
            timeout: s.timeout,
        })
    }

    /// `host:port`.
    pub fn address(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// Sends `batch` in order over one connection and confirms it by closing (see the module
    /// documentation).
    pub fn send(&self, batch: &[(u64, AtnaEvent)]) -> BatchOutcome {
        let mut written = 0;
        let result = self.send_inner(batch, &mut written);
        match result {
            Ok(()) => BatchOutcome {
                confirmed: batch.last().map(|(seq, _)| *seq),
                written,
                error: None,
            },
            Err(e) => BatchOutcome {
                confirmed: None,
                written,
                error: Some(e),
            },
        }
    }

    fn send_inner(&self, batch: &[(u64, AtnaEvent)], written: &mut usize) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let tcp = self.connect()?;
        let conn =
            ClientConnection::new(self.config.clone(), self.server_name.clone()).map_err(|e| {
                Error::internal(crate::tr!(
                    "journal-repository-tls-client",
                    error = e.to_string()
                ))
            })?;
        let mut tls = StreamOwned::new(conn, tcp);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock).map_err(|e| {
                self.tls_error(&crate::tr!("journal-repository-handshake-failed"), e)
            })?;
        }
        for (seq, event) in batch {
            let bytes = frame(&rfc5424_message(*seq, event));
            tls.write_all(&bytes)
                .and_then(|()| tls.flush())
                .map_err(|e| {
                    let e = peer_alert(&mut tls).unwrap_or(e);
                    self.tls_error(
                        &crate::tr!("journal-repository-send-failed", record = *seq),
                        e,
                    )
                })?;
            *written += 1;
        }
        // The confirmation: our close_notify, then the repository's end of the stream.
        tls.conn.send_close_notify();
        tls.flush().map_err(|e| {
            let e = peer_alert(&mut tls).unwrap_or(e);
            self.tls_error(&crate::tr!("journal-repository-close-failed"), e)
        })?;
        // And the end of our TCP stream, for a repository that waits for it rather than for
        // the close_notify.
        let _ = tls.sock.shutdown(std::net::Shutdown::Write);
        let mut buf = [0u8; 4096];
        loop {
            match tls.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(_) => continue,
                // The repository closed TCP without a close_notify of its own: it had read
                // everything (unread data would have made it reset the connection).
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
                Err(e) => {
                    return Err(self.tls_error(&crate::tr!("journal-repository-unconfirmed"), e))
                }
            }
        }
    }

    fn connect(&self) -> Result<TcpStream> {
        let addrs: Vec<_> = (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| {
                self.unreachable(crate::tr!(
                    "journal-repository-cannot-resolve",
                    host = &self.host,
                    error = e.to_string()
                ))
            })?
            .collect();
        let mut last = None;
        for a in &addrs {
            match TcpStream::connect_timeout(a, self.timeout) {
                Ok(s) => {
                    s.set_read_timeout(Some(self.timeout))
                        .and_then(|()| s.set_write_timeout(Some(self.timeout)))
                        .and_then(|()| s.set_nodelay(true))
                        .map_err(|e| {
                            self.unreachable(crate::tr!(
                                "journal-repository-socket-options",
                                error = e.to_string()
                            ))
                        })?;
                    return Ok(s);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(self.unreachable(match last {
            Some(e) => crate::tr!(
                "journal-repository-unreachable",
                address = self.address(),
                error = e.to_string()
            ),
            None => crate::tr!("journal-repository-no-address", host = &self.host),
        }))
    }

    fn unreachable(&self, message: String) -> Error {
        Error::network(message).with_hint(crate::tr!(
            "journal-repository-unreachable-hint",
            address = self.address()
        ))
    }

    fn tls_error(&self, what: &str, e: std::io::Error) -> Error {
        use std::io::ErrorKind as K;
        let hint = if e.get_ref().is_some_and(|i| i.is::<rustls::Error>()) {
            crate::tr!("journal-repository-tls-hint")
        } else if matches!(e.kind(), K::WouldBlock | K::TimedOut) {
            crate::tr!(
                "journal-repository-timeout-hint",
                seconds = self.timeout.as_secs()
            )
        } else {
            // A repository that checks client certificates after the handshake (rsyslog
            // does) just closes the connection.
            crate::tr!("journal-repository-closed-hint")
        };
        Error::network(crate::tr!(
            "journal-repository-error",
            address = self.address(),
            what = what,
            error = e.to_string()
        ))
        .with_hint(hint)
    }
}

/// The TLS alert the repository sent before a write failed, if it is still to be read: with
/// TLS 1.3 a server refuses our certificate after the handshake, so the write that follows
/// meets a closed connection, and the alert says why.
fn peer_alert(tls: &mut StreamOwned<ClientConnection, TcpStream>) -> Option<std::io::Error> {
    let mut buf = [0u8; 256];
    match tls.read(&mut buf) {
        Err(e) if e.get_ref().is_some_and(|i| i.is::<rustls::Error>()) => Some(e),
        _ => None,
    }
}

/// `host:port` or `[v6]:port`.
fn split_address(address: &str) -> Result<(String, u16)> {
    let bad = || {
        Error::config(crate::tr!(
            "journal-repository-bad-address",
            address = address
        ))
        .with_hint(crate::tr!("journal-repository-bad-address-hint"))
    };
    let (host, port) = address.trim().rsplit_once(':').ok_or_else(bad)?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port: u16 = port.parse().map_err(|_| bad())?;
    if host.is_empty() || port == 0 {
        return Err(bad());
    }
    Ok((host.to_string(), port))
}

fn read_certs(path: &Path, key: &str) -> Result<Vec<CertificateDer<'static>>> {
    let certs: Vec<_> = CertificateDer::pem_file_iter(path)
        .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
        .map_err(|e| {
            Error::config(crate::tr!(
                "journal-repository-bad-certs",
                key = key,
                path = path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("journal-repository-pem-hint"))
        })?;
    if certs.is_empty() {
        return Err(Error::config(crate::tr!(
            "journal-repository-no-certs",
            key = key,
            path = path
        ))
        .with_hint(crate::tr!("journal-repository-pem-hint")));
    }

    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::atna::Outcome;

    #[test]
    fn a_message_has_the_ihe_header_and_an_octet_count() {
        let mut e = crate::journal::atna::tests_support::event();
        let msg = rfc5424_message(3, &e);
        let text = String::from_utf8(msg.clone()).unwrap();
        let expected_head = format!(
            "<85>1 2025-03-04T09:15:30.123456Z poste-3.cabinet.example dmp {} IHE+RFC-3881 - <?xml ",
            std::process::id()
        );
        assert!(text.starts_with(&expected_head), "{text}");
        let framed = frame(&msg);
        let (len, rest) = std::str::from_utf8(&framed)
            .unwrap()
            .split_once(' ')
            .unwrap();
        assert_eq!(len.parse::<usize>().unwrap(), rest.len());

        e.outcome = Outcome::RefusedByDmp {
            code: "DMPERR".into(),
        };
        e.local_host = "é h".into();
        let text = String::from_utf8(rfc5424_message(3, &e)).unwrap();
        assert!(
            text.starts_with("<84>1 2025-03-04T09:15:30.123456Z h dmp "),
            "{text}"
        );
    }

    #[test]
    fn addresses_are_host_and_port() {
        assert_eq!(split_address("a.b:6514").unwrap(), ("a.b".into(), 6514));
        assert_eq!(split_address("[::1]:6514").unwrap(), ("::1".into(), 6514));
        for bad in ["a.b", "a.b:", ":6514", "a.b:x", "a.b:0"] {
            assert_eq!(
                split_address(bad).unwrap_err().kind(),
                crate::ErrorKind::Config,
                "{bad}"
            );
        }
    }
}
