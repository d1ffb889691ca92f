//! The analytics index: a workspace's customers as a few flat columns.
//!
//! The customer stages ([`stig_pipeline::customers`]) give profiles, runs, feedback and
//! lifecycle as rich values (strings, maps) — right for a profile page, heavy for counting
//! millions of events. The index keeps only numbers: every id (persona, journey, step,
//! touchpoint, channel, event name) is interned to a small integer and every time is seconds
//! since the earliest event (`u32`), columns side by side (struct of arrays). A customer's
//! events, runs, hits and answers are contiguous and in time order, so every analysis is a
//! pass over a few arrays. [`Index::bytes`] is what it costs (≤ 32 bytes an event is the
//! budget `stig bench insight` checks).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use stig_model::{JourneyState, SurveyKind, Workspace};
use stig_pipeline::customers::{
    Activity, Annotation, Customers, CustomersBuilder, InstanceStatus, LifecycleKind,
    LifecycleStatus, Profile,
};

use crate::persona;

/// "None" in an interned column.
pub const NONE: u16 = u16::MAX;

/// A designed journey as the index numbers it.
#[derive(Debug, Clone)]
pub struct JourneyInfo {
    pub id: String,
    pub name: String,
    /// In display order.
    pub steps: Vec<StepInfo>,
    /// The step (index) that completes a run.
    pub completion: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct StepInfo {
    pub id: String,
    pub name: String,
    pub stage: String,
    pub phase: String,
    pub touchpoints: Vec<u16>,
    /// The designed emotion (−2…+2) per persona (in `Index::personas` order), and for no
    /// persona in particular; `None` where the step has no emotional elements.
    pub designed: Vec<Option<f64>>,
    pub designed_all: Option<f64>,
}

/// Per customer (in [`Customers::profiles`] order).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CustomerColumns {
    pub persona: Vec<u16>,
    pub channel: Vec<u16>,
    pub first_seen: Vec<u32>,
    pub last_seen: Vec<u32>,
    pub status: Vec<LifecycleStatus>,
    /// Offsets into the event columns: customer `c` has events `event_start[c]..event_start[c + 1]`.
    pub event_start: Vec<u32>,
    /// Their path variant: the sequence of their event names, numbered.
    pub variant: Vec<u32>,
    /// A hash of that sequence (variants are numbered from it at each lay-out).
    pub variant_hash: Vec<u64>,
    /// Offsets into the run, answer and lifecycle columns, as `event_start`.
    pub run_start: Vec<u32>,
    pub answer_start: Vec<u32>,
    pub change_start: Vec<u32>,
}

/// Every event, grouped by customer, each customer's in time order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventColumns {
    pub at: Vec<u32>,
    pub name: Vec<u16>,
}

/// Every journey run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InstanceColumns {
    pub customer: Vec<u32>,
    pub journey: Vec<u16>,
    pub status: Vec<InstanceStatus>,
    pub started: Vec<u32>,
    pub last: Vec<u32>,
    /// The channel of the touchpoint that started the run.
    pub channel: Vec<u16>,
    /// Offsets into the hit columns, as `event_start`.
    pub hit_start: Vec<u32>,
}

/// Every touchpoint hit within a run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HitColumns {
    pub at: Vec<u32>,
    /// Step index within the run's journey.
    pub step: Vec<u16>,
    pub touchpoint: Vec<u16>,
}

/// Every answer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FeedbackColumns {
    pub customer: Vec<u32>,
    pub at: Vec<u32>,
    pub kind: Vec<SurveyKind>,
    pub score: Vec<f32>,
    pub touchpoint: Vec<u16>,
    /// The run it was given in (`u32::MAX`: none).
    pub instance: Vec<u32>,
}

/// Every customer's love (> 0) and hate (< 0) score per tag, sparse: customer `c` has
/// `start[c]..start[c + 1]`, sorted by tag.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PreferenceColumns {
    pub start: Vec<u32>,
    pub tag: Vec<u16>,
    pub score: Vec<f32>,
}

/// Every lifecycle change.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LifecycleColumns {
    pub customer: Vec<u32>,
    pub at: Vec<u32>,
    pub kind: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Change {
    Acquired,
    /// Churned by an explicit event (a cancellation).
    ChurnedByEvent,
    /// Churned by inactivity.
    ChurnedInactive,
    Reactivated,
}

/// A workspace's customers as flat columns. See the module docs. What the design says
/// (ids, names, designed emotions) is not stored with a snapshot: it is laid on again from the
/// workspace when one is loaded.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    /// Unix seconds of time 0 (the earliest event).
    pub base: i64,
    /// When the index was built (index seconds): what "now" meant for open runs.
    pub now: u32,
    #[serde(skip)]
    pub personas: Vec<String>,
    #[serde(skip)]
    pub persona_names: Vec<String>,
    #[serde(skip)]
    pub journeys: Vec<JourneyInfo>,
    #[serde(skip)]
    pub touchpoints: Vec<String>,
    #[serde(skip)]
    pub touchpoint_names: Vec<String>,
    /// Per touchpoint: who owns it (`own`, `partner`, `public`).
    #[serde(skip)]
    pub touchpoint_owner: Vec<&'static str>,
    /// Per touchpoint: the emotional share of the elements on the steps it is on (emotional
    /// ÷ emotional + functional), `None` when those steps have neither.
    #[serde(skip)]
    pub touchpoint_emotional: Vec<Option<f64>>,
    /// Per journey: every touchpoint on its steps.
    #[serde(skip)]
    pub journey_touchpoints: Vec<Vec<u16>>,
    pub channels: Vec<String>,
    pub names: Vec<String>,
    pub customers: CustomerColumns,
    pub events: EventColumns,
    pub instances: InstanceColumns,
    pub hits: HitColumns,
    pub feedback: FeedbackColumns,
    pub lifecycle: LifecycleColumns,
    /// Per variant: a customer who took it (their events spell it out).
    pub variant_example: Vec<u32>,
    /// The tag vocabulary of preferences (lower case).
    pub tags: Vec<String>,
    pub preferences: PreferenceColumns,
    /// The personas as tag vectors.
    #[serde(skip)]
    pub persona_vectors: persona::PersonaVectors,
    /// Per customer × persona (row-major): affinity −1…1.
    pub affinity: Vec<f32>,
    /// Who each customer is.
    pub directory: Directory,
}

impl Index {
    pub fn customer_count(&self) -> usize {
        self.customers.persona.len()
    }

    pub fn event_count(&self) -> usize {
        self.events.at.len()
    }

    /// The heap bytes the columns take.
    pub fn bytes(&self) -> usize {
        fn b<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        let c = &self.customers;
        let i = &self.instances;
        let f = &self.feedback;
        b(&c.persona)
            + b(&c.channel)
            + b(&c.first_seen)
            + b(&c.last_seen)
            + b(&c.status)
            + b(&c.event_start)
            + b(&c.variant)
            + b(&c.variant_hash)
            + b(&c.run_start)
            + b(&c.answer_start)
            + b(&c.change_start)
            + b(&self.events.at)
            + b(&self.events.name)
            + b(&i.customer)
            + b(&i.journey)
            + b(&i.status)
            + b(&i.started)
            + b(&i.last)
            + b(&i.channel)
            + b(&i.hit_start)
            + b(&self.hits.at)
            + b(&self.hits.step)
            + b(&self.hits.touchpoint)
            + b(&f.customer)
            + b(&f.at)
            + b(&f.kind)
            + b(&f.score)
            + b(&f.touchpoint)
            + b(&f.instance)
            + b(&self.lifecycle.customer)
            + b(&self.lifecycle.at)
            + b(&self.lifecycle.kind)
            + b(&self.variant_example)
            + b(&self.preferences.start)
            + b(&self.preferences.tag)
            + b(&self.preferences.score)
            + b(&self.affinity)
            + self.names.iter().map(String::len).sum::<usize>()
    }

    /// Index seconds → timestamp.
    pub fn timestamp(&self, at: u32) -> Timestamp {
        Timestamp::from_second(self.base + i64::from(at)).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    /// Timestamp → index seconds (clamped to the index's range).
    pub fn seconds(&self, t: Timestamp) -> u32 {
        (t.as_second() - self.base).clamp(0, i64::from(u32::MAX)) as u32
    }

    pub fn journey_index(&self, id: &str) -> Option<u16> {
        self.journeys
            .iter()
            .position(|j| j.id == id)
            .map(|i| i as u16)
    }

    pub fn persona_index(&self, id: &str) -> Option<u16> {
        self.personas.iter().position(|p| p == id).map(|i| i as u16)
    }

    pub fn touchpoint_index(&self, id: &str) -> Option<u16> {
        self.touchpoints
            .iter()
            .position(|t| t == id)
            .map(|i| i as u16)
    }

    pub fn channel_index(&self, id: &str) -> Option<u16> {
        self.channels.iter().position(|c| c == id).map(|i| i as u16)
    }

    /// The events of customer `c`, as a range into the event columns.
    pub fn events_of(&self, c: usize) -> std::ops::Range<usize> {
        let s = &self.customers.event_start;
        s[c] as usize..s[c + 1] as usize
    }

    /// The hits of run `i`, as a range into the hit columns.
    pub fn hits_of(&self, i: usize) -> std::ops::Range<usize> {
        let s = &self.instances.hit_start;
        s[i] as usize..s[i + 1] as usize
    }

    /// The event names of a variant, in order.
    pub fn variant_names(&self, variant: u32) -> Vec<&str> {
        let c = self.variant_example[variant as usize] as usize;
        self.events_of(c)
            .map(|e| self.names[usize::from(self.events.name[e])].as_str())
            .collect()
    }

    /// Customer `c`'s preferences: (tag, score), sorted by tag.
    pub fn preferences_of(&self, c: usize) -> Vec<(u16, f32)> {
        let p = &self.preferences;
        let r = p.start[c] as usize..p.start[c + 1] as usize;
        p.tag[r.clone()]
            .iter()
            .copied()
            .zip(p.score[r].iter().copied())
            .collect()
    }

    /// Customer `c`'s affinity to each persona.
    pub fn affinities_of(&self, c: usize) -> &[f32] {
        let n = self.personas.len();
        &self.affinity[c * n..(c + 1) * n]
    }

    /// Why customer `c` matches persona `p`.
    pub fn explain(&self, c: usize, p: u16) -> persona::Explanation {
        persona::explain(
            &self.preferences_of(c),
            &self.persona_vectors.vectors[usize::from(p)].0,
            &self.tags,
            3,
        )
    }

    /// The persona's display name, or its id.
    pub fn persona_name(&self, p: u16) -> &str {
        self.persona_names
            .get(usize::from(p))
            .map_or("", String::as_str)
    }
}

/// One person of the index, as the customers pages and the API list them: who, their traits
/// and the counts a list shows. The full profile (runs, answers, trait history) is derived on
/// demand from their events ([`CustomersBuilder::profile_of`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Card {
    pub id: String,
    /// A `name` trait, else first and last name, else the id.
    pub name: String,
    pub user_ids: Vec<String>,
    pub anonymous_ids: Vec<String>,
    /// The latest value of every trait, as JSON text (parsed by [`Card::traits`]).
    traits: Box<str>,
    pub status: LifecycleStatus,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub events: u64,
    pub runs: u32,
    pub answers: u32,
}

impl Card {
    fn of(p: &Profile) -> Card {
        let text = |k: &str| p.traits.get(k).and_then(|v| v.as_str()).map(str::trim);
        let name = match (text("name"), text("firstName"), text("lastName")) {
            (Some(n), _, _) if !n.is_empty() => n.to_owned(),
            (_, Some(f), Some(l)) => format!("{f} {l}"),
            (_, Some(f), None) => f.to_owned(),
            _ => p.id.clone(),
        };
        Card {
            name,
            id: p.id.clone(),
            user_ids: p.user_ids.clone(),
            anonymous_ids: p.anonymous_ids.clone(),
            traits: serde_json::Value::Object(p.traits.clone())
                .to_string()
                .into_boxed_str(),
            status: p.status,
            first_seen: p.first_seen,
            last_seen: p.last_seen,
            events: p.events,
            runs: p.instances.len() as u32,
            answers: p.feedback.len() as u32,
        }
    }

    /// The latest value of every trait.
    pub fn traits(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::from_str(&self.traits) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        }
    }

    /// Every id the person has used.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.user_ids
            .iter()
            .chain(&self.anonymous_ids)
            .map(String::as_str)
    }
}

/// Every person of the index, in its customer order, findable by any of their ids.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Directory {
    pub cards: Vec<Arc<Card>>,
    #[serde(skip)]
    by_id: Arc<HashMap<Box<str>, u32>>,
}

impl Directory {
    /// The index's customer number of the person an id (user or anonymous, current or
    /// merged) belongs to.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&c| c as usize)
    }

    pub fn get(&self, id: &str) -> Option<&Card> {
        self.position(id).map(|c| &*self.cards[c])
    }

    fn index_ids(&mut self) {
        let mut by_id = HashMap::with_capacity(self.cards.len() * 2);
        for (c, card) in self.cards.iter().enumerate() {
            for id in card.all_ids() {
                by_id.insert(id.into(), c as u32);
            }
        }
        self.by_id = Arc::new(by_id);
    }
}

/// One person's rows of the index, times in unix seconds (the index's base is applied
/// when they are laid out).
#[derive(Debug)]
struct Rows {
    persona: u16,
    channel: u16,
    first_seen: i64,
    last_seen: i64,
    status: LifecycleStatus,
    variant: u64,
    /// (time, name) of every event with a name.
    events: Vec<(i64, u16)>,
    runs: Vec<RunRow>,
    /// (time, kind, score, touchpoint, the run's number among `runs` or `u32::MAX`).
    feedback: Vec<(i64, SurveyKind, f32, u16, u32)>,
    lifecycle: Vec<(i64, Change)>,
    preferences: Vec<(u16, f32)>,
    affinity: Vec<f32>,
}

#[derive(Debug)]
struct RunRow {
    journey: u16,
    status: InstanceStatus,
    started: i64,
    last: i64,
    channel: u16,
    /// (time, step, touchpoint).
    hits: Vec<(i64, u16, u16)>,
}

/// What the design says the index is laid out on: ids numbered, names, the designed
/// emotions. Made again by [`IndexBuilder::relabel`] without touching any customer row.
#[derive(Debug, Clone, Default)]
struct Design {
    personas: Vec<String>,
    persona_names: Vec<String>,
    journeys: Vec<JourneyInfo>,
    touchpoints: Vec<String>,
    touchpoint_names: Vec<String>,
    touchpoint_owner: Vec<&'static str>,
    touchpoint_emotional: Vec<Option<f64>>,
    journey_touchpoints: Vec<Vec<u16>>,
    touchpoint_channel: Vec<u16>,
    /// Touchpoint and journey ids → their numbers.
    touchpoint_ids: HashMap<String, u16>,
    journey_ids: HashMap<String, u16>,
}

impl Design {
    fn of(ws: &Workspace, channels: &mut Vec<String>, ids: &mut HashMap<String, u16>) -> Design {
        let journeys = journeys(ws);
        let journey_touchpoints = journeys
            .iter()
            .map(|j| {
                let mut ts: Vec<u16> = j.steps.iter().flat_map(|s| s.touchpoints.clone()).collect();
                ts.sort_unstable();
                ts.dedup();
                ts
            })
            .collect();
        Design {
            touchpoint_ids: ws
                .touchpoints
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.clone(), i as u16))
                .collect(),
            journey_ids: journeys
                .iter()
                .enumerate()
                .map(|(i, j)| (j.id.clone(), i as u16))
                .collect(),
            personas: ws.personas.iter().map(|p| p.id.clone()).collect(),
            persona_names: ws.personas.iter().map(|p| p.name.clone()).collect(),
            touchpoints: ws.touchpoints.iter().map(|t| t.id.clone()).collect(),
            touchpoint_names: ws.touchpoints.iter().map(|t| t.name.clone()).collect(),
            touchpoint_owner: ws.touchpoints.iter().map(|t| owner(t.owner)).collect(),
            touchpoint_emotional: emotional_shares(ws),
            touchpoint_channel: ws
                .touchpoints
                .iter()
                .map(|t| intern(channels, ids, t.channel.as_str()))
                .collect(),
            journey_touchpoints,
            journeys,
        }
    }

    fn apply(&self, ix: &mut Index) {
        // (the persona vectors are the builder's; see `lay_out` and `restore`)
        ix.personas = self.personas.clone();
        ix.persona_names = self.persona_names.clone();
        ix.journeys = self.journeys.clone();
        ix.touchpoints = self.touchpoints.clone();
        ix.touchpoint_names = self.touchpoint_names.clone();
        ix.touchpoint_owner = self.touchpoint_owner.clone();
        ix.touchpoint_emotional = self.touchpoint_emotional.clone();
        ix.journey_touchpoints = self.journey_touchpoints.clone();
    }
}

/// Builds an [`Index`] from stored events and keeps it current: events are fed in arrival
/// order ([`push_text`](Self::push_text)) and [`refresh`](Self::refresh) derives again only
/// the people they touched (and those whose state changed with time alone), laying out a new
/// index from the previous one's rows for everyone else. A build from scratch is the same
/// code with everyone touched, so the two agree by construction.
#[derive(Serialize, Deserialize)]
pub struct IndexBuilder {
    #[serde(skip)]
    ws: Arc<Workspace>,
    customers: CustomersBuilder,
    names: Vec<String>,
    name_ids: HashMap<String, u16>,
    /// Preference rules by event name: (property, rule number).
    #[serde(skip)]
    rules: HashMap<String, Vec<(String, u16)>>,
    /// Per rule number: its weight.
    #[serde(skip)]
    weights: Vec<f32>,
    tags: Vec<String>,
    tag_ids: HashMap<String, u16>,
    channels: Vec<String>,
    channel_ids: HashMap<String, u16>,
    #[serde(skip)]
    persona_vectors: persona::PersonaVectors,
    #[serde(skip)]
    design: Design,
    /// Whether any customer names their persona in a `persona` trait (by id or name): then a
    /// persona's name is an input of derivation, not only a label.
    stated_personas: bool,
    /// The earliest event time seen (unix seconds).
    earliest: Option<i64>,
    index: Arc<Index>,
    /// Per person node: their customer number in `index` (`u32::MAX`: none).
    position: Vec<u32>,
    /// When people's state changes by time alone: (unix seconds, person node).
    deadlines: BinaryHeap<Reverse<(i64, u32)>>,
}

impl IndexBuilder {
    pub fn new(ws: Arc<Workspace>) -> Self {
        let mut b = IndexBuilder {
            customers: CustomersBuilder::new(ws.clone()).without_comments(),
            ws: ws.clone(),
            names: Vec::new(),
            name_ids: HashMap::new(),
            rules: HashMap::new(),
            weights: Vec::new(),
            tags: Vec::new(),
            tag_ids: HashMap::new(),
            channels: Vec::new(),
            channel_ids: HashMap::new(),
            persona_vectors: Default::default(),
            design: Design::default(),
            stated_personas: false,
            earliest: None,
            index: Arc::new(Index::default()),
            position: Vec::new(),
            deadlines: BinaryHeap::new(),
        };
        b.take_design(ws);
        b
    }

    fn take_design(&mut self, ws: Arc<Workspace>) {
        let mut rules: HashMap<String, Vec<(String, u16)>> = HashMap::new();
        self.weights.clear();
        for r in ws.settings.preference_rules() {
            let number = self.weights.len().min(usize::from(u16::MAX)) as u16;
            self.weights.push(r.weight as f32);
            rules.entry(r.event).or_default().push((r.property, number));
        }
        self.rules = rules;
        let (tags, tag_ids) = (&mut self.tags, &mut self.tag_ids);
        self.persona_vectors = persona::PersonaVectors::new(&ws, |t| intern_tag(tags, tag_ids, t));
        self.design = Design::of(&ws, &mut self.channels, &mut self.channel_ids);
        self.ws = ws;
    }

    pub fn workspace(&self) -> &Arc<Workspace> {
        &self.ws
    }

    /// A builder read back from a snapshot, laid on the workspace `ws` (which must have the
    /// same [`DesignKeys::matching`] as the one it was made with; a different
    /// [`DesignKeys::deriving`] is applied with [`rederive`](Self::rederive)).
    pub fn restore(&mut self, ws: Arc<Workspace>) {
        self.customers.set_workspace(ws.clone());
        self.take_design(ws);
        // Copied only if a reader holds it (a relabel while serving), not after a load.
        let ix = Arc::make_mut(&mut self.index);
        self.design.apply(ix);
        ix.persona_vectors = self.persona_vectors.clone();
        // After a load (a relabel keeps the lookup it has).
        if ix.directory.by_id.is_empty() {
            ix.directory.index_ids();
        }
    }

    /// What of the workspace `ws` this builder's state depends on, in two parts: see
    /// [`DesignKeys`].
    pub fn keys(&self, ws: &Workspace) -> DesignKeys {
        DesignKeys::of(ws, self.stated_personas)
    }

    /// The heap bytes of everything kept, about: the events and ids of the customer stages,
    /// the index's columns, its directory, and the builder's own tables.
    pub fn bytes(&self) -> usize {
        let cards: usize = self
            .index
            .directory
            .cards
            .iter()
            .map(|c| {
                std::mem::size_of::<Card>()
                    + c.id.len()
                    + c.name.len()
                    + c.traits.len()
                    + c.all_ids().map(|i| i.len() + 24).sum::<usize>()
            })
            .sum();
        self.customers.bytes()
            + self.index.bytes()
            + cards
            + self.position.capacity() * 4
            + self.deadlines.capacity() * 16
    }

    /// The customer stages underneath (for one person's full profile).
    pub fn customers(&self) -> &CustomersBuilder {
        &self.customers
    }

    /// The index as of the last [`refresh`](Self::refresh).
    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// A new model of the workspace whose changes touch no customer's rows (names,
    /// descriptions, colours, designed emotions): the index is laid out on it at once.
    pub fn relabel(&mut self, ws: Arc<Workspace>) {
        self.restore(ws);
    }

    /// A new model of the workspace that changes how people are derived (journeys, personas,
    /// settings): everyone is derived again at the next [`refresh`](Self::refresh), from the
    /// events already fed. A change of touchpoints or their signals, or of the preference
    /// rules, needs a new builder fed from the start (see [`Revision`]).
    pub fn rederive(&mut self, ws: Arc<Workspace>) {
        self.customers.set_workspace(ws.clone());
        self.take_design(ws);
        self.customers.touch_all();
    }

    /// Forgets the person an id belongs to (an erasure request): they leave the index at the
    /// next [`refresh`](Self::refresh), which re-derives no one else.
    pub fn forget(&mut self, id: &str) -> bool {
        self.customers.forget(id)
    }

    /// Feeds one stored event (its arrival number and Segment JSON text).
    pub fn push_text(&mut self, seq: i64, text: &str) {
        let (names, name_ids) = (&mut self.names, &mut self.name_ids);
        let (rules, earliest) = (&self.rules, &mut self.earliest);
        let (tags, tag_ids) = (&mut self.tags, &mut self.tag_ids);
        self.customers.push_text_with(seq, text, |a: &Activity| {
            let at = a.timestamp.as_second();
            *earliest = Some(earliest.map_or(at, |e| e.min(at)));
            let mut signals = Vec::new();
            if let Some(rs) = a.name.as_deref().and_then(|n| rules.get(n)) {
                for (property, rule) in rs {
                    for tag in tag_values(a.properties.get(property)) {
                        signals.push((intern_tag(tags, tag_ids, &tag), *rule));
                    }
                }
            }
            // Identify, group and alias calls say who, not what was done.
            let name = match a.name.as_deref() {
                None => NONE,
                Some(name) => match name_ids.get(name) {
                    Some(&id) => id,
                    None => {
                        // Past 65,534 distinct names, the rest share one bucket.
                        let id = (names.len().min(usize::from(NONE) - 1)) as u16;
                        if names.len() < usize::from(NONE) - 1 {
                            names.push(name.to_owned());
                            name_ids.insert(name.to_owned(), id);
                        }
                        id
                    }
                },
            };
            Annotation { name, signals }
        });
    }

    /// Events fed so far.
    pub fn len(&self) -> usize {
        self.customers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.customers.is_empty()
    }

    /// Derives again the people touched since the last refresh (and those whose state
    /// changed with time alone by `now`) and lays out the new index. Returns how many people
    /// were derived.
    pub fn refresh(&mut self, now: Timestamp) -> usize {
        let now_s = now.as_second();
        while let Some(&Reverse((at, n))) = self.deadlines.peek() {
            if at > now_s {
                break;
            }
            self.deadlines.pop();
            self.customers.touch(n);
        }
        let changed = self.customers.take_changed();
        let first = self.index.customer_count() == 0 && self.position.is_empty();
        if changed.is_empty() && !first {
            return 0;
        }
        let mut fresh: HashMap<u32, (Rows, Card)> = HashMap::with_capacity(changed.len());
        for &n in &changed {
            if !self.customers.is_person(n) {
                continue;
            }
            let profile = self.customers.profile_of(n, now);
            if let Some(d) = self.customers.deadline(&profile) {
                // A second past it, as the stages compare with "more than".
                self.deadlines.push(Reverse((d.as_second() + 1, n)));
            }
            let rows = self.rows(n, &profile);
            fresh.insert(n, (rows, Card::of(&profile)));
        }
        let derived = fresh.len();
        self.lay_out(fresh, now);
        derived
    }

    /// Derives everyone fed so far: the customers (full profiles, most recently seen first)
    /// and the index. `now` settles open runs and inactivity churn.
    pub fn finish(&mut self, now: Timestamp) -> (Customers, Index) {
        self.customers.touch_all();
        self.refresh(now);
        let customers = self.customers.finish(now);
        (customers, Index::clone(&self.index))
    }

    /// One person's rows.
    fn rows(&mut self, n: u32, p: &Profile) -> Rows {
        let ws = &self.ws;
        let events = self.customers.events_of(n);
        let design = &self.design;
        let tp_ids = &design.touchpoint_ids;
        let tp = |id: Option<&str>| id.and_then(|t| tp_ids.get(t).copied()).unwrap_or(NONE);
        let named: Vec<(i64, u16)> = events
            .iter()
            .filter(|e| e.name != NONE)
            .map(|e| (e.at().as_second(), e.name))
            .collect();
        let mut hasher = std::hash::DefaultHasher::new();
        for (_, name) in &named {
            name.hash(&mut hasher);
        }
        named.len().hash(&mut hasher);

        // Preferences: signals faded to the person's latest signal (as the moment engine
        // fades them), plus their stated loves and hates.
        let half_life = f64::from(ws.settings.preference_half_life_days()) * 86_400.0;
        let latest = events
            .iter()
            .filter(|e| e.has_signals())
            .map(|e| e.at().as_second())
            .max();
        let mut per: Vec<(u16, f32)> = Vec::new();
        for e in events {
            for (tag, rule) in e.signals() {
                let weight = self.weights.get(usize::from(rule)).copied().unwrap_or(0.0);
                let age = (latest.unwrap_or(0) - e.at().as_second()).max(0) as f64;
                per.push((tag, weight * 0.5f64.powf(age / half_life) as f32));
            }
        }
        for (key, sign) in [("loves", 1.0), ("hates", -1.0)] {
            for tag in persona::trait_tags(&p.traits, key) {
                let t = intern_tag(&mut self.tags, &mut self.tag_ids, &tag);
                per.push((t, sign * persona::STATED));
            }
        }
        per.sort_by_key(|x| x.0);
        let mut preferences: Vec<(u16, f32)> = Vec::new();
        let mut i = 0;
        while i < per.len() {
            let (tag, mut score) = (per[i].0, 0.0);
            while i < per.len() && per[i].0 == tag {
                score += per[i].1;
                i += 1;
            }
            if score != 0.0 {
                preferences.push((tag, score));
            }
        }
        let affinity = self.persona_vectors.affinities(&preferences);
        self.stated_personas |= p.traits.contains_key("persona");
        let persona = persona::stated(ws, &p.traits)
            .or_else(|| persona::primary(&affinity))
            .map_or(NONE, |i| i as u16);
        let channel = customer_channel(
            p,
            tp_ids,
            &design.touchpoint_channel,
            &mut self.channels,
            &mut self.channel_ids,
        );

        let journey_ids = &design.journey_ids;
        let mut runs = Vec::new();
        let mut run_numbers: HashMap<(&str, u32), u32> = HashMap::new();
        for run in &p.instances {
            let Some(&j) = journey_ids.get(run.journey.as_str()) else {
                continue;
            };
            let steps = &design.journeys[usize::from(j)].steps;
            run_numbers.insert((run.journey.as_str(), run.run), runs.len() as u32);
            let first_tp = tp(run.hits.first().map(|h| h.touchpoint.as_str()));
            runs.push(RunRow {
                journey: j,
                status: run.status,
                started: run.started_at.as_second(),
                last: run.last_at.as_second(),
                channel: design
                    .touchpoint_channel
                    .get(usize::from(first_tp))
                    .copied()
                    .unwrap_or(NONE),
                hits: run
                    .hits
                    .iter()
                    .map(|h| {
                        let step = steps
                            .iter()
                            .position(|s| s.id == h.step)
                            .map_or(NONE, |s| s as u16);
                        (h.at.as_second(), step, tp(Some(&h.touchpoint)))
                    })
                    .collect(),
            });
        }
        let feedback = p
            .feedback
            .iter()
            .map(|f| {
                let run = f
                    .instance
                    .as_ref()
                    .and_then(|(j, r)| run_numbers.get(&(j.as_str(), *r)).copied())
                    .unwrap_or(u32::MAX);
                (
                    f.at.as_second(),
                    f.kind,
                    f.score as f32,
                    tp(f.touchpoint.as_deref()),
                    run,
                )
            })
            .collect();
        let lifecycle = p
            .lifecycle
            .iter()
            .map(|l| {
                let kind = match &l.kind {
                    LifecycleKind::Acquired { .. } => Change::Acquired,
                    LifecycleKind::Churned { event: Some(_) } => Change::ChurnedByEvent,
                    LifecycleKind::Churned { event: None } => Change::ChurnedInactive,
                    LifecycleKind::Reactivated => Change::Reactivated,
                };
                (l.at.as_second(), kind)
            })
            .collect();
        Rows {
            persona,
            channel,
            first_seen: p.first_seen.as_second(),
            last_seen: p.last_seen.as_second(),
            status: p.status,
            variant: hasher.finish(),
            events: named,
            runs,
            feedback,
            lifecycle,
            preferences,
            affinity,
        }
    }

    /// Lays out a new index: every person in the order they first appeared, the `fresh` ones
    /// from their new rows, everyone else copied from the previous index.
    fn lay_out(&mut self, mut fresh: HashMap<u32, (Rows, Card)>, now: Timestamp) {
        let old = self.index.clone();
        let base = self.earliest.unwrap_or_else(|| now.as_second());
        // Times copied from the previous index move by the change of base.
        let shift = old.base - base;
        let moved = |t: u32| (i64::from(t) + shift).clamp(0, i64::from(u32::MAX)) as u32;
        let secs = |t: i64| (t - base).clamp(0, i64::from(u32::MAX)) as u32;
        let mut ix = Index {
            base,
            now: secs(now.as_second()),
            names: self.names.clone(),
            channels: self.channels.clone(),
            tags: self.tags.clone(),
            persona_vectors: self.persona_vectors.clone(),
            ..Index::default()
        };
        self.design.apply(&mut ix);
        let personas = ix.personas.len();
        let reserve = |n: usize| n + n / 16;
        let cc = &mut ix.customers;
        let n_customers = reserve(old.customer_count() + fresh.len());
        cc.persona.reserve(n_customers);
        ix.events.at.reserve(reserve(old.event_count()));
        ix.events.name.reserve(reserve(old.event_count()));
        ix.instances
            .customer
            .reserve(reserve(old.instances.customer.len()));
        ix.hits.at.reserve(reserve(old.hits.at.len()));
        let mut cards: Vec<Arc<Card>> = Vec::with_capacity(n_customers);
        let mut variants: Vec<u64> = Vec::with_capacity(n_customers);
        self.position.resize(self.customers.people_len(), u32::MAX);
        let mut position = vec![u32::MAX; self.position.len()];
        for n in self.customers.people().collect::<Vec<u32>>() {
            let c = ix.customers.persona.len() as u32;
            position[n as usize] = c;
            if let Some((rows, card)) = fresh.remove(&n) {
                push_rows(&mut ix, c, rows, &secs, personas);
                cards.push(Arc::new(card));
                variants.push(ix.customers.variant_hash[c as usize]);
                continue;
            }
            let o = self.position[n as usize] as usize;
            if o == u32::MAX as usize || o >= old.customer_count() {
                continue; // not derived yet (cannot happen: new people are always fresh)
            }
            copy_rows(&mut ix, &old, o, c, &moved, personas);
            cards.push(old.directory.cards[o].clone());
            variants.push(old.customers.variant_hash[o]);
        }
        ix.customers.event_start.push(ix.events.at.len() as u32);
        ix.customers
            .run_start
            .push(ix.instances.customer.len() as u32);
        ix.customers.answer_start.push(ix.feedback.at.len() as u32);
        ix.customers.change_start.push(ix.lifecycle.at.len() as u32);
        ix.instances.hit_start.push(ix.hits.at.len() as u32);
        ix.preferences.start.push(ix.preferences.tag.len() as u32);
        // Variants are numbered in customer order, as a build from scratch numbers them.
        let mut ids: HashMap<u64, u32> = HashMap::new();
        ix.customers.variant = variants
            .iter()
            .enumerate()
            .map(|(c, h)| {
                let next = ids.len() as u32;
                *ids.entry(*h).or_insert_with(|| {
                    ix.variant_example.push(c as u32);
                    next
                })
            })
            .collect();
        let unchanged_people = cards.len() == old.directory.cards.len()
            && self.position == position
            && old.customer_count() > 0;
        ix.directory = Directory {
            cards,
            by_id: if unchanged_people {
                old.directory.by_id.clone()
            } else {
                Arc::default()
            },
        };
        if !unchanged_people {
            ix.directory.index_ids();
        }
        self.position = position;
        drop(old);
        self.index = Arc::new(ix);
    }
}

/// Appends one person's new rows as customer `c`.
fn push_rows(ix: &mut Index, c: u32, rows: Rows, secs: &impl Fn(i64) -> u32, personas: usize) {
    let cc = &mut ix.customers;
    cc.persona.push(rows.persona);
    cc.channel.push(rows.channel);
    cc.first_seen.push(secs(rows.first_seen));
    cc.last_seen.push(secs(rows.last_seen));
    cc.status.push(rows.status);
    cc.variant_hash.push(rows.variant);
    cc.event_start.push(ix.events.at.len() as u32);
    cc.run_start.push(ix.instances.customer.len() as u32);
    cc.answer_start.push(ix.feedback.at.len() as u32);
    cc.change_start.push(ix.lifecycle.at.len() as u32);
    for (at, name) in rows.events {
        ix.events.at.push(secs(at));
        ix.events.name.push(name);
    }
    let first_run = ix.instances.customer.len() as u32;
    for run in rows.runs {
        let ic = &mut ix.instances;
        ic.customer.push(c);
        ic.journey.push(run.journey);
        ic.status.push(run.status);
        ic.started.push(secs(run.started));
        ic.last.push(secs(run.last));
        ic.channel.push(run.channel);
        ic.hit_start.push(ix.hits.at.len() as u32);
        for (at, step, tp) in run.hits {
            ix.hits.at.push(secs(at));
            ix.hits.step.push(step);
            ix.hits.touchpoint.push(tp);
        }
    }
    for (at, kind, score, tp, run) in rows.feedback {
        let fc = &mut ix.feedback;
        fc.customer.push(c);
        fc.at.push(secs(at));
        fc.kind.push(kind);
        fc.score.push(score);
        fc.touchpoint.push(tp);
        fc.instance.push(if run == u32::MAX {
            run
        } else {
            first_run + run
        });
    }
    for (at, kind) in rows.lifecycle {
        ix.lifecycle.customer.push(c);
        ix.lifecycle.at.push(secs(at));
        ix.lifecycle.kind.push(kind);
    }
    ix.preferences.start.push(ix.preferences.tag.len() as u32);
    for (tag, score) in rows.preferences {
        ix.preferences.tag.push(tag);
        ix.preferences.score.push(score);
    }
    debug_assert_eq!(rows.affinity.len(), personas);
    ix.affinity.extend(rows.affinity);
}

/// Copies customer `o` of the previous index as customer `c`, times moved to the new base.
fn copy_rows(
    ix: &mut Index,
    old: &Index,
    o: usize,
    c: u32,
    moved: &impl Fn(u32) -> u32,
    personas: usize,
) {
    let oc = &old.customers;
    let cc = &mut ix.customers;
    cc.persona.push(oc.persona[o]);
    cc.channel.push(oc.channel[o]);
    cc.first_seen.push(moved(oc.first_seen[o]));
    cc.last_seen.push(moved(oc.last_seen[o]));
    cc.status.push(oc.status[o]);
    cc.variant_hash.push(oc.variant_hash[o]);
    cc.event_start.push(ix.events.at.len() as u32);
    cc.run_start.push(ix.instances.customer.len() as u32);
    cc.answer_start.push(ix.feedback.at.len() as u32);
    cc.change_start.push(ix.lifecycle.at.len() as u32);
    let e = old.events_of(o);
    ix.events
        .at
        .extend(old.events.at[e.clone()].iter().map(|&t| moved(t)));
    ix.events.name.extend_from_slice(&old.events.name[e]);
    let runs = oc.run_start[o] as usize..oc.run_start[o + 1] as usize;
    let run_delta = i64::from(ix.instances.customer.len() as u32) - runs.start as i64;
    for i in runs {
        let ic = &mut ix.instances;
        ic.customer.push(c);
        ic.journey.push(old.instances.journey[i]);
        ic.status.push(old.instances.status[i]);
        ic.started.push(moved(old.instances.started[i]));
        ic.last.push(moved(old.instances.last[i]));
        ic.channel.push(old.instances.channel[i]);
        ic.hit_start.push(ix.hits.at.len() as u32);
        let h = old.hits_of(i);
        ix.hits
            .at
            .extend(old.hits.at[h.clone()].iter().map(|&t| moved(t)));
        ix.hits.step.extend_from_slice(&old.hits.step[h.clone()]);
        ix.hits
            .touchpoint
            .extend_from_slice(&old.hits.touchpoint[h]);
    }
    let answers = oc.answer_start[o] as usize..oc.answer_start[o + 1] as usize;
    let of = &old.feedback;
    let fc = &mut ix.feedback;
    fc.customer.extend(std::iter::repeat_n(c, answers.len()));
    fc.at
        .extend(of.at[answers.clone()].iter().map(|&t| moved(t)));
    fc.kind.extend_from_slice(&of.kind[answers.clone()]);
    fc.score.extend_from_slice(&of.score[answers.clone()]);
    fc.touchpoint
        .extend_from_slice(&of.touchpoint[answers.clone()]);
    fc.instance.extend(of.instance[answers].iter().map(|&i| {
        if i == u32::MAX {
            i
        } else {
            (i64::from(i) + run_delta) as u32
        }
    }));
    let changes = oc.change_start[o] as usize..oc.change_start[o + 1] as usize;
    let ol = &old.lifecycle;
    ix.lifecycle
        .customer
        .extend(std::iter::repeat_n(c, changes.len()));
    ix.lifecycle
        .at
        .extend(ol.at[changes.clone()].iter().map(|&t| moved(t)));
    ix.lifecycle.kind.extend_from_slice(&ol.kind[changes]);
    let p = old.preferences.start[o] as usize..old.preferences.start[o + 1] as usize;
    ix.preferences.start.push(ix.preferences.tag.len() as u32);
    ix.preferences
        .tag
        .extend_from_slice(&old.preferences.tag[p.clone()]);
    ix.preferences
        .score
        .extend_from_slice(&old.preferences.score[p]);
    let old_personas = old.personas.len();
    if old_personas == personas {
        ix.affinity
            .extend_from_slice(&old.affinity[o * personas..(o + 1) * personas]);
    } else {
        // Cannot happen: a change of personas derives everyone again.
        ix.affinity.extend(std::iter::repeat_n(0.0, personas));
    }
}

/// The tags in a property: a string, or an array of strings.
fn tag_values(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![persona::tag_key(s)],
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(serde_json::Value::as_str)
            .map(persona::tag_key)
            .filter(|t| !t.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// A tag's id; past 65,534 distinct tags the rest share the last id.
fn intern_tag(tags: &mut Vec<String>, ids: &mut HashMap<String, u16>, tag: &str) -> u16 {
    if let Some(&i) = ids.get(tag) {
        return i;
    }
    if tags.len() >= usize::from(NONE) - 1 {
        return NONE - 1;
    }
    let i = tags.len() as u16;
    tags.push(tag.to_owned());
    ids.insert(tag.to_owned(), i);
    i
}

fn intern(list: &mut Vec<String>, ids: &mut HashMap<String, u16>, s: &str) -> u16 {
    if let Some(&i) = ids.get(s) {
        return i;
    }
    let i = list.len() as u16;
    list.push(s.to_owned());
    ids.insert(s.to_owned(), i);
    i
}

/// A customer's channel: a `channel` trait if they have one, else how they first came: the
/// channel of the first touchpoint they were seen at or, when an event with campaign tags or
/// an outside referrer came first (or at the same moment), the channel those say
/// ([`stig_pipeline::customers::channel`]).
fn customer_channel(
    p: &Profile,
    tp_ids: &HashMap<String, u16>,
    touchpoint_channel: &[u16],
    channels: &mut Vec<String>,
    ids: &mut HashMap<String, u16>,
) -> u16 {
    if let Some(c) = p.traits.get("channel").and_then(|v| v.as_str()) {
        return intern(channels, ids, c);
    }
    let first = p
        .instances
        .iter()
        .filter_map(|i| i.hits.first())
        .min_by_key(|h| h.at);
    if let Some((at, c)) = p.came_via
        && first.is_none_or(|h| at <= h.at)
    {
        return intern(channels, ids, c);
    }
    first
        .and_then(|h| tp_ids.get(h.touchpoint.as_str()))
        .and_then(|&t| touchpoint_channel.get(usize::from(t)).copied())
        .unwrap_or(NONE)
}

fn journeys(ws: &Workspace) -> Vec<JourneyInfo> {
    ws.journeys
        .iter()
        .filter(|j| j.state == JourneyState::AsIs)
        .map(|j| {
            let ordered = j.ordered_steps();
            let completion = j
                .completion_step()
                .and_then(|done| ordered.iter().position(|s| s.id == done.id))
                .map(|i| i as u16);
            JourneyInfo {
                id: j.id.clone(),
                name: j.name.clone(),
                steps: ordered
                    .iter()
                    .map(|s| StepInfo {
                        id: s.id.clone(),
                        name: s.action.clone(),
                        stage: s.stage.clone(),
                        phase: j.phase_of(s).map(|p| p.id.clone()).unwrap_or_default(),
                        touchpoints: s
                            .touchpoints
                            .iter()
                            .filter_map(|t| ws.touchpoints.iter().position(|x| &x.id == t))
                            .map(|i| i as u16)
                            .collect(),
                        designed: ws
                            .personas
                            .iter()
                            .map(|p| s.designed_emotion(Some(&p.id)))
                            .collect(),
                        designed_all: s.designed_emotion(None),
                    })
                    .collect(),
                completion,
            }
        })
        .collect()
}

fn owner(o: stig_model::Owner) -> &'static str {
    match o {
        stig_model::Owner::Own => "own",
        stig_model::Owner::Partner => "partner",
        stig_model::Owner::Public => "public",
    }
}

/// Per touchpoint: emotional elements ÷ all elements on the steps it is on, over every
/// journey (what the model says the touchpoint stands for).
fn emotional_shares(ws: &Workspace) -> Vec<Option<f64>> {
    ws.touchpoints
        .iter()
        .map(|t| {
            let (mut emotional, mut functional) = (0usize, 0usize);
            for step in ws.journeys.iter().flat_map(|j| &j.steps) {
                if step.touchpoints.contains(&t.id) {
                    emotional += step.emotions.len();
                    functional += step.functional.len();
                }
            }
            let all = emotional + functional;
            (all > 0).then(|| emotional as f64 / all as f64)
        })
        .collect()
}

/// What a builder's state depends on in a workspace, as two hashes. A change of `matching`
/// (touchpoints and their signals, preference rules, churn and purchase events) changes what
/// was kept of each event: a new builder must be fed from the start. A change of `deriving`
/// (journeys' structure, touchpoints' channels, personas' loves and hates, churn and fading
/// settings) derives everyone again from the events kept. Anything else (names, texts,
/// colours, designed emotions, moments) is a label: [`IndexBuilder::relabel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesignKeys {
    pub matching: u64,
    pub deriving: u64,
}

impl DesignKeys {
    pub fn of(ws: &Workspace, stated_personas: bool) -> DesignKeys {
        use serde_json::json;
        let s = &ws.settings;
        let matching = json!([
            ws.touchpoints
                .iter()
                .map(|t| json!([t.id, t.signals]))
                .collect::<Vec<_>>(),
            s.churn_events,
            s.purchase_events,
            s.preferences,
        ]);
        let deriving = json!([
            ws.journeys
                .iter()
                .map(|j| json!([
                    j.id,
                    j.state,
                    j.phases.iter().map(|p| &p.id).collect::<Vec<_>>(),
                    j.stages
                        .iter()
                        .map(|st| [&st.id, &st.phase])
                        .collect::<Vec<_>>(),
                    j.steps
                        .iter()
                        .map(|st| json!([st.id, st.stage, st.touchpoints]))
                        .collect::<Vec<_>>(),
                    j.abandon_after_days,
                    j.complete_at,
                ]))
                .collect::<Vec<_>>(),
            ws.touchpoints
                .iter()
                .map(|t| json!([t.id, t.channel]))
                .collect::<Vec<_>>(),
            ws.personas
                .iter()
                .map(|p| json!([
                    p.id,
                    p.loves,
                    p.hates,
                    if stated_personas { p.name.as_str() } else { "" }
                ]))
                .collect::<Vec<_>>(),
            s.churn_after_days,
            s.preference_half_life_days,
        ]);
        let hash = |v: serde_json::Value| {
            let mut h = std::hash::DefaultHasher::new();
            v.to_string().hash(&mut h);
            h.finish()
        };
        DesignKeys {
            matching: hash(matching),
            deriving: hash(deriving),
        }
    }
}
