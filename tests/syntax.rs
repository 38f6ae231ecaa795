//! Integration tests of the front end through its public API.

use std::path::{Path, PathBuf};

use girder::syntax::ast::{Expr, Form, Module};
use girder::syntax::{parse_exprs, parse_module, parse_module_with, sexp};

/// Parses expressions and prints them as S-expressions, or the first error.
fn p(src: &str) -> String {
    match parse_exprs(src) {
        Ok(es) => es.iter().map(sexp::expr).collect::<Vec<_>>().join(", "),
        Err(ds) => format!("ERROR: {}", ds[0].message),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn module(src: &str) -> Module {
    match parse_module("test.erl", src) {
        Ok(m) => m,
        Err(ds) => panic!("{}", ds[0].render("test.erl", src)),
    }
}

fn module_err(src: &str) -> String {
    match parse_module("test.erl", src) {
        Ok(m) => panic!("expected an error, got {m:?}"),
        Err(ds) => ds[0].render("test.erl", src),
    }
}

/// The body of the only clause of function `name` as S-expressions.
fn body(m: &Module, name: &str) -> String {
    for f in &m.forms {
        if let Form::Function(f) = f {
            if f.name == name {
                return f.clauses[0]
                    .body
                    .iter()
                    .map(sexp::expr)
                    .collect::<Vec<_>>()
                    .join(", ");
            }
        }
    }
    panic!("no function {name}")
}

#[test]
fn precedence() {
    let cases = [
        ("a + b * c.", "(+ a (* b c))"),
        ("A = B = c.", "(= A (= B c))"),
        ("X ! Y = Z.", "(! X (= Y Z))"),
        ("catch a = b.", "(catch (= a b))"),
        ("- - 1.", "(- (- 1))"),
        ("not a andalso b.", "(andalso (not a) b)"),
        ("A#r.f#r.g.", "(field (field A r f) r g)"),
        ("1 - 1 - 1.", "(- (- 1 1) 1)"),
        ("a ++ b ++ c.", "(++ a (++ b c))"),
        ("X = catch 1 + 2.", "(= X (catch (+ 1 2)))"),
        ("-X#r.f.", "(- (field X r f))"),
        ("m:f(1)#r.f.", "ERROR: syntax error before: '#'"),
        ("a == b == c.", "ERROR: syntax error before: '=='"),
    ];
    for (src, want) in cases {
        assert_eq!(p(src), want, "{src}");
    }
}

/// Expectations printed by OTP 25's own parser (`erl_parse:parse_exprs`)
/// through an escript that writes its abstract format in our S-expression
/// syntax; see `sexp.rs`.
const ORACLE: &[(&str, &str)] = &[
        ("a + b * c.", "(+ a (* b c))"),
        ("A = B = c.", "(= A (= B c))"),
        ("X ! Y = Z.", "(! X (= Y Z))"),
        ("catch a = b.", "(catch (= a b))"),
        ("- - 1.", "(- (- 1))"),
        ("not a andalso b.", "(andalso (not a) b)"),
        ("A#r.f#r.g.", "(field (field A r f) r g)"),
        ("1 - 1 - 1.", "(- (- 1 1) 1)"),
        ("a ++ b ++ c.", "(++ a (++ b c))"),
        ("a -- b ++ c.", "(-- a (++ b c))"),
        ("X = catch 1 + 2.", "(= X (catch (+ 1 2)))"),
        ("1 + catch 2 + 3.", "(+ 1 (catch (+ 2 3)))"),
        ("a orelse catch b.", "(orelse a (catch b))"),
        ("a andalso catch b orelse c.", "(andalso a (catch (orelse b c)))"),
        ("- catch 1.", "(- (catch 1))"),
        ("catch catch 1.", "(catch (catch 1))"),
        ("X = Y = catch 1 = 2.", "(= X (= Y (catch (= 1 2))))"),
        ("catch a, b.", "(catch a), b"),
        ("a orelse b orelse c.", "(orelse a (orelse b c))"),
        ("a andalso b andalso c.", "(andalso a (andalso b c))"),
        ("a orelse b andalso c.", "(orelse a (andalso b c))"),
        ("a andalso b orelse c.", "(orelse (andalso a b) c)"),
        ("X = a orelse b.", "(= X (orelse a b))"),
        ("a == b + 1.", "(== a (+ b 1))"),
        ("a < b orelse c > d.", "(orelse (< a b) (> c d))"),
        ("1 + 2 * 3 - 4 / 5 div 6 rem 7.", "(- (+ 1 (* 2 3)) (rem (div (/ 4 5) 6) 7))"),
        ("a band b bor c bxor d bsl e bsr f.", "(bsr (bsl (bxor (bor (band a b) c) d) e) f)"),
        ("not a and b or c xor d.", "(xor (or (and (not a) b) c) d)"),
        ("-a * b.", "(* (- a) b)"),
        ("- a#r.f.", "(- (field a r f))"),
        ("bnot bnot 1.", "(bnot (bnot 1))"),
        ("+1 - -1.", "(- (+ 1) (- 1))"),
        ("a * -b.", "(* a (- b))"),
        ("X = Y ! Z.", "(= X (! Y Z))"),
        ("A ! B ! C.", "(! A (! B C))"),
        ("f(1).", "(call f 1)"),
        ("m:f(1, 2).", "(call m:f 1 2)"),
        ("M:F().", "(call M:F)"),
        ("(f())().", "(apply (call f))"),
        ("begin 1 end(2).", "(apply (begin 1) 2)"),
        ("(fun() -> ok end)().", "(apply (fun (() -> ok)))"),
        ("F(x)#r.a.", "ERROR: syntax error before: '#'"),
        ("#r{a = 1}#r.a.", "(field (record r (a 1)) r a)"),
        ("#r{}.", "(record r)"),
        ("#r{a = 1, b = X, _ = 0}.", "(record r (a 1) (b X) (_ 0))"),
        ("X#r{a = 1}#r{b = 2}.", "(record-update (record-update X r (a 1)) r (b 2))"),
        ("X#r.a.", "(field X r a)"),
        ("#r.a.", "(index r a)"),
        ("#{}.", "(map)"),
        ("#{a => 1, b := 2}.", "(map (a => 1) (b := 2))"),
        ("M#{a => 1}.", "(map-update M (a => 1))"),
        ("#{a => 1}#{b := 2}.", "(map-update (map (a => 1)) (b := 2))"),
        ("X#{a := 1}#{b => 2}.", "(map-update (map-update X (a := 1)) (b => 2))"),
        ("[].", "[]"),
        ("[1].", "(cons 1 [])"),
        ("[1, 2, 3].", "(cons 1 (cons 2 (cons 3 [])))"),
        ("[H | T].", "(cons H T)"),
        ("[a, b | c].", "(cons a (cons b c))"),
        ("[X || X <- L].", "(lc X (<- X L))"),
        ("[X || X <- L, X > 1, Y <- X].", "(lc X (<- X L) (> X 1) (<- Y X))"),
        ("[X || <<X>> <= B].", "(lc X (<= <<X>> B))"),
        ("<< <<X>> || X <- L >>.", "(bc <<X>> (<- X L))"),
        ("<< <<X:8>> || <<X:4>> <= B, X > 0 >>.", "(bc <<X:8>> (<= <<X:4>> B) (> X 0))"),
        ("<<>>.", "<<>>"),
        ("<<1, 2, 3>>.", "<<1 2 3>>"),
        ("<<\"abc\">>.", "<<\"abc\">>"),
        ("<<A:8, B:16/little, C/binary, D:4/integer-unit:8>>.", "<<A:8 B:16/little C/binary D:4/integer-unit:8>>"),
        ("<<(X + 1):8, -1:8, (size(B)):32/big-signed-integer>>.", "<<(+ X 1):8 (- 1):8 (call size B):32/big-signed-integer>>"),
        ("<<X:Size/binary>>.", "<<X:Size/binary>>"),
        ("<<$a/utf8, \"x\"/utf16>>.", "<<(char 97)/utf8 \"x\"/utf16>>"),
        ("{}.", "{}"),
        ("{a}.", "{a}"),
        ("{a, {b, c}, [d]}.", "{a {b c} (cons d [])}"),
        ("fun f/1.", "(fun f/1)"),
        ("fun m:f/1.", "(fun m:f/1)"),
        ("fun M:F/A.", "(fun M:F/A)"),
        ("fun () -> ok end.", "(fun (() -> ok))"),
        ("fun (X) -> X; (_) -> y end.", "(fun ((X) -> X) ((_) -> y))"),
        ("fun (X) when X > 0, X < 10; X == 100 -> X end.", "(fun ((X) when (> X 0), (< X 10); (== X 100) -> X))"),
        ("fun F(0) -> 1; F(N) -> N * F(N - 1) end.", "(fun F ((0) -> 1) ((N) -> (* N (apply F (- N 1)))))"),
        ("if a -> b; true -> c end.", "(if (() when a -> b) (() when true -> c))"),
        ("if X > 1, Y < 2; Z -> ok end.", "(if (() when (> X 1), (< Y 2); Z -> ok))"),
        ("case X of a -> 1; {b, Y} when Y > 0 -> Y; _ -> 0 end.", "(case X ((a) -> 1) (({b Y}) when (> Y 0) -> Y) ((_) -> 0))"),
        ("receive a -> b end.", "(receive ((a) -> b))"),
        ("receive a -> b after 10 -> c end.", "(receive ((a) -> b) (after 10 c))"),
        ("receive after 10 -> c end.", "(receive  (after 10 c))"),
        ("receive {X, Y} when X > Y -> X; Z -> Z after T -> t end.", "(receive (({X Y}) when (> X Y) -> X) ((Z) -> Z) (after T t))"),
        ("try a end.", "ERROR: syntax error before: 'end'"),
        ("try a of b -> c catch d -> e end.", "(try (a) (of ((b) -> c)) (catch (throw:d -> e)) (after ))"),
        ("try a catch error:b -> c; throw:d:S -> e; C:R:S when R > 1 -> f end.", "(try (a) (of ) (catch (error:b -> c) (throw:d:S -> e) (C:R:S when (> R 1) -> f)) (after ))"),
        ("try a after b end.", "(try (a) (of ) (catch ) (after b))"),
        ("try a, b of c -> d catch _:_ -> e after f, g end.", "(try (a b) (of ((c) -> d)) (catch (_:_ -> e)) (after f g))"),
        ("try a catch X -> X after ok end.", "(try (a) (of ) (catch (throw:X -> X)) (after ok))"),
        ("begin a, b, c end.", "(begin a b c)"),
        ("\"a\" \"b\" \"c\".", "\"abc\""),
        ("$a.", "(char 97)"),
        ("$\\n.", "(char 10)"),
        ("'hello world'.", "'hello world'"),
        ("'if'.", "'if'"),
        ("X = fun(Y) -> Y end, X(1).", "(= X (fun ((Y) -> Y))), (apply X 1)"),
        ("a:b(c):d(e).", "ERROR: syntax error before: ':'"),
        ("f(a, b)#r.c.", "ERROR: syntax error before: '#'"),
        ("(X#r.a)#r.b.", "(field (field X r a) r b)"),
        ("X = #r.a.", "(= X (index r a))"),
        ("case catch f() of {'EXIT', R} -> R; V -> V end.", "(case (catch (call f)) (({'EXIT' R}) -> R) ((V) -> V))"),
        ("[catch 1].", "(cons (catch 1) [])"),
        ("{catch 1, 2}.", "{(catch 1) 2}"),
        ("f(catch 1).", "(call f (catch 1))"),
        ("X#r{a = catch 1}.", "(record-update X r (a (catch 1)))"),
        ("#{a => catch 1}.", "(map (a => (catch 1)))"),
        ("a = b = c ! d.", "(= a (= b (! c d)))"),
        ("a < b.", "(< a b)"),
        ("a =:= b.", "(=:= a b)"),
        ("a =/= b.", "(=/= a b)"),
        ("a /= b.", "(/= a b)"),
        ("a =< b.", "(=< a b)"),
        ("a >= b.", "(>= a b)"),
        ("(a = b) = c.", "(= (= a b) c)"),
        ("X = (Y ! Z).", "(= X (! Y Z))"),
        ("- (1 + 2).", "(- (+ 1 2))"),
        ("a + (b + c).", "(+ a (+ b c))"),
        ("1 - (2 - 3).", "(- 1 (- 2 3))"),
];

#[test]
fn agrees_with_erl_parse() {
    let mut failures = Vec::new();
    for (src, want) in ORACLE {
        let got = p(src);
        let ok = if want.starts_with("ERROR") {
            got.starts_with("ERROR")
        } else {
            got == *want
        };
        if !ok {
            failures.push(format!("{src}\n  erl_parse: {want}\n  girder:    {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn shell_expressions() {
    let es = parse_exprs("X = 1, Y = X + 1.").unwrap();
    assert_eq!(es.len(), 2);
    assert!(matches!(&es[1], Expr::Match(..)));
    assert_eq!(p("X = 1, Y = X + 1."), "(= X 1), (= Y (+ X 1))");
    assert_eq!(p("X = 1"), "ERROR: syntax error before: end of input");
    assert_eq!(p("1. 2."), "ERROR: syntax error before: 2");
    assert_eq!(p("foo(."), "ERROR: syntax error before: '.'");
}

#[test]
fn all_forms_module() {
    let path = fixture("all_forms.erl");
    let src = std::fs::read_to_string(&path).unwrap();
    let name = path.to_string_lossy().into_owned();
    let m = match parse_module(&name, &src) {
        Ok(m) => m,
        Err(ds) => panic!("{}", ds[0].render(&name, &src)),
    };
    assert_eq!(m.name, "all_forms");
    let functions: Vec<String> = m
        .forms
        .iter()
        .filter_map(|f| match f {
            Form::Function(f) => Some(format!("{}/{}", f.name, f.arity)),
            _ => None,
        })
        .collect();
    assert_eq!(
        functions,
        [
            "start/0", "clauses/1", "guards/2", "funs/0", "comps/1", "bins/1", "maps/1",
            "records/1", "tries/1", "receives/1", "ops/2", "strings/0", "macros/1"
        ]
    );
    let clauses = m
        .forms
        .iter()
        .find_map(|f| match f {
            Form::Function(f) if f.name == "clauses" => Some(f.clauses.len()),
            _ => None,
        })
        .unwrap();
    assert_eq!(clauses, 12);

    let mut exports = Vec::new();
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let mut compile = 0;
    for f in &m.forms {
        match f {
            Form::Export(fs, _) => exports.extend(fs.iter().map(|(n, a, _)| format!("{n}/{a}"))),
            Form::Import(m, fs, _) => {
                assert_eq!(m, "lists");
                assert_eq!(fs.len(), 2);
            }
            Form::Record(name, fields, _) => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| match &f.default {
                        Some(d) => format!("{}={}", f.name, sexp::expr(d)),
                        None => f.name.clone(),
                    })
                    .collect();
                records.push(format!("{name}{{{}}}", fields.join(",")));
            }
            Form::Compile(opts, _) => compile += opts.len(),
            Form::Attribute(name, None, _) => skipped.push(name.clone()),
            Form::Attribute(name, Some(_), _) => {
                assert!(["author", "vsn", "behaviour", "export_type"].contains(&name.as_str()))
            }
            Form::Function(_) => {}
        }
    }
    assert_eq!(exports.len(), 13);
    assert_eq!(compile, 3);
    assert_eq!(
        records,
        [
            "shape{kind=circle,size=1}",
            "point{x=0,y=0,z}",
            "empty{}",
            "nested{p=(record point),tags=[]}"
        ]
    );
    assert_eq!(skipped, ["type", "opaque", "spec", "callback", "spec"]);

    // Macros and the included file's macros are expanded.
    let macros = body(&m, "macros");
    assert!(macros.starts_with("{3.14159 (* (+ X 1) (+ X 1)) (case (> X 2)"), "{macros}");
    assert!(macros.contains(" release true macros 1 "), "{macros}");
    assert!(macros.contains("(call all_forms:start)"), "{macros}");
    assert!(macros.contains("\"\\\"s\\\" ++ [ $c ]\""), "{macros}");
    let records = body(&m, "records");
    assert!(records.contains("(* (field S shape size) (field S shape size))"));
}

#[test]
fn bench_programs_parse() {
    let mut dirs = vec![fixture("")];
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench");
    if shared.is_dir() {
        dirs.push(shared);
    }
    let mut count = 0;
    for dir in dirs {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("erl") {
                continue;
            }
            let src = std::fs::read_to_string(&path).unwrap();
            let name = path.to_string_lossy().into_owned();
            if let Err(ds) = parse_module(&name, &src) {
                panic!("{}", ds[0].render(&name, &src));
            }
            count += 1;
        }
    }
    assert!(count >= 10, "only {count} programs found");
}

#[test]
fn function_forms() {
    let m = module(
        "-module(m).\n\
         f(0) -> zero;\n\
         f(N) when N > 0, is_integer(N); N < -10 -> pos;\n\
         f(_) -> other.\n\
         g() -> ok.\n",
    );
    let Form::Function(f) = &m.forms[0] else {
        panic!()
    };
    assert_eq!((f.name.as_str(), f.arity, f.clauses.len()), ("f", 1, 3));
    assert_eq!(f.clauses[1].guards.len(), 2);
    assert_eq!(f.clauses[1].guards[0].len(), 2);
    assert_eq!(f.loc.line, 2);
    assert_eq!(f.clauses[2].loc.line, 4);
    let Form::Function(g) = &m.forms[1] else {
        panic!()
    };
    assert_eq!((g.name.as_str(), g.arity), ("g", 0));
}

#[test]
fn locations_are_byte_spans_with_lines() {
    let src = "-module(m).\nf(X) ->\n    X + 1.\n";
    let m = module(src);
    let Form::Function(f) = &m.forms[0] else {
        panic!()
    };
    let e = &f.clauses[0].body[0];
    let loc = e.loc();
    assert_eq!(&src[loc.start as usize..loc.end as usize], "X + 1");
    assert_eq!(loc.line, 3);
    assert_eq!(m.loc.line, 1);
}

#[test]
fn clause_head_mismatch() {
    let out = module_err("-module(m).\nfoo(1) -> a;\nbar(2) -> b.\n");
    assert!(out.contains("head mismatch"), "{out}");
    assert!(out.contains("test.erl:3:1"), "{out}");
    let out = module_err("-module(m).\nfoo(1) -> a;\nfoo(1, 2) -> b.\n");
    assert!(out.contains("head mismatch"), "{out}");
    let out = module_err("-module(m).\nf() -> fun A() -> 1; B() -> 2 end.\n");
    assert!(out.contains("head mismatch"), "{out}");
}

#[test]
fn missing_module_attribute() {
    let out = module_err("f() -> ok.\n");
    assert!(out.contains("no module definition"), "{out}");
}

#[test]
fn diagnostic_rendering() {
    let src = "-module(bad).\n\nfoo(X) -> X + ).\n";
    let out = module_err(src);
    assert_eq!(
        out,
        "error[syntax::unexpected_token]: syntax error before: ')'\n   \
         ,-[test.erl:3:15]\n \
         3 | foo(X) -> X + ).\n   \
         :               |\n   \
         :               `-- unexpected ')'\n   \
         `----\n"
    );

    let cases = [
        (
            "-module(m).\nf() -> \"abc\n",
            "unterminated string starting with \"abc\\n\"",
            "test.erl:2:8",
            "f() -> \"abc",
        ),
        (
            "-module(m).\nf() -> 'abc",
            "unterminated atom starting with 'abc'",
            "test.erl:2:8",
            "f() -> 'abc",
        ),
        (
            "-module(m).\nf() ->\n  a ` b.\n",
            "illegal character",
            "test.erl:3:5",
            "  a ` b.",
        ),
        (
            "-module(m).\nf() -> ?FOO + 1.\n",
            "undefined macro 'FOO'",
            "test.erl:2:8",
            "f() -> ?FOO + 1.",
        ),
        (
            "-module(m).\nf() -> a:b.\n",
            "illegal expression",
            "test.erl:2:8",
            "f() -> a:b.",
        ),
        (
            "-module(m).\nf() -> [1, 2.\n",
            "syntax error before: '.'",
            "test.erl:2:13",
            "f() -> [1, 2.",
        ),
        (
            "-module(m).\nf() -> ok",
            "syntax error before: end of input",
            "test.erl:2:8",
            "f() -> ok",
        ),
        (
            "-module(m).\nf() -> 16#.\n",
            "illegal integer",
            "test.erl:2:8",
            "f() -> 16#.",
        ),
    ];
    for (src, message, position, line) in cases {
        let out = module_err(src);
        assert!(out.contains(message), "{out}");
        assert!(out.contains(position), "{out}");
        assert!(out.contains(line), "{out}");
    }
}

#[test]
fn diagnostic_help_and_codes() {
    let ds = parse_module("t.erl", "-module(m).\nf( -> ok.\n").unwrap_err();
    assert_eq!(ds[0].code, "syntax::unexpected_token");
    assert_eq!(ds[0].loc.line, 2);
    let ds = parse_module("t.erl", "-module(m).\nf() -> ?X.\n").unwrap_err();
    assert_eq!(ds[0].code, "preprocessor::undefined_macro");
    let rendered = ds[0].render("t.erl", "-module(m).\nf() -> ?X.\n");
    assert!(rendered.contains("help: define it with -define(X, ...)."), "{rendered}");
}
