//! Static assets, embedded in the binary (no Node, no build step).

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    (
        "forms.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/forms.css"),
    ),
    (
        "survey.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/survey.css"),
    ),
    (
        "forms.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/forms.js"),
    ),
    (
        "people.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/people.css"),
    ),
    (
        "map.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/map.css"),
    ),
    (
        "page.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/page.js"),
    ),
    (
        "connect.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/connect.js"),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/map.js"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/htmx.min.js"),
    ),
];

pub async fn serve(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, mime, body)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
