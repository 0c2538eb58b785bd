//! `notification verify`: check a captured notifyVaulting webhook with the Alipay public key.

use alipay_vaulting::keys::PublicKey;
use alipay_vaulting::notification::{
    interpret_notification, NotificationError, NotificationVerifier, ACKNOWLEDGEMENT,
};
use alipay_vaulting::types::NotifyVaultingRequest;

use crate::args::VerifyArgs;
use crate::exit::{Exit, Failure};
use crate::input;
use crate::keyfile;
use crate::report::Report;

pub fn verify(args: VerifyArgs) -> Result<Report, Failure> {
    let headers = args
        .headers
        .iter()
        .map(|header| parse_header(header))
        .collect::<Result<Vec<_>, _>>()?;
    let public_key_path = args.public_key.as_deref().ok_or_else(|| {
        Failure::config(
            "missingSetting",
            "no Alipay public key: give --public-key or set ALIPAY_PUBLIC_KEY (a file holding \
             the gateway's public key)",
        )
    })?;
    let public_key: PublicKey = keyfile::load_public(public_key_path, "Alipay public key")?;
    let body = input::read_source(&args.body, "notification body")?;

    let mut verifier = NotificationVerifier::new(public_key);
    if let Some(client_id) = args.client_id.as_deref().filter(|id| !id.is_empty()) {
        verifier = verifier.expected_client_id(client_id);
    }
    match verifier.verify("POST", &args.path, &headers, &body) {
        Ok(notification) => Ok(verified(&notification)),
        Err(error) => Ok(rejected(&error)),
    }
}

/// `name: value` into a pair.
fn parse_header(text: &str) -> Result<(String, String), Failure> {
    match text.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(Failure::usage(
            "header",
            "--header takes 'name: value', e.g. --header 'request-time: 1700000000000'",
        )),
    }
}

fn verified(notification: &NotifyVaultingRequest) -> Report {
    let card = notification
        .payment_method_detail
        .as_ref()
        .and_then(|detail| detail.card.as_ref());
    Report::new(
        Exit::Ok,
        "verified",
        "Verified: the notification is signed with the Alipay gateway key.",
    )
    .field(
        "vaultingRequestId",
        Some(notification.vaulting_request_id.as_str()),
    )
    .field("notifyType", notification.notify_type.as_deref())
    .field(
        "resultStatus",
        Some(notification.result.result_status.as_wire()),
    )
    .field(
        "resultCode",
        Some(notification.result.result_code.as_wire()),
    )
    .field(
        "resultMessage",
        notification.result.result_message.as_deref(),
    )
    .field(
        "vaultingStatus",
        notification.vaulting_status.as_ref().map(|s| s.as_wire()),
    )
    .field("notificationOutcome", Some(outcome_name(notification)))
    // The token is the answer the user asked for: printed deliberately.
    .field(
        "cardToken",
        card.and_then(|c| c.card_token.as_ref())
            .map(alipay_vaulting::card::CardToken::expose),
    )
    .field(
        "maskedCardNo",
        card.and_then(|c| c.masked_card_no.as_deref()),
    )
    .field(
        "brand",
        card.and_then(|c| c.brand.as_ref()).map(|b| b.as_wire()),
    )
    .field(
        "vaultingCreateTime",
        notification.vaulting_create_time.as_deref(),
    )
    .field("metadata", notification.metadata.as_deref())
    .note(format!(
        "Next step: store the result idempotently by vaultingRequestId, then answer HTTP 200 \
         with {ACKNOWLEDGEMENT}"
    ))
}

/// What the notification says, read by the library's `NotificationOutcome`.
fn outcome_name(notification: &NotifyVaultingRequest) -> &'static str {
    interpret_notification(notification.clone()).name()
}

fn rejected(error: &NotificationError) -> Report {
    Report::new(Exit::Failed, "rejected", format!("Rejected: {error}."))
        .field("errorKind", Some(error_kind(error)))
        .field("error", Some(error.to_string()))
        .note("Do not acknowledge it, and do not store anything from it.")
}

fn error_kind(error: &NotificationError) -> &'static str {
    match error {
        NotificationError::WrongMethod => "wrongMethod",
        NotificationError::InvalidPath => "invalidPath",
        NotificationError::BodyTooLarge { .. } => "bodyTooLarge",
        NotificationError::MissingHeader { .. } => "missingHeader",
        NotificationError::MalformedSignatureHeader(_) => "malformedSignatureHeader",
        NotificationError::BadSignature => "badSignature",
        NotificationError::ClientIdMismatch => "clientIdMismatch",
        NotificationError::Stale => "stale",
        NotificationError::MalformedRequestTime => "malformedRequestTime",
        NotificationError::NotUtf8 => "notUtf8",
        NotificationError::MalformedBody { .. } => "malformedBody",
        _ => "rejected",
    }
}
