//! The HTTP side of the emulator: `POST /bot<token>/<method>` with a JSON or multipart body,
//! answered with Telegram's `{"ok": …}` envelope. It also applies the injected latency and
//! failures and, for sends, the blocked chats and the sending limits.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Request, State as AxState};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Map, Value};

use super::limits::retry_after_secs;
use super::spec::{self, Encoding};
use super::{bot_user, html, now, Outgoing, Rejection, Shared, StoredMessage};

const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;
const MAX_CALLBACK_DATA: usize = 64;
const MAX_POLL_SECONDS: i64 = 50;
/// The methods Telegram's sending limits govern, and the ones `fail_next` and blocked chats
/// affect.
const SENDING: [&str; 3] = ["sendMessage", "sendPhoto", "sendDocument"];

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().route("/{token}/{method}", post(api).get(api)).with_state(shared)
}

struct Params {
    map: Map<String, Value>,
    encoding: Encoding,
    /// Multipart file parts: field name → file name.
    files: Map<String, Value>,
    /// Multipart file parts: field name → the bytes uploaded.
    contents: HashMap<String, Bytes>,
}

fn ok(result: Value) -> Response {
    (StatusCode::OK, axum::Json(json!({"ok": true, "result": result}))).into_response()
}

fn fail(code: u16, description: &str) -> Response {
    fail_with(code, description, None)
}

fn fail_with(code: u16, description: &str, retry_after: Option<u64>) -> Response {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::BAD_REQUEST);
    let mut body = json!({"ok": false, "error_code": code, "description": description});
    if let Some(n) = retry_after {
        body["parameters"] = json!({ "retry_after": n });
    }
    (status, axum::Json(body)).into_response()
}

/// Why a send was refused: Telegram's status, its description and, for 429, `retry_after`.
struct Refusal {
    code: u16,
    description: String,
    retry_after: Option<u64>,
}

impl From<String> for Refusal {
    fn from(description: String) -> Self {
        Refusal { code: 400, description, retry_after: None }
    }
}

impl From<&str> for Refusal {
    fn from(description: &str) -> Self {
        description.to_owned().into()
    }
}

async fn read_params(req: Request) -> Result<Params, String> {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        let mut multipart = Multipart::from_request(req, &()).await.map_err(|e| e.to_string())?;
        let mut map = Map::new();
        let mut files = Map::new();
        let mut contents = HashMap::new();
        while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let data = field.bytes().await.map_err(|e| e.to_string())?;
            match file_name {
                Some(f) => {
                    // A file part is either the parameter itself or an `attach://name` target.
                    files.insert(name.clone(), json!({"file_name": f, "size": data.len()}));
                    contents.insert(name, data);
                }
                None => {
                    map.insert(name, Value::String(String::from_utf8_lossy(&data).into_owned()));
                }
            }
        }
        for name in files.keys() {
            if !map.values().any(|v| v.as_str() == Some(&format!("attach://{name}"))) {
                map.insert(name.clone(), json!(format!("attach://{name}")));
            }
        }
        Ok(Params { map, encoding: Encoding::Multipart, files, contents })
    } else {
        let body: Bytes = Bytes::from_request(req, &()).await.map_err(|e| e.to_string())?;
        let map = if body.iter().all(u8::is_ascii_whitespace) {
            Map::new()
        } else {
            match serde_json::from_slice::<Value>(&body) {
                Ok(Value::Object(m)) => m,
                _ => return Err("the request body is not a JSON object".into()),
            }
        };
        Ok(Params { map, encoding: Encoding::Json, files: Map::new(), contents: HashMap::new() })
    }
}

async fn api(
    AxState(shared): AxState<Arc<Shared>>,
    Path((token, method)): Path<(String, String)>,
    req: Request,
) -> Response {
    let latency = shared.lock().faults.latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if !token.starts_with("bot") || !token.contains(':') {
        return fail(401, "Unauthorized");
    }
    let Some(method) = spec::canonical_method(&method) else {
        return fail(404, "Not Found");
    };
    let method = method.to_owned();
    let params = match read_params(req).await {
        Ok(p) => p,
        Err(e) => return reject(&shared, &method, &format!("Bad Request: {e}")),
    };
    if let Err(e) = spec::check(&method, &params.map, params.encoding) {
        return reject(&shared, &method, &format!("Bad Request: {e}"));
    }
    if SENDING.contains(&method.as_str()) {
        if let Some(seconds) = injected_limit(&shared) {
            return fail_with(429, &format!("Too Many Requests: retry after {seconds}"), Some(seconds));
        }
        if let Some(status) = injected_failure(&shared) {
            let reason = StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason());
            return fail(status, reason.unwrap_or("Server Error"));
        }
    }
    let result = match method.as_str() {
        "getMe" => Ok(json!(bot_me())),
        "getUpdates" if shared.lock().webhook.is_some() => {
            return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }
        "getUpdates" => return get_updates(&shared, &params.map).await,
        "setWebhook" => set_webhook(&shared, &params.map),
        "deleteWebhook" => {
            let mut s = shared.lock();
            s.webhook = None;
            if params.map.get("drop_pending_updates").and_then(Value::as_bool) == Some(true) {
                s.pending.clear();
            }
            Ok(json!(true))
        }
        "getWebhookInfo" => {
            let s = shared.lock();
            let url = s.webhook.as_ref().map(|w| w.url.clone()).unwrap_or_default();
            Ok(json!({"url": url, "has_custom_certificate": false, "pending_update_count": s.pending.len()}))
        }
        "setMyCommands" => set_my_commands(&shared, &params.map),
        "sendMessage" => return answer(&shared, &method, send_message(&shared, &params)),
        "sendDocument" | "sendPhoto" => return answer(&shared, &method, send_file(&shared, &method, &params)),
        "editMessageText" => edit_message(&shared, &params.map, true),
        "editMessageReplyMarkup" => edit_message(&shared, &params.map, false),
        "deleteMessage" => delete_message(&shared, &params.map),
        "answerCallbackQuery" => answer_callback(&shared, &params.map),
        other => Err(format!("Bad Request: method {other} is not emulated")),
    };
    match result {
        Ok(v) => ok(v),
        Err(description) => reject(&shared, &method, &description),
    }
}

/// A 400 is the bot's mistake and is recorded as a rejection; a 403 or 429 is Telegram's
/// state (a blocked chat, a limit), which the bot must handle, so it is not.
fn answer(shared: &Shared, method: &str, result: Result<Value, Refusal>) -> Response {
    match result {
        Ok(v) => ok(v),
        Err(r) if r.code == 400 => reject(shared, method, &r.description),
        Err(r) => {
            tracing::debug!(method, description = r.description, "emulator refused a send");
            fail_with(r.code, &r.description, r.retry_after)
        }
    }
}

/// Takes one of the 429s `rate_limit_next` asked for, if any are left, and starts its flood
/// wait. A send during a flood wait that limits do not refuse is still counted.
fn injected_limit(shared: &Shared) -> Option<u64> {
    let mut guard = shared.lock();
    let s = &mut *guard;
    let now = tokio::time::Instant::now();
    if s.limits.is_none() && s.limiter.flooding(now) {
        s.sends.during_flood_wait += 1;
    }
    let (left, seconds) = &mut s.faults.limit_next;
    if *left == 0 {
        return None;
    }
    *left -= 1;
    let seconds = *seconds;
    s.sends.too_many_requests += 1;
    s.limiter.flood(now + Duration::from_secs(seconds));
    Some(seconds)
}

/// Takes one of the failures `fail_next` asked for, if any are left.
fn injected_failure(shared: &Shared) -> Option<u16> {
    let mut s = shared.lock();
    let (left, status) = &mut s.faults.fail_next;
    if *left == 0 {
        return None;
    }
    *left -= 1;
    Some(*status)
}

fn check_not_blocked(shared: &Shared, chat_id: i64) -> Result<(), Refusal> {
    if shared.lock().faults.blocked.contains(&chat_id) {
        return Err(Refusal {
            code: 403,
            description: "Forbidden: bot was blocked by the user".into(),
            retry_after: None,
        });
    }
    Ok(())
}

/// Counts a send that passed every other check against the sending limits, or refuses it
/// with 429. The instant is read under the lock so the windows stay in arrival order.
fn admit(shared: &Shared, chat_id: i64, p: &Map<String, Value>) -> Result<(), Refusal> {
    let paid = flag(p, "allow_paid_broadcast");
    let mut guard = shared.lock();
    let s = &mut *guard;
    let now = tokio::time::Instant::now();
    match s.limiter.admit(s.limits.as_ref(), now, chat_id, paid) {
        Ok(()) => {
            s.sends.push(chat_id, now);
            Ok(())
        }
        Err((wait, flooding)) => {
            s.sends.too_many_requests += 1;
            if flooding {
                s.sends.during_flood_wait += 1;
            }
            let n = retry_after_secs(wait);
            Err(Refusal { code: 429, description: format!("Too Many Requests: retry after {n}"), retry_after: Some(n) })
        }
    }
}

fn reject(shared: &Shared, method: &str, description: &str) -> Response {
    tracing::debug!(method, description, "emulator refused a request");
    shared.lock().rejections.push(Rejection { method: method.to_owned(), description: description.to_owned() });
    fail(400, description)
}

fn bot_me() -> Value {
    let mut me = bot_user();
    me["can_join_groups"] = json!(true);
    me["can_read_all_group_messages"] = json!(false);
    me["supports_inline_queries"] = json!(false);
    me["can_connect_to_business"] = json!(false);
    me["has_main_web_app"] = json!(false);
    me
}

fn int(map: &Map<String, Value>, key: &str) -> Option<i64> {
    match map.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// A Boolean parameter: JSON `true`, or the string `"true"` in a multipart body.
fn flag(map: &Map<String, Value>, key: &str) -> bool {
    match map.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true",
        _ => false,
    }
}

fn text<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    map.get(key).and_then(Value::as_str)
}

/// A JSON value that may arrive as a JSON string (multipart).
fn object(map: &Map<String, Value>, key: &str) -> Option<Value> {
    match map.get(key)? {
        Value::String(s) => serde_json::from_str(s).ok(),
        v => Some(v.clone()),
    }
}

/// Telegram's checks: an http(s) URL (Telegram itself wants https on ports 443, 80, 88 or
/// 8443; a loopback test server cannot have a certificate) and a well-formed secret.
fn set_webhook(shared: &Shared, p: &Map<String, Value>) -> Result<Value, String> {
    let url = text(p, "url").unwrap_or_default().to_owned();
    let secret = text(p, "secret_token").map(str::to_owned);
    if secret.as_deref().is_some_and(|s| !crate::config::is_webhook_secret(s)) {
        return Err("Bad Request: secret token contains unallowed characters".into());
    }
    let mut s = shared.lock();
    if url.is_empty() {
        s.webhook = None;
    } else if url.starts_with("https://") || url.starts_with("http://") {
        s.webhook = Some(super::WebhookTarget { url, secret });
    } else {
        return Err("Bad Request: bad webhook: An HTTPS URL must be provided for webhook".into());
    }
    drop(s);
    shared.updates_added.notify_waiters();
    Ok(json!(true))
}

async fn get_updates(shared: &Shared, p: &Map<String, Value>) -> Response {
    let offset = int(p, "offset");
    let limit = int(p, "limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = int(p, "timeout").unwrap_or(0).clamp(0, MAX_POLL_SECONDS);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout as u64);
    loop {
        let notified = shared.updates_added.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        {
            let mut s = shared.lock();
            if let Some(off) = offset.filter(|&o| o > 0) {
                // An offset confirms every update before it: they are never sent again.
                s.pending.retain(|(id, _)| *id >= off);
            }
            let batch: Vec<Value> = s.pending.iter().take(limit).map(|(_, u)| u.clone()).collect();
            if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                return ok(Value::Array(batch));
            }
        }
        let _ = tokio::time::timeout_at(deadline, notified).await;
    }
}

fn chat_of(shared: &Shared, p: &Map<String, Value>) -> Result<(i64, Value), String> {
    let id = int(p, "chat_id").ok_or("Bad Request: chat not found")?;
    let chat = shared.lock().chats.get(&id).cloned().ok_or("Bad Request: chat not found")?;
    Ok((id, chat))
}

/// Checks a text or caption and returns what the user would see.
fn visible(raw: &str, parse_mode: Option<&str>, max: usize, what: &str) -> Result<String, String> {
    let plain = match parse_mode {
        Some(m) if m.eq_ignore_ascii_case("html") => html::parse(raw).map_err(|e| format!("Bad Request: {e}"))?,
        Some(m) => return Err(format!("Bad Request: unsupported parse_mode {m} (the bot uses HTML)")),
        None => raw.to_owned(),
    };
    if html::telegram_len(&plain) > max {
        return Err(format!("Bad Request: message {what} is too long"));
    }
    Ok(plain)
}

fn check_markup(markup: &Option<Value>) -> Result<(), String> {
    let Some(rows) = markup.as_ref().and_then(|m| m.get("inline_keyboard")).and_then(Value::as_array) else {
        return Ok(());
    };
    for button in rows.iter().filter_map(Value::as_array).flatten() {
        if button["text"].as_str().is_none_or(|t| t.trim().is_empty()) {
            return Err("Bad Request: text buttons are unallowed in the inline keyboard".into());
        }
        if let Some(data) = button.get("callback_data").and_then(Value::as_str) {
            if data.is_empty() || data.len() > MAX_CALLBACK_DATA {
                return Err("Bad Request: BUTTON_DATA_INVALID".into());
            }
        }
    }
    Ok(())
}

fn record(
    shared: &Shared,
    method: &str,
    chat_id: i64,
    message_id: i64,
    message: &Value,
    html: Option<String>,
    file: Option<String>,
) {
    let mut s = shared.lock();
    let seq = s.outgoing.len();
    let text = message.get("text").or_else(|| message.get("caption")).and_then(Value::as_str).map(str::to_owned);
    s.outgoing.push(Outgoing {
        seq,
        method: method.to_owned(),
        chat_id,
        message_id,
        html,
        text,
        reply_markup: message.get("reply_markup").cloned(),
        file_name: file,
    });
    drop(s);
    shared.outgoing_added.notify_waiters();
}

fn new_message(shared: &Shared, chat: Value) -> (i64, Value) {
    let mut s = shared.lock();
    let id = s.next_message_id;
    s.next_message_id += 1;
    (id, json!({"message_id": id, "from": bot_user(), "chat": chat, "date": now()}))
}

fn send_message(shared: &Shared, p: &Params) -> Result<Value, Refusal> {
    let (chat_id, chat) = chat_of(shared, &p.map)?;
    check_not_blocked(shared, chat_id)?;
    let raw = text(&p.map, "text").unwrap_or_default();
    let plain = visible(raw, text(&p.map, "parse_mode"), MAX_TEXT, "text")?;
    if plain.trim().is_empty() {
        return Err("Bad Request: message text is empty".into());
    }
    let markup = object(&p.map, "reply_markup");
    check_markup(&markup)?;
    admit(shared, chat_id, &p.map)?;
    let (id, mut m) = new_message(shared, chat);
    m["text"] = json!(plain);
    if let Some(k) = markup {
        m["reply_markup"] = k;
    }
    shared.lock().messages.insert((chat_id, id), StoredMessage { json: m.clone() });
    record(shared, "sendMessage", chat_id, id, &m, Some(raw.to_owned()), None);
    Ok(m)
}

fn send_file(shared: &Shared, method: &str, p: &Params) -> Result<Value, Refusal> {
    let (chat_id, chat) = chat_of(shared, &p.map)?;
    check_not_blocked(shared, chat_id)?;
    let field = if method == "sendPhoto" { "photo" } else { "document" };
    let reference = text(&p.map, field).unwrap_or_default();
    let part = reference.strip_prefix("attach://").and_then(|name| p.files.get(name));
    if reference.starts_with("attach://") && part.is_none() {
        return Err(format!("Bad Request: wrong file identifier/HTTP URL specified ({reference})").into());
    }
    let file_name = part.and_then(|f| f["file_name"].as_str()).unwrap_or(reference).to_owned();
    let size = part.and_then(|f| f["size"].as_u64()).unwrap_or(0);
    let caption = text(&p.map, "caption");
    let plain = caption.map(|c| visible(c, text(&p.map, "parse_mode"), MAX_CAPTION, "caption")).transpose()?;
    let markup = object(&p.map, "reply_markup");
    check_markup(&markup)?;
    admit(shared, chat_id, &p.map)?;
    let (id, mut m) = new_message(shared, chat);
    let file_id = format!("file{id}");
    if field == "photo" {
        m["photo"] =
            json!([{"file_id": file_id, "file_unique_id": file_id, "width": 800, "height": 600, "file_size": size}]);
    } else {
        m["document"] =
            json!({"file_id": file_id, "file_unique_id": file_id, "file_name": file_name, "file_size": size});
    }
    if let Some(c) = &plain {
        m["caption"] = json!(c);
    }
    if let Some(k) = markup {
        m["reply_markup"] = k;
    }
    shared.lock().messages.insert((chat_id, id), StoredMessage { json: m.clone() });
    if let Some(bytes) = reference.strip_prefix("attach://").and_then(|name| p.contents.get(name)) {
        shared.lock().files.insert((chat_id, id), bytes.clone());
    }
    record(shared, method, chat_id, id, &m, caption.map(str::to_owned), Some(file_name));
    Ok(m)
}

fn edit_message(shared: &Shared, p: &Map<String, Value>, with_text: bool) -> Result<Value, String> {
    if p.contains_key("inline_message_id") {
        return Err("Bad Request: inline messages are not emulated".into());
    }
    let (chat_id, _) = chat_of(shared, p)?;
    let message_id = int(p, "message_id").ok_or("Bad Request: message to edit not found")?;
    let markup = object(p, "reply_markup");
    check_markup(&markup)?;
    let raw = text(p, "text");
    let plain = match (with_text, raw) {
        (true, Some(r)) => {
            let plain = visible(r, text(p, "parse_mode"), MAX_TEXT, "text")?;
            if plain.trim().is_empty() {
                return Err("Bad Request: message text is empty".into());
            }
            Some(plain)
        }
        _ => None,
    };
    let updated = {
        let mut s = shared.lock();
        let stored = s.messages.get_mut(&(chat_id, message_id)).ok_or("Bad Request: message to edit not found")?;
        if stored.json["from"]["id"] != json!(super::BOT_ID) {
            return Err("Bad Request: message can't be edited".into());
        }
        let mut next = stored.json.clone();
        if let Some(t) = &plain {
            next["text"] = json!(t);
        }
        match &markup {
            Some(k) if k["inline_keyboard"].as_array().is_some_and(|rows| !rows.is_empty()) => {
                next["reply_markup"] = k.clone()
            }
            _ => {
                if let Some(obj) = next.as_object_mut() {
                    obj.remove("reply_markup");
                }
            }
        }
        if next == stored.json {
            return Err("Bad Request: message is not modified: specified new message content and reply markup are \
                        exactly the same as a current content and reply markup of the message"
                .into());
        }
        next["edit_date"] = json!(now());
        stored.json = next.clone();
        next
    };
    let method = if with_text { "editMessageText" } else { "editMessageReplyMarkup" };
    record(shared, method, chat_id, message_id, &updated, raw.map(str::to_owned), None);
    Ok(updated)
}

fn delete_message(shared: &Shared, p: &Map<String, Value>) -> Result<Value, String> {
    let (chat_id, _) = chat_of(shared, p)?;
    let message_id = int(p, "message_id").ok_or("Bad Request: message to delete not found")?;
    let removed = shared.lock().messages.remove(&(chat_id, message_id));
    match removed {
        Some(m) => {
            record(shared, "deleteMessage", chat_id, message_id, &json!({"chat": m.json["chat"]}), None, None);
            Ok(json!(true))
        }
        None => Err("Bad Request: message to delete not found".into()),
    }
}

fn answer_callback(shared: &Shared, p: &Map<String, Value>) -> Result<Value, String> {
    let id = text(p, "callback_query_id").unwrap_or_default().to_owned();
    if text(p, "text").is_some_and(|t| t.chars().count() > 200) {
        return Err("Bad Request: MESSAGE_TOO_LONG".into());
    }
    let mut s = shared.lock();
    if s.open_callbacks.remove(&id) {
        s.answered_callbacks.push(id);
        Ok(json!(true))
    } else {
        Err("Bad Request: query is too old and response timeout expired or query ID is invalid".into())
    }
}

fn set_my_commands(shared: &Shared, p: &Map<String, Value>) -> Result<Value, String> {
    let commands = object(p, "commands").and_then(|v| v.as_array().cloned()).unwrap_or_default();
    if commands.len() > 100 {
        return Err("Bad Request: too many commands".into());
    }
    for c in &commands {
        let name = c["command"].as_str().unwrap_or_default();
        let valid_name = (1..=32).contains(&name.len())
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid_name {
            return Err("Bad Request: BOT_COMMAND_INVALID".into());
        }
        let description = c["description"].as_str().unwrap_or_default();
        if !(1..=256).contains(&description.chars().count()) {
            return Err("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID".into());
        }
    }
    if let Some(scope) = object(p, "scope") {
        if let Some(chat) = scope.get("chat_id").and_then(Value::as_i64) {
            if !shared.lock().chats.contains_key(&chat) {
                return Err("Bad Request: chat not found".into());
            }
        }
    }
    shared.lock().commands.push(Value::Object(p.clone()));
    Ok(json!(true))
}
