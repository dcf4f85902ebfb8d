"""The client of tests/fixtures/client/recursive.yaml with its recursive aliases, as a user's
code: `mypy --strict` checks it against the generated models, then Python runs it with
warnings as errors (tests/client_python.rs). A report goes to a server that sends it back
and must come back equal, its nested values decoded to models; a 400 with Discord's error
body must decode to its model down to one field's errors; a wrong nested value must not
validate. Prints `ok`; any mismatch raises.
"""

from typing import Any, Dict

import httpx
from pydantic import ValidationError

from recursive_client import ApiError, Client, Unset, models

DETAILS: Dict[str, Any] = {
    "embeds": {"0": {"title": {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 256 or fewer in length."}]}}},
}
REPORT: Dict[str, Any] = {
    "errors": DETAILS,
    "tree": ["a", ["b", ["c", []]]],
    "json": {"count": 1, "nested": {"deeper": {"n": 2}}},
    "nested": {"a": {"b": {}}},
    "even": [{"yes": True, "list": [{"no": False}, {"more": [{}]}]}],
    "odd": {"yes": True},
    "label": "l",
}


def leaf(details: models.ErrorDetails, *path: str) -> models.InnerErrors:
    """The errors of one field: the typed walk a caller writes."""
    for key in path:
        assert isinstance(details, dict), details
        details = details[key]
    assert isinstance(details, models.InnerErrors), details
    return details


def echo(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=request.content, headers={"content-type": "application/json"})


def refuse(request: httpx.Request) -> httpx.Response:
    body = {"code": 50035, "message": "Invalid Form Body", "errors": DETAILS}
    return httpx.Response(400, json=body)


built: models.ErrorDetails = {"embeds": {"0": {"title": models.InnerErrors(errors=[models.Error(code="C", message="m")])}}}
tree: models.Tree = ["a", ["b", []]]
report = models.Report.model_validate(REPORT)
assert leaf(report.errors, "embeds", "0", "title").errors[0].code == "BASE_TYPE_MAX_LENGTH"

with Client("http://stub.test", transport=httpx.MockTransport(echo)) as client:
    back = client.reports.put_report(id_="1", body=report)
assert back == report, back
assert back.model_dump(mode="json", by_alias=True, exclude_unset=True) == REPORT, back
assert leaf(back.errors, "embeds", "0", "title").errors[0].message == "Must be 256 or fewer in length."

with Client("http://stub.test", transport=httpx.MockTransport(refuse)) as client:
    try:
        client.reports.put_report(id_="1", body=report)
        raise AssertionError("a 400 returned")
    except ApiError as error:
        assert isinstance(error.body, models.ErrorResponse), error.body
        assert not isinstance(error.body.errors, Unset)
        assert leaf(error.body.errors, "embeds", "0", "title").errors[0].code == "BASE_TYPE_MAX_LENGTH"

for wrong in ({"a": {"b": 5}}, {"a": {"b": {"_errors": "none"}}}):
    try:
        models.ErrorResponse.model_validate({"code": 1, "message": "m", "errors": wrong})
        raise AssertionError(f"{wrong} validated")
    except ValidationError:
        pass
print("ok")
