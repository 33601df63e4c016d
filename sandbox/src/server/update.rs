//! TD3.3 a/b/c/d: IHE ITI-57 Update Document Set on `DocumentRegistry_Service`.
//!
//! Two kinds of update, told apart by what the `lcm:SubmitObjectsRequest` holds besides its
//! submission set:
//! - an `UpdateAvailabilityStatus` association (TD3.3c delete, TD3.3d archive / unarchive):
//!   the entry's status changes in place, its entryUUID kept (the official TD3.3c example
//!   deletes the entry the TD3.3d one archived, under the same entryUUID);
//! - a DocumentEntry with the `lid` of an existing entry and a `HasMember` association carrying
//!   `PreviousVersion` (TD3.3a mask / unmask, TD3.3b make visible to the patient): a new
//!   version under a new entryUUID, the same logicalId, the previous version Deprecated
//!   (reference §5.3). Only the confidentiality codes may change; the rest of the new version
//!   is the registry's own copy.
//!
//! Sandbox conventions (SEED.md): transitions Approved → Archived, Archived → Approved,
//! Approved or Archived → Deleted; `OriginalStatus` must be the entry's status and
//! `PreviousVersion` its version, else `XDSMetadataVersionError`; an entry the caller cannot
//! see, or that is not the patient's, is `XDSMetadataUpdateError` (its existence not revealed);
//! making a document invisible again, or both masked and invisible to the patient, is
//! `XDSMetadataUpdateError`. Every change is in the trace: the transaction, the change, the
//! uniqueId.

use super::ins::Ins;
use super::registry::{error_list, RegistryError, NS_RIM, NS_RS};
use super::rights::{self, DocFacts, Op, UpdateTarget};
use super::seed::APPROVED;
use super::soap::{child, children, text, Fault};
use super::store::{self, Document};
use super::{db_fault, patient_ctx, Ctx, Reply};

pub const NS_LCM: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
pub const ACTION: &str = "urn:ihe:iti:2010:UpdateDocumentSet";
pub const RESPONSE_ACTION: &str = "urn:ihe:iti:2010:UpdateDocumentSetResponse";

const ARCHIVED: &str = "urn:asip:ci-sis:2010:StatusType:Archived";
const DELETED: &str = "urn:asip:ci-sis:2010:StatusType:Deleted";
const DEPRECATED: &str = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
const UPDATE_STATUS: &str = "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";
const HAS_MEMBER: &str = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
const SUBMISSION_SET_PATIENT_ID: &str = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
const CONFIDENTIALITY: &str = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
const DOC_UNIQUE_ID: &str = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
const SUCCESS: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
const FAILURE: &str = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
/// The visibility codes (TRE_A07) an update may touch.
const VISIBILITY: [&str; 3] = [
    "MASQUE_PS",
    "INVISIBLE_PATIENT",
    "INVISIBLE_REPRESENTANTS_LEGAUX",
];

fn response(errors: &[RegistryError]) -> String {
    if errors.is_empty() {
        format!("<rs:RegistryResponse xmlns:rs=\"{NS_RS}\" status=\"{SUCCESS}\"/>")
    } else {
        format!(
            "<rs:RegistryResponse xmlns:rs=\"{NS_RS}\" status=\"{FAILURE}\">{}</rs:RegistryResponse>",
            error_list(errors)
        )
    }
}

fn slot(node: roxmltree::Node<'_, '_>, name: &str) -> Vec<String> {
    children(node)
        .filter(|c| c.tag_name().name() == "Slot" && c.attribute("name") == Some(name))
        .filter_map(|s| child(s, NS_RIM, "ValueList"))
        .flat_map(|vl| {
            children(vl)
                .filter(|v| v.tag_name().name() == "Value")
                .map(text)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn short(status: &str) -> &str {
    status.rsplit(':').next().unwrap_or(status)
}

/// What the request asks.
enum Change {
    Status {
        target: String,
        from: String,
        to: String,
    },
    Metadata {
        lid: String,
        unique_id: Option<String>,
        previous_version: String,
        /// The visibility codes of the new version.
        visibility: Vec<String>,
    },
}

fn parse(body: roxmltree::Node<'_, '_>) -> Result<(Option<String>, Change), RegistryError> {
    let bad = |m: &str| RegistryError::new("XDSRegistryMetadataError", m);
    let list = child(body, NS_RIM, "RegistryObjectList")
        .ok_or_else(|| bad("rim:RegistryObjectList absent"))?;
    let objects: Vec<_> = children(list).collect();
    let set = objects
        .iter()
        .find(|o| o.tag_name().name() == "RegistryPackage")
        .ok_or_else(|| bad("lot de soumission (RegistryPackage) absent"))?;
    let patient = children(*set)
        .find(|e| {
            e.tag_name().name() == "ExternalIdentifier"
                && e.attribute("identificationScheme") == Some(SUBMISSION_SET_PATIENT_ID)
        })
        .and_then(|e| e.attribute("value"))
        .map(str::to_owned);
    let set_id = set.attribute("id").unwrap_or_default();
    let associations: Vec<_> = objects
        .iter()
        .filter(|o| {
            o.tag_name().name() == "Association" && o.attribute("sourceObject") == Some(set_id)
        })
        .collect();
    let entries: Vec<_> = objects
        .iter()
        .filter(|o| o.tag_name().name() == "ExtrinsicObject")
        .collect();
    if let Some(a) = associations
        .iter()
        .find(|a| a.attribute("associationType") == Some(UPDATE_STATUS))
    {
        if !entries.is_empty() || associations.len() != 1 {
            return Err(bad("une mise à jour de statut ne porte qu'une association"));
        }
        let one = |n: &str| {
            let v = slot(**a, n);
            match v.as_slice() {
                [x] => Ok(x.clone()),
                _ => Err(bad(&format!("slot {n} absent ou multiple"))),
            }
        };
        return Ok((
            patient,
            Change::Status {
                target: a.attribute("targetObject").unwrap_or_default().to_owned(),
                from: one("OriginalStatus")?,
                to: one("NewStatus")?,
            },
        ));
    }
    let [entry] = entries.as_slice() else {
        return Err(bad(
            "une mise à jour de métadonnées porte une seule fiche (ExtrinsicObject)",
        ));
    };
    let entry_id = entry.attribute("id").unwrap_or_default();
    let member = associations
        .iter()
        .find(|a| {
            a.attribute("associationType") == Some(HAS_MEMBER)
                && a.attribute("targetObject") == Some(entry_id)
        })
        .ok_or_else(|| bad("association HasMember vers la fiche absente"))?;
    let previous_version = slot(**member, "PreviousVersion")
        .into_iter()
        .next()
        .ok_or_else(|| bad("slot PreviousVersion absent"))?;
    let lid = entry
        .attribute("lid")
        .filter(|l| !l.is_empty())
        .ok_or_else(|| bad("identifiant logique (lid) absent"))?
        .to_owned();
    let unique_id = children(**entry)
        .find(|e| {
            e.tag_name().name() == "ExternalIdentifier"
                && e.attribute("identificationScheme") == Some(DOC_UNIQUE_ID)
        })
        .and_then(|e| e.attribute("value"))
        .map(str::to_owned);
    let visibility = children(**entry)
        .filter(|e| {
            e.tag_name().name() == "Classification"
                && e.attribute("classificationScheme") == Some(CONFIDENTIALITY)
        })
        .filter_map(|e| e.attribute("nodeRepresentation"))
        .filter(|c| VISIBILITY.contains(c))
        .map(str::to_owned)
        .collect();
    Ok((
        patient,
        Change::Metadata {
            lid,
            unique_id,
            previous_version,
            visibility,
        },
    ))
}

/// A random (version 4) UUID for a new version's entryUUID.
fn new_entry_uuid() -> String {
    let mut b: [u8; 16] = rand::random();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The ITI-57 handler.
pub fn update_document_set(
    ctx: &mut Ctx<'_>,
    body: roxmltree::Node<'_, '_>,
) -> Result<Reply, Fault> {
    ctx.trace.transaction = "TD3.3".into();
    let fail = |ctx: &mut Ctx<'_>, e: RegistryError| {
        ctx.trace.outcome = e.code.clone();
        Ok(Reply::xml(response(&[e])))
    };
    let Some(vihf_ins) = ctx.vihf.resource.clone() else {
        return Err(Fault::sender(
            super::vihf::INVALID_VIHF,
            "resource-id absent du VIHF",
        ));
    };
    ctx.trace.ins = vihf_ins.value.clone();
    let (patient, change) = match parse(body) {
        Ok(p) => p,
        Err(e) => return fail(ctx, e),
    };
    match patient.as_deref().map(Ins::parse_cx) {
        Some(Ok(i)) if i == vihf_ins => {}
        Some(Ok(_)) => {
            return fail(
                ctx,
                RegistryError::new(
                    "XDSPatientIdDoesNotMatch",
                    "l'identifiant patient du lot de soumission diffère de celui du VIHF",
                ),
            )
        }
        _ => {
            return fail(
                ctx,
                RegistryError::new(
                    "XDSUnknownPatientId",
                    "identifiant patient du lot de soumission absent ou invalide",
                ),
            )
        }
    }
    let conn = ctx.state.store.conn();
    let docs = store::documents_of_patient(&conn, &vihf_ins.value).map_err(db_fault)?;
    let (_, pctx) = patient_ctx(&conn, &ctx.caller, &vihf_ins.value).map_err(db_fault)?;
    drop(conn);
    let unknown = || {
        RegistryError::new(
            "XDSMetadataUpdateError",
            "document inconnu dans le DMP de ce patient",
        )
    };

    // The document, and the operation the change stands for.
    let (doc, op, new_codes) = match &change {
        Change::Status { target, from, to } => {
            ctx.trace.action = format!("UpdateAvailabilityStatus {} -> {}", short(from), short(to));
            let Some(d) = docs.iter().find(|d| &d.entry_uuid == target) else {
                return fail(ctx, unknown());
            };
            let op = match (from.as_str(), to.as_str()) {
                (APPROVED | ARCHIVED, DELETED) => Op::Td33Delete,
                (APPROVED, ARCHIVED) | (ARCHIVED, APPROVED) => Op::Td33Archive,
                _ => {
                    return fail(
                        ctx,
                        RegistryError::new(
                            "XDSMetadataUpdateError",
                            format!(
                                "changement de statut non autorisé : {} vers {}",
                                short(from),
                                short(to)
                            ),
                        ),
                    )
                }
            };
            (d.clone(), op, String::new())
        }
        Change::Metadata {
            lid,
            unique_id,
            visibility,
            previous_version,
        } => {
            ctx.trace.action = "MetadataUpdate confidentialityCode".into();
            // The current version of the logical entry.
            let Some(d) = docs
                .iter()
                .filter(|d| &d.logical_id == lid && d.status != DEPRECATED)
                .max_by_key(|d| d.version)
            else {
                return fail(ctx, unknown());
            };
            if unique_id.as_deref() != Some(d.unique_id.as_str()) {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSMetadataUpdateError",
                        "l'identifiant unique (uniqueId) d'un document ne peut pas changer",
                    ),
                );
            }
            // A stale version is told apart before what it would change.
            if previous_version != &d.version.to_string() {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSMetadataVersionError",
                        format!(
                            "PreviousVersion {previous_version} : la version courante est {}",
                            d.version
                        ),
                    ),
                );
            }
            let had = |c: &str| d.confidentiality.split_whitespace().any(|x| x == c);
            let has = |c: &str| visibility.iter().any(|x| x == c);
            let invisible = ["INVISIBLE_PATIENT", "INVISIBLE_REPRESENTANTS_LEGAUX"];
            if invisible.iter().any(|c| has(c) && !had(c)) {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSMetadataUpdateError",
                        "un document ne peut pas être rendu invisible au patient après son dépôt",
                    ),
                );
            }
            let shown = invisible.iter().any(|c| had(c) && !has(c));
            let op = match (had("MASQUE_PS"), has("MASQUE_PS"), shown) {
                (false, true, false) => Op::Td33Mask,
                (true, false, false) => Op::Td33Unmask,
                (m0, m1, true) if m0 == m1 => Op::Td33ShowToPatient,
                (m0, m1, false) if m0 == m1 => {
                    return fail(
                        ctx,
                        RegistryError::new(
                            "XDSMetadataUpdateError",
                            "la mise à jour ne change aucune visibilité",
                        ),
                    )
                }
                _ => {
                    return fail(
                        ctx,
                        RegistryError::new(
                            "XDSMetadataUpdateError",
                            "une mise à jour change une seule visibilité à la fois",
                        ),
                    )
                }
            };
            if has("MASQUE_PS") && has("INVISIBLE_PATIENT") {
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSMetadataUpdateError",
                        "un document ne peut être à la fois masqué aux PS et invisible au patient (cumul-invisible_patient-masque_ps)",
                    ),
                );
            }
            let mut codes = vec!["N".to_string()];
            codes.extend(VISIBILITY.iter().filter(|c| has(c)).map(|c| c.to_string()));
            let codes = codes.join(" ");
            ctx.trace.action = format!(
                "MetadataUpdate confidentialityCode {} -> {codes}",
                d.confidentiality
            );
            (d.clone(), op, codes)
        }
    };
    ctx.trace.transaction = op.label().into();
    ctx.trace.documents = vec![doc.unique_id.clone()];

    // Rights: the matrix, then what the caller may see, then the notes on this document.
    let col = match rights::check(&ctx.caller, &pctx, op) {
        Ok(c) => c,
        Err(d) => return fail(ctx, d.into()),
    };
    let facts = DocFacts {
        author_id: &doc.author_id,
        author_structure_id: &doc.author_structure_id,
        masked: doc.masked(),
        invisible_patient: doc.invisible_patient(),
    };
    if !rights::document_visible(&ctx.caller, col, &pctx, &facts, false) {
        return fail(ctx, unknown());
    }
    let target = UpdateTarget {
        author_id: &doc.author_id,
        author_structure_id: &doc.author_structure_id,
        author_role: &doc.author_role,
        class_code: &doc.class_code,
    };
    if let Err(d) = rights::may_update(&ctx.caller, col, op, &target) {
        return fail(ctx, d.into());
    }

    let conn = ctx.state.store.conn();
    match change {
        Change::Status { from, to, .. } => {
            if doc.status != from {
                drop(conn);
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSMetadataVersionError",
                        format!(
                            "statut d'origine {} différent du statut du document ({})",
                            short(&from),
                            short(&doc.status)
                        ),
                    ),
                );
            }
            conn.execute(
                "UPDATE documents SET status = ?1 WHERE entry_uuid = ?2",
                [&to, &doc.entry_uuid],
            )
            .map_err(db_fault)?;
        }
        Change::Metadata {
            previous_version, ..
        } => {
            if doc.status != APPROVED || previous_version != doc.version.to_string() {
                drop(conn);
                return fail(
                    ctx,
                    RegistryError::new(
                        "XDSMetadataVersionError",
                        format!(
                            "PreviousVersion {previous_version} : la version courante est {} ({})",
                            doc.version,
                            short(&doc.status)
                        ),
                    ),
                );
            }
            let new = Document {
                entry_uuid: new_entry_uuid(),
                version: doc.version + 1,
                confidentiality: new_codes,
                status: APPROVED.into(),
                ..doc.clone()
            };
            let tx = conn.unchecked_transaction().map_err(db_fault)?;
            tx.execute(
                "UPDATE documents SET status = ?1 WHERE entry_uuid = ?2",
                [DEPRECATED, &doc.entry_uuid],
            )
            .map_err(db_fault)?;
            store::insert_document(&tx, &new).map_err(db_fault)?;
            tx.commit().map_err(db_fault)?;
        }
    }
    drop(conn);
    Ok(Reply::xml(response(&[])))
}
