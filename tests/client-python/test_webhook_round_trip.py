"""Webhook round trip: the demo server delivers a signed ``order.created`` to a receiver on 127.0.0.1 built from the generated Python client's ``verify_and_parse``; the delivery parses to the typed event, and the same delivery with a tampered body, checked with a wrong secret, or checked after its timestamp has aged past the tolerance is refused with its typed exception."""

from __future__ import annotations

import json
import threading
import time
import uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pytest
from orders_client import Client, models, verify_and_parse
from orders_client.events import OrderCreatedEvent
from orders_client.webhooks import SignatureMismatchError, StaleTimestampError

# Every delivery the receiver got: (headers, raw body). Other tests may create orders while the subscription exists.
Deliveries = list[tuple[dict[str, str], bytes]]


def receiver(deliveries: Deliveries) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            deliveries.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_the_demos_signed_order_created_verifies_and_parses(base_url: str, unique: Callable[[str], str]) -> None:
    deliveries: Deliveries = []
    server = receiver(deliveries)
    with Client(base_url, bearer_token="demo-token", max_retries=2) as api:
        hook = api.webhook_subscriptions.create_webhook_subscription(
            body=models.WebhookSubscriptionCreate(target_url=f"http://127.0.0.1:{server.server_address[1]}/hooks", event_types=["order.created"])
        )
        try:
            secret = hook.signing_secret
            assert secret is not None
            customer = api.customers.create_customer(body=models.CustomerCreate(email=f"{unique('hook')}@example.com", first_name="Ada", last_name="Hook"))
            item = models.OrderItemCreate(sku="SKU-1", name="Widget", quantity=1, unit_price=Decimal("9.99"), currency="EUR", weight=1.5, weight_unit="kg")
            order = api.orders.create_order(
                body=models.OrderCreate(customer_id=customer.id, currency="EUR", shipping_address="1 Main St", shipping_country="DE", items=[item])
            )

            def ours() -> tuple[dict[str, str], bytes] | None:
                return next((d for d in deliveries if json.loads(d[1]).get("payload", {}).get("order_id") == str(order.id)), None)

            deadline = time.monotonic() + 10
            while ours() is None:
                assert time.monotonic() < deadline, "no delivery of the order within 10 s"
                time.sleep(0.05)
            found = ours()
            assert found is not None
            headers, body = found

            event = verify_and_parse(headers, body, secret)
            assert isinstance(event, OrderCreatedEvent)
            assert event.event_type == "order.created"
            assert event.payload == models.WebhookOrderPayload(order_id=order.id, status="pending")
            assert isinstance(event.payload.order_id, uuid.UUID)
            assert headers["x-hub-event-id"] == event.event_id

            tampered = body.replace(b'"pending"', b'"shipped"')
            assert tampered != body
            with pytest.raises(SignatureMismatchError):
                verify_and_parse(headers, tampered, secret)
            with pytest.raises(SignatureMismatchError):
                verify_and_parse(headers, body, "whsec_wrong")
            with pytest.raises(StaleTimestampError):
                verify_and_parse(headers, body, secret, now=event.timestamp.timestamp() + 301)
        finally:
            api.webhook_subscriptions.delete_webhook_subscription(subscription_id=hook.id)
            server.shutdown()
