//! Hot code loading. Each `tests/hotload/NAME.erl` rewrites a module's
//! source with file:write_file, loads it with c:c/1 (which OTP has too)
//! and prints what happens; its standard output must equal `NAME.expected`,
//! written by OTP 25. The programs write files, so each runs in a scratch
//! directory of its own. Then `girder run --watch` is driven by rewriting
//! a source file under it.

#[path = "support/golden.rs"]
mod golden;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn girder() -> &'static str {
    env!("CARGO_BIN_EXE_girder")
}

/// A fresh directory under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("girder-hotload-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// OTP's c:c/1 prints a compiler diagnostic on standard output (girder
/// prints it on standard error, as it does every diagnostic): its lines
/// (`FILE.erl:L:C: ...`, `%`-prefixed source excerpts, blank separators)
/// are not part of the program's own output. The programs print no such
/// lines themselves.
fn without_diagnostics(expected: &str) -> String {
    let diag = |l: &str| {
        l.is_empty()
            || l.starts_with('%')
            || l.split_once(".erl:").is_some_and(|(f, rest)| {
                !f.contains(' ') && rest.split(':').next().is_some_and(|n| n.parse::<u32>().is_ok())
            })
    };
    expected.lines().filter(|l| !diag(l)).map(|l| format!("{l}\n")).collect()
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hotload");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()).map(|e| e.path()).collect();
    v.retain(|p| p.extension().is_some_and(|x| x == "erl") && p.with_extension("expected").exists());
    v.sort();
    v
}

/// Run `program` in a scratch directory with `args` before the file.
fn run_in_scratch(program: &Path, args: &[&str], tag: &str) -> std::process::Output {
    let name = program.file_name().unwrap();
    let dir = scratch(&format!("{}-{tag}", program.file_stem().unwrap().to_string_lossy()));
    std::fs::copy(program, dir.join(name)).unwrap();
    let out = Command::new(girder()).arg("run").args(args).arg(name).current_dir(&dir).output().expect("run girder");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn check_all(args: &[&str], tag: &str) {
    let progs = programs();
    assert!(progs.len() >= 5, "hot-load programs missing");
    let mut fails = Vec::new();
    for p in &progs {
        let expected = without_diagnostics(&std::fs::read_to_string(p.with_extension("expected")).unwrap());
        let out = run_in_scratch(p, args, tag);
        fails.extend(golden::mismatch(p, &out, &expected));
    }
    assert!(fails.is_empty(), "{} of {} programs differ from OTP:\n{}", fails.len(), progs.len(), fails.join("\n"));
}

#[test]
fn hotload_programs_match_otp() {
    check_all(&[], "plain");
}

/// Preempted constantly, on several schedulers: a load must still be seen
/// whole, and purges must still find the processes in old code.
#[test]
fn hotload_programs_match_otp_preempted() {
    check_all(&["--reductions", "3", "--schedulers", "4"], "preempted");
}

/// The broken version's diagnostic goes to standard error, and version 1
/// keeps serving (checked by the program's output above).
#[test]
fn broken_version_reports_its_diagnostic() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hotload/hl_broken.erl");
    let out = run_in_scratch(&p, &[], "diag");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {err}", out.status.code());
    assert!(err.contains("hl_brk.erl:3:13") && err.contains("syntax error"), "no diagnostic on stderr: {err}");
}

/// Wait until `cond` holds, for at most a minute (a bound against hanging,
/// not a timing assertion).
fn wait_for(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !cond() {
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_reloads_a_changed_source() {
    let dir = scratch("watch");
    let main = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hotload/watch/hl_watch_main.erl");
    std::fs::copy(&main, dir.join("hl_watch_main.erl")).unwrap();
    let module = |body: &str| format!("-module(hl_w).\n-export([v/0]).\nv() -> {body}.\n");
    std::fs::write(dir.join("hl_w.erl"), module("one")).unwrap();
    let mut child = Command::new(girder())
        .args(["run", "--watch", "hl_watch_main.erl"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start girder");
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let sink = stderr.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let err_has = |s: &str| stderr.lock().unwrap().contains(s);
    wait_for("the program to start", || dir.join("ready").exists());
    std::fs::write(dir.join("hl_w.erl"), module("two +")).unwrap();
    wait_for("the diagnostic of the broken version", || err_has("hl_w.erl:3"));
    std::fs::write(dir.join("hl_w.erl"), module("two")).unwrap();
    wait_for("the reload of version two", || err_has("girder: reloaded hl_w"));
    std::fs::write(dir.join("hl_w.erl"), module("stop")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the program did not stop; stderr: {}", stderr.lock().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    reader.join().unwrap();
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    let err = stderr.lock().unwrap().clone();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "exit {status:?}; stderr: {err}");
    assert_eq!(out, "start one\nnow two\nstop\n", "stderr: {err}");
    assert_eq!(err.matches("girder: reloaded hl_w").count(), 2, "stderr: {err}");
}

/// examples/hot_swap runs (without --watch, greeting three times at once)
/// and prints what OTP prints for `hot_swap:main(["3", "0"])`.
#[test]
fn hot_swap_example_runs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hot_swap");
    let expected = std::fs::read_to_string(dir.join("hot_swap_3_0.expected")).unwrap();
    let out = Command::new(girder()).args(["run"]).arg(dir.join("hot_swap.erl")).args(["3", "0"]).output().unwrap();
    if let Some(m) = golden::mismatch(&dir.join("hot_swap.erl"), &out, &expected) {
        panic!("{m}");
    }
}
