//! The code server: the table of loaded modules and of exports, and loading
//! on demand from source (the code path, then the stdlib built into the
//! binary).

use super::{Export, Module, Target};
use crate::term::Atom;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, RwLock};

include!(concat!(env!("OUT_DIR"), "/stdlib_sources.rs"));

#[derive(Default)]
struct Server {
    modules: RwLock<HashMap<Atom, &'static Module>>,
    exports: Mutex<HashMap<(Atom, Atom, u32), &'static Export>>,
    paths: RwLock<Vec<PathBuf>>,
    /// Serialises loading so a module is compiled once.
    loading: Mutex<()>,
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(Server::default)
}

/// The export entry for `m:f/a`, created unresolved if new.
pub fn export(m: Atom, f: Atom, a: u32) -> &'static Export {
    let mut t = server().exports.lock().unwrap();
    t.entry((m, f, a)).or_insert_with(|| Box::leak(Box::new(Export::new(m, f, a))))
}

pub fn add_path(dir: &Path) {
    let mut p = server().paths.write().unwrap();
    if !p.iter().any(|d| d == dir) {
        p.push(dir.to_path_buf());
    }
}

pub fn loaded(m: Atom) -> Option<&'static Module> {
    server().modules.read().unwrap().get(&m).copied()
}

/// Make `module` the current version and point its exports at it.
pub fn install(module: Module) -> &'static Module {
    let m: &'static Module = Box::leak(Box::new(module));
    for l in &m.lambdas {
        l.code.store(m as *const Module as *mut Module, std::sync::atomic::Ordering::Release);
    }
    for &(f, a, entry) in &m.exports {
        let t: &'static Target = Box::leak(Box::new(Target { module: m, entry }));
        export(m.name, f, a).set_target(Some(t));
    }
    server().modules.write().unwrap().insert(m.name, m);
    m
}

/// Why a module could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// No source file on the code path.
    NotFound,
    /// The source did not compile; the rendered diagnostics.
    Compile(String),
}

/// Where the source of module `m` is: a file on the code path, or the
/// stdlib built in.
pub fn find_source(m: &str) -> Option<(String, String)> {
    let file = format!("{m}.erl");
    for dir in server().paths.read().unwrap().iter() {
        let p = dir.join(&file);
        if let Ok(src) = std::fs::read_to_string(&p) {
            return Some((p.display().to_string(), src));
        }
    }
    STDLIB.iter().find(|(n, _)| *n == m).map(|(n, s)| (format!("stdlib/{n}.erl"), s.to_string()))
}

/// The current version of `m`, loading it from source if needed.
pub fn ensure_loaded(m: Atom) -> Result<&'static Module, LoadError> {
    if let Some(md) = loaded(m) {
        return Ok(md);
    }
    let _guard = server().loading.lock().unwrap();
    if let Some(md) = loaded(m) {
        return Ok(md);
    }
    let (file, src) = find_source(m.name()).ok_or(LoadError::NotFound)?;
    load_source(&file, &src)
}

/// Compile `src` and install it.
pub fn load_source(file: &str, src: &str) -> Result<&'static Module, LoadError> {
    match crate::compile::compile_source(file, src) {
        Ok(module) => Ok(install(module)),
        Err(rendered) => Err(LoadError::Compile(rendered)),
    }
}

/// Whether `p` points into some loaded module's literals (a debugging aid).
pub fn is_literal(p: *const u64) -> bool {
    server().modules.read().unwrap().values().any(|m| m.literals.contains(p))
}
