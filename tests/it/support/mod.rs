//! Test support: keys from `tests/fixtures/keys/`, and a scriptable raw HTTP/1.1 server on
//! loopback that records every request byte for byte and answers what the test scripts
//! (a signed response, garbage, a dropped connection, a stall); `simulator` has the helpers of
//! the tests that run the gateway simulator.
//!
//! The `it` test binary declares it as `mod support;`; the `secrets` and `soak` binaries include
//! it with `#[path]`. Modules reach it as `crate::support`.
#![allow(dead_code)]

pub mod certs;
pub mod proxy;
pub mod simulator;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use alipay_vaulting::keys::{PrivateKey, PublicKey};
use alipay_vaulting::signing;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const CLIENT_ID: &str = "SANDBOX_5YEZ1234567890";

pub fn key_text(name: &str) -> String {
    let path = format!("{}/tests/fixtures/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn merchant_key() -> PrivateKey {
    PrivateKey::parse(&key_text("merchant_private_pkcs8.b64")).unwrap()
}

pub fn merchant_public() -> PublicKey {
    PublicKey::parse(&key_text("merchant_public_spki.b64")).unwrap()
}

pub fn gateway_key() -> PrivateKey {
    PrivateKey::parse(&key_text("gateway_private_pkcs1.pem")).unwrap()
}

pub fn gateway_public() -> PublicKey {
    PublicKey::parse(&key_text("gateway_public_spki.pem")).unwrap()
}

/// Where a short secret such as a CVV occurs in `text` standing alone: no ASCII letter or digit
/// right before or after it, and not one part of a dotted or colon-separated number. A real
/// leak looks like `"cvv":"837"`, `cvv=837` or `"cvv":837`; the same digits inside a port, a
/// base64 signature (`%2F837rE`) or a time (`05:09:55.837`, `837.5 ms`) are part of something
/// else.
pub fn standalone_matches<'a>(text: &'a str, secret: &'a str) -> impl Iterator<Item = usize> + 'a {
    let bytes = text.as_bytes();
    let at = move |i: Option<usize>| i.and_then(|i| bytes.get(i).copied());
    // A `.` or `:` joining two digits continues a number (a time, a decimal, an address).
    let joined = |sep: Option<u8>, beyond: Option<u8>| {
        matches!(sep, Some(b'.' | b':')) && beyond.is_some_and(|b| b.is_ascii_digit())
    };
    text.match_indices(secret)
        .map(|(start, _)| start)
        .filter(move |&start| {
            let end = start + secret.len();
            let before = at(start.checked_sub(1));
            let after = at(Some(end));
            let touches = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
            !touches(before)
                && !touches(after)
                && !joined(before, at(start.checked_sub(2)))
                && !joined(after, at(Some(end + 1)))
        })
}

/// One request as it arrived on the wire.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete HTTP response.
    Http {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// These bytes, then close (truncated or malformed responses).
    Raw(Vec<u8>),
    /// Close without answering.
    Close,
    /// Never answer (until the client gives up).
    Stall,
    /// Answer slowly: the head, then the body one byte per `every`.
    Drip {
        headers: Vec<(String, String)>,
        body: Vec<u8>,
        every: Duration,
    },
}

impl Reply {
    /// A 200 whose body is signed by `key` as the gateway does (lower-case headers).
    pub fn signed(key: &PrivateKey, client_id: &str, path: &str, body: &str) -> Reply {
        let time = "2026-11-22T10:00:00+00:00";
        let header = signing::sign_message(key, "POST", path, client_id, time, body.as_bytes());
        Reply::Http {
            status: 200,
            headers: vec![
                (
                    "content-type".into(),
                    "application/json; charset=UTF-8".into(),
                ),
                ("client-id".into(), client_id.into()),
                ("response-time".into(), time.into()),
                ("signature".into(), header.encode()),
            ],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A 200 without a signature.
    pub fn unsigned(body: &str) -> Reply {
        Reply::Http {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }
}

type Script = Arc<dyn Fn(&Received) -> Reply + Send + Sync>;

/// A loopback server answering each request with the script's reply; stops when dropped.
pub struct RawServer {
    pub addr: std::net::SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl RawServer {
    pub async fn start(script: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let script: Script = Arc::new(script);
        let log = received.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (script, log) = (script.clone(), log.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, script, log).await;
                });
            }
        });
        RawServer {
            addr,
            received,
            task,
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    script: Script,
    log: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    loop {
        let Some(request) = read_request(&mut stream).await? else {
            return Ok(());
        };
        log.lock().unwrap().push(request.clone());
        match script(&request) {
            Reply::Http {
                status,
                headers,
                body,
            } => {
                stream
                    .write_all(&head(status, &headers, body.len()))
                    .await?;
                stream.write_all(&body).await?;
            }
            Reply::Raw(bytes) => {
                stream.write_all(&bytes).await?;
                return Ok(());
            }
            Reply::Close => return Ok(()),
            Reply::Stall => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return Ok(());
            }
            Reply::Drip {
                headers,
                body,
                every,
            } => {
                stream.write_all(&head(200, &headers, body.len())).await?;
                for byte in body {
                    stream.write_all(&[byte]).await?;
                    tokio::time::sleep(every).await;
                }
            }
        }
    }
}

fn head(status: u16, headers: &[(String, String)], length: usize) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\ncontent-length: {length}\r\n");
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Received>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Some(Received {
        method,
        path,
        headers,
        body,
    }))
}
