//! ITI-41 Provide and Register Document Set-b (TD2.1, TD2.1b): the DocumentEntry metadata of
//! a document, the submission set and its XAdES signature, the MTOM request.

/// The XDS DocumentEntry metadata of one document, derived from its CDA header and the
/// command's options (reference §5.3-5.4).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMetadata {}
