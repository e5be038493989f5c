//! The forms of „Mein Kulturkalender“: saving a list view, an event or Sparten (making a
//! calendar when needed), following Sparten, removing entries, reminders, replacing the
//! link and deleting the calendar — by the private link, or for members by their session.

use super::{Kept, by_token, link_of, secret, start_view, view};
use crate::db::event_details;
use crate::db::personal::{self as store, CalendarRow};
use crate::domain::account::Email;
use crate::domain::filter::{EventFilter, GERMAN};
use crate::domain::form::FormData;
use crate::domain::personal::{ItemKind, MAX_ITEMS, file};
use crate::error::AppError;
use crate::web::account::{PeerAddress, current_user, require_actor};
use crate::web::i18n::{Lang, redirect};
use crate::web::listing::check_slugs;
use crate::web::{AppState, page, query, spam};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// New calendars (and link mails) one address may start in an hour.
const PER_HOUR: i64 = 20;

/// Where the calendar's own forms post to.
const MEMBER_BASE: &str = "/mein-bereich/kulturkalender";

/// The entries a form asks to save: a list view (`auswahl`, its query string), an event
/// (`veranstaltung`, its slug) and Sparten to follow (`sparte`, repeated).
async fn wanted(state: &AppState, form: &FormData) -> Result<Vec<(ItemKind, String)>, AppError> {
    let mut out = Vec::new();
    let selection = form.trimmed("auswahl");
    if !selection.is_empty() {
        let filter = EventFilter::parse(&query::pairs(Some(selection)), &GERMAN)?;
        check_slugs(state, &filter, &GERMAN).await?;
        out.extend(file(&filter));
    }
    let event = form.trimmed("veranstaltung");
    if !event.is_empty() {
        let id = event_details::published_id_by_slug(&state.db, event)
            .await?
            .ok_or(AppError::NotFound)?;
        out.push((ItemKind::Watch, id.to_string()));
    }
    let categories = state.categories.list();
    for s in form.all("sparte") {
        if categories.iter().any(|c| c.slug == s) {
            out.push((ItemKind::Sparte, s.to_owned()));
        }
    }
    Ok(out)
}

/// Adds `entries`; false when the calendar is full.
async fn add_all(
    state: &AppState,
    calendar: i64,
    entries: &[(ItemKind, String)],
) -> Result<bool, AppError> {
    let now = state.clock.now().timestamp();
    for (kind, value) in entries {
        if !store::add(&state.db, calendar, *kind, value, MAX_ITEMS, now).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A new calendar with its token (shown once).
async fn create(state: &AppState, user: Option<i64>) -> Result<(CalendarRow, String), AppError> {
    let (token, hash) = crate::auth::new_token();
    let lang = Lang::current();
    let now = state.clock.now().timestamp();
    let id = store::create(&state.db, &hash, user, lang.code(), now).await?;
    let calendar = store::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((calendar, token))
}

/// Mails the private link to the address its owner typed (what they asked for, nothing
/// else). A failed mail is logged; the page shows the link anyway.
async fn mail_link(state: &AppState, to: &Email, token: &str) -> Result<(), AppError> {
    let lang = Lang::current();
    let link = link_of(state, lang, token);
    let body = format!(
        "{}\n\n{}\n\n{link}\n\n{}\n\n{}\n",
        lang.t("mail-hello"),
        lang.t("personal-mail-link-text"),
        lang.t("personal-mail-link-keep"),
        lang.t("notice-signature"),
    );
    crate::service::notify::mail_once(
        &state.services(),
        None,
        to.as_str(),
        &lang.t("personal-mail-link-subject"),
        &body,
    )
    .await?;
    Ok(())
}

fn again(
    state: &AppState,
    logged_in: bool,
    mut kept: Kept,
    field: &str,
    message: &str,
) -> Result<Response, AppError> {
    kept.error = Lang::current().t(message);
    kept.error_field = field.to_owned();
    let v = start_view(state, logged_in, kept);
    page::private(StatusCode::UNPROCESSABLE_ENTITY, &v)
}

/// `POST /mein-kulturkalender`: saves what the form names — into the member's calendar,
/// into the calendar of a pasted link, or into a new one (whose link the next page shows
/// once, and mails when an address is given). Sets no cookie.
pub async fn save(
    State(state): State<AppState>,
    session: Session,
    PeerAddress(peer): PeerAddress,
    body: Bytes,
) -> Result<Response, AppError> {
    let form = FormData::from_urlencoded(&body);
    let user = current_user(&state, &session).await?;
    let kept = Kept {
        email: form.trimmed("email").to_owned(),
        link: form.trimmed("link").to_owned(),
        selection: form.trimmed("auswahl").to_owned(),
        event: form.trimmed("veranstaltung").to_owned(),
        sparten: form.all("sparte").into_iter().map(str::to_owned).collect(),
        ..Kept::default()
    };
    let entries = wanted(&state, &form).await?;
    let email = match kept.email.as_str() {
        "" => None,
        typed => match Email::parse(typed) {
            Some(e) => Some(e),
            None => {
                return again(
                    &state,
                    user.is_some(),
                    kept,
                    "email",
                    "personal-email-invalid",
                );
            }
        },
    };
    if let Some(u) = user {
        let (calendar, fresh) = match store::of_user(&state.db, u.id).await? {
            Some(c) => (c, None),
            None => {
                let (c, token) = create(&state, Some(u.id)).await?;
                (c, Some(token))
            }
        };
        if !add_all(&state, calendar.id, &entries).await? {
            return again(&state, true, kept, "auswahl", "personal-full");
        }
        return match fresh {
            Some(token) => member_page(&state, &calendar, Some(&token)).await,
            None => Ok(redirect(MEMBER_BASE).into_response()),
        };
    }
    if !kept.link.is_empty() {
        let found = match super::token_in(&kept.link) {
            Some(token) => by_token(&state, &token).await?.map(|c| (c, token)),
            None => None,
        };
        let Some((calendar, token)) = found else {
            return again(&state, false, kept, "link", "personal-link-invalid");
        };
        if !add_all(&state, calendar.id, &entries).await? {
            return again(&state, false, kept, "auswahl", "personal-full");
        }
        return Ok(redirect(&format!("/mein-kulturkalender/{token}")).into_response());
    }
    spam::limit(&state, "kulturkalender", peer, PER_HOUR).await?;
    let (calendar, token) = create(&state, None).await?;
    add_all(&state, calendar.id, &entries).await?;
    if let Some(to) = &email {
        mail_link(&state, to, &token).await?;
    }
    Ok(redirect(&format!("/mein-kulturkalender/{token}?neu=1")).into_response())
}

/// Who acts on a calendar: the holder of its link, or the member it belongs to.
async fn by_link(state: &AppState, token: &str) -> Result<CalendarRow, AppError> {
    by_token(state, token).await?.ok_or(AppError::NotFound)
}

async fn of_member(state: &AppState, session: &Session) -> Result<CalendarRow, AppError> {
    let (user, _) = require_actor(state, session).await?;
    store::of_user(&state.db, user.id)
        .await?
        .ok_or(AppError::NotFound)
}

fn back(token: Option<&str>) -> Response {
    match token {
        Some(t) => redirect(&format!("/mein-kulturkalender/{t}")).into_response(),
        None => redirect(MEMBER_BASE).into_response(),
    }
}

/// The member's calendar page; with `fresh`, its new link is shown (once).
async fn member_page(
    state: &AppState,
    calendar: &CalendarRow,
    fresh: Option<&str>,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let fresh_link = fresh.map(|t| link_of(state, lang, t)).unwrap_or_default();
    let v = view(state, calendar, MEMBER_BASE.to_owned(), fresh, fresh_link).await?;
    Ok(secret(page::private(StatusCode::OK, &v)?))
}

/// `GET /mein-bereich/kulturkalender`: the member's calendar (or the start of one).
pub async fn member(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    match store::of_user(&state.db, user.id).await? {
        Some(calendar) => member_page(&state, &calendar, None).await,
        None => {
            let v = start_view(&state, true, Kept::default());
            page::private(StatusCode::OK, &v)
        }
    }
}

/// Follows the Sparten ticked in the form (and only those).
async fn follow(state: &AppState, calendar: &CalendarRow, body: &Bytes) -> Result<(), AppError> {
    let form = FormData::from_urlencoded(body);
    let chosen: Vec<String> = form.all("sparte").into_iter().map(str::to_owned).collect();
    for item in store::items(&state.db, calendar.id).await? {
        if item.kind == ItemKind::Sparte && !chosen.contains(&item.value) {
            store::remove(&state.db, calendar.id, item.id).await?;
        }
    }
    add_all(state, calendar.id, &wanted(state, &form).await?).await?;
    Ok(())
}

async fn toggle_reminder(
    state: &AppState,
    calendar: &CalendarRow,
    item: i64,
) -> Result<(), AppError> {
    let items = store::items(&state.db, calendar.id).await?;
    let Some(entry) = items
        .iter()
        .find(|i| i.id == item && i.kind == ItemKind::Watch)
    else {
        return Err(AppError::NotFound);
    };
    store::set_remind(&state.db, calendar.id, item, !entry.remind).await?;
    Ok(())
}

/// `POST /mein-kulturkalender/{token}/folgen`
pub async fn follow_by_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let calendar = by_link(&state, &token).await?;
    follow(&state, &calendar, &body).await?;
    Ok(back(Some(&token)))
}

/// `POST /mein-bereich/kulturkalender/folgen`
pub async fn follow_as_member(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, AppError> {
    let calendar = of_member(&state, &session).await?;
    follow(&state, &calendar, &body).await?;
    Ok(back(None))
}

/// `POST /mein-kulturkalender/{token}/entfernen/{item}`
pub async fn remove_by_link(
    State(state): State<AppState>,
    Path((token, item)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let calendar = by_link(&state, &token).await?;
    store::remove(&state.db, calendar.id, item).await?;
    Ok(back(Some(&token)))
}

/// `POST /mein-bereich/kulturkalender/entfernen/{item}`
pub async fn remove_as_member(
    State(state): State<AppState>,
    session: Session,
    Path(item): Path<i64>,
) -> Result<Response, AppError> {
    let calendar = of_member(&state, &session).await?;
    store::remove(&state.db, calendar.id, item).await?;
    Ok(back(None))
}

/// `POST /mein-kulturkalender/{token}/erinnerung/{item}`: the reminder the day before,
/// on or off.
pub async fn remind_by_link(
    State(state): State<AppState>,
    Path((token, item)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let calendar = by_link(&state, &token).await?;
    toggle_reminder(&state, &calendar, item).await?;
    Ok(back(Some(&token)))
}

/// `POST /mein-bereich/kulturkalender/erinnerung/{item}`
pub async fn remind_as_member(
    State(state): State<AppState>,
    session: Session,
    Path(item): Path<i64>,
) -> Result<Response, AppError> {
    let calendar = of_member(&state, &session).await?;
    toggle_reminder(&state, &calendar, item).await?;
    Ok(back(None))
}

/// `POST /mein-kulturkalender/{token}/ersetzen`: a new link; the old one stops working.
pub async fn replace_by_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let calendar = by_link(&state, &token).await?;
    let (fresh, hash) = crate::auth::new_token();
    store::replace_token(&state.db, calendar.id, &hash, state.clock.now().timestamp()).await?;
    Ok(redirect(&format!("/mein-kulturkalender/{fresh}?neu=1")).into_response())
}

/// `POST /mein-bereich/kulturkalender/ersetzen`: a member's (first or new) link, shown
/// once on the page this answers with.
pub async fn replace_as_member(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let (user, _) = require_actor(&state, &session).await?;
    let (calendar, token) = match store::of_user(&state.db, user.id).await? {
        Some(calendar) => {
            let (token, hash) = crate::auth::new_token();
            store::replace_token(&state.db, calendar.id, &hash, state.clock.now().timestamp())
                .await?;
            (calendar, token)
        }
        None => create(&state, Some(user.id)).await?,
    };
    member_page(&state, &calendar, Some(&token)).await
}

/// `POST /mein-kulturkalender/{token}/loeschen`: the calendar and everything in it.
pub async fn delete_by_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let calendar = by_link(&state, &token).await?;
    store::delete(&state.db, calendar.id).await?;
    deleted()
}

/// `POST /mein-bereich/kulturkalender/loeschen`
pub async fn delete_as_member(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let calendar = of_member(&state, &session).await?;
    store::delete(&state.db, calendar.id).await?;
    deleted()
}

fn deleted() -> Result<Response, AppError> {
    let lang = Lang::current();
    super::message(
        StatusCode::OK,
        lang.t("personal-deleted-title"),
        lang.t("personal-deleted-text"),
    )
}

/// The most mail subscriptions one calendar keeps.
const MAX_SUBSCRIPTIONS: usize = 3;

/// Orders the weekly mail (and reminders) of a calendar: the consent box must be ticked;
/// the address gets a confirmation mail with nothing but the confirmation link, and
/// only its click starts the mails.
async fn subscribe(
    state: &AppState,
    calendar: &CalendarRow,
    base: String,
    token: Option<&str>,
    body: &Bytes,
) -> Result<Response, AppError> {
    use crate::domain::mailing::{Schedule, Scope};
    let form = FormData::from_urlencoded(body);
    let lang = Lang::current();
    let typed = form.trimmed("email").to_owned();
    let schedule = Schedule::from_numbers(
        form.trimmed("tag").parse().unwrap_or(4),
        form.trimmed("stunde").parse().unwrap_or(8),
    )
    .unwrap_or_default();
    let existing = crate::db::subscribers::of_calendar(&state.db, calendar.id).await?;
    let problem = match Email::parse(&typed) {
        None => Some(("email", "personal-email-invalid")),
        Some(_) if form.trimmed("einwilligung") != "ja" => {
            Some(("einwilligung", "mail-consent-missing"))
        }
        Some(_)
            if existing
                .iter()
                .filter(|s| s.unsubscribed_at.is_none())
                .count()
                >= MAX_SUBSCRIPTIONS =>
        {
            Some(("email", "mail-too-many"))
        }
        Some(_) => None,
    };
    let email = match (problem, Email::parse(&typed)) {
        (None, Some(e)) => e,
        (p, _) => {
            let (field, message) = p.unwrap_or(("email", "personal-email-invalid"));
            let mut v = view(state, calendar, base, token, String::new()).await?;
            v.mail.email = typed;
            v.mail.error = lang.t(message);
            v.mail.error_field = field.to_owned();
            return Ok(secret(page::private(StatusCode::UNPROCESSABLE_ENTITY, &v)?));
        }
    };
    crate::service::subscribers::sign_up(
        &state.services(),
        &crate::service::subscribers::SignUp {
            email: &email,
            scope: Scope::Calendar,
            calendar_id: Some(calendar.id),
            lang,
            schedule,
            interests: "",
        },
    )
    .await?;
    Ok(back(token))
}

/// `POST /mein-kulturkalender/{token}/e-mail`
pub async fn subscribe_by_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let calendar = by_link(&state, &token).await?;
    let base = format!("/mein-kulturkalender/{token}");
    subscribe(&state, &calendar, base, Some(&token), &body).await
}

/// `POST /mein-bereich/kulturkalender/e-mail`
pub async fn subscribe_as_member(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, AppError> {
    let calendar = of_member(&state, &session).await?;
    subscribe(&state, &calendar, MEMBER_BASE.to_owned(), None, &body).await
}
