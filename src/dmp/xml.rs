//! Small XML helpers over quick-xml: a namespace-resolved element tree for reading responses
//! (prefixes are never looked at: elements are matched by namespace URI and local name) and a
//! writer for building requests with the prefixes of the official examples.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::{QName, ResolveResult};
use quick_xml::NsReader;

use crate::error::{Error, Result};

/// Namespace URIs.
pub mod ns {
    pub const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";
    pub const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    pub const WSA: &str = "http://www.w3.org/2005/08/addressing";
    pub const WSSE: &str =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    pub const SAML2: &str = "urn:oasis:names:tc:SAML:2.0:assertion";
    pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    pub const XSD: &str = "http://www.w3.org/2001/XMLSchema";
    pub const DSIG: &str = "http://www.w3.org/2000/09/xmldsig#";
    pub const HL7: &str = "urn:hl7-org:v3";
    pub const HABILITATIONS: &str = "urn:si-dmp-habilitations";
    pub const PATIENTS: &str = "urn:si-dmp-patients";
    pub const RIM: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    pub const RS: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    pub const QUERY: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    pub const LCM: &str = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    pub const XDSB: &str = "urn:ihe:iti:xds-b:2007";
    pub const XOP: &str = "http://www.w3.org/2004/08/xop/include";
}

/// An attribute with its resolved namespace ("" when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub ns: String,
    pub name: String,
    pub value: String,
}

/// An element with its resolved namespace ("" when none), attributes, child elements and the
/// concatenation of its own text nodes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    pub ns: String,
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Element>,
    pub text: String,
}

/// The deepest element nesting accepted in an answer. The DMP's answers nest a few tens of
/// levels (SOAP, ebRIM, HL7 v3); a deeper document is refused before it can exhaust the stack
/// of the recursive walks over the tree (and its drop).
pub const MAX_DEPTH: usize = 256;

fn xml_err(e: impl std::fmt::Display) -> Error {
    Error::server(crate::tr!("dmp-xml-malformed", reason = e.to_string()))
}

fn resolved_ns(r: &ResolveResult<'_>) -> String {
    match r {
        ResolveResult::Bound(n) => n.0.to_owned(),
        _ => String::new(),
    }
}

fn predefined_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return None,
    })
}

impl Element {
    /// Parses a whole document (UTF-8) into its root element.
    pub fn parse(xml: &[u8]) -> Result<Element> {
        let text = std::str::from_utf8(xml).map_err(xml_err)?;
        let mut reader = NsReader::from_str(text);
        let mut stack: Vec<Element> = Vec::new();
        let mut root: Option<Element> = None;
        loop {
            let (res, event) = reader.read_resolved_event().map_err(xml_err)?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(xml_err(crate::tr!(
                            "dmp-xml-too-deep",
                            max = MAX_DEPTH.to_string()
                        )));
                    }
                    let mut el = Element {
                        ns: resolved_ns(&res),
                        name: e.local_name().as_ref().to_owned(),
                        ..Element::default()
                    };
                    for a in e.attributes() {
                        let a = a.map_err(xml_err)?;
                        if a.key.as_namespace_binding().is_some() {
                            continue;
                        }
                        let (ans, local) = reader.resolver().resolve_attribute(a.key);
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(xml_err)?;
                        el.attrs.push(Attr {
                            ns: resolved_ns(&ans),
                            name: local.as_ref().to_owned(),
                            value: value.into_owned(),
                        });
                    }
                    if matches!(event, Event::Empty(_)) {
                        Self::close(&mut stack, &mut root, el);
                    } else {
                        stack.push(el);
                    }
                }
                Event::End(_) => {
                    let el = stack
                        .pop()
                        .ok_or_else(|| xml_err(crate::tr!("dmp-xml-unbalanced-end-tag")))?;
                    Self::close(&mut stack, &mut root, el);
                }
                Event::Text(t) => {
                    if let Some(top) = stack.last_mut() {
                        top.text.push_str(&t.xml10_content());
                    }
                }
                Event::CData(c) => {
                    if let Some(top) = stack.last_mut() {
                        top.text.push_str(&c.into_inner());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(top) = stack.last_mut() {
                        if r.is_char_ref() {
                            if let Some(c) = r.resolve_char_ref().map_err(xml_err)? {
                                top.text.push(c);
                            }
                        } else {
                            let name = r.xml10_content();
                            let v = predefined_entity(&name).ok_or_else(|| {
                                xml_err(crate::tr!("dmp-xml-unknown-entity", name = name))
                            })?;
                            top.text.push_str(v);
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err(xml_err(crate::tr!("dmp-xml-ends-inside-element")));
        }
        root.ok_or_else(|| xml_err(crate::tr!("dmp-xml-no-root")))
    }

    fn close(stack: &mut [Element], root: &mut Option<Element>, el: Element) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => *root = Some(el),
        }
    }

    /// True when this element has the namespace URI `ns` and the local name `name`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// Attribute without a namespace, by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_empty() && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Attribute in namespace `ns`.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// First child element with this local name (any namespace).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// First child element with this namespace and local name.
    pub fn child_ns(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Child elements with this local name (any namespace).
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Descendants (not self) with this local name, in document order.
    pub fn descendants<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.collect(name, out);
        }
    }

    /// First descendant with this local name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for c in &self.children {
            if c.name == name {
                return Some(c);
            }
            if let Some(f) = c.find(name) {
                return Some(f);
            }
        }
        None
    }

    /// The element's own text, trimmed.
    pub fn text(&self) -> &str {
        self.text.trim()
    }

    /// Trimmed text of the first child with this local name, if not empty.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|c| c.text().to_owned())
            .filter(|s| !s.is_empty())
    }
}

/// Escapes text content (`&`, `<`, `>`), leaving quotes as they are.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    quick_xml::escape::partial_escape(s)
}

/// Escapes an attribute value for a double-quoted attribute (`&`, `<`, `"`; and the
/// whitespace characters that attribute normalisation would otherwise turn into spaces).
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '"', '\n', '\r', '\t']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            '\t' => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A thin writer over `quick_xml::Writer` that writes names with the prefixes we choose.
pub struct XmlWriter {
    w: quick_xml::Writer<Vec<u8>>,
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    pub fn new() -> XmlWriter {
        XmlWriter {
            w: quick_xml::Writer::new(Vec::new()),
        }
    }

    fn put(&mut self, e: Event<'_>) {
        // Writing into a Vec<u8> cannot fail.
        self.w
            .write_event(e)
            .expect("writing XML into memory cannot fail");
    }

    fn start_tag<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
        let mut s = BytesStart::new(name);
        for (k, v) in attrs {
            s.push_attribute(Attribute {
                key: QName(k),
                value: Cow::Owned(escape_attr(v).into_owned()),
            });
        }
        s
    }

    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let s = Self::start_tag(name, attrs);
        self.put(Event::Start(s));
        self
    }

    pub fn end(&mut self, name: &str) -> &mut Self {
        self.put(Event::End(BytesEnd::new(name)));
        self
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        let s = Self::start_tag(name, attrs);
        self.put(Event::Empty(s));
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        let t = escape_text(text).into_owned();
        self.put(Event::Text(BytesText::from_escaped(t)));
        self
    }

    /// `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.start(name, attrs).text(text).end(name)
    }

    /// Inserts an already serialised fragment as it is.
    pub fn raw(&mut self, xml: &str) -> &mut Self {
        self.put(Event::Text(BytesText::from_escaped(xml.to_owned())));
        self
    }

    pub fn into_string(self) -> String {
        String::from_utf8(self.w.into_inner()).expect("the writer only receives UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
    }

    #[test]
    fn nesting_is_limited() {
        assert!(Element::parse(nested(MAX_DEPTH).as_bytes()).is_ok());
        let e = Element::parse(nested(MAX_DEPTH + 1).as_bytes()).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Server);
        assert!(
            e.message().contains("nested deeper than 256"),
            "{}",
            e.message()
        );
        // An empty element one level too deep counts too.
        let xml = format!(
            "{}<b/>{}",
            "<a>".repeat(MAX_DEPTH),
            "</a>".repeat(MAX_DEPTH)
        );
        assert!(Element::parse(xml.as_bytes()).is_err());
        // A deep bomb is refused quickly, without exhausting the stack.
        assert!(Element::parse(nested(200_000).as_bytes()).is_err());
    }

    #[test]
    fn parse_resolves_namespaces_not_prefixes() {
        let doc = br#"<a:Envelope xmlns:a="http://www.w3.org/2003/05/soap-envelope" xmlns="urn:x"><a:Body><item k="1 &amp; 2">x &lt; y &#233;</item><b:i xmlns:b="urn:y" b:at="v"/></a:Body></a:Envelope>"#;
        let e = Element::parse(doc).unwrap();
        assert!(e.is(ns::SOAP12, "Envelope"));
        let body = e.child_ns(ns::SOAP12, "Body").unwrap();
        let item = body.child("item").unwrap();
        assert_eq!(item.ns, "urn:x");
        assert_eq!(item.attr("k"), Some("1 & 2"));
        assert_eq!(item.text(), "x < y é");
        let i = body.child_ns("urn:y", "i").unwrap();
        assert_eq!(i.attr_ns("urn:y", "at"), Some("v"));
    }

    #[test]
    fn writer_escapes() {
        let mut w = XmlWriter::new();
        w.start("a", &[("x", "d'un \"b\" & c")])
            .text("1 < 2 & 'q'")
            .end("a");
        assert_eq!(
            w.into_string(),
            r#"<a x="d'un &quot;b&quot; &amp; c">1 &lt; 2 &amp; 'q'</a>"#
        );
    }
}
