//! The simulated 3-D Secure page: `GET` shows the challenge, `POST` approves or declines it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::state::Shared;
use super::{answers, notifier, SimulatorError, VaultingState};

/// Settles a pending verification and sends the notification. Returns the redirect URL.
pub(crate) fn decide(
    shared: &Arc<Shared>,
    vaulting_request_id: &str,
    approve: bool,
) -> Result<String, SimulatorError> {
    let (redirect, notice) = {
        let mut store = shared.store();
        let redirect = store.decide(vaulting_request_id, approve)?;
        let notice = store.get(vaulting_request_id).and_then(answers::notice);
        (redirect, notice)
    };
    if let Some(notice) = notice {
        notifier::send(shared, notice);
    }
    Ok(redirect)
}

/// `GET /sim/3ds/{id}` and `GET /sim/applink/{id}`.
pub(crate) async fn page(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let (masked, brand, status) = match shared.store().get(&id) {
        Some(v) => (v.masked.clone(), v.brand.map(|b| b.to_string()), v.status),
        None => return (StatusCode::NOT_FOUND, "no such vaulting").into_response(),
    };
    let action = format!("/sim/3ds/{}", escape(&super::state::path_segment(&id)));
    let card = match brand {
        Some(brand) => format!("{brand} {masked}"),
        None => masked,
    };
    let body = if status == VaultingState::Processing {
        format!(
            r#"<form method="post" action="{action}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="decline">Decline</button>
</form>"#
        )
    } else {
        format!("<p>This verification is over: {status}.</p>")
    };
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Alipay simulator: 3-D Secure verification</title>
<style>body{{font-family:sans-serif;max-width:28em;margin:3em auto}}button{{font-size:1.1em;margin-right:1em}}</style></head>
<body>
<h1>3-D Secure verification</h1>
<p>Simulated issuer page. Card: <strong>{card}</strong></p>
<p>Vaulting request: <code>{id}</code></p>
{body}
</body>
</html>
"#,
        card = escape(&card),
        id = escape(&id),
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// `POST /sim/3ds/{id}` with `decision=approve|decline` (form or JSON).
pub(crate) async fn submit(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let approve = match decision(&headers, &body).as_deref() {
        Some("approve") => true,
        Some("decline") => false,
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                "send decision=approve or decision=decline",
            )
                .into_response()
        }
    };
    match decide(&shared, &id, approve) {
        Ok(redirect) => match HeaderValue::from_str(&redirect) {
            Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
            Err(_) => (StatusCode::OK, "decision recorded").into_response(),
        },
        Err(SimulatorError::UnknownVaulting) => {
            (StatusCode::NOT_FOUND, "no such vaulting").into_response()
        }
        Err(error) => (StatusCode::CONFLICT, error.to_string()).into_response(),
    }
}

/// The `decision` of a form (`application/x-www-form-urlencoded`) or JSON body.
fn decision(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("json"));
    let value = if is_json {
        let json: serde_json::Value = serde_json::from_slice(body).ok()?;
        json.get("decision")?.as_str()?.to_string()
    } else {
        url::form_urlencoded::parse(body)
            .find(|(key, _)| key == "decision")?
            .1
            .into_owned()
    };
    Some(value.trim().to_ascii_lowercase())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
