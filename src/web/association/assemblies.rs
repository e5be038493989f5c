//! General assemblies (`/verein/versammlungen`): the board convenes one with an agenda
//! (a date inside the statutes' notice period is refused) and every member is invited
//! through the notification centre; the page shows agenda, proxies, motions and, once
//! written, the minutes.

use super::votes::MotionView;
use super::{board_member, date_in};
use crate::db::{assemblies, association};
use crate::domain::account::FieldErrors;
use crate::domain::assembly::keeps_notice;
use crate::domain::association::MemberStatus;
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::require_actor;
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, markdown, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, NaiveTime};
use tower_sessions::Session;

/// Who looks at the association's inner pages.
pub struct Viewer {
    pub user: i64,
    /// The membership the account speaks for, when it is a member.
    pub member: Option<i64>,
    pub board: bool,
}

/// Members (in good standing), the board and admins; anyone else gets 403.
pub async fn viewer(state: &AppState, session: &Session) -> Result<Viewer, AppError> {
    let (user, actor) = require_actor(state, session).await?;
    let member = association::membership_of(&state.db, user.id)
        .await?
        .filter(|m| m.status == MemberStatus::Member);
    let board = actor.is_admin() || association::is_board(&state.db, user.id).await?;
    if member.is_none() && !board {
        return Err(AppError::Forbidden);
    }
    Ok(Viewer {
        user: user.id,
        member: member.map(|m| m.id),
        board,
    })
}

pub struct AssemblyLine {
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
}

#[derive(Template)]
#[template(path = "association/assemblies.html")]
pub struct AssembliesPage {
    pub layout: Layout,
    pub lines: Vec<AssemblyLine>,
    pub board: bool,
    pub notice_days: i64,
    pub f: FormView,
}

fn when(ts: i64, lang: Lang) -> String {
    crate::domain::calendar::date_time_in(crate::web::listing::instant(ts), lang.dates())
}

async fn list_view(state: &AppState, board: bool, f: FormView) -> Result<AssembliesPage, AppError> {
    let lang = Lang::current();
    Ok(AssembliesPage {
        layout: Layout::new(lang.t("assemblies-title"))
            .in_section("verein")
            .translated(),
        lines: assemblies::assemblies(&state.db)
            .await?
            .into_iter()
            .map(|a| AssemblyLine {
                id: a.id,
                when: when(a.starts_at, lang),
                title: a.title,
                place: a.place,
            })
            .collect(),
        board,
        notice_days: association::setting(&state.db, "notice_days", 14).await?,
        f,
    })
}

/// `GET /verein/versammlungen`
pub async fn index(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let v = viewer(&state, &session).await?;
    let view = list_view(
        &state,
        v.board,
        FormView::new(FormData::default(), FieldErrors::default()),
    )
    .await?;
    page::private(StatusCode::OK, &view)
}

/// `POST /verein/versammlungen`: the board convenes an assembly; every member is invited.
pub async fn convene(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = board_member(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    let mut errors = FieldErrors::default();
    let title: String = form.trimmed("title").chars().take(200).collect();
    if title.chars().count() < 3 {
        errors.add("title", "assembly-title-missing");
    }
    let place: String = form.trimmed("place").chars().take(200).collect();
    if place.chars().count() < 3 {
        errors.add("place", "assembly-place-missing");
    }
    let agenda: String = form.trimmed("agenda").chars().take(20_000).collect();
    if agenda.chars().count() < 5 {
        errors.add("agenda", "assembly-agenda-missing");
    }
    let date = NaiveDate::parse_from_str(form.trimmed("date"), "%Y-%m-%d").ok();
    let time = NaiveTime::parse_from_str(form.trimmed("time"), "%H:%M").ok();
    let now = state.clock.now().timestamp();
    let notice = association::setting(&state.db, "notice_days", 14).await?;
    let starts_at = match (date, time) {
        (Some(d), Some(t)) => {
            use chrono::Timelike;
            let at = crate::domain::calendar::local_instant(d, t.hour(), t.minute()).timestamp();
            if !keeps_notice(now, at, notice) {
                errors.add(
                    "date",
                    crate::domain::account::Message::new("assembly-too-early").with("days", notice),
                );
            }
            Some(at)
        }
        (None, _) => {
            errors.add("date", "assembly-date-missing");
            None
        }
        (_, None) => {
            errors.add("time", "assembly-time-missing");
            None
        }
    };
    let Some(starts_at) = starts_at.filter(|_| errors.is_empty()) else {
        let view = list_view(&state, true, FormView::new(form, errors)).await?;
        return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
    };
    let id = assemblies::convene(
        &state.db,
        &title,
        starts_at,
        &place,
        &agenda,
        Some(actor),
        now,
    )
    .await?;
    let link = format!("/verein/versammlungen/{id}");
    super::tell_members(
        &state,
        |lang| {
            let at = when(starts_at, lang);
            let args = [
                ("title", title.as_str()),
                ("when", at.as_str()),
                ("place", place.as_str()),
            ];
            (
                lang.t_args("notice-assembly-subject", &args),
                lang.t_args("notice-assembly-text", &args),
            )
        },
        &link,
    )
    .await?;
    Ok(redirect(&link).into_response())
}

#[derive(Template)]
#[template(path = "association/assembly.html")]
pub struct AssemblyPage {
    pub layout: Layout,
    pub id: i64,
    pub title: String,
    pub when: String,
    pub place: String,
    pub agenda: String,
    pub minutes: String,
    pub minutes_raw: String,
    pub board: bool,
    pub member: bool,
    pub proxies: Vec<(String, String)>,
    pub holders: Vec<(i64, String)>,
    pub motions: Vec<MotionView>,
    pub max_proxies: i64,
    pub invited: String,
    /// The motion form as typed (kept when it is refused).
    pub f: FormView,
}

/// `GET /verein/versammlungen/{id}`
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let v = viewer(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let blank = FormData::new(vec![
        ("quorum".into(), "25".into()),
        ("days".into(), "7".into()),
    ]);
    let view = assembly_view(&state, &v, id, FormView::new(blank, FieldErrors::default())).await?;
    page::private(StatusCode::OK, &view)
}

/// The assembly's page as `v` sees it, with the motion form `f`.
pub async fn assembly_view(
    state: &AppState,
    v: &Viewer,
    id: i64,
    f: FormView,
) -> Result<AssemblyPage, AppError> {
    let a = assemblies::assembly(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = Lang::current();
    let proxies = assemblies::proxies(&state.db, id).await?;
    let mut motions = Vec::new();
    for m in assemblies::motions(&state.db, id).await? {
        motions.push(super::votes::motion_view(state, v, m, &proxies, lang).await?);
    }
    let holders = association::members(&state.db)
        .await?
        .into_iter()
        .filter(|m| m.status == MemberStatus::Member && m.category.votes())
        .filter(|m| Some(m.id) != v.member)
        .map(|m| (m.id, m.name))
        .collect();
    Ok(AssemblyPage {
        layout: Layout::new(a.title.clone())
            .in_section("verein")
            .translated(),
        id,
        when: when(a.starts_at, lang),
        place: a.place,
        agenda: markdown::render(&a.agenda),
        minutes: markdown::render(&a.minutes),
        minutes_raw: a.minutes,
        title: a.title,
        board: v.board,
        member: v.member.is_some(),
        proxies: proxies.into_iter().map(|p| (p.1, p.3)).collect(),
        holders,
        motions,
        max_proxies: association::setting(&state.db, "max_proxies", 2).await?,
        invited: date_in(a.convened_at, lang),
        f,
    })
}

/// `POST /verein/versammlungen/{id}/protokoll`: the board publishes the minutes.
pub async fn minutes(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = board_member(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    assemblies::assembly(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let text: String = FormData::from_urlencoded(&body)
        .trimmed("minutes")
        .chars()
        .take(50_000)
        .collect();
    assemblies::set_minutes(
        &state.db,
        id,
        &text,
        Some(actor),
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect(&format!("/verein/versammlungen/{id}")).into_response())
}

/// `POST /verein/versammlungen/{id}/vollmacht`: a member hands its vote to another.
pub async fn proxy(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let v = viewer(&state, &session).await?;
    let Some(giver) = v.member else {
        return Err(AppError::Forbidden);
    };
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    assemblies::assembly(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let holder: i64 = FormData::from_urlencoded(&body)
        .trimmed("holder")
        .parse()
        .map_err(|_| AppError::Invalid("proxy-holder-not-member".into()))?;
    let max = association::setting(&state.db, "max_proxies", 2).await?;
    match assemblies::give_proxy(
        &state.db,
        id,
        giver,
        holder,
        max,
        state.clock.now().timestamp(),
    )
    .await
    {
        Ok(()) => Ok(redirect(&format!("/verein/versammlungen/{id}")).into_response()),
        Err(assemblies::ProxyError::Refused(r)) => Err(AppError::Invalid(r.to_string())),
        Err(assemblies::ProxyError::Db(e)) => Err(e.into()),
    }
}
