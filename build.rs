//! Build script: embeds the Erlang stdlib sources in the binary.
use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=grammar");
    println!("cargo:rerun-if-changed=stdlib");
    let mut entries: Vec<_> = std::fs::read_dir("stdlib")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "erl"));
    entries.sort();
    let mut out = String::from("/// The stdlib modules built into the binary: (name, source).\npub static STDLIB: &[(&str, &str)] = &[\n");
    for p in entries {
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let abs = std::fs::canonicalize(&p).unwrap();
        writeln!(out, "    ({name:?}, include_str!({:?})),", abs.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dst = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("stdlib_sources.rs");
    std::fs::write(dst, out).unwrap();
}
