//! Is the network the problem? Every request of a run reports whether it reached its host;
//! `Watch` concludes from those reports, as a pure state machine (the clock comes in as an
//! argument), when the run must stop and call its links unchecked rather than broken.
//!
//! - **Unavailable**: no host was reached at all, and every host of the run has had its first
//!   try, at least two of them failing at the network level (DNS failure of any kind, or no
//!   connection). Checked when each host's first try ends, so a run without network stops
//!   after one round of lookups, and once more at the end of the run.
//! - **Lost**: the run had reached hosts, then for `lost_after` nothing was reached while
//!   requests to at least two hosts failed at the network level, one of them a host that had
//!   answered before. The last condition keeps dead servers (refused connections, names that
//!   no longer exist) at the tail of a run from passing for a lost connection: they never
//!   answered; a dropped connection makes hosts that worked fail.

use std::collections::HashSet;
use std::time::{Duration, Instant};

/// How one request went, as far as the network is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// A connection to the host was made (an answer, a TLS error, a timeout after connecting…).
    Reached,
    /// The name did not resolve, or no connection could be made (refused, unreachable,
    /// connect timeout).
    Unreached,
    /// No network contact (a refused private address…): says nothing either way.
    Neutral,
}

/// Why the run's links were not (all) checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkProblemKind {
    /// No host could be resolved or reached.
    Unavailable,
    /// The connection was lost during the run.
    Lost,
}

pub struct Watch {
    /// The run's hosts whose first request has not ended yet.
    pending: HashSet<String>,
    /// Hosts with a request that failed at the network level.
    unreached: HashSet<String>,
    /// Hosts with a request that reached them.
    reached: HashSet<String>,
    /// Since the last reached request: when the first network failure came, and on which hosts.
    streak: Option<(Instant, HashSet<String>)>,
    lost_after: Duration,
    concluded: Option<NetworkProblemKind>,
}

impl Watch {
    /// `hosts`: the host names the run will request (lowercase).
    pub fn new(hosts: impl IntoIterator<Item = String>, lost_after: Duration) -> Self {
        Watch {
            pending: hosts.into_iter().collect(),
            unreached: HashSet::new(),
            reached: HashSet::new(),
            streak: None,
            lost_after,
            concluded: None,
        }
    }

    /// Records one request; returns the conclusion when this report makes it.
    pub fn record(&mut self, host: &str, reach: Reach, now: Instant) -> Option<NetworkProblemKind> {
        if self.concluded.is_some() {
            return None;
        }
        self.pending.remove(host);
        match reach {
            Reach::Reached => {
                self.reached.insert(host.to_string());
                self.streak = None;
            }
            Reach::Unreached => {
                self.unreached.insert(host.to_string());
                if !self.reached.is_empty() {
                    let (since, hosts) = self.streak.get_or_insert_with(|| (now, HashSet::new()));
                    hosts.insert(host.to_string());
                    if now.duration_since(*since) >= self.lost_after
                        && hosts.len() >= 2
                        && hosts.iter().any(|h| self.reached.contains(h))
                    {
                        self.concluded = Some(NetworkProblemKind::Lost);
                        return self.concluded;
                    }
                }
            }
            Reach::Neutral => {}
        }
        if self.pending.is_empty() && self.none_reached() {
            self.concluded = Some(NetworkProblemKind::Unavailable);
        }
        self.concluded
    }

    /// The end of the run: the first rule once more, whether or not every host was tried.
    pub fn finish(&mut self) -> Option<NetworkProblemKind> {
        if self.concluded.is_none() && self.none_reached() {
            self.concluded = Some(NetworkProblemKind::Unavailable);
        }
        self.concluded
    }

    fn none_reached(&self) -> bool {
        self.reached.is_empty() && self.unreached.len() >= 2
    }

    pub fn concluded(&self) -> Option<NetworkProblemKind> {
        self.concluded
    }

    /// Whether any host was reached in this run.
    pub fn reached_any(&self) -> bool {
        !self.reached.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NetworkProblemKind::*;
    use Reach::*;

    fn watch(hosts: &[&str]) -> Watch {
        Watch::new(hosts.iter().map(|h| h.to_string()), Duration::from_secs(10))
    }

    #[test]
    fn unavailable_once_every_host_failed_its_first_try() {
        let t = Instant::now();
        let mut w = watch(&["a", "b", "c"]);
        assert_eq!(w.record("a", Unreached, t), None);
        assert_eq!(w.record("a", Unreached, t), None, "b and c not tried yet");
        assert_eq!(w.record("b", Unreached, t), None);
        assert_eq!(w.record("c", Unreached, t), Some(Unavailable));
        assert_eq!(w.concluded(), Some(Unavailable));
        assert_eq!(w.record("c", Reached, t), None, "concluded once");
        assert_eq!(w.finish(), Some(Unavailable));
    }

    #[test]
    fn one_reached_host_means_the_network_works() {
        let t = Instant::now();
        let mut w = watch(&["a", "b", "c"]);
        w.record("a", Unreached, t);
        w.record("b", Reached, t);
        assert_eq!(w.record("c", Unreached, t), None);
        assert_eq!(w.finish(), None);
        assert!(w.reached_any());
    }

    #[test]
    fn a_single_host_is_not_enough_to_blame_the_network() {
        let t = Instant::now();
        let mut w = watch(&["a"]);
        assert_eq!(w.record("a", Unreached, t), None);
        assert_eq!(w.finish(), None);
        // Neutral hosts (refused private addresses) do not count as tried.
        let mut w = watch(&["a", "local"]);
        w.record("local", Neutral, t);
        assert_eq!(w.record("a", Unreached, t), None);
        assert_eq!(w.finish(), None);
    }

    #[test]
    fn the_end_of_the_run_decides_for_hosts_never_tried() {
        let t = Instant::now();
        let mut w = watch(&["a", "b", "c"]);
        w.record("a", Unreached, t);
        assert_eq!(w.record("b", Unreached, t), None, "c still pending");
        assert_eq!(w.finish(), Some(Unavailable));
    }

    #[test]
    fn lost_after_a_while_of_failures_on_hosts_that_answered_before() {
        let t = Instant::now();
        let s = |n: u64| t + Duration::from_secs(n);
        let mut w = watch(&["a", "b", "c"]);
        w.record("a", Reached, s(0));
        w.record("b", Reached, s(0));
        w.record("c", Reached, s(0));
        assert_eq!(w.record("a", Unreached, s(1)), None);
        assert_eq!(w.record("b", Unreached, s(5)), None, "not long enough");
        assert_eq!(w.record("a", Unreached, s(11)), Some(Lost));
    }

    #[test]
    fn an_answer_resets_the_streak() {
        let t = Instant::now();
        let s = |n: u64| t + Duration::from_secs(n);
        let mut w = watch(&["a", "b"]);
        w.record("a", Reached, s(0));
        w.record("a", Unreached, s(1));
        w.record("b", Unreached, s(2));
        w.record("b", Reached, s(3));
        assert_eq!(
            w.record("a", Unreached, s(12)),
            None,
            "streak restarted at 12"
        );
        assert_eq!(w.record("b", Unreached, s(21)), None, "9 s");
        assert_eq!(w.record("b", Unreached, s(22)), Some(Lost));
    }

    #[test]
    fn dead_servers_at_the_tail_are_not_a_lost_connection() {
        let t = Instant::now();
        let s = |n: u64| t + Duration::from_secs(n);
        let mut w = watch(&["ok", "dead1", "dead2"]);
        w.record("ok", Reached, s(0));
        // Two hosts that never answered keep failing for a minute: they are dead, the
        // network is fine.
        for n in 1..60 {
            assert_eq!(w.record("dead1", Unreached, s(n)), None);
            assert_eq!(w.record("dead2", Unreached, s(n)), None);
        }
        // One host alone is not the network either.
        let mut w = watch(&["a"]);
        w.record("a", Reached, s(0));
        for n in 1..60 {
            assert_eq!(w.record("a", Unreached, s(n)), None);
        }
    }
}
