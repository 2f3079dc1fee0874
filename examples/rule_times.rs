use awesome_lint::document::Document;
use awesome_lint::rules::{REGISTRY, RuleOptions};
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let src = std::fs::read_to_string(path).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let doc = Document::parse(src.clone());
        println!("parse {:?}", t.elapsed());
        for r in REGISTRY {
            let t = Instant::now();
            let n = r.check(&doc, &RuleOptions::default()).len();
            let e = t.elapsed();
            if e.as_micros() > 500 {
                println!("{} {:?} ({n})", r.id(), e);
            }
        }
    }
}
