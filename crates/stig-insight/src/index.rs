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

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use stig_model::{JourneyState, SurveyKind, Workspace};
use stig_pipeline::customers::{
    Activity, Customers, CustomersBuilder, InstanceStatus, LifecycleKind, LifecycleStatus, Profile,
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
#[derive(Debug, Default)]
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
}

/// Every event, grouped by customer, each customer's in time order.
#[derive(Debug, Default)]
pub struct EventColumns {
    pub at: Vec<u32>,
    pub name: Vec<u16>,
}

/// Every journey run.
#[derive(Debug, Default)]
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
#[derive(Debug, Default)]
pub struct HitColumns {
    pub at: Vec<u32>,
    /// Step index within the run's journey.
    pub step: Vec<u16>,
    pub touchpoint: Vec<u16>,
}

/// Every answer.
#[derive(Debug, Default)]
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
#[derive(Debug, Default)]
pub struct PreferenceColumns {
    pub start: Vec<u32>,
    pub tag: Vec<u16>,
    pub score: Vec<f32>,
}

/// Every lifecycle change.
#[derive(Debug, Default)]
pub struct LifecycleColumns {
    pub customer: Vec<u32>,
    pub at: Vec<u32>,
    pub kind: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    Acquired,
    /// Churned by an explicit event (a cancellation).
    ChurnedByEvent,
    /// Churned by inactivity.
    ChurnedInactive,
    Reactivated,
}

/// A workspace's customers as flat columns. See the module docs.
#[derive(Debug, Default)]
pub struct Index {
    /// Unix seconds of time 0 (the earliest event).
    pub base: i64,
    /// When the index was built (index seconds): what "now" meant for open runs.
    pub now: u32,
    pub personas: Vec<String>,
    pub persona_names: Vec<String>,
    pub journeys: Vec<JourneyInfo>,
    pub touchpoints: Vec<String>,
    pub touchpoint_names: Vec<String>,
    /// Per touchpoint: who owns it (`own`, `partner`, `public`).
    pub touchpoint_owner: Vec<&'static str>,
    /// Per touchpoint: the emotional share of the elements on the steps it is on (emotional
    /// ÷ emotional + functional), `None` when those steps have neither.
    pub touchpoint_emotional: Vec<Option<f64>>,
    /// Per journey: every touchpoint on its steps.
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
    pub persona_vectors: persona::PersonaVectors,
    /// Per customer × persona (row-major): affinity −1…1.
    pub affinity: Vec<f32>,
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

/// Builds an [`Index`] (and the [`Customers`] it is made from) from stored events, fed in
/// any order; more can be fed after a [`finish`](Self::finish).
pub struct IndexBuilder {
    ws: Arc<Workspace>,
    customers: CustomersBuilder,
    /// Per activity (track, page or screen): person node, unix milliseconds, arrival number
    /// (ties in time keep the order events arrived in, as an event log lists them), name.
    seen: Vec<(u32, i64, i64, u16)>,
    names: Vec<String>,
    name_ids: HashMap<String, u16>,
    /// Preference rules by event name: (property, weight).
    rules: HashMap<String, Vec<(String, f32)>>,
    /// Per tag signal: person node, unix seconds, tag, weight.
    signals: Vec<(u32, i64, u16, f32)>,
    tags: Vec<String>,
    tag_ids: HashMap<String, u16>,
}

impl IndexBuilder {
    pub fn new(ws: Arc<Workspace>) -> Self {
        let mut rules: HashMap<String, Vec<(String, f32)>> = HashMap::new();
        for r in ws.settings.preference_rules() {
            rules
                .entry(r.event)
                .or_default()
                .push((r.property, r.weight as f32));
        }
        IndexBuilder {
            rules,
            signals: Vec::new(),
            tags: Vec::new(),
            tag_ids: HashMap::new(),
            customers: CustomersBuilder::new(ws.clone()),
            ws,
            seen: Vec::new(),
            names: Vec::new(),
            name_ids: HashMap::new(),
        }
    }

    pub fn workspace(&self) -> &Arc<Workspace> {
        &self.ws
    }

    /// Feeds one stored event (its arrival number and Segment JSON text).
    pub fn push_text(&mut self, seq: i64, text: &str) {
        let (seen, names, name_ids) = (&mut self.seen, &mut self.names, &mut self.name_ids);
        let (rules, signals) = (&self.rules, &mut self.signals);
        let (tags, tag_ids) = (&mut self.tags, &mut self.tag_ids);
        self.customers
            .push_text_with(seq, text, |a: &Activity, node| {
                if let Some(rs) = a.name.as_deref().and_then(|n| rules.get(n)) {
                    for (property, weight) in rs {
                        for tag in tag_values(a.properties.get(property)) {
                            let t = intern_tag(tags, tag_ids, &tag);
                            signals.push((node, a.timestamp.as_second(), t, *weight));
                        }
                    }
                }
                // Identify, group and alias calls say who, not what was done.
                let Some(name) = a.name.as_deref() else {
                    return;
                };
                let id = match name_ids.get(name) {
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
                };
                seen.push((node, a.timestamp.as_millisecond(), a.seq, id));
            });
    }

    /// Events fed so far.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Runs the customer stages over everything fed so far and lays the result out as an
    /// index; `now` settles open runs and inactivity churn.
    pub fn finish(&mut self, now: Timestamp) -> (Customers, Index) {
        let customers = self.customers.finish(now);
        let index = self.lay_out(&customers, now);
        (customers, index)
    }

    fn lay_out(&self, customers: &Customers, now: Timestamp) -> Index {
        let ws = &self.ws;
        let base = self
            .seen
            .iter()
            .map(|s| s.1.div_euclid(1000))
            .min()
            .unwrap_or_else(|| now.as_second());
        let secs = |t: i64| (t - base).clamp(0, i64::from(u32::MAX)) as u32;
        let ts = |t: Timestamp| secs(t.as_second());
        let mut index = Index {
            base,
            now: ts(now),
            personas: ws.personas.iter().map(|p| p.id.clone()).collect(),
            persona_names: ws.personas.iter().map(|p| p.name.clone()).collect(),
            touchpoints: ws.touchpoints.iter().map(|t| t.id.clone()).collect(),
            touchpoint_names: ws.touchpoints.iter().map(|t| t.name.clone()).collect(),
            names: self.names.clone(),
            touchpoint_owner: ws.touchpoints.iter().map(|t| owner(t.owner)).collect(),
            touchpoint_emotional: emotional_shares(ws),
            journeys: journeys(ws),
            ..Index::default()
        };
        index.journey_touchpoints = index
            .journeys
            .iter()
            .map(|j| {
                let mut ts: Vec<u16> = j.steps.iter().flat_map(|s| s.touchpoints.clone()).collect();
                ts.sort_unstable();
                ts.dedup();
                ts
            })
            .collect();
        self.lay_out_preferences(customers, now, &mut index);
        let mut channel_ids: HashMap<String, u16> = HashMap::new();
        let touchpoint_channel: Vec<u16> = ws
            .touchpoints
            .iter()
            .map(|t| intern(&mut index.channels, &mut channel_ids, t.channel.as_str()))
            .collect();
        let tp_ids: HashMap<&str, u16> = index
            .touchpoints
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u16))
            .collect();
        let tp = |id: Option<&str>| id.and_then(|t| tp_ids.get(t).copied()).unwrap_or(NONE);

        // Events, grouped by customer and in time order.
        let mut seen: Vec<(u32, i64, i64, u16)> = self
            .seen
            .iter()
            .filter_map(|&(node, at, seq, name)| {
                customers
                    .profile_of_node(node)
                    .map(|c| (c as u32, at, seq, name))
            })
            .collect();
        seen.sort_unstable();
        let n = customers.profiles.len();
        let mut event_start = Vec::with_capacity(n + 1);
        let mut at = Vec::with_capacity(seen.len());
        let mut names = Vec::with_capacity(seen.len());
        let mut next = 0;
        for c in 0..n as u32 {
            event_start.push(next as u32);
            while next < seen.len() && seen[next].0 == c {
                at.push(secs(seen[next].1.div_euclid(1000)));
                names.push(seen[next].3);
                next += 1;
            }
        }
        event_start.push(next as u32);
        drop(seen);
        index.events = EventColumns { at, name: names };
        index.customers.event_start = event_start;

        // Variants: customers with the same sequence of event names.
        let mut variant_ids: HashMap<&[u16], u32> = HashMap::new();
        let mut variant = Vec::with_capacity(n);
        for c in 0..n {
            let r = index.customers.event_start[c] as usize
                ..index.customers.event_start[c + 1] as usize;
            let seq = &index.events.name[r];
            let next_id = variant_ids.len() as u32;
            let v = *variant_ids.entry(seq).or_insert_with(|| {
                index.variant_example.push(c as u32);
                next_id
            });
            variant.push(v);
        }
        drop(variant_ids);
        index.customers.variant = variant;

        let journey_ids: HashMap<&str, u16> = index
            .journeys
            .iter()
            .enumerate()
            .map(|(i, j)| (j.id.as_str(), i as u16))
            .collect();
        let step_ids: Vec<HashMap<&str, u16>> = index
            .journeys
            .iter()
            .map(|j| {
                j.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.id.as_str(), i as u16))
                    .collect()
            })
            .collect();

        let cc = &mut index.customers;
        let personas = index.personas.len();
        for (c, p) in customers.profiles.iter().enumerate() {
            let c32 = c as u32;
            let chosen = persona::stated(ws, &p.traits)
                .or_else(|| persona::primary(&index.affinity[c * personas..(c + 1) * personas]));
            cc.persona.push(chosen.map_or(NONE, |i| i as u16));
            cc.channel.push(customer_channel(
                p,
                &tp_ids,
                &touchpoint_channel,
                &mut index.channels,
                &mut channel_ids,
            ));
            cc.first_seen.push(ts(p.first_seen));
            cc.last_seen.push(ts(p.last_seen));
            cc.status.push(p.status);
            let mut runs: HashMap<(&str, u32), u32> = HashMap::new();
            for run in &p.instances {
                let Some(&j) = journey_ids.get(run.journey.as_str()) else {
                    continue;
                };
                let ic = &mut index.instances;
                runs.insert((run.journey.as_str(), run.run), ic.customer.len() as u32);
                ic.customer.push(c32);
                ic.journey.push(j);
                ic.status.push(run.status);
                ic.started.push(ts(run.started_at));
                ic.last.push(ts(run.last_at));
                let first_tp = tp(run.hits.first().map(|h| h.touchpoint.as_str()));
                ic.channel.push(
                    touchpoint_channel
                        .get(usize::from(first_tp))
                        .copied()
                        .unwrap_or(NONE),
                );
                ic.hit_start.push(index.hits.at.len() as u32);
                for h in &run.hits {
                    index.hits.at.push(ts(h.at));
                    index.hits.step.push(
                        step_ids[usize::from(j)]
                            .get(h.step.as_str())
                            .copied()
                            .unwrap_or(NONE),
                    );
                    index.hits.touchpoint.push(tp(Some(&h.touchpoint)));
                }
            }
            for f in &p.feedback {
                let fc = &mut index.feedback;
                fc.customer.push(c32);
                fc.at.push(ts(f.at));
                fc.kind.push(f.kind);
                fc.score.push(f.score as f32);
                fc.touchpoint.push(tp(f.touchpoint.as_deref()));
                fc.instance.push(
                    f.instance
                        .as_ref()
                        .and_then(|(j, r)| runs.get(&(j.as_str(), *r)).copied())
                        .unwrap_or(u32::MAX),
                );
            }
            for l in &p.lifecycle {
                let lc = &mut index.lifecycle;
                lc.customer.push(c32);
                lc.at.push(ts(l.at));
                lc.kind.push(match &l.kind {
                    LifecycleKind::Acquired { .. } => Change::Acquired,
                    LifecycleKind::Churned { event: Some(_) } => Change::ChurnedByEvent,
                    LifecycleKind::Churned { event: None } => Change::ChurnedInactive,
                    LifecycleKind::Reactivated => Change::Reactivated,
                });
            }
        }
        index.instances.hit_start.push(index.hits.at.len() as u32);
        shrink(&mut index);
        index
    }
}

impl IndexBuilder {
    /// Each customer's tag scores (signals faded by their age at `now`, plus their stated
    /// loves and hates) and their affinity to every persona.
    fn lay_out_preferences(&self, customers: &Customers, now: Timestamp, index: &mut Index) {
        let mut tags = self.tags.clone();
        let mut tag_ids = self.tag_ids.clone();
        index.persona_vectors =
            persona::PersonaVectors::new(&self.ws, |t| intern_tag(&mut tags, &mut tag_ids, t));
        let half_life = f64::from(self.ws.settings.preference_half_life_days()) * 86_400.0;
        let now_s = now.as_second();
        let mut per: Vec<(u32, u16, f32)> = self
            .signals
            .iter()
            .filter_map(|&(node, at, tag, weight)| {
                let c = customers.profile_of_node(node)? as u32;
                let age = (now_s - at).max(0) as f64;
                Some((c, tag, weight * 0.5f64.powf(age / half_life) as f32))
            })
            .collect();
        for (c, p) in customers.profiles.iter().enumerate() {
            for (key, sign) in [("loves", 1.0), ("hates", -1.0)] {
                for tag in persona::trait_tags(&p.traits, key) {
                    let t = intern_tag(&mut tags, &mut tag_ids, &tag);
                    per.push((c as u32, t, sign * persona::STATED));
                }
            }
        }
        per.sort_unstable_by_key(|x| (x.0, x.1));
        let n = customers.profiles.len();
        let prefs = &mut index.preferences;
        prefs.start = Vec::with_capacity(n + 1);
        let mut next = 0;
        for c in 0..n as u32 {
            prefs.start.push(prefs.tag.len() as u32);
            while next < per.len() && per[next].0 == c {
                let (tag, mut score) = (per[next].1, 0.0);
                while next < per.len() && per[next].0 == c && per[next].1 == tag {
                    score += per[next].2;
                    next += 1;
                }
                if score != 0.0 {
                    prefs.tag.push(tag);
                    prefs.score.push(score);
                }
            }
        }
        prefs.start.push(prefs.tag.len() as u32);
        index.tags = tags;
        index.affinity = Vec::with_capacity(n * index.personas.len());
        for c in 0..n {
            let a = index.persona_vectors.affinities(&index.preferences_of(c));
            index.affinity.extend(a);
        }
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

/// A customer's channel: a `channel` trait if they have one, else the channel of the first
/// touchpoint they were seen at.
fn customer_channel(
    p: &Profile,
    tp_ids: &HashMap<&str, u16>,
    touchpoint_channel: &[u16],
    channels: &mut Vec<String>,
    ids: &mut HashMap<String, u16>,
) -> u16 {
    if let Some(c) = p.traits.get("channel").and_then(|v| v.as_str()) {
        return intern(channels, ids, c);
    }
    p.instances
        .iter()
        .filter_map(|i| i.hits.first())
        .min_by_key(|h| h.at)
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

fn shrink(index: &mut Index) {
    let c = &mut index.customers;
    c.persona.shrink_to_fit();
    c.channel.shrink_to_fit();
    c.first_seen.shrink_to_fit();
    c.last_seen.shrink_to_fit();
    c.status.shrink_to_fit();
    c.variant.shrink_to_fit();
    let i = &mut index.instances;
    i.customer.shrink_to_fit();
    i.journey.shrink_to_fit();
    i.status.shrink_to_fit();
    i.started.shrink_to_fit();
    i.last.shrink_to_fit();
    i.channel.shrink_to_fit();
    i.hit_start.shrink_to_fit();
    index.hits.at.shrink_to_fit();
    index.hits.step.shrink_to_fit();
    index.hits.touchpoint.shrink_to_fit();
    let f = &mut index.feedback;
    f.customer.shrink_to_fit();
    f.at.shrink_to_fit();
    f.kind.shrink_to_fit();
    f.score.shrink_to_fit();
    f.touchpoint.shrink_to_fit();
    f.instance.shrink_to_fit();
    index.lifecycle.customer.shrink_to_fit();
    index.lifecycle.at.shrink_to_fit();
    index.lifecycle.kind.shrink_to_fit();
    index.variant_example.shrink_to_fit();
}
