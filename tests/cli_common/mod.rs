//! What every end-to-end test of the binary needs: a `lyncsh` command that runs in its own
//! temporary folder with its own temporary store, so no test touches `./.lyncsh` or another
//! test's store, and output with those folders' random names replaced for snapshots.

// Each test binary includes this module and uses a different part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

pub struct Shell {
    pub store: TempDir,
    pub work: TempDir,
}

impl Shell {
    pub fn temp() -> Shell {
        Shell {
            store: TempDir::new().expect("temporary store folder"),
            work: TempDir::new().expect("temporary working folder"),
        }
    }

    /// `lyncsh` with the store in `LYNCSH_STORE`, run in the working folder, with none of the
    /// caller's colour settings.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cargo_bin_cmd!("lyncsh");
        cmd.current_dir(self.work.path())
            .env("LYNCSH_STORE", self.store.path())
            .env_remove("NO_COLOR");
        cmd
    }

    /// Runs `lyncsh -File script`, asserting the exit code, and returns what it printed.
    pub fn run_file(&self, script: &std::path::Path, code: i32) -> std::process::Output {
        self.cmd()
            .arg("-File")
            .arg(script)
            .assert()
            .code(code)
            .get_output()
            .clone()
    }

    /// Writes a script into the working folder and returns its path.
    pub fn script(&self, name: &str, text: &str) -> PathBuf {
        let path = self.work.path().join(name);
        std::fs::write(&path, text).expect("write test script");
        path
    }

    /// `text` with the working and store folders' paths replaced by `<work>` and `<store>`.
    pub fn redact(&self, text: &[u8]) -> String {
        let text = String::from_utf8_lossy(text);
        let mut text = text.into_owned();
        for (dir, name) in [(self.work.path(), "<work>"), (self.store.path(), "<store>")] {
            text = text.replace(&display(dir), name);
            if let Ok(real) = dir.canonicalize() {
                text = text.replace(&display(&real), name);
            }
        }
        text
    }
}

/// The line lyncsh prints on stderr when it creates a store.
pub const CREATED_PREFIX: &str = "lyncsh: Created the topology store ";

/// The line `lyncsh plan` prints when there is no store to copy.
pub const NO_STORE_PREFIX: &str = "lyncsh: there is no store at ";

/// Standard error without lyncsh's notices about the store: what the script itself wrote.
pub fn script_stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.starts_with(CREATED_PREFIX) && !l.starts_with(NO_STORE_PREFIX))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
