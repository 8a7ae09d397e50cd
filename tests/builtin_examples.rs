//! Every example of the built-in cmdlets' help (`cmdlets/builtin/*.yaml`) runs: it parses,
//! binds and writes no error, and where the catalog gives its output, prints exactly that.
//! So help cannot drift from behaviour.

mod capture;

use capture::Capture;
use lyncsh::catalog::Catalog;
use lyncsh::engine::registry::Registry;
use lyncsh::engine::session::{RunStatus, Session, SessionOptions};

#[test]
fn every_builtin_example_runs_as_documented() {
    // Examples write report files: run them where that harms nothing. This is the only test
    // in this binary, so changing the directory affects no other test.
    let dir = tempfile::tempdir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for entry in Catalog::embedded().entries() {
        if !entry.file.starts_with("cmdlets/builtin/") {
            continue;
        }
        for example in &entry.def.examples {
            // Read-Host's example prompts; the non-interactive error is its documented result.
            if entry.def.name == "Read-Host" {
                continue;
            }
            let mut registry = Registry::new();
            lyncsh::cmdlets::builtin::register(&mut registry);
            let host = Capture::default();
            let mut session =
                Session::new(registry, Box::new(host.clone()), SessionOptions::default());
            let result = session.run(&example.code);
            ran += 1;
            let out = host.out.borrow().clone();
            let err = host.err.borrow().clone();
            // Write-Error's examples show the error record it writes.
            let errors_expected = entry.def.name == "Write-Error";
            if result.status != RunStatus::Completed || err.is_empty() == errors_expected {
                failures.push(format!("{}: {}\n{err}", entry.def.name, example.code));
                continue;
            }
            if let Some(expected) = &example.output {
                if &out != expected {
                    failures.push(format!(
                        "{}: {}\nexpected:\n{expected:?}\nprinted:\n{out:?}",
                        entry.def.name, example.code
                    ));
                }
            }
        }
    }
    assert!(ran > 50, "only {ran} examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
