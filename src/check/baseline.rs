//! Baselines: record the findings a spec has today (`apigen check
//! --write-baseline FILE`) and later report only the findings that are not in
//! the record (`--baseline FILE`, or `baseline = "…"` in `apigen.toml`).
//!
//! A finding is matched by its fingerprint: the rule, the JSON pointer of the
//! node it blames (with array positions of named things, such as parameters,
//! replaced by their names) and the message with its numbers blanked. Lines and
//! columns take no part, so re-indenting the file or inserting lines above a
//! finding keeps it matched; a new finding of the same rule on another node has
//! another pointer and is reported. The record is a multiset: a second identical
//! finding on the same node is new. Entries of checked documents that no longer
//! occur are returned as fixed, so the baseline can shrink.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::load::Document;

/// The format version written in every baseline file.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The checked document, relative to the baseline file's folder, with `/` separators.
    pub file: String,
    /// The rule id.
    pub rule: String,
    /// The JSON pointer of the finding, for people reading the file.
    pub pointer: String,
    /// The finding's message, for people reading the file.
    pub message: String,
    /// What findings are matched by (see the module documentation).
    pub fingerprint: String,
}

impl Entry {
    /// The entry with every text field as one visible line ([`crate::text::visible`]), for
    /// reports: a baseline file is as untrusted as a spec.
    pub fn visible(&self) -> Entry {
        let v = |s: &str| crate::text::visible(s).into_owned();
        Entry { file: v(&self.file), rule: v(&self.rule), pointer: v(&self.pointer), message: v(&self.message), fingerprint: v(&self.fingerprint) }
    }
}

/// A baseline file: `{"version": 1, "findings": [Entry…]}`, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// [`VERSION`].
    pub version: u32,
    /// The recorded findings.
    pub findings: Vec<Entry>,
}

/// The fingerprint of a finding of a document (see the module documentation).
pub fn fingerprint(doc: &Document, d: &Diagnostic) -> String {
    let subject = format!("{}\u{0}{}\u{0}{}", d.rule, stable_pointer(&doc.root, &d.pointer), blank_numbers(&d.message));
    format!("{:016x}", fnv1a(subject.as_bytes()))
}

/// FNV-1a, 64 bits: stable across platforms, releases and runs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The message with every run of digits replaced by `#`: counts and dates in a
/// message (days until a sunset, a maximum) may change while the problem stays.
fn blank_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_number = false;
    for c in message.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// The pointer with each array position replaced by what the element is called,
/// when it is called something (`name` + `in` of a parameter, a `$ref`): inserting
/// a parameter before another does not change the other's fingerprint.
fn stable_pointer(root: &Value, pointer: &str) -> String {
    let mut node = Some(root);
    let mut out = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        let key = segment.replace("~1", "/").replace("~0", "~");
        let next = match node {
            Some(Value::Array(items)) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
            Some(Value::Object(map)) => map.get(&key),
            _ => None,
        };
        out.push('/');
        match (node, next) {
            (Some(Value::Array(_)), Some(Value::Object(item))) => {
                let name = |k: &str| item.get(k).and_then(Value::as_str);
                match (name("name"), name("$ref")) {
                    (Some(n), _) => out.push_str(&format!("[{}@{}]", n, name("in").unwrap_or(""))),
                    (None, Some(r)) => out.push_str(&format!("[{r}]")),
                    _ => out.push_str(segment),
                }
            }
            _ => out.push_str(segment),
        }
        node = next;
    }
    out
}

/// How a document is named in a baseline: relative to the baseline's folder when
/// both can be resolved, else as given; `/` separators.
pub fn file_key(doc_path: &Path, baseline_path: &Path) -> String {
    let dir = baseline_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let relative = match (std::fs::canonicalize(doc_path), std::fs::canonicalize(dir)) {
        (Ok(doc), Ok(dir)) => doc.strip_prefix(&dir).map(Path::to_path_buf).unwrap_or(doc),
        _ => doc_path.to_path_buf(),
    };
    relative.to_string_lossy().replace('\\', "/")
}

impl Baseline {
    /// Records the findings of some documents for a baseline file at `path`.
    pub fn record<'a>(path: &Path, docs: impl IntoIterator<Item = (&'a Document, &'a [Diagnostic])>) -> Baseline {
        let mut findings = Vec::new();
        for (doc, diagnostics) in docs {
            let Some(main) = doc.files.first() else { continue };
            let file = file_key(&main.path, path);
            for d in diagnostics {
                findings.push(Entry {
                    file: file.clone(),
                    rule: d.rule.to_string(),
                    pointer: d.pointer.clone(),
                    message: d.message.clone(),
                    fingerprint: fingerprint(doc, d),
                });
            }
        }
        findings.sort_by(|a, b| (&a.file, &a.rule, &a.pointer, &a.message).cmp(&(&b.file, &b.rule, &b.pointer, &b.message)));
        Baseline { version: VERSION, findings }
    }

    /// Reads a baseline file (a regular file of at most [`crate::load::boundary::MAX_FILE_BYTES`]).
    /// A baseline is as untrusted as a spec: an error names the file and a position,
    /// never what the file holds.
    ///
    /// Errors: the file cannot be read or is not a baseline of this version.
    pub fn read(path: &Path) -> anyhow::Result<Baseline> {
        let shown = crate::text::visible(&path.to_string_lossy()).into_owned();
        let bytes = crate::load::boundary::read_capped(path).map_err(|why| {
            anyhow::anyhow!("cannot read the baseline {shown}: {} (write one with `apigen check --write-baseline FILE`)", crate::text::visible(&why))
        })?;
        let baseline: Baseline = serde_json::from_slice(&bytes).map_err(|e| {
            anyhow::anyhow!(
                "{shown}:{}:{}: not an apigen baseline ({{\"version\": {VERSION}, \"findings\": [...]}} as `apigen check --write-baseline` writes it)",
                e.line(),
                e.column()
            )
        })?;
        anyhow::ensure!(baseline.version == VERSION, "{shown}: baseline version {} (this apigen reads {VERSION})", baseline.version);
        Ok(baseline)
    }

    /// Writes the baseline as pretty JSON (one entry per finding, stable order, for reviewable
    /// diffs): into a new file beside it, then renamed over it, so a symbolic link at `path`
    /// is replaced, never written through, and a failed write leaves the old baseline whole.
    ///
    /// Errors: the file cannot be written.
    pub fn write(&self, path: &Path) -> anyhow::Result<()> {
        let mut text = serde_json::to_string_pretty(self).expect("a baseline serializes");
        text.push('\n');
        crate::replace::replace(path, text.as_bytes())
            .with_context(|| format!("cannot write the baseline {}", crate::text::visible(&path.to_string_lossy())))
    }
}

/// A baseline being applied to a run: which recorded findings are still unmatched.
#[derive(Debug)]
pub struct Matcher {
    path: PathBuf,
    /// Per document key, per fingerprint: the entries not matched yet.
    open: HashMap<String, HashMap<String, Vec<Entry>>>,
    /// Documents of this run, by key: only their unmatched entries are fixed.
    checked: Vec<String>,
    /// Findings that matched an entry.
    pub baselined: usize,
}

impl Matcher {
    /// Starts applying a baseline read from `path`.
    pub fn new(path: &Path, baseline: Baseline) -> Matcher {
        let mut open: HashMap<String, HashMap<String, Vec<Entry>>> = HashMap::new();
        for e in baseline.findings {
            open.entry(e.file.clone()).or_default().entry(e.fingerprint.clone()).or_default().push(e);
        }
        Matcher { path: path.to_path_buf(), open, checked: Vec::new(), baselined: 0 }
    }

    /// The baseline file this matcher applies.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The findings of a document that the baseline does not hold.
    pub fn filter(&mut self, doc: &Document, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
        let Some(main) = doc.files.first() else { return diagnostics.to_vec() };
        let key = file_key(&main.path, &self.path);
        let open = self.open.entry(key.clone()).or_default();
        if !self.checked.contains(&key) {
            self.checked.push(key);
        }
        let mut new = Vec::new();
        for d in diagnostics {
            match open.get_mut(&fingerprint(doc, d)).and_then(Vec::pop) {
                Some(_) => self.baselined += 1,
                None => new.push(d.clone()),
            }
        }
        new
    }

    /// The entries of checked documents that matched no finding: fixed since the
    /// baseline was written, sorted. A document checked twice in one run counts once.
    pub fn fixed(&self) -> Vec<Entry> {
        let mut fixed: Vec<Entry> = self
            .checked
            .iter()
            .filter_map(|k| self.open.get(k))
            .flat_map(|by_print| by_print.values().flatten().cloned())
            .collect();
        fixed.sort_by(|a, b| (&a.file, &a.pointer, &a.rule).cmp(&(&b.file, &b.pointer, &b.rule)));
        fixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_blanked_and_names_replace_parameter_positions() {
        assert_eq!(blank_numbers("x-sunset 2027-01-02 is 12 days away"), "x-sunset #-#-# is # days away");
        let root: Value = serde_json::json!({"paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query"}, {"$ref": "#/p"}]}}}});
        assert_eq!(stable_pointer(&root, "/paths/~1a/get/parameters/0/schema"), "/paths/~1a/get/parameters/[q@query]/schema");
        assert_eq!(stable_pointer(&root, "/paths/~1a/get/parameters/1"), "/paths/~1a/get/parameters/[#/p]");
        assert_eq!(stable_pointer(&root, "/paths/~1a/get/parameters/7"), "/paths/~1a/get/parameters/7");
    }
}
