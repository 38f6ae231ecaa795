//! Programs that read standard input (`io:get_line`, `io:read`,
//! `io:get_chars`): each `tests/stdin/NAME.erl` is run by `girder run`
//! with `NAME.input` piped in and must print `NAME.expected`, produced by
//! OTP from the same input (see tests/stdin/README.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[test]
fn stdin_programs_print_what_otp_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stdin");
    let mut progs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/stdin/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "erl"))
        .collect();
    progs.sort();
    assert!(!progs.is_empty());
    let mut fails = Vec::new();
    for prog in &progs {
        let input = std::fs::read(prog.with_extension("input")).expect("NAME.input");
        let expected = std::fs::read_to_string(prog.with_extension("expected")).expect("NAME.expected");
        for flags in [&[][..], &["--reductions", "3"][..]] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_girder"))
                .arg("run")
                .args(flags)
                .arg(prog)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start girder");
            child.stdin.take().unwrap().write_all(&input).unwrap();
            let out = child.wait_with_output().expect("girder run");
            let stdout = String::from_utf8_lossy(&out.stdout);
            if !out.status.success() || stdout != expected {
                fails.push(format!(
                    "{} {flags:?}: status {:?}\n--- expected\n{expected}\n--- got\n{stdout}\n--- stderr\n{}",
                    prog.display(),
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
