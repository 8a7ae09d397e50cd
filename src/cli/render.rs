//! The review of a change, in three formats from one [`Report`]: text for a terminal, JSON for
//! CI bots, Markdown for a pull-request review. `lyncsh plan` and `lyncsh diff` both print
//! through [`render`], so the formats cannot drift apart.
//!
//! The JSON shape is documented in README.md ("Plan JSON"); `formatVersion` changes when a
//! field changes meaning or goes away (new fields may appear without it).

use nu_ansi_term::{Color, Style};
use serde::Serialize;

use crate::topology::diff::{ChangeKind, Diff, ObjectChange};
use crate::topology::report::{change_lines, paint_kind, plural, show_change, sign};
use crate::topology::validate::{Finding, Severity};

/// Output format of a plan or diff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
    Markdown,
}

/// Where a change came from: the script and the line of the top-level statement that made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub file: String,
    pub line: usize,
    /// The property the statement changed; `None` (and left out of JSON) when it added or
    /// removed the whole object.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property: Option<String>,
}

/// `change.ps1:3, change.ps1:5` for the sources that touched `property` (or the object as a
/// whole), each line once.
fn sources_text(sources: &[Source], property: Option<&str>) -> String {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for s in sources {
        let relevant = match (property, &s.property) {
            (Some(p), Some(q)) => p == q,
            _ => true,
        };
        if relevant && !seen.contains(&(s.file.as_str(), s.line)) {
            seen.push((&s.file, s.line));
        }
    }
    let items: Vec<String> = seen.iter().map(|(f, l)| format!("{f}:{l}")).collect();
    items.join(", ")
}

/// The error that stopped a planned script (a parse error or a terminating error).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScriptError {
    pub kind: ErrorKind,
    pub message: String,
    /// Where it happened, when known.
    pub source: Option<Source>,
    /// The record as the shell printed it (`At line:N char:M`, caret, ids).
    pub record: String,
}

/// How a planned script failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// It did not parse, so nothing of it ran.
    ParseError,
    /// A terminating error stopped it part-way.
    TerminatingError,
    /// It ended with `exit N`, N not 0.
    Exit,
}

impl ScriptError {
    /// One sentence for the text and Markdown reports.
    fn summary(&self) -> String {
        let at = |s: &Source| format!("{}:{}", s.file, s.line);
        match (self.kind, &self.source) {
            (ErrorKind::ParseError, Some(s)) => format!(
                "the script does not parse ({}): {} Nothing of it ran.",
                at(s),
                self.message
            ),
            (ErrorKind::TerminatingError, Some(s)) => format!(
                "the script stopped at {}: {} The changes up to that point are shown.",
                at(s),
                self.message
            ),
            _ => self.message.clone(),
        }
    }
}

/// Everything a review shows.
#[derive(Clone, Debug)]
pub struct Report {
    /// `plan` or `diff`.
    pub command: &'static str,
    /// What was compared, named as a reader names the documents (`diff.old_name`:
    /// `draft (based on v3)`, `v2 (enabled)`; `diff.new_name`: `change.ps1 applied`, `draft`).
    pub diff: Diff,
    /// For each entry of `diff.changes`, the statements that made it (empty for `diff`).
    pub sources: Vec<Vec<Source>>,
    /// Every validation finding on the `to` document.
    pub findings: Vec<Finding>,
    pub error: Option<ScriptError>,
}

/// The verdict, which decides the exit code as `terraform plan -detailed-exitcode` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    NoChanges,
    Changes,
    /// The result has validation errors: it could not be published.
    Invalid,
    /// The script did not parse or stopped on a terminating error.
    Error,
}

impl Report {
    pub fn outcome(&self) -> Outcome {
        if self.error.is_some() {
            Outcome::Error
        } else if self.findings.iter().any(Finding::is_error) {
            Outcome::Invalid
        } else if self.diff.is_empty() {
            Outcome::NoChanges
        } else {
            Outcome::Changes
        }
    }

    /// 0 no changes, 2 changes that validate, 1 an error or validation errors.
    pub fn exit_code(&self) -> i32 {
        match self.outcome() {
            Outcome::NoChanges => 0,
            Outcome::Changes => 2,
            Outcome::Invalid | Outcome::Error => 1,
        }
    }

    fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for change in &self.diff.changes {
            match change.kind {
                ChangeKind::Added => c.add += 1,
                ChangeKind::Changed => c.change += 1,
                ChangeKind::Removed => c.remove += 1,
            }
        }
        for f in &self.findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Information => c.information += 1,
            }
        }
        c
    }
}

#[derive(Default)]
struct Counts {
    add: usize,
    change: usize,
    remove: usize,
    errors: usize,
    warnings: usize,
    information: usize,
}

impl Counts {
    fn changes(&self) -> String {
        format!(
            "{} to add, {} to change, {} to remove",
            self.add, self.change, self.remove
        )
    }

    fn validation(&self) -> String {
        let mut text = format!(
            "{}, {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings")
        );
        if self.information > 0 {
            text.push_str(&format!(", {} information", self.information));
        }
        text
    }
}

/// Renders `report` in `format`; `color` applies to text only.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Text => text(report, color),
        Format::Json => json(report),
        Format::Markdown => markdown(report),
    }
}

// Text ---------------------------------------------------------------------------------------

struct Paint(bool);

impl Paint {
    fn style(&self, style: Style, text: &str) -> String {
        if self.0 {
            style.paint(text).to_string()
        } else {
            text.to_string()
        }
    }
    fn kind(&self, kind: ChangeKind, text: &str) -> String {
        paint_kind(kind, text, self.0)
    }
    fn severity(&self, severity: Severity, text: &str) -> String {
        let color = match severity {
            Severity::Error => Color::Red,
            Severity::Warning => Color::Yellow,
            Severity::Information => Color::Cyan,
        };
        self.style(color.bold(), text)
    }
    fn bold(&self, text: &str) -> String {
        self.style(Style::new().bold(), text)
    }
}

fn text(report: &Report, color: bool) -> String {
    let paint = Paint(color);
    let counts = report.counts();
    let mut out = format!(
        "{}\n\n",
        paint.bold(&format!(
            "{}: {} → {}",
            title_case(report.command),
            report.diff.old_name,
            report.diff.new_name
        ))
    );
    if let Some(error) = &report.error {
        out.push_str(&format!(
            "{} {}\n\n",
            paint.severity(Severity::Error, "Error:"),
            error.summary()
        ));
    }
    out.push_str(&format!(
        "{} {}\n",
        paint.bold("Validation:"),
        counts.validation()
    ));
    for f in &report.findings {
        out.push_str(&format!(
            "  {} {} {}\n      {}\n",
            paint.severity(f.severity, &format!("{:<11}", f.severity.to_string())),
            f.rule_id,
            f.path,
            f.message
        ));
        if let Some(r) = &f.reference {
            out.push_str(&format!("      See {r}\n"));
        }
    }
    out.push('\n');
    if report.diff.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    out.push_str(&format!(
        "{} {}.\n",
        paint.bold("Changes:"),
        counts.changes()
    ));
    for (i, change) in report.diff.changes.iter().enumerate() {
        let sources = report.sources.get(i).map_or(&[][..], Vec::as_slice);
        out.push_str(&text_change(change, sources, &paint));
    }
    if !report.diff.unified.is_empty() {
        out.push('\n');
        for line in report.diff.unified.lines() {
            let styled = match line.chars().next() {
                Some('+') if !line.starts_with("+++") => paint.kind(ChangeKind::Added, line),
                Some('-') if !line.starts_with("---") => paint.kind(ChangeKind::Removed, line),
                Some('@') => paint.style(Color::Cyan.normal(), line),
                _ => line.to_string(),
            };
            out.push_str(&styled);
            out.push('\n');
        }
    }
    out
}

/// The shared change lines ([`change_lines`]), each ending with the statements that made it.
fn text_change(change: &ObjectChange, sources: &[Source], paint: &Paint) -> String {
    let from = |property: Option<&str>| match sources_text(sources, property) {
        text if text.is_empty() => text,
        text => format!("  # {text}"),
    };
    change_lines(change, paint.0, &from)
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// JSON ---------------------------------------------------------------------------------------

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonReport<'a> {
    format_version: u32,
    command: &'a str,
    from: &'a str,
    to: &'a str,
    outcome: Outcome,
    exit_code: i32,
    error: Option<&'a ScriptError>,
    summary: JsonSummary,
    findings: &'a [Finding],
    changes: Vec<JsonChange<'a>>,
    unified_diff: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonSummary {
    add: usize,
    change: usize,
    remove: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonChange<'a> {
    #[serde(flatten)]
    change: &'a ObjectChange,
    sources: &'a [Source],
}

fn json(report: &Report) -> String {
    let counts = report.counts();
    let doc = JsonReport {
        format_version: 1,
        command: report.command,
        from: &report.diff.old_name,
        to: &report.diff.new_name,
        outcome: report.outcome(),
        exit_code: report.exit_code(),
        error: report.error.as_ref(),
        summary: JsonSummary {
            add: counts.add,
            change: counts.change,
            remove: counts.remove,
            errors: counts.errors,
            warnings: counts.warnings,
        },
        findings: &report.findings,
        changes: report
            .diff
            .changes
            .iter()
            .enumerate()
            .map(|(i, change)| JsonChange {
                change,
                sources: report.sources.get(i).map_or(&[], Vec::as_slice),
            })
            .collect(),
        unified_diff: &report.diff.unified,
    };
    // Plain data with string keys: serialising it cannot fail.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

// Markdown -----------------------------------------------------------------------------------

/// Text for a table cell: pipes escaped, line ends as `<br>`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

fn code_cell(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("`{}`", cell(text).replace('`', "'"))
    }
}

fn markdown(report: &Report) -> String {
    let counts = report.counts();
    let verdict = match report.outcome() {
        Outcome::NoChanges => "No changes.".to_string(),
        Outcome::Changes => format!("**{}.**", title_case(&counts.changes())),
        Outcome::Invalid => format!(
            "**{}**, but the result **fails validation** and cannot be published.",
            title_case(&counts.changes())
        ),
        Outcome::Error => "**The script failed.**".into(),
    };
    let mut out = format!(
        "### lyncsh {}: {} → {}\n\n{verdict} Validation: {}.\n",
        report.command,
        report.diff.old_name,
        report.diff.new_name,
        counts.validation()
    );
    if let Some(error) = &report.error {
        out.push_str(&format!("\n> **Error:** {}\n", cell(&error.summary())));
        if !error.record.is_empty() {
            out.push_str(&format!("\n```text\n{}```\n", error.record));
        }
    }
    if !report.diff.is_empty() {
        // `lyncsh diff` compares versions: no statement made its changes.
        let with_sources = report.sources.iter().any(|s| !s.is_empty());
        let (head, rule) = match with_sources {
            true => (" Source |", "---|"),
            false => ("", ""),
        };
        out.push_str(&format!(
            "\n| | Object | Property | Before | After |{head}\n"
        ));
        out.push_str(&format!("|:-:|---|---|---|---|{rule}\n"));
        let source_cell = |text: String| match with_sources {
            true => format!(" {text} |"),
            false => String::new(),
        };
        for (i, change) in report.diff.changes.iter().enumerate() {
            let sources = report.sources.get(i).map_or(&[][..], Vec::as_slice);
            let source = cell(&sources_text(sources, None));
            let sign = sign(change.kind);
            let label = code_cell(&change.label);
            match change.kind {
                ChangeKind::Changed => {
                    for p in &change.properties {
                        let (old, new) = show_change(p.old.as_ref(), p.new.as_ref());
                        out.push_str(&format!(
                            "| {sign} | {label} | {} | {} | {} |{}\n",
                            cell(&p.name),
                            code_cell(&old),
                            code_cell(&new),
                            source_cell(cell(&sources_text(sources, Some(&p.name))))
                        ));
                    }
                }
                ChangeKind::Added => out.push_str(&format!(
                    "| {sign} | {label} | | | new, {} | {source} |\n",
                    plural(change.properties.len(), "property", "properties"),
                )),
                ChangeKind::Removed => {
                    out.push_str(&format!("| {sign} | {label} | | removed | | {source} |\n"))
                }
            }
        }
    }
    if !report.findings.is_empty() {
        out.push_str(
            "\n#### Validation\n\n| Severity | Rule | Path | Message |\n|---|---|---|---|\n",
        );
        for f in &report.findings {
            let mut message = cell(&f.message);
            if let Some(r) = &f.reference {
                message.push_str(&format!(" (see {})", cell(r)));
            }
            out.push_str(&format!(
                "| {} | `{}` | {} | {message} |\n",
                f.severity,
                f.rule_id,
                code_cell(&f.path)
            ));
        }
    }
    if !report.diff.unified.is_empty() {
        // A fence longer than any run of backticks in the diff keeps it closed.
        let fence = "`".repeat(longest_backtick_run(&report.diff.unified).max(2) + 1);
        out.push_str(&format!(
            "\n<details><summary>YAML diff</summary>\n\n{fence}diff\n{}{fence}\n\n</details>\n",
            report.diff.unified
        ));
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::topology::diff::PropertyChange;
    use serde_json::json;
    use serde_json::Value;

    fn change(
        kind: ChangeKind,
        label: &str,
        props: &[(&str, Option<Value>, Option<Value>)],
    ) -> ObjectChange {
        ObjectChange {
            kind,
            label: label.into(),
            path: format!("configuration.x[{label}]"),
            properties: props
                .iter()
                .map(|(n, o, v)| PropertyChange {
                    name: n.to_string(),
                    old: o.clone(),
                    new: v.clone(),
                })
                .collect(),
        }
    }

    fn report(
        changes: Vec<ObjectChange>,
        findings: Vec<Finding>,
        error: Option<ScriptError>,
    ) -> Report {
        let unified = if changes.is_empty() {
            String::new()
        } else {
            "--- a\n+++ b\n@@ -1 +1 @@\n-x: 1\n+x: 2\n".to_string()
        };
        let sources = changes
            .iter()
            .enumerate()
            .map(|(i, _)| {
                vec![Source {
                    file: "change.ps1".into(),
                    line: i + 1,
                    property: None,
                }]
            })
            .collect();
        Report {
            command: "plan",
            diff: Diff {
                old_name: "draft (based on v1)".into(),
                new_name: "change.ps1 applied".into(),
                changes,
                unified,
            },
            sources,
            findings,
            error,
        }
    }

    fn sample() -> Report {
        report(
            vec![
                change(
                    ChangeKind::Changed,
                    "WebServer:lyncserver.jacobs.local",
                    &[("McxSipPrimaryListeningPort", None, Some(json!(5086)))],
                ),
                change(
                    ChangeKind::Added,
                    "HostingProvider LyncOnline",
                    &[
                        ("ProxyFqdn", None, Some(json!("sipfed.online.lync.com"))),
                        ("Enabled", None, Some(json!(true))),
                    ],
                ),
                change(
                    ChangeKind::Removed,
                    "AllowedDomain contoso.com",
                    &[("Comment", Some(json!("a|b")), None)],
                ),
            ],
            vec![Finding::warning(
                "EDGE-NTLM",
                "configuration.accessEdge[Global]",
                "NTLM is off.",
            )
            .with_reference("KB2664650")],
            None,
        )
    }

    #[test]
    fn exit_codes_follow_terraform_detailed_exitcode() {
        assert_eq!(report(vec![], vec![], None).exit_code(), 0);
        assert_eq!(sample().exit_code(), 2);
        let invalid = report(
            sample().diff.changes,
            vec![Finding::error("X", "p", "bad")],
            None,
        );
        assert_eq!(invalid.outcome(), Outcome::Invalid);
        assert_eq!(invalid.exit_code(), 1);
        // Validation errors alone fail a plan even when the script changes nothing.
        assert_eq!(
            report(vec![], vec![Finding::error("X", "p", "bad")], None).exit_code(),
            1
        );
        let failed = report(
            vec![],
            vec![],
            Some(ScriptError {
                kind: ErrorKind::TerminatingError,
                message: "boom".into(),
                source: None,
                record: "boom\n".into(),
            }),
        );
        assert_eq!(failed.outcome(), Outcome::Error);
        assert_eq!(failed.exit_code(), 1);
    }

    #[test]
    fn text_lists_changes_in_terraform_style() {
        let text = render(&sample(), Format::Text, false);
        assert!(text.contains(
            "  ~ WebServer:lyncserver.jacobs.local McxSipPrimaryListeningPort: (none) → 5086  # change.ps1:1\n"
        ), "{text}");
        assert!(text.contains("  + HostingProvider LyncOnline  # change.ps1:2\n      ProxyFqdn: sipfed.online.lync.com\n      Enabled: true\n"), "{text}");
        assert!(
            text.contains("  - AllowedDomain contoso.com  # change.ps1:3\n      Comment: a|b\n"),
            "{text}"
        );
        assert!(
            text.contains("Changes: 1 to add, 1 to change, 1 to remove.\n"),
            "{text}"
        );
        assert!(text.contains("Validation: 0 errors, 1 warning\n"), "{text}");
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn text_says_no_changes() {
        let text = render(&report(vec![], vec![], None), Format::Text, false);
        assert!(text.ends_with("\nNo changes.\n"), "{text}");
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(render(&sample(), Format::Text, true).contains('\u{1b}'));
        assert!(!render(&sample(), Format::Markdown, true).contains('\u{1b}'));
        assert!(!render(&sample(), Format::Json, true).contains('\u{1b}'));
    }

    #[test]
    fn json_is_parseable_and_complete() {
        let text = render(&sample(), Format::Json, false);
        let v: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(v["formatVersion"], 1);
        assert_eq!(v["outcome"], "changes");
        assert_eq!(v["exitCode"], 2);
        assert_eq!(v["summary"]["add"], 1);
        assert_eq!(v["changes"][0]["kind"], "Changed");
        assert_eq!(
            v["changes"][0]["label"],
            "WebServer:lyncserver.jacobs.local"
        );
        assert_eq!(v["changes"][0]["properties"][0]["new"], 5086);
        assert_eq!(v["changes"][0]["sources"][0]["line"], 1);
        assert_eq!(v["findings"][0]["ruleId"], "EDGE-NTLM");
        assert!(v["error"].is_null());
    }

    #[test]
    fn markdown_escapes_cells_and_fences_the_diff() {
        let md = render(&sample(), Format::Markdown, false);
        assert!(md.starts_with("### lyncsh plan: draft (based on v1) → change.ps1 applied\n\n**1 to add, 1 to change, 1 to remove.**"), "{md}");
        assert!(md.contains("| ~ | `WebServer:lyncserver.jacobs.local` | McxSipPrimaryListeningPort | `(none)` | `5086` | change.ps1:1 |"), "{md}");
        assert!(
            md.contains(
                "| + | `HostingProvider LyncOnline` | | | new, 2 properties | change.ps1:2 |"
            ),
            "{md}"
        );
        assert!(md.contains("| Warning | `EDGE-NTLM` | `configuration.accessEdge[Global]` | NTLM is off. (see KB2664650) |"), "{md}");
        assert!(md.contains("```diff\n--- a\n"), "{md}");
        let mut tricky = sample();
        tricky.diff.unified = "+x: ```\n".into();
        assert!(render(&tricky, Format::Markdown, false).contains("````diff\n+x: ```\n````"));
    }
}
