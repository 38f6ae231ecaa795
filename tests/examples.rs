//! The programs in `examples/` run and print what Erlang/OTP prints for
//! them: each `examples/NAME.erl` against `NAME.expected` (produced by
//! `../shared/tools/otp-expected examples/*.erl`, so with no arguments).

#[path = "support/golden.rs"]
mod golden;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn girder_run(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_girder")).arg("run").arg(file).args(args).output().expect("run girder")
}

#[test]
fn examples_match_otp() {
    let mut progs: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
        .collect();
    progs.sort();
    assert!(progs.len() >= 4, "expected at least 4 examples, found {}", progs.len());
    let mut fails = Vec::new();
    for p in &progs {
        let exp_path = p.with_extension("expected");
        let Ok(expected) = std::fs::read_to_string(&exp_path) else {
            fails.push(format!("{}: no {}", p.display(), exp_path.display()));
            continue;
        };
        let out = girder_run(p, &[]);
        fails.extend(golden::mismatch(p, &out, &expected));
    }
    assert!(fails.is_empty(), "{} of {} examples differ from OTP:\n{}", fails.len(), progs.len(), fails.join("\n"));
}

#[test]
fn hello_greets_its_arguments() {
    let out = girder_run(&examples_dir().join("hello.erl"), &["Ada", "Joe", "-x"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, Ada!\nHello, Joe!\nHello, -x!\n");
}

#[test]
fn hello_without_arguments_greets_the_world() {
    let out = girder_run(&examples_dir().join("hello.erl"), &[]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, world!\n");
}
