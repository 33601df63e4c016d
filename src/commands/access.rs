//! One run's access to the DMP: the HTTPS session opened with the chosen credential, the VIHF
//! settings, the access mode, and the audit journal. Every transaction goes through
//! [`DmpAccess::transact`], which builds the VIHF and the request, writes the request's intent
//! to the journal (nothing is sent if it cannot), sends it, parses the answer and completes the
//! record with the outcome. The journal is opened before the credential is read; the rules'
//! refusals and a failure before the first request (a wrong PIN) are recorded too
//! ([`super::run_journal`]).

use std::path::PathBuf;

use time::OffsetDateTime;

use super::consent::{self, Action, Refusal, User, UserClass};
use super::run_journal::{completion_of, RunJournal};
use super::wire_trace::WireTrace;
use super::{PinEntry, Settings};
use crate::config::{CredentialKind, Profile};
use crate::credential::card::{practice, Activity, ActivityChoice, CardSession};
use crate::credential::identity::Identity;
use crate::credential::pkcs11::{Pkcs11Settings, Pkcs11Token};
use crate::credential::structure::{PasswordSource, StructureCredential};
pub use crate::dmp::catalogue::Tx;
use crate::dmp::hl7v3::Hl7Sender;
use crate::dmp::mtom::MtomBody;
use crate::dmp::vihf::{self, Vihf, VihfConfig, VihfContext};
use crate::dmp::xmldsig::XmlSigner;
use crate::dmp::{soap, SoapRequest};
use crate::error::{Error, Result};
use crate::journal::{Actor, Completion, Journal, Outcome};
use crate::model::codes::{self, AccessMode, AuthMode};
use crate::model::ins::{Ins, InsAuthority};
use crate::session::{
    Credential, HttpReply, Session, SessionConfig, WireTap, NO_RETRY, READ_RETRY,
};

/// Access mode chosen on the command line.
#[derive(Debug, Clone)]
pub struct ModeChoice {
    pub mode: AccessMode,
    /// Required in emergency mode, refused in the others. Its control characters are
    /// neutralised ([`neutralize_controls`]): it is printed and journaled as it is.
    pub reason: Option<String>,
}

/// Text safe to print on a terminal: control characters (escape sequences, newlines…) and
/// the Unicode marks that reorder text are shown escaped (`\u{1b}`, `\n`) instead of acting.
pub fn neutralize_controls(text: &str) -> String {
    let reorders = |c: char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    text.chars()
        .map(|c| {
            if c.is_control() || reorders(c) {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl Default for ModeChoice {
    fn default() -> Self {
        ModeChoice {
            mode: AccessMode::Normal,
            reason: None,
        }
    }
}

impl ModeChoice {
    /// The mode and its reason, the reason's control characters neutralised.
    pub fn new(mode: AccessMode, reason: Option<&str>) -> ModeChoice {
        ModeChoice {
            mode,
            reason: reason.map(neutralize_controls),
        }
    }

    /// Checks the mode's own rules before anything is sent.
    pub fn validate(&self) -> Result<()> {
        if self.mode != AccessMode::BrisDeGlace && self.reason.is_some() {
            return Err(Error::usage(match self.mode {
                AccessMode::Centre15 => crate::tr!("access-reason-not-regulation"),
                _ => crate::tr!("access-reason-not-normal"),
            })
            .with_hint(crate::tr!("access-reason-not-emergency-hint")));
        }
        if self.mode == AccessMode::BrisDeGlace
            && self
                .reason
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .is_empty()
        {
            return Err(Error::usage(crate::tr!("access-emergency-needs-reason"))
                .with_hint(crate::tr!("access-emergency-needs-reason-hint")));
        }
        Ok(())
    }
}

/// Everything a DMP command needs besides its own arguments.
pub struct DmpSettings {
    pub base: Settings,
    pub profile: Profile,
    pub endpoint: Option<String>,
    pub credential: Option<CredentialKind>,
    pub structure_cert: Option<PathBuf>,
    pub structure_password_file: Option<PathBuf>,
    pub structure_password_env: Option<String>,
    pub mode: ModeChoice,
    /// The audit journal (default: `$XDG_DATA_HOME/dmp/audit.sqlite3`).
    pub journal: Option<PathBuf>,
    /// The patient the command is about, for the records of refusals and failures that come
    /// before any transaction.
    pub patient: Option<Ins>,
    /// What the command will ask the DMP (besides TD0.2): checked against the rights matrix
    /// as soon as the user is known, before any PIN or network call.
    pub actions: Vec<Action>,
    /// `--trace-wire DIR` (else the profile's `trace_wire`).
    pub trace_wire: Option<PathBuf>,
    /// `--trace-wire-bodies`: document content kept in the wire traces.
    pub trace_wire_bodies: bool,
}

/// One run's connection to the DMP.
pub struct DmpAccess {
    software: SoftwareIdentity,
    session: Session,
    vihf: VihfConfig,
    signer: Option<Box<dyn XmlSigner>>,
    /// What signs a submission set (XAdES): the card's signature key, or the structure's.
    document_signer: Box<dyn XmlSigner>,
    submitter: Submitter,
    /// The audit journal, and who acts.
    journal: RunJournal,
    mode: ModeChoice,
    auth_mode: AuthMode,
    user: User,
    actions: Vec<Action>,
    wire_trace: Option<WireTrace>,
    /// Direct mode: the card's activity the VIHF names.
    activity: Option<Activity>,
}

/// A run's access before the PIN and the network: the credential read (the card's
/// certificates, or the structure certificate), the user known and the rules that depend on
/// the user alone already applied.
pub struct Prepared {
    software: SoftwareIdentity,
    /// One request's time limit (`timeout_secs`).
    timeout: std::time::Duration,
    endpoint: String,
    trust_anchors: Vec<PathBuf>,
    /// The card, whose PIN is still to be verified (direct mode).
    card: Option<CardSession>,
    /// The card through PKCS#11, not logged in yet (direct mode).
    token: Option<Pkcs11Token>,
    credential: Credential,
    vihf: VihfConfig,
    signer: Option<Box<dyn XmlSigner>>,
    document_signer: Box<dyn XmlSigner>,
    submitter: Submitter,
    journal: RunJournal,
    mode: ModeChoice,
    patient: Option<Ins>,
    user: User,
    actions: Vec<Action>,
    wire_trace: Option<WireTrace>,
    /// Direct mode: the card's activity chosen (`--activity`, the profile's `activity`).
    activity: Option<ActivityChoice>,
}

/// The occupational-medicine specialty, TRE_R38 `SM25` "Médecine du travail" (reference §9,
/// value set JDV_J107 of the ANS terminologies): the doctors of column C.
pub const OCCUPATIONAL_MEDICINE: &str = "SM25";

/// The matrix class of a card holder: an employee card (CPE, national id `3…/…`) is not a
/// health professional; a doctor (G15 `10`) is an occupational doctor with the
/// occupational-medicine specialty.
fn user_class(
    national_id: &crate::model::practitioner::NationalId,
    profession: Option<&str>,
    specialty: Option<&str>,
) -> UserClass {
    let id = national_id.to_string();
    if id.starts_with('3') && id.contains('/') {
        return UserClass::NonPs;
    }
    match profession {
        Some("10") if specialty == Some(OCCUPATIONAL_MEDICINE) => UserClass::OccupationalPhysician,
        Some("10") => UserClass::Physician,
        _ => UserClass::NonPhysician,
    }
}

/// The rules of the matrix known from the user alone, for every action of the run (TD0.2
/// included: every run about a patient starts with it, and it tells whether the user has a
/// column at all in this mode). A refusal is journaled against the action the user asked for
/// (TD0.2 only when that is all they asked).
/// The card holder in direct mode (through the card or a PKCS#11 module): their class for the
/// rights matrix, recorded as the run's actor (the structure is known only once the PIN opens
/// the card's activities), the rules that depend on the user alone checked. Returns the user
/// and the profession code of the VIHF.
fn card_holder(
    s: &DmpSettings,
    journal: &mut RunJournal,
    id: &Identity,
    specialty: Option<&str>,
    card_serial: Option<String>,
) -> Result<(User, String)> {
    let profession = s
        .profile
        .profession
        .clone()
        .or_else(|| profession_code(id.profession.as_deref()).map(str::to_string));
    let user = User {
        class: user_class(&id.national_id, profession.as_deref(), specialty),
        credential: CredentialKind::Card,
    };
    journal.set_actor(Actor {
        practitioner: Some(id.national_id.to_string()),
        auth_mode: "direct".into(),
        structure_id: None,
        card_serial,
        structure_certificate: None,
        practitioner_name: Some(id.display_name()),
    });
    check_user_rules(user, s, journal)?;
    let profession = profession.ok_or_else(|| {
        Error::config(crate::tr!(
            "access-unknown-profession",
            profession = id.profession.as_deref().unwrap_or("")
        ))
        .with_hint(crate::tr!("access-unknown-profession-hint"))
    })?;
    Ok((user, profession))
}

fn check_user_rules(user: User, s: &DmpSettings, journal: &RunJournal) -> Result<()> {
    for a in std::iter::once(&Action::Status).chain(&s.actions) {
        if let Err(r) = consent::check_user(user, s.mode.mode, *a) {
            let action = match a {
                Action::Status => s.actions.first().copied().unwrap_or(Action::Status),
                other => *other,
            };
            let request = journal.action_request(action, s.patient.as_ref(), s.mode.mode);
            return Err(journal.refused(request, r));
        }
    }
    Ok(())
}

impl std::fmt::Debug for DmpAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DmpAccess")
            .field("actor", self.actor())
            .field("auth_mode", &self.auth_mode)
            .finish_non_exhaustive()
    }
}

/// The card's signature key as the VIHF signer (direct mode, when configured).
struct CardXmlSigner {
    card: CardSession,
    cert: Vec<u8>,
}

impl XmlSigner for CardXmlSigner {
    fn certificate_der(&self) -> Vec<u8> {
        self.cert.clone()
    }
    fn sign_rsa_sha256(&self, data: &[u8]) -> Result<Vec<u8>> {
        self.card.sign_non_repudiation(data)
    }
}

fn required(v: Option<String>, what: &str, key: &str) -> Result<String> {
    v.filter(|s| !s.trim().is_empty()).ok_or_else(|| {
        Error::config(crate::tr!("access-not-configured", what = what))
            .with_hint(crate::tr!("access-not-configured-hint", key = key))
    })
}

/// The practitioner acting, as the VIHF names them, and what signs the VIHF.
struct Acting {
    issuer_dn: String,
    practitioner_id: String,
    name: String,
    auth_mode: AuthMode,
    roles: Vec<codes::Coded>,
    signer: Option<Box<dyn XmlSigner>>,
    document_signer: Box<dyn XmlSigner>,
    submitter: Submitter,
}

/// Who submits documents, as the XDS metadata and a wrapper CDA name them: the practitioner
/// (the card holder, or the professional acting through the structure), the structure, the
/// software.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitter {
    pub practitioner_id: String,
    pub family: String,
    pub given: String,
    /// TRE_G15 profession code and RPPS specialty.
    pub profession: String,
    pub specialty: Option<String>,
    pub structure_id: String,
    pub structure_name: String,
    /// TRE_R02 (healthcareFacilityTypeCode when a CDA has none).
    pub activity_sector: String,
    /// Indirect mode: the structure's certificate authenticates and signs.
    pub indirect: bool,
    pub lps_oid: String,
    pub lps_name: String,
    pub test_profile: bool,
}

/// The VIHF role values: the profession, then the specialty when there is one.
fn roles(profession: &str, specialty: Option<&str>) -> Vec<codes::Coded> {
    let mut roles = vec![codes::profession(profession)];
    roles.extend(specialty.map(|sp| codes::specialty(sp, None)));
    roles
}

/// G15 profession code from the card's title (the certificate says "Médecin", the VIHF wants
/// the code).
fn profession_code(title: Option<&str>) -> Option<&'static str> {
    let t = title?.to_lowercase();
    codes::PROFESSIONS
        .iter()
        .find(|(_, d)| d.to_lowercase() == t)
        .map(|(c, _)| *c)
}

impl DmpAccess {
    /// Opens the session: [`DmpAccess::prepare`], then the PIN and the TLS client.
    pub fn open(s: &DmpSettings, pin: &dyn PinEntry) -> Result<DmpAccess> {
        Self::prepare(s)?.open(pin)
    }

    /// Everything that needs neither the PIN nor the network: the settings, the credential's
    /// certificates (a card's are read without its PIN), who the user is, and the rights
    /// matrix's rules for that user (a refusal here sends nothing and spends no PIN try).
    pub fn prepare(s: &DmpSettings) -> Result<Prepared> {
        s.mode.validate()?;
        let endpoint = s.endpoint().ok_or_else(|| {
            Error::config(crate::tr!("access-no-endpoint"))
                .with_hint(crate::tr!("access-no-endpoint-hint"))
        })?;
        if s.base.trust_anchors.is_empty() {
            return Err(Error::config(crate::tr!("access-no-trust-anchor"))
                .with_hint(crate::tr!("access-no-trust-anchor-hint")));
        }
        let kind = s.credential_kind();
        let p = &s.profile;
        let software = SoftwareIdentity::from_profile(p)?;
        let structure_id = software.structure_id.clone();
        let activity_sector = p.activity_sector.clone().unwrap_or_else(|| "SA07".into());
        // `--activity` is written into the profile by the CLI.
        let activity = p
            .activity
            .as_deref()
            .map(ActivityChoice::parse)
            .transpose()?;
        // No journal, no request: opened (created, migrated) before the credential is read.
        let journal = match &s.journal {
            Some(p) => Journal::open(p.clone())?,
            None => Journal::open_default()?,
        };
        let wire_trace = s.wire_trace()?;
        let mut journal = RunJournal::new(journal, s.mode.clone());

        // Who acts and what signs, per mode; the rest of the VIHF is common.
        let mut token = None;
        let (who, credential, card, user) = match kind {
            CredentialKind::Pkcs11 => {
                let (who, t, user) = prepare_pkcs11(
                    s,
                    &mut journal,
                    &software,
                    &activity_sector,
                    activity.as_ref(),
                )?;
                token = Some(t.clone());
                (who, Credential::Pkcs11(t), None, user)
            }
            CredentialKind::Card => {
                let card = CardSession::connect(s.base.reader.as_deref(), s.base.wait)?;
                let certs = card.certificates(super::card::cache(&s.base).as_ref())?;
                let id = certs.identity()?;
                // The structure, sector and specialty come from the card, never from the
                // profile: the activity is checked here against the DODF (its content needs
                // the PIN, read in `open`), the specialty read now (public).
                let numbers: Vec<u8> = practice::activity_objects(&card.data_objects()?)
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect();
                practice::check_before_pin(&numbers, activity.as_ref())?;
                let specialty = card.specialty()?;
                let (user, profession) = card_holder(
                    s,
                    &mut journal,
                    &id,
                    specialty.as_deref(),
                    card.serial().ok(),
                )?;
                let sign = p.sign_vihf.unwrap_or(false);
                let who = Acting {
                    issuer_dn: if sign {
                        Identity::from_certificate(&certs.sign_der)?.subject_rfc4514
                    } else {
                        id.subject_rfc4514.clone()
                    },
                    practitioner_id: id.national_id.to_string(),
                    name: id.display_name(),
                    auth_mode: AuthMode::Directe,
                    roles: roles(&profession, specialty.as_deref()),
                    signer: sign.then(|| {
                        Box::new(CardXmlSigner {
                            card: card.clone(),
                            cert: certs.sign_der.clone(),
                        }) as Box<dyn XmlSigner>
                    }),
                    document_signer: Box::new(CardXmlSigner {
                        card: card.clone(),
                        cert: certs.sign_der.clone(),
                    }),
                    submitter: Submitter {
                        practitioner_id: id.national_id.to_string(),
                        family: id.surname.clone().unwrap_or_default(),
                        given: id.given_name.clone().unwrap_or_default(),
                        profession: profession.clone(),
                        // The card's; structure and sector are the activity's, set in `open`
                        // once the PIN opens them.
                        specialty: specialty.clone(),
                        structure_id: structure_id.clone(),
                        structure_name: p
                            .structure_name
                            .clone()
                            .unwrap_or_else(|| structure_id.clone()),
                        activity_sector: activity_sector.clone(),
                        indirect: false,
                        lps_oid: software.lps_oid.clone(),
                        lps_name: software.lps_name.clone(),
                        test_profile: software.test_profile,
                    },
                };
                (who, Credential::Card(card.clone()), Some(card), user)
            }
            CredentialKind::Structure => {
                // The structure's columns (F) do not depend on who acts through it.
                let user = User {
                    class: UserClass::NonPhysician,
                    credential: CredentialKind::Structure,
                };
                let structure = load_structure(s)?;
                let cert = structure.identity();
                journal.set_actor(Actor {
                    practitioner: p.practitioner_id.clone().filter(|v| !v.trim().is_empty()),
                    auth_mode: "indirect".into(),
                    structure_id: Some(structure_id.clone()),
                    card_serial: None,
                    structure_certificate: Some(format!(
                        "{} (serial {})",
                        cert.subject_rfc4514, cert.serial_number
                    )),
                    practitioner_name: p.practitioner_name.clone().filter(|v| !v.trim().is_empty()),
                });
                check_user_rules(user, s, &journal)?;
                let profession = required(
                    p.practitioner_profession.clone(),
                    &crate::tr!("access-what-practitioner-profession"),
                    "practitioner_profession",
                )?;
                let practitioner_id = required(
                    p.practitioner_id.clone(),
                    &crate::tr!("access-what-practitioner-id"),
                    "practitioner_id",
                )?;
                let name = required(
                    p.practitioner_name.clone(),
                    &crate::tr!("access-what-practitioner-name"),
                    "practitioner_name",
                )?;
                let submitter = Submitter {
                    practitioner_id: practitioner_id.clone(),
                    // One name in the profile: written whole as the family name.
                    family: name.clone(),
                    given: String::new(),
                    profession: profession.clone(),
                    specialty: p.practitioner_specialty.clone(),
                    structure_id: structure_id.clone(),
                    structure_name: p
                        .structure_name
                        .clone()
                        .unwrap_or_else(|| structure_id.clone()),
                    activity_sector: activity_sector.clone(),
                    indirect: true,
                    lps_oid: software.lps_oid.clone(),
                    lps_name: software.lps_name.clone(),
                    test_profile: software.test_profile,
                };
                let who = Acting {
                    issuer_dn: structure.identity().subject_rfc4514.clone(),
                    practitioner_id,
                    name,
                    auth_mode: AuthMode::Indirecte,
                    roles: roles(&profession, p.practitioner_specialty.as_deref()),
                    signer: Some(Box::new(StructureXmlSigner(structure.clone()))),
                    document_signer: Box::new(StructureXmlSigner(structure.clone())),
                    submitter,
                };
                (who, Credential::Structure(structure), None, user)
            }
        };
        // Direct mode: from the card's activity, once the PIN opens it (`open`).
        let direct = card.is_some() || token.is_some();
        let vihf = VihfConfig {
            issuer_dn: who.issuer_dn,
            practitioner_id: who.practitioner_id,
            auth_mode: who.auth_mode,
            structure_id: if direct { String::new() } else { structure_id },
            activity_sector: if direct {
                String::new()
            } else {
                activity_sector
            },
            subject_name: Some(who.name),
            roles: who.roles,
            lps_id: software.lps_id.clone(),
            lps_name: software.lps_name.clone(),
            lps_version: software.lps_version.clone(),
            lps_homologation_id: software.lps_homologation.clone(),
            authn_context: None,
        };
        Ok(Prepared {
            endpoint,
            trust_anchors: s.base.trust_anchors.clone(),
            card,
            token,
            credential,
            software,
            timeout: s.timeout(60),
            vihf,
            signer: who.signer,
            document_signer: who.document_signer,
            submitter: who.submitter,
            journal,
            mode: s.mode.clone(),
            patient: s.patient.clone(),
            user,
            actions: s.actions.clone(),
            wire_trace,
            activity,
        })
    }

    pub fn mode(&self) -> &ModeChoice {
        &self.mode
    }

    /// Who the user is, as the consent and rights rules see them.
    pub fn user(&self) -> User {
        self.user
    }

    /// What the command asks the DMP (besides TD0.2).
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// Who acts, as the journal records it.
    pub fn actor(&self) -> &Actor {
        self.journal.actor()
    }

    /// Records a refusal of `action` by a client rule (after TD0.2) and returns the error.
    pub fn refuse(
        &self,
        action: Action,
        patient: Option<&Ins>,
        mode: AccessMode,
        refusal: Refusal,
    ) -> Error {
        let request = self.journal.action_request(action, patient, mode);
        self.journal.refused(request, refusal)
    }

    /// Direct mode: the card's activity the VIHF names (structure, sector, organisation);
    /// `None` in indirect mode.
    pub fn activity(&self) -> Option<&Activity> {
        self.activity.as_ref()
    }

    /// The structure the VIHF names: the card activity's in direct mode, the profile's in
    /// indirect mode.
    pub fn structure_id(&self) -> &str {
        &self.vihf.structure_id
    }

    /// The national id of the practitioner named in the VIHF (the card holder, or the
    /// professional acting through the structure).
    pub fn practitioner_id(&self) -> &str {
        &self.vihf.practitioner_id
    }

    /// Who submits documents (XDS author, wrapper CDA).
    pub fn submitter(&self) -> &Submitter {
        &self.submitter
    }

    /// What signs a submission set: the card's signature key (direct mode) or the structure
    /// certificate (indirect mode).
    pub fn document_signer(&self) -> &dyn XmlSigner {
        self.document_signer.as_ref()
    }

    pub fn lps_name(&self) -> &str {
        &self.vihf.lps_name
    }

    /// The software's OID (`lps_oid`): the submission sets' sourceId and uniqueId root.
    pub fn lps_oid(&self) -> &str {
        &self.software.lps_oid
    }

    /// The author of a submission set this run sends, from the VIHF's identity: the
    /// practitioner (XCN; the name as "Given Family", its first word taken as the given name),
    /// their profession and specialty (authorSpecialty, `G15_<profession>/<specialty>`), and
    /// the structure (XON, by its national id).
    pub fn submission_author(&self) -> crate::dmp::xds::update::SubmissionAuthor {
        let v = &self.vihf;
        let (given, family) = match v.subject_name.as_deref().map(str::trim) {
            Some(n) => n.split_once(' ').unwrap_or(("", n)),
            None => ("", ""),
        };
        let specialty = v.roles.first().map(|p| {
            let (code, label) = match v.roles.get(1) {
                Some(s) => (
                    format!("G15_{}/{}", p.code, s.code),
                    match (&p.display, &s.display) {
                        (Some(a), Some(b)) => format!("{a} - {b}"),
                        (Some(a), None) => a.clone(),
                        _ => String::new(),
                    },
                ),
                None => (
                    format!("G15_{}", p.code),
                    p.display.clone().unwrap_or_default(),
                ),
            };
            format!("{code}^{label}^1.2.250.1.213.1.1.4.5")
        });
        crate::dmp::xds::update::SubmissionAuthor {
            person: Some(format!(
                "{}^{family}^{given}^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS",
                v.practitioner_id
            )),
            specialty,
            institution: Some(format!(
                "^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^{}",
                v.structure_id
            )),
        }
    }

    /// The software as the HL7 v3 messages name it (sender device and id roots).
    pub fn hl7_sender(&self) -> Hl7Sender {
        Hl7Sender::from_lps_oid(&self.software.lps_oid, &self.software.lps_name)
    }

    pub fn journal(&self) -> &Journal {
        self.journal.journal()
    }

    /// Runs one transaction and journals it: the request built, its intent written (nothing
    /// is sent if it cannot be), the request sent, the answer parsed, the outcome written.
    /// `summary` turns a result into the journal's message and document ids.
    #[allow(clippy::too_many_arguments)]
    pub fn transact<T>(
        &self,
        tx: Tx,
        patient: Option<&Ins>,
        mode: AccessMode,
        detail: Option<String>,
        consent: Option<String>,
        build: impl FnOnce(&Vihf) -> Result<SoapRequest>,
        parse: impl FnOnce(&HttpReply) -> Result<T>,
        summary: impl Fn(&T) -> (Option<String>, Vec<String>),
    ) -> Result<T> {
        self.transact_with(
            tx,
            (patient, mode, detail, consent),
            build,
            |r: &SoapRequest| r.message_id.clone(),
            |req, tap| {
                let policy = if tx.is_read() { READ_RETRY } else { NO_RETRY };
                self.session.post_traced(
                    tx.service(),
                    &req.content_type,
                    req.body,
                    policy,
                    tx.max_reply_bytes(),
                    tap,
                )
            },
            parse,
            summary,
        )
    }

    /// [`DmpAccess::transact`] for a request whose body is streamed (an MTOM request whose
    /// documents are read from their files as they are sent). Sent once, never retried.
    #[allow(clippy::too_many_arguments)]
    pub fn transact_stream<T>(
        &self,
        tx: Tx,
        patient: Option<&Ins>,
        mode: AccessMode,
        detail: Option<String>,
        build: impl FnOnce(&Vihf) -> Result<MtomBody>,
        parse: impl FnOnce(&HttpReply) -> Result<T>,
        summary: impl Fn(&T) -> (Option<String>, Vec<String>),
    ) -> Result<T> {
        self.transact_with(
            tx,
            (patient, mode, detail, None),
            build,
            |r: &MtomBody| r.message_id.clone(),
            |req, tap| {
                self.session.post_stream(
                    tx.service(),
                    &req.content_type,
                    req.reader,
                    req.len,
                    &req.preview,
                    tx.max_reply_bytes(),
                    tap,
                )
            },
            parse,
            summary,
        )
    }

    /// The steps every transaction shares; `send` sends the built request.
    #[allow(clippy::too_many_arguments, clippy::type_complexity)]
    fn transact_with<R, T>(
        &self,
        tx: Tx,
        (patient, mode, detail, consent): (
            Option<&Ins>,
            AccessMode,
            Option<String>,
            Option<String>,
        ),
        build: impl FnOnce(&Vihf) -> Result<R>,
        message_id: impl Fn(&R) -> String,
        send: impl FnOnce(R, Option<&dyn WireTap>) -> Result<HttpReply>,
        parse: impl FnOnce(&HttpReply) -> Result<T>,
        summary: impl Fn(&T) -> (Option<String>, Vec<String>),
    ) -> Result<T> {
        let mut request = self.journal.request(tx, patient, mode, detail, consent);
        let built = (|| {
            if let Some(ins) = patient {
                self.software.check_patient(ins)?;
            }
            let ctx = VihfContext {
                patient,
                access_mode: mode,
                secret_connection: false,
            };
            let vihf = vihf::build(
                &self.vihf,
                &ctx,
                self.signer.as_deref(),
                OffsetDateTime::now_utc(),
            )?;
            build(&vihf)
        })();
        let req = match built {
            Ok(r) => r,
            Err(e) => return Err(self.journal.failed(request, e)),
        };
        request.message_id = Some(message_id(&req));
        request.endpoint = self
            .session
            .service_url(tx.service())
            .ok()
            .map(|u| u.to_string());
        request.time = OffsetDateTime::now_utc();
        let pending = self.journal.begin(&request)?;
        let result = (|| {
            tracing::debug!(tx = tx.code(), "sending");
            let tap = self.wire_trace.as_ref().map(|w| w.transaction(tx));
            let reply = send(req, tap.as_ref().map(|t| t as &dyn WireTap))?;
            soap::check_http_status(
                reply.status,
                reply.content_type.as_deref().unwrap_or(""),
                &reply.body,
                self.session.service_url(tx.service())?.as_str(),
            )?;
            parse(&reply)
        })();
        let completion = match &result {
            Ok(v) => {
                let (message, documents) = summary(v);
                Completion {
                    message,
                    documents,
                    ..Completion::new(Outcome::Done)
                }
            }
            Err(e) => completion_of(e),
        };
        // The journal must hold every transaction: failing to complete it is an error even
        // when the transaction itself succeeded (its record then reads "unknown").
        self.journal.complete(pending, &completion)?;
        result
    }
}

/// The card's activity a direct-mode VIHF names: the chosen one, or the only one (the PIN
/// is verified: the activities are private).
fn card_activity(card: &CardSession, choice: Option<&ActivityChoice>) -> Result<Activity> {
    let activities = card.activities()?;
    let chosen = practice::select(&activities, choice)?.clone();
    tracing::debug!(?chosen, "card activity");
    Ok(chosen)
}

/// [`card_activity`] through PKCS#11: the token logged in shows the activities.
fn token_activity(token: &Pkcs11Token, choice: Option<&ActivityChoice>) -> Result<Activity> {
    let activities = token.activities()?;
    let chosen = practice::select(&activities, choice)?.clone();
    tracing::debug!(?chosen, "token activity");
    Ok(chosen)
}

/// The practice software's identifiers from the profile, checked before anything is sent: the
/// keys the DMP requires are present, and a production profile carries no test OID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoftwareIdentity {
    pub lps_oid: String,
    pub lps_id: Option<String>,
    pub lps_name: String,
    pub lps_version: String,
    pub lps_homologation: String,
    pub structure_id: String,
    /// `test_profile = true`: test OIDs allowed.
    pub test_profile: bool,
}

impl SoftwareIdentity {
    pub fn from_profile(p: &Profile) -> Result<SoftwareIdentity> {
        let test_profile = p.test_profile.unwrap_or(false);
        let lps_oid = required(
            p.lps_oid.clone(),
            &crate::tr!("access-what-lps-oid"),
            "lps_oid",
        )
        .map_err(|e| e.with_hint(crate::tr!("access-no-lps-oid-hint")))?
        .trim()
        .to_string();
        if !codes::oid::is_well_formed(&lps_oid) {
            return Err(
                Error::config(crate::tr!("access-lps-oid-not-oid", oid = &lps_oid))
                    .with_hint(crate::tr!("access-lps-oid-not-oid-hint")),
            );
        }
        if !test_profile && codes::oid::is_test(&lps_oid) {
            return Err(
                Error::config(crate::tr!("access-lps-oid-test", oid = &lps_oid))
                    .with_hint(crate::tr!("access-lps-oid-test-hint")),
            );
        }
        if !test_profile && matches!(p.ins_authority.as_deref(), Some("test" | "demo")) {
            return Err(Error::config(crate::tr!(
                "access-ins-authority-test",
                authority = p.ins_authority.as_deref().unwrap_or_default()
            ))
            .with_hint(crate::tr!("access-ins-authority-test-hint")));
        }
        Ok(SoftwareIdentity {
            lps_oid,
            lps_id: p.lps_id.clone().filter(|s| !s.trim().is_empty()),
            lps_name: p.lps_name.clone().unwrap_or_else(|| "dmp".into()),
            lps_version: p
                .lps_version
                .clone()
                .unwrap_or_else(|| env!("CARGO_PKG_VERSION").into()),
            lps_homologation: required(
                p.lps_homologation.clone(),
                &crate::tr!("access-what-lps-homologation"),
                "lps_homologation",
            )?,
            structure_id: required(
                p.structure_id.clone(),
                &crate::tr!("access-what-structure-id"),
                "structure_id",
            )?,
            test_profile,
        })
    }

    /// A patient named under a test authority is refused with a production profile.
    pub fn check_patient(&self, ins: &Ins) -> Result<()> {
        if !self.test_profile && codes::oid::is_test(ins.oid()) {
            return Err(Error::config(crate::tr!(
                "access-test-ins",
                ins = ins.number(),
                authority = ins.oid()
            ))
            .with_hint(crate::tr!("access-test-ins-hint")));
        }
        Ok(())
    }
}

impl Prepared {
    /// Who the user is, as the rules see them.
    pub fn user(&self) -> User {
        self.user
    }

    /// Records a refusal of `action` by a client rule before anything was sent (the run's
    /// patient and mode) and returns the error.
    pub fn refuse(&self, action: Action, refusal: Refusal) -> Error {
        let request = self
            .journal
            .action_request(action, self.patient.as_ref(), self.mode.mode);
        self.journal.refused(request, refusal)
    }

    /// Verifies the card's PIN (direct mode) and builds the run's one HTTPS session. The card
    /// signs the TLS handshake once for the whole run.
    ///
    /// A failure here (a wrong or blocked PIN, the session) is journaled against the first
    /// transaction the run was to send: TD0.2 for a patient, else the command's own.
    pub fn open(mut self, pin: &dyn PinEntry) -> Result<DmpAccess> {
        let opened = (|| {
            let mut activity = None;
            if let Some(card) = &self.card {
                super::card::enter_pin(card, pin, false)?;
                activity = Some(card_activity(card, self.activity.as_ref())?);
            }
            if let Some(token) = &self.token {
                super::card::enter_pin_pkcs11(token, pin)?;
                activity = Some(token_activity(token, self.activity.as_ref())?);
            }
            let session = Session::new(SessionConfig {
                endpoint: self.endpoint.clone(),
                trust_anchors: self.trust_anchors.clone(),
                credential: self.credential.clone(),
                timeout: self.timeout,
            })?;
            Ok((session, activity))
        })();
        let (session, activity) = match opened {
            Ok((s, activity)) => {
                if let Some(a) = &activity {
                    self.vihf.structure_id = a.structure_id.clone();
                    self.vihf.activity_sector = a.sector.clone();
                    // The documents' author institution is the same activity.
                    self.submitter.structure_id = a.structure_id.clone();
                    self.submitter.structure_name = a.organisation.clone();
                    self.submitter.activity_sector = a.sector.clone();
                    let mut actor = self.journal.actor().clone();
                    actor.structure_id = Some(a.structure_id.clone());
                    self.journal.set_actor(actor);
                }
                (s, activity)
            }
            Err(e) => {
                let first = match (&self.patient, self.actions.first()) {
                    (Some(_), _) | (None, None) => Action::Status,
                    (None, Some(a)) => *a,
                };
                let request =
                    self.journal
                        .action_request(first, self.patient.as_ref(), self.mode.mode);
                return Err(self.journal.failed(request, e));
            }
        };
        Ok(DmpAccess {
            software: self.software,
            session,
            auth_mode: self.vihf.auth_mode,
            vihf: self.vihf,
            signer: self.signer,
            document_signer: self.document_signer,
            submitter: self.submitter,
            journal: self.journal,
            mode: self.mode,
            user: self.user,
            actions: self.actions,
            wire_trace: self.wire_trace,
            activity,
        })
    }

    /// Who submits documents (XDS author, wrapper CDA): known before the PIN.
    pub fn submitter(&self) -> &Submitter {
        &self.submitter
    }

    /// The run's wire traces (`--trace-wire`), when asked for.
    pub fn wire_trace(&self) -> Option<&WireTrace> {
        self.wire_trace.as_ref()
    }
}

impl DmpSettings {
    /// The run's wire traces: `--trace-wire`, else the profile's `trace_wire`; the directory
    /// created or checked. `--trace-wire-bodies` without a directory is an error.
    pub fn wire_trace(&self) -> Result<Option<WireTrace>> {
        match self
            .trace_wire
            .as_ref()
            .or(self.profile.trace_wire.as_ref())
        {
            Some(dir) => WireTrace::open(dir, self.trace_wire_bodies).map(Some),
            None if self.trace_wire_bodies => {
                Err(Error::usage(crate::tr!("access-bodies-need-traces"))
                    .with_hint(crate::tr!("access-bodies-need-traces-hint")))
            }
            None => Ok(None),
        }
    }

    /// How to reach the card through PKCS#11: the module from `--pkcs11-module`, else the
    /// profile's `pkcs11_module`; the slot from `--reader`, else the profile's `reader`.
    pub fn pkcs11_settings(&self) -> Pkcs11Settings {
        self.base.pkcs11.clone().unwrap_or_else(|| Pkcs11Settings {
            module: self.profile.pkcs11_module.clone(),
            slot: self.base.reader.clone(),
        })
    }

    /// The endpoint from the command line, else the profile.
    pub fn endpoint(&self) -> Option<String> {
        self.endpoint
            .clone()
            .or_else(|| self.profile.endpoint.clone())
    }

    /// The profile's `timeout_secs`, else `default_secs`.
    pub fn timeout(&self, default_secs: u64) -> std::time::Duration {
        std::time::Duration::from_secs(self.profile.timeout_secs.unwrap_or(default_secs).max(1))
    }

    /// The credential from the command line (`--credential`, else `--structure-cert` means
    /// the structure), else the profile (`credential`, else a `structure_cert` means the
    /// structure), else the card.
    pub fn credential_kind(&self) -> CredentialKind {
        self.credential
            .or(self
                .structure_cert
                .as_ref()
                .map(|_| CredentialKind::Structure))
            .or(self.profile.credential)
            .or(self
                .profile
                .structure_cert
                .as_ref()
                .map(|_| CredentialKind::Structure))
            .unwrap_or(CredentialKind::Card)
    }
}

/// The card's signature key through PKCS#11 as the VIHF signer.
struct Pkcs11XmlSigner {
    token: Pkcs11Token,
    cert: Vec<u8>,
}

impl XmlSigner for Pkcs11XmlSigner {
    fn certificate_der(&self) -> Vec<u8> {
        self.cert.clone()
    }
    fn sign_rsa_sha256(&self, data: &[u8]) -> Result<Vec<u8>> {
        self.token.sign_non_repudiation(data)
    }
}

/// Direct mode through a PKCS#11 module: the token's certificates say who acts, as the card's
/// do; the card holder's rules are the card's (the user's credential is `Card`). As with the
/// card, the specialty is the card's (`CPS_INFO_PS`, public) and the structure and sector
/// come from its activity, known in `open` after the login (the activities are private
/// objects: a module shows them only then, so the choice is checked before the PIN only
/// against those a token shows without it).
fn prepare_pkcs11(
    s: &DmpSettings,
    journal: &mut RunJournal,
    software: &SoftwareIdentity,
    activity_sector: &str,
    activity: Option<&ActivityChoice>,
) -> Result<(Acting, Pkcs11Token, User)> {
    let p = &s.profile;
    let structure_id = software.structure_id.as_str();
    let token = Pkcs11Token::open(&s.pkcs11_settings())?;
    let certs = token.certificates();
    let id = certs.identity()?;
    let visible = token.visible_activity_numbers()?;
    if !visible.is_empty() {
        practice::check_before_pin(&visible, activity)?;
    }
    let specialty = token.specialty()?;
    let serial = Some(token.serial().to_string()).filter(|s| !s.is_empty());
    let (user, profession) = card_holder(s, journal, &id, specialty.as_deref(), serial)?;
    let signer = if p.sign_vihf.unwrap_or(false) {
        let cert = token.signature_certificate()?;
        Some((
            Identity::from_certificate(&cert)?.subject_rfc4514,
            Box::new(Pkcs11XmlSigner {
                token: token.clone(),
                cert,
            }) as Box<dyn XmlSigner>,
        ))
    } else {
        None
    };
    let (issuer_dn, signer) = match signer {
        Some((dn, signer)) => (dn, Some(signer)),
        None => (id.subject_rfc4514.clone(), None),
    };
    // The submission set is signed with the signature key, as a card's is.
    let document_signer = Box::new(Pkcs11XmlSigner {
        token: token.clone(),
        cert: token.signature_certificate()?,
    }) as Box<dyn XmlSigner>;
    let who = Acting {
        issuer_dn,
        practitioner_id: id.national_id.to_string(),
        name: id.display_name(),
        auth_mode: AuthMode::Directe,
        roles: roles(&profession, specialty.as_deref()),
        signer,
        document_signer,
        submitter: Submitter {
            practitioner_id: id.national_id.to_string(),
            family: id.surname.clone().unwrap_or_default(),
            given: id.given_name.clone().unwrap_or_default(),
            profession: profession.clone(),
            // The card's; structure and sector are the activity's, set in `open`.
            specialty,
            structure_id: structure_id.to_string(),
            structure_name: p
                .structure_name
                .clone()
                .unwrap_or_else(|| structure_id.to_string()),
            activity_sector: activity_sector.to_string(),
            indirect: false,
            lps_oid: software.lps_oid.clone(),
            lps_name: software.lps_name.clone(),
            test_profile: software.test_profile,
        },
    };
    Ok((who, token, user))
}

/// Loads the structure certificate named on the command line or in the profile.
pub fn load_structure(s: &DmpSettings) -> Result<StructureCredential> {
    let path = s
        .structure_cert
        .clone()
        .or_else(|| s.profile.structure_cert.clone())
        .ok_or_else(|| {
            Error::config(crate::tr!("access-no-structure-cert"))
                .with_hint(crate::tr!("access-no-structure-cert-hint"))
        })?;
    StructureCredential::load(&path, &structure_password(s)?)
}

/// The INS authority assumed for an INS typed without its OID.
pub fn ins_authority(p: &Profile) -> Result<InsAuthority> {
    match p.ins_authority.as_deref() {
        None | Some("nir") => Ok(InsAuthority::Nir),
        Some("test") => Ok(InsAuthority::TestNir),
        Some("demo") => Ok(InsAuthority::DemoNir),
        Some(other) => Err(Error::config(crate::tr!(
            "access-ins-authority-unknown",
            authority = other
        ))
        .with_hint(crate::tr!("access-ins-authority-unknown-hint"))),
    }
}

fn structure_password(s: &DmpSettings) -> Result<PasswordSource> {
    if let Some(var) = &s.structure_password_env {
        return Ok(PasswordSource::Env(var.clone()));
    }
    s.structure_password_file
        .clone()
        .or_else(|| s.profile.structure_cert_password_file.clone())
        .map(PasswordSource::File)
        .ok_or_else(|| {
            Error::config(crate::tr!("access-no-structure-password"))
                .with_hint(crate::tr!("access-no-structure-password-hint"))
        })
}

/// The structure certificate's key as the VIHF signer (indirect mode).
struct StructureXmlSigner(StructureCredential);

impl XmlSigner for StructureXmlSigner {
    fn certificate_der(&self) -> Vec<u8> {
        self.0.certificate_der().to_vec()
    }
    fn sign_rsa_sha256(&self, data: &[u8]) -> Result<Vec<u8>> {
        self.0.sign_rsa_sha256(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(extra: &str) -> Profile {
        toml::from_str(&format!(
            "lps_homologation = \"H-1\"\nstructure_id = \"1999000017\"\n{extra}"
        ))
        .unwrap()
    }

    #[test]
    fn one_access_serves_several_threads() {
        // A batch's `--jobs` share one run's access.
        fn shared<T: Send + Sync>() {}
        shared::<DmpAccess>();
    }

    #[test]
    fn the_software_oid_is_required_and_named() {
        let e = SoftwareIdentity::from_profile(&profile("")).unwrap_err();
        assert_eq!(e.kind(), crate::error::ErrorKind::Config);
        assert!(e.hint().unwrap().contains("lps_oid"), "{:?}", e.hint());
        let e = SoftwareIdentity::from_profile(&profile("lps_oid = \"1.2.x\"")).unwrap_err();
        assert!(e.message().contains("not an OID"));
    }

    #[test]
    fn test_identifiers_need_a_test_profile() {
        for extra in [
            "lps_oid = \"1.2.250.1.999.1\"",
            "lps_oid = \"1.3.6.1.4.1.32473.1\"\nins_authority = \"test\"",
            "lps_oid = \"1.3.6.1.4.1.32473.1\"\nins_authority = \"demo\"",
        ] {
            assert!(
                SoftwareIdentity::from_profile(&profile(extra)).is_err(),
                "{extra}"
            );
            let test = format!("{extra}\ntest_profile = true");
            assert!(
                SoftwareIdentity::from_profile(&profile(&test)).is_ok(),
                "{test}"
            );
        }
        let prod = SoftwareIdentity::from_profile(&profile(
            "lps_oid = \"1.3.6.1.4.1.32473.1\"\nlps_id = \"desk-3\"",
        ))
        .unwrap();
        assert_eq!(prod.lps_id.as_deref(), Some("desk-3"));
        // A NIR is fine, a test NIR is not.
        let nir = Ins::parse_with_default("280057505600117", InsAuthority::Nir).unwrap();
        assert!(prod.check_patient(&nir).is_ok());
        let test = Ins::parse_with_default("280057505600117", InsAuthority::TestNir).unwrap();
        assert!(prod.check_patient(&test).is_err());
    }

    fn settings(profile: Profile) -> DmpSettings {
        DmpSettings {
            base: super::super::Settings::from_profile(&profile),
            profile,
            endpoint: None,
            credential: None,
            structure_cert: None,
            structure_password_file: None,
            structure_password_env: None,
            mode: ModeChoice::default(),
            journal: None,
            patient: None,
            actions: Vec::new(),
            trace_wire: None,
            trace_wire_bodies: false,
        }
    }

    #[test]
    fn a_structure_certificate_without_a_credential_means_indirect_mode() {
        let mut s = settings(profile(""));
        assert_eq!(s.credential_kind(), CredentialKind::Card);
        s.structure_cert = Some("s.p12".into());
        assert_eq!(s.credential_kind(), CredentialKind::Structure);
        s.credential = Some(CredentialKind::Card);
        assert_eq!(
            s.credential_kind(),
            CredentialKind::Card,
            "--credential wins"
        );

        let s = settings(profile("structure_cert = \"s.p12\""));
        assert_eq!(s.credential_kind(), CredentialKind::Structure);
        let s = settings(profile("structure_cert = \"s.p12\"\ncredential = \"card\""));
        assert_eq!(
            s.credential_kind(),
            CredentialKind::Card,
            "the profile's credential wins"
        );
    }

    use crate::model::practitioner::NationalId;

    #[test]
    fn control_characters_and_reordering_marks_are_shown_not_acted() {
        let shown = neutralize_controls("chute\u{1b}[2J\nsalle 3\u{202e}tpecca\u{7}");
        assert_eq!(shown, "chute\\u{1b}[2J\\nsalle 3\\u{202e}tpecca\\u{7}");
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(
            neutralize_controls("douleur thoracique, 55 ans"),
            "douleur thoracique, 55 ans"
        );
    }

    #[test]
    fn a_reason_is_for_emergency_access_only() {
        let e = ModeChoice::new(AccessMode::Normal, Some("x"))
            .validate()
            .unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Usage);
        assert!(e.message().contains("--reason"), "{e}");
        let e = ModeChoice::new(AccessMode::Centre15, Some("x"))
            .validate()
            .unwrap_err();
        assert!(e.message().contains("regulation"), "{e}");
        assert!(ModeChoice::new(AccessMode::BrisDeGlace, Some("coma"))
            .validate()
            .is_ok());
        assert!(ModeChoice::new(AccessMode::BrisDeGlace, Some("  "))
            .validate()
            .is_err());
        assert!(ModeChoice::new(AccessMode::Centre15, None)
            .validate()
            .is_ok());
        assert_eq!(
            ModeChoice::new(AccessMode::BrisDeGlace, Some("a\nb"))
                .reason
                .as_deref(),
            Some("a\\nb")
        );
    }

    #[test]
    fn user_classes_from_the_card_and_the_profile() {
        let doc = NationalId::parse("899700000017").unwrap();
        assert_eq!(
            user_class(&doc, Some("10"), Some("SM26")),
            UserClass::Physician
        );
        assert_eq!(
            user_class(&doc, Some("10"), Some("SM25")),
            UserClass::OccupationalPhysician
        );
        assert_eq!(user_class(&doc, Some("10"), None), UserClass::Physician);
        assert_eq!(
            user_class(&doc, Some("60"), Some("SM25")),
            UserClass::NonPhysician
        );
        let cpe = NationalId::parse("3760021832/000000018").unwrap();
        assert_eq!(user_class(&cpe, None, None), UserClass::NonPs);
    }
}
