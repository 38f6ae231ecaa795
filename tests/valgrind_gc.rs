//! The collector under valgrind: `tests/valgrind/gc_heavy.erl` makes and
//! drops every kind of heap term and keeps some live across collections;
//! memcheck must report no error (invalid reads or writes, jumps on
//! uninitialised words: the signs of a pointer the collector forgot to
//! update or of a word it forgot to copy) and the output must equal
//! `gc_heavy.expected` (from OTP).
//!
//! The binary is the one of the profile under test. In a debug build,
//! `GIRDER_GC_STRESS=1` collects at every safe point; that is costly under
//! valgrind, so a debug run does one repetition of the workload, and a
//! release build (where the variable has no effect) the program's default
//! of many. The output does not depend on the number.
//!
//! Skipped, with a note, where valgrind is not installed.

use std::path::Path;
use std::process::Command;

fn have_valgrind() -> bool {
    Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn gc_paths_are_clean_under_valgrind() {
    run_under_valgrind("gc_heavy");
}

/// `binaries.erl`: heap, off-heap and sub-binaries kept and dropped across
/// collections and sent between processes (the off-heap list the collector
/// sweeps, and the counts message copies take).
#[test]
fn binary_paths_are_clean_under_valgrind() {
    run_under_valgrind("binaries");
}

/// The JIT's code under memcheck: every function of `gc_heavy.erl` is
/// compiled at its first call, so compiled code builds, matches and
/// allocates on heaps the collector moves, and pushes frames on stacks
/// that grow.
#[test]
fn jit_paths_are_clean_under_valgrind() {
    run_under_valgrind_env("gc_heavy", &[("GIRDER_JIT_THRESHOLD", "1")]);
}

fn run_under_valgrind(name: &str) {
    run_under_valgrind_env(name, &[]);
}

fn run_under_valgrind_env(name: &str, envs: &[(&str, &str)]) {
    if !have_valgrind() {
        eprintln!("note: valgrind is not on PATH; skipping the valgrind GC test");
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/valgrind");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected"))).expect("expected output");
    let repetitions: &[&str] = if cfg!(debug_assertions) { &["1"] } else { &[] };
    let out = Command::new("valgrind")
        .args(["-q", "--error-exitcode=99", "--leak-check=no"])
        .arg(format!("--suppressions={}", dir.join("mimalloc.supp").display()))
        .arg(env!("CARGO_BIN_EXE_girder"))
        .arg("run")
        .arg(dir.join(format!("{name}.erl")))
        .args(repetitions)
        .env("GIRDER_GC_STRESS", "1")
        .envs(envs.iter().copied())
        .output()
        .expect("run valgrind");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "girder under valgrind exited with {:?} (99: memcheck found errors)\nstderr:\n{stderr}",
        out.status.code()
    );
    assert_eq!(stdout, expected, "output differs from OTP's\nstderr:\n{stderr}");
}
