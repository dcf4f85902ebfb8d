//! `apigen init`: scaffold `apigen.toml` and a minimal conforming spec.
//! Never overwrites a file.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Fatal;

/// The config `init` writes (`templates/init/apigen.toml`).
pub const CONFIG_TEMPLATE: &str = include_str!("../../templates/init/apigen.toml");
/// The spec `init` writes (`templates/init/api.yaml`); it passes `apigen check` with no findings above info.
pub const SPEC_TEMPLATE: &str = include_str!("../../templates/init/api.yaml");

/// Arguments of `apigen init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to initialise.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

pub(super) fn run(args: &InitArgs) -> Result<ExitCode, Fatal> {
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
    write(&config, CONFIG_TEMPLATE)?;
    write(&spec, SPEC_TEMPLATE)?;
    println!("created {} and {}", config.display(), spec.display());
    println!("next: apigen check {}", spec.display());
    Ok(ExitCode::SUCCESS)
}
