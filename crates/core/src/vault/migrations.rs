//! Numbered schema migrations, applied in one transaction and recorded in
//! SQLite's `user_version`.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Migration `n` (1-based) takes the schema from version `n - 1` to `n`.
/// Never edit a shipped entry; append a new one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_records.sql"),
    include_str!("migrations/0002_acknowledgement_sharing.sql"),
    include_str!("migrations/0003_sync.sql"),
    include_str!("migrations/0004_sync_here.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to [`SCHEMA_VERSION`].
///
/// # Errors
/// [`Error::NewerSchema`] when the file is newer than this build, leaving it untouched.
pub fn apply(conn: &mut Connection) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema { found, known: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
