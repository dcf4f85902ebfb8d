//! The team conventions a document is checked and generated against
//! (docs/configuration.md, `[conventions]`): defaults, overridden by `[conventions]` in
//! `apigen.toml`, overridden in turn by the document's root `x-apigen`.

use serde::{Deserialize, Serialize};

/// A pagination style and its query parameters (docs/standard.md §6 Pagination, filtering and sorting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pagination {
    /// `page` (≥ 1) and `limit`; metadata `page, limit, total, total_pages, has_next, has_prev` (docs/standard.md §6).
    Page,
    /// `limit` and `offset` (≥ 0); metadata `limit, offset, total, has_more` (docs/standard.md §6).
    Offset,
    /// `skip` (≥ 0) and `limit`; metadata `skip, limit, total, has_more` (docs/standard.md §6).
    Skip,
    /// `cursor` (opaque) and `limit`; metadata `limit, next_cursor, prev_cursor` (docs/standard.md §6).
    Cursor,
}

impl Pagination {
    /// Every style, in catalogue order.
    pub const ALL: [Pagination; 4] = [Pagination::Page, Pagination::Offset, Pagination::Skip, Pagination::Cursor];

    /// The name used in `x-pagination` and `apigen.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Pagination::Page => "page",
            Pagination::Offset => "offset",
            Pagination::Skip => "skip",
            Pagination::Cursor => "cursor",
        }
    }

    /// Parses a style name.
    pub fn parse(s: &str) -> Option<Pagination> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The query parameters of the style: (position parameter, page size parameter).
    pub fn query_params(self) -> [&'static str; 2] {
        match self {
            Pagination::Page => ["page", "limit"],
            Pagination::Offset => ["offset", "limit"],
            Pagination::Skip => ["skip", "limit"],
            Pagination::Cursor => ["cursor", "limit"],
        }
    }

    /// The metadata fields a list body of this style carries.
    pub fn metadata_fields(self) -> &'static [&'static str] {
        match self {
            Pagination::Page => &["page", "limit", "total", "total_pages", "has_next", "has_prev"],
            Pagination::Offset => &["limit", "offset", "total", "has_more"],
            Pagination::Skip => &["skip", "limit", "total", "has_more"],
            Pagination::Cursor => &["limit", "next_cursor", "prev_cursor"],
        }
    }
}

/// Whether single resources and lists are wrapped (docs/standard.md §6 Pagination, filtering and sorting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Envelope {
    /// The model itself; lists are `{items: [T], …metadata}`.
    None,
    /// `{data: T, metadata}`; lists are `{data: [T], pagination: {…}, metadata}` (docs/standard.md §6).
    Data,
}

/// Which JSON type resource ids have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IdFormat {
    /// `type: string, format: uuid` (docs/standard.md §7 Data formats).
    Uuid,
    /// `type: integer` (docs/standard.md §7 Data formats).
    Integer,
    /// Not checked.
    Any,
}

/// Case of path template parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamCase {
    /// `{order_id}` (docs/standard.md §3 Naming).
    #[serde(rename = "snake_case")]
    Snake,
    /// `{orderId}` (docs/standard.md §3 Naming).
    #[serde(rename = "camelCase")]
    Camel,
}

/// The resolved conventions. Field names match the keys of `[conventions]` and `x-apigen`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct Conventions {
    /// Default pagination style of list operations.
    pub pagination: Pagination,
    /// Response wrapping.
    pub envelope: Envelope,
    /// Name of the component schema every 4xx/5xx body uses.
    pub error_schema: String,
    /// Type of resource ids.
    pub id_format: IdFormat,
    /// Case of path template parameters.
    pub path_param_case: ParamCase,
    /// Paths that need no authentication (exact paths).
    pub public_paths: Vec<String>,
    /// Largest page size a list may allow.
    pub max_page_size: u64,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            pagination: Pagination::Page,
            envelope: Envelope::None,
            error_schema: "Error".into(),
            id_format: IdFormat::Uuid,
            path_param_case: ParamCase::Snake,
            public_paths: vec!["/health".into(), "/api/health".into()],
            max_page_size: 1000,
        }
    }
}

/// The keys `[conventions]` and `x-apigen` accept.
pub const KEYS: [&str; 7] =
    ["pagination", "envelope", "error-schema", "id-format", "path-param-case", "public-paths", "max-page-size"];

impl Conventions {
    /// Applies a document's root `x-apigen` object over these conventions.
    ///
    /// Errors: each member that is unknown or has a bad value, as (key, message); good members still apply.
    pub fn overlay(&mut self, x_apigen: &serde_json::Value) -> Vec<(String, String)> {
        let mut errors = Vec::new();
        let Some(map) = x_apigen.as_object() else {
            errors.push((String::new(), "x-apigen must be a mapping of convention settings".into()));
            return errors;
        };
        let mut current = serde_json::to_value(&*self).expect("conventions serialize");
        for (key, value) in map {
            if !KEYS.contains(&key.as_str()) {
                let hint = crate::suggest::did_you_mean(key, KEYS).map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default();
                errors.push((key.clone(), format!("unknown convention '{key}'{hint}")));
                continue;
            }
            let mut candidate = current.clone();
            candidate[key] = value.clone();
            match serde_json::from_value::<Conventions>(candidate.clone()) {
                Ok(_) => current = candidate,
                Err(e) => errors.push((key.clone(), format!("bad value for '{key}': {e}"))),
            }
        }
        *self = serde_json::from_value(current).expect("validated above");
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_applies_good_members_and_reports_bad_ones() {
        let mut c = Conventions::default();
        let errors = c.overlay(&serde_json::json!({"pagination": "cursor", "envelope": "box", "paginaton": "page"}));
        assert_eq!(c.pagination, Pagination::Cursor);
        assert_eq!(c.envelope, Envelope::None);
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().any(|(k, m)| k == "paginaton" && m.contains("did you mean 'pagination'")));
    }
}
