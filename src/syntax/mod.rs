//! The front end: lexer, preprocessor, parser and diagnostics. Source text
//! goes in, an `ast::Module` (or a list of diagnostics) comes out.
//!
//! ```text
//! source --lexer--> tokens --preprocess--> forms (token lists) --parser--> ast::Module
//! ```

pub mod ast;
pub mod depth;
pub mod diag;
pub mod lexer;
pub mod parser;
pub mod preprocess;
pub mod sexp;

use std::path::PathBuf;

use diag::Diagnostic;

/// Parses a module file with no include directories besides the file's own
/// and no predefined macros beyond the standard ones.
pub fn parse_module(file_name: &str, source: &str) -> Result<ast::Module, Vec<Diagnostic>> {
    parse_module_with(file_name, source, &[], &[])
}

/// Parses a module file. `include_dirs` are searched (after the directory
/// of `file_name`) by `-include` and `-include_lib`; `defines` are
/// predefined macros as `(NAME, body source)`, like erlc's `-DNAME=Body`
/// (use `"true"` for a bare `-DNAME`).
pub fn parse_module_with(
    file_name: &str,
    source: &str,
    include_dirs: &[PathBuf],
    defines: &[(&str, &str)],
) -> Result<ast::Module, Vec<Diagnostic>> {
    let tokens = lexer::lex(source).map_err(|d| vec![d])?;
    let mut pp = preprocess::Preprocessor::new(file_name, include_dirs, defines)?;
    let forms = pp.run(tokens)?;
    parser::parse_module_forms(&forms, pp.origins())
}

/// Parses a sequence of expressions terminated by `.`, as the shell reads
/// them: `X = 1, Y = X + 1.`
pub fn parse_exprs(source: &str) -> Result<Vec<ast::Expr>, Vec<Diagnostic>> {
    let tokens = lexer::lex(source).map_err(|d| vec![d])?;
    let origins = parser::Origins::default();
    let end = tokens.iter().position(|t| t.tok == lexer::Tok::Dot).map(|i| i + 1).unwrap_or(tokens.len());
    if let Some(extra) = tokens.get(end) {
        return Err(vec![Diagnostic::new(
            diag::codes::UNEXPECTED_TOKEN,
            format!("syntax error before: {}", extra.tok),
            extra.loc,
            "unexpected text after the final '.'",
        )]);
    }
    parser::parse_expr_tokens(&tokens[..end], &origins).map_err(|d| vec![d])
}
