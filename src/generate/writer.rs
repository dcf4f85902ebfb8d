//! Writing generated files (docs/generate.md, "Writing files"): everything is rendered in
//! memory first; then one transaction writes every changed file ([`write_all`]):
//! all or nothing, only below the output folder, never through a symlink, and
//! only over files that carry the generated header; a file without it is never
//! overwritten. Each folder a target owns gets a manifest ([`MANIFEST`]) listing
//! the files apigen wrote there: a file apigen no longer generates is removed
//! only if the previous manifest lists it and it still carries the header, and
//! never below a build output folder ([`BUILD_FOLDERS`]) or in a migrations
//! folder. `--check` compares instead of writing and prints a unified diff.

use std::collections::{BTreeSet, HashMap};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context as _};

use super::format::{is_generated, HEADER_MARK};

/// The manifest of an owned folder: the files apigen wrote there, one path (relative to
/// the folder, `/`-separated) a line below a two-line header, sorted.
pub const MANIFEST: &str = ".apigen-manifest";

/// Folders where builds put their output (`tsc`'s `dist/`, Python's `build/`,
/// `__pycache__/` and `.venv/`, npm's `node_modules/`, cargo's `target/`): nothing below
/// one is ever removed, whatever a manifest lists.
pub const BUILD_FOLDERS: [&str; 6] = ["dist", "build", "node_modules", ".venv", "target", "__pycache__"];

/// One rendered file, path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path below the output folder, `/`-separated.
    pub path: PathBuf,
    /// Full text, header included.
    pub text: String,
}

/// Everything one generation run writes.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The output folder.
    pub root: PathBuf,
    /// Folders below `root` that apigen owns (one per generated crate or migration set):
    /// each gets a [`MANIFEST`], and stale generated files are looked for in its previous one.
    pub owned: Vec<PathBuf>,
    /// Owned folders where no file is ever removed as stale (a migrations folder: an
    /// applied migration stays, whatever the plan says).
    pub kept: Vec<PathBuf>,
    /// The files, sorted by path (manifests are added by the writer).
    pub files: Vec<GeneratedFile>,
}

/// What writing did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub written: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Stale generated files removed.
    pub removed: Vec<PathBuf>,
}

/// The text of an owned folder's manifest listing `paths` (relative to the folder).
fn manifest_text(paths: &[String]) -> String {
    let mut text = format!(
        "# {HEADER_MARK}: the files apigen wrote in this folder. Do not edit: run `apigen generate`.\n\
         # A file apigen no longer generates is removed only if it is listed here and still carries its header.\n"
    );
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// The files to write: the output's, and a manifest per owned folder listing the output's
/// files below it, sorted by path.
fn planned(output: &Output) -> Vec<GeneratedFile> {
    let mut files = output.files.clone();
    for owned in &output.owned {
        let mut listed: Vec<String> = output
            .files
            .iter()
            .filter_map(|f| f.path.strip_prefix(owned).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        listed.sort();
        files.push(GeneratedFile { path: owned.join(MANIFEST), text: manifest_text(&listed) });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The entries of the manifest apigen wrote in an owned folder before (none when it has
/// none), each a path below `dir`.
///
/// Errors: a manifest that is a link or not apigen's, or an entry that is not a relative
/// path of plain names (an absolute path, `..`) or leads through a symlink.
fn previous_manifest(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let path = dir.join(MANIFEST);
    let Ok(meta) = std::fs::symlink_metadata(&path) else { return Ok(Vec::new()) };
    if !meta.is_file() {
        bail!("{} is not a regular file (a link?); apigen reads no manifest through it. Remove it and run `apigen generate` again", path.display());
    }
    let Some(text) = read_generated(&path) else {
        bail!("{} was not written by apigen (it has no generated header); remove it and run `apigen generate` again", path.display());
    };
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty()) {
        let entry = Path::new(line);
        if !is_plain(entry) {
            bail!(
                "{}:{}: '{}' is not a relative path of plain names inside its folder (no `..`, no absolute path); fix or remove the manifest",
                path.display(),
                i + 1,
                crate::text::one_line(line)
            );
        }
        let mut at = dir.to_path_buf();
        for part in entry.components() {
            at.push(part);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                bail!("{}:{}: {} is a symbolic link; apigen removes nothing through links", path.display(), i + 1, at.display());
            }
        }
        entries.push(dir.join(entry));
    }
    Ok(entries)
}

/// Files apigen wrote before and no longer generates: listed in an owned folder's
/// previous manifest, not planned now, still carrying the header, not below a build
/// output folder and not in a kept (migrations) folder. A file no manifest lists is never
/// stale.
///
/// Errors: as [`previous_manifest`].
fn stale(output: &Output) -> anyhow::Result<Vec<PathBuf>> {
    let planned: BTreeSet<PathBuf> = output.files.iter().map(|f| output.root.join(&f.path)).collect();
    let mut found = Vec::new();
    for owned in output.owned.iter().filter(|d| !output.kept.contains(d)) {
        let dir = output.root.join(owned);
        if !is_real_dir(&dir) {
            continue;
        }
        for path in previous_manifest(&dir)? {
            let in_build = path.strip_prefix(&dir).is_ok_and(|rel| {
                rel.components().any(|c| BUILD_FOLDERS.iter().any(|b| c.as_os_str() == *b))
            });
            if !in_build && !planned.contains(&path) && read_generated(&path).is_some() {
                found.push(path);
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// The text of a regular file (not a symlink) that carries the generated header.
fn read_generated(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > super::super::load::boundary::MAX_FILE_BYTES {
        return None;
    }
    std::fs::read_to_string(path).ok().filter(|text| is_generated(text))
}

/// Checks that a generated path is a plain relative path of names: no `..`, no root,
/// no empty or hidden component, only `[A-Za-z0-9._-]`.
///
/// Errors: a sentence naming the path.
pub fn check_path(path: &Path) -> anyhow::Result<()> {
    if !is_plain(path) {
        bail!("generated path '{}' is not a relative path of plain names; nothing was written", crate::text::one_line(&path.to_string_lossy()));
    }
    Ok(())
}

/// Whether a path is a relative path of plain names: no `..`, no root, no empty or hidden
/// component, only `[A-Za-z0-9._-]`.
fn is_plain(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path.components().all(|c| match c {
            Component::Normal(name) => name.to_str().is_some_and(|n| {
                !n.starts_with('.') && n.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            }),
            _ => false,
        })
}

/// Checks one output before anything is written: paths are plain, no two files map to
/// one path (also when compared case-insensitively, as macOS and Windows do), no folder
/// between the output folder and a file is a symlink, and no planned path holds a file
/// apigen did not write.
fn preflight(output: &Output, files: &[GeneratedFile]) -> anyhow::Result<()> {
    for f in &output.files {
        check_path(&f.path)?;
    }
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for f in files {
        if let Some(first) = seen.insert(f.path.to_string_lossy().to_lowercase(), &f.path) {
            bail!(
                "two generated files map to one path: {} and {} (names from the spec collide); nothing was written",
                first.display(),
                f.path.display()
            );
        }
        let mut at = output.root.clone();
        let mut parts = f.path.components().peekable();
        while let Some(part) = parts.next() {
            at.push(part);
            let Ok(meta) = std::fs::symlink_metadata(&at) else { break };
            if meta.file_type().is_symlink() {
                bail!("{} is a symbolic link; apigen does not write through links in its output folder", at.display());
            }
            let last = parts.peek().is_none();
            if last && !meta.is_file() {
                bail!("{} exists and is not a file; refusing to overwrite it", at.display());
            }
            if last && read_generated(&at).is_none() {
                bail!("{} exists and was not generated by apigen (it has no generated header); refusing to overwrite it", at.display());
            }
            if !last && !meta.is_dir() {
                bail!("{} exists and is not a folder; cannot write below it", at.display());
            }
        }
    }
    Ok(())
}

/// Writes one output ([`write_all`] with one).
///
/// Errors: as [`write_all`].
pub fn write(output: &Output) -> anyhow::Result<Written> {
    write_all(std::slice::from_ref(output)).map(|mut done| done.remove(0))
}

/// Writes outputs as one transaction: every changed file is first written to a new
/// temporary file beside its place (created exclusively, never through a link), then
/// the old files are moved aside, the new ones renamed into place and stale generated
/// files moved aside; only when every step succeeded are the old copies deleted. On
/// any failure every step is undone, so the tree is exactly as it was.
///
/// Errors: a planned path that is not plain, collides with another, lies below a
/// symlink or holds a file without the generated header, or a previous manifest that is
/// not apigen's or lists a path outside its folder or through a link (nothing is written
/// then), or an I/O error (everything undone).
pub fn write_all(outputs: &[Output]) -> anyhow::Result<Vec<Written>> {
    write_with(outputs, &mut |from, to| std::fs::rename(from, to))
}

/// One step of a transaction, to undo on failure.
enum Step {
    /// A folder was created.
    Dir(PathBuf),
    /// A temporary file was written.
    Temp(PathBuf),
    /// A file was moved aside to a backup (restore: move it back).
    Aside { path: PathBuf, backup: PathBuf },
    /// A new file was renamed into place (undo: remove it).
    Placed(PathBuf),
}

fn write_with(outputs: &[Output], rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>) -> anyhow::Result<Vec<Written>> {
    let plans: Vec<Vec<GeneratedFile>> = outputs.iter().map(planned).collect();
    for (output, files) in outputs.iter().zip(&plans) {
        preflight(output, files)?;
    }
    let mut results: Vec<Written> = Vec::new();
    let mut changed: Vec<(PathBuf, &str)> = Vec::new();
    let mut removed: Vec<PathBuf> = Vec::new();
    for (output, files) in outputs.iter().zip(&plans) {
        let mut done = Written::default();
        for f in files {
            let path = output.root.join(&f.path);
            if read_generated(&path).is_some_and(|old| old == f.text) {
                done.unchanged += 1;
            } else {
                changed.push((path, &f.text));
                done.written.push(f.path.clone());
            }
        }
        done.removed = stale(output)?;
        removed.extend(done.removed.iter().cloned());
        results.push(done);
    }
    let mut steps: Vec<Step> = Vec::new();
    match apply(&changed, &removed, &mut steps, rename) {
        Ok(()) => {
            for step in steps {
                if let Step::Aside { backup, .. } = step {
                    let _ = std::fs::remove_file(backup);
                }
            }
            Ok(results)
        }
        Err(e) => {
            undo(steps);
            Err(e.context("nothing was changed"))
        }
    }
}

fn apply(
    changed: &[(PathBuf, &str)],
    removed: &[PathBuf],
    steps: &mut Vec<Step>,
    rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let mut temps = Vec::with_capacity(changed.len());
    for (path, text) in changed {
        let dir = path.parent().unwrap_or(Path::new("."));
        create_dirs(dir, steps)?;
        let tmp = free_name(path, "new")?;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        steps.push(Step::Temp(tmp.clone()));
        file.write_all(text.as_bytes()).with_context(|| format!("cannot write {}", tmp.display()))?;
        temps.push(tmp);
    }
    for ((path, _), tmp) in changed.iter().zip(temps) {
        if std::fs::symlink_metadata(path).is_ok() {
            move_aside(path, steps, rename)?;
        }
        rename(&tmp, path).with_context(|| format!("cannot move {} into place", path.display()))?;
        steps.retain(|s| !matches!(s, Step::Temp(t) if *t == tmp));
        steps.push(Step::Placed(path.clone()));
    }
    for path in removed {
        move_aside(path, steps, rename).with_context(|| format!("cannot remove stale {}", path.display()))?;
    }
    Ok(())
}

fn move_aside(path: &Path, steps: &mut Vec<Step>, rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>) -> anyhow::Result<()> {
    let backup = free_name(path, "old")?;
    rename(path, &backup).with_context(|| format!("cannot move {} aside", path.display()))?;
    steps.push(Step::Aside { path: path.to_path_buf(), backup });
    Ok(())
}

/// A name beside `path` that nothing holds yet: `.{name}.apigen-{what}`, then `-2`, `-3`…
fn free_name(path: &Path, what: &str) -> anyhow::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    (1..1000)
        .map(|i| dir.join(if i == 1 { format!(".{name}.apigen-{what}") } else { format!(".{name}.apigen-{what}-{i}") }))
        .find(|candidate| std::fs::symlink_metadata(candidate).is_err())
        .ok_or_else(|| anyhow::anyhow!("no free temporary name beside {}", path.display()))
}

fn create_dirs(dir: &Path, steps: &mut Vec<Step>) -> anyhow::Result<()> {
    let mut missing = Vec::new();
    let mut at = dir;
    while std::fs::symlink_metadata(at).is_err() {
        missing.push(at.to_path_buf());
        match at.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => at = parent,
            _ => break,
        }
    }
    for dir in missing.into_iter().rev() {
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        steps.push(Step::Dir(dir));
    }
    Ok(())
}

/// Undoes the steps of a failed transaction, last first.
fn undo(steps: Vec<Step>) {
    for step in steps.into_iter().rev() {
        let _ = match step {
            Step::Dir(dir) => std::fs::remove_dir(dir),
            Step::Temp(tmp) | Step::Placed(tmp) => std::fs::remove_file(tmp),
            Step::Aside { path, backup } => std::fs::rename(backup, path),
        };
    }
}

/// The drift between the output and what is on disk, as unified diffs
/// (missing and changed files, manifests included) and `removed` lines (stale files, as
/// writing would remove them). Files no manifest lists are not drift. Empty when up to date.
///
/// Errors: a previous manifest that cannot be trusted (see [`write_all`]).
pub fn drift(output: &Output) -> anyhow::Result<String> {
    let mut report = String::new();
    for f in &planned(output) {
        let path = output.root.join(&f.path);
        let old = read_generated(&path).unwrap_or_default();
        if old == f.text {
            continue;
        }
        let shown = path.display().to_string();
        let diff = similar::TextDiff::from_lines(&old, &f.text);
        let header_old = if path.exists() { format!("a/{shown}") } else { "/dev/null".to_string() };
        report.push_str(&diff.unified_diff().context_radius(3).header(&header_old, &format!("b/{shown}")).to_string());
    }
    for path in stale(output)? {
        report.push_str(&format!("removed: {} (no longer generated)\n", path.display()));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::format::{header, Kind};

    fn output(root: &Path, text: &str) -> Output {
        Output {
            root: root.to_path_buf(),
            owned: vec!["crate".into()],
            files: vec![GeneratedFile { path: "crate/src/lib.rs".into(), text: format!("{}{text}", header(Kind::Rust, "s.yaml")) }],
            ..Output::default()
        }
    }

    fn with_file(mut output: Output, path: &str) -> Output {
        output.files.push(GeneratedFile { path: path.into(), text: header(Kind::Rust, "s.yaml") });
        output.files.sort_by(|a, b| a.path.cmp(&b.path));
        output
    }

    #[test]
    fn writes_a_manifest_detects_drift_and_removes_only_listed_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let first = with_file(output(dir.path(), "pub struct A;\n"), "crate/src/old.rs");
        assert_eq!(write(&first).unwrap().written.len(), 3, "two files and the manifest");
        let manifest = std::fs::read_to_string(dir.path().join("crate").join(MANIFEST)).unwrap();
        assert!(is_generated(&manifest), "{manifest}");
        assert!(manifest.ends_with("\nsrc/lib.rs\nsrc/old.rs\n"), "{manifest}");
        assert_eq!(drift(&first).unwrap(), "");
        assert_eq!(write(&first).unwrap().unchanged, 3);

        // Generated-looking files apigen did not write (a build's output, a copy) are not listed.
        let unlisted = dir.path().join("crate/src/copy.rs");
        std::fs::write(&unlisted, header(Kind::Rust, "s.yaml")).unwrap();
        let mine = dir.path().join("crate/src/mine.rs");
        std::fs::write(&mine, "// hand-written\n").unwrap();

        let second = output(dir.path(), "pub struct B;\n");
        let diff = drift(&second).unwrap();
        assert!(diff.contains("-pub struct A;") && diff.contains("+pub struct B;"), "{diff}");
        assert!(diff.contains("-src/old.rs"), "the manifest's drift: {diff}");
        assert!(diff.contains("removed:") && diff.contains("old.rs") && !diff.contains("copy.rs"), "{diff}");
        let done = write(&second).unwrap();
        let stale_file = dir.path().join("crate/src/old.rs");
        assert_eq!(done.removed, vec![stale_file.clone()]);
        assert!(!stale_file.exists());
        assert!(mine.exists(), "a file without the header is never removed");
        assert!(unlisted.exists(), "a file no manifest lists is never removed");
        assert_eq!(drift(&second).unwrap(), "", "unlisted files are not drift");
    }

    #[test]
    fn build_output_is_never_removed_even_when_listed() {
        let dir = tempfile::tempdir().unwrap();
        write(&output(dir.path(), "")).unwrap();
        // A build writes generated-looking files (tsc copies the header into dist/*.js).
        let built = ["crate/dist/index.js", "crate/target/x.rs", "crate/node_modules/p/i.js", "crate/src/__pycache__/m.py"];
        let mut manifest = std::fs::read_to_string(dir.path().join("crate").join(MANIFEST)).unwrap();
        for rel in built {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, header(Kind::TypeScript, "s.yaml")).unwrap();
            manifest.push_str(rel.trim_start_matches("crate/"));
            manifest.push('\n');
        }
        std::fs::write(dir.path().join("crate").join(MANIFEST), &manifest).unwrap();
        assert!(!drift(&output(dir.path(), "")).unwrap().contains("removed:"));
        assert!(write(&output(dir.path(), "")).unwrap().removed.is_empty());
        for rel in built {
            assert!(dir.path().join(rel).exists(), "{rel} was removed");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_manifest_is_untrusted_input() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("victim.rs"), header(Kind::Rust, "s.yaml")).unwrap();
        let victim = outside.path().join("victim.rs");
        let dir = tempfile::tempdir().unwrap();
        write(&output(dir.path(), "")).unwrap();
        let at = dir.path().join("crate").join(MANIFEST);
        let head = header(Kind::Rust, "s.yaml").replace("// ", "# ");
        let escape = format!("../{}", victim.strip_prefix("/").unwrap().display());
        for entry in [escape.as_str(), "../../x.rs", "src/../../x.rs", victim.to_str().unwrap(), "src/.hidden"] {
            std::fs::write(&at, format!("{head}{entry}\n")).unwrap();
            let e = format!("{:#}", write(&output(dir.path(), "")).unwrap_err());
            assert!(e.contains("is not a relative path of plain names inside its folder"), "{entry}: {e}");
            assert!(e.contains(":2:"), "names the line: {e}");
            assert!(format!("{:#}", drift(&output(dir.path(), "")).unwrap_err()).contains("plain names"), "{entry}");
            assert!(victim.exists(), "{entry}: a file outside the folder was removed");
        }
        // A listed path through a link is refused; the file behind it stays.
        std::os::unix::fs::symlink(outside.path(), dir.path().join("crate/link")).unwrap();
        std::fs::write(&at, format!("{head}link/victim.rs\n")).unwrap();
        let e = format!("{:#}", write(&output(dir.path(), "")).unwrap_err());
        assert!(e.contains("symbolic link"), "{e}");
        assert!(victim.exists());
        std::fs::remove_file(dir.path().join("crate/link")).unwrap();
        // A manifest that is a link, or not apigen's, is refused.
        std::fs::remove_file(&at).unwrap();
        std::os::unix::fs::symlink(&victim, &at).unwrap();
        assert!(format!("{:#}", write(&output(dir.path(), "")).unwrap_err()).contains("symbolic link"));
        assert!(format!("{:#}", drift(&output(dir.path(), "")).unwrap_err()).contains("not a regular file"));
        std::fs::remove_file(&at).unwrap();
        std::fs::write(&at, "src/lib.rs\n").unwrap();
        assert!(format!("{:#}", write(&output(dir.path(), "")).unwrap_err()).contains("no generated header"));
        assert!(format!("{:#}", drift(&output(dir.path(), "")).unwrap_err()).contains("not written by apigen"));
        assert!(victim.exists());
    }

    #[test]
    fn nothing_is_removed_from_a_kept_folder() {
        let dir = tempfile::tempdir().unwrap();
        write(&with_file(output(dir.path(), ""), "crate/V1/up.sql")).unwrap();
        let mut again = output(dir.path(), "");
        again.kept.push("crate".into());
        assert!(write(&again).unwrap().removed.is_empty());
        assert!(dir.path().join("crate/V1/up.sql").exists(), "an applied migration was removed");
    }

    #[test]
    fn never_overwrites_a_hand_written_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crate/src/lib.rs");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "fn main() {}\n").unwrap();
        let e = write(&output(dir.path(), "pub struct A;\n")).unwrap_err().to_string();
        assert!(e.contains("refusing to overwrite"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "fn main() {}\n");
    }

    fn tree(root: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().filter_map(Result::ok) {
                let path = entry.path();
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let kind = entry.file_type().unwrap();
                if kind.is_symlink() {
                    out.push((rel, format!("-> {}", std::fs::read_link(&path).unwrap().display())));
                } else if kind.is_dir() {
                    out.push((rel, "/".into()));
                    stack.push(path);
                } else {
                    out.push((rel, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    fn two_files(root: &Path, text: &str) -> Output {
        let head = header(Kind::Rust, "s.yaml");
        Output {
            root: root.to_path_buf(),
            owned: vec!["crate".into()],
            files: vec![
                GeneratedFile { path: "crate/src/a.rs".into(), text: format!("{head}{text}") },
                GeneratedFile { path: "crate/src/deep/b.rs".into(), text: format!("{head}{text}") },
            ],
            ..Output::default()
        }
    }

    #[test]
    fn a_failure_midway_leaves_the_tree_exactly_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        write(&with_file(two_files(dir.path(), "pub struct A;\n"), "crate/src/old.rs")).unwrap();
        let before = tree(dir.path());
        // Every rename after the first few fails: some files are in place, some aside, some not yet.
        for fail_at in 0..8 {
            let mut calls = 0;
            let mut rename = |from: &Path, to: &Path| {
                calls += 1;
                if calls > fail_at { Err(std::io::Error::other("injected")) } else { std::fs::rename(from, to) }
            };
            let mut changed = two_files(dir.path(), "pub struct B;\n");
            changed.files.push(GeneratedFile { path: "crate/new/c.rs".into(), text: header(Kind::Rust, "s.yaml") });
            let e = write_with(std::slice::from_ref(&changed), &mut rename).unwrap_err();
            assert!(format!("{e:#}").contains("nothing was changed"), "{e:#}");
            assert_eq!(tree(dir.path()), before, "after a failure at rename {fail_at}");
        }
        let done = write(&two_files(dir.path(), "pub struct B;\n")).unwrap();
        assert_eq!((done.written.len(), done.removed.len()), (3, 1), "two files and the manifest written, one removed");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_in_the_output_folder_are_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("a.rs"), "// hand-written, outside\n").unwrap();
        std::fs::write(outside.path().join("old.rs"), header(Kind::Rust, "s.yaml")).unwrap();
        std::fs::create_dir_all(dir.path().join("crate")).unwrap();
        // A folder of the plan that is a link to elsewhere.
        std::os::unix::fs::symlink(outside.path(), dir.path().join("crate/src")).unwrap();
        let e = write(&two_files(dir.path(), "pub struct A;\n")).unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        assert_eq!(std::fs::read_to_string(outside.path().join("a.rs")).unwrap(), "// hand-written, outside\n");
        // A link as a file of the plan, and a stale link: neither written through nor removed.
        std::fs::remove_file(dir.path().join("crate/src")).unwrap();
        std::fs::create_dir_all(dir.path().join("crate/src/deep")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("a.rs"), dir.path().join("crate/src/a.rs")).unwrap();
        let e = write(&two_files(dir.path(), "pub struct A;\n")).unwrap_err().to_string();
        assert!(e.contains("symbolic link"), "{e}");
        std::fs::remove_file(dir.path().join("crate/src/a.rs")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("old.rs"), dir.path().join("crate/src/old.rs")).unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("crate/src/loop")).unwrap();
        // A pre-made link at the temporary name is passed over, not written through.
        std::os::unix::fs::symlink(outside.path().join("a.rs"), dir.path().join("crate/src/.a.rs.apigen-new")).unwrap();
        let done = write(&two_files(dir.path(), "pub struct A;\n")).unwrap();
        assert!(done.removed.is_empty(), "{done:?}");
        assert_eq!(std::fs::read_to_string(outside.path().join("a.rs")).unwrap(), "// hand-written, outside\n");
        assert!(outside.path().join("old.rs").exists());
        assert!(std::fs::read_to_string(dir.path().join("crate/src/a.rs")).unwrap().contains("pub struct A;"));
    }

    #[test]
    fn paths_are_plain_and_never_collide() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x/lib.rs", "/tmp/x.rs", "crate/../../x.rs", "crate/.hidden.rs", "crate/a b.rs", ""] {
            let mut output = output(dir.path(), "");
            output.files[0].path = bad.into();
            assert!(write(&output).unwrap_err().to_string().contains("plain names"), "{bad}");
        }
        let mut output = two_files(dir.path(), "");
        output.files[1].path = "crate/src/A.rs".into();
        let e = write(&output).unwrap_err().to_string();
        assert!(e.contains("map to one path"), "{e}");
        assert!(tree(dir.path()).is_empty(), "nothing written");
    }
}
