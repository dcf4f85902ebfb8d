//! What the behaviour tests share: a time bound, a stub server on 127.0.0.1,
//! and JSON bodies that decode as the specs' models.

#![allow(dead_code)] // each test file uses a different part of this module

use std::future::Future;
use std::time::Duration;

use serde_json::{json, Value};
use wiremock::{MockServer, Request};

/// Runs a test body, failing it if it takes longer than 30 seconds.
pub async fn bounded<F: Future<Output = ()>>(test: F) {
    tokio::time::timeout(Duration::from_secs(30), test).await.expect("the test finished within 30 s");
}

/// A stub HTTP server on 127.0.0.1 (a free port).
pub async fn server() -> MockServer {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    MockServer::builder().listener(listener).start().await
}

/// Every request the server received.
pub async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is on")
}

/// A header of a received request, as text.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// A query parameter of a received request (the first one with that name), decoded.
pub fn query(request: &Request, name: &str) -> Option<String> {
    request.url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// A UUID whose last group is `n`.
pub fn uuid(n: u64) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// Whether a text is a UUID (8-4-4-4-12 hexadecimal digits).
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

const AT: &str = "2026-01-15T10:30:00Z";

/// An `Order` of the orders spec.
pub fn order(n: u64) -> Value {
    json!({
        "id": uuid(n), "order_number": format!("ORD-{n:08}"), "customer_id": uuid(1000), "status": "confirmed",
        "currency": "EUR", "subtotal_amount": "10.00", "shipping_amount": "0.00", "total_amount": "10.00",
        "item_count": 1, "is_gift": false, "shipping_address": "Hauptstrasse 1", "shipping_country": "DE",
        "placed_at": AT, "created_at": AT, "updated_at": AT
    })
}

/// An `OrderItem` of the orders spec.
pub fn order_item(n: u64) -> Value {
    json!({
        "id": uuid(n), "order_id": uuid(1), "sku": format!("SKU-{n}"), "name": "T-shirt", "quantity": 1,
        "unit_price": "9.90", "line_total_amount": "9.90", "currency": "EUR", "weight": 0.2, "weight_unit": "kg",
        "created_at": AT, "updated_at": AT
    })
}

/// A `Job` of the jobs spec.
pub fn job(n: u64) -> Value {
    json!({
        "id": uuid(n), "name": format!("job {n}"), "status": "running", "source_system": "affinity", "target_system": "attio",
        "batch_size": 1000, "max_retries": 3, "retry_count": 0, "total_records": 10, "processed_records": 5,
        "failed_records": 0, "progress_percent": 50, "created_at": AT, "updated_at": AT
    })
}

/// A `JobLog` of the jobs spec.
pub fn job_log(n: u64) -> Value {
    json!({"id": uuid(n), "job_id": uuid(1), "level": "info", "message": format!("line {n}"), "created_at": AT})
}

/// A `ProjectV2` of the projects spec.
pub fn project(n: u64) -> Value {
    json!({
        "id": uuid(n), "code": format!("ASR-{:04}", 1000 + n), "name": format!("project {n}"), "status": "active",
        "is_archived": false, "owner_id": uuid(2000), "start_date": "2026-03-02", "budget_amount": "1000.00",
        "currency": "USD", "document_count": 0, "created_at": AT, "updated_at": AT
    })
}

/// A `Project` (version 1) of the projects spec.
pub fn project_v1(n: u64) -> Value {
    json!({"id": uuid(n), "code": format!("ASR-{:04}", 1000 + n), "name": format!("project {n}"), "status": "ACTIVE",
        "start_date": "2026-03-02", "created_at": AT, "updated_at": AT})
}

/// The conventions' error body.
pub fn error_body(code: &str, message: &str, request_id: &str) -> Value {
    json!({"code": code, "message": message, "details": [{"field": "id", "message": "unknown"}], "request_id": request_id, "timestamp": AT})
}
