use girder::syntax::{parse_exprs, sexp};

fn p(src: &str) -> String {
    match parse_exprs(src) {
        Ok(es) => es.iter().map(sexp::expr).collect::<Vec<_>>().join(", "),
        Err(ds) => format!("ERROR: {}", ds[0].message),
    }
}

#[test]
fn scratch() {
    for s in [
        "a + b * c.",
        "A = B = c.",
        "X ! Y = Z.",
        "catch a = b.",
        "- - 1.",
        "not a andalso b.",
        "A#r.f#r.g.",
        "1 - 1 - 1.",
        "a ++ b ++ c.",
        "X = catch 1 + 2.",
        "1 + catch 2 + 3.",
        "f(1)(2).",
        "a:b.",
        "m:f(1, 2).",
        "fun f/1.",
        "fun m:f/1.",
        "fun M:F/A.",
        "fun (X) when X > 0 -> X; (_) -> 0 end.",
        "fun F(0) -> 1; F(N) -> N * F(N - 1) end.",
        "[X || X <- L, X > 1].",
        "<< <<X>> || <<X>> <= B >>.",
        "<<A:8/integer-little, B/binary, \"str\">>.",
        "#{a => 1}#{b := 2}.",
        "#r{a = 1, _ = 2}.",
        "X#r{a = 1}.",
        "#r.f.",
        "try a of b -> c catch error:R:S when R > 1 -> d; R -> e; throw:x -> f after g end.",
        "receive X -> X after 100 -> t end.",
        "begin a, b end.",
        "if X > 1; Y -> a; true -> b end.",
        "case X of {a, B} when B > 1 -> B; _ -> 0 end.",
        "\"a\" \"b\".",
        "[1, 2 | T].",
        "-X#r.f.",
        "X = Y ! Z.",
        "a orelse catch b.",
        "$a.",
        "1.5e3.",
    ] {
        println!("{s:50} {}", p(s));
    }
}

#[test]
fn scratch_bench() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let src = std::fs::read_to_string(&p).unwrap();
        let name = p.display().to_string();
        match girder::syntax::parse_module(&name, &src) {
            Ok(m) => println!("{name}: ok {} forms", m.forms.len()),
            Err(ds) => println!("{}", ds[0].render(&name, &src)),
        }
    }
}

#[test]
fn scratch_diag() {
    for src in [
        "-module(bad).\n\nfoo(X) -> X + ).\n",
        "-module(bad).\nfoo() -> \"abc\n",
        "-module(bad).\nfoo() -> ?FOO.\n",
        "-module(bad).\nfoo(1) -> a;\nbar(2) -> b.\n",
        "-module(m).\nf() -> ok",
    ] {
        match girder::syntax::parse_module("tests/errors/bad.erl", src) {
            Ok(_) => println!("ok?"),
            Err(ds) => println!("{}", ds[0].render("tests/errors/bad.erl", src)),
        }
    }
}
