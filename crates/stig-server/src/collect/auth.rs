//! The collector's credential, as in Segment: HTTP Basic auth with a source's write key as
//! the user name and an empty password, or (as Segment also accepts, and its Node SDK sends)
//! a `writeKey` field in the JSON body.

use axum::http::{HeaderMap, StatusCode, header};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use stig_store::Source;

use super::CollectError;
use crate::AppState;

/// The source whose write key the request carries (Basic auth, else the body's `writeKey`);
/// 401 otherwise.
pub async fn source(
    state: &AppState,
    headers: &HeaderMap,
    body: Option<&[u8]>,
) -> Result<Source, CollectError> {
    let key = write_key(headers)
        .or_else(|| body.and_then(|b| body_write_key(headers, b)))
        .ok_or_else(|| {
            unauthorized(
                "send the source's write key with HTTP Basic auth: the key as user name, \
             an empty password",
            )
            .with_code("missing_write_key")
        })?;
    match state.store.source_for_write_key(&key).await {
        Ok(Some(source)) => Ok(source),
        Ok(None) => Err(unauthorized("unknown write key").with_code("invalid_write_key")),
        Err(e) => {
            tracing::error!(message = "looking up a write key", error = %e);
            Err(CollectError::store_unavailable())
        }
    }
}

/// The `writeKey` of a JSON body (plain or gzip), if it has one.
fn body_write_key(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let json = super::body::decode(headers, body, stig_pipeline::event::MAX_BATCH_BYTES).ok()?;
    json.get("writeKey")?
        .as_str()
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
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
