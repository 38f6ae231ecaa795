//! Conformance: every `tests/conformance/NAME.erl` is run with `girder run`
//! and its standard output must equal `NAME.expected`, which was produced
//! by Erlang/OTP 25 (see tests/conformance/README.md).

#[path = "support/golden.rs"]
mod golden;

use std::path::{Path, PathBuf};
use std::process::Command;

fn programs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "erl") && p.with_extension("expected").exists());
    v.sort();
    v
}

/// Run each program and compare; returns the failures.
pub fn check_dir(dir: &Path, args: &[&str]) -> (usize, Vec<String>) {
    check_dir_env(dir, args, &[])
}

/// `check_dir` with environment variables set for girder.
pub fn check_dir_env(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> (usize, Vec<String>) {
    let progs = programs(dir);
    let n = progs.len();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    let chunks: Vec<Vec<PathBuf>> =
        (0..workers).map(|w| progs.iter().skip(w).step_by(workers).cloned().collect()).collect();
    let handles: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
            let envs: Vec<(String, String)> = envs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            std::thread::spawn(move || {
                let mut fails = Vec::new();
                for p in chunk {
                    let expected = std::fs::read(p.with_extension("expected")).unwrap();
                    let out = Command::new(env!("CARGO_BIN_EXE_girder"))
                        .envs(envs.iter().map(|(k, v)| (k, v)))
                        .arg("run")
                        .args(&args)
                        .arg(&p)
                        .output()
                        .expect("run girder");
                    fails.extend(golden::mismatch(&p, &out, &expected));
                }
                fails
            })
        })
        .collect();
    let fails: Vec<String> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    (n, fails)
}

#[test]
fn conformance_programs_match_otp() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir(&dir, &[]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ from OTP:\n{}", fails.len(), fails.join("\n"));
}

/// The same programs with a tiny reduction budget, so every process is
/// preempted and resumed constantly: output must not change.
#[test]
fn conformance_programs_survive_constant_preemption() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir(&dir, &["--reductions", "3"]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ with --reductions 3:\n{}", fails.len(), fails.join("\n"));
}

/// Everything on one scheduler thread (issue 4: the programs pass with
/// `--schedulers 1` and with the default of one per core).
#[test]
fn conformance_programs_on_one_scheduler() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir(&dir, &["--schedulers", "1"]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ with --schedulers 1:\n{}", fails.len(), fails.join("\n"));
}

/// More schedulers than cores and short time slices: processes move
/// between threads all the time (work stealing), output must not change.
#[test]
fn conformance_programs_on_four_schedulers_preempted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir(&dir, &["--schedulers", "4", "--reductions", "7"]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ with 4 schedulers:\n{}", fails.len(), fails.join("\n"));
}

/// Every function compiled by the JIT at its first call, so the compiled
/// code (and its hand-overs to the interpreter) runs every program.
#[test]
fn conformance_programs_jit_compiled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir_env(&dir, &[], &[("GIRDER_JIT_THRESHOLD", "1")]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ with the JIT:\n{}", fails.len(), fails.join("\n"));
}

/// The JIT with short time slices on more schedulers than cores: compiled
/// code hands back to the interpreter to yield, then resumes elsewhere.
#[test]
fn conformance_programs_jit_compiled_preempted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir_env(&dir, &["--schedulers", "4", "--reductions", "5"], &[("GIRDER_JIT_THRESHOLD", "1")]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ with the JIT, preempted:\n{}", fails.len(), fails.join("\n"));
}

/// The interpreter alone (the JIT off).
#[test]
fn conformance_programs_without_jit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let (n, fails) = check_dir_env(&dir, &[], &[("GIRDER_JIT", "0")]);
    assert!(n > 0, "no conformance programs found");
    assert!(fails.is_empty(), "{} of {n} programs differ without the JIT:\n{}", fails.len(), fails.join("\n"));
}
