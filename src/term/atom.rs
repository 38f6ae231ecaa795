//! The global atom table: append-only, shared by every process and scheduler.
//!
//! An atom term carries its index in this table. Names are leaked
//! `&'static str`s so that a reader can hold one without a lock; the table
//! only ever grows (as on BEAM, atoms are never collected).

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

/// Index of an atom in the global table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(pub u32);

struct Table {
    names: Vec<&'static str>,
    index: HashMap<&'static str, u32>,
}

/// Atoms longer than this are a `system_limit` error in OTP.
pub const MAX_ATOM_CHARS: usize = 255;

fn table() -> &'static RwLock<Table> {
    static TABLE: OnceLock<RwLock<Table>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table { names: Vec::new(), index: HashMap::new() };
        for name in PREDEFINED {
            let id = t.names.len() as u32;
            t.names.push(name);
            t.index.insert(name, id);
        }
        RwLock::new(t)
    })
}

impl Atom {
    /// The atom for `name`, creating it if needed.
    pub fn intern(name: &str) -> Atom {
        if let Some(&i) = table().read().unwrap().index.get(name) {
            return Atom(i);
        }
        let mut t = table().write().unwrap();
        if let Some(&i) = t.index.get(name) {
            return Atom(i);
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let id = t.names.len() as u32;
        t.names.push(leaked);
        t.index.insert(leaked, id);
        Atom(id)
    }

    /// The atom for `name` only if it already exists (`list_to_existing_atom`).
    pub fn existing(name: &str) -> Option<Atom> {
        table().read().unwrap().index.get(name).map(|&i| Atom(i))
    }

    pub fn name(self) -> &'static str {
        table().read().unwrap().names[self.0 as usize]
    }

    pub fn count() -> usize {
        table().read().unwrap().names.len()
    }
}

macro_rules! predefined_atoms {
    ($($konst:ident = $name:expr),* $(,)?) => {
        const PREDEFINED: &[&str] = &[$($name),*];
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum AtomIndex { $($konst),* }
        /// Atoms the VM itself names, with fixed indices.
        pub mod atoms {
            use super::*;
            $(pub const $konst: Atom = Atom(AtomIndex::$konst as u32);)*
        }
    };
}

predefined_atoms! {
    FALSE = "false", TRUE = "true", OK = "ok", ERROR = "error", EXIT = "exit",
    THROW = "throw", UNDEFINED = "undefined", NORMAL = "normal", KILL = "kill",
    KILLED = "killed", BADARG = "badarg", BADARITH = "badarith", BADMATCH = "badmatch",
    CASE_CLAUSE = "case_clause", IF_CLAUSE = "if_clause", FUNCTION_CLAUSE = "function_clause",
    TRY_CLAUSE = "try_clause", UNDEF = "undef", BADFUN = "badfun", BADARITY = "badarity",
    BADKEY = "badkey", BADMAP = "badmap", BADRECORD = "badrecord", NOCATCH = "nocatch",
    SYSTEM_LIMIT = "system_limit", EXIT_CAPS = "EXIT", ERLANG = "erlang", LINE = "line",
    FILE = "file", INFINITY = "infinity", NIL_ATOM = "nil", EMPTY = "", LISTS = "lists",
    MAPS = "maps", IO = "io", MODULE_INFO = "module_info", MAIN = "main", DOWN = "DOWN",
    NOPROC = "noproc", NOCONNECTION = "noconnection", TIMEOUT = "timeout", ALL = "all",
    INIT = "init", NONE = "none", ENOENT = "enoent", MODULE = "module", NAME = "name",
    ARITY = "arity", TYPE = "type", ENV = "env", LOCAL = "local", EXTERNAL = "external",
    DECIMALS = "decimals", SCIENTIFIC = "scientific", COMPACT = "compact", SHORT = "short",
    ERROR_INFO = "error_info", UNDEFINED_FUNCTION = "undefined_function",
    UNDEFINED_LAMBDA = "undefined_lambda", APPLY = "apply", RETURN = "return", LATIN1 = "latin1",
    UNICODE = "unicode", UTF8 = "utf8", TRAP_EXIT = "trap_exit", BADFILE = "badfile",
    NOFILE = "nofile", EXPORTS = "exports", ATTRIBUTES = "attributes", COMPILE = "compile",
    FUNCTIONS = "functions", MD5 = "md5", NATIVE = "native", RECORD = "record",
    NOTSUP = "notsup", EOF = "eof",
}
