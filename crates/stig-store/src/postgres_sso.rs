//! [`PgStore`]'s single sign-on links and failed sign-ins (statements in `sso.rs`).

use jiff::Timestamp;

use crate::sql::{self, now, parse_ts, ts};
use crate::sqlite::{UserRow, user_from_row};
use crate::sso::{
    ExternalIdentity, FAILURE_INSERT, FAILURES_CLEAR, FAILURES_FORGET, FAILURES_SINCE,
    IDENTITY_EXISTS, IDENTITY_INSERT, IDENTITY_USER, ThrottleScope, USER_NAME_TAKEN,
    identity_taken, name_taken, unique_as,
};
use crate::{PasswordHash, PgStore, Result, Role, StoreError, User};

impl PgStore {
    pub(crate) async fn user_for_identity_impl(
        &self,
        identity: &ExternalIdentity,
    ) -> Result<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(IDENTITY_USER)
            .bind(&identity.issuer)
            .bind(&identity.subject)
            .fetch_optional(self.pool())
            .await?;
        row.map(user_from_row).transpose()
    }

    pub(crate) async fn create_user_for_identity_impl(
        &self,
        identity: &ExternalIdentity,
        name: &str,
        password: &PasswordHash,
        role: Role,
    ) -> Result<User> {
        identity.check()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid("the user name is empty".into()));
        }
        let mut tx = self.write().await?;
        let linked: i64 = sqlx::query_scalar(IDENTITY_EXISTS)
            .bind(&identity.issuer)
            .bind(&identity.subject)
            .fetch_one(&mut *tx)
            .await?;
        if linked > 0 {
            return Err(identity_taken(identity));
        }
        let taken: i64 = sqlx::query_scalar(USER_NAME_TAKEN)
            .bind(name)
            .fetch_one(&mut *tx)
            .await?;
        if taken > 0 {
            return Err(name_taken(name));
        }
        let created_at = now();
        let id: i64 = sqlx::query_scalar(sql::USER_INSERT)
            .bind(name)
            .bind(password.as_str())
            .bind(role.as_str())
            .bind(ts(created_at))
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| unique_as(e, || name_taken(name)))?;
        sqlx::query(IDENTITY_INSERT)
            .bind(&identity.issuer)
            .bind(&identity.subject)
            .bind(id)
            .bind(ts(created_at))
            .execute(&mut *tx)
            .await
            .map_err(|e| unique_as(e, || identity_taken(identity)))?;
        tx.commit().await?;
        Ok(User {
            id,
            name: name.to_owned(),
            role,
            created_at,
        })
    }

    pub(crate) async fn record_login_failure_impl(
        &self,
        scope: ThrottleScope,
        key: &str,
        at: Timestamp,
        forget_before: Timestamp,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(FAILURES_FORGET)
            .bind(ts(forget_before))
            .execute(&mut *tx)
            .await?;
        sqlx::query(FAILURE_INSERT)
            .bind(scope.as_str())
            .bind(key)
            .bind(ts(at))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn login_failures_impl(
        &self,
        scope: ThrottleScope,
        key: &str,
        since: Timestamp,
        limit: u32,
    ) -> Result<Vec<Timestamp>> {
        let rows: Vec<String> = sqlx::query_scalar(FAILURES_SINCE)
            .bind(scope.as_str())
            .bind(key)
            .bind(ts(since))
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(|at| parse_ts(at)).collect()
    }

    pub(crate) async fn clear_login_failures_impl(
        &self,
        scope: ThrottleScope,
        key: &str,
    ) -> Result<()> {
        sqlx::query(FAILURES_CLEAR)
            .bind(scope.as_str())
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
