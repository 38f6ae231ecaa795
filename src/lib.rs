//! girder: a virtual machine for Erlang.
pub mod format;
pub mod heap;
pub mod term;
