//! Document use cases: list a patient's documents (TD3.1 FindDocuments, or the "new since my
//! last visit" sequence), and open one (TD3.1 by uniqueId for its metadata, then TD3.2, hash
//! and size checked against the metadata). Both pass the patient gate first.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::OffsetDateTime;

use super::access::{DmpAccess, Tx};
use super::patient::check_access;
use crate::dmp::hl7v3::hl7_ts;
use crate::dmp::xds::metadata::{self, QueryResult};
use crate::dmp::xds::query::{self, FindDocuments, StoredQuery};
use crate::dmp::xds::retrieve::{self, DocumentRequest};
use crate::error::{Error, Result};
use crate::model::codes::{self, AvailabilityStatus, Coded};
use crate::model::document::DocumentEntry;
use crate::model::ins::Ins;

/// The DMP repository's uniqueId when the metadata does not name one.
pub const DEFAULT_REPOSITORY: &str = codes::oid::DMP_REPOSITORY_TEST;

/// Filters of `dmp docs list`.
#[derive(Debug, Clone, Default)]
pub struct ListFilters {
    /// Availability statuses (default: Approved).
    pub statuses: Vec<AvailabilityStatus>,
    /// Type codes (LOINC), e.g. 11488-4.
    pub type_codes: Vec<String>,
    /// Class codes, e.g. 10.
    pub class_codes: Vec<String>,
    /// Service start from / to (YYYYMMDD or YYYYMMDDhhmmss).
    pub service_from: Option<String>,
    pub service_to: Option<String>,
    /// Author's national id.
    pub author: Option<String>,
    /// Only what was added since my last consultation of this patient's DMP (from the local
    /// audit journal).
    pub new_since_last_visit: bool,
}

#[derive(Debug, Serialize)]
pub struct DocumentRow {
    pub unique_id: String,
    pub entry_uuid: String,
    pub title: Option<String>,
    pub type_code: Option<String>,
    pub type_display: Option<String>,
    pub class_code: Option<String>,
    pub creation_time: Option<String>,
    pub service_start: Option<String>,
    pub author: Option<String>,
    pub author_id: Option<String>,
    pub status: Option<String>,
    pub mime_type: Option<String>,
    pub size: Option<u64>,
    /// Masked to professionals (MASQUE_PS).
    pub masked: bool,
    /// Invisible to the patient.
    pub invisible_to_patient: bool,
    /// Invisible to the patient's legal representatives.
    pub invisible_to_legal_representatives: bool,
    /// entryUUID of the version this one replaces.
    pub replaces: Option<String>,
}

impl From<&DocumentEntry> for DocumentRow {
    fn from(d: &DocumentEntry) -> Self {
        DocumentRow {
            unique_id: d.unique_id.clone(),
            entry_uuid: d.entry_uuid.clone(),
            title: d.title.clone(),
            type_code: d.type_code.as_ref().map(|c| c.code.clone()),
            type_display: d.type_code.as_ref().and_then(|c| c.display.clone()),
            class_code: d.class_code.as_ref().map(|c| c.code.clone()),
            creation_time: d.creation_time.clone(),
            service_start: d.service_start_time.clone(),
            author: d.author().map(|a| a.display_name()),
            author_id: d.author().and_then(|a| a.id.clone()),
            status: d.availability().map(|s| s.short().to_string()),
            mime_type: d.mime_type.clone(),
            size: d.size,
            masked: d.masked_to_professionals(),
            invisible_to_patient: d.invisible_to_patient(),
            invisible_to_legal_representatives: d.invisible_to_legal_representatives(),
            replaces: d.replaces.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DocumentList {
    pub ins: String,
    pub access_mode: String,
    pub reason: Option<String>,
    /// For `--new-since-last-visit`: the time of the last consultation found in the journal
    /// (none: everything is new).
    pub since: Option<String>,
    pub documents: Vec<DocumentRow>,
}

fn run_query(access: &DmpAccess, ins: &Ins, q: StoredQuery, what: &str) -> Result<QueryResult> {
    access.transact(
        Tx::Td31,
        Some(ins),
        access.mode().mode,
        Some(what.to_string()),
        None,
        |vihf| query::build_query_request(vihf, &q),
        |reply| metadata::parse_query_response(&reply.body),
        |r: &QueryResult| {
            (
                Some(format!("{} documents", r.documents.len())),
                r.documents.iter().map(|d| d.unique_id.clone()).collect(),
            )
        },
    )
}

/// The time of this practitioner's last successful consultation of this patient's documents,
/// from the audit journal, in the DMP's timestamp format.
fn last_visit(access: &DmpAccess, ins: &Ins) -> Result<Option<OffsetDateTime>> {
    let records = access.journal().read_all()?;
    Ok(records
        .iter()
        .rev()
        .find(|r| {
            r.result == "ok"
                && (r.transaction == Tx::Td31.code() || r.transaction == Tx::Td32.code())
                && r.patient.as_deref() == Some(ins.number())
                && r.practitioner == access.actor()
        })
        .map(|r| r.time))
}

/// `dmp docs list`.
pub fn list(access: &DmpAccess, ins: &Ins, f: &ListFilters) -> Result<DocumentList> {
    let since = if f.new_since_last_visit {
        last_visit(access, ins)?
    } else {
        None
    };
    check_access(access, ins)?;
    let documents = if f.new_since_last_visit {
        new_since(access, ins, since)?
    } else {
        let mut q = FindDocuments::new(ins.clone());
        q.statuses = if f.statuses.is_empty() {
            vec![AvailabilityStatus::Approved]
        } else {
            f.statuses.clone()
        };
        q.type_codes = f
            .type_codes
            .iter()
            .map(|c| Coded::new(c, codes::oid::LOINC, None))
            .collect();
        q.class_codes = f
            .class_codes
            .iter()
            .map(|c| Coded::new(c, codes::oid::CLASS_CODE, None))
            .collect();
        q.service_start_from = f.service_from.clone();
        q.service_start_to = f.service_to.clone();
        q.author_persons = f.author.iter().map(|a| format!("{a}%")).collect();
        let r = run_query(access, ins, StoredQuery::FindDocuments(q), "FindDocuments")?;
        let mut docs = r.documents;
        metadata::link_replacements(&mut docs, &r.associations);
        docs
    };
    Ok(DocumentList {
        ins: ins.number().to_string(),
        access_mode: access.mode().mode.code().to_string(),
        reason: access.mode().reason.clone(),
        since: since.map(hl7_ts),
        documents: documents.iter().map(DocumentRow::from).collect(),
    })
}

/// The "new since last visit" sequence: the submission sets since then, their members, the
/// documents and their associations in batches of 20; Deprecated entries dropped, replacement
/// chains followed to the current version.
fn new_since(
    access: &DmpAccess,
    ins: &Ins,
    since: Option<OffsetDateTime>,
) -> Result<Vec<DocumentEntry>> {
    let sets = run_query(
        access,
        ins,
        StoredQuery::FindSubmissionSets {
            patient: ins.clone(),
            statuses: vec![AvailabilityStatus::Approved],
            submission_time_from: since.map(hl7_ts),
            submission_time_to: None,
        },
        "FindSubmissionSets",
    )?;
    let set_ids: Vec<String> = sets
        .submission_sets
        .iter()
        .map(|s| s.entry_uuid.clone())
        .collect();
    let mut members = Vec::new();
    for chunk in set_ids.chunks(20) {
        let r = run_query(
            access,
            ins,
            StoredQuery::GetAssociations {
                uuids: chunk.to_vec(),
            },
            "GetAssociations",
        )?;
        members.extend(metadata::members_of(&r.associations, chunk));
    }
    members.sort();
    members.dedup();
    let mut docs = Vec::new();
    let mut assocs = Vec::new();
    for chunk in members.chunks(20) {
        let r = run_query(
            access,
            ins,
            StoredQuery::GetDocumentsAndAssociations {
                uuids: chunk.to_vec(),
            },
            "GetDocumentsAndAssociations",
        )?;
        docs.extend(r.documents);
        assocs.extend(r.associations);
    }
    Ok(metadata::current_documents(&docs, &assocs))
}

#[derive(Debug, Serialize)]
pub struct GetReport {
    pub ins: String,
    pub access_mode: String,
    pub reason: Option<String>,
    pub unique_id: String,
    pub title: Option<String>,
    pub mime_type: Option<String>,
    pub size: usize,
    pub sha1: String,
    /// Where the bytes were written (none: standard output).
    pub file: Option<PathBuf>,
    /// Things the practitioner must know about this document.
    pub warnings: Vec<String>,
}

/// `dmp docs get`: the gate, the metadata (TD3.1 by uniqueId), the content (TD3.2), checked
/// against the metadata, then written to `out` (atomically, readable by the user alone) or to
/// `stdout`. An existing `out` is replaced only with `force`.
pub fn get(
    access: &DmpAccess,
    ins: &Ins,
    unique_id: &str,
    out: Option<&Path>,
    force: bool,
    stdout: &mut dyn Write,
) -> Result<GetReport> {
    if let Some(p) = out {
        // symlink_metadata: a symbolic link there counts as existing, dangling or not.
        if std::fs::symlink_metadata(p).is_ok() && !force {
            return Err(Error::input(format!("{} already exists", p.display()))
                .with_hint("choose another file, or pass --force to replace it"));
        }
    }
    check_access(access, ins)?;
    let r = run_query(
        access,
        ins,
        StoredQuery::GetDocumentsByUniqueId {
            unique_ids: vec![unique_id.to_string()],
        },
        "GetDocuments",
    )?;
    let meta = r
        .documents
        .into_iter()
        .find(|d| d.unique_id == unique_id)
        .ok_or_else(|| {
            Error::denied(format!(
                "no document {unique_id} in this DMP that you may see"
            ))
            .with_hint("list the documents with `dmp docs list --ins …`; a document masked to professionals is only visible to its author and the attending physician")
        })?;
    let req = DocumentRequest::for_entry(&meta, DEFAULT_REPOSITORY);
    let result = access.transact(
        Tx::Td32,
        Some(ins),
        access.mode().mode,
        Some(unique_id.to_string()),
        None,
        |vihf| retrieve::build_retrieve_request(vihf, std::slice::from_ref(&req)),
        |reply| {
            let r = retrieve::parse_retrieve_response(
                reply.content_type.as_deref().unwrap_or(""),
                &reply.body,
            )?;
            let doc = r
                .documents
                .into_iter()
                .find(|d| d.document_unique_id == unique_id)
                .ok_or_else(|| {
                    Error::server(format!("the DMP returned no content for {unique_id}"))
                })?;
            retrieve::verify_document(&doc, &meta)?;
            Ok(doc)
        },
        |d| {
            (
                Some(format!("{} bytes", d.content.len())),
                vec![d.document_unique_id.clone()],
            )
        },
    )?;
    let mut warnings = Vec::new();
    if meta.invisible_to_patient() {
        warnings.push("this document is NOT visible to the patient yet: it must be announced to the patient in a consultation before it is made visible".into());
    }
    if meta.invisible_to_legal_representatives() {
        warnings.push("this document is not visible to the patient's legal representatives".into());
    }
    if meta.masked_to_professionals() {
        warnings.push("this document is masked to other professionals (MASQUE_PS)".into());
    }
    match out {
        Some(p) => write_atomically(p, &result.content, force)?,
        None => stdout
            .write_all(&result.content)
            .and_then(|_| stdout.flush())
            .map_err(|e| Error::output("the document", e))?,
    }
    Ok(GetReport {
        ins: ins.number().to_string(),
        access_mode: access.mode().mode.code().to_string(),
        reason: access.mode().reason.clone(),
        unique_id: unique_id.to_string(),
        title: meta.title.clone(),
        mime_type: result.mime_type.clone().or(meta.mime_type.clone()),
        size: result.content.len(),
        sha1: retrieve::sha1_hex(&result.content),
        file: out.map(Path::to_path_buf),
        warnings,
    })
}

/// Writes to a new temporary file beside `path`, flushes it to disk, then renames it: the file
/// is either absent or complete, never half-written. The temporary file is created exclusively
/// (O_EXCL, under a random name: nothing already there, a symbolic link included, is opened or
/// followed) with mode 0600, since a medical document is for the user alone; the rename
/// replaces the name `path` itself, so a symbolic link there is replaced, not followed. Without
/// `replace`, a file that appeared at `path` meanwhile is kept and reported.
fn write_atomically(path: &Path, bytes: &[u8], replace: bool) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::input(format!("{} is not a file name", path.display())))?;
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Error::input(format!("{} already exists", path.display()))
                .with_hint("choose another file, or pass --force to replace it")
        } else {
            Error::input(format!("cannot write {}: {e}", path.display()))
                .with_hint("check that the directory exists and is writable")
        }
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    // On any error below the temporary file is removed when dropped.
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    if replace {
        tmp.persist(path).map_err(|e| io(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| io(e.error))?;
    }
    // The new name is durable once the directory is on disk too.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn written_for_the_user_alone_and_complete() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cr.pdf");
        write_atomically(&p, b"%PDF-1.4", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"%PDF-1.4");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "mode {mode:o}");
        // Nothing else is left in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cr.pdf");
        std::fs::write(&p, b"old").unwrap();
        let e = write_atomically(&p, b"new", false).unwrap_err();
        assert!(e.message().contains("already exists"), "{}", e.message());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomically(&p, b"new", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_at_the_target_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"precious").unwrap();
        let p = dir.path().join("cr.pdf");
        std::os::unix::fs::symlink(&victim, &p).unwrap();
        write_atomically(&p, b"document", true).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(!std::fs::symlink_metadata(&p)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&p).unwrap(), b"document");
    }
}
