//! Journey instances: each run of a designed journey by one customer.
//!
//! A touchpoint hit on a step of an as-is journey continues the customer's current run of that
//! journey, or starts a new one when there is none, when the current one has been idle longer
//! than the journey's `abandon_after_days`, or when it is already complete and the hit is not
//! on a step after the completing one (a repeat customer starts over). A run is *completed*
//! once it reaches the journey's completing step (`complete_at`, default the last step), and
//! *abandoned* when it goes idle before that. To-be journeys are designs, not yet lived, so
//! they get no instances.

use std::collections::HashMap;

use jiff::{SignedDuration, Timestamp};
use stig_model::{JourneyState, Workspace};

/// One customer's run of one journey.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct JourneyInstance {
    pub journey: String,
    /// 1 for the customer's first run of this journey, 2 for the second, …
    pub run: u32,
    pub started_at: Timestamp,
    pub last_at: Timestamp,
    pub status: InstanceStatus,
    /// Where the customer is (or was last): the step of the latest hit, its stage and phase.
    pub step: String,
    pub stage: String,
    pub phase: String,
    /// The touchpoints hit, in order.
    pub hits: Vec<Hit>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum InstanceStatus {
    /// Still within its inactivity timeout and not complete.
    Active,
    Completed,
    Abandoned,
}

impl InstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Active => "active",
            InstanceStatus::Completed => "completed",
            InstanceStatus::Abandoned => "abandoned",
        }
    }
}

/// A touchpoint hit within a run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    pub at: Timestamp,
    pub touchpoint: String,
    pub step: String,
}

/// A live journey, indexed for matching.
#[derive(Debug)]
struct Live {
    id: String,
    /// Per step in display order: id, stage id, phase id.
    steps: Vec<(String, String, String)>,
    /// Touchpoint index → the steps (indices) it is on, in order.
    on_steps: HashMap<usize, Vec<usize>>,
    timeout: SignedDuration,
    completion: Option<usize>,
}

/// The as-is journeys of a workspace, ready to place hits on.
#[derive(Debug, Default)]
pub struct JourneyIndex {
    live: Vec<Live>,
    /// Touchpoint index → the live journeys that use it.
    by_touchpoint: HashMap<usize, Vec<usize>>,
}

impl JourneyIndex {
    pub fn new(ws: &Workspace) -> Self {
        let tp_index: HashMap<&str, usize> = ws
            .touchpoints
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut live = Vec::new();
        let mut by_touchpoint: HashMap<usize, Vec<usize>> = HashMap::new();
        for j in ws.journeys.iter().filter(|j| j.state == JourneyState::AsIs) {
            let mut on_steps: HashMap<usize, Vec<usize>> = HashMap::new();
            let ordered = j.ordered_steps();
            let completion = j
                .completion_step()
                .and_then(|done| ordered.iter().position(|s| s.id == done.id));
            let steps = ordered
                .iter()
                .enumerate()
                .map(|(si, s)| {
                    for tp in &s.touchpoints {
                        if let Some(&t) = tp_index.get(tp.as_str()) {
                            on_steps.entry(t).or_default().push(si);
                        }
                    }
                    let phase = j
                        .stages
                        .iter()
                        .find(|st| st.id == s.stage)
                        .map(|st| st.phase.clone())
                        .unwrap_or_default();
                    (s.id.clone(), s.stage.clone(), phase)
                })
                .collect();
            for &t in on_steps.keys() {
                by_touchpoint.entry(t).or_default().push(live.len());
            }
            live.push(Live {
                id: j.id.clone(),
                steps,
                on_steps,
                timeout: SignedDuration::from_hours(i64::from(j.abandon_after_days()) * 24),
                completion,
            });
        }
        JourneyIndex {
            live,
            by_touchpoint,
        }
    }

    /// The live journeys (indices) a touchpoint is on.
    pub fn journeys_of(&self, touchpoint: usize) -> &[usize] {
        self.by_touchpoint
            .get(&touchpoint)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub fn journey_id(&self, journey: usize) -> &str {
        &self.live[journey].id
    }

    /// How many live (as-is) journeys there are.
    pub fn len(&self) -> usize {
        self.live.len()
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }

    /// The live journey with this id.
    pub fn journey_index(&self, id: &str) -> Option<usize> {
        self.live.iter().position(|l| l.id == id)
    }

    /// Step `step` of live journey `journey`: its id, stage id and phase id.
    pub fn step(&self, journey: usize, step: usize) -> (&str, &str, &str) {
        let (s, st, p) = &self.live[journey].steps[step];
        (s, st, p)
    }

    /// How long a run of live journey `journey` may idle before it is abandoned.
    pub fn timeout(&self, journey: usize) -> SignedDuration {
        self.live[journey].timeout
    }

    fn position(&self, journey: usize, touchpoint: usize) -> Option<&[usize]> {
        self.live[journey]
            .on_steps
            .get(&touchpoint)
            .map(Vec::as_slice)
    }
}

/// What one hit did to one run: the step it placed the run on, the step it was on before
/// (`None` for a new run), whether it started the run or reached its completing step, and
/// the run it closed first (idle too long, or completed and starting over).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunMove {
    /// The live journey (index into the [`JourneyIndex`]).
    pub journey: usize,
    /// The run (index into [`Runs::instances`]).
    pub instance: usize,
    pub run: u32,
    pub step: usize,
    pub previous: Option<usize>,
    pub started: bool,
    pub completed: bool,
    pub closed: Option<Closed>,
}

/// A run that ended: where it stood and how it ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Closed {
    pub instance: usize,
    pub step: usize,
    pub status: InstanceStatus,
}

/// One customer's runs, built hit by hit in time order. Serializable (the moment engine's
/// snapshot): the journeys in `current` are numbered as in the [`JourneyIndex`] of the
/// workspace it was built on.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Runs {
    pub instances: Vec<JourneyInstance>,
    /// Per live journey: the index in `instances` of the current run and its step index, and
    /// whether it has reached its completing step.
    current: HashMap<usize, Current>,
}

#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
struct Current {
    instance: usize,
    step: usize,
    complete: bool,
}

impl Runs {
    /// Places a hit of `touchpoint` at `at` on every live journey that has it. Returns whether
    /// it started a run.
    pub fn hit(
        &mut self,
        index: &JourneyIndex,
        touchpoint: usize,
        touchpoint_id: &str,
        at: Timestamp,
    ) -> bool {
        self.hit_steps(index, touchpoint, touchpoint_id, at)
            .iter()
            .any(|m| m.started)
    }

    /// Like [`hit`](Self::hit), saying what the hit did to each run it touched: the
    /// milestones business moments trigger on.
    pub fn hit_steps(
        &mut self,
        index: &JourneyIndex,
        touchpoint: usize,
        touchpoint_id: &str,
        at: Timestamp,
    ) -> Vec<RunMove> {
        let mut moves = Vec::new();
        for &j in index.journeys_of(touchpoint) {
            let live = &index.live[j];
            let Some(steps) = index.position(j, touchpoint) else {
                continue;
            };
            let mut current = self.current.get(&j).copied();
            let mut closed = None;
            if let Some(c) = current {
                let idle = at.duration_since(self.instances[c.instance].last_at);
                let step = choose(steps, c.step);
                let starts_over = c.complete && live.completion.is_some_and(|done| step <= done);
                if idle > live.timeout || starts_over {
                    self.close(c);
                    closed = Some(Closed {
                        instance: c.instance,
                        step: c.step,
                        status: self.instances[c.instance].status,
                    });
                    current = None;
                }
            }
            let started = current.is_none();
            let c = match current {
                Some(c) => c,
                None => {
                    let run = self
                        .instances
                        .iter()
                        .filter(|i| i.journey == live.id)
                        .count() as u32
                        + 1;
                    self.instances.push(JourneyInstance {
                        journey: live.id.clone(),
                        run,
                        started_at: at,
                        last_at: at,
                        status: InstanceStatus::Active,
                        step: String::new(),
                        stage: String::new(),
                        phase: String::new(),
                        hits: Vec::new(),
                    });
                    Current {
                        instance: self.instances.len() - 1,
                        step: 0,
                        complete: false,
                    }
                }
            };
            let step = choose(steps, c.step);
            let previous = (!started).then_some(c.step);
            let (step_id, stage, phase) = &live.steps[step];
            let instance = &mut self.instances[c.instance];
            instance.last_at = at;
            instance.step = step_id.clone();
            instance.stage = stage.clone();
            instance.phase = phase.clone();
            instance.hits.push(Hit {
                at,
                touchpoint: touchpoint_id.to_owned(),
                step: step_id.clone(),
            });
            let complete = c.complete || live.completion.is_some_and(|done| step >= done);
            moves.push(RunMove {
                journey: j,
                instance: c.instance,
                run: instance.run,
                step,
                previous,
                started,
                completed: complete && !c.complete,
                closed,
            });
            self.current.insert(
                j,
                Current {
                    instance: c.instance,
                    step,
                    complete,
                },
            );
        }
        moves
    }

    /// Closes the open runs idle past their journey's timeout at `now`, as
    /// [`finish`](Self::finish) would settle them, and returns them: runs abandoned (or
    /// completed) while nobody was looking.
    pub fn expire(&mut self, index: &JourneyIndex, now: Timestamp) -> Vec<(usize, Closed)> {
        let due: Vec<(usize, Current)> = self
            .current
            .iter()
            .filter(|(j, c)| {
                now.duration_since(self.instances[c.instance].last_at) > index.live[**j].timeout
            })
            .map(|(j, c)| (*j, *c))
            .collect();
        due.into_iter()
            .map(|(j, c)| {
                self.current.remove(&j);
                self.close(c);
                (
                    j,
                    Closed {
                        instance: c.instance,
                        step: c.step,
                        status: self.instances[c.instance].status,
                    },
                )
            })
            .collect()
    }

    /// When the customer's open run of live journey `j` times out, if one is open.
    pub fn deadline(&self, index: &JourneyIndex, j: usize) -> Option<Timestamp> {
        let c = self.current.get(&j)?;
        self.instances[c.instance]
            .last_at
            .checked_add(index.live[j].timeout)
            .ok()
    }

    /// The phase of the customer's most recently active open run, of any journey.
    pub fn latest_phase(&self) -> Option<&str> {
        self.current
            .values()
            .map(|c| &self.instances[c.instance])
            .max_by_key(|i| i.last_at)
            .map(|i| i.phase.as_str())
    }

    /// The customer's run of `journey` (by id) that a moment belongs to: the current run of
    /// it, else their latest run of it.
    pub fn run_of(&self, journey: &str) -> Option<u32> {
        self.instances
            .iter()
            .rev()
            .find(|i| i.journey == journey)
            .map(|i| i.run)
    }

    /// Whether the customer has run `run` of `journey`.
    pub fn has(&self, journey: &str, run: u32) -> bool {
        self.instances
            .iter()
            .any(|i| i.journey == journey && i.run == run)
    }

    /// The current run (journey id, run) of a journey that has `touchpoint`, the most recently
    /// active first.
    pub fn current_with(&self, index: &JourneyIndex, touchpoint: usize) -> Option<(String, u32)> {
        index
            .journeys_of(touchpoint)
            .iter()
            .filter_map(|j| self.current.get(j))
            .map(|c| &self.instances[c.instance])
            .max_by_key(|i| i.last_at)
            .map(|i| (i.journey.clone(), i.run))
    }

    /// Settles every run still open at `now`: active if within its timeout (or completed),
    /// else completed or abandoned.
    pub fn finish(&mut self, index: &JourneyIndex, now: Timestamp) {
        let open: Vec<(usize, Current)> = self.current.drain().collect();
        for (j, c) in open {
            let timeout = index.live[j].timeout;
            let i = &mut self.instances[c.instance];
            i.status = if c.complete {
                InstanceStatus::Completed
            } else if now.duration_since(i.last_at) > timeout {
                InstanceStatus::Abandoned
            } else {
                InstanceStatus::Active
            };
        }
    }

    fn close(&mut self, c: Current) {
        self.instances[c.instance].status = if c.complete {
            InstanceStatus::Completed
        } else {
            InstanceStatus::Abandoned
        };
    }
}

/// The step a touchpoint on several steps stands for: the first at or after where the
/// customer is, else its first.
fn choose(steps: &[usize], from: usize) -> usize {
    steps
        .iter()
        .copied()
        .find(|&s| s >= from)
        .unwrap_or(steps[0])
}
