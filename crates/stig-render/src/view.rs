//! Resolves a journey of a workspace into what the map shows: steps in display order with
//! their phase, stage, touchpoints and actors, and the personas whose curves are drawn.

use std::collections::HashMap;

use stig_model::{Actor, Journey, Phase, Stage, Step, Touchpoint, Workspace, did_you_mean};

use crate::labels::{self, Labels};
use crate::theme::{CurveStyle, DESIGNED_DASH, MEASURED_ALL, curve_style};
use crate::{MapOptions, RenderError};

/// Everything one map draws, borrowed from the workspace.
#[derive(Debug)]
pub(crate) struct MapView<'a> {
    pub ws: &'a Workspace,
    pub journey: &'a Journey,
    pub steps: Vec<StepView<'a>>,
    pub personas: Vec<PersonaView<'a>>,
    pub labels: &'static Labels,
    pub locale: String,
    /// A customer's run to draw over the design (see [`crate::MapOptions::path`]).
    pub path: Vec<crate::PathHit>,
    /// Measured emotion curves (see [`crate::MapOptions::measured`]), with their colours.
    pub measured: Vec<MeasuredView>,
    /// The step to highlight (see [`crate::MapOptions::highlight`]).
    pub highlight: Option<String>,
}

/// A measured curve to draw: its persona's index in [`MapView::personas`] (`None`: all
/// customers, unless the map's single curve is that of all customers) and its colour.
#[derive(Debug)]
pub(crate) struct MeasuredView {
    pub persona: Option<usize>,
    pub colour: &'static str,
    pub curve: crate::MeasuredCurve,
}

/// One column of the map.
#[derive(Debug)]
pub(crate) struct StepView<'a> {
    /// 1-based position in the journey.
    pub number: usize,
    pub step: &'a Step,
    pub phase: Option<&'a Phase>,
    pub phase_index: Option<usize>,
    pub stage: Option<&'a Stage>,
    pub touchpoints: Vec<TouchpointView<'a>>,
    pub actors: Vec<ActorView<'a>>,
}

/// A touchpoint a step names: found in the workspace, or a dangling id (drawn greyed out).
#[derive(Debug)]
pub(crate) enum TouchpointView<'a> {
    Known(&'a Touchpoint),
    Missing(&'a str),
}

/// An actor of a step: from `step.actors` or owning one of its touchpoints.
#[derive(Debug)]
pub(crate) struct ActorView<'a> {
    pub id: &'a str,
    pub actor: Option<&'a Actor>,
}

impl ActorView<'_> {
    pub(crate) fn name(&self) -> &str {
        self.actor.map_or(self.id, |a| a.name.as_str())
    }
}

/// A persona whose designed emotion curve is drawn; `id` is `None` for the single curve of
/// a workspace without personas (the elements' base valences).
#[derive(Debug)]
pub(crate) struct PersonaView<'a> {
    pub id: Option<&'a str>,
    pub name: &'a str,
    pub style: CurveStyle,
    /// URL of the persona's picture (see [`crate::MapOptions::pictures`]).
    pub picture: Option<String>,
}

impl PersonaView<'_> {
    pub(crate) fn id_attr(&self) -> &str {
        self.id.unwrap_or("")
    }
}

pub(crate) fn resolve<'a>(
    ws: &'a Workspace,
    journey_id: &str,
    opts: &MapOptions,
) -> Result<MapView<'a>, RenderError> {
    let journey = ws
        .journey(journey_id)
        .ok_or_else(|| RenderError::UnknownJourney {
            id: journey_id.to_owned(),
            suggestion: did_you_mean(journey_id, ws.journeys.iter().map(|j| j.id.as_str())),
            available: ws.journeys.iter().map(|j| j.id.clone()).collect(),
        })?;
    let locale = opts
        .locale
        .clone()
        .unwrap_or_else(|| ws.settings.locale.clone());
    let labels = labels::for_locale(&locale);

    // Indexes, so that big workspaces resolve in linear time.
    let index = Index {
        // Reversed, so that the first of duplicate ids wins, as in `Workspace::touchpoint`.
        touchpoints: ws
            .touchpoints
            .iter()
            .rev()
            .map(|t| (t.id.as_str(), t))
            .collect(),
        actors: ws.actors.iter().rev().map(|a| (a.id.as_str(), a)).collect(),
        stages: journey
            .stages
            .iter()
            .rev()
            .map(|s| (s.id.as_str(), s))
            .collect(),
        phases: journey
            .phases
            .iter()
            .enumerate()
            .rev()
            .map(|(i, p)| (p.id.as_str(), (i, p)))
            .collect(),
    };
    let steps = journey
        .ordered_steps()
        .into_iter()
        .enumerate()
        .map(|(i, step)| step_view(&index, step, i + 1))
        .collect();

    let mut personas: Vec<PersonaView<'a>> = Vec::new();
    if !opts.personas.is_empty() {
        for id in &opts.personas {
            if ws.persona(id).is_none() {
                return Err(RenderError::UnknownPersona {
                    id: id.clone(),
                    suggestion: did_you_mean(id, ws.personas.iter().map(|p| p.id.as_str())),
                    available: ws.personas.iter().map(|p| p.id.clone()).collect(),
                });
            }
            add_persona(&mut personas, ws, id);
        }
    } else {
        // The journey's own personas; ids that do not resolve are the validator's business.
        for id in &journey.personas {
            add_persona(&mut personas, ws, id);
        }
        if personas.is_empty() {
            for p in &ws.personas {
                add_persona(&mut personas, ws, &p.id);
            }
        }
    }
    // A measured curve is compared with its persona's designed one, so that one is drawn too.
    for m in &opts.measured {
        if let Some(id) = &m.persona {
            add_persona(&mut personas, ws, id);
        }
    }
    for p in &mut personas {
        p.picture = p.id.and_then(|id| opts.pictures.get(id)).cloned();
    }
    if personas.is_empty() {
        personas.push(PersonaView {
            id: None,
            name: labels.all_customers,
            style: curve_style(0),
            picture: None,
        });
    }

    let measured = opts
        .measured
        .iter()
        .filter_map(|m| {
            let index = personas.iter().position(|p| p.id == m.persona.as_deref());
            let colour = match (&m.persona, index) {
                (_, Some(i)) => personas[i].style.colour,
                // A persona the workspace does not have.
                (Some(_), None) => return None,
                (None, None) => MEASURED_ALL,
            };
            Some(MeasuredView {
                persona: index,
                colour,
                curve: m.clone(),
            })
        })
        .collect::<Vec<MeasuredView>>();
    // Beside a measured curve (solid), its designed one is dashed, so the two read apart.
    for m in &measured {
        if let Some(style) = m.persona.map(|i| &mut personas[i].style) {
            style.dash = style.dash.or(Some(DESIGNED_DASH));
        }
    }

    Ok(MapView {
        ws,
        journey,
        steps,
        personas,
        labels,
        locale,
        path: opts.path.clone(),
        measured,
        highlight: opts.highlight.clone(),
    })
}

fn add_persona<'a>(personas: &mut Vec<PersonaView<'a>>, ws: &'a Workspace, id: &str) {
    if let Some(p) = ws.persona(id)
        && !personas.iter().any(|v| v.id == Some(p.id.as_str()))
    {
        let style = curve_style(personas.len());
        personas.push(PersonaView {
            id: Some(&p.id),
            name: &p.name,
            style,
            picture: None,
        });
    }
}

struct Index<'a> {
    touchpoints: HashMap<&'a str, &'a Touchpoint>,
    actors: HashMap<&'a str, &'a Actor>,
    stages: HashMap<&'a str, &'a Stage>,
    phases: HashMap<&'a str, (usize, &'a Phase)>,
}

fn step_view<'a>(index: &Index<'a>, step: &'a Step, number: usize) -> StepView<'a> {
    let stage = index.stages.get(step.stage.as_str()).copied();
    let phase = stage.and_then(|s| index.phases.get(s.phase.as_str()).copied());
    let (phase_index, phase) = (phase.map(|p| p.0), phase.map(|p| p.1));
    let touchpoints: Vec<TouchpointView<'a>> = step
        .touchpoints
        .iter()
        .map(|id| match index.touchpoints.get(id.as_str()) {
            Some(t) => TouchpointView::Known(t),
            None => TouchpointView::Missing(id),
        })
        .collect();
    let mut actors: Vec<ActorView<'a>> = Vec::new();
    let owners = touchpoints.iter().filter_map(|t| match t {
        TouchpointView::Known(t) => t.actor.as_deref(),
        TouchpointView::Missing(_) => None,
    });
    for id in step.actors.iter().map(String::as_str).chain(owners) {
        if !actors.iter().any(|a| a.id == id) {
            actors.push(ActorView {
                id,
                actor: index.actors.get(id).copied(),
            });
        }
    }
    StepView {
        number,
        step,
        phase,
        phase_index,
        stage,
        touchpoints,
        actors,
    }
}
