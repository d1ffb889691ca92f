//! The validator: every rule a workspace must follow (errors) and every CX smell (warnings).
//!
//! It works on the model alone, so `stig check`, the web forms and the REST API share it.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Location, Origin, Seg, did_you_mean};
use crate::{Channel, KnownChannel, LOCALES, Owner, Workspace};

mod moments;

/// Validates `ws` and returns every diagnostic, errors and warnings, in model order.
pub fn validate(ws: &Workspace) -> Vec<Diagnostic> {
    let mut v = Validator {
        ws,
        out: Vec::new(),
    };
    v.settings();
    v.ids();
    v.personas();
    v.touchpoints();
    v.journeys();
    v.goals();
    v.dilemmas();
    v.moments();
    v.out
}

struct Validator<'a> {
    ws: &'a Workspace,
    out: Vec<Diagnostic>,
}

const VALENCE: std::ops::RangeInclusive<i8> = -2..=2;

impl<'a> Validator<'a> {
    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// Reports `value` at `at` unless it is one of `known`, suggesting the closest.
    fn reference(&mut self, what: &str, value: &str, known: &Names<'_>, at: Location) -> bool {
        if known.set.contains(value) {
            return true;
        }
        let suggestion = did_you_mean(value, known.list.iter().copied());
        let help = match &suggestion {
            Some(_) => None,
            None if known.list.is_empty() => Some(format!("no {what} is defined yet")),
            None => Some(format!("known {what}s: {}", list(&known.list))),
        };
        let mut d = Diagnostic::new(
            Code::UnknownReference,
            at,
            format!("unknown {what} `{value}`"),
        )
        .with_args("unknown-reference", &[("what", what), ("value", value)])
        .with_suggestion(suggestion);
        d.help = help;
        self.push(d);
        false
    }

    fn persona_key(&mut self, value: &str, known: &Names<'_>, at: Location) {
        if !known.set.contains(value) {
            let d = Diagnostic::new(
                Code::UnknownPersona,
                at,
                format!("per-persona value names unknown persona `{value}`"),
            )
            .with_args("unknown-persona", &[("value", value)])
            .with_suggestion(did_you_mean(value, known.list.iter().copied()))
            .with_help(format!("personas in this workspace: {}", list(&known.list)));
            self.push(d);
        }
    }

    fn persona_ids(&self) -> Names<'a> {
        Names::new(self.ws.personas.iter().map(|p| p.id.as_str()))
    }
    fn touchpoint_ids(&self) -> Names<'a> {
        Names::new(self.ws.touchpoints.iter().map(|t| t.id.as_str()))
    }
    fn actor_ids(&self) -> Names<'a> {
        Names::new(self.ws.actors.iter().map(|a| a.id.as_str()))
    }
    fn journey_ids(&self) -> Names<'a> {
        Names::new(self.ws.journeys.iter().map(|j| j.id.as_str()))
    }

    /// An empty text is an error; `what` is its English name, `field` names the message
    /// (`check-empty-{field}`).
    fn non_empty(&mut self, value: &str, at: Location, what: &str) {
        if value.trim().is_empty() {
            let field = at
                .path
                .iter()
                .rev()
                .find_map(|s| match s {
                    Seg::Key(k) => Some(k.as_str()),
                    _ => None,
                })
                .unwrap_or("field")
                .to_owned();
            let d = Diagnostic::new(Code::EmptyField, at, format!("{what} must not be empty"))
                .with_args("empty-field", &[("field", &field)]);
            self.push(d);
        }
    }

    fn valence(&mut self, value: i8, at: Location) {
        if !VALENCE.contains(&value) {
            let d = Diagnostic::new(
                Code::ValenceOutOfRange,
                at,
                format!("valence {value} is out of range"),
            )
            .with_args("valence-out-of-range", &[("value", &value.to_string())])
            .with_suggestion(Some(value.clamp(-2, 2).to_string()))
            .with_help(
                "valence runs from -2 (very negative) through 0 (neutral) to +2 (very positive)",
            );
            self.push(d);
        }
    }

    /// A custom channel that is one typo away from a known one is probably that one.
    fn channel(&mut self, channel: &Channel, at: Location) {
        if let Channel::Custom(c) = channel {
            let known: Vec<&str> = KnownChannel::ALL.iter().map(|k| k.as_str()).collect();
            if let Some(s) = did_you_mean(c, known.iter().copied()) {
                let d = Diagnostic::new(
                    Code::ChannelLooksMisspelled,
                    at,
                    format!("custom channel `{c}` looks like the known channel `{s}`"),
                )
                .with_args("channel-looks-misspelled", &[("channel", c), ("known", &s)])
                .with_suggestion(Some(s))
                .with_help("known channels get an icon on the map and are grouped in reports");
                self.push(d);
            }
        }
    }

    fn settings(&mut self) {
        for (i, a) in self.ws.actors.iter().enumerate() {
            self.non_empty(
                &a.name,
                Location::new(Origin::Actor(i)).at("name"),
                "an actor's name",
            );
        }
        let at = Location::new(Origin::Settings);
        self.non_empty(&self.ws.settings.name, at.at("name"), "the workspace name");
        let locale = self.ws.settings.locale.as_str();
        if !LOCALES.contains(&locale) {
            let d = Diagnostic::new(
                Code::UnknownLocale,
                at.at("locale"),
                format!("locale `{locale}` has no translation; English is used"),
            )
            .with_args("unknown-locale", &[("locale", locale)])
            .with_suggestion(did_you_mean(locale, LOCALES.iter().copied()))
            .with_help(format!("supported locales: {}", list(LOCALES)));
            self.push(d);
        }
        if let Some(outcome) = &self.ws.settings.drivers_outcome {
            self.drivers_outcome(outcome, at.at("drivers_outcome"));
        }
    }

    /// `drivers_outcome` names a touchpoint (or `overall`), optionally with a scale.
    fn drivers_outcome(&mut self, outcome: &str, at: Location) {
        let (id, kind) = match outcome.rsplit_once(':') {
            Some((id, kind)) => (id.trim(), Some(kind.trim())),
            None => (outcome.trim(), None),
        };
        if let Some(kind) = kind.filter(|k| !["nps", "csat", "ces"].contains(k)) {
            let d = Diagnostic::new(
                Code::InvalidValue,
                at.clone(),
                format!("`{outcome}`: scale `{kind}` is not nps, csat or ces"),
            )
            .with_args(
                "drivers-outcome-kind",
                &[("outcome", outcome), ("kind", kind)],
            )
            .with_suggestion(did_you_mean(kind, ["nps", "csat", "ces"]))
            .with_help(
                "write a touchpoint id, `overall`, or either with `:nps`, `:csat` or `:ces`",
            );
            self.push(d);
        }
        if id != "overall" {
            let mut known = self.touchpoint_ids();
            known.set.insert("overall");
            known.list.push("overall");
            self.reference("touchpoint", id, &known, at);
        }
    }

    /// Id syntax and uniqueness for every entity kind (and every id inside a journey).
    fn ids(&mut self) {
        let ws = self.ws;
        let kinds: [(&str, Vec<(&str, Location)>); 7] = [
            (
                "persona",
                ws.personas
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.as_str(), Location::new(Origin::Persona(i))))
                    .collect(),
            ),
            (
                "journey",
                ws.journeys
                    .iter()
                    .enumerate()
                    .map(|(i, j)| (j.id.as_str(), Location::new(Origin::Journey(i))))
                    .collect(),
            ),
            (
                "touchpoint",
                ws.touchpoints
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.id.as_str(), Location::new(Origin::Touchpoint(i))))
                    .collect(),
            ),
            (
                "actor",
                ws.actors
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id.as_str(), Location::new(Origin::Actor(i))))
                    .collect(),
            ),
            (
                "goal",
                ws.goals
                    .iter()
                    .enumerate()
                    .map(|(i, g)| (g.id.as_str(), Location::new(Origin::Goal(i))))
                    .collect(),
            ),
            (
                "dilemma",
                ws.dilemmas
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.id.as_str(), Location::new(Origin::Dilemma(i))))
                    .collect(),
            ),
            (
                "moment",
                ws.moments
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.id.as_str(), Location::new(Origin::Moment(i))))
                    .collect(),
            ),
        ];
        for (what, items) in kinds {
            self.unique(what, items.into_iter().map(|(id, at)| (id, at.at("id"))));
        }
        for (ji, j) in ws.journeys.iter().enumerate() {
            let at = Location::new(Origin::Journey(ji));
            self.unique(
                "phase",
                j.phases
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.as_str(), at.at("phase").at(i).at("id"))),
            );
            self.unique(
                "stage",
                j.stages
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.id.as_str(), at.at("stage").at(i).at("id"))),
            );
            self.unique(
                "step",
                j.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.id.as_str(), at.at("step").at(i).at("id"))),
            );
        }
        for (di, d) in ws.dilemmas.iter().enumerate() {
            let at = Location::new(Origin::Dilemma(di));
            self.unique(
                "option",
                d.options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.id.as_str(), at.at("option").at(i).at("id"))),
            );
        }
    }

    fn unique<'b>(&mut self, what: &str, items: impl Iterator<Item = (&'b str, Location)>) {
        let mut seen: HashMap<&str, Location> = HashMap::new();
        for (id, at) in items {
            if !valid_id(id) {
                let d = Diagnostic::new(Code::InvalidId, at.clone(), format!("`{id}` is not a valid {what} id"))
                    .with_args("invalid-id", &[("what", what), ("id", id)])
                    .with_suggestion(Some(slug(id)).filter(|s| !s.is_empty() && s != id))
                    .with_help("ids are lower-case letters, digits, `-` and `_`, starting with a letter or digit");
                self.push(d);
            }
            if seen.contains_key(id) {
                let d =
                    Diagnostic::new(Code::DuplicateId, at, format!("duplicate {what} id `{id}`"))
                        .with_args("duplicate-id", &[("what", what), ("id", id)])
                        .with_help(format!(
                            "another {what} already has the id `{id}`; ids must be unique"
                        ));
                self.push(d);
            } else {
                seen.insert(id, at);
            }
        }
    }

    fn personas(&mut self) {
        for (i, p) in self.ws.personas.iter().enumerate() {
            let at = Location::new(Origin::Persona(i));
            self.non_empty(&p.name, at.at("name"), "a persona's name");
            if p.loves.is_empty() || p.hates.is_empty() {
                let missing = match (p.loves.is_empty(), p.hates.is_empty()) {
                    (true, true) => "loves or hates",
                    (true, false) => "loves",
                    _ => "hates",
                };
                let d = Diagnostic::new(
                    Code::PersonaWithoutLovesOrHates,
                    at.at("id"),
                    format!("persona `{}` has no {missing}", p.id),
                )
                .with_args(
                    match missing {
                        "loves" => "persona-without-loves",
                        "hates" => "persona-without-hates",
                        _ => "persona-without-loves-or-hates",
                    },
                    &[("name", &p.name)],
                )
                .with_help("a customer type is defined by what it loves and hates; add `loves = [...]` and `hates = [...]`");
                self.push(d);
            }
            if !p.demographics.is_empty() && !p.has_psychographics() {
                let d = Diagnostic::new(
                    Code::DemographicsOnly,
                    at.at("demographics"),
                    format!("persona `{}` is described by demographics alone", p.id),
                )
                .with_args("demographics-only", &[("name", &p.name)])
                .with_help("demographic twins can be opposite customer types; describe loves, hates, motivation and needs");
                self.push(d);
            }
        }
    }

    fn touchpoints(&mut self) {
        let actors = self.actor_ids();
        let used: HashSet<&str> = self
            .ws
            .journeys
            .iter()
            .flat_map(|j| {
                j.steps
                    .iter()
                    .flat_map(|s| s.touchpoints.iter().map(String::as_str))
            })
            .collect();
        for (i, t) in self.ws.touchpoints.iter().enumerate() {
            let at = Location::new(Origin::Touchpoint(i));
            self.non_empty(&t.name, at.at("name"), "a touchpoint's name");
            self.channel(&t.channel, at.at("channel"));
            if let Some(survey) = &t.survey {
                self.non_empty(
                    &survey.question,
                    at.at("survey").at("question"),
                    "a survey's question",
                );
            }
            if let Some(actor) = &t.actor {
                if self.reference("actor", actor, &actors, at.at("actor"))
                    && let Some(a) = self.ws.actor(actor)
                    && a.kind.as_str() != t.owner.as_str()
                {
                    let d = Diagnostic::new(
                        Code::OwnerActorMismatch,
                        at.at("owner"),
                        format!(
                            "touchpoint owner is `{}` but its actor `{actor}` is `{}`",
                            t.owner.as_str(),
                            a.kind.as_str()
                        ),
                    )
                    .with_args(
                        "owner-actor-mismatch",
                        &[
                            ("name", &t.name),
                            ("owner", t.owner.as_str()),
                            ("actor", &a.name),
                            ("kind", a.kind.as_str()),
                        ],
                    );
                    self.push(d);
                }
            } else if t.owner != Owner::Own {
                let d = Diagnostic::new(
                    Code::OwnerWithoutActor,
                    at.at("actor"),
                    format!(
                        "a {}-owned touchpoint should name its actor",
                        t.owner.as_str()
                    ),
                )
                .with_args(
                    "owner-without-actor",
                    &[("name", &t.name), ("owner", t.owner.as_str())],
                )
                .with_help("add `actor = \"...\"` naming one of the workspace's actors");
                self.push(d);
            }
            self.mode_channel(t, at.clone());
            for (si, s) in t.signals.iter().enumerate() {
                self.signal(s, at.at("signal").at(si));
            }
            if !used.contains(t.id.as_str()) {
                let d = Diagnostic::new(
                    Code::UnusedTouchpoint,
                    at.at("id"),
                    format!("touchpoint `{}` is not used by any step", t.id),
                )
                .with_args("unused-touchpoint", &[("name", &t.name)]);
                self.push(d);
            }
        }
    }

    /// A touchpoint's mode and channel must not contradict each other: an on-site (physical)
    /// touchpoint on a digital channel, or a digital one on a channel that is a place or paper.
    fn mode_channel(&mut self, t: &crate::Touchpoint, at: Location) {
        use KnownChannel as K;
        let Channel::Known(k) = &t.channel else {
            return;
        };
        let digital = matches!(k, K::Web | K::App | K::Email | K::Sms | K::Chat | K::Social);
        let physical = matches!(k, K::Store | K::OnSite | K::Print | K::Letter | K::Signage);
        let contradicts = match t.mode {
            crate::Mode::Physical => digital,
            crate::Mode::Digital => physical,
        };
        if contradicts {
            let d = Diagnostic::new(
                Code::ModeChannelMismatch,
                at.at("mode"),
                format!(
                    "touchpoint `{}` is {} but its channel `{}` is {}",
                    t.id,
                    t.mode.as_str(),
                    k.as_str(),
                    if digital { "digital" } else { "physical" }
                ),
            )
            .with_args(
                "mode-channel-mismatch",
                &[
                    ("name", &t.name),
                    ("mode", t.mode.as_str()),
                    ("channel", k.as_str()),
                ],
            )
            .with_help("set the mode to what the customer meets, or pick the channel it runs on");
            self.push(d);
        }
    }

    /// A signal says something, and its page pattern parses.
    fn signal(&mut self, s: &crate::Signal, at: Location) {
        if s.is_empty() {
            let d = Diagnostic::new(
                Code::EmptyField,
                at,
                "a signal must name an event, a page or a campaign",
            )
            .with_args("empty-signal", &[])
            .with_help(
                "add `event = \"...\"`, `page = \"/path/*\"` or `utm_source = \"...\"` (see \
                 docs/format.md)",
            );
            self.push(d);
            return;
        }
        if let Some(event) = &s.event {
            self.non_empty(event, at.at("event"), "a signal's event name");
        }
        for (key, value) in s.campaign() {
            self.non_empty(value, at.at(key), &format!("`{key}`"));
        }
        if let Some(page) = &s.page
            && let Err(why) = crate::PagePattern::new(page)
        {
            let d = Diagnostic::new(Code::InvalidValue, at.at("page"), why.clone())
                .with_args("bad-page-pattern", &[("page", page), ("why", &why)])
                .with_help(
                    "a page pattern is a path (`/booking/*`, `/booking/**`) or a whole URL \
                 (`https://shop.example.no/checkout*`); `*` stays within one `/` segment, `**` \
                 crosses them",
                );
            self.push(d);
        }
    }

    fn journeys(&mut self) {
        let ws = self.ws;
        let touchpoints = self.touchpoint_ids();
        let actors = self.actor_ids();
        let personas = self.persona_ids();
        let journeys = self.journey_ids();
        for (ji, j) in ws.journeys.iter().enumerate() {
            let at = Location::new(Origin::Journey(ji));
            self.non_empty(&j.name, at.at("name"), "a journey's name");
            for (i, p) in j.personas.iter().enumerate() {
                self.reference("persona", p, &personas, at.at("personas").at(i));
            }
            match (&j.as_is, j.state) {
                (Some(as_is), crate::JourneyState::ToBe) => {
                    let others: Vec<&str> = journeys
                        .list
                        .iter()
                        .copied()
                        .filter(|id| *id != j.id)
                        .collect();
                    if !others.contains(&as_is.as_str()) {
                        let d = Diagnostic::new(
                            Code::MissingAsIs,
                            at.at("as_is"),
                            format!(
                                "to-be journey names as-is journey `{as_is}`, which does not exist"
                            ),
                        )
                        .with_args("missing-as-is", &[("name", &j.name), ("value", as_is)])
                        .with_suggestion(did_you_mean(as_is, others.iter().copied()))
                        .with_help(format!("journeys in this workspace: {}", list(&others)));
                        self.push(d);
                    }
                }
                (Some(_), crate::JourneyState::AsIs) => {
                    let d = Diagnostic::new(
                        Code::AsIsOnAsIsJourney,
                        at.at("as_is"),
                        "`as_is` is only meaningful on a journey with `state = \"to-be\"`",
                    )
                    .with_args("as-is-on-as-is-journey", &[("name", &j.name)]);
                    self.push(d);
                }
                _ => {}
            }
            if let Some(step) = &j.complete_at {
                let steps = Names::new(j.steps.iter().map(|s| s.id.as_str()));
                self.reference("step", step, &steps, at.at("complete_at"));
            }
            if j.state == crate::JourneyState::AsIs
                && let Some(done) = j.completion_step()
                && done.touchpoints.is_empty()
            {
                let field = if j.complete_at.is_some() {
                    "complete_at"
                } else {
                    "name"
                };
                let d = Diagnostic::new(
                    Code::CompletionUnseen,
                    at.at(field),
                    format!(
                        "runs of this journey complete at step `{}`, which has no touchpoint, so \
                         live data can never show one completed",
                        done.id
                    ),
                )
                .with_args(
                    "completion-unseen",
                    &[("journey", &j.name), ("step", &done.action)],
                )
                .with_help(
                    "set `complete_at` to the step where the customer reaches their goal at a \
                     touchpoint, or add a touchpoint to that step",
                );
                self.push(d);
            }
            if j.abandon_after_days == Some(0) {
                self.push(
                    Diagnostic::new(
                        Code::OutOfRange,
                        at.at("abandon_after_days"),
                        "`abandon_after_days` must be at least 1",
                    )
                    .with_args("abandon-after-zero", &[]),
                );
            }
            let phase_ids: Vec<&str> = j.phases.iter().map(|p| p.id.as_str()).collect();
            for (i, p) in j.phases.iter().enumerate() {
                self.non_empty(&p.name, at.at("phase").at(i).at("name"), "a phase's name");
            }
            let used_stages: HashSet<&str> = j.steps.iter().map(|s| s.stage.as_str()).collect();
            for (i, s) in j.stages.iter().enumerate() {
                let sat = at.at("stage").at(i);
                if !phase_ids.contains(&s.phase.as_str()) {
                    let d = Diagnostic::new(
                        Code::UnknownPhase,
                        sat.at("phase"),
                        format!(
                            "stage `{}` is in phase `{}`, which this journey does not have",
                            s.id, s.phase
                        ),
                    )
                    .with_args(
                        "unknown-phase",
                        &[
                            ("stage", &s.name),
                            ("phase", &s.phase),
                            ("journey", &j.name),
                        ],
                    )
                    .with_suggestion(did_you_mean(&s.phase, phase_ids.iter().copied()))
                    .with_help(format!(
                        "phases of journey `{}`: {}",
                        j.id,
                        list(&phase_ids)
                    ));
                    self.push(d);
                }
                self.non_empty(&s.name, sat.at("name"), "a stage's name");
                if !used_stages.contains(s.id.as_str()) {
                    self.push(
                        Diagnostic::new(
                            Code::StageWithoutSteps,
                            sat.at("id"),
                            format!("stage `{}` has no steps", s.id),
                        )
                        .with_args(
                            "stage-without-steps",
                            &[("stage", &s.name), ("journey", &j.name)],
                        ),
                    );
                }
            }
            let stage_ids = Names::new(j.stages.iter().map(|s| s.id.as_str()));
            for (si, s) in j.steps.iter().enumerate() {
                let sat = at.at("step").at(si);
                self.non_empty(&s.action, sat.at("action"), "a step's action");
                self.reference("stage", &s.stage, &stage_ids, sat.at("stage"));
                for (i, t) in s.touchpoints.iter().enumerate() {
                    self.reference("touchpoint", t, &touchpoints, sat.at("touchpoints").at(i));
                }
                for (i, a) in s.actors.iter().enumerate() {
                    self.reference("actor", a, &actors, sat.at("actors").at(i));
                }
                for (ei, e) in s.emotions.iter().enumerate() {
                    let eat = sat.at("emotion").at(ei);
                    self.non_empty(&e.name, eat.at("name"), "an emotional element's name");
                    match (&e.sense, &e.intangible) {
                        (Some(_), Some(_)) => self.push(
                            Diagnostic::new(Code::ElementKind, eat.at("intangible"), "an emotional element is either a sense or an intangible, not both")
                                .with_args("element-both", &[("name", &e.name)])
                                .with_help("keep `sense = \"...\"` or `intangible = \"...\"`, not both"),
                        ),
                        (None, None) => self.push(
                            Diagnostic::new(Code::ElementKind, eat.at("name"), format!("emotional element `{}` names neither a sense nor an intangible", e.name))
                                .with_args("element-neither", &[("name", &e.name)])
                                .with_help("add `sense = \"see\"` (see, hear, smell, taste, touch) or `intangible = \"safety\"`"),
                        ),
                        _ => {}
                    }
                    self.valence(e.valence, eat.at("valence"));
                    for (p, &val) in &e.persona_valence {
                        self.persona_key(
                            p,
                            &personas,
                            eat.at("persona_valence").at(Seg::KeyName(p.clone())),
                        );
                        self.valence(val, eat.at("persona_valence").at(p.as_str()));
                    }
                }
                for (i, e) in s.evidence.iter().enumerate() {
                    self.non_empty(
                        &e.text,
                        sat.at("evidence").at(i).at("text"),
                        "evidence text",
                    );
                }
                if s.emotions.is_empty() && !s.functional.is_empty() {
                    let d = Diagnostic::new(
                        Code::OnlyFunctional,
                        sat.at("functional"),
                        format!("step `{}` has only functional elements", s.id),
                    )
                    .with_args("only-functional", &[("step", &s.action)])
                    .with_help("functional elements are entry criteria; emotional elements (senses, intangibles) win customers");
                    self.push(d);
                }
            }
            self.journey_smells(ji);
        }
    }

    /// Phase-level smells: a phase with no touchpoint, nothing after (no follow-up).
    fn journey_smells(&mut self, ji: usize) {
        let j = &self.ws.journeys[ji];
        let at = Location::new(Origin::Journey(ji));
        let mut touchpoints_per_phase: BTreeMap<&str, usize> = BTreeMap::new();
        let mut steps_per_phase: BTreeMap<&str, usize> = BTreeMap::new();
        let phase_of_stage: HashMap<&str, &str> = j
            .stages
            .iter()
            .map(|s| (s.id.as_str(), s.phase.as_str()))
            .collect();
        for s in &j.steps {
            if let Some(&phase) = phase_of_stage.get(s.stage.as_str()) {
                *touchpoints_per_phase.entry(phase).or_default() += s.touchpoints.len();
                *steps_per_phase.entry(phase).or_default() += 1;
            }
        }
        let last = j.phases.len().saturating_sub(1);
        for (i, p) in j.phases.iter().enumerate() {
            let is_after = p.id == "after" || (i == last && j.phases.len() > 1);
            let steps = steps_per_phase.get(p.id.as_str()).copied().unwrap_or(0);
            if is_after && steps == 0 {
                let d = Diagnostic::new(
                    Code::NoFollowUp,
                    at.at("phase").at(i).at("id"),
                    format!("nothing happens in the `{}` phase of journey `{}`: no follow-up", p.id, j.id),
                )
                .with_args("no-follow-up", &[("phase", &p.name), ("journey", &j.name)])
                .with_help("customers repeat journeys; a thank-you, a survey or a reason to come back keeps them");
                self.push(d);
            } else if touchpoints_per_phase
                .get(p.id.as_str())
                .copied()
                .unwrap_or(0)
                == 0
            {
                let d = Diagnostic::new(
                    Code::PhaseWithoutTouchpoint,
                    at.at("phase").at(i).at("id"),
                    format!("phase `{}` of journey `{}` has no touchpoint", p.id, j.id),
                )
                .with_args(
                    "phase-without-touchpoint",
                    &[("phase", &p.name), ("journey", &j.name)],
                )
                .with_help(
                    "the customer is on their own here; is that a gap or a chance to be there?",
                );
                self.push(d);
            }
        }
    }

    fn goals(&mut self) {
        let ws = self.ws;
        let goal_ids = Names::new(ws.goals.iter().map(|g| g.id.as_str()));
        let journeys = self.journey_ids();
        let actors = self.actor_ids();
        for (gi, g) in ws.goals.iter().enumerate() {
            let at = Location::new(Origin::Goal(gi));
            self.non_empty(&g.name, at.at("name"), "a goal's name");
            if let Some(parent) = &g.parent {
                self.reference("goal", parent, &goal_ids, at.at("parent"));
            }
            for (i, jid) in g.journeys.iter().enumerate() {
                self.reference("journey", jid, &journeys, at.at("journeys").at(i));
            }
            for (i, a) in g.actors.iter().enumerate() {
                self.reference("actor", a, &actors, at.at("actors").at(i));
            }
            for (i, c) in g.channels.iter().enumerate() {
                self.channel(c, at.at("channels").at(i));
            }
            for (i, step_ref) in g.steps.iter().enumerate() {
                let sat = at.at("steps").at(i);
                match step_ref.split_once('/') {
                    Some((jid, _)) => match ws.journey(jid) {
                        Some(j) => {
                            let steps: Vec<String> =
                                j.steps.iter().map(|s| format!("{jid}/{}", s.id)).collect();
                            let steps = Names::new(steps.iter().map(String::as_str));
                            self.reference("step", step_ref, &steps, sat);
                        }
                        None => {
                            self.reference("journey", jid, &journeys, sat);
                        }
                    },
                    None => self.push(
                        Diagnostic::new(
                            Code::UnknownReference,
                            sat,
                            format!("step reference `{step_ref}` must be `journey-id/step-id`"),
                        )
                        .with_args("bad-step-reference", &[("value", step_ref)])
                        .with_help("name the journey and the step, e.g. `winter-trip/book-flight`"),
                    ),
                }
            }
        }
        // Cycles: follow parents from each goal; report each cycle once, at its first member.
        let parent: HashMap<&str, &str> = ws
            .goals
            .iter()
            .filter_map(|g| g.parent.as_deref().map(|p| (g.id.as_str(), p)))
            .collect();
        let mut reported: HashSet<&str> = HashSet::new();
        for (gi, g) in ws.goals.iter().enumerate() {
            let mut path = vec![g.id.as_str()];
            let mut cur = g.id.as_str();
            while let Some(&p) = parent.get(cur) {
                if p == g.id {
                    if path.iter().all(|id| !reported.contains(id)) {
                        reported.extend(path.iter().copied());
                        path.push(p);
                        let names: Vec<&str> = path
                            .iter()
                            .map(|id| {
                                ws.goals
                                    .iter()
                                    .find(|g| g.id == *id)
                                    .map_or(*id, |g| g.name.as_str())
                            })
                            .collect();
                        let d = Diagnostic::new(
                            Code::GoalCycle,
                            Location::new(Origin::Goal(gi)).at("parent"),
                            format!("goal tree has a cycle: {}", path.join(" → ")),
                        )
                        .with_args("goal-cycle", &[("goals", &names.join(" → "))])
                        .with_help("a goal cannot be its own sub-goal; remove one `parent` link");
                        self.push(d);
                    }
                    break;
                }
                if path.contains(&p) {
                    break; // a cycle further up, reported from its own members
                }
                path.push(p);
                cur = p;
            }
        }
    }

    fn dilemmas(&mut self) {
        let ws = self.ws;
        let journeys = self.journey_ids();
        let personas = self.persona_ids();
        for (di, d) in ws.dilemmas.iter().enumerate() {
            let at = Location::new(Origin::Dilemma(di));
            self.non_empty(&d.question, at.at("question"), "a dilemma's question");
            if d.journey.is_none() && d.step.is_some() {
                self.push(
                    Diagnostic::new(
                        Code::UnknownReference,
                        at.at("step"),
                        "a dilemma's `step` needs its `journey`",
                    )
                    .with_args("dilemma-step-without-journey", &[])
                    .with_help("add `journey = \"...\"` naming the journey the step is in"),
                );
            }
            if let Some(jid) = &d.journey
                && self.reference("journey", jid, &journeys, at.at("journey"))
                && let (Some(step), Some(j)) = (&d.step, ws.journey(jid))
            {
                let steps = Names::new(j.steps.iter().map(|s| s.id.as_str()));
                self.reference("step", step, &steps, at.at("step"));
            }
            let options = Names::new(d.options.iter().map(|o| o.id.as_str()));
            if let Some(chosen) = &d.chosen {
                self.reference("option", chosen, &options, at.at("chosen"));
            }
            for (oi, o) in d.options.iter().enumerate() {
                let oat = at.at("option").at(oi);
                self.non_empty(&o.name, oat.at("name"), "an option's name");
                for (p, &val) in &o.satisfaction {
                    self.persona_key(
                        p,
                        &personas,
                        oat.at("satisfaction").at(Seg::KeyName(p.clone())),
                    );
                    self.valence(val, oat.at("satisfaction").at(p.as_str()));
                }
            }
        }
    }
}

/// Ids: lower-case letters (any script, so `fjellstue-ø` works), digits, `-` and `_`.
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_alphanumeric() && !c.is_uppercase())
        && chars.all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-' || c == '_')
}

/// A valid id made from arbitrary text ("Web Booking" → "web-booking").
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// An id made from a name as people type it: lower-case ASCII letters and digits with `-`
/// between words, Nordic and other Latin letters spelt out (`Kjøre på fjellet` →
/// `kjore-pa-fjellet`, `Ærlig` → `aerlig`); empty when nothing in `name` spells.
pub fn id_from_name(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let spelt: &str = match c {
            'a'..='z' | '0'..='9' => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(c);
                continue;
            }
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' | 'õ' => "o",
            'å' | 'ä' | 'á' | 'à' | 'â' | 'ã' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'í' | 'ì' | 'î' | 'ï' => "i",
            'ú' | 'ù' | 'û' | 'ü' => "u",
            'ñ' => "n",
            'ç' => "c",
            'ß' => "ss",
            'ð' => "d",
            'þ' => "th",
            'ý' | 'ÿ' => "y",
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(spelt);
    }
    out
}

/// `base`, or `base-2`, `base-3`… whichever `taken` says is free.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// A set of ids, for O(1) membership, in definition order, for suggestions and help.
struct Names<'a> {
    list: Vec<&'a str>,
    set: HashSet<&'a str>,
}

impl<'a> Names<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let list: Vec<&str> = ids.collect();
        Names {
            set: list.iter().copied().collect(),
            list,
        }
    }
}

fn list(items: &[&str]) -> String {
    const MAX: usize = 8;
    let mut s = items
        .iter()
        .take(MAX)
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > MAX {
        s.push_str(&format!(" and {} more", items.len() - MAX));
    }
    s
}

#[cfg(test)]
mod tests;
