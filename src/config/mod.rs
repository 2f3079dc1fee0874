//! `.awesome-lint.toml`: finding it, reading it (the `toml` crate and serde, spans kept), and
//! checking every value before anything is linted. Rules receive their options from here
//! (`RuleSettings`); the link checker its settings (`LinkSettings`, per-host `HostSettings`).
//! The document model never sees the config.

mod raw;
pub mod template;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use miette::{NamedSource, SourceSpan};

use crate::links::{HostSettings, LinkSettings};
use crate::rules::RuleSettings;

pub const CONFIG_FILE_NAME: &str = ".awesome-lint.toml";

/// The presets `preset = "…"` accepts.
pub const PRESETS: &[&str] = &["default", "awesome"];

/// A config file, read and checked.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where it came from; `None`: no file, every default.
    pub path: Option<PathBuf>,
    pub preset: String,
    pub rules: RuleSettings,
    pub links: LinkSettings,
    /// `[links.hosts."HOST"]`, keyed by the lowercase host name.
    pub hosts: BTreeMap<String, HostSettings>,
    /// The same, as written, for `awesome-lint config`.
    pub hosts_shown: BTreeMap<String, raw::ShownHost>,
}

impl Config {
    pub fn defaults() -> Config {
        Config {
            preset: "default".into(),
            ..Config::default()
        }
    }
}

/// Why a config could not be used. Either way the run stops with exit status 2.
#[derive(Debug)]
pub enum ConfigError {
    /// The file could not be read: one line.
    Unreadable { path: PathBuf, message: String },
    /// The file was read but a value is wrong: a report pointing at it.
    Invalid(Box<InvalidConfig>),
}

/// A wrong value in a config file, with its place, for miette.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(config))]
pub struct InvalidConfig {
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Unreadable { path, message } => {
                write!(f, "{}: cannot read the config: {message}", path.display())
            }
            ConfigError::Invalid(invalid) => {
                write!(f, "{}: {}", invalid.source_code.name(), invalid.message)
            }
        }
    }
}

impl ConfigError {
    /// What goes to stderr: one line for an unreadable file, a report with the TOML snippet
    /// for a wrong value.
    pub fn render(&self, color: bool) -> String {
        match self {
            ConfigError::Unreadable { .. } => format!("error: {self}\n"),
            ConfigError::Invalid(invalid) => {
                let theme = if color {
                    miette::GraphicalTheme::unicode()
                } else {
                    miette::GraphicalTheme::unicode_nocolor()
                };
                let handler = miette::GraphicalReportHandler::new_themed(theme)
                    .with_width(100)
                    .with_links(false);
                let mut out = String::new();
                match handler.render_report(&mut out, invalid.as_ref()) {
                    Ok(()) => out,
                    Err(_) => format!("error: {self}\n"),
                }
            }
        }
    }
}

/// The config that applies to the file at `linted`: the nearest `.awesome-lint.toml` in its
/// folder or above, not above the repository root (the folder that holds `.git`).
pub fn discover(linted: &Path) -> Option<PathBuf> {
    let start = match linted.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Absolute, so that walking up from `.` works; a folder that cannot be resolved has none.
    let start = crate::input::absolute(&start).ok()?;
    let root = crate::input::repository_root(&start);
    for dir in start.ancestors() {
        let candidate = dir.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Some(relative_if_under_cwd(candidate));
        }
        if Some(dir) == root {
            break;
        }
    }
    None
}

/// Paths are shown as the user would type them: relative to the current folder when inside it.
fn relative_if_under_cwd(path: PathBuf) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or(path)
}

/// Reads and checks the config at `path`.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let text = std::fs::read(path)
        .map_err(|e| ConfigError::Unreadable {
            path: path.into(),
            message: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".into(),
                std::io::ErrorKind::PermissionDenied => "permission denied".into(),
                std::io::ErrorKind::IsADirectory => "is a directory".into(),
                _ => e.to_string(),
            },
        })
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|_| ConfigError::Unreadable {
                path: path.into(),
                message: "not UTF-8 text; TOML files are UTF-8".into(),
            })
        })?;
    let mut config = parse(&text, &path.display().to_string())?;
    config.path = Some(path.to_path_buf());
    Ok(config)
}

/// Parses and checks config text; `name` labels the report.
pub fn parse(text: &str, name: &str) -> Result<Config, ConfigError> {
    raw::parse(text).map_err(|e| {
        ConfigError::Invalid(Box::new(InvalidConfig {
            message: e.message,
            source_code: NamedSource::new(name, text.to_string()).with_language("toml"),
            span: e
                .span
                .map(|s| SourceSpan::from(s.start..s.end.max(s.start))),
            label: e.label,
            help: e.help,
        }))
    })
}

#[cfg(test)]
mod tests;
