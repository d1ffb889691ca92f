//! The collector's credential, as in Segment: HTTP Basic auth with a source's write key as
//! the user name and an empty password.

use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use stig_store::Source;

use super::CollectError;
use crate::AppState;

/// The source whose write key the request carries; 401 otherwise.
pub async fn source(state: &AppState, headers: &HeaderMap) -> Result<Source, CollectError> {
    let key = write_key(headers).ok_or_else(|| {
        unauthorized(
            "send the source's write key with HTTP Basic auth: the key as user name, \
             an empty password",
        )
    })?;
    match state.store.source_for_write_key(&key).await {
        Ok(Some(source)) => Ok(source),
        Ok(None) => Err(unauthorized("unknown write key")),
        Err(e) => {
            tracing::error!(message = "looking up a write key", error = %e);
            Err(CollectError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the store is unavailable; retry later",
            ))
        }
    }
}

/// The user name of a `Basic` Authorization header (the password is ignored).
pub fn write_key(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let user = decoded.split_once(':').map_or(decoded.as_str(), |(u, _)| u);
    (!user.is_empty()).then(|| user.to_owned())
}

fn unauthorized(detail: &str) -> CollectError {
    CollectError::new(StatusCode::UNAUTHORIZED, detail)
}
