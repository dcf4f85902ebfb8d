//! The template environment (docs/architecture.md, "The pipeline"): minijinja templates under
//! `templates/<target>/`, embedded in the binary, overridable file by file with
//! `--templates DIR`, and the filters that do all escaping.
//!
//! Spec text is untrusted (docs/security.md). The escaping discipline:
//!
//! | sink | how | filter |
//! |---|---|---|
//! | anything written with a bare `{{ value }}` | one line: line terminators (LF, CR, VT, FF, NEL, U+2028/2029) become spaces, other control characters and bidi controls are removed, so no value can end a line comment or start a line of code | (the environment's formatter) |
//! | Rust doc comments | every line prefixed with `///` or `//!`, each line cleaned as above; outside fenced code, nothing starts HTML, a link, an image or an entity ([`super::markdown::inert_line`]) | `doc`, `inner_doc` |
//! | Markdown text (READMEs) | one line, ASCII punctuation backslash-escaped, no mention or bare URL GitHub links ([`super::markdown::text`]) | `md_text` |
//! | spec text inside a doc comment line or shown as code in a README | one line made inert ([`super::markdown::inert_line`]), or a code span no text leaves ([`super::markdown::code`]) | `md_line`, `md_code` |
//! | Rust string literals | `proc-macro2`'s escaping | `rust_str` |
//! | Rust identifiers | `[A-Za-z0-9_]` only, keywords made raw or suffixed | `snake_ident`, `type_ident` |
//! | TOML strings | the `toml` crate's escaping | `toml_str` |
//! | Python string literals, docstrings, text in a docstring | every character outside printable ASCII escaped; docstring lines cleaned, `\\` and `"` escaped | `py_str`, `py_doc`, `py_text` |
//! | SQL identifiers, literals | quoted and escaped for the dialect | `sql_ident`, `sql_literal` |
//! | TypeScript and JSON string literals | JSON's escaping, every character outside printable ASCII as `\\uXXXX` | `ts_str`, `json_str` |
//! | JSDoc | lines cleaned, `*/` written `*\\/` | `jsdoc`, `jsdoc_text` |
//!
//! The filters return safe strings, which the formatter writes as they are; every
//! other string goes through [`crate::text::one_line`].

use std::path::PathBuf;

use minijinja::{Environment, Error, ErrorKind, UndefinedBehavior};

use super::{markdown, names};
use crate::text::{clean_lines, one_line};

/// Every built-in template: (name, text). A `--templates` folder may replace any of them.
const EMBEDDED: &[(&str, &str)] = &[
    ("models/Cargo.toml.j2", include_str!("../../templates/models/Cargo.toml.j2")),
    ("models/lib.rs.j2", include_str!("../../templates/models/lib.rs.j2")),
    ("models/module.rs.j2", include_str!("../../templates/models/module.rs.j2")),
    ("models/types.rs.j2", include_str!("../../templates/models/types.rs.j2")),
    ("server-axum/Cargo.toml.j2", include_str!("../../templates/server-axum/Cargo.toml.j2")),
    ("server-axum/lib.rs.j2", include_str!("../../templates/server-axum/lib.rs.j2")),
    ("server-axum/api_mod.rs.j2", include_str!("../../templates/server-axum/api_mod.rs.j2")),
    ("server-axum/auth.rs.j2", include_str!("../../templates/server-axum/auth.rs.j2")),
    ("server-axum/error.rs.j2", include_str!("../../templates/server-axum/error.rs.j2")),
    ("server-axum/resource.rs.j2", include_str!("../../templates/server-axum/resource.rs.j2")),
    ("server-axum/validate.rs.j2", include_str!("../../templates/server-axum/validate.rs.j2")),
    ("server-axum/webhooks.rs.j2", include_str!("../../templates/server-axum/webhooks.rs.j2")),
    ("server-axum/macros.j2", include_str!("../../templates/server-axum/macros.j2")),
    ("runtime/Cargo.toml.j2", include_str!("../../templates/runtime/Cargo.toml.j2")),
    ("runtime/lib.rs.j2", include_str!("../../templates/runtime/lib.rs.j2")),
    ("runtime/models/mod.rs.j2", include_str!("../../templates/runtime/models/mod.rs.j2")),
    ("runtime/models/de.rs.j2", include_str!("../../templates/runtime/models/de.rs.j2")),
    ("runtime/models/ser.rs.j2", include_str!("../../templates/runtime/models/ser.rs.j2")),
    ("runtime/client/mod.rs.j2", include_str!("../../templates/runtime/client/mod.rs.j2")),
    ("runtime/client/body.rs.j2", include_str!("../../templates/runtime/client/body.rs.j2")),
    ("runtime/client/builder.rs.j2", include_str!("../../templates/runtime/client/builder.rs.j2")),
    ("runtime/client/call.rs.j2", include_str!("../../templates/runtime/client/call.rs.j2")),
    ("runtime/client/credentials.rs.j2", include_str!("../../templates/runtime/client/credentials.rs.j2")),
    ("runtime/client/error.rs.j2", include_str!("../../templates/runtime/client/error.rs.j2")),
    ("runtime/client/pagination.rs.j2", include_str!("../../templates/runtime/client/pagination.rs.j2")),
    ("runtime/client/params.rs.j2", include_str!("../../templates/runtime/client/params.rs.j2")),
    ("runtime/client/reply.rs.j2", include_str!("../../templates/runtime/client/reply.rs.j2")),
    ("runtime/client/retry.rs.j2", include_str!("../../templates/runtime/client/retry.rs.j2")),
    ("runtime/client/transport.rs.j2", include_str!("../../templates/runtime/client/transport.rs.j2")),
    ("runtime/server/mod.rs.j2", include_str!("../../templates/runtime/server/mod.rs.j2")),
    ("runtime/server/auth.rs.j2", include_str!("../../templates/runtime/server/auth.rs.j2")),
    ("runtime/server/context.rs.j2", include_str!("../../templates/runtime/server/context.rs.j2")),
    ("runtime/server/error.rs.j2", include_str!("../../templates/runtime/server/error.rs.j2")),
    ("runtime/server/hooks.rs.j2", include_str!("../../templates/runtime/server/hooks.rs.j2")),
    ("runtime/server/inputs.rs.j2", include_str!("../../templates/runtime/server/inputs.rs.j2")),
    ("runtime/server/layers.rs.j2", include_str!("../../templates/runtime/server/layers.rs.j2")),
    ("runtime/server/pagination.rs.j2", include_str!("../../templates/runtime/server/pagination.rs.j2")),
    ("runtime/server/pipeline.rs.j2", include_str!("../../templates/runtime/server/pipeline.rs.j2")),
    ("runtime/server/validate.rs.j2", include_str!("../../templates/runtime/server/validate.rs.j2")),
    ("runtime/webhooks/mod.rs.j2", include_str!("../../templates/runtime/webhooks/mod.rs.j2")),
    ("runtime/webhooks/options.rs.j2", include_str!("../../templates/runtime/webhooks/options.rs.j2")),
    ("runtime/webhooks/verify.rs.j2", include_str!("../../templates/runtime/webhooks/verify.rs.j2")),
    ("runtime/webhooks/deliver.rs.j2", include_str!("../../templates/runtime/webhooks/deliver.rs.j2")),
    ("client-rust/Cargo.toml.j2", include_str!("../../templates/client-rust/Cargo.toml.j2")),
    ("client-rust/lib.rs.j2", include_str!("../../templates/client-rust/lib.rs.j2")),
    ("client-rust/client.rs.j2", include_str!("../../templates/client-rust/client.rs.j2")),
    ("client-rust/error.rs.j2", include_str!("../../templates/client-rust/error.rs.j2")),
    ("client-rust/resources.rs.j2", include_str!("../../templates/client-rust/resources.rs.j2")),
    ("client-rust/resource.rs.j2", include_str!("../../templates/client-rust/resource.rs.j2")),
    ("client-ts/package.json.j2", include_str!("../../templates/client-ts/package.json.j2")),
    ("client-ts/tsconfig.json.j2", include_str!("../../templates/client-ts/tsconfig.json.j2")),
    ("client-ts/README.md.j2", include_str!("../../templates/client-ts/README.md.j2")),
    ("client-ts/types.ts.j2", include_str!("../../templates/client-ts/types.ts.j2")),
    ("client-ts/client.ts.j2", include_str!("../../templates/client-ts/client.ts.j2")),
    ("client-ts/index.ts.j2", include_str!("../../templates/client-ts/index.ts.j2")),
    ("client-rust/webhooks.rs.j2", include_str!("../../templates/client-rust/webhooks.rs.j2")),
    ("client-ts/events.ts.j2", include_str!("../../templates/client-ts/events.ts.j2")),
    ("client-ts/webhooks.ts.j2", include_str!("../../templates/client-ts/webhooks.ts.j2")),
    ("client-python/pyproject.toml.j2", include_str!("../../templates/client-python/pyproject.toml.j2")),
    ("client-python/README.md.j2", include_str!("../../templates/client-python/README.md.j2")),
    ("client-python/__init__.py.j2", include_str!("../../templates/client-python/__init__.py.j2")),
    ("client-python/models.py.j2", include_str!("../../templates/client-python/models.py.j2")),
    ("client-python/_runtime.py.j2", include_str!("../../templates/client-python/_runtime.py.j2")),
    ("client-python/events.py.j2", include_str!("../../templates/client-python/events.py.j2")),
    ("client-python/webhooks.py.j2", include_str!("../../templates/client-python/webhooks.py.j2")),
    ("client-python/client.py.j2", include_str!("../../templates/client-python/client.py.j2")),
    ("migrations/macros.sql.j2", include_str!("../../templates/migrations/macros.sql.j2")),
    ("migrations/up.sql.j2", include_str!("../../templates/migrations/up.sql.j2")),
    ("migrations/step.sql.j2", include_str!("../../templates/migrations/step.sql.j2")),
    ("migrations/down.sql.j2", include_str!("../../templates/migrations/down.sql.j2")),
];

/// The built-in text of a template, by name (`models/lib.rs.j2`).
pub fn embedded(name: &str) -> Option<&'static str> {
    EMBEDDED.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// Builds the environment: strict undefined values, overrides first, then the embedded templates.
pub fn environment(overrides: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    // A custom escape mode: the formatter below does the escaping, and macro output
    // (already formatted by it) comes back as safe text instead of being flattened again.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Custom("apigen"));
    env.set_formatter(|out, _state, value| {
        match value.as_str() {
            Some(text) if value.is_safe() => out.write_str(text),
            Some(text) => out.write_str(&one_line(text)),
            None => write!(out, "{value}"),
        }
        .map_err(Error::from)
    });
    env.set_loader(move |name| {
        if let Some(dir) = &overrides {
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                    Error::new(ErrorKind::TemplateNotFound, format!("cannot read {}: {e}", path.display()))
                });
            }
        }
        Ok(embedded(name).map(str::to_string))
    });
    env.add_filter("rust_str", |s: String| safe(rust_str(s)));
    env.add_filter("doc", |s: Option<String>| safe(doc(s)));
    env.add_filter("inner_doc", |s: Option<String>| safe(inner_doc(s)));
    env.add_filter("snake_ident", |s: String| safe(names::snake_ident(&s)));
    env.add_filter("type_ident", |s: String| safe(names::type_ident(&s)));
    env.add_filter("toml_str", |s: String| safe(toml_str(s)));
    env.add_filter("json_str", |s: String| safe(super::ts::string_literal(&s)));
    env.add_filter("ts_str", |s: String| safe(super::ts::string_literal(&s)));
    env.add_filter("jsdoc", |s: Option<String>, indent: String| safe(jsdoc(s.as_deref().unwrap_or(""), &indent)));
    env.add_filter("jsdoc_text", |s: String| safe(one_line(&s).replace("*/", "*\\/")));
    env.add_filter("sql_ident", |s: String, d: String| sql_ident(s, d).map(safe));
    env.add_filter("sql_literal", |v: minijinja::Value, d: String| sql_literal(v, d).map(safe));
    env.add_filter("py_str", |s: String| safe(super::python::string_literal(&s)));
    env.add_filter("py_doc", |s: Option<String>, indent: String| safe(super::python::docstring(s.as_deref().unwrap_or(""), &indent)));
    env.add_filter("py_text", |s: String| safe(py_text(&s)));
    env.add_filter("md_text", |s: String| safe(super::markdown::text(&s)));
    env.add_filter("md_line", |s: String| safe(super::markdown::inert_line(&one_line(&s))));
    env.add_filter("md_code", |s: String| safe(super::markdown::code(&s)));
    env
}

fn safe(text: String) -> minijinja::Value {
    minijinja::Value::from_safe_string(text)
}

/// A Rust string literal for any text (`"a\"b"`), as `proc-macro2` writes it.
pub fn rust_str(s: String) -> String {
    proc_macro2::Literal::string(&s).to_string()
}

/// Text inside a Python docstring: one line, backslashes and quotes escaped.
pub fn py_text(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace('"', "\\\"")
}

/// An SQL identifier, quoted only where the dialect needs it (`{{ name | sql_ident(dialect) }}`).
///
/// Errors: an unknown dialect name.
pub fn sql_ident(name: String, dialect: String) -> Result<String, Error> {
    Ok(crate::database::dialect::ident(&name, sql_dialect(&dialect)?))
}

/// An SQL literal for any value: strings quoted and escaped for the dialect (`{{ v | sql_literal(dialect) }}`).
///
/// Errors: an unknown dialect name, or a value that is not data.
pub fn sql_literal(value: minijinja::Value, dialect: String) -> Result<String, Error> {
    let value = serde_json::to_value(&value).map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))?;
    Ok(crate::database::dialect::literal(&value, sql_dialect(&dialect)?))
}

fn sql_dialect(name: &str) -> Result<crate::database::Dialect, Error> {
    crate::database::Dialect::parse(name)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("no SQL dialect '{name}' (postgres, sqlite, mysql)")))
}

/// A TOML basic string for any text.
pub fn toml_str(s: String) -> String {
    toml::Value::String(s).to_string()
}

/// Markdown text as `///` doc comment lines (empty text gives nothing).
///
/// Code fences without a language become `text` fences, and indentation is
/// removed, so rustdoc never runs spec text as a doctest.
pub fn doc(text: Option<String>) -> String {
    comment_lines(text.as_deref().unwrap_or(""), "///")
}

/// Text as a JSDoc block (`/** … */`) at an indentation; empty text gives nothing. No
/// text can end the block early: `*/` is written `*\/`.
pub fn jsdoc(text: &str, indent: &str) -> String {
    let text = text.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for line in clean_lines(&text) {
        let line = line.trim_end().replace("*/", "*\\/");
        if line.is_empty() {
            out.push_str(&format!("{indent} *\n"));
        } else {
            out.push_str(&format!("{indent} * {line}\n"));
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// Markdown text as `//!` inner doc comment lines.
pub fn inner_doc(text: Option<String>) -> String {
    comment_lines(text.as_deref().unwrap_or(""), "//!")
}

fn comment_lines(text: &str, marker: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let mut fence: Option<(char, usize)> = None;
    // `\r\n` is one break, not a break and an empty line.
    let text = text.replace("\r\n", "\n");
    for line in clean_lines(&text) {
        let line = line.trim();
        let line = match fence {
            Some(open) => {
                if markdown::fence_closes(line, open) {
                    fence = None;
                }
                line.to_string()
            }
            None => match markdown::fence_open(line) {
                Some((ch, len)) => {
                    fence = Some((ch, len));
                    // rustdoc runs a fence without a language, or `rust`, as a doctest.
                    let lang = line[len..].trim();
                    if lang.is_empty() || lang == "rust" {
                        format!("{}text", ch.to_string().repeat(len))
                    } else {
                        line.to_string()
                    }
                }
                None => markdown::inert_line(line),
            },
        };
        if line.is_empty() {
            out.push_str(marker);
        } else {
            out.push_str(marker);
            out.push(' ');
            out.push_str(&line);
        }
        out.push('\n');
    }
    if let Some((ch, len)) = fence {
        out.push_str(&format!("{marker} {}\n", ch.to_string().repeat(len)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spec Markdown in a doc comment: fenced code stays literal (a fence that is none,
    /// ```` ``` a`b ````, opens nothing), and nothing outside it renders as HTML, a link or
    /// an image.
    #[test]
    fn doc_comments_carry_no_html_link_or_image() {
        let spec = "Intro <img src=x onerror=alert(1)> [a](https://evil.example)\n``` a`b\n<script>x</script>\n```\n<b>in</b> [r]: https://evil.example\n```json\n{\"a\": [1](2)}\n```\n~~~~\n<i>\n~~~\nstill <i>code</i>\n~~~~\n![i](https://t.example/p.gif)";
        for marker in ["///", "//!"] {
            let comment = if marker == "///" { doc(Some(spec.into())) } else { inner_doc(Some(spec.into())) };
            let markdown: String = comment.lines().map(|l| format!("{}\n", l.trim_start_matches(marker).trim_start())).collect();
            let (shown, active) = super::super::markdown::tests::render(&markdown);
            assert!(active.is_empty(), "{comment}\nrenders {active:?}");
            assert!(shown.contains("{\"a\": [1](2)}") && shown.contains("still <i>code</i>"), "fenced code changed: {comment}");
        }
    }

    #[test]
    fn escapes_strings_and_docs() {
        assert_eq!(rust_str("a\"b\\c\n".into()), r#""a\"b\\c\n""#);
        for text in ["x\"y", "it's", "a\nb"] {
            let parsed: toml::Table = toml::from_str(&format!("k = {}", toml_str(text.into()))).unwrap();
            assert_eq!(parsed["k"].as_str(), Some(text));
        }
        assert_eq!(doc(Some("Line one.\n\n    indented\n```\nlet x = 1;\n```".into())), "/// Line one.\n///\n/// indented\n/// ```text\n/// let x = 1;\n/// ```\n");
        assert_eq!(doc(None), "");
        assert_eq!(doc(Some("```json\n{}".into())), "/// ```json\n/// {}\n/// ```\n");
    }

    /// A folder of overrides holding `models/lib.rs.j2` with `text`, and the environment over it.
    fn overriding_lib(text: &str) -> (tempfile::TempDir, Environment<'static>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("models")).unwrap();
        std::fs::write(dir.path().join("models/lib.rs.j2"), text).unwrap();
        let env = environment(Some(dir.path().to_path_buf()));
        (dir, env)
    }

    #[test]
    fn overrides_win_over_embedded_templates() {
        let (_dir, env) = overriding_lib("// custom {{ 1 + 1 }}");
        assert_eq!(env.get_template("models/lib.rs.j2").unwrap().render(()).unwrap(), "// custom 2");
        assert!(env.get_template("models/Cargo.toml.j2").is_ok());
    }

    /// A run reads and compiles each template once, however many files and threads render
    /// it: a template file changed after its first use is not read again by the same run.
    #[test]
    fn a_template_is_compiled_once_per_run() {
        let (dir, env) = overriding_lib("first {{ n }}");
        let render = |n: usize| env.get_template("models/lib.rs.j2").unwrap().render(minijinja::context! { n }).unwrap();
        assert_eq!(render(1), "first 1");
        std::fs::write(dir.path().join("models/lib.rs.j2"), "second {{ n }}").unwrap();
        let rendered = std::thread::scope(|s| {
            let threads: Vec<_> = (2..6).map(|n| s.spawn(move || render(n))).collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect::<Vec<_>>()
        });
        assert_eq!(rendered, ["first 2", "first 3", "first 4", "first 5"]);
    }

    #[test]
    fn python_text_stays_in_its_literal() {
        let env = environment(None);
        let render = |src: &str, text: &str| env.render_str(src, minijinja::context! { t => text }).unwrap();
        assert_eq!(render("x = {{ t | py_str }}", "a\"\n\\"), "x = \"a\\\"\\n\\\\\"");
        assert_eq!(render("{{ t | py_doc('') }}", "Ends \"\"\"\nimport os"), "\"\"\"Ends \\\"\\\"\\\"\nimport os\n\"\"\"\n");
        assert_eq!(render("\"\"\"{{ t | py_text }}\"\"\"", "a\"\"\"\nb\\"), "\"\"\"a\\\"\\\"\\\" b\\\\\"\"\"");
    }
}
