//! Replacing one file whole or not at all: the text goes into a new file beside it
//! (`.{name}.{pid}.apigen-new`, opened with `create_new`, so nothing already there is
//! opened or written through), which is then renamed over the path. A symbolic link at the
//! path is replaced, never followed; a failed write leaves the old file as it was and removes
//! the temporary one. Used for the files apigen writes one at a time (a baseline, a bundle);
//! generated code has its own transaction ([`crate::generate::writer`]).

use std::io::Write as _;
use std::path::Path;

/// Writes `bytes` to `path` as described in the module docs.
///
/// Errors: the new file cannot be created, written or synced, or cannot be renamed over `path`
/// (the error of the failing step).
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.{}.apigen-new", std::process::id()));
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all()).and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}
