//! What the card says of the holder's practice: the specialty (`CPS_INFO_PS`, public) and the
//! activities ("situations d'exercice", `CPS_ACTIVITY_01_PS` … `_16_PS`, read after the PIN),
//! and the choice of the activity a direct-mode VIHF names.
//!
//! Formats (reference dmp-interface.md, the on-card data row): an activity is BER-TLV
//! `EE { 84 raison sociale, 85 Struct_IdNat, 86 activity sector }`; the specialty is the last 4
//! characters of `CPS_INFO_PS` (the ANS code example's rule), accepted only when they read as a
//! TRE_R01 code (two capital letters, two digits), so a card without one gives none.

use super::pkcs15::DataObject;
use super::tlv;
use crate::error::{Error, Result};

/// Label of the practitioner data object.
pub const LABEL_INFO_PS: &str = "CPS_INFO_PS";

/// One activity the card holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Activity {
    /// Its number on the card (`CPS_ACTIVITY_02_PS` is 2): what `--activity 2` selects.
    pub number: u8,
    /// Raison sociale of the structure.
    pub organisation: String,
    /// Struct_IdNat: the VIHF's `Identifiant_Structure`.
    pub structure_id: String,
    /// TRE_R02 activity sector, e.g. `SA07`: the VIHF's `Secteur_Activite`.
    pub sector: String,
}

/// The activity number of a data object label `CPS_ACTIVITY_nn_PS`.
pub fn activity_number(label: &str) -> Option<u8> {
    let n = label.strip_prefix("CPS_ACTIVITY_")?.strip_suffix("_PS")?;
    (n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| n.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// The DODF's activity objects, in their numbers' order.
pub fn activity_objects(objects: &[DataObject]) -> Vec<(u8, &DataObject)> {
    let mut found: Vec<(u8, &DataObject)> = objects
        .iter()
        .filter_map(|o| Some((activity_number(o.label.as_deref()?)?, o)))
        .collect();
    found.sort_by_key(|(n, _)| *n);
    found
}

/// The DODF's `CPS_INFO_PS`.
pub fn info_object(objects: &[DataObject]) -> Option<&DataObject> {
    objects
        .iter()
        .find(|o| o.label.as_deref() == Some(LABEL_INFO_PS))
}

fn malformed(number: u8) -> Error {
    Error::card(crate::tr!("card-activity-malformed", number = number))
        .with_hint(crate::tr!("card-activity-malformed-hint"))
}

/// Parses an activity's content.
pub fn parse_activity(number: u8, data: &[u8]) -> Result<Activity> {
    let (top, _) = tlv::parse_one(data).map_err(|_| malformed(number))?;
    if top.tag != 0xEE {
        return Err(malformed(number));
    }
    let field = |tag: u32| -> Result<String> {
        Ok(top
            .child(tag)
            .map_err(|_| malformed(number))?
            .map(|t| t.as_text().trim().to_string())
            .unwrap_or_default())
    };
    let activity = Activity {
        number,
        organisation: field(0x84)?,
        structure_id: field(0x85)?,
        sector: field(0x86)?,
    };
    if activity.structure_id.is_empty() {
        return Err(malformed(number));
    }
    Ok(activity)
}

/// The specialty in `CPS_INFO_PS`: its last 4 characters, when they are a TRE_R01 code.
pub fn specialty(info: &[u8]) -> Option<String> {
    let tail = info.get(info.len().checked_sub(4)?..)?;
    let code = (tail[..2].iter().all(u8::is_ascii_uppercase)
        && tail[2..].iter().all(u8::is_ascii_digit))
    .then(|| String::from_utf8_lossy(tail).into_owned())?;
    Some(code)
}

/// How the user names the activity to work in: `--activity` or the profile's `activity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityChoice {
    /// Its number on the card (1 to 16).
    Number(u8),
    /// An activity sector, e.g. `SA07`.
    Sector(String),
    /// A Struct_IdNat.
    Structure(String),
}

impl ActivityChoice {
    /// `N` (1 or 2 digits), a sector (`SA` and digits), or a structure id (anything else).
    pub fn parse(s: &str) -> Result<ActivityChoice> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Error::usage(crate::tr!("card-activity-empty"))
                .with_hint(crate::tr!("card-activity-empty-hint")));
        }
        if s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) {
            return match s.parse::<u8>() {
                Ok(n) if (1..=16).contains(&n) => Ok(ActivityChoice::Number(n)),
                _ => Err(
                    Error::usage(crate::tr!("card-activity-out-of-range", choice = s))
                        .with_hint(crate::tr!("card-activity-out-of-range-hint")),
                ),
            };
        }
        let upper = s.to_ascii_uppercase();
        if upper.len() > 2
            && upper.starts_with("SA")
            && upper[2..].bytes().all(|b| b.is_ascii_digit())
        {
            return Ok(ActivityChoice::Sector(upper));
        }
        Ok(ActivityChoice::Structure(s.to_string()))
    }

    fn matches(&self, a: &Activity) -> bool {
        match self {
            ActivityChoice::Number(n) => a.number == *n,
            ActivityChoice::Sector(s) => a.sector.eq_ignore_ascii_case(s),
            ActivityChoice::Structure(s) => a.structure_id == *s,
        }
    }
}

impl std::fmt::Display for ActivityChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActivityChoice::Number(n) => write!(f, "{n}"),
            ActivityChoice::Sector(s) | ActivityChoice::Structure(s) => f.write_str(s),
        }
    }
}

/// "1: 499700000017001 SA07 CABINET X; 2: …", for errors.
pub fn describe(activities: &[Activity]) -> String {
    activities
        .iter()
        .map(|a| {
            format!(
                "{}: {} {} {}",
                a.number, a.structure_id, a.sector, a.organisation
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn list_hint() -> String {
    crate::tr!("card-activity-list-hint")
}

/// Before the PIN: the choice is checked against the activity numbers the DODF lists (their
/// contents need the PIN). No activity, several without a choice, or a number the card does
/// not hold is an error here, so no PIN try is spent on a run that cannot build its VIHF.
pub fn check_before_pin(numbers: &[u8], choice: Option<&ActivityChoice>) -> Result<()> {
    if numbers.is_empty() {
        return Err(Error::card(crate::tr!("card-activity-none"))
            .with_hint(crate::tr!("card-activity-none-hint")));
    }
    match choice {
        None if numbers.len() > 1 => Err(Error::usage(crate::tr!(
            "card-activity-choose",
            count = numbers.len()
        ))
        .with_hint(list_hint())),
        Some(ActivityChoice::Number(n)) if !numbers.contains(n) => Err(Error::usage(crate::tr!(
            "card-activity-not-held",
            choice = *n,
            held = numbers
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_hint(list_hint())),
        _ => Ok(()),
    }
}

/// The activity a direct-mode VIHF names: the chosen one, or the only one.
pub fn select<'a>(
    activities: &'a [Activity],
    choice: Option<&ActivityChoice>,
) -> Result<&'a Activity> {
    if activities.is_empty() || (choice.is_none() && activities.len() > 1) {
        let numbers: Vec<u8> = activities.iter().map(|a| a.number).collect();
        check_before_pin(&numbers, choice)?;
    }
    let Some(choice) = choice else {
        return Ok(&activities[0]);
    };
    let found: Vec<&Activity> = activities.iter().filter(|a| choice.matches(a)).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::usage(crate::tr!(
            "card-activity-not-held",
            choice = choice.to_string(),
            held = describe(activities)
        ))
        .with_hint(list_hint())),
        _ => Err(Error::usage(crate::tr!(
            "card-activity-ambiguous",
            choice = choice.to_string(),
            matches = describe(&found.into_iter().cloned().collect::<Vec<_>>())
        ))
        .with_hint(crate::tr!("card-activity-ambiguous-hint"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn act(n: u8, s: &str, sector: &str) -> Activity {
        Activity {
            number: n,
            organisation: format!("ORG {n}"),
            structure_id: s.into(),
            sector: sector.into(),
        }
    }

    #[test]
    fn labels_and_contents() {
        assert_eq!(activity_number("CPS_ACTIVITY_01_PS"), Some(1));
        assert_eq!(activity_number("CPS_ACTIVITY_16_PS"), Some(16));
        assert_eq!(activity_number("CPS_ACTIVITY_00_PS"), None);
        assert_eq!(activity_number("CPS2TER_ACTIVITY_01_PS"), None);
        assert_eq!(activity_number("CPS_INFO_PS"), None);
        // EE { 84 "CAB", 85 "499700000017001", 86 "SA07" }, written by hand.
        let mut data = vec![0xEE, 0x1C, 0x84, 0x03];
        data.extend(b"CAB");
        data.extend([0x85, 0x0F]);
        data.extend(b"499700000017001");
        data.extend([0x86, 0x04]);
        data.extend(b"SA07");
        assert_eq!(
            parse_activity(3, &data).unwrap(),
            Activity {
                number: 3,
                organisation: "CAB".into(),
                structure_id: "499700000017001".into(),
                sector: "SA07".into()
            }
        );
        assert!(parse_activity(1, &[0x30, 0x00]).is_err());
        assert_eq!(
            specialty(b"\xEE\x10\x81\x02AB\x84\x04SM26").as_deref(),
            Some("SM26")
        );
        assert_eq!(specialty(b"\xEE\x06\x83\x04ANNE"), None);
        assert_eq!(specialty(b"SM"), None);
    }

    #[test]
    fn choices() {
        assert_eq!(
            ActivityChoice::parse("2").unwrap(),
            ActivityChoice::Number(2)
        );
        assert_eq!(
            ActivityChoice::parse("sa07").unwrap(),
            ActivityChoice::Sector("SA07".into())
        );
        assert_eq!(
            ActivityChoice::parse("499700000017002").unwrap(),
            ActivityChoice::Structure("499700000017002".into())
        );
        assert!(ActivityChoice::parse("0").is_err());
        assert!(ActivityChoice::parse("17").is_err());
        assert!(ActivityChoice::parse(" ").is_err());

        let one = [act(1, "A1", "SA07")];
        assert_eq!(select(&one, None).unwrap().structure_id, "A1");
        let two = [act(1, "A1", "SA07"), act(2, "B2", "SA08")];
        let e = select(&two, None).unwrap_err();
        assert!(e.message().contains("2 activities"), "{}", e.message());
        let by = |s: &str| select(&two, Some(&ActivityChoice::parse(s).unwrap())).map(|a| a.number);
        assert_eq!(by("2").unwrap(), 2);
        assert_eq!(by("B2").unwrap(), 2);
        assert_eq!(by("SA07").unwrap(), 1);
        let e = by("C3").unwrap_err();
        assert!(
            e.message().contains("1: A1 SA07 ORG 1; 2: B2 SA08 ORG 2"),
            "{}",
            e.message()
        );
        assert!(by("3").is_err());
        let same = [act(1, "A1", "SA07"), act(2, "B2", "SA07")];
        assert!(select(&same, Some(&ActivityChoice::Sector("SA07".into()))).is_err());
        assert!(select(&[], None).is_err());
        assert!(check_before_pin(&[1, 2], None).is_err());
        assert!(check_before_pin(&[1, 2], Some(&ActivityChoice::Number(3))).is_err());
        assert!(check_before_pin(&[1, 2], Some(&ActivityChoice::Number(2))).is_ok());
        assert!(check_before_pin(&[1], None).is_ok());
        assert!(check_before_pin(&[], Some(&ActivityChoice::Number(1))).is_err());
    }
}
