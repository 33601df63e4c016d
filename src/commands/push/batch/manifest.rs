//! What a batch holds: the rows of a MANIFEST.csv, or the CDA files of a directory.
//!
//! A manifest's header names its columns (any order, unknown columns refused so a typo is not
//! silently ignored): `file` (required, relative to the manifest's folder), `ins`, `title`,
//! `type`, `masked`, `invisible_to_patient`, `invisible_to_legal_reps`, `service_start`,
//! `replaces`. A bad row is a problem of that row only; a missing or unreadable manifest, or
//! a bad header, stops the batch before anything is sent.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::super::{DocumentInput, Problem};
use crate::error::{Error, Result};

/// One document of a batch, as read from its source: an input to prepare, or the problems
/// that make its row unusable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Input(DocumentInput),
    Invalid {
        file: PathBuf,
        problems: Vec<Problem>,
    },
}

/// A batch's source read: its entries in order, and the key that names its state.
#[derive(Debug, Clone)]
pub struct Source {
    /// The canonical path of the manifest or directory.
    pub path: PathBuf,
    pub entries: Vec<Entry>,
    /// Hex SHA-256 of the canonical path and the content (see [`read`]).
    pub key: String,
}

const COLUMNS: [&str; 9] = [
    "file",
    "ins",
    "title",
    "type",
    "masked",
    "invisible_to_patient",
    "invisible_to_legal_reps",
    "service_start",
    "replaces",
];

/// Reads a manifest (a file) or a directory of CDA documents (`*.xml`, in name order, each
/// carrying its patient in its header).
///
/// The key is SHA-256 over the canonical path and the content that defines the batch: the
/// manifest's bytes, or, for a directory, each file's name and SHA-256. The same manifest
/// re-run resumes its state; an edited manifest is a new batch (its documents get new
/// uniqueIds), so an edit never mixes with a half-done run's fixed identifiers.
pub fn read(path: &Path) -> Result<Source> {
    let canonical = std::fs::canonicalize(path).map_err(|e| {
        Error::input(crate::tr!(
            "batch-cannot-open",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("batch-cannot-open-hint"))
    })?;
    let mut h = Sha256::new();
    h.update(b"dmp-batch-v1\n");
    h.update(canonical.as_os_str().as_encoded_bytes());
    h.update(b"\n");
    let entries = if canonical.is_dir() {
        read_dir(&canonical, &mut h)?
    } else {
        let bytes = std::fs::read(&canonical).map_err(|e| {
            Error::input(crate::tr!(
                "batch-cannot-read-manifest",
                path = &canonical,
                error = e.to_string()
            ))
        })?;
        h.update(&bytes);
        let base = canonical.parent().unwrap_or(Path::new("/"));
        parse_manifest(&bytes, base, &canonical)?
    };
    Ok(Source {
        path: canonical,
        entries,
        key: hex::encode(h.finalize()),
    })
}

fn read_dir(dir: &Path, h: &mut Sha256) -> Result<Vec<Entry>> {
    let io = |e: std::io::Error| {
        Error::input(crate::tr!(
            "batch-cannot-read-directory",
            path = dir,
            error = e.to_string()
        ))
    };
    let mut files = Vec::new();
    for item in std::fs::read_dir(dir).map_err(io)? {
        let p = item.map_err(io)?.path();
        let is_xml = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"));
        if is_xml && p.is_file() {
            files.push(p);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::input(crate::tr!("batch-no-cda-file", path = dir))
            .with_hint(crate::tr!("batch-no-cda-file-hint")));
    }
    let mut entries = Vec::new();
    for p in files {
        h.update(p.file_name().unwrap_or_default().as_encoded_bytes());
        h.update(b"\0");
        match file_sha256(&p) {
            Ok(d) => h.update(d),
            Err(e) => {
                entries.push(Entry::Invalid {
                    file: p.clone(),
                    problems: vec![problem(
                        &p,
                        "file",
                        crate::tr!("batch-cannot-read-file", error = e.to_string()),
                    )],
                });
                continue;
            }
        }
        entries.push(Entry::Input(DocumentInput {
            path: p,
            ..DocumentInput::default()
        }));
    }
    Ok(entries)
}

fn file_sha256(p: &Path) -> std::io::Result<[u8; 32]> {
    let mut f = std::fs::File::open(p)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(h.finalize().into())
}

fn problem(file: &Path, field: &str, message: impl Into<String>) -> Problem {
    Problem {
        file: file.to_path_buf(),
        field: field.to_string(),
        message: message.into(),
    }
}

/// Parses a manifest's bytes; `base` resolves relative paths.
pub fn parse_manifest(bytes: &[u8], base: &Path, manifest: &Path) -> Result<Vec<Entry>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(bytes);
    let bad = |m: String| {
        Error::input(crate::tr!("batch-manifest", path = manifest, problem = m)).with_hint(
            crate::tr!("batch-manifest-hint", columns = COLUMNS.join(", ")),
        )
    };
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad(crate::tr!("batch-manifest-header", error = e.to_string())))?
        .iter()
        .map(|c| c.trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    for c in &header {
        if !COLUMNS.contains(&c.as_str()) {
            return Err(bad(crate::tr!("batch-manifest-unknown-column", column = c)));
        }
    }
    if !header.iter().any(|c| c == "file") {
        return Err(bad(crate::tr!("batch-manifest-no-file-column")));
    }
    let mut entries = Vec::new();
    for (i, record) in reader.records().enumerate() {
        // Line numbers as an editor shows them: the header is line 1.
        let line = i + 2;
        let row_file = manifest.to_path_buf();
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                entries.push(Entry::Invalid {
                    file: row_file.clone(),
                    problems: vec![problem(&row_file, &format!("line {line}"), e.to_string())],
                });
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let get = |name: &str| {
            header
                .iter()
                .position(|c| c == name)
                .and_then(|i| record.get(i))
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let file = get("file").map(|f| base.join(f));
        let mut problems = Vec::new();
        let at = file.clone().unwrap_or_else(|| row_file.clone());
        if file.is_none() {
            problems.push(problem(
                &row_file,
                &format!("line {line}: file"),
                crate::tr!("batch-row-no-file"),
            ));
        }
        let mut flag = |name: &str| match get(name).as_deref().map(str::to_ascii_lowercase) {
            None => false,
            Some(v) if matches!(v.as_str(), "1" | "yes" | "true" | "oui" | "y") => true,
            Some(v) if matches!(v.as_str(), "0" | "no" | "false" | "non" | "n") => false,
            Some(v) => {
                problems.push(problem(
                    &at,
                    name,
                    crate::tr!("batch-row-not-yes-no", line = line, value = &v),
                ));
                false
            }
        };
        let masked = flag("masked");
        let invisible_to_patient = flag("invisible_to_patient");
        let invisible_to_legal_reps = flag("invisible_to_legal_reps");
        if !problems.is_empty() {
            entries.push(Entry::Invalid { file: at, problems });
            continue;
        }
        entries.push(Entry::Input(DocumentInput {
            path: at,
            ins: get("ins"),
            title: get("title"),
            type_code: get("type"),
            masked,
            invisible_to_patient,
            invisible_to_legal_reps,
            service_start: get("service_start"),
            replaces: get("replaces"),
            unique_id: None,
            created: None,
        }));
    }
    if entries.is_empty() {
        return Err(bad(crate::tr!("batch-manifest-empty")));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Entry>> {
        parse_manifest(
            text.as_bytes(),
            Path::new("/lab"),
            Path::new("/lab/manifest.csv"),
        )
    }

    #[test]
    fn rows_become_inputs_with_paths_resolved_against_the_manifest() {
        let e = parse(
            "file,ins,title,type,masked,invisible_to_patient\n\
             a.xml,280057505600117,,,,\n\
             sub/b.pdf,280057505600117,NFS,11502-2,yes,0\n",
        )
        .unwrap();
        assert_eq!(e.len(), 2);
        let Entry::Input(b) = &e[1] else {
            panic!("{e:?}")
        };
        assert_eq!(b.path, Path::new("/lab/sub/b.pdf"));
        assert_eq!(b.title.as_deref(), Some("NFS"));
        assert_eq!(b.type_code.as_deref(), Some("11502-2"));
        assert!(b.masked && !b.invisible_to_patient);
        let Entry::Input(a) = &e[0] else {
            panic!("{e:?}")
        };
        assert_eq!(a.title, None);
        assert_eq!(a.ins.as_deref(), Some("280057505600117"));
    }

    #[test]
    fn a_bad_row_is_a_problem_of_that_row_only() {
        let e = parse("file,masked\na.xml,maybe\n,1\nc.xml,no\n").unwrap();
        assert_eq!(e.len(), 3);
        match &e[0] {
            Entry::Invalid { file, problems } => {
                assert_eq!(file, Path::new("/lab/a.xml"));
                assert_eq!(problems[0].field, "masked");
                assert!(problems[0].message.contains("line 2"), "{problems:?}");
            }
            other => panic!("{other:?}"),
        }
        match &e[1] {
            Entry::Invalid { problems, .. } => {
                assert_eq!(problems[0].field, "line 3: file")
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&e[2], Entry::Input(i) if i.path == Path::new("/lab/c.xml")));
    }

    #[test]
    fn a_bad_header_stops_everything() {
        let e = parse("fichier,ins\na.xml,1\n").unwrap_err();
        assert!(e.message().contains("unknown column 'fichier'"), "{e}");
        assert!(parse("ins\n1\n")
            .unwrap_err()
            .message()
            .contains("no 'file'"));
        assert!(parse("file,ins\n")
            .unwrap_err()
            .message()
            .contains("no document"));
    }

    #[test]
    fn the_key_follows_the_content_and_the_place() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("manifest.csv");
        std::fs::write(&m, "file\na.xml\n").unwrap();
        let k1 = read(&m).unwrap().key;
        assert_eq!(read(&m).unwrap().key, k1);
        std::fs::write(&m, "file\na.xml\nb.xml\n").unwrap();
        assert_ne!(read(&m).unwrap().key, k1);
        let m2 = dir.path().join("other.csv");
        std::fs::write(&m2, "file\na.xml\n").unwrap();
        assert_ne!(read(&m2).unwrap().key, k1);
    }

    #[test]
    fn a_directory_is_its_cda_files_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.xml"), "<b/>").unwrap();
        std::fs::write(dir.path().join("a.XML"), "<a/>").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let s = read(dir.path()).unwrap();
        let names: Vec<_> = s
            .entries
            .iter()
            .map(|e| match e {
                Entry::Input(i) => {
                    assert_eq!(i.ins, None);
                    i.path.file_name().unwrap().to_string_lossy().into_owned()
                }
                Entry::Invalid { .. } => panic!("{e:?}"),
            })
            .collect();
        assert_eq!(names, ["a.XML", "b.xml"]);
        let k = s.key;
        std::fs::write(dir.path().join("b.xml"), "<b>changed</b>").unwrap();
        assert_ne!(read(dir.path()).unwrap().key, k);
        let empty = tempfile::tempdir().unwrap();
        assert!(read(empty.path())
            .unwrap_err()
            .message()
            .contains("no CDA file"));
    }

    #[test]
    fn the_example_lab_batch_reads_and_names_files_that_exist() {
        let m = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/lab-batch/manifest.csv");
        let s = read(&m).unwrap();
        assert_eq!(s.entries.len(), 5);
        for e in &s.entries {
            let Entry::Input(i) = e else { panic!("{e:?}") };
            assert!(i.path.is_file(), "{}", i.path.display());
            // A PDF needs its patient from the manifest; a CDA carries its own.
            let pdf = i.path.extension().is_some_and(|x| x == "pdf");
            assert_eq!(i.ins.is_some(), pdf, "{}", i.path.display());
        }
    }
}
