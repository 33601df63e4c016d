//! Everything generated from the clap definition and committed: the man pages (`man/`), the
//! shell completion scripts (`completions/`) and the `--help` of every command
//! (`tests/snapshots/help/`). `cargo run --example gen_docs` rewrites them; `tests/cli.rs`
//! fails when a committed file is stale, so a new command or flag cannot go undocumented.

mod man;

pub use super::localise::EXAMPLES;
pub use man::man_dir;

use std::path::Path;

use super::complete;
use crate::i18n::Lang;

/// Every generated file: (path relative to the project `root`, content), the man pages and
/// help snapshots of every language. The man pages keep the date of their committed copy
/// under `root` while their text does not change.
pub fn generated_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let run_lang = crate::i18n::lang();
    for lang in Lang::ALL {
        // The values' descriptions are read in the language of the run.
        crate::i18n::set_lang(lang);
        files.extend(man::pages(root, lang));
        for (path, text) in help_texts(lang) {
            files.push((
                format!("{}/{}.txt", snapshot_dir(lang), path.join("-")),
                text.into_bytes(),
            ));
        }
    }
    crate::i18n::set_lang(run_lang);
    for (shell, file) in complete::SHELLS {
        files.push((format!("completions/{file}"), complete::script(shell)));
    }
    files
}

/// Where the help snapshots of `lang` are: `tests/snapshots/help` for English,
/// `tests/snapshots/help/fr`…
pub fn snapshot_dir(lang: Lang) -> String {
    match lang {
        Lang::En => "tests/snapshots/help".to_string(),
        other => format!("tests/snapshots/help/{}", other.code()),
    }
}

/// Writes every generated file under `root`, leaving alone those already up to date; returns
/// the ones written.
pub fn write_all(root: &Path) -> std::io::Result<Vec<String>> {
    let mut written = Vec::new();
    for (rel, content) in generated_files(root) {
        let path = root.join(&rel);
        if std::fs::read(&path).is_ok_and(|old| old == content) {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, content)?;
        written.push(rel);
    }
    Ok(written)
}

/// The width `--help` wraps at when its output is not a terminal (clap's default maximum).
pub const HELP_WIDTH: usize = 100;

/// Every command's words (`["dmp"]`, `["dmp", "docs", "list"]`…), parents before children,
/// hidden commands and `help` left out.
pub fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in visible_subcommands(cmd) {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&super::command(), vec!["dmp".to_string()], &mut out);
    out
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// What `dmp … --help` prints for each command in `lang`, when not at a terminal: the very
/// text clap prints, obtained by parsing that command line.
fn help_texts(lang: Lang) -> Vec<(Vec<String>, String)> {
    command_paths()
        .into_iter()
        .map(|path| {
            let mut argv = path.clone();
            argv.push("--help".to_string());
            let err = super::command_in(lang)
                .term_width(HELP_WIDTH)
                .try_get_matches_from(&argv)
                .expect_err("--help stops the parsing");
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::DisplayHelp,
                "{argv:?} did not display the help"
            );
            (path, err.render().to_string())
        })
        .collect()
}
