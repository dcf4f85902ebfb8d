"""Helpers of the generated Python clients' tests: transports that record requests."""

from __future__ import annotations

from typing import Callable, List, Optional

import httpx

Answer = Callable[[httpx.Request], httpx.Response]


class Recorder(httpx.BaseTransport):
    """A transport that records every request and passes it on (to the network, or to ``answer``)."""

    def __init__(self, answer: Optional[Answer] = None) -> None:
        self.requests: List[httpx.Request] = []
        self.answer = answer
        self.network = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.answer is not None:
            return self.answer(request)
        return self.network.handle_request(request)


class AsyncRecorder(httpx.AsyncBaseTransport):
    """``Recorder`` for ``AsyncClient``."""

    def __init__(self, answer: Optional[Answer] = None) -> None:
        self.requests: List[httpx.Request] = []
        self.answer = answer
        self.network = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        self.requests.append(request)
        if self.answer is not None:
            return self.answer(request)
        return await self.network.handle_async_request(request)
