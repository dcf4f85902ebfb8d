//! `apigen generate` (docs/generate.md): renders targets from the
//! model through templates, formats Rust with `syn` + `prettyplease`, and
//! writes atomically with a generated header.

pub mod budget;
pub mod clients;
pub mod format;
pub mod markdown;
pub mod names;
pub mod operations;
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
        env: templates::environment(settings.templates.clone()),
    };
    f(&ctx)
}

/// Renders targets in memory: every file formatted and headed, nothing written.
///
/// Errors: a template error, or rendered Rust that does not parse (naming the
/// template's output file and the offending lines).
pub fn render(api: &Api, settings: &Settings, targets: &[&Target], out: &Path) -> Result<Output, String> {
    let ctx = Context { api, settings, rust: RustTypes::for_api(api), out, env: templates::environment(settings.templates.clone()) };
    let mut output = Output { root: out.to_path_buf(), ..Output::default() };
    for target in targets {
        for (path, text) in (target.render)(&ctx)? {
            // Files every target of a folder shares (the runtime crate) are written once.
            if output.files.iter().any(|f| f.path == Path::new(&path)) {
                continue;
            }
            let kind = Kind::of(&path);
            // A target may write a file with its header already (migrations record checksums of
            // whole files; the runtime's header names no spec): the header stays as written.
            let (written_header, text) = match text.split_once('\n') {
                Some((first, rest)) if format::is_generated(first) => (Some(first), rest.to_string()),
                _ => (None, text),
            };
            let body = match kind {
                Kind::Rust => format::rust(&text).map_err(|e| format!("target {}: {path} is not valid Rust: {e}", target.name))?,
                _ => text,
            };
            // The folder the target owns for this file: stale generated files are looked for there only.
            let owned: PathBuf = path.split('/').take(target.owned_depth).collect();
            // An applied migration is never removed, whatever the plan says.
            if target.name == targets::migrations::TARGET.name && !output.kept.contains(&owned) {
                output.kept.push(owned.clone());
            }
            if !output.owned.contains(&owned) {
                output.owned.push(owned);
            }
            let text = match written_header {
                Some(header) => format!("{header}\n{body}"),
                None if format::is_generated(&body) => body,
                None => format!("{}{body}", format::header(kind, &settings.spec)),
            };
            output.files.push(GeneratedFile { path: PathBuf::from(&path), text });
        }
    }
    output.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(output)
}

#[cfg(test)]
mod tests {
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
