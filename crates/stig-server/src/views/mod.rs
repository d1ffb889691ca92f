//! Pages as maud functions named after the page. Views are pure: a [`PageCtx`] and model
//! values in, markup out; handlers in `ui/` load the data and pick the view.

pub mod layout;

// Read-only pages, one file per page.
pub mod account;
pub mod audit;
pub mod connect;
pub mod consent;
pub mod customers;
pub mod destinations;
pub mod dilemmas;
pub mod error;
pub mod forms;
pub mod goals;
pub mod guide;
pub mod insight;
pub mod journey;
pub mod journeys;
pub mod login;
pub mod moments;
pub mod overview;
pub mod parts;
pub mod people;
pub mod persona;
pub mod personas;
pub mod profile;
pub mod sources;
pub mod touchpoints;
pub mod tracking;
pub mod workspaces;

use crate::i18n::Tr;

/// What every page needs: the translator, who is looking, the CSRF token for forms,
/// the current workspace and the list to switch between, and the path (for the language switch).
pub struct PageCtx<'a> {
    pub tr: Tr<'a>,
    /// The signed-in user's name (`None` on the login page).
    pub user: Option<String>,
    /// May this user edit (role editor or admin)?
    pub can_edit: bool,
    pub is_admin: bool,
    pub csrf: String,
    /// `(id, name)` of the workspace in view.
    pub workspace: Option<(String, String)>,
    /// `(id, name)` of every workspace, for the switcher.
    pub workspaces: Vec<(String, String)>,
    /// The request path and query, to come back to after switching language.
    pub path: String,
    /// A one-time message after an action ("Saved").
    pub flash: Option<Flash>,
}

pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Error,
}

impl PageCtx<'_> {
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
    /// A URL inside the current workspace: `ctx.ws_url("/personas")` → `/w/arctic-winter/personas`.
    pub fn ws_url(&self, rest: &str) -> String {
        match &self.workspace {
            Some((id, _)) => format!("/w/{}{rest}", urlencode(id)),
            None => "/".to_owned(),
        }
    }
}

/// Percent-encodes a path segment or query value.
pub fn urlencode(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}
