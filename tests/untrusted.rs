//! A spec is untrusted input (docs/security.md): the sweep replaces the
//! strings and names of real specs with hostile payloads, each carrying a
//! marker item or statement, renders every target in memory the way
//! `apigen generate` does, and asserts on the lexed output:
//!
//! - Rust (`.rs`): the file lexes (`proc_macro2`), and the marker never appears
//!   as an identifier token (comments and literals are not tokens of that kind);
//! - TOML: the file parses and no key is the marker; TypeScript: the marker is never a
//!   word outside comments and string or template literals; `package.json` parses;
//!   Python: the marker is never a word outside comments and (triple-quoted) strings,
//!   and with Python-specific payloads (and names that are Python built-ins) Python's
//!   `ast` parses every file, finds the marker only in strings and no argument, field or
//!   method shadowing what its module uses; Markdown (READMEs, rustdoc blocks, parsed
//!   with pulldown-cmark) holds no HTML, link or image of the spec's;
//! - SQL: every SQLite migration applies in order to an empty database, which then
//!   holds no marker table; in every dialect's files the marker is never a bare
//!   word outside comments, strings and quoted identifiers.
//!
//! Free text and names (descriptions, titles, versions, examples, enum values,
//! defaults, tags, paths, property, schema, parameter, security scheme and
//! mapping names, operation ids) are replaced all at once, renamed consistently so
//! the document keeps its meaning; names that must be identifiers or tokens
//! (`x-table`, `x-column`, header and scheme names) are replaced one at a time,
//! and each must either be refused with a finding at its pointer or come out safe.
//!
//! The TypeScript client is also checked with TypeScript itself: rendered straight
//! from the model (a spec `check` refuses must be inert too) with TypeScript payloads,
//! path keys holding a `${…}`, and the names the client and every object use put whole
//! into each name position; `tests/client-ts/inert.cjs` parses every file (no syntax
//! error, the marker never an identifier) and one `tsc` run per test type-checks all.

mod common;

use std::path::Path;
use std::str::FromStr;

use apigen::cli::generate::{prepare, Prepared};
use apigen::config::Config;
use apigen::generate::{self, writer::Output, Settings};
use apigen::load::Document;
use serde_json::Value;

/// The identifier and table name an injection would create.
const MARK: &str = "apigen_pwned";

fn payloads() -> Vec<String> {
    let item = format!("pub fn {MARK}() {{}}");
    let sql = format!("CREATE TABLE {MARK} (x INTEGER);");
    vec![
        format!("a\n{item}\n"),
        format!("a\r{item}\r"),
        format!("a\r\n{item}\r\n"),
        format!("a\u{2028}{item}\u{2029}"),
        format!("a\u{202E}{item}\u{202C}"),
        format!("a\u{85}{item}\u{b}\u{c}"),
        format!("*/ {item} /*"),
        format!("/* {item} */"),
        format!("\"# {item} r#\""),
        format!("\"; {item} \""),
        format!("' {item} '"),
        format!("` {item} `"),
        format!("{{{{ {item} }}}}"),
        format!("{{% {item} %}}"),
        format!("'); {sql} --"),
        format!("a\n{sql}\n-- "),
        format!("a\r{sql}\r-- "),
        format!("\"; {sql} -- "),
        format!("`; {sql} -- "),
        format!("\n{MARK} = 1\n[{MARK}]\n"),
        format!("\"\"\"\n{MARK} = 1\n'''\\"),
    ]
}

/// The name a hostile spec gives to something called `name`: the same everywhere, so
/// references stay consistent.
fn hostile(name: &str, payload: &str) -> String {
    format!("{name}{payload}")
}

fn load(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let doc = Document::load(&path).expect("read the base spec");
    assert!(doc.diagnostics.is_empty(), "{rel} loads cleanly: {:?}", doc.diagnostics);
    doc.root
}

fn escape_token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

fn rename_ref(reference: &str, payload: &str) -> String {
    // `#/components/{kind}/{name}` → the hostile name, pointer-escaped.
    let parts: Vec<&str> = reference.splitn(4, '/').collect();
    if parts.len() == 4 && parts[0] == "#" && parts[1] == "components" && parts[2] == "schemas" {
        let name = parts[3].replace("~1", "/").replace("~0", "~");
        format!("#/components/{}/{}", parts[2], escape_token(&hostile(&name, payload)))
    } else {
        reference.to_string()
    }
}

/// Keys whose string values are free text.
const TEXT_KEYS: &[&str] = &["description", "summary", "title", "version", "example", "default", "url", "name", "email"];

/// Replaces free text and names all at once (see the module docs). `path` is the keys above `node`.
fn mutate_all(node: &mut Value, path: &[String], payload: &str) {
    let parent = path.last().map(String::as_str).unwrap_or("");
    let grand = if path.len() >= 2 { path[path.len() - 2].as_str() } else { "" };
    match node {
        Value::Object(map) => {
            // Parameters: query names are free, path and header names are not (templates, tokens).
            let is_param = map.contains_key("in") && map.contains_key("name");
            let param_in = map.get("in").and_then(Value::as_str).unwrap_or("").to_string();
            let is_scheme = grand == "securitySchemes";
            // A table's property names are its column names: identifiers, swept one at a time.
            let is_table = map.contains_key("x-table");
            let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            for (key, mut value) in entries {
                let mut below = path.to_vec();
                below.push(if is_table && key == "properties" { "columns".to_string() } else { key.clone() });
                let renamed_key = match parent {
                    "properties" | "schemas" | "securitySchemes" | "mapping" => hostile(&key, payload),
                    "paths" => format!("{key}{}", payload.replace(['{', '}'], "")),
                    // A webhook's name is its event type: a string literal and a name in each client.
                    "webhooks" | "x-webhooks" => hostile(&key, payload),
                    _ if parent == "security" || grand == "security" => hostile(&key, payload),
                    _ => key.clone(),
                };
                match (key.as_str(), &mut value) {
                    ("$ref", Value::String(r)) => *r = rename_ref(r, payload),
                    ("name", Value::String(s)) if is_param => {
                        if param_in == "query" {
                            *s = hostile(s, payload);
                        }
                    }
                    ("name", Value::String(_)) if is_scheme => {}
                    ("operationId" | "propertyName", Value::String(s)) => *s = hostile(s, payload),
                    ("required", _) if is_table => {}
                    ("required" | "tags" | "x-permissions", Value::Array(items)) => {
                        for item in items.iter_mut() {
                            if let Value::String(s) = item {
                                *s = hostile(s, payload);
                            } else if let Value::Object(tag) = item {
                                if let Some(Value::String(s)) = tag.get_mut("name") {
                                    *s = hostile(s, payload);
                                }
                                if let Some(Value::String(s)) = tag.get_mut("description") {
                                    *s = hostile(s, payload);
                                }
                            }
                        }
                    }
                    ("enum", Value::Array(items)) => {
                        for item in items.iter_mut() {
                            if let Value::String(s) = item {
                                *s = hostile(s, payload);
                            }
                        }
                    }
                    (k, Value::String(s)) if TEXT_KEYS.contains(&k) && parent != "x-column" => *s = hostile(s, payload),
                    (k, _) if k.starts_with("x-") && k != "x-permissions" && k != "x-webhooks" => {}
                    _ => mutate_all(&mut value, &below, payload),
                }
                if parent == "mapping" {
                    if let Value::String(r) = &mut value {
                        *r = rename_ref(r, payload);
                    }
                }
                map.insert(renamed_key, value);
            }
        }
        Value::Array(items) => {
            for item in items {
                mutate_all(item, path, payload);
            }
        }
        _ => {}
    }
}

fn every_target() -> Vec<&'static generate::Target> {
    generate::resolve_targets(&[]).expect("every target")
}

fn settings(spec: &str, name: &str) -> Settings {
    Settings { spec: spec.into(), name: name.into(), ..Settings::default() }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn prepare_tree(tree: &Value, settings: &Settings) -> Result<Prepared, String> {
    prepare_tree_for(tree, settings, &every_target())
}

fn prepare_tree_for(tree: &Value, settings: &Settings, targets: &[&'static generate::Target]) -> Result<Prepared, String> {
    let bytes = serde_json::to_vec(tree).unwrap();
    let doc = Document::from_bytes(Path::new("sweep.json"), bytes);
    prepare(doc, &Config::default(), today(), targets, settings, Path::new("out"), false)
}

// ---- assertions on the lexed output ----

fn rust_idents(stream: proc_macro2::TokenStream, found: &mut Vec<String>) {
    for tree in stream {
        match tree {
            proc_macro2::TokenTree::Ident(i) => found.push(i.to_string()),
            proc_macro2::TokenTree::Group(g) => rust_idents(g.stream(), found),
            _ => {}
        }
    }
}

/// Words of SQL text outside comments, string literals and quoted identifiers.
/// `backslash`: a backslash escapes the next character in a string (MySQL); PostgreSQL's
/// standard strings and SQLite keep it as a character.
fn sql_words(sql: &str, backslash: bool) -> Vec<String> {
    let chars: Vec<char> = sql.chars().collect();
    let (mut words, mut i, mut word) = (Vec::new(), 0, String::new());
    let flush = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '-' && chars.get(i + 1) == Some(&'-') {
            flush(&mut word, &mut words);
            while i < chars.len() && chars[i] != '\n' && chars[i] != '\r' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            flush(&mut word, &mut words);
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '\'' || c == '"' || c == '`' {
            flush(&mut word, &mut words);
            i += 1;
            loop {
                match chars.get(i) {
                    None => break,
                    Some(&q) if q == c && chars.get(i + 1) == Some(&c) => i += 2,
                    Some(&q) if q == c => {
                        i += 1;
                        break;
                    }
                    Some('\\') if c == '\'' && backslash => i += 2,
                    _ => i += 1,
                }
            }
        } else if c.is_alphanumeric() || c == '_' {
            word.push(c);
            i += 1;
        } else {
            flush(&mut word, &mut words);
            i += 1;
        }
    }
    flush(&mut word, &mut words);
    words
}

/// Words of TypeScript (or JSON with comments) outside comments and string and template literals.
fn ts_words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let (mut words, mut i, mut word) = (Vec::new(), 0, String::new());
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' || c == '`' {
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            word.push(c);
            i += 1;
            continue;
        } else {
            i += 1;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Words of Python outside comments and string literals (any prefix, single or triple quoted).
fn py_words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let (mut words, mut i, mut word) = (Vec::new(), 0, String::new());
    while i < chars.len() {
        let c = chars[i];
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '"' || c == '\'' {
            // A string prefix (`r`, `b`, `f`…) was read as a word: a raw string keeps its backslashes.
            let raw = word.to_ascii_lowercase().contains('r');
            word.clear();
            let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
            i += if triple { 3 } else { 1 };
            while i < chars.len() {
                if chars[i] == '\\' && !raw {
                    i += 2;
                } else if chars[i] == c && (!triple || (chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c))) {
                    i += if triple { 3 } else { 1 };
                    break;
                } else {
                    assert!(triple || chars[i] != '\n', "a line break inside a one-line Python string:\n{text}");
                    i += 1;
                }
            }
            continue;
        } else if c.is_alphanumeric() || c == '_' {
            word.push(c);
            i += 1;
            continue;
        } else {
            i += 1;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Asserts the rendered output carries no injected item, key or statement.
fn assert_inert(output: &Output, what: &str) {
    let mut sqlite: Vec<(&Path, &str)> = Vec::new();
    for file in &output.files {
        let path = file.path.to_string_lossy();
        let at = format!("{what}: {path}");
        match file.path.extension().and_then(|e| e.to_str()) {
            Some("rs") => {
                let stream = proc_macro2::TokenStream::from_str(&file.text)
                    .unwrap_or_else(|e| panic!("{at} does not lex: {e}\n{}", file.text));
                let mut idents = Vec::new();
                rust_idents(stream, &mut idents);
                assert!(!idents.iter().any(|i| i == MARK), "{at}: the marker became code:\n{}", file.text);
                assert!(syn::parse_file(&file.text).is_ok(), "{at} does not parse");
            }
            Some("toml") => {
                let value: toml::Value =
                    toml::from_str(&file.text).unwrap_or_else(|e| panic!("{at} is not TOML: {e}\n{}", file.text));
                let mut stack = vec![&value];
                while let Some(v) = stack.pop() {
                    match v {
                        toml::Value::Table(t) => {
                            assert!(!t.contains_key(MARK), "{at}: the marker became a key:\n{}", file.text);
                            stack.extend(t.values());
                        }
                        toml::Value::Array(items) => stack.extend(items),
                        _ => {}
                    }
                }
            }
            Some("sql") => {
                assert!(
                    !sql_words(&file.text, path.contains("/mysql/")).iter().any(|w| w.eq_ignore_ascii_case(MARK)),
                    "{at}: the marker is an SQL word:\n{}",
                    file.text
                );
                if path.contains("/sqlite/") && (path.ends_with("/up.sql") || path.ends_with(".up.sql")) {
                    sqlite.push((&file.path, &file.text));
                }
            }
            Some("ts") => {
                assert!(!ts_words(&file.text).iter().any(|w| w == MARK), "{at}: the marker is TypeScript code:\n{}", file.text);
            }
            Some("py") => {
                assert!(!py_words(&file.text).iter().any(|w| w == MARK), "{at}: the marker is Python code:\n{}", file.text);
            }
            Some("json") if path.ends_with("package.json") => {
                let value: Value = serde_json::from_str(&file.text).unwrap_or_else(|e| panic!("{at} is not JSON: {e}"));
                assert!(value.as_object().is_some_and(|m| !m.contains_key(MARK)), "{at}: the marker became a key");
            }
            _ => {
                for line in file.text.lines() {
                    assert!(!line.trim_start().starts_with(&format!("pub fn {MARK}")), "{at}: {line}");
                }
            }
        }
    }
    sqlite.sort();
    let db = rusqlite::Connection::open_in_memory().unwrap();
    for (path, sql) in &sqlite {
        db.execute_batch(sql).unwrap_or_else(|e| panic!("{what}: {} does not apply on SQLite: {e}\n{sql}", path.display()));
    }
    let marked: i64 = db
        .query_row("SELECT count(*) FROM sqlite_master WHERE name LIKE ?1", [format!("%{MARK}%")], |r| r.get(0))
        .unwrap();
    assert_eq!(marked, 0, "{what}: applying the migrations created a marker table");
}

fn sweep_all_at_once(rel: &str) {
    let base = load(rel);
    for payload in payloads() {
        let mut tree = base.clone();
        mutate_all(&mut tree, &[], &payload);
        let what = format!("{rel} with {payload:?}");
        match prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) {
            Ok(Prepared::Output(output)) => assert_inert(&output, &what),
            Ok(Prepared::Blocked { stops, .. }) => panic!("{what}: free text and names blocked generation: {stops:#?}"),
            Err(e) => panic!("{what}: rendering failed: {e}"),
        }
    }
}

#[test]
fn free_text_and_names_never_become_code_in_the_fixture() {
    sweep_all_at_once("tests/fixtures/untrusted/base.yaml");
}

#[test]
fn free_text_and_names_never_become_code_in_orders() {
    sweep_all_at_once("specs/orders.yaml");
}

/// Pointers (into the fixture) of names that must be identifiers or tokens: a hostile one is refused.
const CHECKED_NAMES: &[&str] = &[
    "/components/schemas/Widget/x-table",
    "/components/schemas/Widget/properties/code/x-column/name",
    "/components/schemas/Widget/properties/code/x-column/type",
    "/components/schemas/Widget/x-indexes/0/0",
    "/components/schemas/Widget/x-unique/0/0",
    "/components/schemas/Widget/properties/owner_id/x-references",
    "/paths/~1api~1v1~1widgets/get/parameters/4/name",
    "/paths/~1api~1v1~1widgets/get/responses/200/headers/X-Request-ID",
];

/// Pointers (into the fixture) of security scheme names that must be HTTP tokens: a scheme
/// with a hostile one is left out of every target (`oas-scheme-name`), the rest is generated.
const LEFT_OUT_NAMES: &[&str] = &[
    "/components/securitySchemes/ApiKeyAuth/name",
    "/components/securitySchemes/CookieKey/name",
    "/components/securitySchemes/TokenAuth/scheme",
];

/// Pointers (into the fixture) of text that lands in code as data: a hostile one comes out inert.
const CODE_TEXT: &[&str] = &[
    "/paths/~1api~1v1~1widgets/get/parameters/3/schema/pattern",
    "/components/schemas/Widget/properties/code/pattern",
    "/components/securitySchemes/QueryKey/name",
];

fn set_at(tree: &mut Value, pointer: &str, payload: &str) -> String {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    let last = last.replace("~1", "/").replace("~0", "~");
    let node = tree.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent}"));
    match node {
        Value::Object(map) if map.get(&last).is_some_and(Value::is_string) => {
            let Some(Value::String(s)) = map.get_mut(&last) else { unreachable!() };
            *s = hostile(s, payload);
            pointer.to_string()
        }
        Value::Object(map) => {
            // A key: rename it, keeping its value.
            let value = map.shift_remove(&last).unwrap_or_else(|| panic!("no {pointer}"));
            let new = hostile(&last, payload);
            map.insert(new.clone(), value);
            format!("{parent}/{}", escape_token(&new))
        }
        Value::Array(items) => {
            let i: usize = last.parse().unwrap();
            let Value::String(s) = &mut items[i] else { panic!("{pointer} is not a string") };
            *s = hostile(s, payload);
            pointer.to_string()
        }
        _ => panic!("{pointer}: not a container"),
    }
}

#[test]
fn names_used_as_identifiers_are_refused_at_their_pointer() {
    let base = load("tests/fixtures/untrusted/base.yaml");
    for pointer in CHECKED_NAMES {
        for payload in payloads() {
            let mut tree = base.clone();
            let at = set_at(&mut tree, pointer, &payload);
            let what = format!("{pointer} with {payload:?}");
            match prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) {
                Ok(Prepared::Blocked { stops, .. }) => assert!(
                    stops.iter().any(|d| d.pointer == at),
                    "{what}: refused, but no finding points at {at}: {stops:#?}"
                ),
                Ok(Prepared::Output(_)) => panic!("{what}: generated from a name that is not an identifier"),
                Err(e) => panic!("{what}: rendering failed: {e}"),
            }
        }
    }
}

#[test]
fn a_scheme_whose_name_is_not_a_token_is_left_out_and_the_rest_generated() {
    let base = load("tests/fixtures/untrusted/base.yaml");
    for pointer in LEFT_OUT_NAMES {
        for payload in payloads() {
            let mut tree = base.clone();
            set_at(&mut tree, pointer, &payload);
            let what = format!("{pointer} with {payload:?}");
            match prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) {
                Ok(Prepared::Output(output)) => {
                    assert_inert(&output, &what);
                    for file in &output.files {
                        assert!(
                            !file.text.contains(MARK),
                            "{what}: the left-out scheme's name is in {}",
                            file.path.display()
                        );
                    }
                    assert!(
                        output.files.iter().any(|f| f.path.starts_with("sweep-server")),
                        "{what}: the server was not generated"
                    );
                }
                Ok(Prepared::Blocked { stops, .. }) => panic!("{what}: blocked: {stops:#?}"),
                Err(e) => panic!("{what}: rendering failed: {e}"),
            }
        }
    }
}

#[test]
fn text_used_as_data_in_code_comes_out_inert() {
    let base = load("tests/fixtures/untrusted/base.yaml");
    for pointer in CODE_TEXT {
        for payload in payloads() {
            let mut tree = base.clone();
            set_at(&mut tree, pointer, &payload);
            let what = format!("{pointer} with {payload:?}");
            match prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) {
                Ok(Prepared::Output(output)) => assert_inert(&output, &what),
                Ok(Prepared::Blocked { stops, .. }) => panic!("{what}: blocked: {stops:#?}"),
                Err(e) => panic!("{what}: rendering failed: {e}"),
            }
        }
    }
}

#[test]
fn the_spec_path_in_headers_is_inert() {
    let base = load("tests/fixtures/untrusted/base.yaml");
    for payload in payloads() {
        let label = format!("specs/{payload}.yaml");
        match prepare_tree(&base, &settings(&label, "sweep")) {
            Ok(Prepared::Output(output)) => assert_inert(&output, &format!("spec path {label:?}")),
            other => panic!("{label:?}: {other:?}"),
        }
    }
}

// ---- TypeScript: the client checked with TypeScript's own parser and tsc ----

/// Payloads aimed at TypeScript: each would run the marker if it reached code (a template
/// literal's `${`, a string's or a template's end, a comment's end, a JavaScript line
/// terminator, a bidi control, NUL, an escape the literal would resolve, Markdown).
fn ts_payloads() -> Vec<String> {
    vec![
        format!("${{{MARK}()}}"),
        format!("$`+{MARK}()+`"),
        format!("` + {MARK}() + `"),
        format!("\" + {MARK}() + \""),
        format!("' + {MARK}() + '"),
        format!("*/ {MARK}(); /*"),
        format!("*\u{202E}/ {MARK}(); /*"),
        format!("a\u{2028}{MARK}();\u{2029}"),
        format!("a\u{202E}{MARK}()\u{202C}\u{2066}"),
        format!("a\u{0}{MARK}()\u{1b}]8;;"),
        format!("\\\\u0022 + {MARK}() + \\\\x22"),
        format!("\n{MARK}();\n// "),
        format!("<img src=x onerror={MARK}()> @{MARK} [x](javascript:{MARK}())"),
    ]
}

/// Names the TypeScript client or its runtime use, or that every object has: put whole into
/// tags, operation ids, query parameter, property, schema, enum and API key names.
const TS_BUILTIN_NAMES: &[&str] = &[
    "constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "baseUrl", "base-url", "transport", "Object",
    "Promise", "undefined", "types", "Client", "Transport", "params", "options", "body", "send", "then", "default",
    "Array", "Error", "Blob", "encodeURIComponent", "globalThis",
];

/// Renders the `client-ts` target of a spec tree into `dir`.
fn render_ts(tree: &Value, dir: &Path) {
    let doc = Document::from_bytes(Path::new("sweep.json"), serde_json::to_vec(tree).unwrap());
    common::render_target(&doc, "client-ts", "sweep", dir);
}

/// Checks every TypeScript client below `root` (one folder per variant, `what` naming each):
/// TypeScript's parser finds no syntax error and no identifier that is the marker, and one
/// `tsc --noEmit` over all of them, strict as the packages are, passes.
fn assert_ts_inert(root: &Path, what: &[String]) {
    let Some(tsc) = common::tsc() else { return };
    let variants = what.iter().enumerate().map(|(i, w)| format!("v{i}: {w}")).collect::<Vec<_>>().join("\n");
    let out = std::process::Command::new("node")
        .arg(common::repo().join("tests/client-ts/inert.cjs"))
        .arg(root)
        .arg(MARK)
        .env("TYPESCRIPT", common::repo().join("target/ts/node_modules/typescript"))
        .output()
        .unwrap();
    let findings = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "inert.cjs failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(findings.trim().is_empty(), "spec text became TypeScript code:\n{findings}\nvariants:\n{variants}");
    // The packages' own options (the file starts with a `//` header line).
    let config = std::fs::read_to_string(root.join("v0/sweep-client-ts/tsconfig.json")).unwrap();
    let json: String = config.lines().filter(|l| !l.starts_with("//")).collect();
    let mut config: Value = serde_json::from_str(&json).unwrap();
    config["include"] = serde_json::json!(["*/sweep-client-ts/src"]);
    config["compilerOptions"]["noEmit"] = Value::Bool(true);
    config["compilerOptions"]["rootDir"] = Value::String(".".into());
    std::fs::write(root.join("tsconfig.json"), config.to_string()).unwrap();
    let out = std::process::Command::new(tsc).args(["-p", "."]).current_dir(root).output().unwrap();
    assert!(
        out.status.success(),
        "tsc fails on the swept clients:\n{}\nvariants:\n{variants}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// Appends a path variable the operation does not declare, holding the marker as code, to
/// every path key: the client must send it as text (it is what a `${` in a template opened).
fn ts_hostile_paths(tree: &mut Value) {
    if let Some(Value::Object(paths)) = tree.get_mut("paths") {
        let entries: Vec<(String, Value)> = std::mem::take(paths).into_iter().collect();
        for (key, value) in entries {
            paths.insert(format!("{key}/x${{{MARK}()}}"), value);
        }
    }
}

/// Every free-text and name position of `rel` (the sweep's payloads and the TypeScript ones,
/// paths with a hostile variable too) renders to a client that TypeScript parses without the
/// marker as code, and that type-checks.
fn sweep_typescript(rel: &str) {
    let base = load(rel);
    let root = tempfile::tempdir().unwrap();
    let mut what = Vec::new();
    for payload in ts_payloads().into_iter().chain(payloads()) {
        let mut tree = base.clone();
        mutate_all(&mut tree, &[], &payload);
        ts_hostile_paths(&mut tree);
        let label = format!("{rel} with {payload:?}");
        render_ts(&tree, &root.path().join(format!("v{}", what.len())));
        what.push(label);
    }
    assert_ts_inert(root.path(), &what);
}

#[test]
fn free_text_and_names_never_become_typescript_code_in_the_fixture() {
    sweep_typescript("tests/fixtures/untrusted/base.yaml");
}

#[test]
fn free_text_and_names_never_become_typescript_code_in_orders() {
    sweep_typescript("specs/orders.yaml");
}

/// Gives every operation of a spec the tag `name`, the first operation the id `name`, the
/// first query parameter of each the name `name`; the last property and the first enum value
/// of every schema, the schema `rename` (and its references) and every API key the name `name`.
fn name_everything(tree: &mut Value, name: &str, rename: &str) {
    let mut first = true;
    for item in tree["paths"].as_object_mut().unwrap().values_mut() {
        for op in item.as_object_mut().unwrap().values_mut().filter(|op| op.get("responses").is_some()) {
            op["tags"] = serde_json::json!([name]);
            if std::mem::take(&mut first) {
                op["operationId"] = Value::String(name.into());
            }
            let params = op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten();
            if let Some(p) = params.filter(|p| p["in"] == "query").find(|p| p.get("name").is_some()) {
                p["name"] = Value::String(name.into());
            }
        }
    }
    let schemas = tree["components"]["schemas"].as_object_mut().unwrap();
    for schema in schemas.values_mut() {
        if let Some(Value::Object(properties)) = schema.get_mut("properties") {
            if let Some(last) = properties.keys().next_back().cloned() {
                let value = properties.shift_remove(&last).unwrap();
                properties.insert(name.into(), value);
                for required in schema.get_mut("required").and_then(Value::as_array_mut).into_iter().flatten() {
                    if *required == last.as_str() {
                        *required = Value::String(name.into());
                    }
                }
            }
        }
        if let Some(first) = schema.get_mut("enum").and_then(Value::as_array_mut).and_then(|e| e.first_mut()) {
            *first = Value::String(name.into());
        }
    }
    if let Some(schema) = schemas.shift_remove(rename) {
        schemas.insert(name.into(), schema);
    }
    for scheme in tree["components"]["securitySchemes"].as_object_mut().into_iter().flat_map(|s| s.values_mut()) {
        if scheme["type"] == "apiKey" {
            scheme["name"] = Value::String(name.into());
        }
    }
    let text = serde_json::to_string(tree).unwrap();
    let from = serde_json::to_string(&format!("#/components/schemas/{rename}")).unwrap();
    let to = serde_json::to_string(&format!("#/components/schemas/{}", escape_token(name))).unwrap();
    *tree = serde_json::from_str(&text.replace(&from, &to)).unwrap();
}

#[test]
fn names_the_typescript_client_uses_do_not_collide() {
    let base = load("tests/fixtures/untrusted/base.yaml");
    let root = tempfile::tempdir().unwrap();
    let mut what = Vec::new();
    for name in TS_BUILTIN_NAMES {
        let mut tree = base.clone();
        name_everything(&mut tree, name, "Widget");
        let label = format!("every name {name:?}");
        render_ts(&tree, &root.path().join(format!("v{}", what.len())));
        what.push(label);
    }
    assert_ts_inert(root.path(), &what);
}

// ---- Python: the sweep's payloads, checked with Python's own parser ----

/// Payloads that would end a Python string, docstring or comment (`"""`, `'''`, a
/// backslash, NUL, CR, U+2028, bidi controls), each carrying a call of the marker.
fn python_payloads() -> Vec<String> {
    let call = format!("{MARK}()");
    vec![
        format!("\"\"\"\n{call}\n\"\"\""),
        format!("'''\n{call}\n'''"),
        format!("\\\"\n{call}\n#\\"),
        format!("\\'); {call} #"),
        format!("a\0\n{call}\0"),
        format!("a\r{call}\r"),
        format!("a\u{2028}{call}\u{2029}"),
        format!("a\u{202E}\"\n{call}\u{2066}"),
        format!("\")\n{call}\n(\""),
        format!("\"; {call}; \""),
        format!("'; {call}; '"),
        format!("{{{{ {call} }}}}"),
    ]
}

/// Python's built-in names and names the generated module uses, which spec names take
/// whole in [`builtin_named`].
const PY_NAMES: &[&str] = &["int", "str", "self", "None", "path_segment", "print", "__import__"];

/// Checks Python files (a JSON list of `[path, text]` on stdin) with `ast`: each parses,
/// the marker (argv 1) is never a name (a `Name`, a call's function, an argument, a
/// definition, an attribute, an import), only ever inside string constants, and no
/// argument (but a method's `self`) or model field shadows a built-in or a name its module
/// binds or its class reads, and no method a name its class's annotations read. Prints
/// one problem a line.
const PY_CHECK: &str = r#"
import ast, builtins, json, sys

MARK = sys.argv[1]
BUILTIN = set(dir(builtins))

def bound(tree):
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names - {"annotations"}

for path, text in json.load(sys.stdin):
    try:
        tree = ast.parse(text, path)
    except (SyntaxError, ValueError) as error:
        print(f"{path}: does not parse: {error}")
        continue
    taken = BUILTIN | bound(tree)
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.alias):
            names += [node.name, node.asname or ""]
        elif isinstance(node, ast.keyword):
            names.append(node.arg or "")
        elif isinstance(node, ast.arg):
            names.append(node.arg)
        if MARK in names:
            print(f"{path}:{getattr(node, 'lineno', 0)}: the marker is code: {ast.dump(node)[:200]}")
        if isinstance(node, ast.ClassDef):
            read = {n.id for item in node.body for n in ast.walk(item) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
            signatures = [a.annotation for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                for a in item.args.args + item.args.kwonlyargs if a.annotation]
            signatures += [item.returns for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.returns]
            in_signatures = {n.id for part in signatures for n in ast.walk(part) if isinstance(n, ast.Name)}
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name in in_signatures:
                    print(f"{path}:{item.lineno}: the method {item.name} shadows a name the class's annotations read")
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.args.args and item.args.args[0].arg == "self":
                    item.args.args[0].arg = "\0self"
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item.target.id in (bound(tree) | read):
                    print(f"{path}:{item.lineno}: the field {item.target.id} shadows a name the module uses")
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.arg in taken:
            print(f"{path}:{node.lineno}: the argument {node.arg} shadows a built-in or a module name")
"#;

/// The Python that checks generated files: the test venv's (`scripts/python-env.sh`), else
/// `python3`; `None` (skip) when neither runs, unless `APIGEN_REQUIRE_PYTHON=1`.
fn python() -> Option<std::path::PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/venv/bin/python");
    for candidate in [venv, std::path::PathBuf::from("python3")] {
        let runs = std::process::Command::new(&candidate).args(["-c", "import ast"]).output();
        if runs.is_ok_and(|o| o.status.success()) {
            return Some(candidate);
        }
    }
    assert!(std::env::var("APIGEN_REQUIRE_PYTHON").map_or(true, |v| v != "1"), "no Python to check the sweep with");
    eprintln!("SKIPPED the Python sweep's ast check: no python3");
    None
}

/// Runs [`PY_CHECK`] over `files` ((label, text)) in one Python process; panics with the problems.
fn assert_python_inert(files: &[(String, String)]) {
    use std::io::Write;
    let Some(python) = python() else { return };
    assert!(!files.is_empty(), "no Python file to check");
    let mut child = std::process::Command::new(python)
        .args(["-c", PY_CHECK, MARK])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run python");
    let input = serde_json::to_vec(files).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().expect("write the files to python");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the ast check failed to run:\n{stderr}");
    assert!(stdout.trim().is_empty(), "{} of {} Python files:\n{stdout}", stdout.lines().count(), files.len());
}

/// The Python files of an output, labelled with what produced them.
fn python_files(output: &Output, what: &str) -> Vec<(String, String)> {
    output
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "py"))
        .map(|f| (format!("{what}: {}", f.path.display()), f.text.clone()))
        .collect()
}

/// Every Python payload into every string and name position of a spec at once; every
/// target renders, and Python's `ast` finds the marker nowhere in the Python files but in
/// strings (one Python process for all payloads). Only the Python client renders: a NUL
/// in an enum value of an `x-table` schema is refused by the migrations (no SQL text holds it).
fn sweep_python(rel: &str) {
    let base = load(rel);
    let python = generate::resolve_targets(&["client-python".to_string()]).expect("the Python target");
    let mut files = Vec::new();
    for payload in python_payloads() {
        let mut tree = base.clone();
        mutate_all(&mut tree, &[], &payload);
        let what = format!("{rel} with {payload:?}");
        match prepare_tree_for(&tree, &settings("specs/sweep.yaml", "sweep"), &python) {
            Ok(Prepared::Output(output)) => files.extend(python_files(&output, &what)),
            Ok(Prepared::Blocked { stops, .. }) => panic!("{what}: free text and names blocked generation: {stops:#?}"),
            Err(e) => panic!("{what}: rendering failed: {e}"),
        }
    }
    assert_python_inert(&files);
}

#[test]
fn python_payloads_never_become_python_code_in_the_fixture() {
    sweep_python("tests/fixtures/untrusted/base.yaml");
}

#[test]
fn python_payloads_never_become_python_code_in_orders() {
    sweep_python("specs/orders.yaml");
}

/// Renames parameters (path keys follow), properties (with `required`) and operation ids
/// to [`PY_NAMES`], the i-th distinct name to the (i mod n)-th, with a `_` before it per
/// round (`_int`: the same Python name, another wire name). Discriminator properties keep
/// their names.
fn builtin_named(tree: &mut Value) {
    fn collect(node: &Value, keep: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                if let Some(Value::String(p)) = map.get("propertyName") {
                    keep.push(p.clone());
                }
                map.values().for_each(|v| collect(v, keep));
            }
            Value::Array(items) => items.iter().for_each(|v| collect(v, keep)),
            _ => {}
        }
    }
    fn rename(node: &mut Value, map: &mut Vec<(String, String)>, keep: &[String]) {
        let mut to = |old: &str| -> String {
            if keep.iter().any(|k| k == old) {
                return old.to_string();
            }
            if let Some((_, new)) = map.iter().find(|(o, _)| o == old) {
                return new.clone();
            }
            let i = map.len();
            let new = format!("{}{}", "_".repeat(i / PY_NAMES.len()), PY_NAMES[i % PY_NAMES.len()]);
            map.push((old.to_string(), new.clone()));
            new
        };
        match node {
            Value::Object(object) => {
                if object.contains_key("in") {
                    if let Some(Value::String(name)) = object.get_mut("name") {
                        *name = to(name);
                    }
                }
                if let Some(Value::String(id)) = object.get_mut("operationId") {
                    *id = to(id);
                }
                // A table's properties are its columns, which its annotations name.
                let table = object.contains_key("x-table");
                if let Some(Value::Object(properties)) = object.get_mut("properties").filter(|_| !table) {
                    let entries: Vec<(String, Value)> = std::mem::take(properties).into_iter().collect();
                    for (key, value) in entries {
                        properties.insert(to(&key), value);
                    }
                }
                if let Some(Value::Array(required)) = object.get_mut("required").filter(|_| !table) {
                    for item in required.iter_mut() {
                        if let Value::String(s) = item {
                            *s = to(s);
                        }
                    }
                }
                for value in object.values_mut() {
                    rename(value, map, keep);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| rename(v, map, keep)),
            _ => {}
        }
    }
    let mut keep = Vec::new();
    collect(tree, &mut keep);
    let mut map = Vec::new();
    rename(tree, &mut map, &keep);
    if let Some(Value::Object(paths)) = tree.get_mut("paths") {
        let entries: Vec<(String, Value)> = std::mem::take(paths).into_iter().collect();
        for (mut key, value) in entries {
            for (old, new) in &map {
                key = key.replace(&format!("{{{old}}}"), &format!("{{{new}}}"));
            }
            paths.insert(key, value);
        }
    }
}

/// Parameters, properties and operations named `int`, `str`, `self`, `None`,
/// `path_segment`, `print`, `__import__`: every target renders, and in the Python client
/// no argument or field shadows a built-in or a name its module uses (Python's `ast`).
#[test]
fn python_names_of_builtins_shadow_nothing() {
    let mut files = Vec::new();
    for rel in ["tests/fixtures/untrusted/base.yaml", "specs/orders.yaml", "tests/client-python/evolution.yaml"] {
        let mut tree = load(rel);
        builtin_named(&mut tree);
        let what = format!("{rel} named after built-ins");
        match prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) {
            Ok(Prepared::Output(output)) => {
                files.extend(python_files(&output, &what));
            }
            Ok(Prepared::Blocked { stops, .. }) => panic!("{what}: blocked: {stops:#?}"),
            Err(e) => panic!("{what}: rendering failed: {e}"),
        }
    }
    // The sweep reaches what it is for: arguments that would have shadowed each name.
    for ident in ["int_", "str_", "self_", "path_segment_", "print_", "import_"] {
        assert!(
            files.iter().any(|(path, text)| path.ends_with("client.py") && text.contains(&format!("\n    {ident}: "))),
            "no parameter was named {ident}"
        );
    }
    assert_python_inert(&files);
}

/// The HTML, link, image and footnote events pulldown-cmark (rustdoc's parser, with
/// GitHub's extensions) finds in Markdown, and the text it shows.
fn markdown_events(markdown: &str) -> (String, Vec<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let (mut shown, mut active) = (String::new(), Vec::new());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) => shown.push_str(&t),
            Event::SoftBreak | Event::HardBreak => shown.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => active.push(format!("html {h}")),
            Event::Start(Tag::Link { dest_url, .. }) => active.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => active.push(format!("image {dest_url}")),
            Event::FootnoteReference(f) | Event::Start(Tag::FootnoteDefinition(f)) => {
                active.push(format!("footnote {f}"))
            }
            _ => {}
        }
    }
    (shown, active)
}

/// The Python client's README with a hostile title and version (HTML, a link, an image,
/// an autolink, an entity, a mention, a bare URL): the README's own links are all it
/// has, and the title shows as written, with no `@mention` or bare URL GitHub would link.
#[test]
fn python_readme_shows_spec_text_as_text() {
    let title = "<img src=x onerror=alert(1)> [click](https://evil.example) ![p](https://t.example/p.gif) <https://evil.example> &#x202E; @octocat www.evil.example";
    let mut tree = load("tests/fixtures/untrusted/base.yaml");
    tree["info"]["title"] = Value::String(title.into());
    tree["info"]["version"] = Value::String("1.0 [v](https://evil.example)".into());
    let Ok(Prepared::Output(output)) = prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) else {
        panic!("the hostile title blocked generation")
    };
    let readme = output.files.iter().find(|f| f.path.ends_with("sweep-client-py/README.md")).expect("a README");
    let (shown, active) = markdown_events(&readme.text);
    // apigen's header is an HTML comment of its own (`--` in a spec path cannot end it).
    let active: Vec<String> = active.into_iter().filter(|a| !a.starts_with("html <!-- @generated by apigen from ")).collect();
    let own = ["link https://www.python-httpx.org/", "link https://docs.pydantic.dev/"];
    assert_eq!(active, own, "{}", readme.text);
    assert!(shown.replace('\u{200b}', "").contains(title), "the title does not show as written:\n{shown}");
    assert!(!shown.contains("@octocat") && !shown.contains("www.evil"), "GitHub would link a mention or URL:\n{shown}");
}

/// Spec Markdown with HTML, links, an image, an autolink and an entity in every string
/// and name at once: no doc comment of any Rust target renders any of them (each block
/// of `///` or `//!` lines parsed as rustdoc does).
#[test]
fn rust_doc_comments_render_no_html_link_or_image_of_the_spec() {
    let payload = " ` <img src=x onerror=alert(1)> [a](https://evil.example) ![p](https://evil.example/p.gif) <https://evil.example> &#x202E; [r]: https://evil.example";
    for rel in ["tests/fixtures/untrusted/base.yaml", "specs/orders.yaml"] {
        let mut tree = load(rel);
        mutate_all(&mut tree, &[], payload);
        let Ok(Prepared::Output(output)) = prepare_tree(&tree, &settings("specs/sweep.yaml", "sweep")) else {
            panic!("{rel}: the Markdown payload blocked generation")
        };
        let mut blocks = 0;
        for file in output.files.iter().filter(|f| f.path.extension().is_some_and(|e| e == "rs")) {
            let mut block = String::new();
            for line in file.text.lines().chain([""]) {
                let line = line.trim_start();
                match ["///", "//!"].iter().find_map(|m| line.strip_prefix(m)) {
                    Some(doc) => {
                        block.push_str(doc.strip_prefix(' ').unwrap_or(doc));
                        block.push('\n');
                    }
                    None if !block.is_empty() => {
                        let (shown, active) = markdown_events(&std::mem::take(&mut block));
                        let spec: Vec<&String> =
                            active.iter().filter(|a| a.contains("://evil.example") || a.contains("onerror=")).collect();
                        assert!(spec.is_empty(), "{rel}: {} renders {spec:?}", file.path.display());
                        assert!(!shown.contains('\u{202e}'), "{rel}: {} spells a bidi override", file.path.display());
                        blocks += 1;
                    }
                    None => {}
                }
            }
        }
        assert!(blocks > 20, "{rel}: only {blocks} doc comments");
    }
}
