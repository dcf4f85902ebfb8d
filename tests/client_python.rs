//! The `client-python` target: the Python clients of `specs/` (committed under
//! `generated-example/*-client-py`) and of the evolution fixture
//! (`tests/client-python/evolution.yaml`, generated here) pass `mypy --strict` and
//! `ruff check` (pyflakes and the syntax rules), and import;
//! `tests/client-python/test_*.py` run with pytest against the demo server
//! (`orders-demo`) on 127.0.0.1, blocking and awaited: every operation of
//! `specs/orders.yaml`, errors with the decoded body and request id, a 429 retried with
//! one idempotency key, PATCH that clears a field with `None` and one that leaves it
//! out, schema defaults held but not sent, deprecation warnings, page iterators in the
//! four pagination styles, form and multipart bodies, parameters on the wire, and
//! forward compatibility (an unknown enum value and an unknown discriminated variant
//! decode and go back unchanged); the call sites the Prism check drives name what the
//! rendered client defines (no venv needed).
//!
//! Python, httpx, pydantic, mypy, ruff and pytest come from the venv that
//! `scripts/python-env.sh` makes in `target/venv`. Without it the tests skip, unless
//! `APIGEN_REQUIRE_PYTHON=1` (CI) makes that a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::repo;

/// The specs whose clients `generated-example/` holds (`<name>-client-py`).
const EXAMPLES: &[&str] = &["orders", "jobs", "projects", "edge"];

/// The venv's python, or `None` (skip) when the venv is missing and not required.
fn python() -> Option<PathBuf> {
    let python = repo().join("target/venv/bin/python");
    let ready = python.exists()
        && Command::new(&python)
            .args(["-c", "import httpx, pydantic, mypy, pytest, ruff"])
            .output()
            .is_ok_and(|o| o.status.success());
    if ready {
        return Some(python);
    }
    assert!(
        std::env::var("APIGEN_REQUIRE_PYTHON").map_or(true, |v| v != "1"),
        "{} (with httpx, pydantic, mypy, pytest, ruff) is missing: run scripts/python-env.sh (APIGEN_REQUIRE_PYTHON=1 makes this a failure)",
        python.display()
    );
    eprintln!("SKIPPED Python client tests: no target/venv (scripts/python-env.sh makes it)");
    None
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// Generates the evolution fixture's client into `dir` (`evolution-client-py`).
fn generate_evolution(dir: &Path) -> PathBuf {
    run(
        Command::new(env!("CARGO_BIN_EXE_apigen"))
            .args([
                "generate",
                "tests/client-python/evolution.yaml",
                "--target",
                "client-python",
                "--name",
                "evolution",
                "--quiet",
                "--out",
            ])
            .arg(dir)
            .current_dir(repo()),
        "apigen generate the evolution fixture's Python client",
    );
    dir.join("evolution-client-py")
}

/// Every client project the tests use: (import name, project folder).
fn projects(scratch: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = EXAMPLES
        .iter()
        .map(|n| (format!("{n}_client"), repo().join(format!("generated-example/{n}-client-py"))))
        .collect();
    out.push(("evolution_client".into(), generate_evolution(scratch)));
    out
}

fn python_path(projects: &[(String, PathBuf)]) -> std::ffi::OsString {
    let mut paths: Vec<PathBuf> = projects.iter().map(|(_, dir)| dir.clone()).collect();
    paths.push(repo().join("tests/client-python"));
    std::env::join_paths(paths).expect("paths join")
}

#[test]
fn the_python_clients_type_check_strictly_and_import() {
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let projects = projects(scratch.path());
    for (module, dir) in &projects {
        // The committed project has everything a package needs.
        for file in ["pyproject.toml", "README.md", &format!("{module}/py.typed"), &format!("{module}/__init__.py")] {
            assert!(dir.join(file).is_file(), "{} lacks {file}", dir.display());
        }
        let out = run(
            Command::new(&python)
                .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
                .arg(scratch.path().join("mypy-cache"))
                .arg(module)
                .current_dir(dir),
            &format!("mypy --strict {module}"),
        );
        assert!(out.contains("Success: no issues found"), "{out}");
        // Lint clean: the classic default rules and every pyflakes check (an unused import
        // is F401), chosen here, so neither the project's settings nor a newer ruff's
        // defaults change what is checked.
        run(
            Command::new(&python)
                .args(["-m", "ruff", "check", "--isolated", "--no-cache", "--output-format", "concise"])
                .args(["--select", "E4,E7,E9,F"])
                .arg(dir),
            &format!("ruff check {module}"),
        );
        // Importing builds every model (pydantic checks the annotations); warnings are errors.
        run(
            Command::new(&python)
                .args(["-W", "error", "-c", &format!("import {module}; {module}.Client(); {module}.AsyncClient()")])
                .env("PYTHONPATH", dir)
                .env("PYTHONDONTWRITEBYTECODE", "1"),
            &format!("import {module}"),
        );
    }
}

#[test]
fn the_python_clients_type_check_fails_on_wrong_types() {
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    // A user's code with type errors: mypy must report each, so the clean runs above mean something.
    let user = scratch.path().join("wrong.py");
    std::fs::write(
        &user,
        "from orders_client import Client, models\n\
         client = Client()\n\
         client.orders.get_order(order_id=\"not a uuid\")\n\
         models.OrderCancelRequest(reason=\"bored\")\n\
         client.orders.list_orders(page=\"2\")\n\
         models.OrderCreate(currency=\"EUR\")\n",
    )
    .unwrap();
    let out = Command::new(&python)
        .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
        .arg(scratch.path().join("mypy-cache"))
        .arg(&user)
        .env("MYPYPATH", repo().join("generated-example/orders-client-py"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error:")).collect();
    let lines: Vec<&str> = errors.iter().filter_map(|l| l.split(':').nth(1)).collect();
    for line in ["3", "4", "5", "6"] {
        assert!(lines.contains(&line), "mypy reports no error on line {line}:\n{text}");
    }
}

/// The demo server, killed when dropped.
struct Demo(std::process::Child);

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_python_clients_work_against_the_demo_server() {
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let projects = projects(scratch.path());
    // The demo: built by cargo (the workspace member), on a free port.
    run(
        Command::new(env!("CARGO")).args(["build", "--quiet", "-p", "orders-demo"]).current_dir(repo()),
        "build the demo",
    );
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    let mut child = Command::new(target.join("debug/orders-demo"))
        .args(["--port", "0", "--rate-limit-scale", "1000"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the demo");
    let stdout = child.stdout.take().unwrap();
    let _demo = Demo(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("the demo says where it listens");
        if let Some(url) = line.strip_prefix("listening on ") {
            break url.to_string();
        }
    };
    let out = run(
        Command::new(&python)
            .args([
                "-m",
                "pytest",
                "-p",
                "no:cacheprovider",
                "-W",
                "error::pytest.PytestUnraisableExceptionWarning",
                "-v",
            ])
            .arg(repo().join("tests/client-python"))
            .env("PYTHONPATH", python_path(&projects))
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("ORDERS_URL", &url)
            .current_dir(scratch.path()),
        "pytest tests/client-python",
    );
    let summary = out.lines().last().unwrap_or_default();
    assert!(summary.contains(" passed") && !summary.contains("failed") && !summary.contains("skipped"), "{out}");
    // Both clients ran: the blocking and the awaited tests.
    assert!(out.contains("test_orders.py::test_every_operation_of_the_order_api PASSED"), "{out}");
    assert!(out.contains("test_orders_async.py::test_every_operation_of_the_order_api PASSED"), "{out}");
}

/// The call sites `client_python::call_sites` reports (the Prism check's Python driver
/// calls them) name what the rendered `client.py` defines: every operation once, a
/// resource attribute of the client, a method or paged-list attribute of that name
/// taking each parameter as a keyword argument, and credentials `Client(…)` takes.
#[test]
fn call_sites_name_what_the_python_client_defines() {
    use apigen::generate::targets::client_python;
    use apigen::generate::{self, Settings};
    use apigen::model::{self, Conventions};
    let specs = [
        ("orders", "specs/orders.yaml"),
        ("jobs", "specs/jobs.yaml"),
        ("projects", "specs/projects.yaml"),
        ("edge", "tests/fixtures/client/edge.yaml"),
    ];
    for (name, rel) in specs {
        let doc = apigen::load::Document::load(&repo().join(rel)).unwrap_or_else(|e| panic!("load {rel}: {e:#}"));
        let api = model::lower(&doc, &Conventions::default()).unwrap_or_else(|| panic!("{rel} does not lower"));
        let settings = Settings { spec: rel.to_string(), name: name.to_string(), ..Settings::default() };
        let targets = generate::resolve_targets(&["client-python".into()]).unwrap();
        let output = generate::render(&api, &settings, &targets, Path::new("out")).unwrap();
        let module = client_python::module_name(name);
        let client = &output
            .files
            .iter()
            .find(|f| f.path.ends_with(format!("{name}-client-py/{module}/client.py")))
            .unwrap_or_else(|| panic!("{rel}: no {module}/client.py"))
            .text;
        let (calls, credentials) = generate::with_context(&api, &settings, |ctx| {
            (client_python::call_sites(ctx), client_python::credential_args(ctx))
        });
        let mut ids: Vec<&str> = calls.iter().map(|c| c.operation.as_str()).collect();
        let mut expected: Vec<&str> = api.operations.iter().map(|op| op.id.as_str()).collect();
        ids.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ids, expected, "{rel}: every operation once");
        for call in &calls {
            assert!(
                client.contains(&format!("        self.{} = ", call.resource)),
                "{rel}: no resource {}",
                call.resource
            );
            let signature =
                signature(client, &call.method).unwrap_or_else(|| panic!("{rel}: no method {}", call.method));
            for (ident, _, wire) in &call.params {
                assert!(
                    signature.contains(&format!("\n        {ident}: ")),
                    "{rel}: {} takes no {ident} ({wire})",
                    call.method
                );
            }
            assert_eq!(call.body, signature.contains("\n        body: "), "{rel}: {} and its body", call.method);
        }
        for (arg, _) in &credentials {
            assert!(client.contains(&format!("\n        {arg}: ")), "{rel}: Client takes no {arg}");
        }
    }
}

/// The keyword arguments of a method of `client.py` (the first of its name), or of the
/// `__call__` of the object a list that pages is (`self.<name> = <Class>(transport)`).
fn signature<'a>(client: &'a str, method: &str) -> Option<&'a str> {
    let start = match client.find(&format!("    def {method}(\n")) {
        Some(at) => at,
        None => {
            let assigned = format!("        self.{method} = ");
            let at = client.find(&assigned)? + assigned.len();
            let class = &client[at..at + client[at..].find('(')?];
            let body = client.find(&format!("\nclass {class}:"))?;
            body + client[body..].find("    def __call__(\n")?
        }
    };
    Some(&client[start..start + client[start..].find("    ) -> ")?])
}
