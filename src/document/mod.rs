//! Source text → `Document`: headings, sections, entries, links, with exact spans.

pub mod line_index;

pub use line_index::{LineIndex, Position};
