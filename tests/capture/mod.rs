//! The host the end-to-end tests give the engine's Session: it keeps what the shell printed to
//! each stream so a test can compare it with what a user would see.

use std::cell::RefCell;
use std::rc::Rc;

use lyncsh::engine::session::Host;

/// Cloning shares the buffers, so a test keeps one clone while the Session owns the other.
#[derive(Clone, Default)]
pub struct Capture {
    pub out: Rc<RefCell<String>>,
    pub err: Rc<RefCell<String>>,
}

impl Host for Capture {
    fn write_out(&mut self, text: &str) {
        self.out.borrow_mut().push_str(text);
    }
    fn write_err(&mut self, text: &str) {
        self.err.borrow_mut().push_str(text);
    }
}
