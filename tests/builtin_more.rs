//! Out-Null, Out-Host, Write-Debug, Compare-Object, Tee-Object, Get-Unique, Select-String,
//! New-Item, Remove-Item, Get-ChildItem, Join-Path and Split-Path.

mod builtin_support;

use builtin_support::*;
use lyncsh::engine::value::Value;

#[test]
fn out_null_and_out_host() {
    assert!(run("Out-Null", &[], vec![s("x")]).output.is_empty());
    let m = run("Out-Host", &[], vec![s("checked"), obj(&[("A", i(1))])]);
    assert!(m.output.is_empty());
    assert_eq!(m.host, "checked\n\nA\n-\n1\n\n\n");
}

#[test]
fn write_debug_follows_the_preference() {
    let m = run("Write-Debug", &[("Message", s("hidden"))], vec![]);
    assert!(m.host.is_empty());
    let mut m = Mock::new("Write-Debug");
    m.variables.push(("DebugPreference".into(), s("Continue")));
    run_with(&mut m, "Write-Debug", &[("Message", s("shown"))], vec![]).unwrap();
    assert_eq!(m.host, "DEBUG: shown\n");
}

#[test]
fn compare_object_side_indicators() {
    let reference = Value::from(vec!["push.lync.com", "contoso.com"]);
    let difference = Value::from(vec!["push.lync.com", "fabrikam.com"]);
    let m = run(
        "Compare-Object",
        &[
            ("ReferenceObject", reference.clone()),
            ("DifferenceObject", difference.clone()),
        ],
        vec![],
    );
    assert_eq!(
        m.printed(),
        "\nInputObject  SideIndicator\n-----------  -------------\nfabrikam.com =>\ncontoso.com  <=\n\n\n"
    );
    let m = run(
        "Compare-Object",
        &[
            ("ReferenceObject", reference),
            ("DifferenceObject", difference),
            ("ExcludeDifferent", on()),
        ],
        vec![],
    );
    assert_eq!(m.output.len(), 1);
    assert_eq!(m.output[0].property("SideIndicator").to_ps_string(), "==");
}

#[test]
fn compare_object_by_property() {
    let a = vec![obj(&[("Name", s("web")), ("Port", i(443))])];
    let b = vec![obj(&[("Name", s("web")), ("Port", i(4443))])];
    let m = run(
        "Compare-Object",
        &[
            ("ReferenceObject", Value::Array(a)),
            ("DifferenceObject", Value::Array(b)),
            ("Property", s("Port")),
        ],
        vec![],
    );
    let ports: Vec<String> = m
        .output
        .iter()
        .map(|o| o.property("Port").to_ps_string())
        .collect();
    assert_eq!(ports, ["4443", "443"]);
}

#[test]
fn tee_object_to_a_variable() {
    let m = run("Tee-Object", &[("Variable", s("seen"))], vec![i(1), i(2)]);
    assert_eq!(m.printed(), "1\n2\n");
    assert_eq!(m.variables[0].1.to_display_string(), "{1, 2}");
}

#[test]
fn get_unique_drops_adjacent_duplicates() {
    let m = run("Get-Unique", &[], vec![i(1), i(1), i(2), i(1)]);
    assert_eq!(m.printed(), "1\n2\n1\n");
}

#[test]
fn select_string_in_strings_and_files() {
    let m = run(
        "Select-String",
        &[("Pattern", Value::from(vec!["FAILED"]))],
        vec![s("pool1 ok"), s("pool2 failed")],
    );
    assert_eq!(m.printed(), "\npool2 failed\n\n\n");
    let m = run(
        "Select-String",
        &[("Pattern", Value::from(vec!["a.b"])), ("SimpleMatch", on())],
        vec![s("axb"), s("a.b")],
    );
    assert_eq!(m.output.len(), 1);
    let m = run(
        "Select-String",
        &[("Pattern", Value::from(vec!["x"])), ("Quiet", on())],
        vec![s("abc")],
    );
    assert_eq!(m.strings(), ["False"]);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.txt");
    std::fs::write(&file, "start\nerror: port 5086\nend\n").unwrap();
    let shown = file.display().to_string();
    let m = run(
        "Select-String",
        &[
            ("Pattern", Value::from(vec!["error"])),
            ("Path", Value::from(vec![shown.as_str()])),
        ],
        vec![],
    );
    assert_eq!(m.printed(), format!("\n{shown}:2:error: port 5086\n\n\n"));
}

#[test]
fn items_create_list_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().display().to_string();
    let sub = format!("{root}/reports");
    let m = run(
        "New-Item",
        &[
            ("Path", Value::from(vec![sub.as_str()])),
            ("ItemType", s("Directory")),
        ],
        vec![],
    );
    assert_eq!(m.output[0].property("Mode").to_ps_string(), "d-----");
    let again = run(
        "New-Item",
        &[
            ("Path", Value::from(vec![sub.as_str()])),
            ("ItemType", s("Directory")),
        ],
        vec![],
    );
    assert_eq!(again.errors.len(), 1, "an existing directory needs -Force");
    run(
        "New-Item",
        &[
            ("Path", Value::from(vec![sub.as_str()])),
            ("Name", s("a.csv")),
            ("Value", s("x,y")),
        ],
        vec![],
    );
    assert_eq!(
        std::fs::read_to_string(format!("{sub}/a.csv")).unwrap(),
        "x,y"
    );

    let m = run(
        "Get-ChildItem",
        &[
            ("Path", Value::from(vec![root.as_str()])),
            ("Recurse", on()),
            ("Name", on()),
        ],
        vec![],
    );
    assert_eq!(m.strings(), ["reports", "reports/a.csv"]);
    let m = run(
        "Get-ChildItem",
        &[
            ("Path", Value::from(vec![sub.as_str()])),
            ("Filter", s("*.csv")),
        ],
        vec![],
    );
    assert_eq!(m.output[0].property("Length").to_ps_string(), "3");

    let m = run(
        "Remove-Item",
        &[("Path", Value::from(vec![sub.as_str()]))],
        vec![],
    );
    assert!(m.errors[0]
        .message
        .ends_with("has children and the Recurse parameter was not specified."));
    run(
        "Remove-Item",
        &[("Path", Value::from(vec![format!("{sub}/*.csv").as_str()]))],
        vec![],
    );
    assert!(!std::path::Path::new(&format!("{sub}/a.csv")).exists());
    run(
        "Remove-Item",
        &[("Path", Value::from(vec![sub.as_str()])), ("Recurse", on())],
        vec![],
    );
    assert!(!std::path::Path::new(&sub).exists());
    let m = run(
        "Remove-Item",
        &[("Path", Value::from(vec![sub.as_str()]))],
        vec![],
    );
    assert!(m.errors[0].message.starts_with("Cannot find path"));
}

#[test]
fn join_and_split_paths() {
    let sep = std::path::MAIN_SEPARATOR;
    let m = run(
        "Join-Path",
        &[
            ("Path", Value::from(vec!["reports/"])),
            ("ChildPath", s("pool1.csv")),
        ],
        vec![],
    );
    assert_eq!(m.strings(), [format!("reports{sep}pool1.csv")]);
    let leaf = run(
        "Split-Path",
        &[
            ("Path", Value::from(vec!["C:\\reports\\pool1.csv"])),
            ("Leaf", on()),
        ],
        vec![],
    );
    assert_eq!(leaf.strings(), ["pool1.csv"]);
    let parent = run(
        "Split-Path",
        &[("Path", Value::from(vec!["reports/pool1.csv"]))],
        vec![],
    );
    assert_eq!(parent.strings(), ["reports"]);
    let abs = run(
        "Split-Path",
        &[("Path", Value::from(vec!["C:\\x"])), ("IsAbsolute", on())],
        vec![],
    );
    assert_eq!(abs.strings(), ["True"]);
}

#[test]
fn clear_host_only_on_a_colour_terminal() {
    assert!(run("Clear-Host", &[], vec![]).host.is_empty());
    let mut m = Mock::new("Clear-Host");
    m.color = true;
    run_with(&mut m, "Clear-Host", &[], vec![]).unwrap();
    assert_eq!(m.host, "\u{1b}[2J\u{1b}[H");
}

#[test]
fn locations() {
    let here = std::env::current_dir().unwrap().display().to_string();
    let m = run("Get-Location", &[], vec![]);
    assert_eq!(m.output[0].property("Path").to_ps_string(), here);
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope").display().to_string();
    let mut m = Mock::new("Set-Location");
    let err = run_with(&mut m, "Set-Location", &[("Path", s(&missing))], vec![]).unwrap_err();
    assert_eq!(
        err.message,
        format!("Cannot find path '{missing}' because it does not exist.")
    );
}
