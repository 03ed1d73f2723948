//! Questions people send the bot that a centre's FAQ does not answer (greetings, prices,
//! loans, weather, football…), shipped with the bot. They are searched beside the entries
//! and never offered: a question more like one of them than like any entry is declined, so
//! that a word shared by chance ("giá", "vay", "máy") does not pull in an entry.

/// The references, one per line of `offtopic.txt`.
pub fn references() -> impl Iterator<Item = &'static str> {
    include_str!("offtopic.txt").lines().map(str::trim).filter(|l| !l.is_empty())
}
