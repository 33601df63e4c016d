//! The DMP transactions this client speaks, each declared once: its catalogue code (the DMP's
//! "TDx.y" numbering), the service that answers it (last path segment under the endpoint,
//! reference §2.2), the SOAP/WS-Addressing action, and whether it changes the DMP.
//!
//! The request builders take their action from here, the session layer is told the service
//! and whether a retry is allowed from here, the commands journal the code from here. A write
//! is never resent blindly: the session sends it once, whatever happens to the connection.
//!
//! Adding a transaction: a variant and its row below, its request/response module in `dmp/`,
//! its use case in `commands/`, its renderer in `cli/` (ARCHITECTURE.md, "Adding a
//! transaction").

use serde::Serialize;

/// The service names (last path segment of the endpoint).
pub mod services {
    /// GestionDossierPatientPartage (HL7 v3): TD0.2, TD1.3a/b, TD1.4.
    pub const PATIENT: &str = "patient";
    /// TD0.3, TD1.6.
    pub const HABILITATION: &str = "Habilitation";
    /// TD0.4 (patientList).
    pub const PATIENT_SPECIFIC: &str = "PatientSpecific";
    /// ITI-18 (TD3.1), ITI-57 (TD3.3x).
    pub const DOCUMENT_REGISTRY: &str = "DocumentRegistry_Service";
    /// ITI-41 (TD2.1/2.2), ITI-43 (TD3.2).
    pub const DOCUMENT_REPOSITORY: &str = "DocumentRepository_Service";
}

/// Whether a transaction changes the DMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Reads only: may be retried after a connection failure.
    Read,
    /// Changes the DMP: sent once, never retried blindly.
    Write,
}

/// One row of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declaration {
    pub tx: Tx,
    /// "TD0.2".
    pub code: &'static str,
    /// What it does, in a few words.
    pub name: &'static str,
    pub service: &'static str,
    /// The `wsa:Action` (also the `action` parameter of the Content-Type).
    pub action: &'static str,
    pub effect: Effect,
}

/// A DMP transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tx {
    /// Existence and authorization test (HL7 v3 PRPA_IN201307UV02).
    Td02,
    /// Authorization update (setAuthorization).
    Td03,
    /// DMPs I am authorized on (patientList).
    Td04,
    /// Professionals authorized or blocked (listAuthorizationByPatient).
    Td16,
    /// Provide and register a document set (ITI-41).
    Td21,
    /// The same, replacing a document (ITI-41 with an RPLC association).
    Td21b,
    /// Registry stored query (ITI-18).
    Td31,
    /// Retrieve document set (ITI-43).
    Td32,
    /// Mask or unmask a document to professionals (ITI-57, confidentiality MASQUE_PS).
    Td33a,
    /// Make a document visible to the patient or their legal representatives (ITI-57).
    Td33b,
    /// Delete a document (ITI-57, status Deleted).
    Td33c,
    /// Archive or unarchive a document (ITI-57, status Archived or Approved).
    Td33d,
}

/// ITI-57 Update Document Set: one SOAP action for TD3.3a/b/c/d, told apart by their bodies.
const UPDATE_DOCUMENT_SET: &str = "urn:ihe:iti:2010:UpdateDocumentSet";

/// Every transaction, in catalogue order.
pub const CATALOGUE: &[Declaration] = &[
    Declaration {
        tx: Tx::Td02,
        code: "TD0.2",
        name: "DMP existence and authorization test",
        service: services::PATIENT,
        action: "urn:hl7-org:v3:PRPA_IN201307UV02",
        effect: Effect::Read,
    },
    Declaration {
        tx: Tx::Td03,
        code: "TD0.3",
        name: "declare or remove an authorization",
        service: services::HABILITATION,
        action: "urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization",
        effect: Effect::Write,
    },
    Declaration {
        tx: Tx::Td04,
        code: "TD0.4",
        name: "list of the DMPs I am authorized on",
        service: services::PATIENT_SPECIFIC,
        action: "urn:si-dmp-patients:PatientSpecificEndPoint:patientList",
        effect: Effect::Read,
    },
    Declaration {
        tx: Tx::Td16,
        code: "TD1.6",
        name: "professionals authorized on or blocked from a DMP",
        service: services::HABILITATION,
        action: "urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient",
        effect: Effect::Read,
    },
    Declaration {
        tx: Tx::Td21,
        code: "TD2.1",
        name: "document push (ITI-41)",
        service: services::DOCUMENT_REPOSITORY,
        action: "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b",
        effect: Effect::Write,
    },
    Declaration {
        tx: Tx::Td21b,
        code: "TD2.1b",
        name: "document replacement (ITI-41, RPLC)",
        service: services::DOCUMENT_REPOSITORY,
        action: "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b",
        effect: Effect::Write,
    },
    Declaration {
        tx: Tx::Td31,
        code: "TD3.1",
        name: "document metadata search (ITI-18)",
        service: services::DOCUMENT_REGISTRY,
        action: "urn:ihe:iti:2007:RegistryStoredQuery",
        effect: Effect::Read,
    },
    Declaration {
        tx: Tx::Td32,
        code: "TD3.2",
        name: "document retrieval (ITI-43)",
        service: services::DOCUMENT_REPOSITORY,
        action: "urn:ihe:iti:2007:RetrieveDocumentSet",
        effect: Effect::Read,
    },
    Declaration {
        tx: Tx::Td33a,
        code: "TD3.3a",
        name: "mask or unmask a document to professionals (ITI-57)",
        service: services::DOCUMENT_REGISTRY,
        action: UPDATE_DOCUMENT_SET,
        effect: Effect::Write,
    },
    Declaration {
        tx: Tx::Td33b,
        code: "TD3.3b",
        name: "make a document visible to the patient (ITI-57)",
        service: services::DOCUMENT_REGISTRY,
        action: UPDATE_DOCUMENT_SET,
        effect: Effect::Write,
    },
    Declaration {
        tx: Tx::Td33c,
        code: "TD3.3c",
        name: "delete a document (ITI-57)",
        service: services::DOCUMENT_REGISTRY,
        action: UPDATE_DOCUMENT_SET,
        effect: Effect::Write,
    },
    Declaration {
        tx: Tx::Td33d,
        code: "TD3.3d",
        name: "archive or unarchive a document (ITI-57)",
        service: services::DOCUMENT_REGISTRY,
        action: UPDATE_DOCUMENT_SET,
        effect: Effect::Write,
    },
];

/// A page of the DMP's web site for professionals (Web PS), opened by the "accès Web PS
/// contextuel" (reference §3, TD0.9): `https://<Web PS host>/AccesDirect/<page>/<INS>`.
///
/// Declared apart from [`Tx`] on purpose: it is no SOAP transaction. dmp sends nothing for it;
/// a person's browser opens the address and authenticates itself to the DMP (CPS card or
/// e-CPS, direct mode only), and the DMP traces that access. So nothing here is retried,
/// journaled or checked against the rights matrix by dmp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebPage {
    /// "TD0.9".
    pub code: &'static str,
    /// What the page shows, in a few words.
    pub name: &'static str,
    /// The path segment after `AccesDirect/`.
    pub page: &'static str,
}

/// The access history of a patient's DMP: who accessed it, when, in which mode. The only place
/// the DMP shows its traces to a professional (the attending physician sees every trace, any
/// other professional only their own, reference §7.5).
pub const WEB_PS_ACCESS_HISTORY: WebPage = WebPage {
    code: "TD0.9",
    name: "access history (Web PS)",
    page: "HistoriqueAcces",
};

impl WebPage {
    /// The page's address for `ins` under the Web PS base address `base` (scheme and host,
    /// optionally a path prefix).
    pub fn url(&self, base: &str, ins: &str) -> String {
        format!(
            "{}/AccesDirect/{}/{ins}",
            base.trim_end_matches('/'),
            self.page
        )
    }
}

impl Tx {
    /// This transaction's row of the catalogue.
    pub fn declaration(self) -> &'static Declaration {
        CATALOGUE
            .iter()
            .find(|d| d.tx == self)
            .expect("every transaction is declared in the catalogue")
    }
    pub fn code(self) -> &'static str {
        self.declaration().code
    }
    pub fn service(self) -> &'static str {
        self.declaration().service
    }
    pub fn action(self) -> &'static str {
        self.declaration().action
    }
    pub fn effect(self) -> Effect {
        self.declaration().effect
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

    /// Reads may be retried on a connection failure; a write never is.
    pub fn is_read(self) -> bool {
        self.effect() == Effect::Read
    }
    /// The transaction with this catalogue code ("TD3.1").
    pub fn from_code(code: &str) -> Option<Tx> {
        CATALOGUE.iter().find(|d| d.code == code).map(|d| d.tx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_transaction_is_declared_exactly_once() {
        for d in CATALOGUE {
            assert_eq!(
                CATALOGUE.iter().filter(|o| o.tx == d.tx).count(),
                1,
                "{:?}",
                d.tx
            );
            assert_eq!(CATALOGUE.iter().filter(|o| o.code == d.code).count(), 1);
            assert_eq!(Tx::from_code(d.code), Some(d.tx));
        }
    }

    #[test]
    fn the_web_ps_page_is_no_soap_transaction() {
        assert_eq!(Tx::from_code(WEB_PS_ACCESS_HISTORY.code), None);
        assert_eq!(
            WEB_PS_ACCESS_HISTORY.url("https://webps.example/", "280057505600117"),
            "https://webps.example/AccesDirect/HistoriqueAcces/280057505600117"
        );
    }

    #[test]
    fn only_the_authorization_update_and_the_document_writes_write() {
        let writes: Vec<_> = CATALOGUE
            .iter()
            .filter(|d| d.effect == Effect::Write)
            .map(|d| d.code)
            .collect();
        assert_eq!(
            writes,
            ["TD0.3", "TD2.1", "TD2.1b", "TD3.3a", "TD3.3b", "TD3.3c", "TD3.3d"]
        );
        for tx in [Tx::Td33a, Tx::Td33b, Tx::Td33c, Tx::Td33d] {
            assert_eq!(tx.action(), "urn:ihe:iti:2010:UpdateDocumentSet");
            assert_eq!(tx.service(), services::DOCUMENT_REGISTRY);
            assert!(!tx.is_read());
        }
    }
}
