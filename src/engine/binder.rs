//! Parameter binding, as PowerShell's `CmdletParameterBinderController` does it: named
//! arguments (exact name or alias, then unique prefix), positional arguments in `Position`
//! order within the parameter sets still possible, pipeline input ByValue then
//! ByPropertyName, type conversion with PowerShell's messages, validation, parameter-set
//! resolution and the mandatory check.
//!
//! Cmdlets bind against their catalog entry; advanced functions are turned into a catalog
//! entry by the evaluator and bind here too, with [`CommandKind::Function`] selecting the
//! script-function wording of conversion errors.

use indexmap::IndexMap;

use super::command::BoundParameters;
use super::convert::{convert, Ty};
use super::error::{ErrorCategory, ErrorRecord};
use super::value::Value;
use crate::catalog::schema::{ParamDef, PipelineBinding};
use crate::catalog::{Catalog, Entry};
use crate::lang::Span;

/// One evaluated command element.
#[derive(Clone, Debug)]
pub struct Argument {
    pub kind: ArgumentKind,
    /// The parameter token (`-Name`, `-Name:value`) or the argument's expression.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ArgumentKind {
    /// `-Name`, or `-Name:value` when `value` is given.
    Named {
        name: String,
        value: Option<Value>,
    },
    Positional(Value),
}

impl Argument {
    pub fn named(name: &str, span: Span) -> Argument {
        Argument {
            kind: ArgumentKind::Named {
                name: name.to_string(),
                value: None,
            },
            span,
        }
    }
    pub fn named_with(name: &str, value: Value, span: Span) -> Argument {
        Argument {
            kind: ArgumentKind::Named {
                name: name.to_string(),
                value: Some(value),
            },
            span,
        }
    }
    pub fn positional(value: Value, span: Span) -> Argument {
        Argument {
            kind: ArgumentKind::Positional(value),
            span,
        }
    }
}

#[derive(Clone, Debug)]
pub struct BindError {
    pub record: ErrorRecord,
    /// The token to underline; `None` means the whole command.
    pub span: Option<Span>,
    /// Mandatory parameters that were not given (filled only for that error), so an
    /// interactive caller can prompt for them and bind again.
    pub missing: Vec<String>,
}

/// Cmdlets and script functions word conversion errors differently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CommandKind {
    #[default]
    Cmdlet,
    Function,
}

/// Validation a `param()` block can ask for beyond what the catalog schema has.
#[derive(Clone, Debug, Default)]
pub struct ParamExtra {
    pub not_null_or_empty: bool,
    pub pattern: Option<String>,
    /// `ValueFromRemainingArguments`: soaks up leftover positional arguments.
    pub remaining_arguments: bool,
}

/// How to bind beyond the catalog entry itself.
#[derive(Clone, Debug, Default)]
pub struct BindOptions {
    pub kind: CommandKind,
    /// Upstream pipeline objects will be bound later: parameters that take pipeline input
    /// are not reported missing yet.
    pub expect_pipeline_input: bool,
    /// Adds the common parameters (-Verbose, -ErrorAction, …); off for simple functions.
    pub common_parameters: bool,
    /// Simple functions: leftover arguments go to `$args` instead of being an error.
    pub collect_extra_arguments: bool,
    /// Per-parameter extras, by canonical name (lower-case).
    pub extras: IndexMap<String, ParamExtra>,
}

/// The binder's full result: parameters plus what a simple function receives as `$args`.
#[derive(Clone, Debug, Default)]
pub struct Bound {
    pub parameters: BoundParameters,
    pub extra_arguments: Vec<Value>,
}

/// Binds a cmdlet invocation against its catalog entry (common parameters included).
pub fn bind(
    entry: &Entry,
    catalog: &Catalog,
    args: &[Argument],
    pipeline_input: Option<&Value>,
    interactive: bool,
) -> Result<BoundParameters, BindError> {
    let options = BindOptions {
        common_parameters: true,
        ..BindOptions::default()
    };
    bind_with(entry, catalog, args, pipeline_input, interactive, &options).map(|b| b.parameters)
}

/// [`bind`] with explicit options (functions, deferred pipeline input).
pub fn bind_with(
    entry: &Entry,
    catalog: &Catalog,
    args: &[Argument],
    pipeline_input: Option<&Value>,
    interactive: bool,
    options: &BindOptions,
) -> Result<Bound, BindError> {
    let mut binder = Binder::new(entry, catalog, options);
    binder.bind_arguments(args)?;
    if let Some(input) = pipeline_input {
        binder.bind_pipeline(input)?;
    }
    binder.finish(pipeline_input.is_some(), interactive)
}

const ALL_SETS: &str = "__AllParameterSets";

/// What the binder knows of one parameter.
struct Param {
    name: String,
    aliases: Vec<String>,
    ty: Ty,
    position: Option<u32>,
    mandatory: bool,
    sets: Vec<String>,
    by_value: bool,
    by_property: bool,
    values: Vec<String>,
    range: Option<(i64, i64)>,
    common: bool,
    extra: ParamExtra,
}

impl Param {
    fn from_def(def: &ParamDef, catalog: &Catalog, mut extra: ParamExtra) -> Param {
        extra.remaining_arguments |= def.remaining;
        Param {
            name: def.name.clone(),
            aliases: def.aliases.clone(),
            ty: Ty::from_catalog(&def.type_name, catalog),
            position: def.position,
            mandatory: def.mandatory,
            sets: def.sets.clone(),
            by_value: def.pipeline.contains(&PipelineBinding::ByValue),
            by_property: def.pipeline.contains(&PipelineBinding::ByPropertyName),
            values: def.values.clone(),
            range: def.range,
            common: false,
            extra,
        }
    }

    fn common(name: &str, alias: &str, ty: Ty) -> Param {
        Param {
            name: name.into(),
            aliases: vec![alias.into()],
            ty,
            position: None,
            mandatory: false,
            sets: Vec::new(),
            by_value: false,
            by_property: false,
            values: Vec::new(),
            range: None,
            common: true,
            extra: ParamExtra::default(),
        }
    }

    fn is_switch(&self) -> bool {
        self.ty == Ty::Switch
    }

    fn in_set(&self, set: &str) -> bool {
        self.sets.is_empty() || self.sets.iter().any(|s| s.eq_ignore_ascii_case(set))
    }

    fn takes_pipeline(&self) -> bool {
        self.by_value || self.by_property
    }
}

/// The values `-ErrorAction` and `-WarningAction` accept, in PowerShell's order.
pub const ACTION_PREFERENCES: &[&str] = &[
    "SilentlyContinue",
    "Stop",
    "Continue",
    "Inquire",
    "Ignore",
    "Suspend",
];

/// The common parameters as (name, alias, type), in the order PowerShell lists them (Tab
/// completion offers them after a cmdlet's own parameters in this order).
pub const COMMON_PARAMETERS: &[(&str, &str, &str)] = &[
    ("Verbose", "vb", "SwitchParameter"),
    ("Debug", "db", "SwitchParameter"),
    ("ErrorAction", "ea", "ActionPreference"),
    ("WarningAction", "wa", "ActionPreference"),
    ("InformationAction", "infa", "ActionPreference"),
    ("ErrorVariable", "ev", "String"),
    ("WarningVariable", "wv", "String"),
    ("InformationVariable", "iv", "String"),
    ("OutVariable", "ov", "String"),
    ("OutBuffer", "ob", "Int32"),
    ("PipelineVariable", "pv", "String"),
];

/// Added after [`COMMON_PARAMETERS`] for cmdlets that support ShouldProcess.
pub const SHOULD_PROCESS_PARAMETERS: &[(&str, &str, &str)] = &[
    ("WhatIf", "wi", "SwitchParameter"),
    ("Confirm", "cf", "SwitchParameter"),
];

fn common_parameters(should_process: bool) -> Vec<Param> {
    let ty = |type_name: &str| match type_name {
        "SwitchParameter" => Ty::Switch,
        "ActionPreference" => Ty::Enum {
            name: "System.Management.Automation.ActionPreference".into(),
            values: ACTION_PREFERENCES.iter().map(|s| s.to_string()).collect(),
        },
        "Int32" => Ty::Int(super::convert::IntKind::Int32),
        _ => Ty::String,
    };
    let extra: &[(&str, &str, &str)] = if should_process {
        SHOULD_PROCESS_PARAMETERS
    } else {
        &[]
    };
    COMMON_PARAMETERS
        .iter()
        .chain(extra)
        .map(|(name, alias, type_name)| Param::common(name, alias, ty(type_name)))
        .collect()
}

struct Binder<'a> {
    command: &'a str,
    default_set: Option<&'a str>,
    options: &'a BindOptions,
    params: Vec<Param>,
    /// Bound parameter index → value, in binding order.
    bound: Vec<(usize, Value)>,
    /// Parameter sets still possible given what is bound.
    candidates: Vec<String>,
    extra_arguments: Vec<Value>,
}

impl<'a> Binder<'a> {
    fn new(entry: &'a Entry, catalog: &Catalog, options: &'a BindOptions) -> Binder<'a> {
        let def = &entry.def;
        let mut params: Vec<Param> = def
            .parameters
            .iter()
            .map(|p| {
                let extra = options
                    .extras
                    .get(&p.name.to_ascii_lowercase())
                    .cloned()
                    .unwrap_or_default();
                Param::from_def(p, catalog, extra)
            })
            .collect();
        if options.common_parameters {
            params.extend(common_parameters(def.supports_should_process));
        }
        let mut candidates: Vec<String> = Vec::new();
        for set in params.iter().flat_map(|p| &p.sets) {
            if !candidates.iter().any(|c| c.eq_ignore_ascii_case(set)) {
                candidates.push(set.clone());
            }
        }
        if let Some(default) = &def.default_parameter_set {
            if !candidates.iter().any(|c| c.eq_ignore_ascii_case(default)) {
                candidates.push(default.clone());
            }
        }
        if candidates.is_empty() {
            candidates.push(ALL_SETS.to_string());
        }
        Binder {
            command: &def.name,
            default_set: def.default_parameter_set.as_deref(),
            options,
            params,
            bound: Vec::new(),
            candidates,
            extra_arguments: Vec::new(),
        }
    }

    fn error(&self, category: ErrorCategory, id: &str, message: String) -> ErrorRecord {
        let exception = match category {
            ErrorCategory::InvalidData => {
                "System.Management.Automation.ParameterBindingValidationException"
            }
            _ if id == "ParameterArgumentTransformationError" => {
                "System.Management.Automation.ParameterBindingArgumentTransformationException"
            }
            _ => "System.Management.Automation.ParameterBindingException",
        };
        ErrorRecord::new(category, id, message)
            .with_command(self.command)
            .with_exception(exception)
    }

    fn fail(&self, span: Option<Span>, id: &str, message: String) -> BindError {
        let category = if id.starts_with("ParameterArgumentValidation") {
            ErrorCategory::InvalidData
        } else {
            ErrorCategory::InvalidArgument
        };
        BindError {
            record: self.error(category, id, message),
            span,
            missing: Vec::new(),
        }
    }

    fn is_bound(&self, index: usize) -> bool {
        self.bound.iter().any(|(i, _)| *i == index)
    }

    fn viable(&self, p: &Param) -> bool {
        self.candidates.iter().any(|s| p.in_set(s))
    }

    /// Exact name or alias, else the unique prefix; declared parameters beat common ones.
    fn find(&self, typed: &str, span: Span) -> Result<Option<usize>, BindError> {
        let matches_exactly = |p: &Param| {
            p.name.eq_ignore_ascii_case(typed)
                || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(typed))
        };
        if let Some(i) = self.params.iter().position(matches_exactly) {
            return Ok(Some(i));
        }
        let lower = typed.to_lowercase();
        let starts = |s: &str| s.to_lowercase().starts_with(&lower);
        let found: Vec<usize> = (0..self.params.len())
            .filter(|&i| {
                let p = &self.params[i];
                starts(&p.name) || p.aliases.iter().any(|a| starts(a))
            })
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            many => {
                let declared: Vec<usize> = many
                    .iter()
                    .copied()
                    .filter(|&i| !self.params[i].common)
                    .collect();
                if declared.len() == 1 {
                    return Ok(Some(declared[0]));
                }
                let names: String = many
                    .iter()
                    .map(|&i| format!(" -{}", self.params[i].name))
                    .collect();
                Err(self.fail(
                    Some(span),
                    "AmbiguousParameter",
                    format!(
                        "Parameter cannot be processed because the parameter name '{typed}' is ambiguous. Possible matches include:{names}."
                    ),
                ))
            }
        }
    }

    fn not_found(&self, typed: &str, span: Span) -> BindError {
        let mut e = self.fail(
            Some(span),
            "NamedParameterNotFound",
            format!("A parameter cannot be found that matches parameter name '{typed}'."),
        );
        if let Some(name) = self.suggest(typed) {
            e.record.hint = Some(format!("Did you mean -{name}?"));
        }
        e
    }

    fn suggest(&self, typed: &str) -> Option<&str> {
        let typed = typed.to_lowercase();
        self.params
            .iter()
            .map(|p| {
                let score = strsim::jaro_winkler(&typed, &p.name.to_lowercase());
                (score, p.name.as_str())
            })
            .filter(|(score, _)| *score >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, name)| name)
    }

    fn bind_arguments(&mut self, args: &[Argument]) -> Result<(), BindError> {
        let mut positional: Vec<(Value, Span)> = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let arg = &args[i];
            i += 1;
            let (name, colon_value) = match &arg.kind {
                ArgumentKind::Positional(v) => {
                    positional.push((v.clone(), arg.span));
                    continue;
                }
                ArgumentKind::Named { name, value } => (name, value),
            };
            let Some(index) = self.find(name, arg.span)? else {
                if self.options.collect_extra_arguments {
                    self.extra_arguments.push(Value::str(format!("-{name}")));
                    self.extra_arguments.extend(colon_value.iter().cloned());
                    continue;
                }
                return Err(self.not_found(name, arg.span));
            };
            if self.is_bound(index) {
                return Err(self.fail(
                    Some(arg.span),
                    "ParameterAlreadyBound",
                    format!(
                        "Cannot bind parameter because parameter '{}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".",
                        self.params[index].name
                    ),
                ));
            }
            let (value, span) = match colon_value {
                Some(v) => (v.clone(), arg.span),
                None if self.params[index].is_switch() => (Value::Switch(true), arg.span),
                None => match args.get(i).map(|a| (&a.kind, a.span)) {
                    Some((ArgumentKind::Positional(v), span)) => {
                        i += 1;
                        (v.clone(), span)
                    }
                    _ => {
                        let p = &self.params[index];
                        return Err(self.fail(
                            Some(arg.span),
                            "MissingArgument",
                            format!(
                                "Missing an argument for parameter '{}'. Specify a parameter of type '{}' and try again.",
                                p.name,
                                p.ty.dotnet_name()
                            ),
                        ));
                    }
                },
            };
            self.bind_value(index, value, span)?;
        }
        self.bind_positional(positional)
    }

    fn bind_positional(&mut self, args: Vec<(Value, Span)>) -> Result<(), BindError> {
        let mut args = args.into_iter();
        while let Some((value, span)) = args.next() {
            if let Some(index) = self.next_positional(&value) {
                self.bind_value(index, value, span)?;
                continue;
            }
            let rest: Vec<(Value, Span)> = std::iter::once((value, span)).chain(args).collect();
            if let Some(index) = self.remaining_arguments_param() {
                // A remaining-arguments parameter already bound by position (`Write-Output a
                // b`) takes the leftovers after its first value.
                let mut values = match self.bound.iter().position(|(i, _)| *i == index) {
                    Some(at) => self.bound.remove(at).1.into_items(),
                    None => Vec::new(),
                };
                let span = rest[0].1.to(rest[rest.len() - 1].1);
                values.extend(rest.into_iter().map(|(v, _)| v));
                return self.bind_value(index, Value::Array(values), span);
            }
            if self.options.collect_extra_arguments {
                self.extra_arguments
                    .extend(rest.into_iter().map(|(v, _)| v));
                return Ok(());
            }
            let (value, span) = &rest[0];
            let shown = match value {
                Value::Array(_) | Value::Hashtable(_) => value.type_name(),
                v => v.to_ps_string(),
            };
            return Err(self.fail(
                Some(*span),
                "PositionalParameterNotFound",
                format!("A positional parameter cannot be found that accepts argument '{shown}'."),
            ));
        }
        Ok(())
    }

    /// The unbound parameter with the lowest position among the sets still possible. When
    /// sets put different parameters at that position, one whose type the argument already
    /// has wins (PowerShell binds without coercion first: `Where-Object { … }` is a
    /// FilterScript, `Where-Object Name` a Property), then the default set's one.
    fn next_positional(&self, value: &Value) -> Option<usize> {
        let open: Vec<usize> = (0..self.params.len())
            .filter(|&i| {
                let p = &self.params[i];
                p.position.is_some() && !p.is_switch() && !self.is_bound(i) && self.viable(p)
            })
            .collect();
        let lowest = open.iter().filter_map(|&i| self.params[i].position).min()?;
        let at: Vec<usize> = open
            .into_iter()
            .filter(|&i| self.params[i].position == Some(lowest))
            .collect();
        let in_default = |&&i: &&usize| {
            self.default_set
                .is_some_and(|d| self.params[i].in_set(d) && !self.params[i].sets.is_empty())
        };
        if at.len() > 1 {
            let exact: Vec<usize> = at
                .iter()
                .copied()
                .filter(|&i| self.params[i].ty.accepts_exactly(value))
                .collect();
            if let [one] = exact.as_slice() {
                return Some(*one);
            }
        }
        at.iter().find(in_default).or(at.first()).copied()
    }

    fn remaining_arguments_param(&self) -> Option<usize> {
        (0..self.params.len())
            .find(|&i| self.params[i].extra.remaining_arguments && self.viable(&self.params[i]))
    }

    fn bind_value(&mut self, index: usize, value: Value, span: Span) -> Result<(), BindError> {
        let converted = self.convert_for(index, &value, span)?;
        self.commit(index, converted, Some(span))
    }

    /// Records a binding and narrows the parameter sets to the parameter's.
    fn commit(&mut self, index: usize, value: Value, span: Option<Span>) -> Result<(), BindError> {
        let p = &self.params[index];
        if !p.sets.is_empty() {
            let remaining: Vec<String> = self
                .candidates
                .iter()
                .filter(|s| p.in_set(s))
                .cloned()
                .collect();
            if remaining.is_empty() {
                return Err(self.ambiguous_set(span));
            }
            self.candidates = remaining;
        }
        self.bound.push((index, value));
        Ok(())
    }

    fn ambiguous_set(&self, span: Option<Span>) -> BindError {
        self.fail(
            span,
            "AmbiguousParameterSet",
            "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.".into(),
        )
    }

    /// Null/empty checks for mandatory parameters, conversion, then validation.
    fn convert_for(&self, index: usize, value: &Value, span: Span) -> Result<Value, BindError> {
        let p = &self.params[index];
        if p.mandatory {
            let problem = match value {
                Value::Null => Some(("NullNotAllowed", "null")),
                Value::String(s)
                    if s.is_empty() && matches!(p.ty, Ty::String | Ty::Identity(_)) =>
                {
                    Some(("EmptyStringNotAllowed", "an empty string"))
                }
                Value::Array(a) if a.is_empty() => Some(("EmptyArrayNotAllowed", "an empty array")),
                _ => None,
            };
            if let Some((id, what)) = problem {
                return Err(self.fail(
                    Some(span),
                    &format!("ParameterArgumentValidationError{id}"),
                    format!(
                        "Cannot bind argument to parameter '{}' because it is {what}.",
                        p.name
                    ),
                ));
            }
        }
        let converted = self.convert_value(p, value, span)?;
        self.validate(p, &converted, span)?;
        Ok(converted)
    }

    fn convert_value(&self, p: &Param, value: &Value, span: Span) -> Result<Value, BindError> {
        let function = self.options.kind == CommandKind::Function;
        let strict_failure = |from: &str| {
            if function {
                self.fail(
                    Some(span),
                    "ParameterArgumentTransformationError",
                    format!(
                        "Cannot process argument transformation on parameter '{}'. Cannot convert value \"{from}\" to type \"{}\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.",
                        p.name,
                        p.ty.dotnet_name()
                    ),
                )
            } else {
                self.fail(
                    Some(span),
                    "CannotConvertArgument",
                    format!(
                        "Cannot convert '{from}' to the type '{}' required by parameter '{}'. Specified method is not supported.",
                        p.ty.dotnet_name(),
                        p.name
                    ),
                )
            }
        };
        let value = match value {
            Value::Array(a) if a.len() == 1 && !matches!(p.ty, Ty::Array(_)) => &a[0],
            v => v,
        };
        match (&p.ty, value) {
            (Ty::Switch | Ty::Bool, _) => {
                let b = match value {
                    Value::Bool(b) | Value::Switch(b) => *b,
                    Value::Null if p.ty == Ty::Switch => false,
                    v => match v.as_f64() {
                        Some(f) if !matches!(v, Value::String(_)) => f != 0.0,
                        _ => return Err(strict_failure(&value.type_name())),
                    },
                };
                return Ok(if p.ty == Ty::Switch {
                    Value::Switch(b)
                } else {
                    Value::Bool(b)
                });
            }
            (Ty::String | Ty::Identity(_) | Ty::Array(_), Value::Null) if !function => {
                return Ok(Value::Null)
            }
            (Ty::Object | Ty::PsObject | Ty::Array(_) | Ty::ListModifier, _) => {}
            (_, Value::Array(_)) if !function => return Err(strict_failure(&value.type_name())),
            _ => {}
        }
        convert(value, &p.ty).map_err(|e| {
            if function {
                self.fail(
                    Some(span),
                    "ParameterArgumentTransformationError",
                    format!(
                        "Cannot process argument transformation on parameter '{}'. {}",
                        p.name, e.message
                    ),
                )
            } else {
                self.fail(
                    Some(span),
                    "CannotConvertArgumentNoMessage",
                    format!("Cannot bind parameter '{}'. {}", p.name, e.message),
                )
            }
        })
    }

    fn validate(&self, p: &Param, value: &Value, span: Span) -> Result<(), BindError> {
        let invalid = |detail: String| {
            self.fail(
                Some(span),
                "ParameterArgumentValidationError",
                format!(
                    "Cannot validate argument on parameter '{}'. {detail}",
                    p.name
                ),
            )
        };
        if p.extra.not_null_or_empty {
            let empty = match value {
                Value::Null => true,
                Value::String(s) => s.is_empty(),
                Value::Array(a) => {
                    a.is_empty()
                        || a.iter()
                            .any(|v| v.is_null() || matches!(v, Value::String(s) if s.is_empty()))
                }
                _ => false,
            };
            if empty {
                return Err(invalid("The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.".into()));
            }
        }
        let items = match value {
            Value::Null => Vec::new(),
            v => v.clone().into_items(),
        };
        for item in &items {
            let text = item.to_ps_string();
            if !p.values.is_empty() && !p.values.iter().any(|v| v.eq_ignore_ascii_case(&text)) {
                return Err(invalid(format!(
                    "The argument \"{text}\" does not belong to the set \"{}\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.",
                    p.values.join(",")
                )));
            }
            if let (Some((min, max)), Some(n)) = (p.range, item.as_f64()) {
                if n < min as f64 {
                    return Err(invalid(format!(
                        "The {text} argument is less than the minimum allowed range of {min}. Supply an argument that is greater than or equal to {min} and then try the command again."
                    )));
                }
                if n > max as f64 {
                    return Err(invalid(format!(
                        "The {text} argument is greater than the maximum allowed range of {max}. Supply an argument that is less than or equal to {max} and then try the command again."
                    )));
                }
            }
            if let Some(pattern) = &p.extra.pattern {
                let matches = regex_lite::Regex::new(&format!("(?i){pattern}"))
                    .map(|re| re.is_match(&text))
                    .unwrap_or(false);
                if !matches {
                    return Err(invalid(format!(
                        "The argument \"{text}\" does not match the \"{pattern}\" pattern. Supply an argument that matches \"{pattern}\" and try the command again."
                    )));
                }
            }
        }
        Ok(())
    }

    /// Binds one pipeline object: ByValue without conversion, ByPropertyName without
    /// conversion, then both again with conversion. A property bound exactly does not stop
    /// the others from binding with conversion (Import-Csv's strings into `[int]$Port`).
    fn bind_pipeline(&mut self, input: &Value) -> Result<(), BindError> {
        let mut any = false;
        for converting in [false, true] {
            if !any {
                any |= self.bind_by_value(input, converting);
            }
            any |= self.bind_by_property(input, converting);
        }
        if any {
            return Ok(());
        }
        Err(self.fail(
            None,
            "InputObjectNotBound",
            "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.".into(),
        ))
    }

    fn pipeline_targets(&self, by_value: bool) -> Vec<usize> {
        (0..self.params.len())
            .filter(|&i| {
                let p = &self.params[i];
                (if by_value { p.by_value } else { p.by_property })
                    && !self.is_bound(i)
                    && self.viable(p)
            })
            .collect()
    }

    fn try_bind_quietly(&mut self, index: usize, value: &Value, converting: bool) -> bool {
        if !converting && !self.params[index].ty.accepts_exactly(value) {
            return false;
        }
        match self.convert_for(index, value, Span::default()) {
            Ok(v) => self.commit(index, v, None).is_ok(),
            Err(_) => false,
        }
    }

    fn bind_by_value(&mut self, input: &Value, converting: bool) -> bool {
        for index in self.pipeline_targets(true) {
            if self.try_bind_quietly(index, input, converting) {
                return true;
            }
        }
        false
    }

    fn bind_by_property(&mut self, input: &Value, converting: bool) -> bool {
        let Value::Object(object) = input else {
            return false;
        };
        let mut any = false;
        for index in self.pipeline_targets(false) {
            let p = &self.params[index];
            let found = std::iter::once(&p.name)
                .chain(&p.aliases)
                .find_map(|n| object.borrow().get(n).cloned());
            if let Some(value) = found {
                if self.viable(&self.params[index]) {
                    any |= self.try_bind_quietly(index, &value, converting);
                }
            }
        }
        any
    }

    /// Picks the parameter set and checks mandatory parameters.
    fn finish(mut self, had_input: bool, interactive: bool) -> Result<Bound, BindError> {
        let deferred = self.options.expect_pipeline_input && !had_input;
        let missing_in = |binder: &Binder, set: &str| -> Vec<String> {
            binder
                .params
                .iter()
                .enumerate()
                .filter(|(i, p)| {
                    p.mandatory
                        && p.in_set(set)
                        && !binder.is_bound(*i)
                        && !(deferred && p.takes_pipeline())
                })
                .map(|(_, p)| p.name.clone())
                .collect()
        };
        let set = if self.candidates.len() == 1 {
            self.candidates[0].clone()
        } else {
            let satisfied: Vec<&String> = self
                .candidates
                .iter()
                .filter(|s| missing_in(&self, s).is_empty())
                .collect();
            let default = self
                .default_set
                .and_then(|d| self.candidates.iter().find(|c| c.eq_ignore_ascii_case(d)));
            match (satisfied.as_slice(), default) {
                ([one], _) => (*one).clone(),
                (_, Some(d)) => d.clone(),
                _ => return Err(self.ambiguous_set(None)),
            }
        };
        let missing = missing_in(&self, &set);
        if !missing.is_empty() {
            let mut e = self.fail(
                None,
                "MissingMandatoryParameter",
                format!(
                    "Cannot process command because of one or more missing mandatory parameters: {}.",
                    missing.join(" ")
                ),
            );
            // An interactive caller may prompt for these and bind again.
            if interactive {
                e.missing = missing;
            }
            return Err(e);
        }
        let mut parameters = BoundParameters {
            parameter_set: Some(set),
            ..BoundParameters::default()
        };
        for (index, value) in self.bound.drain(..) {
            parameters.insert(&self.params[index].name, value);
        }
        Ok(Bound {
            parameters,
            extra_arguments: self.extra_arguments,
        })
    }
}
