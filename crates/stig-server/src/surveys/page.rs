//! The survey pages: the question with its scale, and the notices (thanks, already answered,
//! invalid or expired link, too many requests). Plain HTML forms, big tap targets, no
//! JavaScript; styled by `/assets/survey.css` alone.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use maud::{DOCTYPE, Markup, html};

use stig_model::{Survey, SurveyKind};

use super::{MAX_COMMENT_CHARS, link, scale};
use crate::i18n::Tr;

/// What the question page shows.
pub struct SurveyView<'a> {
    pub workspace: &'a str,
    pub touchpoint: &'a str,
    pub survey: &'a Survey,
    /// Where the form posts (the link itself).
    pub action: String,
    pub expires: Timestamp,
}

/// The pages that are not the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Thanks,
    Answered,
    Invalid,
    Expired,
    Gone,
    Busy,
    Failed,
}

impl Notice {
    fn key(self) -> &'static str {
        match self {
            Notice::Thanks => "thanks",
            Notice::Answered => "answered",
            Notice::Invalid => "invalid",
            Notice::Expired => "expired",
            Notice::Gone => "gone",
            Notice::Busy => "busy",
            Notice::Failed => "failed",
        }
    }

    fn icon(self) -> &'static str {
        match self {
            Notice::Thanks | Notice::Answered => "✓",
            Notice::Busy => "…",
            _ => "!",
        }
    }

    fn good(self) -> bool {
        matches!(self, Notice::Thanks | Notice::Answered)
    }
}

fn frame(tr: Tr<'_>, title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(tr.locale.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                meta name="referrer" content="no-referrer";
                title { (title) }
                link rel="stylesheet" href="/assets/survey.css";
            }
            body.survey {
                main.survey-card { (body) }
                p.survey-by { (tr.t("survey-powered-by")) }
            }
        }
    }
}

/// The question, its scale and the comment box; `selected` and `comment` refill a form sent
/// back with `error`.
pub fn form(
    tr: Tr<'_>,
    view: &SurveyView<'_>,
    selected: Option<i64>,
    comment: &str,
    error: Option<&str>,
) -> Markup {
    let kind = view.survey.kind;
    let (lo, hi) = scale(kind);
    let (low_key, high_key) = match kind {
        SurveyKind::Nps => ("survey-nps-low", "survey-nps-high"),
        SurveyKind::Csat => ("survey-csat-low", "survey-csat-high"),
        SurveyKind::Ces => ("survey-ces-low", "survey-ces-high"),
    };
    let expires = tr.date(view.expires.to_zoned_datetime(TimeZone::UTC).date());
    let body = html! {
        p.survey-org { (view.workspace) }
        p.survey-touchpoint { (view.touchpoint) }
        form method="post" action=(view.action) {
            fieldset class={"survey-scale scale-" (kind.as_str())} {
                legend { h1 { (view.survey.question) } }
                @if let Some(msg) = error {
                    p.survey-error role="alert" { (msg) }
                }
                div.survey-options {
                    @for n in lo..=hi {
                        label.survey-option {
                            input type="radio" name="score" value=(n) required
                                checked[selected == Some(n)]
                                aria-label=(scale_label(tr, n, lo, hi, low_key, high_key));
                            span { (n) }
                        }
                    }
                }
                div.survey-ends aria-hidden="true" {
                    span { (lo) " – " (tr.t(low_key)) }
                    span { (hi) " – " (tr.t(high_key)) }
                }
            }
            label.survey-comment-label for="comment" {
                (tr.t("survey-comment"))
                " "
                span.survey-optional { (tr.t("survey-optional")) }
            }
            textarea #comment name="comment" rows="4" maxlength=(MAX_COMMENT_CHARS) { (comment) }
            button.survey-submit type="submit" { (tr.t("survey-submit")) }
        }
        p.survey-fine {
            (tr.ta("survey-expires", &[
                ("date", expires.into()),
                ("days", link::VALID_DAYS.into()),
            ]))
        }
    };
    frame(
        tr,
        &format!("{} · {}", tr.t("survey-title"), view.workspace),
        body,
    )
}

fn scale_label(tr: Tr<'_>, n: i64, lo: i64, hi: i64, low_key: &str, high_key: &str) -> String {
    if n == lo {
        format!("{n} – {}", tr.t(low_key))
    } else if n == hi {
        format!("{n} – {}", tr.t(high_key))
    } else {
        n.to_string()
    }
}

/// A page that says one thing: thanks, already answered, or why the link does not work.
pub fn notice(tr: Tr<'_>, what: Notice) -> Markup {
    let title = tr.t(&format!("survey-{}-title", what.key()));
    let body = html! {
        div class={"survey-notice " (if what.good() { "good" } else { "bad" })} {
            p.survey-icon aria-hidden="true" { (what.icon()) }
            h1 { (title) }
            p { (tr.ta(&format!("survey-{}-body", what.key()), &[("days", link::VALID_DAYS.into())])) }
        }
    };
    frame(tr, &title, body)
}
