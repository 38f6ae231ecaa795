//! Where the shell's text comes from: a terminal through rustyline (line
//! editing, history kept in the user's data directory, tab completion of
//! module and function names), or any other standard input read as is,
//! so that the shell can be scripted (`echo 'X = 2, X * 21.' | girder shell`).
//!
//! Either way the reader hands out one expression sequence at a time: the
//! text up to and including the first `.` token. What follows that dot on
//! the same line is kept for the next prompt, as `erl` does.

use crate::syntax::diag::codes;
use crate::syntax::lexer::{self, Tok};
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::Editor;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The source of lines.
enum Lines {
    Terminal { editor: Box<Editor<Completion, DefaultHistory>>, history: Option<PathBuf> },
    Piped(std::io::Stdin),
}

pub struct Input {
    lines: Lines,
    /// Text read but not yet handed out (after a `.` in mid-line).
    pending: String,
}

/// One line from the source.
enum Line {
    Text(String),
    /// ^C on a terminal.
    Interrupted,
    End,
}

/// One read: an expression sequence, or the end of the input.
pub enum Read {
    Text(String),
    Eof,
}

/// Where history is kept: `$XDG_DATA_HOME/girder/history`, else
/// `~/.local/share/girder/history`.
fn history_file() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("HOME")?).join(".local/share"),
    };
    Some(base.join("girder").join("history"))
}

impl Input {
    pub fn new() -> Input {
        let stdin = std::io::stdin();
        let lines = if stdin.is_terminal() && std::io::stdout().is_terminal() {
            // Tab completes the common prefix, then lists the candidates (as bash).
            let config = rustyline::Config::builder().completion_type(rustyline::CompletionType::List).build();
            match Editor::<Completion, DefaultHistory>::with_config(config) {
                Ok(mut editor) => {
                    editor.set_helper(Some(Completion));
                    let history = history_file();
                    if let Some(h) = &history {
                        let _ = editor.load_history(h);
                    }
                    Lines::Terminal { editor: Box::new(editor), history }
                }
                Err(_) => Lines::Piped(stdin),
            }
        } else {
            Lines::Piped(stdin)
        };
        Input { lines, pending: String::new() }
    }

    pub fn is_terminal(&self) -> bool {
        matches!(self.lines, Lines::Terminal { .. })
    }

    /// Read an expression sequence, showing `prompt` as `erl` does: on a
    /// terminal before every line, on a pipe once per expression.
    pub fn read(&mut self, prompt: &str) -> Read {
        crate::bif::io::flush();
        if let Lines::Piped(_) = self.lines {
            print_now(prompt);
        }
        let mut buf = std::mem::take(&mut self.pending);
        loop {
            if let Some(end) = complete_at(&buf) {
                let rest = buf.split_off(end);
                if !rest.trim().is_empty() {
                    self.pending = rest;
                }
                return Read::Text(buf);
            }
            let line = match self.next_line(prompt) {
                Line::Text(l) => Some(l.trim_end_matches('\n').to_string()),
                // ^C drops the half-typed expression, as a fresh prompt.
                Line::Interrupted => {
                    buf.clear();
                    continue;
                }
                Line::End => None,
            };
            match line {
                Some(l) => {
                    buf.push_str(&l);
                    buf.push('\n');
                }
                // End of input: what is left is handed out once (to be
                // reported if it is incomplete), then the end.
                None if buf.trim().is_empty() => return Read::Eof,
                None => return Read::Text(buf),
            }
        }
    }

    /// The next line of input with its newline (none on a last line that
    /// has none). A terminal shows `prompt` first.
    fn next_line(&mut self, prompt: &str) -> Line {
        match &mut self.lines {
            Lines::Terminal { editor, history } => match editor.readline(prompt) {
                Ok(l) => {
                    if !l.trim().is_empty() {
                        let _ = editor.add_history_entry(l.as_str());
                        if let Some(h) = history {
                            if let Some(dir) = h.parent() {
                                let _ = std::fs::create_dir_all(dir);
                            }
                            let _ = editor.save_history(h);
                        }
                    }
                    Line::Text(l + "\n")
                }
                Err(ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::End,
            },
            Lines::Piped(stdin) => {
                let mut l = String::new();
                match stdin.read_line(&mut l) {
                    Ok(0) | Err(_) => Line::End,
                    Ok(_) => Line::Text(l),
                }
            }
        }
    }

    /// The next line for a program's read: ^C just asks again.
    fn next_program_line(&mut self, prompt: &str) -> Option<String> {
        loop {
            match self.next_line(prompt) {
                Line::Text(l) => return Some(l),
                Line::Interrupted => continue,
                Line::End => return None,
            }
        }
    }

    /// Show `prompt` for a program's read (io:get_line and friends): on a
    /// pipe it is printed once per request, as `erl -noshell` does.
    fn program_prompt(&mut self, prompt: &str) {
        crate::bif::io::flush();
        if let Lines::Piped(_) = self.lines {
            print_now(prompt);
        }
    }

    /// io:get_line: text up to and including the next newline (the text
    /// left over from an earlier read comes first), or None at the end.
    pub fn get_line(&mut self, prompt: &str) -> Option<String> {
        self.program_prompt(prompt);
        loop {
            if let Some(i) = self.pending.find('\n') {
                let rest = self.pending.split_off(i + 1);
                return Some(std::mem::replace(&mut self.pending, rest));
            }
            match self.next_program_line(prompt) {
                Some(l) => self.pending.push_str(&l),
                None if self.pending.is_empty() => return None,
                None => return Some(std::mem::take(&mut self.pending)),
            }
        }
    }

    /// io:get_chars: the next `n` characters (fewer at the end), or None
    /// at the end.
    pub fn get_chars(&mut self, prompt: &str, n: usize) -> Option<String> {
        self.program_prompt(prompt);
        loop {
            if let Some((i, _)) = self.pending.char_indices().nth(n) {
                let rest = self.pending.split_off(i);
                return Some(std::mem::replace(&mut self.pending, rest));
            }
            if self.pending.chars().count() == n && n > 0 {
                return Some(std::mem::take(&mut self.pending));
            }
            match self.next_program_line(prompt) {
                Some(l) => self.pending.push_str(&l),
                None if self.pending.is_empty() && n > 0 => return None,
                None => return Some(std::mem::take(&mut self.pending)),
            }
        }
    }

    /// io:read: the text of one term up to and including its `.` and the
    /// white space character after it (which belongs to the end token).
    pub fn read_term_text(&mut self, prompt: &str) -> Read {
        self.program_prompt(prompt);
        loop {
            if let Some(mut end) = complete_at(&self.pending) {
                if let Some(c) = self.pending[end..].chars().next().filter(|c| c.is_whitespace()) {
                    end += c.len_utf8();
                }
                let rest = self.pending.split_off(end);
                return Read::Text(std::mem::replace(&mut self.pending, rest));
            }
            match self.next_program_line(prompt) {
                Some(l) => self.pending.push_str(&l),
                None if self.pending.trim().is_empty() => {
                    self.pending.clear();
                    return Read::Eof;
                }
                None => return Read::Text(std::mem::take(&mut self.pending)),
            }
        }
    }
}

fn print_now(s: &str) {
    use std::io::Write;
    let mut o = std::io::stdout();
    let _ = o.write_all(s.as_bytes());
    let _ = o.flush();
}

/// The end of the first complete expression sequence in `buf` (just past
/// its `.`), or None if more lines are needed. Text that cannot be lexed
/// (other than an unterminated string or quoted atom) is complete at the
/// end of the line, so that its error is reported.
fn complete_at(buf: &str) -> Option<usize> {
    if buf.trim().is_empty() {
        return None;
    }
    match lexer::lex(buf) {
        Ok(toks) => toks.iter().find(|t| t.tok == Tok::Dot).map(|t| t.loc.end as usize),
        Err(d) if d.code == codes::UNTERMINATED => None,
        Err(_) => Some(buf.len()),
    }
}

/// Tab completion: module names (the stdlib and loaded modules), then
/// after `mod:` the functions that module exports.
struct Completion;

impl rustyline::Helper for Completion {}
impl rustyline::highlight::Highlighter for Completion {}
impl rustyline::validate::Validator for Completion {}
impl rustyline::hint::Hinter for Completion {
    type Hint = String;
}

impl Completer for Completion {
    type Candidate = Pair;
    fn complete(&self, line: &str, pos: usize, _: &rustyline::Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '@'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[start..];
        let pairs = match word.split_once(':') {
            Some((m, f)) => super::complete::functions(m, f)
                .into_iter()
                .map(|(name, arity)| Pair { display: format!("{name}/{arity}"), replacement: format!("{m}:{name}(") })
                .collect(),
            None => super::complete::modules(word)
                .into_iter()
                .map(|m| Pair { display: m.clone(), replacement: format!("{m}:") })
                .collect(),
        };
        Ok((start, pairs))
    }
}
