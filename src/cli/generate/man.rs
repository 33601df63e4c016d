//! The man pages: `dmp(1)` and one page per command (`dmp-docs-list(1)`…), written with the
//! `roff` crate from the clap definition. What clap does not hold (examples, files, the
//! environment) is written here; the exit status comes from `ErrorKind::ALL`. A page refers
//! only to pages generated here.

use std::path::Path;

use clap::{Arg, ArgAction, Command};
use roff::{bold, italic, roman, Inline, Roff};

use super::{command_paths, visible_subcommands};
use crate::cli::localise::{arg_text, examples, exit_code_description};
use crate::error::ErrorKind;
use crate::i18n::{format_in, Arg as FArg, Lang};

/// Every page in `lang`: (`man/<name>.1` in English, `man/<lang>/<name>.1` otherwise,
/// content). A page keeps the date written in the committed copy under `root` while its text is
/// unchanged, and takes today's date when its text changes (the date of a man page is that of
/// its last change). The language of the run is `lang` while the pages are written.
pub fn pages(root: &Path, lang: Lang) -> Vec<(String, Vec<u8>)> {
    let cli = crate::cli::command_in(lang);
    let today = today();
    let dir = man_dir(lang);
    command_paths()
        .into_iter()
        .map(|path| {
            let cmd = find(&cli, &path);
            let rel = format!("{dir}/{}.1", path.join("-"));
            let committed = std::fs::read(root.join(&rel)).ok();
            let page = committed
                .as_deref()
                .and_then(date_of)
                .map(|date| render(&cli, cmd, &path, &date, lang))
                .filter(|page| Some(page.as_slice()) == committed.as_deref())
                .unwrap_or_else(|| render(&cli, cmd, &path, &today, lang));
            (rel, page)
        })
        .collect()
}

/// Where the pages of `lang` are: `man` for English (as `man -l`, Debian's `man1`), `man/fr`…
pub fn man_dir(lang: Lang) -> String {
    match lang {
        Lang::En => "man".to_string(),
        other => format!("man/{}", other.code()),
    }
}

/// The files dmp reads and writes: the path; what it is: `cli-man-file-<n>` (n from 1).
const FILES: &[&str] = &[
    "$XDG_CONFIG_HOME/dmp/config.toml",
    "$XDG_CONFIG_HOME/dmp/profiles.d/*.toml",
    "$XDG_DATA_HOME/dmp/audit.sqlite3",
    "$XDG_CACHE_HOME/dmp/cards/",
    "/usr/lib/libcps3_pkcs11.so, /usr/local/lib/libcps3_pkcs11.so",
    "$XDG_STATE_HOME/dmp/batches/",
    "$XDG_STATE_HOME/dmp/last-visits.json",
];

/// Environment variables dmp reads, besides the `env` of its options (listed from clap); what
/// each is: `cli-man-env-<n>` (n from 1).
const ENVIRONMENT: &[&str] = &[
    "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, HOME",
    "LC_ALL, LC_MESSAGES, LANG",
    "DMP_LOG",
    "NO_COLOR",
    "COLUMNS",
    "the variable named by --pin-env VAR",
    "the variable named by --structure-cert-password-env VAR",
    "DMP_TEST_KILL_AT",
    "BROWSER",
    "USERNAME, COMPUTERNAME",
    "PCSCLITE_CSOCK_NAME",
    "DMP_COMPLETE",
];

fn t(lang: Lang, key: &str) -> String {
    format_in(lang, key, &[])
}

/// A message with one placeholder `$name` that stands for roff inlines (a bold page name, an
/// option): the text around it in roman.
fn with_inlines(lang: Lang, key: &str, name: &str, inlines: Vec<Inline>) -> Vec<Inline> {
    const MARK: &str = "\u{1}";
    let text = format_in(lang, key, &[(name, FArg::from(MARK))]);
    let (before, after) = text.split_once(MARK).unwrap_or((&text, ""));
    let mut out = Vec::new();
    if !before.is_empty() {
        out.push(roman(before.to_string()));
    }
    out.extend(inlines);
    if !after.is_empty() {
        out.push(roman(after.to_string()));
    }
    out
}

fn find<'a>(root: &'a Command, path: &[String]) -> &'a Command {
    path[1..].iter().fold(root, |cmd, name| {
        cmd.find_subcommand(name)
            .unwrap_or_else(|| panic!("no command {path:?}"))
    })
}

fn page_name(path: &[String]) -> String {
    path.join("-")
}

fn render(cli: &Command, cmd: &Command, path: &[String], date: &str, lang: Lang) -> Vec<u8> {
    let name = page_name(path);
    let is_root = path.len() == 1;
    let words = &path[1..];
    let version = cli.get_version().unwrap_or_default();
    let mut r = Roff::new();
    r.control(
        "TH",
        [
            name.to_uppercase().as_str(),
            "1",
            date,
            &format!("dmp {version}"),
            &t(lang, "cli-man-manual"),
        ],
    );
    // Left-aligned and never hyphenated: options, paths and commands must read as typed.
    r.control("ad", ["l"]);
    r.control("nh", []);

    r.control("SH", [t(lang, "cli-man-name").as_str()]);
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    r.text([roman(format!("{name} - {about}"))]);

    r.control("SH", [t(lang, "cli-man-synopsis").as_str()]);
    synopsis(&mut r, cmd, path, lang);

    r.control("SH", [t(lang, "cli-man-description").as_str()]);
    if !is_root {
        let description = cmd
            .get_long_about()
            .or(cmd.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        paragraphs(&mut r, &description);
    } else {
        r.text([roman(t(lang, "cli-man-description-dmp"))]);
    }

    let own: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && (is_root || !a.is_global_set()))
        .collect();
    if !own.is_empty() {
        r.control("SH", [t(lang, "cli-man-options").as_str()]);
        for arg in own.iter().filter(|a| a.is_positional()) {
            option(&mut r, arg, words, lang);
        }
        for arg in own.iter().filter(|a| !a.is_positional()) {
            option(&mut r, arg, words, lang);
        }
    }
    if !is_root {
        r.control("SH", [t(lang, "cli-man-global-options").as_str()]);
        let mut line = with_inlines(
            lang,
            "cli-man-global-options-intro",
            "page",
            page_ref("dmp"),
        );
        let globals: Vec<&Arg> = cmd
            .get_arguments()
            .filter(|a| a.is_global_set() && !a.is_hide_set())
            .collect();
        for (i, arg) in globals.iter().enumerate() {
            if i > 0 {
                line.push(roman(", "));
            }
            line.extend(flag_with_value(arg));
        }
        line.push(roman("."));
        r.text(line);
    }

    if cmd.has_subcommands() {
        r.control("SH", [t(lang, "cli-man-commands").as_str()]);
        for (sub_path, sub) in leaves(cmd, path) {
            r.control("TP", []);
            r.text([bold(sub_path.join(" "))]);
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let stop = if about.ends_with(['.', '?', '!']) {
                ""
            } else {
                "."
            };
            let mut line = vec![roman(format!("{about}{stop} "))];
            line.extend(with_inlines(
                lang,
                "cli-man-see",
                "page",
                page_ref(&page_name(&sub_path)),
            ));
            r.text(line);
        }
    }

    let examples = examples(lang, &path.join(" "));
    if !examples.is_empty() {
        r.control("SH", [t(lang, "cli-man-examples").as_str()]);
        for (i, (what, line)) in examples.iter().enumerate() {
            if i > 0 {
                r.control("PP", []);
            }
            r.text([roman(what.as_str())]);
            r.control("PP", []);
            r.control("RS", ["4"]);
            r.text([bold(line.as_str())]);
            r.control("RE", []);
        }
    }

    if is_root {
        r.control("SH", [t(lang, "cli-man-files").as_str()]);
        for (i, file) in FILES.iter().enumerate() {
            r.control("TP", []);
            r.text([italic(*file)]);
            r.text([roman(t(lang, &format!("cli-man-file-{}", i + 1)))]);
        }

        r.control("SH", [t(lang, "cli-man-environment").as_str()]);
        for arg in cli.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(var) = arg.get_env() {
                r.control("TP", []);
                r.text([bold(var.to_string_lossy().into_owned())]);
                r.text(with_inlines(
                    lang,
                    "cli-man-env-default-of",
                    "option",
                    flag_with_value(arg),
                ));
            }
        }
        for (i, var) in ENVIRONMENT.iter().enumerate() {
            r.control("TP", []);
            let var = if var.starts_with("the variable") {
                t(lang, &format!("cli-man-env-{}-name", i + 1))
            } else {
                var.to_string()
            };
            r.text([bold(var)]);
            r.text([roman(t(lang, &format!("cli-man-env-{}", i + 1)))]);
        }
    }

    r.control("SH", [t(lang, "cli-man-exit-status").as_str()]);
    // One line per code, no blank line between them.
    r.control("PD", ["0"]);
    r.control("TP", []);
    r.text([bold("0")]);
    r.text([roman(t(lang, "cli-exit-success"))]);
    for kind in ErrorKind::ALL {
        r.control("TP", []);
        r.text([bold(kind.exit_code().to_string())]);
        r.text([roman(exit_code_description(lang, kind))]);
    }
    r.control("PD", []);

    r.control("SH", [t(lang, "cli-man-see-also").as_str()]);
    let mut refs: Vec<String> = Vec::new();
    if !is_root {
        refs.push("dmp".to_string());
        if path.len() > 2 {
            refs.push(page_name(&path[..path.len() - 1]));
        }
    }
    refs.extend(visible_subcommands(cmd).map(|s| format!("{name}-{}", s.get_name())));
    refs.dedup();
    let mut line = Vec::new();
    for (i, page) in refs.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.extend(page_ref(page));
    }
    r.text(line);

    r.render().into_bytes()
}

/// `dmp docs list --ins INS [--status STATUS]... [GLOBAL OPTIONS]`; a command that has
/// subcommands: `dmp docs [GLOBAL OPTIONS] COMMAND`.
fn synopsis(r: &mut Roff, cmd: &Command, path: &[String], lang: Lang) {
    let is_root = path.len() == 1;
    let mut line = vec![bold(path.join(" "))];
    let args: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
        .filter(|a| {
            !matches!(
                a.get_action(),
                ArgAction::Help | ArgAction::HelpLong | ArgAction::Version
            )
        })
        .collect();
    for arg in args.iter().filter(|a| !a.is_positional()) {
        line.push(roman(" "));
        let required = arg.is_required_set();
        if !required {
            line.push(roman("["));
        }
        line.extend(flag_with_value(arg));
        if !required {
            line.push(roman("]"));
        }
        if repeats(arg) {
            line.push(roman("..."));
        }
    }
    for arg in args.iter().filter(|a| a.is_positional()) {
        line.push(roman(" "));
        let placeholder = placeholder(arg);
        if arg.is_required_set() {
            line.push(italic(placeholder));
        } else {
            line.push(roman("["));
            line.push(italic(placeholder));
            line.push(roman("]"));
        }
    }
    line.push(roman(" ["));
    line.push(italic(t(
        lang,
        if is_root {
            "cli-man-synopsis-options"
        } else {
            "cli-man-synopsis-global-options"
        },
    )));
    line.push(roman("]"));
    if cmd.has_subcommands() {
        line.push(roman(" "));
        line.push(italic(t(lang, "cli-man-synopsis-command")));
    }
    r.text(line);
}

/// One option: `-o, --save-as FILE`, its help, its values, default and variable.
fn option(r: &mut Roff, arg: &Arg, words: &[String], lang: Lang) {
    r.control("TP", []);
    if arg.is_positional() {
        r.text([italic(placeholder(arg))]);
    } else {
        let mut head = Vec::new();
        if let Some(short) = arg.get_short() {
            head.push(bold(format!("-{short}")));
            if arg.get_long().is_some() {
                head.push(roman(", "));
            }
        }
        if let Some(long) = arg.get_long() {
            head.push(bold(format!("--{long}")));
        }
        head.extend(value_of(arg));
        r.text(head);
    }
    let help = match arg.get_id().as_str() {
        "help" => t(lang, "cli-arg-help-long"),
        "version" => t(lang, "cli-arg-version"),
        _ => arg_text(lang, words, arg),
    };
    paragraphs(r, &help);
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if values.iter().all(|v| v.get_help().is_none()) && takes_value(arg) && !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        r.control("IP", []);
        r.text([roman(format_in(
            lang,
            "cli-man-values",
            &[("values", FArg::from(names.join(", ")))],
        ))]);
    } else if !values.is_empty() && takes_value(arg) {
        r.control("RS", []);
        for v in values {
            r.control("TP", []);
            r.text([bold(v.get_name().to_string())]);
            if let Some(help) = v.get_help() {
                r.text([roman(help.to_string())]);
            }
        }
        r.control("RE", []);
    }
    let mut notes = Vec::new();
    if takes_value(arg) {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            notes.push(roman(format_in(
                lang,
                "cli-man-default",
                &[("value", FArg::from(defaults.join(", ")))],
            )));
        }
    }
    if let Some(var) = arg.get_env() {
        if !notes.is_empty() {
            notes.push(roman(" "));
        }
        notes.extend(with_inlines(
            lang,
            "cli-man-env-note",
            "var",
            vec![bold(var.to_string_lossy().into_owned())],
        ));
    }
    if !notes.is_empty() {
        r.control("IP", []);
        r.text(notes);
    }
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_num_args().is_some_and(|n| n.takes_values())
}

fn repeats(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Append | ArgAction::Count)
}

fn placeholder(arg: &Arg) -> String {
    match arg.get_value_names() {
        Some(names) => names
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().as_str().to_uppercase(),
    }
}

/// ` VALUE`, or ` [VALUE]` when the value may be left out.
fn value_of(arg: &Arg) -> Vec<Inline> {
    let Some(range) = arg.get_num_args().filter(|n| n.takes_values()) else {
        return Vec::new();
    };
    if range.min_values() == 0 {
        vec![roman(" ["), italic(placeholder(arg)), roman("]")]
    } else {
        vec![roman(" "), italic(placeholder(arg))]
    }
}

/// `--reader NAME` (the long form where there is one).
fn flag_with_value(arg: &Arg) -> Vec<Inline> {
    let mut out = match (arg.get_long(), arg.get_short()) {
        (Some(long), _) => vec![bold(format!("--{long}"))],
        (None, Some(short)) => vec![bold(format!("-{short}"))],
        (None, None) => vec![italic(placeholder(arg))],
    };
    out.extend(value_of(arg));
    out
}

fn page_ref(page: &str) -> Vec<Inline> {
    vec![bold(page.to_string()), roman("(1)")]
}

/// Every command under `cmd` that has no subcommands, with its words.
fn leaves<'a>(cmd: &'a Command, path: &[String]) -> Vec<(Vec<String>, &'a Command)> {
    let mut out = Vec::new();
    for sub in visible_subcommands(cmd) {
        let mut p = path.to_vec();
        p.push(sub.get_name().to_string());
        if sub.has_subcommands() {
            out.extend(leaves(sub, &p));
        } else {
            out.push((p, sub));
        }
    }
    out
}

/// Text whose blank lines separate paragraphs.
fn paragraphs(r: &mut Roff, text: &str) {
    for (i, para) in text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .enumerate()
    {
        if i > 0 {
            r.control("IP", []);
        }
        r.text([roman(para.trim().to_string())]);
    }
}

/// The date on the `.TH` line of a page.
fn date_of(page: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(page).ok()?;
    let th = text.lines().find(|l| l.starts_with(".TH "))?;
    th.split(' ').nth(3).map(str::to_string)
}

fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::localise::EXAMPLES;

    /// Splits an example the way a shell would, for the simple quoting the examples use.
    fn words(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ' ' if !quoted => {
                    if !cur.is_empty() {
                        out.push(std::mem::take(&mut cur));
                    }
                }
                _ => cur.push(c),
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    #[test]
    fn every_example_is_a_valid_command_line_of_its_page() {
        let paths: Vec<String> = command_paths().iter().map(|p| p.join(" ")).collect();
        for (page, line) in EXAMPLES {
            assert!(paths.contains(&page.to_string()), "no page {page}");
            // A pipe ends the dmp command.
            let argv = words(line.split(" | ").next().unwrap());
            if let Err(e) = crate::cli::parse_from(&argv) {
                panic!("example `{line}` does not parse: {e}");
            }
            let used: Vec<&str> = argv
                .iter()
                .map(String::as_str)
                .filter(|w| !w.starts_with('-'))
                .collect();
            for word in page.split(' ').skip(1) {
                assert!(
                    used.contains(&word),
                    "example `{line}` is not a `{page}` command"
                );
            }
        }
    }

    #[test]
    fn the_date_is_read_back() {
        let page = b".ie x\n.TH DMP\\-DOCS 1 2026-01-02 \"dmp 0.1.0\" \"User Commands\"\n";
        assert_eq!(date_of(page).as_deref(), Some("2026-01-02"));
    }
}
