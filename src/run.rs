//! One run of the tool: read the files, parse each once, run the rules, render the report and
//! decide the exit status. Returns text instead of printing it, so that everything but the
//! process boundary (`main.rs`) is testable.
//!
//! Bad input: every file that can be read is linted and reported; each one that cannot gets a
//! one-line `error:` on stderr, and the exit status is then 2 whatever the findings were.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::catalog::{self, Origin, RuleInfo};
use crate::changes::{self, ChangedLines};
use crate::cli::{Cli, ColorChoice, Command, ConfigSource, Format, LintArgs};
use crate::config::{self, Config, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::fix;
use crate::input::{self, InputError};
use crate::links::{self, CheckOptions, LinkArgs, LinkResult, Verdict};
use crate::local_links;
use crate::report::{self, FileReport, Report, human::HumanOptions};
use crate::rules::{self, Preset, RuleSettings};
use crate::shell;
use crate::suppress::Suppressions;
use crate::surroundings::{GitRemote, Surroundings};

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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Environment {
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    pub no_color: bool,
    pub stdout_is_terminal: bool,
    /// Where the link checker's progress bar would go.
    pub stderr_is_terminal: bool,
    /// `GITHUB_STEP_SUMMARY`: the file GitHub Actions shows as the job summary.
    pub step_summary: Option<PathBuf>,
    /// `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA`, to link findings to lines.
    pub blob_base: Option<String>,
}

impl Environment {
    pub fn from_process() -> Self {
        use std::io::IsTerminal;
        Environment {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            stderr_is_terminal: std::io::stderr().is_terminal(),
            step_summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            blob_base: github_blob_base(|name| std::env::var(name).ok()),
        }
    }
}

/// Where GitHub shows a file of the commit under test, from the variables Actions sets.
fn github_blob_base(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    let server = var("GITHUB_SERVER_URL")?;
    let repository = var("GITHUB_REPOSITORY")?;
    let sha = var("GITHUB_SHA")?;
    [&server, &repository, &sha]
        .iter()
        .all(|v| !v.is_empty())
        .then(|| format!("{}/{repository}/blob/{sha}", server.trim_end_matches('/')))
}

/// Width human output wraps messages to. Fixed, so that output does not depend on the terminal.
const WIDTH: usize = 100;

pub fn run(cli: &Cli, env: &Environment) -> Output {
    match &cli.command {
        Some(Command::Rules) => success(rules_text()),
        Some(Command::Explain { rule }) => explain(rule),
        Some(Command::Init) => init(Path::new(config::CONFIG_FILE_NAME)),
        Some(Command::Config { path, source }) => show_config(path.as_deref(), source, None, env),
        Some(Command::Completions { shell }) => success(shell::completions(*shell)),
        Some(Command::Man) => success(shell::man_page()),
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

/// `awesome-lint init`: the commented default config, never over an existing file.
pub fn init(target: &Path) -> Output {
    if target.exists() {
        return usage_error(format!(
            "{} already exists; edit it, or remove it to start again",
            target.display()
        ));
    }
    // `create_new` so that a file appearing meanwhile is not overwritten either.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)
        .and_then(|mut f| {
            use std::io::Write;
            f.write_all(config::template::init_text().as_bytes())
        });
    match written {
        Ok(()) => success(format!(
            "wrote {}: every setting at its default, with a comment each\n",
            target.display()
        )),
        Err(e) => usage_error(format!("{}: cannot write: {e}", target.display())),
    }
}

/// The config that applies to `linted`, as `--config`/`--no-config` say.
fn config_for(
    linted: &Path,
    source: &ConfigSource,
    cache: &mut HashMap<PathBuf, Rc<Config>>,
) -> Result<Rc<Config>, ConfigError> {
    let path = if source.no_config {
        None
    } else if let Some(path) = &source.config {
        Some(path.clone())
    } else {
        config::discover(linted)
    };
    let Some(path) = path else {
        return Ok(Rc::new(Config::defaults()));
    };
    if let Some(config) = cache.get(&path) {
        return Ok(config.clone());
    }
    let config = Rc::new(config::load(&path)?);
    cache.insert(path, config.clone());
    Ok(config)
}

/// `awesome-lint config` and `--show-config`.
fn show_config(
    path: Option<&Path>,
    source: &ConfigSource,
    flags: Option<&LinkArgs>,
    env: &Environment,
) -> Output {
    // The config depends only on the folder: a folder without a README still has one.
    let given = path.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let linted = match input::resolve(&given) {
        Ok(resolved) => resolved.path,
        Err(_) if given.is_dir() => given.join("README.md"),
        Err(_) => given,
    };
    let config = match config_for(&linted, source, &mut HashMap::new()) {
        Ok(config) => config,
        Err(err) => return config_error(&err, env),
    };
    let links = match flags {
        Some(flags) => flags.settings().over(&config.links),
        None => config.links.clone(),
    };
    success(config::template::show(
        &config,
        &linted.display().to_string(),
        &links,
    ))
}

fn config_error(err: &ConfigError, env: &Environment) -> Output {
    Output {
        stdout: String::new(),
        stderr: err.render(env.stderr_is_terminal && !env.no_color),
        exit: ExitStatus::Failure,
    }
}

/// The files to lint: each path as given, a folder as its README, no path as the README of
/// the current folder. Notes say which file was picked when it is not a literal `README.md`.
fn resolve_paths(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>), InputError> {
    let given: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for path in given {
        let resolved = input::resolve(&path)?;
        notes.extend(resolved.note);
        files.push(resolved.path);
    }
    Ok((files, notes))
}

/// One file to lint and what applies to it.
struct Job {
    path: PathBuf,
    /// `None`: links are not checked (`--offline`, or every link rule off).
    links: Option<CheckOptions>,
    /// `--changed-since`: the lines that count.
    changed: Option<ChangedLines>,
    /// The config's rule settings, with the preset flag and the files beside the README.
    settings: RuleSettings,
    /// Where the file lies, for its relative links; `None`: they are not checked.
    place: Option<local_links::Place>,
}

fn lint(args: &LintArgs, env: &Environment) -> Output {
    if args.show_config {
        return show_config(
            args.paths.first().map(PathBuf::as_path),
            &args.config,
            Some(&args.links),
            env,
        );
    }
    let (paths, notes) = match resolve_paths(&args.paths) {
        Ok(resolved) => resolved,
        Err(err) => return usage_error(err.to_string()),
    };
    let mut stderr: String = notes
        .iter()
        .filter(|_| !args.quiet)
        .map(|n| format!("note: {n}\n"))
        .collect();
    // Every config is read and every flag checked before any file is linted or request sent.
    let mut configs = HashMap::new();
    let mut jobs = Vec::new();
    for path in paths {
        let config = match config_for(&path, &args.config, &mut configs) {
            Ok(config) => config,
            Err(err) => return config_error(&err, env),
        };
        let config = with_preset_flag(config, args.preset.as_deref());
        let config = with_stale_repo_on(config, args.links.stale_after.is_some());
        let check_links = !args.offline && LINK_RULES.iter().any(|rule| !config.rules.is_off(rule));
        let links = if check_links {
            match link_options(args, &path, &config, env) {
                Ok(options) => Some(options),
                Err(message) => return usage_error(message),
            }
        } else {
            None
        };
        let changed = match &args.changed_since {
            Some(since) => match changes::changed_lines(&path, since) {
                Ok(lines) => Some(lines),
                Err(err) => return usage_error(err.to_string()),
            },
            None => None,
        };
        let settings = rule_settings(&path, &config.rules, &mut stderr, args.quiet);
        let place = local_links::Place::of(&path);
        jobs.push(Job {
            path,
            links,
            changed,
            settings,
            place,
        });
    }
    for config in configs.values() {
        if catalog::all().iter().all(|r| config.rules.is_off(r.id)) {
            let path = config.path.as_deref().unwrap_or(Path::new("the config"));
            stderr.push_str(&format!(
                "note: {} turns every rule off; nothing will be reported\n",
                path.display()
            ));
        }
    }
    let runtime = if jobs.iter().any(|j| j.links.is_some()) {
        match tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => Some(runtime),
            Err(e) => return usage_error(format!("cannot start the link checker: {e}")),
        }
    } else {
        None
    };
    // The time limit is per run, not per file: every file's check ends at the same instant.
    let started = std::time::Instant::now();
    for options in jobs.iter_mut().filter_map(|j| j.links.as_mut()) {
        options
            .deadline
            .get_or_insert(started + options.run_timeout);
    }
    let mut report = Report::default();
    let mut input_errors = Vec::new();
    let mut fixes = Vec::new();
    for job in &jobs {
        let stamp = args.fix.enabled().then(|| fix::Stamp::of(&job.path).ok());
        match input::read_markdown(&job.path) {
            Ok(source) => {
                let checker = runtime.as_ref().zip(job.links.as_ref());
                let name = job.path.display().to_string();
                let place = job.place.as_ref();
                let lint = |source| {
                    let changed = job.changed.as_ref();
                    lint_file_at(&name, source, &job.settings, None, changed, place)
                };
                let mut file = lint_file_at(
                    name.clone(),
                    source,
                    &job.settings,
                    checker,
                    job.changed.as_ref(),
                    place,
                );
                report.note_network_problem(&file);
                if let Some(note) = unchecked_local_note(&file, job, args.quiet) {
                    stderr.push_str(&note);
                }
                if let Some(stamp) = stamp {
                    let unsafe_fixes = args.fix.unsafe_fixes;
                    let path = job.path.clone();
                    fixes.push(fix::fix_file(&mut file, path, stamp, unsafe_fixes, lint));
                }
                report.files.push(file);
            }
            Err(err) => input_errors.push(err),
        }
    }
    // A lookup still hanging in the blocking pool must not hold the exit.
    if let Some(runtime) = runtime {
        runtime.shutdown_background();
    }
    let fixed = fix::finish(&fixes, args.fix.dry_run);
    report.unreadable = input_errors.len();
    for file in &mut report.files {
        file.repo_path = repo_relative(Path::new(&file.path));
    }
    if args.fix.dry_run {
        return dry_run_output(&report, &fixed, &input_errors, stderr);
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
        Format::Compact => report::compact::render(&report),
        Format::Github => report::github::render(&report),
        Format::Sarif => report::sarif::render(&report),
    };
    stderr.extend(input_errors.iter().map(|err| format!("error: {err}\n")));
    stderr.extend(
        report
            .errors
            .iter()
            .map(|e| format!("error: {}\n", e.message)),
    );
    if let Some(path) = &args.sarif_file
        && let Err(e) = std::fs::write(path, report::sarif::render(&report))
    {
        stderr.push_str(&format!(
            "error: {}: cannot write SARIF: {e}\n",
            path.display()
        ));
        return Output {
            stdout,
            stderr,
            exit: ExitStatus::Failure,
        };
    }
    if let Some(path) = &env.step_summary {
        let summary = report::step_summary::render(&report, env.blob_base.as_deref());
        let appended = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .and_then(|mut f| {
                use std::io::Write;
                f.write_all(summary.as_bytes())
            });
        if let Err(e) = appended {
            // The findings are in the log and the annotations; a lost summary is worth a note.
            stderr.push_str(&format!(
                "note: {}: cannot write the job summary: {e}\n",
                path.display()
            ));
        }
    }
    let exit = if fixed.errors.is_empty() {
        exit_status(&report, &input_errors)
    } else {
        stderr.extend(fixed.errors.iter().map(|e| format!("error: {e}\n")));
        ExitStatus::Failure
    };
    Output {
        stdout,
        stderr,
        exit,
    }
}

/// `--fix --dry-run`: the diffs on stdout, a count on stderr; exit 1 when something would
/// change, else as the findings left say.
fn dry_run_output(
    report: &Report,
    fixed: &fix::Finished,
    input_errors: &[InputError],
    mut stderr: String,
) -> Output {
    let summary = report.summary();
    stderr.push_str(&format!(
        "would fix {}; {}, {} would be left\n",
        report::count(summary.fixed, "finding", "findings"),
        report::count(summary.errors, "error", "errors"),
        report::count(summary.warnings, "warning", "warnings"),
    ));
    stderr.extend(input_errors.iter().map(|err| format!("error: {err}\n")));
    let exit = match exit_status(report, input_errors) {
        ExitStatus::Clean if fixed.changed => ExitStatus::Findings,
        status => status,
    };
    Output {
        stdout: fixed.diff.clone(),
        stderr,
        exit,
    }
}

/// `--preset` over the config's `preset`.
fn with_preset_flag(config: Rc<Config>, flag: Option<&str>) -> Rc<Config> {
    match flag.and_then(Preset::parse) {
        Some(preset) if preset != config.rules.preset() => {
            let mut config = (*config).clone();
            config.rules.set_preset(preset);
            config.preset = preset.as_str().to_string();
            Rc::new(config)
        }
        _ => config,
    }
}

/// `stale-repo` is off by default; `--stale-after` turns it on (at its default severity)
/// unless the config gives it a level (its `after` option does that in the config).
fn with_stale_repo_on(config: Rc<Config>, flag: bool) -> Rc<Config> {
    let setting = config.rules.get(links::STALE_REPO);
    if setting.level.is_some() || !flag {
        return config;
    }
    let mut setting = setting.clone();
    setting.level = Some(rules::Level::Warning);
    let mut config = (*config).clone();
    config.rules.set(links::STALE_REPO, setting);
    Rc::new(config)
}

/// The rules that read the files beside the README (and its repository's git remote).
const SURROUNDINGS_RULES: [&str; 3] = [
    "awesome-contributing",
    "awesome-code-of-conduct",
    "awesome-github",
];

/// The settings the rules of `path` run with: the files beside it are read when a rule that
/// needs them is on; outside a git repository those rules are skipped, with a note.
fn rule_settings(
    path: &Path,
    rules: &RuleSettings,
    stderr: &mut String,
    quiet: bool,
) -> RuleSettings {
    let on: Vec<&str> = SURROUNDINGS_RULES
        .into_iter()
        .filter(|id| !rules.is_off(id))
        .collect();
    if on.is_empty() {
        return rules.clone();
    }
    let surroundings = Surroundings::read(path, on.contains(&"awesome-github"));
    if surroundings.repository.is_none() && !quiet {
        stderr.push_str(&format!(
            "note: {} is not in a git repository; {} skipped\n",
            path.display(),
            on.join(", ")
        ));
    }
    if let GitRemote::Unreadable(why) = &surroundings.remote
        && !quiet
    {
        stderr.push_str(&format!(
            "note: {}: the git remote could not be read ({why}); awesome-github judged only the licence file\n",
            path.display()
        ));
    }
    rules.with_surroundings(std::sync::Arc::new(surroundings))
}

fn usage_error(message: String) -> Output {
    Output {
        stdout: String::new(),
        stderr: format!("error: {message}\n"),
        exit: ExitStatus::Failure,
    }
}

/// `path` relative to the root of the repository holding it (the folder with `.git`), with `/`
/// separators: what GitHub matches annotations and code-scanning alerts against. A file outside
/// any repository keeps its path as given (without a leading `./`).
pub fn repo_relative(path: &Path) -> String {
    let as_given = || {
        let text = path.to_string_lossy().replace('\\', "/");
        text.strip_prefix("./").unwrap_or(&text).to_string()
    };
    let Ok(absolute) = crate::input::absolute(path) else {
        return as_given();
    };
    let relative = absolute
        .parent()
        .and_then(input::repository_root)
        .and_then(|root| absolute.strip_prefix(root).ok());
    match relative {
        Some(relative) => relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        None => as_given(),
    }
}

/// The link checker's settings for the file at `path`: flags over its config file.
fn link_options(
    args: &LintArgs,
    path: &Path,
    config: &Config,
    env: &Environment,
) -> Result<CheckOptions, String> {
    let mut options = args.links.to_options_over(path, &config.links)?;
    options.hosts = config.hosts.clone();
    if options.stale_after.is_none() && !config.rules.is_off(links::STALE_REPO) {
        let after = config.rules.options(links::STALE_REPO).after.as_deref();
        let after = after.unwrap_or(links::STALE_AFTER_DEFAULT);
        options.stale_after =
            Some(links::github::parse_stale_after(after).map_err(|e| format!("stale-repo: {e}"))?);
    }
    options.progress = env.stderr_is_terminal && !args.quiet;
    Ok(options)
}

/// The link rules: a link is requested unless all of them are silenced where it stands.
const LINK_RULES: [&str; 4] = [
    links::DEAD_LINK,
    links::REDIRECT,
    links::BLOCKED_LINK,
    links::TIMEOUT_LINK,
];

/// Findings about a link's repository: they come with the link check (never without it).
const REPO_RULES: [&str; 2] = [links::ARCHIVED_REPO, links::STALE_REPO];

/// Reads paths and lints each with the default settings, links unchecked; files that cannot
/// be read are returned as errors, in order.
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

/// Parses `source` once and runs every structural rule on it with the default settings.
pub fn lint_source(path: impl Into<String>, source: String) -> FileReport {
    lint_file(path, source, &RuleSettings::default(), None, None)
}

/// The note for a file outside any git repository whose relative links were not checked.
fn unchecked_local_note(file: &FileReport, job: &Job, quiet: bool) -> Option<String> {
    let place = job.place.as_ref()?;
    let count = local_links::unchecked(&file.document, place);
    (count > 0 && !quiet && !job.settings.is_off(local_links::MISSING_FILE)).then(|| {
        format!(
            "note: {} is not in a git repository; {} not checked on disk\n",
            job.path.display(),
            report::count(count, "relative link was", "relative links were"),
        )
    })
}

/// `lint_file` without the files around it: relative links are not checked.
pub fn lint_file(
    path: impl Into<String>,
    source: String,
    settings: &RuleSettings,
    checker: Option<(&tokio::runtime::Runtime, &CheckOptions)>,
    changed: Option<&ChangedLines>,
) -> FileReport {
    lint_file_at(path, source, settings, checker, changed, None)
}

/// Lints one file: the rules with their settings, the links when a checker is given, the
/// relative links on disk when the file's place is given, the suppressions over all of
/// them, then the suppressions that silenced nothing.
///
/// With `changed` (`--changed-since`), the rules still read the whole document, but only
/// findings whose span touches a changed line are kept (after the suppressions, so that a
/// suppression on an unchanged line still counts as used), and only links on changed lines
/// are requested: the others are left out of the link results altogether, not listed as
/// skipped, so that the results and `summary.links` describe what the change added.
pub fn lint_file_at(
    path: impl Into<String>,
    source: String,
    settings: &RuleSettings,
    checker: Option<(&tokio::runtime::Runtime, &CheckOptions)>,
    changed: Option<&ChangedLines>,
    place: Option<&local_links::Place>,
) -> FileReport {
    let document = Document::parse(source);
    let touched = |span: &std::ops::Range<usize>| {
        changed.is_none_or(|lines| {
            lines.intersects(
                document.position(span.start).line,
                document.end_position(span).line,
            )
        })
    };
    let pr_settings;
    let settings = match changed {
        Some(lines) => {
            pr_settings = settings.with_changed_lines(lines);
            &pr_settings
        }
        None => settings,
    };
    let mut suppressions = Suppressions::new(&document);
    let mut diagnostics = suppressions.filter(rules::check_with(&document, settings));
    let local_rules = [
        local_links::MISSING_FILE,
        local_links::MISSING_SCHEME,
        "broken-anchor",
    ];
    if let Some(place) = place.filter(|_| local_rules.iter().any(|id| !settings.is_off(id))) {
        let found = with_settings(local_links::check(&document, place), &document, settings);
        diagnostics.extend(suppressions.filter(found));
    }
    let mut link_results = None;
    let mut network = None;
    if let Some((runtime, options)) = checker {
        let mut occurrences = links::occurrences(&document);
        occurrences.retain(|o| touched(&o.span));
        // Links whose every finding is silenced are not requested; they are reported skipped.
        let silenced: Vec<bool> = occurrences
            .iter()
            .map(|o| suppressions.silences_all(&LINK_RULES, o.span.start))
            .collect();
        let requested: Vec<_> = occurrences
            .iter()
            .zip(&silenced)
            .filter(|(_, s)| !**s)
            .map(|(o, _)| o.clone())
            .collect();
        let run = runtime.block_on(links::check_run(&requested, options));
        network = run.network;
        let fragments = run.fragments;
        let mut checked = run.results.into_iter();
        let results: Vec<LinkResult> = occurrences
            .into_iter()
            .zip(silenced)
            .filter_map(|(o, silenced)| {
                if silenced {
                    Some(LinkResult {
                        url: o.url,
                        span: o.span,
                        status: Verdict::Skipped,
                        http_status: None,
                        redirect_to: None,
                        attempts: 0,
                        elapsed_ms: 0,
                        detail: "not checked: every link rule is disabled here".into(),
                        github: None,
                    })
                } else {
                    checked.next()
                }
            })
            .collect();
        let mut found = links::diagnostics(&results, options);
        found.extend(links::fragment_diagnostics(&fragments));
        let found = with_settings(found, &document, settings);
        let found = crate::fix::redirect::attach(&document, &results, found);
        diagnostics.extend(suppressions.filter(found));
        link_results = Some(results);
    }
    let links_checked = link_results.is_some();
    let fragments_checked = checker.is_some_and(|(_, options)| options.check_fragments);
    // Rules that only report under some conditions did not run without them.
    let could_report = |id: &str| match id {
        links::BROKEN_FRAGMENT => fragments_checked,
        local_links::MISSING_SCHEME => place.is_some(),
        local_links::MISSING_FILE => place.is_some_and(|p| p.root.is_some()),
        _ => true,
    };
    let ran = |id: &str| {
        !settings.is_off(id)
            && (links_checked || !LINK_RULES.contains(&id) && !REPO_RULES.contains(&id))
            && could_report(id)
    };
    let unused = with_settings(suppressions.unused(&ran), &document, settings);
    diagnostics.extend(suppressions.filter(unused));
    diagnostics.retain(|d| touched(&d.span));
    diagnostics.sort_by(|a, b| (a.span.start, a.rule).cmp(&(b.span.start, b.rule)));
    let mut file = FileReport::new(path, document, diagnostics);
    file.links = link_results;
    file.suppressed = suppressions.suppressed();
    file.network = network;
    file
}

/// Findings of rules outside `rules` (links, suppressions) as their settings say: at the
/// configured severity, and not in the sections `ignore-sections` names.
fn with_settings(
    found: Vec<Diagnostic>,
    document: &Document,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
    found
        .into_iter()
        .filter_map(|d| {
            let severity = settings.severity(d.rule, d.severity)?;
            let ignored = settings
                .options(d.rule)
                .ignores_offset(document, d.span.start);
            (!ignored).then_some(Diagnostic { severity, ..d })
        })
        .collect()
}

/// 2 when a file could not be read or the run could not do all of its job (`report.errors`,
/// e.g. no network for the link check), whatever the findings; else 1 for an error finding.
pub fn exit_status(report: &Report, input_errors: &[InputError]) -> ExitStatus {
    if !input_errors.is_empty() || !report.errors.is_empty() {
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
    for (index, info) in catalog::all().iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({}; preset {}{})\n",
            info.id,
            info.severity.as_str(),
            info.preset.as_str(),
            origin_note(info)
        ));
        if matches!(info.origin, Origin::Structure) {
            out.push_str(&wrap(info.summary, "    ", 80));
        }
        out.push_str(&wrap(info.explanation, "    ", 80));
    }
    out
}

fn origin_note(info: &RuleInfo) -> &'static str {
    match info.origin {
        Origin::Links => "; link check, not with --offline",
        Origin::Files => "; checked on disk, with --offline too",
        Origin::Structure | Origin::Suppressions => "",
    }
}

/// `awesome-lint explain RULE`: what it reports, why, and the options it takes.
pub fn explain(id: &str) -> Output {
    match catalog::find(id) {
        Some(info) => success(explanation(&info)),
        None => Output {
            stdout: String::new(),
            stderr: format!("error: {}\n", unknown_rule(id)),
            exit: ExitStatus::Failure,
        },
    }
}

fn explanation(info: &RuleInfo) -> String {
    let mut out = match info.origin {
        Origin::Structure => format!(
            "{} ({}; preset {}): {}\n\n{}",
            info.id,
            info.severity.as_str(),
            info.preset.as_str(),
            info.summary,
            wrap(info.explanation, "", 80)
        ),
        _ => format!(
            "{} ({}{})\n\n{}",
            info.id,
            info.severity.as_str(),
            origin_note(info),
            wrap(info.explanation, "", 80)
        ),
    };
    out.push_str(&format!(
        "\nOptions, in `[rules]` of .awesome-lint.toml:\n  severity = \"off\" | \"warning\" | \"error\" (default \"{}\")\n",
        info.severity.as_str()
    ));
    for option in info.all_options() {
        out.push_str(&format!("  {} (default {})\n", option.key, option.default));
        out.push_str(&wrap(option.doc, "      ", 80));
    }
    out
}

fn unknown_rule(id: &str) -> String {
    let ids: Vec<&str> = catalog::all().iter().map(|r| r.id).collect();
    let hint = catalog::did_you_mean(id)
        .map(|known| format!("did you mean `{known}`? "))
        .unwrap_or_default();
    format!("unknown rule `{id}`; {hint}valid rules: {}", ids.join(", "))
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
    fn blob_base_needs_every_variable() {
        let vars = |name: &str| match name {
            "GITHUB_SERVER_URL" => Some("https://github.com/".to_string()),
            "GITHUB_REPOSITORY" => Some("o/r".to_string()),
            "GITHUB_SHA" => Some("abc".to_string()),
            _ => None,
        };
        assert_eq!(
            github_blob_base(vars).as_deref(),
            Some("https://github.com/o/r/blob/abc")
        );
        let no_sha = |name: &str| (name != "GITHUB_SHA").then(|| vars(name)).flatten();
        assert_eq!(github_blob_base(no_sha), None);
    }

    #[test]
    fn repository_paths_use_slashes_from_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".git")).unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        assert_eq!(
            repo_relative(&dir.path().join("a/b/README.md")),
            "a/b/README.md"
        );
        let outside = tempfile::tempdir().unwrap();
        let file = outside.path().join("x.md");
        assert_eq!(repo_relative(&file), file.display().to_string());
    }

    #[test]
    fn color_choice() {
        let tty = Environment {
            no_color: false,
            stdout_is_terminal: true,
            stderr_is_terminal: true,
            ..Environment::default()
        };
        let tty_no_color = Environment {
            no_color: true,
            ..tty.clone()
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

        // The link check could not run: 2, whatever the findings.
        let mut clean = Report::default();
        clean.errors.push(report::RunError {
            kind: report::RunErrorKind::Network,
            message: "network unavailable".into(),
        });
        assert_eq!(exit_status(&clean, &[]), ExitStatus::Failure);
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
