//! Compiles the cmdlet catalog (`cmdlets/**/*.yaml`) into the binary. Each file is parsed here,
//! once, into the typed schema and written as JSON (`catalog.json`, a list of `[path, file]`
//! pairs): parsing 200 KB of YAML at run time was most of a cold start, serde_json reads the
//! same data in a fraction of the time. A YAML mistake therefore fails the build, naming the
//! file and line. The YAML texts are also listed in `catalog_files.rs` for the test that
//! checks the conversion against a run-time parse.

use std::path::{Path, PathBuf};
use std::{env, fs};

#[allow(dead_code)]
#[path = "src/catalog/schema.rs"]
mod schema;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    // Directories are watched too, so that added files trigger a rebuild.
    println!("cargo:rerun-if-changed={}", dir.display());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let dir = root.join("cmdlets");
    println!("cargo:rerun-if-changed=src/catalog/schema.rs");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let mut parsed: Vec<(String, schema::CatalogFile)> = Vec::new();
    let mut sources = String::from("pub static CATALOG_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap().display().to_string();
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let file = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("invalid cmdlet catalog file {rel}: {e}"));
        sources.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
        parsed.push((rel, file));
    }
    sources.push_str("];\n");
    fs::write(out_dir.join("catalog_files.rs"), sources).unwrap();
    fs::write(
        out_dir.join("catalog.json"),
        serde_json::to_string(&parsed).unwrap(),
    )
    .unwrap();
}
