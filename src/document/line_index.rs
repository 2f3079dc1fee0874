//! Byte offset → 1-based line and column.
//!
//! Columns count characters (Unicode scalar values), not bytes, so a diagnostic
//! after `é` or a CJK title lands where an editor puts the cursor. A tab is one
//! column, as in editors' "column" readouts and GitHub's annotations. `\r\n`
//! ends a line like `\n`; the `\r` belongs to no column. A leading BOM is not
//! a column either.
//!
//! A column is counted from the line start, except on long lines: there the index keeps the
//! count at every `STRIDE` bytes, so that a position costs at most `STRIDE` bytes of counting
//! however long its line and however many findings it carries.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Bytes between two column marks on a long line.
const STRIDE: usize = 4096;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    bom: usize,
    /// On lines longer than `STRIDE`: (byte offset, columns before it on its line), every
    /// `STRIDE` bytes, in offset order.
    marks: Vec<(usize, usize)>,
}

/// Columns in `bytes`: characters (counted by their first byte) other than `\r`. A range
/// that starts or ends inside a character counts it where its first byte is.
fn columns(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| (b & 0xC0) != 0x80 && b != b'\r')
        .count()
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        let mut marks = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(bytes.len(), |&next| next - 1);
            let mut at = if i == 0 { bom } else { start };
            let mut count = 0;
            while at + STRIDE < end {
                count += columns(&bytes[at..at + STRIDE]);
                at += STRIDE;
                marks.push((at, count));
            }
        }
        LineIndex { starts, bom, marks }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset at which the 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// 1-based line and column of byte `offset` in `text` (clamped to the text).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let mut start = self.starts[line_idx];
        if line_idx == 0 {
            start = start.max(self.bom.min(offset));
        }
        // The last mark of this line at or before `offset`, if any.
        let (from, before) = match self.marks.partition_point(|m| m.0 <= offset) {
            0 => (start, 0),
            i if self.marks[i - 1].0 > start => self.marks[i - 1],
            _ => (start, 0),
        };
        let column = before + columns(&text.as_bytes()[from..offset]) + 1;
        Position {
            line: line_idx + 1,
            column,
        }
    }

    /// Position of the end of a span: the last character it covers (inclusive),
    /// which is what editors and GitHub annotations expect for `endColumn`.
    /// A trailing newline in the span is not counted as a position on the next line.
    pub fn end_position(&self, text: &str, span: &std::ops::Range<usize>) -> Position {
        let mut end = span.end.min(text.len());
        let bytes = text.as_bytes();
        while end > span.start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        if end <= span.start {
            return self.position(text, span.start);
        }
        // Step back to the first byte of the last character.
        let mut last = end - 1;
        while !text.is_char_boundary(last) {
            last -= 1;
        }
        self.position(text, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(text: &str, offset: usize) -> (usize, usize) {
        let p = LineIndex::new(text).position(text, offset);
        (p.line, p.column)
    }

    #[test]
    fn plain_lines() {
        let t = "ab\ncd\n";
        assert_eq!(pos(t, 0), (1, 1));
        assert_eq!(pos(t, 1), (1, 2));
        assert_eq!(pos(t, 3), (2, 1));
        assert_eq!(pos(t, 4), (2, 2));
    }

    #[test]
    fn crlf_counts_as_one_line_break() {
        let t = "ab\r\ncd\r\n";
        assert_eq!(pos(t, 4), (2, 1));
        assert_eq!(pos(t, 5), (2, 2));
        // The \r itself is reported at the end of its line, not as an extra column.
        assert_eq!(pos(t, 2), (1, 3));
        assert_eq!(pos(t, 3), (1, 3));
    }

    #[test]
    fn bom_is_not_a_column() {
        let t = "\u{feff}# T\n";
        assert_eq!(pos(t, 3), (1, 1));
        assert_eq!(pos(t, 5), (1, 3));
    }

    #[test]
    fn multibyte_columns_count_characters() {
        let t = "é中x";
        // 'x' is at byte 5 (é = 2 bytes, 中 = 3 bytes).
        assert_eq!(pos(t, 5), (1, 3));
        // An offset inside a character snaps back to its start.
        assert_eq!(pos(t, 3), (1, 2));
    }

    /// Columns as counted before the index kept marks: every character from the line start.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let start = if start == 0 && text.starts_with('\u{feff}') {
            3.min(offset)
        } else {
            start
        };
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[start..offset].chars().filter(|&c| c != '\r').count() + 1;
        (line, column)
    }

    #[test]
    fn long_lines_count_columns_like_short_ones() {
        // Lines well past the mark stride, with multi-byte characters across mark boundaries,
        // `\r` inside and at the end, a BOM, and a short line between.
        let mut t = String::from("\u{feff}");
        for i in 0..3000 {
            t.push_str(["a", "é", "中", "\r", "😀", "\t"][i % 6]);
        }
        t.push_str("\r\nshort\n");
        for i in 0..5000 {
            t.push_str(if i % 7 == 0 { "ü" } else { "x" });
        }
        let idx = LineIndex::new(&t);
        assert!(!idx.marks.is_empty());
        for offset in (0..=t.len()).step_by(7).chain([t.len() - 1, 3, 4096, 4099]) {
            let p = idx.position(&t, offset);
            assert_eq!((p.line, p.column), counted(&t, offset), "offset {offset}");
        }
    }

    #[test]
    fn tab_is_one_column() {
        assert_eq!(pos("\tx", 1), (1, 2));
    }

    #[test]
    fn end_position_is_inclusive_and_skips_newline() {
        let t = "abc\ndef\n";
        let idx = LineIndex::new(t);
        assert_eq!(
            idx.end_position(t, &(0..3)),
            Position { line: 1, column: 3 }
        );
        assert_eq!(
            idx.end_position(t, &(0..4)),
            Position { line: 1, column: 3 }
        );
        assert_eq!(
            idx.end_position(t, &(4..8)),
            Position { line: 2, column: 3 }
        );
        let u = "a中\n";
        assert_eq!(
            LineIndex::new(u).end_position(u, &(0..4)),
            Position { line: 1, column: 2 }
        );
    }
}
