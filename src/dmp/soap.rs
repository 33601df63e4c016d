//! The SOAP 1.2 envelope of every DMP request, built like the official examples
//! (`reference/dmp-official/requests/*.xml`):
//!
//! ```text
//! <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" …>
//!   <soap:Header>
//!     <MessageID xmlns="http://www.w3.org/2005/08/addressing">urn:uuid:…</MessageID>
//!     <To xmlns="http://www.w3.org/2005/08/addressing"/>
//!     <ReplyTo mustUnderstand="true" xmlns="…addressing"><Address>…/anonymous</Address></ReplyTo>
//!     <Action mustUnderstand="true" xmlns="…addressing">ACTION</Action>
//!     <wsse:Security xmlns:wsse="…">VIHF assertion</wsse:Security>
//!   </soap:Header>
//!   <soap:Body>…</soap:Body>
//! </soap:Envelope>
//! ```
//!
//! Assumptions, written down:
//! - `mustUnderstand="true"` is written without a namespace prefix, exactly as in every
//!   official example (a strict SOAP 1.2 reading would want `soap:mustUnderstand`; the examples
//!   are what the DMP receives).
//! - The HTTP content type is `application/soap+xml; charset=UTF-8; action="ACTION"`, with the
//!   same action as `wsa:Action` (the Habilitations WSDL declares other soapAction values, but
//!   the examples' `wsa:Action` is what the DMP routes on).
//! - No XML declaration, like the examples.

use uuid::Uuid;

use crate::dmp::xml::{ns, Element, XmlWriter};
use crate::dmp::SoapRequest;
use crate::dmp::{faults, mtom};
use crate::error::{Error, Result};

/// The WS-Addressing anonymous address used in ReplyTo.
pub const WSA_ANONYMOUS: &str = "http://www.w3.org/2005/08/addressing/anonymous";

/// Namespace declarations of the Envelope element of the examples for the HL7 v3 service
/// (TD0.2): `xmlns:urn="urn:hl7-org:v3"`.
pub const ENVELOPE_NS_HL7: &[(&str, &str)] = &[("xmlns:urn", ns::HL7)];
/// Namespace declarations of the Envelope element of the other examples: xsi and xsd.
pub const ENVELOPE_NS_DEFAULT: &[(&str, &str)] = &[("xmlns:xsi", ns::XSI), ("xmlns:xsd", ns::XSD)];

/// A fresh WS-Addressing MessageID (`urn:uuid:…`).
pub fn new_message_id() -> String {
    format!("urn:uuid:{}", Uuid::new_v4())
}

/// Builds the envelope. `assertion` is the serialised VIHF (signed or not), `body` the
/// serialised body content; `envelope_ns` are the extra namespace declarations of the Envelope.
pub fn build_envelope(
    action: &str,
    message_id: &str,
    assertion: &str,
    body: &str,
    envelope_ns: &[(&str, &str)],
) -> String {
    let mut attrs: Vec<(&str, &str)> = vec![("xmlns:soap", ns::SOAP12)];
    attrs.extend_from_slice(envelope_ns);
    let mut w = XmlWriter::new();
    w.start("soap:Envelope", &attrs);
    w.start("soap:Header", &[]);
    w.leaf("MessageID", &[("xmlns", ns::WSA)], message_id);
    w.empty("To", &[("xmlns", ns::WSA)]);
    w.start("ReplyTo", &[("mustUnderstand", "true"), ("xmlns", ns::WSA)])
        .leaf("Address", &[], WSA_ANONYMOUS)
        .end("ReplyTo");
    w.leaf(
        "Action",
        &[("mustUnderstand", "true"), ("xmlns", ns::WSA)],
        action,
    );
    w.start("wsse:Security", &[("xmlns:wsse", ns::WSSE)])
        .raw(assertion)
        .end("wsse:Security");
    w.end("soap:Header");
    w.start("soap:Body", &[]).raw(body).end("soap:Body");
    w.end("soap:Envelope");
    w.into_string()
}

/// The HTTP Content-Type of a plain SOAP 1.2 request.
pub fn content_type(action: &str) -> String {
    format!("application/soap+xml; charset=UTF-8; action=\"{action}\"")
}

/// A complete plain SOAP 1.2 request.
pub fn request(
    action: &str,
    assertion: &str,
    body: &str,
    envelope_ns: &[(&str, &str)],
) -> SoapRequest {
    let message_id = new_message_id();
    let xml = build_envelope(action, &message_id, assertion, body, envelope_ns);
    SoapRequest {
        action: action.to_owned(),
        message_id,
        body: xml.into_bytes(),
        content_type: content_type(action),
    }
}

/// Parses a SOAP response and returns the first element of its Body. A SOAP Fault becomes the
/// error it carries (see [`faults`]).
pub fn parse_response(bytes: &[u8]) -> Result<Element> {
    let env = Element::parse(bytes)?;
    if !(env.is(ns::SOAP12, "Envelope") || env.is(ns::SOAP11, "Envelope")) {
        return Err(Error::server(crate::tr!(
            "dmp-soap-not-envelope",
            root = &env.name
        )));
    }
    let body = env
        .children
        .into_iter()
        .find(|c| c.name == "Body" && (c.ns == ns::SOAP12 || c.ns == ns::SOAP11))
        .ok_or_else(|| Error::server(crate::tr!("dmp-soap-no-body")))?;
    let first = body
        .children
        .into_iter()
        .next()
        .ok_or_else(|| Error::server(crate::tr!("dmp-soap-empty-body")))?;
    if let Some(e) = faults::fault_error(&first) {
        return Err(e);
    }
    Ok(first)
}

/// Checks the HTTP status of an answer from `url`, before its body is read as SOAP. A 2xx is
/// fine. A SOAP fault comes with HTTP 500 (SOAP 1.2 HTTP binding), plain or inside MTOM: it
/// becomes the DMP's error, code and text. Anything else (an HTML page from a proxy or from a
/// wrong path) is "the endpoint answered HTTP N", with what to check about `url`.
pub fn check_http_status(status: u16, content_type: &str, body: &[u8], url: &str) -> Result<()> {
    if (200..300).contains(&status) {
        return Ok(());
    }
    if let Some(fault) = fault_in(content_type, body) {
        return Err(fault);
    }
    // "404 (Not Found)": the reason phrase is HTTP's own, never translated.
    let status_text = match http_reason(status) {
        Some(r) => format!("{status} ({r})"),
        None => status.to_string(),
    };
    let media = content_type
        .split(';')
        .next()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let message = match media {
        Some("text/html") => crate::tr!("dmp-http-status-html", status = &status_text),
        Some(m) => crate::tr!("dmp-http-status-media", status = &status_text, media = m),
        None if body.is_empty() => crate::tr!("dmp-http-status-empty", status = &status_text),
        None => crate::tr!("dmp-http-status-not-soap", status = &status_text),
    };
    let hint = match status {
        400 | 404 | 405 | 410 => crate::tr!("dmp-http-hint-nothing-at-url", url = url),
        401 | 403 | 407 => crate::tr!("dmp-http-hint-access-refused", url = url),
        502..=504 => crate::tr!("dmp-http-hint-gateway", url = url),
        _ => crate::tr!("dmp-http-hint-check-endpoint", url = url),
    };
    Err(Error::server(message).with_hint(hint))
}

/// The SOAP fault an answer carries, if it is one (MTOM or plain).
fn fault_in(content_type: &str, body: &[u8]) -> Option<Error> {
    let msg = mtom::parse(content_type, body).ok()?;
    let env = Element::parse(&msg.root).ok()?;
    if !(env.is(ns::SOAP12, "Envelope") || env.is(ns::SOAP11, "Envelope")) {
        return None;
    }
    let body = env
        .children
        .iter()
        .find(|c| c.name == "Body" && (c.ns == ns::SOAP12 || c.ns == ns::SOAP11))?;
    faults::fault_error(body.children.first()?)
}

fn http_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        410 => "Gone",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// Checks that `el` is `{ns}name`, for response roots.
pub fn expect_root(el: &Element, ns_uri: &str, name: &str) -> Result<()> {
    if el.is(ns_uri, name) {
        Ok(())
    } else {
        Err(Error::server(crate::tr!(
            "dmp-soap-unexpected-root",
            found = format!("{{{}}}{}", el.ns, el.name),
            expected = format!("{{{ns_uri}}}{name}")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_shape() {
        let xml = build_envelope("urn:x", "urn:uuid:1", "<a/>", "<b/>", ENVELOPE_NS_DEFAULT);
        assert!(xml.starts_with(
            r#"<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:xsi="#
        ));
        assert!(xml.contains(r#"<To xmlns="http://www.w3.org/2005/08/addressing"/>"#));
        assert!(xml.contains(r#"<Action mustUnderstand="true" xmlns="http://www.w3.org/2005/08/addressing">urn:x</Action>"#));
        let env = Element::parse(xml.as_bytes()).unwrap();
        let header = env.child("Header").unwrap();
        let names: Vec<&str> = header.children.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["MessageID", "To", "ReplyTo", "Action", "Security"]);
        assert_eq!(parse_response(xml.as_bytes()).unwrap().name, "b");
    }

    const URL: &str = "https://dmp.example/si-dmp-server/v2/services/patient";

    #[test]
    fn an_html_error_page_is_the_http_status_with_the_endpoint_in_the_hint() {
        let html = b"<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>";
        let e = check_http_status(404, "text/html; charset=utf-8", html, URL).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Server);
        assert_eq!(
            e.message(),
            "the endpoint answered HTTP 404 (Not Found), an HTML page, not a SOAP answer"
        );
        assert!(e.hint().unwrap().contains(URL), "{:?}", e.hint());
        let e = check_http_status(502, "text/html", b"<html>Bad Gateway</html>", URL).unwrap_err();
        assert!(e
            .message()
            .starts_with("the endpoint answered HTTP 502 (Bad Gateway)"));
        assert!(e.hint().unwrap().contains("proxy"), "{:?}", e.hint());
        assert!(check_http_status(200, "text/html", b"", URL).is_ok());
    }

    #[test]
    fn a_soap_fault_with_http_500_stays_the_dmps_error() {
        let fault = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>DMPAccessDeniedByExcludedPs</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="fr">Accès refusé</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#;
        let e = check_http_status(500, "application/soap+xml", fault.as_bytes(), URL).unwrap_err();
        assert!(
            e.message().contains("DMPAccessDeniedByExcludedPs"),
            "{}",
            e.message()
        );
        // The same fault inside MTOM, as the repository sends it.
        let ct = r#"multipart/related; type="application/xop+xml"; boundary="b1"; start="<root>""#;
        let mime = format!("--b1\r\nContent-Type: application/xop+xml\r\nContent-ID: <root>\r\n\r\n{fault}\r\n--b1--\r\n");
        let e = check_http_status(500, ct, mime.as_bytes(), URL).unwrap_err();
        assert!(
            e.message().contains("DMPAccessDeniedByExcludedPs"),
            "{}",
            e.message()
        );
        // A 500 that is no SOAP fault is the status.
        let e = check_http_status(500, "text/plain", b"oops", URL).unwrap_err();
        assert!(
            e.message().starts_with("the endpoint answered HTTP 500"),
            "{}",
            e.message()
        );
    }
}
