//! `girder shell` (and `girder` with no arguments): an interactive shell in
//! the manner of `erl`.
//!
//! The shell runs on the VM: its loop is the Erlang module
//! `stdlib/girder_shell.erl`, started as the VM's main process, and the VM
//! ends when the loop returns (at `q()` or the end of the input). The loop
//! reads through the BIF `girder_shell:read_expr/1`, which blocks the
//! scheduler thread it runs on while it waits for a line (the other
//! schedulers go on running every other process). Each expression
//! sequence is compiled into a throw-away module (see `prepare`) and run by
//! an evaluator process.

pub mod bifs;
pub(crate) mod input;
mod prepare;

use crate::code::server;
use crate::term::{Atom, Term};
use crate::vm::process::Process;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// The shell's input, shared with the BIF that reads it.
pub(crate) fn input() -> &'static Mutex<input::Input> {
    static I: OnceLock<Mutex<input::Input>> = OnceLock::new();
    I.get_or_init(|| Mutex::new(input::Input::new()))
}

/// Run the shell; the process exit status.
pub fn main(pa: &[PathBuf], cfg: crate::vm::sched::Config) -> i32 {
    // The working directory is on the code path, as in `erl`.
    server::add_path(std::path::Path::new("."));
    for d in pa {
        server::add_path(d);
    }
    let schedulers = cfg.schedulers;
    let terminal = input().lock().unwrap().is_terminal();
    if terminal {
        println!("girder {} [smp:{schedulers}:{schedulers}] [reductions:{}]\n", env!("CARGO_PKG_VERSION"), cfg.budget);
        println!("Eshell V{}  (quit with q(). or ^D)", env!("CARGO_PKG_VERSION"));
    } else {
        println!("Eshell V{}  (abort with ^G)", env!("CARGO_PKG_VERSION"));
    }
    let mut p = Process::new(Term::pid(0));
    let shell = Atom::intern("girder_shell");
    if let Err(e) = crate::vm::interp::prepare_call(&mut p, shell, Atom::intern("start"), &[]) {
        eprint!("{}", crate::cli::crash_report(&e));
        return 1;
    }
    match crate::vm::sched::run_main(Box::new(p), cfg) {
        Some(crate::vm::sched::MainExit { result: Err(e), process }) => {
            crate::bif::io::flush();
            eprint!("{}", crate::cli::crash_report(&e));
            drop(process);
            1
        }
        _ => 0,
    }
}

/// Names for tab completion.
mod complete {
    use crate::code::server;
    use crate::term::Atom;

    /// Module names starting with `prefix`: the stdlib's, the loaded ones
    /// among BIF modules, and `.erl` files in the working directory.
    pub fn modules(prefix: &str) -> Vec<String> {
        let mut names: Vec<String> = server::STDLIB.iter().map(|(n, _)| n.to_string()).collect();
        names.extend(crate::bif::table().iter().map(|e| e.module.name().to_string()));
        if let Ok(dir) = std::fs::read_dir(".") {
            for e in dir.flatten() {
                let f = e.file_name().to_string_lossy().to_string();
                if let Some(stem) = f.strip_suffix(".erl") {
                    names.push(stem.to_string());
                }
            }
        }
        names.retain(|n| n.starts_with(prefix));
        names.sort();
        names.dedup();
        names
    }

    /// The functions of `m` (exported ones and BIFs) starting with `prefix`.
    pub fn functions(m: &str, prefix: &str) -> Vec<(String, u32)> {
        let ma = Atom::intern(m);
        let mut out: Vec<(String, u32)> = Vec::new();
        if let Ok(md) = server::ensure_loaded(ma) {
            out.extend(md.exports.iter().map(|(f, a, _)| (f.name().to_string(), *a)));
        }
        out.extend(crate::bif::table().iter().filter(|e| e.module == ma).map(|e| (e.name.name().to_string(), e.arity)));
        out.retain(|(f, _)| f.starts_with(prefix));
        out.sort();
        out.dedup();
        out
    }
}
