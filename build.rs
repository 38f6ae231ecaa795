//! Generates the parser from `grammar/*.lalrpop` into `OUT_DIR`; the parser
//! module includes it with `lalrpop_mod!`.
fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .set_out_dir(out_dir)
        .emit_rerun_directives(true)
        .process()
        .expect("lalrpop grammar failed to compile");
}
