//! One set of behaviour tests, run against every ledger store: the in-memory one, SQLite, and
//! PostgreSQL when `ALIPAY_VAULTING_TEST_POSTGRES` names one (CI starts one; see
//! `.ci/postgres.sh`). Any store added later: add it to `stores()`.
#![cfg(feature = "ledger-sqlite")]

use std::path::PathBuf;
use std::sync::Arc;

use alipay_vaulting::card::CardToken;
use alipay_vaulting::ledger::{
    Filter, Inserted, MemoryStore, SqliteStore, State, Store, StoreError, Vaulting,
};

/// A temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "alipay-vaulting-ledger-{}-{name}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The PostgreSQL the tests may use (`ALIPAY_VAULTING_TEST_POSTGRES`), if any.
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("ALIPAY_VAULTING_TEST_POSTGRES").ok();
    if url.is_none() && std::env::var_os("CI").is_some() {
        panic!("CI must give the ledger's tests a PostgreSQL (ALIPAY_VAULTING_TEST_POSTGRES)");
    }
    url
}

/// A fresh PostgreSQL store in a schema of its own (tests run in parallel).
pub async fn postgres(name: &str) -> Option<alipay_vaulting::ledger::PgStore> {
    let url = postgres_url()?;
    let schema = format!(
        "t_{}_{}_{}",
        name.replace('-', "_"),
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    Some(
        alipay_vaulting::ledger::PgStore::connect_with(&url, &schema, 2)
            .await
            .unwrap(),
    )
}

/// Every store, fresh, with its name (and the folder a file store lives in).
async fn stores(name: &str) -> Vec<(&'static str, Arc<dyn Store>, Option<TempDir>)> {
    let dir = TempDir::new(name);
    let sqlite = SqliteStore::open(dir.file("ledger.sqlite")).unwrap();
    let mut stores: Vec<(&'static str, Arc<dyn Store>, Option<TempDir>)> = vec![
        ("memory", Arc::new(MemoryStore::new()), None),
        ("sqlite", Arc::new(sqlite), Some(dir)),
    ];
    match postgres(name).await {
        Some(store) => stores.push(("postgres", Arc::new(store), None)),
        None => {
            eprintln!("{name}: no PostgreSQL (ALIPAY_VAULTING_TEST_POSTGRES): not tested on it")
        }
    }
    stores
}

/// A row as the ledger makes one, with its state and next check set.
fn row(id: &str, state: State, next_check_at_ms: i64) -> Vaulting {
    let mut row = Vaulting::intent(
        id.to_owned(),
        format!("intent-{id}"),
        1,
        "fingerprint".into(),
        15_000,
        next_check_at_ms,
    );
    row.state = state;
    row.next_check_at_ms = next_check_at_ms;
    row
}

#[tokio::test]
async fn insert_keeps_the_first_row_of_an_id() {
    for (name, store, _dir) in stores("insert").await {
        let first = row("a", State::Intent, 10);
        assert_eq!(
            store.insert(first.clone()).await.unwrap(),
            Inserted::New,
            "{name}"
        );
        let mut other = first.clone();
        other.card_fingerprint = "another".into();
        match store.insert(other).await.unwrap() {
            Inserted::Existing(existing) => assert_eq!(*existing, first, "{name}"),
            inserted => panic!("{name}: {inserted:?}"),
        }
        assert_eq!(store.get("a").await.unwrap(), Some(first), "{name}");
        assert_eq!(store.get("missing").await.unwrap(), None, "{name}");
    }
}

#[tokio::test]
async fn replace_applies_only_over_the_version_read() {
    for (name, store, _dir) in stores("replace").await {
        let first = row("a", State::Intent, 10);
        store.insert(first.clone()).await.unwrap();
        let mut next = first.clone();
        next.version = first.version + 1;
        next.state = State::Vaulted;
        next.card_token = Some(CardToken::new("ALIPAYstoreTOKEN0001"));
        assert!(store.replace(next.clone()).await.unwrap(), "{name}");
        // A writer that read the first version comes too late.
        let mut stale = first.clone();
        stale.version = first.version + 1;
        stale.state = State::Failed;
        assert!(!store.replace(stale).await.unwrap(), "{name}");
        assert_eq!(store.get("a").await.unwrap(), Some(next.clone()), "{name}");
        // The token can be erased.
        let mut erased = next.clone();
        erased.version += 1;
        erased.card_token = None;
        erased.delivered = true;
        assert!(store.replace(erased.clone()).await.unwrap(), "{name}");
        assert_eq!(store.get("a").await.unwrap(), Some(erased), "{name}");
    }
}

/// By the store's own clock (a shared store's is the database's): due rows, oldest check first,
/// once until the lease ends, then again with a newer version that fences the first claim.
#[tokio::test]
async fn claims_take_due_rows_once_until_their_lease_ends() {
    for (name, store, _dir) in stores("claims").await {
        let now = store.now_ms();
        let at = |offset: i64| now + offset;
        store
            .insert(row("due-1", State::Unknown, at(-900)))
            .await
            .unwrap();
        store
            .insert(row("due-2", State::Intent, at(-950)))
            .await
            .unwrap();
        store
            .insert(row("later", State::Unknown, at(60_000)))
            .await
            .unwrap();
        store
            .insert(row("final", State::Vaulted, at(-990)))
            .await
            .unwrap();

        let lease = 400;
        let now = store.now_ms();
        let claimed = store.claim_due("one", now, now + lease, 10).await.unwrap();
        let ids: Vec<_> = claimed
            .iter()
            .map(|r| r.vaulting_request_id.as_str())
            .collect();
        assert_eq!(ids, ["due-2", "due-1"], "{name}: oldest check first");
        for claim in &claimed {
            assert_eq!(claim.lease_owner.as_deref(), Some("one"), "{name}");
            let drift = (claim.lease_until_ms - (now + lease)).abs();
            assert!(drift < 200, "{name}: the lease ends {drift} ms off");
            assert_eq!(claim.version, 1, "{name}: a claim bumps the version");
        }
        // Leased: nobody else gets them before the lease ends.
        let now = store.now_ms();
        assert!(
            store
                .claim_due("two", now, now + lease, 10)
                .await
                .unwrap()
                .is_empty(),
            "{name}"
        );
        // After it: claimable again, with a newer version (the old claim's writes are fenced).
        tokio::time::sleep(std::time::Duration::from_millis(lease as u64 + 100)).await;
        let now = store.now_ms();
        let again = store.claim_due("two", now, now + lease, 1).await.unwrap();
        assert_eq!(again.len(), 1, "{name}: the limit holds");
        assert_eq!(again[0].version, 2, "{name}");
        // The first claim's write-back for that row is fenced.
        let mut late = claimed
            .iter()
            .find(|c| c.vaulting_request_id == again[0].vaulting_request_id)
            .unwrap()
            .clone();
        late.version += 1;
        late.state = State::Vaulted;
        assert!(
            !store.replace(late).await.unwrap(),
            "{name}: a write over an expired claim"
        );
    }
}

#[tokio::test]
async fn lists_filter_pending_and_undelivered() {
    for (name, store, _dir) in stores("lists").await {
        store
            .insert(row("p", State::AwaitingBuyer, 1))
            .await
            .unwrap();
        store.insert(row("v", State::Vaulted, 2)).await.unwrap();
        let mut delivered = row("d", State::Failed, 3);
        delivered.delivered = true;
        store.insert(delivered).await.unwrap();
        let ids = |rows: Vec<Vaulting>| {
            rows.into_iter()
                .map(|r| r.vaulting_request_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(store.list(Filter::All, 10).await.unwrap()),
            ["p", "v", "d"],
            "{name}"
        );
        assert_eq!(
            ids(store.list(Filter::Pending, 10).await.unwrap()),
            ["p"],
            "{name}"
        );
        assert_eq!(
            ids(store.list(Filter::Undelivered, 10).await.unwrap()),
            ["v"],
            "{name}"
        );
        assert_eq!(
            ids(store.list(Filter::All, 1).await.unwrap()),
            ["p"],
            "{name}"
        );
    }
}

#[tokio::test]
async fn a_sqlite_ledger_survives_a_reopen_and_commits_many_writers_together() {
    let dir = TempDir::new("reopen");
    let path = dir.file("ledger.sqlite");
    {
        let store = Arc::new(SqliteStore::open(&path).unwrap());
        let mut writers = tokio::task::JoinSet::new();
        for n in 0..200 {
            let store = store.clone();
            writers.spawn(async move {
                store
                    .insert(row(&format!("w-{n:03}"), State::Intent, n))
                    .await
            });
        }
        while let Some(done) = writers.join_next().await {
            assert_eq!(done.unwrap().unwrap(), Inserted::New);
        }
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.list(Filter::All, 1_000).await.unwrap().len(), 200);
    assert_eq!(store.schema_version().await.unwrap(), 2);
}

/// A ledger written by the first schema (before leases and conflicts) opens, migrated, with its
/// rows; one written by a newer crate is refused.
#[tokio::test]
async fn an_older_ledger_is_migrated_and_a_newer_one_refused() {
    let dir = TempDir::new("migrate");
    let path = dir.file("ledger.sqlite");
    {
        let connection = rusqlite_connection(&path);
        connection
            .execute_batch(
                "CREATE TABLE vaultings (
                    vaulting_request_id TEXT PRIMARY KEY NOT NULL, intent_key TEXT NOT NULL,
                    attempt INTEGER NOT NULL, card_fingerprint TEXT NOT NULL, state TEXT NOT NULL,
                    card_token TEXT, failure_code TEXT, failure_next_step TEXT,
                    in_flight_ms INTEGER NOT NULL, created_at_ms INTEGER NOT NULL,
                    updated_at_ms INTEGER NOT NULL, next_check_at_ms INTEGER NOT NULL,
                    checks INTEGER NOT NULL, settled_at_ms INTEGER, delivered INTEGER NOT NULL,
                    version INTEGER NOT NULL);
                 INSERT INTO vaultings VALUES ('old-1', 'k', 1, 'fp', 'unknown', NULL, NULL, NULL,
                    15000, 1, 1, 1, 0, NULL, 0, 3);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().await.unwrap(), 2);
    let old = store.get("old-1").await.unwrap().unwrap();
    assert_eq!(old.state, State::Unknown);
    assert_eq!(old.version, 3);
    assert_eq!(old.lease_until_ms, 0);
    assert_eq!(store.claim_due("me", 10, 20, 10).await.unwrap().len(), 1);
    drop(store);

    rusqlite_connection(&path)
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    match SqliteStore::open(&path) {
        Err(StoreError::TooNew {
            found: 99,
            known: 2,
        }) => {}
        other => panic!("{other:?}"),
    }
}

/// A plain connection for what the store must not do itself (write an old schema).
fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// A traffic-limit answer pauses every claim of the store (for a shared store: the fleet's).
#[tokio::test]
async fn a_pause_stops_claims_until_it_ends() {
    for (name, store, _dir) in stores("pause").await {
        let now = store.now_ms();
        store
            .insert(row("due", State::Unknown, now - 1_000))
            .await
            .unwrap();
        store.pause_claims(400).await.unwrap();
        let now = store.now_ms();
        assert!(
            store
                .claim_due("one", now, now + 1_000, 10)
                .await
                .unwrap()
                .is_empty(),
            "{name}: claimed during the pause"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        let now = store.now_ms();
        assert_eq!(
            store
                .claim_due("one", now, now + 1_000, 10)
                .await
                .unwrap()
                .len(),
            1,
            "{name}: nothing claimed after the pause"
        );
    }
}
