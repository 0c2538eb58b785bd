//! Recovery: settles what a crash, a deploy or a lost answer left open.
//!
//! It claims the vaultings that are not final and whose next check is due (a lease, and a bump
//! of the row's version that fences every other writer), resolves each with the **same**
//! `vaultingRequestId` (the client's `resolve`, whose "not found" window covers the time the
//! original request may still be in flight), and writes the outcome back only over the version
//! it claimed. Inquiries share one [`InquiryBudget`] (per second, paused for everyone on a
//! traffic-limit answer). Vaultings awaiting the buyer are looked at on a slower schedule, and
//! abandoned after the schedule's `abandon_after`.

use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use super::state::{Observation, State};
use super::{failpoint, Applied, Ledger, LedgerError, Vaulting, Write};
use crate::client::InquiryBudget;
use crate::outcome::{InquiryOutcome, UnknownReason};
use crate::{Client, ResolveOptions, DEFAULT_NOT_FOUND_WINDOW};

/// How [`Ledger::recover`] goes about it.
#[derive(Clone, Debug)]
pub struct RecoverOptions {
    owner: String,
    batch: usize,
    concurrency: usize,
    resolve_deadline: Duration,
    not_found_window: Duration,
    budget: InquiryBudget,
    wait: Duration,
    lease: Option<Duration>,
}

impl Default for RecoverOptions {
    fn default() -> Self {
        RecoverOptions {
            owner: default_owner(),
            batch: 64,
            concurrency: 16,
            resolve_deadline: Duration::from_secs(60),
            not_found_window: DEFAULT_NOT_FOUND_WINDOW,
            budget: InquiryBudget::per_second(20.0),
            wait: Duration::ZERO,
            lease: None,
        }
    }
}

/// This process, as a lease owner: host name (when the environment says it) and process id.
fn default_owner() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
    format!("{host}/{}", std::process::id())
}

impl RecoverOptions {
    /// Who holds the claims (default: host name and process id).
    #[must_use]
    pub fn owner(mut self, owner: impl Into<String>) -> Self {
        self.owner = owner.into();
        self
    }

    /// How many rows one claim takes (default 64).
    #[must_use]
    pub fn batch(mut self, batch: usize) -> Self {
        self.batch = batch.max(1);
        self
    }

    /// How many vaultings are resolved at once (default 16).
    #[must_use]
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.concurrency = concurrency.max(1);
        self
    }

    /// How long one vaulting's `resolve` may take (default 60 s; never shorter than its "not
    /// found" window plus 5 s).
    #[must_use]
    pub fn resolve_deadline(mut self, deadline: Duration) -> Self {
        self.resolve_deadline = deadline;
        self
    }

    /// The "not found" window of each `resolve` (default 30 s; never shorter than the attempt
    /// timeout the vault was sent with, which the ledger recorded).
    #[must_use]
    pub fn not_found_window(mut self, window: Duration) -> Self {
        self.not_found_window = window;
        self
    }

    /// The inquiries' budget (default 20 per second), shared with whoever else holds a clone.
    #[must_use]
    pub fn budget(mut self, budget: InquiryBudget) -> Self {
        self.budget = budget;
        self
    }

    /// How long a claim holds a row before another recovery may take it (default: the resolve
    /// deadline or the "not found" window, whichever is longer, plus 30 s). A recovery killed
    /// mid-claim loses nothing: its rows come back when their leases end.
    #[must_use]
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = Some(lease);
        self
    }

    /// How long to go on, waiting for the vaultings whose check is not due yet (an intent
    /// whose sender may still be alive, a vaulting checked a moment ago), until every one is
    /// final (default 0: one pass over what is due now).
    #[must_use]
    pub fn wait(mut self, wait: Duration) -> Self {
        self.wait = wait;
        self
    }
}

/// What [`Ledger::recover`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecoverReport {
    /// Claims made (a vaulting claimed twice counts twice).
    pub claimed: usize,
    /// Vaultings settled by this recovery.
    pub settled: usize,
    /// Of them, abandoned (awaiting the buyer for too long).
    pub abandoned: usize,
    /// Write-backs refused because another writer came first.
    pub fenced: usize,
    /// Second, different final answers seen (kept out, reported).
    pub conflicts: usize,
    /// The vaultings still not final at the end, oldest first.
    pub pending: Vec<String>,
}

impl Ledger {
    /// Settles every vaulting that is not final and due: see the module documentation of
    /// `recover`, and [`RecoverOptions`]. Returns when nothing more is due (or, with
    /// [`RecoverOptions::wait`], when every vaulting is final or the wait is over).
    pub async fn recover(
        &self,
        client: &Client,
        options: &RecoverOptions,
    ) -> Result<RecoverReport, LedgerError> {
        let started = Instant::now();
        let mut report = RecoverReport::default();
        loop {
            self.recover_due(client, options, &mut report).await?;
            let pending = self.list(super::Filter::Pending, usize::MAX).await?;
            let left = options.wait.saturating_sub(started.elapsed());
            if pending.is_empty() || left.is_zero() {
                report.pending = pending.into_iter().map(|v| v.vaulting_request_id).collect();
                return Ok(report);
            }
            let now = self.store().now_ms();
            let due_in = pending
                .iter()
                .map(|v| v.next_check_at_ms.max(v.lease_until_ms) - now)
                .min()
                .unwrap_or(0)
                .clamp(20, i64::MAX) as u64;
            tokio::time::sleep(Duration::from_millis(due_in).min(left)).await;
        }
    }

    /// Claims and settles, batch by batch, until nothing is due.
    async fn recover_due(
        &self,
        client: &Client,
        options: &RecoverOptions,
        report: &mut RecoverReport,
    ) -> Result<(), LedgerError> {
        let lease = options.lease.unwrap_or_else(|| {
            options.resolve_deadline.max(options.not_found_window) + Duration::from_secs(30)
        });
        loop {
            let now = self.store().now_ms();
            let claimed = self
                .store()
                .claim_due(
                    &options.owner,
                    now,
                    now.saturating_add(lease.as_millis() as i64),
                    options.batch,
                )
                .await?;
            if claimed.is_empty() {
                return Ok(());
            }
            report.claimed += claimed.len();
            failpoint::hit("after-claim");
            let mut running = JoinSet::new();
            for row in claimed {
                while running.len() >= options.concurrency {
                    if let Some(done) = running.join_next().await {
                        tally(report, done);
                    }
                }
                let (ledger, client, options) = (self.clone(), client.clone(), options.clone());
                running.spawn(async move { ledger.check(&client, &options, row).await });
            }
            while let Some(done) = running.join_next().await {
                tally(report, done);
            }
        }
    }

    /// Checks one claimed vaulting and writes the outcome back over the claimed version.
    async fn check(
        &self,
        client: &Client,
        options: &RecoverOptions,
        row: Vaulting,
    ) -> Result<Applied, LedgerError> {
        let fence = Some(row.version);
        let id = row.vaulting_request_id.clone();
        let observation = if row.state == State::AwaitingBuyer {
            let waited = self.store().now_ms().saturating_sub(row.created_at_ms);
            if waited >= self.schedule.abandon_after.as_millis() as i64 {
                return self.abandon_fenced(&id, fence).await;
            }
            if !options
                .budget
                .acquire_within(options.resolve_deadline)
                .await
            {
                Observation::Unknown
            } else {
                let answer = client.inquire_vaulting(&id).await;
                if let Ok(InquiryOutcome::Unknown(unknown)) = &answer {
                    if unknown.reason == UnknownReason::RateLimited {
                        options.budget.push_back();
                    }
                }
                Observation::of_inquiry(&answer)
            }
        } else {
            let in_flight = Duration::from_millis(row.in_flight_ms);
            let window = options
                .not_found_window
                .max(in_flight)
                .max(client.timeout());
            let resolve = ResolveOptions::new(id.clone())
                .deadline(
                    options
                        .resolve_deadline
                        .max(window + Duration::from_secs(5)),
                )
                .not_found_window(options.not_found_window)
                .in_flight_for(in_flight)
                .budget(options.budget.clone());
            Observation::of_inquiry(&client.resolve_with(&resolve).await)
        };
        failpoint::hit("after-inquiry");
        // A traffic-limit answer paused this process's budget: pause every recovery sharing
        // the store as long.
        if let Some(pause) = options.budget.paused_for() {
            self.store().pause_claims(pause.as_millis() as i64).await?;
        }
        let schedule = self.schedule.clone();
        self.apply_with(
            &id,
            observation,
            Write::Fenced(row.version),
            move |next, now| {
                next.checks = next.checks.saturating_add(1);
                next.next_check_at_ms = schedule.next_check(next.state, next.checks, now);
                next.lease_owner = None;
                next.lease_until_ms = 0;
            },
        )
        .await
    }
}

fn tally(
    report: &mut RecoverReport,
    done: Result<Result<Applied, LedgerError>, tokio::task::JoinError>,
) {
    match done {
        Ok(Ok(Applied::Settled(v))) => {
            report.settled += 1;
            if v.state == State::Abandoned {
                report.abandoned += 1;
            }
        }
        Ok(Ok(Applied::Conflict(_))) => report.conflicts += 1,
        Ok(Ok(Applied::Fenced)) => report.fenced += 1,
        Ok(Ok(_)) => {}
        // The row stays claimed until its lease ends; the next recovery takes it again.
        Ok(Err(error)) => tracing::warn!(%error, "recovery could not write a vaulting back"),
        Err(error) => tracing::warn!(%error, "a recovery task failed"),
    }
}
