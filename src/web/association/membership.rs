//! Membership: applying (`/verein/mitglied-werden`), one's own membership and leaving it
//! (one click plus a confirmation), and the register the board keeps (`/verein/register`:
//! deciding applications, suspending, fees paid per year, the treasurer's CSV, reminders
//! of unpaid fees through the notification centre).

use super::{board_member, date_in};
use crate::db::association::{self, MemberRow};
use crate::domain::account::FieldErrors;
use crate::domain::association::{Application, FeeClass, MemberCategory, MemberKind, MemberStatus};
use crate::domain::form::FormData;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::account::{current_user, require_actor};
use crate::web::editor::form::FormView;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::notify::notify_in;
use crate::web::options::Choice;
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use tower_sessions::Session;

/// Euro cents in the page's language („12,00 €“ / "€12.00").
pub fn euros(cents: i64, lang: Lang) -> String {
    let text = format!("{}.{:02}", cents / 100, (cents % 100).abs());
    if lang == Lang::De {
        format!("{} €", text.replace('.', ","))
    } else {
        format!("€{text}")
    }
}

fn choices(lang: Lang) -> (Vec<Choice>, Vec<Choice>, Vec<Choice>) {
    (
        MemberKind::ALL
            .iter()
            .map(|k| Choice::new(k.key(), lang.t(&format!("join-kind-{}", k.key()))))
            .collect(),
        MemberCategory::ALL
            .iter()
            .map(|k| Choice::new(k.key(), lang.t(&format!("join-category-{}", k.key()))))
            .collect(),
        FeeClass::ALL
            .iter()
            .map(|k| {
                Choice::new(
                    k.key(),
                    format!(
                        "{} – {}",
                        lang.t(&format!("join-fee-{}", k.key())),
                        euros(k.cents(), lang)
                    ),
                )
            })
            .collect(),
    )
}

pub struct OwnMembership {
    pub name: String,
    pub status: String,
    pub since: String,
    pub active: bool,
    /// A member in good standing (who may see the assemblies).
    pub member: bool,
}

#[derive(Template)]
#[template(path = "association/join.html")]
pub struct JoinPage {
    pub layout: Layout,
    pub logged_in: bool,
    pub own: Option<OwnMembership>,
    pub kinds: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub fees: Vec<Choice>,
    pub f: FormView,
    pub confirm_leave: bool,
}

fn own_view(m: &MemberRow, lang: Lang) -> OwnMembership {
    OwnMembership {
        name: m.name.clone(),
        status: lang.t(&format!("member-status-{}", m.status.key())),
        since: date_in(m.joined_at.unwrap_or(m.applied_at), lang),
        active: m.status != MemberStatus::Left,
        member: m.status == MemberStatus::Member,
    }
}

async fn join_view(
    state: &AppState,
    session: &Session,
    f: FormView,
    confirm_leave: bool,
) -> Result<JoinPage, AppError> {
    let lang = Lang::current();
    let user = current_user(state, session).await?;
    let own = match &user {
        Some(u) => association::membership_of(&state.db, u.id)
            .await?
            .map(|m| own_view(&m, lang)),
        None => None,
    };
    let (kinds, categories, fees) = choices(lang);
    Ok(JoinPage {
        layout: Layout::new(lang.t("join-title"))
            .in_section("verein")
            .translated(),
        logged_in: user.is_some(),
        own,
        kinds,
        categories,
        fees,
        f,
        confirm_leave,
    })
}

/// `GET /verein/mitglied-werden`: the application form (after logging in), or one's own
/// membership.
pub async fn form(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let view = join_view(
        &state,
        &session,
        FormView::new(FormData::default(), FieldErrors::default()),
        false,
    )
    .await?;
    page::private(StatusCode::OK, &view)
}

/// `POST /verein/mitglied-werden`: files the application; the board decides.
pub async fn apply(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let form = FormData::from_urlencoded(&body);
    if association::membership_of(&state.db, user.id)
        .await?
        .is_some()
    {
        return Ok(redirect("/verein/mitglied-werden").into_response());
    }
    let application = match Application::parse(&form) {
        Ok(a) => a,
        Err(errors) => {
            let view = join_view(&state, &session, FormView::new(form, errors), false).await?;
            return page::private(StatusCode::UNPROCESSABLE_ENTITY, &view);
        }
    };
    association::apply(
        &state.db,
        user.id,
        &application,
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect("/verein/mitglied-werden").into_response())
}

/// `POST /verein/austreten`: the first click asks for confirmation, the confirmed form
/// (`bestaetigt=1`) ends the membership.
pub async fn leave(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let Some(m) = association::membership_of(&state.db, user.id).await? else {
        return Ok(redirect("/verein/mitglied-werden").into_response());
    };
    if FormData::from_urlencoded(&body).get("bestaetigt") != "1" {
        let view = join_view(
            &state,
            &session,
            FormView::new(FormData::default(), FieldErrors::default()),
            true,
        )
        .await?;
        return page::private(StatusCode::OK, &view);
    }
    association::set_status(
        &state.db,
        m.id,
        MemberStatus::Left,
        Some(user.id),
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect("/verein/mitglied-werden").into_response())
}

pub struct RegisterLine {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub category: String,
    pub fee: String,
    pub status: MemberStatus,
    pub status_words: String,
    pub office: String,
    pub joined: String,
    pub left: String,
    pub paid_this_year: bool,
    pub paid_years: String,
}

#[derive(Template)]
#[template(path = "association/register.html")]
pub struct RegisterPage {
    pub layout: Layout,
    pub lines: Vec<RegisterLine>,
    pub year: i32,
    pub is_admin: bool,
    pub reminded: i64,
}

async fn register_view(
    state: &AppState,
    is_admin: bool,
    reminded: i64,
) -> Result<RegisterPage, AppError> {
    let lang = Lang::current();
    let year = crate::domain::calendar::local_date(state.clock.now()).year();
    let fees = association::fees(&state.db).await?;
    let lines = association::members(&state.db)
        .await?
        .into_iter()
        .map(|m| {
            let years: Vec<String> = fees
                .iter()
                .filter(|f| f.0 == m.id)
                .map(|f| f.1.to_string())
                .collect();
            RegisterLine {
                id: m.id,
                kind: lang.t(&format!("join-kind-{}", m.kind.key())),
                category: lang.t(&format!("join-category-{}", m.category.key())),
                fee: lang.t(&format!("join-fee-{}", m.fee_class.key())),
                status: m.status,
                status_words: lang.t(&format!("member-status-{}", m.status.key())),
                office: m.board_office.clone(),
                joined: m.joined_at.map(|t| date_in(t, lang)).unwrap_or_default(),
                left: m.left_at.map(|t| date_in(t, lang)).unwrap_or_default(),
                paid_this_year: fees.iter().any(|f| f.0 == m.id && f.1 == i64::from(year)),
                paid_years: years.join(", "),
                name: m.name,
            }
        })
        .collect();
    Ok(RegisterPage {
        layout: Layout::new(lang.t("register-title"))
            .in_section("verein")
            .translated(),
        lines,
        year,
        is_admin,
        reminded,
    })
}

/// `GET /verein/register`: the register (board and admins).
pub async fn register(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    board_member(&state, &session).await?;
    let (_, actor) = require_actor(&state, &session).await?;
    let view = register_view(&state, actor.is_admin(), 0).await?;
    page::private(StatusCode::OK, &view)
}

async fn move_to(
    state: &AppState,
    session: &Session,
    id: &str,
    to: MemberStatus,
) -> Result<Response, AppError> {
    let actor = board_member(state, session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let m = association::member(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !m.status.may_become(to) {
        return Err(AppError::Invalid("register-move-refused".into()));
    }
    association::set_status(
        &state.db,
        id,
        to,
        Some(actor),
        state.clock.now().timestamp(),
    )
    .await?;
    if let (Some(user), Some(email)) = (m.user_id, m.email.as_deref()) {
        let key = format!("member-status-{}", to.key());
        notify_in(
            state,
            user,
            email,
            "verein",
            |lang| {
                let status = lang.t(&key);
                let args = [("status", status.as_str()), ("name", m.name.as_str())];
                (
                    lang.t_args("notice-member-status-subject", &args),
                    lang.t_args("notice-member-status-text", &args),
                )
            },
            "/verein/mitglied-werden",
        )
        .await?;
    }
    Ok(redirect("/verein/register").into_response())
}

/// `POST /verein/register/{id}/aufnehmen`: the board admits an applicant (or takes a
/// suspended member back).
pub async fn admit(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    move_to(&state, &session, &id, MemberStatus::Member).await
}

/// `POST /verein/register/{id}/ablehnen`: the board turns an application down.
pub async fn refuse(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    move_to(&state, &session, &id, MemberStatus::Left).await
}

/// `POST /verein/register/{id}/ruhen`: the board suspends a membership.
pub async fn suspend(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    move_to(&state, &session, &id, MemberStatus::Suspended).await
}

/// `POST /verein/register/{id}/beitrag`: the fee of a year is recorded as paid.
pub async fn fee(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let actor = board_member(&state, &session).await?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let m = association::member(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = FormData::from_urlencoded(&body);
    let year = form
        .trimmed("jahr")
        .parse::<i64>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
        .ok_or_else(|| AppError::Invalid("register-year-invalid".into()))?;
    association::record_fee(
        &state.db,
        id,
        year,
        m.fee_class.cents(),
        Some(actor),
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect("/verein/register").into_response())
}

/// `POST /verein/register/{id}/amt`: an admin gives a member an office on the board (or
/// takes it, with an empty office).
pub async fn office(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (user, actor) = require_actor(&state, &session).await?;
    if !actor.is_admin() {
        return Err(AppError::Forbidden);
    }
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let m = association::member(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let office: String = FormData::from_urlencoded(&body)
        .trimmed("amt")
        .chars()
        .take(80)
        .collect();
    if !office.is_empty() && m.status != MemberStatus::Member {
        return Err(AppError::Invalid("register-office-not-member".into()));
    }
    association::set_office(
        &state.db,
        id,
        &office,
        Some(user.id),
        state.clock.now().timestamp(),
    )
    .await?;
    Ok(redirect("/verein/register").into_response())
}

/// `POST /verein/register/erinnern`: every member without this year's fee hears about it
/// in the notification centre (and by mail as they chose); each press reminds again.
pub async fn remind(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    board_member(&state, &session).await?;
    let (_, actor) = require_actor(&state, &session).await?;
    let year = crate::domain::calendar::local_date(state.clock.now()).year();
    let fees = association::fees(&state.db).await?;
    let mut reminded = 0;
    for m in association::members(&state.db).await? {
        let paid = fees.iter().any(|f| f.0 == m.id && f.1 == i64::from(year));
        if m.status != MemberStatus::Member || paid {
            continue;
        }
        let (Some(user), Some(email)) = (m.user_id, m.email.as_deref()) else {
            continue;
        };
        let year_text = year.to_string();
        notify_in(
            &state,
            user,
            email,
            "verein",
            |lang| {
                let amount = euros(m.fee_class.cents(), lang);
                let args = [("year", year_text.as_str()), ("amount", amount.as_str())];
                (
                    lang.t_args("notice-fee-subject", &args),
                    lang.t_args("notice-fee-text", &args),
                )
            },
            "/verein/mitglied-werden",
        )
        .await?;
        reminded += 1;
    }
    let view = register_view(&state, actor.is_admin(), reminded).await?;
    page::private(StatusCode::OK, &view)
}

/// `GET /verein/register.csv`: the register for the treasurer (one line per member, the
/// fees paid per year).
pub async fn csv(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    board_member(&state, &session).await?;
    let fees = association::fees(&state.db).await?;
    let mut years: Vec<i64> = fees.iter().map(|f| f.1).collect();
    years.sort_unstable();
    years.dedup();
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head: Vec<String> = [
        "nr",
        "name",
        "art",
        "kategorie",
        "beitragsklasse",
        "jahresbeitrag_euro",
        "status",
        "vorstandsamt",
        "eintritt",
        "austritt",
        "e_mail",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    head.extend(years.iter().map(|y| format!("bezahlt_{y}")));
    let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!("csv: {e}"));
    w.write_record(&head).map_err(fail)?;
    let day = |t: Option<i64>| {
        t.map(|t| crate::domain::calendar::local_date(crate::web::listing::instant(t)).to_string())
            .unwrap_or_default()
    };
    for m in association::members(&state.db).await? {
        let mut row = vec![
            m.id.to_string(),
            m.name.clone(),
            m.kind.key().to_owned(),
            m.category.key().to_owned(),
            m.fee_class.key().to_owned(),
            format!(
                "{}.{:02}",
                m.fee_class.cents() / 100,
                m.fee_class.cents() % 100
            ),
            m.status.key().to_owned(),
            m.board_office.clone(),
            day(m.joined_at),
            day(m.left_at),
            m.email.clone().unwrap_or_default(),
        ];
        for y in &years {
            let paid = fees
                .iter()
                .find(|f| f.0 == m.id && f.1 == *y)
                .map(|f| format!("{}.{:02}", f.2 / 100, f.2 % 100))
                .unwrap_or_default();
            row.push(paid);
        }
        w.write_record(&row).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"mitgliederverzeichnis.csv\"".to_owned(),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
