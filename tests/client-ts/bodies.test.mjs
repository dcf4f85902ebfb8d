// Request bodies the TypeScript client encodes besides JSON: a URL-encoded form
// (edge: create_note) and multipart form data with a file (projects:
// upload_project_document), checked on the wire through a capturing `fetch`; and an
// Accept header parameter, which is the caller's choice.
// tests/client_ts.rs sets EDGE_CLIENT and PROJECTS_CLIENT.
import { test } from "node:test";
import assert from "node:assert/strict";

const edge = await import(process.env.EDGE_CLIENT);
const { Transport } = await import(new URL("client.js", new URL(process.env.EDGE_CLIENT, "file:///")).href);
const projects = await import(process.env.PROJECTS_CLIENT);

function capture(answer) {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url: String(url), init, body: await new Request(String(url), init).text(), type: new Request(String(url), init).headers.get("Content-Type") });
    return new Response(JSON.stringify(answer), { status: 201, headers: { "Content-Type": "application/json" } });
  };
  return { fetch, seen };
}

test("a URL-encoded form, arrays as repeated fields", async () => {
  const { fetch, seen } = capture({ id: "n1", text: "hi" });
  const api = new edge.Client({ baseUrl: "http://edge.invalid", fetch });
  const note = await api.notes.createNote({ body: { text: "hello world", labels: ["a", "b"] } });
  assert.equal(note.id, "n1");
  assert.equal(seen[0].type, "application/x-www-form-urlencoded");
  assert.equal(seen[0].body, "text=hello+world&labels=a&labels=b");
});

test("multipart form data with a file", async () => {
  const { fetch, seen } = capture({ id: "d1" });
  const api = new projects.Client({ baseUrl: "http://projects.invalid", fetch, auth: { bearer: "t" } });
  const file = new Blob(["%PDF-1.7"], { type: "application/pdf" });
  await api.projectDocumentsV2.uploadProjectDocument({ projectId: "p1", body: { file, category: "receipt", description: "r" } });
  assert.match(seen[0].type, /^multipart\/form-data; boundary=/);
  assert.match(seen[0].body, /name="file"; filename="blob"\r\nContent-Type: application\/pdf\r\n\r\n%PDF-1\.7/);
  assert.match(seen[0].body, /name="category"\r\n\r\nreceipt/);
  assert.ok(seen[0].init.headers.get("Idempotency-Key"), "an x-idempotent upload carries a key");
});

test("path, query (repeated, comma-separated, deepObject) and header parameters on the wire", async () => {
  const { fetch, seen } = capture({ version: 3 });
  const api = new edge.Client({ baseUrl: "http://edge.invalid", fetch });
  await api.files.getFileVersion({ filePath: "docs/a b.txt", version: 3, tags: ["x", "y"], fields: ["size", "hash"], filter: { owner: "ada" }, xTraceTag: "t1" });
  const url = new URL(seen[0].url);
  assert.equal(url.pathname, "/files/docs%2Fa%20b.txt/versions/3");
  assert.deepEqual(url.searchParams.getAll("tags"), ["x", "y"]);
  assert.equal(url.searchParams.get("fields"), "size,hash");
  assert.equal(url.searchParams.get("filter[owner]"), "ada");
  assert.equal(seen[0].init.headers.get("X-Trace-Tag"), "t1");
});

test("an Accept header parameter is the caller's choice", async () => {
  // brex.io's PepRetrieve has one (`accept`: application/json or application/pdf); found by
  // the Prism check, where the client replaced it with the documented media types.
  const { fetch, seen } = capture({});
  const transport = new Transport({ baseUrl: "http://edge.invalid", fetch });
  const call = { label: "GET /report", method: "GET", path: "/report", accept: "application/json", decode: false, retry: false, idempotencyKey: false, deprecated: false, secured: false };
  await transport.send({ ...call, headers: [["accept", "application/pdf"]] });
  await transport.send({ ...call, headers: [["accept", undefined]] });
  assert.equal(seen[0].init.headers.get("Accept"), "application/pdf");
  assert.equal(seen[1].init.headers.get("Accept"), "application/json", "left out: the documented media types");
});
