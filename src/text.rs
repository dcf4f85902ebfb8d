//! Untrusted text (docs/security.md): spec strings reach generated code, SQL,
//! file headers and terminal reports. These helpers make such text one clean
//! line, or clean lines, before it lands anywhere a line break or an invisible
//! control character would change what the reader sees or the compiler reads.

/// Whether a character ends a line somewhere spec text may land: Rust and SQL
/// comments end at LF (PostgreSQL also at CR), JavaScript at U+2028/2029, and
/// editors and reviewers see VT, FF and NEL as breaks too.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether a character is dropped from spec text: control characters other than
/// tab, and the bidirectional controls that make code read differently than it
/// compiles (CVE-2021-42574; rustc rejects them in comments and literals).
pub fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\t' && !is_line_break(c))
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Spec text as one clean line: line breaks become spaces, dropped characters
/// ([`is_dropped`]) go. What a bare `{{ value }}` writes.
pub fn one_line(text: &str) -> String {
    text.chars().filter(|c| !is_dropped(*c)).map(|c| if is_line_break(c) { ' ' } else { c }).collect()
}

/// Spec text as clean lines: split at every line break, dropped characters removed.
pub fn clean_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(is_line_break).map(|line| line.chars().filter(|c| !is_dropped(*c)).collect())
}

/// Text from a file as one visible line for a report (terminal, CI log, JSON, SARIF,
/// Markdown): every line break, control character and bidirectional control is
/// written as an escape (`\n`, `\r`, `\u{1b}`, `\u{202e}`), so no file apigen reads can
/// start a line of its own (a workflow command `::error …`), move the cursor, retitle
/// the terminal or reorder what the reader sees. Tab stays (code frames align with it).
/// Borrowed when there is nothing to escape.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

/// Whether [`visible`] escapes a character.
pub fn needs_escape(c: char) -> bool {
    c != '\t' && (is_line_break(c) || is_dropped(c))
}

/// Appends a character as [`visible`] writes it; returns how many characters that took.
pub fn push_visible(out: &mut String, c: char) -> usize {
    let escape = match c {
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        c if needs_escape(c) => format!("\\u{{{:x}}}", c as u32),
        c => {
            out.push(c);
            return 1;
        }
    };
    out.push_str(&escape);
    escape.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_escapes_breaks_controls_and_bidi() {
        assert_eq!(visible("plain\ttext é"), "plain\ttext é");
        assert!(matches!(visible("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(visible("a\nb\rc"), "a\\nb\\rc");
        assert_eq!(visible("\u{1b}[2J\u{7}\u{85}\u{2028}\u{202e}x\u{2066}"), "\\u{1b}[2J\\u{7}\\u{85}\\u{2028}\\u{202e}x\\u{2066}");
        let mut s = String::new();
        assert_eq!(push_visible(&mut s, 'é'), 1);
        assert_eq!(push_visible(&mut s, '\n'), 2);
        assert_eq!(push_visible(&mut s, '\u{1b}'), 6);
    }
}
