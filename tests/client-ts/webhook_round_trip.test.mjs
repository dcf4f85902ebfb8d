// Webhook round trip: the demo server (generated-example/orders-demo) delivers a signed
// `order.created` to a receiver on 127.0.0.1 built from the generated TypeScript client's
// `verifyAndParse`; the delivery parses to the typed event, and the same delivery with a
// tampered body, checked with a wrong secret, or checked after its timestamp has aged past
// the tolerance is refused with its `WebhookError` kind. tests/client_ts.rs runs it with
// ORDERS_CLIENT and ORDERS_URL set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";

const { Client, verifyAndParse, WebhookError } = await import(process.env.ORDERS_CLIENT);
const api = new Client({ baseUrl: process.env.ORDERS_URL, auth: { bearer: "demo-token" }, maxRetries: 2 });

test("the demo's signed order.created verifies and parses; tampered, wrong-secret and stale deliveries do not", async () => {
  // Every delivery (other test files may create orders while this subscription exists).
  const deliveries = [];
  const receiver = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      res.writeHead(204).end();
      deliveries.push({ headers: req.headers, body: new Uint8Array(Buffer.concat(chunks)) });
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  let hook;
  try {
    hook = await api.webhookSubscriptions.createWebhookSubscription({
      body: { target_url: `http://127.0.0.1:${receiver.address().port}/hooks`, event_types: ["order.created"] },
    });
    const secret = hook.signing_secret;
    const customer = await api.customers.createCustomer({ body: { email: `hook${Date.now()}@example.com`, first_name: "Ada", last_name: "Hook" } });
    const order = await api.orders.createOrder({
      body: { customer_id: customer.id, currency: "EUR", shipping_address: "1 Main St", shipping_country: "DE",
              items: [{ sku: "SKU-1", name: "Widget", quantity: 1, unit_price: "9.99", currency: "EUR", weight: 1.5, weight_unit: "kg" }] },
    });
    const ours = () => deliveries.find((d) => JSON.parse(new TextDecoder().decode(d.body)).payload?.order_id === order.id);
    for (let waited = 0; !ours(); waited += 50) {
      assert.ok(waited < 10_000, "no delivery of the order within 10 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { headers, body } = ours();

    const event = await verifyAndParse(headers, body, secret);
    assert.equal(event.kind, "order.created");
    assert.deepEqual(event.envelope.payload, { order_id: order.id, status: "pending" });
    assert.equal(headers["x-hub-event-id"], event.envelope.event_id);

    const refused = (kind) => (e) => e instanceof WebhookError && e.kind === kind;
    const tampered = new TextEncoder().encode(new TextDecoder().decode(body).replace('"pending"', '"shipped"'));
    assert.notDeepEqual(tampered, body);
    await assert.rejects(verifyAndParse(headers, tampered, secret), refused("mismatch"));
    await assert.rejects(verifyAndParse(headers, body, "whsec_wrong"), refused("mismatch"));
    const later = new Date(Date.parse(event.envelope.timestamp) + 301_000);
    await assert.rejects(verifyAndParse(headers, body, secret, { now: later }), refused("stale"));
  } finally {
    if (hook) await api.webhookSubscriptions.deleteWebhookSubscription({ subscriptionId: hook.id });
    receiver.close();
  }
});
