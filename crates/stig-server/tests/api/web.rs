//! The web app: login, CSRF on every form, roles, editing with conflicts, language, exports.

use axum::body::Body;
use axum::http::{Request, header};

use stig_store::Store;

use crate::harness::{Harness, WS, text};

/// Logs `user` in through the login form; returns the session cookie and the CSRF token.
pub(crate) async fn login(h: &Harness, user: &str) -> (String, String) {
    let res = h
        .send(Request::get("/login").body(Body::empty()).expect("req"))
        .await;
    let login_cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let page = text(res).await;
    let csrf = value_of(&page, "csrf");
    let body = format!("user={user}&password={user}-password&csrf={csrf}&next=/w/{WS}");
    let res = h
        .send(
            Request::post("/login")
                .header(header::COOKIE, &login_cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 303, "login must redirect");
    let session = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("stig_session="))
        .expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Lax"),
        "{session}"
    );
    let cookie = session.split(';').next().expect("pair").to_owned();
    let page = get(h, &cookie, &format!("/w/{WS}")).await.1;
    (cookie, value_of(&page, "csrf"))
}

/// The `value` of the first hidden input named `name`.
fn value_of(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name} field"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').expect("end")].to_owned()
}

pub(crate) async fn get(h: &Harness, cookie: &str, path: &str) -> (u16, String) {
    let res = h
        .send(
            Request::get(path)
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    let status = res.status().as_u16();
    (status, text(res).await)
}

pub(crate) async fn post(
    h: &Harness,
    cookie: &str,
    path: &str,
    form: &str,
) -> (u16, Option<String>, String) {
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
        .map(str::to_owned);
    (status, location, text(res).await)
}

fn enc(s: &str) -> String {
    stig_server::views::urlencode(s)
}

#[tokio::test]
async fn pages_need_a_session_and_login_needs_the_right_password() {
    let h = Harness::new().await;
    let res = h
        .send(
            Request::get(format!("/w/{WS}/personas"))
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        res.headers()[header::LOCATION]
            .to_str()
            .expect("loc")
            .starts_with("/login?next=")
    );

    let res = h
        .send(Request::get("/login").body(Body::empty()).expect("req"))
        .await;
    let login_cookie = res.headers()[header::SET_COOKIE]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let csrf = value_of(&text(res).await, "csrf");
    let (status, _, page) = post(
        &h,
        &login_cookie,
        "/login",
        &format!("user=erik&password=wrong&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 401);
    assert!(page.contains("Wrong user name or password"));
    // Without the login CSRF cookie, the form is refused.
    let (status, _, _) = post(
        &h,
        "",
        "/login",
        &format!("user=erik&password=erik-password&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn every_form_needs_the_csrf_token() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let form = "id=ny-aktor&name=Ny&kind=partner";
    let (status, _, _) = post(&h, &cookie, &format!("/w/{WS}/actors"), form).await;
    assert_eq!(status, 403, "a form without its token is refused");
    let (status, _, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/actors"),
        &format!("{form}&csrf=forged"),
    )
    .await;
    assert_eq!(status, 403);
    let (status, location, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/actors"),
        &format!("{form}&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some(format!("/w/{WS}/goals").as_str()));
}

#[tokio::test]
async fn a_viewer_cannot_edit() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "vera").await;
    let (status, _) = get(&h, &cookie, &format!("/w/{WS}/personas/new")).await;
    assert_eq!(status, 403);
    let (status, _, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/actors"),
        &format!("id=x&name=X&kind=partner&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_invalid_edit_is_shown_inline_and_nothing_is_saved() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let journey = &ws.journeys[0];
    let step = &journey.steps[0];
    let path = format!("/w/{WS}/journeys/{}/steps/{}/edit", journey.id, step.id);
    let (_, page) = get(&h, &cookie, &path).await;
    let version = value_of(&page, "version");
    let form = format!(
        "csrf={csrf}&version={version}&id={}&stage={}&action=Ny+handling&touchpoints=finnes-ikke",
        enc(&step.id),
        enc(&step.stage)
    );
    let (status, _, page) = post(&h, &cookie, &path, &form).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Unknown touchpoint “finnes-ikke”."),
        "the error is shown"
    );
    assert!(page.contains("Ny handling"), "the user's input is kept");
    let after = h.store.load_workspace(WS).await.expect("ws").value;
    assert_eq!(
        after.journeys[0].steps[0].action, step.action,
        "nothing was saved"
    );
}

#[tokio::test]
async fn the_second_of_two_editors_gets_a_conflict_not_an_overwrite() {
    let h = Harness::new().await;
    let (kari, kari_csrf) = login(&h, "erik").await;
    let (ola, ola_csrf) = login(&h, "admin").await;
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let journey = &ws.journeys[0];
    let step = &journey.steps[1];
    let path = format!("/w/{WS}/journeys/{}/steps/{}/edit", journey.id, step.id);
    let version = value_of(&get(&h, &kari, &path).await.1, "version");
    assert_eq!(version, value_of(&get(&h, &ola, &path).await.1, "version"));
    let form = |csrf: &str, action: &str| {
        format!(
            "csrf={csrf}&version={version}&id={}&stage={}&action={}",
            enc(&step.id),
            enc(&step.stage),
            enc(action)
        )
    };
    let (status, location, _) = post(&h, &kari, &path, &form(&kari_csrf, "Karis versjon")).await;
    assert_eq!(status, 303);
    assert!(
        location
            .expect("redirect")
            .contains(&format!("step={}", step.id))
    );
    let (status, _, page) = post(&h, &ola, &path, &form(&ola_csrf, "Olas versjon")).await;
    assert_eq!(status, 409);
    assert!(
        page.contains("Someone else changed this") && page.contains("erik"),
        "the conflict says who"
    );
    assert!(
        page.contains("Olas versjon"),
        "the second editor's input is kept"
    );
    let after = h.store.load_workspace(WS).await.expect("ws").value;
    let saved = after.journeys[0]
        .steps
        .iter()
        .find(|s| s.id == step.id)
        .expect("step");
    assert_eq!(saved.action, "Karis versjon");
    // The map shows the saved edit.
    let (_, page) = get(&h, &kari, &format!("/w/{WS}/journeys/{}", journey.id)).await;
    assert!(page.contains("Karis versjon"));
}

#[tokio::test]
async fn switching_language_changes_the_pages() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "vera").await;
    let (status, location, _) = post(
        &h,
        &cookie,
        "/locale",
        &format!("locale=nb&next=/w/{WS}&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some(format!("/w/{WS}").as_str()));
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}")).await;
    assert!(
        page.contains(">Oversikt<") && page.contains("lang=\"nb\""),
        "navigation in bokmål"
    );
    for (code, word) in [
        ("sv", "Översikt"),
        ("da", "Overblik"),
        ("fi", "Yleiskatsaus"),
        ("en", "Overview"),
    ] {
        post(
            &h,
            &cookie,
            "/locale",
            &format!("locale={code}&next=/&csrf={csrf}"),
        )
        .await;
        assert!(
            get(&h, &cookie, &format!("/w/{WS}")).await.1.contains(word),
            "{code}"
        );
    }
    // Only local paths are followed after a switch.
    let (_, location, _) = post(
        &h,
        &cookie,
        "/locale",
        &format!("locale=en&next=https://evil.example&csrf={csrf}"),
    )
    .await;
    assert_eq!(location.as_deref(), Some("/"));
}

#[tokio::test]
async fn exports_give_the_map_and_the_files() {
    let h = Harness::new().await;
    let (cookie, _) = login(&h, "vera").await;
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let j = &ws.journeys[0].id;
    for (file, magic) in [
        ("map.svg", &b"<svg"[..]),
        ("map.png", b"\x89PNG"),
        ("map.pdf", b"%PDF"),
    ] {
        let res = h
            .send(
                Request::get(format!("/w/{WS}/journeys/{j}/{file}"))
                    .header(header::COOKIE, &cookie)
                    .body(Body::empty())
                    .expect("req"),
            )
            .await;
        assert_eq!(res.status(), 200, "{file}");
        let bytes = http_body_util::BodyExt::collect(res.into_body())
            .await
            .expect("body")
            .to_bytes();
        let body = if file == "map.svg" {
            &bytes[bytes.windows(4).position(|w| w == b"<svg").unwrap_or(0)..]
        } else {
            &bytes[..]
        };
        assert!(body.starts_with(magic), "{file}");
    }
    let res = h
        .send(
            Request::get(format!("/w/{WS}/export.zip"))
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(res.status(), 200);
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    assert!(bytes.starts_with(b"PK"), "a zip");
    assert!(
        bytes.windows(9).any(|w| w == b"stig.toml"),
        "with stig.toml inside"
    );
}

#[tokio::test]
async fn an_admin_adds_users_and_only_an_admin() {
    let h = Harness::new().await;
    let (editor, editor_csrf) = login(&h, "erik").await;
    assert_eq!(get(&h, &editor, "/admin/users").await.0, 403);
    let (status, _, _) = post(
        &h,
        &editor,
        "/admin/users",
        &format!("name=nina&password=long-enough-pw&role=admin&csrf={editor_csrf}"),
    )
    .await;
    assert_eq!(status, 403);
    let (admin, csrf) = login(&h, "admin").await;
    let (status, _) = get(&h, &admin, "/admin/users").await;
    assert_eq!(status, 200);
    let (status, location, _) = post(
        &h,
        &admin,
        "/admin/users",
        &format!("name=nina&password=long-enough-pw&role=viewer&csrf={csrf}"),
    )
    .await;
    assert_eq!((status, location.as_deref()), (303, Some("/admin/users")));
    let nina = h
        .store
        .find_user_by_name("nina")
        .await
        .expect("query")
        .expect("nina exists");
    assert_eq!(nina.role, stig_store::Role::Viewer);
    let (status, _, _) = post(
        &h,
        &admin,
        "/admin/users/role",
        &format!("user={}&role=editor&csrf={csrf}", nina.id),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        h.store
            .find_user_by_name("nina")
            .await
            .expect("query")
            .expect("nina")
            .role,
        stig_store::Role::Editor
    );
}

#[tokio::test]
async fn stages_move_up_and_down() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let j = &ws.journeys[0];
    let (first, second) = (j.stages[0].id.clone(), j.stages[1].id.clone());
    let (status, _, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/journeys/{}/stages/{second}/move", j.id),
        &format!("direction=up&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 303);
    let after = h.store.load_workspace(WS).await.expect("ws").value;
    let stages: Vec<&str> = after.journeys[0]
        .stages
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(&stages[..2], &[second.as_str(), first.as_str()]);
}
