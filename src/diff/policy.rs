//! The version policy (docs/standard.md §2 Versioning and deprecation) over a
//! change set: a breaking change to an operation fails unless it is accepted
//! in `apigen.toml` (`[[diff.accept]]`) or is the removal of an operation
//! whose `x-sunset` date has passed; a new `/api/vN+1` beside an untouched
//! `/api/vN` is a set of additions and so allowed; `info.version` must be
//! bumped (semver: major for a new major path version, minor for additions
//! and removals, some bump for any change).

use chrono::NaiveDate;

use super::{Change, Kind, NotCompared};
use crate::model::Api;

/// One `[[diff.accept]]` entry of `apigen.toml`: a breaking change the team accepts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accept {
    /// The diff check id, e.g. `response-property-removed`.
    pub check: String,
    /// The operation, `METHOD /path` as reports name it (e.g. `DELETE /api/v1/orders/{order_id}`).
    #[serde(default)]
    pub operation: Option<String>,
    /// Or a JSON pointer: the change matches when its base or head node is this node or below it.
    #[serde(default)]
    pub pointer: Option<String>,
    /// Why the break is acceptable; shown in every report.
    pub reason: String,
}

impl Accept {
    /// Whether this entry accepts a change. An entry with neither operation nor pointer accepts nothing.
    pub fn matches(&self, c: &Change) -> bool {
        if self.check != c.id() {
            return false;
        }
        let by_op = self.operation.as_ref().is_some_and(|o| c.operation.as_ref().is_some_and(|co| same_operation(o, co)));
        let by_ptr = self.pointer.as_ref().is_some_and(|p| {
            let p = p.strip_prefix('#').unwrap_or(p);
            [&c.base, &c.head].into_iter().flatten().any(|at| at == p || (at.starts_with(p) && at.as_bytes().get(p.len()) == Some(&b'/')))
        });
        by_op || by_ptr
    }
}

fn same_operation(a: &str, b: &str) -> bool {
    let split = |s: &str| s.split_once(' ').map(|(m, p)| (m.to_ascii_uppercase(), super::path_key(p.trim())));
    split(a).is_some() && split(a) == split(b)
}

/// A reason the policy does not allow the change set.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// `breaking-change`, `not-compared`, `version-not-bumped`, `version-decreased`, `version-major-not-bumped` or `version-minor-not-bumped`.
    pub id: &'static str,
    /// One line.
    pub message: String,
    /// Index of the change in the change list, for `breaking-change`.
    pub change: Option<usize>,
}

/// How a change fares under the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not breaking.
    Fine,
    /// Breaking and accepted by the `[[diff.accept]]` entry with this index.
    Accepted(usize),
    /// The removal of an operation whose sunset has passed.
    Sunset,
    /// A breaking change the policy forbids.
    Forbidden,
    /// Breaking, reported for a component as such; judged through the operations it reaches.
    Component,
}

/// The policy's judgement of a change set.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// One per change, in order.
    pub standing: Vec<Standing>,
    /// Everything that makes the change set not allowed; empty: allowed.
    pub violations: Vec<Violation>,
}

impl Verdict {
    /// Whether the policy allows the change set.
    pub fn allowed(&self) -> bool {
        self.violations.is_empty()
    }

    /// Adds a `not-compared` violation per part the comparison left out: a change set
    /// that may miss changes is never allowed.
    pub fn add_not_compared(&mut self, parts: &[NotCompared]) {
        for part in parts {
            let place = match (&part.base, &part.head) {
                (Some(b), Some(h)) => format!("base #{b} / head #{h}"),
                (Some(b), None) => format!("base #{b}"),
                (None, Some(h)) => format!("head #{h}"),
                (None, None) => "the document".to_string(),
            };
            let message = format!("{} could not be compared, so changes in it would go unseen: {}", crate::text::one_line(&place), part.reason);
            self.violations.push(Violation { id: "not-compared", message, change: None });
        }
    }
}

fn semver(v: &str) -> Option<semver::Version> {
    semver::Version::parse(v.trim().trim_start_matches('v')).ok()
}

/// Judges a change set.
pub fn judge(changes: &[Change], base: &Api, head: &Api, today: NaiveDate, accepts: &[Accept]) -> Verdict {
    let mut violations = Vec::new();
    let mut standing = Vec::with_capacity(changes.len());
    for (i, c) in changes.iter().enumerate() {
        let s = if c.kind() != Kind::Breaking {
            Standing::Fine
        } else if let Some(a) = accepts.iter().position(|a| a.matches(c)) {
            Standing::Accepted(a)
        } else if c.operation.is_none() {
            Standing::Component
        } else if c.id() == "operation-removed" && sunset_passed(c, base, today) {
            Standing::Sunset
        } else {
            Standing::Forbidden
        };
        if s == Standing::Forbidden {
            let op = c.operation.as_deref().unwrap_or_default();
            let scope = match op.split_once(' ').and_then(|(_, p)| version_of(p)) {
                Some(n) => format!("/api/v{n} is a published major version: a break needs /api/v{} beside it", n + 1),
                None => "the operation is not under a versioned path".into(),
            };
            violations.push(Violation { id: "breaking-change", message: format!("{op}: {} [{}]; {scope}; {}", c.message, c.id(), how_to_accept(c)), change: Some(i) });
        }
        standing.push(s);
    }
    violations.extend(version_bump(changes, &standing, base, head));
    Verdict { standing, violations }
}

/// How to accept a forbidden change: the `[[diff.accept]]` entry that would, as one line.
fn how_to_accept(c: &Change) -> String {
    let op = c.operation.as_deref().map(crate::text::one_line).unwrap_or_default();
    // Inside a TOML basic string: a spec-derived path may hold `"` or `\`.
    let op = op.replace('\\', "\\\\").replace('"', "\\\"");
    format!("to accept it, add to apigen.toml: [[diff.accept]] check = \"{}\", operation = \"{op}\", reason = \"why clients are not affected\"", c.id())
}

fn version_of(path: &str) -> Option<u32> {
    let rest = path.strip_prefix("/api/v")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    if digits.is_empty() || !(after.is_empty() || after.starts_with('/')) {
        return None;
    }
    digits.parse().ok()
}

fn sunset_passed(c: &Change, base: &Api, today: NaiveDate) -> bool {
    let Some(ptr) = &c.base else { return false };
    base.operations.iter().find(|o| &o.pointer == ptr).is_some_and(|o| o.deprecated && o.annotations.sunset.is_some_and(|d| d < today))
}

fn version_bump(changes: &[Change], standing: &[Standing], base: &Api, head: &Api) -> Vec<Violation> {
    let mut out = Vec::new();
    if changes.is_empty() {
        return out;
    }
    let (bv, hv) = (base.version.trim(), head.version.trim());
    let new_major_path = head.versions().last() > base.versions().last() && !base.versions().is_empty();
    let additions = changes.iter().zip(standing).any(|(c, s)| {
        (c.kind() == Kind::NonBreaking && (c.id().ends_with("-added") || c.id().ends_with("-added-optional"))) || matches!(s, Standing::Sunset | Standing::Accepted(_))
    });
    let show = |v: &str| crate::text::one_line(v);
    match (semver(bv), semver(hv)) {
        (Some(b), Some(h)) => {
            if h < b {
                out.push(Violation { id: "version-decreased", message: format!("info.version went down from {} to {}", show(bv), show(hv)), change: None });
            } else if h == b {
                out.push(Violation { id: "version-not-bumped", message: format!("info.version is still {} although the API changed", show(hv)), change: None });
            } else if new_major_path && h.major <= b.major {
                let n = head.versions().last().copied().unwrap_or_default();
                out.push(Violation { id: "version-major-not-bumped", message: format!("/api/v{n} is new: info.version needs a major bump (from {} to {}.0.0 or later), not {}", show(bv), b.major + 1, show(hv)), change: None });
            } else if additions && h.major == b.major && h.minor == b.minor {
                out.push(Violation { id: "version-minor-not-bumped", message: format!("operations or parameters were added or removed: info.version needs a minor bump (to {}.{}.0), not {}", b.major, b.minor + 1, show(hv)), change: None });
            }
        }
        _ if bv == hv => out.push(Violation { id: "version-not-bumped", message: format!("info.version is still '{}' although the API changed", show(hv)), change: None }),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_of_paths() {
        assert_eq!(version_of("/api/v2/orders"), Some(2));
        assert_eq!(version_of("/api/v10"), Some(10));
        assert_eq!(version_of("/api/v2beta/orders"), None);
        assert_eq!(version_of("/health"), None);
    }

    #[test]
    fn operations_match_across_parameter_names_and_case() {
        assert!(same_operation("delete /api/v1/orders/{id}", "DELETE /api/v1/orders/{order_id}"));
        assert!(!same_operation("GET /api/v1/orders", "POST /api/v1/orders"));
        assert!(!same_operation("nonsense", "nonsense"));
    }
}
