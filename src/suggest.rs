//! "Did you mean" suggestions for misspelt names (component names, rule ids, config keys).

/// The candidate closest to `name`, if one is close enough to be a likely typo
/// (Jaro-Winkler similarity of at least 0.8).
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_names_only() {
        assert_eq!(super::did_you_mean("Ordr", ["Order", "Customer"]), Some("Order"));
        assert_eq!(super::did_you_mean("Zebra", ["Order", "Customer"]), None);
    }
}
