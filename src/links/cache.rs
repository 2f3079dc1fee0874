//! The persistent cache (`--cache`): `.awesome-lint-cache.json` beside the README.
//!
//! Only `ok` and `redirect` are cached: a link that worked an hour ago very likely still works,
//! while a failure must be confirmed every run (it may have been transient, and the list's
//! maintainers need to see it fixed). Entries older than `--max-cache-age` are ignored and
//! dropped at the next save. A missing or unreadable file is an empty cache, never an error.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::Verdict;

const VERSION: u32 = 1;

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

impl Cache {
    pub fn load(path: &Path, max_age: Duration) -> Cache {
        let entries = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .filter(|f| f.version == VERSION)
            .map(|f| f.entries)
            .unwrap_or_default();
        Cache {
            path: path.to_path_buf(),
            max_age,
            entries,
        }
    }

    /// A fresh entry for this URL, if any.
    pub fn get(&self, key: &str, now: SystemTime) -> Option<&Entry> {
        let e = self.entries.get(key)?;
        let age = unix_secs(now).saturating_sub(e.checked_at);
        (age < self.max_age.as_secs() && is_cacheable(e.status)).then_some(e)
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
    /// interrupted run never leaves a truncated cache behind.
    pub fn save(&self, now: SystemTime) -> std::io::Result<()> {
        let now = unix_secs(now);
        let max = self.max_age.as_secs();
        let file = CacheFile {
            version: VERSION,
            entries: self
                .entries
                .iter()
                .filter(|(_, e)| now.saturating_sub(e.checked_at) < max)
                .map(|(k, e)| (k.clone(), e.clone()))
                .collect(),
        };
        let json = serde_json::to_vec_pretty(&file)?;
        let tmp = self.path.with_extension("json.tmp");
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&json)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &self.path)
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
    fn corrupt_or_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, b"{not json").unwrap();
        assert!(Cache::load(&path, Duration::from_secs(60)).is_empty());
        std::fs::write(&path, br#"{"version": 99, "entries": {}}"#).unwrap();
        assert!(Cache::load(&path, Duration::from_secs(60)).is_empty());
    }
}
