//! TD2.1 / TD2.1b: IHE ITI-41 Provide and Register Document Set-b on
//! `DocumentRepository_Service`, as MTOM/XOP (or with the documents inline in base64).
//!
//! Every check refuses the whole submission with a RegistryError, as IHE ITI TF-3 4.2.4 names
//! them: nothing is stored unless everything passes. Sandbox conventions where the public
//! material is silent (SEED.md repeats them):
//! - a signature that does not verify is `DMPInvalidSignature`, a signer who is not the
//!   authenticated practitioner (direct) or the structure (indirect) `DMPInvalidCertificate`,
//!   the codes of the VIHF checks;
//! - a replacement (RPLC) is allowed to the author of the replaced document (direct mode) or
//!   to its structure (indirect mode), and only of an Approved document of the same patient;
//! - in indirect mode the documents' authorInstitution must be the structure (the submission
//!   is ascribed to it, PDT-INF-526 note 4);
//! - a document cannot be both MASQUE_PS and INVISIBLE_PATIENT (EX_2.1-1050, the DMP
//!   parameter `cumul-invisible_patient-masque_ps` being false).

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use sha1::{Digest, Sha1};

use super::ins::Ins;
use super::registry::{error_list, RegistryError, NS_RIM, NS_RS};
use super::rights::{self, AuthMode, Op};
use super::seed::{APPROVED, DEPRECATED, HAS_MEMBER, RPLC};
use super::soap::{self, child, children, Fault, XOP};
use super::store::{self, Association, Document, SubmissionSet};
use super::value_sets as vs;
use super::{db_fault, patient_ctx, Ctx, Reply};

pub const ACTION: &str = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
pub const RESPONSE_ACTION: &str = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse";
/// The `action` of the official example's root MIME part.
pub const DMP_CT_ACTION: &str = "DocumentRepository_ProvideAndRegisterDocumentSet-b";
pub const NS_XDSB: &str = "urn:ihe:iti:xds-b:2007";
pub const NS_LCM: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
pub const BODY_NAME: &str = "ProvideAndRegisterDocumentSetRequest";
pub const SIGNS: &str = "urn:ihe:iti:2007:AssociationType:signs";

const SUCCESS: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
const FAILURE: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

const SS_NODE: &str = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
const SS_AUTHOR: &str = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
const SS_CONTENT_TYPE: &str = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
const SS_PATIENT_ID: &str = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
const SS_SOURCE_ID: &str = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
const SS_UNIQUE_ID: &str = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
const DE_TYPE_OBJECT: &str = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
const DE_AUTHOR: &str = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
const DE_CLASS: &str = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
const DE_TYPE: &str = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
const DE_CONF: &str = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
const DE_FORMAT: &str = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
const DE_FACILITY: &str = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
const DE_PRACTICE: &str = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
const DE_PATIENT_ID: &str = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
const DE_UNIQUE_ID: &str = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";

pub const MISSING_DOCUMENT: &str = "XDSMissingDocument";
pub const MISSING_METADATA: &str = "XDSMissingDocumentMetadata";
pub const NON_IDENTICAL_HASH: &str = "XDSNonIdenticalHash";
pub const NON_IDENTICAL_SIZE: &str = "XDSNonIdenticalSize";
pub const DUPLICATE_UNIQUE_ID: &str = "XDSDuplicateUniqueIdInRegistry";
pub const METADATA_ERROR: &str = "XDSRegistryMetadataError";
pub const PATIENT_MISMATCH: &str = "XDSPatientIdDoesNotMatch";
pub const UNKNOWN_PATIENT: &str = "XDSUnknownPatientId";

fn response(status: &str, errors: &[RegistryError]) -> String {
    let errs = if errors.is_empty() {
        String::new()
    } else {
        error_list(errors)
    };
    format!("<rs:RegistryResponse xmlns:rs=\"{NS_RS}\" status=\"{status}\">{errs}</rs:RegistryResponse>")
}

/// A coded value of a Classification.
#[derive(Debug, Clone, Default)]
struct Coded {
    code: String,
    system: String,
    display: String,
}

/// A RegistryPackage or an ExtrinsicObject, as submitted.
#[derive(Debug, Clone, Default)]
struct Object {
    id: String,
    mime_type: String,
    object_type: String,
    slots: BTreeMap<String, Vec<String>>,
    title: String,
    comments: Option<String>,
    /// (classificationScheme, value): coded classifications.
    coded: Vec<(String, Coded)>,
    /// Slots of the author classification.
    author: BTreeMap<String, Vec<String>>,
    /// identificationScheme → value.
    ext_ids: BTreeMap<String, String>,
    /// classificationNode values (the submission-set node).
    nodes: Vec<String>,
}

impl Object {
    fn slot(&self, name: &str) -> Option<&str> {
        self.slots
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
    }
    fn codes(&self, scheme: &str) -> Vec<&Coded> {
        self.coded
            .iter()
            .filter(|(s, _)| s == scheme)
            .map(|(_, c)| c)
            .collect()
    }
    fn author_slot(&self, name: &str) -> Option<&str> {
        self.author
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
    }
}

fn slots_of(node: roxmltree::Node<'_, '_>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in children(node).filter(|n| n.tag_name().name() == "Slot") {
        let values = child(s, NS_RIM, "ValueList")
            .map(|vl| {
                children(vl)
                    .filter(|v| v.tag_name().name() == "Value")
                    .map(soap::text)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        out.entry(s.attribute("name").unwrap_or_default().to_string())
            .or_default()
            .extend(values);
    }
    out
}

fn localized(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    child(node, NS_RIM, name)
        .and_then(|n| child(n, NS_RIM, "LocalizedString"))
        .and_then(|l| l.attribute("value"))
        .map(str::to_string)
}

fn parse_object(node: roxmltree::Node<'_, '_>) -> Object {
    let mut o = Object {
        id: node.attribute("id").unwrap_or_default().to_string(),
        mime_type: node.attribute("mimeType").unwrap_or_default().to_string(),
        object_type: node.attribute("objectType").unwrap_or_default().to_string(),
        slots: slots_of(node),
        title: localized(node, "Name").unwrap_or_default(),
        comments: localized(node, "Description"),
        ..Default::default()
    };
    add_classifications(&mut o, children(node));
    for e in children(node).filter(|n| n.tag_name().name() == "ExternalIdentifier") {
        o.ext_ids.insert(
            e.attribute("identificationScheme")
                .unwrap_or_default()
                .to_string(),
            e.attribute("value").unwrap_or_default().to_string(),
        );
    }
    o
}

fn add_classifications<'a, 'i: 'a>(
    o: &mut Object,
    nodes: impl Iterator<Item = roxmltree::Node<'a, 'i>>,
) {
    for c in nodes.filter(|n| n.tag_name().name() == "Classification") {
        if let Some(node) = c.attribute("classificationNode") {
            o.nodes.push(node.to_string());
            continue;
        }
        let scheme = c
            .attribute("classificationScheme")
            .unwrap_or_default()
            .to_string();
        if scheme == DE_AUTHOR || scheme == SS_AUTHOR {
            for (k, v) in slots_of(c) {
                o.author.entry(k).or_default().extend(v);
            }
            continue;
        }
        let slots = slots_of(c);
        o.coded.push((
            scheme,
            Coded {
                code: c
                    .attribute("nodeRepresentation")
                    .unwrap_or_default()
                    .to_string(),
                system: slots
                    .get("codingScheme")
                    .and_then(|v| v.first())
                    .cloned()
                    .unwrap_or_default(),
                display: localized(c, "Name").unwrap_or_default(),
            },
        ));
    }
}

struct Assoc {
    kind: String,
    source: String,
    target: String,
}

/// The submission as read from the request.
struct Submission {
    set: Object,
    entries: Vec<Object>,
    associations: Vec<Assoc>,
    /// Document id → bytes, or the reason they could not be read.
    documents: BTreeMap<String, Result<Vec<u8>, String>>,
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if let Ok(v) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The MIME parts of the request (none when it is plain SOAP).
fn mime_parts(req: &super::http::Request) -> Vec<soap::Part> {
    let ct = req.header("content-type").unwrap_or("");
    if !ct.to_ascii_lowercase().starts_with("multipart/related") {
        return Vec::new();
    }
    soap::content_type_param(ct, "boundary")
        .and_then(|b| soap::parse_multipart(&req.body, &b).ok())
        .unwrap_or_default()
}

fn read_submission(
    body: roxmltree::Node<'_, '_>,
    parts: &[soap::Part],
) -> Result<Submission, RegistryError> {
    let meta_err = |m: &str| RegistryError::new(METADATA_ERROR, m);
    let list = child(body, NS_LCM, "SubmitObjectsRequest")
        .and_then(|s| child(s, NS_RIM, "RegistryObjectList"))
        .ok_or_else(|| meta_err("lcm:SubmitObjectsRequest/rim:RegistryObjectList absent"))?;
    let mut packages = Vec::new();
    let mut entries = Vec::new();
    let mut associations = Vec::new();
    for n in children(list) {
        match n.tag_name().name() {
            "RegistryPackage" => packages.push(parse_object(n)),
            "ExtrinsicObject" => entries.push(parse_object(n)),
            "Association" => associations.push(Assoc {
                kind: n
                    .attribute("associationType")
                    .unwrap_or_default()
                    .to_string(),
                source: n.attribute("sourceObject").unwrap_or_default().to_string(),
                target: n.attribute("targetObject").unwrap_or_default().to_string(),
            }),
            _ => {}
        }
    }
    // Classifications standing alone in the list (the submission-set node may be one).
    for c in children(list).filter(|n| n.tag_name().name() == "Classification") {
        let target = c.attribute("classifiedObject").unwrap_or_default();
        if let Some(p) = packages.iter_mut().find(|p| p.id == target) {
            add_classifications(p, std::iter::once(c));
        }
    }
    let mut sets: Vec<Object> = packages
        .into_iter()
        .filter(|p| p.nodes.iter().any(|n| n == SS_NODE))
        .collect();
    if sets.len() != 1 {
        return Err(meta_err(&format!(
            "une et une seule soumission (RegistryPackage classé {SS_NODE}) attendue, {} reçue(s)",
            sets.len()
        )));
    }
    let set = sets.remove(0);
    let by_cid: BTreeMap<String, &soap::Part> = parts
        .iter()
        .filter_map(|p| p.content_id().map(|id| (id, p)))
        .collect();
    let mut documents = BTreeMap::new();
    for d in children(body).filter(|n| n.tag_name().name() == "Document") {
        let id = d.attribute("id").unwrap_or_default().to_string();
        let content = match child(d, XOP, "Include") {
            Some(inc) => {
                let href = inc.attribute("href").unwrap_or_default();
                let cid = percent_decode(href.strip_prefix("cid:").unwrap_or(href));
                by_cid
                    .get(&cid)
                    .map(|p| p.body.clone())
                    .ok_or_else(|| format!("partie MIME {href} introuvable"))
            }
            None => {
                let b64: String = d
                    .text()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                base64::engine::general_purpose::STANDARD
                    .decode(b64.as_bytes())
                    .map_err(|_| "contenu base64 illisible".to_string())
            }
        };
        documents.insert(id, content);
    }
    Ok(Submission {
        set,
        entries,
        associations,
        documents,
    })
}

/// XCN `id^family^given^…` → (id, family, given).
fn xcn(v: &str) -> (String, String, String) {
    let p: Vec<&str> = v.split('^').collect();
    let get = |i: usize| p.get(i).copied().unwrap_or("").to_string();
    (get(0), get(1), get(2))
}

/// XON `name^^^^^&OID&ISO^IDNST^^^id` → (id, name).
fn xon(v: &str) -> (String, String) {
    let p: Vec<&str> = v.split('^').collect();
    (
        p.get(9).copied().unwrap_or("").to_string(),
        p.first().copied().unwrap_or("").to_string(),
    )
}

fn is_signature(o: &Object) -> bool {
    o.codes(DE_CLASS)
        .iter()
        .any(|c| c.code == vs::SIGNATURE_CLASS)
}

fn is_hl7_time(t: &str) -> bool {
    (4..=14).contains(&t.len())
        && t.len().is_multiple_of(2)
        && t.bytes().all(|b| b.is_ascii_digit())
}

/// One code of `scheme`: exactly one, or an error naming it.
fn one_code<'a>(o: &'a Object, scheme: &str, what: &str) -> Result<&'a Coded, RegistryError> {
    match o.codes(scheme).as_slice() {
        [c] => Ok(c),
        [] => Err(RegistryError::new(
            METADATA_ERROR,
            format!("{what} absent pour le document {}", o.id),
        )),
        _ => Err(RegistryError::new(
            METADATA_ERROR,
            format!("plusieurs {what} pour le document {}", o.id),
        )),
    }
}

fn bad_code(o: &Object, what: &str, c: &Coded) -> RegistryError {
    RegistryError::new(
        METADATA_ERROR,
        format!(
            "{what} {} (système {}) du document {} absent du jeu de valeurs du DMP",
            c.code, c.system, o.id
        ),
    )
}

/// Whether a code is in its value set.
type CodeCheck<'a> = dyn Fn(&Coded) -> bool + 'a;

/// The metadata checks of one DocumentEntry (value sets, required slots, patient).
fn check_entry(o: &Object, ins: &Ins, errors: &mut Vec<RegistryError>) {
    let mut push = |e: RegistryError| errors.push(e);
    let meta = |m: String| RegistryError::new(METADATA_ERROR, m);
    if o.object_type != DE_TYPE_OBJECT {
        push(meta(format!(
            "objectType {} du document {} : {DE_TYPE_OBJECT} attendu",
            o.object_type, o.id
        )));
    }
    if o.mime_type.is_empty() {
        push(meta(format!("mimeType absent pour le document {}", o.id)));
    }
    match o.ext_ids.get(DE_PATIENT_ID) {
        None => push(meta(format!(
            "XDSDocumentEntry.patientId absent pour le document {}",
            o.id
        ))),
        Some(pid) => match Ins::parse_cx(pid) {
            Ok(i) if &i == ins => {}
            _ => push(RegistryError::new(
                PATIENT_MISMATCH,
                format!(
                    "l'identifiant patient du document {} ({pid}) diffère de celui de la soumission",
                    o.id
                ),
            )),
        },
    }
    if o.ext_ids.get(DE_UNIQUE_ID).is_none_or(|u| u.is_empty()) {
        push(meta(format!(
            "XDSDocumentEntry.uniqueId absent pour le document {}",
            o.id
        )));
    }
    for slot in ["creationTime", "serviceStartTime"] {
        match o.slot(slot) {
            Some(t) if is_hl7_time(t) => {}
            Some(t) => push(meta(format!(
                "{slot} {t} mal formé pour le document {}",
                o.id
            ))),
            None => push(meta(format!("{slot} absent pour le document {}", o.id))),
        }
    }
    if let Some(t) = o.slot("serviceStopTime").filter(|t| !is_hl7_time(t)) {
        push(meta(format!(
            "serviceStopTime {t} mal formé pour le document {}",
            o.id
        )));
    }
    if o.slot("languageCode").is_none() {
        push(meta(format!(
            "languageCode absent pour le document {}",
            o.id
        )));
    }
    if o.author_slot("authorPerson").is_none() {
        push(meta(format!(
            "auteur (authorPerson) absent pour le document {}",
            o.id
        )));
    }
    if let Some(spec) = o.author_slot("authorSpecialty") {
        let p: Vec<&str> = spec.split('^').collect();
        if !vs::specialty_ok(p[0], p.get(2).copied().unwrap_or("")) {
            push(meta(format!(
                "authorSpecialty {spec} du document {} absent du jeu de valeurs du DMP",
                o.id
            )));
        }
    }
    let signature = is_signature(o);
    let checks: [(&str, &str, &CodeCheck); 5] = [
        (DE_CLASS, "classCode", &|c| {
            if signature {
                c.code == vs::SIGNATURE_CLASS
            } else {
                vs::lookup(&vs::CLASS, &c.code, &c.system).is_some()
            }
        }),
        (DE_TYPE, "typeCode", &|c| {
            if signature {
                c.code == vs::SIGNATURE_TYPE
            } else {
                vs::lookup(&vs::TYPE, &c.code, &c.system).is_some()
            }
        }),
        (DE_FORMAT, "formatCode", &|c| {
            if signature {
                c.code == vs::SIGNATURE_FORMAT
            } else {
                vs::format_ok(&c.code, &c.system)
            }
        }),
        (DE_FACILITY, "healthcareFacilityTypeCode", &|c| {
            vs::facility_ok(&c.code, &c.system)
        }),
        (DE_PRACTICE, "practiceSettingCode", &|c| {
            vs::lookup(&vs::PRACTICE, &c.code, &c.system).is_some()
        }),
    ];
    for (scheme, what, ok) in checks {
        match one_code(o, scheme, what) {
            Ok(c) if ok(c) => {}
            Ok(c) => push(bad_code(o, what, c)),
            Err(e) => push(e),
        }
    }
    let conf = o.codes(DE_CONF);
    if conf.is_empty() {
        push(meta(format!(
            "confidentialityCode absent pour le document {}",
            o.id
        )));
    }
    for c in &conf {
        if vs::lookup(&vs::CONFIDENTIALITY, &c.code, &c.system).is_none() {
            push(bad_code(o, "confidentialityCode", c));
        }
    }
    if !conf.is_empty() && !conf.iter().any(|c| c.system == vs::SYS_CONF_HL7) {
        push(meta(format!(
            "confidentialityCode du document {} : un code {} (N, R ou V) est obligatoire",
            o.id,
            vs::SYS_CONF_HL7
        )));
    }
    let has = |code: &str| conf.iter().any(|c| c.code == code);
    if !signature && has("MASQUE_PS") && has("INVISIBLE_PATIENT") {
        push(meta(format!(
            "le document {} ne peut être à la fois masqué aux professionnels (MASQUE_PS) et non visible du patient (INVISIBLE_PATIENT)",
            o.id
        )));
    }
}

/// The submission-set checks: patient, value sets, ids.
fn check_set(set: &Object, ins: &Ins, errors: &mut Vec<RegistryError>) {
    let meta = |m: String| RegistryError::new(METADATA_ERROR, m);
    for (scheme, what) in [
        (SS_UNIQUE_ID, "XDSSubmissionSet.uniqueId"),
        (SS_SOURCE_ID, "XDSSubmissionSet.sourceId"),
    ] {
        if set.ext_ids.get(scheme).is_none_or(|v| v.is_empty()) {
            errors.push(meta(format!("{what} absent")));
        }
    }
    match set.slot("submissionTime") {
        Some(t) if is_hl7_time(t) => {}
        _ => errors.push(meta("submissionTime absent ou mal formé".into())),
    }
    if set.author_slot("authorPerson").is_none() && set.author_slot("authorInstitution").is_none() {
        errors.push(meta("auteur de la soumission absent".into()));
    }
    match set.codes(SS_CONTENT_TYPE).as_slice() {
        [c] if vs::content_type_ok(&c.code, &c.system) => {}
        [c] => errors.push(meta(format!(
            "contentTypeCode {} (système {}) absent du jeu de valeurs du DMP",
            c.code, c.system
        ))),
        _ => errors.push(meta("un et un seul contentTypeCode attendu".into())),
    }
    let _ = ins;
}

/// TD2.1 handler.
pub fn provide_and_register(
    ctx: &mut Ctx<'_>,
    body: roxmltree::Node<'_, '_>,
) -> Result<Reply, Fault> {
    let Some(vihf_ins) = ctx.vihf.resource.clone() else {
        return Err(Fault::sender(
            super::vihf::INVALID_VIHF,
            "resource-id absent du VIHF",
        ));
    };
    ctx.trace.ins = vihf_ins.value.clone();
    ctx.trace.action = "ProvideAndRegisterDocumentSet-b".into();
    let fail = |ctx: &mut Ctx<'_>, errors: Vec<RegistryError>| {
        ctx.trace.outcome = errors.first().map(|e| e.code.clone()).unwrap_or_default();
        Ok(Reply::xml(response(FAILURE, &errors)))
    };

    // Rights first: the VIHF's patient, the caller's column (TD2.1: CPE refused).
    let conn = ctx.state.store.conn();
    let (patient, pctx) = patient_ctx(&conn, &ctx.caller, &vihf_ins.value).map_err(db_fault)?;
    drop(conn);
    if patient.is_none() {
        return fail(
            ctx,
            vec![RegistryError::new(
                UNKNOWN_PATIENT,
                format!("patient inconnu : {}", vihf_ins.value),
            )],
        );
    }
    if let Err(d) = rights::check(&ctx.caller, &pctx, Op::Td21) {
        return fail(ctx, vec![d.into()]);
    }

    let parts = mime_parts(ctx.request);
    let sub = match read_submission(body, &parts) {
        Ok(s) => s,
        Err(e) => return fail(ctx, vec![e]),
    };
    let mut errors = Vec::new();

    // The submission set names the patient; it must be the VIHF's.
    let Some(ss_pid) = sub.set.ext_ids.get(SS_PATIENT_ID) else {
        return fail(
            ctx,
            vec![RegistryError::new(
                METADATA_ERROR,
                "XDSSubmissionSet.patientId absent",
            )],
        );
    };
    let ins = match Ins::parse_cx(ss_pid) {
        Ok(i) => i,
        Err(e) => {
            return fail(
                ctx,
                vec![RegistryError::new(
                    UNKNOWN_PATIENT,
                    format!("identifiant patient de la soumission invalide : {e}"),
                )],
            )
        }
    };
    if ins != vihf_ins {
        return fail(
            ctx,
            vec![RegistryError::new(
                PATIENT_MISMATCH,
                "l'identifiant patient de la soumission diffère de celui du VIHF",
            )],
        );
    }
    check_set(&sub.set, &ins, &mut errors);

    // Every entry has its document and every document its entry.
    let entry_ids: BTreeSet<&str> = sub.entries.iter().map(|e| e.id.as_str()).collect();
    for e in &sub.entries {
        match sub.documents.get(&e.id) {
            None => errors.push(RegistryError::new(
                MISSING_DOCUMENT,
                format!("aucun document pour la fiche {}", e.id),
            )),
            Some(Err(why)) => errors.push(RegistryError::new(
                MISSING_DOCUMENT,
                format!("document {} illisible : {why}", e.id),
            )),
            Some(Ok(_)) => {}
        }
    }
    for id in sub.documents.keys() {
        if !entry_ids.contains(id.as_str()) {
            errors.push(RegistryError::new(
                MISSING_METADATA,
                format!("aucune fiche (ExtrinsicObject) pour le document {id}"),
            ));
        }
    }
    if sub.entries.iter().all(is_signature) {
        errors.push(RegistryError::new(
            METADATA_ERROR,
            "la soumission ne contient aucun document",
        ));
    }

    // Each entry: metadata, then hash and size recomputed.
    let mut hashes: BTreeMap<&str, (String, usize)> = BTreeMap::new();
    for e in &sub.entries {
        check_entry(e, &ins, &mut errors);
        let Some(Ok(content)) = sub.documents.get(&e.id) else {
            continue;
        };
        let hash = hex::encode(Sha1::digest(content));
        if let Some(h) = e.slot("hash") {
            if !h.eq_ignore_ascii_case(&hash) {
                errors.push(RegistryError::new(
                    NON_IDENTICAL_HASH,
                    format!(
                        "l'empreinte SHA-1 du document {} ({h}) diffère de celle calculée ({hash})",
                        e.id
                    ),
                ));
            }
        }
        if let Some(s) = e.slot("size") {
            if s.parse::<usize>().ok() != Some(content.len()) {
                errors.push(RegistryError::new(
                    NON_IDENTICAL_SIZE,
                    format!(
                        "la taille du document {} ({s}) diffère de celle reçue ({})",
                        e.id,
                        content.len()
                    ),
                ));
            }
        }
        hashes.insert(e.id.as_str(), (hash, content.len()));
    }

    // Indirect mode: the documents are ascribed to the structure.
    if ctx.caller.mode == AuthMode::Indirect {
        for e in sub.entries.iter().filter(|e| !is_signature(e)) {
            let (sid, _) = xon(e.author_slot("authorInstitution").unwrap_or(""));
            if sid != ctx.caller.structure_id {
                errors.push(RegistryError::new(
                    METADATA_ERROR,
                    format!(
                        "authorInstitution du document {} ({sid}) : en authentification indirecte, la structure {} attendue",
                        e.id, ctx.caller.structure_id
                    ),
                ));
            }
        }
    }

    // Associations: every entry a member of the set; the signature signs the set.
    let set_id = sub.set.id.as_str();
    for e in &sub.entries {
        if !sub
            .associations
            .iter()
            .any(|a| a.kind == HAS_MEMBER && a.source == set_id && a.target == e.id)
        {
            errors.push(RegistryError::new(
                METADATA_ERROR,
                format!(
                    "association HasMember de la soumission vers {} absente",
                    e.id
                ),
            ));
        }
    }
    let signatures: Vec<&Object> = sub.entries.iter().filter(|e| is_signature(e)).collect();
    let signature = match signatures.as_slice() {
        [s] => {
            if !sub
                .associations
                .iter()
                .any(|a| a.kind == SIGNS && a.source == s.id && a.target == set_id)
            {
                errors.push(RegistryError::new(
                    METADATA_ERROR,
                    format!("association signs de {} vers la soumission absente", s.id),
                ));
            }
            Some(*s)
        }
        [] => {
            errors.push(RegistryError::new(
                METADATA_ERROR,
                "soumission non signée : document de signature (classCode urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1) absent",
            ));
            None
        }
        _ => {
            errors.push(RegistryError::new(
                METADATA_ERROR,
                "plusieurs documents de signature dans la soumission",
            ));
            None
        }
    };
    // RPLC: the new document (in this submission) replaces a registered entry (entryUUID).
    let replacements: Vec<(&str, &str)> = sub
        .associations
        .iter()
        .filter(|a| a.kind == RPLC)
        .map(|a| (a.source.as_str(), a.target.as_str()))
        .collect();
    for a in &sub.associations {
        let known = [HAS_MEMBER, SIGNS, RPLC];
        if !known.contains(&a.kind.as_str()) {
            errors.push(RegistryError::new(
                METADATA_ERROR,
                format!("type d'association non accepté : {}", a.kind),
            ));
        }
    }
    for (new, _) in &replacements {
        if !entry_ids.contains(new) {
            errors.push(RegistryError::new(
                METADATA_ERROR,
                format!("RPLC : {new} n'est pas un document de la soumission"),
            ));
        }
    }
    if !errors.is_empty() {
        return fail(ctx, errors);
    }

    // The submission-set signature, by xmlsec1 and the manifest against the documents.
    if let Some(s) = signature {
        if let Err(e) = check_signature(ctx, s, &sub) {
            return fail(ctx, vec![e]);
        }
    }

    store_submission(ctx, &sub, &ins, &hashes, &replacements)
}

fn check_signature(ctx: &Ctx<'_>, sig: &Object, sub: &Submission) -> Result<(), RegistryError> {
    let invalid = |m: String| {
        RegistryError::new(
            super::vihf::INVALID_SIGNATURE,
            format!("La signature de la soumission est invalide : {m}"),
        )
    };
    let Some(Ok(xml)) = sub.documents.get(&sig.id) else {
        return Err(invalid("document de signature absent".into()));
    };
    let text = std::str::from_utf8(xml).map_err(|_| invalid("signature non UTF-8".into()))?;
    let parsed = super::xades::parse(text).map_err(invalid)?;
    let signer = super::tls::identity(&parsed.cert_der).map_err(invalid)?;
    let cert_err = |m: String| {
        RegistryError::new(
            super::vihf::INVALID_CERTIFICATE,
            format!("Le certificat ayant signé la soumission est invalide : {m}"),
        )
    };
    match ctx.caller.mode {
        AuthMode::Direct | AuthMode::IndirectReinforced => {
            if !signer.is_personal() || !signer.non_repudiation {
                return Err(cert_err("Not a valid signature certificate".into()));
            }
            if signer.cn != ctx.caller.national_id {
                return Err(cert_err(format!(
                    "signataire {} différent du professionnel authentifié {}",
                    signer.cn, ctx.caller.national_id
                )));
            }
        }
        AuthMode::Indirect => {
            if signer.is_personal()
                || signer.ou.as_deref() != Some(ctx.caller.structure_id.as_str())
            {
                return Err(cert_err(format!(
                    "il n'appartient pas à la structure {}",
                    ctx.caller.structure_id
                )));
            }
        }
    }
    super::xades::verify(
        &ctx.state.xmlsec1,
        xml,
        &ctx.state.trusted_pems,
        &ctx.state.tmp_dir,
    )
    .map_err(invalid)?;
    // Every document of the submission is in the manifest with its digest; the set's own
    // reference (its uniqueId) has no content to compare.
    let set_uid = sub
        .set
        .ext_ids
        .get(SS_UNIQUE_ID)
        .cloned()
        .unwrap_or_default();
    let mut covered = BTreeSet::new();
    for r in &parsed.manifest {
        let uid = r.uri.strip_prefix("urn:oid:").unwrap_or(&r.uri);
        if uid == set_uid {
            continue;
        }
        let entry = sub
            .entries
            .iter()
            .find(|e| e.ext_ids.get(DE_UNIQUE_ID).map(String::as_str) == Some(uid))
            .ok_or_else(|| {
                invalid(format!(
                    "le manifeste référence {} absent de la soumission",
                    r.uri
                ))
            })?;
        let Some(Ok(content)) = sub.documents.get(&entry.id) else {
            return Err(invalid(format!("document {} absent", entry.id)));
        };
        super::xades::check_reference(r, content, &ctx.state.tmp_dir).map_err(invalid)?;
        covered.insert(entry.id.clone());
    }
    for e in sub.entries.iter().filter(|e| !is_signature(e)) {
        if !covered.contains(&e.id) {
            return Err(invalid(format!(
                "le document {} n'est pas couvert par le manifeste",
                e.id
            )));
        }
    }
    Ok(())
}

fn coded(o: &Object, scheme: &str) -> Coded {
    o.codes(scheme)
        .first()
        .map(|c| (*c).clone())
        .unwrap_or_default()
}

fn store_submission(
    ctx: &mut Ctx<'_>,
    sub: &Submission,
    ins: &Ins,
    hashes: &BTreeMap<&str, (String, usize)>,
    replacements: &[(&str, &str)],
) -> Result<Reply, Fault> {
    let new_uuid = || format!("urn:uuid:{}", soap::new_uuid());
    let now = super::now_ts();
    let submission_time = sub.set.slot("submissionTime").unwrap_or(&now).to_string();
    let set_uid = sub
        .set
        .ext_ids
        .get(SS_UNIQUE_ID)
        .cloned()
        .unwrap_or_default();
    let uids: Vec<(&Object, String)> = sub
        .entries
        .iter()
        .map(|e| (e, e.ext_ids.get(DE_UNIQUE_ID).cloned().unwrap_or_default()))
        .collect();

    // Checked and written under one lock: two submissions of one uniqueId cannot both pass.
    let conn = ctx.state.store.conn();
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    for uid in uids.iter().map(|(_, u)| u).chain(std::iter::once(&set_uid)) {
        if !seen.insert(uid.clone()) {
            errors.push(RegistryError::new(
                DUPLICATE_UNIQUE_ID,
                format!("uniqueId {uid} présent plusieurs fois dans la soumission"),
            ));
        } else if store::unique_id_registered(&conn, uid).map_err(db_fault)? {
            errors.push(RegistryError::new(
                DUPLICATE_UNIQUE_ID,
                format!("uniqueId {uid} déjà enregistré dans le registre"),
            ));
        }
    }
    let mut replaced = Vec::new();
    for (new, old) in replacements {
        match store::document_by_entry_uuid(&conn, old).map_err(db_fault)? {
            Some(d) if d.ins != ins.value => errors.push(RegistryError::new(
                PATIENT_MISMATCH,
                format!("RPLC : le document remplacé {old} appartient à un autre patient"),
            )),
            Some(d) if d.status != APPROVED => errors.push(RegistryError::new(
                METADATA_ERROR,
                format!(
                    "RPLC : le document remplacé {old} n'est pas approuvé ({})",
                    d.status
                ),
            )),
            Some(d) => {
                let own = match ctx.caller.mode {
                    AuthMode::Indirect => d.author_structure_id == ctx.caller.structure_id,
                    _ => d.author_id == ctx.caller.national_id,
                };
                if own {
                    replaced.push((*new, d));
                } else {
                    errors.push(RegistryError::new(
                        rights::ACCESS_DENIED,
                        format!("Accès refusé par le service de gestion des droits : le document {old} n'a pas été déposé par l'utilisateur"),
                    ));
                }
            }
            None => errors.push(RegistryError::new(
                METADATA_ERROR,
                format!("RPLC : document remplacé {old} inconnu du registre"),
            )),
        }
    }
    if !errors.is_empty() {
        drop(conn);
        ctx.trace.outcome = errors[0].code.clone();
        return Ok(Reply::xml(response(FAILURE, &errors)));
    }

    let tx = conn.unchecked_transaction().map_err(db_fault)?;
    let set_uuid = new_uuid();
    let (set_author_id, set_family, set_given) =
        xcn(sub.set.author_slot("authorPerson").unwrap_or(""));
    let (set_struct_id, set_struct_name) =
        xon(sub.set.author_slot("authorInstitution").unwrap_or(""));
    let content_type = coded(&sub.set, SS_CONTENT_TYPE);
    store::insert_submission_set(
        &tx,
        &SubmissionSet {
            entry_uuid: set_uuid.clone(),
            unique_id: set_uid.clone(),
            source_id: sub
                .set
                .ext_ids
                .get(SS_SOURCE_ID)
                .cloned()
                .unwrap_or_default(),
            ins: ins.value.clone(),
            submission_time: submission_time.clone(),
            title: sub.set.title.clone(),
            content_type_code: content_type.code,
            content_type_display: content_type.display,
            author_id: set_author_id,
            author_given: set_given,
            author_family: set_family,
            author_structure_id: set_struct_id,
            author_structure_name: set_struct_name,
        },
    )
    .map_err(db_fault)?;
    let mut uuid_of: BTreeMap<&str, String> = BTreeMap::new();
    let mut stored = Vec::new();
    for (e, uid) in &uids {
        let entry_uuid = new_uuid();
        uuid_of.insert(e.id.as_str(), entry_uuid.clone());
        let content = match sub.documents.get(&e.id) {
            Some(Ok(c)) => c.clone(),
            _ => Vec::new(),
        };
        let (hash, size) = hashes.get(e.id.as_str()).cloned().unwrap_or_default();
        let (author_id, author_family, author_given) =
            xcn(e.author_slot("authorPerson").unwrap_or(""));
        let (structure_id, structure_name) = xon(e.author_slot("authorInstitution").unwrap_or(""));
        let specialty: Vec<String> = e
            .author_slot("authorSpecialty")
            .unwrap_or("")
            .split('^')
            .map(str::to_string)
            .collect();
        let role = e
            .author_slot("authorRole")
            .map(|r| r.split('^').next().unwrap_or("").to_string())
            .or_else(|| {
                specialty[0]
                    .strip_prefix("G15_")
                    .map(|s| s.split('/').next().unwrap_or("").to_string())
            })
            .unwrap_or_default();
        let class = coded(e, DE_CLASS);
        let type_ = coded(e, DE_TYPE);
        let format = coded(e, DE_FORMAT);
        let facility = coded(e, DE_FACILITY);
        let practice = coded(e, DE_PRACTICE);
        let label = |set: &[vs::Code], c: &Coded| {
            vs::lookup(set, &c.code, &c.system)
                .map(str::to_string)
                .unwrap_or_else(|| c.display.clone())
        };
        let doc = Document {
            entry_uuid: entry_uuid.clone(),
            unique_id: uid.clone(),
            // logicalId: stable across metadata updates, new on replacement (reference §5.3).
            logical_id: entry_uuid.clone(),
            version: 1,
            ins: ins.value.clone(),
            status: APPROVED.into(),
            title: e.title.clone(),
            comments: e.comments.clone(),
            class_display: label(&vs::CLASS, &class),
            class_code: class.code,
            type_display: label(&vs::TYPE, &type_),
            type_code: type_.code,
            format_display: if format.display.is_empty() {
                format.code.clone()
            } else {
                format.display.clone()
            },
            format_code: format.code,
            mime_type: e.mime_type.clone(),
            confidentiality: e
                .codes(DE_CONF)
                .iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            creation_time: e.slot("creationTime").unwrap_or("").to_string(),
            service_start: e.slot("serviceStartTime").unwrap_or("").to_string(),
            service_stop: e.slot("serviceStopTime").map(str::to_string),
            submission_time: submission_time.clone(),
            author_id,
            author_given,
            author_family,
            author_role: role,
            author_specialty: specialty[0].clone(),
            author_specialty_display: specialty.get(1).cloned().unwrap_or_default(),
            author_structure_id: structure_id,
            author_structure_name: structure_name,
            facility_display: if facility.display.is_empty() {
                facility.code.clone()
            } else {
                facility.display.clone()
            },
            facility_code: facility.code,
            practice_display: label(&vs::PRACTICE, &practice),
            practice_code: practice.code,
            hash,
            size: size as i64,
            content,
        };
        store::insert_document(&tx, &doc).map_err(db_fault)?;
        store::insert_association(
            &tx,
            &Association {
                entry_uuid: new_uuid(),
                assoc_type: HAS_MEMBER.into(),
                source: set_uuid.clone(),
                target: entry_uuid.clone(),
                submission_set_status: Some("Original".into()),
            },
        )
        .map_err(db_fault)?;
        if is_signature(e) {
            store::insert_association(
                &tx,
                &Association {
                    entry_uuid: new_uuid(),
                    assoc_type: SIGNS.into(),
                    source: entry_uuid.clone(),
                    target: set_uuid.clone(),
                    submission_set_status: Some("Original".into()),
                },
            )
            .map_err(db_fault)?;
        } else {
            stored.push(uid.clone());
        }
    }
    for (new, old) in &replaced {
        store::insert_association(
            &tx,
            &Association {
                entry_uuid: new_uuid(),
                assoc_type: RPLC.into(),
                source: uuid_of.get(new).cloned().unwrap_or_default(),
                target: old.entry_uuid.clone(),
                submission_set_status: None,
            },
        )
        .map_err(db_fault)?;
        store::set_document_status(&tx, &old.entry_uuid, DEPRECATED).map_err(db_fault)?;
    }
    tx.commit().map_err(db_fault)?;
    drop(conn);
    let mut action = format!("ProvideAndRegisterDocumentSet-b {}", stored.join(","));
    for (_, old) in &replaced {
        action.push_str(&format!(" RPLC {}", old.unique_id));
    }
    ctx.trace.action = action;
    ctx.trace.documents = stored;
    Ok(Reply::xml(response(SUCCESS, &[])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xcn_and_xon_components() {
        assert_eq!(
            xcn("899900063480^MAX^LIBRE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"),
            ("899900063480".into(), "MAX".into(), "LIBRE".into())
        );
        assert_eq!(
            xon("CABINET DR LIBRE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^499900063480001"),
            ("499900063480001".into(), "CABINET DR LIBRE".into())
        );
    }

    #[test]
    fn cid_percent_decoding() {
        assert_eq!(percent_decode("doc%401.example"), "doc@1.example");
        assert_eq!(percent_decode("plain%"), "plain%");
        assert_eq!(percent_decode("a%zz"), "a%zz");
    }

    #[test]
    fn hl7_times() {
        assert!(is_hl7_time("20210604135051"));
        assert!(is_hl7_time("20210604"));
        assert!(!is_hl7_time("2021-06-04"));
        assert!(!is_hl7_time("202106041"));
    }
}
