//! Process BIFs: spawn, send, links, monitors, registration, references,
//! time.

use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::Process;
use crate::vm::sched::{self, Message, Signal};
use std::sync::atomic::Ordering;

fn pid_arg(t: Term) -> Result<Term, Exception> {
    if t.is_pid() {
        Ok(t)
    } else {
        Err(Exception::badarg())
    }
}

pub fn self_(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.pid)
}

/// `Dest ! Msg` / erlang:send/2: a pid, a registered name, or
/// `{Name, Node}`. An unknown bare name is badarg; an unknown `{Name, Node}`
/// is not (as in OTP, the message is dropped, and so is one for another
/// node: girder is not distributed).
pub fn send(_p: &mut Process, a: &[Term]) -> BifResult {
    let to = if a[0].is_pid() {
        Some(a[0])
    } else if let Some(name) = a[0].as_atom() {
        Some(sched::whereis(name).ok_or_else(Exception::badarg)?)
    } else if let Some([name, node]) = a[0].as_tuple() {
        let (name, node) = name.as_atom().zip(node.as_atom()).ok_or_else(Exception::badarg)?;
        if node.name() == super::erlang::NODE_NAME {
            sched::whereis(name)
        } else {
            None
        }
    } else {
        return Err(Exception::badarg());
    };
    if let Some(to) = to {
        sched::send(to, a[1]);
    }
    Ok(a[1])
}

/// The module and function that run a fun in a new process.
fn boot() -> (Atom, Atom) {
    (Atom::intern("girder_proc"), Atom::intern("start"))
}

fn spawn_fun(f: Term) -> BifResult {
    if crate::vm::interp::fun_arity(f) != Some(0) {
        return Err(Exception::badarg());
    }
    let (m, s) = boot();
    sched::spawn(m, s, &[f])
}

fn spawn_mfa(a: &[Term]) -> BifResult {
    // Checked here so a bad call fails in the caller, as in OTP; whether
    // M:F/A exists is found out by the new process (undef).
    if a[0].as_atom().is_none() || a[1].as_atom().is_none() || a[2].list_length().is_none() {
        return Err(Exception::badarg());
    }
    let (m, s) = boot();
    sched::spawn(m, s, &[a[0], a[1], a[2]])
}

pub fn spawn1(_p: &mut Process, a: &[Term]) -> BifResult {
    spawn_fun(a[0])
}
pub fn spawn3(_p: &mut Process, a: &[Term]) -> BifResult {
    spawn_mfa(a)
}

fn link_new(p: &mut Process, pid: Term) -> BifResult {
    if let Some(h) = p.handle.clone() {
        sched::link(&h, pid);
    }
    Ok(pid)
}
pub fn spawn_link1(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = spawn_fun(a[0])?;
    link_new(p, pid)
}
pub fn spawn_link3(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = spawn_mfa(a)?;
    link_new(p, pid)
}

pub fn link(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    if pid == p.pid {
        return Ok(Term::TRUE);
    }
    let h = p.handle.clone().ok_or_else(Exception::badarg)?;
    if !sched::link(&h, pid) {
        // OTP: linking to a dead process fails with noproc (unless trapping,
        // where an {'EXIT', Pid, noproc} message arrives instead).
        if h.trap_exit.load(Ordering::Acquire) {
            let m = p.heap.tuple(&[Term::atom(atoms::EXIT_CAPS), pid, Term::atom(atoms::NOPROC)]);
            sched::deliver(&h, Signal::Msg(Message::new(m)));
        } else {
            return Err(Exception::error(Term::atom(atoms::NOPROC)));
        }
    }
    Ok(Term::TRUE)
}

pub fn unlink(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    if let Some(h) = p.handle.clone() {
        sched::unlink(&h, pid);
    }
    Ok(Term::TRUE)
}

/// exit(Pid, Reason): an exit signal as if Pid's link partner died.
pub fn exit2(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    if pid == p.pid {
        // A signal to yourself acts before exit/2 returns, as in OTP; and
        // a normal one ends a process that does not trap exits.
        let trapping = p.handle.as_ref().is_some_and(|h| h.trap_exit.load(Ordering::Acquire));
        if a[1] == Term::atom(atoms::KILL) {
            return Err(Exception::exit_signal(Term::atom(atoms::KILLED)));
        }
        if !trapping {
            return Err(Exception::exit_signal(a[1]));
        }
    }
    if let Some(h) = sched::lookup(pid) {
        sched::deliver(&h, Signal::Exit { from: p.pid, reason: Message::new(a[1]), by_exit_bif: true });
    }
    Ok(Term::TRUE)
}

pub fn process_flag(p: &mut Process, a: &[Term]) -> BifResult {
    match a[0].as_atom() {
        Some(atoms::TRAP_EXIT) if a[1].is_boolean() => {
            let h = p.handle.clone().ok_or_else(Exception::badarg)?;
            let old = h.trap_exit.swap(a[1] == Term::TRUE, Ordering::AcqRel);
            Ok(Term::bool(old))
        }
        _ => Err(Exception::badarg()),
    }
}

pub fn make_ref(p: &mut Process, _a: &[Term]) -> BifResult {
    let serial = sched::new_ref_serial();
    // Messages queued now cannot contain the new reference. Exit signals
    // are not counted (a trapped one becomes a message later, which only
    // makes the mark smaller: safe).
    let queued =
        p.handle.as_ref().map_or(0, |h| h.inbox.lock().unwrap().iter().filter(|s| matches!(s, Signal::Msg(_))).count());
    p.recv_mark = Some((serial, p.mailbox.len() + queued));
    Ok(p.heap.reference(serial))
}

/// What `monitor(process, Target)` watches: a pid, a registered name, or
/// `{Name, Node}` for this node. A name is looked up once, now; the 'DOWN'
/// then names `{Name, Node}` rather than the pid.
fn monitor_target(t: Term) -> Result<(Option<Term>, Option<Atom>), Exception> {
    if t.is_pid() {
        return Ok((Some(t), None));
    }
    let name = match (t.as_atom(), t.as_tuple()) {
        (Some(n), _) => n,
        (None, Some([n, node])) if node.as_atom().map(Atom::name) == Some(super::erlang::NODE_NAME) => {
            n.as_atom().ok_or_else(Exception::badarg)?
        }
        _ => return Err(Exception::badarg()),
    };
    Ok((sched::whereis(name), Some(name)))
}

/// Set up a monitor of `target` by the process `p`; a target that is not
/// alive gets its 'DOWN' (noproc) at once. Returns the reference.
fn add_monitor(p: &mut Process, target: Option<Term>, name: Option<Atom>) -> Term {
    let serial = sched::new_ref_serial();
    let r = p.heap.reference(serial);
    // OTP sets up no monitor of a process by itself (it could never fire).
    if target == Some(p.pid) {
        return r;
    }
    match target.and_then(sched::lookup).filter(|h| h.alive.load(Ordering::Acquire)) {
        Some(h) => h.monitors.lock().unwrap().push(sched::Monitor { serial, watcher: p.pid, name }),
        None => {
            let object = match (name, target) {
                (Some(n), _) => p.heap.tuple(&[Term::atom(n), Term::atom(Atom::intern(super::erlang::NODE_NAME))]),
                (None, Some(pid)) => pid,
                (None, None) => Term::atom(atoms::UNDEFINED),
            };
            let down = p.heap.tuple(&[
                Term::atom(atoms::DOWN),
                r,
                Term::atom(Atom::intern("process")),
                object,
                Term::atom(atoms::NOPROC),
            ]);
            if let Some(me) = p.handle.clone() {
                sched::deliver(&me, Signal::Msg(Message::new(down)));
            }
        }
    }
    r
}

/// monitor(process, Pid | Name | {Name, Node})
pub fn monitor(p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].as_atom().map(Atom::name) != Some("process") {
        return Err(Exception::badarg());
    }
    let (target, name) = monitor_target(a[1])?;
    Ok(add_monitor(p, target, name))
}

/// spawn_monitor/1,3: spawn, then monitor; `{Pid, Ref}`. Unlike spawn/1,
/// OTP checks the fun's arity here.
pub fn spawn_monitor1(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = spawn_fun(a[0])?;
    let r = add_monitor(p, Some(pid), None);
    Ok(p.heap.tuple(&[pid, r]))
}
pub fn spawn_monitor3(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = spawn_mfa(a)?;
    let r = add_monitor(p, Some(pid), None);
    Ok(p.heap.tuple(&[pid, r]))
}

/// Remove the monitor with reference `r` from whichever process holds it;
/// whether one was found.
fn remove_monitor(r: Term) -> Result<bool, Exception> {
    if !r.is_ref() {
        return Err(Exception::badarg());
    }
    let serial = r.boxed_body()[0].0;
    let mut found = false;
    for pid in sched::all_pids() {
        if let Some(h) = sched::lookup(pid) {
            let mut ms = h.monitors.lock().unwrap();
            let before = ms.len();
            ms.retain(|m| m.serial != serial);
            found |= ms.len() != before;
        }
    }
    Ok(found)
}

pub fn demonitor1(_p: &mut Process, a: &[Term]) -> BifResult {
    remove_monitor(a[0])?;
    Ok(Term::TRUE)
}

/// demonitor(Ref, Options): `flush` also removes a 'DOWN' for Ref already
/// received; `info` answers whether the monitor was still there.
pub fn demonitor2(p: &mut Process, a: &[Term]) -> BifResult {
    let (mut flush, mut info) = (false, false);
    for o in a[1].list_to_vec().ok_or_else(Exception::badarg)? {
        match o.as_atom().map(Atom::name) {
            Some("flush") => flush = true,
            Some("info") => info = true,
            _ => return Err(Exception::badarg()),
        }
    }
    let found = remove_monitor(a[0])?;
    if flush {
        flush_down(p, a[0]);
    }
    Ok(if info { Term::bool(found) } else { Term::TRUE })
}

/// Drop every `{'DOWN', R, _, _, _}` from the mailbox and the signals not
/// yet moved into it.
fn flush_down(p: &mut Process, r: Term) {
    let is_down = |t: Term| {
        matches!(t.as_tuple(), Some([tag, r2, _, _, _])
            if *tag == Term::atom(atoms::DOWN) && crate::term::order::eq_exact(*r2, r))
    };
    if let Some(h) = p.handle.clone() {
        h.inbox.lock().unwrap().retain(|s| !matches!(s, Signal::Msg(m) if is_down(m.term)));
    }
    // A receive is not in progress (this is a BIF call), so only the mark
    // of the make_ref optimisation counts positions in the mailbox.
    let mut i = 0;
    while i < p.mailbox.len() {
        if is_down(p.mailbox[i].term) {
            p.mailbox.remove(i);
            if let Some((serial, pos)) = p.recv_mark {
                if i < pos {
                    p.recv_mark = Some((serial, pos - 1));
                }
            }
        } else {
            i += 1;
        }
    }
}

pub fn register(_p: &mut Process, a: &[Term]) -> BifResult {
    let name = a[0].as_atom().filter(|n| *n != atoms::UNDEFINED).ok_or_else(Exception::badarg)?;
    let pid = pid_arg(a[1])?;
    if sched::register(name, pid) {
        Ok(Term::TRUE)
    } else {
        Err(Exception::badarg())
    }
}
pub fn unregister(_p: &mut Process, a: &[Term]) -> BifResult {
    let name = a[0].as_atom().ok_or_else(Exception::badarg)?;
    if sched::unregister(name) {
        Ok(Term::TRUE)
    } else {
        Err(Exception::badarg())
    }
}
pub fn whereis(_p: &mut Process, a: &[Term]) -> BifResult {
    let name = a[0].as_atom().ok_or_else(Exception::badarg)?;
    Ok(sched::whereis(name).unwrap_or(Term::atom(atoms::UNDEFINED)))
}
pub fn registered(p: &mut Process, _a: &[Term]) -> BifResult {
    let names: Vec<Term> = sched::registered().into_iter().map(Term::atom).collect();
    Ok(p.heap.list(&names))
}
pub fn is_process_alive(_p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    Ok(Term::bool(sched::lookup(pid).is_some_and(|h| h.alive.load(Ordering::Acquire))))
}
pub fn processes(p: &mut Process, _a: &[Term]) -> BifResult {
    let pids = sched::all_pids();
    Ok(p.heap.list(&pids))
}

fn start() -> std::time::Instant {
    static S: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *S.get_or_init(std::time::Instant::now)
}

/// Nanoseconds scaled to a time unit (native = nanosecond here).
fn in_unit(ns: i128, unit: Term) -> Result<i128, Exception> {
    let per_sec: i128 = match unit.as_atom().map(Atom::name) {
        Some("second" | "seconds") => 1,
        Some("millisecond" | "milli_seconds") => 1_000,
        Some("microsecond" | "micro_seconds") => 1_000_000,
        Some("nanosecond" | "nano_seconds" | "native" | "perf_counter") => 1_000_000_000,
        _ => match unit.as_small() {
            Some(n) if n > 0 => n as i128,
            _ => return Err(Exception::badarg()),
        },
    };
    Ok(ns.div_euclid(1_000_000_000 / per_sec.clamp(1, 1_000_000_000)))
}

pub fn monotonic_time0(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.int(start().elapsed().as_nanos() as i64))
}
pub fn monotonic_time1(p: &mut Process, a: &[Term]) -> BifResult {
    let v = in_unit(start().elapsed().as_nanos() as i128, a[0])?;
    Ok(p.heap.int(v as i64))
}
fn now_ns() -> i128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as i128)
}
pub fn system_time0(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(p.heap.int(now_ns() as i64))
}
pub fn system_time1(p: &mut Process, a: &[Term]) -> BifResult {
    let v = in_unit(now_ns(), a[0])?;
    Ok(p.heap.int(v as i64))
}
