//! Where the PIN comes from: the reader's PIN pad when it has one (unless `--no-pinpad`), else a
//! prompt at a terminal (which shows the tries left first), `--pin-file`, `--pin-stdin` or
//! `--pin-env`. Never argv. The PIN lives in a zeroizing buffer
//! and is never logged. The last remaining try is refused unless a person confirms at a
//! terminal.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use zeroize::Zeroizing;

use super::args::GlobalArgs;
use crate::error::{Error, Result};

/// How the PIN will be obtained.
#[derive(Debug, Clone)]
pub enum PinSource {
    File(std::path::PathBuf),
    Stdin,
    Env(String),
    Prompt,
}

impl PinSource {
    /// The source chosen on the command line; the prompt when none was and a terminal is there.
    pub fn from_args(g: &GlobalArgs) -> Result<PinSource> {
        if let Some(f) = &g.pin_file {
            return Ok(PinSource::File(f.clone()));
        }
        if g.pin_stdin {
            return Ok(PinSource::Stdin);
        }
        if let Some(v) = &g.pin_env {
            return Ok(PinSource::Env(v.clone()));
        }
        if interactive() {
            return Ok(PinSource::Prompt);
        }
        Err(
            Error::pin("a PIN is needed and there is no terminal to ask for it")
                .with_hint("give it with --pin-file FILE, --pin-stdin or --pin-env VAR"),
        )
    }

    /// Reads the PIN. `tries_left` is shown in the prompt.
    pub fn read(&self, tries_left: u8) -> Result<Zeroizing<String>> {
        let pin = match self {
            PinSource::File(path) => read_file(path)?,
            PinSource::Stdin => {
                let mut line = Zeroizing::new(String::new());
                std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                    Error::pin(format!("cannot read the PIN from standard input: {e}"))
                })?;
                first_line(&line)
            }
            PinSource::Env(var) => match std::env::var(var) {
                Ok(v) => Zeroizing::new(v.trim_end_matches(['\r', '\n']).to_string()),
                Err(_) => {
                    return Err(Error::pin(format!(
                        "the environment variable {var} (--pin-env) is not set"
                    ))
                    .with_hint("export it before running dmp, or choose another PIN source"))
                }
            },
            PinSource::Prompt => {
                let p = dialoguer::Password::new()
                    .with_prompt(format!(
                        "PIN of the CPS card ({tries_left} {} left)",
                        if tries_left == 1 { "try" } else { "tries" }
                    ))
                    .allow_empty_password(true)
                    .interact()
                    .map_err(|e| prompt_error(e, Error::pin("cannot read the PIN")))?;
                Zeroizing::new(p)
            }
        };
        if pin.is_empty() {
            return Err(Error::pin("the PIN is empty; nothing was sent to the card")
                .with_hint("the PIN is the 4-digit code of the CPS card"));
        }
        Ok(pin)
    }
}

/// The PIN is typed on the reader's pad: say so (on stderr, where prompts go), with the tries
/// left, and that a PIN source given on the command line is not read.
pub fn pad_prompt(g: &GlobalArgs, tries_left: u8) -> Result<()> {
    eprintln!("{}", pad_prompt_text(g, tries_left));
    Ok(())
}

fn pad_prompt_text(g: &GlobalArgs, tries_left: u8) -> String {
    let mut text = format!(
        "Type the PIN of the CPS card on the reader's PIN pad, then press its OK key ({tries_left} {} left; {} s).",
        if tries_left == 1 { "try" } else { "tries" },
        crate::credential::card::pinpad::ENTRY_TIMEOUT_SECONDS
    );
    let given = if g.pin_file.is_some() {
        Some("--pin-file")
    } else if g.pin_stdin {
        Some("--pin-stdin")
    } else if g.pin_env.is_some() {
        Some("--pin-env")
    } else {
        None
    };
    if let Some(flag) = given {
        text.push_str(&format!(
            "\nThe PIN of {flag} is not used on a PIN-pad reader (add --no-pinpad to use it)."
        ));
    }
    text
}

/// Before spending the last try: a person at a terminal must confirm; a script is refused.
pub fn confirm_last_try() -> Result<()> {
    let refused = || {
        Error::pin("only one PIN try is left: a wrong PIN would block the card, so dmp will not try it unattended")
            .with_hint("run the command at a terminal and confirm, or unblock/renew the card")
    };
    if !interactive() {
        return Err(refused());
    }
    let ok = dialoguer::Confirm::new()
        .with_prompt("Only ONE PIN try is left: a wrong PIN blocks the card. Enter the PIN?")
        .default(false)
        .interact()
        .map_err(|e| prompt_error(e, Error::pin("cannot ask for confirmation")))?;
    if ok {
        Ok(())
    } else {
        Err(refused())
    }
}

/// A prompt that failed. Ctrl-C at it is an interruption (exit 130), not a failure of `other`'s
/// kind; either way the cursor the prompt hid is shown again.
pub(crate) fn prompt_error(e: dialoguer::Error, other: Error) -> Error {
    let _ = dialoguer::console::Term::stderr().show_cursor();
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        Error::new(crate::ErrorKind::Interrupted, "interrupted (Ctrl-C)")
    } else {
        let message = format!("{}: {io}", other.message());
        Error::new(other.kind(), message).with_source(io)
    }
}

/// A person is there: both standard input and standard error are terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn read_file(path: &Path) -> Result<Zeroizing<String>> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
        Error::pin(format!("cannot read the PIN file {}: {e}", path.display()))
            .with_hint("check the --pin-file path and its permissions")
    })?);
    warn_if_readable_by_others(path);
    Ok(first_line(&text))
}

fn first_line(s: &str) -> Zeroizing<String> {
    Zeroizing::new(s.lines().next().unwrap_or("").trim().to_string())
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(m) = std::fs::metadata(path) {
        if m.permissions().mode() & 0o077 != 0 {
            tracing::warn!(
                "the PIN file {} can be read by other users: chmod 600 it",
                path.display()
            );
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_takes_the_first_line_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pin");
        std::fs::write(&p, "1234\nextra\n").unwrap();
        assert_eq!(read_file(&p).unwrap().as_str(), "1234");
    }

    #[test]
    fn missing_env_var_names_it_without_a_value() {
        let e = PinSource::Env("DMP_TEST_SURELY_UNSET_VAR".into())
            .read(3)
            .unwrap_err();
        assert!(e.message().contains("DMP_TEST_SURELY_UNSET_VAR"));
        assert_eq!(e.kind(), crate::ErrorKind::Pin);
    }

    #[test]
    fn the_pad_prompt_says_where_to_type_and_what_is_ignored() {
        use clap::Parser;
        let cli = crate::cli::args::Cli::try_parse_from(["dmp", "card", "verify-pin"]).unwrap();
        let t = pad_prompt_text(&cli.global, 2);
        assert!(
            t.contains("reader's PIN pad") && t.contains("2 tries left"),
            "{t}"
        );
        assert!(!t.contains("not used"), "{t}");
        let cli = crate::cli::args::Cli::try_parse_from([
            "dmp",
            "--pin-env",
            "DMP_PIN",
            "card",
            "verify-pin",
        ])
        .unwrap();
        let t = pad_prompt_text(&cli.global, 1);
        assert!(t.contains("1 try left"), "{t}");
        assert!(
            t.contains("--pin-env is not used") && t.contains("--no-pinpad"),
            "{t}"
        );
    }

    #[test]
    fn empty_pin_is_refused_before_the_card() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("pin");
        std::fs::write(&p, "\n").unwrap();
        let e = PinSource::File(p).read(3).unwrap_err();
        assert!(e.message().contains("empty"));
    }
}
