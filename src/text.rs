//! Untrusted text (README "Security"): spec strings reach generated code, SQL,
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
