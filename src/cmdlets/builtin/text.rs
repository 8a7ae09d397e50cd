//! Select-String: regular-expression (or plain) search in strings and files.

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{PsObject, Value};

use super::error;
use super::files::{decode, display_path, resolve_path};

struct Matcher {
    patterns: Vec<regex_lite::Regex>,
}

impl Matcher {
    fn new(
        cx: &dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(Matcher, Vec<String>), ErrorRecord> {
        let texts = params.strings("Pattern").unwrap_or_default();
        let mut patterns = Vec::new();
        for t in &texts {
            let source = if params.switch("SimpleMatch") {
                regex_escape(t)
            } else {
                t.clone()
            };
            let source = if params.switch("CaseSensitive") {
                source
            } else {
                format!("(?i){source}")
            };
            let re = regex_lite::Regex::new(&source).map_err(|e| {
                error(
                    cx,
                    ErrorCategory::InvalidArgument,
                    "InvalidRegex",
                    format!("The string {t} is not a valid regular expression: {e}"),
                )
            })?;
            patterns.push(re);
        }
        Ok((Matcher { patterns }, texts))
    }

    /// The index of the first pattern matching `line`.
    fn find(&self, line: &str) -> Option<usize> {
        self.patterns.iter().position(|re| re.is_match(line))
    }
}

fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn match_info(line: &str, number: usize, path: &str, pattern: &str) -> Value {
    let filename = path.rsplit(['/', '\\']).next().unwrap_or(path);
    PsObject::new("Microsoft.PowerShell.Commands.MatchInfo")
        .with("IgnoreCase", true)
        .with("LineNumber", Value::Int(number as i64))
        .with("Line", line)
        .with("Filename", filename)
        .with("Path", path)
        .with("Pattern", pattern)
        .into_value()
}

/// Select-String: matching lines of the input strings or of the files in -Path.
pub fn select_string(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let (matcher, texts) = Matcher::new(cx, params)?;
    // (path, lines)
    let mut sources: Vec<(String, Vec<String>)> = Vec::new();
    if let Some(paths) = params.strings("Path").filter(|_| input.is_empty()) {
        for p in paths {
            let path = resolve_path(&p);
            match std::fs::read(&path) {
                Ok(bytes) => sources.push((
                    display_path(&path),
                    decode(&bytes).lines().map(str::to_string).collect(),
                )),
                Err(_) => {
                    let shown = display_path(&path);
                    cx.write_error(
                        error(
                            cx,
                            ErrorCategory::ObjectNotFound,
                            "PathNotFound",
                            format!("Cannot find path '{shown}' because it does not exist."),
                        )
                        .with_target(shown, "String"),
                    );
                }
            }
        }
    } else {
        let items = super::input_objects(params, input);
        let lines = items.iter().map(Value::to_ps_string).collect();
        sources.push(("InputStream".into(), lines));
    }
    let invert = params.switch("NotMatch");
    let mut any = false;
    for (path, lines) in sources {
        for (n, line) in lines.iter().enumerate() {
            let hit = matcher.find(line);
            if hit.is_some() == invert {
                continue;
            }
            any = true;
            if !params.switch("Quiet") {
                let pattern = hit.map_or_else(|| texts.join(", "), |i| texts[i].clone());
                cx.write_output(match_info(line, n + 1, &path, &pattern));
            }
        }
    }
    if params.switch("Quiet") {
        cx.write_output(Value::Bool(any));
    }
    Ok(())
}
