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
        Err(Error::pin(crate::tr!("pin-no-terminal")).with_hint(crate::tr!("pin-no-terminal-hint")))
    }

    /// Reads the PIN. `tries_left` is shown in the prompt.
    pub fn read(&self, tries_left: u8) -> Result<Zeroizing<String>> {
        let pin = match self {
            PinSource::File(path) => read_file(path)?,
            PinSource::Stdin => {
                let mut line = Zeroizing::new(String::new());
                std::io::stdin().lock().read_line(&mut line).map_err(|e| {
                    Error::pin(crate::tr!("pin-stdin-error", error = e.to_string()))
                })?;
                first_line(&line)
            }
            PinSource::Env(var) => match std::env::var(var) {
                Ok(v) => Zeroizing::new(v.trim_end_matches(['\r', '\n']).to_string()),
                Err(_) => {
                    return Err(Error::pin(crate::tr!("pin-env-unset", var = var))
                        .with_hint(crate::tr!("pin-env-unset-hint")))
                }
            },
            PinSource::Prompt => {
                // The spinner stays hidden while the PIN is typed.
                let p = crate::progress::suspend(|| {
                    dialoguer::Password::with_theme(&PinTheme)
                        .with_prompt(crate::tr!("pin-prompt", tries = tries_left))
                        .allow_empty_password(true)
                        .interact()
                })
                .map_err(|e| prompt_error(e, Error::pin(crate::tr!("pin-read-error"))))?;
                Zeroizing::new(p)
            }
        };
        if pin.is_empty() {
            return Err(Error::pin(crate::tr!("pin-empty")).with_hint(crate::tr!("pin-empty-hint")));
        }
        Ok(pin)
    }
}

/// dialoguer's plain theme, with what replaces a typed PIN ("[hidden]") and the yes/no of a
/// question in the run's language.
pub(crate) struct PinTheme;

impl dialoguer::theme::Theme for PinTheme {
    fn format_password_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
    ) -> std::fmt::Result {
        self.format_input_prompt_selection(f, prompt, &crate::tr!("pin-hidden"))
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> std::fmt::Result {
        let answer = match selection {
            Some(true) => crate::tr!("pin-answer-yes"),
            Some(false) => crate::tr!("pin-answer-no"),
            None => String::new(),
        };
        if prompt.is_empty() {
            write!(f, "{answer}")
        } else {
            write!(f, "{prompt} {answer}")
        }
    }
}

/// The PIN is typed on the reader's pad: say so (on stderr, where prompts go), with the tries
/// left, and that a PIN source given on the command line is not read.
pub fn pad_prompt(g: &GlobalArgs, tries_left: u8) -> Result<()> {
    let text = pad_prompt_text(g, tries_left);
    crate::progress::suspend(|| eprintln!("{text}"));
    Ok(())
}

fn pad_prompt_text(g: &GlobalArgs, tries_left: u8) -> String {
    let mut text = crate::tr!(
        "pin-pad-prompt",
        tries = tries_left,
        seconds = crate::credential::card::pinpad::ENTRY_TIMEOUT_SECONDS
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
        text.push('\n');
        text.push_str(&crate::tr!("pin-pad-ignores", flag = flag));
    }
    text
}

/// Before spending the last try: a person at a terminal must confirm; a script is refused.
pub fn confirm_last_try() -> Result<()> {
    let refused = || {
        Error::pin(crate::tr!("pin-last-try-refused"))
            .with_hint(crate::tr!("pin-last-try-refused-hint"))
    };
    if !interactive() {
        return Err(refused());
    }
    let ok = crate::progress::suspend(|| {
        dialoguer::Confirm::with_theme(&PinTheme)
            .with_prompt(crate::tr!("pin-last-try-confirm"))
            .default(false)
            .interact()
    })
    .map_err(|e| prompt_error(e, Error::pin(crate::tr!("pin-confirm-error"))))?;
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
        Error::new(crate::ErrorKind::Interrupted, crate::tr!("pin-interrupted"))
    } else {
        let message = crate::tr!(
            "pin-cause",
            message = other.message(),
            cause = io.to_string()
        );
        Error::new(other.kind(), message).with_source(io)
    }
}

/// A person is there: both standard input and standard error are terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn read_file(path: &Path) -> Result<Zeroizing<String>> {
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
        Error::pin(crate::tr!(
            "pin-file-error",
            path = path,
            error = e.to_string()
        ))
        .with_hint(crate::tr!("pin-file-error-hint"))
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
            tracing::warn!("{}", crate::tr!("pin-file-readable", path = path));
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
