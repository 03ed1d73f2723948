//! The answer policy: from the lexical hits of a question ([`super::Index::search`]) to what
//! the bot does with it (answer, ask "did you mean…", or say it does not know). Pure rules
//! on shares and counts of words and one relevance score; every threshold is a field of
//! [`Policy`].

use super::Hit;

/// The answer policy: thresholds on the best entry's coverage of the question and on how far
/// it stands above the runner-up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    pub confident_coverage: f32,
    pub ambiguous_coverage: f32,
    /// The runner-up must score below this share of the best for a confident answer.
    pub confident_margin: f32,
    /// Entries offered in "did you mean…" must score at least this share of the best.
    pub ambiguous_share: f32,
    /// Coverage is measured against at most this many informative words' weight, so that a
    /// long story around a question is not penalised for the words around it.
    pub coverage_cap_words: f32,
    /// The best entry must match at least this much evidence (see [`Hit::evidence`]).
    pub min_evidence_words: f32,
    /// ... and at least this much in its question or keywords: an entry is not offered for
    /// a few words met only in its answer ...
    pub min_title_evidence: f32,
    /// ... unless they are at least this much evidence ...
    pub answer_only_evidence: f32,
    /// ... and cover at least this share of the question.
    pub answer_only_coverage: f32,
    /// The best entry's coverage is at least this share of its [`Hit::question_coverage`].
    pub question_coverage_share: f32,
    /// A question with less evidence than [`Policy::min_evidence_words`] (one rare word,
    /// such as "MSDS là giấy gì") is still answered when at least this much of it is met in
    /// the best entry's question ...
    pub single_title_evidence: f32,
    /// ... it covers at least this share of the question ...
    pub single_coverage: f32,
    /// ... and the runner-up scores at most this share of the best: the word singles one
    /// entry out. Shares and counts of words, not raw scores, so that they hold for any FAQ.
    pub single_margin: f32,
    /// An entry about stopping something ("hủy", "ngừng", "không muốn") scores this share
    /// when the question asks for the thing itself, and the other way round: "nhận thông
    /// báo" is not "hủy nhận thông báo".
    pub polarity_mismatch: f32,
    /// An entry whose question or keywords name the step the question asks about ("bước 6")
    /// scores this many times more: the step itself, not the list of all steps.
    pub step_match: f32,
    /// A question the best entry covers to at least this share (every word of a short
    /// question such as "không gian kín?" or "LOTO là gì") ...
    pub full_coverage: f32,
    /// ... with at least this much evidence in the entry's question or keywords is offered
    /// as "did you mean…" even when it is too little evidence to answer.
    pub full_coverage_title_evidence: f32,
    /// A word the index does not know that has this many letters or fewer is repaired only
    /// by one letter left out ("dùg", "pải", "điệ"), and never when shorter.
    pub short_typo_chars: usize,
    /// How relevant the best entry is, one number from the evidence (a logistic score):
    /// `relevance_bias + relevance_coverage × coverage + relevance_question × question
    /// coverage + relevance_title × title evidence (in words, at most
    /// [`Policy::relevance_title_words`], as a share of that) + relevance_evidence × evidence
    /// (at most [`Policy::relevance_evidence_words`], as a share) + relevance_gap × (1 −
    /// runner-up's share of the best score)`. Fitted to tell on-topic questions from
    /// off-topic ones on the tuning sets, never on the sealed sets.
    pub relevance_bias: f32,
    pub relevance_coverage: f32,
    pub relevance_question: f32,
    pub relevance_title: f32,
    pub relevance_title_words: f32,
    pub relevance_evidence: f32,
    pub relevance_evidence_words: f32,
    pub relevance_gap: f32,
    /// An offer whose relevance is below this is withdrawn ("I don't know") ...
    pub decline_relevance: f32,
    /// ... and a question the rules above would decline is offered as "did you mean…" when
    /// its relevance is at least this.
    pub rescue_relevance: f32,
    /// A question is declined when an off-topic reference ([`Hit::off_topic`]) scores at
    /// least this share of the best entry: it is more like what the FAQ does not answer.
    pub off_topic_share: f32,
    /// A question the rules above decline is still asked back ("did you mean…") when every
    /// off-topic reference scores at most this share of the best entry (it is far more like
    /// an entry than like anything the FAQ does not answer) ...
    pub clear_of_references: f32,
    /// ... and it asks more than this share of the entry's own question ...
    pub clear_question_coverage: f32,
    /// ... or it is a message of at least this many words with [`Policy::min_evidence_words`]
    /// of evidence: people tell a story around a real question, rarely around chatter. Words
    /// met only in an answer are never enough ([`Policy::min_title_evidence`]).
    pub clear_message_words: u16,
}

impl Policy {
    /// [`Policy::relevance_bias`]'s score for the best hit, given the runner-up's score.
    pub fn relevance(&self, best: &Hit, runner_up: f32) -> f32 {
        let share = |value: f32, cap: f32| value.min(cap) / cap.max(f32::EPSILON);
        let gap = 1.0 - (runner_up / best.score.max(f32::EPSILON)).min(1.0);
        self.relevance_bias
            + self.relevance_coverage * best.coverage
            + self.relevance_question * best.question_coverage
            + self.relevance_title * share(best.title_evidence, self.relevance_title_words)
            + self.relevance_evidence * share(best.evidence, self.relevance_evidence_words)
            + self.relevance_gap * gap
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            confident_coverage: 0.6,
            ambiguous_coverage: 0.5,
            confident_margin: 0.8,
            ambiguous_share: 0.6,
            coverage_cap_words: 5.0,
            min_evidence_words: 1.5,
            min_title_evidence: 0.5,
            answer_only_evidence: 2.5,
            answer_only_coverage: 0.7,
            question_coverage_share: 0.8,
            single_title_evidence: 1.0,
            single_coverage: 0.55,
            single_margin: 0.35,
            polarity_mismatch: 0.6,
            step_match: 1.5,
            full_coverage: 0.95,
            full_coverage_title_evidence: 0.8,
            short_typo_chars: 3,
            relevance_bias: -8.0,
            relevance_coverage: 7.0,
            relevance_question: 4.5,
            relevance_title: 2.0,
            relevance_title_words: 4.0,
            relevance_evidence: 1.5,
            relevance_evidence_words: 5.0,
            relevance_gap: 1.3,
            decline_relevance: -1.0,
            rescue_relevance: 0.0,
            off_topic_share: 1.0,
            clear_of_references: 0.5,
            clear_question_coverage: 0.2,
            clear_message_words: 10,
        }
    }
}

/// What the bot should do with a question.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Answer with this entry.
    Confident(Hit),
    /// Ask "did you mean…?" with these (best first, at most 3).
    Ambiguous(Vec<Hit>),
    /// Say honestly that we do not know.
    Unknown,
}

impl Decision {
    /// The entries offered, best first (none when unknown).
    pub fn hits(&self) -> Vec<Hit> {
        match self {
            Decision::Confident(h) => vec![*h],
            Decision::Ambiguous(v) => v.clone(),
            Decision::Unknown => Vec::new(),
        }
    }
}

/// How relevant the best of `hits` is ([`Policy::relevance`]); `None` without hits.
pub fn relevance(p: &Policy, hits: &[Hit]) -> Option<f32> {
    let best = hits.first()?;
    Some(p.relevance(best, hits.get(1).map_or(0.0, |h| h.score)))
}

/// The answer policy over hits already found (best first).
pub fn decide(p: &Policy, hits: &[Hit]) -> Decision {
    let Some(best) = hits.first().copied() else { return Decision::Unknown };
    if best.off_topic > 0.0 && best.off_topic >= p.off_topic_share * best.score {
        return Decision::Unknown;
    }
    let runner_up = hits.get(1).map_or(0.0, |h| h.score);
    // Words met only in an answer are weaker evidence: an entry is offered for them only
    // when they are many and cover most of the question.
    let answer_only = best.evidence >= p.answer_only_evidence && best.coverage >= p.answer_only_coverage;
    // A question that asks most of an entry's own question is covered as well, whatever
    // else its message says.
    let coverage = best.coverage.max(p.question_coverage_share * best.question_coverage);
    let singled_out = best.title_evidence >= p.single_title_evidence
        && coverage >= p.single_coverage
        && runner_up <= p.single_margin * best.score;
    let relevance = p.relevance(&best, runner_up);
    let offered = |hits: &[Hit]| -> Vec<Hit> {
        hits.iter().take(3).filter(|h| h.score >= p.ambiguous_share * best.score).copied().collect()
    };
    // Far clearer of every off-topic reference than of the best entry: asked back rather than
    // declined (see [`Policy::clear_of_references`]).
    let clear = best.off_topic <= p.clear_of_references * best.score
        && best.title_evidence >= p.min_title_evidence
        && (best.question_coverage > p.clear_question_coverage
            || (best.message_words >= p.clear_message_words && best.evidence >= p.min_evidence_words));
    match rules(p, hits, best, runner_up, coverage, singled_out, answer_only) {
        // Words met only in an answer are never enough for a question back.
        Decision::Unknown
            if clear
                || (relevance >= p.rescue_relevance && best.title_evidence >= p.min_title_evidence)
                || (best.coverage >= p.full_coverage && best.title_evidence >= p.full_coverage_title_evidence) =>
        {
            Decision::Ambiguous(offered(hits))
        }
        _ if relevance < p.decline_relevance && clear => Decision::Ambiguous(offered(hits)),
        _ if relevance < p.decline_relevance => Decision::Unknown,
        decision => decision,
    }
}

/// The rules on shares and counts of words, before relevance has its say.
fn rules(
    p: &Policy,
    hits: &[Hit],
    best: Hit,
    runner_up: f32,
    coverage: f32,
    singled_out: bool,
    answer_only: bool,
) -> Decision {
    if best.evidence < p.min_evidence_words && singled_out {
        Decision::Confident(best)
    } else if best.evidence < p.min_evidence_words || (best.title_evidence < p.min_title_evidence && !answer_only) {
        Decision::Unknown
    } else if coverage >= p.confident_coverage && runner_up <= p.confident_margin * best.score {
        Decision::Confident(best)
    } else if coverage >= p.ambiguous_coverage {
        Decision::Ambiguous(
            hits.iter().take(3).filter(|h| h.score >= p.ambiguous_share * best.score).copied().collect(),
        )
    } else {
        Decision::Unknown
    }
}
