//! The customer stages: stored events in, customers out.
//!
//! Events are read in two passes. While they stream in ([`CustomersBuilder::push`]) each one
//! is reduced to what the stages need (whose it is, its touchpoints, a score, a churn or
//! purchase) and its ids are stitched ([`identity`]). [`CustomersBuilder::finish`] then walks
//! each person's events in time order: traits with their history, [`instances`] of the
//! designed journeys, [`feedback`] tied to touchpoint and run, and [`lifecycle`].
//!
//! Memory is that reduced form (tens of bytes an event), not the events themselves.

pub mod activity;
pub mod channel;
pub mod consent;
pub mod feedback;
pub mod identity;
pub mod instances;
pub mod lifecycle;
pub mod touchpoints;

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use jiff::Timestamp;
use serde_json::{Map, Value};
use stig_model::{SurveyKind, Workspace};

pub use activity::Activity;
pub use identity::Identities;
pub use instances::{Closed, Hit, InstanceStatus, JourneyIndex, JourneyInstance, RunMove};
pub use lifecycle::{LifecycleChange, LifecycleKind, LifecycleStatus};
pub use touchpoints::TouchpointMatcher;

/// A person as the events show them.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Their first user id, or their first anonymous id if never identified.
    pub id: String,
    pub user_ids: Vec<String>,
    pub anonymous_ids: Vec<String>,
    /// The latest value of every trait.
    pub traits: Map<String, Value>,
    /// Every change of a trait, oldest first.
    pub trait_history: Vec<TraitChange>,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    pub events: u64,
    pub instances: Vec<JourneyInstance>,
    pub feedback: Vec<Feedback>,
    pub lifecycle: Vec<LifecycleChange>,
    pub status: LifecycleStatus,
    /// How they first came, as the first event with campaign tags or an outside referrer
    /// says (see [`channel`]), and when.
    pub came_via: Option<(Timestamp, &'static str)>,
    /// Every change of their consent, oldest first (see [`consent`]).
    pub consent: Vec<consent::Change>,
}

impl Profile {
    pub fn is_identified(&self) -> bool {
        !self.user_ids.is_empty()
    }

    /// Every id the person has used.
    pub fn all_ids(&self) -> impl Iterator<Item = &str> {
        self.user_ids
            .iter()
            .chain(&self.anonymous_ids)
            .map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TraitChange {
    pub at: Timestamp,
    pub key: String,
    pub value: Value,
}

/// One answer: a score at a touchpoint, tied to the journey run it was given in.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub at: Timestamp,
    pub kind: SurveyKind,
    pub score: f64,
    pub comment: Option<String>,
    pub touchpoint: Option<String>,
    /// The journey id and run number.
    pub instance: Option<(String, u32)>,
}

/// What a build saw, for people checking their data flows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub events: u64,
    /// Events that were a sign of at least one touchpoint.
    pub matched: u64,
    /// Stored events the stages could not read (no id, no timestamp).
    pub unreadable: u64,
    /// Events carrying a score that was not usable, with the first reasons.
    pub invalid_feedback: u64,
    pub invalid_feedback_examples: Vec<String>,
}

/// Every customer of a workspace.
#[derive(Debug, Default)]
pub struct Customers {
    /// By most recently seen first.
    pub profiles: Vec<Profile>,
    /// Every id (user or anonymous) → index in `profiles`.
    by_id: HashMap<String, usize>,
    pub stats: Stats,
}

impl Customers {
    /// The profile an id (user or anonymous, current or merged) belongs to.
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.by_id.get(id).map(|&i| &self.profiles[i])
    }

    /// The index in `profiles` of the person an id (user or anonymous, current or merged)
    /// belongs to.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Runs per journey id, by status.
    pub fn instance_counts(&self) -> BTreeMap<String, BTreeMap<InstanceStatus, u64>> {
        let mut counts: BTreeMap<String, BTreeMap<InstanceStatus, u64>> = BTreeMap::new();
        for i in self.profiles.iter().flat_map(|p| &p.instances) {
            *counts
                .entry(i.journey.clone())
                .or_default()
                .entry(i.status)
                .or_default() += 1;
        }
        counts
    }

    /// Customers by lifecycle status.
    pub fn status_counts(&self) -> BTreeMap<LifecycleStatus, u64> {
        let mut counts = BTreeMap::new();
        for p in &self.profiles {
            *counts.entry(p.status).or_default() += 1;
        }
        counts
    }
}

/// An event reduced to what the stages need: small, since a live workspace keeps every one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reduced {
    /// When, in nanoseconds since 1970 (1677–2262; a `Timestamp` takes twice the room).
    at_ns: i64,
    /// The first touchpoint it signals (`u16::MAX`: none; more in [`Extra::touchpoints`]).
    touchpoint: u16,
    /// The caller's number for its name (see [`Annotation`]); `u16::MAX` for calls that
    /// say who, not what (identify, group, alias).
    pub name: u16,
    /// Its first preference signal (tag, rule; `u16::MAX` tag: none), kept here because most
    /// signalling events carry one tag (more in [`Extra::signals`]). Fits the padding.
    signal: (u16, u16),
    /// What few events carry: more touchpoints, a score, a churn or purchase, traits, tags.
    extra: Option<Box<Extra>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Extra {
    touchpoints: Box<[u16]>,
    score: Option<Box<Answer>>,
    /// The event's name (a number in [`CustomersBuilder`]'s `texts`) when it is a churn or a
    /// purchase event (see `churn` and `purchase`).
    mark: u16,
    churn: bool,
    purchase: bool,
    /// The traits as JSON text (smaller than a parsed map; read when a profile is made).
    traits: Option<Box<str>>,
    signals: Box<[(u16, u16)]>,
    /// The channel its campaign tags or referrer say (a [`channel::code`]; 0: none).
    came_via: u8,
    /// What it said about consent (few events say anything).
    consent: Option<Box<consent::Said>>,
}

/// An answer as kept: what it names resolved to numbers (a tenth of its size as text).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Answer {
    kind: SurveyKind,
    score: f64,
    /// The touchpoint it names, if the workspace has it (`u16::MAX`: none).
    touchpoint: u16,
    /// The journey it names (a number in `texts`; `u16::MAX`: none).
    journey: u16,
    run: Option<u32>,
    comment: Option<Box<str>>,
}

impl Extra {
    fn bytes(&self) -> usize {
        std::mem::size_of::<Extra>()
            + self.touchpoints.len() * 2
            + self.signals.len() * 4
            + self.traits.as_deref().map_or(0, str::len)
            + self.consent.as_deref().map_or(0, |c| {
                std::mem::size_of::<consent::Said>()
                    + c.event.len()
                    + 32 * (c.traits.len() + c.context.as_ref().map_or(0, Vec::len))
            })
            + self.score.as_deref().map_or(0, |s| {
                std::mem::size_of::<Answer>() + s.comment.as_deref().map_or(0, str::len)
            })
    }
}

impl Reduced {
    /// When it happened.
    pub fn at(&self) -> Timestamp {
        Timestamp::from_nanosecond(i128::from(self.at_ns)).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    fn touchpoints(&self) -> impl Iterator<Item = u16> + '_ {
        let more = self
            .extra
            .as_deref()
            .map_or(&[][..], |x| &x.touchpoints[..]);
        (self.touchpoint != u16::MAX)
            .then_some(self.touchpoint)
            .into_iter()
            .chain(more.iter().copied())
    }

    fn first_touchpoint(&self) -> Option<u16> {
        (self.touchpoint != u16::MAX).then_some(self.touchpoint)
    }

    /// The preference signals the caller attached: (tag, rule), as [`Annotation::signals`].
    pub fn signals(&self) -> impl Iterator<Item = (u16, u16)> + '_ {
        let more = self.extra.as_deref().map_or(&[][..], |x| &x.signals[..]);
        (self.signal.0 != u16::MAX)
            .then_some(self.signal)
            .into_iter()
            .chain(more.iter().copied())
    }

    pub fn has_signals(&self) -> bool {
        self.signal.0 != u16::MAX
    }

    /// The order of a person's events: by time, then as they arrived (an event that arrives
    /// late is put after those of the same time; see `CustomersBuilder::push`).
    fn key(&self) -> i64 {
        self.at_ns
    }
}

/// What the caller of [`CustomersBuilder::push_text_with`] keeps with an event: its own
/// number for the event's name and its preference signals.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    pub name: u16,
    /// Preference signals: (the caller's tag number, the caller's rule number).
    pub signals: Vec<(u16, u16)>,
}

impl Annotation {
    pub const NONE: Annotation = Annotation {
        name: u16::MAX,
        signals: Vec::new(),
    };
}

/// Builds [`Customers`] from a workspace's events, fed in any order, and keeps them current:
/// each person's reduced events are kept together, so a new event (or a merge of two ids)
/// re-derives only the people it touches ([`take_changed`](Self::take_changed),
/// [`profile_of`](Self::profile_of)). [`finish`](Self::finish) derives everyone.
#[derive(Serialize, Deserialize)]
pub struct CustomersBuilder {
    #[serde(skip)]
    ws: Arc<Workspace>,
    #[serde(skip)]
    matcher: TouchpointMatcher,
    #[serde(skip)]
    journeys: JourneyIndex,
    ids: Identities,
    /// Per person node: its events in time order if it is a root, else empty.
    people: Vec<Vec<Reduced>>,
    /// Per person node: the ids (nodes) it stands for if it is a root, else empty.
    members: Vec<Vec<u32>>,
    /// The names of the churn and purchase events seen and of the journeys answers name (kept
    /// events refer to them by number).
    texts: Texts,
    /// Whether answers keep their comments (profiles show them; the index does not need
    /// them, and they are most of what an answer weighs).
    keep_comments: bool,
    /// Roots touched since the last [`take_changed`](Self::take_changed) (and roots merged
    /// away, which are no longer roots).
    changed: Vec<u32>,
    #[serde(skip)]
    is_changed: Vec<bool>,
    stats: Stats,
    /// Events whose properties carry preference signals (tags): parsed for the observer of
    /// [`push_text_with`](Self::push_text_with).
    #[serde(skip)]
    preference_events: std::collections::HashSet<String>,
}

impl CustomersBuilder {
    pub fn new(ws: Arc<Workspace>) -> Self {
        let mut b = CustomersBuilder {
            ws: ws.clone(),
            matcher: TouchpointMatcher::new(&ws),
            journeys: JourneyIndex::new(&ws),
            preference_events: Default::default(),
            ids: Identities::default(),
            people: Vec::new(),
            members: Vec::new(),
            texts: Texts::default(),
            keep_comments: true,
            changed: Vec::new(),
            is_changed: Vec::new(),
            stats: Stats::default(),
        };
        b.set_workspace(ws);
        b
    }

    /// A builder whose answers drop their comments as they are fed (for the insight index,
    /// which counts scores; a full profile is derived from the stored events instead).
    pub fn without_comments(mut self) -> Self {
        self.keep_comments = false;
        self
    }

    /// Takes a new model of the workspace. The events already fed keep the touchpoints they
    /// were matched to, so a change of touchpoints or their signals needs a new builder; a
    /// change of journeys, personas or settings is applied by deriving people again.
    pub fn set_workspace(&mut self, ws: Arc<Workspace>) {
        self.matcher = TouchpointMatcher::new(&ws);
        self.journeys = JourneyIndex::new(&ws);
        self.preference_events = ws
            .settings
            .preference_rules()
            .into_iter()
            .map(|r| r.event)
            .collect();
        self.is_changed = vec![false; self.people.len()];
        for &n in &self.changed {
            self.is_changed[n as usize] = true;
        }
        self.ws = ws;
    }

    pub fn workspace(&self) -> &Arc<Workspace> {
        &self.ws
    }

    /// Feeds one stored event (its arrival number and Segment JSON).
    pub fn push_json(&mut self, seq: i64, body: &Value) {
        match Activity::from_segment(seq, body) {
            Some(a) => self.push(a, Annotation::NONE),
            None => self.stats.unreadable += 1,
        }
    }

    /// Feeds one stored event as its JSON text: cheaper than [`push_json`](Self::push_json),
    /// as only what the stages need is parsed.
    pub fn push_text(&mut self, seq: i64, text: &str) {
        self.push_text_with(seq, text, |_| Annotation::NONE);
    }

    /// [`push_text`](Self::push_text), letting `annotate` see each readable event and say what
    /// to keep with it ([`Annotation`]: a name number and preference signals) — how the
    /// analytics index keeps what the stages drop without parsing the event twice.
    pub fn push_text_with(
        &mut self,
        seq: i64,
        text: &str,
        annotate: impl FnOnce(&Activity) -> Annotation,
    ) {
        let (matcher, preference_events) = (&self.matcher, &self.preference_events);
        let wanted = |name: &str| matcher.knows(name) || preference_events.contains(name);
        match Activity::from_segment_text(seq, text, wanted) {
            Some(a) => {
                let note = annotate(&a);
                self.push(a, note);
            }
            None => self.stats.unreadable += 1,
        }
    }

    fn push(&mut self, a: Activity, note: Annotation) {
        self.stats.events += 1;
        let user = a.user_id.as_deref().map(|u| self.intern(u, true));
        let anonymous = a.anonymous_id.as_deref().map(|x| self.intern(x, false));
        if let (Some(u), Some(x)) = (user, anonymous) {
            self.join(u, x);
        }
        if let (Some(prev), Some(u)) = (a.previous_id.as_deref(), user) {
            let p = self.intern(prev, false);
            self.join(p, u);
        }
        let Some(who) = user.or(anonymous) else {
            self.stats.unreadable += 1;
            return;
        };
        let name = a.name.as_deref().unwrap_or_default();
        let mut touchpoints: Vec<u16> = self
            .matcher
            .matches_activity(&a)
            .into_iter()
            .filter_map(|i| u16::try_from(i).ok())
            .collect();
        if !touchpoints.is_empty() {
            self.stats.matched += 1;
        }
        let score = match feedback::from_properties(&a.properties) {
            Some(Ok(s)) => Some(s),
            Some(Err(why)) => {
                self.stats.invalid_feedback += 1;
                if self.stats.invalid_feedback_examples.len() < 10 {
                    self.stats.invalid_feedback_examples.push(format!(
                        "`{}` from `{}`: {why}",
                        name,
                        a.who()
                    ));
                }
                None
            }
            None => None,
        };
        let is_track = a.kind == crate::event::EventType::Track;
        let settings = &self.ws.settings;
        let first = if touchpoints.is_empty() {
            u16::MAX
        } else {
            touchpoints.remove(0)
        };
        let said = consent::Said::read(&a);
        let churn = is_track && settings.is_churn_event(name);
        let purchase = is_track && settings.is_purchase_event(name);
        let extra = Extra {
            touchpoints: touchpoints.into_boxed_slice(),
            mark: if churn || purchase {
                self.texts.intern(name)
            } else {
                0
            },
            churn,
            purchase,
            traits: (!a.traits.is_empty())
                .then(|| Value::Object(a.traits).to_string().into_boxed_str()),
            score: score.map(|s| {
                Box::new(Answer {
                    kind: s.kind,
                    score: s.score,
                    touchpoint: s
                        .touchpoint
                        .as_deref()
                        .and_then(|t| self.matcher.index_of(t))
                        .and_then(|t| u16::try_from(t).ok())
                        .unwrap_or(u16::MAX),
                    journey: s
                        .journey
                        .as_deref()
                        .map_or(u16::MAX, |j| self.texts.intern(j)),
                    run: s.run,
                    comment: s
                        .comment
                        .filter(|_| self.keep_comments)
                        .map(String::into_boxed_str),
                })
            }),
            signals: note.signals.get(1..).unwrap_or_default().into(),
            came_via: a.web.as_deref().map_or(0, channel::code),
            consent: said.map(Box::new),
        };
        let has_extra = !extra.touchpoints.is_empty()
            || extra.churn
            || extra.purchase
            || extra.traits.is_some()
            || extra.score.is_some()
            || !extra.signals.is_empty()
            || extra.came_via != 0
            || extra.consent.is_some();
        let event = Reduced {
            at_ns: a
                .timestamp
                .as_nanosecond()
                .clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
            touchpoint: first,
            name: note.name,
            signal: note.signals.first().copied().unwrap_or((u16::MAX, 0)),
            extra: has_extra.then(|| Box::new(extra)),
        };
        let root = self.ids.root(who);
        let events = &mut self.people[root as usize];
        // Events mostly arrive in time order; one that does not is put in its place.
        let at = if events.last().is_none_or(|l| l.key() <= event.key()) {
            events.len()
        } else {
            events.partition_point(|e| e.key() <= event.key())
        };
        events.insert(at, event);
        self.mark(root);
    }

    fn mark_name(&self, mark: u16) -> &str {
        self.texts.get(mark).unwrap_or_default()
    }

    fn intern(&mut self, id: &str, is_user: bool) -> u32 {
        let n = self.ids.intern(id, is_user);
        if n as usize == self.people.len() {
            self.people.push(Vec::new());
            self.members.push(vec![n]);
            self.is_changed.push(false);
        }
        n
    }

    /// Joins two ids; the root that is folded in hands its events to the one that stays.
    fn join(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.ids.root(a), self.ids.root(b));
        if ra == rb {
            return;
        }
        self.ids.join(a, b);
        let keep = self.ids.root(a);
        let fold = if keep == ra { rb } else { ra };
        let moved = std::mem::take(&mut self.people[fold as usize]);
        if !moved.is_empty() {
            let kept = std::mem::take(&mut self.people[keep as usize]);
            self.people[keep as usize] = merge(kept, moved);
        }
        self.people[fold as usize].shrink_to_fit();
        let folded = std::mem::take(&mut self.members[fold as usize]);
        self.members[keep as usize].extend(folded);
        self.mark(keep);
        self.mark(fold);
    }

    fn mark(&mut self, n: u32) {
        if !self.is_changed[n as usize] {
            self.is_changed[n as usize] = true;
            self.changed.push(n);
        }
    }

    /// Forgets the person an id belongs to (an erasure request): their kept events and every
    /// id they used go, and they leave at the next derivation, without a rebuild. Returns
    /// whether there was such a person. The stored events are the store's to delete.
    pub fn forget(&mut self, id: &str) -> bool {
        let Some(n) = self.node_of_id(id) else {
            return false;
        };
        self.people[n as usize] = Vec::new();
        for m in std::mem::take(&mut self.members[n as usize]) {
            self.ids.forget(m);
        }
        self.mark(n);
        true
    }

    /// Marks every person changed (after a new model of the workspace).
    pub fn touch_all(&mut self) {
        for n in 0..self.people.len() as u32 {
            self.mark(n);
        }
    }

    /// The people touched since the last call, as person nodes in ascending order: a node
    /// that is no longer a person ([`is_person`](Self::is_person)) was merged into another.
    pub fn take_changed(&mut self) -> Vec<u32> {
        let mut changed = std::mem::take(&mut self.changed);
        for &n in &changed {
            self.is_changed[n as usize] = false;
            // Every event is kept for good: no room to spare (a few bytes an event).
            self.people[n as usize].shrink_to_fit();
        }
        changed.sort_unstable();
        changed
    }

    /// Marks a person to be derived again (their state changes with time alone).
    pub fn touch(&mut self, n: u32) {
        if (n as usize) < self.people.len() {
            self.mark(n);
        }
    }

    /// Whether node `n` is a person with events (a root that has any).
    pub fn is_person(&self, n: u32) -> bool {
        self.people.get(n as usize).is_some_and(|e| !e.is_empty())
    }

    /// Person nodes so far (people or merged ids).
    pub fn people_len(&self) -> usize {
        self.people.len()
    }

    /// Every person node, ascending (the order people first appeared in).
    pub fn people(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.people.len() as u32).filter(|&n| self.is_person(n))
    }

    /// A person's reduced events, in time order.
    pub fn events_of(&self, n: u32) -> &[Reduced] {
        self.people.get(n as usize).map_or(&[][..], Vec::as_slice)
    }

    /// The person node an id belongs to.
    pub fn node_of_id(&mut self, id: &str) -> Option<u32> {
        let n = self.ids.get(id)?;
        Some(self.ids.root(n))
    }

    /// Every id of every node (for a directory of people): (node, root, id, is user).
    pub fn ids(&mut self) -> Vec<(u32, u32, &str, bool)> {
        let roots: Vec<u32> = (0..self.ids.len() as u32)
            .map(|n| self.ids.root(n))
            .collect();
        (0..self.ids.len() as u32)
            .map(|n| (n, roots[n as usize], self.ids.text(n), self.ids.is_user(n)))
            .collect()
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The heap bytes the kept events and ids take, about (what a live workspace costs
    /// beside its index).
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        let events: usize = self
            .people
            .iter()
            .map(|e| {
                e.capacity() * size_of::<Reduced>()
                    + e.iter()
                        .filter_map(|r| r.extra.as_deref())
                        .map(Extra::bytes)
                        .sum::<usize>()
            })
            .sum();
        let people = self.people.capacity() * size_of::<Vec<Reduced>>()
            + self
                .members
                .iter()
                .map(|m| size_of::<Vec<u32>>() + m.capacity() * 4)
                .sum::<usize>();
        events + people + self.ids.bytes()
    }

    /// Derives everyone; `now` settles open journey runs and inactivity churn.
    pub fn finish(&mut self, now: Timestamp) -> Customers {
        let people: Vec<u32> = self.people().collect();
        let mut profiles: Vec<Profile> = people.iter().map(|&n| self.profile_of(n, now)).collect();
        profiles.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(a.id.cmp(&b.id)));
        let mut by_id = HashMap::new();
        for (i, p) in profiles.iter().enumerate() {
            for id in p.all_ids() {
                by_id.insert(id.to_owned(), i);
            }
        }
        Customers {
            profiles,
            by_id,
            stats: self.stats.clone(),
        }
    }

    /// Events fed so far.
    pub fn len(&self) -> usize {
        self.stats.events as usize
    }

    pub fn is_empty(&self) -> bool {
        self.stats.events == 0
    }

    /// Person `n`'s profile, derived from their events; `now` settles open runs and churn.
    pub fn profile_of(&self, n: u32, now: Timestamp) -> Profile {
        let mut members = self.members.get(n as usize).cloned().unwrap_or_default();
        members.sort_unstable();
        self.profile(&members, self.events_of(n), now)
    }

    /// When a person's profile changes with time alone (a run idling into abandonment, an
    /// active customer churning by silence): the earliest such moment after its `now`.
    pub fn deadline(&self, p: &Profile) -> Option<Timestamp> {
        let runs = p
            .instances
            .iter()
            .filter(|i| i.status == InstanceStatus::Active)
            .filter_map(|i| {
                let j = self.journeys.journey_index(&i.journey)?;
                Some(i.last_at + self.journeys.timeout(j))
            });
        let churn = (p.status == LifecycleStatus::Active).then(|| {
            p.last_seen
                + jiff::SignedDuration::from_hours(
                    i64::from(self.ws.settings.churn_after_days()) * 24,
                )
        });
        runs.chain(churn).min()
    }

    fn profile(&self, members: &[u32], events: &[Reduced], now: Timestamp) -> Profile {
        let (user_ids, anonymous_ids): (Vec<u32>, Vec<u32>) =
            members.iter().partition(|&&n| self.ids.is_user(n));
        let text = |ns: Vec<u32>| -> Vec<String> {
            ns.into_iter()
                .map(|n| self.ids.text(n).to_owned())
                .collect()
        };
        let (user_ids, anonymous_ids) = (text(user_ids), text(anonymous_ids));
        let id = user_ids
            .first()
            .or(anonymous_ids.first())
            .cloned()
            .unwrap_or_default();

        let mut traits = Map::new();
        let mut trait_history = Vec::new();
        let mut runs = instances::Runs::default();
        let mut lifecycle = lifecycle::Lifecycle::new(self.ws.settings.churn_after_days());
        let mut feedback = Vec::new();
        let mut came_via = None;
        for e in events {
            let at = e.at();
            let extra = e.extra.as_deref();
            if came_via.is_none() {
                came_via = extra
                    .and_then(|x| channel::name(x.came_via))
                    .map(|c| (at, c));
            }
            if let Some(text) = extra.and_then(|x| x.traits.as_deref())
                && let Ok(Value::Object(ts)) = serde_json::from_str::<Value>(text)
            {
                for (k, v) in ts {
                    if traits.get(&k) != Some(&v) {
                        trait_history.push(TraitChange {
                            at,
                            key: k.clone(),
                            value: v.clone(),
                        });
                        traits.insert(k, v);
                    }
                }
            }
            let mut started = None;
            for t in e.touchpoints() {
                let t = usize::from(t);
                if runs.hit(&self.journeys, t, self.matcher.id(t), at) && started.is_none() {
                    started = self.journeys.journeys_of(t).first().copied();
                }
            }
            if let Some(score) = extra.and_then(|x| x.score.as_deref()) {
                feedback.push(self.feedback(score, e, &runs));
            }
            lifecycle.event(
                at,
                lifecycle::Moment {
                    started_journey: started.map(|j| self.journeys.journey_id(j)),
                    purchase: extra.filter(|x| x.purchase).map(|x| self.mark_name(x.mark)),
                    churn: extra.filter(|x| x.churn).map(|x| self.mark_name(x.mark)),
                },
            );
        }
        runs.finish(&self.journeys, now);
        let status = lifecycle.finish(now);
        let consent = consent::history(events.iter().filter_map(|e| {
            let said = e.extra.as_deref()?.consent.as_deref()?;
            Some((e.at(), said))
        }));
        Profile {
            id,
            user_ids,
            anonymous_ids,
            traits,
            trait_history,
            first_seen: events.first().map_or(now, Reduced::at),
            last_seen: events.last().map_or(now, Reduced::at),
            events: events.len() as u64,
            instances: runs.instances,
            feedback,
            lifecycle: lifecycle.changes,
            status,
            came_via,
            consent,
        }
    }

    /// Ties a score to its touchpoint (named, else the event's own) and journey run (the run
    /// named if the customer has it, else their latest run of the journey named, else the
    /// current run of a journey with that touchpoint).
    fn feedback(&self, score: &Answer, e: &Reduced, runs: &instances::Runs) -> Feedback {
        let touchpoint = (score.touchpoint != u16::MAX)
            .then_some(usize::from(score.touchpoint))
            .or_else(|| e.first_touchpoint().map(usize::from));
        let journey = self.texts.get(score.journey);
        let instance = match (journey, score.run) {
            // A run named by a Stig survey link; other senders' run numbers are their own.
            (Some(j), Some(run)) if runs.has(j, run) => Some((j.to_owned(), run)),
            (Some(j), _) => runs.run_of(j).map(|run| (j.to_owned(), run)),
            _ => touchpoint.and_then(|t| runs.current_with(&self.journeys, t)),
        };
        Feedback {
            at: e.at(),
            kind: score.kind,
            score: score.score,
            comment: score.comment.as_deref().map(str::to_owned),
            touchpoint: touchpoint.map(|t| self.matcher.id(t).to_owned()),
            instance,
        }
    }
}

/// Texts the kept events name by number (churn and purchase event names, journeys named by
/// answers): a handful, each stored once.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Texts {
    list: Vec<Box<str>>,
    ids: HashMap<Box<str>, u16>,
}

impl Texts {
    /// A text's number; past 65,534 texts, `u16::MAX` (none).
    fn intern(&mut self, text: &str) -> u16 {
        if let Some(&i) = self.ids.get(text) {
            return i;
        }
        if self.list.len() >= usize::from(u16::MAX) {
            return u16::MAX;
        }
        let i = self.list.len() as u16;
        self.list.push(text.into());
        self.ids.insert(text.into(), i);
        i
    }

    fn get(&self, i: u16) -> Option<&str> {
        self.list.get(usize::from(i)).map(|t| &**t)
    }
}

/// Two people's events as one, in time order.
fn merge(a: Vec<Reduced>, b: Vec<Reduced>) -> Vec<Reduced> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                if x.key() <= y.key() {
                    a.next()
                } else {
                    b.next()
                }
            }
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
    out
}
