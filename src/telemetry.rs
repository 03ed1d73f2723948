//! Logging: `tracing` to stderr, filtered by RUST_LOG (default: info for this crate, warn
//! for the rest); one text line per event, or one JSON object per line (`LOG_FORMAT=json`)
//! for a log collector.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(default_filter: &str) {
    init_with(default_filter, LogFormat::Text);
}

pub fn init_with(default_filter: &str, format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests) is harmless: keep the first subscriber.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(false).try_init(),
    };
}

/// `error: cause: cause…` on one line.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
