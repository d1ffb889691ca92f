//! Business moments, evaluated: the stage after the customer stages in the pipeline
//! (collect → identity → touchpoints → runs → **moments** → outbox).
//!
//! [`MomentEngine`] is fed stored events in arrival order, like the customer stages, and
//! keeps per customer only what triggers and conditions read: ids, traits, tag scores (for
//! the persona), when they were last seen and their open journey runs. Each event yields the
//! trigger occurrences it causes right away; [`tick`](MomentEngine::tick) yields those that
//! fall due with time (an offset after a milestone, a run abandoned, a customer silent).
//!
//! Design decision: an occurrence has a key that names what happened (`e42` for the event
//! with arrival number 42, `jbooking/3/enter/step/pay` for a milestone of run 3), derived
//! from the events alone. Replaying the same events gives the same keys, so the outbox can
//! make "fires exactly once" a unique constraint, and a restart rebuilds the engine by
//! replaying what it had already evaluated without firing anything again. The engine is
//! pure: the server persists its output, the backtest counts it.
//!
//! What the events made of the engine (ids, people, their runs, what waits on the clock) is
//! serializable, so a server can write it down with the cursor it stands at and a restart
//! replays only the events after it: see [`MomentEngine::restore`]. What the model says
//! (compiled triggers, the touchpoint matcher, the journey index, persona vectors) is not
//! stored but laid on again, and neither is what the outbox knows (what fired, since when a
//! moment is live): the caller tells it again as it does a new engine.

mod backtest;
mod conditions;
mod quiet;

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use stig_model::{MilestoneKind, Moment, Trigger, Workspace, parse_offset};

pub use backtest::{Backtest, Sample, backtest};
pub use quiet::quiet_until;

use crate::customers::consent::{Consent, Said};
use crate::customers::feedback;
use crate::customers::instances::Runs;
use crate::customers::{
    Activity, Closed, Identities, InstanceStatus, JourneyIndex, TouchpointMatcher,
};
use crate::persona;
use conditions::Who;

/// A trigger occurrence that passed the moment's conditions and limits: it should fire.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// The moment (index into the engine's moments, and its id).
    pub moment: usize,
    pub moment_id: String,
    /// What happened, unique per moment (see the module docs).
    pub key: String,
    /// The customer's id: their first user id, else their first anonymous id.
    pub customer: String,
    pub persona: Option<String>,
    /// When it happened or fell due.
    pub at: Timestamp,
    /// The customer's language (a `locale` trait such as `nb-NO`, reduced to `nb`), if known.
    pub locale: Option<String>,
    /// What templates and receivers see: `moment`, `trigger`, `customer`.
    pub context: Value,
    /// The customer's consent when it fired: each action is sent only if it allows the
    /// action's purpose.
    pub consent: Consent,
}

/// Before this long before a moment went live, occurrences are history: not fired (the
/// backtest shows them). The margin lets a late SDK flush still count.
pub const LIVE_GRACE: SignedDuration = SignedDuration::from_mins(10);

/// How a moment's trigger is matched, compiled from the model once.
#[derive(Debug)]
enum Compiled {
    Event,
    Milestone {
        journey: Option<usize>,
        kind: MilestoneKind,
        target: Target,
        offset: i64,
        date_property: Option<String>,
    },
    Inactivity {
        after: SignedDuration,
    },
    Feedback,
}

#[derive(Debug, Clone, PartialEq)]
enum Target {
    Journey,
    Phase(String),
    Step(String),
}

/// One customer as the moments see them.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Person {
    /// Their first user id, once known.
    user_id: Option<String>,
    /// Stored as JSON text: a binary format cannot read a JSON value back.
    #[serde(with = "json_text")]
    traits: Map<String, Value>,
    last_seen: Option<Timestamp>,
    runs: Runs,
    /// Tag scores (faded to `tags_at`) for the persona match.
    tags: HashMap<u16, f32>,
    tags_at: Option<Timestamp>,
    /// Their persona match as last worked out; `None` after anything it depends on changed.
    persona: Option<Option<usize>>,
    /// Their consent, as their events stated it.
    consent: Consent,
}

/// A milestone occurrence waiting for its offset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
struct Due {
    at: Timestamp,
    moment: usize,
    person: u32,
    key: String,
    context: String,
}

/// The moments of one workspace, evaluated event by event.
///
/// Serializing it writes what the events made of it; the fields marked `skip` come from the
/// model (laid on again by [`restore`](Self::restore)) or from the outbox (told again with
/// [`set_live_since`](Self::set_live_since) and [`restore_fired`](Self::restore_fired)).
#[derive(Serialize, Deserialize)]
pub struct MomentEngine {
    #[serde(skip)]
    ws: Arc<Workspace>,
    #[serde(skip)]
    moments: Vec<Moment>,
    #[serde(skip)]
    compiled: Vec<Compiled>,
    #[serde(skip)]
    matcher: TouchpointMatcher,
    #[serde(skip)]
    journeys: JourneyIndex,
    ids: Identities,
    people: HashMap<u32, Person>,
    /// Event name → moments triggered by it.
    #[serde(skip)]
    by_event: HashMap<String, Vec<usize>>,
    #[serde(skip)]
    feedback_moments: Vec<usize>,
    #[serde(skip)]
    milestone_moments: Vec<usize>,
    #[serde(skip)]
    inactivity_moments: Vec<usize>,
    #[serde(skip)]
    wants_abandon: bool,
    /// Names whose properties matter (signals, triggers, preferences).
    #[serde(skip)]
    wanted: HashSet<String>,
    #[serde(skip)]
    preference_rules: Vec<(String, String, f32)>,
    #[serde(skip)]
    half_life_secs: f64,
    /// Tag key → its number in the people's tag scores (and in the persona vectors).
    tag_ids: HashMap<String, u16>,
    #[serde(skip)]
    persona_vectors: persona::PersonaVectors,
    /// (last seen, person), for inactivity.
    silence: BTreeSet<(Timestamp, u32)>,
    /// (deadline, person, journey), for abandoned runs.
    deadlines: BTreeSet<(Timestamp, u32, usize)>,
    due: BinaryHeap<Reverse<Due>>,
    /// Per moment (inactivity moments only): silences that ended (fell due) at or before
    /// this were looked at.
    checked: Vec<Option<Timestamp>>,
    #[serde(skip)]
    live_since: Vec<Option<Timestamp>>,
    /// Per (moment, customer): when it fired, for `max_per_customer`.
    #[serde(skip)]
    fired: HashMap<(usize, String), VecDeque<Timestamp>>,
    /// Occurrences known to have fired already (restored at start): not offered again.
    #[serde(skip)]
    known: HashSet<(usize, String)>,
    clock: Option<Timestamp>,
}

impl MomentEngine {
    /// An engine for `moments` (enabled or not: the caller chooses) of `ws`.
    pub fn new(ws: Arc<Workspace>, moments: Vec<Moment>) -> Self {
        let journeys = JourneyIndex::new(&ws);
        let mut by_event: HashMap<String, Vec<usize>> = HashMap::new();
        let (mut feedback_moments, mut milestone_moments, mut inactivity_moments) =
            (Vec::new(), Vec::new(), Vec::new());
        let mut wants_abandon = false;
        let mut wanted: HashSet<String> = HashSet::new();
        let compiled = moments
            .iter()
            .enumerate()
            .map(|(i, m)| match &m.trigger {
                Trigger::Event { event, .. } => {
                    by_event.entry(event.clone()).or_default().push(i);
                    wanted.insert(event.clone());
                    Compiled::Event
                }
                Trigger::Milestone {
                    journey,
                    milestone,
                    phase,
                    step,
                    offset,
                    date_property,
                } => {
                    milestone_moments.push(i);
                    wants_abandon |= *milestone == MilestoneKind::Abandon;
                    Compiled::Milestone {
                        journey: journeys.journey_index(journey),
                        kind: *milestone,
                        target: match (phase, step) {
                            (_, Some(s)) => Target::Step(s.clone()),
                            (Some(p), None) => Target::Phase(p.clone()),
                            (None, None) => Target::Journey,
                        },
                        offset: offset
                            .as_deref()
                            .and_then(|o| parse_offset(o).ok())
                            .unwrap_or(0),
                        date_property: date_property.clone(),
                    }
                }
                Trigger::Inactivity { days } => {
                    inactivity_moments.push(i);
                    Compiled::Inactivity {
                        after: SignedDuration::from_hours(i64::from(*days) * 24),
                    }
                }
                Trigger::Feedback { .. } => {
                    feedback_moments.push(i);
                    Compiled::Feedback
                }
            })
            .collect();
        for tp in &ws.touchpoints {
            wanted.extend(tp.signals.iter().filter_map(|s| s.event.clone()));
        }
        let preference_rules: Vec<(String, String, f32)> = ws
            .settings
            .preference_rules()
            .into_iter()
            .map(|r| (r.event, r.property, r.weight as f32))
            .collect();
        wanted.extend(preference_rules.iter().map(|r| r.0.clone()));
        let mut tag_ids = HashMap::new();
        let persona_vectors = persona::PersonaVectors::new(&ws, |t| intern_tag(&mut tag_ids, t));
        MomentEngine {
            matcher: TouchpointMatcher::new(&ws),
            half_life_secs: f64::from(ws.settings.preference_half_life_days()) * 86_400.0,
            live_since: vec![None; moments.len()],
            checked: vec![None; moments.len()],
            ws,
            moments,
            compiled,
            journeys,
            ids: Identities::default(),
            people: HashMap::new(),
            by_event,
            feedback_moments,
            milestone_moments,
            inactivity_moments,
            wants_abandon,
            wanted,
            preference_rules,
            tag_ids,
            persona_vectors,
            silence: BTreeSet::new(),
            deadlines: BTreeSet::new(),
            due: BinaryHeap::new(),
            fired: HashMap::new(),
            known: HashSet::new(),
            clock: None,
        }
    }

    /// An engine read back (deserialized) from what [`MomentEngine`] serialized, laid on
    /// the model again: `ws` and `moments` must be those it was made with (the caller keys
    /// what it stores on them), since its people's runs and what waits on the clock name
    /// journeys and moments by number. Like a new engine it knows nothing of the outbox: the
    /// caller tells it [`set_live_since`](Self::set_live_since) and
    /// [`restore_fired`](Self::restore_fired) again.
    pub fn restore(&mut self, ws: Arc<Workspace>, moments: Vec<Moment>) {
        // Every field named: one added later must be placed here (model or state).
        let MomentEngine {
            ws,
            moments,
            compiled,
            matcher,
            journeys,
            ids: _,
            people: _,
            by_event,
            feedback_moments,
            milestone_moments,
            inactivity_moments,
            wants_abandon,
            wanted,
            preference_rules,
            half_life_secs,
            tag_ids: _,
            persona_vectors: _,
            silence: _,
            deadlines: _,
            due: _,
            checked,
            live_since,
            fired,
            known,
            clock: _,
        } = MomentEngine::new(ws, moments);
        // The persona vectors in this engine's tag numbers (the same as when it was made:
        // a new engine numbers the personas' tags first).
        self.persona_vectors =
            persona::PersonaVectors::new(&ws, |t| intern_tag(&mut self.tag_ids, t));
        if self.checked.len() != moments.len() {
            self.checked = checked;
        }
        self.ws = ws;
        self.moments = moments;
        self.compiled = compiled;
        self.matcher = matcher;
        self.journeys = journeys;
        self.by_event = by_event;
        self.feedback_moments = feedback_moments;
        self.milestone_moments = milestone_moments;
        self.inactivity_moments = inactivity_moments;
        self.wants_abandon = wants_abandon;
        self.wanted = wanted;
        self.preference_rules = preference_rules;
        self.half_life_secs = half_life_secs;
        self.live_since = live_since;
        self.fired = fired;
        self.known = known;
    }

    pub fn moments(&self) -> &[Moment] {
        &self.moments
    }

    /// How many customers the engine keeps.
    pub fn customers(&self) -> usize {
        self.people.len()
    }

    /// Whether an event of this name needs its properties parsed (for
    /// [`Activity::from_segment_text`]).
    pub fn wants_properties(&self, name: &str) -> bool {
        self.wanted.contains(name)
    }

    /// Occurrences of moment `m` before `since` (less [`LIVE_GRACE`]) are history, not fired.
    /// `None` (the default) fires everything: the backtest.
    pub fn set_live_since(&mut self, moment: usize, since: Option<Timestamp>) {
        self.live_since[moment] = since;
        // Silences that ended before the moment went live are history too.
        if let (Some(since), Compiled::Inactivity { .. }) = (since, &self.compiled[moment]) {
            let checked = &mut self.checked[moment];
            *checked = Some(checked.map_or(since, |c| c.max(since)) - LIVE_GRACE);
        }
    }

    /// Tells the engine an occurrence already fired (read back from the outbox at start), so
    /// caps count it and it is not offered again.
    pub fn restore_fired(&mut self, moment_id: &str, customer: &str, key: &str, at: Timestamp) {
        if let Some(m) = self.moments.iter().position(|x| x.id == moment_id) {
            self.known.insert((m, key.to_owned()));
            self.fired
                .entry((m, customer.to_owned()))
                .or_default()
                .push_back(at);
        }
    }

    /// Feeds one stored event; returns the occurrences it causes now. With `emit` false the
    /// event only updates the engine's state (a replay of events evaluated before).
    pub fn push(&mut self, a: &Activity, emit: bool) -> Vec<Occurrence> {
        let mut out = Vec::new();
        let Some(node) = self.identify(a) else {
            return out;
        };
        let at = a.timestamp;
        self.clock = Some(self.clock.map_or(at, |c| c.max(at)));
        let person = self.people.entry(node).or_default();
        person.persona = None;
        if person.user_id.is_none() {
            person.user_id = a.user_id.clone();
        }
        for (k, v) in &a.traits {
            person.traits.insert(k.clone(), v.clone());
        }
        if let Some(said) = Said::read(a) {
            person.consent.apply(at, &said);
        }
        let previous_seen = person.last_seen;
        if previous_seen.is_none_or(|s| at > s) {
            person.last_seen = Some(at);
            if !self.inactivity_moments.is_empty() {
                if let Some(s) = previous_seen {
                    self.silence.remove(&(s, node));
                }
                self.silence.insert((at, node));
            }
        }
        let name = a.name.as_deref().unwrap_or_default();
        self.preferences(node, a, name);
        // Touchpoints and the runs they move.
        let touchpoints = self.matcher.matches_activity(a);
        let mut moves = Vec::new();
        for &tp in &touchpoints {
            let tp_id = self.matcher.id(tp).to_owned();
            let person = self.people.get_mut(&node).expect("just inserted");
            for mv in person.runs.hit_steps(&self.journeys, tp, &tp_id, at) {
                moves.push(mv);
            }
            if self.wants_abandon {
                self.track_deadlines(node);
            }
        }
        let channel = touchpoints
            .first()
            .map(|&tp| self.ws.touchpoints[tp].channel.as_str().to_owned());
        // Event triggers.
        if !name.is_empty()
            && let Some(ms) = self.by_event.get(name)
        {
            for &m in &ms.clone() {
                let Trigger::Event { conditions, .. } = &self.moments[m].trigger else {
                    continue;
                };
                let matches = conditions.iter().all(|(k, want)| {
                    a.properties
                        .get(k)
                        .is_some_and(|v| crate::customers::touchpoints::holds(want, v))
                });
                if matches {
                    let run_key = self.run_key(node, &touchpoints);
                    self.offer(
                        &mut out,
                        emit,
                        m,
                        node,
                        |_| format!("e{}", a.seq),
                        run_key,
                        at,
                        |e| {
                            json!({
                                "kind": "event", "event": name, "properties": a.properties,
                                "touchpoints": touchpoints.iter().map(|&t| e.matcher.id(t)).collect::<Vec<_>>(),
                            })
                        },
                        channel.clone(),
                        None,
                    );
                }
            }
        }
        // Feedback triggers.
        if !self.feedback_moments.is_empty()
            && let Some(Ok(score)) = feedback::from_properties(&a.properties)
        {
            for &m in &self.feedback_moments.clone() {
                let Trigger::Feedback {
                    score: kind,
                    touchpoint,
                    at_most,
                    at_least,
                } = &self.moments[m].trigger
                else {
                    continue;
                };
                let tp = score
                    .touchpoint
                    .clone()
                    .or_else(|| touchpoints.first().map(|&t| self.matcher.id(t).to_owned()));
                let hit = score.kind == *kind
                    && touchpoint
                        .as_ref()
                        .is_none_or(|want| tp.as_ref() == Some(want))
                    && at_most.is_none_or(|x| score.score <= x)
                    && at_least.is_none_or(|x| score.score >= x);
                if hit {
                    let tps: Vec<usize> = tp
                        .as_deref()
                        .and_then(|t| self.matcher.index_of(t))
                        .into_iter()
                        .collect();
                    let run_key = self.run_key(node, &tps);
                    self.offer(
                        &mut out,
                        emit,
                        m,
                        node,
                        |_| format!("f{}", a.seq),
                        run_key,
                        at,
                        |_| {
                            json!({
                                "kind": "feedback", "event": name, "score_type": format!("{:?}", score.kind).to_lowercase(),
                                "score": whole(score.score), "comment": score.comment, "touchpoint": tp,
                            })
                        },
                        channel.clone(),
                        None,
                    );
                }
            }
        }
        // Milestones.
        if !self.milestone_moments.is_empty() {
            for mv in moves {
                if let Some(closed) = mv.closed {
                    let deadline = self.people[&node].runs.instances[closed.instance].last_at
                        + self.journeys.timeout(mv.journey);
                    self.closed(&mut out, emit, node, mv.journey, closed, deadline);
                }
                let mut events: Vec<(MilestoneKind, Target)> = Vec::new();
                let (step_id, _, phase) = self.journeys.step(mv.journey, mv.step);
                let (step_id, phase) = (step_id.to_owned(), phase.to_owned());
                if mv.started {
                    events.push((MilestoneKind::Enter, Target::Journey));
                }
                match mv.previous {
                    Some(p) if p == mv.step => {}
                    previous => {
                        events.push((MilestoneKind::Enter, Target::Step(step_id.clone())));
                        let previous = previous.map(|p| {
                            let (s, _, ph) = self.journeys.step(mv.journey, p);
                            (p, s.to_owned(), ph.to_owned())
                        });
                        if let Some((p, s, _)) = &previous
                            && *p < mv.step
                        {
                            events.push((MilestoneKind::Complete, Target::Step(s.clone())));
                        }
                        match &previous {
                            Some((_, _, ph)) if *ph == phase => {}
                            _ => {
                                events.push((MilestoneKind::Enter, Target::Phase(phase.clone())));
                                if let Some((p, _, ph)) = &previous
                                    && *p < mv.step
                                {
                                    events
                                        .push((MilestoneKind::Complete, Target::Phase(ph.clone())));
                                }
                            }
                        }
                    }
                }
                if mv.completed {
                    events.push((MilestoneKind::Complete, Target::Step(step_id.clone())));
                    events.push((MilestoneKind::Complete, Target::Phase(phase.clone())));
                    events.push((MilestoneKind::Complete, Target::Journey));
                }
                events.dedup();
                for (kind, target) in events {
                    self.milestone_at(
                        &mut out,
                        emit,
                        node,
                        mv.journey,
                        mv.run,
                        kind,
                        &target,
                        at,
                        Some(a),
                        &phase,
                        channel.clone(),
                    );
                }
            }
        }
        out
    }

    /// Occurrences that fall due by `now`: milestones plus their offset, runs abandoned,
    /// customers silent for long enough.
    pub fn tick(&mut self, now: Timestamp) -> Vec<Occurrence> {
        let mut out = Vec::new();
        // Runs abandoned.
        while let Some(&(deadline, node, j)) = self.deadlines.first() {
            if deadline >= now {
                break;
            }
            self.deadlines.pop_first();
            let Some(person) = self.people.get_mut(&node) else {
                continue;
            };
            if person.runs.deadline(&self.journeys, j) != Some(deadline) {
                continue; // moved on since, or already closed
            }
            for (jj, closed) in person.runs.expire(&self.journeys, now) {
                let deadline = self.people[&node].runs.instances[closed.instance].last_at
                    + self.journeys.timeout(jj);
                self.closed(&mut out, true, node, jj, closed, deadline);
            }
        }
        // Milestones plus offset.
        while self.due.peek().is_some_and(|Reverse(d)| d.at <= now) {
            let Reverse(d) = self.due.pop().expect("peeked");
            let context: Value = serde_json::from_str(&d.context).unwrap_or_default();
            let run_key = context
                .get("run_key")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let channel = context
                .get("channel")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let phase = context
                .get("phase")
                .and_then(Value::as_str)
                .map(str::to_owned);
            self.offer(
                &mut out,
                true,
                d.moment,
                d.person,
                |_| d.key,
                run_key,
                d.at,
                |_| context,
                channel,
                phase,
            );
        }
        // Silences.
        for &m in &self.inactivity_moments.clone() {
            let Compiled::Inactivity { after } = self.compiled[m] else {
                continue;
            };
            let checked = self.checked[m];
            // Silences ending in (checked, now]: last seen in (checked - after, now - after].
            let upto = now - after;
            let from = checked.map(|c| c - after);
            let found: Vec<(Timestamp, u32)> = self
                .silence
                .range(..=(upto, u32::MAX))
                .rev()
                .take_while(|(seen, _)| from.is_none_or(|f| *seen > f))
                .copied()
                .collect();
            for (seen, node) in found.into_iter().rev() {
                let due = seen + after;
                self.offer(
                    &mut out,
                    true,
                    m,
                    node,
                    |e| format!("i{}@{}", e.ids.text(node), seen.as_second()),
                    None,
                    due,
                    |_| json!({ "kind": "inactivity", "last_seen": seen.to_string(), "days": after.as_hours() / 24 }),
                    None,
                    None,
                );
            }
            self.checked[m] = Some(checked.map_or(now, |c| c.max(now)));
        }
        out
    }

    /// The latest event time seen: the backtest's clock.
    pub fn clock(&self) -> Option<Timestamp> {
        self.clock
    }

    fn identify(&mut self, a: &Activity) -> Option<u32> {
        let user = a.user_id.as_deref().map(|u| self.ids.intern(u, true));
        let anonymous = a.anonymous_id.as_deref().map(|x| self.ids.intern(x, false));
        if let (Some(u), Some(x)) = (user, anonymous) {
            self.merge(u, x);
        }
        if let (Some(prev), Some(u)) = (a.previous_id.as_deref(), user) {
            let p = self.ids.intern(prev, false);
            self.merge(p, u);
        }
        let who = user.or(anonymous)?;
        Some(self.ids.root(who))
    }

    /// Joins two ids; the person state of the folded root moves to the kept one where the
    /// kept one has none (the older id's runs win).
    fn merge(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.ids.root(a), self.ids.root(b));
        if ra == rb {
            return;
        }
        self.ids.join(ra, rb);
        let keep = self.ids.root(ra);
        let fold = if keep == ra { rb } else { ra };
        if let Some(folded) = self.people.remove(&fold) {
            if let Some(seen) = folded.last_seen {
                self.silence.remove(&(seen, fold));
            }
            let kept = self.people.entry(keep).or_default();
            kept.persona = None;
            for (k, v) in folded.traits {
                kept.traits.entry(k).or_insert(v);
            }
            if kept.user_id.is_none() {
                kept.user_id = folded.user_id;
            }
            if kept.runs.instances.is_empty() {
                kept.runs = folded.runs;
            }
            for (t, s) in folded.tags {
                *kept.tags.entry(t).or_default() += s;
            }
            kept.consent.merge(folded.consent);
            if let Some(seen) = folded.last_seen
                && kept.last_seen.is_none_or(|k| seen > k)
            {
                if let Some(old) = kept.last_seen {
                    self.silence.remove(&(old, keep));
                }
                kept.last_seen = Some(seen);
            }
            if let Some(seen) = kept.last_seen
                && !self.inactivity_moments.is_empty()
            {
                self.silence.insert((seen, keep));
            }
        }
    }

    fn preferences(&mut self, node: u32, a: &Activity, name: &str) {
        if self
            .moments
            .iter()
            .all(|m| m.conditions.personas.is_empty())
        {
            return;
        }
        for (event, property, weight) in &self.preference_rules {
            if event != name {
                continue;
            }
            let tags = match a.properties.get(property) {
                Some(Value::String(s)) => vec![persona::tag_key(s)],
                Some(Value::Array(v)) => v
                    .iter()
                    .filter_map(Value::as_str)
                    .map(persona::tag_key)
                    .collect(),
                _ => continue,
            };
            let ids: Vec<u16> = tags
                .iter()
                .map(|t| intern_tag(&mut self.tag_ids, t))
                .collect();
            let person = self.people.get_mut(&node).expect("known");
            // Fade what is there to this event's time, then add.
            if let Some(then) = person.tags_at {
                let age = a.timestamp.duration_since(then).as_secs_f64();
                if age > 0.0 {
                    let f = 0.5f64.powf(age / self.half_life_secs) as f32;
                    person.tags.values_mut().for_each(|s| *s *= f);
                }
            }
            person.tags_at = Some(person.tags_at.map_or(a.timestamp, |t| t.max(a.timestamp)));
            for t in ids {
                *person.tags.entry(t).or_default() += weight;
            }
        }
    }

    /// The customer's persona: a `persona` trait naming one, else the best match of their
    /// stated loves and hates and their preference signals.
    /// The customer's persona, worked out again only after they changed (a tick offers
    /// every silent customer to every silence moment).
    fn persona_of(&mut self, node: u32) -> Option<usize> {
        if let Some(p) = self.people.get(&node).and_then(|p| p.persona) {
            return p;
        }
        let p = self.work_out_persona(node);
        if let Some(person) = self.people.get_mut(&node) {
            person.persona = Some(p);
        }
        p
    }

    fn work_out_persona(&mut self, node: u32) -> Option<usize> {
        let person = self.people.get(&node)?;
        if let Some(p) = persona::stated(&self.ws, &person.traits) {
            return Some(p);
        }
        let stated: Vec<(String, f32)> = [("loves", 1.0), ("hates", -1.0)]
            .into_iter()
            .flat_map(|(key, sign)| {
                persona::trait_tags(&person.traits, key)
                    .into_iter()
                    .map(move |t| (t, sign * persona::STATED))
            })
            .collect();
        let mut prefs: HashMap<u16, f32> = person.tags.clone();
        for (tag, score) in stated {
            *prefs
                .entry(intern_tag(&mut self.tag_ids, &tag))
                .or_default() += score;
        }
        let mut prefs: Vec<(u16, f32)> = prefs.into_iter().filter(|(_, s)| *s != 0.0).collect();
        prefs.sort_unstable_by_key(|p| p.0);
        persona::primary(&self.persona_vectors.affinities(&prefs))
    }

    fn track_deadlines(&mut self, node: u32) {
        let person = &self.people[&node];
        for j in 0..self.journeys.len() {
            if let Some(d) = person.runs.deadline(&self.journeys, j) {
                self.deadlines.insert((d, node, j));
            }
        }
    }

    /// The current run (journey/run) of a journey having one of these touchpoints.
    fn run_key(&self, node: u32, touchpoints: &[usize]) -> Option<String> {
        let person = self.people.get(&node)?;
        touchpoints
            .iter()
            .find_map(|&tp| person.runs.current_with(&self.journeys, tp))
            .map(|(j, run)| format!("{j}/{run}"))
    }

    /// A run ended (timed out, or closed by a later hit): abandon milestones.
    fn closed(
        &mut self,
        out: &mut Vec<Occurrence>,
        emit: bool,
        node: u32,
        j: usize,
        closed: Closed,
        at: Timestamp,
    ) {
        if closed.status != InstanceStatus::Abandoned {
            return;
        }
        let run = self.people[&node].runs.instances[closed.instance].run;
        let (step, _, phase) = self.journeys.step(j, closed.step);
        let (step, phase) = (step.to_owned(), phase.to_owned());
        for target in [
            Target::Journey,
            Target::Phase(phase.clone()),
            Target::Step(step),
        ] {
            self.milestone_at(
                out,
                emit,
                node,
                j,
                run,
                MilestoneKind::Abandon,
                &target,
                at,
                None,
                &phase,
                None,
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn milestone_at(
        &mut self,
        out: &mut Vec<Occurrence>,
        emit: bool,
        node: u32,
        j: usize,
        run: u32,
        kind: MilestoneKind,
        target: &Target,
        at: Timestamp,
        a: Option<&Activity>,
        phase: &str,
        channel: Option<String>,
    ) {
        let journey_id = self.journeys.journey_id(j).to_owned();
        for &m in &self.milestone_moments.clone() {
            let Compiled::Milestone {
                journey: Some(mj),
                kind: mk,
                target: mt,
                offset,
                date_property,
            } = &self.compiled[m]
            else {
                continue;
            };
            if *mj != j || *mk != kind || mt != target {
                continue;
            }
            let offset = *offset;
            let (what, id) = match target {
                Target::Journey => ("journey", journey_id.as_str()),
                Target::Phase(p) => ("phase", p.as_str()),
                Target::Step(s) => ("step", s.as_str()),
            };
            // The customer (their first id) makes the key theirs: run 1 is everyone's first.
            let key = |e: &Self| {
                let who = e.ids.text(node);
                format!("j{who}/{journey_id}/{run}/{}/{what}/{id}", kind.as_str())
            };
            let run_key = Some(format!("{journey_id}/{run}"));
            let trigger = || {
                let mut trigger = json!({
                    "kind": "milestone", "milestone": kind.as_str(), "journey": journey_id, "run": run,
                    what: id, "phase": phase, "occurred_at": at.to_string(),
                });
                if let Some(a) = a {
                    trigger["event"] = json!(a.name);
                    trigger["properties"] = Value::Object(a.properties.clone());
                }
                trigger
            };
            // With an offset (or a date to count from) the occurrence waits.
            let base = date_property
                .as_ref()
                .and_then(|p| a.and_then(|a| a.properties.get(p)))
                .and_then(Value::as_str)
                .and_then(parse_date);
            if offset != 0 || base.is_some() {
                // The conditions hold when the milestone happens and again when it falls due
                // (the customer may have changed meanwhile).
                if !self.holds(m, node, Some(phase), channel.as_deref()) {
                    continue;
                }
                let due = base.unwrap_or(at) + SignedDuration::from_secs(offset);
                let key = key(self);
                let mut trigger = trigger();
                trigger["due_at"] = json!(due.to_string());
                trigger["run_key"] = json!(run_key);
                trigger["channel"] = json!(channel);
                trigger["phase"] = json!(phase);
                // A time before the milestone (a last-minute booking) has passed: skipped.
                if due >= at {
                    self.due.push(Reverse(Due {
                        at: due,
                        moment: m,
                        person: node,
                        key,
                        context: trigger.to_string(),
                    }));
                }
                continue;
            }
            self.offer(
                out,
                emit,
                m,
                node,
                key,
                run_key,
                at,
                |_| trigger(),
                channel.clone(),
                Some(phase.to_owned()),
            );
        }
    }

    /// Whether the moment's conditions hold for the customer now (phase and channel: those
    /// of the occurrence, else their latest run's phase and their `channel` trait).
    fn holds(&mut self, m: usize, node: u32, phase: Option<&str>, channel: Option<&str>) -> bool {
        let persona = self.persona_of(node);
        let Some(person) = self.people.get(&node) else {
            return false;
        };
        let who = Who {
            persona: persona.map(|p| self.ws.personas[p].id.as_str()),
            phase: phase.or_else(|| person.runs.latest_phase()),
            channel: channel.or_else(|| person.traits.get("channel").and_then(Value::as_str)),
            traits: &person.traits,
        };
        conditions::hold(&self.moments[m].conditions, &who)
    }

    /// Checks conditions, history and limits; the occurrence fires if they all pass. Its key
    /// and trigger are made only then: most occurrences are for other personas.
    #[allow(clippy::too_many_arguments)]
    fn offer(
        &mut self,
        out: &mut Vec<Occurrence>,
        emit: bool,
        m: usize,
        node: u32,
        key: impl FnOnce(&Self) -> String,
        run_key: Option<String>,
        at: Timestamp,
        trigger: impl FnOnce(&Self) -> Value,
        channel: Option<String>,
        phase: Option<String>,
    ) {
        if !emit {
            return;
        }
        if let Some(since) = self.live_since[m]
            && at < since - LIVE_GRACE
        {
            return;
        }
        if self.moments[m].limits.once_per_run && run_key.is_none() {
            return; // a run-bound moment, but this happened outside any run
        }
        if !self.holds(m, node, phase.as_deref(), channel.as_deref()) {
            return;
        }
        let persona = self.persona_of(node);
        let moment = &self.moments[m];
        let person = &self.people[&node];
        let phase = phase.or_else(|| person.runs.latest_phase().map(str::to_owned));
        let channel = channel.or_else(|| {
            person
                .traits
                .get("channel")
                .and_then(Value::as_str)
                .map(str::to_owned)
        });
        // Once per run: the customer's run is the occurrence, so the outbox keeps it to one.
        let key = match (&run_key, moment.limits.once_per_run) {
            (Some(run), true) => format!("r{}/{run}", self.ids.text(node)),
            _ => key(self),
        };
        if self.known.contains(&(m, key.clone())) {
            return;
        }
        let trigger = trigger(self);
        let moment = &self.moments[m];
        let person = &self.people[&node];
        let customer = person
            .user_id
            .clone()
            .unwrap_or_else(|| self.ids.text(node).to_owned());
        if let Some(max) = moment.limits.max_per_customer {
            let times = self.fired.entry((m, customer.clone())).or_default();
            if let Some(days) = moment.limits.period_days {
                let window = SignedDuration::from_hours(i64::from(days) * 24);
                let count = times
                    .iter()
                    .filter(|t| at.duration_since(**t).abs() < window)
                    .count();
                if count >= max as usize {
                    return;
                }
            } else if times.len() >= max as usize {
                return;
            }
            times.push_back(at);
            if times.len() > 64 {
                times.pop_front();
            }
        }
        self.known.insert((m, key.clone()));
        let locale = person
            .traits
            .get("locale")
            .and_then(Value::as_str)
            .map(|l| l.split(['-', '_']).next().unwrap_or(l).to_lowercase());
        let persona_id = persona.map(|p| self.ws.personas[p].id.clone());
        let mut customer_json = person.traits.clone();
        customer_json.insert("id".into(), json!(customer));
        customer_json.insert("persona".into(), json!(persona_id));
        if let Some(seen) = person.last_seen {
            customer_json.insert("last_seen".into(), json!(seen.to_string()));
        }
        let mut trigger = trigger;
        if let Some(obj) = trigger.as_object_mut() {
            obj.remove("run_key");
            obj.insert("run".into(), json!(run_key));
            if let Some(p) = &phase {
                obj.insert("phase".into(), json!(p));
            }
            obj.insert("channel".into(), json!(channel));
        }
        out.push(Occurrence {
            moment: m,
            moment_id: moment.id.clone(),
            key,
            customer,
            persona: persona_id,
            at,
            locale,
            context: json!({
                "moment": { "id": moment.id, "name": moment.name },
                "trigger": trigger,
                "customer": customer_json,
            }),
            consent: person.consent.clone(),
        });
    }
}

/// A score as people write it: 3, not 3.0 (templates print it).
fn whole(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn intern_tag(ids: &mut HashMap<String, u16>, tag: &str) -> u16 {
    let next = ids.len().min(u16::MAX as usize) as u16;
    *ids.entry(tag.to_owned()).or_insert(next)
}

/// A JSON map stored as its text (bincode has no `deserialize_any` to read a `Value` with).
mod json_text {
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::{Map, Value};

    pub fn serialize<S: Serializer>(map: &Map<String, Value>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&serde_json::to_string(map).map_err(S::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Map<String, Value>, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

/// A date or time property: RFC 3339, or a plain date (midnight UTC).
fn parse_date(text: &str) -> Option<Timestamp> {
    text.parse::<Timestamp>().ok().or_else(|| {
        text.parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| d.to_zoned_datetime(jiff::tz::TimeZone::UTC).ok())
            .map(|z| z.timestamp())
    })
}

#[cfg(test)]
mod tests;
