//! A small HTTP/1.1 test server on loopback, written by hand on tokio so that tests have full
//! control of misbehaviour (hangs, resets, huge bodies) and can count what reached it
//! (requests per path and method, request headers, concurrent requests, bytes sent).
//!
//! Paths (`<rest>` is free-form):
//! `/ok/<rest>` 200 · `/status/<code>/<rest>` · `/fail-then-ok/<code>/<k>/<rest>` `code` for
//! the first k requests to that path, then 200 · `/ratelimit/<k>/<rest>` 429 +
//! `Retry-After: 1` k times, then 200 · `/redirect/<n>/<rest>` n × 301 then `/ok/<rest>` ·
//! `/redirect-loop/<rest>` · `/redirect-to/<host:port>/<rest>` 301 to `http://host:port/ok/<rest>` ·
//! `/head-405/<rest>` · `/slow/<ms>/<rest>` · `/hang/<rest>` never answers · `/reset/<rest>` TCP
//! RST · `/big-get/<rest>` 405 to HEAD, a 200 MiB streamed body to GET · `/challenge/<rest>`
//! 403 with `cf-mitigated: challenge` · anything else 404.

#![allow(dead_code)]

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

pub const BIG_BODY: u64 = 200 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    /// Every request header, names lowercased, in the order received.
    pub headers: Vec<(String, String)>,
}

impl Seen {
    /// The values of one header (name in any case).
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

#[derive(Default)]
pub struct State {
    pub seen: Mutex<Vec<Seen>>,
    hits: Mutex<HashMap<String, usize>>,
    in_flight: AtomicUsize,
    pub max_in_flight: AtomicUsize,
    pub bytes_sent: AtomicU64,
}

pub struct TestServer {
    pub addr: SocketAddr,
    pub state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        Self::start_on("127.0.0.1".parse().unwrap()).await
    }

    pub async fn start_on(ip: IpAddr) -> TestServer {
        let listener = TcpListener::bind(SocketAddr::new(ip, 0)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State::default());
        let st = state.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((sock, _)) = listener.accept().await else {
                    continue;
                };
                let st = st.clone();
                tokio::spawn(async move {
                    let _ = serve(sock, addr, st).await;
                });
            }
        });
        TestServer { addr, state, task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `host:port` of this server.
    pub fn authority(&self) -> String {
        self.addr.to_string()
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// Requests to exactly this path (any method).
    pub fn count(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }

    pub fn count_method(&self, method: &str, path: &str) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.path == path && s.method == method)
            .count()
    }

    pub fn total(&self) -> usize {
        self.seen().len()
    }

    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    pub fn bytes_sent(&self) -> u64 {
        self.state.bytes_sent.load(Ordering::SeqCst)
    }
}

struct InFlight<'a>(&'a State);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn serve(sock: TcpStream, me: SocketAddr, st: Arc<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(sock);
    loop {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).await? == 0 {
                return Ok(());
            }
            if line == "\r\n" || line == "\n" {
                break;
            }
            head.push_str(&line);
        }
        let mut lines = head.lines();
        let request_line = lines.next().unwrap_or_default().to_string();
        let mut parts = request_line.split(' ');
        let method = parts.next().unwrap_or_default().to_string();
        let path = parts.next().unwrap_or_default().to_string();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let authorization = headers
            .iter()
            .find(|(k, _)| k == "authorization")
            .map(|(_, v)| v.clone());
        st.seen.lock().unwrap().push(Seen {
            method: method.clone(),
            path: path.clone(),
            authorization,
            headers,
        });
        let now = st.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        st.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let _guard = InFlight(&st);
        let hit = {
            let mut hits = st.hits.lock().unwrap();
            let n = hits.entry(path.clone()).or_default();
            *n += 1;
            *n
        };
        if !route(&mut reader, &st, me, &method, &path, hit).await? {
            return Ok(());
        }
    }
}

async fn respond(
    reader: &mut BufReader<TcpStream>,
    st: &State,
    method: &str,
    code: u16,
    headers: &[(&str, String)],
) -> std::io::Result<bool> {
    let body = format!("<html><body>{code}</body></html>\n");
    let mut out = format!(
        "HTTP/1.1 {code} Whatever\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    if method != "HEAD" {
        out.push_str(&body);
    }
    reader.get_mut().write_all(out.as_bytes()).await?;
    st.bytes_sent.fetch_add(out.len() as u64, Ordering::SeqCst);
    Ok(true)
}

async fn route(
    reader: &mut BufReader<TcpStream>,
    st: &State,
    me: SocketAddr,
    method: &str,
    path: &str,
    hit: usize,
) -> std::io::Result<bool> {
    let seg: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let rest = |n: usize| seg.get(n..).map(|s| s.join("/")).unwrap_or_default();
    let num = |i: usize| seg.get(i).and_then(|s| s.parse::<u64>().ok());
    match seg[0] {
        "ok" => respond(reader, st, method, 200, &[]).await,
        "status" => {
            let code = num(1).unwrap_or(500) as u16;
            respond(reader, st, method, code, &[]).await
        }
        "fail-then-ok" => {
            let (code, k) = (num(1).unwrap_or(500) as u16, num(2).unwrap_or(1) as usize);
            let code = if hit <= k { code } else { 200 };
            respond(reader, st, method, code, &[]).await
        }
        "ratelimit" => {
            if hit <= num(1).unwrap_or(1) as usize {
                respond(reader, st, method, 429, &[("Retry-After", "1".into())]).await
            } else {
                respond(reader, st, method, 200, &[]).await
            }
        }
        "redirect" => {
            let n = num(1).unwrap_or(1);
            let next = if n > 1 {
                format!("/redirect/{}/{}", n - 1, rest(2))
            } else {
                format!("/ok/{}", rest(2))
            };
            respond(reader, st, method, 301, &[("Location", next)]).await
        }
        "redirect-loop" => {
            respond(reader, st, method, 301, &[("Location", path.to_string())]).await
        }
        "redirect-to" => {
            let to = format!("http://{}/ok/{}", seg.get(1).unwrap_or(&""), rest(2));
            respond(reader, st, method, 301, &[("Location", to)]).await
        }
        "head-405" if method == "HEAD" => respond(reader, st, method, 405, &[]).await,
        "head-405" => respond(reader, st, method, 200, &[]).await,
        "slow" => {
            tokio::time::sleep(Duration::from_millis(num(1).unwrap_or(100))).await;
            respond(reader, st, method, 200, &[]).await
        }
        "hang" => {
            // Hold the connection until the client gives up.
            let mut buf = [0u8; 1024];
            while reader.read(&mut buf).await? > 0 {}
            Ok(false)
        }
        "reset" => {
            // A zero linger never blocks: close sends a RST at once.
            #[allow(deprecated)]
            reader.get_ref().set_linger(Some(Duration::ZERO))?;
            Ok(false) // dropping the socket with linger 0 sends a RST
        }
        "big-get" if method == "HEAD" => respond(reader, st, method, 405, &[]).await,
        "big-get" => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {BIG_BODY}\r\n\r\n"
            );
            let sock = reader.get_mut();
            sock.write_all(head.as_bytes()).await?;
            let chunk = vec![0u8; 64 * 1024];
            let mut sent = 0u64;
            while sent < BIG_BODY {
                // Fails once the client has gone away: that is the point of the test.
                sock.write_all(&chunk).await?;
                sent += chunk.len() as u64;
                st.bytes_sent
                    .fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
            Ok(true)
        }
        "challenge" => {
            respond(
                reader,
                st,
                method,
                403,
                &[("cf-mitigated", "challenge".into())],
            )
            .await
        }
        _ => {
            let _ = me;
            respond(reader, st, method, 404, &[]).await
        }
    }
}

/// Loopback allowed, short timeouts and backoff so the suite stays fast.
pub fn opts() -> awesome_lint::links::CheckOptions {
    awesome_lint::links::CheckOptions {
        allow_private: true,
        timeout: Duration::from_secs(2),
        backoff_base: Duration::from_millis(10),
        progress: false,
        ..awesome_lint::links::CheckOptions::default()
    }
}

/// One occurrence per URL, each on its own stretch of a pretend source.
pub fn occ(urls: &[String]) -> Vec<awesome_lint::links::LinkOccurrence> {
    urls.iter()
        .enumerate()
        .map(|(i, u)| awesome_lint::links::LinkOccurrence {
            url: u.clone(),
            span: i * 100..i * 100 + u.len(),
        })
        .collect()
}

/// Checks the URLs, bounded by a generous limit so that a bug cannot hang the suite.
pub async fn run(
    urls: &[String],
    options: &awesome_lint::links::CheckOptions,
) -> Vec<awesome_lint::links::LinkResult> {
    tokio::time::timeout(
        Duration::from_secs(60),
        awesome_lint::links::check(&occ(urls), options),
    )
    .await
    .expect("the check finished in time")
}
