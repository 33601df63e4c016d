//! A real terminal for tests: a private tmux server running one command, its screen read as a
//! person sees it (tmux is the terminal emulator: carriage returns, cleared lines, a spinner
//! redrawn in place all end up as they would on screen).

use std::path::PathBuf;
use std::process::Command;

/// A terminal (a private tmux server), killed when dropped.
pub struct Terminal {
    socket: PathBuf,
    status: PathBuf,
    _dir: tempfile::TempDir,
}

impl Terminal {
    pub fn start(command: &[&str]) -> Terminal {
        Terminal::sized(100, 20, command)
    }

    /// A terminal of `width` columns and `height` rows running `command`.
    pub fn sized(width: u16, height: u16, command: &[&str]) -> Terminal {
        let dir = tempfile::tempdir().unwrap();
        let t = Terminal {
            socket: dir.path().join("tmux.socket"),
            status: dir.path().join("status"),
            _dir: dir,
        };
        // A shell runs the command, writes its exit status to a file, then stays: the screen
        // stays as the command left it (tmux's own remain-on-exit can lose a command's last
        // lines, and its "Pane is dead" line can clear them).
        let (w, h) = (width.to_string(), height.to_string());
        let status_file = t.status.display().to_string();
        let status = t
            .tmux()
            .args(["new-session", "-d", "-s", "t", "-x", &w, "-y", &h])
            .args([
                "sh",
                "-c",
                "s=$1; shift; \"$@\"; echo $? >\"$s\"; exec sleep 600",
                "sh",
            ])
            .arg(&status_file)
            .args(command)
            .status()
            .unwrap();
        assert!(status.success(), "tmux could not start {command:?}");
        t
    }

    /// The command's exit status, once it has ended.
    pub fn exit_status(&self) -> Option<i32> {
        std::fs::read_to_string(&self.status)
            .ok()
            .and_then(|s| s.trim().parse().ok())
    }

    pub fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket).args(["-f", "/dev/null"]);
        c
    }

    pub fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let end = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        lines[..end].join("\n") + "\n"
    }

    /// Whether the command has ended.
    pub fn dead(&self) -> bool {
        self.exit_status().is_some()
    }

    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .tmux()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}
