//! The gateway's answers, as the generated response models, from a vaulting's state.

use super::scenarios::Plan;
use super::state::{Notice, Vaulting};
use super::time;
use super::VaultingState;
use crate::types::{
    self, Funding, PaymentMethodType, ResultCode, ResultStatus, VaultingResultCode, VaultingStatus,
};

/// A `result` object.
pub(crate) fn result(status: ResultStatus, code: ResultCode, message: &str) -> types::Result {
    types::Result {
        result_code: code.into(),
        result_message: Some(message.to_string()),
        result_status: status.into(),
    }
}

fn success() -> types::Result {
    result(ResultStatus::S, ResultCode::Success, "success")
}

/// A failure that carries only `result` (and the `vaultingRequestId` when known). The same JSON
/// serves both operations.
pub(crate) fn failure(
    status: ResultStatus,
    code: ResultCode,
    message: &str,
    vaulting_request_id: Option<String>,
) -> types::VaultPaymentMethodResponse {
    types::VaultPaymentMethodResponse {
        acquirer_info: None,
        applink_url: None,
        app_link_url: None,
        normal_url: None,
        payment_method_detail: None,
        result: result(status, code, message),
        scheme_url: None,
        vaulting_request_id,
    }
}

/// The card as a successful vaulting returns it.
fn vaulted_detail(v: &Vaulting) -> types::VaultedPaymentMethodDetail {
    types::VaultedPaymentMethodDetail {
        card: Some(types::VaultedCard {
            card_token: v.token.clone().map(Into::into),
            masked_card_no: Some(v.masked.clone()),
            brand: v.brand.map(Into::into),
            bin: Some(v.bin.clone()),
            last_four: Some(v.last_four.clone()),
            expiry_month: Some(v.expiry_month.clone()),
            expiry_year: Some(v.expiry_year.clone()),
            funding: Some(Funding::Credit.into()),
            issuing_country: Some("US".to_string()),
            is3_ds_authentication: Some(v.three_ds.into()),
            ..types::VaultedCard::default()
        }),
        payment_method_type: Some(PaymentMethodType::Card.into()),
    }
}

/// The vaultPaymentMethod answer. `first` is the call that created the vaulting; repeats
/// answer from the current state.
pub(crate) fn vault(v: &Vaulting, first: bool) -> types::VaultPaymentMethodResponse {
    let id = Some(v.id.clone());
    if first {
        match v.plan {
            Plan::UnknownButVaulted => {
                return failure(
                    ResultStatus::U,
                    ResultCode::UnknownException,
                    "An API calling is failed, which is caused by unknown reasons.",
                    id,
                )
            }
            Plan::NoSession => {
                return failure(
                    ResultStatus::U,
                    ResultCode::VerificationInProcess,
                    "The verification is in process, but no verification session was created.",
                    id,
                )
            }
            _ => {}
        }
    }
    match v.status {
        VaultingState::Success => types::VaultPaymentMethodResponse {
            payment_method_detail: Some(vaulted_detail(v)),
            ..failure(ResultStatus::S, ResultCode::Success, "success", id)
        },
        VaultingState::Processing => {
            let urls = v.urls.clone();
            types::VaultPaymentMethodResponse {
                normal_url: urls.as_ref().map(|u| u.normal.clone()),
                scheme_url: urls.as_ref().map(|u| u.scheme.clone()),
                applink_url: urls.as_ref().map(|u| u.applink.clone()),
                ..failure(
                    ResultStatus::U,
                    ResultCode::VerificationInProcess,
                    "The verification is in process: open one of the returned URLs.",
                    id,
                )
            }
        }
        VaultingState::Fail => {
            let (code, message) = v
                .failure
                .as_ref()
                .map_or((ResultCode::ProcessFail, "The vaulting failed."), |f| {
                    (f.code, f.message.as_str())
                });
            failure(ResultStatus::F, code, message, id)
        }
    }
}

/// The inquireVaulting answer for an existing vaulting.
pub(crate) fn inquiry(v: &Vaulting) -> types::InquireVaultingResponse {
    let mut answer = types::InquireVaultingResponse {
        acquirer_info: None,
        applink_url: None,
        app_link_url: None,
        metadata: v.metadata.clone(),
        normal_url: None,
        payment_method_detail: None,
        result: success(),
        scheme_url: None,
        vaulting_request_id: Some(v.id.clone()),
        vaulting_result_code: None,
        vaulting_result_message: None,
        vaulting_status: None,
    };
    match v.status {
        // The official SDKs document a result code with every S answer, not only on FAIL.
        VaultingState::Success => {
            answer.vaulting_status = Some(VaultingStatus::Success.into());
            answer.vaulting_result_code = Some(VaultingResultCode::Success.into());
            answer.vaulting_result_message = Some("success.".into());
            answer.payment_method_detail = Some(vaulted_detail(v));
        }
        VaultingState::Processing => {
            answer.vaulting_status = Some(VaultingStatus::Processing.into());
            answer.vaulting_result_code = Some(VaultingResultCode::VerificationInProcess.into());
            answer.vaulting_result_message =
                Some("The verification is still under process.".into());
            if let Some(urls) = &v.urls {
                answer.normal_url = Some(urls.normal.clone());
                answer.scheme_url = Some(urls.scheme.clone());
                answer.applink_url = Some(urls.applink.clone());
            }
        }
        VaultingState::Fail => {
            answer.vaulting_status = Some(VaultingStatus::Fail.into());
            if let Some(failure) = &v.failure {
                answer.vaulting_result_code = failure.vaulting_code.map(Into::into);
                answer.vaulting_result_message = Some(failure.message.clone());
            }
        }
    }
    answer
}

/// The inquireVaulting answer for an id no vaulting has.
pub(crate) fn not_found(id: &str) -> types::InquireVaultingResponse {
    types::InquireVaultingResponse {
        acquirer_info: None,
        applink_url: None,
        app_link_url: None,
        metadata: None,
        normal_url: None,
        payment_method_detail: None,
        result: result(
            ResultStatus::F,
            ResultCode::VaultingNotExist,
            "The vaulting request does not exist.",
        ),
        scheme_url: None,
        vaulting_request_id: Some(id.to_string()),
        vaulting_result_code: None,
        vaulting_result_message: None,
        vaulting_status: None,
    }
}

/// The notification of a final vaulting (`None` while it is still processing).
pub(crate) fn notice(v: &Vaulting) -> Option<Notice> {
    let (result, detail, status) = match v.status {
        VaultingState::Processing => return None,
        VaultingState::Success => (success(), Some(vaulted_detail(v)), VaultingStatus::Success),
        VaultingState::Fail => {
            let (code, message) = v
                .failure
                .as_ref()
                .map_or((ResultCode::ProcessFail, "The vaulting failed."), |f| {
                    (f.code, f.message.as_str())
                });
            (
                result(ResultStatus::F, code, message),
                None,
                VaultingStatus::Fail,
            )
        }
    };
    Some(Notice {
        vaulting_request_id: v.id.clone(),
        url: v.notification_url.clone(),
        client_id: v.client_id.clone(),
        body: types::NotifyVaultingRequest {
            acquirer_info: None,
            customized_info: None,
            metadata: v.metadata.clone(),
            notify_type: Some("VAULTING_RESULT".to_string()),
            payment_method_detail: detail,
            result,
            vaulting_create_time: Some(time::iso8601_seconds(v.created_ms)),
            vaulting_request_id: v.id.clone(),
            vaulting_status: Some(status.into()),
        },
    })
}
