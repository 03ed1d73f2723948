//! The shipped FAQ keeps to the bot and to the facts: every command an answer names exists,
//! every entry is in both languages, no answer promises a feature "later", and an answer that
//! rests on a document shows it. The answers about the bot's own behaviour are checked beside
//! the tests that drive that behaviour (`faq_*` tests in courses.rs, broadcasts.rs, privacy.rs).

use crate::common;

use common::{shown, user, Harness};
use sxsh_bot::bot::commands::{AdminCommand, UserCommand};
use sxsh_bot::domain::faq::FaqEntry;
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::i18n::Msg;
use sxsh_bot::services::faq::file;
use teloxide::utils::command::BotCommands;

fn shipped() -> Vec<FaqEntry> {
    file::read(file::DEFAULT).expect("the shipped FAQ reads")
}

/// `/word` where a command would be written: at the start or after a space or bracket (not
/// "m3/tấn" or "km/h").
fn commands_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let starts = *c == '/' && (i == 0 || chars[i - 1].is_whitespace() || "(«\"'“".contains(chars[i - 1]));
        if starts {
            let name: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == '_').collect();
            if !name.is_empty() {
                out.push(name.to_lowercase());
            }
        }
    }
    out
}

#[test]
fn every_command_an_answer_names_exists() {
    let known: Vec<String> = UserCommand::bot_commands()
        .into_iter()
        .chain(AdminCommand::bot_commands())
        .map(|c| c.command.trim_start_matches('/').to_owned())
        .collect();
    assert!(known.contains(&"myregistrations".to_owned()), "{known:?}");
    let mut named = 0;
    for e in shipped() {
        for text in [&e.question_vi, &e.answer_vi, &e.question_en, &e.answer_en] {
            for c in commands_in(text) {
                assert!(known.contains(&c), "{} names /{c}, which the bot does not have", e.id.as_str());
                named += 1;
            }
        }
    }
    assert!(named >= 20, "the answers about the bot name its commands ({named} found)");
    assert_eq!(commands_in("/courses, (/register) và 5 m3/tấn, 60 km/h"), vec!["courses", "register"]);
}

#[test]
fn every_entry_is_in_both_languages_and_the_faq_is_large_enough() {
    let entries = shipped();
    assert!(entries.len() >= 130, "{} entries", entries.len());
    for e in &entries {
        assert!(!e.question_en.is_empty() && !e.answer_en.is_empty(), "{} has no English", e.id.as_str());
        assert!(e.answer_vi.chars().count() <= 3500, "{} is too long for one message", e.id.as_str());
    }
}

#[test]
fn no_answer_promises_a_feature_later_or_speaks_of_districts_as_today() {
    for e in shipped() {
        let vi = e.answer_vi.to_lowercase();
        let en = e.answer_en.to_lowercase();
        for stale in ["khi sẵn sàng", "sắp có", "sẽ sớm có", "đang được hoàn thiện"] {
            assert!(!vi.contains(stale), "{}: {stale:?}", e.id.as_str());
        }
        for stale in ["when ready", "coming soon", "will be available later"] {
            assert!(!en.contains(stale), "{}: {stale:?}", e.id.as_str());
        }
        assert!(!e.answer_vi.contains("Hoffman ") && !e.answer_en.contains("Hoffman "), "{}", e.id.as_str());
    }
}

#[test]
fn legal_answers_cite_their_source_and_today_s_laws() {
    let entries = shipped();
    let mut cited = 0;
    for e in &entries {
        let mentions_law = ["Luật ", "Nghị định ", "Quyết định ", "QCVN "].iter().any(|l| e.answer_vi.contains(l));
        if mentions_law {
            assert!(!e.source.is_empty(), "{} cites a document but has no source", e.id.as_str());
            cited += 1;
        }
        // The energy law is cited with its 2025 amendment wherever it is named.
        if e.answer_vi.contains("50/2010/QH12") {
            assert!(
                e.answer_vi.contains("77/2025/QH15"),
                "{} cites the energy law without its amendment",
                e.id.as_str()
            );
        }
        if e.answer_vi.contains("13/2023/NĐ-CP") {
            assert!(e.answer_vi.contains("91/2025/QH15"), "{} cites the replaced decree alone", e.id.as_str());
        }
        if !e.source.is_empty() {
            assert!(e.reviewed.is_some(), "{} has a source but no review date", e.id.as_str());
        }
    }
    assert!(cited >= 15, "{cited} answers cite a document");
}

#[tokio::test]
async fn an_answer_with_a_source_shows_it_under_the_answer() {
    let h = Harness::start().await;
    let e = shipped().into_iter().find(|e| !e.source.is_empty()).expect("an entry with a source");
    let out = h.say(&user(61), &e.question_vi).await;
    let text = out[0].text.clone().unwrap_or_default();
    let source = shown(Lang::Vi, &Msg::FaqSource { source: e.source.clone() });
    assert!(text.starts_with(&e.question_vi), "the asked entry is the answer: {text}");
    assert!(text.ends_with(&source), "{text}");
    let out = h.say(&user(62).with_language(Some("en")), &e.question_en).await;
    let text = out[0].text.clone().unwrap_or_default();
    assert!(text.ends_with(&shown(Lang::En, &Msg::FaqSource { source: e.source.clone() })), "{text}");
    h.finish().await;
}

#[tokio::test]
async fn faq_profile_edits_the_announcement_profile() {
    common::faq_claims("cap-nhat-thong-tin", &["/profile", "ngành"], &["/profile", "sector"]);
    let h = Harness::start().await;
    let u = user(63);
    h.say_n(&u, "/subscribe", 2).await;
    // /profile asks about the enterprise's sector first: it is the announcement profile.
    let out = h.say(&u, "/profile").await;
    assert_eq!(common::texts(&out), vec![shown(Lang::Vi, &Msg::ProfileAskSector)]);
    h.say(&u, "/cancel").await;
    h.finish().await;
}

#[tokio::test]
async fn a_new_release_updates_the_built_in_entries_the_centre_left_alone_and_nothing_else() {
    let h = Harness::start().await;
    let ids: Vec<String> = shipped().iter().take(4).map(|e| e.id.as_str().to_owned()).collect();
    let [old, edited, deleted, new] = [&ids[0], &ids[1], &ids[2], &ids[3]];
    // As an earlier release left it: `old` held an older text (recorded as shipped), the
    // centre rewrote `edited` and deleted `deleted`, and `new` did not exist yet.
    let set = |id: &str, answer: &str| {
        sqlx::query("UPDATE faq_entries SET answer_vi = ?1 WHERE id = ?2").bind(answer.to_owned()).bind(id.to_owned())
    };
    set(old, "Câu trả lời của bản phát hành trước.").execute(&h.pool).await.expect("update");
    let service = sxsh_bot::services::faq::FaqService::new(h.pool.clone());
    let stored = |id: String| {
        let service = service.clone();
        async move { service.get(&id).await.expect("db").expect("entry") }
    };
    let before = stored(old.clone()).await.content_hash();
    sqlx::query("UPDATE faq_shipped SET hash = ?1 WHERE id = ?2")
        .bind(&before)
        .bind(old)
        .execute(&h.pool)
        .await
        .expect("record");
    set(edited, "Trung tâm đã viết lại câu trả lời này.").execute(&h.pool).await.expect("update");
    for (table, id) in [("faq_entries", deleted), ("faq_entries", new), ("faq_shipped", new)] {
        sqlx::query(&format!("DELETE FROM {table} WHERE id = ?1")).bind(id).execute(&h.pool).await.expect("delete");
    }

    let sync = service.ensure_default().await.expect("sync");
    assert_eq!((sync.first_start, sync.added, sync.updated, sync.kept_edited), (false, 1, 1, 1), "{sync:?}");
    let built_in = |id: &str| shipped().into_iter().find(|e| e.id.as_str() == id).expect("entry");
    assert_eq!(stored(old.clone()).await, built_in(old), "brought up to date");
    assert_eq!(stored(edited.clone()).await.answer_vi, "Trung tâm đã viết lại câu trả lời này.", "the centre's text");
    assert!(service.get(deleted).await.expect("db").is_none(), "stays deleted");
    assert_eq!(stored(new.clone()).await, built_in(new), "added");
    // A second start changes nothing.
    let again = service.ensure_default().await.expect("sync");
    assert_eq!((again.added, again.updated), (0, 0));
    h.finish().await;
}
