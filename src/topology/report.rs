//! The one-line-per-change text form of a change list, shared by `lyncsh plan`/`lyncsh diff`
//! and the change list `-WhatIf` prints after its What-if line, so a reviewer reads the same
//! lines wherever a change is shown.

use nu_ansi_term::Color;
use serde_json::Value;

use super::diff::{ChangeKind, ObjectChange};

/// `1 item`, `3 errors`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A property value as the shell shows it: `(none)` for nothing, strings bare, lists as
/// `{a, b}`.
pub fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(none)".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items.iter().map(|v| show(Some(v))).collect();
            format!("{{{}}}", items.join(", "))
        }
        Some(other) => other.to_string(),
    }
}

/// A changed property's old and new value. Lists that both exist show only what was added
/// and removed (`{…19 items} → +Web-Dyn-Compression`), as a long list would hide the change.
pub fn show_change(old: Option<&Value>, new: Option<&Value>) -> (String, String) {
    if let (Some(Value::Array(before)), Some(Value::Array(after))) = (old, new) {
        let gone: Vec<String> = before
            .iter()
            .filter(|v| !after.contains(v))
            .map(|v| format!("-{}", show(Some(v))))
            .collect();
        let came: Vec<String> = after
            .iter()
            .filter(|v| !before.contains(v))
            .map(|v| format!("+{}", show(Some(v))))
            .collect();
        if !gone.is_empty() || !came.is_empty() {
            let delta: Vec<String> = gone.into_iter().chain(came).collect();
            return (plural(before.len(), "item", "items"), delta.join(", "));
        }
    }
    (show(old), show(new))
}

pub fn sign(kind: ChangeKind) -> char {
    match kind {
        ChangeKind::Added => '+',
        ChangeKind::Changed => '~',
        ChangeKind::Removed => '-',
    }
}

/// `text` in the colour of its kind of change (green added, yellow changed, red removed).
pub fn paint_kind(kind: ChangeKind, text: &str, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let color = match kind {
        ChangeKind::Added => Color::Green,
        ChangeKind::Changed => Color::Yellow,
        ChangeKind::Removed => Color::Red,
    };
    color.normal().paint(text).to_string()
}

/// `  ~ WebServer:x McxSipPrimaryListeningPort: (none) → 5086`, one line per changed
/// property; an added or removed object on one line with its properties indented below.
/// `suffix` gives what ends each headline for a property (`None` for the whole object), e.g.
/// the script lines that made the change; it may be empty.
pub fn change_lines(
    change: &ObjectChange,
    color: bool,
    suffix: &dyn Fn(Option<&str>) -> String,
) -> String {
    let mut out = String::new();
    let sign = sign(change.kind);
    match change.kind {
        ChangeKind::Changed => {
            for p in &change.properties {
                let (old, new) = show_change(p.old.as_ref(), p.new.as_ref());
                let line = format!("  {sign} {} {}: {old} → {new}", change.label, p.name);
                let line = paint_kind(change.kind, &line, color);
                out.push_str(&format!("{line}{}\n", suffix(Some(&p.name))));
            }
        }
        ChangeKind::Added | ChangeKind::Removed => {
            let line = paint_kind(change.kind, &format!("  {sign} {}", change.label), color);
            out.push_str(&format!("{line}{}\n", suffix(None)));
            for p in &change.properties {
                let value = if change.kind == ChangeKind::Added {
                    &p.new
                } else {
                    &p.old
                };
                out.push_str(&format!("      {}: {}\n", p.name, show(value.as_ref())));
            }
        }
    }
    out
}
