//! Shared helpers for the rules' fixes: ranges of whole lines to delete.

use std::ops::Range;

use crate::document::Document;

/// The lines `span` stands on, line breaks included, when nothing but whitespace shares
/// them with it; `None` when something else does (another entry, a `>` quote marker).
pub fn whole_lines(doc: &Document, span: &Range<usize>) -> Option<Range<usize>> {
    let source = doc.source.as_str();
    // A list item's span runs over the blank line after it; that line stays.
    let text = &source[span.clone()];
    let span = &(span.start..span.start + text.trim_end().len());
    let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = match source[span.end..].find('\n') {
        Some(i) => span.end + i + 1,
        None => source.len(),
    };
    let blank = |text: &str| text.chars().all(char::is_whitespace);
    let before = &source[start..span.start];
    let before = before.strip_prefix('\u{feff}').unwrap_or(before);
    (blank(before) && blank(&source[span.end..end])).then_some(start..end)
}

/// `lines` and the blank lines after them when a blank line (or the start of the text)
/// stands before: deleting a block then leaves one blank line between its neighbours.
pub fn with_following_blank_lines(doc: &Document, lines: Range<usize>) -> Range<usize> {
    let source = doc.source.as_str();
    let before = &source[..lines.start];
    let blank_before = before.is_empty()
        || before.ends_with("\n\n")
        || before.ends_with("\n\r\n")
        || before.trim().is_empty();
    if !blank_before {
        return lines;
    }
    let mut end = lines.end;
    while end < source.len() {
        let line_end = source[end..]
            .find('\n')
            .map_or(source.len(), |i| end + i + 1);
        if !source[end..line_end].trim().is_empty() {
            break;
        }
        end = line_end;
    }
    lines.start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(source: &str, needle: &str) -> Option<String> {
        let doc = Document::parse(source);
        let start = source.find(needle).unwrap();
        whole_lines(&doc, &(start..start + needle.len())).map(|r| source[r].to_string())
    }

    #[test]
    fn whole_lines_only_when_alone_on_them() {
        assert_eq!(lines("a\n  - x\nb\n", "- x").as_deref(), Some("  - x\n"));
        assert_eq!(lines("a\n- x", "- x").as_deref(), Some("- x"));
        assert_eq!(lines("a\n- x\r\nb", "- x").as_deref(), Some("- x\r\n"));
        assert_eq!(lines("a\n> - x\n", "- x"), None);
        assert_eq!(lines("a\n- x y\n", "- x"), None);
    }

    #[test]
    fn blank_lines_follow_a_block_that_stands_apart() {
        let source = "# T\n\n## A\n\n## B\n";
        let doc = Document::parse(source);
        let start = source.find("## A").unwrap();
        let lines = whole_lines(&doc, &(start..start + 4)).unwrap();
        assert_eq!(&source[with_following_blank_lines(&doc, lines)], "## A\n\n");
    }
}
