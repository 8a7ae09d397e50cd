//! Writes a generated deployment, its "1% changed" version and a long script to a folder:
//!
//! ```text
//! cargo run --release --example generate -- SCALE DIR [STATEMENTS]
//! ```
//!
//! SCALE 1 is 10 sites and 100 servers (100 is 1,000 sites and 10,000 servers); the script has
//! STATEMENTS statements (default 100 per 1×). Files: `document.yaml`, `changed.yaml`,
//! `script.ps1`. `benches/run.sh` uses it for the whole-process figures.

use std::path::PathBuf;
use std::process::ExitCode;

use lyncsh::topology::generate::{self, Spec};
use lyncsh::topology::yaml;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [scale, dir] => scale.parse().ok().map(|s: usize| (s, dir, 100 * s)),
        [scale, dir, statements] => scale
            .parse()
            .ok()
            .zip(statements.parse().ok())
            .map(|(s, n)| (s, dir, n)),
        _ => None,
    };
    let Some((scale, dir, statements)) = parsed else {
        eprintln!("usage: generate SCALE DIR [STATEMENTS]");
        return ExitCode::from(64);
    };
    let spec = Spec::scale(scale);
    let dir = PathBuf::from(dir);
    let doc = generate::document(&spec);
    let mut changed = doc.clone();
    let count = generate::change(&mut changed, 1);
    let write = |name: &str, text: String| {
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join(name), text))
            .map_err(|e| eprintln!("generate: {}: {e}", dir.join(name).display()))
    };
    let result = yaml::to_string(&doc)
        .and_then(|d| Ok((d, yaml::to_string(&changed)?)))
        .map_err(|e| eprintln!("generate: {e}"))
        .and_then(|(d, c)| {
            write("document.yaml", d)?;
            write("changed.yaml", c)?;
            write("script.ps1", generate::script(&spec, statements))
        });
    if result.is_err() {
        return ExitCode::FAILURE;
    }
    println!(
        "{} sites, {} servers, {count} objects changed, {statements} statements -> {}",
        spec.sites,
        spec.servers(),
        dir.display()
    );
    ExitCode::SUCCESS
}
