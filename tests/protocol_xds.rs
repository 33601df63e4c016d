//! TD3.1 (ITI-18) and TD3.2 (ITI-43): requests against the official examples and the XDS
//! schemas (xmllint), response parsing, MTOM, hash and size checks.

mod protocol_support;

use dmp::dmp::vihf::{self, Vihf, VihfContext};
use dmp::dmp::xds::metadata;
use dmp::dmp::xds::query::{self, FindDocuments, StoredQuery};
use dmp::dmp::xds::retrieve::{self, DocumentRequest};
use dmp::model::codes::{AvailabilityStatus, Coded};
use protocol_support::*;
use time::OffsetDateTime;

fn vihf_for_patient() -> Vihf {
    let patient = official_patient();
    vihf::build(
        &official_config(),
        &VihfContext::normal(&patient),
        None,
        OffsetDateTime::now_utc(),
    )
    .unwrap()
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn find_documents_matches_official_example() {
    let q = StoredQuery::FindDocuments(FindDocuments::new(official_patient()));
    let req = query::build_query_request(&vihf_for_patient(), &q).unwrap();
    assert_eq!(req.action, "urn:ihe:iti:2007:RegistryStoredQuery");
    assert_same_xml(
        &req.body,
        &official("TD3.1-find-documents.request.xml"),
        ENVELOPE_RULES,
    );
}

fn all_queries() -> Vec<StoredQuery> {
    let mut f = FindDocuments::new(official_patient());
    f.statuses = vec![AvailabilityStatus::Approved, AvailabilityStatus::Archived];
    f.type_codes = vec![Coded::new("11502-2", "2.16.840.1.113883.6.1", None)];
    f.class_codes = vec![Coded::new("10", "1.2.250.1.213.1.1.4.1", None)];
    f.service_start_from = Some("20230101".into());
    f.service_start_to = Some("20250101000000".into());
    f.service_stop_from = Some("2023".into());
    f.service_stop_to = Some("2026".into());
    f.author_persons = vec!["899900063480%".into(), "O'Brien%".into()];
    let uuids: Vec<String> = (0..20)
        .map(|i| format!("urn:uuid:2b1e6c3a-0d1f-4a5e-9b7c-{i:012}"))
        .collect();
    vec![
        StoredQuery::FindDocuments(f),
        StoredQuery::FindSubmissionSets {
            patient: official_patient(),
            statuses: vec![],
            submission_time_from: Some("20250101000000".into()),
            submission_time_to: None,
        },
        StoredQuery::GetAssociations {
            uuids: uuids.clone(),
        },
        StoredQuery::GetDocumentsAndAssociations {
            uuids: uuids.clone(),
        },
        StoredQuery::GetDocumentsByUuid { uuids },
        StoredQuery::GetDocumentsByUniqueId {
            unique_ids: vec!["1.2.250.1.999.1.1.7898.1.995657292".into()],
        },
    ]
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn every_query_body_is_valid_against_the_schema() {
    for q in all_queries() {
        let body = query::query_body(&q).unwrap();
        if let Err(e) = xmllint_validate(&body, "ebRS30/query.xsd") {
            panic!("{q:?}\n{body}\n{e}");
        }
    }
    // The schema check does fail on an invalid body.
    let bad = query::query_body(&all_queries()[0])
        .unwrap()
        .replace("<ValueList>", "<Values>")
        .replace("</ValueList>", "</Values>");
    assert!(xmllint_validate(&bad, "ebRS30/query.xsd").is_err());
}

#[test]
fn query_slot_syntax() {
    let body = query::query_body(&all_queries()[0]).unwrap();
    assert!(body.contains("<Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:asip:ci-sis:2010:StatusType:Archived')</Value>"));
    assert!(body.contains("<Value>('11502-2^^2.16.840.1.113883.6.1')</Value>"));
    assert!(body.contains(
        r#"<Slot name="$XDSDocumentEntryServiceStartTimeFrom"><ValueList><Value>20230101</Value>"#
    ));
    assert!(body.contains("'O''Brien%'"));
    let too_many = StoredQuery::GetDocumentsAndAssociations {
        uuids: (0..21).map(|i| format!("urn:uuid:{i}")).collect(),
    };
    assert!(query::query_body(&too_many).is_err());
    let mut bad = FindDocuments::new(official_patient());
    bad.service_start_from = Some("2025-01-01".into());
    let e = query::query_body(&StoredQuery::FindDocuments(bad)).unwrap_err();
    assert_eq!(e.kind(), dmp::ErrorKind::Input);
}

#[test]
fn parses_find_documents_response() {
    let bytes = std::fs::read(fixture("responses/TD3.1-find-documents.response.xml")).unwrap();
    let r = metadata::parse_query_response(&bytes).unwrap();
    assert_eq!(r.documents.len(), 2);
    assert_eq!(r.submission_sets.len(), 1);
    assert_eq!(r.associations.len(), 2);
    let d = &r.documents[0];
    assert_eq!(
        d.entry_uuid,
        "urn:uuid:2b1e6c3a-0d1f-4a5e-9b7c-000000000002"
    );
    assert_eq!(d.unique_id, "1.2.250.1.999.1.1.7898.2");
    assert_eq!(
        d.repository_unique_id.as_deref(),
        Some("1.2.250.1.213.4.1.1.1.2")
    );
    assert_eq!(d.title.as_deref(), Some("CR de biologie (version 2)"));
    assert_eq!(d.type_code.as_ref().unwrap().code, "11502-2");
    assert_eq!(
        d.class_code.as_ref().unwrap().display.as_deref(),
        Some("Compte rendu")
    );
    assert_eq!(
        d.format_code.as_ref().unwrap().code,
        "urn:ihe:iti:xds-sd:pdf:2008"
    );
    assert_eq!(d.size, Some(3));
    assert_eq!(
        d.hash.as_deref(),
        Some("a9993e364706816aba3e25717850c26c9cd0d89d")
    );
    assert_eq!(d.service_start_time.as_deref(), Some("20250301090000"));
    assert_eq!(d.version.as_deref(), Some("1"));
    assert!(d.invisible_to_patient());
    assert!(!d.masked_to_professionals());
    let a = d.author().unwrap();
    assert_eq!(a.id.as_deref(), Some("899900063480"));
    assert_eq!(a.display_name(), "MAX LIBRE");
    assert_eq!(a.specialties.len(), 1);
    assert_eq!(
        d.replaces.as_deref(),
        Some("urn:uuid:2b1e6c3a-0d1f-4a5e-9b7c-000000000001")
    );
    assert!(r.documents[1].masked_to_professionals());
    assert_eq!(
        r.documents[1].availability(),
        Some(AvailabilityStatus::Deprecated)
    );
    assert_eq!(
        r.submission_sets[0].unique_id.as_deref(),
        Some("1.2.250.1.999.1.1.7898.100")
    );

    // New since last visit: members of the set, Deprecated dropped, RPLC followed.
    let members = metadata::members_of(&r.associations, &[r.submission_sets[0].entry_uuid.clone()]);
    assert_eq!(members, ["urn:uuid:2b1e6c3a-0d1f-4a5e-9b7c-000000000002"]);
    assert_eq!(
        metadata::latest_version(
            "urn:uuid:2b1e6c3a-0d1f-4a5e-9b7c-000000000001",
            &r.associations
        ),
        "urn:uuid:2b1e6c3a-0d1f-4a5e-9b7c-000000000002"
    );
    let current = metadata::current_documents(&r.documents, &r.associations);
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].unique_id, "1.2.250.1.999.1.1.7898.2");
}

#[test]
fn registry_error_becomes_an_error_with_code_and_text() {
    let xml = r#"<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>
<AdhocQueryResponse xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure">
<RegistryErrorList xmlns="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"><RegistryError codeContext="Accès refusé par le service de droits" errorCode="DMPAccessDeniedByRightsService" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/></RegistryErrorList>
</AdhocQueryResponse></soap:Body></soap:Envelope>"#;
    let e = metadata::parse_query_response(xml.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), dmp::ErrorKind::Denied);
    assert!(e.message().contains("DMPAccessDeniedByRightsService"));
    assert!(e.message().contains("Accès refusé"));
    let xml2 = xml.replace("DMPAccessDeniedByRightsService", "XDSRegistryError");
    let e = metadata::parse_query_response(xml2.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), dmp::ErrorKind::Server);
}

#[test]
#[ignore = "conformance: needs DMP_REFERENCE_DIR"]
fn retrieve_matches_official_example_and_schema() {
    let docs = [DocumentRequest {
        repository_unique_id: "1.2.250.1.213.4.1.1.1.2".into(),
        document_unique_id: "1.2.250.1.999.1.1.7898.1.995657292".into(),
    }];
    let req = retrieve::build_retrieve_request(&vihf_for_patient(), &docs).unwrap();
    assert_eq!(req.action, "urn:ihe:iti:2007:RetrieveDocumentSet");
    assert_same_xml(
        &req.body,
        &official("TD3.2-retrieve-document.request.xml"),
        ENVELOPE_RULES,
    );
    xmllint_validate(&body_of(&req.body), "IHE/IHEXDSB.xsd").unwrap();
}

const MTOM_CT: &str = r#"multipart/related; type="application/xop+xml"; boundary="uuid:6b62cda0-95a6-4ce3-9f4d-5b5f4a1c2b3d"; start="<root.message@cxf.apache.org>"; start-info="application/soap+xml""#;

fn mtom_response(doc: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(b"\r\n--uuid:6b62cda0-95a6-4ce3-9f4d-5b5f4a1c2b3d\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <root.message@cxf.apache.org>\r\n\r\n");
    b.extend_from_slice(br#"<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body><ns2:RetrieveDocumentSetResponse xmlns:ns2="urn:ihe:iti:xds-b:2007" xmlns:ns3="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"><ns3:RegistryResponse status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/><ns2:DocumentResponse><ns2:RepositoryUniqueId>1.2.250.1.213.4.1.1.1.2</ns2:RepositoryUniqueId><ns2:DocumentUniqueId>1.2.250.1.999.1.1.7898.2</ns2:DocumentUniqueId><ns2:mimeType>text/xml</ns2:mimeType><ns2:Document><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:7f1c5a1e-1111-4d2e-8a2b-0c9d8e7f6a5b-1%40urn%3Aihe%3Aiti%3Axds-b%3A2007"/></ns2:Document></ns2:DocumentResponse></ns2:RetrieveDocumentSetResponse></soap:Body></soap:Envelope>"#);
    b.extend_from_slice(b"\r\n--uuid:6b62cda0-95a6-4ce3-9f4d-5b5f4a1c2b3d\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <7f1c5a1e-1111-4d2e-8a2b-0c9d8e7f6a5b-1@urn:ihe:iti:xds-b:2007>\r\n\r\n");
    b.extend_from_slice(doc);
    b.extend_from_slice(b"\r\n--uuid:6b62cda0-95a6-4ce3-9f4d-5b5f4a1c2b3d--\r\n");
    b
}

#[test]
fn parses_mtom_retrieve_response_and_checks_hash() {
    // Binary content with CRLF and a fake boundary prefix inside, to stress the splitter.
    let content = b"abc";
    let r = retrieve::parse_retrieve_response(MTOM_CT, &mtom_response(content)).unwrap();
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(d.content, content);
    assert_eq!(d.document_unique_id, "1.2.250.1.999.1.1.7898.2");
    assert_eq!(d.mime_type.as_deref(), Some("text/xml"));

    let bytes = std::fs::read(fixture("responses/TD3.1-find-documents.response.xml")).unwrap();
    let meta = &metadata::parse_query_response(&bytes).unwrap().documents[0];
    retrieve::verify_document(d, meta).unwrap(); // SHA-1("abc"), size 3

    let binary = b"%PDF-1.4\r\n\x00\xff--uuid:6b62\r\n";
    let r = retrieve::parse_retrieve_response(MTOM_CT, &mtom_response(binary)).unwrap();
    assert_eq!(r.documents[0].content, binary);
    let e = retrieve::verify_document(&r.documents[0], meta).unwrap_err();
    assert!(e.message().contains("bytes"));
    let mut meta2 = meta.clone();
    meta2.size = None;
    let e = retrieve::verify_document(&r.documents[0], &meta2).unwrap_err();
    assert!(e.message().contains("SHA-1"));
}

#[test]
fn mtom_wrapped_fault_is_an_error() {
    let ct = r#"multipart/related; type="application/xop+xml"; boundary="MIMEBoundary_1"; start="<0.root@apache.org>""#;
    let body = "--MIMEBoundary_1\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\nContent-ID: <0.root@apache.org>\r\n\r\n<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value><e:Subcode><e:Value>XDSDocumentUniqueIdError</e:Value></e:Subcode></e:Code><e:Reason><e:Text xml:lang=\"fr\">Document introuvable</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>\r\n--MIMEBoundary_1--\r\n";
    let e = retrieve::parse_retrieve_response(ct, body.as_bytes()).unwrap_err();
    assert_eq!(e.kind(), dmp::ErrorKind::Server);
    assert!(e.message().contains("XDSDocumentUniqueIdError"));
    assert!(e.message().contains("Document introuvable"));
    // And a plain SOAP fault (no MTOM).
    let plain = body
        .split("\r\n\r\n")
        .nth(1)
        .unwrap()
        .split("\r\n--")
        .next()
        .unwrap();
    let e =
        retrieve::parse_retrieve_response("application/soap+xml", plain.as_bytes()).unwrap_err();
    assert!(e.message().contains("XDSDocumentUniqueIdError"));
}
