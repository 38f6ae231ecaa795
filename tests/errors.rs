//! Compile errors: every `tests/errors/NAME.erl` is a broken program whose
//! leading comment declares what `girder run` must print for it:
//!
//! ```erlang
//! %% expect: unbound_var.erl:8:9
//! %% expect: variable 'Y' is unbound
//! %% A variable used before it is bound.
//! ```
//!
//! Each `%% expect:` line is a substring that must appear on standard
//! error. Besides, the run must exit with status 1 without a panic, and
//! when an expectation names a location (`FILE.erl:LINE:COL`) the source
//! line at LINE must be shown too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn errors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/errors")
}

fn girder_run(file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_girder")).arg("run").arg(file).output().expect("run girder")
}

/// The `%% expect:` lines of the comment block that opens `src`.
fn expectations(src: &str) -> Vec<String> {
    src.lines()
        .take_while(|l| l.starts_with('%'))
        .filter_map(|l| l.strip_prefix("%% expect:"))
        .map(|e| e.trim().to_string())
        .collect()
}

/// The line number in an expectation of the form `NAME.erl:LINE:COL`.
fn location_line(expect: &str) -> Option<usize> {
    let (_, rest) = expect.split_once(".erl:")?;
    let mut parts = rest.split(':');
    let line = parts.next()?.parse().ok()?;
    let _col: usize = parts.next()?.parse().ok()?;
    Some(line)
}

/// Check one program; `Err` says what went wrong.
fn check(file: &Path) -> Result<(), String> {
    let src = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let expects = expectations(&src);
    if expects.is_empty() {
        return Err("no `%% expect:` line at the top of the file".into());
    }
    let out = girder_run(file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    if stderr.contains("panicked") {
        problems.push("girder panicked".to_string());
    }
    if out.status.code() != Some(1) {
        problems.push(format!("exit status {:?}, expected 1", out.status.code()));
    }
    for e in &expects {
        if !stderr.contains(e.as_str()) {
            problems.push(format!("missing {e:?}"));
        }
        if let Some(n) = location_line(e) {
            let line = src.lines().nth(n - 1).unwrap_or("").trim();
            if !line.is_empty() && !stderr.contains(line) {
                problems.push(format!("source line {n} ({line:?}) not shown"));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n  stderr:\n{stderr}", problems.join("; ")))
    }
}

fn check_one(name: &str) {
    if let Err(e) = check(&errors_dir().join(format!("{name}.erl"))) {
        panic!("{name}.erl: {e}");
    }
}

/// Every program in tests/errors, including ones added without a test
/// function of their own below.
#[test]
fn all_error_programs() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(errors_dir())
        .expect("tests/errors")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no programs in tests/errors");
    let fails: Vec<String> =
        files.iter().filter_map(|f| check(f).err().map(|e| format!("{}: {e}", f.display()))).collect();
    assert!(fails.is_empty(), "{} of {} error programs fail:\n{}", fails.len(), files.len(), fails.join("\n"));
}

// One test per kind of error, so a failure names what broke.

#[test]
fn syntax_error() {
    check_one("syntax_error");
}

#[test]
fn unterminated_string() {
    check_one("unterminated_string");
}

#[test]
fn unbound_variable() {
    check_one("unbound_var");
}

#[test]
fn unsafe_variable() {
    check_one("unsafe_var");
}

#[test]
fn undefined_local_function() {
    check_one("undefined_function");
}

#[test]
fn export_of_undefined_function() {
    check_one("export_undefined");
}

#[test]
fn duplicate_function_definition() {
    check_one("duplicate_function");
}

#[test]
fn undefined_record() {
    check_one("undefined_record");
}

#[test]
fn undefined_record_field() {
    check_one("undefined_field");
}

#[test]
fn illegal_guard_expression() {
    check_one("illegal_guard");
}

#[test]
fn module_name_differs_from_file_name() {
    check_one("wrong_module_name");
}

#[test]
fn undefined_macro() {
    check_one("undefined_macro");
}

#[test]
fn head_mismatch() {
    check_one("head_mismatch");
}

#[test]
fn missing_file() {
    let file = errors_dir().join("no_such_file.erl");
    let out = girder_run(&file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(stderr.contains("no_such_file.erl"), "the message should name the file: {stderr}");
    assert!(stderr.contains("cannot read"), "the message should say what failed: {stderr}");
}
