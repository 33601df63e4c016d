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

/// "15 s", "1.5 s" ("1,5 s" in French).
fn seconds(d: Duration) -> String {
    let n = if d.subsec_millis() == 0 {
        d.as_secs().to_string()
    } else {
        let n = format!("{:.1}", d.as_secs_f64());
        match crate::i18n::lang() {
            crate::i18n::Lang::Fr => n.replace('.', ","),
            crate::i18n::Lang::En => n,
        }
    };
    crate::tr!("session-seconds", n = n)
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
        .unwrap_or_else(|| crate::tr!("session-unknown-subject"))
}

fn schemes_text(s: &[SignatureScheme]) -> String {
    s.iter()
        .map(|x| format!("{x:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn endpoint_hint() -> String {
    crate::tr!("session-hint-check-endpoint-network")
}

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
            crate::tr!(
                "session-handshake-card-did-not-sign",
                ep = ep,
                reason = e.message()
            ),
        );
        return match hint {
            Some(h) => e.with_hint(h),
            None => e.with_hint(crate::tr!("session-hint-card-still-in-reader")),
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
        let msg = if pss {
            crate::tr!(
                "session-handshake-schemes-pss",
                ep = ep,
                schemes = schemes_text(&offer)
            )
        } else {
            crate::tr!(
                "session-handshake-schemes-none",
                ep = ep,
                schemes = schemes_text(&offer)
            )
        };
        return Error::network(msg)
            .with_hint(crate::tr!("session-hint-lps-access"))
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
            crate::tr!(
                "session-no-answer-attempts",
                ep = ep,
                attempts = ctx.attempts,
                timeout = seconds(ctx.connect_timeout)
            )
        } else if is_connect {
            crate::tr!(
                "session-no-answer-connect",
                ep = ep,
                timeout = seconds(ctx.connect_timeout)
            )
        } else {
            crate::tr!(
                "session-no-answer-request",
                ep = ep,
                timeout = seconds(ctx.timeout)
            )
        };
        return Error::network(msg)
            .with_hint(endpoint_hint())
            .with_source(Wrapped(chain_text(err)));
    }
    if kind == Some(io::ErrorKind::ConnectionRefused) {
        return Error::network(crate::tr!("session-connection-refused", ep = ep))
            .with_hint(endpoint_hint())
            .with_source(Wrapped(chain_text(err)));
    }
    if is_connect {
        return Error::network(crate::tr!(
            "session-cannot-reach",
            ep = ep,
            reason = chain_text(err)
        ))
        .with_hint(endpoint_hint());
    }
    Error::network(crate::tr!(
        "session-exchange-failed",
        ep = ep,
        reason = chain_text(err)
    ))
    .with_hint(crate::tr!("session-hint-retry-doctor"))
}

fn explain_tls(tls: &rustls::Error, ctx: &Context<'_>) -> Error {
    let ep = ctx.endpoint;
    match tls {
        rustls::Error::InvalidCertificate(ce) => {
            let subject = server_subject(ctx);
            match ce {
                CertificateError::UnknownIssuer | CertificateError::BadSignature => {
                    Error::network(crate::tr!(
                        "session-server-cert-unknown-issuer",
                        ep = ep,
                        subject = &subject,
                        files = files(ctx)
                    ))
                    .with_hint(crate::tr!("session-hint-server-cert-unknown-issuer"))
                }
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    Error::network(crate::tr!(
                        "session-server-cert-expired",
                        ep = ep,
                        subject = &subject
                    ))
                    .with_hint(crate::tr!("session-hint-server-cert-expired"))
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    Error::network(crate::tr!(
                        "session-server-cert-not-yet-valid",
                        ep = ep,
                        subject = &subject
                    ))
                    .with_hint(crate::tr!("session-hint-check-clock"))
                }
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => Error::network(crate::tr!(
                    "session-server-cert-wrong-host",
                    ep = ep,
                    subject = &subject
                ))
                .with_hint(crate::tr!("session-hint-check-host")),
                other => Error::network(crate::tr!(
                    "session-server-cert-rejected",
                    ep = ep,
                    subject = &subject,
                    reason = format!("{other:?}")
                ))
                .with_hint(crate::tr!(
                    "session-hint-check-endpoint-anchors",
                    files = files(ctx)
                )),
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
                let alert = format!("{alert:?}");
                let (msg, hint) = if ctx.is_card {
                    (
                        crate::tr!("session-card-cert-refused", ep = ep, alert = alert),
                        crate::tr!("session-hint-card-cert-refused"),
                    )
                } else {
                    (
                        crate::tr!("session-structure-cert-refused", ep = ep, alert = alert),
                        crate::tr!("session-hint-structure-cert-refused"),
                    )
                };
                Error::network(msg).with_hint(hint)
            }
            AlertDescription::ProtocolVersion => {
                Error::network(crate::tr!("session-server-no-tls12-alert", ep = ep))
                    .with_hint(crate::tr!("session-hint-tls12"))
            }
            AlertDescription::HandshakeFailure | AlertDescription::InsufficientSecurity => {
                Error::network(crate::tr!(
                    "session-no-shared-suite",
                    ep = ep,
                    alert = format!("{alert:?}")
                ))
                .with_hint(crate::tr!("session-hint-dmp-suites"))
            }
            other => Error::network(crate::tr!(
                "session-handshake-ended",
                ep = ep,
                alert = format!("{other:?}")
            ))
            .with_hint(endpoint_hint()),
        },
        rustls::Error::PeerIncompatible(p) => match p {
            PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
            | PeerIncompatible::ServerDoesNotSupportTls12Or13
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled
            | PeerIncompatible::SupportedVersionsExtensionRequired => {
                Error::network(crate::tr!("session-server-no-tls12", ep = ep))
                    .with_hint(crate::tr!("session-hint-tls12"))
            }
            other => Error::network(crate::tr!(
                "session-server-incompatible",
                ep = ep,
                reason = format!("{other:?}")
            ))
            .with_hint(crate::tr!("session-hint-tls-settings")),
        },
        other => Error::network(crate::tr!(
            "session-tls-failed",
            ep = ep,
            reason = other.to_string()
        ))
        .with_hint(endpoint_hint()),
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
