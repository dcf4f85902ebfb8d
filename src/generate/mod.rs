//! `apigen generate` (docs/generate.md): renders targets from the
//! model through templates, formats Rust with `syn` + `prettyplease`, and
//! writes atomically with a generated header.

pub mod budget;
pub mod clients;
pub mod format;
pub mod markdown;
pub mod names;
pub mod operations;
pub mod parallel;
pub mod python;
pub mod rust;
pub mod targets;
pub mod templates;
pub mod ts;
pub mod webhooks;
#[cfg(test)]
pub(crate) mod testing;
pub mod writer;

use std::path::{Path, PathBuf};

use minijinja::Environment;

use crate::model::operations::OperationFacts;
use crate::model::Api;
use format::Kind;
use rust::RustTypes;
use writer::{GeneratedFile, Output};

/// What a target renders: (path below the output folder, text without header) per file,
/// or a message naming the template that failed.
pub type Rendered = Result<Vec<(String, String)>, String>;

/// A generation target.
#[derive(Debug)]
pub struct Target {
    /// Name on the command line and in `apigen.toml`.
    pub name: &'static str,
    /// One line for `--help`.
    pub summary: &'static str,
    /// Targets whose output this one depends on (rendered too when this one is asked for).
    pub requires: &'static [&'static str],
    /// How many leading path components name the folder the target owns (stale files are
    /// removed only there): 1 for a crate (`orders-models`), 2 for one dialect's migrations
    /// (`orders-migrations/postgres`, so a run for one dialect leaves the others alone).
    pub owned_depth: usize,
    /// The target renders operations: a document without any (webhooks only, say) has nothing
    /// for it, and it is left out with a warning instead of writing a crate of unused code.
    pub needs_operations: bool,
    /// Renders the target's files: (path below the output folder, text without header).
    pub render: fn(&Context<'_>) -> Rendered,
}

/// Every target, in dependency order.
pub const TARGETS: &[Target] = &[
    targets::models::TARGET,
    targets::migrations::TARGET,
    targets::client_rust::TARGET,
    targets::server_axum::TARGET,
    targets::client_ts::TARGET,
    targets::client_python::TARGET,
];

/// The target with a name.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Settings of one generation run.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The spec as named in headers (a relative path with `/`).
    pub spec: String,
    /// Base name of generated crates and folders, e.g. `orders` → `orders-models`.
    pub name: String,
    /// A folder whose templates replace the built-in ones, file by file.
    pub templates: Option<PathBuf>,
    /// `migrations`: the SQL dialects to write (empty: all three).
    pub dialects: Vec<targets::migrations::Dialect>,
    /// `migrations`: the file layout (`versions` by default).
    pub layout: targets::migrations::Layout,
    /// `migrations`: write steps that may lose data (dropped tables and columns, narrowed
    /// types, new `NOT NULL`); without it such a change stops generation.
    pub allow_destructive: bool,
}

/// What a target renders from.
pub struct Context<'a> {
    /// The model.
    pub api: &'a Api,
    /// The run's settings.
    pub settings: &'a Settings,
    /// Rust names of the model's types.
    pub rust: RustTypes<'a>,
    /// The output folder (targets that evolve what they wrote before read it: `migrations`).
    pub out: &'a Path,
    /// The facts of every operation, in document order: worked out once per run, read by every target.
    pub operations: Vec<OperationFacts>,
    env: Environment<'static>,
}

impl Context<'_> {
    /// Renders a template with a view.
    ///
    /// Errors: the template's name and minijinja's message (with its line).
    pub fn render(&self, template: &str, view: &impl serde::Serialize) -> Result<String, String> {
        let t = self.env.get_template(template).map_err(|e| format!("template {template}: {e:#}"))?;
        t.render(view).map_err(|e| format!("template {template}: {e:#}"))
    }

    /// The version of generated crates: `info.version` when it is semver, else `0.1.0`.
    pub fn crate_version(&self) -> String {
        semver::Version::parse(self.api.version.trim_start_matches('v')).map_or_else(|_| "0.1.0".into(), |v| v.to_string())
    }
}

/// The targets to render for a request: the named ones and what they require, in dependency order.
///
/// Errors: an unknown target name (with a suggestion).
pub fn resolve_targets(names: &[String]) -> Result<Vec<&'static Target>, String> {
    let mut wanted: Vec<&str> = Vec::new();
    let requested: Vec<&str> = if names.is_empty() { TARGETS.iter().map(|t| t.name).collect() } else { names.iter().map(String::as_str).collect() };
    for name in requested {
        let Some(t) = target(name) else {
            let hint = suggest_target(name).map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default();
            let all: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
            return Err(format!("no target '{}'{hint}; targets: {}", crate::text::one_line(name), all.join(", ")));
        };
        wanted.extend(t.requires.iter().copied());
        wanted.push(t.name);
    }
    Ok(TARGETS.iter().filter(|t| wanted.contains(&t.name)).collect())
}

/// Names people reach for first (a language, a framework), and the target each means.
const ALIASES: &[(&str, &str)] = &[
    ("ts", "client-ts"),
    ("typescript", "client-ts"),
    ("js", "client-ts"),
    ("py", "client-python"),
    ("python", "client-python"),
    ("rust", "client-rust"),
    ("rs", "client-rust"),
    ("axum", "server-axum"),
    ("server", "server-axum"),
    ("model", "models"),
    ("sql", "migrations"),
];

/// The target an unknown name most likely means: an alias (`ts` → `client-ts`), or the
/// closest target name (a typo), compared without case and `_`/`-` differences.
fn suggest_target(name: &str) -> Option<&'static str> {
    let key = name.trim().to_ascii_lowercase().replace('_', "-");
    if let Some(t) = target(&key) {
        return Some(t.name);
    }
    if let Some((_, t)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Some(t);
    }
    crate::suggest::did_you_mean(&key, TARGETS.iter().map(|t| t.name))
}

/// Runs `f` with the context the targets render from (for tools built on the names targets
/// give, like the drivers of `scripts/prism-check.sh`).
pub fn with_context<R>(api: &Api, settings: &Settings, f: impl FnOnce(&Context<'_>) -> R) -> R {
    let ctx = Context {
        api,
        settings,
        rust: RustTypes::for_api(api),
        out: Path::new("."),
        operations: OperationFacts::all(api),
        env: templates::environment(settings.templates.clone()),
    };
    f(&ctx)
}

/// Renders targets in memory: every file formatted and headed, nothing written.
///
/// The targets render side by side, then their files are formatted on every core
/// ([`parallel::map`]); the output is the same, file for file, as one thread's.
///
/// Errors: a template error, or rendered Rust that does not parse (naming the
/// template's output file and the offending lines); when several fail, the first in
/// the order one thread would meet them (target by target, file by file).
pub fn render(api: &Api, settings: &Settings, targets: &[&Target], out: &Path) -> Result<Output, String> {
    render_on(api, settings, targets, out, parallel::threads())
}

/// [`render`] on up to `threads` threads.
fn render_on(api: &Api, settings: &Settings, targets: &[&Target], out: &Path, threads: usize) -> Result<Output, String> {
    let ctx = Context {
        api,
        settings,
        rust: RustTypes::for_api(api),
        out,
        operations: OperationFacts::all(api),
        env: templates::environment(settings.templates.clone()),
    };
    let rendered = parallel::map(targets.to_vec(), threads, |target| (target.render)(&ctx));
    let mut output = Output { root: out.to_path_buf(), ..Output::default() };
    let mut files: Vec<(&Target, String, String)> = Vec::new();
    let mut failed = None;
    for (target, result) in targets.iter().zip(rendered) {
        let rendered = match result {
            Ok(rendered) => rendered,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        for (path, text) in rendered {
            // Files every target of a folder shares (the runtime crate) are written once.
            if files.iter().any(|(_, p, _)| *p == path) {
                continue;
            }
            own(&mut output, target, &path);
            files.push((target, path, text));
        }
    }
    let finished = parallel::map(files, threads, |(target, path, text)| finish(target, path, text, &settings.spec));
    output.files = finished.into_iter().collect::<Result<_, _>>()?;
    if let Some(e) = failed {
        return Err(e);
    }
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(output)
}

/// Records the folder `target` owns for a file at `path` in the output: stale generated files
/// are looked for there only, and never in a migrations folder (an applied migration stays,
/// whatever the plan says).
fn own(output: &mut Output, target: &Target, path: &str) {
    let owned: PathBuf = path.split('/').take(target.owned_depth).collect();
    if target.name == targets::migrations::TARGET.name && !output.kept.contains(&owned) {
        output.kept.push(owned.clone());
    }
    if !output.owned.contains(&owned) {
        output.owned.push(owned);
    }
}

/// A rendered file as it is written: Rust formatted, under its header.
///
/// Errors: Rust that does not parse, naming the target and the file.
fn finish(target: &Target, path: String, text: String, spec: &str) -> Result<GeneratedFile, String> {
    let kind = Kind::of(&path);
    // A target may write a file with its header already (migrations record checksums of
    // whole files; the runtime's header names no spec): the header stays as written.
    let (written_header, text) = match text.split_once('\n') {
        Some((first, rest)) if format::is_generated(first) => (Some(first), rest),
        _ => (None, text.as_str()),
    };
    let formatted;
    let body = match kind {
        Kind::Rust => {
            formatted = format::rust(text).map_err(|e| format!("target {}: {path} is not valid Rust: {e}", target.name))?;
            formatted.as_str()
        }
        _ => text,
    };
    let text = match written_header {
        Some(header) => format!("{header}\n{body}"),
        None if format::is_generated(body) => body.to_string(),
        None => format!("{}{body}", format::header(kind, spec)),
    };
    Ok(GeneratedFile { path: PathBuf::from(path), text })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{render_on, resolve_targets, Settings, TARGETS};

    fn api(spec: &str) -> crate::model::Api {
        let doc = crate::load::Document::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(spec)).unwrap();
        crate::model::lower_for_code(&doc, &Default::default()).expect("a model")
    }

    /// Every target rendered and formatted on one thread and on several: the same files,
    /// byte for byte, in the same order, with the same owned and kept folders.
    #[test]
    fn output_on_every_core_is_the_output_of_one() {
        let api = api("tests/corpus/apis-guru/brex.io.json");
        let settings = Settings { spec: "brex.json".into(), name: "brex".into(), ..Settings::default() };
        let targets: Vec<_> = TARGETS.iter().collect();
        let out = tempfile::tempdir().unwrap();
        let one = render_on(&api, &settings, &targets, out.path(), 1).unwrap();
        assert!(one.files.len() > 40, "{} files", one.files.len());
        for threads in [2, 5] {
            let many = render_on(&api, &settings, &targets, out.path(), threads).unwrap();
            assert_eq!((&many.owned, &many.kept), (&one.owned, &one.kept), "{threads} threads");
            assert!(many.files == one.files, "{threads} threads: the files differ");
        }
    }

    /// When several targets fail, the error is the one a single thread meets first: the
    /// models' unparsable `lib.rs`, although the client's template error is found too.
    #[test]
    fn the_first_error_in_target_order_is_reported() {
        let api = api("tests/fixtures/client/edge.yaml");
        let templates = tempfile::tempdir().unwrap();
        for (name, text) in [("models/lib.rs.j2", "fn broken( {"), ("client-rust/lib.rs.j2", "{{ no_such_value }}")] {
            let path = templates.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let settings = Settings { spec: "edge.yaml".into(), name: "edge".into(), templates: Some(templates.path().into()), ..Settings::default() };
        let targets = resolve_targets(&["client-rust".into()]).unwrap();
        let out = tempfile::tempdir().unwrap();
        for threads in [1, 2, 4] {
            let e = render_on(&api, &settings, &targets, out.path(), threads).unwrap_err();
            assert!(e.starts_with("target models: edge-models/src/lib.rs is not valid Rust"), "{threads} threads: {e}");
        }
        // Without the broken models template, the client's error is the one left.
        std::fs::remove_file(templates.path().join("models/lib.rs.j2")).unwrap();
        let e = render_on(&api, &settings, &targets, out.path(), 2).unwrap_err();
        assert!(e.starts_with("template client-rust/lib.rs.j2:"), "{e}");
    }

    #[test]
    fn every_alias_names_a_target() {
        for (alias, name) in super::ALIASES {
            assert!(super::target(name).is_some(), "alias {alias} → {name}");
            assert!(super::target(alias).is_none(), "alias {alias} is a target itself");
        }
    }

    #[test]
    fn unknown_targets_get_the_target_they_likely_mean() {
        let hint = |name: &str| super::resolve_targets(&[name.to_string()]).unwrap_err();
        assert!(hint("ts").starts_with("no target 'ts' (did you mean 'client-ts'?); targets: models, "), "{}", hint("ts"));
        assert!(hint("Python").contains("(did you mean 'client-python'?)"));
        assert!(hint("client_rust").contains("(did you mean 'client-rust'?)"));
        assert!(hint("clinet-ts").contains("(did you mean 'client-ts'?)"));
        assert!(!hint("zebra").contains("did you mean"));
    }
}
