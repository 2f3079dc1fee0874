//! The file as serde reads it (spans kept), and its checks into a `Config`.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{Config, PRESETS};
use crate::catalog;
use crate::document::conventions::{parse_link_separator, parse_title_separator};
use crate::links::{Accept, HostSettings, LinkSettings, parse_age};
use crate::rules::options::COMMON_KEYS;
use crate::rules::{DuplicateScope, Level, RuleOptions, RuleSetting};

/// A problem in the file: what, where, what to do.
#[derive(Debug)]
pub struct RawError {
    pub message: String,
    pub span: Option<Range<usize>>,
    pub label: String,
    pub help: Option<String>,
}

impl RawError {
    fn at(span: Range<usize>, message: impl Into<String>, label: impl Into<String>) -> Self {
        RawError {
            message: message.into(),
            span: Some(span),
            label: label.into(),
            help: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    preset: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<RawRule>>,
    #[serde(default)]
    links: RawLinks,
}

#[derive(Debug)]
enum RawRule {
    Level(Level),
    Table(Box<RawRuleTable>),
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRuleTable {
    severity: Option<Level>,
    ignore_sections: Option<Spanned<Vec<String>>>,
    sections: Option<Spanned<Vec<String>>>,
    scope: Option<Spanned<DuplicateScope>>,
    separator: Option<Spanned<String>>,
    title_separator: Option<Spanned<String>>,
    terms: Option<Spanned<Vec<String>>>,
    after: Option<Spanned<String>>,
}

// A rule is either a level (`bare-url = "off"`) or a table of options; a hand-written visitor
// keeps serde's precise errors for each form (an untagged enum would only say "no variant").
impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RuleVisitor;
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = RawRule;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    r#""off", "warning", "error", or a table such as { severity = "error" }"#,
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRule, E> {
                Level::deserialize(v.into_deserializer()).map(RawRule::Level)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawRule, A::Error> {
                RawRuleTable::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|t| RawRule::Table(Box::new(t)))
            }
        }
        deserializer.deserialize_any(RuleVisitor)
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLinks {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    accept: Option<Spanned<Statuses>>,
    timeout: Option<Spanned<u64>>,
    max_retries: Option<Spanned<u32>>,
    max_concurrency: Option<Spanned<usize>>,
    host_concurrency: Option<Spanned<usize>>,
    cache: Option<bool>,
    max_cache_age: Option<Spanned<String>>,
    strict: Option<bool>,
    check_fragments: Option<bool>,
    #[serde(default)]
    hosts: BTreeMap<Spanned<String>, Spanned<RawHost>>,
    #[serde(default)]
    github: RawGithub,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawGithub {
    api: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHost {
    concurrency: Option<Spanned<usize>>,
    headers: Option<Spanned<BTreeMap<String, String>>>,
}

/// A host's settings as written, for `awesome-lint config`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ShownHost {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concurrency: Option<usize>,
    /// Names only: values may be secrets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
}

/// `accept = ["200..=299", "429"]`, or one string `"200..=299,429"` as on the command line.
#[derive(Debug)]
struct Statuses(Vec<String>);

impl<'de> Deserialize<'de> for Statuses {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatusesVisitor;
        impl<'de> Visitor<'de> for StatusesVisitor {
            type Value = Statuses;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a list of statuses and ranges such as ["200..=299", "429"]"#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Statuses, E> {
                Ok(Statuses(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Statuses, A::Error> {
                let mut out = Vec::new();
                while let Some(item) = seq.next_element::<StatusItem>()? {
                    out.push(item.0);
                }
                Ok(Statuses(out))
            }
        }
        deserializer.deserialize_any(StatusesVisitor)
    }
}

/// One item of `accept`: `"200..=299"` or a bare number `429`.
struct StatusItem(String);

impl<'de> Deserialize<'de> for StatusItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl Visitor<'_> for ItemVisitor {
            type Value = StatusItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a status such as 429 or a range such as "200..=299""#)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<StatusItem, E> {
                Ok(StatusItem(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<StatusItem, E> {
                Ok(StatusItem(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<StatusItem, E> {
                Ok(StatusItem(v.to_string()))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

/// Parses and checks `text` into a `Config` (its `path` left unset).
pub fn parse(text: &str) -> Result<Config, RawError> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| RawError {
        message: e.message().trim().to_string(),
        span: e.span(),
        label: "here".into(),
        help: Some(
            "see `awesome-lint init` for a commented file with every key, or README.md".into(),
        ),
    })?;
    let mut config = Config::defaults();
    if let Some(preset) = raw.preset {
        if !PRESETS.contains(&preset.get_ref().as_str()) {
            return Err(RawError::at(
                preset.span(),
                format!("unknown preset `{}`", preset.get_ref()),
                "not a preset",
            )
            .help(format!("presets: {}", PRESETS.join(", "))));
        }
        if let Some(p) = crate::rules::Preset::parse(preset.get_ref()) {
            config.rules.set_preset(p);
        }
        config.preset = preset.into_inner();
    }
    for (id, setting) in raw.rules {
        let Some(info) = catalog::find(id.get_ref()) else {
            let hint = match catalog::did_you_mean(id.get_ref()) {
                Some(known) => format!("did you mean `{known}`? "),
                None => String::new(),
            };
            return Err(RawError::at(
                id.span(),
                format!("unknown rule `{}`", id.get_ref()),
                "not a rule id",
            )
            .help(format!("{hint}`awesome-lint rules` lists every rule id")));
        };
        let setting = match setting.into_inner() {
            RawRule::Level(level) => RuleSetting {
                level: Some(level),
                options: RuleOptions::default(),
            },
            RawRule::Table(table) => rule_table(info, *table)?,
        };
        config.rules.set(info.id, setting);
    }
    links(raw.links, &mut config)?;
    Ok(config)
}

fn rule_table(info: catalog::RuleInfo, t: RawRuleTable) -> Result<RuleSetting, RawError> {
    // Each key the rule does not read is refused where it is written.
    let accepts =
        |key: &str| COMMON_KEYS.contains(&key) || info.options.iter().any(|o| o.key == key);
    let refuse = |key: &str, at: Range<usize>| {
        let mut keys: Vec<&str> = COMMON_KEYS.to_vec();
        keys.extend(info.options.iter().map(|o| o.key));
        RawError::at(
            at,
            format!("rule `{}` has no option `{key}`", info.id),
            "not an option of this rule",
        )
        .help(format!(
            "`{}` takes: {} (see `awesome-lint explain {}`)",
            info.id,
            keys.join(", "),
            info.id
        ))
    };
    let mut options = RuleOptions::default();
    if let Some(v) = t.ignore_sections {
        options.ignore_sections = v.into_inner();
    }
    if let Some(v) = t.sections {
        if !accepts("sections") {
            return Err(refuse("sections", v.span()));
        }
        options.sections = v.into_inner();
    }
    if let Some(v) = t.scope {
        if !accepts("scope") {
            return Err(refuse("scope", v.span()));
        }
        options.scope = v.into_inner();
    }
    if let Some(v) = t.separator {
        if !accepts("separator") {
            return Err(refuse("separator", v.span()));
        }
        parse_link_separator(v.get_ref())
            .map_err(|e| RawError::at(v.span(), e, "not a link separator"))?;
        options.separator = Some(v.into_inner());
    }
    if let Some(v) = t.title_separator {
        if !accepts("title-separator") {
            return Err(refuse("title-separator", v.span()));
        }
        parse_title_separator(v.get_ref())
            .map_err(|e| RawError::at(v.span(), e, "not a title separator"))?;
        options.title_separator = Some(v.into_inner());
    }
    if let Some(v) = t.terms {
        if !accepts("terms") {
            return Err(refuse("terms", v.span()));
        }
        for line in v.get_ref() {
            crate::rules::parse_term(line)
                .map_err(|e| RawError::at(v.span(), e, "not a term line"))?;
        }
        options.terms = v.into_inner();
    }
    if let Some(v) = t.after {
        if !accepts("after") {
            return Err(refuse("after", v.span()));
        }
        crate::links::github::parse_stale_after(v.get_ref())
            .map_err(|e| RawError::at(v.span(), e, "not a duration"))?;
        options.after = Some(v.into_inner());
    }
    // A threshold is a request for the rule, which is off by default.
    let level = match t.severity {
        None if options.after.is_some() => Some(Level::Warning),
        level => level,
    };
    Ok(RuleSetting { level, options })
}

fn links(raw: RawLinks, config: &mut Config) -> Result<(), RawError> {
    let mut links = LinkSettings::default();
    for pattern in raw.exclude {
        regex::Regex::new(pattern.get_ref()).map_err(|e| {
            RawError::at(
                pattern.span(),
                format!("invalid regular expression: {}", one_line(&e)),
                "not a regular expression",
            )
            .help("exclude takes regular expressions, e.g. '^https://www\\.linkedin\\.com/'")
        })?;
        links.exclude.push(pattern.into_inner());
    }
    if let Some(accept) = raw.accept {
        let joined = accept.get_ref().0.join(",");
        Accept::parse(&joined).map_err(|e| {
            RawError::at(accept.span(), format!("accept: {e}"), "not a status range")
                .help(r#"write statuses and ranges, e.g. ["200..=299", "429"]"#)
        })?;
        links.accept = Some(joined);
    }
    // The flags' bounds (clap checks those): beyond them a value is a mistake, and some
    // would overflow a counter or exhaust memory.
    fn within<T: Copy + Into<u64>>(
        value: &Option<Spanned<T>>,
        key: &str,
        range: &std::ops::RangeInclusive<u64>,
    ) -> Result<(), RawError> {
        match value {
            Some(v) if !range.contains(&(*v.get_ref()).into()) => Err(RawError::at(
                v.span(),
                format!(
                    "{key} {} is out of range: it must be between {} and {}",
                    (*v.get_ref()).into(),
                    range.start(),
                    range.end()
                ),
                "out of range",
            )),
            _ => Ok(()),
        }
    }
    let as_u64 = |v: &Option<Spanned<usize>>| {
        v.as_ref()
            .map(|v| Spanned::new(v.span(), u64::try_from(*v.get_ref()).unwrap_or(u64::MAX)))
    };
    within(
        &as_u64(&raw.max_concurrency),
        "max-concurrency",
        &crate::links::MAX_CONCURRENCY_RANGE,
    )?;
    within(
        &as_u64(&raw.host_concurrency),
        "host-concurrency",
        &crate::links::HOST_CONCURRENCY_RANGE,
    )?;
    within(&raw.timeout, "timeout", &crate::links::TIMEOUT_RANGE)?;
    within(
        &raw.max_retries,
        "max-retries",
        &crate::links::MAX_RETRIES_RANGE,
    )?;
    links.timeout = raw.timeout.map(Spanned::into_inner);
    links.max_concurrency = raw.max_concurrency.map(Spanned::into_inner);
    links.host_concurrency = raw.host_concurrency.map(Spanned::into_inner);
    links.max_retries = raw.max_retries.map(Spanned::into_inner);
    links.cache = raw.cache;
    links.strict = raw.strict;
    links.check_fragments = raw.check_fragments;
    if let Some(age) = raw.max_cache_age {
        parse_age(age.get_ref())
            .map_err(|e| RawError::at(age.span(), format!("max-cache-age: {e}"), "not an age"))?;
        links.max_cache_age = Some(age.into_inner());
    }
    if let Some(api) = raw.github.api {
        crate::links::github::endpoint(api.get_ref()).map_err(|e| {
            RawError::at(api.span(), e, "not an API root").help(
                "e.g. \"https://api.github.com\", or \"https://HOST/api\" for GitHub Enterprise",
            )
        })?;
        links.github_api = Some(api.into_inner());
    }
    for (host, settings) in raw.hosts {
        let settings = settings.into_inner();
        within(
            &as_u64(&settings.concurrency),
            "concurrency",
            &crate::links::HOST_CONCURRENCY_RANGE,
        )?;
        let headers_span = settings.headers.as_ref().map_or(host.span(), Spanned::span);
        let name = host.get_ref().trim().to_ascii_lowercase();
        if name.is_empty() || name.contains(['/', ':', ' ']) {
            return Err(RawError::at(
                host.span(),
                format!("`{}` is not a host name", host.get_ref()),
                "not a host",
            )
            .help(r#"name the host alone, e.g. [links.hosts."github.com"]"#));
        }
        let headers: Vec<(String, String)> = settings
            .headers
            .map(|h| h.into_inner().into_iter().collect())
            .unwrap_or_default();
        let concurrency = settings.concurrency.map(Spanned::into_inner);
        let parsed = HostSettings::new(concurrency, &headers)
            .map_err(|e| RawError::at(headers_span, e, "in these headers"))?;
        config.hosts.insert(name.clone(), parsed);
        config.hosts_shown.insert(
            name,
            ShownHost {
                concurrency,
                headers: headers.into_iter().map(|(k, _)| k).collect(),
            },
        );
    }
    config.links = links;
    Ok(())
}

fn one_line(e: &impl fmt::Display) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
