//! MTOM/XOP responses (`multipart/related; type="application/xop+xml"`): ITI-43 answers come
//! this way, faults included. Splits the MIME parts (boundary from the Content-Type), finds the
//! root SOAP part (the `start` parameter, else the first part) and the attachments by
//! Content-ID, so that `xop:Include href="cid:…"` references resolve to bytes.
//!
//! A body whose Content-Type is not multipart is returned as the root as it is.

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
        Error::server(format!(
            "the DMP answered a multipart response without boundary ({content_type})"
        ))
    })?;
    let delim = format!("--{boundary}").into_bytes();
    let bad = |m: &str| Error::server(format!("the DMP answered a malformed MIME response: {m}"));
    let mut pos = find(body, &delim, 0).ok_or_else(|| bad("no boundary"))?;
    let mut parts = Vec::new();
    loop {
        pos += delim.len();
        if body[pos..].starts_with(b"--") {
            break;
        }
        // end of the boundary line
        let line_end = find(body, b"\n", pos).ok_or_else(|| bad("truncated part"))? + 1;
        let next = find(body, &delim, line_end).ok_or_else(|| bad("missing closing boundary"))?;
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
                .map_err(|e| bad(&format!("bad base64 part: {e}")))?;
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
        return Err(Error::server(
            "the DMP answered a MIME response without a SOAP part",
        ));
    }
    Ok(msg)
}
