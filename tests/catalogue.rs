//! The message catalogue (locales/<lang>/*.ftl): every language has every message, with the
//! same variables; every key the code asks for exists; and no text a person reads is written
//! in the code instead of the catalogue.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use dmp::i18n::{Catalogue, Lang};
use fluent_syntax::ast;

/// id (or id.attribute) → the variables its pattern uses.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn variables_of(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                variables_of(&v.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_vars(inline, out),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

fn messages(lang: Lang) -> BTreeMap<&'static str, Messages> {
    let mut files = BTreeMap::new();
    for (name, source) in Catalogue::files(lang) {
        let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(_, errors)| {
            panic!("locales/{}/{name} does not parse: {errors:?}", lang.code())
        });
        let mut messages = Messages::new();
        for entry in &resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(v) = &m.value {
                    variables_of(v, &mut vars);
                }
                assert!(
                    messages.insert(m.id.name.to_string(), vars).is_none(),
                    "locales/{}/{name}: {} is defined twice",
                    lang.code(),
                    m.id.name
                );
                for a in &m.attributes {
                    let mut vars = BTreeSet::new();
                    variables_of(&a.value, &mut vars);
                    messages.insert(format!("{}.{}", m.id.name, a.id.name), vars);
                }
            }
        }
        files.insert(*name, messages);
    }
    files
}

#[test]
fn every_language_has_every_message_with_the_same_variables() {
    let en = messages(Lang::En);
    let fr = messages(Lang::Fr);
    let en_files: BTreeSet<_> = en.keys().collect();
    let fr_files: BTreeSet<_> = fr.keys().collect();
    assert_eq!(
        en_files, fr_files,
        "locales/en and locales/fr hold different files"
    );
    let mut problems = Vec::new();
    let mut all = BTreeSet::new();
    for (file, en_messages) in &en {
        let fr_messages = &fr[file];
        for (id, vars) in en_messages {
            assert!(all.insert(id.clone()), "{id} is defined in two files");
            // A key names its file: `card-removed` is in card.ftl, so keys never collide.
            let stem = file.trim_end_matches(".ftl");
            if !id.starts_with(&format!("{stem}-")) {
                problems.push(format!("{file}: {id} does not start with {stem}-"));
            }
            match fr_messages.get(id) {
                None => problems.push(format!("{file}: {id} is in English only")),
                Some(fr_vars) if fr_vars != vars => problems.push(format!(
                    "{file}: {id} uses {vars:?} in English and {fr_vars:?} in French"
                )),
                Some(_) => {}
            }
        }
        for id in fr_messages.keys() {
            if !en_messages.contains_key(id) {
                problems.push(format!("{file}: {id} is in French only"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(all.len() > 1, "the catalogue is empty");
}

#[test]
fn the_catalogue_formats_in_both_languages() {
    // Each message formats to a non-empty text with no unresolved reference.
    for lang in Lang::ALL {
        for (id, vars) in messages(lang).into_values().flatten() {
            let args: Vec<(&str, dmp::i18n::Arg)> = vars
                .iter()
                .map(|v| (v.as_str(), dmp::i18n::Arg::from("X")))
                .collect();
            let text = dmp::i18n::format_in(lang, &id, &args);
            assert!(!text.trim().is_empty(), "{}: {id} is empty", lang.code());
            assert!(
                !text.contains("{$") && !text.contains("{ $"),
                "{}: {id}: {text}",
                lang.code()
            );
        }
    }
}

fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out.sort();
    out
}

/// A source file's code: without its unit tests (from `#[cfg(test)]` at the start of a line
/// on) and without comments, `tests.rs` files left out.
fn code_of(path: &Path) -> Option<String> {
    let name = path.file_name().unwrap().to_string_lossy();
    if name == "tests.rs" || name.ends_with("_tests.rs") {
        return None;
    }
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("\n#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text,
    };
    Some(
        text.lines()
            .map(|l| {
                let t = l.trim_start();
                if t.starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn line_of(code: &str, at: usize) -> usize {
    code[..at].matches('\n').count() + 1
}

/// The string literal starting at `code[at..]` (after blanks), if one does.
fn literal_at(code: &str, at: usize) -> Option<String> {
    let rest = code[at..].trim_start();
    let rest = rest.strip_prefix('&').unwrap_or(rest).trim_start();
    let rest = rest.strip_prefix("format!(").unwrap_or(rest).trim_start();
    let rest = rest
        .strip_prefix("r#")
        .or_else(|| rest.strip_prefix('r'))
        .unwrap_or(rest);
    let body = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return Some(out),
            c => out.push(c),
        }
    }
    None
}

/// Words a person reads: two words of letters, outside `{…}` placeholders.
fn is_prose(s: &str) -> bool {
    let mut plain = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words = plain
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    words >= 2
}

fn has_word(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Skips `code[at..]` to just after the first comma at depth 0 (the writer of `write!`, the
/// kind of `Error::new`).
fn after_first_argument(code: &str, at: usize) -> usize {
    let mut depth = 0;
    for (i, c) in code[at..].char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                if depth == 0 {
                    return at + i;
                }
                depth -= 1
            }
            ',' if depth == 0 => return at + i + 1,
            _ => {}
        }
    }
    code.len()
}

/// The end of the bracketed list starting at `code[at..]`.
fn list_end(code: &str, at: usize) -> usize {
    let mut depth = 0;
    for (i, c) in code[at..].char_indices() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => {
                depth -= 1;
                if depth <= 0 {
                    return at + i;
                }
            }
            _ => {}
        }
    }
    code.len()
}

#[test]
fn no_text_is_written_outside_the_catalogue() {
    // The ways a text reaches a person: an error and its hint, a warning or a notice, a line of
    // output, a prompt, a table's header and a field's label, clap's help.
    const PROSE_AFTER: &[&str] = &[
        "Error::internal(",
        "Error::usage(",
        "Error::config(",
        "Error::reader(",
        "Error::card(",
        "Error::pin(",
        "Error::network(",
        "Error::server(",
        "Error::denied(",
        "Error::input(",
        "Error::partial(",
        "with_hint(",
        "println!(",
        "print!(",
        "eprintln!(",
        "eprint!(",
        ".warn(",
        ".warn_always(",
        ".notice(",
        ".line(",
        "tracing::warn!(",
        "with_prompt(",
        ".about(",
        ".long_about(",
        ".help(",
        ".long_help(",
        ".after_help(",
        ".after_long_help(",
        ".set_message(",
        "progress::start(",
    ];
    const PROSE_AFTER_FIRST_ARGUMENT: &[&str] = &["Error::new(", "writeln!(", "write!("];
    const WORDS_IN_LIST: &[&str] = &[".table(", ".table_with_ids(", ".fields(", "set_header("];

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for path in sources() {
        let Some(code) = code_of(&path) else { continue };
        let rel = path.strip_prefix(root).unwrap().display().to_string();
        let mut report = |at: usize, text: &str| {
            found.push(format!("{rel}:{}: {text:?}", line_of(&code, at)));
        };
        for trigger in PROSE_AFTER {
            for (at, _) in code.match_indices(trigger) {
                if let Some(text) = literal_at(&code, at + trigger.len()) {
                    if is_prose(&text) {
                        report(at, &text);
                    }
                }
            }
        }
        for trigger in PROSE_AFTER_FIRST_ARGUMENT {
            for (at, _) in code.match_indices(trigger) {
                let after = after_first_argument(&code, at + trigger.len());
                if let Some(text) = literal_at(&code, after) {
                    if is_prose(&text) {
                        report(at, &text);
                    }
                }
            }
        }
        for trigger in WORDS_IN_LIST {
            for (at, _) in code.match_indices(trigger) {
                let start = at + trigger.len();
                let end = list_end(&code, start);
                let mut i = start;
                while let Some(q) = code[i..end].find('"') {
                    let q = i + q;
                    match literal_at(&code, q) {
                        Some(text) => {
                            if has_word(&text) {
                                report(q, &text);
                            }
                            i = q + text.len() + 2;
                        }
                        None => break,
                    }
                    if i >= end {
                        break;
                    }
                }
            }
        }
        // clap shows a doc comment as help: the command line's texts come from the catalogue.
        if rel.ends_with("cli/args.rs") {
            for (n, l) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
                if l.trim_start().starts_with("///") {
                    found.push(format!("{rel}:{}: doc comment shown as help", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} texts are written in the code, not in locales/: {}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn every_key_the_code_asks_for_is_in_the_catalogue() {
    let mut missing = Vec::new();
    let mut used = 0;
    for path in sources() {
        let code: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (at, _) in code.match_indices("tr!(\"") {
            // `include_str!("…")` is no `tr!`.
            if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let key: String = code[at + 5..].chars().take_while(|c| *c != '"').collect();
            used += 1;
            for lang in Lang::ALL {
                if !dmp::i18n::has(lang, &key) {
                    missing.push(format!("{}: {key} ({})", path.display(), lang.code()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys not in the catalogue:\n{}",
        missing.join("\n")
    );
    assert!(used > 0);
}
