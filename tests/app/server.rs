//! The server against slow clients (issue 23): a half-sent request is closed after the
//! header timeout, a stalled body after the idle timeout, and connections beyond the limit
//! wait for a free one.

use crate::support::TestApp;
use kulturportal::server::{ServerLimits, run};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn start(app: &TestApp, limits: ServerLimits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
    let router = kulturportal::router(app.state.clone());
    tokio::spawn(run(listener, router, limits, std::future::pending()));
    addr
}

const QUICK: ServerLimits = ServerLimits {
    header_timeout: Duration::from_secs(1),
    idle_timeout: Duration::from_secs(1),
    max_connections: 2,
};

/// Sends `bytes` and waits (at most 15 s) until the server closes the connection.
async fn closed_after(addr: SocketAddr, bytes: &[u8]) -> Option<Duration> {
    let mut stream = TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    stream
        .write_all(bytes)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(15), stream.read_to_end(&mut answer))
        .await
        .ok()
        .map(|_| started.elapsed())
}

#[tokio::test]
async fn half_sent_requests_and_stalled_bodies_are_closed() {
    let app = TestApp::new().await;
    let slow_headers = ServerLimits {
        idle_timeout: Duration::from_secs(60),
        ..QUICK
    };
    let addr = start(&app, slow_headers).await;
    let headers = closed_after(
        addr,
        b"GET / HTTP/1.1\r\nHost: kultur.test\r\nAccept: text/html\r\n",
    )
    .await;
    assert!(
        headers.is_some(),
        "a half-sent request is still open after 15 s"
    );
    let stalled = ServerLimits {
        header_timeout: Duration::from_secs(60),
        ..QUICK
    };
    let addr = start(&app, stalled).await;
    let body = closed_after(
        addr,
        b"POST /passwort-vergessen HTTP/1.1\r\nHost: kultur.test\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a",
    )
    .await;
    assert!(body.is_some(), "a stalled body is still open after 15 s");
}

#[tokio::test]
async fn connections_beyond_the_limit_wait_for_a_free_one() {
    let app = TestApp::new().await;
    let addr = start(&app, QUICK).await;
    // Two slow clients take both places …
    let mut slow = Vec::new();
    for _ in 0..2 {
        let mut s = TcpStream::connect(addr)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        s.write_all(b"GET / HTTP/1.1\r\n")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        slow.push(s);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    // … so a third is answered only once the header timeout has closed one of them.
    let started = Instant::now();
    let mut third = TcpStream::connect(addr)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: kultur.test\r\nConnection: close\r\n\r\n")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(15), third.read_to_end(&mut answer))
        .await
        .unwrap_or_else(|_| panic!("the third connection was never served"))
        .unwrap_or_else(|e| panic!("{e}"));
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        started.elapsed() >= Duration::from_millis(700),
        "served at once although both places were taken ({:?})",
        started.elapsed()
    );
}
