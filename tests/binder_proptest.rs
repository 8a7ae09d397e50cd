//! No argument list makes the binder panic: random names, values and shapes bound against
//! every cmdlet of the embedded catalog give bound parameters or a binding error.

use lyncsh::catalog::Catalog;
use lyncsh::engine::binder::{bind, Argument};
use lyncsh::engine::value::{Hashtable, Value};
use lyncsh::lang::Span;
use proptest::prelude::*;

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        any::<f64>().prop_map(Value::Double),
        "[ -~]{0,12}".prop_map(Value::String),
        Just(Value::str("0x1F")),
        Just(Value::str("1kb")),
        Just(Value::NumberText(1024.0, "1kb".into())),
        Just(Value::Hashtable(std::rc::Rc::new(std::cell::RefCell::new(
            Hashtable::default()
        )))),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(Value::Array)
    })
}

fn argument() -> impl Strategy<Value = Argument> {
    let name = prop_oneof![
        "[A-Za-z?]{1,10}",
        Just("Identity".to_string()),
        Just("ErrorAction".to_string()),
        Just("WhatIf".to_string()),
        Just("E".to_string()),
    ];
    prop_oneof![
        name.clone()
            .prop_map(|n| Argument::named(&n, Span::new(0, 1))),
        (name, value()).prop_map(|(n, v)| Argument::named_with(&n, v, Span::new(0, 1))),
        value().prop_map(|v| Argument::positional(v, Span::new(0, 1))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn binding_never_panics(
        which in any::<prop::sample::Index>(),
        args in prop::collection::vec(argument(), 0..6),
        input in prop::option::of(value()),
    ) {
        let catalog = Catalog::embedded();
        let entries = catalog.entries();
        prop_assume!(!entries.is_empty());
        let entry = &entries[which.index(entries.len())];
        let _ = bind(entry, catalog, &args, input.as_ref(), false);
    }
}
