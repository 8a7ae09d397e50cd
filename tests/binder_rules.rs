//! Parameter binding against small test catalogs, case by case from PowerShell's behaviour
//! (reference §2 and acceptance cases 22–32).

use lyncsh::catalog::Catalog;
use lyncsh::engine::binder::{bind, bind_with, Argument, BindOptions, CommandKind};
use lyncsh::engine::command::BoundParameters;
use lyncsh::engine::value::{PsObject, Value};
use lyncsh::lang::Span;

const CATALOG: &str = r#"
module: Test
enums:
  CertType: [Default, WebServicesInternal, WebServicesExternal]
cmdlets:
  - name: Get-Thing
    synopsis: Filter and Force share a prefix.
    parameters:
      - { name: Identity, type: XdsIdentity, position: 0, pipeline: [ByValue, ByPropertyName] }
      - { name: Filter, type: String }
      - { name: Force, type: SwitchParameter }
  - name: Set-Thing
    synopsis: Typed parameters of every kind.
    supports_should_process: true
    default_parameter_set: Identity
    parameters:
      - { name: Identity, type: XdsIdentity, position: 0, sets: [Identity], pipeline: [ByPropertyName] }
      - { name: Instance, type: PSObject, sets: [Instance], pipeline: [ByValue] }
      - { name: Enabled, type: Boolean }
      - { name: Port, type: UInt16, range: [1, 65535] }
      - { name: Count, type: Int32 }
      - { name: Size, type: UInt64 }
      - { name: Level, type: String, values: [Low, High] }
      - { name: Type, type: "CertType[]" }
      - { name: Names, type: "String[]", aliases: [Sip] }
      - { name: AllowedDomains, type: PSListModifier }
      - { name: Settings, type: Hashtable }
      - { name: Script, type: ScriptBlock }
      - { name: When, type: DateTime }
      - { name: Version, type: Int32 }
  - name: New-Item2
    synopsis: Mandatory and positional parameters.
    parameters:
      - { name: Name, type: String, position: 0, mandatory: true }
      - { name: NameSpace, type: String, position: 1 }
      - { name: Path, type: String, mandatory: true }
  - name: Write-Thing
    synopsis: Sets with different parameters at the same position.
    default_parameter_set: ByName
    parameters:
      - { name: Name, type: String, position: 0, sets: [ByName] }
      - { name: Id, type: Int32, position: 0, sets: [ById] }
      - { name: Literal, type: SwitchParameter, sets: [ByName] }
      - { name: Exact, type: SwitchParameter, sets: [ById] }
  - name: Pick-Set
    synopsis: No default set.
    parameters:
      - { name: A, type: String, sets: [SetA], mandatory: true }
      - { name: B, type: String, sets: [SetB], mandatory: true }
"#;

fn catalog() -> Catalog {
    Catalog::from_files([("test.yaml", CATALOG)]).expect("test catalog parses")
}

/// A tiny argument syntax: `-Name` (named), `-Name:` + value, or a value.
enum A {
    N(&'static str),
    C(&'static str, Value),
    P(Value),
}

fn s(text: &str) -> Value {
    Value::str(text)
}

fn args(list: Vec<A>) -> Vec<Argument> {
    list.into_iter()
        .enumerate()
        .map(|(i, a)| {
            let span = Span::new(i * 10, i * 10 + 5);
            match a {
                A::N(n) => Argument::named(n, span),
                A::C(n, v) => Argument::named_with(n, v, span),
                A::P(v) => Argument::positional(v, span),
            }
        })
        .collect()
}

fn run(cmd: &str, list: Vec<A>) -> Result<BoundParameters, (String, String)> {
    let c = catalog();
    let entry = c.find(cmd).expect("cmdlet in test catalog").clone();
    bind(&entry, &c, &args(list), None, false).map_err(|e| {
        (
            e.record.message.clone(),
            e.record.fully_qualified_error_id(),
        )
    })
}

fn ok(cmd: &str, list: Vec<A>) -> BoundParameters {
    run(cmd, list).unwrap_or_else(|e| panic!("expected binding to succeed: {e:?}"))
}

fn err(cmd: &str, list: Vec<A>) -> (String, String) {
    match run(cmd, list) {
        Ok(b) => panic!("expected a binding error, got {:?}", b.values),
        Err(e) => e,
    }
}

fn text(b: &BoundParameters, name: &str) -> String {
    b.get(name)
        .unwrap_or_else(|| panic!("{name} not bound"))
        .to_display_string()
}

use A::*;

#[test]
fn ambiguous_prefix_lists_candidates() {
    let (msg, id) = err("Get-Thing", vec![N("F"), P(s("x"))]);
    assert_eq!(msg, "Parameter cannot be processed because the parameter name 'F' is ambiguous. Possible matches include: -Filter -Force.");
    assert_eq!(id, "AmbiguousParameter,Get-Thing");
}

#[test]
fn unique_prefixes_bind() {
    assert!(ok("Get-Thing", vec![N("Fo")]).switch("Force"));
    assert_eq!(
        text(&ok("Get-Thing", vec![N("fi"), P(s("x"))]), "Filter"),
        "x"
    );
    assert_eq!(
        text(&ok("Get-Thing", vec![N("ident"), P(s("a"))]), "Identity"),
        "a"
    );
}

#[test]
fn names_are_case_insensitive() {
    assert_eq!(
        text(&ok("Get-Thing", vec![N("FILTER"), P(s("x"))]), "Filter"),
        "x"
    );
}

#[test]
fn declared_parameter_beats_common_one() {
    let b = ok("Set-Thing", vec![N("Ver"), P(Value::Int(2))]);
    assert_eq!(text(&b, "Version"), "2");
    assert!(!b.has("Verbose"));
}

#[test]
fn exact_name_beats_longer_parameter() {
    let b = ok(
        "New-Item2",
        vec![N("Name"), P(s("a")), N("Path"), P(s("p"))],
    );
    assert_eq!(text(&b, "Name"), "a");
    let (msg, _) = err("New-Item2", vec![N("Nam"), P(s("a"))]);
    assert!(
        msg.contains("Possible matches include: -Name -NameSpace."),
        "{msg}"
    );
}

#[test]
fn aliases_bind_in_any_case() {
    assert_eq!(
        text(&ok("Set-Thing", vec![N("sip"), P(s("x"))]), "Names"),
        "{x}"
    );
    assert_eq!(
        text(&ok("Set-Thing", vec![N("NAMES"), P(s("x"))]), "Names"),
        "{x}"
    );
}

#[test]
fn unknown_parameter_is_reported_with_a_suggestion() {
    let c = catalog();
    let entry = c.find("Get-Thing").unwrap();
    let e = bind(entry, &c, &args(vec![N("Identiy"), P(s("x"))]), None, false).unwrap_err();
    assert_eq!(
        e.record.message,
        "A parameter cannot be found that matches parameter name 'Identiy'."
    );
    assert_eq!(
        e.record.fully_qualified_error_id(),
        "NamedParameterNotFound,Get-Thing"
    );
    assert_eq!(e.record.hint.as_deref(), Some("Did you mean -Identity?"));
    assert_eq!(e.span, Some(Span::new(0, 5)));
    assert!(e.record.render().contains("ParameterBindingException"));
}

#[test]
fn unknown_parameter_without_near_name_has_no_hint() {
    let c = catalog();
    let entry = c.find("Get-Thing").unwrap();
    let e = bind(entry, &c, &args(vec![N("eq")]), None, false).unwrap_err();
    assert_eq!(
        e.record.message,
        "A parameter cannot be found that matches parameter name 'eq'."
    );
    assert_eq!(e.record.hint, None);
}

#[test]
fn parameter_given_twice() {
    let (msg, id) = err(
        "Get-Thing",
        vec![N("Filter"), P(s("a")), N("Filter"), P(s("b"))],
    );
    assert!(msg.starts_with(
        "Cannot bind parameter because parameter 'Filter' is specified more than once."
    ));
    assert_eq!(id, "ParameterAlreadyBound,Get-Thing");
}

#[test]
fn missing_argument_names_the_type() {
    let (msg, id) = err("New-Item2", vec![N("Path")]);
    assert_eq!(msg, "Missing an argument for parameter 'Path'. Specify a parameter of type 'System.String' and try again.");
    assert_eq!(id, "MissingArgument,New-Item2");
    let (msg, _) = err("Set-Thing", vec![N("Identity"), N("Force")]);
    assert!(
        msg.contains("type 'Microsoft.Rtc.Management.Xds.XdsIdentity'"),
        "{msg}"
    );
}

#[test]
fn positional_arguments_fill_positions_in_order() {
    let b = ok(
        "New-Item2",
        vec![P(s("a")), P(s("ns")), N("Path"), P(s("p"))],
    );
    assert_eq!(text(&b, "Name"), "a");
    assert_eq!(text(&b, "NameSpace"), "ns");
}

#[test]
fn positional_skips_parameters_bound_by_name() {
    let b = ok(
        "New-Item2",
        vec![N("Name"), P(s("a")), P(s("ns")), N("Path"), P(s("p"))],
    );
    assert_eq!(text(&b, "NameSpace"), "ns");
}

#[test]
fn extra_positional_is_an_error() {
    let (msg, id) = err("Get-Thing", vec![P(s("a")), P(s("b"))]);
    assert_eq!(
        msg,
        "A positional parameter cannot be found that accepts argument 'b'."
    );
    assert_eq!(id, "PositionalParameterNotFound,Get-Thing");
}

#[test]
fn switch_with_explicit_false() {
    let b = ok("Get-Thing", vec![C("Force", Value::Bool(false))]);
    assert!(b.has("Force"));
    assert!(!b.switch("Force"));
}

#[test]
fn switch_does_not_take_the_next_argument() {
    // `-Force $false`: $false is positional and lands on Identity (position 0).
    let b = ok("Get-Thing", vec![N("Force"), P(Value::Bool(false))]);
    assert!(b.switch("Force"));
    assert_eq!(text(&b, "Identity"), "False");
    let (msg, _) = err(
        "Get-Thing",
        vec![P(s("x")), N("Force"), P(Value::Bool(false))],
    );
    assert_eq!(
        msg,
        "A positional parameter cannot be found that accepts argument 'False'."
    );
}

#[test]
fn switch_rejects_strings() {
    let (msg, id) = err("Get-Thing", vec![C("Force", s("True"))]);
    assert!(msg.starts_with("Cannot convert 'System.String' to the type 'System.Management.Automation.SwitchParameter' required by parameter 'Force'."));
    assert_eq!(id, "CannotConvertArgument,Get-Thing");
}

#[test]
fn booleans_accept_bools_and_numbers_only() {
    assert_eq!(
        text(
            &ok("Set-Thing", vec![N("Enabled"), P(Value::Bool(true))]),
            "Enabled"
        ),
        "True"
    );
    assert_eq!(
        text(
            &ok("Set-Thing", vec![N("Enabled"), P(Value::Int(0))]),
            "Enabled"
        ),
        "False"
    );
    assert_eq!(
        text(
            &ok(
                "Set-Thing",
                vec![N("Enabled"), P(Value::NumberText(1.0, "1".into()))]
            ),
            "Enabled"
        ),
        "True"
    );
    let (msg, _) = err("Set-Thing", vec![N("Enabled"), P(s("True"))]);
    assert!(msg.starts_with("Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'Enabled'."), "{msg}");
}

#[test]
fn integers_convert_like_powershell() {
    assert_eq!(
        text(&ok("Set-Thing", vec![N("Count"), P(s("0x10"))]), "Count"),
        "16"
    );
    assert_eq!(
        text(
            &ok("Set-Thing", vec![N("Count"), P(Value::Double(2.5))]),
            "Count"
        ),
        "2"
    );
    assert_eq!(
        text(&ok("Set-Thing", vec![N("Count"), P(s("1kb"))]), "Count"),
        "1024"
    );
    let (msg, id) = err("Set-Thing", vec![N("Count"), P(s("abc"))]);
    assert_eq!(msg, "Cannot bind parameter 'Count'. Cannot convert value \"abc\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"");
    assert_eq!(id, "CannotConvertArgumentNoMessage,Set-Thing");
}

#[test]
fn unsigned_ranges_are_enforced() {
    let (msg, _) = err("Set-Thing", vec![N("Port"), P(Value::Int(70000))]);
    assert!(
        msg.contains("Value was either too large or too small for a UInt16."),
        "{msg}"
    );
    let (msg, _) = err("Set-Thing", vec![N("Size"), P(Value::Int(-1))]);
    assert!(msg.contains("for a UInt64."), "{msg}");
}

#[test]
fn catalog_range_uses_validaterange_message() {
    let (msg, id) = err("Set-Thing", vec![N("Port"), P(Value::Int(0))]);
    assert_eq!(msg, "Cannot validate argument on parameter 'Port'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.");
    assert_eq!(id, "ParameterArgumentValidationError,Set-Thing");
    assert_eq!(
        text(&ok("Set-Thing", vec![N("Port"), P(s("5086"))]), "Port"),
        "5086"
    );
}

#[test]
fn validateset_is_case_insensitive() {
    assert_eq!(
        text(&ok("Set-Thing", vec![N("Level"), P(s("low"))]), "Level"),
        "low"
    );
    let (msg, _) = err("Set-Thing", vec![N("Level"), P(s("x"))]);
    assert_eq!(msg, "Cannot validate argument on parameter 'Level'. The argument \"x\" does not belong to the set \"Low,High\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.");
}

#[test]
fn enum_arrays_from_comma_lists() {
    let list = Value::Array(vec![s("default"), s("WEBSERVICESINTERNAL")]);
    let b = ok("Set-Thing", vec![N("Type"), P(list)]);
    assert_eq!(text(&b, "Type"), "{Default, WebServicesInternal}");
    let (msg, _) = err("Set-Thing", vec![N("Type"), P(s("Bogus"))]);
    assert!(msg.contains("Unable to match the identifier name Bogus to a valid enumerator name. Specify one of the following enumerator names and try again:\nDefault, WebServicesInternal, WebServicesExternal"), "{msg}");
}

#[test]
fn string_arrays_from_scalars_and_lists() {
    assert_eq!(
        text(&ok("Set-Thing", vec![N("Names"), P(s("a,b"))]), "Names"),
        "{a,b}"
    );
    let b = ok(
        "Set-Thing",
        vec![N("Names"), P(Value::Array(vec![s("a"), s("b")]))],
    );
    assert_eq!(text(&b, "Names"), "{a, b}");
}

#[test]
fn array_to_scalar_string_is_refused() {
    let (msg, id) = err(
        "Get-Thing",
        vec![N("Filter"), P(Value::Array(vec![s("a"), s("b")]))],
    );
    assert!(msg.starts_with("Cannot convert 'System.Object[]' to the type 'System.String' required by parameter 'Filter'."));
    assert_eq!(id, "CannotConvertArgument,Get-Thing");
}

#[test]
fn hashtables_and_list_modifiers() {
    let ht = Value::Hashtable(Default::default());
    assert!(matches!(
        ok("Set-Thing", vec![N("Settings"), P(ht.clone())]).get("Settings"),
        Some(Value::Hashtable(_))
    ));
    let (msg, _) = err("Set-Thing", vec![N("Settings"), P(s("x"))]);
    assert_eq!(msg, "Cannot bind parameter 'Settings'. Cannot convert the \"x\" value of type \"System.String\" to type \"System.Collections.Hashtable\".");
    // A plain value for a PSListModifier means Replace.
    let b = ok(
        "Set-Thing",
        vec![N("AllowedDomains"), P(s("push.lync.com"))],
    );
    match b.get("AllowedDomains") {
        Some(Value::Hashtable(h)) => assert_eq!(
            h.borrow().get_str("replace").unwrap().to_ps_string(),
            "push.lync.com"
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn script_blocks_and_dates() {
    let (msg, _) = err("Set-Thing", vec![N("Script"), P(s("x"))]);
    assert!(
        msg.ends_with("to type \"System.Management.Automation.ScriptBlock\"."),
        "{msg}"
    );
    let b = ok("Set-Thing", vec![N("When"), P(s("2012-01-31"))]);
    assert_eq!(text(&b, "When"), "1/31/2012 12:00:00 AM");
    let (msg, _) = err("Set-Thing", vec![N("When"), P(s("tomorrowish"))]);
    assert!(msg.contains("String was not recognized as a valid DateTime."));
}

#[test]
fn missing_mandatory_parameters_are_listed() {
    let (msg, id) = err("New-Item2", vec![]);
    assert_eq!(
        msg,
        "Cannot process command because of one or more missing mandatory parameters: Name Path."
    );
    assert_eq!(id, "MissingMandatoryParameter,New-Item2");
    let (msg, _) = err("New-Item2", vec![P(s("a"))]);
    assert_eq!(
        msg,
        "Cannot process command because of one or more missing mandatory parameters: Path."
    );
}

#[test]
fn interactive_binding_reports_what_to_prompt_for() {
    let c = catalog();
    let entry = c.find("New-Item2").unwrap();
    let e = bind(entry, &c, &args(vec![P(s("a"))]), None, true).unwrap_err();
    assert_eq!(e.missing, vec!["Path".to_string()]);
}

#[test]
fn null_and_empty_for_mandatory() {
    let (msg, id) = err(
        "New-Item2",
        vec![N("Name"), P(Value::Null), N("Path"), P(s("p"))],
    );
    assert_eq!(
        msg,
        "Cannot bind argument to parameter 'Name' because it is null."
    );
    assert_eq!(
        id,
        "ParameterArgumentValidationErrorNullNotAllowed,New-Item2"
    );
    let (msg, _) = err("New-Item2", vec![N("Name"), P(s("")), N("Path"), P(s("p"))]);
    assert_eq!(
        msg,
        "Cannot bind argument to parameter 'Name' because it is an empty string."
    );
}

#[test]
fn common_parameters_everywhere() {
    let b = ok(
        "Get-Thing",
        vec![N("Verbose"), N("ea"), P(s("stop")), N("ev"), P(s("errs"))],
    );
    assert!(b.switch("Verbose"));
    assert_eq!(text(&b, "ErrorAction"), "Stop");
    assert_eq!(text(&b, "ErrorVariable"), "errs");
    assert!(ok("Get-Thing", vec![N("vb")]).switch("Verbose"));
    assert_eq!(
        text(&ok("Get-Thing", vec![N("ov"), P(s("o"))]), "OutVariable"),
        "o"
    );
    assert_eq!(
        text(
            &ok(
                "Get-Thing",
                vec![N("WarningAction"), P(s("silentlycontinue"))]
            ),
            "WarningAction"
        ),
        "SilentlyContinue"
    );
}

#[test]
fn error_action_rejects_unknown_values() {
    let (msg, _) = err("Get-Thing", vec![N("ErrorAction"), P(s("Maybe"))]);
    assert!(msg.starts_with("Cannot bind parameter 'ErrorAction'. Cannot convert value \"Maybe\" to type \"System.Management.Automation.ActionPreference\"."), "{msg}");
    assert!(msg.contains("SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend"));
}

#[test]
fn whatif_only_with_should_process() {
    assert!(ok("Set-Thing", vec![N("WhatIf")]).switch("WhatIf"));
    assert!(ok("Set-Thing", vec![N("wi")]).switch("WhatIf"));
    assert!(ok("Set-Thing", vec![C("Confirm", Value::Bool(false))]).has("Confirm"));
    let (msg, _) = err("Get-Thing", vec![N("WhatIf")]);
    assert_eq!(
        msg,
        "A parameter cannot be found that matches parameter name 'WhatIf'."
    );
}

#[test]
fn ambiguous_between_common_parameters() {
    let (msg, _) = err("Get-Thing", vec![N("Out"), P(s("x"))]);
    assert_eq!(msg, "Parameter cannot be processed because the parameter name 'Out' is ambiguous. Possible matches include: -OutVariable -OutBuffer.");
}

#[test]
fn parameter_sets_conflict() {
    let obj = PsObject::new("T").with("Identity", "x").into_value();
    let (msg, id) = err(
        "Set-Thing",
        vec![N("Identity"), P(s("a")), N("Instance"), P(obj)],
    );
    assert!(
        msg.starts_with("Parameter set cannot be resolved using the specified named parameters.")
    );
    assert_eq!(id, "AmbiguousParameterSet,Set-Thing");
}

#[test]
fn default_parameter_set_is_chosen() {
    assert_eq!(
        ok("Set-Thing", vec![]).parameter_set.as_deref(),
        Some("Identity")
    );
    let b = ok("Write-Thing", vec![P(s("x"))]);
    assert_eq!(b.parameter_set.as_deref(), Some("ByName"));
    assert_eq!(text(&b, "Name"), "x");
}

#[test]
fn positional_follows_the_set_chosen_by_name() {
    let b = ok("Write-Thing", vec![N("Exact"), P(s("42"))]);
    assert_eq!(b.parameter_set.as_deref(), Some("ById"));
    assert_eq!(text(&b, "Id"), "42");
}

#[test]
fn unresolvable_set_without_default() {
    let (msg, id) = err("Pick-Set", vec![]);
    assert!(msg.starts_with("Parameter set cannot be resolved"));
    assert_eq!(id, "AmbiguousParameterSet,Pick-Set");
    assert_eq!(
        ok("Pick-Set", vec![N("B"), P(s("x"))])
            .parameter_set
            .as_deref(),
        Some("SetB")
    );
}

#[test]
fn pipeline_by_value_binds_strings_to_identity() {
    let c = catalog();
    let entry = c.find("Get-Thing").unwrap();
    let b = bind(entry, &c, &[], Some(&s("global")), false).unwrap();
    assert_eq!(text(&b, "Identity"), "global");
}

#[test]
fn pipeline_object_binds_by_value_to_instance_not_identity() {
    let c = catalog();
    let entry = c.find("Set-Thing").unwrap();
    let obj = PsObject::new("T").with("Identity", "site:x").into_value();
    let b = bind(
        entry,
        &c,
        &args(vec![N("Enabled"), P(Value::Bool(true))]),
        Some(&obj),
        false,
    )
    .unwrap();
    assert!(b.has("Instance"));
    assert!(!b.has("Identity"));
    assert_eq!(b.parameter_set.as_deref(), Some("Instance"));
}

#[test]
fn pipeline_by_property_name_when_by_value_is_taken() {
    let c = catalog();
    let entry = c.find("Set-Thing").unwrap();
    let obj = PsObject::new("T").with("identity", "site:x").into_value();
    // Identity given by name leaves nothing in the Identity set that takes the object.
    let e = bind(
        entry,
        &c,
        &args(vec![N("Identity"), P(s("global"))]),
        Some(&obj),
        false,
    )
    .unwrap_err();
    assert_eq!(e.record.error_id, "InputObjectNotBound");
    let entry = c.find("Get-Thing").unwrap();
    let b = bind(entry, &c, &[], Some(&obj), false).unwrap();
    assert_eq!(text(&b, "Identity"), "site:x");
}

#[test]
fn pipeline_input_that_cannot_bind() {
    let c = catalog();
    let entry = c.find("New-Item2").unwrap();
    let e = bind(
        entry,
        &c,
        &args(vec![P(s("a")), N("Path"), P(s("p"))]),
        Some(&Value::Int(1)),
        false,
    )
    .unwrap_err();
    assert_eq!(e.record.error_id, "InputObjectNotBound");
}

#[test]
fn function_wording_for_conversion_errors() {
    let c = catalog();
    let entry = c.find("Set-Thing").unwrap();
    let options = BindOptions {
        kind: CommandKind::Function,
        ..BindOptions::default()
    };
    let e = bind_with(
        entry,
        &c,
        &args(vec![N("Enabled"), P(s("True"))]),
        None,
        false,
        &options,
    )
    .unwrap_err();
    assert_eq!(e.record.message, "Cannot process argument transformation on parameter 'Enabled'. Cannot convert value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.");
    assert_eq!(e.record.error_id, "ParameterArgumentTransformationError");
    let e = bind_with(
        entry,
        &c,
        &args(vec![N("Count"), P(s("abc"))]),
        None,
        false,
        &options,
    )
    .unwrap_err();
    assert!(e.record.message.starts_with(
        "Cannot process argument transformation on parameter 'Count'. Cannot convert value \"abc\""
    ));
}

#[test]
fn simple_functions_collect_extra_arguments() {
    let c = catalog();
    let entry = c.find("Get-Thing").unwrap();
    let options = BindOptions {
        collect_extra_arguments: true,
        ..BindOptions::default()
    };
    let b = bind_with(
        entry,
        &c,
        &args(vec![P(s("a")), P(s("b")), N("Zip")]),
        None,
        false,
        &options,
    )
    .unwrap();
    assert_eq!(text(&b.parameters, "Identity"), "a");
    let extra: Vec<String> = b.extra_arguments.iter().map(Value::to_ps_string).collect();
    assert_eq!(extra, ["-Zip", "b"]);
}

#[test]
fn deferred_pipeline_parameters_are_not_missing_yet() {
    const MANDATORY_INPUT: &str = r#"
module: Test
cmdlets:
  - name: Use-Input
    synopsis: x
    parameters:
      - { name: InputObject, type: PSObject, mandatory: true, pipeline: [ByValue] }
"#;
    let c = Catalog::from_files([("m.yaml", MANDATORY_INPUT)]).unwrap();
    let entry = c.find("Use-Input").unwrap();
    let options = BindOptions {
        expect_pipeline_input: true,
        common_parameters: true,
        ..BindOptions::default()
    };
    assert!(bind_with(entry, &c, &[], None, false, &options).is_ok());
    assert!(bind(entry, &c, &[], None, false).is_err());
    assert!(bind(entry, &c, &[], Some(&Value::Int(3)), false).is_ok());
}

#[test]
fn positional_prefers_the_parameter_whose_type_fits() {
    const WHERE: &str = r#"
module: Test
cmdlets:
  - name: Where-Thing
    synopsis: x
    default_parameter_set: EqualSet
    parameters:
      - { name: FilterScript, type: ScriptBlock, position: 0, mandatory: true, sets: [ScriptBlockSet] }
      - { name: Property, type: String, position: 0, mandatory: true, sets: [EqualSet] }
"#;
    let c = Catalog::from_files([("w.yaml", WHERE)]).unwrap();
    let entry = c.find("Where-Thing").unwrap();
    let block = lyncsh::lang::parse("{ $_ }")
        .ok()
        .and_then(|sb| match sb.end.first() {
            Some(lyncsh::lang::ast::Statement::Pipeline(p)) => match p.elements.first() {
                Some(lyncsh::lang::ast::PipelineElement::Expression(
                    lyncsh::lang::ast::Expr::ScriptBlock(b),
                )) => Some(b.clone()),
                _ => None,
            },
            _ => None,
        });
    let block = Value::ScriptBlock(block.expect("a script block literal"));
    let b = bind(entry, &c, &args(vec![P(block)]), None, false).unwrap();
    assert_eq!(b.parameter_set.as_deref(), Some("ScriptBlockSet"));
    let b = bind(entry, &c, &args(vec![P(s("Name"))]), None, false).unwrap();
    assert_eq!(b.parameter_set.as_deref(), Some("EqualSet"));
}
