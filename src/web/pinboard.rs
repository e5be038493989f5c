//! `/pinnwand`: offers and requests between members — only for members. Posts are written
//! by confirmed members, for themselves or one of their organisations; replies become a
//! private message to the poster (or the organisation's inbox); posts expire, are renewed
//! with one click, and can be reported and hidden by moderation.

use crate::db::pinboard::{self, PostFilter, PostRow};
use crate::domain::account::FieldErrors;
use crate::domain::calendar;
use crate::domain::district::District;
use crate::domain::form::FormData;
use crate::domain::permissions::Actor;
use crate::domain::pinboard::{
    self as rules, Kind, PostInput, TOPICS, day_number, from_day_number,
};
use crate::error::AppError;
use crate::web::account::require_actor;
use crate::web::editor::Choice;
use crate::web::editor::form::FormView;
use crate::web::i18n::Lang;
use crate::web::i18n::redirect;
use crate::web::layout::Layout;
use crate::web::{AppState, markdown, page, query};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// A post as lists and its page show it.
pub struct PostView {
    pub id: i64,
    pub kind: String,
    pub seeks: bool,
    pub topic: String,
    pub title: String,
    pub by: String,
    pub district: &'static str,
    pub period: String,
    pub until: String,
    pub expired: bool,
    pub hidden: bool,
    pub mine: bool,
}

/// A kind of post in `lang` („Gesucht“, "Wanted").
pub fn kind_label(lang: Lang, k: Kind) -> String {
    lang.t_or(&format!("pinboard-kind-{}", k.slug()), k.label())
}

/// A topic in `lang`.
fn topic_label(lang: Lang, slug: &str) -> String {
    let german = rules::topic_label(slug);
    let known = TOPICS.iter().any(|(s, _)| *s == slug);
    lang.t_or(
        &format!("pinboard-topic-{}", if known { slug } else { "sonstiges" }),
        german,
    )
}

fn view(p: &PostRow, me: i64, today: i64) -> PostView {
    let lang = Lang::current();
    PostView {
        id: p.id,
        kind: Kind::parse(&p.kind).map_or(String::new(), |k| kind_label(lang, k)),
        seeks: p.kind == "sucht",
        topic: topic_label(lang, &p.topic),
        title: p.title.clone(),
        by: match &p.organization_name {
            Some(org) => format!("{org} ({})", p.author_name),
            None => p.author_name.clone(),
        },
        district: p
            .district
            .as_deref()
            .and_then(District::parse)
            .map_or("", District::name),
        period: p.period.clone(),
        until: calendar::long_date_in(from_day_number(p.expires_day), lang.dates()),
        expired: p.expires_day < today,
        hidden: p.hidden_at.is_some(),
        mine: p.author_id == me,
    }
}

fn today(state: &AppState) -> i64 {
    day_number(calendar::local_date(state.clock.now()))
}

pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "pinboard/index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub posts: Vec<PostView>,
    pub mine: Vec<PostView>,
    pub q: String,
    pub kinds: Vec<Check>,
    pub topics: Vec<Check>,
    pub sparten: Vec<Check>,
    pub districts: Vec<Check>,
    pub notice: String,
}

/// `GET /pinnwand?art=&thema=&sparte=&bezirk=&q=`
pub async fn index(
    State(state): State<AppState>,
    session: Session,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let pairs = query::pairs(raw.as_deref());
    let all = |k: &str| query::all(&pairs, k);
    let q: String = query::single(&pairs, "q")
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let kind = query::single(&pairs, "art")
        .filter(|k| Kind::parse(k).is_some())
        .map(str::to_owned);
    let topic = query::single(&pairs, "thema")
        .filter(|t| TOPICS.iter().any(|(s, _)| s == t))
        .map(str::to_owned);
    let sparten = all("sparte");
    let districts: Vec<String> = all("bezirk")
        .into_iter()
        .filter(|d| District::parse(d).is_some())
        .collect();
    let filter = PostFilter {
        kind: kind.clone(),
        topic: topic.clone(),
        category_slugs: sparten.clone(),
        districts: districts.clone(),
        words: q.split_whitespace().map(str::to_lowercase).collect(),
        author: None,
    };
    let today = today(&state);
    let posts = pinboard::list(&state.db, &filter, today, 200).await?;
    let mine = pinboard::list(
        &state.db,
        &PostFilter {
            author: Some(actor.user_id),
            ..PostFilter::default()
        },
        i64::MIN,
        50,
    )
    .await?;
    let lang = Lang::current();
    let notice = match query::single(&pairs, "ok") {
        Some("geloescht") => lang.t("pinboard-deleted"),
        Some("gemeldet") => lang.t("pinboard-reported"),
        _ => String::new(),
    };
    let page_view = IndexPage {
        layout: Layout::new(lang.t("pinboard-title"))
            .in_section("mein-bereich")
            .translated(),
        posts: posts
            .iter()
            .map(|p| view(p, actor.user_id, today))
            .collect(),
        mine: mine.iter().map(|p| view(p, actor.user_id, today)).collect(),
        kinds: Kind::ALL
            .iter()
            .map(|k| Check {
                value: k.slug().into(),
                label: kind_label(lang, *k),
                checked: kind.as_deref() == Some(k.slug()),
            })
            .collect(),
        topics: TOPICS
            .iter()
            .map(|(s, _)| Check {
                value: (*s).into(),
                label: topic_label(lang, s),
                checked: topic.as_deref() == Some(*s),
            })
            .collect(),
        sparten: state
            .categories
            .list()
            .iter()
            .map(|c| Check {
                value: c.slug.clone(),
                label: c.name_in(lang == Lang::En).to_owned(),
                checked: sparten.contains(&c.slug),
            })
            .collect(),
        districts: District::ALL
            .iter()
            .map(|d| Check {
                value: d.slug().into(),
                label: d.name().into(),
                checked: districts.iter().any(|x| x == d.slug()),
            })
            .collect(),
        q,
        notice,
    };
    page::private(StatusCode::OK, &page_view)
}

#[derive(Template)]
#[template(path = "pinboard/form.html")]
pub struct FormPage {
    pub layout: Layout,
    pub action: String,
    pub heading: String,
    pub f: FormView,
    pub topics: Vec<Choice>,
    pub sparten: Vec<Choice>,
    pub districts: Vec<Choice>,
    pub organizations: Vec<Choice>,
    pub unverified: bool,
}

async fn form_page(
    state: &AppState,
    actor: &Actor,
    action: String,
    heading: &str,
    f: FormView,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let heading = lang.t(heading);
    let view = FormPage {
        layout: Layout::new(heading.clone())
            .in_section("mein-bereich")
            .translated(),
        action,
        heading,
        f,
        topics: TOPICS
            .iter()
            .map(|(s, _)| Choice {
                value: (*s).into(),
                label: topic_label(lang, s),
            })
            .collect(),
        sparten: state
            .categories
            .list()
            .iter()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: c.name_in(lang == Lang::En).to_owned(),
            })
            .collect(),
        districts: District::ALL
            .iter()
            .map(|d| Choice {
                value: d.slug().into(),
                label: d.name().into(),
            })
            .collect(),
        organizations: crate::web::editor::organizations_of(state, actor).await?,
        unverified: !actor.email_verified,
    };
    page::private(status, &view)
}

fn choices(state: &AppState, actor: &Actor) -> (Vec<i64>, Vec<i64>) {
    (
        state.categories.list().iter().map(|c| c.id).collect(),
        actor.organizations.iter().map(|(id, _)| *id).collect(),
    )
}

/// `GET /pinnwand/neu`
pub async fn new_form(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let mut f = FormData::default();
    let until = calendar::local_date(state.clock.now()) + chrono::Days::new(rules::DEFAULT_DAYS);
    f.set("expires", until.format("%Y-%m-%d").to_string());
    f.set("kind", "sucht");
    let view = FormView::new(f, FieldErrors::default());
    form_page(
        &state,
        &actor,
        "/pinnwand/neu".into(),
        "pinboard-new",
        view,
        StatusCode::OK,
    )
    .await
}

/// `POST /pinnwand/neu`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    save(&state, &actor, None, FormData::from_urlencoded(&body)).await
}

async fn save(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    form: FormData,
) -> Result<Response, AppError> {
    let (action, heading) = match id {
        Some(id) => (format!("/pinnwand/{id}/bearbeiten"), "pinboard-edit"),
        None => ("/pinnwand/neu".to_owned(), "pinboard-new"),
    };
    if !actor.email_verified {
        let mut errors = FieldErrors::default();
        errors.add("title", "pinboard-error-unverified");
        let f = FormView::new(form, errors);
        return form_page(state, actor, action, heading, f, StatusCode::FORBIDDEN).await;
    }
    let (categories, organizations) = choices(state, actor);
    let today = calendar::local_date(state.clock.now());
    match PostInput::parse(&form, today, &categories, &organizations) {
        Ok(input) => {
            let now = state.clock.now().timestamp();
            let id = pinboard::save(&state.db, id, &input, actor.user_id, now).await?;
            Ok(redirect(&format!("/pinnwand/{id}?ok=gespeichert")).into_response())
        }
        Err(errors) => {
            let f = FormView::new(form, errors);
            form_page(
                state,
                actor,
                action,
                heading,
                f,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

/// A post the member may see: visible and current, or their own, or for moderators.
async fn readable(state: &AppState, actor: &Actor, id: &str) -> Result<PostRow, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let post = pinboard::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = post.hidden_at.is_none() && post.expires_day >= today(state);
    if current || post.author_id == actor.user_id || actor.is_moderator() {
        Ok(post)
    } else {
        Err(AppError::NotFound)
    }
}

fn own(actor: &Actor, post: &PostRow) -> Result<(), AppError> {
    if post.author_id == actor.user_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[derive(Template)]
#[template(path = "pinboard/show.html")]
pub struct ShowPage {
    pub layout: Layout,
    pub post: PostView,
    pub body_html: String,
    pub sparten: Vec<(String, String)>,
    pub notice: String,
    pub f: FormView,
    pub moderator: bool,
}

async fn show_page(
    state: &AppState,
    actor: &Actor,
    post: &PostRow,
    f: FormView,
    notice: &'static str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = Lang::current();
    let all = state.categories.list();
    let view = ShowPage {
        layout: Layout::new(post.title.clone())
            .in_section("mein-bereich")
            .translated(),
        post: view(post, actor.user_id, today(state)),
        body_html: markdown::render(&post.body),
        sparten: pinboard::categories_of(&state.db, post.id)
            .await?
            .into_iter()
            .map(|(slug, name)| {
                let name = all
                    .iter()
                    .find(|c| c.slug == slug)
                    .map_or(name, |c| c.name_in(lang == Lang::En).to_owned());
                (slug, name)
            })
            .collect(),
        notice: if notice.is_empty() {
            String::new()
        } else {
            lang.t(notice)
        },
        f,
        moderator: actor.is_moderator(),
    };
    page::private(status, &view)
}

/// `GET /pinnwand/{id}`
pub async fn show(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    let notice = match raw.as_deref() {
        Some("ok=gespeichert") => "pinboard-saved",
        Some("ok=verlaengert") => "pinboard-renewed",
        _ => "",
    };
    let f = FormView::new(FormData::default(), FieldErrors::default());
    show_page(&state, &actor, &post, f, notice, StatusCode::OK).await
}

/// `GET /pinnwand/{id}/bearbeiten`
pub async fn edit_form(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    own(&actor, &post)?;
    let mut f = FormData::default();
    f.set("kind", post.kind.clone());
    f.set("topic", post.topic.clone());
    f.set("title", post.title.clone());
    f.set("body", post.body.clone());
    f.set("district", post.district.clone().unwrap_or_default());
    f.set("period", post.period.clone());
    f.set(
        "expires",
        from_day_number(post.expires_day)
            .format("%Y-%m-%d")
            .to_string(),
    );
    f.set(
        "as",
        post.organization_id
            .map_or_else(|| "person".to_owned(), |o| o.to_string()),
    );
    let all = state.categories.list();
    for (slug, _) in pinboard::categories_of(&state.db, post.id).await? {
        if let Some(c) = all.iter().find(|c| c.slug == slug) {
            f.push("sparte", c.id.to_string());
        }
    }
    let view = FormView::new(f, FieldErrors::default());
    form_page(
        &state,
        &actor,
        format!("/pinnwand/{}/bearbeiten", post.id),
        "pinboard-edit",
        view,
        StatusCode::OK,
    )
    .await
}

/// `POST /pinnwand/{id}/bearbeiten`
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    own(&actor, &post)?;
    save(
        &state,
        &actor,
        Some(post.id),
        FormData::from_urlencoded(&body),
    )
    .await
}

/// `POST /pinnwand/{id}/{action}`: `verlaengern` and `loeschen` (the author; moderators may
/// delete), `melden` (any member, with a reason), `antworten` (a private message).
pub async fn act(
    State(state): State<AppState>,
    session: Session,
    Path((id, action)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let (_, actor) = require_actor(&state, &session).await?;
    let post = readable(&state, &actor, &id).await?;
    let form = FormData::from_urlencoded(&body);
    let now = state.clock.now().timestamp();
    match action.as_str() {
        "verlaengern" => {
            own(&actor, &post)?;
            let until = today(&state) + rules::DEFAULT_DAYS as i64;
            pinboard::renew(&state.db, post.id, until, actor.user_id, now).await?;
            Ok(redirect(&format!("/pinnwand/{}?ok=verlaengert", post.id)).into_response())
        }
        "loeschen" => {
            if post.author_id != actor.user_id && !actor.is_moderator() {
                return Err(AppError::Forbidden);
            }
            pinboard::delete(&state.db, post.id, actor.user_id, now).await?;
            Ok(redirect("/pinnwand?ok=geloescht").into_response())
        }
        "melden" => {
            let reason: String = form.trimmed("reason").chars().take(1000).collect();
            pinboard::report(&state.db, post.id, actor.user_id, &reason, now).await?;
            crate::web::notify::notify_moderators_in(
                &state,
                |lang| {
                    let title = [("title", post.title.as_str())];
                    (
                        lang.t_args("mail-pinboard-reported-subject", &title),
                        lang.t_args("mail-pinboard-reported-text", &title),
                    )
                },
                "/moderation#pinnwand",
            )
            .await?;
            Ok(redirect("/pinnwand?ok=gemeldet").into_response())
        }
        "antworten" => {
            let text: String = form.trimmed("message").chars().take(10_000).collect();
            if text.chars().count() < 2 || !actor.email_verified {
                let mut errors = FieldErrors::default();
                errors.add(
                    "message",
                    if actor.email_verified {
                        "message-text-missing"
                    } else {
                        "message-confirm-first"
                    },
                );
                let f = FormView::new(form, errors);
                return show_page(
                    &state,
                    &actor,
                    &post,
                    f,
                    "",
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            let to = match post.organization_id {
                Some(org) => crate::db::messages::Recipient::Inbox(org),
                None => crate::db::messages::Recipient::Member(post.author_id),
            };
            let thread = crate::web::messages::send_new(
                &state,
                &actor,
                to,
                // The thread's subject, in the language of the one who starts it.
                &Lang::current()
                    .t_args("pinboard-reply-subject", &[("title", post.title.as_str())]),
                &text,
                Some(post.id),
            )
            .await?;
            match thread {
                Ok(id) => Ok(redirect(&format!("/nachrichten/{id}")).into_response()),
                Err(message) => {
                    let mut errors = FieldErrors::default();
                    errors.add("message", message);
                    let f = FormView::new(form, errors);
                    show_page(
                        &state,
                        &actor,
                        &post,
                        f,
                        "",
                        StatusCode::UNPROCESSABLE_ENTITY,
                    )
                    .await
                }
            }
        }
        _ => Err(AppError::NotFound),
    }
}

/// Mails the authors of posts that expire within [`rules::REMIND_DAYS`] days, once per
/// post, with the link that renews it. Returns how many were reminded.
pub async fn remind_expiring(state: &AppState) -> Result<usize, AppError> {
    let today = today(state);
    let now = state.clock.now().timestamp();
    let mut n = 0;
    for (id, title, user, email, until) in
        pinboard::expiring(&state.db, today, today + rules::REMIND_DAYS).await?
    {
        if !pinboard::claim_reminder(&state.db, id, Some(now)).await? {
            continue;
        }
        let link = format!("/pinnwand/{id}");
        crate::web::notify::notify_in(
            state,
            user,
            &email,
            "erinnerungen",
            |lang| {
                let date = calendar::long_date_in(from_day_number(until), lang.dates());
                let text = format!(
                    "{}\n\n{}\n\n{}\n{}\n",
                    lang.t("mail-hello"),
                    lang.t_args(
                        "mail-pinboard-expiring",
                        &[("title", title.as_str()), ("date", date.as_str())]
                    ),
                    lang.t_args(
                        "mail-pinboard-renew",
                        &[("days", rules::DEFAULT_DAYS.to_string().as_str())]
                    ),
                    crate::web::notify::page_url(state, lang, &link)
                );
                (
                    lang.t_args(
                        "mail-pinboard-expiring-subject",
                        &[("title", title.as_str())],
                    ),
                    text,
                )
            },
            &link,
        )
        .await?;
        n += 1;
    }
    Ok(n)
}
