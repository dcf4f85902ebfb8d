// Iterating every page in the four pagination styles of the API conventions:
// page and cursor against the demo server (orders), offset (jobs) and skip (projects)
// against a fake `fetch` that serves pages from a list, as their servers would.
// tests/client_ts.rs compiles the clients and sets ORDERS_CLIENT, JOBS_CLIENT,
// PROJECTS_CLIENT and ORDERS_URL.
import { test } from "node:test";
import assert from "node:assert/strict";

const orders = await import(process.env.ORDERS_CLIENT);
const jobs = await import(process.env.JOBS_CLIENT);
const projects = await import(process.env.PROJECTS_CLIENT);
const baseUrl = process.env.ORDERS_URL;

async function collect(iterator) {
  const out = [];
  for await (const item of iterator) out.push(item);
  return out;
}

/** A fetch that serves `items` by a position parameter, with `meta(position, limit, page)` beside them. */
function pager(items, position, meta) {
  const requests = [];
  const fetch = async (url) => {
    const u = new URL(url);
    requests.push(u.search);
    const limit = Number(u.searchParams.get("limit") ?? 2);
    const at = Number(u.searchParams.get(position) ?? (position === "page" ? 1 : 0));
    const start = position === "page" ? (at - 1) * limit : at;
    const page = items.slice(start, start + limit);
    return new Response(JSON.stringify({ items: page, ...meta(at, limit, page) }), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return { fetch, requests };
}

test("page style (orders customers, against the demo)", async () => {
  const api = new orders.Client({ baseUrl, auth: { bearer: "demo-token" } });
  const tag = `page${Date.now()}`;
  for (let i = 0; i < 5; i++) {
    await api.customers.createCustomer({ body: { email: `${tag}_${i}@example.com`, first_name: "P", last_name: `${i}` } });
  }
  const all = await collect(api.customers.listCustomersAll({ emailLike: tag, limit: 2 }));
  assert.equal(all.length, 5);
  assert.equal(new Set(all.map((c) => c.id)).size, 5, "no item twice");
});

test("cursor style (order items, against the demo)", async () => {
  const api = new orders.Client({ baseUrl, auth: { bearer: "demo-token" } });
  const customer = await api.customers.createCustomer({ body: { email: `cursor${Date.now()}@example.com`, first_name: "C", last_name: "C" } });
  const items = [1, 2, 3].map((n) => ({ sku: `SKU-${n}`, name: `Item ${n}`, quantity: 1, unit_price: "1.00", currency: "EUR", weight: 1, weight_unit: "kg" }));
  const order = await api.orders.createOrder({ body: { customer_id: customer.id, currency: "EUR", shipping_address: "1 Main St", shipping_country: "DE", items } });
  const all = await collect(api.orders.listOrderItemsAll({ orderId: order.id, limit: 1 }));
  assert.deepEqual(all.map((i) => i.sku).sort(), ["SKU-1", "SKU-2", "SKU-3"]);
});

test("offset style (jobs), ending on has_more", async () => {
  const list = Array.from({ length: 5 }, (_, i) => ({ id: `job-${i}` }));
  const { fetch, requests } = pager(list, "offset", (offset, limit) => ({ offset, limit, total: list.length, has_more: offset + limit < list.length }));
  const api = new jobs.Client({ baseUrl: "http://jobs.invalid", fetch, auth: { bearer: "t" } });
  const all = await collect(api.jobs.listJobsAll({ limit: 2 }));
  assert.deepEqual(all.map((j) => j.id), ["job-0", "job-1", "job-2", "job-3", "job-4"]);
  assert.equal(requests.length, 3);
  assert.match(requests[2], /offset=4/);
});

test("skip style (projects), ending on a short page", async () => {
  const list = Array.from({ length: 3 }, (_, i) => ({ id: `p-${i}` }));
  const { fetch, requests } = pager(list, "skip", () => ({}));
  const api = new projects.Client({ baseUrl: "http://projects.invalid", fetch, auth: { bearer: "t" } });
  const all = await collect(api.projectsV2.listProjectsAll({ limit: 2 }));
  assert.deepEqual(all.map((p) => p.id), ["p-0", "p-1", "p-2"]);
  assert.equal(requests.length, 2, "a page shorter than the limit is the last");
});
