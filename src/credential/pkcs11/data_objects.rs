//! The card's data objects through PKCS#11: the CKO_DATA objects a module makes of the card's
//! DODF, found by the labels the DODF gives them (`CPS_INFO_PS`, public; `CPS_ACTIVITY_nn_PS`,
//! private, so a module shows them only once logged in), their CKA_VALUE parsed as the APDU
//! path parses the files (`card::practice`). The ANS Cryptolib and OpenSC both name them so
//! (application "CPS").

use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;

use super::p11_error;
use crate::credential::card::practice::{self, Activity};
use crate::error::{Error, Result};

/// The token's data objects visible in this session, with their labels.
fn labelled(session: &Session) -> Result<Vec<(String, ObjectHandle)>> {
    let handles = session
        .find_objects(&[Attribute::Class(ObjectClass::DATA)])
        .map_err(|e| p11_error(&crate::tr!("pkcs11-op-list-data-objects"), e))?;
    let mut out = Vec::new();
    for h in handles {
        let label = session
            .get_attributes(h, &[AttributeType::Label])
            .map_err(|e| p11_error(&crate::tr!("pkcs11-op-read-data-object-label"), e))?
            .into_iter()
            .find_map(|a| match a {
                Attribute::Label(l) => Some(String::from_utf8_lossy(&l).trim().to_string()),
                _ => None,
            });
        if let Some(label) = label {
            out.push((label, h));
        }
    }
    Ok(out)
}

/// A data object's CKA_VALUE.
fn value(session: &Session, h: ObjectHandle, label: &str) -> Result<Vec<u8>> {
    session
        .get_attributes(h, &[AttributeType::Value])
        .map_err(|e| p11_error(&crate::tr!("pkcs11-op-read-data-object", label = label), e))?
        .into_iter()
        .find_map(|a| match a {
            Attribute::Value(v) => Some(v),
            _ => None,
        })
        .ok_or_else(|| {
            Error::card(crate::tr!("pkcs11-data-object-hidden", label = label))
                .with_hint(crate::tr!("pkcs11-data-object-hidden-hint"))
        })
}

/// The specialty of `CPS_INFO_PS` (None: no such object, or no specialty in it).
pub(super) fn specialty(session: &Session) -> Result<Option<String>> {
    match labelled(session)?
        .into_iter()
        .find(|(l, _)| l == practice::LABEL_INFO_PS)
    {
        Some((label, h)) => Ok(practice::specialty(&value(session, h, &label)?)),
        None => Ok(None),
    }
}

/// The numbers of the activity objects visible now, in order (none before login when they
/// are private, as on a CPS).
pub(super) fn activity_numbers(session: &Session) -> Result<Vec<u8>> {
    let mut numbers: Vec<u8> = labelled(session)?
        .iter()
        .filter_map(|(l, _)| practice::activity_number(l))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    Ok(numbers)
}

/// The activities, in their numbers' order (the session logged in: they are private).
pub(super) fn activities(session: &Session) -> Result<Vec<Activity>> {
    let mut found: Vec<(u8, String, ObjectHandle)> = labelled(session)?
        .into_iter()
        .filter_map(|(l, h)| Some((practice::activity_number(&l)?, l, h)))
        .collect();
    found.sort_by_key(|(n, _, _)| *n);
    found.dedup_by_key(|(n, _, _)| *n);
    found
        .into_iter()
        .map(|(n, label, h)| practice::parse_activity(n, &value(session, h, &label)?))
        .collect()
}
