//! The embedded store: SQLite in a file, no setup (feature `ledger-sqlite`).
//!
//! One writer thread owns the connection and commits operations in batches: every caller waiting
//! at the same moment shares one transaction and so one `fsync` (group commit), and a caller
//! hears back only after its batch is durable. WAL mode with `synchronous = FULL`: a committed
//! row survives a crash of the process or the machine. Each operation runs in a savepoint of its
//! own, so one failing operation never takes its batch down.
//!
//! The schema is versioned (`PRAGMA user_version`) and migrated on open; the migrations are
//! embedded below, oldest first.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rusqlite::{params, Connection, OptionalExtension};

use super::record::Vaulting;
use super::state::{Failure, State};
use super::store::{BoxFuture, Filter, Inserted, LocalPause, Store, StoreError};
use crate::card::CardToken;
use crate::outcome::NextStep;

/// The migrations, oldest first: migration `n` (1-based) takes the schema from version `n - 1`
/// to `n`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the vaultings.
    "CREATE TABLE vaultings (
        vaulting_request_id TEXT PRIMARY KEY NOT NULL,
        intent_key TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        card_fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        card_token TEXT,
        failure_code TEXT,
        failure_next_step TEXT,
        in_flight_ms INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        next_check_at_ms INTEGER NOT NULL,
        checks INTEGER NOT NULL,
        settled_at_ms INTEGER,
        delivered INTEGER NOT NULL,
        version INTEGER NOT NULL
    );",
    // 2: conflicts kept, leases for recovery, and partial indexes that keep a claim's cost flat
    // as settled rows pile up.
    "ALTER TABLE vaultings ADD COLUMN conflict TEXT;
     ALTER TABLE vaultings ADD COLUMN lease_owner TEXT;
     ALTER TABLE vaultings ADD COLUMN lease_until_ms INTEGER NOT NULL DEFAULT 0;
     CREATE INDEX vaultings_due ON vaultings (next_check_at_ms)
         WHERE state NOT IN ('vaulted', 'failed', 'abandoned');
     CREATE INDEX vaultings_undelivered ON vaultings (created_at_ms)
         WHERE delivered = 0 AND state IN ('vaulted', 'failed', 'abandoned');",
];

/// The most operations one transaction carries.
const MAX_BATCH: usize = 512;

/// The columns, in the order [`read_row`] reads them.
const COLUMNS: &str = "vaulting_request_id, intent_key, attempt, card_fingerprint, state, \
    card_token, failure_code, failure_next_step, in_flight_ms, created_at_ms, updated_at_ms, \
    next_check_at_ms, checks, settled_at_ms, delivered, version, conflict, lease_owner, \
    lease_until_ms";

/// What an operation hands back once its batch is committed (or failed to commit).
type Reply = Box<dyn FnOnce(Result<(), String>) + Send>;
/// One operation, run on the writer thread inside the batch's transaction, and whether its
/// commit must reach the disk before it is answered.
struct Job {
    durable: bool,
    run: Box<dyn FnOnce(&Connection) -> Reply + Send>,
}

/// A [`Store`] in a SQLite file.
#[derive(Debug)]
pub struct SqliteStore {
    path: PathBuf,
    /// `None` only while dropping.
    jobs: Option<mpsc::Sender<Job>>,
    /// Claims return nothing before this (one process holds a SQLite ledger).
    paused: LocalPause,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Drop for SqliteStore {
    /// Stops the writer once every operation sent has been answered, after a last checkpoint
    /// (so the write-ahead log keeps no erased token behind).
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(writer) = self.writer.take() {
            let _ = writer.join();
        }
    }
}

impl SqliteStore {
    /// Opens (or creates) the ledger at `path`, and migrates an older one.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        let path = path.as_ref().to_path_buf();
        let connection = Connection::open(&path).map_err(|e| open_error(&path, e))?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                 PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;",
            )
            .map_err(|e| open_error(&path, e))?;
        migrate(&connection).map_err(|e| match e {
            MigrateError::TooNew(found) => StoreError::TooNew {
                found,
                known: MIGRATIONS.len() as u32,
            },
            MigrateError::Sql(e) => open_error(&path, e),
        })?;
        let (jobs, queue) = mpsc::channel::<Job>();
        let writer = std::thread::Builder::new()
            .name("alipay-vaulting-ledger".into())
            .spawn(move || writer(connection, queue))
            .map_err(|e| StoreError::Open(format!("cannot start the writer thread: {e}")))?;
        Ok(SqliteStore {
            path,
            jobs: Some(jobs),
            writer: Some(writer),
            paused: LocalPause::default(),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (the number of migrations applied).
    pub fn schema_version(&self) -> BoxFuture<'_, Result<u32, StoreError>> {
        self.run(|c| {
            c.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))
                .map_err(sql)
        })
    }

    /// Runs `op` on the writer thread, in the next batch; its result once the batch is durable.
    fn run<T: Send + 'static>(
        &self,
        op: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> BoxFuture<'_, Result<T, StoreError>> {
        self.run_with(true, op)
    }

    /// Runs `op` in the next batch; answered once the batch is committed, and (when `durable`)
    /// on the disk.
    fn run_with<T: Send + 'static>(
        &self,
        durable: bool,
        op: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> BoxFuture<'_, Result<T, StoreError>> {
        let (done, answer) = tokio::sync::oneshot::channel();
        let job = Job {
            durable,
            run: Box::new(move |connection| {
                let result = in_savepoint(connection, op);
                Box::new(move |committed| {
                    let _ = done.send(match committed {
                        Ok(()) => result,
                        Err(reason) => Err(StoreError::Io(reason)),
                    });
                })
            }),
        };
        let sent = match &self.jobs {
            Some(jobs) => jobs.send(job).map_err(|_| ()),
            None => Err(()),
        };
        Box::pin(async move {
            sent.map_err(|_| StoreError::Io("the writer thread has stopped".into()))?;
            answer
                .await
                .map_err(|_| StoreError::Io("the writer thread has stopped".into()))?
        })
    }
}

/// A row limit as SQLite takes it.
fn clamp(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Open(format!("{}: {e}", path.display()))
}

fn sql(e: rusqlite::Error) -> StoreError {
    StoreError::Io(e.to_string())
}

enum MigrateError {
    TooNew(u32),
    Sql(rusqlite::Error),
}

/// Applies the migrations the file lacks, each in its own transaction.
fn migrate(connection: &Connection) -> Result<(), MigrateError> {
    let version: u32 = connection
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(MigrateError::Sql)?;
    if version as usize > MIGRATIONS.len() {
        return Err(MigrateError::TooNew(version));
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let to = index + 1;
        connection
            .execute_batch(&format!(
                "BEGIN IMMEDIATE; {migration} PRAGMA user_version = {to}; COMMIT;"
            ))
            .map_err(MigrateError::Sql)?;
    }
    Ok(())
}

/// Runs `op` in a savepoint: its writes are kept only when it succeeds.
fn in_savepoint<T>(
    connection: &Connection,
    op: impl FnOnce(&Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let run = |statement: &str| -> Result<(), StoreError> {
        connection
            .prepare_cached(statement)
            .and_then(|mut s| s.execute([]))
            .map(|_| ())
            .map_err(sql)
    };
    run("SAVEPOINT op")?;
    let result = op(connection);
    if result.is_err() {
        run("ROLLBACK TO op")?;
    }
    run("RELEASE op")?;
    result
}

/// How often, at most, an idle writer folds the write-ahead log back into the file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The writer thread: takes every operation waiting, runs them in one transaction, commits, and
/// only then answers each. When idle, it checkpoints now and then (and once more at the end),
/// truncating the write-ahead log: with `secure_delete`, an erased token then leaves no copy.
fn writer(connection: Connection, queue: mpsc::Receiver<Job>) {
    let mut checkpointed = std::time::Instant::now();
    // As `open` set it.
    let mut synchronous = "FULL";
    let checkpoint = |connection: &Connection| {
        let _ = connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    };
    loop {
        let first = match queue.recv_timeout(CHECKPOINT_EVERY) {
            Ok(job) => job,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if checkpointed.elapsed() >= CHECKPOINT_EVERY {
                    checkpoint(&connection);
                    checkpointed = std::time::Instant::now();
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                checkpoint(&connection);
                return;
            }
        };
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // A batch of relaxed writes only commits without `fsync`; the next durable commit
        // takes its frames to the disk too.
        let durable = batch.iter().any(|job| job.durable);
        let mode = if durable { "FULL" } else { "NORMAL" };
        let begun = if mode == synchronous {
            Ok(())
        } else {
            synchronous = mode;
            connection.execute_batch(&format!("PRAGMA synchronous = {mode}"))
        }
        .and_then(|()| connection.execute_batch("BEGIN IMMEDIATE"));
        let replies: Vec<Reply> = batch
            .into_iter()
            .map(|job| (job.run)(&connection))
            .collect();
        let committed = begun
            .and_then(|()| connection.execute_batch("COMMIT"))
            .map_err(|e| {
                let _ = connection.execute_batch("ROLLBACK");
                e.to_string()
            });
        for reply in replies {
            reply(committed.clone());
        }
    }
}

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Vaulting> {
    let state: String = row.get(4)?;
    let failure_code: Option<String> = row.get(6)?;
    let failure_step: Option<String> = row.get(7)?;
    Ok(Vaulting {
        vaulting_request_id: row.get(0)?,
        intent_key: row.get(1)?,
        attempt: row.get(2)?,
        card_fingerprint: row.get(3)?,
        // A state written by a newer crate reads as unknown: recovery resolves it.
        state: State::parse(&state).unwrap_or(State::Unknown),
        card_token: row.get::<_, Option<String>>(5)?.map(CardToken::new),
        failure: failure_code.map(|code| {
            Failure::new(
                code,
                failure_step
                    .as_deref()
                    .and_then(NextStep::parse)
                    .unwrap_or(NextStep::RetryWithNewRequestId),
            )
        }),
        in_flight_ms: row.get::<_, i64>(8)?.max(0) as u64,
        created_at_ms: row.get(9)?,
        updated_at_ms: row.get(10)?,
        next_check_at_ms: row.get(11)?,
        checks: row.get(12)?,
        settled_at_ms: row.get(13)?,
        delivered: row.get(14)?,
        version: row.get::<_, i64>(15)?.max(0) as u64,
        conflict: row.get(16)?,
        lease_owner: row.get(17)?,
        lease_until_ms: row.get(18)?,
    })
}

fn write_row(connection: &Connection, statement: &str, v: &Vaulting) -> rusqlite::Result<usize> {
    connection.prepare_cached(statement)?.execute(params![
        v.vaulting_request_id,
        v.intent_key,
        v.attempt,
        v.card_fingerprint,
        v.state.as_str(),
        v.card_token.as_ref().map(CardToken::expose),
        v.failure.as_ref().map(|f| f.code.as_str()),
        v.failure.as_ref().map(|f| f.next_step.as_str()),
        v.in_flight_ms as i64,
        v.created_at_ms,
        v.updated_at_ms,
        v.next_check_at_ms,
        v.checks,
        v.settled_at_ms,
        v.delivered,
        v.version as i64,
        v.conflict,
        v.lease_owner,
        v.lease_until_ms,
    ])
}

/// Writes `row` over the stored one only while the stored version is `row.version - 1`.
fn replace_row(c: &Connection, row: &Vaulting) -> Result<bool, StoreError> {
    let changed = c
        .prepare_cached(
            "UPDATE vaultings SET state = ?2, card_token = ?3, failure_code = ?4, \
             failure_next_step = ?5, updated_at_ms = ?6, next_check_at_ms = ?7, \
             checks = ?8, settled_at_ms = ?9, delivered = ?10, version = ?11, \
             conflict = ?12, lease_owner = ?13, lease_until_ms = ?14 \
             WHERE vaulting_request_id = ?1 AND version = ?15",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                row.vaulting_request_id,
                row.state.as_str(),
                row.card_token.as_ref().map(CardToken::expose),
                row.failure.as_ref().map(|f| f.code.as_str()),
                row.failure.as_ref().map(|f| f.next_step.as_str()),
                row.updated_at_ms,
                row.next_check_at_ms,
                row.checks,
                row.settled_at_ms,
                row.delivered,
                row.version as i64,
                row.conflict,
                row.lease_owner,
                row.lease_until_ms,
                row.version.saturating_sub(1) as i64,
            ])
        })
        .map_err(sql)?;
    Ok(changed == 1)
}

fn get_row(connection: &Connection, id: &str) -> Result<Option<Vaulting>, StoreError> {
    connection
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM vaultings WHERE vaulting_request_id = ?1"
        ))
        .and_then(|mut statement| statement.query_row([id], read_row).optional())
        .map_err(sql)
}

impl Store for SqliteStore {
    fn insert(&self, row: Vaulting) -> BoxFuture<'_, Result<Inserted, StoreError>> {
        self.run(move |c| {
            // One statement when the id is new; a read only when it is not.
            let inserted = write_row(
                c,
                &format!(
                    "INSERT INTO vaultings ({COLUMNS}) VALUES \
                     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                      ?17, ?18, ?19) ON CONFLICT (vaulting_request_id) DO NOTHING"
                ),
                &row,
            )
            .map_err(sql)?;
            if inserted == 1 {
                return Ok(Inserted::New);
            }
            match get_row(c, &row.vaulting_request_id)? {
                Some(existing) => Ok(Inserted::Existing(Box::new(existing))),
                None => Err(StoreError::Io(
                    "an insert neither added nor found its row".into(),
                )),
            }
        })
    }

    fn get<'a>(
        &'a self,
        vaulting_request_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Vaulting>, StoreError>> {
        let id = vaulting_request_id.to_owned();
        self.run(move |c| get_row(c, &id))
    }

    fn replace_relaxed(&self, row: Vaulting) -> BoxFuture<'_, Result<bool, StoreError>> {
        self.run_with(false, move |c| replace_row(c, &row))
    }

    fn replace(&self, row: Vaulting) -> BoxFuture<'_, Result<bool, StoreError>> {
        self.run(move |c| replace_row(c, &row))
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
        let owner = owner.to_owned();
        self.run(move |c| {
            let mut statement = c
                .prepare(&format!(
                    "UPDATE vaultings SET lease_owner = ?1, lease_until_ms = ?2, \
                     version = version + 1 \
                     WHERE vaulting_request_id IN (SELECT vaulting_request_id FROM vaultings \
                         WHERE state NOT IN ('vaulted', 'failed', 'abandoned') \
                         AND next_check_at_ms <= ?3 AND lease_until_ms <= ?3 \
                         ORDER BY next_check_at_ms LIMIT ?4) \
                     RETURNING {COLUMNS}"
                ))
                .map_err(sql)?;
            let mut rows = statement
                .query_map(
                    params![owner, lease_until_ms, now_ms, clamp(limit)],
                    read_row,
                )
                .map_err(sql)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(sql)?;
            // RETURNING gives the rows in no promised order.
            rows.sort_by_key(|r| r.next_check_at_ms);
            Ok(rows)
        })
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
        self.run(move |c| {
            let condition = match filter {
                Filter::All => "1 = 1",
                Filter::Pending => "state NOT IN ('vaulted', 'failed', 'abandoned')",
                Filter::Undelivered => {
                    "delivered = 0 AND state IN ('vaulted', 'failed', 'abandoned')"
                }
            };
            let mut statement = c
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM vaultings WHERE {condition} \
                     ORDER BY created_at_ms, vaulting_request_id LIMIT ?1"
                ))
                .map_err(sql)?;
            let rows = statement
                .query_map([clamp(limit)], read_row)
                .map_err(sql)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(sql)?;
            Ok(rows)
        })
    }
}
