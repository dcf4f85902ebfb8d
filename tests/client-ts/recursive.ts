// The client of tests/fixtures/client/recursive.yaml with its recursive aliases, as a user's
// code: `tsc --strict` checks the nested values below against the generated types (each
// `@ts-expect-error` must meet an error), then node runs it (tests/client_ts.rs). A report
// goes to a server that sends it back and must come back equal; a 400 with Discord's error
// body must surface its nested errors. Prints `ok`; any mismatch throws.

import { ApiError, Client, type ErrorDetails, type ErrorResponse, type Json, type Odd, type Report, type Tree } from "./index.js";

const details: ErrorDetails = {
  embeds: { "0": { title: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 256 or fewer in length." }] } } },
};
const tree: Tree = ["a", ["b", ["c", []]]];
const json: Json = { count: 1, nested: { deeper: { n: 2 } } };
const odd: Odd = { yes: true, list: [{ no: false }, { more: [{}] }] };

// @ts-expect-error a number is no ErrorDetails, however deep
const wrongDetails: ErrorDetails = { embeds: { "0": 5 } };
// @ts-expect-error a Tree holds strings and Trees
const wrongTree: Tree = ["a", [1]];
// @ts-expect-error a Json value is a number or a Json
const wrongJson: Json = { a: { b: "text" } };
void [wrongDetails, wrongTree, wrongJson];

const report: Report = { errors: details, tree, json, nested: { a: { b: {} } }, even: [odd], odd, label: "l" };

function same(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`);
  }
}

const json200 = { "content-type": "application/json" };
let sent: unknown;
const echo = new Client({
  baseUrl: "http://stub.test",
  fetch: async (_url, init) => {
    sent = JSON.parse(String(init?.body));
    return new Response(String(init?.body), { status: 200, headers: json200 });
  },
});
const back: Report = await echo.reports.putReport({ id: "1", body: report });
same(sent, report, "the body sent");
same(back, report, "the report sent back");

const discord: ErrorResponse = { code: 50035, message: "Invalid Form Body", errors: details };
const refusing = new Client({
  baseUrl: "http://stub.test",
  fetch: async () => new Response(JSON.stringify(discord), { status: 400, headers: json200 }),
});
try {
  await refusing.reports.putReport({ id: "1", body: report });
  throw new Error("a 400 resolved");
} catch (error) {
  if (!(error instanceof ApiError) || error.status !== 400) throw error;
  same(error.body, discord, "the error body");
}
console.log("ok");
