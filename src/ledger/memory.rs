//! A store in memory, for tests: the same behaviour as the durable stores, and nothing survives
//! the process.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::record::Vaulting;
use super::store::{BoxFuture, Filter, Inserted, LocalPause, Store, StoreError};

/// A [`Store`] in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    rows: Mutex<BTreeMap<String, Vaulting>>,
    paused: LocalPause,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn rows(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vaulting>> {
        // A panic while holding the lock cannot leave a half-written row: each operation
        // writes whole rows.
        self.rows
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Whether `row` belongs to `filter`.
pub(crate) fn matches(row: &Vaulting, filter: Filter) -> bool {
    match filter {
        Filter::All => true,
        Filter::Pending => !row.state.is_final(),
        Filter::Undelivered => row.state.is_final() && !row.delivered,
    }
}

impl Store for MemoryStore {
    fn insert(&self, row: Vaulting) -> BoxFuture<'_, Result<Inserted, StoreError>> {
        let mut rows = self.rows();
        let result = match rows.get(&row.vaulting_request_id) {
            Some(existing) => Inserted::Existing(Box::new(existing.clone())),
            None => {
                rows.insert(row.vaulting_request_id.clone(), row);
                Inserted::New
            }
        };
        Box::pin(std::future::ready(Ok(result)))
    }

    fn get<'a>(
        &'a self,
        vaulting_request_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Vaulting>, StoreError>> {
        let row = self.rows().get(vaulting_request_id).cloned();
        Box::pin(std::future::ready(Ok(row)))
    }

    fn replace(&self, row: Vaulting) -> BoxFuture<'_, Result<bool, StoreError>> {
        let mut rows = self.rows();
        let replaced = match rows.get_mut(&row.vaulting_request_id) {
            Some(stored) if stored.version + 1 == row.version => {
                *stored = row;
                true
            }
            _ => false,
        };
        Box::pin(std::future::ready(Ok(replaced)))
    }

    fn claim_due<'a>(
        &'a self,
        owner: &'a str,
        now_ms: i64,
        lease_until_ms: i64,
        limit: usize,
    ) -> BoxFuture<'a, Result<Vec<Vaulting>, StoreError>> {
        if self.paused.is_paused(now_ms) {
            return Box::pin(std::future::ready(Ok(Vec::new())));
        }
        let mut rows = self.rows();
        let mut due: Vec<&mut Vaulting> = rows
            .values_mut()
            .filter(|r| {
                !r.state.is_final() && r.next_check_at_ms <= now_ms && r.lease_until_ms <= now_ms
            })
            .collect();
        due.sort_by_key(|r| r.next_check_at_ms);
        let claimed = due
            .into_iter()
            .take(limit)
            .map(|row| {
                row.lease_owner = Some(owner.to_owned());
                row.lease_until_ms = lease_until_ms;
                row.version += 1;
                row.clone()
            })
            .collect();
        Box::pin(std::future::ready(Ok(claimed)))
    }

    fn pause_claims(&self, pause_ms: i64) -> BoxFuture<'_, Result<(), StoreError>> {
        self.paused.pause(self.now_ms(), pause_ms);
        Box::pin(std::future::ready(Ok(())))
    }

    fn list(
        &self,
        filter: Filter,
        limit: usize,
    ) -> BoxFuture<'_, Result<Vec<Vaulting>, StoreError>> {
        let mut rows: Vec<Vaulting> = self
            .rows()
            .values()
            .filter(|r| matches(r, filter))
            .cloned()
            .collect();
        rows.sort_by_key(|r| (r.created_at_ms, r.vaulting_request_id.clone()));
        rows.truncate(limit);
        Box::pin(std::future::ready(Ok(rows)))
    }
}
