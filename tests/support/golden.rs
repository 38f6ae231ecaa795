//! Comparing a program's run with its golden (OTP-generated) output;
//! shared by the conformance and examples tests.

use std::path::Path;
use std::process::Output;

/// None when the run succeeded and printed `expected`; otherwise a report
/// naming the first differing line and the start of standard error.
pub fn mismatch(program: &Path, out: &Output, expected: &str) -> Option<String> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    if out.status.success() && stdout == expected {
        return None;
    }
    let line = stdout
        .lines()
        .zip(expected.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(stdout.lines().count().min(expected.lines().count()));
    Some(format!(
        "{}: exit {:?}, first difference at line {}\n  got:      {:?}\n  expected: {:?}\n  stderr: {}",
        program.display(),
        out.status.code(),
        line + 1,
        stdout.lines().nth(line).unwrap_or("<end>"),
        expected.lines().nth(line).unwrap_or("<end>"),
        String::from_utf8_lossy(&out.stderr).lines().take(6).collect::<Vec<_>>().join("\n    ")
    ))
}
