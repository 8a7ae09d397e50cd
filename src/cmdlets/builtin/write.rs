//! Write-Output, Write-Host, Write-Verbose, Write-Warning, Write-Error and Read-Host.

use nu_ansi_term::Color;

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::Value;

use super::error;

/// Write-Output: the objects down the pipeline, collections enumerated unless -NoEnumerate.
pub fn write_output(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    if !input.is_empty() {
        input.into_iter().for_each(|v| cx.write_output(v));
        return Ok(());
    }
    let Some(value) = params.get("InputObject").cloned() else {
        return Ok(());
    };
    if params.switch("NoEnumerate") {
        cx.write_output(value);
    } else {
        value
            .into_items()
            .into_iter()
            .for_each(|v| cx.write_output(v));
    }
    Ok(())
}

/// The ANSI colour of a console colour name (the dark ones are the normal ANSI colours,
/// the others the bright ones, as Windows maps them).
fn console_color(name: &str) -> Option<Color> {
    Some(match name.to_ascii_lowercase().as_str() {
        "black" => Color::Black,
        "darkblue" => Color::Blue,
        "darkgreen" => Color::Green,
        "darkcyan" => Color::Cyan,
        "darkred" => Color::Red,
        "darkmagenta" => Color::Purple,
        "darkyellow" => Color::Yellow,
        "gray" => Color::White,
        "darkgray" => Color::DarkGray,
        "blue" => Color::LightBlue,
        "green" => Color::LightGreen,
        "cyan" => Color::LightCyan,
        "red" => Color::LightRed,
        "magenta" => Color::LightPurple,
        "yellow" => Color::LightYellow,
        "white" => Color::LightGray,
        _ => return None,
    })
}

/// Write-Host: the objects' text joined by -Separator (a space), coloured on a terminal.
pub fn write_host(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let objects = match params.get("Object") {
        Some(v) => v.clone().into_items(),
        None => input,
    };
    let separator = params.string("Separator").unwrap_or_else(|| " ".into());
    let text = objects
        .iter()
        .flat_map(|v| v.clone().into_items())
        .map(|v| v.to_ps_string())
        .collect::<Vec<_>>()
        .join(&separator);
    let fg = params
        .string("ForegroundColor")
        .and_then(|c| console_color(&c));
    let bg = params
        .string("BackgroundColor")
        .and_then(|c| console_color(&c));
    let text = if cx.format_options().color && (fg.is_some() || bg.is_some()) && !text.is_empty() {
        let mut style = nu_ansi_term::Style::new();
        if let Some(fg) = fg {
            style = style.fg(fg);
        }
        if let Some(bg) = bg {
            style = style.on(bg);
        }
        style.paint(text).to_string()
    } else {
        text
    };
    cx.write_host(&text, !params.switch("NoNewline"));
    Ok(())
}

/// The -Message argument, or the piped strings.
fn messages(params: &BoundParameters, input: Vec<Value>) -> Vec<String> {
    match params.string("Message") {
        Some(m) if input.is_empty() => vec![m],
        _ if !input.is_empty() => input.iter().map(Value::to_ps_string).collect(),
        _ => Vec::new(),
    }
}

pub fn write_verbose(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    for m in messages(params, input) {
        cx.write_verbose(&m);
    }
    Ok(())
}

pub fn write_warning(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    for m in messages(params, input) {
        cx.write_warning(&m);
    }
    Ok(())
}

/// Write-Error: a non-terminating error record with the given category, id and target. Its
/// fully qualified id is the -ErrorId alone (or WriteErrorException), as in PowerShell.
pub fn write_error(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let category = params
        .string("Category")
        .and_then(|c| ErrorCategory::from_name(&c))
        .unwrap_or(ErrorCategory::NotSpecified);
    let id = params
        .string("ErrorId")
        .unwrap_or_else(|| "Microsoft.PowerShell.Commands.WriteErrorException".into());
    for message in messages(params, input) {
        let mut record = ErrorRecord::new(category, &id, message)
            .with_exception("Microsoft.PowerShell.Commands.WriteErrorException");
        let target_name = params
            .string("CategoryTargetName")
            .or_else(|| params.string("TargetObject"));
        if let Some(name) = target_name {
            let ty = params
                .string("CategoryTargetType")
                .or_else(|| {
                    params
                        .get("TargetObject")
                        .map(|v| short_type(&v.type_name()))
                })
                .unwrap_or_default();
            record = record.with_target(name, &ty);
        }
        if let Some(action) = params.string("RecommendedAction") {
            record = record.with_hint(action);
        }
        // Inside a function the error is the function's, shown where it was called
        // (`f : message`, `+ f`), as PowerShell reports it.
        if let Some((command, position)) = cx.caller() {
            record.activity = Some(cx.definition().name.clone());
            record.command = Some(command);
            record.position = Some(position);
        }
        cx.write_error(record);
    }
    Ok(())
}

/// `System.String` → `String`, as CategoryInfo shows a target's type.
fn short_type(full: &str) -> String {
    full.rsplit('.').next().unwrap_or(full).to_string()
}

/// Read-Host: a line from the user; an error when nobody can answer.
pub fn read_host(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let prompt = params
        .get("Prompt")
        .map(|p| {
            p.clone()
                .into_items()
                .iter()
                .map(Value::to_ps_string)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .map(|p| format!("{p}: "))
        .unwrap_or_default();
    let line = if cx.interactive() {
        cx.read_host(&prompt)
    } else {
        None
    };
    match line {
        Some(text) => {
            cx.write_output(Value::String(text));
            Ok(())
        }
        None => Err(error(
            cx,
            ErrorCategory::InvalidOperation,
            "System.Management.Automation.PSInvalidOperationException",
            "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
        )
        .with_exception("System.Management.Automation.PSInvalidOperationException")),
    }
}

/// Write-Progress: one self-overwriting line on an interactive host (`activity: status
/// [====      ] 40%`), cleared with -Completed; nothing otherwise.
pub fn write_progress(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    if !cx.interactive() {
        return Ok(());
    }
    const BAR: usize = 20;
    let width = cx.format_options().width.max(BAR + 10);
    if params.switch("Completed") {
        cx.write_host(&format!("\r{}\r", " ".repeat(width - 1)), false);
        return Ok(());
    }
    let activity = params.string("Activity").unwrap_or_default();
    let mut line = match params.string("Status") {
        Some(status) => format!("{activity}: {status}"),
        None => activity,
    };
    if let Some(p) = params.get("PercentComplete").and_then(Value::as_f64) {
        if p >= 0.0 {
            let filled = ((p.min(100.0) / 100.0) * BAR as f64).round() as usize;
            line.push_str(&format!(
                " [{}{}] {}%",
                "=".repeat(filled),
                " ".repeat(BAR - filled),
                p as i64
            ));
        }
    }
    let line: String = line.chars().take(width - 1).collect();
    cx.write_host(&format!("\r{line:<w$}", w = width - 1), false);
    Ok(())
}

/// Write-Debug: `DEBUG: text` on the host when `$DebugPreference` is Continue or -Debug
/// was given.
pub fn write_debug(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let preference = cx
        .get_variable("DebugPreference")
        .map(|v| v.to_ps_string())
        .unwrap_or_default();
    let shown = params.switch("Debug")
        || ["Continue", "Inquire"]
            .iter()
            .any(|p| p.eq_ignore_ascii_case(&preference));
    if !shown {
        return Ok(());
    }
    let color = cx.format_options().color;
    for m in messages(params, input) {
        let line = format!("DEBUG: {m}");
        let line = if color {
            Color::Yellow.paint(line).to_string()
        } else {
            line
        };
        cx.write_host(&line, true);
    }
    Ok(())
}

/// Clear-Host: clears a terminal screen; nothing when the output is not a terminal (colour
/// is only on for terminals).
pub fn clear_host(
    cx: &mut dyn CommandContext,
    _params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    if cx.format_options().color {
        cx.write_host("\u{1b}[2J\u{1b}[H", false);
    }
    Ok(())
}
