//! Per-host queues under a global limit.
//!
//! Every request first waits for a slot of its own host (FIFO, at most `--host-concurrency`
//! in flight), then for the host's pacing (spacing after rate limits, `Retry-After` pauses),
//! and only then for a global slot (`--max-concurrency`). Taking the host slot first means a
//! list dominated by one host can hold at most that host's limit of global slots, so it never
//! starves the others (lychee takes the global slot first and stalls). A slow host delays
//! only its own queue.
//!
//! A host's limit is `--host-concurrency` unless `[links.hosts."HOST"]` sets `concurrency`:
//! hosts are keyed `host:port`, and the override matches on the host name part, so every
//! port of that host gets the overridden limit (each port its own gate, as before).
//!
//! Slots are held only while a request is in flight: backoff waits happen outside, so a link
//! waiting to retry never blocks its host.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};
use tokio::time::Instant;

use super::options::host_matches;
use super::policy;

pub struct Scheduler {
    global: Arc<Semaphore>,
    host_limit: usize,
    /// Per-host overrides of `host_limit`, keyed by host name (no port).
    host_limits: Vec<(String, usize)>,
    max_retry_after: Duration,
    hosts: Mutex<HashMap<String, Arc<HostGate>>>,
}

/// The right to have one request in flight; released on drop.
pub struct Permit {
    gate: Arc<HostGate>,
    _global: OwnedSemaphorePermit,
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.gate.release();
    }
}

impl Scheduler {
    pub fn new(global: usize, per_host: usize, max_retry_after: Duration) -> Self {
        Scheduler {
            global: Arc::new(Semaphore::new(global.max(1))),
            host_limit: per_host.max(1),
            host_limits: Vec::new(),
            max_retry_after,
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Overrides the per-host limit for the named hosts (`(host name, limit)`, no port).
    pub fn with_host_limits(mut self, limits: Vec<(String, usize)>) -> Self {
        self.host_limits = limits;
        self
    }

    /// The limit of a scheduling key (`host:port`, or a bare host).
    fn limit_of(&self, key: &str) -> usize {
        let name = match key.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => key,
        };
        self.host_limits
            .iter()
            .find(|(h, _)| host_matches(h, name))
            .map_or(self.host_limit, |&(_, n)| n.max(1))
    }

    fn gate(&self, host: &str) -> Arc<HostGate> {
        let mut hosts = lock(&self.hosts);
        hosts
            .entry(host.to_string())
            .or_insert_with(|| Arc::new(HostGate::new(self.limit_of(host))))
            .clone()
    }

    /// Waits for a host slot, the host's pacing, then a global slot: in that order.
    /// `urgent` requests (retries, GET after HEAD, redirect hops: links already being
    /// checked) go before fresh links in the host's queue, so that a retry does not wait
    /// behind hundreds of unstarted links and the slowest chains finish early.
    pub async fn acquire(&self, host: &str, urgent: bool) -> Permit {
        let gate = self.gate(host);
        let slot = gate.clone().acquire_slot(urgent).await;
        gate.wait_turn().await;
        let global = self
            .global
            .clone()
            .acquire_owned()
            .await
            .expect("the global semaphore is never closed");
        slot.keep();
        Permit {
            gate,
            _global: global,
        }
    }

    /// Feeds an answer of `host` back: rate limits slow the host down, other answers let it
    /// speed up again (see `policy::next_spacing`); a long `Retry-After` pauses it.
    pub fn observe(&self, host: &str, status: u16, retry_after: Option<Duration>) {
        let gate = self.gate(host);
        let mut s = lock(&gate.state);
        let limited = policy::is_rate_limit(status, retry_after);
        s.spacing = policy::next_spacing(s.spacing, limited);
        if let (true, Some(ra)) = (limited, retry_after)
            && ra >= policy::HOST_PAUSE_THRESHOLD
        {
            let until = Instant::now() + ra.min(self.max_retry_after);
            s.paused_until = s.paused_until.max(until);
        }
    }

    /// The host refused HEAD (405/501, or 4xx to HEAD and 200 to GET).
    pub fn note_head_refused(&self, host: &str) {
        let gate = self.gate(host);
        lock(&gate.state).head_refusals += 1;
    }

    /// After two refusals the host is HEAD-hostile: use GET first for the rest of the run
    /// rather than paying two requests per link.
    pub fn prefers_get(&self, host: &str) -> bool {
        let gate = self.gate(host);
        let refusals = lock(&gate.state).head_refusals;
        refusals >= 2
    }

    /// Hosts with a request in flight right now (for the progress bar).
    pub fn active_hosts(&self) -> usize {
        lock(&self.hosts)
            .values()
            .filter(|g| lock(&g.state).in_flight > 0)
            .count()
    }

    #[cfg(test)]
    pub fn spacing(&self, host: &str) -> Duration {
        lock(&self.gate(host).state).spacing
    }
}

/// A poisoned lock only means another task panicked mid-update of plain counters; go on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

struct HostGate {
    state: Mutex<GateState>,
}

struct GateState {
    limit: usize,
    in_flight: usize,
    /// FIFOs of tasks waiting for a slot; a release hands its slot straight to the first
    /// urgent one, else to the first fresh one.
    urgent: VecDeque<oneshot::Sender<()>>,
    waiters: VecDeque<oneshot::Sender<()>>,
    /// Minimum time between two request starts on this host.
    spacing: Duration,
    next_start: Instant,
    paused_until: Instant,
    head_refusals: u32,
}

/// A host slot not yet turned into a `Permit`; released if dropped (cancelled wait).
struct Slot {
    gate: Option<Arc<HostGate>>,
}

impl Slot {
    fn keep(mut self) {
        self.gate = None;
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(g) = self.gate.take() {
            g.release();
        }
    }
}

/// A queued wait for a slot. If the waiting future is dropped after the slot was handed
/// over but before it was seen, the slot is given back rather than leaked.
struct Waiting {
    gate: Arc<HostGate>,
    rx: oneshot::Receiver<()>,
    granted: bool,
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if !self.granted {
            self.rx.close();
            if self.rx.try_recv().is_ok() {
                self.gate.release();
            }
        }
    }
}

impl HostGate {
    fn new(limit: usize) -> Self {
        let now = Instant::now();
        HostGate {
            state: Mutex::new(GateState {
                limit,
                in_flight: 0,
                urgent: VecDeque::new(),
                waiters: VecDeque::new(),
                spacing: Duration::ZERO,
                next_start: now,
                paused_until: now,
                head_refusals: 0,
            }),
        }
    }

    async fn acquire_slot(self: Arc<Self>, urgent: bool) -> Slot {
        let rx = {
            let mut s = lock(&self.state);
            let queue_empty = s.urgent.is_empty() && (urgent || s.waiters.is_empty());
            if s.in_flight < s.limit && queue_empty {
                s.in_flight += 1;
                drop(s);
                return Slot { gate: Some(self) };
            }
            let (tx, rx) = oneshot::channel();
            if urgent {
                s.urgent.push_back(tx);
            } else {
                s.waiters.push_back(tx);
            }
            rx
        };
        let mut waiting = Waiting {
            gate: self.clone(),
            rx,
            granted: false,
        };
        // The sender is only dropped unsent if the gate itself goes away, which it cannot
        // while we hold an Arc to it.
        let _ = (&mut waiting.rx).await;
        waiting.granted = true;
        Slot { gate: Some(self) }
    }

    /// Sleeps until this host may start another request (spacing and pauses).
    async fn wait_turn(&self) {
        loop {
            let at = {
                let mut s = lock(&self.state);
                let now = Instant::now();
                let at = now.max(s.next_start).max(s.paused_until);
                if at <= now {
                    s.next_start = now + s.spacing;
                    return;
                }
                at
            };
            tokio::time::sleep_until(at).await;
        }
    }

    fn release(&self) {
        let mut s = lock(&self.state);
        s.in_flight -= 1;
        while s.in_flight < s.limit {
            let next = match s.urgent.pop_front() {
                Some(tx) => Some(tx),
                None => s.waiters.pop_front(),
            };
            match next {
                // A failed send means that waiter was cancelled: try the next one.
                Some(tx) => {
                    if tx.send(()).is_ok() {
                        s.in_flight += 1;
                    }
                }
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn host_limit_is_never_exceeded_and_is_reached() {
        let sched = Arc::new(Scheduler::new(64, 3, Duration::from_secs(60)));
        let now = Arc::new(AtomicUsize::new(0));
        let max = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..40 {
            let (sched, now, max) = (sched.clone(), now.clone(), max.clone());
            tasks.push(tokio::spawn(async move {
                let _p = sched.acquire("a:80", false).await;
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                max.fetch_max(n, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(2)).await;
                now.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(max.load(Ordering::SeqCst), 3);
    }

    /// The most requests seen in flight at once when 40 tasks hit `host` at the same time.
    async fn max_in_flight(sched: Arc<Scheduler>, host: &'static str) -> usize {
        let now = Arc::new(AtomicUsize::new(0));
        let max = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..40 {
            let (sched, now, max) = (sched.clone(), now.clone(), max.clone());
            tasks.push(tokio::spawn(async move {
                let _p = sched.acquire(host, false).await;
                let n = now.fetch_add(1, Ordering::SeqCst) + 1;
                max.fetch_max(n, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(2)).await;
                now.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        max.load(Ordering::SeqCst)
    }

    #[tokio::test]
    async fn per_host_overrides_lower_and_raise_the_limit() {
        let sched = Arc::new(
            Scheduler::new(64, 3, Duration::from_secs(60))
                .with_host_limits(vec![("slow.example".into(), 1), ("big.example".into(), 8)]),
        );
        assert_eq!(max_in_flight(sched.clone(), "slow.example:443").await, 1);
        assert_eq!(max_in_flight(sched.clone(), "big.example:443").await, 8);
        assert_eq!(
            max_in_flight(sched.clone(), "api.slow.example:443").await,
            3,
            "a subdomain keeps the default"
        );
        let global = Arc::new(
            Scheduler::new(5, 3, Duration::from_secs(60))
                .with_host_limits(vec![("big.example".into(), 8)]),
        );
        assert_eq!(
            max_in_flight(global, "big.example:80").await,
            5,
            "still under the global limit"
        );
    }

    #[test]
    fn limits_match_the_host_name_of_the_key() {
        let sched = Scheduler::new(64, 4, Duration::from_secs(60)).with_host_limits(vec![
            ("github.com".into(), 2),
            ("127.0.0.1".into(), 1),
            ("::1".into(), 7),
        ]);
        assert_eq!(sched.limit_of("github.com:443"), 2);
        assert_eq!(sched.limit_of("github.com:8443"), 2, "any port");
        assert_eq!(sched.limit_of("github.com"), 2);
        assert_eq!(sched.limit_of("api.github.com:443"), 4);
        assert_eq!(sched.limit_of("www.github.com:443"), 4);
        assert_eq!(sched.limit_of("github.com.evil.example:443"), 4);
        assert_eq!(sched.limit_of("127.0.0.1:8080"), 1);
        assert_eq!(sched.limit_of("127.0.0.2:8080"), 4);
        assert_eq!(sched.limit_of("[::1]:80"), 7);
    }

    #[tokio::test]
    async fn a_busy_host_does_not_starve_others() {
        // Global limit 2, host limit 2: host "a" has 50 queued requests that never finish
        // before "b" gets its turn... unless the host slot is taken first. With the host slot
        // first, "a" can hold at most 2 global slots, so "b" must wait for one of them: we
        // check "b" completes while "a" still has work queued.
        let sched = Arc::new(Scheduler::new(3, 2, Duration::from_secs(60)));
        let a_done = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..50 {
            let (sched, a_done) = (sched.clone(), a_done.clone());
            tasks.push(tokio::spawn(async move {
                let _p = sched.acquire("a:80", false).await;
                tokio::time::sleep(Duration::from_millis(5)).await;
                a_done.fetch_add(1, Ordering::SeqCst);
            }));
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
        let _b = sched.acquire("b:80", false).await;
        assert!(a_done.load(Ordering::SeqCst) < 10, "b waited for a's queue");
        for t in tasks {
            t.await.unwrap();
        }
    }

    #[tokio::test]
    async fn urgent_requests_overtake_fresh_ones() {
        let sched = Arc::new(Scheduler::new(8, 1, Duration::from_secs(60)));
        let held = sched.acquire("a:80", false).await;
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut tasks = Vec::new();
        for (name, urgent) in [("fresh1", false), ("fresh2", false), ("retry", true)] {
            let (s, order) = (sched.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                let _p = s.acquire("a:80", urgent).await;
                order.lock().unwrap().push(name);
            }));
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        drop(held);
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), ["retry", "fresh1", "fresh2"]);
    }

    #[tokio::test]
    async fn cancelled_waiters_do_not_leak_slots() {
        let sched = Arc::new(Scheduler::new(8, 1, Duration::from_secs(60)));
        let held = sched.acquire("a:80", false).await;
        for _ in 0..5 {
            let s = sched.clone();
            let t = tokio::spawn(async move { s.acquire("a:80", false).await });
            tokio::time::sleep(Duration::from_millis(1)).await;
            t.abort();
            let _ = t.await;
        }
        drop(held);
        let again =
            tokio::time::timeout(Duration::from_secs(5), sched.acquire("a:80", false)).await;
        assert!(again.is_ok(), "the slot came back");
    }

    #[tokio::test]
    async fn rate_limits_space_requests_and_decay() {
        let sched = Scheduler::new(8, 4, Duration::from_secs(60));
        sched.observe("a:80", 429, Some(Duration::from_secs(1)));
        sched.observe("a:80", 429, None);
        assert_eq!(sched.spacing("a:80"), policy::SPACING_STEP * 2);
        assert_eq!(
            sched.spacing("b:80"),
            Duration::ZERO,
            "other hosts are unaffected"
        );
        let t0 = Instant::now();
        drop(sched.acquire("a:80", false).await);
        drop(sched.acquire("a:80", false).await);
        assert!(
            t0.elapsed() >= policy::SPACING_STEP * 2,
            "second start waited for the spacing"
        );
        for _ in 0..40 {
            sched.observe("a:80", 200, None);
        }
        assert_eq!(sched.spacing("a:80"), Duration::ZERO);
    }

    #[tokio::test]
    async fn long_retry_after_pauses_the_host() {
        tokio::time::pause();
        let sched = Scheduler::new(8, 4, Duration::from_secs(60));
        sched.observe("a:80", 429, Some(Duration::from_secs(30)));
        let t0 = Instant::now();
        drop(sched.acquire("a:80", false).await);
        assert!(t0.elapsed() >= Duration::from_secs(30));
        let t1 = Instant::now();
        drop(sched.acquire("b:80", false).await);
        assert!(t1.elapsed() < Duration::from_secs(1));
    }

    #[tokio::test]
    async fn head_hostility_after_two_refusals() {
        let sched = Scheduler::new(8, 4, Duration::from_secs(60));
        assert!(!sched.prefers_get("a:80"));
        sched.note_head_refused("a:80");
        assert!(!sched.prefers_get("a:80"));
        sched.note_head_refused("a:80");
        assert!(sched.prefers_get("a:80"));
        assert!(!sched.prefers_get("b:80"));
    }
}
