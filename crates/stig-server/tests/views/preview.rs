//! Writes every page of every example, in English, Norwegian and Finnish (the longest
//! words), to `/tmp/stig-preview/<page>-<locale>.html` (arctic-winter) and
//! `/tmp/stig-preview/<example>-<page>-<locale>.html` (the others), with the stylesheet linked
//! from the source tree, for looking at them in a browser or taking screenshots:
//!
//! ```text
//! cargo test -p stig-server --test views -- --ignored preview
//! ```

use std::path::PathBuf;

use stig_server::i18n::Locale;
use stig_server::views::{self, touchpoints::TouchpointFilter};

use crate::support::{ctx, examples, map_svg};

#[test]
#[ignore = "writes files for looking at the pages"]
fn preview() {
    for (id, ws) in examples() {
        let prefix = if id == "arctic-winter" {
            String::new()
        } else {
            format!("{id}-")
        };
        write_pages(&prefix, &ws);
    }
}

fn write_pages(prefix: &str, ws: &stig_model::Workspace) {
    let ws = ws.clone();
    let out = PathBuf::from("/tmp/stig-preview");
    std::fs::create_dir_all(&out).expect("the preview directory");
    let assets = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets");
    let assets = std::fs::canonicalize(assets).expect("assets");
    let write = |name: &str, html: String| {
        let html = html
            .replace(
                "href=\"/assets/",
                &format!("href=\"file://{}/", assets.display()),
            )
            .replace(
                "src=\"/assets/",
                &format!("src=\"file://{}/", assets.display()),
            );
        std::fs::write(out.join(format!("{prefix}{name}.html")), html).expect("write");
    };
    let diagnostics = stig_model::validate(&ws);
    for locale in [Locale::En, Locale::Nb, Locale::Fi] {
        let l = locale.code();
        let c = ctx(locale, "arctic-winter", &ws, true);
        write(
            &format!("overview-{l}"),
            views::overview::overview(&c, &ws, &diagnostics).into_string(),
        );
        write(
            &format!("personas-{l}"),
            views::personas::personas(&c, &ws, &Default::default()).into_string(),
        );
        if let Some(p) = ws.personas.get(1).or(ws.personas.first()) {
            write(
                &format!("persona-{l}"),
                views::persona::persona_page(&c, &ws, p, None, None).into_string(),
            );
        }
        write(
            &format!("journeys-{l}"),
            views::journeys::journeys(&c, &ws).into_string(),
        );
        if let Some(j) = ws.journeys.get(1).or(ws.journeys.first()) {
            let svg = map_svg(&ws, &j.id, &[], locale);
            let step = j
                .ordered_steps()
                .into_iter()
                .find(|s| !s.evidence.is_empty() && s.touchpoints.len() > 1)
                .or(j.steps.first());
            write(
                &format!("journey-{l}"),
                views::journey::journey_page(&c, &ws, j, &[], &svg, step, &Default::default())
                    .into_string(),
            );
            write(
                &format!("journey-nostep-{l}"),
                views::journey::journey_page(&c, &ws, j, &[], &svg, None, &Default::default())
                    .into_string(),
            );
        }
        write(
            &format!("touchpoints-{l}"),
            views::touchpoints::touchpoints(&c, &ws, &TouchpointFilter::default()).into_string(),
        );
        let f = TouchpointFilter {
            owner: Some("partner".into()),
            phase: Some("during".into()),
            ..Default::default()
        };
        write(
            &format!("touchpoints-partner-{l}"),
            views::touchpoints::touchpoints(&c, &ws, &f).into_string(),
        );
        write(
            &format!("goals-{l}"),
            views::goals::goals(&c, &ws).into_string(),
        );
        write(
            &format!("dilemmas-{l}"),
            views::dilemmas::dilemmas(&c, &ws).into_string(),
        );
        write(
            &format!("error-{l}"),
            views::error::error_page(&c, 404, "No journey `nope` in this workspace.").into_string(),
        );
        let mut anon = ctx(locale, "arctic-winter", &ws, false);
        anon.user = None;
        anon.workspace = None;
        write(
            &format!("login-{l}"),
            views::login::login_page(&anon, None, "/").into_string(),
        );
    }
}
