//! One audit record as an IHE ATNA audit message: the DICOM audit message format (DICOM PS3.15
//! Annex A.5, `AuditMessage` XML), which the practice's Audit Record Repository receives over
//! syslog (`journal::syslog`).
//!
//! [`AtnaEvent`] is a plain description of one journal record, filled by whoever reads the
//! journal; [`audit_message`] writes its XML. It knows nothing of the layers above: the
//! transaction comes as its catalogue code, name, SOAP action and effect.
//!
//! # Which event for which transaction
//!
//! `dmp` is the IHE XDS.b Document Consumer, Document Source or Document Administrator; the
//! event follows the SOAP action, so a transaction added to the catalogue with an IHE action is
//! audited as IHE says without a change here (IHE ITI TF-2, "Security Considerations" of each
//! transaction):
//!
//! | action | IHE | EventID | EventActionCode | roles |
//! |---|---|---|---|---|
//! | RegistryStoredQuery (TD3.1) | ITI-18, Document Consumer | 110112 Query | E | we are Source (110153), the registry Destination (110152); a Query object |
//! | RetrieveDocumentSet (TD3.2) | ITI-43, Document Consumer | 110107 Import | C | the repository is Source, we are Destination; one Report object per document |
//! | ProvideAndRegisterDocumentSet-b | ITI-41, Document Source | 110106 Export | R | we are Source, the repository Destination; the submission set (a Job object) |
//! | UpdateDocumentSet | ITI-57, Document Administrator | 110106 Export | R | as ITI-41 |
//!
//! The DMP's own transactions (HL7 v3 TD0.2, the proprietary TD0.3, TD0.4, TD1.6) have no IHE
//! audit table. A read is audited as DICOM's generic Query (A.5.3.10, which covers non-DICOM
//! queries): 110112, `E`, a Query object identified by the SOAP action. A write changes who may
//! open the patient's DMP: DICOM's Patient Record (110110), `U`. Every message also carries the
//! DMP catalogue code as an EventTypeCode (code system `DMP transactions`), so a repository can
//! tell TD0.2 from TD1.6, and the access mode as another (below).
//!
//! Who: the practitioner is a human requestor (`UserIsRequestor`, national id as UserID, the
//! card serial or structure certificate as AlternativeUserID); this machine is the software
//! participant (UserID: the `wsa:ReplyTo` address, as IHE says; the process id when known); the
//! DMP service is the other end (UserID: its SOAP endpoint URL, network access point: its
//! host). The patient is a Person/Patient object identified by the INS in HL7 CX form with its
//! authority OID.
//!
//! # Outcome
//!
//! EventOutcomeIndicator: done 0; refused by the client (the request never left) or by the DMP
//! 4 (minor failure: the request was refused, like an HTTP 4xx); failed (network, server error)
//! 8 (serious failure). An outcome unknown (the client stopped after sending) is 0, as the DICOM
//! schema says for "status otherwise unknown or ambiguous": the access may have happened, so it
//! must not hide among the failures; EventOutcomeDescription says it is unknown.
//!
//! # What DICOM has no field for
//!
//! The DICOM schema has no access mode: IHE's PurposeOfUse is an extension outside it. The
//! mode is a last EventTypeCode instead, in TRE_R248 (`1.2.250.1.213.1.1.4.248`, the code
//! system of the VIHF's PurposeOfUse: `normal`, `bris_de_glace`, `centre_15`), so a
//! repository can pick out emergency and regulation accesses without decoding anything. Nor
//! has it a journal sequence or a hash. These travel as `ParticipantObjectDetail`s (base64, as
//! the schema wants) of one more object, the journal record (System object, role Security
//! Resource, code system `dmp-journal`): its ParticipantObjectID is the record's sequence
//! number, and the details are `sequence`,
//! `chain-hash`, `transaction`, `access-mode`, `access-reason`, `result`, `rule`,
//! `dmp-error-code`, `message-id` (the SOAP MessageID, to match the DMP's traces) and
//! `credential`. The sequence number and chain hash, with AuditSourceID, identify a record:
//! a message sent twice (see `journal::forward`) is the same record, which the repository can
//! drop.
//!
//! Deviations, because the journal does not hold them: ITI-18 wants the query itself
//! (ParticipantObjectQuery, the base64 AdhocQueryRequest) and ITI-43 the repository uniqueId of
//! each document; the journal keeps neither (no request bodies), so the Query object carries
//! the stored query's id and name, and documents their uniqueId. Since DICOM CP-2399 every
//! object needs a ParticipantObjectName or ParticipantObjectQuery: the journal holds no patient
//! name or document title (never health content), so the name is a descriptor made of what the
//! record holds ("INS 1…", "document 1.2…"). The documents a search returned are listed too,
//! as Report objects: IHE does not ask for them, DICOM allows them, and they answer "who saw
//! which document".

use std::fmt::Write as _;
use std::net::IpAddr;

use base64::Engine as _;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// The access mode of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessMode {
    Normal,
    /// Emergency access ("bris de glace").
    BrisDeGlace,
    /// Medical regulation (SAMU, "centre 15").
    Centre15,
}

impl AccessMode {
    /// The code the journal and the VIHF use.
    pub fn code(self) -> &'static str {
        match self {
            AccessMode::Normal => "normal",
            AccessMode::BrisDeGlace => "bris_de_glace",
            AccessMode::Centre15 => "centre_15",
        }
    }
    /// Its label in TRE_R248, the code system of the VIHF's PurposeOfUse.
    pub fn label(self) -> &'static str {
        match self {
            AccessMode::Normal => "Accès normal",
            AccessMode::BrisDeGlace => "Accès en bris de glace",
            AccessMode::Centre15 => "Accès par un centre de régulation médicale",
        }
    }
    pub fn from_code(code: &str) -> Option<AccessMode> {
        [
            AccessMode::Normal,
            AccessMode::BrisDeGlace,
            AccessMode::Centre15,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// What became of the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Refused by `dmp` before anything was sent, under this rule.
    RefusedByClient {
        rule: String,
    },
    /// Refused by the DMP, with its error code.
    RefusedByDmp {
        code: String,
    },
    /// Failed (network, TLS, server error); the DMP's error code when it answered one.
    Failed {
        dmp_code: Option<String>,
    },
    /// The request left and no outcome was recorded (the client stopped before the answer).
    Unknown,
}

impl Outcome {
    /// The journal's word for it.
    pub fn code(&self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::RefusedByClient { .. } => "refused_by_client",
            Outcome::RefusedByDmp { .. } => "refused_by_dmp",
            Outcome::Failed { .. } => "failed",
            Outcome::Unknown => "unknown",
        }
    }

    /// DICOM EventOutcomeIndicator (see the module documentation).
    pub fn indicator(&self) -> &'static str {
        match self {
            Outcome::Done | Outcome::Unknown => "0",
            Outcome::RefusedByClient { .. } | Outcome::RefusedByDmp { .. } => "4",
            Outcome::Failed { .. } => "8",
        }
    }

    /// True when the action did not happen as asked.
    pub fn is_failure(&self) -> bool {
        !matches!(self, Outcome::Done | Outcome::Unknown)
    }

    fn dmp_code(&self) -> Option<&str> {
        match self {
            Outcome::RefusedByDmp { code } => Some(code),
            Outcome::Failed { dmp_code } => dmp_code.as_deref(),
            _ => None,
        }
    }
}

/// What proved who acted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// The practitioner's CPS card, by serial number (direct mode).
    Card { serial: String },
    /// The structure certificate (indirect mode), by serial number or subject.
    StructureCertificate { id: String },
}

impl Credential {
    fn describe(&self) -> String {
        match self {
            Credential::Card { serial } => format!("CPS card {serial}"),
            Credential::StructureCertificate { id } => format!("structure certificate {id}"),
        }
    }
}

/// A patient identifier and its assigning authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientId {
    /// The INS (15 characters).
    pub id: String,
    /// The authority's OID (INS-NIR `1.2.250.1.213.1.4.8`…).
    pub authority_oid: String,
}

impl PatientId {
    /// HL7 v2 CX, as IHE wants the patient's ParticipantObjectID: `ID^^^&OID&ISO`.
    pub fn cx(&self) -> String {
        format!("{}^^^&{}&ISO", self.id, self.authority_oid)
    }
}

/// The DMP transaction of a record, as the catalogue declares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// "TD3.1".
    pub code: String,
    /// What it does, in a few words.
    pub name: Option<String>,
    /// Its SOAP action: decides the IHE event.
    pub soap_action: Option<String>,
    /// It changes the DMP.
    pub writes: bool,
}

/// One journal record, as much of it as the audit repository receives. Never document
/// content nor secrets: identifiers, codes and short texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtnaEvent {
    /// When the action was asked for.
    pub time: OffsetDateTime,
    /// The practitioner's national id.
    pub user_id: String,
    pub user_name: Option<String>,
    pub credential: Option<Credential>,
    /// The health structure's id (FINESS, SIRET…): the AuditEnterpriseSiteID.
    pub structure_id: Option<String>,
    pub patient: Option<PatientId>,
    pub transaction: Transaction,
    /// What was asked, in a few words ("FindDocuments", "AJOUT"…).
    pub detail: Option<String>,
    pub mode: AccessMode,
    /// The reason given for an emergency access.
    pub reason: Option<String>,
    /// uniqueIds of the documents touched.
    pub documents: Vec<String>,
    /// uniqueId of the submission set of a push or update, when known.
    pub submission_set: Option<String>,
    pub outcome: Outcome,
    /// The error's message, or a short summary of the answer.
    pub outcome_text: Option<String>,
    /// The SOAP MessageID of the request.
    pub message_id: Option<String>,
    /// This machine's name (or address): AuditSourceID and the syslog HOSTNAME.
    pub local_host: String,
    /// The process that made the request, when the journal knows it.
    pub process_id: Option<u32>,
    /// The DMP service URL the request went to.
    pub endpoint: Option<String>,
    /// The record's hash in the journal's chain (hex).
    pub chain_hash: Option<String>,
}

/// `wsa:ReplyTo` of our requests: IHE's UserID of the SOAP requesting process.
const WSA_ANONYMOUS: &str = "http://www.w3.org/2005/08/addressing/anonymous";
/// The code system of the DMP's catalogue codes ("TD3.1").
pub const DMP_TRANSACTIONS: &str = "DMP transactions";
/// TRE_R248 "ModeAcces", the code system of the VIHF's PurposeOfUse (normal, bris_de_glace,
/// centre_15).
pub const TRE_R248_ACCESS_MODE: &str = "1.2.250.1.213.1.1.4.248";
/// The code system of this client's own codes.
pub const DMP_JOURNAL: &str = "dmp-journal";

/// The IHE transactions whose audit tables we follow, keyed by SOAP action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IheTransaction {
    Iti18,
    Iti41,
    Iti43,
    Iti57,
}

impl IheTransaction {
    pub fn from_action(action: &str) -> Option<IheTransaction> {
        match action {
            "urn:ihe:iti:2007:RegistryStoredQuery" => Some(IheTransaction::Iti18),
            "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b" => Some(IheTransaction::Iti41),
            "urn:ihe:iti:2007:RetrieveDocumentSet" => Some(IheTransaction::Iti43),
            "urn:ihe:iti:2010:UpdateDocumentSet" => Some(IheTransaction::Iti57),
            _ => None,
        }
    }
    /// ("ITI-18", "Registry Stored Query").
    pub fn code(self) -> (&'static str, &'static str) {
        match self {
            IheTransaction::Iti18 => ("ITI-18", "Registry Stored Query"),
            IheTransaction::Iti41 => ("ITI-41", "Provide and Register Document Set-b"),
            IheTransaction::Iti43 => ("ITI-43", "Retrieve Document Set"),
            IheTransaction::Iti57 => ("ITI-57", "Update Document Set"),
        }
    }
}

/// A coded value: csd-code, codeSystemName, originalText.
type Coded<'a> = (&'a str, &'a str, &'a str);

const EV_QUERY: Coded = ("110112", "DCM", "Query");
const EV_IMPORT: Coded = ("110107", "DCM", "Import");
const EV_EXPORT: Coded = ("110106", "DCM", "Export");
const EV_PATIENT_RECORD: Coded = ("110110", "DCM", "Patient Record");
const ROLE_SOURCE: Coded = ("110153", "DCM", "Source Role ID");
const ROLE_DESTINATION: Coded = ("110152", "DCM", "Destination Role ID");
const ID_PATIENT_NUMBER: Coded = ("2", "RFC-3881", "Patient Number");
const ID_REPORT_NUMBER: Coded = ("9", "RFC-3881", "Report Number");
const ID_SUBMISSION_SET: Coded = (
    "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd",
    "IHE XDS Metadata",
    "submission set classificationNode",
);
const ID_JOURNAL_RECORD: Coded = ("journal-record", DMP_JOURNAL, "dmp audit journal record");

/// The stored queries of ITI-18, by the name the journal records (IHE ITI TF-2 §3.18.4.1.2.3.7).
pub const STORED_QUERIES: &[(&str, &str)] = &[
    (
        "FindDocuments",
        "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d",
    ),
    (
        "FindSubmissionSets",
        "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9",
    ),
    (
        "GetAssociations",
        "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155",
    ),
    (
        "GetDocumentsAndAssociations",
        "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a",
    ),
    (
        "GetDocuments",
        "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4",
    ),
];

/// An RFC 3339 UTC time with microseconds, the precision RFC 5424 allows (xsd:dateTime too).
pub fn utc_micros(t: OffsetDateTime) -> String {
    t.to_offset(UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        ))
        .unwrap_or_else(|_| "1970-01-01T00:00:00.000000Z".into())
}

/// The DICOM audit message of record `seq`, one line of UTF-8 XML with its declaration.
pub fn audit_message(seq: u64, e: &AtnaEvent) -> String {
    let ihe = e
        .transaction
        .soap_action
        .as_deref()
        .and_then(IheTransaction::from_action);
    let mut w = Xml::default();
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.open("AuditMessage", &[]);

    // The event.
    let (event_id, action) = match ihe {
        Some(IheTransaction::Iti18) => (EV_QUERY, "E"),
        Some(IheTransaction::Iti43) => (EV_IMPORT, "C"),
        Some(IheTransaction::Iti41 | IheTransaction::Iti57) => (EV_EXPORT, "R"),
        None if e.transaction.writes => (EV_PATIENT_RECORD, "U"),
        None => (EV_QUERY, "E"),
    };
    let time = utc_micros(e.time);
    w.open(
        "EventIdentification",
        &[
            ("EventActionCode", action),
            ("EventDateTime", &time),
            ("EventOutcomeIndicator", e.outcome.indicator()),
        ],
    );
    w.coded("EventID", event_id);
    if let Some(t) = ihe {
        let (code, name) = t.code();
        w.coded("EventTypeCode", (code, "IHE Transactions", name));
    }
    let tx_name = e.transaction.name.as_deref().unwrap_or(&e.transaction.code);
    w.coded(
        "EventTypeCode",
        (&e.transaction.code, DMP_TRANSACTIONS, tx_name),
    );
    w.coded(
        "EventTypeCode",
        (e.mode.code(), TRE_R248_ACCESS_MODE, e.mode.label()),
    );
    if let Some(d) = outcome_description(e) {
        w.leaf("EventOutcomeDescription", &[], &d);
    }
    w.close("EventIdentification");

    // Who: the practitioner, this software, the DMP service.
    let credential = e.credential.as_ref().map(Credential::describe);
    let mut person: Vec<(&str, &str)> = vec![("UserID", &e.user_id)];
    if let Some(c) = &credential {
        person.push(("AlternativeUserID", c));
    }
    if let Some(n) = &e.user_name {
        person.push(("UserName", n));
    }
    person.push(("UserIsRequestor", "true"));
    w.empty("ActiveParticipant", &person);

    let pid = e.process_id.map(|p| p.to_string());
    let (host_type, host) = access_point(&e.local_host);
    let mut us: Vec<(&str, &str)> = vec![("UserID", WSA_ANONYMOUS)];
    if let Some(p) = &pid {
        us.push(("AlternativeUserID", p));
    }
    us.extend([
        ("UserIsRequestor", "true"),
        ("NetworkAccessPointID", host.as_str()),
        ("NetworkAccessPointTypeCode", host_type),
    ]);
    // ITI-43: the data comes from the repository to us.
    let (our_role, their_role) = if ihe == Some(IheTransaction::Iti43) {
        (ROLE_DESTINATION, ROLE_SOURCE)
    } else {
        (ROLE_SOURCE, ROLE_DESTINATION)
    };
    w.open("ActiveParticipant", &us);
    w.coded("RoleIDCode", our_role);
    w.close("ActiveParticipant");

    let endpoint = e.endpoint.as_deref().unwrap_or("unknown");
    let mut dmp: Vec<(&str, &str)> = vec![("UserID", endpoint), ("UserIsRequestor", "false")];
    let dmp_host = e
        .endpoint
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| {
            u.host_str()
                .map(|h| access_point(h.trim_matches(['[', ']'])))
        });
    if let Some((t, h)) = &dmp_host {
        dmp.push(("NetworkAccessPointID", h));
        dmp.push(("NetworkAccessPointTypeCode", t));
    }
    w.open("ActiveParticipant", &dmp);
    w.coded("RoleIDCode", their_role);
    w.close("ActiveParticipant");

    // Which machine reports it, for which structure.
    let mut source: Vec<(&str, &str)> = Vec::new();
    if let Some(s) = &e.structure_id {
        source.push(("AuditEnterpriseSiteID", s));
    }
    source.push(("AuditSourceID", &e.local_host));
    w.open("AuditSourceIdentification", &source);
    // 1: an end-user application.
    w.empty("AuditSourceTypeCode", &[("csd-code", "1")]);
    w.close("AuditSourceIdentification");

    // What: the patient, the query or the documents, the journal record.
    if let Some(p) = &e.patient {
        w.object(
            &p.cx(),
            "1",
            "1",
            ID_PATIENT_NUMBER,
            &format!("INS {}", p.id),
            &[],
        );
    }
    match ihe {
        Some(IheTransaction::Iti18) => {
            let name = e.detail.as_deref().unwrap_or("Registry Stored Query");
            let id = STORED_QUERIES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, id)| *id)
                .unwrap_or(name);
            let (code, meaning) = IheTransaction::Iti18.code();
            w.object(
                id,
                "2",
                "24",
                (code, "IHE Transactions", meaning),
                name,
                &[("QueryEncoding", "UTF-8")],
            );
        }
        Some(IheTransaction::Iti41 | IheTransaction::Iti57) => {
            if let Some(set) = &e.submission_set {
                w.object(set, "2", "20", ID_SUBMISSION_SET, "submission set", &[]);
            }
        }
        Some(IheTransaction::Iti43) => {}
        None if !e.transaction.writes => {
            let id = e.transaction.soap_action.as_deref().unwrap_or(tx_name);
            let name = e.detail.as_deref().unwrap_or(tx_name);
            w.object(
                id,
                "2",
                "24",
                (&e.transaction.code, DMP_TRANSACTIONS, tx_name),
                name,
                &[],
            );
        }
        None => {}
    }
    for uid in &e.documents {
        w.object(
            uid,
            "2",
            "3",
            ID_REPORT_NUMBER,
            &format!("document {uid}"),
            &[],
        );
    }
    let seq_text = seq.to_string();
    let mut details: Vec<(&str, &str)> = vec![
        ("sequence", &seq_text),
        ("transaction", &e.transaction.code),
        ("access-mode", e.mode.code()),
        ("result", e.outcome.code()),
    ];
    if let Some(h) = &e.chain_hash {
        details.insert(1, ("chain-hash", h));
    }
    if let Some(r) = &e.reason {
        details.push(("access-reason", r));
    }
    if let Outcome::RefusedByClient { rule } = &e.outcome {
        details.push(("rule", rule));
    }
    if let Some(c) = e.outcome.dmp_code() {
        details.push(("dmp-error-code", c));
    }
    if let Some(m) = &e.message_id {
        details.push(("message-id", m));
    }
    if let Some(c) = &credential {
        details.push(("credential", c));
    }
    w.object(
        &seq_text,
        "2",
        "13",
        ID_JOURNAL_RECORD,
        "dmp audit journal record",
        &details,
    );
    w.close("AuditMessage");
    w.out
}

/// EventOutcomeDescription: why it is not a plain success.
fn outcome_description(e: &AtnaEvent) -> Option<String> {
    let text = e.outcome_text.as_deref();
    let head = match &e.outcome {
        Outcome::Done => return None,
        Outcome::RefusedByClient { rule } => {
            format!("refused by dmp before sending (rule {rule})")
        }
        Outcome::RefusedByDmp { code } => format!("refused by the DMP ({code})"),
        Outcome::Failed { dmp_code: Some(c) } => format!("failed ({c})"),
        Outcome::Failed { dmp_code: None } => "failed".to_string(),
        Outcome::Unknown => {
            "outcome unknown: the request was sent and the client stopped before the answer"
                .to_string()
        }
    };
    Some(match text {
        Some(t) if !t.is_empty() => format!("{head}: {t}"),
        _ => head,
    })
}

/// NetworkAccessPointTypeCode and ID: 2 for an IP address, 1 for a machine name.
fn access_point(host: &str) -> (&'static str, String) {
    if host.parse::<IpAddr>().is_ok() {
        ("2", host.to_string())
    } else {
        ("1", host.to_string())
    }
}

/// A small XML writer: one line, every value escaped, characters XML 1.0 cannot hold
/// replaced, so a message is always well-formed whatever a record holds.
#[derive(Default)]
struct Xml {
    out: String,
}

impl Xml {
    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }
    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push('>');
    }
    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.tag(name, attrs);
        self.out.push_str("/>");
    }
    fn close(&mut self, name: &str) {
        let _ = write!(self.out, "</{name}>");
    }
    fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        escape_into(&mut self.out, text);
        self.close(name);
    }
    fn coded(&mut self, name: &str, (code, system, text): Coded) {
        self.empty(
            name,
            &[
                ("csd-code", code),
                ("codeSystemName", system),
                ("originalText", text),
            ],
        );
    }
    /// A ParticipantObjectIdentification; detail values are base64, as the schema wants.
    fn object(
        &mut self,
        id: &str,
        type_code: &str,
        role: &str,
        id_type: Coded,
        name: &str,
        details: &[(&str, &str)],
    ) {
        self.open(
            "ParticipantObjectIdentification",
            &[
                ("ParticipantObjectID", id),
                ("ParticipantObjectTypeCode", type_code),
                ("ParticipantObjectTypeCodeRole", role),
            ],
        );
        self.coded("ParticipantObjectIDTypeCode", id_type);
        self.leaf("ParticipantObjectName", &[], name);
        for (t, v) in details {
            let b64 = base64::engine::general_purpose::STANDARD.encode(v.as_bytes());
            self.empty("ParticipantObjectDetail", &[("type", t), ("value", &b64)]);
        }
        self.close("ParticipantObjectIdentification");
    }
}

/// Escapes for both text and double-quoted attributes; tab, CR and LF become references (the
/// message stays on one line and attribute normalisation keeps them); other characters XML 1.0
/// forbids become U+FFFD.
fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// A sample event for the unit tests of the journal.
#[cfg(test)]
pub(crate) mod tests_support {
    use super::*;

    pub(crate) fn event() -> AtnaEvent {
        AtnaEvent {
            time: time::macros::datetime!(2025-03-04 10:15:30.123456789 +01:00),
            user_id: "899700000017".into(),
            user_name: Some("Dr Médecin".into()),
            credential: Some(Credential::Card {
                serial: "8025000001".into(),
            }),
            structure_id: Some("10B0000001".into()),
            patient: Some(PatientId {
                id: "280057505600117".into(),
                authority_oid: "1.2.250.1.213.1.4.10".into(),
            }),
            transaction: Transaction {
                code: "TD3.1".into(),
                name: Some("document metadata search (ITI-18)".into()),
                soap_action: Some("urn:ihe:iti:2007:RegistryStoredQuery".into()),
                writes: false,
            },
            detail: Some("FindDocuments".into()),
            mode: AccessMode::Normal,
            reason: None,
            documents: vec![],
            submission_set: None,
            outcome: Outcome::Done,
            outcome_text: None,
            message_id: Some("urn:uuid:1".into()),
            local_host: "poste-3.cabinet.example".into(),
            process_id: Some(4242),
            endpoint: Some(
                "https://127.0.0.1:8443/si-dmp-server/v2/services/DocumentRegistry_Service".into(),
            ),
            chain_hash: Some("ab12".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::event;
    use super::*;

    #[test]
    fn times_are_utc_with_microseconds() {
        assert_eq!(
            utc_micros(time::macros::datetime!(2025-03-04 10:15:30.123456789 +01:00)),
            "2025-03-04T09:15:30.123456Z"
        );
    }

    #[test]
    fn a_stored_query_is_a_query_event_with_its_id() {
        let xml = audit_message(7, &event());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AuditMessage>"));
        assert!(!xml.contains('\n'));
        assert!(xml.contains(r#"<EventID csd-code="110112" codeSystemName="DCM""#));
        assert!(xml.contains(r#"EventActionCode="E""#));
        assert!(xml.contains(r#"<EventTypeCode csd-code="ITI-18""#));
        assert!(
            xml.contains(r#"ParticipantObjectID="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d""#)
        );
        assert!(xml.contains(
            r#"ParticipantObjectID="280057505600117^^^&amp;1.2.250.1.213.1.4.10&amp;ISO""#
        ));
    }

    #[test]
    fn values_cannot_break_the_xml() {
        let mut e = event();
        e.reason = Some("a \"quoted\" <b>&\nline\u{1}".into());
        e.outcome = Outcome::RefusedByClient { rule: "<x>".into() };
        e.outcome_text = Some("tab\there".into());
        let xml = audit_message(1, &e);
        assert!(!xml.contains('\n') && !xml.contains('\u{1}'));
        assert!(xml.contains("rule &lt;x&gt;): tab&#9;here"), "{xml}");
        crate::dmp::xml::Element::parse(xml.as_bytes()).expect("well-formed");
    }

    #[test]
    fn outcomes_map_to_dicom_indicators() {
        assert_eq!(Outcome::Done.indicator(), "0");
        assert_eq!(Outcome::Unknown.indicator(), "0");
        assert_eq!(
            Outcome::RefusedByClient { rule: "r".into() }.indicator(),
            "4"
        );
        assert_eq!(Outcome::RefusedByDmp { code: "c".into() }.indicator(), "4");
        assert_eq!(Outcome::Failed { dmp_code: None }.indicator(), "8");
    }
}
