//! SOAP faults (1.2, and 1.1 for robustness) and their translation into [`Error`]s that carry
//! the DMP's own code and text (requirement PRE_ERR: show the DMP's codes and messages).
//!
//! Known codes are mapped to a kind and a hint. `DMPAccessDenied…` codes are refusals by the
//! DMP's access rules and become [`ErrorKind::Denied`](crate::ErrorKind::Denied); everything
//! else is [`ErrorKind::Server`](crate::ErrorKind::Server).
//!
//! Assumption: the DMP's own code is the deepest `Subcode/Value` (a QName whose prefix is
//! dropped); when there is no subcode, the `Detail` text is searched for a `DMP…` or `XDS…`
//! token.

use crate::dmp::xml::{ns, Element};
use crate::error::Error;

/// A SOAP fault as the DMP sent it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoapFault {
    /// Local part of `Code/Value` (`Sender`, `Receiver`…; SOAP 1.1 `faultcode`).
    pub code: String,
    /// Local parts of the nested `Subcode/Value`s, outermost first.
    pub subcodes: Vec<String>,
    /// `Reason/Text` (SOAP 1.1 `faultstring`).
    pub reason: String,
    /// Text content of `Detail`, whitespace-collapsed.
    pub detail: Option<String>,
}

fn local(qname: &str) -> String {
    qname.trim().rsplit(':').next().unwrap_or("").to_owned()
}

fn all_text(e: &Element, out: &mut Vec<String>) {
    let t = e.text();
    if !t.is_empty() {
        out.push(t.to_owned());
    }
    for c in &e.children {
        all_text(c, out);
    }
}

impl SoapFault {
    /// Reads a `Fault` element (SOAP 1.2 or 1.1).
    pub fn from_element(fault: &Element) -> SoapFault {
        let mut f = SoapFault::default();
        if let Some(code) = fault.child("Code") {
            f.code = code
                .child_text("Value")
                .map(|v| local(&v))
                .unwrap_or_default();
            let mut sub = code.child("Subcode");
            while let Some(s) = sub {
                if let Some(v) = s.child_text("Value") {
                    f.subcodes.push(local(&v));
                }
                sub = s.child("Subcode");
            }
        } else if let Some(c) = fault.child_text("faultcode") {
            f.code = local(&c);
        }
        if let Some(reason) = fault.child("Reason") {
            let texts: Vec<&str> = reason.children_named("Text").map(|t| t.text()).collect();
            f.reason = texts.join(" / ");
        } else if let Some(s) = fault.child_text("faultstring") {
            f.reason = s;
        }
        if let Some(d) = fault.child("Detail").or_else(|| fault.child("detail")) {
            let mut texts = Vec::new();
            all_text(d, &mut texts);
            let joined = texts.join(" ");
            if !joined.is_empty() {
                f.detail = Some(joined);
            }
        }
        f
    }

    /// The DMP's code: the deepest subcode, else a `DMP…`/`XDS…` token of the detail, else the
    /// SOAP code.
    pub fn dmp_code(&self) -> &str {
        if let Some(s) = self.subcodes.last() {
            return s;
        }
        if let Some(d) = &self.detail {
            if let Some(tok) = d
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .find(|t| t.starts_with("DMP") || t.starts_with("XDS"))
            {
                return tok;
            }
        }
        &self.code
    }

    /// The error to show: the DMP's code and text, and a hint when the code is known.
    pub fn to_error(&self) -> Error {
        let code = self.dmp_code();
        let text = if self.reason.is_empty() {
            self.detail.clone().unwrap_or_default()
        } else {
            self.reason.clone()
        };
        error_for(
            code,
            &text,
            crate::tr!("dmp-fault-refused", code = code, text = &text),
        )
    }
}

/// The error for a DMP code: `Denied` when the rights or consent rules refused, else `Server`;
/// the message names the rule the code points to and the hint says what to do, when the code
/// is known.
pub fn error_for(code: &str, text: &str, message: String) -> Error {
    let x = explain(code, text);
    let message = match x.rule {
        Some(rule) => crate::tr!("dmp-fault-with-rule", message = message, rule = rule),
        None => message,
    };
    let e = if x.denied {
        Error::denied(message)
    } else {
        Error::server(message)
    }
    .with_dmp_code(code);
    match x.hint {
        Some(h) => e.with_hint(h),
        None => e,
    }
}

/// What a DMP code means for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// A refusal by the access rules (exit code 9), not a failure.
    pub denied: bool,
    /// The rule the code points to, as the reference names it.
    pub rule: Option<String>,
    /// What to do.
    pub hint: Option<String>,
}

/// Is this code a refusal by the access rules, which rule does it point to, and what should
/// the user do?
pub fn explain(code: &str, text: &str) -> Explanation {
    let lower = text.to_lowercase();
    let x = |denied, rule: Option<String>, hint: String| Explanation {
        denied,
        rule,
        hint: Some(hint),
    };
    if code == "DMPAccessDeniedByRightsService" {
        return x(
            true,
            Some(crate::tr!("dmp-fault-rule-rights-matrix")),
            crate::tr!("dmp-fault-hint-rights-service"),
        );
    }
    if code.starts_with("DMPAccessDenied") {
        return x(
            true,
            Some(crate::tr!("dmp-fault-rule-consent")),
            crate::tr!("dmp-fault-hint-consent"),
        );
    }
    if code == "XDSDocumentUniqueIdError" {
        // The DMP does not reveal whether a document it will not hand over exists, so this is
        // not known to be a refusal: the kind stays a DMP error, the rule and hint say both.
        return x(
            false,
            Some(crate::tr!("dmp-fault-rule-unknown-document")),
            crate::tr!("dmp-fault-hint-unknown-document"),
        );
    }
    if code == "DMPInvalidCertificate" {
        return x(
            false,
            None,
            crate::tr!("dmp-fault-hint-invalid-certificate"),
        );
    }
    if lower.contains("aucune spécialité") || lower.contains("aucune specialite") {
        return x(false, None, crate::tr!("dmp-fault-hint-no-specialty"));
    }
    if lower.contains("structure introuvable") {
        return x(false, None, crate::tr!("dmp-fault-hint-structure-unknown"));
    }
    if lower.contains("structure non li") {
        return x(
            false,
            None,
            crate::tr!("dmp-fault-hint-structure-not-linked"),
        );
    }
    Explanation {
        denied: false,
        rule: None,
        hint: None,
    }
}

/// If `body_child` is a SOAP Fault (1.2 or 1.1), the error it carries.
pub fn fault_error(body_child: &Element) -> Option<Error> {
    if body_child.is(ns::SOAP12, "Fault") || body_child.is(ns::SOAP11, "Fault") {
        Some(SoapFault::from_element(body_child).to_error())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn soap12_fault_with_subcode() {
        let xml = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value xmlns:d="urn:dmp">d:DMPAccessDeniedByRightsService</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="fr">Accès refusé par le service de droits</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#;
        let env = Element::parse(xml.as_bytes()).unwrap();
        let fault = &env.children[0].children[0];
        let f = SoapFault::from_element(fault);
        assert_eq!(f.code, "Sender");
        assert_eq!(f.dmp_code(), "DMPAccessDeniedByRightsService");
        let e = fault_error(fault).unwrap();
        assert_eq!(e.kind(), ErrorKind::Denied);
        assert_eq!(e.dmp_code(), Some("DMPAccessDeniedByRightsService"));
        assert!(e.message().contains("DMPAccessDeniedByRightsService"));
        assert!(e.message().contains("Accès refusé"));
        assert!(e
            .message()
            .contains("rule: the DMP's functional-rights matrix, PDT-INF-526"));
        assert!(e.hint().unwrap().contains("retrying will not help"));
    }

    #[test]
    fn a_document_the_dmp_will_not_hand_over_names_both_readings() {
        let e = error_for(
            "XDSDocumentUniqueIdError",
            "document introuvable : 1.2.3",
            "the DMP registry answered an error: XDSDocumentUniqueIdError: document introuvable : 1.2.3".into(),
        );
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.message().contains("unknown document, or one"), "{e}");
        assert!(e.message().contains("PDT-INF-526, TD3.2"), "{e}");
        assert!(e.hint().unwrap().contains("masked to professionals"));
    }

    #[test]
    fn soap11_fault() {
        let xml = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Structure introuvable ou Inactive</faultstring></s:Fault></s:Body></s:Envelope>"#;
        let env = Element::parse(xml).unwrap();
        let e = fault_error(&env.children[0].children[0]).unwrap();
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.hint().unwrap().contains("Identifiant_Structure"));
    }
}
