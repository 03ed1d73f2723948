//! Webhook mode and observability: Telegram (the emulator) POSTs updates with the secret
//! token; the bot stores each update before acknowledging it, refuses requests without the
//! secret, handles an acknowledged update after a crash, ignores retries, and serves
//! `/healthz` and Prometheus `/metrics`.

use crate::common;

use std::time::Duration;

use common::{free_addr, shown, texts, user, Harness, WEBHOOK_SECRET};
use serde_json::json;
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::i18n::Msg;

async fn stored_updates(h: &Harness) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM updates").fetch_one(&h.pool).await.expect("db")
}

async fn post(url: &str, secret: Option<&str>, body: String) -> u16 {
    let mut request = reqwest::Client::new().post(url).header("content-type", "application/json").body(body);
    if let Some(s) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", s);
    }
    request.send().await.expect("the webhook answers").status().as_u16()
}

#[tokio::test]
async fn updates_arrive_by_webhook_with_the_secret_and_requests_without_it_change_nothing() {
    let h = Harness::with_webhook(&[], &[]).await;
    let options = h.webhook.clone().expect("webhook mode");
    let url = options.url.to_string();
    assert_eq!(h.emu.webhook_url().as_deref(), Some(url.as_str()), "the bot registered its webhook");

    let lan = user(81);
    let out = h.say(&lan, "/start").await;
    assert!(!out.is_empty(), "answered through the webhook");
    let id = h.emu.last_update_id();
    assert!(h.emu.webhook_log().contains(&(id, 200)), "{:?}", h.emu.webhook_log());

    // Forged or broken requests: refused, nothing stored, nothing sent.
    let stored = stored_updates(&h).await;
    let mark = h.emu.mark();
    let forged = json!({"update_id": 990_001, "message": {"message_id": 1, "date": 0,
        "chat": {"id": 81, "type": "private", "first_name": "Lan"},
        "from": {"id": 81, "is_bot": false, "first_name": "Lan"}, "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}})
    .to_string();
    assert_eq!(post(&url, None, forged.clone()).await, 401);
    assert_eq!(post(&url, Some("wrong-secret"), forged.clone()).await, 401);
    assert_eq!(post(&url, Some(WEBHOOK_SECRET), "not json".into()).await, 400);
    assert_eq!(post(&url, Some(WEBHOOK_SECRET), "{\"ok\":1}".into()).await, 400);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(stored_updates(&h).await, stored);
    assert!(h.emu.outgoing()[mark..].is_empty());

    // The same request with the secret is handled.
    assert_eq!(post(&url, Some(WEBHOOK_SECRET), forged).await, 200);
    let out = h.replies(mark, 1).await;
    assert_eq!(out.len(), 1);
    h.finish().await;
}

#[tokio::test]
async fn a_webhook_retry_of_an_update_is_acknowledged_and_handled_once() {
    let h = Harness::with_webhook(&[], &[]).await;
    let url = h.webhook.clone().expect("webhook").url.to_string();
    let lan = user(82);
    h.say(&lan, "/help").await;
    let body = h.emu.update_json(h.emu.last_update_id()).expect("the update").to_string();
    let mark = h.emu.mark();
    // Telegram did not get the 200 in time and sends the update again, twice.
    assert_eq!(post(&url, Some(WEBHOOK_SECRET), body.clone()).await, 200);
    assert_eq!(post(&url, Some(WEBHOOK_SECRET), body).await, 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(h.emu.outgoing()[mark..].is_empty(), "nothing sent again");
    h.finish().await;
}

#[tokio::test]
async fn an_update_acknowledged_before_a_crash_is_handled_at_the_next_start() {
    let mut h = Harness::with_webhook(&[], &[]).await;
    let lan = user(83);
    h.say(&lan, "/start").await;
    h.halt().await;
    // The webhook stored this update and answered 200, then the process died before handling it.
    let id = h.emu.send_text(&lan, "/help");
    let pending = h.emu.take_pending();
    assert_eq!(pending.len(), 1);
    sqlx::query("INSERT INTO updates (update_id, received_at, body) VALUES (?1, 0, ?2)")
        .bind(id)
        .bind(pending[0].to_string())
        .execute(&h.pool)
        .await
        .expect("stored");
    let mark = h.emu.mark();
    h.launch().await;
    let out = h.replies(mark, 1).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::HelpText)]);
    let handled: Option<i64> = sqlx::query_scalar("SELECT handled_at FROM updates WHERE update_id = ?1")
        .bind(id)
        .fetch_one(&h.pool)
        .await
        .expect("row");
    assert!(handled.is_some(), "marked handled");
    h.finish().await;
}

fn metric(text: &str, name: &str) -> f64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

#[tokio::test]
async fn healthz_and_metrics_report_updates_faq_outcomes_and_latency() {
    let addr = free_addr().to_string();
    let h = Harness::with_config(&[], &[("METRICS_ADDR", &addr)]).await;
    let lan = user(84);
    h.say(&lan, "/start").await;
    h.say(&lan, "san xuat sach hon la gi").await;
    h.say(&lan, "giá vàng hôm nay bao nhiêu").await;

    let client = reqwest::Client::new();
    let health = client.get(format!("http://{addr}/healthz")).send().await.expect("healthz");
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(health.text().await.expect("body"), "ok\n");
    let response = client.get(format!("http://{addr}/metrics")).send().await.expect("metrics");
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.expect("body");
    assert_eq!(metric(&text, "sxsh_updates_total{kind=\"message\"}"), 3.0);
    assert_eq!(metric(&text, "sxsh_faq_questions_total{outcome=\"answered\"}"), 1.0);
    assert_eq!(metric(&text, "sxsh_faq_questions_total{outcome=\"unanswered\"}"), 1.0);
    assert_eq!(metric(&text, "sxsh_handler_seconds_count"), 3.0);
    assert!(metric(&text, "sxsh_handler_seconds_sum") > 0.0);
    assert_eq!(metric(&text, "sxsh_outbox_depth"), 0.0);
    assert_eq!(metric(&text, "sxsh_webhook_waiting"), 0.0);
    assert_eq!(metric(&text, "sxsh_replayed_updates_total"), 0.0);
    assert!(text.contains("# TYPE sxsh_telegram_429 counter"));
    assert!(text.trim_end().ends_with("# EOF"));

    // The database going away turns the health check red.
    h.pool.close().await;
    let health = client.get(format!("http://{addr}/healthz")).send().await.expect("healthz");
    assert_eq!(health.status().as_u16(), 503);
    h.stop().await;
}

#[tokio::test]
async fn in_webhook_mode_the_health_check_is_also_on_the_webhook_address() {
    let h = Harness::with_webhook(&[], &[]).await;
    let listen = h.webhook.clone().expect("webhook").listen;
    let health = reqwest::get(format!("http://{listen}/healthz")).await.expect("healthz");
    assert_eq!(health.status().as_u16(), 200);
    h.finish().await;
}
