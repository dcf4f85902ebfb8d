//! An in-memory implementation of the generated `orders-server` traits: what a
//! team writes by hand after `apigen generate`. Everything else — routing,
//! authentication, permissions, rate-limit and deprecation headers, request
//! ids, input validation and the error envelope — comes from the generated crate.
//!
//! - [`Demo`] implements every resource trait over one `Mutex`ed [`Store`].
//! - [`DemoAuth`] accepts two fixed bearer tokens: [`DEMO_TOKEN`] (every
//!   permission) and [`READONLY_TOKEN`] (read permissions only).
//! - [`FixedWindow`] is a fixed-window rate limiter over the documented limits.
//! - [`AuditLog`] keeps the audit events in memory.
//! - Creating an order sends `order.created`, signed with each active subscription's secret,
//!   through the generated typed sender (`orders_server::webhooks::Webhooks`).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use orders_models as models;
use orders_server::api::health::{GetHealthResponse, Health};
use orders_server::api::v1::customers::{
    CreateCustomerRequest, CreateCustomerResponse, Customers, ListCustomersRequest, ListCustomersResponse,
};
use orders_server::api::v1::orders::{
    CancelOrderRequest, CancelOrderResponse, CreateOrderRequest, CreateOrderResponse, GetOrderRequest,
    GetOrderResponse, ListCustomerOrdersRequest, ListCustomerOrdersResponse, ListOrderItemsRequest,
    ListOrderItemsResponse, ListOrdersRequest, ListOrdersResponse, Orders, UpdateOrderRequest, UpdateOrderResponse,
};
use orders_server::api::v1::webhook_subscriptions::{
    CreateWebhookSubscriptionRequest, CreateWebhookSubscriptionResponse, DeleteWebhookSubscriptionRequest,
    DeleteWebhookSubscriptionResponse, WebhookSubscriptions,
};
use orders_server::webhooks::Webhooks;
use orders_server::hooks::{AuditEvent, AuditHook, RateLimitDecision, RateLimitRequest, RateLimiter};
use orders_server::{AuthError, Authenticator, Config, Credentials, FieldError, Principal, RequestContext, Services};
use orders_server::webhooks::{Sender, Subscription};
use rust_decimal::Decimal;

/// The bearer token with every permission.
pub const DEMO_TOKEN: &str = "demo-token";
/// The bearer token with read permissions only.
pub const READONLY_TOKEN: &str = "readonly-token";

/// Every permission the spec uses.
pub const ALL_PERMISSIONS: [&str; 5] =
    ["customers.read", "customers.write", "orders.read", "orders.write", "webhooks.write"];

/// The orders of the data: customers, orders with their items, webhook subscriptions.
#[derive(Debug, Default)]
pub struct Store {
    customers: Vec<models::Customer>,
    orders: Vec<models::Order>,
    items: HashMap<uuid::Uuid, Vec<models::OrderItem>>,
    subscriptions: Vec<models::WebhookSubscription>,
    /// Responses of create operations by `Idempotency-Key`: (operation, key) → created id.
    idempotency: HashMap<(&'static str, String), uuid::Uuid>,
    next_order_number: u64,
}

/// The in-memory implementation of every resource trait.
#[derive(Debug, Clone)]
pub struct Demo {
    store: Arc<Mutex<Store>>,
    webhooks: Webhooks,
}

/// The app named in the `source_app` of every event the demo sends.
pub const SOURCE_APP: &str = "orders-demo";

impl Default for Demo {
    fn default() -> Self {
        Demo { store: Arc::default(), webhooks: Webhooks::new(Sender::default().source_app(SOURCE_APP)) }
    }
}

impl Demo {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends `order.created` for `order` to every active subscription of that event, in the
    /// background (the response does not wait for the receivers).
    fn order_created(&self, store: &Store, order: &models::Order) {
        let Some(order_id) = order.id else { return };
        let payload = models::WebhookOrderPayload { order_id, status: order.status.clone() };
        for s in store.subscriptions.iter().filter(|s| s.is_active && s.event_types.contains(&models::WebhookEventType::OrderCreated)) {
            let Some(secret) = s.signing_secret.clone() else { continue };
            let subscription = Subscription { url: s.target_url.clone(), secret };
            let (webhooks, payload) = (self.webhooks.clone(), payload.clone());
            tokio::spawn(async move {
                let _ = webhooks.order_created(&subscription, &payload).await;
            });
        }
    }
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Money with exactly two decimals, as the spec's `^\d+\.\d{2}$` pattern asks.
fn money(d: Decimal) -> Decimal {
    let mut d = d.round_dp(2);
    d.rescale(2);
    d
}

/// Converts between two serde types with the same JSON form (the models' twin enums).
fn convert<A: serde::Serialize, B: serde::de::DeserializeOwned>(a: &A) -> Option<B> {
    serde_json::to_value(a).ok().and_then(|v| serde_json::from_value(v).ok())
}

/// A field a list can be sorted by, and how to compare two items by it.
type SortKey<T> = (&'static str, fn(&T, &T) -> std::cmp::Ordering);

/// Calls counted per (operation, caller): (window start, count).
type Windows = HashMap<(&'static str, String), (u64, u64)>;

/// Sorts by a `sort` parameter (`field` or `-field`) with the fields a list allows.
fn sort_by<T>(items: &mut [T], sort: Option<&str>, keys: &[SortKey<T>]) -> Result<(), String> {
    let Some(sort) = sort.filter(|s| !s.is_empty()) else { return Ok(()) };
    let (descending, field) = match sort.strip_prefix('-') {
        Some(f) => (true, f),
        None => (false, sort),
    };
    let Some((_, compare)) = keys.iter().find(|(name, _)| *name == field) else {
        let names: Vec<&str> = keys.iter().map(|(n, _)| *n).collect();
        return Err(format!("must be one of {} (prefix with - for descending order)", names.join(", ")));
    };
    items.sort_by(|a, b| if descending { compare(b, a) } else { compare(a, b) });
    Ok(())
}

fn page_of<T: Clone>(items: &[T], offset: u64, limit: u64) -> Vec<T> {
    items
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .cloned()
        .collect()
}

impl Health for Demo {
    async fn get_health(&self, _ctx: RequestContext) -> GetHealthResponse {
        let checks = BTreeMap::from([("database".to_string(), models::HealthStatus::Healthy)]);
        GetHealthResponse::Ok(models::Health {
            status: models::HealthStatus::Healthy,
            timestamp: now(),
            version: "1.2.0".into(),
            checks,
        })
    }
}

fn customer_keys() -> [SortKey<models::Customer>; 4] {
    [
        ("created_at", |a, b| a.created_at.cmp(&b.created_at)),
        ("email", |a, b| a.email.cmp(&b.email)),
        ("last_name", |a, b| a.last_name.cmp(&b.last_name)),
        ("first_name", |a, b| a.first_name.cmp(&b.first_name)),
    ]
}

impl Customers for Demo {
    async fn list_customers(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: ListCustomersRequest,
    ) -> ListCustomersResponse {
        let mut found: Vec<models::Customer> = self
            .store()
            .customers
            .iter()
            .filter(|c| request.email.as_ref().is_none_or(|e| c.email.eq_ignore_ascii_case(e)))
            .filter(|c| request.email_like.as_ref().is_none_or(|e| c.email.to_lowercase().contains(&e.to_lowercase())))
            .filter(|c| request.is_active.is_none_or(|a| c.is_active == a))
            .filter(|c| request.created_at_gte.is_none_or(|t| c.created_at.is_some_and(|c| c >= t)))
            .cloned()
            .collect();
        if let Err(message) = sort_by(&mut found, request.sort.as_deref(), &customer_keys()) {
            return ListCustomersResponse::UnprocessableEntity(ctx.error_with_details(
                "VALIDATION_ERROR",
                "Invalid input data",
                vec![FieldError::new("sort", message)],
            ));
        }
        let page = request.pagination();
        let meta = page.meta(found.len() as u64);
        ListCustomersResponse::Ok(models::CustomerList {
            items: page_of(&found, page.offset(), page.limit),
            page: meta.page,
            limit: meta.limit,
            total: meta.total,
            total_pages: meta.total_pages,
            has_next: meta.has_next,
            has_prev: meta.has_prev,
        })
    }

    async fn create_customer(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: CreateCustomerRequest,
    ) -> CreateCustomerResponse {
        let mut store = self.store();
        if let Some(key) = &request.idempotency_key {
            if let Some(id) = store.idempotency.get(&("create_customer", key.clone())) {
                if let Some(existing) = store.customers.iter().find(|c| c.id == Some(*id)) {
                    return CreateCustomerResponse::Created {
                        location: Some(format!("/api/v1/customers/{id}")),
                        body: existing.clone(),
                    };
                }
            }
        }
        let body = request.body;
        if store.customers.iter().any(|c| c.email.eq_ignore_ascii_case(&body.email)) {
            return CreateCustomerResponse::Conflict(ctx.error_with_details(
                "CONFLICT",
                "a customer with this email address exists",
                vec![FieldError::new("email", "is already used by another customer")],
            ));
        }
        let id = uuid::Uuid::new_v4();
        let at = now();
        let customer = models::Customer {
            id: Some(id),
            email: body.email,
            first_name: body.first_name,
            last_name: body.last_name,
            phone: body.phone,
            birth_date: body.birth_date,
            is_active: true,
            has_marketing_consent: body.has_marketing_consent.unwrap_or(false),
            order_count: Some(0),
            created_at: Some(at),
            updated_at: Some(at),
        };
        store.customers.push(customer.clone());
        if let Some(key) = request.idempotency_key {
            store.idempotency.insert(("create_customer", key), id);
        }
        CreateCustomerResponse::Created { body: customer, location: Some(format!("/api/v1/customers/{id}")) }
    }
}

fn order_keys() -> [SortKey<models::Order>; 4] {
    [
        ("created_at", |a, b| a.created_at.cmp(&b.created_at)),
        ("placed_at", |a, b| a.placed_at.cmp(&b.placed_at)),
        ("total_amount", |a, b| a.total_amount.cmp(&b.total_amount)),
        ("order_number", |a, b| a.order_number.cmp(&b.order_number)),
    ]
}

fn order_list(orders: &[models::Order], page: orders_server::pagination::PageParams) -> models::OrderList {
    let meta = page.meta(orders.len() as u64);
    models::OrderList {
        items: page_of(orders, page.offset(), page.limit),
        page: meta.page,
        limit: meta.limit,
        total: meta.total,
        total_pages: meta.total_pages,
        has_next: meta.has_next,
        has_prev: meta.has_prev,
    }
}

fn parse_statuses(text: &str) -> Result<Vec<models::OrderStatus>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            serde_json::from_value(serde_json::Value::String(s.to_string()))
                .map_err(|_| format!("'{s}' is not an order status"))
        })
        .collect()
}

impl Orders for Demo {
    async fn list_customer_orders(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: ListCustomerOrdersRequest,
    ) -> ListCustomerOrdersResponse {
        let store = self.store();
        if !store.customers.iter().any(|c| c.id == Some(request.customer_id)) {
            return ListCustomerOrdersResponse::NotFound(
                ctx.error("NOT_FOUND", format!("customer {} does not exist", request.customer_id)),
            );
        }
        let mut found: Vec<models::Order> = store
            .orders
            .iter()
            .filter(|o| o.customer_id == request.customer_id && request.status.as_ref().is_none_or(|s| o.status == *s))
            .cloned()
            .collect();
        drop(store);
        if let Err(message) = sort_by(&mut found, request.sort.as_deref(), &order_keys()) {
            return ListCustomerOrdersResponse::UnprocessableEntity(ctx.error_with_details(
                "VALIDATION_ERROR",
                "Invalid input data",
                vec![FieldError::new("sort", message)],
            ));
        }
        ListCustomerOrdersResponse::Ok(order_list(&found, request.pagination()))
    }

    async fn list_orders(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: ListOrdersRequest,
    ) -> ListOrdersResponse {
        let statuses = match request.status_in.as_deref().map(parse_statuses).transpose() {
            Ok(s) => s,
            Err(message) => {
                return ListOrdersResponse::UnprocessableEntity(ctx.error_with_details(
                    "VALIDATION_ERROR",
                    "Invalid input data",
                    vec![FieldError::new("status_in", message)],
                ))
            }
        };
        let mut found: Vec<models::Order> = self
            .store()
            .orders
            .iter()
            .filter(|o| request.status.as_ref().is_none_or(|s| o.status == *s))
            .filter(|o| statuses.as_ref().is_none_or(|list| list.contains(&o.status)))
            .filter(|o| request.customer_id.is_none_or(|c| o.customer_id == c))
            .filter(|o| request.total_amount_gte.is_none_or(|min| o.total_amount.is_some_and(|t| t >= min)))
            .filter(|o| request.total_amount_lte.is_none_or(|max| o.total_amount.is_some_and(|t| t <= max)))
            .filter(|o| request.created_at_gte.is_none_or(|t| o.created_at.is_some_and(|c| c >= t)))
            .filter(|o| request.created_at_lt.is_none_or(|t| o.created_at.is_some_and(|c| c < t)))
            .cloned()
            .collect();
        if let Err(message) = sort_by(&mut found, request.sort.as_deref(), &order_keys()) {
            return ListOrdersResponse::UnprocessableEntity(ctx.error_with_details(
                "VALIDATION_ERROR",
                "Invalid input data",
                vec![FieldError::new("sort", message)],
            ));
        }
        ListOrdersResponse::Ok(order_list(&found, request.pagination()))
    }

    async fn create_order(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: CreateOrderRequest,
    ) -> CreateOrderResponse {
        let mut store = self.store();
        if let Some(key) = &request.idempotency_key {
            if let Some(id) = store.idempotency.get(&("create_order", key.clone())) {
                if let Some(existing) = store.orders.iter().find(|o| o.id == Some(*id)) {
                    return CreateOrderResponse::Created {
                        location: Some(format!("/api/v1/orders/{id}")),
                        body: existing.clone(),
                    };
                }
            }
        }
        let body = request.body;
        let mut details = Vec::new();
        if !store.customers.iter().any(|c| c.id == Some(body.customer_id)) {
            details.push(FieldError::new("customer_id", "no customer has this id"));
        }
        for (i, item) in body.items.iter().enumerate() {
            if item.currency != body.currency {
                details.push(FieldError::new(
                    format!("items[{i}].currency"),
                    format!("must equal the order's currency {}", body.currency),
                ));
            }
        }
        if !details.is_empty() {
            return CreateOrderResponse::UnprocessableEntity(ctx.error_with_details(
                "VALIDATION_ERROR",
                "Invalid input data",
                details,
            ));
        }
        let id = uuid::Uuid::new_v4();
        let at = now();
        let items: Vec<models::OrderItem> = body
            .items
            .iter()
            .map(|item| models::OrderItem {
                id: Some(uuid::Uuid::new_v4()),
                order_id: id,
                sku: item.sku.clone(),
                name: item.name.clone(),
                quantity: item.quantity,
                unit_price: item.unit_price,
                line_total_amount: Some(money(item.unit_price.saturating_mul(Decimal::from(item.quantity)))),
                currency: item.currency.clone(),
                weight: item.weight,
                weight_unit: convert(&item.weight_unit).unwrap_or(models::OrderItemWeightUnit::Kg),
                length: item.length,
                length_unit: item.length_unit.as_ref().and_then(convert),
                created_at: Some(at),
                updated_at: Some(at),
            })
            .collect();
        let subtotal =
            money(items.iter().filter_map(|i| i.line_total_amount).fold(Decimal::ZERO, Decimal::saturating_add));
        let shipping = money(if subtotal >= Decimal::from(100) { Decimal::ZERO } else { Decimal::new(990, 2) });
        store.next_order_number += 1;
        let order = models::Order {
            id: Some(id),
            order_number: Some(format!("ORD-{:08}", store.next_order_number % 100_000_000)),
            customer_id: body.customer_id,
            status: models::OrderStatus::Pending,
            currency: body.currency,
            subtotal_amount: Some(subtotal),
            shipping_amount: Some(shipping),
            total_amount: Some(money(subtotal.saturating_add(shipping))),
            item_count: Some(items.len() as i64),
            is_gift: body.is_gift.unwrap_or(false),
            shipping_address: body.shipping_address,
            shipping_country: body.shipping_country,
            requested_delivery_date: body.requested_delivery_date,
            notes: body.notes,
            placed_at: Some(at),
            cancelled_at: None,
            created_at: Some(at),
            updated_at: Some(at),
        };
        if let Some(customer) = store.customers.iter_mut().find(|c| c.id == Some(order.customer_id)) {
            customer.order_count = Some(customer.order_count.unwrap_or(0) + 1);
        }
        store.orders.push(order.clone());
        store.items.insert(id, items);
        if let Some(key) = request.idempotency_key {
            store.idempotency.insert(("create_order", key), id);
        }
        self.order_created(&store, &order);
        CreateOrderResponse::Created { body: order, location: Some(format!("/api/v1/orders/{id}")) }
    }

    async fn get_order(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: GetOrderRequest,
    ) -> GetOrderResponse {
        match self.store().orders.iter().find(|o| o.id == Some(request.order_id)) {
            Some(order) => GetOrderResponse::Ok {
                e_tag: Some(format!("\"{}\"", order.updated_at.map_or(0, |t| t.timestamp_micros()))),
                cache_control: Some("private, max-age=60".into()),
                body: order.clone(),
            },
            None => {
                GetOrderResponse::NotFound(ctx.error("NOT_FOUND", format!("order {} does not exist", request.order_id)))
            }
        }
    }

    async fn update_order(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: UpdateOrderRequest,
    ) -> UpdateOrderResponse {
        let mut store = self.store();
        let Some(order) = store.orders.iter_mut().find(|o| o.id == Some(request.order_id)) else {
            return UpdateOrderResponse::NotFound(
                ctx.error("NOT_FOUND", format!("order {} does not exist", request.order_id)),
            );
        };
        use models::OrderStatus::*;
        if matches!(order.status, Shipped | Delivered | CancellationPending | Cancelled) {
            return UpdateOrderResponse::Conflict(
                ctx.error("CONFLICT", format!("order is {} and can no longer change", order.status)),
            );
        }
        let change = request.body;
        if let Some(v) = change.is_gift {
            order.is_gift = v;
        }
        if let Some(v) = change.shipping_address {
            order.shipping_address = v;
        }
        if let Some(v) = change.shipping_country {
            order.shipping_country = v;
        }
        // Three states: left out keeps the value, `null` clears it, a value replaces it.
        order.requested_delivery_date = change.requested_delivery_date.apply(order.requested_delivery_date);
        order.notes = change.notes.apply(order.notes.take());
        order.updated_at = Some(now());
        UpdateOrderResponse::Ok(order.clone())
    }

    async fn cancel_order(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: CancelOrderRequest,
    ) -> CancelOrderResponse {
        let id = request.order_id;
        {
            let mut store = self.store();
            let Some(order) = store.orders.iter_mut().find(|o| o.id == Some(id)) else {
                return CancelOrderResponse::NotFound(ctx.error("NOT_FOUND", format!("order {id} does not exist")));
            };
            use models::OrderStatus::*;
            match order.status {
                Shipped | Delivered | Cancelled => {
                    return CancelOrderResponse::Conflict(
                        ctx.error("CONFLICT", format!("order is {} and cannot be cancelled", order.status)),
                    )
                }
                CancellationPending if request.idempotency_key.is_none() => {
                    return CancelOrderResponse::Conflict(ctx.error("CONFLICT", "the order is already being cancelled"))
                }
                _ => {}
            }
            order.status = CancellationPending;
            order.updated_at = Some(now());
        }
        // The refund "runs in the background": the order is cancelled shortly after.
        let store = self.store.clone();
        tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            let mut store = store.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(order) = store.orders.iter_mut().find(|o| o.id == Some(id)) {
                if order.status == models::OrderStatus::CancellationPending {
                    let at = now();
                    order.status = models::OrderStatus::Cancelled;
                    order.cancelled_at = Some(at);
                    order.updated_at = Some(at);
                }
            }
        });
        let url = format!("/api/v1/orders/{id}");
        CancelOrderResponse::Accepted {
            body: models::OrderCancelAccepted {
                order_id: id,
                status: models::OrderCancelAcceptedStatus::CancellationPending,
                status_url: url.clone(),
            },
            location: Some(url),
        }
    }

    async fn list_order_items(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: ListOrderItemsRequest,
    ) -> ListOrderItemsResponse {
        let page = request.pagination();
        let position = match page.position() {
            Ok(p) => p,
            Err(e) => {
                return ListOrderItemsResponse::BadRequest(ctx.error_with_details(
                    "BAD_REQUEST",
                    "The request is malformed",
                    vec![FieldError::new("cursor", e.to_string())],
                ))
            }
        };
        let store = self.store();
        let Some(items) = store.items.get(&request.order_id) else {
            return ListOrderItemsResponse::NotFound(
                ctx.error("NOT_FOUND", format!("order {} does not exist", request.order_id)),
            );
        };
        let mut found: Vec<models::OrderItem> = items
            .iter()
            .filter(|i| request.sku_like.as_ref().is_none_or(|s| i.sku.contains(s.as_str())))
            .cloned()
            .collect();
        drop(store);
        let keys: [SortKey<models::OrderItem>; 3] = [
            ("created_at", |a, b| a.created_at.cmp(&b.created_at)),
            ("sku", |a, b| a.sku.cmp(&b.sku)),
            ("quantity", |a, b| a.quantity.cmp(&b.quantity)),
        ];
        if let Err(message) = sort_by(&mut found, request.sort.as_deref(), &keys) {
            return ListOrderItemsResponse::UnprocessableEntity(ctx.error_with_details(
                "VALIDATION_ERROR",
                "Invalid input data",
                vec![FieldError::new("sort", message)],
            ));
        }
        let meta = page.meta(position, found.len() as u64);
        ListOrderItemsResponse::Ok(models::OrderItemCursorList {
            items: page_of(&found, position, page.limit),
            limit: meta.limit,
            next_cursor: meta.next_cursor,
            prev_cursor: meta.prev_cursor,
        })
    }
}

impl WebhookSubscriptions for Demo {
    async fn create_webhook_subscription(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: CreateWebhookSubscriptionRequest,
    ) -> CreateWebhookSubscriptionResponse {
        let mut store = self.store();
        if let Some(key) = &request.idempotency_key {
            if let Some(id) = store.idempotency.get(&("create_webhook_subscription", key.clone())) {
                if let Some(existing) = store.subscriptions.iter().find(|s| s.id == Some(*id)) {
                    let mut body = existing.clone();
                    body.signing_secret = None;
                    return CreateWebhookSubscriptionResponse::Created {
                        location: Some(format!("/api/v1/webhook-subscriptions/{id}")),
                        body,
                    };
                }
            }
        }
        let body = request.body;
        if store.subscriptions.iter().any(|s| s.target_url == body.target_url) {
            return CreateWebhookSubscriptionResponse::Conflict(ctx.error_with_details(
                "CONFLICT",
                "this URL is already subscribed",
                vec![FieldError::new("target_url", "is already subscribed")],
            ));
        }
        let id = uuid::Uuid::new_v4();
        let at = now();
        let subscription = models::WebhookSubscription {
            id: Some(id),
            target_url: body.target_url,
            event_types: body.event_types,
            description: body.description,
            is_active: true,
            signing_secret: Some(format!("whsec_{}", uuid::Uuid::new_v4().simple())),
            created_at: Some(at),
            updated_at: Some(at),
        };
        store.subscriptions.push(subscription.clone());
        if let Some(key) = request.idempotency_key {
            store.idempotency.insert(("create_webhook_subscription", key), id);
        }
        CreateWebhookSubscriptionResponse::Created {
            body: subscription,
            location: Some(format!("/api/v1/webhook-subscriptions/{id}")),
        }
    }

    async fn delete_webhook_subscription(
        &self,
        ctx: RequestContext,
        _principal: Principal,
        request: DeleteWebhookSubscriptionRequest,
    ) -> DeleteWebhookSubscriptionResponse {
        let mut store = self.store();
        let before = store.subscriptions.len();
        store.subscriptions.retain(|s| s.id != Some(request.subscription_id));
        if store.subscriptions.len() == before {
            return DeleteWebhookSubscriptionResponse::NotFound(
                ctx.error("NOT_FOUND", format!("subscription {} does not exist", request.subscription_id)),
            );
        }
        DeleteWebhookSubscriptionResponse::NoContent
    }
}

/// Accepts [`DEMO_TOKEN`] (every permission) and [`READONLY_TOKEN`] (read permissions).
#[derive(Debug, Clone, Copy, Default)]
pub struct DemoAuth;

impl Authenticator for DemoAuth {
    async fn authenticate(&self, credentials: Credentials) -> Result<Principal, AuthError> {
        match credentials {
            Credentials::Bearer { token, .. } if token == DEMO_TOKEN => {
                Ok(Principal::new("demo-user").with_permissions(ALL_PERMISSIONS))
            }
            Credentials::Bearer { token, .. } if token == READONLY_TOKEN => Ok(Principal::new("readonly-user")
                .with_permissions(ALL_PERMISSIONS.iter().filter(|p| p.ends_with(".read")).copied())),
            _ => Err(AuthError::new("the bearer token is invalid or expired")),
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A fixed-window rate limiter: per operation and caller (subject, else IP), the
/// documented `x-rate-limit` scaled by a factor, over windows that start at
/// multiples of the window length (or of a fixed override, for tests).
#[derive(Debug, Default)]
pub struct FixedWindow {
    scale: f64,
    window_override: Option<u64>,
    counts: Mutex<Windows>,
}

impl FixedWindow {
    /// Limits scaled by `scale` (at least one request per window); `window_secs` replaces the documented window.
    pub fn new(scale: f64, window_secs: Option<u64>) -> Self {
        FixedWindow { scale, window_override: window_secs, counts: Mutex::new(HashMap::new()) }
    }
}

impl RateLimiter for FixedWindow {
    async fn check(&self, request: RateLimitRequest) -> RateLimitDecision {
        let limit = ((request.limit as f64 * self.scale).floor() as u64).max(1);
        let window = self.window_override.unwrap_or(request.window_secs).max(1);
        let now = unix_now();
        let start = now - now % window;
        let reset = start + window;
        let caller = request.subject.clone().or_else(|| request.client_ip.map(|ip| ip.to_string())).unwrap_or_default();
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if counts.len() > 10_000 {
            counts.retain(|_, (s, _)| *s == start);
        }
        let entry = counts.entry((request.operation_id, caller)).or_insert((start, 0));
        if entry.0 != start {
            *entry = (start, 0);
        }
        if entry.1 >= limit {
            return RateLimitDecision::Deny { limit, reset, retry_after: reset.saturating_sub(now).max(1) };
        }
        entry.1 += 1;
        RateLimitDecision::Allow { limit, remaining: limit - entry.1, reset }
    }
}

/// Audit events, kept in memory (and printed to stderr when `verbose`).
#[derive(Debug, Clone, Default)]
pub struct AuditLog {
    events: Arc<Mutex<Vec<AuditEvent>>>,
    verbose: bool,
}

impl AuditLog {
    /// The events recorded so far.
    pub fn events(&self) -> Vec<AuditEvent> {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl AuditHook for AuditLog {
    async fn record(&self, event: AuditEvent) {
        if self.verbose {
            eprintln!(
                "audit: {} {} {} by {:?} ({})",
                event.method, event.path, event.status, event.subject, event.request_id
            );
        }
        let mut events = self.events.lock().unwrap_or_else(|e| e.into_inner());
        if events.len() >= 10_000 {
            events.remove(0);
        }
        events.push(event);
    }
}

/// Settings of the demo server.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Factor on the documented rate limits (1.0: as documented).
    pub rate_limit_scale: f64,
    /// Replaces the documented rate-limit windows (seconds), for tests.
    pub rate_limit_window: Option<u64>,
    /// Print audit events to stderr.
    pub verbose_audit: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { rate_limit_scale: 1.0, rate_limit_window: None, verbose_audit: false }
    }
}

/// The demo app and its audit log.
pub fn app(options: &DemoOptions) -> (orders_server::axum::Router, AuditLog) {
    let audit = AuditLog { events: Arc::default(), verbose: options.verbose_audit };
    let config = Config::new()
        .authenticator(DemoAuth)
        .rate_limiter(FixedWindow::new(options.rate_limit_scale, options.rate_limit_window))
        .audit_hook(audit.clone());
    (orders_server::router(Services::all(Demo::new()), config), audit)
}

/// Serves the demo on a listener until the process ends.
///
/// Errors: the listener fails.
pub async fn serve(listener: tokio::net::TcpListener, options: DemoOptions) -> std::io::Result<()> {
    let (router, _) = app(&options);
    orders_server::serve(listener, router).await
}

/// Starts the demo on `127.0.0.1:0` in the current runtime; returns its address and audit log.
///
/// Errors: no loopback port can be bound.
pub async fn spawn(options: DemoOptions) -> std::io::Result<(std::net::SocketAddr, AuditLog)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    let (router, audit) = app(&options);
    tokio::spawn(async move {
        let _ = orders_server::serve(listener, router).await;
    });
    Ok((addr, audit))
}
