//! Opens an address in the user's web browser: each command of `$BROWSER` in turn (a
//! `:`-separated list, `%s` standing for the address, else the address added last: the usual
//! Unix convention), then the desktop's opener (`xdg-open`; `open` on macOS). The first
//! command that exists decides; it runs without a shell, and its output goes to stderr so
//! stdout keeps only dmp's result.

use std::process::{Command, Stdio};

use crate::error::{Error, Result};

#[cfg(target_os = "macos")]
const OPENER: &str = "open";
#[cfg(not(target_os = "macos"))]
const OPENER: &str = "xdg-open";

/// The commands to try, in order: (program, arguments).
fn candidates(browser_var: Option<&str>, url: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for entry in browser_var.unwrap_or("").split(':') {
        let mut words = entry.split_whitespace();
        let Some(program) = words.next() else {
            continue;
        };
        let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
        if !entry.contains("%s") {
            args.push(url.to_string());
        }
        out.push((program.to_string(), args));
    }
    out.push((OPENER.to_string(), vec![url.to_string()]));
    out
}

fn stderr_stdio() -> Stdio {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
            return Stdio::from(fd);
        }
    }
    Stdio::null()
}

/// Opens `url`; returns the program that did.
pub fn open(url: &str) -> Result<String> {
    let browser = std::env::var("BROWSER").ok();
    for (program, args) in candidates(browser.as_deref(), url) {
        let status = Command::new(&program)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(stderr_stdio())
            .status();
        match status {
            Ok(s) if s.success() => return Ok(program),
            Ok(s) => {
                return Err(Error::config(crate::tr!(
                    "render-browser-failed",
                    program = &program,
                    url = url,
                    status = s.to_string()
                ))
                .with_hint(crate::tr!("render-browser-hint")))
            }
            // Not installed: the next one.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(Error::config(crate::tr!(
                    "render-browser-cannot-run",
                    program = &program,
                    url = url,
                    error = e.to_string()
                ))
                .with_hint(crate::tr!("render-browser-hint")))
            }
        }
    }
    let set = browser.as_deref().is_some_and(|b| !b.trim().is_empty());
    Err(Error::config(if set {
        crate::tr!("render-browser-none-of-browser", url = url, opener = OPENER)
    } else {
        crate::tr!("render-browser-unset", url = url, opener = OPENER)
    })
    .with_hint(crate::tr!("render-browser-none-hint", opener = OPENER)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_commands_take_the_address_last_or_at_percent_s() {
        let c = candidates(Some("firefox --new-window:w3m -o x=%s"), "https://h/p");
        assert_eq!(c[0].0, "firefox");
        assert_eq!(c[0].1, ["--new-window", "https://h/p"]);
        assert_eq!(c[1].0, "w3m");
        assert_eq!(c[1].1, ["-o", "x=https://h/p"]);
        assert_eq!(c[2].0, OPENER);
        assert_eq!(candidates(None, "u").len(), 1);
        assert_eq!(candidates(Some(" : "), "u").len(), 1);
    }
}
