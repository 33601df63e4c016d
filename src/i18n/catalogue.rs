//! The embedded catalogue: one Fluent bundle per language, built on first use.

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Arg, Lang};

mod files {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The catalogue's files for one language: (file name, Fluent source).
pub struct Catalogue;

impl Catalogue {
    pub fn files(lang: Lang) -> &'static [(&'static str, &'static str)] {
        match lang {
            Lang::En => files::EN,
            Lang::Fr => files::FR,
        }
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static FR: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    cell.get_or_init(|| {
        let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
        // Unicode isolation marks around each value would end up in terminals, logs and
        // JSON; the values here are identifiers, paths and numbers, all left-to-right.
        bundle.set_use_isolating(false);
        for (name, source) in Catalogue::files(lang) {
            let resource = FluentResource::try_new(source.to_string())
                .unwrap_or_else(|(_, e)| panic!("locales/{}/{name}: {e:?}", lang.code()));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("locales/{}/{name}: {e:?}", lang.code()));
        }
        bundle
    })
}

/// The message `key` with its arguments, in the language of this run. A key missing from the
/// catalogue (a bug, which the catalogue's tests catch) shows as the key itself.
pub fn tr_args(key: &str, args: &[(&str, Arg)]) -> String {
    format_in(super::lang(), key, args)
}

/// The message `key` in `lang`, whatever the language of this run (the man pages of both
/// languages are written by one process).
pub fn format_in(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let (id, attribute) = match key.split_once('.') {
        Some((id, attr)) => (id, Some(attr)),
        None => (key, None),
    };
    let Some(message) = bundle.get_message(id) else {
        return key.to_string();
    };
    let pattern = match attribute {
        Some(a) => message.get_attribute(a).map(|a| a.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else {
        return key.to_string();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        let v = match value {
            Arg::Text(s) => FluentValue::String(Cow::Owned(s.clone())),
            Arg::Number(n) => FluentValue::from(*n),
        };
        fluent_args.set(*name, v);
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(
        pattern,
        if args.is_empty() {
            None
        } else {
            Some(&fluent_args)
        },
        &mut errors,
    );
    text.into_owned()
}

/// Whether the catalogue of `lang` holds `key` (a message id, or `id.attribute`).
pub fn has(lang: Lang, key: &str) -> bool {
    let bundle = bundle(lang);
    match key.split_once('.') {
        Some((id, attr)) => bundle
            .get_message(id)
            .is_some_and(|m| m.get_attribute(attr).is_some()),
        None => bundle.get_message(key).is_some_and(|m| m.value().is_some()),
    }
}

/// Every message id of `lang`'s catalogue, with its file.
pub fn message_ids(lang: Lang) -> Vec<(&'static str, String)> {
    let mut ids = Vec::new();
    for (name, source) in Catalogue::files(lang) {
        let resource = fluent_syntax::parser::parse(*source)
            .unwrap_or_else(|(_, e)| panic!("locales/{}/{name}: {e:?}", lang.code()));
        for entry in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.push((*name, m.id.name.to_string()));
            }
        }
    }
    ids
}
