//! Pagination, filtering and sorting rules: list endpoints page their
//! results in the team's style, bound their page size, return the style's
//! metadata and filter and sort on real fields (docs/standard.md §6
//! Pagination, filtering and sorting).

use std::collections::HashSet;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::model::conventions::Envelope;
use crate::model::{collection_item, Media, Method, Operation, Pagination, ParamLocation, Parameter, TypeGraph, TypeKind, TypeRef};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "pagination-required",
        level: Level::Error,
        summary: "a GET returning a collection is not paginated",
        rationale: "Unbounded lists grow with the data: responses get slow, large and eventually time out, and clients cannot page through them. A bare JSON array also leaves no room for the total or the next cursor, unless response headers carry it (`Link`, `X-Total-Count`). Any API's paging parameters count (`max_results` + `pagination_token`, `take` + `skip`, `$top`, a cursor), and a lookup by a required list of ids is bounded by that list. Mark a list that is small by nature with `x-pagination: none`.",
        source: "docs/standard.md §6 Pagination, filtering and sorting",
        bad: "/api/v1/orders:\n  get:\n    responses:\n      '200':\n        content:\n          application/json:\n            schema: {type: array, items: {$ref: '#/components/schemas/Order'}}",
        good: "/api/v1/orders:\n  get:\n    parameters:\n      - {name: page, in: query, schema: {type: integer, minimum: 1, default: 1}}\n      - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}\n    responses:\n      '200':\n        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/OrderList'}",
        check: Check::Model(pagination_required),
    },
    Rule {
        id: "pagination-params",
        level: Level::Error,
        summary: "a paginated list's query parameters do not match its pagination style",
        rationale: "Generated clients page through lists with the style's parameters (`page`+`limit`, `limit`+`offset`, `skip`+`limit` or `cursor`+`limit`). A missing, misnamed or mistyped parameter, or one from another style, breaks auto-pagination and confuses callers. A list without `x-pagination` whose parameters use another style than the conventions' (`cursor`, `after`, `next_token` where they say `page`) is judged by that style, as `pagination-response` judges its body, and the choice is reported once, at the parameter that shows it.",
        source: "docs/standard.md §6 Pagination, filtering and sorting",
        bad: "x-pagination: page\nparameters:\n  - {name: page, in: query, schema: {type: integer}}\n  - {name: offset, in: query, schema: {type: integer}}",
        good: "x-pagination: page\nparameters:\n  - {name: page, in: query, schema: {type: integer, minimum: 1, default: 1}}\n  - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}",
        check: Check::Model(pagination_params),
    },
    Rule {
        id: "pagination-limit-max",
        level: Level::Warn,
        summary: "the page-size parameter has no `maximum` or `default`, or a maximum above `max-page-size`",
        rationale: "Without a maximum a single request can ask for the whole table; without a default, clients that omit the parameter get whatever the server happens to do. The bound also becomes validation in generated servers.",
        source: "docs/standard.md §6 Pagination, filtering and sorting",
        bad: "- {name: limit, in: query, schema: {type: integer}}",
        good: "- {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}",
        check: Check::Model(limit_max),
    },
    Rule {
        id: "pagination-response",
        level: Level::Warn,
        summary: "a paginated list body lacks the style's metadata",
        rationale: "Clients need the metadata to know whether there is a next page (`has_next`, `has_more`, `next_cursor`) and how many items there are. With `envelope: none` the list body is `{items: [T], …metadata}`; with `envelope: data` it is `{data: [T], pagination: {…metadata}}`.",
        source: "docs/standard.md §6 Pagination, filtering and sorting",
        bad: "OrderList:\n  type: object\n  properties:\n    items: {type: array, items: {$ref: '#/components/schemas/Order'}}",
        good: "OrderList:\n  type: object\n  properties:\n    items: {type: array, items: {$ref: '#/components/schemas/Order'}}\n    page: {type: integer}\n    limit: {type: integer}\n    total: {type: integer}\n    total_pages: {type: integer}\n    has_next: {type: boolean}\n    has_prev: {type: boolean}",
        check: Check::Model(pagination_response),
    },
    Rule {
        id: "filter-operators",
        level: Level::Warn,
        summary: "a `_gt _gte _lt _lte _in _like` filter names a field the list items do not have",
        rationale: "Filter operators are `{field}_{operator}` over the listed resource's fields. A filter on a field the items do not have is a typo or a stale parameter, and callers cannot tell what it compares.",
        source: "docs/standard.md §6 Pagination, filtering and sorting",
        bad: "# items have no `amount`\n- {name: amount_gt, in: query, schema: {type: number}}",
        good: "# items have `total`\n- {name: total_gt, in: query, schema: {type: number}}",
        check: Check::Model(filter_operators),
    },
    Rule {
        id: "sort-param",
        level: Level::Info,
        summary: "a list's `sort` parameter is not a sort string over the item fields, or a paginated list has none",
        rationale: "Sorting is one `sort` string parameter: `sort=name:asc,created_at:desc` or `sort=-created_at`. Allowed values should name fields of the listed items, and a paginated list needs a stable, client-chosen order to page through.",
        source: "docs/standard.md §6 Pagination, filtering and sorting",
        bad: "- {name: sort, in: query, schema: {type: string, enum: [newest, oldest]}}",
        good: "- {name: sort, in: query, schema: {type: string, enum: [created_at, -created_at]}}",
        check: Check::Model(sort_param),
    },
];

/// Page-size parameter names of other conventions (`per_page`, …).
const FOREIGN_SIZE: [&str; 4] = ["per_page", "page_size", "pageSize", "size"];

/// Position parameter names of other conventions.
const FOREIGN_POSITION: [&str; 6] = ["start", "after", "before", "page_token", "pageToken", "next_token"];

/// Filter operator suffixes (docs/standard.md §6).
const FILTER_SUFFIXES: [&str; 6] = ["_gte", "_gt", "_lte", "_lt", "_in", "_like"];

/// Parameter names that give a list a client-chosen order.
const SORT_NAMES: [&str; 7] = ["sort", "sort_by", "sortBy", "order_by", "orderBy", "ordering", "order"];


/// The 200 JSON body of a GET and its item type, when the body is a collection.
fn list_body<'a>(ctx: &Context<'a>, op: &'a Operation) -> Option<(&'a Media, TypeRef)> {
    if op.method != Method::Get {
        return None;
    }
    let media = op.response("200")?.json()?;
    let item = collection_item(&ctx.api.types, &media.ty)?;
    Some((media, item))
}

/// A name that any pagination convention uses for its query parameters.
fn is_pagination_name(name: &str) -> bool {
    Pagination::ALL.iter().any(|p| p.query_params().contains(&name)) || FOREIGN_SIZE.contains(&name) || FOREIGN_POSITION.contains(&name)
}

/// A query parameter that pages a list in any API's vocabulary, not only the conventions':
/// `max_results` + `pagination_token` (Twitter), `take` + `skip` (Azure), `$top`, `count` +
/// `offset`, `marker`, `continuation_token`… Used to tell "takes no pagination parameters".
fn is_paging_name(name: &str) -> bool {
    if is_pagination_name(name) {
        return true;
    }
    let n: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    n.contains("page")
        || n.contains("cursor")
        || n.ends_with("token")
        || n.ends_with("marker")
        || ["limit", "offset", "skip", "take", "top", "start", "after", "before", "maxresults", "maxitems", "count", "first", "size", "from"]
            .contains(&n.as_str())
}

/// Whether a query parameter name, alphanumerics in lower case (`pagination_token` →
/// `paginationtoken`), is the position parameter of `style` in some API's vocabulary.
fn shows(style: Pagination, n: &str) -> bool {
    match style {
        Pagination::Cursor => n.contains("cursor") || n.ends_with("token") || n == "after" || n == "before" || n.ends_with("marker"),
        Pagination::Offset => n == "offset" || n == "start",
        Pagination::Skip => n == "skip",
        Pagination::Page => n == "page" || n == "pagenumber",
    }
}

/// The pagination style an operation's query parameters use, when they use one, with the
/// parameter that shows it (a cursor or token before an offset, a skip, then a page).
fn style_of_params(op: &Operation) -> Option<(Pagination, &Parameter)> {
    let normal = |p: &Parameter| -> String { p.name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect() };
    [Pagination::Cursor, Pagination::Offset, Pagination::Skip, Pagination::Page]
        .into_iter()
        .find_map(|style| op.params_in(ParamLocation::Query).find(|p| shows(style, &normal(p))).map(|p| (style, p)))
}

/// The style a paginated operation is judged by: the `x-pagination` written on it; else the
/// conventions' style when its parameters use that style's position parameter; else the style
/// its parameters use (twitter's `pagination_token` pages a cursor list: asking it for
/// `total_pages` would be wrong); else the conventions'. `pagination-params` and
/// `pagination-response` both judge by it, so they name one style. The parameter is the one
/// that shows a style other than the conventions' (`None` when the style is theirs or written).
fn judged_style<'a>(ctx: &Context<'_>, op: &'a Operation) -> Option<(Pagination, Option<&'a Parameter>)> {
    let style = op.annotations.pagination?;
    let written = ctx.raw(&format!("{}/x-pagination", op.pointer)).is_some();
    if written || op.param(ParamLocation::Query, style.query_params()[0]).is_some() {
        return Some((style, None));
    }
    Some(match style_of_params(op) {
        Some((other, p)) if other != style => (other, Some(p)),
        _ => (style, None),
    })
}

/// A response header that carries pagination metadata: `Link`, `X-Total-Count`, `X-Next-Cursor`…
fn is_paging_header(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "link" || ["total", "cursor", "next", "page"].iter().any(|w| n.contains(w))
}

/// The JSON type of a type reference, when it has one.
fn json_type(graph: &TypeGraph, ty: &TypeRef) -> Option<&'static str> {
    match graph.unalias(ty) {
        TypeRef::Primitive(p) => Some(p.json_type()),
        TypeRef::Named(id) => match &graph.get(*id).kind {
            TypeKind::Enum { base, .. } => Some(base.json_type()),
            TypeKind::Struct { .. } => Some("object"),
            _ => None,
        },
        TypeRef::List(_) => Some("array"),
        TypeRef::Map(_) => Some("object"),
        TypeRef::Any => None,
    }
}

/// Whether a parameter's value is an integer.
fn is_integer(graph: &TypeGraph, p: &Parameter) -> bool {
    json_type(graph, &p.ty) == Some("integer")
}

/// The property names of a list's item type (the union of the variants' fields for a union),
/// with the item type's name; `None` when the items have no known properties.
fn item_fields<'a>(graph: &'a TypeGraph, item: &TypeRef) -> Option<(&'a str, HashSet<&'a str>)> {
    let id = match graph.unalias(item) {
        TypeRef::Named(id) => *id,
        _ => return None,
    };
    let def = graph.get(id);
    let mut names = HashSet::new();
    match &def.kind {
        TypeKind::Struct { fields, .. } => names.extend(fields.iter().map(|f| f.name.as_str())),
        TypeKind::Union { variants, .. } => {
            for v in variants {
                names.extend(graph.fields(&v.ty)?.iter().map(|f| f.name.as_str()));
            }
        }
        _ => return None,
    }
    (!names.is_empty()).then_some((def.name.as_str(), names))
}

/// A `- {name, in: query, schema}` line for help texts.
fn param_yaml(name: &str, max_page_size: u64) -> String {
    let schema = match name {
        "page" => "{type: integer, minimum: 1, default: 1}".to_string(),
        "offset" | "skip" => "{type: integer, minimum: 0, default: 0}".to_string(),
        "cursor" => "{type: string}".to_string(),
        _ => format!("{{type: integer, minimum: 1, maximum: {}, default: 20}}", max_page_size.min(100)),
    };
    format!("`- {{name: {name}, in: query, schema: {schema}}}`")
}

/// The parameters and metadata of a style, for messages: `page (page, limit)`.
fn style_desc(style: Pagination) -> String {
    format!("{} pagination ({})", style.as_str(), style.query_params().join(", "))
}

fn pagination_required(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    for op in &ctx.api.operations {
        if op.annotations.pagination_off {
            continue;
        }
        let Some((media, _)) = list_body(ctx, op) else { continue };
        // A lookup by a required list of ids (twitter `GET /2/tweets?ids=…`, `/2/users/by?usernames=…`)
        // returns what the caller named, bounded by that list: there is nothing to page through.
        if op.params_in(ParamLocation::Query).any(|p| p.required && matches!(graph.unalias(&p.ty), TypeRef::List(_))) {
            continue;
        }
        // A bare array is fine when the response carries the metadata in headers
        // (`Link`, `X-Total-Count`, a next cursor), as the `skip` style does.
        let paged_by_headers = op.response("200").is_some_and(|r| r.headers.iter().any(|h| is_paging_header(&h.name)));
        let bare = matches!(graph.unalias(&media.ty), TypeRef::List(_)) && !paged_by_headers;
        let no_params = !op.params_in(ParamLocation::Query).any(|p| is_paging_name(&p.name));
        let style = op.annotations.pagination.unwrap_or(ctx.api.conventions.pagination);
        let [position, size] = style.query_params();
        let what = match (no_params, bare) {
            (true, true) => "takes no pagination parameters and returns a bare JSON array",
            (true, false) => "returns a collection but takes no pagination parameters",
            (false, true) => "returns a bare JSON array, which has no room for pagination metadata",
            (false, false) => continue,
        };
        let body = match ctx.api.conventions.envelope {
            Envelope::None => format!("{{items: [...], {}}}", style.metadata_fields().join(", ")),
            Envelope::Data => format!("{{data: [...], pagination: {{{}}}}}", style.metadata_fields().join(", ")),
        };
        let help = if no_params {
            format!("add `{position}` and `{size}` query parameters and return `{body}`, or mark the operation `x-pagination: none` if the list is small by nature")
        } else {
            format!("return an object `{body}` instead of the bare array, or mark the operation `x-pagination: none`")
        };
        sink.report(&op.pointer, format!("{} {what}", op.label())).help(help);
    }
}

fn pagination_params(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let max = ctx.api.conventions.max_page_size;
    let mut seen: HashSet<&str> = HashSet::new();
    for op in &ctx.api.operations {
        let Some((style, shown_by)) = judged_style(ctx, op) else { continue };
        let query: Vec<&Parameter> = op.params_in(ParamLocation::Query).collect();
        // A list with no pagination parameters at all is `pagination-required`'s finding.
        if !query.iter().any(|p| is_pagination_name(&p.name)) && list_body(ctx, op).is_some() {
            continue;
        }
        let find = |name: &str| query.iter().copied().find(|p| p.name == name);
        let [position, size] = style.query_params();
        let other_positions: Vec<&str> =
            Pagination::ALL.iter().filter(|p| **p != style).map(|p| p.query_params()[0]).collect();
        let mut stand_ins: HashSet<&str> = HashSet::new();
        // A list paged in another style than the conventions' is judged by that style (as its
        // body is); the parameter showing it is the one finding about the choice of style.
        if let (Some(p), Some(conventional)) = (shown_by, op.annotations.pagination) {
            stand_ins.insert(p.name.as_str());
            if seen.insert(&p.pointer) {
                sink.report(&p.pointer, format!("{} pages by {} pagination ('{}'), not by the conventions' {}", op.label(), style.as_str(), p.name, style_desc(conventional)))
                    .help(format!(
                        "set `x-pagination: {}` on the operation if that is how it pages (its parameters and body are then judged by that style), or page it by {}",
                        style.as_str(),
                        style_desc(conventional)
                    ));
            }
        }
        for (wanted, aliases) in [
            (position, other_positions.iter().copied().chain(FOREIGN_POSITION).collect::<Vec<_>>()),
            (size, FOREIGN_SIZE.to_vec()),
        ] {
            // The parameter that shows the style stands in for its position parameter.
            if wanted == position && shown_by.is_some_and(|p| p.name != wanted) {
                continue;
            }
            if let Some(p) = find(wanted) {
                if let Some(expected) = declaration_problem(graph, wanted, p) {
                    if seen.insert(&p.pointer) {
                        sink.report(&p.pointer, format!("query parameter '{wanted}' of {} must be {expected}", op.label()))
                            .help(format!("declare it as {}", param_yaml(wanted, max)));
                    }
                }
                continue;
            }
            match aliases.iter().find_map(|a| find(a)) {
                Some(alias) => {
                    stand_ins.insert(alias.name.as_str());
                    if seen.insert(&alias.pointer) {
                        let other = Pagination::ALL.into_iter().find(|p| p.query_params()[0] == alias.name);
                        let help = match other {
                            Some(other) => format!("set `x-pagination: {}` if that is the style it uses, or rename it to `{wanted}`: {}", other.as_str(), param_yaml(wanted, max)),
                            None => format!("rename it to `{wanted}`: {}", param_yaml(wanted, max)),
                        };
                        sink.report(&alias.pointer, format!("{} takes '{}' where {} expects '{wanted}'", op.label(), alias.name, style_desc(style))).help(help);
                    }
                }
                None => {
                    sink.report(&op.pointer, format!("{} has no '{wanted}' query parameter, which {} requires", op.label(), style_desc(style)))
                        .help(format!("add {}", param_yaml(wanted, max)));
                }
            }
        }
        for other in Pagination::ALL.into_iter().filter(|p| *p != style) {
            let name = other.query_params()[0];
            let Some(p) = find(name) else { continue };
            if stand_ins.contains(name) || !seen.insert(&p.pointer) {
                continue;
            }
            sink.report(&p.pointer, format!("{} takes '{name}' of {} pagination, but it is paginated by {}", op.label(), other.as_str(), style_desc(style)))
                .help(format!("remove '{name}', or set `x-pagination: {}` and use its parameters ({})", other.as_str(), other.query_params().join(", ")));
        }
    }
}

/// What a pagination query parameter named `wanted` must be and `p` is not ("an integer
/// with `minimum: 1`" for `page`); `None` when its declaration fits.
fn declaration_problem(graph: &TypeGraph, wanted: &str, p: &Parameter) -> Option<&'static str> {
    match wanted {
        "page" => (!is_integer(graph, p) || !p.constraints.minimum.is_some_and(|m| m >= 1.0 || (p.constraints.exclusive_minimum && m >= 0.0)))
            .then_some("an integer with `minimum: 1`"),
        "offset" | "skip" => (!is_integer(graph, p) || !p.constraints.minimum.is_some_and(|m| m >= 0.0))
            .then_some("an integer with `minimum: 0`"),
        "cursor" => (json_type(graph, &p.ty) != Some("string")).then_some("an opaque string"),
        _ => (!is_integer(graph, p)).then_some("an integer"),
    }
}

fn limit_max(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let max = ctx.api.conventions.max_page_size;
    let mut seen: HashSet<&str> = HashSet::new();
    for op in &ctx.api.operations {
        if op.annotations.pagination.is_none() {
            continue;
        }
        for p in op.params_in(ParamLocation::Query) {
            let is_size = p.name == "limit" || (FOREIGN_SIZE.contains(&p.name.as_str()) && is_integer(graph, p));
            if !is_size || seen.contains(p.pointer.as_str()) {
                continue;
            }
            let mut problems = Vec::new();
            match p.constraints.maximum {
                None => problems.push("no `maximum`".to_string()),
                Some(m) if m > max as f64 => problems.push(format!("`maximum: {m}` above the max-page-size of {max}")),
                Some(_) => {}
            }
            if p.default.is_none() {
                problems.push("no `default`".to_string());
            }
            if problems.is_empty() {
                continue;
            }
            seen.insert(&p.pointer);
            let bound = p.constraints.maximum.filter(|m| *m <= max as f64).map_or(max.min(100) as f64, |m| m);
            sink.report(&p.pointer, format!("page size '{}' of {} has {}", p.name, op.label(), problems.join(" and ")))
                .help(format!("declare `schema: {{type: integer, minimum: 1, maximum: {bound}, default: 20}}` (maximum at most {max})"));
        }
    }
}

fn pagination_response(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let envelope = ctx.api.conventions.envelope;
    let mut seen: HashSet<(&str, Pagination)> = HashSet::new();
    let has = |fields: &[crate::model::Field], name: &str| fields.iter().any(|f| f.name == name);
    let has_array = |fields: &[crate::model::Field], name: &str| {
        fields.iter().any(|f| f.name == name && matches!(graph.unalias(&f.ty), TypeRef::List(_)))
    };
    for op in &ctx.api.operations {
        let Some((style, _)) = judged_style(ctx, op) else { continue };
        let Some(media) = op.response("200").and_then(|r| r.json()) else { continue };
        // A bare array is `pagination-required`'s finding.
        let TypeRef::Named(id) = graph.unalias(&media.ty) else { continue };
        let def = graph.get(*id);
        let TypeKind::Struct { fields, .. } = &def.kind else { continue };
        if !seen.insert((def.pointer.as_str(), style)) {
            continue;
        }
        let meta = style.metadata_fields();
        match envelope {
            Envelope::None => {
                let mut missing: Vec<&str> = Vec::new();
                if !has_array(fields, "items") {
                    missing.push("items");
                }
                missing.extend(meta.iter().copied().filter(|m| !has(fields, m)));
                if missing.is_empty() {
                    continue;
                }
                let rename = if missing.contains(&"items") && has_array(fields, "data") { "rename `data` to `items` and " } else { "" };
                sink.report(&def.pointer, format!("list body {} of {} lacks {} of {} pagination", def.name, op.label(), missing.join(", "), style.as_str()))
                    .help(format!("{rename}make the body `{{items: [...], {}}}` (envelope: none)", meta.join(", ")));
            }
            Envelope::Data => {
                let mut missing: Vec<&str> = Vec::new();
                if !has_array(fields, "data") {
                    missing.push("data");
                }
                let pagination = fields.iter().find(|f| f.name == "pagination");
                let inner = pagination.and_then(|f| graph.fields(&f.ty));
                if inner.is_none() {
                    missing.push("pagination");
                }
                let shape = format!("{{data: [...], pagination: {{{}}}}}", meta.join(", "));
                if !missing.is_empty() {
                    sink.report(&def.pointer, format!("list body {} of {} lacks {} (envelope: data)", def.name, op.label(), missing.join(", ")))
                        .help(format!("make the body `{shape}`"));
                }
                let (Some(field), Some(inner)) = (pagination, inner) else { continue };
                let lacking: Vec<&str> = meta.iter().copied().filter(|m| !has(inner, m)).collect();
                if lacking.is_empty() {
                    continue;
                }
                let at = match graph.unalias(&field.ty) {
                    TypeRef::Named(pid) => graph.get(*pid).pointer.as_str(),
                    _ => field.pointer.as_str(),
                };
                if seen.insert((at, style)) {
                    sink.report(at, format!("pagination object of {} ({}) lacks {} of {} pagination", op.label(), def.name, lacking.join(", "), style.as_str()))
                        .help(format!("add them: `pagination: {{{}}}`", meta.join(", ")));
                }
            }
        }
    }
}

fn filter_operators(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let mut seen: HashSet<&str> = HashSet::new();
    for op in &ctx.api.operations {
        let Some((_, item)) = list_body(ctx, op) else { continue };
        let Some((item_name, names)) = item_fields(graph, &item) else { continue };
        for p in op.params_in(ParamLocation::Query) {
            if names.contains(p.name.as_str()) {
                continue;
            }
            let Some((base, suffix)) = FILTER_SUFFIXES.iter().find_map(|s| p.name.strip_suffix(s).map(|b| (b, *s))) else { continue };
            if base.is_empty() || base.contains(['.', '[']) || names.contains(base) || takes_object(ctx, p) || !seen.insert(&p.pointer) {
                continue;
            }
            let mut sorted: Vec<&str> = names.iter().copied().collect();
            sorted.sort_unstable();
            let help = match crate::suggest::did_you_mean(base, sorted.iter().copied()) {
                Some(near) => format!("did you mean `{near}{suffix}`? Filters are `{{field}}{suffix}` over the properties of {item_name}"),
                None => {
                    let more = if sorted.len() > 8 { ", …" } else { "" };
                    sorted.truncate(8);
                    format!("filter on a property of {item_name} ({}{more}), or rename the parameter", sorted.join(", "))
                }
            };
            sink.report(&p.pointer, format!("filter '{}' of {} compares '{base}', which is not a property of {item_name}", p.name, op.label()))
                .help(help);
        }
    }
}

/// Whether a parameter's value is an object (`filter_gt[created_at]=…`, `style: deepObject`):
/// then `{name}_{op}` is an operator applied to the fields it is keyed by, not a filter on a
/// field called `{name}` (files.com's `filter_gt: {type: object}`).
fn takes_object(ctx: &Context<'_>, p: &Parameter) -> bool {
    let graph = &ctx.api.types;
    if p.style.as_deref() == Some("deepObject") {
        return true;
    }
    match graph.unalias(&p.ty) {
        TypeRef::Map(_) => true,
        TypeRef::Named(id) => matches!(graph.get(*id).kind, TypeKind::Struct { .. }),
        TypeRef::Any => ctx.raw(&format!("{}/schema/type", p.pointer)).and_then(|t| t.as_str()) == Some("object"),
        _ => false,
    }
}

/// The enum values a parameter declares (on the schema, or on its array items).
fn enum_values<'a>(graph: &'a TypeGraph, p: &'a Parameter) -> Vec<&'a serde_json::Value> {
    let values_of = |ty: &TypeRef| match graph.unalias(ty) {
        TypeRef::Named(id) => match &graph.get(*id).kind {
            TypeKind::Enum { values, .. } => Some(values.iter().collect::<Vec<_>>()),
            _ => None,
        },
        _ => None,
    };
    if let Some(v) = values_of(&p.ty) {
        return v;
    }
    if let TypeRef::List(inner) = graph.unalias(&p.ty) {
        if let Some(v) = values_of(inner) {
            return v;
        }
    }
    p.constraints.enumeration.iter().collect()
}

/// Whether a `sort` value is `field`, `-field` or `field:asc|desc` (comma-separated), over known fields.
fn sort_value_ok(value: &serde_json::Value, fields: Option<&HashSet<&str>>) -> bool {
    let Some(s) = value.as_str() else { return false };
    s.split(',').all(|part| {
        let part = part.trim();
        let field = match part.split_once(':') {
            Some((f, dir)) => (dir == "asc" || dir == "desc").then_some(f),
            None => Some(part.strip_prefix('-').unwrap_or(part)),
        };
        field.is_some_and(|f| !f.is_empty() && !matches!(fields, Some(names) if !names.contains(f)))
    })
}

fn sort_param(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    let mut seen: HashSet<&str> = HashSet::new();
    for op in &ctx.api.operations {
        let Some((_, item)) = list_body(ctx, op) else { continue };
        let fields = item_fields(graph, &item);
        let has_sorting = op.params_in(ParamLocation::Query).any(|p| SORT_NAMES.contains(&p.name.as_str()));
        if !has_sorting {
            // Only lists that really page (an unpaged list is `pagination-required`'s finding).
            let pages = op.params_in(ParamLocation::Query).any(|p| is_pagination_name(&p.name));
            if op.annotations.pagination.is_some() && pages {
                sink.report(&op.pointer, format!("{} is a paginated list without a `sort` parameter", op.label()))
                    .help("add `- {name: sort, in: query, schema: {type: string, example: '-created_at'}}` so clients choose a stable order (`field:asc|desc` or `-field`)");
            }
            continue;
        }
        let Some(p) = op.param(ParamLocation::Query, "sort") else { continue };
        if !seen.insert(&p.pointer) {
            continue;
        }
        let is_string = match graph.unalias(&p.ty) {
            TypeRef::List(inner) => !p.explode && json_type(graph, inner) == Some("string"),
            other => json_type(graph, other) == Some("string"),
        };
        if !is_string {
            let what = match json_type(graph, &p.ty) {
                Some("array") => "an exploded array (`sort=a&sort=b`)".to_string(),
                Some(t) => format!("of type {t}"),
                None => "untyped".to_string(),
            };
            sink.report(&p.pointer, format!("'sort' of {} is {what}, not a sort string", op.label()))
                .help("declare `schema: {type: string}` taking `field:asc,other:desc` or `-field`");
            continue;
        }
        let names = fields.as_ref().map(|(_, n)| n);
        let bad: Vec<String> = enum_values(graph, p)
            .into_iter()
            .filter(|v| !sort_value_ok(v, names))
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect();
        if !bad.is_empty() {
            let over = fields.as_ref().map_or(String::new(), |(name, _)| format!(" over the properties of {name}"));
            sink.report(&p.pointer, format!("'sort' of {} allows {} that are not `field`, `-field` or `field:asc|desc`{over}", op.label(), bad.join(", ")))
                .help("list sort keys as property names: `enum: [created_at, -created_at]` or `[created_at:asc, created_at:desc]`");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    /// A list operation at line 7 with `params` (each a full `        - …` line) and a 200 body `schema`.
    fn list(params: &str, schema: &str) -> String {
        let params = if params.is_empty() { String::new() } else { format!("      parameters:\n{params}") };
        format!("  /api/v1/orders:\n    get:\n      operationId: list_orders\n{params}      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {schema}\n")
    }

    const ORDER: &str = "    Order:\n      type: object\n      properties:\n        id: {type: string, format: uuid}\n        total: {type: number}\n        created_at: {type: string, format: date-time}\n";
    const PAGE: &str = "        - {name: page, in: query, schema: {type: integer, minimum: 1, default: 1}}\n";
    const LIMIT: &str = "        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}\n";
    const SORT: &str = "        - {name: sort, in: query, schema: {type: string}}\n";
    const OP: &str = "/paths/~1api~1v1~1orders/get";
    const LIST_REF: &str = "{$ref: '#/components/schemas/OrderList'}";

    /// `OrderList` with `items` and the page-style metadata (`envelope: none`).
    fn page_list() -> String {
        format!("  schemas:\n{ORDER}    OrderList:\n      type: object\n      properties:\n        items: {{type: array, items: {{$ref: '#/components/schemas/Order'}}}}\n        page: {{type: integer}}\n        limit: {{type: integer}}\n        total: {{type: integer}}\n        total_pages: {{type: integer}}\n        has_next: {{type: boolean}}\n        has_prev: {{type: boolean}}\n")
    }

    fn p(s: &str) -> String {
        format!("{OP}{s}")
    }

    #[test]
    fn pagination_required_reports_unpaged_lists_and_bare_arrays() {
        let components = format!("  schemas:\n{ORDER}");
        let array = "{type: array, items: {$ref: '#/components/schemas/Order'}}";
        // No parameters, bare array: the operation (line 8).
        assert_eq!(findings(&doc(&list("", array), &components), "pagination-required"), [(OP.to_string(), 8)]);
        // Parameters, but a bare array.
        assert_eq!(findings(&doc(&list(&format!("{PAGE}{LIMIT}"), array), &components), "pagination-required"), [(OP.to_string(), 8)]);
        // An object body without any pagination parameter.
        assert_eq!(findings(&doc(&list(SORT, LIST_REF), &page_list()), "pagination-required"), [(OP.to_string(), 8)]);
        // Paginated, or explicitly exempt.
        assert!(findings(&doc(&list(&format!("{PAGE}{LIMIT}"), LIST_REF), &page_list()), "pagination-required").is_empty());
        let exempt = list("", array).replace("operationId: list_orders\n", "operationId: list_orders\n      x-pagination: none\n");
        assert!(findings(&doc(&exempt, &components), "pagination-required").is_empty());
    }

    #[test]
    fn pagination_required_knows_other_apis_paging_parameters() {
        // twitter GET /2/users/{id}/followers: `max_results` + `pagination_token`, a `{data, meta}` body.
        let twitter = "        - {description: The maximum number of results., in: query, name: max_results, required: false, schema: {format: int32, maximum: 1000, minimum: 1, type: integer}, style: form}\n        - {description: This parameter is used to get a specified 'page' of results., in: query, name: pagination_token, required: false, schema: {type: string, minLength: 16}, style: form}\n";
        let wrapped = "  schemas:\n    Order: {type: object, properties: {id: {type: string}}}\n    OrderList:\n      type: object\n      properties:\n        data: {type: array, items: {$ref: '#/components/schemas/Order'}}\n        meta: {type: object, properties: {next_token: {type: string}}}\n";
        assert!(findings(&doc(&list(twitter, LIST_REF), wrapped), "pagination-required").is_empty());
        // azure LUIS: `skip` + `take` over a bare array: paginated, but the array has no room for metadata.
        let luis = "        - {description: The number of entries to skip. Default value is 0., in: query, name: skip, schema: {type: integer, minimum: 0, default: 0}}\n        - {description: The number of entries to return. Maximum page size is 500. Default is 100., in: query, name: take, schema: {type: integer, minimum: 0, maximum: 500, default: 100}}\n";
        let array = "{type: array, items: {$ref: '#/components/schemas/Order'}}";
        let d = crate::check::testing::check(&doc(&list(luis, array), wrapped)).into_iter().find(|d| d.rule == "pagination-required").expect("a finding");
        assert_eq!(d.message, "GET /api/v1/orders returns a bare JSON array, which has no room for pagination metadata");
        // The same array with its metadata in response headers (`Link`, `X-Total-Count`) is fine.
        let headers = list(luis, array).replace("          description: ok\n", "          description: ok\n          headers:\n            X-Total-Count: {schema: {type: integer}}\n");
        assert!(findings(&doc(&headers, wrapped), "pagination-required").is_empty());
    }

    #[test]
    fn pagination_required_skips_lookups_by_a_list_of_ids() {
        // twitter `GET /2/tweets`: `ids` (required, comma-separated, at most 100) names the items.
        let ids = "        - {description: A comma separated list of Tweet IDs. Up to 100 are allowed in a single request., explode: false, in: query, name: ids, required: true, schema: {items: {type: string}, maxItems: 100, minItems: 1, type: array}, style: form}\n";
        let wrapped = "  schemas:\n    Order: {type: object, properties: {id: {type: string}}}\n    OrderList:\n      type: object\n      properties:\n        data: {type: array, items: {$ref: '#/components/schemas/Order'}}\n";
        assert!(findings(&doc(&list(ids, LIST_REF), wrapped), "pagination-required").is_empty());
        assert_eq!(findings(&doc(&list(&ids.replace("required: true", "required: false"), LIST_REF), wrapped), "pagination-required"), [(OP.to_string(), 8)]);
    }

    #[test]
    fn pagination_response_judges_by_the_style_the_parameters_use() {
        // twitter: `pagination_token` + `max_results`, body `{data, meta: {next_token}}`: a cursor list.
        let params = "        - {in: query, name: max_results, schema: {type: integer, minimum: 1, maximum: 1000}}\n        - {in: query, name: pagination_token, schema: {type: string}}\n";
        let wrapped = "  schemas:\n    Order: {type: object, properties: {id: {type: string}}}\n    OrderList:\n      type: object\n      properties:\n        data: {type: array, items: {$ref: '#/components/schemas/Order'}}\n        meta: {type: object, properties: {next_token: {type: string}}}\n";
        let d = crate::check::testing::check(&doc(&list(params, LIST_REF), wrapped)).into_iter().find(|d| d.rule == "pagination-response").expect("a finding");
        assert_eq!(d.message, "list body OrderList of GET /api/v1/orders lacks items, limit, next_cursor, prev_cursor of cursor pagination");
    }

    #[test]
    fn pagination_params_and_response_name_the_style_the_operation_uses() {
        // increase.com GET /accounts: `cursor` + `limit`, body `{data, next_cursor}`, under the
        // default page conventions. Both rules name cursor pagination; the choice of another
        // style than the conventions' is said once, at the parameter that shows it (line 11).
        let params = "        - {description: Return the page of entries after this one., in: query, name: cursor, required: false, schema: {type: string}}\n        - {description: Limit the size of the list that is returned. The default (and maximum) is 100 objects., in: query, name: limit, required: false, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}\n";
        let body = "  schemas:\n    Order: {type: object, properties: {id: {type: string}}}\n    OrderList:\n      type: object\n      properties:\n        data: {type: array, items: {$ref: '#/components/schemas/Order'}}\n        next_cursor: {type: string, nullable: true}\n";
        let found = crate::check::testing::check(&doc(&list(params, LIST_REF), body));
        let said = |rule: &str| found.iter().filter(|d| d.rule == rule).map(|d| (d.pointer.as_str(), d.message.as_str())).collect::<Vec<_>>();
        assert_eq!(said("pagination-params"), [(p("/parameters/0").as_str(), "GET /api/v1/orders pages by cursor pagination ('cursor'), not by the conventions' page pagination (page, limit)")]);
        assert_eq!(said("pagination-response"), [("/components/schemas/OrderList", "list body OrderList of GET /api/v1/orders lacks items, limit, prev_cursor of cursor pagination")]);
        // DigitalOcean GET /v1/batches pages by `after`: the same one finding, at `after`.
        let after = params.replace("name: cursor", "name: after");
        let found = crate::check::testing::check(&doc(&list(&after, LIST_REF), body));
        let params_found: Vec<&str> = found.iter().filter(|d| d.rule == "pagination-params").map(|d| d.message.as_str()).collect();
        assert_eq!(params_found, ["GET /api/v1/orders pages by cursor pagination ('after'), not by the conventions' page pagination (page, limit)"]);
        // With the style written on the operation, the parameters are in order.
        let written = list(params, LIST_REF).replace("operationId: list_orders\n", "operationId: list_orders\n      x-pagination: cursor\n");
        assert!(findings(&doc(&written, body), "pagination-params").is_empty());
    }

    #[test]
    fn filter_operators_skip_object_valued_filters() {
        // files.com GET /api_keys: `filter_gt` is an object keyed by field name (`filter_gt[expires_at]=…`).
        let params = "        - {description: 'If set, return records where the specified field is greater than the supplied value. Valid fields are `expires_at`.', in: query, name: filter_gt, required: false, schema: {type: object}}\n        - {in: query, name: filter_lt, style: deepObject, schema: {type: object, additionalProperties: {type: string}}}\n        - {in: query, name: totl_gt, schema: {type: number}}\n";
        let found = findings(&doc(&list(&format!("{PAGE}{LIMIT}{params}"), LIST_REF), &page_list()), "filter-operators");
        assert_eq!(found, [(p("/parameters/4"), 15)]);
    }

    #[test]
    fn pagination_params_match_the_page_style() {
        // Line 11: page without minimum; 12: offset of another style; limit missing → operation (8).
        let params = "        - {name: page, in: query, schema: {type: integer}}\n        - {name: offset, in: query, schema: {type: integer, minimum: 0}}\n";
        let found = findings(&doc(&list(params, LIST_REF), &page_list()), "pagination-params");
        assert_eq!(found, [(OP.to_string(), 8), (p("/parameters/0"), 11), (p("/parameters/1"), 12)]);
        assert!(findings(&doc(&list(&format!("{PAGE}{LIMIT}"), LIST_REF), &page_list()), "pagination-params").is_empty());
    }

    #[test]
    fn pagination_params_point_at_stand_ins_of_other_styles() {
        // offset style (root x-apigen shifts every line by 1): `start` stands in for offset (line 12),
        // `per_page` for limit (line 13).
        let params = "        - {name: start, in: query, schema: {type: integer, minimum: 0}}\n        - {name: per_page, in: query, schema: {type: integer, maximum: 100, default: 20}}\n";
        let yaml = format!("x-apigen: {{pagination: offset}}\n{}", doc(&list(params, LIST_REF), &page_list()));
        assert_eq!(findings(&yaml, "pagination-params"), [(p("/parameters/0"), 12), (p("/parameters/1"), 13)]);
        let good = "        - {name: limit, in: query, schema: {type: integer, maximum: 100, default: 20}}\n        - {name: offset, in: query, schema: {type: integer, minimum: 0}}\n";
        let yaml = format!("x-apigen: {{pagination: offset}}\n{}", doc(&list(good, LIST_REF), &page_list()));
        assert!(findings(&yaml, "pagination-params").is_empty());
    }

    #[test]
    fn pagination_params_of_skip_and_cursor_styles() {
        // skip: `skip` has a negative minimum (line 12); limit is a string (line 13).
        let skip = "        - {name: skip, in: query, schema: {type: integer, minimum: -1}}\n        - {name: limit, in: query, schema: {type: string}}\n";
        let yaml = format!("x-apigen: {{pagination: skip}}\n{}", doc(&list(skip, LIST_REF), &page_list()));
        assert_eq!(findings(&yaml, "pagination-params"), [(p("/parameters/0"), 12), (p("/parameters/1"), 13)]);
        let good_skip = format!("        - {{name: skip, in: query, schema: {{type: integer, minimum: 0}}}}\n{LIMIT}");
        let yaml = format!("x-apigen: {{pagination: skip}}\n{}", doc(&list(&good_skip, LIST_REF), &page_list()));
        assert!(findings(&yaml, "pagination-params").is_empty());
        // cursor, set on the operation: an integer cursor (line 12).
        let cursor = format!("        - {{name: cursor, in: query, schema: {{type: integer}}}}\n{LIMIT}");
        let op = list(&cursor, LIST_REF).replace("operationId: list_orders\n", "operationId: list_orders\n      x-pagination: cursor\n");
        assert_eq!(findings(&doc(&op, &page_list()), "pagination-params"), [(p("/parameters/0"), 12)]);
        let good = op.replace("{name: cursor, in: query, schema: {type: integer}}", "{name: cursor, in: query, schema: {type: string}}");
        assert!(findings(&doc(&good, &page_list()), "pagination-params").is_empty());
    }

    #[test]
    fn limit_needs_maximum_and_default() {
        let params = format!("{PAGE}        - {{name: limit, in: query, schema: {{type: integer, minimum: 1}}}}\n");
        assert_eq!(findings(&doc(&list(&params, LIST_REF), &page_list()), "pagination-limit-max"), [(p("/parameters/1"), 12)]);
        let too_big = params.replace("minimum: 1}", "minimum: 1, maximum: 5000, default: 20}");
        assert_eq!(findings(&doc(&list(&too_big, LIST_REF), &page_list()), "pagination-limit-max"), [(p("/parameters/1"), 12)]);
        // A foreign page-size name is checked too.
        let per_page = format!("{PAGE}        - {{name: per_page, in: query, schema: {{type: integer}}}}\n");
        assert_eq!(findings(&doc(&list(&per_page, LIST_REF), &page_list()), "pagination-limit-max"), [(p("/parameters/1"), 12)]);
        assert!(findings(&doc(&list(&format!("{PAGE}{LIMIT}"), LIST_REF), &page_list()), "pagination-limit-max").is_empty());
    }

    #[test]
    fn page_body_needs_page_metadata() {
        let paths = list(&format!("{PAGE}{LIMIT}"), LIST_REF);
        // Two parameters: components at line 19, Order at 21, OrderList at 27.
        let lacking = page_list().replace("        has_next: {type: boolean}\n        has_prev: {type: boolean}\n", "");
        assert_eq!(findings(&doc(&paths, &lacking), "pagination-response"), [("/components/schemas/OrderList".to_string(), 27)]);
        assert!(findings(&doc(&paths, &page_list()), "pagination-response").is_empty());
    }

    #[test]
    fn offset_skip_and_cursor_bodies_need_their_metadata() {
        let body = |meta: &str| format!("  schemas:\n{ORDER}    OrderList:\n      type: object\n      properties:\n        items: {{type: array, items: {{$ref: '#/components/schemas/Order'}}}}\n{meta}");
        let field = |names: &[&str]| names.iter().map(|n| format!("        {n}: {{type: integer}}\n")).collect::<String>();
        for (style, position, meta) in [
            ("offset", "offset", &["limit", "offset", "total", "has_more"][..]),
            ("skip", "skip", &["skip", "limit", "total", "has_more"][..]),
            ("cursor", "cursor", &["limit", "next_cursor", "prev_cursor"][..]),
        ] {
            let schema = if style == "cursor" { "string" } else { "integer, minimum: 0" };
            let params = format!("        - {{name: {position}, in: query, schema: {{type: {schema}}}}}\n{LIMIT}");
            let yaml = |components: &str| format!("x-apigen: {{pagination: {style}}}\n{}", doc(&list(&params, LIST_REF), components));
            // Root x-apigen: OrderList moves to line 28.
            let lacking = body(&field(&meta[..meta.len() - 1]));
            assert_eq!(findings(&yaml(&lacking), "pagination-response"), [("/components/schemas/OrderList".to_string(), 28)], "{style}");
            assert!(findings(&yaml(&body(&field(meta))), "pagination-response").is_empty(), "{style}");
        }
    }

    #[test]
    fn data_envelope_bodies_need_a_pagination_object() {
        let params = format!("{PAGE}{LIMIT}");
        let components = |pagination: &str| format!("  schemas:\n{ORDER}    OrderList:\n      type: object\n      properties:\n        data: {{type: array, items: {{$ref: '#/components/schemas/Order'}}}}\n{pagination}");
        let yaml = |c: &str| format!("x-apigen: {{envelope: data}}\n{}", doc(&list(&params, LIST_REF), c));
        // No pagination object: the body (line 28).
        assert_eq!(findings(&yaml(&components("")), "pagination-response"), [("/components/schemas/OrderList".to_string(), 28)]);
        // An inline pagination object lacking has_prev: that object (line 32).
        let partial = "        pagination:\n          type: object\n          properties:\n            page: {type: integer}\n            limit: {type: integer}\n            total: {type: integer}\n            total_pages: {type: integer}\n            has_next: {type: boolean}\n";
        assert_eq!(
            findings(&yaml(&components(partial)), "pagination-response"),
            [("/components/schemas/OrderList/properties/pagination".to_string(), 32)]
        );
        let full = format!("{partial}            has_prev: {{type: boolean}}\n");
        assert!(findings(&yaml(&components(&full)), "pagination-response").is_empty());
        // `items` instead of `data` under envelope: data is reported too.
        assert_eq!(findings(&yaml(&page_list()), "pagination-response"), [("/components/schemas/OrderList".to_string(), 28)]);
    }

    #[test]
    fn filters_must_name_item_fields() {
        let params = format!("{PAGE}{LIMIT}        - {{name: amount_gt, in: query, schema: {{type: number}}}}\n        - {{name: total_gte, in: query, schema: {{type: number}}}}\n        - {{name: created_after, in: query, schema: {{type: string, format: date}}}}\n");
        assert_eq!(findings(&doc(&list(&params, LIST_REF), &page_list()), "filter-operators"), [(p("/parameters/2"), 13)]);
        let good = params.replace("amount_gt", "total_lt");
        assert!(findings(&doc(&list(&good, LIST_REF), &page_list()), "filter-operators").is_empty());
    }

    #[test]
    fn sort_is_a_string_over_item_fields() {
        let bad_enum = format!("{PAGE}{LIMIT}        - {{name: sort, in: query, schema: {{type: string, enum: [newest, -created_at, 'total:desc']}}}}\n");
        assert_eq!(findings(&doc(&list(&bad_enum, LIST_REF), &page_list()), "sort-param"), [(p("/parameters/2"), 13)]);
        let integer = format!("{PAGE}{LIMIT}        - {{name: sort, in: query, schema: {{type: integer}}}}\n");
        assert_eq!(findings(&doc(&list(&integer, LIST_REF), &page_list()), "sort-param"), [(p("/parameters/2"), 13)]);
        // A paginated list without sort: the operation.
        assert_eq!(findings(&doc(&list(&format!("{PAGE}{LIMIT}"), LIST_REF), &page_list()), "sort-param"), [(OP.to_string(), 8)]);
        let good = bad_enum.replace("newest", "created_at");
        assert!(findings(&doc(&list(&good, LIST_REF), &page_list()), "sort-param").is_empty());
        assert!(findings(&doc(&list(&format!("{PAGE}{LIMIT}{SORT}"), LIST_REF), &page_list()), "sort-param").is_empty());
        // `sort_by` also gives an order; an unpaged list is left to pagination-required.
        let sort_by = format!("{PAGE}{LIMIT}        - {{name: sort_by, in: query, schema: {{type: string}}}}\n");
        assert!(findings(&doc(&list(&sort_by, LIST_REF), &page_list()), "sort-param").is_empty());
        assert!(findings(&doc(&list("", LIST_REF), &page_list()), "sort-param").is_empty());
    }

    #[test]
    fn data_envelope_cursor_metadata_in_a_shared_component() {
        let params = format!("        - {{name: cursor, in: query, schema: {{type: string}}}}\n{LIMIT}");
        let components = |meta: &str| {
            format!("  schemas:\n{ORDER}    OrderList:\n      type: object\n      properties:\n        data: {{type: array, items: {{$ref: '#/components/schemas/Order'}}}}\n        pagination: {{$ref: '#/components/schemas/CursorPage'}}\n    CursorPage:\n      type: object\n      properties:\n        limit: {{type: integer}}\n        next_cursor: {{type: string, nullable: true}}\n{meta}")
        };
        let yaml = |c: &str| format!("x-apigen: {{pagination: cursor, envelope: data}}\n{}", doc(&list(&params, LIST_REF), c));
        // OrderList at line 28 (5 lines), CursorPage at line 33.
        assert_eq!(findings(&yaml(&components("")), "pagination-response"), [("/components/schemas/CursorPage".to_string(), 33)]);
        let full = components("        prev_cursor: {type: string, nullable: true}\n");
        assert!(findings(&yaml(&full), "pagination-response").is_empty());
    }
}
