//! Ctrl-C while a command runs. The line editor sees Ctrl-C as a key (raw mode) and cancels
//! the line; once a command runs the terminal is back in cooked mode and Ctrl-C is SIGINT,
//! which would kill the shell and its session. Instead the first SIGINT only raises a flag
//! that long-running code can poll; a second one, while the first is still unanswered,
//! terminates the process as usual so a stuck command can always be left. The draft is
//! persisted after every entry, so even that loses nothing an earlier command changed.
//! The evaluator does not poll the flag yet, so the first Ctrl-C only says how to quit.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Shown once when Ctrl-C comes while a command runs.
pub const NOTICE: &str = "lyncsh cannot stop a running command midway; press Ctrl+C again to \
                          quit the shell (changes made by earlier commands are kept in the draft).";

/// The SIGINT flag shared with whatever runs the commands.
#[derive(Clone, Debug, Default)]
pub struct Interrupt {
    flag: Arc<AtomicBool>,
    /// A command is running (not the line editor, not the pager).
    running: Arc<AtomicBool>,
}

impl Interrupt {
    /// Installs the SIGINT handlers (Unix). Elsewhere, or if installing fails, Ctrl-C keeps
    /// its default effect and the flag simply never rises.
    pub fn install() -> Interrupt {
        let interrupt = Interrupt::default();
        #[cfg(unix)]
        {
            use signal_hook::consts::SIGINT;
            use signal_hook::flag;
            // Registered first, so it sees the flag as the previous SIGINT left it.
            let installed = flag::register_conditional_default(SIGINT, Arc::clone(&interrupt.flag))
                .and_then(|_| flag::register(SIGINT, Arc::clone(&interrupt.flag)));
            if installed.is_ok() {
                interrupt.watch();
            }
        }
        interrupt
    }

    /// A thread that tells the user, once per Ctrl-C, what the flag means (a signal handler
    /// itself must not print).
    fn watch(&self) {
        let (flag, running) = (Arc::clone(&self.flag), Arc::clone(&self.running));
        std::thread::spawn(move || {
            let mut announced = false;
            loop {
                std::thread::sleep(Duration::from_millis(100));
                let raised = flag.load(Ordering::SeqCst);
                if should_announce(raised, running.load(Ordering::SeqCst), announced) {
                    eprintln!("\n{NOTICE}");
                    announced = true;
                }
                announced &= raised;
            }
        });
    }

    /// Runs a command, marking it as running for the notice.
    pub fn while_running<T>(&self, command: impl FnOnce() -> T) -> T {
        self.running.store(true, Ordering::SeqCst);
        let result = command();
        self.running.store(false, Ordering::SeqCst);
        result
    }

    /// The flag itself, for an engine that polls it between statements or loop iterations.
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.flag)
    }

    /// Whether Ctrl-C was pressed since the last [`Interrupt::take`], clearing it.
    pub fn take(&self) -> bool {
        self.flag.swap(false, Ordering::SeqCst)
    }
}

/// The notice is due when Ctrl-C was pressed during a command and not yet answered.
fn should_announce(raised: bool, running: bool, announced: bool) -> bool {
    raised && running && !announced
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_only_for_a_running_command_and_once() {
        assert!(should_announce(true, true, false));
        assert!(!should_announce(true, true, true));
        assert!(!should_announce(true, false, false));
        assert!(!should_announce(false, true, false));
    }

    #[test]
    fn take_reports_once() {
        let i = Interrupt::default();
        assert!(!i.take());
        i.flag().store(true, Ordering::SeqCst);
        assert!(i.take());
        assert!(!i.take());
    }
}
