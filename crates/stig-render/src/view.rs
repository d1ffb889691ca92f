//! Resolves a journey of a workspace into what the map shows: steps in display order with
//! their phase, stage, touchpoints and actors, and the personas whose curves are drawn.

use stig_model::{Actor, Journey, Phase, Stage, Step, Touchpoint, Workspace, did_you_mean};

use crate::labels::{self, Labels};
use crate::theme::{CurveStyle, curve_style};
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
    let journey = ws.journey(journey_id).ok_or_else(|| RenderError::UnknownJourney {
        id: journey_id.to_owned(),
        suggestion: did_you_mean(journey_id, ws.journeys.iter().map(|j| j.id.as_str())),
        available: ws.journeys.iter().map(|j| j.id.clone()).collect(),
    })?;
    let locale = opts.locale.clone().unwrap_or_else(|| ws.settings.locale.clone());
    let labels = labels::for_locale(&locale);

    let steps = journey
        .ordered_steps()
        .into_iter()
        .enumerate()
        .map(|(i, step)| step_view(ws, journey, step, i + 1))
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
    if personas.is_empty() {
        personas.push(PersonaView { id: None, name: labels.all_customers, style: curve_style(0) });
    }

    Ok(MapView { ws, journey, steps, personas, labels, locale })
}

fn add_persona<'a>(personas: &mut Vec<PersonaView<'a>>, ws: &'a Workspace, id: &str) {
    if let Some(p) = ws.persona(id) {
        if !personas.iter().any(|v| v.id == Some(p.id.as_str())) {
            let style = curve_style(personas.len());
            personas.push(PersonaView { id: Some(&p.id), name: &p.name, style });
        }
    }
}

fn step_view<'a>(
    ws: &'a Workspace,
    journey: &'a Journey,
    step: &'a Step,
    number: usize,
) -> StepView<'a> {
    let stage = journey.stage(&step.stage);
    let phase = journey.phase_of(step);
    let phase_index = phase.and_then(|p| journey.phases.iter().position(|q| q.id == p.id));
    let touchpoints: Vec<TouchpointView<'a>> = step
        .touchpoints
        .iter()
        .map(|id| match ws.touchpoint(id) {
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
            actors.push(ActorView { id, actor: ws.actor(id) });
        }
    }
    StepView { number, step, phase, phase_index, stage, touchpoints, actors }
}
