//! One million processes (issue 4): `tests/million/million.erl` spawns
//! them all, sends every one a message, collects every reply and waits
//! until every one has exited. The output was checked against Erlang/OTP
//! (`erl +P 2000000`); it is small enough to state here.
//!
//! Peak memory is dominated by per-process state while all million wait
//! (about 1.7 GB RSS once the register file left the process, Nov 2026;
//! 4.7 GB before).

use std::path::Path;
use std::process::Command;

fn run_million(n: Option<u64>) -> String {
    let prog = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/million/million.erl");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_girder"));
    cmd.arg("run").arg(&prog);
    if let Some(n) = n {
        cmd.arg(n.to_string());
    }
    let out = cmd.output().expect("run girder");
    assert!(out.status.success(), "exit {:?}, stderr: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn expected(n: u64) -> String {
    let sum = n * (n + 1) / 2;
    format!("spawned {n}\nall {n} replied, sum {sum}\nexpected sum {sum}\nall exited\n")
}

#[test]
fn a_million_processes_spawn_receive_and_exit() {
    assert_eq!(run_million(None), expected(1_000_000));
}

/// The same program at a small size, so a failure of the logic shows
/// quickly and apart from a failure of scale.
#[test]
fn a_thousand_processes_spawn_receive_and_exit() {
    assert_eq!(run_million(Some(1000)), expected(1000));
}
