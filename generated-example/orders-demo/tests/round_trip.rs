//! Round trip (docs/generate/server-axum.md): the hand-written demo on top of the generated
//! `orders-server` crate, served on 127.0.0.1:0 in this process, called through
//! the generated `orders-client` crate — every operation of specs/orders.yaml,
//! the error paths (404, 400/422 with `details`, 401, 403, 429 then a retry that
//! succeeds), pagination across pages, request ids and deprecation headers.
//! Header-level checks the client does not expose use plain `reqwest`.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::TryStreamExt as _;
use orders_client::{models, Client, Error};
use orders_demo::{AuditLog, DemoOptions, DEMO_TOKEN, READONLY_TOKEN};
use rust_decimal::Decimal;

/// The documented limits scaled up so that a test's own calls are never limited.
fn roomy() -> DemoOptions {
    DemoOptions { rate_limit_scale: 100.0, ..DemoOptions::default() }
}

async fn demo(options: DemoOptions) -> (SocketAddr, AuditLog) {
    orders_demo::spawn(options).await.expect("the demo serves on 127.0.0.1:0")
}

fn client(addr: SocketAddr, token: Option<&str>) -> Client {
    let mut builder = Client::builder().base_url(format!("http://{addr}")).max_retries(0).on_deprecation(|_| {});
    if let Some(token) = token {
        builder = builder.bearer_token(token);
    }
    builder.build().expect("client")
}

fn customer_create(email: &str) -> models::CustomerCreate {
    models::CustomerCreate {
        email: email.into(),
        first_name: "Jane".into(),
        last_name: "Doe".into(),
        phone: Some("+14155550123".into()),
        birth_date: None,
        has_marketing_consent: Some(true),
    }
}

fn item(sku: &str, quantity: i64, price: &str) -> models::OrderItemCreate {
    models::OrderItemCreate {
        sku: sku.into(),
        name: format!("Product {sku}"),
        quantity,
        unit_price: price.parse().expect("price"),
        currency: "EUR".into(),
        weight: 0.2,
        weight_unit: models::OrderItemCreateWeightUnit::Kg,
        length: Some(30.0),
        length_unit: Some(models::OrderItemCreateLengthUnit::Cm),
    }
}

fn order_create(customer_id: uuid::Uuid, items: Vec<models::OrderItemCreate>) -> models::OrderCreate {
    models::OrderCreate {
        customer_id,
        currency: "EUR".into(),
        is_gift: Some(false),
        shipping_address: "Hauptstrasse 1\n10115 Berlin".into(),
        shipping_country: "DE".into(),
        requested_delivery_date: None,
        notes: Some("leave at the door".into()),
        items,
    }
}

/// The status, decoded error body and request id of an API error.
fn api_error(e: Error) -> (u16, models::Error, String) {
    let status = e.status().expect("a response");
    let request_id = e.request_id().expect("a request id").to_string();
    let body = e.body().cloned().unwrap_or_else(|| panic!("{status}: no error envelope: {e:?}"));
    (status, body, request_id)
}

fn detail_fields(body: &models::Error) -> Vec<&str> {
    body.details.iter().map(|d| d.field.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_round_trips() {
    let (addr, audit) = demo(roomy()).await;
    let api = client(addr, Some(DEMO_TOKEN));

    let health = api.health().get_health().await.expect("get_health");
    assert_eq!(health.status, models::HealthStatus::Healthy);
    assert_eq!(health.checks.get("database"), Some(&models::HealthStatus::Healthy));

    let customer = api.customers().create_customer(customer_create("jane@example.com")).await.expect("create_customer");
    let customer_id = customer.id.expect("customer id");
    assert_eq!(customer.email, "jane@example.com");
    assert_eq!(customer.order_count, Some(0));
    let listed =
        api.customers().list_customers().email("jane@example.com").is_active(true).await.expect("list_customers");
    assert_eq!(listed.total, 1);
    assert_eq!(listed.items[0].id, Some(customer_id));

    let order = api
        .orders()
        .create_order(order_create(customer_id, vec![item("TSHIRT-BLK-M", 4, "59.90"), item("SOCKS-01", 1, "4.50")]))
        .await
        .expect("create_order");
    let order_id = order.id.expect("order id");
    assert_eq!(order.status, models::OrderStatus::Pending);
    assert_eq!(order.subtotal_amount, Some("244.10".parse::<Decimal>().unwrap()));
    assert_eq!(order.shipping_amount.map(|d| d.to_string()).as_deref(), Some("0.00"));
    assert_eq!(order.item_count, Some(2));
    assert!(order.order_number.as_deref().is_some_and(|n| n.starts_with("ORD-") && n.len() == 12));

    let fetched = api.orders().get_order(order_id).await.expect("get_order");
    assert_eq!(fetched, order);

    let change = models::OrderUpdate {
        is_gift: Some(true),
        shipping_address: None,
        shipping_country: Some("AT".into()),
        requested_delivery_date: models::Patch::Value("2026-01-22".parse().unwrap()),
        notes: "leave at the door".to_string().into(),
    };
    let updated = api.orders().update_order(order_id, change).await.expect("update_order");
    assert!(updated.is_gift);
    assert_eq!(updated.shipping_country, "AT");
    assert_eq!(updated.shipping_address, order.shipping_address);
    assert_eq!(updated.requested_delivery_date, Some("2026-01-22".parse().unwrap()));
    assert_eq!(updated.notes.as_deref(), Some("leave at the door"));

    // A PATCH that leaves the nullable members out keeps them…
    let change = models::OrderUpdate { is_gift: Some(false), ..Default::default() };
    assert_eq!(serde_json::to_value(&change).unwrap(), serde_json::json!({"is_gift": false}));
    let kept = api.orders().update_order(order_id, change).await.expect("update_order leaving members out");
    assert!(!kept.is_gift);
    assert_eq!(kept.requested_delivery_date, Some("2026-01-22".parse().unwrap()));
    assert_eq!(kept.notes.as_deref(), Some("leave at the door"));

    // …and one that sends `null` clears them ("null clears it", specs/orders.yaml), end to end.
    let change = models::OrderUpdate {
        requested_delivery_date: models::Patch::Null,
        notes: models::Patch::Null,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&change).unwrap(),
        serde_json::json!({"requested_delivery_date": null, "notes": null})
    );
    let cleared = api.orders().update_order(order_id, change).await.expect("update_order sending null");
    assert_eq!(cleared.requested_delivery_date, None);
    assert_eq!(cleared.notes, None);
    assert_eq!(cleared.shipping_country, "AT", "members left out stay as they were");
    let fetched = api.orders().get_order(order_id).await.expect("get_order after clearing");
    assert_eq!((fetched.requested_delivery_date, fetched.notes), (None, None));

    let listed = api
        .orders()
        .list_orders()
        .customer_id(customer_id)
        .status(models::OrderStatus::Pending)
        .await
        .expect("list_orders");
    assert_eq!(listed.total, 1);
    let cheap = api.orders().list_orders().total_amount_lte("100.00".parse().unwrap()).await.expect("list_orders");
    assert_eq!(cheap.total, 0);

    #[allow(deprecated)]
    let by_customer = api.orders().list_customer_orders(customer_id).await.expect("list_customer_orders");
    assert_eq!(by_customer.items.len(), 1);

    let items = api.orders().list_order_items(order_id).sort("sku").await.expect("list_order_items");
    assert_eq!(items.items.iter().map(|i| i.sku.as_str()).collect::<Vec<_>>(), ["SOCKS-01", "TSHIRT-BLK-M"]);
    assert_eq!(items.next_cursor, None);
    assert_eq!(items.prev_cursor, None);

    let reason = models::OrderCancelRequest {
        reason: models::OrderCancelRequestReason::CustomerRequest,
        comment: Some("wrong size".into()),
    };
    let accepted = api.orders().cancel_order(order_id, reason).await.expect("cancel_order");
    assert_eq!(accepted.order_id, order_id);
    assert_eq!(accepted.status_url, format!("/api/v1/orders/{order_id}"));
    let mut status = models::OrderStatus::CancellationPending;
    for _ in 0..50 {
        status = api.orders().get_order(order_id).await.expect("poll").status;
        if status == models::OrderStatus::Cancelled {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(status, models::OrderStatus::Cancelled);

    let subscription = api
        .webhook_subscriptions()
        .create_webhook_subscription(models::WebhookSubscriptionCreate {
            target_url: "https://erp.example.com/hooks/orders".into(),
            event_types: vec![models::WebhookEventType::OrderCreated, models::WebhookEventType::OrderCancelled],
            description: Some("ERP order sync".into()),
        })
        .await
        .expect("create_webhook_subscription");
    assert!(subscription.signing_secret.as_deref().is_some_and(|s| s.starts_with("whsec_")));
    let subscription_id = subscription.id.expect("subscription id");
    api.webhook_subscriptions()
        .delete_webhook_subscription(subscription_id)
        .await
        .expect("delete_webhook_subscription");
    let (status, body, _) =
        api_error(api.webhook_subscriptions().delete_webhook_subscription(subscription_id).await.unwrap_err());
    assert_eq!((status, body.code.as_str()), (404, "NOT_FOUND"));

    // x-audit operations called the audit hook after success, and only those.
    let audited: Vec<&'static str> = audit.events().iter().map(|e| e.operation_id).collect();
    assert_eq!(
        audited,
        [
            "create_customer",
            "create_order",
            "update_order",
            "update_order",
            "update_order",
            "cancel_order",
            "create_webhook_subscription",
            "delete_webhook_subscription"
        ]
    );
    let events = audit.events();
    assert!(events.iter().all(|e| e.subject.as_deref() == Some("demo-user") && (200..300).contains(&e.status)));
    assert_eq!(events[1].location.as_deref(), Some(format!("/api/v1/orders/{order_id}").as_str()));
    assert_eq!(events[5].path, format!("/api/v1/orders/{order_id}/cancel"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_found_answers_the_envelope() {
    let (addr, _) = demo(roomy()).await;
    let api = client(addr, Some(DEMO_TOKEN));
    let missing = uuid::Uuid::new_v4();
    let (status, body, request_id) = api_error(api.orders().get_order(missing).await.unwrap_err());
    assert_eq!(status, 404);
    assert_eq!(body.code, "NOT_FOUND");
    assert!(body.message.contains(&missing.to_string()));
    assert_eq!(body.request_id.to_string(), request_id);
    assert!(body.timestamp.is_some());
    #[allow(deprecated)]
    let (status, ..) = api_error(api.orders().list_customer_orders(missing).await.unwrap_err());
    assert_eq!(status, 404);
    let reason = models::OrderCancelRequest { reason: models::OrderCancelRequestReason::Other, comment: None };
    let (status, ..) = api_error(api.orders().cancel_order(missing, reason).await.unwrap_err());
    assert_eq!(status, 404);
    let (status, ..) = api_error(api.orders().list_order_items(missing).await.unwrap_err());
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schema_violations_answer_422_with_details_before_the_trait_runs() {
    let (addr, audit) = demo(roomy()).await;
    let api = client(addr, Some(DEMO_TOKEN));
    let customer = api.customers().create_customer(customer_create("v@example.com")).await.expect("customer");
    let mut bad = order_create(customer.id.unwrap(), vec![item("lowercase", 0, "1.5")]);
    bad.currency = "eur".into();
    bad.shipping_address = "x".repeat(501);
    let (status, body, request_id) = api_error(api.orders().create_order(bad).await.unwrap_err());
    assert_eq!(status, 422);
    assert_eq!(body.code, "VALIDATION_ERROR");
    assert_eq!(body.request_id.to_string(), request_id);
    let fields = detail_fields(&body);
    for field in ["currency", "shipping_address", "items[0].sku", "items[0].quantity", "items[0].unit_price"] {
        assert!(fields.contains(&field), "no detail for {field}: {:?}", body.details);
    }
    let messages: Vec<&str> = body.details.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.contains(&"must match the pattern ^[A-Z]{3}$"), "{messages:?}");
    assert!(messages.contains(&"must be at most 500 characters long"), "{messages:?}");
    assert!(messages.contains(&"must be at least 1"), "{messages:?}");

    // minItems, enum, required (through raw JSON: the typed client cannot leave out required members).
    let http = reqwest::Client::new();
    let response = http
        .post(format!("http://{addr}/api/v1/orders"))
        .bearer_auth(DEMO_TOKEN)
        .header("content-type", "application/json")
        .body(r#"{"customer_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","currency":"EUR","shipping_country":"DE","items":[]}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    let details = body["details"].as_array().unwrap();
    assert!(details.iter().any(|d| d["field"] == "shipping_address" && d["message"] == "is required"), "{body}");
    assert!(details.iter().any(|d| d["field"] == "items" && d["message"] == "must have at least 1 item"), "{body}");

    // A value outside an enum is one problem (the member's shape checks it, not a rule again).
    let response = http
        .post(format!("http://{addr}/api/v1/orders/{}/cancel", uuid::Uuid::nil()))
        .bearer_auth(DEMO_TOKEN)
        .header("content-type", "application/json")
        .header("idempotency-key", "enum-once")
        .body(r#"{"reason":"bored"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(
        body["details"],
        serde_json::json!([{"field": "reason", "message": "must be one of: customer_request, out_of_stock, fraud_suspected, other"}]),
        "{body}"
    );

    // Bad path and query values and bad JSON are malformed requests: 400 in the envelope.
    let response = http
        .get(format!("http://{addr}/api/v1/orders?page=zero&status=lost"))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["code"], "BAD_REQUEST");
    let fields: Vec<&str> = body["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["page", "status"]);
    let response =
        http.get(format!("http://{addr}/api/v1/orders/not-a-uuid")).bearer_auth(DEMO_TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let response = http
        .post(format!("http://{addr}/api/v1/customers"))
        .bearer_auth(DEMO_TOKEN)
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["details"][0]["field"], "body");
    // Limits of the query: 422 (well-formed, out of range).
    let response =
        http.get(format!("http://{addr}/api/v1/orders?page=0&limit=101")).bearer_auth(DEMO_TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 422);
    // A body over the limit.
    let response = http
        .post(format!("http://{addr}/api/v1/customers"))
        .bearer_auth(DEMO_TOKEN)
        .header("content-type", "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    // None of these reached the trait: only the customer creation was audited.
    assert_eq!(audit.events().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_or_rejected_credentials_answer_401() {
    let (addr, _) = demo(roomy()).await;
    let (status, body, _) = api_error(client(addr, None).orders().list_orders().await.unwrap_err());
    assert_eq!((status, body.code.as_str(), body.message.as_str()), (401, "UNAUTHORIZED", "credentials are missing"));
    let (status, body, _) = api_error(client(addr, Some("forged")).customers().list_customers().await.unwrap_err());
    assert_eq!((status, body.message.as_str()), (401, "the bearer token is invalid or expired"));
    let response = reqwest::get(format!("http://{addr}/api/v1/orders")).await.unwrap();
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    // security: [] operations are open.
    client(addr, None).health().get_health().await.expect("health needs no token");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_permission_answers_403() {
    let (addr, _) = demo(roomy()).await;
    let readonly = client(addr, Some(READONLY_TOKEN));
    readonly.orders().list_orders().await.expect("orders.read is granted");
    let (status, body, _) =
        api_error(readonly.customers().create_customer(customer_create("r@example.com")).await.unwrap_err());
    assert_eq!(
        (status, body.code.as_str(), body.message.as_str()),
        (403, "FORBIDDEN", "missing permission: customers.write")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limit_answers_429_and_a_client_retry_succeeds() {
    // One call per one-second window for every operation.
    let (addr, _) =
        demo(DemoOptions { rate_limit_scale: 0.001, rate_limit_window: Some(1), ..DemoOptions::default() }).await;
    let http = reqwest::Client::new();
    let url = format!("http://{addr}/api/v1/orders");
    let mut limited = None;
    for _ in 0..3 {
        let response = http.get(&url).bearer_auth(DEMO_TOKEN).send().await.unwrap();
        if response.status() == 429 {
            limited = Some(response);
            break;
        }
        assert_eq!(response.headers()["x-ratelimit-limit"], "1");
    }
    let response = limited.expect("the second call in a window is limited");
    let headers = response.headers().clone();
    let retry_after: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=1).contains(&retry_after), "{retry_after}");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert!(headers.contains_key("x-ratelimit-reset"));
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["code"], "RATE_LIMIT_EXCEEDED");

    // Without retries the client reports the 429; with retries it waits Retry-After and succeeds.
    let no_retry = client(addr, Some(DEMO_TOKEN));
    let first = no_retry.orders().list_orders().await;
    let second = no_retry.orders().list_orders().await;
    let statuses: Vec<Option<u16>> =
        [&first, &second].iter().map(|r| r.as_ref().err().and_then(Error::status)).collect();
    assert!(statuses.contains(&Some(429)), "{statuses:?}");
    let retrying = Client::builder()
        .base_url(format!("http://{addr}"))
        .bearer_token(DEMO_TOKEN)
        .max_retries(3)
        .backoff(Duration::from_millis(50), Duration::from_secs(2))
        .build()
        .unwrap();
    let sub = models::WebhookSubscriptionCreate {
        target_url: "https://a.example.com/h".into(),
        event_types: vec![models::WebhookEventType::OrderShipped],
        description: None,
    };
    retrying.webhook_subscriptions().create_webhook_subscription(sub.clone()).await.expect("first create");
    let started = std::time::Instant::now();
    let again = models::WebhookSubscriptionCreate { target_url: "https://b.example.com/h".into(), ..sub };
    retrying
        .webhook_subscriptions()
        .create_webhook_subscription(again)
        .await
        .expect("a 429, then a retry that succeeds");
    assert!(started.elapsed() >= Duration::from_millis(100), "the retry waited for the next window");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pagination_streams_across_pages() {
    let (addr, _) = demo(roomy()).await;
    let api = client(addr, Some(DEMO_TOKEN));
    let mut customer_ids = Vec::new();
    for i in 0..12 {
        let c = api.customers().create_customer(customer_create(&format!("p{i:02}@example.com"))).await.unwrap();
        customer_ids.push(c.id.unwrap());
    }
    let first = customer_ids[0];
    for i in 0..23 {
        api.orders().create_order(order_create(first, vec![item(&format!("SKU-{i:03}"), 1, "10.00")])).await.unwrap();
    }
    // page style: 23 orders in pages of 5.
    let page = api.orders().list_orders().customer_id(first).page(2).limit(5).await.unwrap();
    assert_eq!(
        (page.page, page.limit, page.total, page.total_pages, page.has_next, page.has_prev),
        (2, 5, 23, 5, true, true)
    );
    let orders: Vec<models::Order> =
        api.orders().list_orders().customer_id(first).limit(5).stream().try_collect().await.unwrap();
    assert_eq!(orders.len(), 23);
    let mut ids: Vec<_> = orders.iter().map(|o| o.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 23);
    let customers: Vec<models::Customer> =
        api.customers().list_customers().sort("email").limit(5).stream().try_collect().await.unwrap();
    assert_eq!(
        customers.iter().map(|c| c.email.clone()).collect::<Vec<_>>(),
        (0..12).map(|i| format!("p{i:02}@example.com")).collect::<Vec<_>>()
    );
    // cursor style: 7 items in pages of 3.
    let items: Vec<_> = (0..7).map(|i| item(&format!("ITEM-{i}"), 1, "1.00")).collect();
    let order = api.orders().create_order(order_create(first, items)).await.unwrap();
    let order_id = order.id.unwrap();
    let page = api.orders().list_order_items(order_id).limit(3).await.unwrap();
    assert_eq!(page.items.len(), 3);
    assert!(page.next_cursor.is_some() && page.prev_cursor.is_none());
    let second =
        api.orders().list_order_items(order_id).limit(3).cursor(page.next_cursor.clone().unwrap()).await.unwrap();
    assert!(second.prev_cursor.is_some());
    let all: Vec<models::OrderItem> =
        api.orders().list_order_items(order_id).limit(3).stream().try_collect().await.unwrap();
    assert_eq!(
        all.iter().map(|i| i.sku.clone()).collect::<Vec<_>>(),
        (0..7).map(|i| format!("ITEM-{i}")).collect::<Vec<_>>()
    );
    let (status, body, _) = api_error(api.orders().list_order_items(order_id).cursor("garbage").await.unwrap_err());
    assert_eq!((status, detail_fields(&body)), (400, vec!["cursor"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_ids_are_echoed_or_created() {
    let (addr, _) = demo(roomy()).await;
    let http = reqwest::Client::new();
    let sent = uuid::Uuid::new_v4().to_string();
    let response = http.get(format!("http://{addr}/health")).header("X-Request-ID", &sent).send().await.unwrap();
    assert_eq!(response.headers()["x-request-id"], sent.as_str());
    let created = reqwest::get(format!("http://{addr}/health")).await.unwrap();
    let id = created.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(uuid::Uuid::parse_str(&id).is_ok_and(|u| u.get_version_num() == 4), "{id}");
    // The error schema's request_id is a UUID: another id is replaced, never echoed into a body that would break the spec.
    let response =
        http.get(format!("http://{addr}/api/v1/orders")).header("X-Request-ID", "req_a1b2c3d4").send().await.unwrap();
    let header = response.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_ne!(header, "req_a1b2c3d4");
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["request_id"], header.as_str());
    // On errors the body carries the same id as the header; the client reports it.
    let response = http
        .get(format!("http://{addr}/api/v1/orders/{}", uuid::Uuid::new_v4()))
        .bearer_auth(DEMO_TOKEN)
        .header("X-Request-ID", &sent)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["x-request-id"], sent.as_str());
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["request_id"], sent.as_str());
    // Unknown routes and methods answer in the envelope too.
    let response = http.get(format!("http://{addr}/api/v9/nothing")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let body: serde_json::Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(body["request_id"], response_id(&body));
    let response = http.delete(format!("http://{addr}/api/v1/orders")).bearer_auth(DEMO_TOKEN).send().await.unwrap();
    assert_eq!(response.status(), 405);
}

fn response_id(body: &serde_json::Value) -> &str {
    body["request_id"].as_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deprecated_operations_send_deprecation_sunset_and_link() {
    let (addr, _) = demo(roomy()).await;
    let notices = Arc::new(Mutex::new(Vec::new()));
    let seen = notices.clone();
    let api = Client::builder()
        .base_url(format!("http://{addr}"))
        .bearer_token(DEMO_TOKEN)
        .on_deprecation(move |n| seen.lock().unwrap().push(n.clone()))
        .build()
        .unwrap();
    let customer = api.customers().create_customer(customer_create("d@example.com")).await.unwrap();
    let id = customer.id.unwrap();
    #[allow(deprecated)]
    api.orders().list_customer_orders(id).await.unwrap();
    api.orders().list_orders().await.unwrap();
    let notices = notices.lock().unwrap().clone();
    assert_eq!(notices.len(), 1, "only the deprecated operation is reported");
    assert_eq!(notices[0].operation, "list_customer_orders");
    assert_eq!(notices[0].deprecation.as_deref(), Some("true"));
    assert_eq!(notices[0].sunset.as_deref(), Some("Sun, 31 Dec 2028 23:59:59 GMT"));
    let response = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/customers/{id}/orders"))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .unwrap();
    let headers = response.headers();
    assert_eq!(headers["deprecation"], "true");
    assert_eq!(headers["sunset"], "Sun, 31 Dec 2028 23:59:59 GMT");
    assert_eq!(headers["link"], "<https://orders.a20.example.com>; rel=\"deprecation\"");
    let current = reqwest::Client::new()
        .get(format!("http://{addr}/api/v1/orders"))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .unwrap();
    assert!(!current.headers().contains_key("deprecation"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotency_keys_and_conflicts() {
    let (addr, _) = demo(roomy()).await;
    let api = client(addr, Some(DEMO_TOKEN));
    let a = api.customers().create_customer(customer_create("i@example.com")).idempotency_key("key-1").await.unwrap();
    let b = api.customers().create_customer(customer_create("i@example.com")).idempotency_key("key-1").await.unwrap();
    assert_eq!(a.id, b.id, "a repeated key answers the first result");
    let (status, body, _) = api_error(
        api.customers().create_customer(customer_create("i@example.com")).idempotency_key("key-2").await.unwrap_err(),
    );
    assert_eq!((status, body.code.as_str(), detail_fields(&body)), (409, "CONFLICT", vec!["email"]));
}
