//! The server's `validate` module as data: the constraint statics, named after what they
//! check (`QUERY_LIMIT` for a query parameter, `ORDER_QUANTITY` for a member of a schema),
//! with the patterns they share (`PATTERN_n`), and one `Shape` static per named type a JSON
//! body reaches (the runtime's `validate::Shape` walks them). `templates/server-axum/validate.rs.j2`
//! writes them, with the macros of `templates/server-axum/macros.j2` for shape expressions.

use std::collections::HashMap;

use serde::Serialize;

use super::super::super::names::{snake_ident, Scope};
use super::super::super::rust::RustTypes;
use super::literal::float;
use crate::model::{Constraints, Primitive, TypeId, TypeKind, TypeRef};

/// Everything `validate.rs` declares.
#[derive(Serialize, Default)]
pub(super) struct ValidateView {
    /// A rule checks a string `format`.
    pub(super) formats: bool,
    /// A shape names a scalar `Kind`.
    pub(super) kinds: bool,
    /// A shape declares object `Member`s.
    pub(super) members: bool,
    /// `(static name, pattern)`.
    pub(super) patterns: Vec<(String, String)>,
    /// A rule lists `enum` values (`Literal`).
    pub(super) literals: bool,
    pub(super) rules: Vec<RulesView>,
    pub(super) shapes: Vec<ShapeView>,
}

/// A `Rules` static.
#[derive(Serialize)]
pub(super) struct RulesView {
    pub(super) name: String,
    /// The name it was made for before the scope made it unique: statics are shared by
    /// equal rules of the same subject (one `QUERY_LIMIT` for every operation's `limit`).
    #[serde(skip)]
    wanted: String,
    pub(super) rules: Rules,
}

/// The constraints checked at run time, as the fields of `validate::Rules` (unset fields are
/// `..Rules::NONE`). Numbers are float literals (`1.0`).
#[derive(Serialize, Clone, PartialEq, Default)]
pub(super) struct Rules {
    minimum: Option<String>,
    maximum: Option<String>,
    exclusive_minimum: bool,
    exclusive_maximum: bool,
    multiple_of: Option<String>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    /// The `PATTERN_n` static.
    pattern: Option<String>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique_items: bool,
    format: Option<Format>,
    /// The allowed values (`enum`).
    enumeration: Option<Vec<Literal>>,
    /// Numbers may be written as strings.
    decimal: bool,
}

/// An `enum` value (`validate::Literal`).
#[derive(Serialize, Clone, PartialEq)]
#[serde(tag = "kind", content = "value")]
enum Literal {
    Str(String),
    /// JSON text.
    Number(String),
    Bool(bool),
    /// An array or object as JSON text.
    Json(String),
}

impl Literal {
    fn of(value: &serde_json::Value) -> Literal {
        match value {
            serde_json::Value::String(s) => Literal::Str(s.clone()),
            serde_json::Value::Number(n) => Literal::Number(n.to_string()),
            serde_json::Value::Bool(b) => Literal::Bool(*b),
            other => Literal::Json(other.to_string()),
        }
    }
}

/// A string `format` the runtime checks (`validate::Format`).
#[derive(Serialize, Clone, Copy, PartialEq, Eq)]
enum Format {
    Uri,
    UriReference,
    Email,
    Ipv4,
    Ipv6,
    Hostname,
}

/// A `Shape` static of `validate.rs`.
#[derive(Serialize)]
pub(super) struct ShapeView {
    pub(super) name: String,
    pub(super) doc: String,
    /// `null` passes (`Shape::Nullable`).
    nullable: bool,
    body: Body,
}

/// What a shape checks beyond `null`.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Body {
    /// One check (`None`: any value): an alias, or a body that is no named type.
    Check { check: Option<Check> },
    /// An enum's values.
    Enum { values: EnumValues },
    /// A JSON object: the members with something to check (every declared member when
    /// undeclared ones are checked), and the check of members not declared
    /// (`additionalProperties`).
    Object { fields: Vec<FieldCheck>, additional: Option<Check> },
    /// A union with a discriminator: the check of each tag's variant.
    Tagged { tag: String, arms: Vec<TagArm> },
    /// Another union: one of the alternatives must pass (`None`: any value).
    OneOf { alternatives: Vec<Option<Check>> },
}

/// A declared member of an object.
#[derive(Serialize)]
struct FieldCheck {
    key: String,
    /// Absent is a problem (required and not read-only).
    required: bool,
    /// `null` passes.
    nullable: bool,
    check: Option<Check>,
    /// The `Rules` static of its constraints.
    rules: Option<String>,
}

/// A discriminator value and its variant's check.
#[derive(Serialize)]
struct TagArm {
    tag: String,
    check: Option<Check>,
}

/// A shape expression (`macros.j2`'s `shape_ref`): lists and maps nested inline, outermost
/// first, then what their innermost items must be. A chain, not a tree, so the template
/// writes any depth without recursing.
#[derive(Serialize, Clone)]
struct Check {
    nest: Vec<Container>,
    /// `None`: any item (`nest` is not empty then).
    leaf: Option<Leaf>,
}

/// A list or map whose items are checked (`Shape::List`, `Shape::Map`).
#[derive(Serialize, Clone, Copy)]
enum Container {
    List,
    Map,
}

/// The check of a value that is no list or map.
#[derive(Serialize, Clone)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Leaf {
    /// A scalar's JSON type and format.
    Primitive { primitive: Primitive },
    /// The `Shape` static of a named type.
    Named { name: String },
    /// A named enum, written out where it is used rather than as a static of its own (a
    /// static is an item the compiler checks; an enum has nothing to share).
    Enum { values: EnumValues, nullable: bool },
}

/// The values of an enum type (`Shape::EnumStr`, `Shape::EnumInt`).
#[derive(Serialize, Clone)]
#[serde(tag = "kind", content = "values", rename_all = "snake_case")]
enum EnumValues {
    Str(Vec<String>),
    /// Integers (the model makes no other enums); a value beyond `i64` can never match.
    Int(Vec<i64>),
}

/// How a JSON request body is checked.
#[derive(Serialize, Clone, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum BodyCheck {
    /// The runtime's check of any value.
    Any,
    /// A `Shape` static of `validate.rs`.
    Static { name: String },
}

/// Builds the [`ValidateView`]: shapes are made on first use, constraint statics shared.
pub(super) struct Validators<'a> {
    rust: &'a RustTypes<'a>,
    pub(super) view: ValidateView,
    /// The `Shape` static of each named type that has one (or is getting one).
    names: HashMap<TypeId, String>,
    scope: Scope,
}

impl<'a> Validators<'a> {
    pub(super) fn new(rust: &'a RustTypes<'a>) -> Self {
        // One scope for every static of the module: shapes and constraints (`QUERY_LIMIT`
        // may also be a schema's name).
        let scope = Scope::default();
        Validators { rust, view: ValidateView::default(), names: HashMap::new(), scope }
    }

    /// The static of the constraints that can be checked at run time, if any, named after
    /// `subject`, what they check (`query limit`, `Order quantity`).
    pub(super) fn rules(&mut self, c: &Constraints, decimal: bool, subject: &str) -> Option<String> {
        let mut rules = Rules {
            minimum: c.minimum.map(float),
            maximum: c.maximum.map(float),
            exclusive_minimum: c.exclusive_minimum && c.minimum.is_some(),
            exclusive_maximum: c.exclusive_maximum && c.maximum.is_some(),
            multiple_of: c.multiple_of.filter(|m| *m > 0.0).map(float),
            min_length: c.min_length,
            max_length: c.max_length,
            pattern: c.pattern.as_deref().filter(|p| compiles(p)).map(|p| self.pattern(p)),
            min_items: c.min_items,
            max_items: c.max_items,
            unique_items: c.unique_items,
            format: match c.format.as_deref() {
                Some("uri" | "url") => Some(Format::Uri),
                Some("uri-reference") => Some(Format::UriReference),
                Some("email") => Some(Format::Email),
                Some("ipv4") => Some(Format::Ipv4),
                Some("ipv6") => Some(Format::Ipv6),
                Some("hostname") => Some(Format::Hostname),
                _ => None,
            },
            enumeration: None,
            decimal: false,
        };
        self.view.formats |= rules.format.is_some();
        // An `enum` with `null` is not checked: whether `null` passes is the type's to say.
        if !c.enumeration.is_empty() && c.enumeration.iter().all(|v| !v.is_null()) {
            rules.enumeration = Some(c.enumeration.iter().map(Literal::of).collect());
            self.view.literals = true;
        }
        if rules == Rules::default() {
            return None;
        }
        rules.decimal = decimal;
        let wanted = static_ident(subject);
        let name = match self.view.rules.iter().find(|r| r.rules == rules && r.wanted == wanted) {
            Some(r) => r.name.clone(),
            None => {
                let name = self.scope.unique(wanted.clone());
                self.view.rules.push(RulesView { name: name.clone(), wanted, rules });
                name
            }
        };
        Some(name)
    }

    /// The `PATTERN_n` static of a pattern.
    fn pattern(&mut self, pattern: &str) -> String {
        if let Some((name, _)) = self.view.patterns.iter().find(|(_, p)| p == pattern) {
            return name.clone();
        }
        let name = self.scope.unique(format!("PATTERN_{}", self.view.patterns.len()));
        self.view.patterns.push((name.clone(), pattern.to_string()));
        name
    }

    /// How a JSON body of a type is checked: the named type's shape, a shape of the
    /// operation (`<OP>_BODY`) for other types, or the runtime's `Shape::Any`.
    pub(super) fn body(&mut self, ty: &TypeRef, op: &str) -> BodyCheck {
        match ty {
            TypeRef::Any => BodyCheck::Any,
            TypeRef::Named(id) => BodyCheck::Static { name: self.named(*id) },
            other => {
                let name = self.scope.unique(static_ident(&format!("{op}_body")));
                let check = self.check(other);
                let doc = format!("The shape of the body of `{op}`.");
                self.push(name.clone(), doc, false, Body::Check { check });
                BodyCheck::Static { name }
            }
        }
    }

    /// The check of a value of a type (`None`: every value passes).
    fn check(&mut self, ty: &TypeRef) -> Option<Check> {
        let mut nest = Vec::new();
        let mut ty = ty;
        let leaf = loop {
            ty = match ty {
                TypeRef::List(item) => {
                    nest.push(Container::List);
                    item
                }
                TypeRef::Map(item) => {
                    nest.push(Container::Map);
                    item
                }
                TypeRef::Any => break None,
                TypeRef::Primitive(p) => {
                    self.view.kinds = true;
                    break Some(Leaf::Primitive { primitive: *p });
                }
                TypeRef::Named(id) => break Some(self.named_leaf(*id)),
            };
        };
        (!nest.is_empty() || leaf.is_some()).then_some(Check { nest, leaf })
    }

    /// The check of a named type: its enum values, or its `Shape` static.
    fn named_leaf(&mut self, id: TypeId) -> Leaf {
        let def = self.rust.graph.get(id);
        match enum_values(&def.kind) {
            Some(values) => Leaf::Enum { values, nullable: def.nullable },
            None => Leaf::Named { name: self.named(id) },
        }
    }

    fn push(&mut self, name: String, doc: String, nullable: bool, body: Body) {
        self.view.shapes.push(ShapeView { name, doc, nullable, body });
    }

    /// The `Shape` static of a named type, made on first use.
    fn named(&mut self, id: TypeId) -> String {
        if let Some(name) = self.names.get(&id) {
            return name.clone();
        }
        let rust = self.rust;
        let name = self.scope.unique(static_ident(rust.name(id)));
        self.names.insert(id, name.clone());
        let def = rust.graph.get(id);
        let body = match &def.kind {
            TypeKind::Alias(target) => Body::Check { check: self.check(target) },
            TypeKind::Enum { .. } => Body::Enum { values: enum_values(&def.kind).unwrap_or(EnumValues::Str(Vec::new())) },
            TypeKind::Struct { fields, additional } => {
                let additional = additional.as_ref().and_then(|extra| self.check(extra));
                let mut checks = Vec::new();
                for f in fields {
                    let target = rust.graph.unalias(&f.ty);
                    let decimal = target == &TypeRef::Primitive(Primitive::Decimal);
                    // An enum's values are its shape's to check: as a rule too, a wrong value
                    // would be reported twice.
                    let is_enum = matches!(target, TypeRef::Named(t) if enum_values(&rust.graph.get(*t).kind).is_some());
                    let subject = format!("{} {}", rust.name(id), f.name);
                    let rules = if is_enum {
                        self.rules(&Constraints { enumeration: Vec::new(), ..f.constraints.clone() }, decimal, &subject)
                    } else {
                        self.rules(&f.constraints, decimal, &subject)
                    };
                    let check = self.check(&f.ty);
                    let required = f.required && !f.read_only;
                    if !required && f.nullable && check.is_none() && rules.is_none() && additional.is_none() {
                        continue; // nothing to check, and not to be taken for an undeclared member
                    }
                    checks.push(FieldCheck { key: f.name.clone(), required, nullable: f.nullable, check, rules });
                }
                self.view.members |= !checks.is_empty();
                Body::Object { fields: checks, additional }
            }
            TypeKind::Union { variants, discriminator, .. } => {
                let tagged = discriminator.is_some() && variants.iter().all(|v| v.tag.is_some());
                match discriminator {
                    Some(tag) if tagged => Body::Tagged {
                        tag: tag.clone(),
                        arms: variants
                            .iter()
                            .map(|v| TagArm { tag: v.tag.clone().unwrap_or_default(), check: self.check(&v.ty) })
                            .collect(),
                    },
                    _ => Body::OneOf { alternatives: variants.iter().map(|v| self.check(&v.ty)).collect() },
                }
            }
        };
        let doc = format!("The shape of `{}` values.", rust.name(id));
        self.push(name.clone(), doc, def.nullable, body);
        name
    }
}

/// The values of an enum type (`None` for another kind).
fn enum_values(kind: &TypeKind) -> Option<EnumValues> {
    match kind {
        TypeKind::Enum { values, base: Primitive::String } => {
            Some(EnumValues::Str(values.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()))
        }
        TypeKind::Enum { values, .. } => Some(EnumValues::Int(values.iter().filter_map(|v| v.as_i64()).collect())),
        _ => None,
    }
}

/// A static's name: `PostOrder` → `POST_ORDER`.
fn static_ident(name: &str) -> String {
    snake_ident(name).trim_start_matches("r#").to_uppercase()
}

/// Whether a pattern is the `regex` crate's syntax (ECMA 262 look-around and back-references
/// are not): parsed only, since building its automaton can take 0.3 s a pattern (docs/security.md). One that parses but compiles too large is left unchecked by the runtime's
/// `Pattern::regex`, as `check` leaves it.
fn compiles(pattern: &str) -> bool {
    regex_syntax::Parser::new().parse(pattern).is_ok()
}
