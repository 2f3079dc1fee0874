fn main() {
    for path in std::env::args().skip(1) {
        let source = std::fs::read_to_string(&path).expect("readable UTF-8 file");
        let doc = awesome_lint::document::Document::parse(source);
        for d in awesome_lint::rules::check(&doc) {
            let p = doc.position(d.span.start);
            println!("{path}:{}:{} {} {}", p.line, p.column, d.rule, d.message);
        }
    }
}
