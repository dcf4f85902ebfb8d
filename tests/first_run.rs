//! A new user's first commands: `apigen init` then `check`, `generate` and
//! `generate --check` in an empty folder; `generate --help` naming every target;
//! hints for a target name that does not exist; the `apigen.toml` line
//! `--write-baseline` prints; `--version` naming the commit.

mod common;

use std::path::Path;

use common::{fixture, repo, run_in, scratch};

#[test]
fn init_then_check_generate_and_generate_check_succeed_in_an_empty_folder() {
    let dir = scratch(&[]);
    run_in(dir.path(), &["init"]).expect_code(0);
    let config = std::fs::read_to_string(dir.path().join("apigen.toml")).unwrap();
    assert!(
        config.contains(
            "\n[[generate]]\nspec = \"specs/api.yaml\"\nout = \"generated\"\n# `apigen generate --help` describes each target: models, "
        ),
        "{config}"
    );
    assert!(
        config
            .contains("\ntargets = [\"models\", \"client-rust\", \"server-axum\", \"client-ts\", \"client-python\"]\n"),
        "{config}"
    );

    let check = run_in(dir.path(), &["check"]);
    check.expect_code(0);
    assert!(check.stdout.contains("checked 1 document: 0 errors, 0 warnings"), "{}", check.stdout);

    let generate = run_in(dir.path(), &["generate"]);
    generate.expect_code(0);
    assert!(generate.stdout.contains("generated: "), "{}", generate.stdout);
    // One folder per target, named from the spec (`api`).
    for folder in ["api-models", "api-client", "api-server", "api-client-ts", "api-client-py"] {
        let path = dir.path().join("generated").join(folder);
        assert!(path.is_dir(), "{} missing; generated: {:?}", path.display(), listing(&dir.path().join("generated")));
    }

    let up_to_date = run_in(dir.path(), &["generate", "--check"]);
    up_to_date.expect_code(0);
    assert!(up_to_date.stdout.starts_with("up to date: "), "{}", up_to_date.stdout);
}

/// The folder names below `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn init_targets_choose_the_generate_entry_and_are_checked() {
    let dir = scratch(&[]);
    run_in(dir.path(), &["init", "--targets", "client-ts,client-python"]).expect_code(0);
    let config = std::fs::read_to_string(dir.path().join("apigen.toml")).unwrap();
    assert!(config.contains("\ntargets = [\"client-ts\", \"client-python\"]\n"), "{config}");
    run_in(dir.path(), &["generate"]).expect_code(0);
    assert_eq!(listing(&dir.path().join("generated")), ["api-client-py", "api-client-ts"]);

    let other = scratch(&[]);
    let wrong = run_in(other.path(), &["init", "--targets", "models,ts"]);
    wrong.expect_code(2);
    assert!(wrong.stderr.contains("--targets: no target 'ts' (did you mean 'client-ts'?)"), "{}", wrong.stderr);
    assert!(!other.path().join("apigen.toml").exists(), "a refused init wrote apigen.toml");
}

#[test]
fn unknown_targets_name_the_target_they_likely_mean() {
    let dir = scratch(&[]);
    run_in(dir.path(), &["init"]).expect_code(0);
    for (asked, meant) in [
        ("ts", "client-ts"),
        ("typescript", "client-ts"),
        ("py", "client-python"),
        ("python", "client-python"),
        ("rust", "client-rust"),
        ("axum", "server-axum"),
        ("client-pyhton", "client-python"),
    ] {
        let run = run_in(dir.path(), &["generate", "specs/api.yaml", "-t", asked]);
        run.expect_code(2);
        let want = format!("error: no target '{asked}' (did you mean '{meant}'?); targets: models, migrations, ");
        assert!(run.stderr.starts_with(&want), "-t {asked}: {}", run.stderr);
    }
    assert!(!dir.path().join("generated").exists(), "a refused generate wrote files");
    // A comma list names several targets, as repeated -t does.
    run_in(dir.path(), &["generate", "specs/api.yaml", "-t", "client-ts,client-python", "--out", "clients"])
        .expect_code(0);
    assert_eq!(listing(&dir.path().join("clients")), ["api-client-py", "api-client-ts"]);
}

#[test]
fn generate_help_lists_every_target_of_the_registry() {
    let help = run_in(&repo(), &["generate", "--help"]);
    help.expect_code(0);
    let text = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for target in apigen::generate::TARGETS {
        let line = format!("{} {}", target.name, target.summary.split_whitespace().collect::<Vec<_>>().join(" "));
        assert!(text.contains(&line), "generate --help lacks `{line}`:\n{}", help.stdout);
    }
    for language in ["Rust", "TypeScript", "Python", "SQL"] {
        assert!(
            help.stdout.lines().next().unwrap_or("").contains(language),
            "first line lacks {language}:\n{}",
            help.stdout
        );
    }
    let short = run_in(&repo(), &["generate", "-h"]);
    assert!(short.stdout.contains("client-python"), "{}", short.stdout);
}

#[test]
fn write_baseline_prints_the_config_line_that_uses_it() {
    let spec = fixture("cli/warn_only.yaml");
    let dir = scratch(&[("specs/api.yaml", spec.as_bytes())]);
    run_in(dir.path(), &["init", "seed"]).expect_code(0);
    std::fs::rename(dir.path().join("seed/apigen.toml"), dir.path().join("apigen.toml")).unwrap();
    run_in(dir.path(), &["check", "--deny", "warnings", "specs"]).expect_code(1);

    // A name that needs quoting in TOML, in a subfolder.
    std::fs::create_dir(dir.path().join("ci")).unwrap();
    let run = run_in(dir.path(), &["check", "--write-baseline", "ci/known \"v1\".json", "specs"]);
    run.expect_code(0);
    // TOML's literal string (single quotes) holds the double quotes as they are.
    let line = "  baseline = 'ci/known \"v1\".json'\n";
    assert!(
        run.stderr.contains(&format!("add this line to the top of apigen.toml (above any [table]):\n{line}")),
        "{}",
        run.stderr
    );

    // The printed line, added as it says, makes `check` use the baseline.
    let config = dir.path().join("apigen.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{}{text}", line.trim_start())).unwrap();
    let check = run_in(dir.path(), &["check", "--deny", "warnings", "specs"]);
    check.expect_code(0);
    assert!(check.stdout.contains("baseline: 1 known finding"), "{}", check.stdout);

    // Run from a subfolder, the path is still named from the folder of apigen.toml.
    let again = run_in(&dir.path().join("specs"), &["check", "--write-baseline", "../ci/next.json", "."]);
    again.expect_code(0);
    assert!(again.stderr.contains("\n  baseline = \"ci/next.json\"\n"), "{}", again.stderr);

    // Outside the folder of apigen.toml, `baseline` cannot name it: said so, no line to paste.
    let elsewhere = scratch(&[]);
    let outside = elsewhere.path().join("known.json");
    let run = run_in(dir.path(), &["check", "--write-baseline", outside.to_str().unwrap(), "specs"]);
    run.expect_code(0);
    assert!(run.stderr.contains("is not below the folder of apigen.toml"), "{}", run.stderr);
    assert!(!run.stderr.contains("baseline = "), "{}", run.stderr);
}

#[test]
fn version_names_the_commit_of_a_git_checkout() {
    let run = run_in(&repo(), &["--version"]);
    run.expect_code(0);
    let version = concat!("apigen ", env!("CARGO_PKG_VERSION"));
    assert!(run.stdout.starts_with(version), "{}", run.stdout);
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .current_dir(repo())
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    match git(&["rev-parse", "HEAD"]) {
        // The build script's hash may be longer than 7 where 7 is ambiguous: compare the prefix.
        Some(head) => {
            let date = git(&["log", "-1", "--date=short", "--format=%cd"]).unwrap();
            let (hash, rest) = run.stdout.trim_end()[version.len()..]
                .trim_start_matches(" (")
                .split_once(' ')
                .unwrap_or_else(|| panic!("no commit in {}", run.stdout));
            assert!(hash.len() >= 7 && head.starts_with(hash), "{} does not name HEAD {head}", run.stdout);
            assert_eq!(rest, format!("{date})"), "{}", run.stdout);
        }
        None => assert_eq!(run.stdout.trim_end(), version),
    }
}
