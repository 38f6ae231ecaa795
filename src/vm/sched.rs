//! Processes as the scheduler sees them: the process table, mailboxes and
//! signals, links and monitors, and the run loop.
//!
//! What other processes touch lives in a shared `ProcHandle` (the incoming
//! signal queue and a few flags); the `Process` itself is owned by whoever
//! runs it. Signals from one sender arrive in order, as OTP guarantees.
//!
//! This first version runs every process on one scheduler thread (the
//! thread that called `run_main`); the handle/owner split is what lets it
//! grow to one scheduler per core.

use super::exception::{Class, Exception};
use super::interp::{self, Exit};
use super::process::Process;
use crate::heap::{Alloc, Arena};
use crate::term::{atoms, Atom, Term};
use std::cell::RefCell;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
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
    /// An exit signal from a linked process (or exit/2).
    Exit {
        from: Term,
        reason: Message,
        /// Sent by exit/2 rather than by a dying link partner: only then
        /// is `kill` untrappable (a partner that died of `exit(kill)`
        /// sends an ordinary signal with reason `kill`).
        by_exit_bif: bool,
    },
}

/// The shared part of a process.
pub struct ProcHandle {
    pub pid: Term,
    pub inbox: Mutex<VecDeque<Signal>>,
    /// Set while the process waits in receive with an empty mailbox.
    pub waiting: AtomicBool,
    pub alive: AtomicBool,
    pub trap_exit: AtomicBool,
    pub links: Mutex<Vec<Term>>,
    /// The monitors on this process, to notify with 'DOWN' on exit.
    pub monitors: Mutex<Vec<Monitor>>,
}

/// A monitor as the watched process keeps it. Only immediates and the
/// reference's serial: the reference term itself lives on the watcher's
/// heap, which the watcher may collect at any time.
pub struct Monitor {
    /// The serial of the monitor's reference.
    pub serial: u64,
    /// The watching process.
    pub watcher: Term,
    /// What the 'DOWN' names: the pid, or `{Name, node()}` when the monitor
    /// was set by registered name.
    pub name: Option<Atom>,
}

impl ProcHandle {
    fn new(pid: Term) -> Arc<ProcHandle> {
        Arc::new(ProcHandle {
            pid,
            inbox: Mutex::new(VecDeque::new()),
            waiting: AtomicBool::new(false),
            alive: AtomicBool::new(true),
            trap_exit: AtomicBool::new(false),
            links: Mutex::new(Vec::new()),
            monitors: Mutex::new(Vec::new()),
        })
    }
}

#[derive(Default)]
struct Table {
    procs: Mutex<HashMap<u64, Arc<ProcHandle>>>,
    names: Mutex<HashMap<Atom, Term>>,
    /// Pids made runnable by a message while waiting.
    wake: Mutex<Vec<u64>>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(Table::default)
}

static NEXT_PID: AtomicU64 = AtomicU64::new(1);
static NEXT_REF: AtomicU64 = AtomicU64::new(1);

pub fn new_ref_serial() -> u64 {
    NEXT_REF.fetch_add(1, Ordering::Relaxed)
}

pub fn lookup(pid: Term) -> Option<Arc<ProcHandle>> {
    table().procs.lock().unwrap().get(&pid.pid_serial()).cloned()
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

pub fn all_pids() -> Vec<Term> {
    let mut v: Vec<Term> = table().procs.lock().unwrap().values().map(|h| h.pid).collect();
    v.sort_by_key(|p| p.pid_serial());
    v
}

/// Deliver a signal; wake the receiver if it waits.
pub fn deliver(to: &ProcHandle, s: Signal) {
    to.inbox.lock().unwrap().push_back(s);
    if to.waiting.swap(false, Ordering::AcqRel) {
        table().wake.lock().unwrap().push(to.pid.pid_serial());
    }
}

/// `Pid ! Msg`: sending to a dead process is not an error.
pub fn send(to: Term, msg: Term) {
    if let Some(h) = lookup(to) {
        deliver(&h, Signal::Msg(Message::new(msg)));
    }
}

/// A new process that will call `m:f(args)`; the arguments are copied.
pub fn spawn(m: Atom, f: Atom, args: &[Term]) -> Result<Term, Exception> {
    let serial = NEXT_PID.fetch_add(1, Ordering::Relaxed);
    let pid = Term::pid(serial);
    let mut p = Box::new(Process::new(pid));
    let copied: Vec<Term> = args.iter().map(|a| p.heap.copy_term(*a)).collect();
    interp::prepare_call(&mut p, m, f, &copied)?;
    let h = ProcHandle::new(pid);
    p.handle = Some(h.clone());
    table().procs.lock().unwrap().insert(serial, h);
    SPAWNED.with(|s| s.borrow_mut().push(p));
    Ok(pid)
}

thread_local! {
    /// Processes spawned by the running process, picked up by the run loop
    /// (boxed: they move between queues without copying their registers).
    #[allow(clippy::vec_box)]
    static SPAWNED: RefCell<Vec<Box<Process>>> = const { RefCell::new(Vec::new()) };
}

/// Link two processes (both must be alive; a dead one gets `noproc`).
pub fn link(a: &ProcHandle, b: Term) -> bool {
    match lookup(b) {
        Some(hb) if hb.alive.load(Ordering::Acquire) => {
            let mut la = a.links.lock().unwrap();
            if !la.contains(&b) {
                la.push(b);
            }
            let mut lb = hb.links.lock().unwrap();
            if !lb.contains(&a.pid) {
                lb.push(a.pid);
            }
            true
        }
        _ => false,
    }
}

pub fn unlink(a: &ProcHandle, b: Term) {
    a.links.lock().unwrap().retain(|x| *x != b);
    if let Some(hb) = lookup(b) {
        hb.links.lock().unwrap().retain(|x| *x != a.pid);
    }
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
    h.alive.store(false, Ordering::Release);
    table().procs.lock().unwrap().remove(&p.pid.pid_serial());
    table().names.lock().unwrap().retain(|_, v| *v != p.pid);
    for l in std::mem::take(&mut *h.links.lock().unwrap()) {
        if let Some(hl) = lookup(l) {
            hl.links.lock().unwrap().retain(|x| *x != p.pid);
            deliver(&hl, Signal::Exit { from: p.pid, reason: Message::new(reason), by_exit_bif: false });
        }
    }
    for m in std::mem::take(&mut *h.monitors.lock().unwrap()) {
        if let Some(hw) = lookup(m.watcher) {
            let r = p.heap.reference(m.serial);
            let object = match m.name {
                Some(n) => p.heap.tuple(&[Term::atom(n), Term::atom(Atom::intern(crate::bif::erlang::NODE_NAME))]),
                None => p.pid,
            };
            let down = p.heap.tuple(&[Term::atom(atoms::DOWN), r, Term::atom(Atom::intern("process")), object, reason]);
            deliver(&hw, Signal::Msg(Message::new(down)));
        }
    }
}

/// Move signals from the shared inbox into the mailbox. Returns the exit
/// the process must die of, if an exit signal kills it.
pub fn drain_inbox(p: &mut Process) -> Option<Exception> {
    let h = p.handle.clone()?;
    let signals: Vec<Signal> = h.inbox.lock().unwrap().drain(..).collect();
    for s in signals {
        match s {
            Signal::Msg(m) => p.mailbox.push_back(m),
            Signal::Exit { from, reason, by_exit_bif } => {
                let r = reason.term;
                let kill = by_exit_bif && r == Term::atom(atoms::KILL);
                if h.trap_exit.load(Ordering::Acquire) && !kill {
                    let t = p.heap.tuple(&[Term::atom(atoms::EXIT_CAPS), from, r]);
                    p.heap.adopt(reason.arena);
                    p.mailbox.push_back(Message::new(t));
                } else if r != Term::atom(atoms::NORMAL) || from == p.pid {
                    // A normal signal is ignored, except exit(self(), normal).
                    let reason_t = if kill { Term::atom(atoms::KILLED) } else { p.heap.copy_term(r) };
                    return Some(Exception::exit_signal(reason_t));
                }
            }
        }
    }
    None
}

struct Timer(Instant, u64);
impl PartialEq for Timer {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Timer {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        o.0.cmp(&self.0) // min-heap
    }
}

/// Register `p` (the program's first process) and run every process until
/// it ends. Returns how the first process ended.
pub fn run_main(mut main: Box<Process>, budget: i32) -> Result<Term, Exception> {
    let h = ProcHandle::new(main.pid);
    main.handle = Some(h.clone());
    table().procs.lock().unwrap().insert(main.pid.pid_serial(), h);
    let main_pid = main.pid;
    let mut run_queue: VecDeque<Box<Process>> = VecDeque::from([main]);
    let mut parked: HashMap<u64, Box<Process>> = HashMap::new();
    let mut timers: BinaryHeap<Timer> = BinaryHeap::new();
    loop {
        SPAWNED.with(|s| run_queue.extend(s.borrow_mut().drain(..)));
        for pid in std::mem::take(&mut *table().wake.lock().unwrap()) {
            if let Some(p) = parked.remove(&pid) {
                run_queue.push_back(p);
            }
        }
        let now = Instant::now();
        while let Some(t) = timers.peek() {
            if t.0 > now {
                break;
            }
            let Timer(_, pid) = timers.pop().unwrap();
            if let Some(p) = parked.remove(&pid) {
                if let Some(h) = &p.handle {
                    h.waiting.store(false, Ordering::Release);
                }
                run_queue.push_back(p);
            }
        }
        let Some(mut p) = run_queue.pop_front() else {
            match timers.peek() {
                Some(t) => {
                    let wait = t.0.saturating_duration_since(Instant::now()).min(Duration::from_millis(50));
                    std::thread::sleep(wait);
                    continue;
                }
                // Everyone waits forever: nothing can ever run again.
                None => return Ok(Term::atom(atoms::OK)),
            }
        };
        let outcome = match drain_inbox(&mut p) {
            Some(e) => Exit::Crash(e),
            None => interp::run(&mut p, budget),
        };
        match outcome {
            Exit::Yield => run_queue.push_back(p),
            Exit::Wait => {
                if let Some(at) = p.timeout_at {
                    timers.push(Timer(at, p.pid.pid_serial()));
                }
                let still_waiting = p.handle.as_ref().is_some_and(|h| h.waiting.load(Ordering::Acquire));
                if still_waiting {
                    parked.insert(p.pid.pid_serial(), p);
                } else {
                    run_queue.push_back(p);
                }
            }
            Exit::Done(v) => {
                if p.pid == main_pid {
                    return Ok(v);
                }
                terminate(&mut p, Term::atom(atoms::NORMAL));
            }
            Exit::Crash(e) => {
                if p.pid == main_pid {
                    return Err(e);
                }
                let reason = exit_reason(&mut p, &e);
                // OTP reports errors and throws; an exit is a deliberate end.
                if e.class != Class::Exit {
                    report_crash(&p, reason);
                }
                terminate(&mut p, reason);
            }
        }
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
    eprintln!("=ERROR REPORT====\nError in process {pid} with exit value:\n{r}\n");
}
