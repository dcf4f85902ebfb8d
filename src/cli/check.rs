//! `apigen check`: find the documents, check them in parallel, report.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;

use super::{Cli, Fatal};
use crate::check::baseline::{fingerprint, Baseline, Entry, Matcher};
use crate::check::report::{self, BaselineReport, CiOptions, FileReport, Format, HumanOptions};
use crate::check::{check_document, registry, Checked};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::load::{Boundary, Document};
use crate::text::visible;

/// Stack size of a checking thread: deep documents recurse in serde and the rules.
pub(crate) const WORKER_STACK: usize = 256 * 1024 * 1024;

/// Arguments of `apigen check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, folders or glob patterns (default: the current folder).
    #[arg(value_name = "SPEC")]
    pub specs: Vec<String>,
    /// Report format: `human` for people, `json` for scripts, `sarif`/`github` for GitHub,
    /// `gitlab` (Code Quality) and `junit` (test reports) for GitLab and other CI servers.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also fail (exit 1) on findings of this level: `warnings`, or `info` for everything.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub deny: Option<Deny>,
    /// Report only findings not recorded in this baseline file (overrides `baseline` in apigen.toml).
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Skip named files that are not OpenAPI documents (no top-level `openapi` or `swagger`
    /// field in their first 8 KiB) instead of reporting each as `oas-parse`: for pre-commit
    /// hooks and scripts that pass every changed YAML or JSON file. The files of a spec split
    /// over many files are skipped too; check its entry document (folders are searched for
    /// documents this way already).
    #[arg(long)]
    pub skip_non_openapi: bool,
}

/// Levels `--deny` can add to the failing ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Fail on warnings and errors.
    Warnings,
    /// Fail on any finding.
    Info,
}

/// The date deprecation rules measure from: `APIGEN_TODAY` (YYYY-MM-DD) or today (UTC).
pub(crate) fn today() -> Result<NaiveDate, Fatal> {
    match std::env::var("APIGEN_TODAY") {
        Ok(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| Fatal(format!("APIGEN_TODAY '{s}' is not a date (YYYY-MM-DD)"))),
        Err(_) => Ok(chrono::Utc::now().date_naive()),
    }
}

const SKIP_DIRS: [&str; 3] = ["target", "node_modules", "vendor"];

/// Whether a file looks like an OpenAPI or Swagger document (a top-level version field
/// in its first 8 KiB). Reads only that much, and only from a regular file.
fn looks_like_spec(path: &Path) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(path) else { return false };
    let mut bytes = Vec::with_capacity(8192);
    if file.take(8192).read_to_end(&mut bytes).is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&bytes);
    head.lines().any(|l| {
        let l = l.trim_start_matches('\u{feff}');
        l.starts_with("openapi:") || l.starts_with("swagger:") || l.starts_with("\"openapi\":") || l.starts_with("'openapi':")
    }) || (head.trim_start().starts_with('{') && (head.contains("\"openapi\"") || head.contains("\"swagger\"")))
}

/// Every spec below a folder, sorted. Symlinks are followed, but no folder is
/// entered twice (by its canonical path, so link loops end) and only regular
/// files are opened (never a device, FIFO or socket).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut visited = std::collections::HashSet::new();
    let mut files = std::collections::HashSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if !dir.canonicalize().is_ok_and(|c| visited.insert(c)) {
            continue;
        }
        for path in std::fs::read_dir(&dir)?.filter_map(Result::ok).map(|e| e.path()) {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') {
                continue;
            }
            let Ok(meta) = std::fs::metadata(&path) else { continue };
            if meta.is_dir() {
                if !SKIP_DIRS.contains(&name) {
                    stack.push(path);
                }
            } else if meta.is_file()
                && crate::load::boundary::is_document_name(&path)
                && path.canonicalize().is_ok_and(|c| files.insert(c))
                && looks_like_spec(&path)
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(())
}

/// Expands the SPEC arguments into files.
///
/// Errors: a missing path, a glob that matches nothing, a folder without specs.
pub(crate) fn resolve_specs(args: &[String]) -> Result<Vec<PathBuf>, Fatal> {
    let args: Vec<String> = if args.is_empty() { vec![".".into()] } else { args.to_vec() };
    let mut files = Vec::new();
    for arg in &args {
        let path = Path::new(arg);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|e| Fatal(format!("{arg}: {e}")))?;
            if found.is_empty() {
                return Err(Fatal(format!(
                    "{arg}: no OpenAPI documents found (looked for *.yaml, *.yml and *.json files with a top-level `openapi` field)"
                )));
            }
            files.extend(found);
        } else if path.exists() {
            files.push(path.to_path_buf());
        } else if arg.contains(['*', '?', '[']) {
            let matches: Vec<PathBuf> = glob::glob(arg)
                .map_err(|e| Fatal(format!("{arg}: bad glob pattern: {e}")))?
                .filter_map(Result::ok)
                .filter(|p| p.is_file())
                .collect();
            if matches.is_empty() {
                return Err(Fatal(format!("{arg}: the pattern matches no files")));
            }
            files.extend(matches);
        } else {
            return Err(Fatal(format!("{arg}: no such file or folder")));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok(files)
}

/// Reads the config for a spec: `--config`, else the nearest `apigen.toml`, else defaults.
pub(crate) fn config_for(explicit: Option<&Path>, spec: &Path, cache: &mut HashMap<PathBuf, Config>) -> Result<Config, Fatal> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => Config::find(spec),
    };
    let Some(path) = path else { return Ok(Config::default()) };
    if let Some(c) = cache.get(&path) {
        return Ok(c.clone());
    }
    // apigen.toml is as untrusted as a spec: one found in the project that links out of
    // its folder is not read, and errors about it are visible single lines.
    let shown = visible(&path.to_string_lossy()).into_owned();
    Boundary::around(&path).admit(&path).map_err(|why| Fatal(format!("cannot read {shown}: it {why}")))?;
    let config = Config::read(&path).map_err(|e| Fatal(visible(&format!("{e:#}")).into_owned()))?;
    config.validate_rules(registry::all().map(|r| r.id)).map_err(|e| Fatal(visible(&e.to_string()).into_owned()))?;
    cache.insert(path, config.clone());
    Ok(config)
}

/// The baseline of a spec: `--baseline`, else `baseline` of its apigen.toml. Both are
/// refused when their path leads out of the project through a symbolic link
/// ([`Boundary::admit`]); the configured one must also stay below the folder of
/// apigen.toml (`baseline = "../../etc/passwd"` is refused, never read).
///
/// Errors: a baseline path that leaves the project, as a sentence naming the path only.
fn baseline_for(explicit: Option<&Path>, config: &Config, spec: &Path) -> Result<Option<PathBuf>, Fatal> {
    let (path, configured) = match (explicit, config.baseline_path()) {
        (Some(path), _) => (path.to_path_buf(), false),
        (None, Some(path)) => (path, true),
        (None, None) => return Ok(None),
    };
    let shown = visible(&path.to_string_lossy()).into_owned();
    let boundary = if configured { config.boundary(spec) } else { Boundary::around(&path) };
    boundary.admit(&path).map_err(|why| Fatal(format!("cannot read the baseline {shown}: it {why}")))?;
    if configured {
        let written = config.baseline.as_deref().unwrap_or(Path::new(""));
        let leaves = written.components().any(|c| !matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir));
        if leaves {
            let config_shown = visible(&config.path.as_deref().unwrap_or(Path::new("apigen.toml")).to_string_lossy()).into_owned();
            return Err(Fatal(format!(
                "{config_shown}: baseline = \"{}\" leaves the folder of apigen.toml: a baseline is read from that folder or below (a relative path without `..`)",
                visible(&written.to_string_lossy())
            )));
        }
    }
    Ok(Some(path))
}

/// Checks documents in parallel (one worker per core), keeping input order.
pub(crate) fn check_all(jobs: Vec<(PathBuf, Config)>, today: NaiveDate) -> Vec<Result<Checked, String>> {
    let slots: Vec<Mutex<Option<Result<Checked, String>>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (jobs, slots, next) = (&jobs, &slots, &next);
            std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, config)) = jobs.get(i) else { break };
                    let result = Document::read_within(path, &config.boundary(path)).map(|doc| check_document(doc, config, today)).map_err(|e| format!("{e:#}"));
                    *slots[i].lock().expect("no poisoned slot") = Some(result);
                })
                .expect("spawn a checking thread");
        }
    });
    slots.into_iter().map(|s| s.into_inner().expect("no poisoned slot").expect("every job ran")).collect()
}

/// What `--write-baseline` tells the user to add to `apigen.toml` (the config `--config`
/// names, or the nearest one above the current folder): the `baseline = "…"` line, with
/// the path relative to that file's folder as `baseline` is read, quoted as a TOML string;
/// or why the file cannot be named there (`baseline` names a file below the config's folder).
fn baseline_hint(config: Option<&Path>, written: &Path) -> String {
    let config = config.map(Path::to_path_buf).or_else(|| Config::find(Path::new(".")));
    let dir = config.as_deref().and_then(Path::parent).filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let shown = config.as_deref().map_or_else(|| crate::config::FILE_NAME.to_string(), |c| c.display().to_string().trim_start_matches("./").to_string());
    let relative = std::fs::canonicalize(written)
        .ok()
        .zip(std::fs::canonicalize(dir).ok())
        .and_then(|(file, dir)| file.strip_prefix(dir).ok().map(Path::to_path_buf));
    match relative {
        Some(file) => {
            let file: Vec<String> = file.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            // A TOML string (quotes, backslashes and control characters escaped or literal).
            let value = toml::Value::String(file.join("/"));
            format!("to report only new findings from now on, add this line to the top of {shown} (above any [table]):\n  baseline = {value}")
        }
        None => format!(
            "{} is not below the folder of {shown}, so its `baseline` cannot name it: write the baseline there to use it by default, or pass --baseline {}",
            written.display(),
            written.display()
        ),
    }
}

/// `apigen check`: checks every named document (each with its own config and baseline),
/// writes the report to stdout and fails when a finding reaches the `--deny` level.
pub(super) fn run(cli: &Cli, args: &CheckArgs, color: bool) -> Result<ExitCode, Fatal> {
    let today = today()?;
    let mut specs = resolve_specs(&args.specs)?;
    if args.skip_non_openapi {
        let named = specs.len();
        specs.retain(|s| looks_like_spec(s));
        if specs.is_empty() {
            if !cli.quiet {
                eprintln!("note: none of the {named} named file(s) is an OpenAPI document: nothing to check");
            }
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut cache = HashMap::new();
    let mut jobs = Vec::new();
    let mut baseline_of = Vec::new();
    for spec in specs {
        let config = config_for(cli.config.as_deref(), &spec, &mut cache)?;
        baseline_of.push(baseline_for(args.baseline.as_deref(), &config, &spec)?);
        jobs.push((spec, config));
    }
    let results = check_all(jobs, today);
    let mut unreadable = Vec::new();
    let checked: Vec<&Checked> = results
        .iter()
        .filter_map(|r| match r {
            Ok(c) => Some(c),
            Err(e) => {
                unreadable.push(e.clone());
                None
            }
        })
        .collect();
    let fail_at = match args.deny {
        None => Level::Error,
        Some(Deny::Warnings) => Level::Warn,
        Some(Deny::Info) => Level::Info,
    };
    if let Some(path) = &args.write_baseline {
        return write_baseline(cli, path, &checked, &unreadable);
    }
    let (shown, baseline) = apply_baselines(&results, &baseline_of)?;
    let reports: Vec<FileReport<'_>> =
        checked.iter().zip(&shown).map(|(c, shown)| FileReport { files: &c.doc.files, diagnostics: shown.as_ref() }).collect();
    let baseline_report = baseline.as_ref().map(|(baselined, fixed)| BaselineReport { baselined: *baselined, fixed });
    let fingerprints: Vec<Vec<String>> = if args.format == Format::Gitlab {
        checked.iter().zip(&shown).map(|(c, shown)| shown.iter().map(|d| fingerprint(&c.doc, d)).collect()).collect()
    } else {
        Vec::new()
    };
    let ci = CiOptions { fail_at, fingerprints: &fingerprints };
    // Buffered: the line-buffered stdout would make a system call per line of the report.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    report::write_with_baseline(args.format, &reports, baseline_report, HumanOptions { color, quiet: cli.quiet }, ci, &mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(super::write_failed)?;
    if let Some(first) = unreadable.first() {
        for e in &unreadable[1..] {
            super::print_error(false, e);
        }
        return Err(Fatal(first.clone()));
    }
    let failed = shown.iter().flat_map(|s| s.iter()).any(|d| d.level >= fail_at);
    drop(reports);
    // The process ends next: freeing every document tree and model would only cost
    // time (about a tenth of a large document's check).
    std::mem::forget(results);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `--write-baseline`: records every finding of the checked documents at `path` and tells
/// how to use it. Errors: a document that could not be read (nothing is written), or the
/// file cannot be written.
fn write_baseline(cli: &Cli, path: &Path, checked: &[&Checked], unreadable: &[String]) -> Result<ExitCode, Fatal> {
    if let Some(first) = unreadable.first() {
        return Err(Fatal(format!("{first} (no baseline written)")));
    }
    let baseline = Baseline::record(path, checked.iter().map(|c| (&c.doc, c.diagnostics.as_slice())));
    baseline.write(path).map_err(|e| Fatal(format!("{e:#}")))?;
    if !cli.quiet {
        let (n, docs) = (baseline.findings.len(), checked.len());
        let findings = if n == 1 { "finding" } else { "findings" };
        let documents = if docs == 1 { "document" } else { "documents" };
        eprintln!("wrote {}: {n} {findings} of {docs} {documents}", path.display());
        eprintln!("{}", baseline_hint(cli.config.as_deref(), path));
    }
    Ok(ExitCode::SUCCESS)
}

/// The findings to show per readable document (in order), after each document's
/// baseline (borrowed where no baseline applies); with any baseline, the count of known
/// findings and the fixed entries.
///
/// Errors: a baseline file that cannot be read.
#[allow(clippy::type_complexity)]
fn apply_baselines<'r>(
    results: &'r [Result<Checked, String>],
    baseline_of: &[Option<PathBuf>],
) -> Result<(Vec<Cow<'r, [Diagnostic]>>, Option<(usize, Vec<Entry>)>), Fatal> {
    let mut matchers: Vec<Matcher> = Vec::new();
    let mut shown = Vec::new();
    for (result, path) in results.iter().zip(baseline_of) {
        let Ok(c) = result else { continue };
        let Some(path) = path else {
            shown.push(Cow::Borrowed(c.diagnostics.as_slice()));
            continue;
        };
        let i = match matchers.iter().position(|m| m.path() == path.as_path()) {
            Some(i) => i,
            None => {
                let baseline = Baseline::read(path).map_err(|e| Fatal(format!("{e:#}")))?;
                matchers.push(Matcher::new(path, baseline));
                matchers.len() - 1
            }
        };
        shown.push(Cow::Owned(matchers[i].filter(&c.doc, &c.diagnostics)));
    }
    if matchers.is_empty() {
        return Ok((shown, None));
    }
    let baselined = matchers.iter().map(|m| m.baselined).sum();
    let fixed = matchers.iter().flat_map(Matcher::fixed).collect();
    Ok((shown, Some((baselined, fixed))))
}
