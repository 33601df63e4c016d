//! A small HTTP/1.1 server side: one request at a time on a (TLS) stream, keep-alive,
//! Content-Length or chunked request bodies.

use std::io::{self, BufRead, Write};

pub const MAX_HEAD: usize = 64 * 1024;
/// Bodies are held in memory; 512 MiB lets the push benchmark's 200 MB PDF through (its MTOM
/// request carries the PDF's CDA wrapper: base64, a third larger).
pub const MAX_BODY: usize = 512 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Should the connection stay open after this request?
    pub fn keep_alive(&self) -> bool {
        match self.header("connection") {
            Some(v) if v.eq_ignore_ascii_case("close") => false,
            Some(v) if v.eq_ignore_ascii_case("keep-alive") => true,
            _ => self.version != "HTTP/1.0",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: impl Into<String>, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type: content_type.into(),
            body: body.into(),
        }
    }
}

fn bad(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_string())
}

fn read_line<R: BufRead>(r: &mut R, limit: usize) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = io::Read::take(&mut *r, limit as u64).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if !buf.ends_with(b"\n") {
        return Err(bad("header line too long or truncated"));
    }
    while buf.last() == Some(&b'\n') || buf.last() == Some(&b'\r') {
        buf.pop();
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| bad("non UTF-8 header"))
}

/// Read one request; `Ok(None)` on a clean end of stream before a request starts.
pub fn read_request<R: BufRead>(r: &mut R) -> io::Result<Option<Request>> {
    let Some(mut req) = read_head(r)? else {
        return Ok(None);
    };
    read_body(r, &mut req)?;
    Ok(Some(req))
}

/// Does the client wait for `100 Continue` before sending the body?
pub fn expects_continue(req: &Request) -> bool {
    req.header("expect")
        .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
}

/// Read the request line and headers.
pub fn read_head<R: BufRead>(r: &mut R) -> io::Result<Option<Request>> {
    let mut line = match read_line(r, MAX_HEAD)? {
        Some(l) => l,
        None => return Ok(None),
    };
    while line.is_empty() {
        // Tolerate stray CRLF between requests.
        line = match read_line(r, MAX_HEAD)? {
            Some(l) => l,
            None => return Ok(None),
        };
    }
    let mut parts = line.split(' ');
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().ok_or_else(|| bad("no path"))?.to_string();
    let version = parts.next().ok_or_else(|| bad("no version"))?.to_string();
    let mut headers = Vec::new();
    let mut total = line.len();
    loop {
        let l = read_line(r, MAX_HEAD)?.ok_or_else(|| bad("truncated head"))?;
        total += l.len();
        if total > MAX_HEAD {
            return Err(bad("head too large"));
        }
        if l.is_empty() {
            break;
        }
        let (k, v) = l.split_once(':').ok_or_else(|| bad("bad header"))?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok(Some(Request {
        method,
        path,
        version,
        headers,
        body: Vec::new(),
    }))
}

/// Read the body announced by the head (Content-Length or chunked).
pub fn read_body<R: BufRead>(r: &mut R, req: &mut Request) -> io::Result<()> {
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    if chunked {
        loop {
            let size_line = read_line(r, 1024)?.ok_or_else(|| bad("truncated chunk"))?;
            let size_hex = size_line.split(';').next().unwrap_or("").trim();
            let size = usize::from_str_radix(size_hex, 16).map_err(|_| bad("bad chunk size"))?;
            if size == 0 {
                // trailers
                while let Some(t) = read_line(r, MAX_HEAD)? {
                    if t.is_empty() {
                        break;
                    }
                }
                break;
            }
            if req.body.len() + size > MAX_BODY {
                return Err(bad("body too large"));
            }
            let start = req.body.len();
            req.body.resize(start + size, 0);
            r.read_exact(&mut req.body[start..])?;
            read_line(r, 16)?;
        }
    } else if let Some(len) = req.header("content-length") {
        let len: usize = len.parse().map_err(|_| bad("bad content-length"))?;
        if len > MAX_BODY {
            return Err(bad("body too large"));
        }
        req.body.resize(len, 0);
        r.read_exact(&mut req.body)?;
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        415 => "Unsupported Media Type",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// An HTML error page such as a reverse proxy sends (nginx's shape).
pub fn error_page(status: u16) -> Response {
    let title = format!("{status} {}", reason(status));
    Response::new(
        status,
        "text/html; charset=utf-8",
        format!(
            "<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        ),
    )
}

/// `SERVICE=STATUS` of `dmp-sandbox serve --http-error`: one of `services`, a 4xx or 5xx.
pub fn parse_http_error(s: &str, services: &[&str]) -> Result<(String, u16), String> {
    let (service, status) = s
        .split_once('=')
        .ok_or_else(|| format!("\"{s}\" is not SERVICE=STATUS"))?;
    if !services.contains(&service) {
        return Err(format!(
            "unknown service \"{service}\" (one of {})",
            services.join(", ")
        ));
    }
    let status: u16 = status
        .parse()
        .ok()
        .filter(|n| (400..=599).contains(n))
        .ok_or_else(|| format!("\"{status}\" is not an HTTP error status (400 to 599)"))?;
    Ok((service.to_string(), status))
}

/// Write a response with `Date`, `Content-Length` and the connection header.
pub fn write_response<W: Write>(w: &mut W, resp: &Response, keep_alive: bool) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\nDate: {}\r\nServer: dmp-sandbox\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: {}\r\n\r\n",
        resp.status,
        reason(resp.status),
        httpdate::fmt_http_date(std::time::SystemTime::now()),
        resp.content_type,
        resp.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    w.write_all(head.as_bytes())?;
    w.write_all(&resp.body)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_content_length_and_chunked() {
        let raw = b"POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcPOST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n1\r\nz\r\n0\r\n\r\n";
        let mut r = io::BufReader::new(&raw[..]);
        let a = read_request(&mut r).unwrap().unwrap();
        assert_eq!(a.body, b"abc");
        let b = read_request(&mut r).unwrap().unwrap();
        assert_eq!(b.path, "/b");
        assert_eq!(b.body, b"xyz");
        assert!(read_request(&mut r).unwrap().is_none());
    }

    #[test]
    fn http_error_options() {
        let services = ["patient", "DocumentRegistry_Service"];
        assert_eq!(
            parse_http_error("patient=502", &services).unwrap(),
            ("patient".to_string(), 502)
        );
        assert!(parse_http_error("patient=200", &services).is_err());
        assert!(parse_http_error("nope=404", &services).is_err());
        assert!(parse_http_error("patient", &services).is_err());
        let page = error_page(404);
        assert_eq!(page.status, 404);
        assert!(String::from_utf8(page.body)
            .unwrap()
            .contains("<h1>404 Not Found</h1>"));
    }
}
