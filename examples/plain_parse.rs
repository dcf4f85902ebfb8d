//! The benchmark baseline: a plain `serde_json` parse of a document into
//! `openapiv3::OpenAPI`, nothing else. `scripts/bench-check.sh` runs it beside
//! `apigen check` on the same file.

/// The same allocator as the `apigen` binary, so the comparison measures the work, not the allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let path = std::env::args().nth(1).expect("usage: plain_parse SPEC.json");
    let text = std::fs::read_to_string(&path).expect("readable file");
    let api: openapiv3::OpenAPI = serde_json::from_str(&text).expect("an OpenAPI 3.0 JSON document");
    println!("{} paths", api.paths.paths.len());
}
