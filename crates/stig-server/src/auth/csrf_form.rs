//! A form extractor that refuses a POST without the session's CSRF token.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::SessionUser;
use crate::error::AppError;
use crate::state::AppState;

/// `CsrfForm(user, form)`: the signed-in user and the form, only if the form's `csrf` field
/// matches the session's token (constant-time comparison).
pub struct CsrfForm<T>(pub SessionUser, pub T);

#[derive(Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: String,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let user = SessionUser::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, 4 * 1024 * 1024)
            .await
            .map_err(|e| {
                AppError::BadRequest(format!("cannot read the form: {e}")).into_response()
            })?;
        let field: CsrfField = serde_html_form::from_bytes(&bytes).unwrap_or(CsrfField {
            csrf: String::new(),
        });
        if !constant_time_eq(field.csrf.as_bytes(), user.csrf.as_bytes()) {
            return Err(AppError::Csrf.into_response());
        }
        let form: T = serde_html_form::from_bytes(&bytes).map_err(|e| {
            AppError::BadRequest(format!("the form is not valid: {e}")).into_response()
        })?;
        Ok(CsrfForm(user, form))
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
