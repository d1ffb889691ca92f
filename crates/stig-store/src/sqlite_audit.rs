//! [`SqliteStore`]'s audit log (statements and the chain in `audit.rs`). Appends run in the
//! write transaction (`BEGIN IMMEDIATE`), so two appends never read the same last entry.

use crate::audit::{
    AUDIT_INSERT, AUDIT_LAST, AUDIT_LIST, AUDIT_SCAN, AuditEntry, AuditQuery, AuditRow,
    AuditVerification, NewAuditEntry, VERIFY_PAGE, Verifier, bind_audit_entry, bind_audit_query,
    entry_from_row, next_entry,
};
use crate::sql::now;
use crate::{Result, SqliteStore};

impl SqliteStore {
    pub(crate) async fn append_audit_impl(&self, new: &NewAuditEntry) -> Result<AuditEntry> {
        let mut tx = self.write().await?;
        let last: Option<(i64, String)> =
            sqlx::query_as(AUDIT_LAST).fetch_optional(&mut *tx).await?;
        let entry = next_entry(new, last, now())?;
        bind_audit_entry!(sqlx::query(AUDIT_INSERT), entry)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(entry)
    }

    pub(crate) async fn list_audit_impl(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let rows = bind_audit_query!(AUDIT_LIST, q)
            .fetch_all(self.pool())
            .await?;
        rows.into_iter().map(entry_from_row).collect()
    }

    pub(crate) async fn verify_audit_impl(&self) -> Result<AuditVerification> {
        let mut v = Verifier::new();
        loop {
            let rows: Vec<AuditRow> = sqlx::query_as(AUDIT_SCAN)
                .bind(v.cursor())
                .bind(VERIFY_PAGE)
                .fetch_all(self.pool())
                .await?;
            if rows.is_empty() {
                break;
            }
            for row in rows {
                if !v.check(&entry_from_row(row)?) {
                    return Ok(v.finish());
                }
            }
        }
        Ok(v.finish())
    }
}
