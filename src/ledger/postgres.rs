//! The store for a fleet: PostgreSQL, shared by every instance (feature `ledger-postgres`).
//!
//! Through `tokio-postgres` (no query macros: a dependent's build needs no database). The
//! tables live in a schema the service chooses (`alipay_vaulting` by default), in the service's
//! own database if it likes. Every operation is one statement, atomic on its own; claims take
//! rows with `FOR UPDATE SKIP LOCKED`, so instances claiming at once never wait for each other
//! nor take the same row; and the **database's clock** decides due times and leases.
//!
//! A service can record the intent in the same transaction as its own row
//! ([`PgStore::record_intent_in`]), so that the two never disagree.
//!
//! Migrations are embedded and applied at connect, under an advisory lock (a fleet starting at
//! once migrates once).

use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::RwLock;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls, Row, Statement};

use super::record::Vaulting;
use super::state::{Failure, State};
use super::store::{BoxFuture, Filter, Inserted, Store, StoreError};
use crate::card::CardToken;
use crate::outcome::NextStep;

/// The schema when the service names none.
pub const DEFAULT_SCHEMA: &str = "alipay_vaulting";

/// The migrations, oldest first; `{schema}` is replaced by the quoted schema.
const MIGRATIONS: &[&str] = &[
    // 1: the vaultings.
    "CREATE TABLE {schema}.vaultings (
        vaulting_request_id TEXT PRIMARY KEY,
        intent_key TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        card_fingerprint TEXT NOT NULL,
        state TEXT NOT NULL,
        card_token TEXT,
        failure_code TEXT,
        failure_next_step TEXT,
        in_flight_ms BIGINT NOT NULL,
        created_at_ms BIGINT NOT NULL,
        updated_at_ms BIGINT NOT NULL,
        next_check_at_ms BIGINT NOT NULL,
        checks INTEGER NOT NULL,
        settled_at_ms BIGINT,
        delivered BOOLEAN NOT NULL,
        version BIGINT NOT NULL,
        conflict TEXT,
        lease_owner TEXT,
        lease_until_ms BIGINT NOT NULL DEFAULT 0
    )",
    // 2: partial indexes: a claim reads only due rows that are not final, whatever the number of
    // settled rows; the outbox reads only undelivered final rows.
    "CREATE INDEX vaultings_due ON {schema}.vaultings (next_check_at_ms)
         WHERE state NOT IN ('vaulted', 'failed', 'abandoned');
     CREATE INDEX vaultings_undelivered ON {schema}.vaultings (created_at_ms)
         WHERE delivered = false AND state IN ('vaulted', 'failed', 'abandoned')",
    // 3: one row the whole fleet reads: claims pause after a traffic-limit answer.
    "CREATE TABLE {schema}.ledger_fleet (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        paused_until_ms BIGINT NOT NULL
    );
    INSERT INTO {schema}.ledger_fleet VALUES (1, 0)",
];

/// The columns, in the order [`read_row`] reads them.
const COLUMNS: &str = "vaulting_request_id, intent_key, attempt, card_fingerprint, state, \
    card_token, failure_code, failure_next_step, in_flight_ms, created_at_ms, updated_at_ms, \
    next_check_at_ms, checks, settled_at_ms, delivered, version, conflict, lease_owner, \
    lease_until_ms";

/// Now by the database's clock, in milliseconds since the Unix epoch.
const DB_NOW: &str = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/// One connection and its prepared statements.
struct Connection {
    client: Client,
    pause: Statement,
    insert: Statement,
    get: Statement,
    replace: Statement,
    claim: Statement,
    list: [Statement; 3],
}

/// A [`Store`] in PostgreSQL.
pub struct PgStore {
    config: String,
    schema: String,
    connections: Vec<RwLock<Arc<Connection>>>,
    next: AtomicUsize,
    /// The database's clock minus this machine's, in milliseconds.
    clock_offset_ms: AtomicI64,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The connection string may hold a password.
        f.debug_struct("PgStore")
            .field("schema", &self.schema)
            .field("connections", &self.connections.len())
            .finish_non_exhaustive()
    }
}

fn io(e: tokio_postgres::Error) -> StoreError {
    StoreError::Io(e.to_string())
}

/// A schema name the SQL can carry: lower-case letters, digits and `_`, not starting with a
/// digit, at most 63 bytes.
fn check_schema(schema: &str) -> Result<(), StoreError> {
    let ok = !schema.is_empty()
        && schema.len() <= 63
        && !schema.as_bytes()[0].is_ascii_digit()
        && schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Open(format!(
            "schema {schema:?}: use lower-case letters, digits and '_'"
        )))
    }
}

impl PgStore {
    /// Connects to `config` (a `postgres://` URL or key-value string), in the default schema,
    /// with 4 connections.
    pub async fn connect(config: &str) -> Result<PgStore, StoreError> {
        PgStore::connect_with(config, DEFAULT_SCHEMA, 4).await
    }

    /// Connects with `connections` connections, the tables in `schema` (created when missing,
    /// migrated when older).
    pub async fn connect_with(
        config: &str,
        schema: &str,
        connections: usize,
    ) -> Result<PgStore, StoreError> {
        check_schema(schema)?;
        let first = open(config, schema, true).await?;
        let mut slots = vec![RwLock::new(Arc::new(first))];
        for _ in 1..connections.max(1) {
            slots.push(RwLock::new(Arc::new(open(config, schema, false).await?)));
        }
        let store = PgStore {
            config: config.to_owned(),
            schema: schema.to_owned(),
            connections: slots,
            next: AtomicUsize::new(0),
            clock_offset_ms: AtomicI64::new(0),
        };
        store.sync_clock().await?;
        Ok(store)
    }

    /// The schema the tables live in.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// Measures the database's clock against this machine's (the ledger's times are the
    /// database's).
    pub async fn sync_clock(&self) -> Result<(), StoreError> {
        let connection = self.connection().await?;
        let before = super::now_ms();
        let row = connection
            .client
            .query_one(&format!("SELECT {DB_NOW}"), &[])
            .await
            .map_err(io)?;
        let after = super::now_ms();
        let db: i64 = row.get(0);
        self.clock_offset_ms
            .store(db - (before + after) / 2, Ordering::Relaxed);
        Ok(())
    }

    /// Records `row` (an intent: [`Vaulting::intent`]) in the service's own transaction, beside
    /// its own row: both commit or neither does. Then send it with
    /// [`Ledger::vault_recorded`](super::Ledger::vault_recorded).
    pub async fn record_intent_in(
        &self,
        transaction: &tokio_postgres::Transaction<'_>,
        row: &Vaulting,
    ) -> Result<Inserted, StoreError> {
        let statement = transaction
            .prepare(&insert_sql(&self.schema))
            .await
            .map_err(io)?;
        let params = row_params(row);
        let inserted = transaction
            .query_opt(&statement, &refs(&params))
            .await
            .map_err(io)?;
        match inserted {
            Some(_) => Ok(Inserted::New),
            None => {
                let get = transaction
                    .prepare(&get_sql(&self.schema))
                    .await
                    .map_err(io)?;
                let existing = transaction
                    .query_opt(&get, &[&row.vaulting_request_id])
                    .await
                    .map_err(io)?
                    .ok_or_else(|| StoreError::Io("an intent neither added nor found".into()))?;
                Ok(Inserted::Existing(Box::new(read_row(&existing)?)))
            }
        }
    }

    /// A connection, round robin; one that closed is opened again.
    async fn connection(&self) -> Result<Arc<Connection>, StoreError> {
        let slot =
            &self.connections[self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len()];
        let current = slot.read().await.clone();
        if !current.client.is_closed() {
            return Ok(current);
        }
        let mut writable = slot.write().await;
        if writable.client.is_closed() {
            *writable = Arc::new(open(&self.config, &self.schema, false).await?);
        }
        Ok(writable.clone())
    }

    /// The whole table, emptied (for tests and benchmarks).
    pub async fn truncate(&self) -> Result<(), StoreError> {
        let connection = self.connection().await?;
        connection
            .client
            .batch_execute(&format!("TRUNCATE {}.vaultings", quoted(&self.schema)))
            .await
            .map_err(io)
    }
}

fn quoted(schema: &str) -> String {
    format!("\"{schema}\"")
}

fn insert_sql(schema: &str) -> String {
    format!(
        "INSERT INTO {}.vaultings ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
         $11, $12, $13, $14, $15, $16, $17, $18, $19) ON CONFLICT (vaulting_request_id) DO \
         NOTHING RETURNING version",
        quoted(schema)
    )
}

fn get_sql(schema: &str) -> String {
    format!(
        "SELECT {COLUMNS} FROM {}.vaultings WHERE vaulting_request_id = $1",
        quoted(schema)
    )
}

/// Opens one connection, migrates when `migrate`, and prepares the statements.
async fn open(config: &str, schema: &str, migrate: bool) -> Result<Connection, StoreError> {
    let (mut client, connection) = tokio_postgres::connect(config, NoTls)
        .await
        .map_err(|e| StoreError::Open(e.to_string()))?;
    tokio::spawn(async move {
        if let Err(error) = connection.await {
            tracing::warn!(%error, "a ledger connection to PostgreSQL ended");
        }
    });
    if migrate {
        run_migrations(&mut client, schema).await?;
    }
    let table = format!("{}.vaultings", quoted(schema));
    let fleet = format!("{}.ledger_fleet", quoted(schema));
    let prepare = |sql: String| {
        let client = &client;
        async move {
            client
                .prepare(&sql)
                .await
                .map_err(|e| StoreError::Open(e.to_string()))
        }
    };
    let final_states = "('vaulted', 'failed', 'abandoned')";
    let list = |condition: &str| {
        format!(
            "SELECT {COLUMNS} FROM {table} WHERE {condition} \
             ORDER BY created_at_ms, vaulting_request_id LIMIT $1"
        )
    };
    Ok(Connection {
        pause: prepare(format!(
            "UPDATE {fleet} SET paused_until_ms = GREATEST(paused_until_ms, {DB_NOW} + $1) \
             WHERE id = 1"
        ))
        .await?,
        insert: prepare(insert_sql(schema)).await?,
        get: prepare(get_sql(schema)).await?,
        replace: prepare(format!(
            "UPDATE {table} SET state = $2, card_token = $3, failure_code = $4, \
             failure_next_step = $5, updated_at_ms = $6, next_check_at_ms = $7, checks = $8, \
             settled_at_ms = $9, delivered = $10, version = $11, conflict = $12, \
             lease_owner = $13, lease_until_ms = $14 \
             WHERE vaulting_request_id = $1 AND version = $15"
        ))
        .await?,
        // The database's clock: due and free by its `now`; the lease runs from it.
        claim: prepare(format!(
            "UPDATE {table} SET lease_owner = $1, lease_until_ms = {DB_NOW} + $2, \
             version = version + 1 \
             WHERE vaulting_request_id IN (SELECT vaulting_request_id FROM {table} \
                 WHERE state NOT IN {final_states} AND next_check_at_ms <= {DB_NOW} \
                 AND lease_until_ms <= {DB_NOW} \
                 AND (SELECT paused_until_ms FROM {fleet} WHERE id = 1) <= {DB_NOW} \
                 ORDER BY next_check_at_ms LIMIT $3 FOR UPDATE SKIP LOCKED) \
             RETURNING {COLUMNS}"
        ))
        .await?,
        list: [
            prepare(list("true")).await?,
            prepare(list(&format!("state NOT IN {final_states}"))).await?,
            prepare(list(&format!(
                "delivered = false AND state IN {final_states}"
            )))
            .await?,
        ],
        client,
    })
}

/// Applies the migrations the schema lacks, under an advisory lock.
async fn run_migrations(client: &mut Client, schema: &str) -> Result<(), StoreError> {
    let open_error = |e: tokio_postgres::Error| StoreError::Open(e.to_string());
    let transaction = client.transaction().await.map_err(open_error)?;
    transaction
        .execute(
            "SELECT pg_advisory_xact_lock(hashtext('alipay_vaulting ledger ' || $1::text))",
            &[&schema],
        )
        .await
        .map_err(open_error)?;
    let schema_sql = quoted(schema);
    transaction
        .batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {schema_sql};
             CREATE TABLE IF NOT EXISTS {schema_sql}.ledger_schema (version INTEGER NOT NULL);"
        ))
        .await
        .map_err(open_error)?;
    let version: i32 = transaction
        .query_opt(
            &format!("SELECT version FROM {schema_sql}.ledger_schema"),
            &[],
        )
        .await
        .map_err(open_error)?
        .map_or(0, |row| row.get(0));
    if version as usize > MIGRATIONS.len() {
        return Err(StoreError::TooNew {
            found: version as u32,
            known: MIGRATIONS.len() as u32,
        });
    }
    for migration in MIGRATIONS.iter().skip(version as usize) {
        transaction
            .batch_execute(&migration.replace("{schema}", &schema_sql))
            .await
            .map_err(open_error)?;
    }
    let known = MIGRATIONS.len() as i32;
    transaction
        .batch_execute(&format!(
            "DELETE FROM {schema_sql}.ledger_schema;
             INSERT INTO {schema_sql}.ledger_schema VALUES ({known});"
        ))
        .await
        .map_err(open_error)?;
    transaction.commit().await.map_err(open_error)
}

fn row_params(v: &Vaulting) -> Vec<Box<dyn ToSql + Sync + Send>> {
    vec![
        Box::new(v.vaulting_request_id.clone()),
        Box::new(v.intent_key.clone()),
        Box::new(v.attempt as i32),
        Box::new(v.card_fingerprint.clone()),
        Box::new(v.state.as_str()),
        Box::new(v.card_token.as_ref().map(|t| t.expose().to_owned())),
        Box::new(v.failure.as_ref().map(|f| f.code.clone())),
        Box::new(v.failure.as_ref().map(|f| f.next_step.as_str())),
        Box::new(v.in_flight_ms as i64),
        Box::new(v.created_at_ms),
        Box::new(v.updated_at_ms),
        Box::new(v.next_check_at_ms),
        Box::new(v.checks as i32),
        Box::new(v.settled_at_ms),
        Box::new(v.delivered),
        Box::new(v.version as i64),
        Box::new(v.conflict.clone()),
        Box::new(v.lease_owner.clone()),
        Box::new(v.lease_until_ms),
    ]
}

fn refs(params: &[Box<dyn ToSql + Sync + Send>]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

fn read_row(row: &Row) -> Result<Vaulting, StoreError> {
    let get = |e: tokio_postgres::Error| StoreError::Io(e.to_string());
    let state: String = row.try_get(4).map_err(get)?;
    let failure_code: Option<String> = row.try_get(6).map_err(get)?;
    let failure_step: Option<String> = row.try_get(7).map_err(get)?;
    Ok(Vaulting {
        vaulting_request_id: row.try_get(0).map_err(get)?,
        intent_key: row.try_get(1).map_err(get)?,
        attempt: row.try_get::<_, i32>(2).map_err(get)?.max(0) as u32,
        card_fingerprint: row.try_get(3).map_err(get)?,
        state: State::parse(&state).unwrap_or(State::Unknown),
        card_token: row
            .try_get::<_, Option<String>>(5)
            .map_err(get)?
            .map(CardToken::new),
        failure: failure_code.map(|code| {
            Failure::new(
                code,
                failure_step
                    .as_deref()
                    .and_then(NextStep::parse)
                    .unwrap_or(NextStep::RetryWithNewRequestId),
            )
        }),
        in_flight_ms: row.try_get::<_, i64>(8).map_err(get)?.max(0) as u64,
        created_at_ms: row.try_get(9).map_err(get)?,
        updated_at_ms: row.try_get(10).map_err(get)?,
        next_check_at_ms: row.try_get(11).map_err(get)?,
        checks: row.try_get::<_, i32>(12).map_err(get)?.max(0) as u32,
        settled_at_ms: row.try_get(13).map_err(get)?,
        delivered: row.try_get(14).map_err(get)?,
        version: row.try_get::<_, i64>(15).map_err(get)?.max(0) as u64,
        conflict: row.try_get(16).map_err(get)?,
        lease_owner: row.try_get(17).map_err(get)?,
        lease_until_ms: row.try_get(18).map_err(get)?,
    })
}

fn limit(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

impl Store for PgStore {
    fn insert(&self, row: Vaulting) -> BoxFuture<'_, Result<Inserted, StoreError>> {
        Box::pin(async move {
            let connection = self.connection().await?;
            let params = row_params(&row);
            let inserted = connection
                .client
                .query_opt(&connection.insert, &refs(&params))
                .await
                .map_err(io)?;
            if inserted.is_some() {
                return Ok(Inserted::New);
            }
            let existing = connection
                .client
                .query_opt(&connection.get, &[&row.vaulting_request_id])
                .await
                .map_err(io)?
                .ok_or_else(|| {
                    StoreError::Io("an insert neither added nor found its row".into())
                })?;
            Ok(Inserted::Existing(Box::new(read_row(&existing)?)))
        })
    }

    fn get<'a>(
        &'a self,
        vaulting_request_id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Vaulting>, StoreError>> {
        Box::pin(async move {
            let connection = self.connection().await?;
            connection
                .client
                .query_opt(&connection.get, &[&vaulting_request_id])
                .await
                .map_err(io)?
                .map(|row| read_row(&row))
                .transpose()
        })
    }

    fn replace(&self, row: Vaulting) -> BoxFuture<'_, Result<bool, StoreError>> {
        Box::pin(async move {
            let connection = self.connection().await?;
            let token = row.card_token.as_ref().map(|t| t.expose().to_owned());
            let code = row.failure.as_ref().map(|f| f.code.clone());
            let step = row.failure.as_ref().map(|f| f.next_step.as_str());
            let checks = row.checks as i32;
            let version = row.version as i64;
            let before = row.version.saturating_sub(1) as i64;
            let changed = connection
                .client
                .execute(
                    &connection.replace,
                    &[
                        &row.vaulting_request_id,
                        &row.state.as_str(),
                        &token,
                        &code,
                        &step,
                        &row.updated_at_ms,
                        &row.next_check_at_ms,
                        &checks,
                        &row.settled_at_ms,
                        &row.delivered,
                        &version,
                        &row.conflict,
                        &row.lease_owner,
                        &row.lease_until_ms,
                        &before,
                    ],
                )
                .await
                .map_err(io)?;
            Ok(changed == 1)
        })
    }

    fn claim_due<'a>(
        &'a self,
        owner: &'a str,
        now_ms: i64,
        lease_until_ms: i64,
        limit_rows: usize,
    ) -> BoxFuture<'a, Result<Vec<Vaulting>, StoreError>> {
        Box::pin(async move {
            let connection = self.connection().await?;
            let lease = lease_until_ms.saturating_sub(now_ms).max(0);
            let rows = connection
                .client
                .query(&connection.claim, &[&owner, &lease, &limit(limit_rows)])
                .await
                .map_err(io)?;
            let mut claimed = rows.iter().map(read_row).collect::<Result<Vec<_>, _>>()?;
            claimed.sort_by_key(|r| r.next_check_at_ms);
            Ok(claimed)
        })
    }

    fn now_ms(&self) -> i64 {
        super::now_ms() + self.clock_offset_ms.load(Ordering::Relaxed)
    }

    fn pause_claims(&self, pause_ms: i64) -> BoxFuture<'_, Result<(), StoreError>> {
        Box::pin(async move {
            let connection = self.connection().await?;
            connection
                .client
                .execute(&connection.pause, &[&pause_ms])
                .await
                .map_err(io)?;
            Ok(())
        })
    }

    fn list(
        &self,
        filter: Filter,
        limit_rows: usize,
    ) -> BoxFuture<'_, Result<Vec<Vaulting>, StoreError>> {
        Box::pin(async move {
            let connection = self.connection().await?;
            let statement = match filter {
                Filter::All => &connection.list[0],
                Filter::Pending => &connection.list[1],
                Filter::Undelivered => &connection.list[2],
            };
            let rows = connection
                .client
                .query(statement, &[&limit(limit_rows)])
                .await
                .map_err(io)?;
            rows.iter().map(read_row).collect()
        })
    }
}
