//! `file` BIFs: whole-file reads and writes, directories, file info,
//! `file:consult/1`, and files opened with `file:open/2`.
//!
//! An open file is the term `{file_descriptor, girder_file, N}` (OTP's
//! raw files are `{file_descriptor, prim_file, _}`; its ordinary ones are
//! pids): N keys the table `OPEN` below. A file stays open until
//! `file:close/1`; it is not closed when the process that opened it exits.
//! `io:format/3`, `io:put_chars/2` and `io:get_line/2` accept such a handle.

use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The POSIX name OTP gives for `e`.
fn posix_name(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "enoent",
        K::PermissionDenied => "eacces",
        K::AlreadyExists => "eexist",
        _ => match e.raw_os_error() {
            Some(21) => "eisdir",
            Some(20) => "enotdir",
            Some(28) => "enospc",
            Some(39) => "eexist",
            Some(9) => "ebadf",
            Some(18) => "exdev",
            Some(22) => "einval",
            Some(16) => "ebusy",
            _ => "eio",
        },
    }
}

fn error_tuple(p: &mut Process, why: &str) -> Term {
    p.heap.tuple(&[Term::atom(atoms::ERROR), Term::atom(Atom::intern(why))])
}

fn posix_error(p: &mut Process, e: &std::io::Error) -> Term {
    error_tuple(p, posix_name(e))
}

fn ok_tuple(p: &mut Process, v: Term) -> Term {
    p.heap.tuple(&[Term::atom(atoms::OK), v])
}

fn ok_or_error(p: &mut Process, r: std::io::Result<()>) -> BifResult {
    match r {
        Ok(()) => Ok(Term::atom(atoms::OK)),
        Err(e) => Ok(posix_error(p, &e)),
    }
}

/// A file name: a string (deep lists and atoms allowed) or a binary,
/// whose bytes are the name as they are.
pub fn path_arg(t: Term) -> Option<PathBuf> {
    if let Some(b) = t.binary_cow() {
        return Some(PathBuf::from(std::ffi::OsStr::from_bytes(&b)));
    }
    let cs = crate::format::chardata(t, crate::format::BinChars::Utf8, 0x10ffff)?;
    if t.is_binary() {
        return None;
    }
    Some(PathBuf::from(cs.into_iter().collect::<String>()))
}

/// The bytes of iodata: bytes, binaries and lists of them.
fn iodata(t: Term) -> Option<Vec<u8>> {
    if t.is_binary() {
        return t.binary_cow().map(|b| b.into_owned());
    }
    if !(t.is_list() || t.is_nil()) {
        return None;
    }
    super::binary::iolist_bytes(t).ok()
}

fn error_badarg(p: &mut Process) -> BifResult {
    Ok(error_tuple(p, "badarg"))
}

/// file:read_file(Name) -> {ok, Binary}
pub fn read_file(p: &mut Process, a: &[Term]) -> BifResult {
    let Some(name) = path_arg(a[0]) else { return error_badarg(p) };
    match std::fs::read(&name) {
        Ok(b) => {
            let bin = p.heap.binary_arc(Arc::from(b));
            Ok(ok_tuple(p, bin))
        }
        Err(e) => Ok(posix_error(p, &e)),
    }
}

/// file:write_file(Name, Data): Data is iodata; anything else gives
/// `{error, badarg}`, as in OTP.
pub fn write_file(p: &mut Process, a: &[Term]) -> BifResult {
    let (Some(name), Some(bytes)) = (path_arg(a[0]), iodata(a[1])) else { return error_badarg(p) };
    let r = std::fs::write(&name, &bytes);
    ok_or_error(p, r)
}

/// file:write_file(Name, Data, Modes): `append` and `exclusive` change
/// how the file is opened; `write`, `binary`, `raw` and the like are
/// accepted and change nothing here.
pub fn write_file3(p: &mut Process, a: &[Term]) -> BifResult {
    let (Some(name), Some(bytes)) = (path_arg(a[0]), iodata(a[1])) else { return error_badarg(p) };
    let Some(modes) = a[2].list_to_vec() else { return error_badarg(p) };
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    for m in modes {
        match m.as_atom().map(|x| x.name()) {
            Some("append") => {
                o.append(true).truncate(false);
            }
            Some("exclusive") => {
                o.create_new(true);
            }
            Some("write" | "binary" | "raw" | "delayed_write" | "sync" | "read") => {}
            _ => return error_badarg(p),
        }
    }
    let r = o.open(&name).and_then(|mut f| f.write_all(&bytes));
    ok_or_error(p, r)
}

macro_rules! path_op {
    ($(#[$doc:meta])* $name:ident, $op:expr) => {
        $(#[$doc])*
        pub fn $name(p: &mut Process, a: &[Term]) -> BifResult {
            let Some(name) = path_arg(a[0]) else { return error_badarg(p) };
            let r = $op(&name);
            ok_or_error(p, r)
        }
    };
}

path_op!(
    /// file:delete(Name)
    delete,
    std::fs::remove_file
);
path_op!(
    /// file:make_dir(Name)
    make_dir,
    std::fs::create_dir
);
path_op!(
    /// file:del_dir(Name)
    del_dir,
    std::fs::remove_dir
);
path_op!(
    /// file:set_cwd(Name)
    set_cwd,
    std::env::set_current_dir
);

/// file:rename(From, To)
pub fn rename(p: &mut Process, a: &[Term]) -> BifResult {
    let (Some(from), Some(to)) = (path_arg(a[0]), path_arg(a[1])) else { return error_badarg(p) };
    let r = std::fs::rename(from, to);
    ok_or_error(p, r)
}

/// A name as OTP returns it: a string, or a binary for names that are not
/// UTF-8.
fn name_term(p: &mut Process, name: &std::ffi::OsStr) -> Term {
    match name.to_str() {
        Some(s) => p.heap.str_list(s),
        None => p.heap.binary(name.as_bytes()),
    }
}

/// file:list_dir(Dir) -> {ok, Names} in the directory's order
pub fn list_dir(p: &mut Process, a: &[Term]) -> BifResult {
    let Some(name) = path_arg(a[0]) else { return error_badarg(p) };
    let entries = match std::fs::read_dir(&name) {
        Ok(d) => d,
        Err(e) => return Ok(posix_error(p, &e)),
    };
    let mut names = Vec::new();
    for e in entries {
        match e {
            Ok(e) => names.push(e.file_name()),
            Err(e) => return Ok(posix_error(p, &e)),
        }
    }
    let ts: Vec<Term> = names.iter().map(|n| name_term(p, n)).collect();
    let l = p.heap.list(&ts);
    Ok(ok_tuple(p, l))
}

/// file:get_cwd() -> {ok, Dir}
pub fn get_cwd(p: &mut Process, _a: &[Term]) -> BifResult {
    match std::env::current_dir() {
        Ok(d) => {
            let t = name_term(p, d.as_os_str());
            Ok(ok_tuple(p, t))
        }
        Err(e) => Ok(posix_error(p, &e)),
    }
}

/// `{{Y, M, D}, {H, Mi, S}}` for seconds since the epoch (UTC: girder
/// does not read the time zone, so this is OTP's local time only where
/// the zone is UTC).
fn datetime(p: &mut Process, secs: i64) -> Term {
    let (y, m, d) = super::os::civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let date = p.heap.tuple(&[Term::small(y), Term::small(m), Term::small(d)]);
    let time = p.heap.tuple(&[Term::small(s / 3600), Term::small(s / 60 % 60), Term::small(s % 60)]);
    p.heap.tuple(&[date, time])
}

/// file:read_file_info(Name): the `#file_info{}` record.
pub fn read_file_info(p: &mut Process, a: &[Term]) -> BifResult {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let Some(name) = path_arg(a[0]) else { return error_badarg(p) };
    let md = match std::fs::metadata(&name) {
        Ok(m) => m,
        Err(e) => return Ok(posix_error(p, &e)),
    };
    let ft = md.file_type();
    let kind = if ft.is_file() {
        "regular"
    } else if ft.is_dir() {
        "directory"
    } else if ft.is_symlink() {
        "symlink"
    } else if ft.is_block_device() || ft.is_char_device() {
        "device"
    } else {
        "other"
    };
    let mode = md.mode();
    // What the calling user may do, as OTP works it out from the mode bits.
    let (uid, gid) = (md.uid(), md.gid());
    let me = std::fs::metadata("/proc/self").map(|m| (m.uid(), m.gid())).unwrap_or((u32::MAX, u32::MAX));
    let shift = if me.0 == 0 || me.0 == uid {
        6
    } else if me.1 == gid {
        3
    } else {
        0
    };
    let (r, w) = if me.0 == 0 { (true, true) } else { (mode >> shift & 4 != 0, mode >> shift & 2 != 0) };
    let access = match (r, w) {
        (true, true) => "read_write",
        (true, false) => "read",
        (false, true) => "write",
        _ => "none",
    };
    let atime = datetime(p, md.atime());
    let mtime = datetime(p, md.mtime());
    let ctime = datetime(p, md.ctime());
    let size = p.heap.int(md.size() as i64);
    let inode = p.heap.int(md.ino() as i64);
    let fields = [
        Term::atom(Atom::intern("file_info")),
        size,
        Term::atom(Atom::intern(kind)),
        Term::atom(Atom::intern(access)),
        atime,
        mtime,
        ctime,
        Term::small(mode as i64),
        Term::small(md.nlink() as i64),
        Term::small((md.dev() >> 8) as i64 & 0xfff),
        Term::small(md.dev() as i64 & 0xff),
        inode,
        Term::small(uid as i64),
        Term::small(gid as i64),
    ];
    let info = p.heap.tuple(&fields);
    Ok(ok_tuple(p, info))
}

/// file:consult(Name): `{ok, Terms}`, `{error, Posix}`, or
/// `{error, {Line, erl_parse, Message}}` for a file that is not a sequence
/// of `Term.` (girder's message wording, not OTP's).
pub fn consult(p: &mut Process, a: &[Term]) -> BifResult {
    let Some(name) = path_arg(a[0]) else { return error_badarg(p) };
    let src = match std::fs::read(&name) {
        // Latin-1, as OTP reads a file without an encoding comment.
        Ok(b) => b.iter().map(|&c| c as char).collect::<String>(),
        Err(e) => return Ok(posix_error(p, &e)),
    };
    match crate::compile::consult_terms(&src) {
        Ok((_arena, terms)) => {
            let copied: Vec<Term> = terms.iter().map(|t| p.heap.copy_term(*t)).collect();
            let l = p.heap.list(&copied);
            Ok(ok_tuple(p, l))
        }
        Err((line, msg)) => {
            let m = p.heap.str_list(&msg);
            let why = p.heap.tuple(&[Term::small(line as i64), Term::atom(Atom::intern("erl_parse")), m]);
            Ok(p.heap.tuple(&[Term::atom(atoms::ERROR), why]))
        }
    }
}

// ---- open files -------------------------------------------------------------

struct OpenFile {
    file: File,
    /// Bytes read from the file ahead of the position the program sees.
    ahead: Vec<u8>,
    readable: bool,
    writable: bool,
    /// `binary` mode: reads return binaries, not lists.
    binary: bool,
}

impl OpenFile {
    /// Give back read-ahead bytes so the OS position is the program's.
    fn unread(&mut self) -> std::io::Result<()> {
        if !self.ahead.is_empty() {
            self.file.seek(SeekFrom::Current(-(self.ahead.len() as i64)))?;
            self.ahead.clear();
        }
        Ok(())
    }
    /// Read more into `ahead`; false at end of file.
    fn fill(&mut self) -> std::io::Result<bool> {
        let mut buf = [0u8; 8192];
        let n = self.file.read(&mut buf)?;
        self.ahead.extend_from_slice(&buf[..n]);
        Ok(n > 0)
    }
    fn read(&mut self, n: usize) -> std::io::Result<Option<Vec<u8>>> {
        while self.ahead.len() < n && self.fill()? {}
        if self.ahead.is_empty() && n > 0 {
            return Ok(None);
        }
        let k = n.min(self.ahead.len());
        Ok(Some(self.ahead.drain(..k).collect()))
    }
    /// A line, its "\r\n" ending made "\n", as file:read_line/1 gives it.
    fn read_line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut from = 0;
        loop {
            if let Some(i) = self.ahead[from..].iter().position(|&c| c == b'\n') {
                let mut line: Vec<u8> = self.ahead.drain(..from + i + 1).collect();
                if line.len() >= 2 && line[line.len() - 2] == b'\r' {
                    line.remove(line.len() - 2);
                }
                return Ok(Some(line));
            }
            from = self.ahead.len();
            if !self.fill()? {
                if self.ahead.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(std::mem::take(&mut self.ahead)));
            }
        }
    }
}

static NEXT_FD: AtomicU64 = AtomicU64::new(1);

fn open_files() -> &'static Mutex<HashMap<u64, OpenFile>> {
    static OPEN: OnceLock<Mutex<HashMap<u64, OpenFile>>> = OnceLock::new();
    OPEN.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The number in a `{file_descriptor, girder_file, N}` handle.
pub fn handle_id(t: Term) -> Option<u64> {
    match t.as_tuple() {
        Some([a, b, n])
            if a.as_atom().is_some_and(|x| x.name() == "file_descriptor")
                && b.as_atom().is_some_and(|x| x.name() == "girder_file") =>
        {
            n.as_small().map(|n| n as u64)
        }
        _ => None,
    }
}

/// Run `f` on the open file `t`; None when `t` is not an open file.
fn with_file<R>(t: Term, f: impl FnOnce(&mut OpenFile) -> R) -> Option<R> {
    let id = handle_id(t)?;
    let mut table = open_files().lock().unwrap_or_else(|e| e.into_inner());
    table.get_mut(&id).map(f)
}

/// file:open(Name, Modes) -> {ok, Fd}
pub fn open(p: &mut Process, a: &[Term]) -> BifResult {
    let Some(name) = path_arg(a[0]) else { return error_badarg(p) };
    let Some(modes) = a[1].list_to_vec() else { return error_badarg(p) };
    let (mut read, mut write, mut append, mut exclusive, mut binary) = (false, false, false, false, false);
    for m in modes {
        if let Some(x) = m.as_atom() {
            match x.name() {
                "read" => read = true,
                "write" => write = true,
                "append" => append = true,
                "exclusive" => exclusive = true,
                "binary" => binary = true,
                "list" => binary = false,
                "raw" | "read_ahead" | "delayed_write" | "sync" | "compressed" => {}
                _ => return error_badarg(p),
            }
            continue;
        }
        match m.as_tuple() {
            Some([k, _]) if k.as_atom().is_some_and(|x| matches!(x.name(), "read_ahead" | "delayed_write")) => {}
            Some([k, v])
                if k.as_atom().is_some_and(|x| x.name() == "encoding")
                    && v.as_atom().is_some_and(|x| matches!(x.name(), "latin1" | "utf8" | "unicode")) => {}
            _ => return error_badarg(p),
        }
    }
    if !(write || append || exclusive) {
        read = true;
    }
    let mut o = std::fs::OpenOptions::new();
    o.read(read);
    if write || append || exclusive {
        o.write(true).create(true);
        // write alone truncates; with read it keeps the contents.
        o.truncate(write && !read && !append);
    }
    if append {
        o.append(true);
    }
    if exclusive {
        o.create_new(true);
    }
    let file = match o.open(&name) {
        Ok(f) => f,
        Err(e) => return Ok(posix_error(p, &e)),
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) && (write || append) {
        return Ok(error_tuple(p, "eisdir"));
    }
    let id = NEXT_FD.fetch_add(1, Ordering::Relaxed);
    let of = OpenFile { file, ahead: Vec::new(), readable: read, writable: write || append || exclusive, binary };
    open_files().lock().unwrap_or_else(|e| e.into_inner()).insert(id, of);
    let fd = p.heap.tuple(&[
        Term::atom(Atom::intern("file_descriptor")),
        Term::atom(Atom::intern("girder_file")),
        Term::small(id as i64),
    ]);
    Ok(ok_tuple(p, fd))
}

/// file:close(Fd): `ok` for a handle already closed too, as OTP answers
/// for the pid of a file that is gone.
pub fn close(p: &mut Process, a: &[Term]) -> BifResult {
    match handle_id(a[0]) {
        Some(id) => {
            open_files().lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
            Ok(Term::atom(atoms::OK))
        }
        None => Ok(error_tuple(p, "einval")),
    }
}

/// Data read from a file: a binary or a list, as the file's mode says.
fn data_term(p: &mut Process, bytes: Vec<u8>, binary: bool) -> Term {
    if binary {
        p.heap.binary_arc(Arc::from(bytes))
    } else {
        let v: Vec<Term> = bytes.iter().map(|&b| Term::small(b as i64)).collect();
        p.heap.list(&v)
    }
}

fn read_result(p: &mut Process, r: Option<(std::io::Result<Option<Vec<u8>>>, bool)>) -> BifResult {
    match r {
        None => Ok(error_tuple(p, "einval")),
        Some((Ok(Some(bytes)), binary)) => {
            let t = data_term(p, bytes, binary);
            Ok(ok_tuple(p, t))
        }
        Some((Ok(None), _)) => Ok(Term::atom(Atom::intern("eof"))),
        Some((Err(e), _)) => Ok(posix_error(p, &e)),
    }
}

fn ebadf() -> std::io::Error {
    std::io::Error::from_raw_os_error(9)
}

/// file:read(Fd, N) -> {ok, Data} | eof
pub fn read(p: &mut Process, a: &[Term]) -> BifResult {
    let n = a[1].as_small().filter(|n| *n >= 0).ok_or_else(Exception::badarg)? as usize;
    let r = with_file(a[0], |f| (if f.readable { f.read(n) } else { Err(ebadf()) }, f.binary));
    read_result(p, r)
}

/// file:read_line(Fd) -> {ok, Line} | eof
pub fn read_line(p: &mut Process, a: &[Term]) -> BifResult {
    let r = with_file(a[0], |f| (if f.readable { f.read_line() } else { Err(ebadf()) }, f.binary));
    read_result(p, r)
}

/// Write bytes to an open file (file:write/2, io:format/3 on a file).
pub fn write_bytes(t: Term, bytes: &[u8]) -> Option<std::io::Result<()>> {
    with_file(t, |f| {
        if !f.writable {
            return Err(ebadf());
        }
        f.unread()?;
        f.file.write_all(bytes)
    })
}

/// file:write(Fd, IoData)
pub fn write(p: &mut Process, a: &[Term]) -> BifResult {
    let Some(bytes) = iodata(a[1]) else { return error_badarg(p) };
    match write_bytes(a[0], &bytes) {
        None => Ok(error_tuple(p, "einval")),
        Some(r) => ok_or_error(p, r),
    }
}

/// file:position(Fd, Location) -> {ok, Offset}
pub fn position(p: &mut Process, a: &[Term]) -> BifResult {
    let at = |t: Term| t.as_small();
    let loc = a[1];
    let target = if let Some(n) = at(loc) {
        Some(SeekFrom::Start(n.max(0) as u64))
    } else if let Some(x) = loc.as_atom() {
        match x.name() {
            "bof" => Some(SeekFrom::Start(0)),
            "cur" => Some(SeekFrom::Current(0)),
            "eof" => Some(SeekFrom::End(0)),
            _ => None,
        }
    } else {
        match loc.as_tuple() {
            Some([k, n]) => match (k.as_atom().map(|x| x.name()), at(*n)) {
                (Some("bof"), Some(n)) if n >= 0 => Some(SeekFrom::Start(n as u64)),
                (Some("cur"), Some(n)) => Some(SeekFrom::Current(n)),
                (Some("eof"), Some(n)) => Some(SeekFrom::End(n)),
                _ => None,
            },
            _ => None,
        }
    };
    let Some(target) = target else { return Ok(error_tuple(p, "einval")) };
    match with_file(a[0], |f| f.unread().and_then(|()| f.file.seek(target))) {
        None => Ok(error_tuple(p, "einval")),
        Some(Ok(pos)) => {
            let t = p.heap.int(pos as i64);
            Ok(ok_tuple(p, t))
        }
        Some(Err(e)) => Ok(posix_error(p, &e)),
    }
}

/// A line from an open file for io:get_line/2 (as a list or binary per
/// the mode), `eof`, or None when `t` is not an open file.
pub fn get_line(p: &mut Process, t: Term) -> Option<Term> {
    let (r, binary) = with_file(t, |f| (if f.readable { f.read_line() } else { Err(ebadf()) }, f.binary))?;
    Some(match r {
        Ok(Some(bytes)) => data_term(p, bytes, binary),
        Ok(None) => Term::atom(Atom::intern("eof")),
        Err(e) => posix_error(p, &e),
    })
}
