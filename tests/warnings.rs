//! `-behaviour(...)` checks: each `tests/warnings/NAME.erl` runs (exit 0,
//! printing `ran`) and its standard error holds exactly the
//! `Warning: undefined callback` lines in `NAME.erlc`, which are erlc's own
//! (`erlc NAME.erl 2>&1 | grep 'Warning: undefined callback' > NAME.erlc`,
//! run in tests/warnings/).

use std::path::{Path, PathBuf};
use std::process::Command;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/warnings")
}

#[test]
fn behaviour_warnings_match_erlc() {
    let mut progs: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/warnings/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
        .collect();
    progs.sort();
    assert!(progs.len() >= 2, "expected at least 2 programs, found {}", progs.len());
    for p in &progs {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        // Run from the folder so the warnings name the file as erlc does.
        let out = Command::new(env!("CARGO_BIN_EXE_girder"))
            .current_dir(dir())
            .arg("run")
            .arg(&name)
            .output()
            .expect("run girder");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: exit {:?}, stderr:\n{stderr}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stdout), "ran\n", "{name}");
        let got: Vec<&str> = stderr.lines().filter(|l| l.contains("Warning: undefined callback")).collect();
        let expected = std::fs::read_to_string(p.with_extension("erlc")).expect("NAME.erlc");
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "{name}: warnings differ from erlc's");
    }
}
