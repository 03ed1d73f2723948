//! Callback data: short ASCII codes (Telegram allows 64 bytes), decoded into [`Callback`].
//! Anything that does not decode comes from an older menu and is answered as expired.

use crate::domain::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Ask,
    Courses,
    News,
    Contact,
    Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Callback {
    Menu(MenuItem),
    SetLang(Lang),
    ContactSend,
    ContactCancel,
}

impl Callback {
    pub fn encode(self) -> String {
        let code = match self {
            Callback::Menu(MenuItem::Ask) => "m:ask",
            Callback::Menu(MenuItem::Courses) => "m:courses",
            Callback::Menu(MenuItem::News) => "m:news",
            Callback::Menu(MenuItem::Contact) => "m:contact",
            Callback::Menu(MenuItem::Lang) => "m:lang",
            Callback::SetLang(Lang::Vi) => "l:vi",
            Callback::SetLang(Lang::En) => "l:en",
            Callback::ContactSend => "c:send",
            Callback::ContactCancel => "c:cancel",
        };
        code.to_owned()
    }

    pub fn decode(data: &str) -> Option<Callback> {
        Some(match data {
            "m:ask" => Callback::Menu(MenuItem::Ask),
            "m:courses" => Callback::Menu(MenuItem::Courses),
            "m:news" => Callback::Menu(MenuItem::News),
            "m:contact" => Callback::Menu(MenuItem::Contact),
            "m:lang" => Callback::Menu(MenuItem::Lang),
            "l:vi" => Callback::SetLang(Lang::Vi),
            "l:en" => Callback::SetLang(Lang::En),
            "c:send" => Callback::ContactSend,
            "c:cancel" => Callback::ContactCancel,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_round_trips_within_64_bytes() {
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
        ];
        for cb in all {
            let data = cb.encode();
            assert!(data.len() <= 64);
            assert_eq!(Callback::decode(&data), Some(cb));
        }
        assert_eq!(Callback::decode("old:thing"), None);
    }
}
