//! Export-Csv/Import-Csv, ConvertTo-/ConvertFrom-Csv, Out-File, Get-/Set-/Add-Content,
//! Test-Path, Get-Date and Start-Sleep.

mod builtin_support;

use builtin_support::*;
use lyncsh::engine::value::{unix_from_civil, Value};

fn path_in(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

fn report() -> Vec<Value> {
    vec![
        obj(&[
            ("Fqdn", s("lyncserver.jacobs.local")),
            ("Port", i(5086)),
            ("Roles", Value::from(vec!["Web", "Mcx"])),
        ]),
        obj(&[
            ("Fqdn", s("edge.jacobs.local")),
            ("Port", i(443)),
            ("Roles", Value::Null),
        ]),
    ]
}

#[test]
fn export_csv_writes_the_type_line_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let file = path_in(&dir, "r.csv");
    run("Export-Csv", &[("Path", s(&file))], report());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "#TYPE System.Management.Automation.PSCustomObject\n\"Fqdn\",\"Port\",\"Roles\"\n\"lyncserver.jacobs.local\",\"5086\",\"System.Object[]\"\n\"edge.jacobs.local\",\"443\",\n"
    );
    run(
        "Export-Csv",
        &[
            ("Path", s(&file)),
            ("NoTypeInformation", on()),
            ("Delimiter", s(";")),
        ],
        report(),
    );
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("\"Fqdn\";\"Port\";\"Roles\"\n"));
}

#[test]
fn export_then_import_round_trips_as_strings() {
    let dir = tempfile::tempdir().unwrap();
    let file = path_in(&dir, "r.csv");
    run("Export-Csv", &[("Path", s(&file))], report());
    run(
        "Export-Csv",
        &[("Path", s(&file)), ("Append", on())],
        vec![report().remove(1)],
    );
    let m = run(
        "Import-Csv",
        &[("Path", Value::from(vec![file.as_str()]))],
        vec![],
    );
    assert_eq!(m.output.len(), 3);
    assert_eq!(m.output[0].property("Port").to_ps_string(), "5086");
    assert!(matches!(m.output[0].property("Port"), Value::String(_)));
    assert_eq!(
        m.output[2].property("Fqdn").to_ps_string(),
        "edge.jacobs.local"
    );
    assert_eq!(
        m.output[0].type_name(),
        "CSV:System.Management.Automation.PSCustomObject"
    );
}

#[test]
fn import_csv_missing_file_and_custom_header() {
    let dir = tempfile::tempdir().unwrap();
    let missing = path_in(&dir, "nope.csv");
    let mut m = Mock::new("Import-Csv");
    let err = run_with(
        &mut m,
        "Import-Csv",
        &[("Path", Value::from(vec![missing.as_str()]))],
        vec![],
    )
    .unwrap_err();
    assert_eq!(err.message, format!("Could not find file '{missing}'."));

    let file = path_in(&dir, "h.csv");
    std::fs::write(&file, "a|b\nc|d\n").unwrap();
    let m = run(
        "Import-Csv",
        &[
            ("Path", Value::from(vec![file.as_str()])),
            ("Delimiter", s("|")),
            ("Header", Value::from(vec!["X", "Y"])),
        ],
        vec![],
    );
    assert_eq!(m.output.len(), 2);
    assert_eq!(m.output[1].property("Y").to_ps_string(), "d");
}

#[test]
fn convert_csv_both_ways() {
    let m = run(
        "ConvertTo-Csv",
        &[("NoTypeInformation", on())],
        vec![obj(&[("Name", s("web")), ("Port", i(443))])],
    );
    assert_eq!(m.strings(), ["\"Name\",\"Port\"", "\"web\",\"443\""]);
    let m = run(
        "ConvertFrom-Csv",
        &[("Delimiter", s(";"))],
        vec![s("Name;Port"), s("web;443")],
    );
    assert_eq!(m.output[0].property("Port").to_ps_string(), "443");
}

#[test]
fn out_file_writes_what_the_host_would_print() {
    let dir = tempfile::tempdir().unwrap();
    let file = path_in(&dir, "o.txt");
    run(
        "Out-File",
        &[("FilePath", s(&file))],
        vec![obj(&[("Role", s("Mcx")), ("Port", i(5086))])],
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "\nRole Port\n---- ----\nMcx  5086\n\n\n"
    );
    run(
        "Out-File",
        &[("FilePath", s(&file)), ("Append", on())],
        vec![s("done")],
    );
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .ends_with("\n\n\ndone\n"));
    let mut m = Mock::new("Out-File");
    let err = run_with(
        &mut m,
        "Out-File",
        &[("FilePath", s(&file)), ("NoClobber", on())],
        vec![s("x")],
    )
    .unwrap_err();
    assert!(err.message.ends_with("already exists."));
}

#[test]
fn content_set_add_get() {
    let dir = tempfile::tempdir().unwrap();
    let file = path_in(&dir, "c.txt");
    run(
        "Set-Content",
        &[
            ("Path", Value::from(vec![file.as_str()])),
            ("Value", Value::from(vec!["one", "two"])),
        ],
        vec![],
    );
    run(
        "Add-Content",
        &[("Path", Value::from(vec![file.as_str()]))],
        vec![s("three")],
    );
    let p = Value::from(vec![file.as_str()]);
    assert_eq!(
        run("Get-Content", &[("Path", p.clone())], vec![]).strings(),
        ["one", "two", "three"]
    );
    assert_eq!(
        run(
            "Get-Content",
            &[("Path", p.clone()), ("TotalCount", i(1))],
            vec![]
        )
        .strings(),
        ["one"]
    );
    assert_eq!(
        run(
            "Get-Content",
            &[("Path", p.clone()), ("Tail", i(2))],
            vec![]
        )
        .strings(),
        ["two", "three"]
    );
    assert_eq!(
        run("Get-Content", &[("Path", p), ("Raw", on())], vec![]).strings(),
        ["one\ntwo\nthree\n"]
    );

    let missing = path_in(&dir, "none.txt");
    let m = run(
        "Get-Content",
        &[("Path", Value::from(vec![missing.as_str()]))],
        vec![],
    );
    assert_eq!(
        m.errors[0].message,
        format!("Cannot find path '{missing}' because it does not exist.")
    );
}

#[test]
fn test_path_by_kind() {
    let dir = tempfile::tempdir().unwrap();
    let file = path_in(&dir, "t.txt");
    std::fs::write(&file, "x").unwrap();
    let d = dir.path().display().to_string();
    let check = |p: &str, kind: Option<&str>| {
        let mut params = vec![("Path", Value::from(vec![p]))];
        if let Some(k) = kind {
            params.push(("PathType", s(k)));
        }
        run("Test-Path", &params, vec![]).strings()
    };
    assert_eq!(check(&file, None), ["True"]);
    assert_eq!(check(&file, Some("Container")), ["False"]);
    assert_eq!(check(&d, Some("Container")), ["True"]);
    assert_eq!(check(&path_in(&dir, "none"), None), ["False"]);
}

#[test]
fn get_date_with_parts_and_format() {
    let t = Value::DateTime(unix_from_civil(2012, 1, 12, 15, 4, 5));
    let m = run(
        "Get-Date",
        &[("Date", t.clone()), ("Format", s("yyyy-MM-dd HH:mm"))],
        vec![],
    );
    assert_eq!(m.strings(), ["2012-01-12 15:04"]);
    let m = run(
        "Get-Date",
        &[("Date", t), ("Year", i(2013)), ("Hour", i(0))],
        vec![],
    );
    assert_eq!(m.strings(), ["1/12/2013 12:04:05 AM"]);
    let m = run("Get-Date", &[("Date", s("2012-01-12"))], vec![]);
    assert_eq!(m.strings(), ["1/12/2012 12:00:00 AM"]);
}

#[test]
fn start_sleep_zero_returns() {
    let m = run("Start-Sleep", &[("Milliseconds", i(0))], vec![]);
    assert!(m.output.is_empty());
}

#[test]
fn write_progress_only_on_an_interactive_host() {
    let m = run(
        "Write-Progress",
        &[("Activity", s("Checking")), ("PercentComplete", i(50))],
        vec![],
    );
    assert!(m.host.is_empty());
    let mut m = Mock::new("Write-Progress");
    m.interactive = true;
    run_with(
        &mut m,
        "Write-Progress",
        &[
            ("Activity", s("Checking")),
            ("Status", s("pool1")),
            ("PercentComplete", i(50)),
        ],
        vec![],
    )
    .unwrap();
    assert!(m
        .host
        .starts_with("\rChecking: pool1 [==========          ] 50%"));
}

#[test]
fn test_path_accepts_wildcards() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.csv"), "x").unwrap();
    let pattern = dir.path().join("*.csv").display().to_string();
    assert_eq!(
        run(
            "Test-Path",
            &[("Path", Value::from(vec![pattern.as_str()]))],
            vec![]
        )
        .strings(),
        ["True"]
    );
    let none = dir.path().join("*.txt").display().to_string();
    assert_eq!(
        run(
            "Test-Path",
            &[("Path", Value::from(vec![none.as_str()]))],
            vec![]
        )
        .strings(),
        ["False"]
    );
}
