//! Prints where `apigen check` spends its time on one document:
//! `cargo run --release --example phases -- tests/corpus/apis-guru/mailchimp.com.json`

use std::path::Path;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: phases SPEC");
    let text = std::fs::read_to_string(&path).expect("readable spec");
    let t = Instant::now();
    let plain: Result<openapiv3::OpenAPI, _> = serde_json::from_str(&text);
    println!("plain serde_json -> OpenAPI: {:?} (ok: {}; resident: {} MiB)", t.elapsed(), plain.is_ok(), resident_mib());
    drop(plain);
    let t = Instant::now();
    let doc = apigen::load::Document::load(Path::new(&path)).expect("load");
    println!("load: {:?} (resident: {} MiB)", t.elapsed(), resident_mib());
    let t = Instant::now();
    let config = apigen::config::Config::default();
    let api = apigen::model::lower(&doc, &config.conventions).expect("lower");
    println!("lower: {:?} ({} operations, {} types; resident: {} MiB)", t.elapsed(), api.operations.len(), api.types.types.len(), resident_mib());
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let ctx = apigen::check::Context::new(&doc, &api, today);
    let mut timings = Vec::new();
    for rule in apigen::check::registry::all() {
        if let apigen::check::Check::Model(f) = rule.check {
            let t = Instant::now();
            let mut sink = apigen::check::Sink::default();
            f(&ctx, &mut sink);
            timings.push((t.elapsed(), rule.id));
        }
    }
    timings.sort();
    for (d, id) in timings.iter().rev().take(8) {
        println!("  rule {id}: {d:?}");
    }
    let t = Instant::now();
    let checked = apigen::check::check_document(doc, &config, today);
    println!("check_document (load excluded): {:?}, {} diagnostics", t.elapsed(), checked.diagnostics.len());
}

/// Resident memory of this process in MiB (Linux `/proc/self/statm`; 0 elsewhere).
fn resident_mib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
