//! The page messages exist in all five languages and parse.

use std::collections::BTreeSet;
use std::path::PathBuf;

use fluent_bundle::FluentResource;

const LOCALES: [&str; 5] = ["en", "nb", "sv", "da", "fi"];

fn source(locale: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(locale)
        .join("pages.ftl");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The message ids of a Fluent file: identifiers at the start of a line followed by `=`.
fn keys(src: &str) -> BTreeSet<String> {
    src.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[test]
fn every_page_message_exists_in_every_language() {
    let en = keys(&source("en"));
    assert!(
        en.len() > 50,
        "the English page messages are there ({})",
        en.len()
    );
    for key in &en {
        assert!(
            key.starts_with("page-"),
            "en: `{key}` must start with `page-`"
        );
    }
    for locale in LOCALES {
        let other = keys(&source(locale));
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(missing.is_empty(), "{locale}/pages.ftl lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale}/pages.ftl has keys English lacks: {extra:?}"
        );
    }
}

#[test]
fn page_messages_parse() {
    for locale in LOCALES {
        if let Err((_, errors)) = FluentResource::try_new(source(locale)) {
            panic!("{locale}/pages.ftl: {errors:?}");
        }
    }
}

#[test]
fn translations_are_not_english_copies() {
    // Brand words and units may be the same; most messages must not be.
    let en = source("en");
    let en_values: Vec<(String, String)> = en
        .lines()
        .filter_map(|l| {
            l.split_once(" = ")
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
        })
        .collect();
    for locale in ["nb", "sv", "da", "fi"] {
        let src = source(locale);
        let same = en_values
            .iter()
            .filter(|(k, v)| src.lines().any(|l| l == format!("{k} = {v}")))
            .count();
        assert!(
            same * 5 < en_values.len(),
            "{locale}: {same} of {} messages are identical to English",
            en_values.len()
        );
    }
}
