//! Command-line interface: `girder run`, `girder shell`, `girder disasm`.

use crate::code::server;
use crate::compile;
use crate::term::{atoms, Atom, Term};
use crate::vm::exception::Exception;
use crate::vm::interp;
use crate::vm::process::Process;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(name = "girder", version, about = "A virtual machine for Erlang")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile FILE.erl and call its main/1 with the arguments as strings.
    Run {
        file: PathBuf,
        /// Arguments passed to main/1.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
        /// Extra code path directories.
        #[arg(long = "pa", value_name = "DIR")]
        pa: Vec<PathBuf>,
        /// Reductions a process runs before it is preempted.
        #[arg(long, default_value_t = 4000)]
        reductions: i32,
        /// Scheduler threads (`+S N`); default: one per core.
        #[arg(long, value_name = "N")]
        schedulers: Option<usize>,
        /// The most processes that may exist at once (`+P N`; OTP rounds it
        /// up to a power of two, at least 1024).
        #[arg(long, value_name = "N", default_value_t = crate::vm::sched::DEFAULT_PROCESS_LIMIT)]
        process_limit: usize,
        /// Reload a loaded module when its source file changes.
        #[arg(long)]
        watch: bool,
    },
    /// The interactive shell (also `girder` with no arguments).
    Shell {
        /// Extra code path directories.
        #[arg(long = "pa", value_name = "DIR")]
        pa: Vec<PathBuf>,
        /// Reductions a process runs before it is preempted.
        #[arg(long, default_value_t = 4000)]
        reductions: i32,
        /// Scheduler threads (`+S N`); default: one per core.
        #[arg(long, value_name = "N")]
        schedulers: Option<usize>,
    },
    /// Print the bytecode of a module.
    Disasm { file: PathBuf },
}

pub fn main() -> i32 {
    let cli = Cli::parse_from(emulator_flags(std::env::args()));
    let _ = crate::format::DESCRIBE.set(crate::vm::interp::describe);
    let code = match cli.command {
        Some(Command::Run { file, args, pa, reductions, schedulers, process_limit, watch }) => {
            crate::vm::sched::set_process_limit(process_limit);
            if watch {
                start_watcher();
            }
            let schedulers = schedulers.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            run(&file, &args, &pa, crate::vm::sched::Config { schedulers, budget: reductions.max(1) })
        }
        Some(Command::Disasm { file }) => disasm(&file),
        Some(Command::Shell { pa, reductions, schedulers }) => crate::shell::main(
            &pa,
            crate::vm::sched::Config {
                schedulers: schedulers.unwrap_or_else(default_schedulers),
                budget: reductions.max(1),
            },
        ),
        None => crate::shell::main(&[], crate::vm::sched::Config { schedulers: default_schedulers(), budget: 4000 }),
    };
    crate::bif::io::flush();
    code
}

fn default_schedulers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `erl`-style emulator flags before the program's file name become long
/// options: `+P N` the process limit, `+S N` the schedulers, `+R N` the
/// reductions per time slice. (Arguments after the file are the program's.)
fn emulator_flags(args: impl Iterator<Item = String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_program_args = false;
    for a in args {
        if !in_program_args && a.ends_with(".erl") {
            in_program_args = true;
        }
        let long = match a.as_str() {
            "+P" if !in_program_args => "--process-limit",
            "+S" if !in_program_args => "--schedulers",
            "+R" if !in_program_args => "--reductions",
            _ => {
                out.push(a);
                continue;
            }
        };
        out.push(long.to_string());
    }
    out
}

/// After a change event, how long `--watch` waits for the writer to finish
/// (editors save in several steps) before it compares modification times.
const WATCH_SETTLE: std::time::Duration = std::time::Duration::from_millis(50);
/// How often the watcher looks for directories of newly loaded modules (and
/// compares modification times even without an event).
const WATCH_RESCAN: std::time::Duration = std::time::Duration::from_millis(500);

/// `girder run --watch`: a thread that watches (inotify, through the
/// `notify` crate) the directories holding the source files of loaded
/// modules and, for each module whose file changed, starts a process
/// running girder_code:watch_reload(Mod) (compile, purge, load, one line on
/// standard error). Directories are watched rather than files, so an
/// editor that saves by writing a new file and renaming it over the old
/// one is seen too; the modification time decides what changed, so one
/// save reloads a module once however many events it makes.
fn start_watcher() {
    use notify::{RecursiveMode, Watcher};
    crate::vm::sched::set_keep_alive(true);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("girder: cannot watch the sources: {e}");
            return;
        }
    };
    let spawned = std::thread::Builder::new()
        .name("watcher".into())
        // It compiles girder_code on first use, as schedulers do.
        .stack_size(64 << 20)
        .spawn(move || {
            let mut watched = std::collections::HashSet::new();
            loop {
                for dir in server::source_dirs() {
                    if !watched.contains(&dir) {
                        if let Err(e) = watcher.watch(&dir, RecursiveMode::NonRecursive) {
                            eprintln!("girder: cannot watch {}: {e}", dir.display());
                        }
                        watched.insert(dir);
                    }
                }
                // Modification times are also compared when no event came
                // for a while: a change made before its directory was
                // watched (a module loaded a moment ago) is not lost.
                match rx.recv_timeout(WATCH_RESCAN) {
                    Ok(_) => {
                        std::thread::sleep(WATCH_SETTLE);
                        while rx.try_recv().is_ok() {}
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                }
                for (m, _) in server::changed_sources() {
                    let (gc, reload) = (Atom::intern("girder_code"), Atom::intern("watch_reload"));
                    crate::vm::sched::spawn_outside(gc, reload, &[Term::atom(m)]);
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("girder: cannot watch the sources: {e}");
    }
}

/// Read and compile FILE, reporting problems as a user would want them.
fn load_file(file: &Path) -> Result<&'static crate::code::Module, i32> {
    let src = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("girder: cannot read {}: {e}", file.display());
            return Err(1);
        }
    };
    let name = file.display().to_string();
    let stem = file.file_stem().map(|s| s.to_string_lossy().to_string());
    match compile::compile_checked(&name, &src, stem.as_deref()) {
        Ok(m) => {
            let m = server::install(m);
            server::note_source(m.name, file);
            Ok(m)
        }
        Err(ds) => {
            eprint!("{}", compile::render_all(&ds, &name, &src));
            Err(1)
        }
    }
}

fn run(file: &Path, args: &[String], pa: &[PathBuf], cfg: crate::vm::sched::Config) -> i32 {
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    server::add_path(dir);
    for d in pa {
        server::add_path(d);
    }
    let m = match load_file(file) {
        Ok(m) => m,
        Err(c) => return c,
    };
    let mut p = Process::new(Term::pid(0));
    let argv: Vec<Term> = args.iter().map(|a| crate::heap::Alloc::str_list(&mut p.heap, a)).collect();
    let list = crate::heap::Alloc::list(&mut p.heap, &argv);
    if let Err(e) = interp::prepare_call(&mut p, m.name, atoms::MAIN, &[list]) {
        let _ = e;
        eprintln!("girder: {}:main/1 is not exported", m.name.name());
        return 1;
    }
    match crate::vm::sched::run_main(Box::new(p), cfg) {
        Some(crate::vm::sched::MainExit { result: Err(e), process }) => {
            crate::bif::io::flush();
            eprint!("{}", crash_report(&e));
            drop(process); // after the report: its heap holds the reason
            1
        }
        // main/1 returned, or every process waits forever.
        _ => 0,
    }
}

/// OTP's shell style: `** exception error: ...` and the stack.
pub fn crash_report(e: &Exception) -> String {
    let mut s = format!("** exception {}: {}\n", e.class.atom().name(), describe_reason(e));
    let mut first = true;
    for frame in e.trace.iter_list() {
        if let Some(f) = frame.as_tuple() {
            if f.len() == 4 {
                let m = f[0].as_atom().map_or("?", Atom::name);
                let func = f[1].as_atom().map_or("?", Atom::name);
                let arity = match f[2].as_small() {
                    Some(a) => a.to_string(),
                    None => f[2].list_length().map_or("?".into(), |n| n.to_string()),
                };
                let mut loc = String::new();
                let mut file = None;
                let mut line = None;
                for item in f[3].iter_list() {
                    if let Some([k, v]) = item.as_tuple() {
                        if *k == Term::atom(atoms::FILE) {
                            file = v.list_to_vec().map(|cs| {
                                cs.iter()
                                    .filter_map(|c| c.as_small())
                                    .map(|c| char::from_u32(c as u32).unwrap_or('?'))
                                    .collect::<String>()
                            });
                        } else if *k == Term::atom(atoms::LINE) {
                            line = v.as_small();
                        }
                    }
                }
                if let (Some(fl), Some(l)) = (file, line) {
                    loc = format!(" ({fl}, line {l})");
                }
                let what = if first { "in function " } else { "in call from" };
                s.push_str(&format!("     {what} {m}:{func}/{arity}{loc}\n"));
                first = false;
            }
        }
    }
    s
}

fn pretty(t: Term, col: usize) -> String {
    let mut s = String::new();
    crate::format::print_term(&mut s, t, col, 80, None);
    s
}

/// The text the Erlang shell prints for an exception's reason.
fn describe_reason(e: &Exception) -> String {
    use crate::vm::exception::Class;
    if e.class != Class::Error {
        return pretty(e.reason, 20);
    }
    let r = e.reason;
    if let Some(a) = r.as_atom() {
        match a {
            atoms::BADARG => return "bad argument".into(),
            atoms::BADARITH => return "an error occurred when evaluating an arithmetic expression".into(),
            atoms::IF_CLAUSE => return "no true branch found when evaluating an if expression".into(),
            atoms::FUNCTION_CLAUSE => {
                if let Some(top) = e.trace.iter_list().next().and_then(|t| t.as_tuple()) {
                    if top.len() == 4 && top[2].is_list() {
                        let args: Vec<String> = top[2].iter_list().map(|a| pretty(a, 0)).collect();
                        return format!(
                            "no function clause matching {}:{}({})",
                            top[0].as_atom().map_or("?", Atom::name),
                            top[1].as_atom().map_or("?", Atom::name),
                            args.join(",")
                        );
                    }
                }
                return "no function clause matching".into();
            }
            atoms::UNDEF => {
                if let Some(top) = e.trace.iter_list().next().and_then(|t| t.as_tuple()) {
                    if top.len() == 4 {
                        let n = top[2].list_length().unwrap_or(0);
                        return format!(
                            "undefined function {}:{}/{}",
                            top[0].as_atom().map_or("?", Atom::name),
                            top[1].as_atom().map_or("?", Atom::name),
                            n
                        );
                    }
                }
                return "undefined function".into();
            }
            _ => {}
        }
    }
    if let Some([tag, v]) = r.as_tuple() {
        let what = match tag.as_atom() {
            Some(atoms::BADMATCH) => Some("no match of right hand side value "),
            Some(atoms::CASE_CLAUSE) => Some("no case clause matching "),
            Some(atoms::TRY_CLAUSE) => Some("no try clause matching "),
            Some(atoms::BADFUN) => Some("bad function "),
            Some(atoms::BADMAP) => Some("bad map: "),
            Some(atoms::BADKEY) => Some("bad key: "),
            Some(atoms::BADRECORD) => Some("bad record "),
            _ => None,
        };
        if let Some(w) = what {
            return format!("{w}{}", pretty(*v, 20 + w.len()));
        }
    }
    pretty(r, 20)
}

fn disasm(file: &Path) -> i32 {
    let m = match load_file(file) {
        Ok(m) => m,
        Err(c) => return c,
    };
    let mut out = String::new();
    out.push_str(&format!("module {}  ({} instructions, {} constants)\n", m.name.name(), m.code.len(), m.consts.len()));
    for (i, c) in m.consts.iter().enumerate() {
        let mut t = String::new();
        crate::format::write_term(&mut t, *c, Some(20));
        out.push_str(&format!("  lit{i} = {t}\n"));
    }
    for (i, ins) in m.code.iter().enumerate() {
        if let crate::code::instr::Instr::FuncInfo { function } = ins {
            if let Some(f) = m.functions.get(*function as usize) {
                out.push_str(&format!("\n{}/{}:\n", f.name.name(), f.arity));
            }
        }
        out.push_str(&format!("{i:6}  {:>4}  {ins:?}\n", m.lines[i]));
    }
    print!("{out}");
    0
}
