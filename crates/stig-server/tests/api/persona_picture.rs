//! Persona pictures through the web app (multipart upload with the CSRF token, served back
//! byte for byte, refused when not a PNG/JPEG/WebP or too big, editors only) and the journey
//! page's `?step=`, which marks that step on the map.

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use stig_store::Store;

use crate::harness::{Harness, WS};
use crate::web::{get, login};

const BOUNDARY: &str = "----stig-picture-test-7f3a";

/// A multipart body with the CSRF token and one file.
fn multipart(csrf: &str, file: &[u8], filename: &str, mime: &str) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"{filename}\"\r\n\
             Content-Type: {mime}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

struct Answer {
    status: u16,
    location: Option<String>,
    /// The flash message set (decoded), with its kind prefix: `ok:…` or `err:…`.
    flash: Option<String>,
}

async fn upload(h: &Harness, cookie: &str, persona: &str, body: Vec<u8>) -> Answer {
    let res = h
        .send(
            Request::post(format!("/w/{WS}/personas/{persona}/picture"))
                .header(header::COOKIE, cookie)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(body))
                .expect("req"),
        )
        .await;
    let flash = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("stig_flash="))
        .map(|c| {
            // Encoded by the app, then again by the cookie.
            let mut value = c.split(';').next().unwrap_or("").to_owned();
            for _ in 0..2 {
                value = percent_encoding::percent_decode_str(&value)
                    .decode_utf8_lossy()
                    .into_owned();
            }
            value
        });
    Answer {
        status: res.status().as_u16(),
        location: res
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        flash,
    }
}

/// (status, content type, bytes) of `path`.
async fn fetch(h: &Harness, cookie: &str, path: &str) -> (u16, String, Vec<u8>) {
    let res = h
        .send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    let status = res.status().as_u16();
    let mime = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = res
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    (status, mime, bytes)
}

/// A real PNG: a small portrait drawn by the map renderer's rasteriser.
fn png() -> Vec<u8> {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="12" height="12"><rect width="12" height="12" fill="#2F5D8A"/><circle cx="6" cy="5" r="3" fill="#F2C8A0"/></svg>"##;
    stig_render::svg_to_png(svg, 2.0).expect("png")
}

async fn first_persona(h: &Harness) -> String {
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    ws.personas.first().expect("a persona").id.clone()
}

#[tokio::test]
async fn an_uploaded_picture_comes_back_and_shows_on_cards_and_the_map() {
    let h = Harness::new().await;
    let persona = first_persona(&h).await;
    let (cookie, csrf) = login(&h, "erik").await;
    let picture = png();
    assert!(picture.starts_with(b"\x89PNG"));

    let a = upload(
        &h,
        &cookie,
        &persona,
        multipart(&csrf, &picture, "me.png", "image/png"),
    )
    .await;
    assert_eq!(a.status, 303);
    assert_eq!(
        a.location.as_deref(),
        Some(format!("/w/{WS}/personas/{persona}#picture").as_str())
    );
    assert_eq!(a.flash.as_deref(), Some("ok:Picture saved."));

    let (status, mime, bytes) =
        fetch(&h, &cookie, &format!("/w/{WS}/personas/{persona}/picture")).await;
    assert_eq!((status, mime.as_str()), (200, "image/png"));
    assert_eq!(bytes, picture, "the picture comes back byte for byte");

    // The cards, the persona's page and the journey map (legend and curve) show it.
    let url = format!("/w/{WS}/personas/{persona}/picture?v=");
    let (_, cards) = get(&h, &cookie, &format!("/w/{WS}/personas")).await;
    assert!(cards.contains(&format!("src=\"{url}")), "cards: no picture");
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}/personas/{persona}")).await;
    assert!(
        page.contains(&format!("src=\"{url}")),
        "persona page: no picture"
    );
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let journey = ws
        .journeys
        .iter()
        .find(|j| j.personas.is_empty() || j.personas.contains(&persona))
        .expect("a journey of the persona");
    let (_, map) = get(&h, &cookie, &format!("/w/{WS}/journeys/{}", journey.id)).await;
    let images = map.matches(&format!("<image href=\"{url}")).count();
    assert_eq!(images, 2, "one beside the curve, one in the legend");

    // Replaced by a JPEG, then removed.
    let jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], b"\0\x10JFIF\0rest of a jpeg"].concat();
    let a = upload(
        &h,
        &cookie,
        &persona,
        multipart(&csrf, &jpeg, "me.jpg", "image/jpeg"),
    )
    .await;
    assert_eq!(a.flash.as_deref(), Some("ok:Picture saved."));
    let (_, mime, bytes) = fetch(&h, &cookie, &format!("/w/{WS}/personas/{persona}/picture")).await;
    assert_eq!((mime.as_str(), bytes), ("image/jpeg", jpeg));
    let res = h
        .send(
            Request::post(format!("/w/{WS}/personas/{persona}/picture/delete"))
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf={csrf}")))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, _, _) = fetch(&h, &cookie, &format!("/w/{WS}/personas/{persona}/picture")).await;
    assert_eq!(status, 404);
    // Without a picture the form's preview is the initials, drawn.
    let (status, mime, _) = fetch(
        &h,
        &cookie,
        &format!("/w/{WS}/personas/{persona}/picture?or=initials"),
    )
    .await;
    assert_eq!((status, mime.as_str()), (200, "image/svg+xml"));
}

async fn has_picture(h: &Harness, persona: &str) -> bool {
    h.store
        .persona_picture(WS, persona)
        .await
        .expect("store")
        .is_some()
}

#[tokio::test]
async fn what_is_not_a_picture_is_refused_with_a_reason_and_nothing_is_stored() {
    let h = Harness::new().await;
    let persona = first_persona(&h).await;
    let (cookie, csrf) = login(&h, "erik").await;

    // A text file calling itself a PNG: the magic bytes decide.
    let a = upload(
        &h,
        &cookie,
        &persona,
        multipart(&csrf, b"name,quote\nKari,hello\n", "kari.png", "image/png"),
    )
    .await;
    assert_eq!(a.status, 303);
    assert_eq!(
        a.flash.as_deref(),
        Some("err:The file is not a PNG, JPEG or WebP picture.")
    );
    assert!(!has_picture(&h, &persona).await);
    // An SVG (could carry script) and a GIF are not accepted either.
    for (bytes, name) in [
        (
            &b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"[..],
            "x.svg",
        ),
        (&b"GIF89a\x01\0\x01\0"[..], "x.gif"),
    ] {
        let a = upload(
            &h,
            &cookie,
            &persona,
            multipart(&csrf, bytes, name, "image/png"),
        )
        .await;
        assert!(
            a.flash.as_deref().is_some_and(|f| f.starts_with("err:")),
            "{name}"
        );
    }
    // Too big: a PNG header with 2 MiB after it.
    let mut big = png();
    big.resize(2 * 1024 * 1024, 0);
    let a = upload(
        &h,
        &cookie,
        &persona,
        multipart(&csrf, &big, "big.png", "image/png"),
    )
    .await;
    assert_eq!(
        a.flash.as_deref(),
        Some("err:The picture is 2048 KB; at most 1024 KB is accepted.")
    );
    // No file at all.
    let a = upload(
        &h,
        &cookie,
        &persona,
        multipart(&csrf, b"", "", "application/octet-stream"),
    )
    .await;
    assert_eq!(
        a.flash.as_deref(),
        Some("err:Choose a picture file to upload.")
    );
    assert!(!has_picture(&h, &persona).await);

    // Without the CSRF token, as a viewer, or for a persona that does not exist: refused.
    let a = upload(
        &h,
        &cookie,
        &persona,
        multipart("wrong", &png(), "me.png", "image/png"),
    )
    .await;
    assert_eq!(a.status, 403);
    let (viewer, viewer_csrf) = login(&h, "vera").await;
    let a = upload(
        &h,
        &viewer,
        &persona,
        multipart(&viewer_csrf, &png(), "me.png", "image/png"),
    )
    .await;
    assert_eq!(a.status, 403);
    let a = upload(
        &h,
        &cookie,
        "nobody",
        multipart(&csrf, &png(), "me.png", "image/png"),
    )
    .await;
    assert_eq!(a.status, 404);
    assert!(!has_picture(&h, &persona).await);
    assert!(h.store.persona_pictures(WS).await.expect("list").is_empty());
}

#[tokio::test]
async fn step_in_the_query_marks_that_step_on_the_map() {
    let h = Harness::new().await;
    let (cookie, _) = login(&h, "vera").await;
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let j = ws.journeys.first().expect("a journey");
    let steps = j.ordered_steps();
    let step = steps.get(2).expect("three steps");

    let (status, page) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/journeys/{}?step={}", j.id, step.id),
    )
    .await;
    assert_eq!(status, 200);
    // The map tints and outlines that step's column, and no other.
    assert!(
        page.contains(&format!(
            "class=\"step-col selected\" data-col=\"{}\"",
            step.id
        )),
        "the step's column is not marked"
    );
    assert_eq!(page.matches("class=\"step-col selected\"").count(), 1);
    assert_eq!(page.matches("class=\"step-col-outline\"").count(), 1);
    // The script centres it, and the panel shows its details.
    assert!(page.contains(&format!("data-selected=\"{}\"", step.id)));
    assert!(page.contains(&format!("data-step-detail=\"{}\"", step.id)));
    assert!(page.contains("class=\"map-shell has-step\""));
    assert!(page.contains("<script src=\"/assets/map.js\" defer>"));

    // Without ?step= (or with one the journey does not have) nothing is marked.
    for query in ["", "?step=no-such-step"] {
        let (status, page) = get(&h, &cookie, &format!("/w/{WS}/journeys/{}{query}", j.id)).await;
        assert_eq!(status, 200);
        assert!(!page.contains("step-col selected"), "{query}");
        assert!(!page.contains("data-selected="), "{query}");
        assert_eq!(
            page.matches("class=\"step-col\"").count(),
            steps.len(),
            "one column per step"
        );
    }

    // The canvas's script and style are served.
    let (status, mime, js) = fetch(&h, &cookie, "/assets/map.js").await;
    assert_eq!(
        (status, mime.as_str()),
        (200, "text/javascript; charset=utf-8")
    );
    let js = String::from_utf8_lossy(&js);
    assert!(js.contains("requestFullscreen") && js.contains("htmx.ajax('GET'"));
    let (status, _, _) = fetch(&h, &cookie, "/assets/map.css").await;
    assert_eq!(status, 200);
}
