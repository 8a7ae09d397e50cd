//! Invoke-Expression and Set-StrictMode: cmdlets that act on the running script itself.

use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::Value;

use super::error;

/// Invoke-Expression: runs -Command (or each piped string) in the caller's scope.
pub fn invoke_expression(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let source = params.string("Command").unwrap_or_default();
    for value in cx.invoke_script(&source)? {
        cx.write_output(value);
    }
    Ok(())
}

/// The strict-mode version -Version names: 1, 2 or 3 (later versions up to 5.1's add no
/// rules lyncsh checks, so they act as 3).
fn strict_version(text: &str) -> Option<u8> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("latest") {
        return Some(3);
    }
    let mut parts = text.split('.');
    let major: u8 = parts.next()?.parse().ok()?;
    if parts.any(|p| p.parse::<u32>().is_err()) || !(1..=5).contains(&major) {
        return None;
    }
    Some(major.min(3))
}

/// Set-StrictMode: -Version N or -Off, for the caller's scope and its children.
pub fn set_strict_mode(
    cx: &mut dyn CommandContext,
    params: &BoundParameters,
    _input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let version = if params.switch("Off") {
        0
    } else {
        let text = params.string("Version").unwrap_or_default();
        strict_version(&text).ok_or_else(|| {
            error(
                cx,
                ErrorCategory::InvalidData,
                "ParameterArgumentValidationError",
                format!("Cannot validate argument on parameter 'Version'. The \"{text}\" argument does not contain a valid Windows PowerShell version. Supply a valid version number and then try the command again."),
            )
            .with_exception("System.Management.Automation.ParameterBindingValidationException")
        })?
    };
    cx.set_strict_mode(version);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::strict_version;

    #[test]
    fn versions_map_onto_the_rule_sets() {
        assert_eq!(strict_version("1"), Some(1));
        assert_eq!(strict_version("2.0"), Some(2));
        assert_eq!(strict_version("Latest"), Some(3));
        assert_eq!(strict_version("5.1"), Some(3));
        assert_eq!(strict_version("6"), None);
        assert_eq!(strict_version("two"), None);
    }
}
