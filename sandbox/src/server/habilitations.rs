//! TD0.3 setAuthorization and TD1.6 listAuthorizationByPatient (`urn:si-dmp-habilitations`).

use super::rights::{self, AuthMode, Op};
use super::soap::{child, esc, text, Fault};
use super::store::{self, AuthorizationRow};
use super::{db_fault, denial_fault, now_ts, patient_ctx, Ctx, Reply};

pub const NS: &str = "urn:si-dmp-habilitations";
pub const OID_PS: &str = "1.2.250.1.71.4.2.1";
pub const OID_STRUCTURE: &str = "1.2.250.1.71.4.2.2";

fn patient_ins(ctx: &Ctx<'_>) -> Result<String, Fault> {
    ctx.vihf
        .resource
        .as_ref()
        .map(|r| r.value.clone())
        .ok_or_else(|| Fault::sender(super::vihf::INVALID_VIHF, "resource-id absent du VIHF"))
}

fn status_output(element: &str, status: &str, context: &str) -> String {
    format!(
        "<{element} xmlns=\"{NS}\"><output><status>{status}</status><context>{}</context></output></{element}>",
        esc(context)
    )
}

/// TD0.3.
pub fn set_authorization(ctx: &mut Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Reply, Fault> {
    let ins = patient_ins(ctx)?;
    ctx.trace.ins = ins.clone();
    let action = child(body, NS, "action").map(text).unwrap_or_default();
    let role = child(body, NS, "role").map(text).filter(|r| !r.is_empty());
    if let Some(r) = &role {
        if r != "MEDECIN_TRAITANT" {
            return Err(Fault::sender(
                "InvalidMessage",
                format!("role inconnu : {r}"),
            ));
        }
    }
    let mt = role.is_some();
    let op = match (action.as_str(), mt) {
        ("AJOUT", false) => Op::Td03Add,
        ("AJOUT", true) => Op::Td03AddMt,
        ("SUPPRESSION", false) => Op::Td03Remove,
        ("SUPPRESSION", true) => Op::Td03RemoveMt,
        (other, _) => {
            return Err(Fault::sender(
                "InvalidMessage",
                format!("action inconnue : {other} (AJOUT ou SUPPRESSION attendu)"),
            ))
        }
    };
    ctx.trace.action = format!("{action}{}", if mt { " MEDECIN_TRAITANT" } else { "" });
    let conn = ctx.state.store.conn();
    let (_, pctx) = patient_ctx(&conn, &ctx.caller, &ins).map_err(db_fault)?;
    rights::check(&ctx.caller, &pctx, op).map_err(denial_fault)?;
    let holder = match ctx.caller.mode {
        AuthMode::Direct => ctx.caller.national_id.clone(),
        _ => ctx.caller.structure_id.clone(),
    };
    let existing = store::authorization(&conn, &ins, &holder).map_err(db_fault)?;
    let now = now_ts();
    let context = match op {
        Op::Td03Add | Op::Td03AddMt => {
            let already = existing.as_ref().is_some_and(|e| e.status == "VALIDE");
            let already_mt = existing.as_ref().is_some_and(|e| e.is_mt);
            if already && (!mt || already_mt) {
                if mt {
                    "Rôle de médecin traitant déjà présent aucune action effectuée"
                } else {
                    "Autorisation déjà présente aucune action effectuée"
                }
            } else {
                let row = AuthorizationRow {
                    ins: ins.clone(),
                    holder_id: holder.clone(),
                    holder_type: if ctx.caller.mode == AuthMode::Direct {
                        "PS"
                    } else {
                        "STRUCTURE"
                    }
                    .into(),
                    status: "VALIDE".into(),
                    is_mt: mt || already_mt,
                    start_date: match &existing {
                        Some(e) if e.status == "VALIDE" => e.start_date.clone(),
                        _ => now.clone(),
                    },
                    last_action_date: now.clone(),
                };
                store::upsert_authorization(&conn, &row).map_err(db_fault)?;
                match (mt, existing.as_ref().map(|e| e.status.as_str())) {
                    (true, _) => "Autorisation ajoutée avec le rôle de médecin traitant",
                    (false, Some("EXPIRE")) => "Autorisation renouvelée",
                    _ => "Autorisation ajoutée",
                }
            }
        }
        Op::Td03RemoveMt => match existing {
            Some(mut e) if e.is_mt => {
                e.is_mt = false;
                e.last_action_date = now;
                store::upsert_authorization(&conn, &e).map_err(db_fault)?;
                "Rôle de médecin traitant supprimé"
            }
            _ => "Rôle de médecin traitant absent aucune action effectuée",
        },
        _ => match existing {
            Some(e) if e.status != "INTERDIT" => {
                store::delete_authorization(&conn, &ins, &holder).map_err(db_fault)?;
                "Autorisation supprimée"
            }
            _ => "Autorisation inexistante aucune action effectuée",
        },
    };
    Ok(Reply::xml(status_output(
        "setAuthorizationResponse",
        "DMPOk",
        context,
    )))
}

/// TD1.6.
pub fn list_by_patient(ctx: &mut Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Reply, Fault> {
    let ins = patient_ins(ctx)?;
    ctx.trace.ins = ins.clone();
    let mode = child(body, NS, "mode")
        .map(text)
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "TOUTE".into());
    if !["ACTIVE", "INTERDITE", "TOUTE"].contains(&mode.as_str()) {
        return Err(Fault::sender(
            "InvalidMessage",
            format!("mode inconnu : {mode}"),
        ));
    }
    ctx.trace.action = format!("listAuthorizationByPatient {mode}");
    let conn = ctx.state.store.conn();
    let (_, pctx) = patient_ctx(&conn, &ctx.caller, &ins).map_err(db_fault)?;
    rights::check(&ctx.caller, &pctx, Op::Td16).map_err(denial_fault)?;
    let rows = store::authorizations_of_patient(&conn, &ins).map_err(db_fault)?;
    let mut items = String::new();
    for r in rows {
        let item_mode = match r.status.as_str() {
            "VALIDE" => "ACTIVE",
            "INTERDIT" => "INTERDITE",
            _ => continue,
        };
        if mode != "TOUTE" && mode != item_mode {
            continue;
        }
        let (id_type, first, last, code, lib) = if r.holder_type == "PS" {
            match store::professional(&conn, &r.holder_id).map_err(db_fault)? {
                Some(p) => (
                    OID_PS,
                    p.given,
                    p.family,
                    match &p.specialty {
                        Some(s) => format!("G15_{}/{s}", p.profession),
                        None => format!("G15_{}", p.profession),
                    },
                    match &p.specialty_label {
                        Some(s) => format!("{} - {s}", p.profession_label),
                        None => p.profession_label,
                    },
                ),
                None => (
                    OID_PS,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ),
            }
        } else {
            (
                OID_STRUCTURE,
                String::new(),
                super::seed::STRUCTURE_NAME.to_string(),
                String::new(),
                String::new(),
            )
        };
        let spec = if code.is_empty() {
            String::new()
        } else {
            format!(
                "<codeSpeciality>{}</codeSpeciality><libSpeciality>{}</libSpeciality>",
                esc(&code),
                esc(&lib)
            )
        };
        items.push_str(&format!(
            "<listOfAuthorizationByPatient><nationalId>{}</nationalId><nationalIdType>{id_type}</nationalIdType><firstName>{}</firstName><lastName>{}</lastName>{spec}<startOfAuthorization>{}</startOfAuthorization><lastActionDate>{}</lastActionDate><mode>{item_mode}</mode>{}</listOfAuthorizationByPatient>",
            esc(&r.holder_id),
            esc(&first),
            esc(&last),
            esc(&r.start_date),
            esc(&r.last_action_date),
            if r.is_mt { "<specificRight>MEDECIN_TRAITANT</specificRight>" } else { "" }
        ));
    }
    Ok(Reply::xml(format!(
        "<listAuthorizationByPatientResponse xmlns=\"{NS}\"><output>{items}<status>DMPOk</status><context>Liste des autorisations du patient</context></output></listAuthorizationByPatientResponse>"
    )))
}
