//! The integration tests, in one test binary (one link instead of one per file). Each module is
//! one former `tests/<name>.rs` and keeps its own docs; `support` holds the shared helpers.
//!
//! Two groups stay in binaries of their own, because they need the whole process:
//! `tests/secrets/` (the global tracing subscriber) and `tests/soak.rs` (the process's memory
//! and file descriptors).
//!
//! Run one module with `cargo test --all-features --test it <module>::`, for example
//! `cargo test --all-features --test it fault_matrix::`.

mod support;

mod axum_webhook;
mod cli;
mod client_retries;
mod client_settings;
mod fault_matrix;
mod fixtures;
mod from_env;
mod guidance;
mod hostile_input;
mod https;
mod key_rotation;
mod keys_files;
mod ledger;
mod ledger_crash;
mod ledger_example;
mod ledger_fleet;
mod ledger_stores;
mod models;
mod no_lost_outcome;
mod notification_outcomes;
mod notifications;
mod outcome_tables;
mod proxy;
mod python_sdk_interop;
mod quickstart;
mod redaction;
mod request_limits;
mod resolve;
mod retry_table;
mod schemathesis;
mod sdk_fields;
mod signing_vectors;
mod simulator_fault_rules;
mod simulator_faults;
mod simulator_idempotency;
mod simulator_notifications;
mod simulator_scenarios;
mod simulator_signatures;
mod simulator_three_ds;
mod telemetry;
mod trust;
mod trust_edges;
mod wire;
