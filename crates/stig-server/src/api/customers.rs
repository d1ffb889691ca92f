//! Customers as the events show them: the list (with lifecycle and run counts) and one
//! profile whole (ids, traits with history, lifecycle, journey runs with their touchpoint hits,
//! feedback). Read-only: everything here is derived from the stored events.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use stig_pipeline::customers::{
    Feedback, JourneyInstance, LifecycleChange, LifecycleKind, LifecycleStatus, Profile,
};

use crate::auth::ApiUser;
use crate::error::{ApiError, AppError};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct ListParams {
    /// `active`, `churned` or `prospect`.
    status: Option<String>,
    /// At most this many (default 100, at most 1,000).
    limit: Option<usize>,
    offset: Option<usize>,
}

/// A page of customers, most recently seen first, with the workspace's totals.
#[derive(Serialize, schemars::JsonSchema)]
pub struct CustomerList {
    /// Customers matching the filter.
    pub total: usize,
    /// Customers per lifecycle status, all of them.
    pub statuses: BTreeMap<String, u64>,
    /// Journey runs per journey id, by status (`active`, `completed`, `abandoned`).
    pub runs: BTreeMap<String, BTreeMap<String, u64>>,
    /// Events read.
    pub events: u64,
    pub customers: Vec<CustomerSummary>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct CustomerSummary {
    pub id: String,
    pub status: String,
    pub first_seen: String,
    pub last_seen: String,
    pub events: u64,
    pub runs: usize,
    pub feedback: usize,
}

/// One customer, whole.
#[derive(Serialize, schemars::JsonSchema)]
pub struct CustomerProfile {
    pub id: String,
    pub user_ids: Vec<String>,
    pub anonymous_ids: Vec<String>,
    pub status: String,
    pub first_seen: String,
    pub last_seen: String,
    pub events: u64,
    pub traits: Map<String, Value>,
    pub trait_history: Vec<TraitChangeDoc>,
    pub lifecycle: Vec<LifecycleDoc>,
    pub runs: Vec<RunDoc>,
    pub feedback: Vec<FeedbackDoc>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct TraitChangeDoc {
    pub at: String,
    pub key: String,
    pub value: Value,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct LifecycleDoc {
    pub at: String,
    /// `acquired`, `churned` or `reactivated`.
    pub change: String,
    /// Acquired: the journey or purchase event; churned: the event, absent for inactivity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct RunDoc {
    pub journey: String,
    pub run: u32,
    /// `active`, `completed` or `abandoned`.
    pub status: String,
    pub started_at: String,
    pub last_at: String,
    pub phase: String,
    pub stage: String,
    pub step: String,
    pub hits: Vec<HitDoc>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct HitDoc {
    pub at: String,
    pub touchpoint: String,
    pub step: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct FeedbackDoc {
    pub at: String,
    /// `nps`, `csat` or `ces`.
    pub score_type: String,
    pub score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journey: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    _user: ApiUser,
    Path(ws_id): Path<String>,
    Query(params): Query<ListParams>,
) -> Result<Json<CustomerList>, ApiError> {
    // Out of the documented range is refused, not clamped, so a caller learns of it.
    let limit = params.limit.unwrap_or(100);
    if limit > 1000 {
        return Err(
            AppError::BadRequest(format!("parameter `limit`: {limit} is over 1000")).into(),
        );
    }
    if params.offset.is_some_and(|o| o > u32::MAX as usize) {
        return Err(AppError::BadRequest(format!("parameter `offset`: over {}", u32::MAX)).into());
    }
    let status = match super::given(params.status.as_deref()) {
        None => None,
        Some(name) => Some(LifecycleStatus::parse(name).ok_or_else(|| {
            AppError::BadRequest(format!(
                "status `{name}` is not active, churned or prospect"
            ))
        })?),
    };
    let (_, ix) = crate::customers::load_index(&state, &ws_id).await?;
    let all = crate::customers::list(&ix);
    let matching: Vec<&stig_insight::index::Card> = all
        .cards
        .iter()
        .copied()
        .filter(|p| status.is_none_or(|s| p.status == s))
        .collect();
    Ok(Json(CustomerList {
        total: matching.len(),
        statuses: all
            .statuses
            .iter()
            .map(|(s, n)| (s.as_str().to_owned(), *n))
            .collect(),
        runs: all
            .runs
            .iter()
            .map(|(j, by)| {
                let by = by.iter().map(|(s, n)| (s.as_str().to_owned(), *n));
                (j.clone(), by.collect())
            })
            .collect(),
        events: all.events,
        customers: matching
            .into_iter()
            .skip(params.offset.unwrap_or(0))
            .take(limit)
            .map(|p| CustomerSummary {
                id: p.id.clone(),
                status: p.status.as_str().to_owned(),
                first_seen: p.first_seen.to_string(),
                last_seen: p.last_seen.to_string(),
                events: p.events,
                runs: p.runs as usize,
                feedback: p.answers as usize,
            })
            .collect(),
    }))
}

pub async fn get(
    State(state): State<AppState>,
    _user: ApiUser,
    Path((ws_id, id)): Path<(String, String)>,
) -> Result<Json<CustomerProfile>, ApiError> {
    let (ws, ix) = crate::customers::load_index(&state, &ws_id).await?;
    let p = crate::customers::profile(&state, &ws_id, &ws, &ix, &id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no customer `{id}` in `{ws_id}`")))?;
    Ok(Json(profile_doc(&p)))
}

pub(crate) fn profile_doc(p: &Profile) -> CustomerProfile {
    CustomerProfile {
        id: p.id.clone(),
        user_ids: p.user_ids.clone(),
        anonymous_ids: p.anonymous_ids.clone(),
        status: p.status.as_str().to_owned(),
        first_seen: p.first_seen.to_string(),
        last_seen: p.last_seen.to_string(),
        events: p.events,
        traits: p.traits.clone(),
        trait_history: p
            .trait_history
            .iter()
            .map(|t| TraitChangeDoc {
                at: t.at.to_string(),
                key: t.key.clone(),
                value: t.value.clone(),
            })
            .collect(),
        lifecycle: p.lifecycle.iter().map(lifecycle_doc).collect(),
        runs: p.instances.iter().map(run_doc).collect(),
        feedback: p.feedback.iter().map(feedback_doc).collect(),
    }
}

fn lifecycle_doc(l: &LifecycleChange) -> LifecycleDoc {
    let (change, by) = match &l.kind {
        LifecycleKind::Acquired { via } => ("acquired", Some(via.clone())),
        LifecycleKind::Churned { event } => ("churned", event.clone()),
        LifecycleKind::Reactivated => ("reactivated", None),
    };
    LifecycleDoc {
        at: l.at.to_string(),
        change: change.to_owned(),
        by,
    }
}

fn run_doc(i: &JourneyInstance) -> RunDoc {
    RunDoc {
        journey: i.journey.clone(),
        run: i.run,
        status: i.status.as_str().to_owned(),
        started_at: i.started_at.to_string(),
        last_at: i.last_at.to_string(),
        phase: i.phase.clone(),
        stage: i.stage.clone(),
        step: i.step.clone(),
        hits: i
            .hits
            .iter()
            .map(|h| HitDoc {
                at: h.at.to_string(),
                touchpoint: h.touchpoint.clone(),
                step: h.step.clone(),
            })
            .collect(),
    }
}

fn feedback_doc(f: &Feedback) -> FeedbackDoc {
    FeedbackDoc {
        at: f.at.to_string(),
        score_type: f.kind.as_str().to_owned(),
        score: f.score,
        comment: f.comment.clone(),
        touchpoint: f.touchpoint.clone(),
        journey: f.instance.as_ref().map(|(j, _)| j.clone()),
        run: f.instance.as_ref().map(|(_, r)| *r),
    }
}
