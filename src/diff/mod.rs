//! `apigen diff` (docs/diff.md): every change between two versions of a
//! spec, each classified by a diff check with a stable id and a kind, then
//! judged by the version policy ([`policy`]).
//!
//! Both versions are loaded and lowered the same way ([`crate::load::Document`],
//! [`crate::model::lower`]) and compared as models, so formatting and `$ref`
//! layout are no change. Operations match by method and path template (a
//! renamed path parameter is the same operation), parameters by name and
//! location, schemas through the operations that use them: a changed
//! component is reported for each operation whose request or response
//! reaches it, and once for the component itself.
//!
//! Direction (OpenAPI 3.0 §4.8.10 Operation Object, §4.8.13 Request Body,
//! §4.8.17 Response): requests must not get stricter (a client's valid
//! request must stay valid), responses must not get looser (a client's
//! assumptions about what it reads must stay true).
//!
//! | file | checks |
//! |---|---|
//! | `operations.rs` | operations removed and added |
//! | `parameters.rs` | parameters added, removed, moved, renamed, made required; their schemas |
//! | `request_body.rs` | request bodies and media types; request schemas |
//! | `responses.rs` | success statuses, media types, headers; response schemas |
//! | `schemas.rs` | the schema comparison both body families use, and its checks |
//! | `security.rs` | security requirements and schemes |
//! | `deprecation.rs` | deprecation and `x-sunset` |
//! | `stability.rs` | `x-stability-level` |
//! | `webhooks.rs` | webhooks and callbacks added, removed; their payloads and headers, in the response direction |
//!
//! `registry.rs` lists the families; `policy.rs` judges a change set;
//! `report.rs` writes it (`human`, `json`, `markdown`, `sarif`, `github`),
//! `ci_report.rs` as `gitlab` and `junit`.

mod ci_report;
pub mod deprecation;
pub mod operations;
pub mod parameters;
pub mod policy;
pub mod registry;
pub mod report;
pub mod request_body;
pub mod responses;
pub mod schemas;
pub mod security;
pub mod stability;
pub mod webhooks;

use std::collections::HashMap;

use crate::load::Document;
use crate::model::{Api, Operation};

/// What a change means for clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A client written against the base version may fail against the head version.
    Breaking,
    /// Clients keep working.
    NonBreaking,
    /// Clients keep working today, but are told to move away (deprecation, sunset).
    Deprecation,
}

impl Kind {
    /// `breaking`, `non-breaking` or `deprecation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Breaking => "breaking",
            Kind::NonBreaking => "non-breaking",
            Kind::Deprecation => "deprecation",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which side of the exchange a check judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// What clients send: must not get stricter.
    Request,
    /// What clients read: must not get looser.
    Response,
    /// The operation as a whole (its existence, security, deprecation).
    Operation,
}

impl Direction {
    /// `request`, `response` or `operation`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Operation => "operation",
        }
    }
}

/// One diff check of the catalogue: id, kind, direction and documentation
/// together (the shape of [`crate::check::Rule`]).
#[derive(Debug)]
pub struct DiffCheck {
    /// Stable id, kebab-case, e.g. `parameter-became-required`.
    pub id: &'static str,
    /// What the change means for clients.
    pub kind: Kind,
    /// The side of the exchange the check judges.
    pub direction: Direction,
    /// One line: what the check reports.
    pub summary: &'static str,
    /// Why it is classified so, a short paragraph.
    pub rationale: &'static str,
    /// Where the rule comes from: a section of `docs/standard.md` or of the OpenAPI specification.
    pub source: &'static str,
    /// A base fragment (YAML) …
    pub before: &'static str,
    /// … and the head fragment that triggers the check.
    pub after: &'static str,
}

/// One change between the two versions.
#[derive(Debug, Clone)]
pub struct Change {
    /// The check that classified it.
    pub check: &'static DiffCheck,
    /// `METHOD /path` of the operation (the head's path when both exist), or `None`
    /// for a change of the document or of a component as such.
    pub operation: Option<String>,
    /// One line; spec text in it has been through [`crate::text::one_line`].
    pub message: String,
    /// What changed, without where (for a schema change: without the operation's body and
    /// the property path), e.g. `was removed`; groups a component's changes.
    pub detail: String,
    /// JSON pointer of the node in the base version (`None`: it does not exist there).
    pub base: Option<String>,
    /// JSON pointer of the node in the head version (`None`: it does not exist there).
    pub head: Option<String>,
}

impl Change {
    /// The check id.
    pub fn id(&self) -> &'static str {
        self.check.id
    }

    /// The check's kind.
    pub fn kind(&self) -> Kind {
        self.check.kind
    }
}

/// One version of the spec: its loaded document (positions, raw keywords) and its model.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The loaded document.
    pub doc: &'a Document,
    /// The lowered model.
    pub api: &'a Api,
}

/// Where the changes of one diff are collected.
#[derive(Debug, Default)]
pub struct Changes {
    /// The changes, in the order found.
    pub list: Vec<Change>,
    /// Parts a check could not judge (a value it cannot read): the list is incomplete without them.
    pub not_compared: Vec<NotCompared>,
}

impl Changes {
    /// Records a change of an operation (or of the document, with `operation: None`).
    pub fn push(&mut self, check: &'static DiffCheck, operation: Option<String>, message: String, base: Option<String>, head: Option<String>) {
        let message = crate::text::one_line(&message);
        self.list.push(Change { check, operation, detail: message.clone(), message, base, head });
    }
}

/// The operations of both sides, matched.
pub struct Matched<'a> {
    /// Operations in both versions: (base, head), in head order.
    pub pairs: Vec<(&'a Operation, &'a Operation)>,
    /// Operations only in the base version.
    pub removed: Vec<&'a Operation>,
    /// Operations only in the head version.
    pub added: Vec<&'a Operation>,
}

/// A path template with its parameter names blanked: `/orders/{order_id}` → `/orders/{}`.
/// Two operations with the same method and key are one operation (OpenAPI 3.0
/// §4.8.8 Paths Object: templates that differ only in parameter names are identical).
pub fn path_key(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push('{');
            }
            '}' => {
                in_param = false;
                out.push('}');
            }
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches('/').to_string()
}

/// The names of a path template's parameters, in order.
pub fn path_params(path: &str) -> Vec<&str> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect()
}

/// The media type entry of a body that a media type matches: the same type (case-insensitively),
/// else the same type without parameters (`application/json` and `application/json; charset=utf-8`),
/// RFC 9110 §8.3.1.
pub fn find_media<'m>(content: &'m [crate::model::Media], content_type: &str) -> Option<&'m crate::model::Media> {
    let essence = |t: &str| t.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    content
        .iter()
        .find(|m| m.content_type.eq_ignore_ascii_case(content_type))
        .or_else(|| content.iter().find(|m| essence(&m.content_type) == essence(content_type)))
}

/// Matches the operations of two models by method and path template.
pub fn match_operations<'a>(base: &'a Api, head: &'a Api) -> Matched<'a> {
    let key = |o: &Operation| (o.method, path_key(&o.path));
    let by_key: HashMap<_, &Operation> = base.operations.iter().map(|o| (key(o), o)).collect();
    let head_keys: std::collections::HashSet<_> = head.operations.iter().map(key).collect();
    let mut pairs = Vec::new();
    let mut added = Vec::new();
    for h in &head.operations {
        match by_key.get(&key(h)) {
            Some(b) => pairs.push((*b, h)),
            None => added.push(h),
        }
    }
    let removed = base.operations.iter().filter(|o| !head_keys.contains(&key(o))).collect();
    Matched { pairs, removed, added }
}

/// What the checks of one diff share.
pub struct Context<'a> {
    /// The base version.
    pub base: Side<'a>,
    /// The head version.
    pub head: Side<'a>,
    /// The matched operations.
    pub ops: Matched<'a>,
    /// The date sunsets are measured from.
    pub today: chrono::NaiveDate,
    /// Request schemas compared so far (shared by parameters and request bodies).
    pub request: std::cell::RefCell<schemas::SchemaDiff<'a>>,
    /// Response schemas compared so far.
    pub response: std::cell::RefCell<schemas::SchemaDiff<'a>>,
}

/// A part of the two versions that was not compared: a change set without it may
/// miss changes, so it must not be read as complete (`apigen diff` exits 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCompared {
    /// JSON pointer of the part in the base version, if the reason is there.
    pub base: Option<String>,
    /// JSON pointer of the part in the head version, if the reason is there.
    pub head: Option<String>,
    /// Why, one line (spec text in it has been through [`crate::text::one_line`]).
    pub reason: String,
}

/// What [`compare`] found: the changes, and what it could not compare.
#[derive(Debug)]
pub struct Outcome {
    /// Every change found, as [`diff`] lists them.
    pub changes: Vec<Change>,
    /// Parts not compared; empty when the comparison is complete.
    pub not_compared: Vec<NotCompared>,
}

impl NotCompared {
    /// A part of one version: the head's when `head`, else the base's.
    fn on(head: bool, pointer: String, reason: &str) -> NotCompared {
        let (base, head) = if head { (None, Some(pointer)) } else { (Some(pointer), None) };
        NotCompared { base, head, reason: crate::text::one_line(reason) }
    }
}

/// Parts of a version that did not load: a `$ref` that is refused, does not resolve
/// or loops (the schema behind it is unknown), and a part the loader left out of the
/// model because it does not fit the OpenAPI shape ([`Document::dropped`], each with an
/// `oas-parse` finding). No change in them could be seen.
fn not_loaded(doc: &Document, head: bool) -> impl Iterator<Item = NotCompared> + '_ {
    let refs = doc
        .diagnostics
        .iter()
        .filter(|d| d.rule == "oas-ref-resolves" && d.level == crate::diagnostic::Level::Error)
        .map(move |d| NotCompared::on(head, d.pointer.clone(), &d.message));
    let dropped = doc.dropped.iter().map(move |part| {
        let finding = doc.diagnostics.iter().find(|d| d.rule == "oas-parse" && d.pointer.starts_with(part.as_str()));
        let (pointer, why) = finding.map_or((part.as_str(), "it does not fit the OpenAPI shape"), |d| (d.pointer.as_str(), d.message.as_str()));
        NotCompared::on(head, pointer.to_string(), &format!("{why}; #{part} is left out of the model"))
    });
    refs.chain(dropped)
}

/// Every change between two versions (as [`diff`]) and the parts it could not compare:
/// parts that did not load on either side (unresolved `$ref`s, parts that do not fit
/// the OpenAPI shape), alternatives nested past [`schemas::MAX_NESTED_MATCHES`], values a
/// check cannot read (an unknown `x-stability-level`).
pub fn compare(base: Side<'_>, head: Side<'_>, today: chrono::NaiveDate) -> Outcome {
    let mut not_compared: Vec<NotCompared> = not_loaded(base.doc, false).chain(not_loaded(head.doc, true)).collect();
    let (changes, skipped, unjudged) = changes_and_skipped(base, head, today);
    not_compared.extend(skipped.into_iter().map(|s| NotCompared { base: Some(s.base), head: Some(s.head), reason: s.reason }));
    not_compared.extend(unjudged);
    Outcome { changes, not_compared }
}

/// Every change between two versions, in the order of the head's operations
/// (removed operations where they were), each operation's changes together,
/// then changes of components and of the document. Says nothing of parts that
/// could not be compared: [`compare`] does.
pub fn diff(base: Side<'_>, head: Side<'_>, today: chrono::NaiveDate) -> Vec<Change> {
    changes_and_skipped(base, head, today).0
}

fn changes_and_skipped(base: Side<'_>, head: Side<'_>, today: chrono::NaiveDate) -> (Vec<Change>, Vec<schemas::Skipped>, Vec<NotCompared>) {
    let ctx = Context {
        base,
        head,
        ops: match_operations(base.api, head.api),
        today,
        request: std::cell::RefCell::new(schemas::SchemaDiff::new(base, head, Direction::Request)),
        response: std::cell::RefCell::new(schemas::SchemaDiff::new(base, head, Direction::Response)),
    };
    let mut out = Changes::default();
    for family in registry::FAMILIES {
        (family.run)(&ctx, &mut out);
    }
    // Each operation's changes together, in the head's operation order; then the rest.
    let mut order: HashMap<String, usize> = HashMap::new();
    for (i, o) in head.api.operations.iter().chain(base.api.operations.iter()).enumerate() {
        order.entry(o.label()).or_insert(i);
    }
    out.list.sort_by_key(|c| c.operation.as_ref().map_or(usize::MAX, |o| order.get(o).copied().unwrap_or(usize::MAX - 1)));
    let mut seen = std::collections::HashSet::new();
    out.list.retain(|c| seen.insert((c.check.id, c.operation.clone(), c.base.clone(), c.head.clone(), c.message.clone())));
    schemas::add_component_changes(&mut out.list);
    let mut skipped = ctx.request.into_inner().skipped;
    skipped.extend(ctx.response.into_inner().skipped);
    (out.list, skipped, out.not_compared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Conventions;

    const ORDERS: &str = include_str!("../../specs/orders.yaml");

    fn changes(base: &str, head: &str) -> Vec<Change> {
        let b = Document::from_bytes(std::path::Path::new("base.yaml"), base.as_bytes().to_vec());
        let h = Document::from_bytes(std::path::Path::new("head.yaml"), head.as_bytes().to_vec());
        let (ba, ha) = (crate::model::lower(&b, &Conventions::default()).unwrap(), crate::model::lower(&h, &Conventions::default()).unwrap());
        diff(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }

    fn edit(from: &str, to: &str) -> String {
        assert!(ORDERS.contains(from), "orders.yaml lacks {from:?}");
        ORDERS.replacen(from, to, 1)
    }

    #[test]
    fn same_document_has_no_changes() {
        let c = changes(ORDERS, ORDERS);
        assert!(c.is_empty(), "{c:#?}");
    }

    #[test]
    fn path_keys_blank_parameter_names() {
        assert_eq!(path_key("/api/v1/orders/{order_id}/items"), "/api/v1/orders/{}/items");
        assert_eq!(path_params("/a/{x}/b/{y}"), vec!["x", "y"]);
    }

    #[test]
    fn a_component_change_is_reported_per_operation_and_once_for_the_component() {
        let head = edit("        total: {type: integer, description: Number of matching orders., example: 150}\n", "");
        let head = head.replacen("required: [items, page, limit, total, total_pages, has_next, has_prev]\n    properties:\n      items: {type: array, description: The orders", "required: [items, page, limit, total_pages, has_next, has_prev]\n    properties:\n      items: {type: array, description: The orders", 1);
        let c = changes(ORDERS, &head);
        let removed: Vec<&Change> = c.iter().filter(|c| c.id() == "response-optional-property-removed" || c.id() == "response-property-removed").collect();
        // OrderList is returned by list_orders and list_customer_orders, and listed once for the component.
        assert_eq!(removed.iter().filter(|c| c.operation.is_some()).count(), 2, "{c:#?}");
        let component: Vec<_> = removed.iter().filter(|c| c.operation.is_none()).collect();
        assert_eq!(component.len(), 1, "{c:#?}");
        assert!(component[0].message.contains("OrderList") && component[0].message.contains("2 operations"), "{}", component[0].message);
    }

    #[test]
    fn renaming_a_path_parameter_is_no_change() {
        let head = edit(
            "  /api/v1/orders/{order_id}/cancel:\n    parameters:\n      - {$ref: '#/components/parameters/OrderId'}",
            "  /api/v1/orders/{id}/cancel:\n    parameters:\n      - {name: id, in: path, required: true, description: The order's id., schema: {type: string, format: uuid}}",
        );
        let c = changes(ORDERS, &head);
        assert!(c.is_empty(), "{c:#?}");
    }
}
