//! Document metadata: an XDS DocumentEntry as the DMP registry returns it (reference §5.3).
//!
//! Dates are kept as the XDS `DTM` strings (UTC, `YYYY[MM[DD[hh[mm[ss]]]]]`); they sort as text
//! when they have the same precision, and [`crate::model::timestamp`] renders them.

use crate::model::codes::{AvailabilityStatus, Coded, Visibility};

/// An author of a document (XDS author classification).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    /// idNat_PS (first component of the XCN authorPerson).
    pub id: Option<String>,
    pub family_name: Option<String>,
    pub given_name: Option<String>,
    /// The raw XCN authorPerson value.
    pub person_raw: Option<String>,
    /// Institutions (raw XON values).
    pub institutions: Vec<String>,
    /// authorRole values.
    pub roles: Vec<String>,
    /// authorSpecialty values (raw CE, e.g. `G15_10/SM26^Médecin - …^1.2.250.1.213.1.1.4.5`).
    pub specialties: Vec<String>,
}

impl Author {
    /// "Given Family" (or the id when there is no name).
    pub fn display_name(&self) -> String {
        let name = [self.given_name.as_deref(), self.family_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            self.id.clone().unwrap_or_default()
        } else {
            name
        }
    }

    /// Splits an XCN value `id^Family^Given^^^^^^&OID&ISO^D^^^IDNPS` into its parts.
    pub fn from_xcn(xcn: &str) -> Author {
        let parts: Vec<&str> = xcn.split('^').collect();
        let get = |i: usize| {
            parts
                .get(i)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Author {
            id: get(0),
            family_name: get(1),
            given_name: get(2),
            person_raw: Some(xcn.to_owned()),
            ..Author::default()
        }
    }
}

/// One document of the DMP registry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocumentEntry {
    /// Registry id of this version (`urn:uuid:…`); changes with every metadata change.
    pub entry_uuid: String,
    /// The document's OID, set by its author; stable across MSSanté and DMP.
    pub unique_id: String,
    pub repository_unique_id: Option<String>,
    /// Stable across metadata changes (XDS Metadata Update).
    pub logical_id: Option<String>,
    pub version: Option<String>,
    /// The raw availability status URN.
    pub status: String,
    pub title: Option<String>,
    pub comments: Option<String>,
    pub mime_type: Option<String>,
    pub type_code: Option<Coded>,
    pub class_code: Option<Coded>,
    pub format_code: Option<Coded>,
    pub practice_setting_code: Option<Coded>,
    pub healthcare_facility_type_code: Option<Coded>,
    pub event_codes: Vec<Coded>,
    /// All confidentiality codes: HL7 `N`/`R`/`V` and the DMP visibility codes.
    pub confidentiality: Vec<Coded>,
    pub creation_time: Option<String>,
    pub service_start_time: Option<String>,
    pub service_stop_time: Option<String>,
    /// Time the registry received it, when present (DMP slot; optional).
    pub submission_time: Option<String>,
    pub language_code: Option<String>,
    pub authors: Vec<Author>,
    pub legal_authenticator: Option<String>,
    pub size: Option<u64>,
    /// SHA-1 of the content, lowercase hex.
    pub hash: Option<String>,
    /// The XDS patientId (`INS^^^&OID&ISO^NH`).
    pub patient_id: Option<String>,
    pub source_patient_id: Option<String>,
    /// entryUUID of the document this one replaces (RPLC association), when known.
    pub replaces: Option<String>,
    /// entryUUID of the document that replaces this one, when known.
    pub replaced_by: Option<String>,
}

impl DocumentEntry {
    pub fn availability(&self) -> Option<AvailabilityStatus> {
        AvailabilityStatus::from_code(&self.status)
    }

    pub fn has_visibility(&self, v: Visibility) -> bool {
        self.confidentiality.iter().any(|c| c.code == v.code())
    }

    /// Masked to professionals (MASQUE_PS).
    pub fn masked_to_professionals(&self) -> bool {
        self.has_visibility(Visibility::MasquePs)
    }

    /// Not visible to the patient (INVISIBLE_PATIENT).
    pub fn invisible_to_patient(&self) -> bool {
        self.has_visibility(Visibility::InvisiblePatient)
    }

    /// Not visible to the legal representatives (INVISIBLE_REPRESENTANTS_LEGAUX).
    pub fn invisible_to_legal_representatives(&self) -> bool {
        self.has_visibility(Visibility::InvisibleRepresentantsLegaux)
    }

    /// The first author, if any.
    pub fn author(&self) -> Option<&Author> {
        self.authors.first()
    }
}

/// Renders an XDS DTM (`YYYYMMDDhhmmss`, any precision, UTC) in RFC 3339 (`2024-05-01T10:20:00Z`,
/// or `2024-05-01` for a date). Returns `None` when malformed. See
/// [`crate::model::timestamp`].
pub fn xds_dtm_to_rfc3339(dtm: &str) -> Option<String> {
    crate::model::timestamp::hl7_to_rfc3339(dtm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xcn_split() {
        let a = Author::from_xcn("899900063480^LIBRE^MAX^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assert_eq!(a.id.as_deref(), Some("899900063480"));
        assert_eq!(a.display_name(), "MAX LIBRE");
    }

    #[test]
    fn dtm() {
        assert_eq!(
            xds_dtm_to_rfc3339("20240501").as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(
            xds_dtm_to_rfc3339("202405011020").as_deref(),
            Some("2024-05-01T10:20:00Z")
        );
        assert_eq!(xds_dtm_to_rfc3339("2024x"), None);
    }
}
