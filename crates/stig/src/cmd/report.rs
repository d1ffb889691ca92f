//! `stig report`: a workspace's insight report — every number of the insight pages — as JSON,
//! a self-contained HTML page, or a PDF for a management meeting. Built from the events in the
//! database the same way the server builds its index.
//!
//! The HTML ([`super::report_html`]) and the PDF ([`super::report_pdf`]) show the same
//! sections in the same order, labelled with the web app's Fluent messages and drawn with the
//! same `stig-charts` charts; [`Doc`] holds what both need.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use stig_insight::scores::Score;
use stig_insight::{FilterQuery, Index};
use stig_model::{SurveyKind, Workspace};
use stig_runtime::report::Report;
use stig_server::i18n::{I18n, Locale, Tr};

use crate::cli::ReportFormat;

pub struct Options {
    pub workspace: String,
    pub output: PathBuf,
    pub format: Option<ReportFormat>,
    pub filter: FilterQuery,
    pub lang: Option<String>,
    /// What the drivers explain (see [`stig_runtime::report::choose`]).
    pub outcome: Option<String>,
}

pub fn run(o: &Options, db: &Path) -> anyhow::Result<ExitCode> {
    let format = match o.format {
        Some(f) => f,
        None => match o.output.extension().and_then(|e| e.to_str()) {
            Some("pdf") => ReportFormat::Pdf,
            Some("html" | "htm") => ReportFormat::Html,
            Some("json") => ReportFormat::Json,
            _ => bail!(
                "cannot tell the format from {}: name it .pdf, .html or .json, or pass --format",
                o.output.display()
            ),
        },
    };
    let locale = match o.lang.as_deref() {
        Some(l) => Some(
            Locale::parse(l)
                .with_context(|| format!("--lang {l} is not one of en, nb, sv, da, fi"))?,
        ),
        None => None,
    };
    let (ws, ix) = super::db::load_built(db, &o.workspace)?;
    let locale = locale.unwrap_or_else(|| Locale::parse(&ws.settings.locale).unwrap_or(Locale::En));
    let i18n = I18n::new();
    let tr = Tr {
        i18n: &i18n,
        locale,
    };
    let ix = &ix;
    let sentence = |f: &_| stig_server::views::insight::finding_message(&tr, f);
    let report = stig_runtime::report::report(
        &o.workspace,
        &ws,
        ix,
        &o.filter,
        o.outcome.as_deref(),
        &sentence,
    )
    .map_err(|e| match e {
        stig_runtime::report::ReportError::Filter(e) => anyhow::anyhow!("the filter: {e}"),
        stig_runtime::report::ReportError::Outcome(e) => anyhow::anyhow!("--outcome: {e}"),
    })?;
    let bytes = match format {
        ReportFormat::Json => serde_json::to_vec_pretty(&report)?,
        ReportFormat::Html | ReportFormat::Pdf => {
            let doc = Doc::new(&report, ix, &ws, &tr, &o.filter);
            if format == ReportFormat::Html {
                super::report_html::html(&doc).into_bytes()
            } else {
                super::report_pdf::pdf(&doc)?
            }
        }
    };
    std::fs::write(&o.output, &bytes)
        .with_context(|| format!("cannot write {}", o.output.display()))?;
    eprintln!(
        "wrote {} ({} customers, {} events, {} findings)",
        o.output.display(),
        report.totals.customers,
        report.totals.events,
        report.findings.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Everything the HTML and PDF renderers need: the report, the index (names), the
/// workspace (journey maps) and the language.
pub(super) struct Doc<'a> {
    pub report: &'a Report,
    pub ix: &'a Index,
    pub ws: &'a Workspace,
    pub tr: &'a Tr<'a>,
    /// Journey runs and completed runs under the filter.
    pub runs: u64,
    pub completed: u64,
    /// The filter as a sentence ("Persona: … · From 2024-01"), or "all data".
    pub filter_text: String,
    /// The day the index was built, in the report's language.
    pub built: String,
}

/// How many findings "What to fix first" lists.
pub(super) const TOP_FINDINGS: usize = 10;

impl<'a> Doc<'a> {
    fn new(
        report: &'a Report,
        ix: &'a Index,
        ws: &'a Workspace,
        tr: &'a Tr<'a>,
        q: &FilterQuery,
    ) -> Doc<'a> {
        let (runs, completed) = report.journeys.values().fold((0, 0), |(r, c), j| {
            (r + j.funnel.runs, c + j.funnel.completed)
        });
        let mut parts = Vec::new();
        let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        if let Some(p) = nonempty(&q.persona) {
            let name = ix
                .persona_index(&p)
                .map_or(p.clone(), |i| ix.persona_name(i).to_owned());
            parts.push(format!("{}: {name}", tr.t("insight-filter-persona")));
        }
        if let Some(j) = nonempty(&q.journey) {
            let name = ix
                .journeys
                .iter()
                .find(|x| x.id == j)
                .map_or(j.clone(), |x| x.name.clone());
            parts.push(format!("{}: {name}", tr.t("insight-filter-journey")));
        }
        if let Some(c) = nonempty(&q.channel) {
            parts.push(format!(
                "{}: {}",
                tr.t("insight-filter-channel"),
                channel_name(tr, &c)
            ));
        }
        if let Some(f) = nonempty(&q.from) {
            parts.push(format!("{} {f}", tr.t("insight-filter-from")));
        }
        if let Some(t) = nonempty(&q.to) {
            parts.push(format!("{} {t}", tr.t("insight-filter-to")));
        }
        let filter_text = if parts.is_empty() {
            tr.t("insight-report-all-data")
        } else {
            parts.join(" · ")
        };
        let built = tr.date(
            ix.timestamp(ix.now)
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .date(),
        );
        Doc {
            report,
            ix,
            ws,
            tr,
            runs,
            completed,
            filter_text,
            built,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    pub fn num(&self, v: f64, decimals: usize) -> String {
        self.tr.number(v, decimals)
    }

    /// A persona id (`None`: all customers) as people read it.
    pub fn persona_name(&self, id: Option<&str>) -> String {
        match id {
            Some(p) => self
                .ix
                .persona_index(p)
                .map_or(p.to_owned(), |i| self.ix.persona_name(i).to_owned()),
            None => self.t("insight-all-customers"),
        }
    }

    /// A driver predictor or outcome key (`touchpoint` or `touchpoint:kind`) as a name.
    pub fn touchpoint_label(&self, key: &str) -> String {
        let (id, kind) = key.split_once(':').unwrap_or((key, ""));
        let base = self.ix.touchpoint_index(id).map_or(id.to_owned(), |t| {
            self.ix.touchpoint_names[usize::from(t)].clone()
        });
        if kind.is_empty() {
            base
        } else {
            format!("{base} · {}", kind.to_uppercase())
        }
    }

    /// A step id of a journey as its name.
    pub fn step_name(&self, journey: &str, step: &str) -> String {
        self.ix
            .journeys
            .iter()
            .find(|j| j.id == journey)
            .and_then(|j| j.steps.iter().find(|s| s.id == step))
            .map_or(step.to_owned(), |s| s.name.clone())
    }

    pub fn kind_name(&self, kind: &str) -> String {
        self.t(&format!("insight-kind-name-{kind}"))
    }

    /// A score's value, or "–" without answers.
    pub fn score_text(&self, s: &Score) -> String {
        if s.n == 0 {
            "–".to_owned()
        } else {
            self.num(s.value, decimals(s.kind))
        }
    }

    /// "95% interval a to b, n answers".
    pub fn interval_text(&self, s: &Score) -> String {
        self.tr.ta(
            "insight-interval",
            &[
                ("low", self.num(s.low, 1).into()),
                ("high", self.num(s.high, 1).into()),
                ("n", self.num(f64::from(s.n), 0).into()),
            ],
        )
    }

    /// A duration in seconds as days or hours.
    pub fn duration(&self, secs: Option<u64>) -> String {
        match secs {
            None => "–".to_owned(),
            Some(s) if s >= 86_400 => self.tr.ta(
                "insight-days",
                &[("n", self.num(s as f64 / 86_400.0, 1).into())],
            ),
            Some(s) => self.tr.ta(
                "insight-hours",
                &[("n", self.num(s as f64 / 3_600.0, 1).into())],
            ),
        }
    }

    pub fn pct(&self, share: f64, decimals: usize) -> String {
        format!("{} %", self.num(100.0 * share, decimals))
    }

    /// Won and lost customers over the last 12 months.
    pub fn won_lost_12(&self) -> (u32, u32) {
        let m = &self.report.kpis.months;
        let recent = &m[m.len().saturating_sub(12)..];
        (
            recent.iter().map(|m| m.acquired).sum(),
            recent.iter().map(|m| m.churned).sum(),
        )
    }

    /// The headline cards of the cover: (value, label, note).
    pub fn headline(&self) -> Vec<(String, String, String)> {
        let r = self.report;
        let mut out = vec![
            (
                self.num(r.totals.customers as f64, 0),
                self.t("page-customers-total"),
                String::new(),
            ),
            (
                self.num(self.runs as f64, 0),
                self.t("insight-runs"),
                String::new(),
            ),
            (
                self.pct(
                    if self.runs > 0 {
                        self.completed as f64 / self.runs as f64
                    } else {
                        0.0
                    },
                    0,
                ),
                self.t("insight-completed-share"),
                String::new(),
            ),
        ];
        for kind in ["nps", "csat"] {
            if let Some(k) = r.scores.get(kind) {
                let s = &k.overall;
                out.push((
                    self.score_text(s),
                    self.kind_name(kind),
                    if s.n == 0 {
                        String::new()
                    } else {
                        self.interval_text(s)
                    },
                ));
            }
        }
        let (won, lost) = self.won_lost_12();
        out.push((
            format!(
                "{} / {}",
                self.num(f64::from(won), 0),
                self.num(f64::from(lost), 0)
            ),
            self.t("insight-acquired-churned-12"),
            String::new(),
        ));
        out
    }

    /// The sentences of the appendix "How these numbers are computed".
    pub fn method(&self) -> Vec<String> {
        [
            "insight-report-method-scores",
            "insight-report-method-min",
            "insight-report-method-drivers",
            "drivers-method-limits",
            "insight-report-method-runs",
            "insight-report-method-funnel",
            "insight-report-method-findings",
        ]
        .iter()
        .map(|k| self.t(k))
        .collect()
    }

    /// Severity 0..1 as a word.
    pub fn severity(&self, s: f64) -> String {
        self.t(if s >= 0.66 {
            "insight-report-severity-high"
        } else if s >= 0.33 {
            "insight-report-severity-medium"
        } else {
            "insight-report-severity-low"
        })
    }
}

pub(super) fn decimals(kind: SurveyKind) -> usize {
    if kind == SurveyKind::Nps { 0 } else { 2 }
}

/// The value range a kind of score is shown on.
pub(super) fn range(kind: &str) -> (f64, f64) {
    stig_server::views::insight::charts::score_range(survey_kind(kind))
}

/// A kind of score by its name in the report (`nps`, `csat`, `ces`).
pub(super) fn survey_kind(kind: &str) -> SurveyKind {
    stig_server::ui::insight::parse_kind(Some(kind)).unwrap_or(SurveyKind::Csat)
}

/// A channel id as people read it (known channels are translated).
fn channel_name(tr: &Tr<'_>, id: &str) -> String {
    let key = format!("page-channel-{id}");
    let t = tr.t(&key);
    if t == key { id.to_owned() } else { t }
}
