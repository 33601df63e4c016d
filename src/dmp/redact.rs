//! Document content left out of a wire trace (`--trace-wire` without `--trace-wire-bodies`), in
//! a request and an answer alike: the MIME parts of an MTOM/XOP message other than its SOAP
//! root, and the text (inline base64) of XDS `Document` elements. Each is replaced by a
//! placeholder giving the document's size and SHA-1, the `size` and `hash` of its XDS metadata,
//! so that support can still tell which document it was. Every other byte is kept as it is.
//!
//! When a body cannot be read far enough to know where its documents are (MIME without its
//! boundary, XML that is not well-formed), what cannot be read is left out too: a trace must
//! never hold a document the user did not ask to keep.

use std::borrow::Cow;

use base64::Engine;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use sha1::{Digest, Sha1};

use super::mtom::{header_param, normalize_cid};
use super::xml::ns;

/// How every placeholder starts.
pub const PLACEHOLDER_PREFIX: &str = "[dmp trace: ";

/// `body` with its document content replaced by placeholders. `content_type` is the message's
/// HTTP Content-Type: MIME multipart and XML bodies are searched for documents, HTML and plain
/// text (error pages) are kept, and any other body is left out whole.
pub fn without_documents<'a>(content_type: Option<&str>, body: &'a [u8]) -> Cow<'a, [u8]> {
    if body.is_empty() {
        return Cow::Borrowed(body);
    }
    let ct = content_type.unwrap_or("").trim().to_ascii_lowercase();
    let media = ct.split(';').next().unwrap_or("").trim();
    if media.starts_with("multipart/") {
        return Cow::Owned(multipart(content_type.unwrap_or(""), body));
    }
    if media.contains("xml") || (media.is_empty() && body.trim_ascii_start().starts_with(b"<")) {
        return xml(body);
    }
    if media == "text/html" || media == "text/plain" {
        return Cow::Borrowed(body);
    }
    Cow::Owned(left_out(
        body,
        &format!(
            "a body of type \"{}\", which a DMP message does not carry",
            if media.is_empty() { "(none)" } else { media }
        ),
    ))
}

/// The placeholder of a document: its size and SHA-1.
fn document_placeholder(content: &[u8]) -> Vec<u8> {
    format!(
        "{PLACEHOLDER_PREFIX}document content left out: {} bytes, SHA-1 {}; --trace-wire-bodies keeps it]",
        content.len(),
        hex::encode(Sha1::digest(content))
    )
    .into_bytes()
}

/// The placeholder of bytes that could not be read far enough to know what they hold.
fn left_out(bytes: &[u8], why: &str) -> Vec<u8> {
    format!(
        "{PLACEHOLDER_PREFIX}{} bytes left out ({why}), SHA-1 {}; --trace-wire-bodies keeps them]",
        bytes.len(),
        hex::encode(Sha1::digest(bytes))
    )
    .into_bytes()
}

/// Base64 text without its whitespace, decoded; `None` when it is not base64.
fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

/// An XML body with the text of its XDS `Document` elements replaced (an element holding an
/// `xop:Include` is kept: its part is replaced where it is).
fn xml(body: &[u8]) -> Cow<'_, [u8]> {
    let mut reader = NsReader::from_reader(body);
    // Byte ranges of Document texts to replace.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    // Inside a Document: its depth, where its content starts, whether it holds elements.
    let mut open: Option<(usize, usize, bool)> = None;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        // What the event is, taken before the reader is asked for its position again.
        let step = match reader.read_resolved_event() {
            Err(e) => Err(e),
            Ok((_, Event::Eof)) => break,
            Ok((res, Event::Start(e))) => {
                Ok(Step::Start(is_document(&res, e.local_name().as_ref())))
            }
            Ok((_, Event::Empty(_))) => Ok(Step::Empty),
            Ok((_, Event::End(_))) => Ok(Step::End),
            Ok(_) => Ok(Step::Other),
        };
        let after = reader.buffer_position() as usize;
        match step {
            Err(e) => {
                // What follows the last complete event is left out: it may hold a document.
                let cut = open.map_or(before, |(_, start, _)| start);
                return Cow::Owned(splice(
                    body,
                    &ranges,
                    Some((cut, &format!("not well-formed XML from here: {e}"))),
                ));
            }
            Ok(Step::Start(document)) => {
                depth += 1;
                if let Some(o) = open.as_mut() {
                    o.2 = true;
                } else if document {
                    open = Some((depth, after, false));
                }
            }
            Ok(Step::Empty) => {
                if let Some(o) = open.as_mut() {
                    o.2 = true;
                }
            }
            Ok(Step::End) => {
                if let Some((d, start, has_elements)) = open {
                    if d == depth {
                        if !has_elements && !body[start..before].trim_ascii().is_empty() {
                            ranges.push((start, before));
                        }
                        open = None;
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Step::Other) => {}
        }
    }
    if let Some((_, start, _)) = open {
        // The body ends inside a Document.
        return Cow::Owned(splice(
            body,
            &ranges,
            Some((start, "the XML ends inside a Document element")),
        ));
    }
    if ranges.is_empty() {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(splice(body, &ranges, None))
    }
}

/// An XML event, as far as finding Document elements goes.
enum Step {
    /// An element starts; `true`: an XDS Document.
    Start(bool),
    Empty,
    End,
    Other,
}

fn is_document(res: &ResolveResult, local: &str) -> bool {
    local == "Document" && matches!(res, ResolveResult::Bound(n) if n.0 == ns::XDSB)
}

/// `body` with each range's text replaced by its document placeholder, and everything from
/// `cut` on left out.
fn splice(body: &[u8], ranges: &[(usize, usize)], cut: Option<(usize, &str)>) -> Vec<u8> {
    let end = cut.map_or(body.len(), |(c, _)| c);
    let mut out = Vec::with_capacity(end.min(body.len()) + 256);
    let mut pos = 0;
    for &(start, stop) in ranges.iter().filter(|(_, stop)| *stop <= end) {
        out.extend_from_slice(&body[pos..start]);
        let text = &body[start..stop];
        match decode_base64(text) {
            Some(content) => out.extend(document_placeholder(&content)),
            None => out.extend(left_out(text, "a Document element's text, not base64")),
        }
        pos = stop;
    }
    out.extend_from_slice(&body[pos..end]);
    if let Some((c, why)) = cut {
        out.extend(left_out(&body[c..], why));
    }
    out
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where the next boundary delimiter line starts (`--boundary` at the start of a line), from
/// `from` on.
fn next_delimiter(body: &[u8], delim: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let p = find(body, delim, at)?;
        if p == 0 || body[p - 1] == b'\n' {
            return Some(p);
        }
        at = p + 1;
    }
}

/// A MIME multipart body with every part but the SOAP root replaced by its document
/// placeholder, and the root's own Document texts replaced. Boundaries and part headers are
/// kept.
fn multipart(content_type: &str, body: &[u8]) -> Vec<u8> {
    let Some(boundary) = header_param(content_type, "boundary") else {
        return left_out(body, "a multipart body without a boundary");
    };
    let start = header_param(content_type, "start").map(|s| normalize_cid(&s));
    let delim = format!("--{boundary}").into_bytes();
    let Some(first) = next_delimiter(body, &delim, 0) else {
        return left_out(body, "a multipart body whose boundary is not found");
    };
    let mut out = body[..first].to_vec();
    let mut pos = first;
    let mut index = 0;
    loop {
        // `pos` is at a delimiter line.
        let after_delim = pos + delim.len();
        if body[after_delim..].starts_with(b"--") {
            out.extend_from_slice(&body[pos..]);
            return out;
        }
        let Some(line_end) = find(body, b"\n", after_delim).map(|i| i + 1) else {
            out.extend(left_out(&body[pos..], "a MIME part cut short"));
            return out;
        };
        out.extend_from_slice(&body[pos..line_end]);
        let next = next_delimiter(body, &delim, line_end);
        let content_end = next.unwrap_or(body.len());
        // The line break before the next delimiter belongs to the delimiter.
        let mut part_end = content_end;
        if next.is_some() {
            if body[..part_end].ends_with(b"\r\n") {
                part_end -= 2;
            } else if body[..part_end].ends_with(b"\n") {
                part_end -= 1;
            }
        }
        let part = &body[line_end..part_end];
        let (head_len, data_start) = match find(part, b"\r\n\r\n", 0) {
            Some(i) => (i, i + 4),
            None => match find(part, b"\n\n", 0) {
                Some(i) => (i, i + 2),
                None => (part.len(), part.len()),
            },
        };
        let head = String::from_utf8_lossy(&part[..head_len]);
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let is_root = match &start {
            Some(s) => header("content-id").map(|c| normalize_cid(&c)).as_ref() == Some(s),
            None => index == 0,
        };
        out.extend_from_slice(&part[..data_start]);
        let data = &part[data_start..];
        if is_root {
            out.extend_from_slice(&xml(data));
        } else if !data.is_empty() {
            let base64 = header("content-transfer-encoding")
                .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
            match base64.then(|| decode_base64(data)) {
                Some(Some(content)) => out.extend(document_placeholder(&content)),
                Some(None) => out.extend(left_out(data, "a MIME part, not valid base64")),
                None => out.extend(document_placeholder(data)),
            }
        }
        out.extend_from_slice(&body[part_end..content_end]);
        match next {
            Some(n) => pos = n,
            None => return out,
        }
        index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

    fn sha1(b: &[u8]) -> String {
        hex::encode(Sha1::digest(b))
    }

    fn text(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    const DOC: &[u8] = b"<ClinicalDocument>Observation: glyc\xc3\xa9mie 7,2 mmol/l --uuid:fake\r\n</ClinicalDocument>";

    fn mtom(boundary: &str, root: &str, attachment: &[u8], encoding: &str) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Type: application/xop+xml; type=\"application/soap+xml\"\r\nContent-ID: <root@x>\r\n\r\n").as_bytes());
        b.extend_from_slice(root.as_bytes());
        b.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: {encoding}\r\nContent-ID: <doc1@x>\r\n\r\n").as_bytes());
        b.extend_from_slice(attachment);
        b.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        b
    }

    const ROOT_XOP: &str = r#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><x:RetrieveDocumentSetResponse xmlns:x="urn:ihe:iti:xds-b:2007"><x:DocumentResponse><x:DocumentUniqueId>1.2.3</x:DocumentUniqueId><x:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:doc1@x"/></x:Document></x:DocumentResponse></x:RetrieveDocumentSetResponse></s:Body></s:Envelope>"#;

    #[test]
    fn an_xop_part_becomes_its_size_and_sha1_and_the_rest_stays() {
        let ct = r#"multipart/related; type="application/xop+xml"; boundary="uuid:b1"; start="<root@x>""#;
        let body = mtom("uuid:b1", ROOT_XOP, DOC, "binary");
        let out = without_documents(Some(ct), &body);
        let s = text(&out);
        assert!(!s.contains("glyc"), "{s}");
        assert!(s.contains(&format!(
            "document content left out: {} bytes, SHA-1 {}",
            DOC.len(),
            sha1(DOC)
        )));
        // The root and the part headers are untouched, the message still splits.
        assert!(s.contains(ROOT_XOP));
        assert!(s.contains("Content-ID: <doc1@x>"));
        let parts = super::super::mtom::split_multipart(ct, &out).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].body, ROOT_XOP.as_bytes());
        assert!(parts[1].body.starts_with(PLACEHOLDER_PREFIX.as_bytes()));
    }

    #[test]
    fn a_base64_part_is_measured_decoded() {
        let ct = r#"multipart/related; boundary=b2; start="<root@x>""#;
        let encoded = B64.encode(DOC);
        let wrapped: Vec<u8> = encoded
            .as_bytes()
            .chunks(20)
            .flat_map(|c| c.iter().copied().chain(*b"\r\n"))
            .collect();
        let body = mtom("b2", ROOT_XOP, &wrapped, "base64");
        let s = text(&without_documents(Some(ct), &body));
        assert!(!s.contains(&encoded[..20]), "{s}");
        assert!(s.contains(&format!("{} bytes, SHA-1 {}", DOC.len(), sha1(DOC))));
    }

    #[test]
    fn without_start_the_first_part_is_the_root() {
        let ct = "multipart/related; boundary=b3";
        let body = mtom("b3", ROOT_XOP, DOC, "binary");
        let s = text(&without_documents(Some(ct), &body));
        assert!(s.contains(ROOT_XOP) && !s.contains("glyc"), "{s}");
    }

    fn inline(doc_text: &str) -> String {
        format!(
            r#"<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><ProvideAndRegisterDocumentSetRequest xmlns="urn:ihe:iti:xds-b:2007"><Document id="Doc1">{doc_text}</Document><Other>kept</Other></ProvideAndRegisterDocumentSetRequest></soap:Body></soap:Envelope>"#
        )
    }

    #[test]
    fn an_inline_base64_document_is_replaced_in_either_direction() {
        let encoded = B64.encode(DOC);
        let body = inline(&format!("\n  {encoded}\n"));
        let out = without_documents(Some("application/soap+xml; charset=UTF-8"), body.as_bytes());
        let s = text(&out);
        assert!(!s.contains(&encoded), "{s}");
        assert!(s.contains(&format!(
            r#"<Document id="Doc1">{PLACEHOLDER_PREFIX}document content left out: {} bytes, SHA-1 {}"#,
            DOC.len(),
            sha1(DOC)
        )));
        assert!(s.contains("<Other>kept</Other>"));
        // Still XML.
        crate::dmp::xml::Element::parse(&out).unwrap();
    }

    #[test]
    fn a_document_element_elsewhere_than_xds_or_empty_is_kept() {
        let other = r#"<a xmlns="urn:other"><Document>not XDS</Document></a>"#;
        assert_eq!(
            without_documents(Some("text/xml"), other.as_bytes()).as_ref(),
            other.as_bytes()
        );
        let empty = inline("  ");
        assert_eq!(
            without_documents(Some("application/soap+xml"), empty.as_bytes()).as_ref(),
            empty.as_bytes()
        );
    }

    #[test]
    fn a_metadata_answer_is_kept_byte_for_byte() {
        let body = br#"<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><AdhocQueryResponse xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" status="ok"/></s:Body></s:Envelope>"#;
        assert!(matches!(
            without_documents(Some("application/soap+xml"), body),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn what_cannot_be_read_is_left_out() {
        let encoded = B64.encode(DOC);
        // XML cut inside a Document: from its content on.
        let body = inline(&encoded);
        let cut = &body.as_bytes()[..body.find(&encoded).unwrap() + 10];
        let s = text(&without_documents(Some("application/soap+xml"), cut));
        assert!(!s.contains(&encoded[..10]), "{s}");
        assert!(
            s.contains("<Document id=\"Doc1\">[dmp trace: 10 bytes left out ("),
            "{s}"
        );
        // Broken XML: from the error on.
        let broken = format!(
            "{}</Wrong></Envelope>",
            &body[..body.find("<Other>").unwrap()]
        );
        let s = text(&without_documents(Some("text/xml"), broken.as_bytes()));
        assert!(!s.contains(&encoded[..10]), "{s}");
        assert!(s.contains("left out (not well-formed XML from here"), "{s}");
        // A multipart body without a boundary, a body of an unexpected type.
        let body = mtom("b4", ROOT_XOP, DOC, "binary");
        let s = text(&without_documents(Some("multipart/related"), &body));
        assert!(
            s.starts_with(PLACEHOLDER_PREFIX) && !s.contains("glyc"),
            "{s}"
        );
        let s = text(&without_documents(Some("application/octet-stream"), DOC));
        assert!(
            s.starts_with(PLACEHOLDER_PREFIX) && !s.contains("glyc"),
            "{s}"
        );
        // An unterminated attachment.
        let body = mtom("b5", ROOT_XOP, DOC, "binary");
        let cut = &body[..body.len() - 12];
        let s = text(&without_documents(
            Some("multipart/related; boundary=b5"),
            cut,
        ));
        assert!(!s.contains("glyc"), "{s}");
        // An HTML error page is kept.
        let page = b"<html><body>502 Bad Gateway<br></body></html>";
        assert_eq!(
            without_documents(Some("text/html"), page).as_ref(),
            page.as_slice()
        );
    }
}
