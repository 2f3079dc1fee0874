//! What the config file can say about a rule: its level and its options.
//!
//! One struct holds every option any rule reads; each rule lists the keys it reads in
//! `Rule::options`, and the config refuses the others for that rule. The options are few and
//! several are shared (section filters), so one struct keeps them in one place without a
//! type-erased bag per rule. The model is never changed by options; rules only read them.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::changes::ChangedLines;
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::surroundings::Surroundings;

use super::Preset;

/// `"off" | "warning" | "error"` in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn of(severity: Severity) -> Level {
        match severity {
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

/// Which repeats `duplicate-link` reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DuplicateScope {
    /// Every repeat, unless the list cross-lists on purpose (then only repeats in one section).
    #[default]
    Auto,
    /// Only repeats within one section.
    Section,
    /// Every repeat in the document.
    Document,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// Sections (and their subsections) the rule does not judge.
    pub ignore_sections: Vec<String>,
    /// When not empty, the only sections (and their subsections) the rule judges.
    pub sections: Vec<String>,
    pub scope: DuplicateScope,
    /// The separator between an entry's links, enforced instead of inferred (e.g. ` | `).
    pub separator: Option<String>,
    /// The separator between an entry's title and its links, enforced (e.g. `: `).
    pub title_separator: Option<String>,
    /// Pull-request mode (`--changed-since`): the lines the change added or changed. Never
    /// from the config file; `run` fills it in (`RuleSettings::with_changed_lines`).
    ///
    /// The run keeps only findings on changed lines, which is right for every rule but one:
    /// `duplicate-link` reports the later of two entries and skips cross-listings, while a
    /// reviewer wants every added entry that repeats a link, wherever it stands. So that rule
    /// reads the changed lines to decide *where* to report. An option rather than a second
    /// `check` signature or a filter in `run`: only the rule knows which link is the other
    /// entry's, and the line ranges are plain data, so the rule still knows nothing of git.
    pub changed: Option<ChangedLines>,
    /// `awesome-spell-check`: terms added to its list, in the list's own line format.
    pub terms: Vec<String>,
    /// The files beside the linted README (contributing guide, code of conduct), read by
    /// `run` (`RuleSettings::with_surroundings`) so that rules do no file I/O. `None`: not
    /// known (a document linted on its own); the rules that need it stay silent.
    pub surroundings: Option<Arc<Surroundings>>,
    /// `stale-repo`: how long without a push makes a repository stale (`2y`, `18mo`).
    pub after: Option<String>,
}

/// One option a rule reads, documented for `explain` and `init`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionDoc {
    /// The key in the config file, e.g. `ignore-sections`.
    pub key: &'static str,
    /// The default, written as TOML, e.g. `[]`.
    pub default: &'static str,
    /// One line: what it does.
    pub doc: &'static str,
}

pub const IGNORE_SECTIONS: OptionDoc = OptionDoc {
    key: "ignore-sections",
    default: "[]",
    doc: "section titles (case-insensitive) whose sections and subsections are not judged; every rule takes it",
};

/// Options every rule takes: `severity` and `ignore-sections`.
pub const COMMON_KEYS: &[&str] = &["severity", "ignore-sections"];

impl RuleOptions {
    /// Whether heading `heading` or one of its ancestors is titled like one of `names`.
    pub fn in_sections(doc: &Document, heading: Option<usize>, names: &[String]) -> bool {
        if names.is_empty() {
            return false;
        }
        let mut at = heading;
        while let Some(h) = at {
            let text = doc.headings[h].text.trim();
            if names.iter().any(|n| n.trim().eq_ignore_ascii_case(text)) {
                return true;
            }
            at = doc.headings[h].parent;
        }
        false
    }

    /// Whether `ignore-sections` names the section `heading` lies in.
    pub fn ignores(&self, doc: &Document, heading: Option<usize>) -> bool {
        Self::in_sections(doc, heading, &self.ignore_sections)
    }

    /// Whether `ignore-sections` names the section the byte `offset` lies in.
    pub fn ignores_offset(&self, doc: &Document, offset: usize) -> bool {
        !self.ignore_sections.is_empty() && self.ignores(doc, section_at(doc, offset))
    }
}

/// The innermost heading at or before `offset` (headings are in source order).
pub fn section_at(doc: &Document, offset: usize) -> Option<usize> {
    doc.headings
        .partition_point(|h| h.span.start <= offset)
        .checked_sub(1)
}

/// What the config says about one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSetting {
    /// `None`: the rule's default severity.
    pub level: Option<Level>,
    pub options: RuleOptions,
}

/// What the config says about every rule it names; rules not named keep their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSettings {
    by_id: BTreeMap<String, RuleSetting>,
    /// Rules of this preset (and the ones it includes) run unless set `off`; a rule of
    /// another preset runs only when the config gives it a level.
    preset: Preset,
}

static DEFAULT_SETTING: RuleSetting = RuleSetting {
    level: None,
    options: RuleOptions {
        ignore_sections: Vec::new(),
        sections: Vec::new(),
        scope: DuplicateScope::Auto,
        separator: None,
        title_separator: None,
        changed: None,
        terms: Vec::new(),
        surroundings: None,
        after: None,
    },
};

impl RuleSettings {
    pub fn set(&mut self, id: impl Into<String>, setting: RuleSetting) {
        self.by_id.insert(id.into(), setting);
    }

    pub fn get(&self, id: &str) -> &RuleSetting {
        self.by_id.get(id).unwrap_or(&DEFAULT_SETTING)
    }

    pub fn preset(&self) -> Preset {
        self.preset
    }

    pub fn set_preset(&mut self, preset: Preset) {
        self.preset = preset;
    }

    /// The severity findings of `id` get, or `None` when the rule is off: set `off`, or
    /// left unset while its preset is not selected.
    pub fn severity(&self, id: &str, default: Severity) -> Option<Severity> {
        match self.get(id).level {
            Some(level) => level.severity(),
            None => (self.preset.includes(preset_of(id)) && !OFF_BY_DEFAULT.contains(&id))
                .then_some(default),
        }
    }

    pub fn options(&self, id: &str) -> &RuleOptions {
        &self.get(id).options
    }

    pub fn is_off(&self, id: &str) -> bool {
        match self.get(id).level {
            Some(level) => level == Level::Off,
            None => !self.preset.includes(preset_of(id)) || OFF_BY_DEFAULT.contains(&id),
        }
    }

    /// The same settings with the files beside the README known to every structural rule
    /// (see `RuleOptions::surroundings`).
    pub fn with_surroundings(&self, surroundings: Arc<Surroundings>) -> RuleSettings {
        self.with_each_structural(|options| options.surroundings = Some(surroundings.clone()))
    }

    /// The same settings in pull-request mode: every structural rule's options carry the
    /// changed lines (see `RuleOptions::changed`).
    pub fn with_changed_lines(&self, changed: &ChangedLines) -> RuleSettings {
        self.with_each_structural(|options| options.changed = Some(changed.clone()))
    }

    /// The same settings with `set` applied to the options of every structural rule (facts
    /// the run learns per file, which the config file never sets).
    fn with_each_structural(&self, set: impl Fn(&mut RuleOptions)) -> RuleSettings {
        let mut settings = self.clone();
        for rule in super::REGISTRY {
            set(&mut settings
                .by_id
                .entry(rule.id().to_string())
                .or_default()
                .options);
        }
        settings
    }
}

/// Rules that run only when the config gives them a level (or, for `stale-repo`, a
/// threshold): opinions most lists do not want by default.
pub const OFF_BY_DEFAULT: &[&str] = &["stale-repo"];

/// The preset rule `id` belongs to; rules outside `REGISTRY` (links, suppressions) are default.
fn preset_of(id: &str) -> Preset {
    super::find(id).map_or(Preset::Default, |r| r.preset())
}
