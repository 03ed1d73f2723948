//! Callback data: short ASCII codes (Telegram allows 64 bytes), decoded into [`Callback`].
//! FAQ ids are slugs of at most 40 bytes, so every code fits. Anything that does not decode
//! comes from an older menu and is answered as expired.

use crate::domain::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Ask,
    Courses,
    News,
    Contact,
    Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    Menu(MenuItem),
    SetLang(Lang),
    ContactSend,
    ContactCancel,
    /// Show an FAQ answer as a new message.
    FaqShow(String),
    /// 👍 (true) or 👎 under an answer.
    Feedback {
        id: String,
        helpful: bool,
    },
    /// Send an unanswered question (by its id) to the centre.
    Forward(i64),
    /// An admin answers a passed question.
    Reply(i64),
    /// /faq browsing, in the same message: the topics, a topic's page, an answer.
    BrowseHome,
    BrowseTopic {
        topic: usize,
        page: usize,
    },
    BrowseShow {
        topic: usize,
        page: usize,
        id: String,
    },
}

impl Callback {
    pub fn encode(&self) -> String {
        match self {
            Callback::Menu(MenuItem::Ask) => "m:ask".into(),
            Callback::Menu(MenuItem::Courses) => "m:courses".into(),
            Callback::Menu(MenuItem::News) => "m:news".into(),
            Callback::Menu(MenuItem::Contact) => "m:contact".into(),
            Callback::Menu(MenuItem::Lang) => "m:lang".into(),
            Callback::SetLang(lang) => format!("l:{}", lang.code()),
            Callback::ContactSend => "c:send".into(),
            Callback::ContactCancel => "c:cancel".into(),
            Callback::FaqShow(id) => format!("f:a:{id}"),
            Callback::Feedback { id, helpful } => format!("f:{}:{id}", if *helpful { "u" } else { "d" }),
            Callback::Forward(q) => format!("q:f:{q}"),
            Callback::Reply(q) => format!("q:r:{q}"),
            Callback::BrowseHome => "f:h".into(),
            Callback::BrowseTopic { topic, page } => format!("f:c:{topic}:{page}"),
            Callback::BrowseShow { topic, page, id } => format!("f:s:{topic}:{page}:{id}"),
        }
    }

    pub fn decode(data: &str) -> Option<Callback> {
        let parts: Vec<&str> = data.splitn(5, ':').collect();
        let num = |s: &str| s.parse::<usize>().ok();
        Some(match parts.as_slice() {
            ["m", "ask"] => Callback::Menu(MenuItem::Ask),
            ["m", "courses"] => Callback::Menu(MenuItem::Courses),
            ["m", "news"] => Callback::Menu(MenuItem::News),
            ["m", "contact"] => Callback::Menu(MenuItem::Contact),
            ["m", "lang"] => Callback::Menu(MenuItem::Lang),
            ["l", code] => Callback::SetLang(Lang::from_code(code)?),
            ["c", "send"] => Callback::ContactSend,
            ["c", "cancel"] => Callback::ContactCancel,
            ["f", "a", id] if !id.is_empty() => Callback::FaqShow((*id).to_owned()),
            ["f", "u", id] if !id.is_empty() => Callback::Feedback { id: (*id).to_owned(), helpful: true },
            ["f", "d", id] if !id.is_empty() => Callback::Feedback { id: (*id).to_owned(), helpful: false },
            ["q", "f", q] => Callback::Forward(q.parse().ok()?),
            ["q", "r", q] => Callback::Reply(q.parse().ok()?),
            ["f", "h"] => Callback::BrowseHome,
            ["f", "c", t, p] => Callback::BrowseTopic { topic: num(t)?, page: num(p)? },
            ["f", "s", t, p, id] if !id.is_empty() => {
                Callback::BrowseShow { topic: num(t)?, page: num(p)?, id: (*id).to_owned() }
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_round_trips_within_64_bytes() {
        let long_id = "x".repeat(crate::domain::faq::MAX_ID);
        let all = [
            Callback::Menu(MenuItem::Ask),
            Callback::Menu(MenuItem::Courses),
            Callback::Menu(MenuItem::News),
            Callback::Menu(MenuItem::Contact),
            Callback::Menu(MenuItem::Lang),
            Callback::SetLang(Lang::Vi),
            Callback::SetLang(Lang::En),
            Callback::ContactSend,
            Callback::ContactCancel,
            Callback::FaqShow(long_id.clone()),
            Callback::Feedback { id: long_id.clone(), helpful: true },
            Callback::Feedback { id: long_id.clone(), helpful: false },
            Callback::Forward(i64::MAX),
            Callback::Reply(i64::MAX),
            Callback::BrowseHome,
            Callback::BrowseTopic { topic: 99, page: 99 },
            Callback::BrowseShow { topic: 99, page: 99, id: long_id },
        ];
        for cb in all {
            let data = cb.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::decode(&data), Some(cb));
        }
        assert_eq!(Callback::decode("old:thing"), None);
        assert_eq!(Callback::decode("q:f:abc"), None);
    }
}
