//! Execution: processes, the interpreter, exceptions.
pub mod arith;
pub mod bits;
pub mod exception;
pub mod interp;
pub mod process;
pub mod sched;
pub mod stacktrace;
