//! Locale parity: the same files and message ids in every locale, the same variables in each
//! translation, and no message the code cannot render (or text the code never uses).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use sxsh_bot::i18n::Msg;

/// id → variables used, for every message in one locale.
fn load(locale: &str) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(locale);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("locale folder") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("readable .ftl");
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
        let mut messages = BTreeMap::new();
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(messages.insert(m.id.name.to_owned(), vars).is_none(), "{} defined twice", m.id.name);
            }
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        files.insert(name, messages);
    }
    files
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_locale_has_the_same_files_ids_and_variables() {
    let vi = load("vi");
    let en = load("en");
    assert!(!vi.is_empty());
    assert_eq!(vi.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>(), "same .ftl files");
    for (file, vi_msgs) in &vi {
        let en_msgs = &en[file];
        let vi_ids: BTreeSet<_> = vi_msgs.keys().collect();
        let en_ids: BTreeSet<_> = en_msgs.keys().collect();
        assert_eq!(vi_ids.difference(&en_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "missing in en/{file}");
        assert_eq!(en_ids.difference(&vi_ids).collect::<Vec<_>>(), Vec::<&&String>::new(), "missing in vi/{file}");
        for (id, vars) in vi_msgs {
            assert_eq!(vars, &en_msgs[id], "{id} uses different variables in vi and en");
        }
    }
}

#[test]
fn every_message_id_is_rendered_by_the_code_with_the_arguments_it_needs() {
    let vi = load("vi");
    let defined: BTreeMap<String, BTreeSet<String>> = vi.into_values().flatten().collect();
    let used: BTreeMap<&str, BTreeSet<String>> =
        Msg::examples().iter().map(|m| (m.id(), m.args().into_iter().map(|(n, _)| n.to_owned()).collect())).collect();
    for (id, args) in &used {
        let vars = defined.get(*id).unwrap_or_else(|| panic!("{id} is rendered by the code but not in the locales"));
        assert!(vars.is_subset(args), "{id} uses {vars:?} but the code gives {args:?}");
    }
    for id in defined.keys() {
        assert!(used.contains_key(id.as_str()), "{id} is in the locales but the code never renders it");
    }
}
