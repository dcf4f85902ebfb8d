//! The TypeScript driver: a node script on the built `NAME-client-ts` package.

use std::fmt::Write as _;

use apigen::generate::targets::client_ts;
use apigen::model::{Api, ParamLocation};

use crate::synth::{body_value, param_value};
use crate::operation;

pub fn ts_driver(api: &Api, name: &str, calls: &[client_ts::CallSite]) -> String {
    let mut out = String::new();
    out.push_str("// Calls every operation once (written by apigen's examples/prism_driver).\n");
    let _ = writeln!(out, "import {{ ApiError, Client }} from \"./{name}-client-ts/dist/index.js\";\n");
    out.push_str("const base = process.argv[2];\n");
    out.push_str("// Redirects are answers here, never followed: nothing leaves the mock server.\n");
    out.push_str("const manual = (input, init) => fetch(input, { ...init, redirect: \"manual\" });\n");
    out.push_str(
        "const client = new Client({ baseUrl: base, maxRetries: 0, fetch: manual, onDeprecation: () => {},\n  \
         auth: { bearer: \"secret\", apiKey: \"secret\", basic: { username: \"user\", password: \"password\" } } });\n",
    );
    out.push_str(
        "const line = (text) => String(text).split(/\\s+/).join(\" \");\n\
         async function run(operation, call) {\n  try {\n    await call();\n    console.log(`RESULT\\t${operation}\\tok\\t`);\n  } catch (e) {\n    \
         if (e instanceof ApiError && e.status >= 200 && e.status < 300) console.log(`RESULT\\t${operation}\\tdecode\\t${line(e.message)}`);\n    \
         else if (e instanceof ApiError && e.status > 0) console.log(`RESULT\\t${operation}\\tstatus:${e.status}\\t${line(e.message)}`);\n    \
         else console.log(`RESULT\\t${operation}\\ttransport\\t${line(e instanceof Error ? e.message : e)}`);\n  }\n}\n\n",
    );
    for call in calls {
        let op = operation(api, &call.operation);
        let mut members: Vec<String> = Vec::new();
        for param in &call.params {
            let required =
                op.param(param.location, &param.name).is_some_and(|p| p.required || p.location == ParamLocation::Path);
            if required {
                members.push(format!("{}: {}", js_key(&param.ident), param_value(api, op, param.location.as_str(), &param.name, false)));
            }
        }
        if call.body && op.request_body.as_ref().is_some_and(|b| b.required) {
            members.push(format!("body: {}", body_value(api, op, false)));
        }
        let _ = writeln!(
            out,
            "await run({}, () => client[{}][{}]({{ {} }}));",
            serde_json::to_string(&call.operation).expect("JSON"),
            serde_json::to_string(&call.resource).expect("JSON"),
            serde_json::to_string(&call.method).expect("JSON"),
            members.join(", ")
        );
    }
    out
}

/// An object key in JavaScript: the identifier as a string literal.
fn js_key(ident: &str) -> String {
    serde_json::to_string(ident).expect("JSON")
}
