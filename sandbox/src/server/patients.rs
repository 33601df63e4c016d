//! TD0.4 patientList (`urn:si-dmp-patients`): DMPs the caller (or its structure) is
//! authorized on, since a date.
//!
//! The WSDL names the three dates of an item without defining them. Sandbox convention
//! (SEED.md): `lastAccessDate` is the caller's last answered access to the DMP in the traces
//! (before any, the last action on its authorization), `lastUpdateDate` the last submission of
//! a document (what `LASTDOC` compares with `startDate`), `lastAddDate` when the caller's
//! authorization was added (what `LASTAUTORIZATION` compares).

use super::rights::{self, AuthMode, Op};
use super::soap::{child, esc, text, Fault};
use super::store;
use super::{db_fault, denial_fault, Ctx, Reply};

pub const NS: &str = "urn:si-dmp-patients";

pub fn patient_list(ctx: &mut Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Reply, Fault> {
    let start = child(body, NS, "startDate").map(text).unwrap_or_default();
    if !start.is_empty() && (start.len() != 14 || !start.bytes().all(|b| b.is_ascii_digit())) {
        return Err(Fault::sender(
            "InvalidMessage",
            format!("startDate invalide : {start} (AAAAMMJJhhmmss attendu)"),
        ));
    }
    let date_type = child(body, NS, "dateType")
        .map(text)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "LASTAUTORIZATION".into());
    if date_type != "LASTAUTORIZATION" && date_type != "LASTDOC" {
        return Err(Fault::sender(
            "InvalidMessage",
            format!("dateType inconnu : {date_type}"),
        ));
    }
    ctx.trace.action = format!("patientList {date_type} {start}");
    ctx.trace.ins.clear();
    let none = rights::PatientCtx {
        dmp: rights::DmpState::Active,
        authorization: rights::Authorization::NonExiste,
        is_mt: false,
        opposes_bris_de_glace: false,
        opposes_centre_15: false,
        masked_visible_in_emergency: false,
    };
    rights::check(&ctx.caller, &none, Op::Td04).map_err(denial_fault)?;
    let holder = match ctx.caller.mode {
        AuthMode::Direct => ctx.caller.national_id.clone(),
        _ => ctx.caller.structure_id.clone(),
    };
    let conn = ctx.state.store.conn();
    let mut items = String::new();
    let mut listed = Vec::new();
    for a in store::authorizations_of_holder(&conn, &holder).map_err(db_fault)? {
        if a.status != "VALIDE" {
            continue;
        }
        let Some(p) = store::patient(&conn, &a.ins).map_err(db_fault)? else {
            continue;
        };
        if p.dmp_state != "active" {
            continue;
        }
        let docs = store::documents_of_patient(&conn, &p.ins).map_err(db_fault)?;
        let last_doc = docs
            .iter()
            .map(|d| d.submission_time.clone())
            .max()
            .unwrap_or_default();
        let reference = if date_type == "LASTDOC" {
            &last_doc
        } else {
            &a.start_date
        };
        if !start.is_empty() && reference.as_str() < start.as_str() {
            continue;
        }
        let last_access =
            match super::traces::last_access(&conn, &p.ins, &holder).map_err(db_fault)? {
                Some(at) => hl7_time(&at),
                None => a.last_action_date.clone(),
            };
        listed.push(p.ins.clone());
        items.push_str(&format!(
            "<patientlistData><patientIdentifier><nationalId>{}</nationalId><nationalIdType>{}</nationalIdType></patientIdentifier><lastName>{}</lastName><firstName>{}</firstName><dateOfBirth>{}</dateOfBirth><MT>{}</MT><message>false</message><lastAccessDate>{}</lastAccessDate><lastUpdateDate>{}</lastUpdateDate><lastAddDate>{}</lastAddDate></patientlistData>",
            esc(&p.ins),
            esc(&p.ins_oid),
            esc(&p.family),
            esc(&p.given),
            esc(&p.birth_date),
            a.is_mt,
            esc(&last_access),
            esc(&last_doc),
            esc(&a.start_date),
        ));
    }
    ctx.trace
        .action
        .push_str(&format!(" -> {} DMP", listed.len()));
    Ok(Reply::xml(format!(
        "<patientListResponse xmlns=\"{NS}\"><output>{items}<status>DMPOk</status><context>Liste des DMP autorisés</context></output></patientListResponse>"
    )))
}

/// A trace time (RFC 3339, UTC) as TD0.4 writes dates: `YYYYMMDDhhmmss`.
fn hl7_time(rfc3339: &str) -> String {
    rfc3339
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn trace_times_become_td04_dates() {
        assert_eq!(
            super::hl7_time("2025-06-01T10:15:30.123456Z"),
            "20250601101530"
        );
        assert_eq!(super::hl7_time("2025-06-01T10:15:30Z"), "20250601101530");
    }
}
