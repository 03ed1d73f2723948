//! Hybrid answers: the lexical ranking ([`super::Index::search`]) and the entries' cosine
//! similarity to the question's vector ([`super::dense`]) fused into one ranking, and the
//! answer policy (confident / did you mean / don't know) decided on both kinds of evidence.
//! The two fail on different questions: words miss paraphrases, vectors miss rare names and
//! codes and cannot tell an off-topic question by themselves.

use super::{Decision, Hit, Index};

/// Every weight and threshold of the hybrid decision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hybrid {
    /// Weight of the lexical score (as a share of the best lexical score).
    pub lexical_weight: f32,
    /// Weight of the dense similarity, scaled so that the best entry is 1 and the
    /// [`Hybrid::dense_floor_rank`]-th entry 0.
    pub dense_weight: f32,
    /// The rank whose similarity counts as "unrelated" (0 after scaling).
    pub dense_floor_rank: usize,
    /// A question whose best similarity is below this is off-topic unless the words know it
    /// (the lexical policy would answer or ask "did you mean…") ...
    pub min_similarity: f32,
    /// ... and one below this is off-topic unless the words are sure of an entry (confident,
    /// relevant or agreeing with the meaning: see [`Hybrid::weak_words_relevance`]).
    pub reject_similarity: f32,
    /// A confident answer needs the best similarity at least this high, or the lexical
    /// policy confident on the same entry.
    pub confident_similarity: f32,
    /// The runner-up must fuse below this share of the best for a confident answer.
    pub confident_margin: f32,
    /// Entries offered in "did you mean…" fuse at least this share of the best.
    pub ambiguous_share: f32,
    /// Words whose relevance ([`super::Policy::relevance`]) is below this, and whose best
    /// entry is not the one nearest in meaning, count one step less sure: confident words as
    /// half knowing the question, half-knowing words as not knowing it. A few words met by
    /// chance in an entry ("giá", "máy", "công nhân") then need the meaning to agree.
    pub weak_words_relevance: f32,
    /// A question whose vector is nearer an off-topic reference ([`super::offtopic`]) than
    /// the nearest entry by more than this is declined.
    pub off_topic_margin: f32,
    /// A question whose best similarity clears [`Hybrid::reject_similarity`] and is at least
    /// the nearest off-topic reference's plus this (a negative value: no more than this below
    /// it) counts as known by its meaning, even below [`Hybrid::min_similarity`]: the
    /// references tell what "unrelated" looks like for that question, which a fixed similarity
    /// cannot. A question no nearer an unrelated message than an entry is about the entry.
    pub reference_clearance: f32,
}

impl Default for Hybrid {
    /// Tuned on the default FAQ (with and without its keywords), the held-out FAQ and the
    /// three tuning sets with multilingual-e5-small; never on the sealed sets.
    fn default() -> Self {
        Hybrid {
            lexical_weight: 1.0,
            dense_weight: 0.5,
            dense_floor_rank: 3,
            min_similarity: 0.875,
            reject_similarity: 0.855,
            confident_similarity: 0.86,
            confident_margin: 0.7,
            ambiguous_share: 0.6,
            weak_words_relevance: 1.0,
            off_topic_margin: 0.02,
            reference_clearance: -0.005,
        }
    }
}

/// Fuses the lexical hits (best first) with per-entry similarities (`None`: no vector) into
/// one ranking, best first. The returned hits keep their lexical fields (zero for an entry
/// found by its vector alone) and carry the fused score.
pub fn fuse(p: &Hybrid, lexical: &[Hit], sims: &[Option<f32>]) -> Vec<Hit> {
    let docs = sims.len();
    let mut sorted: Vec<f32> = sims.iter().flatten().copied().collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let best_sim = sorted.first().copied().unwrap_or(0.0);
    let floor = sorted.get(p.dense_floor_rank.min(sorted.len().saturating_sub(1))).copied().unwrap_or(0.0);
    let span = (best_sim - floor).max(1e-6);
    let best_lex = lexical.first().map_or(0.0, |h| h.score).max(1e-6);
    let off_topic = lexical.first().map_or(0.0, |h| h.off_topic);
    let message_words = lexical.first().map_or(0, |h| h.message_words);

    let mut by_doc: Vec<Option<Hit>> = vec![None; docs.max(lexical.iter().map(|h| h.doc + 1).max().unwrap_or(0))];
    for h in lexical {
        by_doc[h.doc] = Some(*h);
    }
    let mut out: Vec<Hit> = (0..by_doc.len())
        .filter_map(|doc| {
            let lex = by_doc[doc];
            let dense = sims.get(doc).copied().flatten().map_or(0.0, |s| ((s - floor) / span).max(0.0));
            let lexical = lex.map_or(0.0, |h| h.score / best_lex);
            let score = p.lexical_weight * lexical + p.dense_weight * dense;
            (score > 0.0).then(|| Hit {
                score,
                ..lex.unwrap_or(Hit {
                    doc,
                    score,
                    coverage: 0.0,
                    evidence: 0.0,
                    title_evidence: 0.0,
                    question_coverage: 0.0,
                    off_topic,
                    message_words,
                })
            })
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
    out
}

/// What the words found for a question: the lexical policy's decision, the best lexical
/// entry and its relevance ([`Index::relevance`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub decision: Decision,
    pub best: Option<usize>,
    pub relevance: Option<f32>,
}

impl Words {
    /// The words' evidence from hits already found by `index` (best first).
    pub fn new(index: &Index, hits: &[Hit]) -> Self {
        Words { decision: index.decide_hits(hits), best: hits.first().map(|h| h.doc), relevance: index.relevance(hits) }
    }
}

/// The answer policy on both kinds of evidence. `words` is what the lexical search found for
/// the same question, `fused` the output of [`fuse`], `sims` the similarities and
/// `off_topic` the question's similarity to the nearest off-topic reference, if known.
pub fn decide(p: &Hybrid, words: &Words, fused: &[Hit], sims: &[Option<f32>], off_topic: Option<f32>) -> Decision {
    let Some(best) = fused.first().copied() else { return Decision::Unknown };
    let (nearest, best_sim) = sims
        .iter()
        .enumerate()
        .filter_map(|(doc, s)| s.map(|s| (doc, s)))
        .fold((None, f32::MIN), |(d, m), (doc, s)| if s > m { (Some(doc), s) } else { (d, m) });
    let lexical = &words.decision;
    // 2: confident, 1: half knowing, 0: not knowing.
    let mut sureness: u8 = match lexical {
        Decision::Confident(_) => 2,
        Decision::Ambiguous(_) => 1,
        Decision::Unknown => 0,
    };
    let weak = words.relevance.is_none_or(|r| r < p.weak_words_relevance) && words.best != nearest;
    if weak {
        sureness = sureness.saturating_sub(1);
    }
    // Half-knowing words are enough above the floor (checked below), sure ones anywhere.
    let words_know = sureness >= 1;
    let meaning_knows = best_sim >= p.min_similarity
        || off_topic.is_some_and(|r| best_sim >= p.reject_similarity && best_sim >= r + p.reference_clearance);
    // Words sure of an entry outweigh a nearer off-topic reference.
    let nearer_off_topic = sureness < 2 && off_topic.is_some_and(|s| s > best_sim + p.off_topic_margin);
    if (best_sim < p.reject_similarity && sureness < 2) || !(words_know || meaning_knows) || nearer_off_topic {
        return Decision::Unknown;
    }
    let runner_up = fused.get(1).map_or(0.0, |h| h.score);
    let lexically_sure = sureness == 2 && matches!(lexical, Decision::Confident(h) if h.doc == best.doc);
    let sure = lexically_sure || sims.get(best.doc).copied().flatten().is_some_and(|s| s >= p.confident_similarity);
    if sure && runner_up <= p.confident_margin * best.score {
        Decision::Confident(best)
    } else {
        Decision::Ambiguous(
            fused.iter().take(3).filter(|h| h.score >= p.ambiguous_share * best.score).copied().collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words sure enough of what they found ([`Hybrid::weak_words_relevance`] aside).
    fn words(decision: Decision) -> Words {
        let best = decision.hits().first().map(|h| h.doc);
        Words { decision, best, relevance: Some(5.0) }
    }

    fn hit(doc: usize, score: f32) -> Hit {
        Hit {
            doc,
            score,
            coverage: 0.8,
            evidence: 2.0,
            title_evidence: 2.0,
            question_coverage: 0.8,
            off_topic: 0.0,
            message_words: 6,
        }
    }

    #[test]
    fn vectors_rescue_a_paraphrase_the_words_ranked_second() {
        let p = Hybrid { dense_floor_rank: 2, ..Hybrid::default() };
        let lexical = [hit(0, 10.0), hit(1, 9.0)];
        let sims = [Some(0.80), Some(0.93), Some(0.78), Some(0.77)];
        let fused = fuse(&p, &lexical, &sims);
        assert_eq!(fused[0].doc, 1);
        assert!(fused[0].evidence > 0.0, "the lexical fields are kept");
    }

    #[test]
    fn a_question_far_from_every_entry_is_declined() {
        let p = Hybrid::default();
        let sims = [Some(0.70), Some(0.72)];
        let fused = fuse(&p, &[], &sims);
        assert_eq!(decide(&p, &words(Decision::Unknown), &fused, &sims, None), Decision::Unknown);
        // Words alone found something, but the vectors say it is unrelated.
        let lexical = [hit(0, 3.0)];
        let fused = fuse(&p, &lexical, &sims);
        assert_eq!(decide(&p, &words(Decision::Ambiguous(lexical.to_vec())), &fused, &sims, None), Decision::Unknown);
    }

    #[test]
    fn words_that_only_half_know_a_question_need_the_meaning_to_agree() {
        let p = Hybrid::default();
        let sims = [Some(0.845), Some(0.80), Some(0.79)];
        let lexical = [hit(0, 3.0), hit(1, 2.8)];
        let fused = fuse(&p, &lexical, &sims);
        assert!(0.845 < p.reject_similarity);
        assert_eq!(decide(&p, &words(Decision::Ambiguous(lexical.to_vec())), &fused, &sims, None), Decision::Unknown);
        // Words sure of the entry are enough at the same similarity.
        assert!(
            matches!(decide(&p, &words(Decision::Confident(lexical[0])), &fused, &sims, None), Decision::Confident(h) if h.doc == 0)
        );
        // Above the floor, half-knowing words are enough.
        let sims = [Some(0.86), Some(0.80), Some(0.79)];
        let fused = fuse(&p, &lexical, &sims);
        assert!(p.reject_similarity < 0.86 && 0.86 < p.min_similarity);
        assert_ne!(decide(&p, &words(Decision::Ambiguous(lexical.to_vec())), &fused, &sims, None), Decision::Unknown);
    }

    #[test]
    fn a_question_nearer_an_off_topic_reference_is_declined_unless_the_words_are_sure() {
        let p = Hybrid::default();
        let sims = [Some(0.90), Some(0.80), Some(0.79), Some(0.78)];
        let lexical = [hit(0, 3.0), hit(1, 2.8)];
        let fused = fuse(&p, &lexical, &sims);
        let unsure = words(Decision::Ambiguous(lexical.to_vec()));
        assert_ne!(decide(&p, &unsure, &fused, &sims, Some(0.85)), Decision::Unknown);
        assert_eq!(decide(&p, &unsure, &fused, &sims, Some(0.90 + p.off_topic_margin + 0.01)), Decision::Unknown);
        let sure = words(Decision::Confident(lexical[0]));
        assert_ne!(decide(&p, &sure, &fused, &sims, Some(0.95)), Decision::Unknown);
    }

    #[test]
    fn words_sure_of_an_entry_hold_below_the_rejection_floor_and_unsure_ones_do_not() {
        let p = Hybrid::default();
        let sims = [Some(0.83), Some(0.80), Some(0.79), Some(0.78)];
        let lexical = [hit(0, 3.0), hit(1, 1.0)];
        let fused = fuse(&p, &lexical, &sims);
        assert!(0.83 < p.reject_similarity);
        assert!(matches!(
            decide(&p, &words(Decision::Confident(lexical[0])), &fused, &sims, None),
            Decision::Confident(h) if h.doc == 0
        ));
        assert_eq!(decide(&p, &words(Decision::Ambiguous(lexical.to_vec())), &fused, &sims, None), Decision::Unknown);
        // Confident but weak words that point elsewhere than the meaning are not sure.
        let elsewhere = [Some(0.80), Some(0.83), Some(0.79), Some(0.78)];
        let weak = Words { relevance: Some(p.weak_words_relevance - 0.5), ..words(Decision::Confident(lexical[0])) };
        assert_eq!(decide(&p, &weak, &fuse(&p, &lexical, &elsewhere), &elsewhere, None), Decision::Unknown);
    }

    #[test]
    fn a_question_clear_of_the_references_is_known_by_its_meaning_below_the_fixed_threshold() {
        let p = Hybrid::default();
        let sims = [Some(0.865), Some(0.80), Some(0.79), Some(0.78)];
        let fused = fuse(&p, &[], &sims);
        let nothing = words(Decision::Unknown);
        assert!(0.865 < p.min_similarity, "below the fixed threshold");
        assert_eq!(decide(&p, &nothing, &fused, &sims, None), Decision::Unknown);
        assert_eq!(decide(&p, &nothing, &fused, &sims, Some(0.875)), Decision::Unknown, "nearer a reference");
        assert_ne!(decide(&p, &nothing, &fused, &sims, Some(0.865)), Decision::Unknown, "as near as a reference");
        assert_ne!(decide(&p, &nothing, &fused, &sims, Some(0.82)), Decision::Unknown);
        // Never below the floor.
        let low = [Some(0.85), Some(0.70), Some(0.69), Some(0.68)];
        assert_eq!(decide(&p, &nothing, &fuse(&p, &[], &low), &low, Some(0.60)), Decision::Unknown);
    }

    #[test]
    fn a_close_runner_up_makes_it_a_question_back() {
        let p = Hybrid { dense_floor_rank: 2, ..Hybrid::default() };
        let sims = [Some(0.91), Some(0.905), Some(0.70)];
        let fused = fuse(&p, &[], &sims);
        assert!(
            matches!(decide(&p, &words(Decision::Unknown), &fused, &sims, None), Decision::Ambiguous(v) if v.len() == 2)
        );
        let sims = [Some(0.91), Some(0.80), Some(0.70)];
        let fused = fuse(&p, &[], &sims);
        assert!(
            matches!(decide(&p, &words(Decision::Unknown), &fused, &sims, None), Decision::Confident(h) if h.doc == 0)
        );
    }

    #[test]
    fn weakly_relevant_words_that_disagree_with_the_meaning_need_it_to_be_surer() {
        let p = Hybrid::default();
        // The words are confident of entry 0, the meaning prefers entry 1, neither clearly.
        let sims = [Some(0.845), Some(0.848), Some(0.80), Some(0.79)];
        let lexical = [hit(0, 3.0)];
        let fused = fuse(&p, &lexical, &sims);
        let strong = words(Decision::Confident(lexical[0]));
        assert_ne!(decide(&p, &strong, &fused, &sims, None), Decision::Unknown);
        let weak = Words { relevance: Some(p.weak_words_relevance - 0.5), ..strong.clone() };
        assert_eq!(decide(&p, &weak, &fused, &sims, None), Decision::Unknown);
        // Weak words that point where the meaning points still count.
        let sims = [Some(0.848), Some(0.845), Some(0.80), Some(0.79)];
        let fused = fuse(&p, &lexical, &sims);
        assert_ne!(decide(&p, &weak, &fused, &sims, None), Decision::Unknown);
    }
}
