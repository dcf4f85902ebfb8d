//! The documentation a user navigates: README.md and the book in docs/.
//!
//! - every relative link of README.md and of every page of docs/ names a file that
//!   exists and, with a `#fragment`, a heading of that page (external links are not
//!   fetched); links of docs/ stay inside docs/, the book's source;
//! - every page of docs/ is listed in docs/SUMMARY.md;
//! - every rule and diff check has its page, generated from the registries, and the
//!   pages in docs/ are current: `APIGEN_BLESS=1 cargo test --test docs` rewrites them.
//!
//! Links and headings are read with pulldown-cmark, the parser mdBook renders with.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use apigen::cli::reference;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn docs() -> PathBuf {
    root().join("docs")
}

/// Every Markdown file under `dir`, sorted.
fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// The link and image destinations of a Markdown text.
fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// The anchors of a page's headings, as GitHub and mdBook make them: the heading's text
/// lowercased, spaces as `-`, other punctuation dropped; a repeated anchor gets `-1`, `-2`.
/// Written here rather than taken from the generator (which links the standard's sections
/// the same way), so that a wrong rule in one is caught by the other.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = heading.take().unwrap_or_default();
                let base: String = text
                    .trim()
                    .to_lowercase()
                    .chars()
                    .filter_map(|c| match c {
                        ' ' => Some('-'),
                        c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                        _ => None,
                    })
                    .collect();
                let n = seen.entry(base.clone()).or_insert(0);
                anchors.insert(if *n == 0 { base.clone() } else { format!("{base}-{n}") });
                *n += 1;
            }
            _ => {}
        }
    }
    anchors
}

/// `a/b/../c` → `a/c`, without touching the filesystem.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What is wrong with one relative link of `file`, if anything.
fn broken(file: &Path, link: &str, inside: Option<&Path>) -> Option<String> {
    let (path, fragment) = link.split_once('#').map_or((link, None), |(p, f)| (p, Some(f)));
    let target =
        if path.is_empty() { file.to_path_buf() } else { normalize(&file.parent().expect("a folder").join(path)) };
    if let Some(inside) = inside {
        if !target.starts_with(inside) {
            return Some(format!("{link}: leads out of {} (the book shows only its own pages)", inside.display()));
        }
    }
    let shown = target.strip_prefix(root()).unwrap_or(&target).display().to_string();
    if !target.exists() {
        return Some(format!("{link}: {shown} does not exist"));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if target.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let text = std::fs::read_to_string(&target).expect("a readable page");
    (!anchors(&text).contains(fragment)).then(|| format!("{link}: {shown} has no heading #{fragment}"))
}

fn is_external(link: &str) -> bool {
    ["http://", "https://", "mailto:"].iter().any(|scheme| link.starts_with(scheme))
}

#[test]
fn every_relative_link_resolves() {
    let docs = docs();
    let mut files = vec![(root().join("README.md"), None)];
    files.extend(markdown_files(&docs).into_iter().map(|f| (f, Some(docs.as_path()))));
    let mut problems = Vec::new();
    let mut checked = 0;
    for (file, inside) in &files {
        let text = std::fs::read_to_string(file).expect("a readable page");
        for link in links(&text).iter().filter(|l| !is_external(l)) {
            checked += 1;
            if let Some(problem) = broken(file, link, *inside) {
                problems.push(format!("{}: {problem}", file.strip_prefix(root()).unwrap_or(file).display()));
            }
        }
    }
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn every_page_is_in_the_summary() {
    let docs = docs();
    let summary = std::fs::read_to_string(docs.join("SUMMARY.md")).expect("docs/SUMMARY.md");
    let listed: BTreeSet<PathBuf> = links(&summary).iter().map(|l| normalize(&docs.join(l))).collect();
    let missing: Vec<_> = markdown_files(&docs)
        .into_iter()
        .filter(|page| !page.ends_with("SUMMARY.md") && !listed.contains(page))
        .map(|page| page.strip_prefix(&docs).unwrap_or(&page).display().to_string())
        .collect();
    assert!(missing.is_empty(), "pages docs/SUMMARY.md does not list: {missing:?}");
}

#[test]
fn no_page_cites_documents_users_do_not_have() {
    let mut files = vec![root().join("README.md")];
    files.extend(markdown_files(&docs()));
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable page");
        for word in ["DESIGN", "standards/", "standards 00", "shared/"] {
            assert!(!text.contains(word), "{} mentions {word:?}", file.display());
        }
    }
}

#[test]
fn the_readme_counts_the_rules() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let count = apigen::check::registry::all().count();
    assert!(
        readme.contains(&format!("a catalogue of {count} rules")),
        "README.md should say \"a catalogue of {count} rules\""
    );
}

#[test]
fn the_checker_finds_a_missing_page_and_a_missing_heading() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let page = dir.path().join("a.md");
    std::fs::write(
        &page,
        "# Title `code` here\n\n## Title code here\n\n[x](b.md) [y](#title-code-here-1) [z](#nope)\n",
    )
    .expect("write");
    assert!(broken(&page, "b.md", None).is_some_and(|p| p.contains("does not exist")));
    assert_eq!(broken(&page, "#title-code-here", None), None);
    assert_eq!(broken(&page, "#title-code-here-1", None), None);
    assert!(broken(&page, "#nope", None).is_some_and(|p| p.contains("no heading")));
    assert!(broken(&page, "../a.md", Some(dir.path())).is_some_and(|p| p.contains("leads out")));
    assert_eq!(links("[a](x.md) ![b](y.png) <https://e.org>"), ["x.md", "y.png", "https://e.org"]);
}

#[test]
fn reference_pages_are_current() {
    let docs = docs();
    let bless = std::env::var_os("APIGEN_BLESS").is_some();
    let pages = reference::pages();
    let mut stale = Vec::new();
    for (path, text) in &pages {
        let file = docs.join(path);
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.clone());
            if bless {
                std::fs::create_dir_all(file.parent().expect("a folder")).expect("create the folder");
                std::fs::write(&file, text).expect("write the page");
            }
        }
    }
    let generated: BTreeSet<PathBuf> = pages.iter().map(|(path, _)| docs.join(path)).collect();
    for dir in [reference::RULES_DIR, reference::DIFF_CHECKS_DIR] {
        for file in markdown_files(&docs.join(dir)).into_iter().filter(|f| !generated.contains(f)) {
            stale.push(format!("{} (no such rule or diff check)", file.strip_prefix(&docs).unwrap_or(&file).display()));
            if bless {
                std::fs::remove_file(&file).expect("remove the page");
            }
        }
    }
    let summary_path = docs.join("SUMMARY.md");
    let summary = std::fs::read_to_string(&summary_path).expect("docs/SUMMARY.md");
    let head =
        summary.find(&format!("\n{}\n", reference::SUMMARY_TAIL_START)).map_or(summary.as_str(), |at| &summary[..=at]);
    let current = format!("{head}{}", reference::summary_tail());
    if current != summary {
        stale.push("SUMMARY.md (the list of rules and diff checks at its end)".into());
        if bless {
            std::fs::write(&summary_path, current).expect("write docs/SUMMARY.md");
        }
    }
    assert!(
        bless || stale.is_empty(),
        "docs/ pages differ from the registries: {stale:?}\nrefresh them with `APIGEN_BLESS=1 cargo test --test docs` and review the diff"
    );
}
