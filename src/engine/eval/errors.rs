//! Error records as the evaluator makes them: positions from spans, runtime and parse
//! errors, `throw`, and the `$_` object a catch block sees (with the way back to the
//! original record for rethrowing).

use std::cell::RefCell;
use std::rc::Rc;

use super::{Flow, Interp, Terminating};
use crate::engine::error::{ErrorCategory, ErrorPosition, ErrorRecord};
use crate::engine::ops::OpError;
use crate::engine::value::{PsObject, Value};
use crate::lang::{locate, ParseError, Span};

const RUNTIME_EXCEPTION: &str = "System.Management.Automation.RuntimeException";

/// Whether `catch [Type]` / `trap [Type]` catches an exception of type `exception`.
/// Base types catch everything derived from them; lyncsh's errors all derive from
/// `RuntimeException`.
pub fn exception_matches(catch_type: &str, exception: &str) -> bool {
    let norm = |s: &str| {
        let l = s.to_ascii_lowercase();
        l.strip_prefix("system.").map(str::to_string).unwrap_or(l)
    };
    let (c, e) = (norm(catch_type), norm(exception));
    let short = |s: &str| s.rsplit('.').next().unwrap_or("").to_string();
    matches!(
        c.as_str(),
        "exception" | "management.automation.runtimeexception" | "runtimeexception"
    ) || c == e
        || short(&c) == short(&e)
}

impl Interp {
    /// `At line:N char:M` information for a span of the current source.
    pub fn position(&self, span: Span) -> ErrorPosition {
        let text = &self.source.text;
        // Spans always come from the current source; clamping only guards against a
        // mismatch ever slicing inside a character.
        let boundary = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = boundary(span.start);
        let (line, column, line_text) = locate(text, start);
        let end = boundary(span.end.max(start));
        let covered = text.get(start..end).unwrap_or("");
        let first_line = covered.split(['\n', '\r']).next().unwrap_or("");
        ErrorPosition {
            script: self.source.path.clone(),
            line,
            column,
            line_text: line_text.to_string(),
            length: first_line.chars().count().max(1),
        }
    }

    pub fn parse_error_record(&self, e: &ParseError) -> ErrorRecord {
        let mut record = ErrorRecord::new(ErrorCategory::ParserError, &e.error_id, &e.message)
            .with_position(self.position(e.span));
        record.hint = e.hint.clone();
        record
    }

    /// A runtime error with no command (`1/0`, a bad cast, a missing method).
    pub fn runtime_record(&self, span: Span, id: &str, message: &str) -> ErrorRecord {
        ErrorRecord::new(ErrorCategory::InvalidOperation, id, message)
            .with_exception(RUNTIME_EXCEPTION)
            .with_position(self.position(span))
    }

    /// A statement-terminating runtime error.
    pub fn runtime_error(&self, span: Span, id: &str, message: &str) -> Flow {
        Terminating::statement(self.runtime_record(span, id, message))
    }

    pub fn op_error(&self, e: OpError, span: Span) -> Flow {
        let mut record = self.runtime_record(span, e.error_id, &e.message);
        if e.error_id == "RuntimeException" {
            record.category = ErrorCategory::NotSpecified;
        }
        Terminating::statement(record)
    }

    /// The record `throw <value>` raises: an error record rethrown as is, anything else
    /// becomes a RuntimeException whose id is the message.
    pub fn thrown_record(&self, value: &Value, span: Span) -> ErrorRecord {
        if let Some(record) = self.record_of(value) {
            return record;
        }
        let message = match value {
            Value::Null => "ScriptHalted".to_string(),
            v => v.to_ps_string(),
        };
        let mut record = ErrorRecord::new(ErrorCategory::OperationStopped, &message, &message)
            .with_exception(RUNTIME_EXCEPTION)
            .with_position(self.position(span));
        if !value.is_null() {
            let type_name = value.type_name();
            let short = type_name.rsplit('.').next().unwrap_or("").to_string();
            record.target = Some((message.clone(), short));
        }
        record
    }

    /// The original record behind an error object, if it is one.
    pub fn record_of(&self, value: &Value) -> Option<ErrorRecord> {
        let Value::Object(o) = value else {
            return None;
        };
        if let Some((_, r)) = self
            .error_objects
            .iter()
            .find(|(obj, _)| Rc::ptr_eq(obj, o))
        {
            return Some(r.clone());
        }
        let obj = o.borrow();
        if obj.type_name() != "System.Management.Automation.ErrorRecord" {
            return None;
        }
        let exception = obj.get("Exception")?;
        let message = exception.property("Message").to_ps_string();
        let id = obj
            .get("FullyQualifiedErrorId")
            .map(Value::to_ps_string)
            .unwrap_or_default();
        Some(
            ErrorRecord::new(ErrorCategory::NotSpecified, &id, message)
                .with_exception(RUNTIME_EXCEPTION),
        )
    }

    /// The `$_` / `$Error[0]` object for a record.
    pub fn error_value(&mut self, record: &ErrorRecord) -> Value {
        if let Some((obj, _)) = self.error_objects.iter().find(|(_, r)| r == record) {
            return Value::Object(obj.clone());
        }
        let exception = PsObject {
            type_names: vec![record.exception.clone(), "System.Exception".into()],
            properties: Default::default(),
        }
        .with("Message", record.message.as_str());
        let (target, target_type) = record.target.clone().unwrap_or_default();
        let reason = record
            .exception
            .rsplit('.')
            .next()
            .unwrap_or("")
            .to_string();
        let activity = record.activity().to_string();
        let category = PsObject::new("System.Management.Automation.ErrorCategoryInfo")
            .with("Category", record.category.as_str())
            .with("Activity", activity.as_str())
            .with("Reason", reason.as_str())
            .with("TargetName", target.as_str())
            .with("TargetType", target_type.as_str());
        let category_text = format!(
            "{}: ({target}:{target_type}) [{activity}], {reason}",
            record.category.as_str()
        );
        let category = category.with("Text", category_text);
        let mut invocation = PsObject::new("System.Management.Automation.InvocationInfo")
            .with("MyCommand", record.command.clone());
        if let Some(p) = &record.position {
            invocation = invocation
                .with("ScriptName", p.script.clone().unwrap_or_default())
                .with("ScriptLineNumber", p.line as i64)
                .with("OffsetInLine", p.column as i64)
                .with("Line", p.line_text.as_str());
        }
        let target_object = record
            .target
            .as_ref()
            .map(|(t, _)| Value::str(t.as_str()))
            .unwrap_or(Value::Null);
        let object = PsObject::new("System.Management.Automation.ErrorRecord")
            .with("Exception", exception.into_value())
            .with("TargetObject", target_object)
            .with("CategoryInfo", category.into_value())
            .with("FullyQualifiedErrorId", record.fully_qualified_error_id())
            .with("InvocationInfo", invocation.into_value());
        let rc = Rc::new(RefCell::new(object));
        self.error_objects.push((rc.clone(), record.clone()));
        if self.error_objects.len() > 2 * super::MAX_ERRORS {
            self.error_objects.drain(..super::MAX_ERRORS);
        }
        Value::Object(rc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catch_types_match_by_name_and_base() {
        let e = "System.Management.Automation.CommandNotFoundException";
        assert!(exception_matches(
            "System.Management.Automation.CommandNotFoundException",
            e
        ));
        assert!(exception_matches("CommandNotFoundException", e));
        assert!(exception_matches("System.Exception", e));
        assert!(exception_matches("Exception", e));
        assert!(!exception_matches("System.IO.FileNotFoundException", e));
    }
}
