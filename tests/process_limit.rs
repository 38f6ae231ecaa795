//! The process limit (issue 4): `girder run +P 1024` caps the processes
//! at 1024; spawning past it raises `system_limit` in the spawner, the VM
//! goes on, and spawning works again once processes exit. The expected
//! output is OTP's for the same flag (`erl +P 1024`), in
//! tests/process_limit/limit.expected.

#[path = "support/golden.rs"]
mod golden;

use std::path::Path;
use std::process::Command;

#[test]
fn spawning_past_the_process_limit_gives_system_limit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/process_limit");
    let prog = dir.join("limit.erl");
    let expected = std::fs::read_to_string(dir.join("limit.expected")).unwrap();
    for flags in [&["+P", "1024"][..], &["--process-limit", "1000", "--schedulers", "1"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_girder")).arg("run").args(flags).arg(&prog).output().unwrap();
        if let Some(diff) = golden::mismatch(&prog, &out, &expected) {
            panic!("with {flags:?}:\n{diff}");
        }
    }
}
