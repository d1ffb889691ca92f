//! Exports: a journey map as SVG, PNG or PDF; the whole workspace as journey-as-code (zip).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Query;
use serde::Deserialize;
use std::io::Write;

use crate::auth::SessionUser;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct MapQuery {
    #[serde(default)]
    pub persona: Vec<String>,
}

/// `GET /w/{ws}/journeys/{id}/map.{svg|png|pdf}?persona=a&persona=b`
pub async fn map(
    State(state): State<AppState>,
    _user: SessionUser,
    Path((ws_id, journey, file)): Path<(String, String, String)>,
    Query(q): Query<MapQuery>,
) -> Result<Response, AppError> {
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let opts = stig_render::MapOptions {
        personas: q.persona,
        locale: None,
        ..Default::default()
    };
    let (mime, ext, bytes) = match file.as_str() {
        "map.svg" => (
            "image/svg+xml",
            "svg",
            stig_render::render_svg(&ws, &journey, &opts)?.into_bytes(),
        ),
        // Rasterizing and PDF writing are CPU-bound: keep them off the async workers.
        "map.png" => (
            "image/png",
            "png",
            blocking(move || stig_render::render_png(&ws, &journey, &opts)).await?,
        ),
        "map.pdf" => (
            "application/pdf",
            "pdf",
            blocking(move || stig_render::render_pdf(&ws, &journey, &opts)).await?,
        ),
        other => {
            return Err(AppError::NotFound(format!(
                "no export `{other}`: use map.svg, map.png or map.pdf"
            )));
        }
    };
    let filename = format!("attachment; filename=\"{ws_id}-map.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        bytes,
    )
        .into_response())
}

async fn blocking<F>(f: F) -> Result<Vec<u8>, AppError>
where
    F: FnOnce() -> Result<Vec<u8>, stig_render::RenderError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::from)
}

/// `GET /w/{ws}/export.zip`: the workspace as journey-as-code files, ready for git.
pub async fn zip(
    State(state): State<AppState>,
    user: SessionUser,
    Path(ws_id): Path<String>,
) -> Result<Response, AppError> {
    let ws = state.store.load_workspace(&ws_id).await?.value;
    let export = stig_store::AuditAction::Export;
    let what = ("workspace", ws_id.as_str());
    crate::audit::did(&state, &user.user, export, Some(&ws_id), what).await;
    let files = stig_model::code::to_files(&ws);
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for f in files {
            let path = format!("{ws_id}/{}", f.path.display());
            zip.start_file(path, options)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            zip.write_all(f.text.as_bytes())
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        zip.finish()
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    let filename = format!("attachment; filename=\"{ws_id}.zip\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        buf.into_inner(),
    )
        .into_response())
}
