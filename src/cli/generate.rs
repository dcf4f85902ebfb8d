//! `apigen generate`: render targets from a spec (or every `[[generate]]`
//! entry of `apigen.toml`), write them, or with `--check` report drift.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::check::config_for;
use super::{Cli, Fatal};
use crate::check::report::{self, FileReport, Format, HumanOptions};
use crate::check::{check_document, registry, Checked};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::generate::targets::migrations;
use crate::generate::{self, writer, Settings};
use crate::load::Document;

/// Arguments of `apigen generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The spec; without it, every `[[generate]]` entry of apigen.toml is generated.
    pub spec: Option<PathBuf>,
    /// Targets to render (repeatable, or comma-separated; default: all, listed below).
    /// Required targets are added (client-rust needs models).
    #[arg(long = "target", short = 't', value_name = "TARGET", value_delimiter = ',')]
    pub targets: Vec<String>,
    /// Output folder (default: `generated`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Base name of generated crates (default: the spec's file name, e.g. `orders` → `orders-models`).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// A folder of templates that replace the built-in ones, file by file (`models/lib.rs.j2`, …).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Render in memory and compare with the files on disk: print a unified diff of drift, write nothing.
    #[arg(long)]
    pub check: bool,
    /// SQL dialect of the migrations target (repeatable: postgres, sqlite, mysql; default: all three).
    #[arg(long = "dialect", value_name = "DIALECT")]
    pub dialects: Vec<String>,
    /// Migrations: write steps that may lose data (dropped tables or columns, narrowed types,
    /// new NOT NULL columns) after you reviewed them; without it such a spec change stops generation.
    #[arg(long)]
    pub allow_destructive: bool,
    /// File layout of the migrations target: `versions` (`{dialect}/versions/V1/up.sql`) or `sqlx` (`{dialect}/0001_{name}.up.sql`).
    #[arg(long, value_name = "LAYOUT")]
    pub layout: Option<String>,
    /// Generate although the spec has blocking errors (a path parameter the template does not
    /// declare, an unresolved `$ref`, two operations under one operationId, …: `apigen rules`
    /// marks them): they are printed, and the code generated from what apigen could read may
    /// be wrong where they are. Without it such errors stop generation and nothing is written.
    /// A document that cannot be read at all, and the Migrations rules for the migrations
    /// target, still stop it.
    #[arg(long)]
    pub allow_errors: bool,
}

/// The `after_help` of `apigen generate`: every target of the registry with its summary.
pub(super) fn targets_help() -> String {
    let width = generate::TARGETS.iter().map(|t| t.name.len()).max().unwrap_or(0);
    let mut help = String::from("Targets (--target; default: every one, or the `targets` of each [[generate]] entry):\n");
    // Wrapped here with a hanging indent (clap would wrap to the margin): 100 columns, as `max_term_width`.
    let indent = width + 4;
    for t in generate::TARGETS {
        let mut line = format!("  {:width$} ", t.name);
        for word in t.summary.split_whitespace() {
            if line.len() + 1 + word.len() > 100 {
                help.push_str(&line);
                help.push('\n');
                line = " ".repeat(indent - 1);
            }
            line.push(' ');
            line.push_str(word);
        }
        help.push_str(&line);
        help.push('\n');
    }
    help.push_str("\nExamples:\n  apigen generate                          every [[generate]] entry of apigen.toml\n  apigen generate specs/orders.yaml -t client-ts,client-python --out clients\n  apigen generate --check                  fail when generated files are out of date (CI)");
    help
}

/// One spec to generate.
struct Job {
    spec: PathBuf,
    /// The spec as generated headers name it (as written on the command line or in apigen.toml).
    label: String,
    out: PathBuf,
    name: String,
    targets: Vec<String>,
    config: Config,
    /// `migrations` dialects (empty: all).
    dialects: Vec<String>,
    /// `migrations` layout.
    layout: Option<String>,
}

/// The findings that stop generation: those of the blocking rules
/// ([`registry::BLOCKING`], the set `check` marks too), and one `oas-parse` finding when
/// the document could not be lowered at all.
fn blockers(checked: &Checked) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> =
        checked.diagnostics.iter().filter(|d| registry::is_blocking(d.rule)).cloned().collect();
    if checked.api.is_none() && out.is_empty() {
        out.push(Diagnostic::new("oas-parse", Level::Error, "", "the document cannot be read as OpenAPI"));
    }
    out
}

fn default_name(spec: &Path) -> String {
    let stem = spec.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "api".into());
    let kebab = heck::ToKebabCase::to_kebab_case(stem.as_str());
    let name: String = kebab.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let name = name.trim_matches('-').chars().take(56).collect::<String>();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) { format!("api-{name}").trim_end_matches('-').to_string() } else { name }
}

/// The crate base name of a document whose file name says nothing (`openapi.json`, as
/// FastAPI and most frameworks serve it; `swagger.json`) when no name was given: its
/// `info.title` in kebab case (`Order Service` → `order-service`).
fn title_name(job: &Job, doc: &Document) -> Option<String> {
    let stem = job.spec.file_stem()?.to_str()?.to_ascii_lowercase();
    if job.name != default_name(&job.spec) || !matches!(stem.as_str(), "openapi" | "swagger") {
        return None;
    }
    let title = doc.root.get("info")?.get("title")?.as_str()?;
    let name = default_name(Path::new(&format!("{title}.json")));
    (name != "api-" && check_name(&name, "").is_ok()).then_some(name)
}

/// Checks a base name of generated crates: a Cargo package name (`[A-Za-z0-9_-]`,
/// starting with a letter, at most 64 characters), never a path (docs/security.md).
fn check_name(name: &str, from: &str) -> Result<(), Fatal> {
    let fine = name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(())
    } else {
        Err(Fatal(format!(
            "{from}: '{}' is not a crate name (letters, digits, `-` and `_`, starting with a letter): it names generated crates and folders below the output folder, never a path",
            crate::text::one_line(name)
        )))
    }
}

fn jobs(cli: &Cli, args: &GenerateArgs) -> Result<Vec<Job>, Fatal> {
    let jobs = job_list(cli, args)?;
    for job in &jobs {
        let from = match &args.name {
            Some(_) => "--name".to_string(),
            None if args.spec.is_some() => format!("the name taken from {}", job.label),
            None => format!("name of the [[generate]] entry for {}", job.label),
        };
        check_name(&job.name, &from)?;
    }
    Ok(jobs)
}

fn job_list(cli: &Cli, args: &GenerateArgs) -> Result<Vec<Job>, Fatal> {
    let mut cache = HashMap::new();
    if let Some(spec) = &args.spec {
        if !spec.is_file() {
            return Err(Fatal(format!("{}: no such file", spec.display())));
        }
        let config = config_for(cli.config.as_deref(), spec, &mut cache)?;
        return Ok(vec![Job {
            spec: spec.clone(),
            label: spec_label(spec),
            out: args.out.clone().unwrap_or_else(|| PathBuf::from("generated")),
            name: args.name.clone().unwrap_or_else(|| default_name(spec)),
            targets: args.targets.clone(),
            config,
            dialects: args.dialects.clone(),
            layout: args.layout.clone(),
        }]);
    }
    let path = match &cli.config {
        Some(p) => p.clone(),
        None => Config::find(Path::new(".")).ok_or_else(|| {
            Fatal("no SPEC given and no apigen.toml found here or above; pass a spec or add [[generate]] entries".into())
        })?,
    };
    let config = Config::read(&path).map_err(|e| Fatal(format!("{e:#}")))?;
    if config.generate.is_empty() {
        return Err(Fatal(format!("{} has no [[generate]] entries; pass a spec or add one", path.display())));
    }
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let rel = |p: &Path| if base.as_os_str().is_empty() { p.to_path_buf() } else { base.join(p) };
    Ok(config
        .generate
        .iter()
        .map(|entry| Job {
            spec: rel(&entry.spec),
            label: spec_label(&entry.spec),
            out: args.out.clone().unwrap_or_else(|| rel(&entry.out)),
            name: args.name.clone().or_else(|| entry.name.clone()).unwrap_or_else(|| default_name(&entry.spec)),
            targets: entry_targets(&args.targets, &entry.targets),
            config: config.clone(),
            dialects: if args.dialects.is_empty() { entry.dialects.clone() } else { args.dialects.clone() },
            layout: args.layout.clone().or_else(|| entry.layout.clone()),
        })
        .filter(|job| !job.targets.is_empty() || args.targets.is_empty())
        .collect())
}

/// The targets of a `[[generate]]` entry under `--target` flags: the flags filter the
/// entry's list (an empty list means every target), so `apigen generate --target X`
/// regenerates X wherever the config asks for it and nowhere else. An entry left with
/// no target is skipped.
fn entry_targets(flags: &[String], entry: &[String]) -> Vec<String> {
    match (flags.is_empty(), entry.is_empty()) {
        (true, _) => entry.to_vec(),
        (false, true) => flags.to_vec(),
        (false, false) => flags.iter().filter(|t| entry.contains(t)).cloned().collect(),
    }
}

/// The spec path as headers name it: relative, with `/`.
fn spec_label(spec: &Path) -> String {
    spec.to_string_lossy().replace('\\', "/").trim_start_matches("./").to_string()
}

/// What rendering one spec came to: the files to write, or the findings that stop generation.
#[derive(Debug)]
pub enum Prepared {
    /// Every file of every requested target, rendered in memory (nothing written yet).
    Output(writer::Output),
    /// Findings that make generation impossible, with the checked document they locate in.
    Blocked {
        /// The checked document (its files locate the findings).
        checked: Box<Checked>,
        /// The blocking findings.
        stops: Vec<Diagnostic>,
    },
}

/// Prints a finding `--allow-errors` let through as a warning, on one clean line.
fn warn_allowed(d: &Diagnostic) {
    let at = d.location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
    eprintln!(
        "warning: {at}{} [{}] (generated anyway: --allow-errors) (#{})",
        crate::text::one_line(&d.message),
        d.rule,
        crate::text::one_line(&d.pointer)
    );
}

/// Checks a loaded document and renders `targets` in memory, the way `apigen generate` does:
/// blocking findings (see [`blockers`], and the table rules when the migrations target is
/// asked for) stop it before anything is rendered, unless `allow_errors` (`--allow-errors`)
/// lets the blocking rules' findings through (printed as warnings; an unreadable document
/// and the table rules still stop it).
///
/// Errors: a template error or rendered Rust that does not parse.
pub fn prepare(
    doc: Document,
    config: &Config,
    today: chrono::NaiveDate,
    targets: &[&'static generate::Target],
    settings: &Settings,
    out: &Path,
    allow_errors: bool,
) -> Result<Prepared, String> {
    let checked = check_document(doc, config, today);
    let mut stops = blockers(&checked);
    if allow_errors && checked.api.is_some() {
        std::mem::take(&mut stops).iter().for_each(warn_allowed);
    }
    // The table rules block the migrations target whatever their configured level (for the dialects it writes).
    if stops.is_empty() && targets.iter().any(|t| t.name == migrations::TARGET.name) {
        stops.extend(crate::check::rules::migrations::blocking(&checked, &settings.dialects));
    }
    if !stops.is_empty() {
        return Ok(Prepared::Blocked { checked: Box::new(checked), stops });
    }
    // Lowered again for code: inline schemas written identically become one type.
    let Some(api) = crate::model::lower_for_code(&checked.doc, &config.conventions) else {
        let stops = vec![Diagnostic::new("oas-parse", Level::Error, "", "the document cannot be read as OpenAPI")];
        return Ok(Prepared::Blocked { checked: Box::new(checked), stops });
    };
    if let Some(mut limit) = generate::budget::check(&api, &checked.doc.root) {
        limit.location = checked.doc.locate(&limit.pointer);
        if !allow_errors {
            return Ok(Prepared::Blocked { checked: Box::new(checked), stops: vec![limit] });
        }
        warn_allowed(&limit);
    }
    let api = &api;
    for (pointer, why) in &api.types.notes {
        let at = checked.doc.locate(pointer).map(|l| format!("{l}: ")).unwrap_or_default();
        eprintln!("warning: {at}{why}; generated as serde_json::Value (#{pointer})");
    }
    for (pointer, why) in &api.left_out {
        let at = checked.doc.locate(pointer).map(|l| format!("{l}: ")).unwrap_or_default();
        eprintln!("warning: {at}{why} (#{})", crate::text::one_line(pointer));
    }
    let (targets, idle): (Vec<&'static generate::Target>, Vec<&'static generate::Target>) =
        targets.iter().partition(|t| !(t.needs_operations && api.operations.is_empty()));
    for t in idle {
        eprintln!("warning: {}: the document has no operations, so target {} has nothing to generate", settings.spec, t.name);
    }
    generate::render(api, settings, &targets, out).map(Prepared::Output)
}

pub(super) fn run(cli: &Cli, args: &GenerateArgs, color: bool) -> Result<ExitCode, Fatal> {
    super::on_worker_stack("generation", || generate_all(cli, args, color))
}

fn generate_all(cli: &Cli, args: &GenerateArgs, color: bool) -> Result<ExitCode, Fatal> {
    let today = super::check::today()?;
    let mut outputs = Vec::new();
    let mut blocked = false;
    // Render everything first: one broken spec writes nothing at all.
    for job in jobs(cli, args)? {
        match render_job(&job, args, today)? {
            Prepared::Output(output) => outputs.push(output),
            Prepared::Blocked { checked, stops } => {
                report_blocked(&job, &checked, &stops, color)?;
                blocked = true;
            }
        }
    }
    if blocked {
        return Ok(ExitCode::from(1));
    }
    if args.check {
        return check_drift(cli, &outputs, color);
    }
    // One transaction for every spec: a failure anywhere leaves every output folder as it was.
    let written = writer::write_all(&outputs).map_err(|e| Fatal(format!("{e:#}")))?;
    for (output, done) in outputs.iter().zip(written) {
        if !cli.quiet {
            println!(
                "{}: {} written, {} unchanged, {} removed",
                output.root.display(),
                done.written.len(),
                done.unchanged,
                done.removed.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Loads one job's spec and renders its targets in memory ([`prepare`]).
///
/// Errors: an unknown target, dialect or layout, a spec that cannot be read, a template
/// error or rendered Rust that does not parse.
fn render_job(job: &Job, args: &GenerateArgs, today: chrono::NaiveDate) -> Result<Prepared, Fatal> {
    let targets = generate::resolve_targets(&job.targets).map_err(Fatal)?;
    let dialects = migrations::parse_dialects(&job.dialects).map_err(Fatal)?;
    let layout = match &job.layout {
        Some(name) => migrations::Layout::parse(name).ok_or_else(|| Fatal(format!("no migrations layout '{name}'; layouts: versions, sqlx")))?,
        None => migrations::Layout::default(),
    };
    let doc = Document::load_within(&job.spec, &job.config.boundary(&job.spec)).map_err(|e| Fatal(format!("{e:#}")))?;
    let name = title_name(job, &doc).unwrap_or_else(|| job.name.clone());
    let settings = Settings {
        spec: job.label.clone(),
        name,
        templates: args.templates.clone(),
        dialects,
        layout,
        allow_destructive: args.allow_destructive,
    };
    prepare(doc, &job.config, today, &targets, &settings, &job.out, args.allow_errors).map_err(Fatal)
}

/// Prints the findings that stopped one job, and that nothing was written.
///
/// Errors: stderr cannot be written.
fn report_blocked(job: &Job, checked: &Checked, stops: &[Diagnostic], color: bool) -> Result<(), Fatal> {
    let reports = [FileReport { files: &checked.doc.files, diagnostics: stops }];
    report::write(Format::Human, &reports, HumanOptions { color, quiet: true }, &mut std::io::stderr())
        .map_err(super::write_failed)?;
    let hint = if stops.iter().any(|d| registry::is_blocking(d.rule)) && checked.api.is_some() {
        " (fix them, or pass --allow-errors to generate anyway)"
    } else {
        ""
    };
    super::print_error(color, &format!("{}: generation stopped by the errors above; nothing was written{hint}", job.spec.display()));
    Ok(())
}

/// `--check`: prints a unified diff of every file that differs from its rendering; exit 0
/// when nothing does, 1 otherwise.
///
/// Errors: a previous manifest that cannot be trusted (see [`writer::drift`]).
fn check_drift(cli: &Cli, outputs: &[writer::Output], color: bool) -> Result<ExitCode, Fatal> {
    let mut drift = String::new();
    for output in outputs {
        drift.push_str(&writer::drift(output).map_err(|e| Fatal(format!("{e:#}")))?);
    }
    if drift.is_empty() {
        if !cli.quiet {
            println!("up to date: {} files", outputs.iter().map(|o| o.files.len()).sum::<usize>());
        }
        return Ok(ExitCode::SUCCESS);
    }
    print!("{drift}");
    super::print_error(color, "generated files are out of date: run `apigen generate`");
    Ok(ExitCode::from(1))
}
