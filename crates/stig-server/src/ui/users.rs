//! `GET/POST /admin/users`: the admin's list of users, adding one, changing a role.

use axum::extract::State;
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use maud::{Markup, html};
use serde::Deserialize;

use stig_store::{Role, StoreExt};

use super::{flash, page_ctx};
use crate::auth::{CsrfForm, SessionUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::FlashKind;
use crate::views::layout::{Nav, page};

pub async fn list(
    State(state): State<AppState>,
    user: SessionUser,
    uri: Uri,
    jar: CookieJar,
) -> Result<(CookieJar, Markup), AppError> {
    user.require(Role::Admin)?;
    let users = state.store.list_users().await?;
    let (jar, flash) = flash::take(jar);
    let ctx = page_ctx(&state, &user, None, None, &uri, flash).await?;
    let roles = |selected: Role| {
        html! { @for r in Role::ALL { option value=(r.as_str()) selected[r == selected] { (ctx.t(&format!("admin-role-{}", r.as_str()))) } } }
    };
    let content = html! {
        h1 { (ctx.t("admin-users")) }
        p.muted { (ctx.t("admin-users-lead")) }
        table.data {
            thead { tr { th { (ctx.t("login-user")) } th { (ctx.t("admin-role")) } th { (ctx.t("admin-since")) } } }
            tbody {
                @for u in &users {
                    tr {
                        td { (u.name) }
                        td {
                            form.inline method="post" action="/admin/users/role" {
                                input type="hidden" name="csrf" value=(ctx.csrf);
                                input type="hidden" name="user" value=(u.id);
                                select name="role" aria-label=(ctx.t("admin-role")) disabled[u.id == user.user.id] { (roles(u.role)) }
                                @if u.id != user.user.id { " " button.btn.small.secondary type="submit" { (ctx.t("action-save")) } }
                            }
                        }
                        td { (ctx.tr.date(u.created_at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())) }
                    }
                }
            }
        }
        h2 { (ctx.t("admin-add-user")) }
        form.stack.card method="post" action="/admin/users" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            label { (ctx.t("login-user")) input type="text" name="name" required autocomplete="off"; }
            label { (ctx.t("login-password")) " " span.hint { (ctx.t("admin-password-hint")) }
                input type="password" name="password" required minlength="10" autocomplete="new-password"; }
            label { (ctx.t("admin-role")) select name="role" { (roles(Role::Editor)) } }
            div.form-actions { button.btn type="submit" { (ctx.t("admin-add-user")) } }
        }
    };
    Ok((jar, page(&ctx, &ctx.t("admin-users"), Nav::None, content)))
}

#[derive(Deserialize)]
pub struct AddForm {
    name: String,
    password: String,
    role: String,
}

pub async fn add(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(user, form): CsrfForm<AddForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    let name = form.name.trim();
    let role: Role = form
        .role
        .parse()
        .map_err(|e: stig_store::StoreError| AppError::BadRequest(e.to_string()))?;
    let jar = if name.is_empty() || form.password.chars().count() < 10 {
        flash::set(
            jar,
            FlashKind::Error,
            "a user needs a name and a password of at least 10 characters",
        )
    } else if state.store.find_user_by_name(name).await?.is_some() {
        flash::set(
            jar,
            FlashKind::Error,
            &format!("there is already a user `{name}`"),
        )
    } else {
        let added = state.store.add_user(name, &form.password, role).await?;
        crate::audit::user_created(&state, &user.user, &added).await;
        flash::set(
            jar,
            FlashKind::Success,
            &format!("{name}: {}", role.as_str()),
        )
    };
    Ok((jar, Redirect::to("/admin/users")).into_response())
}

#[derive(Deserialize)]
pub struct RoleForm {
    user: i64,
    role: String,
}

pub async fn set_role(
    State(state): State<AppState>,
    jar: CookieJar,
    CsrfForm(user, form): CsrfForm<RoleForm>,
) -> Result<Response, AppError> {
    user.require(Role::Admin)?;
    if form.user == user.user.id {
        return Err(AppError::BadRequest(
            "you cannot change your own role; ask another admin".into(),
        ));
    }
    let role: Role = form
        .role
        .parse()
        .map_err(|e: stig_store::StoreError| AppError::BadRequest(e.to_string()))?;
    let before = state.store.user(form.user).await?;
    state.store.set_role(form.user, role).await?;
    crate::audit::role_changed(&state, &user.user, &before, role).await;
    let tr = crate::i18n::Tr {
        i18n: &state.i18n,
        locale: user.locale,
    };
    Ok((
        flash::set(jar, FlashKind::Success, &tr.t("form-saved")),
        Redirect::to("/admin/users"),
    )
        .into_response())
}
