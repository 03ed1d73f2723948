//! `cargo bench --bench faq`: the FAQ search's quality on the labelled query set (per kind,
//! next to a plain BM25 baseline, with the FAQ's keywords and without them, and on a held-out
//! FAQ without keywords) and its speed with 500 entries (ask p50/p99 in-process,
//! index build time, index memory).

#[path = "../support/faq_eval.rs"]
mod faq_eval;

use std::time::Instant;

use faq_eval::{
    cases, compare, default_faq, heldout_cases, heldout_faq, misses, sealed_cases, sealed_faq, table, without_keywords,
    SEALED,
};
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
