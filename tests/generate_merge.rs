//! Generated code holds one type per inline schema text (`model::lower_for_code`),
//! on a real document that repeats its inline schemas: mailchimp writes its link
//! object inline in hundreds of responses.

use std::path::Path;

use apigen::model::{lower, lower_for_code, Conventions};

#[test]
fn identical_inline_schemas_become_one_type_named_after_their_uses() {
    let doc = apigen::load::Document::load(Path::new("tests/corpus/apis-guru/mailchimp.com.json")).expect("load");
    let per_place = lower(&doc, &Conventions::default()).expect("lowers");
    let merged = lower_for_code(&doc, &Conventions::default()).expect("lowers");
    let (before, after) = (per_place.types.types.len(), merged.types.types.len());
    assert!(after * 5 < before, "{before} types per place, {after} merged");
    // Every operation keeps its operations and components; only inline copies go.
    assert_eq!(per_place.operations.len(), merged.operations.len());
    let components = |api: &apigen::model::Api| api.types.types.iter().filter(|t| t.component.is_some()).count();
    assert_eq!(components(&per_place), components(&merged));
    // The link object: one type, named after what its uses share, its method enum beside it.
    let links: Vec<_> = merged.types.types.iter().filter(|t| t.name.ends_with("LinksItem")).map(|t| t.name.as_str()).collect();
    assert_eq!(links, ["LinksItem"], "one link type");
    assert!(merged.types.types.iter().any(|t| t.name == "LinksItemMethod"));
    // Names stay unique.
    let mut names: Vec<&str> = merged.types.types.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    let total = names.len();
    names.dedup();
    assert_eq!(names.len(), total, "type names are unique");
}

#[test]
fn rules_still_see_every_place() {
    // The check keeps one type per place, so a finding in a repeated inline schema is reported at each copy.
    let doc = apigen::load::Document::load(Path::new("tests/corpus/apis-guru/mailchimp.com.json")).expect("load");
    let per_place = lower(&doc, &Conventions::default()).expect("lowers");
    let links = per_place.types.types.iter().filter(|t| t.name.contains("LinksItem") && !t.name.ends_with("Method")).count();
    assert!(links > 100, "{links} link types, one per place");
}
