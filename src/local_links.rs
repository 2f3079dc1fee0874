//! Links into the list's own repository, checked on disk: relative paths and image sources
//! (`contributing.md`, `./docs/setup.md#install`, `../LICENSE`, `<img src="media/logo.svg">`)
//! and repository-absolute paths (`/docs/x.md`, which GitHub resolves from the root). No
//! network is involved, so this runs with `--offline` too.
//!
//! - `missing-file`: the path names nothing in the repository, or leaves it. Names are
//!   compared exactly, from directory listings, since GitHub's paths are case-sensitive even
//!   when the local filesystem is not; a name that exists in another case, or in another
//!   folder, is suggested.
//! - `broken-anchor`: a `#fragment` into another Markdown file of the repository that names
//!   none of its headings or HTML anchors (the same slugger as for in-document links).
//! - `missing-scheme`: a web address written without `https://` (`www.example.com`,
//!   `example.org/talk.pptx`), which GitHub resolves as a path in the repository.
//!
//! Outside a git repository (a lone copy of a list, a README being drafted) the repository
//! root is unknown, and the files a relative link points at are most likely simply absent:
//! such links are not checked at all rather than guessed at (`unchecked` counts them, for
//! the run's note). `missing-scheme` needs no repository and still runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::toc::{local_fragment, percent_decode};
use crate::document::{Document, Link, LinkKind};

pub const MISSING_FILE: &str = "missing-file";
pub const MISSING_SCHEME: &str = "missing-scheme";
/// Cross-file fragments are reported under the in-document rule's id: the same mistake.
const BROKEN_ANCHOR: &str = "broken-anchor";

/// A rule of this module, for the catalog.
pub struct LocalRule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    pub explanation: &'static str,
}

pub const RULES: &[LocalRule] = &[
    LocalRule {
        id: MISSING_FILE,
        severity: Severity::Error,
        summary: "A relative link or image source whose file is not in the repository.",
        explanation: "Relative links and image sources (`contributing.md`, `./docs/setup.md`, \
             `media/logo.svg`, `/docs/x.md` from the repository root) are resolved against the \
             linted file's folder and looked up on disk, also with --offline. GitHub's paths \
             are case-sensitive, so `Contributing.md` does not reach `contributing.md` even \
             where the local filesystem would open it; the help names the file in its real \
             case, or the folder where a file of that name lives. A link that climbs out of \
             the repository (`../../x`) is reported too: GitHub cannot show it (the \
             repository's own GitHub pages, such as `../../issues` from the root, are fine). A query string \
             is ignored, percent-escapes are decoded, and a link to an existing folder is \
             fine. Outside a git repository the root is unknown and these links are not \
             checked (a note says so).",
    },
    LocalRule {
        id: MISSING_SCHEME,
        severity: Severity::Error,
        summary: "A web address written without `https://`, which GitHub treats as a file path.",
        explanation: "`[Site](www.example.com)` or `[Slides](example.org/talk.pptx)` has no \
             scheme, so GitHub resolves it as a path inside the repository and readers get a \
             404. Reported when the address starts with `www.` or its first part ends in a \
             common top-level domain (`.com`, `.org`, `.io`…, not file extensions such as \
             `.md`), and no file or folder of that name exists beside the linted file. The \
             fix adds `https://`.",
    },
];

/// Where the linted file lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The linted file, absolute.
    pub file: PathBuf,
    /// Its folder: relative links start here.
    pub dir: PathBuf,
    /// The root of the git repository holding it; `None`: not in one.
    pub root: Option<PathBuf>,
}

impl Place {
    /// The place of the file at `path`; `None` when it cannot be made absolute.
    pub fn of(path: &Path) -> Option<Place> {
        let file = crate::input::absolute(path).ok()?;
        let dir = file.parent()?.to_path_buf();
        let root = crate::input::repository_root(&dir).map(Path::to_path_buf);
        Some(Place { file, dir, root })
    }
}

/// The findings of every local link of `doc`, in document order.
pub fn check(doc: &Document, place: &Place) -> Vec<Diagnostic> {
    let mut tree = Tree::default();
    let mut out = Vec::new();
    for link in written_destinations(doc) {
        let url = doc.url_of(link).trim();
        let Some(dest) = Destination::parse(url) else {
            continue;
        };
        if looks_like_web_address(dest.path) && !place.dir.join(first_segment(dest.path)).exists() {
            out.push(missing_scheme(doc, link, url));
            continue;
        }
        let Some(root) = &place.root else {
            continue;
        };
        if let Some(d) = check_path(doc, link, &dest, place, root, &mut tree) {
            out.push(d);
        }
    }
    out
}

/// How many local links of `doc` go unchecked because `place` is in no repository.
pub fn unchecked(doc: &Document, place: &Place) -> usize {
    if place.root.is_some() {
        return 0;
    }
    written_destinations(doc)
        .filter_map(|l| Destination::parse(doc.url_of(l).trim()))
        .filter(|d| !looks_like_web_address(d.path))
        .count()
}

/// Every place a destination is written: a reference link's use carries its definition's
/// URL, so the definition stands for all its uses (and is where a fix goes).
fn written_destinations(doc: &Document) -> impl Iterator<Item = &Link> {
    doc.links.iter().filter(|l| l.kind != LinkKind::Reference)
}

/// A destination that is a path into the repository, split into its parts.
#[derive(Debug, PartialEq, Eq)]
struct Destination<'a> {
    /// Still percent-encoded.
    path: &'a str,
    fragment: Option<&'a str>,
}

impl<'a> Destination<'a> {
    /// `None` for what is not a repository path: absolute URLs (any scheme), `//host/…`,
    /// in-document anchors (`#x`, `README.md#x`: `broken-anchor` judges those), empty links.
    fn parse(url: &'a str) -> Option<Destination<'a>> {
        if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(url) {
            return None;
        }
        if local_fragment(url).is_some() {
            return None;
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (url, None),
        };
        let path = rest.split_once('?').map_or(rest, |(path, _)| path);
        (!path.is_empty()).then_some(Destination { path, fragment })
    }
}

/// `scheme:` as RFC 3986 spells it (`https:`, `mailto:`, `data:`).
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn first_segment(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

/// Top-level domains common in lists' links. Country codes that are also common file
/// extensions (`.md`, `.rs`, `.py`, `.sh`, `.pl`, `.so`, `.cc`, `.ml`, `.pm`, `.ps`, `.mk`,
/// `.do`, `.am`) and the new ones named like file types (`.zip`, `.mov`, `.app`) are left
/// out: `README.md` is a file, not a Moldovan site.
const TLDS: &[&str] = &[
    "com", "org", "net", "io", "dev", "edu", "gov", "mil", "int", "info", "biz", "xyz", "ai", "me",
    "tech", "site", "online", "blog", "page", "cloud", "news", "wiki", "tv", "to", "ly", "gl",
    "gg", "fm", "co", "uk", "de", "fr", "jp", "cn", "ru", "eu", "ca", "au", "nl", "it", "es", "br",
    "in", "ch", "se", "no", "fi", "dk", "be", "at", "cz", "kr", "tw", "hk", "sg", "nz", "ie", "il",
    "ar", "mx", "us", "ua", "za", "gr", "pt", "hu", "ro", "tr", "vn", "id", "ir",
];

/// A web address without a scheme: its first segment is a host name that starts with
/// `www.` or ends in one of `TLDS`.
fn looks_like_web_address(path: &str) -> bool {
    let host = first_segment(path);
    let labels: Vec<&str> = host.split('.').collect();
    let valid = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !valid {
        return false;
    }
    let tld = labels[labels.len() - 1];
    (labels[0].eq_ignore_ascii_case("www") && labels.len() >= 3)
        || TLDS.iter().any(|t| t.eq_ignore_ascii_case(tld))
}

fn missing_scheme(doc: &Document, link: &Link, url: &str) -> Diagnostic {
    let d = Diagnostic::new(
        MISSING_SCHEME,
        Severity::Error,
        link.span.clone(),
        format!(
            "`{url}` has no scheme: GitHub resolves it as a path in the repository, not as a \
             web address"
        ),
    )
    .with_help(format!("Write the full address: https://{url}"));
    match url_span(doc, link, url) {
        Some(span) => d.with_edit(span, format!("https://{url}")),
        None => d,
    }
}

/// Where `url` is written inside the link: the last place it stands right after what opens a
/// destination (`(`, `<`, a quote, `=`, a space). `None` when it is written with escapes or
/// entities (then it is not found as it is) and no fix is offered.
fn url_span(doc: &Document, link: &Link, url: &str) -> Option<std::ops::Range<usize>> {
    let text = doc.source.get(link.span.clone())?;
    let at = text
        .match_indices(url)
        .map(|(i, _)| i)
        .filter(|&i| {
            matches!(
                text[..i].chars().last(),
                Some('(' | '<' | '"' | '\'' | '=' | ' ' | '\t')
            )
        })
        .last()?;
    let after = text[at + url.len()..].chars().next();
    if after.is_some_and(|c| !matches!(c, ')' | '>' | '"' | '\'' | ' ' | '\t' | '\n' | '\r')) {
        return None;
    }
    Some(link.span.start + at..link.span.start + at + url.len())
}

/// What a resolved path leads to.
#[derive(Debug, PartialEq, Eq)]
enum Resolution {
    /// Above the repository root: how many levels, and the segments below that point.
    Outside { above: usize, rest: Vec<String> },
    /// Path segments from the root.
    Inside(Vec<String>),
}

/// The pages of a repository on GitHub. GitHub shows a file at `/OWNER/REPO/blob/BRANCH/PATH`,
/// so from the root `../../issues` is the repository's issues page: a common way to link
/// to it that works on any fork, and nothing the disk can tell about.
const REPOSITORY_PAGES: &[&str] = &[
    "issues",
    "pulls",
    "wiki",
    "releases",
    "tags",
    "branches",
    "actions",
    "discussions",
    "projects",
    "security",
    "pulse",
    "graphs",
    "network",
    "stargazers",
    "watchers",
    "forks",
    "commits",
    "commit",
    "compare",
    "milestones",
    "labels",
    "tree",
    "blob",
    "raw",
    "archive",
    "packages",
];

impl Resolution {
    /// A link to one of the repository's GitHub pages (see `REPOSITORY_PAGES`).
    fn is_repository_page(&self) -> bool {
        match self {
            Resolution::Outside { above: 2, rest } => rest
                .first()
                .is_some_and(|page| REPOSITORY_PAGES.contains(&page.as_str())),
            _ => false,
        }
    }
}

/// `path` (percent-decoded) from `dir`, `..` and `.` applied; `/…` starts at the root, as on
/// GitHub.
fn resolve(path: &str, dir_from_root: &[String]) -> Resolution {
    let decoded = percent_decode(path);
    let mut parts: Vec<String> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        dir_from_root.to_vec()
    };
    let mut above = 0;
    let mut rest: Vec<String> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." if above > 0 => {
                if rest.pop().is_none() {
                    above += 1;
                }
            }
            ".." => {
                if parts.pop().is_none() {
                    above = 1;
                }
            }
            name if above > 0 => rest.push(name.to_string()),
            name => parts.push(name.to_string()),
        }
    }
    if above > 0 {
        Resolution::Outside { above, rest }
    } else {
        Resolution::Inside(parts)
    }
}

fn check_path(
    doc: &Document,
    link: &Link,
    dest: &Destination,
    place: &Place,
    root: &Path,
    tree: &mut Tree,
) -> Option<Diagnostic> {
    let written = doc.url_of(link).trim();
    let dir_from_root: Vec<String> = place
        .dir
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let parts = match resolve(dest.path, &dir_from_root) {
        page if page.is_repository_page() => return None,
        Resolution::Outside { .. } => {
            return Some(
                Diagnostic::new(
                    MISSING_FILE,
                    Severity::Error,
                    link.span.clone(),
                    format!("`{written}` leads outside the repository"),
                )
                .with_help(
                    "GitHub shows only the repository's own files: link to a file inside it, or \
                     to the other file's full URL.",
                ),
            );
        }
        Resolution::Inside(parts) => parts,
    };
    match tree.lookup(root, &parts) {
        Lookup::Found { is_dir } => {
            let fragment = dest.fragment.filter(|f| !f.is_empty())?;
            if is_dir || !is_markdown(parts.last()?) {
                return None;
            }
            let file = parts.iter().fold(root.to_path_buf(), |p, s| p.join(s));
            broken_fragment(doc, link, &file, fragment, place, tree)
        }
        Lookup::OtherCase(actual) => {
            let suggestion = relative_from(&dir_from_root, &actual, dest.path.starts_with('/'));
            Some(
                Diagnostic::new(
                    MISSING_FILE,
                    Severity::Error,
                    link.span.clone(),
                    format!(
                        "`{written}` does not exist: GitHub's paths are case-sensitive, and the \
                         file is `{}`",
                        actual.join("/")
                    ),
                )
                .with_help(format!("did you mean `{suggestion}`?")),
            )
        }
        Lookup::Missing => {
            let name = parts.last()?;
            let help = match tree.elsewhere(root, name) {
                Some(other) => format!(
                    "did you mean `{}`?",
                    relative_from(&dir_from_root, &other, false)
                ),
                None => "Fix the path (it is resolved against this file's folder), or add the \
                         file."
                    .to_string(),
            };
            Some(
                Diagnostic::new(
                    MISSING_FILE,
                    Severity::Error,
                    link.span.clone(),
                    format!("`{written}` does not exist in the repository"),
                )
                .with_help(help),
            )
        }
    }
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn broken_fragment(
    doc: &Document,
    link: &Link,
    file: &Path,
    fragment: &str,
    place: &Place,
    tree: &mut Tree,
) -> Option<Diagnostic> {
    let decoded = percent_decode(fragment);
    let target = if file == place.file {
        doc
    } else {
        tree.document(file)?
    };
    if target.has_anchor(&decoded) {
        return None;
    }
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // One matcher per broken cross-file anchor: these are few, and the target file's
    // matcher cannot outlive the borrow of `tree` that holds its document.
    let mut matcher = crate::rules::HeadingMatcher::new(target);
    let help = match crate::rules::closest_heading(&mut matcher, &decoded) {
        Some(h) => format!(
            "did you mean `#{}` (heading `{}` on line {} of {name})?",
            target.slug_of(&target.headings[h]),
            target.headings[h].text,
            target.position(target.headings[h].span.start).line
        ),
        None => format!("point the link at one of the headings of {name}, or add the section"),
    };
    Some(
        Diagnostic::new(
            BROKEN_ANCHOR,
            Severity::Error,
            link.span.clone(),
            format!(
                "link to `{}` reaches no heading or anchor in {name}",
                doc.url_of(link).trim()
            ),
        )
        .with_help(help),
    )
}

/// `target` (segments from the root) as a link written in `dir` would name it.
fn relative_from(dir: &[String], target: &[String], from_root: bool) -> String {
    if from_root {
        return format!("/{}", target.join("/"));
    }
    let common = dir.iter().zip(target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; dir.len() - common];
    parts.extend(target[common..].iter().map(String::as_str));
    parts.join("/")
}

enum Lookup {
    Found {
        is_dir: bool,
    },
    /// The path exists with other letter case; its real segments.
    OtherCase(Vec<String>),
    Missing,
}

/// What was read of the repository during one check: folder listings, the names of every
/// file (only built when a file is missing) and parsed Markdown targets.
#[derive(Default)]
struct Tree {
    listings: HashMap<PathBuf, Option<Vec<(String, bool)>>>,
    names: Option<HashMap<String, Vec<Vec<String>>>>,
    documents: HashMap<PathBuf, Option<Document>>,
}

/// Folders not searched for a misplaced file: they hold no pages of the list.
const SKIPPED_FOLDERS: &[&str] = &[".git", "node_modules", "target", "vendor"];
/// Entries read at most when looking for a misplaced file, so a huge repository stays quick.
const MAX_ENTRIES: usize = 50_000;

impl Tree {
    /// The names in `dir` (folders marked), from the listing rather than a lookup: a
    /// case-insensitive filesystem would find `README.md` for `readme.md`.
    fn listing(&mut self, dir: &Path) -> Option<&Vec<(String, bool)>> {
        self.listings
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                let entries = std::fs::read_dir(dir).ok()?;
                Some(
                    entries
                        .filter_map(Result::ok)
                        .map(|e| {
                            // `metadata` follows symlinks: a link to a folder is a folder.
                            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
                            (e.file_name().to_string_lossy().into_owned(), is_dir)
                        })
                        .collect(),
                )
            })
            .as_ref()
    }

    fn lookup(&mut self, root: &Path, parts: &[String]) -> Lookup {
        let mut dir = root.to_path_buf();
        let mut actual = Vec::with_capacity(parts.len());
        let mut is_dir = true;
        for part in parts {
            if !is_dir {
                return Lookup::Missing;
            }
            let Some(listing) = self.listing(&dir) else {
                return Lookup::Missing;
            };
            let found = listing.iter().find(|(name, _)| name == part).or_else(|| {
                let lower = part.to_lowercase();
                listing
                    .iter()
                    .find(|(name, _)| name.to_lowercase() == lower)
            });
            let Some((name, folder)) = found else {
                return Lookup::Missing;
            };
            is_dir = *folder;
            dir.push(name);
            actual.push(name.clone());
        }
        if actual == parts {
            Lookup::Found { is_dir }
        } else {
            Lookup::OtherCase(actual)
        }
    }

    /// Another file named `name` (any case) in the repository: the shortest path, then the
    /// first in byte order, so the pick never depends on directory order.
    fn elsewhere(&mut self, root: &Path, name: &str) -> Option<Vec<String>> {
        let names = self.names.get_or_insert_with(|| index_names(root));
        names
            .get(&name.to_lowercase())?
            .iter()
            .min_by(|a, b| (a.len(), *a).cmp(&(b.len(), *b)))
            .cloned()
    }

    fn document(&mut self, file: &Path) -> Option<&Document> {
        self.documents
            .entry(file.to_path_buf())
            .or_insert_with(|| crate::input::read_markdown(file).ok().map(Document::parse))
            .as_ref()
    }
}

/// Lowercased file and folder name → every path (segments from `root`) that carries it.
fn index_names(root: &Path) -> HashMap<String, Vec<Vec<String>>> {
    let mut names: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut stack = vec![(root.to_path_buf(), Vec::<String>::new())];
    let mut seen = 0;
    while let Some((dir, prefix)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            seen += 1;
            if seen > MAX_ENTRIES {
                return names;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let mut path = prefix.clone();
            path.push(name.clone());
            // `file_type` does not follow symlinks, so a link to a parent cannot loop.
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && !SKIPPED_FOLDERS.contains(&name.as_str()) {
                stack.push((entry.path(), path.clone()));
            }
            names.entry(name.to_lowercase()).or_default().push(path);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_found_from_the_path_without_dot_dot() {
        let outer = tempfile::tempdir().unwrap();
        let repo = outer.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(outer.path().join("lone")).unwrap();
        let place = Place::of(&repo.join("../lone/./list.md")).unwrap();
        assert_eq!(place.root, None);
        assert_eq!(place.dir, outer.path().join("lone"));
        let place = Place::of(&repo.join("sub/../README.md")).unwrap();
        assert_eq!(place.root.as_deref(), Some(repo.as_path()));
        assert_eq!(place.file, repo.join("README.md"));
    }

    #[test]
    fn destinations_are_repository_paths_only() {
        let parse = |u| Destination::parse(u).map(|d| (d.path, d.fragment));
        assert_eq!(parse("docs/a.md"), Some(("docs/a.md", None)));
        assert_eq!(
            parse("./docs/setup.md?plain=1#install"),
            Some(("./docs/setup.md", Some("install")))
        );
        assert_eq!(parse("/docs/x.md"), Some(("/docs/x.md", None)));
        for skipped in [
            "https://a.b/c",
            "mailto:x@y.z",
            "data:image/png;base64,AA",
            "//cdn.example.com/x.js",
            "#top",
            "README.md#top",
            "./#top",
            "",
            "?tab=readme",
        ] {
            assert_eq!(parse(skipped), None, "{skipped}");
        }
    }

    #[test]
    fn web_addresses_without_scheme_are_told_from_files() {
        for address in [
            "www.example.com",
            "example.org/talk.pptx",
            "crates.io/crates/serde",
            "WWW.Example.COM/x",
            "huggingface.co",
        ] {
            assert!(looks_like_web_address(address), "{address}");
        }
        for file in [
            "README.md",
            "CONTRIBUTING.md",
            "docs/v1.2/file.md",
            "image.png",
            "setup.py",
            "main.rs",
            "package.json",
            "v1.2",
            "www.md",
            "-bad.com",
            "a..com",
            "index.html",
        ] {
            assert!(!looks_like_web_address(file), "{file}");
        }
    }

    #[test]
    fn paths_resolve_from_the_folder_or_the_root() {
        let dir = ["docs".to_string()];
        let inside = |v: &[&str]| Resolution::Inside(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(resolve("a.md", &dir), inside(&["docs", "a.md"]));
        assert_eq!(resolve("../LICENSE", &dir), inside(&["LICENSE"]));
        assert_eq!(resolve("/x/./y.md", &dir), inside(&["x", "y.md"]));
        assert_eq!(resolve("my%20file.md", &[]), inside(&["my file.md"]));
        let outside = |above, v: &[&str]| Resolution::Outside {
            above,
            rest: v.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(resolve("../../x", &dir), outside(1, &["x"]));
        assert_eq!(resolve("../LICENSE", &[]), outside(1, &["LICENSE"]));
        assert_eq!(resolve("../../a/../../b", &[]), outside(3, &["b"]));
    }

    #[test]
    fn the_repository_pages_on_github_are_not_files() {
        let dir = ["docs".to_string()];
        for page in ["../../issues", "../../wiki/Home", "../../../pulls"] {
            let from = if page.starts_with("../../../") {
                &dir[..]
            } else {
                &[]
            };
            assert!(resolve(page, from).is_repository_page(), "{page}");
        }
        for other in ["../issues", "../../../issues", "../../x", "issues"] {
            assert!(!resolve(other, &[]).is_repository_page(), "{other}");
        }
    }

    #[test]
    fn suggestions_are_written_from_the_linking_folder() {
        let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            relative_from(&s(&["a"]), &s(&["b", "x.md"]), false),
            "../b/x.md"
        );
        assert_eq!(relative_from(&s(&[]), &s(&["b", "x.md"]), false), "b/x.md");
        assert_eq!(relative_from(&s(&["a"]), &s(&["a", "X.md"]), false), "X.md");
        assert_eq!(
            relative_from(&s(&["a"]), &s(&["b", "X.md"]), true),
            "/b/X.md"
        );
    }
}
