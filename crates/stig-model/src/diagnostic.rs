//! Diagnostics: what is wrong (or smells) in a workspace, and where.
//!
//! A [`Location`] names a place in the model as a path of TOML keys and array indices inside
//! one entity (`journeys[2]` → `step[4].touchpoints[1]`). It knows nothing about files: the
//! journey-as-code loader turns it into file, line and column, and a web form can turn it into
//! a field name. That keeps one validator for every way a workspace is edited.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Every kind of diagnostic, each with a stable code (shown to users, used in JSON output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// The file is not valid TOML.
    Syntax,
    /// Valid TOML, but a field is missing, unknown or of the wrong type.
    Schema,
    /// The workspace directory itself is unusable (no `stig.toml`, unreadable file).
    Io,
    InvalidId,
    DuplicateId,
    UnknownReference,
    /// A stage names a phase the journey does not have.
    UnknownPhase,
    ValenceOutOfRange,
    /// A per-persona variant names a persona that does not exist.
    UnknownPersona,
    /// An emotional element must name exactly one sense or intangible.
    ElementKind,
    GoalCycle,
    /// A to-be journey names an as-is journey that does not exist.
    MissingAsIs,
    EmptyField,
    /// A number outside what it may be (e.g. zero days).
    OutOfRange,
    /// An offset, time of day, time zone, URL or template that does not parse.
    InvalidValue,
    // Warnings: CX smells.
    PhaseWithoutTouchpoint,
    NoFollowUp,
    OnlyFunctional,
    PersonaWithoutLovesOrHates,
    DemographicsOnly,
    UnknownLocale,
    ChannelLooksMisspelled,
    OwnerActorMismatch,
    StageWithoutSteps,
    AsIsOnAsIsJourney,
    UnusedTouchpoint,
    /// An as-is journey completes at a step without touchpoints: no run is ever seen complete.
    CompletionUnseen,
    /// A `.toml` file the workspace layout does not know (a misspelt `touchpoint.toml`, say).
    UnknownFile,
    MomentWithoutAction,
    MissingSmtp,
    /// A partner- or public-owned touchpoint that names no actor.
    OwnerWithoutActor,
    /// A physical (on-site) touchpoint on a digital channel, or a digital one on a physical
    /// channel.
    ModeChannelMismatch,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::Schema => "schema",
            Code::Io => "io",
            Code::InvalidId => "invalid-id",
            Code::DuplicateId => "duplicate-id",
            Code::UnknownReference => "unknown-reference",
            Code::UnknownPhase => "unknown-phase",
            Code::ValenceOutOfRange => "valence-out-of-range",
            Code::UnknownPersona => "unknown-persona",
            Code::ElementKind => "element-kind",
            Code::GoalCycle => "goal-cycle",
            Code::MissingAsIs => "missing-as-is",
            Code::EmptyField => "empty-field",
            Code::OutOfRange => "out-of-range",
            Code::PhaseWithoutTouchpoint => "phase-without-touchpoint",
            Code::NoFollowUp => "no-follow-up",
            Code::OnlyFunctional => "only-functional",
            Code::PersonaWithoutLovesOrHates => "persona-without-loves-or-hates",
            Code::DemographicsOnly => "demographics-only",
            Code::UnknownLocale => "unknown-locale",
            Code::ChannelLooksMisspelled => "channel-looks-misspelled",
            Code::OwnerActorMismatch => "owner-actor-mismatch",
            Code::StageWithoutSteps => "stage-without-steps",
            Code::AsIsOnAsIsJourney => "as-is-on-as-is-journey",
            Code::UnusedTouchpoint => "unused-touchpoint",
            Code::CompletionUnseen => "completion-unseen",
            Code::UnknownFile => "unknown-file",
            Code::InvalidValue => "invalid-value",
            Code::MomentWithoutAction => "moment-without-action",
            Code::MissingSmtp => "missing-smtp",
            Code::OwnerWithoutActor => "owner-without-actor",
            Code::ModeChannelMismatch => "mode-channel-mismatch",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::PhaseWithoutTouchpoint
            | Code::NoFollowUp
            | Code::OnlyFunctional
            | Code::PersonaWithoutLovesOrHates
            | Code::DemographicsOnly
            | Code::UnknownLocale
            | Code::ChannelLooksMisspelled
            | Code::OwnerActorMismatch
            | Code::StageWithoutSteps
            | Code::AsIsOnAsIsJourney
            | Code::UnusedTouchpoint
            | Code::CompletionUnseen
            | Code::UnknownFile
            | Code::MomentWithoutAction
            | Code::MissingSmtp
            | Code::OwnerWithoutActor
            | Code::ModeChannelMismatch => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The entity a diagnostic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// No particular entity (the workspace directory as a whole).
    Workspace,
    Settings,
    Persona(usize),
    Journey(usize),
    Touchpoint(usize),
    Actor(usize),
    Goal(usize),
    Dilemma(usize),
    Moment(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// The value under a key.
    Key(String),
    /// The key itself (an unknown persona in `persona_valence = { x = 1 }` is the key `x`).
    KeyName(String),
    Index(usize),
}

impl From<&str> for Seg {
    fn from(k: &str) -> Self {
        Seg::Key(k.to_owned())
    }
}
impl From<usize> for Seg {
    fn from(i: usize) -> Self {
        Seg::Index(i)
    }
}

/// A place in the model: an entity and a path of keys and indices inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub origin: Origin,
    pub path: Vec<Seg>,
}

impl Location {
    pub fn new(origin: Origin) -> Self {
        Location {
            origin,
            path: Vec::new(),
        }
    }
    /// This location extended by one key or index.
    pub fn at(&self, seg: impl Into<Seg>) -> Self {
        let mut path = self.path.clone();
        path.push(seg.into());
        Location {
            origin: self.origin,
            path,
        }
    }
}

impl fmt::Display for Location {
    /// Dotted path as a form field name would read it: `step[3].touchpoints[1]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.path.iter().enumerate() {
            match seg {
                Seg::Key(k) | Seg::KeyName(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) | Seg::KeyName(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// One finding of the validator.
///
/// `message` is the English text (`stig check`, the API); `message_id` and `args` let a
/// user interface say the same in its own language (the web app's `check-{message_id}`
/// Fluent messages), naming entities by their names where `args` carry them.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Which message this is (default: the code's name); stable, like the code.
    pub message_id: String,
    /// The message's arguments by name (`name`, `id`, `what`…), as text.
    pub args: Vec<(String, String)>,
    pub location: Location,
    /// A replacement for the offending text ("did you mean `web-booking`?").
    pub suggestion: Option<String>,
    /// A sentence on how to fix it or why it matters.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            message_id: code.as_str().to_owned(),
            args: Vec::new(),
            location,
            suggestion: None,
            help: None,
        }
    }
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
    /// Names the message (`id`) and its arguments for translation; `message` stays the
    /// English text.
    pub fn with_args(mut self, id: &str, args: &[(&str, &str)]) -> Self {
        self.message_id = id.to_owned();
        self.args = args
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self
    }
    /// The argument `key`, if given.
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The closest candidate to `wrong`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let max = (wrong.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wrong, c), c))
        .filter(|&(d, c)| d > 0 && (d <= max || c.eq_ignore_ascii_case(wrong)))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c.to_owned())
}
