//! „Mein Kulturkalender“ (`/mein-kulturkalender`): saved list views, follows and a
//! Merkliste behind a private link, without an account and without a cookie; members
//! keep theirs under „Mein Bereich“. The link's token is stored only as a hash, so the
//! link is shown once (when it is made or replaced); its page carries an iCal and an RSS
//! feed of exactly that selection.

pub mod actions;

use crate::db::personal::{self as store, CalendarRow, ItemRow};
use crate::db::{event_details, organizations, venues};
use crate::domain::calendar;
use crate::domain::event::OccurrenceStatus;
use crate::domain::personal::ItemKind;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::web::layout::Layout;
use crate::web::listing::instant;
use crate::web::options::{self, Choice};
use crate::web::{AppState, page};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use tower_sessions::Session;

/// The most dates the page and the feeds list.
const DATES: i64 = 200;
/// The dates shown on the page itself.
const ON_PAGE: usize = 40;

/// One entry of the calendar as its page shows it.
pub struct EntryView {
    pub id: i64,
    pub label: String,
    /// Where the entry leads (the list view, the venue, the event).
    pub link: String,
    pub remind: bool,
}

/// One coming date.
pub struct DateView {
    pub when: String,
    pub iso: String,
    pub title: String,
    pub link: String,
    pub place: String,
    /// „Abgesagt“, „Verschoben“ (empty when it takes place as planned).
    pub status: String,
}

#[derive(Template)]
#[template(path = "personal/calendar.html")]
pub struct CalendarPage {
    pub layout: Layout,
    /// The path the page's forms post to (`/mein-kulturkalender/{token}` or
    /// `/mein-bereich/kulturkalender`).
    pub base: String,
    /// The private link, only right after it was made or replaced.
    pub fresh_link: String,
    /// The feeds (empty on the member's page, whose link is not known).
    pub ics: String,
    pub webcal: String,
    pub rss: String,
    pub selections: Vec<EntryView>,
    pub follows: Vec<EntryView>,
    pub watched: Vec<EntryView>,
    pub dates: Vec<DateView>,
    pub sparten: Vec<Choice>,
    pub member: bool,
    /// The weekly mail: who gets it, and the form to order it.
    pub mail: MailSection,
}

/// The weekly mail of a calendar on its page.
#[derive(Default)]
pub struct MailSection {
    pub subscriptions: Vec<SubscriptionView>,
    pub weekdays: Vec<Choice>,
    pub hours: Vec<Choice>,
    /// The exact consent text (kept with the sign-up as its proof).
    pub consent: String,
    pub email: String,
    pub error: String,
    pub error_field: String,
}

pub struct SubscriptionView {
    pub email: String,
    /// „bestätigt“, „wartet auf Bestätigung“, „abbestellt“.
    pub state: String,
    pub schedule: String,
    /// The page to unsubscribe (and export or delete).
    pub manage: String,
}

#[derive(Template)]
#[template(path = "personal/start.html")]
pub struct StartPage {
    pub layout: Layout,
    pub sparten: Vec<Choice>,
    pub email: String,
    pub link: String,
    pub error: String,
    pub error_field: String,
    /// What the visitor wanted to save (kept when the form comes back with an error).
    pub selection: String,
    pub event: String,
    pub logged_in: bool,
}

/// A short message with a way to start again (a link that leads nowhere, a deleted
/// calendar).
#[derive(Template)]
#[template(path = "personal/message.html")]
pub struct MessagePage {
    pub layout: Layout,
    pub heading: String,
    pub text: String,
}

pub fn message(status: StatusCode, heading: String, text: String) -> Result<Response, AppError> {
    let v = MessagePage {
        layout: Layout::new(heading.clone()).translated(),
        heading,
        text,
    };
    Ok(secret(page::private(status, &v)?))
}

/// A token as it appears in a link: 64 hex digits.
pub fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The token in what a visitor pasted: the whole link or the token alone.
pub fn token_in(pasted: &str) -> Option<String> {
    let last = pasted
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()?
        .split(['?', '#'])
        .next()?
        .trim_end_matches(".ics")
        .trim_end_matches(".rss");
    is_token(last).then(|| last.to_ascii_lowercase())
}

/// The calendar behind a token.
pub async fn by_token(state: &AppState, token: &str) -> Result<Option<CalendarRow>, AppError> {
    if !is_token(token) {
        return Ok(None);
    }
    Ok(store::by_token_hash(&state.db, &crate::auth::token_hash(token)).await?)
}

/// The private link of a token in `lang`, absolute.
pub fn link_of(state: &AppState, lang: Lang, token: &str) -> String {
    format!(
        "{}{}",
        state.base_url,
        lang.href(format!("/mein-kulturkalender/{token}"))
    )
}

async fn entries(
    state: &AppState,
    items: &[ItemRow],
    lang: Lang,
) -> Result<(Vec<EntryView>, Vec<EntryView>, Vec<EntryView>), AppError> {
    let categories = state.categories.list();
    let watched_ids: Vec<i64> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Watch)
        .filter_map(|i| i.value.parse().ok())
        .collect();
    let events = event_details::load(&state.db, &watched_ids).await?;
    let (mut selections, mut follows, mut watched) = (Vec::new(), Vec::new(), Vec::new());
    for item in items {
        let entry = |label: String, link: String| EntryView {
            id: item.id,
            label,
            link,
            remind: item.remind,
        };
        match item.kind {
            ItemKind::Selection => selections.push(entry(
                describe(state, &item.value, lang),
                format!("/veranstaltungen?{}", item.value),
            )),
            ItemKind::Sparte => {
                let name = categories
                    .iter()
                    .find(|c| c.slug == item.value)
                    .map_or_else(
                        || item.value.clone(),
                        |c| c.name_in(lang.dates()).to_owned(),
                    );
                follows.push(entry(
                    lang.t_args("personal-follow-sparte", &[("name", &name)]),
                    format!("/sparten/{}", item.value),
                ));
            }
            ItemKind::Venue => {
                let name = venues::by_slug(&state.db, &item.value)
                    .await?
                    .map_or_else(|| item.value.clone(), |v| v.name);
                follows.push(entry(
                    lang.t_args("personal-follow-venue", &[("name", &name)]),
                    format!("/orte/{}", item.value),
                ));
            }
            ItemKind::Organizer => {
                let name = organizations::by_slug(&state.db, &item.value)
                    .await?
                    .map_or_else(|| item.value.clone(), |o| o.name);
                follows.push(entry(
                    lang.t_args("personal-follow-organizer", &[("name", &name)]),
                    format!("/kulturszene/{}", item.value),
                ));
            }
            ItemKind::Watch => {
                let Some(e) = item
                    .value
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| events.get(&id))
                else {
                    continue; // No longer public.
                };
                watched.push(entry(
                    e.event.title.clone(),
                    format!("/veranstaltungen/{}", e.event.slug),
                ));
            }
        }
    }
    Ok((selections, follows, watched))
}

/// A saved selection in words: „Musik · Wattenscheid · für Kinder“.
fn describe(state: &AppState, query: &str, lang: Lang) -> String {
    let categories = state.categories.list();
    let words: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| match k.as_ref() {
            "sparte" => categories
                .iter()
                .find(|c| c.slug == v)
                .map_or_else(|| v.to_string(), |c| c.name_in(lang.dates()).to_owned()),
            "bezirk" => crate::domain::district::District::parse(&v)
                .map_or_else(|| v.to_string(), |d| d.name().to_owned()),
            "zielgruppe" => crate::domain::event::Audience::parse(&v).map_or_else(
                || v.to_string(),
                |a| {
                    let name = lang.audience(a);
                    lang.t_args("chip-audience", &[("name", &name)])
                },
            ),
            "datum" => {
                calendar::NamedPeriod::parse(&v).map_or_else(|| v.to_string(), |p| lang.period(p))
            }
            "kostenlos" => lang.t("price-free"),
            "barrierefrei" => lang.t("chip-step-free"),
            "q" => format!("„{v}“"),
            _ => v.to_string(),
        })
        .collect();
    words.join(" · ")
}

/// The page of a calendar, in the request's language.
pub async fn view(
    state: &AppState,
    calendar: &CalendarRow,
    base: String,
    token: Option<&str>,
    fresh_link: String,
) -> Result<CalendarPage, AppError> {
    let lang = Lang::current();
    let items = store::items(&state.db, calendar.id).await?;
    let (selections, follows, watched) = entries(state, &items, lang).await?;
    let coming =
        crate::service::dates::coming(&state.db, &state.search, &items, state.clock.now(), DATES)
            .await?;
    let dates = coming
        .iter()
        .take(ON_PAGE)
        .map(|i| {
            let start = instant(i.occurrence.starts_at);
            DateView {
                when: if i.occurrence.all_day {
                    calendar::short_date_in(calendar::local_date(start), lang.dates())
                } else {
                    calendar::date_time_in(start, lang.dates())
                },
                iso: calendar::rfc3339_local(start),
                title: i.detail.event.title.clone(),
                link: format!("/veranstaltungen/{}", i.detail.event.slug),
                place: crate::web::feeds::location(&i.detail),
                status: match i.occurrence.status {
                    OccurrenceStatus::Cancelled | OccurrenceStatus::Postponed => {
                        lang.occurrence_status(i.occurrence.status)
                    }
                    _ => String::new(),
                },
            }
        })
        .collect();
    let followed: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Sparte)
        .map(|i| i.value.as_str())
        .collect();
    let sparten = options::sparten_by_slug(&categories_of(state), lang, |c| {
        followed.contains(&c.slug.as_str())
    });
    let (ics, webcal, rss) = match token {
        Some(t) => {
            let ics = format!("{}/mein-kulturkalender/{t}.ics", state.base_url);
            let webcal =
                ics.replacen("https://", "webcal://", 1)
                    .replacen("http://", "webcal://", 1);
            (ics, webcal, format!("/mein-kulturkalender/{t}.rss"))
        }
        None => Default::default(),
    };
    Ok(CalendarPage {
        layout: Layout::new(lang.t("personal-title"))
            .in_section(if calendar.user_id.is_some() {
                "mein-bereich"
            } else {
                ""
            })
            .translated(),
        base,
        fresh_link,
        ics,
        webcal,
        rss,
        selections,
        follows,
        watched,
        dates,
        sparten,
        member: calendar.user_id.is_some(),
        mail: mail_section(state, calendar, lang).await?,
    })
}

/// The weekly mail's part of the page (an empty form).
async fn mail_section(
    state: &AppState,
    calendar: &CalendarRow,
    lang: Lang,
) -> Result<MailSection, AppError> {
    use crate::domain::mailing::{Schedule, Scope};
    let default = Schedule::default();
    let subscriptions = crate::db::subscribers::of_calendar(&state.db, calendar.id)
        .await?
        .into_iter()
        .map(|s| {
            let schedule = Schedule::from_numbers(s.weekday, s.hour).unwrap_or_default();
            SubscriptionView {
                state: lang.t(match (s.confirmed_at, s.unsubscribed_at) {
                    (_, Some(_)) => "mail-state-unsubscribed",
                    (Some(_), None) => "mail-state-active",
                    (None, None) => "mail-state-pending",
                }),
                schedule: lang.t_args(
                    "mail-schedule",
                    &[
                        (
                            "day",
                            calendar::weekday_name_in(
                                schedule.weekday.num_days_from_monday() as usize,
                                lang.dates(),
                            ),
                        ),
                        ("hour", &schedule.hour.to_string()),
                    ],
                ),
                manage: format!("/newsletter/abbestellen/{}", s.token),
                email: s.email,
            }
        })
        .collect();
    Ok(MailSection {
        subscriptions,
        weekdays: (0..7)
            .map(|d| {
                Choice::new(d + 1, calendar::weekday_name_in(d, lang.dates()))
                    .checked_if(d == default.weekday.num_days_from_monday() as usize)
            })
            .collect(),
        hours: (5..23)
            .map(|h| Choice::new(h, format!("{h}:00")).checked_if(h == default.hour))
            .collect(),
        consent: crate::service::subscribers::consent_text(Scope::Calendar, lang),
        ..MailSection::default()
    })
}

fn categories_of(state: &AppState) -> std::sync::Arc<Vec<crate::domain::category::Category>> {
    state.categories.list()
}

/// A private page: never stored, never indexed, and its address (the key) is not passed
/// on to other pages as a referrer.
pub fn secret(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// `GET /mein-kulturkalender`: what it is, and a form to start one.
pub async fn start(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    let logged_in = crate::web::account::current_user(&state, &session)
        .await?
        .is_some();
    let v = start_view(&state, logged_in, Default::default());
    page::private(StatusCode::OK, &v)
}

/// What the start form brings back (kept when it is shown again).
#[derive(Default)]
pub struct Kept {
    pub email: String,
    pub link: String,
    pub selection: String,
    pub event: String,
    pub sparten: Vec<String>,
    pub error: String,
    pub error_field: String,
}

pub fn start_view(state: &AppState, logged_in: bool, kept: Kept) -> StartPage {
    let lang = Lang::current();
    StartPage {
        layout: Layout::new(lang.t("personal-title")).translated(),
        sparten: options::sparten_by_slug(&categories_of(state), lang, |c| {
            kept.sparten.contains(&c.slug)
        }),
        email: kept.email,
        link: kept.link,
        error: kept.error,
        error_field: kept.error_field,
        selection: kept.selection,
        event: kept.event,
        logged_in,
    }
}

/// `GET /mein-kulturkalender/{token}` (the page), `….ics` and `….rss` (its feeds).
pub async fn show(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (token, ext) = match file.rsplit_once('.') {
        Some((t, e @ ("ics" | "rss"))) => (t, e),
        Some(_) => return Err(AppError::NotFound),
        None => (file.as_str(), ""),
    };
    let Some(calendar) = by_token(&state, token).await? else {
        return gone(&state);
    };
    match ext {
        "ics" | "rss" => feed(&state, &calendar, token, ext).await,
        _ => {
            let fresh = crate::web::query::single(&crate::web::query::pairs(raw.as_deref()), "neu")
                .is_some();
            let lang = Lang::current();
            let fresh_link = if fresh {
                link_of(&state, lang, token)
            } else {
                String::new()
            };
            let base = format!("/mein-kulturkalender/{token}");
            let v = view(&state, &calendar, base, Some(token), fresh_link).await?;
            Ok(secret(page::private(StatusCode::OK, &v)?))
        }
    }
}

/// A link that leads nowhere (revoked, replaced or mistyped): 404 with a way to start.
pub fn gone(_state: &AppState) -> Result<Response, AppError> {
    let lang = Lang::current();
    message(
        StatusCode::NOT_FOUND,
        lang.t("personal-gone-title"),
        lang.t("personal-gone-text"),
    )
}

async fn feed(
    state: &AppState,
    calendar: &CalendarRow,
    token: &str,
    ext: &str,
) -> Result<Response, AppError> {
    let items = store::items(&state.db, calendar.id).await?;
    let now = state.clock.now();
    let dates = crate::service::dates::coming(&state.db, &state.search, &items, now, DATES).await?;
    let lang = Lang::current();
    let title = lang.t("personal-title");
    let body = if ext == "ics" {
        crate::domain::ical::calendar(&title, &crate::web::feeds::to_ical(&dates, &state.base_url))
            .into_bytes()
    } else {
        let about = crate::web::feeds::Channel {
            title: &title,
            link: link_of(state, lang, token),
            description: &title,
        };
        crate::web::feeds::rss_document(&about, &dates, &state.base_url, now).into_bytes()
    };
    let content_type = if ext == "ics" {
        "text/calendar; charset=utf-8"
    } else {
        "application/rss+xml; charset=utf-8"
    };
    let mut response =
        axum::response::IntoResponse::into_response(([(header::CONTENT_TYPE, content_type)], body));
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(secret_feed(response))
}

fn secret_feed(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// The calendar a member keeps under „Mein Bereich“, if any.
pub async fn of_member(state: &AppState, user: i64) -> Result<Option<CalendarRow>, AppError> {
    Ok(store::of_user(&state.db, user).await?)
}
