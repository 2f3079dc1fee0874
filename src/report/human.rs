//! Human output: one miette graphical report per finding (the rule id as its code, the source
//! snippet with the primary span and the related labels, the help), then one summary line.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, Report, summary_line};
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    pub color: bool,
    /// Width that messages and help texts are wrapped to (source lines are never wrapped).
    pub width: usize,
    /// Show error-severity findings only; the summary still counts everything.
    pub errors_only: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
            errors_only: false,
        }
    }
}

pub fn render(report: &Report, options: &HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            if options.errors_only && diagnostic.severity != Severity::Error {
                continue;
            }
            let finding = Finding { file, diagnostic };
            // Writing into a String cannot fail; a span outside the source (a rule bug) makes
            // miette fail, and then the finding is still printed, without its snippet.
            let mut rendered = String::new();
            match handler.render_report(&mut rendered, &finding) {
                Ok(()) => out.push_str(&rendered),
                Err(_) => out.push_str(&format!(
                    "{}: {}: {} [{}]\n",
                    file.path,
                    diagnostic.severity.as_str(),
                    diagnostic.message,
                    diagnostic.rule
                )),
            }
            out.push('\n');
        }
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

/// One diagnostic seen through miette's `Diagnostic` trait, borrowing its file.
struct Finding<'a> {
    file: &'a FileReport,
    diagnostic: &'a Diagnostic,
}

impl fmt::Debug for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Finding<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Finding<'_> {}

impl miette::Diagnostic for Finding<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = &self.diagnostic.help;
        let help = match super::fix_note(self.diagnostic) {
            Some(note) if help.is_empty() => note.to_string(),
            Some(note) => format!("{help} ({note})"),
            None => help.to_string(),
        };
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let source = &self.file.document.source;
        let primary =
            LabeledSpan::new_primary_with_span(None, source_span(source, &self.diagnostic.span));
        let related = self.diagnostic.labels.iter().map(|label| {
            LabeledSpan::new_with_span(
                Some(label.message.clone()),
                source_span(source, &label.span),
            )
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// The span for miette, without a trailing line break (which miette would underline as one
/// more column past the end of the line).
fn source_span(source: &str, span: &std::ops::Range<usize>) -> SourceSpan {
    let mut end = span.end;
    while end > span.start && matches!(source.as_bytes().get(end - 1), Some(b'\n' | b'\r')) {
        end -= 1;
    }
    (span.start, end - span.start).into()
}

/// Largest snippet window shown whole; past it, the window is cut around the span.
const MAX_WINDOW_BYTES: usize = 4096;
/// Text kept on each side of the span when the window is cut.
const CLIP_CONTEXT_BYTES: usize = 160;
/// Longest span underlined when the window is cut.
const MAX_SPAN_BYTES: usize = 1024;

/// The char boundary at or before `at`.
fn floor_char(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at`.
fn ceil_char(source: &str, at: usize) -> usize {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The file's text, named by its path. miette counts columns in bytes; the header's
/// `path:line:column` comes from the document's own line index instead, so it shows the
/// same character column as the JSON output (BOM, CRLF and multi-byte text included).
impl SourceCode for Finding<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let document = &self.file.document;
        let source = document.source.as_str();
        if span.offset() + span.len() > source.len() {
            return Err(MietteError::OutOfBounds);
        }
        // Hand miette only the lines it shows: reading from the whole source would scan the
        // file from its start for every finding, quadratic on a long list with many findings.
        let index = &document.line_index;
        let start = span.offset();
        let end = start + span.len();
        let first_line = document.position(start).line;
        let last_line = document
            .position(end.max(start + 1) - 1)
            .line
            .max(first_line);
        let window_first = first_line.saturating_sub(context_lines_before).max(1);
        let window_last = last_line + context_lines_after;
        let window_start = index.line_start(window_first);
        let window_end = if window_last >= index.line_count() {
            source.len()
        } else {
            index.line_start(window_last + 1)
        };
        // A window of long lines (a data-URI image, a generated table) is cut down to the
        // text around the span, itself cut to `MAX_SPAN_BYTES`: miette would print it whole,
        // once per finding on it.
        let (window_start, window_end, window_first, span_len) = if window_end - window_start
            > MAX_WINDOW_BYTES
        {
            let span_len = span.len().min(MAX_SPAN_BYTES);
            let clip_start =
                floor_char(source, start.saturating_sub(CLIP_CONTEXT_BYTES)).max(window_start);
            let clip_end = ceil_char(source, start + span_len + CLIP_CONTEXT_BYTES).min(window_end);
            let span_len = ceil_char(source, start + span_len).min(clip_end) - start;
            let first = document.position(clip_start).line;
            (clip_start, clip_end, first, span_len)
        } else {
            (window_start, window_end, window_first, span.len())
        };
        let window = &source[window_start..window_end];
        let local = SourceSpan::new((start - window_start).into(), span_len);
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let shifted = SourceSpan::new(
            (contents.span().offset() + window_start).into(),
            contents.span().len(),
        );
        let (line, column) = if context_lines_before == 0 && context_lines_after == 0 {
            let position = document.position(span.offset());
            (position.line - 1, position.column - 1)
        } else {
            (contents.line() + window_first - 1, contents.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            contents.data(),
            shifted,
            line,
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report, span_of};

    const SOURCE: &str = "# Title\n\n## Tools\n\n- [a](https://a.example)\n\n## Tools\n";

    fn duplicate_heading() -> Diagnostic {
        let first = span_of(SOURCE, "## Tools");
        let second_start = SOURCE.rfind("## Tools").unwrap();
        let second = second_start..second_start + "## Tools".len();
        Diagnostic::new(
            "duplicate-heading",
            Severity::Error,
            second,
            "duplicate heading `Tools`",
        )
        .with_help("Rename or merge one of the two sections.")
        .with_label(first, "first `Tools` here")
    }

    #[test]
    fn renders_code_message_snippet_label_help_and_summary() {
        let report = report("README.md", SOURCE, vec![duplicate_heading()]);
        let out = render(&report, &HumanOptions::default());
        assert!(out.contains("duplicate-heading"), "{out}");
        assert!(out.contains("× duplicate heading `Tools`"), "{out}");
        assert!(out.contains("[README.md:7:1]"), "{out}");
        assert!(out.contains("first `Tools` here"), "{out}");
        assert!(
            out.contains("help: Rename or merge one of the two sections."),
            "{out}"
        );
        assert!(out.ends_with("1 error, 0 warnings in 1 file\n"), "{out}");
        assert!(!out.contains('\u{1b}'), "no color asked: {out:?}");
    }

    #[test]
    fn warnings_use_the_warning_marker_and_quiet_hides_them() {
        let span = span_of(SOURCE, "https://a.example");
        let warning = Diagnostic::new("bare-url", Severity::Warning, span, "a warning");
        let report = report("README.md", SOURCE, vec![warning]);
        let out = render(&report, &HumanOptions::default());
        assert!(out.contains("⚠ a warning"), "{out}");
        let quiet = render(
            &report,
            &HumanOptions {
                errors_only: true,
                ..HumanOptions::default()
            },
        );
        assert_eq!(quiet, "0 errors, 1 warning in 1 file\n");
    }

    #[test]
    fn color_adds_escapes() {
        let report = report("README.md", SOURCE, vec![duplicate_heading()]);
        let out = render(
            &report,
            &HumanOptions {
                color: true,
                ..HumanOptions::default()
            },
        );
        assert!(out.contains('\u{1b}'));
    }

    #[test]
    fn header_column_counts_characters_after_bom_crlf_and_multibyte_text() {
        let source = "\u{feff}# Título\r\n\r\n- ñandú: see https://x.example\r\n";
        let span = span_of(source, "https://x.example");
        let report = report(
            "list.md",
            source,
            vec![Diagnostic::new("bare-url", Severity::Warning, span, "bare")],
        );
        let out = render(&report, &HumanOptions::default());
        assert!(out.contains("[list.md:3:14]"), "{out}");
    }

    #[test]
    fn fixable_findings_say_with_which_flag() {
        let span = span_of(SOURCE, "https://a.example");
        let safe = Diagnostic::new("bare-url", Severity::Warning, span.clone(), "bare")
            .with_help("wrap it")
            .with_edit(span.start..span.start, "<");
        let unsafe_fix = duplicate_heading().with_unsafe_edit(0..0, "");
        let out = render(
            &report("README.md", SOURCE, vec![safe, unsafe_fix]),
            &HumanOptions::default(),
        );
        assert!(out.contains("help: wrap it (fixable with --fix)"), "{out}");
        assert!(out.contains("(fixable with --unsafe-fixes)"), "{out}");
    }

    #[test]
    fn clean_report_is_the_summary_alone() {
        let report = report("README.md", SOURCE, vec![]);
        assert_eq!(
            render(&report, &HumanOptions::default()),
            "0 errors, 0 warnings in 1 file\n"
        );
    }

    #[test]
    fn a_finding_on_a_huge_line_prints_a_bounded_snippet() {
        // A 3 MB data-URI image and a bare URL after it, on one line.
        let line = format!(
            "- ![logo](data:image/png;base64,{}) see https://x.example/é",
            "QUJD".repeat(750_000)
        );
        let source = format!("# T\n\n## Tools\n\n{line}\n\n- [a](https://a.example)\n");
        let url = span_of(&source, "https://x.example/é");
        let image = span_of(&source, "![logo]");
        let image = image.start..image.start + line.find(')').unwrap() + 1 - 2;
        let report = report(
            "README.md",
            &source,
            vec![
                Diagnostic::new("bare-url", Severity::Warning, url, "bare"),
                Diagnostic::new("dead-link", Severity::Error, image, "dead"),
            ],
        );
        let out = render(&report, &HumanOptions::default());
        assert!(out.len() < 8 * 1024, "{} bytes", out.len());
        let column = line[..line.find("https").unwrap()].chars().count() + 1;
        assert!(out.contains(&format!("[README.md:5:{column}]")), "{out}");
        assert!(out.contains("see https://x.example/é"), "{out}");
        assert!(out.contains("[README.md:5:3]"), "{out}");
        assert!(
            out.contains("- ![logo](data:image/png;base64,QUJD"),
            "{out}"
        );
    }

    #[test]
    fn a_span_past_the_end_still_prints_the_finding() {
        let bad = Diagnostic::new("bare-url", Severity::Error, 500..510, "out of range");
        let report = report("README.md", SOURCE, vec![bad]);
        let out = render(&report, &HumanOptions::default());
        assert!(out.contains("out of range"), "{out}");
    }
}
