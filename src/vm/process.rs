//! A process: its heap, stack, exception handlers, dictionary and the
//! registers it needs while it does not run. Only the scheduler running it
//! touches it.
//!
//! The X register file (`Registers`, 2 KiB) belongs to the thread that runs
//! processes, not to each process: `interp::run` borrows it, and a process
//! that stops keeps only its live registers in `Process::saved`:
//! ```text
//!   spawn          saved = the call's arguments       (prepare_call)
//!   run            x[..saved.len()] = saved; saved = []
//!   Exit::Yield    saved = x0..x(arity-1)              (yield at a call)
//!   Exit::Wait     saved = []                          (receive runs in a frame)
//! ```

use crate::code::instr::Live;
use crate::code::Module;
use crate::heap::{gc, stack::Stack, Heap};
use crate::term::Term;

/// GIRDER_GC_STRESS=1 (debug builds): collect at every safe point, to
/// find registers missing from a live mask.
fn gc_stress() -> bool {
    static S: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *S.get_or_init(|| std::env::var_os("GIRDER_GC_STRESS").is_some())
}

/// The live mask of x0..x(n-1).
pub fn live_first(n: usize) -> Live {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

/// Number of X registers: enough for the largest arity (255) plus a fun's
/// captured values (the compiler refuses funs that would need more). A
/// power of two, so an index masked with MAX_X - 1 needs no bounds check.
pub const MAX_X: usize = 256;

/// The X register file, one per thread that runs processes, lent to
/// `interp::run` for one time slice.
pub struct Registers(Box<[Term; MAX_X]>);

impl Registers {
    pub fn new() -> Registers {
        Registers(Box::new([Term::NIL; MAX_X]))
    }
}

impl Default for Registers {
    fn default() -> Self {
        Registers::new()
    }
}

impl std::ops::Deref for Registers {
    type Target = [Term; MAX_X];
    #[inline(always)]
    fn deref(&self) -> &[Term; MAX_X] {
        &self.0
    }
}

impl std::ops::DerefMut for Registers {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [Term; MAX_X] {
        &mut self.0
    }
}

/// An installed `try`/`catch` handler.
#[derive(Clone, Copy)]
pub struct Handler {
    /// Stack height to unwind to.
    pub stack_len: usize,
    pub module: &'static Module,
    pub label: u32,
}

/// Where a process is in its code when it is not running.
#[derive(Clone, Copy)]
pub struct Resume {
    pub module: &'static Module,
    pub pc: u32,
    pub cp: (Option<&'static Module>, u32),
}

pub struct Process {
    pub pid: Term,
    pub heap: Heap,
    /// x0..x(n-1) while the process is not running (see the module
    /// comment); empty while it runs.
    pub saved: Vec<Term>,
    pub stack: Stack<Module>,
    pub handlers: Vec<Handler>,
    /// Process dictionary as flat [k0, v0, k1, v1, ...] (a root range).
    pub dict: Vec<Term>,
    pub reductions: u64,
    pub resume: Option<Resume>,
    /// The shared part other processes see (None for a process that is
    /// not in the process table).
    pub handle: Option<std::sync::Arc<super::sched::ProcHandle>>,
    /// Received messages, oldest first.
    pub mailbox: std::collections::VecDeque<super::sched::Message>,
    /// Selective receive: index of the next message to try.
    pub save: usize,
    /// The newest reference made by make_ref and how many messages were
    /// queued before it: a receive for that reference skips them.
    pub recv_mark: Option<(u64, usize)>,
    /// When the current `receive ... after` times out.
    pub timeout_at: Option<std::time::Instant>,
    /// What the process was spawned to run (process_info's initial_call).
    pub initial_call: (crate::term::Atom, crate::term::Atom, u32),
    /// Parked in receive (for process_info's `status`).
    pub waiting: bool,
    /// Monitors this process holds: (reference serial, monitored pid).
    pub monitoring: Vec<(u64, Term)>,
    /// The timeout the scheduler has a timer for.
    pub timer_armed: Option<std::time::Instant>,
    /// `max_heap_size`: what a collection that leaves a larger heap does.
    pub max_heap: MaxHeap,
    /// A collection found the heap over `max_heap_size` with `kill` set:
    /// the process dies (reason `killed`) at its next check (a yield, a
    /// receive, the end of its time slice).
    pub doomed: bool,
    /// Answers to send once the collection asked for has run
    /// (garbage_collect/1,2 of another process): (to, message).
    pub gc_replies: Option<Box<Vec<(Term, super::sched::Message)>>>,
}

/// `max_heap_size` as process_flag/2 and spawn_opt take it: `size` in
/// words (0: no limit), whether to kill the process and whether to report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxHeap {
    pub size: usize,
    pub kill: bool,
    pub error_logger: bool,
}

impl Default for MaxHeap {
    fn default() -> Self {
        MaxHeap { size: 0, kill: true, error_logger: true }
    }
}

impl Process {
    pub fn new(pid: Term) -> Process {
        Process {
            pid,
            heap: Heap::default(),
            saved: Vec::new(),
            stack: Stack::default(),
            handlers: Vec::new(),
            dict: Vec::new(),
            reductions: 0,
            resume: None,
            handle: None,
            mailbox: std::collections::VecDeque::new(),
            save: 0,
            recv_mark: None,
            timeout_at: None,
            timer_armed: None,
            monitoring: Vec::new(),
            waiting: false,
            initial_call: (crate::term::atoms::ERLANG, crate::term::atoms::APPLY, 2),
            max_heap: MaxHeap::default(),
            doomed: false,
            gc_replies: None,
        }
    }

    /// Collect the heap. This is the one place that lists a process's
    /// roots, in this order: the X registers in `live` (bit i = x_i) of the
    /// register file `x` the process runs with, the stack, the dictionary,
    /// and the saved registers (empty while it runs; a collection of a
    /// process that is not running, with `live` = 0, keeps them).
    pub fn gc(&mut self, x: &mut [Term; MAX_X], need: usize, live: Live) {
        let mut buf = [Term::NIL; 64];
        let mut n = 0;
        for (i, r) in x.iter().take(64).enumerate() {
            if live & (1 << i) != 0 {
                buf[n] = *r;
                n += 1;
            }
        }
        let regs = &mut buf[..n];
        let stress = cfg!(debug_assertions) && gc_stress();
        if stress {
            for (i, t) in x.iter().take(64).enumerate() {
                if live & (1 << i) != 0
                    && (t.is_list() || t.is_boxed())
                    && !self.heap.contains(t.ptr())
                    && !crate::code::server::is_literal(t.ptr())
                    && !self.mailbox.iter().any(|m| m.arena.contains(t.ptr()))
                {
                    panic!("gc: x{i} = {:#x} points outside the heap", t.0);
                }
            }
        }
        let Process { heap, stack, dict, saved, mailbox, .. } = self;
        // A receive pattern runs on a message still in the mailbox (its
        // own arena until the clause takes it): what the pattern builds
        // may point there, and the collector leaves such pointers alone.
        let outside_ok =
            |p: *const u64| crate::code::server::is_literal(p) || mailbox.iter().any(|m| m.arena.contains(p));
        if stress {
            let roots = [&regs[..], stack.roots(), &dict[..], &saved[..]];
            if let Err(e) = gc::verify(heap, &roots, &outside_ok) {
                panic!("before gc: {e}");
            }
        }
        let mut roots: [&mut [Term]; 4] = [&mut regs[..], stack.roots(), &mut dict[..], &mut saved[..]];
        gc::collect(heap, need, &mut roots);
        if stress {
            let roots = [&regs[..], stack.roots(), &dict[..], &saved[..]];
            if let Err(e) = gc::verify(heap, &roots, &outside_ok) {
                panic!("after gc: {e}");
            }
        }
        let mut it = buf.into_iter();
        for (i, r) in x.iter_mut().take(64).enumerate() {
            if live & (1 << i) != 0 {
                *r = it.next().unwrap();
            }
        }
        for (to, m) in self.gc_replies.take().map_or_else(Vec::new, |v| *v) {
            super::sched::send_message(to, m);
        }
        self.check_max_heap();
    }

    /// Words of heap as max_heap_size counts them (OTP's total heap size
    /// plus the stack, which girder keeps apart).
    pub fn total_heap_words(&self) -> usize {
        self.heap.total_words() + self.stack.len()
    }

    /// After a collection: a heap over `max_heap_size` is reported and, with
    /// `kill`, dooms the process (once).
    fn check_max_heap(&mut self) {
        let max = self.max_heap;
        if max.size == 0 || self.doomed {
            return;
        }
        let total = self.total_heap_words();
        if total <= max.size {
            return;
        }
        if max.error_logger {
            super::sched::report_max_heap(self, total);
        }
        if max.kill {
            self.doomed = true;
        }
    }

    /// Collect now, outside the interpreter (no X register is live; the
    /// saved ones are roots).
    pub fn gc_idle(&mut self) {
        let mut x = [Term::NIL; MAX_X];
        self.gc(&mut x, 0, 0);
    }

    /// Make room for `need` words, collecting if necessary.
    #[inline(always)]
    pub fn ensure(&mut self, x: &mut [Term; MAX_X], need: usize, live: Live) {
        if !self.heap.has_room(need) || (cfg!(debug_assertions) && gc_stress()) {
            self.gc(x, need, live);
        }
    }

    /// Memory of the process in words, counted as OTP's
    /// `process_info(P, memory)` counts it (OTP reports bytes: 8 per word):
    /// - the process structure: `Process`, and the shared `ProcHandle` with
    ///   its reference counts (OTP's one `Process` struct holds both);
    /// - the heap: block, fragments and spare block (`Heap::allocated_words`);
    /// - the stack, the handlers, the dictionary and the saved registers,
    ///   by capacity;
    /// - the messages received and those still in the inbox: their slots
    ///   and the memory holding their terms;
    /// - links and monitors (both directions), by capacity.
    ///
    /// The register file is not counted: it belongs to the scheduler.
    /// Every vector is counted by capacity, and allocator rounding not at
    /// all, so this is what the process holds, not what it costs the
    /// allocator (tests/memory/measure.sh measures that).
    pub fn memory_words(&self) -> usize {
        use super::sched::{Message, Monitor, ProcHandle, Signal};
        use std::mem::size_of;
        let msg = |m: &Message| m.arena.allocated_words();
        let mut bytes = size_of::<Process>()
            + 8 * self.heap.allocated_words()
            + 8 * self.stack.capacity()
            + size_of::<Handler>() * self.handlers.capacity()
            + 8 * self.dict.capacity()
            + 8 * self.saved.capacity()
            + size_of::<(u64, Term)>() * self.monitoring.capacity()
            + size_of::<Message>() * self.mailbox.capacity()
            + 8 * self.mailbox.iter().map(msg).sum::<usize>();
        if let Some(h) = &self.handle {
            bytes += 2 * size_of::<usize>() + size_of::<ProcHandle>();
            let inbox = h.inbox.lock().unwrap();
            bytes += size_of::<Signal>() * inbox.capacity();
            for s in inbox.iter() {
                bytes += 8 * match s {
                    Signal::Msg(m) => msg(m),
                    Signal::Exit { reason, .. } => msg(reason),
                    Signal::Info { items, .. } => msg(items),
                    Signal::Gc { tag, .. } => msg(tag),
                    Signal::CheckCode { .. } => 0,
                };
            }
            drop(inbox);
            let shared = h.shared.lock().unwrap();
            bytes += size_of::<Term>() * shared.links.capacity() + size_of::<Monitor>() * shared.monitors.capacity();
        }
        bytes.div_ceil(8)
    }
}
