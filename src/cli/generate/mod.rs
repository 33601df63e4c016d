//! Everything generated from the clap definition and committed: the man pages (`man/`), the
//! shell completion scripts (`completions/`) and the `--help` of every command
//! (`tests/snapshots/help/`). `cargo run --example gen_docs` rewrites them; `tests/cli.rs`
//! fails when a committed file is stale, so a new command or flag cannot go undocumented.

mod man;

pub use man::EXAMPLES;

use std::path::Path;

use clap::CommandFactory;

use super::args::Cli;
use super::complete;

/// Every generated file: (path relative to the project `root`, content). The man pages keep
/// the date of their committed copy under `root` while their text does not change.
pub fn generated_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = man::pages(root);
    for (shell, file) in complete::SHELLS {
        files.push((format!("completions/{file}"), complete::script(shell)));
    }
    for (path, text) in help_texts() {
        files.push((
            format!("tests/snapshots/help/{}.txt", path.join("-")),
            text.into_bytes(),
        ));
    }
    files
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
    walk(&Cli::command(), vec!["dmp".to_string()], &mut out);
    out
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// What `dmp … --help` prints for each command, when not at a terminal: the very text clap
/// prints, obtained by parsing that command line.
fn help_texts() -> Vec<(Vec<String>, String)> {
    command_paths()
        .into_iter()
        .map(|path| {
            let mut argv = path.clone();
            argv.push("--help".to_string());
            let err = Cli::command()
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
