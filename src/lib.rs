//! girder: a virtual machine for Erlang.
pub mod heap;
pub mod term;
