//! `GET /arbeitskreise/{slug}`: a group's page — for members its threads, meetings, files
//! and people, for the leads the requests to join; for others what the group is about.

use super::files::{FileView, size_words_in};
use super::group_of;
use crate::db::groups::{self, GroupRow};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::form::FormData;
use crate::domain::groups::GroupRole;
use crate::domain::permissions::Actor;
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tower_sessions::Session;

#[derive(Template)]
#[template(path = "groups/show.html")]
pub struct ShowPage {
    pub layout: Layout,
    pub g: GroupRow,
    pub description_html: String,
    pub member: bool,
    pub lead: bool,
    pub requested: bool,
    pub threads: Vec<(i64, String, bool, String, i64)>,
    pub meetings: Vec<(String, String, String)>,
    pub files: Vec<FileView>,
    /// „Speicherplatz: 12,3 MB von 100 MB belegt.“
    pub usage: String,
    pub people: Vec<(i64, String, String)>,
    pub requests: Vec<(i64, String)>,
    pub f: FormView,
}

async fn show_page(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let (g, role) = group_of(state, actor, slug).await?;
    let lang = Lang::current();
    let dates = lang.dates();
    let member = role.is_some_and(GroupRole::is_member);
    let lead = role.is_some_and(GroupRole::is_lead);
    let (mut threads, mut meetings, mut files, mut people, mut requests) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut usage = String::new();
    if member {
        threads = groups::threads(&state.db, g.id)
            .await?
            .into_iter()
            .map(|t| {
                (
                    t.id,
                    t.title,
                    t.announcement,
                    calendar::date_time_in(instant(t.updated_at), dates),
                    t.replies,
                )
            })
            .collect();
        meetings = groups::meetings(&state.db, g.id, state.clock.now().timestamp())
            .await?
            .into_iter()
            .map(|(title, at, place)| (title, calendar::date_time_in(instant(at), dates), place))
            .collect();
        files = groups::files(&state.db, g.id)
            .await?
            .into_iter()
            .map(|f| FileView {
                id: f.id,
                name: f.name,
                size: size_words_in(f.size.max(0) as u64, lang),
                when: calendar::date_time_in(instant(f.uploaded_at), dates),
                by: f.uploader.unwrap_or_default(),
                deletable: lead || f.uploaded_by == Some(actor.user_id),
            })
            .collect();
        usage = lang.t_args(
            "group-usage",
            &[
                (
                    "used",
                    &size_words_in(groups::used(&state.db, g.id).await?.max(0) as u64, lang),
                ),
                ("quota", &size_words_in(state.group_quota, lang)),
            ],
        );
        for m in groups::members(&state.db, g.id).await? {
            match m.role {
                GroupRole::Requested => requests.push((m.id, m.display_name)),
                GroupRole::Lead => people.push((m.id, m.display_name, lang.t("group-lead-role"))),
                GroupRole::Member => people.push((m.id, m.display_name, String::new())),
            }
        }
    }
    let view = ShowPage {
        layout: Layout::new(g.name.clone())
            .in_section("mein-bereich")
            .translated(),
        description_html: markdown::render(&g.description),
        member,
        lead,
        requested: role == Some(GroupRole::Requested),
        threads,
        meetings,
        files,
        usage,
        people,
        requests: if lead { requests } else { Vec::new() },
        f,
        g,
    };
    page::private(status, &view)
}

/// The group page again with the form as sent and what is wrong with it.
pub(super) async fn refused(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    form: FormData,
    errors: FieldErrors,
) -> Result<Response, AppError> {
    let f = FormView::new(form, errors);
    show_page(state, actor, slug, f, StatusCode::UNPROCESSABLE_ENTITY).await
}

/// `GET /arbeitskreise/{slug}`
pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let f = FormView::new(FormData::default(), FieldErrors::default());
    show_page(&state, &actor, &slug, f, StatusCode::OK).await
}
