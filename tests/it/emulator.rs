//! The loopback Bot API refuses what Telegram refuses, and keeps Telegram's update semantics,
//! as seen through teloxide's own request encoding. Its sending limits and injected faults
//! answer what Telegram would, checked both through teloxide and as raw HTTP.
//!
//! The limit tests run on real time (each under about 2 s): the emulator reads tokio's clock,
//! but a paused clock jumps to the next timer whenever the runtime waits on a socket, which
//! fires HTTP client timeouts and empties windows at random. The window edges themselves are
//! unit-tested with made-up instants in `src/emulator/limits.rs`.

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sxsh_bot::emulator::{Emulator, Limits, TestUser};
use sxsh_bot::startup::build_bot;
use teloxide::payloads::{GetUpdatesSetters, SendDocumentSetters, SendMessageSetters, SendPhotoSetters};
use teloxide::prelude::*;
use teloxide::types::{CallbackQueryId, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, ParseMode};
use teloxide::{ApiError, RequestError};

async fn setup() -> (Emulator, Bot, ChatId) {
    let emu = Emulator::start().await.expect("emulator");
    let bot = build_bot("1:test", Some(&emu.api_url())).expect("bot");
    let user = TestUser::new(300, "Lan");
    emu.register_chat(&user);
    (emu, bot, ChatId(300))
}

/// Registers the private chats `first..first + n`.
fn register_chats(emu: &Emulator, first: i64, n: i64) {
    for id in first..first + n {
        emu.register_chat(&TestUser::new(id, "Khách"));
    }
}

/// Sends one request as raw HTTP and returns the status and the JSON body exactly as a client
/// receives them.
async fn post_raw(emu: &Emulator, method: &str, params: Value) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = emu.api_url().trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.expect("connects");
    let body = params.to_string();
    let request = format!(
        "POST /bot1:test/{method} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.expect("writes");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).await.expect("reads");
    let (head, body) = raw.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    (status, serde_json::from_str(body).expect("a JSON body"))
}

fn retry_after(result: Result<impl std::fmt::Debug, RequestError>) -> u32 {
    match result {
        Err(RequestError::RetryAfter(s)) => s.seconds(),
        other => panic!("expected RetryAfter, got {other:?}"),
    }
}

fn api_error(result: Result<impl std::fmt::Debug, RequestError>) -> String {
    match result {
        Err(RequestError::Api(e)) => e.to_string(),
        other => panic!("expected a Bot API error, got {other:?}"),
    }
}

#[tokio::test]
async fn text_length_is_counted_after_entities_and_capped_at_4096() {
    let (emu, bot, chat) = setup().await;
    let fits = format!("<b>{}</b>", "đ".repeat(4096));
    bot.send_message(chat, fits).parse_mode(ParseMode::Html).await.expect("4096 visible characters fit");
    let over = "ế".repeat(4097);
    assert!(api_error(bot.send_message(chat, over).await).contains("too long"));
    assert!(api_error(bot.send_message(chat, "  ").await).contains("empty"));
    assert_eq!(emu.rejections().len(), 2);
}

#[tokio::test]
async fn invalid_html_is_refused_like_telegram() {
    let (_emu, bot, chat) = setup().await;
    for bad in ["<b>unclosed", "Tom & Jerry", "<div>x</div>", "1 < 2"] {
        let err = api_error(bot.send_message(chat, bad).parse_mode(ParseMode::Html).await);
        assert!(err.contains("can't parse entities"), "{bad}: {err}");
    }
    bot.send_message(chat, "Tom &amp; Jerry &lt;3").parse_mode(ParseMode::Html).await.expect("escaped text is fine");
}

#[tokio::test]
async fn callback_data_over_64_bytes_is_refused() {
    let (_emu, bot, chat) = setup().await;
    let ok = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("A", "x".repeat(64))]]);
    bot.send_message(chat, "ok").reply_markup(ok).await.expect("64 bytes fit");
    // 22 Vietnamese letters of 3 bytes each: 66 bytes in 22 characters.
    let long = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("A", "ế".repeat(22))]]);
    assert!(api_error(bot.send_message(chat, "x").reply_markup(long).await).contains("BUTTON_DATA_INVALID"));
}

#[tokio::test]
async fn files_are_received_as_multipart_with_captions_capped_at_1024() {
    let (emu, bot, chat) = setup().await;
    let doc = InputFile::memory(b"a,b\n1,2\n".to_vec()).file_name("danh-sach.csv");
    bot.send_document(chat, doc).caption("Danh sách <b>học viên</b>").parse_mode(ParseMode::Html).await.expect("sent");
    let photo = InputFile::memory(vec![0u8; 100]).file_name("anh.jpg");
    bot.send_photo(chat, photo).caption("Ảnh lớp học").await.expect("sent");
    let out = emu.outgoing();
    assert_eq!(out[0].file_name.as_deref(), Some("danh-sach.csv"));
    assert_eq!(out[0].text.as_deref(), Some("Danh sách học viên"));
    assert_eq!(out[1].method, "sendPhoto");

    let doc = InputFile::memory(b"x".to_vec()).file_name("x.txt");
    let err = api_error(bot.send_document(chat, doc).caption("c".repeat(1025)).await);
    assert!(err.contains("caption is too long"), "{err}");
}

#[tokio::test]
async fn unknown_chats_and_messages_are_refused() {
    let (_emu, bot, chat) = setup().await;
    assert!(matches!(bot.send_message(ChatId(999), "hi").await, Err(RequestError::Api(ApiError::ChatNotFound))));
    let m = bot.send_message(chat, "hi").await.expect("sent");
    assert!(matches!(
        bot.edit_message_text(chat, m.id, "hi").await,
        Err(RequestError::Api(ApiError::MessageNotModified))
    ));
    bot.edit_message_text(chat, m.id, "hello").await.expect("edited");
    bot.delete_message(chat, m.id).await.expect("deleted");
    assert!(api_error(bot.delete_message(chat, m.id).await).contains("not found"));
    assert!(api_error(bot.edit_message_text(chat, m.id, "again").await).contains("not found"));
}

#[tokio::test]
async fn a_callback_query_can_be_answered_once() {
    let (emu, bot, chat) = setup().await;
    let menu = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback("A", "a")]]);
    bot.send_message(chat, "menu").reply_markup(menu).await.expect("sent");
    let sent = emu.outgoing()[0].clone();
    let id = emu.click(&TestUser::new(300, "Lan"), &sent, "a");
    assert_eq!(emu.unanswered_callbacks(), vec![id.clone()]);
    bot.answer_callback_query(CallbackQueryId(id.clone())).await.expect("answered");
    assert!(api_error(bot.answer_callback_query(CallbackQueryId(id)).await).contains("query is too old"));
    assert!(emu.unanswered_callbacks().is_empty());
}

#[tokio::test]
async fn get_updates_confirms_by_offset_and_long_polls() {
    let (emu, bot, _) = setup().await;
    let lan = TestUser::new(300, "Lan");
    let first = emu.send_text(&lan, "một");
    emu.send_text(&lan, "hai");
    emu.send_text(&lan, "ba");
    let all = bot.get_updates().await.expect("updates");
    assert_eq!(all.len(), 3);
    // Not confirmed yet: the same batch comes again.
    assert_eq!(bot.get_updates().limit(2).await.expect("updates").len(), 2);
    // An offset confirms everything before it.
    let rest = bot.get_updates().offset((first + 1) as i32).await.expect("updates");
    assert_eq!(rest.len(), 2);
    assert_eq!(emu.pending_updates(), 2);
    let none = bot.get_updates().offset((first + 3) as i32).await.expect("updates");
    assert!(none.is_empty());

    // A long poll returns as soon as an update arrives, not at its timeout.
    let started = Instant::now();
    let poll = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().offset((first + 3) as i32).timeout(5).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    emu.send_text(&lan, "bốn");
    let got = poll.await.expect("joins").expect("updates");
    assert_eq!(got.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn requests_outside_the_spec_are_refused() {
    let (emu, bot, chat) = setup().await;
    // A method the emulator does not speak is refused rather than faked.
    let err = api_error(bot.send_dice(chat).await);
    assert!(err.contains("not emulated"), "{err}");
    assert_eq!(emu.rejections().len(), 1);
}

#[tokio::test]
async fn sending_limits_are_off_by_default_yet_the_spacing_is_counted() {
    let (emu, bot, chat) = setup().await;
    for k in 0..40 {
        bot.send_message(chat, format!("tin {k}")).await.expect("no limit by default");
    }
    assert_eq!(emu.too_many_requests(), 0);
    assert_eq!(emu.accepted_sends(), 40);
    assert_eq!(emu.accepted_in_chat(300), 40);
    assert_eq!(emu.outgoing().len(), 40);
    // Two back-to-back sends are within one second, whatever the machine's speed.
    assert!(emu.max_per_chat_in_any_second() >= 2);
    assert!(emu.max_in_any_second() >= emu.max_per_chat_in_any_second());
}

#[tokio::test]
async fn a_client_pacing_at_thirty_per_second_and_one_per_second_per_chat_is_never_refused() {
    let (emu, bot, _) = setup().await;
    register_chats(&emu, 1000, 30);
    emu.set_limits(Some(Limits::TELEGRAM));
    let mut tick = tokio::time::interval(Duration::from_secs(1) / 30);
    // A late tick delays the rest rather than bursting to catch up, as a pacing client would.
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // 1.5 s at exactly 30/s; chat 1000 + k % 30 gets a send every second, right at its limit.
    for k in 0..46 {
        tick.tick().await;
        let chat = ChatId(1000 + k % 30);
        if let Err(e) = bot.send_message(chat, format!("bản tin {k}")).await {
            panic!("send {k} was refused: {e:?}");
        }
    }
    assert_eq!(emu.too_many_requests(), 0);
    assert_eq!(emu.accepted_sends(), 46);
    assert_eq!(emu.accepted_in_chat(1000), 2);
    assert_eq!(emu.max_per_chat_in_any_second(), 1);
    assert!(emu.max_in_any_second() <= 30, "{}", emu.max_in_any_second());
}

#[tokio::test]
async fn a_burst_over_thirty_per_second_is_answered_429_and_teloxide_sees_retry_after() {
    let (emu, bot, _) = setup().await;
    register_chats(&emu, 1000, 40);
    emu.set_limits(Some(Limits::TELEGRAM));
    let mut refused = Vec::new();
    for k in 0..35 {
        match bot.send_message(ChatId(1000 + k), "khuyến mãi").await {
            Ok(_) => assert!(refused.is_empty(), "send {k} accepted after a refusal"),
            Err(e) => refused.push(retry_after(Err::<(), _>(e))),
        }
    }
    assert_eq!(refused, vec![1; 5], "the 31st to 35th sends wait for 1 s");
    let (status, body) = post_raw(&emu, "sendMessage", json!({"chat_id": 1035, "text": "x"})).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
               "parameters": {"retry_after": 1}})
    );
    assert_eq!(emu.too_many_requests(), 6);
    assert_eq!(emu.accepted_sends(), 30);
    assert_eq!(emu.outgoing().len(), 30, "a refused send is not recorded");
    assert!(emu.rejections().is_empty(), "a 429 is not the bot's malformed request");

    // Switched off, sends go through at once; switched on again, the window remembers them.
    emu.set_limits(None);
    bot.send_message(ChatId(1036), "x").await.expect("limits off");
    emu.set_limits(Some(Limits::TELEGRAM));
    let wait = retry_after(bot.send_message(ChatId(1037), "x").await);
    tokio::time::sleep(Duration::from_secs(wait.into())).await;
    bot.send_message(ChatId(1037), "x").await.expect("accepted after retry_after");
    assert_eq!(emu.accepted_sends(), 32);
}

#[tokio::test]
async fn a_chat_takes_a_short_burst_then_one_send_a_second_and_a_429_starts_a_flood_wait() {
    let (emu, bot, chat) = setup().await;
    register_chats(&emu, 301, 1);
    emu.set_limits(Some(Limits::TELEGRAM));
    for k in 0..3 {
        bot.send_message(chat, format!("tin {k}")).await.expect("a burst of three");
    }
    assert_eq!(retry_after(bot.send_message(chat, "bốn").await), 1);
    assert_eq!(emu.sends_during_flood_wait(), 0, "the first refusal starts the wait");
    let doc = InputFile::memory(b"x".to_vec()).file_name("x.txt");
    assert_eq!(retry_after(bot.send_document(chat, doc).await), 1, "files count too");
    assert_eq!(retry_after(bot.send_message(ChatId(301), "khác").await), 1, "every chat waits out the flood");
    assert_eq!(emu.sends_during_flood_wait(), 2);
    tokio::time::sleep(Duration::from_millis(1050)).await;
    bot.send_message(ChatId(301), "khác").await.expect("another chat after the wait");
    bot.send_message(chat, "bốn").await.expect("a second after the burst began");
    assert_eq!(emu.too_many_requests(), 3);
    assert_eq!(emu.accepted_in_chat(300), 4);
    assert_eq!(emu.max_per_chat_in_any_second(), 3);
}

#[tokio::test]
async fn paid_broadcast_raises_the_overall_limit_but_not_the_per_chat_one() {
    let (emu, bot, _) = setup().await;
    register_chats(&emu, 1000, 80);
    emu.set_limits(Some(Limits { paid_per_sec: 60, per_chat_burst: 1, ..Limits::TELEGRAM }));
    bot.send_message(ChatId(1000), "trả phí").allow_paid_broadcast(true).await.expect("a paid send");
    let again = bot.send_message(ChatId(1000), "lại").allow_paid_broadcast(true).await;
    assert_eq!(retry_after(again), 1, "one per second per chat, paid or not");
    tokio::time::sleep(Duration::from_millis(1050)).await;
    for k in 1..=60 {
        bot.send_message(ChatId(1000 + k), "trả phí").allow_paid_broadcast(true).await.expect("within 60/s paid");
    }
    bot.send_message(ChatId(1070), "free").await.expect("free sends have their own 30/s");
    assert_eq!(retry_after(bot.send_message(ChatId(1061), "61st").allow_paid_broadcast(true).await), 1);
    assert_eq!(emu.accepted_sends(), 62);

    // Multipart sends carry the flag as a string; with no free sends allowed, only paid pass.
    tokio::time::sleep(Duration::from_millis(1050)).await;
    emu.set_limits(Some(Limits { global_per_sec: 0, ..Limits::TELEGRAM }));
    let photo = InputFile::memory(vec![0u8; 10]).file_name("a.jpg");
    bot.send_photo(ChatId(1071), photo).allow_paid_broadcast(true).await.expect("a paid photo");
    let doc = InputFile::memory(b"x".to_vec()).file_name("x.txt");
    assert_eq!(retry_after(bot.send_document(ChatId(1072), doc).await), 1);
}

#[tokio::test]
async fn a_blocked_chat_answers_403_bot_blocked_until_unblocked() {
    let (emu, bot, chat) = setup().await;
    register_chats(&emu, 301, 1);
    emu.block_chat(300, true);
    assert!(matches!(bot.send_message(chat, "hi").await, Err(RequestError::Api(ApiError::BotBlocked))));
    let doc = InputFile::memory(b"x".to_vec()).file_name("x.txt");
    assert!(matches!(bot.send_document(chat, doc).await, Err(RequestError::Api(ApiError::BotBlocked))));
    let (status, body) = post_raw(&emu, "sendMessage", json!({"chat_id": 300, "text": "hi"})).await;
    assert_eq!(status, 403);
    assert_eq!(body, json!({"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}));
    bot.send_message(ChatId(301), "hi").await.expect("other chats are not blocked");
    assert_eq!(emu.outgoing().len(), 1);
    assert!(emu.rejections().is_empty(), "a blocked chat is not the bot's mistake");

    emu.block_chat(300, false);
    bot.send_message(chat, "hi").await.expect("unblocked");
    assert_eq!(emu.accepted_in_chat(300), 1);
}

#[tokio::test]
async fn injected_server_errors_answer_their_status_to_sends_only_and_record_nothing() {
    let (emu, _bot, _) = setup().await;
    let send = json!({"chat_id": 300, "text": "hi"});
    emu.fail_next(2, 500);
    let (status, body) = post_raw(&emu, "sendMessage", send.clone()).await;
    assert_eq!(status, 500);
    assert_eq!(body, json!({"ok": false, "error_code": 500, "description": "Internal Server Error"}));
    assert_eq!(post_raw(&emu, "getMe", json!({})).await.0, 200, "getMe is not a send");
    assert_eq!(post_raw(&emu, "sendMessage", send.clone()).await.0, 500);
    assert_eq!(post_raw(&emu, "sendMessage", send.clone()).await.0, 200, "only the next 2 fail");

    emu.fail_next(3, 502);
    let (status, body) = post_raw(&emu, "sendMessage", send.clone()).await;
    assert_eq!((status, body), (502, json!({"ok": false, "error_code": 502, "description": "Bad Gateway"})));
    emu.fail_next(0, 502);
    assert_eq!(post_raw(&emu, "sendMessage", send).await.0, 200, "cancelled");
    assert_eq!(emu.outgoing().len(), 2);
    assert_eq!(emu.accepted_sends(), 2);
    assert!(emu.rejections().is_empty());
}

// Takes about 10 s: teloxide sleeps 10 s after any 5xx answer before it reports it.
#[tokio::test]
async fn teloxide_sees_a_server_error_then_the_next_send_succeeds() {
    let (emu, bot, chat) = setup().await;
    emu.fail_next(1, 502);
    match bot.send_message(chat, "hi").await {
        Err(RequestError::Api(ApiError::Unknown(d))) => assert_eq!(d, "Bad Gateway"),
        other => panic!("expected the 502, got {other:?}"),
    }
    bot.send_message(chat, "hi").await.expect("recovered");
    assert_eq!(emu.outgoing().len(), 1);
}

#[tokio::test]
async fn latency_delays_every_request_without_serialising_them() {
    let (emu, bot, chat) = setup().await;
    let latency = Duration::from_millis(300);
    emu.set_latency(latency);
    let started = Instant::now();
    bot.get_me().await.expect("getMe");
    assert!(started.elapsed() >= latency);
    let started = Instant::now();
    let mut sends = tokio::task::JoinSet::new();
    for k in 0..5 {
        let bot = bot.clone();
        sends.spawn(async move { bot.send_message(chat, format!("{k}")).await });
    }
    while let Some(sent) = sends.join_next().await {
        sent.expect("joins").expect("sent");
    }
    let elapsed = started.elapsed();
    assert!(elapsed >= latency && elapsed < 4 * latency, "5 sends in parallel took {elapsed:?}");

    emu.set_latency(Duration::ZERO);
    let started = Instant::now();
    bot.get_me().await.expect("getMe");
    assert!(started.elapsed() < latency, "{:?}", started.elapsed());
}
