//! apigen diff beside oasdiff's own checker tests (`tests/fixtures/diff/oasdiff/`,
//! Apache-2.0, see its README): every pair whose expected level oasdiff's
//! tests pin down is diffed, and apigen's verdict (a breaking change the
//! version policy forbids, or not) is compared with oasdiff's.
//!
//! Fixtures that lack a field OpenAPI requires (an operation without
//! `responses`, a response without `description`, an OAuth2 flow without
//! `scopes`) are compared like the others: apigen reports `oas-required-field`
//! and reads them with a default. Pairs whose fixtures apigen cannot read as
//! OpenAPI 3.0 otherwise (a response `content: null` of a mis-indented file;
//! oasdiff's loader accepts them) are counted apart: apigen reports `oas-parse`,
//! leaves such an operation out of the model and so cannot compare it: `apigen
//! diff` names it and exits 2 (never "no change"). So does an operation whose
//! `x-stability-level` is not one of apigen's four levels: whether its stability
//! decreased is unknown. The rate over every entry oasdiff expects to break
//! counts them as not breaking.
//! Entries with `single_check` or a non-exhaustive list pin only a lower
//! bound, so only oasdiff's breaking verdicts and its exhaustive clean
//! verdicts are compared; the rest are counted in the table.
//!
//! Where apigen disagrees on purpose, the oasdiff id is listed in
//! [`NOT_BREAKING_FOR_APIGEN`] (oasdiff calls it breaking, apigen does not) or
//! [`BREAKING_FOR_APIGEN`] (apigen calls a change breaking that oasdiff
//! accepts), each with the reason. The test fails on any disagreement not
//! explained there, and prints the agreement table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use apigen::diff::{self, policy, Side};
use apigen::load::{Boundary, Document};
use apigen::model::{lower, Conventions};
use serde_json::Value;

fn suite() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff/oasdiff")
}

/// apigen's verdict on a pair.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// A breaking change the policy forbids (ids of the breaking checks).
    Breaking(Vec<String>),
    /// Changes, none of them forbidden (ids).
    Changes(Vec<String>),
    /// No change at all.
    NoChange,
    /// A side does not load as OpenAPI 3.0/3.1.
    NotLoaded(String),
    /// A part could not be compared: `apigen diff` fails (exit 2) naming it.
    NotCompared(String),
}

fn verdict(base: &Path, head: &Path) -> Verdict {
    let boundary = Boundary::new(&suite(), &[]);
    let load = |p: &Path| Document::load_within(p, &boundary).map_err(|e| e.to_string());
    let (b, h) = match (load(base), load(head)) {
        (Ok(b), Ok(h)) => (b, h),
        (Err(e), _) | (_, Err(e)) => return Verdict::NotLoaded(e),
    };
    let conventions = Conventions::default();
    let (Some(ba), Some(ha)) = (lower(&b, &conventions).filter(|_| b.fits_shape), lower(&h, &conventions).filter(|_| h.fits_shape)) else {
        let first = b.diagnostics.iter().chain(&h.diagnostics).find(|d| d.rule == "oas-parse").map(|d| d.message.clone()).unwrap_or_default();
        return Verdict::NotLoaded(first);
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let outcome = diff::compare(Side { doc: &b, api: &ba }, Side { doc: &h, api: &ha }, today);
    // A part apigen could not compare (an operation that does not fit the OpenAPI shape is
    // left out of the model) makes `apigen diff` exit 2: never "allowed".
    if let Some(part) = outcome.not_compared.first() {
        return Verdict::NotCompared(part.reason.clone());
    }
    let changes = outcome.changes;
    let judged = policy::judge(&changes, &ba, &ha, today, &[]);
    let breaking: Vec<String> = judged.violations.iter().filter_map(|v| v.change).map(|i| changes[i].id().to_string()).collect();
    if !breaking.is_empty() {
        let mut ids = breaking;
        ids.sort();
        ids.dedup();
        return Verdict::Breaking(ids);
    }
    if changes.is_empty() {
        return Verdict::NoChange;
    }
    let mut ids: Vec<String> = changes.iter().map(|c| c.id().to_string()).collect();
    ids.sort();
    ids.dedup();
    Verdict::Changes(ids)
}

/// oasdiff ids (or test names) that oasdiff calls breaking (ERR) and apigen does not, with the reason.
const NOT_BREAKING_FOR_APIGEN: &[(&str, &str)] = &[
    ("sunset-deleted", "removing the `x-sunset` date of a deprecated operation withdraws the announcement and breaks no client; `apigen check` (deprecation-sunset) asks for the date"),
    ("api-path-sunset-parse", "an unreadable `x-sunset` is an `annotation-valid` finding of `apigen check`, not a change of the API; a date that becomes readable is reported as `sunset-set`"),
    ("request-parameter-sunset-deleted", "apigen's sunsets are per operation (`x-sunset` on operations); parameter sunsets are oasdiff's convention"),
    ("request-parameter-sunset-parse", "parameter sunsets are oasdiff's convention"),
    ("request-property-deprecated-sunset-invalid", "property sunsets are oasdiff's convention"),
    ("request-property-all-of-added", "as `request-body-all-of-added`"),
    ("request-body-all-of-added", "apigen compares the merged `allOf`: the added part only adds optional properties (reported as `request-property-added`), so every body that was valid stays valid; oasdiff flags any added `allOf` part"),
    ("TestBreaking_AddPattern", "the property is `readOnly`: it is never sent in a request, so its new pattern cannot reject one (apigen reports `response-constraint-tightened`); oasdiff ignores `readOnly` here"),
    ("TestRequestBodyAnyOfMultiMediaTypeDetails", "the `anyOf` alternative `Cat` becomes `Rabbit`, a schema of the same shape (an object with an optional string `name`): every body that was valid stays valid; apigen matches alternatives by content when their names differ"),
    ("TestBreaking_AnyOf", "the `anyOf` alternative is `type: array`: `properties` and `required` do not apply to an array (JSON Schema), so requiring `id` there rejects no body; oasdiff reads the array's `properties` as an object's"),
    ("TestBreaking_AddPatternRecursive", "as TestBreaking_AddPattern: a `readOnly` property in a recursive schema"),
];

/// Tests where apigen reports a breaking change oasdiff's test does not expect, with the reason.
const BREAKING_FOR_APIGEN: &[(&str, &str)] = &[
    ("TestBreaking_RequiredPropertyWriteOnlyEnabled", "a required response property becomes `writeOnly`: servers stop returning it, and clients that read it break (apigen: `response-property-removed`)"),
    ("TestBreaking_DeletePatten", "a response property loses its `pattern`: responses must not get looser, clients may rely on the format (apigen: `response-constraint-relaxed`); oasdiff does not check response patterns"),
    ("TestBreaking_GeneralizedPattern", "the response pattern becomes `.*`, which is no pattern: as TestBreaking_DeletePatten"),
    ("TestBreaking_ModifyPatternToAnyString", "as TestBreaking_GeneralizedPattern (the same pair)"),
    ("TestBreaking_RemovedParameterForAlpha", "the operation is `x-stability-level: alpha`, which oasdiff exempts; apigen reads the level (`stability-decreased`) but exempts no level from the other checks: the removal breaks the clients of an alpha operation that send the parameter"),
];

#[test]
fn agreement_with_oasdiff() {
    let text = std::fs::read_to_string(suite().join("expectations.json")).unwrap();
    let entries: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut table: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    let mut cache: BTreeMap<(String, String), Verdict> = BTreeMap::new();
    let mut not_loaded: Vec<String> = Vec::new();
    // (oasdiff breaking, apigen agrees, oasdiff not breaking, apigen agrees), over loadable pinned entries.
    let mut pinned = (0usize, 0usize, 0usize, 0usize);
    // Over every entry oasdiff's tests expect to break, loadable or not: (entries, apigen breaking, apigen exit 2).
    let mut every = (0usize, 0usize, 0usize);
    for e in &entries {
        let (base, head) = (e["base"].as_str().unwrap().to_string(), e["revision"].as_str().unwrap().to_string());
        let v = cache.entry((base.clone(), head.clone())).or_insert_with(|| verdict(&suite().join(&base), &suite().join(&head))).clone();
        let expect = e["expect"].as_str().unwrap();
        let single = e.get("single_check").is_some();
        let exhaustive = e["exhaustive"].as_bool().unwrap_or(false);
        let ids: Vec<&str> = e["expected_ids"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let levels: Vec<&str> = e["levels"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        let ours = match &v {
            Verdict::Breaking(_) => "breaking",
            Verdict::Changes(_) => "changes",
            Verdict::NoChange => "no change",
            Verdict::NotLoaded(_) => "not loaded",
            Verdict::NotCompared(_) => "not compared (exit 2)",
        };
        // What the entry pins down: oasdiff's breaking verdict always; a clean verdict only
        // when the test ran every check and listed every finding.
        let judged = match expect {
            "breaking" => Some(true),
            "non-breaking" | "no-change" if !single && exhaustive => Some(false),
            _ => None,
        };
        let column = match judged {
            Some(true) => "oasdiff: breaking".to_string(),
            Some(false) => "oasdiff: not breaking".to_string(),
            None => format!("oasdiff: {expect} (not pinned)"),
        };
        *table.entry((column, ours.to_string())).or_default() += 1;
        if std::env::var_os("APIGEN_OASDIFF_VERBOSE").is_some() && judged.is_none() && matches!(v, Verdict::Breaking(_)) {
            eprintln!("  (not pinned) {} : oasdiff {expect} {ids:?}; apigen {v:?}", e["test"].as_str().unwrap());
        }
        let Some(breaking) = judged else { continue };
        if breaking {
            every.0 += 1;
            every.1 += usize::from(matches!(v, Verdict::Breaking(_)));
            every.2 += usize::from(matches!(v, Verdict::NotCompared(_)));
        }
        if matches!(v, Verdict::NotLoaded(_) | Verdict::NotCompared(_)) {
            not_loaded.push(e["test"].as_str().unwrap().to_string());
            continue;
        }
        if breaking {
            pinned.0 += 1;
        } else {
            pinned.2 += 1;
        }
        let agree = matches!((&v, breaking), (Verdict::Breaking(_), true) | (Verdict::Changes(_) | Verdict::NoChange, false));
        if agree {
            if breaking {
                pinned.1 += 1;
            } else {
                pinned.3 += 1;
            }
            continue;
        }
        let err_ids: Vec<&str> = ids.iter().zip(&levels).filter(|(_, l)| **l == "ERR").map(|(i, _)| *i).collect();
        let test = e["test"].as_str().unwrap();
        let explained = if breaking {
            NOT_BREAKING_FOR_APIGEN.iter().any(|(x, _)| *x == test)
                || (!err_ids.is_empty() && err_ids.iter().all(|id| NOT_BREAKING_FOR_APIGEN.iter().any(|(x, _)| x == id)))
        } else {
            BREAKING_FOR_APIGEN.iter().any(|(t, _)| *t == e["test"].as_str().unwrap())
        };
        if !explained {
            unexplained.push(format!("{} ({} → {}): oasdiff {expect} {err_ids:?}; apigen {v:?}", e["test"].as_str().unwrap(), base, head));
        }
    }
    eprintln!("apigen diff beside oasdiff's checker tests ({} entries):", entries.len());
    for ((theirs, ours), n) in &table {
        eprintln!("  {theirs:40} apigen: {ours:12} {n}");
    }
    eprintln!("pinned entries apigen loads: oasdiff breaking {}, apigen agrees on {}; oasdiff not breaking {}, apigen agrees on {}", pinned.0, pinned.1, pinned.2, pinned.3);
    eprintln!("pinned entries apigen cannot compare (a response `content: null`, an unreadable `x-stability-level`): {}", not_loaded.len());
    eprintln!(
        "every entry oasdiff expects to break: {}; apigen reports a breaking change for {} ({:.1}%), could not compare {} (exit 2)",
        every.0,
        every.1,
        every.1 as f64 * 100.0 / every.0 as f64,
        every.2
    );
    eprintln!("explained disagreements: {}", pinned.0 - pinned.1 + pinned.2 - pinned.3 - unexplained.len());
    eprintln!("unexplained disagreements: {}", unexplained.len());
    assert!(pinned.1 * 100 >= pinned.0 * 91, "agreement on oasdiff's breaking entries fell below 91%");
    // Counting every entry: a part apigen cannot compare fails the run (exit 2), never passes it.
    assert!(every.1 * 100 >= every.0 * 88, "breaking verdicts on oasdiff's breaking entries fell below 88% of all of them");
    assert!((every.1 + every.2) * 100 >= every.0 * 91, "`apigen diff` passed more than 9% of oasdiff's breaking entries");
    for u in &unexplained {
        eprintln!("  {u}");
    }
    assert!(unexplained.is_empty(), "{} unexplained disagreements (listed above)", unexplained.len());
}

#[test]
fn an_extensible_enum_losing_a_request_value_breaks_and_gaining_one_does_not() {
    for (base, head) in [
        ("pairs/checker/request_parameter_extensible_enum_base.yaml", "pairs/checker/request_parameter_extensible_enum_revision.yaml"),
        ("pairs/checker/request_property_extensible_enum_base.yaml", "pairs/checker/request_property_extensible_enum_revision.yaml"),
    ] {
        let (base, head) = (suite().join(base), suite().join(head));
        assert_eq!(verdict(&base, &head), Verdict::Breaking(vec!["request-enum-value-removed".into()]), "{}", base.display());
        // The other way round a value is added: every request that was valid stays valid.
        assert_eq!(verdict(&head, &base), Verdict::Changes(vec!["request-enum-value-added".into()]), "{}", base.display());
    }
}

#[test]
fn stability_levels_moved_down_break_moved_up_do_not_and_unreadable_ones_are_not_compared() {
    let pair = |base: &str, head: &str| verdict(&suite().join(base), &suite().join(head));
    let (stable, draft) = ("pairs/stability/base-endpoint-stable.yaml", "pairs/stability/revision-endpoint-draft.yaml");
    assert_eq!(pair(stable, draft), Verdict::Breaking(vec!["stability-decreased".into()]));
    assert_eq!(pair(draft, stable), Verdict::NoChange);
    let (alpha, beta) = ("pairs/deprecation/base-alpha-stability.yaml", "pairs/deprecation/base-beta-stability.yaml");
    assert_eq!(pair(alpha, beta), Verdict::NoChange);
    assert_eq!(pair(beta, alpha), Verdict::Breaking(vec!["stability-decreased".into()]));
    // `ga`, `invalid` and `1` are no level: `apigen diff` exits 2 naming the annotation.
    for (base, head) in [
        ("pairs/deprecation/invalid-stability.yaml", alpha),
        ("pairs/deprecation/base.yaml", "pairs/deprecation/base-invalid-stability.yaml"),
        ("pairs/deprecation/base-invalid-stability.yaml", "pairs/deprecation/base.yaml"),
        ("pairs/deprecation/base.yaml", "pairs/deprecation/base-invalid-stability-2.yaml"),
    ] {
        match pair(base, head) {
            Verdict::NotCompared(reason) => assert!(reason.contains("x-stability-level") && reason.contains("is unknown"), "{reason}"),
            other => panic!("{base} → {head}: {other:?}"),
        }
    }
}
