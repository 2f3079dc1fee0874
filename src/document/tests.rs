use super::*;

#[test]
fn smoke() {
    let doc = Document::parse("# T\n\n## A\n\n- [x](https://x.y) | [y](https://y.z) | 2023\n");
    assert_eq!(doc.headings.len(), 2);
    assert_eq!(doc.entries.len(), 1);
}
