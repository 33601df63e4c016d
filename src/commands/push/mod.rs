//! Pushing documents to the DMP (TD2.1, TD2.1b): one document as a person asks for it, or a
//! batch (`batch/`). This file holds what both share: what the user says about a document,
//! a document prepared for sending, and the three operations a batch needs (`Pusher`).
//!
//! A batch must be safe to kill and re-run, so everything that goes on the wire for a document
//! is fixed by its `DocumentInput` once `unique_id` and `created` are set: a re-run prepares
//! the same bytes, and the registry can be asked whether that uniqueId is already there.

pub mod batch;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::ins::Ins;

/// What the user (command line) or a manifest row says about one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    /// The file: a CDA R2 document (level 1 or 3), a PDF or a plain-text file.
    pub path: PathBuf,
    /// The patient's INS; `None`: taken from the CDA header (`recordTarget`).
    pub ins: Option<String>,
    /// Title; a CDA's own `title` when `None`.
    pub title: Option<String>,
    /// Document type (typeCode, LOINC or ANS code); a CDA's own `code` when `None`.
    pub type_code: Option<String>,
    /// Masked to professionals (`MASQUE_PS`).
    pub masked: bool,
    /// Not visible to the patient (`INVISIBLE_PATIENT`).
    pub invisible_to_patient: bool,
    /// Not visible to the patient's legal representatives (`INVISIBLE_REPRESENTANTS_LEGAUX`).
    pub invisible_to_legal_reps: bool,
    /// Start of the act the document reports (HL7 DTM); a CDA's `serviceEvent` when `None`.
    pub service_start: Option<String>,
    /// The uniqueId of the document this one replaces (TD2.1b, RPLC).
    pub replaces: Option<String>,
    /// Fixed at the first preparation and kept by the caller, so that a re-run sends the same
    /// document: the XDS uniqueId (an OID) …
    pub unique_id: Option<String>,
    /// … and, for a PDF or text wrapped in a CDA level 1, the wrapper's creation time (DTM).
    pub created: Option<String>,
}

/// One problem found while validating a document, before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub file: PathBuf,
    /// The field or CDA element at fault (`typeCode`, `recordTarget/patientRole/id`, `--ins`…).
    pub field: String,
    pub message: String,
}

/// A document ready to send: validated, its metadata derived, its bytes on disk and hashed.
#[derive(Debug, Clone)]
pub struct PreparedDocument {
    /// The input with `unique_id` (and `created` for a wrapped document) filled in: store it,
    /// and preparing it again gives the same document.
    pub input: DocumentInput,
    pub ins: Ins,
    pub unique_id: String,
    /// The bytes sent as the document (the CDA itself, or the CDA wrapping a PDF or text).
    pub content: PathBuf,
    pub size: u64,
    /// SHA-1 of `content`, lowercase hex (XDS `hash`).
    pub sha1: String,
    /// The metadata and submission-set builder's view of the document; opaque to a batch.
    pub metadata: crate::dmp::xds::submit::DocumentMetadata,
}

/// What the DMP answered to a submission it accepted.
#[derive(Debug, Clone, Serialize)]
pub struct SubmitReceipt {
    /// The submission set's uniqueId.
    pub submission_set: String,
    /// The uniqueIds of the documents registered.
    pub documents: Vec<String>,
    /// Warnings of a PartialSuccess, if any.
    pub warnings: Vec<String>,
}

/// The three operations a batch needs, implemented over a `DmpAccess` by `PushService`; a
/// batch's tests may substitute their own.
pub trait Pusher: Sync {
    /// Validates and prepares one document; `work_dir` receives generated files (a wrapper CDA).
    fn prepare(
        &self,
        input: &DocumentInput,
        work_dir: &Path,
    ) -> std::result::Result<PreparedDocument, Vec<Problem>>;
    /// One TD2.1 submission: one patient, one or more documents, one signed submission set.
    /// An error that carries a DMP code (`Error::dmp_code`) is a refusal; any other error
    /// leaves the outcome unknown (the request may have been registered).
    fn submit(&self, documents: &[PreparedDocument]) -> Result<SubmitReceipt>;
    /// Which of `unique_ids` the registry already holds for `ins` (ITI-18 by uniqueId).
    fn registered(&self, ins: &Ins, unique_ids: &[String]) -> Result<Vec<String>>;
}

pub mod service;
pub use service::PushService;
