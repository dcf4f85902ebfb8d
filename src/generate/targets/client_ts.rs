//! Target `client-ts`: the `<name>-client-ts` package, a typed TypeScript
//! client with no runtime dependencies (the platform's `fetch`, `URL`,
//! `AbortSignal`, `crypto.randomUUID`; Node 18+ and browsers). See
//! docs/generate/client-ts.md.
//!
//! | file | holds |
//! |---|---|
//! | `package.json`, `tsconfig.json` | an ESM package, `strict` |
//! | `src/types.ts` | a type per schema ([`crate::generate::ts`] has the mapping) |
//! | `src/client.ts` | the runtime: `Client`, `ApiError`, retries, request ids, idempotency keys, deprecation notices |
//! | `src/index.ts` | one class per resource (and API version) with one method per operation |
//! | `src/webhooks.ts` | `verifyWebhook`: signature (Web Crypto), envelope and timestamp checks of webhook deliveries |
//!
//! Calls read `client.orders.getOrder({ orderId })`: one object of parameters
//! (path, query and header parameters by their camelCase names, `body` for the
//! request body), an optional second argument of request options (`signal`,
//! `timeoutMs`, `idempotencyKey`), and a promise of the 2xx body's type.

use serde::Serialize;

pub use super::super::clients::{CallParam, CallSite};
use super::super::clients::{may_leave_out, own_variants};
use super::super::names::ts::{member_ident, type_ident, value_ident, CLIENT_MEMBERS, RESOURCE_MEMBERS};
use super::super::ts::{self, property_key, TsTypes};
use super::super::{names::Scope, Context, Rendered, Target};
use crate::model::operations::{BodyKind, OperationFacts, PathPiece, QueryEncoding};
use crate::model::{Field, Pagination, ParamLocation, TypeId, TypeKind};

/// The `client-ts` target.
pub const TARGET: Target = Target {
    name: "client-ts",
    summary: "a typed TypeScript client package (ESM, no runtime dependencies)",
    requires: &[],
    needs_operations: true,
    owned_depth: 1,
    render,
};

#[derive(Serialize)]
struct View<'a> {
    /// The spec declares webhooks: `src/events.ts` holds their typed events.
    webhooks: bool,
    /// The generated header as `package.json` carries it (its `"//"` member).
    header: String,
    package: String,
    version: String,
    title: &'a str,
    api_version: &'a str,
    description: Option<&'a str>,
    base_url: Option<&'a str>,
    types: Vec<TypeView>,
    resources: Vec<ResourceView>,
    /// Which auth options the client offers.
    auth: AuthView,
}

#[derive(Serialize, Default)]
struct AuthView {
    bearer: bool,
    basic: bool,
    /// API keys: (where: `header`, `query` or `cookie`; the name as a string literal).
    api_keys: Vec<(&'static str, String)>,
}

#[derive(Serialize)]
struct TypeView {
    name: String,
    doc: Option<String>,
    kind: TsTypeKind,
    fields: Vec<FieldView>,
    /// An object with `additionalProperties`: an index signature.
    open: bool,
    /// `union` and `alias`: the type expression(s).
    members: Vec<String>,
}

/// What a named type is in `types.ts`.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum TsTypeKind {
    /// An `interface`.
    Interface,
    /// A `type` of a union of members.
    Union,
    /// A `type` of one type expression.
    Alias,
}

#[derive(Serialize)]
struct FieldView {
    key: String,
    ty: String,
    optional: bool,
    readonly: bool,
    doc: Option<String>,
}

#[derive(Serialize)]
struct ResourceView {
    class: String,
    property: String,
    operations: Vec<OperationView>,
}

#[derive(Serialize)]
struct OperationView {
    /// The operation id.
    operation: String,
    name: String,
    doc: Option<String>,
    method: &'static str,
    /// The path as an expression: string literals of its text joined with `+` to its encoded
    /// path parameters (no template literal: spec text never sits where `${` could open code).
    path: String,
    params: Vec<ParamView>,
    /// Whether the parameters object may be left out (nothing required).
    params_optional: bool,
    body: Option<String>,
    /// How the body is encoded: `json`, `form` (`application/x-www-form-urlencoded`) or `multipart`.
    body_kind: Option<BodyKind>,
    body_required: bool,
    response: String,
    /// The 2xx response has a JSON body to decode.
    decodes: bool,
    /// Retried on 429/503 and network errors: an idempotent method, or `x-idempotent` (sent with a key).
    retry: bool,
    idempotency_key: bool,
    deprecated: bool,
    /// Credentials are sent (the operation is not public).
    secured: bool,
    label: String,
    accept: Option<String>,
    /// A list that pages: a companion `…All` method iterates every item.
    paging: Option<PagingView>,
}

#[derive(Serialize)]
struct PagingView {
    style: Pagination,
    position: &'static str,
    size: Option<&'static str>,
    items: Option<String>,
    meta: Option<String>,
    /// The TypeScript type of one item.
    item: String,
}

#[derive(Serialize)]
struct ParamView {
    /// The camelCase member of the parameters object.
    ident: String,
    /// The name on the wire, as a string literal.
    wire: String,
    location: ParamLocation,
    ty: String,
    required: bool,
    doc: Option<String>,
    /// How a query parameter is encoded (OpenAPI `style`/`explode`).
    encoding: QueryEncoding,
}

/// Every operation's call site in the package the target renders.
pub fn call_sites(ctx: &Context<'_>) -> Vec<CallSite> {
    let ts = TsTypes::new(&ctx.api.types);
    let mut out = Vec::new();
    for r in resources(ctx, &ts) {
        for op in r.operations {
            // The wire name, back from its string literal (JSON string syntax).
            let params = op
                .params
                .into_iter()
                .map(|p| CallParam { ident: p.ident, location: p.location, name: serde_json::from_str(&p.wire).unwrap_or(p.wire) })
                .collect();
            out.push(CallSite {
                operation: op.operation,
                resource: r.property.clone(),
                method: op.name,
                params,
                body: op.body.is_some(),
            });
        }
    }
    out
}

fn render(ctx: &Context<'_>) -> Rendered {
    let ts = TsTypes::new(&ctx.api.types);
    let dir = format!("{}-client-ts", ctx.settings.name);
    let events = super::receivers::event_views(ctx, &[], crate::generate::names::ts::type_ident, |t| ts.of(t, "types."));
    let webhooks = !events.is_empty();
    let events = serde_json::json!({ "events": events });
    let view = View {
        webhooks,
        header: crate::generate::format::header_text(&ctx.settings.spec),
        package: format!("{}-client", ctx.settings.name),
        version: ctx.crate_version(),
        title: &ctx.api.title,
        api_version: &ctx.api.version,
        description: ctx.api.description.as_deref(),
        base_url: ctx.api.servers.first().map(String::as_str),
        types: {
            let open = crate::model::decoded::decoded_types(ctx.api);
            let sent = crate::model::decoded::encoded_types(ctx.api);
            (0..ctx.api.types.types.len()).map(|i| type_view(&ts, TypeId(i), open[i], sent[i])).collect()
        },
        resources: resources(ctx, &ts),
        auth: auth(ctx),
    };
    let mut files = vec![
        (format!("{dir}/package.json"), ctx.render("client-ts/package.json.j2", &view)?),
        (format!("{dir}/tsconfig.json"), ctx.render("client-ts/tsconfig.json.j2", &view)?),
        (format!("{dir}/README.md"), ctx.render("client-ts/README.md.j2", &view)?),
        (format!("{dir}/src/types.ts"), ctx.render("client-ts/types.ts.j2", &view)?),
        (format!("{dir}/src/client.ts"), ctx.render("client-ts/client.ts.j2", &view)?),
        (format!("{dir}/src/index.ts"), ctx.render("client-ts/index.ts.j2", &view)?),
        (format!("{dir}/src/webhooks.ts"), ctx.render("client-ts/webhooks.ts.j2", &view)?),
    ];
    if webhooks {
        files.push((format!("{dir}/src/events.ts"), ctx.render("client-ts/events.ts.j2", &events)?));
    }
    Ok(files)
}

/// The view of a type; `open`: the client decodes it, so an enum admits values it does not
/// list and a discriminated union admits objects of subtypes it does not list.
fn type_view(ts: &TsTypes<'_>, id: TypeId, open: bool, sent: bool) -> TypeView {
    let def = ts.graph.get(id);
    let mut view = TypeView {
        name: ts.name(id).to_string(),
        doc: def.description.clone().or(def.title.clone()),
        kind: match def.kind {
            TypeKind::Struct { .. } => TsTypeKind::Interface,
            TypeKind::Union { .. } => TsTypeKind::Union,
            TypeKind::Enum { .. } | TypeKind::Alias(_) => TsTypeKind::Alias,
        },
        fields: Vec::new(),
        open: false,
        members: Vec::new(),
    };
    match &def.kind {
        TypeKind::Struct { fields, additional } => {
            view.fields = fields.iter().map(|f| field_view(ts, f, may_leave_out(f, sent, open))).collect();
            view.open = additional.is_some();
        }
        TypeKind::Enum { values, base } => {
            let mut literals: Vec<String> = values
                .iter()
                .map(|v| match v {
                    serde_json::Value::String(s) => ts::string_literal(s),
                    other => other.to_string(),
                })
                .collect();
            if open && !literals.is_empty() {
                // Any other value of the base type, without widening the listed ones away (editors still offer them).
                literals.push(if *base == crate::model::Primitive::String { "(string & {})" } else { "(number & {})" }.into());
            }
            view.members = vec![if literals.is_empty() { "never".into() } else { literals.join(" | ") }];
        }
        TypeKind::Union { discriminator, .. } => {
            view.members = own_variants(ts.graph, id)
                .into_iter()
                .map(|v| {
                    let member = ts.alias_member(id, &v.ty);
                    match (discriminator, &v.tag) {
                        (Some(property), Some(tag)) => {
                            format!("({{ {}: {} }} & {member})", property_key(property), ts::string_literal(tag))
                        }
                        _ => member,
                    }
                })
                .collect();
            if view.members.is_empty() {
                view.members.push("unknown".into());
            }
            if let (Some(property), true, false) = (discriminator, open, view.members.iter().any(|m| m == "unknown")) {
                // A subtype the client does not know: its tag and whatever else it holds.
                view.members.push(format!("({{ {}: string }} & {{ [member: string]: unknown }})", property_key(property)));
            }
        }
        TypeKind::Alias(target) => {
            view.members = vec![ts.alias_member(id, target)];
        }
    }
    if def.nullable && view.kind != TsTypeKind::Interface {
        view.members = vec![format!("{} | null", view.members.join(" | "))];
        view.kind = TsTypeKind::Alias;
    }
    view
}

fn field_view(ts: &TsTypes<'_>, f: &Field, optional: bool) -> FieldView {
    FieldView {
        key: property_key(&f.name),
        ty: ts.field(f, ""),
        optional,
        readonly: f.read_only,
        doc: f.description.clone(),
    }
}

fn auth(ctx: &Context<'_>) -> AuthView {
    use crate::model::SchemeKind;
    let mut view = AuthView::default();
    for s in &ctx.api.security_schemes {
        match &s.kind {
            SchemeKind::Bearer { .. } | SchemeKind::OAuth2 | SchemeKind::OpenIdConnect => view.bearer = true,
            SchemeKind::Basic => view.basic = true,
            SchemeKind::ApiKey { location, name } => {
                // Only the three places OpenAPI names: `in` is spec text, and it is written into a comment.
                if let Some(place) = ["header", "query", "cookie"].into_iter().find(|p| p == location) {
                    view.api_keys.push((place, ts::string_literal(name)));
                }
            }
            _ => {}
        }
    }
    view
}

fn resources(ctx: &Context<'_>, ts: &TsTypes<'_>) -> Vec<ResourceView> {
    let mut out: Vec<ResourceView> = Vec::new();
    // `index.ts` re-exports every type (`export type *`): a class must not take a type's name.
    let taken: Vec<&str> = ["Client", "ApiError", "Transport", "WebhookError"].into_iter().chain((0..ts.graph.types.len()).map(|i| ts.name(TypeId(i)))).collect();
    let mut classes = Scope::with(&taken);
    let mut properties = Scope::with(CLIENT_MEMBERS);
    // An API of several versions has a resource per version (`projectsV1`, `projectsV2`).
    let versioned = ctx.api.versions().len() > 1;
    for op in &ctx.operations {
        let key = match op.version {
            Some(v) if versioned => format!("{}_v{v}", op.resource),
            _ => op.resource.clone(),
        };
        let property = member_ident(&key, CLIENT_MEMBERS);
        let index = match out.iter().position(|r| r.property == property || r.class == format!("{}Resource", type_ident(&key))) {
            Some(i) => i,
            None => {
                out.push(ResourceView {
                    class: classes.unique(format!("{}Resource", type_ident(&key))),
                    property: properties.unique(property),
                    operations: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[index].operations.push(operation_view(ts, op));
    }
    // Method names unique within their class (and clear of the class's own members).
    for r in &mut out {
        let mut names = Scope::with(RESOURCE_MEMBERS);
        for op in &mut r.operations {
            op.name = names.unique(op.name.clone());
            if op.paging.is_some() {
                // `listOrdersAll` is taken by the companion; a later `list_orders_all` gets another name.
                names.unique(format!("{}All", op.name));
            }
        }
    }
    out
}

fn operation_view(ts: &TsTypes<'_>, op: &OperationFacts) -> OperationView {
    let mut idents = Scope::with(&["body"]);
    // By the facts' index: cookies are not sent (a browser's `fetch` cannot set them).
    let indexed: Vec<(usize, ParamView)> = op
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.location != ParamLocation::Cookie)
        .map(|(index, p)| {
            let view = ParamView {
                ident: idents.unique(value_ident(&p.name)),
                wire: ts::string_literal(&p.name),
                location: p.location,
                ty: ts.of(&p.ty, "types."),
                required: p.required,
                doc: p.doc.clone(),
                encoding: p.encoding,
            };
            (index, view)
        })
        .collect();
    let path = path_expression(op, &indexed);
    let params: Vec<ParamView> = indexed.into_iter().map(|(_, view)| view).collect();
    let body = op.script_body.as_ref();
    let json_response = op.success().and_then(|r| r.json.as_ref());
    OperationView {
        operation: op.id.clone(),
        name: member_ident(&op.code_name, RESOURCE_MEMBERS),
        doc: op.summary.clone().or(op.description.clone()),
        method: op.method.as_str(),
        path,
        params_optional: !params.iter().any(|p| p.required) && body.is_none_or(|b| !b.required),
        params,
        body: body.map(|b| ts.of(&b.ty, "types.")),
        body_kind: body.map(|b| b.kind),
        body_required: body.is_some_and(|b| b.required),
        response: json_response.map_or_else(|| "void".to_string(), |ty| ts.of(ty, "types.")),
        decodes: json_response.is_some(),
        retry: op.retry_safe,
        idempotency_key: op.idempotency_key,
        deprecated: op.deprecated,
        secured: !op.security.is_empty(),
        label: ts::string_literal(&op.label),
        accept: Some(ts::string_literal(&op.accept)).filter(|_| !op.accept.is_empty()),
        paging: op.paging.as_ref().map(|p| PagingView {
            style: p.style,
            position: p.position,
            size: p.size,
            items: p.items_field.clone(),
            meta: p.meta_field.clone(),
            item: ts.of(&p.item, "types."),
        }),
    }
}

/// The path: its text as string literals, each parameter encoded, joined with `+` (no template
/// literal: spec text never sits where `${` could open code).
fn path_expression(op: &OperationFacts, params: &[(usize, ParamView)]) -> String {
    let pieces: Vec<String> = op
        .path_pieces
        .iter()
        .map(|piece| match piece {
            PathPiece::Literal(text) => ts::string_literal(text),
            PathPiece::Param(index) => {
                let ident = params.iter().find(|(i, _)| i == index).map_or("", |(_, p)| p.ident.as_str());
                format!("encodeURIComponent(String(params.{ident}))")
            }
        })
        .collect();
    pieces.join(" + ")
}

#[cfg(test)]
mod tests {
    use crate::generate::testing::{file, render_spec};

    #[test]
    fn the_path_is_string_literals_and_encoded_parameters() {
        let spec = r#"
openapi: 3.0.3
info: {title: T, version: 1.0.0}
paths:
  /a`b${c}\/{id}/items/{x:
    get:
      operationId: get_item
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: none}}
"#;
        let files = render_spec(spec, "t", &["client-ts"]);
        let index = file(&files, "t-client-ts/src/index.ts");
        assert!(index.contains(r#"path: "/a`b${c}\\/" + encodeURIComponent(String(params.id)) + "/items/{x","#), "{index}");
    }
}
