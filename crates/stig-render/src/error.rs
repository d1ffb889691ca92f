//! What can go wrong while rendering, with messages that say how to fix it.

/// An error from rendering a journey map.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The journey id is not in the workspace.
    #[error(
        "journey `{id}` not found{}; journeys: {}",
        hint(suggestion),
        list(available)
    )]
    UnknownJourney {
        id: String,
        /// The closest existing id, if one is a likely typo.
        suggestion: Option<String>,
        available: Vec<String>,
    },
    /// A persona asked for in [`MapOptions::personas`](crate::MapOptions) is not in the
    /// workspace.
    #[error(
        "persona `{id}` not found{}; personas: {}",
        hint(suggestion),
        list(available)
    )]
    UnknownPersona {
        id: String,
        suggestion: Option<String>,
        available: Vec<String>,
    },
    /// The SVG could not be read back (a bug in the renderer, or bad input to
    /// [`svg_to_png`](crate::svg_to_png)).
    #[error("could not read the SVG: {0}")]
    Svg(String),
    /// PDF conversion failed.
    #[error("could not write the PDF: {0}")]
    Pdf(String),
    /// PNG rasterising or encoding failed.
    #[error("could not write the PNG: {0}")]
    Png(String),
}

fn hint(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"))
}

fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        "none defined yet".to_owned()
    } else {
        ids.join(", ")
    }
}
