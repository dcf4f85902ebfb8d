//! Writes the per-target drivers of `scripts/prism-check.sh` for one spec: programs that
//! call every operation of a generated client once, with minimal valid arguments, and
//! print one line per call:
//!
//! ```text
//! RESULT <TAB> operationId <TAB> ok | decode | status:<code> | transport | driver <TAB> detail
//! ```
//!
//! `cargo run -q --example prism_driver -- SPEC NAME DIR` writes, beside the crates and
//! package `apigen generate SPEC --out DIR --name NAME` wrote:
//!
//! - `DIR/NAME-prism-driver/` — a Rust binary on the `NAME-client` crate;
//! - `DIR/NAME-prism-driver.mjs` — a node script on the built `NAME-client-ts` package.
//!
//! Arguments are made from the spec: for every required parameter and a required body, a
//! JSON value that satisfies its schema (an enum's first value, a format's canonical
//! example, a number within its bounds, every required member of an object, the
//! discriminator of a union's first variant), or the spec's own example where a pattern
//! asks for text we cannot make up. Rust arguments decode from that JSON into the
//! client's types, so the driver names no type of the client.

use std::fmt::Write as _;
use std::path::Path;

use apigen::generate::targets::{client_rust, client_ts};
use apigen::generate::{self, Settings};
use apigen::model::{self, Api, Constraints, Operation, ParamLocation, Primitive, TypeGraph, TypeKind, TypeRef};
use serde_json::{json, Map, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, name, dir] = args.as_slice() else {
        eprintln!("usage: prism_driver SPEC NAME DIR");
        std::process::exit(2);
    };
    let doc = apigen::load::Document::load(Path::new(spec)).unwrap_or_else(|e| fail(&format!("{spec}: {e:#}")));
    let config = apigen::config::Config::default();
    let api = model::lower(&doc, &config.conventions).unwrap_or_else(|| fail(&format!("{spec} does not lower")));
    let settings = Settings { spec: spec.clone(), name: name.clone(), ..Settings::default() };
    let dir = Path::new(dir);
    let (rust, ts) = generate::with_context(&api, &settings, |ctx| {
        let calls = client_rust::call_sites(ctx).unwrap_or_else(|e| fail(&e));
        let setters = client_rust::credential_setters(ctx);
        (rust_driver(&api, name, &calls, &setters), ts_driver(&api, name, &client_ts::call_sites(ctx)))
    });
    let crate_dir = dir.join(format!("{name}-prism-driver"));
    std::fs::create_dir_all(crate_dir.join("src")).unwrap_or_else(|e| fail(&e.to_string()));
    let manifest = format!(
        "[package]\nname = \"{name}-prism-driver\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{name}-client = {{ path = \"../{name}-client\" }}\n\
         reqwest = {{ version = \"0.12\", default-features = false, features = [\"rustls-tls\"] }}\n\
         serde = \"1\"\nserde_json = \"1\"\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\"] }}\n"
    );
    let write = |path: &Path, text: &str| std::fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    write(&crate_dir.join("Cargo.toml"), &manifest);
    write(&crate_dir.join("src/main.rs"), &rust);
    write(&dir.join(format!("{name}-prism-driver.mjs")), &ts);
}

fn fail(message: &str) -> ! {
    eprintln!("prism_driver: {message}");
    std::process::exit(2);
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|op| op.id == id).unwrap_or_else(|| fail(&format!("no operation {id}")))
}

fn location(name: &str) -> ParamLocation {
    match name {
        "path" => ParamLocation::Path,
        "query" => ParamLocation::Query,
        "header" => ParamLocation::Header,
        _ => ParamLocation::Cookie,
    }
}

/// The value of a parameter.
fn param_value(api: &Api, op: &Operation, place: &str, name: &str, rust: bool) -> Value {
    let synth = Synth { graph: &api.types, rust };
    match op.param(location(place), name) {
        Some(p) => synth.value(&p.ty, Some(&p.constraints), p.example.as_ref().or(p.default.as_ref()), 0),
        None => json!("a"),
    }
}

/// The value of the request body, in the media type the clients send (JSON first).
fn body_value(api: &Api, op: &Operation, rust: bool) -> Value {
    let synth = Synth { graph: &api.types, rust };
    let Some(body) = &op.request_body else { return Value::Null };
    let Some(media) = body.content.iter().find(|m| m.is_json()).or(body.content.first()) else { return Value::Null };
    synth.value(&media.ty, None, media.example.as_ref(), 0)
}

/// Makes JSON values that satisfy a type of the graph.
struct Synth<'a> {
    graph: &'a TypeGraph,
    /// For the Rust client: binary data is a list of bytes (`Vec<u8>`), not a string.
    rust: bool,
}

impl Synth<'_> {
    fn value(&self, ty: &TypeRef, c: Option<&Constraints>, example: Option<&Value>, depth: usize) -> Value {
        if depth > 12 {
            return Value::Null;
        }
        match ty {
            TypeRef::Primitive(p) => self.primitive(*p, c, example),
            TypeRef::List(item) => {
                let count = c.and_then(|c| c.min_items).unwrap_or(1).clamp(1, 4);
                let one = self.value(item, None, example.and_then(|e| e.get(0)), depth + 1);
                Value::Array(vec![one; count as usize])
            }
            TypeRef::Map(_) => json!({}),
            TypeRef::Any => example.cloned().unwrap_or_else(|| json!({})),
            TypeRef::Named(id) => {
                let def = self.graph.get(*id);
                match &def.kind {
                    TypeKind::Alias(inner) => self.value(inner, c, example.or(def.example.as_ref()), depth + 1),
                    // The first value that is not empty (an empty one cannot be a path segment).
                    TypeKind::Enum { values, .. } => {
                        values.iter().find(|v| v.as_str() != Some("")).or(values.first()).cloned().unwrap_or(Value::Null)
                    }
                    TypeKind::Struct { fields, .. } => {
                        let mut object = Map::new();
                        let writable = |f: &&model::Field| !f.read_only;
                        // Every required member; with none, the first one (a PATCH body may need `minProperties: 1`).
                        let chosen: Vec<&model::Field> = match fields.iter().filter(writable).filter(|f| f.required).collect::<Vec<_>>() {
                            required if required.is_empty() => fields.iter().filter(writable).take(1).collect(),
                            required => required,
                        };
                        for f in chosen {
                            let own = f.example.as_ref().or(f.default.as_ref());
                            object.insert(f.name.clone(), self.value(&f.ty, Some(&f.constraints), own, depth + 1));
                        }
                        Value::Object(object)
                    }
                    TypeKind::Union { variants, discriminator, .. } => {
                        let Some(first) = variants.first() else { return json!({}) };
                        let mut value = self.value(&first.ty, None, None, depth + 1);
                        if let (Some(property), Some(tag), Some(object)) = (discriminator, &first.tag, value.as_object_mut()) {
                            object.insert(property.clone(), Value::String(tag.clone()));
                        }
                        value
                    }
                }
            }
        }
    }

    fn primitive(&self, p: Primitive, c: Option<&Constraints>, example: Option<&Value>) -> Value {
        let format = c.and_then(|c| c.format.as_deref()).unwrap_or("");
        if let Some(first) = c.and_then(|c| c.enumeration.iter().find(|v| !v.is_null())) {
            return first.clone();
        }
        // A pattern we cannot satisfy by construction: the spec's own example, if it has one.
        if c.is_some_and(|c| c.pattern.is_some()) {
            if let Some(Value::String(text)) = example {
                return Value::String(text.clone());
            }
        }
        match p {
            Primitive::Bool => json!(true),
            Primitive::I32 | Primitive::I64 => json!(number(c, true) as i64),
            Primitive::F32 | Primitive::F64 => json!(number(c, false)),
            Primitive::Date => json!("2024-01-31"),
            Primitive::DateTime => json!("2024-01-31T12:00:00Z"),
            Primitive::Uuid => json!("3fa85f64-5717-4562-b3fc-2c963f66afa6"),
            Primitive::Decimal => json!("1.50"),
            Primitive::Bytes => json!("YWJj"),
            Primitive::Binary if self.rust => json!([]),
            Primitive::Binary => json!(""),
            Primitive::String => {
                let text = match format {
                    "email" => "user@example.com".to_string(),
                    "uri" | "url" => "https://example.com/a".to_string(),
                    "hostname" => "example.com".to_string(),
                    "ipv4" => "127.0.0.1".to_string(),
                    "ipv6" => "::1".to_string(),
                    "date" => "2024-01-31".to_string(),
                    "date-time" => "2024-01-31T12:00:00Z".to_string(),
                    "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6".to_string(),
                    _ => "abc".to_string(),
                };
                let min = c.and_then(|c| c.min_length).unwrap_or(0) as usize;
                let max = c.and_then(|c| c.max_length).map_or(usize::MAX, |m| m as usize);
                let mut text = text;
                while text.chars().count() < min {
                    text.push('a');
                }
                Value::String(text.chars().take(max.max(1)).collect())
            }
        }
    }
}

/// A number within the bounds of the constraints (an integer for integer types).
fn number(c: Option<&Constraints>, integer: bool) -> f64 {
    let step = if integer { 1.0 } else { 0.5 };
    let (min, max) = (c.and_then(|c| c.minimum), c.and_then(|c| c.maximum));
    let mut n = match (min, max) {
        (Some(lo), _) => lo + if c.is_some_and(|c| c.exclusive_minimum) { step } else { 0.0 },
        (None, Some(hi)) if hi < 1.0 => hi - if c.is_some_and(|c| c.exclusive_maximum) { step } else { 0.0 },
        _ => 1.0,
    };
    if integer {
        n = n.ceil();
    }
    if let Some(m) = c.and_then(|c| c.multiple_of).filter(|m| *m > 0.0) {
        n = (n / m).ceil() * m;
    }
    n
}

/// A Rust expression that builds a value from JSON (`serde_json::json!` of the value's text).
fn json_expr(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON");
    format!("serde_json::from_str::<serde_json::Value>({}).expect(\"JSON\")", rust_string(&text))
}

fn rust_string(text: &str) -> String {
    format!("{text:?}")
}

fn rust_driver(api: &Api, name: &str, calls: &[client_rust::CallSite], setters: &[(String, String)]) -> String {
    let krate = name.replace('-', "_") + "_client";
    let mut out = String::new();
    out.push_str("//! Calls every operation once (written by apigen's examples/prism_driver.rs).\n");
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
                let fields: Vec<String> = call.args.iter().zip(&args).map(|(a, v)| format!("{}: {v}", a.ident)).collect();
                format!("{}.{}(client_crate::{}::{params} {{ {} }})", call.reach, call.method, call.module, fields.join(", "))
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

fn ts_driver(api: &Api, name: &str, calls: &[client_ts::CallSite]) -> String {
    let mut out = String::new();
    out.push_str("// Calls every operation once (written by apigen's examples/prism_driver.rs).\n");
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
        for (ident, place, wire) in &call.params {
            let required = op.param(location(place), wire).is_some_and(|p| p.required || p.location == ParamLocation::Path);
            if required {
                members.push(format!("{}: {}", js_key(ident), param_value(api, op, place, wire, false)));
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
