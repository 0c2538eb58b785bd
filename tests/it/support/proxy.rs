//! An HTTP CONNECT proxy on loopback that records each tunnel asked of it, and can refuse
//! (any status), demand credentials, or close the connection instead.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the proxy answers a CONNECT.
#[derive(Clone, Debug)]
pub enum ProxyMode {
    /// Opens the tunnel (200) and relays bytes both ways.
    Tunnel,
    /// Opens it only with `Proxy-Authorization: Basic <base64 of user:password>`, else 407.
    RequireAuth { user: String, password: String },
    /// Answers this status and closes.
    Status(u16),
    /// Closes without a word.
    Close,
    /// Answers the first CONNECT with this status; every later one, never.
    StatusThenStall(u16),
}

/// One CONNECT the proxy received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tunnel {
    /// `host:port` asked for.
    pub target: String,
    /// The `Proxy-Authorization` header, if any.
    pub authorization: Option<String>,
    /// Whether the proxy opened it.
    pub opened: bool,
}

pub struct ConnectProxy {
    addr: std::net::SocketAddr,
    tunnels: Arc<Mutex<Vec<Tunnel>>>,
    task: tokio::task::JoinHandle<()>,
}

impl ConnectProxy {
    pub async fn start(mode: ProxyMode) -> ConnectProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let tunnels = Arc::new(Mutex::new(Vec::new()));
        let seen = tunnels.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let mode = mode.clone();
                let seen = seen.clone();
                tokio::spawn(async move {
                    let _ = serve(client, mode, seen).await;
                });
            }
        });
        ConnectProxy {
            addr,
            tunnels,
            task,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://user:password@127.0.0.1:<port>`.
    pub fn url_with(&self, user: &str, password: &str) -> String {
        format!("http://{user}:{password}@{}", self.addr)
    }

    pub fn tunnels(&self) -> Vec<Tunnel> {
        self.tunnels.lock().unwrap().clone()
    }
}

impl Drop for ConnectProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut client: TcpStream,
    mode: ProxyMode,
    seen: Arc<Mutex<Vec<Tunnel>>>,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte).await? == 0 || head.len() > 16 * 1024 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let authorization = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("proxy-authorization"))
        .map(|(_, value)| value.trim().to_string());
    if method != "CONNECT" {
        client
            .write_all(b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n")
            .await?;
        return Ok(());
    }
    let open = match &mode {
        ProxyMode::Tunnel => true,
        ProxyMode::RequireAuth { user, password } => {
            use base64::Engine as _;
            let expected = format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            );
            authorization.as_deref() == Some(expected.as_str())
        }
        ProxyMode::Status(_) | ProxyMode::Close | ProxyMode::StatusThenStall(_) => false,
    };
    let earlier = seen.lock().unwrap().len();
    seen.lock().unwrap().push(Tunnel {
        target: target.to_string(),
        authorization,
        opened: open,
    });
    match mode {
        ProxyMode::Close => return Ok(()),
        ProxyMode::StatusThenStall(_) if earlier > 0 => {
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            return Ok(());
        }
        ProxyMode::StatusThenStall(status) => {
            let answer = format!("HTTP/1.1 {status} Refused\r\ncontent-length: 0\r\n\r\n");
            client.write_all(answer.as_bytes()).await?;
            return Ok(());
        }
        ProxyMode::Status(status) => {
            let answer = format!("HTTP/1.1 {status} Refused\r\ncontent-length: 0\r\n\r\n");
            client.write_all(answer.as_bytes()).await?;
            return Ok(());
        }
        _ if !open => {
            client
                .write_all(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\nproxy-authenticate: Basic realm=\"test\"\r\ncontent-length: 0\r\n\r\n",
                )
                .await?;
            return Ok(());
        }
        _ => {}
    }
    let mut upstream = TcpStream::connect(resolve(target)).await?;
    client
        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .await?;
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
    Ok(())
}

/// `localhost:<port>` to `127.0.0.1:<port>` (the simulator listens on IPv4 loopback).
fn resolve(target: &str) -> String {
    match target.strip_prefix("localhost:") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => target.to_string(),
    }
}
