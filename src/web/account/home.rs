//! `GET /mein-bereich`: the members' home.

use super::current_user;
use crate::db::users::{self, MembershipRow};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "account/home.html")]
pub struct HomePage {
    pub layout: Layout,
    pub name: String,
    pub email: String,
    pub role: String,
    pub memberships: Vec<MembershipRow>,
    /// The last deletion attempt had a wrong password.
    pub delete_failed: bool,
    pub verified: bool,
    pub moderator: bool,
    pub admin: bool,
    /// Applications for organisations: (what, status in words).
    pub applications: Vec<(String, String)>,
    /// A new confirmation link was just sent.
    pub resent: bool,
    pub unread: i64,
    /// New pinboard posts that match the member's organisations: (id, kind, title, by).
    pub posts: Vec<(i64, String, String, String)>,
    pub news: super::news::News,
}

pub async fn get(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let Some(user) = current_user(&state, &session).await? else {
        return Ok(redirect("/anmelden").into_response());
    };
    let role = user.role();
    let lang = Lang::current();
    let applications = crate::db::moderation::applications_of(&state.db, user.id)
        .await?
        .into_iter()
        .map(|a| {
            let what = match a.organization_name {
                Some(name) => lang.t_args("account-application-join", &[("name", name.as_str())]),
                None => lang.t_args("account-application-new", &[("name", a.name.as_str())]),
            };
            let status = match a.status.as_str() {
                "approved" => "account-application-approved",
                "rejected" => "account-application-rejected",
                _ => "account-application-waiting",
            };
            (what, lang.t(status))
        })
        .collect();
    let now = state.clock.now();
    let today = crate::domain::pinboard::day_number(crate::domain::calendar::local_date(now));
    let posts = crate::db::pinboard::for_member(
        &state.db,
        user.id,
        today,
        now.timestamp() - 14 * 86_400,
        5,
    )
    .await?
    .into_iter()
    .map(|p| {
        let by = p.organization_name.clone().unwrap_or(p.author_name.clone());
        (
            p.id,
            crate::domain::pinboard::Kind::parse(&p.kind).map_or(String::new(), |k| {
                lang.t_or(&format!("pinboard-kind-{}", k.slug()), k.label())
            }),
            p.title,
            by,
        )
    })
    .collect();
    let actor = users::actor(&state.db, &user).await?;
    let view = HomePage {
        news: super::news::collect(&state, &actor).await?,
        unread: crate::db::messages::unread_total(&state.db, user.id).await?,
        posts,
        moderator: matches!(
            role,
            crate::domain::account::PlatformRole::Moderator
                | crate::domain::account::PlatformRole::Admin
        ),
        admin: role == crate::domain::account::PlatformRole::Admin,
        applications,
        resent: raw.as_deref() == Some("bestaetigung=gesendet"),
        layout: Layout::new(lang.t("account-home-title"))
            .in_section("mein-bereich")
            .translated(),
        memberships: users::memberships(&state.db, user.id).await?,
        role: lang.t_or(&format!("account-role-{}", role.key()), role.label()),
        verified: users::is_verified(&state.db, user.id).await?,
        delete_failed: raw.as_deref() == Some("loeschen=passwort-falsch"),
        name: user.display_name,
        email: user.email,
    };
    let mut response = page::html(&headers, &view)?;
    // Personal pages are never stored by shared caches.
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
