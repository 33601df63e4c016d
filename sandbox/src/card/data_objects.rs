//! The card's data objects: the DODF and the files it points to, `CPS_INFO_PS` (public) and
//! `CPS_ACTIVITY_01_PS` … (one per activity, "situation d'exercice", read after the PIN).
//!
//! What is public: the labels and that the activities are PIN-protected (the ANS Cryptolib's
//! tests and pkcs15.c), the activity files `3F00/0001/D120`-`D12F` (its card-cps3.c), the
//! activity content `EE { 84 organisation, 85 Struct_IdNat, 86 activity sector }` and the
//! specialty as the last 4 characters of `CPS_INFO_PS` (the ANS code example as Dehempe reads
//! it). The other tags of `CPS_INFO_PS` and its file id are ours (see CARD.md).

use super::fs::{fid, FileSystem, NodeId};
use crate::der;
use crate::pki::HolderIdentity;

/// At most 16 activity files (D120 to D12F).
pub const MAX_ACTIVITIES: usize = 16;
/// Label of the practitioner data object.
pub const LABEL_INFO_PS: &str = "CPS_INFO_PS";
/// The PKCS#15 application name of the data objects (the Cryptolib's CPS objects use "CPS").
const APP_NAME: &str = "CPS";

/// One activity ("situation d'exercice") the card holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardActivity {
    /// Raison sociale of the structure.
    pub organisation: String,
    /// Struct_IdNat, the VIHF's `Identifiant_Structure`.
    pub structure_id: String,
    /// TRE_R02 activity sector code, e.g. `SA07`.
    pub sector: String,
}

impl CardActivity {
    /// Parses `STRUCT_ID:SECTOR:ORGANISATION` (the organisation last: it may hold colons).
    pub fn parse(s: &str) -> Option<CardActivity> {
        let mut parts = s.splitn(3, ':');
        let structure_id = parts.next()?.trim().to_string();
        let sector = parts.next()?.trim().to_string();
        let organisation = parts.next()?.trim().to_string();
        (!structure_id.is_empty() && !sector.is_empty() && !organisation.is_empty()).then_some(
            CardActivity {
                organisation,
                structure_id,
                sector,
            },
        )
    }
}

/// The activity a holder's card carries unless told otherwise: the holder's own cabinet,
/// `4` + the RPPS part of the national id + `001` (`499700000017001` for the default holder),
/// in sector SA07. The sandbox server links the same structure to the holder
/// (`server::seed::linked_structures`).
pub fn default_activities(holder: &HolderIdentity) -> Vec<CardActivity> {
    let rpps = holder.national_id.get(1..).unwrap_or_default();
    vec![CardActivity {
        organisation: format!("CABINET {}", holder.surname),
        structure_id: format!("4{rpps}001"),
        sector: "SA07".into(),
    }]
}

/// The label of the n-th activity object (1-based): `CPS_ACTIVITY_01_PS`.
pub fn activity_label(n: usize) -> String {
    format!("CPS_ACTIVITY_{n:02}_PS")
}

/// `EE { 84 organisation, 85 Struct_IdNat, 86 sector }`.
pub fn activity_content(a: &CardActivity) -> Vec<u8> {
    der::cons(
        0xEE,
        &[
            &der::tlv(0x84, a.organisation.as_bytes()),
            &der::tlv(0x85, a.structure_id.as_bytes()),
            &der::tlv(0x86, a.sector.as_bytes()),
        ],
    )
}

/// `EE { 81 national id, 82 surname, 83 given name, [84 specialty] }`: the specialty last, so
/// that it is the value's last 4 characters as the ANS code example reads it.
pub fn info_ps_content(holder: &HolderIdentity, specialty: Option<&str>) -> Vec<u8> {
    let specialty = specialty.map(|s| der::tlv(0x84, s.as_bytes()));
    der::cons(
        0xEE,
        &[
            &der::tlv(0x81, holder.national_id.as_bytes()),
            &der::tlv(0x82, holder.surname.as_bytes()),
            &der::tlv(0x83, holder.given_name.as_bytes()),
            specialty.as_deref().unwrap_or_default(),
        ],
    )
}

/// One DODF entry (ISO 7816-15 `opaqueDO`): `30 { 30 { 0C label, 03 flags, [04 authId] },
/// 30 { 0C applicationName }, A1 { 30 { 04 path } } }`, the private flag and the PIN's
/// authId on the PIN-protected ones.
fn dodf_entry(label: &str, private: bool, path: &[u16]) -> Vec<u8> {
    let path: Vec<u8> = path.iter().flat_map(|f| f.to_be_bytes()).collect();
    let flags = if private {
        der::named_bits(&[0])
    } else {
        der::named_bits(&[])
    };
    let auth_id = if private {
        der::tlv(0x04, &[super::pkcs15::PIN_AUTH_ID])
    } else {
        Vec::new()
    };
    der::seq(&[
        &der::seq(&[&der::tlv(0x0C, label.as_bytes()), &flags, &auth_id]),
        &der::seq(&[&der::tlv(0x0C, APP_NAME.as_bytes())]),
        &der::cons(0xA1, &[&der::seq(&[&der::tlv(0x04, &path)])]),
    ])
}

/// Adds the DODF and the data object files to the application DF `app`.
pub fn add_to(
    fs: &mut FileSystem,
    app: NodeId,
    holder: &HolderIdentity,
    specialty: Option<&str>,
    activities: &[CardActivity],
) {
    let mut dodf = dodf_entry(LABEL_INFO_PS, false, &[fid::MF, fid::DF_IAS, fid::INFO_PS]);
    fs.add_ef(app, fid::INFO_PS, None, info_ps_content(holder, specialty));
    for (i, a) in activities.iter().take(MAX_ACTIVITIES).enumerate() {
        let file = fid::ACTIVITY_FIRST + i as u16;
        dodf.extend(dodf_entry(
            &activity_label(i + 1),
            true,
            &[fid::MF, fid::DF_IAS, file],
        ));
        fs.add_private_ef(app, file, activity_content(a));
    }
    fs.add_ef(app, fid::DODF, None, dodf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::der::parse_all;

    #[test]
    fn parse_and_contents() {
        let a = CardActivity::parse("499700000017001:SA07:CABINET A: B").unwrap();
        assert_eq!(a.organisation, "CABINET A: B");
        assert!(CardActivity::parse("499700000017001:SA07").is_none());
        let holder = HolderIdentity::default();
        assert_eq!(
            default_activities(&holder)[0].structure_id,
            "499700000017001"
        );
        let info = info_ps_content(&holder, Some("SM26"));
        assert!(info.ends_with(b"SM26"));
        let content = activity_content(&a);
        let top = parse_all(&content).unwrap();
        assert!(top[0].is(0xEE));
        let kids = top[0].children().unwrap();
        assert_eq!(kids[1].value, b"499700000017001");
        assert_eq!(activity_label(2), "CPS_ACTIVITY_02_PS");
    }
}
