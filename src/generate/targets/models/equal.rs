//! Types declared alike: a document often repeats a schema with other descriptions
//! (mailchimp's `GetAutomations200Response…SegmentOp` and its forty copies), which
//! lowering keeps apart, since the texts differ. The models crate declares such a type
//! once; every other name is an alias of it (`pub type Copy = First;`), so each name
//! still works and rustc checks one definition instead of dozens. A schema of
//! `components/schemas` keeps a type of its own: the document named it.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::TypeView;

/// Makes every inline type declared like another (docs aside, the types it names taken
/// as equal where they are) an alias of that one, a component if there is one, else the
/// first: its kind becomes `alias`, its doc gains a line naming the type it is, and
/// `same_as` holds that type's index.
pub(super) fn share(types: &mut [TypeView]) {
    let index: HashMap<String, usize> = types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    // Components first, so that an inline type declared like a component becomes its alias.
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by_key(|&i| !types[i].component);
    // The type each type is taken as (itself, or one earlier in `order`); refined until no two
    // types taken as different ones are declared alike (a struct of equal enums becomes equal
    // once the enums are).
    let mut first: Vec<usize> = (0..types.len()).collect();
    loop {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut merged = false;
        for &i in &order {
            if first[i] != i || types[i].kind == "alias" {
                continue;
            }
            match seen.entry(shape(&types[i], &|name| index.get(name).map(|&t| root(&first, t)))) {
                Entry::Occupied(earlier) if !types[i].component => {
                    first[i] = *earlier.get();
                    merged = true;
                }
                Entry::Occupied(_) => {}
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        if !merged {
            break;
        }
    }
    for i in 0..types.len() {
        let same = root(&first, i);
        if same == i {
            continue;
        }
        let target = types[same].name.clone();
        let view = &mut types[i];
        let mut doc = view.doc.take().unwrap_or_default();
        doc.push_str(&format!("\n\nDeclared like [`{target}`] (descriptions aside), so it is that type."));
        *view = TypeView {
            name: std::mem::take(&mut view.name),
            doc: Some(doc),
            kind: "alias",
            target,
            same_as: Some(same),
            ..TypeView::default()
        };
    }
}

/// The set a type belongs to, named by its first type.
fn root(first: &[usize], mut i: usize) -> usize {
    while first[i] != i {
        i = first[i];
    }
    i
}

/// What a type declares, docs aside, with the type names in its Rust types replaced by their
/// set's index (`set`): two types of the same shape are the same type.
fn shape(t: &TypeView, set: &dyn Fn(&str) -> Option<usize>) -> String {
    let mut value = serde_json::to_value(t).expect("a view serializes");
    let object = value.as_object_mut().expect("a view is an object");
    object.remove("name");
    object.remove("doc");
    for key in ["target"] {
        if let Some(serde_json::Value::String(text)) = object.get_mut(key) {
            *text = rename(text, set);
        }
    }
    for list in ["fields", "variants"] {
        let Some(serde_json::Value::Array(items)) = object.get_mut(list) else { continue };
        for item in items.iter_mut().filter_map(serde_json::Value::as_object_mut) {
            item.remove("doc");
            for key in ["ty", "default_expr"] {
                if let Some(serde_json::Value::String(text)) = item.get_mut(key) {
                    *text = rename(text, set);
                }
            }
        }
    }
    value.to_string()
}

/// Rust type text with every identifier that names a type of the crate replaced by `#` and its
/// set's index; one after `::` (a variant, or a type of another crate) stays.
fn rename(text: &str, set: &dyn Fn(&str) -> Option<usize>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric() || c == '_') {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let end = from.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(from.len());
        let word = &from[..end];
        match set(word) {
            Some(i) if !out.ends_with("::") => out.push_str(&format!("#{i}")),
            _ => out.push_str(word),
        }
        rest = &from[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_the_crate_become_their_sets() {
        let set = |name: &str| match name {
            "Pet" => Some(3),
            "PetKind" => Some(3),
            _ => None,
        };
        assert_eq!(rename("Option<Vec<Pet>>", &set), "Option<Vec<#3>>");
        assert_eq!(rename("Some(PetKind::Pet)", &set), "Some(#3::Pet)");
        assert_eq!(rename("std::collections::BTreeMap<String, Pets>", &set), "std::collections::BTreeMap<String, Pets>");
    }
}
