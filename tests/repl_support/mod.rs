//! Drives the real `lyncsh` binary in a terminal, as a person types: tmux is a full terminal
//! emulator, so reedline's cursor-position query is answered and what the user would see can
//! be read back with `capture-pane`. Every test gets its own tmux server (socket), store and
//! history file, and waits for text to appear on the screen rather than for time to pass.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something before the test fails: generous,
/// because the machine may be busy; a passing test never waits this long.
const PATIENCE: Duration = Duration::from_secs(60);

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Skips the calling test (with a message) when tmux is not installed.
#[macro_export]
macro_rules! require_tmux {
    () => {
        if !$crate::repl_support::tmux_available() {
            eprintln!("skipped: tmux is not installed (.ci/run installs it)");
            return;
        }
    };
}

/// A store and a history file that outlive one shell, so a second shell can use them.
pub struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    pub fn new() -> Profile {
        Profile {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    pub fn history(&self) -> PathBuf {
        self.dir.path().join("history")
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }
}

pub struct Terminal {
    socket: String,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Terminal {
    /// Starts `lyncsh --store <store>` in a 120×30 terminal and waits for its first prompt.
    pub fn start(profile: &Profile) -> Terminal {
        let socket = format!(
            "lyncsh-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let binary = env!("CARGO_BIN_EXE_lyncsh");
        // When the shell exits, say how, and keep the pane so the test can read the screen
        // (the trap keeps this wrapper alive when Ctrl-C ends the shell).
        let script = format!(
            "trap true INT; '{binary}' --store '{}'; echo \"[lyncsh exited with $?]\"; sleep 600",
            profile.store().display()
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "120", "-y", "30", "-s", "t"])
            .args([
                "-e",
                &format!("LYNCSH_HISTORY={}", profile.history().display()),
            ])
            .args(["-e", &format!("HOME={}", profile.home().display())])
            .args(["-e", "PAGER="])
            .args(["sh", "-c", &script])
            .env_remove("NO_COLOR")
            .current_dir(profile.home())
            .status()
            .expect("tmux runs");
        assert!(status.success(), "tmux could not start a session");
        let terminal = Terminal { socket };
        terminal.wait_for("the first prompt", |s| s.contains("PS lyncsh"));
        terminal
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Types text literally (no key names).
    pub fn type_text(&self, text: &str) {
        let ok = self
            .tmux()
            .args(["send-keys", "-t", "t", "-l", "--", text])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux send-keys failed");
    }

    /// Presses keys by tmux name: `Tab`, `Enter`, `C-c`, `C-d`, `Up`, `Right`.
    pub fn press(&self, key: &str) {
        let ok = self
            .tmux()
            .args(["send-keys", "-t", "t", key])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tmux send-keys failed");
    }

    /// What the terminal shows now, trailing blank lines removed.
    pub fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", "t"])
            .output()
            .expect("tmux capture-pane runs");
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    /// The screen with colours, to check them.
    pub fn screen_with_colours(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-e", "-t", "t"])
            .output()
            .expect("tmux capture-pane runs");
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }

    /// The line the cursor is on (tmux drops trailing spaces).
    pub fn cursor_line(&self) -> String {
        let out = self
            .tmux()
            .args(["display-message", "-p", "-t", "t", "#{cursor_y}"])
            .output()
            .expect("tmux display-message runs");
        let y: usize = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        self.screen().lines().nth(y).unwrap_or("").to_string()
    }

    /// Waits until `ready` holds for the screen and returns that screen; fails the test with
    /// the screen when it does not come.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the line the cursor is on satisfies `ready`.
    pub fn wait_for_cursor_line(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let line = self.cursor_line();
            if ready(&line) {
                return line;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {what}; the cursor line is {line:?}; the screen shows:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for the shell to end and returns the screen.
    pub fn wait_for_exit(&self) -> String {
        self.wait_for("the shell to exit", |s| s.contains("[lyncsh exited with"))
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").status();
    }
}
