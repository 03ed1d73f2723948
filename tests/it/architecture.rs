//! The crate's layering, read from its sources: imports point one way
//! (`bot → {telegram, worker, services}`, `worker → {telegram, services}`,
//! `services → {domain, db}`, `db → domain`), and the outbound lane is the only code that
//! makes a request which sends or changes something in a chat.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("a source folder").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every Rust file under `src/<module>` (or `src/<module>.rs`), with its text.
fn module(name: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let dir = root.join(name);
    if dir.is_dir() {
        sources(&dir, &mut files);
    }
    let file = root.join(format!("{name}.rs"));
    if file.is_file() {
        files.push(file);
    }
    assert!(!files.is_empty(), "no sources for {name}");
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable source");
            (p.strip_prefix(&root).unwrap_or(&p).display().to_string(), text)
        })
        .collect()
}

/// Lines of `text` that name `crate::<target>` or `super::…::<target>` outside comments.
fn naming<'a>(text: &'a str, target: &str) -> Vec<&'a str> {
    let needle = format!("crate::{target}");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| {
            l.match_indices(&needle).any(|(i, _)| {
                let next = l[i + needle.len()..].chars().next();
                !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
        .collect()
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let rules: &[(&str, &[&str])] = &[
        ("domain", &["db", "services", "bot", "worker", "telegram", "i18n", "metrics", "startup", "cli", "emulator"]),
        ("db", &["services", "bot", "worker", "telegram", "i18n", "metrics", "startup", "cli"]),
        ("services", &["bot", "worker", "telegram", "metrics", "startup", "cli"]),
        ("telegram", &["bot", "worker", "services", "db", "startup", "cli"]),
        ("worker", &["bot", "startup", "cli"]),
        ("metrics", &["bot", "worker", "telegram", "startup", "cli"]),
        ("i18n", &["bot", "worker", "telegram", "services", "db", "metrics", "startup", "cli"]),
        ("emulator", &["bot", "worker", "telegram", "services", "startup", "cli"]),
    ];
    let mut wrong = Vec::new();
    for (layer, above) in rules {
        for (file, text) in module(layer) {
            for target in *above {
                for line in naming(&text, target) {
                    wrong.push(format!("{file} names crate::{target}: {}", line.trim()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports that run upward:\n{}", wrong.join("\n"));
}

#[test]
fn only_the_outbound_lane_sends_or_changes_messages() {
    const SENDING: [&str; 9] = [
        ".send_message(",
        ".send_photo(",
        ".send_document(",
        ".edit_message_text(",
        ".edit_message_reply_markup(",
        ".edit_message_caption(",
        ".answer_callback_query(",
        ".delete_message(",
        ".copy_message(",
    ];
    let mut wrong = Vec::new();
    for layer in ["bot", "worker", "services", "startup", "chat", "cli"] {
        for (file, text) in module(layer) {
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                if SENDING.iter().any(|s| line.contains(s)) {
                    wrong.push(format!("{file}: {}", line.trim()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "requests made outside src/telegram:\n{}", wrong.join("\n"));
}

#[test]
fn no_handler_takes_too_many_arguments() {
    let mut allowed = Vec::new();
    for layer in ["bot", "worker", "services", "db", "domain", "telegram"] {
        for (file, text) in module(layer) {
            if text.contains("too_many_arguments") {
                allowed.push(file);
            }
        }
    }
    assert!(allowed.is_empty(), "too_many_arguments allowed in {allowed:?}");
}

/// Error variants that wrap another error and print it as their own message (`"{0}"`) next
/// to `#[from]`: the cause would appear twice in a logged chain; `transparent` says it once.
fn wrappers_printing_their_cause(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| w[0] == r#"#[error("{0}")]"# && w[1].contains("(#[from]"))
        .map(|w| w[1].to_owned())
        .collect()
}

#[test]
fn an_error_wrapping_another_is_transparent() {
    let mut wrong = Vec::new();
    for layer in ["bot", "worker", "services", "db", "domain", "telegram", "i18n"] {
        for (file, text) in module(layer) {
            wrong.extend(wrappers_printing_their_cause(&text).into_iter().map(|v| format!("{file}: {v}")));
        }
    }
    assert!(wrong.is_empty(), "errors printing the error they wrap:\n{}", wrong.join("\n"));
    let sample = "    #[error(\"{0}\")]\n    Service(#[from] ServiceError),\n    #[error(transparent)]\n    Db(#[from] sqlx::Error),";
    assert_eq!(wrappers_printing_their_cause(sample), vec!["Service(#[from] ServiceError),"]);
}

#[test]
fn the_layering_check_sees_an_upward_import() {
    assert_eq!(naming("use crate::bot::keyboards;", "bot"), vec!["use crate::bot::keyboards;"]);
    assert!(naming("use crate::botany;", "bot").is_empty());
    assert!(naming("// crate::bot in a comment", "bot").is_empty());
}
