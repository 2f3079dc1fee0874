//! One run of the tool: read the files, parse each once, run the rules, render the report and
//! decide the exit status. Returns text instead of printing it, so that everything but the
//! process boundary (`main.rs`) is testable.
//!
//! Bad input: every file that can be read is linted and reported; each one that cannot gets a
//! one-line `error:` on stderr, and the exit status is then 2 whatever the findings were.

use std::path::{Path, PathBuf};

use crate::cli::{Cli, ColorChoice, Command, Format, LintArgs};
use crate::document::Document;
use crate::input::{self, InputError};
use crate::links::{self, CheckOptions};
use crate::report::{self, FileReport, Report, human::HumanOptions};
use crate::rules::{self, Rule};

/// The process exit status: what CI and scripts read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No error-severity finding (warnings allowed).
    Clean = 0,
    /// At least one error-severity finding.
    Findings = 1,
    /// A usage error or a file that could not be linted.
    Failure = 2,
}

/// What the process prints and returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub exit: ExitStatus,
}

/// What the run needs to know about its surroundings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Environment {
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    pub no_color: bool,
    pub stdout_is_terminal: bool,
    /// Where the link checker's progress bar would go.
    pub stderr_is_terminal: bool,
}

impl Environment {
    pub fn from_process() -> Self {
        use std::io::IsTerminal;
        Environment {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
        }
    }
}

/// Width human output wraps messages to. Fixed, so that output does not depend on the terminal.
const WIDTH: usize = 100;

pub fn run(cli: &Cli, env: &Environment) -> Output {
    match &cli.command {
        Some(Command::Rules) => success(rules_text()),
        Some(Command::Explain { rule }) => explain(rule),
        None => lint(&cli.lint, env),
    }
}

fn success(stdout: String) -> Output {
    Output {
        stdout,
        stderr: String::new(),
        exit: ExitStatus::Clean,
    }
}

fn lint(args: &LintArgs, env: &Environment) -> Output {
    // Bad link flags are a usage error, found before any file is read or request sent.
    let link_options = match (!args.offline).then(|| link_options(args, env)).transpose() {
        Ok(options) => options,
        Err(message) => return usage_error(message),
    };
    let (mut report, input_errors) = lint_files(&args.paths);
    if let Some(options) = link_options
        && let Err(message) = check_links(&mut report, &options)
    {
        return usage_error(message);
    }
    let stdout = match args.format {
        Format::Human => report::human::render(
            &report,
            &HumanOptions {
                color: use_color(args.color, env),
                width: WIDTH,
                errors_only: args.quiet,
            },
        ),
        Format::Json => report::json::render(&report),
    };
    let stderr: String = input_errors
        .iter()
        .map(|err| format!("error: {err}\n"))
        .collect();
    Output {
        stdout,
        stderr,
        exit: exit_status(&report, &input_errors),
    }
}

fn usage_error(message: String) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
        exit: ExitStatus::Failure,
    }
}

/// The link checker's settings for this run (the cache sits beside the first file; each
/// file gets its own in `check_links`).
fn link_options(args: &LintArgs, env: &Environment) -> Result<CheckOptions, String> {
    let first = args
        .paths
        .first()
        .map_or(Path::new("README.md"), PathBuf::as_path);
    let mut options = args.links.to_options(first)?;
    options.progress = env.stderr_is_terminal && !args.quiet;
    Ok(options)
}

/// Checks the links of every linted file and adds their findings beside the structural ones.
fn check_links(report: &mut Report, options: &CheckOptions) -> Result<(), String> {
    if report.files.is_empty() {
        return Ok(());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the link checker: {e}"))?;
    for file in &mut report.files {
        let mut options = options.clone();
        if options.cache_path.is_some() {
            options.cache_path = Some(links::cache_path_beside(Path::new(&file.path)));
        }
        let occurrences = links::occurrences(&file.document);
        let results = runtime.block_on(links::check(&occurrences, &options));
        file.diagnostics
            .extend(links::diagnostics(&results, &options));
        file.diagnostics
            .sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
        file.links = Some(results);
    }
    Ok(())
}

/// Reads and lints every path; files that cannot be read are returned as errors, in order.
pub fn lint_files(paths: &[PathBuf]) -> (Report, Vec<InputError>) {
    let mut report = Report::default();
    let mut errors = Vec::new();
    for path in paths {
        match input::read_markdown(path) {
            Ok(source) => report
                .files
                .push(lint_source(path.display().to_string(), source)),
            Err(err) => errors.push(err),
        }
    }
    report.unreadable = errors.len();
    (report, errors)
}

/// Parses `source` once and runs every structural rule on it.
pub fn lint_source(path: impl Into<String>, source: String) -> FileReport {
    let document = Document::parse(source);
    let diagnostics = rules::check(&document);
    FileReport::new(path, document, diagnostics)
}

pub fn exit_status(report: &Report, input_errors: &[InputError]) -> ExitStatus {
    if !input_errors.is_empty() {
        ExitStatus::Failure
    } else if report.summary().errors > 0 {
        ExitStatus::Findings
    } else {
        ExitStatus::Clean
    }
}

/// `--color auto` colors a terminal unless `NO_COLOR` says otherwise; an explicit
/// `always`/`never` wins over both.
pub fn use_color(choice: ColorChoice, env: &Environment) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => env.stdout_is_terminal && !env.no_color,
    }
}

/// `awesome-lint rules`: every rule with its id, severity, summary and explanation; the
/// link checker's rules after the structural ones.
pub fn rules_text() -> String {
    let mut out = String::new();
    for (index, rule) in rules::REGISTRY.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{} ({})\n", rule.id(), rule.severity().as_str()));
        out.push_str(&wrap(rule.summary(), "    ", 80));
        out.push('\n');
        out.push_str(&wrap(rule.explanation(), "    ", 80));
    }
    for (id, explanation) in links::RULES {
        out.push_str(&format!("\n{id} (link check; not with --offline)\n"));
        out.push_str(&wrap(explanation, "    ", 80));
    }
    out
}

/// `awesome-lint explain RULE`.
pub fn explain(id: &str) -> Output {
    if let Some(rule) = rules::find(id) {
        return success(explanation(rule));
    }
    match links::RULES.iter().find(|(rule, _)| *rule == id) {
        Some((rule, text)) => success(format!(
            "{rule} (link check; not with --offline)\n\n{}",
            wrap(text, "", 80)
        )),
        None => Output {
            stdout: String::new(),
            stderr: format!("error: {}\n", unknown_rule(id)),
            exit: ExitStatus::Failure,
        },
    }
}

fn explanation(rule: &dyn Rule) -> String {
    format!(
        "{} ({}): {}\n\n{}",
        rule.id(),
        rule.severity().as_str(),
        rule.summary(),
        wrap(rule.explanation(), "", 80)
    )
}

fn unknown_rule(id: &str) -> String {
    let ids: Vec<&str> = rules::REGISTRY
        .iter()
        .map(|r| r.id())
        .chain(links::RULES.iter().map(|(id, _)| *id))
        .collect();
    format!("unknown rule `{id}`; valid rules: {}", ids.join(", "))
}

/// Greedy word wrap of one paragraph to `width` columns, each line starting with `indent`.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty()
            && indent.len() + line.chars().count() + 1 + word.chars().count() > width
        {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Severity};

    #[test]
    fn color_choice() {
        let tty = Environment {
            no_color: false,
            stdout_is_terminal: true,
            stderr_is_terminal: true,
        };
        let tty_no_color = Environment {
            no_color: true,
            ..tty
        };
        let pipe = Environment::default();
        assert!(use_color(ColorChoice::Auto, &tty));
        assert!(!use_color(ColorChoice::Auto, &tty_no_color));
        assert!(!use_color(ColorChoice::Auto, &pipe));
        assert!(use_color(ColorChoice::Always, &tty_no_color));
        assert!(use_color(ColorChoice::Always, &pipe));
        assert!(!use_color(ColorChoice::Never, &tty));
    }

    #[test]
    fn exit_status_errors_findings_clean() {
        let mut file = lint_source("a.md", "# A\n".into());
        let mut report = Report::default();
        file.diagnostics = vec![Diagnostic::new("bare-url", Severity::Warning, 0..1, "w")];
        report.files.push(file.clone());
        assert_eq!(exit_status(&report, &[]), ExitStatus::Clean);

        file.diagnostics
            .push(Diagnostic::new("bare-url", Severity::Error, 0..1, "e"));
        report.files.push(file);
        assert_eq!(exit_status(&report, &[]), ExitStatus::Findings);

        let missing = InputError::NotFound {
            path: "b.md".into(),
        };
        assert_eq!(exit_status(&report, &[missing]), ExitStatus::Failure);
    }

    #[test]
    fn lint_files_reports_readable_files_and_collects_errors() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.md");
        std::fs::write(&good, "# Good\n").unwrap();
        let missing = dir.path().join("missing.md");
        let (report, errors) = lint_files(&[missing.clone(), good.clone()]);
        assert_eq!(report.files.len(), 1);
        assert_eq!(report.files[0].path, good.display().to_string());
        assert_eq!(report.unreadable, 1);
        assert_eq!(errors, vec![InputError::NotFound { path: missing }]);
    }

    #[test]
    fn unknown_rule_is_one_line_with_every_valid_id() {
        let out = explain("no-such-rule");
        assert_eq!(out.exit, ExitStatus::Failure);
        assert!(out.stdout.is_empty());
        assert_eq!(out.stderr.lines().count(), 1);
        assert!(out.stderr.contains("`no-such-rule`"));
        for rule in rules::REGISTRY {
            assert!(out.stderr.contains(rule.id()), "{}", out.stderr);
        }
    }

    #[test]
    fn every_rule_is_listed_and_explained() {
        let listing = rules_text();
        for rule in rules::REGISTRY {
            assert!(listing.contains(&format!("{} (", rule.id())));
            let out = explain(rule.id());
            assert_eq!(out.exit, ExitStatus::Clean);
            assert!(out.stdout.starts_with(rule.id()));
        }
    }

    #[test]
    fn wrap_breaks_at_width_and_indents() {
        let text = "one two three four five six seven eight nine ten";
        let wrapped = wrap(text, "  ", 20);
        assert_eq!(
            wrapped,
            "  one two three four\n  five six seven\n  eight nine ten\n"
        );
        assert!(wrapped.lines().all(|l| l.chars().count() <= 20));
        assert_eq!(wrap("", "  ", 20), "");
    }
}
