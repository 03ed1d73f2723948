//! `cargo bench --bench faq`: the FAQ search's quality on the labelled query set (per kind,
//! next to a plain BM25 baseline, with the FAQ's keywords and without them, and on a held-out
//! FAQ without keywords) and its speed with 500 entries (ask p50/p99 in-process,
//! index build time, index memory).

#[path = "../support/faq_eval.rs"]
mod faq_eval;

use std::time::Instant;

use faq_eval::{
    cases, compare, default_faq, embed, embedder_from_env, evaluate_dense, evaluate_hybrid, heldout_cases, heldout_faq,
    misses, sealed_cases, sealed_faq, table, tuning_cases, tuning_faq, without_keywords, Case, Report, SEALED, TUNING,
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
    for name in SEALED {
        let faq = sealed_faq(name);
        let queries = sealed_cases(name);
        let (ours, base) = compare(&faq, &queries);
        println!("Sealed set {name}: {} queries over {} entries\n{}", queries.len(), faq.len(), table(&ours, &base));
    }
    if std::env::var_os("FAQ_MISSES").is_some() {
        println!("{}", misses(&Index::build(&bare), &bare, &cases));
        println!("{}", misses(&Index::build(&held), &held, &held_cases));
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

    let mut latencies = Vec::new();
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

fn score(r: &Report) -> f64 {
    r.on_topic.pct(r.on_topic.top1) + 0.5 * r.on_topic.pct(r.on_topic.top3) + r.off_topic.pct(r.off_topic.top1)
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
    if std::env::var_os("FAQ_SIMS").is_some() {
        for ((name, faq, qs, sealed), emb) in all.iter().zip(&embedded) {
            if *sealed {
                continue;
            }
            let index = sxsh_bot::domain::faq::Index::build(faq);
            for c in qs {
                let sims = emb.vectors.similarities(&emb.queries[&c.query], faq.len()).expect("dim");
                let mut v: Vec<f32> = sims.iter().flatten().copied().collect();
                v.sort_by(|a, b| b.total_cmp(a));
                let mean = v.iter().sum::<f32>() / v.len() as f32;
                let lex = !index.decide(&c.query).hits().is_empty();
                println!(
                    "SIM\t{name}\t{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{}",
                    c.kind,
                    c.expected.is_some(),
                    v[0],
                    v[0] - mean,
                    v[0] - v[v.len().min(10) - 1],
                    lex
                );
            }
        }
    }
    let mut policy = Hybrid::default();
    if std::env::var_os("FAQ_TUNE").is_some() {
        let mut best = (f64::MIN, policy);
        for dense_weight in [0.2, 0.4, 0.6, 0.8, 1.0, 1.3] {
            for dense_floor_rank in [3, 5, 10, 20] {
                for min_similarity in [0.80, 0.82, 0.84, 0.86] {
                    for reject_similarity in [0.0, 0.76, 0.78, 0.80] {
                        for confident_similarity in [0.85, 0.88, 0.9] {
                            let p = Hybrid {
                                dense_weight,
                                dense_floor_rank,
                                min_similarity,
                                reject_similarity,
                                confident_similarity,
                                ..policy
                            };
                            let total: f64 = all
                                .iter()
                                .zip(&embedded)
                                .filter(|((_, _, _, sealed), _)| !sealed)
                                .map(|((_, faq, qs, _), emb)| score(&evaluate_hybrid(faq, qs, emb, &p)))
                                .sum();
                            if total > best.0 {
                                best = (total, p);
                            }
                        }
                    }
                }
            }
        }
        policy = best.1;
        println!("tuned on the unsealed sets: {policy:?}\n");
    }
    let show_sealed = std::env::var_os("FAQ_SEALED").is_some();
    for ((name, faq, qs, sealed), emb) in all.iter().zip(&embedded) {
        if *sealed && !show_sealed {
            continue;
        }
        let (_, base) = compare(faq, qs);
        println!("Dense only, {name}:\n{}", table(&evaluate_dense(faq, qs, emb), &base));
        println!("Hybrid, {name}:\n{}", table(&evaluate_hybrid(faq, qs, emb, &policy), &base));
    }
}
