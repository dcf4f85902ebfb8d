//! Spec text in Markdown: the generated READMEs (rendered by GitHub and package
//! indexes) and rustdoc comments (rendered by rustdoc). Spec text there must not
//! become raw HTML, a link or an image, an entity that spells an invisible or
//! bidirectional character, or (on GitHub) an `@mention`.
//!
//! | function | for | what stays |
//! |---|---|---|
//! | [`text`] | plain spec text in a README (a title, a version) | the text, on one line |
//! | [`inert_line`] | a line of spec Markdown (a description) in a doc comment | emphasis, code, lists, headings |
//! | [`code`] | spec text shown as code (a name, a value, a path) | the text, on one line |

/// The entity of a zero-width space: invisible, and it breaks a pattern GitHub links.
const BREAK: &str = "&#8203;";

/// Spec text as one line of Markdown that renders as that text: line breaks become
/// spaces and control and bidirectional characters go ([`crate::text::one_line`]); the
/// characters that start inline markup anywhere (`` \ ` * _ [ ] < > & ! | ~ $ ``), the
/// first character when it is punctuation, and a `.` or `)` after leading digits that
/// ends a list marker (block markup: a heading, a list, a quote) are backslash-escaped,
/// so no HTML, link, image, entity, code span or emphasis starts; and an invisible
/// zero-width space follows `@` before a letter or digit, `:` before `//` and `www`
/// before `.`, so GitHub links no mention, e-mail address or bare URL.
pub fn text(s: &str) -> String {
    let line = crate::text::one_line(s);
    let chars: Vec<char> = line.trim().chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let marker = i == digits && i > 0 && matches!(c, '.' | ')') && next.is_none_or(|n| n == ' ' || n == '\t');
        let block = (i == 0 && c.is_ascii_punctuation()) || marker;
        if block || "\\`*_[]<>&!|~$".contains(c) {
            out.push('\\');
        }
        out.push(c);
        let breaks = match c {
            '@' => next.is_some_and(|n| n.is_ascii_alphanumeric()),
            ':' => chars[i + 1..].starts_with(&['/', '/']),
            'w' | 'W' => next == Some('.') && i >= 2 && chars[i - 2..i].iter().all(|w| w.eq_ignore_ascii_case(&'w')),
            _ => false,
        };
        if breaks {
            out.push_str(BREAK);
        }
    }
    out
}

/// A line of spec Markdown made inert for a doc comment (outside fenced code, which is
/// literal): a `<` that could open an HTML tag, comment or autolink (before a letter,
/// `/`, `!` or `?`), an `&` that could start an entity (before a letter or `#`) and a
/// `]` that could close a link, an image or a reference definition (before `(`, `[` or
/// `:`) and a `[` that could open a footnote (before `^`) are backslash-escaped; an
/// existing backslash escape is kept as it is. Emphasis, code spans, lists and headings
/// stay. Code spans are not told apart (where one starts depends on the whole block), so
/// inside one an escape shows as written (`Vec\<T>`): harmless, where guessing wrong
/// would leave HTML unescaped.
pub fn inert_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\\' && next.is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(c);
            out.extend(next);
            i += 2;
            continue;
        }
        let active = match c {
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphabetic() || n == '#'),
            ']' => matches!(next, Some('(' | '[' | ':')),
            '[' => next == Some('^'),
            _ => false,
        };
        if active {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Spec text as a Markdown code span on one line (`` `a` ``): delimited by one backtick
/// more than its longest run of backticks, with a space inside when it starts or ends
/// with a backtick or a space (CommonMark strips one from each side), so no text leaves
/// the span; inside it nothing is HTML, a link or an entity.
pub fn code(s: &str) -> String {
    let line = crate::text::one_line(s);
    let longest = line.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if line.starts_with(['`', ' ']) || line.ends_with(['`', ' ']) { " " } else { "" };
    format!("{ticks}{pad}{line}{pad}{ticks}")
}

/// A fenced code block's opening line: its character (`` ` `` or `~`) and length, when
/// `line` (without indentation) opens one as CommonMark says (three or more of the
/// character; after backticks, no backtick in the info string).
pub fn fence_open(line: &str) -> Option<(char, usize)> {
    let ch = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = line.chars().take_while(|c| *c == ch).count();
    (len >= 3 && !(ch == '`' && line[len..].contains('`'))).then_some((ch, len))
}

/// Whether `line` (without indentation) closes a fence opened with `fence`: as many of
/// its character or more, then only spaces.
pub fn fence_closes(line: &str, (ch, len): (char, usize)) -> bool {
    let run = line.chars().take_while(|c| *c == ch).count();
    run >= len && line[run * ch.len_utf8()..].trim().is_empty()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn plain_text_renders_as_itself() {
        assert_eq!(text("Orders API (v1.2.0), orders-client"), "Orders API (v1.2.0), orders-client");
        assert_eq!(text("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
        assert_eq!(text("[click](https://evil.example)"), "\\[click\\](https:&#8203;//evil.example)");
        assert_eq!(text("![x](y)"), "\\!\\[x\\](y)");
        assert_eq!(text("ping @octocat or a@b.c"), "ping @&#8203;octocat or a@&#8203;b.c");
        assert_eq!(text("see www.evil.example"), "see www&#8203;.evil.example");
        assert_eq!(text("&#x202E; `x` *y* _z_ ~w~ $m$ |t|"), "\\&#x202E; \\`x\\` \\*y\\* \\_z\\_ \\~w\\~ \\$m\\$ \\|t\\|");
        // Block markup at the start of a line: a heading, a list, a quote.
        assert_eq!(text("# h"), "\\# h");
        assert_eq!(text("- a"), "\\- a");
        assert_eq!(text("> q"), "\\> q");
        assert_eq!(text("2024. year"), "2024\\. year");
        assert_eq!(text("1.2.0"), "1.2.0");
        assert_eq!(text("a\u{202e}b\r\nc\\"), "ab  c\\\\");
    }

    #[test]
    fn spec_markdown_keeps_its_formatting_but_reaches_nothing() {
        assert_eq!(inert_line("**Bold**, `code`, _em_ and a < b & c"), "**Bold**, `code`, _em_ and a < b & c");
        assert_eq!(inert_line("<script>x</script>"), "\\<script>x\\</script>");
        assert_eq!(inert_line("<!-- c --> <?php <https://x>"), "\\<!-- c --> \\<?php \\<https://x>");
        assert_eq!(inert_line("[a](https://x) ![i](https://t/p.gif)"), "[a\\](https://x) ![i\\](https://t/p.gif)");
        assert_eq!(inert_line("[a][r] and [r]: https://x"), "[a\\][r] and [r\\]: https://x");
        assert_eq!(inert_line("&#x202E; &amp; &"), "\\&#x202E; \\&amp; &");
        // An escape stays one: `\<` is literal already, and `\\` does not escape the `<`.
        assert_eq!(inert_line("\\<b> \\\\<b>"), "\\<b> \\\\\\<b>");
        assert_eq!(inert_line("items[0] and f(x)"), "items[0] and f(x)");
    }

    /// Hostile spec text: raw HTML, links, images, autolinks, reference definitions,
    /// entities (one spells a bidi override), mentions, bare URLs, block markup.
    const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "x <img src=x onerror=alert(1)> y",
        "<!-- hidden --> <?pi?> <![CDATA[x]]> </div>",
        "[click](javascript:alert(1)) and ![pixel](https://t.example/p.gif)",
        "[a][r]\n\n[r]: https://evil.example",
        "<https://evil.example> <me@evil.example>",
        "&#x202E;gnp.exe &lt;b&gt; &amp;",
        "\\<b>bold</b> \\\\<i>x</i>",
        "`code` <b>after</b> `unclosed",
        "[^1]\n\n[^1]: https://evil.example",
        "@octocat https://evil.example www.evil.example a@b.example",
        "# heading\n- item\n> quote\n1. one",
    ];

    /// What pulldown-cmark (rustdoc's parser, with GitHub's extensions) makes of `markdown`:
    /// the text it shows, and every HTML, link, image or footnote event.
    pub(crate) fn render(markdown: &str) -> (String, Vec<String>) {
        use pulldown_cmark::{Event, Options, Parser, Tag};
        let (mut shown, mut active) = (String::new(), Vec::new());
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_MATH
            | Options::ENABLE_GFM;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) => shown.push_str(&t),
                Event::SoftBreak | Event::HardBreak => shown.push(' '),
                Event::Html(h) | Event::InlineHtml(h) => active.push(format!("html {h}")),
                Event::Start(Tag::Link { dest_url, .. }) => active.push(format!("link {dest_url}")),
                Event::Start(Tag::Image { dest_url, .. }) => active.push(format!("image {dest_url}")),
                Event::FootnoteReference(f) => active.push(format!("footnote {f}")),
                Event::Start(Tag::FootnoteDefinition(f)) => active.push(format!("footnote {f}")),
                _ => {}
            }
        }
        (shown, active)
    }

    #[test]
    fn plain_text_renders_as_itself_and_nothing_else() {
        // Unescaped, each but the last two is markup.
        for hostile in &HOSTILE[..HOSTILE.len() - 2] {
            let (_, active) = render(hostile);
            assert!(!active.is_empty() || hostile.contains("&#x202E;"), "{hostile:?} is no markup");
        }
        for hostile in HOSTILE {
            let (shown, active) = render(&text(hostile));
            assert!(active.is_empty(), "{hostile:?} renders {active:?}");
            let expected = crate::text::one_line(hostile);
            assert_eq!(shown.replace('\u{200b}', ""), expected.trim(), "{hostile:?} shows otherwise");
        }
    }

    #[test]
    fn spec_markdown_renders_no_html_link_image_or_entity() {
        for hostile in HOSTILE {
            let inert: Vec<String> = hostile.lines().map(inert_line).collect();
            let (shown, active) = render(&inert.join("\n"));
            assert!(active.is_empty(), "{hostile:?} renders {active:?}");
            assert!(!shown.contains('\u{202e}'), "{hostile:?} spells a bidi override");
        }
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("active"), "`active`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("<img src=x onerror=alert(1)> @alice #1"), "`<img src=x onerror=alert(1)> @alice #1`");
        assert_eq!(code("a\n# b\u{202e}"), "`a # b`");
        for hostile in HOSTILE.iter().chain(&["a` <img src=x onerror=alert(1)> `b", "``", " x "]) {
            let (shown, active) = render(&format!("see {}", code(hostile)));
            assert!(active.is_empty(), "{hostile:?} renders {active:?}");
            assert_eq!(shown, format!("see {}", crate::text::one_line(hostile)), "{hostile:?} shows otherwise");
        }
    }

    #[test]
    fn fences_open_and_close_as_commonmark_says() {
        assert_eq!(fence_open("```json"), Some(('`', 3)));
        assert_eq!(fence_open("~~~~"), Some(('~', 4)));
        assert_eq!(fence_open("``` a`b"), None);
        assert_eq!(fence_open("``x"), None);
        assert!(fence_closes("```  ", ('`', 3)));
        assert!(fence_closes("````", ('`', 3)));
        assert!(!fence_closes("```", ('`', 4)));
        assert!(!fence_closes("```js", ('`', 3)));
        assert!(!fence_closes("~~~", ('`', 3)));
    }
}
