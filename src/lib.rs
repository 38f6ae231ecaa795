//! girder: a virtual machine for Erlang.
pub mod bif;
pub mod code;
pub mod compile;
pub mod heap;
pub mod syntax;
pub mod term;
pub mod vm;
