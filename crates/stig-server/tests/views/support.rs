//! Shared set-up: the example workspaces and a page context per locale.

use std::path::PathBuf;
use std::sync::OnceLock;

use stig_model::Workspace;
use stig_server::i18n::{I18n, Locale, Tr};
use stig_server::views::PageCtx;

pub fn i18n() -> &'static I18n {
    static I18N: OnceLock<I18n> = OnceLock::new();
    I18N.get_or_init(I18n::new)
}

pub fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Every example workspace, by directory name, as loaded (with or without diagnostics).
pub fn examples() -> Vec<(String, Workspace)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("the examples directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("stig.toml").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no example workspaces found");
    dirs.into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let checked =
                stig_model::code::load_dir(&dir).unwrap_or_else(|e| panic!("{name}: {e}"));
            // A workspace with errors (a half-written example) must render all the same:
            // the views take whatever the loader could read.
            (name, checked.workspace)
        })
        .collect()
}

pub fn ctx(locale: Locale, ws_id: &str, ws: &Workspace, can_edit: bool) -> PageCtx<'static> {
    PageCtx {
        tr: Tr {
            i18n: i18n(),
            locale,
        },
        user: Some("kari".into()),
        can_edit,
        is_admin: false,
        csrf: "csrf-token-123".into(),
        workspace: Some((ws_id.to_owned(), ws.settings.name.clone())),
        workspaces: vec![(ws_id.to_owned(), ws.settings.name.clone())],
        path: format!("/w/{ws_id}"),
        flash: None,
    }
}

/// Every message id of the English files (core, pages, forms).
pub fn all_keys() -> &'static [String] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    KEYS.get_or_init(|| i18n().keys(Locale::En))
}

/// Fails if the page shows a message key instead of its text: a key of any message file
/// standing alone anywhere in the HTML (text or attribute), or any `page-…` word in the text.
pub fn assert_translated(html: &str, what: &str) {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    for key in all_keys() {
        for (at, _) in html.match_indices(key.as_str()) {
            let before = html[..at].chars().next_back();
            let after = html[at + key.len()..].chars().next();
            let alone = !before.is_some_and(is_word) && !after.is_some_and(is_word);
            // `id="…"`/`class="…"` values are not text; keys never double as ids here.
            assert!(
                !alone,
                "{what}: message key `{key}` shown untranslated: …{}…",
                &html[at.saturating_sub(60)..(at + key.len() + 20).min(html.len())]
            );
        }
    }
    let text = text(html);
    if let Some(at) = text.find("page-") {
        panic!(
            "{what}: untranslated `page-` key in the text: …{}…",
            &text[at.saturating_sub(60)..(at + 40).min(text.len())]
        );
    }
}

/// The text of the HTML without tags, entities decoded for the few maud writes.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
}

/// Renders the map of a journey as the handler does.
pub fn map_svg(ws: &Workspace, journey: &str, personas: &[String], locale: Locale) -> String {
    let opts = stig_render::MapOptions {
        personas: personas.to_vec(),
        locale: Some(locale.code().to_owned()),
        ..Default::default()
    };
    stig_render::render_svg(ws, journey, &opts).expect("the map renders")
}
