//! `PushService`: the [`Pusher`] of a run, over its [`DmpAccess`]. Preparing a document
//! (validation, metadata, a CDA wrapper for a PDF or a text) needs neither the PIN nor the
//! network ([`prepare_document`], also what `--dry-run` does); a submission goes through the
//! patient gate (TD0.2 and the consent rules, once per patient and run), then TD2.1 (TD2.1b
//! for a replacement, whose old entry is looked up by uniqueId with ITI-18 first).

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;

use sha1::{Digest, Sha1};
use time::OffsetDateTime;

use super::{DocumentInput, PreparedDocument, Problem, Pusher, SubmitReceipt};
use crate::commands::access::{DmpAccess, Submitter, Tx};
use crate::commands::patient;
use crate::dmp::cda::{self, CdaCode, CdaId, WrapperAuthor, WrapperHeader};
use crate::dmp::xds::metadata::{self, QueryResult};
use crate::dmp::xds::query::{self, StoredQuery, MAX_UUIDS_PER_QUERY};
use crate::dmp::xds::submit::derive::{self, Choices, Defaults, FieldProblem};
use crate::dmp::xds::submit::{self, xades, Author, Submission, SubmittedDocument};
use crate::error::{Error, Result};
use crate::model::codes::{self, Coded};
use crate::model::ins::{Ins, InsAuthority};
use crate::model::valuesets;

/// Sub-arcs of the software's OID for what it numbers: submission sets, documents it wraps,
/// signatures (the official example's `.1`, `.3`, `.4`).
pub const ARC_SUBMISSION_SET: &str = "1";
pub const ARC_DOCUMENT: &str = "3";
pub const ARC_SIGNATURE: &str = "4";

/// The submission set's contentTypeCode (JDV_J59): "07", an outpatient activity.
pub const CONTENT_TYPE: &str = "07";

/// The XDS author of the submitter.
pub fn author_of(s: &Submitter) -> Author {
    let specialty_code = match &s.specialty {
        Some(sp) => format!("G15_{}/{sp}", s.profession),
        None => format!("G15_{}", s.profession),
    };
    let display = valuesets::author_specialties()
        .get(&specialty_code)
        .map(|c| c.display);
    Author {
        person_id: s.practitioner_id.clone(),
        family: s.family.clone(),
        given: s.given.clone(),
        specialty: Some(Coded::new(
            &specialty_code,
            codes::oid::AUTHOR_SPECIALTY,
            display,
        )),
        institution_name: s.structure_name.clone(),
        institution_id: s.structure_id.clone(),
    }
}

fn defaults_of(s: &Submitter) -> Defaults {
    // A health establishment's sectors (SA01-SA04) practise in an establishment; the others
    // (practices, centres) are ambulatory.
    let setting = if matches!(
        s.activity_sector.as_str(),
        "SA01" | "SA02" | "SA03" | "SA04"
    ) {
        "ETABLISSEMENT"
    } else {
        "AMBULATOIRE"
    };
    Defaults {
        facility_type: s.activity_sector.clone(),
        practice_setting: setting.into(),
    }
}

/// SHA-1 (hex) and size of a file, read in a stream.
pub fn sha1_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut f = File::open(path)?;
    let mut h = Sha1::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex::encode(h.finalize()), size))
}

/// What a file is: a CDA, a PDF or a plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Cda,
    Pdf,
    Text,
}

fn kind_of(path: &Path) -> std::io::Result<Option<FileKind>> {
    let mut head = vec![0u8; 4096];
    let n = File::open(path)?.read(&mut head)?;
    head.truncate(n);
    if head.starts_with(b"%PDF-") {
        return Ok(Some(FileKind::Pdf));
    }
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return Ok(Some(FileKind::Cda));
    }
    // A file named .xml is meant as a CDA: wrapping it as text would hide the mistake (and a
    // directory batch takes each CDA's patient from the document).
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
    {
        return Ok(None);
    }
    // Plain text: UTF-8 (the head may end inside a character) without control characters
    // other than line breaks and tabs.
    let valid = match std::str::from_utf8(text) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    let controls = text
        .iter()
        .any(|b| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | b'\x0c'));
    Ok((valid && !controls && !text.is_empty()).then_some(FileKind::Text))
}

/// A time as an HL7 `TS` in UTC with its offset (`YYYYMMDDhhmmss+0000`).
fn hl7_now(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}+0000",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Validates and prepares one document: every problem found is returned, each with its file
/// and field. `work_dir` receives the CDA wrapping a PDF or a text.
pub fn prepare_document(
    submitter: &Submitter,
    default_authority: InsAuthority,
    input: &DocumentInput,
    work_dir: &Path,
) -> std::result::Result<PreparedDocument, Vec<Problem>> {
    let file = input.path.clone();
    let problem = |field: &str, message: String| Problem {
        file: file.clone(),
        field: field.into(),
        message,
    };
    let mut problems = Vec::new();
    let ins = match input.ins.as_deref() {
        None => None,
        Some(s) => match Ins::parse_with_default(s, default_authority) {
            Ok(i) => Some(i),
            Err(e) => {
                problems.push(problem("--ins", e.message().to_string()));
                None
            }
        },
    };
    if let Some(i) = &ins {
        if !submitter.test_profile && codes::oid::is_test(i.oid()) {
            problems.push(problem(
                "--ins",
                crate::tr!("push-test-ins", ins = i.number()),
            ));
        }
    }
    if let Some(r) = &input.replaces {
        if !codes::oid::is_well_formed(r) {
            problems.push(problem(
                "--replaces",
                crate::tr!("push-replaces-not-oid", id = r),
            ));
        }
    }
    let kind = match kind_of(&input.path) {
        Ok(Some(k)) => k,
        Ok(None) => {
            problems.push(problem("file", crate::tr!("push-unknown-kind")));
            return Err(problems);
        }
        Err(e) => {
            problems.push(problem(
                "file",
                crate::tr!("push-unreadable", error = e.to_string()),
            ));
            return Err(problems);
        }
    };
    let mut input = input.clone();
    let (content, wrapped) = match kind {
        FileKind::Cda => (input.path.clone(), false),
        FileKind::Pdf | FileKind::Text => {
            match wrap(submitter, &mut input, ins.as_ref(), kind, work_dir) {
                Ok(path) => (path, true),
                Err(mut p) => {
                    problems.append(&mut p);
                    return Err(problems);
                }
            }
        }
    };
    let header = match cda::read_header(&content) {
        Ok(h) => h,
        Err(e) => {
            problems.push(problem("file", e.message().to_string()));
            return Err(problems);
        }
    };
    if let (Some(given), Some(id)) = (&input.unique_id, &header.id) {
        if !wrapped && given != &id.root {
            problems.push(problem(
                "id/@root",
                crate::tr!("push-id-mismatch", id = &id.root, given = given),
            ));
        }
    }
    if let Some(id) = &header.id {
        if !submitter.test_profile && codes::oid::is_test(&id.root) {
            problems.push(problem(
                "id/@root",
                crate::tr!("push-test-unique-id", id = &id.root),
            ));
        }
    }
    let (sha1, size) = match sha1_file(&content) {
        Ok(v) => v,
        Err(e) => {
            problems.push(problem(
                "file",
                crate::tr!("push-unreadable", error = e.to_string()),
            ));
            return Err(problems);
        }
    };
    let choices = Choices {
        ins,
        title: input.title.clone(),
        type_code: input.type_code.clone(),
        masked: input.masked,
        invisible_to_patient: input.invisible_to_patient,
        invisible_to_legal_reps: input.invisible_to_legal_reps,
        service_start: if wrapped {
            None
        } else {
            input.service_start.clone()
        },
        wrapped,
    };
    let derived = derive::derive(
        &header,
        &choices,
        &author_of(submitter),
        &defaults_of(submitter),
        sha1.clone(),
        size,
        OffsetDateTime::now_utc(),
    );
    match derived {
        Ok((metadata, ins)) if problems.is_empty() => {
            input.unique_id = Some(metadata.unique_id.clone());
            Ok(PreparedDocument {
                unique_id: metadata.unique_id.clone(),
                input,
                ins,
                content,
                size,
                sha1,
                metadata,
            })
        }
        Ok(_) => Err(problems),
        Err(fp) => {
            problems.extend(
                fp.into_iter()
                    .map(|FieldProblem { field, message }| Problem {
                        file: file.clone(),
                        field,
                        message,
                    }),
            );
            Err(problems)
        }
    }
}

/// Wraps a PDF or a text in a CDA level 1 written to `work_dir`; fills the input's uniqueId
/// and creation time when they are not fixed yet.
fn wrap(
    submitter: &Submitter,
    input: &mut DocumentInput,
    ins: Option<&Ins>,
    kind: FileKind,
    work_dir: &Path,
) -> std::result::Result<std::path::PathBuf, Vec<Problem>> {
    let problem = |field: &str, message: String| Problem {
        file: input.path.clone(),
        field: field.into(),
        message,
    };
    let mut problems = Vec::new();
    // An --ins given but wrong was reported already: no second problem for it.
    if ins.is_none() && input.ins.is_none() {
        problems.push(problem("--ins", crate::tr!("push-no-patient")));
    }
    let type_code = match input.type_code.as_deref() {
        None => {
            problems.push(problem("--type", crate::tr!("push-no-type")));
            None
        }
        Some(t) => match valuesets::type_codes().get(t) {
            Some(c) => Some(CdaCode {
                code: c.code.into(),
                code_system: c.code_system.into(),
                display: Some(c.display.into()),
            }),
            None => {
                problems.push(problem(
                    "--type",
                    crate::tr!(
                        "push-unknown-type",
                        code = t,
                        valueset = valuesets::type_codes().name
                    ),
                ));
                None
            }
        },
    };
    let title = input.title.clone().or_else(|| {
        input
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
    });
    let unique_id = match &input.unique_id {
        Some(u) => u.clone(),
        None => match submit::new_unique_id(&format!("{}.{ARC_DOCUMENT}", submitter.lps_oid)) {
            Ok(u) => u,
            Err(e) => {
                problems.push(problem("lps_oid", e.message().to_string()));
                String::new()
            }
        },
    };
    let created = input
        .created
        .clone()
        .unwrap_or_else(|| hl7_now(OffsetDateTime::now_utc()));
    // The act's date: the one given, else the day the document is made.
    let service_start = input
        .service_start
        .clone()
        .unwrap_or_else(|| created.get(..8).unwrap_or(&created).to_string());
    let (Some(ins), Some(type_code), Some(title)) = (ins, type_code, title) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let facility = valuesets::facility_types().get(&submitter.activity_sector);
    let d = defaults_of(submitter);
    let setting = valuesets::practice_settings().get(&d.practice_setting);
    let coded = |c: Option<&valuesets::Concept>, code: &str| CdaCode {
        code: code.into(),
        code_system: c.map(|c| c.code_system.to_string()).unwrap_or_default(),
        display: c.map(|c| c.display.to_string()),
    };
    let header = WrapperHeader {
        unique_id: unique_id.clone(),
        type_code,
        title,
        created: created.clone(),
        patient: CdaId {
            root: ins.oid().into(),
            extension: Some(ins.number().into()),
        },
        service_start,
        media_type: match kind {
            FileKind::Pdf => "application/pdf",
            _ => "text/plain",
        }
        .into(),
        author: WrapperAuthor {
            person: (!submitter.indirect).then(|| {
                (
                    submitter.practitioner_id.clone(),
                    submitter.family.clone(),
                    submitter.given.clone(),
                )
            }),
            profession: None,
            software: submitter.lps_name.clone(),
            structure_id: submitter.structure_id.clone(),
            structure_name: submitter.structure_name.clone(),
        },
        facility: coded(facility, &submitter.activity_sector),
        practice_setting: coded(setting, &d.practice_setting),
    };
    let out = work_dir.join(format!("{unique_id}.cda.xml"));
    cda::write_wrapper(&header, &input.path, &out)
        .map_err(|e| vec![problem("file", e.message().to_string())])?;
    input.unique_id = Some(unique_id);
    input.created = Some(created);
    Ok(out)
}

/// The push use case over one run's access.
pub struct PushService<'a> {
    access: &'a DmpAccess,
    default_authority: InsAuthority,
    /// The patients already through the gate (TD0.2 and the rules) in this run.
    admitted: Mutex<HashSet<String>>,
}

impl<'a> PushService<'a> {
    pub fn new(access: &'a DmpAccess, default_authority: InsAuthority) -> PushService<'a> {
        PushService {
            access,
            default_authority,
            admitted: Mutex::new(HashSet::new()),
        }
    }

    /// TD0.2 and the consent rules, once per patient and run.
    fn admit(&self, ins: &Ins) -> Result<()> {
        let key = ins.to_cx();
        if self
            .admitted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&key)
        {
            return Ok(());
        }
        patient::check_access(self.access, ins)?;
        self.admitted
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key);
        Ok(())
    }

    /// ITI-18 GetDocuments by uniqueId, 20 at a time.
    fn by_unique_id(&self, ins: &Ins, unique_ids: &[String]) -> Result<Vec<QueryResult>> {
        let mut out = Vec::new();
        for chunk in unique_ids.chunks(MAX_UUIDS_PER_QUERY) {
            let q = StoredQuery::GetDocumentsByUniqueId {
                unique_ids: chunk.to_vec(),
            };
            out.push(self.access.transact(
                Tx::Td31,
                Some(ins),
                self.access.mode().mode,
                Some("documents by uniqueId".into()),
                None,
                |vihf| query::build_query_request(vihf, &q),
                |reply| metadata::parse_query_response(&reply.body),
                |r: &QueryResult| {
                    (
                        Some(format!("{} documents", r.documents.len())),
                        r.documents.iter().map(|d| d.unique_id.clone()).collect(),
                    )
                },
            )?);
        }
        Ok(out)
    }

    /// The entryUUID of the current (Approved) entry whose uniqueId is `unique_id`.
    fn current_entry(&self, ins: &Ins, unique_id: &str) -> Result<String> {
        let found = self.by_unique_id(ins, &[unique_id.to_string()])?;
        let docs: Vec<_> = found.iter().flat_map(|r| &r.documents).collect();
        docs.iter()
            .find(|d| d.unique_id == unique_id && d.status.ends_with("Approved"))
            .map(|d| d.entry_uuid.clone())
            .ok_or_else(|| {
                let message = if docs.is_empty() {
                    crate::tr!("push-replaced-missing", id = unique_id)
                } else {
                    crate::tr!("push-replaced-not-current", id = unique_id)
                };
                Error::input(message).with_hint(crate::tr!("push-replaced-hint"))
            })
    }
}

impl Pusher for PushService<'_> {
    fn prepare(
        &self,
        input: &DocumentInput,
        work_dir: &Path,
    ) -> std::result::Result<PreparedDocument, Vec<Problem>> {
        prepare_document(
            self.access.submitter(),
            self.default_authority,
            input,
            work_dir,
        )
    }

    fn submit(&self, documents: &[PreparedDocument]) -> Result<SubmitReceipt> {
        let first = documents
            .first()
            .ok_or_else(|| Error::internal(crate::tr!("push-no-documents")))?;
        let ins = first.ins.clone();
        if let Some(other) = documents.iter().find(|d| d.ins != ins) {
            return Err(Error::usage(crate::tr!(
                "push-several-patients",
                other = &other.input.path,
                other_ins = other.ins.number(),
                first = &first.input.path,
                first_ins = ins.number()
            ))
            .with_hint(crate::tr!("push-several-patients-hint")));
        }
        self.admit(&ins)?;
        let mut submitted = Vec::new();
        for d in documents {
            let replaces_entry_uuid = match &d.input.replaces {
                Some(old) => Some(self.current_entry(&ins, old)?),
                None => None,
            };
            submitted.push(SubmittedDocument {
                metadata: d.metadata.clone(),
                content: d.content.clone(),
                replaces_entry_uuid,
            });
        }
        let submitter = self.access.submitter();
        let root = &submitter.lps_oid;
        let now = OffsetDateTime::now_utc();
        let content_type = valuesets::content_types()
            .get(CONTENT_TYPE)
            .map(|c| Coded::new(c.code, c.code_system, Some(c.display)))
            .ok_or_else(|| Error::internal(crate::tr!("push-no-content-type")))?;

        let submission = Submission {
            unique_id: submit::new_unique_id(&format!("{root}.{ARC_SUBMISSION_SET}"))?,
            source_id: root.clone(),
            submission_time: submit::xds_time(&hl7_now(now)).unwrap_or_default(),
            author: author_of(submitter),
            content_type,
            patient_id: ins.to_cx(),
            documents: submitted,
        };
        let replaces = submission
            .documents
            .iter()
            .any(|d| d.replaces_entry_uuid.is_some());
        let tx = if replaces { Tx::Td21b } else { Tx::Td21 };
        let signature_id = submit::new_unique_id(&format!("{root}.{ARC_SIGNATURE}"))?;
        let ids: Vec<String> = documents.iter().map(|d| d.unique_id.clone()).collect();
        let response = self.access.transact_stream(
            tx,
            Some(&ins),
            self.access.mode().mode,
            Some(format!("{} document(s)", documents.len())),
            |vihf| {
                // One signature per submission, made when the request is built.
                let signature =
                    xades::sign_submission(&submission, self.access.document_signer(), now)?;
                submit::build_request(vihf, &submission, &signature, &signature_id)
            },
            |reply| {
                submit::parse_response(reply.content_type.as_deref().unwrap_or(""), &reply.body)
            },
            |r| (Some(short_status(&r.status)), ids.clone()),
        )?;
        Ok(SubmitReceipt {
            submission_set: submission.unique_id,
            documents: ids,
            warnings: response
                .errors
                .iter()
                .map(|e| format!("{}: {}", e.code, e.context))
                .collect(),
        })
    }

    fn registered(&self, ins: &Ins, unique_ids: &[String]) -> Result<Vec<String>> {
        self.admit(ins)?;
        let found = self.by_unique_id(ins, unique_ids)?;
        let wanted: HashSet<&String> = unique_ids.iter().collect();
        let mut out: Vec<String> = found
            .iter()
            .flat_map(|r| &r.documents)
            .map(|d| d.unique_id.clone())
            .filter(|u| wanted.contains(u))
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }
}

fn short_status(s: &str) -> String {
    s.rsplit(':').next().unwrap_or(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dmp::cda::Body;
    use crate::dmp::xds::submit::dsg;

    fn submitter(profession: &str, specialty: Option<&str>, sector: &str) -> Submitter {
        Submitter {
            practitioner_id: "899700000017".into(),
            family: "TESTDOC".into(),
            given: "CAMILLE".into(),
            profession: profession.into(),
            specialty: specialty.map(str::to_string),
            structure_id: "499700000017001".into(),
            structure_name: "CABINET".into(),
            activity_sector: sector.into(),
            indirect: false,
            lps_oid: "1.2.250.1.999.1".into(),
            lps_name: "dmp".into(),
            test_profile: true,
        }
    }

    /// Every code the client writes on its own (not read from a CDA) is in the committed value
    /// sets: a code added to the client but not to the data fails here.
    #[test]
    fn every_code_the_client_emits_is_in_the_value_sets() {
        assert!(valuesets::content_types().contains(CONTENT_TYPE));
        for (profession, _) in codes::PROFESSIONS {
            let a = author_of(&submitter(profession, None, "SA07"));
            let sp = a.specialty.unwrap();
            assert!(
                valuesets::author_specialties().contains(&sp.code),
                "{}",
                sp.code
            );
            assert_eq!(sp.code_system, codes::oid::AUTHOR_SPECIALTY);
        }
        let gp = author_of(&submitter("10", Some("SM26"), "SA07"));
        assert_eq!(
            gp.specialty.unwrap().display.as_deref(),
            Some("Médecin - Qualifié en Médecine Générale (SM)")
        );
        for sector in ["SA01", "SA07"] {
            let d = defaults_of(&submitter("10", None, sector));
            assert!(valuesets::facility_types().contains(&d.facility_type));
            assert!(valuesets::practice_settings().contains(&d.practice_setting));
        }
        let mut h = cda::CdaHeader::default();
        for (body, templates) in [
            (
                Body::NonXml {
                    media_type: Some("application/pdf".into()),
                },
                vec![],
            ),
            (
                Body::NonXml {
                    media_type: Some("text/plain".into()),
                },
                vec![],
            ),
            (
                Body::Structured,
                vec!["1.3.6.1.4.1.19376.1.3.3".to_string()],
            ),
            (Body::Structured, vec![]),
        ] {
            h.body = body;
            h.template_ids = templates;
            let f = derive::format_of(&h).unwrap();
            assert!(valuesets::format_codes().contains(f), "{f}");
        }
        // The signature's own codes (reference §5.1).
        assert!(valuesets::class_codes().contains(dsg::CLASS));
        assert!(valuesets::type_codes().contains(dsg::TYPE));
        assert!(valuesets::format_codes().contains(dsg::FORMAT));
        for c in [
            "N",
            "MASQUE_PS",
            "INVISIBLE_PATIENT",
            "INVISIBLE_REPRESENTANTS_LEGAUX",
        ] {
            assert!(valuesets::confidentiality_codes().contains(c), "{c}");
        }
    }

    #[test]
    fn files_are_told_apart_by_their_content() {
        let dir = tempfile::tempdir().unwrap();
        let f = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            kind_of(&p).unwrap()
        };
        assert_eq!(f("a", b"%PDF-1.7\n..."), Some(FileKind::Pdf));
        assert_eq!(
            f("b", b"\xef\xbb\xbf  <ClinicalDocument/>"),
            Some(FileKind::Cda)
        );
        assert_eq!(f("c", "Compte rendu é\n".as_bytes()), Some(FileKind::Text));
        assert_eq!(f("d", &[0, 1, 2, 0xff]), None);
        assert_eq!(f("e", b""), None);
    }

    #[test]
    fn a_rerun_with_the_recorded_unique_id_and_time_writes_the_same_wrapper() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("r.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\nabc").unwrap();
        let input = DocumentInput {
            path: pdf,
            ins: Some("280057505600117".into()),
            type_code: Some("11502-2".into()),
            ..DocumentInput::default()
        };
        let s = submitter("10", Some("SM26"), "SA07");
        let first =
            prepare_document(&s, InsAuthority::TestNir, &input, &dir.path().join("")).unwrap();
        assert!(first.unique_id.starts_with("1.2.250.1.999.1.3."));
        let again_dir = dir.path().join("again");
        std::fs::create_dir(&again_dir).unwrap();
        let again = prepare_document(&s, InsAuthority::TestNir, &first.input, &again_dir).unwrap();
        assert_eq!(again.unique_id, first.unique_id);
        assert_eq!(again.sha1, first.sha1);
        assert_eq!(
            std::fs::read(&again.content).unwrap(),
            std::fs::read(&first.content).unwrap()
        );
        assert_eq!(again.metadata, first.metadata);
    }
}
