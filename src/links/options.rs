//! CLI flags of the link checker (`LinkArgs`, flattened into the main CLI) and the settings
//! they become (`CheckOptions`). Parsing lives here so that bad input is a one-line user error
//! before any request is sent.

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::builder::RangedU64ValueParser;
use regex::Regex;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::dns::Lookup;

/// File name of the persistent cache, written beside the README.
pub const CACHE_FILE_NAME: &str = ".awesome-lint-cache.json";

/// Link-checking flags. The main CLI flattens this with `#[command(flatten)]`. Settings the
/// config file can also give are `Option`s here, so that a flag overrides the file only when it
/// is given; their defaults are `LinkSettings::DEFAULTS`.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = "Link checking")]
pub struct LinkArgs {
    /// Do not check URLs matching this regular expression (repeatable; added to the config's).
    #[arg(long = "exclude", value_name = "REGEX")]
    pub exclude: Vec<String>,

    /// HTTP statuses that count as a working link, e.g. `200..=299,429` [default: 200..=299].
    #[arg(long, value_name = "RANGES")]
    pub accept: Option<String>,

    /// Requests in flight at once, over all hosts (1 to 4096) [default: 64].
    #[arg(long, value_name = "N",
          value_parser = RangedU64ValueParser::<usize>::new().range(MAX_CONCURRENCY_RANGE))]
    pub max_concurrency: Option<usize>,

    /// Requests in flight at once to any single host (1 to 256) [default: 4].
    #[arg(long, value_name = "N",
          value_parser = RangedU64ValueParser::<usize>::new().range(HOST_CONCURRENCY_RANGE))]
    pub host_concurrency: Option<usize>,

    /// Connect and total timeout of one request, in seconds (1 to 3600) [default: 20].
    #[arg(long = "timeout", value_name = "SECONDS",
          value_parser = RangedU64ValueParser::<u64>::new().range(TIMEOUT_RANGE))]
    pub timeout: Option<u64>,

    /// Retries after a timeout, a connection error, a 429 or a 5xx (server errors get 3 more;
    /// 0 to 20) [default: 2].
    #[arg(long, value_name = "N",
          value_parser = RangedU64ValueParser::<u32>::new().range(MAX_RETRIES_RANGE))]
    pub max_retries: Option<u32>,

    /// Allow requests to loopback, private, link-local and unspecified addresses.
    #[arg(long)]
    pub allow_private: bool,

    /// Token sent as `Authorization` to github.com and api.github.com (page checks) and to
    /// the `--github-api` host (repository facts) only.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "GITHUB_TOKEN",
        hide_env_values = true
    )]
    pub github_token: Option<Secret>,

    /// Keep ok and redirect results in `.awesome-lint-cache.json` beside the README.
    #[arg(long, overrides_with = "no_cache")]
    pub cache: bool,

    /// Do not use the cache, even when the config turns it on.
    #[arg(long, overrides_with = "cache")]
    pub no_cache: bool,

    /// How long a cached result stays valid, e.g. `1d`, `12h`, `30m`, `3600s` [default: 1d].
    #[arg(long, value_name = "AGE")]
    pub max_cache_age: Option<String>,

    /// Report links that time out as errors, not warnings.
    #[arg(long)]
    pub strict: bool,

    /// Check that a `#fragment` of a web page names an `id` or `<a name>` in it
    /// (`broken-fragment`); each page is downloaded once, at most 2 MiB of it.
    #[arg(long)]
    pub check_fragments: bool,

    /// Root of GitHub's API, asked about links to repositories when a token is given
    /// (GitHub Enterprise: `https://HOST/api`) [default: https://api.github.com].
    #[arg(long, value_name = "URL")]
    pub github_api: Option<String>,

    /// Report repositories with no push for longer than this (`stale-repo`), e.g. `2y`,
    /// `18mo`, `26w`, `400d`; turns the rule on.
    #[arg(long, value_name = "AGE")]
    pub stale_after: Option<String>,
}

/// A secret given on the command line or in the environment: its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

/// The link settings the config file and the flags share, each `None` when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkSettings {
    pub exclude: Vec<String>,
    pub accept: Option<String>,
    pub max_concurrency: Option<usize>,
    pub host_concurrency: Option<usize>,
    pub timeout: Option<u64>,
    pub max_retries: Option<u32>,
    pub cache: Option<bool>,
    pub max_cache_age: Option<String>,
    pub strict: Option<bool>,
    pub check_fragments: Option<bool>,
    /// `[links.github] api`, `--github-api`.
    pub github_api: Option<String>,
}

/// The defaults of every link setting, in one place for the flags' help, `init` and `config`.
pub struct LinkDefaults {
    pub accept: &'static str,
    pub max_concurrency: usize,
    pub host_concurrency: usize,
    pub timeout: u64,
    pub max_retries: u32,
    pub cache: bool,
    pub max_cache_age: &'static str,
    pub strict: bool,
    pub check_fragments: bool,
    pub github_api: &'static str,
}

impl LinkSettings {
    pub const DEFAULTS: LinkDefaults = LinkDefaults {
        accept: "200..=299",
        max_concurrency: 64,
        host_concurrency: 4,
        timeout: 20,
        max_retries: 2,
        cache: false,
        max_cache_age: "1d",
        strict: false,
        check_fragments: false,
        github_api: super::github::DEFAULT_API,
    };

    /// `self` (the flags) over `file`: a given flag wins; excludes add up.
    pub fn over(&self, file: &LinkSettings) -> LinkSettings {
        LinkSettings {
            exclude: file.exclude.iter().chain(&self.exclude).cloned().collect(),
            accept: self.accept.clone().or_else(|| file.accept.clone()),
            max_concurrency: self.max_concurrency.or(file.max_concurrency),
            host_concurrency: self.host_concurrency.or(file.host_concurrency),
            timeout: self.timeout.or(file.timeout),
            max_retries: self.max_retries.or(file.max_retries),
            cache: self.cache.or(file.cache),
            max_cache_age: self
                .max_cache_age
                .clone()
                .or_else(|| file.max_cache_age.clone()),
            strict: self.strict.or(file.strict),
            check_fragments: self.check_fragments.or(file.check_fragments),
            github_api: self.github_api.clone().or_else(|| file.github_api.clone()),
        }
    }

    /// Every setting filled in with its default.
    pub fn resolved(&self) -> LinkSettings {
        let d = &Self::DEFAULTS;
        LinkSettings {
            exclude: self.exclude.clone(),
            accept: Some(self.accept.clone().unwrap_or_else(|| d.accept.into())),
            max_concurrency: Some(self.max_concurrency.unwrap_or(d.max_concurrency)),
            host_concurrency: Some(self.host_concurrency.unwrap_or(d.host_concurrency)),
            timeout: Some(self.timeout.unwrap_or(d.timeout)),
            max_retries: Some(self.max_retries.unwrap_or(d.max_retries)),
            cache: Some(self.cache.unwrap_or(d.cache)),
            max_cache_age: Some(
                self.max_cache_age
                    .clone()
                    .unwrap_or_else(|| d.max_cache_age.into()),
            ),
            strict: Some(self.strict.unwrap_or(d.strict)),
            check_fragments: Some(self.check_fragments.unwrap_or(d.check_fragments)),
            github_api: Some(
                self.github_api
                    .clone()
                    .unwrap_or_else(|| d.github_api.into()),
            ),
        }
    }
}

/// Where the cache of the README at `readme_path` lives: beside it.
pub fn cache_path_beside(readme_path: &Path) -> PathBuf {
    let dir = readme_path.parent().unwrap_or(Path::new("."));
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    dir.join(CACHE_FILE_NAME)
}

impl LinkArgs {
    /// The settings the flags give explicitly.
    pub fn settings(&self) -> LinkSettings {
        LinkSettings {
            exclude: self.exclude.clone(),
            accept: self.accept.clone(),
            max_concurrency: self.max_concurrency,
            host_concurrency: self.host_concurrency,
            timeout: self.timeout,
            max_retries: self.max_retries,
            cache: if self.no_cache {
                Some(false)
            } else {
                self.cache.then_some(true)
            },
            max_cache_age: self.max_cache_age.clone(),
            strict: self.strict.then_some(true),
            check_fragments: self.check_fragments.then_some(true),
            github_api: self.github_api.clone(),
        }
    }

    /// Validates the flags alone (no config file). The error is one line, fit to print after
    /// `error: `.
    pub fn to_options(&self, readme_path: &Path) -> Result<CheckOptions, String> {
        self.to_options_over(readme_path, &LinkSettings::default())
    }

    /// Validates the flags over the config file's settings `file`.
    pub fn to_options_over(
        &self,
        readme_path: &Path,
        file: &LinkSettings,
    ) -> Result<CheckOptions, String> {
        let s = self.settings().over(file).resolved();
        let (accept, max_concurrency, host_concurrency, timeout, max_retries) = (
            s.accept.unwrap_or_default(),
            s.max_concurrency.unwrap_or_default(),
            s.host_concurrency.unwrap_or_default(),
            s.timeout.unwrap_or_default(),
            s.max_retries.unwrap_or_default(),
        );
        let excludes = s
            .exclude
            .iter()
            .map(|re| Regex::new(re).map_err(|e| format!("--exclude {re:?}: {}", one_line(&e))))
            .collect::<Result<Vec<_>, _>>()?;
        let accept = Accept::parse(&accept).map_err(|e| format!("--accept: {e}"))?;
        // Clap checks the flags; this checks the config file's values too.
        in_range(
            "--max-concurrency",
            max_concurrency as u64,
            &MAX_CONCURRENCY_RANGE,
        )?;
        in_range(
            "--host-concurrency",
            host_concurrency as u64,
            &HOST_CONCURRENCY_RANGE,
        )?;
        in_range("--timeout", timeout, &TIMEOUT_RANGE)?;
        in_range("--max-retries", u64::from(max_retries), &MAX_RETRIES_RANGE)?;
        let max_cache_age = parse_age(s.max_cache_age.as_deref().unwrap_or_default())
            .map_err(|e| format!("--max-cache-age: {e}"))?;
        let github_api = s.github_api.unwrap_or_default();
        super::github::endpoint(&github_api)?;
        let stale_after = self
            .stale_after
            .as_deref()
            .map(super::github::parse_stale_after)
            .transpose()
            .map_err(|e| format!("--stale-after: {e}"))?;
        let cache_path = s
            .cache
            .unwrap_or_default()
            .then(|| cache_path_beside(readme_path));
        Ok(CheckOptions {
            excludes,
            accept,
            max_concurrency,
            host_concurrency,
            timeout: Duration::from_secs(timeout),
            max_retries,
            allow_private: self.allow_private,
            github_token: self
                .github_token
                .as_ref()
                .map(|t| t.expose().to_string())
                .filter(|t| !t.trim().is_empty()),
            cache_path,
            max_cache_age,
            strict: s.strict.unwrap_or_default(),
            check_fragments: s.check_fragments.unwrap_or_default(),
            github_api,
            stale_after,
            ..CheckOptions::default()
        })
    }
}

/// Every setting of one run. `Default` is the CLI's defaults; tests shorten the times.
#[derive(Clone)]
pub struct CheckOptions {
    pub excludes: Vec<Regex>,
    pub accept: Accept,
    pub max_concurrency: usize,
    pub host_concurrency: usize,
    /// Connect and total timeout of one request.
    pub timeout: Duration,
    pub max_retries: u32,
    pub allow_private: bool,
    pub github_token: Option<String>,
    /// Hosts (`host` or `host:port`) that receive the token. Tests point this at a loopback
    /// server; outside the crate's tests it is always `GITHUB_HOSTS`.
    #[cfg(any(test, feature = "test-hooks"))]
    pub github_hosts: Vec<String>,
    /// Send the token over plain http too. Off by default (the token would travel in clear);
    /// only tests against a loopback http server turn it on.
    #[cfg(any(test, feature = "test-hooks"))]
    pub token_over_http: bool,
    pub cache_path: Option<PathBuf>,
    pub max_cache_age: Duration,
    pub strict: bool,
    /// Show a progress bar (still only when stderr is a terminal).
    pub progress: bool,
    /// First backoff delay; later ones double. Tests shorten it.
    pub backoff_base: Duration,
    /// Longest wait honoured for a `Retry-After`.
    pub max_retry_after: Duration,
    /// The whole run stops after this; links still unchecked become `timeout`.
    pub run_timeout: Duration,
    /// Test hook: addresses exempt from the private-address guard (e.g. the test server's).
    #[cfg(any(test, feature = "test-hooks"))]
    pub trusted_addrs: Vec<IpAddr>,
    /// Test hook: fixed name → address answers, still filtered by the guard.
    pub resolve_overrides: Vec<(String, SocketAddr)>,
    /// Test hook: the name resolver (`None`: the system's, getaddrinfo). Whatever it is, each
    /// host is looked up once per run (and again per retry after a temporary failure).
    pub resolver: Option<Arc<dyn Lookup>>,
    /// After links were reached, this long without reaching any host while requests to at
    /// least two hosts fail at the network level means the connection was lost: the run
    /// stops and the rest is unchecked. Tests shorten it.
    pub network_lost_after: Duration,
    /// Per-host settings from `[links.hosts."HOST"]`; key: lowercase host name, no port.
    /// They apply to every request whose URL host is exactly the key (not its subdomains).
    pub hosts: BTreeMap<String, HostSettings>,
    /// When the whole run stops, shared by every file of the run; `None`: `run_timeout` after
    /// this check starts. Links still unchecked then become `timeout`.
    pub deadline: Option<Instant>,
    /// `--check-fragments`: the pages linked with a `#fragment` are read for their anchors.
    pub check_fragments: bool,
    /// Root of GitHub's API (`{api}/graphql` is asked about repository links).
    pub github_api: String,
    /// `stale-repo`: a repository whose last push is older than this is reported.
    pub stale_after: Option<Duration>,
}

/// The hosts that receive the GitHub token.
pub const GITHUB_HOSTS: [&str; 2] = ["github.com", "api.github.com"];

/// Bounds of the numeric link settings (flags and config file): beyond them a value is a
/// mistake, and some would overflow a counter or exhaust memory.
pub const MAX_CONCURRENCY_RANGE: RangeInclusive<u64> = 1..=4096;
pub const HOST_CONCURRENCY_RANGE: RangeInclusive<u64> = 1..=256;
pub const TIMEOUT_RANGE: RangeInclusive<u64> = 1..=3600;
pub const MAX_RETRIES_RANGE: RangeInclusive<u64> = 0..=20;

/// `value` within `range`, or a one-line error naming the flag.
fn in_range(flag: &str, value: u64, range: &RangeInclusive<u64>) -> Result<(), String> {
    if range.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "{flag} {value} is out of range: it must be between {} and {}",
            range.start(),
            range.end()
        ))
    }
}

/// Settings for one host, from `[links.hosts."HOST"]` in the config.
#[derive(Clone, Default)]
pub struct HostSettings {
    /// Requests in flight at once to this host; overrides `host_concurrency`.
    pub concurrency: Option<usize>,
    /// Extra request headers sent to this host only.
    pub headers: HeaderMap,
}

impl HostSettings {
    /// Validates header names and values; the error is one line naming the bad header, e.g.
    /// `header "Bad Name": invalid header name`. concurrency Some(0) is an error too.
    pub fn new(
        concurrency: Option<usize>,
        headers: &[(String, String)],
    ) -> Result<HostSettings, String> {
        if concurrency == Some(0) {
            return Err("concurrency must be at least 1".into());
        }
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            let n = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("header {name:?}: invalid header name"))?;
            // The value is never quoted in the error: it may be a secret.
            let mut v = HeaderValue::from_str(value)
                .map_err(|_| format!("header {name:?}: invalid header value"))?;
            // Sensitive: hidden from `Debug` and never indexed by HTTP/2 header compression.
            v.set_sensitive(true);
            // Names are case-insensitive, so `Accept` and `accept` would silently clash.
            if map.insert(n, v).is_some() {
                return Err(format!("header {name:?}: given twice"));
            }
        }
        Ok(HostSettings {
            concurrency,
            headers: map,
        })
    }
}

// Hand-written so that header values (tokens, cookies) never end up in a log: names only.
impl fmt::Debug for HostSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HostSettings")
            .field("concurrency", &self.concurrency)
            .field(
                "headers",
                &self
                    .headers
                    .keys()
                    .map(HeaderName::as_str)
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Whether a `hosts` key names this URL host: equal ignoring ASCII case (keys are meant to
/// be lowercase already). IPv6 hosts match with or without their brackets.
pub(crate) fn host_matches(key: &str, host: &str) -> bool {
    let bare = |h: &str| {
        h.strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(h)
            .to_string()
    };
    bare(key).eq_ignore_ascii_case(&bare(host))
}

impl CheckOptions {
    /// The settings of a URL host (no port), if `hosts` has them.
    pub(crate) fn host_settings(&self, host: &str) -> Option<&HostSettings> {
        // Exact lookup first; the scan only matters for keys not written in lowercase.
        self.hosts.get(host).or_else(|| {
            self.hosts
                .iter()
                .find(|(k, _)| host_matches(k, host))
                .map(|(_, s)| s)
        })
    }

    /// The hosts that receive the token (`host` or `host:port`).
    pub(crate) fn token_hosts(&self) -> Vec<&str> {
        #[cfg(any(test, feature = "test-hooks"))]
        return self.github_hosts.iter().map(String::as_str).collect();
        #[cfg(not(any(test, feature = "test-hooks")))]
        GITHUB_HOSTS.to_vec()
    }

    /// Whether the token may travel over plain http (only the crate's own tests say yes).
    pub(crate) fn token_over_http(&self) -> bool {
        #[cfg(any(test, feature = "test-hooks"))]
        return self.token_over_http;
        #[cfg(not(any(test, feature = "test-hooks")))]
        false
    }

    /// Addresses exempt from the private-address guard (only the crate's own tests have any).
    pub(crate) fn trusted(&self) -> Vec<IpAddr> {
        #[cfg(any(test, feature = "test-hooks"))]
        return self.trusted_addrs.clone();
        #[cfg(not(any(test, feature = "test-hooks")))]
        Vec::new()
    }

    /// The private-address guard these options ask for.
    pub(crate) fn guard(&self) -> super::guard::Guard {
        super::guard::Guard {
            allow_private: self.allow_private,
            trusted: self.trusted(),
        }
    }

    /// A resolver cache for one phase of the run (the check, the API, the fragment pages),
    /// asking the configured resolver (the system's by default) with at most `concurrency`
    /// lookups at once.
    pub(crate) fn resolve_cache(&self, concurrency: usize) -> Arc<super::dns::ResolveCache> {
        let lookup = self
            .resolver
            .clone()
            .unwrap_or_else(|| Arc::new(super::dns::SystemLookup));
        Arc::new(super::dns::ResolveCache::new(
            lookup,
            &self.resolve_overrides,
            concurrency,
        ))
    }

    /// Per-host concurrency overrides, for the scheduler.
    pub(crate) fn host_limits(&self) -> Vec<(String, usize)> {
        self.hosts
            .iter()
            .filter_map(|(k, s)| Some((k.clone(), s.concurrency?)))
            .collect()
    }
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            excludes: Vec::new(),
            accept: Accept::default(),
            max_concurrency: 64,
            host_concurrency: 4,
            timeout: Duration::from_secs(20),
            max_retries: 2,
            allow_private: false,
            github_token: None,
            #[cfg(any(test, feature = "test-hooks"))]
            github_hosts: GITHUB_HOSTS.map(String::from).to_vec(),
            #[cfg(any(test, feature = "test-hooks"))]
            token_over_http: false,
            cache_path: None,
            max_cache_age: Duration::from_secs(24 * 3600),
            strict: false,
            progress: true,
            backoff_base: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(60),
            run_timeout: Duration::from_secs(30 * 60),
            #[cfg(any(test, feature = "test-hooks"))]
            trusted_addrs: Vec::new(),
            resolve_overrides: Vec::new(),
            resolver: None,
            network_lost_after: Duration::from_secs(10),
            hosts: BTreeMap::new(),
            deadline: None,
            check_fragments: false,
            github_api: super::github::DEFAULT_API.into(),
            stale_after: None,
        }
    }
}

// Hand-written so that the token never ends up in a log or a panic message.
impl fmt::Debug for CheckOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckOptions")
            .field(
                "excludes",
                &self.excludes.iter().map(Regex::as_str).collect::<Vec<_>>(),
            )
            .field("accept", &self.accept)
            .field("max_concurrency", &self.max_concurrency)
            .field("host_concurrency", &self.host_concurrency)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("allow_private", &self.allow_private)
            .field(
                "github_token",
                &self.github_token.as_ref().map(|_| "<redacted>"),
            )
            .field("github_hosts", &self.token_hosts())
            .field("cache_path", &self.cache_path)
            .field("max_cache_age", &self.max_cache_age)
            .field("strict", &self.strict)
            .field("check_fragments", &self.check_fragments)
            .field("run_timeout", &self.run_timeout)
            .field(
                "resolver",
                &self.resolver.as_ref().map_or("system", |_| "custom"),
            )
            // `HostSettings`'s own Debug prints header names, never values.
            .field("hosts", &self.hosts)
            .field("github_api", &self.github_api)
            .field("stale_after", &self.stale_after)
            .finish_non_exhaustive()
    }
}

/// HTTP statuses that count as a working link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accept(Vec<RangeInclusive<u16>>);

impl Default for Accept {
    fn default() -> Self {
        Accept(vec![200..=299])
    }
}

impl Accept {
    /// Parses `200..=299,429`, `200..300`, `204`, separated by commas.
    pub fn parse(spec: &str) -> Result<Accept, String> {
        let mut ranges = Vec::new();
        for item in spec.split(',').map(str::trim) {
            if item.is_empty() {
                continue;
            }
            let range = if let Some((a, b)) = item.split_once("..=") {
                status(a)?..=status(b)?
            } else if let Some((a, b)) = item.split_once("..") {
                let end = status(b)?;
                if end == 0 {
                    return Err(format!("empty range {item:?}"));
                }
                status(a)?..=end - 1
            } else {
                let s = status(item)?;
                s..=s
            };
            if range.is_empty() {
                return Err(format!("empty range {item:?}"));
            }
            ranges.push(range);
        }
        if ranges.is_empty() {
            return Err(format!("no status in {spec:?}"));
        }
        Ok(Accept(ranges))
    }

    pub fn contains(&self, status: u16) -> bool {
        self.0.iter().any(|r| r.contains(&status))
    }
}

fn status(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u16>() {
        Ok(s) if (100..=999).contains(&s) => Ok(s),
        _ => Err(format!(
            "{:?} is not an HTTP status (100..=999)",
            text.trim()
        )),
    }
}

/// Parses `1d`, `12h`, `30m`, `3600s` or a bare number of seconds.
pub fn parse_age(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (num, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{text:?} is not an age like 1d, 12h, 30m or 3600s"))?;
    let secs = match unit.trim() {
        "s" => Some(n),
        "m" => n.checked_mul(60),
        "h" => n.checked_mul(3600),
        "d" => n.checked_mul(86_400),
        _ => return Err(format!("{text:?}: unit must be one of d, h, m, s")),
    };
    secs.map(Duration::from_secs)
        .ok_or_else(|| format!("{text:?} is too large"))
}

fn one_line(e: &impl fmt::Display) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        links: LinkArgs,
    }

    #[test]
    fn accept_ranges() {
        let a = Accept::parse("200..=299, 429").unwrap();
        assert!(a.contains(200) && a.contains(299) && a.contains(429));
        assert!(!a.contains(300) && !a.contains(404));
        let b = Accept::parse("200..204").unwrap();
        assert!(b.contains(203) && !b.contains(204));
        assert!(Accept::parse("").is_err());
        assert!(Accept::parse("abc").is_err());
        assert!(Accept::parse("300..=200").is_err());
        assert!(Accept::parse("200..200").is_err());
        assert!(Accept::parse("99").is_err());
        assert!(Accept::parse("1000").is_err());
    }

    #[test]
    fn ages() {
        assert_eq!(parse_age("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_age("12h"), Ok(Duration::from_secs(43_200)));
        assert_eq!(parse_age("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_age("3600s"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_age("90"), Ok(Duration::from_secs(90)));
        assert!(parse_age("1w").is_err());
        assert!(parse_age("d").is_err());
        assert!(parse_age("99999999999999999999d").is_err());
    }

    #[test]
    fn cli_defaults_match_the_issue() {
        let cli = Cli::try_parse_from(["x"]).unwrap();
        let o = cli.links.to_options(Path::new("lists/README.md")).unwrap();
        assert_eq!(o.max_concurrency, 64);
        assert_eq!(o.host_concurrency, 4);
        assert_eq!(o.timeout, Duration::from_secs(20));
        assert_eq!(o.max_retries, 2);
        assert_eq!(o.max_cache_age, Duration::from_secs(86_400));
        assert!(!o.allow_private && !o.strict && o.cache_path.is_none());
        assert_eq!(o.token_hosts(), GITHUB_HOSTS);
    }

    #[test]
    fn cli_flags_parse() {
        let cli = Cli::try_parse_from([
            "x",
            "--exclude",
            "^https://example\\.com",
            "--exclude",
            "twitter",
            "--accept",
            "200..=299,429",
            "--max-concurrency",
            "8",
            "--host-concurrency",
            "2",
            "--timeout",
            "5",
            "--max-retries",
            "0",
            "--allow-private",
            "--github-token",
            "t0k",
            "--cache",
            "--max-cache-age",
            "12h",
            "--strict",
        ])
        .unwrap();
        let o = cli.links.to_options(Path::new("lists/README.md")).unwrap();
        assert_eq!(o.excludes.len(), 2);
        assert!(o.accept.contains(429));
        assert_eq!((o.max_concurrency, o.host_concurrency), (8, 2));
        assert_eq!(o.timeout, Duration::from_secs(5));
        assert_eq!(o.max_retries, 0);
        assert!(o.allow_private && o.strict);
        assert_eq!(o.github_token.as_deref(), Some("t0k"));
        assert_eq!(
            o.cache_path.as_deref(),
            Some(Path::new("lists/.awesome-lint-cache.json"))
        );
        assert_eq!(o.max_cache_age, Duration::from_secs(43_200));
        assert!(
            !format!("{o:?}").contains("t0k"),
            "the token must not be printed"
        );
    }

    #[test]
    fn flags_override_the_file_and_excludes_add_up() {
        let file = LinkSettings {
            exclude: vec!["^https://file".into()],
            timeout: Some(7),
            max_retries: Some(5),
            cache: Some(true),
            strict: Some(true),
            ..LinkSettings::default()
        };
        let cli =
            Cli::try_parse_from(["x", "--timeout", "3", "--exclude", "cli", "--no-cache"]).unwrap();
        let o = cli
            .links
            .to_options_over(Path::new("README.md"), &file)
            .unwrap();
        assert_eq!(o.timeout, Duration::from_secs(3), "flag over file");
        assert_eq!(o.max_retries, 5, "file over default");
        assert_eq!(o.max_concurrency, 64, "default when neither");
        assert!(
            o.cache_path.is_none(),
            "--no-cache over the file's cache = true"
        );
        assert!(o.strict);
        let patterns: Vec<&str> = o.excludes.iter().map(Regex::as_str).collect();
        assert_eq!(patterns, ["^https://file", "cli"]);
    }

    #[test]
    fn cache_beside_a_bare_file_name() {
        let args = LinkArgs {
            cache: true,
            ..LinkArgs::default()
        };
        let o = args.to_options(Path::new("README.md")).unwrap();
        assert_eq!(
            o.cache_path.as_deref(),
            Some(Path::new("./.awesome-lint-cache.json"))
        );
    }

    #[test]
    fn bad_flags_are_one_line_errors() {
        for args in [
            LinkArgs {
                exclude: vec!["(".into()],
                ..LinkArgs::default()
            },
            LinkArgs {
                accept: Some("2xx".into()),
                ..LinkArgs::default()
            },
            LinkArgs {
                max_cache_age: Some("soon".into()),
                ..LinkArgs::default()
            },
            LinkArgs {
                host_concurrency: Some(0),
                ..LinkArgs::default()
            },
            LinkArgs {
                timeout: Some(0),
                ..LinkArgs::default()
            },
        ] {
            let err = args.to_options(Path::new("README.md")).unwrap_err();
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn absurd_numbers_are_usage_errors() {
        for (flag, value) in [
            ("--max-retries", "4294967295"),
            ("--max-retries", "21"),
            ("--max-concurrency", "10000000000"),
            ("--max-concurrency", "0"),
            ("--host-concurrency", "257"),
            ("--timeout", "18446744073709551615"),
            ("--timeout", "0"),
        ] {
            let err = Cli::try_parse_from(["x", flag, value])
                .err()
                .unwrap_or_else(|| panic!("{flag} {value} was accepted"));
            assert_eq!(err.exit_code(), 2, "{flag} {value}");
            let text = err.to_string();
            assert!(
                text.contains(flag) && text.contains("is not in"),
                "{flag} {value}: {text}"
            );
        }
        for (flag, value) in [
            ("--max-retries", "20"),
            ("--max-concurrency", "4096"),
            ("--timeout", "3600"),
        ] {
            assert!(Cli::try_parse_from(["x", flag, value]).is_ok(), "{flag}");
        }
        // The config file's values pass through the same bounds.
        let file = LinkSettings {
            max_retries: Some(u32::MAX),
            ..LinkSettings::default()
        };
        let err = LinkArgs::default()
            .to_options_over(Path::new("README.md"), &file)
            .unwrap_err();
        assert_eq!(
            err,
            "--max-retries 4294967295 is out of range: it must be between 0 and 20"
        );
    }

    #[test]
    fn link_args_debug_redacts_the_token() {
        let cli = Cli::try_parse_from(["x", "--github-token", "ghp_s3cret"]).unwrap();
        let shown = format!("{:?}", cli.links);
        assert!(!shown.contains("ghp_s3cret"), "{shown}");
        assert!(
            shown.contains("github_token: Some(Secret(<redacted>))"),
            "{shown}"
        );
        let o = cli.links.to_options(Path::new("README.md")).unwrap();
        assert_eq!(o.github_token.as_deref(), Some("ghp_s3cret"));
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn host_settings_validate_headers_and_concurrency() {
        let ok =
            HostSettings::new(Some(2), &pairs(&[("Accept", "text/html"), ("X-Key", "k")])).unwrap();
        assert_eq!(ok.concurrency, Some(2));
        assert_eq!(ok.headers["accept"], "text/html");
        assert_eq!(ok.headers.len(), 2);
        assert!(HostSettings::new(None, &[]).unwrap().headers.is_empty());

        let err = |c: Option<usize>, h: &[(&str, &str)]| {
            let e = HostSettings::new(c, &pairs(h)).unwrap_err();
            assert!(!e.contains('\n'), "one line: {e:?}");
            e
        };
        assert_eq!(
            err(None, &[("Bad Name", "x")]),
            r#"header "Bad Name": invalid header name"#
        );
        assert_eq!(err(None, &[("", "x")]), r#"header "": invalid header name"#);
        assert_eq!(
            err(None, &[("X-Token", "s3cret\nInjected: 1")]),
            r#"header "X-Token": invalid header value"#,
            "names the header, never the value"
        );
        assert_eq!(err(Some(0), &[]), "concurrency must be at least 1");
        assert_eq!(
            err(None, &[("Accept", "a"), ("accept", "b")]),
            r#"header "accept": given twice"#
        );
    }

    #[test]
    fn host_matching_is_exact_but_case_insensitive() {
        let o = CheckOptions {
            hosts: BTreeMap::from([
                ("github.com".to_string(), HostSettings::default()),
                ("127.0.0.1".to_string(), HostSettings::default()),
                ("::1".to_string(), HostSettings::default()),
                ("Mixed.Example".to_string(), HostSettings::default()),
            ]),
            ..CheckOptions::default()
        };
        for host in [
            "github.com",
            "GitHub.COM",
            "127.0.0.1",
            "[::1]",
            "mixed.example",
        ] {
            assert!(o.host_settings(host).is_some(), "{host}");
        }
        for host in [
            "api.github.com",
            "www.github.com",
            "github.com.evil.example",
            "github.co",
            "127.0.0.2",
            "[::2]",
        ] {
            assert!(o.host_settings(host).is_none(), "{host}");
        }
    }

    #[test]
    fn host_limits_list_only_overridden_hosts() {
        let o = CheckOptions {
            hosts: BTreeMap::from([
                (
                    "a.example".to_string(),
                    HostSettings::new(Some(1), &[]).unwrap(),
                ),
                (
                    "b.example".to_string(),
                    HostSettings::new(None, &pairs(&[("X", "y")])).unwrap(),
                ),
            ]),
            ..CheckOptions::default()
        };
        assert_eq!(o.host_limits(), [("a.example".to_string(), 1)]);
    }

    #[test]
    fn debug_prints_header_names_not_values() {
        let o = CheckOptions {
            hosts: BTreeMap::from([(
                "github.com".to_string(),
                HostSettings::new(Some(2), &pairs(&[("Authorization", "Bearer hunter2")])).unwrap(),
            )]),
            ..CheckOptions::default()
        };
        let shown = format!("{o:?}");
        assert!(
            shown.contains("github.com") && shown.contains("authorization"),
            "{shown}"
        );
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!format!("{:?}", o.hosts["github.com"]).contains("hunter2"));
    }
}
