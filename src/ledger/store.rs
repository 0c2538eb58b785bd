//! What a ledger store does: a handful of atomic operations on rows. Every rule (the state
//! machine, fencing, delivery) lives in the ledger above, so each store is small and the one
//! set of behaviour tests (`tests/it/ledger_stores.rs`) runs against every store.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use super::record::Vaulting;

/// A boxed future, so that the trait is object-safe (a service picks its store at run time).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What inserting an intent found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Inserted {
    /// The row is new.
    New,
    /// A row with this `vaultingRequestId` was there already; it is returned unchanged.
    Existing(Box<Vaulting>),
}

/// Which rows [`Store::list`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Filter {
    /// Every row.
    All,
    /// The rows that are not final.
    Pending,
    /// The final rows the service has not acknowledged.
    Undelivered,
}

/// A store's failure.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// The store could not be opened or migrated (the reason never holds row data).
    Open(String),
    /// An operation failed.
    Io(String),
    /// The store was written by a newer version of this crate.
    TooNew {
        /// The store's schema version.
        found: u32,
        /// The newest this crate knows.
        known: u32,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Open(reason) => write!(f, "cannot open the ledger: {reason}"),
            StoreError::Io(reason) => write!(f, "ledger store: {reason}"),
            StoreError::TooNew { found, known } => write!(
                f,
                "the ledger has schema version {found}, newer than this crate's {known}: \
                 upgrade the crate"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

/// A ledger store: rows keyed by `vaultingRequestId`, each operation atomic.
///
/// Times are milliseconds since the Unix epoch by the clock the ledger passes in (a shared
/// store takes its own clock where it has one).
pub trait Store: Send + Sync + 'static {
    /// Inserts `row` unless a row with its id exists (then returns that one, unchanged).
    fn insert(&self, row: Vaulting) -> BoxFuture<'_, Result<Inserted, StoreError>>;

    /// The row of `vaulting_request_id`.
    fn get<'a>(
        &'a self,
        vaulting_request_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Vaulting>, StoreError>>;

    /// Replaces the row with `row` (whose `version` is the one read plus one) only while the
    /// stored version is still `row.version - 1`; `false` when another write came first.
    fn replace(&self, row: Vaulting) -> BoxFuture<'_, Result<bool, StoreError>>;

    /// [`replace`](Self::replace), where losing the write to a crash of the machine costs only
    /// a check done again (an answer recovery would find anew, a delivery handed out again): a
    /// store may then commit without waiting for the disk. By default, `replace`.
    fn replace_relaxed(&self, row: Vaulting) -> BoxFuture<'_, Result<bool, StoreError>> {
        self.replace(row)
    }

    /// Claims at most `limit` rows that are not final, whose next check is due at `now_ms` and
    /// whose lease (if any) has ended: sets `owner` and `lease_until_ms` and bumps their
    /// version, atomically, and returns them as claimed.
    fn claim_due<'a>(
        &'a self,
        owner: &'a str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<Vaulting>, StoreError>>;

    /// Pauses every claim of this store for `pause_ms` (a traffic-limit answer): until then,
    /// [`claim_due`](Self::claim_due) returns nothing, for every recovery sharing the store (a
    /// fleet's, when the store is shared).
    fn pause_claims(&self, pause_ms: i64) -> BoxFuture<'_, Result<(), StoreError>>;

    /// Now, by the clock that decides due times and leases (milliseconds since the Unix
    /// epoch): this machine's by default; a store shared by a fleet gives its own (the
    /// database's), so that instances whose clocks drift agree.
    fn now_ms(&self) -> i64 {
        super::now_ms()
    }

    /// The rows of a kind, oldest first, at most `limit`.
    fn list(
        &self,
        filter: Filter,
        limit: usize,
    ) -> BoxFuture<'_, Result<Vec<Vaulting>, StoreError>>;
}

/// The pause of claims for a store one process holds (memory, SQLite): kept in the process.
#[derive(Debug, Default)]
pub(crate) struct LocalPause(std::sync::atomic::AtomicI64);

impl LocalPause {
    /// Pauses until `now_ms + pause_ms` (never shortens a pause).
    pub(crate) fn pause(&self, now_ms: i64, pause_ms: i64) {
        self.0.fetch_max(
            now_ms.saturating_add(pause_ms),
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// Whether claims are paused at `now_ms`.
    pub(crate) fn is_paused(&self, now_ms: i64) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed) > now_ms
    }
}
