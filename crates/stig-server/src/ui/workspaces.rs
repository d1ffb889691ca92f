//! `GET /workspaces/new`, `POST /workspaces`: an admin creates a workspace in the browser:
//! empty, from one of the templates the binary embeds, or from an uploaded journey-as-code
//! zip (the layout `stig export` writes). `GET /w/{ws}/guide` and
//! `POST /w/{ws}/guide/survey-link`: the first-run guide on an unfinished workspace's overview.

use std::io::Read as _;
use std::path::{Component, PathBuf};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::CookieJar;
use maud::Markup;
use serde::Deserialize;

use stig_model::code::{SourceFile, load_files};
use stig_model::{Settings, Severity, Workspace};
use stig_store::{EventFilter, Role};

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser, constant_time_eq};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::guide::{GuideState, MintedLink, guide_fragment, guide_page};
use crate::views::workspaces::{NewWorkspaceForm, NewWorkspaceProblems, new_workspace_page};
use crate::views::{FlashKind, urlencode};

/// The largest zip accepted (compressed), and what its files may hold once unpacked.
pub const MAX_ZIP_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_UNPACKED_BYTES: u64 = 20 * 1024 * 1024;
pub const MAX_ZIP_FILES: usize = 2_000;

/// A workspace to start from, embedded in the binary (the examples of `stig demo`).
#[derive(Debug, Clone)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub locale: String,
    pub personas: usize,
    pub journeys: usize,
    pub touchpoints: usize,
    pub files: Vec<SourceFile>,
    /// The checked model, without errors.
    pub workspace: Workspace,
}

/// The templates offered on the "new workspace" page, by name.
#[derive(Debug, Clone, Default)]
pub struct Templates(Vec<Template>);

impl Templates {
    /// Templates from `(id, files)`; a set of files that does not load without errors (an
    /// example being written, say) is left out rather than offered broken.
    pub fn new(examples: Vec<(String, Vec<SourceFile>)>) -> Templates {
        let mut out: Vec<Template> = examples
            .into_iter()
            .filter_map(|(id, files)| {
                let checked = load_files(files.clone());
                if checked.has_errors() {
                    tracing::warn!(template = %id, "an embedded template has errors; not offered");
                    return None;
                }
                let ws = checked.workspace;
                Some(Template {
                    id,
                    name: ws.settings.name.clone(),
                    locale: ws.settings.locale.clone(),
                    personas: ws.personas.len(),
                    journeys: ws.journeys.len(),
                    touchpoints: ws.touchpoints.len(),
                    files,
                    workspace: ws,
                })
            })
            .collect();
        out.sort_by_key(|t| t.name.to_lowercase());
        Templates(out)
    }

    pub fn all(&self) -> &[Template] {
        &self.0
    }

    pub fn get(&self, id: &str) -> Option<&Template> {
        self.0.iter().find(|t| t.id == id)
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/workspaces/new", get(new))
        .route(
            "/workspaces",
            // Room for the zip and the other fields of the form.
            post(create).layer(DefaultBodyLimit::max(MAX_ZIP_BYTES + 64 * 1024)),
        )
        .route("/w/{ws}/guide", get(guide))
        .route("/w/{ws}/guide/survey-link", post(survey_link))
}

async fn new(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
) -> Result<(CookieJar, Markup), AppError> {
    user.require(Role::Admin)?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, None, None, &uri, flash).await?;
    let form = NewWorkspaceForm {
        from: "empty".into(),
        ..Default::default()
    };
    let page = new_workspace_page(
        &ctx,
        state.templates.all(),
        &form,
        &NewWorkspaceProblems::default(),
    );
    Ok((jar, page))
}

/// What was uploaded: the form's text fields and the zip's bytes.
#[derive(Default)]
struct Upload {
    csrf: String,
    form: NewWorkspaceForm,
    zip: Option<(String, Vec<u8>)>,
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, String> {
    let mut up = Upload::default();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(multipart_error(e)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "zip" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let mut bytes = Vec::new();
            let mut field = field;
            loop {
                match field.chunk().await {
                    Ok(Some(chunk)) => {
                        if bytes.len() + chunk.len() > MAX_ZIP_BYTES {
                            return Err(too_large());
                        }
                        bytes.extend_from_slice(&chunk);
                    }
                    Ok(None) => break,
                    Err(e) => return Err(multipart_error(e)),
                }
            }
            if !bytes.is_empty() {
                up.zip = Some((file_name, bytes));
            }
            continue;
        }
        let value = field.text().await.map_err(multipart_error)?;
        match name.as_str() {
            "csrf" => up.csrf = value,
            "name" => up.form.name = value,
            "id" => up.form.id = value,
            "from" => up.form.from = value,
            "template" => up.form.template = value,
            _ => {}
        }
    }
    Ok(up)
}

fn too_large() -> String {
    format!(
        "the zip is larger than {} MB",
        MAX_ZIP_BYTES / (1024 * 1024)
    )
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> String {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        format!("the form could not be read: {}", e.body_text())
    }
}

async fn create(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let upload = read_upload(multipart).await;
    // The CSRF check comes first, before anything else the form says is believed.
    if let Ok(up) = &upload
        && !constant_time_eq(up.csrf.as_bytes(), user.csrf.as_bytes())
    {
        return Err(AppError::Csrf);
    }
    let (mut form, zip, read_error) = match upload {
        Ok(up) => (up.form, up.zip, None),
        // The form could not be read whole (too large): no CSRF token to check, and nothing
        // is created; say why.
        Err(e) => (NewWorkspaceForm::default(), None, Some(e)),
    };
    user.require(Role::Admin)?;
    let tr = crate::i18n::Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    let mut problems = NewWorkspaceProblems::default();
    if let Some(e) = read_error {
        problems.general.push(e);
    }
    form.name = form.name.trim().to_owned();
    form.id = form.id.trim().to_owned();

    // The design to start from, checked like `stig check`.
    let workspace: Option<Workspace> = if !problems.general.is_empty() {
        None
    } else {
        match form.from.as_str() {
            "empty" => {
                if form.name.is_empty() {
                    problems.field("name", tr.t("ws-new-error-name"));
                }
                // Through serde, so every setting gets the default a stig.toml would.
                let settings: Settings = serde_json::from_value(serde_json::json!({
                    "name": form.name,
                    "locale": user.locale.code(),
                }))
                .map_err(|e| AppError::Internal(format!("default settings: {e}")))?;
                Some(Workspace {
                    settings,
                    ..Workspace::default()
                })
            }
            "template" => match state.templates.get(&form.template) {
                Some(t) => Some(t.workspace.clone()),
                None => {
                    problems.field("template", tr.t("ws-new-error-template"));
                    None
                }
            },
            "zip" => match &zip {
                None => {
                    problems.field("zip", tr.t("ws-new-error-zip-missing"));
                    None
                }
                Some((_, bytes)) => match unzip(bytes) {
                    Err(e) => {
                        problems.field("zip", e);
                        None
                    }
                    Ok(files) => {
                        let checked = load_files(files);
                        let errors: Vec<_> = checked
                            .diagnostics
                            .iter()
                            .filter(|d| d.severity() == Severity::Error)
                            .collect();
                        if errors.is_empty() {
                            Some(checked.workspace)
                        } else {
                            problems.field("zip", tr.t("ws-new-error-zip-invalid"));
                            problems.diagnostics = errors
                                .into_iter()
                                .map(|d| {
                                    let file = d
                                        .file
                                        .as_ref()
                                        .map(|f| f.display().to_string())
                                        .unwrap_or_default();
                                    let place = if file.is_empty() {
                                        String::new()
                                    } else {
                                        format!("{file}:{}:{}", d.line, d.column)
                                    };
                                    (place, d.diagnostic.message.clone())
                                })
                                .collect();
                            None
                        }
                    }
                },
            },
            other => {
                problems.general.push(format!("unknown start `{other}`"));
                None
            }
        }
    };

    // The name given overrides the template's; the id is derived from the name unless typed.
    let mut workspace = workspace;
    if let Some(ws) = workspace.as_mut()
        && !form.name.is_empty()
    {
        ws.settings.name = form.name.clone();
    }
    let name = workspace
        .as_ref()
        .map(|w| w.settings.name.clone())
        .unwrap_or_default();
    let id = if form.id.is_empty() {
        stig_model::slug(&name)
    } else {
        form.id.clone()
    };
    if workspace.is_some() {
        if id.is_empty() || !stig_model::valid_id(&id) {
            problems.field("id", tr.ta("ws-new-error-id", &[("id", id.clone().into())]));
        } else if state
            .store
            .list_workspaces()
            .await?
            .iter()
            .any(|w| w.id == id)
        {
            problems.field(
                "id",
                tr.ta("ws-new-error-id-taken", &[("id", id.clone().into())]),
            );
        }
    }

    match workspace {
        Some(ws) if problems.is_empty() => {
            if form.from == "empty" {
                state
                    .store
                    .create_workspace(&id, &ws.settings, &user.user.name)
                    .await?;
            } else {
                state
                    .store
                    .import_workspace(&id, &ws, &user.user.name)
                    .await?;
            }
            let created = stig_store::AuditAction::WorkspaceCreated;
            let what = ("workspace", id.as_str());
            crate::audit::did(&state, &user.user, created, Some(&id), what).await;
            let jar = flash::set(
                jar,
                FlashKind::Success,
                &tr.ta(
                    "ws-new-created",
                    &[("name", ws.settings.name.clone().into())],
                ),
            );
            Ok((jar, Redirect::to(&format!("/w/{}", urlencode(&id)))).into_response())
        }
        _ => {
            let ctx = page_ctx(&state, &user, None, None, &uri, None).await?;
            let page = new_workspace_page(&ctx, state.templates.all(), &form, &problems);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, jar, page).into_response())
        }
    }
}

/// The journey-as-code files in a zip: `.toml` files only (a README or `.DS_Store` is
/// ignored), under one top folder or none. Paths that climb out of the archive or are
/// absolute are refused, as are archives that unpack to more than the limits.
pub fn unzip(bytes: &[u8]) -> Result<Vec<SourceFile>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("this is not a zip file ({e})"))?;
    if archive.len() > MAX_ZIP_FILES {
        return Err(format!(
            "the zip holds {} files; at most {MAX_ZIP_FILES} are accepted",
            archive.len()
        ));
    }
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("entry {} of the zip cannot be read ({e})", i + 1))?;
        let raw = entry.name().to_owned();
        if entry.is_dir() {
            continue;
        }
        // Zip-slip: a path with `..`, a root or a drive is refused, not cleaned up.
        let safe = PathBuf::from(raw.replace('\\', "/"));
        if safe
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
            || entry.enclosed_name().is_none()
        {
            return Err(format!(
                "`{raw}` in the zip points outside the workspace folder"
            ));
        }
        if safe.extension().is_none_or(|x| x != "toml")
            || safe.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|s| s.starts_with('.') || s == "__MACOSX")
            })
        {
            continue;
        }
        let mut text = String::new();
        let room = MAX_UNPACKED_BYTES.saturating_sub(total);
        let read = (&mut entry)
            .take(room + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("`{raw}` in the zip cannot be read as UTF-8 text ({e})"))?;
        total += read as u64;
        if total > MAX_UNPACKED_BYTES {
            return Err(format!(
                "the zip unpacks to more than {} MB of files",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ));
        }
        files.push(SourceFile {
            path: safe.components().collect(),
            text,
        });
    }
    if files.is_empty() {
        return Err("the zip holds no .toml files of a workspace".into());
    }
    // `stig export` writes the files at the top; a zipped folder puts them one level down.
    if !files
        .iter()
        .any(|f| f.path == std::path::Path::new("stig.toml"))
    {
        let tops: std::collections::BTreeSet<_> = files
            .iter()
            .filter_map(|f| f.path.components().next().map(|c| c.as_os_str().to_owned()))
            .collect();
        let one_folder = tops.len() == 1 && files.iter().all(|f| f.path.components().count() > 1);
        if let (true, Some(top)) = (one_folder, tops.into_iter().next()) {
            for f in &mut files {
                if let Ok(rest) = f.path.strip_prefix(&top) {
                    f.path = rest.to_owned();
                }
            }
        }
    }
    if !files
        .iter()
        .any(|f| f.path == std::path::Path::new("stig.toml"))
    {
        return Err(
            "the zip has no stig.toml (export a workspace with `stig export` or the Export button)"
                .into(),
        );
    }
    Ok(files)
}

// ---- the first-run guide -----------------------------------------------------------------

/// How far a workspace is from its first survey answer.
async fn guide_state(
    state: &AppState,
    ws_id: &str,
    ws: &Workspace,
) -> Result<GuideState, AppError> {
    let sources = state.store.list_sources(ws_id).await?;
    let events = state.store.count_events(ws_id).await?;
    let answered = events > 0
        && !state
            .store
            .scan_event_texts_matching(
                ws_id,
                0,
                1,
                &EventFilter {
                    event: Some("Feedback Submitted".into()),
                    ..EventFilter::default()
                },
            )
            .await?
            .is_empty();
    Ok(GuideState {
        has_design: !ws.personas.is_empty() && !ws.journeys.is_empty(),
        first_source: sources.first().map(|s| s.id.clone()),
        events,
        survey_touchpoints: ws
            .touchpoints
            .iter()
            .filter(|t| t.survey.is_some())
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect(),
        answered,
    })
}

/// `GET /w/{ws}/guide`: the guide as a fragment (htmx, on the overview) or as a page. The
/// fragment is empty once every step is done.
async fn guide(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    headers: HeaderMap,
    jar: CookieJar,
    Path(ws_id): Path<String>,
) -> Result<Response, AppError> {
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, flash).await?;
    let g = guide_state(&state, &ws_id, &ws).await?;
    let markup = if headers.contains_key("hx-request") {
        guide_fragment(&ctx, &g, None)
    } else {
        guide_page(&ctx, &g, None)
    };
    Ok((jar, markup).into_response())
}

#[derive(Deserialize)]
struct SurveyLinkForm {
    touchpoint: String,
    #[serde(default)]
    customer: String,
}

/// `POST /w/{ws}/guide/survey-link`: mints a survey link to try the survey page (editors).
async fn survey_link(
    State(state): State<AppState>,
    uri: Uri,
    headers: HeaderMap,
    Path(ws_id): Path<String>,
    CsrfForm(user, form): CsrfForm<SurveyLinkForm>,
) -> Result<Response, AppError> {
    user.require(Role::Editor)?;
    let (_, ws) = state.cache.workspace(state.store.as_ref(), &ws_id).await?;
    let ctx = page_ctx(&state, &user, Some(&ws), Some(&ws_id), &uri, None).await?;
    let g = guide_state(&state, &ws_id, &ws).await?;
    let customer = match form.customer.trim() {
        "" => format!("guide-{}", user.user.name),
        c => c.to_owned(),
    };
    let link = match ws.touchpoints.iter().find(|t| t.id == form.touchpoint) {
        Some(tp) if tp.survey.is_some() => {
            let invitation = crate::surveys::link::Invitation {
                workspace: ws_id.clone(),
                touchpoint: tp.id.clone(),
                customer: customer.clone(),
                journey: None,
                run: None,
                locale: Some(user.locale.code().to_owned()),
                issued_at: jiff::Timestamp::now().as_second(),
            };
            let secret = state
                .store
                .secret(crate::surveys::link::SECRET_NAME)
                .await?;
            let (token, _) = invitation.sign(&secret);
            let base = crate::api::survey_links::base_url(&state, &headers);
            Ok(MintedLink {
                url: format!("{base}/s/{token}"),
                customer,
            })
        }
        _ => Err(ctx.tr.ta(
            "guide-survey-no-touchpoint",
            &[("id", form.touchpoint.clone().into())],
        )),
    };
    let status = if link.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let markup = if headers.contains_key("hx-request") {
        guide_fragment(&ctx, &g, Some(&link))
    } else {
        guide_page(&ctx, &g, Some(&link))
    };
    Ok((status, markup).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, text) in entries {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start");
            z.write_all(text.as_bytes()).expect("write");
        }
        z.finish().expect("finish");
        buf.into_inner()
    }

    #[test]
    fn unzip_keeps_toml_strips_one_folder_and_refuses_escapes() {
        let files = unzip(&zip_of(&[
            ("hotel/stig.toml", "[workspace]\nname = \"H\"\n"),
            ("hotel/personas/ana.toml", "x"),
            ("hotel/README.md", "ignored"),
            ("__MACOSX/hotel/._stig.toml", "junk"),
        ]))
        .expect("unzips");
        let paths: Vec<_> = files.iter().map(|f| f.path.display().to_string()).collect();
        assert_eq!(paths, ["stig.toml", "personas/ana.toml"]);

        let e = unzip(&zip_of(&[
            ("stig.toml", "[workspace]\nname = \"H\"\n"),
            ("../../etc/evil.toml", "x"),
        ]))
        .expect_err("zip-slip");
        assert!(e.contains("../../etc/evil.toml"), "{e}");
        let e = unzip(&zip_of(&[("/abs.toml", "x")])).expect_err("absolute");
        assert!(e.contains("outside"), "{e}");
        let e = unzip(&zip_of(&[("personas/a.toml", "x")])).expect_err("no stig.toml");
        assert!(e.contains("stig.toml"), "{e}");
        let e = unzip(b"not a zip").expect_err("not a zip");
        assert!(e.contains("not a zip"), "{e}");
    }
}
