//! DMP-side reports: what the DMP itself says about who may open a patient's DMP (TD1.6) and
//! about the DMPs one is authorized on (TD0.4), shaped for reading, filing and spreadsheets; and
//! the address of the Web PS access-history page (TD0.9). The DMP has no web service for its
//! access traces (reference §3): that page, opened in a browser with the CPS card, is where a
//! professional sees them.

use std::collections::HashMap;

use serde::Serialize;
use time::OffsetDateTime;

use super::access::{DmpAccess, Tx};
use super::patient::{self, ProfessionalRow};
use crate::dmp::catalogue::WEB_PS_ACCESS_HISTORY;
use crate::dmp::patients::{self, AuthorizedPatient};
use crate::error::{Error, Result};
use crate::model::codes::{AccessMode, CodeLabel, PatientListDateType};
use crate::model::ins::Ins;
use crate::model::timestamp::{from_hl7, Timestamp};

/// When a report is made (our clock, UTC), to the second.
fn now() -> Timestamp {
    let t = OffsetDateTime::now_utc();
    Timestamp::from_utc(t.replace_nanosecond(0).unwrap_or(t))
}

/// How many professionals of a TD1.6 list are in each mode.
#[derive(Debug, Default, Serialize)]
pub struct AuthorizationSummary {
    /// Authorized (ACTIVE), attending physicians included.
    pub authorized: usize,
    /// Authorized as the patient's attending physician (médecin traitant DMP).
    pub attending_physicians: usize,
    /// Blocked by the patient (INTERDITE).
    pub blocked: usize,
}

/// `dmp report authorizations`.
#[derive(Debug, Serialize)]
pub struct AuthorizationsReport {
    pub ins: String,
    /// When dmp asked the DMP (our clock, UTC).
    pub generated_at: Timestamp,
    pub access_mode: String,
    pub summary: AuthorizationSummary,
    /// As `dmp patient professionals` gives them: each with its mode (ACTIVE or INTERDITE),
    /// whether it is the attending physician, since when (`since`, the DMP's
    /// startOfAuthorization) and its last action (lastActionDate).
    pub professionals: Vec<ProfessionalRow>,
}

/// `dmp report authorizations`: the patient gate, then TD1.6 (authorized and blocked), the same
/// use case as `dmp patient professionals`, with a summary.
pub fn authorizations(access: &DmpAccess, ins: &Ins) -> Result<AuthorizationsReport> {
    let generated_at = now();
    let r = patient::professionals(access, ins)?;
    let mut summary = AuthorizationSummary::default();
    for p in &r.professionals {
        match p.mode.as_ref().map(|m| m.code.as_str()) {
            Some("ACTIVE") => summary.authorized += 1,
            Some("INTERDITE") => summary.blocked += 1,
            _ => {}
        }
        if p.attending_physician {
            summary.attending_physicians += 1;
        }
    }
    Ok(AuthorizationsReport {
        ins: r.ins,
        generated_at,
        access_mode: r.access_mode,
        summary,
        professionals: r.professionals,
    })
}

/// Which date `--since` is compared with: TD0.4's `dateType`, one request each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinceBy {
    /// The authorization was added since the date (LASTAUTORIZATION).
    Authorization,
    /// A document was added or changed since the date (LASTDOC).
    Document,
    /// Either: both requests, their answers merged by INS.
    Either,
}

impl SinceBy {
    fn date_types(self) -> &'static [PatientListDateType] {
        match self {
            SinceBy::Authorization => &[PatientListDateType::LastAuthorization],
            SinceBy::Document => &[PatientListDateType::LastDocument],
            SinceBy::Either => &[
                PatientListDateType::LastAuthorization,
                PatientListDateType::LastDocument,
            ],
        }
    }
}

fn date_type(t: PatientListDateType) -> CodeLabel {
    CodeLabel::new(
        t.code(),
        Some(match t {
            PatientListDateType::LastAuthorization => {
                crate::tr!("commands-report-date-type-authorization")
            }
            PatientListDateType::LastDocument => crate::tr!("commands-report-date-type-document"),
        })
        .as_deref(),
    )
}

/// `dmp report patients`.
#[derive(Debug, Serialize)]
pub struct PatientsReport {
    /// A full-date (UTC).
    pub since: Timestamp,
    pub generated_at: Timestamp,
    /// The TD0.4 date types asked for, one request each.
    pub date_types: Vec<CodeLabel>,
    /// Newest access first.
    pub patients: Vec<PatientReportRow>,
}

/// One DMP of the report. The three dates are TD0.4's; the WSDL names them without defining
/// them, and dmp reads them so: `last_access` (lastAccessDate) your last access to the DMP,
/// `last_update` (lastUpdateDate) the last change of its documents (what LASTDOC compares),
/// `last_add` (lastAddDate) when your authorization was added (TD0.3 AJOUT, what
/// LASTAUTORIZATION compares).
#[derive(Debug, Serialize)]
pub struct PatientReportRow {
    pub ins: Option<String>,
    /// The identifier's type as the DMP gives it (the INS authority's OID).
    pub ins_oid: Option<String>,
    pub last_name: Option<String>,
    pub first_name: Option<String>,
    pub date_of_birth: Option<Timestamp>,
    pub attending_physician: bool,
    pub last_access: Option<Timestamp>,
    pub last_update: Option<Timestamp>,
    pub last_add: Option<Timestamp>,
    /// Which request(s) listed this DMP: why it is in the report.
    pub listed_by: Vec<CodeLabel>,
}

impl PatientReportRow {
    fn new(p: AuthorizedPatient, by: PatientListDateType) -> PatientReportRow {
        let id = p.identifiers.iter().find(|i| i.national_id.is_some());
        PatientReportRow {
            ins: id.and_then(|i| i.national_id.clone()),
            ins_oid: id.and_then(|i| i.national_id_type.clone()),
            last_name: p.last_name,
            first_name: p.first_name,
            date_of_birth: from_hl7(p.date_of_birth.as_deref()),
            attending_physician: p.attending_physician,
            last_access: from_hl7(p.last_access_date.as_deref()),
            last_update: from_hl7(p.last_update_date.as_deref()),
            last_add: from_hl7(p.last_add_date.as_deref()),
            listed_by: vec![date_type(by)],
        }
    }

    /// The same DMP listed by another request: the later of each date (the two answers come a
    /// moment apart), and both reasons.
    fn merge(&mut self, other: PatientReportRow) {
        fn later(a: &mut Option<Timestamp>, b: Option<Timestamp>) {
            if let Some(b) = b {
                if a.as_ref().is_none_or(|a| b.rfc3339() > a.rfc3339()) {
                    *a = Some(b);
                }
            }
        }
        later(&mut self.last_access, other.last_access);
        later(&mut self.last_update, other.last_update);
        later(&mut self.last_add, other.last_add);
        self.attending_physician |= other.attending_physician;
        self.listed_by.extend(other.listed_by);
    }
}

/// `dmp report patients`: one TD0.4 request per date type, merged by INS.
pub fn patients(access: &DmpAccess, since: OffsetDateTime, by: SinceBy) -> Result<PatientsReport> {
    let generated_at = now();
    let mut rows: Vec<PatientReportRow> = Vec::new();
    let mut by_ins: HashMap<String, usize> = HashMap::new();
    for &t in by.date_types() {
        let list = access.transact(
            Tx::Td04,
            None,
            AccessMode::Normal,
            Some(format!("since {} {}", since.date(), t.code())),
            None,
            |vihf| Ok(patients::build_patient_list_request(vihf, since, t)),
            |reply| patients::parse_patient_list_response(&reply.body),
            |l| (Some(format!("{} patients", l.patients.len())), vec![]),
        )?;
        for p in list.patients {
            let row = PatientReportRow::new(p, t);
            match row.ins.clone().and_then(|i| by_ins.get(&i).copied()) {
                Some(i) => rows[i].merge(row),
                None => {
                    if let Some(ins) = &row.ins {
                        by_ins.insert(ins.clone(), rows.len());
                    }
                    rows.push(row);
                }
            }
        }
    }
    rows.sort_by(|a, b| {
        let key = |r: &PatientReportRow| r.last_access.as_ref().map(Timestamp::rfc3339);
        // Newest access first, never-accessed last, then by INS.
        key(b).cmp(&key(a)).then_with(|| a.ins.cmp(&b.ins))
    });
    Ok(PatientsReport {
        since: Timestamp::Date(since.date()),
        generated_at,
        date_types: by.date_types().iter().map(|&t| date_type(t)).collect(),
        patients: rows,
    })
}

/// `dmp patient history-url`.
#[derive(Debug, Serialize)]
pub struct HistoryUrl {
    pub ins: String,
    /// The Web PS page: TD0.9 and what it shows.
    pub page: CodeLabel,
    pub url: String,
    /// Whether dmp opened it in a browser (`--open`).
    pub opened: bool,
}

/// The address of the patient's access history on the Web PS (TD0.9). Nothing is sent: the
/// page is for a person's browser, which authenticates with the CPS card (or e-CPS).
pub fn history_url(web_ps_url: Option<&str>, ins: &Ins) -> Result<HistoryUrl> {
    let base = web_ps_url
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .ok_or_else(|| {
            Error::config(crate::tr!("commands-report-no-web-ps"))
                .with_hint(crate::tr!("commands-report-no-web-ps-hint"))
        })?;
    let bad = |message: String| {
        Error::config(message).with_hint(crate::tr!("commands-report-bad-web-ps-hint"))
    };
    let parsed = url::Url::parse(base).map_err(|e| {
        bad(crate::tr!(
            "commands-report-web-ps-not-address",
            url = base,
            error = e.to_string()
        ))
    })?;
    if parsed.scheme() != "https" {
        return Err(bad(crate::tr!(
            "commands-report-web-ps-not-https",
            url = base
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad(crate::tr!(
            "commands-report-web-ps-no-host",
            url = base
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad(crate::tr!("commands-report-web-ps-query", url = base)));
    }

    Ok(HistoryUrl {
        ins: ins.number().to_string(),
        page: CodeLabel::new(WEB_PS_ACCESS_HISTORY.code, Some(WEB_PS_ACCESS_HISTORY.name)),
        url: WEB_PS_ACCESS_HISTORY.url(base, ins.number()),
        opened: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ins::InsAuthority;

    fn ins() -> Ins {
        Ins::parse_with_default("280057505600117", InsAuthority::TestNir).unwrap()
    }

    #[test]
    fn history_url_is_the_web_ps_page_of_the_ins() {
        let h = history_url(Some("https://webps.example:8443"), &ins()).unwrap();
        assert_eq!(
            h.url,
            "https://webps.example:8443/AccesDirect/HistoriqueAcces/280057505600117"
        );
        assert_eq!(h.page.code, "TD0.9");
        let h = history_url(Some("https://webps.example/prefix/"), &ins()).unwrap();
        assert_eq!(
            h.url,
            "https://webps.example/prefix/AccesDirect/HistoriqueAcces/280057505600117"
        );
    }

    #[test]
    fn history_url_needs_an_https_base() {
        for (base, what) in [
            (None, "no address"),
            (Some("  "), "no address"),
            (Some("http://webps.example"), "not an https address"),
            (Some("webps.example"), "is not an address"),
            (Some("https://webps.example/?a=b"), "query"),
        ] {
            let e = history_url(base, &ins()).unwrap_err();
            assert_eq!(e.kind(), crate::error::ErrorKind::Config, "{base:?}");
            assert!(e.message().contains(what), "{base:?}: {}", e.message());
            assert!(e.hint().is_some());
        }
    }

    fn listed(ins: &str, access: Option<&str>, by: PatientListDateType) -> PatientReportRow {
        PatientReportRow::new(
            AuthorizedPatient {
                identifiers: vec![patients::PatientIdentifier {
                    national_id: Some(ins.into()),
                    national_id_type: Some("1.2.250.1.213.1.4.10".into()),
                }],
                last_access_date: access.map(Into::into),
                ..Default::default()
            },
            by,
        )
    }

    #[test]
    fn a_dmp_listed_twice_keeps_the_later_date_and_both_reasons() {
        let mut a = listed(
            "280057505600117",
            Some("20250101100000"),
            PatientListDateType::LastAuthorization,
        );
        a.merge(listed(
            "280057505600117",
            Some("20250102100000"),
            PatientListDateType::LastDocument,
        ));
        assert_eq!(
            a.last_access.unwrap().rfc3339(),
            "2025-01-02T10:00:00Z",
            "the later access wins"
        );
        let codes: Vec<&str> = a.listed_by.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["LASTAUTORIZATION", "LASTDOC"]);
    }
}
