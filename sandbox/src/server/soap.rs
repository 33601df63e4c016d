//! SOAP 1.2 envelopes, WS-Addressing headers, SOAP faults and MTOM/XOP packaging.

pub const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
pub const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub const WSA: &str = "http://www.w3.org/2005/08/addressing";
pub const WSSE: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
pub const SAML2: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
pub const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
pub const XOP: &str = "http://www.w3.org/2004/08/xop/include";
pub const FAULT_ACTION: &str = "http://www.w3.org/2005/08/addressing/soap/fault";

/// SOAP 1.2 fault codes used by the sandbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultCode {
    Sender,
    Receiver,
    VersionMismatch,
    MustUnderstand,
}

/// A SOAP 1.2 fault: Code/Value, Code/Subcode/Value, Reason/Text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub code: FaultCode,
    pub subcode: String,
    pub reason: String,
}

impl Fault {
    pub fn sender(subcode: impl Into<String>, reason: impl Into<String>) -> Fault {
        Fault {
            code: FaultCode::Sender,
            subcode: subcode.into(),
            reason: reason.into(),
        }
    }
    pub fn receiver(subcode: impl Into<String>, reason: impl Into<String>) -> Fault {
        Fault {
            code: FaultCode::Receiver,
            subcode: subcode.into(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.subcode, self.reason)
    }
}

/// Escape text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

pub fn new_uuid() -> String {
    let b: [u8; 16] = rand::random();
    format!(
        "{:02x}{:02x}{:02x}{:02x}-{:02x}{:02x}-4{:01x}{:02x}-{:01x}{:01x}{:02x}-{}",
        b[0],
        b[1],
        b[2],
        b[3],
        b[4],
        b[5],
        b[6] & 0x0f,
        b[7],
        8 | (b[8] & 0x03),
        b[8] >> 4,
        b[9],
        hex::encode(&b[10..16])
    )
}

fn header(action: &str, relates_to: Option<&str>) -> String {
    let relates = relates_to
        .map(|id| format!("<wsa:RelatesTo>{}</wsa:RelatesTo>", esc(id)))
        .unwrap_or_default();
    format!(
        "<soap:Header><wsa:Action soap:mustUnderstand=\"true\">{}</wsa:Action><wsa:MessageID>urn:uuid:{}</wsa:MessageID>{relates}<wsa:To>http://www.w3.org/2005/08/addressing/anonymous</wsa:To></soap:Header>",
        esc(action),
        new_uuid()
    )
}

/// A SOAP 1.2 response envelope around `body` (already serialized XML).
pub fn envelope(action: &str, relates_to: Option<&str>, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"{SOAP12}\" xmlns:wsa=\"{WSA}\">{}<soap:Body>{body}</soap:Body></soap:Envelope>",
        header(action, relates_to)
    )
}

/// A SOAP 1.2 fault envelope.
pub fn fault_envelope(f: &Fault, relates_to: Option<&str>) -> String {
    let code = match f.code {
        FaultCode::Sender => "soap:Sender",
        FaultCode::Receiver => "soap:Receiver",
        FaultCode::VersionMismatch => "soap:VersionMismatch",
        FaultCode::MustUnderstand => "soap:MustUnderstand",
    };
    let body = format!(
        "<soap:Fault><soap:Code><soap:Value>{code}</soap:Value><soap:Subcode><soap:Value>{}</soap:Value></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang=\"fr\">{}</soap:Text></soap:Reason></soap:Fault>",
        esc(&f.subcode),
        esc(&f.reason)
    );
    envelope(FAULT_ACTION, relates_to, &body)
}

pub const SOAP_CONTENT_TYPE: &str = "application/soap+xml; charset=UTF-8";

/// Package `envelope` (with `xop:Include` references) and its attachments as an MTOM
/// `multipart/related` message, as CXF does. Returns (Content-Type, body).
pub fn mtom(
    envelope: &str,
    action: &str,
    attachments: &[(String, String, Vec<u8>)],
) -> (String, Vec<u8>) {
    let boundary = format!("uuid:{}", new_uuid());
    let root_id = "root.message@cxf.apache.org";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"; action=\"{action}\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <{root_id}>\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(envelope.as_bytes());
    for (cid, ctype, bytes) in attachments {
        body.extend_from_slice(
            format!(
                "\r\n--{boundary}\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <{cid}>\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
    }
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let ctype = format!(
        "multipart/related; type=\"application/xop+xml\"; boundary=\"{boundary}\"; start=\"<{root_id}>\"; start-info=\"application/soap+xml\"; action=\"{action}\""
    );
    (ctype, body)
}

/// Value of a `key=value` parameter of a Content-Type header.
pub fn content_type_param(ct: &str, key: &str) -> Option<String> {
    for part in ct.split(';').skip(1) {
        let (k, v) = match part.split_once('=') {
            Some(kv) => kv,
            None => continue,
        };
        if k.trim().eq_ignore_ascii_case(key) {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// One MIME part.
#[derive(Debug, Clone)]
pub struct Part {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Part {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn content_id(&self) -> Option<String> {
        self.header("content-id").map(|v| {
            v.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

/// Split a multipart body into parts.
pub fn parse_multipart(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delim = format!("--{boundary}");
    let mut pos = find(body, delim.as_bytes(), 0).ok_or("MIME boundary not found")?;
    let mut parts = Vec::new();
    loop {
        pos += delim.len();
        if body[pos..].starts_with(b"--") {
            break;
        }
        // skip CRLF after the delimiter
        while pos < body.len() && (body[pos] == b'\r' || body[pos] == b'\n' || body[pos] == b' ') {
            if body[pos] == b'\n' {
                pos += 1;
                break;
            }
            pos += 1;
        }
        let head_end = find(body, b"\r\n\r\n", pos).ok_or("MIME part without headers end")?;
        let head = String::from_utf8_lossy(&body[pos..head_end]).to_string();
        let headers = head
            .split("\r\n")
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        let content_start = head_end + 4;
        let next = find(body, format!("\r\n{delim}").as_bytes(), content_start)
            .ok_or("MIME part not terminated")?;
        parts.push(Part {
            headers,
            body: body[content_start..next].to_vec(),
        });
        pos = next + 2;
    }
    Ok(parts)
}

/// Extract the SOAP envelope text from an HTTP body: plain SOAP, or the root part of an
/// MTOM/XOP multipart message.
pub fn envelope_text(content_type: &str, body: &[u8]) -> Result<String, Fault> {
    let lower = content_type.to_ascii_lowercase();
    let bytes = if lower.starts_with("multipart/related") {
        let boundary = content_type_param(content_type, "boundary").ok_or_else(|| {
            Fault::sender(
                "InvalidMessage",
                "multipart/related sans paramètre boundary",
            )
        })?;
        let parts = parse_multipart(body, &boundary)
            .map_err(|e| Fault::sender("InvalidMessage", format!("message MTOM invalide : {e}")))?;
        let start = content_type_param(content_type, "start")
            .map(|s| s.trim_start_matches('<').trim_end_matches('>').to_string());
        let root = match start {
            Some(id) => parts
                .iter()
                .find(|p| p.content_id().as_deref() == Some(id.as_str())),
            None => parts.first(),
        }
        .ok_or_else(|| Fault::sender("InvalidMessage", "partie racine MTOM introuvable"))?;
        root.body.clone()
    } else if lower.starts_with("application/soap+xml") {
        body.to_vec()
    } else if lower.starts_with("text/xml") {
        return Err(Fault {
            code: FaultCode::VersionMismatch,
            subcode: "VersionMismatch".into(),
            reason: "SOAP 1.1 (text/xml) non supporté : utiliser SOAP 1.2 (application/soap+xml)"
                .into(),
        });
    } else {
        return Err(Fault::sender(
            "InvalidMessage",
            format!("Content-Type non supporté : {content_type}"),
        ));
    };
    String::from_utf8(bytes)
        .map_err(|_| Fault::sender("InvalidMessage", "message non encodé en UTF-8"))
}

/// Direct element children of `node`.
pub fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.children().filter(|n| n.is_element())
}

/// First direct child element with this namespace and local name.
pub fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    children(node).find(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(ns))
}

/// First direct child element with this local name, any namespace.
pub fn child_any<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    children(node).find(|n| n.tag_name().name() == name)
}

/// Text of a node, trimmed.
pub fn text(node: roxmltree::Node<'_, '_>) -> String {
    node.text().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mtom_round_trip() {
        let (ct, body) = mtom(
            "<a/>",
            "x",
            &[(
                "doc1@sandbox".into(),
                "application/octet-stream".into(),
                vec![0, 1, 2, 13, 10],
            )],
        );
        let boundary = content_type_param(&ct, "boundary").unwrap();
        let parts = parse_multipart(&body, &boundary).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].body, b"<a/>");
        assert_eq!(parts[1].body, vec![0, 1, 2, 13, 10]);
        assert_eq!(parts[1].content_id().unwrap(), "doc1@sandbox");
        assert_eq!(envelope_text(&ct, &body).unwrap(), "<a/>");
    }

    #[test]
    fn uuid_shape() {
        let u = new_uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
