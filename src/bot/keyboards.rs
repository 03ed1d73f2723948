//! Inline keyboards, labelled from the locales.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::callback::{Callback, MenuItem};
use crate::domain::faq::FaqEntry;
use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};

fn button(lang: Lang, text: Msg, cb: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(render(lang, &text), cb.encode())
}

pub fn main_menu(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, Msg::MenuAsk, Callback::Menu(MenuItem::Ask))],
        vec![
            button(lang, Msg::MenuCourses, Callback::Menu(MenuItem::Courses)),
            button(lang, Msg::MenuNews, Callback::Menu(MenuItem::News)),
        ],
        vec![button(lang, Msg::MenuContact, Callback::Menu(MenuItem::Contact))],
        vec![button(lang, Msg::MenuLang, Callback::Menu(MenuItem::Lang))],
    ])
}

pub fn languages(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::LangButtonVi, Callback::SetLang(Lang::Vi)),
        button(lang, Msg::LangButtonEn, Callback::SetLang(Lang::En)),
    ]])
}

pub fn contact_confirm(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonSend, Callback::ContactSend),
        button(lang, Msg::ButtonCancel, Callback::ContactCancel),
    ]])
}

/// Only the contact button, under "I cannot answer yet".
pub fn contact_only(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::MenuContact, Callback::Menu(MenuItem::Contact))]])
}

/// Button labels from FAQ questions are cut to stay readable on a phone.
fn label(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn entry_button(lang: Lang, e: &FaqEntry, cb: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label(e.text(lang == Lang::En).0), cb.encode())
}

fn feedback_row(lang: Lang, id: &str) -> Vec<InlineKeyboardButton> {
    vec![
        button(lang, Msg::ButtonHelpful, Callback::Feedback { id: id.to_owned(), helpful: true }),
        button(lang, Msg::ButtonNotHelpful, Callback::Feedback { id: id.to_owned(), helpful: false }),
    ]
}

/// Under an answer: 👍/👎, then related questions.
pub fn answer(lang: Lang, id: &str, related: &[FaqEntry]) -> InlineKeyboardMarkup {
    let mut rows = vec![feedback_row(lang, id)];
    rows.extend(related.iter().map(|e| vec![entry_button(lang, e, Callback::FaqShow(e.id.as_str().to_owned()))]));
    InlineKeyboardMarkup::new(rows)
}

/// "Did you mean…": one button per candidate.
pub fn candidates(lang: Lang, entries: &[FaqEntry]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(
        entries.iter().map(|e| vec![entry_button(lang, e, Callback::FaqShow(e.id.as_str().to_owned()))]),
    )
}

pub fn forward(lang: Lang, question_id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonForward, Callback::Forward(question_id))]])
}

/// Questions per page when browsing a topic.
pub const PAGE: usize = 6;

pub fn topics(topics: &[(String, usize)]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(topics.iter().enumerate().map(|(i, (name, n))| {
        vec![InlineKeyboardButton::callback(
            format!("{} ({n})", label(name)),
            Callback::BrowseTopic { topic: i, page: 0 }.encode(),
        )]
    }))
}

pub fn topic_page(lang: Lang, topic: usize, page: usize, entries: &[FaqEntry]) -> InlineKeyboardMarkup {
    let pages = entries.len().div_ceil(PAGE).max(1);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = entries
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|e| vec![entry_button(lang, e, Callback::BrowseShow { topic, page, id: e.id.as_str().to_owned() })])
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(lang, Msg::ButtonPrev, Callback::BrowseTopic { topic, page: page - 1 }));
    }
    if page + 1 < pages {
        nav.push(button(lang, Msg::ButtonNext, Callback::BrowseTopic { topic, page: page + 1 }));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.push(vec![button(lang, Msg::ButtonBack, Callback::BrowseHome)]);
    InlineKeyboardMarkup::new(rows)
}

pub fn browsed_answer(lang: Lang, topic: usize, page: usize, id: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        feedback_row(lang, id),
        vec![button(lang, Msg::ButtonBack, Callback::BrowseTopic { topic, page })],
    ])
}

/// Under a question passed to an admin.
pub fn reply(lang: Lang, question_id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonReply, Callback::Reply(question_id))]])
}
