"""Shared fixtures of the generated Python clients' tests.

tests/client_python.rs generates the clients, puts them on ``PYTHONPATH``, starts the
demo server (generated-example/orders-demo) on 127.0.0.1 and runs pytest here with
``ORDERS_URL`` set. Async tests run on asyncio through anyio's pytest plugin.
"""

from __future__ import annotations

import itertools
import os
import time
from typing import Callable

import pytest

_seq = itertools.count()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def base_url() -> str:
    url = os.environ.get("ORDERS_URL")
    if not url:
        pytest.fail("ORDERS_URL is not set: run these tests through tests/client_python.rs")
    return url


@pytest.fixture
def unique() -> Callable[[str], str]:
    """A new unique text per call (emails, URLs), so tests never collide on the shared demo."""
    return lambda prefix: f"{prefix}{time.time_ns()}x{next(_seq)}"
