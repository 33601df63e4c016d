//! The man pages: `dmp(1)` and one page per command (`dmp-docs-list(1)`…), written with the
//! `roff` crate from the clap definition. What clap does not hold (examples, files, the
//! environment) is written here; the exit status comes from `ErrorKind::ALL`. A page refers
//! only to pages generated here.

use std::path::Path;

use clap::{Arg, ArgAction, Command, CommandFactory};
use roff::{bold, italic, roman, Inline, Roff};

use super::{command_paths, visible_subcommands};
use crate::cli::args::Cli;
use crate::error::ErrorKind;

/// Every page: (`man/<name>.1`, content). A page keeps the date written in the committed copy
/// under `root` while its text is unchanged, and takes today's date when its text changes (the
/// date of a man page is that of its last change).
pub fn pages(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut cli = Cli::command();
    cli.build();
    let today = today();
    command_paths()
        .into_iter()
        .map(|path| {
            let cmd = find(&cli, &path);
            let rel = format!("man/{}.1", path.join("-"));
            let committed = std::fs::read(root.join(&rel)).ok();
            let page = committed
                .as_deref()
                .and_then(date_of)
                .map(|date| render(&cli, cmd, &path, &date))
                .filter(|page| Some(page.as_slice()) == committed.as_deref())
                .unwrap_or_else(|| render(&cli, cmd, &path, &today));
            (rel, page)
        })
        .collect()
}

/// Examples shown on the pages: (command words, what it does, the command line). Each line is
/// parsed by the tests, so an example cannot outlive the options it shows.
pub const EXAMPLES: &[(&str, &str, &str)] = &[
    ("dmp", "Check the set-up (card reader, card, certificates, TLS to the DMP) and say how to fix what fails:", "dmp doctor"),
    ("dmp", "Use the sandbox's profile to see whether a patient has a DMP you may open:", "dmp --profile sandbox patient status --ins 280057505600117"),
    ("dmp", "List what was added to a patient's DMP since your last visit, as JSON:", "dmp --output json docs list --ins 280057505600117 --new-since-last-visit"),
    ("dmp", "Open a DMP in an emergency (\"bris de glace\"); the reason is kept in the audit journal:", "dmp --mode emergency --reason \"unconscious patient\" docs list --ins 280057505600117"),
    ("dmp", "Work unattended in indirect mode, with the structure certificate:", "dmp --credential structure --structure-cert /etc/dmp/structure.p12 --structure-cert-password-file /etc/dmp/structure.pass patients authorized"),
    ("dmp readers", "Wait up to 30 seconds for a card, then list the readers:", "dmp readers --wait 30"),
    ("dmp card info", "Read the certificates from the card again instead of the cache:", "dmp card info --no-cache"),
    ("dmp card verify-pin", "Verify the PIN held in an environment variable (never on the command line):", "dmp --pin-env CPS_PIN card verify-pin"),
    ("dmp doctor", "Check the set-up of the office profile, as JSON for a monitoring script:", "dmp --profile office --output json doctor"),
    ("dmp patient status", "Does the patient have a DMP, and may you open it?", "dmp patient status --ins 280057505600117"),
    ("dmp patient authorize", "Declare yourself authorized, from a script that obtained the patient's consent:", "dmp patient authorize --ins 280057505600117 --patient-consent"),
    ("dmp patient authorize", "Remove your authorization:", "dmp patient authorize --ins 280057505600117 --remove"),
    ("dmp patient professionals", "The professionals authorized on, or blocked from, the DMP:", "dmp patient professionals --ins 280057505600117"),
    ("dmp patients authorized", "The DMPs you were authorized on this year:", "dmp patients authorized --since 2026-01-01"),
    ("dmp docs list", "Every current document:", "dmp docs list --ins 280057505600117"),
    ("dmp docs list", "Biology reports (LOINC 11502-2) of 2025, obsolete versions included:", "dmp docs list --ins 280057505600117 --type 11502-2 --from 2025-01-01 --to 2025-12-31 --status approved --status deprecated"),
    ("dmp docs get", "Save a document, readable by you alone:", "dmp docs get --ins 280057505600117 1.2.250.1.999.9.1.1.1 -o report.xml"),
    ("dmp push", "Push a laboratory's night batch, two patients at a time, as JSON Lines events:", "dmp --output json push --batch /var/spool/lab/2025-11-20/manifest.csv --jobs 2"),
    ("dmp docs get", "Send it to another program:", "dmp docs get --ins 280057505600117 1.2.250.1.999.9.1.1.1 | xmllint --format -"),
    ("dmp docs replace", "Replace a report by its corrected version (a CDA carries its own patient):", "dmp docs replace 1.2.250.1.999.9.1.1.1 report-v2.xml"),
    ("dmp push", "Add a consultation report in PDF, masked to other professionals:", "dmp push report.pdf --ins 280057505600117 --type 11488-4 --title \"Consultation\" --masked"),
    ("dmp push", "Check two CDA lab reports and show what would be sent, sending nothing:", "dmp push --dry-run lab-1.xml lab-2.xml"),
    ("dmp docs mask", "Mask one of your documents to the other professionals:", "dmp docs mask --ins 280057505600117 1.2.250.1.999.9.1.1.3"),
    ("dmp docs show-to-patient", "Make a document visible to the patient once it was announced to them:", "dmp docs show-to-patient --ins 280057505600117 1.2.250.1.999.9.1.1.3"),
    ("dmp docs archive", "Archive an old document (dmp docs list --status archived still shows it):", "dmp docs archive --ins 280057505600117 1.2.250.1.999.9.1.1.5"),
    ("dmp docs delete", "Delete one of your documents from a script, without a question:", "dmp docs delete --ins 280057505600117 1.2.250.1.999.9.1.1.5 --yes"),
];

/// The files dmp reads and writes: (path, what it is).
const FILES: &[(&str, &str)] = &[
    ("$XDG_CONFIG_HOME/dmp/config.toml", "The configuration: named profiles (endpoint, trust anchors, reader, credential, the software's identity). Default ~/.config/dmp/config.toml; --config or DMP_CONFIG names another file. Unknown keys are errors. The README lists every key."),
    ("$XDG_CONFIG_HOME/dmp/profiles.d/*.toml", "More profiles, beside the configuration file, read in name order; a profile of the configuration file wins over one of the same name here. dmp-sandbox serve writes profiles.d/sandbox.toml."),
    ("$XDG_DATA_HOME/dmp/audit.sqlite3", "The audit journal: one record per action asked for, whatever its outcome (who, which patient, which transaction, mode and reason, result). Default ~/.local/share/dmp/audit.sqlite3. It names patients: keep it private."),
    ("$XDG_CACHE_HOME/dmp/cards/", "The certificates read from each card, by card serial, so that a command need not read them again. Default ~/.cache/dmp/cards/; safe to delete."),
    ("/usr/lib/libcps3_pkcs11.so, /usr/local/lib/libcps3_pkcs11.so", "The ANS Cryptolib CPS PKCS#11 module, where its installers put it: the module of --credential pkcs11 when neither --pkcs11-module nor pkcs11_module names one (the first that exists)."),
    ("$XDG_STATE_HOME/dmp/batches/", "The state of each push --batch, one SQLite file per batch (named after the SHA-256 of the manifest's or directory's canonical path and content) and its lock: each document's uniqueId, fixed before it is first sent, and where it stands. It lets a batch stopped at any point run again with no document sent twice and none forgotten; an edited manifest is a new batch. Default ~/.local/state/dmp/batches/, mode 0700. It names patients: keep it private; delete a batch's files only once it is complete."),
    ("$XDG_STATE_HOME/dmp/last-visits.json", "The last-visit markers of docs list --new-since-last-visit, per practitioner and patient, mode 0600. Default ~/.local/state/dmp/last-visits.json (the data directory where there is no state directory). Delete it to see everything as new."),
];

/// Environment variables dmp reads, besides the `env` of its options (listed from clap).
const ENVIRONMENT: &[(&str, &str)] = &[
    ("XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, HOME", "Where the files above live (see FILES)."),
    ("DMP_LOG", "Log filter for stderr, in the tracing EnvFilter syntax (for example dmp=debug); it replaces what -v and -q choose. A PIN is never logged."),
    ("NO_COLOR", "When set and not empty, logs are not coloured (they are coloured only when stderr is a terminal)."),
    ("COLUMNS", "When set to a number, the width text tables are fitted to (and help is wrapped to); otherwise the terminal's width, or 100 columns when standard output is not a terminal. Identifier columns (unique ids, INS, national and structure ids) never wrap; tables are never narrower than 40 columns."),
    ("the variable named by --pin-env VAR", "The card PIN, for unattended use; never give a PIN on the command line."),
    ("the variable named by --structure-cert-password-env VAR", "The password of the structure certificate (indirect mode)."),
    ("DMP_TEST_KILL_AT", "A test hook, for the project's tests only: POINT:N makes push --batch kill itself with SIGKILL the N-th time it reaches POINT (before-save, before-send, after-answer, after-save)."),
    ("BROWSER", "The browser dmp patient history-url --open starts (the first command of this colon-separated list that exists), before xdg-open."),
    ("USERNAME, COMPUTERNAME", "On Windows only: the user and machine names recorded in each audit journal entry (on Unix, the account of the process and the host name)."),
    ("PCSCLITE_CSOCK_NAME", "Read by the PC/SC library: the socket of pcscd, when it is not the default /run/pcscd/pcscd.comm."),
    ("DMP_COMPLETE", "Set by the shell completion scripts: dmp then prints completions for the words after -- and does nothing else. DMP_COMPLETE=bash dmp (or zsh, fish, powershell, elvish) prints the script to load."),
];

fn find<'a>(root: &'a Command, path: &[String]) -> &'a Command {
    path[1..].iter().fold(root, |cmd, name| {
        cmd.find_subcommand(name)
            .unwrap_or_else(|| panic!("no command {path:?}"))
    })
}

fn page_name(path: &[String]) -> String {
    path.join("-")
}

fn render(cli: &Command, cmd: &Command, path: &[String], date: &str) -> Vec<u8> {
    let name = page_name(path);
    let is_root = path.len() == 1;
    let version = cli.get_version().unwrap_or_default();
    let mut r = Roff::new();
    r.control(
        "TH",
        [
            name.to_uppercase().as_str(),
            "1",
            date,
            &format!("dmp {version}"),
            "User Commands",
        ],
    );
    // Left-aligned and never hyphenated: options, paths and commands must read as typed.
    r.control("ad", ["l"]);
    r.control("nh", []);

    r.control("SH", ["NAME"]);
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    r.text([roman(format!("{name} - {about}"))]);

    r.control("SH", ["SYNOPSIS"]);
    synopsis(&mut r, cmd, path);

    r.control("SH", ["DESCRIPTION"]);
    if !is_root {
        let description = cmd
            .get_long_about()
            .or(cmd.get_about())
            .map(|a| a.to_string())
            .unwrap_or_default();
        paragraphs(&mut r, &description);
    } else {
        r.text([roman(
            "dmp reads the practitioner's CPS card through a PC/SC reader (pcscd), opens a \
             mutual-TLS session signed by the card (or, in indirect mode, by a structure \
             certificate), and speaks the DMP interface for practice software: SOAP 1.2, \
             IHE XDS.b and the VIHF assertion. The consent and rights rules are applied before \
             anything is sent, and every action leaves a record in the audit journal.",
        )]);
    }

    let own: Vec<&Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && (is_root || !a.is_global_set()))
        .collect();
    if !own.is_empty() {
        r.control("SH", ["OPTIONS"]);
        for arg in own.iter().filter(|a| a.is_positional()) {
            option(&mut r, arg);
        }
        for arg in own.iter().filter(|a| !a.is_positional()) {
            option(&mut r, arg);
        }
    }
    if !is_root {
        r.control("SH", ["GLOBAL OPTIONS"]);
        let mut line = vec![roman("Every command also accepts the options of ")];
        line.extend(page_ref("dmp"));
        line.push(roman(": "));
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
        r.control("SH", ["COMMANDS"]);
        for (sub_path, sub) in leaves(cmd, path) {
            r.control("TP", []);
            r.text([bold(sub_path.join(" "))]);
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let stop = if about.ends_with(['.', '?', '!']) {
                ""
            } else {
                "."
            };
            let mut line = vec![roman(format!("{about}{stop} See "))];
            line.extend(page_ref(&page_name(&sub_path)));
            line.push(roman("."));
            r.text(line);
        }
    }

    let examples: Vec<_> = EXAMPLES
        .iter()
        .filter(|(page, _, _)| *page == path.join(" "))
        .collect();
    if !examples.is_empty() {
        r.control("SH", ["EXAMPLES"]);
        for (i, (_, what, line)) in examples.iter().enumerate() {
            if i > 0 {
                r.control("PP", []);
            }
            r.text([roman(*what)]);
            r.control("PP", []);
            r.control("RS", ["4"]);
            r.text([bold(*line)]);
            r.control("RE", []);
        }
    }

    if is_root {
        r.control("SH", ["FILES"]);
        for (file, what) in FILES {
            r.control("TP", []);
            r.text([italic(*file)]);
            r.text([roman(*what)]);
        }

        r.control("SH", ["ENVIRONMENT"]);
        for arg in cli.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(var) = arg.get_env() {
                r.control("TP", []);
                r.text([bold(var.to_string_lossy().into_owned())]);
                let mut line = vec![roman("The default of ")];
                line.extend(flag_with_value(arg));
                line.push(roman("."));
                r.text(line);
            }
        }
        for (var, what) in ENVIRONMENT {
            r.control("TP", []);
            r.text([bold(*var)]);
            r.text([roman(*what)]);
        }
    }

    r.control("SH", ["EXIT STATUS"]);
    // One line per code, no blank line between them.
    r.control("PD", ["0"]);
    r.control("TP", []);
    r.text([bold("0")]);
    r.text([roman("success")]);
    for kind in ErrorKind::ALL {
        r.control("TP", []);
        r.text([bold(kind.exit_code().to_string())]);
        r.text([roman(kind.describe())]);
    }
    r.control("PD", []);

    r.control("SH", ["SEE ALSO"]);
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
fn synopsis(r: &mut Roff, cmd: &Command, path: &[String]) {
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
    line.push(italic(if is_root { "OPTIONS" } else { "GLOBAL OPTIONS" }));
    line.push(roman("]"));
    if cmd.has_subcommands() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
    }
    r.text(line);
}

/// One option: `-o, --output-file FILE`, its help, its values, default and variable.
fn option(r: &mut Roff, arg: &Arg) {
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
    let help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    paragraphs(r, &help);
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|v| !v.is_hide_set())
        .collect();
    if values.iter().all(|v| v.get_help().is_none()) && takes_value(arg) && !values.is_empty() {
        let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
        r.control("IP", []);
        r.text([roman(format!("Values: {}.", names.join(", ")))]);
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
    if takes_value(arg) && !arg.is_hide_default_value_set() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            notes.push(roman(format!("Default: {}.", defaults.join(", "))));
        }
    }
    if let Some(var) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        if !notes.is_empty() {
            notes.push(roman(" "));
        }
        notes.push(roman("Environment: "));
        notes.push(bold(var.to_string_lossy().into_owned()));
        notes.push(roman("."));
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
    use clap::Parser;

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
        for (page, _, line) in EXAMPLES {
            assert!(paths.contains(&page.to_string()), "no page {page}");
            // A pipe ends the dmp command.
            let argv = words(line.split(" | ").next().unwrap());
            if let Err(e) = Cli::try_parse_from(&argv) {
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
