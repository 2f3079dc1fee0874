//! Command-line definitions (clap derive) and nothing else: `run` turns them into work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::fix::FixArgs;
use crate::links::LinkArgs;

#[derive(Debug, Parser)]
#[command(
    name = "awesome-lint",
    version,
    about = "Lint the README of an awesome list: structure, table of contents, entries and links.",
    after_help = "Exit status: 0 no errors (warnings allowed), 1 at least one error, \
                  2 usage or input error.\n\
                  A file named like a command (`rules`, `explain`, `init`, `config`, `completions`, \
                  `man`, `help`) is passed as `./rules`.",
    // `awesome-lint README.md rules` lints two files; it never runs the `rules` command.
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub lint: LintArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule with its id, severity and explanation.
    Rules,
    /// Explain one rule: what it reports, why, and when it stays silent.
    Explain {
        /// A rule id, e.g. `duplicate-heading` (see `awesome-lint rules`).
        #[arg(value_name = "RULE")]
        rule: String,
    },
    /// Write a commented `.awesome-lint.toml` with every default into the current folder.
    Init,
    /// Print the configuration in effect for a file, and the config file it came from.
    Config {
        /// The Markdown file (or folder) whose configuration to show [default: the README here].
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        #[command(flatten)]
        source: ConfigSource,
    },
    /// Print the completion script for a shell.
    ///
    /// e.g. `awesome-lint completions bash > ~/.local/share/bash-completion/completions/awesome-lint`
    /// (README.md lists the place for each shell).
    Completions {
        /// The shell to complete in.
        #[arg(value_name = "SHELL")]
        shell: Shell,
    },
    /// Print the man page (roff).
    ///
    /// e.g. `awesome-lint man > ~/.local/share/man/man1/awesome-lint.1`, then `man awesome-lint`.
    Man,
}

/// Which config file applies.
#[derive(Debug, Clone, Default, Args)]
pub struct ConfigSource {
    /// Use this config file instead of the nearest `.awesome-lint.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore config files: defaults and flags only.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Markdown files, or folders whose README to lint [default: the README of the current
    /// folder, `README.md` or `readme.md` in any case].
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub config: ConfigSource,

    /// Print the configuration in effect for the first file (config file, then flags) and exit.
    #[arg(long)]
    pub show_config: bool,

    /// Also write the findings as SARIF 2.1.0 to this file, whatever `--format` prints.
    #[arg(long, value_name = "FILE")]
    pub sarif_file: Option<PathBuf>,

    /// Do not use the network: run the structural rules only, and check no link.
    #[arg(long)]
    pub offline: bool,

    /// The set of rules to run: `default`, or `awesome` (default + the official awesome
    /// guidelines, as sindresorhus/awesome-lint checks them). Overrides `preset` in the config.
    #[arg(long, value_name = "PRESET", value_parser = ["default", "awesome"])]
    pub preset: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human, value_name = "FORMAT")]
    pub format: Format,

    /// When to color human output. `auto` colors only a terminal, and never when
    /// `NO_COLOR` is set to a non-empty value.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Human output shows errors only (the summary still counts warnings) and no notes.
    /// JSON output is always complete.
    #[arg(long, short)]
    pub quiet: bool,

    /// Pull-request mode: report only findings on lines added or changed since the merge base
    /// of REF and HEAD (staged, unstaged and untracked changes count), and check only the
    /// links on those lines. Needs git and REF in the clone (CI: fetch-depth: 0).
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,

    #[command(flatten)]
    pub fix: FixArgs,

    #[command(flatten)]
    pub links: LinkArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated source snippets and a summary line.
    Human,
    /// One JSON document (its shape is documented in README.md).
    Json,
    /// `path:line:col: severity[rule] message`, one per line, for editors and grep.
    Compact,
    /// GitHub Actions workflow commands: annotations on the pull request's lines.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}
