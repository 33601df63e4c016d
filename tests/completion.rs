//! The committed completion scripts, loaded into the real shells, complete what a user types:
//! commands, profile names from the configuration (config.toml and profiles.d) and the reader
//! names pcscd shows (vpcd's "Virtual PCD 00 00"). Bash and fish are asked directly; zsh (as
//! Debian installs it, autoloaded from `$fpath`) and elvish are typed into at a terminal (tmux),
//! since they complete only inside their line editor. PowerShell is not packaged for Debian: its
//! side of the protocol is checked against `dmp` alone.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{wait_until, READER};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn script(name: &str) -> PathBuf {
    root().join("completions").join(name)
}

/// PATH with the `dmp` under test first: the scripts call `dmp` by name.
fn path_with_dmp() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_dmp")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A home whose configuration has `office` (the default) and `home` in config.toml, and
/// `sandbox` dropped into profiles.d; and another file, `other.toml`, with `elsewhere`.
struct Config {
    dir: tempfile::TempDir,
}

impl Config {
    fn new() -> Config {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("config/dmp");
        std::fs::create_dir_all(cfg.join("profiles.d")).unwrap();
        std::fs::write(
            cfg.join("config.toml"),
            "default_profile = \"office\"\n[profiles.office]\nendpoint = \"https://dmp.example/si-dmp-server/v2/services\"\n[profiles.home]\n",
        )
        .unwrap();
        std::fs::write(
            cfg.join("profiles.d/sandbox.toml"),
            "[profiles.sandbox]\nreader = \"Virtual PCD\"\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("other.toml"), "[profiles.elsewhere]\n").unwrap();
        Config { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// A command with this home and nothing inherited that could change the answer.
    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(which(program));
        c.env_clear()
            .env("PATH", path_with_dmp())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("TERM", "xterm");
        c
    }
}

/// The shell's path; a shell that is missing fails the test (scripts/test.sh installs them).
fn which(program: &str) -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("`{program}` is not installed: scripts/test.sh installs it (Debian package {program})")
        })
}

/// What bash's completion function puts in COMPREPLY for `words`, the last being completed.
fn bash_complete(config: &Config, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let line = words.join(" ");
    let body = format!(
        "source {script}\n\
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; COMP_TYPE=9\n\
         _clap_complete_dmp dmp '{cur}' '{prev}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script = script("dmp.bash").display(),
        words = quoted.join(" "),
        cword = words.len() - 1,
        cur = words[words.len() - 1],
        prev = words[words.len() - 2],
    );
    let out = config.command("bash").arg("-c").arg(body).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// fish's own `complete -C LINE`: one candidate a line, then a tab and its description.
fn fish_complete(config: &Config, line: &str) -> Vec<String> {
    let body = format!(
        "source {}; complete -C '{line}'",
        script("dmp.fish").display()
    );
    let out = config.command("fish").arg("-c").arg(body).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

#[test]
fn bash_completes_the_profiles_of_the_configuration_and_profiles_d() {
    let config = Config::new();
    assert_eq!(
        bash_complete(&config, &["dmp", "--profile", ""]),
        ["home", "office", "sandbox"]
    );
    assert_eq!(
        bash_complete(&config, &["dmp", "--profile", "o"]),
        ["office"]
    );
    // `--config FILE` on the line being completed is the configuration that counts.
    let other = config.path("other.toml");
    let other = other.to_str().unwrap();
    assert_eq!(
        bash_complete(&config, &["dmp", "--config", other, "--profile", ""]),
        ["elsewhere"]
    );
}

#[test]
fn bash_completes_commands_and_flags() {
    let config = Config::new();
    assert_eq!(bash_complete(&config, &["dmp", "docs", "l"]), ["list"]);
    assert_eq!(
        bash_complete(&config, &["dmp", "docs", "list", "--new"]),
        ["--new-since-last-visit"]
    );
    assert_eq!(
        bash_complete(&config, &["dmp", "--output", ""]),
        ["text", "json", "csv"]
    );
}

#[test]
fn bash_completes_reader_names_as_one_word_each() {
    let config = Config::new();
    let got = bash_complete(&config, &["dmp", "--reader", ""]);
    // Escaped, so that bash inserts one argument, not four.
    let want = READER.replace(' ', "\\ ");
    assert!(got.contains(&want), "{want} missing from {got:?}");
    // The next TAB, on the escaped prefix bash inserted, narrows it down.
    let got = bash_complete(&config, &["dmp", "--reader", "Virtual\\ PCD\\ 00\\ 0"]);
    assert!(got.contains(&want), "{want} missing from {got:?}");
    assert!(
        got.iter().all(|c| c.starts_with("Virtual\\ PCD\\ 00\\ 0")),
        "{got:?}"
    );
}

#[test]
fn fish_completes_profiles_readers_and_commands() {
    let config = Config::new();
    assert_eq!(
        fish_complete(&config, "dmp --profile "),
        ["home", "office", "sandbox"]
    );
    let readers = fish_complete(&config, "dmp --reader ");
    assert!(readers.iter().any(|r| r == READER), "{readers:?}");
    assert_eq!(fish_complete(&config, "dmp docs l"), ["list"]);
}

#[test]
fn powershell_side_of_the_protocol_answers_candidates_with_descriptions() {
    // What the PowerShell script runs: `dmp -- <the line up to the cursor> ''`.
    let config = Config::new();
    let out = config
        .command("env")
        .env("DMP_COMPLETE", "powershell")
        .args(["dmp", "--", "dmp", "--profile", ""])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "home\noffice\tthe default profile\nsandbox\n"
    );
    // The committed script is the one `dmp` prints for PowerShell.
    let printed = config
        .command("env")
        .env("DMP_COMPLETE", "powershell")
        .arg("dmp")
        .output()
        .unwrap();
    assert_eq!(
        printed.stdout,
        std::fs::read(script("_dmp.ps1")).unwrap(),
        "DMP_COMPLETE=powershell dmp differs from completions/_dmp.ps1"
    );
}

/// A shell at a terminal (a private tmux server, its socket in the test's directory), for the
/// shells that complete only in their line editor. Killed when dropped.
struct Terminal {
    socket: PathBuf,
    config: Config,
}

impl Terminal {
    fn start(config: Config, shell: &[&str]) -> Terminal {
        let socket = config.path("tmux.socket");
        let t = Terminal { socket, config };
        let status = t
            .tmux()
            .args(["new-session", "-d", "-s", "t", "-x", "160", "-y", "30"])
            .args(shell)
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start {shell:?}");
        t
    }

    fn tmux(&self) -> Command {
        let mut c = self.config.command("tmux");
        c.arg("-S").arg(&self.socket).args(["-f", "/dev/null"]);
        c
    }

    fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .tmux()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the prompt, types `line` and TAB, and waits for `want` on the screen.
    fn complete(&self, prompt: &str, line: &str, want: &str) {
        wait_until("the shell's prompt", || self.screen().contains(prompt));
        self.keys(&["C-u", line, "Tab"]);
        let mut last = String::new();
        wait_until(&format!("`{want}` after `{line}` TAB"), || {
            last = self.screen();
            last.contains(want)
        });
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}

#[test]
fn zsh_autoloaded_from_fpath_completes_on_the_first_tab() {
    let config = Config::new();
    // As Debian installs it: the file `_dmp` in a directory of $fpath, loaded by compinit.
    let functions = config.path("zsh-functions");
    std::fs::create_dir_all(&functions).unwrap();
    std::fs::copy(script("_dmp"), functions.join("_dmp")).unwrap();
    let zdotdir = config.path("zdotdir");
    std::fs::create_dir_all(&zdotdir).unwrap();
    std::fs::write(
        zdotdir.join(".zshrc"),
        format!(
            "PS1='zsh-ready%% '\nfpath=({} $fpath)\nautoload -Uz compinit && compinit -u -d {}\n",
            functions.display(),
            zdotdir.join("zcompdump").display()
        ),
    )
    .unwrap();
    let zdotdir = format!("ZDOTDIR={}", zdotdir.display());
    let t = Terminal::start(
        config,
        &["env", &zdotdir, &which("zsh").to_string_lossy(), "-i"],
    );
    t.complete("zsh-ready%", "dmp docs l", "dmp docs list");
    t.complete("zsh-ready%", "dmp --profile o", "dmp --profile office");
    t.complete(
        "zsh-ready%",
        "dmp --reader Virtual",
        "dmp --reader Virtual\\ PCD\\ 00\\ 0",
    );
}

#[test]
fn elvish_completes_profiles_and_reader_names() {
    let config = Config::new();
    let rc = config.path("rc.elv");
    std::fs::write(
        &rc,
        format!(
            "set edit:prompt = {{ put 'elvish-ready> ' }}\neval (slurp < {})\n",
            script("dmp.elv").display()
        ),
    )
    .unwrap();
    let rc = rc.to_string_lossy().into_owned();
    let t = Terminal::start(config, &[&which("elvish").to_string_lossy(), "-rc", &rc]);
    t.complete("elvish-ready>", "dmp --profile o", "dmp --profile office");
    t.complete("elvish-ready>", "dmp --reader Virtual", "Virtual PCD 00 00");
}
