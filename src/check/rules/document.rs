//! Structure rules over the raw document (part of the Structure family):
//! values that must fit their schemas (`default`s, `example`s at any depth,
//! `examples` maps), schemas that contradict themselves (`required` names,
//! keywords of another type, discriminators), `$ref` siblings, ambiguous
//! paths, operation ids unusable in code and server variables. What Spectral's
//! `spectral:oas` and Redocly's `recommended` catch, each finding once.
//!
//! Schemas are found by one walk of the raw tree ([`Context::schemas`]): every
//! schema object once, where it is written (a `$ref`'d schema is judged at its
//! definition, not at each use).

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::structure::mismatch_message;
use crate::check::rule::{Check, Context, Rule, Sink};
use crate::check::pattern::Unchecked;
use crate::check::string_format::conforms;
use crate::diagnostic::Level;
use crate::load::refs::local_target;
use crate::load::tree::child;

/// `oas-default-valid`.
pub const DEFAULT_VALID: Rule = Rule {
    id: "oas-default-valid",
    level: Level::Warn,
    summary: "a schema's `default` does not match the schema",
    rationale: "The default is what a server assumes and a generated client or model fills in when the value is absent. A default of the wrong type (`default: \"true\"` on a boolean, `default: 10` on a string) or outside the enum cannot be produced by a valid request, so generated code either fails to compile or silently sends something the server rejects.",
    source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.24 (Schema Object, default)",
    bad: "count:\n  type: integer\n  default: \"10\"",
    good: "count:\n  type: integer\n  default: 10",
    check: Check::Model(default_valid),
};

/// `oas-required-defined`.
pub const REQUIRED_DEFINED: Rule = Rule {
    id: "oas-required-defined",
    level: Level::Warn,
    summary: "a schema's `required` names a property it does not define",
    rationale: "A required name without a property is almost always a typo or a property that was renamed: the schema then demands a member nobody documents, validation rejects every real body, and generated models have no field for it. Properties of `allOf` parts count; `allOf` parts themselves (whose siblings may define the property), schemas with `oneOf`/`anyOf` and schemas without `properties` are not judged.",
    source: "docs/standard.md §1 Documents",
    bad: "Company:\n  type: object\n  required: [id, nmae]\n  properties:\n    id: {type: string}\n    name: {type: string}",
    good: "Company:\n  type: object\n  required: [id, name]\n  properties:\n    id: {type: string}\n    name: {type: string}",
    check: Check::Model(required_defined),
};

/// `oas-discriminator`.
pub const DISCRIMINATOR: Rule = Rule {
    id: "oas-discriminator",
    level: Level::Error,
    summary: "a `discriminator` is not an object with a `propertyName`, a member lacks that property, or a `mapping` does not resolve",
    rationale: "Clients and generated code pick the variant of a `oneOf`/`anyOf` by the discriminator's property. If the discriminator has the wrong shape, a member schema does not declare the property, or a mapping points nowhere, the variant cannot be chosen and decoding fails at run time.",
    source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.25 (Discriminator Object)",
    bad: "Pet:\n  oneOf: [{$ref: '#/components/schemas/Cat'}]\n  discriminator: {propertyName: kind, mapping: {dog: '#/components/schemas/Dog'}}\nCat:\n  type: object\n  properties: {name: {type: string}}",
    good: "Pet:\n  oneOf: [{$ref: '#/components/schemas/Cat'}]\n  discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat'}}\nCat:\n  type: object\n  required: [kind]\n  properties: {kind: {type: string}, name: {type: string}}",
    check: Check::Model(discriminator),
};

/// `oas-keyword-type`.
pub const KEYWORD_TYPE: Rule = Rule {
    id: "oas-keyword-type",
    level: Level::Warn,
    summary: "a schema holds a keyword that does not apply to its `type` (`items` on an integer), no schema keyword at all (a property written outside `properties`), an array without `items`, or `nullable` without `type`",
    rationale: "Validators ignore a keyword that does not apply to the value's type, so `maxLength` on an integer or `items` on an object constrains nothing; a key that is no schema keyword (often a property written one level too high, outside `properties`) is ignored too. An array without `items` accepts anything, and in OpenAPI 3.0 `nullable: true` only takes effect beside an explicit `type`. Each usually means the `type` is wrong or the keyword belongs to a neighbouring schema.",
    source: "docs/standard.md §1 Documents",
    bad: "limit:\n  type: integer\n  items: {type: integer}\n  maxLength: 3",
    good: "limit:\n  type: integer\n  maximum: 100",
    check: Check::Model(keyword_type),
};

/// `oas-enum-type`.
pub const ENUM_TYPE: Rule = Rule {
    id: "oas-enum-type",
    level: Level::Warn,
    summary: "an `enum` value is not of the schema's `type` (`\"created\"` in an integer enum, `null` in a non-nullable one) or not of its `format` (`example.com` in a `format: uri` enum)",
    rationale: "An enum value of another type can never be sent or received: validation rejects it and generated enums cannot represent it (probely's integer `change` enum lists `created`, `comment`, …). It usually means the `type` is wrong. A string value must also be valid for the schema's `format` (`date-time`, `date`, `uuid`, `email`, `uri`, `uri-reference`, `iri`, `iri-reference`, `hostname`, `ipv4`, `ipv6`), or validation rejects it the same way.",
    source: "docs/standard.md §1 Documents",
    bad: "severity:\n  type: string\n  enum: [10, 20, 30]",
    good: "severity:\n  type: integer\n  enum: [10, 20, 30]",
    check: Check::Model(enum_type),
};

/// `oas-ref-siblings`.
pub const REF_SIBLINGS: Rule = Rule {
    id: "oas-ref-siblings",
    level: Level::Warn,
    summary: "in OpenAPI 3.0, an object holds other keys beside `$ref` (they are ignored)",
    rationale: "In OpenAPI 3.0 a Reference Object is replaced whole by its target: a `description`, `nullable` or `example` written beside `$ref` is ignored by every conforming tool, so the document says something no consumer sees. Wrap the reference in `allOf` to add to it (3.1 allows `summary` and `description` beside `$ref`).",
    source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.23 (Reference Object)",
    bad: "owner:\n  $ref: '#/components/schemas/User'\n  nullable: true",
    good: "owner:\n  type: object\n  nullable: true\n  allOf: [{$ref: '#/components/schemas/User'}]",
    check: Check::Model(ref_siblings),
};

/// `oas-path-ambiguous`.
pub const PATH_AMBIGUOUS: Rule = Rule {
    id: "oas-path-ambiguous",
    level: Level::Warn,
    summary: "two path templates match the same request (`/users/{id}/orders` and `/users/me/{kind}`), or differ only in parameter names",
    rationale: "A router must send every request to one operation. Concrete segments win over templated ones, but when each of two paths has a template where the other has a literal, some requests match both and the choice depends on the router. Templates that differ only in parameter names are the same path declared twice.",
    source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.8 (Paths Object)",
    bad: "/api/v1/users/{user_id}/orders: …\n/api/v1/users/me/{kind}: …",
    good: "/api/v1/users/{user_id}/orders: …\n/api/v1/me/{kind}: …",
    check: Check::Model(path_ambiguous),
};

/// `oas-operation-id-usable`.
pub const OPERATION_ID_USABLE: Rule = Rule {
    id: "oas-operation-id-usable",
    level: Level::Warn,
    summary: "an `operationId` holds characters that cannot be part of a name in code or a URL (spaces, slashes, braces)",
    rationale: "Operation ids name generated methods, documentation anchors and links. An id like `Get user by id` or `users/{id}` has to be mangled differently by every generator, so names drift between tools and releases. Letters, digits, `_`, `-` and `.` are safe everywhere.",
    source: "docs/standard.md §1 Documents",
    bad: "operationId: Get user by id",
    good: "operationId: get_user_by_id",
    check: Check::Model(operation_id_usable),
};

/// `oas-parameter-unique`.
pub const PARAMETER_UNIQUE: Rule = Rule {
    id: "oas-parameter-unique",
    level: Level::Error,
    summary: "a `parameters` list declares the same parameter (name and `in`) twice",
    rationale: "A parameter is identified by its name and location. Declared twice in one list, the two declarations disagree sooner or later (types, required, descriptions), and tools keep one or the other at random; generated code cannot have two arguments of one name. An operation may override a path-level parameter, but not repeat one of its own.",
    source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.10 (Operation Object, parameters)",
    bad: "parameters:\n  - {name: q, in: query, schema: {type: string}}\n  - {name: q, in: query, schema: {type: integer}}",
    good: "parameters:\n  - {name: q, in: query, schema: {type: string}}",
    check: Check::Model(parameter_unique),
};

/// `oas-server-variables`.
pub const SERVER_VARIABLES: Rule = Rule {
    id: "oas-server-variables",
    level: Level::Error,
    summary: "a server URL uses a `{variable}` it does not declare, or a declared variable has no `default`, an empty `enum`, a default outside its `enum`, or is unused",
    rationale: "Clients build the base URL by substituting server variables with their defaults. An undeclared variable leaves a literal `{region}` in every request URL; a variable without a usable default cannot be substituted at all; an unused one is dead configuration.",
    source: "docs/standard.md §1 Documents; OpenAPI Specification 3.0.3 §4.8.5 (Server Variable Object)",
    bad: "servers:\n  - url: https://{region}.example.com/{version}\n    variables:\n      region: {enum: [eu, us]}",
    good: "servers:\n  - url: https://{region}.example.com\n    variables:\n      region: {default: eu, enum: [eu, us]}",
    check: Check::Model(server_variables),
};

// ------------------------------------------------------------------ schemas

/// Keys under which a schema holds sub-schemas by name.
const SCHEMA_MAPS: [&str; 2] = ["properties", "patternProperties"];
/// Keys under which a schema holds one sub-schema.
const SCHEMA_ONE: [&str; 4] = ["items", "not", "additionalProperties", "contains"];
/// Keys under which a schema holds a list of sub-schemas.
const SCHEMA_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];
/// Keys of a non-schema object whose values are data, not OpenAPI structure.
const DATA_KEYS: [&str; 4] = ["example", "examples", "default", "enum"];

/// Every schema object of the raw document with its pointer, each once, in document order.
pub(crate) fn collect_schemas(root: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    // (node, pointer, the node is a schema, depth)
    let mut stack: Vec<(&Value, String, bool, usize)> = vec![(root, String::new(), false, 0)];
    while let Some((node, pointer, is_schema, depth)) = stack.pop() {
        if depth > crate::load::tree::MAX_DEPTH {
            continue;
        }
        let Value::Object(map) = node else {
            if let Value::Array(items) = node {
                for (i, item) in items.iter().enumerate().rev() {
                    stack.push((item, child(&pointer, &i.to_string()), false, depth + 1));
                }
            }
            continue;
        };
        let mut children: Vec<(&Value, String, bool)> = Vec::new();
        if is_schema {
            out.push((pointer.clone(), node));
            for (key, value) in map {
                let at = child(&pointer, key);
                if SCHEMA_MAPS.contains(&key.as_str()) {
                    if let Value::Object(props) = value {
                        children.extend(props.iter().map(|(name, s)| (s, child(&at, name), true)));
                    }
                } else if SCHEMA_ONE.contains(&key.as_str()) && value.is_object() {
                    children.push((value, at, true));
                } else if SCHEMA_LISTS.contains(&key.as_str()) {
                    if let Value::Array(parts) = value {
                        children.extend(parts.iter().enumerate().map(|(i, s)| (s, child(&at, &i.to_string()), true)));
                    }
                }
            }
        } else {
            let in_schemas = pointer == "/components/schemas" || pointer == "/definitions";
            for (key, value) in map {
                // Extensions are not OpenAPI, except the webhooks of 3.0 documents (`x-webhooks`).
                let webhooks = pointer.is_empty() && key == "x-webhooks";
                if (key.starts_with("x-") && !webhooks) || DATA_KEYS.contains(&key.as_str()) {
                    continue;
                }
                let at = child(&pointer, key);
                children.push((value, at, in_schemas || key == "schema"));
            }
        }
        for (value, at, schema) in children.into_iter().rev() {
            stack.push((value, at, schema, depth + 1));
        }
    }
    out
}

/// The target of a local `$ref` object, followed through chains (bounded).
fn deref<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    for _ in 0..16 {
        match node.get("$ref").and_then(Value::as_str).and_then(local_target) {
            Some(target) => match crate::load::tree::lookup(root, &target) {
                Some(next) => node = next,
                None => return node,
            },
            None => return node,
        }
    }
    node
}

/// The `type` of a schema (3.0 form; a 3.1 type list is normalised on load).
fn type_of(schema: &Map<String, Value>) -> Option<&str> {
    schema.get("type").and_then(Value::as_str)
}

// --------------------------------------------------------------- validation

/// Validates raw values against raw schemas (JSON Schema as OpenAPI 3.0 uses it):
/// `type`, `nullable`, `enum`, `format` ([`conforms`]), `pattern`, a discriminator's property,
/// bounds, lengths, item counts, `required`, `properties`, `additionalProperties`,
/// `items`, `allOf`, `anyOf`/`oneOf`. Every violation, at most 20.
pub(crate) struct Validator<'a> {
    root: &'a Value,
    /// Patterns not used because they are too large ([`crate::check::pattern`]), with why.
    too_large: std::collections::BTreeMap<String, String>,
}

impl<'a> Validator<'a> {
    /// A validator resolving `$ref`s in `root`.
    pub(crate) fn new(root: &'a Value) -> Self {
        Validator { root, too_large: Default::default() }
    }

    /// Every violation of `value` against `schema`: (pointer inside the value, what is wrong).
    pub(crate) fn validate(&mut self, schema: &Value, value: &Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        self.check(schema, value, "", 0, &mut out);
        out
    }

    /// Reports, at each `pattern` of the document that was too large to check `what`
    /// (`example`, `default`) against, that it was not used.
    pub(crate) fn report_too_large(&self, ctx: &Context<'_>, what: &str, sink: &mut Sink) {
        if self.too_large.is_empty() {
            return;
        }
        for (pointer, schema) in ctx.schemas() {
            let Some(why) = schema.get("pattern").and_then(Value::as_str).and_then(|p| self.too_large.get(p)) else { continue };
            sink.report(child(pointer, "pattern"), format!("the pattern is too large to check {what}s against: {why}"))
                .help("simplify the pattern (an ASCII class such as [A-Za-z0-9_] instead of \\w, a smaller bound), or accept that apigen does not check values against it");
        }
    }

    fn check(&mut self, schema: &Value, value: &Value, at: &str, depth: usize, out: &mut Vec<(String, String)>) {
        if depth > 64 || out.len() >= 20 {
            return;
        }
        let schema = deref(self.root, schema);
        let Value::Object(s) = schema else { return };
        if value.is_null() {
            let nullable = s.get("nullable").and_then(Value::as_bool) == Some(true);
            let enum_null = s.get("enum").and_then(Value::as_array).is_some_and(|e| e.contains(&Value::Null));
            if !nullable && !enum_null && type_of(s).is_some() {
                push(out, at, "null where the schema is not nullable".into());
            }
            return;
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            if !values.contains(value) {
                push(out, at, format!("{} is not one of the enum values", short(value)));
            }
        }
        if let Some(t) = type_of(s).filter(|t| !fits_type(t, value)) {
            push(out, at, format!("expected {t}, found {}", kind_of(value)));
            return;
        }
        self.combinations(s, value, at, depth, out);
        match value {
            Value::Number(n) => {
                let n = n.as_f64().unwrap_or(0.0);
                let num = |k: &str| s.get(k).and_then(Value::as_f64);
                let flag = |k: &str| s.get(k).and_then(Value::as_bool) == Some(true);
                if num("minimum").is_some_and(|m| if flag("exclusiveMinimum") { n <= m } else { n < m })
                    || num("maximum").is_some_and(|m| if flag("exclusiveMaximum") { n >= m } else { n > m })
                {
                    push(out, at, format!("{n} is outside minimum/maximum"));
                }
            }
            Value::String(text) => self.string(s, text, at, out),
            Value::Array(items) => {
                let n = items.len() as u64;
                let count = |k: &str| s.get(k).and_then(Value::as_u64);
                if count("minItems").is_some_and(|m| n < m) || count("maxItems").is_some_and(|m| n > m) {
                    push(out, at, format!("{n} items is outside minItems/maxItems"));
                }
                if let Some(item) = s.get("items") {
                    for (i, v) in items.iter().enumerate() {
                        self.check(item, v, &format!("{at}/{i}"), depth + 1, out);
                    }
                }
            }
            Value::Object(members) => self.object(s, members, at, depth, out),
            _ => {}
        }
    }

    /// `allOf` (every part), `oneOf`/`anyOf` (some alternative).
    fn combinations(&mut self, s: &Map<String, Value>, value: &Value, at: &str, depth: usize, out: &mut Vec<(String, String)>) {
        for part in s.get("allOf").and_then(Value::as_array).into_iter().flatten() {
            self.check(part, value, at, depth + 1, out);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(parts) = s.get(key).and_then(Value::as_array) {
                let fits = parts.iter().any(|part| {
                    let mut probe = Vec::new();
                    self.check(part, value, at, depth + 1, &mut probe);
                    probe.is_empty()
                });
                if !fits && !parts.is_empty() {
                    push(out, at, format!("matches none of the {key} alternatives"));
                }
            }
        }
    }

    /// Property counts, `required` (read-only and write-only members may be absent), the
    /// discriminator's property (which names the variant, so a value cannot do without it),
    /// `properties` and `additionalProperties`.
    fn object(&mut self, s: &Map<String, Value>, members: &Map<String, Value>, at: &str, depth: usize, out: &mut Vec<(String, String)>) {
        let n = members.len() as u64;
        let count = |k: &str| s.get(k).and_then(Value::as_u64);
        if count("minProperties").is_some_and(|m| n < m) || count("maxProperties").is_some_and(|m| n > m) {
            push(out, at, format!("{n} properties is outside minProperties/maxProperties"));
        }
        let props = s.get("properties").and_then(Value::as_object);
        for name in s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            let prop = props.and_then(|p| p.get(name)).map(|p| deref(self.root, p));
            let hidden = prop.is_some_and(|p| p.get("readOnly") == Some(&Value::Bool(true)) || p.get("writeOnly") == Some(&Value::Bool(true)));
            if !members.contains_key(name) && !hidden {
                // A discriminator property that is also required is one defect, said once.
                let said = format!("discriminator property '{name}' is missing");
                out.retain(|(a, m)| a != at || *m != said);
                push(out, at, format!("required property '{name}' is missing"));
            }
        }
        let discriminator = s.get("discriminator").and_then(|d| d.get("propertyName")).and_then(Value::as_str);
        if let Some(name) = discriminator.filter(|name| !members.contains_key(*name)) {
            let required = format!("required property '{name}' is missing");
            if !out.iter().any(|(a, m)| a == at && *m == required) {
                push(out, at, format!("discriminator property '{name}' is missing"));
            }
        }
        for (name, v) in members {
            match props.and_then(|p| p.get(name)) {
                Some(p) => self.check(p, v, &child(at, name), depth + 1, out),
                None => match s.get("additionalProperties") {
                    Some(Value::Bool(false)) if !s.contains_key("allOf") => {
                        push(out, at, format!("property '{name}' is not allowed (additionalProperties: false)"))
                    }
                    Some(extra @ Value::Object(_)) => self.check(extra, v, &child(at, name), depth + 1, out),
                    _ => {}
                },
            }
        }
    }

    fn string(&mut self, s: &Map<String, Value>, text: &str, at: &str, out: &mut Vec<(String, String)>) {
        let len = text.chars().count() as u64;
        let count = |k: &str| s.get(k).and_then(Value::as_u64);
        if count("minLength").is_some_and(|m| len < m) || count("maxLength").is_some_and(|m| len > m) {
            push(out, at, format!("length {len} is outside minLength/maxLength"));
        }
        let format = s.get("format").and_then(Value::as_str).unwrap_or("");
        if !conforms(format, text) {
            push(out, at, format!("'{}' is not a valid {format}", short_str(text)));
        }
        if let Some(pattern) = s.get("pattern").and_then(Value::as_str) {
            // ECMA 262 patterns the regex crate cannot compile are not checked; patterns
            // too large to compile are reported where they are written ([`Validator::report_too_large`]).
            match crate::check::pattern::is_match(pattern, text) {
                Ok(true) | Err(Unchecked::Unsupported) => {}
                Ok(false) => push(out, at, format!("'{}' does not match the pattern {pattern}", short_str(text))),
                Err(Unchecked::TooLarge(why)) => {
                    self.too_large.insert(pattern.to_string(), why);
                }
            }
        }
    }
}

/// Whether a value has the JSON type a schema's `type` names (an integral number is an integer).
fn fits_type(t: &str, value: &Value) -> bool {
    match t {
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

fn push(out: &mut Vec<(String, String)>, at: &str, message: String) {
    if out.len() < 20 {
        out.push((at.to_string(), message));
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A value for a message, cut to 60 characters.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

fn short_str(text: &str) -> String {
    let one = crate::text::one_line(text);
    if one.chars().count() > 60 {
        format!("{}…", one.chars().take(60).collect::<String>())
    } else {
        one.to_string()
    }
}

/// `oas-example-valid`: every `example` of a schema (at any depth: properties, `items`,
/// `allOf` parts, parameter and header schemas), of a parameter, header or media type, and
/// every `examples` map entry (`{value: …}` or a `$ref` to an Example Object, judged where it
/// is declared), against the raw schema. `judged` holds the pointers already judged.
pub(crate) fn more_examples(ctx: &Context<'_>, judged: &mut HashSet<String>, sink: &mut Sink) {
    let mut v = Validator::new(&ctx.doc.root);
    for (pointer, schema) in ctx.schemas() {
        let Some(example) = schema.get("example") else { continue };
        let at = child(pointer, "example");
        if judged.insert(at.clone()) {
            let found = v.validate(schema, example);
            if !found.is_empty() {
                sink.report(at, mismatch_message("example", &found));
            }
        }
    }
    for (pointer, holder) in example_holders(ctx) {
        let Some(schema) = holder.get("schema") else { continue };
        if let Some(example) = holder.get("example") {
            let at = child(&pointer, "example");
            if judged.insert(at.clone()) {
                let found = v.validate(schema, example);
                if !found.is_empty() {
                    sink.report(at, mismatch_message("example", &found));
                }
            }
        }
        if let Some(Value::Object(examples)) = holder.get("examples") {
            examples_map(ctx, &mut v, (&pointer, schema), examples, judged, sink);
        }
    }
    v.report_too_large(ctx, "example", sink);
}

/// What holds `example`/`examples` beside a `schema`: the parameters and media types of every
/// operation, and the shared parameters, headers, responses and request bodies, used or not.
fn example_holders<'a>(ctx: &Context<'a>) -> Vec<(String, &'a Value)> {
    let mut holders: Vec<(String, &Value)> = Vec::new();
    for op in ctx.api.all_operations() {
        for p in &op.parameters {
            if let Some(node) = ctx.raw(&p.pointer) {
                holders.push((p.pointer.clone(), node));
            }
        }
        let media = op.request_body.iter().flat_map(|b| b.content.iter()).chain(op.responses.iter().flat_map(|r| r.content.iter()));
        for m in media {
            if let Some(node) = ctx.raw(&m.pointer) {
                holders.push((m.pointer.clone(), node));
            }
        }
    }
    for kind in ["parameters", "headers"] {
        if let Some(Value::Object(items)) = ctx.raw(&format!("/components/{kind}")) {
            holders.extend(items.iter().map(|(name, node)| (child(&format!("/components/{kind}"), name), node)));
        }
    }
    for kind in ["responses", "requestBodies"] {
        if let Some(Value::Object(items)) = ctx.raw(&format!("/components/{kind}")) {
            for (name, node) in items {
                let at = child(&child(&format!("/components/{kind}"), name), "content");
                for (media, m) in node.get("content").and_then(Value::as_object).into_iter().flatten() {
                    holders.push((child(&at, media), m));
                }
            }
        }
    }
    holders
}

/// The entries of one `examples` map, against the `schema` of their `holder` (its pointer).
fn examples_map(
    ctx: &Context<'_>,
    v: &mut Validator<'_>,
    (holder, schema): (&str, &Value),
    examples: &Map<String, Value>,
    judged: &mut HashSet<String>,
    sink: &mut Sink,
) {
    for (name, example) in examples {
        let written = child(&child(holder, "examples"), name);
        let Some(value) = deref(&ctx.doc.root, example).get("value") else { continue };
        // A shared Example Object is reported where it is declared, once per schema it is
        // used with (soundcloud's `Connection` fits the `Connection` response, not the list).
        let at = match example.get("$ref").and_then(Value::as_str).and_then(local_target) {
            Some(target) => child(&target, "value"),
            None => child(&written, "value"),
        };
        let schema_key = match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => r.to_string(),
            None => child(holder, "schema"),
        };
        if judged.insert(format!("{at}\u{0}{schema_key}")) {
            let found = v.validate(schema, value);
            if !found.is_empty() {
                let message = mismatch_message("example", &found);
                if judged.insert(format!("{at}\u{0}{message}")) {
                    sink.report(at, message);
                }
            }
        }
    }
}

fn default_valid(ctx: &Context<'_>, sink: &mut Sink) {
    let mut v = Validator::new(&ctx.doc.root);
    for (pointer, schema) in ctx.schemas() {
        let Some(default) = schema.get("default") else { continue };
        // A default beside a `$ref` (3.0) is ignored; `oas-ref-siblings` says so.
        if schema.get("$ref").is_some() {
            continue;
        }
        let found = v.validate(schema, default);
        if !found.is_empty() {
            sink.report(child(pointer, "default"), mismatch_message("default", &found))
                .help("make the default a value the schema accepts, or remove it");
        }
    }
    v.report_too_large(ctx, "default", sink);
}

/// The property names a schema defines, with those of its `allOf` parts (resolved);
/// `None` when it cannot tell (`oneOf`/`anyOf`, or no `properties` anywhere).
fn defined_properties<'a>(root: &'a Value, schema: &'a Value, depth: usize, names: &mut HashSet<&'a str>) -> Option<()> {
    let schema = deref(root, schema);
    if depth > 16 || schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
        return None;
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        names.extend(props.keys().map(String::as_str));
    }
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        defined_properties(root, part, depth + 1, names)?;
    }
    Some(())
}

fn required_defined(ctx: &Context<'_>, sink: &mut Sink) {
    let root = &ctx.doc.root;
    // A schema used as an `allOf` part may require what the schemas combining it define
    // (nexmo's `baseMessageType` requires `to`, `from`, `channel`): it is not judged alone.
    let parts: HashSet<String> = ctx
        .schemas()
        .iter()
        .flat_map(|(_, s)| s.get("allOf").and_then(Value::as_array).into_iter().flatten())
        .filter_map(|part| part.get("$ref").and_then(Value::as_str).and_then(local_target))
        .collect();
    for (pointer, schema) in ctx.schemas() {
        let inline_part = pointer.rsplit_once('/').is_some_and(|(parent, _)| parent.ends_with("/allOf"));
        if parts.contains(pointer) || inline_part {
            continue;
        }
        let Some(required) = schema.get("required").and_then(Value::as_array) else { continue };
        let mut names = HashSet::new();
        if defined_properties(root, schema, 0, &mut names).is_none() || names.is_empty() {
            continue;
        }
        for (i, name) in required.iter().enumerate() {
            let Some(name) = name.as_str() else { continue };
            if !names.contains(name) {
                let mut known: Vec<&str> = names.iter().copied().collect();
                known.sort_unstable();
                let help = match crate::suggest::did_you_mean(name, known.iter().copied()) {
                    Some(near) => format!("did you mean '{near}'? Otherwise declare the property or drop it from `required`"),
                    None => "declare the property under `properties`, or drop it from `required`".to_string(),
                };
                sink.report(child(&child(pointer, "required"), &i.to_string()), format!("required property '{name}' is not defined in the schema"))
                    .help(help);
            }
        }
    }
}

fn discriminator(ctx: &Context<'_>, sink: &mut Sink) {
    let root = &ctx.doc.root;
    for (pointer, schema) in ctx.schemas() {
        let Some(disc) = schema.get("discriminator") else { continue };
        let at = child(pointer, "discriminator");
        let Some(property) = disc.get("propertyName").and_then(Value::as_str) else {
            let what = if disc.is_object() { "has no `propertyName`" } else { "is not an object" };
            sink.report(&at, format!("discriminator {what}")).help("write `discriminator: {propertyName: <the property that names the variant>}`");
            continue;
        };
        // mailchimp: `discriminator: {propertyName: condition_type, type: string}`.
        if let Some(map) = disc.as_object() {
            let unknown: Vec<&str> =
                map.keys().map(String::as_str).filter(|k| !matches!(*k, "propertyName" | "mapping") && !k.starts_with("x-")).collect();
            if let Some(first) = unknown.first() {
                let list = unknown.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                sink.report(child(&at, first), format!("discriminator has {list}; a Discriminator Object holds only `propertyName` and `mapping`"))
                    .help("remove the key (the property's type belongs in the member schemas)");
            }
        }
        if let Some(mapping) = disc.get("mapping") {
            match mapping.as_object() {
                Some(map) => {
                    for (key, target) in map {
                        let resolves = target.as_str().is_some_and(|t| {
                            let pointer = local_target(t).unwrap_or_else(|| format!("/components/schemas/{t}"));
                            crate::load::tree::lookup(root, &pointer).is_some()
                        });
                        if !resolves {
                            sink.report(child(&child(&at, "mapping"), key), format!("discriminator mapping '{key}' points to {}, which does not resolve", short(target)))
                                .help("map each value to `#/components/schemas/<Member>` of a declared schema");
                        }
                    }
                }
                None => {
                    sink.report(child(&at, "mapping"), "discriminator mapping is not an object").help("write `mapping: {value: '#/components/schemas/Member'}`");
                }
            }
        }
        for key in ["oneOf", "anyOf"] {
            let members = schema.get(key).and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
            let inline = members.iter().filter(|m| m.get("$ref").is_none()).count();
            if inline > 0 {
                let which = if inline == members.len() { format!("all {inline} members") } else { format!("{inline} of {} members", members.len()) };
                sink.report(child(pointer, key), format!("{which} of {key} are inline; the discriminator can only select named schemas"))
                    .help("move the members to components/schemas and reference them with `$ref`");
            }
            for (i, member) in members.iter().enumerate() {
                if member.get("$ref").is_none() {
                    continue;
                }
                let mut names = HashSet::new();
                // A member without any properties (`{}`) accepts anything: not judged.
                if defined_properties(root, member, 0, &mut names).is_none() || names.is_empty() || names.contains(property) {
                    continue;
                }
                let name = member.get("$ref").and_then(Value::as_str).map_or_else(|| format!("{key}[{i}]"), |r| r.rsplit('/').next().unwrap_or(r).to_string());
                sink.report(child(&child(pointer, key), &i.to_string()), format!("member {name} does not define the discriminator property '{property}'"))
                    .help(format!("declare `{property}` (required) in {name}"));
            }
        }
    }
}

/// Keywords that apply to one family of types only.
const ONLY_FOR: [(&str, &[&str]); 14] = [
    ("items", &["array"]),
    ("minItems", &["array"]),
    ("maxItems", &["array"]),
    ("uniqueItems", &["array"]),
    ("properties", &["object"]),
    ("required", &["object"]),
    ("additionalProperties", &["object"]),
    ("minProperties", &["object"]),
    ("maxProperties", &["object"]),
    ("minLength", &["string"]),
    ("maxLength", &["string"]),
    ("pattern", &["string"]),
    ("minimum", &["integer", "number"]),
    ("maximum", &["integer", "number"]),
];

/// Keywords of a Schema Object (OpenAPI 3.0 and the JSON Schema 2020-12 vocabulary 3.1 adds).
const SCHEMA_KEYWORDS: &[&str] = &[
    "$ref", "title", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength",
    "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties", "minProperties", "required", "enum", "type", "allOf",
    "oneOf", "anyOf", "not", "items", "properties", "additionalProperties", "description", "format", "default", "nullable",
    "discriminator", "readOnly", "writeOnly", "xml", "externalDocs", "example", "deprecated", "examples", "const",
    "$schema", "$id", "$anchor", "$defs", "$comment", "$dynamicRef", "$dynamicAnchor", "definitions", "prefixItems",
    "contains", "minContains", "maxContains", "patternProperties", "propertyNames", "unevaluatedProperties",
    "unevaluatedItems", "dependentRequired", "dependentSchemas", "dependencies", "if", "then", "else",
    "contentMediaType", "contentEncoding", "contentSchema",
];

fn keyword_type(ctx: &Context<'_>, sink: &mut Sink) {
    let v30 = ctx.doc.version.as_deref().is_some_and(|v| v.starts_with("3.0"));
    for (pointer, schema) in ctx.schemas() {
        let Some(map) = schema.as_object() else { continue };
        // discourse: `category_setting: {type: object, auto_bump_cooldown_days: …}`.
        let unknown: Vec<&str> =
            map.keys().map(String::as_str).filter(|k| !k.starts_with("x-") && !SCHEMA_KEYWORDS.contains(k)).collect();
        if let Some(first) = unknown.first() {
            let list = unknown.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let what = if unknown.len() == 1 { "is not a schema keyword and is" } else { "are not schema keywords and are" };
            sink.report(child(pointer, first), format!("{list} {what} ignored"))
                .help("if these are properties, put them under `properties`; otherwise prefix them with `x-`");
        }
        if map.contains_key("$ref") {
            continue;
        }
        if v30 && map.get("nullable") == Some(&Value::Bool(true)) && type_of(map).is_none() {
            sink.report(child(pointer, "nullable"), "`nullable: true` has no effect without a `type` in the same schema (OpenAPI 3.0)")
                .help("add the `type` (beside `allOf: [{$ref: …}]` too), or remove `nullable`");
        }
        let Some(t) = type_of(map) else { continue };
        if t == "array" && !map.contains_key("items") {
            sink.report(pointer, "a schema of type array has no `items`").help("declare `items:` with the schema of the elements");
        }
        let misplaced: Vec<&str> =
            ONLY_FOR.iter().filter(|(k, types)| map.contains_key(*k) && !types.contains(&t)).map(|(k, _)| *k).collect();
        if misplaced.is_empty() {
            continue;
        }
        let list = misplaced.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let first = child(pointer, misplaced[0]);
        let apply = if misplaced.len() == 1 { "applies" } else { "apply" };
        sink.report(first, format!("a schema of type {t} has {list}, which {apply} only to other types"))
            .help("correct the `type`, or move the keyword to the schema it was meant for");
    }
}

fn enum_type(ctx: &Context<'_>, sink: &mut Sink) {
    for (pointer, schema) in ctx.schemas() {
        let (Some(t), Some(values)) = (schema.get("type").and_then(Value::as_str), schema.get("enum").and_then(Value::as_array)) else { continue };
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        for (i, v) in values.iter().enumerate() {
            let fits = match v {
                Value::Null => nullable,
                Value::String(_) => t == "string",
                Value::Bool(_) => t == "boolean",
                Value::Number(n) => t == "number" || (t == "integer" && (n.is_i64() || n.is_u64())),
                Value::Array(_) => t == "array",
                Value::Object(_) => t == "object",
            };
            let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
            let fits_format = v.as_str().is_none_or(|text| conforms(format, text));
            if !fits_format {
                sink.report(child(&child(pointer, "enum"), &i.to_string()), format!("enum value {} is not a valid {format}", short(v)))
                    .help("correct the value, or the `format`");
            } else if !fits {
                let what = if v.is_null() { "null in a schema that is not nullable".to_string() } else { format!("{} is not of type {t}", short(v)) };
                sink.report(child(&child(pointer, "enum"), &i.to_string()), format!("enum value {what}"))
                    .help("correct the `type`, or write the value as the type says");
            }
        }
    }
}

fn ref_siblings(ctx: &Context<'_>, sink: &mut Sink) {
    if !ctx.doc.version.as_deref().is_some_and(|v| v.starts_with("3.0")) {
        return;
    }
    let mut seen = HashSet::new();
    for (pointer, _) in &ctx.doc.refs {
        if !seen.insert(pointer.as_str()) {
            continue;
        }
        let Some(Value::Object(map)) = ctx.raw(pointer) else { continue };
        let siblings: Vec<&str> = map.keys().map(String::as_str).filter(|k| *k != "$ref" && !k.starts_with("x-")).collect();
        let Some(first) = siblings.first() else { continue };
        let list = siblings.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let is = if siblings.len() == 1 { "is" } else { "are" };
        sink.report(child(pointer, first), format!("{list} beside `$ref` {is} ignored in OpenAPI 3.0"))
            .help("wrap the reference: `allOf: [{$ref: …}]` with the other keys beside `allOf`, or move them into the referenced object");
    }
}

/// A whole-segment template (`{id}`); a partly templated segment (`{id}.json`) compares as text.
fn is_templated(segment: &str) -> bool {
    segment.len() > 2 && segment.starts_with('{') && segment.ends_with('}') && segment[1..].find('{').is_none()
}

/// Paths as a trie of segments, a template segment (`{id}`) one wildcard child: the paths a
/// request could reach along with a given one are found by walking the trie, not by comparing
/// every pair (a document of 10,000 paths would take 50 million comparisons).
#[derive(Default)]
struct PathTrie<'a> {
    nodes: Vec<TrieNode<'a>>,
}

/// A node of [`PathTrie`]: indexes into its `nodes`, and of the paths (document order).
#[derive(Default)]
struct TrieNode<'a> {
    literals: HashMap<&'a str, usize>,
    template: Option<usize>,
    ends: Vec<usize>,
}

impl<'a> PathTrie<'a> {
    fn insert(&mut self, segments: &[&'a str], index: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(Default::default());
        }
        let mut node = 0;
        for &segment in segments {
            let next = self.nodes.len();
            let slot = if is_templated(segment) {
                *self.nodes[node].template.get_or_insert(next)
            } else {
                *self.nodes[node].literals.entry(segment).or_insert(next)
            };
            if slot == next {
                self.nodes.push(Default::default());
            }
            node = slot;
        }
        self.nodes[node].ends.push(index);
    }

    /// Every path inserted so far whose segments each equal `segments`' or where either is a
    /// template: the paths some request to `segments` could also match.
    fn overlapping(&self, segments: &[&str]) -> Vec<usize> {
        let mut found = Vec::new();
        let mut stack = if self.nodes.is_empty() { vec![] } else { vec![(0, 0)] };
        while let Some((node, depth)) = stack.pop() {
            let TrieNode { literals, template, ends } = &self.nodes[node];
            let Some(segment) = segments.get(depth) else {
                found.extend_from_slice(ends);
                continue;
            };
            if is_templated(segment) {
                stack.extend(literals.values().map(|&n| (n, depth + 1)));
            } else if let Some(&n) = literals.get(segment) {
                stack.push((n, depth + 1));
            }
            stack.extend(template.map(|n| (n, depth + 1)));
        }
        found.sort_unstable();
        found
    }
}

fn path_ambiguous(ctx: &Context<'_>, sink: &mut Sink) {
    let Some(Value::Object(paths)) = ctx.raw("/paths") else { return };
    let split: Vec<(&str, Vec<&str>)> = paths.keys().map(|p| (p.as_str(), p.split('/').collect())).collect();
    let mut trie = PathTrie::default();
    for (b, (pb, sb)) in split.iter().enumerate() {
        // The first earlier path (in document order) that makes this one ambiguous.
        let message = trie.overlapping(sb).into_iter().find_map(|a| {
            let (pa, sa) = &split[a];
            let (mut a_open, mut b_open) = (0, 0);
            for (x, y) in sa.iter().zip(sb) {
                match (is_templated(x), is_templated(y)) {
                    (true, false) => a_open += 1,
                    (false, true) => b_open += 1,
                    _ => {}
                }
            }
            if a_open == 0 && b_open == 0 {
                Some(format!("path {pb} is the same template as {pa} with other parameter names"))
            } else if a_open > 0 && b_open > 0 {
                Some(format!("paths {pa} and {pb} both match some requests (each has a template where the other has a literal)"))
            } else {
                None
            }
        });
        if let Some(message) = message {
            sink.report(child("/paths", pb), message).help("make one segment literal in both, or merge the two paths");
        }
        trie.insert(sb, b);
    }
}

fn operation_id_usable(ctx: &Context<'_>, sink: &mut Sink) {
    for op in ctx.api.operations.iter().filter(|op| op.id_declared) {
        let id = &op.id;
        let bad: Vec<char> = id.chars().filter(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))).collect();
        if bad.is_empty() && !id.is_empty() {
            continue;
        }
        let mut shown: Vec<String> = bad.iter().map(|c| if c.is_whitespace() { "space".to_string() } else { format!("'{c}'") }).collect();
        shown.dedup();
        sink.report(child(&op.pointer, "operationId"), format!("operationId '{}' contains {}", crate::text::one_line(id), shown.join(", ")))
            .help(format!("use letters, digits, `_`, `-` and `.` only, e.g. `{}`", heck::ToSnakeCase::to_snake_case(id.as_str())));
    }
}

fn parameter_unique(ctx: &Context<'_>, sink: &mut Sink) {
    let root = &ctx.doc.root;
    let Some(Value::Object(paths)) = ctx.raw("/paths") else { return };
    let mut lists: Vec<String> = Vec::new();
    for (path, item) in paths {
        let at = child("/paths", path);
        lists.push(child(&at, "parameters"));
        if let Value::Object(ops) = item {
            lists.extend(ops.keys().filter(|m| !m.starts_with("x-")).map(|m| child(&child(&at, m), "parameters")));
        }
    }
    // Webhooks and callbacks: each operation's list and its path item's.
    for w in &ctx.api.webhooks {
        let item = w.operation.pointer.rsplit_once('/').map_or("", |(item, _)| item);
        for list in [child(item, "parameters"), child(&w.operation.pointer, "parameters")] {
            if !lists.contains(&list) {
                lists.push(list);
            }
        }
    }
    for list in lists {
        let Some(Value::Array(params)) = ctx.raw(&list) else { continue };
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for (i, p) in params.iter().enumerate() {
            let p = deref(root, p);
            let (Some(name), Some(location)) = (p.get("name").and_then(Value::as_str), p.get("in").and_then(Value::as_str)) else { continue };
            // Header names are case-insensitive (RFC 9110 §5.1).
            let key = if location == "header" { name.to_ascii_lowercase() } else { name.to_string() };
            if let Some(first) = seen.insert((key, location.to_string()), i) {
                sink.report(child(&list, &i.to_string()), format!("{location} parameter '{}' is declared twice in this list (first at index {first})", crate::text::one_line(name)))
                    .help("keep one declaration");
            }
        }
    }
}

fn server_variables(ctx: &Context<'_>, sink: &mut Sink) {
    let mut lists: Vec<String> = vec!["/servers".into()];
    if let Some(Value::Object(paths)) = ctx.raw("/paths") {
        for (path, item) in paths {
            let at = child("/paths", path);
            lists.push(child(&at, "servers"));
            if let Value::Object(ops) = item {
                lists.extend(ops.keys().map(|m| child(&child(&at, m), "servers")));
            }
        }
    }
    for list in lists {
        let Some(Value::Array(servers)) = ctx.raw(&list) else { continue };
        for (i, server) in servers.iter().enumerate() {
            let at = child(&list, &i.to_string());
            let Some(url) = server.get("url").and_then(Value::as_str) else { continue };
            let used: Vec<&str> = url.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n)).collect();
            let variables = server.get("variables").and_then(Value::as_object);
            for name in &used {
                if !variables.is_some_and(|v| v.contains_key(*name)) {
                    sink.report(child(&at, "url"), format!("server URL {url} uses {{{name}}}, which is not declared in `variables`"))
                        .help(format!("declare `variables: {{{name}: {{default: …}}}}`"));
                }
            }
            // LUIS: `{Endpoint}/luis/authoring/v3.0-preview` with `Endpoint: {default: none}`.
            let substituted = used.iter().fold(url.to_string(), |u, name| {
                let value = variables.and_then(|v| v.get(*name)).and_then(|v| v.get("default")).and_then(Value::as_str).unwrap_or("x");
                u.replace(&format!("{{{name}}}"), value)
            });
            let url_at = if variables.is_some() { child(&at, "variables") } else { child(&at, "url") };
            let is_url = substituted.starts_with('/')
                || substituted.split_once("://").is_some_and(|(scheme, _)| {
                    !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
                });
            if !used.is_empty() && !is_url {
                sink.report(url_at, format!("server URL {url} becomes '{}' with its variables' defaults, which is neither an absolute URL nor a path", crate::text::one_line(&substituted)))
                    .help("give the variables defaults that make a URL (e.g. `default: https://api.example.com`), or put the scheme in the URL");
            }
            for (name, var) in variables.into_iter().flatten() {
                let var_at = child(&child(&at, "variables"), name);
                if !used.contains(&name.as_str()) {
                    sink.report(&var_at, format!("server variable '{name}' is not used in the URL {url}")).help("use it in the URL as `{name}`, or remove it");
                }
                let default = var.get("default");
                let options = var.get("enum").and_then(Value::as_array);
                match (default, options) {
                    (None, _) => {
                        sink.report(&var_at, format!("server variable '{name}' has no `default`")).help("add `default:` with the value clients use when they choose none");
                    }
                    (Some(d), Some(options)) if !options.is_empty() && !options.contains(d) => {
                        sink.report(child(&var_at, "default"), format!("the default {} of server variable '{name}' is not one of its enum values", short(d)))
                            .help("make the default one of the `enum` values");
                    }
                    _ => {}
                }
                if options.is_some_and(Vec::is_empty) {
                    sink.report(child(&var_at, "enum"), format!("server variable '{name}' has an empty `enum`")).help("list the allowed values, or remove `enum`");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{check, doc, findings};

    /// One GET returning `Thing`; components follow with `schemas:` (see [`schemas`]).
    const PATHS: &str = "  /api/v1/things:\n    get:\n      operationId: get_things\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n";

    fn schemas(yaml: &str) -> String {
        format!("  schemas:\n{yaml}")
    }

    fn pointers(yaml: &str, rule: &str) -> Vec<String> {
        findings(yaml, rule).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn defaults_must_fit_their_schemas() {
        // mailchimp: `notify_on_subscribe: {default: false, type: string}`; bkk: an array parameter with a string default.
        let thing = "    Thing:\n      type: object\n      properties:\n        notify_on_subscribe: {default: false, description: The email address to send subscribe notifications to., type: string}\n        count: {type: integer, minimum: 1, default: 0}\n        fine: {type: string, enum: [a, b], default: b}\n";
        let paths = PATHS.replace(
            "operationId: get_things\n",
            "operationId: get_things\n      parameters:\n        - {name: include_references, in: query, schema: {type: array, items: {type: string}, default: 'true'}}\n",
        );
        let found = check(&doc(&paths, &schemas(thing)));
        let found: Vec<(&str, &str)> =
            found.iter().filter(|d| d.rule == "oas-default-valid").map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("/paths/~1api~1v1~1things/get/parameters/0/schema/default", "default does not match its schema: expected array, found string"),
                ("/components/schemas/Thing/properties/notify_on_subscribe/default", "default does not match its schema: expected string, found boolean"),
                ("/components/schemas/Thing/properties/count/default", "default does not match its schema: 0 is outside minimum/maximum"),
            ]
        );
        let good = thing.replace("default: false", "default: ''").replace("default: 0", "default: 1");
        assert!(findings(&doc(PATHS, &schemas(&good)), "oas-default-valid").is_empty());
    }

    /// The findings of `rule` as (pointer, line, message).
    fn messages(yaml: &str, rule: &str) -> Vec<(String, usize, String)> {
        check(yaml).into_iter().filter(|d| d.rule == rule).map(|d| (d.pointer, d.location.map_or(0, |l| l.line), d.message)).collect()
    }

    #[test]
    fn uri_hostname_and_ip_formats_are_checked_in_examples_defaults_and_enums() {
        // Thing's first property is on line 21.
        let thing = "    Thing:\n      type: object\n      properties:\n        homepage: {type: string, format: uri, example: www.example.com}\n        callback: {type: string, format: uri-reference, default: '/hooks/{id} x'}\n        host: {type: string, format: hostname, enum: [api.example.com, -internal-]}\n        ip: {type: string, format: ipv4, default: 10.0.0.256}\n        ip6: {type: string, format: ipv6, example: 2001:db8::g}\n";
        let at = |p: &str| format!("/components/schemas/Thing/properties/{p}");
        let yaml = doc(PATHS, &schemas(thing));
        assert_eq!(
            messages(&yaml, "oas-example-valid"),
            [
                (at("homepage/example"), 21, "example does not match its schema: 'www.example.com' is not a valid uri".to_string()),
                (at("ip6/example"), 25, "example does not match its schema: '2001:db8::g' is not a valid ipv6".to_string()),
            ]
        );
        assert_eq!(
            messages(&yaml, "oas-default-valid"),
            [
                (at("callback/default"), 22, "default does not match its schema: '/hooks/{id} x' is not a valid uri-reference".to_string()),
                (at("ip/default"), 24, "default does not match its schema: '10.0.0.256' is not a valid ipv4".to_string()),
            ]
        );
        assert_eq!(messages(&yaml, "oas-enum-type"), [(at("host/enum/1"), 23, "enum value \"-internal-\" is not a valid hostname".to_string())]);
        let good = thing
            .replace("example: www.example.com", "example: 'https://www.example.com'")
            .replace("'/hooks/{id} x'", "/hooks/1")
            .replace("-internal-", "internal")
            .replace("10.0.0.256", "10.0.0.255")
            .replace("2001:db8::g", "'2001:db8::1'");
        let yaml = doc(PATHS, &schemas(&good));
        for rule in ["oas-example-valid", "oas-default-valid", "oas-enum-type"] {
            assert!(findings(&yaml, rule).is_empty(), "{rule}: {:?}", findings(&yaml, rule));
        }
    }

    #[test]
    fn examples_of_a_discriminated_schema_name_the_discriminator_property() {
        // The members do not require `kind`, so only the discriminator demands it.
        let pets = "    Thing:\n      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]\n      discriminator: {propertyName: kind}\n      example: {name: Tom}\n    Cat:\n      type: object\n      properties: {kind: {type: string}, name: {type: string}}\n    Dog:\n      type: object\n      properties: {kind: {type: string}, name: {type: string}}\n      allOf: [{$ref: '#/components/schemas/Animal'}]\n      example: {name: Rex}\n    Animal:\n      type: object\n      properties: {kind: {type: string}}\n      discriminator: {propertyName: kind}\n";
        assert_eq!(
            messages(&doc(PATHS, &schemas(pets)), "oas-example-valid"),
            [
                ("/components/schemas/Thing/example".to_string(), 21, "example does not match its schema: discriminator property 'kind' is missing".to_string()),
                ("/components/schemas/Dog/example".to_string(), 29, "example does not match its schema: discriminator property 'kind' is missing".to_string()),
            ]
        );
        // Required as well: one defect, said once.
        let required = pets.replace("      properties: {kind: {type: string}}\n", "      properties: {kind: {type: string}}\n      required: [kind]\n");
        let found = messages(&doc(PATHS, &schemas(&required)), "oas-example-valid");
        assert_eq!(found[1].2, "example does not match its schema: required property 'kind' is missing");
        let good = pets.replace("{name: Tom}", "{kind: Cat, name: Tom}").replace("{name: Rex}", "{kind: Dog, name: Rex}");
        assert!(findings(&doc(PATHS, &schemas(&good)), "oas-example-valid").is_empty());
    }

    #[test]
    fn examples_in_items_parameter_schemas_and_examples_maps_are_checked() {
        // files.com: `items: {example: [1, 2], type: integer}`; twitter: `usernames` schema example
        // "TwitterDev,TwitterAPI" on an array; LUIS: a shared Example Object `{value: 8645}` for a uuid.
        let paths = "  /api/v1/things:\n    get:\n      operationId: get_things\n      parameters:\n        - {description: 'A list of usernames, comma-separated.', explode: false, in: query, name: usernames, required: true, style: form, schema: {example: 'TwitterDev,TwitterAPI', items: {type: string, pattern: '^[A-Za-z0-9_]{1,15}$'}, maxItems: 100, minItems: 1, type: array}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n        '201':\n          description: A GUID of the created role.\n          content:\n            application/json:\n              schema: {type: string, format: uuid}\n              examples:\n                Successful Create Custom Prebuilt Entity Role request: {$ref: '#/components/examples/Role'}\n                Inline: {value: 'not-a-uuid'}\n";
        let components = "  examples:\n    Role: {value: 8645}\n  schemas:\n    Thing:\n      type: object\n      properties:\n        sync_ids:\n          description: IDs of remote sync folder behaviors to run by this Automation\n          example: [1, 2]\n          items: {example: [1, 2], format: int32, type: integer}\n          type: array\n";
        assert_eq!(
            pointers(&doc(paths, components), "oas-example-valid"),
            [
                "/paths/~1api~1v1~1things/get/parameters/0/schema/example",
                "/paths/~1api~1v1~1things/get/responses/201/content/application~1json/examples/Inline/value",
                "/components/examples/Role/value",
                "/components/schemas/Thing/properties/sync_ids/items/example",
            ]
        );
        let good = doc(
            &paths.replace("example: 'TwitterDev,TwitterAPI'", "example: [TwitterDev, TwitterAPI]").replace("'not-a-uuid'", "'123e4567-e89b-12d3-a456-426614174000'"),
            &components.replace("{value: 8645}", "{value: '123e4567-e89b-12d3-a456-426614174000'}").replace("items: {example: [1, 2]", "items: {example: 1"),
        );
        assert!(findings(&good, "oas-example-valid").is_empty());
    }

    #[test]
    fn shared_examples_are_judged_against_every_schema_they_are_used_with() {
        // soundcloud: the `Connection` Example Object fits the `Connection` response but not a list;
        // amadeus: `source` holds two members where `maxProperties: 1`.
        let paths = "  /me/connections:\n    get:\n      operationId: list\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}\n              examples: {default: {$ref: '#/components/examples/Connection'}}\n  /me/connections/{id}:\n    get:\n      operationId: get\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n              examples: {default: {$ref: '#/components/examples/Connection'}}\n";
        let components = "  examples:\n    Connection: {value: {id: 123456, source: {pointer: /a, parameter: b}}}\n  schemas:\n    Thing:\n      type: object\n      properties:\n        id: {type: integer}\n        source: {type: object, maxProperties: 1}\n";
        let found = check(&doc(paths, components));
        let found: Vec<(&str, &str)> = found.iter().filter(|d| d.rule == "oas-example-valid").map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("/components/examples/Connection/value", "example does not match its schema: expected array, found object"),
                ("/components/examples/Connection/value", "example does not match its schema at /source: 2 properties is outside minProperties/maxProperties"),
            ]
        );
    }

    #[test]
    fn parameters_are_declared_once_per_list() {
        let paths = "  /api/v1/things:\n    parameters:\n      - {name: X-Trace, in: header, schema: {type: string}}\n      - {name: x-trace, in: header, schema: {type: string}}\n    get:\n      operationId: list\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n        - {name: q, in: path, required: true, schema: {type: string}}\n        - $ref: '#/components/parameters/Q'\n        - {name: X-Trace, in: header, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n";
        let components = "  parameters:\n    Q: {name: q, in: query, schema: {type: integer}}\n";
        // The path-level pair collides (header names ignore case); the operation repeats `q` in
        // the query (via a $ref); `q` in the path and an override of the path-level header are fine.
        assert_eq!(
            pointers(&doc(paths, components), "oas-parameter-unique"),
            ["/paths/~1api~1v1~1things/parameters/1", "/paths/~1api~1v1~1things/get/parameters/2"]
        );
    }

    #[test]
    fn server_urls_must_be_urls_once_substituted() {
        // azure LUIS: `{Endpoint}/luis/authoring/v3.0-preview` with `Endpoint: {default: none}`.
        let yaml = doc(PATHS, "").replace(
            "servers: [{url: 'https://api.example.com'}]",
            "servers:\n  - url: '{Endpoint}/luis/authoring/v3.0-preview'\n    variables:\n      Endpoint: {description: 'Supported Cognitive Services endpoints (protocol and hostname, for example: https://westus.api.cognitive.microsoft.com).', default: none}",
        );
        assert_eq!(pointers(&yaml, "oas-server-variables"), ["/servers/0/variables"]);
        assert!(findings(&yaml.replace("default: none", "default: 'https://westus.api.cognitive.microsoft.com'"), "oas-server-variables").is_empty());
    }

    #[test]
    fn required_names_defined_properties() {
        // brex: an inline response schema requiring `level`, which it does not define.
        let thing = "    Thing:\n      type: object\n      required: [validationStatus, level, nmae]\n      properties:\n        validationStatus: {type: string}\n        name: {type: string}\n    Combined:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - {type: object, properties: {to: {type: string}}}\n    Base:\n      type: object\n      required: [to, client_ref]\n      properties:\n        client_ref: {type: string}\n    Extended:\n      type: object\n      required: [to]\n      allOf: [{type: object, properties: {to: {type: string}}}]\n    WhatsApp:\n      allOf:\n        - {type: object, required: [to, whatsapp], properties: {to: {type: string}}}\n        - {type: object, properties: {whatsapp: {type: object}}}\n";
        let found = check(&doc(PATHS, &schemas(thing)));
        let found: Vec<_> = found.iter().filter(|d| d.rule == "oas-required-defined").collect();
        let at: Vec<&str> = found.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(at, ["/components/schemas/Thing/required/1", "/components/schemas/Thing/required/2"]);
        assert_eq!(found[0].message, "required property 'level' is not defined in the schema");
        assert_eq!(found[1].help.as_deref(), Some("did you mean 'name'? Otherwise declare the property or drop it from `required`"));
    }

    #[test]
    fn discriminators_have_the_right_shape_and_members() {
        // mailchimp: `discriminator: {propertyName: condition_type, type: string}` beside inline
        // members; a mapping to a missing schema; a member without the property. (A discriminator
        // on a schema without oneOf, mailchimp's `trigger_settings`, selects nothing and harms nothing.)
        let thing = "    Thing:\n      type: object\n      properties:\n        conditions:\n          type: array\n          items:\n            oneOf:\n              - $ref: '#/components/schemas/Aim'\n              - $ref: '#/components/schemas/Plain'\n              - {type: object, properties: {condition_type: {type: string}}}\n            discriminator: {propertyName: condition_type, type: string, mapping: {Aim: '#/components/schemas/Aim', Gone: '#/components/schemas/Gone'}}\n        trigger_settings:\n          description: Available triggers for Automation workflows.\n          discriminator: {propertyName: workflow_type}\n          properties: {workflow_type: {type: string}}\n    Aim:\n      type: object\n      properties: {condition_type: {type: string, enum: [Aim]}}\n    Plain:\n      type: object\n      properties: {field: {type: string}}\n";
        assert_eq!(
            pointers(&doc(PATHS, &schemas(thing)), "oas-discriminator"),
            [
                "/components/schemas/Thing/properties/conditions/items/oneOf",
                "/components/schemas/Thing/properties/conditions/items/oneOf/1",
                "/components/schemas/Thing/properties/conditions/items/discriminator/type",
                "/components/schemas/Thing/properties/conditions/items/discriminator/mapping/Gone",
            ]
        );
        let good = "    Thing:\n      type: object\n      properties:\n        conditions:\n          type: array\n          items:\n            oneOf: [{$ref: '#/components/schemas/Aim'}]\n            discriminator: {propertyName: condition_type, mapping: {Aim: '#/components/schemas/Aim'}}\n    Aim:\n      type: object\n      properties: {condition_type: {type: string, enum: [Aim]}}\n";
        assert!(findings(&doc(PATHS, &schemas(good)), "oas-discriminator").is_empty());
    }

    #[test]
    fn keywords_belong_to_the_type() {
        // mailchimp: `default_country: {type: integer, items: …}`; just-eat: `maxLength` on an array.
        let thing = "    Thing:\n      type: object\n      properties:\n        default_country: {description: The default country code for the signup form., type: integer, items: {type: integer}}\n        OptionGroups: {type: array, maxLength: 10, items: {type: string}}\n        fine: {type: string, maxLength: 3}\n";
        assert_eq!(
            pointers(&doc(PATHS, &schemas(thing)), "oas-keyword-type"),
            ["/components/schemas/Thing/properties/default_country/items", "/components/schemas/Thing/properties/OptionGroups/maxLength"]
        );
    }

    #[test]
    fn schema_keywords_arrays_and_nullable() {
        // discourse: properties written beside `type` instead of under `properties`, and `type: array`
        // without `items`; just-eat: `GeoLocation: {nullable: true, allOf: [{$ref: …}]}`.
        let thing = "    Thing:\n      type: object\n      properties:\n        category_setting:\n          type: object\n          auto_bump_cooldown_days: {type: integer}\n          num_auto_bump_daily: {type: integer}\n        denied_emojis: {type: array}\n        GeoLocation:\n          nullable: true\n          allOf: [{$ref: '#/components/schemas/Geo'}]\n        fine: {type: object, nullable: true, x-note: kept, allOf: [{$ref: '#/components/schemas/Geo'}]}\n    Geo: {type: object, properties: {lat: {type: number}}}\n";
        let found = check(&doc(PATHS, &schemas(thing)));
        let found: Vec<(&str, &str)> = found.iter().filter(|d| d.rule == "oas-keyword-type").map(|d| (d.pointer.as_str(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("/components/schemas/Thing/properties/category_setting/auto_bump_cooldown_days", "`auto_bump_cooldown_days`, `num_auto_bump_daily` are not schema keywords and are ignored"),
                ("/components/schemas/Thing/properties/denied_emojis", "a schema of type array has no `items`"),
                ("/components/schemas/Thing/properties/GeoLocation/nullable", "`nullable: true` has no effect without a `type` in the same schema (OpenAPI 3.0)"),
            ]
        );
    }

    #[test]
    fn enum_values_have_the_schema_type() {
        // probely: `change: {type: integer, enum: [created, comment]}`, `findingSeverity: {type: string, enum: [10, 20]}`.
        let thing = "    Thing:\n      type: object\n      properties:\n        change: {type: integer, enum: [created, 2]}\n        severity: {type: string, enum: [10, low]}\n        action: {type: string, nullable: true, enum: [null, run]}\n        strict: {type: string, enum: [null, run]}\n";
        assert_eq!(
            pointers(&doc(PATHS, &schemas(thing)), "oas-enum-type"),
            [
                "/components/schemas/Thing/properties/change/enum/0",
                "/components/schemas/Thing/properties/severity/enum/0",
                "/components/schemas/Thing/properties/strict/enum/0",
            ]
        );
    }

    #[test]
    fn ref_siblings_are_reported_in_3_0_only() {
        // ebay: `uploadSummary: {$ref: …, description: …}`.
        let thing = "    Thing:\n      type: object\n      properties:\n        uploadSummary:\n          $ref: '#/components/schemas/Summary'\n          description: The upload summary.\n        wrapped:\n          description: Fine.\n          allOf: [{$ref: '#/components/schemas/Summary'}]\n    Summary: {type: object, properties: {count: {type: integer}}}\n";
        let yaml = doc(PATHS, &schemas(thing));
        assert_eq!(pointers(&yaml, "oas-ref-siblings"), ["/components/schemas/Thing/properties/uploadSummary/description"]);
        assert!(findings(&yaml.replace("openapi: 3.0.3", "openapi: 3.1.0"), "oas-ref-siblings").is_empty());
    }

    #[test]
    fn ambiguous_paths_and_renamed_parameters() {
        let op = |path: &str, id: &str| format!("  {path}:\n    get:\n      operationId: {id}\n      responses:\n        '200': {{description: ok}}\n");
        // onsched: `/services/allocations/{id}` and `/services/{id}/resources`; lgtm: `/codereviews/{review-id}` twice.
        let paths = [
            op("/setup/v1/services/allocations/{id}", "a"),
            op("/setup/v1/services/{id}/resources", "b"),
            op("/codereviews/{project-id}", "c"),
            op("/codereviews/{review-id}", "d"),
            op("/users/{id}", "e"),
            op("/users/me", "f"),
            op("/t/{id}.json", "g"),
            op("/t/latest.json", "h"),
        ]
        .concat();
        assert_eq!(
            pointers(&doc(&paths, ""), "oas-path-ambiguous"),
            ["/paths/~1setup~1v1~1services~1{id}~1resources", "/paths/~1codereviews~1{review-id}"]
        );
    }

    #[test]
    fn operation_ids_are_usable_names() {
        // petstore-expanded: `operationId: find pet by id`.
        let paths = "  /pets/{id}:\n    get:\n      operationId: find pet by id\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: integer}}\n      responses:\n        '200': {description: pet response}\n  /pets:\n    get:\n      operationId: findPets\n      responses:\n        '200': {description: ok}\n";
        let found = check(&doc(paths, ""));
        let found: Vec<_> = found.iter().filter(|d| d.rule == "oas-operation-id-usable").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/paths/~1pets~1{id}/get/operationId");
        assert_eq!(found[0].help.as_deref(), Some("use letters, digits, `_`, `-` and `.` only, e.g. `find_pet_by_id`"));
    }

    #[test]
    fn server_variables_are_declared_and_usable() {
        let bad = doc(PATHS, "").replace(
            "servers: [{url: 'https://api.example.com'}]",
            "servers:\n  - url: 'https://{region}.example.com/{version}'\n    variables:\n      region: {enum: [eu, us]}\n      port: {default: '443'}\n  - url: 'https://{tier}.example.com'\n    variables:\n      tier: {default: gold, enum: [free, paid]}",
        );
        assert_eq!(
            pointers(&bad, "oas-server-variables"),
            [
                "/servers/0/url",
                "/servers/0/variables/region",
                "/servers/0/variables/port",
                "/servers/1/variables/tier/default",
            ]
        );
        let good = doc(PATHS, "").replace(
            "servers: [{url: 'https://api.example.com'}]",
            "servers:\n  - url: 'https://{region}.example.com'\n    variables:\n      region: {default: eu, enum: [eu, us]}",
        );
        assert!(findings(&good, "oas-server-variables").is_empty());
    }
}
