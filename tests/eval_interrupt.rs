//! Ctrl-C while a command runs: the interrupt flag the REPL raises stops the run between
//! statements and pipeline items with PowerShell's PipelineStoppedException.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use lyncsh::engine::registry::Registry;
use lyncsh::engine::session::{Host, RunStatus, Session, SessionOptions};

#[derive(Clone, Default)]
struct Capture {
    out: Rc<RefCell<String>>,
    err: Rc<RefCell<String>>,
}

impl Host for Capture {
    fn write_out(&mut self, text: &str) {
        self.out.borrow_mut().push_str(text);
    }
    fn write_err(&mut self, text: &str) {
        self.err.borrow_mut().push_str(text);
    }
}

fn session() -> (Session, Capture, Arc<AtomicBool>) {
    let mut registry = Registry::new();
    lyncsh::cmdlets::builtin::register(&mut registry);
    let host = Capture::default();
    let mut session = Session::new(registry, Box::new(host.clone()), SessionOptions::default());
    let flag = Arc::new(AtomicBool::new(false));
    session.set_interrupt(Arc::clone(&flag));
    (session, host, flag)
}

#[test]
fn an_endless_loop_stops_and_the_session_goes_on() {
    let (mut session, host, flag) = session();
    flag.store(true, Ordering::SeqCst);
    let result = session.run("'before'; while ($true) { }; 'after'");
    assert_eq!(*host.out.borrow(), "before\n");
    let err = host.err.borrow().clone();
    assert!(
        err.contains("The pipeline has been stopped.")
            && err.contains("OperationStopped")
            && err.contains("PipelineStopped"),
        "{err}"
    );
    match result.status {
        RunStatus::Terminated(record) => {
            assert_eq!(
                record.exception,
                "System.Management.Automation.PipelineStoppedException"
            )
        }
        other => panic!("expected the run to be stopped, got {other:?}"),
    }
    assert!(!flag.load(Ordering::SeqCst), "the flag is lowered again");
    host.out.borrow_mut().clear();
    let again = session.run("$i = 0; while ($i -lt 3) { $i++ }; $i");
    assert_eq!(again.status, RunStatus::Completed);
    assert_eq!(*host.out.borrow(), "3\n");
}

#[test]
fn catch_cannot_swallow_the_stop_but_finally_runs() {
    let (mut session, host, flag) = session();
    flag.store(true, Ordering::SeqCst);
    session.run("try { while ($true) { } } catch { 'caught' } finally { 'finally' }; 'after'");
    assert_eq!(*host.out.borrow(), "finally\n");
}

#[test]
fn pipeline_items_stop_too() {
    let (mut session, host, flag) = session();
    flag.store(true, Ordering::SeqCst);
    let result = session.run("1..1000000 | ForEach-Object { $_ }");
    assert!(matches!(result.status, RunStatus::Terminated(_)));
    assert!(host.out.borrow().is_empty(), "{}", host.out.borrow());
}
