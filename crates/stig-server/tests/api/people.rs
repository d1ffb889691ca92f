//! People, not ids: ids made from names in the create forms, per-persona pickers, the
//! signal builder, a touchpoint created from the step form, contradictions warned about in
//! forms and Checks (translated, by name), customers by name and e-mail, a profile's events
//! paged and filtered.

use axum::body::Body;
use axum::http::{Request, header};
use base64::Engine as _;
use serde_json::{Value, json};
use stig_model::{Mode, Owner, PropertyValue};
use stig_store::Store;

use crate::harness::{Harness, WS, text};
use crate::web::{get, login, post};

fn enc(s: &str) -> String {
    stig_server::views::urlencode(s)
}

#[tokio::test]
async fn a_new_persona_left_without_an_id_gets_one_from_its_name() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}/personas/new")).await;
    assert!(
        page.contains("data-slug-from=\"name\"") && page.contains("/assets/forms.js"),
        "the id field follows the name as typed"
    );
    let form = |name: &str| {
        format!(
            "csrf={csrf}&id=&name={}&loves=Nordlys&hates=K%C3%B8",
            enc(name)
        )
    };
    let (status, location, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/personas"),
        &form("Åse Ærlig-Søvik"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some(format!("/w/{WS}/personas/ase-aerlig-sovik").as_str())
    );
    // The same name again: a free id, not a conflict.
    let (status, location, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/personas"),
        &form("Åse Ærlig-Søvik"),
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        location.as_deref(),
        Some(format!("/w/{WS}/personas/ase-aerlig-sovik-2").as_str())
    );
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    assert_eq!(
        ws.persona("ase-aerlig-sovik").map(|p| p.name.as_str()),
        Some("Åse Ærlig-Søvik")
    );
    // An id typed by the user is kept as typed.
    let (status, location, _) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/personas"),
        &format!("csrf={csrf}&id=egen-id&name=Per&loves=Ski&hates=Vind"),
    )
    .await;
    assert_eq!(status, 303);
    assert!(location.expect("redirect").ends_with("/personas/egen-id"));
}

#[tokio::test]
async fn a_step_takes_per_persona_valence_from_pickers_and_creates_its_new_touchpoint() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let journey = &ws.journeys[0];
    let persona = &ws.personas[0];
    let stage = &journey.stages[0].id;
    let new = format!("/w/{WS}/journeys/{}/steps/new", journey.id);
    let (_, page) = get(&h, &cookie, &new).await;
    assert!(
        page.contains(&format!("value=\"0|{}|2\"", persona.id)),
        "one −2…+2 select per persona"
    );
    assert!(!page.contains("persona = 2"), "no syntax to type");
    assert!(
        page.contains("name=\"new_tp_name\""),
        "a new touchpoint inline"
    );
    assert!(
        page.contains(">On site<"),
        "channels are offered by their names"
    );
    let others: String = ws.personas[1..]
        .iter()
        .map(|p| format!("&em_pv={}", enc(&format!("0|{}|", p.id))))
        .collect();
    let form = format!(
        "csrf={csrf}&id=&stage={}&action={}&em_name=Varmen+fra+b%C3%A5let&em_kind=touch&em_valence=1&em_pv={}{others}&em_name=&em_kind=see&em_valence=0&new_tp_name={}&new_tp_channel=on-site&new_tp_mode=physical",
        enc(stage),
        enc("Går til bålpanna"),
        enc(&format!("0|{}|-2", persona.id)),
        enc("Bålpanne ved lavvoen"),
    );
    let (status, location, page) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/journeys/{}/steps", journey.id),
        &form,
    )
    .await;
    assert_eq!(status, 303, "{page}");
    assert!(
        location
            .expect("redirect")
            .ends_with("step=gar-til-balpanna"),
        "the step's id is made from what the customer does"
    );
    let after = h.store.load_workspace(WS).await.expect("ws").value;
    let tp = after
        .touchpoint("balpanne-ved-lavvoen")
        .expect("the touchpoint is created");
    assert_eq!(tp.name, "Bålpanne ved lavvoen");
    assert_eq!(tp.mode, Mode::Physical);
    assert_eq!(tp.owner, Owner::Own);
    assert_eq!(tp.channel.as_str(), "on-site");
    let step = after
        .journey(&journey.id)
        .and_then(|j| j.steps.iter().find(|s| s.id == "gar-til-balpanna"))
        .expect("the step");
    assert_eq!(step.touchpoints, ["balpanne-ved-lavvoen"], "and linked");
    assert_eq!(step.emotions.len(), 1);
    let e = &step.emotions[0];
    assert_eq!(e.valence, 1);
    assert_eq!(
        e.persona_valence.iter().collect::<Vec<_>>(),
        [(&persona.id, &-2)],
        "only the persona given a value of its own"
    );
    // Opened again, the picker shows the value.
    let (_, page) = get(
        &h,
        &cookie,
        &format!(
            "/w/{WS}/journeys/{}/steps/gar-til-balpanna/edit",
            journey.id
        ),
    )
    .await;
    assert!(page.contains(&format!("value=\"0|{}|-2\" selected", persona.id)));
}

#[tokio::test]
async fn signals_are_built_from_rows_and_contradictions_are_warned_about() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let form = format!(
        "csrf={csrf}&id=&name={}&channel=web&mode=physical&owner=public&actor=&discipline=deliver\
         &sig_event=Order+Completed&sig_page=&sig_prop=channel&sig_value=web\
         &sig_event=&sig_page=%2Fbooking%2F*&sig_prop=&sig_value=\
         &sig_event=&sig_page=&sig_prop=&sig_value=\
         &signals={}",
        enc("Skiltet ved E6"),
        enc("{ utm_medium = \"email\" }"),
    );
    let (status, _, page) = post(&h, &cookie, &format!("/w/{WS}/touchpoints"), &form).await;
    assert_eq!(status, 303, "warnings do not block saving: {page}");
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let tp = ws
        .touchpoint("skiltet-ved-e6")
        .expect("saved under its name");
    assert_eq!(tp.signals.len(), 3, "{:?}", tp.signals);
    assert_eq!(tp.signals[0].event.as_deref(), Some("Order Completed"));
    assert_eq!(
        tp.signals[0].conditions.get("channel"),
        Some(&PropertyValue::Text("web".into()))
    );
    assert_eq!(tp.signals[1].page.as_deref(), Some("/booking/*"));
    assert_eq!(tp.signals[2].utm_medium.as_deref(), Some("email"));

    // Its edit form puts the builder's signals in rows and warns, by name.
    let edit = format!("/w/{WS}/touchpoints/skiltet-ved-e6/edit");
    let (_, page) = get(&h, &cookie, &edit).await;
    assert!(page.contains("name=\"sig_event\" list=\"seen-events\" value=\"Order Completed\""));
    assert!(
        page.contains("Skiltet ved E6 is public but names no actor behind it."),
        "{page}"
    );
    assert!(page.contains("Skiltet ved E6 is physical, but its channel (Web) says otherwise."));
    assert!(
        page.contains("data-live-warnings"),
        "and live as the form changes"
    );

    // A row with a property but no value says what is missing, and keeps the input.
    let bad = format!(
        "csrf={csrf}&id=&name=Kiosken&channel=kiosk&mode=physical&owner=own&discipline=deliver\
         &sig_event=Checked+In&sig_prop=room&sig_value="
    );
    let (status, _, page) = post(&h, &cookie, &format!("/w/{WS}/touchpoints"), &bad).await;
    assert_eq!(status, 422);
    assert!(page.contains("give the value `room` should have"), "{page}");
    assert!(page.contains("value=\"Checked In\""));

    // Checks on the overview, in bokmål, name the touchpoint, not its id.
    let (status, _, _) = post(
        &h,
        &cookie,
        "/locale",
        &format!("locale=nb&next=/w/{WS}&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = get(&h, &cookie, &format!("/w/{WS}")).await;
    assert!(
        page.contains("Skiltet ved E6 er offentlig, men nevner ingen aktør bak."),
        "{page}"
    );
    assert!(page.contains("Skiltet ved E6 brukes ikke av noe steg."));
    assert!(
        !page.contains("touchpoint `skiltet-ved-e6`"),
        "no English, no id"
    );
}

async fn collect(h: &Harness, key: &str, body: Value) -> u16 {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{key}:"));
    let res = h
        .send(
            Request::post("/v1/batch")
                .header(header::AUTHORIZATION, format!("Basic {auth}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("req"),
        )
        .await;
    let status = res.status().as_u16();
    let _ = text(res).await;
    status
}

#[tokio::test]
async fn customers_show_by_name_and_e_mail_and_their_events_page_and_filter() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let (_, _, page) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/sources"),
        &format!("csrf={csrf}&name=Nettside"),
    )
    .await;
    let key = page
        .split("<pre class=\"key\"><code>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the new key")
        .to_owned();
    let day =
        |d: i64| (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(d * 24)).to_string();
    let mut batch = vec![
        json!({"type": "identify", "userId": "c-0042", "timestamp": day(40),
               "traits": {"firstName": "Ingrid", "lastName": "Haugen",
                          "email": "ingrid@example.no", "phone": "+47 912 34 567",
                          "address": {"city": "Tromsø"}, "tags": ["vip", "ski"]}}),
        json!({"type": "identify", "userId": "c-0043", "timestamp": day(40),
               "traits": {"email": "ola@example.no"}}),
    ];
    // 30 page views and 3 orders: two pages of timeline.
    for i in 0..30 {
        batch.push(json!({"type": "page", "userId": "c-0042", "name": "Hytter",
                          "timestamp": day(35 - i), "properties": {"n": i}}));
    }
    for i in 0..3 {
        batch.push(
            json!({"type": "track", "userId": "c-0042", "event": "Order Completed",
                          "timestamp": day(3 - i), "properties": {"revenue": 100 * (i + 1)}}),
        );
    }
    assert_eq!(collect(&h, &key, json!({ "batch": batch })).await, 200);

    let (_, list) = get(&h, &cookie, &format!("/w/{WS}/customers")).await;
    assert!(list.contains("Ingrid Haugen"), "by name");
    assert!(list.contains("ingrid@example.no"), "with their e-mail");
    assert!(list.contains(">ola@example.no<"), "no name: by e-mail");
    let (_, found) = get(
        &h,
        &cookie,
        &format!("/w/{WS}/customers?q=ingrid%40example"),
    )
    .await;
    assert!(found.contains("Ingrid Haugen") && !found.contains("ola@example.no"));

    let profile = format!("/w/{WS}/customers/c-0042");
    let (status, page) = get(&h, &cookie, &profile).await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"mailto:ingrid@example.no\""));
    assert!(page.contains("href=\"tel:+4791234567\""));
    assert!(
        page.contains("<th scope=\"row\">address.city</th><td>Tromsø</td>"),
        "traits as a table, nested ones spelt out"
    );
    assert!(page.contains("<td>vip, ski</td>"));
    assert!(page.contains("Events 1–25 of 34, newest first."), "{page}");
    assert!(
        page.contains("page=2#timeline"),
        "a link to the older events"
    );

    let (_, older) = get(&h, &cookie, &format!("{profile}?page=2")).await;
    assert!(older.contains("Events 26–34 of 34"), "the rest on page two");

    let (_, orders) = get(
        &h,
        &cookie,
        &format!("{profile}?type=track&name=Order+Completed"),
    )
    .await;
    assert!(
        orders.contains("Events 1–3 of 3"),
        "filtered by type and name"
    );
    assert!(orders.contains("revenue=300"));
    let from = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 10))
        .date();
    let (_, recent) = get(&h, &cookie, &format!("{profile}?from={from}")).await;
    // From the start of the day ten days ago: page views 10…6 days ago and the 3 orders.
    assert!(recent.contains("Events 1–8 of 8"), "by date");
    let (status, bad) = get(&h, &cookie, &format!("{profile}?from=igår")).await;
    assert_eq!(status, 400);
    assert!(bad.contains("`from`"), "a bad date says which field");
}

#[tokio::test]
async fn what_the_validator_refuses_is_said_in_the_users_language() {
    let h = Harness::new().await;
    let (cookie, csrf) = login(&h, "erik").await;
    let (status, _, _) = post(
        &h,
        &cookie,
        "/locale",
        &format!("locale=nb&next=/w/{WS}&csrf={csrf}"),
    )
    .await;
    assert_eq!(status, 303);
    let ws = h.store.load_workspace(WS).await.expect("ws").value;
    let taken = &ws.personas[0].id;
    let (status, _, page) = post(
        &h,
        &cookie,
        &format!("/w/{WS}/personas"),
        &format!(
            "csrf={csrf}&id={}&name=Tvilling&loves=Ski&hates=Vind",
            enc(taken)
        ),
    )
    .await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains(&format!("Id-en «{taken}» er allerede i bruk (persona).")),
        "{page}"
    );
    // A step naming a touchpoint that does not exist: in bokmål, with the suggestion.
    let journey = &ws.journeys[0];
    let step = &journey.steps[0];
    let wrong = format!("{}x", step.touchpoints[0]);
    let path = format!("/w/{WS}/journeys/{}/steps/{}/edit", journey.id, step.id);
    let (status, _, page) = post(
        &h,
        &cookie,
        &path,
        &format!(
            "csrf={csrf}&id={}&stage={}&action=Ny&touchpoints={}",
            enc(&step.id),
            enc(&step.stage),
            enc(&wrong)
        ),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains(&format!(
            "Ukjent kontaktpunkt: «{wrong}». (mente du «{}»?)",
            step.touchpoints[0]
        )),
        "{page}"
    );
    let after = h.store.load_workspace(WS).await.expect("ws").value;
    assert_eq!(
        after.journeys[0].steps[0].action, step.action,
        "nothing saved"
    );
}
