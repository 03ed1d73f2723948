//! `cargo bench --bench faq`: the FAQ search's quality on the labelled query set (per kind,
//! next to a plain BM25 baseline, with the FAQ's keywords and without them, and on a held-out
//! FAQ without keywords) and its speed with 500 entries (ask p50/p99 in-process,
//! index build time, index memory). The sealed sets are measured only with `FAQ_SEALED=1`.

#[path = "../support/faq_eval.rs"]
mod faq_eval;

use std::time::Instant;

use faq_eval::{
    cases, compare, default_faq, embed, embedder_from_env, evaluate_dense, evaluate_hybrid, heldout_cases, heldout_faq,
    index_of, misses, sealed_cases, sealed_faq, table, tuning_cases, tuning_faq, without_keywords, Case, Evidence,
    Report, SEALED, TUNING,
};
use sxsh_bot::domain::faq::fusion::Hybrid;
use sxsh_bot::domain::faq::{FaqEntry, FaqId, Index};

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4)
}

/// 500 entries: the default FAQ, then copies with other ids and a distinguishing word.
fn five_hundred(base: &[FaqEntry]) -> Vec<FaqEntry> {
    let districts = ["Ea Kar", "Krông Pắc", "Cư M'gar", "Buôn Hồ", "Krông Năng", "Ea Súp"];
    let mut out = base.to_vec();
    let mut round = 0;
    while out.len() < 500 {
        for e in base {
            if out.len() >= 500 {
                break;
            }
            let mut copy = e.clone();
            let district = districts[round % districts.len()];
            copy.id = FaqId::parse(&format!("{}-{round}", &e.id.as_str()[..e.id.as_str().len().min(36)])).expect("id");
            copy.question_vi = format!("{} (tại {district})", e.question_vi);
            out.push(copy);
        }
        round += 1;
    }
    out
}

fn main() {
    let entries = default_faq();
    let cases = cases();

    let (ours, base) = compare(&entries, &cases);
    println!("Quality: {} queries over {} entries\n{}", cases.len(), entries.len(), table(&ours, &base));

    // The same FAQ as if imported without keywords (how an unseen FAQ arrives).
    let bare = without_keywords(&entries);
    let (without, bare_base) = compare(&bare, &cases);
    println!("Without keywords:\n{}", table(&without, &bare_base));

    let held = heldout_faq();
    let held_cases = heldout_cases();
    let (held_ours, held_base) = compare(&held, &held_cases);
    println!(
        "Held-out FAQ without keywords: {} queries over {} entries\n{}",
        held_cases.len(),
        held.len(),
        table(&held_ours, &held_base)
    );
    for name in TUNING {
        let (faq, queries) = (tuning_faq(name), tuning_cases(name));
        let (ours, base) = compare(&faq, &queries);
        println!("Tuning set {name}: {} queries over {} entries\n{}", queries.len(), faq.len(), table(&ours, &base));
        println!("{}", ranking_alone(&faq, &queries));
    }
    // The sealed sets are never tuned on: their figures only with `FAQ_SEALED=1`.
    for name in SEALED.iter().filter(|_| std::env::var_os("FAQ_SEALED").is_some()) {
        let faq = sealed_faq(name);
        let queries = sealed_cases(name);
        let (ours, base) = compare(&faq, &queries);
        println!("Sealed set {name}: {} queries over {} entries\n{}", queries.len(), faq.len(), table(&ours, &base));
        println!("{}", ranking_alone(&faq, &queries));
    }
    if std::env::var_os("FAQ_MISSES").is_some() {
        for name in TUNING {
            let faq = tuning_faq(name);
            println!("{}", misses(&index_of(&faq), &faq, &tuning_cases(name)));
        }
        println!("{}", misses(&index_of(&bare), &bare, &cases));
        println!("{}", misses(&index_of(&held), &held, &held_cases));
    }

    if let Some(path) = std::env::var_os("FAQ_FEATURES") {
        let mut out =
            String::from("set\tkind\ton_topic\trank\tdecision\tcoverage\tevidence\ttitle\tquestion\tgap\toff\twords\n");
        let mut sets = vec![
            ("default".to_owned(), entries.clone(), cases.clone()),
            ("bare".into(), bare.clone(), cases.clone()),
            ("heldout".into(), held.clone(), held_cases.clone()),
        ];
        for name in TUNING {
            sets.push((name.to_owned(), tuning_faq(name), tuning_cases(name)));
        }
        for (name, faq, qs) in &sets {
            let index = index_of(faq);
            for c in qs {
                let hits = index.search(&c.query);
                let rank = c
                    .expected
                    .as_ref()
                    .and_then(|id| hits.iter().position(|h| faq[h.doc].id.as_str() == id))
                    .map_or(0, |r| r + 1);
                let d = match index.decide_hits(&hits) {
                    sxsh_bot::domain::faq::Decision::Confident(_) => "C",
                    sxsh_bot::domain::faq::Decision::Ambiguous(_) => "A",
                    sxsh_bot::domain::faq::Decision::Unknown => "U",
                };
                let (b, gap, off) = match hits.first() {
                    Some(b) => (*b, 1.0 - hits.get(1).map_or(0.0, |h| h.score) / b.score, b.off_topic / b.score),
                    None => (
                        sxsh_bot::domain::faq::Hit {
                            doc: 0,
                            score: 0.0,
                            coverage: 0.0,
                            evidence: 0.0,
                            title_evidence: 0.0,
                            question_coverage: 0.0,
                            off_topic: 0.0,
                            message_words: 0,
                        },
                        0.0,
                        9.0,
                    ),
                };
                out.push_str(&format!(
                    "{name}\t{}\t{}\t{rank}\t{d}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\n",
                    c.kind,
                    u8::from(c.expected.is_some()),
                    b.coverage,
                    b.evidence,
                    b.title_evidence,
                    b.question_coverage,
                    gap,
                    off,
                    c.query.split_whitespace().count()
                ));
            }
        }
        std::fs::write(path, out).expect("write features");
    }
    hybrid(&entries, &cases);

    let big = five_hundred(&entries);
    let before = rss_kib();
    let started = Instant::now();
    let big_index = Index::build(&big);
    let first_build = started.elapsed();
    let after = rss_kib();
    let builds = 10;
    let started = Instant::now();
    for _ in 0..builds {
        std::hint::black_box(Index::build(&big));
    }
    let rebuild = started.elapsed() / builds;

    let mut latencies: Vec<std::time::Duration> = Vec::new();
    for _ in 0..5 {
        for c in &cases {
            let t = Instant::now();
            std::hint::black_box(big_index.decide(&c.query));
            latencies.push(t.elapsed());
        }
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    println!(
        "Speed with {} entries: ask p50 {:?}, p99 {:?}, max {:?} ({} asks); index build {:?} (first {:?}); index memory ≈ {} KiB (RSS growth)",
        big.len(),
        pct(0.5),
        pct(0.99),
        latencies.last().copied().unwrap_or_default(),
        latencies.len(),
        rebuild,
        first_build,
        after.saturating_sub(before)
    );
    hybrid_speed(&big, &big_index, &cases, &latencies);
}

/// The hybrid decision's own cost with 500 entries (3 vectors of 384 dimensions each, as
/// multilingual-e5-small gives; their values do not change the cost): lexical search, the
/// similarities, fusion and the policy, without the call that embeds the question.
fn hybrid_speed(
    big: &[FaqEntry],
    index: &sxsh_bot::domain::faq::Index,
    cases: &[Case],
    lexical: &[std::time::Duration],
) {
    use sxsh_bot::domain::faq::dense::{parts, Vectors};
    use sxsh_bot::domain::faq::fusion;
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut random = |n: usize| -> Vec<f32> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % 2001) as f32 / 1000.0 - 1.0
            })
            .collect()
    };
    let started = Instant::now();
    let mut vectors = Vectors::new(384);
    for (doc, e) in big.iter().enumerate() {
        for _ in parts(e) {
            vectors.push(doc, random(384)).expect("384 dimensions");
        }
    }
    let load = started.elapsed();
    let queries: Vec<Vec<f32>> = cases.iter().map(|_| random(384)).collect();
    let mut references = Vectors::new(384);
    for i in 0..sxsh_bot::domain::faq::offtopic::references().count() {
        references.push(i, random(384)).expect("384 dimensions");
    }
    let policy = Hybrid::default();
    let mut latencies = Vec::new();
    for _ in 0..5 {
        for (c, q) in cases.iter().zip(&queries) {
            let t = Instant::now();
            let hits = index.search(&c.query);
            let words = fusion::Words::new(index, &hits);
            let sims = vectors.similarities(q, big.len()).expect("384 dimensions");
            let fused = fusion::fuse(&policy, &hits, &sims);
            let off = references.nearest(q).expect("384 dimensions");
            std::hint::black_box(fusion::decide(&policy, &words, &fused, &sims, off));
            latencies.push(t.elapsed());
        }
    }
    latencies.sort();
    let pct = |v: &[std::time::Duration], p: f64| v[((v.len() as f64 - 1.0) * p) as usize];
    println!(
        "Hybrid with {} entries ({} vectors): ask p50 {:?}, p99 {:?} without the embedding call (words only: p50 {:?}, p99 {:?}; ratio p99 {:.2}×); vectors {} KiB, loaded in {:?}",
        big.len(),
        vectors.len(),
        pct(&latencies, 0.5),
        pct(&latencies, 0.99),
        pct(lexical, 0.5),
        pct(lexical, 0.99),
        pct(&latencies, 0.99).as_secs_f64() / pct(lexical, 0.99).as_secs_f64().max(1e-9),
        vectors.bytes() / 1024,
        load
    );
}

/// One evaluation set: name, FAQ, questions, and whether it is sealed (never tuned on).
type Set = (String, Vec<FaqEntry>, Vec<Case>, bool);

fn sets(entries: &[FaqEntry], cases: &[Case]) -> Vec<Set> {
    let mut out: Vec<Set> = vec![
        ("default FAQ".into(), entries.to_vec(), cases.to_vec(), false),
        ("default FAQ without keywords".into(), without_keywords(entries), cases.to_vec(), false),
        ("held-out FAQ".into(), heldout_faq(), heldout_cases(), false),
    ];
    for name in TUNING {
        out.push((format!("tuning set {name}"), tuning_faq(name), tuning_cases(name), false));
    }
    for name in SEALED {
        out.push((format!("sealed set {name}"), sealed_faq(name), sealed_cases(name), true));
    }
    out
}

/// How far a report falls short of the targets (top-1 90%, top-3 97%, 88% of off-topic
/// questions declined), negated: higher is better, 0 when every target is met.
fn score(r: &Report) -> f64 {
    let short = |value: f64, target: f64| (target - value).max(0.0);
    -(short(r.on_topic.pct(r.on_topic.top1), 90.0)
        + short(r.on_topic.pct(r.on_topic.top3), 97.0)
        + short(r.off_topic.pct(r.off_topic.top1), 88.0))
}

/// With `EMBEDDINGS_URL` set: the model alone and the hybrid search on every set, beside
/// plain BM25; with `FAQ_TUNE=1` also a search over the hybrid policy's weights, judged on
/// the sets that are not sealed only.
fn hybrid(entries: &[FaqEntry], cases: &[Case]) {
    let Some(embedder) = embedder_from_env() else {
        println!("(EMBEDDINGS_URL is not set: no hybrid figures)\n");
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let started = Instant::now();
    let all = sets(entries, cases);
    let embedded: Vec<_> = all.iter().map(|(_, faq, qs, _)| runtime.block_on(embed(&embedder, faq, qs))).collect();
    println!("(embedded every set in {:?})\n", started.elapsed());
    let mut policy = Hybrid::default();
    if std::env::var_os("FAQ_TUNE").is_some() {
        // Judged on the unsealed sets only; the default FAQ with its keywords counts half (the
        // words were tuned on it), the held-out set half (it is small).
        let judged: Vec<(f64, Evidence, &[Case])> = all
            .iter()
            .zip(&embedded)
            .filter(|((_, _, _, sealed), _)| !sealed)
            .map(|((name, faq, qs, _), emb)| {
                let weight = if name == "default FAQ" || name == "held-out FAQ" { 0.5 } else { 1.0 };
                (weight, Evidence::new(faq, qs, emb), qs.as_slice())
            })
            .collect();
        if std::env::var_os("FAQ_RANKING").is_some() {
            for dense_weight in [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 100.0] {
                for floor in [3, 5, 10] {
                    let p = Hybrid { dense_weight, dense_floor_rank: floor, ..policy };
                    let line: Vec<String> = judged
                        .iter()
                        .map(|(_, ev, qs)| {
                            let r = faq_eval::evaluate(qs, |q| {
                                let (_, ranked) = ev.ids(&p, q);
                                (ranked.iter().take(1).cloned().collect(), ranked)
                            });
                            format!("{:.1}/{:.1}", r.on_topic.pct(r.on_topic.top1), r.on_topic.pct(r.on_topic.top3))
                        })
                        .collect();
                    println!("ranking only, dense {dense_weight} floor {floor}: {}", line.join("  "));
                }
            }
        }
        let mut best = (f64::MIN, policy);
        let mut tried = 0;
        for dense_weight in [0.5, 1.0] {
            for confident_similarity in [0.86, 0.88] {
                for min_similarity in [0.86, 0.87, 0.875, 0.88] {
                    for (reject_similarity, off_topic_margin) in
                        [0.84, 0.855].into_iter().flat_map(|r| [-0.02, 0.0, 0.02, 0.04, 1.0].map(|m| (r, m)))
                    {
                        for (ambiguous_share, weak_words_relevance) in
                            [0.6, 0.75].into_iter().flat_map(|a| [-9.0, 0.0, 1.0, 1.5].map(|w| (a, w)))
                        {
                            let p = Hybrid {
                                dense_weight,
                                confident_similarity,
                                min_similarity,
                                reject_similarity,
                                ambiguous_share,
                                weak_words_relevance,
                                off_topic_margin,
                                ..policy
                            };
                            tried += 1;
                            let total: f64 = judged.iter().map(|(w, ev, qs)| w * score(&ev.evaluate(qs, &p))).sum();
                            if total > best.0 {
                                best = (total, p);
                            }
                        }
                    }
                }
            }
        }
        policy = best.1;
        println!("tuned on the unsealed sets ({tried} policies tried): {policy:?}\n");
    }
    for (var, field) in [
        ("FAQ_MARGIN", &mut policy.off_topic_margin),
        ("FAQ_CLEARANCE", &mut policy.reference_clearance),
        ("FAQ_MIN_SIM", &mut policy.min_similarity),
        ("FAQ_REJECT_SIM", &mut policy.reject_similarity),
    ] {
        if let Some(v) = std::env::var(var).ok().and_then(|m| m.parse().ok()) {
            *field = v;
        }
    }
    if let Some(path) = std::env::var_os("FAQ_HYBRID_FEATURES") {
        features(&path, &all, &embedded, &policy);
    }
    if std::env::var_os("FAQ_HYBRID_MISSES").is_some() {
        for ((name, faq, qs, sealed), emb) in all.iter().zip(&embedded) {
            if *sealed {
                continue;
            }
            let evidence = Evidence::new(faq, qs, emb);
            for c in qs {
                let (offered, _) = evidence.ids(&policy, &c.query);
                let ok = match &c.expected {
                    None => offered.is_empty(),
                    Some(id) => offered.first() == Some(id),
                };
                if !ok {
                    let sims = emb.vectors.similarities(&emb.queries[&c.query], faq.len()).expect("dim");
                    let best = sims.iter().flatten().copied().fold(f32::MIN, f32::max);
                    println!(
                        "MISS {name} [{}] {:?} want {:?} offered {:?} best sim {best:.3}",
                        c.kind, c.query, c.expected, offered
                    );
                }
            }
        }
    }
    let show_sealed = std::env::var_os("FAQ_SEALED").is_some();
    for ((name, faq, qs, sealed), emb) in all.iter().zip(&embedded) {
        if *sealed && !show_sealed {
            continue;
        }
        let (lexical, base) = compare(faq, qs);
        println!("Words only, {name}:\n{}", table(&lexical, &base));
        println!("Dense only, {name}:\n{}", table(&evaluate_dense(faq, qs, emb), &base));
        println!("Hybrid, {name}:\n{}", table(&evaluate_hybrid(faq, qs, emb, &policy), &base));
    }
}

/// Per question of the unsealed sets, the evidence the hybrid decision could use (one TSV
/// line each), for fitting the policy: `FAQ_HYBRID_FEATURES=FILE`. Ranks are 1-based, 0 when
/// the expected entry is not ranked (or the question is off-topic).
fn features(path: &std::ffi::OsStr, all: &[Set], embedded: &[faq_eval::Embedded], policy: &Hybrid) {
    use sxsh_bot::domain::faq::{fusion, Decision};
    let mut out = String::from(
        "set\tkind\toff\tlexdec\tlexrel\tcov\tqcov\tev\tlexoff\tlex_rank\tdense_rank\tfused_rank\ts1\ts2\ts3\ts5\ts10\tmean\tstd\tr1\tr3\trmean\tlex_sim\thyb_ok\thyb_offered\tagree\tn\n",
    );
    for ((name, faq, qs, sealed), emb) in all.iter().zip(embedded) {
        if *sealed {
            continue;
        }
        let index = index_of(faq);
        let evidence = Evidence::new(faq, qs, emb);
        let refs = emb.references.len();
        for c in qs {
            let hits = index.search(&c.query);
            let lexical = index.decide_hits(&hits);
            let rel = index.relevance(&hits).unwrap_or(f32::NAN);
            let q = &emb.queries[&c.query];
            let sims = emb.vectors.similarities(q, faq.len()).expect("dim");
            let sorted = |v: &[Option<f32>]| {
                let mut s: Vec<f32> = v.iter().flatten().copied().collect();
                s.sort_by(|a, b| b.total_cmp(a));
                s
            };
            let ss = sorted(&sims);
            let rs = sorted(&emb.references.similarities(q, refs).expect("dim"));
            let at = |v: &[f32], i: usize| v.get(i.min(v.len().saturating_sub(1))).copied().unwrap_or(0.0);
            let mean = ss.iter().sum::<f32>() / ss.len().max(1) as f32;
            let std = (ss.iter().map(|s| (s - mean) * (s - mean)).sum::<f32>() / ss.len().max(1) as f32).sqrt();
            let rmean = rs.iter().sum::<f32>() / rs.len().max(1) as f32;
            let rank_of = |docs: Vec<usize>| {
                c.expected
                    .as_ref()
                    .and_then(|id| docs.iter().position(|&d| faq[d].id.as_str() == id))
                    .map_or(0, |r| r + 1)
            };
            let mut dense_order: Vec<(usize, f32)> =
                sims.iter().enumerate().filter_map(|(i, s)| s.map(|s| (i, s))).collect();
            dense_order.sort_by(|a, b| b.1.total_cmp(&a.1));
            let fused = fusion::fuse(policy, &hits, &sims);
            let (offered, _) = evidence.ids(policy, &c.query);
            let hyb_ok = match &c.expected {
                None => offered.is_empty(),
                Some(id) => offered.first() == Some(id),
            };
            let best = hits.first();
            let lexdec = match lexical {
                Decision::Confident(_) => "C",
                Decision::Ambiguous(_) => "A",
                Decision::Unknown => "U",
            };
            out.push_str(&format!(
                "{name}\t{}\t{}\t{lexdec}\t{rel}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{mean}\t{std}\t{}\t{}\t{rmean}\t{}\t{}\t{}\t{}\t{}\n",
                c.kind,
                u8::from(c.expected.is_none()),
                best.map_or(0.0, |h| h.coverage),
                best.map_or(0.0, |h| h.question_coverage),
                best.map_or(0.0, |h| h.evidence),
                best.map_or(0.0, |h| h.off_topic / h.score.max(1e-6)),
                rank_of(hits.iter().map(|h| h.doc).collect()),
                rank_of(dense_order.iter().map(|d| d.0).collect()),
                rank_of(fused.iter().map(|h| h.doc).collect()),
                at(&ss, 0),
                at(&ss, 1),
                at(&ss, 2),
                at(&ss, 4),
                at(&ss, 9),
                at(&rs, 0),
                at(&rs, 2),
                best.and_then(|h| sims[h.doc]).unwrap_or(f32::NAN),
                u8::from(hyb_ok),
                offered.len(),
                u8::from(best.map(|h| h.doc) == dense_order.first().map(|d| d.0)),
                faq.len(),
            ));
        }
    }
    std::fs::write(path, out).expect("features written");
}

/// The words engine's ranking alone, as if it never declined: the ceiling of any answer
/// policy over these words (top-1 / top-3 on-topic).
fn ranking_alone(faq: &[FaqEntry], queries: &[Case]) -> String {
    let index = index_of(faq);
    let r = faq_eval::evaluate(queries, |q| {
        let (_, ranked) = faq_eval::answer_ids(&index, faq, q);
        (ranked.iter().take(1).cloned().collect(), ranked)
    });
    format!(
        "words ranking alone, never declining: {:.1}% / {:.1}%\n",
        r.on_topic.pct(r.on_topic.top1),
        r.on_topic.pct(r.on_topic.top3)
    )
}
