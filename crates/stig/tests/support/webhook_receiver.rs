//! A webhook receiver on loopback for the tests that count deliveries: it keeps the
//! idempotency key of every whole request it got.

use std::io::{BufRead, BufReader, Read, Write};
use std::sync::{Arc, Mutex};

/// A webhook receiver on loopback: answers 200 to every POST and keeps each `webhook-id`
/// (the delivery's idempotency key) it saw, repeats included.
pub fn receiver() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let ids = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let ids = ids.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let (mut id, mut length, mut whole) = (String::new(), 0usize, false);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    if line.trim().is_empty() {
                        whole = true;
                        break;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(v) = lower.strip_prefix("webhook-id:") {
                        id = v.trim().to_owned();
                    } else if let Some(v) = lower.strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                // A request cut short (the sender killed mid-way) was not received.
                whole &= reader.read_exact(&mut body).is_ok();
                if whole && !id.is_empty() {
                    ids.lock().expect("lock").push(id);
                }
                let _ = reader.get_mut().write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            });
        }
    });
    (port, seen)
}
