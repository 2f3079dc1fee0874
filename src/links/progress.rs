//! The progress bar: links done / total, hosts being talked to, failures so far. Drawn on
//! stderr only when stderr is a terminal, so CI logs and piped output stay clean.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Verdict;

pub struct Progress {
    bar: Option<ProgressBar>,
    failures: AtomicUsize,
}

impl Progress {
    pub fn new(total: usize, wanted: bool) -> Progress {
        let bar = (wanted && total > 0 && std::io::stderr().is_terminal()).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} checking links {pos}/{len} [{wide_bar}] {elapsed} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            failures: AtomicUsize::new(0),
        }
    }

    #[cfg(test)]
    pub fn is_visible(&self) -> bool {
        self.bar.is_some()
    }

    /// One distinct URL finished.
    pub fn done(&self, verdict: Verdict, active_hosts: usize) {
        let failures = if matches!(verdict, Verdict::Dead | Verdict::Error | Verdict::Timeout) {
            self.failures.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            self.failures.load(Ordering::Relaxed)
        };
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(format!("· {active_hosts} hosts active · {failures} failed"));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_when_not_wanted_and_counts_failures() {
        let p = Progress::new(3, false);
        assert!(!p.is_visible());
        p.done(Verdict::Ok, 1);
        p.done(Verdict::Dead, 1);
        p.done(Verdict::Timeout, 0);
        assert_eq!(p.failures.load(Ordering::Relaxed), 2);
        p.finish();
    }
}
