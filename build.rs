fn main() {
    lalrpop::Processor::new()
        .process_dir("grammar")
        .expect("lalrpop grammar failed to compile");
}
