//! A process: its heap, registers, stack, exception handlers and
//! dictionary. Only the scheduler running it touches it.

use super::exception::Exception;
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
/// captured values (the compiler refuses funs that would need more). Every
/// process carries them, so they are kept to 256 (2 KiB); moving the
/// register file to the scheduler is the next step (issue 4).
pub const MAX_X: usize = 256;

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
    /// X registers; indices are masked with MAX_X - 1, so no bounds checks.
    pub x: Box<[Term; MAX_X]>,
    pub stack: Stack<Module>,
    pub handlers: Vec<Handler>,
    /// Process dictionary as flat [k0, v0, k1, v1, ...] (a root range).
    pub dict: Vec<Term>,
    pub reductions: u64,
    pub resume: Option<Resume>,
    /// The exception the process died of, if it did.
    pub crashed: Option<Exception>,
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
}

impl Process {
    pub fn new(pid: Term) -> Process {
        Process {
            pid,
            heap: Heap::default(),
            x: Box::new([Term::NIL; MAX_X]),
            stack: Stack::default(),
            handlers: Vec::new(),
            dict: Vec::new(),
            reductions: 0,
            resume: None,
            crashed: None,
            handle: None,
            mailbox: std::collections::VecDeque::new(),
            save: 0,
            recv_mark: None,
            timeout_at: None,
            timer_armed: None,
            monitoring: Vec::new(),
            waiting: false,
            initial_call: (crate::term::atoms::ERLANG, crate::term::atoms::APPLY, 2),
        }
    }

    /// Collect the heap. This is the one place that lists a process's
    /// roots, in this order: the X registers in `live` (bit i = x_i), the
    /// stack, the dictionary.
    pub fn gc(&mut self, need: usize, live: Live) {
        let mut buf = [Term::NIL; 64];
        let mut n = 0;
        for (i, x) in self.x.iter().take(64).enumerate() {
            if live & (1 << i) != 0 {
                buf[n] = *x;
                n += 1;
            }
        }
        let regs = &mut buf[..n];
        if cfg!(debug_assertions) && gc_stress() {
            for i in 0..64 {
                let t = self.x[i];
                if live & (1 << i) != 0
                    && (t.is_list() || t.is_boxed())
                    && !self.heap.contains(t.ptr())
                    && !crate::code::server::is_literal(t.ptr())
                {
                    panic!("gc: x{i} = {:#x} points outside the heap", t.0);
                }
            }
        }
        let stress = cfg!(debug_assertions) && gc_stress();
        let Process { heap, stack, dict, .. } = self;
        if stress {
            if let Err(e) = gc::verify(heap, &[&regs[..], stack.roots(), &dict[..]], &crate::code::server::is_literal) {
                panic!("before gc: {e}");
            }
        }
        let mut roots: [&mut [Term]; 3] = [&mut regs[..], stack.roots(), &mut dict[..]];
        gc::collect(heap, need, &mut roots);
        if stress {
            if let Err(e) = gc::verify(heap, &[&regs[..], stack.roots(), &dict[..]], &crate::code::server::is_literal) {
                panic!("after gc: {e}");
            }
        }
        let mut it = buf.into_iter();
        for i in 0..64 {
            if live & (1 << i) != 0 {
                self.x[i] = it.next().unwrap();
            }
        }
    }

    /// Make room for `need` words, collecting if necessary.
    #[inline(always)]
    pub fn ensure(&mut self, need: usize, live: Live) {
        if !self.heap.has_room(need) || (cfg!(debug_assertions) && gc_stress()) {
            self.gc(need, live);
        }
    }

    /// Heap, stack and registers in words, as process_info(memory) counts.
    pub fn memory_words(&self) -> usize {
        self.heap.size() + self.stack.capacity() + self.dict.capacity() + 64
    }
}
