//! Shared by the benches that run Erlang code: compile a module from
//! source, install it, and run one call to completion in a fresh process,
//! as `girder run` does (src/cli/mod.rs).

use girder::code::{server, Module};
use girder::term::{Atom, Term};
use girder::vm::interp::{self, Exit};
use girder::vm::process::{Process, Registers};

/// Compile `src` (a module named `name`) and make it the current version.
pub fn load(name: &str, src: &str) -> &'static Module {
    let module = girder::compile::compile_source(&format!("{name}.erl"), src).unwrap_or_else(|e| panic!("{e}"));
    server::install(module)
}

/// Run `m:f(args)` in a fresh process until it returns; the result is
/// only meaningful while the process lives, so it is turned into `T` by
/// `read` before the process is dropped.
pub fn call<T>(m: &Module, f: &str, args: &[Term], read: impl FnOnce(Term) -> T) -> T {
    let mut p = Process::new(Term::pid(0));
    interp::prepare_call(&mut p, m.name, Atom::intern(f), args).expect("exported");
    let mut regs = Registers::new();
    loop {
        match interp::run(&mut p, &mut regs, 4000) {
            Exit::Yield => continue,
            Exit::Done(v) => return read(v),
            Exit::Crash(e) => panic!("{}", girder::cli::crash_report(&e)),
            Exit::Wait => panic!("a benchmark process waits in receive"),
        }
    }
}
