//! Where-Object, Select-Object, Sort-Object, ForEach-Object, Measure-Object, Group-Object,
//! New-Object and Add-Member against a mock shell.

mod builtin_support;

use builtin_support::*;
use lyncsh::engine::value::Value;

fn servers() -> Vec<Value> {
    vec![
        obj(&[
            ("Identity", s("lyncserver.jacobs.local")),
            ("Port", i(5086)),
        ]),
        obj(&[("Identity", s("edge.contoso.com")), ("Port", i(443))]),
        obj(&[("Identity", s("pool.JACOBS.local")), ("Port", i(80))]),
    ]
}

#[test]
fn where_object_simplified_like() {
    let m = run(
        "Where-Object",
        &[
            ("Property", s("Identity")),
            ("Value", s("*jacobs*")),
            ("Like", on()),
        ],
        servers(),
    );
    assert_eq!(
        m.output
            .iter()
            .map(|v| v.property("Identity").to_ps_string())
            .collect::<Vec<_>>(),
        ["lyncserver.jacobs.local", "pool.JACOBS.local"]
    );
}

#[test]
fn where_object_case_sensitive_and_numeric_operators() {
    let m = run(
        "Where-Object",
        &[
            ("Property", s("Identity")),
            ("Value", s("*jacobs*")),
            ("CLike", on()),
        ],
        servers(),
    );
    assert_eq!(m.output.len(), 1);
    let m = run(
        "Where-Object",
        &[("Property", s("Port")), ("Value", s("100")), ("GT", on())],
        servers(),
    );
    assert_eq!(m.output.len(), 2, "the string 100 converts to a number");
    let m = run(
        "Where-Object",
        &[("Property", s("Port")), ("Value", i(443))],
        servers(),
    );
    assert_eq!(m.output.len(), 1, "-Value alone means -EQ");
}

#[test]
fn where_object_property_alone_tests_truthiness() {
    let items = vec![
        obj(&[("Enabled", Value::Bool(true))]),
        obj(&[("Enabled", Value::Bool(false))]),
    ];
    let m = run("Where-Object", &[("Property", s("Enabled"))], items);
    assert_eq!(m.output.len(), 1);
}

#[test]
fn where_object_script_block() {
    let mut m = Mock::new("Where-Object");
    let filter = block(&mut m, "$_ -gt 2", |_, x| {
        vec![Value::Bool(x.and_then(|v| v.as_f64()).unwrap_or(0.0) > 2.0)]
    });
    run_with(
        &mut m,
        "Where-Object",
        &[("FilterScript", filter)],
        vec![i(1), i(2), i(3), i(4)],
    )
    .unwrap();
    assert_eq!(m.printed(), "3\n4\n");
}

#[test]
fn select_object_properties_wildcards_and_calculated() {
    let mut m = Mock::new("Select-Object");
    let plus = block(&mut m, "$_.Port + 1", |_, x| {
        vec![Value::Int(
            x.unwrap().property("Port").as_f64().unwrap() as i64 + 1,
        )]
    });
    let mut calc = lyncsh::engine::value::Hashtable::default();
    calc.insert(s("n"), s("Next"));
    calc.insert(s("e"), plus);
    let calc = Value::Hashtable(std::rc::Rc::new(std::cell::RefCell::new(calc)));
    run_with(
        &mut m,
        "Select-Object",
        &[("Property", Value::Array(vec![s("Id*"), calc, s("Missing")]))],
        servers(),
    )
    .unwrap();
    assert_eq!(
        m.printed(),
        "
Identity                Next Missing
--------                ---- -------
lyncserver.jacobs.local 5087
edge.contoso.com         444
pool.JACOBS.local         81


"
    );
}

#[test]
fn select_object_first_last_skip_unique() {
    let nums: Vec<Value> = [5, 4, 3, 3, 1].iter().map(|n| i(*n)).collect();
    assert_eq!(
        run("Select-Object", &[("First", i(2))], nums.clone()).printed(),
        "5\n4\n"
    );
    assert_eq!(
        run("Select-Object", &[("Last", i(2))], nums.clone()).printed(),
        "3\n1\n"
    );
    assert_eq!(
        run("Select-Object", &[("Skip", i(3))], nums.clone()).printed(),
        "3\n1\n"
    );
    assert_eq!(
        run("Select-Object", &[("Unique", on())], nums).printed(),
        "5\n4\n3\n1\n"
    );
}

#[test]
fn select_object_expand_property_and_missing_property_error() {
    let mut items = servers();
    items.push(s("no port here"));
    let m = run("Select-Object", &[("ExpandProperty", s("Port"))], items);
    assert_eq!(m.printed(), "5086\n443\n80\n");
    assert_eq!(m.errors.len(), 1);
    assert_eq!(m.errors[0].message, "Property \"Port\" cannot be found.");
    assert_eq!(m.errors[0].error_id, "ExpandPropertyNotFound");
}

#[test]
fn sort_object_numbers_strings_and_descending() {
    let m = run("Sort-Object", &[], vec![i(3), i(10), i(2)]);
    assert_eq!(m.printed(), "2\n3\n10\n");
    let m = run(
        "Sort-Object",
        &[("Unique", on())],
        vec![s("b"), s("a"), s("B")],
    );
    assert_eq!(m.printed(), "a\nb\n");
    let m = run(
        "Sort-Object",
        &[("Property", s("Port")), ("Descending", on())],
        servers(),
    );
    let ports: Vec<String> = m
        .output
        .iter()
        .map(|v| v.property("Port").to_ps_string())
        .collect();
    assert_eq!(ports, ["5086", "443", "80"]);
    let m = run("Sort-Object", &[("Property", s("Identity"))], servers());
    assert_eq!(
        m.output[0].property("Identity").to_ps_string(),
        "edge.contoso.com"
    );
}

#[test]
fn sort_object_is_stable() {
    let a = obj(&[("K", i(1)), ("N", s("first"))]);
    let b = obj(&[("K", i(0)), ("N", s("zero"))]);
    let c = obj(&[("K", i(1)), ("N", s("second"))]);
    let m = run("Sort-Object", &[("Property", s("K"))], vec![a, b, c]);
    let names: Vec<String> = m
        .output
        .iter()
        .map(|v| v.property("N").to_ps_string())
        .collect();
    assert_eq!(names, ["zero", "first", "second"]);
}

#[test]
fn foreach_object_begin_process_end_and_member_name() {
    let mut m = Mock::new("ForEach-Object");
    let begin = block(&mut m, "'start'", |_, _| vec![s("start")]);
    let process = block(&mut m, "$_ * 2", |_, x| {
        vec![Value::Int(x.unwrap().as_f64().unwrap() as i64 * 2)]
    });
    let end = block(&mut m, "'end'", |_, _| vec![s("end")]);
    run_with(
        &mut m,
        "ForEach-Object",
        &[("Begin", begin), ("Process", process), ("End", end)],
        vec![i(1), i(2)],
    )
    .unwrap();
    assert_eq!(m.printed(), "start\n2\n4\nend\n");

    let m = run(
        "ForEach-Object",
        &[("MemberName", s("Identity"))],
        servers(),
    );
    assert_eq!(
        m.printed(),
        "lyncserver.jacobs.local\nedge.contoso.com\npool.JACOBS.local\n"
    );
}

#[test]
fn measure_object_prints_generic_measure_info_as_a_list() {
    let m = run(
        "Measure-Object",
        &[
            ("Sum", on()),
            ("Average", on()),
            ("Maximum", on()),
            ("Minimum", on()),
        ],
        vec![i(1), i(2), i(3), i(4)],
    );
    assert_eq!(
        m.printed(),
        "\n\nCount    : 4\nAverage  : 2.5\nSum      : 10\nMaximum  : 4\nMinimum  : 1\nProperty :\n\n\n"
    );
    let m = run(
        "Measure-Object",
        &[("Property", s("Port")), ("Sum", on())],
        servers(),
    );
    assert_eq!(m.output[0].property("Sum").to_ps_string(), "5609");
    assert_eq!(m.output[0].property("Property").to_ps_string(), "Port");
    assert!(m.output[0].property("Average").is_null());
}

#[test]
fn measure_object_rejects_non_numbers() {
    let mut m = Mock::new("Measure-Object");
    let err = run_with(&mut m, "Measure-Object", &[("Sum", on())], vec![s("abc")]).unwrap_err();
    assert_eq!(err.message, "Input object \"abc\" is not numeric.");
}

#[test]
fn measure_object_counts_text() {
    let m = run(
        "Measure-Object",
        &[("Line", on()), ("Word", on()), ("Character", on())],
        vec![s("one two\nthree")],
    );
    let o = &m.output[0];
    assert_eq!(o.property("Lines").to_ps_string(), "2");
    assert_eq!(o.property("Words").to_ps_string(), "3");
    assert_eq!(o.property("Characters").to_ps_string(), "13");
}

#[test]
fn group_object_table_and_no_element() {
    let m = run("Group-Object", &[], vec![s("a"), s("b"), s("A")]);
    assert_eq!(
        m.printed(),
        "\nCount Name Group\n----- ---- -----\n    2 a    {a, A}\n    1 b    {b}\n\n\n"
    );
    let m = run(
        "Group-Object",
        &[("NoElement", on())],
        vec![s("a"), s("b"), s("a")],
    );
    assert_eq!(
        m.printed(),
        "\nCount Name\n----- ----\n    2 a\n    1 b\n\n\n"
    );
}

#[test]
fn group_object_as_hashtable() {
    let m = run(
        "Group-Object",
        &[("Property", s("Port")), ("AsHashTable", on())],
        servers(),
    );
    let Value::Hashtable(h) = &m.output[0] else {
        panic!("not a hashtable")
    };
    assert_eq!(h.borrow().len(), 3);
    assert_eq!(
        h.borrow()
            .get(&i(443))
            .unwrap()
            .property("Identity")
            .to_ps_string(),
        "edge.contoso.com"
    );
}

#[test]
fn new_object_psobject_with_properties() {
    let mut props = lyncsh::engine::value::Hashtable::default();
    props.insert(s("Name"), s("web"));
    props.insert(s("Port"), i(443));
    let props = Value::Hashtable(std::rc::Rc::new(std::cell::RefCell::new(props)));
    let m = run(
        "New-Object",
        &[("TypeName", s("PSObject")), ("Property", props)],
        vec![],
    );
    assert_eq!(m.printed(), "\nName Port\n---- ----\nweb   443\n\n\n");

    let mut m = Mock::new("New-Object");
    let err = run_with(&mut m, "New-Object", &[("TypeName", s("Foo.Bar"))], vec![]).unwrap_err();
    assert_eq!(
        err.message,
        "Cannot find type [Foo.Bar]: verify that the assembly containing this type is loaded."
    );
}

#[test]
fn add_member_adds_note_properties_and_refuses_duplicates() {
    let o = obj(&[("Name", s("web"))]);
    let m = run(
        "Add-Member",
        &[
            ("MemberType", s("NoteProperty")),
            ("Name", s("Port")),
            ("Value", i(443)),
            ("PassThru", on()),
        ],
        vec![o.clone()],
    );
    assert_eq!(m.output.len(), 1);
    assert_eq!(
        o.property("Port").to_ps_string(),
        "443",
        "the object itself changed"
    );

    let mut m = Mock::new("Add-Member");
    let err = run_with(
        &mut m,
        "Add-Member",
        &[("NotePropertyName", s("Port")), ("NotePropertyValue", i(1))],
        vec![o.clone()],
    )
    .unwrap_err();
    assert!(err
        .message
        .starts_with("Cannot add a member with the name \"Port\""));
    run_with(
        &mut m,
        "Add-Member",
        &[
            ("NotePropertyName", s("Port")),
            ("NotePropertyValue", i(1)),
            ("Force", on()),
        ],
        vec![o.clone()],
    )
    .unwrap();
    assert_eq!(o.property("Port").to_ps_string(), "1");
}

#[test]
fn select_object_index_and_skip_last() {
    let nums: Vec<Value> = [5, 4, 3, 2, 1].iter().map(|n| i(*n)).collect();
    assert_eq!(
        run(
            "Select-Object",
            &[("Index", Value::from(vec![i(0), i(2)]))],
            nums.clone()
        )
        .printed(),
        "5\n3\n"
    );
    assert_eq!(
        run("Select-Object", &[("SkipLast", i(3))], nums).printed(),
        "5\n4\n"
    );
}

#[test]
fn measure_object_reports_a_property_no_object_has() {
    let m = run(
        "Measure-Object",
        &[("Property", s("Nope")), ("Sum", on())],
        servers(),
    );
    assert!(m.output.is_empty());
    assert_eq!(
        m.errors[0].message,
        "The property \"Nope\" cannot be found in the input for any objects."
    );
}
