//! The web origins a source accepts browser events from: typed as a list, normalized as
//! browsers send an `Origin`, stored, read back with the source, and matched.

use stig_model::Settings;
use stig_store::{SqliteStore, Store, StoreError, parse_origins};

const WS: &str = "arctic-winter";

fn list(text: &str) -> Option<Vec<String>> {
    parse_origins(text).expect("valid origins")
}

#[test]
fn origins_are_normalized_as_browsers_send_them() {
    assert_eq!(list(""), None);
    assert_eq!(list("  *  "), None);
    assert_eq!(list("https://shop.example.com, *"), None, "`*` means any");
    assert_eq!(
        list(
            "HTTPS://Www.Example.com/\nhttp://localhost:8080 https://a.example:443, http://b.example:80"
        ),
        Some(vec![
            "https://www.example.com".to_owned(),
            "http://localhost:8080".to_owned(),
            "https://a.example".to_owned(),
            "http://b.example".to_owned(),
        ])
    );
    assert_eq!(
        list("https://*.example.com,https://*.example.com http://[::1]:3000"),
        Some(vec![
            "https://*.example.com".to_owned(),
            "http://[::1]:3000".to_owned()
        ])
    );
}

#[test]
fn what_is_not_an_origin_is_refused_by_name() {
    for (bad, why) in [
        ("www.example.com", "no http:// or https://"),
        ("ftp://example.com", "only http and https"),
        ("https://example.com/shop", "no path"),
        ("https://example.com:99999", "port"),
        ("https://exa%mple.com", "host"),
        ("https://ex_ample.com", "host"),
        ("https://", "host"),
    ] {
        let text = format!("https://ok.example, {bad}");
        let e = parse_origins(&text).expect_err(bad);
        assert!(matches!(e, StoreError::Invalid(_)), "{bad}: {e}");
        let msg = e.to_string();
        assert!(msg.contains(&format!("`{bad}`")), "{bad}: {msg}");
        assert!(msg.contains(why), "{bad}: {msg}");
    }
}

#[tokio::test]
async fn a_sources_origins_are_stored_and_matched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(dir.path().join("stig.db"))
        .await
        .expect("store");
    let settings = Settings {
        name: "Arctic".into(),
        ..Settings::default()
    };
    store
        .create_workspace(WS, &settings, "test")
        .await
        .expect("workspace");
    let (source, key) = store.create_source(WS, "Website").await.expect("source");
    assert_eq!(source.allowed_origins, None, "any origin by default");
    assert!(source.allows_origin("https://anywhere.example"));

    let origins = list("https://www.example.com, https://*.example.no, http://localhost:8080");
    store
        .set_source_origins(WS, &source.id, origins.as_deref())
        .await
        .expect("set");
    let stored = store
        .source_for_write_key(&key)
        .await
        .expect("lookup")
        .expect("the source");
    assert_eq!(stored.allowed_origins, origins);
    assert_eq!(
        store.list_sources(WS).await.expect("list"),
        vec![stored.clone()]
    );
    for (origin, allowed) in [
        ("https://www.example.com", true),
        ("https://WWW.example.com", true),
        ("https://www.example.com:443", true),
        ("http://www.example.com", false),
        ("https://shop.example.com", false),
        ("https://shop.example.no", true),
        ("https://a.b.example.no", true),
        ("https://example.no", false),
        ("https://evilexample.no", false),
        ("https://shop.example.no:8443", false),
        ("http://localhost:8080", true),
        ("http://localhost:8081", false),
        ("null", false),
        ("", false),
    ] {
        assert_eq!(stored.allows_origin(origin), allowed, "{origin}");
    }

    // Back to any origin; an unknown source or a bad origin changes nothing.
    store
        .set_source_origins(WS, &source.id, None)
        .await
        .expect("clear");
    let cleared = store.list_sources(WS).await.expect("list");
    assert_eq!(cleared[0].allowed_origins, None);
    let missing = store
        .set_source_origins(WS, "src_nope", None)
        .await
        .expect_err("unknown");
    assert!(missing.is_not_found(), "{missing}");
    let bad = store
        .set_source_origins(WS, &source.id, Some(&["example.com".to_owned()]))
        .await
        .expect_err("bad");
    assert!(matches!(bad, StoreError::Invalid(_)), "{bad}");
    assert_eq!(
        store.list_sources(WS).await.expect("list")[0].allowed_origins,
        None
    );
}
