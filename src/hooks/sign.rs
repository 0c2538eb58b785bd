//! The `pre` hook's job: the sandbox path rewrite, then the signature over the exact bytes that
//! will be sent, with a fresh `request-time` from the injected clock.

use reqwest::header::{HeaderValue, CONTENT_TYPE};

use super::HookState;
use crate::operation::sandbox_path;
use crate::signing;

/// Signs `request` in place; the error says why it could not be (nothing was sent).
pub(super) fn sign_request(
    state: &HookState,
    request: &mut reqwest::Request,
) -> Result<(), String> {
    if state.is_sandbox() {
        if let Some(sandbox) = sandbox_path(request.url().path()) {
            request.url_mut().set_path(&sandbox);
        }
    }
    let signer = state.signer();
    let body = request
        .body()
        .and_then(reqwest::Body::as_bytes)
        .ok_or("the request body is not buffered")?;
    let time = signer.clock.now_millis().to_string();
    let mut header = signing::sign_message(
        &signer.private_key,
        request.method().as_str(),
        request.url().path(),
        &signer.client_id,
        &time,
        body,
    );
    header.key_version.clone_from(&signer.key_version);

    let headers = request.headers_mut();
    // progenitor adds `api-version` from the spec's info.version; Alipay does not use it.
    headers.remove("api-version");
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    headers.insert("client-id", header_value(&signer.client_id)?);
    headers.insert("request-time", header_value(&time)?);
    headers.insert("signature", header_value(&header.encode())?);
    Ok(())
}

fn header_value(value: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(value).map_err(|_| "a signing header is not a valid header value".into())
}
