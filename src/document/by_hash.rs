//! Items by the hash of a string of theirs, in one pass in the order they come: the slugger's
//! anchors and the word index's acronym strings. Sorting (hash, item) pairs instead cost a
//! fifth of the word index; a map of owned strings, an allocation per item.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

/// A map from a hash to the last item pushed with it, and from each item to the one pushed
/// before it with the same hash. The caller confirms a candidate on its own string: two
/// strings may share a hash.
#[derive(Debug, Clone, Default)]
pub(crate) struct ByHash {
    last: FxHashMap<u64, u32>,
    /// Per push: its item, and the push before it with the same hash.
    entries: Vec<(u32, Option<u32>)>,
}

impl ByHash {
    pub(crate) fn with_capacity(n: usize) -> ByHash {
        ByHash {
            last: FxHashMap::with_capacity_and_hasher(n, FxBuildHasher),
            entries: Vec::with_capacity(n),
        }
    }

    pub(crate) fn push(&mut self, s: &str, item: u32) {
        let i = u32::try_from(self.entries.len()).expect("fewer than 2^32 items");
        let before = self.last.insert(FxBuildHasher.hash_one(s), i);
        self.entries.push((item, before));
    }

    /// The items pushed with `s`'s hash, the last first.
    pub(crate) fn get(&self, s: &str) -> impl Iterator<Item = u32> + '_ {
        let last = self.last.get(&FxBuildHasher.hash_one(s)).copied();
        std::iter::successors(last, |&i| self.entries[i as usize].1)
            .map(|i| self.entries[i as usize].0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_items_pushed_with_the_hash_last_first() {
        let mut index = ByHash::default();
        for (item, s) in ["a", "b", "a", "c", "a"].into_iter().enumerate() {
            index.push(s, item as u32 * 10);
        }
        assert_eq!(index.get("a").collect::<Vec<_>>(), [40, 20, 0]);
        assert_eq!(index.get("c").collect::<Vec<_>>(), [30]);
        assert_eq!(index.get("d").count(), 0);
    }
}
