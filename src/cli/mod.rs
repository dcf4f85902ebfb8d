//! Command-line interface (docs/introduction.md): argument definitions and dispatch.
//! Exit codes: 0 success, 1 findings at or above the fail level, 2 could not run.

mod bundle;
mod check;
mod diff;
pub mod generate;
mod init;
pub mod reference;
mod rules;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};


/// Checks convention-annotated OpenAPI documents against your API standards.
///
/// apigen reads OpenAPI 3.0/3.1 documents (YAML or JSON), checks them against
/// the rule catalogue (`apigen rules`), and reports findings with file, line
/// and column. Conventions (pagination style, envelope, error schema, …) come
/// from `apigen.toml` and the document's root `x-apigen`.
#[derive(Debug, Parser)]
#[command(name = "apigen", version = env!("APIGEN_VERSION"), propagate_version = true, max_term_width = 100)]
#[command(after_help = "Examples:\n  apigen check specs/                 check every spec in a folder\n  apigen check api.yaml --format github\n  apigen rules path-kebab-case        explain one rule\n  apigen init                         start a project")]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Use this config file instead of the nearest `apigen.toml` above each spec.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// When to colour output (`NO_COLOR` is honoured with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print findings only: no summary line.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint OpenAPI documents against the rule catalogue.
    ///
    /// SPEC may be files, folders (searched for *.yaml, *.yml and *.json files
    /// with a top-level `openapi` field) or glob patterns; the default is the
    /// current folder. Documents are checked in parallel.
    ///
    /// Exit status: 0 clean, 1 findings at or above the fail level (errors,
    /// or warnings too with `--deny warnings`), 2 could not run.
    Check(check::CheckArgs),
    /// Classify every change between two versions of a spec and judge it by the version policy.
    ///
    /// `apigen diff BASE HEAD` compares two files; `apigen diff --base REV [SPEC…]` compares
    /// each spec with its version at a git revision (without SPEC: every `[[generate]]` spec).
    /// Each change has a diff check id (`apigen rules ID` explains it) and a kind: breaking,
    /// non-breaking or deprecation. A forbidden break is accepted by a `[[diff.accept]]` entry
    /// of apigen.toml (its policy message gives the entry). Exit status: 0 the version policy
    /// allows the change set, 1 it does not, 2 could not run or could not compare every part (a
    /// part that does not fit the OpenAPI shape, a `$ref` that did not load on either side, an
    /// unreadable `x-stability-level`, a spec at REV that links out of the repository): each part
    /// is named, and listed in the report.
    Diff(diff::DiffArgs),
    /// Render Rust, TypeScript and Python code and SQL migrations from a spec.
    ///
    /// Rust: a models crate, an async client crate and an axum server crate. TypeScript:
    /// a client package. Python: a client package (httpx, pydantic). SQL: migrations for
    /// PostgreSQL, SQLite and MySQL. The targets below choose which.
    ///
    /// Without SPEC, every `[[generate]]` entry of apigen.toml is generated. Files are
    /// written atomically and only when changed; a file without apigen's generated header
    /// is never overwritten. Exit status: 0 written (or up to date with --check),
    /// 1 the spec has errors that block generation (nothing is written) or --check found drift,
    /// 2 could not run.
    Generate(generate::GenerateArgs),
    /// Write a spec and the files its `$ref`s read as one YAML or JSON document.
    ///
    /// For tools that read a single file (Prism, schemathesis, openapi-generator): the
    /// document exactly as apigen loads it, so `apigen check` and `apigen generate` of the
    /// bundle see what they see in the spec. `--dereference` also inlines every reference
    /// that does not lead back to itself.
    #[command(after_help = bundle::AFTER_HELP)]
    Bundle(bundle::BundleArgs),
    /// List every rule, or explain one: rationale, source standard, a failing and a passing example.
    Rules(rules::RulesArgs),
    /// Create `apigen.toml` and a minimal spec that passes `apigen check`.
    Init(init::InitArgs),
    /// Print a shell completion script (e.g. `apigen completions bash > /etc/bash_completion.d/apigen`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// An error that makes a command unable to run (exit code 2).
#[derive(Debug)]
pub struct Fatal(pub String);

/// Whether to colour stdout.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    }
}

/// Turns a failed write to stdout into a [`Fatal`]; a closed pipe (`apigen rules | head`)
/// means the reader is done, so the process ends quietly with success.
/// Runs `job` on a thread whose stack holds [`check::WORKER_STACK`] bytes: loading,
/// lowering, rendering and bundling recurse along the document's nesting (bounded by the
/// loader's depth limit). `what` names the work in the error of a panicking job.
///
/// Errors: the job's own, or a [`Fatal`] when the thread cannot start or panics.
pub(crate) fn on_worker_stack<T: Send>(what: &str, job: impl FnOnce() -> Result<T, Fatal> + Send) -> Result<T, Fatal> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(check::WORKER_STACK)
            .spawn_scoped(scope, job)
            .map_err(|e| Fatal(format!("cannot start the {what} thread: {e}")))?
            .join()
            .unwrap_or_else(|_| Err(Fatal(format!("{what} failed unexpectedly (a bug: please report it)"))))
    })
}

pub(crate) fn write_failed(e: std::io::Error) -> Fatal {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    Fatal(format!("cannot write the output: {e}"))
}

/// Prints an error the way every apigen error looks: `error: …`.
pub(crate) fn print_error(color: bool, message: &str) {
    let label = if color { "\x1b[1;31merror\x1b[0m" } else { "error" };
    let _ = writeln!(std::io::stderr(), "{label}: {message}");
}

/// The command line: [`Cli`], with `generate --help` listing the targets of the registry.
fn command() -> clap::Command {
    Cli::command().mut_subcommand("generate", |c| c.after_help(generate::targets_help()))
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = Cli::from_arg_matches(&command().get_matches()).unwrap_or_else(|e| e.exit());
    let color = use_color(cli.color);
    let result = match &cli.command {
        Command::Check(args) => check::run(&cli, args, color),
        Command::Diff(args) => diff::run(&cli, args, color),
        Command::Generate(args) => generate::run(&cli, args, use_color_stderr(cli.color)),
        Command::Bundle(args) => bundle::run(&cli, args, use_color_stderr(cli.color)),
        Command::Rules(args) => rules::run(args, color),
        Command::Init(args) => init::run(args),
        Command::Completions { shell } => {
            // Rendered to memory first: clap_complete panics when its writer fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command(), "apigen", &mut script);
            std::io::stdout().write_all(&script).map(|()| ExitCode::SUCCESS).map_err(write_failed)
        }
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            print_error(use_color_stderr(cli.color), &message);
            ExitCode::from(2)
        }
    }
}

fn use_color_stderr(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never,
    }
}


#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_consistent() {
        super::command().debug_assert();
    }
}
