//! The Stig design-time model: personas, journeys, touchpoints, actors, goals and dilemmas,
//! the validator that checks them, and journey-as-code (a directory of TOML files).
//!
//! ```no_run
//! let checked = stig_model::code::load_dir("examples/arctic-winter").unwrap();
//! for d in &checked.diagnostics {
//!     eprintln!("{}:{}:{}: {}", d.file_name(), d.line, d.column, d.diagnostic.message);
//! }
//! let ws = checked.workspace;
//! println!("{} personas, {} journeys", ws.personas.len(), ws.journeys.len());
//! ```
//!
//! Design decision: the model types are the file format (serde, `deny_unknown_fields`), and a
//! [`Location`] is a path of TOML keys inside an entity. The validator therefore knows nothing of
//! files, and the loader maps its locations back to `file:line:column`. This crate knows
//! nothing of databases, HTTP or HTML.

mod actor;
pub mod code;
mod diagnostic;
mod dilemma;
mod goal;
mod journey;
mod moment;
mod persona;
pub mod synthetic;
mod touchpoint;
mod validate;
mod workspace;

pub use actor::{Actor, ActorKind};
pub use diagnostic::{Code, Diagnostic, Location, Origin, Seg, Severity, did_you_mean};
pub use dilemma::{Dilemma, DilemmaOption};
pub use goal::Goal;
pub use journey::{
    EmotionalElement, Evidence, EvidenceKind, Journey, JourneyState, Phase, Sense, Stage, Step,
    default_phases,
};
pub use moment::{
    Action, Conditions, Limits, Localized, MilestoneKind, Moment, Purpose, QuietHours,
    TraitCondition, Trigger, consent_key, parse_clock, parse_offset,
};
pub use persona::{Demographics, Persona};
pub use touchpoint::{
    Channel, Discipline, KnownChannel, Mode, Owner, PagePattern, PropertyValue, Signal, Survey,
    SurveyKind, Touchpoint,
};
pub use validate::{id_from_name, slug, unique_id, valid_id, validate};
pub use workspace::{LOCALES, PreferenceRule, Retention, Settings, Smtp, SmtpSecurity, Workspace};
