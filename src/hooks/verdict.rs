//! How response verification reaches the typed layer: as a [`Verdict`] value, never as a
//! header or an HTTP status.
//!
//! `exec` attaches the verdict to the response it returns (a typed extension); `post` hands it
//! to the [`Client`](crate::Client) call waiting in [`capture`] (a task-local slot), and turns
//! [`Verdict::Refused`] into an error, so a caller of the raw client, who has no slot, still
//! fails closed; for that caller an unsigned answer is refused as well.

use std::cell::RefCell;
use std::future::Future;

use crate::error::ResponseRejected;

/// What verification said of one response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A `200` signed by the Alipay key over the exact bytes received.
    Signed,
    /// A `200` without a signature, allowed because its result is `F` or `U`: read, never
    /// trusted as final.
    UnsignedFailure,
    /// Refused: not to be parsed or acted on.
    Refused(ResponseRejected),
}

/// What one exchange left for the waiting call: the verdict, and the HTTP status that arrived
/// (for the attempt's span and metrics).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Exchange {
    /// `None` when no `200` arrived: a transport error or another status.
    pub(crate) verdict: Option<Verdict>,
    /// `None` when no response arrived.
    pub(crate) status: Option<u16>,
}

tokio::task_local! {
    static SLOT: RefCell<Exchange>;
}

/// Runs one generated `send()` and returns what it returned together with what the hooks saw
/// of its response.
pub(crate) async fn capture<F: Future>(send: F) -> (F::Output, Exchange) {
    SLOT.scope(RefCell::new(Exchange::default()), async {
        let output = send.await;
        let exchange = SLOT.with(|slot| std::mem::take(&mut *slot.borrow_mut()));
        (output, exchange)
    })
    .await
}

/// Records the HTTP status of the response that arrived (when a call is waiting for it).
pub(super) fn note_status(status: u16) {
    let _ = SLOT.try_with(|slot| slot.borrow_mut().status = Some(status));
}

/// Records the verdict for [`capture`] (when a call is waiting for it), and refuses a refused
/// response. Outside `capture` (a caller of the raw client, who gets the parsed body and no
/// verdict), an unsigned answer is refused too: nothing would tell that caller it is unsigned.
pub(super) fn hand_out(verdict: Option<&Verdict>) -> Result<(), ResponseRejected> {
    let waiting = match verdict {
        Some(verdict) => SLOT
            .try_with(|slot| slot.borrow_mut().verdict = Some(verdict.clone()))
            .is_ok(),
        None => true,
    };
    match verdict {
        Some(Verdict::Refused(rejected)) => Err(rejected.clone()),
        Some(Verdict::UnsignedFailure) if !waiting => Err(ResponseRejected::Unsigned),
        _ => Ok(()),
    }
}
