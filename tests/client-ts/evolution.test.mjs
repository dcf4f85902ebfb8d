// An old TypeScript client meets a newer server (issue 16): a response with an enum
// value the client's types do not list comes back as sent, and goes back to the
// server unchanged; requests send Accept with the media types the operation
// documents. tests/client_ts.rs sets ORDERS_CLIENT.
import { test } from "node:test";
import assert from "node:assert/strict";

const orders = await import(process.env.ORDERS_CLIENT);

function capture(answer) {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url: new URL(String(url)), headers: new Headers(init.headers) });
    return new Response(JSON.stringify(answer), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return { fetch, seen };
}

test("a new enum value decodes and is sent back unchanged", async () => {
  const newer = {
    id: "8d3c5b9e-6a7f-4b21-9c3d-2e1f0a9b8c7d",
    customer_id: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    status: "returned",
    loyalty_tier: "platinum",
    items: [],
  };
  const { fetch, seen } = capture(newer);
  const api = new orders.Client({ baseUrl: "http://orders.invalid", fetch, auth: { bearer: "t" } });
  const order = await api.orders.getOrder({ orderId: newer.id });
  assert.equal(order.status, "returned");
  assert.equal(order.loyalty_tier, "platinum", "a member the client does not know is kept");
  assert.equal(seen[0].headers.get("Accept"), "application/json");
  await api.orders.listOrders({ status: order.status });
  assert.equal(seen[1].url.searchParams.get("status"), "returned");
});
