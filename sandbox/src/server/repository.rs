//! TD3.2: IHE ITI-43 Retrieve Document Set, answered as MTOM/XOP like the real DMP.

use super::registry::{error_list, RegistryError, NS_RS};
use super::rights::{self, DocFacts, Op};
use super::seed::REPOSITORY_ID;
use super::soap::{child, children, esc, text, Fault, XOP};
use super::store;
use super::{db_fault, patient_ctx, Ctx, Reply};

pub const NS_XDSB: &str = "urn:ihe:iti:xds-b:2007";
const SUCCESS: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
const PARTIAL: &str = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
const FAILURE: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";

fn response(status: &str, errors: &[RegistryError], docs: &str) -> String {
    let errs = if errors.is_empty() {
        String::new()
    } else {
        error_list(errors)
    };
    format!(
        "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"{NS_XDSB}\" xmlns:rs=\"{NS_RS}\"><rs:RegistryResponse status=\"{status}\">{errs}</rs:RegistryResponse>{docs}</xdsb:RetrieveDocumentSetResponse>"
    )
}

/// TD3.2 handler.
pub fn retrieve(ctx: &mut Ctx<'_>, body: roxmltree::Node<'_, '_>) -> Result<Reply, Fault> {
    let requests: Vec<(String, String)> = children(body)
        .filter(|n| n.tag_name().name() == "DocumentRequest")
        .map(|r| {
            (
                child(r, NS_XDSB, "RepositoryUniqueId")
                    .map(text)
                    .unwrap_or_default(),
                child(r, NS_XDSB, "DocumentUniqueId")
                    .map(text)
                    .unwrap_or_default(),
            )
        })
        .collect();
    if requests.is_empty() {
        return Err(Fault::sender("InvalidMessage", "aucun DocumentRequest"));
    }
    let Some(ins) = ctx.vihf.resource.clone() else {
        return Err(Fault::sender(
            super::vihf::INVALID_VIHF,
            "resource-id absent du VIHF",
        ));
    };
    ctx.trace.ins = ins.value.clone();
    ctx.trace.action = format!(
        "RetrieveDocumentSet {}",
        requests
            .iter()
            .map(|r| r.1.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let conn = ctx.state.store.conn();
    let (_, pctx) = patient_ctx(&conn, &ctx.caller, &ins.value).map_err(db_fault)?;
    let col = match rights::check(&ctx.caller, &pctx, Op::Td32) {
        Ok(c) => c,
        Err(d) => {
            ctx.trace.outcome = d.code.to_string();
            return Ok(Reply::xml(response(FAILURE, &[d.into()], "")));
        }
    };
    let docs = store::documents_of_patient(&conn, &ins.value).map_err(db_fault)?;
    drop(conn);
    let mut errors = Vec::new();
    let mut out = String::new();
    let mut attachments = Vec::new();
    for (i, (repo, uid)) in requests.iter().enumerate() {
        if repo != REPOSITORY_ID {
            errors.push(RegistryError::new(
                "XDSUnknownRepositoryId",
                format!("entrepôt inconnu : {repo}"),
            ));
            continue;
        }
        let found = docs.iter().find(|d| &d.unique_id == uid).filter(|d| {
            let facts = DocFacts {
                author_id: &d.author_id,
                author_structure_id: &d.author_structure_id,
                masked: d.masked(),
                invisible_patient: d.invisible_patient(),
            };
            rights::document_visible(&ctx.caller, col, &pctx, &facts, true)
        });
        let Some(d) = found else {
            errors.push(RegistryError::new(
                "XDSDocumentUniqueIdError",
                format!("document introuvable : {uid}"),
            ));
            continue;
        };
        let cid = format!("doc{i}.{}@dmp-sandbox", super::soap::new_uuid());
        out.push_str(&format!(
            "<xdsb:DocumentResponse><xdsb:RepositoryUniqueId>{}</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>{}</xdsb:DocumentUniqueId><xdsb:mimeType>{}</xdsb:mimeType><xdsb:Document><xop:Include xmlns:xop=\"{XOP}\" href=\"cid:{cid}\"/></xdsb:Document></xdsb:DocumentResponse>",
            esc(repo),
            esc(uid),
            esc(&d.mime_type)
        ));
        attachments.push((cid, d.mime_type.clone(), d.content.clone()));
        ctx.trace.documents.push(d.unique_id.clone());
    }
    let status = match (attachments.is_empty(), errors.is_empty()) {
        (false, true) => SUCCESS,
        (false, false) => PARTIAL,
        _ => FAILURE,
    };
    if let Some(e) = errors.first() {
        ctx.trace.outcome = if status == PARTIAL {
            "PartialSuccess".into()
        } else {
            e.code.clone()
        };
    }
    Ok(Reply {
        body_xml: response(status, &errors, &out),
        attachments,
    })
}
