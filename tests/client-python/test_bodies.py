"""Request bodies besides JSON and parameters on the wire, checked through a recording
transport: a URL-encoded form (edge: create_note), multipart form data with a file
(projects: upload_project_document), path, query (repeated, comma-separated, deepObject)
and header parameters (edge: get_file_version; a header is sent once whatever its case, and an
Accept header parameter is the caller's choice), and a download returned as bytes."""

from __future__ import annotations

import uuid

import edge_client
import httpx
import projects_client
import pytest
from edge_client._runtime import Call, Transport
from support import AsyncRecorder, Recorder


def answer(status: int, body: object) -> Recorder:
    return Recorder(lambda request: httpx.Response(status, json=body))


def test_a_url_encoded_form_with_arrays_as_repeated_fields() -> None:
    recorder = answer(201, {"id": 1, "text": "hi"})
    with edge_client.Client("http://edge.invalid", transport=recorder) as api:
        note = api.notes.create_note(body=edge_client.models.NoteForm(text="hello world", labels=["a", "b"]))
    assert note.id == 1
    sent = recorder.requests[0]
    assert sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent.content == b"text=hello+world&labels=a&labels=b"


def test_multipart_form_data_with_a_file() -> None:
    project_id = uuid.uuid4()
    document = {"id": str(uuid.uuid4()), "project_id": str(project_id), "file_name": "r.pdf", "content_type": "application/pdf", "size_bytes": 8, "checksum_sha256": "0" * 64, "category": "receipt", "file_url": "https://files.invalid/r.pdf", "created_at": "2026-01-01T00:00:00Z"}
    recorder = Recorder(lambda request: httpx.Response(201, json=document))
    with projects_client.Client("http://projects.invalid", bearer_token="t", transport=recorder) as api:
        upload = projects_client.models.ProjectDocumentUpload(file=b"%PDF-1.7", category="receipt", description="r")
        stored = api.project_documents_v2.upload_project_document(project_id=project_id, body=upload)
    assert stored.file_name == "r.pdf"
    sent = recorder.requests[0]
    assert sent.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-1.7' in sent.content
    assert b'name="category"\r\n\r\nreceipt' in sent.content
    assert sent.headers["Idempotency-Key"], "an x-idempotent upload carries a key"
    assert sent.headers["Authorization"] == "Bearer t"


def test_path_query_and_header_parameters_on_the_wire() -> None:
    recorder = answer(200, {"path": "docs/a b.txt", "version": 3})
    with edge_client.Client("http://edge.invalid", transport=recorder) as api:
        api.files.get_file_version(file_path="docs/a b.txt", version=3, tags=["x", "y"], fields=["size", "hash"], filter_={"owner": "ada"}, min_size=201.0, x_trace_tag="t1")
    url = recorder.requests[0].url
    assert url.raw_path.split(b"?")[0] == b"/files/docs%2Fa%20b.txt/versions/3"
    assert url.params.get_list("tags") == ["x", "y"]
    assert url.params["fields"] == "size,hash"
    assert url.params["filter[owner]"] == "ada"
    assert url.params["min_size"] == "201", "a whole number is sent without .0"
    assert recorder.requests[0].headers["X-Trace-Tag"] == "t1"


def test_a_header_parameter_replaces_a_client_header_of_another_case() -> None:
    recorder = answer(200, {"path": "a", "version": 1})
    with edge_client.Client("http://edge.invalid", transport=recorder, headers={"x-trace-tag": "default"}) as api:
        api.files.get_file_version(file_path="a", version=1, x_trace_tag="t1")
    assert recorder.requests[0].headers.get_list("X-Trace-Tag") == ["t1"], "sent once, the parameter's value"


def test_an_accept_header_parameter_is_the_callers_choice() -> None:
    # brex.io's PepRetrieve has one (`accept`: application/json or application/pdf); found by
    # the Prism check, where the client sent both it and the documented media types.
    recorder = Recorder(lambda request: httpx.Response(204))
    transport = Transport("http://edge.invalid", [], timeout=None, max_retries=0, http_client=None, transport=recorder, headers=None)
    transport.send(Call(label="GET /report", method="GET", path="/report", headers=[("accept", "application/pdf")], accept="application/json"))
    transport.send(Call(label="GET /report", method="GET", path="/report", headers=[("accept", None)], accept="application/json"))
    assert recorder.requests[0].headers.get_list("Accept") == ["application/pdf"]
    assert recorder.requests[1].headers.get_list("Accept") == ["application/json"], "left out: the documented media types"


@pytest.mark.anyio
async def test_a_download_is_returned_as_bytes() -> None:
    recorder = AsyncRecorder(lambda request: httpx.Response(200, content=b"\x00\x01raw", headers={"Content-Type": "text/plain"}))
    async with edge_client.AsyncClient("http://edge.invalid", transport=recorder) as api:
        content = await api.files.get_file_content(file_path="a.bin")
    assert content == b"\x00\x01raw"
    assert recorder.requests[0].headers["Accept"] == "text/plain", "the media type the operation documents"
