//! Error records, shaped like PowerShell's: a message, a category, a fully qualified error id,
//! and the position of the command that raised it.

use std::fmt;

/// PowerShell's `ErrorCategory` names used by lyncsh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCategory {
    NotSpecified,
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    InvalidType,
    ObjectNotFound,
    ResourceExists,
    ParserError,
    MetadataError,
    ReadError,
    WriteError,
    ResourceUnavailable,
    PermissionDenied,
    ConnectionError,
    OperationStopped,
    OpenError,
    CloseError,
    DeviceError,
    DeadlockDetected,
    InvalidResult,
    NotImplemented,
    NotInstalled,
    OperationTimeout,
    SyntaxError,
    ResourceBusy,
    FromStdErr,
    SecurityError,
    ProtocolError,
    AuthenticationError,
    LimitsExceeded,
    QuotaExceeded,
    NotEnabled,
}

impl ErrorCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCategory::NotSpecified => "NotSpecified",
            ErrorCategory::InvalidArgument => "InvalidArgument",
            ErrorCategory::InvalidData => "InvalidData",
            ErrorCategory::InvalidOperation => "InvalidOperation",
            ErrorCategory::InvalidType => "InvalidType",
            ErrorCategory::ObjectNotFound => "ObjectNotFound",
            ErrorCategory::ResourceExists => "ResourceExists",
            ErrorCategory::ParserError => "ParserError",
            ErrorCategory::MetadataError => "MetadataError",
            ErrorCategory::ReadError => "ReadError",
            ErrorCategory::WriteError => "WriteError",
            ErrorCategory::ResourceUnavailable => "ResourceUnavailable",
            ErrorCategory::PermissionDenied => "PermissionDenied",
            ErrorCategory::ConnectionError => "ConnectionError",
            ErrorCategory::OperationStopped => "OperationStopped",
            ErrorCategory::OpenError => "OpenError",
            ErrorCategory::CloseError => "CloseError",
            ErrorCategory::DeviceError => "DeviceError",
            ErrorCategory::DeadlockDetected => "DeadlockDetected",
            ErrorCategory::InvalidResult => "InvalidResult",
            ErrorCategory::NotImplemented => "NotImplemented",
            ErrorCategory::NotInstalled => "NotInstalled",
            ErrorCategory::OperationTimeout => "OperationTimeout",
            ErrorCategory::SyntaxError => "SyntaxError",
            ErrorCategory::ResourceBusy => "ResourceBusy",
            ErrorCategory::FromStdErr => "FromStdErr",
            ErrorCategory::SecurityError => "SecurityError",
            ErrorCategory::ProtocolError => "ProtocolError",
            ErrorCategory::AuthenticationError => "AuthenticationError",
            ErrorCategory::LimitsExceeded => "LimitsExceeded",
            ErrorCategory::QuotaExceeded => "QuotaExceeded",
            ErrorCategory::NotEnabled => "NotEnabled",
        }
    }

    /// Every category, in PowerShell's `ErrorCategory` order of the names above.
    pub const ALL: [ErrorCategory; 32] = [
        ErrorCategory::NotSpecified,
        ErrorCategory::InvalidArgument,
        ErrorCategory::InvalidData,
        ErrorCategory::InvalidOperation,
        ErrorCategory::InvalidType,
        ErrorCategory::ObjectNotFound,
        ErrorCategory::ResourceExists,
        ErrorCategory::ParserError,
        ErrorCategory::MetadataError,
        ErrorCategory::ReadError,
        ErrorCategory::WriteError,
        ErrorCategory::ResourceUnavailable,
        ErrorCategory::PermissionDenied,
        ErrorCategory::ConnectionError,
        ErrorCategory::OperationStopped,
        ErrorCategory::OpenError,
        ErrorCategory::CloseError,
        ErrorCategory::DeviceError,
        ErrorCategory::DeadlockDetected,
        ErrorCategory::InvalidResult,
        ErrorCategory::NotImplemented,
        ErrorCategory::NotInstalled,
        ErrorCategory::OperationTimeout,
        ErrorCategory::SyntaxError,
        ErrorCategory::ResourceBusy,
        ErrorCategory::FromStdErr,
        ErrorCategory::SecurityError,
        ErrorCategory::ProtocolError,
        ErrorCategory::AuthenticationError,
        ErrorCategory::LimitsExceeded,
        ErrorCategory::QuotaExceeded,
        ErrorCategory::NotEnabled,
    ];

    /// The category named `name` (case-insensitive), as `-Category` takes it.
    pub fn from_name(name: &str) -> Option<ErrorCategory> {
        ErrorCategory::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(name))
    }
}

/// Where in the script an error happened: filled in by the evaluator from the span of the
/// command or token, never by cmdlet code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorPosition {
    /// The script file, when the error came from `-File` (`At C:\x.ps1:3 char:5` form).
    pub script: Option<String>,
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub line_text: String,
    /// How many characters the `~` underline covers (at least 1).
    pub length: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorRecord {
    pub message: String,
    pub category: ErrorCategory,
    /// The id without the command suffix, e.g. `NamedParameterNotFound`.
    pub error_id: String,
    /// The command that raised the error (`Set-CsWebServer`), used both as the message prefix
    /// and as the `,Set-CsWebServer` suffix of the fully qualified error id.
    pub command: Option<String>,
    /// `CategoryInfo`'s target and its type, e.g. (`lyncserver.jacobs.local`, `String`).
    pub target: Option<(String, String)>,
    /// The .NET exception type name that `CategoryInfo` and `catch [Type]` report.
    pub exception: String,
    pub position: Option<ErrorPosition>,
    /// The command name as typed, when it differs from `command` (an alias such as `gi`, or
    /// a command that was not found): the message prefix, while `command` stays the
    /// `FullyQualifiedErrorId` suffix and the CategoryInfo activity.
    pub invocation_name: Option<String>,
    /// CategoryInfo's activity when it is not `command`: Write-Error inside a function names
    /// the function, but the activity stays `Write-Error`.
    pub activity: Option<String>,
    /// A line of advice printed after the record (placeholder hints, did-you-mean).
    pub hint: Option<String>,
    /// The FullyQualifiedErrorId is the bare id, without `,<command>` (remoting errors such
    /// as `PSSessionOpenFailed`).
    pub unqualified_id: bool,
}

/// A CategoryInfo part longer than 40 characters: its first and last 15 around `...`, as
/// PowerShell's ErrorCategoryInfo.Ellipsize shortens it.
fn ellipsize(part: &str) -> String {
    let chars: Vec<char> = part.chars().collect();
    if chars.len() <= 40 {
        return part.to_string();
    }
    let first: String = chars[..15].iter().collect();
    let last: String = chars[chars.len() - 15..].iter().collect();
    format!("{first}...{last}")
}

impl ErrorRecord {
    pub fn new(category: ErrorCategory, error_id: &str, message: impl Into<String>) -> Self {
        ErrorRecord {
            message: message.into(),
            category,
            error_id: error_id.to_string(),
            command: None,
            target: None,
            exception: default_exception(category).to_string(),
            position: None,
            invocation_name: None,
            activity: None,
            hint: None,
            unqualified_id: false,
        }
    }
    /// CategoryInfo's activity: the command that wrote the record.
    pub fn activity(&self) -> &str {
        self.activity
            .as_deref()
            .or(self.command.as_deref())
            .unwrap_or("")
    }

    pub fn with_command(mut self, command: &str) -> Self {
        self.command = Some(command.to_string());
        self
    }
    pub fn with_target(mut self, target: impl Into<String>, type_name: &str) -> Self {
        self.target = Some((target.into(), type_name.to_string()));
        self
    }
    pub fn with_exception(mut self, exception: &str) -> Self {
        self.exception = exception.to_string();
        self
    }
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn with_position(mut self, position: ErrorPosition) -> Self {
        self.position = Some(position);
        self
    }

    fn message_line(&self) -> String {
        match self.invocation_name.as_ref().or(self.command.as_ref()) {
            Some(c) => format!("{c} : {}\n", self.message),
            None => format!("{}\n", self.message),
        }
    }

    /// `NamedParameterNotFound,Set-CsWebServer`.
    pub fn fully_qualified_error_id(&self) -> String {
        match &self.command {
            Some(c) if !self.unqualified_id => format!("{},{}", self.error_id, c),
            _ => self.error_id.clone(),
        }
    }

    /// The record as Windows PowerShell 5.1 prints it (the Lync Management Shell's host):
    ///
    /// ```text
    /// Set-CsWebServer : A parameter cannot be found that matches parameter name 'Foo'.
    /// At line:1 char:17
    /// + Set-CsWebServer -Foo 1
    /// +                 ~~~~
    ///     + CategoryInfo          : InvalidArgument: (:) [Set-CsWebServer], ParameterBindingException
    ///     + FullyQualifiedErrorId : NamedParameterNotFound,Set-CsWebServer
    /// ```
    ///
    /// Parse errors put the position block before the message, as PowerShell does.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let parse_error = self.category == ErrorCategory::ParserError && self.position.is_some();
        if !parse_error {
            out.push_str(&self.message_line());
        }
        if let Some(p) = &self.position {
            match &p.script {
                Some(s) => out.push_str(&format!("At {s}:{} char:{}\n", p.line, p.column)),
                None => out.push_str(&format!("At line:{} char:{}\n", p.line, p.column)),
            }
            out.push_str(&format!("+ {}\n", p.line_text.trim_end()));
            out.push_str(&format!(
                "+ {}{}\n",
                " ".repeat(p.column.saturating_sub(1)),
                "~".repeat(p.length.max(1))
            ));
        }
        if parse_error {
            out.push_str(&self.message_line());
        }
        let (target, target_type) = match &self.target {
            Some((t, ty)) => (t.as_str(), ty.as_str()),
            None => ("", ""),
        };
        let activity = self.activity();
        let short_exception = self.exception.rsplit('.').next().unwrap_or("");
        out.push_str(&format!(
            "    + CategoryInfo          : {}: ({}:{}) [{}], {}\n",
            self.category.as_str(),
            ellipsize(target),
            ellipsize(target_type),
            ellipsize(activity),
            ellipsize(short_exception)
        ));
        out.push_str(&format!(
            "    + FullyQualifiedErrorId : {}\n",
            self.fully_qualified_error_id()
        ));
        if let Some(h) = &self.hint {
            out.push_str(&format!("    + Hint                  : {h}\n"));
        }
        out
    }
}

fn default_exception(category: ErrorCategory) -> &'static str {
    match category {
        ErrorCategory::ParserError => {
            "System.Management.Automation.ParentContainsErrorRecordException"
        }
        ErrorCategory::ObjectNotFound => "System.Management.Automation.ItemNotFoundException",
        ErrorCategory::InvalidArgument => "System.ArgumentException",
        _ => "System.InvalidOperationException",
    }
}

impl fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ErrorRecord {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_windows_powershell() {
        let e = ErrorRecord::new(
            ErrorCategory::InvalidArgument,
            "NamedParameterNotFound",
            "A parameter cannot be found that matches parameter name 'Foo'.",
        )
        .with_command("Set-CsWebServer")
        .with_exception("System.Management.Automation.ParameterBindingException")
        .with_position(ErrorPosition {
            script: None,
            line: 1,
            column: 17,
            line_text: "Set-CsWebServer -Foo 1".into(),
            length: 4,
        });
        assert_eq!(
            e.render(),
            "Set-CsWebServer : A parameter cannot be found that matches parameter name 'Foo'.\n\
             At line:1 char:17\n\
             + Set-CsWebServer -Foo 1\n\
             +                 ~~~~\n    \
             + CategoryInfo          : InvalidArgument: (:) [Set-CsWebServer], ParameterBindingException\n    \
             + FullyQualifiedErrorId : NamedParameterNotFound,Set-CsWebServer\n"
        );
    }
}
