//! Man pages and shell completions, generated from the clap definition and committed under
//! `man/` and `completions/`. `cargo run --example gen_docs` rewrites them; a test fails when
//! the committed files are stale.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::args::Cli;

/// Every generated file: (path relative to the project root, content).
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let cmd = Cli::command();
    man_pages(&cmd, "dmp", &mut files);
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "dmp", &mut buf);
        let name = match shell {
            Shell::Bash => "dmp.bash",
            Shell::Zsh => "_dmp",
            Shell::Fish => "dmp.fish",
            Shell::Elvish => "dmp.elv",
            _ => "_dmp.ps1",
        };
        files.push((format!("completions/{name}"), buf));
    }
    files
}

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .expect("rendering into memory cannot fail");
    files.push((format!("man/{name}.1"), buf));
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

/// Writes every generated file under `root`.
pub fn write_all(root: &Path) -> std::io::Result<()> {
    for (rel, content) in generated_files() {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, content)?;
    }
    Ok(())
}
