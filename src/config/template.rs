//! Config as text: the commented default file `awesome-lint init` writes, and the effective
//! configuration `awesome-lint config` prints. Both are plain TOML that `parse` reads back.

use std::fmt::Write;

use super::Config;
use crate::catalog::{self, Origin};
use crate::links::LinkSettings;
use crate::rules::{Level, Preset};

/// A TOML string literal.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The file `awesome-lint init` writes: every key at its default, each with a comment.
pub fn init_text() -> String {
    let mut out = String::new();
    out.push_str(
        "# awesome-lint configuration. Every value below is the default: change what you need,\n\
         # delete the rest. `awesome-lint explain RULE` tells what each rule does;\n\
         # `awesome-lint config` prints the configuration in effect.\n\n",
    );
    out.push_str(
        "# The set of rules to start from: \"default\", or \"awesome\" (default and the official\n\
         # awesome guidelines, as sindresorhus/awesome-lint checks them).\n",
    );
    out.push_str("preset = \"default\"\n\n");
    out.push_str("[rules]\n");
    out.push_str(
        "# Each rule: \"off\", \"warning\" or \"error\", or a table { severity = \"…\", option = … }.\n\
         # Every rule also takes ignore-sections = [\"Section title\", …]: sections it does not judge.\n",
    );
    for info in catalog::all() {
        let when = match info.origin {
            Origin::Links => " (link check; not with --offline)",
            _ if info.preset != Preset::Default => " (preset awesome; uncomment to run it alone)",
            _ => "",
        };
        writeln!(out, "\n# {}{when}", info.summary).unwrap();
        let level = quote(Level::of(info.severity).as_str());
        // A rule of another preset stays as its preset leaves it: its line is commented out.
        let off = if info.preset == Preset::Default
            && !crate::rules::options::OFF_BY_DEFAULT.contains(&info.id)
        {
            ""
        } else {
            "# "
        };
        if info.options.is_empty() {
            writeln!(out, "{off}{} = {level}", info.id).unwrap();
            continue;
        }
        let mut fields = vec![format!("severity = {level}")];
        let mut commented = Vec::new();
        for option in info.options {
            writeln!(out, "# {}: {}", option.key, option.doc).unwrap();
            if option.default.starts_with('(') {
                // No literal default (inferred from the list): show the key, commented out.
                commented.push(option.key);
            } else {
                fields.push(format!("{} = {}", option.key, option.default));
            }
        }
        writeln!(out, "{off}{} = {{ {} }}", info.id, fields.join(", ")).unwrap();
        for key in commented {
            let example = if key == "title-separator" {
                "\": \""
            } else {
                "\" | \""
            };
            writeln!(
                out,
                "# {} = {{ severity = {level}, {key} = {example} }}",
                info.id
            )
            .unwrap();
        }
    }
    let d = &LinkSettings::DEFAULTS;
    out.push_str("\n[links]\n");
    writeln!(
        out,
        "# URLs matching these regular expressions are not checked, e.g. ['^https://www\\.linkedin\\.com/'].\n\
         exclude = []\n\
         # HTTP statuses that count as a working link: statuses and ranges.\n\
         accept = [{}]\n\
         # Connect and total timeout of one request, in seconds.\n\
         timeout = {}\n\
         # Retries after a timeout, a connection error, a 429 or a 5xx.\n\
         max-retries = {}\n\
         # Requests in flight at once, over all hosts.\n\
         max-concurrency = {}\n\
         # Requests in flight at once to any single host.\n\
         host-concurrency = {}\n\
         # Keep ok and redirect results in .awesome-lint-cache.json beside the README.\n\
         cache = {}\n\
         # How long a cached result stays valid: 1d, 12h, 30m, 3600s.\n\
         max-cache-age = {}\n\
         # Report links that time out as errors, not warnings.\n\
         strict = {}\n\
         # Check that the #fragment of a linked web page names an anchor in it (broken-fragment).\n\
         check-fragments = {}\n\n\
         # Settings for one host: its own concurrency and extra request headers.\n\
         # [links.hosts.\"github.com\"]\n\
         # concurrency = 2\n\
         # headers = {{ Accept = \"text/html\" }}\n\n\
         # GitHub's API, asked about links to repositories when a token is given\n\
         # (GitHub Enterprise: \"https://HOST/api\").\n\
         # [links.github]\n\
         # api = {}",
        quote(d.accept),
        d.timeout,
        d.max_retries,
        d.max_concurrency,
        d.host_concurrency,
        d.cache,
        quote(d.max_cache_age),
        d.strict,
        d.check_fragments,
        quote(d.github_api),
    )
    .unwrap();
    out
}

/// The configuration in effect for one linted file, as TOML with a header saying where it
/// came from. `links` is the merge of flags over the file, before defaults.
pub fn show(config: &Config, linted: &str, links: &LinkSettings) -> String {
    let mut out = String::new();
    writeln!(out, "# effective configuration for {linted}").unwrap();
    match &config.path {
        Some(path) => writeln!(out, "# from {} and the command line", path.display()).unwrap(),
        None => out.push_str("# no config file found: defaults and the command line\n"),
    }
    writeln!(out, "preset = {}\n\n[rules]", quote(&config.preset)).unwrap();
    for info in catalog::all() {
        let setting = config.rules.get(info.id);
        let level = setting
            .level
            .unwrap_or(match config.rules.severity(info.id, info.severity) {
                Some(severity) => Level::of(severity),
                None => Level::Off,
            });
        let o = &setting.options;
        let mut fields = Vec::new();
        if !o.ignore_sections.is_empty() {
            fields.push(format!("ignore-sections = {}", list(&o.ignore_sections)));
        }
        if !o.sections.is_empty() {
            fields.push(format!("sections = {}", list(&o.sections)));
        }
        if o.scope != Default::default() {
            fields.push(format!("scope = {}", quote(scope_name(o.scope))));
        }
        if let Some(s) = &o.separator {
            fields.push(format!("separator = {}", quote(s)));
        }
        if let Some(s) = &o.title_separator {
            fields.push(format!("title-separator = {}", quote(s)));
        }
        if let Some(s) = &o.after {
            fields.push(format!("after = {}", quote(s)));
        }
        if fields.is_empty() {
            writeln!(out, "{} = {}", info.id, quote(level.as_str())).unwrap();
        } else {
            writeln!(
                out,
                "{} = {{ severity = {}, {} }}",
                info.id,
                quote(level.as_str()),
                fields.join(", ")
            )
            .unwrap();
        }
    }
    let s = links.resolved();
    let accept: Vec<String> = s
        .accept
        .unwrap_or_default()
        .split(',')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    writeln!(
        out,
        "\n[links]\nexclude = {}\naccept = {}\ntimeout = {}\nmax-retries = {}\nmax-concurrency = {}\n\
         host-concurrency = {}\ncache = {}\nmax-cache-age = {}\nstrict = {}\n\
         check-fragments = {}",
        list(&s.exclude),
        list(&accept),
        s.timeout.unwrap_or_default(),
        s.max_retries.unwrap_or_default(),
        s.max_concurrency.unwrap_or_default(),
        s.host_concurrency.unwrap_or_default(),
        s.cache.unwrap_or_default(),
        quote(&s.max_cache_age.unwrap_or_default()),
        s.strict.unwrap_or_default(),
        s.check_fragments.unwrap_or_default(),
    )
    .unwrap();
    writeln!(
        out,
        "\n[links.github]\napi = {}",
        quote(&s.github_api.unwrap_or_default())
    )
    .unwrap();
    for (host, shown) in &config.hosts_shown {
        writeln!(out, "\n[links.hosts.{}]", quote(host)).unwrap();
        if let Some(c) = shown.concurrency {
            writeln!(out, "concurrency = {c}").unwrap();
        }
        if !shown.headers.is_empty() {
            // Values may be secrets: the names say which headers are sent.
            let headers: Vec<String> = shown
                .headers
                .iter()
                .map(|h| format!("{} = \"(set)\"", quote(h)))
                .collect();
            writeln!(out, "headers = {{ {} }}", headers.join(", ")).unwrap();
        }
    }
    out
}

fn scope_name(scope: crate::rules::DuplicateScope) -> &'static str {
    match scope {
        crate::rules::DuplicateScope::Auto => "auto",
        crate::rules::DuplicateScope::Section => "section",
        crate::rules::DuplicateScope::Document => "document",
    }
}
