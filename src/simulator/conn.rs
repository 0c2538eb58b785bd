//! Connections the simulator can cut: a listener that can be closed at once from `Drop`, and
//! streams that a handler can break so the client sees a connection closed with no HTTP answer.
//!
//! A cut stream fails every later read and write. hyper then drops the connection without
//! writing the response the handler returned, and the socket closes: the client gets "connection
//! closed before message completed" (no status line, no headers), as when a gateway or a proxy
//! dies mid-request.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

/// The switch that cuts one connection.
#[derive(Debug, Default)]
pub(crate) struct Cut {
    cut: AtomicBool,
    reader: Mutex<Option<Waker>>,
}

impl Cut {
    /// Breaks the connection: pending and later reads and writes fail.
    pub(crate) fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        if let Some(waker) = lock(&self.reader).take() {
            waker.wake();
        }
    }

    fn is_cut(&self) -> bool {
        self.cut.load(Ordering::SeqCst)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What a handler knows about its connection (axum `ConnectInfo`).
#[derive(Clone, Debug)]
pub(crate) struct ConnHandle {
    cut: Arc<Cut>,
}

impl ConnHandle {
    /// Cuts this connection: no HTTP answer will be written.
    pub(crate) fn cut(&self) {
        self.cut.cut();
    }
}

impl Connected<IncomingStream<'_, SimListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, SimListener>) -> Self {
        stream.remote_addr().clone()
    }
}

/// Every live connection, to cut them all at shutdown.
#[derive(Debug, Default)]
pub(crate) struct Connections(Mutex<Vec<Weak<Cut>>>);

impl Connections {
    fn register(&self, cut: &Arc<Cut>) {
        let mut all = lock(&self.0);
        all.retain(|weak| weak.strong_count() > 0);
        all.push(Arc::downgrade(cut));
    }

    /// Cuts every live connection.
    pub(crate) fn cut_all(&self) {
        for cut in lock(&self.0).drain(..).filter_map(|weak| weak.upgrade()) {
            cut.cut();
        }
    }
}

/// The listening socket, which `close` drops synchronously (so the port refuses connections
/// as soon as the simulator is dropped).
#[derive(Debug)]
pub(crate) struct ListenerSlot(Mutex<Option<TcpListener>>);

impl ListenerSlot {
    pub(crate) fn new(listener: TcpListener) -> Self {
        ListenerSlot(Mutex::new(Some(listener)))
    }

    pub(crate) fn close(&self) {
        drop(lock(&self.0).take());
    }
}

/// The listener axum serves from.
pub(crate) struct SimListener {
    pub(crate) slot: Arc<ListenerSlot>,
    pub(crate) connections: Arc<Connections>,
    /// Set when the simulator serves HTTPS.
    pub(crate) tls: Option<TlsAcceptor>,
}

/// How long a client may take over its TLS handshake before the connection is dropped.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);

/// The TLS acceptor for a certificate chain and key: HTTP/2 and HTTP/1.1 by ALPN.
pub(crate) fn acceptor(tls: &super::SimulatorTls) -> io::Result<TlsAcceptor> {
    use rustls::pki_types::{
        CertificateDer, PrivateKeyDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer, PrivateSec1KeyDer,
    };
    let invalid = |reason: String| io::Error::new(io::ErrorKind::InvalidInput, reason);
    let chain: Vec<CertificateDer<'static>> =
        crate::tls::pem_blocks(tls.certificate_chain_pem.as_bytes())
            .map_err(invalid)?
            .into_iter()
            .filter(|(label, _)| label == "CERTIFICATE")
            .map(|(_, der)| CertificateDer::from(der))
            .collect();
    if chain.is_empty() {
        return Err(invalid(
            "the TLS certificate chain holds no CERTIFICATE".into(),
        ));
    }
    let key = crate::tls::pem_blocks(tls.private_key_pem.as_bytes())
        .map_err(invalid)?
        .into_iter()
        .find_map(|(label, der)| -> Option<PrivateKeyDer<'static>> {
            match label.as_str() {
                "PRIVATE KEY" => Some(PrivatePkcs8KeyDer::from(der).into()),
                "RSA PRIVATE KEY" => Some(PrivatePkcs1KeyDer::from(der).into()),
                "EC PRIVATE KEY" => Some(PrivateSec1KeyDer::from(der).into()),
                _ => None,
            }
        })
        .ok_or_else(|| invalid("the TLS private key is not a PEM private key".into()))?;
    let mut config = rustls::ServerConfig::builder_with_provider(crate::tls::crypto_provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| invalid(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| {
            invalid(format!(
                "the TLS certificate and key do not make a server: {e}"
            ))
        })?;
    config.alpn_protocols = crate::tls::alpn_protocols();
    Ok(TlsAcceptor::from(Arc::new(config)))
}

impl Listener for SimListener {
    type Io = SimStream;
    type Addr = ConnHandle;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            let accepted = std::future::poll_fn(|cx| match lock(&self.slot.0).as_ref() {
                Some(listener) => listener.poll_accept(cx),
                // Closed: never accept again (the server task is being aborted).
                None => Poll::Pending,
            })
            .await;
            match accepted {
                Ok((stream, _remote)) => {
                    let _ = stream.set_nodelay(true);
                    let cut = Arc::new(Cut::default());
                    self.connections.register(&cut);
                    let handle = ConnHandle { cut: cut.clone() };
                    let stream = CuttableStream { inner: stream, cut };
                    let Some(acceptor) = &self.tls else {
                        return (SimStream::Plain(stream), handle);
                    };
                    // A client that refuses the certificate ends here: nothing is served.
                    let handshake =
                        tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream));
                    if let Ok(Ok(tls)) = handshake.await {
                        return (SimStream::Tls(Box::new(tls)), handle);
                    }
                }
                // Out of file descriptors and the like: wait a little, as axum's own listener.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(ConnHandle {
            cut: Arc::new(Cut::default()),
        })
    }
}

/// A connection as axum serves it: plain, or TLS over the cuttable stream.
#[derive(Debug)]
pub(crate) enum SimStream {
    Plain(CuttableStream),
    Tls(Box<tokio_rustls::server::TlsStream<CuttableStream>>),
}

/// Delegates to the plain or the TLS stream.
macro_rules! either {
    ($self:ident, $stream:ident => $call:expr) => {
        match $self.get_mut() {
            SimStream::Plain($stream) => {
                let $stream = Pin::new($stream);
                $call
            }
            SimStream::Tls($stream) => {
                let $stream = Pin::new($stream.as_mut());
                $call
            }
        }
    };
}

impl AsyncRead for SimStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        either!(self, s => s.poll_read(cx, buf))
    }
}

impl AsyncWrite for SimStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        either!(self, s => s.poll_write(cx, buf))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        either!(self, s => s.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            SimStream::Plain(s) => s.is_write_vectored(),
            SimStream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        either!(self, s => s.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        either!(self, s => s.poll_shutdown(cx))
    }
}

/// A TCP stream whose reads and writes fail once it is cut.
#[derive(Debug)]
pub(crate) struct CuttableStream {
    inner: TcpStream,
    cut: Arc<Cut>,
}

fn aborted() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection cut by the simulator",
    )
}

impl AsyncRead for CuttableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        *lock(&self.cut.reader) = Some(cx.waker().clone());
        if self.cut.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.cut.is_cut() {
            return Poll::Ready(Err(aborted()));
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
