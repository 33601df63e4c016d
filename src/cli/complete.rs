//! Shell completion. The scripts in `completions/` are small: at each TAB they run
//! `DMP_COMPLETE=<shell> dmp -- <words>`, and `dmp` answers from its own clap definition
//! (clap_complete's `CompleteEnv`), so every command and flag completes as soon as it exists,
//! and so do the values no static script can know: the profiles of the configuration and the
//! readers pcscd sees. Completing reads the configuration files and lists the readers; it never
//! connects to a card, asks for a PIN or goes on the network.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::PathBuf;

use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use clap_complete::{CompleteEnv, CompletionCandidate};

use crate::config::Config;

/// The environment variable of the completion protocol. Not clap's default `COMPLETE`: a
/// variable of that common name left in someone's environment would turn every run of `dmp`
/// into a completion.
pub const VAR: &str = "DMP_COMPLETE";

/// The shells, each with the file name its script is committed under in `completions/`.
pub const SHELLS: [(&str, &str); 5] = [
    ("bash", "dmp.bash"),
    ("zsh", "_dmp"),
    ("fish", "dmp.fish"),
    ("powershell", "_dmp.ps1"),
    ("elvish", "dmp.elv"),
];

const ADAPTERS: Shells<'static> = Shells(&[&BashQuoted, &Elvish, &Fish, &Powershell, &ZshAutoload]);

/// When the shell asked for completions (`DMP_COMPLETE` is set), prints them and exits;
/// otherwise returns at once. Call it first thing in `main`.
pub fn run_if_requested() {
    CompleteEnv::with_factory(super::command)
        .var(VAR)
        .shells(ADAPTERS)
        .complete();
}

/// The registration script for `shell` (a name of [`SHELLS`]), calling `dmp` from the PATH.
pub fn script(shell: &str) -> Vec<u8> {
    let adapter = ADAPTERS
        .completer(shell)
        .unwrap_or_else(|| panic!("no completion adapter for {shell}"));
    let mut buf = Vec::new();
    adapter
        .write_registration(VAR, "dmp", "dmp", "dmp", &mut buf)
        .expect("writing into memory cannot fail");
    buf
}

/// `--profile`: the profiles of the configuration that the command line being completed would
/// read (`--config FILE` on it, else `DMP_CONFIG`, else the default file), profiles.d included.
pub fn profiles() -> Vec<CompletionCandidate> {
    let words: Vec<OsString> = std::env::args_os().collect();
    let path =
        config_in_words(&words).or_else(|| std::env::var_os("DMP_CONFIG").map(PathBuf::from));
    // A broken or missing file completes nothing; running the command says what is wrong.
    let Ok(config) = Config::load(path.as_deref()) else {
        return Vec::new();
    };
    config
        .profiles
        .iter()
        .map(|(name, profile)| {
            let help = if config.default_profile.as_deref() == Some(name.as_str()) {
                Some(crate::tr!("cli-complete-default-profile"))
            } else {
                profile.endpoint.clone()
            };
            CompletionCandidate::new(name).help(help.map(Into::into))
        })
        .collect()
}

/// `--reader`: the readers pcscd sees, saying which hold a card. Nothing when pcscd is not
/// running.
pub fn readers() -> Vec<CompletionCandidate> {
    let Ok(report) = crate::commands::readers::list(None) else {
        return Vec::new();
    };
    report
        .readers
        .into_iter()
        .map(|r| {
            let help = if r.card_present {
                crate::tr!("cli-complete-card-present")
            } else {
                crate::tr!("cli-complete-no-card")
            };
            CompletionCandidate::new(r.name).help(Some(help.into()))
        })
        .collect()
}

/// The `--config` of the words being completed (after the protocol's `--`), if any.
fn config_in_words(args: &[OsString]) -> Option<PathBuf> {
    let start = args.iter().position(|a| a == "--")? + 1;
    let words = &args[start..];
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        let s = w.to_string_lossy();
        if s == "--config" {
            found = words
                .get(i + 1)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from);
        } else if let Some(v) = s.strip_prefix("--config=") {
            found = Some(PathBuf::from(v));
        }
    }
    found
}

/// clap's bash adapter, with each candidate escaped as a bash word: bash inserts a candidate
/// as it is, and a reader name such as `Virtual PCD 00 00` would become four arguments.
struct BashQuoted;

impl EnvCompleter for BashQuoted {
    fn name(&self) -> &'static str {
        Bash.name()
    }
    fn is(&self, name: &str) -> bool {
        Bash.is(name)
    }
    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        Bash.write_registration(var, name, bin, completer, buf)
    }
    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        mut args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        // The word under the cursor comes as typed: `Virtual\ PCD` after a first TAB.
        let index: usize = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse().ok())
            .unwrap_or_default();
        if let Some(word) = args.get_mut(index) {
            *word = bash_unescape(word);
        }
        let mut raw = Vec::new();
        Bash.write_complete(cmd, args, current_dir, &mut raw)?;
        // clap separates the candidates with the IFS the script gave it.
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_string());
        let raw = String::from_utf8_lossy(&raw);
        let escaped: Vec<String> = raw
            .split(ifs.as_str())
            .filter(|c| !c.is_empty())
            .map(bash_escape)
            .collect();
        buf.write_all(escaped.join(&ifs).as_bytes())
    }
}

/// `s` as one bash word: a backslash before each character bash would otherwise read.
fn bash_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c.is_alphanumeric() || "_-./:=@,+%^".contains(c)) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The inverse of [`bash_escape`] for a word being typed (`Virtual\ P` → `Virtual P`).
fn bash_unescape(word: &OsStr) -> OsString {
    let s = word.to_string_lossy();
    if !s.contains('\\') {
        return word.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// clap's zsh adapter, plus what makes the script work when installed as `_dmp` in `$fpath`
/// (as Debian's `/usr/share/zsh/vendor-completions/` is): zsh then runs the file's body on the
/// first TAB, which only registers the completer for the next TAB; so the body also completes
/// once when it runs inside a completion (where `compstate` exists). Sourced, it only
/// registers.
struct ZshAutoload;

impl EnvCompleter for ZshAutoload {
    fn name(&self) -> &'static str {
        Zsh.name()
    }
    fn is(&self, name: &str) -> bool {
        Zsh.is(name)
    }
    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        Zsh.write_registration(var, name, bin, completer, buf)?;
        let function = format!("_clap_dynamic_completer_{}", name.replace('-', "_"));
        // A line of zsh, not a text for people.
        let line = format!("if (( ${{+compstate}} )); then {function} \"$@\"; fi\n");
        buf.write_all(line.as_bytes())
    }
    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        Zsh.write_complete(cmd, args, current_dir, buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<OsString> {
        s.iter().map(OsString::from).collect()
    }

    #[test]
    fn finds_the_config_of_the_line_being_completed() {
        let w = words(&["dmp", "--", "dmp", "--config", "/a.toml", "--profile", ""]);
        assert_eq!(config_in_words(&w), Some(PathBuf::from("/a.toml")));
        let w = words(&["dmp", "--", "dmp", "--config=/b.toml", "--profile", ""]);
        assert_eq!(config_in_words(&w), Some(PathBuf::from("/b.toml")));
        // `--config` itself being completed names no file yet.
        let w = words(&["dmp", "--", "dmp", "--config", ""]);
        assert_eq!(config_in_words(&w), None);
        // Without the protocol's `--`, these are not words being completed.
        assert_eq!(config_in_words(&words(&["dmp", "--config", "/c"])), None);
    }

    #[test]
    fn bash_words_round_trip() {
        assert_eq!(bash_escape("Virtual PCD 00 00"), r"Virtual\ PCD\ 00\ 00");
        assert_eq!(bash_escape("--output=json"), "--output=json");
        assert_eq!(bash_escape("it's"), r"it\'s");
        assert_eq!(
            bash_unescape(OsStr::new(r"Virtual\ P")),
            OsString::from("Virtual P")
        );
    }

    #[test]
    fn every_shell_has_an_adapter() {
        for (shell, _) in SHELLS {
            assert!(!script(shell).is_empty(), "{shell}");
        }
    }
}
