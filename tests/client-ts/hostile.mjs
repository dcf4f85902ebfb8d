// Drives the client of tests/fixtures/client-ts/hostile.yaml against a stub `fetch`
// (tests/client_ts.rs): prints what each call sent, and whether spec text ran as code.
import { Client } from "./dist/index.js";

const sent = [];
const fetch = async (url, init) => {
  sent.push({ url: String(url), headers: Object.fromEntries(init.headers) });
  return new Response('"plain"', { status: 200, headers: { "Content-Type": "application/json" } });
};
const client = new Client({ fetch });
const items = Object.values(client).find((r) => typeof r?.getItem === "function");
const call = async (params) => {
  await items.getItem(params);
  return sent.at(-1);
};
const out = {
  baseUrl: client.baseUrl,
  // Each member of the client: the base URL, then resources and their methods.
  members: Object.fromEntries(
    Object.entries(client).map(([name, value]) => [
      name,
      typeof value === "string" ? value : Object.getOwnPropertyNames(Object.getPrototypeOf(value)).sort(),
    ]),
  ),
  bare: await call({ itemId: "a/b" }),
  prototypeNamed: await call({ itemId: "1", constructor_: "c", toString_: "t" }),
  bidi: await call({ itemId: "1", roleX: "role\u202ex" }),
  pwned: globalThis.pwned ?? null,
};
console.log(JSON.stringify(out));
