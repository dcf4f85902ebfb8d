//! The operation model (`apigen::model::operations`): the facts every target reads, on real
//! specs. `line_target` is a whole target's operation code: one line per operation, from the
//! model alone (names through `generate::names`, types by its own `TypeRef` mapping), which is
//! all a new target needs to write.

use std::path::Path;

use apigen::generate::names::snake_ident;
use apigen::model::operations::{BodyKind, OperationFacts, PathPiece, SchemeUse};
use apigen::model::{self, Api, Conventions, Method, Pagination, ParamLocation, TypeRef};

fn api_of(rel: &str) -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let doc = apigen::load::Document::load(&path).unwrap_or_else(|e| panic!("load {rel}: {e:#}"));
    model::lower(&doc, &Conventions::default()).unwrap_or_else(|| panic!("{rel} does not lower"))
}

fn api_of_yaml(yaml: &str) -> Api {
    let doc = apigen::load::Document::from_bytes(Path::new("t.yaml"), yaml.as_bytes().to_vec());
    model::lower(&doc, &Conventions::default()).expect("lowers")
}

fn facts<'f>(all: &'f [OperationFacts], id: &str) -> &'f OperationFacts {
    all.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

/// A target of one line per operation: `fn name(args) -> response [retry] [auth]`.
fn line_target(api: &Api) -> Vec<String> {
    let type_of = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => api.types.get(*id).name.clone(),
        TypeRef::List(_) => "list".into(),
        TypeRef::Map(_) => "map".into(),
        TypeRef::Primitive(p) => format!("{p:?}").to_lowercase(),
        TypeRef::Any => "any".into(),
    };
    OperationFacts::all(api)
        .iter()
        .map(|op| {
            let path: String = op
                .path_pieces
                .iter()
                .map(|piece| match piece {
                    PathPiece::Literal(text) => text.clone(),
                    PathPiece::Param(i) => format!("<{}>", snake_ident(&op.params[*i].name)),
                })
                .collect();
            let mut args: Vec<String> =
                op.params.iter().filter(|p| p.required).map(|p| format!("{}: {}", snake_ident(&p.name), type_of(&p.ty))).collect();
            args.extend(op.body.as_ref().map(|b| format!("body: {}", type_of(&b.ty))));
            let response = op.success().and_then(|r| r.json.as_ref()).map_or("()".into(), type_of);
            let flags = [(op.retry_safe, " retry"), (op.requires_auth, " auth"), (op.paging.is_some(), " pages")];
            let flags: String = flags.iter().filter(|(on, _)| *on).map(|(_, text)| *text).collect();
            format!("{} {path} fn {}({}) -> {response}{flags}", op.method.as_str(), snake_ident(&op.code_name), args.join(", "))
        })
        .collect()
}

#[test]
fn a_target_renders_every_operation_from_the_model_alone() {
    let lines = line_target(&api_of("specs/orders.yaml"));
    for expected in [
        "get /health fn get_health() -> Health retry",
        "post /api/v1/orders fn create_order(body: OrderCreate) -> Order retry auth",
        "get /api/v1/orders/<order_id> fn get_order(order_id: uuid) -> Order retry auth",
        "patch /api/v1/orders/<order_id> fn update_order(order_id: uuid, body: OrderUpdate) -> Order auth",
        "get /api/v1/orders/<order_id>/items fn list_order_items(order_id: uuid) -> OrderItemCursorList retry auth pages",
    ] {
        assert!(lines.iter().any(|l| l == expected), "no line {expected:?} in\n{}", lines.join("\n"));
    }
    // A corpus spec: an API key required everywhere, a query parameter required.
    let lines = line_target(&api_of("tests/corpus/apis-guru/calorieninjas.com.json"));
    assert_eq!(lines, ["get /v1/nutrition fn get_v1_nutrition(query: string) -> () retry auth"]);
}

#[test]
fn retry_safety_is_an_idempotent_method_or_an_idempotency_key() {
    let all = OperationFacts::all(&api_of("specs/orders.yaml"));
    // POST with `x-idempotent` (and the declared header): a key is sent, so a retry is safe.
    let create = facts(&all, "create_order");
    assert!(create.idempotency_key && create.retry_safe);
    assert!(create.params.iter().any(|p| p.is_idempotency_key()));
    // PATCH without a key: not safe.
    let update = facts(&all, "update_order");
    assert!(!update.idempotency_key && !update.retry_safe);
    // DELETE: idempotent by its method (RFC 9110), no key.
    let delete = facts(&all, "delete_webhook_subscription");
    assert!(delete.retry_safe && !delete.idempotency_key);
    // A declared `Idempotency-Key` header alone (no `x-idempotent`) makes a POST take a key;
    // TRACE is idempotent like every method but POST and PATCH.
    let api = api_of_yaml(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    post:\n      operationId: a\n      parameters: [{name: idempotency-key, in: header, schema: {type: string}}]\n      responses: {'204': {description: ok}}\n    trace:\n      operationId: t\n      responses: {'204': {description: ok}}\n",
    );
    let all = OperationFacts::all(&api);
    assert!(facts(&all, "a").idempotency_key && facts(&all, "a").retry_safe);
    assert!(facts(&all, "t").retry_safe && facts(&all, "t").method == Method::Trace);
}

#[test]
fn the_body_is_chosen_once_per_client_family() {
    let api = api_of_yaml(
        r#"openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /notes:
    post:
      operationId: create_note
      requestBody:
        required: true
        content:
          text/plain: {schema: {type: string}}
          application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Note'}}
          multipart/form-data: {schema: {$ref: '#/components/schemas/Note'}}
      responses: {'204': {description: ok}}
  /files:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data: {schema: {type: object, properties: {file: {type: string, format: binary}, name: {type: string}}}}
          application/json: {schema: {$ref: '#/components/schemas/Note'}}
      responses: {'204': {description: ok}}
components:
  schemas:
    Note: {type: object, properties: {text: {type: string}}}
"#,
    );
    let all = OperationFacts::all(&api);
    let note = facts(&all, "create_note");
    // Rust takes the first media type when none is JSON; a script client the first it can encode.
    let rust = note.body.as_ref().expect("a body");
    assert_eq!((rust.kind, rust.content_type.as_str(), rust.required), (BodyKind::Text, "text/plain", true));
    let script = note.script_body.as_ref().expect("a body");
    assert_eq!((script.kind, script.content_type.as_str()), (BodyKind::Form, "application/x-www-form-urlencoded"));
    assert_eq!(script.members.iter().map(|m| m.field.name.as_str()).collect::<Vec<_>>(), ["text"]);
    // JSON wins for both when there is one, whatever its place.
    let upload = facts(&all, "upload");
    assert_eq!(upload.body.as_ref().map(|b| b.kind), Some(BodyKind::Json));
    assert_eq!(upload.script_body.as_ref().map(|b| b.kind), Some(BodyKind::Json));
    assert!(upload.body.as_ref().is_some_and(|b| !b.required));
}

#[test]
fn path_pieces_reference_declared_parameters_and_keep_the_rest_as_text() {
    let api = api_of_yaml(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a/{id}/b/{other}.{id}:\n    get:\n      operationId: g\n      parameters: [{name: q, in: query, schema: {type: string}}, {name: id, in: path, required: true, schema: {type: string}}]\n      responses: {'204': {description: ok}}\n",
    );
    let all = OperationFacts::all(&api);
    let op = facts(&all, "g");
    assert_eq!(
        op.path_pieces,
        [
            PathPiece::Literal("/a/".into()),
            PathPiece::Param(1),
            PathPiece::Literal("/b/{other}.".into()),
            PathPiece::Param(1)
        ]
    );
    assert_eq!(op.params[1].location, ParamLocation::Path);
}

#[test]
fn security_alternatives_are_scheme_indices_and_undeclared_names_stay_named() {
    let all = OperationFacts::all(&api_of("specs/orders.yaml"));
    assert!(facts(&all, "get_health").security.is_empty() && !facts(&all, "get_health").requires_auth);
    assert_eq!(facts(&all, "get_order").security, [vec![SchemeUse::Declared(0)]]);
    let api = api_of_yaml(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: a\n      security: [{}, {k: [], ghost: []}]\n      responses: {'204': {description: ok}}\ncomponents:\n  securitySchemes:\n    b: {type: http, scheme: bearer}\n    k: {type: apiKey, in: header, name: X-Key}\n",
    );
    let op = &OperationFacts::all(&api)[0];
    assert_eq!(op.security, [vec![], vec![SchemeUse::Declared(1), SchemeUse::Undeclared("ghost".into())]]);
    // An anonymous alternative: no credential is required.
    assert!(!op.requires_auth);
}

#[test]
fn pagination_names_its_style_parameters_and_fields() {
    let all = OperationFacts::all(&api_of("specs/orders.yaml"));
    let items = facts(&all, "list_order_items").paging.as_ref().expect("pages");
    assert_eq!((items.style, items.position, items.size), (Pagination::Cursor, "cursor", Some("limit")));
    let orders = facts(&all, "list_orders").paging.as_ref().expect("pages");
    assert_eq!((orders.style, orders.position), (Pagination::Page, "page"));
    assert_eq!(orders.items_field.as_deref(), Some("items"));
    assert!(facts(&all, "create_order").paging.is_none());
}

#[test]
fn responses_know_success_errors_and_accept() {
    let all = OperationFacts::all(&api_of("specs/orders.yaml"));
    let create = facts(&all, "create_order");
    assert_eq!(create.success().map(|r| r.status.as_str()), Some("201"));
    assert!(create.success().is_some_and(|r| r.headers.iter().any(|h| h.name == "Location")));
    let errors: Vec<String> = create.error_bodies().into_iter().map(|(status, _)| status).collect();
    assert_eq!(errors, ["400", "401", "403", "409", "422", "429", "500"]);
    assert_eq!(create.accept, "application/json");
    assert_eq!(create.sunset, None);
}

#[test]
fn parameters_carry_their_constraints_and_default_and_responses_their_header_types() {
    // What a server checks and fills in: `limit`'s bounds and default, the 415 it documents,
    // a response header's type; found by name through `param` and `response`.
    let api = api_of_yaml(
        r#"openapi: 3.0.3
info: {title: T, version: '1'}
paths:
  /items:
    get:
      operationId: list
      parameters:
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
        - {name: tag, in: query, schema: {type: string, maxLength: 8}}
      responses:
        '200':
          description: ok
          headers: {X-Total: {required: true, schema: {type: integer}}}
        '415': {description: unsupported}
"#,
    );
    let all = OperationFacts::all(&api);
    let op = facts(&all, "list");
    let limit = op.param(ParamLocation::Query, "limit").expect("limit");
    assert_eq!((limit.constraints.minimum, limit.constraints.maximum), (Some(1.0), Some(100.0)));
    assert_eq!(limit.default, Some(serde_json::json!(20)));
    let tag = op.param(ParamLocation::Query, "tag").expect("tag");
    assert_eq!((tag.constraints.max_length, tag.default.as_ref()), (Some(8), None));
    assert!(op.param(ParamLocation::Header, "limit").is_none());
    assert!(op.response("415").is_some_and(|r| r.is_error && r.json.is_none()));
    let header = &op.response("200").expect("200").headers[0];
    assert_eq!((header.name.as_str(), &header.ty, header.required), ("X-Total", &TypeRef::Primitive(model::Primitive::I64), true));
}
