//! `sxsh-bot chat`: the real bot (same handler tree, database and locales as `run`) talking
//! to the loopback Bot API, with the terminal as the user's Telegram client. Lines typed are
//! messages; a number taps a button of the bot's latest message; `/quit` leaves.

use std::io::Write;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::config::Config;
use crate::domain::lang::Lang;
use crate::emulator::{Emulator, Outgoing, TestUser};
use crate::i18n::{render, Msg};
use crate::{db, startup};

/// Any well-formed token: the emulator does not check it.
const CHAT_TOKEN: &str = "1:terminal-chat";

pub async fn run(mut config: Config, user_id: i64, admin: bool) -> anyhow::Result<()> {
    if admin {
        config.admin_ids.insert(user_id);
    }
    let pool = startup::open_database(&config).await?;
    // Updates already handled in this database are ignored as replays: continue their numbering.
    let first_update = crate::services::updates::next_id(&pool).await.context("cannot read the database")?;
    let emulator = Arc::new(Emulator::start_at(first_update).await.context("cannot start the local Bot API")?);
    let user = TestUser::new(user_id, "Khách");
    emulator.register_chat(&user);
    let bot = startup::build_bot(CHAT_TOKEN, Some(&emulator.api_url()))?;
    let running = startup::start(bot, Arc::new(config), pool.clone()).await?;

    let lang = db::users::lang_of_chat(&pool, user_id).await.ok().flatten().unwrap_or(Lang::Vi);
    let role = render(lang, if admin { &Msg::ChatRoleAdmin } else { &Msg::ChatRoleUser });
    println!("{}\n", render(lang, &Msg::ChatIntro { user_id, role }));

    // The bot's latest message in this chat: its buttons are what a number taps.
    let latest: Arc<Mutex<Option<Outgoing>>> = Arc::new(Mutex::new(None));
    let printer = {
        let emulator = emulator.clone();
        let latest = latest.clone();
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut cursor = 0;
            loop {
                let out = emulator.next_outgoing(&mut cursor).await;
                if out.chat_id != user_id {
                    continue;
                }
                let lang = db::users::lang_of_chat(&pool, user_id).await.ok().flatten().unwrap_or_default();
                print_outgoing(&out, lang, &latest);
            }
        })
    };

    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    while let Some(line) = lines.next_line().await.context("cannot read the terminal")? {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if line == "/quit" || line == "/exit" {
            break;
        }
        let tap = line.parse::<usize>().ok().and_then(|n| {
            let guard = latest.lock().ok()?;
            let message = guard.as_ref()?;
            let buttons = message.buttons();
            let (_, data) = buttons.get(n.checked_sub(1)?)?.clone();
            Some((message.clone(), data))
        });
        match tap {
            Some((message, data)) => {
                emulator.click(&user, &message, &data);
            }
            None => {
                emulator.send_text(&user, line);
            }
        }
    }

    let lang = db::users::lang_of_chat(&pool, user_id).await.ok().flatten().unwrap_or_default();
    println!("{}", render(lang, &Msg::ChatBye));
    printer.abort();
    running.stop().await;
    pool.close().await;
    Ok(())
}

fn print_outgoing(out: &Outgoing, lang: Lang, latest: &Mutex<Option<Outgoing>>) {
    let Ok(mut latest) = latest.lock() else { return };
    let mut stdout = std::io::stdout().lock();
    match out.method.as_str() {
        "sendMessage" | "sendPhoto" | "sendDocument" => {
            if let Some(name) = &out.file_name {
                let _ = writeln!(stdout, "🤖 {}", render(lang, &Msg::ChatDocument { name: name.clone() }));
            }
            if let Some(text) = &out.text {
                let _ = writeln!(stdout, "🤖 {}", text.replace('\n', "\n   "));
            }
            print_buttons(&mut stdout, out, lang);
            *latest = Some(out.clone());
        }
        "editMessageText" | "editMessageReplyMarkup" => {
            let is_latest = latest.as_ref().is_some_and(|l| l.message_id == out.message_id);
            if is_latest {
                *latest = Some(out.clone());
            }
            if out.method == "editMessageReplyMarkup" {
                // A keyboard removed or changed: nothing new to read.
                return;
            }
            if let Some(text) = &out.text {
                let _ = writeln!(stdout, "🤖 {} {}", render(lang, &Msg::ChatEdited), text.replace('\n', "\n   "));
            }
            print_buttons(&mut stdout, out, lang);
        }
        _ => return,
    }
    let _ = writeln!(stdout);
    let _ = stdout.flush();
}

fn print_buttons(stdout: &mut impl Write, out: &Outgoing, lang: Lang) {
    let buttons = out.buttons();
    if buttons.is_empty() {
        return;
    }
    for (i, (label, _)) in buttons.iter().enumerate() {
        let _ = writeln!(stdout, "   [{}] {}", i + 1, label);
    }
    let _ = writeln!(stdout, "   {}", render(lang, &Msg::ChatButtonsHint));
}
