//! Retention in the workspace settings form: saved through the form, shown again when the
//! page is read back, audited, and a bad number refused naming its field; what the form does
//! not show (time zone, mail server) survives a save.

use stig_model::Retention;
use stig_store::Store;

use crate::harness::{Harness, WS};
use crate::web::{get, login, post};

/// The `value` of the first input named `name` on `page`.
fn value_of(page: &str, name: &str) -> String {
    let key = format!("name=\"{name}\" value=\"");
    let at = page.find(&key).unwrap_or_else(|| panic!("no {name} field"));
    let rest = &page[at + key.len()..];
    rest[..rest.find('"').expect("end")].to_owned()
}

/// The settings form as it reads now, with `extra` fields appended.
fn form(page: &str, csrf: &str, extra: &str) -> String {
    let enc = stig_server::views::urlencode;
    format!(
        "csrf={csrf}&version={}&name={}&locale={}&currency={}&{extra}",
        value_of(page, "version"),
        enc(&value_of(page, "name")),
        enc("nb"),
        enc(&value_of(page, "currency")),
    )
}

#[tokio::test]
async fn retention_is_saved_through_the_settings_form_and_read_back() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let path = format!("/w/{WS}/settings");
    let (status, page) = get(&h, &cookie, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"events_days\""), "no retention field");
    assert!(
        page.contains("id=\"retention-events\""),
        "no event name list"
    );

    let extra = "events_days=730&comments_days=180\
        &keep_event=Order+Completed&keep_days=0\
        &keep_event=Page+Viewed&keep_days=30\
        &keep_event=&keep_days=";
    let (status, location, body) = post(&h, &cookie, &path, &form(&page, &csrf, extra)).await;
    assert_eq!(status, 303, "{body}");
    assert_eq!(location.as_deref(), Some(format!("/w/{WS}").as_str()));

    let saved = h.store.load_workspace(WS).await.expect("ws").value.settings;
    let want = Retention {
        events_days: Some(730),
        comments_days: Some(180),
        event_days: [
            ("Order Completed".to_owned(), 0),
            ("Page Viewed".to_owned(), 30),
        ]
        .into_iter()
        .collect(),
    };
    assert_eq!(saved.retention.as_ref(), Some(&want));
    assert_eq!(
        saved.timezone.as_deref(),
        Some("Europe/Oslo"),
        "time zone lost"
    );
    assert!(saved.smtp.is_some(), "mail server lost on save");

    // Read back: the form shows what was saved, a row each and empty ones to add.
    let (_, page) = get(&h, &cookie, &path).await;
    assert_eq!(value_of(&page, "events_days"), "730");
    assert_eq!(value_of(&page, "comments_days"), "180");
    assert_eq!(value_of(&page, "keep_event"), "Order Completed");
    assert_eq!(value_of(&page, "keep_days"), "0");
    assert!(page.contains("value=\"Page Viewed\""), "second row missing");

    // The change is audited with its diff.
    let (status, _, json, _) = h
        .api(
            "GET",
            "/api/audit?action=settings-changed",
            Some(&h.admin),
            None,
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        json["entries"][0].to_string().contains("retention"),
        "audit entry without the retention diff: {json}"
    );

    // Emptying every field keeps everything again.
    let extra = "events_days=&comments_days=&keep_event=&keep_days=";
    let (status, _, body) = post(&h, &cookie, &path, &form(&page, &csrf, extra)).await;
    assert_eq!(status, 303, "{body}");
    let saved = h.store.load_workspace(WS).await.expect("ws").value.settings;
    assert_eq!(saved.retention, None);
}

#[tokio::test]
async fn bad_retention_days_are_refused_naming_the_field() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let path = format!("/w/{WS}/settings");
    let (_, page) = get(&h, &cookie, &path).await;
    let before = h.store.load_workspace(WS).await.expect("ws").value.settings;

    let extra = "events_days=-3&comments_days=soon\
        &keep_event=Page+Viewed&keep_days=ten&keep_event=&keep_days=5";
    let (status, location, body) = post(&h, &cookie, &path, &form(&page, &csrf, extra)).await;
    assert_eq!(status, 422, "{location:?}");
    for (field, value) in [
        ("retention.events_days", "-3"),
        ("retention.comments_days", "soon"),
        ("retention.event_days[Page Viewed]", "ten"),
        ("retention.event_days[?]", "5"),
    ] {
        assert!(
            body.contains(&format!("<code>{field}</code>")),
            "{field} not named"
        );
        assert!(body.contains(&format!("`{value}`")), "{value} not quoted");
    }
    // What was typed stays in the form, marked.
    assert_eq!(value_of(&body, "events_days"), "-3");
    assert!(body.contains("class=\"has-error\""));
    let after = h.store.load_workspace(WS).await.expect("ws").value.settings;
    assert_eq!(after, before, "nothing is saved from a refused form");
}
