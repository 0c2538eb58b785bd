//! notifyVaulting deliveries: signed once, sent on the gateway's resend schedule until the
//! merchant acknowledges, in background tasks that shutdown aborts.

use std::sync::Arc;
use std::time::Duration;

use super::state::{Notice, Shared};
use super::time;
use super::NotificationAttempt;
use crate::notification::{sign_notification, ACKNOWLEDGEMENT};

/// The delay before each attempt (the first is immediate): 0 s, 2 min, 10 min, 10 min, 1 h,
/// 2 h, 6 h, 15 h; 8 attempts over about 24 hours.
pub(crate) const SCHEDULE: [Duration; 8] = [
    Duration::from_secs(0),
    Duration::from_secs(2 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(60 * 60),
    Duration::from_secs(2 * 60 * 60),
    Duration::from_secs(6 * 60 * 60),
    Duration::from_secs(15 * 60 * 60),
];

/// How long one delivery may take.
pub(crate) const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// Starts delivering `notice` (or records one undeliverable attempt when its URL is not an
/// absolute http(s) URL). Returns at once.
pub(crate) fn send(shared: &Arc<Shared>, notice: Notice) {
    if shared.is_closed() {
        return;
    }
    let url = match reqwest::Url::parse(&notice.url) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => url,
        _ => {
            record(shared, &notice, 1, None, false);
            return;
        }
    };
    let body = match serde_json::to_vec(&notice.body) {
        Ok(body) => body,
        Err(_) => return,
    };
    // Signed once: the gateway resends with the original request-time and signature.
    let signed = sign_notification(
        &shared.keys.gateway,
        &notice.client_id,
        url.path(),
        &time::iso8601_millis(time::now_millis()),
        &body,
    );
    let task_shared = shared.clone();
    let task = tokio::spawn(async move {
        let shared = task_shared;
        for (number, delay) in (1u32..).zip(SCHEDULE) {
            tokio::time::sleep(delay.mul_f64(shared.time_factor.min(1e6))).await;
            let mut request = shared
                .http
                .post(url.clone())
                .timeout(DELIVERY_TIMEOUT)
                .body(signed.body().to_vec());
            for (name, value) in signed.headers() {
                request = request.header(name, value);
            }
            let (status, acknowledged) = match request.send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body = response.bytes().await.unwrap_or_default();
                    (Some(status), status == 200 && is_acknowledgement(&body))
                }
                Err(_) => (None, false),
            };
            record(&shared, &notice, number, status, acknowledged);
            if acknowledged {
                break;
            }
        }
    });
    shared.track(task.abort_handle());
}

fn is_acknowledgement(body: &[u8]) -> bool {
    let expected: serde_json::Value =
        serde_json::from_str(ACKNOWLEDGEMENT).expect("the acknowledgement is JSON");
    serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|got| got == expected)
}

fn record(shared: &Shared, notice: &Notice, attempt: u32, status: Option<u16>, acknowledged: bool) {
    tracing::info!(
        vaulting_request_id = %notice.vaulting_request_id,
        attempt,
        status,
        acknowledged,
        "simulator notification attempt"
    );
    shared.store().notifications.push(NotificationAttempt {
        vaulting_request_id: notice.vaulting_request_id.clone(),
        url: notice.url.clone(),
        attempt,
        acknowledged,
        status,
    });
}
