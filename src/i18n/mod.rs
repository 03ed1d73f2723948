//! The only code that touches Fluent. Every user-visible text is a [`Msg`]; `render(lang, &msg)`
//! looks its id up in `locales/<lang>/*.ftl` with Unicode isolation marks off and every string
//! argument HTML-escaped, because every message goes out in Telegram's HTML parse mode.
//! Must not import teloxide or sqlx.

mod msg;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

pub use msg::{Arg, Msg};

use crate::domain::lang::Lang;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "vi",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Why a message could not be rendered exactly as asked.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("message {id} in locale {lang}: {detail}")]
    Lookup { id: &'static str, lang: &'static str, detail: String },
}

fn langid(lang: Lang) -> LanguageIdentifier {
    // Both codes are valid BCP 47 subtags, so parsing cannot fail; fall back to the loader's
    // own fallback rather than panic.
    lang.code().parse().unwrap_or_else(|_| LOCALES.fallback().clone())
}

fn fluent_args(msg: &Msg) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    args_escaped(msg, true)
}

fn args_escaped(msg: &Msg, escape: bool) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    msg.args()
        .into_iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Text(s) if escape => FluentValue::from(escape_html(&s)),
                Arg::Text(s) => FluentValue::from(s),
                Arg::Number(n) => FluentValue::from(n),
            };
            (Cow::Borrowed(name), value)
        })
        .collect()
}

/// Renders `msg` in `lang`, failing if the id is missing in that locale or an argument the
/// message uses was not given. Tests use this; the bot uses [`render`].
pub fn try_render(lang: Lang, msg: &Msg) -> Result<String, RenderError> {
    let args = fluent_args(msg);
    LOCALES.lookup_single_language(&langid(lang), msg.id(), Some(&args)).map_err(|e| RenderError::Lookup {
        id: msg.id(),
        lang: lang.code(),
        detail: e.to_string(),
    })
}

/// Renders `msg` in `lang`; a missing translation falls back to Vietnamese, and a message that
/// cannot be rendered at all is logged and shown as its id (never a panic).
pub fn render(lang: Lang, msg: &Msg) -> String {
    match try_render(lang, msg) {
        Ok(text) => text,
        Err(e) => {
            tracing::error!(error = %e, "cannot render a message");
            LOCALES
                .try_lookup_with_args(&langid(Lang::Vi), msg.id(), &fluent_args(msg))
                .unwrap_or_else(|| msg.id().to_owned())
        }
    }
}

/// Renders `msg` as plain text, arguments unescaped: for button labels and file captions
/// sent without a parse mode, where Telegram shows text as it is. The message itself must
/// hold no markup.
pub fn render_plain(lang: Lang, msg: &Msg) -> String {
    LOCALES
        .lookup_single_language(&langid(lang), msg.id(), Some(&args_escaped(msg, false)))
        .unwrap_or_else(|_| render(lang, msg))
}

/// The words of an exported roster in `lang`.
pub fn roster_labels(lang: Lang) -> crate::domain::registration::RosterLabels {
    use crate::domain::registration::ROSTER_COLUMNS;
    let columns = i64::try_from(ROSTER_COLUMNS).unwrap_or(0);
    crate::domain::registration::RosterLabels {
        header: (1..=columns).map(|n| render(lang, &Msg::RosterColumn { n })).collect(),
        confirmed: render(lang, &Msg::RosterConfirmed),
        waitlisted: render(lang, &Msg::RosterWaitlisted),
        yes: render(lang, &Msg::RosterYes),
        no: render(lang, &Msg::RosterNo),
    }
}

/// Escapes text for Telegram's HTML parse mode (`&`, `<`, `>` and `"`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_html_escaped_and_not_isolated() {
        let text =
            try_render(Lang::Vi, &Msg::StartGreeting { name: "<b>Tom & Jerry</b>".into() }).expect("greeting renders");
        assert!(text.contains("&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"), "{text}");
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
    }

    #[test]
    fn every_message_renders_in_every_language() {
        for lang in Lang::ALL {
            for msg in Msg::examples() {
                let text = try_render(lang, &msg).unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{} is empty in {}", msg.id(), lang.code());
                assert!(!text.contains("{$"), "{} has an unresolved placeable", msg.id());
            }
        }
    }

    #[test]
    fn vietnamese_and_english_differ() {
        let vi = render(Lang::Vi, &Msg::HelpText);
        let en = render(Lang::En, &Msg::HelpText);
        assert_ne!(vi, en);
    }
}

/// Telegram's limit for one message's text.
pub const MAX_MESSAGE: usize = 4096;

/// Splits a rendered HTML text into messages of at most `limit` UTF-16 units, at paragraph
/// boundaries when possible, then at line breaks, then between words.
pub fn split_message(text: &str, limit: usize) -> Vec<String> {
    let len = |s: &str| s.encode_utf16().count();
    let mut parts = Vec::new();
    let mut rest = text.trim();
    while len(rest) > limit {
        // The longest prefix that fits, cut at the best boundary inside it.
        let mut fit = 0;
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            units += c.len_utf16();
            if units > limit {
                break;
            }
            fit = i + c.len_utf8();
        }
        let head = &rest[..fit];
        let cut = head
            .rfind("\n\n")
            .or_else(|| head.rfind('\n'))
            .or_else(|| head.rfind(' '))
            .filter(|&i| i > 0)
            .unwrap_or(fit);
        parts.push(rest[..cut].trim_end().to_owned());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        parts.push(rest.to_owned());
    }
    parts
}

#[cfg(test)]
mod split_tests {
    use super::split_message;

    #[test]
    fn long_texts_split_at_paragraphs_within_the_limit() {
        let para = "Đoạn văn tiếng Việt có dấu. ".repeat(40);
        let text = format!("{para}\n\n{para}\n\n{para}");
        let parts = split_message(&text, 2500);
        assert!(parts.len() >= 2);
        assert!(parts.iter().all(|p| p.encode_utf16().count() <= 2500));
        assert_eq!(parts.concat().replace(['\n', ' '], ""), text.replace(['\n', ' '], ""));
        assert_eq!(split_message("ngắn", 4096), vec!["ngắn"]);
        let word = "x".repeat(5000);
        assert!(split_message(&word, 4096).iter().all(|p| p.len() <= 4096));
    }
}
