//! `orders-demo`: serves the in-memory order-management API on 127.0.0.1.
//!
//! ```text
//! cargo run -p orders-demo -- --port 8080 [--rate-limit-scale 1.0]
//! ```
//!
//! `--port 0` picks a free port. The first line printed is `listening on http://127.0.0.1:PORT`.
//! Authenticate with `Authorization: Bearer demo-token` (every permission) or
//! `Bearer readonly-token` (read permissions only).

use std::process::ExitCode;

use orders_demo::{serve, DemoOptions};

fn usage() -> ExitCode {
    eprintln!("usage: orders-demo [--port PORT] [--rate-limit-scale FACTOR]");
    ExitCode::from(2)
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut port: u16 = 8080;
    let mut options = DemoOptions::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--port", Some(v)) => match v.parse() {
                Ok(p) => port = p,
                Err(_) => return usage(),
            },
            ("--rate-limit-scale", Some(v)) => match v.parse::<f64>() {
                Ok(f) if f > 0.0 => options.rate_limit_scale = f,
                _ => return usage(),
            },
            _ => return usage(),
        }
    }
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::from(1);
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("listening on http://{addr}"),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    }
    match serve(listener, options).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
