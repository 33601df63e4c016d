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

use crate::dmp::faults;
use crate::dmp::xml::{ns, Element, XmlWriter};
use crate::dmp::SoapRequest;
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
        return Err(Error::server(format!(
            "the DMP answered a document that is not a SOAP envelope (root element '{}')",
            env.name
        )));
    }
    let body = env
        .children
        .into_iter()
        .find(|c| c.name == "Body" && (c.ns == ns::SOAP12 || c.ns == ns::SOAP11))
        .ok_or_else(|| Error::server("the DMP answered a SOAP envelope without a Body"))?;
    let first = body
        .children
        .into_iter()
        .next()
        .ok_or_else(|| Error::server("the DMP answered an empty SOAP Body"))?;
    if let Some(e) = faults::fault_error(&first) {
        return Err(e);
    }
    Ok(first)
}

/// Checks that `el` is `{ns}name`, for response roots.
pub fn expect_root(el: &Element, ns_uri: &str, name: &str) -> Result<()> {
    if el.is(ns_uri, name) {
        Ok(())
    } else {
        Err(Error::server(format!(
            "the DMP answered '{{{}}}{}' where '{{{ns_uri}}}{name}' was expected",
            el.ns, el.name
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
}
