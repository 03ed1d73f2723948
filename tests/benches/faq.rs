//! `cargo bench --bench faq`: the FAQ search's quality on the labelled query set (per kind,
//! next to a plain BM25 baseline) and its speed with 500 entries (ask p50/p99 in-process,
//! index build time, index memory).

#[path = "../support/faq_eval.rs"]
mod faq_eval;

use std::time::Instant;

use faq_eval::{cases, default_faq, evaluate, offer_ids, rank_ids, table, Bm25};
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

    let index = Index::build(&entries);
    let ours = evaluate(&cases, |q| offer_ids(&index, &entries, q), |q| rank_ids(&index, &entries, q));
    let bm25 = Bm25::new(&entries);
    let base = evaluate(&cases, |q| bm25.rank(&entries, q).into_iter().take(1).collect(), |q| bm25.rank(&entries, q));
    println!("Quality: {} queries over {} entries\n{}", cases.len(), entries.len(), table(&ours, &base));

    // The same FAQ as if imported without keywords (how an unseen FAQ arrives).
    let bare: Vec<FaqEntry> = entries
        .iter()
        .cloned()
        .map(|mut e| {
            e.keywords.clear();
            e
        })
        .collect();
    let bare_index = Index::build(&bare);
    let without = evaluate(&cases, |q| offer_ids(&bare_index, &bare, q), |q| rank_ids(&bare_index, &bare, q));
    let bare_bm25 = Bm25::new(&bare);
    let bare_base =
        evaluate(&cases, |q| bare_bm25.rank(&bare, q).into_iter().take(1).collect(), |q| bare_bm25.rank(&bare, q));
    println!("Without keywords:\n{}", table(&without, &bare_base));

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
