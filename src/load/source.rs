//! Source files and positions: byte offsets to 1-based line and column.
//!
//! Every diagnostic carries a [`Location`] computed from a byte offset into a
//! [`SourceFile`]. Columns count Unicode scalar values (as rustc does), and
//! the computation stays cheap on single-line multi-megabyte JSON documents
//! through per-4-KiB checkpoints of the character count.

use std::path::{Path, PathBuf};

/// Byte distance between two character-count checkpoints.
const CHUNK: usize = 4096;

/// One file read from disk, with its text and a line index.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (relative paths stay relative), used in reports.
    pub path: PathBuf,
    /// The whole file as UTF-8.
    pub text: String,
    /// Reports may quote its lines (code frames). True for the document itself and
    /// for referenced files shaped like OpenAPI documents (`openapi` or `components`
    /// at the top); false for any other referenced file, whose contents are never echoed.
    pub quotable: bool,
    /// Byte offset of the first byte of every line.
    line_starts: Vec<usize>,
    /// `chars_before[i]` is the number of characters in `text[..i * CHUNK]`
    /// (counted as bytes that are not UTF-8 continuation bytes).
    chars_before: Vec<usize>,
}

/// Characters a code frame shows before the column: a long line (a minified
/// document) is cut to a window around the finding.
pub const FRAME_BEFORE: usize = 60;
/// Characters a code frame shows from the column on.
pub const FRAME_AFTER: usize = 100;

/// A code frame's line ([`SourceFile::frame`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The window of the line, one clean line.
    pub text: String,
    /// Spaces (and tabs where the line has them) that put a caret under the column.
    pub indent: String,
    /// Byte index in `text` where the column starts.
    pub at: usize,
}

/// A position in a source file: 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// The file, as the user named it.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

impl SourceFile {
    /// Wraps a file's text; builds the line index in one pass.
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        let mut chars_before = Vec::with_capacity(text.len() / CHUNK + 1);
        let mut chars = 0usize;
        for (i, b) in text.bytes().enumerate() {
            if i % CHUNK == 0 {
                chars_before.push(chars);
            }
            if b & 0xC0 != 0x80 {
                chars += 1;
            }
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        SourceFile { path: path.into(), text, quotable: true, line_starts, chars_before }
    }

    /// The file's path as given by the user.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Number of characters before byte `offset`.
    fn chars_to(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let chunk = offset / CHUNK;
        let base = self.chars_before.get(chunk).copied().unwrap_or(0);
        let from = chunk * CHUNK;
        base + self.text.as_bytes()[from..offset].iter().filter(|b| **b & 0xC0 != 0x80).count()
    }

    /// 1-based (line, column) of a byte offset; offsets past the end clamp to the end.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|s| *s <= offset) - 1;
        let col = self.chars_to(offset) - self.chars_to(self.line_starts[line]) + 1;
        (line + 1, col)
    }

    /// Byte offset of a 1-based line and 1-based character column.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        // Through the checkpoints: a few KiB walked, however far the column is along the line.
        self.offset_of_char(self.chars_to(*start) + column.saturating_sub(1))
    }

    /// Byte offset of the character at a 0-based character index, through the
    /// per-chunk character counts: a few KiB walked at most, however long the line.
    pub fn offset_of_char(&self, index: usize) -> usize {
        let chunk = self.chars_before.partition_point(|&before| before <= index).saturating_sub(1);
        let mut count = self.chars_before.get(chunk).copied().unwrap_or(0);
        let bytes = self.text.as_bytes();
        for (p, b) in bytes.iter().enumerate().skip(chunk * CHUNK) {
            if b & 0xC0 != 0x80 {
                if count == index {
                    return p;
                }
                count += 1;
            }
        }
        bytes.len()
    }

    /// The [`Location`] of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let (line, column) = self.line_col(offset);
        Location { file: self.path.clone(), line, column }
    }

    /// A window of a 1-based line around a 1-based column, for a code frame: at most
    /// `before` characters before the column and `after` from it on, found from the
    /// character checkpoints (a few KiB walked at most, however long the line).
    /// Returns (text before the column, text from the column, whether the line goes on
    /// before the window, whether it goes on after it); empty for a line that does not exist.
    pub fn window(&self, line: usize, column: usize, before: usize, after: usize) -> (&str, &str, bool, bool) {
        let Some(start) = self.line_starts.get(line.wrapping_sub(1)).copied() else {
            return ("", "", false, false);
        };
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        let end = start + self.text[start..end].trim_end_matches(['\n', '\r']).len();
        let at = self.offset_of_char(self.chars_to(start) + column.saturating_sub(1)).clamp(start, end);
        let head = &self.text[start..at];
        let from = match before {
            0 => head.len(),
            n => head.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i),
        };
        let tail = &self.text[at..end];
        let to = tail.char_indices().nth(after).map_or(tail.len(), |(i, _)| i);
        (&head[from..], &tail[..to], from > 0, to < tail.len())
    }

    /// The code frame of a 1-based line and column: the line cut to [`FRAME_BEFORE`]
    /// characters before the column and [`FRAME_AFTER`] from it (`…` where it goes on),
    /// as one visible line ([`crate::text::visible`]). `None` for a line that does not
    /// exist or is empty. Costs the window, not the line.
    pub fn frame(&self, line: usize, column: usize) -> Option<Frame> {
        let (head, tail, cut_before, cut_after) = self.window(line, column, FRAME_BEFORE, FRAME_AFTER);
        if head.is_empty() && tail.is_empty() {
            return None;
        }
        let (mut text, mut indent) = (String::new(), String::new());
        if cut_before {
            text.push('…');
            indent.push(' ');
        }
        for c in head.chars() {
            let width = crate::text::push_visible(&mut text, c);
            // A tab stays a tab under it, so the caret lines up in any terminal.
            indent.extend(std::iter::repeat_n(if c == '\t' { '\t' } else { ' ' }, width));
        }
        let at = text.len();
        for c in tail.chars() {
            crate::text::push_visible(&mut text, c);
        }
        if cut_after {
            text.push('…');
        }
        Some(Frame { text, indent, at })
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(start) = self.line_starts.get(line.wrapping_sub(1)).copied() else {
            return "";
        };
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new("a.yaml", "ab\nçd: x\n".to_string());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'd' follows the two-byte 'ç'
        assert_eq!(f.line_col(5), (2, 2));
        assert_eq!(f.offset_of(2, 2), 5);
        assert_eq!(f.line_text(2), "çd: x");
        assert_eq!(f.line_text(9), "");
    }

    #[test]
    fn long_single_line_uses_checkpoints() {
        let text = "é".repeat(10_000) + "x";
        let f = SourceFile::new("big.json", text);
        let x = f.text.len() - 1;
        assert_eq!(f.line_col(x), (1, 10_001));
        assert_eq!(f.offset_of_char(10_000), x);
        assert_eq!(f.offset_of(1, 10_001), x);
        assert_eq!(f.offset_of(1, 20_000), f.text.len());
        assert_eq!(f.offset_of_char(1), 2);
        assert_eq!(f.offset_of_char(0), 0);
        assert_eq!(f.offset_of_char(20_000), f.text.len());
        let mixed = SourceFile::new("m.yaml", "ab\nçd: x\n".to_string());
        assert_eq!(mixed.offset_of_char(4), 5);
        assert_eq!(mixed.window(2, 2, 5, 2), ("ç", "d:", false, true));
        assert_eq!(mixed.window(2, 1, 5, 10), ("", "çd: x", false, false));
        assert_eq!(mixed.window(3, 1, 5, 10), ("", "", false, false));
        assert_eq!(f.window(1, 10_001, 3, 5), ("ééé", "x", true, false));
        assert_eq!(f.window(1, 2, 3, 2), ("é", "éé", false, true));
        let frame = f.frame(1, 10_001).unwrap();
        assert_eq!(frame.text, format!("…{}x", "é".repeat(FRAME_BEFORE)));
        assert_eq!(frame.indent.len(), FRAME_BEFORE + 1);
        assert_eq!(&frame.text[frame.at..], "x");
        let hostile = SourceFile::new("h.yaml", "a: \u{1b}[2J\tb\u{202e}c\r\n".to_string());
        let frame = hostile.frame(1, 11).unwrap();
        assert_eq!(frame.text, "a: \\u{1b}[2J\tb\\u{202e}c");
        assert_eq!(frame.indent, format!("{}\t{}", " ".repeat(12), " ".repeat(9)));
        assert_eq!(&frame.text[frame.at..], "c");
    }
}
