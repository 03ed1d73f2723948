//! Bounds on free text users type, applied before it is searched, stored or passed on.
//! Dialogue fields refuse over-long input and ask again (`course::clean_text`,
//! `centre::CentreMessage`); a question is different: it is cut, answered, and the user is
//! told, because asking again would only annoy someone who pasted a long text.

/// The longest question searched, stored and passed to the centre, in characters. Telegram
/// allows 4096 in a message; an admin's copy adds a header and a reply quotes the question
/// beside a 2000-character answer, so a question must stay well below.
pub const MAX_QUESTION: usize = 1000;

/// `text` without surrounding whitespace, cut to at most `max` characters at a character
/// boundary; `true` when something was cut.
pub fn cut(text: &str, max: usize) -> (&str, bool) {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((at, _)) => (text[..at].trim_end(), true),
        None => (text, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_cut_at_a_character_boundary_only_when_too_long() {
        assert_eq!(cut("  sản xuất sạch hơn  ", 100), ("sản xuất sạch hơn", false));
        assert_eq!(cut("đđđđ", 2), ("đđ", true));
        assert_eq!(cut("😀😀😀", 1), ("😀", true));
        assert_eq!(cut("ab  cd", 3), ("ab", true), "no trailing space after the cut");
        assert_eq!(cut("", 10), ("", false));
        let long = "ệ".repeat(4096);
        let (short, was_cut) = cut(&long, MAX_QUESTION);
        assert!(was_cut);
        assert_eq!(short.chars().count(), MAX_QUESTION);
    }
}
