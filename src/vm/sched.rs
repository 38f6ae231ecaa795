//! Processes as the schedulers see them: the process table, mailboxes and
//! signals, links and monitors, timers, and the scheduler threads.
//!
//! What other processes touch lives in a shared `ProcHandle` (the incoming
//! signal queue, a few flags, links and monitors, and the parked process
//! while it waits); the `Process` itself is owned by whoever runs it.
//! Signals from one sender arrive in order, as OTP guarantees.
//!
//! There is one scheduler thread per core (`--schedulers N`). Each has a
//! FIFO run queue (a crossbeam work-stealing deque) and a heap of timers;
//! an idle scheduler steals from the others and then sleeps until it is
//! woken or its next timer is due. A waiting process is in no queue: its
//! `Process` is parked in its handle, and whoever sends it a signal (or
//! the timer of its `receive ... after`) makes it runnable again on the
//! waker's own scheduler.
//!
//! The parking protocol: the scheduler first puts the process in the
//! handle's `parked` slot, then sets `waiting`, then checks the inbox once
//! more. A sender first pushes into the inbox, then swaps `waiting` to
//! false; whoever sees `true` there owns the parked process and queues it.
//! Either the scheduler's last check sees the signal or the sender sees the
//! flag, so no wake-up is lost.

use super::exception::{Class, Exception};
use super::interp::{self, Exit};
use super::process::{Process, Registers};
use crate::heap::{Alloc, Arena};
use crate::term::{atoms, Atom, Term};
use crossbeam_deque::{Injector, Steal, Stealer, Worker};
use std::cell::RefCell;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A term copied out of its sender, in memory of its own until received.
pub struct Message {
    pub arena: Arena,
    pub term: Term,
}

impl Message {
    pub fn new(t: Term) -> Message {
        let (arena, term) = Arena::copy_of(t);
        Message { arena, term }
    }
}

pub enum Signal {
    Msg(Message),
    /// An exit signal: from a linked process that ended (`link`), or sent
    /// by exit/2.
    Exit {
        from: Term,
        reason: Message,
        link: bool,
    },
    /// process_info asked of this process by `from`: answer with the
    /// message `{Ref, Info}`.
    Info {
        from: Term,
        ref_serial: u64,
        items: Message,
    },
    /// check_process_code asked of this process by `from`: answer with
    /// `{Ref, Bool}`, whether it runs the old version of `module`.
    CheckCode {
        from: Term,
        ref_serial: u64,
        module: Atom,
    },
    /// garbage_collect/1,2 asked of this process by `from`: collect, then
    /// answer (see `gc_answer`).
    Gc {
        from: Term,
        tag: Message,
        asynchronous: bool,
    },
}

/// A monitor held on a process: who watches, under which reference.
#[derive(Clone, Copy)]
pub struct Monitor {
    pub ref_serial: u64,
    pub watcher: Term,
    /// What the watcher named: the pid, or a registered name (for the
    /// `'DOWN'` message's second-to-last element).
    pub named: Option<Atom>,
}

/// Links and monitors, under one lock. A process that exits sends its
/// link and monitor signals while holding it, so that once unlink/1 or
/// demonitor/1 has taken the lock, the signals they cancel are either
/// never sent or already queued (and then skipped or flushed). No code
/// holds two of these locks at once.
#[derive(Default)]
pub struct Shared {
    pub links: Vec<Term>,
    pub monitors: Vec<Monitor>,
}

/// The shared part of a process.
pub struct ProcHandle {
    pub pid: Term,
    pub inbox: Mutex<VecDeque<Signal>>,
    /// Set while the process is parked waiting for a signal.
    waiting: AtomicBool,
    /// Cleared (under the `shared` lock) when the process exits, so that a
    /// link or monitor made at the same moment is either seen by the exit
    /// or refused.
    pub alive: AtomicBool,
    pub trap_exit: AtomicBool,
    pub shared: Mutex<Shared>,
    /// The process while it waits in receive.
    parked: Mutex<Option<Box<Process>>>,
}

impl ProcHandle {
    fn new(pid: Term) -> Arc<ProcHandle> {
        Arc::new(ProcHandle {
            pid,
            inbox: Mutex::new(VecDeque::new()),
            waiting: AtomicBool::new(false),
            alive: AtomicBool::new(true),
            trap_exit: AtomicBool::new(false),
            shared: Mutex::new(Shared::default()),
            parked: Mutex::new(None),
        })
    }
}

const SHARDS: usize = 64;

/// Pid serial -> handle. FxHash: every send looks a pid up, and the keys
/// are plain counters, which need no flood-resistant hash.
type Procs = HashMap<u64, Arc<ProcHandle>, rustc_hash::FxBuildHasher>;

struct Table {
    /// Pid serial -> handle, in shards so that schedulers sending at the
    /// same time rarely take the same lock.
    procs: [Mutex<Procs>; SHARDS],
    names: Mutex<HashMap<Atom, Term>>,
}

impl Table {
    fn shard(&self, serial: u64) -> std::sync::MutexGuard<'_, Procs> {
        self.procs[serial as usize % SHARDS].lock().unwrap()
    }
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Table { procs: std::array::from_fn(|_| Mutex::default()), names: Mutex::default() })
}

static NEXT_PID: AtomicU64 = AtomicU64::new(1);
static NEXT_REF: AtomicU64 = AtomicU64::new(1);
/// Processes alive now, and how many may be (`+P`).
static PROCESS_COUNT: AtomicUsize = AtomicUsize::new(0);
static PROCESS_LIMIT: AtomicUsize = AtomicUsize::new(DEFAULT_PROCESS_LIMIT);
pub const DEFAULT_PROCESS_LIMIT: usize = 1 << 20;
/// The number of scheduler threads of the running VM.
static SCHEDULERS: AtomicUsize = AtomicUsize::new(1);

pub fn new_ref_serial() -> u64 {
    NEXT_REF.fetch_add(1, Ordering::Relaxed)
}

/// OTP rounds the `+P` value up to a power of two, at least 1024.
pub fn set_process_limit(n: usize) {
    PROCESS_LIMIT.store(n.clamp(1024, 1 << 27).next_power_of_two(), Ordering::Relaxed);
}
pub fn process_limit() -> usize {
    PROCESS_LIMIT.load(Ordering::Relaxed)
}
pub fn process_count() -> usize {
    PROCESS_COUNT.load(Ordering::Relaxed)
}
pub fn schedulers() -> usize {
    SCHEDULERS.load(Ordering::Relaxed)
}

pub fn lookup(pid: Term) -> Option<Arc<ProcHandle>> {
    table().shard(pid.pid_serial()).get(&pid.pid_serial()).cloned()
}

pub fn whereis(name: Atom) -> Option<Term> {
    table().names.lock().unwrap().get(&name).copied()
}

pub fn register(name: Atom, pid: Term) -> bool {
    let mut names = table().names.lock().unwrap();
    if names.contains_key(&name) || names.values().any(|p| *p == pid) || lookup(pid).is_none() {
        return false;
    }
    names.insert(name, pid);
    true
}

pub fn unregister(name: Atom) -> bool {
    table().names.lock().unwrap().remove(&name).is_some()
}

pub fn registered() -> Vec<Atom> {
    table().names.lock().unwrap().keys().copied().collect()
}

/// The name a process is registered under, if any.
pub fn registered_name(pid: Term) -> Option<Atom> {
    table().names.lock().unwrap().iter().find(|(_, p)| **p == pid).map(|(n, _)| *n)
}

pub fn all_pids() -> Vec<Term> {
    let mut v: Vec<Term> =
        table().procs.iter().flat_map(|s| s.lock().unwrap().values().map(|h| h.pid).collect::<Vec<_>>()).collect();
    v.sort_by_key(|p| p.pid_serial());
    v
}

/// Deliver a signal; make the receiver runnable if it waits.
pub fn deliver(to: &ProcHandle, s: Signal) {
    to.inbox.lock().unwrap().push_back(s);
    wake(to);
}

/// Make a parked process runnable, if it is parked and nobody else has
/// claimed it first.
fn wake(h: &ProcHandle) {
    if h.waiting.swap(false, Ordering::AcqRel) {
        let parked = h.parked.lock().unwrap().take();
        if let Some(p) = parked {
            make_runnable(p, true);
        }
    }
}

/// `Pid ! Msg`: sending to a dead process is not an error.
pub fn send(to: Term, msg: Term) {
    if let Some(h) = lookup(to) {
        deliver(&h, Signal::Msg(Message::new(msg)));
    }
}

/// Send a message already copied out of its sender.
pub fn send_message(to: Term, m: Message) {
    if let Some(h) = lookup(to) {
        deliver(&h, Signal::Msg(m));
    }
}

/// A new process that will call `m:f(args)`; the arguments are copied.
/// Fails with `system_limit` when the process limit is reached.
pub fn spawn(m: Atom, f: Atom, args: &[Term]) -> Result<Term, Exception> {
    spawn_opt(m, f, args, None, false, None)
}

/// A new process's heap settings (spawn_opt's `min_heap_size`,
/// `fullsweep_after`, `max_heap_size`); None keeps the default.
#[derive(Default, Clone, Copy)]
pub struct HeapOpts {
    pub min_heap_size: Option<usize>,
    pub fullsweep_after: Option<u64>,
    pub max_heap: Option<super::process::MaxHeap>,
}

/// spawn with options: linked to `parent` and/or monitored by it under the
/// reference `monitor`, both in place before the new process can run.
pub fn spawn_opt(
    m: Atom,
    f: Atom,
    args: &[Term],
    parent: Option<&ProcHandle>,
    link: bool,
    monitor: Option<u64>,
) -> Result<Term, Exception> {
    spawn_with_heap(m, f, args, parent, link, monitor, HeapOpts::default())
}

/// spawn_opt with heap settings.
pub fn spawn_with_heap(
    m: Atom,
    f: Atom,
    args: &[Term],
    parent: Option<&ProcHandle>,
    link: bool,
    monitor: Option<u64>,
    heap: HeapOpts,
) -> Result<Term, Exception> {
    if PROCESS_COUNT.fetch_add(1, Ordering::AcqRel) >= process_limit() {
        PROCESS_COUNT.fetch_sub(1, Ordering::AcqRel);
        return Err(Exception::error(Term::atom(Atom::intern("system_limit"))));
    }
    let serial = NEXT_PID.fetch_add(1, Ordering::Relaxed);
    let pid = Term::pid(serial);
    let mut p = Box::new(Process::new(pid));
    if let Some(min) = heap.min_heap_size {
        let words = crate::heap::gc::next_heap_size(min);
        p.heap = crate::heap::Heap::new(words);
        p.heap.min_words = words;
    }
    if let Some(n) = heap.fullsweep_after {
        p.heap.fullsweep_after = n;
    }
    if let Some(mh) = heap.max_heap {
        p.max_heap = mh;
    }
    let copied: Vec<Term> = args.iter().map(|a| p.heap.copy_term(*a)).collect();
    if let Err(e) = interp::prepare_call(&mut p, m, f, &copied) {
        PROCESS_COUNT.fetch_sub(1, Ordering::AcqRel);
        return Err(e);
    }
    // girder_proc:start(M, F, Args) is spawn/3's M:F/A; a fun is started
    // through erlang:apply/2 in OTP's terms.
    if let ([m, f, a], true) = (args, m.name() == "girder_proc") {
        if let (Some(m), Some(f), Some(n)) = (m.as_atom(), f.as_atom(), a.list_length()) {
            p.initial_call = (m, f, n as u32);
        }
    }
    let h = ProcHandle::new(pid);
    if let Some(parent) = parent {
        let mut s = h.shared.lock().unwrap();
        if link {
            s.links.push(parent.pid);
            parent.shared.lock().unwrap().links.push(pid);
        }
        if let Some(ref_serial) = monitor {
            s.monitors.push(Monitor { ref_serial, watcher: parent.pid, named: None });
        }
    }
    p.handle = Some(h.clone());
    table().shard(serial).insert(serial, h);
    make_runnable(p, false);
    Ok(pid)
}

/// Link two processes; false if `b` is not alive.
pub fn link(a: &ProcHandle, b: Term) -> bool {
    let Some(hb) = lookup(b) else { return false };
    {
        let mut sb = hb.shared.lock().unwrap();
        if !hb.alive.load(Ordering::Acquire) {
            return false;
        }
        if !sb.links.contains(&a.pid) {
            sb.links.push(a.pid);
        }
    }
    let mut sa = a.shared.lock().unwrap();
    if !sa.links.contains(&b) {
        sa.links.push(b);
    }
    true
}

pub fn unlink(a: &ProcHandle, b: Term) {
    a.shared.lock().unwrap().links.retain(|x| *x != b);
    if let Some(hb) = lookup(b) {
        hb.shared.lock().unwrap().links.retain(|x| *x != a.pid);
    }
}

/// Monitor `target` for `m.watcher`; false if it is not alive.
pub fn add_monitor(target: Term, m: Monitor) -> bool {
    let Some(h) = lookup(target) else { return false };
    let mut s = h.shared.lock().unwrap();
    if !h.alive.load(Ordering::Acquire) {
        return false;
    }
    s.monitors.push(m);
    true
}

/// Remove the monitor `ref_serial` from `target`; whether it was there.
pub fn remove_monitor(target: Term, ref_serial: u64) -> bool {
    let Some(h) = lookup(target) else { return false };
    let mut s = h.shared.lock().unwrap();
    let before = s.monitors.len();
    s.monitors.retain(|m| m.ref_serial != ref_serial);
    s.monitors.len() != before
}

/// The exit reason a crash gives: `{Reason, Stack}` for errors.
fn exit_reason(p: &mut Process, e: &Exception) -> Term {
    match e.class {
        Class::Exit => e.reason,
        Class::Error => p.heap.tuple(&[e.reason, e.trace]),
        Class::Throw => {
            let nocatch = p.heap.tuple(&[Term::atom(atoms::NOCATCH), e.reason]);
            p.heap.tuple(&[nocatch, e.trace])
        }
    }
}

/// A process ended with `reason`: tell its links and monitors, forget it.
fn terminate(p: &mut Process, reason: Term) {
    let Some(h) = p.handle.take() else { return };
    {
        let mut s = h.shared.lock().unwrap();
        h.alive.store(false, Ordering::Release);
        // Gone from the table and the names before anyone hears of the
        // exit: whoever gets the 'DOWN' or 'EXIT' sees it in neither.
        table().shard(p.pid.pid_serial()).remove(&p.pid.pid_serial());
        table().names.lock().unwrap().retain(|_, v| *v != p.pid);
        PROCESS_COUNT.fetch_sub(1, Ordering::AcqRel);
        for l in std::mem::take(&mut s.links) {
            if let Some(hl) = lookup(l) {
                deliver(&hl, Signal::Exit { from: p.pid, reason: Message::new(reason), link: true });
            }
        }
        for m in std::mem::take(&mut s.monitors) {
            if let Some(hw) = lookup(m.watcher) {
                let r = p.heap.reference(m.ref_serial);
                let who = match m.named {
                    Some(n) => p.heap.tuple(&[Term::atom(n), Term::atom(Atom::intern(crate::bif::erlang::NODE_NAME))]),
                    None => p.pid,
                };
                let process = Term::atom(Atom::intern("process"));
                let down = p.heap.tuple(&[Term::atom(atoms::DOWN), r, process, who, reason]);
                deliver(&hw, Signal::Msg(Message::new(down)));
            }
        }
    }
    // Requests that came too late get `undefined` (see request_info).
    let late: Vec<Signal> = h.inbox.lock().unwrap().drain(..).collect();
    for s in late {
        match s {
            Signal::Info { from, ref_serial, .. } => answer_info(p, from, ref_serial, Term::atom(atoms::UNDEFINED)),
            Signal::CheckCode { from, ref_serial, .. } => answer_info(p, from, ref_serial, Term::FALSE),
            Signal::Gc { from, tag, asynchronous } => send_message(from, gc_answer(&tag, asynchronous, false)),
            _ => {}
        }
    }
}

/// Send `target` a request it answers itself with a message (`Info`,
/// `CheckCode`); false if it is not alive (then no answer will come).
pub fn request(target: Term, signal: Signal) -> bool {
    let Some(h) = lookup(target) else { return false };
    {
        let mut inbox = h.inbox.lock().unwrap();
        // Checked under the inbox lock: a process that exits drains its
        // inbox for requests after clearing `alive`, so a request is either
        // refused here or answered there.
        if !h.alive.load(Ordering::Acquire) {
            return false;
        }
        inbox.push_back(signal);
    }
    wake(&h);
    true
}

/// The answer to a garbage_collect request: `{Tag, Done}` to a caller
/// that waits, `{garbage_collect, Tag, Done}` for an async one.
pub fn gc_answer(tag: &Message, asynchronous: bool, done: bool) -> Message {
    let mut arena = Arena::default();
    let t = arena.copy_term(tag.term);
    let term = if asynchronous {
        arena.tuple(&[Term::atom(Atom::intern("garbage_collect")), t, Term::bool(done)])
    } else {
        arena.tuple(&[t, Term::bool(done)])
    };
    Message { arena, term }
}

fn answer_info(p: &mut Process, from: Term, ref_serial: u64, info: Term) {
    let r = p.heap.reference(ref_serial);
    let reply = p.heap.tuple(&[r, info]);
    send(from, reply);
}

/// Move signals from the shared inbox into the mailbox. Returns the exit
/// the process must die of, if an exit signal kills it.
pub fn drain_inbox(p: &mut Process) -> Option<Exception> {
    let h = p.handle.clone()?;
    // Messages move straight into the mailbox; other signals (rare) are
    // handled after the lock is released.
    let mut others: Vec<Signal> = Vec::new();
    {
        let mut inbox = h.inbox.lock().unwrap();
        if inbox.is_empty() {
            return None;
        }
        for s in inbox.drain(..) {
            match s {
                Signal::Msg(m) if others.is_empty() => {
                    p.waiting = false;
                    p.mailbox.push_back(m);
                }
                s => others.push(s),
            }
        }
    }
    for s in others {
        match s {
            Signal::Info { from, ref_serial, items } => {
                let info = crate::bif::process::info(p, items.term, false);
                answer_info(p, from, ref_serial, info);
            }
            Signal::Gc { from, tag, asynchronous } => {
                p.gc_replies.get_or_insert_with(Default::default).push((from, gc_answer(&tag, asynchronous, true)));
                p.heap.request_collection();
            }
            Signal::CheckCode { from, ref_serial, module } => {
                let old = crate::code::server::versions(module).old;
                let runs = old.is_some_and(|m| runs_code(p, m));
                answer_info(p, from, ref_serial, Term::bool(runs));
            }
            Signal::Msg(m) => {
                p.waiting = false;
                p.mailbox.push_back(m);
            }
            Signal::Exit { from, reason, link } => {
                // A link signal counts only while the link exists (it was
                // removed if this process called unlink/1 meanwhile).
                if link {
                    let mut s = h.shared.lock().unwrap();
                    let before = s.links.len();
                    s.links.retain(|l| *l != from);
                    if s.links.len() == before {
                        continue;
                    }
                }
                let r = reason.term;
                // Only exit/2 makes `kill` untrappable: a link partner that
                // died of exit(kill) sends an ordinary signal.
                let kill = !link && r == Term::atom(atoms::KILL);
                if h.trap_exit.load(Ordering::Acquire) && !kill {
                    let t = p.heap.tuple(&[Term::atom(atoms::EXIT_CAPS), from, r]);
                    p.heap.adopt(reason.arena);
                    p.mailbox.push_back(Message::new(t));
                } else if r != Term::atom(atoms::NORMAL) || from == p.pid {
                    // exit(self(), normal) kills the caller, as in OTP.
                    let reason_t = if kill { Term::atom(atoms::KILLED) } else { p.heap.copy_term(r) };
                    return Some(Exception::exit_signal(reason_t));
                }
            }
        }
    }
    None
}

/// Whether `p` runs code of version `m`: its position, a continuation on
/// its stack or a catch handler is in it (what BEAM's check_process_code
/// looks at; funs the process holds are not looked for). A running
/// process has no recorded position: only its stack counts then.
pub fn runs_code(p: &Process, m: &'static crate::code::Module) -> bool {
    let is_m = |c: Option<&'static crate::code::Module>| c.is_some_and(|c| std::ptr::eq(c, m));
    if let Some(r) = &p.resume {
        if is_m(Some(r.module)) || is_m(r.cp.0) {
            return true;
        }
    }
    p.handlers.iter().any(|h| is_m(Some(h.module))) || p.stack.continuations().iter().any(|c| is_m(c.0))
}

// ---------------------------------------------------------------------------
// Timers

enum TimerKind {
    /// The timeout of a `receive ... after`: wake the process if it still
    /// waits (a process that woke earlier just finds the time not yet up,
    /// or its receive over, and waits again or goes on).
    Receive(Arc<ProcHandle>),
    /// erlang:send_after/start_timer: send `msg` to `dest` (a pid or a
    /// registered name) unless cancelled first.
    Send { serial: u64, dest: Term, msg: Message },
}

struct Timer {
    at: Instant,
    seq: u64,
    kind: TimerKind,
}

impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        (self.at, self.seq) == (o.at, o.seq)
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    // A min-heap on (time, order of creation).
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (o.at, o.seq).cmp(&(self.at, self.seq))
    }
}

static TIMER_SEQ: AtomicU64 = AtomicU64::new(0);

/// The BIF timers not yet fired or cancelled, by reference serial, with
/// their due time: cancel_timer/read_timer look here.
fn active_timers() -> &'static Mutex<HashMap<u64, Instant>> {
    static T: OnceLock<Mutex<HashMap<u64, Instant>>> = OnceLock::new();
    T.get_or_init(Default::default)
}

fn add_timer(at: Instant, kind: TimerKind) {
    let seq = TIMER_SEQ.fetch_add(1, Ordering::Relaxed);
    let vm = vm();
    vm.pending_timers.fetch_add(1, Ordering::AcqRel);
    let i = LOCAL.with(|l| l.borrow().as_ref().map_or(0, |l| l.index));
    vm.timers[i].lock().unwrap().push(Timer { at, seq, kind });
    // A sleeping scheduler may need to wake earlier than it planned.
    if i == 0 && LOCAL.with(|l| l.borrow().is_none()) {
        vm.notify_all();
    }
}

/// erlang:send_after/3 (`wrap` false) and start_timer/3 (`wrap` true: the
/// message is `{timeout, Ref, Msg}`). Returns the timer's reference serial.
pub fn start_timer(p: &mut Process, ms: u64, dest: Term, msg: Term, wrap: bool) -> Term {
    let serial = new_ref_serial();
    let r = p.heap.reference(serial);
    let m = if wrap { p.heap.tuple(&[Term::atom(atoms::TIMEOUT), r, msg]) } else { msg };
    let at = Instant::now() + Duration::from_millis(ms);
    active_timers().lock().unwrap().insert(serial, at);
    add_timer(at, TimerKind::Send { serial, dest, msg: Message::new(m) });
    r
}

/// Cancel (or with `cancel` false only read) a BIF timer: the milliseconds
/// left, or None if it has fired or was cancelled.
pub fn cancel_timer(serial: u64, cancel: bool) -> Option<u64> {
    let mut t = active_timers().lock().unwrap();
    let at = if cancel { t.remove(&serial)? } else { *t.get(&serial)? };
    Some(at.saturating_duration_since(Instant::now()).as_millis() as u64)
}

fn fire(t: Timer) {
    match t.kind {
        TimerKind::Receive(h) => wake(&h),
        TimerKind::Send { serial, dest, msg } => {
            if active_timers().lock().unwrap().remove(&serial).is_none() {
                return; // cancelled
            }
            let to = match dest.as_atom() {
                Some(name) => whereis(name),
                None => Some(dest),
            };
            if let Some(h) = to.and_then(lookup) {
                deliver(&h, Signal::Msg(msg));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Schedulers

/// State shared by all scheduler threads of a running VM.
struct Vm {
    injector: Injector<Box<Process>>,
    stealers: Vec<Stealer<Box<Process>>>,
    timers: Vec<Mutex<BinaryHeap<Timer>>>,
    /// Processes in a run queue or running.
    runnable: AtomicI64,
    /// Timers in any scheduler's heap.
    pending_timers: AtomicI64,
    sleepers: AtomicUsize,
    sleep_lock: Mutex<()>,
    sleep_cv: Condvar,
    stop: AtomicBool,
    main_pid: Term,
    outcome: Mutex<Option<MainExit>>,
}

impl Vm {
    fn notify_one(&self) {
        if self.sleepers.load(Ordering::SeqCst) > 0 {
            let _g = self.sleep_lock.lock().unwrap();
            self.sleep_cv.notify_one();
        }
    }
    fn notify_all(&self) {
        let _g = self.sleep_lock.lock().unwrap();
        self.sleep_cv.notify_all();
    }
    fn finish(&self, outcome: MainExit) {
        let mut o = self.outcome.lock().unwrap();
        if o.is_none() {
            *o = Some(outcome);
        }
        drop(o);
        self.stop.store(true, Ordering::SeqCst);
        self.notify_all();
    }
}

thread_local! {
    /// The VM whose scheduler runs on this thread. Each `run_main` makes
    /// one (and leaks it: a VM lives until the OS process ends, or in
    /// benches, until the next run).
    static CURRENT_VM: std::cell::Cell<Option<&'static Vm>> = const { std::cell::Cell::new(None) };
}

fn vm() -> &'static Vm {
    CURRENT_VM.get().expect("not on a scheduler thread")
}

/// The running VM, for threads that are not schedulers (the `--watch`
/// reloader); null when none runs.
static RUNNING_VM: std::sync::atomic::AtomicPtr<Vm> = std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

/// Set while something outside the VM may still start processes (the
/// `--watch` reloader): then a VM whose processes all wait keeps waiting
/// instead of ending.
static KEEP_ALIVE: AtomicBool = AtomicBool::new(false);

pub fn set_keep_alive(on: bool) {
    KEEP_ALIVE.store(on, Ordering::SeqCst);
}

/// Spawn `m:f(args)` from a thread that is not a scheduler; None if no VM
/// runs or the spawn failed.
pub fn spawn_outside(m: Atom, f: Atom, args: &[Term]) -> Option<Term> {
    let p = RUNNING_VM.load(Ordering::Acquire);
    if p.is_null() {
        return None;
    }
    CURRENT_VM.set(Some(crate::heap::static_ref(p)));
    spawn(m, f, args).ok()
}

/// What a scheduler thread keeps to itself.
struct Local {
    index: usize,
    queue: Worker<Box<Process>>,
    /// The process most recently woken by a process running here: it runs
    /// next, ahead of the queue, so that a message and its reply do not
    /// each wait for every other runnable process. Processes that keep
    /// handing over to each other this way share one time slice
    /// (`chain_left` reductions); after that the next one queues as usual.
    next: Option<Box<Process>>,
    chain_left: i32,
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
}

/// Queue a process: on this scheduler's own run queue when called on a
/// scheduler thread, else on the shared injector. A process `woken` by
/// a signal from a process running here goes to the `next` slot.
fn make_runnable(p: Box<Process>, woken: bool) {
    let vm = vm();
    vm.runnable.fetch_add(1, Ordering::AcqRel);
    if woken {
        let p = LOCAL.with(|l| match &mut *l.borrow_mut() {
            Some(l) => l.next.replace(p),
            None => Some(p),
        });
        if let Some(p) = p {
            requeue(vm, p);
        }
    } else {
        requeue(vm, p);
    }
}

/// Queue a process that is already counted as runnable.
fn requeue(vm: &Vm, p: Box<Process>) {
    let backlog = LOCAL.with(|l| match &*l.borrow() {
        Some(l) => {
            l.queue.push(p);
            l.queue.len()
        }
        None => {
            vm.injector.push(p);
            usize::MAX
        }
    });
    // One queued process is run by this scheduler soon enough; more than
    // that is work an idle scheduler should take.
    if backlog >= 2 {
        vm.notify_one();
    }
}

/// How `run_main` ended: the first process's result, and the process
/// itself (its heap holds the result's terms).
pub struct MainExit {
    pub process: Box<Process>,
    pub result: Result<Term, Exception>,
}

pub struct Config {
    pub schedulers: usize,
    pub budget: i32,
}

/// Run `main` (the program's first process) and every process it spawns
/// on `cfg.schedulers` threads until `main` ends. Returns None if every
/// process waits forever (nothing can happen any more).
pub fn run_main(mut main: Box<Process>, cfg: Config) -> Option<MainExit> {
    let n = cfg.schedulers.max(1);
    SCHEDULERS.store(n, Ordering::Relaxed);
    let h = ProcHandle::new(main.pid);
    main.handle = Some(h.clone());
    table().shard(main.pid.pid_serial()).insert(main.pid.pid_serial(), h);
    PROCESS_COUNT.fetch_add(1, Ordering::AcqRel);
    let workers: Vec<Worker<Box<Process>>> = (0..n).map(|_| Worker::new_fifo()).collect();
    let state = Vm {
        injector: Injector::new(),
        stealers: workers.iter().map(Worker::stealer).collect(),
        timers: (0..n).map(|_| Mutex::new(BinaryHeap::new())).collect(),
        runnable: AtomicI64::new(0),
        pending_timers: AtomicI64::new(0),
        sleepers: AtomicUsize::new(0),
        sleep_lock: Mutex::new(()),
        sleep_cv: Condvar::new(),
        stop: AtomicBool::new(false),
        main_pid: main.pid,
        outcome: Mutex::new(None),
    };
    let vm: &'static Vm = Box::leak(Box::new(state));
    CURRENT_VM.set(Some(vm));
    RUNNING_VM.store(vm as *const Vm as *mut Vm, Ordering::Release);
    make_runnable(main, false);
    std::thread::scope(|s| {
        let mut workers = workers.into_iter().enumerate();
        let (_, first) = workers.next().unwrap();
        for (i, w) in workers {
            std::thread::Builder::new()
                .name(format!("scheduler {}", i + 1))
                .stack_size(SCHEDULER_STACK)
                .spawn_scoped(s, move || {
                    CURRENT_VM.set(Some(vm));
                    scheduler(i, w, cfg.budget)
                })
                .expect("cannot start a scheduler thread");
        }
        // Scheduler 1 runs on the calling thread.
        scheduler(0, first, cfg.budget);
    });
    crate::bif::io::flush();
    CURRENT_VM.set(None);
    RUNNING_VM.store(std::ptr::null_mut(), Ordering::Release);
    let outcome = vm.outcome.lock().unwrap().take();
    if let Some(o) = &outcome {
        // The next run may reuse the main pid.
        table().shard(o.process.pid.pid_serial()).remove(&o.process.pid.pid_serial());
        PROCESS_COUNT.fetch_sub(1, Ordering::AcqRel);
    }
    outcome
}

/// Scheduler threads compile modules on first use, which recurses on
/// deeply nested source.
const SCHEDULER_STACK: usize = 64 << 20;

fn scheduler(index: usize, queue: Worker<Box<Process>>, budget: i32) {
    LOCAL.with(|l| *l.borrow_mut() = Some(Local { index, queue, next: None, chain_left: 0 }));
    let vm = vm();
    let mut regs = Registers::new();
    while !vm.stop.load(Ordering::Acquire) {
        let next_timer = fire_due_timers(vm, index);
        let handed_over = LOCAL.with(|l| {
            let mut l = l.borrow_mut();
            let l = l.as_mut().unwrap();
            let p = l.next.take()?;
            if l.chain_left > 0 {
                return Some((p, l.chain_left));
            }
            l.queue.push(p);
            None
        });
        let (p, slice) = match handed_over {
            Some(work) => work,
            None => match find_work(vm, index) {
                Some(p) => (p, budget),
                None => {
                    idle(vm, next_timer);
                    continue;
                }
            },
        };
        let spent = run_slice(vm, &mut regs, p, slice);
        LOCAL.with(|l| {
            let mut l = l.borrow_mut();
            let l = l.as_mut().unwrap();
            l.chain_left = slice - spent;
        });
    }
    LOCAL.with(|l| *l.borrow_mut() = None);
}

/// Fire this scheduler's due timers; when the next one is due.
fn fire_due_timers(vm: &Vm, index: usize) -> Option<Instant> {
    let now = Instant::now();
    loop {
        let t = {
            let mut heap = vm.timers[index].lock().unwrap();
            match heap.peek() {
                Some(t) if t.at <= now => heap.pop().unwrap(),
                Some(t) => return Some(t.at),
                None => return None,
            }
        };
        fire(t);
        vm.pending_timers.fetch_sub(1, Ordering::AcqRel);
    }
}

fn find_work(vm: &Vm, index: usize) -> Option<Box<Process>> {
    LOCAL.with(|l| {
        let l = l.borrow();
        let local = &l.as_ref().unwrap().queue;
        if let Some(p) = local.pop() {
            return Some(p);
        }
        loop {
            let mut retry = false;
            match vm.injector.steal_batch_and_pop(local) {
                Steal::Success(p) => return Some(p),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
            let n = vm.stealers.len();
            for k in 1..n {
                match vm.stealers[(index + k) % n].steal_batch_and_pop(local) {
                    Steal::Success(p) => return Some(p),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
            if !retry {
                return None;
            }
        }
    })
}

/// Nothing to run: sleep until woken or until the next timer is due. The
/// scheduler that finds no process runnable and no timer pending ends
/// the VM: every process waits for a message that can never come.
fn idle(vm: &Vm, next_timer: Option<Instant>) {
    crate::bif::io::flush();
    // Spin briefly first: a process woken by another scheduler often
    // appears within microseconds, and sleeping costs two system calls.
    for _ in 0..64 {
        if !vm.injector.is_empty() || vm.stealers.iter().any(|s| !s.is_empty()) || vm.stop.load(Ordering::Acquire) {
            return;
        }
        std::hint::spin_loop();
    }
    let guard = vm.sleep_lock.lock().unwrap();
    vm.sleepers.fetch_add(1, Ordering::SeqCst);
    let work = !vm.injector.is_empty() || vm.stealers.iter().any(|s| !s.is_empty());
    if !work && !vm.stop.load(Ordering::SeqCst) {
        if vm.runnable.load(Ordering::SeqCst) == 0
            && vm.pending_timers.load(Ordering::SeqCst) == 0
            && !KEEP_ALIVE.load(Ordering::SeqCst)
        {
            vm.sleepers.fetch_sub(1, Ordering::SeqCst);
            drop(guard);
            vm.stop.store(true, Ordering::SeqCst);
            vm.notify_all();
            return;
        }
        let _guard = match next_timer {
            Some(at) => vm.sleep_cv.wait_timeout(guard, at.saturating_duration_since(Instant::now())).unwrap().0,
            // Wake now and then anyway: another scheduler's timer may be
            // the last thing that can happen, and the deadlock check above
            // must run again after it fires.
            None => vm.sleep_cv.wait_timeout(guard, Duration::from_millis(100)).unwrap().0,
        };
    }
    vm.sleepers.fetch_sub(1, Ordering::SeqCst);
}

/// Run one process for one time slice and put it where it belongs next.
/// Returns the reductions it spent.
fn run_slice(vm: &Vm, regs: &mut Registers, mut p: Box<Process>, budget: i32) -> i32 {
    let before = p.reductions;
    let outcome = match drain_inbox(&mut p) {
        Some(e) => Exit::Crash(e),
        None => {
            p.waiting = false;
            // A collection another process asked for: now, while no
            // register is live (garbage_collect/1 of a waiting process).
            if p.heap.collection_requested() {
                p.gc_idle();
            }
            if p.doomed {
                Exit::Crash(Exception::exit_signal(Term::atom(atoms::KILLED)))
            } else {
                interp::run(&mut p, regs, budget)
            }
        }
    };
    // Over max_heap_size: killed, whatever the slice ended with.
    let outcome = match outcome {
        Exit::Yield | Exit::Wait | Exit::Done(_) if p.doomed => {
            Exit::Crash(Exception::exit_signal(Term::atom(atoms::KILLED)))
        }
        o => o,
    };
    let spent = (p.reductions - before).min(budget as u64) as i32;
    match outcome {
        Exit::Yield => requeue(vm, p),
        Exit::Wait => park(vm, p),
        Exit::Done(v) => {
            if p.pid == vm.main_pid {
                vm.finish(MainExit { process: p, result: Ok(v) });
                return spent;
            }
            terminate(&mut p, Term::atom(atoms::NORMAL));
            vm.runnable.fetch_sub(1, Ordering::AcqRel);
        }
        Exit::Crash(e) => {
            if p.pid == vm.main_pid {
                vm.finish(MainExit { process: p, result: Err(e) });
                return spent;
            }
            let reason = exit_reason(&mut p, &e);
            // OTP reports errors and throws; an exit is a deliberate end.
            if e.class != Class::Exit {
                report_crash(&p, reason);
            }
            terminate(&mut p, reason);
            vm.runnable.fetch_sub(1, Ordering::AcqRel);
        }
    }
    spent
}

/// Park a process that waits in receive (see the protocol at the top).
fn park(vm: &Vm, p: Box<Process>) {
    let h = p.handle.clone().expect("a scheduled process has a handle");
    let mut p = p;
    // One timer per receive, however often the process wakes meanwhile.
    if let Some(at) = p.timeout_at.filter(|_| p.timeout_at != p.timer_armed) {
        p.timer_armed = Some(at);
        add_timer(at, TimerKind::Receive(h.clone()));
    }
    p.waiting = true;
    *h.parked.lock().unwrap() = Some(p);
    // Counted as not runnable from here: a waker counts it again.
    vm.runnable.fetch_sub(1, Ordering::AcqRel);
    h.waiting.store(true, Ordering::SeqCst);
    if !h.inbox.lock().unwrap().is_empty() {
        wake(&h);
    }
}

/// The report OTP's logger prints for a process that crashed (on standard
/// error: girder keeps standard output for the program).
fn report_crash(p: &Process, reason: Term) {
    crate::bif::io::flush();
    let mut r = String::new();
    crate::format::print_term(&mut r, reason, 0, 80, None);
    let mut pid = String::new();
    crate::format::write_term(&mut pid, p.pid, None);
    eprint!("\n=ERROR REPORT==== {} ===\nError in process {pid} with exit value:\n{r}\n", report_time());
}

/// The report OTP prints when a collection finds a process's heap over
/// its `max_heap_size` (girder's GC Info figures are its own).
pub fn report_max_heap(p: &Process, total: usize) {
    crate::bif::io::flush();
    let mut pid = String::new();
    crate::format::write_term(&mut pid, p.pid, None);
    let queue = p.mailbox.len() + p.handle.as_ref().map_or(0, |h| h.inbox.lock().unwrap().len());
    let info = [
        ("old_heap_block_size", p.heap.old_block_words()),
        ("heap_block_size", p.heap.size()),
        ("mbuf_size", p.heap.frag_words()),
        ("recent_size", p.heap.recent_words()),
        ("stack_size", p.stack.len()),
        ("old_heap_size", p.heap.old_used_words()),
        ("heap_size", p.heap.young_used_words()),
        ("bin_vheap_size", 0),
        ("bin_vheap_block_size", 46422),
        ("bin_old_vheap_size", 0),
        ("bin_old_vheap_block_size", 46422),
    ];
    let gc_info: Vec<String> = info.iter().map(|(k, v)| format!("{{{k},{v}}}")).collect();
    let b = |x: bool| if x { "true" } else { "false" };
    eprint!(
        "\n=ERROR REPORT==== {} ===\n     Process:            {pid} \n     Context:            maximum heap size reached\n     Max Heap Size:      {}\n     Total Heap Size:    {total}\n     Kill:               {}\n     Error Logger:       {}\n     Message Queue Len:  {queue}\n     GC Info:            [{}]\n",
        report_time(),
        p.max_heap.size,
        b(p.max_heap.kill),
        b(p.max_heap.error_logger),
        gc_info.join(",\n                          ")
    );
}

/// Now as OTP's logger stamps a report: `22-Nov-2026::23:51:41.503205`
/// (in UTC; OTP uses the local time zone).
fn report_time() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = now.as_secs();
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let (year, month, day) = crate::bif::os::civil_from_days(days);
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{day}-{}-{year}::{:02}:{:02}:{:02}.{:06}",
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        now.subsec_micros()
    )
}
