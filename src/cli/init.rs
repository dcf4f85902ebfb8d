//! `apigen init`: scaffold `apigen.toml` (with a `[[generate]]` entry) and a minimal
//! conforming spec. Never overwrites a file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Fatal;
use crate::generate;

/// The config `init` writes (`templates/init/apigen.toml`); `{targets}` and `{all}` are
/// filled in by [`config_text`].
pub const CONFIG_TEMPLATE: &str = include_str!("../../templates/init/apigen.toml");
/// The spec `init` writes (`templates/init/api.yaml`); it passes `apigen check` with no findings above info.
pub const SPEC_TEMPLATE: &str = include_str!("../../templates/init/api.yaml");

/// The targets `init` puts in the `[[generate]]` entry without `--targets`: every target
/// but `migrations`, which needs `x-table` schemas the starter spec does not have.
pub const DEFAULT_TARGETS: &str = "models,client-rust,server-axum,client-ts,client-python";

/// Arguments of `apigen init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to initialise.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The targets of the `[[generate]]` entry, comma-separated (`apigen generate --help` lists them).
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_value = DEFAULT_TARGETS)]
    pub targets: Vec<String>,
}

/// The `apigen.toml` text for `targets`: each one checked against the target registry.
///
/// Errors: an unknown target (with the one it likely means).
fn config_text(targets: &[String]) -> Result<String, Fatal> {
    let targets: Vec<&str> = targets.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    if targets.is_empty() {
        return Err(Fatal("--targets names no target".into()));
    }
    let mut chosen: Vec<String> = Vec::new();
    for name in targets {
        generate::resolve_targets(&[name.to_string()]).map_err(|e| Fatal(format!("--targets: {e}")))?;
        let quoted = format!("\"{name}\"");
        if !chosen.contains(&quoted) {
            chosen.push(quoted);
        }
    }
    let all: Vec<&str> = generate::TARGETS.iter().map(|t| t.name).collect();
    Ok(CONFIG_TEMPLATE.replace("{targets}", &format!("[{}]", chosen.join(", "))).replace("{all}", &all.join(", ")))
}

pub(super) fn run(args: &InitArgs) -> Result<ExitCode, Fatal> {
    let config_toml = config_text(&args.targets)?;
    let config = args.dir.join(crate::config::FILE_NAME);
    let spec = args.dir.join("specs").join("api.yaml");
    let existing: Vec<String> = [&config, &spec].iter().filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !existing.is_empty() {
        return Err(Fatal(format!("{} already exists; apigen init never overwrites files", existing.join(" and "))));
    }
    let write = |path: &PathBuf, text: &str| -> Result<(), Fatal> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Fatal(format!("{}: {e}", parent.display())))?;
        }
        std::fs::write(path, text).map_err(|e| Fatal(format!("{}: {e}", path.display())))
    };
    write(&config, &config_toml)?;
    write(&spec, SPEC_TEMPLATE)?;
    println!("created {} and {}", config.display(), spec.display());
    let cd = if args.dir == Path::new(".") { String::new() } else { format!("cd {} && ", args.dir.display()) };
    println!("next: {cd}apigen check && apigen generate");
    Ok(ExitCode::SUCCESS)
}
