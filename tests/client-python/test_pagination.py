"""Iterating every page in the four pagination styles, blocking and awaited: page and
cursor against the demo server (orders), offset (jobs) and skip (projects) against an
``httpx.MockTransport`` that serves pages from a list, as their servers would."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, Callable, Dict, List, Tuple

import httpx
import jobs_client
import orders_client
import projects_client
import pytest
from orders_client import models

Unique = Callable[[str], str]


def customers(unique: Unique, count: int) -> Tuple[str, List[models.CustomerCreate]]:
    tag = unique("page")
    return tag, [models.CustomerCreate(email=f"{tag}_{i}@example.com", first_name="P", last_name=str(i)) for i in range(count)]


def order_with_items(customer_id: uuid.UUID, count: int) -> models.OrderCreate:
    items = [models.OrderItemCreate(sku=f"SKU-{n}", name=f"Item {n}", quantity=1, unit_price=Decimal("1.00"), currency="EUR", weight=1, weight_unit="kg") for n in range(1, count + 1)]
    return models.OrderCreate(customer_id=customer_id, currency="EUR", shipping_address="1 Main St", shipping_country="DE", items=items)


def test_page_style_against_the_demo(base_url: str, unique: Unique) -> None:
    with orders_client.Client(base_url, bearer_token="demo-token") as api:
        tag, bodies = customers(unique, 5)
        for body in bodies:
            api.customers.create_customer(body=body)
        every = list(api.customers.list_customers.all(email_like=tag, limit=2))
    assert len(every) == 5
    assert len({c.id for c in every}) == 5, "no item twice"
    assert all(isinstance(c, models.Customer) for c in every)


def test_cursor_style_against_the_demo(base_url: str, unique: Unique) -> None:
    with orders_client.Client(base_url, bearer_token="demo-token") as api:
        customer = api.customers.create_customer(body=customers(unique, 1)[1][0])
        order = api.orders.create_order(body=order_with_items(customer.id, 3))
        every = list(api.orders.list_order_items.all(order_id=order.id, limit=1))
    assert sorted(i.sku for i in every) == ["SKU-1", "SKU-2", "SKU-3"]


@pytest.mark.anyio
async def test_page_and_cursor_styles_async(base_url: str, unique: Unique) -> None:
    async with orders_client.AsyncClient(base_url, bearer_token="demo-token") as api:
        tag, bodies = customers(unique, 3)
        for body in bodies:
            await api.customers.create_customer(body=body)
        every = [c async for c in api.customers.list_customers.all(email_like=tag, limit=2)]
        assert len({c.id for c in every}) == 3
        customer = await api.customers.create_customer(body=customers(unique, 1)[1][0])
        order = await api.orders.create_order(body=order_with_items(customer.id, 4))
        items = [i async for i in api.orders.list_order_items.all(order_id=order.id, limit=3)]
    assert sorted(i.sku for i in items) == ["SKU-1", "SKU-2", "SKU-3", "SKU-4"]


def pager(items: List[Dict[str, Any]], position: str, meta: Callable[[int, int], Dict[str, Any]]) -> Tuple[httpx.MockTransport, List[httpx.URL]]:
    """A transport that serves ``items`` by a position parameter, with ``meta(position, limit)`` beside them."""
    requests: List[httpx.URL] = []

    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request.url)
        assert request.headers.get("X-API-Key", "frt_test") == "frt_test" and request.headers["X-Request-ID"]
        limit = int(request.url.params.get("limit", "2"))
        at = int(request.url.params.get(position, "0"))
        return httpx.Response(200, json={"items": items[at : at + limit], **meta(at, limit)})

    return httpx.MockTransport(answer), requests


# Whole responses: a required `readOnly` member is one the server always sends.
WRITTEN = {"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}
JOBS = [
    {"id": str(uuid.uuid4()), "name": f"job-{i}", "status": "queued", "source_system": "erp", "target_system": "crm", "batch_size": 10, "max_retries": 1, "total_records": 0, "processed_records": 0, "failed_records": 0, "progress_percent": 0, "retry_count": 0, **WRITTEN}
    for i in range(5)
]
PROJECTS = [
    {"id": str(uuid.uuid4()), "code": f"P-{i}", "name": f"p-{i}", "status": "active", "is_archived": False, "owner_id": str(uuid.uuid4()), "start_date": "2026-01-01", "budget_amount": "10.00", "currency": "EUR", "document_count": 0, **WRITTEN}
    for i in range(3)
]


def offset_meta(offset: int, limit: int) -> Dict[str, Any]:
    return {"offset": offset, "limit": limit, "total": len(JOBS), "has_more": offset + limit < len(JOBS)}


def skip_meta(skip: int, limit: int) -> Dict[str, Any]:
    return {"skip": skip, "limit": limit, "total": -1, "has_more": skip + limit < len(PROJECTS)}


def test_offset_style_ends_on_has_more() -> None:
    transport, requests = pager(JOBS, "offset", offset_meta)
    with jobs_client.Client("http://jobs.invalid", api_key="frt_test", transport=transport) as api:
        every = list(api.jobs.list_jobs.all(limit=2))
    assert [j.name for j in every] == [f"job-{i}" for i in range(5)]
    assert len(requests) == 3
    assert requests[2].params["offset"] == "4"
    assert all(r.params["limit"] == "2" for r in requests)


def test_skip_style() -> None:
    transport, requests = pager(PROJECTS, "skip", skip_meta)
    with projects_client.Client("http://projects.invalid", bearer_token="t", transport=transport) as api:
        every = list(api.projects_v2.list_projects.all(limit=2))
    assert [p.code for p in every] == ["P-0", "P-1", "P-2"]
    assert len(requests) == 2
    assert requests[1].params["skip"] == "2"


@pytest.mark.anyio
async def test_offset_and_skip_styles_async() -> None:
    transport, _ = pager(JOBS, "offset", offset_meta)
    async with jobs_client.AsyncClient("http://jobs.invalid", api_key="frt_test", transport=transport) as api:
        jobs = [j async for j in api.jobs.list_jobs.all(limit=3)]
    assert len(jobs) == 5
    transport, requests = pager(PROJECTS, "skip", skip_meta)
    async with projects_client.AsyncClient("http://projects.invalid", bearer_token="t", transport=transport) as projects:
        found = [p async for p in projects.projects_v2.list_projects.all(limit=1)]
    assert [p.code for p in found] == ["P-0", "P-1", "P-2"] and len(requests) == 3
