//! Names of the components the bundler makes from other files: after the file
//! (`MenuItem.yaml` → `MenuItem`) or the pointer's last token (`defs.yml#/Node` →
//! `Node`), in the characters OpenAPI allows in component names
//! (`^[a-zA-Z0-9.\-_]+$`, 3.0 §4.8.7).

use std::path::Path;

use super::super::tree::tokens;

/// The name a component read from `path` at `fragment` (a JSON pointer) is given
/// before any clash: the last token of the pointer, or the file's stem for a whole
/// file; a numeric token (`allOf/0`) is prefixed by the token before it.
pub fn component_name(path: &Path, fragment: &str) -> String {
    let toks: Vec<String> = tokens(fragment).collect();
    let stem = || path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match toks.as_slice() {
        [] => stem(),
        [.., before, last] if last.bytes().all(|b| b.is_ascii_digit()) => format!("{before}{last}"),
        [last] if last.bytes().all(|b| b.is_ascii_digit()) => format!("{}{last}", stem()),
        [.., last] => last.clone(),
    };
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    if clean.trim_matches('_').is_empty() {
        "Component".into()
    } else {
        clean
    }
}

/// The first of `name`, `name2`, `name3`, … that `taken` says is free.
pub fn free_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_string();
    }
    (2..).map(|i| format!("{name}{i}")).find(|n| !taken(n)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_file_or_the_pointer() {
        let p = Path::new("../components/schemas/MenuItem.yaml");
        assert_eq!(component_name(p, ""), "MenuItem");
        assert_eq!(component_name(Path::new("defs.yml"), "/Node"), "Node");
        assert_eq!(component_name(Path::new("common.yaml"), "/components/schemas/Error"), "Error");
        assert_eq!(component_name(Path::new("s.yaml"), "/A/allOf/0"), "allOf0");
        assert_eq!(component_name(Path::new("s.yaml"), "/0"), "s0");
        assert_eq!(component_name(Path::new("menu_{id}.yaml"), ""), "menu__id_");
        assert_eq!(component_name(Path::new("h.yaml"), "/ratelimit-limit"), "ratelimit-limit");
        assert_eq!(component_name(Path::new("a.yaml"), "/{}"), "Component");
        assert_eq!(free_name("Error", |n| n == "Error" || n == "Error2"), "Error3");
        assert_eq!(free_name("Error", |_| false), "Error");
    }
}
