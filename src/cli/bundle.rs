//! `apigen bundle`: write the single-file document apigen sees (see [`crate::bundle`]).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use super::check::config_for;
use super::{Cli, Fatal};
use crate::bundle::{self, Refused};
use crate::check::report::{self, FileReport, HumanOptions};
use crate::diagnostic::Level;
use crate::load::{Document, Format};
use crate::text::visible;

/// Arguments of `apigen bundle`.
#[derive(Debug, clap::Args)]
pub struct BundleArgs {
    /// The spec; its `$ref`s may read files below its folder (or the folder of apigen.toml).
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// Write the bundle to FILE (replaced whole, never half-written) instead of stdout.
    /// Its extension chooses the format: `.json` JSON, `.yaml` or `.yml` YAML.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The format (default: by the extension of FILE; on stdout, the format of SPEC).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,
    /// Replace every reference by a copy of what it names. A reference to a schema that
    /// leads back to itself (directly or through others) stays a `$ref`, and its component
    /// stays; so does a reference with members besides `$ref`. A component whose references
    /// were all inlined is left out; components no reference names, and security schemes, stay.
    #[arg(long)]
    pub dereference: bool,
}

/// The formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// JSON, two-space indentation.
    Json,
    /// Block-style YAML.
    Yaml,
}

impl From<OutputFormat> for Format {
    fn from(f: OutputFormat) -> Format {
        match f {
            OutputFormat::Json => Format::Json,
            OutputFormat::Yaml => Format::Yaml,
        }
    }
}

/// The text of `apigen bundle --help` after the options.
pub(super) const AFTER_HELP: &str = "\
What is written: the document as apigen loads it, in one file. References into other files
are brought in as the loader bundles them (a component of another file becomes a component of
the bundle, and its references local); members keep their order; a 3.1 document stays 3.1.
`apigen check` of the bundle reports the findings of the spec (at the bundle's lines), and
bundling the bundle writes it unchanged, byte for byte. Strings that would read as another
type (`'200'`, `'no'`, `'3.0.3'`) are quoted, multi-line text is a `|` block, and control
and bidirectional characters are written as `\\uXXXX` escapes.

A spec that does not load (not YAML or JSON, not OpenAPI 3.0/3.1), or whose references into
other files cannot all be brought in, is not bundled: its errors are printed as `check` prints
them. Other errors of loading (a local `$ref` to nothing, a part that does not fit the OpenAPI
shape) are written into the bundle as they are, with a warning.

Exit status: 0 written, 1 the spec cannot be bundled (nothing is written), 2 could not run
(bad arguments, unreadable spec, the output cannot be written).

Examples:
  apigen bundle openapi/openapi.yaml -o dist/openapi.yaml     one file for Prism or schemathesis
  apigen bundle api.yaml --format json > api.json
  apigen bundle api.yaml --dereference -o api.deref.json      no `$ref` but recursive ones";

/// The format to write: `--format`, else the output file's extension, else the spec's format.
///
/// Errors: an output file without a known extension and no `--format`, or a `--format`
/// that contradicts the extension.
fn output_format(args: &BundleArgs, doc: &Document) -> Result<Format, Fatal> {
    let Some(path) = &args.output else {
        return Ok(args.format.map_or_else(|| bundle::source_format(doc), Format::from));
    };
    let by_extension = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => Some(Format::Json),
        Some("yaml" | "yml") => Some(Format::Yaml),
        _ => None,
    };
    let shown = visible(&path.to_string_lossy()).into_owned();
    match (by_extension, args.format.map(Format::from)) {
        (Some(ext), Some(flag)) if ext != flag => {
            Err(Fatal(format!("--format {} contradicts the extension of {shown}", if flag == Format::Json { "json" } else { "yaml" })))
        }
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => Err(Fatal(format!("{shown}: name a .json, .yaml or .yml file, or pass --format json|yaml"))),
    }
}

pub(super) fn run(cli: &Cli, args: &BundleArgs, color: bool) -> Result<ExitCode, Fatal> {
    super::on_worker_stack("bundling", || bundle_spec(cli, args, color))
}

fn bundle_spec(cli: &Cli, args: &BundleArgs, color: bool) -> Result<ExitCode, Fatal> {
    let spec = &args.spec;
    let shown = visible(&spec.to_string_lossy()).into_owned();
    if !spec.is_file() {
        return Err(Fatal(format!("{shown}: no such file")));
    }
    let config = config_for(cli.config.as_deref(), spec, &mut HashMap::new())?;
    let doc = Document::load_unnormalized(spec, &config.boundary(spec)).map_err(|e| Fatal(format!("{e:#}")))?;
    let format = output_format(args, &doc)?;
    let bundled = match bundle::bundle(&doc, format, args.dereference) {
        Ok(bundled) => bundled,
        Err(Refused::Findings(stops)) => {
            let reports = [FileReport { files: &doc.files, diagnostics: &stops }];
            report::write(report::Format::Human, &reports, HumanOptions { color, quiet: true }, &mut std::io::stderr())
                .map_err(super::write_failed)?;
            super::print_error(color, &format!("{shown}: not bundled because of the errors above; nothing was written"));
            return Ok(ExitCode::from(1));
        }
        Err(Refused::Limit(why)) => {
            super::print_error(color, &format!("{shown}: {why}; nothing was written"));
            return Ok(ExitCode::from(1));
        }
    };
    match &args.output {
        Some(path) => write_file(path, &bundled.text).map_err(|e| Fatal(visible(&format!("{e:#}")).into_owned()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bundled.text.as_bytes()).and_then(|()| stdout.flush()).map_err(super::write_failed)?;
        }
    }
    let errors = doc.diagnostics.iter().filter(|d| d.level == Level::Error).count();
    if errors > 0 {
        let what = if errors == 1 { "error of loading is" } else { "errors of loading are" };
        eprintln!("warning: {shown}: {errors} {what} written into the bundle as they are (`apigen check {shown}` lists them)");
    }
    if !cli.quiet {
        if args.dereference {
            let kept = bundled.recursive.len();
            let recursive = if kept == 1 { "recursive target stays" } else { "recursive targets stay" };
            let members = match bundled.with_members {
                0 => String::new(),
                n => format!(", {n} reference(s) with other members stay"),
            };
            eprintln!("dereferenced: {kept} {recursive} referenced{members}, {} component(s) left out", bundled.dropped.len());
        }
        if let Some(path) = &args.output {
            eprintln!("wrote {}", visible(&path.to_string_lossy()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a file whole: into a new file beside it, then renamed over it, so a reader never
/// sees half of it, a failure leaves the old file as it was, and a symbolic link at `path`
/// is replaced, never written through.
///
/// Errors: the folder is missing or not writable, `path` is a folder, the disk is full.
fn write_file(path: &Path, text: &str) -> anyhow::Result<()> {
    if path.is_dir() {
        anyhow::bail!("cannot write {}: it is a folder", path.display());
    }
    crate::replace::replace(path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))
}
