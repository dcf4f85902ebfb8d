//! Naming rules: paths are plural, kebab-case nouns without verbs or
//! trailing slashes; parameters and properties are snake_case; booleans read
//! as predicates (docs/standard.md §3 Naming).

use std::collections::{HashMap, HashSet};

use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase};

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::diagnostic::Level;
use crate::model::conventions::ParamCase;
use crate::model::{collection_item, PathTemplate, Method, Operation, ParamLocation, Primitive, TypeRef};

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "path-kebab-case",
        level: Level::Error,
        summary: "a literal path segment is not lowercase kebab-case",
        rationale: "URLs are case-sensitive, so mixed case and underscores make clients guess the spelling of every resource. One style everywhere (`production-orders`) keeps paths predictable and matches the generated route names.",
        source: "docs/standard.md §3 Naming",
        bad: "/api/v1/productionOrders:\n  get: {...}",
        good: "/api/v1/production-orders:\n  get: {...}",
        check: Check::Model(path_kebab_case),
    },
    Rule {
        id: "path-plural-collection",
        level: Level::Warn,
        summary: "a collection segment is not a plural noun",
        rationale: "A collection holds many resources and its items live under it (`/orders/{order_id}`); a plural name says so. Mixing `/order/{id}` and `/customers/{id}` forces clients to remember which is which.",
        source: "docs/standard.md §3 Naming",
        bad: "/api/v1/order/{order_id}:\n  get: {...}",
        good: "/api/v1/orders/{order_id}:\n  get: {...}",
        check: Check::Model(path_plural_collection),
    },
    Rule {
        id: "path-no-verbs",
        level: Level::Warn,
        summary: "a path segment is or starts with a verb (`getJobs`, `create-order`)",
        rationale: "The HTTP method is the verb; the path names the resource. `GET /getJobs` and `POST /create-order` duplicate the method and break the uniform collection/item layout. Action sub-resources on an item (`POST /jobs/{job_id}/retry`) are the accepted exception.",
        source: "docs/standard.md §3 Naming",
        bad: "/api/v1/getJobs:\n  get: {...}\n/api/v1/create-job:\n  post: {...}",
        good: "/api/v1/jobs:\n  get: {...}\n  post: {...}",
        check: Check::Model(path_no_verbs),
    },
    Rule {
        id: "path-no-trailing-slash",
        level: Level::Error,
        summary: "a path ends with `/`",
        rationale: "Many servers and routers treat `/orders/` and `/orders` as different routes or answer one with a redirect, which drops the body of a POST. Declaring paths without the trailing slash keeps routing and generated clients unambiguous.",
        source: "docs/standard.md §3 Naming",
        bad: "/api/v1/orders/:\n  get: {...}",
        good: "/api/v1/orders:\n  get: {...}",
        check: Check::Model(path_no_trailing_slash),
    },
    Rule {
        id: "path-param-case",
        level: Level::Warn,
        summary: "a `{param}` of a path template does not follow the `path-param-case` convention",
        rationale: "Path parameter names become function arguments in generated servers and clients. One case everywhere (snake_case by default, camelCase when `path-param-case: camelCase`) avoids mixed `{orderId}`/`{order_id}` signatures.",
        source: "docs/standard.md §3 Naming",
        bad: "/api/v1/orders/{orderId}:\n  get:\n    parameters:\n      - {name: orderId, in: path, required: true, schema: {type: string}}",
        good: "/api/v1/orders/{order_id}:\n  get:\n    parameters:\n      - {name: order_id, in: path, required: true, schema: {type: string}}",
        check: Check::Model(path_param_case),
    },
    Rule {
        id: "query-param-snake-case",
        level: Level::Error,
        summary: "a query parameter name is not snake_case",
        rationale: "Query parameters share their names with the JSON fields they filter and sort on (`?sort_by=created_at`); snake_case keeps both spellings identical and predictable for clients.",
        source: "docs/standard.md §3 Naming",
        bad: "parameters:\n  - {name: sortBy, in: query, schema: {type: string}}",
        good: "parameters:\n  - {name: sort_by, in: query, schema: {type: string}}",
        check: Check::Model(query_param_snake_case),
    },
    Rule {
        id: "property-snake-case",
        level: Level::Error,
        summary: "a schema property name is not snake_case",
        rationale: "JSON field names are shared by every app of the ecosystem and become struct fields and database columns. snake_case (`created_at`, `user_id`) is the one spelling the standards agree on. The members HAL reserves (`_links`, `_embedded`, and HAL-FORMS' `_templates`) are spelled as their media type defines them and are accepted; JSON:API's (`data`, `links`, `meta`, `included`, `jsonapi`) are snake_case already.",
        source: "docs/standard.md §3 Naming",
        bad: "Order:\n  type: object\n  properties:\n    createdAt: {type: string, format: date-time}",
        good: "Order:\n  type: object\n  properties:\n    created_at: {type: string, format: date-time}",
        check: Check::Model(property_snake_case),
    },
    Rule {
        id: "boolean-prefix",
        level: Level::Warn,
        summary: "a boolean property does not start with `is_`, `has_` or `can_`",
        rationale: "A prefix makes a flag read as a yes/no question (`is_active`, `has_permission`) and distinguishes it from a field holding a state or a count (`active`, `permissions`).",
        source: "docs/standard.md §3 Naming",
        bad: "Customer:\n  type: object\n  properties:\n    active: {type: boolean}",
        good: "Customer:\n  type: object\n  properties:\n    is_active: {type: boolean}",
        check: Check::Model(boolean_prefix),
    },
];

/// The operations of one path, with the path item's pointer.
pub(crate) struct PathItem<'a> {
    /// The path template as written.
    pub path: &'a str,
    /// JSON pointer of the path item (the operations' pointer minus the method).
    pub pointer: &'a str,
    /// The operations of the path, in document order.
    pub ops: Vec<&'a Operation>,
}

impl PathItem<'_> {
    fn has(&self, method: Method) -> bool {
        self.ops.iter().any(|op| op.method == method)
    }
}

/// The operations grouped by path, in document order.
pub(crate) fn path_items<'a>(ctx: &Context<'a>) -> Vec<PathItem<'a>> {
    let api = ctx.api;
    let mut index: HashMap<&'a str, usize> = HashMap::new();
    let mut items: Vec<PathItem<'a>> = Vec::new();
    for op in &api.operations {
        match index.get(op.path.as_str()) {
            Some(&i) => items[i].ops.push(op),
            None => {
                index.insert(&op.path, items.len());
                let pointer = op.pointer.rsplit_once('/').map_or(op.pointer.as_str(), |(item, _)| item);
                items.push(PathItem { path: &op.path, pointer, ops: vec![op] });
            }
        }
    }
    items
}

/// The non-empty segments of a path.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// A whole-segment template parameter: `{order_id}`.
fn is_param(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// A segment without template parameters.
fn is_literal(segment: &str) -> bool {
    !segment.is_empty() && !segment.contains('{')
}

/// `v1`, `v2`, …
fn is_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_lower_word(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// `^[a-z0-9]+(-[a-z0-9]+)*$`, with an optional format extension (`posts.json`).
fn is_kebab(s: &str) -> bool {
    let (stem, extension) = split_extension(s);
    stem.split('-').all(is_lower_word) && extension.is_none_or(is_lower_word)
}

/// A segment's stem and its format extension (`latest` and `json` of `latest.json`).
fn split_extension(segment: &str) -> (&str, Option<&str>) {
    match segment.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() && ext.len() <= 5 && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => (stem, Some(ext)),
        _ => (segment, None),
    }
}

/// The segment in kebab-case, its extension kept (`userActions.json` → `user-actions.json`).
fn kebab_segment(segment: &str) -> String {
    match split_extension(segment) {
        (stem, Some(ext)) => format!("{}.{}", stem.to_kebab_case(), ext.to_ascii_lowercase()),
        (stem, None) => stem.to_kebab_case(),
    }
}

/// `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`
pub(crate) fn is_snake(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase()) && s.split('_').all(is_lower_word)
}

/// `^[a-z][a-zA-Z0-9]*$`
fn is_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// `'a'` or `'a', 'b'`.
fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}

/// Rebuilds a path with some segments replaced (an empty replacement drops the segment).
fn rewrite(path: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::new();
    for segment in path.split('/').skip(1) {
        match replace(segment) {
            Some(new) if new.is_empty() => {}
            Some(new) => {
                out.push('/');
                out.push_str(&new);
            }
            None => {
                out.push('/');
                out.push_str(segment);
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// A version segment of any spelling (`v0.1`, `2.0`, `V1`): `version-path-prefix` judges it.
fn is_version_like(segment: &str) -> bool {
    let number = segment.strip_prefix(['v', 'V']).unwrap_or(segment);
    !number.is_empty() && number.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// A segment the rule judges: a literal that is not a version, and not a dotted namespace
/// (`Microsoft.InfrastructureInsights.Admin`, `com.example.api`), which names something
/// outside the API and cannot be renamed; a format extension (`.json`) is fine.
fn kebab_judged(segment: &str) -> bool {
    is_literal(segment) && !is_version_like(segment) && split_extension(segment).0.find('.').is_none()
}

fn path_kebab_case(ctx: &Context<'_>, sink: &mut Sink) {
    for item in path_items(ctx) {
        let bad: Vec<&str> = segments(item.path).into_iter().filter(|s| kebab_judged(s) && !is_kebab(s)).collect();
        if bad.is_empty() {
            continue;
        }
        let fixed = rewrite(item.path, |s| (kebab_judged(s) && !is_kebab(s)).then(|| kebab_segment(s)));
        let message = if bad.len() == 1 {
            format!("path segment {} is not kebab-case", quoted(&bad))
        } else {
            format!("path segments {} are not kebab-case", quoted(&bad))
        };
        sink.report(item.pointer, message).help(format!("rename the path to {fixed}"));
    }
}

/// Words that need no plural: uncountable, or names of one thing everyone has one of.
const NOT_COUNTED: &[&str] = &[
    "data", "health", "status", "metadata", "info", "search", "auth", "me", "media", "people", "children", "feedback",
    "news", "settings", "analytics", "criteria", "men", "women", "staff", "equipment", "history", "config",
    "configuration", "information", "software", "content", "traffic", "usage", "billing", "gzip", "json", "xml",
    "openapi", "swagger", "availability", "activity", "compensation", "autocomplete",
];

/// Function words: a segment holding one (`by`, `with`, `filter_by_tester`, `sent-to`,
/// `bypostcode`) qualifies its neighbours rather than naming a collection.
const FUNCTION_WORDS: &[&str] =
    &["by", "with", "for", "of", "to", "from", "in", "on", "at", "into", "per", "via", "and", "or", "all", "any", "each"];

/// Qualifiers and states (`/ip_addresses/reserved`, `/tweets/search/recent`): adjectives, not nouns.
const QUALIFIERS: &[&str] = &[
    "recent", "latest", "current", "active", "inactive", "available", "related", "distinct", "offline", "online",
    "public", "private", "default", "new", "old", "next", "previous", "first", "last", "basic", "full", "partial",
    "pending", "open", "closed", "draft", "live", "mine", "own", "top", "bulk", "batch", "raw", "summary", "super",
    "random", "long", "short", "reverse", "global", "local", "internal", "external",
];

/// Action verbs (`/apps/import`, `/monitoring/register/{id}`): the name of a step, not of a collection
/// (`path-no-verbs` judges these).
const ACTION_VERBS: &[&str] = &[
    "import", "export", "register", "unregister", "send", "resend", "sync", "validate", "verify", "publish",
    "unpublish", "cancel", "retry", "approve", "reject", "login", "logout", "signin", "signup", "refresh", "reset",
    "upload", "download", "archive", "unarchive", "restore", "activate", "deactivate", "enable", "disable", "start",
    "stop", "pause", "resume", "run", "execute", "test", "preview", "merge", "clone", "copy", "move", "submit",
    "confirm", "check", "lookup", "train", "suggest", "transfer", "delete", "update", "retrieve", "list", "get",
    "create", "add", "remove", "search", "find", "query", "count", "promote", "reassign", "assign", "unassign",
    "invite", "subscribe", "unsubscribe", "follow", "unfollow", "block", "unblock", "mute", "unmute", "pick",
    "calculate", "convert", "generate", "render", "replay", "trigger", "ping", "monitor", "notify", "share",
    "invalidate", "evaluate", "duplicate", "translate", "migrate", "rotate", "regenerate", "reactivate", "promote",
];

/// Participles that do not end in `-ed` (`/invitations/sent`).
const IRREGULAR_PARTICIPLES: &[&str] =
    &["sent", "done", "built", "made", "given", "taken", "shown", "known", "seen", "paid", "sold", "bought", "held", "kept", "left", "lost", "won", "found", "read", "unread"];

/// Nouns that name a container of items (`/emails/{id}/queue/{subscriber_hash}`, `/explicitlist/{item_id}`):
/// the segment is one thing whose members sit under it.
const CONTAINERS: &[&str] = &["list", "queue", "feed", "timeline", "inbox", "outbox", "cart", "basket", "stack", "set"];

/// The words of a segment (before any `.json`-like extension), lowercase.
fn words(segment: &str) -> Vec<String> {
    let stem = segment.split('.').next().unwrap_or_default();
    stem.to_snake_case().split('_').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Whether `word` is a plural noun, or a word that needs none.
fn is_plural(word: &str) -> bool {
    NOT_COUNTED.contains(&word) || pluralizer::pluralize(word, 2, false) == word
}

/// Whether a segment names a collection in a way the rule can judge: its last word
/// is a countable noun, and no word of it is a function word, a qualifier or an action.
/// Single letters and two-letter abbreviations (`/t/{id}`, `/u/{username}`) cannot be judged.
fn judgeable(segment: &str) -> bool {
    let words = words(segment);
    let Some(last) = words.last() else { return false };
    let glued_function_word = |w: &str| {
        // `bypostcode`, `searchbyattribute`: a function word glued between two longer words.
        w.len() > 6 && w.is_ascii() && (w.starts_with("by") || w[3..w.len() - 3].contains("by"))
    };
    let first = words[0].as_str();
    let last = last.as_str();
    let function_or_qualifier =
        words.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str()) || QUALIFIERS.contains(&w.as_str()) || glued_function_word(w));
    // `promote_release`: an action named by its verb.
    let action = ACTION_VERBS.contains(&last) || (words.len() > 1 && ACTION_VERBS.contains(&first));
    // Adjectives (`reverse_chronological`, `anonymous`), gerunds and participles (`blocking`, `reserved`).
    let not_a_noun = IRREGULAR_PARTICIPLES.contains(&last)
        || last.ends_with("ical")
        || last.ends_with("ous")
        || (last.ends_with("ing") && last.len() > 5)
        || (last.ends_with("ed") && !last.ends_with("eed") && last.len() > 4);
    let container = CONTAINERS.contains(&last) || last.ends_with("list") || last.ends_with("queue");
    let short_or_odd = last.len() <= 2 || !last.bytes().all(|b| b.is_ascii_lowercase());
    !(short_or_odd || function_or_qualifier || action || not_a_noun || container)
}

/// Whether the segment after `previous` is a qualifier of it rather than a collection:
/// after a collection (`/listings/sale`, `/ip_addresses/reserved`: a subset or a view of it,
/// where a nested collection would follow an item, `/orders/{order_id}/lines`), after a
/// function word (`/users/by/username/{username}`), an action (`/search/name/{country}/{name}`,
/// `/reassign/resource/{resource_id}`) or `auth` (`/auth/google/{email}`: a provider).
fn qualifies(previous: &str) -> bool {
    if !is_literal(previous) || is_version(previous) || previous == "api" {
        return false;
    }
    let words = words(previous);
    let Some(last) = words.last() else { return false };
    words.iter().any(|w| FUNCTION_WORDS.contains(&w.as_str()))
        || ACTION_VERBS.contains(&last.as_str())
        || last.ends_with("search")
        || last == "auth"
        || (judgeable(previous) && last.len() > 3 && pluralizer::pluralize(last, 2, false) == *last && !NOT_COUNTED.contains(&last.as_str()))
}

/// The segment in kebab-case with its last word made plural (an extension is kept).
fn plural_segment(segment: &str) -> String {
    let (stem, extension) = segment.split_once('.').map_or((segment, String::new()), |(s, e)| (s, format!(".{e}")));
    let kebab = stem.to_kebab_case();
    let plural = |w: &str| pluralizer::pluralize(w, 2, false);
    match kebab.rsplit_once('-') {
        Some((head, last)) => format!("{head}-{}{extension}", plural(last)),
        None => format!("{}{extension}", plural(&kebab)),
    }
}

fn path_plural_collection(ctx: &Context<'_>, sink: &mut Sink) {
    let graph = &ctx.api.types;
    for item in path_items(ctx) {
        let segs = segments(item.path);
        let Some(last) = segs.len().checked_sub(1) else { continue };
        // Directly under an item (`/campaigns/{campaign_id}/send-checklist`), an object holding an
        // `items` array may be one sub-resource; only a bare array or pagination says "collection".
        let under_item = last >= 1 && is_param(segs[last - 1]);
        let lists = item.ops.iter().any(|op| {
            op.method == Method::Get
                && (op.annotations.pagination.is_some()
                    || op.response("200").and_then(|r| r.json()).is_some_and(|m| match graph.unalias(&m.ty) {
                        TypeRef::List(_) => true,
                        ty => !under_item && collection_item(graph, ty).is_some(),
                    }))
        });
        let creates = item.ops.iter().any(|op| op.method == Method::Post && op.response("201").is_some());
        // `POST /jobs/{job_id}/retry`: an action on an item, not a collection.
        let action = last >= 1 && is_param(segs[last - 1]) && item.has(Method::Post) && !lists;
        let last_is_collection = (lists || creates) && !action;
        let bad: Vec<&str> = segs
            .iter()
            .enumerate()
            .filter(|&(i, s)| {
                let collection = segs.get(i + 1).is_some_and(|next| is_param(next)) || (i == last && last_is_collection);
                let qualified = i > 0 && qualifies(segs[i - 1]);
                collection && is_literal(s) && *s != "api" && !is_version(s) && !qualified
            })
            .map(|(_, s)| *s)
            .filter(|s| judgeable(s) && !words(s).last().is_some_and(|w| is_plural(w)))
            .collect();
        if bad.is_empty() {
            continue;
        }
        let fixed = rewrite(item.path, |s| bad.contains(&s).then(|| plural_segment(s)));
        let message = if bad.len() == 1 {
            format!("collection segment {} is not a plural noun", quoted(&bad))
        } else {
            format!("collection segments {} are not plural nouns", quoted(&bad))
        };
        sink.report(item.pointer, message).help(format!("use a plural noun, e.g. {fixed}"));
    }
}

const VERBS: &[&str] = &[
    "get", "list", "create", "update", "delete", "remove", "add", "fetch", "set", "make", "do", "put", "post", "patch",
    "modify", "retrieve",
];

/// The verb a segment starts with, and the rest of the segment in kebab-case.
fn leading_verb(segment: &str) -> Option<(&'static str, String)> {
    let snake = segment.to_snake_case();
    let mut words = snake.split('_');
    let first = words.next()?;
    let verb = VERBS.iter().find(|v| **v == first)?;
    Some((verb, words.collect::<Vec<_>>().join("-")))
}

fn path_no_verbs(ctx: &Context<'_>, sink: &mut Sink) {
    for item in path_items(ctx) {
        let segs = segments(item.path);
        let last = segs.len().saturating_sub(1);
        // `POST /orders/{order_id}/cancel`: an action sub-resource may be named by its verb.
        let action = segs.len() >= 2 && is_param(segs[last - 1]) && item.has(Method::Post);
        let bad: Vec<(&str, &str, String)> = segs
            .iter()
            .enumerate()
            .filter(|&(i, s)| is_literal(s) && !(action && i == last))
            .filter_map(|(_, s)| leading_verb(s).map(|(verb, rest)| (*s, verb, rest)))
            .collect();
        if bad.is_empty() {
            continue;
        }
        let message = match bad.as_slice() {
            [(segment, verb, _)] => format!("path segment '{segment}' starts with the verb '{verb}'"),
            _ => {
                let list = bad.iter().map(|(s, v, _)| format!("'{s}' ('{v}')")).collect::<Vec<_>>().join(", ");
                format!("path segments {list} start with verbs")
            }
        };
        let fixed = rewrite(item.path, |s| bad.iter().find(|(b, _, _)| *b == s).map(|(_, _, rest)| rest.clone()));
        sink.report(item.pointer, message)
            .help(format!("name the resource, not the action: {fixed}, and let the HTTP method say what happens"));
    }
}

fn path_no_trailing_slash(ctx: &Context<'_>, sink: &mut Sink) {
    for item in path_items(ctx) {
        if item.path != "/" && item.path.ends_with('/') {
            let trimmed = item.path.trim_end_matches('/');
            let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
            sink.report(item.pointer, format!("path {} ends with a slash", item.path))
                .help(format!("rename the path to {trimmed}"));
        }
    }
}

fn path_param_case(ctx: &Context<'_>, sink: &mut Sink) {
    let case = ctx.api.conventions.path_param_case;
    let (ok, case_name): (fn(&str) -> bool, &str) = match case {
        ParamCase::Snake => (is_snake, "snake_case"),
        ParamCase::Camel => (is_camel, "camelCase"),
    };
    for item in path_items(ctx) {
        let mut seen = HashSet::new();
        for &name in PathTemplate::parse(item.path).variables() {
            if !seen.insert(name) || ok(name) {
                continue;
            }
            let pointer = item
                .ops
                .iter()
                .find_map(|op| op.param(ParamLocation::Path, name))
                .map_or(item.pointer, |p| p.pointer.as_str());
            let fixed = match case {
                ParamCase::Snake => name.to_snake_case(),
                ParamCase::Camel => name.to_lower_camel_case(),
            };
            let finding = sink.report(pointer, format!("path parameter '{{{name}}}' is not {case_name}"));
            if ok(&fixed) {
                finding.help(format!("rename it to {{{fixed}}} in the path template and the parameter"));
            }
        }
    }
}

/// The names inside a structured query parameter name: `created_at.before` (an operator),
/// `q[email]` (an object parameter), `daily_range.start_date.year` (a field path). Each part is
/// judged; the separators are syntax, not part of a name.
fn name_parts(name: &str) -> impl Iterator<Item = &str> {
    name.split(['.', '[', ']']).filter(|part| !part.is_empty())
}

/// The name with each part in snake_case, separators kept.
fn snake_parts(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut part = String::new();
    for c in name.chars() {
        if matches!(c, '.' | '[' | ']') {
            out.push_str(&part.to_snake_case());
            part.clear();
            out.push(c);
        } else {
            part.push(c);
        }
    }
    out.push_str(&part.to_snake_case());
    out
}

fn query_param_snake_case(ctx: &Context<'_>, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for op in &ctx.api.operations {
        for p in op.params_in(ParamLocation::Query) {
            if !seen.insert(p.pointer.as_str()) || (name_parts(&p.name).next().is_some() && name_parts(&p.name).all(is_snake)) {
                continue;
            }
            let finding = sink.report(&p.pointer, format!("query parameter '{}' is not snake_case", p.name));
            let fixed = snake_parts(&p.name);
            if name_parts(&fixed).next().is_some() && name_parts(&fixed).all(is_snake) {
                finding.help(format!("rename it to {fixed}"));
            }
        }
    }
}

/// Members a hypermedia format reserves, spelled as it defines them: HAL's `_links` and
/// `_embedded` (draft-kelly-json-hal §4.1), HAL-FORMS' `_templates`.
const RESERVED_MEMBERS: [&str; 3] = ["_links", "_embedded", "_templates"];

fn property_snake_case(ctx: &Context<'_>, sink: &mut Sink) {
    for (_, field) in ctx.fields() {
        if is_snake(&field.name) || RESERVED_MEMBERS.contains(&field.name.as_str()) {
            continue;
        }
        let finding = sink.report(&field.pointer, format!("property '{}' is not snake_case", field.name));
        let fixed = field.name.to_snake_case();
        if is_snake(&fixed) {
            finding.help(format!("rename it to {fixed}"));
        }
    }
}

const BOOLEAN_PREFIXES: [&str; 3] = ["is_", "has_", "can_"];

fn boolean_prefix(ctx: &Context<'_>, sink: &mut Sink) {
    for (_, field) in ctx.fields() {
        if !matches!(ctx.api.types.unalias(&field.ty), TypeRef::Primitive(Primitive::Bool)) {
            continue;
        }
        // `isActive` has the prefix; its case is property-snake-case's business.
        let snake = field.name.to_snake_case();
        if BOOLEAN_PREFIXES.iter().any(|p| snake.starts_with(p)) {
            continue;
        }
        sink.report(&field.pointer, format!("boolean property '{}' does not start with is_, has_ or can_", field.name))
            .help(format!("rename it to is_{snake} (or has_{snake} / can_{snake} if that reads better)"));
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{doc, findings};

    /// A path item with one operation answering `status`.
    fn op(path: &str, method: &str, status: &str) -> String {
        format!("  {path}:\n    {method}:\n      operationId: op_{method}\n      responses:\n        '{status}': {{description: ok}}\n")
    }

    fn at(pointer: &str, line: usize) -> (String, usize) {
        (pointer.to_string(), line)
    }

    #[test]
    fn path_kebab_case() {
        let bad = doc(&format!("{}{}", op("/api/v1/productionOrders", "get", "200"), op("/api/v1/production_orders/{order_id}", "get", "200")), "");
        assert_eq!(
            findings(&bad, "path-kebab-case"),
            [at("/paths/~1api~1v1~1productionOrders", 7), at("/paths/~1api~1v1~1production_orders~1{order_id}", 12)]
        );
        let good = doc(&op("/api/v1/production-orders/{orderId}", "get", "200"), "");
        assert!(findings(&good, "path-kebab-case").is_empty());
    }

    #[test]
    fn path_kebab_case_skips_versions_and_namespaces() {
        // appcenter: `/v0.1/apps/{owner_name}/{app_name}/distribution_stores`; azure: a provider namespace.
        let paths = [
            op("/v0.1/apps/{owner_name}/{app_name}/distribution_stores", "get", "200"),
            op("/subscriptions/{subscriptionId}/providers/Microsoft.InfrastructureInsights.Admin/regionHealths", "get", "200"),
            op("/v0.1/public/codepush/status", "get", "200"),
        ]
        .concat();
        let helps: Vec<String> = crate::check::testing::check(&doc(&paths, ""))
            .into_iter()
            .filter(|d| d.rule == "path-kebab-case")
            .map(|d| format!("{}: {}", d.message, d.help.unwrap_or_default()))
            .collect();
        assert_eq!(
            helps,
            [
                "path segment 'distribution_stores' is not kebab-case: rename the path to /v0.1/apps/{owner_name}/{app_name}/distribution-stores",
                "path segment 'regionHealths' is not kebab-case: rename the path to /subscriptions/{subscriptionId}/providers/Microsoft.InfrastructureInsights.Admin/region-healths",
            ]
        );
    }

    #[test]
    fn path_kebab_case_keeps_format_extensions() {
        // discourse: `/admin/users/{id}/log_out.json`; `.json` is a format, not a word.
        let paths = [op("/admin/users/{id}/log_out.json", "post", "200"), op("/t/{id}/change-timestamp.json", "put", "200")].concat();
        let found: Vec<_> = crate::check::testing::check(&doc(&paths, "")).into_iter().filter(|d| d.rule == "path-kebab-case").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "path segment 'log_out.json' is not kebab-case");
        assert_eq!(found[0].help.as_deref(), Some("rename the path to /admin/users/{id}/log-out.json"));
    }

    #[test]
    fn path_kebab_case_help_names_the_fixed_path() {
        let bad = doc(&op("/api/v1/productionOrders/{order_id}/Line_Items", "get", "200"), "");
        let d = crate::check::testing::check(&bad).into_iter().find(|d| d.rule == "path-kebab-case").expect("finding");
        assert_eq!(d.message, "path segments 'productionOrders', 'Line_Items' are not kebab-case");
        assert_eq!(d.help.as_deref(), Some("rename the path to /api/v1/production-orders/{order_id}/line-items"));
    }

    const LIST: &str = "  /api/v1/order:\n    get:\n      operationId: list_orders\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}\n";

    #[test]
    fn path_plural_collection() {
        let paths = format!("{LIST}{}{}", op("/api/v1/category/{category_id}/product-line/{line_id}", "get", "200"), op("/api/v1/invoice", "post", "201"));
        let found = findings(&doc(&paths, ""), "path-plural-collection");
        assert_eq!(
            found,
            [
                at("/paths/~1api~1v1~1order", 7),
                at("/paths/~1api~1v1~1category~1{category_id}~1product-line~1{line_id}", 16),
                at("/paths/~1api~1v1~1invoice", 21),
            ]
        );
        let d = crate::check::testing::check(&doc(&paths, "")).into_iter().find(|d| d.rule == "path-plural-collection" && d.location.as_ref().is_some_and(|l| l.line == 16)).expect("finding");
        assert_eq!(d.help.as_deref(), Some("use a plural noun, e.g. /api/v1/categories/{category_id}/product-lines/{line_id}"));
        let good = paths.replace("/order:", "/orders:").replace("category/", "categories/").replace("product-line/", "product-lines/").replace("/invoice:", "/invoices:");
        assert!(findings(&doc(&good, ""), "path-plural-collection").is_empty());
    }

    #[test]
    fn path_plural_collection_exemptions() {
        // A singular non-collection, an action sub-resource, uncountable words, version and api segments.
        let paths = format!(
            "{}{}{}{}{}{}",
            op("/api/v1/profile", "get", "200"),
            op("/api/v1/jobs/{job_id}/retry", "post", "201"),
            op("/api/v1/media/{media_id}", "get", "200"),
            op("/api/v1/users/me/settings", "post", "201"),
            op("/api/v2/status", "post", "201"),
            op("/api/v1/invoices.json", "post", "201"),
        );
        assert!(findings(&doc(&paths, ""), "path-plural-collection").is_empty());
        // A sub-collection that lists is not an action, even with a POST.
        let sub = format!(
            "{}    get:\n      operationId: list_members\n      x-pagination: page\n      responses:\n        '200': {{description: ok}}\n",
            op("/api/v1/teams/{team_id}/member", "post", "201")
        );
        assert_eq!(findings(&doc(&sub, ""), "path-plural-collection"), [at("/paths/~1api~1v1~1teams~1{team_id}~1member", 7)]);
    }

    /// A path item whose GET lists strings (a bare array: a collection).
    fn list_op(path: &str) -> String {
        format!("  {path}:\n    get:\n      operationId: list\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{type: array, items: {{type: string}}}}\n")
    }

    #[test]
    fn path_plural_collection_is_silent_on_qualifiers_actions_and_single_sub_resources() {
        // Real paths a reviewer called wrong: twitter, files.com, azure LUIS, brex, mailchimp, appcenter, rentcast.
        let paths = [
            list_op("/2/users/by"),
            list_op("/2/users/by/username/{username}"),
            list_op("/2/tweets/counts/all"),
            list_op("/2/tweets/search/recent"),
            list_op("/ip_addresses/reserved"),
            list_op("/v0.1/invitations/sent"),
            list_op("/2/users/{id}/blocking"),
            list_op("/listings/sale"),
            list_op("/2/users/{id}/timelines/reverse_chronological"),
            op("/apps/import", "post", "201"),
            op("/api/v1/company/monitoring/register/{id}", "post", "201"),
            op("/v0.1/apps/{owner_name}/{app_name}/deployments/{deployment_name}/promote_release/{promote_deployment_name}", "post", "201"),
            list_op("/api/v1/company/search/name/{country}/{name}"),
            list_op("/apps/{appId}/versions/{versionId}/patternanyentities/{entityId}/explicitlist/{itemId}"),
            // mailchimp: GET /campaigns/{campaign_id}/send-checklist answers {is_ready, items: [...]}: one checklist.
            "  /campaigns/{campaign_id}/send-checklist:\n    get:\n      operationId: get_checklist\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {is_ready: {type: boolean}, items: {type: array, items: {type: string}}}}\n".to_string(),
            // discourse: one-letter abbreviations cannot be judged.
            list_op("/t/{id}/posts.json"),
        ]
        .concat();
        let found = findings(&doc(&paths, ""), "path-plural-collection");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn path_plural_collection_suggests_real_plurals() {
        let paths = [list_op("/api/v1/person"), list_op("/api/v1/category/{category_id}/analysis"), list_op("/api/v1/chart/{pk}/thumbnail/{digest}")].concat();
        let helps: Vec<String> = crate::check::testing::check(&doc(&paths, ""))
            .into_iter()
            .filter(|d| d.rule == "path-plural-collection")
            .filter_map(|d| d.help)
            .collect();
        assert_eq!(
            helps,
            [
                "use a plural noun, e.g. /api/v1/people",
                "use a plural noun, e.g. /api/v1/categories/{category_id}/analyses",
                "use a plural noun, e.g. /api/v1/charts/{pk}/thumbnails/{digest}",
            ]
        );
    }

    #[test]
    fn path_no_verbs() {
        let paths = format!("{}{}{}", op("/api/v1/getJobs", "get", "200"), op("/api/v1/create-order", "post", "201"), op("/api/v1/users/{user_id}/delete_user", "delete", "204"));
        assert_eq!(
            findings(&doc(&paths, ""), "path-no-verbs"),
            [at("/paths/~1api~1v1~1getJobs", 7), at("/paths/~1api~1v1~1create-order", 12), at("/paths/~1api~1v1~1users~1{user_id}~1delete_user", 17)]
        );
        let d = crate::check::testing::check(&doc(&paths, "")).into_iter().find(|d| d.rule == "path-no-verbs").expect("finding");
        assert_eq!(d.message, "path segment 'getJobs' starts with the verb 'get'");
        assert_eq!(d.help.as_deref(), Some("name the resource, not the action: /api/v1/jobs, and let the HTTP method say what happens"));
        let good = format!("{}{}", op("/api/v1/jobs", "get", "200"), op("/api/v1/settings/addresses", "get", "200"));
        assert!(findings(&doc(&good, ""), "path-no-verbs").is_empty());
    }

    #[test]
    fn path_no_verbs_allows_post_actions() {
        let paths = format!("{}{}", op("/api/v1/jobs/{job_id}/retry", "post", "202"), op("/api/v1/carts/{cart_id}/add-item", "post", "200"));
        assert!(findings(&doc(&paths, ""), "path-no-verbs").is_empty());
        // The same segment on a GET is not an action.
        let get = doc(&op("/api/v1/carts/{cart_id}/add-item", "get", "200"), "");
        assert_eq!(findings(&get, "path-no-verbs"), [at("/paths/~1api~1v1~1carts~1{cart_id}~1add-item", 7)]);
    }

    #[test]
    fn path_no_trailing_slash() {
        let paths = format!("{}{}", op("/api/v1/orders/", "get", "200"), op("/api/v1/orders/{order_id}", "get", "200"));
        assert_eq!(findings(&doc(&paths, ""), "path-no-trailing-slash"), [at("/paths/~1api~1v1~1orders~1", 7)]);
        let root = doc(&format!("{}{}", op("/", "get", "200"), op("/api/v1/orders", "get", "200")), "");
        assert!(findings(&root, "path-no-trailing-slash").is_empty());
    }

    const ITEM: &str = "  /api/v1/orders/{orderId}/lines/{lineId}:\n    parameters:\n      - {name: orderId, in: path, required: true, schema: {type: string}}\n    get:\n      operationId: get_line\n      responses:\n        '200': {description: ok}\n";

    #[test]
    fn path_param_case() {
        // orderId is declared (reported at its parameter), lineId is not (reported at the path).
        assert_eq!(
            findings(&doc(ITEM, ""), "path-param-case"),
            [at("/paths/~1api~1v1~1orders~1{orderId}~1lines~1{lineId}", 7), at("/paths/~1api~1v1~1orders~1{orderId}~1lines~1{lineId}/parameters/0", 9)]
        );
        let good = ITEM.replace("orderId", "order_id").replace("lineId", "line_id");
        assert!(findings(&doc(&good, ""), "path-param-case").is_empty());
    }

    #[test]
    fn path_param_case_follows_the_convention() {
        let camel = format!("x-apigen: {{path-param-case: camelCase}}\n{}", doc(ITEM, ""));
        assert!(findings(&camel, "path-param-case").is_empty());
        let snake_under_camel = format!("x-apigen: {{path-param-case: camelCase}}\n{}", doc(&ITEM.replace("lineId", "line_id"), ""));
        assert_eq!(findings(&snake_under_camel, "path-param-case"), [at("/paths/~1api~1v1~1orders~1{orderId}~1lines~1{line_id}", 8)]);
    }

    #[test]
    fn query_param_snake_case() {
        let paths = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      parameters:\n        - {name: sortBy, in: query, schema: {type: string}}\n        - {name: created_after, in: query, schema: {type: string}}\n        - {$ref: '#/components/parameters/PageSize'}\n      responses:\n        '200': {description: ok}\n  /api/v1/customers:\n    get:\n      operationId: list_customers\n      parameters:\n        - {$ref: '#/components/parameters/PageSize'}\n        - {name: X-Request-ID, in: header, schema: {type: string}}\n      responses:\n        '200': {description: ok}\n";
        let components = "  parameters:\n    PageSize: {name: pageSize, in: query, schema: {type: integer}}\n";
        assert_eq!(
            findings(&doc(paths, components), "query-param-snake-case"),
            [at("/paths/~1api~1v1~1orders/get/parameters/0", 11), at("/components/parameters/PageSize", 26)]
        );
        let good = paths.replace("sortBy", "sort_by");
        assert!(findings(&doc(&good, &components.replace("pageSize", "page_size")), "query-param-snake-case").is_empty());
    }

    #[test]
    fn query_param_snake_case_judges_each_part_of_structured_names() {
        // increase `created_at.before`, files.com `q[email]`: snake_case parts; google `dailyRange.startDate.year`: not.
        let paths = "  /check_transfers:\n    get:\n      operationId: list\n      parameters:\n        - {name: created_at.before, in: query, schema: {type: string, format: date-time}}\n        - {name: 'q[email]', in: query, schema: {type: string}}\n        - {name: dailyRange.startDate.year, in: query, schema: {type: integer}}\n      responses:\n        '200': {description: ok}\n";
        let found: Vec<_> = crate::check::testing::check(&doc(paths, "")).into_iter().filter(|d| d.rule == "query-param-snake-case").collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].help.as_deref(), Some("rename it to daily_range.start_date.year"));
    }

    const SCHEMA: &str = "  schemas:\n    Customer:\n      type: object\n      properties:\n        customer_id: {type: string}\n        createdAt: {type: string}\n        active: {type: boolean}\n        isVerified: {type: boolean}\n        has_orders: {type: boolean}\n        Flag: {$ref: '#/components/schemas/Flag'}\n    Flag: {type: boolean}\n";
    const USES: &str = "  /api/v1/customers:\n    get:\n      operationId: list_customers\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Customer'}\n";

    #[test]
    fn property_snake_case() {
        // USES is 9 lines, `components:` is line 16, Customer's properties start on line 21.
        assert_eq!(
            findings(&doc(USES, SCHEMA), "property-snake-case"),
            [
                at("/components/schemas/Customer/properties/createdAt", 22),
                at("/components/schemas/Customer/properties/isVerified", 24),
                at("/components/schemas/Customer/properties/Flag", 26),
            ]
        );
        let good = SCHEMA.replace("createdAt", "created_at").replace("isVerified", "is_verified").replace("Flag: {$ref", "is_flagged: {$ref");
        assert!(findings(&doc(USES, &good), "property-snake-case").is_empty());
    }

    #[test]
    fn hal_reserved_members_are_accepted() {
        // mailchimp: 598 schemas carry HAL's `_links`; `_pagination` (just-eat) is reserved by no format.
        let hal = "  schemas:\n    Customer:\n      type: object\n      properties:\n        customer_id: {type: string}\n        _links: {type: array, items: {type: object}}\n        _embedded: {type: object}\n        _templates: {type: object}\n        _pagination: {type: object}\n";
        assert_eq!(findings(&doc(USES, hal), "property-snake-case"), [at("/components/schemas/Customer/properties/_pagination", 25)]);
    }

    #[test]
    fn boolean_prefix() {
        // `isVerified` has the prefix (its case is another rule's); `Flag` is a boolean by $ref.
        assert_eq!(
            findings(&doc(USES, SCHEMA), "boolean-prefix"),
            [at("/components/schemas/Customer/properties/active", 23), at("/components/schemas/Customer/properties/Flag", 26)]
        );
        let d = crate::check::testing::check(&doc(USES, SCHEMA)).into_iter().find(|d| d.rule == "boolean-prefix").expect("finding");
        assert_eq!(d.help.as_deref(), Some("rename it to is_active (or has_active / can_active if that reads better)"));
        let good = SCHEMA.replace("active:", "is_active:").replace("Flag: {$ref", "can_flag: {$ref");
        assert!(findings(&doc(USES, &good), "boolean-prefix").is_empty());
    }
}
