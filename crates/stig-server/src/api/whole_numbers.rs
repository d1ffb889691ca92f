//! Whole numbers written with a fraction or an exponent (`2.0`, `1e3`) taken as integers in
//! API request bodies. JSON Schema, which the OpenAPI 3.1 document is written in, defines
//! an integer by its value, so `2.0` is a valid `"type": "integer"`; serde refuses it for an
//! integer field. This layer respells such numbers (`2.0` → `2`) before the handlers read the
//! body; a real fraction (`2.5`) stays as it is and is still refused where an integer is due.
//! Only number tokens outside strings change, so key order and every other byte stay.

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::problem::MAX_BODY_BYTES;
use crate::error::{ApiError, AppError};

/// Past 2^53 a float no longer names one integer, so such numbers are left as written.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Middleware for the API's routes.
pub async fn whole_numbers(req: Request, next: Next) -> Response {
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.split(';').next().unwrap_or("").trim();
            v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
        });
    if !json {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES as usize).await else {
        return ApiError(AppError::TooLarge(format!(
            "the body is over the limit of {MAX_BODY_BYTES} bytes"
        )))
        .into_response();
    };
    let bytes = match respell(&bytes) {
        Some(changed) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Bytes::from(changed)
        }
        None => bytes,
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The body with every whole number spelled as an integer, or `None` when none needed it.
fn respell(body: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0; // bytes of `body` already in `out`
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'"' => i = string_end(body, i),
            b'-' | b'0'..=b'9' => {
                let end = number_end(body, i);
                let token = &body[i..end];
                if let Some(int) = whole(token) {
                    let o = out.get_or_insert_with(|| Vec::with_capacity(body.len()));
                    o.extend_from_slice(&body[copied..i]);
                    o.extend_from_slice(int.as_bytes());
                    copied = end;
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    let mut o = out?;
    o.extend_from_slice(&body[copied..]);
    Some(o)
}

/// The index just past the string that opens at `start` (escapes skipped).
fn string_end(body: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    body.len()
}

/// The index just past the number-like run of bytes at `start`.
fn number_end(body: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < body.len() && matches!(body[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
        i += 1;
    }
    i
}

/// A JSON number with a fraction or exponent whose value is a whole number within 2^53,
/// spelled as an integer; `None` for anything else (plain integers, real fractions, junk).
fn whole(token: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(token).ok()?;
    if !text.contains(['.', 'e', 'E']) || !is_json_number(text) {
        return None;
    }
    let v: f64 = text.parse().ok()?;
    (v.is_finite() && v.fract() == 0.0 && v.abs() <= EXACT).then(|| format!("{}", v as i64))
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, so nothing malformed becomes valid.
fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (n > 1 && b[int_start] == b'0') {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::respell;

    fn r(s: &str) -> String {
        respell(s.as_bytes()).map_or_else(|| s.to_owned(), |b| String::from_utf8(b).expect("utf-8"))
    }

    #[test]
    fn whole_numbers_become_integers_and_nothing_else_changes() {
        assert_eq!(
            r(r#"{"a":2.0,"b":-115.0,"c":1e3,"d":0.0}"#),
            r#"{"a":2,"b":-115,"c":1000,"d":0}"#
        );
        assert_eq!(
            r(r#"{"a":2.5,"b":7,"c":"3.0","d":1e400}"#),
            r#"{"a":2.5,"b":7,"c":"3.0","d":1e400}"#
        );
        assert_eq!(r(r#"{"k\"1.0":[1.0, 3.0e2]}"#), r#"{"k\"1.0":[1, 300]}"#);
        // Past 2^53 and malformed numbers are left for serde to judge.
        assert_eq!(
            r(r#"[1.2e20, 01.0, 1., -.5]"#),
            r#"[1.2e20, 01.0, 1., -.5]"#
        );
        assert!(respell(br#"{"a":1,"b":"x"}"#).is_none());
    }
}
