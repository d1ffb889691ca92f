//! A collect request's body: plain or `Content-Encoding: gzip`, at most `limit` bytes of JSON
//! once decompressed (so a small gzip bomb cannot blow up memory).

use std::io::Read as _;

use axum::http::{HeaderMap, StatusCode, header};
use flate2::read::GzDecoder;

use super::CollectError;

/// The body as JSON; 413 over `limit` bytes, 415 for an unknown encoding, 400 for bad gzip or
/// bad JSON.
pub fn decode(
    headers: &HeaderMap,
    body: &[u8],
    limit: usize,
) -> Result<serde_json::Value, CollectError> {
    let encoding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let plain: std::borrow::Cow<'_, [u8]> = match encoding.as_str() {
        "" | "identity" => body.into(),
        "gzip" | "x-gzip" => {
            let mut out = Vec::new();
            let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
            GzDecoder::new(body)
                .take(cap)
                .read_to_end(&mut out)
                .map_err(|e| {
                    CollectError::new(
                        StatusCode::BAD_REQUEST,
                        format!("the body is not valid gzip: {e}"),
                    )
                })?;
            out.into()
        }
        other => {
            return Err(CollectError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("Content-Encoding `{other}` is not supported: send gzip or plain JSON"),
            ));
        }
    };
    if plain.len() > limit {
        let what = if limit >= stig_pipeline::event::MAX_BATCH_BYTES {
            "500 KB) a batch"
        } else {
            "32 KB) a message"
        };
        return Err(CollectError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request is over the limit of {limit} bytes ({what}"),
        ));
    }
    serde_json::from_slice(&plain).map_err(|e| {
        CollectError::new(
            StatusCode::BAD_REQUEST,
            format!("the body is not valid JSON: {e}"),
        )
    })
}
