//! An open-loop load generator: requests at a fixed rate, latency measured from the moment each
//! request was due (so a slow server cannot hide its queueing, unlike a closed-loop tool):
//! `cargo run -p attache-server --release --example rate -- ADDR PATHS_FILE RATE SECONDS`.
//!
//! PATHS_FILE holds one path a line, taken round robin. Prints requests sent, errors, and
//! latency percentiles.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn request(addr: &str, path: &str) -> Result<u16, String> {
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).map_err(|e| e.to_string())?;
    let status = buf
        .split(|&b| b == b' ')
        .nth(1)
        .and_then(|c| std::str::from_utf8(c).ok())
        .and_then(|c| c.parse().ok())
        .ok_or("no status line")?;
    Ok(status)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 4 {
        eprintln!("usage: rate ADDR PATHS_FILE RATE SECONDS");
        std::process::exit(2);
    }
    let addr = args[0].clone();
    let paths: Vec<String> = match std::fs::File::open(&args[1]) {
        Ok(f) => BufReader::new(f)
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .collect(),
        Err(e) => {
            eprintln!("rate: {}: {e}", args[1]);
            std::process::exit(2);
        }
    };
    let (Ok(rate), Ok(secs)) = (args[2].parse::<f64>(), args[3].parse::<f64>()) else {
        eprintln!("rate: RATE and SECONDS are numbers");
        std::process::exit(2);
    };
    if paths.is_empty() || rate <= 0.0 {
        eprintln!("rate: no paths, or a rate of zero");
        std::process::exit(2);
    }
    let total = (rate * secs) as usize;
    let start = Instant::now() + Duration::from_millis(100);
    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(total)));
    let errors = Arc::new(AtomicUsize::new(0));
    // Enough workers that a slow answer never delays the next request's start.
    let workers = ((rate * 0.25).ceil() as usize).clamp(4, 256);
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let (addr, paths) = (addr.clone(), paths.clone());
            let (next, latencies, errors) = (next.clone(), latencies.clone(), errors.clone());
            std::thread::spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let due = start + Duration::from_secs_f64(i as f64 / rate);
                    if let Some(wait) = due.checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    match request(&addr, &paths[i % paths.len()]) {
                        Ok(s) if s < 400 => {
                            let l = due.elapsed();
                            latencies.lock().unwrap_or_else(|p| p.into_inner()).push(l);
                        }
                        _ => {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let mut l = latencies.lock().unwrap_or_else(|p| p.into_inner()).clone();
    l.sort();
    let pct = |p: f64| -> f64 {
        if l.is_empty() {
            return f64::NAN;
        }
        let i = ((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1;
        l[i].as_secs_f64() * 1000.0
    };
    println!(
        "{} requests at {rate} req/s over {elapsed:.1} s ({:.1} req/s achieved), {} errors; \
         latency from due time: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        l.len(),
        l.len() as f64 / elapsed,
        errors.load(Ordering::Relaxed),
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
}
