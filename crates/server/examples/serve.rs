//! Serve a database without the CLI (for load tests and screenshots):
//! `cargo run -p attache-server --release --example serve -- DB [ADDR]`.

use attache_server::ServerConfig;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next() else {
        eprintln!("usage: serve DB [ADDR]");
        std::process::exit(2);
    };
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
    let addr = match addr.parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("serve: bad address {addr:?}: {e}");
            std::process::exit(2);
        }
    };
    let mut config = ServerConfig::new(addr, db.into());
    config.token = std::env::var("ATTACHE_TOKEN").ok();
    let server = match attache_server::bind(&config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("serve: {e}");
            std::process::exit(1);
        }
    };
    match server.local_addr() {
        Ok(a) => eprintln!("serving http://{a}/"),
        Err(e) => eprintln!("serve: {e}"),
    }
    if let Err(e) = server.run().await {
        eprintln!("serve: {e}");
        std::process::exit(1);
    }
}
