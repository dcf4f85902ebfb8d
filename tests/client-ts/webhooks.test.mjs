// The TypeScript client's webhook receiver (src/webhooks.ts), built by tsc: GitHub's documented
// signature, and each refusal with its typed error. Run by tests/client_ts.rs with ORDERS_CLIENT
// naming the built index.js.
import { test } from "node:test";
import assert from "node:assert/strict";

const { signWebhook, verifyWebhook, verifyWebhookSignature, WebhookError } = await import(process.env.ORDERS_CLIENT);

// GitHub's example ("Validating webhook deliveries").
const GITHUB_SECRET = "It's a Secret to Everybody";
const GITHUB_BODY = "Hello, World!";
const GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
const SECRET = "whsec_test";

const envelope = (timestamp) =>
  JSON.stringify({ event_id: "evt_1", event_type: "order.created", timestamp, payload: { id: 7 } });

async function refused(promise, kind) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof WebhookError, `not a WebhookError: ${e}`);
    assert.equal(e.kind, kind, e.message);
    return true;
  });
}

test("signWebhook gives GitHub's documented signature", async () => {
  assert.equal(await signWebhook(GITHUB_SECRET, GITHUB_BODY), GITHUB_SIGNATURE);
  assert.equal(await signWebhook(new TextEncoder().encode(GITHUB_SECRET), new TextEncoder().encode(GITHUB_BODY)), GITHUB_SIGNATURE);
});

test("GitHub's example verifies from either header name, as Headers or a record, as text or bytes", async () => {
  await verifyWebhookSignature(new Headers({ "X-Hub-Signature-256": GITHUB_SIGNATURE }), GITHUB_BODY, GITHUB_SECRET);
  await verifyWebhookSignature({ "x-hub-signature": GITHUB_SIGNATURE }, new TextEncoder().encode(GITHUB_BODY), GITHUB_SECRET);
  // GitHub's sha1 header beside it is skipped, also when Headers joins them into one value.
  const both = new Headers([["X-Hub-Signature", "sha1=0000000000000000000000000000000000000000"], ["X-Hub-Signature", GITHUB_SIGNATURE]]);
  await verifyWebhookSignature(both, GITHUB_BODY, GITHUB_SECRET);
});

test("a tampered body and a wrong secret are mismatches", async () => {
  const headers = { "x-hub-signature-256": GITHUB_SIGNATURE };
  await refused(verifyWebhookSignature(headers, "Hello, World?", GITHUB_SECRET), "mismatch");
  await refused(verifyWebhookSignature(headers, GITHUB_BODY, "It's a Secret to Somebody"), "mismatch");
});

test("a missing header is named; malformed signatures are told apart", async () => {
  await assert.rejects(verifyWebhook({}, GITHUB_BODY, GITHUB_SECRET), (e) => e.kind === "missing-header" && e.header === "x-hub-signature");
  for (const value of ["", "sha256=", GITHUB_SIGNATURE.slice(0, -2), GITHUB_SIGNATURE.replace("sha256=", "SHA256=")]) {
    await refused(verifyWebhookSignature({ "x-hub-signature": value }, GITHUB_BODY, GITHUB_SECRET), "malformed-signature");
  }
});

test("an envelope verifies and parses; stale, future and replayed ones are refused", async () => {
  const body = envelope("2026-03-01T12:00:00Z");
  const headers = { "x-hub-signature": await signWebhook(SECRET, body), "x-hub-delivery": "d-1" };
  const got = await verifyWebhook(headers, body, SECRET, { now: new Date("2026-03-01T12:04:59Z") });
  assert.deepEqual(got, { envelope: JSON.parse(body), delivery: "d-1" });
  await refused(verifyWebhook(headers, body, SECRET, { now: new Date("2026-03-01T12:05:01Z") }), "stale");
  await refused(verifyWebhook(headers, body, SECRET, { now: new Date("2026-03-01T11:54:00Z") }), "future");
  await refused(verifyWebhook(headers, envelope("2026-03-01T12:06:00Z"), SECRET, { now: new Date("2026-03-01T12:06:00Z") }), "mismatch");
  // A signed body that is no envelope.
  await refused(verifyWebhook({ "x-hub-signature": GITHUB_SIGNATURE }, GITHUB_BODY, GITHUB_SECRET), "bad-envelope");
});

test("a signed timestamp header is part of the signature", async () => {
  const options = { signatureHeaders: ["webhook-signature"], prefix: "v1=", timestampHeader: "webhook-timestamp" };
  const body = "{}";
  const digest = (await signWebhook(SECRET, `1700000000.${body}`)).slice("sha256=".length);
  const headers = { "webhook-signature": `v1=${digest}`, "webhook-timestamp": "1700000000" };
  await verifyWebhookSignature(headers, body, SECRET, { ...options, now: new Date(1_700_000_060_000) });
  await refused(verifyWebhookSignature(headers, body, SECRET, { ...options, now: new Date(1_700_000_301_000) }), "stale");
  const moved = { ...headers, "webhook-timestamp": "1700000100" };
  await refused(verifyWebhookSignature(moved, body, SECRET, { ...options, now: new Date(1_700_000_100_000) }), "mismatch");
  await refused(verifyWebhookSignature({ "webhook-signature": headers["webhook-signature"] }, body, SECRET, options), "missing-header");
  for (const malformed of ["soon", "+1700000000", "-1", "", "1700000000000000000"]) {
    await refused(verifyWebhookSignature({ ...headers, "webhook-timestamp": malformed }, body, SECRET, options), "malformed-timestamp");
  }
});
