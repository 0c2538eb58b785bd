//! A typed, signed and verified client for Alipay Global's card-vaulting API.
//!
//! Start with [`Client::builder`]; the README's quickstart runs the whole flow against the
//! bundled simulator (`cargo run -p quickstart`).
//!
//! - [`Client`]: validated, signed, verified calls that return typed outcomes; `resolve` for an
//!   outcome that is not known yet.
//! - [`outcome`]: the API documents' result-handling rules as types.
//! - [`error`]: errors by how far a call got (not sent, outcome unknown, response rejected).
//! - [`notification`]: verifying the `notifyVaulting` webhook, and its acknowledgement.
//! - [`types`]: the request and response models, generated from `spec/vaulting.yaml`;
//!   [`validate`] checks the spec's request rules, [`card`] keeps card data out of every print,
//!   [`open_enum`] keeps enumerated values Alipay adds later.
//! - [`keys`], [`signing`], [`verification`]: RSA256 keys, signatures and the response policy.
//! - [`tls`]: which roots the gateway's certificate may chain to (system, Mozilla's, your CA).
//! - [`telemetry`]: the spans every call opens, and the metrics of feature `metrics`.
//! - `axum` (feature `axum`): an extractor that yields only verified notifications, and the
//!   acknowledgement.
//! - `simulator` (feature `simulator`): a local gateway for tests and demos.
//! - `ledger` (feature `ledger`, a SQLite store with `ledger-sqlite`): vaultings recorded
//!   before they are sent, settled exactly once after a crash, delivered to the service once.
#![warn(missing_docs)]

#[cfg(feature = "axum")]
pub mod axum;
pub mod card;
mod client;
pub mod clock;
pub mod error;
pub mod headers;
pub mod hooks;
pub mod keys;
#[cfg(feature = "ledger")]
pub mod ledger;
pub mod lenient;
pub mod notification;
pub mod open_enum;
pub mod operation;
pub mod outcome;
pub mod retry;
pub mod signing;
#[cfg(feature = "simulator")]
pub mod simulator;
pub mod telemetry;
pub mod tls;
pub mod validate;
pub mod verification;

/// The code generated from `spec/vaulting.yaml` by `build.rs` (reviewed copy: `spec/generated.rs`).
#[allow(missing_docs, clippy::all, unused_imports, unreachable_pub)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub use client::{
    Client, ClientBuilder, Gateway, InquiryBudget, Region, ResolveOptions, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_NOT_FOUND_WINDOW, DEFAULT_RESOLVE_DEADLINE,
    DEFAULT_TIMEOUT, ENV_VARIABLES,
};
pub use error::{BuildError, Error, ErrorKind};
pub use generated::types;
pub use generated::Client as RawClient;
pub use open_enum::Open;
pub use tls::{RootCertificate, TlsRoots};
pub use validate::{Validate, ValidationError};

/// The README's Rust examples, compiled (and, but for `no_run`, run) as doctests so they cannot
/// rot. They use the simulator, so they need its feature (CI tests with `--all-features`).
#[cfg(all(doctest, feature = "simulator"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
