//! `apigen.toml`: conventions, rule levels and generation entries.
//!
//! ```toml
//! baseline = "apigen-baseline.json"   # top level: `apigen check` reports only findings not in it
//!
//! [conventions]            # docs/configuration.md; a document's root `x-apigen` wins over these
//! pagination = "offset"
//!
//! [rules]                  # rule id = "off" | "info" | "warn" | "error"
//! boolean-prefix = "off"
//!
//! [[generate]]             # used by `apigen generate` with no SPEC
//! spec = "specs/orders.yaml"
//! targets = ["models", "client-rust"]
//! out = "generated-example"
//! dialects = ["postgres", "sqlite"]   # migrations: default all three (postgres, sqlite, mysql)
//! layout = "sqlx"                     # migrations: "versions" (default) or "sqlx"
//!
//! [refs]                   # folders outside the project root `$ref`s may read
//! allow = ["../shared-schemas"]
//!
//! [[diff.accept]]          # `apigen diff`: an intentional breaking change
//! check = "response-property-removed"
//! operation = "GET /api/v1/orders"
//! reason = "the field was never filled"
//! ```
//!
//! Unknown keys are errors (with a suggestion), reported as `file:line:column`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use serde::Deserialize;

use crate::diagnostic::Level;
use crate::model::conventions::Conventions;

/// The file name looked for from a spec's folder upward.
pub const FILE_NAME: &str = "apigen.toml";

/// A rule's configured level: a [`Level`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// Report at info level.
    Info,
    /// Report at warn level.
    Warn,
    /// Report at error level.
    Error,
}

impl RuleSetting {
    /// The level, or `None` for `off`.
    pub fn level(self) -> Option<Level> {
        match self {
            RuleSetting::Off => None,
            RuleSetting::Info => Some(Level::Info),
            RuleSetting::Warn => Some(Level::Warn),
            RuleSetting::Error => Some(Level::Error),
        }
    }
}

/// One `[[generate]]` entry: which targets to render from which spec, and where.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct GenerateEntry {
    /// The spec, relative to the config file's folder.
    pub spec: PathBuf,
    /// Target names (`apigen generate --help` lists them); empty means every target.
    #[serde(default)]
    pub targets: Vec<String>,
    /// Output folder, relative to the config file's folder.
    pub out: PathBuf,
    /// Base name of generated crates (default: from the spec's file name).
    #[serde(default)]
    pub name: Option<String>,
    /// `migrations`: SQL dialects to write (`postgres`, `sqlite`, `mysql`; empty means all three).
    #[serde(default)]
    pub dialects: Vec<String>,
    /// `migrations`: file layout, `versions` (`{dialect}/versions/V1/up.sql`) or `sqlx` (`{dialect}/0001_{name}.up.sql`).
    #[serde(default)]
    pub layout: Option<String>,
}

/// `[refs]`: folders outside the project root that `$ref`s may read (docs/security.md).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefsConfig {
    /// Folders, relative to the config file's folder, whose YAML and JSON files references may read.
    #[serde(default)]
    pub allow: Vec<PathBuf>,
}

/// `[diff]`: settings of `apigen diff` (docs/diff.md).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffConfig {
    /// `[[diff.accept]]`: breaking changes the team accepts, each with a diff check id,
    /// an operation or a pointer, and a reason.
    #[serde(default)]
    pub accept: Vec<crate::diff::policy::Accept>,
}

/// The whole `apigen.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Convention settings (docs/configuration.md).
    #[serde(default)]
    pub conventions: Conventions,
    /// Rule levels by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// `apigen check` reports only findings not in this baseline file (relative to the
    /// config file's folder); see [`Config::baseline_path`].
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// Generation entries.
    #[serde(default)]
    pub generate: Vec<GenerateEntry>,
    /// Where `$ref`s may read files from, beyond the project root.
    #[serde(default)]
    pub refs: RefsConfig,
    /// `[diff]`: settings of `apigen diff`.
    #[serde(default)]
    pub diff: DiffConfig,
    /// Where the config was read from (`None` for the built-in defaults).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl Config {
    /// Reads a config file.
    ///
    /// Errors: unreadable file, or TOML that is malformed or has unknown keys or
    /// bad values, as `path:line:column: message`.
    pub fn read(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    (line, col)
                })
                .unwrap_or((1, 1));
            let message = e.message().replace('\n', " ");
            anyhow::anyhow!("{}:{line}:{col}: {message}", path.display())
        })?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// The folders a spec's `$ref`s may read from: the project root (this config's
    /// folder, or the spec's own folder when there is no config) and `[refs] allow`.
    pub fn boundary(&self, spec: &Path) -> crate::load::Boundary {
        match &self.path {
            Some(path) => {
                let root = path.parent().unwrap_or(Path::new(""));
                let allowed: Vec<PathBuf> = self.refs.allow.iter().map(|a| root.join(a)).collect();
                crate::load::Boundary::new(root, &allowed)
            }
            None => crate::load::Boundary::around(spec),
        }
    }

    /// The nearest `apigen.toml` in `start` or a parent folder. The path stays
    /// relative while the search stays inside a relative `start`.
    pub fn find(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() { start.parent()? } else { start };
        let start = if start.as_os_str().is_empty() { Path::new(".") } else { start };
        if let Some(found) = start.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file()) {
            return Some(found);
        }
        let absolute = std::fs::canonicalize(start).ok()?;
        absolute.ancestors().map(|dir| dir.join(FILE_NAME)).find(|p| p.is_file())
    }

    /// The `baseline` file, resolved against the config file's folder.
    pub fn baseline_path(&self) -> Option<PathBuf> {
        let file = self.baseline.as_ref()?;
        let dir = self.path.as_deref().and_then(Path::parent).unwrap_or(Path::new(""));
        Some(dir.join(file))
    }

    /// Checks rule ids against the known ones.
    ///
    /// Errors: the first unknown id, with a suggestion.
    pub fn validate_rules<'a>(&self, known: impl Iterator<Item = &'a str> + Clone) -> anyhow::Result<()> {
        for id in self.rules.keys() {
            if !known.clone().any(|k| k == id) {
                let hint = crate::suggest::did_you_mean(id, known.clone()).map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default();
                let file = self.path.as_deref().unwrap_or(Path::new(FILE_NAME));
                bail!("{}: [rules] names an unknown rule '{id}'{hint}; `apigen rules` lists them", file.display());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_key_reports_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[conventions]\npagination = \"offset\"\nenvelop = \"data\"\n").unwrap();
        let e = Config::read(&path).unwrap_err().to_string();
        assert!(e.contains(":3:1:"), "{e}");
        assert!(e.contains("envelop"), "{e}");
    }

    #[test]
    fn reads_rules_and_conventions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[conventions]\npagination = \"skip\"\n[rules]\nboolean-prefix = \"off\"\n").unwrap();
        let c = Config::read(&path).unwrap();
        assert_eq!(c.conventions.pagination.as_str(), "skip");
        assert_eq!(c.rules["boolean-prefix"], RuleSetting::Off);
        assert!(c.validate_rules(["boolean-prefix"].into_iter()).is_ok());
        assert!(c.validate_rules(["boolean-prefixes"].into_iter()).unwrap_err().to_string().contains("did you mean"));
    }
}
