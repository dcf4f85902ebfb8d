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

use common::{python, repo};

/// The specs whose clients `generated-example/` holds (`<name>-client-py`).
const EXAMPLES: &[&str] = &["orders", "jobs", "projects", "edge"];

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
    // A user's code with type errors: mypy must report each, so the clean runs above mean something;
    // `None` for an optional field that is not nullable (`is_gift`) is one, and reading it unnarrowed another.
    let user = scratch.path().join("wrong.py");
    std::fs::write(
        &user,
        "from orders_client import UNSET, Client, Unset, models\n\
         client = Client()\n\
         client.orders.get_order(order_id=\"not a uuid\")\n\
         models.OrderCancelRequest(reason=\"bored\")\n\
         client.orders.list_orders(page=\"2\")\n\
         models.OrderCreate(currency=\"EUR\")\n\
         models.OrderUpdate(is_gift=None)\n\
         models.OrderUpdate(notes=None, requested_delivery_date=None, is_gift=UNSET)\n\
         update = models.OrderUpdate.model_validate({})\n\
         gift: bool = update.is_gift\n\
         if not isinstance(update.is_gift, Unset):\n    narrowed: bool = update.is_gift\n\
         if update.notes:\n    notes: str = update.notes\n\
         import uuid\n\
         def id_of(order: models.Order) -> uuid.UUID:\n    return order.id\n",
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
    for line in ["3", "4", "5", "6", "7", "10"] {
        assert!(lines.contains(&line), "mypy reports no error on line {line}:\n{text}");
    }
    // `None` where the schema allows null, `UNSET` anywhere, a value narrowed from `Unset`, and
    // a required `readOnly` field of a response-only model (never `UNSET`) type-check.
    assert!(lines.iter().all(|l| ["3", "4", "5", "6", "7", "10"].contains(l)), "mypy reports errors only on the wrong lines:\n{text}");
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
    // The demo's webhook reached the Python receiver.
    assert!(out.contains("test_webhook_round_trip.py::test_the_demos_signed_order_created_verifies_and_parses PASSED"), "{out}");
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
            for param in &call.params {
                assert!(
                    signature.contains(&format!("\n        {}: ", param.ident)),
                    "{rel}: {} takes no {} ({})",
                    call.method,
                    param.ident,
                    param.name
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

/// Generates `tests/client-python/<fixture>.yaml`'s client (`--name <name>`) into `dir`.
fn generate_fixture(dir: &Path, fixture: &str, name: &str) -> PathBuf {
    run(
        Command::new(env!("CARGO_BIN_EXE_apigen"))
            .args(["generate", &format!("tests/client-python/{fixture}.yaml"), "--target", "client-python"])
            .args(["--name", name, "--quiet", "--out"])
            .arg(dir)
            .current_dir(repo()),
        &format!("apigen generate the {fixture} fixture's Python client"),
    );
    dir.join(format!("{name}-client-py"))
}

/// Parameters, body members and credentials named like built-ins, keywords and what the
/// module uses (`path_segment`, `int`, `str`, `self`, `models`, `request_options`, `body`,
/// `print`, `__import__`, …; `tests/client-python/clash.yaml`) get names of their own: the
/// client passes `mypy --strict`, and a call through an `httpx.MockTransport` sends the
/// exact path, query, headers, credentials and body the spec names (a bidi character in a
/// query parameter's name kept), and decodes the answer (a JSON string into `str`, by an
/// operation called `str`, whose method is `str_`).
#[test]
fn names_that_collide_with_the_module_get_their_own_and_the_wire_stays_exact() {
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let dir = generate_fixture(scratch.path(), "clash", "clash");
    let out = run(
        Command::new(&python)
            .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
            .arg(scratch.path().join("mypy-cache"))
            .arg("clash_client")
            .current_dir(&dir),
        "mypy --strict clash_client",
    );
    assert!(out.contains("Success: no issues found"), "{out}");
    let script = r#"
import datetime, json
import httpx
from clash_client import Client, models

sent = []

def answer(request: httpx.Request) -> httpx.Response:
    sent.append(request)
    if request.url.path == "/labels":
        return httpx.Response(200, json="hello")
    return httpx.Response(200, json={"int": 2, "str": "y", "self": "me", "type": "t", "Optional": "o"})

client = Client(basic_credential_="K", timeout_="Q", transport=httpx.MockTransport(answer))
thing = client.things.update_thing(
    path_segment_="a/b", int_=7, str_="s", self_=1, client="c", none="n", type_="t", list_=[1, 2],
    dict_="d", any_="a", optional="o", models_="m", datetime_=datetime.date(2024, 1, 2),
    request_options_="r", body_="b", print_="p", import_="i", class_="k", match_="x", bytes_="y",
    float_=1.5, bool_=True, call="C", httpx_="h", role_x="bidi", decimal="D", uuid="U",
    body=models.Thing(int_=1, str_="x", self_="me", type="t"),
)
assert (thing.int_, thing.str_, thing.self_, thing.type, thing.optional) == (2, "y", "me", "t", "o"), thing
request = sent[0]
assert request.method == "POST", request.method
assert request.url.raw_path.split(b"?")[0] == b"/things/a%2Fb/7", request.url.raw_path
query = list(request.url.params.multi_items())
expected = [("str", "s"), ("self", "1"), ("client", "c"), ("None", "n"), ("type", "t"), ("list", "1"), ("list", "2"),
    ("dict", "d"), ("Any", "a"), ("Optional", "o"), ("models", "m"), ("datetime", "2024-01-02"),
    ("request_options", "r"), ("body", "b"), ("print", "p"), ("__import__", "i"), ("class", "k"), ("match", "x"),
    ("bytes", "y"), ("float", "1.5"), ("bool", "true"), ("Call", "C"), ("httpx", "h"), ("role\u202ex", "bidi"),
    ("key", "Q")]
assert query == expected, query
assert (request.headers["Decimal"], request.headers["UUID"], request.headers["X-Key"]) == ("D", "U", "K"), request.headers
assert json.loads(request.content) == {"int": 1, "str": "x", "self": "me", "type": "t"}, request.content
assert client.labels.str_(str_="q") == "hello"
assert list(sent[1].url.params.multi_items()) == [("str", "q"), ("key", "Q")], sent[1].url
print("sent exactly")
"#;
    let out = run(
        Command::new(&python)
            .args(["-W", "error", "-c", script])
            .env("PYTHONPATH", &dir)
            .env("PYTHONDONTWRITEBYTECODE", "1"),
        "call the clash client against a mock transport",
    );
    assert!(out.contains("sent exactly"), "{out}");
}

/// Prints, as JSON, the names a rendered `client.py` uses where spec-derived arguments
/// live (its module-level names, and every symbol of a function that takes one), and
/// those `models.py` uses where fields live (its module-level names, and every name in a
/// class body: annotations included, which pydantic evaluates in the class's namespace);
/// spec-derived names hold `spec` and are left out, and so is `annotations`, the
/// `__future__` feature no code reads.
const SYMBOLS: &str = r#"
import ast, json, symtable, sys

def client_names(path):
    top = symtable.symtable(open(path, encoding="utf-8").read(), path, "exec")
    used = set(top.get_identifiers())
    stack = [top]
    while stack:
        table = stack.pop()
        stack.extend(table.get_children())
        symbols = table.get_symbols()
        if table is not top and any("spec" in s.get_name() and s.is_parameter() for s in symbols):
            used.update(s.get_name() for s in symbols)
    return used

def model_names(path):
    source = open(path, encoding="utf-8").read()
    used = set(symtable.symtable(source, path, "exec").get_identifiers())
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                used.update(n.id for n in ast.walk(inner) if isinstance(n, ast.Name))
    return used

def class_names(path):
    """Names a client.py class body reads at class scope: method annotations, decorators, class-level statements."""
    used = set()
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    parts = [a.annotation for a in item.args.args + item.args.kwonlyargs if a.annotation]
                    parts += [item.returns] if item.returns else []
                    parts += item.decorator_list
                else:
                    parts = [item]
                for part in parts:
                    used.update(n.id for n in ast.walk(part) if isinstance(n, ast.Name))
    return used

def clean(names):
    return sorted(n for n in names if "spec" not in n.lower() and n != "annotations")

print(json.dumps({"client": clean(client_names(sys.argv[1])), "classes": clean(class_names(sys.argv[1])), "models": clean(model_names(sys.argv[2]))}))
"#;

/// A spec whose every name holds `spec`, so the names `client.py` and `models.py` use
/// beside them stand out: parameters in each location, a body, credentials of each kind.
const SPEC_NAMED: &str = r#"openapi: 3.0.3
info: {title: Names, version: 1.0.0}
security: [{spec_key_one: [], spec_key_two: []}, {spec_basic_one: []}, {spec_bearer_one: []}]
paths:
  /spec_things/{spec_id}:
    post:
      tags: [spec_tag]
      operationId: spec_op
      parameters:
        - {name: spec_id, in: path, required: true, schema: {type: string}}
        - {name: spec_q, in: query, schema: {type: array, items: {type: integer}}}
        - {name: spec_h, in: header, schema: {type: string}}
        - {name: spec_c, in: cookie, schema: {type: string}}
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/SpecThing'}}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/SpecThing'}}}}
components:
  securitySchemes:
    spec_key_one: {type: apiKey, in: header, name: X-One}
    spec_key_two: {type: apiKey, in: query, name: two}
    spec_basic_one: {type: http, scheme: basic}
    spec_basic_two: {type: http, scheme: basic}
    spec_bearer_one: {type: http, scheme: bearer}
    spec_bearer_two: {type: http, scheme: bearer}
  schemas:
    SpecThing:
      type: object
      required: [spec_a]
      properties:
        spec_a: {type: string, format: date-time}
        spec_b: {type: array, items: {type: number}}
        spec_c: {type: string, default: x}
        spec_d: {type: string, format: uuid}
        spec_e: {type: object, additionalProperties: {type: string, format: decimal}}
        spec_f: {type: string, format: date}
        spec_g: {type: string, format: binary}
        spec_h: {type: integer}
        spec_i: {type: boolean}
        spec_j: {$ref: '#/components/schemas/SpecOpen'}
    SpecOpen:
      type: object
      properties:
        spec_k: {type: string, enum: [a, b]}
      additionalProperties: true
"#;

/// The reserved-name tables of the Python target cover what the templates use: every
/// name a rendered `client.py` binds or refers to where operation parameters and
/// credentials are arguments maps to another argument name (`python::param_ident`),
/// every name its class bodies read (method annotations) to another method name
/// (`method_ident`), and every name a `models.py` class body uses to another field name
/// (`field_ident`). A template that starts using a name missing from a table fails here.
#[test]
fn the_reserved_names_cover_what_the_python_module_uses() {
    use apigen::generate::names::python::{field_ident, is_param_taken, method_ident, param_ident};
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let spec = scratch.path().join("names.yaml");
    std::fs::write(&spec, SPEC_NAMED).unwrap();
    run(
        Command::new(env!("CARGO_BIN_EXE_apigen"))
            .arg("generate")
            .arg(&spec)
            .args(["--target", "client-python", "--name", "names", "--quiet", "--out"])
            .arg(scratch.path()),
        "apigen generate the names fixture",
    );
    let module = scratch.path().join("names-client-py/names_client");
    let client = std::fs::read_to_string(module.join("client.py")).unwrap();
    // The fixture reaches what it is for: spec-derived arguments beside the template's.
    for needle in ["spec_id: str", "spec_q: ", "spec_key_one: Optional[str]", "spec_basic_one_basic: ", "body: "] {
        assert!(client.contains(needle), "client.py lacks {needle}:\n{client}");
    }
    let out = run(
        Command::new(&python)
            .args(["-c", SYMBOLS])
            .arg(module.join("client.py"))
            .arg(module.join("models.py")),
        "list the names client.py and models.py use",
    );
    let used: serde_json::Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    let list = |key: &str| -> Vec<String> {
        used[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    };
    let (client_names, model_names) = (list("client"), list("models"));
    for expected in ["path_segment", "models", "self", "request_options", "Call", "basic_credential"] {
        assert!(client_names.iter().any(|n| n == expected), "symtable misses {expected}: {client_names:?}");
    }
    for expected in ["int", "str", "float", "bool", "bytes", "datetime", "model_config", "Unset"] {
        assert!(model_names.iter().any(|n| n == expected), "models.py uses no {expected}: {model_names:?}");
    }
    for name in &client_names {
        let ident = param_ident(name);
        assert!(ident != *name && !client_names.contains(&ident), "an argument can be called {name} ({ident})");
        assert!(!is_param_taken(&ident), "{name} maps to {ident}, itself taken");
    }
    let class_names = list("classes");
    for expected in ["str", "int", "models", "Optional"] {
        assert!(class_names.iter().any(|n| n == expected), "client.py's classes use no {expected}: {class_names:?}");
    }
    for name in &class_names {
        assert_ne!(method_ident(name), *name, "a method can be called {name}, which a class of client.py reads");
    }
    for name in &model_names {
        assert_ne!(field_ident(name), *name, "a field can be called {name}, which models.py uses");
    }
}

/// The client of `tests/fixtures/client/recursive.yaml`, whose aliases refer to themselves
/// (Discord's `ErrorDetails`, a map of itself or one field's errors, and the shapes around
/// it), passes `mypy --strict` and `ruff` with `tests/client-python/recursive.py`, which runs
/// with warnings as errors: it imports, a report round-trips through the client with its
/// nested values decoded to models, a 400's nested error body decodes, and wrong nested
/// values fail validation. mypy refuses wrong nested values, so the aliases are no `Any`.
#[test]
fn recursive_aliases_type_check_import_and_decode() {
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    run(
        Command::new(env!("CARGO_BIN_EXE_apigen"))
            .args(["generate", "tests/fixtures/client/recursive.yaml", "--target", "client-python"])
            .args(["--name", "recursive", "--quiet", "--out"])
            .arg(scratch.path())
            .current_dir(repo()),
        "apigen generate the recursive fixture's Python client",
    );
    let project = scratch.path().join("recursive-client-py");
    let driver = repo().join("tests/client-python/recursive.py");
    let mypy = |files: &[&Path]| {
        Command::new(&python)
            .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
            .arg(scratch.path().join("mypy-cache"))
            .args(files)
            .env("MYPYPATH", &project)
            .current_dir(&project)
            .output()
            .unwrap()
    };
    let out = mypy(&[Path::new("recursive_client"), &driver]);
    assert!(out.status.success(), "mypy --strict:\n{}", String::from_utf8_lossy(&out.stdout));
    run(
        Command::new(&python)
            .args(["-m", "ruff", "check", "--isolated", "--no-cache", "--output-format", "concise"])
            .args(["--select", "E4,E7,E9,F"])
            .arg(&project),
        "ruff check recursive_client",
    );
    let out = run(
        Command::new(&python).args(["-W", "error"]).arg(&driver).env("PYTHONPATH", &project).env("PYTHONDONTWRITEBYTECODE", "1"),
        "python tests/client-python/recursive.py",
    );
    assert_eq!(out.trim(), "ok");
    let wrong = scratch.path().join("wrong.py");
    std::fs::write(
        &wrong,
        "from recursive_client import models\n\
         details: models.ErrorDetails = {\"a\": {\"b\": 5}}\n\
         tree: models.Tree = [\"a\", [1]]\n\
         json: models.Json = {\"a\": {\"b\": \"text\"}}\n",
    )
    .unwrap();
    let out = mypy(&[&wrong]);
    let text = String::from_utf8_lossy(&out.stdout);
    for line in ["2", "3", "4"] {
        assert!(text.contains(&format!("wrong.py:{line}: error:")), "mypy reports no error on line {line}:\n{text}");
    }
}

/// A discriminated union with a fallback narrows under `mypy --strict`: `isinstance` on a
/// variant gives its members (`Dog.good_boy: bool`), the fallback `UnknownVariant` keeps the
/// raw members of a variant the client does not know, and a member read without narrowing
/// is an error (so the clean lines mean something).
#[test]
fn a_discriminated_union_narrows_with_isinstance() {
    let Some(python) = python() else { return };
    let scratch = tempfile::tempdir().unwrap();
    let project = generate_evolution(scratch.path());
    let user = scratch.path().join("narrowing.py");
    std::fs::write(
        &user,
        "from typing import Any, Dict, Optional\n\
         from evolution_client import models\n\
         def describe(pet: models.Pet) -> str:\n\
         \x20   if isinstance(pet, models.Dog):\n\
         \x20       good: bool = pet.good_boy\n\
         \x20       return f\"{pet.name} {good}\"\n\
         \x20   if isinstance(pet, models.Cat):\n\
         \x20       return pet.name\n\
         \x20   extra: Optional[Dict[str, Any]] = pet.model_extra\n\
         \x20   return str(extra)\n\
         def wrong(pet: models.Pet) -> bool:\n\
         \x20   return pet.good_boy\n",
    )
    .unwrap();
    let out = Command::new(&python)
        .args(["-m", "mypy", "--strict", "--no-incremental", "--cache-dir"])
        .arg(scratch.path().join("mypy-cache"))
        .arg(&user)
        .env("MYPYPATH", &project)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(": error:")).filter_map(|l| l.split(':').nth(1)).collect();
    assert!(lines.contains(&"12"), "mypy reports no error for a member read without narrowing:\n{text}");
    assert!(lines.iter().all(|l| *l == "12"), "mypy reports errors on the narrowed lines:\n{text}");
}
