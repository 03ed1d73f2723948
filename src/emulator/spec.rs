//! Checks a Bot API request against the vendored machine-readable spec (`spec/api.json`, see
//! `spec/README.md`): the method exists, required parameters are present, no unknown
//! parameter is sent, and every value has one of the documented types, recursively.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
struct Field {
    name: String,
    types: Vec<String>,
    required: bool,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(default)]
    subtypes: Vec<String>,
}

#[derive(Deserialize)]
struct Spec {
    methods: HashMap<String, Item>,
    types: HashMap<String, Item>,
}

fn spec() -> Option<&'static Spec> {
    static SPEC: OnceLock<Option<Spec>> = OnceLock::new();
    SPEC.get_or_init(|| serde_json::from_str(include_str!("spec/api.json")).ok()).as_ref()
}

/// How values arrived: multipart fields are strings that may hold JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Json,
    Multipart,
}

/// The spec's spelling of a method name: Telegram matches method names case-insensitively
/// (teloxide sends `GetMe`, the docs say `getMe`).
pub fn canonical_method(method: &str) -> Option<&'static str> {
    spec()?.methods.keys().find(|name| name.eq_ignore_ascii_case(method)).map(String::as_str)
}

/// Validates `params` for `method`; the error reads like Telegram's "Bad Request: …".
pub fn check(method: &str, params: &Map<String, Value>, enc: Encoding) -> Result<(), String> {
    let spec = spec().ok_or_else(|| "the vendored Bot API spec does not parse".to_owned())?;
    let item = spec
        .methods
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(method))
        .map(|(_, item)| item)
        .ok_or_else(|| format!("method {method} is not in the Bot API"))?;
    check_fields(spec, &item.fields, params, enc).map_err(|e| format!("{method}: {e}"))
}

fn check_fields(spec: &Spec, fields: &[Field], obj: &Map<String, Value>, enc: Encoding) -> Result<(), String> {
    for f in fields {
        if f.required && !obj.contains_key(&f.name) {
            return Err(format!("parameter {} is required", f.name));
        }
    }
    for (key, value) in obj {
        let field = fields.iter().find(|f| &f.name == key).ok_or_else(|| format!("unknown parameter {key}"))?;
        if !field.types.iter().any(|t| matches_type(spec, t, value, enc)) {
            return Err(format!("parameter {key} is not {}", field.types.join(" or ")));
        }
    }
    Ok(())
}

fn matches_type(spec: &Spec, ty: &str, value: &Value, enc: Encoding) -> bool {
    if let Some(inner) = ty.strip_prefix("Array of ") {
        let parsed;
        let value = match (enc, value) {
            (Encoding::Multipart, Value::String(s)) => match serde_json::from_str::<Value>(s) {
                Ok(v) => {
                    parsed = v;
                    &parsed
                }
                Err(_) => return false,
            },
            _ => value,
        };
        return value
            .as_array()
            .is_some_and(|items| items.iter().all(|v| matches_type(spec, inner, v, Encoding::Json)));
    }
    match (ty, value) {
        ("Integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
        ("Integer", Value::String(s)) if enc == Encoding::Multipart => s.parse::<i64>().is_ok(),
        ("Float", Value::Number(_)) => true,
        ("Float", Value::String(s)) if enc == Encoding::Multipart => s.parse::<f64>().is_ok(),
        ("String", Value::String(_)) => true,
        ("Boolean", Value::Bool(_)) => true,
        ("Boolean", Value::String(s)) if enc == Encoding::Multipart => s == "true" || s == "false",
        ("True", Value::Bool(true)) => true,
        // A file part, or a file_id / URL / attach:// reference.
        ("InputFile", Value::String(_)) => true,
        (name, value) => match spec.types.get(name) {
            Some(item) if !item.subtypes.is_empty() => item.subtypes.iter().any(|s| matches_type(spec, s, value, enc)),
            Some(item) => {
                let parsed;
                let obj = match (enc, value) {
                    (Encoding::Multipart, Value::String(s)) => match serde_json::from_str::<Value>(s) {
                        Ok(v) => {
                            parsed = v;
                            parsed.as_object()
                        }
                        Err(_) => None,
                    },
                    (_, v) => v.as_object(),
                };
                obj.is_some_and(|o| check_fields(spec, &item.fields, o, Encoding::Json).is_ok())
            }
            None => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn a_well_formed_send_message_passes() {
        let p = obj(json!({"chat_id": 1, "text": "hi", "parse_mode": "HTML",
            "reply_markup": {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}}));
        assert_eq!(check("sendMessage", &p, Encoding::Json), Ok(()));
    }

    #[test]
    fn missing_unknown_and_mistyped_parameters_fail() {
        assert!(check("sendMessage", &obj(json!({"chat_id": 1})), Encoding::Json).is_err());
        assert!(
            check("sendMessage", &obj(json!({"chat_id": 1, "text": "x", "colour": "red"})), Encoding::Json).is_err()
        );
        assert!(check("sendMessage", &obj(json!({"chat_id": true, "text": "x"})), Encoding::Json).is_err());
        let bad_button =
            obj(json!({"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"label": "A"}]]}}));
        assert!(check("sendMessage", &bad_button, Encoding::Json).is_err());
        assert!(check("sendTelepathy", &Map::new(), Encoding::Json).is_err());
    }

    #[test]
    fn command_scopes_are_checked_against_their_subtypes() {
        let p = obj(json!({"commands": [{"command": "start", "description": "Start"}],
            "scope": {"type": "chat", "chat_id": 5}, "language_code": "vi"}));
        assert_eq!(check("setMyCommands", &p, Encoding::Json), Ok(()));
    }
}
