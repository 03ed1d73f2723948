//! `sxsh-bot backup FILE`: a consistent copy of the live database while the bot runs and
//! writes. SQLite's `VACUUM INTO` reads one snapshot (WAL readers do not block writers) and
//! writes a compact copy; the copy is then opened on its own and must pass
//! `PRAGMA integrity_check` before it replaces `FILE`, so a failed backup never leaves a
//! damaged file under the name an operator will restore from.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqlitePool};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file name (a backup never overwrites one)")]
    Exists(PathBuf),
    #[error("the folder of {0} does not exist")]
    NoFolder(PathBuf),
    #[error("cannot write the copy")]
    Copy(#[source] sqlx::Error),
    #[error("the copy failed its integrity check: {0}")]
    Damaged(String),
    #[error("cannot move the checked copy to {path}")]
    Rename { path: PathBuf, source: std::io::Error },
}

/// What a finished backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backup {
    pub bytes: u64,
    pub users: i64,
    pub registrations: i64,
}

/// Copies the database behind `pool` to `target`, checks the copy, and returns its figures.
pub async fn backup(pool: &SqlitePool, target: &Path) -> Result<Backup, BackupError> {
    if target.exists() {
        return Err(BackupError::Exists(target.to_owned()));
    }
    let folder = match target.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(BackupError::NoFolder(target.to_owned()));
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
    let partial = folder.join(format!(".{name}.partial"));
    let _ = std::fs::remove_file(&partial);
    let result = copy_and_check(pool, &partial).await;
    let figures = match result {
        Ok(f) => f,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, target).map_err(|source| {
        let _ = std::fs::remove_file(&partial);
        BackupError::Rename { path: target.to_owned(), source }
    })?;
    Ok(figures)
}

async fn copy_and_check(pool: &SqlitePool, partial: &Path) -> Result<Backup, BackupError> {
    sqlx::query("VACUUM INTO ?1")
        .bind(partial.to_string_lossy().into_owned())
        .execute(pool)
        .await
        .map_err(BackupError::Copy)?;
    let url = format!("sqlite:{}", partial.display());
    let options = SqliteConnectOptions::from_str(&url).map_err(BackupError::Copy)?.read_only(true);
    let mut conn = options.connect().await.map_err(BackupError::Copy)?;
    let check: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await.map_err(BackupError::Copy)?;
    if check != ["ok"] {
        return Err(BackupError::Damaged(check.join("; ")));
    }
    let users: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&mut conn).await.map_err(BackupError::Copy)?;
    let registrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations")
        .fetch_one(&mut conn)
        .await
        .map_err(BackupError::Copy)?;
    drop(conn);
    let bytes = std::fs::metadata(partial).map(|m| m.len()).unwrap_or(0);
    Ok(Backup { bytes, users, registrations })
}
