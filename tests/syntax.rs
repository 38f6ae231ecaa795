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
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
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
                return f.clauses[0].body.iter().map(sexp::expr).collect::<Vec<_>>().join(", ");
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
    (
        "<<(X + 1):8, -1:8, (size(B)):32/big-signed-integer>>.",
        "<<(+ X 1):8 (- 1):8 (call size B):32/big-signed-integer>>",
    ),
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
    (
        "case X of a -> 1; {b, Y} when Y > 0 -> Y; _ -> 0 end.",
        "(case X ((a) -> 1) (({b Y}) when (> Y 0) -> Y) ((_) -> 0))",
    ),
    ("receive a -> b end.", "(receive ((a) -> b))"),
    ("receive a -> b after 10 -> c end.", "(receive ((a) -> b) (after 10 c))"),
    ("receive after 10 -> c end.", "(receive  (after 10 c))"),
    (
        "receive {X, Y} when X > Y -> X; Z -> Z after T -> t end.",
        "(receive (({X Y}) when (> X Y) -> X) ((Z) -> Z) (after T t))",
    ),
    ("try a end.", "ERROR: syntax error before: 'end'"),
    ("try a of b -> c catch d -> e end.", "(try (a) (of ((b) -> c)) (catch (throw:d -> e)) (after ))"),
    (
        "try a catch error:b -> c; throw:d:S -> e; C:R:S when R > 1 -> f end.",
        "(try (a) (of ) (catch (error:b -> c) (throw:d:S -> e) (C:R:S when (> R 1) -> f)) (after ))",
    ),
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
        let ok = if want.starts_with("ERROR") { got.starts_with("ERROR") } else { got == *want };
        if !ok {
            failures.push(format!("{src}\n  erl_parse: {want}\n  girder:    {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Function forms, printed by `erl_parse:parse_form` as for `ORACLE`.
const FORM_ORACLE: &[(&str, &str)] = &[
        ("f(X = {a, _}, [H|T], <<A:8>>, #{k := V}, #r{a = 1}, \"p\" ++ R, -1, +1, 1 + 2, #r.a, Y = Z = 3) -> ok.", "f/11: (((= X {a _}) (cons H T) <<A:8>> (map (k := V)) (record r (a 1)) (++ \"p\" R) (- 1) (+ 1) (+ 1 2) (index r a) (= Y (= Z 3))) -> ok)"),
        ("f() -> try x catch error:{badmatch, _} = E:St -> E; exit:#{a := 1} -> b; {x, Y} when Y > 0 -> Y end.", "f/0: (() -> (try (x) (of ) (catch (error:(= {badmatch _} E):St -> E) (exit:(map (a := 1)) -> b) (throw:{x Y} when (> Y 0) -> Y)) (after )))"),
        ("f(a:b) -> ok.", "ERROR: syntax error before: ':'"),
        ("f(X) when X; not X -> ok; f(_) -> [] .", "f/1: ((X) when X; (not X) -> ok) ((_) -> [])"),
        ("f(A) -> A#{a => 1}#{b := 2}.", "f/1: ((A) -> (map-update (map-update A (a => 1)) (b := 2)))"),
        ("f(#{} = M) -> M.", "f/1: (((= (map) M)) -> M)"),
        ("f(X) -> X = catch f(X).", "f/1: ((X) -> (= X (catch (call f X))))"),
];

#[test]
fn function_forms_agree_with_erl_parse() {
    for (src, want) in FORM_ORACLE {
        let got = match parse_module("t.erl", &format!("-module(m).\n{src}\n")) {
            Ok(m) => match &m.forms[0] {
                Form::Function(f) => {
                    format!("{}/{}: {}", f.name, f.arity, sexp::clauses(&f.clauses))
                }
                other => format!("{other:?}"),
            },
            Err(ds) => format!("ERROR: {}", ds[0].message),
        };
        assert_eq!(&got, want, "{src}");
    }
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
            "start/0",
            "clauses/1",
            "guards/2",
            "funs/0",
            "comps/1",
            "bins/1",
            "maps/1",
            "records/1",
            "tries/1",
            "receives/1",
            "ops/2",
            "strings/0",
            "macros/1"
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
        ["shape{kind=circle,size=1}", "point{x=0,y=0,z}", "empty{}", "nested{p=(record point),tags=[]}"]
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
    let Form::Function(f) = &m.forms[0] else { panic!() };
    assert_eq!((f.name.as_str(), f.arity, f.clauses.len()), ("f", 1, 3));
    assert_eq!(f.clauses[1].guards.len(), 2);
    assert_eq!(f.clauses[1].guards[0].len(), 2);
    assert_eq!(f.loc.line, 2);
    assert_eq!(f.clauses[2].loc.line, 4);
    let Form::Function(g) = &m.forms[1] else { panic!() };
    assert_eq!((g.name.as_str(), g.arity), ("g", 0));
}

#[test]
fn locations_are_byte_spans_with_lines() {
    let src = "-module(m).\nf(X) ->\n    X + 1.\n";
    let m = module(src);
    let Form::Function(f) = &m.forms[0] else { panic!() };
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
        ("-module(m).\nf() -> \"abc\n", "unterminated string starting with \"abc\\n\"", "test.erl:2:8", "f() -> \"abc"),
        ("-module(m).\nf() -> 'abc", "unterminated atom starting with 'abc'", "test.erl:2:8", "f() -> 'abc"),
        ("-module(m).\nf() ->\n  a ` b.\n", "illegal character", "test.erl:3:5", "  a ` b."),
        ("-module(m).\nf() -> ?FOO + 1.\n", "undefined macro 'FOO'", "test.erl:2:8", "f() -> ?FOO + 1."),
        ("-module(m).\nf() -> a:b.\n", "illegal expression", "test.erl:2:8", "f() -> a:b."),
        ("-module(m).\nf() -> [1, 2.\n", "syntax error before: '.'", "test.erl:2:13", "f() -> [1, 2."),
        ("-module(m).\nf() -> ok", "syntax error before: end of input", "test.erl:2:8", "f() -> ok"),
        ("-module(m).\nf() -> 16#.\n", "illegal integer", "test.erl:2:8", "f() -> 16#."),
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

// ---------------------------------------------------------------- preprocessor

/// Parses `-module(m).` + `src` and prints the body of `f/0`.
fn pp(src: &str) -> String {
    let m = module(&format!("-module(m).\n{src}"));
    body(&m, "f")
}

fn pp_err(src: &str) -> String {
    let full = format!("-module(m).\n{src}");
    match parse_module("test.erl", &full) {
        Ok(_) => panic!("expected an error for {src}"),
        Err(ds) => ds[0].message.clone(),
    }
}

#[test]
fn object_and_function_macros() {
    // Expansion is textual, as in epp: no implicit parentheses.
    assert_eq!(pp("-define(A, 1 + 2).\nf() -> ?A * 3."), "(+ 1 (* 2 3))");
    assert_eq!(pp("-define(Sq(X), X * X).\nf() -> ?Sq(2 + 1)."), "(+ (+ 2 (* 1 2)) 1)");
    assert_eq!(pp("-define(F(), zero).\nf() -> ?F()."), "zero");
    // Overloading by arity, and the object-like one alongside.
    assert_eq!(
        pp("-define(M, obj).\n-define(M(A), {one, A}).\n-define(M(A, B), {two, A, B}).\n\
            f() -> [?M, ?M(1), ?M(1, 2)]."),
        "(cons obj (cons {one 1} (cons {two 1 2} [])))"
    );
    // An object-like macro followed by parentheses is a call of its value.
    assert_eq!(pp("-define(G, lists:reverse).\nf() -> ?G([1])."), "(call lists:reverse (cons 1 []))");
    // Commas inside brackets, blocks and funs do not split arguments.
    assert_eq!(
        pp("-define(P(A, B), {A, B}).\n\
            f() -> ?P([1, 2], case x of y -> {3, 4} end)."),
        "{(cons 1 (cons 2 [])) (case x ((y) -> {3 4}))}"
    );
    assert_eq!(
        pp("-define(P(A, B), {A, B}).\nf() -> ?P(fun(X, Y) -> X end, <<1, 2>>)."),
        "{(fun ((X Y) -> X)) <<1 2>>}"
    );
    assert_eq!(
        pp("-define(P(A, B), {A, B}).\nf() -> ?P(fun F(X, Y) -> F end, fun m:f/2)."),
        "{(fun F ((X Y) -> F)) (fun m:f/2)}"
    );
    // Nested calls and macros using macros.
    assert_eq!(pp("-define(I(X), X).\n-define(J, ?I(?I(7))).\nf() -> ?J."), "7");
    // Variables and atoms as macro names.
    assert_eq!(pp("-define(lower, low).\nf() -> ?lower."), "low");
}

#[test]
fn stringify_and_string_concatenation() {
    assert_eq!(
        pp("-define(S(E), ??E).\nf() -> ?S(foo(1, [a|B], \"s\", $a, 16#FF))."),
        "\"foo ( 1 , [ a | B ] , \\\"s\\\" , $a , 255 )\""
    );
    assert_eq!(pp("-define(PRE, \"pre\").\nf() -> ?PRE \"fix\"."), "\"prefix\"");
    assert_eq!(pp("-define(T(X), {??X, X}).\nf() -> ?T(1+2)."), "{\"1 + 2\" (+ 1 2)}");
}

#[test]
fn predefined_macros() {
    let src = "-module(pre).\n\
               f(A, B) ->\n  {?MODULE, ?MODULE_STRING, ?LINE, ?FILE, ?FUNCTION_NAME, ?FUNCTION_ARITY}.\n";
    let m = parse_module("dir/pre.erl", src).unwrap();
    assert_eq!(body(&m, "f"), "{pre \"pre\" 3 \"dir/pre.erl\" f 2}");
    assert_eq!(pp("f() -> ?MACHINE."), "'BEAM'");
    assert!(pp_err("-define(MODULE, x).\nf() -> ok.").contains("redefining predefined macro 'MODULE'"));
    // ?MODULE is only known after -module.
    let ds = parse_module("t.erl", "-export([f/0]).\n-define(X, ?MODULE).\nf() -> ?X.\n").unwrap_err();
    assert_eq!(ds[0].message, "undefined macro 'MODULE'");
}

#[test]
fn macro_errors() {
    assert_eq!(pp_err("f() -> ?NOPE."), "undefined macro 'NOPE'");
    assert_eq!(pp_err("-define(F(X), X).\nf() -> ?F(1, 2)."), "argument mismatch for macro 'F'");
    assert_eq!(pp_err("-define(F(X), X).\nf() -> ?F."), "argument mismatch for macro 'F'");
    assert_eq!(pp_err("-define(A, 1).\n-define(A, 2).\nf() -> ok."), "redefining macro 'A'");
    assert!(pp_err("-define(A, ?A).\nf() -> ?A.").contains("expansion limit"));
    assert!(pp_err("-define(A, 1.\nf() -> ok.").contains("bad macro definition"));
    assert!(pp_err("-define(F(X), X).\nf() -> ?F(1.\n").contains("unterminated argument list"));
    assert_eq!(pp_err("-undef(A).\n-define(A, 1).\n-undef(A).\nf() -> ?A."), "undefined macro 'A'");
    assert!(pp_err("f() -> ?FUNCTION_NAME.\n-x(?FUNCTION_NAME).").contains("within a function"));
    assert_eq!(pp_err("-error(\"boom\").\nf() -> ok."), "-error(\"boom\").");
}

#[test]
fn conditionals() {
    let src = "-define(YES, 1).\n\
               -ifdef(YES).\n-define(A, yes).\n-else.\n-define(A, no).\n-endif.\n\
               -ifndef(YES).\n-define(B, no).\n-else.\n-define(B, yes).\n-endif.\n\
               -ifdef(NO).\n\
                 -ifdef(YES).\n-define(C, wrong).\n-else.\n-define(C, wrong).\n-endif.\n\
                 this is not even erlang .\n\
               -else.\n\
                 -ifndef(NO).\n-define(C, right).\n-endif.\n\
               -endif.\n\
               -if(?YES > 0 andalso defined(YES)).\n-define(D, if_branch).\n\
               -elif(true).\n-define(D, elif_branch).\n\
               -else.\n-define(D, else_branch).\n-endif.\n\
               -if(?OTP_RELEASE < 20).\n-define(E, old).\n\
               -elif(not defined(NO)).\n-define(E, elif).\n\
               -else.\n-define(E, else).\n-endif.\n\
               f() -> {?A, ?B, ?C, ?D, ?E}.\n";
    assert_eq!(pp(src), "{yes yes right if_branch elif}");
    assert!(pp_err("-ifdef(X).\nf() -> ok.\n").contains("unterminated"));
    assert!(pp_err("-endif.\nf() -> ok.\n").contains("without"));
    assert!(pp_err("-else.\nf() -> ok.\n").contains("without"));
}

#[test]
fn predefined_defines_and_includes() {
    let src = "-module(d).\n-ifdef(DEBUG).\nf() -> {debug, ?LEVEL}.\n-else.\nf() -> release.\n-endif.\n";
    let m = parse_module_with("d.erl", src, &[], &[("DEBUG", "true"), ("LEVEL", "2 + 1")]).unwrap();
    assert_eq!(body(&m, "f"), "{debug (+ 2 1)}");
    let m = parse_module("d.erl", src).unwrap();
    assert_eq!(body(&m, "f"), "release");

    // -include is relative to the including file, then the include dirs.
    let main = fixture("main.erl");
    let name = main.to_string_lossy().into_owned();
    let src = "-module(main).\n-include(\"include/shapes.hrl\").\nf() -> #shape{}.\n";
    let m = parse_module(&name, src).unwrap();
    assert!(matches!(&m.forms[0], Form::Record(r, fs, _) if r == "shape" && fs.len() == 2));
    let src = "-module(main).\n-include(\"shapes.hrl\").\nf() -> ?AREA(#shape{}).\n";
    assert!(parse_module("elsewhere/main.erl", src).is_err());
    let m = parse_module_with("elsewhere/main.erl", src, &[fixture("include")], &[]).unwrap();
    assert_eq!(body(&m, "f"), "(* (field (record shape) shape size) (field (record shape) shape size))");
    let m =
        parse_module_with("x.erl", "-module(x).\n-include_lib(\"shapes.hrl\").\n", &[fixture("include")], &[]).unwrap();
    assert_eq!(m.forms.len(), 1);

    let out = module_err("-module(m).\n-include(\"nope.hrl\").\n");
    assert!(out.contains("can't find include file \"nope.hrl\""), "{out}");
    assert!(out.contains("test.erl:2:10]"), "{out}");
    let out = module_err("-module(m).\n-include_lib(\"kernel/include/file.hrl\").\n");
    assert!(out.contains("can't find include lib \"kernel/include/file.hrl\""), "{out}");
}

#[test]
fn errors_in_included_files_name_the_file() {
    let dir = std::env::temp_dir().join(format!("girder-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.hrl"), "%% comment\n-record(r, {a = }).\n").unwrap();
    std::fs::write(dir.join("self.hrl"), "-include(\"self.hrl\").\n").unwrap();
    let main = dir.join("m.erl").to_string_lossy().into_owned();
    let ds = parse_module(&main, "-module(m).\n-include(\"bad.hrl\").\n").unwrap_err();
    assert!(ds[0].message.contains("syntax error before: '}'"), "{}", ds[0].message);
    assert!(ds[0].message.contains("bad.hrl, line 2"), "{}", ds[0].message);
    assert_eq!(ds[0].loc.line, 2);
    let ds = parse_module(&main, "-module(m).\n-include(\"self.hrl\").\n").unwrap_err();
    assert!(ds[0].message.contains("too deeply nested"), "{}", ds[0].message);
    std::fs::remove_dir_all(&dir).ok();
}

// ---------------------------------------------------------------- robustness

/// xorshift64*: a tiny deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Feeds truncations and random mutations of a valid module (and random
/// token soup) to the parser: every input must give Ok or Err, never a
/// panic, and every error must render.
#[test]
fn no_panics_on_mutated_input() {
    let path = fixture("all_forms.erl");
    let name = path.to_string_lossy().into_owned();
    let base = std::fs::read_to_string(&path).unwrap();
    let bytes = base.as_bytes();
    let pieces: &[&str] = &[
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "<<",
        ">>",
        ",",
        ";",
        ".",
        ". ",
        "->",
        "?",
        "??",
        "#",
        "$",
        "'",
        "\"",
        "\\",
        "catch ",
        "end",
        "fun ",
        "when ",
        "-define(",
        "-ifdef(X).",
        "-endif.",
        "-include(\"",
        "?MODULE",
        "16#",
        "1.",
        "_",
        "X",
        ":",
        "::",
        "=",
        "|",
        "||",
        "\n",
        "%",
        "é",
        "\u{0}",
        "-else.",
        "?LINE(",
        "#r.",
        "??X",
        "after ",
        "receive ",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for i in 0..120 {
        inputs.push(bytes[..bytes.len() * i / 120].to_vec());
    }
    for _ in 0..400 {
        let mut b = bytes.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(b.len());
            match rng.below(4) {
                0 => {
                    b.remove(at);
                }
                1 => {
                    let chars = b" \n()[]{}<>,.;:#?$'\"\\-+*/=|%_aZ09";
                    b[at] = chars[rng.below(chars.len())];
                }
                2 => {
                    let piece = pieces[rng.below(pieces.len())];
                    b.splice(at..at, piece.bytes());
                }
                _ => {
                    let end = (at + rng.below(40)).min(b.len());
                    b.drain(at..end);
                }
            }
        }
        inputs.push(b);
    }
    for _ in 0..200 {
        let mut s = String::from("-module(z).\n");
        for _ in 0..rng.below(60) {
            s.push_str(pieces[rng.below(pieces.len())]);
            s.push(' ');
        }
        inputs.push(s.into_bytes());
    }
    let mut oks = 0;
    for input in &inputs {
        let src = String::from_utf8_lossy(input);
        match parse_module(&name, &src) {
            Ok(_) => oks += 1,
            Err(ds) => {
                assert!(!ds.is_empty());
                for d in &ds {
                    let _ = d.render(&name, &src);
                }
            }
        }
        let _ = parse_exprs(&src);
    }
    assert!(oks > 0 && oks < inputs.len(), "{oks} of {} parsed", inputs.len());
}

/// Regression: a 100,000-element list literal followed by a syntax error
/// overflowed the stack when the parser dropped its partial trees.
#[test]
fn huge_forms_give_diagnostics_not_stack_overflows() {
    let list = format!("[{}]", vec!["1"; 100_000].join(","));
    let src = format!("-module(m).\nf() -> {list}.\ng() -> {list} + .\n");
    let ds = parse_module("m.erl", &src).unwrap_err();
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[0].code, "syntax::too_deep");
    assert_eq!(ds[1].message, "syntax error before: '.'");
    let src = format!("-module(m).\n-if({}).\n-endif.\n", "not ".repeat(5000) + "true");
    assert!(parse_module("m.erl", &src).is_err());
}

/// Every `tests/syntax_errors/NAME.erl` must fail to parse with exactly the
/// diagnostics in `NAME.expected` (each program starts with a comment
/// saying what is wrong). `GIRDER_BLESS=1 cargo test` rewrites the
/// expectations.
#[test]
fn error_programs_match_expected_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/syntax_errors");
    let bless = std::env::var_os("GIRDER_BLESS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("erl"))
        .collect();
    entries.sort();
    for path in entries {
        count += 1;
        let src = std::fs::read_to_string(&path).unwrap();
        // A relative name keeps the expected output machine-independent.
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let got = match parse_module_with(&rel, &src, &[], &[]) {
            Ok(_) => "no error\n".to_string(),
            Err(ds) => ds.iter().map(|d| d.render(&rel, &src)).collect::<Vec<_>>().join("\n"),
        };
        let expected_path = path.with_extension("expected");
        if bless {
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != want {
            failures.push(format!("{rel}:\n--- expected\n{want}--- got\n{got}"));
        }
    }
    assert!(count >= 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
