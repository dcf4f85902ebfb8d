//! Where a node sits in an OpenAPI document, as far as references care: which kind
//! of component a `$ref` there stands for (OpenAPI 3.0 §4.8.7 Components Object,
//! 3.1 §4.8.7), and which values are extensions (`x-…`), whose contents are opaque.

/// The place of a node, found token by token from the root ([`Place::step`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The document itself.
    Root,
    /// A Path Item Object (under `paths`, `webhooks`, a callback or `components/pathItems`).
    PathItem,
    /// An Operation Object.
    Operation,
    /// A Parameter Object.
    Parameter,
    /// A Request Body Object.
    RequestBody,
    /// The Responses Object of an operation (status codes to responses).
    Responses,
    /// A Response Object.
    Response,
    /// A Media Type Object (one entry of `content`).
    MediaType,
    /// An Encoding Object.
    Encoding,
    /// A Header Object.
    Header,
    /// An Example Object.
    Example,
    /// A Link Object.
    Link,
    /// A Callback Object (expressions to path items).
    Callback,
    /// A Security Scheme Object.
    SecurityScheme,
    /// A Schema Object.
    Schema,
    /// The Components Object.
    Components,
    /// A map whose keys are names chosen by the author (`properties`, `paths`,
    /// `components/schemas`, `headers`, …): every member is the given place, and
    /// a key starting with `x-` is a name like any other (`paths` and `responses`,
    /// which may hold extensions, are their own places).
    Names(&'static Place),
    /// A list whose items are all the given place (`parameters`, `allOf`).
    List(&'static Place),
    /// The `paths` object (and `webhooks`): path items, and extensions.
    Paths,
    /// The value of an extension (`x-…`): opaque, its `$ref`s are not references.
    Extension,
    /// Anything else (`info`, `servers`, a `description`, an example value, …).
    Other,
}

impl Place {
    /// The place of a member or item `token` of a node at this place.
    pub fn step(self, token: &str) -> Place {
        use Place::*;
        let extension = token.starts_with("x-");
        match self {
            Extension => Extension,
            Names(item) | List(item) => *item,
            _ if extension => Extension,
            Root => match token {
                "paths" | "webhooks" => Paths,
                "components" => Components,
                _ => Other,
            },
            Paths => PathItem,
            PathItem => match token {
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => Operation,
                "parameters" => List(&Parameter),
                _ => Other,
            },
            Operation => match token {
                "parameters" => List(&Parameter),
                "requestBody" => RequestBody,
                "responses" => Responses,
                "callbacks" => Names(&Callback),
                _ => Other,
            },
            Parameter | Header => match token {
                "schema" => Schema,
                "content" => Names(&MediaType),
                "examples" => Names(&Example),
                _ => Other,
            },
            RequestBody => match token {
                "content" => Names(&MediaType),
                _ => Other,
            },
            Responses => Response,
            Response => match token {
                "headers" => Names(&Header),
                "content" => Names(&MediaType),
                "links" => Names(&Link),
                _ => Other,
            },
            MediaType => match token {
                "schema" => Schema,
                "examples" => Names(&Example),
                "encoding" => Names(&Encoding),
                _ => Other,
            },
            Encoding => match token {
                "headers" => Names(&Header),
                _ => Other,
            },
            Callback => PathItem,
            Schema => match token {
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => Names(&Schema),
                "items" | "additionalProperties" | "not" | "contains" | "propertyNames" | "if" | "then" | "else"
                | "additionalItems" | "unevaluatedItems" | "unevaluatedProperties" | "contentSchema" => Schema,
                "allOf" | "anyOf" | "oneOf" | "prefixItems" => List(&Schema),
                _ => Other,
            },
            Components => match token {
                "schemas" => Names(&Schema),
                "responses" => Names(&Response),
                "parameters" => Names(&Parameter),
                "examples" => Names(&Example),
                "requestBodies" => Names(&RequestBody),
                "headers" => Names(&Header),
                "securitySchemes" => Names(&SecurityScheme),
                "links" => Names(&Link),
                "callbacks" => Names(&Callback),
                "pathItems" => Names(&PathItem),
                _ => Other,
            },
            Example | Link | SecurityScheme | Other => Other,
        }
    }

    /// The place of a JSON pointer in a document.
    pub fn of(pointer: &str) -> Place {
        super::super::tree::tokens(pointer).fold(Place::Root, |place, token| place.step(&token))
    }

    /// The `components` section a reference at this place names a member of
    /// (`schemas`, `responses`, …); `None` where there is none (path items and
    /// operations, which are used in one place and stay where they are used).
    pub fn component_kind(self) -> Option<&'static str> {
        Some(match self {
            Place::Schema => "schemas",
            Place::Response => "responses",
            Place::Parameter => "parameters",
            Place::Example => "examples",
            Place::RequestBody => "requestBodies",
            Place::Header => "headers",
            Place::SecurityScheme => "securitySchemes",
            Place::Link => "links",
            Place::Callback => "callbacks",
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Place;

    #[test]
    fn a_pointer_names_its_place() {
        for (pointer, place) in [
            ("/paths/~1menu", Place::PathItem),
            ("/paths/~1menu/get/responses/200/content/application~1json/schema", Place::Schema),
            ("/paths/~1menu/get/responses/200/content/application~1json/schema/properties/x-id", Place::Schema),
            ("/paths/~1menu/get/responses/200/content/application~1json/schema/allOf/1/items", Place::Schema),
            ("/paths/~1menu/get/responses/404", Place::Response),
            ("/paths/~1menu/get/parameters/0", Place::Parameter),
            ("/paths/~1menu/parameters/2", Place::Parameter),
            ("/paths/~1menu/get/requestBody", Place::RequestBody),
            ("/paths/~1menu/get/responses/200/headers/x-rate-limit", Place::Header),
            ("/paths/~1menu/get/responses/200/content/a~1b/examples/one", Place::Example),
            ("/paths/~1menu/get/callbacks/done/{$url}/post", Place::Operation),
            ("/paths/~1menu/get/x-codeSamples/0/source", Place::Extension),
            ("/paths/~1menu/x-internal", Place::Extension),
            ("/info/x-logo", Place::Extension),
            ("/components/schemas/x-thing", Place::Schema),
            ("/components/responses/NotFound/headers/h", Place::Header),
            ("/webhooks/order", Place::PathItem),
            ("/tags/0/description", Place::Other),
        ] {
            assert_eq!(Place::of(pointer), place, "{pointer}");
        }
        assert_eq!(Place::of("/paths/~1a/get/responses/200").component_kind(), Some("responses"));
        assert_eq!(Place::of("/paths/~1a").component_kind(), None);
    }
}
