//! MTOM/XOP responses (`multipart/related; type="application/xop+xml"`): ITI-43 answers come
//! this way, faults included. Splits the MIME parts (boundary from the Content-Type), finds the
//! root SOAP part (the `start` parameter, else the first part) and the attachments by
//! Content-ID, so that `xop:Include href="cid:…"` references resolve to bytes.
//!
//! A body whose Content-Type is not multipart is returned as the root as it is.
//!
//! The writer ([`write_request`]) builds an MTOM request whose parts after the envelope are
//! read from their files as the request is sent: its length is known beforehand (the HTTP
//! body is sized), its bytes are never all in memory.

use std::collections::HashMap;

use base64::Engine;

use crate::error::{Error, Result};

/// One MIME part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MimePart {
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl MimePart {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// Content-ID without the angle brackets.
    pub fn content_id(&self) -> Option<String> {
        self.header("content-id").map(normalize_cid)
    }
}

/// A parsed MTOM message: the root (SOAP) part and the attachments by Content-ID.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MtomMessage {
    pub root: Vec<u8>,
    pub attachments: HashMap<String, Vec<u8>>,
}

impl MtomMessage {
    /// The bytes an `xop:Include href` points to.
    pub fn resolve(&self, href: &str) -> Option<&[u8]> {
        self.attachments
            .get(&normalize_cid(href))
            .map(Vec::as_slice)
    }
}

/// `<abc@x>`, `cid:abc@x` or `cid:abc%40x` → `abc@x`.
pub fn normalize_cid(v: &str) -> String {
    let v = v.trim();
    let v = v.strip_prefix("cid:").unwrap_or(v);
    let v = v.trim_start_matches('<').trim_end_matches('>');
    percent_decode(v)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A parameter of a header value (`boundary`, `start`, `type`…), unquoted.
pub fn header_param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case(name) {
            Some(v.trim().trim_matches('"').to_owned())
        } else {
            None
        }
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Splits a multipart body.
pub fn split_multipart(content_type: &str, body: &[u8]) -> Result<Vec<MimePart>> {
    let boundary = header_param(content_type, "boundary").ok_or_else(|| {
        Error::server(crate::tr!(
            "dmp-mime-no-boundary-param",
            content_type = content_type
        ))
    })?;
    let delim = format!("--{boundary}").into_bytes();
    let bad = |m: String| Error::server(crate::tr!("dmp-mime-malformed", reason = m));
    let mut pos = find(body, &delim, 0).ok_or_else(|| bad(crate::tr!("dmp-mime-no-boundary")))?;
    let mut parts = Vec::new();
    loop {
        pos += delim.len();
        if body[pos..].starts_with(b"--") {
            break;
        }
        // end of the boundary line
        let line_end =
            find(body, b"\n", pos).ok_or_else(|| bad(crate::tr!("dmp-mime-truncated-part")))? + 1;
        let next = find(body, &delim, line_end)
            .ok_or_else(|| bad(crate::tr!("dmp-mime-no-closing-boundary")))?;
        let mut content = &body[line_end..next];
        // the CRLF before the next delimiter belongs to the delimiter
        if content.ends_with(b"\r\n") {
            content = &content[..content.len() - 2];
        } else if content.ends_with(b"\n") {
            content = &content[..content.len() - 1];
        }
        let (head, data) = match find(content, b"\r\n\r\n", 0) {
            Some(i) => (&content[..i], &content[i + 4..]),
            None => match find(content, b"\n\n", 0) {
                Some(i) => (&content[..i], &content[i + 2..]),
                None => (content, &content[content.len()..]),
            },
        };
        let head = String::from_utf8_lossy(head);
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let mut part = MimePart {
            headers,
            body: data.to_vec(),
        };
        if part
            .header("content-transfer-encoding")
            .is_some_and(|e| e.eq_ignore_ascii_case("base64"))
        {
            let compact: Vec<u8> = part
                .body
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            part.body = base64::engine::general_purpose::STANDARD
                .decode(compact)
                .map_err(|e| bad(crate::tr!("dmp-mime-bad-base64", reason = e.to_string())))?;
        }
        parts.push(part);
        pos = next;
    }
    Ok(parts)
}

/// Parses an HTTP response body given its Content-Type.
pub fn parse(content_type: &str, body: &[u8]) -> Result<MtomMessage> {
    if !content_type
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("multipart/")
    {
        return Ok(MtomMessage {
            root: body.to_vec(),
            attachments: HashMap::new(),
        });
    }
    let parts = split_multipart(content_type, body)?;
    let start = header_param(content_type, "start").map(|s| normalize_cid(&s));
    let root_index = start
        .as_ref()
        .and_then(|s| {
            parts
                .iter()
                .position(|p| p.content_id().as_ref() == Some(s))
        })
        .unwrap_or(0);
    let mut msg = MtomMessage::default();
    for (i, p) in parts.into_iter().enumerate() {
        if i == root_index {
            msg.root = p.body;
        } else if let Some(id) = p.content_id() {
            msg.attachments.insert(id, p.body);
        }
    }
    if msg.root.is_empty() {
        return Err(Error::server(crate::tr!("dmp-mime-no-soap-part")));
    }
    Ok(msg)
}

/// One part of an MTOM request after the envelope.
pub struct OutPart {
    pub content_id: String,
    pub content_type: String,
    source: PartSource,
}

enum PartSource {
    Bytes(Vec<u8>),
    File {
        path: std::path::PathBuf,
        size: u64,
        sha1: String,
    },
}

impl OutPart {
    /// A part read from `path` when sent; `size` and `sha1` (hex) are what it had when
    /// hashed, and the request fails if the file no longer has that size.
    pub fn file(
        content_id: &str,
        content_type: &str,
        path: std::path::PathBuf,
        size: u64,
        sha1: &str,
    ) -> OutPart {
        OutPart {
            content_id: content_id.into(),
            content_type: content_type.into(),
            source: PartSource::File {
                path,
                size,
                sha1: sha1.into(),
            },
        }
    }
    pub fn bytes(content_id: &str, content_type: &str, bytes: Vec<u8>) -> OutPart {
        OutPart {
            content_id: content_id.into(),
            content_type: content_type.into(),
            source: PartSource::Bytes(bytes),
        }
    }
}

/// An MTOM request body ready to stream.
pub struct MtomBody {
    pub action: String,
    pub message_id: String,
    /// The HTTP Content-Type (multipart/related with its boundary, type, start, start-info).
    pub content_type: String,
    /// The exact length of [`MtomBody::reader`]'s bytes.
    pub len: u64,
    pub reader: Box<dyn std::io::Read + Send>,
    /// What a wire trace shows of the body: the attachments' content left out, each part's
    /// headers kept plus an `X-Dmp-Trace` header giving its size and SHA-1 (the documents are
    /// streamed from their files, never in memory, so no trace can hold them).
    pub preview: Vec<u8>,
}

impl std::fmt::Debug for MtomBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MtomBody")
            .field("content_type", &self.content_type)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

/// Reads a file part, failing if it ends before the size announced.
struct SizedFile {
    file: std::io::Take<std::fs::File>,
    path: std::path::PathBuf,
    left: u64,
}

impl std::io::Read for SizedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        if n == 0 && self.left > 0 && !buf.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                crate::tr!(
                    "dmp-file-changed-since-hashed",
                    path = self.path.display().to_string()
                ),
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

const ROOT_CID: &str = "root.message@dmp";

/// The body being assembled: its segments, length and trace.
#[derive(Default)]
struct Assembly {
    segments: Vec<Box<dyn std::io::Read + Send>>,
    len: u64,
    preview: Vec<u8>,
}

impl Assembly {
    fn bytes(&mut self, bytes: Vec<u8>, show: bool) {
        self.len += bytes.len() as u64;
        if show {
            self.preview.extend_from_slice(&bytes);
        }
        self.segments.push(Box::new(std::io::Cursor::new(bytes)));
    }
    /// A part's headers: in the preview, with a note of its content's size and SHA-1.
    fn part_head(&mut self, head: String, size: u64, sha1: &str) {
        self.bytes(head.clone().into_bytes(), false);
        let note = format!(
            "X-Dmp-Trace: document content not traced (streamed from its file): {size} bytes, SHA-1 {sha1}\r\n\r\n"
        );
        self.preview
            .extend_from_slice(head.trim_end_matches("\r\n").as_bytes());
        self.preview.extend_from_slice(b"\r\n");
        self.preview.extend_from_slice(note.as_bytes());
    }
}

/// Builds an MTOM/XOP request: the SOAP envelope (`application/xop+xml`, type
/// `application/soap+xml` with the action, like the official TD2.1 request), then the parts.
pub fn write_request(
    action: &str,
    message_id: String,
    envelope: Vec<u8>,
    parts: Vec<OutPart>,
) -> Result<MtomBody> {
    use std::io::Read;
    let boundary = format!("MIMEBoundary_{}", uuid::Uuid::new_v4().simple());
    let mut a = Assembly::default();
    a.bytes(
        format!(
            "--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"; action=\"{action}\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <{ROOT_CID}>\r\n\r\n"
        )
        .into_bytes(),
        true,
    );
    a.bytes(envelope, true);
    for p in parts {
        let head = format!(
            "\r\n--{boundary}\r\nContent-Type: {}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <{}>\r\n\r\n",
            p.content_type, p.content_id
        );
        match p.source {
            PartSource::Bytes(b) => {
                let sha1 = hex::encode(<sha1::Sha1 as sha1::Digest>::digest(&b));
                a.part_head(head, b.len() as u64, &sha1);
                a.bytes(b, false)
            }
            PartSource::File { path, size, sha1 } => {
                a.part_head(head, size, &sha1);
                let file = std::fs::File::open(&path).map_err(|e| {
                    Error::input(crate::tr!(
                        "dmp-cannot-read",
                        path = path.display().to_string(),
                        reason = e.to_string()
                    ))
                })?;
                let actual = file.metadata().map(|m| m.len()).unwrap_or(0);
                if actual != size {
                    return Err(Error::input(crate::tr!(
                        "dmp-file-changed-since-prepared",
                        path = path.display().to_string(),
                        actual = actual.to_string(),
                        expected = size.to_string()
                    ))
                    .with_hint(crate::tr!("dmp-hint-prepare-again")));
                }
                a.len += size;
                a.segments.push(Box::new(SizedFile {
                    file: file.take(size),
                    path,
                    left: size,
                }));
            }
        }
    }
    a.bytes(format!("\r\n--{boundary}--\r\n").into_bytes(), true);
    let reader = a
        .segments
        .into_iter()
        .reduce(|x, y| Box::new(x.chain(y)))
        .expect("the envelope is always there");
    Ok(MtomBody {
        action: action.to_string(),
        message_id,
        content_type: format!(
            "multipart/related; boundary=\"{boundary}\"; type=\"application/xop+xml\"; start=\"<{ROOT_CID}>\"; start-info=\"application/soap+xml\"; action=\"{action}\""
        ),
        len: a.len,
        reader,
        preview: a.preview,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_request_is_read_back_part_by_part_and_its_length_is_exact() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("d.pdf");
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&doc, &content).unwrap();
        let mut body = write_request(
            "urn:a",
            "urn:uuid:1".into(),
            b"<soap/>".to_vec(),
            vec![
                OutPart::file(
                    "d1@dmp",
                    "application/pdf",
                    doc.clone(),
                    content.len() as u64,
                    "ab",
                ),
                OutPart::bytes("sig@dmp", "text/xml", b"<Signature/>".to_vec()),
            ],
        )
        .unwrap();
        let mut all = Vec::new();
        std::io::Read::read_to_end(&mut body.reader, &mut all).unwrap();
        assert_eq!(all.len() as u64, body.len);
        let msg = parse(&body.content_type, &all).unwrap();
        assert_eq!(msg.root, b"<soap/>");
        assert_eq!(msg.resolve("cid:d1@dmp").unwrap(), &content[..]);
        assert_eq!(msg.resolve("cid:sig@dmp").unwrap(), b"<Signature/>");
        // The trace leaves the attachments out.
        let preview = String::from_utf8_lossy(&body.preview);
        assert!(preview.contains("<soap/>"));
        assert!(preview.contains("not traced (streamed from its file): 200000 bytes, SHA-1 ab"));
        assert!(!body.preview.windows(100).any(|w| w == &content[..100]));
        // A file changed after it was prepared is refused.
        std::fs::write(&doc, b"short").unwrap();
        let e = write_request(
            "urn:a",
            "urn:uuid:1".into(),
            b"<soap/>".to_vec(),
            vec![OutPart::file(
                "d1@dmp",
                "application/pdf",
                doc,
                content.len() as u64,
                "ab",
            )],
        )
        .unwrap_err();
        assert!(e.message().contains("changed"), "{e}");
    }
}
