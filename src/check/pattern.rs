//! A schema's `pattern` as a regular expression, with bounded work (docs/security.md): a spec is untrusted, and a short pattern can compile into a huge
//! automaton (`\w{1,255}` repeats the Unicode word class, thousands of states,
//! 255 times: about 0.3 s each). Each pattern is limited in length and in the
//! size of what it compiles to, and compiled once per run (a process-wide cache).
//!
//! A pattern and a value that are both ASCII are matched by the pattern's ASCII
//! form (`regex::bytes`, Unicode off), which agrees with the Unicode form on ASCII
//! text (`\w`, `\d`, `\s`, `\b`, `.`, case folding and negated classes differ only
//! on non-ASCII characters) and is a fraction of its size; other values need the
//! Unicode form.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The longest pattern compiled, in characters.
pub const MAX_CHARS: usize = 4096;
/// The most bytes one compiled pattern (its automaton, and its lazy DFA's cache) may take.
pub const MAX_COMPILED_BYTES: usize = 512 * 1024;

/// Why a pattern is not used to check values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// Longer than [`MAX_CHARS`] or compiles to more than [`MAX_COMPILED_BYTES`]: a sentence saying which.
    TooLarge(String),
    /// ECMA 262 syntax the regex crate does not read (look-around, backreferences): not checked, not reported.
    Unsupported,
}

#[derive(Debug)]
enum Compiled {
    Ascii(regex::bytes::Regex),
    Unicode(regex::Regex),
}

type Cache = Mutex<HashMap<(String, bool), Result<Arc<Compiled>, Unchecked>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// Whether `text` matches `pattern` (anywhere, as JSON Schema's `pattern` does).
///
/// Errors: the pattern is not used ([`Unchecked`]).
pub fn is_match(pattern: &str, text: &str) -> Result<bool, Unchecked> {
    let ascii = pattern.is_ascii() && text.is_ascii();
    let key = (pattern.to_string(), ascii);
    let cached = cache().lock().expect("no poisoned pattern cache").get(&key).cloned();
    // Compiled outside the lock: other documents' rules go on meanwhile (two threads
    // may compile one pattern at once; both results are the same).
    let compiled = match cached {
        Some(c) => c,
        None => {
            let c = compile(pattern, ascii).map(Arc::new);
            cache().lock().expect("no poisoned pattern cache").insert(key, c.clone());
            c
        }
    }?;
    Ok(match &*compiled {
        Compiled::Ascii(re) => re.is_match(text.as_bytes()),
        Compiled::Unicode(re) => re.is_match(text),
    })
}

fn compile(pattern: &str, ascii: bool) -> Result<Compiled, Unchecked> {
    let chars = pattern.chars().count();
    if chars > MAX_CHARS {
        return Err(Unchecked::TooLarge(format!("it is {chars} characters long, over the {MAX_CHARS} apigen compiles")));
    }
    let limit = |e: &regex::Error| match e {
        regex::Error::CompiledTooBig(_) => Unchecked::TooLarge(format!(
            "it compiles to more than {} KiB (a bounded repetition of a class, such as \\w{{1,255}}, multiplies its size)",
            MAX_COMPILED_BYTES / 1024
        )),
        _ => Unchecked::Unsupported,
    };
    if ascii {
        let built = regex::bytes::RegexBuilder::new(pattern)
            .unicode(false)
            .size_limit(MAX_COMPILED_BYTES)
            .dfa_size_limit(MAX_COMPILED_BYTES)
            .build();
        match built {
            Ok(re) => return Ok(Compiled::Ascii(re)),
            Err(e @ regex::Error::CompiledTooBig(_)) => return Err(limit(&e)),
            // Unicode-only syntax (`\p{L}`): the Unicode form below.
            Err(_) => {}
        }
    }
    regex::RegexBuilder::new(pattern)
        .size_limit(MAX_COMPILED_BYTES)
        .dfa_size_limit(MAX_COMPILED_BYTES)
        .build()
        .map(Compiled::Unicode)
        .map_err(|e| limit(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_forms_agree() {
        assert_eq!(is_match(r"^\w{1,32}$", "abc_1"), Ok(true));
        assert_eq!(is_match(r"^\w{1,32}$", "ab-c"), Ok(false));
        assert_eq!(is_match(r"^\w{1,5}$", "héllo"), Ok(true));
        assert_eq!(is_match(r"^\p{L}+$", "abc"), Ok(true));
        assert_eq!(is_match(r"(?i)^K$", "k"), Ok(true));
        assert_eq!(is_match(r"^[^a]$", "é"), Ok(true));
        assert_eq!(is_match(r"^a(?=b)", "ab"), Err(Unchecked::Unsupported));
    }

    #[test]
    fn huge_patterns_are_refused_not_compiled() {
        // Cheap in its ASCII form, too large in its Unicode form (about 0.3 s and 10 MiB unbounded).
        assert_eq!(is_match(r"^[\w\d]{1,200}[a-z]{50}$", "abc"), Ok(false));
        let Err(Unchecked::TooLarge(why)) = is_match(r"^[\w\d]{1,200}[a-z]{50}$", "é") else { panic!("compiled") };
        assert!(why.contains("512 KiB"), "{why}");
        let Err(Unchecked::TooLarge(why)) = is_match(r"(a{1,1000}){1,1000}", "a") else { panic!("compiled") };
        assert!(why.contains("512 KiB"), "{why}");
        let long = "a".repeat(MAX_CHARS + 1);
        let Err(Unchecked::TooLarge(why)) = is_match(&long, "a") else { panic!("compiled") };
        assert!(why.contains("4097 characters"), "{why}");
    }
}
