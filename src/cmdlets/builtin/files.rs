//! Out-File, Get-Content, Set-Content, Add-Content and Test-Path, plus the path and encoding
//! rules the CSV cmdlets share: Windows-style `.\x.csv` paths work on any system, byte order
//! marks are recognised when reading, and text is written as UTF-8 unless asked otherwise.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::format::{out_default, FormatOptions};
use crate::engine::value::Value;

use super::compare::{has_wildcards, wildcard_match};
use super::{error, input_objects};

/// A path as a script wrote it, resolved against the current directory; `\` separates
/// directories as on Windows, `~` is the home directory.
pub fn resolve_path(text: &str) -> PathBuf {
    let normalised = if cfg!(windows) {
        text.to_string()
    } else {
        text.replace('\\', "/")
    };
    let path = match normalised.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            let home = std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default();
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(normalised),
    };
    if path.is_absolute() {
        path
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    }
}

/// The paths a possibly wildcarded path stands for (wildcards in the last element only).
pub fn expand(path_text: &str) -> Vec<PathBuf> {
    let path = resolve_path(path_text);
    let Some(leaf) = path.file_name().map(|l| l.to_string_lossy().into_owned()) else {
        return vec![path];
    };
    if !has_wildcards(&leaf) {
        return vec![path];
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut hits: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| wildcard_match(&leaf, &n.to_string_lossy(), false))
                })
                .collect()
        })
        .unwrap_or_default();
    hits.sort();
    hits
}

/// Shows a resolved path without `./` segments, as PowerShell's messages do.
pub fn display_path(path: &Path) -> String {
    let mut shown = PathBuf::new();
    for part in path.components() {
        if part != std::path::Component::CurDir {
            shown.push(part);
        }
    }
    shown.display().to_string()
}

/// Text in the encoding -Encoding names: UTF-8 without a byte order mark by default,
/// `UTF8` with one (as 5.1 writes it), `Unicode`/`BigEndianUnicode` as UTF-16 with a mark,
/// `ASCII` with `?` for anything else.
pub fn encode(text: &str, encoding: Option<&str>) -> Vec<u8> {
    match encoding.map(str::to_ascii_lowercase).as_deref() {
        Some("utf8") => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        Some("unicode") => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        Some("bigendianunicode") => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
        Some("ascii") => text
            .chars()
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect(),
        _ => text.as_bytes().to_vec(),
    }
}

/// Bytes as text: UTF-16 and UTF-8 byte order marks are honoured, invalid UTF-8 replaced.
pub fn decode(bytes: &[u8]) -> String {
    let utf16 = |chunks: Vec<u16>| String::from_utf16_lossy(&chunks);
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(
            rest.chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect(),
        ),
        [0xFE, 0xFF, rest @ ..] => utf16(
            rest.chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect(),
        ),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The paths a path cmdlet works on: the piped values when there are any, else -Path.
pub fn path_arguments(params: &BoundParameters, input: &[Value]) -> Vec<String> {
    match params.strings("Path") {
        Some(p) if input.is_empty() => p,
        _ => input.iter().map(Value::to_ps_string).collect(),
    }
}

/// PowerShell's error for a path that names nothing.
pub fn path_not_found(cx: &dyn CommandContext, path: &Path) -> ErrorRecord {
    let shown = display_path(path);
    error(
        cx,
        ErrorCategory::ObjectNotFound,
        "PathNotFound",
        format!("Cannot find path '{shown}' because it does not exist."),
    )
    .with_target(shown, "String")
    .with_exception("System.Management.Automation.ItemNotFoundException")
}

/// An I/O failure in PowerShell's words: a missing directory is "Could not find a part of
/// the path", anything else the system's message.
pub fn io_error(cx: &dyn CommandContext, path: &Path, e: &std::io::Error) -> ErrorRecord {
    let shown = display_path(path);
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => format!("Could not find a part of the path '{shown}'."),
        std::io::ErrorKind::PermissionDenied => format!("Access to the path '{shown}' is denied."),
        _ => format!("{e}: '{shown}'"),
    };
    error(cx, ErrorCategory::OpenError, "FileOpenFailure", message)
        .with_target(shown, "String")
        .with_exception("System.IO.IOException")
}

/// Writes (or appends) text to a file, refusing to overwrite with -NoClobber.
pub fn write_file(
    cx: &dyn CommandContext,
    path: &Path,
    text: &str,
    params: &BoundParameters,
    append: bool,
) -> Result<(), ErrorRecord> {
    if params.switch("NoClobber") && !append && path.exists() {
        let shown = display_path(path);
        return Err(error(
            cx,
            ErrorCategory::ResourceExists,
            "NoClobber",
            format!("The file '{shown}' already exists."),
        )
        .with_target(shown, "String")
        .with_exception("System.IO.IOException"));
    }
    let encoding = params.string("Encoding");
    // An appended part never repeats the byte order mark.
    let bytes = if append && path.exists() {
        encode(text, None)
    } else {
        encode(text, encoding.as_deref())
    };
    let result = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(path)
        .and_then(|mut f| f.write_all(&bytes));
    result.map_err(|e| io_error(cx, path, &e))
}

/// Out-File: the formatted output, as the host would print it, into a file.
pub fn out_file(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let items = input_objects(params, input);
    let path = resolve_path(&params.string("FilePath").unwrap_or_default());
    let width = params
        .get("Width")
        .and_then(Value::as_f64)
        .map_or(cx.format_options().width, |w| w.max(1.0) as usize);
    let text = if params.switch("NoNewline") {
        items.iter().map(Value::to_ps_string).collect::<String>()
    } else {
        out_default(
            &items,
            &FormatOptions {
                color: false,
                width,
            },
        )
    };
    if !cx.should_process(&display_path(&path), "Output to File") {
        return Ok(());
    }
    write_file(cx, &path, &text, params, params.switch("Append"))
}

fn read_text(cx: &dyn CommandContext, path: &Path) -> Result<String, ErrorRecord> {
    if !path.is_file() {
        return Err(path_not_found(cx, path));
    }
    fs::read(path)
        .map(|bytes| decode(&bytes))
        .map_err(|e| io_error(cx, path, &e))
}

/// The lines of a text, without their terminators (a final newline ends the last line).
fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// Get-Content: the lines of each file, or the whole text with -Raw.
pub fn get_content(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    for p in params.strings("Path").unwrap_or_default() {
        let path = resolve_path(&p);
        let text = match read_text(cx, &path) {
            Ok(t) => t,
            Err(e) => {
                cx.write_error(e);
                continue;
            }
        };
        if params.switch("Raw") {
            cx.write_output(Value::String(text));
            continue;
        }
        let mut lines = lines_of(&text);
        if let Some(n) = params.get("TotalCount").and_then(Value::as_f64) {
            if n >= 0.0 {
                lines.truncate(n as usize);
            }
        }
        if let Some(n) = params.get("Tail").and_then(Value::as_f64) {
            let keep = (n.max(0.0) as usize).min(lines.len());
            lines.drain(..lines.len() - keep);
        }
        for line in lines {
            cx.write_output(Value::String(line));
        }
    }
    Ok(())
}

fn content_text(params: &BoundParameters, input: Vec<Value>) -> (Vec<Value>, String) {
    let values = match params.get("Value") {
        Some(v) if input.is_empty() => v.clone().into_items(),
        _ => input,
    };
    let text = if params.switch("NoNewline") {
        values.iter().map(Value::to_ps_string).collect()
    } else {
        values
            .iter()
            .map(|v| format!("{}\n", v.to_ps_string()))
            .collect()
    };
    (values, text)
}

fn write_content(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
    append: bool,
) -> Result<(), ErrorRecord> {
    let (values, text) = content_text(params, input);
    let action = if append { "Add Content" } else { "Set Content" };
    for p in params.strings("Path").unwrap_or_default() {
        let path = resolve_path(&p);
        let shown = display_path(&path);
        if !cx.should_process(&format!("Path: {shown}"), action) {
            continue;
        }
        write_file(cx, &path, &text, params, append)?;
    }
    if params.switch("PassThru") {
        values.into_iter().for_each(|v| cx.write_output(v));
    }
    Ok(())
}

/// Set-Content: replaces each file's content with the values, one per line.
pub fn set_content(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    write_content(cx, params, input, false)
}

/// Add-Content: appends the values, one per line.
pub fn add_content(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    write_content(cx, params, input, true)
}

/// Test-Path: whether each path exists (as a file with Leaf, a directory with Container),
/// or with -IsValid whether it is well-formed.
pub fn test_path(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let paths = path_arguments(params, &input);
    let kind = params.string("PathType").unwrap_or_else(|| "Any".into());
    for p in paths {
        let result = if params.switch("IsValid") {
            !p.is_empty() && !p.contains(['\0', '<', '>', '|', '"'])
        } else if p.trim().is_empty() {
            false
        } else {
            expand(&p)
                .iter()
                .any(|path| match kind.to_ascii_lowercase().as_str() {
                    "leaf" => path.is_file(),
                    "container" => path.is_dir(),
                    _ => path.exists(),
                })
        };
        cx.write_output(Value::Bool(result));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_round_trip() {
        for enc in [
            None,
            Some("UTF8"),
            Some("Unicode"),
            Some("BigEndianUnicode"),
        ] {
            assert_eq!(decode(&encode("Pöol\n", enc)), "Pöol\n", "{enc:?}");
        }
        assert_eq!(encode("é", Some("ASCII")), b"?");
    }

    #[test]
    fn windows_paths_resolve_against_the_current_directory() {
        let p = resolve_path(".\\reports\\x.csv");
        assert!(p.is_absolute());
        assert!(display_path(&p).ends_with("reports/x.csv") || cfg!(windows));
    }
}
