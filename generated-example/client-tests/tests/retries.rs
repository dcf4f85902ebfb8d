//! Retries: `429`/`503` are retried with backoff, honouring `Retry-After`, only
//! for requests that are safe to repeat; an `Idempotency-Key` is generated once
//! per call and sent again on every retry.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{bounded, header, is_uuid, order, requests, server, uuid};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Answers the first `failures` requests with `failure`, the rest with `success`.
async fn fail_then(server: &MockServer, failures: u64, failure: ResponseTemplate, success: ResponseTemplate) {
    Mock::given(wiremock::matchers::any()).respond_with(failure).up_to_n_times(failures).mount(server).await;
    Mock::given(wiremock::matchers::any()).respond_with(success).mount(server).await;
}

fn too_many(retry_after: &str) -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("Retry-After", retry_after)
        .set_body_json(json!({"code": "RATE_LIMITED", "message": "slow down", "details": [], "request_id": uuid(1)}))
}

fn fast(builder: orders_client::ClientBuilder) -> orders_client::ClientBuilder {
    builder.backoff(Duration::from_millis(5), Duration::from_millis(20))
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_that_many_seconds() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 1, too_many("1"), ResponseTemplate::new(200).set_body_json(order(5))).await;
        let client = orders_client::Client::builder().base_url(server.uri()).build().unwrap();

        let started = Instant::now();
        let got = client.orders().get_order(uuid(5).parse().unwrap()).await.unwrap();
        let waited = started.elapsed();

        assert_eq!(got.order_number.as_deref(), Some("ORD-00000005"));
        assert_eq!(requests(&server).await.len(), 2);
        assert!(waited >= Duration::from_millis(950), "waited {waited:?}, Retry-After said 1 s");
        assert!(waited < Duration::from_secs(10), "waited {waited:?}");
    })
    .await;
}

#[tokio::test]
async fn a_503_is_retried_with_backoff_until_the_retries_run_out() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 10, ResponseTemplate::new(503), ResponseTemplate::new(200).set_body_json(order(5))).await;
        let client = fast(orders_client::Client::builder()).base_url(server.uri()).max_retries(2).build().unwrap();

        let err = client.orders().get_order(uuid(5).parse().unwrap()).await.unwrap_err();
        assert_eq!(err.status(), Some(503));
        assert_eq!(requests(&server).await.len(), 3, "the first attempt and 2 retries");
    })
    .await;
}

#[tokio::test]
async fn a_retry_after_longer_than_the_limit_is_not_waited_for() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 1, too_many("3600"), ResponseTemplate::new(200).set_body_json(order(5))).await;
        let client = orders_client::Client::builder()
            .base_url(server.uri())
            .max_retry_after(Duration::from_secs(5))
            .build()
            .unwrap();
        let err = client.orders().get_order(uuid(5).parse().unwrap()).await.unwrap_err();
        assert_eq!(err.status(), Some(429));
        assert_eq!(err.body().map(|b| b.code.as_str()), Some("RATE_LIMITED"));
        assert_eq!(requests(&server).await.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn a_non_idempotent_post_without_an_idempotency_key_is_sent_once() {
    bounded(async {
        let server = server().await;
        fail_then(
            &server,
            1,
            ResponseTemplate::new(429).insert_header("Retry-After", "0"),
            ResponseTemplate::new(201).set_body_json(json!({"id": 1, "text": "x"})),
        )
        .await;
        let client = edge_client::Client::builder().base_url(server.uri()).build().unwrap();

        let err = client
            .notes()
            .create_note(edge_client::models::NoteForm { text: "x".into(), labels: None })
            .await
            .unwrap_err();

        assert_eq!(err.status(), Some(429));
        let received = requests(&server).await;
        assert_eq!(received.len(), 1, "POST /notes has no x-idempotent: never retried");
        assert_eq!(header(&received[0], "idempotency-key"), None);
    })
    .await;
}

#[tokio::test]
async fn a_non_idempotent_patch_is_not_retried_either() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 1, ResponseTemplate::new(503), ResponseTemplate::new(200).set_body_json(order(5))).await;
        let client = fast(orders_client::Client::builder()).base_url(server.uri()).build().unwrap();
        let change: orders_client::models::OrderUpdate =
            serde_json::from_value(json!({"notes": "leave at the door"})).unwrap();
        let err = client.orders().update_order(uuid(5).parse().unwrap(), change).await.unwrap_err();
        assert_eq!(err.status(), Some(503));
        assert_eq!(requests(&server).await.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn an_idempotent_post_is_retried_with_the_same_generated_idempotency_key() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 2, ResponseTemplate::new(503), ResponseTemplate::new(201).set_body_json(order(9))).await;
        let client = fast(orders_client::Client::builder()).base_url(server.uri()).build().unwrap();
        let body: orders_client::models::OrderCreate = serde_json::from_value(json!({
            "customer_id": uuid(1000), "currency": "EUR", "shipping_address": "a", "shipping_country": "DE", "items": []
        }))
        .unwrap();

        let created = client.orders().create_order(body.clone()).await.unwrap();
        assert_eq!(created.order_number.as_deref(), Some("ORD-00000009"));
        let received = requests(&server).await;
        assert_eq!(received.len(), 3, "two 503s, then the 201");
        let key = header(&received[0], "idempotency-key").expect("an Idempotency-Key on an x-idempotent POST");
        assert!(is_uuid(key), "{key}");
        assert!(received.iter().all(|r| header(r, "idempotency-key") == Some(key)), "the same key on every retry");
        let request_id = header(&received[0], "x-request-id").unwrap();
        assert!(received.iter().all(|r| header(r, "x-request-id") == Some(request_id)), "one request id for the call");

        // A new call gets a new key; a key the caller sets is used as is.
        client.orders().create_order(body.clone()).await.unwrap();
        client.orders().create_order(body).idempotency_key("order-2026-0001").await.unwrap();
        let received = requests(&server).await;
        assert_ne!(header(&received[3], "idempotency-key"), Some(key));
        assert_eq!(header(&received[4], "idempotency-key"), Some("order-2026-0001"));
    })
    .await;
}

#[tokio::test]
async fn retries_can_be_turned_off() {
    bounded(async {
        let server = server().await;
        fail_then(&server, 1, too_many("0"), ResponseTemplate::new(200).set_body_json(order(5))).await;
        let client = orders_client::Client::builder().base_url(server.uri()).max_retries(0).build().unwrap();
        let err = client.orders().get_order(uuid(5).parse().unwrap()).await.unwrap_err();
        assert_eq!(err.status(), Some(429));
        assert_eq!(requests(&server).await.len(), 1);
    })
    .await;
}
