//! Versioning rules: every path lives under `/api/v{major}`, the major
//! matches `info.version`, which is semver, and deprecated operations
//! announce their sunset (docs/standard.md §2 Versioning and deprecation).

use chrono::{Days, NaiveDate};
use serde_json::Value;

use crate::check::rule::{Check, Context, Rule, Sink};
use crate::check::rules::naming::path_items;
use crate::diagnostic::Level;
use crate::load::tree::child;

/// The rules of this family.
pub const RULES: &[Rule] = &[
    Rule {
        id: "version-path-prefix",
        level: Level::Error,
        summary: "a path is not under `/api/v{N}`",
        rationale: "The major version in the URL lets a breaking v2 run next to v1 while clients migrate, and makes the version visible in logs, routing and generated modules. Health endpoints listed in `public-paths` stay unversioned.",
        source: "docs/standard.md §2 Versioning and deprecation",
        bad: "/orders:\n  get: {...}",
        good: "/api/v1/orders:\n  get: {...}",
        check: Check::Model(version_path_prefix),
    },
    Rule {
        id: "version-matches-info",
        level: Level::Warn,
        summary: "the highest `/api/v{N}` of the paths differs from the major of `info.version`",
        rationale: "`info.version` is the version clients, changelogs and generated packages show; its major must be the newest API the document serves. A v2 path in a 1.x document, or a 3.0.0 document that only serves v2, means one of them was not updated.",
        source: "docs/standard.md §2 Versioning and deprecation",
        bad: "info:\n  version: 1.4.0\npaths:\n  /api/v2/orders: {...}",
        good: "info:\n  version: 2.0.0\npaths:\n  /api/v1/orders: {...}\n  /api/v2/orders: {...}",
        check: Check::Model(version_matches_info),
    },
    Rule {
        id: "version-semver",
        level: Level::Warn,
        summary: "`info.version` is not a MAJOR.MINOR.PATCH semantic version",
        rationale: "The major version tracks breaking changes (and the URL), the minor backward-compatible features and the patch bug fixes. Versions like `1.0`, `v2` or a date cannot be compared that way by clients, package managers or the `version-matches-info` check.",
        source: "docs/standard.md §2 Versioning and deprecation; Semantic Versioning 2.0.0",
        bad: "info:\n  title: Orders\n  version: '1.0'",
        good: "info:\n  title: Orders\n  version: 1.0.0",
        check: Check::Model(version_semver),
    },
    Rule {
        id: "deprecation-sunset",
        level: Level::Warn,
        summary: "a deprecated operation lacks an `x-sunset` date at least 90 days out, or the `Deprecation`/`Sunset` response headers",
        rationale: "Clients need notice before an endpoint disappears: the policy is at least 90 days, announced in the `Deprecation` and `Sunset` response headers so that clients can warn. `x-sunset` records the date; generated servers send the headers and generated clients warn once.",
        source: "docs/standard.md §2 Versioning and deprecation; RFC 8594 (Sunset header)",
        bad: "get:\n  deprecated: true\n  responses:\n    '200': {description: ok}",
        good: "get:\n  deprecated: true\n  x-sunset: 2027-06-30\n  responses:\n    '200':\n      description: ok\n      headers:\n        Deprecation: {schema: {type: string}}\n        Sunset: {schema: {type: string}}",
        check: Check::Model(deprecation_sunset),
    },
];

/// Notice a deprecated operation gets before its sunset (docs/standard.md §2 Versioning and deprecation).
const NOTICE_DAYS: u64 = 90;

/// `N` of a path that is `/api/vN` or `/api/vN/…` (N a positive integer written without leading zeros).
fn api_version(path: &str) -> Option<u32> {
    let rest = path.strip_prefix("/api/v")?;
    let number = rest.split('/').next().unwrap_or_default();
    if number.is_empty() || number.starts_with('0') || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// `info.version` as written; `None` when it is missing (oas-required-field reports that).
fn info_version(ctx: &Context<'_>) -> Option<String> {
    ctx.raw("/info/version").and_then(Value::as_str).map(str::to_string)
}

/// The leading number of a version (`2` of `2.1.0`, `v2`, `2.x`).
/// A date version (`2016-09-01`, `2023-10-01-preview`, `20160901`) has no major version:
/// `None`, like any number of four digits or more, which is a year and not a major.
fn major_of(version: &str) -> Option<u64> {
    let v = version.trim();
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|_| digits.len() < 4)
}

/// The path moved under `/api/v{major}`: `/orders` → `/api/v1/orders`, `/v2/orders` → `/api/v2/orders`.
fn versioned(path: &str, default: u64) -> String {
    let rest = path.strip_prefix("/api").filter(|r| r.is_empty() || r.starts_with('/')).unwrap_or(path);
    let rest = rest.trim_end_matches('/');
    let mut segments = rest.trim_start_matches('/').splitn(2, '/');
    let first = segments.next().unwrap_or_default();
    let tail = segments.next().map(|t| format!("/{t}")).unwrap_or_default();
    // `v2`, `V2`, `2.0`, `v2.1`: a version segment in the wrong place.
    let number = first.strip_prefix(['v', 'V']).unwrap_or(first);
    let major = number.split('.').next().unwrap_or_default();
    let is_version = !major.is_empty() && number.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    match is_version.then(|| major.parse::<u64>().ok()).flatten() {
        Some(n) => format!("/api/v{}{tail}", if n > 0 { n } else { default }),
        None => format!("/api/v{default}{rest}"),
    }
}

fn version_path_prefix(ctx: &Context<'_>, sink: &mut Sink) {
    let public = &ctx.api.conventions.public_paths;
    let major = info_version(ctx).and_then(|v| major_of(&v)).filter(|m| *m > 0).unwrap_or(1);
    for item in path_items(ctx) {
        if api_version(item.path).is_some() || public.iter().any(|p| p == item.path) {
            continue;
        }
        sink.report(item.pointer, format!("path {} is not under /api/v{{N}}", item.path))
            .help(format!("move it under the version prefix: {}", versioned(item.path, major)));
    }
}

fn version_matches_info(ctx: &Context<'_>, sink: &mut Sink) {
    let Some(version) = info_version(ctx) else { return };
    let Some(major) = major_of(&version) else { return };
    let items = path_items(ctx);
    let versions: Vec<(u64, &str, &str)> =
        items.iter().filter_map(|i| Some((u64::from(i.ops[0].version?), i.path, i.pointer))).collect();
    let Some(highest) = versions.iter().map(|(n, _, _)| *n).max() else { return };
    if highest != major {
        let help = if highest > major {
            format!("set info.version to {highest}.0.0, the version of the newest paths")
        } else {
            format!("serve version {major} under /api/v{major}/…, or set info.version back to {highest}.x.y")
        };
        sink.report("/info/version", format!("info.version {version} has major version {major} but the highest path version is v{highest}"))
            .help(help);
    }
    for (n, path, pointer) in versions {
        if n > major {
            sink.report(pointer, format!("path {path} uses v{n}, above major version {major} of info.version {version}"))
                .help(if major == 0 {
                    format!("bump info.version to {highest}.0.0")
                } else {
                    format!("bump info.version to {highest}.0.0, or move the path under /api/v{major}")
                });
        }
    }
}

/// A close semver spelling of a version, when there is one: `1.0` → `1.0.0`, `v2` → `2.0.0`.
fn semver_fix(version: &str) -> Option<String> {
    let v = version.trim();
    let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
    let parts: Vec<u64> = v.split('.').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let get = |i: usize| parts.get(i).copied().unwrap_or(0);
    Some(format!("{}.{}.{}", get(0), get(1), get(2)))
}

fn version_semver(ctx: &Context<'_>, sink: &mut Sink) {
    let Some(version) = info_version(ctx) else { return };
    if semver::Version::parse(&version).is_ok() {
        return;
    }
    let help = match semver_fix(&version) {
        Some(fixed) => format!("write it as {fixed}"),
        None => "use MAJOR.MINOR.PATCH, e.g. 1.0.0".to_string(),
    };
    sink.report("/info/version", format!("info.version '{version}' is not a MAJOR.MINOR.PATCH semantic version")).help(help);
}

fn deprecation_sunset(ctx: &Context<'_>, sink: &mut Sink) {
    let earliest: NaiveDate = ctx.today.checked_add_days(Days::new(NOTICE_DAYS)).unwrap_or(NaiveDate::MAX);
    for op in ctx.api.operations.iter().filter(|op| op.deprecated) {
        let label = format!("{} {}", op.method.as_str().to_uppercase(), op.path);
        let sunset_pointer = child(&op.pointer, "x-sunset");
        match op.annotations.sunset {
            // An unreadable x-sunset is reported by annotation-valid.
            None if ctx.raw(&sunset_pointer).is_some() => {}
            None => {
                sink.report(&op.pointer, format!("deprecated operation {label} has no x-sunset date"))
                    .help(format!("add `x-sunset: {earliest}` or later ({NOTICE_DAYS} days' notice at least)"));
            }
            Some(date) if date < earliest => {
                let when = if date < ctx.today {
                    format!("is already past (today is {})", ctx.today)
                } else {
                    format!("is only {} days away", (date - ctx.today).num_days())
                };
                sink.report(&sunset_pointer, format!("x-sunset {date} of deprecated {label} {when}; {NOTICE_DAYS} days' notice is required"))
                    .help(format!("move the sunset to {earliest} or later, or remove the operation if it is already gone"));
            }
            Some(_) => {}
        }
        match op.success() {
            None => {
                sink.report(&op.pointer, format!("deprecated operation {label} has no success response to carry the Deprecation and Sunset headers"))
                    .help("add a 2xx response that documents the Deprecation and Sunset headers");
            }
            Some(response) => {
                let missing: Vec<&str> = ["Deprecation", "Sunset"].into_iter().filter(|h| response.header(h).is_none()).collect();
                if missing.is_empty() {
                    continue;
                }
                let what = if missing.len() == 2 { "the Deprecation and Sunset headers".to_string() } else { format!("the {} header", missing[0]) };
                sink.report(&op.pointer, format!("the {} response of deprecated {label} does not document {what}", response.status))
                    .help(format!("add {} under responses.'{}'.headers", missing.join(" and "), response.status));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{check, doc, findings, today};

    fn op(path: &str) -> String {
        format!("  {path}:\n    get:\n      operationId: op\n      responses:\n        '200': {{description: ok}}\n")
    }

    fn at(pointer: &str, line: usize) -> (String, usize) {
        (pointer.to_string(), line)
    }

    /// A document with an `info.version` of one's choice (`version` is on line 4, paths start on line 7).
    fn with_version(version: &str, paths: &str) -> String {
        doc(paths, "").replace("version: 1.0.0", &format!("version: {version}"))
    }

    #[test]
    fn version_path_prefix() {
        let paths = format!("{}{}{}{}{}", op("/orders"), op("/v2/orders/{order_id}"), op("/api/orders"), op("/2.0/users"), op("/api/v1/orders"));
        let yaml = doc(&paths, "");
        assert_eq!(
            findings(&yaml, "version-path-prefix"),
            [at("/paths/~1orders", 7), at("/paths/~1v2~1orders~1{order_id}", 12), at("/paths/~1api~1orders", 17), at("/paths/~12.0~1users", 22)]
        );
        let helps: Vec<String> = check(&yaml).into_iter().filter(|d| d.rule == "version-path-prefix").filter_map(|d| d.help).collect();
        assert_eq!(
            helps,
            [
                "move it under the version prefix: /api/v1/orders",
                "move it under the version prefix: /api/v2/orders/{order_id}",
                "move it under the version prefix: /api/v1/orders",
                "move it under the version prefix: /api/v2/users",
            ]
        );
        let good = format!("{}{}{}", op("/api/v1"), op("/api/v1/orders"), op("/api/v12/orders/{order_id}"));
        assert!(findings(&doc(&good, ""), "version-path-prefix").is_empty());
    }

    #[test]
    fn date_versions_have_no_major() {
        // azure: `info.version: 2016-09-01` is a date, not major version 2016.
        let yaml = doc(&op("/apps"), "").replace("version: 1.0.0", "version: '2016-09-01'");
        let found = check(&yaml);
        let helps: Vec<&str> = found.iter().filter(|d| d.rule == "version-path-prefix").filter_map(|d| d.help.as_deref()).collect();
        assert_eq!(helps, ["move it under the version prefix: /api/v1/apps"]);
        assert!(!found.iter().any(|d| d.rule == "version-matches-info"), "{found:?}");
    }

    #[test]
    fn version_path_prefix_is_strict_about_n() {
        let paths = format!("{}{}{}", op("/api/v0/orders"), op("/api/v01/orders"), op("/api/version/orders"));
        assert_eq!(
            findings(&doc(&paths, ""), "version-path-prefix"),
            [at("/paths/~1api~1v0~1orders", 7), at("/paths/~1api~1v01~1orders", 12), at("/paths/~1api~1version~1orders", 17)]
        );
        let helps: Vec<String> = check(&doc(&paths, "")).into_iter().filter(|d| d.rule == "version-path-prefix").filter_map(|d| d.help).collect();
        assert_eq!(
            helps,
            [
                "move it under the version prefix: /api/v1/orders",
                "move it under the version prefix: /api/v1/orders",
                "move it under the version prefix: /api/v1/version/orders",
            ]
        );
    }

    #[test]
    fn version_path_prefix_exempts_public_paths() {
        let paths = format!("{}{}", op("/health"), op("/api/health"));
        assert!(findings(&doc(&paths, ""), "version-path-prefix").is_empty());
        let custom = format!("x-apigen: {{public-paths: [/status]}}\n{}", doc(&format!("{}{}", op("/status"), op("/health")), ""));
        assert_eq!(findings(&custom, "version-path-prefix"), [at("/paths/~1health", 13)]);
    }

    #[test]
    fn version_matches_info() {
        // info 1.4.0 with v1 and v3 paths: info is behind, and v3 is above the major.
        let paths = format!("{}{}", op("/api/v1/orders"), op("/api/v3/orders"));
        assert_eq!(
            findings(&with_version("1.4.0", &paths), "version-matches-info"),
            [at("/info/version", 4), at("/paths/~1api~1v3~1orders", 12)]
        );
        // info 3.0.0 that only serves v2.
        let ahead = with_version("3.0.0", &op("/api/v2/orders"));
        assert_eq!(findings(&ahead, "version-matches-info"), [at("/info/version", 4)]);
        assert!(findings(&with_version("1.0.0", &op("/api/v1/orders")), "version-matches-info").is_empty());
    }

    #[test]
    fn version_matches_info_allows_several_versions_and_unreadable_info() {
        let paths = format!("{}{}{}", op("/api/v1/orders"), op("/api/v2/orders"), op("/health"));
        assert!(findings(&with_version("2.3.1", &paths), "version-matches-info").is_empty());
        assert!(findings(&with_version("latest", &paths), "version-matches-info").is_empty());
        // No versioned paths: nothing to compare.
        assert!(findings(&with_version("4.0.0", &op("/health")), "version-matches-info").is_empty());
    }

    #[test]
    fn version_semver() {
        for bad in ["'1.0'", "v1.2.3", "2024-01-01", "'1'"] {
            assert_eq!(findings(&with_version(bad, &op("/api/v1/orders")), "version-semver"), [at("/info/version", 4)], "{bad}");
        }
        let helps: Vec<String> = ["'1.0'", "v1.2.3", "2024-01-01"]
            .into_iter()
            .filter_map(|v| check(&with_version(v, &op("/api/v1/orders"))).into_iter().find(|d| d.rule == "version-semver")?.help)
            .collect();
        assert_eq!(helps, ["write it as 1.0.0", "write it as 1.2.3", "use MAJOR.MINOR.PATCH, e.g. 1.0.0"]);
        for good in ["1.0.0", "2.10.3", "1.0.0-beta.1"] {
            assert!(findings(&with_version(good, &op("/api/v1/orders")), "version-semver").is_empty(), "{good}");
        }
    }

    /// A deprecated GET with optional `x-sunset` and 200 headers.
    fn deprecated(sunset: Option<&str>, headers: &[&str]) -> String {
        let mut s = "  /api/v1/orders:\n    get:\n      operationId: list_orders\n      deprecated: true\n".to_string();
        if let Some(date) = sunset {
            s.push_str(&format!("      x-sunset: {date}\n"));
        }
        s.push_str("      responses:\n        '200':\n          description: ok\n");
        if !headers.is_empty() {
            s.push_str("          headers:\n");
            for h in headers {
                s.push_str(&format!("            {h}: {{schema: {{type: string}}}}\n"));
            }
        }
        doc(&s, "")
    }

    #[test]
    fn deprecation_sunset() {
        let far = (today() + chrono::Days::new(90)).to_string();
        let near = (today() + chrono::Days::new(89)).to_string();
        const OP: &str = "/paths/~1api~1v1~1orders/get";
        // No x-sunset and no headers: two findings at the operation.
        assert_eq!(findings(&deprecated(None, &[]), "deprecation-sunset"), [at(OP, 8), at(OP, 8)]);
        // Sunset too close (line 11), one header missing.
        assert_eq!(
            findings(&deprecated(Some(&near), &["deprecation"]), "deprecation-sunset"),
            [at(OP, 8), at("/paths/~1api~1v1~1orders/get/x-sunset", 11)]
        );
        // Sunset in the past.
        assert_eq!(
            findings(&deprecated(Some("2026-01-01"), &["Deprecation", "Sunset"]), "deprecation-sunset"),
            [at("/paths/~1api~1v1~1orders/get/x-sunset", 11)]
        );
        // Exactly 90 days out, headers matched case-insensitively.
        assert!(findings(&deprecated(Some(&far), &["deprecation", "SUNSET"]), "deprecation-sunset").is_empty());
        // No success response to carry the headers.
        let no_success = deprecated(Some(&far), &[]).replace("'200'", "'404'");
        assert_eq!(findings(&no_success, "deprecation-sunset"), [at(OP, 8)]);
        // Not deprecated: nothing to check.
        assert!(findings(&deprecated(None, &[]).replace("deprecated: true", "deprecated: false"), "deprecation-sunset").is_empty());
    }

    #[test]
    fn deprecation_sunset_messages() {
        let near = (today() + chrono::Days::new(30)).to_string();
        let mut messages: Vec<String> =
            check(&deprecated(Some(&near), &["Deprecation"])).into_iter().filter(|d| d.rule == "deprecation-sunset").map(|d| d.message).collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "the 200 response of deprecated GET /api/v1/orders does not document the Sunset header".to_string(),
                format!("x-sunset {near} of deprecated GET /api/v1/orders is only 30 days away; 90 days' notice is required"),
            ]
        );
        // An unreadable date is annotation-valid's finding, not this rule's.
        assert!(findings(&deprecated(Some("soon"), &["Deprecation", "Sunset"]), "deprecation-sunset").is_empty());
    }
}
