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

/// Renders a spec given as text with `targets` under the crate name `name`: (path
/// below the output folder, text) of every file. Panics when the spec does not
/// load, lower or render.
pub(crate) fn render_spec(spec: &str, name: &str, targets: &[&str]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("api.yaml");
    std::fs::write(&path, spec).unwrap();
    let doc = crate::load::Document::load(&path).unwrap();
    let api = crate::model::lower(&doc, &Default::default()).expect("a model");
    let settings = super::Settings { spec: "api.yaml".into(), name: name.into(), ..Default::default() };
    let targets = super::resolve_targets(&targets.iter().map(|t| t.to_string()).collect::<Vec<_>>()).unwrap();
    let output = super::render(&api, &settings, &targets, dir.path()).unwrap();
    output.files.into_iter().map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.text)).collect()
}
