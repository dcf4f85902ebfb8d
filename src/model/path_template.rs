//! Path templates (`/orders/{order_id}/items`), parsed once for the rules that
//! check them and the generators that route and fill them.

/// One `/`-separated segment of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text only (`orders`).
    Literal(&'a str),
    /// One whole variable (`{order_id}` is `Variable("order_id")`).
    Variable(&'a str),
    /// Text and variables mixed (`{name}.json`, `{id}:cancel`): no router matches it by segment.
    Mixed(&'a str),
}

/// A parsed path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate<'a> {
    segments: Vec<Segment<'a>>,
    variables: Vec<&'a str>,
}

impl<'a> PathTemplate<'a> {
    /// Parses a template; every text parses (an unclosed `{` is literal text).
    pub fn parse(path: &'a str) -> Self {
        let variables = path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect();
        let trimmed = path.strip_prefix('/').unwrap_or(path);
        let segments = if trimmed.is_empty() && !path.is_empty() {
            Vec::new()
        } else {
            trimmed.split('/').map(Segment::of).collect()
        };
        PathTemplate { segments, variables }
    }

    /// The `{names}` of the template, in order (a name used twice is listed twice).
    pub fn variables(&self) -> &[&'a str] {
        &self.variables
    }

    /// The segments after the leading `/`.
    pub fn segments(&self) -> &[Segment<'a>] {
        &self.segments
    }

    /// The position of a variable among [`Self::variables`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.variables.iter().position(|v| *v == name)
    }
}

impl<'a> Segment<'a> {
    fn of(segment: &'a str) -> Self {
        let whole = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
        match whole {
            Some(name) if !name.contains(['{', '}']) => Segment::Variable(name),
            _ if segment.contains(['{', '}']) => Segment::Mixed(segment),
            _ => Segment::Literal(segment),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_and_segments() {
        let t = PathTemplate::parse("/api/v1/orders/{order_id}/items/{item}");
        assert_eq!(t.variables(), ["order_id", "item"]);
        assert_eq!(t.position("item"), Some(1));
        assert_eq!(t.segments()[3], Segment::Variable("order_id"));
        assert_eq!(t.segments()[0], Segment::Literal("api"));
        let mixed = PathTemplate::parse("/files/{name}.json");
        assert_eq!(mixed.variables(), ["name"]);
        assert_eq!(mixed.segments()[1], Segment::Mixed("{name}.json"));
        assert_eq!(PathTemplate::parse("/jobs/{id}:cancel").segments()[1], Segment::Mixed("{id}:cancel"));
        assert!(PathTemplate::parse("/").segments().is_empty());
        assert_eq!(PathTemplate::parse("/a/{").segments()[1], Segment::Mixed("{"));
    }
}
