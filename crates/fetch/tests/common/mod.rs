//! A small HTTP/1.1 server on 127.0.0.1 for the tests: keep-alive, fixed, chunked, hanging and
//! dripping replies, and a record of every request and connection.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Req {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub enum Reply {
    /// Status, headers and a body sent with Content-Length.
    Full(u16, Vec<(String, String)>, Vec<u8>),
    /// Status, headers and a body sent chunked (no length announced).
    Chunked(u16, Vec<(String, String)>, Vec<u8>),
    /// Announce `usize` bytes, send the body given, then close the connection.
    Truncated(Vec<u8>, usize),
    /// Accept the request and never answer.
    Hang,
    /// Send headers, then one body byte every `Duration`, forever.
    Drip(Duration),
    /// Stream a generated feed of `u64` bytes without holding it in memory, announcing its
    /// length when the flag is set (else sent chunked).
    Stream(u64, bool),
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Reply::Full(200, vec![], body.into())
    }

    pub fn status(code: u16) -> Self {
        Reply::Full(code, vec![], Vec::new())
    }

    pub fn with(code: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Self {
        Reply::Full(
            code,
            headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body.into(),
        )
    }

    pub fn redirect(code: u16, location: &str) -> Self {
        Reply::with(code, &[("Location", location)], Vec::new())
    }
}

type Handler = dyn Fn(&Req) -> Reply + Send + Sync;

pub struct TestServer {
    pub addr: SocketAddr,
    pub connections: Arc<AtomicUsize>,
    pub requests: Arc<Mutex<Vec<Req>>>,
}

impl TestServer {
    /// Starts a server on its own thread and runtime (so blocking and async clients both work).
    pub fn start(handler: impl Fn(&Req) -> Reply + Send + Sync + 'static) -> Self {
        let handler: Arc<Handler> = Arc::new(handler);
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let (c, r) = (connections.clone(), requests.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    c.fetch_add(1, Ordering::SeqCst);
                    tokio::spawn(serve(stream, handler.clone(), r.clone()));
                }
            });
        });
        let addr = rx.recv().unwrap();
        TestServer {
            addr,
            connections,
            requests,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn localhost_url(&self, path: &str) -> String {
        format!("http://localhost:{}{}", self.addr.port(), path)
    }

    pub fn requests(&self) -> Vec<Req> {
        self.requests.lock().unwrap().clone()
    }

    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }

    pub fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Req> {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            buf.drain(..end + 4);
            let mut lines = head.split("\r\n");
            let mut first = lines.next()?.split_whitespace();
            let method = first.next()?.to_string();
            let path = first.next()?.to_string();
            let headers = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
                .collect();
            return Some(Req {
                method,
                path,
                headers,
            });
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.first() == Some(&0x16) {
            // A TLS handshake on this plain port: answer like a web server would, and close.
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n")
                .await;
            return None;
        }
    }
}

fn head_bytes(code: u16, headers: &[(String, String)], extra: &str) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {code} X\r\n");
    for (n, v) in headers {
        h.push_str(&format!("{n}: {v}\r\n"));
    }
    h.push_str(extra);
    h.push_str("\r\n");
    h.into_bytes()
}

async fn serve(mut stream: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Req>>>) {
    let mut buf = Vec::new();
    while let Some(req) = read_head(&mut stream, &mut buf).await {
        log.lock().unwrap().push(req.clone());
        let ok = match handler(&req) {
            Reply::Full(code, headers, body) => {
                let has_len = headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("content-length"));
                let extra = if has_len {
                    String::new()
                } else {
                    format!("Content-Length: {}\r\n", body.len())
                };
                let mut out = head_bytes(code, &headers, &extra);
                out.extend_from_slice(&body);
                stream.write_all(&out).await.is_ok()
            }
            Reply::Chunked(code, headers, body) => {
                let out = head_bytes(code, &headers, "Transfer-Encoding: chunked\r\n");
                if stream.write_all(&out).await.is_err() {
                    return;
                }
                for part in body.chunks(16 * 1024) {
                    let mut c = format!("{:x}\r\n", part.len()).into_bytes();
                    c.extend_from_slice(part);
                    c.extend_from_slice(b"\r\n");
                    if stream.write_all(&c).await.is_err() {
                        return;
                    }
                }
                stream.write_all(b"0\r\n\r\n").await.is_ok()
            }
            Reply::Truncated(body, claimed) => {
                let mut out = head_bytes(200, &[], &format!("Content-Length: {claimed}\r\n"));
                out.extend_from_slice(&body);
                let _ = stream.write_all(&out).await;
                let _ = stream.shutdown().await;
                false
            }
            Reply::Hang => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                false
            }
            Reply::Stream(total, announce) => {
                let extra = if announce {
                    format!("Content-Length: {total}\r\n")
                } else {
                    "Transfer-Encoding: chunked\r\n".to_string()
                };
                let ct = [(
                    "Content-Type".to_string(),
                    "application/rss+xml".to_string(),
                )];
                if stream
                    .write_all(&head_bytes(200, &ct, &extra))
                    .await
                    .is_err()
                {
                    return;
                }
                let item = b"<item><title>filler</title><link>http://example.com/x</link></item>";
                let mut block = b"<rss version=\"2.0\"><channel>".to_vec();
                while block.len() < 64 * 1024 {
                    block.extend_from_slice(item);
                }
                let mut sent = 0u64;
                while sent < total {
                    let n = (total - sent).min(block.len() as u64) as usize;
                    let part = &block[..n];
                    let ok = if announce {
                        stream.write_all(part).await.is_ok()
                    } else {
                        let mut c = format!("{n:x}\r\n").into_bytes();
                        c.extend_from_slice(part);
                        c.extend_from_slice(b"\r\n");
                        stream.write_all(&c).await.is_ok()
                    };
                    if !ok {
                        return;
                    }
                    sent += n as u64;
                }
                announce || stream.write_all(b"0\r\n\r\n").await.is_ok()
            }
            Reply::Drip(every) => {
                let out = head_bytes(200, &[], "Content-Length: 1000000\r\n");
                if stream.write_all(&out).await.is_err() {
                    return;
                }
                loop {
                    tokio::time::sleep(every).await;
                    if stream.write_all(b"x").await.is_err() {
                        return;
                    }
                }
            }
        };
        if !ok {
            return;
        }
    }
}
