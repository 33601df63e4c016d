//! Wire traces for support (`--trace-wire DIR`, profile key `trace_wire`): each DMP
//! transaction of the run leaves two files in DIR, its request and its answer as HTTP/1.1
//! messages (start line, headers, body) as they were sent and received, named by time and
//! transaction so that they sort in the order of the run:
//! `20261127T101502.123456Z-TD3.1-request.http`, `…-TD3.1-response.http`.
//!
//! They hold health data (the patient's INS, document metadata, the VIHF): DIR is created mode
//! 0700, and an existing DIR that anyone but its owner may enter is refused rather than changed
//! (it may serve other purposes; the user decides); each file is created mode 0600, never over
//! an existing one. Document content is left out (`dmp::redact`) unless the run asks for it
//! (`--trace-wire-bodies`). No PIN or password ever goes over the wire, so none can be in a
//! trace; TLS keys never leave the card or the key store.

use std::cell::OnceCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::dmp::catalogue::Tx;
use crate::dmp::redact;
use crate::error::{Error, Result};
use crate::session::{WireHead, WireTap};

/// The run's wire traces: where they go, and whether document content is kept.
#[derive(Debug, Clone)]
pub struct WireTrace {
    dir: PathBuf,
    keep_bodies: bool,
}

impl WireTrace {
    /// Creates `dir` (mode 0700, its missing parents too) or checks that the existing one is
    /// the user's and closed to others.
    pub fn open(dir: &Path, keep_bodies: bool) -> Result<WireTrace> {
        match std::fs::metadata(dir) {
            Ok(meta) => {
                if !meta.is_dir() {
                    return Err(Error::config(crate::tr!(
                        "commands-trace-not-directory",
                        path = dir
                    ))
                    .with_hint(crate::tr!("commands-trace-not-directory-hint")));
                }
                check_private(dir, &meta)?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_private(dir)?,
            Err(e) => {
                return Err(Error::config(crate::tr!(
                    "commands-trace-unusable",
                    path = dir,
                    error = e.to_string()
                ))
                .with_hint(crate::tr!("commands-trace-unusable-hint")))
            }
        }
        Ok(WireTrace {
            dir: dir.to_path_buf(),
            keep_bodies,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether document content is kept (`--trace-wire-bodies`).
    pub fn keeps_bodies(&self) -> bool {
        self.keep_bodies
    }

    /// The tap of one transaction: it writes its pair of files.
    pub fn transaction(&self, tx: Tx) -> TransactionTrace<'_> {
        TransactionTrace {
            trace: self,
            code: tx.code(),
            stem: OnceCell::new(),
        }
    }

    /// A message's body as it goes into a trace.
    fn body<'a>(&self, head: &WireHead, body: &'a [u8]) -> std::borrow::Cow<'a, [u8]> {
        if self.keep_bodies {
            std::borrow::Cow::Borrowed(body)
        } else {
            redact::without_documents(head.header("content-type"), body)
        }
    }
}

#[cfg(unix)]
fn create_private(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let failed = |e: std::io::Error| {
        Error::config(crate::tr!(
            "commands-trace-cannot-create",
            path = dir,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("commands-trace-cannot-create-hint"))
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(failed)?;
    // The umask may have taken more than the group's and others' bits: the owner needs all three.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(failed)
}

#[cfg(not(unix))]
fn create_private(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::config(crate::tr!(
            "commands-trace-cannot-create",
            path = dir,
            error = e.to_string()
        ))
    })
}

#[cfg(unix)]
fn check_private(dir: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Err(Error::config(crate::tr!(
            "commands-trace-foreign",
            path = dir,
            uid = meta.uid()
        ))
        .with_hint(crate::tr!("commands-trace-foreign-hint")));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Error::config(crate::tr!(
            "commands-trace-open",
            path = dir,
            mode = format!("{mode:04o}")
        ))
        .with_hint(crate::tr!("commands-trace-open-hint", path = dir)));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_dir: &Path, _meta: &std::fs::Metadata) -> Result<()> {
    Ok(())
}

/// `20261127T101502.123456Z`: UTC, to the microsecond (two transactions of a run never
/// share one), sortable as text.
fn file_time(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// Creates `path` mode 0600, failing if anything is there (a file, a symbolic link).
fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// The start line and the headers, CRLF-terminated as HTTP/1.1 writes them, then the blank line.
fn head_bytes(head: &WireHead) -> Vec<u8> {
    let mut s = format!("{}\r\n", head.start_line);
    for (k, v) in &head.headers {
        s.push_str(&format!("{k}: {v}\r\n"));
    }
    s.push_str("\r\n");
    s.into_bytes()
}

/// The trace of one transaction: the request file is created when the request is about to
/// leave, the answer file beside it under the same name.
pub struct TransactionTrace<'a> {
    trace: &'a WireTrace,
    code: &'static str,
    /// `DIR/20261127T101502.123456Z-TD3.1`, once the request is written.
    stem: OnceCell<PathBuf>,
}

impl TransactionTrace<'_> {
    fn write_error(&self, path: &Path, e: std::io::Error) -> Error {
        Error::config(crate::tr!(
            "commands-trace-cannot-write",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("commands-trace-cannot-write-hint"))
    }

    /// Creates the request file under a name not yet taken (two runs writing in the same
    /// microsecond: `-2`, `-3`…).
    fn create_request_file(&self) -> Result<(PathBuf, std::fs::File)> {
        let time = file_time(OffsetDateTime::now_utc());
        let mut n = 1;
        loop {
            let stem = if n == 1 {
                format!("{time}-{}", self.code)
            } else {
                format!("{time}-{}-{n}", self.code)
            };
            let stem = self.trace.dir.join(stem);
            let path = with_suffix(&stem, "-request.http");
            match create_new(&path) {
                Ok(f) => return Ok((stem, f)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(e) => return Err(self.write_error(&path, e)),
            }
        }
    }

    /// Writes the answer file; a failure is reported but does not undo the transaction.
    fn write_response(&self, content: &[&[u8]]) {
        let Some(stem) = self.stem.get() else {
            return;
        };
        let path = with_suffix(stem, "-response.http");
        let written = create_new(&path).and_then(|mut f| {
            for c in content {
                f.write_all(c)?;
            }
            f.sync_all()
        });
        if let Err(e) = written {
            let e = self.write_error(&path, e);
            tracing::warn!(
                "{}",
                crate::tr!("commands-trace-response-lost", error = e.to_string())
            );
        }
    }
}

fn with_suffix(stem: &Path, suffix: &str) -> PathBuf {
    let mut s = stem.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

impl WireTap for TransactionTrace<'_> {
    fn request(&self, head: &WireHead, body: &[u8]) -> Result<()> {
        if self.stem.get().is_some() {
            return Ok(());
        }
        let (stem, mut f) = self.create_request_file()?;
        let path = with_suffix(&stem, "-request.http");
        f.write_all(&head_bytes(head))
            .and_then(|_| f.write_all(&self.trace.body(head, body)))
            .and_then(|_| f.sync_all())
            .map_err(|e| self.write_error(&path, e))?;
        let _ = self.stem.set(stem);
        Ok(())
    }

    fn response(&self, head: &WireHead, body: &[u8]) {
        self.write_response(&[&head_bytes(head), &self.trace.body(head, body)]);
    }

    fn failed(&self, why: &str, head: Option<&WireHead>, received: &[u8]) {
        // Not an HTTP message: a line that says so, then what came, if anything.
        let note = format!("dmp: no complete answer: {why}\r\n");
        match head {
            Some(h) => self.write_response(&[
                note.as_bytes(),
                b"\r\n",
                &head_bytes(h),
                &self.trace.body(h, received),
            ]),
            None => self.write_response(&[note.as_bytes()]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn head(start: &str, ct: &str) -> WireHead {
        WireHead {
            start_line: start.into(),
            headers: vec![("content-type".into(), ct.into())],
        }
    }

    #[test]
    fn the_directory_is_created_private_and_an_open_one_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        WireTrace::open(&dir, false).unwrap();
        assert_eq!(mode(&dir), 0o700);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o750)).unwrap();
        let e = WireTrace::open(&dir, false).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
        assert!(e.message().contains("0750"), "{e}");
        assert!(e.hint().unwrap().contains("chmod 700"), "{:?}", e.hint());
        assert_eq!(mode(&dir), 0o750, "left as it was");
        let file = tmp.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert!(WireTrace::open(&file, false).is_err());
    }

    #[test]
    fn one_pair_of_private_files_per_transaction_in_run_order() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("traces");
        let trace = WireTrace::open(&dir, false).unwrap();
        for tx in [Tx::Td02, Tx::Td31, Tx::Td31] {
            let t = trace.transaction(tx);
            t.request(&head("POST /x HTTP/1.1", "text/xml"), b"<a/>")
                .unwrap();
            t.response(&head("HTTP/1.1 200 OK", "text/xml"), b"<b/>");
        }
        let t = trace.transaction(Tx::Td32);
        t.request(&head("POST /y HTTP/1.1", "text/xml"), b"<c/>")
            .unwrap();
        t.failed("the connection was reset", None, &[]);

        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 8, "{names:?}");
        let kinds: Vec<(&str, &str)> = names
            .iter()
            .map(|n| {
                let (_, rest) = n.split_once('-').unwrap();
                let code = rest.split('-').next().unwrap();
                (
                    code,
                    if n.ends_with("-request.http") {
                        "req"
                    } else {
                        "resp"
                    },
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("TD0.2", "req"),
                ("TD0.2", "resp"),
                ("TD3.1", "req"),
                ("TD3.1", "resp"),
                ("TD3.1", "req"),
                ("TD3.1", "resp"),
                ("TD3.2", "req"),
                ("TD3.2", "resp")
            ]
            .to_vec(),
            "{names:?}"
        );
        for n in &names {
            assert_eq!(mode(&dir.join(n)), 0o600, "{n}");
        }
        let first = std::fs::read(dir.join(&names[0])).unwrap();
        assert_eq!(
            first,
            b"POST /x HTTP/1.1\r\ncontent-type: text/xml\r\n\r\n<a/>"
        );
        let last = std::fs::read_to_string(dir.join(&names[7])).unwrap();
        assert_eq!(
            last,
            "dmp: no complete answer: the connection was reset\r\n"
        );
    }

    #[test]
    fn file_times_sort_as_text() {
        let t = time::macros::datetime!(2026-11-27 10:15:02.123 +01:00);
        assert_eq!(file_time(t), "20261127T091502.123000Z");
        let later = time::macros::datetime!(2026-11-27 10:15:02.124 +01:00);
        assert!(file_time(t) < file_time(later));
    }
}
