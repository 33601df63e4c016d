//! The committed man pages read as man pages: `mandoc -T lint` finds nothing to warn about,
//! `man` renders them with the command's words in the synopsis and its values as placeholders,
//! every page they refer to exists, and the EXIT STATUS, FILES and ENVIRONMENT sections say
//! what the README and the code say.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

use dmp::i18n::Lang;

/// The pages of `lang`: `man/*.1` (English), `man/fr/*.1`…
fn pages_in(lang: Lang) -> Vec<PathBuf> {
    let dir = root().join(dmp::cli::generate::man_dir(lang));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "1"))
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no man page in {}", dir.display());
    pages
}

/// Every page of every language.
fn pages() -> Vec<PathBuf> {
    Lang::ALL.iter().flat_map(|l| pages_in(*l)).collect()
}

/// A section's heading in `lang`, as the pages write it.
fn heading(lang: Lang, key: &str) -> String {
    dmp::i18n::format_in(lang, key, &[])
}

/// The language of a page, from its folder.
fn lang_of(page: &Path) -> Lang {
    match page
        .parent()
        .and_then(|d| d.file_name())
        .and_then(|n| n.to_str())
    {
        Some("fr") => Lang::Fr,
        _ => Lang::En,
    }
}

/// The program, or a failure saying how to get it (scripts/test.sh installs both).
fn tool(program: &str, package: &str) -> Command {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|d| d.join(program).is_file());
    assert!(
        found,
        "`{program}` is not installed: scripts/test.sh installs it (Debian package {package})"
    );
    Command::new(program)
}

/// The page as `man` shows it, without formatting, on a wide terminal.
fn rendered(page: &Path) -> String {
    let out = tool("man", "man-db")
        .env("MANWIDTH", "200")
        .env("MAN_KEEP_FORMATTING", "")
        .env_remove("MANPAGER")
        .env_remove("PAGER")
        .arg("-l")
        .arg(page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "man -l {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Whatever bold or underline man-db still leaves (backspace overstrikes).
    let mut clean = String::new();
    for c in text.chars() {
        if c == '\u{8}' {
            clean.pop();
        } else {
            clean.push(c);
        }
    }
    clean
}

/// The lines of section `name` of a rendered page, trimmed, blank ones left out.
fn section(text: &str, name: &str) -> Vec<String> {
    let mut lines = text.lines().skip_while(|l| l.trim_end() != name);
    assert!(lines.next().is_some(), "no section {name}");
    lines
        .take_while(|l| l.is_empty() || l.starts_with(' '))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn headings(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty() && l.chars().next().unwrap().is_ascii_uppercase())
        .filter(|l| l.chars().all(|c| c.is_ascii_uppercase() || c == ' '))
        .map(str::to_string)
        .collect()
}

#[test]
fn mandoc_lint_finds_no_warning() {
    for page in pages() {
        let out = tool("mandoc", "mandoc")
            .args(["-T", "lint", "-W", "warning"])
            .arg(&page)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && report.trim().is_empty(),
            "mandoc -T lint {}:\n{report}",
            page.display()
        );
    }
}

#[test]
fn every_command_has_a_page_whose_synopsis_shows_its_words_and_placeholders() {
    for lang in Lang::ALL {
        for path in dmp::cli::generate::command_paths() {
            let file = root().join(format!(
                "{}/{}.1",
                dmp::cli::generate::man_dir(lang),
                path.join("-")
            ));
            assert!(file.is_file(), "no man page {}", file.display());
            let text = rendered(&file);
            let synopsis = section(&text, &heading(lang, "cli-man-synopsis")).join(" ");
            let words = path.join(" ");
            assert!(
                synopsis.starts_with(&words),
                "the synopsis of {} does not start with `{words}`: {synopsis}",
                file.display()
            );
            let mut want = vec![
                "cli-man-name",
                "cli-man-synopsis",
                "cli-man-description",
                "cli-man-exit-status",
                "cli-man-see-also",
            ];
            if path.len() == 1 {
                want.extend([
                    "cli-man-options",
                    "cli-man-commands",
                    "cli-man-examples",
                    "cli-man-files",
                    "cli-man-environment",
                ]);
            } else {
                want.push("cli-man-global-options");
            }
            let have = headings(&text);
            for w in want {
                let w = heading(lang, w);
                assert!(
                    have.contains(&w),
                    "{}: no {w} section in {have:?}",
                    file.display()
                );
            }
        }
    }
    // The French pages have the French sections.
    let text = rendered(&root().join("man/fr/dmp.1"));
    for h in [
        "NOM",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "EXEMPLES",
        "FICHIERS",
        "ENVIRONNEMENT",
        "CODES DE SORTIE",
        "VOIR AUSSI",
    ] {
        assert!(
            headings(&text).iter().any(|x| x == h),
            "man/fr/dmp.1: no {h}"
        );
    }
    let text = rendered(&root().join("man/fr/dmp-docs-get.1"));
    assert!(headings(&text).iter().any(|x| x == "OPTIONS GLOBALES"));
    assert!(text.contains("Enregistrer un document"), "{text}");
    // Values are shown by their placeholder.
    let text = rendered(&root().join("man/dmp-docs-list.1"));
    let synopsis = section(&text, "SYNOPSIS").join(" ");
    for shown in [
        "--ins INS",
        "[--status STATUS]...",
        "[--from DATE]",
        "[--new-since-last-visit]",
    ] {
        assert!(
            synopsis.contains(shown),
            "`{shown}` missing from: {synopsis}"
        );
    }
    let text = rendered(&root().join("man/dmp-docs-get.1"));
    let synopsis = section(&text, "SYNOPSIS").join(" ");
    assert!(synopsis.contains("UNIQUE_ID"), "{synopsis}");
    let text = rendered(&root().join("man/dmp-readers.1"));
    assert!(section(&text, "SYNOPSIS")
        .join(" ")
        .contains("[--wait [SECONDS]]"));
}

#[test]
fn every_page_referred_to_exists() {
    let existing: Vec<String> = pages()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for page in pages() {
        let text = rendered(&page);
        let mut refs = 0;
        // NAME(1): a name of lower-case letters, digits and dashes, then a section in brackets.
        for (i, _) in text.match_indices("(1)") {
            let name: String = text[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if name.is_empty() {
                continue;
            }
            refs += 1;
            assert!(
                existing.contains(&format!("{name}.1")),
                "{} refers to {name}(1), which is not generated",
                page.display()
            );
        }
        for section_number in 2..=9 {
            assert!(
                !text.contains(&format!("({section_number})")),
                "{} refers to a page of section {section_number}, which the project does not ship",
                page.display()
            );
        }
        assert!(refs > 0, "{} refers to no other page", page.display());
    }
}

/// The README's exit-code table and the EXIT STATUS of dmp(1) list the same codes.
#[test]
fn exit_status_lists_the_readme_exit_codes() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = readme
        .split("## Exit codes")
        .nth(1)
        .expect("README has an Exit codes section");
    let readme_codes: Vec<String> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .filter_map(|l| l.split('|').nth(1).map(|c| c.trim().to_string()))
        .filter(|c| c.chars().all(|d| d.is_ascii_digit()) && !c.is_empty())
        .collect();
    assert!(readme_codes.len() > 10, "{readme_codes:?}");
    for page in pages() {
        let text = rendered(&page);
        let codes: Vec<String> = section(&text, &heading(lang_of(&page), "cli-man-exit-status"))
            .iter()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.chars().all(|d| d.is_ascii_digit()))
            .map(str::to_string)
            .collect();
        assert_eq!(codes, readme_codes, "{}", page.display());
    }
}

/// FILES names the paths the code reads and writes (with the XDG variables as the code uses
/// them), and ENVIRONMENT every variable the code reads.
#[test]
fn files_and_environment_say_what_the_code_uses() {
    let text = rendered(&root().join("man/dmp.1"));
    let files = section(&text, "FILES").join(" ");
    // The code's defaults, with each XDG variable set to its own name.
    for var in [
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
    ] {
        std::env::set_var(var, format!("/${var}"));
    }
    let shown = |p: PathBuf| p.to_string_lossy().trim_start_matches('/').to_string();
    let config = dmp::config::Config::default_path().unwrap();
    let profiles_d = config.parent().unwrap().join("profiles.d/*.toml");
    let cache = dmp::credential::card::cache::CertCache::default_dir().unwrap();
    let visits = dmp::journal::last_visits::LastVisits::default_path().unwrap();
    let journal_dir = dmp::journal::Journal::default_path()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    for path in [config, profiles_d, cache, visits, journal_dir] {
        let path = shown(path);
        assert!(files.contains(&path), "FILES does not name {path}: {files}");
    }

    let environment = section(&text, "ENVIRONMENT").join(" ");
    for var in variables_read_by(&root().join("src")) {
        assert!(
            environment.contains(&var),
            "the code reads {var}, which ENVIRONMENT does not name (src/cli/generate/man.rs)"
        );
    }
}

/// The names of the environment variables the code reads by name: `var("NAME")`,
/// `var_os("NAME")`, `try_from_env("NAME")`, and clap's `env = "NAME"`. Names starting with
/// `_` belong to a protocol between two of our own programs.
fn variables_read_by(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(variables_read_by(&path));
            continue;
        }
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let code = std::fs::read_to_string(&path).unwrap();
        for opener in ["var(\"", "var_os(\"", "try_from_env(\"", "env = \""] {
            for (i, _) in code.match_indices(opener) {
                let name: String = code[i + opener.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if !name.is_empty() && !name.starts_with('_') && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}
