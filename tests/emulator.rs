//! The loopback Bot API refuses what Telegram refuses, and keeps Telegram's update semantics,
//! as seen through teloxide's own request encoding.

use std::time::{Duration, Instant};

use sxsh_bot::emulator::{Emulator, TestUser};
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
