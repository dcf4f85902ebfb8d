//! Webhook round trip: the demo server (through the generated `orders-server` sender) delivers
//! a signed `order.created` to a receiver on 127.0.0.1 built from the generated `orders-client`
//! crate (`webhooks::verify_and_parse`), which parses it into the typed event; the same
//! delivery with a tampered body, checked with a wrong secret, or checked after its timestamp
//! has aged past the tolerance is rejected with its typed error.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use orders_client::webhooks::{verify_and_parse, verify_and_parse_with, Event, Options, WebhookError};
use orders_client::{models, Client};
use orders_demo::{DemoOptions, DEMO_TOKEN};
use orders_server::axum::body::Bytes;
use orders_server::axum::http::{HeaderMap, StatusCode};
use orders_server::axum::routing::post;
use orders_server::axum::Router;

/// What the receiver saw: each delivery's headers and raw body, and the subscription's secret
/// once the demo has returned it.
#[derive(Default)]
struct Receiver {
    secret: Option<String>,
    deliveries: Vec<(HeaderMap, Bytes)>,
}

/// Serves `POST /hooks` on 127.0.0.1:0: 204 for a delivery that verifies with the secret, 400
/// otherwise. Returns the URL.
async fn receiver(state: Arc<Mutex<Receiver>>) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let app = Router::new().route(
        "/hooks",
        post(move |headers: HeaderMap, body: Bytes| async move {
            let mut seen = state.lock().unwrap();
            let secret = seen.secret.clone().unwrap_or_default();
            let status = if verify_and_parse(&headers, &body, secret).is_ok() { StatusCode::NO_CONTENT } else { StatusCode::BAD_REQUEST };
            seen.deliveries.push((headers, body));
            status
        }),
    );
    tokio::spawn(async move {
        let _ = orders_server::axum::serve(listener, app).await;
    });
    format!("http://{addr}/hooks")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_delivers_signed_order_created_to_the_rust_receiver() {
    let (addr, _) = orders_demo::spawn(DemoOptions { rate_limit_scale: 100.0, ..DemoOptions::default() }).await.expect("demo");
    let api = Client::builder().base_url(format!("http://{addr}")).bearer_token(DEMO_TOKEN).build().expect("client");
    let state = Arc::new(Mutex::new(Receiver::default()));
    let url = receiver(state.clone()).await;

    let subscription = api
        .webhook_subscriptions()
        .create_webhook_subscription(models::WebhookSubscriptionCreate {
            target_url: url,
            event_types: vec![models::WebhookEventType::OrderCreated],
            description: None,
        })
        .await
        .expect("subscribe");
    let secret = subscription.signing_secret.expect("the secret is returned on creation");
    state.lock().unwrap().secret = Some(secret.clone());

    let customer = api
        .customers()
        .create_customer(models::CustomerCreate {
            email: "hook@example.com".into(),
            first_name: "Hook".into(),
            last_name: "Receiver".into(),
            phone: None,
            birth_date: None,
            has_marketing_consent: None,
        })
        .await
        .expect("customer");
    let order = api
        .orders()
        .create_order(models::OrderCreate {
            customer_id: customer.id.expect("customer id"),
            items: vec![models::OrderItemCreate {
                sku: "SKU-1".into(),
                name: "Product".into(),
                quantity: 1,
                unit_price: "10.00".parse().expect("price"),
                currency: "EUR".into(),
                weight: 0.2,
                weight_unit: models::OrderItemCreateWeightUnit::Kg,
                length: None,
                length_unit: None,
            }],
            currency: "EUR".into(),
            is_gift: None,
            shipping_address: "Hauptstrasse 1\n10115 Berlin".into(),
            shipping_country: "DE".into(),
            requested_delivery_date: None,
            notes: None,
        })
        .await
        .expect("order");

    // The demo sends in the background: wait for the delivery (at most 10 s).
    let (headers, body) = {
        let mut waited = 0;
        loop {
            if let Some(d) = state.lock().unwrap().deliveries.first().cloned() {
                break d;
            }
            assert!(waited < 200, "no delivery reached the receiver");
            waited += 1;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    };

    // The genuine delivery: the typed event, its payload the order's.
    let Ok(Event::OrderCreated(event)) = verify_and_parse(&headers, &body, &secret) else {
        panic!("not a verified order.created: {:?}", verify_and_parse(&headers, &body, &secret))
    };
    assert_eq!(event.event_type, "order.created");
    assert_eq!(event.source_app.as_deref(), Some(orders_demo::SOURCE_APP));
    // The body is the spec's envelope: every member `WebhookEvent` requires, of its type.
    let envelope: models::WebhookEvent = serde_json::from_slice(&body).expect("the spec's WebhookEvent");
    assert_eq!(envelope.source_app, orders_demo::SOURCE_APP);
    assert_eq!(envelope.event_type, models::WebhookEventType::OrderCreated);
    assert_eq!(event.payload, models::WebhookOrderPayload { order_id: order.id.expect("order id"), status: models::OrderStatus::Pending });
    assert_eq!(headers.get("x-hub-event-type").and_then(|v| v.to_str().ok()), Some("order.created"));
    assert_eq!(headers.get("x-hub-event-id").and_then(|v| v.to_str().ok()), Some(event.event_id.as_str()));

    // A tampered body (the status changed), and a wrong secret: the signature does not match.
    let tampered = String::from_utf8(body.to_vec()).unwrap().replace("\"pending\"", "\"shipped\"");
    assert_ne!(tampered.as_bytes(), &body[..]);
    assert!(matches!(verify_and_parse(&headers, tampered.as_bytes(), &secret), Err(WebhookError::Mismatch)));
    assert!(matches!(verify_and_parse(&headers, &body, "whsec_wrong"), Err(WebhookError::Mismatch)));
    // A stale timestamp: the same delivery once older than the tolerance (none here).
    tokio::time::sleep(Duration::from_millis(20)).await;
    let strict = Options { tolerance: Duration::ZERO, ..Options::default() };
    assert!(matches!(verify_and_parse_with(&headers, &body, &secret, &strict), Err(WebhookError::Stale { .. })));
}
