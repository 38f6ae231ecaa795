//! Build script: generates the parser from `grammar/*.lalrpop` into
//! `OUT_DIR` (the parser module includes it with `lalrpop_mod!`), and embeds
//! the Erlang stdlib sources in the binary.
use std::fmt::Write;

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .set_out_dir(&out_dir)
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop grammar failed to compile");

    println!("cargo:rerun-if-changed=stdlib");
    let mut entries: Vec<_> =
        std::fs::read_dir("stdlib").map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    entries.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|x| x == "erl"));
    entries.sort();
    let mut out = String::from(
        "/// The stdlib modules built into the binary: (name, source).\npub static STDLIB: &[(&str, &str)] = &[\n",
    );
    for p in entries {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_stem().unwrap().to_string_lossy().to_string();
        let abs = std::fs::canonicalize(&p).unwrap();
        writeln!(out, "    ({name:?}, include_str!({:?})),", abs.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    std::fs::write(std::path::Path::new(&out_dir).join("stdlib_sources.rs"), out).unwrap();
}
