// Type-level tests of the generated TypeScript client (tsc must report an error on
// every line after `@ts-expect-error`, and none elsewhere). tests/client_ts.rs copies
// this file into the generated orders client's src/ and runs `tsc --noEmit`.
import { Client } from "./index.js";
import type { CustomerCreate, Order, OrderCancelRequestReason, OrderStatus, OrderUpdate } from "./index.js";

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

// `null` where the schema does not allow it: `is_gift` may be left out but is not nullable.
// @ts-expect-error
const gift: OrderUpdate = { is_gift: null };
void gift;

// A required `readOnly` property is read-only in a response type.
const order = {} as Order;
// @ts-expect-error
order.id = "another";

// And what is right compiles: a required `readOnly` property of a response type is there (no
// `undefined` to rule out); `notes` is nullable (a PATCH clears it), and what is left out is not sent.
const cleared: OrderUpdate = { notes: null, is_gift: true };
void cleared;
const orderId: string = order.id;
void orderId;
const fine: CustomerCreate = { email: "a@example.com", first_name: "Ada", last_name: "Lovelace" };
void api.customers.createCustomer({ body: fine });
const shipped: OrderStatus = "shipped";
void shipped;
