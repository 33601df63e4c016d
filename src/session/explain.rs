//! Turns a failed request or handshake into a plain message with a hint. The cause is found by
//! walking the error's source chain (reqwest → hyper → io::Error → rustls::Error) and by what
//! the TLS glue recorded ([`HandshakeNotes`]).

use std::error::Error as StdError;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use rustls::{AlertDescription, CertificateError, PeerIncompatible, SignatureScheme};

use crate::credential::tls::{subject_of, HandshakeNotes};
use crate::error::Error;

/// What the explanation needs to know about the session.
pub(crate) struct Context<'a> {
    /// `host:port` of the endpoint.
    pub endpoint: &'a str,
    pub anchor_files: &'a [PathBuf],
    pub is_card: bool,
    /// What one attempt may take in all.
    pub timeout: Duration,
    /// What connecting (TCP and the TLS handshake) may take, per attempt.
    pub connect_timeout: Duration,
    /// How many attempts were made.
    pub attempts: u32,
    pub notes: &'a HandshakeNotes,
}

/// An io::Error that is a timeout (a socket timeout shows as WouldBlock on Unix).
pub(crate) fn is_timeout_io(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

/// "15 s", "1.5 s".
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// `e` itself and what an io::Error wraps: `io::Error::source()` skips the wrapped error, so
/// it is opened by hand.
fn layers<'a>(e: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out: Vec<&'a (dyn StdError + 'static)> = vec![e];
    let mut i = 0;
    while i < out.len() && out.len() < 8 {
        let cur = out[i];
        if let Some(inner) = cur.downcast_ref::<io::Error>().and_then(|x| x.get_ref()) {
            let inner: &'a (dyn StdError + 'static) = inner;
            out.push(inner);
        }
        i += 1;
    }
    out
}

/// Every error of the chain, boxes and io::Errors opened.
fn walk<'a>(err: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut all = Vec::new();
    let mut cur: Option<&'a (dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if all.len() > 32 {
            break;
        }
        all.extend(layers(e));
        cur = e.source();
    }
    all
}

/// The rustls error somewhere in the chain.
pub(crate) fn find_rustls<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    walk(err)
        .into_iter()
        .find_map(|e| e.downcast_ref::<rustls::Error>())
}

/// The innermost io::Error kind in the chain.
fn find_io_kind(err: &(dyn StdError + 'static)) -> Option<io::ErrorKind> {
    walk(err)
        .into_iter()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .map(io::Error::kind)
        .last()
}

/// Every message of the chain, joined (for the fallback cases).
pub(crate) fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        let s = e.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}

fn files(ctx: &Context<'_>) -> String {
    ctx.anchor_files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn server_subject(ctx: &Context<'_>) -> String {
    ctx.notes
        .server_certificate()
        .map(|d| subject_of(&d))
        .unwrap_or_else(|| "unknown subject".to_string())
}

fn schemes_text(s: &[SignatureScheme]) -> String {
    s.iter()
        .map(|x| format!("{x:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

const ENDPOINT_HINT: &str =
    "check the endpoint in the profile or --endpoint, and the network (proxy, firewall)";

/// Whether the error is a plain connection failure before anything was sent (no TLS error, no
/// card involved): the only case a read request may be retried.
pub(crate) fn is_retryable_connect(err: &reqwest::Error, notes: &HandshakeNotes) -> bool {
    err.is_connect()
        && find_rustls(err).is_none()
        && notes.sign_failure().is_none()
        && notes.unusable_offer().is_none()
}

/// The explanation of a failed exchange with the endpoint. `is_timeout`/`is_connect` come from
/// reqwest when available.
pub(crate) fn explain(
    err: &(dyn StdError + 'static),
    is_timeout: bool,
    is_connect: bool,
    ctx: &Context<'_>,
) -> Error {
    let ep = ctx.endpoint;
    if let Some(f) = ctx.notes.sign_failure() {
        let e = f.to_error();
        let hint = e.hint().map(str::to_string);
        let e = Error::new(
            e.kind(),
            format!(
                "the TLS handshake with {ep} failed because the card did not sign: {}",
                e.message()
            ),
        );
        return match hint {
            Some(h) => e.with_hint(h),
            None => e.with_hint(
                "check that the card is still in the reader, then run the command again",
            ),
        }
        .with_source(Wrapped(chain_text(err)));
    }
    if let Some(offer) = ctx.notes.unusable_offer() {
        let pss = offer.iter().any(|s| {
            matches!(
                s,
                SignatureScheme::RSA_PSS_SHA256
                    | SignatureScheme::RSA_PSS_SHA384
                    | SignatureScheme::RSA_PSS_SHA512
            )
        });
        let what = if pss {
            "the server asks for RSA-PSS/TLS 1.3, which a CPS3 cannot produce (it signs RSA PKCS#1 v1.5 only)"
        } else {
            "none of them is a scheme the card can produce (RSA PKCS#1 v1.5 with SHA-256/384/512)"
        };
        return Error::network(format!(
            "the TLS handshake with {ep} failed: the server accepts client signatures in {} only; {what}",
            schemes_text(&offer)
        ))
        .with_hint("the DMP's practice-software access uses TLS 1.2 with RSA PKCS#1 signatures: check that the endpoint is the DMP's LPS access (not the Pro Santé Connect web access)")
        .with_source(Wrapped(chain_text(err)));
    }
    if let Some(tls) = find_rustls(err) {
        return explain_tls(tls, ctx).with_source(Wrapped(chain_text(err)));
    }
    let kind = find_io_kind(err);
    if is_timeout
        || kind == Some(io::ErrorKind::TimedOut)
        || kind == Some(io::ErrorKind::WouldBlock)
    {
        let msg = if is_connect && ctx.attempts > 1 {
            format!(
                "cannot reach {ep}: no answer to {} connection attempts of {} each",
                ctx.attempts,
                seconds(ctx.connect_timeout)
            )
        } else if is_connect {
            format!(
                "cannot reach {ep}: no answer within {}",
                seconds(ctx.connect_timeout)
            )
        } else {
            format!(
                "no answer from {ep} within {} (the request may have been processed by the server)",
                seconds(ctx.timeout)
            )
        };
        return Error::network(msg)
            .with_hint(ENDPOINT_HINT)
            .with_source(Wrapped(chain_text(err)));
    }
    if kind == Some(io::ErrorKind::ConnectionRefused) {
        return Error::network(format!("cannot reach {ep}: connection refused"))
            .with_hint(ENDPOINT_HINT)
            .with_source(Wrapped(chain_text(err)));
    }
    if is_connect {
        return Error::network(format!("cannot reach {ep}: {}", chain_text(err)))
            .with_hint(ENDPOINT_HINT);
    }
    Error::network(format!(
        "the exchange with {ep} failed: {}",
        chain_text(err)
    ))
    .with_hint("run the command again; if it keeps failing, run `dmp doctor`")
}

fn explain_tls(tls: &rustls::Error, ctx: &Context<'_>) -> Error {
    let ep = ctx.endpoint;
    match tls {
        rustls::Error::InvalidCertificate(ce) => {
            let subject = server_subject(ctx);
            match ce {
                CertificateError::UnknownIssuer | CertificateError::BadSignature => Error::network(format!(
                    "the server certificate of {ep} ({subject}) does not chain to the configured trust anchors ({})",
                    files(ctx)
                ))
                .with_hint("check the endpoint; if it is right, add the IGC-Santé CA that issued the server certificate to the profile's trust_anchors (or --ca-file). dmp never skips this check"),
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => Error::network(format!(
                    "the server certificate of {ep} ({subject}) has expired"
                ))
                .with_hint("check this computer's date and time; if they are right, the server is misconfigured"),
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => Error::network(format!(
                    "the server certificate of {ep} ({subject}) is not valid yet"
                ))
                .with_hint("check this computer's date and time"),
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => Error::network(format!(
                    "the server certificate ({subject}) is not issued for the host of {ep}"
                ))
                .with_hint("check the host name of the endpoint in the profile or --endpoint"),
                other => Error::network(format!(
                    "the server certificate of {ep} ({subject}) was rejected: {other:?}"
                ))
                .with_hint(format!("check the endpoint and the trust anchors ({})", files(ctx))),
            }
        }
        rustls::Error::AlertReceived(alert) => match alert {
            AlertDescription::BadCertificate
            | AlertDescription::UnknownCA
            | AlertDescription::CertificateRequired
            | AlertDescription::CertificateUnknown
            | AlertDescription::UnsupportedCertificate
            | AlertDescription::CertificateRevoked
            | AlertDescription::CertificateExpired
            | AlertDescription::AccessDenied
            | AlertDescription::DecryptError => {
                let (msg, hint) = if ctx.is_card {
                    (
                        format!("the DMP at {ep} refused the card's certificate (TLS alert {alert:?})"),
                        "check the card with `dmp doctor` (certificate chain and dates), and that the endpoint matches the card's PKI (test cards on test platforms)",
                    )
                } else {
                    (
                        format!("the DMP at {ep} refused the structure certificate (TLS alert {alert:?})"),
                        "check the structure certificate's dates and issuer (IGC-Santé ORG authentication), and that it is registered for this platform",
                    )
                };
                Error::network(msg).with_hint(hint)
            }
            AlertDescription::ProtocolVersion => Error::network(format!(
                "the server at {ep} does not accept TLS 1.2 (it probably wants TLS 1.3, whose client signature, RSA-PSS, a CPS3 cannot produce)"
            ))
            .with_hint("the DMP's practice-software access uses TLS 1.2: check the endpoint"),
            AlertDescription::HandshakeFailure | AlertDescription::InsufficientSecurity => Error::network(format!(
                "the server at {ep} and dmp share no TLS 1.2 cipher suite or signature scheme (TLS alert {alert:?})"
            ))
            .with_hint("dmp offers the DMP's suites only (ECDHE-RSA with AES-GCM or ChaCha20-Poly1305): check the endpoint"),
            other => Error::network(format!(
                "the server at {ep} ended the TLS handshake (alert {other:?})"
            ))
            .with_hint(ENDPOINT_HINT),
        },
        rustls::Error::PeerIncompatible(p) => match p {
            PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
            | PeerIncompatible::ServerDoesNotSupportTls12Or13
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled
            | PeerIncompatible::SupportedVersionsExtensionRequired => Error::network(format!(
                "the server at {ep} does not speak TLS 1.2 (it probably wants TLS 1.3, whose client signature, RSA-PSS, a CPS3 cannot produce)"
            ))
            .with_hint("the DMP's practice-software access uses TLS 1.2: check the endpoint"),
            other => Error::network(format!(
                "the server at {ep} is not compatible with dmp's TLS settings: {other:?}"
            ))
            .with_hint("dmp speaks TLS 1.2 with ECDHE-RSA AES-GCM/ChaCha20 suites, as the DMP requires: check the endpoint"),
        },
        other => Error::network(format!("the TLS session with {ep} failed: {other}"))
            .with_hint(ENDPOINT_HINT),
    }
}

/// The technical cause, attached to the error for `-v`.
#[derive(Debug)]
struct Wrapped(String);

impl std::fmt::Display for Wrapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl StdError for Wrapped {}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(notes: &'a HandshakeNotes, files: &'a [PathBuf]) -> Context<'a> {
        Context {
            endpoint: "dmp.example:443",
            anchor_files: files,
            is_card: true,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(15),
            attempts: 1,
            notes,
        }
    }

    #[test]
    fn timeouts_state_the_real_numbers() {
        let notes = HandshakeNotes::default();
        let timed_out = io::Error::new(io::ErrorKind::TimedOut, "timed out");
        let mut c = ctx(&notes, &[]);
        c.attempts = 3;
        let e = explain(&timed_out, true, true, &c);
        assert_eq!(
            e.message(),
            "cannot reach dmp.example:443: no answer to 3 connection attempts of 15 s each"
        );
        c.attempts = 1;
        let e = explain(&timed_out, true, true, &c);
        assert_eq!(
            e.message(),
            "cannot reach dmp.example:443: no answer within 15 s"
        );
        let e = explain(&timed_out, true, false, &c);
        assert!(
            e.message()
                .starts_with("no answer from dmp.example:443 within 60 s"),
            "{}",
            e.message()
        );
        c.connect_timeout = Duration::from_millis(1500);
        let e = explain(&timed_out, true, true, &c);
        assert!(e.message().ends_with("within 1.5 s"), "{}", e.message());
    }

    #[test]
    fn finds_rustls_inside_io_errors() {
        let inner = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::AlertReceived(AlertDescription::BadCertificate),
        );
        let notes = HandshakeNotes::default();
        let files = [PathBuf::from("/etc/dmp/igc.pem")];
        let e = explain(&inner, false, true, &ctx(&notes, &files));
        assert!(
            e.message().contains("refused the card's certificate"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn unknown_issuer_names_the_anchor_files() {
        let inner = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
        );
        let notes = HandshakeNotes::default();
        let files = [PathBuf::from("/etc/dmp/igc.pem")];
        let e = explain(&inner, false, true, &ctx(&notes, &files));
        assert!(e.message().contains("/etc/dmp/igc.pem"), "{}", e.message());
        assert!(e.message().contains("does not chain"), "{}", e.message());
    }

    #[test]
    fn refused_connection() {
        let inner = io::Error::new(io::ErrorKind::ConnectionRefused, "refused");
        let notes = HandshakeNotes::default();
        let e = explain(&inner, false, true, &ctx(&notes, &[]));
        assert_eq!(
            e.message(),
            "cannot reach dmp.example:443: connection refused"
        );
        assert!(e.hint().unwrap().contains("--endpoint"));
    }
}
