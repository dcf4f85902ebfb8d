"""The Python client's webhook receiver (``orders_client.webhooks``): GitHub's documented signature, and each refusal with its typed exception."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from orders_client import WebhookError, verify_webhook
from orders_client.webhooks import (
    BadEnvelopeError,
    FutureTimestampError,
    MalformedSignatureError,
    MalformedTimestampError,
    MissingHeaderError,
    SignatureMismatchError,
    StaleTimestampError,
    WebhookOptions,
    sign_webhook,
    verify_webhook_signature,
)

# GitHub's example ("Validating webhook deliveries").
GITHUB_SECRET = "It's a Secret to Everybody"
GITHUB_BODY = "Hello, World!"
GITHUB_SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
SECRET = "whsec_test"


def at(text: str) -> float:
    """Unix seconds of a UTC time ``YYYY-MM-DDTHH:MM:SS``."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()


def envelope(timestamp: str) -> bytes:
    return json.dumps({"event_id": "evt_1", "event_type": "order.created", "timestamp": timestamp, "payload": {"id": 7}}).encode()


def test_sign_gives_githubs_documented_signature() -> None:
    assert sign_webhook(GITHUB_SECRET, GITHUB_BODY) == GITHUB_SIGNATURE
    assert sign_webhook(GITHUB_SECRET.encode(), GITHUB_BODY.encode()) == GITHUB_SIGNATURE


def test_githubs_example_verifies_from_either_header_name_whatever_its_case() -> None:
    verify_webhook_signature({"X-Hub-Signature-256": GITHUB_SIGNATURE}, GITHUB_BODY, GITHUB_SECRET)
    verify_webhook_signature({"x-hub-signature": GITHUB_SIGNATURE}, GITHUB_BODY.encode(), GITHUB_SECRET)
    # GitHub's sha1 header beside it is skipped, also when a proxy joined them into one value.
    joined = {"X-Hub-Signature": f"sha1=0000000000000000000000000000000000000000, {GITHUB_SIGNATURE}"}
    verify_webhook_signature(joined, GITHUB_BODY, GITHUB_SECRET)


def test_a_tampered_body_and_a_wrong_secret_are_mismatches() -> None:
    headers = {"X-Hub-Signature-256": GITHUB_SIGNATURE}
    with pytest.raises(SignatureMismatchError):
        verify_webhook_signature(headers, "Hello, World?", GITHUB_SECRET)
    with pytest.raises(SignatureMismatchError):
        verify_webhook_signature(headers, GITHUB_BODY, "It's a Secret to Somebody")


def test_a_missing_header_is_named_and_malformed_signatures_are_told_apart() -> None:
    with pytest.raises(MissingHeaderError) as missing:
        verify_webhook({}, GITHUB_BODY, GITHUB_SECRET)
    assert missing.value.header == "x-hub-signature"
    assert isinstance(missing.value, WebhookError)
    for value in ["", "sha256=", GITHUB_SIGNATURE[:-2], GITHUB_SIGNATURE.replace("sha256=", "SHA256=")]:
        with pytest.raises(MalformedSignatureError):
            verify_webhook_signature({"X-Hub-Signature": value}, GITHUB_BODY, GITHUB_SECRET)


def test_an_envelope_verifies_and_parses_and_stale_future_or_replayed_ones_are_refused() -> None:
    body = envelope("2026-03-01T12:00:00Z")
    headers = {"X-Hub-Signature": sign_webhook(SECRET, body), "X-Hub-Delivery": "d-1"}
    got = verify_webhook(headers, body, SECRET, now=at("2026-03-01T12:04:59"))
    assert (got.envelope.event_id, got.envelope.event_type, got.envelope.payload) == ("evt_1", "order.created", {"id": 7})
    assert got.envelope.timestamp.timestamp() == at("2026-03-01T12:00:00")
    assert got.delivery == "d-1"
    with pytest.raises(StaleTimestampError) as stale:
        verify_webhook(headers, body, SECRET, now=at("2026-03-01T12:05:01"))
    assert stale.value.age == 301
    with pytest.raises(FutureTimestampError) as future:
        verify_webhook(headers, body, SECRET, now=at("2026-03-01T11:54:00"))
    assert future.value.ahead == 360
    with pytest.raises(SignatureMismatchError):
        verify_webhook(headers, envelope("2026-03-01T12:06:00Z"), SECRET, now=at("2026-03-01T12:06:00"))


def test_timestamps_with_nanoseconds_or_offsets_parse() -> None:
    for timestamp in ["2026-03-01T12:00:00.123456789Z", "2026-03-01T13:00:00.5+01:00"]:
        body = envelope(timestamp)
        got = verify_webhook({"X-Hub-Signature": sign_webhook(SECRET, body)}, body, SECRET, now=at("2026-03-01T12:00:00"))
        assert abs(got.envelope.timestamp.timestamp() - at("2026-03-01T12:00:00")) < 1


def test_a_signed_body_that_is_no_envelope_is_a_bad_envelope() -> None:
    bodies: list[Any] = [GITHUB_BODY, "[]", '{"event_id": 1, "event_type": "x", "timestamp": "2026-03-01T12:00:00Z", "payload": null}']
    for body in bodies:
        with pytest.raises(BadEnvelopeError):
            verify_webhook({"X-Hub-Signature": sign_webhook(GITHUB_SECRET, body)}, body, GITHUB_SECRET)


def test_a_signed_timestamp_header_is_part_of_the_signature() -> None:
    options = WebhookOptions(signature_headers=("webhook-signature",), prefix="v1=", timestamp_header="webhook-timestamp")
    body = b"{}"
    digest = sign_webhook(SECRET, b"1700000000." + body).removeprefix("sha256=")
    headers = {"Webhook-Signature": f"v1={digest}", "Webhook-Timestamp": "1700000000"}
    verify_webhook_signature(headers, body, SECRET, options, now=1_700_000_060)
    with pytest.raises(StaleTimestampError):
        verify_webhook_signature(headers, body, SECRET, options, now=1_700_000_301)
    with pytest.raises(SignatureMismatchError):
        verify_webhook_signature({**headers, "Webhook-Timestamp": "1700000100"}, body, SECRET, options, now=1_700_000_100)
    with pytest.raises(MissingHeaderError) as missing:
        verify_webhook_signature({"Webhook-Signature": headers["Webhook-Signature"]}, body, SECRET, options)
    assert missing.value.header == "webhook-timestamp"
    for malformed in ["soon", "+1700000000", "-1", "", "1700000000000000000"]:
        with pytest.raises(MalformedTimestampError):
            verify_webhook_signature({**headers, "Webhook-Timestamp": malformed}, body, SECRET, options)
