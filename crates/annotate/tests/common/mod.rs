//! Shared by the seed tests: the seed articles of ../shared/data (or `$ATTACHE_DATA`).

use std::path::PathBuf;

/// The text of seed `name`, or `None` (saying so) when the shared data is absent.
pub fn seed(name: &str) -> Option<String> {
    let dir = std::env::var_os("ATTACHE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let p = dir.join("seeds").join(name);
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipped: {} not found", p.display());
            None
        }
    }
}
