//! CDA R2 documents (reference §5.4): the header read as a stream, and a PDF or a text wrapped
//! in a CDA level 1 (`nonXMLBody`).
//!
//! The header is read with quick-xml's streaming reader, element by element, and reading stops
//! at the body (`component/nonXMLBody` or `structuredBody`): a 200 MB CDA is never held in
//! memory. The wrapper is written the same way, the input base64-encoded chunk by chunk.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

use base64::Engine;
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::dmp::xml::{escape_attr, escape_text, ns};
use crate::error::{Error, Result};

/// A coded value of the header (`code`, `codeSystem`, `displayName`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CdaCode {
    pub code: String,
    pub code_system: String,
    pub display: Option<String>,
}

/// An identifier (`root`, `extension`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CdaId {
    pub root: String,
    pub extension: Option<String>,
}

/// A person of the header (author, legal authenticator).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CdaPerson {
    pub id: Option<CdaId>,
    /// `assignedAuthor/code` (profession or specialty).
    pub code: Option<CdaCode>,
    pub family: Option<String>,
    pub given: Option<String>,
}

/// What the body of the document is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Body {
    /// Level 1: `nonXMLBody/text` with its `mediaType`.
    NonXml { media_type: Option<String> },
    /// Level 3: `structuredBody`.
    Structured,
    #[default]
    Missing,
}

/// The header of a CDA R2 document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CdaHeader {
    pub template_ids: Vec<String>,
    pub id: Option<CdaId>,
    pub code: Option<CdaCode>,
    pub title: Option<String>,
    pub effective_time: Option<String>,
    pub confidentiality: Option<CdaCode>,
    pub language: Option<String>,
    /// `recordTarget/patientRole/id`, every one (INS under its OID, local ids).
    pub patient_ids: Vec<CdaId>,
    pub patient_family: Option<String>,
    pub patient_given: Option<String>,
    pub patient_gender: Option<String>,
    pub patient_birth: Option<String>,
    /// The first `author/assignedAuthor`.
    pub author: Option<CdaPerson>,
    pub legal_authenticator: Option<CdaPerson>,
    pub service_start: Option<String>,
    pub service_stop: Option<String>,
    /// `componentOf/encompassingEncounter/location/healthCareFacility/code`.
    pub facility: Option<CdaCode>,
    /// `…/representedOrganization/standardIndustryClassCode`.
    pub practice_setting: Option<CdaCode>,
    /// `relatedDocument/parentDocument/id` (a replacement).
    pub parent_document: Option<CdaId>,
    pub body: Body,
}

fn xml_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::input(crate::tr!(
        "dmp-cda-unreadable",
        path = path.display().to_string(),
        reason = e.to_string()
    ))
    .with_hint(crate::tr!("dmp-cda-hint-formats"))
}

/// Whether the file starts like an XML document (after a BOM and blanks).
pub fn looks_like_xml(path: &Path) -> Result<bool> {
    let mut head = [0u8; 64];
    let n = File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| {
            Error::input(crate::tr!(
                "dmp-cannot-read",
                path = path.display().to_string(),
                reason = e.to_string()
            ))
        })?;
    let head = &head[..n];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    Ok(head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<'))
}

fn attrs(e: &quick_xml::events::BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .filter_map(|a| a.ok())
        .map(|a| {
            let key = a.key.local_name().as_ref().to_owned();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (key, value)
        })
        .collect()
}

fn get(a: &[(String, String)], k: &str) -> Option<String> {
    a.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
}

fn code_of(a: &[(String, String)]) -> Option<CdaCode> {
    Some(CdaCode {
        code: get(a, "code")?,
        code_system: get(a, "codeSystem").unwrap_or_default(),
        display: get(a, "displayName"),
    })
}

fn id_of(a: &[(String, String)]) -> Option<CdaId> {
    Some(CdaId {
        root: get(a, "root")?,
        extension: get(a, "extension"),
    })
}

/// Reads the header of the CDA document at `path`, stopping at its body.
pub fn read_header(path: &Path) -> Result<CdaHeader> {
    let file = File::open(path).map_err(|e| {
        Error::input(crate::tr!(
            "dmp-cannot-read",
            path = path.display().to_string(),
            reason = e.to_string()
        ))
    })?;
    read_header_from(BufReader::new(file), path)
}

/// [`read_header`] over any buffered reader (`path` names it in errors).
pub fn read_header_from(input: impl BufRead, path: &Path) -> Result<CdaHeader> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut h = CdaHeader::default();
    let mut authors = 0usize;
    // Text collected for the element on top of the stack (title, names).
    let mut text = String::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(path, e))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name().as_ref().to_owned();
                let empty = matches!(event, Event::Empty(_));
                if stack.is_empty() {
                    if name != "ClinicalDocument" {
                        return Err(xml_error(
                            path,
                            crate::tr!("dmp-cda-wrong-root", name = &name),
                        ));
                    }
                    let a = attrs(e);
                    if get(&a, "xmlns").as_deref().is_some_and(|v| v != ns::HL7) {
                        return Err(xml_error(path, crate::tr!("dmp-cda-root-not-hl7")));
                    }
                }
                stack.push(name);
                let a = attrs(e);
                let p: Vec<&str> = stack.iter().map(String::as_str).collect();
                if p.len() == 2 && p[1] == "author" && !empty {
                    authors += 1;
                }
                match p.as_slice() {
                    [_, "templateId"] => h.template_ids.extend(get(&a, "root")),
                    [_, "id"] => h.id = id_of(&a),
                    [_, "code"] => h.code = code_of(&a),
                    [_, "effectiveTime"] => h.effective_time = get(&a, "value"),
                    [_, "confidentialityCode"] => h.confidentiality = code_of(&a),
                    [_, "languageCode"] => h.language = get(&a, "code"),
                    [_, "recordTarget", "patientRole", "id"] => h.patient_ids.extend(id_of(&a)),
                    [_, "recordTarget", "patientRole", "patient", "administrativeGenderCode"] => {
                        h.patient_gender = get(&a, "code")
                    }
                    [_, "recordTarget", "patientRole", "patient", "birthTime"] => {
                        h.patient_birth = get(&a, "value")
                    }
                    [_, "author", "assignedAuthor", "id"] if authors == 1 => {
                        h.author.get_or_insert_with(Default::default).id = id_of(&a)
                    }
                    [_, "author", "assignedAuthor", "code"] if authors == 1 => {
                        h.author.get_or_insert_with(Default::default).code = code_of(&a)
                    }
                    [_, "legalAuthenticator", "assignedEntity", "id"] => {
                        h.legal_authenticator
                            .get_or_insert_with(Default::default)
                            .id = id_of(&a)
                    }
                    [_, "documentationOf", "serviceEvent", "effectiveTime", "low"]
                        if h.service_start.is_none() =>
                    {
                        h.service_start = get(&a, "value")
                    }
                    [_, "documentationOf", "serviceEvent", "effectiveTime", "high"]
                        if h.service_stop.is_none() =>
                    {
                        h.service_stop = get(&a, "value")
                    }
                    [_, "componentOf", "encompassingEncounter", "location", "healthCareFacility", "code"] => {
                        h.facility = code_of(&a)
                    }
                    [_, "relatedDocument", "parentDocument", "id"] => h.parent_document = id_of(&a),
                    [.., "representedOrganization", "standardIndustryClassCode"]
                        if h.practice_setting.is_none() =>
                    {
                        h.practice_setting = code_of(&a)
                    }
                    [_, "component", "structuredBody"] => {
                        h.body = Body::Structured;
                        return Ok(h);
                    }
                    [_, "component", "nonXMLBody", "text"] => {
                        h.body = Body::NonXml {
                            media_type: get(&a, "mediaType"),
                        };
                        return Ok(h);
                    }
                    _ => {}
                }
                text.clear();
                if empty {
                    stack.pop();
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c)
                } else {
                    let n = r.xml10_content();
                    text.push_str(match n.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(_) => {
                let p: Vec<&str> = stack.iter().map(String::as_str).collect();
                let t = text.trim().to_string();
                let person = |slot: &mut Option<CdaPerson>, family: bool| {
                    let who = slot.get_or_insert_with(Default::default);
                    if family {
                        who.family.get_or_insert(t.clone());
                    } else {
                        who.given.get_or_insert(t.clone());
                    }
                };
                match p.as_slice() {
                    [_, "title"] => h.title = Some(t.clone()),
                    [_, "recordTarget", "patientRole", "patient", "name", "family"] => {
                        h.patient_family.get_or_insert(t.clone());
                    }
                    [_, "recordTarget", "patientRole", "patient", "name", "given"] => {
                        h.patient_given.get_or_insert(t.clone());
                    }
                    [_, "author", "assignedAuthor", "assignedPerson", "name", f @ ("family" | "given")]
                        if authors == 1 =>
                    {
                        person(&mut h.author, *f == "family")
                    }
                    [_, "legalAuthenticator", "assignedEntity", "assignedPerson", "name", f @ ("family" | "given")] => {
                        person(&mut h.legal_authenticator, *f == "family")
                    }
                    _ => {}
                }
                text.clear();
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if h.id.is_none() && h.code.is_none() {
        return Err(xml_error(path, crate::tr!("dmp-cda-no-header")));
    }
    Ok(h)
}

/// What the header of a wrapper CDA says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapperHeader {
    /// `id@root`: the document's uniqueId.
    pub unique_id: String,
    pub type_code: CdaCode,
    pub title: String,
    /// Creation time (HL7 DTM).
    pub created: String,
    /// The INS: OID and number.
    pub patient: CdaId,
    pub service_start: String,
    /// `application/pdf` or `text/plain`.
    pub media_type: String,
    pub author: WrapperAuthor,
    pub facility: CdaCode,
    pub practice_setting: CdaCode,
}

/// Who writes the document: a practitioner (direct mode) or the structure's software
/// (indirect mode); either way, on behalf of the structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapperAuthor {
    /// The practitioner's national id and name; `None`: the structure's software.
    pub person: Option<(String, String, String)>,
    pub profession: Option<CdaCode>,
    pub software: String,
    pub structure_id: String,
    pub structure_name: String,
}

/// Writes the wrapper's header (everything before the base64 text).
fn wrapper_head(h: &WrapperHeader) -> String {
    let a = |v: &str| escape_attr(v).into_owned();
    let t = |v: &str| escape_text(v).into_owned();
    let code = |name: &str, c: &CdaCode| {
        format!(
            "<{name} code=\"{}\" codeSystem=\"{}\"{}/>",
            a(&c.code),
            a(&c.code_system),
            c.display
                .as_deref()
                .map(|d| format!(" displayName=\"{}\"", a(d)))
                .unwrap_or_default()
        )
    };
    let org = format!(
        "<id root=\"{}\" extension=\"{}\"/><name>{}</name>",
        crate::model::codes::oid::IDNAT_STRUCT,
        a(&h.author.structure_id),
        t(&h.author.structure_name)
    );
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<ClinicalDocument xmlns=\"{}\" xmlns:xsi=\"{}\">\n",
        ns::HL7,
        ns::XSI
    ));
    s.push_str("<realmCode code=\"FR\"/>\n<typeId root=\"2.16.840.1.113883.1.3\" extension=\"POCD_HD000040\"/>\n");
    s.push_str("<templateId root=\"2.16.840.1.113883.2.8.2.1\"/>\n<templateId root=\"1.2.250.1.213.1.1.1.1\"/>\n<templateId root=\"1.3.6.1.4.1.19376.1.2.20\"/>\n");
    s.push_str(&format!("<id root=\"{}\"/>\n", a(&h.unique_id)));
    s.push_str(&code("code", &h.type_code));
    s.push_str(&format!("\n<title>{}</title>\n", t(&h.title)));
    s.push_str(&format!("<effectiveTime value=\"{}\"/>\n", a(&h.created)));
    s.push_str("<confidentialityCode code=\"N\" codeSystem=\"2.16.840.1.113883.5.25\" displayName=\"Normal\"/>\n<languageCode code=\"fr-FR\"/>\n");
    s.push_str(&format!(
        "<recordTarget><patientRole><id root=\"{}\" extension=\"{}\"/><patient><name nullFlavor=\"NASK\"/><administrativeGenderCode nullFlavor=\"UNK\"/><birthTime nullFlavor=\"NASK\"/></patient></patientRole></recordTarget>\n",
        a(&h.patient.root),
        a(h.patient.extension.as_deref().unwrap_or_default())
    ));
    let assigned = match &h.author.person {
        Some((id, family, given)) => format!(
            "<id root=\"{}\" extension=\"{}\"/>{}<assignedPerson><name><given>{}</given><family>{}</family></name></assignedPerson>",
            crate::model::codes::oid::IDNAT_PS,
            a(id),
            h.author.profession.as_ref().map(|c| code("code", c)).unwrap_or_default(),
            t(given),
            t(family)
        ),
        None => format!(
            "<id root=\"{}\" extension=\"{}\"/><assignedAuthoringDevice><softwareName>{}</softwareName></assignedAuthoringDevice>",
            crate::model::codes::oid::IDNAT_STRUCT,
            a(&h.author.structure_id),
            t(&h.author.software)
        ),
    };
    s.push_str(&format!(
        "<author><time value=\"{}\"/><assignedAuthor>{assigned}<representedOrganization>{org}</representedOrganization></assignedAuthor></author>\n",
        a(&h.created)
    ));
    s.push_str(&format!(
        "<custodian><assignedCustodian><representedCustodianOrganization>{org}</representedCustodianOrganization></assignedCustodian></custodian>\n"
    ));
    if let Some((id, family, given)) = &h.author.person {
        s.push_str(&format!(
            "<legalAuthenticator><time value=\"{}\"/><signatureCode code=\"S\"/><assignedEntity><id root=\"{}\" extension=\"{}\"/><assignedPerson><name><given>{}</given><family>{}</family></name></assignedPerson></assignedEntity></legalAuthenticator>\n",
            a(&h.created),
            crate::model::codes::oid::IDNAT_PS,
            a(id),
            t(given),
            t(family)
        ));
    }
    s.push_str(&format!(
        "<documentationOf><serviceEvent><effectiveTime><low value=\"{}\"/></effectiveTime><performer typeCode=\"PRF\"><assignedEntity><id root=\"{}\" extension=\"{}\"/><representedOrganization>{}</representedOrganization></assignedEntity></performer></serviceEvent></documentationOf>\n",
        a(&h.service_start),
        crate::model::codes::oid::IDNAT_STRUCT,
        a(&h.author.structure_id),
        code("standardIndustryClassCode", &h.practice_setting)
    ));
    s.push_str(&format!(
        "<componentOf><encompassingEncounter><effectiveTime><low value=\"{}\"/></effectiveTime><location><healthCareFacility>{}</healthCareFacility></location></encompassingEncounter></componentOf>\n",
        a(&h.service_start),
        code("code", &h.facility)
    ));
    s.push_str(&format!(
        "<component><nonXMLBody><text mediaType=\"{}\" representation=\"B64\">",
        a(&h.media_type)
    ));
    s
}

const WRAPPER_TAIL: &str = "</text></nonXMLBody></component>\n</ClinicalDocument>\n";

/// Writes `input` wrapped in a CDA level 1 to `output`: the header, then the input base64
/// encoded in chunks (lines of 76 characters), never the whole file in memory.
pub fn write_wrapper(h: &WrapperHeader, input: &Path, output: &Path) -> Result<()> {
    let io = |e: std::io::Error, what: &Path| {
        Error::output(
            &crate::tr!("dmp-cda-the-wrapper", path = what.display().to_string()),
            e,
        )
    };
    let mut src = BufReader::new(File::open(input).map_err(|e| {
        Error::input(crate::tr!(
            "dmp-cannot-read",
            path = input.display().to_string(),
            reason = e.to_string()
        ))
    })?);
    let mut out = BufWriter::new(File::create(output).map_err(|e| io(e, output))?);
    out.write_all(wrapper_head(h).as_bytes())
        .map_err(|e| io(e, output))?;
    // 57 bytes make one 76-character line; 1024 lines per chunk.
    const CHUNK: usize = 57 * 1024;
    let mut chunk = vec![0u8; CHUNK];
    let engine = base64::engine::general_purpose::STANDARD;
    loop {
        let mut filled = 0;
        while filled < CHUNK {
            let n = src.read(&mut chunk[filled..]).map_err(|e| {
                Error::input(crate::tr!(
                    "dmp-cannot-read",
                    path = input.display().to_string(),
                    reason = e.to_string()
                ))
            })?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        if filled == 0 {
            break;
        }
        for line in chunk[..filled].chunks(57) {
            out.write_all(b"\n").map_err(|e| io(e, output))?;
            out.write_all(engine.encode(line).as_bytes())
                .map_err(|e| io(e, output))?;
        }
        if filled < CHUNK {
            break;
        }
    }
    out.write_all(b"\n").map_err(|e| io(e, output))?;
    out.write_all(WRAPPER_TAIL.as_bytes())
        .map_err(|e| io(e, output))?;
    out.into_inner()
        .map_err(|e| io(e.into_error(), output))?
        .sync_all()
        .map_err(|e| io(e, output))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
  <templateId root="1.2.250.1.213.1.1.1.1"/>
  <id root="1.2.3.4.5"/>
  <code code="11502-2" codeSystem="2.16.840.1.113883.6.1" displayName="CR d'examens biologiques"/>
  <title>Bilan &amp; suivi</title>
  <effectiveTime value="20240102101500+0100"/>
  <confidentialityCode code="N" codeSystem="2.16.840.1.113883.5.25"/>
  <languageCode code="fr-FR"/>
  <recordTarget><patientRole>
    <id root="1.2.250.1.213.1.4.10" extension="280057505600117"/>
    <id root="1.2.3.9" extension="IPP1"/>
    <patient><name><given>ANNE</given><family>MARTIN</family></name>
      <administrativeGenderCode code="F"/><birthTime value="19800505"/></patient>
  </patientRole></recordTarget>
  <author><assignedAuthor><id root="1.2.250.1.71.4.2.1" extension="899700000017"/>
    <code code="G15_10/SM26" codeSystem="1.2.250.1.213.1.1.4.5"/>
    <assignedPerson><name><given>JEAN</given><family>DUPONT</family></name></assignedPerson>
  </assignedAuthor></author>
  <author><assignedAuthor><id root="9.9" extension="second"/></assignedAuthor></author>
  <documentationOf><serviceEvent><effectiveTime><low value="20240101"/><high value="20240102"/></effectiveTime>
    <performer><assignedEntity><representedOrganization>
      <standardIndustryClassCode code="AMBULATOIRE" codeSystem="1.2.250.1.213.1.1.4.9"/>
    </representedOrganization></assignedEntity></performer></serviceEvent></documentationOf>
  <componentOf><encompassingEncounter><location><healthCareFacility>
    <code code="SA07" codeSystem="1.2.250.1.71.4.2.4"/></healthCareFacility></location></encompassingEncounter></componentOf>
  <component><structuredBody><this-is-not-read"#;

    #[test]
    fn the_header_is_read_and_reading_stops_at_the_body() {
        // The body is cut short: a reader that went on would fail.
        let h = read_header_from(SAMPLE.as_bytes(), Path::new("t.xml")).unwrap();
        assert_eq!(h.id.unwrap().root, "1.2.3.4.5");
        assert_eq!(h.code.unwrap().code, "11502-2");
        assert_eq!(h.title.as_deref(), Some("Bilan & suivi"));
        assert_eq!(h.effective_time.as_deref(), Some("20240102101500+0100"));
        assert_eq!(h.patient_ids.len(), 2);
        assert_eq!(
            h.patient_ids[0].extension.as_deref(),
            Some("280057505600117")
        );
        assert_eq!(h.patient_family.as_deref(), Some("MARTIN"));
        let author = h.author.unwrap();
        assert_eq!(
            author.id.unwrap().extension.as_deref(),
            Some("899700000017")
        );
        assert_eq!(author.family.as_deref(), Some("DUPONT"));
        assert_eq!(author.code.unwrap().code, "G15_10/SM26");
        assert_eq!(h.service_start.as_deref(), Some("20240101"));
        assert_eq!(h.service_stop.as_deref(), Some("20240102"));
        assert_eq!(h.facility.unwrap().code, "SA07");
        assert_eq!(h.practice_setting.unwrap().code, "AMBULATOIRE");
        assert_eq!(h.body, Body::Structured);
    }

    #[test]
    fn not_a_cda_is_refused() {
        let e = read_header_from(&b"<html/>"[..], Path::new("x.xml")).unwrap_err();
        assert!(e.message().contains("<html>"), "{e}");
    }
}
