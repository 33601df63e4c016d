//! The Web PS page the client points a browser to (TD0.9, reference §3): the access history of
//! a patient's DMP, `GET /AccesDirect/HistoriqueAcces/<INS>`, an HTML page built from the
//! server-side traces. It is served by the same TLS listener as the services, so the browser
//! authenticates with its client certificate (a card holder's, as the real Web PS wants a CPx
//! or e-CPS); there is no VIHF.
//!
//! Who sees what (reference §7.5): the patient's attending physician ("médecin traitant DMP")
//! sees every trace, any other professional only their own; a structure certificate is refused
//! (TD0.9 is for direct authentication only, PDT-INF-526 columns F1/F2). Traces are shown for
//! one year, or the last 100 when the record was quieter (reference §0.3).

use super::http::{Request, Response};
use super::soap::esc;
use super::tls::CertIdentity;
use super::traces::{self, TraceRecord};
use super::{store, State};

/// Where the Web PS pages live.
pub const PREFIX: &str = "/AccesDirect/";
/// The access-history page, followed by `/<INS>`.
pub const HISTORY_PAGE: &str = "HistoriqueAcces";
/// Traces younger than this are shown…
const RETENTION_DAYS: i64 = 365;
/// …or at least this many of the newest.
const RETENTION_MIN: usize = 100;

/// The other pages of TD0.9, which the sandbox does not simulate.
const OTHER_PAGES: [&str; 8] = [
    "TableauDeBord",
    "DossierPatient",
    "GestionDMPPatient",
    "Documents",
    "ParcoursDeSoins",
    "Parametrages",
    "VolontesEtDroits",
    "CarnetVaccination",
];

fn page(status: u16, title: &str, body: &str) -> Response {
    Response::new(
        status,
        "text/html; charset=utf-8",
        format!(
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>{t}</title>\n\
             <style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}\
             td,th{{border:1px solid #999;padding:.3em .6em;text-align:left}}\
             tr.bris_de_glace{{background:#fdd}}tr.centre_15{{background:#ffd}}</style>\n\
             </head>\n<body>\n<h1>{t}</h1>\n{body}</body>\n</html>\n",
            t = esc(title)
        ),
    )
}

fn error(status: u16, message: &str) -> Response {
    page(
        status,
        "DMP — Accès Web PS",
        &format!("<p class=\"error\">{}</p>\n", esc(message)),
    )
}

/// `GET /AccesDirect/<page>`: `rest` is what follows the prefix.
pub fn handle(state: &State, peer: &CertIdentity, req: &Request, rest: &str) -> Response {
    if req.method != "GET" {
        return error(405, "Seule la méthode GET est acceptée.");
    }
    let mut parts = rest.trim_end_matches('/').splitn(2, '/');
    let name = parts.next().unwrap_or("");
    let ins = parts.next().unwrap_or("");
    if name != HISTORY_PAGE {
        let message = if OTHER_PAGES.contains(&name) {
            format!("La page {name} n'est pas simulée par le bac à sable.")
        } else {
            format!("Page inconnue : {name}")
        };
        return error(404, &message);
    }
    if !peer.is_personal() {
        return error(
            403,
            "L'accès Web PS est réservé aux professionnels authentifiés par carte CPx ou e-CPS (authentification directe) ; un certificat de structure n'y donne pas accès.",
        );
    }
    if let Err(e) = super::ins::check_ins(ins) {
        return error(400, &e.to_string());
    }
    let conn = state.store.conn();
    let patient = match store::patient(&conn, ins) {
        Ok(p) => p,
        Err(e) => return error(500, &format!("Erreur interne du bac à sable : {e}")),
    };
    if patient.as_ref().is_none_or(|p| p.dmp_state == "none") {
        return error(404, &format!("Aucun DMP pour l'INS {ins}."));
    }
    let attending = match store::authorization(&conn, ins, &peer.cn) {
        Ok(a) => a.is_some_and(|a| a.is_mt && a.status == "VALIDE"),
        Err(e) => return error(500, &format!("Erreur interne du bac à sable : {e}")),
    };
    let all = match traces::of_patient(&conn, ins) {
        Ok(t) => t,
        Err(e) => return error(500, &format!("Erreur interne du bac à sable : {e}")),
    };
    drop(conn);
    let visible: Vec<TraceRecord> = all
        .into_iter()
        .filter(|t| attending || t.national_id == peer.cn)
        .collect();
    let shown = retained(visible, &cutoff());
    page(
        200,
        "Historique des accès au DMP",
        &body(ins, peer, attending, &shown),
    )
}

/// The oldest time still shown: one year ago, as RFC 3339 (comparable as text with the traces').
fn cutoff() -> String {
    let t = time::OffsetDateTime::now_utc() - time::Duration::days(RETENTION_DAYS);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The traces of the last year, or the newest [`RETENTION_MIN`] when there are fewer.
/// `traces` are newest first.
fn retained(traces: Vec<TraceRecord>, cutoff: &str) -> Vec<TraceRecord> {
    let recent = traces
        .iter()
        .take_while(|t| t.at.as_str() >= cutoff)
        .count();
    let keep = recent.max(RETENTION_MIN.min(traces.len()));
    traces.into_iter().take(keep).collect()
}

fn mode_label(code: &str) -> &str {
    match code {
        "normal" => "Normal",
        "bris_de_glace" => "Bris de glace",
        "centre_15" => "Centre 15 (régulation)",
        "" => "—",
        other => other,
    }
}

fn transaction_label(code: &str) -> &'static str {
    match code {
        "TD0.2" => "Test d'existence du DMP",
        "TD0.3" => "Mise à jour de l'autorisation",
        "TD1.6" => "Liste des professionnels autorisés ou bloqués",
        "TD3.1" => "Recherche de documents",
        "TD3.2" => "Consultation d'un document",
        _ => "",
    }
}

fn body(ins: &str, peer: &CertIdentity, attending: bool, traces: &[TraceRecord]) -> String {
    let mut b = String::new();
    b.push_str(&format!(
        "<p>Patient : INS <span id=\"ins\">{}</span></p>\n",
        esc(ins)
    ));
    let who = match (&peer.given_name, &peer.surname) {
        (Some(g), Some(s)) => format!("{g} {s}"),
        _ => peer.cn.clone(),
    };
    b.push_str(&format!(
        "<p>Connecté : {} ({})</p>\n",
        esc(&who),
        esc(&peer.cn)
    ));
    b.push_str(&if attending {
        "<p id=\"scope\" data-scope=\"all\">Vous êtes médecin traitant DMP de ce patient : toutes les traces sont affichées.</p>\n".to_string()
    } else {
        "<p id=\"scope\" data-scope=\"own\">Seules vos propres actions sont affichées (seul le médecin traitant DMP du patient voit toutes les traces).</p>\n".to_string()
    });
    b.push_str(
        "<table id=\"traces\">\n<thead><tr><th>Date (UTC)</th><th>Professionnel</th><th>Profession</th>\
         <th>Mode d'accès</th><th>Transaction</th><th>Résultat</th><th>Documents</th><th>Logiciel</th></tr></thead>\n<tbody>\n",
    );
    if traces.is_empty() {
        b.push_str("<tr><td colspan=\"8\">Aucun accès enregistré.</td></tr>\n");
    }
    for t in traces {
        let when = t.at.chars().take(19).collect::<String>().replace('T', " ");
        let mut who = format!("{} ({})", t.user_name, t.national_id);
        if t.auth_mode != "DIRECTE" && !t.structure_id.is_empty() {
            who.push_str(&format!(" via la structure {}", t.structure_id));
        }
        let transaction = match transaction_label(&t.transaction) {
            "" => t.transaction.clone(),
            label => format!("{} {label}", t.transaction),
        };
        b.push_str(&format!(
            "<tr class=\"{mode}\" data-who=\"{id}\" data-mode=\"{mode}\" data-transaction=\"{tx}\" data-outcome=\"{outcome}\">\
             <td>{when}</td><td>{who}</td><td>{profession}</td><td>{mode_label}</td><td>{transaction}</td>\
             <td>{outcome}</td><td>{docs}</td><td>{lps}</td></tr>\n",
            mode = esc(&t.access_mode),
            id = esc(&t.national_id),
            tx = esc(&t.transaction),
            outcome = esc(&t.outcome),
            when = esc(&when),
            who = esc(&who),
            profession = esc(&t.profession),
            mode_label = esc(mode_label(&t.access_mode)),
            transaction = esc(&transaction),
            docs = esc(&t.documents.join(" ")),
            lps = esc(&t.lps),
        ));
    }
    b.push_str("</tbody>\n</table>\n");
    b.push_str(&format!(
        "<p class=\"retention\">Traces de l'année écoulée, ou les {RETENTION_MIN} dernières.</p>\n"
    ));
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(at: &str, who: &str) -> TraceRecord {
        TraceRecord {
            at: at.into(),
            national_id: who.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_year_of_traces_or_the_last_hundred() {
        let cutoff = "2025-01-01T00:00:00Z";
        // 150 recent ones: all of them.
        let recent: Vec<_> = (0..150)
            .map(|_| trace("2025-06-01T00:00:00Z", "a"))
            .collect();
        assert_eq!(retained(recent, cutoff).len(), 150);
        // 3 recent, 200 old: the last 100.
        let mut mixed: Vec<_> = (0..3).map(|_| trace("2025-06-01T00:00:00Z", "a")).collect();
        mixed.extend((0..200).map(|_| trace("2023-06-01T00:00:00Z", "a")));
        assert_eq!(retained(mixed, cutoff).len(), 100);
        // 5 old: all of them.
        let old: Vec<_> = (0..5).map(|_| trace("2020-06-01T00:00:00Z", "a")).collect();
        assert_eq!(retained(old, cutoff).len(), 5);
    }

    #[test]
    fn every_trace_field_is_escaped() {
        let peer = CertIdentity {
            cn: "899700000017".into(),
            given_name: Some("<i>A".into()),
            surname: Some("B</i>".into()),
            ..Default::default()
        };
        let t = TraceRecord {
            at: "2025-06-01T10:15:30Z".into(),
            national_id: "\"><script>".into(),
            user_name: "<b>x</b>".into(),
            profession: "a&b".into(),
            access_mode: "bris_de_glace".into(),
            transaction: "TD3.1".into(),
            outcome: "'OK'".into(),
            lps: "<script>alert(1)</script>".into(),
            auth_mode: "DIRECTE".into(),
            ..Default::default()
        };
        let html = body("280057505600117", &peer, false, &[t]);
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>") && !html.contains("<i>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("data-who=\"&quot;&gt;&lt;script&gt;\""),
            "{html}"
        );
        assert!(html.contains("a&amp;b"), "{html}");
        assert!(html.contains("<td>Bris de glace</td>"), "{html}");
        assert!(html.contains("<td>2025-06-01 10:15:30</td>"), "{html}");
    }
}
