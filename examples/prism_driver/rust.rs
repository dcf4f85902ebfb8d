//! The Rust driver: a binary on the `NAME-client` crate.

use std::fmt::Write as _;

use apigen::generate::targets::client_rust;
use apigen::model::Api;
use serde_json::Value;

use crate::operation;
use crate::synth::{body_value, param_value};

/// A Rust expression that builds a value from JSON (`serde_json::json!` of the value's text).
fn json_expr(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON");
    format!("serde_json::from_str::<serde_json::Value>({}).expect(\"JSON\")", rust_string(&text))
}

fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

pub fn rust_driver(api: &Api, name: &str, calls: &[client_rust::CallSite], setters: &[(String, String)]) -> String {
    let krate = name.replace('-', "_") + "_client";
    let mut out = String::new();
    out.push_str("//! Calls every operation once (written by apigen's examples/prism_driver).\n");
    out.push_str("#![allow(deprecated, unused_imports, clippy::all)]\n\n");
    let _ = writeln!(out, "use {krate} as client_crate;\n");
    out.push_str(
        "fn arg<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {\n    \
         serde_json::from_value(value).map_err(|e| format!(\"argument: {e}\"))\n}\n\n",
    );
    out.push_str(
        "fn report<T>(operation: &str, result: Result<T, client_crate::Error>) {\n    \
         let one_line = |text: String| text.split_whitespace().collect::<Vec<_>>().join(\" \");\n    \
         match result {\n        \
         Ok(_) => println!(\"RESULT\\t{operation}\\tok\\t\"),\n        \
         Err(e @ client_crate::Error::Decode { .. }) => println!(\"RESULT\\t{operation}\\tdecode\\t{}\", one_line(e.to_string())),\n        \
         Err(e) => match e.status() {\n            \
         Some(status) => println!(\"RESULT\\t{operation}\\tstatus:{status}\\t{}\", one_line(e.to_string())),\n            \
         None => println!(\"RESULT\\t{operation}\\ttransport\\t{}\", one_line(e.to_string())),\n        \
         },\n    }\n}\n\n",
    );
    out.push_str("#[tokio::main(flavor = \"current_thread\")]\nasync fn main() {\n");
    out.push_str("    let base = std::env::args().nth(1).expect(\"usage: driver BASE_URL\");\n");
    out.push_str("    // Redirects are answers here, never followed: nothing leaves the mock server.\n");
    out.push_str("    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect(\"HTTP client\");\n");
    out.push_str("    let client = client_crate::Client::builder().base_url(base).http_client(http).max_retries(0)");
    for (setter, kind) in setters {
        match kind.as_str() {
            "basic" => {
                let _ = write!(out, ".{setter}(\"user\", \"password\")");
            }
            _ => {
                let _ = write!(out, ".{setter}(\"secret\")");
            }
        }
    }
    out.push_str(".build().expect(\"client\");\n");
    for call in calls {
        let op = operation(api, &call.operation);
        let value = |a: &client_rust::CallArg| -> String {
            if a.location == "body" {
                let v = body_value(api, op, true);
                if a.raw && a.ty == "Vec<u8>" {
                    return format!("serde_json::to_vec(&{}).expect(\"JSON\")", json_expr(&v));
                }
                if a.raw {
                    let text = match &v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    return format!("String::from({})", rust_string(&text));
                }
                return format!("arg({})?", json_expr(&v));
            }
            let v = param_value(api, op, &a.location, &a.name, true);
            if a.ty == "String" {
                format!("arg::<String>({})?", json_expr(&v))
            } else {
                format!("arg({})?", json_expr(&v))
            }
        };
        let args: Vec<String> = call.args.iter().map(value).collect();
        let invocation = match &call.params_type {
            Some(params) => {
                let fields: Vec<String> =
                    call.args.iter().zip(&args).map(|(a, v)| format!("{}: {v}", a.ident)).collect();
                format!(
                    "{}.{}(client_crate::{}::{params} {{ {} }})",
                    call.reach,
                    call.method,
                    call.module,
                    fields.join(", ")
                )
            }
            None => format!("{}.{}({})", call.reach, call.method, args.join(", ")),
        };
        let id = rust_string(&call.operation);
        let _ = writeln!(
            out,
            "    {{\n        let request = (|| -> Result<_, String> {{ Ok({invocation}) }})();\n        match request {{\n            \
             Ok(request) => report({id}, request.send().await),\n            \
             Err(e) => println!(\"RESULT\\t{{}}\\tdriver\\t{{e}}\", {id}),\n        }}\n    }}"
        );
    }
    out.push_str("}\n");
    out
}
