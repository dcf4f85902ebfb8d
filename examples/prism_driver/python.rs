//! The Python driver: a script on the `NAME-client-py` package (put on `PYTHONPATH`).
//!
//! Each call's arguments are JSON, validated into the types the method's signature
//! names (pydantic, from the method's own annotations), so the driver names no type of
//! the client. An `httpx` event hook counts the requests sent: a call that sent none
//! reports `driver`, so the script pairs every other call with Prism's record of it.

use std::fmt::Write as _;

use apigen::generate::python::string_literal as py;
use apigen::generate::targets::client_python;
use apigen::model::{Api, ParamLocation};
use serde_json::{Map, Value};

use crate::synth::{body_value, param_value};
use crate::operation;

/// The script, for the package `module` (`orders_client`).
pub fn python_driver(
    api: &Api,
    module: &str,
    calls: &[client_python::CallSite],
    credentials: &[(String, &'static str)],
) -> String {
    let mut out = String::new();
    out.push_str("\"\"\"Calls every operation once (written by apigen's examples/prism_driver).\"\"\"\n\n");
    out.push_str("import inspect\nimport json\nimport sys\nimport typing\nimport warnings\n\nimport httpx\nfrom pydantic import TypeAdapter\n\n");
    let _ = writeln!(out, "from {module} import ApiError, Client\n");
    out.push_str("warnings.simplefilter(\"ignore\", DeprecationWarning)\n");
    out.push_str("sent = [0]\n\n\n");
    out.push_str("def count(request: httpx.Request) -> None:\n    sent[0] += 1\n\n\n");
    out.push_str("def line(text: object) -> str:\n    return \" \".join(str(text).split())\n\n\n");
    out.push_str(
        "def run(operation: str, method: typing.Any, arguments: str) -> None:\n    \
         \"\"\"Calls the method (a list that pages: its object) with the JSON arguments, each validated into its annotated type.\"\"\"\n    \
         before = sent[0]\n    \
         try:\n        \
         hints = typing.get_type_hints(method if inspect.isroutine(method) else method.__call__)\n        \
         values = {name: TypeAdapter(hints[name]).validate_python(value) for name, value in json.loads(arguments).items()}\n        \
         method(**values)\n        \
         outcome, detail = \"ok\", \"\"\n    \
         except ApiError as error:\n        \
         status = error.status_code\n        \
         outcome = \"decode\" if 200 <= status < 300 else f\"status:{status}\" if status > 0 else \"transport\"\n        \
         detail = line(error)\n    \
         except Exception as error:  # noqa: BLE001 - every failure is a result line\n        \
         outcome, detail = \"transport\", line(f\"{type(error).__name__}: {error}\")\n    \
         if sent[0] == before:\n        \
         outcome = \"driver\"\n    \
         print(f\"RESULT\\t{operation}\\t{outcome}\\t{detail}\", flush=True)\n\n\n",
    );
    out.push_str("# Redirects are answers here, never followed: nothing leaves the mock server.\n");
    out.push_str("http = httpx.Client(follow_redirects=False, event_hooks={\"request\": [count]})\n");
    let mut args = vec!["sys.argv[1]".to_string(), "max_retries=0".into(), "http_client=http".into()];
    for (arg, kind) in credentials {
        args.push(match *kind {
            "basic" => format!("{arg}=(\"user\", \"password\")"),
            _ => format!("{arg}=\"secret\""),
        });
    }
    let _ = writeln!(out, "client = Client({})\n", args.join(", "));
    for call in calls {
        let op = operation(api, &call.operation);
        let mut arguments = Map::new();
        for param in &call.params {
            let required =
                op.param(param.location, &param.name).is_some_and(|p| p.required || p.location == ParamLocation::Path);
            if required {
                arguments.insert(param.ident.clone(), param_value(api, op, param.location.as_str(), &param.name, false));
            }
        }
        if call.body && op.request_body.as_ref().is_some_and(|b| b.required) {
            arguments.insert("body".into(), body_value(api, op, false));
        }
        let arguments = serde_json::to_string(&Value::Object(arguments)).expect("JSON");
        let _ =
            writeln!(out, "run({}, client.{}.{}, {})", py(&call.operation), call.resource, call.method, py(&arguments));
    }
    out
}
