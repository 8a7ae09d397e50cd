//! The built-in PowerShell cmdlets (Where-Object, Select-Object, Format-Table, Get-Help, …).
//! Their signatures and help are in `cmdlets/builtin/*.yaml`; this module is the behaviour.
//! Cmdlets talk to the shell only through [`CommandContext`]; text they render is pure
//! [`crate::engine::format`] output.

pub mod compare;
mod csv;
mod date;
mod discovery;
mod files;
mod formatting;
mod items;
mod json;
mod object;
mod scripting;
pub mod select;
mod text;
mod variable;
mod write;

use std::rc::Rc;

use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::Value;

type RunFn = fn(&mut dyn CommandContext, &BoundParameters, Vec<Value>) -> Result<(), ErrorRecord>;

/// A built-in cmdlet: a function, and whether it needs the whole pipeline input in one call
/// (sorting, grouping, formatting, -First/-Last, ForEach-Object's -Begin/-End).
struct Builtin {
    run: RunFn,
    whole_pipeline: bool,
}

impl Cmdlet for Builtin {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        (self.run)(cx, params, input)
    }
    fn takes_whole_pipeline(&self) -> bool {
        self.whole_pipeline
    }
}

/// Registers every built-in cmdlet.
pub fn register(registry: &mut Registry) {
    let whole: &[(&str, RunFn)] = &[
        ("Where-Object", object::where_object),
        ("ForEach-Object", object::foreach_object),
        ("Select-Object", select::select_object),
        ("Sort-Object", object::sort_object),
        ("Measure-Object", object::measure_object),
        ("Group-Object", object::group_object),
        ("Format-Table", formatting::format_table),
        ("Format-List", formatting::format_list),
        ("Out-String", formatting::out_string),
        ("ConvertTo-Json", json::convert_to_json),
        ("ConvertFrom-Json", json::convert_from_json),
        ("Write-Output", write::write_output),
        ("Get-Member", discovery::get_member),
        ("Export-Csv", csv::export_csv),
        ("ConvertTo-Csv", csv::convert_to_csv),
        ("ConvertFrom-Csv", csv::convert_from_csv),
        ("Out-File", files::out_file),
        ("Set-Content", files::set_content),
        ("Add-Content", files::add_content),
        ("Out-Null", formatting::out_null),
        ("Out-Host", formatting::out_host),
        ("Compare-Object", object::compare_object),
        ("Tee-Object", object::tee_object),
        ("Get-Unique", object::get_unique),
        ("Select-String", text::select_string),
    ];
    let per_call: &[(&str, RunFn)] = &[
        ("Write-Host", write::write_host),
        ("Write-Verbose", write::write_verbose),
        ("Write-Warning", write::write_warning),
        ("Write-Error", write::write_error),
        ("Read-Host", write::read_host),
        ("Get-Help", discovery::get_help),
        ("Get-Command", discovery::get_command),
        ("Get-Alias", discovery::get_alias),
        ("Set-Alias", discovery::set_alias),
        ("Get-Variable", variable::get_variable),
        ("Set-Variable", variable::set_variable),
        ("Remove-Variable", variable::remove_variable),
        ("Invoke-Expression", scripting::invoke_expression),
        ("Set-StrictMode", scripting::set_strict_mode),
        ("New-Object", object::new_object),
        ("Add-Member", object::add_member),
        ("Import-Csv", csv::import_csv),
        ("Get-Content", files::get_content),
        ("Test-Path", files::test_path),
        ("Get-Date", date::get_date),
        ("Start-Sleep", date::start_sleep),
        ("Write-Progress", write::write_progress),
        ("Write-Debug", write::write_debug),
        ("New-Item", items::new_item),
        ("Remove-Item", items::remove_item),
        ("Get-ChildItem", items::get_child_item),
        ("Join-Path", items::join_path),
        ("Split-Path", items::split_path),
        ("Get-Location", items::get_location),
        ("Set-Location", items::set_location),
        ("Clear-Host", write::clear_host),
    ];
    for (list, whole_pipeline) in [(whole, true), (per_call, false)] {
        for &(name, run) in list {
            registry.add(
                name,
                Rc::new(Builtin {
                    run,
                    whole_pipeline,
                }),
            );
        }
    }
}

/// The objects a cmdlet works on: the pipeline input, or else its -InputObject argument as
/// one object (PowerShell does not enumerate a collection given to -InputObject).
fn input_objects(params: &BoundParameters, input: Vec<Value>) -> Vec<Value> {
    if !input.is_empty() {
        return input;
    }
    match params.get("InputObject") {
        Some(v) => vec![v.clone()],
        None => Vec::new(),
    }
}

/// An error record raised by the running cmdlet, with PowerShell's category, id and message.
fn error(
    cx: &dyn CommandContext,
    category: ErrorCategory,
    id: &str,
    message: impl Into<String>,
) -> ErrorRecord {
    ErrorRecord::new(category, id, message).with_command(&cx.definition().name)
}
