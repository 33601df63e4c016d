//! TD0.2: DMP existence test and authorization check (HL7 v3 PRPA_IN201307UV02 →
//! PRPA_IN201308UV02).

use super::ins::Ins;
use super::rights::{self, Op};
use super::soap::{child, esc, Fault};
use super::vihf::INVALID_INS;
use super::{db_fault, denial_fault, now_ts, patient_ctx, Ctx, Reply};

pub const NS: &str = "urn:hl7-org:v3";
pub const DMP_DEVICE: &str = "1.2.250.1.213.4.1.1.1";
const OID_AUTH_KEYWORD: &str = "1.2.250.1.213.4.1.2.6.1";
const OID_AUTH_VALUE: &str = "1.2.250.1.213.4.1.2.6.2";
const OID_MT_KEYWORD: &str = "1.2.250.1.213.4.1.2.6.3";
const OID_ADMIN_OBS: &str = "1.2.250.1.213.4.1.2.3";
const OID_ACCOUNT_OBS: &str = "1.2.250.1.213.4.1.2.9";
const OID_CLOSING_REASON: &str = "1.2.250.1.213.4.1.2.4";

fn attr<'a>(node: Option<roxmltree::Node<'a, '_>>, name: &str) -> Option<&'a str> {
    node.and_then(|n| n.attribute(name))
}

/// The patient the request is about, checked against the VIHF.
pub fn request_patient(ctx: &Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Ins, Fault> {
    let value = child(body, NS, "controlActProcess")
        .and_then(|c| child(c, NS, "queryByParameter"))
        .and_then(|q| child(q, NS, "parameterList"))
        .and_then(|p| child(p, NS, "patientIdentifier"))
        .and_then(|p| child(p, NS, "value"))
        .ok_or_else(|| {
            Fault::sender(
                "InvalidMessage",
                "queryByParameter/parameterList/patientIdentifier/value absent",
            )
        })?;
    let ins = Ins::new(
        value.attribute("extension").unwrap_or_default(),
        value.attribute("root").unwrap_or_default(),
    )
    .map_err(|e| Fault::sender(INVALID_INS, format!("Identifiant patient invalide : {e}")))?;
    match &ctx.vihf.resource {
        Some(r) if *r == ins => Ok(ins),
        _ => Err(Fault::sender(
            INVALID_INS,
            "L'INS de la requête diffère de celui du VIHF (resource-id)",
        )),
    }
}

fn bl(v: bool) -> &'static str {
    if v {
        "true"
    } else {
        "false"
    }
}

fn observation(code: &str, system: &str, value: bool) -> String {
    format!(
        "<subjectOf1><administrativeObservation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"{code}\" codeSystem=\"{system}\"/><value xsi:type=\"BL\" value=\"{}\"/></administrativeObservation></subjectOf1>",
        bl(value)
    )
}

/// TD0.2 handler.
pub fn td02(ctx: &mut Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Reply, Fault> {
    let ins = request_patient(ctx, body)?;
    ctx.trace.ins = ins.value.clone();
    let (patient, pctx) = {
        let conn = ctx.state.store.conn();
        patient_ctx(&conn, &ctx.caller, &ins.value).map_err(db_fault)?
    };
    rights::check(&ctx.caller, &pctx, Op::Td02).map_err(denial_fault)?;

    let msg_id = child(body, NS, "id");
    let sender_root = child(body, NS, "sender")
        .and_then(|s| child(s, NS, "device"))
        .and_then(|d| child(d, NS, "id"))
        .and_then(|i| i.attribute("root"))
        .unwrap_or("");
    let query = child(body, NS, "controlActProcess").and_then(|c| child(c, NS, "queryByParameter"));
    let query_id = query.and_then(|q| child(q, NS, "queryId"));

    let exists = patient.as_ref().is_some_and(|p| p.dmp_state != "none");
    let authorization = if exists {
        pctx.authorization
    } else {
        rights::Authorization::NonExiste
    };
    ctx.trace.action = format!("TEST_EXST {}", authorization.code());

    let mut subject = String::new();
    let mut reason = String::new();
    if let (true, Some(p)) = (exists, &patient) {
        let closed = p.dmp_state == "closed";
        let mut high = String::new();
        if closed {
            if let Some(d) = &p.closed_date {
                high = format!("<effectiveTime><high value=\"{d}\"/></effectiveTime>");
            }
            if let Some(r) = &p.closed_reason {
                reason = format!(
                    "<reasonCode code=\"{}\" codeSystem=\"{OID_CLOSING_REASON}\" displayName=\"{}\"/>",
                    esc(r),
                    esc(p.closed_reason_text.as_deref().unwrap_or(""))
                );
            }
        }
        subject = format!(
            "<subject typeCode=\"SUBJ\"><registrationEvent classCode=\"REG\" moodCode=\"EVN\"><statusCode code=\"{status}\"/>{high}<subject1 typeCode=\"SBJ\"><patient classCode=\"PAT\"><id root=\"{oid}\" extension=\"{ins}\"/><statusCode code=\"{status}\"/><patientPerson classCode=\"PSN\" determinerCode=\"INSTANCE\"><name><given>{given}</given><family qualifier=\"BR\">{family}</family></name><administrativeGenderCode code=\"{gender}\" codeSystem=\"2.16.840.1.113883.5.1\"/><birthTime value=\"{birth}\"/></patientPerson>{obs}</patient></subject1><custodian typeCode=\"CST\"><assignedEntity classCode=\"ASSIGNED\"><id root=\"{DMP_DEVICE}\"/></assignedEntity></custodian></registrationEvent></subject>",
            status = if closed { "terminated" } else { "active" },
            oid = esc(&p.ins_oid),
            ins = esc(&p.ins),
            given = esc(&p.given),
            family = esc(&p.family),
            gender = esc(&p.gender),
            birth = esc(&p.birth_date),
            obs = [
                observation("RATTACHEMENT_ENS", OID_ADMIN_OBS, p.attached_mes),
                observation("COMPTE_INTERNET_OUVERT", OID_ACCOUNT_OBS, p.internet_account),
                observation("OPPOSITION_BRIS_DE_GLACE", OID_ADMIN_OBS, p.opposes_bris_de_glace),
                observation("OPPOSITION_ACCES_URGENCE", OID_ADMIN_OBS, p.opposes_centre_15),
            ]
            .concat(),
        );
    }

    let xml = format!(
        "<PRPA_IN201308UV02 xmlns=\"{NS}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ITSVersion=\"XML_1.0\">\
<id root=\"{DMP_DEVICE}\" extension=\"{uuid}\"/><creationTime value=\"{now}\"/>\
<interactionId root=\"2.16.840.1.113883.1.6\" extension=\"PRPA_IN201308UV02\"/>\
<processingCode code=\"P\"/><processingModeCode code=\"T\"/><acceptAckCode code=\"NE\"/>\
<receiver typeCode=\"RCV\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\"><id root=\"{sender}\"/></device></receiver>\
<sender typeCode=\"SND\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\"><id root=\"{DMP_DEVICE}\"/><softwareName>DMP</softwareName></device></sender>\
<acknowledgement><typeCode code=\"AA\"/><targetMessage><id root=\"{mroot}\" extension=\"{mext}\"/></targetMessage></acknowledgement>\
<attentionLine><keyWordText code=\"AUTORISATION\" codeSystem=\"{OID_AUTH_KEYWORD}\">AUTORISATION</keyWordText><value xsi:type=\"CV\" code=\"{auth}\" codeSystem=\"{OID_AUTH_VALUE}\"/></attentionLine>\
<attentionLine><keyWordText code=\"STATUT_MT\" codeSystem=\"{OID_MT_KEYWORD}\">STATUT_MT</keyWordText><value xsi:type=\"BL\" value=\"{mt}\"/></attentionLine>\
<controlActProcess classCode=\"CACT\" moodCode=\"EVN\"><code code=\"PRPA_TE201308UV02\" codeSystem=\"2.16.840.1.113883.1.6\"/>{reason}{subject}\
<queryAck><queryId root=\"{qroot}\" extension=\"{qext}\"/><queryResponseCode code=\"{qcode}\"/></queryAck></controlActProcess></PRPA_IN201308UV02>",
        uuid = super::soap::new_uuid(),
        now = now_ts(),
        sender = esc(sender_root),
        mroot = esc(attr(msg_id, "root").unwrap_or("")),
        mext = esc(attr(msg_id, "extension").unwrap_or("")),
        auth = authorization.code(),
        mt = bl(exists && pctx.is_mt),
        qroot = esc(attr(query_id, "root").unwrap_or("")),
        qext = esc(attr(query_id, "extension").unwrap_or("")),
        qcode = if exists { "OK" } else { "NF" },
    );
    Ok(Reply::xml(xml))
}
