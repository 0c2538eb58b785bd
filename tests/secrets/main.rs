//! The scans for secrets in output (`secrets`: the client; `secrets_everywhere`: the
//! simulator, notifications and the CLI; `webhook_log`: the axum extractor's refusals;
//! `resolve_warning`: resolve's warning of a deadline shorter than its window; `spans`:
//! the attempt spans' attributes), in a test binary of their own: they read everything
//! the process traces, which needs the process's one global tracing subscriber, and no other
//! test's output in it.
//!
//! [`trace_capture`] installs that subscriber once (TRACE, no ANSI, no timestamps, into one
//! buffer, the configuration each test installed when it had a binary to itself; and a layer
//! that records every span with its fields) and makes the
//! tests take turns: each holds its turn while it runs and reads only what was written
//! since its turn began. Nothing else in this binary traces.

#[path = "../it/support/mod.rs"]
mod support;

mod resolve_warning;
mod secrets;
mod secrets_everywhere;
mod spans;
mod webhook_log;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

/// What the global tracing subscriber wrote.
#[derive(Clone, Default)]
pub struct Capture(pub Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// One test at a time reads the capture.
static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Every span the global subscriber saw since the current turn began (see [`spans::Spans`]).
pub fn spans() -> &'static spans::Spans {
    static SPANS: OnceLock<spans::Spans> = OnceLock::new();
    SPANS.get_or_init(spans::Spans::default)
}

/// Waits for this test's turn, installs the global subscriber if no test has yet, and empties
/// the capture and the span records. Keep the guard until they have been read.
pub async fn trace_capture() -> (tokio::sync::MutexGuard<'static, ()>, Capture) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;

    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    let turn = TURN.lock().await;
    let capture = CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            let sink = capture.clone();
            let text = tracing_subscriber::fmt::layer()
                .with_writer(move || sink.clone())
                .with_ansi(false)
                .without_time();
            tracing_subscriber::registry()
                .with(text)
                .with(spans().clone())
                .init();
            capture
        })
        .clone();
    capture.0.lock().unwrap().clear();
    spans().0.lock().unwrap().clear();
    (turn, capture)
}
