//! Python's naming table: keywords and soft keywords, built-ins, the names the generated
//! `client.py` and `models.py` use, pydantic's `BaseModel` attributes, and the identifiers
//! of classes, values, arguments, methods and model fields.

use super::{pascal_words, snake_words, Clash, Rule};

/// Python keywords (soft keywords such as `match` are legal names).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Python's soft keywords (3.12): legal names, and `type` is a built-in besides.
const SOFT_KEYWORDS: &[&str] = &["_", "case", "match", "type"];

/// The lowercase names of Python's `builtins` (3.9 to 3.13; the capitalized ones, such as
/// `Exception`, are no snake_case name): a parameter shadows none of them, so the
/// generated module may call any built-in.
const BUILTINS: &[&str] = &[
    "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
    "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval",
    "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id",
    "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview",
    "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
    "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
];

/// The snake_case names `client.py` uses where operation parameters and credentials are
/// arguments: what it imports (from its `_runtime` too) and the arguments its templates
/// declare beside them. `tests/client_python.rs` derives them from a rendered module with
/// Python's `symtable` and fails when a template uses a name missing here.
const CLIENT_NAMES: &[&str] = &[
    "base_url",
    "basic_credential",
    "body",
    "datetime",
    "headers",
    "http_client",
    "httpx",
    "max_retries",
    "models",
    "path_segment",
    "request_options",
    "self",
    "timeout",
    "transport",
];

/// The snake_case names a class body of `client.py` reads: the built-in types its
/// annotations name, its decorators and what the module imports. A method defined in a
/// resource class would shadow them in the annotations after it (`def str(…)`, then
/// `-> str`). `tests/client_python.rs` derives them from a rendered module.
const CLIENT_CLASS_NAMES: &[&str] = &[
    "basic_credential",
    "bool",
    "bytes",
    "datetime",
    "float",
    "httpx",
    "int",
    "models",
    "path_segment",
    "property",
    "str",
];

/// Names a model field cannot take: the attributes of pydantic's `BaseModel`, and the
/// names generated models use in annotations (a field `str` would shadow the type in its class).
const FIELD_TAKEN: &[&str] = &[
    "construct",
    "copy",
    "dict",
    "from_orm",
    "json",
    "model_computed_fields",
    "model_config",
    "model_construct",
    "model_copy",
    "model_dump",
    "model_dump_json",
    "model_extra",
    "model_fields",
    "model_fields_set",
    "model_json_schema",
    "model_parametrized_name",
    "model_post_init",
    "model_rebuild",
    "model_validate",
    "model_validate_json",
    "model_validate_strings",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "datetime",
    "date",
    "self",
];

/// Type names generated code uses: a schema with one of these names is renamed
/// (`Client` → `ClientModel`), so the package always means its own or the library's.
pub const TAKEN_TYPES: &[&str] = &[
    "Any",
    "Annotated",
    "Dict",
    "List",
    "Literal",
    "Optional",
    "Union",
    "Callable",
    "Iterator",
    "AsyncIterator",
    "BaseModel",
    "ConfigDict",
    "Discriminator",
    "Field",
    "Tag",
    "TypeAdapter",
    "Decimal",
    "UUID",
    "None",
    "True",
    "False",
    "ApiModel",
    "UnknownVariant",
    "Unset",
    "Client",
    "AsyncClient",
    "ApiError",
    "RequestOptions",
    "Call",
    "Paging",
    "Transport",
    "AsyncTransport",
    "Credentials",
    "Exception",
    "Warning",
    "DeprecationWarning",
];

const TYPE: Rule =
    Rule { case: pascal_words, empty: "Unnamed", digit: 'N', reserved: &[(TAKEN_TYPES, Clash::Suffix("Model"))] };

/// The rule of snake_case values, with `_` after a name in one of `tables`.
const fn value_rule(tables: &'static [(&'static [&'static str], Clash)]) -> Rule {
    Rule { case: snake_words, empty: "value", digit: 'n', reserved: tables }
}

const UNDERSCORE: Clash = Clash::Suffix("_");

const VALUE: Rule = value_rule(&[(KEYWORDS, UNDERSCORE)]);

const PARAM: Rule = value_rule(&[
    (KEYWORDS, UNDERSCORE),
    (SOFT_KEYWORDS, UNDERSCORE),
    (BUILTINS, UNDERSCORE),
    (CLIENT_NAMES, UNDERSCORE),
]);

const METHOD: Rule = value_rule(&[(KEYWORDS, UNDERSCORE), (CLIENT_CLASS_NAMES, UNDERSCORE)]);

const FIELD: Rule = value_rule(&[(KEYWORDS, UNDERSCORE), (FIELD_TAKEN, UNDERSCORE)]);

/// A PascalCase class name: `order-status` → `OrderStatus`, `2fa` → `N2fa`, `` → `Unnamed`,
/// a name the package uses (`Client`, `Field`) → `ClientModel`.
pub fn type_ident(s: &str) -> String {
    TYPE.ident(s)
}

/// A snake_case name for a method, a parameter, a resource or a field: `listOrders` →
/// `list_orders`, a keyword → `class_`, a leading digit → `n2fa`, no leading underscore
/// (pydantic keeps `_name` private), `` → `value`.
pub fn value_ident(s: &str) -> String {
    VALUE.ident(s)
}

/// A parameter's or a credential's argument name in `client.py`: [`value_ident`], with
/// `_` after a Python keyword or soft keyword, a built-in or a name the module uses
/// (`int` → `int_`, `path_segment` → `path_segment_`, `self` → `self_`), so no argument
/// shadows what the generated code calls or names. The wire name is the spec's, as a
/// string literal.
pub fn param_ident(s: &str) -> String {
    PARAM.ident(s)
}

/// Whether an argument of `client.py` cannot be called `name` (see [`param_ident`]).
pub fn is_param_taken(name: &str) -> bool {
    PARAM.reserves(name)
}

/// An operation's method name in a resource class of `client.py`: [`value_ident`], with
/// `_` after a name the class body reads (`str` → `str_`, `datetime` → `datetime_`);
/// other built-ins (`list`, `filter`) stay, as no annotation names them.
pub fn method_ident(s: &str) -> String {
    METHOD.ident(s)
}

/// A model field's name: [`value_ident`], clear of `BaseModel`'s attributes (`json` → `json_`).
pub fn field_ident(s: &str) -> String {
    FIELD.ident(s)
}
