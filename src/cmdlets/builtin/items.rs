//! New-Item, Remove-Item, Get-ChildItem, Join-Path and Split-Path over the file system.
//! Items are objects with Mode, LastWriteTime, Length and Name (shown under a
//! `Directory:` header, as 5.1 shows them) and FullName.

use std::fs;
use std::path::{Path, PathBuf, MAIN_SEPARATOR};
use std::time::UNIX_EPOCH;

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{PsObject, Value};

use super::compare::{has_wildcards, wildcard_match};
use super::error;
use super::files::{
    display_path, encode, expand, io_error, path_arguments, path_not_found, resolve_path,
};
use crate::engine::format::format_date;

/// An item object for a path that exists.
fn item_object(path: &Path) -> Value {
    let meta = fs::metadata(path).ok();
    let is_dir = meta.as_ref().is_some_and(fs::Metadata::is_dir);
    let modified = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = path.parent().map(display_path).unwrap_or_default();
    let (type_name, mode, length) = if is_dir {
        ("System.IO.DirectoryInfo", "d-----", Value::Null)
    } else {
        let len = meta.as_ref().map_or(0, fs::Metadata::len);
        ("System.IO.FileInfo", "-a----", Value::Int(len as i64))
    };
    PsObject::new(type_name)
        .with("Mode", mode)
        .with("LastWriteTime", format_date(modified, "M/d/yyyy   h:mm tt"))
        .with("Length", length)
        .with("Name", name)
        .with("FullName", display_path(path))
        .with("Directory", parent)
        .into_value()
}

pub fn new_item(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let directory = params
        .string("ItemType")
        .is_some_and(|t| t.eq_ignore_ascii_case("Directory"));
    let force = params.switch("Force");
    let value = params
        .get("Value")
        .cloned()
        .or_else(|| input.into_iter().next());
    for p in params.strings("Path").unwrap_or_default() {
        let mut path = resolve_path(&p);
        if let Some(name) = params.string("Name") {
            path = path.join(name);
        }
        let shown = display_path(&path);
        let action = if directory {
            "Create Directory"
        } else {
            "Create File"
        };
        if !cx.should_process(&format!("Destination: {shown}"), action) {
            continue;
        }
        if path.exists() && !(force && (directory == path.is_dir())) {
            cx.write_error(
                error(
                    cx,
                    ErrorCategory::ResourceExists,
                    "NewItemIOError",
                    format!("The file '{shown}' already exists."),
                )
                .with_target(shown, "String")
                .with_exception("System.IO.IOException"),
            );
            continue;
        }
        let result = if directory {
            fs::create_dir_all(&path)
        } else {
            let text = value.as_ref().map(Value::to_ps_string).unwrap_or_default();
            fs::write(&path, encode(&text, None))
        };
        match result {
            Ok(()) => cx.write_output(item_object(&path)),
            Err(e) => cx.write_error(io_error(cx, &path, &e)),
        }
    }
    Ok(())
}

pub fn remove_item(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let paths = path_arguments(params, &input);
    for p in paths {
        let hits = expand(&p);
        if hits.is_empty() || (hits.len() == 1 && !hits[0].exists()) {
            if !has_wildcards(&p) {
                cx.write_error(path_not_found(cx, &resolve_path(&p)));
            }
            continue;
        }
        for path in hits {
            let shown = display_path(&path);
            let action = if path.is_dir() {
                "Remove Directory"
            } else {
                "Remove File"
            };
            if !cx.should_process(&shown, action) {
                continue;
            }
            let result = if path.is_dir() {
                let empty = fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
                if !empty && !params.switch("Recurse") {
                    cx.write_error(
                        error(
                            cx,
                            ErrorCategory::InvalidOperation,
                            "DirectoryNotEmpty",
                            format!("The item at {shown} has children and the Recurse parameter was not specified."),
                        )
                        .with_target(shown, "String"),
                    );
                    continue;
                }
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            if let Err(e) = result {
                cx.write_error(io_error(cx, &path, &e));
            }
        }
    }
    Ok(())
}

fn list(dir: &Path, recurse: bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    // Directories first, then files, each by name, as the file system provider lists them.
    entries.sort_by_key(|p| (!p.is_dir(), p.file_name().map(|n| n.to_ascii_lowercase())));
    for p in entries {
        let is_dir = p.is_dir();
        out.push(p.clone());
        if recurse && is_dir {
            list(&p, true, out);
        }
    }
}

pub fn get_child_item(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let paths = params.strings("Path").unwrap_or_else(|| vec![".".into()]);
    let filter = params.string("Filter");
    let recurse = params.switch("Recurse");
    for p in paths {
        let base = resolve_path(&p);
        let mut found = Vec::new();
        if base.is_dir() {
            list(&base, recurse, &mut found);
        } else {
            let hits = expand(&p);
            if hits.iter().all(|h| !h.exists()) {
                cx.write_error(path_not_found(cx, &base));
                continue;
            }
            found.extend(hits);
        }
        for path in found {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let is_dir = path.is_dir();
            let kind_ok = match (params.switch("File"), params.switch("Directory")) {
                (true, false) => !is_dir,
                (false, true) => is_dir,
                _ => true,
            };
            let keep = kind_ok
                && filter
                    .as_ref()
                    .is_none_or(|f| wildcard_match(f, &name, false));
            if !keep {
                continue;
            }
            if params.switch("Name") {
                let relative = path
                    .strip_prefix(&base)
                    .map_or_else(|_| name.clone(), |r| r.display().to_string());
                cx.write_output(Value::String(relative));
            } else {
                cx.write_output(item_object(&path));
            }
        }
    }
    Ok(())
}

fn join(parent: &str, child: &str) -> String {
    let trimmed = parent.trim_end_matches(['/', '\\']);
    let child = child.trim_start_matches(['/', '\\']);
    if trimmed.is_empty() && !parent.is_empty() {
        return format!("{MAIN_SEPARATOR}{child}");
    }
    format!("{trimmed}{MAIN_SEPARATOR}{child}")
}

pub fn join_path(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let parents = path_arguments(params, &input);
    let mut children = vec![params.string("ChildPath").unwrap_or_default()];
    children.extend(params.strings("AdditionalChildPath").unwrap_or_default());
    for parent in parents {
        let joined = children.iter().fold(parent, |acc, c| join(&acc, c));
        if params.switch("Resolve") && !resolve_path(&joined).exists() {
            cx.write_error(path_not_found(cx, &resolve_path(&joined)));
            continue;
        }
        cx.write_output(Value::String(joined));
    }
    Ok(())
}

pub fn split_path(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let paths = path_arguments(params, &input);
    for p in paths {
        let trimmed = p.trim_end_matches(['/', '\\']);
        let cut = trimmed.rfind(['/', '\\']);
        let value = if params.switch("IsAbsolute") {
            let windows_drive = trimmed.len() >= 2 && trimmed.as_bytes()[1] == b':';
            Value::Bool(trimmed.starts_with(['/', '\\']) || windows_drive)
        } else if params.switch("Leaf") {
            Value::str(cut.map_or(trimmed, |i| &trimmed[i + 1..]))
        } else {
            Value::str(cut.map_or("", |i| if i == 0 { &trimmed[..1] } else { &trimmed[..i] }))
        };
        cx.write_output(value);
    }
    Ok(())
}

fn path_info(path: &Path) -> Value {
    PsObject::new("System.Management.Automation.PathInfo")
        .with("Path", display_path(path))
        .into_value()
}

/// Get-Location: the current directory.
pub fn get_location(
    cx: &mut dyn CommandContext,
    _params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let here = resolve_path(".");
    cx.write_output(path_info(&here));
    Ok(())
}

/// Set-Location: changes the current directory (home without a path).
pub fn set_location(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let text = input
        .first()
        .map(Value::to_ps_string)
        .or_else(|| params.string("Path"))
        .unwrap_or_else(|| "~".into());
    let path = resolve_path(&text);
    if !path.is_dir() {
        return Err(path_not_found(cx, &path));
    }
    std::env::set_current_dir(&path).map_err(|e| io_error(cx, &path, &e))?;
    if params.switch("PassThru") {
        cx.write_output(path_info(&resolve_path(".")));
    }
    Ok(())
}
