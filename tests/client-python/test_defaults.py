"""Schema defaults: a field left out holds its schema's scalar default (jobs:
JobRetryRequest.is_failed_only, default true), yet is not sent; one the user sets is,
even when it equals the default."""

from __future__ import annotations

import json
import uuid

import httpx
import jobs_client
from support import Recorder


def test_a_default_is_the_value_but_only_what_the_user_set_is_sent() -> None:
    job_id = uuid.uuid4()
    accepted = {"job_id": str(job_id), "status": "queued", "batches_queued_for_retry": 2, "status_url": "/api/v1/jobs/x"}
    recorder = Recorder(lambda request: httpx.Response(202, json=accepted))
    left_out = jobs_client.models.JobRetryRequest(reason="flaky target")
    assert left_out.is_failed_only is True
    assert jobs_client.models.JobCreate.model_fields["batch_size"].default == 1000
    with jobs_client.Client("http://jobs.invalid", api_key="k", transport=recorder) as api:
        api.jobs.retry_job(job_id=job_id, body=left_out)
        api.jobs.retry_job(job_id=job_id, body=jobs_client.models.JobRetryRequest(is_failed_only=True))
    assert json.loads(recorder.requests[0].content) == {"reason": "flaky target"}
    assert json.loads(recorder.requests[1].content) == {"is_failed_only": True}
