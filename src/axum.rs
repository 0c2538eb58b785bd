//! The `notifyVaulting` webhook in an axum service (feature `axum`): an extractor that yields
//! only verified notifications, and the acknowledgement Alipay expects.
//!
//! [`VerifiedNotification`] reads the raw body (up to the verifier's
//! [`body_limit`](NotificationVerifier::body_limit)), verifies the method, the path, the
//! headers and the signature with the [`NotificationVerifier`] it takes from the router's
//! state, and yields the typed notification with its [`NotificationOutcome`]. Anything else is
//! refused before the handler runs: `401` for a missing, malformed or wrong signature (or one
//! for another client id), `400` for a body that is not a notification, `413` for an oversized
//! one, `405` for a method other than POST. A refusal never carries the acknowledgement, so
//! Alipay's own notification is resent, and its reason is logged (`tracing`, level WARN; the
//! reason holds no body, card data or signature).
//!
//! Return [`Acknowledgement`] once the outcome is stored. Alipay resends a notification until
//! it is acknowledged (8 times over about 24 hours), so store it idempotently by
//! `vaultingRequestId` and acknowledge a notification that was already stored; answer an
//! error instead when storing failed, and Alipay tries again.
//!
//! ```
//! use alipay_vaulting::axum::{Acknowledgement, VerifiedNotification};
//! use alipay_vaulting::notification::{NotificationOutcome, NotificationVerifier};
//! use axum::http::StatusCode;
//! use axum::routing::post;
//!
//! async fn notify_vaulting(
//!     VerifiedNotification { notification, outcome, .. }: VerifiedNotification,
//! ) -> Result<Acknowledgement, StatusCode> {
//!     let id = &notification.vaulting_request_id;
//!     match &outcome {
//!         // Store the token, keeping the first row for `id` (a resend finds it there).
//!         NotificationOutcome::Vaulted(card) => { let _ = (id, card.card_token()); }
//!         // Final: this vaulting request id will not vault the card.
//!         NotificationOutcome::Failed(failure) => { let _ = (id, &failure.code); }
//!         // Not settled: acknowledge, then inquire with the same vaulting request id.
//!         _ => { let _ = id; }
//!     }
//!     // On a storage error, return Err(StatusCode::SERVICE_UNAVAILABLE): Alipay resends.
//!     Ok(Acknowledgement)
//! }
//!
//! fn webhook(verifier: NotificationVerifier) -> axum::Router {
//!     // `client.notification_verifier()`: the Alipay public key and the client id.
//!     axum::Router::new()
//!         .route("/notify/vaulting", post(notify_vaulting))
//!         .with_state(verifier)
//! }
//! # let _ = webhook;
//! ```
//!
//! The state may be any type the verifier can be taken from (`NotificationVerifier:
//! FromRef<S>`, e.g. a field marked `#[from_ref]` of an app state deriving `FromRef`). Behind a
//! proxy that rewrites the path, give the public one with
//! [`NotificationVerifier::public_path`]; otherwise the path is the one the request arrived on
//! (before any `nest`).

use std::fmt;

use ::axum::body::Body;
use ::axum::extract::{FromRef, FromRequest, OriginalUri, Request};
use ::axum::http::{header, HeaderValue, Method, StatusCode};
use ::axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;

use crate::notification::{
    interpret_notification, NotificationError, NotificationOutcome, NotificationVerifier,
    ACKNOWLEDGEMENT, ACKNOWLEDGEMENT_CONTENT_TYPE,
};
use crate::types;

/// A notification whose signature, client id and body were verified, with what it says.
///
/// `Debug` prints no card token (the models hold the redacting [`CardToken`]).
///
/// [`CardToken`]: crate::card::CardToken
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct VerifiedNotification {
    /// The notification as sent, every field kept.
    pub notification: types::NotifyVaultingRequest,
    /// What it says about the vaulting ([`interpret_notification`]).
    pub outcome: NotificationOutcome,
}

impl<S> FromRequest<S> for VerifiedNotification
where
    NotificationVerifier: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = NotificationRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = NotificationVerifier::from_ref(state);
        let (parts, body) = request.into_parts();
        if parts.method != Method::POST {
            return Err(NotificationError::WrongMethod.into());
        }
        let limit = verifier.body_limit();
        let declared = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<usize>().ok());
        if let Some(len) = declared.filter(|len| *len > limit) {
            return Err(NotificationError::BodyTooLarge { len, limit }.into());
        }
        let body = read_capped(body, limit).await?;
        // The path as it arrived, before any `nest` stripped a prefix.
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(&parts.uri, |original| &original.0);
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let notification = verifier.verify("POST", path, &parts.headers, &body)?;
        let outcome = interpret_notification(notification.clone());
        Ok(VerifiedNotification {
            notification,
            outcome,
        })
    }
}

/// Reads the body, refusing it as soon as it passes `limit` bytes.
async fn read_capped(mut body: Body, limit: usize) -> Result<Vec<u8>, NotificationRejection> {
    let mut read = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| NotificationRejection::BodyUnreadable)?;
        if let Ok(data) = frame.into_data() {
            let len = read.len() + data.len();
            if len > limit {
                return Err(NotificationError::BodyTooLarge { len, limit }.into());
            }
            read.extend_from_slice(&data);
        }
    }
    Ok(read)
}

/// Why [`VerifiedNotification`] refused a request, and the answer it gets.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotificationRejection {
    /// The verifier refused it.
    Rejected(NotificationError),
    /// The body could not be read (the connection broke while it was sent).
    BodyUnreadable,
}

impl NotificationRejection {
    /// The HTTP status of the answer: 401 for a signature that is missing, malformed, wrong,
    /// stale or for another client id; 400 for a body that is not a notification; 413 for an
    /// oversized body; 405 for a method other than POST.
    pub fn status(&self) -> StatusCode {
        match self {
            NotificationRejection::Rejected(error) => match error {
                NotificationError::WrongMethod => StatusCode::METHOD_NOT_ALLOWED,
                NotificationError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                NotificationError::InvalidPath
                | NotificationError::NotUtf8
                | NotificationError::MalformedBody { .. } => StatusCode::BAD_REQUEST,
                _ => StatusCode::UNAUTHORIZED,
            },
            NotificationRejection::BodyUnreadable => StatusCode::BAD_REQUEST,
        }
    }
}

impl From<NotificationError> for NotificationRejection {
    fn from(error: NotificationError) -> Self {
        NotificationRejection::Rejected(error)
    }
}

impl fmt::Display for NotificationRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotificationRejection::Rejected(error) => error.fmt(f),
            NotificationRejection::BodyUnreadable => {
                f.write_str("notification rejected: the body could not be read")
            }
        }
    }
}

impl std::error::Error for NotificationRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NotificationRejection::Rejected(error) => Some(error),
            NotificationRejection::BodyUnreadable => None,
        }
    }
}

impl IntoResponse for NotificationRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        tracing::warn!(status = status.as_u16(), reason = %self, "notifyVaulting refused");
        let mut response = (status, self.to_string()).into_response();
        if status == StatusCode::METHOD_NOT_ALLOWED {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("POST"));
        }
        response
    }
}

/// The answer to a verified, stored notification: HTTP 200, `content-type:
/// application/json`, and exactly [`ACKNOWLEDGEMENT`]. Anything else makes Alipay resend.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Acknowledgement;

impl IntoResponse for Acknowledgement {
    fn into_response(self) -> Response {
        (
            StatusCode::OK,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(ACKNOWLEDGEMENT_CONTENT_TYPE),
            )],
            ACKNOWLEDGEMENT,
        )
            .into_response()
    }
}
