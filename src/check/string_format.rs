//! Whether a string is valid for its schema's `format` (JSON Schema 2020-12 §7.3
//! Defined Formats, as OpenAPI uses them): `date-time` and `date` (RFC 3339),
//! `uuid` (RFC 4122 text form), `email` (an `@` between two parts), `uri` and
//! `uri-reference` (RFC 3986), `iri` and `iri-reference` (RFC 3987), `hostname`
//! (RFC 1123), `ipv4` (dotted quad, no leading zeros) and `ipv6` (RFC 4291 text form).
//! Other formats (`int64`, `password`, vendor formats) constrain nothing here.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Whether `text` is valid for `format`; `true` for a format this module does not know.
pub(crate) fn conforms(format: &str, text: &str) -> bool {
    match format {
        "date-time" => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
        "date" => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
        "uuid" => is_uuid(text),
        "email" => text.contains('@') && !text.starts_with('@') && !text.ends_with('@'),
        "uri" => fluent_uri::Uri::parse(text).is_ok(),
        "uri-reference" => fluent_uri::UriRef::parse(text).is_ok(),
        "iri" => fluent_uri::Iri::parse(text).is_ok(),
        "iri-reference" => fluent_uri::IriRef::parse(text).is_ok(),
        "hostname" => is_hostname(text),
        "ipv4" => text.parse::<Ipv4Addr>().is_ok(),
        "ipv6" => text.parse::<Ipv6Addr>().is_ok(),
        _ => true,
    }
}

/// The 8-4-4-4-12 hexadecimal form of a UUID.
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5 && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// An RFC 1123 host name: at most 253 characters of dot-separated labels, each 1 to 63
/// letters, digits and hyphens, neither starting nor ending with a hyphen.
/// (No crate among the dependencies checks host names alone; `url` and `fluent-uri`
/// accept any registered name.)
fn is_hostname(s: &str) -> bool {
    let label = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    !s.is_empty() && s.len() <= 253 && s.split('.').all(label)
}

#[cfg(test)]
mod tests {
    use super::conforms;

    #[test]
    fn uris_and_uri_references() {
        assert!(conforms("uri", "https://api.example.com/v1/orders?page=2#top"));
        assert!(conforms("uri", "urn:isbn:0451450523"));
        assert!(conforms("uri", "mailto:someone@example.com"));
        // No scheme: a reference, not a URI.
        assert!(!conforms("uri", "/v1/orders"));
        assert!(!conforms("uri", "www.example.com"));
        // Characters RFC 3986 does not allow unencoded.
        assert!(!conforms("uri", "https://example.com/a b"));
        assert!(!conforms("uri", "https://example.com/{id}"));
        assert!(conforms("uri-reference", "/v1/orders"));
        assert!(conforms("uri-reference", "../up#frag"));
        assert!(conforms("uri-reference", ""));
        assert!(!conforms("uri-reference", "/a b"));
        assert!(!conforms("uri-reference", "http://[::1"));
        assert!(conforms("iri", "https://例え.jp/パス"));
        assert!(!conforms("uri", "https://例え.jp/パス"));
    }

    #[test]
    fn hostnames_follow_rfc_1123() {
        for good in ["example.com", "localhost", "a-b.c0.io", "1.example", &"a".repeat(63)] {
            assert!(conforms("hostname", good), "{good}");
        }
        for bad in ["", "-a.com", "a-.com", "a..com", "a.com.", "under_score.com", "has space", "https://example.com", &"a".repeat(64)] {
            assert!(!conforms("hostname", bad), "{bad}");
        }
        let long = vec!["abcdefghi"; 26].join(".");
        assert!(long.len() > 253 && !conforms("hostname", &long));
    }

    #[test]
    fn ip_addresses() {
        assert!(conforms("ipv4", "192.168.0.1"));
        for bad in ["256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4/24", "::1"] {
            assert!(!conforms("ipv4", bad), "{bad}");
        }
        for good in ["::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1", "fe80::1"] {
            assert!(conforms("ipv6", good), "{good}");
        }
        for bad in ["1.2.3.4", "2001:db8:::1", "fe80::1%eth0", "[::1]", "12345::"] {
            assert!(!conforms("ipv6", bad), "{bad}");
        }
    }

    #[test]
    fn the_formats_known_before_and_unknown_ones() {
        assert!(conforms("date-time", "2024-01-01T12:00:00Z") && !conforms("date-time", "2024-01-01"));
        assert!(conforms("date", "2024-01-01") && !conforms("date", "01/01/2024"));
        assert!(conforms("uuid", "123e4567-e89b-12d3-a456-426614174000") && !conforms("uuid", "123"));
        assert!(conforms("email", "a@b") && !conforms("email", "@b"));
        assert!(conforms("int64", "anything") && conforms("x-vendor", ""));
    }
}
