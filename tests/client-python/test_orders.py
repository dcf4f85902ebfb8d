"""The generated Python client of specs/orders.yaml against the demo server, blocking
(``Client``): every operation, errors, retries, PATCH semantics, deprecation."""

from __future__ import annotations

import json
import uuid
import warnings
from decimal import Decimal
from typing import Any, Callable

import httpx
import pytest
from orders_client import UNSET, ApiError, Client, RequestOptions, models
from support import Recorder

Unique = Callable[[str], str]


def client(base_url: str, **options: Any) -> Client:
    return Client(base_url, bearer_token="demo-token", **{"max_retries": 2, **options})


def new_customer(unique: Unique) -> models.CustomerCreate:
    return models.CustomerCreate(email=f"{unique('py')}@example.com", first_name="Ada", last_name="Lovelace")


def new_order(customer_id: uuid.UUID) -> models.OrderCreate:
    item = models.OrderItemCreate(sku="SKU-1", name="Widget", quantity=2, unit_price=Decimal("9.99"), currency="EUR", weight=1.5, weight_unit="kg")
    return models.OrderCreate(customer_id=customer_id, currency="EUR", shipping_address="1 Main St", shipping_country="DE", items=[item])


def test_every_operation_of_the_order_api(base_url: str, unique: Unique) -> None:
    with client(base_url) as api:
        health = api.health.get_health()
        assert health.status in ("healthy", "degraded", "unhealthy")

        created = api.customers.create_customer(body=new_customer(unique))
        assert created.first_name == "Ada"
        assert isinstance(created.id, uuid.UUID)
        page = api.customers.list_customers(email=created.email)
        assert [c.id for c in page.items] == [created.id]

        order = api.orders.create_order(body=new_order(created.id))
        assert order.customer_id == created.id
        assert isinstance(order.total_amount, Decimal)
        assert api.orders.get_order(order_id=order.id).id == order.id
        orders = api.orders.list_orders(customer_id=created.id)
        assert any(o.id == order.id for o in orders.items)
        items = api.orders.list_order_items(order_id=order.id)
        assert len(items.items) == 1 and items.items[0].unit_price == Decimal("9.99")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            by_customer = api.orders.list_customer_orders(customer_id=created.id)
        assert [o.id for o in by_customer.items] == [order.id]

        updated = api.orders.update_order(order_id=order.id, body=models.OrderUpdate(notes="ring twice"))
        assert updated.notes == "ring twice"
        cancelled = api.orders.cancel_order(order_id=order.id, body=models.OrderCancelRequest(reason="customer_request", comment="changed my mind"))
        assert cancelled.order_id == order.id

        hook = api.webhook_subscriptions.create_webhook_subscription(
            body=models.WebhookSubscriptionCreate(target_url=f"https://erp.example.com/hooks/{unique('h')}", event_types=["order.created"])
        )
        assert hook.event_types == ["order.created"]
        assert api.webhook_subscriptions.delete_webhook_subscription(subscription_id=hook.id) is None


def test_a_patch_clears_a_field_with_none_and_leaves_out_what_is_not_set(base_url: str, unique: Unique) -> None:
    recorder = Recorder()
    with client(base_url, transport=recorder) as api:
        customer = api.customers.create_customer(body=new_customer(unique))
        order = api.orders.create_order(body=new_order(customer.id))
        api.orders.update_order(order_id=order.id, body=models.OrderUpdate(notes="leave at the door", shipping_country="AT"))

        kept = api.orders.update_order(order_id=order.id, body=models.OrderUpdate(shipping_address="2 Side St"))
        assert json.loads(recorder.requests[-1].content) == {"shipping_address": "2 Side St"}, "a field left out is not sent"
        assert kept.notes == "leave at the door", "a field left out keeps its value"

        cleared = api.orders.update_order(order_id=order.id, body=models.OrderUpdate(notes=None))
        assert json.loads(recorder.requests[-1].content) == {"notes": None}, "None is sent as null"
        assert cleared.notes is UNSET, "the demo server leaves a cleared field out"
        assert cleared.shipping_address == "2 Side St" and cleared.shipping_country == "AT"
        assert api.orders.get_order(order_id=order.id).notes is UNSET


def test_errors_carry_the_status_the_decoded_body_and_the_request_id(base_url: str, unique: Unique) -> None:
    with Client(base_url, max_retries=0) as anonymous:
        with pytest.raises(ApiError) as unauthorized:
            anonymous.customers.list_customers()
    assert unauthorized.value.status_code == 401
    assert isinstance(unauthorized.value.body, models.Error) and unauthorized.value.body.code
    assert unauthorized.value.request_id

    with Client(base_url, bearer_token="readonly-token", max_retries=0) as readonly:
        with pytest.raises(ApiError) as forbidden:
            readonly.customers.create_customer(body=new_customer(unique))
    assert forbidden.value.status_code == 403

    with client(base_url) as api:
        with pytest.raises(ApiError) as missing:
            api.orders.get_order(order_id=uuid.UUID("00000000-0000-4000-8000-000000000000"))
        error = missing.value
        assert error.status_code == 404
        assert isinstance(error.body, models.Error)
        assert str(error.body.request_id) == error.request_id, "the body's request id is the response's"

        with pytest.raises(ApiError) as invalid:
            api.customers.create_customer(body=models.CustomerCreate(email="not an email", first_name="", last_name=""))
        assert invalid.value.status_code == 422
        assert isinstance(invalid.value.body, models.Error) and invalid.value.body.details


def test_a_429_is_retried_after_retry_after_with_the_same_idempotency_key(base_url: str, unique: Unique) -> None:
    network = httpx.HTTPTransport()
    first = [True]

    def flaky(request: httpx.Request) -> httpx.Response:
        if first[0]:
            first[0] = False
            body = {"code": "RATE_LIMITED", "message": "slow down", "details": [], "request_id": str(uuid.uuid4())}
            return httpx.Response(429, json=body, headers={"Retry-After": "0"})
        return network.handle_request(request)

    recorder = Recorder(flaky)
    with client(base_url, transport=recorder) as api:
        created = api.customers.create_customer(body=new_customer(unique))
    assert created.id
    assert len(recorder.requests) == 2
    keys = [r.headers.get("Idempotency-Key") for r in recorder.requests]
    assert keys[0] and keys[0] == keys[1], "one Idempotency-Key across retries"
    ids = [r.headers["X-Request-ID"] for r in recorder.requests]
    assert ids[0] != ids[1], "a new X-Request-ID per attempt"


def test_a_patch_is_not_retried_and_a_get_is(base_url: str) -> None:
    recorder = Recorder(lambda request: httpx.Response(503, json={"code": "UNAVAILABLE", "message": "down", "details": [], "request_id": str(uuid.uuid4())}))
    with client(base_url, transport=recorder) as api:
        with pytest.raises(ApiError) as failed:
            api.orders.update_order(order_id=uuid.uuid4(), body=models.OrderUpdate(notes="x"))
    assert failed.value.status_code == 503 and len(recorder.requests) == 1
    recorder = Recorder(lambda request: httpx.Response(503, headers={"Retry-After": "0"}))
    with client(base_url, transport=recorder, max_retries=3) as api:
        with pytest.raises(ApiError):
            api.orders.get_order(order_id=uuid.uuid4())
    assert len(recorder.requests) == 4, "a GET is retried max_retries times"


def test_an_idempotency_key_can_be_chosen_per_call(base_url: str, unique: Unique) -> None:
    recorder = Recorder()
    with client(base_url, transport=recorder) as api:
        api.customers.create_customer(body=new_customer(unique), request_options=RequestOptions(idempotency_key="my-key-1"))
    assert recorder.requests[0].headers["Idempotency-Key"] == "my-key-1"


def test_a_deprecated_operation_warns_once(base_url: str, unique: Unique) -> None:
    with client(base_url) as api:
        customer = api.customers.create_customer(body=new_customer(unique))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            api.orders.list_customer_orders(customer_id=customer.id)
            api.orders.list_customer_orders(customer_id=customer.id)
            api.orders.list_orders(customer_id=customer.id)
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(deprecations) == 1
    assert "GET /api/v1/customers/{customer_id}/orders is deprecated" in str(deprecations[0].message)
    assert "2028-12-31" in str(deprecations[0].message)
    assert deprecations[0].filename == __file__, "the warning points at the caller"


def test_a_connection_error_is_an_api_error_with_status_0() -> None:
    with Client("http://127.0.0.1:9", max_retries=1, timeout=2.0) as api:
        with pytest.raises(ApiError) as failed:
            api.health.get_health()
    assert failed.value.status_code == 0 and failed.value.request_id
