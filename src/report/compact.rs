//! `--format compact`: `path:line:col: severity[rule] message`, one finding per line, for
//! editors (errorformat, problem matchers) and grep. No summary line: an empty output is clean.

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for d in &file.diagnostics {
            let at = file.document.position(d.span.start);
            // One finding per line, whatever the message holds.
            let message = d.message.replace(['\r', '\n'], " ");
            out.push_str(&format!(
                "{}:{}:{}: {}[{}] {}\n",
                file.path,
                at.line,
                at.column,
                d.severity.as_str(),
                d.rule,
                message
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::report;
    use super::*;
    use crate::diagnostic::{Diagnostic, Severity};

    #[test]
    fn one_line_per_finding() {
        let source = "# T\n\n## A\n\n## A\n";
        let r = report(
            "README.md",
            source,
            vec![Diagnostic::new(
                "duplicate-heading",
                Severity::Error,
                source.len() - 2..source.len() - 1,
                "heading `A`\nrepeats",
            )],
        );
        assert_eq!(
            render(&r),
            "README.md:5:4: error[duplicate-heading] heading `A` repeats\n"
        );
        assert_eq!(render(&Report::default()), "");
    }
}
