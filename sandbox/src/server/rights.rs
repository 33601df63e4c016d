//! The DMP functional-rights matrix (PDT-INF-526 v1.8, reference §7.3) and the consent rules
//! (§7.1, §7.4) as the sandbox enforces them. Everything that decides "may this caller do this"
//! lives here; the transaction handlers only ask.
//!
//! Where the public material is silent the sandbox assumes (and SEED.md repeats):
//! - a blocked professional (INTERDIT) is refused in every mode, emergency included;
//! - `centre_15` access is refused when the patient opposed emergency access
//!   (`OPPOSITION_ACCES_URGENCE`), `bris_de_glace` when they opposed break-the-glass
//!   (`OPPOSITION_BRIS_DE_GLACE`);
//! - an author always sees the metadata of, and may retrieve, their own documents, except the
//!   occupational doctor (column C), who has no TD3.2 right at all: they see the metadata of
//!   non-masked documents (and of their own) and retrieve nothing, their own documents
//!   included;
//! - `INDIRECTE_RENFORCEE` (AIR) is treated like direct authentication for the columns.

/// How the caller authenticated (VIHF `Authentification_mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMode {
    Direct,
    Indirect,
    IndirectReinforced,
}

/// VIHF purposeofuse (TRE_R248).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Normal,
    BrisDeGlace,
    Centre15,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Normal => "normal",
            Purpose::BrisDeGlace => "bris_de_glace",
            Purpose::Centre15 => "centre_15",
        }
    }
}

/// What kind of user the VIHF roles describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A health professional who is not a doctor (nurse, pharmacist…).
    PsNonMedecin,
    Medecin,
    /// Doctor whose specialty is occupational medicine.
    MedecinDuTravail,
    /// CPE holder, secretary: no TRE_G15 profession.
    NonPs,
}

/// The caller, as established from the TLS certificate and the VIHF.
#[derive(Debug, Clone)]
pub struct Caller {
    pub mode: AuthMode,
    pub purpose: Purpose,
    pub actor: Actor,
    pub national_id: String,
    pub structure_id: String,
}

/// State of the patient's DMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DmpState {
    Active,
    Closed,
    None,
}

/// The caller's authorization on the DMP (TD0.2 AUTORISATION).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authorization {
    Valide,
    Expire,
    Interdit,
    NonExiste,
}

impl Authorization {
    pub fn code(self) -> &'static str {
        match self {
            Authorization::Valide => "VALIDE",
            Authorization::Expire => "EXPIRE",
            Authorization::Interdit => "INTERDIT",
            Authorization::NonExiste => "NON_EXISTE",
        }
    }
}

/// What the rules need to know about the patient and the caller's standing on the record.
#[derive(Debug, Clone)]
pub struct PatientCtx {
    pub dmp: DmpState,
    pub authorization: Authorization,
    /// The caller is "médecin traitant DMP" of this patient.
    pub is_mt: bool,
    pub opposes_bris_de_glace: bool,
    pub opposes_centre_15: bool,
    /// The patient allowed masked documents to be seen in emergency / regulation mode (note 7).
    pub masked_visible_in_emergency: bool,
}

/// Columns of PDT-INF-526.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    A1,
    A2,
    A3,
    B1,
    B2,
    B3,
    C,
    D1,
    D2,
    E,
    F1,
    F2,
}

const COLUMNS: [Column; 12] = [
    Column::A1,
    Column::A2,
    Column::A3,
    Column::B1,
    Column::B2,
    Column::B3,
    Column::C,
    Column::D1,
    Column::D2,
    Column::E,
    Column::F1,
    Column::F2,
];

/// Operations the sandbox serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Td02,
    Td03Add,
    Td03AddMt,
    Td03Remove,
    Td03RemoveMt,
    Td04,
    Td16,
    /// TD3.1 metadata search (FindDocuments, FindSubmissionSets, GetAssociations…).
    Td31Metadata,
    /// TD3.1b: find a document's reference from its uniqueId (GetDocuments by uniqueId).
    Td31Reference,
    Td32,
    /// TD2.1 / TD2.1b: feeding the record (ITI-41), replacements included.
    Td21,
    /// TD3.3a, masquer aux PS.
    Td33Mask,
    /// TD3.3a, démasquer aux PS.
    Td33Unmask,
    /// TD3.3b, rendre visible au patient / aux représentants légaux.
    Td33ShowToPatient,
    /// TD3.3d, archiver / désarchiver.
    Td33Archive,
    /// TD3.3c, supprimer.
    Td33Delete,
}

impl Op {
    pub fn label(self) -> &'static str {
        match self {
            Op::Td02 => "TD0.2",
            Op::Td03Add | Op::Td03AddMt | Op::Td03Remove | Op::Td03RemoveMt => "TD0.3",
            Op::Td04 => "TD0.4",
            Op::Td16 => "TD1.6",
            Op::Td31Metadata | Op::Td31Reference => "TD3.1",
            Op::Td32 => "TD3.2",
            Op::Td21 => "TD2.1",
            Op::Td33Mask | Op::Td33Unmask => "TD3.3a",
            Op::Td33ShowToPatient => "TD3.3b",
            Op::Td33Delete => "TD3.3c",
            Op::Td33Archive => "TD3.3d",
        }
    }
}

const Y: bool = true;
const N: bool = false;

/// The matrix rows, column order A1 A2 A3 B1 B2 B3 C D1 D2 E F1 F2.
fn row(op: Op) -> [bool; 12] {
    match op {
        Op::Td02 => [Y; 12],
        Op::Td03Add => [Y, N, N, Y, N, N, N, Y, N, Y, N, N],
        // Becoming MT: a doctor in normal mode (B1, or D1 already MT).
        Op::Td03AddMt => [N, N, N, Y, N, N, N, Y, N, N, N, N],
        Op::Td03Remove => [Y, N, N, Y, N, N, N, Y, N, N, N, N],
        Op::Td03RemoveMt => [N, N, N, N, N, N, N, Y, N, N, N, N],
        Op::Td04 => [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N],
        Op::Td16 => [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
        Op::Td31Metadata => [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N],
        Op::Td31Reference => [Y; 12],
        // TD3.2 of non-masked documents; masked ones are decided per document.
        Op::Td32 => [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
        // CPE holders feed through TD2.2, not TD2.1 (column E).
        Op::Td21 => [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y],
        // TD3.3: which documents is decided per document ([`may_update`]).
        Op::Td33Mask | Op::Td33Unmask | Op::Td33ShowToPatient => {
            [Y, N, N, Y, N, N, Y, Y, N, N, N, N]
        }
        Op::Td33Archive => [Y, N, N, Y, Y, Y, Y, Y, Y, N, N, N],
        Op::Td33Delete => [Y; 12],
    }
}

/// A refusal: the fault subcode and the French text the DMP would send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    pub code: &'static str,
    pub message: String,
}

pub const ACCESS_DENIED: &str = "DMPAccessDeniedByRightsService";
pub const DMP_CLOSED: &str = "DMPClosed";
pub const DMP_NOT_FOUND: &str = "DMPNotFound";

fn deny(code: &'static str, message: impl Into<String>) -> Denial {
    Denial {
        code,
        message: message.into(),
    }
}

/// The matrix column of a caller on a patient, or a refusal for impossible combinations
/// (emergency modes outside direct authentication, CPE outside normal mode…).
pub fn column(caller: &Caller, is_mt: bool) -> Result<Column, Denial> {
    let refused = |what: &str| {
        deny(
            ACCESS_DENIED,
            format!(
                "Accès refusé par le service de gestion des droits : le mode d'accès {} n'est pas autorisé {what}",
                caller.purpose.code()
            ),
        )
    };
    match caller.mode {
        AuthMode::Indirect => match caller.purpose {
            Purpose::Normal => Ok(Column::F1),
            Purpose::Centre15 => Ok(Column::F2),
            Purpose::BrisDeGlace => Err(refused(
                "en authentification indirecte (seule l'authentification directe permet le bris de glace)",
            )),
        },
        AuthMode::Direct | AuthMode::IndirectReinforced => match (caller.actor, caller.purpose) {
            (Actor::PsNonMedecin, Purpose::Normal) => Ok(Column::A1),
            (Actor::PsNonMedecin, Purpose::Centre15) => Ok(Column::A2),
            (Actor::PsNonMedecin, Purpose::BrisDeGlace) => Ok(Column::A3),
            (Actor::Medecin, Purpose::Normal) if is_mt => Ok(Column::D1),
            (Actor::Medecin, Purpose::BrisDeGlace) if is_mt => Ok(Column::D2),
            (Actor::Medecin, Purpose::Normal) => Ok(Column::B1),
            (Actor::Medecin, Purpose::Centre15) => Ok(Column::B2),
            (Actor::Medecin, Purpose::BrisDeGlace) => Ok(Column::B3),
            (Actor::MedecinDuTravail, Purpose::Normal) => Ok(Column::C),
            (Actor::MedecinDuTravail, _) => Err(refused("au médecin du travail")),
            (Actor::NonPs, Purpose::Normal) => Ok(Column::E),
            (Actor::NonPs, _) => Err(refused("à un utilisateur non professionnel de santé")),
        },
    }
}

/// Does the matrix allow this operation in this column?
pub fn matrix_allows(op: Op, col: Column) -> bool {
    let idx = COLUMNS.iter().position(|c| *c == col).expect("column");
    row(op)[idx]
}

fn is_emergency(col: Column) -> bool {
    matches!(col, Column::A3 | Column::B3 | Column::D2)
}

fn is_regulation(col: Column) -> bool {
    matches!(col, Column::A2 | Column::B2 | Column::F2)
}

/// Operations that read the patient's record and so need the patient's consent (an
/// authorization) in normal mode (C5: feeding and own-document management do not).
fn needs_authorization(op: Op, col: Column) -> bool {
    match op {
        Op::Td31Metadata | Op::Td32 | Op::Td16 => true,
        // Reference search by a structure or CPE is for managing its own documents.
        Op::Td31Reference => !matches!(col, Column::E | Column::F1 | Column::F2),
        _ => false,
    }
}

/// May the caller perform `op` on this patient? (Document-level filtering is separate.)
pub fn check(caller: &Caller, patient: &PatientCtx, op: Op) -> Result<Column, Denial> {
    let col = column(caller, patient.is_mt)?;
    if op == Op::Td04 {
        return if matrix_allows(op, col) {
            Ok(col)
        } else {
            Err(deny(
                ACCESS_DENIED,
                "Accès refusé par le service de gestion des droits : liste des DMP autorisés non disponible dans ce mode d'accès",
            ))
        };
    }
    if !matrix_allows(op, col) {
        return Err(deny(
            ACCESS_DENIED,
            format!(
                "Accès refusé par le service de gestion des droits : transaction {} non autorisée pour ce profil ({col:?})",
                op.label()
            ),
        ));
    }
    if op == Op::Td02 {
        return Ok(col);
    }
    match patient.dmp {
        DmpState::None => {
            return Err(deny(DMP_NOT_FOUND, "Le DMP du patient n'existe pas"));
        }
        DmpState::Closed => {
            return Err(deny(DMP_CLOSED, "Le DMP du patient est fermé"));
        }
        DmpState::Active => {}
    }
    if patient.authorization == Authorization::Interdit {
        return Err(deny(
            ACCESS_DENIED,
            "Accès refusé par le service de gestion des droits : le patient a interdit l'accès à son DMP à ce professionnel",
        ));
    }
    if is_emergency(col) && patient.opposes_bris_de_glace {
        return Err(deny(
            ACCESS_DENIED,
            "Accès refusé par le service de gestion des droits : le patient s'est opposé à l'accès en mode bris de glace",
        ));
    }
    if is_regulation(col) && patient.opposes_centre_15 {
        return Err(deny(
            ACCESS_DENIED,
            "Accès refusé par le service de gestion des droits : le patient s'est opposé à l'accès par un centre de régulation",
        ));
    }
    if needs_authorization(op, col)
        && !is_emergency(col)
        && !is_regulation(col)
        && patient.authorization != Authorization::Valide
    {
        let why = match patient.authorization {
            Authorization::Expire => "l'autorisation d'accès a expiré",
            _ => "aucune autorisation d'accès au DMP",
        };
        return Err(deny(
            ACCESS_DENIED,
            format!("Accès refusé par le service de gestion des droits : {why}"),
        ));
    }
    Ok(col)
}

/// What the rules need to know about one document.
#[derive(Debug, Clone)]
pub struct DocFacts<'a> {
    pub author_id: &'a str,
    pub author_structure_id: &'a str,
    pub masked: bool,
    pub invisible_patient: bool,
}

/// Is this document visible to the caller, for a search (`retrieve = false`) or a retrieval?
pub fn document_visible(
    caller: &Caller,
    col: Column,
    patient: &PatientCtx,
    doc: &DocFacts<'_>,
    retrieve: bool,
) -> bool {
    // Structures and CPE holders only deal with the documents of their structure (notes 5, 9).
    if matches!(col, Column::E | Column::F1 | Column::F2) {
        return !retrieve && doc.author_structure_id == caller.structure_id;
    }
    let own = doc.author_id == caller.national_id;
    if col == Column::C {
        // Occupational doctor: metadata of non-masked documents (and of their own), no
        // retrieval at all (TD3.2 ✘ in every row of column C).
        return !retrieve && (own || !doc.masked);
    }
    // An author always sees their own documents.
    if own {
        return true;
    }
    // Documents invisible to the patient are visible to professionals: nothing to check.
    let _ = doc.invisible_patient;
    if doc.masked {
        return match col {
            Column::D1 => true,
            Column::A1 | Column::B1 => false, // own documents only (note 6), handled above
            _ => patient.masked_visible_in_emergency, // note 7
        };
    }
    true
}

/// The documents an update may touch, for one operation in one column (PDT-INF-526 notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Any document the caller sees.
    Any,
    /// Note 8: the caller's own documents.
    Own,
    /// Note 9: the documents of the caller's structure.
    Structure,
}

fn reach(op: Op, col: Column) -> Reach {
    use Column::*;
    match (op, col) {
        (Op::Td33Unmask | Op::Td33Archive, A1 | B1 | C) => Reach::Own,
        (Op::Td33Delete, E | F1 | F2) => Reach::Structure,
        (Op::Td33Delete, _) => Reach::Own,
        _ => Reach::Any,
    }
}

/// What an update needs to know of its target document.
#[derive(Debug, Clone)]
pub struct UpdateTarget<'a> {
    pub author_id: &'a str,
    pub author_structure_id: &'a str,
    /// TRE_G15 profession of the author, or `PATIENT` for a document the patient posted.
    pub author_role: &'a str,
    /// The document's class (`90`: "Autres documents déposés par le patient").
    pub class_code: &'a str,
}

/// May the caller, in column `col` (already checked against the matrix by [`check`]), apply
/// `op` to this document? Notes 8 (own documents), 9 (the structure's documents) and * (a
/// document posted by the patient: the attending physician only, for archiving and deleting).
pub fn may_update(
    caller: &Caller,
    col: Column,
    op: Op,
    doc: &UpdateTarget<'_>,
) -> Result<(), Denial> {
    let by_patient = doc.author_role.eq_ignore_ascii_case("PATIENT") || doc.class_code == "90";
    if by_patient && matches!(op, Op::Td33Archive | Op::Td33Delete) {
        if matches!(col, Column::D1 | Column::D2) {
            return Ok(());
        }
        return Err(deny(
            ACCESS_DENIED,
            format!(
                "Accès refusé par le service de gestion des droits : seul le médecin traitant peut agir ({}) sur un document déposé par le patient",
                op.label()
            ),
        ));
    }
    match reach(op, col) {
        Reach::Any => Ok(()),
        Reach::Own if doc.author_id == caller.national_id => Ok(()),
        Reach::Structure if doc.author_structure_id == caller.structure_id => Ok(()),
        Reach::Own => Err(deny(
            ACCESS_DENIED,
            format!(
                "Accès refusé par le service de gestion des droits : transaction {} réservée à l'auteur du document",
                op.label()
            ),
        )),
        Reach::Structure => Err(deny(
            ACCESS_DENIED,
            format!(
                "Accès refusé par le service de gestion des droits : transaction {} réservée aux documents de la structure",
                op.label()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doctor(purpose: Purpose) -> Caller {
        Caller {
            mode: AuthMode::Direct,
            purpose,
            actor: Actor::Medecin,
            national_id: "899700000017".into(),
            structure_id: "499700000017001".into(),
        }
    }

    fn patient(authorization: Authorization) -> PatientCtx {
        PatientCtx {
            dmp: DmpState::Active,
            authorization,
            is_mt: false,
            opposes_bris_de_glace: false,
            opposes_centre_15: false,
            masked_visible_in_emergency: false,
        }
    }

    fn doc<'a>(author: &'a str, masked: bool) -> DocFacts<'a> {
        DocFacts {
            author_id: author,
            author_structure_id: "1999000017",
            masked,
            invisible_patient: false,
        }
    }

    #[test]
    fn no_authorization_is_denied_in_normal_mode() {
        let e = check(
            &doctor(Purpose::Normal),
            &patient(Authorization::NonExiste),
            Op::Td31Metadata,
        )
        .unwrap_err();
        assert_eq!(e.code, ACCESS_DENIED);
        assert!(e.message.contains("aucune autorisation"));
    }

    #[test]
    fn expired_authorization_is_denied() {
        let e = check(
            &doctor(Purpose::Normal),
            &patient(Authorization::Expire),
            Op::Td32,
        )
        .unwrap_err();
        assert!(e.message.contains("expiré"));
    }

    #[test]
    fn valid_authorization_allows_consultation() {
        assert_eq!(
            check(
                &doctor(Purpose::Normal),
                &patient(Authorization::Valide),
                Op::Td31Metadata
            )
            .unwrap(),
            Column::B1
        );
    }

    #[test]
    fn emergency_without_authorization_is_allowed() {
        assert_eq!(
            check(
                &doctor(Purpose::BrisDeGlace),
                &patient(Authorization::NonExiste),
                Op::Td32
            )
            .unwrap(),
            Column::B3
        );
    }

    #[test]
    fn emergency_refused_when_patient_opposed() {
        let mut p = patient(Authorization::NonExiste);
        p.opposes_bris_de_glace = true;
        let e = check(&doctor(Purpose::BrisDeGlace), &p, Op::Td31Metadata).unwrap_err();
        assert!(e.message.contains("bris de glace"));
    }

    #[test]
    fn regulation_without_authorization_is_allowed() {
        assert_eq!(
            check(
                &doctor(Purpose::Centre15),
                &patient(Authorization::NonExiste),
                Op::Td31Metadata
            )
            .unwrap(),
            Column::B2
        );
    }

    #[test]
    fn regulation_refused_when_patient_opposed() {
        let mut p = patient(Authorization::NonExiste);
        p.opposes_centre_15 = true;
        assert!(check(&doctor(Purpose::Centre15), &p, Op::Td31Metadata).is_err());
    }

    #[test]
    fn blocked_professional_is_denied_even_in_emergency() {
        for purpose in [Purpose::Normal, Purpose::BrisDeGlace, Purpose::Centre15] {
            let e = check(
                &doctor(purpose),
                &patient(Authorization::Interdit),
                Op::Td31Metadata,
            )
            .unwrap_err();
            assert!(e.message.contains("interdit"), "{purpose:?}");
        }
        // TD0.2 still answers (it reports INTERDIT).
        assert!(check(
            &doctor(Purpose::Normal),
            &patient(Authorization::Interdit),
            Op::Td02
        )
        .is_ok());
    }

    #[test]
    fn closed_dmp_is_refused_except_td02() {
        let mut p = patient(Authorization::Valide);
        p.dmp = DmpState::Closed;
        assert_eq!(
            check(&doctor(Purpose::Normal), &p, Op::Td31Metadata)
                .unwrap_err()
                .code,
            DMP_CLOSED
        );
        assert!(check(&doctor(Purpose::Normal), &p, Op::Td02).is_ok());
    }

    #[test]
    fn masked_documents_hidden_from_non_mt_doctor() {
        let c = doctor(Purpose::Normal);
        let p = patient(Authorization::Valide);
        assert!(!document_visible(
            &c,
            Column::B1,
            &p,
            &doc("899700000021", true),
            false
        ));
        assert!(document_visible(
            &c,
            Column::B1,
            &p,
            &doc("899700000021", false),
            false
        ));
    }

    #[test]
    fn attending_physician_sees_masked_documents() {
        let c = doctor(Purpose::Normal);
        let mut p = patient(Authorization::Valide);
        p.is_mt = true;
        let col = check(&c, &p, Op::Td32).unwrap();
        assert_eq!(col, Column::D1);
        assert!(document_visible(
            &c,
            col,
            &p,
            &doc("899700000021", true),
            true
        ));
    }

    #[test]
    fn author_sees_own_masked_document() {
        let c = doctor(Purpose::Normal);
        let p = patient(Authorization::Valide);
        assert!(document_visible(
            &c,
            Column::B1,
            &p,
            &doc("899700000017", true),
            true
        ));
    }

    #[test]
    fn masked_in_emergency_only_if_patient_allowed() {
        let c = doctor(Purpose::BrisDeGlace);
        let mut p = patient(Authorization::NonExiste);
        assert!(!document_visible(
            &c,
            Column::B3,
            &p,
            &doc("899700000021", true),
            true
        ));
        p.masked_visible_in_emergency = true;
        assert!(document_visible(
            &c,
            Column::B3,
            &p,
            &doc("899700000021", true),
            true
        ));
    }

    #[test]
    fn documents_invisible_to_patient_are_visible_to_professionals() {
        let c = doctor(Purpose::Normal);
        let p = patient(Authorization::Valide);
        let mut d = doc("899700000021", false);
        d.invisible_patient = true;
        assert!(document_visible(&c, Column::B1, &p, &d, true));
    }

    #[test]
    fn occupational_doctor_has_no_retrieval_right_at_all_own_documents_included() {
        let mut c = doctor(Purpose::Normal);
        c.actor = Actor::MedecinDuTravail;
        let mut p = patient(Authorization::Valide);
        assert!(!matrix_allows(Op::Td32, Column::C));
        assert_eq!(check(&c, &p, Op::Td32).unwrap_err().code, ACCESS_DENIED);
        // Not even as the patient's attending physician.
        p.is_mt = true;
        assert!(check(&c, &p, Op::Td32).is_err());
        let id = c.national_id.clone();
        let own = doc(&id, false);
        assert!(!document_visible(&c, Column::C, &p, &own, true));
        let own_masked = doc(&id, true);
        assert!(!document_visible(&c, Column::C, &p, &own_masked, true));
        // Their own documents' metadata stays visible, masked or not.
        assert!(document_visible(&c, Column::C, &p, &own, false));
        assert!(document_visible(&c, Column::C, &p, &own_masked, false));
    }

    #[test]
    fn occupational_doctor_sees_metadata_but_cannot_retrieve() {
        let mut c = doctor(Purpose::Normal);
        c.actor = Actor::MedecinDuTravail;
        let p = patient(Authorization::Valide);
        assert_eq!(check(&c, &p, Op::Td31Metadata).unwrap(), Column::C);
        assert!(check(&c, &p, Op::Td32).is_err());
        assert!(document_visible(
            &c,
            Column::C,
            &p,
            &doc("899700000021", false),
            false
        ));
        assert!(!document_visible(
            &c,
            Column::C,
            &p,
            &doc("899700000021", true),
            false
        ));
        c.purpose = Purpose::BrisDeGlace;
        assert!(check(&c, &p, Op::Td31Metadata).is_err());
    }

    #[test]
    fn bris_de_glace_requires_direct_authentication() {
        let mut c = doctor(Purpose::BrisDeGlace);
        c.mode = AuthMode::Indirect;
        assert!(check(&c, &patient(Authorization::NonExiste), Op::Td02).is_err());
    }

    #[test]
    fn only_mt_can_remove_mt_role() {
        let c = doctor(Purpose::Normal);
        let mut p = patient(Authorization::Valide);
        assert!(check(&c, &p, Op::Td03RemoveMt).is_err());
        p.is_mt = true;
        assert!(check(&c, &p, Op::Td03RemoveMt).is_ok());
    }

    #[test]
    fn td03_not_in_emergency_or_regulation_or_indirect() {
        let p = patient(Authorization::NonExiste);
        assert!(check(&doctor(Purpose::BrisDeGlace), &p, Op::Td03Add).is_err());
        assert!(check(&doctor(Purpose::Centre15), &p, Op::Td03Add).is_err());
        let mut c = doctor(Purpose::Normal);
        c.mode = AuthMode::Indirect;
        assert!(check(&c, &p, Op::Td03Add).is_err());
        assert!(check(&doctor(Purpose::Normal), &p, Op::Td03Add).is_ok());
    }

    #[test]
    fn td16_not_in_regulation() {
        assert!(check(
            &doctor(Purpose::Centre15),
            &patient(Authorization::Valide),
            Op::Td16
        )
        .is_err());
        assert!(check(
            &doctor(Purpose::Normal),
            &patient(Authorization::Valide),
            Op::Td16
        )
        .is_ok());
    }

    #[test]
    fn td04_refused_to_structure_in_regulation() {
        let mut c = doctor(Purpose::Centre15);
        c.mode = AuthMode::Indirect;
        assert!(check(&c, &patient(Authorization::NonExiste), Op::Td04).is_err());
        c.purpose = Purpose::Normal;
        assert!(check(&c, &patient(Authorization::NonExiste), Op::Td04).is_ok());
    }

    #[test]
    fn structure_sees_only_its_documents_by_reference() {
        let mut c = doctor(Purpose::Normal);
        c.mode = AuthMode::Indirect;
        c.structure_id = "1999000017".into();
        let p = patient(Authorization::NonExiste);
        let col = check(&c, &p, Op::Td31Reference).unwrap();
        assert_eq!(col, Column::F1);
        assert!(check(&c, &p, Op::Td31Metadata).is_err());
        assert!(document_visible(
            &c,
            col,
            &p,
            &doc("899700000021", true),
            false
        ));
        let mut other = doc("899700000021", false);
        other.author_structure_id = "499700000017001";
        assert!(!document_visible(&c, col, &p, &other, false));
        assert!(!document_visible(
            &c,
            col,
            &p,
            &doc("899700000021", false),
            true
        ));
    }

    #[test]
    fn cpe_cannot_search_metadata() {
        let mut c = doctor(Purpose::Normal);
        c.actor = Actor::NonPs;
        assert_eq!(column(&c, false).unwrap(), Column::E);
        assert!(check(&c, &patient(Authorization::Valide), Op::Td31Metadata).is_err());
    }

    fn target<'a>(author: &'a str, structure: &'a str, role: &'a str) -> UpdateTarget<'a> {
        UpdateTarget {
            author_id: author,
            author_structure_id: structure,
            author_role: role,
            class_code: if role == "PATIENT" { "90" } else { "10" },
        }
    }

    #[test]
    fn only_the_author_deletes_even_the_attending_physician() {
        let c = doctor(Purpose::Normal);
        let mut p = patient(Authorization::Valide);
        p.is_mt = true;
        let col = check(&c, &p, Op::Td33Delete).unwrap();
        assert_eq!(col, Column::D1);
        let other = target("899700000021", "499700000021001", "10");
        assert!(may_update(&c, col, Op::Td33Delete, &other).is_err());
        // …but the attending physician archives and unmasks any document.
        assert!(may_update(&c, col, Op::Td33Archive, &other).is_ok());
        assert!(may_update(&c, col, Op::Td33Unmask, &other).is_ok());
        let own = target("899700000017", "499700000017001", "10");
        assert!(may_update(&c, col, Op::Td33Delete, &own).is_ok());
    }

    #[test]
    fn a_doctor_masks_any_document_but_unmasks_and_archives_only_their_own() {
        let c = doctor(Purpose::Normal);
        let p = patient(Authorization::NonExiste);
        let other = target("899700000021", "499700000021001", "10");
        // No authorization needed to manage documents (C5).
        let col = check(&c, &p, Op::Td33Mask).unwrap();
        assert_eq!(col, Column::B1);
        assert!(may_update(&c, col, Op::Td33Mask, &other).is_ok());
        assert!(may_update(&c, col, Op::Td33ShowToPatient, &other).is_ok());
        assert!(may_update(&c, col, Op::Td33Unmask, &other).is_err());
        assert!(may_update(&c, col, Op::Td33Archive, &other).is_err());
    }

    #[test]
    fn a_patients_document_is_archived_or_deleted_by_the_attending_physician_only() {
        let c = doctor(Purpose::Normal);
        let by_patient = target("280057505600117", "", "PATIENT");
        assert!(may_update(&c, Column::B1, Op::Td33Archive, &by_patient).is_err());
        assert!(may_update(&c, Column::D1, Op::Td33Archive, &by_patient).is_ok());
        assert!(may_update(&c, Column::D1, Op::Td33Delete, &by_patient).is_ok());
        // Masking it carries no such note.
        assert!(may_update(&c, Column::B1, Op::Td33Mask, &by_patient).is_ok());
        // Its class says it too, whoever registered it.
        let class_90 = UpdateTarget {
            class_code: "90",
            ..target("899700000017", "499700000017001", "10")
        };
        assert!(may_update(&c, Column::B1, Op::Td33Delete, &class_90).is_err());
        assert!(may_update(&c, Column::D1, Op::Td33Delete, &class_90).is_ok());
    }

    #[test]
    fn a_structure_deletes_its_documents_and_nothing_else() {
        let mut c = doctor(Purpose::Normal);
        c.mode = AuthMode::Indirect;
        c.structure_id = "1999000017".into();
        let p = patient(Authorization::NonExiste);
        let col = check(&c, &p, Op::Td33Delete).unwrap();
        assert_eq!(col, Column::F1);
        assert!(may_update(
            &c,
            col,
            Op::Td33Delete,
            &target("899700000039", "1999000017", "60")
        )
        .is_ok());
        assert!(may_update(
            &c,
            col,
            Op::Td33Delete,
            &target("899700000021", "499700000021001", "10")
        )
        .is_err());
        for op in [
            Op::Td33Mask,
            Op::Td33Unmask,
            Op::Td33ShowToPatient,
            Op::Td33Archive,
        ] {
            assert!(check(&c, &p, op).is_err(), "{op:?}");
        }
    }

    #[test]
    fn no_visibility_change_in_emergency_or_regulation() {
        let p = patient(Authorization::NonExiste);
        for purpose in [Purpose::BrisDeGlace, Purpose::Centre15] {
            for op in [Op::Td33Mask, Op::Td33Unmask, Op::Td33ShowToPatient] {
                assert!(
                    check(&doctor(purpose), &p, op).is_err(),
                    "{purpose:?} {op:?}"
                );
            }
            // Archiving is open to B2 and B3 as the matrix prints it.
            assert!(check(&doctor(purpose), &p, Op::Td33Archive).is_ok());
        }
    }
}
