//! Organisations in the members' area: the organisation's page (`manage`) and what its
//! sections share. Owners and editors keep the profile, owners manage members and API
//! keys, members import and subscribe to calendars; members apply to found or join one.

pub mod applications;
pub mod imports;
pub mod members;
pub mod profile;
pub mod subscriptions;
pub mod tokens;

use crate::db::moderation;
use crate::db::organizations::{self, MemberRow, OrgRow};
use crate::domain::account::FieldErrors;
use crate::domain::form::FormData;
use crate::domain::permissions::{Actor, OrgRole};
use crate::domain::subscription::FetchStatus;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::editor::lifecycle::AuditView;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::options::{self, Choice};
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "orgs/manage.html")]
pub struct ManagePage {
    pub layout: Layout,
    pub org: OrgRow,
    /// Owners and editors edit the profile; only owners manage members.
    pub editor: bool,
    pub categories: Vec<Choice>,
    /// The same Sparten by slug, for the import's fallback.
    pub sparten: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub members: Vec<MemberRow>,
    pub owner: bool,
    pub me: i64,
    pub f: FormView,
    pub notice: String,
    pub lines: Vec<AuditView>,
    pub tokens: Vec<TokenView>,
    /// A token just created, shown this once.
    pub new_token: String,
    /// The iframe snippet for the organisation's own website.
    pub snippet: String,
    pub logo: Option<String>,
    pub subscriptions: Vec<SubscriptionView>,
    /// Venues whose data this organisation keeps.
    pub venues: Vec<crate::db::directory::Named>,
    /// Its coming events with their social-media pictures to download.
    pub social_pictures: Vec<crate::web::social::ready::OrgEventPictures>,
}

/// A subscribed calendar as the organisation's page shows it.
pub struct SubscriptionView {
    pub id: i64,
    pub url: String,
    pub status: String,
    pub checked: String,
    pub report: String,
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub used: String,
    pub revoked: bool,
}

async fn org_for(state: &AppState, actor: &Actor, slug: &str) -> Result<OrgRow, AppError> {
    let org = organizations::by_slug(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if actor.role_in(org.id).is_none() && !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(org)
}

/// The organisation `slug` when the logged-in person may manage it (owners, admins).
async fn managed(
    state: &AppState,
    session: &Session,
    slug: &str,
) -> Result<(crate::db::users::UserRow, Actor, OrgRow), AppError> {
    let (user, actor) = require_actor(state, session).await?;
    let org = org_for(state, &actor, slug).await?;
    if !actor.can_manage_org(org.id) {
        return Err(AppError::Forbidden);
    }
    Ok((user, actor, org))
}

async fn render(
    state: &AppState,
    actor: &Actor,
    org: OrgRow,
    f: FormView,
    notice: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    render_with_token(state, actor, org, f, notice, status, String::new()).await
}

/// The organisation's page again with the form as sent and what is wrong with it.
async fn refused(
    state: &AppState,
    actor: &Actor,
    org: OrgRow,
    form: FormData,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let f = FormView::new(form, errors);
    render(
        state,
        actor,
        org,
        f,
        String::new(),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

async fn render_with_token(
    state: &AppState,
    actor: &Actor,
    org: OrgRow,
    f: FormView,
    notice: String,
    status: StatusCode,
    new_token: String,
) -> Result<Response, AppError> {
    let owner = actor.can_manage_org(org.id);
    let lang = Lang::current();
    let when = |t: i64| {
        crate::domain::calendar::date_time_in(crate::web::listing::instant(t), lang.dates())
    };
    let lines = if owner {
        moderation::audit_of_organization(&state.db, org.id, 100).await?
    } else {
        Vec::new()
    };
    let tokens = if owner {
        crate::db::api_tokens::of_organization(&state.db, org.id)
            .await?
            .into_iter()
            .map(|t| TokenView {
                id: t.id,
                name: t.name,
                created: when(t.created_at),
                used: t.last_used_at.map_or_else(|| lang.t("orgs-never"), when),
                revoked: t.revoked_at.is_some(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let subscriptions = crate::db::subscriptions::of_organization(&state.db, org.id)
        .await?
        .into_iter()
        .map(|s| SubscriptionView {
            id: s.id,
            status: lang.t(match s.last_status {
                FetchStatus::Ok => "orgs-sub-ok",
                FetchStatus::Unchanged => "orgs-sub-unchanged",
                FetchStatus::Failed => "orgs-sub-error",
                FetchStatus::New => "orgs-sub-new",
            }),
            checked: s.checked_at.map_or_else(|| lang.t("orgs-never"), when),
            report: s.last_report,
            url: s.url,
        })
        .collect();
    let social_pictures =
        crate::web::social::ready::for_organisation(state, org.id, &org.slug).await?;
    let view = ManagePage {
        social_pictures,
        subscriptions,
        logo: crate::web::images::ImageView::smallest(&org.logo),
        venues: crate::db::venues::kept_by(&state.db, org.id)
            .await?
            .into_iter()
            .map(|v| crate::db::directory::Named {
                slug: v.slug,
                name: v.name,
            })
            .collect(),
        tokens,
        new_token,
        snippet: format!(
            "<iframe data-kulturportal src=\"{base}{prefix}/einbetten?veranstalter={slug}\" title=\"{title}\" style=\"width:100%;border:0;height:600px\" loading=\"lazy\"></iframe>\n<script src=\"{base}/einbetten.js\" async></script>",
            base = state.base_url,
            // The list in the language of the page the snippet is taken from.
            prefix = Lang::current().prefix(),
            slug = org.slug,
            title = Lang::current()
                .t_args("embed-frame-title", &[("name", &org.name)])
                .replace('"', "&quot;"),
        ),
        layout: Layout::new(org.name.clone())
            .in_section("mein-bereich")
            .translated(),
        editor: actor.role_in(org.id).is_some() || actor.is_admin(),
        categories: options::sparten_by_id(&state.categories.list(), lang),
        sparten: options::sparten_by_slug(&state.categories.list(), lang, |_| false),
        districts: options::districts(|_| false),
        members: organizations::members(&state.db, org.id).await?,
        owner,
        me: actor.user_id,
        org,
        f,
        notice,
        lines: lines.into_iter().map(AuditView::from).collect(),
    };
    page::private(status, &view)
}

async fn org_form(state: &AppState, org: &OrgRow) -> Result<FormData, AppError> {
    let (email, phone) = organizations::contact(&state.db, org.id).await?;
    let social = organizations::social_links(&state.db, org.id).await?;
    let sparten = crate::db::directory::organization_categories(&state.db).await?;
    let mut f = FormData::default();
    f.set("social", social.join("\n"));
    f.set("district", org.district.clone().unwrap_or_default());
    let all = state.categories.list();
    for slug in sparten.get(&org.id).cloned().unwrap_or_default() {
        if let Some(c) = all.iter().find(|c| c.slug == slug) {
            f.push("sparte", c.id.to_string());
        }
    }
    f.set("name", org.name.clone());
    f.set("description", org.description.clone());
    f.set("description_en", org.description_en.clone());
    f.set("website", org.website.clone());
    f.set("email", email);
    f.set("phone", phone);
    Ok(f)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    pub ok: Option<String>,
}

/// `GET /mein-bereich/organisationen/{slug}`
pub async fn manage(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    axum::extract::Query(q): axum::extract::Query<Notice>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let org = org_for(&state, &actor, &slug).await?;
    let f = FormView::new(org_form(&state, &org).await?, FieldErrors::default());
    let notice = match q.ok.as_deref() {
        Some(
            k @ ("daten" | "eingeladen" | "mitglieder" | "widerrufen" | "logo" | "abonniert"
            | "abgerufen" | "abbestellt" | "logo-entfernt"),
        ) => Lang::current().t(&format!("orgs-ok-{k}")),
        _ => String::new(),
    };
    render(&state, &actor, org, f, notice, StatusCode::OK).await
}
