// The generated TypeScript client of specs/orders.yaml against the demo server
// (generated-example/orders-demo) on 127.0.0.1, with node's built-in test runner.
// tests/client_ts.rs compiles the client (tsc), starts the demo and runs this file
// with ORDERS_CLIENT (the compiled index.js) and ORDERS_URL set.
import { test } from "node:test";
import assert from "node:assert/strict";

const { Client, ApiError } = await import(process.env.ORDERS_CLIENT);
const baseUrl = process.env.ORDERS_URL;
const client = (options = {}) => new Client({ baseUrl, auth: { bearer: "demo-token" }, maxRetries: 2, ...options });

let seq = 0;
const customer = () => ({ email: `ts${Date.now()}_${seq++}@example.com`, first_name: "Ada", last_name: "Lovelace" });

test("every operation of the order API", async () => {
  const api = client();
  const health = await api.health.getHealth();
  assert.ok(["healthy", "degraded", "unhealthy"].includes(health.status));

  const created = await api.customers.createCustomer({ body: customer() });
  assert.equal(created.first_name, "Ada");
  assert.match(created.id, /^[0-9a-f-]{36}$/);
  const page = await api.customers.listCustomers({ email: created.email });
  assert.equal(page.items.length, 1);
  assert.equal(page.items[0].id, created.id);

  const order = await api.orders.createOrder({
    body: { customer_id: created.id, currency: "EUR", shipping_address: "1 Main St", shipping_country: "DE",
            items: [{ sku: "SKU-1", name: "Widget", quantity: 2, unit_price: "9.99", currency: "EUR", weight: 1.5, weight_unit: "kg" }] },
  });
  assert.equal(order.customer_id, created.id);
  const fetched = await api.orders.getOrder({ orderId: order.id });
  assert.equal(fetched.id, order.id);
  const orders = await api.orders.listOrders({ customerId: created.id });
  assert.ok(orders.items.some((o) => o.id === order.id));
  const items = await api.orders.listOrderItems({ orderId: order.id });
  assert.equal(items.items.length, 1);

  const updated = await api.orders.updateOrder({ orderId: order.id, body: { notes: "ring twice" } });
  assert.equal(updated.notes, "ring twice");
  const cleared = await api.orders.updateOrder({ orderId: order.id, body: { notes: null } });
  assert.equal(cleared.notes ?? null, null, "null clears the field");

  const cancelled = await api.orders.cancelOrder({ orderId: order.id, body: { reason: "customer_request", comment: "changed my mind" } });
  assert.ok(cancelled);

  const hook = await api.webhookSubscriptions.createWebhookSubscription({
    body: { target_url: `https://erp.example.com/hooks/${seq++}`, event_types: ["order.created"] },
  });
  await api.webhookSubscriptions.deleteWebhookSubscription({ subscriptionId: hook.id });
});

test("errors carry the status, the decoded error body and the request id", async () => {
  const unauthenticated = new Client({ baseUrl, maxRetries: 0 });
  await assert.rejects(unauthenticated.customers.listCustomers(), (e) => e instanceof ApiError && e.status === 401 && e.body.code !== undefined && e.requestId.length > 0);
  const readonly = new Client({ baseUrl, auth: { bearer: "readonly-token" }, maxRetries: 0 });
  await assert.rejects(readonly.customers.createCustomer({ body: customer() }), (e) => e.status === 403);
  await assert.rejects(client().orders.getOrder({ orderId: "00000000-0000-4000-8000-000000000000" }), (e) => {
    assert.equal(e.status, 404);
    assert.equal(typeof e.body.message, "string");
    assert.equal(e.body.request_id, e.requestId, "the body's request id is the response's");
    return true;
  });
  await assert.rejects(client().customers.createCustomer({ body: { email: "not an email", first_name: "", last_name: "" } }), (e) => {
    assert.equal(e.status, 422);
    assert.ok(Array.isArray(e.body.details) && e.body.details.length > 0);
    return true;
  });
});

test("a 429 is retried after Retry-After with the same idempotency key", async () => {
  const seen = [];
  let first = true;
  const flaky = async (url, init) => {
    seen.push({ key: init.headers.get("Idempotency-Key"), id: init.headers.get("X-Request-ID") });
    if (first) {
      first = false;
      return new Response(JSON.stringify({ code: "RATE_LIMITED", message: "slow down", details: [], request_id: "r1" }), { status: 429, headers: { "Retry-After": "0", "Content-Type": "application/json" } });
    }
    return fetch(url, init);
  };
  const created = await client({ fetch: flaky }).customers.createCustomer({ body: customer() });
  assert.ok(created.id);
  assert.equal(seen.length, 2);
  assert.ok(seen[0].key && seen[0].key === seen[1].key, "one Idempotency-Key across retries");
  assert.notEqual(seen[0].id, seen[1].id, "a new X-Request-ID per attempt");
});

test("a deprecated operation is reported once", async () => {
  const notices = [];
  const api = client({ onDeprecation: (n) => notices.push(n) });
  const c = await api.customers.createCustomer({ body: customer() });
  await api.orders.listCustomerOrders({ customerId: c.id });
  await api.orders.listCustomerOrders({ customerId: c.id });
  assert.equal(notices.length, 1);
  assert.match(notices[0].operation, /^GET \/api\/v1\/customers\/\{customer_id\}\/orders$/);
});

test("an aborted call rejects", async () => {
  const controller = new AbortController();
  const never = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
  const call = client({ fetch: never, maxRetries: 0 }).health.getHealth({}, { signal: controller.signal });
  controller.abort(new Error("stop"));
  await assert.rejects(call, (e) => e instanceof ApiError && e.status === 0);
});
