//! The clap `Command` in the run's language. `args.rs` holds the structure (commands, options,
//! value names, rules); every text a person reads in `--help`, the man pages and the
//! completions comes from the catalogue (`locales/<lang>/cli.ftl`), set here on the whole tree:
//!
//! - a command's about: `cli-cmd-<words>` (`cli-cmd-docs-list`; the root is `cli-cmd-dmp`), and
//!   its long about when there is one: `cli-cmd-<words>-long`;
//! - an argument's help: `cli-cmd-<words>-arg-<id>` when that command says it its own way, else
//!   `cli-arg-<id>` (the id with hyphens: `cli-arg-pin-file`); a long help: the same key + `-long`;
//! - a value's description: `cli-value-<arg id>-<value>` (`cli-value-output-json`);
//! - the examples of a command's long help and man page: `cli-example-<words>-<n>`, their command
//!   lines in [`EXAMPLES`];
//! - clap's own words (headings, `Usage:`, `[default: …]`, `-h`/`--help`, `-V`/`--version`, the
//!   `help` command): `cli-heading-*`, `cli-spec-*`, `cli-arg-help`, `cli-arg-version`,
//!   `cli-cmd-help`.
//!
//! clap's own rendering of defaults, possible values and variables is hidden, and ours appended
//! to each help, in the language of the run.

use std::ffi::OsString;
use std::marker::PhantomData;

use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::{Arg, ArgAction, Command, FromArgMatches, ValueEnum};

use super::args::Cli;
use crate::error::ErrorKind;
use crate::i18n::{format_in, has, Arg as FArg, Lang};

/// The examples of the long help and the man pages: (command words, command line). Their
/// descriptions are `cli-example-<words>-<n>` (n from 1, in this order, per command). Each line
/// is parsed by the tests, so an example cannot outlive the options it shows. `{reason}` is
/// replaced by `cli-example-reason` (a reason given on the command line is in the user's words).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("dmp", "dmp doctor"),
    ("dmp", "dmp --profile sandbox patient status --ins 280057505600117"),
    ("dmp", "dmp --output json docs list --ins 280057505600117 --new-since-last-visit"),
    ("dmp", "dmp --mode emergency --reason \"{reason}\" docs list --ins 280057505600117"),
    ("dmp", "dmp --credential structure --structure-cert /etc/dmp/structure.p12 --structure-cert-password-file /etc/dmp/structure.pass patients authorized"),
    ("dmp readers", "dmp readers --wait 30"),
    ("dmp card", "dmp card info"),
    ("dmp card info", "dmp card info --no-cache"),
    ("dmp card verify-pin", "dmp --pin-env CPS_PIN card verify-pin"),
    ("dmp doctor", "dmp --profile office --output json doctor"),
    ("dmp patient", "dmp patient status --ins 280057505600117"),
    ("dmp patient status", "dmp patient status --ins 280057505600117"),
    ("dmp patient authorize", "dmp patient authorize --ins 280057505600117 --patient-consent"),
    ("dmp patient authorize", "dmp patient authorize --ins 280057505600117 --remove"),
    ("dmp patient professionals", "dmp patient professionals --ins 280057505600117"),
    ("dmp patient history-url", "dmp patient history-url --ins 280057505600117 --open"),
    ("dmp patients", "dmp patients authorized --since 2026-01-01"),
    ("dmp patients authorized", "dmp patients authorized --since 2026-01-01"),
    ("dmp docs", "dmp docs list --ins 280057505600117"),
    ("dmp docs list", "dmp docs list --ins 280057505600117"),
    ("dmp docs list", "dmp docs list --ins 280057505600117 --type 11502-2 --from 2025-01-01 --to 2025-12-31 --status approved --status deprecated"),
    ("dmp docs get", "dmp docs get --ins 280057505600117 1.2.250.1.999.9.1.1.1 --save-as report.xml"),
    ("dmp docs get", "dmp docs get --ins 280057505600117 1.2.250.1.999.9.1.1.1 | xmllint --format -"),
    ("dmp docs replace", "dmp docs replace 1.2.250.1.999.9.1.1.1 report-v2.xml"),
    ("dmp docs mask", "dmp docs mask --ins 280057505600117 1.2.250.1.999.9.1.1.3"),
    ("dmp docs unmask", "dmp docs unmask --ins 280057505600117 1.2.250.1.999.9.1.1.3"),
    ("dmp docs show-to-patient", "dmp docs show-to-patient --ins 280057505600117 1.2.250.1.999.9.1.1.3"),
    ("dmp docs archive", "dmp docs archive --ins 280057505600117 1.2.250.1.999.9.1.1.5"),
    ("dmp docs unarchive", "dmp docs unarchive --ins 280057505600117 1.2.250.1.999.9.1.1.5"),
    ("dmp docs delete", "dmp docs delete --ins 280057505600117 1.2.250.1.999.9.1.1.5 --yes"),
    ("dmp push", "dmp push report.pdf --ins 280057505600117 --type 11488-4 --title \"Consultation\" --masked"),
    ("dmp push", "dmp push --dry-run lab-1.xml lab-2.xml"),
    ("dmp push", "dmp --output json push --batch /var/spool/lab/2025-11-20/manifest.csv --jobs 2"),
    ("dmp audit", "dmp audit verify"),
    ("dmp audit verify", "dmp audit verify"),
    ("dmp audit verify", "dmp audit verify --journal /var/backups/dmp/audit.sqlite3"),
    ("dmp audit forward", "dmp audit forward"),
    ("dmp report", "dmp --output csv report access --access-mode emergency --since 2026-01-01"),
    ("dmp report access", "dmp report access --ins 280057505600117 --summary practitioner"),
    ("dmp report access", "dmp report access --since 2026-01-01 --html accesses.html"),
    ("dmp report authorizations", "dmp --output csv report authorizations --ins 280057505600117"),
    ("dmp report patients", "dmp report patients --since 2026-01-01 --by document"),
];

/// The examples of the command `words` (`"dmp docs list"`) in `lang`: (what it does, line).
pub fn examples(lang: Lang, words: &str) -> Vec<(String, String)> {
    let reason = format_in(lang, "cli-example-reason", &[]);
    EXAMPLES
        .iter()
        .filter(|(page, _)| *page == words)
        .enumerate()
        .map(|(i, (page, line))| {
            let key = format!("cli-example-{}-{}", page.replace(' ', "-"), i + 1);
            (
                format_in(lang, &key, &[]),
                line.replace("{reason}", &reason),
            )
        })
        .collect()
}

/// The command line, localised in the language of the run ([`crate::i18n::lang`]).
pub fn command() -> Command {
    command_in(crate::i18n::lang())
}

/// Parses `args` (the program name first) with the localised [`command`].
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = command().try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// The command line with every text in `lang`.
pub fn command_in(lang: Lang) -> Command {
    localised(lang, &mut Vec::new())
}

/// The catalogue keys a command or an argument of the command line needs and `lang` lacks
/// (empty when every command and argument has its help).
pub fn missing_help(lang: Lang) -> Vec<String> {
    let mut missing = Vec::new();
    localised(lang, &mut missing);
    missing.sort();
    missing.dedup();
    missing
}

fn localised(lang: Lang, missing: &mut Vec<String>) -> Command {
    // The root's own -h and -V first: the "Options" heading then comes before the global
    // options (headings are shown in the order of their first argument).
    let root = Command::new("dmp")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_arg(lang))
        .arg(version_arg(lang));
    let root = <Cli as clap::Args>::augment_args(root);
    let root = root.mut_args(|a| {
        if a.is_global_set() {
            localise_arg(a, lang, &[], true, missing)
        } else {
            a
        }
    });
    let mut root = walk(root, lang, &[], missing);
    root.build();
    // clap adds the `help` command as it builds the tree.
    help_command(root, lang)
}

fn help_command(cmd: Command, lang: Lang) -> Command {
    if !cmd.has_subcommands() {
        return cmd;
    }
    let about = format_in(lang, "cli-cmd-help", &[]);
    cmd.mut_subcommands(|sub| {
        if sub.get_name() == "help" {
            sub.about(about.clone())
        } else {
            help_command(sub, lang)
        }
    })
}

fn help_arg(lang: Lang) -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(format_in(lang, "cli-arg-help", &[]))
        .long_help(format_in(lang, "cli-arg-help-long", &[]))
        .help_heading(format_in(lang, "cli-heading-options", &[]))
}

fn version_arg(lang: Lang) -> Arg {
    Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(format_in(lang, "cli-arg-version", &[]))
        .help_heading(format_in(lang, "cli-heading-options", &[]))
}

/// `cli-cmd-docs-list` for `["docs", "list"]`, `cli-cmd-dmp` for the root.
fn command_key(path: &[String]) -> String {
    if path.is_empty() {
        "cli-cmd-dmp".to_string()
    } else {
        format!("cli-cmd-{}", path.join("-"))
    }
}

fn walk(cmd: Command, lang: Lang, path: &[String], missing: &mut Vec<String>) -> Command {
    let key = command_key(path);
    let about = text(lang, &key, missing);
    let long_key = format!("{key}-long");
    let mut cmd = cmd
        .about(about)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            format_in(lang, "cli-heading-usage", &[])
        ))
        .subcommand_help_heading(format_in(lang, "cli-heading-commands", &[]))
        .disable_help_flag(true);
    if has(lang, &long_key) {
        cmd = cmd.long_about(format_in(lang, &long_key, &[]));
    }
    if !path.is_empty() {
        cmd = cmd.arg(help_arg(lang));
        cmd = cmd.mut_args(|a| {
            if a.get_id() == "help" {
                a
            } else {
                localise_arg(a, lang, path, false, missing)
            }
        });
    }
    cmd = cmd.after_long_help(after_long_help(lang, path));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut sub_path = path.to_vec();
        sub_path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |s| walk(s, lang, &sub_path, missing));
    }
    cmd
}

/// The examples (`--help` only) and, for the root, the exit codes.
fn after_long_help(lang: Lang, path: &[String]) -> String {
    let words = std::iter::once("dmp".to_string())
        .chain(path.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let mut s = String::new();
    let examples = examples(lang, &words);
    if !examples.is_empty() {
        s.push_str(&format_in(lang, "cli-heading-examples", &[]));
        s.push('\n');
        for (what, line) in examples {
            s.push_str(&format!("  {what}\n      {line}\n"));
        }
    }
    if path.is_empty() {
        s.push('\n');
        s.push_str(&exit_codes(lang));
    }
    s.trim_end().to_string()
}

/// The exit-code table of `dmp --help`, and where the PIN comes from.
pub fn exit_codes(lang: Lang) -> String {
    let mut s = format_in(lang, "cli-heading-exit-codes", &[]);
    s.push('\n');
    s.push_str(&format!(
        "  0    {}\n",
        format_in(lang, "cli-exit-success", &[])
    ));
    for k in ErrorKind::ALL {
        s.push_str(&format!(
            "  {:<5}{}\n",
            k.exit_code(),
            exit_code_description(lang, k)
        ));
    }
    s.push('\n');
    s.push_str(&format_in(lang, "cli-pin-note", &[]));
    s
}

/// What an exit code means (`cli-exit-<kind>`).
pub fn exit_code_description(lang: Lang, kind: ErrorKind) -> String {
    format_in(
        lang,
        &format!("cli-exit-{}", kind.as_str().replace('_', "-")),
        &[],
    )
}

/// The catalogue key of the help of argument `id` of the command at `path`: its own, else the
/// generic one. A key neither language has is recorded in `missing` (and the generic returned).
fn arg_key(lang: Lang, path: &[String], id: &str, missing: &mut Vec<String>) -> String {
    let id = id.replace('_', "-");
    let own = format!("{}-arg-{id}", command_key(path));
    if has(lang, &own) {
        return own;
    }
    let generic = format!("cli-arg-{id}");
    if !has(lang, &generic) {
        missing.push(generic.clone());
    }
    generic
}

/// The help of `arg` of the command at `path` in `lang`, without its default, values or
/// variable (the man pages show those their own way).
pub fn arg_text(lang: Lang, path: &[String], arg: &Arg) -> String {
    let path = if arg.is_global_set() { &[] } else { path };
    let key = arg_key(lang, path, arg.get_id().as_str(), &mut Vec::new());
    let long = format!("{key}-long");
    if has(lang, &long) {
        format_in(lang, &long, &[])
    } else {
        format_in(lang, &key, &[])
    }
}

/// The heading of the options every command accepts.
pub fn global_heading(lang: Lang) -> String {
    format_in(lang, "cli-heading-global-options", &[])
}

fn text(lang: Lang, key: &str, missing: &mut Vec<String>) -> String {
    if !has(lang, key) {
        missing.push(key.to_string());
    }
    format_in(lang, key, &[])
}

fn localise_arg(
    arg: Arg,
    lang: Lang,
    path: &[String],
    global: bool,
    missing: &mut Vec<String>,
) -> Arg {
    let key = arg_key(lang, path, arg.get_id().as_str(), missing);
    let help = format_in(lang, &key, &[]);
    let long_key = format!("{key}-long");
    let long = if has(lang, &long_key) {
        format_in(lang, &long_key, &[])
    } else {
        help.clone()
    };
    let heading = if global {
        global_heading(lang)
    } else if arg.is_positional() {
        format_in(lang, "cli-heading-arguments", &[])
    } else {
        format_in(lang, "cli-heading-options", &[])
    };
    let takes_value = arg.get_action().takes_values();
    let mut specs = Vec::new();
    if let Some(var) = arg.get_env() {
        let value = std::env::var_os(var).unwrap_or_default();
        specs.push(format_in(
            lang,
            "cli-spec-env",
            &[
                ("name", FArg::from(var.to_string_lossy())),
                ("value", FArg::from(value.to_string_lossy())),
            ],
        ));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        specs.push(format_in(
            lang,
            "cli-spec-default",
            &[("value", FArg::from(defaults.join(" ")))],
        ));
    }
    let values: Vec<PossibleValue> = if takes_value {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    let names = values
        .iter()
        .map(|v| v.get_name())
        .collect::<Vec<_>>()
        .join(", ");
    let possible = format_in(
        lang,
        "cli-spec-possible-values",
        &[("values", FArg::from(names))],
    );
    let mut short = help;
    if !values.is_empty() {
        specs.push(possible.clone());
    }
    for s in &specs {
        short.push(' ');
        short.push_str(s);
    }
    let mut long = long;
    if values.iter().any(|v| v.get_help().is_some()) {
        specs.pop();
        let width = values.iter().map(|v| v.get_name().len()).max().unwrap_or(0);
        long.push_str("\n\n");
        long.push_str(&format_in(lang, "cli-spec-values-heading", &[]));
        for v in &values {
            long.push_str(&format!("\n- {}", v.get_name()));
            if let Some(h) = v.get_help() {
                let pad = width - v.get_name().len();
                long.push_str(&format!(": {:pad$}{h}", ""));
            }
        }
    }
    if !specs.is_empty() {
        long.push_str("\n\n");
        long.push_str(&specs.join("\n"));
    }
    let arg = arg.help(short).long_help(long).help_heading(heading);
    if takes_value {
        arg.hide_env(true)
            .hide_default_value(true)
            .hide_possible_values(true)
    } else {
        arg
    }
}

/// The parser of a value enum whose values are described in the catalogue
/// (`cli-value-<arg>-<value>`), in the language of the run: `--help`, the man pages and the
/// completions show them.
#[derive(Clone)]
pub struct Values<E> {
    arg: &'static str,
    enum_type: PhantomData<fn() -> E>,
}

impl<E> Values<E> {
    pub fn new(arg: &'static str) -> Self {
        Values {
            arg,
            enum_type: PhantomData,
        }
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Values<E> {
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<E, clap::Error> {
        EnumValueParser::<E>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let lang = crate::i18n::lang();
        Some(Box::new(
            E::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value)
                .map(move |v| {
                    let key = format!("cli-value-{}-{}", self.arg, v.get_name());
                    if has(lang, &key) {
                        let help = format_in(lang, &key, &[]);
                        v.help(help)
                    } else {
                        v
                    }
                }),
        ))
    }
}
