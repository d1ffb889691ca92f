//! `GET /v1/projects/{writeKey}/settings`: the settings document Segment's CDN serves and
//! the SDKs fetch before they send anything (analytics.js from `{cdnURL}/v1/projects/…`,
//! analytics-kotlin and analytics-swift from `https://{cdnHost}/projects/…`).
//!
//! It names *this* Stig as the place to send events: `integrations["Segment.io"]` with the
//! write key (`apiKey`), `apiHost` (`host[:port]/v1`) and `protocol`, from `STIG_PUBLIC_URL`
//! or else the request's `Host`, so SDKs that let the settings override their configured
//! host send here. Everything else is neutral, as Segment's CDN answers for a source with no
//! destinations: no other integrations, no tracking plan rules, no middleware, no remote
//! plugins, and no SDK metrics (`sampleRate: 0`, so nothing is sent to Segment either).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{CollectError, cors, record_rejection};
use crate::AppState;

/// How long browsers and caches may keep the document (as Segment's CDN does, briefly: a
/// changed setting reaches every page within a minute).
pub const CACHE_CONTROL: &str = "public, max-age=60";

pub async fn settings(
    State(state): State<AppState>,
    Path(key): Path<String>,
    headers: HeaderMap,
) -> Response {
    let origin = cors::origin(&headers);
    let source = match state.store.source_for_write_key(&key).await {
        Ok(Some(source)) => source,
        Ok(None) => {
            state.collector.count_unknown_key();
            let e = CollectError::new(
                StatusCode::NOT_FOUND,
                "unknown write key: no source has it (a source's write key is shown once, \
                 when the source is created in Stig)",
            )
            .with_code("invalid_write_key");
            let mut res = e.into_response();
            cors::allow(&mut res, origin.as_ref());
            return res;
        }
        Err(e) => {
            tracing::error!(message = "looking up a write key", error = %e);
            let mut res = CollectError::store_unavailable().into_response();
            cors::allow(&mut res, origin.as_ref());
            return res;
        }
    };
    if let Some(refused) = cors::refused(&source, origin.as_ref()) {
        let e = cors::refusal(&refused);
        record_rejection(
            &state,
            &source,
            "GET /v1/projects/{writeKey}/settings".into(),
            &e,
        );
        return e.into_response();
    }
    let base = crate::api::survey_links::base_url(&state, &headers);
    let mut res = (
        [(
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        )],
        axum::Json(document(&key, &base)),
    )
        .into_response();
    cors::allow(&mut res, origin.as_ref());
    res
}

/// The settings document for write key `key` of the Stig at `base` (`http://host:port`).
pub fn document(key: &str, base: &str) -> Value {
    let (protocol, host) = match base.split_once("://") {
        Some((scheme, rest)) => (scheme, rest),
        None => ("https", base),
    };
    let api_host = format!("{}/v1", host.trim_end_matches('/'));
    json!({
        "integrations": {
            "Segment.io": {
                "apiKey": key,
                "apiHost": api_host,
                "protocol": protocol,
                "unbundledIntegrations": [],
                "addBundledMetadata": true,
                "maybeBundledConfigIds": {},
            }
        },
        "plan": {
            "track": {"__default": {"enabled": true, "integrations": {}}},
            "identify": {"__default": {"enabled": true}},
            "group": {"__default": {"enabled": true}},
        },
        "edgeFunction": {},
        "analyticsNextEnabled": true,
        "middlewareSettings": {},
        "enabledMiddleware": {},
        "metrics": {"sampleRate": 0, "host": api_host},
        "legacyVideoPluginsEnabled": false,
        "remotePlugins": [],
        "consentSettings": {"allCategories": [], "hasUnmappedDestinations": false},
    })
}
