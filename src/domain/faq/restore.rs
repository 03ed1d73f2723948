//! Puts the marks back on a question typed without them ("lam sao bao quan hoa chat" →
//! "làm sao bảo quản hóa chất") or with Telex residue ("hoas chaats" → "hóa chất"), from the
//! way the FAQ itself writes each syllable and each pair of syllables. An embeddings model
//! reads Vietnamese with its marks far better than without; the words index does not need it.

use rustc_hash::FxHashMap;

use super::normalize::{fold, is_vietnamese_syllable, telex, words};
use super::FaqEntry;

/// How the FAQ writes folded syllables and pairs of them, by frequency.
#[derive(Debug, Default)]
pub struct Restorer {
    single: FxHashMap<String, String>,
    pair: FxHashMap<(String, String), (String, String)>,
}

/// The most frequent value of each key (ties: the first seen).
fn most_frequent<K: std::hash::Hash + Eq + Clone, V: std::hash::Hash + Eq + Clone>(
    counts: FxHashMap<K, FxHashMap<V, (usize, usize)>>,
) -> FxHashMap<K, V> {
    counts
        .into_iter()
        .filter_map(|(k, forms)| {
            forms.into_iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1))).map(|(v, _)| (k, v))
        })
        .collect()
}

impl Restorer {
    pub fn build(entries: &[FaqEntry]) -> Self {
        type Counts<K, V> = FxHashMap<K, FxHashMap<V, (usize, usize)>>;
        let mut single: Counts<String, String> = FxHashMap::default();
        let mut pair: Counts<(String, String), (String, String)> = FxHashMap::default();
        let mut order = 0usize;
        for e in entries {
            let texts = [e.question_vi.as_str(), e.answer_vi.as_str()];
            for text in texts.into_iter().chain(e.keywords.iter().map(String::as_str)) {
                let ws = words(text);
                for (i, w) in ws.iter().enumerate() {
                    order += 1;
                    let slot = single.entry(fold(w)).or_default().entry(w.clone()).or_insert((0, order));
                    slot.0 += 1;
                    if let Some(next) = ws.get(i + 1) {
                        let slot = pair
                            .entry((fold(w), fold(next)))
                            .or_default()
                            .entry((w.clone(), next.clone()))
                            .or_insert((0, order));
                        slot.0 += 1;
                    }
                }
            }
        }
        Self { single: most_frequent(single), pair: most_frequent(pair) }
    }

    /// The folded syllable a word typed without marks stands for: Telex decoded when the
    /// FAQ knows the result, else the word itself.
    fn folded(&self, w: &str) -> String {
        let plain = fold(w);
        match telex(w) {
            Some(t) if self.single.contains_key(&t) && !self.single.contains_key(&plain) => t,
            _ => plain,
        }
    }

    /// `text` with marks restored, when it is Vietnamese typed without them; otherwise
    /// `text` as it is. Words the FAQ does not know are kept as typed.
    pub fn restore(&self, text: &str) -> String {
        let ws = words(text);
        if ws.is_empty() || ws.iter().any(|w| !w.is_ascii()) {
            return text.to_owned();
        }
        let folded: Vec<String> = ws.iter().map(|w| self.folded(w)).collect();
        let syllables = folded.iter().filter(|w| is_vietnamese_syllable(w) && self.single.contains_key(*w)).count();
        if syllables * 2 < folded.len() {
            return text.to_owned();
        }
        let mut out: Vec<String> = ws.clone();
        let mut fixed = vec![false; ws.len()];
        for i in 0..folded.len().saturating_sub(1) {
            if let Some((a, b)) = self.pair.get(&(folded[i].clone(), folded[i + 1].clone())) {
                if !fixed[i] {
                    out[i] = a.clone();
                    fixed[i] = true;
                }
                out[i + 1] = b.clone();
                fixed[i + 1] = true;
            }
        }
        for (i, f) in folded.iter().enumerate() {
            if !fixed[i] {
                if let Some(m) = self.single.get(f) {
                    out[i] = m.clone();
                }
            }
        }
        out.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::faq::RawEntry;

    fn faq() -> Vec<FaqEntry> {
        let raw = RawEntry {
            id: "hoa-chat",
            category: "Hóa chất",
            question_vi: "Làm sao bảo quản hóa chất an toàn?",
            answer_vi: "Để hóa chất trong kho riêng, có nhãn. Hoa quả không để chung với hóa chất.",
            ..RawEntry::default()
        };
        vec![FaqEntry::parse(&raw).expect("valid")]
    }

    #[test]
    fn marks_come_back_from_the_faqs_own_spelling() {
        let r = Restorer::build(&faq());
        assert_eq!(r.restore("lam sao bao quan hoa chat"), "làm sao bảo quản hóa chất");
        assert_eq!(r.restore("hoa qua"), "hoa quả", "a pair the FAQ writes decides the marks");
        assert_eq!(r.restore("baor quanr hoas chaats"), "bảo quản hóa chất", "Telex residue");
    }

    #[test]
    fn text_with_marks_or_in_english_is_left_alone() {
        let r = Restorer::build(&faq());
        assert_eq!(r.restore("bảo quan hoa chat"), "bảo quan hoa chat");
        assert_eq!(r.restore("how to store chemicals"), "how to store chemicals");
        assert_eq!(r.restore(""), "");
    }
}
