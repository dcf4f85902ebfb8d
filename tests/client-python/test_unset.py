"""Absent, null and a value are three things: a field left out (or given as ``UNSET``)
is not sent, ``None`` is sent as null where the schema allows it, and a response that
leaves a field out decodes it to ``UNSET``, one that sends null to ``None``."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from orders_client import UNSET, Client, Unset, models
from pydantic import ValidationError
from support import Recorder


def test_left_out_null_and_a_value_go_on_the_wire_as_written() -> None:
    order_id = uuid.uuid4()
    recorder = Recorder(lambda request: httpx.Response(500, json={}))
    bodies = [
        models.OrderUpdate(),
        models.OrderUpdate(is_gift=UNSET, notes=UNSET),
        models.OrderUpdate(notes=None),
        models.OrderUpdate(notes="fragile", is_gift=False),
    ]
    with Client("http://orders.invalid", bearer_token="t", transport=recorder, max_retries=0) as api:
        for body in bodies:
            with pytest.raises(Exception):
                api.orders.update_order(order_id=order_id, body=body)
    sent = [json.loads(r.content) for r in recorder.requests]
    assert sent == [{}, {}, {"notes": None}, {"notes": "fragile", "is_gift": False}]


def test_a_response_keeps_absent_apart_from_null() -> None:
    absent = models.OrderUpdate.model_validate({})
    null = models.OrderUpdate.model_validate({"notes": None})
    assert absent.notes is UNSET and isinstance(absent.is_gift, Unset) and not absent.notes
    assert null.notes is None
    # null where the schema does not allow it is refused, not read as "left out".
    with pytest.raises(ValidationError):
        models.OrderUpdate.model_validate({"is_gift": None})
