//! TD3.1: IHE ITI-18 Registry Stored Query on `DocumentRegistry_Service`.

use std::collections::{BTreeMap, BTreeSet};

use super::ins::Ins;
use super::rights::{self, Caller, Column, DocFacts, Op, PatientCtx};
use super::seed::{APPROVED, REPOSITORY_ID};
use super::soap::{child, children, esc, text, Fault};
use super::store::{self, Association, Document, SubmissionSet};
use super::{db_fault, patient_ctx, Ctx, Reply};

pub const NS_QUERY: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
pub const NS_RIM: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
pub const NS_RS: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";

pub const FIND_DOCUMENTS: &str = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
pub const FIND_SUBMISSION_SETS: &str = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9";
pub const GET_ASSOCIATIONS: &str = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155";
pub const GET_DOCUMENTS_AND_ASSOCIATIONS: &str = "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a";
pub const GET_DOCUMENTS: &str = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";

const DOC_ENTRY_TYPE: &str = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
const SUCCESS: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
const FAILURE: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
const PARTIAL: &str = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
const SEVERITY_ERROR: &str = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
const OT_CLASSIFICATION: &str =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
const OT_EXTID: &str =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";
const OT_ASSOCIATION: &str =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association";
const OT_PACKAGE: &str =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage";

/// An XDS business error, reported as a RegistryError.
#[derive(Debug, Clone)]
pub struct RegistryError {
    pub code: String,
    pub context: String,
    /// Where it happened (empty: not said).
    pub location: String,
}

impl RegistryError {
    pub fn new(code: &str, context: impl Into<String>) -> RegistryError {
        RegistryError {
            code: code.into(),
            context: context.into(),
            location: String::new(),
        }
    }
}

impl From<rights::Denial> for RegistryError {
    fn from(d: rights::Denial) -> Self {
        RegistryError::new(d.code, d.message)
    }
}

/// `<rs:RegistryErrorList>` for errors.
pub fn error_list(errors: &[RegistryError]) -> String {
    let mut s = format!("<rs:RegistryErrorList highestSeverity=\"{SEVERITY_ERROR}\">");
    for e in errors {
        s.push_str(&format!(
            "<rs:RegistryError errorCode=\"{}\" codeContext=\"{}\" location=\"{}\" severity=\"{SEVERITY_ERROR}\"/>",
            esc(&e.code),
            esc(&e.context),
            esc(&e.location)
        ));
    }
    s.push_str("</rs:RegistryErrorList>");
    s
}

fn query_response(status: &str, errors: &[RegistryError], objects: &str) -> String {
    let errs = if errors.is_empty() {
        String::new()
    } else {
        error_list(errors)
    };
    format!(
        "<query:AdhocQueryResponse xmlns:query=\"{NS_QUERY}\" xmlns:rim=\"{NS_RIM}\" xmlns:rs=\"{NS_RS}\" status=\"{status}\">{errs}<rim:RegistryObjectList>{objects}</rim:RegistryObjectList></query:AdhocQueryResponse>"
    )
}

/// Parse the values of a stored-query slot: `'a'`, `('a','b')`, several `Value`s.
pub fn slot_values(raw: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for v in raw {
        let v = v.trim();
        let inner = v
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .unwrap_or(v);
        let mut cur = String::new();
        let mut quote: Option<char> = None;
        for c in inner.chars() {
            match (quote, c) {
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, ',') => {
                    out.push(cur.trim().to_string());
                    cur.clear();
                }
                (_, c) => cur.push(c),
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_string());
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

struct Query {
    id: String,
    return_type: String,
    slots: BTreeMap<String, Vec<String>>,
}

impl Query {
    fn values(&self, name: &str) -> Vec<String> {
        self.slots
            .get(name)
            .map(|v| slot_values(v))
            .unwrap_or_default()
    }
    fn one(&self, name: &str) -> Option<String> {
        self.values(name).into_iter().next()
    }
}

fn parse_query(body: roxmltree::Node<'_, '_>) -> Result<Query, Fault> {
    let return_type = child(body, NS_QUERY, "ResponseOption")
        .and_then(|r| r.attribute("returnType"))
        .unwrap_or("ObjectRef")
        .to_string();
    let adhoc = child(body, NS_RIM, "AdhocQuery")
        .ok_or_else(|| Fault::sender("InvalidMessage", "rim:AdhocQuery absent"))?;
    let id = adhoc.attribute("id").unwrap_or_default().to_string();
    let mut slots: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for slot in children(adhoc).filter(|n| n.tag_name().name() == "Slot") {
        let name = slot.attribute("name").unwrap_or_default().to_string();
        let vals = child(slot, NS_RIM, "ValueList")
            .map(|vl| {
                children(vl)
                    .filter(|v| v.tag_name().name() == "Value")
                    .map(text)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        slots.entry(name).or_default().extend(vals);
    }
    Ok(Query {
        id,
        return_type,
        slots,
    })
}

/// XCN of a document author.
pub fn author_xcn(id: &str, family: &str, given: &str) -> String {
    format!("{id}^{family}^{given}^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS")
}

/// SQL LIKE (`%`, `_`) matching, as XDS author queries use.
pub fn like(pattern: &str, value: &str) -> bool {
    fn rec(p: &[char], v: &[char]) -> bool {
        match p.first() {
            None => v.is_empty(),
            Some('%') => (0..=v.len()).any(|i| rec(&p[1..], &v[i..])),
            Some('_') => !v.is_empty() && rec(&p[1..], &v[1..]),
            Some(c) => v.first() == Some(c) && rec(&p[1..], &v[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let v: Vec<char> = value.chars().collect();
    rec(&p, &v)
}

fn code_matches(filter: &[String], code: &str) -> bool {
    filter.is_empty()
        || filter
            .iter()
            .any(|f| f.split('^').next().unwrap_or("") == code)
}

fn norm_time(t: &str) -> String {
    let mut s: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    while s.len() < 14 {
        s.push('0');
    }
    s
}

fn in_range(value: Option<&str>, from: Option<&String>, to: Option<&String>) -> bool {
    if from.is_none() && to.is_none() {
        return true;
    }
    let Some(v) = value else { return false };
    let v = norm_time(v);
    from.is_none_or(|f| v >= norm_time(f)) && to.is_none_or(|t| v < norm_time(t))
}

fn facts(d: &Document) -> DocFacts<'_> {
    DocFacts {
        author_id: &d.author_id,
        author_structure_id: &d.author_structure_id,
        masked: d.masked(),
        invisible_patient: d.invisible_patient(),
    }
}

fn slot(name: &str, values: &[&str]) -> String {
    let mut s = format!("<rim:Slot name=\"{}\"><rim:ValueList>", esc(name));
    for v in values {
        s.push_str(&format!("<rim:Value>{}</rim:Value>", esc(v)));
    }
    s.push_str("</rim:ValueList></rim:Slot>");
    s
}

fn name(value: &str) -> String {
    format!(
        "<rim:Name><rim:LocalizedString charset=\"UTF-8\" xml:lang=\"fr-FR\" value=\"{}\"/></rim:Name>",
        esc(value)
    )
}

fn classification(
    id: &str,
    scheme: &str,
    object: &str,
    code: &str,
    system: &str,
    display: &str,
) -> String {
    format!(
        "<rim:Classification id=\"{id}\" classificationScheme=\"{scheme}\" classifiedObject=\"{}\" nodeRepresentation=\"{}\" objectType=\"{OT_CLASSIFICATION}\">{}{}</rim:Classification>",
        esc(object),
        esc(code),
        slot("codingScheme", &[system]),
        name(display)
    )
}

fn external_id(id: &str, scheme: &str, object: &str, value: &str, label: &str) -> String {
    format!(
        "<rim:ExternalIdentifier id=\"{id}\" identificationScheme=\"{scheme}\" registryObject=\"{}\" value=\"{}\" objectType=\"{OT_EXTID}\">{}</rim:ExternalIdentifier>",
        esc(object),
        esc(value),
        name(label)
    )
}

fn sub_id(entry: &str, n: u32) -> String {
    // Derived ids for the sub-objects of a registry object.
    let tail = entry.trim_start_matches("urn:uuid:");
    format!("urn:uuid:{}{n:02x}", &tail[..tail.len().min(34)])
}

fn confidentiality_system(code: &str) -> (&'static str, &'static str) {
    match code {
        "N" => ("2.16.840.1.113883.5.25", "Normal"),
        "R" => ("2.16.840.1.113883.5.25", "Restreint"),
        "V" => ("2.16.840.1.113883.5.25", "Très restreint"),
        "MASQUE_PS" => (
            "1.2.250.1.213.1.1.4.13",
            "Masqué aux professionnels de santé",
        ),
        "INVISIBLE_PATIENT" => ("1.2.250.1.213.1.1.4.13", "Non visible par le patient"),
        _ => (
            "1.2.250.1.213.1.1.4.13",
            "Non visible par les représentants légaux",
        ),
    }
}

/// LeafClass rendering of a DocumentEntry.
pub fn document_leaf(d: &Document, patient: &store::Patient) -> String {
    let id = &d.entry_uuid;
    let pid = Ins {
        value: patient.ins.clone(),
        oid: patient.ins_oid.clone(),
    }
    .cx();
    let mut s = format!(
        "<rim:ExtrinsicObject id=\"{id}\" lid=\"{}\" objectType=\"{DOC_ENTRY_TYPE}\" status=\"{}\" mimeType=\"{}\">",
        esc(&d.logical_id),
        esc(&d.status),
        esc(&d.mime_type)
    );
    s.push_str(&slot("creationTime", &[&d.creation_time]));
    s.push_str(&slot("hash", &[&d.hash]));
    s.push_str(&slot("languageCode", &["fr-FR"]));
    s.push_str(&slot("repositoryUniqueId", &[REPOSITORY_ID]));
    s.push_str(&slot("serviceStartTime", &[&d.service_start]));
    if let Some(stop) = &d.service_stop {
        s.push_str(&slot("serviceStopTime", &[stop]));
    }
    s.push_str(&slot("size", &[&d.size.to_string()]));
    s.push_str(&slot("sourcePatientId", &[&pid]));
    s.push_str(&slot(
        "sourcePatientInfo",
        &[
            &format!("PID-5|{}^{}^^^^^L", patient.family, patient.given),
            &format!("PID-7|{}", patient.birth_date),
            &format!("PID-8|{}", patient.gender),
        ],
    ));
    s.push_str(&name(&d.title));
    s.push_str("<rim:Description/>");
    s.push_str(&format!("<rim:VersionInfo versionName=\"{}\"/>", d.version));
    s.push_str(&format!(
        "<rim:Classification id=\"{}\" classificationScheme=\"urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d\" classifiedObject=\"{id}\" nodeRepresentation=\"\" objectType=\"{OT_CLASSIFICATION}\">{}{}{}{}</rim:Classification>",
        sub_id(id, 1),
        slot("authorPerson", &[&author_xcn(&d.author_id, &d.author_family, &d.author_given)]),
        slot(
            "authorInstitution",
            &[&format!(
                "{}^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^{}",
                d.author_structure_name, d.author_structure_id
            )]
        ),
        slot("authorRole", &[&format!("{}^^^&1.2.250.1.71.1.2.7&ISO", d.author_role)]),
        slot(
            "authorSpecialty",
            &[&format!(
                "{}^{}^1.2.250.1.213.1.1.4.5",
                d.author_specialty, d.author_specialty_display
            )]
        ),
    ));
    s.push_str(&classification(
        &sub_id(id, 2),
        "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a",
        id,
        &d.class_code,
        "1.2.250.1.213.1.1.4.1",
        &d.class_display,
    ));
    for (i, c) in d.confidentiality.split_whitespace().enumerate() {
        let (system, display) = confidentiality_system(c);
        s.push_str(&classification(
            &sub_id(id, 3 + i as u32),
            "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f",
            id,
            c,
            system,
            display,
        ));
    }
    s.push_str(&classification(
        &sub_id(id, 8),
        "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d",
        id,
        &d.format_code,
        "1.3.6.1.4.1.19376.1.2.3",
        &d.format_display,
    ));
    s.push_str(&classification(
        &sub_id(id, 9),
        "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1",
        id,
        &d.facility_code,
        "1.2.250.1.71.4.2.4",
        &d.facility_display,
    ));
    s.push_str(&classification(
        &sub_id(id, 10),
        "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead",
        id,
        &d.practice_code,
        "1.2.250.1.213.1.1.4.9",
        &d.practice_display,
    ));
    s.push_str(&classification(
        &sub_id(id, 11),
        "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983",
        id,
        &d.type_code,
        if d.type_code.contains('-') {
            "2.16.840.1.113883.6.1"
        } else {
            "1.2.250.1.213.1.1.4.12"
        },
        &d.type_display,
    ));
    s.push_str(&external_id(
        &sub_id(id, 12),
        "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427",
        id,
        &pid,
        "XDSDocumentEntry.patientId",
    ));
    s.push_str(&external_id(
        &sub_id(id, 13),
        "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab",
        id,
        &d.unique_id,
        "XDSDocumentEntry.uniqueId",
    ));
    s.push_str("</rim:ExtrinsicObject>");
    s
}

fn submission_set_leaf(ss: &SubmissionSet, patient: &store::Patient) -> String {
    let id = &ss.entry_uuid;
    let pid = Ins {
        value: patient.ins.clone(),
        oid: patient.ins_oid.clone(),
    }
    .cx();
    format!(
        "<rim:RegistryPackage id=\"{id}\" lid=\"{id}\" objectType=\"{OT_PACKAGE}\" status=\"{APPROVED}\">{}{}<rim:Description/><rim:VersionInfo versionName=\"1\"/>\
<rim:Classification id=\"{}\" classificationScheme=\"urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d\" classifiedObject=\"{id}\" nodeRepresentation=\"\" objectType=\"{OT_CLASSIFICATION}\">{}{}</rim:Classification>\
{}<rim:Classification id=\"{}\" classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\" classifiedObject=\"{id}\" objectType=\"{OT_CLASSIFICATION}\"/>{}{}{}</rim:RegistryPackage>",
        slot("submissionTime", &[&ss.submission_time]),
        name(&ss.title),
        sub_id(id, 1),
        slot("authorPerson", &[&author_xcn(&ss.author_id, &ss.author_family, &ss.author_given)]),
        slot(
            "authorInstitution",
            &[&format!(
                "{}^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^{}",
                ss.author_structure_name, ss.author_structure_id
            )]
        ),
        classification(
            &sub_id(id, 2),
            "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500",
            id,
            &ss.content_type_code,
            "1.2.250.1.213.2.2",
            &ss.content_type_display,
        ),
        sub_id(id, 3),
        external_id(
            &sub_id(id, 4),
            "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446",
            id,
            &pid,
            "XDSSubmissionSet.patientId",
        ),
        external_id(
            &sub_id(id, 5),
            "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832",
            id,
            &ss.source_id,
            "XDSSubmissionSet.sourceId",
        ),
        external_id(
            &sub_id(id, 6),
            "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8",
            id,
            &ss.unique_id,
            "XDSSubmissionSet.uniqueId",
        ),
    )
}

fn association_leaf(a: &Association) -> String {
    let st = a
        .submission_set_status
        .as_deref()
        .map(|s| slot("SubmissionSetStatus", &[s]))
        .unwrap_or_default();
    format!(
        "<rim:Association id=\"{}\" associationType=\"{}\" sourceObject=\"{}\" targetObject=\"{}\" objectType=\"{OT_ASSOCIATION}\" status=\"{APPROVED}\">{st}</rim:Association>",
        esc(&a.entry_uuid),
        esc(&a.assoc_type),
        esc(&a.source),
        esc(&a.target)
    )
}

fn object_ref(id: &str) -> String {
    format!("<rim:ObjectRef id=\"{}\"/>", esc(id))
}

struct Scope<'a> {
    caller: &'a Caller,
    col: Column,
    pctx: &'a PatientCtx,
}

impl Scope<'_> {
    fn visible(&self, d: &Document) -> bool {
        rights::document_visible(self.caller, self.col, self.pctx, &facts(d), false)
    }
}

/// TD3.1 handler.
pub fn stored_query(ctx: &mut Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Reply, Fault> {
    let q = parse_query(body)?;
    let query_name = match q.id.as_str() {
        FIND_DOCUMENTS => "FindDocuments",
        FIND_SUBMISSION_SETS => "FindSubmissionSets",
        GET_ASSOCIATIONS => "GetAssociations",
        GET_DOCUMENTS_AND_ASSOCIATIONS => "GetDocumentsAndAssociations",
        GET_DOCUMENTS => "GetDocuments",
        _ => "",
    };
    ctx.trace.action = format!(
        "{} {}",
        if query_name.is_empty() {
            &q.id
        } else {
            query_name
        },
        q.return_type
    );
    let fail = |ctx: &mut Ctx<'_>, e: RegistryError| {
        ctx.trace.outcome = e.code.clone();
        Ok(Reply::xml(query_response(FAILURE, &[e], "")))
    };
    if query_name.is_empty() {
        return fail(
            ctx,
            RegistryError::new(
                "XDSUnknownStoredQuery",
                format!("requête stockée inconnue : {}", q.id),
            ),
        );
    }
    if q.return_type != "LeafClass" && q.return_type != "ObjectRef" {
        return fail(
            ctx,
            RegistryError::new(
                "XDSRegistryError",
                format!("returnType inconnu : {}", q.return_type),
            ),
        );
    }
    let Some(vihf_ins) = ctx.vihf.resource.clone() else {
        return Err(Fault::sender(
            super::vihf::INVALID_VIHF,
            "resource-id absent du VIHF",
        ));
    };
    ctx.trace.ins = vihf_ins.value.clone();
    // The patient named by the query must be the VIHF's patient.
    let pid_slot = match query_name {
        "FindDocuments" => Some("$XDSDocumentEntryPatientId"),
        "FindSubmissionSets" => Some("$XDSSubmissionSetPatientId"),
        _ => None,
    };
    if let Some(slot_name) = pid_slot {
        let Some(pid) = q.one(slot_name) else {
            return fail(
                ctx,
                RegistryError::new(
                    "XDSStoredQueryParamNumber",
                    format!("paramètre obligatoire {slot_name} absent"),
                ),
            );
        };
        match Ins::parse_cx(&pid) {
            Ok(i) if i == vihf_ins => {}
            Ok(_) => {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSPatientIdDoesNotMatch",
                        "l'identifiant patient de la requête diffère de celui du VIHF",
                    ),
                );
            }
            Err(e) => {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSUnknownPatientId",
                        format!("identifiant patient invalide : {e}"),
                    ),
                );
            }
        }
    }

    let op = if query_name == "GetDocuments" {
        Op::Td31Reference
    } else {
        Op::Td31Metadata
    };
    let conn = ctx.state.store.conn();
    let (patient, pctx) = patient_ctx(&conn, &ctx.caller, &vihf_ins.value).map_err(db_fault)?;
    let col = match rights::check(&ctx.caller, &pctx, op) {
        Ok(c) => c,
        Err(d) => {
            drop(conn);
            return fail(ctx, d.into());
        }
    };
    let Some(patient) = patient else {
        drop(conn);
        return fail(
            ctx,
            RegistryError::new("XDSUnknownPatientId", "patient inconnu"),
        );
    };
    let scope = Scope {
        caller: &ctx.caller,
        col,
        pctx: &pctx,
    };
    let docs = store::documents_of_patient(&conn, &patient.ins).map_err(db_fault)?;
    let sets = store::submission_sets_of_patient(&conn, &patient.ins).map_err(db_fault)?;
    let assocs = store::all_associations(&conn).map_err(db_fault)?;
    let outages = store::registry_outages_of_patient(&conn, &patient.ins).map_err(db_fault)?;
    drop(conn);
    let leaf = q.return_type == "LeafClass";
    let errors = outage_errors(query_name, &q, &outages, &docs, &assocs);
    // A document held by a part that does not answer is in no answer, nor is its submission
    // set or any association of it.
    let unavailable: BTreeSet<&str> = outages.iter().map(|o| o.entry_uuid.as_str()).collect();

    let mut out_docs: Vec<&Document> = Vec::new();
    let mut out_sets: Vec<&SubmissionSet> = Vec::new();
    let mut out_assocs: Vec<&Association> = Vec::new();
    let visible_ids: BTreeSet<&str> = docs
        .iter()
        .filter(|d| scope.visible(d) && !unavailable.contains(d.entry_uuid.as_str()))
        .map(|d| d.entry_uuid.as_str())
        .collect();
    let set_visible = |ss: &SubmissionSet| {
        assocs
            .iter()
            .any(|a| a.source == ss.entry_uuid && visible_ids.contains(a.target.as_str()))
    };
    let assoc_visible = |a: &Association| {
        let ok = |id: &str| {
            visible_ids.contains(id) || sets.iter().any(|s| s.entry_uuid == id && set_visible(s))
        };
        ok(&a.source) && ok(&a.target)
    };

    match query_name {
        "FindDocuments" => {
            let statuses = q.values("$XDSDocumentEntryStatus");
            if statuses.is_empty() {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSStoredQueryParamNumber",
                        "paramètre obligatoire $XDSDocumentEntryStatus absent",
                    ),
                );
            }
            let class = q.values("$XDSDocumentEntryClassCode");
            let type_ = q.values("$XDSDocumentEntryTypeCode");
            let format = q.values("$XDSDocumentEntryFormatCode");
            let facility = q.values("$XDSDocumentEntryHealthcareFacilityTypeCode");
            let practice = q.values("$XDSDocumentEntryPracticeSettingCode");
            let conf = q.values("$XDSDocumentEntryConfidentialityCode");
            let authors = q.values("$XDSDocumentEntryAuthorPerson");
            let get = |n: &str| q.one(n);
            let (cf, ct) = (
                get("$XDSDocumentEntryCreationTimeFrom"),
                get("$XDSDocumentEntryCreationTimeTo"),
            );
            let (sf, st) = (
                get("$XDSDocumentEntryServiceStartTimeFrom"),
                get("$XDSDocumentEntryServiceStartTimeTo"),
            );
            let (ef, et) = (
                get("$XDSDocumentEntryServiceStopTimeFrom"),
                get("$XDSDocumentEntryServiceStopTimeTo"),
            );
            for d in &docs {
                if !statuses.contains(&d.status) || !visible_ids.contains(d.entry_uuid.as_str()) {
                    continue;
                }
                if !code_matches(&class, &d.class_code)
                    || !code_matches(&type_, &d.type_code)
                    || !code_matches(&format, &d.format_code)
                    || !code_matches(&facility, &d.facility_code)
                    || !code_matches(&practice, &d.practice_code)
                {
                    continue;
                }
                if !conf.is_empty()
                    && !d
                        .confidentiality
                        .split_whitespace()
                        .any(|c| code_matches(&conf, c))
                {
                    continue;
                }
                let xcn = author_xcn(&d.author_id, &d.author_family, &d.author_given);
                if !authors.is_empty() && !authors.iter().any(|a| like(a, &xcn)) {
                    continue;
                }
                if !in_range(Some(&d.creation_time), cf.as_ref(), ct.as_ref())
                    || !in_range(Some(&d.service_start), sf.as_ref(), st.as_ref())
                    || !in_range(d.service_stop.as_deref(), ef.as_ref(), et.as_ref())
                {
                    continue;
                }
                out_docs.push(d);
            }
        }
        "FindSubmissionSets" => {
            let statuses = q.values("$XDSSubmissionSetStatus");
            if statuses.is_empty() {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSStoredQueryParamNumber",
                        "paramètre obligatoire $XDSSubmissionSetStatus absent",
                    ),
                );
            }
            let from = q.one("$XDSSubmissionSetSubmissionTimeFrom");
            let to = q.one("$XDSSubmissionSetSubmissionTimeTo");
            let content = q.values("$XDSSubmissionSetContentType");
            let authors = q.values("$XDSSubmissionSetAuthorPerson");
            let sources = q.values("$XDSSubmissionSetSourceId");
            for s in &sets {
                if !statuses.iter().any(|x| x == APPROVED) || !set_visible(s) {
                    continue;
                }
                if !in_range(Some(&s.submission_time), from.as_ref(), to.as_ref())
                    || !code_matches(&content, &s.content_type_code)
                    || (!sources.is_empty() && !sources.contains(&s.source_id))
                {
                    continue;
                }
                let xcn = author_xcn(&s.author_id, &s.author_family, &s.author_given);
                if !authors.is_empty() && !authors.iter().any(|a| like(a, &xcn)) {
                    continue;
                }
                out_sets.push(s);
            }
        }
        "GetAssociations" => {
            let uuids = q.values("$uuid");
            if uuids.is_empty() {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSStoredQueryParamNumber",
                        "paramètre obligatoire $uuid absent",
                    ),
                );
            }
            for a in &assocs {
                if (uuids.contains(&a.source) || uuids.contains(&a.target)) && assoc_visible(a) {
                    out_assocs.push(a);
                }
            }
        }
        _ => {
            // GetDocuments / GetDocumentsAndAssociations
            let uuids = q.values("$XDSDocumentEntryEntryUUID");
            let uids = q.values("$XDSDocumentEntryUniqueId");
            if uuids.is_empty() == uids.is_empty() {
                return fail(ctx, RegistryError::new("XDSStoredQueryParamNumber", "un et un seul de $XDSDocumentEntryEntryUUID, $XDSDocumentEntryUniqueId attendu"));
            }
            for d in &docs {
                if (uuids.contains(&d.entry_uuid) || uids.contains(&d.unique_id))
                    && visible_ids.contains(d.entry_uuid.as_str())
                {
                    out_docs.push(d);
                }
            }
            if query_name == "GetDocumentsAndAssociations" {
                for a in &assocs {
                    if out_docs
                        .iter()
                        .any(|d| d.entry_uuid == a.source || d.entry_uuid == a.target)
                        && assoc_visible(a)
                    {
                        out_assocs.push(a);
                    }
                }
            }
        }
    }

    let mut objects = String::new();
    for d in &out_docs {
        objects.push_str(&if leaf {
            document_leaf(d, &patient)
        } else {
            object_ref(&d.entry_uuid)
        });
    }
    for s in &out_sets {
        objects.push_str(&if leaf {
            submission_set_leaf(s, &patient)
        } else {
            object_ref(&s.entry_uuid)
        });
    }
    for a in &out_assocs {
        objects.push_str(&if leaf {
            association_leaf(a)
        } else {
            object_ref(&a.entry_uuid)
        });
    }
    ctx.trace.documents = out_docs.iter().map(|d| d.unique_id.clone()).collect();
    if errors.is_empty() {
        return Ok(Reply::xml(query_response(SUCCESS, &[], &objects)));
    }
    ctx.trace.outcome = "PartialSuccess".into();
    Ok(Reply::xml(query_response(PARTIAL, &errors, &objects)))
}

/// The RegistryErrors of the outages this query runs into: a search of the patient
/// (FindDocuments, FindSubmissionSets) cannot know what the silent part holds, so every outage
/// of the patient makes it partial; a query by id only when it names a document of that part
/// (by entryUUID or uniqueId) or its submission set.
fn outage_errors(
    query_name: &str,
    q: &Query,
    outages: &[store::RegistryOutage],
    docs: &[Document],
    assocs: &[Association],
) -> Vec<RegistryError> {
    let named: BTreeSet<String> = [
        "$uuid",
        "$XDSDocumentEntryEntryUUID",
        "$XDSDocumentEntryUniqueId",
    ]
    .iter()
    .flat_map(|slot| q.values(slot))
    .collect();
    outages
        .iter()
        .filter(|o| {
            if matches!(query_name, "FindDocuments" | "FindSubmissionSets") {
                return true;
            }
            let unique_id = docs
                .iter()
                .find(|d| d.entry_uuid == o.entry_uuid)
                .map(|d| d.unique_id.as_str());
            named.contains(&o.entry_uuid)
                || unique_id.is_some_and(|u| named.contains(u))
                || assocs.iter().any(|a| {
                    a.assoc_type == super::seed::HAS_MEMBER
                        && a.target == o.entry_uuid
                        && named.contains(&a.source)
                })
        })
        .map(|o| RegistryError {
            code: o.error_code.clone(),
            context: o.code_context.clone(),
            location: o.location.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_value_forms() {
        assert_eq!(slot_values(&["('a','b')".into()]), vec!["a", "b"]);
        assert_eq!(slot_values(&["'x^^y'".into()]), vec!["x^^y"]);
        assert_eq!(
            slot_values(&["('a')".into(), "('b')".into()]),
            vec!["a", "b"]
        );
    }

    #[test]
    fn like_matching() {
        assert!(like(
            "%TESTDOC0000001%",
            "899700000017^TESTDOC0000001^CAMILLE"
        ));
        assert!(like("8997000000_7%", "899700000017^X"));
        assert!(!like("%NOPE%", "899700000017^X"));
    }
}
