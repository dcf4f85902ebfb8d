//! Which files a document may read (docs/security.md): a spec is untrusted,
//! so its `$ref`s resolve only to regular YAML or JSON files below the project
//! root (the folder of `apigen.toml`, else the spec's folder) or below a folder
//! `apigen.toml` allows explicitly (`[refs] allow = ["../shared"]`). URLs,
//! `file:` URLs and absolute paths are refused, symlinks are resolved before
//! the check (a link inside the project that points outside is outside), and
//! every file is read with a size cap, never from a device, FIFO or socket.

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The most bytes apigen reads from one file (a spec or a file it references).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The folders references may read below.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Boundary {
    /// Canonical folders; a file is inside when its canonical path starts with one.
    roots: Vec<PathBuf>,
    /// The first root as the user would name it, for messages.
    shown: String,
}

impl Boundary {
    /// The project root `root` plus the explicitly allowed folders (missing folders are ignored).
    pub fn new(root: &Path, allowed: &[PathBuf]) -> Boundary {
        let roots = std::iter::once(root).chain(allowed.iter().map(PathBuf::as_path)).filter_map(canonical_dir).collect();
        let shown = if root.as_os_str().is_empty() { ".".to_string() } else { root.display().to_string() };
        Boundary { roots, shown }
    }

    /// The boundary of a spec with no `apigen.toml`: the spec's own folder.
    pub fn around(spec: &Path) -> Boundary {
        Boundary::new(spec.parent().unwrap_or(Path::new("")), &[])
    }

    /// The file a relative reference names, seen from the folder `base` of the
    /// referring file: its path as written (for messages) and its canonical path.
    ///
    /// Errors: a sentence (to follow "$ref '…'") saying why it may not be read.
    pub fn resolve(&self, base: &Path, file_part: &str) -> Result<(PathBuf, PathBuf), String> {
        if has_scheme(file_part) {
            return Err("is a URL: apigen reads only files of the project (save the document into it and reference it by a relative path)".into());
        }
        let written = Path::new(file_part);
        if written.is_absolute() || file_part.starts_with('\\') {
            return Err(format!("is an absolute path: references are relative to the referring file and stay inside the project root ({})", self.shown));
        }
        if !is_document_name(written) {
            return Err("names a file that is not a YAML or JSON document (.yaml, .yml, .json)".into());
        }
        let joined = base.join(written);
        let shown = joined.display().to_string();
        let canonical = joined.canonicalize().map_err(|_| format!("names a file that cannot be read ({shown}: no such file)"))?;
        if !self.roots.iter().any(|root| canonical.starts_with(root)) {
            return Err(format!(
                "names {shown}, outside the project root ({}): allow its folder with `[refs] allow = [\"…\"]` in apigen.toml",
                self.shown
            ));
        }
        Ok((joined, canonical))
    }

    /// Whether a document named on the command line (or found by a folder walk or a
    /// glob) may be read: one whose path goes through a symbolic link to a place outside
    /// the roots is refused, as a `$ref` to it is. A path that names a place outside
    /// without a link (`--config` elsewhere, `../other/api.yaml`) is the user's choice
    /// and is read.
    ///
    /// Errors: a sentence (to follow the path) that names neither the link's target
    /// nor anything in it.
    pub fn admit(&self, path: &Path) -> Result<(), String> {
        let Ok(canonical) = path.canonicalize() else { return Ok(()) };
        if self.roots.is_empty() || self.roots.iter().any(|root| canonical.starts_with(root)) || !through_link(path) {
            return Ok(());
        }
        Err(format!(
            "is a symbolic link (or in a linked folder) that leads outside the project root ({}): apigen reads only files of the project; name the file itself",
            self.shown
        ))
    }
}

/// Whether a path as written goes through a symbolic link (itself or one of its folders).
fn through_link(path: &Path) -> bool {
    path.ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .any(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()))
}

fn canonical_dir(path: &Path) -> Option<PathBuf> {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    path.canonicalize().ok().filter(|p| p.is_dir())
}

/// `http:`, `https:`, `file:`, `urn:`… (a drive letter `C:` is one character, not a scheme).
fn has_scheme(reference: &str) -> bool {
    match reference.split_once(':') {
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Whether a path names a YAML or JSON document by its extension.
pub fn is_document_name(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(), Some("yaml" | "yml" | "json"))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] (symlinks followed).
///
/// Errors: a missing file, a folder, a device, FIFO or socket (never opened, so
/// never blocks), a file over the cap, or an I/O error, as a sentence.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("is a folder".into());
    }
    if !meta.is_file() {
        return Err("is not a regular file (a device, FIFO or socket)".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the size check and the read: never read past the cap.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("is larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_stay_inside_the_roots() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        let shared = dir.path().join("shared");
        std::fs::create_dir_all(project.join("specs")).unwrap();
        std::fs::create_dir_all(&shared).unwrap();
        std::fs::write(project.join("specs/common.yaml"), "a: 1\n").unwrap();
        std::fs::write(shared.join("errors.yaml"), "a: 1\n").unwrap();
        std::fs::write(dir.path().join("secret.yaml"), "token: x\n").unwrap();
        let base = project.join("specs");
        let inside = Boundary::new(&project, &[]);
        assert!(inside.resolve(&base, "common.yaml").is_ok());
        assert!(inside.resolve(&base, "../specs/common.yaml").is_ok());
        for (reference, why) in [
            ("../../secret.yaml", "outside the project root"),
            ("../../shared/errors.yaml", "outside the project root"),
            ("/etc/passwd.yaml", "absolute path"),
            ("file:///etc/passwd", "is a URL"),
            ("https://example.com/a.yaml", "is a URL"),
            ("../../../../../../proc/self/environ", "not a YAML or JSON"),
            ("missing.yaml", "no such file"),
        ] {
            let e = inside.resolve(&base, reference).unwrap_err();
            assert!(e.contains(why), "{reference}: {e}");
        }
        let allowed = Boundary::new(&project, std::slice::from_ref(&shared));
        assert!(allowed.resolve(&base, "../../shared/errors.yaml").is_ok());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.yaml"), project.join("specs/link.yaml")).unwrap();
            let e = inside.resolve(&base, "link.yaml").unwrap_err();
            assert!(e.contains("outside the project root"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_document_linked_from_outside_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        std::fs::create_dir_all(project.join("specs")).unwrap();
        std::fs::write(dir.path().join("creds.yaml"), "token: x\n").unwrap();
        std::fs::write(project.join("specs/api.yaml"), "a: 1\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("creds.yaml"), project.join("specs/creds.yaml")).unwrap();
        std::os::unix::fs::symlink(project.join("specs/api.yaml"), project.join("specs/inside.yaml")).unwrap();
        std::os::unix::fs::symlink(dir.path(), project.join("outer")).unwrap();
        let inside = Boundary::new(&project, &[]);
        assert!(inside.admit(&project.join("specs/api.yaml")).is_ok());
        assert!(inside.admit(&project.join("specs/inside.yaml")).is_ok());
        for linked in ["specs/creds.yaml", "outer/creds.yaml"] {
            let e = inside.admit(&project.join(linked)).unwrap_err();
            assert!(e.contains("leads outside the project root") && !e.contains("creds"), "{linked}: {e}");
        }
        // Named without a link: the user's choice.
        assert!(inside.admit(&dir.path().join("creds.yaml")).is_ok());
        assert!(Boundary::around(&project.join("specs/creds.yaml")).admit(&project.join("specs/creds.yaml")).is_err());
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_capped(dir.path()).unwrap_err().contains("folder"));
        #[cfg(unix)]
        {
            assert!(read_capped(Path::new("/dev/zero")).unwrap_err().contains("not a regular file"));
            let fifo = dir.path().join("fifo.yaml");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
            if made {
                assert!(read_capped(&fifo).unwrap_err().contains("not a regular file"));
            }
        }
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        assert_eq!(read_capped(&file).unwrap(), b"a: 1\n");
    }
}
