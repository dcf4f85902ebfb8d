// Type-level tests of the generated TypeScript client (tsc must report an error on
// every line after `@ts-expect-error`, and none elsewhere). tests/client_ts.rs copies
// this file into the generated orders client's src/ and runs `tsc --noEmit`.
import { Client } from "./index.js";
import type { CustomerCreate, OrderCancelRequestReason, OrderStatus } from "./index.js";

const api = new Client({ baseUrl: "http://127.0.0.1:1" });

// A wrong parameter type: `page` is a number.
// @ts-expect-error
void api.customers.listCustomers({ page: "2" });

// A missing required field: `last_name`.
// @ts-expect-error
const incomplete: CustomerCreate = { email: "a@example.com", first_name: "Ada" };
void incomplete;

// A value outside an enum that is only ever sent (request enums stay closed).
// @ts-expect-error
const reason: OrderCancelRequestReason = "bored";
void reason;

// A response enum is open: a value a newer API added is still an `OrderStatus`.
const later: OrderStatus = "returned";
void later;

// A required path parameter left out.
// @ts-expect-error
void api.orders.getOrder({});

// And what is right compiles.
const fine: CustomerCreate = { email: "a@example.com", first_name: "Ada", last_name: "Lovelace" };
void api.customers.createCustomer({ body: fine });
const shipped: OrderStatus = "shipped";
void shipped;
