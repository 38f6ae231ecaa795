//! girder: a virtual machine for Erlang.
pub mod bif;
pub mod cli;
pub mod code;
pub mod compile;
pub mod format;
pub mod heap;
pub mod jit;
pub mod shell;
pub mod syntax;
pub mod term;
pub mod vm;
