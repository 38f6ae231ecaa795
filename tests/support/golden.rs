//! Comparing a program's run with its golden (OTP-generated) output;
//! shared by the conformance and examples tests.

use std::path::Path;
use std::process::Output;

/// None when the run succeeded and printed `expected` (bytes: OTP writes
/// characters up to 255 as single Latin-1 bytes, so an expected file need
/// not be UTF-8); otherwise a report naming the first differing line and
/// the start of standard error.
pub fn mismatch(program: &Path, out: &Output, expected: impl AsRef<[u8]>) -> Option<String> {
    let expected = expected.as_ref();
    if out.status.success() && out.stdout == expected {
        return None;
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = String::from_utf8_lossy(expected);
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
