//! Multi-line input: Enter on a statement that more input could complete (unclosed quote,
//! brace, parenthesis, here-string, trailing backtick or pipe) continues on a `>> ` line
//! instead of running it. Any other syntax error runs, so that the user sees the message.

use reedline::{ValidationResult, Validator};

pub struct ShellValidator;

/// Whether `source` is a statement still being typed.
pub fn is_incomplete(source: &str) -> bool {
    matches!(crate::lang::parse(source), Err(e) if e.incomplete)
}

impl Validator for ShellValidator {
    fn validate(&self, line: &str) -> ValidationResult {
        if is_incomplete(line) {
            ValidationResult::Incomplete
        } else {
            ValidationResult::Complete
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfinished_input_continues() {
        for source in [
            "Set-CsWebServer -Identity 'lync",
            "Write-Output \"a",
            "foreach ($s in $list) {",
            "Get-CsSite | Where-Object { $_.Identity -eq (",
            "$x = @'\nhere",
            "Set-CsCertificate -Type Default `",
            "Get-CsSite |",
        ] {
            assert!(is_incomplete(source), "{source:?} should continue");
        }
    }

    #[test]
    fn complete_or_broken_input_runs() {
        for source in [
            "",
            "Get-CsSite",
            "foreach ($s in 1,2) {\n  $s\n}",
            "Set-CsCertificate -Type Default `\n  -Thumbprint A1",
            "Get-CsSite }",
            "1 +* 2",
        ] {
            assert!(!is_incomplete(source), "{source:?} should run");
        }
    }

    #[test]
    fn reedline_result() {
        assert!(matches!(
            ShellValidator.validate("if ($a) {"),
            ValidationResult::Incomplete
        ));
        assert!(matches!(
            ShellValidator.validate("Get-CsPool"),
            ValidationResult::Complete
        ));
    }
}
