//! The two scans for secrets in output (`secrets`: the client; `secrets_everywhere`: the
//! simulator, notifications and the CLI), in a test binary of their own: both read everything
//! the process traces, which needs the process's one global tracing subscriber, and no other
//! test's output in it.
//!
//! [`trace_capture`] installs that subscriber once (TRACE, no ANSI, no timestamps, into one
//! buffer, the configuration each test installed when it had a binary to itself) and makes the
//! two tests take turns: each holds its turn while it runs and reads only what was written
//! since its turn began. Nothing else in this binary traces.

#[path = "../it/support/mod.rs"]
mod support;

mod secrets;
mod secrets_everywhere;

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

/// Waits for this test's turn, installs the global subscriber if no test has yet, and empties
/// the capture. Keep the guard until the capture has been read.
pub async fn trace_capture() -> (tokio::sync::MutexGuard<'static, ()>, Capture) {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    let turn = TURN.lock().await;
    let capture = CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            let sink = capture.clone();
            tracing_subscriber::fmt()
                .with_max_level(tracing::Level::TRACE)
                .with_writer(move || sink.clone())
                .with_ansi(false)
                .without_time()
                .init();
            capture
        })
        .clone();
    capture.0.lock().unwrap().clear();
    (turn, capture)
}
