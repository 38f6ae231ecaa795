//! The code server: the table of loaded modules (a current and an old
//! version each, as on BEAM), the export table, the code path, and loading
//! from source (files on the code path, then the stdlib built into the
//! binary).
//!
//! Versions. Loading a module makes its current version old and the new
//! one current; a module with an old version refuses a new one
//! (`not_purged`) until the old one is purged. Purging (girder_code.erl
//! decides whom to kill) drops the old version and marks its funs purged.
//! Module versions are leaked (`&'static`): processes, funs, stack frames
//! and literals may point into an old version for as long as they live,
//! and nothing counts those references yet.
//!
//! Atomicity. Each module name has one `slot` holding its current version.
//! An export caches a `Target` (version + entry) and is valid only while
//! that version is the slot's current one; a caller that finds the cache
//! stale looks the function up in the slot's version. Installing a version
//! is one store to the slot, so a process sees either every function of a
//! version or none of them, whatever the other schedulers do meanwhile.
//!
//! Staging. `prepare` compiles and keeps the module aside, `finish` installs
//! it; in between girder_code.erl may purge (`c:c/1`, `c:l/1`, the
//! `--watch` reloader), so a source that fails to compile never costs a
//! purge.

use super::{Export, Module, Target};
use crate::term::Atom;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Mutex, OnceLock, RwLock};
use std::time::SystemTime;

include!(concat!(env!("OUT_DIR"), "/stdlib_sources.rs"));

/// The versions of one module.
#[derive(Default, Clone, Copy)]
pub struct Versions {
    pub current: Option<&'static Module>,
    pub old: Option<&'static Module>,
}

#[derive(Default)]
struct Server {
    modules: RwLock<HashMap<Atom, Versions>>,
    /// The current version of each module name, for the export table.
    slots: Mutex<HashMap<Atom, &'static AtomicPtr<Module>>>,
    exports: Mutex<HashMap<(Atom, Atom, u32), &'static Export>>,
    paths: RwLock<Vec<PathBuf>>,
    /// Serialises loading so a module is compiled once.
    loading: Mutex<()>,
    /// Compiled by `prepare`, waiting for `finish`.
    staged: Mutex<HashMap<Atom, Module>>,
    /// Source file and its modification time when last compiled, for
    /// modules loaded from a file (the `--watch` reloader compares them).
    sources: Mutex<HashMap<Atom, (PathBuf, Option<SystemTime>)>>,
    /// Purged versions (leaked; processes may still hold their literals).
    retired: Mutex<Vec<&'static Module>>,
}

fn server() -> &'static Server {
    static S: OnceLock<Server> = OnceLock::new();
    S.get_or_init(Server::default)
}

fn slot(m: Atom) -> &'static AtomicPtr<Module> {
    let mut s = server().slots.lock().unwrap();
    s.entry(m).or_insert_with(|| Box::leak(Box::new(AtomicPtr::new(std::ptr::null_mut()))))
}

/// The export entry for `m:f/a`, created unresolved if new.
pub fn export(m: Atom, f: Atom, a: u32) -> &'static Export {
    let sl = slot(m);
    let mut t = server().exports.lock().unwrap();
    t.entry((m, f, a)).or_insert_with(|| Box::leak(Box::new(Export::new(m, f, a, sl))))
}

/// Where `exp` goes now: its cached target if that is the current version,
/// else a lookup in the current version (a load in progress on another
/// thread has switched the slot and not yet every cache).
pub fn resolve(exp: &'static Export) -> Option<(&'static Module, u32)> {
    if let Some(t) = exp.target() {
        return Some((t.module, t.entry));
    }
    let cur = exp.current()?;
    cur.exports.iter().find(|(f, a, _)| *f == exp.function && *a == exp.arity).map(|e| (cur, e.2))
}

/// Append `dir` to the code path (or put it first with `front`).
pub fn add_path(dir: &Path) {
    add_path_at(dir, false)
}

pub fn add_path_at(dir: &Path, front: bool) {
    let mut p = server().paths.write().unwrap();
    p.retain(|d| d != dir);
    if front {
        p.insert(0, dir.to_path_buf());
    } else {
        p.push(dir.to_path_buf());
    }
}

pub fn paths() -> Vec<PathBuf> {
    server().paths.read().unwrap().clone()
}

/// The current version of `m`.
pub fn loaded(m: Atom) -> Option<&'static Module> {
    server().modules.read().unwrap().get(&m).and_then(|v| v.current)
}

pub fn versions(m: Atom) -> Versions {
    server().modules.read().unwrap().get(&m).copied().unwrap_or_default()
}

/// Every module with a current version, with its file.
pub fn all_loaded() -> Vec<(Atom, String)> {
    let t = server().modules.read().unwrap();
    let mut v: Vec<(Atom, String)> = t.iter().filter_map(|(a, v)| v.current.map(|m| (*a, m.file.clone()))).collect();
    v.sort_by(|a, b| a.0.name().cmp(b.0.name()));
    v
}

/// Make `module` the current version and point its exports at it; a
/// current version becomes old, and an old one is dropped (the caller has
/// made sure no process needs it: the program's first module, or
/// `try_install`'s check).
pub fn install(module: Module) -> &'static Module {
    let mut table = server().modules.write().unwrap();
    install_locked(&mut table, module)
}

fn install_locked(table: &mut HashMap<Atom, Versions>, module: Module) -> &'static Module {
    let m: &'static Module = Box::leak(Box::new(module));
    for l in &m.lambdas {
        l.code.store(m as *const Module as *mut Module, Ordering::Release);
    }
    let v = table.entry(m.name).or_default();
    if let Some(old) = v.old {
        mark_purged(old);
    }
    let previous = v.current;
    *v = Versions { current: Some(m), old: previous };
    // The switch: from here every remote call reaches `m`.
    slot(m.name).store(m as *const Module as *mut Module, Ordering::Release);
    for &(f, a, entry) in &m.exports {
        let t: &'static Target = Box::leak(Box::new(Target { module: m, entry }));
        export(m.name, f, a).set_target(Some(t));
    }
    if let Some(prev) = previous {
        for &(f, a, _) in &prev.exports {
            if !m.exports.iter().any(|e| e.0 == f && e.1 == a) {
                export(m.name, f, a).set_target(None);
            }
        }
    }
    m
}

/// Funs of a purged version can no longer be called (`badfun`).
fn mark_purged(old: &'static Module) {
    for l in &old.lambdas {
        l.code.store(std::ptr::null_mut(), Ordering::Release);
    }
    server().retired.lock().unwrap().push(old);
}

/// Why a module could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// No source file on the code path.
    NotFound,
    /// The source did not compile; the rendered diagnostics.
    Compile(String),
    /// An old version still exists.
    NotPurged,
}

impl LoadError {
    /// The reason `code:load_file/1` gives.
    pub fn reason(&self) -> &'static str {
        match self {
            LoadError::NotFound => "nofile",
            LoadError::Compile(_) => "badfile",
            LoadError::NotPurged => "not_purged",
        }
    }
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

/// The file `code:which/1` names for an unloaded module.
pub fn find_file(m: &str) -> Option<String> {
    let file = format!("{m}.erl");
    for dir in server().paths.read().unwrap().iter() {
        let p = dir.join(&file);
        if p.is_file() {
            return Some(p.display().to_string());
        }
    }
    STDLIB.iter().find(|(n, _)| *n == m).map(|(n, _)| format!("stdlib/{n}.erl"))
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Remember where `m` came from, and the file's time before it was read.
fn record_source(m: Atom, file: &str, time: Option<SystemTime>) {
    if !file.starts_with("stdlib/") || Path::new(file).is_file() {
        server().sources.lock().unwrap().insert(m, (PathBuf::from(file), time));
    }
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
    if versions(m).old.is_some() {
        return Err(LoadError::NotPurged);
    }
    let (file, src) = find_source(m.name()).ok_or(LoadError::NotFound)?;
    let time = mtime(Path::new(&file));
    let md = load_source(&file, &src)?;
    record_source(m, &file, time);
    Ok(md)
}

/// Compile `src` and install it.
pub fn load_source(file: &str, src: &str) -> Result<&'static Module, LoadError> {
    match crate::compile::compile_source(file, src) {
        Ok(module) => Ok(install(module)),
        Err(rendered) => Err(LoadError::Compile(rendered)),
    }
}

/// Record the source of a module the CLI loaded itself.
pub fn note_source(m: Atom, file: &Path) {
    record_source(m, &file.display().to_string(), mtime(file));
}

/// Compile a file for a later `finish`: `file` is a path, or None to find
/// `m`'s source on the code path. Returns the module's name.
pub fn prepare(m: Option<Atom>, file: Option<&Path>) -> Result<Atom, LoadError> {
    let (name, src, time) = match (file, m) {
        (Some(f), _) => {
            let time = mtime(f);
            let src = std::fs::read_to_string(f).map_err(|_| LoadError::NotFound)?;
            (f.display().to_string(), src, time)
        }
        (None, Some(m)) => {
            let (file, src) = find_source(m.name()).ok_or(LoadError::NotFound)?;
            let time = mtime(Path::new(&file));
            (file, src, time)
        }
        (None, None) => return Err(LoadError::NotFound),
    };
    let module = crate::compile::compile_source(&name, &src).map_err(LoadError::Compile)?;
    let mname = module.name;
    record_source(mname, &name, time);
    server().staged.lock().unwrap().insert(mname, module);
    Ok(mname)
}

/// Install the version `prepare` staged, unless an old version is in the
/// way.
pub fn finish(m: Atom) -> Result<&'static Module, LoadError> {
    let _guard = server().loading.lock().unwrap();
    let mut table = server().modules.write().unwrap();
    if table.get(&m).is_some_and(|v| v.old.is_some()) {
        server().staged.lock().unwrap().remove(&m);
        return Err(LoadError::NotPurged);
    }
    let module = server().staged.lock().unwrap().remove(&m).ok_or(LoadError::NotFound)?;
    Ok(install_locked(&mut table, module))
}

/// Drop the old version of `m`; whether there was one.
pub fn drop_old(m: Atom) -> bool {
    let mut table = server().modules.write().unwrap();
    let Some(v) = table.get_mut(&m) else { return false };
    let Some(old) = v.old.take() else { return false };
    mark_purged(old);
    if v.current.is_none() {
        table.remove(&m);
    }
    true
}

/// Make the current version of `m` old (code:delete/1): false if there is
/// no current version or an old one is in the way.
pub fn delete(m: Atom) -> bool {
    let _guard = server().loading.lock().unwrap();
    let mut table = server().modules.write().unwrap();
    let Some(v) = table.get_mut(&m) else { return false };
    if v.old.is_some() || v.current.is_none() {
        return false;
    }
    v.old = v.current.take();
    slot(m).store(std::ptr::null_mut(), Ordering::Release);
    true
}

/// The file `m` was last compiled from, if it came from a file.
pub fn source_of(m: Atom) -> Option<PathBuf> {
    server().sources.lock().unwrap().get(&m).map(|s| s.0.clone())
}

/// The directories holding the source files of loaded modules.
pub fn source_dirs() -> Vec<PathBuf> {
    let s = server().sources.lock().unwrap();
    let mut dirs: Vec<PathBuf> = s
        .iter()
        .filter(|(m, _)| loaded(**m).is_some())
        .map(|(_, (file, _))| match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// Modules loaded from files whose file changed since it was compiled:
/// (module, file). Each is reported once per change.
pub fn changed_sources() -> Vec<(Atom, PathBuf)> {
    let mut out = Vec::new();
    let mut s = server().sources.lock().unwrap();
    for (m, (file, time)) in s.iter_mut() {
        if loaded(*m).is_none() {
            continue;
        }
        let now = mtime(file);
        if now.is_some() && now != *time {
            *time = now;
            out.push((*m, file.clone()));
        }
    }
    out.sort_by(|a, b| a.0.name().cmp(b.0.name()));
    out
}

/// Whether `p` points into some loaded module's literals (a debugging aid).
pub fn is_literal(p: *const u64) -> bool {
    server()
        .modules
        .read()
        .unwrap()
        .values()
        .any(|v| v.current.iter().chain(v.old.iter()).any(|m| m.literals.contains(p)))
        || server().retired.lock().unwrap().iter().any(|m| m.literals.contains(p))
}
