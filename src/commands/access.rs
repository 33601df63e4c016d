//! One run's access to the DMP: the HTTPS session opened with the chosen credential, the VIHF
//! settings, the access mode, and the audit journal. Every transaction goes through
//! [`DmpAccess::transact`], which builds the VIHF, sends the request, parses the answer and
//! appends exactly one audit record, whatever happens.

use std::path::PathBuf;

use time::OffsetDateTime;

use super::{PinEntry, Settings};
use crate::config::{CredentialKind, Profile};
use crate::credential::card::CardSession;
use crate::credential::identity::Identity;
use crate::credential::structure::{PasswordSource, StructureCredential};
use crate::dmp::vihf::{self, Vihf, VihfConfig, VihfContext};
use crate::dmp::xmldsig::XmlSigner;
use crate::dmp::{soap, SoapRequest};
use crate::error::{Error, Result};
use crate::journal::{AuditRecord, Journal};
use crate::model::codes::{self, AccessMode, AuthMode};
use crate::model::ins::{Ins, InsAuthority};
use crate::session::{Credential, HttpReply, Session, SessionConfig, NO_RETRY, READ_RETRY};

/// A DMP transaction: its catalogue code and the service that answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tx {
    /// Existence and authorization test (HL7 v3).
    Td02,
    /// Authorization update.
    Td03,
    /// DMPs I am authorized on.
    Td04,
    /// Professionals authorized or blocked.
    Td16,
    /// Registry stored query (ITI-18).
    Td31,
    /// Retrieve document set (ITI-43).
    Td32,
}

impl Tx {
    pub fn code(self) -> &'static str {
        match self {
            Tx::Td02 => "TD0.2",
            Tx::Td03 => "TD0.3",
            Tx::Td04 => "TD0.4",
            Tx::Td16 => "TD1.6",
            Tx::Td31 => "TD3.1",
            Tx::Td32 => "TD3.2",
        }
    }
    /// Reads may be retried on a connection failure; a write never is.
    pub fn is_read(self) -> bool {
        self != Tx::Td03
    }

    /// The largest answer read for this transaction. A document retrieval carries the document
    /// (as an MTOM part, or in base64 inline: a third more), held in memory to be checked
    /// against its hash before it is written: 256 MiB is far above a DMP document (reports,
    /// PDFs, CDA of a few megabytes) and still bounded. Other answers are metadata: 64 MiB.
    pub fn max_reply_bytes(self) -> u64 {
        match self {
            Tx::Td32 => 256 * 1024 * 1024,
            _ => crate::session::DEFAULT_MAX_REPLY,
        }
    }

    /// The service path under the endpoint (reference §2.2).
    pub fn service(self) -> &'static str {
        match self {
            Tx::Td02 => "patient",
            Tx::Td03 | Tx::Td16 => "Habilitation",
            Tx::Td04 => "PatientSpecific",
            Tx::Td31 => "DocumentRegistry_Service",
            Tx::Td32 => "DocumentRepository_Service",
        }
    }
}

/// Access mode chosen on the command line.
#[derive(Debug, Clone)]
pub struct ModeChoice {
    pub mode: AccessMode,
    /// Required in emergency mode.
    pub reason: Option<String>,
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
    /// Checks the mode's own rules before anything is sent.
    pub fn validate(&self) -> Result<()> {
        if self.mode == AccessMode::BrisDeGlace
            && self
                .reason
                .as_deref()
                .map(str::trim)
                .unwrap_or("")
                .is_empty()
        {
            return Err(Error::usage(
                "emergency access (bris de glace) needs a reason",
            )
            .with_hint("give it with --reason \"…\": it is recorded in the DMP's traces and in the local audit journal, and the patient is told"));
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
    pub journal: Option<PathBuf>,
}

/// One run's connection to the DMP.
pub struct DmpAccess {
    session: Session,
    vihf: VihfConfig,
    signer: Option<Box<dyn XmlSigner>>,
    journal: Journal,
    mode: ModeChoice,
    /// Who acts, for the journal: national id (direct) or structure id (indirect).
    actor: String,
    auth_mode: AuthMode,
}

impl std::fmt::Debug for DmpAccess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DmpAccess")
            .field("actor", &self.actor)
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
        Error::config(format!("no {what} is configured"))
            .with_hint(format!("set `{key}` in the profile"))
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
    /// Opens the session: reads the credential (card: PIN verified once, here), builds the TLS
    /// client. The card signs the TLS handshake once for the whole run.
    pub fn open(s: &DmpSettings, pin: &dyn PinEntry) -> Result<DmpAccess> {
        s.mode.validate()?;
        let endpoint = s.endpoint().ok_or_else(|| {
                Error::config("no DMP endpoint is configured").with_hint(
                    "set `endpoint` in the profile, or pass --endpoint https://…/si-dmp-server/v2/services",
                )
            })?;
        if s.base.trust_anchors.is_empty() {
            return Err(Error::config("no trust anchor is configured").with_hint(
                "set `trust_anchors` in the profile (PEM files of the IGC-Santé chain) or pass --ca-file; dmp never connects without checking the server",
            ));
        }
        let kind = s.credential_kind();
        let p = &s.profile;
        let lps_name = p.lps_name.clone().unwrap_or_else(|| "dmp".into());
        let lps_version = p
            .lps_version
            .clone()
            .unwrap_or_else(|| env!("CARGO_PKG_VERSION").into());
        let lps_homologation = required(
            p.lps_homologation.clone(),
            "LPS homologation id",
            "lps_homologation",
        )?;
        let structure_id = required(p.structure_id.clone(), "structure id", "structure_id")?;
        let activity_sector = p.activity_sector.clone().unwrap_or_else(|| "SA07".into());
        let journal = match &s.journal {
            Some(p) => Journal::new(p.clone()),
            None => Journal::open_default()?,
        };

        // Who acts and what signs, per mode; the rest of the VIHF is common.
        let (who, credential) = match kind {
            CredentialKind::Card => {
                let card = CardSession::connect(s.base.reader.as_deref(), s.base.wait)?;
                let certs = card.certificates(super::card::cache(&s.base).as_ref())?;
                let id = certs.identity()?;
                super::card::enter_pin(&card, pin, false)?;
                let profession = p
                    .profession
                    .clone()
                    .or_else(|| profession_code(id.profession.as_deref()).map(str::to_string))
                    .ok_or_else(|| {
                        Error::config(format!(
                            "the card's profession \"{}\" has no known G15 code",
                            id.profession.as_deref().unwrap_or("")
                        ))
                        .with_hint(
                            "set `profession` (TRE_G15 code, e.g. 10 for Médecin) in the profile",
                        )
                    })?;
                let sign = p.sign_vihf.unwrap_or(false);
                let who = Acting {
                    issuer_dn: if sign {
                        Identity::from_certificate(&certs.sign_der)?.subject
                    } else {
                        id.subject.clone()
                    },
                    practitioner_id: id.national_id.to_string(),
                    name: id.display_name(),
                    auth_mode: AuthMode::Directe,
                    roles: roles(&profession, p.specialty.as_deref()),
                    signer: sign.then(|| {
                        Box::new(CardXmlSigner {
                            card: card.clone(),
                            cert: certs.sign_der.clone(),
                        }) as Box<dyn XmlSigner>
                    }),
                };
                (who, Credential::Card(card))
            }
            CredentialKind::Structure => {
                if s.mode.mode == AccessMode::BrisDeGlace {
                    return Err(Error::usage(
                        "emergency access (bris de glace) is only possible with a CPS card (direct mode)",
                    )
                    .with_hint("insert the practitioner's card and use --credential card"));
                }
                let structure = load_structure(s)?;
                let profession = required(
                    p.practitioner_profession.clone(),
                    "profession (TRE_G15 code) of the practitioner",
                    "practitioner_profession",
                )?;
                let who = Acting {
                    issuer_dn: structure.identity().subject.clone(),
                    practitioner_id: required(
                        p.practitioner_id.clone(),
                        "practitioner (national id of the professional acting through the structure)",
                        "practitioner_id",
                    )?,
                    name: required(
                        p.practitioner_name.clone(),
                        "practitioner name",
                        "practitioner_name",
                    )?,
                    auth_mode: AuthMode::Indirecte,
                    roles: roles(&profession, p.practitioner_specialty.as_deref()),
                    signer: Some(Box::new(StructureXmlSigner(structure.clone()))),
                };
                (who, Credential::Structure(structure))
            }
        };
        let actor = match who.auth_mode {
            AuthMode::Directe => who.practitioner_id.clone(),
            _ => structure_id.clone(),
        };
        let vihf = VihfConfig {
            issuer_dn: who.issuer_dn,
            practitioner_id: who.practitioner_id,
            auth_mode: who.auth_mode,
            structure_id,
            activity_sector,
            subject_name: Some(who.name),
            roles: who.roles,
            lps_id: None,
            lps_name,
            lps_version,
            lps_homologation_id: lps_homologation,
            authn_context: None,
        };
        let session = Session::new(SessionConfig {
            endpoint,
            trust_anchors: s.base.trust_anchors.clone(),
            credential,
            timeout: s.timeout(60),
        })?;
        Ok(DmpAccess {
            session,
            actor,
            auth_mode: vihf.auth_mode,
            vihf,
            signer: who.signer,
            journal,
            mode: s.mode.clone(),
        })
    }

    pub fn mode(&self) -> &ModeChoice {
        &self.mode
    }

    /// Who acts, as the journal records it.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn lps_name(&self) -> &str {
        &self.vihf.lps_name
    }

    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Runs one transaction and journals it. `summary` turns a result into the journal's
    /// outcome text and document ids.
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
        let mut record = AuditRecord {
            time: OffsetDateTime::now_utc(),
            practitioner: self.actor.clone(),
            auth_mode: match self.auth_mode {
                AuthMode::Directe => "direct".into(),
                _ => "indirect".into(),
            },
            patient: patient.map(|i| i.number().to_string()),
            transaction: tx.code().into(),
            detail,
            mode: mode.code().into(),
            reason: if mode == AccessMode::BrisDeGlace {
                self.mode.reason.clone()
            } else {
                None
            },
            consent,
            result: "error".into(),
            outcome: None,
            message_id: None,
            documents: vec![],
        };
        let result = (|| {
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
            let req = build(&vihf)?;
            record.message_id = Some(req.message_id.clone());
            tracing::debug!(tx = tx.code(), action = %req.action, "sending");
            let policy = if tx.is_read() { READ_RETRY } else { NO_RETRY };
            let reply = self.session.post_limited(
                tx.service(),
                &req.content_type,
                req.body,
                policy,
                tx.max_reply_bytes(),
            )?;
            soap::check_http_status(
                reply.status,
                reply.content_type.as_deref().unwrap_or(""),
                &reply.body,
                self.session.service_url(tx.service())?.as_str(),
            )?;
            parse(&reply)
        })();
        match &result {
            Ok(v) => {
                let (outcome, docs) = summary(v);
                record.result = "ok".into();
                record.outcome = outcome;
                record.documents = docs;
            }
            Err(e) => record.outcome = Some(e.message().to_string()),
        }
        // The journal must hold every transaction: failing to write it is an error even when
        // the transaction itself succeeded.
        self.journal.append(&record)?;
        result
    }
}

impl DmpSettings {
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

    /// The credential from the command line, else the profile, else the card.
    pub fn credential_kind(&self) -> CredentialKind {
        self.credential
            .or(self.profile.credential)
            .unwrap_or(CredentialKind::Card)
    }
}

/// Loads the structure certificate named on the command line or in the profile.
pub fn load_structure(s: &DmpSettings) -> Result<StructureCredential> {
    let path = s
        .structure_cert
        .clone()
        .or_else(|| s.profile.structure_cert.clone())
        .ok_or_else(|| {
            Error::config("no structure certificate is configured")
                .with_hint("set `structure_cert` in the profile or pass --structure-cert FILE.p12")
        })?;
    StructureCredential::load(&path, &structure_password(s)?)
}

/// The INS authority assumed for an INS typed without its OID.
pub fn ins_authority(p: &Profile) -> Result<InsAuthority> {
    match p.ins_authority.as_deref() {
        None | Some("nir") => Ok(InsAuthority::Nir),
        Some("test") => Ok(InsAuthority::TestNir),
        Some("demo") => Ok(InsAuthority::DemoNir),
        Some(other) => Err(Error::config(format!(
            "ins_authority \"{other}\" is not one of nir, test, demo"
        ))
        .with_hint("fix `ins_authority` in the profile")),
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
            Error::config("no password for the structure certificate").with_hint(
                "set `structure_cert_password_file` in the profile, or pass --structure-cert-password-file FILE or --structure-cert-password-env VAR",
            )
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
