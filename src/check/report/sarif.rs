//! SARIF 2.1.0 (OASIS): one run, every rule of the catalogue in
//! `tool.driver.rules`, one result per finding with a physical location.

use std::io::{self, Write};

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region, ReportingConfiguration,
    ReportingDescriptor, Result as SarifResult, Run, Sarif, Tool, ToolComponent,
};

use super::{slash_path, BaselineReport, FileReport};
use crate::check::baseline::Entry;
use crate::check::registry;
use crate::text::visible;
use crate::diagnostic::Level;

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}

pub(super) fn write(reports: &[FileReport<'_>], baseline: Option<BaselineReport<'_>>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<ReportingDescriptor> = registry::all()
        .map(|r| {
            ReportingDescriptor::builder()
                .id(r.id)
                .short_description(MultiformatMessageString::builder().text(r.summary).build())
                .full_description(MultiformatMessageString::builder().text(r.rationale).build())
                .help(
                    MultiformatMessageString::builder()
                        .text(format!("{}\n\nSource: {}\n\nFails:\n{}\n\nPasses:\n{}", r.summary, r.source, r.bad, r.good))
                        .build(),
                )
                .default_configuration(ReportingConfiguration::builder().level(json!(sarif_level(r.level))).build())
                .build()
        })
        .collect();
    let index_of = |id: &str| registry::all().position(|r| r.id == id);
    let results: Vec<SarifResult> = reports
        .iter()
        .flat_map(|r| r.diagnostics)
        .map(|d| {
            let mut message = visible(&d.message).into_owned();
            if let Some(help) = &d.help {
                message.push_str(&format!(" (help: {})", visible(help)));
            }
            let mut result = SarifResult::builder()
                .rule_id(d.rule)
                .level(json!(sarif_level(d.level)))
                .message(Message::builder().text(message).build())
                .build();
            result.rule_index = index_of(d.rule).map(|i| i as i64);
            if baseline.is_some() {
                result.baseline_state = Some(json!("new"));
            }
            if let Some(l) = &d.location {
                let physical = PhysicalLocation::builder()
                    .artifact_location(ArtifactLocation::builder().uri(slash_path(&l.file)).build())
                    .region(Region::builder().start_line(l.line as i64).start_column(l.column as i64).build())
                    .build();
                result.locations = Some(vec![Location::builder().physical_location(physical).build()]);
            }
            result
        })
        .chain(baseline.iter().flat_map(|b| b.fixed).map(Entry::visible).map(|e| {
            let mut result = SarifResult::builder()
                .rule_id(e.rule.as_str())
                .level(json!(registry::get(&e.rule).map_or("note", |r| sarif_level(r.level))))
                .message(Message::builder().text(format!("{} (fixed since the baseline; at #{})", e.message, e.pointer)).build())
                .build();
            result.rule_index = index_of(&e.rule).map(|i| i as i64);
            result.baseline_state = Some(json!("absent"));
            let physical =
                PhysicalLocation::builder().artifact_location(ArtifactLocation::builder().uri(e.file.clone()).build()).build();
            result.locations = Some(vec![Location::builder().physical_location(physical).build()]);
            result
        }))
        .collect();
    let driver = ToolComponent::builder()
        .name("apigen")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder().tool(Tool::builder().driver(driver).build()).results(results).build();
    let sarif = Sarif::builder()
        .schema("https://json.schemastore.org/sarif-2.1.0.json")
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build();
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}
