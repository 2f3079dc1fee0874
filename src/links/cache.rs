//! The persistent cache (`--cache`): `.awesome-lint-cache.json` beside the README.
//!
//! Only `ok` and `redirect` are cached: a link that worked an hour ago very likely still works,
//! while a failure must be confirmed every run (it may have been transient, and the list's
//! maintainers need to see it fixed). Entries older than `--max-cache-age`, or dated in the
//! future (a committed file must not vouch for a link forever), are ignored and dropped at the
//! next save. A missing or unreadable file is an empty cache, never an error; a file that does
//! not parse or is larger than `MAX_FILE_SIZE` is ignored with one note on stderr.

use std::collections::{BTreeMap, HashSet};
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::Verdict;

const VERSION: u32 = 1;

/// A larger file is ignored: a cache of 100,000 links is about 20 MiB less than this, so
/// only a mistake or a planted file reaches it.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub status: Verdict,
    pub http_status: Option<u16>,
    pub redirect_to: Option<String>,
    pub detail: String,
    /// Seconds since the Unix epoch.
    pub checked_at: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    max_age: Duration,
    entries: BTreeMap<String, Entry>,
}

pub fn unix_secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub fn is_cacheable(v: Verdict) -> bool {
    matches!(v, Verdict::Ok | Verdict::Redirect)
}

/// Checked less than `max_age` ago, and not in the future: a date ahead of the clock cannot
/// be trusted (age 0 forever), so it counts as expired.
fn is_fresh(e: &Entry, now: u64, max_age: Duration) -> bool {
    e.checked_at <= now && now - e.checked_at < max_age.as_secs()
}

/// The entries of the file at `path`; missing or unreadable is an empty cache, `Err` says why
/// a file that is there was ignored.
fn read(path: &Path) -> Result<BTreeMap<String, Entry>, String> {
    let Ok(f) = std::fs::File::open(path) else {
        return Ok(BTreeMap::new());
    };
    let mut bytes = Vec::new();
    // One byte more than allowed tells a file at the limit from a larger one, without
    // reading a huge (or endless) file.
    if f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes).is_err() {
        return Ok(BTreeMap::new());
    }
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!("larger than {} MiB", MAX_FILE_SIZE >> 20));
    }
    let file: CacheFile =
        serde_json::from_slice(&bytes).map_err(|e| format!("not a link cache ({e})"))?;
    // Another version's file is not ours to read; it is replaced at the next save.
    Ok(if file.version == VERSION {
        file.entries
    } else {
        BTreeMap::new()
    })
}

/// Says on stderr, once per path in this process, that the cache at `path` was ignored.
fn note_once(path: &Path, why: &str) {
    static NOTED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let mut noted = NOTED.lock().unwrap_or_else(|p| p.into_inner());
    if noted
        .get_or_insert_with(HashSet::new)
        .insert(path.to_path_buf())
    {
        eprintln!(
            "note: ignoring the link cache {}: {why}; it will be rewritten",
            path.display()
        );
    }
}

/// A new temporary file beside `path`, opened with `create_new` (never an existing file or
/// symlink); a name already taken is skipped.
fn create_temp(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "cache".into());
    let mut last = None;
    for n in 0..100u32 {
        let tmp = path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

impl Cache {
    /// Loads the cache at `path`; a file that is ignored is said once per path and process
    /// on stderr.
    pub fn load(path: &Path, max_age: Duration) -> Cache {
        let entries = match read(path) {
            Ok(entries) => entries,
            Err(why) => {
                note_once(path, &why);
                BTreeMap::new()
            }
        };
        Cache {
            path: path.to_path_buf(),
            max_age,
            entries,
        }
    }

    /// A fresh entry for this URL, if any.
    pub fn get(&self, key: &str, now: SystemTime) -> Option<&Entry> {
        let e = self.entries.get(key)?;
        (is_fresh(e, unix_secs(now), self.max_age) && is_cacheable(e.status)).then_some(e)
    }

    /// Records a result; failures remove any older entry for the URL.
    pub fn put(&mut self, key: &str, entry: Entry) {
        if is_cacheable(entry.status) {
            self.entries.insert(key.to_string(), entry);
        } else {
            self.entries.remove(key);
        }
    }

    /// Writes the fresh entries atomically (temporary file, then rename), so that an
    /// interrupted run never leaves a truncated cache behind. The temporary file is new
    /// (`create_new`: a file or symlink already there is never opened, so a link planted in
    /// the repository cannot redirect the write) and in the cache's folder, so that the
    /// rename replaces the cache itself (a symlink in its place included) and nothing else.
    pub fn save(&self, now: SystemTime) -> std::io::Result<()> {
        let now = unix_secs(now);
        let file = CacheFile {
            version: VERSION,
            entries: self
                .entries
                .iter()
                .filter(|(_, e)| is_fresh(e, now, self.max_age))
                .map(|(k, e)| (k.clone(), e.clone()))
                .collect(),
        };
        let mut json = serde_json::to_vec_pretty(&file)?;
        json.push(b'\n');
        let (tmp, mut f) = create_temp(&self.path)?;
        let written = f
            .write_all(&json)
            .and_then(|()| f.sync_all())
            .and_then(|()| std::fs::rename(&tmp, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: Verdict, checked_at: u64) -> Entry {
        Entry {
            status,
            http_status: Some(200),
            redirect_to: None,
            detail: "200 OK".into(),
            checked_at,
        }
    }

    #[test]
    fn round_trip_expiry_and_failures() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".awesome-lint-cache.json");
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let day = Duration::from_secs(86_400);

        let mut c = Cache::load(&path, day);
        assert!(c.is_empty(), "a missing file is an empty cache");
        c.put("https://a/", entry(Verdict::Ok, unix_secs(t0)));
        c.put("https://r/", entry(Verdict::Redirect, unix_secs(t0)));
        c.put("https://d/", entry(Verdict::Dead, unix_secs(t0)));
        c.put(
            "https://old/",
            entry(Verdict::Ok, unix_secs(t0) - 2 * 86_400),
        );
        assert_eq!(c.len(), 3, "dead is not cached");
        c.save(t0).unwrap();

        let c = Cache::load(&path, day);
        assert_eq!(c.len(), 2, "the expired entry was dropped on save");
        assert!(c.get("https://a/", t0).is_some());
        assert!(c.get("https://r/", t0).is_some());
        assert!(
            c.get("https://a/", t0 + day).is_none(),
            "expired after max age"
        );

        let mut c = c;
        c.put("https://a/", entry(Verdict::Timeout, unix_secs(t0)));
        assert!(
            c.get("https://a/", t0).is_none(),
            "a failure evicts the old success"
        );
    }

    #[test]
    fn an_entry_dated_in_the_future_is_expired() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".awesome-lint-cache.json");
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let mut c = Cache::load(&path, Duration::from_secs(86_400));
        c.put("https://future/", entry(Verdict::Ok, 1_000_001));
        c.put("https://far-future/", entry(Verdict::Ok, u64::MAX));
        c.put("https://now/", entry(Verdict::Ok, 1_000_000));
        assert!(c.get("https://future/", now).is_none());
        assert!(c.get("https://far-future/", now).is_none());
        assert!(c.get("https://now/", now).is_some());
        c.save(now).unwrap();
        assert_eq!(
            Cache::load(&path, Duration::from_secs(86_400)).len(),
            1,
            "future entries are dropped on save"
        );
    }

    #[test]
    fn a_file_over_the_size_bound_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        let t0 = SystemTime::now();
        let mut c = Cache::load(&path, Duration::from_secs(60));
        c.put("https://a/", entry(Verdict::Ok, unix_secs(t0)));
        c.save(t0).unwrap();
        // Valid JSON, padded with whitespace past the bound.
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.resize(MAX_FILE_SIZE as usize + 1, b' ');
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(read(&path).unwrap_err(), "larger than 16 MiB");
        assert!(Cache::load(&path, Duration::from_secs(60)).is_empty());
        bytes.truncate(MAX_FILE_SIZE as usize);
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(
            Cache::load(&path, Duration::from_secs(60)).len(),
            1,
            "at the bound"
        );
    }

    #[cfg(unix)]
    #[test]
    fn saving_never_writes_through_a_planted_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let path = dir.path().join(".awesome-lint-cache.json");
        // Links at the old fixed temporary name and at the cache itself.
        std::os::unix::fs::symlink(&victim, path.with_extension("json.tmp")).unwrap();
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        let t0 = SystemTime::now();
        let mut c = Cache::load(&path, Duration::from_secs(60));
        c.put("https://a/", entry(Verdict::Ok, unix_secs(t0)));
        c.save(t0).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_symlink());
        assert_eq!(Cache::load(&path, Duration::from_secs(60)).len(), 1);
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp") && n != ".awesome-lint-cache.json.tmp")
            .collect();
        assert!(left.is_empty(), "no temporary file left: {left:?}");
    }

    #[test]
    fn corrupt_or_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, b"{not json").unwrap();
        assert!(Cache::load(&path, Duration::from_secs(60)).is_empty());
        assert!(read(&path).unwrap_err().starts_with("not a link cache"));
        std::fs::write(&path, br#"{"version": 99, "entries": {}}"#).unwrap();
        assert!(Cache::load(&path, Duration::from_secs(60)).is_empty());
    }
}
