//! `apigen diff`: load two versions of a spec the same way, classify every
//! change (`crate::diff`), judge the change set by the version policy, report.
//! Exit codes: 0 the policy allows the change set, 1 it does not, 2 could not run or
//! could not compare every part (`crate::diff::compare`'s `not_compared`): the report of an
//! incomplete comparison lists those parts, each a `not-compared` policy violation.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use super::check::{config_for, today};
use super::{Cli, Fatal};
use crate::config::Config;
use crate::diff::policy::{self, Accept};
use crate::diff::report::{self, Format, SpecDiff};
use crate::diff::{registry, Side};
use crate::load::Document;
use crate::model::{lower, Api};

/// Arguments of `apigen diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// BASE and HEAD files; with `--base`, the specs to compare (default: every `[[generate]]` spec of apigen.toml).
    #[arg(value_name = "SPEC")]
    pub specs: Vec<String>,
    /// Compare each SPEC with its version at this git revision (e.g. `origin/main`).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
    /// Report format: `human` for people, `json` for scripts, `markdown` for a pull request
    /// comment, `sarif`/`github` for GitHub, `gitlab` (Code Quality) and `junit` (test reports)
    /// for GitLab and other CI servers.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// One loaded and lowered version.
struct Loaded {
    doc: Document,
    api: Api,
}

fn read(path: &Path, config: &Config) -> Result<Document, Fatal> {
    Document::load_within(path, &config.boundary(path)).map_err(|e| Fatal(format!("{e:#}")))
}

fn lowered(doc: Document, config: &Config) -> Result<Loaded, Fatal> {
    match lower(&doc, &config.conventions) {
        Some(api) if doc.fits_shape => Ok(Loaded { doc, api }),
        _ => {
            let file = doc.files.first().map(|f| f.path.display().to_string()).unwrap_or_default();
            let why = doc
                .diagnostics
                .iter()
                .find(|d| d.rule == "oas-parse")
                .map(|d| match &d.location {
                    Some(l) => format!("{}:{}:{}: {}", l.file.display(), l.line, l.column, d.message),
                    None => d.message.clone(),
                })
                .unwrap_or_else(|| format!("{file}: not a usable OpenAPI 3.x document"));
            Err(Fatal(format!("cannot compare {file}: {}", crate::text::one_line(&why))))
        }
    }
}

/// Checks `[[diff.accept]]` entries: known check ids and an operation or pointer each.
fn validate_accepts(config: &Config) -> Result<(), Fatal> {
    let file = config.path.as_deref().unwrap_or(Path::new(crate::config::FILE_NAME)).display().to_string();
    for (i, a) in config.diff.accept.iter().enumerate() {
        if registry::get(&a.check).is_none() {
            let hint = crate::suggest::did_you_mean(&a.check, registry::all().map(|c| c.id)).map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default();
            return Err(Fatal(format!("{file}: [[diff.accept]] entry {} names an unknown diff check '{}'{hint}; `apigen rules` lists them", i + 1, a.check)));
        }
        if a.operation.is_none() && a.pointer.is_none() {
            return Err(Fatal(format!("{file}: [[diff.accept]] entry {} ({}) needs an `operation` or a `pointer`", i + 1, a.check)));
        }
        if a.reason.trim().is_empty() {
            return Err(Fatal(format!("{file}: [[diff.accept]] entry {} ({}) needs a `reason`", i + 1, a.check)));
        }
    }
    Ok(())
}

/// The error of a comparison with parts left out: each part at its place (at most ten).
fn not_compared(spec: &str, base: &Document, head: &Document, parts: &[crate::diff::NotCompared]) -> String {
    let at = |doc: &Document, pointer: &str| match doc.locate(pointer) {
        Some(l) => format!("{}:{}:{} (#{})", l.file.display(), l.line, l.column, pointer),
        None => format!("#{pointer}"),
    };
    let mut lines = vec![format!(
        "cannot compare {} completely: {} part(s) could not be compared, so changes in them would go unseen; the change set reported is incomplete and not allowed",
        crate::text::one_line(spec),
        parts.len()
    )];
    for part in parts.iter().take(10) {
        let place = match (&part.base, &part.head) {
            (Some(b), Some(h)) => format!("base {} / head {}", at(base, b), at(head, h)),
            (Some(b), None) => format!("base {}", at(base, b)),
            (None, Some(h)) => format!("head {}", at(head, h)),
            (None, None) => String::new(),
        };
        lines.push(format!("  {}: {}", crate::text::one_line(&place), part.reason));
    }
    if parts.len() > 10 {
        lines.push(format!("  … and {} more", parts.len() - 10));
    }
    lines.join("\n")
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).stdin(Stdio::null()).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']).to_string())
}

/// A folder holding the project (the config's folder, else the spec's) as it was at a revision.
struct Snapshot {
    /// The temporary folder; removed on drop.
    dir: PathBuf,
    /// Canonical git top level of the working tree.
    top: PathBuf,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Extracts `root` (a folder inside a git working tree) as of `rev` into a temporary folder.
fn snapshot(rev: &str, root: &Path) -> Result<Snapshot, Fatal> {
    let root = std::fs::canonicalize(root).map_err(|e| Fatal(format!("{}: {e}", root.display())))?;
    let top = git(&root, &["rev-parse", "--show-toplevel"]).map_err(|e| Fatal(format!("--base needs a git repository: {e}")))?;
    let top = std::fs::canonicalize(&top).map_err(|e| Fatal(format!("{top}: {e}")))?;
    if rev.starts_with('-') {
        return Err(Fatal(format!("bad revision '{}'", crate::text::one_line(rev))));
    }
    git(&top, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| Fatal(format!("bad revision '{}': git knows no such commit", crate::text::one_line(rev))))?;
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("apigen-diff-{}-{n}", std::process::id()));
    std::fs::create_dir(&dir).map_err(|e| Fatal(format!("cannot create {}: {e}", dir.display())))?;
    let snap = Snapshot { dir, top };
    let rel = root.strip_prefix(&snap.top).unwrap_or(Path::new("")).to_string_lossy().replace('\\', "/");
    let rel = if rel.is_empty() { ".".to_string() } else { rel };
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(&snap.top)
        .args(["archive", "--format=tar", rev, "--", &rel])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Fatal(format!("cannot run git: {e}")))?;
    let tar_in = archive.stdout.take().expect("piped stdout");
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&snap.dir)
        .stdin(tar_in)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Fatal(format!("cannot run tar: {e}")))?;
    let git_out = archive.wait_with_output().map_err(|e| Fatal(format!("git archive: {e}")))?;
    if !git_out.status.success() {
        let why = String::from_utf8_lossy(&git_out.stderr);
        // A folder that did not exist at the revision is an empty snapshot, not an error.
        if !why.contains("did not match any files") {
            return Err(Fatal(format!("git archive {}: {}", crate::text::one_line(rev), crate::text::one_line(why.trim()))));
        }
    }
    if !tar.status.success() {
        return Err(Fatal(format!("tar: {}", crate::text::one_line(String::from_utf8_lossy(&tar.stderr).trim()))));
    }
    Ok(snap)
}

/// The folder to snapshot for a spec: `root` (the config's folder, else the spec's), or the
/// spec's own repository when `root` lies outside it (an apigen.toml above a nested
/// repository): the revision is one of the spec's repository, not of an enclosing one.
///
/// Errors: the spec's folder is not in a git working tree.
fn within_spec_repository(root: PathBuf, spec: &Path) -> Result<PathBuf, Fatal> {
    let dir = match spec.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| Fatal(format!("--base needs a git repository: {e}")))?;
    let top = std::fs::canonicalize(&top).map_err(|e| Fatal(format!("{top}: {e}")))?;
    let canon_root = std::fs::canonicalize(&root).map_err(|e| Fatal(format!("{}: {e}", root.display())))?;
    Ok(if canon_root.starts_with(&top) { root } else { top })
}

/// Refuses a spec that, at the revision, is a symlink (or lies below one) leading out of
/// the repository: its text is not the repository's (a `$ref` leading out is refused the same way).
fn refuse_link_out(snap: &Snapshot, path: &Path, in_top: &Path, rev: &str) -> Result<(), Fatal> {
    let dir = std::fs::canonicalize(&snap.dir).map_err(|e| Fatal(format!("{}: {e}", snap.dir.display())))?;
    let inside = match std::fs::canonicalize(path) {
        Ok(target) => target.starts_with(&dir),
        // Missing at the revision, unless a link names what is missing: a link to nowhere in the repository.
        Err(_) => path.symlink_metadata().is_err(),
    };
    if inside {
        return Ok(());
    }
    Err(Fatal(format!(
        "{} at {} is a symbolic link leading out of the repository: refused (apigen reads only the repository's files at a revision)",
        crate::text::one_line(&in_top.to_string_lossy()),
        crate::text::one_line(rev)
    )))
}

/// The specs `--base` compares: the arguments, else every `[[generate]]` spec.
fn specs_for_base(cli: &Cli, args: &DiffArgs) -> Result<Vec<PathBuf>, Fatal> {
    if !args.specs.is_empty() {
        return super::check::resolve_specs(&args.specs);
    }
    let path = match &cli.config {
        Some(p) => p.clone(),
        None => Config::find(Path::new(".")).ok_or_else(|| Fatal("no SPEC given and no apigen.toml with [[generate]] entries found".into()))?,
    };
    let config = Config::read(&path).map_err(|e| Fatal(format!("{e:#}")))?;
    if config.generate.is_empty() {
        return Err(Fatal(format!("no SPEC given and {} has no [[generate]] entries", path.display())));
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let here = dir.as_os_str().is_empty() || dir == Path::new(".");
    let mut specs: Vec<PathBuf> = config.generate.iter().map(|g| if here { g.spec.clone() } else { dir.join(&g.spec) }).collect();
    let mut seen = std::collections::HashSet::new();
    specs.retain(|s| seen.insert(s.clone()));
    Ok(specs)
}

/// One spec's two versions, loaded: (spec name, config, base, head).
type Pair = (String, Config, Loaded, Loaded);

/// The two files BASE and HEAD, loaded on two threads (deep documents recurse: the
/// checking threads' stack).
fn load_files(cli: &Cli, args: &DiffArgs, cache: &mut HashMap<PathBuf, Config>) -> Result<Pair, Fatal> {
    let [base, head] = args.specs.as_slice() else {
        return Err(Fatal("apigen diff needs two files (BASE HEAD), or --base REV [SPEC…]".into()));
    };
    let (base, head) = (Path::new(base), Path::new(head));
    for p in [base, head] {
        if !p.is_file() {
            return Err(Fatal(format!("{}: no such file", p.display())));
        }
    }
    let config = config_for(cli.config.as_deref(), head, cache)?;
    let base_config = config_for(cli.config.as_deref(), base, cache)?;
    let (base, head) = std::thread::scope(|scope| {
        let spawn = |path: &'static str, p: &Path, c: &Config| {
            let (p, c, conventions) = (p.to_path_buf(), c.clone(), config.clone());
            std::thread::Builder::new()
                .name(path.into())
                .stack_size(super::check::WORKER_STACK)
                .spawn_scoped(scope, move || lowered(read(&p, &c)?, &conventions))
                .expect("spawn a loading thread")
        };
        let b = spawn("base", base, &base_config);
        let h = spawn("head", head, &config);
        let join = |t: std::thread::ScopedJoinHandle<'_, Result<Loaded, Fatal>>| t.join().unwrap_or_else(|_| Err(Fatal("loading a document failed".into())));
        (join(b), join(h))
    });
    Ok((args.specs[1].clone(), config, base?, head?))
}

/// A spec and its version at the git revision `rev`; `None` when it did not exist then.
fn load_at_revision(cli: &Cli, spec: &Path, rev: &str, cache: &mut HashMap<PathBuf, Config>) -> Result<Option<Pair>, Fatal> {
    let config = config_for(cli.config.as_deref(), spec, cache)?;
    let head = lowered(read(spec, &config)?, &config)?;
    let root = config.path.as_deref().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_else(|| spec.parent().map(Path::to_path_buf).unwrap_or_default());
    let root = if root.as_os_str().is_empty() { PathBuf::from(".") } else { root };
    let root = within_spec_repository(root, spec)?;
    let snap = snapshot(rev, &root)?;
    let canon_spec = std::fs::canonicalize(spec).map_err(|e| Fatal(format!("{}: {e}", spec.display())))?;
    let in_top = canon_spec.strip_prefix(&snap.top).unwrap_or(&canon_spec).to_path_buf();
    let base_path = snap.dir.join(&in_top);
    refuse_link_out(&snap, &base_path, &in_top, rev)?;
    if !base_path.is_file() {
        eprintln!("note: {} does not exist at {}: nothing to compare", spec.display(), crate::text::one_line(rev));
        return Ok(None);
    }
    let boundary = crate::load::Boundary::new(&snap.dir, &[]);
    let mut doc = Document::load_within(&base_path, &boundary).map_err(|e| Fatal(format!("{e:#}")))?;
    for f in &mut doc.files {
        if let Ok(rest) = f.path.strip_prefix(&snap.dir) {
            f.path = PathBuf::from(format!("{rev}:{}", rest.to_string_lossy().replace('\\', "/")));
        }
    }
    let base = lowered(doc, &config)?;
    Ok(Some((spec.display().to_string(), config, base, head)))
}

pub(super) fn run(cli: &Cli, args: &DiffArgs, color: bool) -> Result<ExitCode, Fatal> {
    let today = today()?;
    let mut cache = HashMap::new();
    let pairs: Vec<Pair> = match &args.base {
        None => vec![load_files(cli, args, &mut cache)?],
        Some(rev) => {
            let mut pairs = Vec::new();
            for spec in specs_for_base(cli, args)? {
                pairs.extend(load_at_revision(cli, &spec, rev, &mut cache)?);
            }
            pairs
        }
    };
    let mut diffs = Vec::new();
    for (spec, config, base, head) in &pairs {
        validate_accepts(config)?;
        let (b, h) = (Side { doc: &base.doc, api: &base.api }, Side { doc: &head.doc, api: &head.api });
        let outcome = crate::diff::compare(b, h, today);
        let accepts: Vec<Accept> = config.diff.accept.clone();
        let mut verdict = policy::judge(&outcome.changes, &base.api, &head.api, today, &accepts);
        verdict.add_not_compared(&outcome.not_compared);
        diffs.push(SpecDiff { spec: spec.clone(), base: &base.doc, head: &head.doc, changes: outcome.changes, verdict, accepts, not_compared: outcome.not_compared });
    }
    // Buffered: the line-buffered stdout would make a system call per line of the report.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    report::write(args.format, &diffs, color, cli.quiet, &mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(super::write_failed)?;
    // An incomplete comparison is never "allowed": its report lists the parts left out,
    // and the run fails as one that could not compare.
    let incomplete: Vec<String> = diffs.iter().filter(|d| !d.not_compared.is_empty()).map(|d| not_compared(&d.spec, d.base, d.head, &d.not_compared)).collect();
    if !incomplete.is_empty() {
        return Err(Fatal(incomplete.join("\n")));
    }
    let allowed = diffs.iter().all(|d| d.verdict.allowed());
    Ok(if allowed { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
