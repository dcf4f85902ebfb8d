//! `apigen diff` over planted pairs built from `specs/orders.yaml`: for every
//! diff check a change that triggers it and a near miss that does not; the
//! version policy cases; changes of formatting and `$ref` layout alone; the
//! report formats; `--base REV` against a git repository.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use apigen::diff::{self, Change, Side};
use apigen::load::Document;
use apigen::model::{lower, Conventions};
use common::{run_in, scratch};

const ORDERS: &str = include_str!("../specs/orders.yaml");

/// One edit: after the first occurrence of `anchor` (empty: the start), replace the first `from` by `to`.
type Edit = (&'static str, &'static str, &'static str);

#[track_caller]
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for (anchor, from, to) in edits {
        let start = text.find(anchor).unwrap_or_else(|| panic!("no anchor {anchor:?}"));
        let at = text[start..].find(from).unwrap_or_else(|| panic!("no {from:?} after {anchor:?}")) + start;
        text.replace_range(at..at + from.len(), to);
    }
    text
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// Every change between two texts of a spec, through the loader and the model.
#[track_caller]
fn changes(base: &str, head: &str) -> Vec<Change> {
    let b = Document::from_bytes(Path::new("base.yaml"), base.as_bytes().to_vec());
    let h = Document::from_bytes(Path::new("head.yaml"), head.as_bytes().to_vec());
    assert!(b.fits_shape && h.fits_shape, "a side does not load: {:?} {:?}", b.diagnostics, h.diagnostics);
    let (ba, ha) = (lower(&b, &Conventions::default()).unwrap(), lower(&h, &Conventions::default()).unwrap());
    diff::diff(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, today())
}

fn ids(c: &[Change]) -> Vec<String> {
    c.iter().map(|c| format!("{} @ {:?}: {}", c.id(), c.operation, c.message)).collect()
}

/// A planted pair: base edits, head edits, the operation the change must name (None: any).
struct Case {
    id: &'static str,
    base: &'static [Edit],
    head: &'static [Edit],
    near_base: &'static [Edit],
    near_head: &'static [Edit],
    operation: Option<&'static str>,
}

const CANCEL_REQ: &str = "    OrderCancelRequest:";
const CANCEL_ACC: &str = "    OrderCancelAccepted:";
const ORDER: &str = "    Order:\n";
const ITEM: &str = "    OrderItem:\n";
const ITEM_CREATE: &str = "    OrderItemCreate:";
const LIMIT: &str = "    Limit: {name: limit, in: query,";
const ITEMS_OP: &str = "      operationId: list_order_items";
const GET_ORDER: &str = "      operationId: get_order";
const PATCH_ORDER: &str = "      operationId: update_order";
const CANCEL_OP: &str = "      operationId: cancel_order";
const CUSTOMER_ORDERS: &str = "      operationId: list_customer_orders";
const RENAME_PATH_PARAM: &[Edit] = &[
    ("", "  /api/v1/webhook-subscriptions/{subscription_id}:", "  /api/v1/webhook-subscriptions/{id}:"),
    ("  /api/v1/webhook-subscriptions/{id}:", "{name: subscription_id, in: path", "{name: id, in: path"),
];
const ONE_OF_3: &str = "{oneOf: [{type: string, maxLength: 500}, {type: integer}, {type: boolean}], description: Free-form explanation.}";
const ONE_OF_2: &str = "{oneOf: [{type: string, maxLength: 500}, {type: integer}], description: Free-form explanation.}";
const COMMENT: &str = "{type: string, maxLength: 500, description: Free-form explanation., example: Customer ordered the wrong size}";
const STATUS_URL: &str = "{type: string, format: uri-reference, description: URL to poll for the order's status., example: /api/v1/orders/1b4e28ba-2fa1-41d2-883f-0016d3cca427}";
const STATUS_URL_3: &str = "{oneOf: [{type: string, maxLength: 500}, {type: integer}, {type: boolean}], description: URL to poll.}";
const STATUS_URL_2: &str = "{oneOf: [{type: string, maxLength: 500}, {type: integer}], description: URL to poll.}";
const DETAIL_KIND: &str = "        detail: {oneOf: [{$ref: '#/components/schemas/ErrorDetail'}, {$ref: '#/components/schemas/WebhookOrderPayload'}], discriminator: {propertyName: kind}}\n        order_id:";
const DETAIL_TYPE: &str = "        detail: {oneOf: [{$ref: '#/components/schemas/ErrorDetail'}, {$ref: '#/components/schemas/WebhookOrderPayload'}], discriminator: {propertyName: type}}\n        order_id:";
const DETAIL_KIND_DOC: &str = "        detail: {oneOf: [{$ref: '#/components/schemas/ErrorDetail'}, {$ref: '#/components/schemas/WebhookOrderPayload'}], discriminator: {propertyName: kind}, description: Details.}\n        order_id:";

const CASES: &[Case] = &[
    Case { id: "operation-removed",
        base: &[], head: &[("", "    delete:\n      operationId: delete_webhook_subscription", "    x-delete:\n      operationId: delete_webhook_subscription")],
        near_base: &[], near_head: RENAME_PATH_PARAM,
        operation: Some("DELETE /api/v1/webhook-subscriptions/{subscription_id}") },
    Case { id: "operation-added",
        base: &[], head: &[("", "    delete:\n      operationId: delete_webhook_subscription", "    get:\n      operationId: get_webhook_subscription\n      responses:\n        '200': {description: The subscription., content: {application/json: {schema: {$ref: '#/components/schemas/WebhookSubscription'}}}}\n    delete:\n      operationId: delete_webhook_subscription")],
        near_base: &[], near_head: RENAME_PATH_PARAM,
        operation: Some("GET /api/v1/webhook-subscriptions/{subscription_id}") },
    Case { id: "parameter-added-required",
        base: &[], head: &[(ITEMS_OP, "        - {$ref: '#/components/parameters/Limit'}", "        - {name: region, in: query, required: true, schema: {type: string}}\n        - {$ref: '#/components/parameters/Limit'}")],
        near_base: &[], near_head: &[(ITEMS_OP, "        - {$ref: '#/components/parameters/Limit'}", "        - {name: region, in: query, required: false, schema: {type: string}}\n        - {$ref: '#/components/parameters/Limit'}")],
        operation: Some("GET /api/v1/orders/{order_id}/items") },
    Case { id: "parameter-added-optional",
        base: &[], head: &[(ITEMS_OP, "        - {$ref: '#/components/parameters/Limit'}", "        - {name: region, in: query, schema: {type: string}}\n        - {$ref: '#/components/parameters/Limit'}")],
        near_base: &[], near_head: &[(ITEMS_OP, "        - {$ref: '#/components/parameters/Limit'}", "        - {name: region, in: query, required: true, schema: {type: string}}\n        - {$ref: '#/components/parameters/Limit'}")],
        operation: Some("GET /api/v1/orders/{order_id}/items") },
    Case { id: "parameter-removed",
        base: &[], head: &[(ITEMS_OP, "        - {name: sku_like, in: query, description: Only items whose SKU contains this text., schema: {type: string, maxLength: 32, example: TSHIRT}}\n", "")],
        near_base: &[], near_head: &[
            (ITEMS_OP, "        - {name: sku_like, in: query, description: Only items whose SKU contains this text., schema: {type: string, maxLength: 32, example: TSHIRT}}\n", ""),
            (ITEMS_OP, "        - {$ref: '#/components/parameters/Limit'}", "        - {name: sku_like, in: query, description: Only items whose SKU contains this text., schema: {type: string, maxLength: 32, example: TSHIRT}}\n        - {$ref: '#/components/parameters/Limit'}"),
        ],
        operation: Some("GET /api/v1/orders/{order_id}/items") },
    Case { id: "parameter-moved",
        base: &[], head: &[(ITEMS_OP, "{name: sku_like, in: query", "{name: sku_like, in: header")],
        near_base: &[], near_head: &[(ITEMS_OP, "Only items whose SKU contains this text.", "Items whose SKU contains this text.")],
        operation: Some("GET /api/v1/orders/{order_id}/items") },
    Case { id: "parameter-renamed",
        base: &[], head: &[(ITEMS_OP, "{name: sku_like,", "{name: sku_contains,")],
        near_base: &[], near_head: &[(ITEMS_OP, "{name: sku_like, in: query, description: Only items whose SKU contains this text., schema: {type: string,", "{name: sku_contains, in: query, description: Only items whose SKU contains this text., schema: {type: integer,")],
        operation: Some("GET /api/v1/orders/{order_id}/items") },
    Case { id: "parameter-became-required",
        base: &[], head: &[(LIMIT, "in: query,", "in: query, required: true,")],
        near_base: &[], near_head: &[(LIMIT, "in: query,", "in: query, required: false,")],
        operation: Some("GET /api/v1/orders") },
    Case { id: "parameter-became-optional",
        base: &[(LIMIT, "in: query,", "in: query, required: true,")], head: &[],
        near_base: &[(LIMIT, "in: query,", "in: query, required: true,")], near_head: &[(LIMIT, "in: query,", "in: query, required: true,")],
        operation: Some("GET /api/v1/orders") },
    Case { id: "parameter-default-changed",
        base: &[], head: &[(LIMIT, "default: 20", "default: 50")],
        near_base: &[], near_head: &[(LIMIT, "Maximum number of items per page.", "Most items per page.")],
        operation: Some("GET /api/v1/orders") },
    Case { id: "request-body-required",
        base: &[(PATCH_ORDER, "        required: true", "        required: false")], head: &[],
        near_base: &[], near_head: &[(PATCH_ORDER, "The fields to change.", "Fields to change.")],
        operation: Some("PATCH /api/v1/orders/{order_id}") },
    Case { id: "request-body-added-optional",
        base: &[], head: &[(PATCH_ORDER, "        required: true", "        required: false")],
        near_base: &[], near_head: &[(PATCH_ORDER, "The fields to change.", "Fields to change.")],
        operation: Some("PATCH /api/v1/orders/{order_id}") },
    Case { id: "request-media-type-removed",
        base: &[], head: &[(PATCH_ORDER, "          application/json:", "          application/merge-patch+json:")],
        near_base: &[], near_head: &[(PATCH_ORDER, "          application/json:", "          Application/JSON:")],
        operation: Some("PATCH /api/v1/orders/{order_id}") },
    Case { id: "request-media-type-added",
        base: &[], head: &[(PATCH_ORDER, "            schema: {$ref: '#/components/schemas/OrderUpdate'}", "            schema: {$ref: '#/components/schemas/OrderUpdate'}\n          application/merge-patch+json:\n            schema: {$ref: '#/components/schemas/OrderUpdate'}")],
        near_base: &[], near_head: &[(PATCH_ORDER, "          application/json:", "          Application/JSON:")],
        operation: Some("PATCH /api/v1/orders/{order_id}") },
    Case { id: "request-property-added-required",
        base: &[], head: &[(CANCEL_REQ, "      required: [reason]\n      properties:\n", "      required: [reason, channel]\n      properties:\n        channel: {type: string}\n")],
        near_base: &[], near_head: &[(CANCEL_REQ, "      properties:\n", "      properties:\n        channel: {type: string}\n")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-property-became-required",
        base: &[], head: &[(CANCEL_REQ, "      required: [reason]", "      required: [reason, comment]")],
        near_base: &[], near_head: &[("    Customer:\n", "required: [id, email,", "required: [id, phone, email,")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-property-added",
        base: &[], head: &[(CANCEL_REQ, "      properties:\n", "      properties:\n        channel: {type: string}\n")],
        near_base: &[], near_head: &[(CANCEL_REQ, "      properties:\n", "      properties:\n        channel: {type: string, readOnly: true}\n")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-property-removed",
        base: &[], head: &[(CANCEL_REQ, "        comment: {type: string, maxLength: 500, description: Free-form explanation., example: Customer ordered the wrong size}\n", "")],
        near_base: &[], near_head: &[(CANCEL_REQ, "Free-form explanation.", "Free-form text.")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-type-changed",
        base: &[], head: &[(ITEM_CREATE, "quantity: {type: integer,", "quantity: {type: string,")],
        near_base: &[], near_head: &[(ITEM_CREATE, "weight: {type: number,", "weight: {type: number, format: double,")],
        operation: Some("POST /api/v1/orders") },
    Case { id: "request-enum-value-removed",
        base: &[], head: &[(CANCEL_REQ, "enum: [customer_request, out_of_stock, fraud_suspected, other]", "enum: [customer_request, out_of_stock, fraud_suspected]")],
        near_base: &[], near_head: &[(CANCEL_REQ, "enum: [customer_request, out_of_stock, fraud_suspected, other]", "enum: [other, customer_request, out_of_stock, fraud_suspected]")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-enum-value-added",
        base: &[], head: &[(CANCEL_REQ, "fraud_suspected, other]", "fraud_suspected, duplicate, other]")],
        near_base: &[], near_head: &[(CANCEL_REQ, "enum: [customer_request, out_of_stock, fraud_suspected, other]", "enum: [other, customer_request, out_of_stock, fraud_suspected]")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-constraint-tightened",
        base: &[], head: &[(CANCEL_REQ, "maxLength: 500", "maxLength: 200")],
        near_base: &[], near_head: &[(CANCEL_REQ, "maxLength: 500", "maxLength: 1000")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-constraint-relaxed",
        base: &[], head: &[(CANCEL_REQ, "maxLength: 500", "maxLength: 1000")],
        near_base: &[], near_head: &[(CANCEL_REQ, "maxLength: 500", "maxLength: 200")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-additional-properties-closed",
        base: &[], head: &[(CANCEL_REQ, "      required: [reason]", "      additionalProperties: false\n      required: [reason]")],
        near_base: &[], near_head: &[(CANCEL_REQ, "      required: [reason]", "      additionalProperties: true\n      required: [reason]")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "request-variant-removed",
        base: &[(CANCEL_REQ, COMMENT, ONE_OF_3)], head: &[(CANCEL_REQ, COMMENT, ONE_OF_2)],
        near_base: &[(CANCEL_ACC, STATUS_URL, STATUS_URL_3)], near_head: &[(CANCEL_ACC, STATUS_URL, STATUS_URL_2)],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "response-property-removed",
        base: &[], head: &[("    OrderList:", "        total: {type: integer, description: Number of matching orders., example: 150}\n", "")],
        near_base: &[], near_head: &[(ORDER, "        notes: {type: string, nullable: true, maxLength: 1000, description: Notes from the customer.}\n", "")],
        operation: Some("GET /api/v1/orders") },
    Case { id: "response-optional-property-removed",
        base: &[], head: &[(ORDER, "        notes: {type: string, nullable: true, maxLength: 1000, description: Notes from the customer.}\n", "")],
        near_base: &[], near_head: &[("    OrderCreate:", "        notes: {type: string, maxLength: 1000, description: Notes from the customer.}\n", "")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-property-became-optional",
        base: &[], head: &[(ORDER, "item_count, is_gift,", "item_count,")],
        near_base: &[], near_head: &[("    OrderCreate:", "required: [customer_id, currency,", "required: [customer_id,")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-became-nullable",
        base: &[], head: &[(ORDER, "is_gift: {type: boolean,", "is_gift: {type: boolean, nullable: true,")],
        near_base: &[], near_head: &[("    OrderCreate:", "is_gift: {type: boolean,", "is_gift: {type: boolean, nullable: true,")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-property-added",
        base: &[], head: &[(ORDER, "      properties:\n", "      properties:\n        channel: {type: string}\n")],
        near_base: &[], near_head: &[(ORDER, "      properties:\n", "      properties:\n        channel: {type: string, writeOnly: true}\n")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-type-changed",
        base: &[], head: &[(ORDER, "item_count: {type: integer,", "item_count: {type: string,")],
        near_base: &[], near_head: &[(ORDER, "item_count: {type: integer,", "item_count: {type: integer, format: int64,")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-enum-value-added",
        base: &[], head: &[("    OrderStatus:", "cancellation_pending, cancelled]", "cancellation_pending, cancelled, returned]")],
        near_base: &[], near_head: &[(CANCEL_REQ, "fraud_suspected, other]", "fraud_suspected, duplicate, other]")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-enum-value-removed",
        base: &[], head: &[(ITEM, "enum: [g, kg, lb, oz]", "enum: [g, kg]")],
        near_base: &[], near_head: &[(ITEM, "enum: [g, kg, lb, oz]", "enum: [kg, g, oz, lb]")],
        operation: Some("GET /api/v1/orders/{order_id}/items") },
    Case { id: "response-constraint-relaxed",
        base: &[], head: &[(ORDER, "shipping_address: {type: string, maxLength: 500", "shipping_address: {type: string, maxLength: 1000")],
        near_base: &[], near_head: &[(ORDER, "shipping_address: {type: string, maxLength: 500", "shipping_address: {type: string, maxLength: 200")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-constraint-tightened",
        base: &[], head: &[(ORDER, "shipping_address: {type: string, maxLength: 500", "shipping_address: {type: string, maxLength: 200")],
        near_base: &[], near_head: &[(ORDER, "shipping_address: {type: string, maxLength: 500", "shipping_address: {type: string, maxLength: 1000")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-variant-added",
        base: &[(CANCEL_ACC, STATUS_URL, STATUS_URL_2)], head: &[(CANCEL_ACC, STATUS_URL, STATUS_URL_3)],
        near_base: &[(CANCEL_REQ, COMMENT, ONE_OF_2)], near_head: &[(CANCEL_REQ, COMMENT, ONE_OF_3)],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "discriminator-changed",
        base: &[(CANCEL_ACC, "        order_id:", DETAIL_KIND)], head: &[(CANCEL_ACC, "        order_id:", DETAIL_TYPE)],
        near_base: &[(CANCEL_ACC, "        order_id:", DETAIL_KIND)], near_head: &[(CANCEL_ACC, "        order_id:", DETAIL_KIND_DOC)],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "property-renamed",
        base: &[], head: &[(CANCEL_REQ, "        comment: {type: string,", "        note: {x-renamed-from: comment, type: string,")],
        near_base: &[], near_head: &[(CANCEL_REQ, "        comment: {type: string,", "        note: {type: string,")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "response-success-status-removed",
        base: &[], head: &[(CANCEL_OP, "        '202':", "        '200':")],
        near_base: &[], near_head: &[(CANCEL_OP, "        '409':", "        '410':")],
        operation: Some("POST /api/v1/orders/{order_id}/cancel") },
    Case { id: "response-status-added",
        base: &[], head: &[(GET_ORDER, "        '404': {$ref: '#/components/responses/NotFound'}", "        '404': {$ref: '#/components/responses/NotFound'}\n        '410': {$ref: '#/components/responses/NotFound'}")],
        near_base: &[], near_head: &[(GET_ORDER, "          description: The order.", "          description: One order.")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-media-type-removed",
        base: &[], head: &[(GET_ORDER, "            application/json:", "            application/hal+json:")],
        near_base: &[], near_head: &[(GET_ORDER, "            application/json:", "            Application/Json:")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "response-header-removed",
        base: &[], head: &[(GET_ORDER, "            ETag: {$ref: '#/components/headers/ETag'}\n", "")],
        near_base: &[], near_head: &[(GET_ORDER, "            ETag: {$ref: '#/components/headers/ETag'}\n            Cache-Control: {$ref: '#/components/headers/Cache-Control'}\n", "            Cache-Control: {$ref: '#/components/headers/Cache-Control'}\n            etag: {$ref: '#/components/headers/ETag'}\n")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "security-requirement-added",
        base: &[], head: &[("      operationId: get_health", "      security: []", "      security: [{BearerAuth: []}]")],
        near_base: &[], near_head: &[("", "  - BearerAuth: []", "  - JwtAuth: []"), ("  securitySchemes:", "    BearerAuth:", "    JwtAuth:")],
        operation: Some("GET /health") },
    Case { id: "security-requirement-removed",
        base: &[], head: &[("      operationId: list_customers\n", "      summary:", "      security: [{BearerAuth: []}, {}]\n      summary:")],
        near_base: &[], near_head: &[("      operationId: list_customers\n", "      summary:", "      security: [{BearerAuth: []}]\n      summary:")],
        operation: Some("GET /api/v1/customers") },
    Case { id: "security-scheme-changed",
        base: &[], head: &[("  securitySchemes:", "      scheme: bearer", "      scheme: basic")],
        near_base: &[], near_head: &[("  securitySchemes:", "      bearerFormat: JWT", "      bearerFormat: opaque")],
        operation: Some("GET /api/v1/orders") },
    Case { id: "operation-deprecated",
        base: &[], head: &[(GET_ORDER, "      summary: Get an order", "      deprecated: true\n      x-sunset: '2028-12-31'\n      summary: Get an order")],
        near_base: &[], near_head: &[("    Sort: {name: sort, in: query,", "in: query,", "in: query, deprecated: true,")],
        operation: Some("GET /api/v1/orders/{order_id}") },
    Case { id: "sunset-set",
        base: &[], head: &[(CUSTOMER_ORDERS, "x-sunset: '2028-12-31'", "x-sunset: '2029-06-30'")],
        near_base: &[], near_head: &[(CUSTOMER_ORDERS, "x-sunset: '2028-12-31'", "x-sunset: '2027-01-15'")],
        operation: Some("GET /api/v1/customers/{customer_id}/orders") },
    Case { id: "sunset-too-soon",
        base: &[], head: &[(CUSTOMER_ORDERS, "x-sunset: '2028-12-31'", "x-sunset: '2027-01-15'")],
        near_base: &[], near_head: &[(CUSTOMER_ORDERS, "x-sunset: '2028-12-31'", "x-sunset: '2027-06-30'")],
        operation: Some("GET /api/v1/customers/{customer_id}/orders") },
    Case { id: "webhook-removed",
        base: &[], head: &[("x-webhooks:", "  order.shipped:\n    post:", "  order.shipped:\n    x-post:")],
        near_base: &[], near_head: &[("x-webhooks:", "description: Sent when an order leaves the warehouse.", "description: Sent when the order leaves the warehouse.")],
        operation: Some("webhook order.shipped (POST)") },
    Case { id: "webhook-added",
        base: &[("x-webhooks:", "  order.shipped:\n    post:", "  order.shipped:\n    x-post:")], head: &[],
        near_base: &[], near_head: &[],
        operation: Some("webhook order.shipped (POST)") },
    Case { id: "webhook-payload-removed",
        base: &[], head: &[("  order.cancelled:", "          application/json:", "          application/xml:")],
        near_base: &[], near_head: &[("  order.cancelled:", "          application/json:", "          application/json; charset=utf-8:")],
        operation: Some("webhook order.cancelled (POST)") },
    Case { id: "webhook-header-removed",
        base: &[], head: &[("  order.created:", "        - {$ref: '#/components/parameters/HubDelivery'}\n", "")],
        near_base: &[], near_head: &[("  order.created:", "        - {$ref: '#/components/parameters/HubDelivery'}\n", "        - {$ref: '#/components/parameters/HubDelivery'}\n        - {name: X-Hub-Attempt, in: header, schema: {type: integer}}\n")],
        operation: Some("webhook order.created (POST)") },
    Case { id: "operation-undeprecated",
        base: &[], head: &[(CUSTOMER_ORDERS, "      deprecated: true\n", "")],
        near_base: &[], near_head: &[(CUSTOMER_ORDERS, "      x-sunset: '2028-12-31'\n", "")],
        operation: Some("GET /api/v1/customers/{customer_id}/orders") },
    Case { id: "stability-decreased",
        base: &[(GET_ORDER, "      summary: Get an order", "      x-stability-level: beta\n      summary: Get an order")],
        head: &[(GET_ORDER, "      summary: Get an order", "      x-stability-level: alpha\n      summary: Get an order")],
        // Moving up is no change; so is writing the default.
        near_base: &[(GET_ORDER, "      summary: Get an order", "      x-stability-level: beta\n      summary: Get an order")],
        near_head: &[(GET_ORDER, "      summary: Get an order", "      x-stability-level: stable\n      summary: Get an order")],
        operation: Some("GET /api/v1/orders/{order_id}") },
];

#[test]
fn every_diff_check_has_a_planted_pair() {
    let covered: BTreeSet<&str> = CASES.iter().map(|c| c.id).collect();
    let all: BTreeSet<&str> = diff::registry::all().map(|c| c.id).collect();
    assert_eq!(covered, all, "cases and the registry differ");
    assert_eq!(covered.len(), CASES.len(), "a check has two cases");
}

#[test]
fn each_check_fires_on_its_change_and_not_on_the_near_miss() {
    let mut failures = Vec::new();
    for case in CASES {
        let found = changes(&apply(ORDERS, case.base), &apply(ORDERS, case.head));
        let hits: Vec<&Change> = found.iter().filter(|c| c.id() == case.id).collect();
        if hits.is_empty() {
            failures.push(format!("{}: no change with this id; found {:#?}", case.id, ids(&found)));
        } else if let Some(op) = case.operation {
            if !hits.iter().any(|c| c.operation.as_deref() == Some(op)) {
                failures.push(format!("{}: not reported for {op}; found {:#?}", case.id, ids(&found)));
            }
        }
        for c in &hits {
            if c.base.is_none() && c.head.is_none() {
                failures.push(format!("{}: a change without any location", case.id));
            }
        }
        let near = changes(&apply(ORDERS, case.near_base), &apply(ORDERS, case.near_head));
        let wrong: Vec<String> = ids(&near).into_iter().filter(|l| l.starts_with(&format!("{} @", case.id))).collect();
        if !wrong.is_empty() {
            failures.push(format!("{}: fired on the near miss: {wrong:#?}", case.id));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn kinds_follow_direction() {
    // The same maxLength change is breaking in a request and not in a response, and the reverse.
    let tighter_request = changes(ORDERS, &apply(ORDERS, &[(CANCEL_REQ, "maxLength: 500", "maxLength: 200")]));
    assert!(tighter_request.iter().any(|c| c.id() == "request-constraint-tightened" && c.kind() == diff::Kind::Breaking), "{:#?}", ids(&tighter_request));
    let tighter_response = changes(ORDERS, &apply(ORDERS, &[(ORDER, "shipping_address: {type: string, maxLength: 500", "shipping_address: {type: string, maxLength: 200")]));
    assert!(tighter_response.iter().all(|c| c.kind() != diff::Kind::Breaking), "{:#?}", ids(&tighter_response));
}

#[test]
fn formatting_alone_is_no_change() {
    // The same document as JSON, pretty-printed, keys in the same order.
    let doc = Document::from_bytes(Path::new("orders.yaml"), ORDERS.as_bytes().to_vec());
    let json = serde_json::to_string_pretty(&doc.root).unwrap();
    let b = Document::from_bytes(Path::new("base.yaml"), ORDERS.as_bytes().to_vec());
    let h = Document::from_bytes(Path::new("head.json"), json.into_bytes());
    let (ba, ha) = (lower(&b, &Conventions::default()).unwrap(), lower(&h, &Conventions::default()).unwrap());
    let found = diff::diff(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, today());
    assert!(found.is_empty(), "{:#?}", ids(&found));
    // Re-indented YAML with flow mappings spread out and comments.
    let spread = ORDERS.replace(
        "    Page: {name: page, in: query, description: 'Page number, starting at 1.', schema: {type: integer, minimum: 1, default: 1}}",
        "    # the page\n    Page:\n        name: page\n        in: query\n        description: 'Page number, starting at 1.'\n        schema:\n            type: integer\n            minimum: 1\n            default: 1",
    );
    assert_ne!(spread, ORDERS);
    let found = changes(ORDERS, &spread);
    assert!(found.is_empty(), "{:#?}", ids(&found));
}

#[test]
fn ref_layout_alone_is_no_change() {
    // The request body schema inlined instead of referenced; a response schema wrapped in a one-member allOf;
    // a parameter referenced instead of written in place.
    let inline = "{type: object, description: Request body to cancel an order., required: [reason], properties: {reason: {type: string, enum: [customer_request, out_of_stock, fraud_suspected, other], description: Why the order is cancelled., example: customer_request}, comment: {type: string, maxLength: 500, description: Free-form explanation., example: Customer ordered the wrong size}}}";
    let head = apply(
        ORDERS,
        &[
            (CANCEL_OP, "schema: {$ref: '#/components/schemas/OrderCancelRequest'}", &*Box::leak(format!("schema: {inline}").into_boxed_str())),
            (GET_ORDER, "schema: {$ref: '#/components/schemas/Order'}", "schema: {allOf: [{$ref: '#/components/schemas/Order'}]}"),
            (ITEMS_OP, "        - {name: sku_like, in: query, description: Only items whose SKU contains this text., schema: {type: string, maxLength: 32, example: TSHIRT}}", "        - {$ref: '#/components/parameters/SkuLike'}"),
            ("  parameters:\n    CustomerId:", "    CustomerId:", "    SkuLike: {name: sku_like, in: query, description: Only items whose SKU contains this text., schema: {type: string, maxLength: 32, example: TSHIRT}}\n    CustomerId:"),
        ],
    );
    let found = changes(ORDERS, &head);
    assert!(found.is_empty(), "{:#?}", ids(&found));
}

// ---- The command: policy, exit codes, reports ----

fn pair(base: &str, head: &str, toml: Option<&str>) -> tempfile::TempDir {
    let mut files: Vec<(&str, &[u8])> = vec![("base.yaml", base.as_bytes()), ("head.yaml", head.as_bytes())];
    if let Some(t) = toml {
        files.push(("apigen.toml", t.as_bytes()));
    }
    scratch(&files)
}

fn version(text: &str, v: &str) -> String {
    text.replacen("version: '1.2.0'", &format!("version: '{v}'"), 1)
}

fn remove_customer_orders(v: &str) -> String {
    // Remove the deprecated operation (sunset 2028-12-31); the path item keeps only its parameters.
    let text = ORDERS.replacen("    get:\n      operationId: list_customer_orders", "    x-get:\n      operationId: list_customer_orders", 1);
    version(&text, v)
}

#[test]
fn policy_minor_bump_with_a_break_fails() {
    let head = version(&apply(ORDERS, &[("    OrderList:", "        total: {type: integer, description: Number of matching orders., example: 150}\n", "")]), "1.3.0");
    let dir = pair(ORDERS, &head, None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let violations = report["policy"]["violations"].as_array().unwrap();
    assert!(violations.iter().any(|v| v["id"] == "breaking-change" && v["message"].as_str().unwrap().contains("GET /api/v1/orders")), "{report:#}");
    assert_eq!(report["policy"]["allowed"], false);
}

#[test]
fn policy_new_major_version_beside_untouched_v1_passes_with_a_major_bump() {
    let v2 = "  /api/v2/orders:\n    get:\n      operationId: list_orders_v2\n      summary: List orders\n      tags: [orders]\n      responses:\n        '200':\n          description: One page of orders.\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/OrderList'}\n\n  /api/v1/orders:\n";
    let with_v2 = ORDERS.replacen("  /api/v1/orders:\n", v2, 1);
    let dir = pair(ORDERS, &version(&with_v2, "2.0.0"), None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(0);
    let report = run.json();
    assert!(report["changes"].as_array().unwrap().iter().any(|c| c["id"] == "operation-added" && c["operation"] == "GET /api/v2/orders"), "{report:#}");
    // The same without the major bump is not allowed.
    let dir = pair(ORDERS, &version(&with_v2, "1.3.0"), None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(1);
    assert_eq!(run.json()["policy"]["violations"][0]["id"], "version-major-not-bumped");
}

#[test]
fn policy_removal_after_a_passed_sunset_passes_and_before_it_fails() {
    let dir = pair(ORDERS, &remove_customer_orders("1.3.0"), None);
    let after = common::apigen().current_dir(dir.path()).env("APIGEN_TODAY", "2029-01-02").args(["diff", "base.yaml", "head.yaml", "--format", "json"]).output().unwrap();
    assert_eq!(after.status.code(), Some(0), "{}", String::from_utf8_lossy(&after.stdout));
    let report: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let removed = report["changes"].as_array().unwrap().iter().find(|c| c["id"] == "operation-removed").expect("the removal is reported");
    assert_eq!(removed["kind"], "breaking");
    assert_eq!(removed["head"], serde_json::Value::Null);
    assert!(removed["base"]["line"].as_u64().unwrap() > 100, "{removed:#}");
    let before = run_in(dir.path(), &["diff", "base.yaml", "head.yaml"]);
    before.expect_code(1);
    assert!(before.stdout.contains("breaking[operation-removed]"), "{}", before.stdout);
}

#[test]
fn policy_accepted_break_passes_and_still_shows() {
    let toml = "[[diff.accept]]\ncheck = \"operation-removed\"\noperation = \"GET /api/v1/customers/{id}/orders\"\nreason = \"moved to GET /api/v1/orders?customer_id=\"\n";
    let dir = pair(ORDERS, &remove_customer_orders("1.3.0"), Some(toml));
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(0);
    let report = run.json();
    let removed = report["changes"].as_array().unwrap().iter().find(|c| c["id"] == "operation-removed").expect("still reported");
    assert_eq!(removed["accepted"], true);
    assert!(report["policy"]["accepted"][0]["reason"].as_str().unwrap().contains("customer_id"), "{report:#}");
    let human = run_in(dir.path(), &["diff", "base.yaml", "head.yaml"]);
    human.expect_code(0);
    assert!(human.stdout.contains("breaking, accepted[operation-removed]") && human.stdout.contains("accepted in apigen.toml: moved to"), "{}", human.stdout);
    // An accept entry naming an unknown check is a configuration error.
    let bad = pair(ORDERS, &remove_customer_orders("1.3.0"), Some("[[diff.accept]]\ncheck = \"operation-remove\"\noperation = \"GET /x\"\nreason = \"r\"\n"));
    let run = run_in(bad.path(), &["diff", "base.yaml", "head.yaml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("did you mean 'operation-removed'"), "{}", run.stderr);
}

#[test]
fn policy_version_must_be_bumped() {
    let head = apply(ORDERS, &[(ITEMS_OP, "        - {$ref: '#/components/parameters/Limit'}", "        - {name: region, in: query, schema: {type: string}}\n        - {$ref: '#/components/parameters/Limit'}")]);
    for (v, code, id) in [("1.2.0", 1, Some("version-not-bumped")), ("1.2.1", 1, Some("version-minor-not-bumped")), ("1.3.0", 0, None), ("1.1.0", 1, Some("version-decreased"))] {
        let dir = pair(ORDERS, &version(&head, v), None);
        let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
        run.expect_code(code);
        let report = run.json();
        assert_eq!(report["policy"]["violations"].get(0).map(|v| v["id"].as_str().unwrap()), id, "{v}: {report:#}");
    }
    // No change at all needs no bump.
    let dir = pair(ORDERS, ORDERS, None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(run.json()["changes"].as_array().unwrap().len(), 0);
}

#[test]
fn json_report_has_the_documented_shape() {
    let head = version(&apply(ORDERS, &[(LIMIT, "default: 20", "default: 50")]), "1.3.0");
    let dir = pair(ORDERS, &head, None);
    let report = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]).json();
    let change = &report["changes"][0];
    let keys: BTreeSet<&str> = change.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, BTreeSet::from(["id", "kind", "operation", "message", "base", "head", "accepted"]));
    for side in ["base", "head"] {
        let keys: BTreeSet<&str> = change[side].as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["file", "line", "column", "pointer"]), "{side}");
    }
    assert_eq!(change["id"], "parameter-default-changed");
    assert_eq!(change["base"]["pointer"], "/components/parameters/Limit");
    let line = ORDERS.lines().position(|l| l.starts_with("    Limit: {name: limit")).unwrap() + 1;
    assert_eq!(change["base"]["line"].as_u64(), Some(line as u64));
    assert_eq!(change["head"]["file"], "head.yaml");
    assert!(report["summary"]["breaking"].as_u64().unwrap() >= 1);
}

#[test]
fn markdown_sarif_and_github_reports() {
    let head = version(&apply(ORDERS, &[(CANCEL_REQ, "maxLength: 500", "maxLength: 200"), (CANCEL_REQ, "fraud_suspected, other]", "fraud_suspected, duplicate, other]")]), "1.3.0");
    let dir = pair(ORDERS, &head, None);
    let md = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "markdown"]);
    md.expect_code(1);
    assert!(md.stdout.contains("### Breaking changes") && md.stdout.contains("### Other changes") && md.stdout.contains("`request-constraint-tightened`"), "{}", md.stdout);
    assert!(md.stdout.contains("**not allowed**"), "{}", md.stdout);
    let sarif = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "sarif"]).json();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "request-constraint-tightened" && r["level"] == "error"), "{sarif:#}");
    assert!(results.iter().any(|r| r["ruleId"] == "request-enum-value-added" && r["level"] == "note"), "{sarif:#}");
    let gh = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "github"]);
    gh.expect_code(1);
    assert!(gh.stdout.lines().any(|l| l.starts_with("::error file=head.yaml,line=") && l.contains("request-constraint-tightened")), "{}", gh.stdout);
}

#[test]
fn could_not_run_is_exit_2() {
    let dir = pair(ORDERS, "openapi: 3.0.3\n", None);
    run_in(dir.path(), &["diff", "base.yaml", "missing.yaml"]).expect_code(2);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("head.yaml"), "{}", run.stderr);
    run_in(dir.path(), &["diff", "base.yaml"]).expect_code(2);
}

#[test]
fn rules_explains_a_diff_check() {
    let dir = scratch(&[]);
    let run = run_in(dir.path(), &["rules", "response-property-became-optional"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("response-property-became-optional (breaking, response"), "{}", run.stdout);
    assert!(run.stdout.contains("[[diff.accept]]"), "{}", run.stdout);
    let list = run_in(dir.path(), &["rules"]);
    assert!(list.stdout.contains("Diff: parameters") && list.stdout.contains("parameter-renamed"), "{}", list.stdout);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git").current_dir(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn base_revision_compares_with_git() {
    let toml = "[[generate]]\nspec = \"specs/orders.yaml\"\nout = \"gen\"\n";
    let dir = scratch(&[("specs/orders.yaml", ORDERS.as_bytes()), ("apigen.toml", toml.as_bytes())]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"]);
    let head = version(&apply(ORDERS, &[(CANCEL_REQ, "maxLength: 500", "maxLength: 200")]), "1.3.0");
    std::fs::write(dir.path().join("specs/orders.yaml"), head).unwrap();
    // Named spec, and no SPEC: every [[generate]] spec.
    for args in [&["diff", "--base", "HEAD", "specs/orders.yaml", "--format", "json"][..], &["diff", "--base", "HEAD", "--format", "json"][..]] {
        let run = run_in(dir.path(), args);
        run.expect_code(1);
        let report = run.json();
        let change = report["changes"].as_array().unwrap().iter().find(|c| c["id"] == "request-constraint-tightened").expect("the change");
        assert_eq!(change["base"]["file"], "HEAD:specs/orders.yaml", "{change:#}");
        assert_eq!(change["head"]["file"], "specs/orders.yaml", "{change:#}");
    }
    let run = run_in(dir.path(), &["diff", "--base", "no-such-branch", "specs/orders.yaml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("bad revision"), "{}", run.stderr);
}

#[test]
fn base_revision_of_a_nested_repository_is_its_own() {
    // apigen.toml in an outer repository, the spec in a repository nested below it:
    // --base names a revision of the spec's repository (the outer one has no such spec).
    let toml = "[[generate]]\nspec = \"api/specs/orders.yaml\"\nout = \"gen\"\n";
    let dir = scratch(&[("apigen.toml", toml.as_bytes()), ("api/specs/orders.yaml", ORDERS.as_bytes())]);
    let commit = ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"];
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "apigen.toml"]);
    git(dir.path(), &commit);
    let inner = dir.path().join("api");
    git(&inner, &["init", "-q"]);
    git(&inner, &["add", "."]);
    git(&inner, &commit);
    let head = version(&apply(ORDERS, &[(CANCEL_REQ, "maxLength: 500", "maxLength: 200")]), "1.3.0");
    std::fs::write(inner.join("specs/orders.yaml"), head).unwrap();
    let run = run_in(dir.path(), &["diff", "--base", "HEAD", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let change = report["changes"].as_array().unwrap().iter().find(|c| c["id"] == "request-constraint-tightened").expect("the change");
    assert_eq!(change["base"]["file"], "HEAD:specs/orders.yaml", "{change:#}");
}

#[test]
fn spec_text_reaches_reports_as_one_clean_line() {
    // A property name with a terminal escape and a line break, added to a response.
    let head = version(&apply(ORDERS, &[(ORDER, "      properties:\n", "      properties:\n        \"evil\\e[31m\\nname\": {type: string}\n")]), "1.3.0");
    let dir = pair(ORDERS, &head, None);
    for format in ["human", "markdown", "github"] {
        let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", format]);
        run.expect_code(0);
        assert!(run.stdout.contains("evil"), "{format}: {}", run.stdout);
        assert!(!run.stdout.contains('\u{1b}'), "{format} carries a terminal escape: {:?}", run.stdout);
        let line = run.stdout.lines().find(|l| l.contains("evil")).unwrap();
        assert!(line.contains("name"), "{format}: the name was split across lines: {:?}", run.stdout);
    }
}

/// `is_gift` removed from `Order`, which five operations return: five changes of
/// operations and one entry for the component.
fn without_is_gift() -> String {
    let head = apply(ORDERS, &[("    Order:\n", "        is_gift: {type: boolean, description: Whether prices are hidden on the packing slip., example: false}\n", ""), ("    Order:\n", "item_count, is_gift, shipping_address", "item_count, shipping_address")]);
    version(&head, "1.3.0")
}

#[test]
fn human_header_counts_what_the_summary_counts() {
    let dir = pair(ORDERS, &without_is_gift(), None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml"]);
    run.expect_code(1);
    let header = run.stdout.lines().next().unwrap();
    let summary = run.stdout.lines().find(|l| l.starts_with("summary: ")).unwrap();
    // The component's own entry repeats the five operations' changes: not a sixth change.
    assert!(header.starts_with("head.yaml: 5 changes (5 breaking, 0 non-breaking, 0 deprecation), 1 component entry repeating them"), "{header}");
    assert!(summary.starts_with("summary: 5 breaking (0 accepted, 0 after sunset), 0 non-breaking, 0 deprecation"), "{summary}");
}

#[test]
fn github_annotations_name_their_operations_once() {
    let dir = pair(ORDERS, &without_is_gift(), None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "github"]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let unique: BTreeSet<&str> = lines.iter().copied().collect();
    assert_eq!(unique.len(), lines.len(), "an annotation is repeated:\n{}", run.stdout);
    // Every operation is named by the annotation of its change: the message starts with them.
    let named: BTreeSet<&str> = lines
        .iter()
        .filter(|l| l.contains("title=response-property-removed (breaking)%3A "))
        .filter_map(|l| l.rsplit_once("::").and_then(|(_, message)| message.split_once(": ")).map(|(ops, _)| ops))
        .flat_map(|ops| ops.split(", "))
        .collect();
    let all = ["GET /api/v1/customers/{customer_id}/orders", "GET /api/v1/orders", "POST /api/v1/orders", "GET /api/v1/orders/{order_id}", "PATCH /api/v1/orders/{order_id}"];
    assert_eq!(named, BTreeSet::from(all), "{}", run.stdout);
    // Two operations that share one change at one place are one annotation naming both.
    let shared = lines.iter().filter(|l| l.contains("'items[].is_gift' was removed")).count();
    assert_eq!(shared, 1, "{}", run.stdout);
}

#[test]
fn a_policy_failure_says_how_to_accept_the_break_and_that_entry_accepts_it() {
    let dir = pair(ORDERS, &without_is_gift(), None);
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(1);
    let report = run.json();
    let violations = report["policy"]["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 5, "{report:#}");
    // Each message ends with the entry to write; written (with a reason), the run passes.
    let mut toml = String::new();
    for v in violations {
        let message = v["message"].as_str().unwrap();
        let (_, entry) = message.split_once("add to apigen.toml: ").unwrap_or_else(|| panic!("no [[diff.accept]] hint: {message}"));
        assert!(entry.starts_with("[[diff.accept]] check = \"response-property-removed\", operation = \""), "{entry}");
        toml.push_str(&entry.replacen("[[diff.accept]] ", "[[diff.accept]]\n", 1).replace(", ", "\n").replace("why clients are not affected", "no client reads is_gift"));
        toml.push('\n');
    }
    std::fs::write(dir.path().join("apigen.toml"), &toml).unwrap();
    let run = run_in(dir.path(), &["diff", "base.yaml", "head.yaml", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(run.json()["summary"]["accepted"], 5, "{toml}");
}

#[test]
fn an_extensible_enum_in_a_response_may_gain_values_but_an_enum_may_not() {
    let spec = |keyword: &str, values: &str| {
        format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1.0.0'}}\npaths:\n  /things:\n    get:\n      operationId: get_thing\n      responses:\n        '200':\n          description: The thing.\n          content:\n            application/json:\n              schema: {{type: object, properties: {{state: {{type: string, {keyword}: [{values}]}}}}}}\n"
        )
    };
    // Readers of an `x-extensible-enum` accept values it does not list yet.
    let found = changes(&spec("x-extensible-enum", "open, closed"), &spec("x-extensible-enum", "open, closed, archived"));
    assert!(found.is_empty(), "{:#?}", ids(&found));
    let found = changes(&spec("x-extensible-enum", "open, closed"), &spec("x-extensible-enum", "open"));
    assert_eq!(found.iter().map(|c| c.id()).collect::<Vec<_>>(), ["response-enum-value-removed"], "{:#?}", ids(&found));
    // A closed `enum` gaining a value breaks clients that match over every value.
    let found = changes(&spec("enum", "open, closed"), &spec("enum", "open, closed, archived"));
    assert!(found.iter().any(|c| c.id() == "response-enum-value-added"), "{:#?}", ids(&found));
}
