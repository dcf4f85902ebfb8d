//! Spec text in generated Markdown (the clients' `README.md`): a code span shows
//! text as written, so it cannot become HTML, a link, emphasis, a heading or a
//! GitHub `@mention` or issue reference (none of those are processed in code).

use crate::text::one_line;

/// Text as one Markdown code span (`` `Orders API` ``), one clean line ([`one_line`]); a
/// fence longer than any run of backticks in the text, padded with a space where CommonMark
/// would otherwise read the text's own backticks or strip its spaces. Empty text gives nothing.
pub fn code_span(text: &str) -> String {
    let text = one_line(text);
    if text.is_empty() {
        return String::new();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // CommonMark strips one space from each end when both ends are spaces (and the text is not all spaces).
    let pad = text.starts_with('`') || text.ends_with('`') || (text.starts_with(' ') && text.ends_with(' ') && text.trim() != "");
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_one_code_span() {
        assert_eq!(code_span("Orders API"), "`Orders API`");
        assert_eq!(code_span("<img src=x onerror=alert(1)> @alice #1"), "`<img src=x onerror=alert(1)> @alice #1`");
        assert_eq!(code_span("a ` b"), "``a ` b``");
        assert_eq!(code_span("`a``"), "``` `a`` ```");
        assert_eq!(code_span(" a "), "`  a  `");
        assert_eq!(code_span("a\n# b\u{202e}"), "`a # b`");
        assert_eq!(code_span(""), "");
    }
}
