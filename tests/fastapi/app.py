"""A small FastAPI service, as the teams apigen serves write them: its OpenAPI 3.1
document (FastAPI's own `app.openapi()`) is tests/fastapi/openapi.json, which apigen
generates Rust crates from (generated-example/fastapi-jobs-*), and the generated
client round-trips against this app served by uvicorn on 127.0.0.1.

    python tests/fastapi/app.py --dump      prints the OpenAPI document
"""

import datetime
import decimal
import json
import sys
import uuid
from typing import Annotated, Literal, Optional, Union

from fastapi import FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field

app = FastAPI(title="FastAPI Jobs", version="1.0.0", description="Export and import jobs.")


class ExportTarget(BaseModel):
    """Where an export goes."""

    kind: Literal["export"] = "export"
    bucket: str
    compress: bool = False


class ImportSource(BaseModel):
    """Where an import comes from."""

    kind: Literal["import"] = "import"
    url: str


class JobCreate(BaseModel):
    """A job to run."""

    name: str = Field(max_length=100)
    priority: Literal["low", "normal", "high"] = "normal"
    budget: Optional[decimal.Decimal] = None
    spec: Annotated[Union[ExportTarget, ImportSource], Field(discriminator="kind")]
    not_before: Optional[datetime.datetime] = None


class Job(BaseModel):
    """A job and where it is."""

    id: uuid.UUID
    name: str
    priority: Literal["low", "normal", "high"]
    state: Literal["queued", "running", "done"]
    budget: Optional[decimal.Decimal] = None
    spec: Annotated[Union[ExportTarget, ImportSource], Field(discriminator="kind")]
    created_at: datetime.datetime
    completed_at: Optional[datetime.datetime] = None
    note: Optional[str] = None
    requested_by: Optional[str] = None


JOBS: dict[uuid.UUID, Job] = {}


@app.post("/jobs", status_code=201)
def create_job(job: JobCreate, x_requested_by: Annotated[Optional[str], Header()] = None) -> Job:
    """Queues a job."""
    created = Job(
        id=uuid.uuid4(),
        name=job.name,
        priority=job.priority,
        state="queued",
        budget=job.budget,
        spec=job.spec,
        created_at=datetime.datetime.now(datetime.timezone.utc),
        requested_by=x_requested_by,
    )
    JOBS[created.id] = created
    return created


@app.get("/jobs/{job_id}")
def read_job(job_id: uuid.UUID) -> Job:
    """One job."""
    if job_id not in JOBS:
        raise HTTPException(status_code=404, detail="no such job")
    return JOBS[job_id]


@app.get("/jobs")
def list_jobs(
    state: Optional[Literal["queued", "running", "done"]] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[Job]:
    """Jobs, newest first."""
    found = [j for j in JOBS.values() if state is None or j.state == state]
    return sorted(found, key=lambda j: j.created_at, reverse=True)[:limit]


@app.post("/jobs/{job_id}/complete")
def complete_job(job_id: uuid.UUID) -> Job:
    """Marks a job done."""
    job = read_job(job_id)
    job.state = "done"
    job.completed_at = datetime.datetime.now(datetime.timezone.utc)
    return job


if __name__ == "__main__" and sys.argv[1:] == ["--dump"]:
    print(json.dumps(app.openapi(), indent=2))
