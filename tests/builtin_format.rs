//! Format-Table, Format-List, Out-String, ConvertTo-Json and ConvertFrom-Json.

mod builtin_support;

use builtin_support::*;
use lyncsh::engine::value::Value;

fn roles() -> Vec<Value> {
    vec![
        obj(&[
            ("Role", s("WebServer")),
            ("Port", i(443)),
            ("Fqdn", s("lyncserver.jacobs.local")),
        ]),
        obj(&[
            ("Role", s("Mcx")),
            ("Port", i(5086)),
            ("Fqdn", s("lyncserver.jacobs.local")),
        ]),
    ]
}

#[test]
fn format_table_prints_exactly_its_rendered_text() {
    let m = run(
        "Format-Table",
        &[("Property", Value::Array(vec![s("Role"), s("Port")]))],
        roles(),
    );
    assert_eq!(m.output.len(), 1, "one string holds the table");
    assert_eq!(
        m.printed(),
        "\nRole      Port\n----      ----\nWebServer  443\nMcx       5086\n\n\n"
    );
}

#[test]
fn format_table_without_properties_uses_all_of_the_first_objects() {
    let wide = obj(&[
        ("A", i(1)),
        ("B", i(2)),
        ("C", i(3)),
        ("D", i(4)),
        ("E", s("five")),
    ]);
    let m = run("Format-Table", &[], vec![wide]);
    assert_eq!(m.printed(), "\nA B C D E\n- - - - -\n1 2 3 4 five\n\n\n");
}

#[test]
fn format_table_hide_headers() {
    let m = run(
        "Format-Table",
        &[("Property", s("Role")), ("HideTableHeaders", on())],
        roles(),
    );
    assert_eq!(m.printed(), "\nWebServer\nMcx\n\n\n");
}

#[test]
fn format_list_star_and_selected_properties() {
    let m = run("Format-List", &[("Property", s("*"))], roles());
    assert_eq!(
        m.printed(),
        "\n\nRole : WebServer\nPort : 443\nFqdn : lyncserver.jacobs.local\n\nRole : Mcx\nPort : 5086\nFqdn : lyncserver.jacobs.local\n\n\n"
    );
    let m = run("Format-List", &[("Property", s("Port"))], roles());
    assert_eq!(m.printed(), "\n\nPort : 443\n\nPort : 5086\n\n\n");
}

#[test]
fn out_string_one_string_or_a_stream_of_lines() {
    let m = run("Out-String", &[], vec![i(1), i(2)]);
    assert_eq!(m.strings(), ["1\n2\n"]);
    let m = run("Out-String", &[("Stream", on())], vec![obj(&[("A", i(1))])]);
    assert_eq!(m.strings(), ["", "A", "-", "1", "", ""]);
}

#[test]
fn out_string_width_truncates_tables() {
    let long = obj(&[("Name", s(&"x".repeat(40)))]);
    let m = run("Out-String", &[("Width", i(10))], vec![long]);
    assert_eq!(m.strings(), ["\nName\n----\nxxxxxxx...\n\n\n"]);
}

#[test]
fn convert_to_json_windows_powershell_layout() {
    let o = obj(&[
        ("Name", s("LyncOnline")),
        ("Enabled", Value::Bool(true)),
        ("Ports", Value::Array(vec![i(5086), i(5087)])),
    ]);
    let m = run("ConvertTo-Json", &[], vec![o.clone()]);
    assert_eq!(
        m.strings(),
        ["{\n    \"Name\":  \"LyncOnline\",\n    \"Enabled\":  true,\n    \"Ports\":  [\n                  5086,\n                  5087\n              ]\n}"]
    );
    let m = run("ConvertTo-Json", &[("Compress", on())], vec![o]);
    assert_eq!(
        m.strings(),
        ["{\"Name\":\"LyncOnline\",\"Enabled\":true,\"Ports\":[5086,5087]}"]
    );
}

#[test]
fn convert_to_json_several_objects_make_an_array() {
    let m = run("ConvertTo-Json", &[("Compress", on())], vec![i(1), s("a")]);
    assert_eq!(m.strings(), ["[1,\"a\"]"]);
    let m = run(
        "ConvertTo-Json",
        &[],
        vec![obj(&[("a", i(1))]), obj(&[("a", i(2))])],
    );
    assert_eq!(
        m.strings(),
        ["[\n    {\n        \"a\":  1\n    },\n    {\n        \"a\":  2\n    }\n]"]
    );
}

#[test]
fn convert_to_json_depth_limits_nesting() {
    let deep = obj(&[("c", obj(&[("d", i(1))]))]);
    let top = obj(&[("a", obj(&[("b", deep)]))]);
    let m = run("ConvertTo-Json", &[("Compress", on())], vec![top.clone()]);
    assert_eq!(m.strings(), ["{\"a\":{\"b\":{\"c\":\"@{d=1}\"}}}"]);
    let m = run(
        "ConvertTo-Json",
        &[("Compress", on()), ("Depth", i(5))],
        vec![top],
    );
    assert_eq!(m.strings(), ["{\"a\":{\"b\":{\"c\":{\"d\":1}}}}"]);
}

#[test]
fn convert_from_json_builds_custom_objects() {
    let m = run(
        "ConvertFrom-Json",
        &[],
        vec![s(
            "{ \"Name\": \"LyncOnline\", \"Port\": 443, \"Tags\": [1, 2] }",
        )],
    );
    let o = &m.output[0];
    assert_eq!(o.property("Port").to_ps_string(), "443");
    assert_eq!(o.property("Tags").to_display_string(), "{1, 2}");
    let mut m = Mock::new("ConvertFrom-Json");
    let err = run_with(&mut m, "ConvertFrom-Json", &[], vec![s("nope")]).unwrap_err();
    assert_eq!(err.message, "Invalid JSON primitive: nope.");
}

#[test]
fn format_list_shows_hashtable_entries_as_name_and_value() {
    let mut h = lyncsh::engine::value::Hashtable::default();
    h.insert(s("Add"), s("push.lync.com"));
    let h = Value::Hashtable(std::rc::Rc::new(std::cell::RefCell::new(h)));
    let m = run("Format-List", &[], vec![h]);
    assert_eq!(m.printed(), "\n\nName  : Add\nValue : push.lync.com\n\n\n");
}
