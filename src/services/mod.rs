//! Use cases shared by the bot and the command line. Services take the pool and domain types,
//! call `db`, and return domain results; they never talk to Telegram or Fluent.

pub mod assessment;
pub mod backup;
pub mod broadcasts;
pub mod centre;
pub mod courses;
pub mod csv_file;
pub mod export;
pub mod faq;
pub mod privacy;
pub mod registrations;
pub mod updates;
pub mod users;

/// Whether the database answers (the health check).
pub async fn ping(pool: &sqlx::SqlitePool) -> Result<(), ServiceError> {
    crate::db::ping(pool).await?;
    Ok(())
}

/// A storage failure inside a use case.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("database error")]
    Db(#[from] sqlx::Error),
    #[error("cannot write the CSV file")]
    Csv(#[from] csv::Error),
    #[error("invalid FAQ entry")]
    Entry(#[from] crate::domain::faq::FaqError),
}
