//! Sets `APIGEN_VERSION`, the version `apigen --version` prints: `0.1.0 (abc1234 2026-12-07)`
//! (the short commit hash and its commit date) when built from apigen's own git checkout,
//! the plain package version otherwise (a crates.io package, a wheel built from an sdist,
//! a machine without git). Never fails the build.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = env!("CARGO_PKG_VERSION");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let full = match commit(Path::new(&manifest_dir)) {
        Some((hash, date)) => format!("{version} ({hash} {date})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=APIGEN_VERSION={full}");
}

/// Output of `git ARGS` run in `dir`, trimmed; `None` when git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The short hash and commit date (YYYY-MM-DD) of HEAD, when `dir` is the top of a git
/// work tree (a package unpacked inside some other repository names no commit of apigen).
/// Registers the files that change with HEAD so a new commit rebuilds the version.
fn commit(dir: &Path) -> Option<(String, String)> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if std::fs::canonicalize(&top).ok()? != std::fs::canonicalize(dir).ok()? {
        return None;
    }
    // HEAD, the branch it points at (loose or packed): `--git-path` resolves them in
    // worktrees too. Only files that exist are watched (a missing one would rerun always).
    let mut watched = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(branch);
    }
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    let hash = git(dir, &["rev-parse", "--short=7", "HEAD"])?;
    let date = git(dir, &["log", "-1", "--date=short", "--format=%cd", "HEAD"])?;
    Some((hash, date))
}
