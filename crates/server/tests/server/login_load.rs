//! The login burst of the outside attack run, against the real server process: 200
//! parallel wrong passwords for one account, then 200 for 200 accounts from one address.
//! Argon2 work is bounded and attempts are counted before checking, so the server stays
//! small (it grew to 3.7 GB before) and answers 401 only up to the limits, then 429/503
//! with `Retry-After`. It measures the spawned server process's own peak memory.

use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// The most the server may hold resident at its peak.
const PEAK_LIMIT_KB: u64 = 300 * 1024;

async fn login(address: std::net::SocketAddr, email: &str) -> (u16, bool) {
    let body = format!(r#"{{"email":"{email}","password":"wrong-guess"}}"#);
    let request = format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let status = answer.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, answer.to_ascii_lowercase().contains("\r\nretry-after:"))
}

async fn burst(address: std::net::SocketAddr, emails: Vec<String>) -> Vec<(u16, bool)> {
    let tasks: Vec<_> = emails.into_iter().map(|e| tokio::spawn(async move { login(address, &e).await })).collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.unwrap());
    }
    out
}

fn peak_resident_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn a_login_burst_keeps_the_server_small_and_limited() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_atrium-server"))
        .args(["--port", "0", "--seed-demo", "--database-url"])
        .arg(format!("sqlite://{}", dir.path().join("atrium.db").display()))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let address: std::net::SocketAddr = loop {
        let line = lines.next_line().await.unwrap().expect("the server printed its address");
        if let Some(rest) = line.strip_prefix("listening on http://") {
            break rest.parse().unwrap();
        }
    };
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let pid = server.id().unwrap();

    let one_account = burst(address, vec!["member@northwind.test".to_string(); 200]).await;
    let wrong = one_account.iter().filter(|(s, _)| *s == 401).count();
    assert_eq!(wrong, 10, "{one_account:?}");
    assert!(one_account.iter().all(|&(s, retry)| s == 401 || ((s == 429 || s == 503) && retry)), "{one_account:?}");

    let many_accounts = burst(address, (0..200).map(|n| format!("nobody{n}@nowhere.test")).collect()).await;
    let wrong = many_accounts.iter().filter(|(s, _)| *s == 401).count();
    assert_eq!(wrong, 40, "the address's limit of 50, 10 of them spent above");
    assert!(many_accounts.iter().all(|&(s, retry)| s == 401 || ((s == 429 || s == 503) && retry)), "{many_accounts:?}");

    let peak = peak_resident_kb(pid);
    assert!(peak < PEAK_LIMIT_KB, "the server peaked at {} MB", peak / 1024);
    println!("login burst: peak resident {} MB", peak / 1024);
    server.kill().await.unwrap();
}
