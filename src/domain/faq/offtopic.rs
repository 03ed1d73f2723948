//! Questions people send the bot that a centre's FAQ does not answer (greetings, prices,
//! loans, weather, football…), shipped with the bot. They are searched beside the entries
//! and never offered: a question more like one of them than like any entry is declined, so
//! that a word shared by chance ("giá", "vay", "máy") does not pull in an entry.
//!
//! Two lists. `offtopic.txt` is compared by words and by meaning. `offtopic_meaning.txt`, the
//! near-domain ones (hiring, wages, market prices, household appliances, farming, a house's
//! electricity bill) and everyday life, is compared by meaning only: by words such a message
//! shares "máy", "điện" or "công nhân" with real questions and would pull them down, while
//! by meaning the whole question is weighed.

/// The references compared by words (and by meaning), one per line of `offtopic.txt`.
pub fn word_references() -> impl Iterator<Item = &'static str> {
    lines(include_str!("offtopic.txt"))
}

/// Every reference compared by meaning: [`word_references`], then `offtopic_meaning.txt`.
pub fn references() -> impl Iterator<Item = &'static str> {
    word_references().chain(lines(include_str!("offtopic_meaning.txt")))
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}
