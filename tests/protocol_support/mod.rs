//! Shared helpers of the protocol tests: a software XML signer with a key generated at test
//! time, the VIHF configuration of the official examples, a normalising XML comparer built on
//! quick-xml (independent from the library's own parser), and xmllint / xmlsec1 runners.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use dmp::dmp::vihf::VihfConfig;
use dmp::dmp::xmldsig::XmlSigner;
use dmp::model::codes::{self, AuthMode};
use dmp::model::ins::Ins;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// The reference material: the official DMP examples and the XDS schemas, which the project
/// does not hold. Only the conformance tests read it, from the directory `DMP_REFERENCE_DIR`
/// names; they are `#[ignore]`d, so a run without it reports them as ignored (not run), and one
/// run anyway fails here rather than passing.
pub fn reference(rel: &str) -> PathBuf {
    let base = std::env::var_os("DMP_REFERENCE_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            panic!(
                "conformance test without the reference material: set DMP_REFERENCE_DIR to the \
                 directory holding dmp-official/ and schemas/ (scripts/test.sh then runs these tests)"
            )
        });
    let p = base.join(rel);
    assert!(
        p.exists(),
        "reference file {} not found: DMP_REFERENCE_DIR must name the directory holding \
         dmp-official/ and schemas/",
        p.display()
    );
    p
}

/// An official example: a request (`TD…`) or a VIHF sample (`vihf-…`).
pub fn official(name: &str) -> Vec<u8> {
    let dir = if name.starts_with("vihf-") {
        "dmp-official/vihf"
    } else {
        "dmp-official/requests"
    };
    std::fs::read(reference(&format!("{dir}/{name}"))).expect("official example")
}

/// A software RSA-2048 signer with a self-signed certificate, both made at test time.
pub struct SoftSigner {
    key: KeyPair,
    cert_der: Vec<u8>,
    pub cert_pem: String,
}

impl SoftSigner {
    pub fn generate() -> SoftSigner {
        let key = KeyPair::generate(KeySize::Rsa2048).expect("RSA key");
        let pkcs8 = AsDer::<aws_lc_rs::encoding::Pkcs8V1Der>::as_der(&key).expect("pkcs8");
        let rc_key = rcgen::KeyPair::try_from(pkcs8.as_ref()).expect("rcgen key");
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "899900063480");
        let cert = params.self_signed(&rc_key).expect("certificate");
        SoftSigner {
            key,
            cert_der: cert.der().to_vec(),
            cert_pem: cert.pem(),
        }
    }
}

impl XmlSigner for SoftSigner {
    fn certificate_der(&self) -> Vec<u8> {
        self.cert_der.clone()
    }
    fn sign_rsa_sha256(&self, data: &[u8]) -> dmp::Result<Vec<u8>> {
        let mut sig = vec![0u8; self.key.public_modulus_len()];
        self.key
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), data, &mut sig)
            .map_err(|_| dmp::Error::internal("test signature failed"))?;
        Ok(sig)
    }
}

/// The VIHF configuration carried by the official direct-mode examples.
pub fn official_config() -> VihfConfig {
    VihfConfig {
        issuer_dn: "CN=899900038839+2.5.4.4=#14045452414c+2.5.4.42=#14064144454d4953,OU=M?decin,O=TEST,C=FR".into(),
        practitioner_id: "899900063480".into(),
        auth_mode: AuthMode::Directe,
        structure_id: "499900063480001".into(),
        activity_sector: "SA07".into(),
        subject_name: None,
        // Most samples write no codeSystemName on the roles; the DMP's test platform wants
        // G15/R01 (reference §4.2, S14), which tests/dmp_identifiers.rs checks on the wire.
        roles: vec![codes::profession("10"), codes::specialty("SM26", None)]
            .into_iter()
            .map(|r| codes::Coded {
                code_system_name: None,
                ..r
            })
            .collect(),
        lps_id: Some("01.01.01.01".into()),
        lps_name: "LPS GIE-SV".into(),
        lps_version: "1".into(),
        lps_homologation_id: "NumAutorisation".into(),
        authn_context: None,
    }
}

pub fn official_patient() -> Ins {
    Ins::parse("207058575627097@1.2.250.1.213.1.4.10").unwrap()
}

// ---------------------------------------------------------------------------------------------
// Normalising comparer

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub ns: String,
    pub name: String,
    pub attrs: BTreeMap<(String, String), String>,
    pub children: Vec<Node>,
    pub text: String,
}

pub fn parse_tree(xml: &[u8]) -> Node {
    let s = String::from_utf8_lossy(xml).into_owned();
    let mut r = NsReader::from_str(&s);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        let (res, ev) = r.read_resolved_event().expect("well-formed XML");
        let ns_of = |res: &ResolveResult| match res {
            ResolveResult::Bound(n) => n.0.to_owned(),
            _ => String::new(),
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut node = Node {
                    ns: ns_of(&res),
                    name: e.local_name().as_ref().to_owned(),
                    attrs: BTreeMap::new(),
                    children: vec![],
                    text: String::new(),
                };
                for a in e.attributes() {
                    let a = a.unwrap();
                    if a.key.as_namespace_binding().is_some() {
                        continue;
                    }
                    let (ans, local) = r.resolver().resolve_attribute(a.key);
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap();
                    node.attrs
                        .insert((ns_of(&ans), local.as_ref().to_owned()), v.into_owned());
                }
                if matches!(ev, Event::Empty(_)) {
                    match stack.last_mut() {
                        Some(p) => p.children.push(node),
                        None => root = Some(node),
                    }
                } else {
                    stack.push(node);
                }
            }
            Event::End(_) => {
                let mut n = stack.pop().unwrap();
                n.text = n.text.trim().to_owned();
                match stack.last_mut() {
                    Some(p) => p.children.push(n),
                    None => root = Some(n),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) => {
                if let Some(top) = stack.last_mut() {
                    if g.is_char_ref() {
                        top.text.push(g.resolve_char_ref().unwrap().unwrap());
                    } else {
                        let n = g.xml10_content();
                        top.text.push_str(match n.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            other => panic!("entity {other}"),
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    root.expect("root element")
}

/// What to blank out before comparing: (element local name, attribute local name or "#text").
pub type Rules<'a> = &'a [(&'a str, &'a str)];

/// Rules common to every request: MessageID, the assertion's ID and instants, and the
/// PurposeOfUse displayName (mis-encoded in the official files).
pub const ENVELOPE_RULES: &[(&str, &str)] = &[
    ("MessageID", "#text"),
    ("Assertion", "ID"),
    ("Assertion", "IssueInstant"),
    ("AuthnStatement", "AuthnInstant"),
    ("PurposeOfUse", "displayName"),
];

fn normalise(n: &mut Node, rules: Rules<'_>) {
    for (el, what) in rules {
        if n.name == *el {
            if *what == "#text" {
                n.text = "<var>".into();
            } else {
                for ((_, k), v) in n.attrs.iter_mut() {
                    if k == what {
                        *v = "<var>".into();
                    }
                }
            }
        }
    }
    for c in &mut n.children {
        normalise(c, rules);
    }
}

fn diff(a: &Node, b: &Node, path: &str) -> Option<String> {
    let here = format!("{path}/{{{}}}{}", a.ns, a.name);
    if a.ns != b.ns || a.name != b.name {
        return Some(format!(
            "{path}: element {{{}}}{} (ours) vs {{{}}}{} (official)",
            a.ns, a.name, b.ns, b.name
        ));
    }
    if a.attrs != b.attrs {
        return Some(format!(
            "{here}: attributes\n  ours:     {:?}\n  official: {:?}",
            a.attrs, b.attrs
        ));
    }
    if a.text != b.text {
        return Some(format!(
            "{here}: text {:?} (ours) vs {:?} (official)",
            a.text, b.text
        ));
    }
    for (i, (ca, cb)) in a.children.iter().zip(&b.children).enumerate() {
        if let Some(d) = diff(ca, cb, &format!("{here}[{i}]")) {
            return Some(d);
        }
    }
    if a.children.len() != b.children.len() {
        let names = |n: &Node| {
            n.children
                .iter()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        };
        return Some(format!(
            "{here}: children {:?} (ours) vs {:?} (official)",
            names(a),
            names(b)
        ));
    }
    None
}

fn strip(n: &mut Node, names: &[&str]) {
    n.children.retain(|c| !names.contains(&c.name.as_str()));
    for c in &mut n.children {
        strip(c, names);
    }
}

/// Compares two documents element for element after blanking the variable values.
pub fn assert_same_xml(ours: &[u8], official: &[u8], rules: Rules<'_>) {
    assert_same_xml_without(ours, official, rules, &[]);
}

/// Like [`assert_same_xml`], after removing the elements named in `drop` from both.
pub fn assert_same_xml_without(ours: &[u8], official: &[u8], rules: Rules<'_>, drop: &[&str]) {
    let mut a = parse_tree(ours);
    let mut b = parse_tree(official);
    strip(&mut a, drop);
    strip(&mut b, drop);
    normalise(&mut a, rules);
    normalise(&mut b, rules);
    if let Some(d) = diff(&a, &b, "") {
        panic!(
            "our XML differs from the official example:\n{d}\n--- ours:\n{}",
            String::from_utf8_lossy(ours)
        );
    }
}

/// The content of `soap:Body` of one of our envelopes (we write it with the `soap:` prefix).
pub fn body_of(envelope: &[u8]) -> String {
    let s = String::from_utf8(envelope.to_vec()).unwrap();
    let start = s.find("<soap:Body>").unwrap() + "<soap:Body>".len();
    let end = s.rfind("</soap:Body>").unwrap();
    s[start..end].to_owned()
}

/// Validates `xml` with xmllint against a schema of the reference's `schemas/`; returns xmllint's
/// verdict (Ok, or its message).
pub fn xmllint_validate(xml: &str, schema: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("doc.xml");
    std::fs::write(&f, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(reference(&format!("schemas/{schema}")))
        .arg(&f)
        .output()
        .expect("xmllint (package libxml2-utils) must be installed");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}
