//! Process BIFs: spawn, send, links, monitors, registration, references,
//! time.

use crate::heap::Alloc;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::{BifResult, Exception};
use crate::vm::process::{MaxHeap, Process};
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

/// spawn_link/spawn_monitor: the link or monitor exists before the new
/// process runs. Returns the pid and, when monitoring, the reference.
fn spawn_with(p: &mut Process, fun: Option<Term>, mfa: &[Term], link: bool, monitor: bool) -> BifResult {
    let (m, s) = boot();
    let args: Vec<Term> = match fun {
        Some(f) => {
            if crate::vm::interp::fun_arity(f) != Some(0) {
                return Err(Exception::badarg());
            }
            vec![f]
        }
        None => {
            if mfa[0].as_atom().is_none() || mfa[1].as_atom().is_none() || mfa[2].list_length().is_none() {
                return Err(Exception::badarg());
            }
            mfa.to_vec()
        }
    };
    let h = p.handle.clone().ok_or_else(Exception::badarg)?;
    let serial = monitor.then(sched::new_ref_serial);
    let pid = sched::spawn_opt(m, s, &args, Some(&h), link, serial)?;
    match serial {
        Some(serial) => {
            p.monitoring.push((serial, pid));
            let r = p.heap.reference(serial);
            Ok(p.heap.tuple(&[pid, r]))
        }
        None => Ok(pid),
    }
}
pub fn spawn_link1(p: &mut Process, a: &[Term]) -> BifResult {
    spawn_with(p, Some(a[0]), &[], true, false)
}
pub fn spawn_link3(p: &mut Process, a: &[Term]) -> BifResult {
    spawn_with(p, None, a, true, false)
}
pub fn spawn_monitor1(p: &mut Process, a: &[Term]) -> BifResult {
    spawn_with(p, Some(a[0]), &[], false, true)
}
pub fn spawn_monitor3(p: &mut Process, a: &[Term]) -> BifResult {
    spawn_with(p, None, a, false, true)
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
        sched::deliver(&h, Signal::Exit { from: p.pid, reason: Message::new(a[1]), link: false });
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
        Some(flag) => heap_flag(p, flag.name(), a[1]).unwrap_or_else(|| Err(Exception::badarg())),
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

/// monitor(process, Pid | Name | {Name, Node})
pub fn monitor(p: &mut Process, a: &[Term]) -> BifResult {
    if a[0].as_atom().map(Atom::name) != Some("process") {
        return Err(Exception::badarg());
    }
    // A registered name is looked up now; the 'DOWN' message names it as
    // {Name, Node}.
    let local_name = |t: Term| -> Option<Atom> {
        match t.as_tuple() {
            Some([n, node]) if node.as_atom().map(Atom::name) == Some(super::erlang::NODE_NAME) => n.as_atom(),
            _ => t.as_atom(),
        }
    };
    let (target, named) = if a[1].is_pid() {
        (Some(a[1]), None)
    } else if let Some(n) = local_name(a[1]) {
        (sched::whereis(n), Some(n))
    } else {
        return Err(Exception::badarg());
    };
    let serial = sched::new_ref_serial();
    let r = p.heap.reference(serial);
    let added = match target {
        Some(t) if t == p.pid => true, // monitoring oneself does nothing
        Some(t) => sched::add_monitor(t, sched::Monitor { ref_serial: serial, watcher: p.pid, named }),
        None => false,
    };
    if added {
        if let Some(t) = target {
            p.monitoring.push((serial, t));
        }
    } else {
        let who = match named {
            Some(n) => p.heap.tuple(&[Term::atom(n), Term::atom(Atom::intern(crate::bif::erlang::NODE_NAME))]),
            None => a[1],
        };
        let process = Term::atom(Atom::intern("process"));
        let down = p.heap.tuple(&[Term::atom(atoms::DOWN), r, process, who, Term::atom(atoms::NOPROC)]);
        if let Some(me) = p.handle.clone() {
            sched::deliver(&me, Signal::Msg(Message::new(down)));
        }
    }
    Ok(r)
}

fn ref_serial(t: Term) -> Option<u64> {
    t.is_ref().then(|| t.boxed_body()[0].0)
}

/// Remove the monitor `serial` this process holds; whether it was active.
fn drop_monitor(p: &mut Process, serial: u64) -> bool {
    match p.monitoring.iter().position(|(s, _)| *s == serial) {
        Some(i) => {
            let (_, target) = p.monitoring.swap_remove(i);
            sched::remove_monitor(target, serial)
        }
        None => false,
    }
}

/// Whether `m` is a `{'DOWN', Ref, _, _, _}` message for monitor `serial`.
fn is_down_for(m: Term, serial: u64) -> bool {
    matches!(m.as_tuple(), Some([tag, r, _, _, _]) if *tag == Term::atom(atoms::DOWN) && ref_serial(*r) == Some(serial))
}

pub fn demonitor1(p: &mut Process, a: &[Term]) -> BifResult {
    let serial = ref_serial(a[0]).ok_or_else(Exception::badarg)?;
    drop_monitor(p, serial);
    Ok(Term::TRUE)
}

/// demonitor(Ref, [flush | info])
pub fn demonitor2(p: &mut Process, a: &[Term]) -> BifResult {
    let serial = ref_serial(a[0]).ok_or_else(Exception::badarg)?;
    let opts = a[1].list_to_vec().ok_or_else(Exception::badarg)?;
    let (mut flush, mut info) = (false, false);
    for o in opts {
        match o.as_atom().map(Atom::name) {
            Some("flush") => flush = true,
            Some("info") => info = true,
            _ => return Err(Exception::badarg()),
        }
    }
    let was_active = drop_monitor(p, serial);
    if flush {
        let before = p.mailbox.len();
        p.mailbox.retain(|m| !is_down_for(m.term, serial));
        let mut flushed = p.mailbox.len() != before;
        if let Some(h) = p.handle.clone() {
            let mut inbox = h.inbox.lock().unwrap();
            let before = inbox.len();
            inbox.retain(|s| !matches!(s, Signal::Msg(m) if is_down_for(m.term, serial)));
            flushed |= inbox.len() != before;
        }
        if flushed {
            // Positions into the mailbox moved.
            p.save = 0;
            p.recv_mark = None;
        }
    }
    Ok(Term::bool(if info { was_active } else { true }))
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

pub(crate) fn start() -> std::time::Instant {
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

/// A timer's time: a non-negative integer of milliseconds.
fn timer_ms(t: Term) -> Result<u64, Exception> {
    match t.as_small() {
        Some(ms) if ms >= 0 => Ok(ms as u64),
        _ => Err(Exception::badarg()),
    }
}

fn timer_dest(t: Term) -> Result<Term, Exception> {
    if t.is_pid() || t.is_atom() {
        Ok(t)
    } else {
        Err(Exception::badarg())
    }
}

/// erlang:send_after(Time, Dest, Msg)
pub fn send_after(p: &mut Process, a: &[Term]) -> BifResult {
    let ms = timer_ms(a[0])?;
    let dest = timer_dest(a[1])?;
    Ok(sched::start_timer(p, ms, dest, a[2], false))
}

/// erlang:start_timer(Time, Dest, Msg): sends {timeout, TimerRef, Msg}.
pub fn start_timer(p: &mut Process, a: &[Term]) -> BifResult {
    let ms = timer_ms(a[0])?;
    let dest = timer_dest(a[1])?;
    Ok(sched::start_timer(p, ms, dest, a[2], true))
}

fn timer_left(p: &mut Process, r: Term, cancel: bool) -> BifResult {
    let serial = ref_serial(r).ok_or_else(Exception::badarg)?;
    Ok(match sched::cancel_timer(serial, cancel) {
        Some(ms) => p.heap.int(ms as i64),
        None => Term::FALSE,
    })
}

pub fn cancel_timer1(p: &mut Process, a: &[Term]) -> BifResult {
    timer_left(p, a[0], true)
}

/// cancel_timer(Ref, [{async, Bool}, {info, Bool}])
pub fn cancel_timer2(p: &mut Process, a: &[Term]) -> BifResult {
    let (asynchronous, info) = timer_options(a[1])?;
    let left = timer_left(p, a[0], true)?;
    if !info {
        return Ok(Term::atom(atoms::OK));
    }
    if asynchronous {
        // The answer comes as a message: {cancel_timer, Ref, Result}.
        let m = p.heap.tuple(&[Term::atom(Atom::intern("cancel_timer")), a[0], left]);
        if let Some(h) = p.handle.clone() {
            sched::deliver(&h, Signal::Msg(Message::new(m)));
        }
        return Ok(Term::atom(atoms::OK));
    }
    Ok(left)
}

pub fn read_timer1(p: &mut Process, a: &[Term]) -> BifResult {
    timer_left(p, a[0], false)
}

fn timer_options(opts: Term) -> Result<(bool, bool), Exception> {
    let (mut asynchronous, mut info) = (false, true);
    for o in opts.list_to_vec().ok_or_else(Exception::badarg)? {
        match o.as_tuple() {
            Some([k, v]) if v.is_boolean() => match k.as_atom().map(Atom::name) {
                Some("async") => asynchronous = *v == Term::TRUE,
                Some("info") => info = *v == Term::TRUE,
                _ => return Err(Exception::badarg()),
            },
            _ => return Err(Exception::badarg()),
        }
    }
    Ok((asynchronous, info))
}

/// erlang:system_info/1 for the counts and names programs look at.
pub fn system_info(p: &mut Process, a: &[Term]) -> BifResult {
    let n = |p: &mut Process, v: usize| p.heap.int(v as i64);
    match a[0].as_atom().map(Atom::name) {
        Some("process_count") => Ok(n(p, sched::process_count())),
        Some("process_limit") => Ok(n(p, sched::process_limit())),
        Some("schedulers" | "schedulers_online") => Ok(n(p, sched::schedulers())),
        Some("logical_processors" | "logical_processors_available" | "logical_processors_online") => {
            let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
            Ok(n(p, cores))
        }
        Some("wordsize") => Ok(n(p, 8)),
        Some("otp_release") => Ok(p.heap.str_list("25")),
        Some("version") => Ok(p.heap.str_list(env!("CARGO_PKG_VERSION"))),
        Some("machine") => Ok(p.heap.str_list("GIRDER")),
        Some("atom_count") => Ok(n(p, crate::term::Atom::count())),
        Some("thread_pool_size") => Ok(n(p, 0)),
        Some("smp_support" | "threads") => Ok(Term::TRUE),
        _ => Err(Exception::badarg()),
    }
}

/// The items process_info/1 gives, in OTP's order (`registered_name` is
/// added first for a registered process).
const DEFAULT_INFO: &[&str] = &[
    "current_function",
    "initial_call",
    "status",
    "message_queue_len",
    "links",
    "dictionary",
    "trap_exit",
    "error_handler",
    "priority",
    "group_leader",
    "total_heap_size",
    "heap_size",
    "stack_size",
    "reductions",
    "garbage_collection",
    "suspending",
];

/// Items process_info/2 knows besides the default ones (others are
/// badarg, as in OTP).
const MORE_INFO: &[&str] = &[
    "messages",
    "memory",
    "registered_name",
    "monitors",
    "monitored_by",
    "max_heap_size",
    "min_heap_size",
    "min_bin_vheap_size",
    "fullsweep_after",
];

/// Check process_info's second argument: an item or a list of items.
fn valid_items(items: Term) -> bool {
    let known =
        |t: Term| t.as_atom().is_some_and(|a| DEFAULT_INFO.contains(&a.name()) || MORE_INFO.contains(&a.name()));
    match items.list_to_vec() {
        Some(v) if !items.is_atom() => v.into_iter().all(known),
        _ => known(items),
    }
}

pub fn process_info1(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    if pid == p.pid {
        return Ok(info(p, Term::atom(atoms::ALL), true));
    }
    if sched::lookup(pid).is_none() {
        return Ok(Term::atom(atoms::UNDEFINED));
    }
    Err(Exception::trap(Atom::intern("girder_proc"), Atom::intern("process_info")))
}

/// process_info(Pid, Item | [Item]): answered here for the calling process;
/// another process answers a request signal itself, which the caller waits
/// for in girder_proc:process_info/2.
pub fn process_info2(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    if !valid_items(a[1]) {
        return Err(Exception::badarg());
    }
    if pid == p.pid {
        return Ok(info(p, a[1], true));
    }
    if sched::lookup(pid).is_none() {
        return Ok(Term::atom(atoms::UNDEFINED));
    }
    Err(Exception::trap(Atom::intern("girder_proc"), Atom::intern("process_info")))
}

/// girder_proc:request_info(Pid, Ref, Items): ask Pid for its info; the
/// answer comes as `{Ref, Info}`. False if Pid is not alive.
pub fn request_info(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    let serial = ref_serial(a[1]).ok_or_else(Exception::badarg)?;
    let items = Message::new(a[2]);
    Ok(Term::bool(sched::request(pid, Signal::Info { from: p.pid, ref_serial: serial, items })))
}

/// The answer to process_info for `p`, computed by `p` itself: `items` is
/// one item, a list of items, or `all` (not an item process_info/2
/// accepts) for process_info/1's default list.
/// `running` says the process asks about itself while running.
pub fn info(p: &mut Process, items: Term, running: bool) -> Term {
    if items == Term::atom(atoms::ALL) {
        let mut names: Vec<&str> = DEFAULT_INFO.to_vec();
        if sched::registered_name(p.pid).is_some() {
            names.insert(0, "registered_name");
        }
        let tuples: Vec<Term> = names
            .into_iter()
            .map(|n| {
                let v = info_item(p, n, running);
                p.heap.tuple(&[Term::atom(Atom::intern(n)), v])
            })
            .collect();
        return p.heap.list(&tuples);
    }
    if let Some(item) = items.as_atom() {
        let v = info_item(p, item.name(), running);
        // A process without a name gives [] for registered_name alone.
        if item.name() == "registered_name" && v.is_nil() {
            return Term::NIL;
        }
        return p.heap.tuple(&[items, v]);
    }
    let list = items.list_to_vec().unwrap_or_default();
    let tuples: Vec<Term> = list
        .into_iter()
        .map(|i| {
            let v = info_item(p, i.as_atom().map_or("", Atom::name), running);
            p.heap.tuple(&[i, v])
        })
        .collect();
    p.heap.list(&tuples)
}

fn mfa_tuple(p: &mut Process, m: Atom, f: Atom, a: u32) -> Term {
    p.heap.tuple(&[Term::atom(m), Term::atom(f), Term::small(a as i64)])
}

fn info_item(p: &mut Process, item: &str, running: bool) -> Term {
    let h = p.handle.clone();
    match item {
        "current_function" => match p.resume.filter(|_| !running) {
            Some(r) => match r.module.function_at(r.pc as usize) {
                Some(f) => {
                    let (name, arity) = (f.name, f.arity);
                    mfa_tuple(p, r.module.name, name, arity)
                }
                None => Term::atom(atoms::UNDEFINED),
            },
            None => mfa_tuple(p, atoms::ERLANG, Atom::intern("process_info"), 2),
        },
        "initial_call" => {
            let (m, f, a) = p.initial_call;
            mfa_tuple(p, m, f, a)
        }
        "status" => Term::atom(Atom::intern(if running {
            "running"
        } else if p.waiting {
            "waiting"
        } else {
            "runnable"
        })),
        "message_queue_len" => {
            let queued = h
                .as_ref()
                .map_or(0, |h| h.inbox.lock().unwrap().iter().filter(|s| matches!(s, Signal::Msg(_))).count());
            Term::small((p.mailbox.len() + queued) as i64)
        }
        "messages" => {
            let mut ms: Vec<Term> = p.mailbox.iter().map(|m| m.term).collect();
            if let Some(h) = &h {
                for s in h.inbox.lock().unwrap().iter() {
                    if let Signal::Msg(m) = s {
                        ms.push(m.term);
                    }
                }
            }
            let copies: Vec<Term> = ms.into_iter().map(|m| p.heap.copy_term(m)).collect();
            p.heap.list(&copies)
        }
        "links" => {
            let links = h.as_ref().map_or(Vec::new(), |h| h.shared.lock().unwrap().links.clone());
            p.heap.list(&links)
        }
        "monitors" => {
            let process = Term::atom(Atom::intern("process"));
            let targets: Vec<Term> = p.monitoring.iter().map(|(_, t)| *t).collect();
            let ts: Vec<Term> = targets.into_iter().map(|t| p.heap.tuple(&[process, t])).collect();
            p.heap.list(&ts)
        }
        "monitored_by" => {
            let by = h.as_ref().map_or(Vec::new(), |h| {
                h.shared.lock().unwrap().monitors.iter().map(|m| m.watcher).collect::<Vec<_>>()
            });
            p.heap.list(&by)
        }
        "dictionary" => {
            let pairs: Vec<(Term, Term)> = p.dict.chunks(2).map(|kv| (kv[0], kv[1])).collect();
            let ts: Vec<Term> = pairs.into_iter().map(|(k, v)| p.heap.tuple(&[k, v])).collect();
            p.heap.list(&ts)
        }
        "trap_exit" => Term::bool(h.as_ref().is_some_and(|h| h.trap_exit.load(Ordering::Acquire))),
        "error_handler" => Term::atom(Atom::intern("error_handler")),
        "priority" => Term::atom(Atom::intern("normal")),
        "group_leader" => Term::pid(0),
        "total_heap_size" => p.heap.int(p.total_heap_words() as i64),
        "heap_size" => p.heap.int(p.heap.size() as i64),
        "max_heap_size" => max_heap_term(p, p.max_heap),
        "min_heap_size" => p.heap.int(p.heap.min_words as i64),
        "min_bin_vheap_size" => Term::small(46422),
        "fullsweep_after" => p.heap.int(p.heap.fullsweep_after as i64),
        "stack_size" => p.heap.int(p.stack.len() as i64),
        "reductions" => p.heap.int(p.reductions as i64),
        "memory" => p.heap.int((p.memory_words() * 8) as i64),
        "registered_name" => match sched::registered_name(p.pid) {
            Some(n) => Term::atom(n),
            None => Term::NIL,
        },
        "suspending" => Term::NIL,
        "garbage_collection" => {
            // OTP's items in OTP's order; minor_gcs counts girder's minor
            // collections since the last full sweep, as OTP's does.
            let max = max_heap_term(p, p.max_heap);
            let item = |p: &mut Process, k: &str, v: Term| p.heap.tuple(&[Term::atom(Atom::intern(k)), v]);
            let (min, fsa, minor) = (p.heap.min_words, p.heap.fullsweep_after, p.heap.minor_gcs());
            let items = [
                item(p, "max_heap_size", max),
                item(p, "min_bin_vheap_size", Term::small(46422)),
                item(p, "min_heap_size", Term::small(min as i64)),
                item(p, "fullsweep_after", Term::small(fsa as i64)),
                item(p, "minor_gcs", Term::small(minor as i64)),
            ];
            p.heap.list(&items)
        }
        _ => Term::atom(atoms::UNDEFINED),
    }
}

// ---------------------------------------------------------------------------
// Heap settings, spawn_opt, garbage_collect, memory

/// A non-negative integer that fits a word count.
fn words_arg(t: Term) -> Option<usize> {
    t.as_small().filter(|n| *n >= 0).map(|n| n as usize)
}

/// `max_heap_size` as process_flag/2 and spawn_opt take it: a size in
/// words, or a map with `size` (required), `kill` and `error_logger`.
fn max_heap_arg(t: Term) -> Option<MaxHeap> {
    if let Some(size) = words_arg(t) {
        return Some(MaxHeap { size, ..MaxHeap::default() });
    }
    if !t.is_map() {
        return None;
    }
    let key = |k: &str| super::maps::lookup(t, Term::atom(Atom::intern(k)));
    let size = words_arg(key("size")?)?;
    let mut mh = MaxHeap { size, ..MaxHeap::default() };
    // Other keys are ignored, as OTP does.
    for (k, field) in [("kill", &mut mh.kill), ("error_logger", &mut mh.error_logger)] {
        if let Some(v) = key(k) {
            if !v.is_boolean() {
                return None;
            }
            *field = v == Term::TRUE;
        }
    }
    Some(mh)
}

/// A size limit must leave room for the smallest heap (0: no limit).
fn max_heap_fits(mh: MaxHeap, min_words: usize) -> bool {
    mh.size == 0 || mh.size >= min_words
}

/// `max_heap_size` in the map form process_info and process_flag give.
fn max_heap_term(p: &mut Process, mh: MaxHeap) -> Term {
    let keys =
        [Term::atom(Atom::intern("error_logger")), Term::atom(Atom::intern("kill")), Term::atom(Atom::intern("size"))];
    let size = p.heap.int(mh.size as i64);
    p.heap.map_sorted(&keys, &[Term::bool(mh.error_logger), Term::bool(mh.kill), size])
}

/// process_flag/2 for the heap settings; None if `flag` is not one of them.
fn heap_flag(p: &mut Process, flag: &str, v: Term) -> Option<BifResult> {
    let bad = || Some(Err(Exception::badarg()));
    match flag {
        "max_heap_size" => {
            let Some(mh) = max_heap_arg(v).filter(|mh| max_heap_fits(*mh, p.heap.min_words)) else { return bad() };
            let old = std::mem::replace(&mut p.max_heap, mh);
            Some(Ok(max_heap_term(p, old)))
        }
        "min_heap_size" => {
            let Some(n) = words_arg(v) else { return bad() };
            let old = p.heap.min_words;
            p.heap.min_words = crate::heap::gc::next_heap_size(n);
            Some(Ok(p.heap.int(old as i64)))
        }
        "fullsweep_after" => {
            let Some(n) = words_arg(v) else { return bad() };
            let old = std::mem::replace(&mut p.heap.fullsweep_after, n as u64);
            Some(Ok(p.heap.int(old as i64)))
        }
        "min_bin_vheap_size" => {
            words_arg(v)?;
            Some(Ok(Term::small(46422)))
        }
        "priority" => match v.as_atom().map(Atom::name) {
            Some("low" | "normal" | "high" | "max") => Some(Ok(Term::atom(Atom::intern("normal")))),
            _ => bad(),
        },
        _ => None,
    }
}

/// spawn_opt's options.
struct SpawnOpts {
    link: bool,
    monitor: bool,
    heap: sched::HeapOpts,
}

/// Parse spawn_opt's option list; badarg for anything OTP refuses.
fn spawn_opts(opts: Term) -> Result<SpawnOpts, Exception> {
    let list = opts.list_to_vec().ok_or_else(Exception::badarg)?;
    let mut o = SpawnOpts { link: false, monitor: false, heap: sched::HeapOpts::default() };
    for t in list {
        match (t.as_atom().map(Atom::name), t.as_tuple()) {
            (Some("link"), _) => o.link = true,
            (Some("monitor"), _) => o.monitor = true,
            (_, Some([k, v])) => {
                let ok = match k.as_atom().map(Atom::name) {
                    Some("min_heap_size") => words_arg(*v).map(|n| o.heap.min_heap_size = Some(n)).is_some(),
                    Some("fullsweep_after") => words_arg(*v).map(|n| o.heap.fullsweep_after = Some(n as u64)).is_some(),
                    Some("max_heap_size") => max_heap_arg(*v).map(|mh| o.heap.max_heap = Some(mh)).is_some(),
                    Some("min_bin_vheap_size") => words_arg(*v).is_some(),
                    Some("priority") => {
                        matches!(v.as_atom().map(Atom::name), Some("low" | "normal" | "high" | "max"))
                    }
                    Some("message_queue_data") => {
                        matches!(v.as_atom().map(Atom::name), Some("off_heap" | "on_heap"))
                    }
                    _ => false,
                };
                if !ok {
                    return Err(Exception::badarg());
                }
            }
            _ => return Err(Exception::badarg()),
        }
    }
    let min = o.heap.min_heap_size.map_or(crate::heap::MIN_HEAP_WORDS, crate::heap::gc::next_heap_size);
    if o.heap.max_heap.is_some_and(|mh| !max_heap_fits(mh, min)) {
        return Err(Exception::badarg());
    }
    Ok(o)
}

/// spawn_opt of a fun (`fun`) or of M:F(A) (`mfa`) with options `opts`.
fn spawn_opt_with(p: &mut Process, fun: Option<Term>, mfa: &[Term], opts: Term) -> BifResult {
    let args: Vec<Term> = match fun {
        Some(f) if f.is_fun() => vec![f],
        Some(_) => return Err(Exception::badarg()),
        None => {
            if mfa[0].as_atom().is_none() || mfa[1].as_atom().is_none() || mfa[2].list_length().is_none() {
                return Err(Exception::badarg());
            }
            mfa.to_vec()
        }
    };
    let o = spawn_opts(opts)?;
    let (m, s) = boot();
    let h = p.handle.clone();
    if (o.link || o.monitor) && h.is_none() {
        return Err(Exception::badarg());
    }
    let serial = o.monitor.then(sched::new_ref_serial);
    let pid = sched::spawn_with_heap(m, s, &args, h.as_deref(), o.link, serial, o.heap)?;
    match serial {
        Some(serial) => {
            p.monitoring.push((serial, pid));
            let r = p.heap.reference(serial);
            Ok(p.heap.tuple(&[pid, r]))
        }
        None => Ok(pid),
    }
}

/// The node argument of spawn_opt/3,5: only this node exists.
fn local_node(t: Term) -> Result<(), Exception> {
    match t.as_atom() {
        Some(n) if n.name() == super::erlang::NODE_NAME => Ok(()),
        _ => Err(Exception::badarg()),
    }
}

pub fn spawn_opt2(p: &mut Process, a: &[Term]) -> BifResult {
    spawn_opt_with(p, Some(a[0]), &[], a[1])
}
pub fn spawn_opt3(p: &mut Process, a: &[Term]) -> BifResult {
    local_node(a[0])?;
    spawn_opt_with(p, Some(a[1]), &[], a[2])
}
pub fn spawn_opt4(p: &mut Process, a: &[Term]) -> BifResult {
    spawn_opt_with(p, None, &a[..3], a[3])
}
pub fn spawn_opt5(p: &mut Process, a: &[Term]) -> BifResult {
    local_node(a[0])?;
    spawn_opt_with(p, None, &a[1..4], a[4])
}

/// garbage_collect/2's options: whether it is asynchronous, and the
/// request id then.
fn gc_options(opts: Term) -> Result<Option<Term>, Exception> {
    let mut req = None;
    for o in opts.list_to_vec().ok_or_else(Exception::badarg)? {
        match o.as_tuple() {
            Some([k, v]) if k.as_atom().map(Atom::name) == Some("async") => req = Some(*v),
            Some([k, v])
                if k.as_atom().map(Atom::name) == Some("type")
                    && matches!(v.as_atom().map(Atom::name), Some("major" | "minor")) => {}
            _ => return Err(Exception::badarg()),
        }
    }
    Ok(req)
}

pub fn garbage_collect0(p: &mut Process, _a: &[Term]) -> BifResult {
    p.heap.request_collection();
    Ok(Term::TRUE)
}

/// garbage_collect(Pid) and garbage_collect(Pid, Opts): the calling
/// process collects at its next safe point (before it runs on); another
/// is sent a request it answers after collecting, which the caller waits
/// for in girder_proc:garbage_collect/2 (or, with `{async, ReqId}`, gets
/// as `{garbage_collect, ReqId, Result}`).
fn garbage_collect_pid(p: &mut Process, pid: Term, asynchronous: Option<Term>) -> BifResult {
    let pid = pid_arg(pid)?;
    if pid == p.pid {
        p.heap.request_collection();
        return match asynchronous {
            Some(req) => {
                let m = sched::gc_answer(&Message::new(req), true, true);
                p.gc_replies.get_or_insert_with(Default::default).push((pid, m));
                Ok(Term::atom(Atom::intern("async")))
            }
            None => Ok(Term::TRUE),
        };
    }
    match asynchronous {
        Some(req) => {
            let tag = Message::new(req);
            if !sched::request(pid, Signal::Gc { from: p.pid, tag, asynchronous: true }) {
                sched::send_message(p.pid, sched::gc_answer(&Message::new(req), true, false));
            }
            Ok(Term::atom(Atom::intern("async")))
        }
        None if sched::lookup(pid).is_none() => Ok(Term::FALSE),
        None => Err(Exception::trap(Atom::intern("girder_proc"), Atom::intern("garbage_collect"))),
    }
}

pub fn garbage_collect1(p: &mut Process, a: &[Term]) -> BifResult {
    garbage_collect_pid(p, a[0], None)
}
pub fn garbage_collect2(p: &mut Process, a: &[Term]) -> BifResult {
    let req = gc_options(a[1])?;
    garbage_collect_pid(p, a[0], req)
}

/// girder_proc:request_gc(Pid, Ref): ask Pid to collect; the answer comes
/// as `{Ref, true}`. False if Pid is not alive.
pub fn request_gc(p: &mut Process, a: &[Term]) -> BifResult {
    let pid = pid_arg(a[0])?;
    if !a[1].is_ref() {
        return Err(Exception::badarg());
    }
    let tag = Message::new(a[1]);
    Ok(Term::bool(sched::request(pid, Signal::Gc { from: p.pid, tag, asynchronous: false })))
}

const MEMORY_TYPES: &[&str] =
    &["total", "processes", "processes_used", "system", "atom", "atom_used", "binary", "code", "ets"];

/// erlang:memory's figures, in bytes, taken at once so that they add up.
/// Processes: every process heap block plus the process structures;
/// binary: off-heap binaries; atom: the atom table's names; code: loaded
/// modules (an estimate from the number loaded); system: everything but
/// processes.
struct MemorySnapshot {
    processes: usize,
    atom: usize,
    binary: usize,
    code: usize,
}

impl MemorySnapshot {
    fn now() -> MemorySnapshot {
        MemorySnapshot {
            processes: crate::heap::heap_bytes() + sched::process_count() * std::mem::size_of::<Process>(),
            atom: crate::term::Atom::count() * 16,
            binary: crate::term::binary::offheap_bytes(),
            code: crate::code::server::all_loaded().len() * 16 * 1024,
        }
    }
    fn get(&self, kind: &str) -> usize {
        let system = self.atom + self.binary + self.code + 512 * 1024;
        match kind {
            "total" => self.processes + system,
            "processes" | "processes_used" => self.processes,
            "system" => system,
            "atom" | "atom_used" => self.atom,
            "binary" => self.binary,
            "code" => self.code,
            _ => 0,
        }
    }
}

/// `[{Kind, Bytes}]` for the kinds named, from one snapshot.
fn memory_list(p: &mut Process, kinds: &[&str]) -> Term {
    let m = MemorySnapshot::now();
    let items: Vec<Term> = kinds
        .iter()
        .map(|k| {
            let v = p.heap.int(m.get(k) as i64);
            p.heap.tuple(&[Term::atom(Atom::intern(k)), v])
        })
        .collect();
    p.heap.list(&items)
}

pub fn memory0(p: &mut Process, _a: &[Term]) -> BifResult {
    Ok(memory_list(p, MEMORY_TYPES))
}

pub fn memory1(p: &mut Process, a: &[Term]) -> BifResult {
    let kind = |t: Term| t.as_atom().map(Atom::name).filter(|n| MEMORY_TYPES.contains(n));
    if let Some(k) = kind(a[0]) {
        return Ok(p.heap.int(MemorySnapshot::now().get(k) as i64));
    }
    if a[0].is_atom() {
        return Err(Exception::badarg());
    }
    let list = a[0].list_to_vec().ok_or_else(Exception::badarg)?;
    let names: Vec<&str> = list.iter().map(|t| kind(*t)).collect::<Option<_>>().ok_or_else(Exception::badarg)?;
    Ok(memory_list(p, &names))
}
