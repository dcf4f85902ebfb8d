//! The Rust client generated from a FastAPI service's own OpenAPI 3.1 document
//! (`tests/fastapi/openapi.json`) against that service: uvicorn serves
//! `tests/fastapi/app.py` on 127.0.0.1 from the virtual environment
//! `scripts/python-env.sh` makes (`target/venv`). Real FastAPI responses must
//! decode: `Optional[datetime]` as `null` and as a value, a discriminated union,
//! `Literal` enums, a UUID, a header parameter, a 404. Without the venv the test
//! is skipped, unless `APIGEN_REQUIRE_PYTHON=1` (CI) makes that a failure.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fast_api_jobs_client::models::{ExportTarget, ImportSource, JobCreate, JobCreatePriority, JobPriority, JobSpec, JobState, ListJobsState};
use fast_api_jobs_client::{Client, Error};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// uvicorn, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the app on a free loopback port; `None` when the venv is missing (and not required).
fn serve() -> Option<(Server, String)> {
    let python = repo().join("target/venv/bin/python");
    if !python.exists() {
        assert!(
            std::env::var("APIGEN_REQUIRE_PYTHON").map_or(true, |v| v != "1"),
            "{} is missing: run scripts/python-env.sh (APIGEN_REQUIRE_PYTHON=1 makes this a failure)",
            python.display()
        );
        eprintln!("SKIPPED FastAPI round trip: no target/venv (scripts/python-env.sh makes it)");
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let child = Command::new(&python)
        .args(["-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", &port.to_string(), "--log-level", "warning"])
        .current_dir(repo().join("tests/fastapi"))
        .stdin(Stdio::null())
        .spawn()
        .expect("start uvicorn");
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "uvicorn did not listen on 127.0.0.1:{port} within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some((server, format!("http://127.0.0.1:{port}")))
}

#[tokio::test]
async fn the_generated_client_round_trips_against_the_fastapi_app() {
    let Some((_server, base)) = serve() else { return };
    let client = Client::builder().base_url(base).max_retries(0).build().expect("client");
    let jobs = client.jobs();

    // Create: a discriminated union in the request, an optional header, defaults left out.
    let export = JobCreate {
        name: "nightly export".into(),
        priority: Some(JobCreatePriority::High),
        budget: None,
        spec: JobSpec::Export(ExportTarget { kind: None, bucket: "archive".into(), compress: Some(true) }),
        not_before: None,
    };
    let created = jobs.create_job(export).x_requested_by("round-trip").send().await.expect("create");
    assert_eq!(created.name, "nightly export");
    assert_eq!(created.priority, JobPriority::High);
    assert_eq!(created.state, JobState::Queued);
    assert_eq!(created.requested_by.as_deref(), Some("round-trip"));
    assert!(created.completed_at.is_none(), "Optional[datetime] = None decodes as None");
    match &created.spec {
        JobSpec::Export(target) => assert_eq!((target.bucket.as_str(), target.compress), ("archive", Some(true))),
        other => panic!("the export target came back as {other:?}"),
    }
    let import = JobCreate {
        name: "import".into(),
        priority: None,
        budget: None,
        spec: JobSpec::Import(ImportSource { kind: None, url: "https://example.com/data.csv".into() }),
        not_before: None,
    };
    let second = jobs.create_job(import).send().await.expect("create the second");
    assert_eq!(second.priority, JobPriority::Normal, "the server's default");
    assert!(matches!(second.spec, JobSpec::Import(ref s) if s.url == "https://example.com/data.csv"));

    // Get, and a datetime that is set.
    let done = jobs.complete_job(created.id).send().await.expect("complete");
    assert!(done.completed_at.is_some_and(|t| t >= done.created_at), "{done:?}");
    let fetched = jobs.read_job(created.id).send().await.expect("get");
    assert_eq!(fetched.state, JobState::Done);
    assert_eq!(fetched.id, created.id);

    // List, with a query enum.
    let all = jobs.list_jobs().send().await.expect("list");
    assert_eq!(all.len(), 2);
    let queued = jobs.list_jobs().state(ListJobsState::Queued).limit(10).send().await.expect("list queued");
    assert_eq!(queued.iter().map(|j| j.id).collect::<Vec<_>>(), [second.id]);

    // FastAPI's 422 decodes as its HTTPValidationError body, the spec's error schema.
    let too_long = JobCreate {
        name: "x".repeat(101),
        priority: None,
        budget: None,
        spec: JobSpec::Import(ImportSource { kind: None, url: "u".into() }),
        not_before: None,
    };
    match jobs.create_job(too_long).send().await {
        Err(Error::Api { status: 422, body: Some(body), .. }) => {
            let detail = body.detail.unwrap_or_default();
            assert!(detail.iter().any(|d| d.msg.contains("100")), "{detail:?}");
        }
        other => panic!("expected a 422 with its validation errors, got {other:?}"),
    }

    // An unknown id: FastAPI's 404, an error that carries the status.
    let missing: Result<_, Error> = jobs.read_job(uuid::Uuid::nil()).send().await;
    assert_eq!(missing.expect_err("no such job").status(), Some(404));
}

/// `tests/fastapi/openapi.json` is what the pinned FastAPI emits for the app, byte for byte.
#[test]
fn the_committed_document_is_what_fastapi_emits() {
    let python = repo().join("target/venv/bin/python");
    if !python.exists() {
        assert!(std::env::var("APIGEN_REQUIRE_PYTHON").map_or(true, |v| v != "1"), "{} is missing", python.display());
        return;
    }
    let out = Command::new(&python).args(["app.py", "--dump"]).current_dir(repo().join("tests/fastapi")).output().expect("run the app");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read_to_string(repo().join("tests/fastapi/openapi.json")).expect("the committed document");
    assert_eq!(String::from_utf8_lossy(&out.stdout), committed, "regenerate it: target/venv/bin/python tests/fastapi/app.py --dump > tests/fastapi/openapi.json");
}
