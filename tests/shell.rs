//! `girder shell` driven through its standard input, as a script would:
//! each `tests/shell/NAME.input` must print what `erl` printed for it
//! (`NAME.expected`, see tests/shell/README.md), and interactive scenarios
//! (`c/1` after editing a file, the `i()` table) are checked on the screen.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn shell_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/shell")
}

fn shell(dir: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_girder"))
        .arg("shell")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start girder shell")
}

fn run_script(dir: &Path, input: &str) -> Output {
    let mut child = shell(dir);
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().expect("girder shell")
}

/// Everything after the banner line.
fn after_banner(s: &str) -> &str {
    s.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn scripts_print_what_erl_prints() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(shell_dir())
        .expect("tests/shell/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "input"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    for input in inputs {
        let text = std::fs::read_to_string(&input).unwrap();
        let expected = std::fs::read_to_string(input.with_extension("expected")).unwrap();
        let out = run_script(&shell_dir(), &text);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}: exit {:?}\n{}",
            input.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.starts_with("Eshell V"), "banner: {stdout:?}");
        let (got, want) = (after_banner(&stdout), after_banner(&expected));
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{}: first difference at line {}\n  got:      {:?}\n  expected: {:?}",
                input.display(),
                line + 2,
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>")
            );
        }
    }
}

/// Read the child's standard output until it contains `what`; all of it.
fn read_until(out: &mut impl Read, seen: &mut String, what: &str) {
    let mut buf = [0u8; 256];
    while !seen.contains(what) {
        let n = out.read(&mut buf).expect("read the shell's output");
        assert!(n > 0, "the shell ended before printing {what:?}; it printed:\n{seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("girder-shell-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const VERSION_1: &str = "-module(hot).\n-export([v/0]).\nv() -> {version, 1}.\n";
const VERSION_2: &str = "-module(hot).\n-export([v/0, w/1]).\nv() -> {version, 2}.\nw(X) -> X * 2.\n";

#[test]
fn c_compiles_a_file_again_after_it_is_edited() {
    let dir = temp_dir("c");
    std::fs::write(dir.join("hot.erl"), VERSION_1).unwrap();
    let mut child = shell(&dir);
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    stdin.write_all(b"c(hot).\nKeep = hot:v().\n").unwrap();
    read_until(&mut stdout, &mut seen, "3> ");
    std::fs::write(dir.join("hot.erl"), VERSION_2).unwrap();
    stdin.write_all(b"c(hot).\nhot:v().\nhot:w(21).\nKeep.\n").unwrap();
    drop(stdin);
    stdout.read_to_string(&mut seen).unwrap();
    assert!(child.wait().unwrap().success());
    let want = "1> {ok,hot}\n2> {version,1}\n3> {ok,hot}\n4> {version,2}\n5> 42\n6> {version,1}\n7> ";
    assert_eq!(after_banner(&seen).split("*** Terminating").next().unwrap(), want, "{seen}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn c_reports_a_broken_file_and_keeps_the_loaded_version() {
    let dir = temp_dir("broken");
    std::fs::write(dir.join("hot.erl"), VERSION_1).unwrap();
    let mut child = shell(&dir);
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = String::new();
    stdin.write_all(b"c(hot).\n").unwrap();
    read_until(&mut stdout, &mut seen, "2> ");
    std::fs::write(dir.join("hot.erl"), "-module(hot).\n-export([v/0]).\nv() -> {version, .\n").unwrap();
    stdin.write_all(b"c(hot).\nhot:v().\n").unwrap();
    drop(stdin);
    stdout.read_to_string(&mut seen).unwrap();
    assert!(child.wait().unwrap().success());
    assert!(seen.contains("hot.erl:3"), "the diagnostic names the file and line:\n{seen}");
    assert!(seen.contains("\nerror\n3> {version,1}\n"), "{seen}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn i_lists_processes_with_current_function_and_queue() {
    let dir = temp_dir("i");
    std::fs::write(
        dir.join("waiter.erl"),
        "-module(waiter).\n-export([start/0, wait/1]).\n\
         start() -> P = spawn(waiter, wait, [self()]), receive started -> P end.\n\
         wait(Parent) -> Parent ! started, receive stop -> ok end.\n",
    )
    .unwrap();
    let out = run_script(&dir, "P = waiter:start().\nP ! one, P ! two, ok.\ni().\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.iter().any(|l| l.contains("Pid") && l.contains("Initial Call") && l.contains("Reds")), "{stdout}");
    // The waiter: its initial call, then (on the next line) where it waits;
    // two messages queued.
    let row = lines.iter().position(|l| l.contains("waiter:wait/1")).expect("a row for the waiter");
    let fields: Vec<&str> = lines[row].split_whitespace().collect();
    assert_eq!(fields.last(), Some(&"2"), "message queue length: {}", lines[row]);
    assert!(lines[row + 1].contains("waiter:wait/1"), "current function: {}", lines[row + 1]);
    assert!(stdout.contains("girder_shell:evaluator/1"), "the evaluator is listed:\n{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn q_ends_the_shell_and_stops_reading() {
    let out = run_script(&shell_dir(), "1.\nq().\n2.\n");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert_eq!(after_banner(&stdout), "1> 1\n2> ok\n");
}
