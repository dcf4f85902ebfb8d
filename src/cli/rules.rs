//! `apigen rules [ID]`: the catalogue, or one rule's documentation.

use std::io::Write;
use std::process::ExitCode;

use super::Fatal;
use crate::check::registry::{self, FAMILIES};
use crate::check::Rule;

/// Arguments of `apigen rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// A rule or diff check id to explain (e.g. `path-kebab-case`); without it, every rule
    /// and diff check is listed.
    pub id: Option<String>,
    /// `text` for a terminal; `markdown` prints the page of the book (docs/rules/ID.md,
    /// docs/diff-checks/ID.md) or, without an ID, the indexes of rules and diff checks.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// Output formats of `apigen rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// Plain text for a terminal.
    Text,
    /// The Markdown pages of the book (docs/).
    Markdown,
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// The long documentation of a rule, as `apigen rules ID` prints it.
pub fn explain(rule: &Rule, family: &str) -> String {
    let settings = if registry::is_blocking(rule.id) {
        "Blocking: the model apigen builds is wrong where it reports, so `apigen generate` stops at it\n\
         (`--allow-errors` goes ahead anyway); neither [rules] in apigen.toml nor x-apigen-ignore lowers or hides it.\n"
            .to_string()
    } else {
        format!(
            "Configure in apigen.toml:   [rules] {id} = \"off\" | \"info\" | \"warn\" | \"error\"\n\
             Silence one node and below: x-apigen-ignore: [{id}]\n",
            id = rule.id
        )
    };
    format!(
        "{id} ({level}{blocking}, {family})\n{summary}\n\nWhy:\n{why}\n\nSource: {source}\n\nFails:\n{bad}\n\nPasses:\n{good}\n\n{settings}",
        id = rule.id,
        level = rule.level,
        blocking = if registry::is_blocking(rule.id) { ", blocking" } else { "" },
        summary = rule.summary,
        why = indent(rule.rationale),
        source = rule.source,
        bad = indent(rule.bad),
        good = indent(rule.good),
    )
}

/// The long documentation of a diff check, as `apigen rules ID` prints it.
pub fn explain_diff(check: &crate::diff::DiffCheck, family: &str) -> String {
    format!(
        "{id} ({kind}, {direction}, {family})\n{summary}\n\nWhy:\n{why}\n\nSource: {source}\n\nBase:\n{before}\n\nHead (reported):\n{after}\n\n\
         Accept an intentional break in apigen.toml:\n    [[diff.accept]]\n    check = \"{id}\"\n    operation = \"METHOD /path\"   # or pointer = \"/paths/…\"\n    reason = \"…\"\n",
        id = check.id,
        kind = check.kind,
        direction = check.direction.as_str(),
        summary = check.summary,
        why = indent(check.rationale),
        source = check.source,
        before = indent(check.before),
        after = indent(check.after),
    )
}

/// The error for an id that is neither a rule nor a diff check, with the nearest id as a hint.
fn unknown_id(id: &str) -> Fatal {
    let hint = crate::suggest::did_you_mean(id, registry::all().map(|r| r.id).chain(crate::diff::registry::all().map(|c| c.id)))
        .map(|s| format!(" (did you mean '{s}'?)"))
        .unwrap_or_default();
    Fatal(format!("no rule '{id}'{hint}; `apigen rules` lists them"))
}

pub(super) fn run(args: &RulesArgs, color: bool) -> Result<ExitCode, Fatal> {
    let mut out = std::io::stdout().lock();
    let write_err = super::write_failed;
    if args.format == RulesFormat::Markdown {
        let text = match &args.id {
            Some(id) => super::reference::page(id).ok_or_else(|| unknown_id(id))?,
            None => format!("{}\n{}", super::reference::rules_index(), super::reference::diff_checks_index()),
        };
        out.write_all(text.as_bytes()).map_err(write_err)?;
        return Ok(ExitCode::SUCCESS);
    }
    match &args.id {
        Some(id) => {
            if let Some((family, check)) = crate::diff::registry::FAMILIES
                .iter()
                .find_map(|f| f.checks.iter().find(|c| c.id == id).map(|c| (f.title, *c)))
            {
                out.write_all(explain_diff(check, family).as_bytes()).map_err(write_err)?;
                return Ok(ExitCode::SUCCESS);
            }
            let Some((family, rule)) =
                FAMILIES.iter().find_map(|(family, rules)| rules.iter().find(|r| r.id == id).map(|r| (*family, r)))
            else {
                return Err(unknown_id(id));
            };
            out.write_all(explain(rule, family).as_bytes()).map_err(write_err)?;
        }
        None => {
            let width = registry::all().map(|r| r.id.len()).max().unwrap_or(0);
            for (family, rules) in FAMILIES {
                let title = if color { format!("\x1b[1m{family}\x1b[0m") } else { family.to_string() };
                writeln!(out, "{title}").map_err(write_err)?;
                for r in *rules {
                    let mark = if registry::is_blocking(r.id) { "  [blocks generate]" } else { "" };
                    writeln!(out, "  {:width$}  {:5}  {}{mark}", r.id, r.level.as_str(), r.summary)
                        .map_err(write_err)?;
                }
                writeln!(out).map_err(write_err)?;
            }
            let width = crate::diff::registry::all().map(|c| c.id.len()).max().unwrap_or(0);
            for family in crate::diff::registry::FAMILIES {
                let title = if color { format!("\x1b[1m{}\x1b[0m", family.title) } else { family.title.to_string() };
                writeln!(out, "{title}").map_err(write_err)?;
                for c in family.checks {
                    writeln!(out, "  {:width$}  {:12}  {}", c.id, c.kind.as_str(), c.summary).map_err(write_err)?;
                }
                writeln!(out).map_err(write_err)?;
            }
            writeln!(out, "`apigen rules ID` explains one rule or diff check; set rule levels in apigen.toml [rules].")
                .map_err(write_err)?;
            writeln!(out, "[blocks generate]: the model is wrong where the rule reports; `apigen generate` stops unless --allow-errors.")
                .map_err(write_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
