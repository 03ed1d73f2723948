//! Vietnamese-aware text normalisation for search: Unicode NFC and case, tone and vowel-mark
//! folding (with đ→d, which no Unicode decomposition does), Telex and VNI residue decoding
//! for text typed with the input method off, and punctuation and emoji removal.
//!
//! Folding makes "Sản xuất", "san xuat", "sanr xuaats" (Telex) and "sa3n xua61t" (VNI) the
//! same syllables; old and new tone placement ("hoà"/"hòa") fold alike.

use std::borrow::Cow;

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The base letter of a character without tone or vowel mark, by Unicode decomposition.
fn decompose_base(c: char) -> char {
    match c {
        'đ' | 'ð' => 'd',
        'Đ' => 'D',
        _ => c.nfd().find(|d| !is_combining_mark(*d)).unwrap_or(c),
    }
}

/// The Latin ranges Vietnamese letters with marks come from.
const LATIN: std::ops::RangeInclusive<u32> = 0x00C0..=0x024F;
const LATIN_EXTENDED_ADDITIONAL: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;

/// Base letters for [`LATIN`] then [`LATIN_EXTENDED_ADDITIONAL`], computed once.
fn fold_table() -> &'static [char] {
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| LATIN.chain(LATIN_EXTENDED_ADDITIONAL).filter_map(char::from_u32).map(decompose_base).collect())
}

/// The folded form of one character: the base letter without tone or vowel mark.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let code = c as u32;
    let latin = LATIN.end() - LATIN.start() + 1;
    if LATIN.contains(&code) {
        fold_table()[(code - LATIN.start()) as usize]
    } else if LATIN_EXTENDED_ADDITIONAL.contains(&code) {
        fold_table()[(latin + code - LATIN_EXTENDED_ADDITIONAL.start()) as usize]
    } else {
        decompose_base(c)
    }
}

/// Per character of [`LATIN`] then [`LATIN_EXTENDED_ADDITIONAL`]: whether it is alphanumeric
/// ([`WORD`]) and whether it is a starter allowed as is in NFC text ([`NFC_STARTER`]),
/// computed once (the standard library and the normalisation tables look these up slowly).
fn latin_flags() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        LATIN
            .chain(LATIN_EXTENDED_ADDITIONAL)
            .map(|code| {
                let Some(c) = char::from_u32(code) else { return 0 };
                let mut flags = 0;
                if c.is_alphanumeric() {
                    flags |= WORD;
                }
                if canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
                    flags |= NFC_STARTER;
                }
                flags
            })
            .collect()
    })
}

const WORD: u8 = 1;
const NFC_STARTER: u8 = 2;

fn latin_flag(c: char) -> Option<u8> {
    let code = c as u32;
    let latin = LATIN.end() - LATIN.start() + 1;
    let slot = if LATIN.contains(&code) {
        code - LATIN.start()
    } else if LATIN_EXTENDED_ADDITIONAL.contains(&code) {
        latin + code - LATIN_EXTENDED_ADDITIONAL.start()
    } else {
        return None;
    };
    Some(latin_flags()[slot as usize])
}

/// Whether a character belongs to a word (a letter or digit): [`char::is_alphanumeric`].
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match latin_flag(c) {
        Some(flags) => flags & WORD != 0,
        None => c.is_alphanumeric(),
    }
}

/// The text in Unicode NFC: borrowed when it already is (the quick check is skipped for text
/// of ASCII and precomposed Latin letters, which is always NFC).
pub fn nfc(text: &str) -> Cow<'_, str> {
    let plain = text.chars().all(|c| c.is_ascii() || latin_flag(c).is_some_and(|f| f & NFC_STARTER != 0));
    if plain || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into()
    } else {
        text.nfc().collect::<String>().into()
    }
}

/// Removes tones and vowel marks; đ/Đ become d. ASCII text is returned as it is.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`], appending to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.push_str(text);
    } else {
        out.extend(text.chars().filter(|c| !is_combining_mark(*c)).map(fold_char));
    }
}

/// [`words`], each [`fold`]ed.
pub fn folded_words(text: &str) -> Vec<String> {
    words(text).iter().map(|w| fold(w)).collect()
}

/// Splits text into lower-case words (letters and digits), dropping punctuation and emoji.
pub fn words(text: &str) -> Vec<String> {
    nfc(text)
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        // Lower case can add a mark ("İ" → "i̇"): keep word characters only, so the words of
        // the words are the same words.
        .map(|w| {
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.chars().flat_map(char::to_lowercase).filter(|c| is_word_char(*c)).collect()
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a folded, ASCII word can be a Vietnamese syllable (initial consonants, a vowel
/// nucleus, an optional final). Used to tell Telex residue from English words and typos.
pub fn is_vietnamese_syllable(w: &str) -> bool {
    const INITIALS: &[&str] = &[
        "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k", "l", "m", "n",
        "p", "r", "s", "t", "v", "x", "",
    ];
    const FINALS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", "i", "y", "o", "u", ""];
    const NUCLEI: &[&str] = &[
        "uye", "uya", "ieu", "yeu", "uoi", "uou", "oai", "oay", "uay", "ai", "ao", "au", "ay", "eo", "ia", "ie", "iu",
        "oa", "oe", "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ye", "a", "e", "i", "o", "u", "y",
    ];
    if w.is_empty() || w.len() > 7 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return false;
    }
    INITIALS.iter().filter(|i| w.starts_with(*i)).any(|i| {
        let rest = &w[i.len()..];
        NUCLEI.iter().filter(|n| rest.starts_with(*n)).any(|n| FINALS.contains(&&rest[n.len()..]))
    })
}

/// Decodes Telex residue into the folded syllable it was meant to be: `xuaats` → `xuat`,
/// `ddieenj` → `dien`, `hown` → `hon`, `nuwowcs` → `nuoc`. `None` when the word has no Telex
/// keys or does not decode into a Vietnamese syllable.
pub fn telex(word: &str) -> Option<String> {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let bytes = word.as_bytes();
    let mut out = String::with_capacity(word.len());
    let mut changed = false;
    let mut seen_vowel = false;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        let next = bytes.get(i + 1).map(|&b| b as char);
        match c {
            'd' if next == Some('d') => {
                out.push('d');
                changed = true;
                i += 2;
                continue;
            }
            'a' | 'e' | 'o' if next == Some(c) => {
                out.push(c);
                seen_vowel = true;
                changed = true;
                i += 2;
                continue;
            }
            'w' => {
                // aw → ă, ow → ơ, uw → ư (the letter is already out), a lone w → ư.
                if !matches!(out.chars().last(), Some('a' | 'o' | 'u')) {
                    out.push('u');
                }
                seen_vowel = true;
                changed = true;
            }
            's' | 'f' | 'r' | 'x' | 'j' if seen_vowel => changed = true,
            'z' if seen_vowel => changed = true,
            _ => {
                if "aeiouy".contains(c) {
                    seen_vowel = true;
                }
                out.push(c);
            }
        }
        i += 1;
    }
    (changed && is_vietnamese_syllable(&out)).then_some(out)
}

/// Decodes VNI residue: tone and mark digits typed after letters (`sa3n` → `san`,
/// `d9ie65n` → `dien`). `None` when there is nothing to decode.
pub fn vni(word: &str) -> Option<String> {
    let has_letter = word.chars().any(|c| c.is_ascii_lowercase());
    let has_digit = word.chars().any(|c| matches!(c, '1'..='9'));
    if !has_letter || !has_digit || !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let out: String = word.chars().filter(|c| !c.is_ascii_digit()).collect();
    is_vietnamese_syllable(&out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_characters_are_the_alphanumeric_ones() {
        for c in (0..0x2000).chain(0x1E00..0x1F10).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn nfc_text_is_borrowed_and_other_text_composed() {
        assert!(matches!(nfc("Sản xuất sạch hơn"), Cow::Borrowed(_)));
        assert_eq!(nfc("s\u{0061}\u{0309}n"), "sản");
        for c in (0..0x2000).chain(0x1E00..0x1F10).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(nfc(&s), s.nfc().collect::<String>(), "{c:?}");
        }
    }

    #[test]
    fn folding_removes_tones_marks_and_the_d_stroke() {
        assert_eq!(fold("sản xuất sạch hơn"), "san xuat sach hon");
        assert_eq!(fold("đắk lắk điện năng"), "dak lak dien nang");
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("ĐƯỜNG"), "DUONG");
    }

    #[test]
    fn words_drop_punctuation_and_emoji_and_normalise_composition() {
        assert_eq!(words("SXSH là gì??? 🤔 (xin cảm ơn)"), vec!["sxsh", "là", "gì", "xin", "cảm", "ơn"]);
        // Decomposed input (as some keyboards send it) is composed first.
        let decomposed = "s\u{0061}\u{0309}n";
        assert_eq!(words(decomposed), vec!["sản"]);
    }

    #[test]
    fn telex_residue_decodes_to_the_intended_syllable() {
        for (typed, meant) in [
            ("xuaats", "xuat"),
            ("sanr", "san"),
            ("sachj", "sach"),
            ("hown", "hon"),
            ("ddieenj", "dien"),
            ("nuwowcs", "nuoc"),
            ("truwowngf", "truong"),
            ("gif", "gi"),
            ("laf", "la"),
        ] {
            assert_eq!(telex(typed).as_deref(), Some(meant), "{typed}");
        }
        assert_eq!(telex("xuat"), None, "no Telex keys");
        assert_eq!(telex("process"), None, "not a Vietnamese syllable");
        assert_eq!(telex("energy"), None);
    }

    #[test]
    fn vni_residue_decodes() {
        assert_eq!(vni("sa3n").as_deref(), Some("san"));
        assert_eq!(vni("xua61t").as_deref(), Some("xuat"));
        assert_eq!(vni("d9ie65n").as_deref(), Some("dien"));
        assert_eq!(vni("1419"), None);
        assert_eq!(vni("co2"), Some("co".into()));
    }

    #[test]
    fn syllable_shapes() {
        for s in ["nghieng", "khuyen", "xuat", "a", "oanh", "quy", "gio"] {
            assert!(is_vietnamese_syllable(s), "{s}");
        }
        for s in ["process", "str", "energy", "xyz", "bcd"] {
            assert!(!is_vietnamese_syllable(s), "{s}");
        }
    }
}
