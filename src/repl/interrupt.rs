//! Ctrl-C while a command runs. The line editor sees Ctrl-C as a key (raw mode) and cancels
//! the line; once a command runs the terminal is back in cooked mode and Ctrl-C is SIGINT,
//! which would kill the shell and its session. Instead the first SIGINT only raises a flag
//! that long-running code can poll; a second one, while the first is still unanswered,
//! terminates the process as usual so a stuck command can always be left. The draft is
//! persisted after every entry, so even that loses no accepted change.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The SIGINT flag shared with whatever runs the commands.
#[derive(Clone, Debug, Default)]
pub struct Interrupt {
    flag: Arc<AtomicBool>,
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
            let _ = flag::register_conditional_default(SIGINT, Arc::clone(&interrupt.flag))
                .and_then(|_| flag::register(SIGINT, Arc::clone(&interrupt.flag)));
        }
        interrupt
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn take_reports_once() {
        let i = Interrupt::default();
        assert!(!i.take());
        i.flag().store(true, Ordering::SeqCst);
        assert!(i.take());
        assert!(!i.take());
    }
}
