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
pub mod feedback;
pub mod identity;
pub mod instances;
pub mod lifecycle;
pub mod touchpoints;

use std::collections::{BTreeMap, HashMap};
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
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// Person node (as shown by [`CustomersBuilder::push_text_with`]) → index in `profiles`.
    node_profile: Vec<u32>,
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

    /// The index in `profiles` of the person a node (from
    /// [`CustomersBuilder::push_text_with`]) belongs to.
    pub fn profile_of_node(&self, node: u32) -> Option<usize> {
        self.node_profile
            .get(node as usize)
            .filter(|&&i| i != u32::MAX)
            .map(|&i| i as usize)
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

/// An event reduced to what the stages need.
#[derive(Debug)]
struct Reduced {
    who: u32,
    at: Timestamp,
    seq: i64,
    touchpoints: Vec<u16>,
    score: Option<feedback::ScoreSignal>,
    churn: Option<Box<str>>,
    purchase: Option<Box<str>>,
    traits: Option<Box<Map<String, Value>>>,
}

/// Builds [`Customers`] from a workspace's events, fed in any order. It keeps the reduced
/// events, so more can be fed after a [`finish`](Self::finish) and it finishes again
/// (the server feeds only what arrived since).
pub struct CustomersBuilder {
    ws: Arc<Workspace>,
    matcher: TouchpointMatcher,
    journeys: JourneyIndex,
    ids: Identities,
    events: Vec<Reduced>,
    stats: Stats,
    /// Events whose properties carry preference signals (tags): parsed for the observer of
    /// [`push_text_with`](Self::push_text_with).
    preference_events: std::collections::HashSet<String>,
}

impl CustomersBuilder {
    pub fn new(ws: Arc<Workspace>) -> Self {
        CustomersBuilder {
            matcher: TouchpointMatcher::new(&ws),
            journeys: JourneyIndex::new(&ws),
            preference_events: ws
                .settings
                .preference_rules()
                .into_iter()
                .map(|r| r.event)
                .collect(),
            ws,
            ids: Identities::default(),
            events: Vec::new(),
            stats: Stats::default(),
        }
    }

    /// Feeds one stored event (its arrival number and Segment JSON).
    pub fn push_json(&mut self, seq: i64, body: &Value) {
        match Activity::from_segment(seq, body) {
            Some(a) => self.push(a),
            None => self.stats.unreadable += 1,
        }
    }

    /// Feeds one stored event as its JSON text: cheaper than [`push_json`](Self::push_json),
    /// as only what the stages need is parsed.
    pub fn push_text(&mut self, seq: i64, text: &str) {
        self.push_text_with(seq, text, |_, _| {});
    }

    /// [`push_text`](Self::push_text), showing `observe` each readable event and the person
    /// node it was filed under (see [`Customers::profile_of_node`]) — how the analytics index
    /// keeps what the stages drop (every event's name) without parsing the event twice.
    pub fn push_text_with(&mut self, seq: i64, text: &str, observe: impl FnOnce(&Activity, u32)) {
        let (matcher, preference_events) = (&self.matcher, &self.preference_events);
        let wanted = |name: &str| matcher.knows(name) || preference_events.contains(name);
        match Activity::from_segment_text(seq, text, wanted) {
            Some(a) => {
                if let Some(node) = self.node_of(&a) {
                    observe(&a, node);
                }
                self.push(a);
            }
            None => self.stats.unreadable += 1,
        }
    }

    /// The person node an event is filed under (its user id, else its anonymous id).
    fn node_of(&mut self, a: &Activity) -> Option<u32> {
        match (a.user_id.as_deref(), a.anonymous_id.as_deref()) {
            (Some(u), _) => Some(self.ids.intern(u, true)),
            (None, Some(x)) => Some(self.ids.intern(x, false)),
            (None, None) => None,
        }
    }

    pub fn push(&mut self, a: Activity) {
        self.stats.events += 1;
        let user = a.user_id.as_deref().map(|u| self.ids.intern(u, true));
        let anonymous = a.anonymous_id.as_deref().map(|x| self.ids.intern(x, false));
        if let (Some(u), Some(x)) = (user, anonymous) {
            self.ids.join(u, x);
        }
        if let (Some(prev), Some(u)) = (a.previous_id.as_deref(), user) {
            let p = self.ids.intern(prev, false);
            self.ids.join(p, u);
        }
        let Some(who) = user.or(anonymous) else {
            self.stats.unreadable += 1;
            return;
        };
        let name = a.name.as_deref().unwrap_or_default();
        let touchpoints: Vec<u16> = if name.is_empty() {
            Vec::new()
        } else {
            self.matcher
                .matches(name, &a.properties)
                .into_iter()
                .filter_map(|i| u16::try_from(i).ok())
                .collect()
        };
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
        self.events.push(Reduced {
            who,
            at: a.timestamp,
            seq: a.seq,
            touchpoints,
            churn: (is_track && settings.is_churn_event(name)).then(|| name.into()),
            purchase: (is_track && settings.is_purchase_event(name)).then(|| name.into()),
            traits: (!a.traits.is_empty()).then(|| Box::new(a.traits)),
            score,
        });
    }

    /// Walks every person's events in time order; `now` settles open journey runs and
    /// inactivity churn.
    pub fn finish(&mut self, now: Timestamp) -> Customers {
        // Group events by person (their root id), each person's in time order.
        let roots: Vec<u32> = (0..self.ids.len() as u32)
            .map(|n| self.ids.root(n))
            .collect();
        let mut events = std::mem::take(&mut self.events);
        events.sort_by_key(|e| (roots[e.who as usize], e.at, e.seq));
        let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
        for n in 0..self.ids.len() as u32 {
            members.entry(roots[n as usize]).or_default().push(n);
        }

        let mut profiles = Vec::new();
        let mut start = 0;
        while start < events.len() {
            let root = roots[events[start].who as usize];
            let end = start + events[start..].partition_point(|e| roots[e.who as usize] == root);
            profiles.push(self.profile(&members[&root], &events[start..end], now));
            start = end;
        }
        self.events = events;
        profiles.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(a.id.cmp(&b.id)));
        let mut by_id = HashMap::new();
        for (i, p) in profiles.iter().enumerate() {
            for id in p.all_ids() {
                by_id.insert(id.to_owned(), i);
            }
        }
        let node_profile = (0..self.ids.len() as u32)
            .map(|n| by_id.get(self.ids.text(n)).map_or(u32::MAX, |&i| i as u32))
            .collect();
        Customers {
            profiles,
            by_id,
            node_profile,
            stats: self.stats.clone(),
        }
    }

    /// Events fed so far.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
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
        for e in events {
            for (k, v) in e.traits.iter().flat_map(|t| t.iter()) {
                if traits.get(k) != Some(v) {
                    traits.insert(k.clone(), v.clone());
                    trait_history.push(TraitChange {
                        at: e.at,
                        key: k.clone(),
                        value: v.clone(),
                    });
                }
            }
            let mut started = None;
            for &t in &e.touchpoints {
                let t = usize::from(t);
                if runs.hit(&self.journeys, t, self.matcher.id(t), e.at) && started.is_none() {
                    started = self.journeys.journeys_of(t).first().copied();
                }
            }
            if let Some(score) = &e.score {
                feedback.push(self.feedback(score, e, &runs));
            }
            lifecycle.event(
                e.at,
                lifecycle::Moment {
                    started_journey: started.map(|j| self.journeys.journey_id(j)),
                    purchase: e.purchase.as_deref(),
                    churn: e.churn.as_deref(),
                },
            );
        }
        runs.finish(&self.journeys, now);
        let status = lifecycle.finish(now);
        Profile {
            id,
            user_ids,
            anonymous_ids,
            traits,
            trait_history,
            first_seen: events.first().map_or(now, |e| e.at),
            last_seen: events.last().map_or(now, |e| e.at),
            events: events.len() as u64,
            instances: runs.instances,
            feedback,
            lifecycle: lifecycle.changes,
            status,
        }
    }

    /// Ties a score to its touchpoint (named, else the event's own) and journey run (the run
    /// named if the customer has it, else their latest run of the journey named, else the
    /// current run of a journey with that touchpoint).
    fn feedback(
        &self,
        score: &feedback::ScoreSignal,
        e: &Reduced,
        runs: &instances::Runs,
    ) -> Feedback {
        let touchpoint = score
            .touchpoint
            .as_deref()
            .and_then(|t| self.matcher.index_of(t))
            .or_else(|| e.touchpoints.first().map(|&t| usize::from(t)));
        let instance = match (&score.journey, score.run) {
            // A run named by a Stig survey link; other senders' run numbers are their own.
            (Some(j), Some(run)) if runs.has(j, run) => Some((j.clone(), run)),
            (Some(j), _) => runs.run_of(j).map(|run| (j.clone(), run)),
            _ => touchpoint.and_then(|t| runs.current_with(&self.journeys, t)),
        };
        Feedback {
            at: e.at,
            kind: score.kind,
            score: score.score,
            comment: score.comment.clone(),
            touchpoint: touchpoint.map(|t| self.matcher.id(t).to_owned()),
            instance,
        }
    }
}
