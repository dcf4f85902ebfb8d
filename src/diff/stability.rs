//! Stability levels (`x-stability-level`: `draft` < `alpha` < `beta` <
//! `stable`, an operation without the annotation is `stable`): a level moved
//! down withdraws part of the promise made to clients. A level that cannot be
//! read on either side of a matched operation leaves the move unknown: that
//! operation's stability is not compared (`apigen diff` exits 2).
//!
//! The level exempts no operation from the other checks: a client of a
//! `draft` or `alpha` operation breaks the same way when a parameter it sends
//! is removed.

use super::schemas::check;
use super::{Changes, Context, DiffCheck, NotCompared};
use crate::load::tree::child;

check!(STABILITY_DECREASED, "stability-decreased", Breaking, Operation,
    "an operation's `x-stability-level` moves down (`stable` → `beta` → `alpha` → `draft`; no annotation is `stable`)",
    "Clients chose the operation for the promise its level makes; a lower level tells them it may now change without notice. Moving up (`beta` → `stable`) is no change for clients.",
    "get: {operationId: list_orders, x-stability-level: stable}",
    "get: {operationId: list_orders, x-stability-level: beta}",
    "docs/standard.md §2 Versioning and deprecation");

/// The checks of this family.
pub static CHECKS: &[&DiffCheck] = &[&STABILITY_DECREASED];

/// Reports stability levels moved down, and the operations whose level cannot be read.
pub fn run(ctx: &Context<'_>, out: &mut Changes) {
    for (b, h) in &ctx.ops.pairs {
        let label = h.label();
        match (b.annotations.stability_level(), h.annotations.stability_level()) {
            (Ok(old), Ok(new)) if new < old => {
                let message = format!("stability of {label} decreased from {} to {}", old.as_str(), new.as_str());
                out.push(&STABILITY_DECREASED, Some(label), message, Some(b.pointer.clone()), Some(child(&h.pointer, "x-stability-level")));
            }
            (Ok(_), Ok(_)) => {}
            (base, head) => {
                for (is_head, op, level) in [(false, b, base), (true, h, head)] {
                    if let Err(why) = level {
                        let reason = format!("{why}: whether the stability of {label} decreased is unknown");
                        out.not_compared.push(NotCompared::on(is_head, child(&op.pointer, "x-stability-level"), &reason));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::{compare, Outcome, Side};
    use crate::load::Document;
    use crate::model::Conventions;

    /// A document whose one operation has `level` (`None`: no annotation).
    fn spec(level: Option<&str>) -> String {
        let line = level.map_or(String::new(), |l| format!("      x-stability-level: {l}\n"));
        format!("openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /api/v1/orders:\n    get:\n      operationId: list_orders\n{line}      responses:\n        '200': {{description: ok}}\n")
    }

    fn outcome(base: Option<&str>, head: Option<&str>) -> Outcome {
        let b = Document::from_bytes(std::path::Path::new("base.yaml"), spec(base).into_bytes());
        let h = Document::from_bytes(std::path::Path::new("head.yaml"), spec(head).into_bytes());
        let (ba, ha) = (crate::model::lower(&b, &Conventions::default()).unwrap(), crate::model::lower(&h, &Conventions::default()).unwrap());
        compare(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }

    fn ids(o: &Outcome) -> Vec<&str> {
        o.changes.iter().map(|c| c.id()).collect()
    }

    #[test]
    fn a_level_moved_down_is_breaking_and_up_is_no_change() {
        let levels = [Some("draft"), Some("alpha"), Some("beta"), Some("stable"), None];
        for (i, base) in levels.iter().enumerate() {
            for (j, head) in levels.iter().enumerate() {
                let o = outcome(*base, *head);
                assert!(o.not_compared.is_empty(), "{base:?} → {head:?}: {:?}", o.not_compared);
                // No annotation is `stable` (index 3 and 4 rank the same).
                let down = j.min(3) < i.min(3);
                assert_eq!(ids(&o), if down { vec!["stability-decreased"] } else { vec![] }, "{base:?} → {head:?}");
            }
        }
        let o = outcome(Some("stable"), Some("draft"));
        assert_eq!(o.changes[0].message, "stability of GET /api/v1/orders decreased from stable to draft");
        assert_eq!(o.changes[0].head.as_deref(), Some("/paths/~1api~1v1~1orders/get/x-stability-level"));
    }

    #[test]
    fn an_unreadable_level_on_either_side_is_not_compared() {
        for (base, head, on_head) in [(Some("ga"), Some("alpha"), false), (None, Some("1"), true), (Some("invalid"), None, false)] {
            let o = outcome(base, head);
            assert!(ids(&o).is_empty(), "{:?}", o.changes);
            assert_eq!(o.not_compared.len(), 1, "{base:?} → {head:?}");
            let part = &o.not_compared[0];
            let pointer = if on_head { &part.head } else { &part.base };
            assert_eq!(pointer.as_deref(), Some("/paths/~1api~1v1~1orders/get/x-stability-level"));
            assert!(part.reason.contains("is not one of draft, alpha, beta, stable") && part.reason.contains("GET /api/v1/orders"), "{}", part.reason);
        }
    }
}
