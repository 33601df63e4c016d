//! A TCP relay between `dmp` and the sandbox that holds the server's answers from the n-th
//! request of a connection on: that request reaches the DMP (which acts on it and traces it),
//! its answer stays in the relay until [`Relay::release`]. This is how a test stands between
//! "the request left" and "the answer came" to kill `dmp` there, or to change the DMP's state
//! between two requests of one run.
//!
//! The relay does not decrypt anything: it reads the TLS record headers going by (content type
//! and length, RFC 5246 §6.2.1). A request starts at the first application-data record the
//! client sends after the server sent application data (HTTP/1.1 without pipelining).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

const APPLICATION_DATA: u8 = 23;

struct Shared {
    /// Hold the answers from this request on (1 = the first); 0: never.
    hold_from: usize,
    requests: AtomicUsize,
    released: Mutex<bool>,
    wake: Condvar,
    stop: AtomicBool,
}

/// A running relay.
pub struct Relay {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nobody,
    Client,
    Server,
}

/// Reads TLS record boundaries in one direction of a stream.
struct Records {
    header: Vec<u8>,
    remaining: usize,
}

impl Records {
    fn new() -> Records {
        Records {
            header: Vec::new(),
            remaining: 0,
        }
    }

    /// The content types of the records that start in `chunk`.
    fn starts(&mut self, mut chunk: &[u8]) -> Vec<u8> {
        let mut types = Vec::new();
        while !chunk.is_empty() {
            if self.remaining > 0 {
                let n = self.remaining.min(chunk.len());
                self.remaining -= n;
                chunk = &chunk[n..];
                continue;
            }
            let need = 5 - self.header.len();
            let n = need.min(chunk.len());
            self.header.extend_from_slice(&chunk[..n]);
            chunk = &chunk[n..];
            if self.header.len() == 5 {
                types.push(self.header[0]);
                self.remaining = u16::from_be_bytes([self.header[3], self.header[4]]) as usize;
                self.header.clear();
            }
        }
        types
    }
}

impl Relay {
    /// Relays 127.0.0.1:<new port> to `upstream`, holding answers from request `hold_from`
    /// (1-based, counted over all connections) until released; 0: never hold.
    pub fn spawn(upstream: SocketAddr, hold_from: usize) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").expect("relay port");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            hold_from,
            requests: AtomicUsize::new(0),
            released: Mutex::new(false),
            wake: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let s = shared.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = conn else { continue };
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let last = Arc::new(Mutex::new(Last::Nobody));
                let held = Arc::new(AtomicBool::new(false));
                // Client to server: count requests, forward at once.
                {
                    let (mut from, mut to) =
                        (client.try_clone().unwrap(), server.try_clone().unwrap());
                    let (s, last, held) = (s.clone(), last.clone(), held.clone());
                    std::thread::spawn(move || {
                        let mut records = Records::new();
                        let mut buf = [0u8; 16384];
                        loop {
                            let n = match from.read(&mut buf) {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            for t in records.starts(&buf[..n]) {
                                if t != APPLICATION_DATA {
                                    continue;
                                }
                                let mut l = last.lock().unwrap();
                                if *l != Last::Client {
                                    let nth = s.requests.fetch_add(1, Ordering::SeqCst) + 1;
                                    if s.hold_from != 0 && nth >= s.hold_from {
                                        // Before the request is forwarded: its answer cannot
                                        // come back before the hold is in place.
                                        held.store(true, Ordering::SeqCst);
                                    }
                                }
                                *l = Last::Client;
                            }
                            if to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(Shutdown::Write);
                    });
                }
                // Server to client: wait while held.
                {
                    let (mut from, mut to) = (server, client);
                    let s = s.clone();
                    std::thread::spawn(move || {
                        let mut records = Records::new();
                        let mut buf = [0u8; 16384];
                        loop {
                            let n = match from.read(&mut buf) {
                                Ok(0) | Err(_) => break,
                                Ok(n) => n,
                            };
                            if held.load(Ordering::SeqCst) {
                                let mut released = s.released.lock().unwrap();
                                while !*released && !s.stop.load(Ordering::SeqCst) {
                                    released = s.wake.wait(released).unwrap();
                                }
                            }
                            for t in records.starts(&buf[..n]) {
                                if t == APPLICATION_DATA {
                                    *last.lock().unwrap() = Last::Server;
                                }
                            }
                            if to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(Shutdown::Write);
                    });
                }
            }
        });
        Relay { addr, shared }
    }

    /// The sandbox endpoint `endpoint` (`https://127.0.0.1:PORT/…`) through this relay.
    pub fn endpoint(&self, endpoint: &str) -> String {
        let rest = endpoint
            .strip_prefix("https://")
            .and_then(|r| r.split_once('/'))
            .map(|(_, path)| path)
            .expect("an https endpoint with a path");
        format!("https://{}/{rest}", self.addr)
    }

    /// Requests seen so far.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Lets the held answers through.
    pub fn release(&self) {
        *self.shared.released.lock().unwrap() = true;
        self.shared.wake.notify_all();
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.release();
        // Wakes the accept loop so it sees the stop.
        let _ = TcpStream::connect(self.addr);
    }
}
