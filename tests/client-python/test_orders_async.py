"""The generated Python client of specs/orders.yaml against the demo server, awaited
(``AsyncClient``): every operation, errors, retries, PATCH semantics, deprecation."""

from __future__ import annotations

import json
import uuid
import warnings
from decimal import Decimal
from typing import Any, Callable

import httpx
import pytest
from orders_client import UNSET, ApiError, AsyncClient, models
from support import AsyncRecorder

pytestmark = pytest.mark.anyio

Unique = Callable[[str], str]


def client(base_url: str, **options: Any) -> AsyncClient:
    return AsyncClient(base_url, bearer_token="demo-token", **{"max_retries": 2, **options})


def new_customer(unique: Unique) -> models.CustomerCreate:
    return models.CustomerCreate(email=f"{unique('apy')}@example.com", first_name="Grace", last_name="Hopper")


def new_order(customer_id: uuid.UUID) -> models.OrderCreate:
    item = models.OrderItemCreate(sku="SKU-2", name="Gadget", quantity=1, unit_price=Decimal("19.50"), currency="EUR", weight=0.5, weight_unit="kg")
    return models.OrderCreate(customer_id=customer_id, currency="EUR", shipping_address="1 Main St", shipping_country="DE", items=[item])


async def test_every_operation_of_the_order_api(base_url: str, unique: Unique) -> None:
    async with client(base_url) as api:
        health = await api.health.get_health()
        assert health.status in ("healthy", "degraded", "unhealthy")

        created = await api.customers.create_customer(body=new_customer(unique))
        page = await api.customers.list_customers(email=created.email)
        assert [c.id for c in page.items] == [created.id]

        order = await api.orders.create_order(body=new_order(created.id))
        assert (await api.orders.get_order(order_id=order.id)).id == order.id
        orders = await api.orders.list_orders(customer_id=created.id)
        assert any(o.id == order.id for o in orders.items)
        items = await api.orders.list_order_items(order_id=order.id)
        assert [i.sku for i in items.items] == ["SKU-2"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            by_customer = await api.orders.list_customer_orders(customer_id=created.id)
        assert [o.id for o in by_customer.items] == [order.id]

        updated = await api.orders.update_order(order_id=order.id, body=models.OrderUpdate(notes="ring twice"))
        assert updated.notes == "ring twice"
        cancelled = await api.orders.cancel_order(order_id=order.id, body=models.OrderCancelRequest(reason="out_of_stock"))
        assert cancelled.order_id == order.id

        hook = await api.webhook_subscriptions.create_webhook_subscription(
            body=models.WebhookSubscriptionCreate(target_url=f"https://erp.example.com/hooks/{unique('ah')}", event_types=["order.shipped", "order.cancelled"])
        )
        assert hook.event_types == ["order.shipped", "order.cancelled"]
        assert await api.webhook_subscriptions.delete_webhook_subscription(subscription_id=hook.id) is None


async def test_a_patch_clears_a_field_with_none_and_leaves_out_what_is_not_set(base_url: str, unique: Unique) -> None:
    recorder = AsyncRecorder()
    async with client(base_url, transport=recorder) as api:
        customer = await api.customers.create_customer(body=new_customer(unique))
        order = await api.orders.create_order(body=new_order(customer.id))
        await api.orders.update_order(order_id=order.id, body=models.OrderUpdate(notes="fragile", requested_delivery_date=None))

        kept = await api.orders.update_order(order_id=order.id, body=models.OrderUpdate(is_gift=True))
        assert json.loads(recorder.requests[-1].content) == {"is_gift": True}
        assert kept.notes == "fragile" and kept.is_gift is True

        cleared = await api.orders.update_order(order_id=order.id, body=models.OrderUpdate(notes=None))
        assert json.loads(recorder.requests[-1].content) == {"notes": None}
        assert cleared.notes is UNSET and cleared.is_gift is True


async def test_errors_carry_the_status_the_decoded_body_and_the_request_id(base_url: str) -> None:
    async with AsyncClient(base_url, max_retries=0) as anonymous:
        with pytest.raises(ApiError) as unauthorized:
            await anonymous.orders.list_orders()
    assert unauthorized.value.status_code == 401 and isinstance(unauthorized.value.body, models.Error)
    async with client(base_url) as api:
        with pytest.raises(ApiError) as missing:
            await api.orders.get_order(order_id=uuid.UUID("00000000-0000-4000-8000-000000000000"))
    assert missing.value.status_code == 404
    assert isinstance(missing.value.body, models.Error)
    assert str(missing.value.body.request_id) == missing.value.request_id


async def test_a_429_is_retried_after_retry_after_with_the_same_idempotency_key(base_url: str, unique: Unique) -> None:
    network = httpx.AsyncHTTPTransport()
    seen = []

    class Flaky(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if not request.url.path.endswith("/orders"):
                return await network.handle_async_request(request)
            seen.append((request.headers.get("Idempotency-Key"), request.headers["X-Request-ID"]))
            if len(seen) == 1:
                return httpx.Response(429, json={"code": "RATE_LIMITED", "message": "slow down", "details": [], "request_id": str(uuid.uuid4())}, headers={"Retry-After": "0"})
            return await network.handle_async_request(request)

    async with client(base_url, transport=Flaky()) as api:
        created = await api.orders.create_order(body=new_order((await api.customers.create_customer(body=new_customer(unique))).id))
    assert created.id
    order_attempts = seen
    assert len(seen) == 2, "the order twice"
    assert order_attempts[0][0] and order_attempts[0][0] == order_attempts[1][0], "one Idempotency-Key across retries"
    assert order_attempts[0][1] != order_attempts[1][1], "a new X-Request-ID per attempt"


async def test_a_deprecated_operation_warns_once(base_url: str, unique: Unique) -> None:
    async with client(base_url) as api:
        customer = await api.customers.create_customer(body=new_customer(unique))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            await api.orders.list_customer_orders(customer_id=customer.id)
            await api.orders.list_customer_orders(customer_id=customer.id)
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(deprecations) == 1
    assert "is deprecated; it is removed after 2028-12-31" in str(deprecations[0].message)
