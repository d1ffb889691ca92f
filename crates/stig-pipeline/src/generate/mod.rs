//! `stig generate`: realistic, deterministic synthetic customers and their events for a
//! workspace, as Segment-format NDJSON.
//!
//! Every customer has a latent persona (their loves and hates come from it) and demographics
//! drawn *independently* of it, so demographic twins with opposite tastes occur naturally
//! (and every tenth customer is made an explicit twin of the one before, with another
//! persona). Customers repeat the workspace's as-is journeys over the years; at each step the
//! experience is the step's designed emotion *for their persona* plus noise, minus a smaller
//! penalty for unmet functional elements (emotional elements weigh more than functional ones);
//! poor experiences make them abandon a journey or churn. Surveyed touchpoints get feedback on
//! their scale (NPS 0–10, CSAT 1–5, CES 1–7) with comments in the customer's language, and
//! about twice a year customers still around answer the relationship NPS question (the first
//! touchpoint with an NPS survey) from all their runs so far. Customers arrive over the whole
//! period, slightly more of them later, so every month acquires some.
//!
//! Output is streamed (constant memory), so it scales to tens of millions of events; the same
//! seed always gives the same bytes. Each customer's own random stream is seeded from the seed
//! and the customer's number, so customers do not depend on one another.

mod contact;
pub mod phrases;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

use stig_model::{JourneyState, SurveyKind, Workspace};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub customers: usize,
    pub seed: u64,
    /// First day of the generated period.
    pub start: jiff::civil::Date,
    pub years: u32,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            customers: 1_000,
            seed: 42,
            start: jiff::civil::date(2023, 1, 1),
            years: 3,
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateSummary {
    pub customers: usize,
    pub events: u64,
    pub journeys_started: u64,
    pub journeys_abandoned: u64,
    pub feedback: u64,
    pub churned: u64,
}

/// Why generation could not start.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error(
        "the workspace has no personas: generated customers need a persona to love and hate like"
    )]
    NoPersonas,
    #[error("the workspace has no journey with steps to generate customers on")]
    NoJourneys,
    #[error("cannot write the events: {0}")]
    Io(#[from] io::Error),
}

const LANGUAGES: [&str; 5] = ["nb", "sv", "da", "fi", "en"];

/// Writes the events of `opts.customers` synthetic customers of `ws` to `out`, one JSON
/// object per line, in each customer's time order.
pub fn generate(
    ws: &Workspace,
    opts: &GenerateOptions,
    out: &mut dyn Write,
) -> Result<GenerateSummary, GenerateError> {
    if ws.personas.is_empty() {
        return Err(GenerateError::NoPersonas);
    }
    let journeys: Vec<&stig_model::Journey> = {
        let as_is: Vec<_> = ws
            .journeys
            .iter()
            .filter(|j| j.state == JourneyState::AsIs && !j.steps.is_empty())
            .collect();
        if as_is.is_empty() {
            ws.journeys.iter().filter(|j| !j.steps.is_empty()).collect()
        } else {
            as_is
        }
    };
    if journeys.is_empty() {
        return Err(GenerateError::NoJourneys);
    }
    let start = opts
        .start
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map_or(jiff::Timestamp::UNIX_EPOCH, |z| z.timestamp());
    let period_s = i64::from(opts.years.max(1)) * 365 * 86_400;
    let home_language: &'static str = LANGUAGES
        .iter()
        .copied()
        .find(|l| *l == ws.settings.locale)
        .unwrap_or("en");
    let mut summary = GenerateSummary {
        customers: opts.customers,
        ..Default::default()
    };
    // The touchpoint whose NPS question is the relationship survey: the first with an NPS
    // survey, as most companies ask it once, by email, of everyone.
    let relationship = ws.touchpoints.iter().find(|tp| {
        tp.survey
            .as_ref()
            .is_some_and(|s| s.kind == SurveyKind::Nps)
    });
    let mut previous: Option<Demographics> = None;
    for i in 0..opts.customers {
        let mut rng = ChaCha8Rng::seed_from_u64(
            opts.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
                ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03),
        );
        let twin_of = previous.take().filter(|_| i % 10 == 9);
        let persona_ix = rng.random_range(0..ws.personas.len());
        let language = if rng.random_bool(0.75) {
            home_language
        } else {
            LANGUAGES[rng.random_range(0..LANGUAGES.len())]
        };
        let demographics = twin_of.unwrap_or_else(|| Demographics::draw(&mut rng, home_language));
        let mut c = Customer {
            id: format!("c{:x}-{i:07}", opts.seed),
            persona: ws.personas[persona_ix].id.clone(),
            loves: Vec::new(),
            hates: Vec::new(),
            language,
            events: 0,
            w: out,
        };
        // Arrivals over the whole period, a little more of them later (a business that grows),
        // so the last months acquire customers too.
        let arrival = rng.random::<f64>().powf(0.85);
        let mut t = start + jiff::SignedDuration::from_secs((arrival * period_s as f64) as i64);
        let end = start + jiff::SignedDuration::from_secs(period_s);
        let mut next_relationship = t + hours(&mut rng, 24.0 * 60.0, 24.0 * 200.0);
        let mut experience_sum = 0.0;
        c.identify(&mut rng, t, ws, persona_ix, &demographics)?;
        let mut run = 0u64;
        loop {
            let candidates: Vec<&&stig_model::Journey> = journeys
                .iter()
                .filter(|j| j.personas.is_empty() || j.personas.contains(&c.persona))
                .collect();
            let journey = if candidates.is_empty() {
                journeys[rng.random_range(0..journeys.len())]
            } else {
                candidates[rng.random_range(0..candidates.len())]
            };
            summary.journeys_started += 1;
            let (experience, abandoned) =
                c.run(&mut rng, &mut t, ws, journey, run, &mut summary.feedback)?;
            summary.journeys_abandoned += u64::from(abandoned);
            run += 1;
            experience_sum += experience;
            // The relationship survey: about twice a year, customers still around are asked
            // how likely they are to recommend the company, which they answer from all their
            // runs so far.
            if let Some(tp) = relationship
                && t >= next_relationship
            {
                let at = t + hours(&mut rng, 24.0, 24.0 * 30.0);
                next_relationship = at + hours(&mut rng, 24.0 * 150.0, 24.0 * 210.0);
                if rng.random_bool(0.45) {
                    summary.feedback += 1;
                    let last_run = (journey.id.as_str(), run - 1);
                    c.relationship_answer(&mut rng, at, tp, experience_sum / run as f64, last_run)?;
                    t = at;
                }
            }
            // Unhappy customers leave; some say so, the rest simply go quiet.
            let churn = 0.04 + 0.22 * (-experience).max(0.0);
            if rng.random_bool(churn.min(0.9)) {
                summary.churned += 1;
                if rng.random_bool(0.5) {
                    let at = t + hours(&mut rng, 24.0, 24.0 * 60.0);
                    c.track(at, "Customer Churned", json!({"reason": if experience < 0.0 { "dissatisfied" } else { "moved on" }}))?;
                }
                break;
            }
            t += hours(&mut rng, 24.0 * 30.0, 24.0 * 400.0);
            if t > end {
                break;
            }
        }
        summary.events += c.events;
        previous = Some(demographics);
    }
    Ok(summary)
}

/// Demographics drawn independently of the persona.
#[derive(Clone)]
struct Demographics {
    age: u16,
    home: &'static str,
    income: &'static str,
    household: &'static str,
}

impl Demographics {
    fn draw(rng: &mut ChaCha8Rng, language: &str) -> Self {
        let homes: &[&'static str] = match language {
            "nb" => &["Oslo", "Bergen", "Trondheim", "Tromsø", "Stavanger"],
            "sv" => &["Stockholm", "Göteborg", "Malmö", "Uppsala"],
            "da" => &["København", "Aarhus", "Odense", "Aalborg"],
            "fi" => &["Helsinki", "Tampere", "Turku", "Oulu"],
            _ => &["London", "Hamburg", "Amsterdam"],
        };
        Demographics {
            age: rng.random_range(22..78),
            home: homes[rng.random_range(0..homes.len())],
            income: ["low", "middle", "high"][rng.random_range(0..3)],
            household: ["single", "couple", "family with children", "retired couple"]
                [rng.random_range(0..4)],
        }
    }
}

struct Customer<'w> {
    id: String,
    persona: String,
    /// Their own tastes (most of their persona's), as their identify call and their product
    /// views and dismissals show them.
    loves: Vec<String>,
    hates: Vec<String>,
    language: &'static str,
    events: u64,
    w: &'w mut dyn Write,
}

impl Customer<'_> {
    fn emit(&mut self, mut body: Map<String, Value>, t: jiff::Timestamp) -> io::Result<()> {
        self.events += 1;
        body.insert(
            "messageId".into(),
            json!(format!("{}-{}", self.id, self.events)),
        );
        body.insert("userId".into(), json!(self.id));
        body.insert("timestamp".into(), json!(t.to_string()));
        body.insert(
            "context".into(),
            json!({"locale": self.language, "library": {"name": "stig-generate"}}),
        );
        serde_json::to_writer(&mut *self.w, &Value::Object(body))?;
        self.w.write_all(b"\n")
    }

    fn identify(
        &mut self,
        rng: &mut ChaCha8Rng,
        t: jiff::Timestamp,
        ws: &Workspace,
        persona_ix: usize,
        d: &Demographics,
    ) -> io::Result<()> {
        let p = &ws.personas[persona_ix];
        // The customer's own tastes: most of the persona's loves and hates, not all.
        let keep = |items: &[String], rng: &mut ChaCha8Rng| {
            items
                .iter()
                .filter(|_| rng.random_bool(0.8))
                .cloned()
                .collect::<Vec<_>>()
        };
        self.loves = keep(&p.loves, rng);
        self.hates = keep(&p.hates, rng);
        let traits = json!({
            "language": self.language,
            "age": d.age,
            "home": d.home,
            "income": d.income,
            "household": d.household,
            "loves": self.loves,
            "hates": self.hates,
            // Known only because the data is synthetic: lets analyses score persona recovery.
            "latent_persona": p.id,
        });
        let mut traits = traits;
        for (key, value) in contact::traits(&self.id, self.language) {
            traits[key] = value;
        }
        let mut body = Map::new();
        body.insert("type".into(), json!("identify"));
        body.insert("traits".into(), traits);
        self.emit(body, t)
    }

    /// Before a run, a customer browses: products tagged with what they love are viewed, now
    /// and then one tagged with what they hate is dismissed, and a stray tag of another
    /// persona's is viewed too (behaviour is noisy).
    fn browse(
        &mut self,
        rng: &mut ChaCha8Rng,
        t: &mut jiff::Timestamp,
        ws: &Workspace,
    ) -> io::Result<()> {
        let pick = |items: &[String], rng: &mut ChaCha8Rng| {
            (!items.is_empty()).then(|| items[rng.random_range(0..items.len())].clone())
        };
        for _ in 0..rng.random_range(1..=3) {
            *t += hours(rng, 0.1, 72.0);
            let mut tags: Vec<String> = pick(&self.loves, rng).into_iter().collect();
            if rng.random_bool(0.25) {
                let other = &ws.personas[rng.random_range(0..ws.personas.len())];
                tags.extend(pick(&other.loves, rng));
            }
            if !tags.is_empty() {
                self.track(*t, "Product Viewed", json!({ "tags": tags }))?;
            }
        }
        if rng.random_bool(0.35)
            && let Some(hate) = pick(&self.hates, rng)
        {
            *t += hours(rng, 0.1, 24.0);
            self.track(*t, "Product Dismissed", json!({ "tags": [hate] }))?;
        }
        Ok(())
    }

    /// An answer to the relationship NPS question at `tp`, from the customer's mean experience,
    /// counted with their latest run (the one that shaped it most recently).
    fn relationship_answer(
        &mut self,
        rng: &mut ChaCha8Rng,
        t: jiff::Timestamp,
        tp: &stig_model::Touchpoint,
        experience: f64,
        (journey, run): (&str, u64),
    ) -> io::Result<()> {
        let score = (7.8 + 1.4 * experience + normal(rng) * 1.2)
            .round()
            .clamp(0.0, 10.0) as i64;
        let (good, bad) = phrases::comments(self.language);
        let comment = match score {
            9.. if rng.random_bool(0.3) => good[rng.random_range(0..good.len())],
            ..=6 if rng.random_bool(0.5) => bad[rng.random_range(0..bad.len())],
            _ => "",
        };
        let props = json!({"touchpoint": tp.id, "score_type": "nps", "score": score, "comment": comment, "language": self.language, "survey": "relationship", "journey": journey, "run": run});
        self.track(t, "Feedback Submitted", props)
    }

    fn track(&mut self, t: jiff::Timestamp, event: &str, properties: Value) -> io::Result<()> {
        let mut body = Map::new();
        body.insert("type".into(), json!("track"));
        body.insert("event".into(), json!(event));
        body.insert("properties".into(), properties);
        self.emit(body, t)
    }

    /// One run of `journey`; returns the mean experience (−2…+2) and whether it was abandoned.
    fn run(
        &mut self,
        rng: &mut ChaCha8Rng,
        t: &mut jiff::Timestamp,
        ws: &Workspace,
        journey: &stig_model::Journey,
        run: u64,
        feedback: &mut u64,
    ) -> io::Result<(f64, bool)> {
        self.browse(rng, t, ws)?;
        let (mut sum, mut n) = (0.0, 0.0);
        for step in journey.ordered_steps() {
            let phase = journey
                .phase_of(step)
                .map(|p| p.id.as_str())
                .unwrap_or("during");
            *t += match phase {
                "before" => hours(rng, 1.0, 24.0 * 14.0),
                "after" => hours(rng, 12.0, 24.0 * 10.0),
                _ => hours(rng, 0.05, 6.0),
            };
            // Emotional elements carry the experience; unmet functional ones cost less.
            let designed = step.designed_emotion(Some(&self.persona)).unwrap_or(0.0);
            let unmet = step
                .functional
                .iter()
                .filter(|_| rng.random_bool(0.1))
                .count() as f64;
            let experience = (designed + normal(rng) * 0.6 - 0.3 * unmet).clamp(-2.0, 2.0);
            sum += experience;
            n += 1.0;
            let touchpoints: Vec<&stig_model::Touchpoint> = step
                .touchpoints
                .iter()
                .filter_map(|id| ws.touchpoint(id))
                .collect();
            for tp in touchpoints {
                // Not every visit leaves a trace.
                if !rng.random_bool(0.85) {
                    continue;
                }
                // The first signal an event alone can give (page and campaign signals need
                // a browser's context).
                let signal = tp.signals.iter().find(|s| {
                    s.event.is_some() && s.page.is_none() && s.campaign().next().is_none()
                });
                let mut props = signal
                    .map(|s| serde_json::to_value(&s.conditions).unwrap_or(json!({})))
                    .unwrap_or(json!({}));
                if let Value::Object(m) = &mut props {
                    m.insert("touchpoint".into(), json!(tp.id));
                    m.insert("channel".into(), json!(tp.channel.as_str()));
                    m.insert("journey".into(), json!(journey.id));
                    m.insert("step".into(), json!(step.id));
                    m.insert("run".into(), json!(run));
                }
                let name = signal
                    .and_then(|s| s.event.clone())
                    .unwrap_or_else(|| format!("{} Reached", tp.name));
                self.track(*t, &name, props)?;
                if let Some(survey) = &tp.survey
                    && rng.random_bool(0.3)
                {
                    *feedback += 1;
                    *t += hours(rng, 0.1, 48.0);
                    let noise = normal(rng) * 0.5;
                    let (kind, score) = match survey.kind {
                        SurveyKind::Nps => (
                            "nps",
                            (7.2 + 1.6 * experience + noise * 2.0)
                                .round()
                                .clamp(0.0, 10.0),
                        ),
                        SurveyKind::Csat => (
                            "csat",
                            (3.3 + 0.9 * experience + noise).round().clamp(1.0, 5.0),
                        ),
                        SurveyKind::Ces => (
                            "ces",
                            (4.5 + 1.3 * experience + noise).round().clamp(1.0, 7.0),
                        ),
                    };
                    let (good, bad) = phrases::comments(self.language);
                    let comment = match experience {
                        e if e > 0.4 && rng.random_bool(0.4) => {
                            good[rng.random_range(0..good.len())]
                        }
                        e if e < -0.4 && rng.random_bool(0.6) => {
                            bad[rng.random_range(0..bad.len())]
                        }
                        _ => "",
                    };
                    let props = json!({"touchpoint": tp.id, "score_type": kind, "score": score as i64, "comment": comment, "language": self.language, "journey": journey.id, "run": run});
                    self.track(*t, "Feedback Submitted", props)?;
                }
            }
            // A bad moment can end the journey here.
            if rng.random_bool((0.004 + 0.03 * (-experience).max(0.0)).min(0.5)) {
                return Ok((sum / n, true));
            }
        }
        Ok((if n > 0.0 { sum / n } else { 0.0 }, false))
    }
}

/// A random duration between `min` and `max` hours (log-uniform: short waits are common).
fn hours(rng: &mut ChaCha8Rng, min: f64, max: f64) -> jiff::SignedDuration {
    let (lo, hi) = (min.max(0.01).ln(), max.max(min + 0.01).ln());
    jiff::SignedDuration::from_secs_f64(rng.random_range(lo..hi).exp() * 3600.0)
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}
