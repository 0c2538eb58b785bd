//! The HTTP side: routes, request-signature checks, faults, and signed responses.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::conn::{self, ConnHandle, Connections, ListenerSlot, SimListener};
use super::faults::{Applied, FaultQueue};
use super::state::{NewVaulting, Notice, Shared, VaultResult};
use super::{answers, notifier, params, three_ds, time};
use super::{Fault, Operation, RecordedRequest, SimulatorConfig};
use crate::signing::{self, SignatureHeader};
use crate::types::{self, ResultCode, ResultStatus};

/// What a malformed-body fault answers (signed, HTTP 200, not JSON).
const MALFORMED_BODY: &[u8] = b"<html><body>upstream answered garbage (simulated)</body></html>";

/// Binds, builds the shared state and spawns the server task.
pub(crate) async fn start(
    config: SimulatorConfig,
) -> io::Result<(Arc<Shared>, SocketAddr, tokio::task::JoinHandle<()>)> {
    let tls = config.tls.as_ref().map(conn::acceptor).transpose()?;
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(notifier::DELIVERY_TIMEOUT)
        .user_agent(concat!(
            "alipay-vaulting-simulator/",
            env!("CARGO_PKG_VERSION")
        ))
        .build()
        .map_err(io::Error::other)?;
    let mut faults = FaultQueue::default();
    for rule in config.faults {
        faults.push(rule);
    }
    let connections = Arc::new(Connections::default());
    let slot = Arc::new(ListenerSlot::new(listener));
    let shared = Arc::new(Shared::new(
        config.keys,
        config.client_id,
        base_url(addr, tls.is_some()),
        config.time_factor,
        http,
        connections.clone(),
        slot.clone(),
        faults,
    ));
    let app = router(shared.clone()).into_make_service_with_connect_info::<ConnHandle>();
    let listener = SimListener {
        slot,
        connections,
        tls,
    };
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok((shared, addr, server))
}

/// `http://<addr>`, with a loopback address in place of an unspecified one; with TLS,
/// `https://localhost:<port>` (the name test certificates are made for).
fn base_url(addr: SocketAddr, tls: bool) -> String {
    if tls {
        return format!("https://localhost:{}", addr.port());
    }
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// Every operation at its live and its sandbox path, then the 3-D Secure pages.
fn router(shared: Arc<Shared>) -> Router {
    let mut router = Router::new();
    for operation in Operation::ALL {
        let api = post(
            move |State(shared): State<Arc<Shared>>,
                  ConnectInfo(conn): ConnectInfo<ConnHandle>,
                  uri: Uri,
                  version: axum::http::Version,
                  headers: HeaderMap,
                  body: Bytes| async move {
                let incoming = Incoming {
                    conn,
                    path: uri.path().to_string(),
                    version,
                    headers,
                    body,
                };
                handle(&shared, operation, incoming).await
            },
        );
        router = router
            .route(operation.path(), api.clone())
            .route(&operation.sandbox_path(), api);
    }
    router
        .route("/sim/3ds/{id}", get(three_ds::page).post(three_ds::submit))
        .route("/sim/applink/{id}", get(three_ds::page))
        .with_state(shared)
}

/// The parts of an API request the handler needs.
struct Incoming {
    conn: ConnHandle,
    path: String,
    version: axum::http::Version,
    headers: HeaderMap,
    body: Bytes,
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Whether the request is signed by the merchant key over
/// `POST <path>\n<client-id>.<request-time>.<body>`.
fn signature_valid(shared: &Shared, incoming: &Incoming) -> bool {
    let headers = &incoming.headers;
    let (Some(client_id), Some(time), Some(signature)) = (
        headers.get("client-id").and_then(|v| v.to_str().ok()),
        headers.get("request-time").and_then(|v| v.to_str().ok()),
        headers.get("signature").and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let Ok(signature) = SignatureHeader::parse(signature) else {
        return false;
    };
    signing::verify_message(
        &shared.keys.merchant_public,
        "POST",
        &incoming.path,
        client_id,
        time,
        &incoming.body,
        &signature,
    )
    .is_ok()
}

async fn handle(shared: &Arc<Shared>, operation: Operation, incoming: Incoming) -> Response {
    let client_id = header_text(&incoming.headers, "client-id");
    let valid = signature_valid(shared, &incoming);
    let applied = shared.store().faults.take(operation);
    let record = |result_code: String| RecordedRequest {
        operation,
        path: incoming.path.clone(),
        http_version: format!("{:?}", incoming.version),
        client_id: client_id.clone(),
        request_time: header_text(&incoming.headers, "request-time"),
        signature_valid: valid,
        vaulting_request_id: params::request_id(&incoming.body),
        result_code,
        body: Arc::new(zeroize::Zeroizing::new(incoming.body.to_vec())),
    };

    // Faults that answer without processing.
    match applied.fault {
        Some(Fault::DropBeforeProcessing) => {
            shared.store().requests.push(record("DROPPED".into()));
            tokio::time::sleep(applied.latency).await;
            incoming.conn.cut();
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
        Some(Fault::Status(status)) => {
            shared
                .store()
                .requests
                .push(record(format!("HTTP_{status}")));
            tokio::time::sleep(applied.latency).await;
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            return (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "simulated gateway error\n",
            )
                .into_response();
        }
        _ => {}
    }

    // Process, record and notify; with a register delay, in a task of its own that goes on
    // when the client gives up, as a slow gateway's processing does.
    let settle = {
        let shared = shared.clone();
        let client_id = client_id.clone();
        let body = incoming.body.clone();
        let mut recorded = record(String::new());
        let fault = applied.fault.clone();
        let delay = applied.register_delay;
        async move {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let (answer, notice) = process(&shared, operation, valid, client_id.as_deref(), &body);
            recorded.result_code = answer_code(&answer);
            tracing::info!(
                operation = operation.api_name(),
                path = %recorded.path,
                vaulting_request_id = recorded.vaulting_request_id.as_deref().unwrap_or(""),
                signature_valid = valid,
                result_code = %recorded.result_code,
                ?fault,
                "simulator answered"
            );
            shared.store().requests.push(recorded);
            if let Some(notice) = notice {
                notifier::send(&shared, notice);
            }
            answer
        }
    };
    let answer = if applied.register_delay.is_zero() {
        settle.await
    } else {
        let task = tokio::spawn(settle);
        shared.track(task.abort_handle());
        match task.await {
            Ok(answer) => answer,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    };
    let answer = reshape(answer, &applied);
    // Only a latency fault sleeps: a zero sleep still waits for tokio's next 1 ms tick.
    if !applied.latency.is_zero() {
        tokio::time::sleep(applied.latency).await;
    }
    if applied.fault == Some(Fault::DropAfterProcessing) {
        incoming.conn.cut();
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let reply_client_id = client_id
        .filter(|id| HeaderValue::from_str(id).is_ok())
        .unwrap_or_else(|| shared.client_id.clone());
    respond(
        shared,
        &incoming.path,
        &reply_client_id,
        answer,
        applied.fault.as_ref(),
    )
}

/// The answer's JSON, and the notification to send if the vaulting just became final.
fn process(
    shared: &Shared,
    operation: Operation,
    signature_valid: bool,
    client_id: Option<&str>,
    body: &Bytes,
) -> (Vec<u8>, Option<Notice>) {
    if !signature_valid {
        let answer = answers::failure(
            ResultStatus::F,
            ResultCode::InvalidSignature,
            "The signature is invalid: check the signed content and the merchant key.",
            None,
        );
        return (json(&answer), None);
    }
    match operation {
        Operation::Vault => match params::parse::<types::VaultPaymentMethodRequest>(body) {
            Err(message) => {
                let answer = answers::failure(
                    ResultStatus::F,
                    ResultCode::ParamIllegal,
                    &message,
                    params::request_id(body),
                );
                (json(&answer), None)
            }
            Ok(request) => {
                let mut store = shared.store();
                let outcome = store.vault(&NewVaulting {
                    request: &request,
                    client_id: client_id.unwrap_or(&shared.client_id),
                    base_url: &shared.base_url,
                    now_ms: time::now_millis(),
                });
                let id = request.vaulting_request_id.clone();
                let vaulting = store
                    .get(&id)
                    .expect("the vaulting was just created or found");
                match outcome {
                    VaultResult::Created => (
                        json(&answers::vault(vaulting, true)),
                        answers::notice(vaulting),
                    ),
                    VaultResult::Repeated => (json(&answers::vault(vaulting, false)), None),
                    VaultResult::Inconsistent => {
                        let answer = answers::failure(
                            ResultStatus::F,
                            ResultCode::RepeatReqInconsistent,
                            "A request with this vaultingRequestId and different content \
                             (another card) was already received.",
                            Some(id),
                        );
                        (json(&answer), None)
                    }
                }
            }
        },
        Operation::Inquire => match params::parse::<types::InquireVaultingRequest>(body) {
            Err(message) => {
                let answer = answers::failure(
                    ResultStatus::F,
                    ResultCode::ParamIllegal,
                    &message,
                    params::request_id(body),
                );
                (json(&answer), None)
            }
            Ok(request) => {
                let store = shared.store();
                let answer = match store.get(&request.vaulting_request_id) {
                    Some(vaulting) => answers::inquiry(vaulting),
                    None => answers::not_found(&request.vaulting_request_id),
                };
                (json(&answer), None)
            }
        },
    }
}

/// The answer in the shapes the faults ask for: scalars as strings, the app link spelled
/// `appLinkUrl`.
fn reshape(answer: Vec<u8>, applied: &Applied) -> Vec<u8> {
    if !applied.string_scalars && !applied.app_link_spelling {
        return answer;
    }
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(&answer) else {
        return answer;
    };
    if applied.string_scalars {
        stringify_scalars(&mut value);
    }
    if applied.app_link_spelling {
        if let Some(object) = value.as_object_mut() {
            if let Some(url) = object.remove("applinkUrl") {
                object.insert("appLinkUrl".into(), url);
            }
        }
    }
    json(&value)
}

/// Every boolean and number, as the JSON string the API documents say Alipay sends.
fn stringify_scalars(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Bool(flag) => *value = Value::String(flag.to_string()),
        Value::Number(number) => *value = Value::String(number.to_string()),
        Value::Array(items) => items.iter_mut().for_each(stringify_scalars),
        Value::Object(fields) => fields.values_mut().for_each(stringify_scalars),
        Value::Null | Value::String(_) => {}
    }
}

/// `result.resultCode` of an answer we built.
fn answer_code(body: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.get("result")?
                .get("resultCode")?
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// A signed HTTP 200 as the gateway sends it (lower-case headers), altered by `fault`.
fn respond(
    shared: &Shared,
    path: &str,
    client_id: &str,
    body: Vec<u8>,
    fault: Option<&Fault>,
) -> Response {
    let response_time = time::iso8601_millis(time::now_millis());
    let body = match fault {
        Some(Fault::MalformedBody) => MALFORMED_BODY.to_vec(),
        _ => body,
    };
    let sign = |content: &[u8]| {
        signing::sign_message(
            &shared.keys.gateway,
            "POST",
            path,
            client_id,
            &response_time,
            content,
        )
        .encode()
    };
    let signature = match fault {
        Some(Fault::MissingSignature) => None,
        // A well-formed signature, made over other content: it cannot verify.
        Some(Fault::BadSignature) => Some(sign(&[body.as_slice(), b" "].concat())),
        _ => Some(sign(&body)),
    };
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    let mut set = |name: &'static str, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set("client-id", client_id);
    set("response-time", &response_time);
    if let Some(signature) = signature {
        set("signature", &signature);
    }
    response
}

/// An answer model as JSON bytes.
fn json<T: serde::Serialize>(answer: &T) -> Vec<u8> {
    serde_json::to_vec(answer).expect("the answer models serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reshape_sends_scalars_as_strings_and_spells_app_link_url() {
        let answer = json!({
            "result": { "resultStatus": "S" },
            "applinkUrl": "https://a.example",
            "card": { "is3DSAuthentication": true, "n": 20, "list": [false] }
        });
        let bytes = serde_json::to_vec(&answer).unwrap();
        let both = Applied {
            string_scalars: true,
            app_link_spelling: true,
            ..Applied::default()
        };
        let shaped: serde_json::Value =
            serde_json::from_slice(&reshape(bytes.clone(), &both)).unwrap();
        assert_eq!(
            shaped,
            json!({
                "result": { "resultStatus": "S" },
                "appLinkUrl": "https://a.example",
                "card": { "is3DSAuthentication": "true", "n": "20", "list": ["false"] }
            })
        );
        // Without either rule the bytes are untouched.
        assert_eq!(reshape(bytes.clone(), &Applied::default()), bytes);
    }
}
