//! Everything a new team needs without a terminal: creating a workspace (empty, from a
//! template, from an uploaded journey-as-code zip), one's own API tokens and password, and
//! the first-run guide from an empty workspace to the first event and survey answer.

use std::io::Write as _;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use serde_json::json;

use stig_server::ui::workspaces::Templates;
use stig_server::{AppState, Config, app};
use stig_store::{Store, StoreExt};

use crate::harness::{Harness, WS, text};
use crate::web::{get, login, post};

/// The harness with two real examples as templates, and one broken set of files that must
/// not be offered.
async fn harness_with_templates() -> Harness {
    let mut h = Harness::new().await;
    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut list = Vec::new();
    for id in ["harbour-hotels", "nordic-air"] {
        let files = stig_model::code::load_dir(examples.join(id))
            .expect("example")
            .files;
        list.push((id.to_owned(), files));
    }
    list.push((
        "broken".to_owned(),
        vec![stig_model::code::SourceFile {
            path: "stig.toml".into(),
            text: "[workspace]\nname = \"Broken Template\"\nbogus = 1\n".into(),
        }],
    ));
    let mut state = AppState::new(h.store.clone(), Config::read_your_writes());
    state.templates = Arc::new(Templates::new(list));
    h.router = app(state);
    h
}

const BOUNDARY: &str = "----stig-test-boundary-7d1f";

/// A multipart/form-data body: text fields, then the zip (if any).
fn multipart(fields: &[(&str, &str)], zip: Option<&[u8]>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        write!(
            body,
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        )
        .expect("write");
    }
    if let Some(bytes) = zip {
        write!(
            body,
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"zip\"; filename=\"ws.zip\"\r\nContent-Type: application/zip\r\n\r\n"
        )
        .expect("write");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{BOUNDARY}--\r\n").expect("write");
    body
}

/// Posts the "new workspace" form; returns status, Location and body.
async fn create(
    h: &Harness,
    cookie: &str,
    fields: &[(&str, &str)],
    zip: Option<&[u8]>,
) -> (u16, Option<String>, String) {
    let res = h
        .send(
            Request::post("/workspaces")
                .header(header::COOKIE, cookie)
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .body(Body::from(multipart(fields, zip)))
                .expect("req"),
        )
        .await;
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, location, text(res).await)
}

/// Posts a form that redirects, then opens the page it redirects to with the flash message
/// (and any new session) it set; returns the POST's status and the page.
async fn post_then_follow(h: &Harness, cookie: &str, path: &str, form: &str) -> (u16, String) {
    let res = h
        .send(
            Request::post(path)
                .header(header::COOKIE, cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form.to_owned()))
                .expect("req"),
        )
        .await;
    let status = res.status().as_u16();
    let location = res
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .expect("a redirect")
        .to_owned();
    let (_, page) = get(h, &with_set_cookies(cookie, &res), &location).await;
    (status, page)
}

/// `cookie` updated by the `Set-Cookie` headers of `res`.
fn with_set_cookies(cookie: &str, res: &axum::http::Response<Body>) -> String {
    let mut cookies: Vec<String> = cookie.split("; ").map(str::to_owned).collect();
    for set in res.headers().get_all(header::SET_COOKIE) {
        let pair = set
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("pair");
        let name = pair.split('=').next().expect("name");
        cookies.retain(|c| !c.starts_with(&format!("{name}=")));
        cookies.push(pair.to_owned());
    }
    cookies.join("; ")
}

async fn get_bytes(h: &Harness, cookie: &str, path: &str) -> Vec<u8> {
    let res = h
        .send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 200, "{path}");
    http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes()
        .to_vec()
}

/// The files of a zip, with `edit` applied to each `(name, text)`.
fn rezip(bytes: &[u8], edit: impl Fn(&str, String) -> Option<String>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = std::io::Cursor::new(Vec::new());
    let mut w = zip::ZipWriter::new(&mut out);
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).expect("entry");
        let name = f.name().to_owned();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).expect("text");
        if let Some(text) = edit(&name, text) {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("start");
            w.write_all(text.as_bytes()).expect("write");
        }
    }
    w.finish().expect("finish");
    out.into_inner()
}

#[tokio::test]
async fn an_admin_creates_workspaces_empty_and_from_a_template_in_the_browser() {
    let h = harness_with_templates().await;
    let (cookie, csrf) = login(&h, "admin").await;

    // The templates offered are those embedded that load; the broken one is left out.
    let (status, page) = get(&h, &cookie, "/workspaces/new").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Harbour Hotels – Lisbon and the Algarve"),
        "{page}"
    );
    assert!(page.contains("Nordic Air"));
    assert!(!page.contains("Broken Template"));
    assert!(page.contains("enctype=\"multipart/form-data\""));

    // Empty: the id is derived from the name.
    let (status, location, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "empty"),
            ("name", "Fjord Hotels Bergen"),
            ("id", ""),
        ],
        None,
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location.as_deref(), Some("/w/fjord-hotels-bergen"));
    let ws = h
        .store
        .load_workspace("fjord-hotels-bergen")
        .await
        .expect("created")
        .value;
    assert_eq!(ws.settings.name, "Fjord Hotels Bergen");
    assert!(ws.personas.is_empty() && ws.journeys.is_empty());
    assert_eq!(ws.settings.locale, "en");
    assert_eq!(
        ws.settings.currency, "EUR",
        "settings get the defaults a stig.toml would"
    );

    // The same id again is refused, saying which.
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "empty"),
            ("name", "Fjord Hotels Bergen"),
            ("id", ""),
        ],
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("already a workspace with the id “fjord-hotels-bergen”"),
        "{body}"
    );
    // An empty workspace without a name, and an id that is not one.
    let (status, _, body) = create(
        &h,
        &cookie,
        &[("csrf", &csrf), ("from", "empty"), ("name", " ")],
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("needs a name"), "{body}");
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "empty"),
            ("name", "X"),
            ("id", "Bad Id!"),
        ],
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("“Bad Id!” cannot be an id"), "{body}");

    // From a template: its design under the id typed, with no events.
    let (status, location, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "template"),
            ("template", "harbour-hotels"),
            ("name", ""),
            ("id", "my-hotel"),
        ],
        None,
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location.as_deref(), Some("/w/my-hotel"));
    let example = stig_model::code::load_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbour-hotels"),
    )
    .expect("example")
    .workspace;
    let made = h
        .store
        .load_workspace("my-hotel")
        .await
        .expect("created")
        .value;
    assert_eq!(made, example, "the template's design, whole");
    assert_eq!(h.store.count_events("my-hotel").await.expect("count"), 0);
    let (status, page) = get(&h, &cookie, "/w/my-hotel").await;
    assert_eq!(status, 200);
    assert!(page.contains("Harbour Hotels – Lisbon and the Algarve"));

    // A template that is not offered.
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "template"),
            ("template", "broken"),
            ("name", "B"),
        ],
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Pick one of the templates"), "{body}");

    // Only admins, and only with the session's CSRF token.
    let (erik, erik_csrf) = login(&h, "erik").await;
    let (status, _) = get(&h, &erik, "/workspaces/new").await;
    assert_eq!(status, 403);
    let (status, _, _) = create(
        &h,
        &erik,
        &[("csrf", &erik_csrf), ("from", "empty"), ("name", "Sneaky")],
        None,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _, _) = create(
        &h,
        &cookie,
        &[("csrf", "forged"), ("from", "empty"), ("name", "Forged")],
        None,
    )
    .await;
    assert_eq!(status, 403);
    let ids: Vec<String> = h
        .store
        .list_workspaces()
        .await
        .expect("list")
        .into_iter()
        .map(|w| w.id)
        .collect();
    assert_eq!(ids, ["arctic-winter", "fjord-hotels-bergen", "my-hotel"]);
}

#[tokio::test]
async fn a_journey_as_code_zip_is_checked_before_a_workspace_is_made_of_it() {
    let h = harness_with_templates().await;
    let (cookie, csrf) = login(&h, "admin").await;
    let exported = get_bytes(&h, &cookie, &format!("/w/{WS}/export.zip")).await;

    // The export of a workspace, uploaded, is that workspace again.
    let (status, location, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Arktis kopi"),
            ("id", ""),
        ],
        Some(&exported),
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location.as_deref(), Some("/w/arktis-kopi"));
    let original = h.store.load_workspace(WS).await.expect("original").value;
    let mut copy = h
        .store
        .load_workspace("arktis-kopi")
        .await
        .expect("copy")
        .value;
    assert_eq!(copy.settings.name, "Arktis kopi");
    copy.settings.name = original.settings.name.clone();
    assert_eq!(copy, original);

    // Files at the top of the zip work as well as in one folder (as the export has them).
    let flat = {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&exported)).expect("zip");
        let mut out = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).expect("entry");
            assert!(f.name().starts_with(&format!("{WS}/")), "{}", f.name());
            let name = f.name()[WS.len() + 1..].to_owned();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut f, &mut text).expect("text");
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("start");
            w.write_all(text.as_bytes()).expect("write");
        }
        w.finish().expect("finish");
        out.into_inner()
    };
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", ""),
            ("id", "arktis-mappe"),
        ],
        Some(&flat),
    )
    .await;
    assert_eq!(status, 303, "{body}");

    // A file with an error: nothing is created, and the page says where, as file:line:col.
    let persona_file = {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(&exported)).expect("zip");
        archive
            .file_names()
            .find(|n| n.contains("/personas/"))
            .expect("a persona file")
            .to_owned()
    };
    let broken = rezip(&exported, |name, text| {
        Some(if name == persona_file {
            format!("{text}\nfavourite_colour = \"blue\"\n")
        } else {
            text
        })
    });
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Broken"),
            ("id", ""),
        ],
        Some(&broken),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("The files in the zip have errors"), "{body}");
    assert!(
        body.contains(&format!(
            "<code>{}:",
            persona_file.trim_start_matches(&format!("{WS}/"))
        )),
        "file:line:col: {body}"
    );
    assert!(body.contains("favourite_colour"), "{body}");

    // A journey pointing to a persona that is not there: a validation error, placed.
    let dangling = rezip(&exported, |name, text| {
        (!name.contains("/personas/")).then_some(text)
    });
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Dangling"),
            ("id", ""),
        ],
        Some(&dangling),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("journeys/"), "{body}");

    // Zip-slip, not a zip, no zip, too large.
    let slip = rezip(&exported, |_, text| Some(text));
    let slip = {
        let mut archive = zip::ZipWriter::new_append(std::io::Cursor::new(slip)).expect("zip");
        archive
            .start_file(
                "../../outside.toml",
                zip::write::SimpleFileOptions::default(),
            )
            .expect("start");
        archive.write_all(b"x = 1").expect("write");
        archive.finish().expect("finish").into_inner()
    };
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Slip"),
            ("id", ""),
        ],
        Some(&slip),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("points outside the workspace folder"),
        "{body}"
    );
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Text"),
            ("id", ""),
        ],
        Some(b"just some text, not a zip"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("this is not a zip file"), "{body}");
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "None"),
            ("id", ""),
        ],
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Choose a zip file"), "{body}");
    let huge = vec![b'x'; stig_server::ui::workspaces::MAX_ZIP_BYTES + 1];
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Huge"),
            ("id", ""),
        ],
        Some(&huge),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("larger than 5 MB"), "{body}");

    let mut ids: Vec<String> = h
        .store
        .list_workspaces()
        .await
        .expect("list")
        .into_iter()
        .map(|w| w.id)
        .collect();
    ids.sort();
    assert_eq!(ids, ["arctic-winter", "arktis-kopi", "arktis-mappe"]);
}

#[tokio::test]
async fn one_creates_uses_and_revokes_ones_own_api_tokens() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let (status, page) = get(&h, &cookie, "/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("API tokens"));
    assert!(
        page.contains("with the Editor role"),
        "the role tokens act with: {page}"
    );

    let (status, _, page) = post(
        &h,
        &cookie,
        "/account/tokens",
        &format!("csrf={csrf}&label="),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Give the token a name"), "{page}");

    let (status, _, page) = post(
        &h,
        &cookie,
        "/account/tokens",
        &format!("csrf={csrf}&label=deploy+bot+7"),
    )
    .await;
    assert_eq!(status, 200);
    let token = page
        .split("<code>stig_")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .map(|t| format!("stig_{t}"))
        .expect("the new token, shown once");
    assert!(page.contains("only time it is shown"));

    // It works on the API, as erik.
    let (status, _, doc, _) = h
        .api("GET", "/api/workspaces", Some(&token), None, None)
        .await;
    assert_eq!(status, 200, "{doc}");
    let (status, _, _, _) = h
        .api(
            "PUT",
            &format!("/api/workspaces/{WS}"),
            Some(&token),
            None,
            Some(json!({"settings": {"name": "x"}})),
        )
        .await;
    assert_eq!(status, 403, "an editor's token cannot do an admin's work");

    // Listed (not shown again), with when it was last used.
    let (_, page) = get(&h, &cookie, "/account").await;
    assert!(page.contains("deploy bot 7"));
    assert!(!page.contains(&token), "never shown twice");
    let erik = h
        .store
        .find_user_by_name("erik")
        .await
        .expect("q")
        .expect("erik");
    let tokens = h.store.list_api_tokens(erik.id).await.expect("tokens");
    let mine = tokens
        .iter()
        .find(|t| t.label == "deploy bot 7")
        .expect("listed");
    assert!(mine.last_used_at.is_some());
    assert!(page.contains(&mine.fingerprint));

    // Revoked: refused from then on; someone else's fingerprint is not found.
    let admin = h
        .store
        .find_user_by_name("admin")
        .await
        .expect("q")
        .expect("admin");
    let admins = h.store.list_api_tokens(admin.id).await.expect("tokens");
    let (status, page) = post_then_follow(
        &h,
        &cookie,
        "/account/tokens/revoke",
        &format!("csrf={csrf}&fingerprint={}", admins[0].fingerprint),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(h.store.list_api_tokens(admin.id).await.expect("t").len(), 1);
    assert!(
        page.contains("You have no token with that fingerprint"),
        "{page}"
    );

    let (status, page) = post_then_follow(
        &h,
        &cookie,
        "/account/tokens/revoke",
        &format!("csrf={csrf}&fingerprint={}", mine.fingerprint),
    )
    .await;
    assert_eq!(status, 303);
    assert!(page.contains("The token is revoked"), "{page}");
    let (status, _, _, _) = h
        .api("GET", "/api/workspaces", Some(&token), None, None)
        .await;
    assert_eq!(status, 401);
    assert!(!page.contains("deploy bot 7"));
}

#[tokio::test]
async fn one_changes_ones_own_password_and_other_sessions_end() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let (other, _) = login(&h, "erik").await;

    // Wrong current password: refused, nothing changed.
    let form = |current: &str, new: &str, repeat: &str| {
        format!("csrf={csrf}&current={current}&new={new}&repeat={repeat}")
    };
    let (status, _, page) = post(
        &h,
        &cookie,
        "/account/password",
        &form("wrong-password", "a-new-secret-123", "a-new-secret-123"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("That is not your current password"), "{page}");
    assert!(
        h.store
            .login("erik", "erik-password")
            .await
            .expect("q")
            .is_some()
    );
    // Too short, or not the same twice.
    let (status, _, page) = post(
        &h,
        &cookie,
        "/account/password",
        &form("erik-password", "short", "short"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("at least 10 characters"), "{page}");
    let (status, _, page) = post(
        &h,
        &cookie,
        "/account/password",
        &form("erik-password", "a-new-secret-123", "a-new-secret-124"),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("not the same"), "{page}");
    assert!(
        h.store
            .login("erik", "erik-password")
            .await
            .expect("q")
            .is_some()
    );

    // Changed: this browser gets a fresh session, the other is signed out.
    let res = h
        .send(
            Request::post("/account/password")
                .header(header::COOKIE, &cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form(
                    "erik-password",
                    "a-new-secret-123",
                    "a-new-secret-123",
                )))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 303);
    let fresh = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("stig_session="))
        .expect("a new session cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    assert_ne!(fresh, cookie);
    let (status, page) = get(&h, &with_set_cookies(&fresh, &res), "/account").await;
    assert_eq!(status, 200);
    assert!(page.contains("Your password is changed"), "{page}");
    assert!(page.contains("<h1>erik</h1>"), "signed in here still");
    for old in [&cookie, &other] {
        let (status, _) = get(&h, old, "/account").await;
        assert_eq!(status, 303, "an old session is sent to log in");
    }
    assert!(
        h.store
            .login("erik", "erik-password")
            .await
            .expect("q")
            .is_none()
    );
    assert!(
        h.store
            .login("erik", "a-new-secret-123")
            .await
            .expect("q")
            .is_some()
    );
}

#[tokio::test]
async fn the_guide_leads_from_an_empty_workspace_to_the_first_survey_answer() {
    let h = harness_with_templates().await;
    let (cookie, csrf) = login(&h, "admin").await;
    let exported = get_bytes(&h, &cookie, &format!("/w/{WS}/export.zip")).await;
    // Arctic winter's design, without its events, in a workspace of its own.
    let (status, _, body) = create(
        &h,
        &cookie,
        &[
            ("csrf", &csrf),
            ("from", "zip"),
            ("name", "Guided"),
            ("id", ""),
        ],
        Some(&exported),
    )
    .await;
    assert_eq!(status, 303, "{body}");
    let ws = "guided";

    let fragment = |h: &Harness| {
        let cookie = cookie.clone();
        let h = h.router.clone();
        async move {
            let res = tower::ServiceExt::oneshot(
                h,
                Request::get(format!("/w/{ws}/guide"))
                    .header(header::COOKIE, &cookie)
                    .header("hx-request", "true")
                    .body(Body::empty())
                    .expect("req"),
            )
            .await
            .expect("res");
            text(res).await
        }
    };
    let (_, overview) = get(&h, &cookie, &format!("/w/{ws}")).await;
    assert!(
        overview.contains(&format!("hx-get=\"/w/{ws}/guide\"")),
        "the overview loads the guide"
    );
    let g = fragment(&h).await;
    assert!(g.contains("2 of 5 done"), "workspace and design: {g}");
    assert!(
        g.contains(&format!("href=\"/w/{ws}/sources\"")),
        "next: a source"
    );

    // A source made in the UI; the guide links to its Connect page and checks live.
    let (status, _, page) = post(
        &h,
        &cookie,
        &format!("/w/{ws}/sources"),
        &format!("csrf={csrf}&name=Website"),
    )
    .await;
    assert_eq!(status, 201);
    let key = page
        .split("<pre class=\"key\"><code>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the key")
        .to_owned();
    let g = fragment(&h).await;
    assert!(g.contains("3 of 5 done"), "{g}");
    assert!(g.contains("/connect\""), "{g}");
    assert!(
        g.contains("hx-trigger=\"every 3s\""),
        "waits for the first event: {g}"
    );

    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    let res = h
        .send(
            Request::post("/v1/track")
                .header(header::AUTHORIZATION, format!("Basic {auth}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    json!({"userId": "kari", "event": "Order Completed"}).to_string(),
                ))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 200);
    let g = fragment(&h).await;
    assert!(g.contains("4 of 5 done"), "{g}");
    assert!(g.contains("One event has arrived"), "{g}");
    assert!(!g.contains("every 3s"), "no more polling");

    // A survey link minted in the guide, answered on the public page.
    let (status, _, g) = post(
        &h,
        &cookie,
        &format!("/w/{ws}/guide/survey-link"),
        &format!("csrf={csrf}&touchpoint=velkomstsenter&customer=kari"),
    )
    .await;
    assert_eq!(status, 200, "{g}");
    let link = g
        .split("/s/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|t| format!("/s/{t}"))
        .expect("a survey link");
    let (status, _, _) = post(
        &h,
        &cookie,
        &format!("/w/{ws}/guide/survey-link"),
        &format!("csrf={csrf}&touchpoint=nowhere"),
    )
    .await;
    assert_eq!(status, 422);
    let res = h
        .send(
            Request::post(&link)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-forwarded-for", "198.51.100.9")
                .body(Body::from("score=5&comment=Fint"))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 200);

    // Every step done: the overview shows no guide; the page says so.
    let g = fragment(&h).await;
    assert!(
        !g.contains("guide-steps"),
        "the guide is gone once done: {g}"
    );
    let (status, page) = get(&h, &cookie, &format!("/w/{ws}/guide")).await;
    assert_eq!(status, 200);
    assert!(page.contains("5 of 5 done"), "{page}");
}

#[tokio::test]
async fn a_source_is_created_and_deleted_in_the_browser() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let (status, _, page) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/sources"),
        &format!("csrf={csrf}&name=Kiosk"),
    )
    .await;
    assert_eq!(status, 201);
    let key = page
        .split("<pre class=\"key\"><code>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the key")
        .to_owned();
    let send = |key: String| {
        let router = h.router.clone();
        async move {
            let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
            let res = tower::ServiceExt::oneshot(
                router,
                Request::post("/v1/track")
                    .header(header::AUTHORIZATION, format!("Basic {auth}"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(
                        json!({"userId": "ola", "event": "Kiosk Used"}).to_string(),
                    ))
                    .expect("req"),
            )
            .await
            .expect("res");
            res.status().as_u16()
        }
    };
    assert_eq!(send(key.clone()).await, 200);
    let source = h
        .store
        .list_sources(WS)
        .await
        .expect("sources")
        .into_iter()
        .find(|s| s.name == "Kiosk")
        .expect("made");
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}/sources")).await;
    let action = format!("/w/{WS}/sources/{}/delete", source.id);
    assert!(page.contains(&action), "a delete button: {page}");

    // A viewer may not; an editor may, and the key is refused at once; the event stays.
    let (vera, vera_csrf) = login(&h, "vera").await;
    let (status, _, _) = post(&h, &vera, &action, &format!("csrf={vera_csrf}")).await;
    assert_eq!(status, 403);
    let (status, page) = post_then_follow(&h, &cookie, &action, &format!("csrf={csrf}")).await;
    assert_eq!(status, 303);
    assert!(page.contains("The source “Kiosk” is deleted"), "{page}");
    assert!(!page.contains(&action));
    assert!(
        h.store
            .list_sources(WS)
            .await
            .expect("sources")
            .iter()
            .all(|s| s.name != "Kiosk")
    );
    assert_eq!(send(key).await, 401);
    assert_eq!(
        h.store.events_for(WS, "ola").await.expect("events").len(),
        1,
        "the events it sent stay"
    );
    let (status, _, _) = post(&h, &cookie, &action, &format!("csrf={csrf}")).await;
    assert_eq!(status, 404, "deleted once");
}
