//! Helpers for target tests: find a rendered file, look for code in it.

/// The text of a rendered file by path (panics with the list of paths when missing).
pub(crate) fn file<'a>(files: &'a [(String, String)], path: &str) -> &'a str {
    &files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path} in {:?}", files.iter().map(|f| &f.0).collect::<Vec<_>>()))
        .1
}

/// Whitespace-insensitive containment (prettyplease decides line breaks).
pub(crate) fn has(text: &str, needle: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>().replace(",)", ")");
    squash(text).contains(&squash(needle))
}
