//! Data format rules: timestamps, ids, emails, phone numbers, money and
//! measurements carry the formats and companions the standards require,
//! and bodies are JSON (docs/standard.md §7 Data formats).

use std::collections::{HashMap, HashSet};

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::model::conventions::IdFormat;
use crate::model::{Field, Media, Operation, ParamLocation, Parameter, Primitive, TypeGraph, TypeKind, TypeRef};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "format-datetime",
        level: Level::Warn,
        summary: "a `*_at` field is not a `date-time`, or a `*_date` field is not a `date`",
        rationale: "Instants are ISO 8601 / RFC 3339 date-times in UTC (`2024-01-01T12:00:00Z`) and calendar days are full dates (`2024-01-01`). Declaring the format lets generators use real date types and lets validation reject epoch numbers and local formats.",
        source: "docs/standard.md §7 Data formats",
        bad: "created_at: {type: integer, description: Unix seconds}\ndue_date: {type: string}",
        good: "created_at: {type: string, format: date-time}\ndue_date: {type: string, format: date}",
        check: Check::Model(datetime),
    },
    Rule {
        id: "format-id",
        level: Level::Warn,
        summary: "an `id` or `*_id` field or path parameter does not have the `id-format` type",
        rationale: "Resource ids have one type across the API (`id-format`: UUIDs by default, integers for teams that chose them), so that references, path parameters, generated types and foreign-key columns agree.",
        source: "docs/standard.md §7 Data formats",
        bad: "customer_id: {type: string}",
        good: "customer_id: {type: string, format: uuid}",
        check: Check::Model(id_format),
    },
    Rule {
        id: "format-email",
        level: Level::Info,
        summary: "an `email` or `*_email` string has no `format: email`",
        rationale: "`format: email` documents the value and turns on RFC 5322 validation in generated servers and mock data in tools.",
        source: "docs/standard.md §7 Data formats",
        bad: "email: {type: string}",
        good: "email: {type: string, format: email}",
        check: Check::Model(email),
    },
    Rule {
        id: "format-phone",
        level: Level::Info,
        summary: "a phone number field has no E.164 `pattern`",
        rationale: "Phone numbers are exchanged in E.164 (`+14155552671`): a leading `+`, the country code and at most 15 digits. A pattern makes that contract explicit and rejects local formats.",
        source: "docs/standard.md §7 Data formats",
        bad: "phone: {type: string}",
        good: "phone: {type: string, pattern: '^\\+[1-9]\\d{1,14}$'}",
        check: Check::Model(phone),
    },
    Rule {
        id: "money-currency",
        level: Level::Warn,
        summary: "a money amount has no sibling `currency`",
        rationale: "An amount without its currency is ambiguous the moment a second currency appears. Every amount travels with an ISO 4217 code (`currency`, or `{prefix}_currency` when one object holds several amounts).",
        source: "docs/standard.md §7 Data formats",
        bad: "Order:\n  properties:\n    total_amount: {type: string, format: decimal}",
        good: "Order:\n  properties:\n    total_amount: {type: string, format: decimal}\n    currency: {type: string, pattern: '^[A-Z]{3}$'}",
        check: Check::Model(money_currency),
    },
    Rule {
        id: "measurement-unit",
        level: Level::Warn,
        summary: "a measurement (`weight`, `length`, `duration`…) has no sibling unit",
        rationale: "A bare number does not say whether it is kilograms or pounds, seconds or milliseconds. Either add a `{name}_unit` sibling or put the unit in the name (`weight_kg`, `timeout_ms`).",
        source: "docs/standard.md §7 Data formats",
        bad: "Parcel:\n  properties:\n    weight: {type: number}",
        good: "Parcel:\n  properties:\n    weight: {type: number}\n    weight_unit: {type: string, enum: [kg, lb]}",
        check: Check::Model(measurement_unit),
    },
    Rule {
        id: "content-type-json",
        level: Level::Warn,
        summary: "a request or response body is not JSON",
        rationale: "The standards exchange JSON bodies; generated clients and servers (de)serialize JSON only. File uploads (`multipart/form-data`, form posts) and downloads (`application/octet-stream`, `format: binary`, PDFs, images, archives) are the accepted exceptions, and so are other types offered beside JSON (content negotiation); deliberate others (a CSV export) can be silenced with `x-apigen-ignore`.",
        source: "docs/standard.md §7 Data formats",
        bad: "content:\n  application/xml:\n    schema: {$ref: '#/components/schemas/Order'}",
        good: "content:\n  application/json:\n    schema: {$ref: '#/components/schemas/Order'}",
        check: Check::Model(content_type),
    },
];


/// The primitives a type can be: its own, an enum's base, or those of a union's variants.
/// Empty for objects, arrays, maps and untyped values.
fn primitives(graph: &TypeGraph, ty: &TypeRef, out: &mut Vec<Primitive>, depth: usize) {
    if depth > 8 {
        return;
    }
    match graph.unalias(ty) {
        TypeRef::Primitive(p) => out.push(*p),
        TypeRef::Named(id) => match &graph.get(*id).kind {
            TypeKind::Enum { base, .. } => out.push(*base),
            TypeKind::Union { variants, .. } => {
                for v in variants {
                    primitives(graph, &v.ty, out, depth + 1);
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Whether a type is (or may be, for a union) one of `wanted`; `None` for untyped values,
/// which these rules do not judge.
fn is_one_of(graph: &TypeGraph, ty: &TypeRef, wanted: &[Primitive]) -> Option<bool> {
    if matches!(graph.unalias(ty), TypeRef::Any) {
        return None;
    }
    let mut found = Vec::new();
    primitives(graph, ty, &mut found, 0);
    Some(found.iter().any(|p| wanted.contains(p)))
}

/// The type as a short phrase for messages: `a plain string`, `an integer`, `an object`.
fn describe(graph: &TypeGraph, ty: &TypeRef) -> String {
    match graph.unalias(ty) {
        TypeRef::Primitive(p) => match p {
            Primitive::String => "a plain string",
            Primitive::Date => "a date",
            Primitive::DateTime => "a date-time",
            Primitive::Uuid => "a uuid",
            Primitive::Decimal => "a decimal",
            Primitive::Bytes => "a base64 string",
            Primitive::Binary => "binary",
            Primitive::I32 | Primitive::I64 => "an integer",
            Primitive::F32 | Primitive::F64 => "a number",
            Primitive::Bool => "a boolean",
        }
        .to_string(),
        TypeRef::Named(id) => {
            let def = graph.get(*id);
            match &def.kind {
                TypeKind::Enum { base, .. } => format!("a {} enum ({})", base.json_type(), def.name),
                TypeKind::Union { .. } => format!("a union ({})", def.name),
                _ => format!("an object ({})", def.name),
            }
        }
        TypeRef::List(_) => "an array".to_string(),
        TypeRef::Map(_) => "a map".to_string(),
        TypeRef::Any => "untyped".to_string(),
    }
}

/// Whether a type is a number: integer, float or decimal.
fn is_numeric(graph: &TypeGraph, ty: &TypeRef) -> bool {
    matches!(
        graph.unalias(ty),
        TypeRef::Primitive(Primitive::I32 | Primitive::I64 | Primitive::F32 | Primitive::F64 | Primitive::Decimal)
    )
}

/// Whether a type is a string without a more specific primitive format.
fn is_plain_string(graph: &TypeGraph, ty: &TypeRef) -> bool {
    matches!(graph.unalias(ty), TypeRef::Primitive(Primitive::String))
}

/// The date primitive a name calls for: `*_at`/`timestamp` → date-time, `*_date`/`date` → date.
fn time_kind(name: &str) -> Option<Primitive> {
    if name == "timestamp" || name.ends_with("_at") {
        Some(Primitive::DateTime)
    } else if name == "date" || name.ends_with("_date") {
        Some(Primitive::Date)
    } else {
        None
    }
}

/// The schema snippet that fixes a date finding.
fn time_fix(kind: Primitive) -> &'static str {
    if kind == Primitive::DateTime {
        "declare `type: string, format: date-time` (ISO 8601 in UTC, e.g. 2024-01-01T12:00:00Z)"
    } else {
        "declare `type: string, format: date` (ISO 8601 full date, e.g. 2024-01-01)"
    }
}

/// Query and path parameters of every operation, each parameter object once
/// (shared component parameters are reported where they are declared).
fn unique_params<'a>(ctx: &Context<'a>, locations: &'a [ParamLocation]) -> impl Iterator<Item = (&'a Operation, &'a Parameter)> + 'a {
    let mut seen: HashSet<&'a str> = HashSet::new();
    ctx.api
        .operations
        .iter()
        .flat_map(move |op| op.parameters.iter().filter(move |p| locations.contains(&p.location)).map(move |p| (op, p)))
        .filter(move |(_, p)| seen.insert(p.pointer.as_str()))
}

/// Whether a value of this type can hold a date at all (a string, or a number holding epoch
/// time): a boolean `use_provided_modified_at` or an object `created_at: {by, on}` is named
/// after a date without being one, and the rule cannot tell what it should be.
fn could_be_a_date(graph: &TypeGraph, ty: &TypeRef) -> bool {
    let mut found = Vec::new();
    primitives(graph, ty, &mut found, 0);
    !found.is_empty() && found.iter().all(|p| !matches!(p, Primitive::Bool | Primitive::Binary | Primitive::Bytes))
}

fn datetime(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    for (def, field) in ctx.fields() {
        let Some(kind) = time_kind(&field.name) else { continue };
        if !could_be_a_date(graph, &field.ty) {
            continue;
        }
        if is_one_of(graph, &field.ty, &[kind]) == Some(false) {
            let want = if kind == Primitive::DateTime { "date-time" } else { "date" };
            sink.report(&field.pointer, format!("field '{}' of {} is {}, not a {want}", field.name, def.name, describe(graph, &field.ty)))
                .help(time_fix(kind));
        }
    }
    // Query filters on dates: `created_at`, `created_at_gte`, `due_date_lt`.
    for (op, p) in unique_params(ctx, &[ParamLocation::Query]) {
        let base = ["_gte", "_gt", "_lte", "_lt"].iter().find_map(|s| p.name.strip_suffix(s)).unwrap_or(&p.name);
        let Some(kind) = time_kind(base) else { continue };
        if !could_be_a_date(graph, &p.ty) {
            continue;
        }
        if is_one_of(graph, &p.ty, &[kind]) == Some(false) {
            let want = if kind == Primitive::DateTime { "date-time" } else { "date" };
            sink.report(&p.pointer, format!("query parameter '{}' of {} is {}, not a {want}", p.name, op.label(), describe(graph, &p.ty)))
                .help(time_fix(kind));
        }
    }
}

/// Whether a name is an id: `id` or `*_id`.
fn is_id_name(name: &str) -> bool {
    name == "id" || name.ends_with("_id")
}

fn id_format(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let (wanted, what, fix): (&[Primitive], &str, &str) = match ctx.api.conventions.id_format {
        IdFormat::Uuid => (&[Primitive::Uuid], "a uuid", "declare `type: string, format: uuid`"),
        IdFormat::Integer => (&[Primitive::I32, Primitive::I64], "an integer", "declare `type: integer, format: int64`"),
        IdFormat::Any => return,
    };
    for (def, field) in ctx.fields() {
        if is_id_name(&field.name) && is_one_of(graph, &field.ty, wanted) == Some(false) {
            sink.report(&field.pointer, format!("field '{}' of {} is {}, not {what} (id-format)", field.name, def.name, describe(graph, &field.ty)))
                .help(format!("{fix}, or set `id-format` if the API uses another id type"));
        }
    }
    for (op, p) in unique_params(ctx, &[ParamLocation::Path]) {
        if is_id_name(&p.name) && is_one_of(graph, &p.ty, wanted) == Some(false) {
            sink.report(&p.pointer, format!("path parameter '{}' of {} is {}, not {what} (id-format)", p.name, op.label(), describe(graph, &p.ty)))
                .help(format!("{fix} in its schema"));
        }
    }
}

fn email(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let is_email = |name: &str| name == "email" || name.ends_with("_email");
    let missing = |ty: &TypeRef, format: &Option<String>| is_plain_string(graph, ty) && format.as_deref() != Some("email");
    for (def, field) in ctx.fields() {
        if is_email(&field.name) && missing(&field.ty, &field.constraints.format) {
            sink.report(&field.pointer, format!("field '{}' of {} is a string without `format: email`", field.name, def.name))
                .help("declare `type: string, format: email`");
        }
    }
    for (op, p) in unique_params(ctx, &[ParamLocation::Query]) {
        if is_email(&p.name) && missing(&p.ty, &p.constraints.format) {
            sink.report(&p.pointer, format!("query parameter '{}' of {} is a string without `format: email`", p.name, op.label()))
                .help("declare `type: string, format: email`");
        }
    }
}

/// Whether a pattern requires a leading `+` (anchored `^\+`, `^[+]`, possibly inside a group).
fn requires_plus(pattern: &str) -> bool {
    let Some(rest) = pattern.strip_prefix('^') else { return false };
    let rest = rest.trim_start_matches("(?:").trim_start_matches('(');
    rest.starts_with("\\+") || rest.starts_with("[+]")
}

fn phone(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    for (def, field) in ctx.fields() {
        let n = field.name.as_str();
        let is_phone = n == "phone" || n.ends_with("_phone") || n == "phone_number" || n.ends_with("_phone_number") || n == "mobile";
        if !is_phone || !is_plain_string(graph, &field.ty) {
            continue;
        }
        if !field.constraints.pattern.as_deref().is_some_and(requires_plus) {
            sink.report(&field.pointer, format!("phone field '{}' of {} has no E.164 pattern", field.name, def.name))
                .help("declare `pattern: '^\\+[1-9]\\d{1,14}$'` (E.164, e.g. +14155552671)");
        }
    }
}

/// Money field names: `amount`, `price`, `cost`, `fee` and `*_amount`, `*_price`, `*_cost`, `*_fee`.
/// Returns the name's prefix (`total` of `total_amount`, empty for a bare word).
fn money_prefix(name: &str) -> Option<&str> {
    const WORDS: [&str; 4] = ["amount", "price", "cost", "fee"];
    if WORDS.contains(&name) {
        return Some("");
    }
    WORDS.iter().find_map(|w| name.strip_suffix(w).and_then(|p| p.strip_suffix('_')).filter(|p| !p.is_empty()))
}

/// Measurement words (docs/standard.md §7 Data formats).
const MEASURES: [&str; 9] = ["weight", "length", "width", "height", "depth", "distance", "volume", "temperature", "duration"];

/// The measurement word a name ends with (`weight` of `package_weight`).
fn measure_of(name: &str) -> Option<&'static str> {
    MEASURES.iter().copied().find(|m| name == *m || name.strip_suffix(m).is_some_and(|p| p.ends_with('_')))
}

/// Runs a sibling check over every struct: `needs` picks fields that need a sibling and
/// returns the acceptable sibling names (`*part`: any name containing `part`); a field is reported when no struct holding it
/// (an `allOf` merge repeats its parts' fields) has one of them.
fn sibling_check<'a>(
    ctx: &Context<'a>,
    needs: impl Fn(&TypeGraph, &Field) -> Option<Vec<String>>,
) -> Vec<(&'a str, &'a Field, Vec<String>)> {
    let graph = &ctx.api.types;
    let mut order: Vec<(&'a str, &'a Field, Vec<String>)> = Vec::new();
    let mut state: HashMap<&'a str, (usize, bool)> = HashMap::new();
    for def in &graph.types {
        let TypeKind::Struct { fields, .. } = &def.kind else { continue };
        let mut names: Option<HashSet<&str>> = None;
        for field in fields {
            let Some(siblings) = needs(graph, field) else { continue };
            let names = names.get_or_insert_with(|| fields.iter().map(|f| f.name.as_str()).collect());
            let ok = siblings.iter().any(|s| match s.strip_prefix('*') {
                Some(part) => names.iter().any(|n| n.contains(part)),
                None => names.contains(s.as_str()),
            });
            match state.get_mut(field.pointer.as_str()) {
                Some((_, satisfied)) => *satisfied |= ok,
                None => {
                    state.insert(&field.pointer, (order.len(), ok));
                    order.push((def.name.as_str(), field, siblings));
                }
            }
        }
    }
    order.into_iter().filter(|(_, f, _)| !state[f.pointer.as_str()].1).collect()
}

fn money_currency(ctx: &Context<'_>, sink: &mut Sink) {
    let unsatisfied = sibling_check(ctx, |graph, field| {
        money_prefix(&field.name)?;
        if !is_numeric(graph, &field.ty) {
            return None;
        }
        // `currency`, `currency_code`, `{prefix}_currency`, and any sibling naming a currency
        // (`destination_currency_code`, `settlement_currency`): the amount's currency is stated.
        Some(vec!["currency".to_string(), "*currency".to_string()])
    });
    let graph = &ctx.api.types;
    for (owner, field, _) in unsatisfied {
        let float = matches!(graph.unalias(&field.ty), TypeRef::Primitive(Primitive::F32 | Primitive::F64));
        let also = if float { "; and make the amount a decimal string (`type: string, format: decimal`) or an integer in minor units, not a float" } else { "" };
        sink.report(&field.pointer, format!("money field '{}' of {owner} has no sibling currency", field.name))
            .help(format!("add `currency: {{type: string, pattern: '^[A-Z]{{3}}$'}}` (ISO 4217) next to it{also}"));
    }
}

/// Whether a `length` names a count of characters or items, not a distance:
/// `password_min_length`, `max_length`, `name_length`, or a bare integer `length`.
fn is_count_length(graph: &TypeGraph, field: &Field) -> bool {
    const TEXT: [&str; 16] = [
        "password", "name", "title", "text", "string", "message", "key", "token", "description", "content", "body",
        "subject", "code", "pin", "line", "value",
    ];
    let words: Vec<&str> = field.name.split('_').collect();
    let integer = matches!(graph.unalias(&field.ty), TypeRef::Primitive(Primitive::I32 | Primitive::I64));
    words.iter().any(|w| matches!(*w, "min" | "max" | "minimum" | "maximum" | "char" | "chars" | "character" | "characters"))
        || words.iter().any(|w| TEXT.contains(w))
        || (integer && field.name == "length")
}

fn measurement_unit(ctx: &Context<'_>, sink: &mut Sink) {
    let unsatisfied = sibling_check(ctx, |graph, field| {
        let measure = measure_of(&field.name)?;
        if !is_numeric(graph, &field.ty) || (measure == "length" && is_count_length(graph, field)) {
            return None;
        }
        Some(vec![format!("{}_unit", field.name), format!("{measure}_unit"), "unit".to_string()])
    });
    for (owner, field, siblings) in unsatisfied {
        let unit = match measure_of(&field.name) {
            Some("weight") => "kg",
            Some("volume") => "ml",
            Some("temperature") => "celsius",
            Some("duration") => "ms",
            _ => "cm",
        };
        sink.report(&field.pointer, format!("measurement '{}' of {owner} has no unit", field.name))
            .help(format!("add a `{}` sibling (e.g. `{{type: string, enum: [{unit}, …]}}`), or state the unit in the name (`{}_{unit}`)", siblings[0], field.name));
    }
}

/// Body media types that are accepted without being JSON.
fn allowed_non_json(graph: &TypeGraph, media: &Media, request: bool) -> bool {
    let base = media.content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if request && (base == "multipart/form-data" || base == "application/x-www-form-urlencoded") {
        return true;
    }
    // Files by nature (a PDF certificate, an image, an archive) are downloads whatever the schema says.
    let file_type = ["image/", "audio/", "video/", "font/"].iter().any(|p| base.starts_with(p))
        || matches!(base.as_str(), "application/pdf" | "application/zip" | "application/gzip" | "application/x-tar");
    base == "application/octet-stream" || file_type || matches!(graph.unalias(&media.ty), TypeRef::Primitive(Primitive::Binary))
}

fn content_type(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let mut seen: HashSet<&str> = HashSet::new();
    for op in &ctx.api.operations {
        // A body offered as JSON and as other types (noosh: JSON, XML, YAML, Smile) is content
        // negotiation: clients that want JSON get it, so the alternatives are not reported.
        let offers_json = |content: &[crate::model::Media]| content.iter().any(|m| m.is_json());
        let requests = op.request_body.iter().filter(|b| !offers_json(&b.content)).flat_map(|b| b.content.iter().map(|m| (m, None)));
        let responses = op
            .responses
            .iter()
            .filter(|r| !offers_json(&r.content))
            .flat_map(|r| r.content.iter().map(move |m| (m, Some(r.status.as_str()))));
        for (media, status) in requests.chain(responses) {
            if media.is_json() || allowed_non_json(graph, media, status.is_none()) || !seen.insert(&media.pointer) {
                continue;
            }
            let message = match status {
                None => format!("{} accepts a {} request body instead of application/json", op.label(), media.content_type),
                Some(s) => format!("{} returns {} in its {s} response instead of application/json", op.label(), media.content_type),
            };
            sink.report(&media.pointer, message)
                .help("use `application/json`; if this body is a deliberate export or upload, add `x-apigen-ignore: [content-type-json]` to its media type");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    /// One GET operation (line 7) returning `Thing` (components start at line 16).
    const PATHS: &str = "  /api/v1/things:\n    get:\n      operationId: get_things\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n";

    /// `Thing` with the given property lines (the first property is on line 21, under [`PATHS`]).
    fn thing(props: &str) -> String {
        format!("  schemas:\n    Thing:\n      type: object\n      properties:\n{props}")
    }

    fn at(prop: &str) -> String {
        format!("/components/schemas/Thing/properties/{prop}")
    }

    #[test]
    fn timestamps_are_date_times_and_dates_are_dates() {
        let bad = thing("        created_at: {type: integer}\n        due_date: {type: string, format: date-time}\n        timestamp: {type: string}\n");
        assert_eq!(findings(&doc(PATHS, &bad), "format-datetime"), [(at("created_at"), 21), (at("due_date"), 22), (at("timestamp"), 23)]);
        let good = thing("        created_at: {type: string, format: date-time}\n        due_date: {type: string, format: date}\n        timestamp: {type: string, format: date-time}\n");
        assert!(findings(&doc(PATHS, &good), "format-datetime").is_empty());
    }

    #[test]
    fn names_that_only_look_like_dates_or_measures_are_not_judged() {
        // files.com: a boolean named after a timestamp; an object `*_at`.
        let props = "        use_provided_modified_at: {description: 'If true, the provided modified_at will be used.', type: boolean}\n        deleted_at: {type: object, properties: {by: {type: string}}}\n";
        assert!(findings(&doc(PATHS, &thing(props)), "format-datetime").is_empty());
        // files.com: character counts are not distances.
        let counts = "        password_min_length: {description: Shortest password length for users, type: integer, format: int32}\n        max_length: {type: integer}\n        length: {type: integer}\n        cable_length: {type: number}\n";
        assert_eq!(findings(&doc(PATHS, &thing(counts)), "measurement-unit"), [(at("cable_length"), 24)]);
    }

    #[test]
    fn any_sibling_naming_a_currency_states_it() {
        // increase.com: an amount beside `destination_currency_code` and `originating_currency_code`.
        let props = "        foreign_payment_amount: {description: The amount in the minor unit of the foreign payment currency., type: integer}\n        destination_currency_code: {type: string}\n        originating_currency_code: {type: string}\n";
        assert!(findings(&doc(PATHS, &thing(props)), "money-currency").is_empty());
        let alone = "        foreign_payment_amount: {type: integer}\n        destination_country: {type: string}\n";
        assert_eq!(findings(&doc(PATHS, &thing(alone)), "money-currency"), [(at("foreign_payment_amount"), 21)]);
    }

    #[test]
    fn files_by_nature_are_downloads() {
        // apisetu: `POST /dpicr/certificate` answers the certificate as `application/pdf` (schema: plain string).
        let paths = "  /dpicr/certificate:\n    post:\n      operationId: cert\n      responses:\n        '200':\n          description: OK\n          content:\n            application/pdf: {schema: {type: string}}\n            image/png: {schema: {type: string}}\n";
        assert!(findings(&doc(paths, ""), "content-type-json").is_empty());
    }

    #[test]
    fn json_offered_beside_other_types_is_content_negotiation() {
        // noosh: `GET /v1/workgroups/{workgroup_id}/detail` answers JSON, XML, YAML or Smile.
        let paths = "  /v1/workgroups/{workgroup_id}/detail:\n    get:\n      operationId: detail\n      parameters:\n        - {name: workgroup_id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json: {schema: {type: object}}\n            application/xml: {schema: {type: object}}\n            application/x-yaml: {schema: {type: object}}\n            application/x-json-smile: {schema: {type: object}}\n  /v1/export:\n    get:\n      operationId: export\n      responses:\n        '200':\n          description: OK\n          content:\n            text/xml: {schema: {type: object}}\n";
        assert_eq!(findings(&doc(paths, ""), "content-type-json"), [("/paths/~1v1~1export/get/responses/200/content/text~1xml".to_string(), 27)]);
    }

    #[test]
    fn date_filters_in_the_query_are_checked() {
        let paths = PATHS.replace("operationId: get_things\n", "operationId: get_things\n      parameters:\n        - {name: created_at_gte, in: query, schema: {type: string}}\n");
        let props = "        created_at: {type: string, format: date-time}\n";
        assert_eq!(findings(&doc(&paths, &thing(props)), "format-datetime"), [("/paths/~1api~1v1~1things/get/parameters/0".to_string(), 11)]);
        let good = paths.replace("{type: string}}", "{type: string, format: date-time}}");
        assert!(findings(&doc(&good, &thing(props)), "format-datetime").is_empty());
    }

    #[test]
    fn ids_follow_the_id_format() {
        let paths = "  /api/v1/things/{thing_id}:\n    get:\n      operationId: get_thing\n      parameters:\n        - {name: thing_id, in: path, required: true, schema: {type: string}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing'}\n";
        // Components at line 18; Thing's first property at line 23.
        let bad = thing("        id: {type: integer}\n        owner_id: {type: string}\n        name: {type: string}\n");
        assert_eq!(
            findings(&doc(paths, &bad), "format-id"),
            [("/paths/~1api~1v1~1things~1{thing_id}/get/parameters/0".to_string(), 11), (at("id"), 23), (at("owner_id"), 24)]
        );
        let good_paths = paths.replace("schema: {type: string}}", "schema: {type: string, format: uuid}}");
        let good = thing("        id: {type: string, format: uuid}\n        owner_id: {type: string, format: uuid}\n        name: {type: string}\n");
        assert!(findings(&doc(&good_paths, &good), "format-id").is_empty());
        // With `id-format: integer` the integer id passes and the strings do not (root line shifts by 1).
        let integer = format!("x-apigen: {{id-format: integer}}\n{}", doc(&good_paths, &bad));
        assert_eq!(findings(&integer, "format-id"), [("/paths/~1api~1v1~1things~1{thing_id}/get/parameters/0".to_string(), 12), (at("owner_id"), 25)]);
    }

    #[test]
    fn emails_declare_the_format() {
        let bad = thing("        email: {type: string}\n        billing_email: {type: string, format: email}\n");
        assert_eq!(findings(&doc(PATHS, &bad), "format-email"), [(at("email"), 21)]);
        let good = bad.replace("email: {type: string}\n", "email: {type: string, format: email}\n");
        assert!(findings(&doc(PATHS, &good), "format-email").is_empty());
    }

    #[test]
    fn phones_declare_an_e164_pattern() {
        let bad = thing("        phone: {type: string}\n        contact_phone: {type: string, pattern: '^[0-9]+$'}\n        mobile: {type: string, pattern: '^\\+[1-9]\\d{1,14}$'}\n");
        assert_eq!(findings(&doc(PATHS, &bad), "format-phone"), [(at("phone"), 21), (at("contact_phone"), 22)]);
        let good = thing("        phone: {type: string, pattern: '^\\+[1-9]\\d{1,14}$'}\n        contact_phone: {type: string, pattern: '^[+][0-9]{8,15}$'}\n");
        assert!(findings(&doc(PATHS, &good), "format-phone").is_empty());
    }

    #[test]
    fn money_needs_a_currency() {
        let bad = thing("        total_amount: {type: number}\n        price: {type: string, format: decimal}\n        name: {type: string}\n");
        assert_eq!(findings(&doc(PATHS, &bad), "money-currency"), [(at("total_amount"), 21), (at("price"), 22)]);
        let shared = thing("        total_amount: {type: integer}\n        price: {type: string, format: decimal}\n        currency: {type: string}\n");
        assert!(findings(&doc(PATHS, &shared), "money-currency").is_empty());
        let prefixed = thing("        price: {type: string, format: decimal}\n        price_currency: {type: string}\n        fee: {type: integer}\n        fee_currency: {type: string}\n");
        assert!(findings(&doc(PATHS, &prefixed), "money-currency").is_empty());
    }

    #[test]
    fn money_currency_may_come_from_an_all_of_part() {
        // `Priced` alone lacks a currency, but every use merges it with `Money`: not reported.
        let components = "  schemas:\n    Thing:\n      allOf:\n        - {$ref: '#/components/schemas/Priced'}\n        - {$ref: '#/components/schemas/Money'}\n    Priced:\n      type: object\n      properties:\n        price: {type: number}\n    Money:\n      type: object\n      properties:\n        currency: {type: string}\n";
        assert!(findings(&doc(PATHS, components), "money-currency").is_empty());
        let alone = components.replace("        - {$ref: '#/components/schemas/Money'}\n", "");
        assert_eq!(findings(&doc(PATHS, &alone), "money-currency"), [("/components/schemas/Priced/properties/price".to_string(), 24)]);
    }

    #[test]
    fn measurements_need_a_unit() {
        let bad = thing("        weight: {type: number}\n        package_length: {type: integer}\n        duration: {type: string}\n");
        assert_eq!(findings(&doc(PATHS, &bad), "measurement-unit"), [(at("weight"), 21), (at("package_length"), 22)]);
        let good = thing("        weight: {type: number}\n        weight_unit: {type: string}\n        package_length: {type: integer}\n        length_unit: {type: string}\n        timeout_ms: {type: integer}\n        weight_kg: {type: number}\n");
        assert!(findings(&doc(PATHS, &good), "measurement-unit").is_empty());
    }

    #[test]
    fn bodies_are_json_except_uploads_and_downloads() {
        let paths = "  /api/v1/things:\n    post:\n      operationId: create_thing\n      requestBody:\n        content:\n          application/xml:\n            schema: {type: object}\n          multipart/form-data:\n            schema: {type: object, properties: {file: {type: string, format: binary}}}\n      responses:\n        '201':\n          description: ok\n          content:\n            text/csv:\n              schema: {type: string}\n            image/png:\n              schema: {type: string, format: binary}\n            application/octet-stream: {}\n        '400':\n          description: bad\n          content:\n            application/problem+json:\n              schema: {type: object}\n";
        let found = findings(&doc(paths, ""), "content-type-json");
        assert_eq!(found, [
            ("/paths/~1api~1v1~1things/post/requestBody/content/application~1xml".to_string(), 12),
            ("/paths/~1api~1v1~1things/post/responses/201/content/text~1csv".to_string(), 20),
        ]);
        let good = paths.replace("application/xml", "application/json").replace("text/csv", "application/vnd.thing+json");
        assert!(findings(&doc(&good, ""), "content-type-json").is_empty());
    }
}
