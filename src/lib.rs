//! Typed, validated bindings for Alipay Global's card-vaulting API.
//!
//! - [`types`]: the request and response models of `vaultPaymentMethod`, `inquireVaulting` and
//!   the `notifyVaulting` webhook, generated from `spec/vaulting.yaml`.
//! - [`RawClient`]: the generated client; every call passes through this crate's hooks.
//! - [`card`]: the card number and CVV types, which never print their value.
//! - [`validate`]: the spec's request rules, checked before anything is sent.
//! - [`open_enum`]: enumerated response values that survive values Alipay adds later.
#![warn(missing_docs)]

pub mod card;
mod client;
pub mod clock;
pub mod error;
pub mod headers;
pub mod hooks;
pub mod keys;
pub mod notification;
pub mod open_enum;
pub mod outcome;
pub mod retry;
pub mod signing;
#[cfg(feature = "simulator")]
pub mod simulator;
pub mod validate;
pub mod verification;

/// The code generated from `spec/vaulting.yaml` by `build.rs` (reviewed copy: `spec/generated.rs`).
#[allow(missing_docs, clippy::all, unused_imports, unreachable_pub)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub use client::{
    Client, ClientBuilder, Region, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
};
pub use error::{BuildError, Error, ErrorKind};
pub use generated::types;
pub use generated::Client as RawClient;
pub use open_enum::Open;
pub use validate::{Validate, ValidationError};
