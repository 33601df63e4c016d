//! The DMP protocol layer: builds each transaction's request and parses its response. It knows
//! nothing of sockets, cards or terminals: the session layer sends [`SoapRequest::body`] with
//! [`SoapRequest::content_type`] to the service endpoint and hands the response bytes (and, for
//! MTOM, the response Content-Type) back to the `parse_*` functions.

pub mod catalogue;
pub mod cda;
pub mod faults;
pub mod habilitations;
pub mod hl7v3;
pub mod mtom;
pub mod patients;
pub mod redact;
pub mod soap;
pub mod vihf;
pub mod xds;
pub mod xml;
pub mod xmldsig;

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoapRequest {
    /// The WS-Addressing action (also in the Content-Type).
    pub action: String,
    /// The WS-Addressing MessageID (`urn:uuid:…`), for the audit log.
    pub message_id: String,
    /// The whole HTTP body: the SOAP envelope (or the MIME package for MTOM requests).
    pub body: Vec<u8>,
    /// The HTTP Content-Type header value.
    pub content_type: String,
}
