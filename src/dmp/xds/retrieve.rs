//! TD3.2, ITI-43 Retrieve Document Set. The request is built like
//! `TD3.2-retrieve-document.request.xml` (plain SOAP; `RepositoryUniqueId` + the document's
//! **uniqueId**, never its entryUUID). The response comes as MTOM (see [`mtom`]); documents are
//! `xop:Include` references to MIME parts (inline base64 is accepted too). A fault, plain or
//! inside MTOM, becomes an error.
//!
//! [`verify_document`] checks the content against the registry metadata: size and SHA-1 (hex,
//! as XDS uses).

use base64::Engine;
use sha1::{Digest, Sha1};

use crate::dmp::mtom;
use crate::dmp::soap::{self, ENVELOPE_NS_DEFAULT};
use crate::dmp::vihf::Vihf;
use crate::dmp::xds::metadata::{check_status, registry_errors, RegistryError};
use crate::dmp::xml::{ns, Element, XmlWriter};
use crate::dmp::SoapRequest;
use crate::error::{Error, Result};
use crate::model::document::DocumentEntry;

/// One document to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRequest {
    pub repository_unique_id: String,
    /// The document's uniqueId (OID), not its entryUUID.
    pub document_unique_id: String,
}

impl DocumentRequest {
    /// From registry metadata: the repository is the one the entry names (XDS requires
    /// `repositoryUniqueId` on a stable entry); an entry without it cannot be retrieved, and no
    /// repository id is guessed.
    pub fn for_entry(entry: &DocumentEntry) -> Result<DocumentRequest> {
        let repository_unique_id = entry
            .repository_unique_id
            .clone()
            .filter(|r| !r.trim().is_empty())
            .ok_or_else(|| {
                Error::server(crate::tr!("xds-no-repository", document = &entry.unique_id))
                    .with_hint(crate::tr!("xds-hint-no-repository"))
            })?;
        Ok(DocumentRequest {
            repository_unique_id,
            document_unique_id: entry.unique_id.clone(),
        })
    }
}

/// The `RetrieveDocumentSetRequest` body.
pub fn retrieve_body(docs: &[DocumentRequest]) -> String {
    let mut w = XmlWriter::new();
    w.start(
        "RetrieveDocumentSetRequest",
        &[
            ("xmlns", ns::XDSB),
            ("xmlns:ns2", ns::RIM),
            ("xmlns:ns3", ns::RS),
            ("xmlns:ns4", ns::QUERY),
            ("xmlns:ns5", ns::LCM),
        ],
    );
    for d in docs {
        w.start("DocumentRequest", &[]);
        w.leaf("RepositoryUniqueId", &[], &d.repository_unique_id);
        w.leaf("DocumentUniqueId", &[], &d.document_unique_id);
        w.end("DocumentRequest");
    }
    w.end("RetrieveDocumentSetRequest");
    w.into_string()
}

/// TD3.2 request.
pub fn build_retrieve_request(vihf: &Vihf, docs: &[DocumentRequest]) -> Result<SoapRequest> {
    if docs.is_empty() {
        return Err(Error::internal(crate::tr!("xds-retrieve-no-document")));
    }
    Ok(soap::request(
        crate::dmp::catalogue::Tx::Td32.action(),
        &vihf.xml,
        &retrieve_body(docs),
        ENVELOPE_NS_DEFAULT,
    ))
}

/// A document received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RetrievedDocument {
    pub repository_unique_id: String,
    pub document_unique_id: String,
    pub mime_type: Option<String>,
    pub content: Vec<u8>,
}

/// The TD3.2 result.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RetrieveResult {
    pub status: String,
    pub documents: Vec<RetrievedDocument>,
    pub errors: Vec<RegistryError>,
}

fn document_content(doc: &Element, msg: &mtom::MtomMessage) -> Result<Vec<u8>> {
    if let Some(inc) = doc.children.iter().find(|c| c.is(ns::XOP, "Include")) {
        let href = inc.attr("href").unwrap_or("");
        return msg
            .resolve(href)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| Error::server(crate::tr!("xds-missing-mime-part", href = href)));
    }
    let compact: String = doc.text.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|e| Error::server(crate::tr!("xds-not-base64", reason = e.to_string())))
}

/// Parses the TD3.2 HTTP response body, given the response's Content-Type.
pub fn parse_retrieve_response(content_type: &str, body: &[u8]) -> Result<RetrieveResult> {
    let msg = mtom::parse(content_type, body)?;
    let root = soap::parse_response(&msg.root)?;
    soap::expect_root(&root, ns::XDSB, "RetrieveDocumentSetResponse")?;
    let rr = root
        .child_ns(ns::RS, "RegistryResponse")
        .ok_or_else(|| Error::server(crate::tr!("xds-retrieve-no-registry-response")))?;
    let mut result = RetrieveResult {
        status: rr.attr("status").unwrap_or("").to_owned(),
        errors: registry_errors(rr),
        documents: Vec::new(),
    };
    check_status(&result.status, &result.errors)?;
    for d in root
        .children
        .iter()
        .filter(|c| c.is(ns::XDSB, "DocumentResponse"))
    {
        let doc = d
            .child_ns(ns::XDSB, "Document")
            .ok_or_else(|| Error::server(crate::tr!("xds-document-response-without-document")))?;
        result.documents.push(RetrievedDocument {
            repository_unique_id: d.child_text("RepositoryUniqueId").unwrap_or_default(),
            document_unique_id: d.child_text("DocumentUniqueId").unwrap_or_default(),
            mime_type: d.child_text("mimeType"),
            content: document_content(doc, &msg)?,
        });
    }
    Ok(result)
}

/// SHA-1 of `data`, lowercase hex (the XDS `hash`).
pub fn sha1_hex(data: &[u8]) -> String {
    hex::encode(Sha1::digest(data))
}

/// Checks a retrieved document against its registry metadata (size, SHA-1).
pub fn verify_document(doc: &RetrievedDocument, meta: &DocumentEntry) -> Result<()> {
    if let Some(size) = meta.size {
        if size != doc.content.len() as u64 {
            return Err(Error::server(crate::tr!(
                "xds-size-mismatch",
                document = &doc.document_unique_id,
                received = doc.content.len().to_string(),
                expected = size.to_string()
            ))
            .with_hint(crate::tr!("xds-hint-retry-retrieval")));
        }
    }
    if let Some(hash) = &meta.hash {
        let got = sha1_hex(&doc.content);
        if !got.eq_ignore_ascii_case(hash) {
            return Err(Error::server(crate::tr!(
                "xds-hash-mismatch",
                document = &doc.document_unique_id,
                got = &got,
                expected = hash
            ))
            .with_hint(crate::tr!("xds-hint-retry-retrieval")));
        }
    }
    Ok(())
}
