//! Every SQL statement of the product, one function per statement. Functions take a
//! `&SqlitePool` (or a connection inside a transaction) and return domain types.
//! Must not import teloxide or Fluent.

pub mod assessment;
pub mod broadcasts;
pub mod centre;
pub mod courses;
pub mod dialogues;
pub mod faq;
pub mod privacy;
pub mod registrations;
pub mod updates;
pub mod users;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

/// A failure to open or migrate the database, with the URL for the operator.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("DATABASE_URL={url:?} cannot be used: {source}")]
    BadUrl { url: String, source: sqlx::Error },
    #[error("cannot create the folder {path} for the database")]
    Folder { path: String, source: std::io::Error },
    #[error("cannot open the database {url}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot apply the database migrations")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// A trivial query: whether the database answers.
pub async fn ping(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}

/// Seconds since the Unix epoch, the time unit of every table.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Opens (creating if needed) the SQLite database with WAL, foreign keys and a busy timeout,
/// then applies the embedded migrations.
pub async fn open(url: &str) -> Result<SqlitePool, OpenError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| OpenError::BadUrl { url: url.to_owned(), source })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        // Erased personal data is overwritten on disk, not only unlinked from the b-tree.
        .pragma("secure_delete", "on")
        .busy_timeout(Duration::from_secs(10));

    let file = options.get_filename();
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !is_memory(file) {
            std::fs::create_dir_all(dir)
                .map_err(|source| OpenError::Folder { path: dir.display().to_string(), source })?;
        }
    }

    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        // The connection is a file opened in this process, not a server that can go away: a
        // ping before every use would only cost a round trip to the connection's thread.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map_err(|source| OpenError::Connect { url: url.to_owned(), source })?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

fn is_memory(file: &Path) -> bool {
    file.as_os_str() == ":memory:"
}
