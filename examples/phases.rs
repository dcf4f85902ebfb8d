//! Prints where `apigen check` spends its time on one document:
//! `cargo run --release --example phases -- tests/corpus/apis-guru/mailchimp.com.json`

use std::path::Path;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: phases SPEC");
    let text = std::fs::read_to_string(&path).expect("readable spec");
    let t = Instant::now();
    let plain: Result<openapiv3::OpenAPI, _> = serde_json::from_str(&text);
    println!("plain serde_json -> OpenAPI: {:?} (ok: {})", t.elapsed(), plain.is_ok());
    let t = Instant::now();
    let doc = apigen::load::Document::load(Path::new(&path)).expect("load");
    println!("load: {:?}", t.elapsed());
    let t = Instant::now();
    let config = apigen::config::Config::default();
    let api = apigen::model::lower(&doc, &config.conventions).expect("lower");
    println!("lower: {:?} ({} operations, {} types)", t.elapsed(), api.operations.len(), api.types.types.len());
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
