//! The consent and rights rules applied on the client before anything reaches the DMP
//! (reference §7): who may do what (the DMP's functional-rights matrix, PDT-INF-526 v1.8,
//! §7.3), and what the patient's DMP allows (the TD0.2 answer: existence, closing, the
//! patient's block, their oppositions, the authorization; §7.1, §7.4).
//!
//! Pure functions, no I/O: [`check_user`] uses only what is known offline (the user's class,
//! the credential, the access mode, the transaction) and runs before any PIN, TLS or DMP call;
//! [`check`] adds the TD0.2 answer and runs before each transaction after it. A refusal names
//! its rule as the reference does ("PDT-INF-526 column C, TD3.2", "C4: INTERDIT").
//!
//! Where the reference is silent (written down here and in the README):
//! - The occupational doctor (column C), the CPE holder (column E) and the structure (column F,
//!   normal and regulation only) have no emergency column: those modes are refused to them.
//! - A doctor who is "médecin traitant DMP" has no regulation column of their own: in
//!   regulation mode they are in column B2.
//! - Becoming attending physician (TD0.3 with the MEDECIN_TRAITANT role) is for a doctor in
//!   normal mode (B1, D1).
//! - A patient's block (INTERDIT), a closed DMP and a missing DMP refuse every transaction
//!   about the patient but TD0.2, whatever the mode (C4; the closed and missing DMP have nothing
//!   to read or feed).
//! - An authorization (VALIDE) is needed in normal mode to read (TD3.1 metadata, TD3.2) and to
//!   list the professionals (TD1.6), not in emergency or regulation mode (C5, C6, C7); a
//!   structure or a CPE holder looking up the reference of their own documents needs none.

use crate::config::CredentialKind;
use crate::dmp::hl7v3::DmpStatus;
use crate::error::Error;
use crate::model::codes::{AccessMode, AuthorizationStatus};

/// Who the user is, for the matrix: the class of the card holder (direct mode), or the
/// structure (indirect mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserClass {
    /// A health professional who is not a doctor (nurse, pharmacist…): columns A.
    NonPhysician,
    /// A doctor: columns B, or D as the patient's attending physician.
    Physician,
    /// A doctor whose specialty is occupational medicine: column C.
    OccupationalPhysician,
    /// A CPE holder (a structure's employee, not a health professional): column E.
    NonPs,
}

/// The user as the rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    pub class: UserClass,
    pub credential: CredentialKind,
}

/// The transactions a command asks for, as the matrix rows name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// TD0.2, the existence test.
    Status,
    /// TD0.3 AJOUT: declare oneself authorized.
    Authorize,
    /// TD0.3 AJOUT with the MEDECIN_TRAITANT role.
    AuthorizeAttending,
    /// TD0.3 SUPPRESSION: remove one's authorization.
    RemoveAuthorization,
    /// TD0.3 SUPPRESSION with the MEDECIN_TRAITANT role: stop being attending physician.
    RemoveAttending,
    /// TD0.4, the DMPs one is authorized on.
    AuthorizedList,
    /// TD1.6, the professionals authorized on or blocked from a DMP.
    Professionals,
    /// TD3.1, a search of the documents' metadata.
    SearchMetadata,
    /// TD3.1, the reference of a document from its uniqueId.
    FindReference,
    /// TD3.2, a document's content.
    Retrieve,
    /// TD2.1 (and TD2.1b), adding a document; needs no authorization (C5).
    Push,
    /// TD3.3a, mask a document to professionals.
    MaskDocument,
    /// TD3.3a, unmask a document to professionals.
    UnmaskDocument,
    /// TD3.3b, make a document visible to the patient (and legal representatives).
    ShowToPatient,
    /// TD3.3d, archive or unarchive a document.
    ArchiveDocument,
    /// TD3.3c, delete a document.
    DeleteDocument,
}

impl Action {
    /// The matrix row, as the reference writes it.
    pub fn row(self) -> &'static str {
        match self {
            Action::Status => "TD0.2",
            Action::Authorize => "TD0.3 (declare an authorization)",
            Action::AuthorizeAttending => "TD0.3 (become attending physician)",
            Action::RemoveAuthorization => "TD0.3 (remove one's authorization)",
            Action::RemoveAttending => "TD0.3 (stop being attending physician)",
            Action::AuthorizedList => "TD0.4",
            Action::Professionals => "TD1.6",
            Action::SearchMetadata => "TD3.1 (metadata search)",
            Action::FindReference => "TD3.1 (document reference)",
            Action::Retrieve => "TD3.2",
            Action::Push => "TD2.1",
            Action::MaskDocument => "TD3.3a (mask to professionals)",
            Action::UnmaskDocument => "TD3.3a (unmask to professionals)",
            Action::ShowToPatient => "TD3.3b (make visible to the patient)",
            Action::ArchiveDocument => "TD3.3d (archive or unarchive)",
            Action::DeleteDocument => "TD3.3c (delete)",
        }
    }

    /// What the user wanted, in plain words (an infinitive phrase).
    fn what(self) -> String {
        match self {
            Action::Status => crate::tr!("consent-what-status"),
            Action::Authorize => crate::tr!("consent-what-authorize"),
            Action::AuthorizeAttending => crate::tr!("consent-what-authorize-attending"),
            Action::RemoveAuthorization => crate::tr!("consent-what-remove-authorization"),
            Action::RemoveAttending => crate::tr!("consent-what-remove-attending"),
            Action::AuthorizedList => crate::tr!("consent-what-authorized-list"),
            Action::Professionals => crate::tr!("consent-what-professionals"),
            Action::SearchMetadata => crate::tr!("consent-what-search-metadata"),
            Action::FindReference => crate::tr!("consent-what-find-reference"),
            Action::Retrieve => crate::tr!("consent-what-retrieve"),
            Action::Push => crate::tr!("consent-what-push"),
            Action::MaskDocument => crate::tr!("consent-what-mask"),
            Action::UnmaskDocument => crate::tr!("consent-what-unmask"),
            Action::ShowToPatient => crate::tr!("consent-what-show-to-patient"),
            Action::ArchiveDocument => crate::tr!("consent-what-archive"),
            Action::DeleteDocument => crate::tr!("consent-what-delete"),
        }
    }

    /// Reads the patient's record, so needs their consent (an authorization) in normal mode.
    fn reads_the_record(self, col: Column) -> bool {
        match self {
            Action::SearchMetadata | Action::Retrieve | Action::Professionals => true,
            // A structure or a CPE holder looks up its own documents (notes 5, 9).
            Action::FindReference => !matches!(col, Column::E | Column::F1 | Column::F2),
            _ => false,
        }
    }
}

/// The columns of PDT-INF-526 (reference §7.3).
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

const Y: bool = true;
const N: bool = false;

impl Column {
    fn index(self) -> usize {
        self as usize
    }

    /// Who the column is, in plain words.
    fn who(self) -> String {
        match self {
            Column::A1 | Column::A2 | Column::A3 => crate::tr!("consent-who-non-physician"),
            Column::B1 | Column::B2 | Column::B3 => crate::tr!("consent-who-physician"),
            Column::C => crate::tr!("consent-who-occupational"),
            Column::D1 | Column::D2 => crate::tr!("consent-who-attending"),
            Column::E => crate::tr!("consent-who-cpe"),
            Column::F1 | Column::F2 => crate::tr!("consent-who-structure"),
        }
    }
}

/// The matrix, column order A1 A2 A3 B1 B2 B3 C D1 D2 E F1 F2 (reference §7.3; the
/// MEDECIN_TRAITANT role on TD0.3 is the assumption written above).
fn row(action: Action) -> [bool; 12] {
    match action {
        Action::Status => [Y; 12],
        Action::Authorize => [Y, N, N, Y, N, N, N, Y, N, Y, N, N],
        Action::AuthorizeAttending => [N, N, N, Y, N, N, N, Y, N, N, N, N],
        Action::RemoveAuthorization => [Y, N, N, Y, N, N, N, Y, N, N, N, N],
        Action::RemoveAttending => [N, N, N, N, N, N, N, Y, N, N, N, N],
        Action::AuthorizedList => [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, N],
        Action::Professionals => [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
        Action::SearchMetadata => [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N],
        Action::FindReference => [Y; 12],
        Action::Retrieve => [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
        Action::Push => [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, Y, Y],
        // TD3.3: which documents each column may change is [`check_document`]'s (notes 8, 9, *).
        Action::MaskDocument | Action::ShowToPatient => [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
        Action::UnmaskDocument => [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
        Action::ArchiveDocument => [Y, N, N, Y, Y, Y, Y, Y, Y, N, N, N],
        Action::DeleteDocument => [Y; 12],
    }
}

/// What the rules of TD3.3 need to know of one document, from its registry metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocumentFacts {
    /// Its author is the user (the national id the VIHF names).
    pub own: bool,
    /// Its author's institution is the user's structure.
    pub structure_own: bool,
    /// The patient posted it (class code `90`, or an author whose role is the patient).
    pub posted_by_patient: bool,
}

/// The rights of TD3.3 on one document (PDT-INF-526 notes 8, 9 and *, reference §7.3, and C8),
/// once the column is known:
/// - note 8, "own documents only": unmasking and archiving in columns A1, B1 and C, deleting
///   in every direct-mode column (the attending physician included);
/// - note 9, "documents of the structure only": deleting in columns E, F1 and F2;
/// - note *, a document the patient posted: only the attending physician (D1, D2) archives or
///   deletes it.
///
/// Masking and making visible to the patient carry no note: the matrix gives them on any
/// document the column may see. The B2/B3 archive right is taken as the reference prints it.
pub fn check_document(action: Action, col: Column, doc: DocumentFacts) -> Result<(), Refusal> {
    use Column::*;
    let attending = matches!(col, D1 | D2);
    if doc.posted_by_patient && matches!(action, Action::ArchiveDocument | Action::DeleteDocument) {
        return if attending {
            Ok(())
        } else {
            Err(refusal(
                format!("PDT-INF-526 note *, {}", action.row()),
                match action {
                    Action::ArchiveDocument => crate::tr!("consent-patient-posted-archive"),
                    _ => crate::tr!("consent-patient-posted-delete"),
                },
                crate::tr!("consent-patient-posted-hint"),
            ))
        };
    }
    let own_only = match action {
        Action::UnmaskDocument | Action::ArchiveDocument => matches!(col, A1 | B1 | C),
        Action::DeleteDocument => !matches!(col, E | F1 | F2),
        _ => false,
    };
    // The attending physician deletes the patient's documents (note *), handled above.
    if own_only && !doc.own {
        return Err(refusal(
            format!("PDT-INF-526 note 8, {}", action.row()),
            crate::tr!("consent-own-only", who = col.who(), what = action.what()),
            match action {
                Action::DeleteDocument => crate::tr!("consent-own-only-delete-hint"),
                _ => crate::tr!("consent-own-only-hint"),
            },
        ));
    }
    if action == Action::DeleteDocument && matches!(col, E | F1 | F2) && !doc.structure_own {
        return Err(refusal(
            format!("PDT-INF-526 note 9, {}", action.row()),
            crate::tr!("consent-structure-only"),
            crate::tr!("consent-structure-only-hint"),
        ));
    }
    Ok(())
}

/// Does the matrix allow `action` in `col`?
pub fn matrix_allows(action: Action, col: Column) -> bool {
    row(action)[col.index()]
}

/// A refusal by a rule, with the rule's name as the reference gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// "PDT-INF-526 column C, TD3.2", "C4: INTERDIT"…
    pub rule: String,
    pub message: String,
    pub hint: String,
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::denied(crate::tr!(
            "consent-refused",
            message = r.message,
            rule = rule_in_words(&r.rule)
        ))
        .with_hint(r.hint)
    }
}

/// A rule as the reference writes it ("C7: bris de glace with a CPS card only"), its words in
/// the run's language for the message; the journal keeps the rule as it is.
fn rule_in_words(rule: &str) -> String {
    let words: [(&str, String); 18] = [
        ("normal access only", crate::tr!("consent-rule-normal-only")),
        (
            "bris de glace with a CPS card only",
            crate::tr!("consent-rule-card-only"),
        ),
        ("authorization EXPIRE", crate::tr!("consent-rule-expired")),
        ("authorization NON_EXISTE", crate::tr!("consent-rule-none")),
        ("patient's consent", crate::tr!("consent-rule-consent")),
        (
            "(declare an authorization)",
            crate::tr!("consent-rule-declare"),
        ),
        (
            "(become attending physician)",
            crate::tr!("consent-rule-become-attending"),
        ),
        (
            "(remove one's authorization)",
            crate::tr!("consent-rule-remove"),
        ),
        (
            "(stop being attending physician)",
            crate::tr!("consent-rule-stop-attending"),
        ),
        ("(metadata search)", crate::tr!("consent-rule-metadata")),
        ("(document reference)", crate::tr!("consent-rule-reference")),
        ("(mask to professionals)", crate::tr!("consent-rule-mask")),
        (
            "(unmask to professionals)",
            crate::tr!("consent-rule-unmask"),
        ),
        (
            "(make visible to the patient)",
            crate::tr!("consent-rule-show"),
        ),
        ("(archive or unarchive)", crate::tr!("consent-rule-archive")),
        ("(delete)", crate::tr!("consent-rule-delete")),
        ("column", crate::tr!("consent-rule-column")),
        (":", crate::tr!("consent-rule-colon")),
    ];
    let mut out = rule.to_string();
    for (english, local) in words.iter() {
        if english != local {
            out = out.replace(english, local);
        }
    }
    out
}

fn refusal(
    rule: impl Into<String>,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Refusal {
    Refusal {
        rule: rule.into(),
        message: message.into(),
        hint: hint.into(),
    }
}

/// The matrix column of `user` in `mode`; `attending`: the doctor is the patient's "médecin
/// traitant DMP" (TD0.2 STATUT_MT). Modes that have no column for the user are refused.
pub fn column(user: User, mode: AccessMode, attending: bool) -> Result<Column, Refusal> {
    use AccessMode::*;
    let normal_only = |col: &str, who: &str| {
        refusal(
            format!("PDT-INF-526 column {col}: normal access only"),
            crate::tr!(
                "consent-normal-only",
                mode = match mode {
                    BrisDeGlace => crate::tr!("consent-mode-emergency"),
                    _ => crate::tr!("consent-mode-regulation"),
                },
                who = who
            ),
            crate::tr!("consent-normal-only-hint"),
        )
    };
    match user.credential {
        CredentialKind::Structure => match mode {
            Normal => Ok(Column::F1),
            Centre15 => Ok(Column::F2),
            BrisDeGlace => Err(refusal(
                "C7: bris de glace with a CPS card only",
                crate::tr!("consent-emergency-structure"),
                crate::tr!("consent-emergency-structure-hint"),
            )),
        },
        // The card through PKCS#11 is the same card holder (its users carry `Card`).
        CredentialKind::Card | CredentialKind::Pkcs11 => match (user.class, mode) {
            (UserClass::NonPhysician, Normal) => Ok(Column::A1),
            (UserClass::NonPhysician, Centre15) => Ok(Column::A2),
            (UserClass::NonPhysician, BrisDeGlace) => Ok(Column::A3),
            (UserClass::Physician, Normal) if attending => Ok(Column::D1),
            (UserClass::Physician, Normal) => Ok(Column::B1),
            (UserClass::Physician, Centre15) => Ok(Column::B2),
            (UserClass::Physician, BrisDeGlace) if attending => Ok(Column::D2),
            (UserClass::Physician, BrisDeGlace) => Ok(Column::B3),
            (UserClass::OccupationalPhysician, Normal) => Ok(Column::C),
            (UserClass::OccupationalPhysician, _) => Err(normal_only("C", &Column::C.who())),
            (UserClass::NonPs, Normal) => Ok(Column::E),
            (UserClass::NonPs, _) => Err(normal_only("E", &Column::E.who())),
        },
    }
}

fn matrix_refusal(action: Action, col: Column) -> Refusal {
    let hint = match (action, col) {
        (Action::Retrieve, Column::C) => crate::tr!("consent-matrix-hint-occupational-retrieve"),
        (
            Action::MaskDocument
            | Action::UnmaskDocument
            | Action::ShowToPatient
            | Action::ArchiveDocument,
            Column::E | Column::F1 | Column::F2,
        ) => crate::tr!("consent-matrix-hint-structure-change"),
        (_, Column::E | Column::F1 | Column::F2) => crate::tr!("consent-matrix-hint-structure"),
        (_, Column::A2 | Column::A3 | Column::B2 | Column::B3 | Column::D2) => {
            crate::tr!("consent-matrix-hint-mode")
        }
        (Action::RemoveAttending, _) => crate::tr!("consent-matrix-hint-remove-attending"),
        _ => crate::tr!("consent-matrix-hint"),
    };
    refusal(
        format!("PDT-INF-526 column {col:?}, {}", action.row()),
        crate::tr!("consent-matrix", who = col.who(), what = action.what()),
        hint,
    )
}

/// The rules known before anything is sent: the user's class and credential, the mode and
/// the transaction. A doctor may turn out to be the patient's attending physician, so a
/// transaction open to columns D is let through here and checked again by [`check`].
pub fn check_user(user: User, mode: AccessMode, action: Action) -> Result<(), Refusal> {
    let col = column(user, mode, false)?;
    if matrix_allows(action, col) {
        return Ok(());
    }
    if user.class == UserClass::Physician && user.credential == CredentialKind::Card {
        if let Ok(d) = column(user, mode, true) {
            if matrix_allows(action, d) {
                return Ok(());
            }
        }
    }
    Err(matrix_refusal(action, col))
}

fn closed_refusal(s: &DmpStatus) -> Refusal {
    let c = s.closing.clone().unwrap_or_default();
    let when = c
        .date
        .as_deref()
        .map(|d| match crate::model::timestamp::Timestamp::parse_hl7(d) {
            Some(t @ crate::model::timestamp::Timestamp::DateTime(_)) => {
                format!(
                    " {}",
                    crate::tr!("consent-closed-on-utc", date = t.display())
                )
            }
            Some(t) => format!(" {}", crate::tr!("consent-closed-on", date = t.display())),
            None => format!(" {}", crate::tr!("consent-closed-on", date = d)),
        })
        .unwrap_or_default();
    let why = match (&c.reason_text, &c.reason_code) {
        (Some(t), Some(code)) if t != code => format!(" ({t}, {code})"),
        (Some(t), _) => format!(" ({t})"),
        (None, Some(code)) => format!(" ({code})"),
        (None, None) => String::new(),
    };
    refusal(
        "TD0.2: closed DMP",
        super::access::neutralize_controls(&crate::tr!("consent-closed", when = when, why = why)),
        crate::tr!("consent-closed-hint"),
    )
}

/// The full check once TD0.2 has answered: the matrix with the user's exact column, then the
/// patient's DMP (missing, closed), their block (INTERDIT), their oppositions to the mode and
/// the authorization. Returns the column.
pub fn check(
    user: User,
    mode: AccessMode,
    action: Action,
    s: &DmpStatus,
) -> Result<Column, Refusal> {
    let attending = s.attending_physician && s.authorization == Some(AuthorizationStatus::Valide);
    let col = column(user, mode, attending)?;
    if !matrix_allows(action, col) {
        return Err(matrix_refusal(action, col));
    }
    if matches!(action, Action::Status | Action::AuthorizedList) {
        return Ok(col);
    }
    if !s.exists {
        return Err(refusal(
            "TD0.2: no DMP",
            crate::tr!("consent-no-dmp"),
            crate::tr!("consent-no-dmp-hint"),
        ));
    }
    if s.closed {
        return Err(closed_refusal(s));
    }
    if s.authorization == Some(AuthorizationStatus::Interdit) {
        let why = s
            .authorization_text
            .as_deref()
            .map(|t| format!(" ({})", super::access::neutralize_controls(t)))
            .unwrap_or_default();
        return Err(refusal(
            "C4: INTERDIT",
            crate::tr!("consent-blocked", why = why),
            crate::tr!("consent-blocked-hint"),
        ));
    }
    match mode {
        AccessMode::BrisDeGlace if s.opposition_break_glass == Some(true) => {
            return Err(refusal(
                "L5/C7: OPPOSITION_BRIS_DE_GLACE",
                crate::tr!("consent-opposed-emergency"),
                crate::tr!("consent-opposed-emergency-hint"),
            ));
        }
        AccessMode::Centre15 if s.opposition_regulation == Some(true) => {
            return Err(refusal(
                "L6: OPPOSITION_ACCES_URGENCE",
                crate::tr!("consent-opposed-regulation"),
                crate::tr!("consent-opposed-regulation-hint"),
            ));
        }
        _ => {}
    }
    if mode == AccessMode::Normal && action.reads_the_record(col) {
        match s.authorization {
            Some(AuthorizationStatus::Valide) => {}
            Some(AuthorizationStatus::Expire) => {
                return Err(refusal(
                    "C3/C5: authorization EXPIRE",
                    crate::tr!("consent-authorization-expired"),
                    crate::tr!("consent-authorization-expired-hint"),
                ))
            }
            _ => {
                return Err(refusal(
                    "C3/C5: authorization NON_EXISTE",
                    crate::tr!("consent-not-authorized"),
                    crate::tr!("consent-not-authorized-hint"),
                ))
            }
        }
    }
    Ok(col)
}

/// The refusal of a TD0.3 AJOUT without the patient's consent (C3, EX_0.3-1010): the LPS
/// declares an authorization only after the patient consented, never by default.
pub fn consent_missing() -> Refusal {
    refusal(
        "C3 (EX_0.3-1010): patient's consent",
        crate::tr!("consent-missing"),
        crate::tr!("consent-missing-hint"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dmp::hl7v3::DmpClosing;

    /// The refusal without the patient's consent, as a French clinician reads it (formatted in
    /// French directly: the run's language is process-wide and other tests read English).
    #[test]
    fn the_consent_refusal_reads_in_french() {
        use crate::i18n::{format_in, Arg, Lang};
        let r = consent_missing();
        assert_eq!(
            Error::from(r.clone()).message(),
            "the patient's consent to your access must be confirmed before declaring it \
             (rule C3 (EX_0.3-1010): patient's consent)"
        );
        let message = format_in(Lang::Fr, "consent-missing", &[]);
        let text = format_in(
            Lang::Fr,
            "consent-refused",
            &[("message", Arg::from(message)), ("rule", Arg::from(r.rule))],
        );
        assert_eq!(
            text,
            "le consentement du patient à votre accès doit être confirmé avant de déclarer \
             l'autorisation (règle C3 (EX_0.3-1010): patient's consent)"
        );
        assert_eq!(
            format_in(Lang::Fr, "consent-missing-hint", &[]),
            "demandez-le au patient, puis confirmez à l'invite, ou passez --patient-consent \
             dans un script"
        );
        assert_eq!(
            format_in(Lang::Fr, "access-emergency-needs-reason", &[]),
            "l'accès en mode bris de glace exige un motif"
        );
        let who = format_in(Lang::Fr, "consent-who-occupational", &[]);
        let what = format_in(Lang::Fr, "consent-what-retrieve", &[]);
        assert_eq!(
            format_in(
                Lang::Fr,
                "consent-matrix",
                &[("who", Arg::from(who)), ("what", Arg::from(what))]
            ),
            "selon la matrice des droits du DMP, un médecin du travail ne peut pas récupérer \
             le contenu d'un document"
        );
    }

    /// The TD0.2 situations of the truth table.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Td02 {
        NoDmp,
        Closed,
        Valide,
        ValideAttending,
        Expire,
        Interdit,
        NonExiste,
        OpposesBreakGlass,
        OpposesRegulation,
    }

    const SITUATIONS: [Td02; 9] = [
        Td02::NoDmp,
        Td02::Closed,
        Td02::Valide,
        Td02::ValideAttending,
        Td02::Expire,
        Td02::Interdit,
        Td02::NonExiste,
        Td02::OpposesBreakGlass,
        Td02::OpposesRegulation,
    ];

    fn status(t: Td02) -> DmpStatus {
        let mut s = DmpStatus {
            exists: true,
            authorization: Some(AuthorizationStatus::NonExiste),
            opposition_break_glass: Some(false),
            opposition_regulation: Some(false),
            ..DmpStatus::default()
        };
        match t {
            Td02::NoDmp => s.exists = false,
            Td02::Closed => {
                s.closed = true;
                s.authorization = Some(AuthorizationStatus::Valide);
                s.closing = Some(DmpClosing {
                    date: Some("20250630100000".into()),
                    reason_code: Some("FERMETURE_DEMANDE_PATIENT".into()),
                    reason_text: Some("Fermeture à la demande du patient".into()),
                });
            }
            Td02::Valide => s.authorization = Some(AuthorizationStatus::Valide),
            Td02::ValideAttending => {
                s.authorization = Some(AuthorizationStatus::Valide);
                s.attending_physician = true;
            }
            Td02::Expire => s.authorization = Some(AuthorizationStatus::Expire),
            Td02::Interdit => s.authorization = Some(AuthorizationStatus::Interdit),
            Td02::NonExiste => {}
            Td02::OpposesBreakGlass => s.opposition_break_glass = Some(true),
            Td02::OpposesRegulation => s.opposition_regulation = Some(true),
        }
        s
    }

    const MODES: [AccessMode; 3] = [
        AccessMode::Normal,
        AccessMode::BrisDeGlace,
        AccessMode::Centre15,
    ];
    const CLASSES: [UserClass; 4] = [
        UserClass::NonPhysician,
        UserClass::Physician,
        UserClass::OccupationalPhysician,
        UserClass::NonPs,
    ];
    const ACTIONS: [Action; 16] = [
        Action::MaskDocument,
        Action::UnmaskDocument,
        Action::ShowToPatient,
        Action::ArchiveDocument,
        Action::DeleteDocument,
        Action::Status,
        Action::Authorize,
        Action::AuthorizeAttending,
        Action::RemoveAuthorization,
        Action::RemoveAttending,
        Action::AuthorizedList,
        Action::Professionals,
        Action::SearchMetadata,
        Action::FindReference,
        Action::Retrieve,
        Action::Push,
    ];

    /// The expected column, written from the reference's column definitions (§7.3), not from
    /// `column`.
    fn expected_column(
        class: UserClass,
        credential: CredentialKind,
        mode: AccessMode,
        attending: bool,
    ) -> Option<&'static str> {
        use AccessMode::*;
        use UserClass::*;
        Some(match (credential, class, mode) {
            (CredentialKind::Structure, _, Normal) => "F1",
            (CredentialKind::Structure, _, Centre15) => "F2",
            (CredentialKind::Structure, _, BrisDeGlace) => return None,
            (_, NonPhysician, Normal) => "A1",
            (_, NonPhysician, Centre15) => "A2",
            (_, NonPhysician, BrisDeGlace) => "A3",
            (_, Physician, Normal) if attending => "D1",
            (_, Physician, BrisDeGlace) if attending => "D2",
            (_, Physician, Normal) => "B1",
            (_, Physician, Centre15) => "B2",
            (_, Physician, BrisDeGlace) => "B3",
            (_, OccupationalPhysician, Normal) => "C",
            (_, NonPs, Normal) => "E",
            _ => return None,
        })
    }

    /// The matrix as the reference's table prints it (§7.3), one string per row, columns
    /// A1 A2 A3 B1 B2 B3 C D1 D2 E F1 F2.
    fn expected_matrix(action: Action, col: &str) -> bool {
        let table = match action {
            // TD3.3: the rows as printed, notes aside (they are per document).
            Action::MaskDocument => "✔✘✘✔✘✘✔✔✘✘✘✘",
            Action::UnmaskDocument => "✔✘✘✔✘✘✔✔✘✘✘✘",
            Action::ShowToPatient => "✔✘✘✔✘✘✔✔✘✘✘✘",
            Action::ArchiveDocument => "✔✘✘✔✔✔✔✔✔✘✘✘",
            Action::DeleteDocument => "✔✔✔✔✔✔✔✔✔✔✔✔",
            Action::Status => "✔✔✔✔✔✔✔✔✔✔✔✔",
            Action::Authorize => "✔✘✘✔✘✘✘✔✘✔✘✘",
            Action::AuthorizeAttending => "✘✘✘✔✘✘✘✔✘✘✘✘",
            Action::RemoveAuthorization => "✔✘✘✔✘✘✘✔✘✘✘✘",
            Action::RemoveAttending => "✘✘✘✘✘✘✘✔✘✘✘✘",
            Action::AuthorizedList => "✔✔✔✔✔✔✔✔✔✔✔✘",
            Action::Professionals => "✔✘✘✔✘✘✔✔✘✘✘✘",
            Action::SearchMetadata => "✔✔✔✔✔✔✔✔✔✘✘✘",
            Action::FindReference => "✔✔✔✔✔✔✔✔✔✔✔✔",
            Action::Retrieve => "✔✔✔✔✔✔✘✔✔✘✘✘",
            Action::Push => "✔✔✔✔✔✔✔✔✔✘✔✔",
        };
        let cols = [
            "A1", "A2", "A3", "B1", "B2", "B3", "C", "D1", "D2", "E", "F1", "F2",
        ];
        let i = cols.iter().position(|c| *c == col).unwrap();
        table.chars().nth(i).unwrap() == '✔'
    }

    /// The expected outcome: `Ok(column)` or `Err(rule)`, written case by case from the
    /// reference's rules.
    fn expected(
        t: Td02,
        mode: AccessMode,
        class: UserClass,
        credential: CredentialKind,
        action: Action,
    ) -> Result<String, String> {
        let attending = t == Td02::ValideAttending
            && class == UserClass::Physician
            && credential == CredentialKind::Card;
        let Some(col) = expected_column(class, credential, mode, attending) else {
            return Err(match credential {
                CredentialKind::Structure => "C7: bris de glace with a CPS card only".into(),
                CredentialKind::Card | CredentialKind::Pkcs11
                    if class == UserClass::OccupationalPhysician =>
                {
                    "PDT-INF-526 column C: normal access only".into()
                }
                CredentialKind::Card | CredentialKind::Pkcs11 => {
                    "PDT-INF-526 column E: normal access only".into()
                }
            });
        };
        if !expected_matrix(action, col) {
            return Err(format!("PDT-INF-526 column {col}, {}", action.row()));
        }
        if matches!(action, Action::Status | Action::AuthorizedList) {
            return Ok(col.into());
        }
        match t {
            Td02::NoDmp => return Err("TD0.2: no DMP".into()),
            Td02::Closed => return Err("TD0.2: closed DMP".into()),
            Td02::Interdit => return Err("C4: INTERDIT".into()),
            Td02::OpposesBreakGlass if mode == AccessMode::BrisDeGlace => {
                return Err("L5/C7: OPPOSITION_BRIS_DE_GLACE".into())
            }
            Td02::OpposesRegulation if mode == AccessMode::Centre15 => {
                return Err("L6: OPPOSITION_ACCES_URGENCE".into())
            }
            _ => {}
        }
        let consultation = matches!(
            action,
            Action::SearchMetadata | Action::Retrieve | Action::Professionals
        ) || (action == Action::FindReference
            && !matches!(col, "E" | "F1" | "F2"));
        if mode == AccessMode::Normal && consultation {
            match t {
                Td02::Valide | Td02::ValideAttending => {}
                Td02::Expire => return Err("C3/C5: authorization EXPIRE".into()),
                _ => return Err("C3/C5: authorization NON_EXISTE".into()),
            }
        }
        Ok(col.into())
    }

    #[test]
    fn truth_table_every_status_mode_class_credential_and_transaction() {
        let mut cases = 0;
        for t in SITUATIONS {
            for mode in MODES {
                for credential in [CredentialKind::Card, CredentialKind::Structure] {
                    for class in CLASSES {
                        for action in ACTIONS {
                            let user = User { class, credential };
                            let got = check(user, mode, action, &status(t))
                                .map(|c| format!("{c:?}"))
                                .map_err(|r| r.rule);
                            let want = expected(t, mode, class, credential, action);
                            assert_eq!(
                                got, want,
                                "TD0.2 {t:?}, mode {mode:?}, {class:?} with {credential:?}, {action:?}"
                            );
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 9 * 3 * 2 * 4 * ACTIONS.len());
    }

    #[test]
    fn offline_check_refuses_exactly_what_no_column_of_the_user_allows() {
        for mode in MODES {
            for credential in [CredentialKind::Card, CredentialKind::Structure] {
                for class in CLASSES {
                    for action in ACTIONS {
                        let user = User { class, credential };
                        let cols: Vec<&str> = [false, true]
                            .into_iter()
                            .filter(|&att| {
                                !att || (class == UserClass::Physician
                                    && credential == CredentialKind::Card)
                            })
                            .filter_map(|att| expected_column(class, credential, mode, att))
                            .collect();
                        let allowed = cols.iter().any(|c| expected_matrix(action, c));
                        assert_eq!(
                            check_user(user, mode, action).is_ok(),
                            allowed,
                            "{mode:?}, {class:?} with {credential:?}, {action:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn an_occupational_doctor_may_list_but_never_retrieve() {
        let user = User {
            class: UserClass::OccupationalPhysician,
            credential: CredentialKind::Card,
        };
        assert!(check_user(user, AccessMode::Normal, Action::SearchMetadata).is_ok());
        let r = check_user(user, AccessMode::Normal, Action::Retrieve).unwrap_err();
        assert_eq!(r.rule, "PDT-INF-526 column C, TD3.2");
        assert!(r.message.contains("occupational doctor"), "{r:?}");
        assert!(r.hint.contains("not even their own documents"), "{r:?}");
        // Own documents or not, an authorization does not change it.
        assert!(check(
            user,
            AccessMode::Normal,
            Action::Retrieve,
            &status(Td02::Valide)
        )
        .is_err());
    }

    #[test]
    fn a_closed_dmp_is_refused_with_its_date_and_reason() {
        let user = User {
            class: UserClass::Physician,
            credential: CredentialKind::Card,
        };
        let r = check(
            user,
            AccessMode::Centre15,
            Action::SearchMetadata,
            &status(Td02::Closed),
        )
        .unwrap_err();
        assert!(r.message.contains("closed on 2025-06-30"), "{r:?}");
        assert!(
            r.message.contains("Fermeture à la demande du patient"),
            "{r:?}"
        );
        assert!(r.message.contains("FERMETURE_DEMANDE_PATIENT"), "{r:?}");
        let e = Error::from(r);
        assert_eq!(e.kind(), crate::ErrorKind::Denied);
        assert!(e.message().contains("rule TD0.2: closed DMP"), "{e}");
    }

    /// TD3.3 per column, as §7.3 prints it: `A` any document, `8` own documents only (note 8),
    /// `9` the structure's documents only (note 9), `-` no right. Columns A1 A2 A3 B1 B2 B3 C D1
    /// D2 E F1 F2.
    fn expected_document_right(action: Action, col: usize, doc: DocumentFacts) -> bool {
        let (table, star) = match action {
            Action::MaskDocument => ("A--A--AA----", false),
            Action::UnmaskDocument => ("8--8--8A----", false),
            Action::ShowToPatient => ("A--A--AA----", false),
            Action::ArchiveDocument => ("8--8AA8AA---", true),
            Action::DeleteDocument => ("888888888999", true),
            _ => unreachable!(),
        };
        let allowed = match table.as_bytes()[col] {
            b'A' => true,
            b'8' => doc.own,
            b'9' => doc.structure_own,
            _ => false,
        };
        // Note *: a document the patient posted, only the attending physician (D1, D2).
        if star && doc.posted_by_patient {
            return table.as_bytes()[col] != b'-' && (col == 7 || col == 8);
        }
        allowed
    }

    #[test]
    fn truth_table_of_the_document_rights_of_td33() {
        let cols = [
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
        let mut cases = 0;
        for action in [
            Action::MaskDocument,
            Action::UnmaskDocument,
            Action::ShowToPatient,
            Action::ArchiveDocument,
            Action::DeleteDocument,
        ] {
            for (i, col) in cols.into_iter().enumerate() {
                for bits in 0..8u8 {
                    let doc = DocumentFacts {
                        own: bits & 1 != 0,
                        structure_own: bits & 2 != 0,
                        posted_by_patient: bits & 4 != 0,
                    };
                    let got =
                        matrix_allows(action, col) && check_document(action, col, doc).is_ok();
                    assert_eq!(
                        got,
                        expected_document_right(action, i, doc),
                        "{action:?} in column {col:?} on {doc:?}"
                    );
                    cases += 1;
                }
            }
        }
        assert_eq!(cases, 5 * 12 * 8);
    }

    #[test]
    fn a_document_refusal_names_its_note() {
        let other = DocumentFacts::default();
        let r = check_document(Action::DeleteDocument, Column::B1, other).unwrap_err();
        assert_eq!(r.rule, "PDT-INF-526 note 8, TD3.3c (delete)");
        assert!(r.hint.contains("only the author can delete"), "{r:?}");
        let r = check_document(Action::DeleteDocument, Column::F1, other).unwrap_err();
        assert_eq!(r.rule, "PDT-INF-526 note 9, TD3.3c (delete)");
        let patient = DocumentFacts {
            posted_by_patient: true,
            ..other
        };
        let r = check_document(Action::ArchiveDocument, Column::B1, patient).unwrap_err();
        assert_eq!(r.rule, "PDT-INF-526 note *, TD3.3d (archive or unarchive)");
        assert!(check_document(Action::DeleteDocument, Column::D1, patient).is_ok());
    }

    #[test]
    fn the_dmps_texts_are_neutralised_in_messages() {
        let mut s = status(Td02::Interdit);
        s.authorization_text = Some("bloqué\u{1b}[2J\npar le patient".into());
        let user = User {
            class: UserClass::Physician,
            credential: CredentialKind::Card,
        };
        let r = check(user, AccessMode::Normal, Action::SearchMetadata, &s).unwrap_err();
        assert!(!r.message.chars().any(char::is_control), "{r:?}");
        assert!(r.message.contains("bloqué"), "{r:?}");
    }
}
