//! Inline keyboards, labelled from the locales.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use super::callback::{Callback, MenuItem};
use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};

fn button(lang: Lang, label: Msg, cb: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(render(lang, &label), cb.encode())
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
